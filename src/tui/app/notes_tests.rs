//! Bookmarks and annotations driven through the real keymap: what the keys leave in the notes,
//! the timeline, the filter and the effects the runner would carry out.

use super::*;
use crate::model::notes::{Places, Sidecar};
use crate::model::{self, index::Index};
use crate::tui::testing::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => press(app, KeyCode::Enter),
            c => press(app, KeyCode::Char(c)),
        }
    }
}

fn annotation_of_selected(app: &App) -> Option<String> {
    let ex = ex(app);
    ex.timeline.events[ex.selected_event().unwrap()].annotation.clone()
}

#[test]
fn b_toggles_a_bookmark_and_asks_for_a_save() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('j'));
    let id = selected_id(&app);
    press(&mut app, KeyCode::Char('b'));
    assert_eq!(ex(&app).sidecar.notes.bookmarks(), [id]);
    assert!(app.message.as_deref().unwrap().starts_with("bookmarked"), "{:?}", app.message);
    assert_eq!(std::mem::take(&mut app.effects), [Effect::SaveNotes { backup: false }]);
    press(&mut app, KeyCode::Char('b'));
    assert!(ex(&app).sidecar.notes.bookmarks().is_empty(), "again: removed");
    assert_eq!(app.effects, [Effect::SaveNotes { backup: false }]);
}

#[test]
fn the_bookmarks_list_goes_to_one_and_names_the_missing() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('B'));
    assert!(app.popup.is_none());
    assert!(app.message.as_deref().unwrap().contains("no bookmarks yet"), "{:?}", app.message);
    press(&mut app, KeyCode::Char('G'));
    let last = selected_id(&app);
    press(&mut app, KeyCode::Char('b'));
    ex_mut(&mut app).sidecar.notes.toggle_bookmark("gone-away");
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('B'));
    assert_eq!(app.mode(), Mode::Picker);
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none());
    assert_eq!(selected_id(&app), last, "Enter went to the bookmark");
    press(&mut app, KeyCode::Char('B'));
    typed(&mut app, "gone");
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_some(), "a missing event keeps the list open");
    assert!(
        app.message.as_deref().unwrap().contains("`gone-away` is not in this timeline"),
        "{:?}",
        app.message
    );
}

/// The popup's words and its keys agree: Space is typed into the narrowing text, not a jump
/// (a jump would make a following `A` annotate another event), and no hint offers it.
#[test]
fn space_in_the_bookmarks_list_is_a_space_not_a_jump() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('g'));
    let first = selected_id(&app);
    press(&mut app, KeyCode::Char('B'));
    assert!(!crate::tui::ui::status_hints(&app).iter().any(|(k, _)| k == "Space"), "no Space hint");
    typed(&mut app, "law enforcement");
    assert!(app.popup.is_some());
    assert_eq!(selected_id(&app), first, "Space did not go anywhere");
    let text = screen(&app);
    assert!(text.contains("narrow: law enforcement"), "{text}");
    assert!(text.contains("1 of 1"), "{text}");
}

#[test]
fn a_writes_an_annotation_that_the_filter_and_search_find() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('j'));
    let id = selected_id(&app);
    press(&mut app, KeyCode::Char('A'));
    assert_eq!(app.mode(), Mode::Editor);
    typed(&mut app, "Quokka memo\nsecond line");
    press(&mut app, KeyCode::Backspace);
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(app.popup.is_none());
    assert_eq!(annotation_of_selected(&app).as_deref(), Some("Quokka memo\nsecond lin"));
    assert_eq!(ex(&app).sidecar.notes.annotation(&id), Some("Quokka memo\nsecond lin"));
    assert_eq!(app.effects, [Effect::SaveNotes { backup: false }]);
    // The detail shows it, apart from the timeline's own notes.
    let layout = ex(&app).detail_layout(60).unwrap();
    let rows: Vec<String> = layout.rows.iter().map(|r| r.iter().map(|(t, _)| t.as_str()).collect()).collect();
    let at = rows.iter().position(|r| r.contains("Your annotation")).expect("a section");
    assert!(rows[at + 1].contains("Quokka memo"), "{rows:?}");
    // The filter and the search find it.
    keys(&mut app, "xf");
    typed(&mut app, "annotation:quokka\n");
    assert_eq!(ex(&app).visible().len(), 1);
    assert_eq!(selected_id(&app), id);
    keys(&mut app, "x/quokka\n");
    let search = ex(&app).search().expect("a search");
    assert_eq!(
        search.matches,
        [ex(&app).timeline.event_index(&id).unwrap()],
        "the text search finds annotation words"
    );
}

