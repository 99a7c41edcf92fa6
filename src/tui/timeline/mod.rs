//! Time on screen: the scale that maps days to columns, the ticks and their labels, and the two
//! pictures drawn with them — the strip under the list (`strip`) and the timeline view with
//! lanes (`view`). Both draw the same ticks, so a label always starts at its tick's column.

#[cfg(test)]
mod clock_changes;
pub mod ghosts;
#[cfg(test)]
mod invariant;
pub mod strip;
pub mod view;

pub use crate::explorer::axis::{day_number, TimeAxis};
use crate::explorer::Explorer;
use crate::model::date::month_abbrev;
use crate::model::Status;
use chrono::{Datelike, NaiveDate, Timelike, Weekday};

/// Maps positions, and through the explorer's `TimeAxis` days, to columns for one width.
/// Columns are even in time: on a day the clocks change, that day's columns cover its 23 or
/// 25 hours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The position at the left edge (a day number with its fraction, see `explorer::axis`).
    pub start: f64,
    pub days_per_column: f64,
    pub width: u16,
    /// Where days start and what clocks read, in the zone shown.
    pub axis: TimeAxis,
}

impl Scale {
    /// The explorer's view of time (its zoom and centre) at `width` columns; none for a
    /// timeline without events.
    pub fn new(explorer: &Explorer, width: u16) -> Option<Scale> {
        let (first, end) = explorer.time_extent()?;
        let width = width.max(1);
        let (start, span) = match explorer.axis().span_days {
            None => {
                let full = (end - first).max(1.0 / 24.0);
                // A little room either side: a day for whole days, a few minutes for times.
                let margin = (full * 0.02).max(if explorer.has_times() { 1.0 / 288.0 } else { 1.0 });
                (first - margin, full + 2.0 * margin)
            }
            Some(span) => (explorer.axis_center() - span / 2.0, span),
        };
        Some(Scale { start, days_per_column: span / f64::from(width), width, axis: *explorer.time_axis() })
    }

    /// The column a day falls in, if it is on screen. Agrees exactly with `first_whole_day`,
    /// which decides the columns events are counted in, whatever floating point does.
    pub fn column(&self, day: NaiveDate) -> Option<u16> {
        self.column_at(self.axis.day_start(day))
    }

    /// The column a position (a day number with its fraction) falls in, if it is on screen.
    pub fn column_at(&self, position: f64) -> Option<u16> {
        let c = self.column_unclamped(position)?;
        (c >= 0 && c < i64::from(self.width)).then_some(c as u16)
    }

    /// The left edge of column `x`, as a position. Column `x` holds positions from its edge up
    /// to (not including) the next one's: the one rule for placing and for counting.
    pub fn edge(&self, x: i64) -> f64 {
        self.start + x as f64 * self.days_per_column
    }

    /// The column of a position even off screen (negative or past the width). Exact near the
    /// screen (`edge(c) <= position < edge(c + 1)`); far off it, a column a few past the edge on
    /// the same side, so an event ten thousand years long still reaches across a view of hours.
    fn column_unclamped(&self, position: f64) -> Option<i64> {
        let estimate = ((position - self.start) / self.days_per_column).floor();
        if estimate.is_nan() {
            return None;
        }
        let far = i64::from(self.width) + 4;
        if estimate < -4.0 {
            return Some(-4);
        }
        if estimate > far as f64 {
            return Some(far);
        }
        let mut c = estimate as i64;
        if self.edge(c + 1) <= position {
            c += 1;
        } else if self.edge(c) > position {
            c -= 1;
        }
        Some(c)
    }

    /// The columns the days `first..=last` cover, clipped to the screen, and whether each end
    /// was clipped. The last day counts whole: at a zoom where a day is several columns wide, a
    /// two-day event covers both days' columns.
    pub fn span(&self, first: NaiveDate, last: NaiveDate) -> Option<(u16, u16, bool, bool)> {
        let end = last.succ_opt().map_or(self.axis.day_start(last) + 1.0, |next| self.axis.day_start(next));
        self.span_at(self.axis.day_start(first), end)
    }

