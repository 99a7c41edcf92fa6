//! Story mode driven through the real keymap (issue #29).

use super::*;
use crate::tui::testing::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn play(app: &App) -> &crate::explorer::StoryPlay {
    ex(app).story().expect("story mode is on")
}

/// The id of the event on the slide shown.
fn slide_id(app: &App) -> Option<String> {
    play(app).event().map(|e| ex(app).timeline.events[e].id.clone())
}

/// The built-in app in its written story, at the title slide.
fn in_the_builtin_story() -> App {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('S'));
    assert!(app.popup.is_some(), "S offers the file's stories");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Story);
    app
}

#[test]
fn s_offers_the_stories_and_every_event_in_view() {
    let app = in_the_builtin_story();
    assert_eq!(play(&app).position(), 0, "a written story opens at its title slide");
    assert_eq!(play(&app).len(), 6);

    let mut app = builtin();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    let at = selected_id(&app);
    press(&mut app, KeyCode::Char('S'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(play(&app).len(), 21, "all events in view");
    assert_eq!(slide_id(&app), Some(at), "starting at the selected event");
}

#[test]
fn without_stories_s_tells_the_events_in_view_at_once() {
    let mut app =
        app_on("title: t\nevents:\n  - {id: a, title: A, date: 2014}\n  - {id: b, title: B, date: 2015}\n");
    press(&mut app, KeyCode::Char('S'));
    assert!(app.popup.is_none());
    assert_eq!(slide_id(&app).as_deref(), Some("a"));
}

#[test]
fn every_next_and_previous_key_moves_a_slide() {
    let mut app = in_the_builtin_story();
    for (n, key) in
        [KeyCode::Char(' '), KeyCode::Right, KeyCode::Char('l'), KeyCode::PageDown].into_iter().enumerate()
    {
        press(&mut app, key);
        assert_eq!(play(&app).position(), n + 1, "{key:?}");
    }
    for (n, key) in [KeyCode::Left, KeyCode::Char('h'), KeyCode::PageUp].into_iter().enumerate() {
        press(&mut app, key);
        assert_eq!(play(&app).position(), 3 - n, "{key:?}");
    }
    press(&mut app, KeyCode::End);
    assert_eq!(slide_id(&app).as_deref(), Some("dialogue-round-4-planned"));
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(play(&app).position(), 6, "no step past the last");
    assert!(app.message.as_deref().unwrap_or_default().contains("last slide"));
    press(&mut app, KeyCode::Home);
    assert_eq!(play(&app).position(), 0);
    replay(&mut app, &[Action::ClickStory { right: true }, Action::ClickStory { right: true }]);
    assert_eq!(play(&app).position(), 2, "a click on the right half is next");
    replay(&mut app, &[Action::ClickStory { right: false }]);
    assert_eq!(play(&app).position(), 1);
}

#[test]
fn a_number_then_enter_goes_to_that_slide() {
    let mut app = in_the_builtin_story();
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(play(&app).typed, "4");
    press(&mut app, KeyCode::Enter);
    assert_eq!(slide_id(&app).as_deref(), Some("dialogue-round-2"));
    press(&mut app, KeyCode::Char('9'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(play(&app).position(), 4, "no slide 9: it stays");
    assert!(app.message.as_deref().unwrap_or_default().contains("no slide 9"));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Esc);
    assert!(ex(&app).story().is_some(), "Esc first drops the typed number");
    assert!(play(&app).typed.is_empty());
}

#[test]
fn a_link_is_followed_and_backspace_returns() {
    let mut app = in_the_builtin_story();
    press(&mut app, KeyCode::Char('5')); // the third round
    press(&mut app, KeyCode::Enter);
    assert_eq!(slide_id(&app).as_deref(), Some("dialogue-round-3"));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(play(&app).link(), Some(0));
    let rows = crate::explorer::slide::rows(ex(&app), 120, 30);
    let target = rows.links[0].0;
    press(&mut app, KeyCode::Enter);
    assert_eq!(play(&app).event(), Some(target));
    press(&mut app, KeyCode::Backspace);
    assert_eq!(slide_id(&app).as_deref(), Some("dialogue-round-3"));
    assert_eq!(play(&app).position(), 5);
}

#[test]
fn q_and_esc_leave_at_the_slide_s_event() {
    for key in [KeyCode::Char('q'), KeyCode::Esc] {
        let mut app = in_the_builtin_story();
        press(&mut app, KeyCode::Char('3'));
        press(&mut app, KeyCode::Enter);
        press(&mut app, key);
        assert!(ex(&app).story().is_none());
        assert!(!app.should_quit, "q leaves story mode, not the explorer");
        assert_eq!(selected_id(&app), "tabletop-exercise-2016");
    }
    let mut app = in_the_builtin_story();
    press_with(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.should_quit, "Ctrl-C still quits");
}

#[test]
fn the_help_opens_over_a_story_and_closes_back_to_it() {
    let mut app = in_the_builtin_story();
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Story);
}
