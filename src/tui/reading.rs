//! Reading one event on the whole screen (issue #23): Enter opens the selected event's detail
//! full-width, Esc goes back to where it was opened from.
//!
//! The reader is the one-pane layout's detail made the only thing between the header and the
//! status line (no time strip, no list or timeline beside it), at a measure a person can read:
//! at most `MEASURE` columns wide, centred. Drawing, links and the mouse then need nothing of
//! their own: the list (or the timeline) and the detail name the same place, as in any one-pane
//! layout, and `App::detail_open` says the detail is the one drawn.

use super::app::{App, Focus, View};
use super::ui::{self, Areas};
use ratatui::layout::{Constraint, Layout, Rect};

/// The widest the reader's pane gets (its text: two columns less): lines longer than this are
/// hard to follow from one to the next.
pub const MEASURE: u16 = 92;

/// The layout on screen for `app`: the reader while one is open, else `ui::layout`.
pub fn screen(area: Rect, app: &App) -> Areas {
    let panes = ui::layout(area, app.view);
    if !app.reading || panes.too_small {
        return panes;
    }
    let [header, middle, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let width = middle.width.min(MEASURE);
    let page = Rect { x: middle.x + (middle.width - width) / 2, width, ..middle };
    let (list, timeline) = match app.view {
        View::List => (Some(page), None),
        View::Timeline => (None, Some(page)),
    };
    Areas { header, list, timeline, detail: Some(page), axis: None, status, too_small: false }
}

impl App {
    /// Enter: the selected event, read on the whole screen.
    pub fn open_reader(&mut self) {
        self.focus = Focus::Detail;
        self.detail_open = true;
        self.reading = true;
    }

    /// Esc: back from the reader (or the one-pane layout's detail) to the list or the
    /// timeline it was opened from; with nothing to go back from, drops a kept search.
    pub fn close_reader(&mut self) {
        let one_pane_detail = self.viewport.one_pane && self.detail_open;
        if !(self.reading || one_pane_detail || self.focus == Focus::Detail) {
            self.message = self.explorer_mut().and_then(|e| e.drop_kept_search());
        } else {
            self.reading = false;
            self.detail_open = false;
            self.focus = match self.view {
                View::List => Focus::List,
                View::Timeline => Focus::Axis,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::action::Action;

    fn app() -> App {
        let timeline = crate::model::loader::load_builtin().expect("the built-in timeline loads");
        let mut app = App::with_timeline("built-in", timeline);
        app.set_viewport(screen(Rect::new(0, 0, 120, 40), &app).viewport());
        app
    }

    #[test]
    fn enter_opens_the_reader_over_the_whole_width_and_esc_comes_back() {
        let mut app = app();
        app.update(Action::OpenDetail);
        assert!(app.reading);
        let areas = screen(Rect::new(0, 0, 80, 24), &app);
        assert_eq!(areas.detail, Some(Rect::new(0, 1, 80, 22)), "all of the middle, no strip");
        assert_eq!(areas.list, areas.detail, "one pane: the detail is drawn where the list was");
        assert!(areas.axis.is_none());
        let wide = screen(Rect::new(0, 0, 200, 60), &app);
        assert_eq!(wide.detail.map(|d| (d.x, d.width)), Some(((200 - MEASURE) / 2, MEASURE)), "a measure");
        app.update(Action::Back);
        assert!(!app.reading);
        assert_eq!(app.focus, Focus::List);
        assert_eq!(screen(Rect::new(0, 0, 120, 40), &app), ui::layout(Rect::new(0, 0, 120, 40), View::List));
    }

    #[test]
    fn the_reader_opens_from_the_timeline_view_and_goes_back_to_it() {
        let mut app = app();
        app.update(Action::ToggleView);
        app.update(Action::OpenDetail);
        let areas = screen(Rect::new(0, 0, 120, 40), &app);
        assert!(areas.list.is_none());
        assert_eq!(areas.timeline, areas.detail);
        app.update(Action::Back);
        assert_eq!((app.reading, app.focus, app.view), (false, Focus::Axis, View::Timeline));
    }

    /// `/`, a word, Enter keeps the search; Esc in the reader goes back, and Esc with nothing
    /// left to close drops the kept search (its marks and "only the matches" with it).
    #[test]
    fn esc_after_a_kept_search_drops_it() {
        let mut app = app();
        app.update(Action::Open(crate::keys::action::PopupKind::Search));
        for c in "hotline".chars() {
            app.update(Action::Type(c));
        }
        app.run_search_here();
        app.update(Action::PromptSubmit);
        app.run_search_here();
        let explorer = app.explorer().unwrap();
        assert!(explorer.search().is_some_and(|s| !s.typing && !s.matches.is_empty()));
        let selected = explorer.selected_event();
        app.update(Action::ToggleOnlyMatches);
        let only = app.explorer().unwrap().visible().len();
        app.update(Action::OpenDetail);
        app.update(Action::Back);
        assert!(!app.reading);
        assert!(app.explorer().unwrap().search().is_some(), "the first Esc closes the reader only");
        app.update(Action::Back);
        let explorer = app.explorer().unwrap();
        assert!(explorer.search().is_none());
        assert_eq!(app.message.as_deref(), Some("search dropped"));
        assert!(explorer.visible().len() > only, "every event again");
        assert_eq!(explorer.selected_event(), selected, "the selection stays");
        app.update(Action::Back);
        assert_eq!(app.message, None, "then Esc has nothing to say");
    }
}