    /// The columns an event from position `start` to `end` (exclusive) is drawn in, clipped to
    /// the screen, and whether it runs past the left and the right edge. Some exactly when it
    /// is in view: it starts before the right edge and ends after the left one (a moment: at
    /// or after it), the rule `LaneData::touching` counts by.
    ///
    /// An event no wider than a column is a point: in the column it starts in, or at the left
    /// edge when it began before it. A bar's last column counts when the bar covers at least
    /// half of it, so a day's bar stops short of the next day's tick.
    pub fn span_at(&self, start: f64, end: f64) -> Option<(u16, u16, bool, bool)> {
        let w = i64::from(self.width);
        let a = self.column_unclamped(start)?;
        let (a, b, from_left, to_right) = if end <= start {
            (a, a, false, false)
        } else {
            let mut b = self.column_unclamped(end)?;
            if self.edge(b) >= end {
                b -= 1; // the end is exclusive
            }
            if end - start <= self.days_per_column {
                let at = if a >= 0 { a } else { b };
                (at, at, a < 0, false)
            } else {
                if b > a.max(0) && end - self.edge(b) < self.days_per_column / 2.0 {
                    b -= 1;
                }
                (a, b, start < self.edge(0), end > self.edge(w))
            }
        };
        if b < 0 || a >= w {
            return None;
        }
        Some((a.max(0) as u16, b.min(w - 1) as u16, from_left, to_right))
    }

    /// Whether a position lies in the right half of its column (for a half-cell bar start).
    pub fn starts_late(&self, position: f64) -> bool {
        let x = (position - self.start) / self.days_per_column;
        x - x.floor() >= 0.5
    }

    /// The first day of a column (the day at its left edge).
    pub fn day_at(&self, column: u16) -> NaiveDate {
        self.axis.day_of(self.edge(i64::from(column)))
    }

    /// The first whole day that `column` (and no column left of it) contains: days `d` with
    /// `first_whole_day(x) <= d < first_whole_day(x + 1)` are exactly those `column(d) == x`.
    pub fn first_whole_day(&self, column: u16) -> NaiveDate {
        let edge = self.edge(i64::from(column));
        let day = self.axis.day_of(edge);
        if self.axis.day_start(day) >= edge {
            day
        } else {
            day.succ_opt().unwrap_or(day)
        }
    }

    /// The day in the middle of a column, for clicks.
    pub fn day_at_center(&self, column: u16) -> NaiveDate {
        self.axis.day_of(self.start + (f64::from(column) + 0.5) * self.days_per_column)
    }

    /// The first and last whole day on screen.
    pub fn days_shown(&self) -> (NaiveDate, NaiveDate) {
        let first = self.first_whole_day(0);
        let last = self.first_whole_day(self.width).pred_opt().unwrap_or(first);
        (first, last.max(first))
    }
}

/// The mark of an event drawn as a point.
pub fn point_mark(status: Status, fuzzy: bool) -> &'static str {
    match (status, fuzzy) {
        (Status::Planned, _) => "○",
        (Status::Cancelled | Status::NotHeld, _) => "✕",
        (Status::Happened, true) => "◌",
        (Status::Happened, false) => "●",
    }
}

/// How far apart ticks are: chosen from the zoom so labels have room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickUnit {
    /// Every `n` minutes, for a timeline with times zoomed in to an hour or so.
    Minutes(u32),
    /// Every `n` hours.
    Hours(u32),
    Days,
    Weeks,
    Months,
    Quarters,
    /// Every `n` years (10 and up are decades, centuries, …).
    Years(i32),
}

pub fn tick_unit(scale: &Scale) -> TickUnit {
    let per_day = 1.0 / scale.days_per_column;
    // A clock label (`09:30`) needs six columns with its gap.
    let per_hour = per_day / 24.0;
    // Clock ticks only once a day is wider than two columns an hour, which only a timeline
    // with times zooms to (whole days stop at two weeks on screen).
    if per_hour >= 12.0 {
        let step =
            [1, 2, 5, 10, 15, 30].into_iter().find(|&m| per_hour * f64::from(m) / 60.0 >= 6.0).unwrap_or(30);
        TickUnit::Minutes(step)
    } else if per_hour >= 2.0 {
        let step = [1, 2, 3, 6, 12].into_iter().find(|&h| per_hour * f64::from(h) >= 6.0).unwrap_or(12);
        TickUnit::Hours(step)
    } else if per_day >= 3.0 {
        TickUnit::Days
    } else if per_day * 7.0 >= 7.0 {
        TickUnit::Weeks
    } else if per_day * 30.44 >= 4.0 {
        TickUnit::Months
    } else if per_day * 91.3 >= 4.0 {
        TickUnit::Quarters
    } else {
        let per_year = per_day * 365.25;
        let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
            .into_iter()
            .find(|&s| per_year * f64::from(s) >= 6.0)
            .unwrap_or(10000);
        TickUnit::Years(step)
    }
}

