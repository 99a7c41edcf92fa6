//! The one-line hint a first run shows on the status line (issue #23): which keys to start
//! with. Any key hides it; once the help has been opened (in any run) it is not shown again,
//! which `History` remembers in its directory (the file `help-seen`).

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

impl App {
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
        .chain([("any key".to_string(), "hides this")])
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
        for wanted in ["New here?", "? help", "/ search", "f filter", "Enter read", "any key hides this"] {
            assert!(line.contains(wanted), "{wanted:?} in {line:?}");
        }
        assert!(text(&spans(30, &Theme::default())).chars().count() <= 30);
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
