//! The timeline view (`v`): time across, lanes down (`L` groups them by country, agency, person,
//! tag or status). Events are drawn as they are in time — points, and bars for ranges with their
//! ends fuzzy when the date is approximate — stacked into sub-rows where they overlap (as
//! vis-timeline stacks items). Where a lane holds more events than its rows can show, it becomes
//! a histogram of events per column with the scale written out, as lnav's histogram does.
//!
//! `geometry` is pure and cheap (bounded by the screen, not the number of events): drawing and
//! mouse clicks both use it, so a click lands on what was drawn.

use super::{point_mark, Scale};
use crate::explorer::{Explorer, LaneData, LONG_EVENT_DAYS};
use crate::model::{EventIx, Status};
use crate::text::{self, one_line};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

/// What each mark means, for the legend line, the help and the README.
pub const LEGEND: &[(&str, &str)] = &[
    ("●", "event"),
    ("◌", "approx. or uncertain"),
    ("○", "planned"),
    ("✕", "cancelled / did not take place"),
    ("━", "span"),
    ("┅", "planned"),
    ("╌", "cancelled"),
    ("┈", "approx.: an approximate end, or the month or year a date without a day falls in"),
    ("◀▶", "goes on"),
    ("+N", "N more in the lane, not drawn"),
    ("▁▄█", "events touching the column (a range in each it covers)"),
    (JOINT, "both A and B acted (lanes by side)"),
    (FOLDS, "nested lanes: a country open, folded into one lane (Space)"),
];

/// The legend entries that explain a kind of lanes: the legend line puts them first.
const JOINT: &str = "joint A+B";
const FOLDS: &str = "▾ ▸";

/// An event placed in a lane: sub-row, the columns it covers, and the columns its title has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub event: EventIx,
    pub row: u16,
    pub c0: u16,
    pub c1: u16,
    /// It began before the view, or goes on after it.
    pub from_left: bool,
    pub to_right: bool,
    /// Columns for its title (0: no title): from two past its last column, or, with
    /// `title_left`, ending two before its first.
    pub title_room: u16,
    pub title_left: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Events one by one; `hidden` more found no room and are counted in the `+N` at the end
    /// of the lane's last row (`Slot::more`).
    Items { items: Vec<Item>, hidden: usize },
    /// How many events touch each column: a range, or a date known only to the month or year,
    /// counts in every column it covers.
    Histogram { counts: Vec<usize> },
}

/// One lane on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub lane: usize,
    /// First row, counted from the top of the view.
    pub y: u16,
    pub rows: u16,
    /// The lane's events in view (passing the filter and touching the window).
    pub in_view: usize,
    pub content: Content,
}

impl Slot {
    /// Events drawn (a mark, a bar, or counted in the histogram) and events counted in the
    /// `+N`: together, every event in view (`in_view`).
    pub fn tally(&self) -> (usize, usize) {
        match &self.content {
            Content::Items { items, hidden } => (items.len(), *hidden),
            Content::Histogram { .. } => (self.in_view, 0),
        }
    }

    /// The `+N` for events not drawn, and its column at the right end of the lane's last row
    /// (kept free for it when the lane was laid out).
    pub fn more(&self, width: u16) -> Option<(String, u16)> {
        match &self.content {
            Content::Items { hidden, .. } if *hidden > 0 => {
                let text = format!("+{hidden}");
                let column = width.saturating_sub(text.len() as u16);
                Some((text, column))
            }
            _ => None,
        }
    }
}

/// Where everything goes in a view of a given size.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub label_width: u16,
    /// The lanes go by their short labels (`LaneData::short`), the full ones not fitting.
    pub short_labels: bool,
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
    /// The legend's lines: a second where the legend does not fit in one and the lanes have a
    /// row to spare.
    pub legend_rows: u16,
    /// `--changes REV`: the removed events in view, on a row of their own under the lanes
    /// (`ghosts.rs`); none when no ghost is in view or the lanes have only one row.
    pub ghosts: Option<super::ghosts::GhostRow>,
}

