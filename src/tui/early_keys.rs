//! Keys pressed before the timeline is there. They are kept, in order, the header says so, and
//! they are pressed once the events are shown: a `j` or a `/` pressed while a large file loads
//! is never dropped without a word. `q` (and Ctrl-C) and the help act at once.

use super::app::{App, LoadState};
use crate::keys::action::{Action, PopupKind};
use crate::keys::keymap;
use ratatui::crossterm::event::KeyEvent;

/// At most this many keys wait for the load; a key beyond them is refused, and the header says
/// so.
pub const MOST_KEPT: usize = 100;

/// How the header's word on kept keys starts (it goes once they are pressed).
const STILL_LOADING: &str = "still loading:";

impl App {
    /// A key pressed: looked up in the keymap of the mode it was pressed in and acted on, or
    /// kept for later while the timeline loads.
    pub fn press(&mut self, key: KeyEvent) {
        let action = keymap::action_for_key(self.mode(), &key);
        // Any key hides the first-run hint; one it does not name does nothing else. The hint
        // is drawn only once the events are shown: a key pressed while loading hides it too,
        // but is kept (a first `j` or `T` typed during a load was once lost to a hint never seen).
        if matches!(self.state, LoadState::Loading { .. }) {
            self.first_run_hint = false;
        }
        if self.key_hides_first_run_hint(action) || self.keep_while_loading(key, action) {
            return;
        }
        if let Some(action) = action {
            self.update(action);
        }
    }

    /// Whether `key` (which means `action` now) waits for the load: while loading, with no
    /// popup open, every key but quitting and the help — also one that means nothing now, as it
    /// may be text for a prompt a kept key opens.
    fn keep_while_loading(&mut self, key: KeyEvent, action: Option<Action>) -> bool {
        let LoadState::Loading { start, .. } = &mut self.state else { return false };
        if self.popup.is_some() || matches!(action, Some(Action::Quit | Action::Open(PopupKind::Help))) {
            return false;
        }
        let kept = &mut start.keys;
        self.message = Some(if kept.len() >= MOST_KEPT {
            format!("{STILL_LOADING} {MOST_KEPT} keys are waiting already; this one is not kept")
        } else {
            kept.push(key);
            match kept.len() {
                1 => format!("{STILL_LOADING} the key will act once the events are shown"),
                n => format!("{STILL_LOADING} {n} keys will act once the events are shown"),
            }
        });
        true
    }

    /// Presses the keys kept while loading, in order (the timeline is there now). A message
    /// the load left stands unless a key says something.
    pub(super) fn press_kept(&mut self, keys: Vec<KeyEvent>) {
        if keys.is_empty() || self.should_quit {
            return;
        }
        // "still loading: …" is over; a message the load itself left stands.
        let said = self.message.take().filter(|m| !m.starts_with(STILL_LOADING));
        for key in keys {
            self.press(key);
            self.log_message();
        }
        if self.message.is_none() {
            self.message = said;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::keymap::Mode;
    use crate::model;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    use std::sync::Arc;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// A key that means nothing in the list.
    fn unmapped() -> KeyEvent {
        let f12 = KeyEvent::new(KeyCode::F(12), KeyModifiers::NONE);
        assert_eq!(keymap::action_for_key(Mode::List, &f12), None);
        f12
    }

    fn selected(app: &App) -> Option<usize> {
        app.explorer().and_then(|e| e.selected_event())
    }

    #[test]
    fn keys_pressed_while_loading_act_once_the_events_are_there() {
        let timeline = Arc::new(model::load_builtin().unwrap());
        let mut app = App::new("t");
        app.press(key('j'));
        app.press(key('j'));
        assert_eq!(app.message.as_deref(), Some("still loading: 2 keys will act once the events are shown"));
        app.loaded(Arc::clone(&timeline), None);
        let mut expected = App::new("t");
        expected.loaded(timeline, None);
        expected.press(key('j'));
        expected.press(key('j'));
        assert_eq!(selected(&app), selected(&expected));
        assert_ne!(selected(&app), selected(&App::with_timeline("t", model::load_builtin().unwrap())));
    }

    #[test]
    fn a_prompt_opened_while_loading_gets_the_keys_typed_after_it() {
        // Letters mean other things in the list (or nothing); typed after `/`, they are text.
        let typed = "hotline";
        let mut app = App::new("t");
        app.press(key('/'));
        for c in typed.chars() {
            app.press(key(c));
        }
        let timeline = model::load_builtin().unwrap();
        let index = Arc::new(crate::model::index::Index::new(&timeline));
        app.loaded(Arc::new(timeline), Some(index));
        app.run_search_here();
        let search = app.explorer().and_then(|e| e.search()).expect("a search");
        assert_eq!(search.input, typed);
    }

    /// The hint is drawn once the events are shown: a key pressed before hides it and is kept
    /// too, never lost to a hint the user did not see.
    #[test]
    fn a_key_pressed_while_loading_hides_the_first_run_hint_and_is_kept() {
        let timeline = Arc::new(model::load_builtin().unwrap());
        let mut app = App::new("t");
        app.first_run_hint = true;
        app.press(key('j'));
        assert!(!app.first_run_hint);
        assert_eq!(app.message.as_deref(), Some("still loading: the key will act once the events are shown"));
        app.press(unmapped());
        assert_eq!(app.message.as_deref(), Some("still loading: 2 keys will act once the events are shown"));
        app.loaded(Arc::clone(&timeline), None);
        let mut expected = App::new("t");
        expected.loaded(timeline, None);
        expected.press(key('j'));
        assert_eq!(selected(&app), selected(&expected), "the first j acted");
        assert!(!app.first_run_hint);
        assert_eq!(app.message, None, "the word on waiting keys goes with the load");
    }

    #[test]
    fn quitting_acts_at_once_and_too_many_keys_are_refused_aloud() {
        let mut app = App::new("t");
        for _ in 0..MOST_KEPT + 1 {
            app.press(key('j'));
        }
        assert_eq!(
            app.message.as_deref(),
            Some("still loading: 100 keys are waiting already; this one is not kept")
        );
        app.press(key('q'));
        assert!(app.should_quit);
    }
}
