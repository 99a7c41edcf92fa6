//! The timeline view hides nothing: every event that passes the filter and touches the window
//! is, in every lane it belongs to and that is on screen, drawn (a mark, a bar, or counted in a
//! histogram cell) or counted in a `+N` written in that lane's row; the selected event is
//! always drawn. Checked on generated timelines (points, ranges, dates known to the month or
//! year, approximate dates, times in three zones, a range over a change of clocks), at sizes
//! from 40×12 to 300×80, zoomed and panned, under every lane grouping, and on bad input.

use super::view::{
    geometry, last_row_limit, shown_title, Content, Geometry, Item, TimelineView, MOST_TO_ARRANGE,
};
use super::Scale;
use crate::explorer::testing::explorer;
use crate::explorer::Explorer;
use crate::model::lanes::Grouping;
use crate::model::query::Query;
use crate::tui::theme::Theme;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::fmt::Write;

/// One generated event: what kind of date, where in the fortnight, which lanes.
#[derive(Debug, Clone)]
struct Gen {
    kind: u8,
    day: u32,
    hour: u32,
    minute: u32,
    length: u32,
    zone: u8,
    countries: u8,
    person: u8,
    tag: u8,
    status: u8,
}

fn gen_event() -> impl Strategy<Value = Gen> {
    (0u8..10, 14u32..29, 0u32..24, 0u32..60, 0u32..40, 0u8..3, 0u8..8, 0u8..5, 0u8..4, 0u8..12).prop_map(
        |(kind, day, hour, minute, length, zone, countries, person, tag, status)| Gen {
            kind,
            day,
            hour,
            minute,
            length,
            zone,
            countries,
            person,
            tag,
            status,
        },
    )
}

/// A thirteen-day crisis in October 1962 written in YAML: times in New York (the timeline's
/// zone, whose clocks went back on October 28), London and Tokyo.
fn crisis_yaml(events: &[Gen]) -> String {
    let mut out = String::from("title: Generated crisis\ntimezone: America/New_York\ncountries:\n");
    for c in ["US", "SU", "CU"] {
        let _ = writeln!(out, "  - {{id: {c}, name: Country {c}}}");
    }
    out.push_str("people:\n");
    for (p, country) in ["US", "SU", "", ""].iter().enumerate() {
        let country = if country.is_empty() { String::new() } else { format!(", country: {country}") };
        let _ = writeln!(out, "  - {{id: p{p}, name: Person {p}{country}}}");
    }
    out.push_str(if events.is_empty() { "events: []\n" } else { "events:\n" });
    for (i, g) in events.iter().enumerate() {
        let d = |day: u32| format!("1962-10-{day:02}");
        let t = |day: u32, h: u32, m: u32| format!("{}T{h:02}:{m:02}", d(day));
        // Hours that exist on every day in every zone used (none falls in a skipped hour here).
        let (h, m) = (g.hour, g.minute);
        let date = match g.kind {
            0 => d(g.day),
            1 => t(g.day, h, m),
            2 if g.length % 3 == 0 => {
                format!("{}..{}", t(g.day, h, m), t(g.day, (h + 1 + g.length % 5).min(23), m))
            }
            2 => format!("{}..{}", t(g.day, h, m), t(g.day + g.length % 3, (h + 5) % 24, m)),
            3 => format!("{}..{}", d(g.day), d((g.day + g.length % 5).min(31))),
            4 => "1962-10".to_string(),
            5 => format!("~{}", d(g.day)),
            6 => format!("{}..{}", t(g.day, h, m), t(g.day, h, m)),
            7 => "1962".to_string(),
            8 => format!("{}..1962-11-{:02}", t(g.day, h, m), 1 + g.length % 28),
            _ => format!("{}?", d(g.day)),
        };
        let zone = match g.zone {
            0 => "",
            1 => "\n    timezone: Europe/London",
            _ => "\n    timezone: Asia/Tokyo",
        };
        let countries: Vec<&str> = ["US", "SU", "CU"]
            .iter()
            .enumerate()
            .filter(|(b, _)| g.countries & (1 << b) != 0)
            .map(|(_, c)| *c)
            .collect();
        let people = if g.person < 4 { format!("[p{}]", g.person) } else { "[]".into() };
        // Who acted, from what the event lists: nobody said, one country, all, or the person.
        let person = (g.person < 4).then(|| format!("p{}", g.person));
        let by: Vec<String> = match g.minute % 4 {
            0 => Vec::new(),
            1 => countries.iter().take(1).map(|c| c.to_string()).collect(),
            2 => countries.iter().map(|c| c.to_string()).collect(),
            _ => person.into_iter().chain(countries.iter().map(|c| c.to_string())).collect(),
        };
        let by = if by.is_empty() { String::new() } else { format!("\n    by: [{}]", by.join(", ")) };
        let status = match g.status {
            0 => "planned",
            1 => "cancelled",
            _ => "happened",
        };
        let _ = writeln!(
            out,
            "  - id: e{i}\n    title: Event {i} with a title of some length {}\n    date: \"{date}\"{zone}\n    status: {status}\n    countries: [{}]\n    people: {people}{by}\n    tags: [t{}]",
            "x".repeat(usize::from(g.tag) * 3),
            countries.join(", "),
            g.tag
        );
    }
    out
}