/// Lays out a view `width` × `height`; none for a timeline without events or no room.
///
/// The rows above the axis are shared out among the lanes: one each (the lanes scroll, `J`/`K`,
/// only when one each does not fit), then rows to lanes whose marks need them, then to lanes
/// whose titles need them, then the rest in proportion to the events each has in view. A lane
/// whose marks its rows cannot hold shows what fits and counts the rest in a `+N`, or, where
/// more would be hidden than shown, becomes a histogram.
pub fn geometry(explorer: &Explorer, width: u16, height: u16) -> Option<Geometry> {
    if width < 2 || height == 0 {
        return None;
    }
    let lanes = explorer.lane_list();
    let grouped = explorer.grouping() != crate::model::lanes::Grouping::None;
    let (label_width, short_labels) = if grouped { label_width(lanes, width) } else { (0, false) };
    let plot_width = width - label_width;
    let scale = Scale::new(explorer, plot_width)?;
    let (mut line_y, mut labels_y, mut legend_y) = match height {
        0 => unreachable!(),
        1 => (None, None, None),
        2 => (Some(1), None, None),
        3..=9 => (Some(height - 2), Some(height - 1), None),
        _ => (Some(height - 3), Some(height - 2), Some(height - 1)),
    };
    let mut avail = line_y.unwrap_or(height).max(1);
    // Ghosts of removed events take the last row above the axis, when there are rows to spare.
    let mut ghosts = if avail > 1 { super::ghosts::lay_out(explorer, &scale, avail - 1) } else { None };
    if ghosts.is_some() {
        avail -= 1;
    }
    let fits = lanes.len() <= usize::from(avail);
    let (offset, shown) = if fits {
        (0, lanes.len())
    } else {
        (explorer.lanes().offset.min(lanes.len() - usize::from(avail)), usize::from(avail))
    };
    let selected = explorer.selected_event();
    let plan_lanes = |avail| {
        lanes[offset..offset + shown].iter().map(|lane| plan(explorer, lane, &scale, avail)).collect()
    };
    let mut plans: Vec<Plan> = plan_lanes(avail);
    let mut legend_rows = u16::from(legend_y.is_some());
    let needed: u32 =
        plans.iter().map(|p| u32::from(if p.candidates.is_some() { p.need_titles } else { avail + 1 })).sum();
    let whole_legend = || legend_layout(usize::from(width), explorer.grouping(), 1).1;
    if legend_rows == 1 && fits && needed < u32::from(avail) && !whole_legend() {
        // A row to spare: the legend's second line takes it (the axis moves up one).
        legend_rows = 2;
        avail -= 1;
        line_y = line_y.map(|y| y - 1);
        labels_y = labels_y.map(|y| y - 1);
        legend_y = legend_y.map(|y| y - 1);
        if ghosts.is_some() {
            ghosts = super::ghosts::lay_out(explorer, &scale, avail);
        }
        plans = plan_lanes(avail);
    }
    let rows = if fits { share_rows(&plans, avail) } else { vec![1; plans.len()] };
    let mut slots = Vec::with_capacity(plans.len());
    let mut y = 0;
    for (i, (plan, rows)) in plans.into_iter().zip(rows).enumerate() {
        let in_view = plan.in_view;
        let content = lay_out(plan, rows, scale.width, selected);
        slots.push(Slot { lane: offset + i, y, rows, in_view, content });
        y += rows;
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
    let hidden_below = lanes.len() - offset - slots.len();
    Some(Geometry {
        label_width,
        short_labels,
        scale,
        slots,
        hidden_above: offset,
        hidden_below,
        per_block,
        line_y,
        labels_y,
        legend_y,
        legend_rows,
        ghosts,
    })
}

/// Columns for the lanes' labels (a blank one after them) in a view `width` wide, and whether
/// the lanes go by their short labels: the full labels where they fit, else the short ones
/// (countries by their ids) of every lane that has one.
fn label_width(lanes: &[LaneData], width: u16) -> (u16, bool) {
    let fit = |widest: usize| (widest.min(usize::from(u16::MAX)) as u16 + 1).clamp(4, 18).min(width / 4);
    let widest = lanes.iter().map(|l| text::width(&l.label)).max().unwrap_or(0);
    if usize::from(fit(widest)) > widest {
        return (fit(widest), false);
    }
    let widest_short = lanes.iter().map(|l| text::width(lane_label(l, true))).max().unwrap_or(0);
    (fit(widest_short), widest_short < widest)
}

/// A lane's label, short where `short` and it has one.
pub fn lane_label(lane: &LaneData, short: bool) -> &str {
    match &lane.short {
        Some(label) if short => label,
        _ => &lane.label,
    }
}

/// An event in view as a lane would draw it.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    event: EventIx,
    c0: u16,
    c1: u16,
    from_left: bool,
    to_right: bool,
    title_width: u16,
}

/// What a lane has in view, before it knows its rows.
struct Plan {
    in_view: usize,
    /// Events touching each column.
    counts: Vec<usize>,
    /// The events in view left to right, when few enough to draw one by one.
    candidates: Option<Vec<Candidate>>,
    /// Rows for every mark, and for every mark with its whole title (more than the pane has:
    /// `avail + 1`).
    need_marks: u16,
    need_titles: u16,
}

/// An event's title as the view writes it: one line, after its change mark (`+ ` added, `~ `
/// changed) under `--changes REV`, so what changed reads in the timeline view too, without
/// colour. The layout measures this same text.
pub(super) fn shown_title(timeline: &crate::model::Timeline, event: crate::model::EventIx) -> String {
    let title = one_line(&timeline.events[event].title);
    match super::super::changes_view::mark_of(timeline, event) {
        Some(mark) if mark != ' ' => format!("{mark} {title}"),
        _ => title.into_owned(),
    }
}

