//! The keymap is data: one table of (mode, keys, action). Key handling, the help overlay, the
//! status-bar hints and the README's key table all read it, so they cannot drift apart.

use super::action::{Action, Edit, PickerKind, PopupKind};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. `Global` bindings work in every pane (not in popups or prompts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Global,
    List,
    Detail,
    Axis,
    Help,
    Prompt,
    Picker,
    Editor,
    Story,
}

impl Mode {
    pub const ALL: [Mode; 9] = [
        Mode::Global,
        Mode::List,
        Mode::Detail,
        Mode::Axis,
        Mode::Help,
        Mode::Prompt,
        Mode::Picker,
        Mode::Editor,
        Mode::Story,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Everywhere",
            Mode::List => "Event list",
            Mode::Detail => "Detail",
            Mode::Axis => "Time axis and timeline view",
            Mode::Help => "Help",
            Mode::Prompt => "Prompts (date, filter, search)",
            Mode::Picker => "Pickers and menus (type to narrow)",
            Mode::Editor => "Annotation editor (letters are text)",
            Mode::Story => "Story mode (S: one slide per event, full screen)",
        }
    }

    /// Pane modes fall back to the global bindings; popups and prompts take every key themselves.
    pub fn inherits_global(self) -> bool {
        matches!(self, Mode::List | Mode::Detail | Mode::Axis)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn shift(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::SHIFT }
}

const fn alt(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::ALT }
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }
}