/// Checks the invariant for the view `width` × `height` of `ex` as it stands.
pub fn check(ex: &Explorer, width: u16, height: u16) -> Result<(), TestCaseError> {
    let Some(geo) = geometry(ex, width, height) else {
        prop_assert!(ex.timeline.events.is_empty() || width < 2 || height == 0);
        return Ok(());
    };
    let lanes = ex.lane_list();
    // The rows above the axis, but the ghosts' row (`--changes`).
    let avail = geo.line_y.unwrap_or(height).max(1) - u16::from(geo.ghosts.is_some());
    if lanes.len() <= usize::from(avail) {
        prop_assert_eq!(geo.slots.len(), lanes.len(), "every lane has a row when one each fits");
    } else {
        prop_assert_eq!(geo.slots.len(), usize::from(avail), "one row each while the lanes scroll");
        let title = super::view::title(ex, &geo);
        prop_assert!(title.contains(&format!("of {} (J/K)", lanes.len())), "{}", title);
    }
    prop_assert_eq!(geo.hidden_above + geo.slots.len() + geo.hidden_below, lanes.len());
    let used: u16 = geo.slots.iter().map(|s| s.rows).sum();
    prop_assert!(used <= avail);
    let any_histogram = geo.slots.iter().any(|s| matches!(s.content, Content::Histogram { .. }));
    if any_histogram {
        prop_assert_eq!(used, avail, "a lane is a histogram only when the rows have run out");
    }
    let buf = render(ex, &geo, width, height);
    let scale = &geo.scale;
    let (v0, v1) = (scale.edge(0), scale.edge(i64::from(scale.width)));
    let selected = ex.selected_event();
    let mut y = 0;
    for slot in &geo.slots {
        prop_assert!(slot.rows >= 1);
        prop_assert_eq!(slot.y, y, "lanes follow one another");
        y += slot.rows;
        let lane = &lanes[slot.lane];
        // In view, worked out from each event's own date.
        let in_view: Vec<usize> = lane
            .events
            .iter()
            .copied()
            .filter(|&e| {
                let (start, end) = ex.time_axis().extent(&ex.timeline.events[e].date);
                let touches = start < v1 && (start >= v0 || end > v0);
                assert_eq!(
                    touches,
                    scale.span_at(start, end).is_some(),
                    "in view exactly when it has a column"
                );
                touches
            })
            .collect();
        prop_assert_eq!(slot.in_view, in_view.len(), "lane {}", lane.label);
        let (drawn, counted) = slot.tally();
        prop_assert_eq!(drawn + counted, in_view.len(), "drawn + counted in lane {}", lane.label);
        match &slot.content {
            Content::Items { items, hidden } => {
                let mut events: Vec<usize> = items.iter().map(|i| i.event).collect();
                events.sort_unstable();
                events.dedup();
                prop_assert_eq!(events.len(), items.len(), "each event once");
                for item in items {
                    prop_assert!(in_view.binary_search(&item.event).is_ok(), "only events in view");
                    prop_assert!(item.row < slot.rows && item.c0 <= item.c1 && item.c1 < scale.width);
                }
                for pair in items.windows(2) {
                    if pair[0].row == pair[1].row {
                        let ((_, hi), (lo, _)) = (pair[0].extent(), pair[1].extent());
                        let titles_between = (pair[0].title_room > 0 && !pair[0].title_left)
                            || (pair[1].title_room > 0 && pair[1].title_left);
                        prop_assert!(hi < lo && (!titles_between || hi + 1 < lo), "{:?}", pair);
                    }
                }
                if slot.in_view <= MOST_TO_ARRANGE {
                    check_titles(ex, slot, items, *hidden, scale.width)?;
                }
                if let Some(e) = selected.filter(|e| in_view.binary_search(e).is_ok()) {
                    prop_assert!(events.contains(&e), "the selected event is drawn in lane {}", lane.label);
                }
                if *hidden > 0 {
                    let (text, x) = slot.more(scale.width).unwrap();
                    let at = geo.label_width + x;
                    let row = slot.y + slot.rows - 1;
                    let shown: String =
                        (at..at + text.len() as u16).map(|x| buf[(x, row)].symbol()).collect();
                    prop_assert_eq!(shown, format!("+{hidden}"), "the +N is on screen");
                }
            }
            Content::Histogram { counts } => {
                prop_assert_eq!(counts.len(), usize::from(scale.width));
                // Every event in view counts in at least one column, and no column counts more
                // events than there are in view.
                prop_assert!(in_view.is_empty() || counts.iter().any(|&n| n > 0));
                prop_assert!(counts.iter().all(|&n| n <= in_view.len()));
            }
        }
    }
    check_ghosts(ex, &geo, &buf, used)
}

