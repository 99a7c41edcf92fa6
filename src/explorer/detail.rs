//! The detail pane's content: an event's detail (from `report::detail`) wrapped to the pane's
//! width, with the rows where each related-event link sits so keys and clicks can follow them.
//!
//! The layout is plain data, without styles: scrolling and link keys need only its rows, so
//! `App::update` never builds anything it would not draw, and the theme is applied when drawing
//! (`tui::detail::styled`).
//! A layout depends only on the event and the width, so it is cached for those.

use crate::model::{EventIx, Timeline, Zone};
use crate::report::{self, DetailLine};
use crate::text::{self, display_safe};
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
    /// Where web and mail addresses sit, for terminal hyperlinks (OSC 8).
    pub urls: Vec<UrlSpan>,
}

/// A piece of a URL on one row: `width` columns from `column`. A URL wrapped over rows has a
/// piece on each, every piece linking to the whole address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlSpan {
    pub row: usize,
    pub column: usize,
    pub width: usize,
    /// The address, made safe for an escape sequence (`hyperlink_target`).
    pub url: String,
}

/// The address as an OSC 8 target: only http, https and mailto, and only printable ASCII
/// (anything else percent-encoded, so no byte can end the sequence or reach the terminal).
pub fn hyperlink_target(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if !["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if (0x21..0x7f).contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// The addresses in `text`: words that start with a scheme, without `<>` and trailing
/// punctuation around them.
fn urls_in(text: &str) -> Vec<String> {
    text.split(char::is_whitespace)
        .map(|w| w.trim_start_matches(['<', '(', '"']).trim_end_matches(['>', ')', '"', ',', '.', ';']))
        .filter(|w| hyperlink_target(w).is_some())
        .map(str::to_string)
        .collect()
}

/// Finds the pieces of `urls` (the addresses of the text these rows were wrapped from) in
/// `rows`, numbered from `first_row`.
fn place_urls(rows: &[Row], first_row: usize, urls: &[String], out: &mut Vec<UrlSpan>) {
    let mut queue = urls.iter();
    let mut current: Option<(&String, usize)> = queue.next().map(|u| (u, 0));
    for (r, row) in rows.iter().enumerate() {
        let text: String = row.iter().map(|(t, _)| t.as_str()).collect();
        let mut from = 0;
        while let Some((url, done)) = current {
            let rest = &url[done..];
            // A URL carried over from the row above continues at this row's text; else look
            // for its start.
            let at = if done > 0 {
                let lead = text.len() - text.trim_start().len();
                Some(lead).filter(|_| !rest.is_empty())
            } else {
                text[from..].find(rest.get(..rest.len().min(8)).unwrap_or(rest)).map(|i| i + from)
            };
            let Some(at) = at else { break };
            let here = common_prefix(&text[at..], rest);
            if here == 0 {
                break;
            }
            if let Some(target) = hyperlink_target(url) {
                out.push(UrlSpan {
                    row: first_row + r,
                    column: text::width(&text[..at]),
                    width: text::width(&text[at..at + here]),
                    url: target,
                });
            }
            from = at + here;
            if done + here >= url.len() {
                current = queue.next().map(|u| (u, 0));
            } else {
                current = Some((url, done + here));
                break;
            }
        }
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y)
        .map(|((i, x), _)| i + x.len_utf8())
        .last()
        .unwrap_or(0)
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
        let mut urls = Vec::new();
        for line in report::detail_in(timeline, event, report::Wording::Compact, zone) {
            let first_row = rows.len();
            let addresses = match &line {
                DetailLine::Field(_, t) | DetailLine::Paragraph(t) | DetailLine::Bullet(t) => urls_in(t),
                _ => Vec::new(),
            };
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
            if !addresses.is_empty() {
                place_urls(&rows[first_row..], first_row, &addresses, &mut urls);
            }
        }
        DetailLayout { rows, links, urls }
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
    fn every_piece_of_a_wrapped_url_links_to_the_whole() {
        let t = model::load_builtin().unwrap();
        let event =
            (0..t.events.len()).find(|&i| t.events[i].sources.iter().any(|s| s.url.is_some())).unwrap();
        let url = t.events[event].sources.iter().find_map(|s| s.url.clone()).unwrap();
        for width in [12, 20, 40, 80, 200] {
            let layout = DetailLayout::new(&t, event, width);
            let pieces: Vec<&UrlSpan> = layout.urls.iter().filter(|u| u.url == url).collect();
            assert!(!pieces.is_empty(), "no link at width {width}");
            let shown: String = pieces
                .iter()
                .map(|p| {
                    let row = plain(&layout.rows[p.row]);
                    let skip: String = row
                        .chars()
                        .scan(0, |w, c| {
                            *w += text::width(&c.to_string());
                            Some((*w, c))
                        })
                        .filter(|(w, _)| *w > p.column && *w <= p.column + p.width)
                        .map(|(_, c)| c)
                        .collect();
                    skip
                })
                .collect();
            assert_eq!(shown, url, "at width {width}");
        }
    }

    #[test]
    fn only_web_and_mail_addresses_become_links_and_they_are_escaped() {
        assert_eq!(hyperlink_target("javascript:alert(1)"), None);
        assert_eq!(hyperlink_target("file:///etc/passwd"), None);
        assert_eq!(
            hyperlink_target("https://a.b/é x\x07\x1b]"),
            Some("https://a.b/%C3%A9%20x%07%1B]".into())
        );
        assert_eq!(hyperlink_target("MAILTO:a@b.c"), Some("MAILTO:a@b.c".into()));
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
