//! The one-line hint a first run shows on the status line (issue #23): which keys to start
//! with. Any key hides it. The keys it names (and quitting and suspending, which a terminal
//! user expects to work whatever is on screen) also do their job; any other key
//! only hides it, so a key pressed to make the hint go away (`x`, say) changes nothing else.
//! Once the help has been opened (in any run) it is not shown again, which `History` remembers
//! in its directory (the file `help-seen`).

use super::app::App;
use super::effects::Effect;
use super::theme::Theme;
use crate::keys::action::{Action, PopupKind};
use crate::keys::keymap;
use ratatui::text::Span;

/// The keys the hint names, in its order.
const KEYS: [Action; 4] = [
    Action::Open(PopupKind::Help),
    Action::Open(PopupKind::Search),
    Action::Open(PopupKind::Query),
    Action::OpenDetail,
];

/// Keys that act at once whatever the hint says: the terminal's own conventions.
const ALWAYS: [Action; 2] = [Action::Quit, Action::Suspend];

impl App {
    /// A key was pressed (`action`, if it has one): hides the hint. True when that is all the
    /// key does, because the hint was showing and the key is not one it names.
    pub fn key_hides_first_run_hint(&mut self, action: Option<Action>) -> bool {
        let showing = std::mem::take(&mut self.first_run_hint);
        showing && !action.is_some_and(|a| KEYS.contains(&a) || ALWAYS.contains(&a))
    }

    /// The help was opened: no hint from now on, in this run or the next.
    pub fn remember_help_seen(&mut self) {
        if self.history.see_help() {
            self.effects.push(Effect::SaveHelpSeen);
        }
    }
}

/// The hint on a status line `width` columns wide: the keys from the keymap in effect (a
/// rebound key is named as bound), cut at a key like every footer.
pub fn spans(width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let lead = "New here? ";
    let hints: Vec<(String, &'static str)> = KEYS
        .iter()
        .filter_map(|action| keymap::keymap().iter().find(|b| b.action == *action))
        .map(|b| (b.keys[0].label(), b.action.hint()))
        .chain([("any other key".to_string(), "only hides this")])
        .collect();
    let mut out = vec![Span::styled(lead, theme.message)];
    out.extend(super::ui::hint_spans(hints, width.saturating_sub(lead.len()), theme));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::App;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_hint_names_help_search_filter_and_reading() {
        let line = text(&spans(120, &Theme::default()));
        for wanted in
            ["New here?", "? help", "/ search", "f filter", "Enter read", "any other key only hides this"]
        {
            assert!(line.contains(wanted), "{wanted:?} in {line:?}");
        }
        assert!(text(&spans(30, &Theme::default())).chars().count() <= 30);
    }

    #[test]
    fn a_first_key_the_hint_does_not_name_only_hides_it() {
        let timeline = crate::model::loader::load_builtin().unwrap();
        let mut app = App::with_timeline("built-in", timeline);
        app.first_run_hint = true;
        assert!(app.key_hides_first_run_hint(Some(Action::ClearFilters)), "x only hides the hint");
        assert!(!app.first_run_hint);
        assert!(!app.key_hides_first_run_hint(Some(Action::ClearFilters)), "then x clears");
        for named in KEYS.into_iter().chain(ALWAYS) {
            app.first_run_hint = true;
            assert!(!app.key_hides_first_run_hint(Some(named)), "{named:?} does its job");
            assert!(!app.first_run_hint);
        }
        app.first_run_hint = true;
        assert!(app.key_hides_first_run_hint(None), "an unbound key hides it too");
    }

    #[test]
    fn any_key_hides_the_hint_and_the_help_is_remembered_once() {
        let timeline = crate::model::loader::load_builtin().unwrap();
        let mut app = App::with_timeline("built-in", timeline);
        app.first_run_hint = true;
        app.update(Action::MoveDown);
        assert!(!app.first_run_hint);
        assert!(app.effects.is_empty());
        app.update(Action::Open(PopupKind::Help));
        app.update(Action::Open(PopupKind::Help));
        app.update(Action::Open(PopupKind::Help));
        assert_eq!(app.effects, [Effect::SaveHelpSeen], "written once");
    }
}
