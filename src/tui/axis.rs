//! The time axis: a proportional scale of the timeline with year (or month, or day) ticks and a
//! mark per event, where several events in one column show as a density mark.
//!
//! Counting events per column uses binary searches over the start-sorted events, so a frame costs
//! O(width · log n) however many events there are.

use super::explorer::Explorer;
use super::theme::Theme;
use crate::model::date::month_abbrev;
use crate::model::Status;
use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// Maps days to columns for one axis width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Day number (chrono's days from CE) at the left edge.
    pub start: f64,
    pub days_per_column: f64,
    pub width: u16,
}

fn day_number(day: NaiveDate) -> f64 {
    f64::from(day.num_days_from_ce())
}

fn from_day_number(n: f64) -> NaiveDate {
    let n = n.floor().clamp(f64::from(i32::MIN / 2), f64::from(i32::MAX / 2)) as i32;
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or(NaiveDate::MIN)
}

impl Scale {
    pub fn new(explorer: &Explorer, width: u16) -> Option<Scale> {
        let (first, last) = explorer.time_range()?;
        let width = width.max(1);
        let (start, span) = match explorer.axis.span_days {
            None => {
                let full = (day_number(last) - day_number(first) + 1.0).max(1.0);
                let margin = (full * 0.02).max(1.0);
                (day_number(first) - margin, full + 2.0 * margin)
            }
            Some(span) => {
                let span = span as f64;
                (explorer.axis_center() as f64 - span / 2.0, span)
            }
        };
        Some(Scale { start, days_per_column: span / f64::from(width), width })
    }

    /// The column a day falls in, if it is on screen. Agrees exactly with `first_whole_day`,
    /// which decides the columns events are counted in, whatever floating point does.
    pub fn column(&self, day: NaiveDate) -> Option<u16> {
        let estimate = ((day_number(day) - self.start) / self.days_per_column).floor();
        if !estimate.is_finite() || estimate < -1.0 || estimate > f64::from(self.width) {
            return None;
        }
        let mut c = estimate as i64;
        let boundary = |x: i64| (self.start + x as f64 * self.days_per_column).ceil();
        let d = day_number(day);
        if boundary(c + 1) <= d {
            c += 1;
        } else if boundary(c) > d {
            c -= 1;
        }
        (c >= 0 && c < i64::from(self.width)).then_some(c as u16)
    }

    /// The first day of a column (the day at its left edge).
    pub fn day_at(&self, column: u16) -> NaiveDate {
        from_day_number(self.start + f64::from(column) * self.days_per_column)
    }

    /// The first whole day that `column` (and no column left of it) contains: days `d` with
    /// `first_whole_day(x) <= d < first_whole_day(x + 1)` are exactly those `column(d) == x`.
    fn first_whole_day(&self, column: u16) -> NaiveDate {
        from_day_number((self.start + f64::from(column) * self.days_per_column).ceil())
    }

    /// The day in the middle of a column, for clicks.
    pub fn day_at_center(&self, column: u16) -> NaiveDate {
        from_day_number(self.start + (f64::from(column) + 0.5) * self.days_per_column)
    }
}

