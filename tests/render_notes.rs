//! The bookmarks list and the annotation editor drawn into ratatui's `TestBackend`: snapshots
//! at several sizes down to 1×1, and what they say without colour.

use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::time::Instant;
use timeline_explorer::keys::action::{Action, PopupKind};
use timeline_explorer::model;
use timeline_explorer::tui::app::App;
use timeline_explorer::tui::theme::{Theme, ThemeKind};
use timeline_explorer::tui::ui;

fn draw(app: &mut App, width: u16, height: u16, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.set_viewport(ui::layout(Rect::new(0, 0, width, height), app.view).viewport());
    terminal.draw(|f| ui::draw(f, app, theme, Instant::now())).unwrap();
    terminal
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The built-in timeline with two bookmarks (one on an event that is gone) and an annotation.
fn annotated_app() -> App {
    let mut app = App::with_timeline("timeline.yaml", model::load_builtin().unwrap());
    let explorer = app.explorer_mut().unwrap();
    let notes = &mut explorer.sidecar.notes;
    notes.toggle_bookmark("dialogue-round-3");
    notes.toggle_bookmark("an-event-that-was-removed");
    notes.set_annotation(
        "dialogue-round-3",
        "Compare with the 2015 agreement.\nAsk about the \u{1b}[31mhotline\u{1b}[0m.",
    );
    notes.set_annotation("another-removed-one", "kept anyway");
    app
}

const SIZES: [(u16, u16); 5] = [(100, 30), (60, 20), (40, 12), (20, 5), (1, 1)];

#[test]
fn bookmarks_list_at_every_size() {
    let mut app = annotated_app();
    app.update(Action::Open(PopupKind::Bookmarks));
    assert!(app.popup.is_some());
    for (w, h) in SIZES {
        let terminal = draw(&mut app, w, h, &Theme::default());
        insta::assert_snapshot!(format!("bookmarks_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn annotation_editor_at_every_size() {
    let mut app = annotated_app();
    let round_3 = app.explorer().unwrap().timeline.event_index("dialogue-round-3").unwrap();
    app.explorer_mut().unwrap().jump(round_3);
    app.update(Action::Open(PopupKind::Annotate));
    assert!(app.popup.is_some());
    for (w, h) in SIZES {
        let terminal = draw(&mut app, w, h, &Theme::default());
        insta::assert_snapshot!(format!("annotate_{w}x{h}"), terminal.backend());
    }
    // A line longer than the editor scrolls sideways to keep the cursor in sight.
    for c in "and a very long line that goes on past the right edge of the editor".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::FocusNext);
    let terminal = draw(&mut app, 60, 20, &Theme::default());
    insta::assert_snapshot!("annotate_60x20_long_line_on_save", terminal.backend());
}

#[test]
fn the_list_marks_bookmarked_and_annotated_events() {
    let mut app = annotated_app();
    let first = app.explorer().unwrap().timeline.events[0].id.clone();
    app.explorer_mut().unwrap().set_annotation(&first, "a note on the first event");
    let terminal = draw(&mut app, 100, 30, &Theme::default());
    insta::assert_snapshot!("list_marks_100x30", terminal.backend());
    let shown = text(&terminal);
    assert!(shown.contains("2014-05-19     ✎●"), "annotated: {shown}");
    assert!(shown.contains("Dec 7–8, 2016  ★●"), "bookmarked: {shown}");
}

/// An event both bookmarked and annotated shows both marks; the others keep their columns.
#[test]
fn an_event_bookmarked_and_annotated_shows_both_marks() {
    let mut app = annotated_app();
    let explorer = app.explorer_mut().unwrap();
    explorer.set_annotation("dialogue-round-3", "both");
    let first = explorer.timeline.events[0].id.clone();
    explorer.set_annotation(&first, "only annotated");
    let shown = text(&draw(&mut app, 100, 30, &Theme::new(ThemeKind::Dark, true)));
    assert!(shown.contains("Dec 7–8, 2016  ★✎●"), "both: {shown}");
    assert!(shown.contains("2014-05-19      ✎●"), "annotated only, in the same column: {shown}");
    assert!(shown.contains("2015-06-04       ● OPM"), "neither: {shown}");
}

#[test]
fn without_colour_the_cursor_button_and_marks_still_show() {
    let no_colour = Theme::new(ThemeKind::Dark, true);
    let mut app = annotated_app();
    app.update(Action::Open(PopupKind::Bookmarks));
    let shown = text(&draw(&mut app, 100, 30, &no_colour));
    assert!(shown.contains("★✎") && shown.contains("✕★") && shown.contains("✕ ✎"), "{shown}");
    assert!(shown.contains("not in this timeline"), "{shown}");
    assert!(!shown.contains('\u{1b}'));
    app.update(Action::PromptCancel);
    app.update(Action::Open(PopupKind::Annotate));
    app.update(Action::FocusNext);
    let shown = text(&draw(&mut app, 100, 30, &no_colour));
    assert!(
        shown.contains("[>Save<]") && shown.contains("[ Cancel ]"),
        "the focused button is marked: {shown}"
    );
    assert!(shown.contains("Ctrl-S saves") && shown.contains("Esc cancels"), "{shown}");
}

/// The bookmarks list writes times in the zone shown, as the list does (`--tz`, `T`).
#[test]
fn bookmarks_show_times_in_the_zone_shown() {
    let yaml = "title: t\ntimezone: America/Chicago\nevents:\n  - {id: launch, title: Launch, date: \"1970-04-11T13:13\"}\n";
    let mut app = App::with_timeline("t.yaml", model::load_str("t.yaml", yaml).unwrap());
    let explorer = app.explorer_mut().unwrap();
    explorer.sidecar.notes.toggle_bookmark("launch");
    explorer.set_zone(model::zone::Zone::Utc);
    app.update(Action::Open(PopupKind::Bookmarks));
    let shown = text(&draw(&mut app, 100, 30, &Theme::default()));
    assert!(shown.contains("1970-04-11 19:13  Launch"), "{shown}");
    assert!(!shown.contains("13:13"), "{shown}");
}
