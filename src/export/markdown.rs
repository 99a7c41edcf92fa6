//! A readable report: the title, then the events grouped by year, each with its detail as `show`
//! gives it. Source URLs that are http(s) URIs are real links (`[title](<url>)`); all other text
//! is escaped so that data never becomes markup.

use crate::model::{EventIx, Timeline};
use crate::report::{detail, DetailLine};
use chrono::Datelike;

/// Markdown's own characters in running text, escaped so data cannot become markup. The report
/// is for reading, not for reading back: control and bidi characters are shown as `\u{…}`
/// escapes, so that a reader sees them and a viewer does not obey them.
pub(crate) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if crate::text::is_unsafe(c) {
            // The escape's backslash escaped as Markdown's own, as any other backslash is.
            out.push_str(&format!("\\\\u{{{:x}}}", c as u32));
            continue;
        }
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line of a paragraph: escaped as running text, and kept from starting a list, a heading, a
/// block quote or a thematic break (`- x`, `1. x`, `===`, `+`).
fn md_line(text: &str) -> String {
    let escaped = md(text);
    let trimmed = escaped.trim_start();
    let indent = &escaped[..escaped.len() - trimmed.len()];
    if trimmed.starts_with(['-', '+', '=']) {
        return format!("{indent}\\{trimmed}");
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
        return format!("{indent}{}\\{}", &trimmed[..digits], &trimmed[digits..]);
    }
    // Four spaces would make an indented code block of a literal line; keep it a paragraph.
    format!("{}{trimmed}", if indent.is_empty() { "" } else { "&nbsp;&nbsp;" })
}

pub fn report(timeline: &Timeline, events: &[EventIx]) -> String {
    let mut out = format!("# {}\n\n", md(&timeline.title));
    if let Some(description) = &timeline.description {
        for line in crate::text::reflow(description.trim()).lines() {
            out.push_str(&md_line(line));
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&format!("{} events.\n", events.len()));
    let mut year = None;
    for &ix in events {
        let event = &timeline.events[ix];
        let event_year = event.date.first_day().year();
        if year != Some(event_year) {
            year = Some(event_year);
            out.push_str(&format!("\n## {}\n", crate::model::date::long_year(event_year)));
        }
        out.push('\n');
        let mut sources = event.sources.iter();
        for line in detail(timeline, ix) {
            match line {
                DetailLine::Title(t) => out.push_str(&format!("### {}\n\n", md(&t))),
                DetailLine::Field(label, value) => out.push_str(&format!("- **{label}:** {}\n", md(&value))),
                DetailLine::Heading(h) => out.push_str(&format!("\n**{h}**\n\n")),
                DetailLine::Paragraph(p) => {
                    for para in p.split('\n') {
                        out.push_str(&md_line(para));
                        out.push('\n');
                    }
                }
                // The detail lists the sources in order, one line each.
                DetailLine::Source { .. } => {
                    if let Some(source) = sources.next() {
                        out.push_str(&format!("- {}\n", source_line(source)));
                    }
                }
                DetailLine::Bullet(b) => out.push_str(&format!("- {}\n", md(&b))),
                DetailLine::Link { event, text } => {
                    let target = &timeline.events[event];
                    // Ids are `[a-z0-9_-]`: nothing to escape, and escapes would show in code spans.
                    out.push_str(&format!("- → {} (`{}`)\n", md(&text), target.id));
                }
                DetailLine::Blank => {}
            }
        }
    }
    out
}

/// A source as a list item: its title a link when its URL is an http(s) URI, else the URL shown
/// as text after it. The explorer's copy menu copies it as the Markdown citation.
pub fn source_line(source: &crate::model::Source) -> String {
    let mut rest = String::new();
    if let Some(p) = &source.publisher {
        rest.push_str(&format!(" — {}", md(p)));
    }
    if let Some(d) = &source.date {
        rest.push_str(&format!(", {}", md(&d.human())));
    }
    match source.url.as_deref().map(|u| (u, super::http_uri(u))) {
        // `<…>` around the destination: a URI has no spaces, `<` or `>`, and parentheses in it
        // need no balancing there.
        Some((_, Some(uri))) => format!("[{}](<{uri}>){rest}", md(&source.title)),
        Some((raw, None)) => format!("{}{rest} ({})", md(&source.title), md(raw)),
        None => format!("{}{rest}", md(&source.title)),
    }
}
