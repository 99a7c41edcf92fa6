//! The timeline view's own state: how events are grouped into lanes (kept up to date with the
//! filter), which lanes are scrolled into view, the lane `J`/`K` are on, and the mark `m` sets
//! for measuring.

use super::axis::{end_key, from_ordered_bits, ordered_bits};
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
    /// A shorter label for a narrow screen (`Lane::short`).
    pub short: Option<String>,
    /// A nested lane's country heading (`Grouping::Nested`): the country Space folds.
    pub heading: Option<crate::model::CountryIx>,
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

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lanes {
    pub grouping: Grouping,
    /// The lanes, grouped the first time they are asked for after the shown events or the
    /// grouping changed: a filter in the list layout does not pay for grouping it never shows.
    grouped: OnceCell<Vec<LaneData>>,
    /// Every shown event as one lane (the strip under the list draws it), made when asked for.
    all: OnceCell<LaneData>,
    /// The first lane drawn.
    pub offset: usize,
    /// The lane `J`/`K` moved to.
    pub current: usize,
    /// The countries whose nested lanes are folded into their heading (`explorer::sides`).
    pub folded: Vec<crate::model::CountryIx>,
}

impl Explorer {
    /// Forgets the grouping; called whenever the shown events or the grouping change. The
    /// lanes are grouped again when next asked for.
    pub(super) fn refresh_lanes(&mut self) {
        self.lanes.grouped = OnceCell::new();
        self.lanes.all = OnceCell::new();
    }

    /// The lanes of the shown events, grouped now if they were not yet.
    pub fn lane_list(&self) -> &[LaneData] {
        self.lanes.grouped.get_or_init(|| self.group_lanes())
    }

    /// Every shown event as one lane, whatever the grouping: the lanes' one lane when there is
    /// no grouping, else one of its own.
    pub fn shown_lane(&self) -> &LaneData {
        match self.lanes.grouping {
            Grouping::None => &self.lane_list()[0],
            _ => self
                .lanes
                .all
                .get_or_init(|| self.group_lanes_by(Grouping::None).pop().expect("no grouping is one lane")),
        }
    }

    fn group_lanes(&self) -> Vec<LaneData> {
        self.group_lanes_by(self.lanes.grouping)
    }

    fn group_lanes_by(&self, grouping: Grouping) -> Vec<LaneData> {
        // The lanes read the shown events in the timeline's order (`visible` is in the zone's).
        let visible = self.visible_by_index();
        let grouped = lanes::lanes_folded(
            &self.timeline,
            self.index.as_deref(),
            grouping,
            &visible,
            &self.lanes.folded,
        );
        let (all_starts, all_ends, end_order) = (self.time.starts(), self.time.ends(), self.time.end_order());
        let mut member = vec![false; self.timeline.events.len()];
        grouped
            .into_iter()
            .map(|lane| {
                let starts: Vec<f64> = lane.events.iter().map(|&e| all_starts[e]).collect();
                let ends: Vec<f64> = lane.events.iter().map(|&e| all_ends[e]).collect();
                let long = (0..lane.events.len())
                    .filter(|&i| ends[i] - starts[i] > LONG_EVENT_DAYS)
                    .map(|i| i as u32)
                    .collect();
                let key = |e: EventIx| end_key(all_starts[e], all_ends[e]);
                let n = lane.events.len();
                // A large lane reads its ends in order off the timeline's (one pass); a small
                // one sorts its own, as integers that keep the numbers' order.
                let ends_sorted = if n * (usize::BITS - n.leading_zeros()) as usize > end_order.len() {
                    for &e in &lane.events {
                        member[e] = true;
                    }
                    let sorted =
                        end_order.iter().filter(|&&e| member[e as usize]).map(|&e| key(e as usize)).collect();
                    for &e in &lane.events {
                        member[e] = false;
                    }
                    sorted
                } else {
                    let mut keys: Vec<u64> = lane.events.iter().map(|&e| ordered_bits(key(e))).collect();
                    keys.sort_unstable();
                    keys.into_iter().map(from_ordered_bits).collect()
                };
                LaneData {
                    label: lane.label,
                    short: lane.short,
                    heading: lane.heading,
                    events: lane.events,
                    starts,
                    ends,
                    ends_sorted,
                    long,
                }
            })
            .collect()
    }

    /// Keeps the current lane and the scroll within the lanes there are now.
    pub(super) fn clamp_lanes(&mut self) {
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
            g => format!("{}: {}", g.said(), self.lane_list().len()),
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
            if let Some(position) = nearest.and_then(|p| self.position_of(lane.events[p])) {
                self.select_keeping_the_view(position);
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
        use crate::model::interval::Interval;
        Some(match Interval::gap(from, to, self.zone()) {
            None => "overlapping".into(),
            Some((interval, _)) if interval.is_zero() => interval.words(),
            Some((interval, true)) => interval.words(),
            Some((interval, false)) => format!("{} before the mark", interval.words()),
        })
    }

    /// `z`: fits the shown events.
    pub fn zoom_to_shown(&mut self) -> Option<String> {
        let time_axis = *self.time_axis();
        let extent = |e: EventIx| time_axis.extent(&self.timeline.events[e].date);
        // The list's first event need not start first (`visible` is in the zone's order).
        let start = self.visible().iter().map(|&e| extent(e).0).reduce(f64::min)?;
        let end = self.visible().iter().map(|&e| extent(e).1).fold(start, f64::max);
        self.time.zoom_to(start, end);
        None
    }

    /// `Z`: fits the selected event's span.
    pub fn zoom_to_selected(&mut self) -> Option<String> {
        let date = self.timeline.events[self.selected_event()?].date;
        let (start, end) = self.time_axis().extent(&date);
        self.time.zoom_to(start, end);
        None
    }

    /// A click in the timeline view: the lane (made current) and the event (selected, the view
    /// staying where it is).
    pub fn pick(&mut self, lane: Option<usize>, event: Option<EventIx>) {
        if let Some(lane) = lane.filter(|&l| l < self.lane_list().len()) {
            self.lanes.current = lane;
        }
        if let Some(position) = event.and_then(|e| self.position_of(e)) {
            self.select_keeping_the_view(position);
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