impl Key {
    /// Matches a key event; Shift is implied by the character itself (`G`, `?`, `+`).
    pub fn matches(&self, event: &KeyEvent) -> bool {
        // Shift counts only for keys that are not characters (Shift-↓ is not ↓; `G` is `G`).
        let implied = |code: KeyCode| matches!(code, KeyCode::Char(_) | KeyCode::BackTab);
        let strip = |mods: KeyModifiers, code| if implied(code) { mods - KeyModifiers::SHIFT } else { mods };
        let mods = strip(event.modifiers, event.code);
        let wanted = strip(self.modifiers, self.code);
        let code = match (event.code, self.code) {
            // Some terminals send Shift-Tab as BackTab with SHIFT, others without.
            (KeyCode::BackTab, KeyCode::BackTab) => return mods == wanted,
            (c, _) => c,
        };
        code == self.code && mods == wanted
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("Alt-{}", base.to_uppercase())
        } else if self.modifiers.contains(KeyModifiers::SHIFT) && !matches!(self.code, KeyCode::Char(_)) {
            format!("Shift-{base}")
        } else {
            base
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [Key],
    pub action: Action,
    /// Shown in the status bar when this mode is focused.
    pub hint: bool,
}

const fn bind(mode: Mode, keys: &'static [Key], action: Action, hint: bool) -> Binding {
    Binding { mode, keys, action, hint }
}

use Action as A;
use KeyCode as K;
use Mode as M;

pub static KEYMAP: &[Binding] = &[
    bind(M::Global, &[ch('q'), ctrl('c')], A::Quit, true),
    bind(M::Global, &[ch('?'), key(K::F(1))], A::Open(PopupKind::Help), true),
    bind(M::Global, &[key(K::Tab)], A::FocusNext, true),
    bind(M::Global, &[key(K::BackTab)], A::FocusPrevious, false),
    bind(M::Global, &[ch('t')], A::Open(PopupKind::Jump), true),
    bind(M::Global, &[ch('[')], A::PreviousYear, false),
    bind(M::Global, &[ch(']')], A::NextYear, false),
    bind(M::Global, &[ch('+'), ch('=')], A::ZoomIn, false),
    bind(M::Global, &[ch('-')], A::ZoomOut, false),
    bind(M::Global, &[ch('0')], A::ZoomFit, false),
    bind(M::Global, &[ch('z')], A::ZoomToShown, false),
    bind(M::Global, &[ch('Z')], A::ZoomToSelected, false),
    bind(M::Global, &[ch('v')], A::ToggleView, true),
    bind(M::Global, &[ch('L')], A::CycleLanes, false),
    bind(M::Global, &[ch('m')], A::ToggleMark, false),
    bind(M::Global, &[ch('h'), key(K::Left)], A::PanLeft, false),
    bind(M::Global, &[ch('l'), key(K::Right)], A::PanRight, false),
    bind(M::Global, &[key(K::Backspace)], A::HistoryBack, false),
    bind(M::Global, &[ch('/')], A::Open(PopupKind::Search), true),
    bind(M::Global, &[ch('f')], A::Open(PopupKind::Query), true),
    bind(M::Global, &[ch('x')], A::ClearFilters, false),
    bind(M::Global, &[ch('&')], A::ToggleOnlyMatches, false),
    bind(M::Global, &[ch('T')], A::Open(PopupKind::Zone), false),
    bind(M::Global, &[ch('c')], A::Open(PopupKind::Picker(PickerKind::Countries)), false),
    bind(M::Global, &[ch('a')], A::Open(PopupKind::Picker(PickerKind::Agencies)), false),
    bind(M::Global, &[ch('p')], A::Open(PopupKind::Picker(PickerKind::People)), false),
    bind(M::Global, &[ch('#')], A::Open(PopupKind::Picker(PickerKind::Tags)), false),
    bind(M::Global, &[ch('e')], A::Open(PopupKind::Export), false),
    bind(M::Global, &[ch('o')], A::OpenSource, false),
    bind(M::Global, &[ch('b')], A::ToggleBookmark, false),
    bind(M::Global, &[ch('B')], A::Open(PopupKind::Bookmarks), false),
    bind(M::Global, &[ch('A')], A::Open(PopupKind::Annotate), false),
    bind(M::Global, &[ch('E')], A::EditSource, false),
    bind(M::Global, &[ch('y')], A::Open(PopupKind::Copy), false),
    bind(M::Global, &[ch('V')], A::Open(PopupKind::Views), false),
    bind(M::Global, &[ch('!')], A::Open(PopupKind::Log), false),
    bind(M::Global, &[ctrl('z')], A::Suspend, false),
    bind(M::Global, &[key(K::Esc)], A::Back, false),
    bind(M::Global, &[ch('S')], A::Open(PopupKind::Stories), true),
    bind(M::List, &[ch('j'), key(K::Down)], A::MoveDown, true),
    bind(M::List, &[ch('k'), key(K::Up)], A::MoveUp, false),
    bind(M::List, &[ch('g'), key(K::Home)], A::First, true),
    bind(M::List, &[ch('G'), key(K::End)], A::Last, false),
    bind(M::List, &[key(K::PageDown), ctrl('d')], A::PageDown, false),
    bind(M::List, &[key(K::PageUp), ctrl('u')], A::PageUp, false),
    bind(M::List, &[key(K::Enter)], A::OpenDetail, true),
    bind(M::List, &[ch('n')], A::NextMatch, false),
    bind(M::List, &[ch('N')], A::PreviousMatch, false),
    bind(M::Detail, &[ch('j'), key(K::Down)], A::ScrollDown, true),
    bind(M::Detail, &[ch('k'), key(K::Up)], A::ScrollUp, false),
    bind(M::Detail, &[ch('g'), key(K::Home)], A::ScrollTop, false),
    bind(M::Detail, &[ch('G'), key(K::End)], A::ScrollBottom, false),
    bind(M::Detail, &[key(K::PageDown), ctrl('d')], A::ScrollPageDown, false),
    bind(M::Detail, &[key(K::PageUp), ctrl('u')], A::ScrollPageUp, false),
    bind(M::Detail, &[ch('n')], A::NextLink, true),
    bind(M::Detail, &[ch('N')], A::PreviousLink, false),
    bind(M::Detail, &[key(K::Enter)], A::FollowLink, true),
    bind(M::Axis, &[ch('j'), key(K::Down)], A::MoveDown, true),
    bind(M::Axis, &[ch('k'), key(K::Up)], A::MoveUp, false),
    bind(M::Axis, &[ch('g'), key(K::Home)], A::First, false),
    bind(M::Axis, &[ch('G'), key(K::End)], A::Last, false),
    bind(M::Axis, &[ch('J'), shift(K::Down)], A::NextLane, true),
    bind(M::Axis, &[ch('K'), shift(K::Up)], A::PreviousLane, false),
    bind(M::Axis, &[ch(' ')], A::ToggleFold, false),
    bind(M::Axis, &[ch('n')], A::NextMatch, false),
    bind(M::Axis, &[ch('N')], A::PreviousMatch, false),
    bind(M::Axis, &[key(K::Enter)], A::OpenDetail, true),
    bind(M::Help, &[ch('?'), key(K::F(1)), ch('q'), key(K::Esc)], A::Open(PopupKind::Help), true),
    bind(M::Help, &[ch('j'), key(K::Down)], A::ScrollDown, true),
    bind(M::Help, &[ch('k'), key(K::Up)], A::ScrollUp, false),
    bind(M::Help, &[key(K::PageDown), ch(' ')], A::ScrollPageDown, false),
    bind(M::Help, &[key(K::PageUp)], A::ScrollPageUp, false),
    bind(M::Help, &[ch('g'), key(K::Home)], A::ScrollTop, false),
    bind(M::Help, &[ch('G'), key(K::End)], A::ScrollBottom, false),
    bind(M::Help, &[ctrl('c')], A::Quit, false),
    bind(M::Prompt, &[key(K::Enter)], A::PromptSubmit, true),
    bind(M::Prompt, &[key(K::Esc)], A::PromptCancel, true),
    bind(M::Prompt, &[key(K::Backspace)], A::PromptDelete, false),
    bind(M::Prompt, &[key(K::Left)], A::Edit(Edit::Left), false),
    bind(M::Prompt, &[key(K::Right)], A::Edit(Edit::Right), false),
    bind(M::Prompt, &[alt('b'), shift(K::Left)], A::Edit(Edit::WordLeft), false),
    bind(M::Prompt, &[alt('f'), shift(K::Right)], A::Edit(Edit::WordRight), false),
    bind(M::Prompt, &[key(K::Home), ctrl('a')], A::Edit(Edit::Home), false),
    bind(M::Prompt, &[key(K::End), ctrl('e')], A::Edit(Edit::End), false),
    bind(M::Prompt, &[key(K::Delete)], A::Edit(Edit::DeleteNext), false),
    bind(M::Prompt, &[ctrl('w'), shift(K::Delete)], A::Edit(Edit::DeleteWord), false),
    bind(M::Prompt, &[ctrl('u'), shift(K::Home)], A::Edit(Edit::DeleteToStart), false),
    bind(M::Prompt, &[ctrl('k'), shift(K::End)], A::Edit(Edit::DeleteToEnd), false),
    bind(M::Prompt, &[key(K::Up)], A::Edit(Edit::Older), true),
    bind(M::Prompt, &[key(K::Down)], A::Edit(Edit::Newer), false),
    bind(M::Prompt, &[key(K::Tab)], A::Edit(Edit::Complete), true),
    bind(M::Prompt, &[ctrl('c')], A::Quit, false),
    bind(M::Picker, &[key(K::Down), ctrl('n')], A::MoveDown, true),
    bind(M::Picker, &[key(K::Up), ctrl('p')], A::MoveUp, false),
    bind(M::Picker, &[key(K::PageDown)], A::PageDown, false),
    bind(M::Picker, &[key(K::PageUp)], A::PageUp, false),
    bind(M::Picker, &[ch(' ')], A::PickerToggle, true),
    bind(M::Picker, &[key(K::Enter)], A::PromptSubmit, true),
    bind(M::Picker, &[key(K::Esc)], A::PromptCancel, true),
    bind(M::Picker, &[key(K::Backspace)], A::PromptDelete, false),
    bind(M::Picker, &[ctrl('c')], A::Quit, false),
    bind(M::Editor, &[ctrl('s')], A::SaveAnnotation, true),
    bind(M::Editor, &[key(K::Esc)], A::PromptCancel, true),
    bind(M::Editor, &[key(K::Tab), key(K::BackTab)], A::FocusNext, true),
    bind(M::Editor, &[key(K::Enter)], A::PromptSubmit, false),
    bind(M::Editor, &[key(K::Backspace)], A::PromptDelete, false),
    bind(M::Editor, &[key(K::Delete)], A::Edit(Edit::DeleteNext), false),
    bind(M::Editor, &[key(K::Left)], A::Edit(Edit::Left), false),
    bind(M::Editor, &[key(K::Right)], A::Edit(Edit::Right), false),
    bind(M::Editor, &[key(K::Up)], A::MoveUp, false),
    bind(M::Editor, &[key(K::Down)], A::MoveDown, false),
    bind(M::Editor, &[key(K::Home)], A::Edit(Edit::Home), false),
    bind(M::Editor, &[key(K::End)], A::Edit(Edit::End), false),
    bind(M::Editor, &[ctrl('c')], A::Quit, false),
    bind(M::Story, &[ch(' '), key(K::Right), ch('l'), key(K::PageDown)], A::MoveDown, true),
    bind(M::Story, &[key(K::Left), ch('h'), key(K::PageUp)], A::MoveUp, true),
    bind(M::Story, &[key(K::Home)], A::First, false),
    bind(M::Story, &[key(K::End)], A::Last, false),
    bind(M::Story, &[ch('j'), key(K::Down)], A::ScrollDown, false),
    bind(M::Story, &[ch('k'), key(K::Up)], A::ScrollUp, false),
    bind(M::Story, &[ch('n'), key(K::Tab)], A::NextLink, true),
    bind(M::Story, &[ch('N'), key(K::BackTab)], A::PreviousLink, false),
    bind(M::Story, &[key(K::Enter)], A::FollowLink, true),
    bind(M::Story, &[key(K::Backspace)], A::HistoryBack, false),
    bind(M::Story, &[key(K::Esc), ch('q')], A::Back, true),
    bind(M::Story, &[ch('?'), key(K::F(1))], A::Open(PopupKind::Help), true),
    bind(M::Story, &[ctrl('c')], A::Quit, false),
];

/// The keymap in effect: the default `KEYMAP`, or the one the config file made (`install`).
/// Keys, the help and the footer read this one; the README's table reads `KEYMAP`.
static EFFECTIVE: std::sync::OnceLock<&'static [Binding]> = std::sync::OnceLock::new();

pub fn keymap() -> &'static [Binding] {
    EFFECTIVE.get().copied().unwrap_or(KEYMAP)
}