/// Titles whole where there is room: a title is cut (neither whole beside its mark nor written
/// inside its bar) only when no row of its lane has room for it whole at its mark, right or
/// left of it, with everything else where it is drawn; and then it has at least the room any
/// row would give it (so it is never cut to fewer than 12 columns where a row has 12).
fn check_titles(
    ex: &Explorer,
    slot: &super::view::Slot,
    items: &[Item],
    hidden: usize,
    width: u16,
) -> Result<(), TestCaseError> {
    for item in items {
        let title =
            crate::text::width(&shown_title(&ex.timeline, item.event)).min(usize::from(u16::MAX)) as u16;
        let in_bar = usize::from(item.c1 - item.c0) + 1 >= usize::from(title) + 6;
        if item.title_room >= title || in_bar {
            continue;
        }
        for r in 0..slot.rows {
            let limit =
                if hidden > 0 && r == slot.rows - 1 { last_row_limit(width, slot.in_view) } else { width };
            let Some((right, left)) = room_offered(items, item, r, limit) else { continue };
            prop_assert!(
                right < title && left < title,
                "title of {} cut to {} of {} columns though row {} holds it whole",
                item.event,
                item.title_room,
                title,
                r
            );
            prop_assert!(
                item.title_room >= right,
                "title of {} has {} columns, row {} gives {}",
                item.event,
                item.title_room,
                r,
                right
            );
        }
    }
    Ok(())
}

/// The columns row `r` (marks and titles may reach up to `limit`) gives `item`'s title right of
/// its mark and left of it, with the other items drawn there as they are; none where its mark
/// has no room. A title keeps a blank column from whatever is beside it.
fn room_offered(items: &[Item], item: &Item, r: u16, limit: u16) -> Option<(u16, u16)> {
    if item.c1 >= limit {
        return None;
    }
    let (mut from, mut to) = (0u16, limit);
    for other in items.iter().filter(|o| o.row == r && o.event != item.event) {
        let (lo, hi) = other.extent();
        let titled = other.title_room > 0;
        if hi < item.c0 && !(titled && !other.title_left && hi + 1 == item.c0) {
            from = from.max(hi + 2);
        } else if lo > item.c1 && !(titled && other.title_left && item.c1 + 1 == lo) {
            to = to.min(lo - 1);
        } else {
            return None;
        }
    }
    Some((to.saturating_sub(item.c1 + 2), item.c0.saturating_sub(1).saturating_sub(from)))
}

