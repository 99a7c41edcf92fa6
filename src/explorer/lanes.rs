//! The timeline view's own state: how events are grouped into lanes (kept up to date with the
//! filter), which lanes are scrolled into view, the lane `J`/`K` are on, and the mark `m` sets
//! for measuring.

use super::Explorer;
use crate::model::lanes::{self, Grouping};
use crate::model::EventIx;
use std::cell::OnceCell;

/// Events longer than this many days are listed apart in each lane, so a view can find the
/// ones that began long before it without walking back through everything in between.
pub const LONG_EVENT_DAYS: f64 = 31.0;

/// One lane as the view reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneData {
    pub label: String,
    /// Shown events in the lane, in chronological order.
    pub events: Vec<EventIx>,
    /// Where they start on the axis (`Explorer::starts`), side by side, so the binary searches
    /// a frame makes read one small array instead of the events.
    pub starts: Vec<f64>,
    /// Where they end (`Explorer::ends`), side by side with `starts`.
    pub ends: Vec<f64>,
    /// Their ends sorted, a moment's end taken just past its start (`end_key`): with `starts`,
    /// two binary searches count the events that touch any stretch of the axis.
    pub ends_sorted: Vec<f64>,
    /// Positions (in `events`) of those longer than `LONG_EVENT_DAYS`, in the same order.
    pub long: Vec<u32>,
}

impl LaneData {
    /// How many of the lane's events touch the stretch from `from` up to (not including) `to`:
    /// those starting before `to` and ending after `from` (a moment: at or after `from`).
    pub fn touching(&self, from: f64, to: f64) -> usize {
        let started = self.starts.partition_point(|&p| p < to);
        let ended = self.ends_sorted.partition_point(|&p| p <= from);
        started.saturating_sub(ended)
    }
}

/// The key a lane sorts an event's end by: its end, or for a moment (no length) the next number
/// after its start, so "ends after `from`" reads `key > from` for both (a moment at `from` is in).
pub fn end_key(start: f64, end: f64) -> f64 {
    if end > start {
        end
    } else {
        next_up(start)
    }
}

/// An f64's bits turned so that integers compare as the numbers do (negative ones too).
pub(super) fn ordered_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

fn from_ordered_bits(bits: u64) -> f64 {
    if bits >> 63 == 1 {
        f64::from_bits(bits & !(1 << 63))
    } else {
        f64::from_bits(!bits)
    }
}