/// Counts a lane's events in view per column, and lists them when they could be drawn one by
/// one (no column touched by more events than the pane has rows). Bounded by the screen, not
/// the lane: width binary searches, and a list only as long as the rows can hold.
fn plan(explorer: &Explorer, lane: &LaneData, scale: &Scale, avail: u16) -> Plan {
    let (v0, v1) = (scale.edge(0), scale.edge(i64::from(scale.width)));
    let in_view = lane.touching(v0, v1);
    let counts: Vec<usize> =
        (0..i64::from(scale.width)).map(|x| lane.touching(scale.edge(x), scale.edge(x + 1))).collect();
    let too_many = avail + 1;
    let peak = counts.iter().max().copied().unwrap_or(0);
    if in_view > usize::from(scale.width) * usize::from(avail) || peak > usize::from(avail) {
        return Plan { in_view, counts, candidates: None, need_marks: too_many, need_titles: too_many };
    }
    // In view: events starting in it, and those begun before it that reach into it (within
    // `LONG_EVENT_DAYS` before it, or from the lane's list of long events), in order of start.
    let (starts, ends) = (&lane.starts, &lane.ends);
    let lo = starts.partition_point(|&p| p < v0);
    let hi = starts.partition_point(|&p| p < v1);
    let recent_from = v0 - LONG_EVENT_DAYS;
    let recent = starts.partition_point(|&p| p < recent_from);
    let long_before = &lane.long[..lane.long.partition_point(|&i| starts[i as usize] < recent_from)];
    let positions =
        long_before.iter().map(|&i| i as usize).chain(recent..lo).filter(|&i| ends[i] > v0).chain(lo..hi);
    let candidates: Vec<Candidate> = positions
        .filter_map(|i| {
            let (c0, c1, from_left, to_right) = scale.span_at(starts[i], ends[i])?;
            let event = lane.events[i];
            let title_width =
                text::width(&shown_title(&explorer.timeline, event)).min(usize::from(u16::MAX)) as u16;
            Some(Candidate { event, c0, c1, from_left, to_right, title_width })
        })
        .collect();
    let limits = vec![scale.width; usize::from(avail)];
    let need = |cap| {
        let placed = stack(&candidates, &limits, cap);
        if placed.iter().all(Option::is_some) {
            placed.iter().flatten().max().map_or(1, |r| r + 1)
        } else {
            too_many
        }
    };
    let need_marks = need(0);
    let need_titles = match stack_whole(&candidates, &limits, true) {
        Some(placement) => placement.rows.iter().flatten().max().map_or(1, |r| r + 1),
        None => need(u16::MAX),
    };
    Plan { in_view, counts, candidates: Some(candidates), need_marks, need_titles }
}

/// Places candidates left to right, each in the first row where its mark, and its title up to
/// `cap` columns, fit (for intervals taken by their starts this uses the fewest rows there
/// can be). A title keeps one blank column before the next mark; the mark must end before the
/// row's limit (the `+N` keeps the end of the last row). The row of each, or none.
fn stack(candidates: &[Candidate], limits: &[u16], cap: u16) -> Vec<Option<u16>> {
    let mut free_from = vec![0u32; limits.len()];
    candidates
        .iter()
        .map(|c| {
            let r = (0..limits.len()).find(|&r| free_from[r] <= u32::from(c.c0) && c.c1 < limits[r])?;
            let title = c.title_width.min(cap);
            free_from[r] = if title == 0 {
                u32::from(c.c1) + 1
            } else {
                (u32::from(c.c1) + 2 + u32::from(title)).min(u32::from(limits[r])) + 1
            };
            Some(r as u16)
        })
        .collect()
}

/// Shares `avail` rows among the lanes: one each, then one at a time to the lane with the most
/// events in view per row among those that still want one — first for their marks, then for
/// their titles, then (histograms first, else every lane with events) to fill the pane.
fn share_rows(plans: &[Plan], avail: u16) -> Vec<u16> {
    let mut rows = vec![1u16; plans.len()];
    let mut left = avail.saturating_sub(plans.len() as u16);
    let drawable = |p: &Plan| p.candidates.is_some();
    let any_histogram = plans.iter().any(|p| !drawable(p) && p.in_view > 0);
    for phase in 0..3 {
        while left > 0 {
            let wants = |i: usize, rows: &[u16]| {
                let p = &plans[i];
                match phase {
                    0 => drawable(p) && rows[i] < p.need_marks,
                    1 => drawable(p) && rows[i] < p.need_titles,
                    _ => p.in_view > 0 && (drawable(p) != any_histogram),
                }
            };
            let best = (0..plans.len()).filter(|&i| wants(i, &rows)).max_by(|&i, &j| {
                // in_view / rows, compared without division; the earlier lane wins a tie.
                let (a, b) =
                    (plans[i].in_view * usize::from(rows[j]), plans[j].in_view * usize::from(rows[i]));
                a.cmp(&b).then(j.cmp(&i))
            });
            let Some(i) = best else { break };
            rows[i] += 1;
            left -= 1;
        }
    }
    rows
}

