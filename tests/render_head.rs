//! The first frame of a reopen, drawn from the cache's head of the timeline (`tui/head.rs`):
//! snapshots at several sizes and without colour, and the list it draws cell for cell the list
//! the whole timeline draws, so replacing the head changes no row.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::Terminal;
use std::sync::Arc;
use std::time::Instant;
use timeline_explorer::model::head::Head;
use timeline_explorer::model::{self, Timeline};
use timeline_explorer::tui::app::{App, LoadState, View};
use timeline_explorer::tui::theme::{Theme, ThemeKind};
use timeline_explorer::tui::{self, ui};

fn synthetic(n: usize, times: bool) -> Timeline {
    let text = timeline_explorer::synthetic::timeline_yaml_with(n, 11, times);
    model::load_str("synthetic.yaml", &text).expect("the synthetic timeline loads")
}

/// Still loading, with the head of `timeline` arrived (as the runner's first frame has it).
fn head_app(timeline: &Timeline) -> App {
    let mut app = App::new("synthetic.yaml");
    app.head_arrived(Some(Box::new(Head::of(timeline).expect("a head"))));
    assert!(matches!(&app.state, LoadState::Loading { head: Some(_), .. }));
    app
}

fn draw(app: &mut App, width: u16, height: u16, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.set_viewport(tui::reading::screen(Rect::new(0, 0, width, height), app).viewport());
    terminal.draw(|f| ui::draw(f, app, theme, Instant::now())).unwrap();
    terminal
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn snapshots_of_the_head_frame_down_to_1x1() {
    let timeline = synthetic(500, false);
    for (width, height) in [(120, 40), (80, 24), (60, 20), (20, 5), (1, 1)] {
        let mut app = head_app(&timeline);
        let terminal = draw(&mut app, width, height, &Theme::default());
        insta::assert_snapshot!(format!("head_{width}x{height}"), text(terminal.backend().buffer()));
    }
}

#[test]
fn the_head_frame_reads_without_colour() {
    let theme = Theme::new(ThemeKind::Dark, true);
    let timeline = synthetic(500, true);
    let mut app = head_app(&timeline);
    let terminal = draw(&mut app, 120, 40, &theme);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset, "a foreground colour under NO_COLOR");
        assert_eq!(cell.bg, Color::Reset, "a background colour under NO_COLOR");
    }
    let first = &timeline.events[0].title;
    let row = (0..40).find(|&y| text_row(buffer, y).contains(&first[..12])).expect("the first event's row");
    assert!(
        buffer[(5, row)].modifier.contains(ratatui::style::Modifier::REVERSED),
        "the selected first row in reverse video"
    );
    assert!(text(buffer).contains("first 200 of 500 events — loading the rest"));
}

fn text_row(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect()
}

/// The invariant: what the head frame draws in the list is, cell for cell and style for style,
/// what the whole timeline's first frame draws there — for short and long timelines, with and
/// without times of day (whose date column depends on every date), at several sizes, in colour
/// and without.
#[test]
fn the_head_frames_list_is_the_whole_timelines_list() {
    for (n, times) in [(1, false), (37, true), (250, false), (700, true)] {
        let timeline = synthetic(n, times);
        for theme in [Theme::default(), Theme::new(ThemeKind::Dark, true)] {
            for (width, height) in [(120, 40), (80, 24), (60, 20), (200, 60), (30, 8)] {
                let mut whole = App::with_timeline("synthetic.yaml", timeline.clone());
                let mut head = head_app(&timeline);
                let whole_frame = draw(&mut whole, width, height, &theme);
                let head_frame = draw(&mut head, width, height, &theme);
                let list = ui::layout(Rect::new(0, 0, width, height), View::List).list.expect("a list");
                for y in list.top()..list.bottom() {
                    for x in list.left()..list.right() {
                        assert_eq!(
                            head_frame.backend().buffer()[(x, y)],
                            whole_frame.backend().buffer()[(x, y)],
                            "{n} events{}, {width}×{height}, at ({x}, {y}):\n{}\n---\n{}",
                            if times { " with times" } else { "" },
                            text(head_frame.backend().buffer()),
                            text(whole_frame.backend().buffer()),
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_whole_timeline_replaces_the_head_at_its_first_event() {
    let timeline = synthetic(300, false);
    let mut app = head_app(&timeline);
    draw(&mut app, 120, 40, &Theme::default());
    app.loaded(Arc::new(timeline.clone()), None);
    let ex = app.explorer().expect("loaded");
    assert_eq!(ex.selected_event(), Some(0));
    let shown = text(draw(&mut app, 120, 40, &Theme::default()).backend().buffer());
    assert!(shown.contains("300 events") && !shown.contains("loading the rest"), "{shown}");
}