/// Makes `bindings` the keymap for the rest of the run (once, at start-up, before any key is
/// read; a second call is ignored). The keys are leaked: they live as long as the process.
pub fn install(bindings: Vec<Binding>) {
    let _ = EFFECTIVE.set(Box::leak(bindings.into_boxed_slice()));
}

/// The action a key asks for in `mode`, if any.
pub fn action_for(mode: Mode, event: &KeyEvent) -> Option<Action> {
    action_in(keymap(), mode, event)
}

/// `action_for` in a given keymap.
pub fn action_in(map: &[Binding], mode: Mode, event: &KeyEvent) -> Option<Action> {
    let lookup = |m: Mode| {
        map.iter()
            .filter(|b| b.mode == m)
            .find_map(|b| b.keys.iter().any(|k| k.matches(event)).then_some(b.action))
    };
    lookup(mode).or_else(|| if mode.inherits_global() { lookup(Mode::Global) } else { None })
}

/// The action a key press asks for in `mode`: a binding, else a typed character (in prompts and
/// pickers; elsewhere the app ignores it). Control and Alt chords are never text.
pub fn action_for_key(mode: Mode, event: &KeyEvent) -> Option<Action> {
    action_for(mode, event).or(match event.code {
        KeyCode::Char(c) if !event.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            Some(Action::Type(c))
        }
        _ => None,
    })
}

