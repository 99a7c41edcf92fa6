//! The time strip under the event list: where the shown events fall in time, at a glance, drawn
//! with the timeline view's own code — its marks and bars (or its histogram where they do not
//! fit in one row), its `+N`, its axis and ticks (`view::marks_row`, `view::draw_slot`,
//! `draw_axis`) — for every shown event as one lane.
//!
//! A frame costs what the view's lane costs: O(width · log n) however many events there are.

use super::{draw_axis, view, Scale};
use crate::explorer::Explorer;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The strip laid out once per frame for a width: its scale, and the view's row of marks (or
/// histogram) for the shown events. The pane's title (`scale_words`) and the drawing both read
/// it, so the row is laid out once.
pub struct StripLayout {
    pub scale: Scale,
    slot: view::Slot,
    /// The events a full `█` stands for, when the row is a histogram.
    per_block: Option<usize>,
}

impl StripLayout {
    pub fn new(explorer: &Explorer, width: u16) -> Option<StripLayout> {
        let scale = Scale::new(explorer, width)?;
        let (slot, per_block) = view::marks_row(explorer, explorer.shown_lane(), &scale);
        Some(StripLayout { scale, slot, per_block })
    }

    /// `█ = 12 events`, when the strip is a histogram (its scale, for the strip's title).
    pub fn scale_words(&self) -> Option<String> {
        self.per_block.map(|n| format!("█ = {n} event{}", if n == 1 { "" } else { "s" }))
    }
}

/// `StripLayout::scale_words` for a width.
#[cfg(test)]
fn scale_words(explorer: &Explorer, width: u16) -> Option<String> {
    StripLayout::new(explorer, width)?.scale_words()
}

/// The time strip under the list: one row of the view's marks (faint dots where only events
/// the filter hides are), the axis line with ticks, and labels, as `layout` laid them out for
/// the area's width.
pub struct StripWidget<'a> {
    pub explorer: &'a Explorer,
    pub theme: &'a Theme,
    pub layout: &'a StripLayout,
}