/// `--changes REV`: every removed event the filter shows that touches the window is drawn on
/// the ghosts' row or counted in its `+N`, worked out here from each ghost's old date.
fn check_ghosts(ex: &Explorer, geo: &Geometry, buf: &Buffer, used: u16) -> Result<(), TestCaseError> {
    let Some(since) = ex.timeline.since.as_ref() else {
        prop_assert!(geo.ghosts.is_none());
        return Ok(());
    };
    let scale = &geo.scale;
    let (v0, v1) = (scale.edge(0), scale.edge(i64::from(scale.width)));
    let removed: Vec<_> = since.ghosts().collect();
    let shown = since.ghosts_shown(ex.query(), ex.zone()).unwrap();
    let in_view = shown
        .iter()
        .filter(|&&g| {
            let (start, end) = ex.time_axis().extent(&removed[g].old.as_ref().unwrap().date);
            start < v1 && (start >= v0 || end > v0)
        })
        .count();
    let Some(row) = &geo.ghosts else {
        let rows = geo.line_y.unwrap_or(buf.area.height).max(1);
        prop_assert!(in_view == 0 || rows == 1, "{} ghosts in view and no row for them", in_view);
        return Ok(());
    };
    prop_assert_eq!(row.in_view, in_view);
    prop_assert_eq!(row.marks.len() + row.hidden, in_view, "ghosts drawn + counted");
    prop_assert!(row.y >= used, "the ghosts' row is under the lanes");
    for pair in row.marks.windows(2) {
        prop_assert!(pair[0].extent().1 + 1 < pair[1].extent().0, "ghosts and titles apart: {:?}", pair);
    }
    for mark in &row.marks {
        prop_assert!(mark.c0 <= mark.c1 && mark.c1 < scale.width);
        let x = geo.label_width + mark.c0;
        prop_assert_eq!(buf[(x, row.y)].symbol(), "−", "a ghost's mark is on screen");
    }
    if let Some((text, x)) = super::ghosts::more(row, scale.width) {
        let at = geo.label_width + x;
        let drawn: String = (at..at + text.len() as u16).map(|x| buf[(x, row.y)].symbol()).collect();
        prop_assert_eq!(drawn, text, "the ghosts' +N is on screen");
    }
    Ok(())
}

fn render(ex: &Explorer, geo: &Geometry, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    TimelineView { explorer: ex, geometry: geo, theme: &Theme::default(), focused: true }
        .render(area, &mut buf);
    buf
}

/// Puts the view at `span` days (none: fit all) centred a fraction `pan` across the timeline.
fn set_view(ex: &mut Explorer, span: Option<f64>, pan: f64) {
    let Some((a, b)) = ex.time_extent() else { return };
    ex.set_axis(crate::explorer::AxisView { span_days: span, ..ex.axis() });
    ex.set_axis(crate::explorer::AxisView {
        center_day: span.map(|s| a - s / 2.0 + pan * (b - a + s)),
        ..ex.axis()
    });
}

/// Every lane kind, from the one list, so a new kind is checked without being listed here.
const GROUPINGS: [Grouping; Grouping::ALL.len()] = Grouping::ALL;