/// Keys of a binding as people write them: `j, ↓`.
pub fn keys_label(binding: &Binding) -> String {
    binding.keys.iter().map(Key::label).collect::<Vec<_>>().join(", ")
}

/// Description of a binding, covering pairs that share a row.
pub fn binding_description(binding: &Binding) -> String {
    match (binding.mode, binding.action) {
        // In a picker or menu the moving keys move through its items, not the events.
        (Mode::Picker, Action::MoveDown) => "next item".into(),
        (Mode::Picker, Action::MoveUp) => "previous item".into(),
        (Mode::Picker, Action::PageDown) => "ten items down".into(),
        (Mode::Picker, Action::PageUp) => "ten items up".into(),
        (Mode::Help, Action::Open(PopupKind::Help)) => "close the help".into(),
        (Mode::Editor, Action::FocusNext) => "to the Save and Cancel buttons, and back to the text".into(),
        (Mode::Editor, Action::PromptSubmit) => "a new line; on a button, press it".into(),
        (Mode::Editor, Action::PromptCancel) => "cancel: close without saving".into(),
        (Mode::Editor, Action::MoveUp) => "the line above".into(),
        (Mode::Editor, Action::MoveDown) => "the line below".into(),
        (Mode::Story, Action::MoveDown) => "next slide".into(),
        (Mode::Story, Action::MoveUp) => "previous slide".into(),
        (Mode::Story, Action::First) => "the title slide".into(),
        (Mode::Story, Action::Last) => "the last slide".into(),
        (Mode::Story, Action::ScrollDown) => "scroll the slide down".into(),
        (Mode::Story, Action::ScrollUp) => "scroll the slide up".into(),
        (Mode::Story, Action::FollowLink) => {
            "go to the slide whose number was typed (0: the title); else follow the highlighted related event"
                .into()
        }
        (Mode::Story, Action::HistoryBack) => {
            "back from a followed related event (or delete a typed digit)".into()
        }
        (Mode::Story, Action::Back) => "leave story mode, the slide's event selected".into(),
        (_, a) => a.description().into(),
    }
}

