//! The timeline view (`v`): time across, lanes down (`L` groups them by country, agency, person,
//! tag or status). Events are drawn as they are in time — points, and bars for ranges with their
//! ends fuzzy when the date is approximate — stacked into sub-rows where they overlap (as
//! vis-timeline stacks items). Where a lane holds more events than its rows can show, it becomes
//! a histogram of events per column with the scale written out, as lnav's histogram does.
//!
//! `geometry` is pure and cheap (bounded by the screen, not the number of events): drawing and
//! mouse clicks both use it, so a click lands on what was drawn.

use super::{placed_labels, point_mark, ticks, Scale};
use crate::model::{EventIx, Status};
use crate::text::{self, one_line};
use crate::tui::explorer::{Explorer, LaneData, LONG_EVENT_DAYS};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

/// What each mark means, for the legend line, the help and the README.
pub const LEGEND: &[(&str, &str)] = &[
    ("●", "event"),
    ("◌", "approx."),
    ("○", "planned"),
    ("✕", "cancelled"),
    ("━", "span"),
    ("┅", "planned"),
    ("╌", "cancelled"),
    ("┈", "day unknown"),
    ("◀▶", "goes on"),
    ("+", "more"),
    ("▁▄█", "events per column"),
];

/// The most rows one lane takes when there are several.
const MAX_LANE_ROWS: u16 = 4;

/// An event placed in a lane: sub-row and the columns it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub event: EventIx,
    pub row: u16,
    pub c0: u16,
    pub c1: u16,
    /// It began before the view, or goes on after it.
    pub from_left: bool,
    pub to_right: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Events one by one; `overflow` holds the columns of events no sub-row had room for.
    Items { items: Vec<Item>, overflow: Vec<u16> },
    /// Events starting in each column.
    Histogram { counts: Vec<usize> },
}

/// One lane on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub lane: usize,
    /// First row, counted from the top of the view.
    pub y: u16,
    pub rows: u16,
    pub content: Content,
}

/// Where everything goes in a view of a given size.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub label_width: u16,
    pub scale: Scale,
    pub slots: Vec<Slot>,
    pub hidden_above: usize,
    pub hidden_below: usize,
    /// Events a full `█` stands for, when a lane is a histogram (one scale for all lanes, so
    /// they compare).
    pub per_block: Option<usize>,
    pub line_y: Option<u16>,
    pub labels_y: Option<u16>,
    pub legend_y: Option<u16>,
}

/// Where an event starts, and its last position (inclusive), on the axis in the zone shown.
fn reach_of(explorer: &Explorer, e: EventIx) -> (f64, f64) {
    let date = &explorer.timeline.events[e].date;
    (super::extent(date, &explorer.zone).0, super::last_position(date, &explorer.zone))
}

/// Lays out a view `width` × `height`; none for a timeline without events or no room.
pub fn geometry(explorer: &Explorer, width: u16, height: u16) -> Option<Geometry> {
    if width < 2 || height == 0 {
        return None;
    }
    let lanes = explorer.lane_list();
    let grouped = explorer.grouping() != crate::model::lanes::Grouping::None;
    let label_width = if grouped {
        let widest = lanes.iter().map(|l| text::width(&l.label)).max().unwrap_or(0) as u16;
        (widest + 1).clamp(4, 18).min(width / 4)
    } else {
        0
    };
    let plot_width = width - label_width;
    let scale = Scale::new(explorer, plot_width)?;
    let (line_y, labels_y, legend_y) = match height {
        0 => unreachable!(),
        1 => (None, None, None),
        2 => (Some(1), None, None),
        3..=9 => (Some(height - 2), Some(height - 1), None),
        _ => (Some(height - 3), Some(height - 2), Some(height - 1)),
    };
    let avail = line_y.unwrap_or(height).max(1);
    let cap = if grouped { (avail / (lanes.len().max(1) as u16)).clamp(1, MAX_LANE_ROWS) } else { avail };
    let offset = explorer.lanes().offset.min(lanes.len().saturating_sub(1));
    let mut slots = Vec::new();
    let mut y = 0;
    for (i, lane) in lanes.iter().enumerate().skip(offset) {
        let content = lane_content(explorer, lane, &scale, cap);
        let rows = match &content {
            Content::Items { items, overflow } => {
                let used = items.iter().map(|it| it.row + 1).max().unwrap_or(1);
                if overflow.is_empty() {
                    used
                } else {
                    cap
                }
            }
            Content::Histogram { .. } => cap,
        };
        if y + rows > avail && !slots.is_empty() {
            break;
        }
        let rows = rows.min(avail - y);
        slots.push(Slot { lane: i, y, rows, content });
        y += rows;
        if y >= avail {
            break;
        }
    }
    let per_block = slots
        .iter()
        .filter_map(|s| match &s.content {
            Content::Histogram { counts } => {
                Some(counts.iter().max().copied().unwrap_or(0).div_ceil(usize::from(s.rows.max(1))))
            }
            Content::Items { .. } => None,
        })
        .max()
        .map(|n| n.max(1));
    let hidden_below = lanes.len().saturating_sub(offset + slots.len());
    Some(Geometry {
        label_width,
        scale,
        slots,
        hidden_above: offset,
        hidden_below,
        per_block,
        line_y,
        labels_y,
        legend_y,
    })
}