/// A lane's content in `rows` rows: every event with the longest titles that fit, else what
/// fits with the rest counted in a `+N` (the selected event always among those drawn), else,
/// where more would be hidden than drawn, the histogram.
fn lay_out(plan: Plan, rows: u16, width: u16, selected: Option<EventIx>) -> Content {
    let Some(mut candidates) = plan.candidates else {
        return Content::Histogram { counts: plan.counts };
    };
    let rows = usize::from(rows.max(1));
    let mut limits = vec![width; rows];
    if let Some(placement) = stack_whole(&candidates, &limits, false) {
        return Content::Items { items: items(&candidates, &placement, &limits), hidden: 0 };
    }
    for cap in [u16::MAX, 24, 12, 0] {
        let placed = stack(&candidates, &limits, cap);
        if placed.iter().all(Option::is_some) {
            let placement = free_titles(&candidates, placed, &limits);
            return Content::Items { items: items(&candidates, &placement, &limits), hidden: 0 };
        }
    }
    // Not every mark fits: keep the end of the last row for the `+N`.
    // Its `+`, its digits, and a blank column before it.
    limits[rows - 1] = last_row_limit(width, plan.in_view);
    let mut placed = stack(&candidates, &limits, 0);
    let lost = |placed: &[Option<u16>], candidates: &[Candidate], e: EventIx| {
        candidates.iter().zip(placed).any(|(c, p)| c.event == e && p.is_none())
    };
    if let Some(e) = selected.filter(|&e| lost(&placed, &candidates, e)) {
        // The selected event first, the others around it.
        let at = candidates.iter().position(|c| c.event == e).unwrap_or(0);
        let chosen = candidates.remove(at);
        candidates.insert(0, chosen);
        placed = stack(&candidates, &limits, 0);
    }
    let drawn = placed.iter().flatten().count();
    let hidden = plan.in_view - drawn;
    if hidden > drawn {
        return Content::Histogram { counts: plan.counts };
    }
    let placement = free_titles(&candidates, placed, &limits);
    Content::Items { items: items(&candidates, &placement, &limits), hidden }
}

/// How far marks and titles may reach in a lane's last row when some of its `in_view` events
/// are counted in a `+N` at its end: its `+`, its digits, and a blank column before it.
pub(super) fn last_row_limit(width: u16, in_view: usize) -> u16 {
    width.saturating_sub(2 + in_view.to_string().len() as u16)
}

/// Past this many events in a lane's view the layout is dense anyway: titles are not moved to
/// other rows or sides (the stacking stays linear in the events).
pub(super) const MOST_TO_ARRANGE: usize = 400;

/// The columns a mark takes in its row with its title on one side, and on which side a blank
/// column must part it from its neighbour (a title never touches the next thing).
#[derive(Debug, Clone, Copy)]
struct Taken {
    lo: u16,
    hi: u16,
    title_lo: bool,
    title_hi: bool,
}

impl Taken {
    /// Whether it can share a row with everything in `row`.
    fn clear_of(self, row: &[Taken]) -> bool {
        row.iter().all(|t| {
            if t.hi < self.lo {
                t.hi + u16::from(t.title_hi || self.title_lo) < self.lo
            } else if self.hi < t.lo {
                self.hi + u16::from(self.title_hi || t.title_lo) < t.lo
            } else {
                false
            }
        })
    }
}

/// The ways a candidate can stand with its whole title in a row `limit` wide: right of its mark,
/// then left of it.
fn whole_sides(c: &Candidate, limit: u16) -> [Option<(Taken, bool)>; 2] {
    if c.c1 >= limit {
        return [None, None];
    }
    let tw = c.title_width;
    if tw == 0 {
        return [Some((Taken { lo: c.c0, hi: c.c1, title_lo: false, title_hi: false }, false)), None];
    }
    let right = (u32::from(c.c1) + 1 + u32::from(tw) < u32::from(limit))
        .then(|| (Taken { lo: c.c0, hi: c.c1 + 1 + tw, title_lo: false, title_hi: true }, false));
    let left =
        (c.c0 > tw).then(|| (Taken { lo: c.c0 - 1 - tw, hi: c.c1, title_lo: true, title_hi: false }, true));
    [right, left]
}

/// Every candidate on a row with its whole title, right of its mark or, where the right has no
/// room, left of it (as vis-timeline stacks items with their labels); none if some candidate
/// finds no row. Candidates are placed one by one, in a few orders — by start; from the right
/// edge back; those that can stand only one way, and the longest titles, first — each in the
/// first row it fits, or first on its right in any row; of the ways that fit in the rows, the
/// one with the fewest titles on the left (they read less easily), then the fewest rows, is
/// kept; `fewest_rows` keeps the one with the fewest rows (what a lane needs).
fn stack_whole(candidates: &[Candidate], limits: &[u16], fewest_rows: bool) -> Option<Placement> {
    if candidates.len() > MOST_TO_ARRANGE {
        return None;
    }
    let by_start: Vec<usize> = (0..candidates.len()).collect();
    let from_right: Vec<usize> = by_start.iter().rev().copied().collect();
    let mut constrained = by_start.clone();
    let width = limits.iter().copied().max().unwrap_or(0);
    constrained.sort_by_key(|&i| {
        let c = &candidates[i];
        let ways = whole_sides(c, width).iter().flatten().count();
        (ways, std::cmp::Reverse(c.title_width))
    });
    let rows_used = |p: &Placement| p.rows.iter().flatten().max().copied();
    let lefts = |p: &Placement| p.left.iter().filter(|&&l| l).count();
    [by_start, from_right, constrained]
        .iter()
        .flat_map(|order| [false, true].map(|right_first| (order, right_first)))
        .filter_map(|(order, right_first)| stack_whole_in(candidates, limits, order, right_first))
        .min_by_key(|p| if fewest_rows { (0, rows_used(p)) } else { (lefts(p), rows_used(p)) })
}