/// Status-bar hints for a mode: `j/↓ move · Enter detail · …`.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = keymap()
        .iter()
        .filter(|b| b.mode == mode && b.hint)
        .map(|b| match (b.mode, b.action) {
            (Mode::Editor, Action::FocusNext) => (b.keys[0].label(), "buttons"),
            (Mode::Story, Action::MoveDown) => (b.keys[0].label(), "next"),
            (Mode::Story, Action::MoveUp) => (b.keys[0].label(), "previous"),
            (Mode::Story, Action::FollowLink) => (b.keys[0].label(), "follow / go to number"),
            (Mode::Story, Action::Back) => (b.keys[0].label(), "leave"),
            _ => (b.keys[0].label(), b.action.hint()),
        })
        .collect();
    let global = |wanted: &dyn Fn(&Binding) -> bool| -> Vec<(String, &'static str)> {
        keymap()
            .iter()
            .filter(|b| b.mode == Mode::Global && wanted(b))
            .map(|b| (b.keys[0].label(), b.action.hint()))
            .collect()
    };
    if mode == Mode::Axis {
        // The axis's own keys are global ones; name them where they matter most.
        let axis_keys = [
            Action::ZoomIn,
            Action::ZoomOut,
            Action::ZoomToShown,
            Action::PanLeft,
            Action::PanRight,
            Action::CycleLanes,
            Action::ToggleMark,
        ];
        out.extend(global(&|b| axis_keys.contains(&b.action)));
    }
    if mode == Mode::Detail {
        // Esc leaves the reader: said where it is read.
        out.extend(global(&|b| b.action == Action::Back));
    }
    if mode.inherits_global() {
        out.extend(global(&|b| b.hint));
    }
    out
}

/// The first key of `action` in the keymap in effect, as the screen names it (`x`), for text
/// that tells the reader which key to press; `None` when a config file left it unbound.
pub fn key_label(action: Action) -> Option<String> {
    keymap().iter().find(|b| b.action == action).map(|b| b.keys[0].label())
}

