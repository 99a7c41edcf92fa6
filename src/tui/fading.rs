//! Messages that go by themselves. Most messages stay until the next key, which is what makes
//! them readable; one that only says what the screen already shows goes after a few seconds, so
//! it does not sit over the header (issue #25: after `T`, "times shown in …" while the header
//! already names the zone). `update` reads no clock: it asks for the fade, and the first `tick`
//! after it sets the time.

use super::app::App;
use std::time::{Duration, Instant};

/// How long such a message stays.
pub const FADE_AFTER: Duration = Duration::from_secs(3);

impl App {
    /// The message now shown goes by itself too.
    pub fn let_message_fade(&mut self) {
        self.fading = self.message.clone().map(|m| (m, None));
    }

    /// Clears a fading message once its time is up; returns when to look again. A message that
    /// has been replaced since is left alone.
    pub fn fade_message(&mut self, now: Instant) -> Option<Instant> {
        let (text, at) = self.fading.take()?;
        if self.message.as_ref() != Some(&text) {
            return None;
        }
        let at = at.unwrap_or(now + FADE_AFTER);
        if now >= at {
            self.message = None;
            return None;
        }
        self.fading = Some((text, Some(at)));
        Some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::action::{Action, PopupKind};

    #[test]
    fn the_message_after_choosing_a_zone_goes_by_itself_and_no_other_does() {
        let timeline = crate::model::loader::load_builtin().unwrap();
        let mut app = App::with_timeline("built-in", timeline);
        app.update(Action::Open(PopupKind::Zone));
        app.update(Action::PromptSubmit);
        assert!(app.message.as_deref().is_some_and(|m| m.starts_with("times shown in")), "{:?}", app.message);
        let start = Instant::now();
        let due = app.tick(start).expect("a time to look again");
        assert_eq!(due, start + FADE_AFTER);
        assert_eq!(app.tick(start + Duration::from_secs(1)), Some(due), "still there before its time");
        assert!(app.message.is_some());
        assert_eq!(app.tick(due), None);
        assert_eq!(app.message, None, "gone without a key");

        // A message from a key stays; so does one that replaced the fading one.
        app.update(Action::ToggleBookmark);
        assert!(app.message.is_some());
        assert_eq!(app.tick(start), None);
        app.update(Action::Open(PopupKind::Zone));
        app.update(Action::PromptSubmit);
        app.tick(start);
        app.message = Some("a note from the watcher".into());
        assert_eq!(app.tick(start + FADE_AFTER), None);
        assert_eq!(app.message.as_deref(), Some("a note from the watcher"));
    }
}