/// `stack_whole` for one order of placing: each candidate in the first row where it fits, or,
/// `right_first`, in the first row where it fits with its title on the right if there is one.
fn stack_whole_in(
    candidates: &[Candidate],
    limits: &[u16],
    order: &[usize],
    right_first: bool,
) -> Option<Placement> {
    let mut taken: Vec<Vec<Taken>> = vec![Vec::new(); limits.len()];
    let mut placement = Placement { rows: vec![None; candidates.len()], left: vec![false; candidates.len()] };
    for &i in order {
        let c = &candidates[i];
        let fits = |r: usize, side: usize| {
            whole_sides(c, limits[r])[side].filter(|(t, _)| t.clear_of(&taken[r])).map(|way| (r, way))
        };
        let found = if right_first {
            (0..limits.len()).find_map(|r| fits(r, 0)).or_else(|| (0..limits.len()).find_map(|r| fits(r, 1)))
        } else {
            (0..limits.len()).find_map(|r| fits(r, 0).or_else(|| fits(r, 1)))
        };
        let (r, (span, left)) = found?;
        taken[r].push(span);
        placement.rows[i] = Some(r as u16);
        placement.left[i] = left;
    }
    Some(placement)
}

/// Where each placed event's title goes: its row, and whether the title stands left of the mark
/// (only ever whole, where the right has too little room).
#[derive(Clone)]
struct Placement {
    rows: Vec<Option<u16>>,
    left: Vec<bool>,
}

/// Moves each event whose title is cut to the row, and the side of its mark, where most of it
/// fits, if any gives it more room (whole, where one can): vis-timeline's stacking of labels on
/// free rows. Marks only move to where they are free, so nothing placed is lost; past a few
/// hundred events the layout is dense anyway and this is skipped.
fn free_titles(candidates: &[Candidate], rows: Vec<Option<u16>>, limits: &[u16]) -> Placement {
    let mut placement = Placement { left: vec![false; rows.len()], rows };
    if candidates.len() > MOST_TO_ARRANGE {
        return placement;
    }
    // Until no title gains by a move: a move gives one title more room and takes none from the
    // others (it goes only where nothing is drawn), so this ends (in far fewer passes than the
    // bound); then no cut title has more room on another row, or side, than where it is.
    for _ in 0..candidates.len() {
        if !move_cut_titles(candidates, &mut placement, limits) {
            break;
        }
    }
    placement
}

/// One pass of `free_titles` over the candidates, left to right: whether a title moved.
fn move_cut_titles(candidates: &[Candidate], placement: &mut Placement, limits: &[u16]) -> bool {
    let mut moved = false;
    for i in 0..candidates.len() {
        let Some(row) = placement.rows[i] else { continue };
        let rooms = title_rooms(candidates, placement, limits);
        let c = &candidates[i];
        if rooms[i] >= c.title_width {
            continue;
        }
        // The room right and left of the mark in row `r`, given everything else placed there.
        let room_in = |r: u16| -> Option<(u16, u16)> {
            let (mut from, mut to) = (0u16, limits[usize::from(r)]);
            if c.c1 >= to {
                return None;
            }
            for (j, other) in candidates.iter().enumerate() {
                if j == i || placement.rows[j] != Some(r) {
                    continue;
                }
                let (lo, hi) = span_with_title(other, rooms[j], placement.left[j]);
                // A title never touches the mark beside it.
                let (title_right, title_left) =
                    (rooms[j] > 0 && !placement.left[j], rooms[j] > 0 && placement.left[j]);
                if hi < c.c0 && !(title_right && hi + 1 == c.c0) {
                    from = from.max(hi + 2);
                } else if lo > c.c1 && !(title_left && c.c1 + 1 == lo) {
                    to = to.min(lo.saturating_sub(1));
                } else {
                    return None;
                }
            }
            let right = to.saturating_sub(c.c1 + 2).min(c.title_width);
            let left = c.c0.saturating_sub(1).saturating_sub(from);
            Some((right, left))
        };
        let mut best: Option<(u16, bool, u16)> = None; // room, left, row
        for r in 0..limits.len() as u16 {
            let Some((right, left)) = room_in(r) else { continue };
            let options = [(right, false), (if left >= c.title_width { c.title_width } else { 0 }, true)];
            for (room, on_left) in options {
                let better = match best {
                    None => true,
                    Some((b_room, b_left, b_row)) => {
                        (room, !on_left, std::cmp::Reverse(r.abs_diff(row)))
                            > (b_room, !b_left, std::cmp::Reverse(b_row.abs_diff(row)))
                    }
                };
                if better {
                    best = Some((room, on_left, r));
                }
            }
        }
        if let Some((room, on_left, r)) = best {
            if room > rooms[i] {
                placement.rows[i] = Some(r);
                placement.left[i] = on_left;
                moved = true;
            }
        }
    }
    moved
}

/// The columns an event takes in its row, its title (`room` columns, on its side) included.
fn span_with_title(c: &Candidate, room: u16, left: bool) -> (u16, u16) {
    match (room, left) {
        (0, _) => (c.c0, c.c1),
        (room, true) => (c.c0.saturating_sub(1 + room), c.c1),
        (room, false) => (c.c0, c.c1 + 1 + room),
    }
}