/// Hints for a kept search, shown while there is one: `n/N match  & only matches`.
pub fn search_hints() -> Vec<(String, &'static str)> {
    [Action::NextMatch, Action::ToggleOnlyMatches]
        .into_iter()
        .filter_map(|action| {
            let first = key_label(action)?;
            let keys = match action {
                Action::NextMatch => {
                    let second =
                        key_label(Action::PreviousMatch).map(|k| format!("/{k}")).unwrap_or_default();
                    format!("{first}{second}")
                }
                _ => first,
            };
            Some((keys, action.hint()))
        })
        .collect()
}

impl Key {
    /// Keys a terminal, a window manager or a screen reader may keep for itself: Ctrl and Alt
    /// chords (Ctrl-S and Ctrl-Q stop and start output, Ctrl-Z suspends, screen readers bind
    /// their own, GNOME Terminal takes Alt-letter for its menus) and function keys (F1 opens
    /// many terminals' own help).
    pub fn is_chord(&self) -> bool {
        self.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            || matches!(self.code, KeyCode::F(_))
    }
}

/// A chord and the plain keys that do the same where it applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChordAlternative {
    pub chord: Key,
    pub modes: Vec<Mode>,
    pub description: String,
    /// Plain keys pressed one after the other; each inner list holds keys that are equivalent.
    pub steps: Vec<Vec<Key>>,
}

impl ChordAlternative {
    /// `q`, `PgDn`, or `Esc, then q`.
    pub fn steps_label(&self) -> String {
        if self.steps.is_empty() {
            return "none: Ctrl-Z is the shell's own suspend key (job control)".into();
        }
        let step = |keys: &Vec<Key>| keys.iter().map(Key::label).collect::<Vec<_>>().join(" or ");
        self.steps.iter().map(step).collect::<Vec<_>>().join(", then ")
    }
}

/// Every chord in the keymap with what does the same without it: another key of the same
/// binding, or — for quitting from a popup, where every plain key is the popup's — the key that
/// closes it, then the global quit key. Chords that differ only by where they apply and are
/// replaced the same way are one entry.
pub fn chord_alternatives() -> Vec<ChordAlternative> {
    let plain = |keys: &[Key]| keys.iter().copied().filter(|k| !k.is_chord()).collect::<Vec<Key>>();
    let mut out: Vec<ChordAlternative> = Vec::new();
    for binding in KEYMAP {
        for chord in binding.keys.iter().filter(|k| k.is_chord()) {
            let same = plain(binding.keys);
            let steps = if !same.is_empty() {
                vec![same]
            } else if binding.action == Action::SaveAnnotation {
                let keys_of = |action: Action| {
                    KEYMAP
                        .iter()
                        .filter(|b| b.mode == binding.mode && b.action == action)
                        .flat_map(|b| plain(b.keys).into_iter().take(1))
                        .collect::<Vec<_>>()
                };
                vec![keys_of(Action::FocusNext), keys_of(Action::PromptSubmit)]
            } else if binding.action == Action::Quit && !binding.mode.inherits_global() {
                let closes = KEYMAP
                    .iter()
                    .filter(|b| b.mode == binding.mode)
                    .filter(|b| {
                        matches!(
                            b.action,
                            Action::PromptCancel | Action::Open(PopupKind::Help) | Action::Back
                        )
                    })
                    .flat_map(|b| plain(b.keys))
                    .filter(|k| k.code == KeyCode::Esc)
                    .collect::<Vec<_>>();
                let quit = KEYMAP
                    .iter()
                    .find(|b| b.mode == Mode::Global && b.action == Action::Quit)
                    .map(|b| plain(b.keys))
                    .unwrap_or_default();
                vec![closes, quit]
            } else {
                Vec::new()
            };
            let description = binding_description(binding);
            match out.iter_mut().find(|a| a.chord == *chord && a.steps == steps) {
                Some(entry) => {
                    entry.modes.push(binding.mode);
                    if !entry.description.split(" / ").any(|d| d == description) {
                        entry.description = format!("{} / {description}", entry.description);
                    }
                }
                None => out.push(ChordAlternative {
                    chord: *chord,
                    modes: vec![binding.mode],
                    description,
                    steps,
                }),
            }
        }
    }
    out
}

