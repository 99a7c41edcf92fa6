//! A readable report: the title, then the events grouped by year, each with its detail as `show`
//! gives it.

use super::clean;
use crate::model::{EventIx, Timeline};
use crate::report::{detail, DetailLine};
use chrono::Datelike;

/// Markdown's own characters in running text, escaped so data cannot become markup.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text, false).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn report(timeline: &Timeline, events: &[EventIx]) -> String {
    let mut out = format!("# {}\n\n", md(&timeline.title));
    if let Some(description) = &timeline.description {
        for line in crate::text::reflow(description.trim()).lines() {
            out.push_str(&md(line));
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&format!("{} events.\n", events.len()));
    let mut year = None;
    for &ix in events {
        let event_year = timeline.events[ix].date.first_day().year();
        if year != Some(event_year) {
            year = Some(event_year);
            out.push_str(&format!("\n## {event_year}\n"));
        }
        out.push('\n');
        for line in detail(timeline, ix) {
            match line {
                DetailLine::Title(t) => out.push_str(&format!("### {}\n\n", md(&t))),
                DetailLine::Field(label, value) => out.push_str(&format!("- **{label}:** {}\n", md(&value))),
                DetailLine::Heading(h) => out.push_str(&format!("\n**{h}**\n\n")),
                DetailLine::Paragraph(p) => {
                    for para in p.split('\n') {
                        out.push_str(&md(para));
                        out.push('\n');
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