impl Widget for StripWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let ex = self.explorer;
        let timeline = &ex.timeline;
        let StripLayout { scale, slot, per_block } = self.layout;
        let scale = *scale;
        let theme = self.theme;
        let marks_y = area.y;
        let line_y = area.y + 1;

        if area.height > 1 {
            // With two rows, the labels go on the line.
            let labels_y = if area.height > 2 { area.y + 2 } else { line_y };
            draw_axis(buf, area.x, line_y, Some(labels_y), &scale, theme);
        }

        // Events the filter hides stay as faint dots where nothing shown is, so the context is
        // not lost.
        if ex.visible().len() != timeline.events.len() {
            let starts = ex.starts();
            let mut lower = starts.partition_point(|&p| p < scale.edge(0));
            for x in 0..area.width {
                let upper = lower + starts[lower..].partition_point(|&p| p < scale.edge(i64::from(x) + 1));
                if upper > lower {
                    buf.set_string(area.x + x, marks_y, "·", theme.axis_faint);
                }
                lower = upper;
            }
        }
        let plot = Rect { height: 1, ..area };
        view::draw_slot(ex, theme, buf, plot, slot, ex.shown_lane(), per_block.unwrap_or(1), &scale);

        // The selected event: its span on the line; where it is out of view, an arrow says
        // which way.
        if let Some(selected) = ex.selected_event() {
            let event = &timeline.events[selected];
            let (first, last) = (ex.starts()[selected], ex.time_axis().last_position(&event.date));
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
            if !overlaps {
                let (x, arrow) = if first < view_first { (0, "◀") } else { (area.width - 1, "▶") };
                buf.set_string(area.x + x, marks_y, arrow, theme.axis_selected);
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
        let layout = StripLayout::new(app, width).expect("events to draw");
        StripWidget { explorer: app, theme: &Theme::default(), layout: &layout }.render(area, &mut buf);
        buf
    }

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    #[test]
    fn the_year_is_always_in_view_or_in_the_context() {
        let mut app = app();
        for span in [None, Some(3650.0), Some(365.0), Some(60.0), Some(14.0)] {
            app.set_axis(crate::explorer::AxisView { span_days: span, ..app.axis() });
            let labels = row(&render(&app, 60), 2);
            let context = context_label(&Scale::new(&app, 60).unwrap());
            assert!(context.contains("20"), "{context:?} at span {span:?}");
            if !matches!(tick_unit(&Scale::new(&app, 60).unwrap()), TickUnit::Days | TickUnit::Weeks) {
                assert!(labels.contains("201"), "no year label in {labels:?} at span {span:?}");
            }
        }
    }

    #[test]
    fn draws_the_views_marks_and_highlights_the_selection() {
        // Few events: the view's marks one by one, a planned event dashed.
        let text = "title: t\nevents:\n  - {id: a, title: A, date: \"2016-03-10\"}\n  - {id: b, title: B, date: \"2016-06-20\", status: planned}\n";
        let few = explorer(model::load_str("t", text).unwrap());
        let marks = row(&render(&few, 120), 0);
        // The planned day at the right edge covers two columns: the view's dashed bar.
        assert!(marks.contains('●') && marks.contains('┅'), "{marks}");
        assert_eq!(scale_words(&few, 120), None, "no histogram, no scale");
        // The built-in timeline's 21 events share columns at 120: the view's histogram, its
        // scale for the strip's title; the selected event's columns stand out and follow it.
        let mut app = app();
        let words = scale_words(&app, 120).expect("a histogram");
        assert!(words.starts_with("█ = ") && words.ends_with(" events"), "{words}");
        let highlight = Theme::default().axis_selected.bg.unwrap();
        let buf = render(&app, 120);
        let selected_cells: Vec<u16> = (0..120).filter(|&x| buf[(x, 0)].bg == highlight).collect();
        assert_eq!(selected_cells.len(), 1, "{}", row(&buf, 0));
        app.jump(app.visible().len() - 1);
        let buf = render(&app, 120);
        let last: Vec<u16> = (0..120).filter(|&x| buf[(x, 0)].bg == highlight).collect();
        assert!(last[0] > selected_cells[0], "the highlight follows the selection");
    }

    fn two_events() -> Explorer {
        let text = "title: t\nevents:\n  - {id: a, title: A, date: \"2016-03-10\"}\n  - {id: b, title: B, date: \"2016-03-20\"}\n";
        explorer(model::load_str("t", text).unwrap())
    }

    #[test]
    fn each_event_is_drawn_where_its_day_is() {
        let mut app = two_events();
        for span in [None, Some(60.0), Some(30.0), Some(14.0)] {
            for selected in [0, 1] {
                app.select(selected);
                app.set_axis(crate::explorer::AxisView { span_days: span, ..app.axis() });
                let buf = render(&app, 100);
                let scale = Scale::new(&app, 100).unwrap();
                for event in &app.timeline.events {
                    if let Some(x) = scale.column(event.date.first_day()) {
                        let symbol = buf[(x, 0)].symbol();
                        assert!(["●", "━", "╺"].contains(&symbol), "span {span:?}: {}", row(&buf, 0));
                    }
                }
            }
        }
    }

    #[test]
    fn zoomed_in_labels_name_the_right_month() {
        let mut app = app();
        let third = app.timeline.event_index("dialogue-round-3").unwrap();
        app.select_event(third);
        app.set_axis(crate::explorer::AxisView { span_days: Some(MIN_SPAN), ..app.axis() });
        let labels = row(&render(&app, 100), 2);
        assert!(labels.contains("Dec 2016") || labels.starts_with("Dec"), "{labels}");
        assert!(!labels.contains("Nov"), "{labels}");
    }

    #[test]
    fn an_event_wider_than_the_view_is_a_bar() {
        let mut app = app();
        let planned = app.timeline.event_index("dialogue-round-4-planned").unwrap();
        app.select_event(planned);
        app.set_axis(crate::explorer::AxisView { span_days: Some(MIN_SPAN), ..app.axis() });
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
