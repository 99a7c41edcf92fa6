//! Helpers the explorer's unit tests share: apps on the built-in timeline or on a text, keys
//! pressed through the real keymap, and replays written as lists of actions.

use super::app::App;
pub use crate::explorer::testing::explorer;
use crate::explorer::{Explorer, Viewport};
use crate::keys::action::Action;
use crate::keys::keymap;
use crate::model::{self, Timeline};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The viewport the state tests assume: ten rows of list and of detail, two panes.
pub const TEN_ROWS: Viewport = Viewport {
    list_rows: 10,
    detail_rows: 10,
    detail_width: 60,
    timeline_width: 100,
    timeline_height: 20,
    one_pane: false,
    screen_width: 120,
    screen_height: 30,
};

/// An app on the built-in timeline with a ten-row viewport.
pub fn builtin() -> App {
    app_from(model::load_builtin().expect("the built-in timeline loads"))
}

/// An app on a timeline written in YAML, with a ten-row viewport.
pub fn app_on(text: &str) -> App {
    app_from(model::load_str("t", text).expect("the test timeline loads"))
}

fn app_from(timeline: Timeline) -> App {
    let mut app = App::with_timeline("t", timeline);
    app.set_viewport(TEN_ROWS);
    app
}

/// The loaded explorer of an app.
pub fn ex(app: &App) -> &Explorer {
    app.explorer().expect("loaded")
}

pub fn ex_mut(app: &mut App) -> &mut Explorer {
    app.explorer_mut().expect("loaded")
}

/// The id of the selected event.
pub fn selected_id(app: &App) -> String {
    let ex = ex(app);
    ex.timeline.events[ex.selected_event().expect("an event is selected")].id.clone()
}

/// Carries out actions in order as the runner would, searches included.
pub fn replay(app: &mut App, actions: &[Action]) {
    for &action in actions {
        app.update(action);
        app.run_search_here();
    }
}

/// A key pressed in whatever mode the app is in, through the real keymap.
pub fn press(app: &mut App, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

pub fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = keymap::action_for_key(app.mode(), &KeyEvent::new(code, modifiers)) {
        replay(app, &[action]);
    }
}

/// Keys written as text, each character one key (`"jjG"`, `"/hotline"`).
pub fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The screen as text, 100×30, for what only the drawing shows (popup contents).
pub fn screen(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| {
            crate::tui::ui::draw(f, app, &crate::tui::theme::Theme::default(), std::time::Instant::now())
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