/// A lane's events in view, stacked into at most `cap` sub-rows, or its histogram when they are
/// more than the rows can show.
fn lane_content(explorer: &Explorer, lane: &LaneData, scale: &Scale, cap: u16) -> Content {
    let width = usize::from(scale.width);
    let events = &lane.events;
    let (v0, v1) = (scale.edge(0), scale.edge(i64::from(scale.width)));
    let reach = v0 - LONG_EVENT_DAYS as f64;
    let first = |e: EventIx| explorer.starts[e];
    // Events starting within `LONG_EVENT_DAYS` before the view or in it; longer ones that began
    // earlier come from the lane's list of long events.
    let starts = &lane.starts;
    let lo = starts.partition_point(|&p| p < reach);
    let hi = starts.partition_point(|&p| p < v1);
    let budget = width * usize::from(cap);
    if hi - lo > budget {
        return histogram(starts, scale);
    }
    let long_before = lane.long[..lane.long.partition_point(|&e| first(e) < reach)]
        .iter()
        .copied()
        .filter(|&e| reach_of(explorer, e).1 >= v0);
    // Events that start in view are placed first, left to right; those that began before it
    // (context, clipped at the left edge) take the rows left over.
    let (started_before, started_in): (Vec<EventIx>, Vec<EventIx>) = events[lo..hi]
        .iter()
        .copied()
        .filter(|&e| reach_of(explorer, e).1 >= v0)
        .partition(|&e| first(e) < v0);
    let mut candidates: Vec<EventIx> = Vec::new();
    for e in started_in.into_iter().chain(long_before).chain(started_before) {
        candidates.push(e);
        if candidates.len() > budget {
            return histogram(starts, scale);
        }
    }
    let mut ends: Vec<i32> = Vec::new(); // per sub-row, the last column used
    let mut items = Vec::with_capacity(candidates.len());
    let mut overflow = Vec::new();
    for e in candidates {
        let (a, b) = super::extent(&explorer.timeline.events[e].date, &explorer.zone);
        let Some((c0, c1, from_left, to_right)) = scale.span_at(a, b) else { continue };
        let row = match ends.iter().position(|&end| end < i32::from(c0)) {
            Some(r) => r,
            None if ends.len() < usize::from(cap) => {
                ends.push(-1);
                ends.len() - 1
            }
            None => {
                overflow.push(c0);
                continue;
            }
        };
        ends[row] = i32::from(c1);
        items.push(Item { event: e, row: row as u16, c0, c1, from_left, to_right });
    }
    Content::Items { items, overflow }
}

/// Events starting in each column, from the lane's sorted starts.
fn histogram(starts: &[f64], scale: &Scale) -> Content {
    let mut lower = starts.partition_point(|&p| p < scale.edge(0));
    let counts = (0..i64::from(scale.width))
        .map(|x| {
            let next = scale.edge(x + 1);
            let upper = lower + starts[lower..].partition_point(|&p| p < next);
            let n = upper - lower;
            lower = upper;
            n
        })
        .collect();
    Content::Histogram { counts }
}

