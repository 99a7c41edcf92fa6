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

/// Whether a word of text holds a web or mail address, which wrapping must never break.
fn is_address(word: &str) -> bool {
    !urls_in(word).is_empty()
}

/// Wraps text of the detail: at spaces, an address never broken (`text::wrap_keeping`).
fn wrap(text: &str, columns: usize) -> Vec<String> {
    text::wrap_keeping(text, columns, is_address)
}

/// Finds `urls` (the addresses of the text these rows were wrapped from, in order) in `rows`,
/// numbered from `first_row`. Wrapping never breaks an address, so each is whole on one row, or
/// its start cut with `…` at the end of a row of its own; either way it links to the whole.
fn place_urls(rows: &[Row], first_row: usize, urls: &[String], out: &mut Vec<UrlSpan>) {
    let (mut r, mut from) = (0, 0);
    'urls: for url in urls {
        let Some(target) = hyperlink_target(url) else { continue };
        let head = url.get(..url.len().min(8)).unwrap_or(url);
        while r < rows.len() {
            let text: String = rows[r].iter().map(|(t, _)| t.as_str()).collect();
            let whole = text.get(from..).and_then(|t| t.find(url.as_str())).map(|i| (i + from, url.len()));
            let cut = || {
                let body = text.trim_end().strip_suffix('…')?;
                let at = body.get(from..)?.find(head)? + from;
                url.starts_with(&body[at..]).then(|| (at, body.len() - at + '…'.len_utf8()))
            };
            if let Some((at, len)) = whole.or_else(cut) {
                out.push(UrlSpan {
                    row: first_row + r,
                    column: text::width(&text[..at]),
                    width: text::width(&text[at..at + len]),
                    url: target,
                });
                from = at + len;
                continue 'urls;
            }
            r += 1;
            from = 0;
        }
    }
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
        let lines = report::detail_in(timeline, event, report::Wording::Compact, zone);
        // The id is noise on screen; the copy menu (`y`), `show` and `list --ids` give it.
        for line in lines.into_iter().filter(|l| !matches!(l, DetailLine::Field(report::ID_LABEL, _))) {
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
                        rows.extend(wrap(&value, width).into_iter().map(|w| vec![(w, Part::Plain)]));
                    } else {
                        for (i, w) in wrap(&value, width - indent).into_iter().enumerate() {
                            let lead = if i == 0 { text::pad(label, indent) } else { " ".repeat(indent) };
                            rows.push(vec![(lead, Part::Label), (w, Part::Plain)]);
                        }
                    }
                }
                DetailLine::Heading(h) => rows.push(vec![(h.to_string(), Part::Heading)]),
                DetailLine::Paragraph(p) => {
                    for w in wrap(&display_safe(&p, true), width.saturating_sub(1).max(1)) {
                        rows.push(vec![(format!(" {w}"), Part::Plain)]);
                    }
                }
                DetailLine::Bullet(b) => push_hanging(&mut rows, "• ", &b, width, Part::Item),
                DetailLine::Source { text: t, url } => {
                    push_hanging(&mut rows, "• ", &t, width, Part::Item);
                    if let Some(url) = url {
                        push_address(&mut rows, &mut urls, &url, width);
                    }
                }
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

/// A source's address on a row of its own under it, cut with `…` only where it is wider than
/// the pane; its hyperlink (where it is a web or mail address) is to the whole.
fn push_address(rows: &mut Vec<Row>, urls: &mut Vec<UrlSpan>, url: &str, width: usize) {
    const INDENT: &str = "  ";
    let shown =
        text::truncate(&display_safe(url, false), width.saturating_sub(INDENT.len()).max(1)).into_owned();
    if let Some(target) = hyperlink_target(url) {
        urls.push(UrlSpan { row: rows.len(), column: INDENT.len(), width: text::width(&shown), url: target });
    }
    rows.push(vec![(INDENT.to_string(), Part::Plain), (shown, Part::Item)]);
}

fn push_hanging(rows: &mut Vec<Row>, mark: &str, content: &str, width: usize, part: Part) {
    let indent = text::width(mark);
    let wrapped = wrap(&display_safe(content, false), width.saturating_sub(indent).max(1));
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
    fn a_url_is_never_broken_cut_only_where_wider_than_the_pane_and_links_to_the_whole() {
        let t = model::load_builtin().unwrap();
        for event in 0..t.events.len() {
            let urls: Vec<String> = t.events[event].sources.iter().filter_map(|s| s.url.clone()).collect();
            for width in [12, 20, 40, 80, 200] {
                let layout = DetailLayout::new(&t, event, width);
                for url in &urls {
                    let pieces: Vec<&UrlSpan> = layout.urls.iter().filter(|u| u.url == *url).collect();
                    assert_eq!(pieces.len(), 1, "{url} in one piece at width {width}");
                    let row = plain(&layout.rows[pieces[0].row]);
                    let shown = row.trim();
                    if text::width(url) + 2 <= width {
                        assert_eq!(shown, url, "whole where it fits, at width {width}");
                    } else {
                        let cut = shown.strip_suffix('…').expect("cut with an ellipsis");
                        assert!(url.starts_with(cut), "{shown} starts {url}");
                    }
                    assert_eq!(pieces[0].width, text::width(shown), "the whole piece links");
                }
            }
        }
    }

    #[test]
    fn an_address_in_prose_keeps_a_line_of_its_own_and_links() {
        let url = format!("https://example.org/{}", "a".repeat(60));
        let yaml = format!(
            "title: T\nevents:\n  - id: a\n    title: A\n    date: 2020\n    summary: See {url} for more.\n"
        );
        let t = model::load_str("t.yaml", &yaml).unwrap();
        let layout = DetailLayout::new(&t, 0, 40);
        assert_eq!(layout.urls.len(), 1);
        let row = plain(&layout.rows[layout.urls[0].row]);
        assert!(row.trim().ends_with('…') && url.starts_with(row.trim().trim_end_matches('…')), "{row}");
        assert_eq!(layout.urls[0].url, url);
        assert!(layout.rows.iter().any(|r| plain(r).trim() == "for more."), "{:?}", layout.rows);
    }

    #[test]
    fn the_detail_has_no_id_row() {
        let t = model::load_builtin().unwrap();
        let layout = DetailLayout::new(&t, 0, 80);
        assert!(!layout.rows.iter().any(|r| plain(r).starts_with("Id ")));
        assert!(report::detail_text(&t, 0, 80, &t.zone).contains(&format!("Id:         {}", t.events[0].id)));
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