/// The smallest f64 greater than `x` (finite `x`).
fn next_up(x: f64) -> f64 {
    if x == 0.0 {
        f64::from_bits(1)
    } else if x > 0.0 {
        f64::from_bits(x.to_bits() + 1)
    } else {
        f64::from_bits(x.to_bits() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_bits_keep_the_order_and_come_back() {
        let xs = [-1e300, -736_000.5, -1.0, -0.0, 0.0, 1e-300, 1.0, 736_000.25, 736_000.5, 1e300];
        for w in xs.windows(2) {
            assert!(ordered_bits(w[0]) <= ordered_bits(w[1]), "{} {}", w[0], w[1]);
        }
        for x in xs {
            assert_eq!(from_ordered_bits(ordered_bits(x)).to_bits(), x.to_bits());
        }
        assert!(next_up(736_000.0) > 736_000.0 && next_up(-3.0) > -3.0 && next_up(0.0) > 0.0);
        assert_eq!(end_key(5.0, 5.0), next_up(5.0));
        assert_eq!(end_key(5.0, 6.0), 6.0);
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lanes {
    pub grouping: Grouping,
    /// The lanes, grouped the first time they are asked for after the shown events or the
    /// grouping changed: a filter in the list layout does not pay for grouping it never shows.
    grouped: OnceCell<Vec<LaneData>>,
    /// The first lane drawn.
    pub offset: usize,
    /// The lane `J`/`K` moved to.
    pub current: usize,
}

impl Explorer {
    /// Forgets the grouping; called whenever the shown events or the grouping change. The
    /// lanes are grouped again when next asked for.
    pub(super) fn refresh_lanes(&mut self) {
        self.lanes.grouped = OnceCell::new();
    }

    /// The lanes of the shown events, grouped now if they were not yet.
    pub fn lane_list(&self) -> &[LaneData] {
        self.lanes.grouped.get_or_init(|| self.group_lanes())
    }

    fn group_lanes(&self) -> Vec<LaneData> {
        let visible = self.visible_by_index();
        let grouped = lanes::lanes(&self.timeline, self.index.as_deref(), self.lanes.grouping, &visible);
        let mut member = vec![false; self.timeline.events.len()];
        grouped
            .into_iter()
            .map(|lane| {
                let starts: Vec<f64> = lane.events.iter().map(|&e| self.starts[e]).collect();
                let ends: Vec<f64> = lane.events.iter().map(|&e| self.ends[e]).collect();
                let long = (0..lane.events.len())
                    .filter(|&i| ends[i] - starts[i] > LONG_EVENT_DAYS)
                    .map(|i| i as u32)
                    .collect();
                let key = |e: EventIx| end_key(self.starts[e], self.ends[e]);
                let n = lane.events.len();
                // A large lane reads its ends in order off the timeline's (one pass); a small
                // one sorts its own, as integers that keep the numbers' order.
                let ends_sorted = if n * (usize::BITS - n.leading_zeros()) as usize > self.end_order.len() {
                    for &e in &lane.events {
                        member[e] = true;
                    }
                    let sorted = self
                        .end_order
                        .iter()
                        .filter(|&&e| member[e as usize])
                        .map(|&e| key(e as usize))
                        .collect();
                    for &e in &lane.events {
                        member[e] = false;
                    }
                    sorted
                } else {
                    let mut keys: Vec<u64> = lane.events.iter().map(|&e| ordered_bits(key(e))).collect();
                    keys.sort_unstable();
                    keys.into_iter().map(from_ordered_bits).collect()
                };
                LaneData { label: lane.label, events: lane.events, starts, ends, ends_sorted, long }
            })
            .collect()
    }

    /// Keeps the current lane and the scroll within the lanes there are now.
    fn clamp_lanes(&mut self) {
        let n = self.lane_list().len();
        self.lanes.current = self.lanes.current.min(n.saturating_sub(1));
        self.lanes.offset = self.lanes.offset.min(n.saturating_sub(1));
    }

    pub fn grouping(&self) -> Grouping {
        self.lanes.grouping
    }

    /// Groups the lanes by `grouping`; returns a message for the header.
    pub fn set_grouping(&mut self, grouping: Grouping) -> Option<String> {
        self.lanes.grouping = grouping;
        self.lanes.offset = 0;
        self.lanes.current = 0;
        self.refresh_lanes();
        self.follow_selection_to_a_lane();
        Some(match grouping {
            Grouping::None => "lanes: none".to_string(),
            g => format!("lanes by {}: {}", g.name(), self.lane_list().len()),
        })
    }

    /// The current lane becomes one that holds the selected event, if the current one does not.
    fn follow_selection_to_a_lane(&mut self) {
        let Some(selected) = self.selected_event() else { return };
        let holds = |lane: &LaneData| lane.events.binary_search(&selected).is_ok();
        if !self.lane_list().get(self.lanes.current).is_some_and(holds) {
            if let Some(i) = self.lane_list().iter().position(holds) {
                self.lanes.current = i;
            }
        }
    }

    /// `J`/`K`: the next or previous lane, selecting its event nearest in time to the selection.
    pub fn step_lane(&mut self, forward: bool) -> Option<String> {
        self.clamp_lanes();
        let n = self.lane_list().len();
        if n <= 1 {
            return Some("only one lane; L groups events into lanes".into());
        }
        let next = if forward { self.lanes.current + 1 } else { self.lanes.current.checked_sub(1)? };
        if next >= n {
            return None;
        }
        self.lanes.current = next;
        let day = self.selected_event().map(|e| self.timeline.events[e].date.first_day());
        let lane = &self.lane_list()[next];
        if let Some(day) = day {
            let events = &self.timeline.events;
            let after = lane.events.partition_point(|&e| events[e].date.first_day() < day);
            let candidates = [after.checked_sub(1), (after < lane.events.len()).then_some(after)];
            let nearest = candidates
                .into_iter()
                .flatten()
                .min_by_key(|&p| (events[lane.events[p]].date.first_day() - day).num_days().abs());
            if let Some(event) = nearest.map(|p| lane.events[p]) {
                let keep = self.axis;
                self.select_event(event);
                self.axis = keep;
            }
        }
        None
    }

    /// Keeps the current lane among the `shown` lanes drawn from the offset.
    pub fn scroll_lanes_to_current(&mut self, shown: usize) {
        let shown = shown.max(1);
        if self.lanes.current < self.lanes.offset {
            self.lanes.offset = self.lanes.current;
        } else if self.lanes.current >= self.lanes.offset + shown {
            self.lanes.offset = self.lanes.current + 1 - shown;
        }
    }

    /// `m`: marks the selected event (again: clears the mark).
    pub fn toggle_mark(&mut self) -> Option<String> {
        let selected = self.selected_event()?;
        if self.mark == Some(selected) {
            self.mark = None;
            return Some("mark cleared".into());
        }
        self.mark = Some(selected);
        Some("marked; move to another event to measure the time between".into())
    }

    /// The time from the mark to the selection, in words, while a mark is set.
    pub fn measured(&self) -> Option<String> {
        let mark = self.mark?;
        let selected = self.selected_event()?;
        let (from, to) = (&self.timeline.events[mark].date, &self.timeline.events[selected].date);
        if from.start.time.is_some() && to.start.time.is_some() {
            // Both at a time of day: the time between, to the second where it is that close.
            let seconds = to.start_instant() - from.start_instant();
            let words = crate::model::date::human_duration(seconds);
            return Some(if seconds < 0 { format!("{words} before the mark") } else { words });
        }
        let (a, b) = (from.first_day(), to.first_day());
        let words = crate::model::date::interval_words(a, b);
        Some(if b < a { format!("{words} before the mark") } else { words })
    }

    /// `z`: fits the shown events.
    pub fn zoom_to_shown(&mut self) -> Option<String> {
        let zone = self.zone;
        let extent = |e: EventIx| crate::explorer::axis::extent(&self.timeline.events[e].date, &zone);
        // The list's first event need not start first (`visible` is in the zone's order).
        let start = self.visible.iter().map(|&e| extent(e).0).reduce(f64::min)?;
        let end = self.visible.iter().map(|&e| extent(e).1).fold(start, f64::max);
        self.zoom_to(start, end);
        None
    }

    /// `Z`: fits the selected event's span.
    pub fn zoom_to_selected(&mut self) -> Option<String> {
        let date = self.timeline.events[self.selected_event()?].date;
        let (start, end) = crate::explorer::axis::extent(&date, &self.zone);
        self.zoom_to(start, end);
        None
    }

    /// Fits the positions `start..end` with a little room either side, never narrower than
    /// the closest zoom.
    fn zoom_to(&mut self, start: f64, end: f64) {
        let (span, center) = if self.has_times {
            let length = end - start;
            (length * 1.1 + 1.0 / 48.0, (start + end) / 2.0)
        } else {
            // Whole days: a tenth more, and a day either side.
            let days = (end - start).round();
            (days + (days / 10.0).floor() + 2.0, ((start + end - 1.0) / 2.0).floor())
        };
        let span = span.max(self.min_span_days());
        let full = self.time_extent().map(|(a, b)| b - a);
        if full.is_some_and(|full| span >= full) {
            self.axis = Default::default();
        } else {
            self.axis.span_days = Some(span);
            self.axis.center_day = Some(center);
        }
    }

    /// A click in the timeline view: the lane (made current) and the event (selected, the view
    /// staying where it is).
    pub fn pick(&mut self, lane: Option<usize>, event: Option<EventIx>) {
        if let Some(lane) = lane.filter(|&l| l < self.lane_list().len()) {
            self.lanes.current = lane;
        }
        if let Some(event) = event {
            let keep = self.axis;
            self.select_event(event);
            self.axis = keep;
        }
    }

    /// The size of the timeline view as last laid out.
    pub fn timeline_size(&self) -> (u16, u16) {
        (self.viewport.timeline_width, self.viewport.timeline_height)
    }

    /// The lanes as the view draws them.
    pub fn lanes(&self) -> &Lanes {
        &self.lanes
    }
}