/// The room each placed candidate's title has: a title on the left keeps its whole width; one
/// on the right runs up to the next thing in its row, with one blank column between, or the
/// row's limit; none where it has no room.
fn title_rooms(candidates: &[Candidate], placement: &Placement, limits: &[u16]) -> Vec<u16> {
    let rows = &placement.rows;
    let mut order: Vec<usize> = (0..candidates.len()).filter(|&i| rows[i].is_some()).collect();
    order.sort_by_key(|&i| (rows[i], candidates[i].c0));
    let mut rooms = vec![0; candidates.len()];
    for (k, &i) in order.iter().enumerate() {
        let (c, row) = (&candidates[i], rows[i].unwrap_or(0));
        if placement.left[i] {
            rooms[i] = c.title_width;
            continue;
        }
        let next = match order.get(k + 1) {
            Some(&j) if rows[j] == Some(row) => {
                let next = &candidates[j];
                let lo =
                    if placement.left[j] { next.c0.saturating_sub(1 + next.title_width) } else { next.c0 };
                lo.saturating_sub(1)
            }
            _ => limits[usize::from(row)],
        };
        rooms[i] = next.saturating_sub(c.c1 + 2).min(c.title_width);
    }
    rooms
}

/// The placed candidates as items, in rows and left to right, each with its title's room.
fn items(candidates: &[Candidate], placement: &Placement, limits: &[u16]) -> Vec<Item> {
    let rooms = title_rooms(candidates, placement, limits);
    let mut items: Vec<Item> = (0..candidates.len())
        .filter_map(|i| {
            let c = &candidates[i];
            Some(Item {
                event: c.event,
                row: placement.rows[i]?,
                c0: c.c0,
                c1: c.c1,
                from_left: c.from_left,
                to_right: c.to_right,
                title_room: rooms[i],
                title_left: placement.left[i],
            })
        })
        .collect();
    items.sort_by_key(|it| (it.row, it.c0));
    items
}

impl Item {
    /// The columns it takes in its row, its title included.
    pub fn extent(&self) -> (u16, u16) {
        match (self.title_room, self.title_left) {
            (0, _) => (self.c0, self.c1),
            (room, true) => (self.c0.saturating_sub(1 + room), self.c1),
            (room, false) => (self.c0, self.c1 + 1 + room),
        }
    }
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
    let at = if explorer.has_times() { center } else { center.floor() };
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
                let label = one_line(lane_label(lane, geo.short_labels));
                let label = text::truncate(&label, usize::from(geo.label_width - 1)).into_owned();
                let current = slot.lane == ex.lanes().current;
                let style = if current && self.focused { theme.selected } else { theme.label };
                buf.set_string(area.x, y, &label, style);
            }
            let lane = &ex.lane_list()[slot.lane];
            draw_slot(ex, theme, buf, plot, slot, lane, geo.per_block.unwrap_or(1), &geo.scale);
        }
        if let Some(ghosts) = &geo.ghosts {
            super::ghosts::draw(ex, theme, buf, plot, geo.label_width, ghosts);
        }
        if let Some(line_y) = geo.line_y {
            let labels_y = geo.labels_y.map(|l| area.y + l);
            super::draw_axis(buf, plot_x, area.y + line_y, labels_y, &geo.scale, theme);
        }
        if let Some(legend_y) = geo.legend_y {
            let lines = legend_lines(usize::from(area.width), ex.grouping(), usize::from(geo.legend_rows));
            for (y, line) in (legend_y..).zip(lines) {
                buf.set_string(area.x, area.y + y, &line, theme.dim);
            }
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
            "{} {}–{} of {lanes} (J/K)",
            g.said(),
            geometry.hidden_above + 1,
            lanes - geometry.hidden_below
        )),
        g => parts.push(g.said()),
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

/// The legend line's entries: the marks of `LEGEND` in short words, a point's and a bar's
/// mark together (the `?` help and the README give each in full).
const LEGEND_LINE: &[(&str, &str)] = &[
    ("● ━", "happened"),
    ("○ ┅", "planned"),
    ("✕ ╌", "cancelled"),
    ("◌ ┈", "approx."),
    ("◀▶", "goes on"),
    ("+N", "not drawn"),
    ("▁▄█", "events per column"),
    (JOINT, "both A and B acted"),
    (FOLDS, "open, folded (Space)"),
];

/// Ends the legend where entries are left out: the `?` help lists every mark.
const LEGEND_MORE: &str = "? all marks";

/// The legend in at most `rows` lines of `width`, cut between entries; where some are left out
/// the last line ends with `? all marks`. Under `grouping`, the entry explaining its lanes (the
/// joint bands of lanes by side, the folds of nested lanes) comes first, the other lanes' are
/// left out.
pub fn legend_lines(width: usize, grouping: crate::model::lanes::Grouping, rows: usize) -> Vec<String> {
    legend_layout(width, grouping, rows).0
}

