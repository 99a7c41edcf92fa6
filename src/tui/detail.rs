//! The detail pane's content: an event's detail (from `report::detail`) wrapped to the pane's
//! width, with the rows where each related-event link sits so keys and clicks can follow them.
//!
//! The layout is plain data, without styles: scrolling and link keys need only its rows, so
//! `App::update` never builds anything it would not draw, and the theme is applied when drawing.
//! A layout depends only on the event and the width, so it is cached for those.

use super::theme::Theme;
use crate::model::{EventIx, Timeline, Zone};
use crate::report::{self, DetailLine};
use crate::text::{self, display_safe};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::cell::RefCell;
use std::rc::Rc;

/// Where one link sits in the wrapped rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkSpan {
    pub first_row: usize,
    pub last_row: usize,
    pub event: EventIx,
}

/// What a piece of a row is, which decides its style when drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Label,
    Heading,
    Plain,
    /// Text of a list item.
    Item,
    /// Text of the `n`th link.
    Link(usize),
}

/// One row: pieces of text, each with what it is. Text is already made safe for the screen.
pub type Row = Vec<(String, Part)>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailLayout {
    pub rows: Vec<Row>,
    pub links: Vec<LinkSpan>,
}

const LABEL_WIDTH: usize = 10;

impl DetailLayout {
    /// The detail in the timeline's own zone.
    pub fn new(timeline: &Timeline, event: EventIx, width: usize) -> DetailLayout {
        DetailLayout::new_in(timeline, event, width, &timeline.zone)
    }

    /// The detail with times shown in `zone`.
    pub fn new_in(timeline: &Timeline, event: EventIx, width: usize, zone: &Zone) -> DetailLayout {
        let width = width.max(4);
        let mut rows: Vec<Row> = Vec::new();
        let mut links = Vec::new();
        for line in report::detail_in(timeline, event, report::Wording::Compact, zone) {
            match line {
                DetailLine::Title(t) => rows.extend(
                    text::wrap(&display_safe(&t, false), width).into_iter().map(|w| vec![(w, Part::Title)]),
                ),
                DetailLine::Field(label, value) => {
                    let indent = if width > LABEL_WIDTH + 12 { LABEL_WIDTH + 1 } else { 0 };
                    let value = display_safe(&value, false);
                    if indent == 0 {
                        rows.push(vec![(label.to_string(), Part::Label)]);
                        rows.extend(text::wrap(&value, width).into_iter().map(|w| vec![(w, Part::Plain)]));
                    } else {
                        for (i, w) in text::wrap(&value, width - indent).into_iter().enumerate() {
                            let lead = if i == 0 { text::pad(label, indent) } else { " ".repeat(indent) };
                            rows.push(vec![(lead, Part::Label), (w, Part::Plain)]);
                        }
                    }
                }
                DetailLine::Heading(h) => rows.push(vec![(h.to_string(), Part::Heading)]),
                DetailLine::Paragraph(p) => {
                    for w in text::wrap(&display_safe(&p, true), width.saturating_sub(1).max(1)) {
                        rows.push(vec![(format!(" {w}"), Part::Plain)]);
                    }
                }
                DetailLine::Bullet(b) => push_hanging(&mut rows, "• ", &b, width, Part::Item),
                DetailLine::Link { event, text: t } => {
                    let first_row = rows.len();
                    push_hanging(&mut rows, "→ ", &t, width, Part::Link(links.len()));
                    links.push(LinkSpan { first_row, last_row: rows.len() - 1, event });
                }
                DetailLine::Blank => rows.push(Vec::new()),
            }
        }
        DetailLayout { rows, links }
    }

    /// Rows `from..from + count`, styled: the highlighted link stands out, and every
    /// case-insensitive occurrence of `needle` (lower-case) is marked as a search match.
    pub fn styled(
        &self,
        from: usize,
        count: usize,
        selected_link: Option<usize>,
        needle: Option<&str>,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let style_of = |part: Part| match part {
            Part::Title => theme.title,
            Part::Label => theme.label,
            Part::Heading => theme.heading,
            Part::Plain => Style::default(),
            Part::Item => theme.text,
            Part::Link(i) if selected_link == Some(i) => theme.link_selected,
            Part::Link(_) => theme.link,
        };
        let needle = needle.filter(|n| !n.is_empty());
        self.rows
            .iter()
            .skip(from)
            .take(count)
            .map(|row| {
                let mut spans = Vec::with_capacity(row.len());
                for (content, part) in row {
                    let style = style_of(*part);
                    match needle {
                        Some(needle) => highlight(&mut spans, content, style, needle, theme.matched),
                        None => spans.push(Span::styled(content.clone(), style)),
                    }
                }
                Line::from(spans)
            })
            .collect()
    }
}