fn mark(status: Status) -> &'static str {
    match status {
        Status::Happened => "●",
        Status::Planned => "○",
        Status::Cancelled => "✕",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TickUnit {
    Days,
    Months,
    Years(i32),
}

fn tick_unit(scale: &Scale) -> TickUnit {
    let columns_per_day = 1.0 / scale.days_per_column;
    if columns_per_day >= 3.0 {
        TickUnit::Days
    } else if columns_per_day * 30.4 >= 4.0 {
        TickUnit::Months
    } else {
        let columns_per_year = columns_per_day * 365.25;
        let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
            .into_iter()
            .find(|&s| columns_per_year * f64::from(s) >= 6.0)
            .unwrap_or(10000);
        TickUnit::Years(step)
    }
}

/// Tick days in view, with their labels.
fn ticks(scale: &Scale) -> Vec<(NaiveDate, String)> {
    let first = scale.day_at(0);
    let last = scale
        .day_at(scale.width.saturating_sub(1))
        .checked_add_days(chrono::Days::new(1))
        .unwrap_or(NaiveDate::MAX);
    let mut out = Vec::new();
    match tick_unit(scale) {
        TickUnit::Days => {
            let mut day = first;
            while day <= last && out.len() < 2000 {
                let label = if day.day() == 1 {
                    format!("{} {}", month_abbrev(day.month()), day.year())
                } else {
                    day.day().to_string()
                };
                out.push((day, label));
                match day.succ_opt() {
                    Some(next) => day = next,
                    None => break,
                }
            }
        }
        TickUnit::Months => {
            let (mut y, mut m) = (first.year(), first.month());
            while let Some(day) = NaiveDate::from_ymd_opt(y, m, 1) {
                if day > last || out.len() > 2000 {
                    break;
                }
                let label = if m == 1 { y.to_string() } else { month_abbrev(m).to_string() };
                out.push((day, label));
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
        TickUnit::Years(step) => {
            let mut y = first.year().div_euclid(step) * step;
            while let Some(day) = NaiveDate::from_ymd_opt(y, 1, 1) {
                if day > last || out.len() > 2000 {
                    break;
                }
                out.push((day, y.to_string()));
                y += step;
            }
        }
    }
    out
}

pub struct AxisWidget<'a> {
    pub explorer: &'a Explorer,
    pub theme: &'a Theme,
}

impl Widget for AxisWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let timeline = &self.explorer.timeline;
        let Some(scale) = Scale::new(self.explorer, area.width) else { return };
        let theme = self.theme;
        let marks_y = area.y;
        let line_y = area.y + 1;
        let labels_y = area.y + 2;

        // The axis line with ticks.
        if area.height > 1 {
            for x in 0..area.width {
                buf.set_string(area.x + x, line_y, "─", theme.dim);
            }
        }
        let tick_list = ticks(&scale);
        // The year is always visible: the left edge names where the view starts, unless a tick
        // close to it already carries a year.
        let label_y = if area.height > 2 { labels_y } else { line_y };
        let has_year = |label: &str| {
            label
                .split(' ')
                .any(|w| w.len() >= 4 && w.trim_start_matches('-').chars().all(|c| c.is_ascii_digit()))
        };
        let d = scale.first_whole_day(0);
        let left_label = match tick_unit(&scale) {
            TickUnit::Days | TickUnit::Months => format!("{} {}", month_abbrev(d.month()), d.year()),
            TickUnit::Years(_) => d.year().to_string(),
        };
        let left_width = left_label.chars().count() as u16;
        let year_tick_near = tick_list
            .iter()
            .any(|(day, label)| has_year(label) && scale.column(*day).is_some_and(|c| c <= left_width + 1));
        let mut label_end = 0u16;
        if !year_tick_near {
            buf.set_string(area.x, label_y, &left_label, theme.year);
            label_end = left_width + 2;
        }
        for (day, label) in &tick_list {
            let Some(col) = scale.column(*day) else { continue };
            if area.height > 1 {
                buf.set_string(area.x + col, line_y, "┴", theme.dim);
            }
            let w = label.chars().count() as u16;
            if col >= label_end && col + w <= area.width {
                buf.set_string(
                    area.x + col,
                    label_y,
                    label,
                    if has_year(label) { theme.year } else { theme.dim },
                );
                label_end = col + w + 1;
            }
        }

        // Event marks: one per column, a density block where several share it; events the
        // filter hides stay as faint dots so the context is not lost.
        let visible = &self.explorer.visible;
        let events = &timeline.events;
        let filtered = visible.len() != events.len();
        // Days as plain numbers in one array (from the index) make these binary searches cheap.
        let computed;
        let first_days: &[i32] = match &self.explorer.index {
            Some(index) => &index.facets.first_days,
            None => {
                computed = events.iter().map(|e| e.date.first_day().num_days_from_ce()).collect::<Vec<_>>();
                &computed
            }
        };
        let first_visible = scale.first_whole_day(0).num_days_from_ce();
        let mut lower = visible.partition_point(|&e| first_days[e] < first_visible);
        let mut all_lower = first_days.partition_point(|&d| d < first_visible);
        for x in 0..area.width {
            let next_day = scale.first_whole_day(x + 1).num_days_from_ce();
            let upper = lower + visible[lower..].partition_point(|&e| first_days[e] < next_day);
            let count = upper - lower;
            let all_upper = if filtered {
                all_lower + first_days[all_lower..].partition_point(|&d| d < next_day)
            } else {
                all_lower
            };
            if count > 0 {
                let symbol = match count {
                    1 => mark(events[visible[lower]].status),
                    2 => "▂",
                    3..=4 => "▄",
                    5..=9 => "▆",
                    _ => "█",
                };
                buf.set_string(area.x + x, marks_y, symbol, theme.axis_mark);
            } else if all_upper > all_lower {
                buf.set_string(area.x + x, marks_y, "·", theme.axis_faint);
            }
            all_lower = all_upper;
            lower = upper;
        }

        // The selected event: its span on the line, its mark highlighted. An event wider than
        // the view (a year, zoomed in to weeks) shows as a bar across it.
        if let Some(selected) = self.explorer.selected_event() {
            let event = &events[selected];
            let (first, last) = (event.date.first_day(), event.date.last_day());
            let view_first = scale.first_whole_day(0);
            let view_last = scale.first_whole_day(area.width).pred_opt().unwrap_or(view_first);
            let overlaps = first <= view_last && last >= view_first;
            if area.height > 1 && overlaps {
                let a = scale.column(first).unwrap_or(0);
                let b = scale.column(last).unwrap_or(area.width - 1);
                if b > a || first < view_first || last > view_last {
                    for x in a..=b {
                        buf.set_string(area.x + x, line_y, "━", theme.axis_selected);
                    }
                }
            }
            match scale.column(first) {
                Some(col) => {
                    buf.set_string(area.x + col, marks_y, mark(event.status), theme.axis_selected);
                }
                None => {
                    // Starts off screen: an arrow says which way.
                    let (x, arrow) = if first < view_first { (0, "◀") } else { (area.width - 1, "▶") };
                    buf.set_string(area.x + x, marks_y, arrow, theme.axis_selected);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;
    use crate::tui::explorer::MIN_SPAN_DAYS as MIN_SPAN;
    use crate::tui::testing::explorer;

    fn app() -> Explorer {
        explorer(model::load_builtin().unwrap())
    }

    #[test]
    fn fit_all_shows_every_event() {
        let app = app();
        let scale = Scale::new(&app, 100).unwrap();
        let t = &app.timeline;
        for e in &t.events {
            assert!(scale.column(e.date.first_day()).is_some(), "{} off screen", e.id);
        }
    }

    #[test]
    fn columns_and_days_agree() {
        let app = app();
        let scale = Scale::new(&app, 80).unwrap();
        for col in 0..80 {
            assert_eq!(scale.column(scale.day_at_center(col)), Some(col));
        }
    }

    #[test]
    fn ticks_follow_zoom() {
        let mut app = app();
        let wide = Scale::new(&app, 100).unwrap();
        assert!(matches!(tick_unit(&wide), TickUnit::Years(1)), "{:?}", tick_unit(&wide));
        app.axis.span_days = Some(365);
        assert_eq!(tick_unit(&Scale::new(&app, 100).unwrap()), TickUnit::Months);
        app.axis.span_days = Some(14);
        assert_eq!(tick_unit(&Scale::new(&app, 100).unwrap()), TickUnit::Days);
        app.axis.span_days = Some(365 * 3000);
        assert!(matches!(tick_unit(&Scale::new(&app, 100).unwrap()), TickUnit::Years(s) if s >= 100));
    }

    fn render(app: &Explorer, width: u16) -> Buffer {
        let area = Rect::new(0, 0, width, 3);
        let mut buf = Buffer::empty(area);
        AxisWidget { explorer: app, theme: &Theme::default() }.render(area, &mut buf);
        buf
    }

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    #[test]
    fn year_is_visible_at_every_zoom() {
        let mut app = app();
        for span in [None, Some(3650), Some(365), Some(60), Some(14)] {
            app.axis.span_days = span;
            let buf = render(&app, 60);
            let labels = row(&buf, 2);
            assert!(
                labels.split_whitespace().any(|w| w.len() == 4 && w.starts_with("20")),
                "no year in {labels:?} at span {span:?}"
            );
        }
    }

    #[test]
    fn marks_events_and_highlights_the_selection() {
        let mut app = app();
        let buf = render(&app, 120);
        let marks = row(&buf, 0);
        assert!(marks.contains('○'), "the planned round is hollow: {marks}");
        let highlight = Theme::default().axis_selected.bg.unwrap();
        let selected_cells: Vec<u16> = (0..120).filter(|&x| buf[(x, 0)].bg == highlight).collect();
        assert_eq!(selected_cells.len(), 1);
        app.jump(app.visible.len() - 1);
        let buf = render(&app, 120);
        let last: Vec<u16> = (0..120).filter(|&x| buf[(x, 0)].bg == highlight).collect();
        assert!(last[0] > selected_cells[0], "the highlight follows the selection");
    }

    fn two_events() -> Explorer {
        let text = "title: t\nevents:\n  - {id: a, title: A, date: \"2016-03-10\"}\n  - {id: b, title: B, date: \"2016-03-20\"}\n";
        explorer(model::load_str("t", text).unwrap())
    }

    #[test]
    fn each_event_is_one_mark_in_its_own_column() {
        let mut app = two_events();
        for span in [None, Some(60), Some(30), Some(14)] {
            for selected in [0, 1] {
                app.select(selected);
                app.axis.span_days = span;
                let buf = render(&app, 100);
                let scale = Scale::new(&app, 100).unwrap();
                let marks: Vec<u16> = (0..100).filter(|&x| buf[(x, 0)].symbol() == "●").collect();
                let expected: Vec<u16> =
                    app.timeline.events.iter().filter_map(|e| scale.column(e.date.first_day())).collect();
                assert_eq!(marks, expected, "span {span:?}, selected {selected}: {}", row(&buf, 0));
            }
        }
    }

    #[test]
    fn zoomed_in_labels_name_the_right_month() {
        let mut app = app();
        let third = app.timeline.event_index("dialogue-round-3").unwrap();
        app.select_event(third);
        app.axis.span_days = Some(MIN_SPAN);
        let labels = row(&render(&app, 100), 2);
        assert!(labels.contains("Dec 2016") || labels.starts_with("Dec"), "{labels}");
        assert!(!labels.contains("Nov"), "{labels}");
    }

    #[test]
    fn an_event_wider_than_the_view_is_a_bar() {
        let mut app = app();
        let planned = app.timeline.event_index("dialogue-round-4-planned").unwrap();
        app.select_event(planned);
        app.axis.span_days = Some(MIN_SPAN);
        let buf = render(&app, 60);
        let line = row(&buf, 1);
        assert_eq!(line.matches('━').count(), 60, "{line}");
    }

    #[test]
    fn hidden_events_stay_faint() {
        let mut app = app();
        app.apply_query(crate::model::query::Query::parse("country:PE").unwrap()).unwrap();
        let marks = row(&render(&app, 120), 0);
        assert_eq!(marks.matches('●').count(), 1, "{marks}");
        assert!(marks.matches('·').count() >= 5, "{marks}");
    }
}
