//! The view of time: the zone times are shown in, where every event falls on the axis in that
//! zone, and the stretch of it in view (zoom and pan).
//!
//! Invariant: the window is never empty nor reversed — a zoomed span is a finite number of days
//! above zero, so the stretch in view runs from before its centre to after it — and where events
//! fall is ordered: `starts` never decreases, each end is at or after its start, and the
//! timeline's extent runs forward. Zooming, panning and fitting keep it; `set_axis` refuses a
//! span that would break it. The selection is not this part's: where the view centres when it
//! follows the selection is handed in (`center`).

use super::axis::{self, TimeAxis};
use crate::model::{DateSpec, Timeline, Zone};
use chrono::NaiveDate;

/// The part of time the axis shows. `None` span fits everything; `None` centre follows the
/// selected event.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AxisView {
    /// Days in view (fractions of one when zoomed in to hours).
    pub span_days: Option<f64>,
    /// The position at the centre (a day number from chrono's CE count, with the fraction of
    /// the day).
    pub center_day: Option<f64>,
}

/// The narrowest span the axis zooms to, for a timeline of whole days.
pub const MIN_SPAN_DAYS: f64 = 14.0;

/// The narrowest span for a timeline with times of day: an hour.
pub const MIN_SPAN_TIMED: f64 = 1.0 / 24.0;

#[derive(Debug, Clone)]
pub struct TimeView {
    /// Zoom and pan.
    axis: AxisView,
    /// The zone times are shown in (`T` and `--tz` change it): the timeline's by default.
    zone: Zone,
    /// Whether any event has a time of day (the header then says which zone times are in, and
    /// the axis zooms to hours).
    has_times: bool,
    /// How instants and days map to positions: linear in instants in the zone shown, or plain
    /// days for a timeline of whole days (see `axis`).
    time_axis: TimeAxis,
    /// First and last day of the whole timeline (none without events).
    range: Option<(NaiveDate, NaiveDate)>,
    /// Where the timeline starts and ends on the axis in the zone shown (positions: day
    /// numbers with fractions).
    extent: Option<(f64, f64)>,
    /// Each event's start on the axis in the zone shown, never less than the one before (a
    /// day written without a time sorts at the timeline's midnight, which in another zone can
    /// fall a little before the times sorted ahead of it): binary searches count events per
    /// column with it.
    starts: Vec<f64>,
    /// Where each event ends on the axis (exclusive), never before its start in `starts`.
    ends: Vec<f64>,
    /// The events in the order of their ends (`axis::end_key`), for the lanes to read theirs
    /// from without sorting.
    end_order: Vec<u32>,
}

impl TimeView {
    /// The whole timeline in its own zone.
    pub fn new(timeline: &Timeline) -> TimeView {
        let range = shown_time_range(timeline, &timeline.zone);
        let has_times = timeline.events.iter().any(|e| e.date.has_time());
        let mut view = TimeView {
            axis: AxisView::default(),
            zone: timeline.zone,
            has_times,
            time_axis: time_axis(timeline, timeline.zone, has_times),
            range,
            extent: None,
            starts: Vec::new(),
            ends: Vec::new(),
            end_order: Vec::new(),
        };
        view.place(timeline);
        view
    }

    /// Works out where every event starts and ends on the axis, and the timeline's extent, in
    /// the zone shown.
    fn place(&mut self, timeline: &Timeline) {
        let time_axis = self.time_axis;
        let mut floor = f64::MIN;
        let mut extent: Option<(f64, f64)> = None;
        let n = timeline.events.len();
        let (mut starts, mut ends) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for e in &timeline.events {
            let (start, end) = time_axis.extent(&e.date);
            extent = Some(extent.map_or((start, end), |(a, b)| (a.min(start), b.max(end))));
            floor = floor.max(start);
            starts.push(floor);
            ends.push(end.max(floor));
        }
        let mut order: Vec<(u64, u32)> =
            (0..n).map(|e| (axis::ordered_bits(axis::end_key(starts[e], ends[e])), e as u32)).collect();
        order.sort_unstable();
        self.end_order = order.into_iter().map(|(_, e)| e).collect();
        (self.starts, self.ends) = (starts, ends);
        self.extent = extent;
    }

    pub fn zone(&self) -> &Zone {
        &self.zone
    }

    /// Shows times in `zone`; whether that changed anything. Events are placed again only when
    /// some have a time of day (whole days sit on the same positions in every zone).
    pub fn set_zone(&mut self, zone: Zone, timeline: &Timeline) -> bool {
        if zone == self.zone {
            return false;
        }
        self.zone = zone;
        self.range = shown_time_range(timeline, &zone);
        if self.has_times {
            self.time_axis = time_axis(timeline, zone, true);
            self.place(timeline);
        }
        true
    }