/// Pushes `content` as spans, every case-insensitive occurrence of `needle` restyled.
fn highlight(spans: &mut Vec<Span<'static>>, content: &str, style: Style, needle: &str, matched: Style) {
    let found = crate::model::search::occurrences(content, needle);
    if found.is_empty() {
        spans.push(Span::styled(content.to_string(), style));
        return;
    }
    let chars: Vec<char> = content.chars().collect();
    let mut at = 0;
    for (start, end) in found {
        if start > at {
            spans.push(Span::styled(chars[at..start].iter().collect::<String>(), style));
        }
        spans.push(Span::styled(chars[start..end].iter().collect::<String>(), style.patch(matched)));
        at = end;
    }
    if at < chars.len() {
        spans.push(Span::styled(chars[at..].iter().collect::<String>(), style));
    }
}

fn push_hanging(rows: &mut Vec<Row>, mark: &str, content: &str, width: usize, part: Part) {
    let indent = text::width(mark);
    let wrapped = text::wrap(&display_safe(content, false), width.saturating_sub(indent).max(1));
    for (i, w) in wrapped.into_iter().enumerate() {
        let lead = if i == 0 { mark.to_string() } else { " ".repeat(indent) };
        rows.push(vec![(lead, Part::Plain), (w, part)]);
    }
}

/// The last layout built, for the event and width it was built for. Scrolling, link keys and
/// every frame ask for the same one, so it is built once per selection and width. Drawing reads
/// the app through `&`, hence the cell.
#[derive(Default)]
pub struct DetailCache {
    last: RefCell<Option<(LayoutKey, Rc<DetailLayout>)>>,
}

/// What a layout depends on: the event, the width, the zone times are shown in.
type LayoutKey = (EventIx, usize, Zone);

impl DetailCache {
    pub fn get(&self, timeline: &Timeline, event: EventIx, width: usize) -> Rc<DetailLayout> {
        self.get_in(timeline, event, width, &timeline.zone)
    }

    /// The layout with times shown in `zone`.
    pub fn get_in(&self, timeline: &Timeline, event: EventIx, width: usize, zone: &Zone) -> Rc<DetailLayout> {
        let mut last = self.last.borrow_mut();
        match &*last {
            Some((key, layout)) if *key == (event, width, *zone) => Rc::clone(layout),
            _ => {
                let layout = Rc::new(DetailLayout::new_in(timeline, event, width, zone));
                *last = Some(((event, width, *zone), Rc::clone(&layout)));
                layout
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    fn plain(row: &Row) -> String {
        row.iter().map(|(t, _)| t.as_str()).collect()
    }

    #[test]
    fn links_know_their_rows_at_every_width() {
        let t = model::load_builtin().unwrap();
        let event = t.event_index("dialogue-round-3").unwrap();
        for width in [4, 20, 40, 80, 200] {
            let layout = DetailLayout::new(&t, event, width);
            assert!(!layout.links.is_empty());
            for (i, link) in layout.links.iter().enumerate() {
                for row in link.first_row..=link.last_row {
                    assert!(
                        layout.rows[row].iter().any(|(_, p)| *p == Part::Link(i)),
                        "row {row} holds link {i} at width {width}"
                    );
                }
                assert!(plain(&layout.rows[link.first_row]).starts_with("→ "));
            }
            // Labels are not wrapped, so the narrowest pane may cut one; text always fits.
            for row in layout.rows.iter().filter(|_| width >= 20) {
                assert!(text::width(&plain(row)) <= width, "{:?} wider than {width}", plain(row));
            }
        }
    }

    #[test]
    fn styling_marks_the_selected_link_and_the_matches() {
        let t = model::load_builtin().unwrap();
        let event = t.event_index("dialogue-round-3").unwrap();
        let layout = DetailLayout::new(&t, event, 60);
        let theme = Theme::default();
        let link = layout.links[0].first_row;
        let lines = layout.styled(link, 1, Some(0), None, &theme);
        assert!(lines[0].spans.iter().any(|s| s.style == theme.link_selected));
        let lines = layout.styled(link, 1, None, None, &theme);
        assert!(lines[0].spans.iter().all(|s| s.style != theme.link_selected));
        let lines = layout.styled(0, 1, None, Some("round"), &theme);
        let marked: String = lines[0]
            .spans
            .iter()
            .filter(|s| s.style == theme.title.patch(theme.matched))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked.to_lowercase(), "round");
    }

    #[test]
    fn the_cache_rebuilds_only_for_another_event_or_width() {
        let t = model::load_builtin().unwrap();
        let cache = DetailCache::default();
        let a = cache.get(&t, 0, 40);
        assert!(Rc::ptr_eq(&a, &cache.get(&t, 0, 40)));
        assert!(!Rc::ptr_eq(&a, &cache.get(&t, 0, 41)));
        assert_eq!(*cache.get(&t, 1, 40), DetailLayout::new(&t, 1, 40));
    }
}