#[test]
fn esc_cancels_and_tab_enter_saves_without_the_chord() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('A'));
    typed(&mut app, "never kept");
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    assert_eq!(annotation_of_selected(&app), None);
    assert!(app.effects.is_empty(), "nothing to write");
    press(&mut app, KeyCode::Char('A'));
    typed(&mut app, "kept");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(annotation_of_selected(&app).as_deref(), Some("kept"), "Tab, then Enter on Save");
    // Editing again starts from the saved text; emptying it removes the annotation.
    press(&mut app, KeyCode::Char('A'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(annotation_of_selected(&app).as_deref(), Some("kept"), "Cancel button: unchanged");
    press(&mut app, KeyCode::Char('A'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(annotation_of_selected(&app), None);
    assert_eq!(app.message.as_deref(), Some("annotation removed"));
}

#[test]
fn the_editor_moves_and_joins_lines() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('A'));
    typed(&mut app, "ab\ncd");
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Delete);
    typed(&mut app, "|");
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Left);
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(annotation_of_selected(&app).as_deref(), Some("ab|cd"));
    // Letters that are keys elsewhere are text here.
    press(&mut app, KeyCode::Char('A'));
    typed(&mut app, " qbBA?");
    assert_eq!(app.mode(), Mode::Editor);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.mode(), Mode::Editor);
    press(&mut app, KeyCode::Enter);
    assert_eq!(annotation_of_selected(&app).as_deref(), Some("ab|cd qbBA?"));
}

#[test]
fn an_unreadable_sidecar_is_said_once_and_kept_by_the_first_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.notes.yaml");
    std::fs::write(&path, "bookmarks: [x\n").unwrap();
    let sidecar = Sidecar::read(Places::new(Some(&dir.path().join("t.yaml")), None));
    let mut app = App::new("t");
    app.notes_read(sidecar);
    let timeline = model::load_builtin().unwrap();
    let index = std::sync::Arc::new(Index::new(&timeline));
    app.loaded(std::sync::Arc::new(timeline), Some(index));
    let said = app.message.clone().unwrap();
    assert!(
        said.contains("bookmarks and annotations could not be read") && said.contains("t.notes.yaml:"),
        "{said}"
    );
    press(&mut app, KeyCode::Char('b'));
    assert_eq!(app.effects, [Effect::SaveNotes { backup: true }], "the first save keeps the old file");
    let message = crate::tui::effects::perform(&app.effects[0], app.explorer(), &app.history).unwrap();
    assert!(message.contains(".bak"), "{message}");
    assert_eq!(std::fs::read_to_string(dir.path().join("t.notes.yaml.bak")).unwrap(), "bookmarks: [x\n");
    app.effects.clear();
    press(&mut app, KeyCode::Char('b'));
    assert_eq!(app.effects, [Effect::SaveNotes { backup: false }], "only once");
}

#[test]
fn a_reload_keeps_the_annotations_on_the_new_version() {
    let text = "title: t\nevents:\n  - {id: a, title: A, date: 2014}\n  - {id: b, title: B, date: 2015}\n";
    let mut app = app_on(text);
    press(&mut app, KeyCode::Char('A'));
    typed(&mut app, "walrus");
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let changed = text.replace("title: B", "title: B2");
    let t = model::load_str("t", &changed).unwrap();
    let i = Index::new(&t);
    app.file_changed(crate::tui::watch::Change::Loaded(Box::new((t, i))), std::time::Instant::now());
    assert_eq!(ex(&app).timeline.events[0].annotation.as_deref(), Some("walrus"));
    assert_eq!(
        ex(&app).sidecar.notes.annotation("a"),
        Some("walrus"),
        "the explorer keeps the notes to save"
    );
    keys(&mut app, "f");
    typed(&mut app, "walrus\n");
    assert_eq!(ex(&app).visible(), [0], "the new index has the annotation's words");
}

#[test]
fn notes_that_could_not_be_saved_are_not_lost_to_one_q() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit, "saved notes: q quits at once");
    let mut app = builtin();
    app.notes_unsaved = Some("t.notes.yaml is not a regular file; notes not saved".into());
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit, "the first q warns");
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.contains("not saved (t.notes.yaml is not a regular file") && said.contains("q again"),
        "{said}"
    );
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit, "the second q quits");
}

#[test]
fn a_reload_that_renames_an_event_takes_its_notes_along_and_saves_them() {
    let text =
        "title: t\nevents:\n  - {id: a, title: Cyber talks, date: 2014}\n  - {id: b, title: B, date: 2015}\n";
    let mut app = app_on(text);
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('A'));
    typed(&mut app, "walrus");
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    app.effects.clear();
    let renamed = text.replace("id: a,", "id: a-2014,");
    let t = model::load_str("t", &renamed).unwrap();
    let i = Index::new(&t);
    app.file_changed(crate::tui::watch::Change::Loaded(Box::new((t, i))), std::time::Instant::now());
    let ex = ex(&app);
    assert_eq!(ex.sidecar.notes.bookmarks(), ["a-2014"]);
    assert_eq!(ex.sidecar.notes.annotation("a-2014"), Some("walrus"));
    assert_eq!(ex.timeline.events[0].annotation.as_deref(), Some("walrus"), "shown on the renamed event");
    assert!(
        app.message.as_deref().unwrap().ends_with("; notes followed 1 renamed event"),
        "{:?}",
        app.message
    );
    assert_eq!(app.effects, [Effect::SaveNotes { backup: false }]);
}
