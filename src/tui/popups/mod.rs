//! Popups: the help, the prompts, the pickers and menus. Each lives in its own file, owns its
//! state, turns actions into an `Outcome` and draws itself; `App` holds at most one and carries
//! out what it asks for. To add a popup: write its file, add a `PopupKind` and one line to
//! `open` below, and bind a key to `Action::Open(kind)` in the keymap.

mod annotate;
mod bookmarks;
mod export;
mod help;
mod input;
mod jump;
mod list;
mod menus;
mod picker;
mod query;
mod search;
mod zone;

pub use annotate::{AnnotationEditor, EditorFocus};
pub use bookmarks::Bookmarks;
pub use export::ExportMenu;
pub use help::{help_lines, Help};
pub use jump::JumpPrompt;
pub use menus::{CitationForm, CopyMenu, LogView, StoriesMenu, ViewsMenu};
pub use picker::Picker;
pub use query::QueryPrompt;
pub use search::SearchPrompt;
pub use zone::ZonePrompt;

use super::effects::Effect;
use super::history::{History, PromptKind};
use super::theme::Theme;
use crate::explorer::Explorer;
pub use crate::explorer::SearchStep;
use crate::keys::action::{Action, PopupKind};
use crate::keys::keymap::Mode;
use crate::model::query::Query;
use ratatui::layout::Rect;
use ratatui::widgets::Block;
use ratatui::Frame;

/// What a popup asks the app to do after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Not the popup's business: the app handles the action as if no popup were open (only
    /// `Quit` is passed on this way).
    Ignored,
    /// Taken; the popup stays open.
    Consumed,
    /// Close the popup.
    Close,
    /// Close, then make this the filter (already checked against the timeline).
    ApplyQuery(Query),
    /// Close, then jump to the event at this position of the shown list (and say `note`).
    JumpTo { position: usize, note: Option<String> },
    /// Close, then do this outside the app.
    Effect(Effect),
    /// A step of the incremental search, which lives in the explorer so `n`/`N` and the marks
    /// outlive the prompt.
    Search(SearchStep),
    /// Stay open and say this in the header.
    Say(String),
    /// Close, then go to this event (from the bookmarks).
    GoTo(crate::model::EventIx),
    /// Close, then set the annotation filed under `key` to `text` (empty: remove it) and save.
    Annotate { key: String, text: String },
    /// Close, then tell a story: the file's story of this index, or (`None`) the events in view.
    Story(Option<usize>),
    /// Close, then show times in this zone.
    SetZone(crate::model::Zone),
}

impl Outcome {
    /// Whether the popup stays open after it.
    pub fn keeps_popup_open(&self) -> bool {
        matches!(
            self,
            Outcome::Ignored
                | Outcome::Consumed
                | Outcome::Say(_)
                | Outcome::Search(SearchStep::Begin | SearchStep::Edit(_))
        )
    }
}

pub trait Popup {
    /// The keymap mode its keys are looked up in.
    fn mode(&self) -> Mode;

    /// What opening it asks for (most popups: nothing).
    fn opened(&self) -> Outcome {
        Outcome::Consumed
    }

    /// One action while it is open. `explorer` is `None` only while the timeline is loading
    /// (when only the help can be open).
    fn update(&mut self, action: Action, explorer: Option<&Explorer>) -> Outcome;

    /// What a prompt keeps in its history once it has done what was asked.
    fn remember(&self) -> Option<(PromptKind, String)> {
        None
    }

    /// The status line's keys while it is open.
    fn hints(&self) -> Vec<(String, &'static str)> {
        crate::keys::keymap::hints(self.mode())
    }

    /// Whether it is drawn on the status line (a prompt that leaves the screen in view) instead
    /// of in a box over the middle of the screen.
    fn on_status_line(&self) -> bool {
        false
    }

    /// Draws it into `area`: the status line, or the screen to put its box in the middle of.
    fn draw(&self, frame: &mut Frame, area: Rect, explorer: Option<&Explorer>, theme: &Theme);
}

/// Opens a popup of `kind`, or says why it cannot open now. Prompts get their history.
pub fn open(
    kind: PopupKind,
    explorer: Option<&Explorer>,
    history: &History,
) -> Result<Box<dyn Popup>, String> {
    if kind == PopupKind::Help {
        return Ok(Box::new(Help::default()));
    }
    let Some(explorer) = explorer else { return Err("still loading".into()) };
    Ok(match kind {
        PopupKind::Help => Box::new(Help::default()),
        PopupKind::Jump => Box::new(JumpPrompt::new(history.entries(PromptKind::Jump))),
        PopupKind::Query => Box::new(QueryPrompt::new(explorer, history.entries(PromptKind::Filter))),
        PopupKind::Picker(picker) => Box::new(Picker::new(picker, explorer)?),
        PopupKind::Search => Box::new(SearchPrompt::new(history.entries(PromptKind::Search))),
        PopupKind::Export => Box::new(ExportMenu::default()),
        PopupKind::Bookmarks => Box::new(Bookmarks::new(explorer)?),
        PopupKind::Annotate => Box::new(AnnotationEditor::new(explorer)?),
        PopupKind::Stories => Box::new(StoriesMenu::new(explorer)),
        PopupKind::Zone => Box::new(ZonePrompt::new(explorer, history.entries(PromptKind::Zone))),
        // The app opens these with what it holds (the file, the views, the log).
        PopupKind::Copy => Box::new(CopyMenu::new(Some(explorer))?),
        PopupKind::Views => Box::new(ViewsMenu::new(&[])?),
        PopupKind::Log => Box::new(LogView::new(&[])),
    })
}

/// A menu's keys: the picker's, without choosing several (a menu does one thing).
pub fn menu_hints() -> Vec<(String, &'static str)> {
    crate::keys::keymap::hints(Mode::Picker)
        .into_iter()
        .filter(|(_, hint)| *hint != Action::PickerToggle.hint())
        .collect()
}

/// The answer to an action a popup has no use for: every key belongs to the open popup, except
/// that Ctrl-C (`Quit`) still quits.
pub fn unused(action: Action) -> Outcome {
    if action == Action::Quit {
        Outcome::Ignored
    } else {
        Outcome::Consumed
    }
}

/// Clears a box of at most `width` × `height` in the middle of `screen`, draws its border and
/// title, and returns the inside to draw in.
pub fn framed(frame: &mut Frame, screen: Rect, width: u16, height: u16, title: &str, theme: &Theme) -> Rect {
    let (w, h) = (width.min(screen.width), height.min(screen.height));
    let area = Rect {
        x: screen.x + (screen.width - w) / 2,
        y: screen.y + (screen.height - h) / 2,
        width: w,
        height: h,
    };
    super::layout::clear(frame, area, theme);
    // Cut with `…` where the box is narrower, as every title is.
    let title = crate::text::truncate(title, usize::from(w.saturating_sub(2))).into_owned();
    let block = Block::bordered().title(title).border_style(theme.border_focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}