/// A tick: its day, its position, and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub day: NaiveDate,
    /// Where it stands: the day's start, or an hour or minute into it.
    pub at: f64,
    pub label: String,
    /// Starts a larger unit (a year among months, a month among days): drawn stronger.
    pub major: bool,
}

/// Years as people write them: `2016`, `491 BCE` (ISO year -490).
pub fn year_label(year: i32) -> String {
    if year <= 0 {
        format!("{} BCE", 1 - i64::from(year))
    } else {
        year.to_string()
    }
}

/// The ticks in view. At most one per column, so a frame's work stays bounded by its width.
pub fn ticks(scale: &Scale) -> Vec<Tick> {
    let (first, last) = (scale.day_at(0), scale.day_at(scale.width).succ_opt().unwrap_or(NaiveDate::MAX));
    let limit = usize::from(scale.width) + 1;
    let mut out = Vec::new();
    let mut push = |day: NaiveDate, label: String, major: bool| {
        if day >= first && day <= last && out.len() < limit {
            out.push(Tick { day, at: scale.axis.day_start(day), label, major });
        }
    };
    let month_label = |d: NaiveDate| format!("{} {}", month_abbrev(d.month()), year_label(d.year()));
    match tick_unit(scale) {
        TickUnit::Minutes(m) => return clock_ticks(scale, m, limit),
        TickUnit::Hours(h) => return clock_ticks(scale, h * 60, limit),
        TickUnit::Days => {
            let mut day = first;
            while day <= last && out_len_ok(day, first, limit) {
                let label = if day.day() == 1 { month_label(day) } else { day.day().to_string() };
                push(day, label, day.day() == 1);
                match day.succ_opt() {
                    Some(next) => day = next,
                    None => break,
                }
            }
        }
        TickUnit::Weeks => {
            let mut day = first.week(Weekday::Mon).first_day();
            while day <= last && out_len_ok(day, first, limit * 7) {
                push(day, format!("{} {}", month_abbrev(day.month()), day.day()), false);
                match day.checked_add_days(chrono::Days::new(7)) {
                    Some(next) => day = next,
                    None => break,
                }
            }
        }
        TickUnit::Months | TickUnit::Quarters => {
            let step = if tick_unit(scale) == TickUnit::Months { 1 } else { 3 };
            let (mut y, mut m) = (first.year(), first.month());
            m -= (m - 1) % step;
            while let Some(day) = NaiveDate::from_ymd_opt(y, m, 1) {
                if day > last {
                    break;
                }
                let label = match (m, step) {
                    (1, _) => year_label(y),
                    (_, 1) => month_abbrev(m).to_string(),
                    _ => format!("Q{}", (m - 1) / 3 + 1),
                };
                push(day, label, m == 1);
                (y, m) = if m + step > 12 { (y + 1, m + step - 12) } else { (y, m + step) };
            }
        }
        TickUnit::Years(step) => {
            let mut y = first.year().div_euclid(step) * step;
            while let Some(day) = NaiveDate::from_ymd_opt(y, 1, 1) {
                if day > last {
                    break;
                }
                push(day, year_label(y), y.rem_euclid(step * 10) == 0);
                y += step;
            }
        }
    }
    out
}

