//! The timeline view's own state: how events are grouped into lanes (kept up to date with the
//! filter), which lanes are scrolled into view, the lane `J`/`K` are on, and the mark `m` sets
//! for measuring.

use super::Explorer;
use crate::model::lanes::{self, Grouping};
use crate::model::EventIx;
use std::cell::OnceCell;

/// Events longer than this are listed apart in each lane, so a view can find the ones that began
/// long before it without walking back through everything in between.
pub const LONG_EVENT_DAYS: i64 = 31;

/// One lane as the view reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneData {
    pub label: String,
    /// Shown events in the lane, in chronological order.
    pub events: Vec<EventIx>,
    /// Where they start on the axis (`Explorer::starts`), side by side, so the binary searches
    /// a frame makes read one small array instead of the events.
    pub starts: Vec<f64>,
    /// Those of them longer than `LONG_EVENT_DAYS`, in the same order.
    pub long: Vec<EventIx>,
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
        let grouped = lanes::lanes(&self.timeline, self.index.as_deref(), self.lanes.grouping, &self.visible);
        let events = &self.timeline.events;
        grouped
            .into_iter()
            .map(|lane| {
                let long = lane
                    .events
                    .iter()
                    .copied()
                    .filter(|&e| events[e].date.days() > LONG_EVENT_DAYS)
                    .collect();
                let starts = lane.events.iter().map(|&e| self.starts[e]).collect();
                LaneData { label: lane.label, events: lane.events, starts, long }
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
        let extent = |e: EventIx| crate::tui::timeline::extent(&self.timeline.events[e].date, &zone);
        let start = extent(*self.visible.first()?).0;
        let end = self.visible.iter().map(|&e| extent(e).1).fold(start, f64::max);
        self.zoom_to(start, end);
        None
    }

    /// `Z`: fits the selected event's span.
    pub fn zoom_to_selected(&mut self) -> Option<String> {
        let date = self.timeline.events[self.selected_event()?].date;
        let (start, end) = crate::tui::timeline::extent(&date, &self.zone);
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