/// The timeline as if read from three files, its events dealt out among them in turn, so lanes
/// by file have lanes to check (a timeline of one file has no lanes by file).
fn from_three_files(mut t: crate::model::Timeline) -> crate::model::Timeline {
    let one = t.files[0].clone();
    t.files = (1..=3)
        .map(|n| crate::model::SourceFile {
            stem: format!("part-{n}"),
            name: format!("part-{n}.yaml"),
            ..one.clone()
        })
        .collect();
    for (i, event) in t.events.iter_mut().enumerate() {
        event.file = i % 3;
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_event_in_view_is_drawn_or_counted(
        events in prop::collection::vec(gen_event(), 1..120),
        width in 40u16..=300,
        height in 12u16..=80,
        grouping in 0usize..GROUPINGS.len(),
        span_hours in prop::option::of(1.0f64..2000.0),
        pan in -0.2f64..1.2,
        selected in any::<prop::sample::Index>(),
        filter in 0usize..4,
        lane_steps in 0usize..6,
        removed in prop::collection::vec(gen_event(), 0..6),
    ) {
        let mut t = crate::model::load_str("generated", &crisis_yaml(&events))
            .unwrap_or_else(|e| panic!("the generated timeline does not load: {e}"));
        if !removed.is_empty() {
            // An older version with more events, removed since: ghosts at their old dates.
            let old = crate::model::load_str("generated", &crisis_yaml(&[events.clone(), removed].concat())).unwrap();
            crate::changes::since::mark(&mut t, ("v0".into(), old));
        }
        let mut ex = explorer(from_three_files(t));
        match filter {
            1 => { let _ = ex.apply_query(Query::parse("country:US").unwrap()); }
            2 => { let _ = ex.apply_query(Query::parse("tag:t1").unwrap()); }
            _ => {}
        }
        ex.set_grouping(GROUPINGS[grouping]);
        if !ex.visible().is_empty() {
            ex.select(selected.index(ex.visible().len()));
        }
        for _ in 0..lane_steps {
            ex.step_lane(true);
        }
        if lane_steps % 2 == 1 {
            // Nested lanes with the current lane's country folded (elsewhere: a message).
            ex.toggle_fold();
        }
        ex.scroll_lanes_to_current(3);
        set_view(&mut ex, span_hours.map(|h| h / 24.0), pan);
        check(&ex, width, height)?;
    }

    /// The same over the generated timelines the benches use (75 years of events, dates known
    /// to the year, month ranges, times with zones of their own).
    #[test]
    fn every_event_in_view_is_drawn_or_counted_over_decades(
        n in 1usize..400,
        seed in 0u64..1000,
        times in any::<bool>(),
        width in 40u16..=300,
        height in 12u16..=80,
        grouping in 0usize..GROUPINGS.len(),
        span_days in prop::option::of(1.0f64..30000.0),
        pan in -0.2f64..1.2,
    ) {
        let text = crate::synthetic::timeline_yaml_with(n, seed, times);
        let mut ex = explorer(from_three_files(crate::model::load_str("generated", &text).unwrap()));
        ex.set_grouping(GROUPINGS[grouping]);
        set_view(&mut ex, span_days, pan);
        check(&ex, width, height)?;
    }
}

/// Bad input: every event spans the whole window; 10,000 events on one day; moments written as
/// ranges of no length; a range of 10,000 years. No panic, no hang, and the invariant holds.
#[test]
fn bad_input_keeps_the_invariant() {
    let mut spanning = String::from("title: t\nevents:\n");
    for i in 0..300 {
        let _ = writeln!(spanning, "  - {{id: e{i}, title: E{i}, date: \"1900..2100\", countries: [US]}}");
    }
    let mut one_day = String::from("title: t\ncountries: [{id: US, name: U}]\nevents:\n");
    for i in 0..10_000 {
        let _ = writeln!(one_day, "  - {{id: e{i}, title: E{i}, date: \"2016-03-01\", countries: [US]}}");
    }
    let mut zero = String::from("title: t\nevents:\n");
    for i in 0..50 {
        let _ =
            writeln!(zero, "  - {{id: e{i}, title: E{i}, date: \"2016-03-01T{:02}:00..{0:02}:00\"}}", i % 24);
    }
    let ten_thousand_years = "title: t\nevents:\n  - {id: long, title: Long, date: \"-5000..5000\"}\n  - {id: a, title: A, date: \"2016-03-01T10:00\"}\n  - {id: b, title: B, date: \"2016-03-01\"}\n";
    let spanning = spanning.replace("title: t\n", "title: t\ncountries: [{id: US, name: U}]\n");
    for text in [spanning.as_str(), one_day.as_str(), zero.as_str(), ten_thousand_years] {
        let mut ex = explorer(crate::model::load_str("bad", text).unwrap());
        for grouping in [Grouping::None, Grouping::Country] {
            ex.set_grouping(grouping);
            for (w, h) in [(40, 12), (80, 24), (300, 80)] {
                for span in [None, Some(1.0 / 24.0), Some(1.0), Some(400.0), Some(4_000_000.0)] {
                    for pan in [0.0, 0.5, 1.0] {
                        set_view(&mut ex, span, pan);
                        check(&ex, w, h).unwrap_or_else(|e| panic!("{e} at {w}x{h} span {span:?} pan {pan}"));
                    }
                }
            }
        }
    }
}

/// A date-only event inside a window of hours is a bar across its day, not nothing.
#[test]
fn a_day_seen_by_the_hour_is_a_bar_across_it() {
    let text = "title: t\ntimezone: UTC\nevents:\n  - {id: day, title: The day, date: \"2016-03-01\"}\n  - {id: t, title: At ten, date: \"2016-03-01T10:00\"}\n";
    let mut ex = explorer(crate::model::load_str("t", text).unwrap());
    let day = super::day_number(chrono::NaiveDate::from_ymd_opt(2016, 3, 1).unwrap());
    ex.set_axis(crate::explorer::AxisView { span_days: Some(14.0 / 24.0), ..ex.axis() });
    ex.set_axis(crate::explorer::AxisView { center_day: Some(day + 11.0 / 24.0), ..ex.axis() }); // 04:00 to 18:00
    let geo = geometry(&ex, 100, 20).unwrap();
    let Content::Items { items, hidden } = &geo.slots[0].content else { panic!("items") };
    assert_eq!(*hidden, 0);
    let bar = items.iter().find(|i| i.event == 0).expect("the day is drawn");
    assert_eq!((bar.c0, bar.c1, bar.from_left, bar.to_right), (0, 99, true, true));
    let scale: &Scale = &geo.scale;
    assert!(scale.days_per_column < 1.0 / 24.0);
}