    pub fn has_times(&self) -> bool {
        self.has_times
    }

    pub fn time_axis(&self) -> &TimeAxis {
        &self.time_axis
    }

    pub fn axis(&self) -> AxisView {
        self.axis
    }

    /// Sets zoom and pan as given, but a span that is not a finite number of days above zero
    /// fits everything instead: the window is never empty.
    pub fn set_axis(&mut self, axis: AxisView) {
        let usable = |x: f64| x.is_finite() && x > 0.0;
        self.axis = AxisView {
            span_days: axis.span_days.filter(|&s| usable(s)),
            center_day: axis.center_day.filter(|c| c.is_finite()),
        };
    }

    /// Follows the selection again (zooming, and any move of the selection, do).
    pub fn recentre(&mut self) {
        self.axis.center_day = None;
    }

    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.range
    }

    pub fn extent(&self) -> Option<(f64, f64)> {
        self.extent
    }

    pub fn starts(&self) -> &[f64] {
        &self.starts
    }

    pub fn ends(&self) -> &[f64] {
        &self.ends
    }

    pub fn end_order(&self) -> &[u32] {
        &self.end_order
    }

    /// The narrowest span the axis zooms to: an hour with times of day, else two weeks.
    pub fn min_span_days(&self) -> f64 {
        if self.has_times {
            MIN_SPAN_TIMED
        } else {
            MIN_SPAN_DAYS
        }
    }

    /// The position at the centre: where the axis was panned to, else the middle of `selected`
    /// (the selected event's date), else 0.
    pub fn center(&self, selected: Option<&DateSpec>) -> f64 {
        if let Some(center) = self.axis.center_day {
            return center;
        }
        match selected {
            Some(date) if date.has_time() => {
                let (start, end) = self.time_axis.extent(date);
                (start + end) / 2.0
            }
            Some(date) => {
                // Whole days centre on the start of their middle day, as they always have.
                let (first, last) = (date.first_day(), date.last_day());
                let half = (last - first).num_days().max(0) / 2;
                let middle = first.checked_add_days(chrono::Days::new(half as u64)).unwrap_or(first);
                self.time_axis.day_start(middle)
            }
            None => 0.0,
        }
    }

    /// `+`/`-`: halves or doubles the span, between the closest zoom and the whole timeline.
    pub fn zoom(&mut self, zoom_in: bool) -> Option<String> {
        let (first, end) = self.extent?;
        let full = (end - first).max(if self.has_times { MIN_SPAN_TIMED } else { 2.0 });
        let span = self.axis.span_days.unwrap_or(full);
        if !zoom_in && self.axis.span_days.is_none() {
            return Some("the whole timeline is shown".into());
        }
        // Zooming centres on the selection again, even after panning away from it.
        self.axis.center_day = None;
        if zoom_in {
            let next = (span / 2.0).max(self.min_span_days());
            if next >= span {
                return Some("zoomed in as far as it goes".into());
            }
            self.axis.span_days = Some(next);
        } else {
            let next = span * 2.0;
            self.axis.span_days = if next >= full { None } else { Some(next) };
        }
        None
    }

    /// `h`/`l`: a quarter of the span earlier or later, from `center` (where the view is now).
    pub fn pan(&mut self, direction: i64, center: f64) -> Option<String> {
        let Some(span) = self.axis.span_days else {
            return Some("the whole timeline is shown; zoom in with + to pan".into());
        };
        self.axis.center_day = Some(center + direction as f64 * span / 4.0);
        None
    }

    /// Fits the positions `start..end` with a little room either side, never narrower than
    /// the closest zoom; the whole timeline when that is as wide.
    pub fn zoom_to(&mut self, start: f64, end: f64) {
        let (span, center) = if self.has_times {
            let length = end - start;
            (length * 1.1 + 1.0 / 48.0, (start + end) / 2.0)
        } else {
            // Whole days: a tenth more, and a day either side.
            let days = (end - start).round();
            (days + (days / 10.0).floor() + 2.0, ((start + end - 1.0) / 2.0).floor())
        };
        let span = span.max(self.min_span_days());
        let full = self.extent.map(|(a, b)| b - a);
        if full.is_some_and(|full| span >= full) {
            self.axis = AxisView::default();
        } else {
            self.axis = AxisView { span_days: Some(span), center_day: Some(center) };
        }
    }

    /// The invariant, for tests: a window that is not empty, positions in order.
    #[cfg(test)]
    pub fn check(&self) -> Result<(), String> {
        if let Some(span) = self.axis.span_days {
            if !(span.is_finite() && span > 0.0) {
                return Err(format!("span {span}"));
            }
            // The stretch in view around the centre (drawing adds its margins to it).
            let center = self.center(None);
            let (from, to) = (center - span / 2.0, center + span / 2.0);
            if from >= to || from.is_nan() || to.is_nan() {
                return Err(format!("window {from}..{to}"));
            }
        }
        if let Some((a, b)) = self.extent {
            if a > b {
                return Err(format!("extent {a}..{b}"));
            }
        }
        if self.starts.windows(2).any(|w| w[0] > w[1]) {
            return Err("starts go back".into());
        }
        if self.starts.iter().zip(&self.ends).any(|(s, e)| e < s) {
            return Err("an end before its start".into());
        }
        Ok(())
    }
}

