//! The detail pane's content: an event's detail (from `report::detail`) wrapped to the pane's
//! width, styled, with the rows where each related-event link sits so keys and clicks can follow
//! them.

use super::theme::Theme;
use crate::model::{EventIx, Timeline};
use crate::report::{self, DetailLine};
use crate::text::{self, display_safe};
use ratatui::text::{Line, Span};

/// Where one link sits in the wrapped lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkSpan {
    pub first_row: usize,
    pub last_row: usize,
    pub event: EventIx,
}

pub struct DetailView {
    pub lines: Vec<Line<'static>>,
    pub links: Vec<LinkSpan>,
}

const LABEL_WIDTH: usize = 10;

impl DetailView {
    pub fn new(
        timeline: &Timeline,
        event: EventIx,
        width: usize,
        selected_link: Option<usize>,
        theme: Option<&Theme>,
        highlight: Option<&str>,
    ) -> DetailView {
        let default_theme = Theme::default();
        let theme = theme.unwrap_or(&default_theme);
        let width = width.max(4);
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut links = Vec::new();
        for line in report::detail(timeline, event) {
            match line {
                DetailLine::Title(t) => {
                    for w in text::wrap(&display_safe(&t, false), width) {
                        lines.push(Line::styled(w, theme.title));
                    }
                }
                DetailLine::Field(label, value) => {
                    let indent = if width > LABEL_WIDTH + 12 { LABEL_WIDTH + 1 } else { 0 };
                    let value = display_safe(&value, false);
                    if indent == 0 {
                        lines.push(Line::styled(label.to_string(), theme.label));
                        for w in text::wrap(&value, width) {
                            lines.push(Line::raw(w));
                        }
                    } else {
                        for (i, w) in text::wrap(&value, width - indent).into_iter().enumerate() {
                            let lead = if i == 0 { text::pad(label, indent) } else { " ".repeat(indent) };
                            lines.push(Line::from(vec![Span::styled(lead, theme.label), Span::raw(w)]));
                        }
                    }
                }
                DetailLine::Heading(h) => lines.push(Line::styled(h.to_string(), theme.heading)),
                DetailLine::Paragraph(p) => {
                    for w in text::wrap(&display_safe(&p, true), width.saturating_sub(1).max(1)) {
                        lines.push(Line::raw(format!(" {w}")));
                    }
                }
                DetailLine::Bullet(b) => push_hanging(&mut lines, "• ", &b, width, theme.text),
                DetailLine::Link { event, text: t } => {
                    let index = links.len();
                    let style = if selected_link == Some(index) { theme.link_selected } else { theme.link };
                    let first_row = lines.len();
                    push_hanging(&mut lines, "→ ", &t, width, style);
                    links.push(LinkSpan { first_row, last_row: lines.len() - 1, event });
                }
                DetailLine::Blank => lines.push(Line::raw("")),
            }
        }
        if let Some(needle) = highlight.filter(|n| !n.is_empty()) {
            for line in &mut lines {
                *line = highlight_line(std::mem::take(line), needle, theme.matched);
            }
        }
        DetailView { lines, links }
    }
}

/// Restyles every case-insensitive occurrence of `needle` (lower-case) in a line.
fn highlight_line(line: Line<'static>, needle: &str, style: ratatui::style::Style) -> Line<'static> {
    let line_style = line.style;
    let mut spans = Vec::new();
    for span in line.spans {
        let found = crate::model::search::occurrences(&span.content, needle);
        if found.is_empty() {
            spans.push(span);
            continue;
        }
        let chars: Vec<char> = span.content.chars().collect();
        let mut at = 0;
        for (start, end) in found {
            if start > at {
                spans.push(Span::styled(chars[at..start].iter().collect::<String>(), span.style));
            }
            spans.push(Span::styled(chars[start..end].iter().collect::<String>(), span.style.patch(style)));
            at = end;
        }
        if at < chars.len() {
            spans.push(Span::styled(chars[at..].iter().collect::<String>(), span.style));
        }
    }
    Line::from(spans).style(line_style)
}

fn push_hanging(
    lines: &mut Vec<Line<'static>>,
    mark: &str,
    content: &str,
    width: usize,
    style: ratatui::style::Style,
) {
    let indent = text::width(mark);
    for (i, w) in
        text::wrap(&display_safe(content, false), width.saturating_sub(indent).max(1)).into_iter().enumerate()
    {
        let lead = if i == 0 { mark.to_string() } else { " ".repeat(indent) };
        lines.push(Line::from(vec![Span::raw(lead), Span::styled(w, style)]));
    }
}