/// `legend_lines`, and whether every entry is in them.
fn legend_layout(width: usize, grouping: crate::model::lanes::Grouping, rows: usize) -> (Vec<String>, bool) {
    use crate::model::lanes::Grouping;
    let first = match grouping {
        Grouping::Side => Some(JOINT),
        Grouping::Nested => Some(FOLDS),
        _ => None,
    };
    let entries: Vec<String> = LEGEND_LINE
        .iter()
        .filter(|(mark, _)| Some(*mark) == first)
        .chain(LEGEND_LINE.iter().filter(|(mark, _)| ![JOINT, FOLDS].contains(mark)))
        .map(|(mark, meaning)| format!("{mark} {meaning}"))
        .collect();
    // Entries in order into `rows` lines, the last `last_width` wide: the lines and how many fit.
    let fill = |last_width: usize| {
        let mut lines = vec![String::new()];
        let mut placed = 0;
        for entry in &entries {
            let line_width = if lines.len() == rows { last_width } else { width };
            let line = lines.last_mut().expect("one line at least");
            let sep = if line.is_empty() { 0 } else { 2 };
            if text::width(line) + sep + text::width(entry) <= line_width {
                line.push_str(&" ".repeat(sep));
                line.push_str(entry);
            } else if lines.len() < rows && text::width(entry) <= width {
                lines.push(entry.clone());
            } else {
                break;
            }
            placed += 1;
        }
        (lines, placed)
    };
    let (lines, placed) = fill(width);
    if placed == entries.len() || rows == 0 {
        return (lines, true);
    }
    let more = text::width(LEGEND_MORE);
    let (mut lines, _) = fill(width.saturating_sub(more + 2));
    let last = lines.last_mut().expect("one line at least");
    if text::width(last) + 2 + more <= width {
        let sep = if last.is_empty() { "" } else { "  " };
        last.push_str(&format!("{sep}{LEGEND_MORE}"));
    }
    (lines, false)
}

fn item_style(ex: &Explorer, theme: &Theme, event: EventIx) -> Style {
    let status = ex.timeline.events[event].status;
    let mut style = match status {
        Status::Happened => theme.axis_mark,
        Status::Planned => theme.planned,
        Status::Cancelled | Status::NotHeld => theme.cancelled,
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
    for item in items {
        let event = &ex.timeline.events[item.event];
        let y = plot.y + slot.y + item.row;
        let style = item_style(ex, theme, item.event);
        let fuzzy = event.date.approximate || event.date.uncertain;
        let start = ex.starts()[item.event];
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
                Status::Cancelled | Status::NotHeld => "╌",
            };
            for c in item.c0..=item.c1 {
                let symbol = if c == item.c0 && item.from_left {
                    "◀"
                } else if c == item.c1 && item.to_right {
                    "▶"
                } else if c == item.c0 && (imprecise || item.c0 == item.c1) {
                    // Its status, then how far the date might reach.
                    point_mark(event.status, fuzzy)
                } else if fuzzy && (c == item.c0 || c == item.c1) {
                    "┈"
                } else if c == item.c0
                    && event.status == Status::Happened
                    && !imprecise
                    && scale.starts_late(start)
                {
                    "╺"
                } else {
                    body
                };
                buf.set_string(plot.x + c, y, symbol, style);
            }
        }
        // The title beside it, in the room the layout left it; where that cuts it and the bar
        // is wide enough, inside the bar instead.
        let shown = shown_title(&ex.timeline, item.event);
        let title_width = text::width(&shown);
        let bar_width = usize::from(item.c1 - item.c0) + 1;
        let title_style = if ex.selected_event() == Some(item.event) { theme.selected } else { theme.text };
        if usize::from(item.title_room) < title_width && bar_width >= title_width + 6 {
            let title = format!(" {shown} ");
            buf.set_string(plot.x + item.c0 + 2, y, &title, title_style);
        } else if item.title_room >= 2 {
            let title = text::truncate(&shown, usize::from(item.title_room)).into_owned();
            let x = if item.title_left { item.extent().0 } else { item.c1 + 2 };
            buf.set_string(plot.x + x, y, &title, title_style);
        }
    }
}

/// One lane's content in its rows: its marks and bars and their `+N`, or its histogram (a full
/// `█` standing for `per_block` events). The timeline view's lanes and the strip under the
/// list are both drawn with it.
#[allow(clippy::too_many_arguments)]
pub fn draw_slot(
    ex: &Explorer,
    theme: &Theme,
    buf: &mut Buffer,
    plot: Rect,
    slot: &Slot,
    lane: &LaneData,
    per_block: usize,
    scale: &Scale,
) {
    match &slot.content {
        Content::Items { items, .. } => {
            draw_items(ex, theme, buf, plot, slot, items, scale);
            if let Some((more, x)) = slot.more(plot.width) {
                buf.set_string(plot.x + x, plot.y + slot.y + slot.rows - 1, &more, theme.key);
            }
        }
        Content::Histogram { counts } => {
            draw_histogram(ex, theme, buf, plot, slot, lane, counts, per_block, scale)
        }
    }
}

/// `lane` in one row across `scale`, laid out as the view lays out a lane (marks and bars,
/// what finds no room counted in a `+N`, a histogram where more would be hidden than drawn)
/// without titles beside the marks: the strip under the list. With the histogram's scale (the
/// events a full `█` stands for), if it is one.
pub fn marks_row(explorer: &Explorer, lane: &LaneData, scale: &Scale) -> (Slot, Option<usize>) {
    let mut plan = plan(explorer, lane, scale, 1);
    for c in plan.candidates.iter_mut().flatten() {
        c.title_width = 0;
    }
    let in_view = plan.in_view;
    let content = lay_out(plan, 1, scale.width, explorer.selected_event());
    let per_block = match &content {
        Content::Histogram { counts } => Some(counts.iter().max().copied().unwrap_or(0).max(1)),
        Content::Items { .. } => None,
    };
    (Slot { lane: 0, y: 0, rows: 1, in_view, content }, per_block)
}