/// The event drawn at a cell of the view (`x`, `y` inside it), or else the lane's event nearest
/// in time to the clicked column; and the lane clicked.
pub fn event_at(
    explorer: &Explorer,
    geometry: &Geometry,
    x: u16,
    y: u16,
) -> (Option<usize>, Option<EventIx>) {
    let Some(slot) = geometry.slots.iter().find(|s| (s.y..s.y + s.rows).contains(&y)) else {
        return (None, None);
    };
    if x < geometry.label_width {
        return (Some(slot.lane), None);
    }
    let col = x - geometry.label_width;
    if let Content::Items { items, .. } = &slot.content {
        if let Some(item) = items.iter().find(|it| it.row == y - slot.y && (it.c0..=it.c1).contains(&col)) {
            return (Some(slot.lane), Some(item.event));
        }
    }
    let center = geometry.scale.edge(i64::from(col)) + geometry.scale.days_per_column / 2.0;
    // Whole days are found by the day clicked; times by the moment.
    let at = if explorer.has_times { center } else { center.floor() };
    let lane = &explorer.lane_list()[slot.lane];
    let after = lane.starts.partition_point(|&p| p < at);
    let nearest = [after.checked_sub(1), (after < lane.events.len()).then_some(after)]
        .into_iter()
        .flatten()
        .min_by(|&p, &q| (lane.starts[p] - at).abs().total_cmp(&(lane.starts[q] - at).abs()))
        .map(|p| lane.events[p]);
    (Some(slot.lane), nearest)
}

/// The timeline view, drawn from the geometry laid out for its area.
pub struct TimelineView<'a> {
    pub explorer: &'a Explorer,
    pub geometry: &'a Geometry,
    pub theme: &'a Theme,
    pub focused: bool,
}

impl Widget for TimelineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ex, theme, geo) = (self.explorer, self.theme, self.geometry);
        let plot_x = area.x + geo.label_width;
        let plot = Rect { x: plot_x, width: geo.scale.width, ..area };
        for slot in &geo.slots {
            let y = area.y + slot.y;
            if geo.label_width > 0 {
                let lane = &ex.lane_list()[slot.lane];
                let label =
                    text::truncate(&one_line(&lane.label), usize::from(geo.label_width - 1)).into_owned();
                let current = slot.lane == ex.lanes().current;
                let style = if current && self.focused { theme.selected } else { theme.label };
                buf.set_string(area.x, y, &label, style);
            }
            match &slot.content {
                Content::Items { items, overflow } => {
                    draw_items(ex, theme, buf, plot, slot, items, &geo.scale);
                    for &c in overflow {
                        let cell = (plot.x + c, y + slot.rows - 1);
                        if buf[cell].symbol() == " " {
                            buf.set_string(cell.0, cell.1, "+", theme.key);
                        }
                    }
                }
                Content::Histogram { counts } => {
                    draw_histogram(ex, theme, buf, plot, slot, counts, geo.per_block.unwrap_or(1), &geo.scale)
                }
            }
        }
        if let Some(line_y) = geo.line_y {
            let y = area.y + line_y;
            for x in 0..geo.scale.width {
                buf.set_string(plot_x + x, y, "─", theme.dim);
            }
            let tick_list = ticks(&geo.scale);
            for tick in &tick_list {
                if let Some(col) = geo.scale.column_at(tick.at) {
                    buf.set_string(plot_x + col, y, if tick.major { "┷" } else { "┴" }, theme.dim);
                }
            }
            if let Some(labels_y) = geo.labels_y {
                for (col, tick) in placed_labels(&geo.scale, &tick_list) {
                    let style = if tick.major { theme.year } else { theme.dim };
                    buf.set_string(plot_x + col, area.y + labels_y, &tick.label, style);
                }
            }
        }
        if let Some(legend_y) = geo.legend_y {
            let line = legend_line(usize::from(area.width));
            buf.set_string(area.x, area.y + legend_y, &line, theme.dim);
        }
    }
}

/// The pane's title: the larger unit of time in view, the lanes (and how many are scrolled
/// away), the histogram's scale, and the time measured from the mark.
pub fn title(explorer: &Explorer, geometry: &Geometry) -> String {
    let mut parts = vec![format!("Timeline · {}", super::context_label(&geometry.scale))];
    let lanes = explorer.lane_list().len();
    match explorer.grouping() {
        crate::model::lanes::Grouping::None => {}
        g if geometry.hidden_above + geometry.hidden_below > 0 => parts.push(format!(
            "lanes by {} {}–{} of {lanes} (J/K)",
            g.name(),
            geometry.hidden_above + 1,
            lanes - geometry.hidden_below
        )),
        g => parts.push(format!("lanes by {}", g.name())),
    }
    if let Some(n) = geometry.per_block {
        parts.push(format!("█ = {} event{}", thousands(n), if n == 1 { "" } else { "s" }));
    }
    if let Some(measured) = explorer.measured() {
        parts.push(format!("mark → selected: {measured}"));
    }
    format!(" {} ", parts.join(" · "))
}

/// `1240` → `1,240`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The legend as the README's table (a test keeps the README equal to it).
pub fn legend_markdown() -> String {
    let mut out = String::from("| mark | means |\n|---|---|\n");
    for (mark, meaning) in LEGEND {
        out.push_str(&format!("| `{mark}` | {meaning} |\n"));
    }
    out
}