/// The axis for `timeline` shown in `zone`: counted at the zone's offset at the first event
/// when there are times of day, else plain days.
fn time_axis(timeline: &Timeline, zone: Zone, has_times: bool) -> TimeAxis {
    if !has_times {
        return TimeAxis::days();
    }
    let first = timeline.events.iter().map(|e| e.date.start_instant()).min().unwrap_or(0);
    TimeAxis::new(zone, first)
}

/// The first and last day events are shown on in `zone` (none without events): the list's
/// days are those of the zone shown.
fn shown_time_range(timeline: &Timeline, zone: &Zone) -> Option<(NaiveDate, NaiveDate)> {
    let mut days = timeline.events.iter().map(|e| e.date.days_in(zone));
    let first = days.next()?;
    Some(days.fold(first, |(a, b), (c, d)| (a.min(c), b.max(d))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// One thing a reader does to the view of time.
    #[derive(Debug, Clone)]
    enum Step {
        Zoom(bool),
        Pan(i64),
        Fit(f64, f64),
        Set(Option<f64>, Option<f64>),
        Zone(bool),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            any::<bool>().prop_map(Step::Zoom),
            (-3i64..=3).prop_map(Step::Pan),
            (700_000.0..740_000.0f64, 0.0..5000.0f64).prop_map(|(a, d)| Step::Fit(a, a + d)),
            (
                prop::option::of(prop_oneof![Just(0.0), Just(-1.0), Just(f64::NAN), 0.001..1e6f64]),
                prop::option::of(700_000.0..740_000.0f64)
            )
                .prop_map(|(s, c)| Step::Set(s, c)),
            any::<bool>().prop_map(Step::Zone),
        ]
    }

    proptest! {
        /// Whatever the reader does, the window stays non-empty and ordered, and events stay
        /// placed in order.
        #[test]
        fn the_window_is_never_empty_nor_reversed(steps in prop::collection::vec(step(), 0..40)) {
            let timeline = crate::model::load_builtin().unwrap();
            let mut view = TimeView::new(&timeline);
            prop_assert_eq!(view.check(), Ok(()));
            for step in steps {
                let center = view.center(Some(&timeline.events[0].date));
                match step {
                    Step::Zoom(zoom_in) => { view.zoom(zoom_in); }
                    Step::Pan(d) => { view.pan(d, center); }
                    Step::Fit(a, b) => view.zoom_to(a, b),
                    Step::Set(span, center) => view.set_axis(AxisView { span_days: span, center_day: center }),
                    Step::Zone(utc) => {
                        let zone = if utc { Zone::Utc } else { timeline.zone };
                        view.set_zone(zone, &timeline);
                    }
                }
                prop_assert_eq!(view.check(), Ok(()), "{:?}", view.axis());
            }
        }
    }

    #[test]
    fn zooming_stops_at_either_end() {
        let timeline = crate::model::load_builtin().unwrap();
        let mut view = TimeView::new(&timeline);
        assert_eq!(view.zoom(false).as_deref(), Some("the whole timeline is shown"));
        while view.zoom(true).is_none() {}
        assert_eq!(view.axis().span_days, Some(view.min_span_days()));
        while view.zoom(false).is_none() && view.axis().span_days.is_some() {}
        assert_eq!(view.axis(), AxisView::default(), "zooming out ends at fit-all");
        view.set_axis(AxisView { span_days: Some(0.0), center_day: Some(f64::INFINITY) });
        assert_eq!(view.axis(), AxisView::default(), "an empty window is refused");
    }
}
