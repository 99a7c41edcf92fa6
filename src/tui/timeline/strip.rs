//! The time strip under the event list: where the shown events fall in time, at a glance.
//!
//! Counting events per column uses binary searches over the start-sorted events, so a frame costs
//! O(width · log n) however many events there are.

use super::{placed_labels, point_mark, ticks, Scale};
use crate::explorer::Explorer;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The time strip under the list: one row of marks (a density block where several events share
/// a column; faint dots for events the filter hides), the axis line with ticks, and labels.
pub struct StripWidget<'a> {
    pub explorer: &'a Explorer,
    pub theme: &'a Theme,
}

impl Widget for StripWidget<'_> {
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
        let label_y = if area.height > 2 { labels_y } else { line_y };
        for tick in &tick_list {
            if let Some(col) = scale.column_at(tick.at) {
                if area.height > 1 {
                    buf.set_string(area.x + col, line_y, "┴", theme.dim);
                }
            }
        }
        for (col, tick) in placed_labels(&scale, &tick_list) {
            let style = if tick.major { theme.year } else { theme.dim };
            buf.set_string(area.x + col, label_y, &tick.label, style);
        }

        // Event marks: one per column, a density block where several share it; events the
        // filter hides stay as faint dots so the context is not lost.
        // By index, as `starts` is ordered (the list's order is the zone's).
        let visible = &*self.explorer.visible_by_index();
        let events = &timeline.events;
        let filtered = visible.len() != events.len();
        // Starts as plain numbers in one array make these binary searches cheap.
        let starts = &self.explorer.starts;
        let mut lower = visible.partition_point(|&e| starts[e] < scale.edge(0));
        let mut all_lower = starts.partition_point(|&p| p < scale.edge(0));
        for x in 0..area.width {
            let next = scale.edge(i64::from(x) + 1);
            let upper = lower + visible[lower..].partition_point(|&e| starts[e] < next);
            let count = upper - lower;
            let all_upper = if filtered {
                all_lower + starts[all_lower..].partition_point(|&p| p < next)
            } else {
                all_lower
            };
            if count > 0 {
                let symbol = match count {
                    1 => point_mark(events[visible[lower]].status, false),
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
            let zone = &self.explorer.zone;
            let (first, last) = (super::extent(&event.date, zone).0, super::last_position(&event.date, zone));
            let (view_first, view_end) = (scale.edge(0), scale.edge(i64::from(area.width)));
            let overlaps = first < view_end && last >= view_first;
            if area.height > 1 && overlaps {
                let a = scale.column_at(first).unwrap_or(0);
                let b = scale.column_at(last).unwrap_or(area.width - 1);
                if b > a || first < view_first || last >= view_end {
                    for x in a..=b {
                        buf.set_string(area.x + x, line_y, "━", theme.axis_selected);
                    }
                }
            }
            match scale.column_at(first) {
                Some(col) => {
                    buf.set_string(
                        area.x + col,
                        marks_y,
                        point_mark(event.status, false),
                        theme.axis_selected,
                    );
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
    use crate::explorer::testing::explorer;
    use crate::explorer::MIN_SPAN_DAYS as MIN_SPAN;
    use crate::model;
    use crate::tui::timeline::{context_label, tick_unit, TickUnit};

    fn app() -> Explorer {
        explorer(model::load_builtin().unwrap())
    }

    fn render(app: &Explorer, width: u16) -> Buffer {
        let area = Rect::new(0, 0, width, 3);
        let mut buf = Buffer::empty(area);
        StripWidget { explorer: app, theme: &Theme::default() }.render(area, &mut buf);
        buf
    }

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    #[test]
    fn the_year_is_always_in_view_or_in_the_context() {
        let mut app = app();
        for span in [None, Some(3650.0), Some(365.0), Some(60.0), Some(14.0)] {
            app.axis.span_days = span;
            let labels = row(&render(&app, 60), 2);
            let context = context_label(&Scale::new(&app, 60).unwrap());
            assert!(context.contains("20"), "{context:?} at span {span:?}");
            if !matches!(tick_unit(&Scale::new(&app, 60).unwrap()), TickUnit::Days | TickUnit::Weeks) {
                assert!(labels.contains("201"), "no year label in {labels:?} at span {span:?}");
            }
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
        for span in [None, Some(60.0), Some(30.0), Some(14.0)] {
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