/// Where a chord applies, in words: "everywhere", "in the event list and the detail".
fn modes_label(modes: &[Mode]) -> String {
    if modes.contains(&Mode::Global) {
        return "everywhere".into();
    }
    let place = |mode: &Mode| match mode {
        Mode::Global => "everywhere",
        Mode::List => "the event list",
        Mode::Detail => "the detail",
        Mode::Axis => "the timeline",
        Mode::Help => "the help",
        Mode::Prompt => "prompts",
        Mode::Picker => "pickers",
        Mode::Editor => "the annotation editor",
        Mode::Story => "story mode",
    };
    let names: Vec<&str> = modes.iter().map(place).collect();
    match names.as_slice() {
        [one] => format!("in {one}"),
        [rest @ .., last] => format!("in {} and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// The help's and the README's list of chords with their plain alternatives.
pub fn chord_lines() -> Vec<(String, String, String)> {
    chord_alternatives()
        .into_iter()
        .map(|a| (a.chord.label(), format!("{} ({})", a.description, modes_label(&a.modes)), a.steps_label()))
        .collect()
}

/// The README's table of chords and their plain alternatives (a test keeps it equal).
pub fn chords_markdown_table() -> String {
    let mut out = String::from("| Chord | Action | Without it |\n|---|---|---|\n");
    for (chord, description, plain) in chord_lines() {
        if plain.starts_with("none") {
            out.push_str(&format!("| `{chord}` | {description} | {plain} |\n"));
            continue;
        }
        let keys: Vec<String> = plain
            .split(", then ")
            .map(|step| {
                step.split(" or ")
                    .map(|k| format!("`{}`", k.replace('|', "\\|")))
                    .collect::<Vec<_>>()
                    .join(" or ")
            })
            .collect();
        out.push_str(&format!("| `{chord}` | {description} | {} |\n", keys.join(", then ")));
    }
    out
}

/// The README's key table, generated from the keymap (a test keeps the README equal to it).
pub fn markdown_table() -> String {
    let mut out = String::from("| Where | Keys | Action |\n|---|---|---|\n");
    for mode in Mode::ALL {
        for b in KEYMAP.iter().filter(|b| b.mode == mode) {
            let keys = keys_label(b).replace('|', "\\|");
            let keys: Vec<String> = keys.split(", ").map(|k| format!("`{k}`")).collect();
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                mode.title(),
                keys.join(" "),
                binding_description(b)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in Mode::ALL {
            let mut seen: HashSet<Key> = HashSet::new();
            let mut own: Vec<&Binding> = KEYMAP.iter().filter(|b| b.mode == mode).collect();
            // A pane's own binding may deliberately shadow a global one only if none does:
            // keep the rule simple, a key means one thing wherever you are.
            if mode.inherits_global() {
                own.extend(KEYMAP.iter().filter(|b| b.mode == Mode::Global));
            }
            for b in own {
                for k in b.keys {
                    assert!(seen.insert(*k), "{} bound twice in {mode:?}", k.label());
                }
            }
        }
    }

    #[test]
    fn every_action_has_a_description_and_hint() {
        for b in KEYMAP {
            assert!(!b.action.description().is_empty(), "{:?}", b.action);
            assert!(!b.action.hint().is_empty(), "{:?}", b.action);
            assert!(!b.keys.is_empty(), "{:?} has no key", b.action);
        }
    }

    #[test]
    fn keys_resolve_by_mode() {
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::List, &j), Some(Action::MoveDown));
        assert_eq!(action_for(Mode::Detail, &j), Some(Action::ScrollDown));
        assert_eq!(action_for(Mode::Prompt, &j), None, "letters are text in a prompt");
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Axis, &q), Some(Action::Quit));
        assert_eq!(action_for(Mode::Help, &q), Some(Action::Open(PopupKind::Help)));
        let close = press(KeyCode::Char(']'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::List, &close), Some(Action::NextYear));
        let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::List, &big_g), Some(Action::Last));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in Mode::ALL {
            assert_eq!(action_for(mode, &ctrl_c), Some(Action::Quit), "Ctrl-C quits from {mode:?}");
        }
        let space = press(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Picker, &space), Some(Action::PickerToggle));
        assert_eq!(action_for(Mode::Picker, &j), None, "letters narrow a picker");
        let hash = press(KeyCode::Char('#'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::List, &hash), Some(Action::Open(PopupKind::Picker(PickerKind::Tags))));
        let n = press(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::List, &n), Some(Action::NextMatch));
        assert_eq!(action_for(Mode::Detail, &n), Some(Action::NextLink));
        let back_tab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::List, &back_tab), Some(Action::FocusPrevious));
        let shift_down = press(KeyCode::Down, KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Axis, &shift_down), Some(Action::NextLane), "Shift-↓ is not ↓");
        assert_eq!(action_for(Mode::List, &press(KeyCode::Down, KeyModifiers::NONE)), Some(Action::MoveDown));
        let unbound = press(KeyCode::Char('w'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::List, &unbound), None);
    }

    /// Every Ctrl, Alt or function-key binding has a way without it, and that way really does
    /// the same: checked by looking the plain keys up in the keymap.
    #[test]
    fn every_chord_has_a_plain_alternative() {
        let chords: Vec<(Mode, Key, Action)> = KEYMAP
            .iter()
            .flat_map(|b| b.keys.iter().filter(|k| k.is_chord()).map(move |k| (b.mode, *k, b.action)))
            .collect();
        assert!(chords.len() >= 10, "the keymap has its Ctrl chords and F1: {}", chords.len());
        let alternatives = chord_alternatives();
        let event = |k: &Key| KeyEvent::new(k.code, k.modifiers);
        for (mode, chord, action) in chords {
            // Suspending is the shell's job control, which only Ctrl-Z asks for; nothing of the
            // explorer needs it (the help and the README say so).
            if action == Action::Suspend {
                continue;
            }
            let found = alternatives
                .iter()
                .find(|a| a.chord == chord && a.modes.contains(&mode))
                .unwrap_or_else(|| panic!("{} in {mode:?} is not listed", chord.label()));
            assert!(!found.steps.is_empty(), "{} in {mode:?} has no plain alternative", chord.label());
            match found.steps.as_slice() {
                [keys] => {
                    for k in keys {
                        assert!(!k.is_chord());
                        assert_eq!(
                            action_for(mode, &event(k)),
                            Some(action),
                            "{} for {}",
                            k.label(),
                            chord.label()
                        );
                    }
                }
                [to_buttons, press] if action == Action::SaveAnnotation => {
                    // Tab reaches the buttons (Save first), Enter presses it: `app::tests` saves so.
                    assert!(to_buttons
                        .iter()
                        .all(|k| action_for(mode, &event(k)) == Some(Action::FocusNext)));
                    assert!(press.iter().all(|k| action_for(mode, &event(k)) == Some(Action::PromptSubmit)));
                }
                [close, then] => {
                    for k in close {
                        let closing = action_for(mode, &event(k));
                        assert!(
                            matches!(
                                closing,
                                Some(Action::PromptCancel | Action::Open(PopupKind::Help) | Action::Back)
                            ),
                            "{} closes {mode:?}: {closing:?}",
                            k.label()
                        );
                    }
                    for k in then {
                        assert_eq!(action_for(Mode::List, &event(k)), Some(action), "{}", k.label());
                    }
                }
                other => panic!("unexpected steps {other:?}"),
            }
        }
        // Alt chords are allowed only with a plain alternative, which the loop above checked.
        assert!(KEYMAP
            .iter()
            .filter(|b| b.keys.iter().any(|k| k.modifiers.contains(KeyModifiers::ALT)))
            .all(|b| b.keys.iter().any(|k| !k.is_chord())));
    }

    #[test]
    fn readme_chord_table_matches_the_keymap() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&chords_markdown_table()),
            "README's chord table is out of date; paste this between the chord markers:\n{}",
            chords_markdown_table()
        );
    }

    #[test]
    fn readme_key_table_matches_the_keymap() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&markdown_table()),
            "README's key table is out of date; paste this between the key markers:\n{}",
            markdown_table()
        );
    }
}