/// Ticks every `minutes` of the wall clock in the zone shown, at the instants the clock reads
/// them: midnight gets the day's name instead. A time the clocks skip gets no tick; a time
/// they repeat gets one at each instant it is read. The first tick after the clocks change has
/// the zone's new abbreviation or offset after its time (`03:00 CDT`, `01:00 CST`), so two
/// ticks reading the same time can be told apart.
fn clock_ticks(scale: &Scale, minutes: u32, limit: usize) -> Vec<Tick> {
    let axis = &scale.axis;
    let step = i64::from(minutes.max(1)) * 60;
    let (left, right) = (scale.edge(0), scale.edge(i64::from(scale.width)));
    let (from, to) = (axis.instant_at(left), axis.instant_at(right).saturating_add(1));
    let mut ticks = Vec::new();
    // Stretches of one offset, from one change of clocks to the next: in each, ticks are where
    // the instant plus the offset is a whole step.
    let mut segment_start = from;
    let mut offset_before = axis.zone().offset_at(from);
    while segment_start < to && ticks.len() < limit {
        let offset = axis.zone().offset_at(segment_start);
        let segment_end = next_offset_change(axis, segment_start, to);
        let mut wall = (segment_start + i64::from(offset)).div_euclid(step) * step;
        let mut changed = offset != offset_before;
        while ticks.len() < limit {
            let instant = wall - i64::from(offset);
            if instant >= segment_end {
                break;
            }
            let at = axis.position(instant);
            if instant >= segment_start && at >= left && at < right {
                let local = chrono::DateTime::from_timestamp(wall, 0).unwrap_or_default().naive_utc();
                let midnight = local.num_seconds_from_midnight() == 0;
                let mut label = if midnight {
                    format!("{} {}", month_abbrev(local.month()), local.day())
                } else {
                    format!("{:02}:{:02}", local.hour(), local.minute())
                };
                if changed {
                    label = format!("{label} {}", axis.zone().label_at(instant));
                    changed = false;
                }
                ticks.push(Tick { day: local.date(), at, label, major: midnight });
            }
            wall += step;
        }
        offset_before = offset;
        segment_start = segment_end;
    }
    ticks
}

/// The first instant after `from` (and before `to`, else `to`) at which the zone's offset is not
/// the one it has at `from`. Looked for a day at a time, then found to the second by halving:
/// two changes within a day of each other may be seen as none.
fn next_offset_change(axis: &TimeAxis, from: i64, to: i64) -> i64 {
    let zone = axis.zone();
    if matches!(zone, crate::model::Zone::Utc | crate::model::Zone::Fixed(_)) {
        return to;
    }
    let offset = zone.offset_at(from);
    let mut before = from;
    loop {
        if before >= to {
            return to;
        }
        let probe = before.saturating_add(86_400).min(to);
        if zone.offset_at(probe) != offset {
            let (mut same, mut other) = (before, probe);
            while other - same > 1 {
                let middle = same + (other - same) / 2;
                if zone.offset_at(middle) == offset {
                    same = middle;
                } else {
                    other = middle;
                }
            }
            return other;
        }
        if probe >= to {
            return to;
        }
        before = probe;
    }
}

/// Bounds a walk by days so a pathological scale cannot loop for long.
fn out_len_ok(day: NaiveDate, first: NaiveDate, limit: usize) -> bool {
    (day - first).num_days() <= limit as i64 * 2
}

/// Where tick labels go: each starts exactly at its tick's column; one that would touch the
/// label before it, or run past the edge, is left out (its tick still shows).
pub fn placed_labels<'a>(scale: &Scale, ticks: &'a [Tick]) -> Vec<(u16, &'a Tick)> {
    let mut out = Vec::new();
    let mut free_from = 0u16;
    for tick in ticks {
        let Some(col) = scale.column_at(tick.at) else { continue };
        let width = crate::text::width(&tick.label) as u16;
        if col >= free_from && u32::from(col) + u32::from(width) <= u32::from(scale.width) {
            out.push((col, tick));
            free_from = col + width + 1;
        }
    }
    out
}

/// The axis line at row `line_y` from column `x` with a tick where each unit starts (`┷` for
/// the larger unit), and their labels at row `labels_y` if there is one: the timeline view's
/// and the strip's, drawn alike.
pub fn draw_axis(
    buf: &mut ratatui::buffer::Buffer,
    x: u16,
    line_y: u16,
    labels_y: Option<u16>,
    scale: &Scale,
    theme: &crate::tui::theme::Theme,
) {
    for col in 0..scale.width {
        buf.set_string(x + col, line_y, "─", theme.dim);
    }
    let tick_list = ticks(scale);
    for tick in &tick_list {
        if let Some(col) = scale.column_at(tick.at) {
            buf.set_string(x + col, line_y, if tick.major { "┷" } else { "┴" }, theme.dim);
        }
    }
    if let Some(labels_y) = labels_y {
        for (col, tick) in placed_labels(scale, &tick_list) {
            let style = if tick.major { theme.year } else { theme.dim };
            buf.set_string(x + col, labels_y, &tick.label, style);
        }
    }
}