/// The legend, as many entries as fit in `width`, cut between entries.
pub fn legend_line(width: usize) -> String {
    let mut out = String::new();
    for (mark, meaning) in LEGEND {
        let entry = format!("{mark} {meaning}");
        let sep = if out.is_empty() { 0 } else { 2 };
        if text::width(&out) + sep + text::width(&entry) > width {
            break;
        }
        if sep > 0 {
            out.push_str("  ");
        }
        out.push_str(&entry);
    }
    out
}

fn item_style(ex: &Explorer, theme: &Theme, event: EventIx) -> Style {
    let status = ex.timeline.events[event].status;
    let mut style = match status {
        Status::Happened => theme.axis_mark,
        Status::Planned => theme.planned,
        Status::Cancelled => theme.cancelled,
    };
    if ex.is_match(event) {
        style = style.patch(theme.matched);
    }
    if ex.mark == Some(event) {
        // Italic, so it reads apart from a search match (bold, underlined) without colour too.
        style = style.add_modifier(Modifier::ITALIC | Modifier::REVERSED);
    }
    if ex.selected_event() == Some(event) {
        style = theme.axis_selected;
    }
    style
}

fn draw_items(
    ex: &Explorer,
    theme: &Theme,
    buf: &mut Buffer,
    plot: Rect,
    slot: &Slot,
    items: &[Item],
    scale: &Scale,
) {
    for (i, item) in items.iter().enumerate() {
        let event = &ex.timeline.events[item.event];
        let y = plot.y + slot.y + item.row;
        let style = item_style(ex, theme, item.event);
        let fuzzy = event.date.approximate || event.date.uncertain;
        let (start, end) = super::extent(&event.date, &ex.zone);
        // A single date known only to the month or year (`2016-04`) is one day somewhere in that
        // month: its extent is drawn dotted, not as a span.
        let imprecise = event.date.end.is_none() && event.date.precision() != crate::model::Precision::Day;
        if item.c0 == item.c1 && !item.from_left && !item.to_right {
            buf.set_string(plot.x + item.c0, y, point_mark(event.status, fuzzy), style);
        } else {
            let body = match event.status {
                _ if imprecise => "┈",
                Status::Happened => "━",
                Status::Planned => "┅",
                Status::Cancelled => "╌",
            };
            for c in item.c0..=item.c1 {
                let symbol = if c == item.c0 && imprecise && !item.from_left {
                    // Its status, then how far the date might reach.
                    point_mark(event.status, fuzzy)
                } else if c == item.c0 && item.from_left {
                    "◀"
                } else if c == item.c1 && item.to_right {
                    "▶"
                } else if fuzzy && (c == item.c0 || c == item.c1) {
                    "┈"
                } else if imprecise {
                    body // a date not known to the day has no exact ends to draw
                } else if c == item.c0 && event.status == Status::Happened && scale.starts_late(start) {
                    "╺"
                } else if c == item.c1 && event.status == Status::Happened && scale.ends_early(end) {
                    "╸"
                } else {
                    body
                };
                buf.set_string(plot.x + c, y, symbol, style);
            }
        }
        // The title beside it, where the row is free up to the next event on it.
        let next = items[i + 1..].iter().find(|o| o.row == item.row).map_or(plot.width, |o| o.c0);
        let start = item.c1 + 2;
        if next > start + 3 {
            let room = usize::from(next - start - 1);
            let title = text::truncate(&one_line(&event.title), room).into_owned();
            let title_style =
                if ex.selected_event() == Some(item.event) { theme.selected } else { theme.text };
            buf.set_string(plot.x + start, y, &title, title_style);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_histogram(
    ex: &Explorer,
    theme: &Theme,
    buf: &mut Buffer,
    plot: Rect,
    slot: &Slot,
    counts: &[usize],
    per_block: usize,
    scale: &Scale,
) {
    const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
    let selected_col = ex.selected_event().and_then(|e| scale.column_at(ex.starts[e]));
    for (x, &n) in counts.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let x = x as u16;
        let mut eighths = (n * 8).div_ceil(per_block).min(usize::from(slot.rows) * 8);
        let style = if selected_col == Some(x) { theme.axis_selected } else { theme.axis_mark };
        for r in (0..slot.rows).rev() {
            let here = eighths.min(8);
            if here == 0 {
                break;
            }
            buf.set_string(plot.x + x, plot.y + slot.y + r, EIGHTHS[here], style);
            eighths -= here;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lanes::Grouping;
    use crate::tui::testing::explorer;

    fn builtin() -> Explorer {
        explorer(crate::model::load_builtin().unwrap())
    }

    #[test]
    fn lanes_stack_overlapping_events_into_sub_rows() {
        // Three overlapping weeks and a later day: two stack, the day shares the first row.
        let text = "title: t\nevents:\n  - {id: a, title: A, date: 2016-03-01..2016-03-20}\n  - {id: b, title: B, date: 2016-03-10..2016-03-25}\n  - {id: c, title: C, date: 2016-03-12..2016-03-14}\n  - {id: d, title: D, date: 2016-06-01}\n";
        let ex = explorer(crate::model::load_str("t", text).unwrap());
        let geo = geometry(&ex, 100, 12).unwrap();
        let Content::Items { items, overflow } = &geo.slots[0].content else { panic!("items") };
        assert!(overflow.is_empty());
        let row = |id: &str| items.iter().find(|i| ex.timeline.events[i.event].id == id).unwrap().row;
        assert_eq!((row("a"), row("b"), row("c"), row("d")), (0, 1, 2, 0));
        for pair in items.windows(2) {
            if pair[0].row == pair[1].row {
                assert!(pair[0].c1 < pair[1].c0, "no two items share a cell in a row");
            }
        }
    }

    #[test]
    fn too_many_events_make_a_histogram_with_a_scale() {
        let text = crate::synthetic::timeline_yaml(3000, 7);
        let mut ex = explorer(crate::model::load_str("t", &text).unwrap());
        ex.set_grouping(Grouping::Country);
        let geo = geometry(&ex, 80, 20).unwrap();
        assert!(geo.slots.iter().any(|s| matches!(s.content, Content::Histogram { .. })));
        let per_block = geo.per_block.unwrap();
        for slot in &geo.slots {
            if let Content::Histogram { counts } = &slot.content {
                let lane = &ex.lane_list()[slot.lane];
                let total: usize = counts.iter().sum();
                assert!(total <= lane.events.len());
                let tallest = counts.iter().max().unwrap();
                assert!(tallest.div_ceil(per_block) <= usize::from(slot.rows), "the scale fits every lane");
            }
        }
    }

    #[test]
    fn lanes_follow_the_grouping_and_scroll() {
        let mut ex = builtin();
        let geo = geometry(&ex, 120, 30).unwrap();
        assert_eq!(geo.slots.len(), 1, "no grouping: one lane");
        assert_eq!(geo.label_width, 0);
        ex.set_grouping(Grouping::Person);
        let n = ex.lane_list().len();
        let geo = geometry(&ex, 120, 8).unwrap();
        assert!(geo.slots.len() < n, "not all {n} people fit in 5 rows");
        assert_eq!(geo.hidden_above + geo.slots.len() + geo.hidden_below, n);
        for _ in 0..n {
            ex.step_lane(true);
            ex.scroll_lanes_to_current(geometry(&ex, 120, 8).unwrap().slots.len());
        }
        let geo = geometry(&ex, 120, 8).unwrap();
        assert_eq!(geo.slots.last().unwrap().lane, n - 1, "scrolled to the last lane");
        assert!(geo.hidden_above > 0);
    }

    #[test]
    fn a_click_finds_the_event_drawn_there() {
        let mut ex = builtin();
        ex.set_grouping(Grouping::Country);
        let geo = geometry(&ex, 120, 20).unwrap();
        let slot = &geo.slots[0];
        let Content::Items { items, .. } = &slot.content else { panic!() };
        let item = items[items.len() / 2];
        let (lane, event) = event_at(&ex, &geo, geo.label_width + item.c0, slot.y + item.row);
        assert_eq!((lane, event), (Some(slot.lane), Some(item.event)));
        let (lane, event) = event_at(&ex, &geo, 0, slot.y);
        assert_eq!((lane, event), (Some(slot.lane), None), "the label column picks the lane");
    }

    #[test]
    fn readme_legend_matches_the_marks() {
        let readme = include_str!("../../../README.md");
        assert!(
            readme.contains(&legend_markdown()),
            "README's legend is out of date:\n{}",
            legend_markdown()
        );
    }

    #[test]
    fn the_legend_is_cut_between_entries() {
        let full = legend_line(500);
        assert!(full.contains("▁▄█ events per column"));
        let short = legend_line(20);
        assert!(text::width(&short) <= 20);
        assert!(full.starts_with(&short) && !short.ends_with(' '));
        assert_eq!(legend_line(3), "");
    }
}