#[allow(clippy::too_many_arguments)]
fn draw_histogram(
    ex: &Explorer,
    theme: &Theme,
    buf: &mut Buffer,
    plot: Rect,
    slot: &Slot,
    lane: &LaneData,
    counts: &[usize],
    per_block: usize,
    scale: &Scale,
) {
    const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
    // The selected event is drawn too: the columns it covers stand out.
    let selected = ex
        .selected_event()
        .filter(|&e| lane.events.binary_search(&e).is_ok())
        .and_then(|e| scale.span_at(ex.starts()[e], ex.ends()[e]));
    for (x, &n) in counts.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let x = x as u16;
        let mut eighths = (n * 8).div_ceil(per_block).min(usize::from(slot.rows) * 8);
        let is_selected = selected.is_some_and(|(c0, c1, _, _)| (c0..=c1).contains(&x));
        let style = if is_selected { theme.axis_selected } else { theme.axis_mark };
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
    use crate::explorer::testing::explorer;
    use crate::model::lanes::Grouping;

    fn builtin() -> Explorer {
        explorer(crate::model::load_builtin().unwrap())
    }

    #[test]
    fn lanes_stack_overlapping_events_into_sub_rows() {
        // Three overlapping weeks and a later day: two stack, the day shares the first row.
        let text = "title: t\nevents:\n  - {id: a, title: A, date: 2016-03-01..2016-03-20}\n  - {id: b, title: B, date: 2016-03-10..2016-03-25}\n  - {id: c, title: C, date: 2016-03-12..2016-03-14}\n  - {id: d, title: D, date: 2016-06-01}\n";
        let ex = explorer(crate::model::load_str("t", text).unwrap());
        let geo = geometry(&ex, 100, 12).unwrap();
        let Content::Items { items, hidden } = &geo.slots[0].content else { panic!("items") };
        assert!(*hidden == 0);
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
                assert!(slot.in_view <= lane.events.len());
                assert!(counts.iter().all(|&n| n <= slot.in_view), "a column counts each event once");
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
    fn narrow_lanes_go_by_their_short_labels() {
        let mut ex = builtin();
        ex.set_grouping(Grouping::Side);
        let labels = |geo: &Geometry| -> Vec<String> {
            geo.slots
                .iter()
                .map(|s| lane_label(&ex.lane_list()[s.lane], geo.short_labels).to_string())
                .collect()
        };
        let wide = geometry(&ex, 120, 30).unwrap();
        assert_eq!(labels(&wide), ["China", "joint CN+US", "United States"]);
        let narrow = geometry(&ex, 40, 12).unwrap();
        assert_eq!(labels(&narrow), ["CN", "CN+US", "US"]);
        assert!(narrow.label_width > 5, "each short label whole");
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
    fn the_legend_explains_the_lanes_shown_first() {
        assert!(legend_lines(120, Grouping::Side, 1)[0].starts_with("joint A+B both A and B acted"));
        assert!(legend_lines(120, Grouping::Nested, 1)[0].starts_with("▾ ▸ open, folded"));
        let country = legend_lines(500, Grouping::Country, 1).concat();
        assert!(!country.contains("joint") && !country.contains("folded"), "{country}");
        assert!(country.contains("✕ ╌ cancelled") && !country.contains(LEGEND_MORE), "{country}");
    }

    #[test]
    fn the_legend_line_has_every_mark_of_the_legend() {
        let line: String = LEGEND_LINE.iter().map(|(mark, _)| *mark).collect();
        for (mark, _) in LEGEND {
            for c in mark.chars().filter(|c| !c.is_ascii_alphanumeric() && *c != ' ' && *c != '+') {
                assert!(line.contains(c), "{c} of {mark} is not in the legend line");
            }
        }
    }

    #[test]
    fn the_legend_is_cut_between_entries_and_says_where_the_rest_is() {
        let full = legend_lines(500, Grouping::None, 1);
        assert_eq!(full.len(), 1);
        assert!(full[0].contains("▁▄█ events per column") && !full[0].contains(LEGEND_MORE));
        for width in [20, 40, 78] {
            let short = legend_lines(width, Grouping::None, 1);
            assert_eq!(short.len(), 1);
            assert!(text::width(&short[0]) <= width, "{short:?}");
            assert!(short[0].ends_with(LEGEND_MORE), "{short:?}");
            let entries = short[0].trim_end_matches(LEGEND_MORE).trim_end();
            assert!(full[0].starts_with(entries), "{short:?}");
        }
        // Two lines at 78 columns hold it all.
        let two = legend_lines(78, Grouping::None, 2);
        assert_eq!(two.concat().replace("  ", ""), full[0].replace("  ", ""));
        assert!(two.iter().all(|l| text::width(l) <= 78));
        assert_eq!(legend_lines(3, Grouping::None, 1), [""]);
    }
}