/// The larger unit around the view, for the title: `Dec 2016`, `2016`, `2014–2017`.
pub fn context_label(scale: &Scale) -> String {
    let (first, last) = scale.days_shown();
    let (a, b) = match tick_unit(scale) {
        TickUnit::Minutes(_) | TickUnit::Hours(_) => {
            // The days in view (a narrow view may hold no whole day).
            let (first, last) = (
                scale.axis.day_of(scale.edge(0)),
                scale.axis.day_of(scale.edge(i64::from(scale.width)) - 1e-9),
            );
            let day =
                |d: NaiveDate| format!("{} {}, {}", month_abbrev(d.month()), d.day(), year_label(d.year()));
            (day(first), day(last))
        }
        TickUnit::Days | TickUnit::Weeks => (
            format!("{} {}", month_abbrev(first.month()), year_label(first.year())),
            format!("{} {}", month_abbrev(last.month()), year_label(last.year())),
        ),
        _ => (year_label(first.year()), year_label(last.year())),
    };
    if a == b {
        a
    } else {
        format!("{a} – {b}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explorer::testing::explorer;
    use crate::explorer::{MIN_SPAN_DAYS, MIN_SPAN_TIMED};
    use crate::model::{self, Zone};
    use proptest::prelude::*;

    #[test]
    fn fit_all_shows_every_event() {
        let ex = explorer(model::load_builtin().unwrap());
        let scale = Scale::new(&ex, 100).unwrap();
        for e in &ex.timeline.events {
            assert!(scale.column(e.date.first_day()).is_some(), "{} off screen", e.id);
        }
    }

    #[test]
    fn columns_and_days_agree() {
        let ex = explorer(model::load_builtin().unwrap());
        let scale = Scale::new(&ex, 80).unwrap();
        for col in 0..80 {
            assert_eq!(scale.column(scale.day_at_center(col)), Some(col));
        }
    }

    #[test]
    fn tick_units_follow_the_zoom() {
        let mut ex = explorer(model::load_builtin().unwrap());
        let unit = |ex: &Explorer| tick_unit(&Scale::new(ex, 100).unwrap());
        assert_eq!(unit(&ex), TickUnit::Quarters);
        ex.set_axis(crate::explorer::AxisView { span_days: Some((365 * 30) as f64), ..ex.axis() });
        assert_eq!(unit(&ex), TickUnit::Years(2));
        ex.set_axis(crate::explorer::AxisView { span_days: Some((365 * 300) as f64), ..ex.axis() });
        assert!(matches!(unit(&ex), TickUnit::Years(s) if s >= 20));
        ex.set_axis(crate::explorer::AxisView { span_days: Some((365) as f64), ..ex.axis() });
        assert_eq!(unit(&ex), TickUnit::Months);
        ex.set_axis(crate::explorer::AxisView { span_days: Some((90) as f64), ..ex.axis() });
        assert_eq!(unit(&ex), TickUnit::Weeks);
        ex.set_axis(crate::explorer::AxisView { span_days: Some(MIN_SPAN_DAYS), ..ex.axis() });
        assert_eq!(unit(&ex), TickUnit::Days);
    }

    #[test]
    fn times_of_day_have_positions_and_clock_ticks() {
        let t = model::load_file(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/good/incident.yaml"
        )))
        .unwrap();
        let ny = TimeAxis::new(t.zone, t.events[0].date.start_instant());
        let utc = TimeAxis::new(Zone::Utc, 0);
        let alert = &t.events.iter().find(|e| e.id == "alert").unwrap().date;
        let day = day_number(NaiveDate::from_ymd_opt(2024, 3, 9).unwrap());
        // 23:52 is 1432 minutes into the day.
        assert!((ny.position(alert.start_instant()) - (day + 1432.0 / 1440.0)).abs() < 1e-9);
        let (start, end) = ny.extent(alert);
        assert_eq!(start, end, "a moment has no width");
        let drained = &t.events.iter().find(|e| e.id == "mitigation").unwrap().date;
        let (start, end) = ny.extent(drained);
        assert!((end - start - 45.0 / 1440.0).abs() < 1e-9, "00:20 to 01:05 is 45 minutes");
        // Shown in UTC the same instant is five hours later on the axis.
        assert!(
            (utc.position(alert.start_instant()) - ny.position(alert.start_instant()) - 5.0 / 24.0).abs()
                < 1e-9
        );

        let mut ex = explorer(t);
        assert!(ex.has_times());
        ex.set_axis(crate::explorer::AxisView { span_days: Some(MIN_SPAN_TIMED), ..ex.axis() });
        assert!(matches!(tick_unit(&Scale::new(&ex, 120).unwrap()), TickUnit::Minutes(_)));
        ex.set_axis(crate::explorer::AxisView { span_days: Some(1.0), ..ex.axis() });
        assert!(matches!(tick_unit(&Scale::new(&ex, 120).unwrap()), TickUnit::Hours(_)));
        ex.set_axis(crate::explorer::AxisView { span_days: Some(MIN_SPAN_DAYS), ..ex.axis() });
        assert_eq!(tick_unit(&Scale::new(&ex, 120).unwrap()), TickUnit::Days);
    }

    #[test]
    fn years_before_one_read_as_bce() {
        assert_eq!(year_label(2016), "2016");
        assert_eq!(year_label(0), "1 BCE");
        assert_eq!(year_label(-490), "491 BCE");
    }

    /// UTC, an offset, and zones whose clocks change in either hemisphere.
    fn any_zone() -> impl Strategy<Value = Zone> {
        prop::sample::select(vec![
            Zone::Utc,
            Zone::Fixed(345),
            Zone::Named(chrono_tz::America::Chicago),
            Zone::Named(chrono_tz::Australia::Sydney),
            Zone::Named(chrono_tz::Europe::London),
        ])
    }

    proptest! {
        /// For every zoom and pan, each label starts at its tick's column, that column is the
        /// one the tick's day maps to, and labels never touch or run off the edge.
        #[test]
        fn labels_start_at_their_ticks(span in 3i64..400_000, center in 700_000i64..760_000, width in 10u16..260, zone in any_zone()) {
            let days_per_column = span as f64 / f64::from(width);
            let axis = TimeAxis::new(zone, 0);
            let scale = Scale { start: center as f64 - span as f64 / 2.0, days_per_column, width, axis };
            let ticks = ticks(&scale);
            let placed = placed_labels(&scale, &ticks);
            let mut end = 0u16;
            for (i, (col, tick)) in placed.iter().enumerate() {
                prop_assert_eq!(Some(*col), scale.column(tick.day));
                let first_day_of_column = scale.first_whole_day(*col);
                prop_assert!(first_day_of_column <= tick.day, "the tick's day is in its column");
                prop_assert!(i == 0 || *col > end, "labels do not touch");
                end = col + crate::text::width(&tick.label) as u16;
                prop_assert!(end <= width);
            }
            prop_assert!(ticks.len() <= usize::from(width) + 1);
        }

        /// Zoomed in to hours and minutes, each clock label starts at its tick's column and
        /// labels never touch; every tick is where its label says.
        #[test]
        fn clock_labels_start_at_their_ticks(minutes in 30.0f64..4000.0, center in 700_000.0f64..760_000.0, width in 10u16..260, zone in any_zone()) {
            let span = minutes / 1440.0;
            let axis = TimeAxis::new(zone, 0);
            let scale = Scale { start: center - span / 2.0, days_per_column: span / f64::from(width), width, axis };
            let ticks = ticks(&scale);
            let placed = placed_labels(&scale, &ticks);
            let mut end = 0u16;
            for (i, (col, tick)) in placed.iter().enumerate() {
                prop_assert_eq!(Some(*col), scale.column_at(tick.at));
                prop_assert!(scale.edge(i64::from(*col)) <= tick.at);
                // The clock reads the label where the tick stands (a zone's name may follow it).
                let clock = tick.label.split(' ').next().unwrap_or_default();
                let local = axis.local_time(tick.at);
                if clock.contains(':') {
                    prop_assert_eq!(clock, local.format("%H:%M").to_string());
                } else {
                    prop_assert_eq!(local.time(), chrono::NaiveTime::MIN, "{} is a midnight", &tick.label);
                }
                prop_assert_eq!(local.date(), tick.day);
                prop_assert!(i == 0 || *col > end, "labels do not touch");
                end = col + crate::text::width(&tick.label) as u16;
                prop_assert!(end <= width);
            }
        }
    }
}
