//! The explorer's state and the one entry point that changes it from input: `App::update`. It
//! does no I/O and draws nothing; the runner feeds it actions, messages from its threads and
//! the sizes paging needs, performs the effects it records, and `ui` draws what it holds.
//!
//! `App` holds what exists before a timeline does (the load state, focus, the popup, messages);
//! everything about a loaded timeline lives in the `Explorer` inside `LoadState::Ready`.

use super::effects::{self, Effect};
use super::history::History;
use super::popups::{self, Outcome, Popup};
use super::watch::{Change, Remerge};
use crate::explorer::{Explorer, Viewport};
use crate::keys::action::{Action, PopupKind};
use crate::keys::keymap::Mode;
use crate::model::index::Index;
use crate::model::lanes::Grouping;
use crate::model::query::Query;
use crate::model::Timeline;
use std::sync::Arc;
use std::time::Instant;

pub use super::layout::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
    Axis,
}

/// What the command line asks for once the timeline has loaded: built once by the runner (or a
/// test), carried by `LoadState::Loading`, taken by `App::loaded`.
#[derive(Default)]
pub struct StartUp {
    /// The filter to apply.
    pub query: Query,
    /// The lanes to group the timeline view by (`--lanes`, or the config file's `lanes`).
    pub lanes: Option<Grouping>,
    /// The zone to show times in (`--tz`).
    pub zone: Option<crate::model::Zone>,
    /// The event to open at with its detail shown (a deep link).
    pub link: Option<crate::model::link::DeepLink>,
    /// The date to open at (`--at`).
    pub at: Option<String>,
    /// The story to tell (`--story`, `story`): a story's id, or `None` for the events in view.
    pub story: Option<Option<String>>,
    /// The notes sidecar, read before the timeline arrives.
    pub notes: Option<crate::model::notes::Sidecar>,
    /// Keys pressed before the timeline arrived, pressed once it is there (`early_keys.rs`).
    pub keys: Vec<ratatui::crossterm::event::KeyEvent>,
}

pub enum LoadState {
    Loading {
        /// When loading started and how big the file is, for the progress line.
        since: Instant,
        bytes: Option<u64>,
        /// What to do once the timeline is there (boxed: it is most of the state's size).
        start: Box<StartUp>,
        /// The cache's head of the timeline, drawn until it is there (`head.rs`); never given
        /// a key.
        head: Option<Box<super::head::HeadView>>,
    },
    Ready(Box<Explorer>),
    /// The diagnostics, for stderr once the terminal is restored.
    Failed(String),
}

pub struct App {
    pub source_name: String,
    pub state: LoadState,
    pub focus: Focus,
    pub view: View,
    /// One-pane layout: the detail replaces the list.
    pub detail_open: bool,
    /// The reader is open: the selected event's detail alone, full-width (`reading.rs`).
    pub reading: bool,
    /// The one-line hint for a first run is on the status line (`first_run.rs`).
    pub first_run_hint: bool,
    pub viewport: Viewport,
    /// At most one popup, which takes every key while open.
    pub popup: Option<Box<dyn Popup>>,
    /// Said in the header until the next action.
    pub message: Option<String>,
    /// A message that also goes by itself, and when (set at the first tick): `fading.rs`.
    pub fading: Option<(String, Option<Instant>)>,
    /// A problem with the followed file that stays on screen until a good save.
    pub banner: Option<String>,
    pub should_quit: bool,
    /// The last save of the reader's notes failed (why): quitting asks for a second `q`, so
    /// bookmarks and annotations are never lost without a word.
    pub notes_unsaved: Option<String>,
    /// `q` was pressed once while notes were unsaved.
    quit_asked: bool,
    /// Things for the runner to do outside (write a file, open a link).
    pub effects: Vec<Effect>,
    /// The command line's filter did not resolve against the timeline.
    pub usage_error: Option<crate::model::query::QueryError>,
    /// What was typed into each prompt (kept across runs by the runner).
    pub history: History,
    /// The config file's saved views: names and query texts.
    pub views: Vec<(String, String)>,
    /// This run's messages, oldest first (`!` shows them); a broken reload's in full.
    pub log: Vec<String>,
    /// Where the last reload's first error is (file, line, column), while a file is broken.
    pub reload_error: Option<(std::path::PathBuf, usize, usize)>,
}

impl App {
    pub fn new(source_name: impl Into<String>) -> App {
        App {
            source_name: source_name.into(),
            state: LoadState::Loading {
                since: Instant::now(),
                bytes: None,
                start: Box::default(),
                head: None,
            },
            focus: Focus::List,
            view: View::List,
            detail_open: false,
            reading: false,
            first_run_hint: false,
            viewport: Viewport::default(),
            popup: None,
            message: None,
            fading: None,
            banner: None,
            should_quit: false,
            notes_unsaved: None,
            quit_asked: false,
            effects: Vec::new(),
            usage_error: None,
            history: History::default(),
            views: Vec::new(),
            log: Vec::new(),
            reload_error: None,
        }
    }

    /// An app with a timeline already loaded and indexed (tests, benchmarks).
    pub fn with_timeline(source_name: impl Into<String>, timeline: Timeline) -> App {
        let mut app = App::new(source_name);
        let index = Arc::new(Index::new(&timeline));
        app.loaded(Arc::new(timeline), Some(index));
        app
    }

    pub fn explorer(&self) -> Option<&Explorer> {
        match &self.state {
            LoadState::Ready(explorer) => Some(explorer),
            _ => None,
        }
    }

    pub fn explorer_mut(&mut self) -> Option<&mut Explorer> {
        match &mut self.state {
            LoadState::Ready(explorer) => Some(explorer),
            _ => None,
        }
    }

    /// A timeline to show. Without its index yet, filters test events one by one and a search
    /// waits for `indexed`.
    pub fn loaded(&mut self, timeline: Arc<Timeline>, index: Option<Arc<Index>>) {
        let start = match &mut self.state {
            LoadState::Loading { start, .. } => std::mem::take(start),
            _ => Box::default(),
        };
        let StartUp { query, lanes, zone, link, at, story, notes, keys } = *start;
        let mut explorer = Explorer::new(timeline, index, self.viewport);
        if let Some(zone) = zone {
            explorer.set_zone(zone);
            explorer.select(0); // the first event in the zone's order, as without --tz
        }
        if !query.is_empty() {
            // A filter from the command line that does not resolve is a usage error, as it is
            // for `list`: the explorer ends and says why, with its suggestion.
            if let Err(e) = crate::model::filter::Filter::new(&explorer.timeline, &query, explorer.zone()) {
                self.usage_error = Some(e);
                self.should_quit = true;
            } else if let Ok(message) = explorer.apply_query(query) {
                self.message = message;
            }
        }
        if let Some(grouping) = lanes {
            explorer.set_grouping(grouping);
        }
        match explorer.open_at(link.as_ref(), at.as_deref()) {
            _ if self.usage_error.is_some() => {}
            Ok(crate::explorer::OpenedAt::Nowhere) => {}
            Ok(crate::explorer::OpenedAt::Date(note)) => self.message = note.or(self.message.take()),
            Ok(crate::explorer::OpenedAt::Event(note)) => {
                self.focus = Focus::Detail;
                self.detail_open = true;
                self.message = note.or(self.message.take());
            }
            Err(e) => {
                // As for the filter: an unknown event is a usage error, said after the terminal
                // is restored.
                self.usage_error =
                    Some(crate::model::query::QueryError { message: e.message, help: e.help, offset: None });
                self.should_quit = true;
            }
        }
        if let Some(story) = story.filter(|_| self.usage_error.is_none()) {
            // As for a deep link: a story that is not there is a usage error.
            let found = match story.as_deref() {
                None => Ok(None),
                Some(id) => explorer.timeline.find_story(id).map(Some),
            };
            match found {
                Ok(story) => {
                    if let Err(why) = explorer.enter_story(story) {
                        self.message = Some(why);
                    }
                }
                Err(e) => {
                    self.usage_error = Some(crate::model::query::QueryError {
                        message: e.message,
                        help: e.help,
                        offset: None,
                    });
                    self.should_quit = true;
                }
            }
        }
        if let Some(sidecar) = notes {
            if let Some(problem) = &sidecar.problem {
                self.message = Some(format!(
                    "bookmarks and annotations could not be read: {problem} (left as it is until you save one)"
                ));
            }
            explorer.sidecar = sidecar;
        }
        self.state = LoadState::Ready(Box::new(explorer));
        self.press_kept(keys);
    }

    /// The notes sidecar was read (its annotations are already on the timeline being sent).
    pub fn notes_read(&mut self, sidecar: crate::model::notes::Sidecar) {
        match &mut self.state {
            LoadState::Ready(explorer) => explorer.sidecar = sidecar,
            LoadState::Loading { start, .. } => start.notes = Some(sidecar),
            LoadState::Failed(_) => {}
        }
    }

    /// The notes changed: the runner writes them (an unreadable file is kept as `.bak` first).
    fn save_notes(&mut self) {
        if let Some(explorer) = self.explorer_mut() {
            let backup = explorer.sidecar.problem.take().is_some();
            self.effects.push(Effect::SaveNotes { backup });
        }
    }

    /// The index for the shown timeline arrived.
    pub fn indexed(&mut self, timeline: &Arc<Timeline>, index: Arc<Index>) {
        if let Some(explorer) = self.explorer_mut() {
            explorer.indexed(timeline, index);
        }
    }

    /// Loading failed: the explorer ends and the diagnostics go to stderr, where a compiler's
    /// would, with the terminal back to normal.
    pub fn load_failed(&mut self, message: String) {
        self.state = LoadState::Failed(message);
        self.should_quit = true;
    }

    /// The followed file changed on disk.
    pub fn file_changed(&mut self, change: Change, now: Instant) {
        match change {
            Change::Loaded(loaded) => {
                let (mut timeline, index) = *loaded;
                let mut followed = Vec::new();
                if let Some(explorer) = self.explorer_mut() {
                    // The notes in memory, not the sidecar on disk: the reader may have
                    // changed them since (the index never holds annotations).
                    followed = explorer.sidecar.notes.carry_over(&explorer.timeline, &mut timeline);
                    // `--changes REV`: the new version compared with the same older one.
                    timeline.since = explorer.timeline.since.as_ref().map(|s| s.again(&timeline));
                }
                let (timeline, index) = (Arc::new(timeline), Arc::new(index));
                match self.explorer_mut() {
                    Some(explorer) => self.message = Some(explorer.reload(timeline, index, now)),
                    None => self.loaded(timeline, Some(index)),
                }
                self.reloaded(followed);
            }
            Change::Merge(merge) => {
                // Only sent once the merged timeline is shown (the watcher waits for it).
                let Some(explorer) = self.explorer_mut() else { return };
                let Remerge { parts, fresh, merged } = *merge;
                let (message, followed) = explorer.merge_again(&parts, fresh, now);
                // The watcher builds its index.
                let _ = merged.send(Arc::clone(&explorer.timeline));
                self.message = Some(message);
                self.reloaded(followed);
            }
            Change::Broken(diagnostics) => {
                let first = diagnostics.lines().next().unwrap_or("the file does not load").to_string();
                self.reload_error = error_position(&first);
                self.log.push(format!("reload failed; showing the last good version:\n{diagnostics}"));
                self.banner = Some(format!("{first} — showing the last good version"));
                self.message = None;
            }
            Change::Gone => {
                self.banner = Some(format!("{} is gone — showing the last good version", self.source_name));
                self.message = None;
            }
            Change::Note(note) => self.message = Some(note),
            Change::Wanted(reply) => {
                if let Some(explorer) = self.explorer() {
                    let _ = reply.send(Arc::clone(&explorer.timeline));
                }
            }
        }
    }

    /// After a reload: says which notes followed renamed events (and saves them), and clears
    /// what was said about a broken version.
    fn reloaded(&mut self, followed: Vec<(String, String)>) {
        if !followed.is_empty() {
            let n = followed.len();
            let note = format!("; notes followed {n} renamed event{}", if n == 1 { "" } else { "s" });
            self.message.get_or_insert_with(String::new).push_str(&note);
            self.log.push(
                followed
                    .iter()
                    .map(|(a, b)| {
                        format!(
                            "notes of `{}` now under `{}`",
                            crate::text::escape(a),
                            crate::text::escape(b)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            self.save_notes();
        }
        self.banner = None;
        self.reload_error = None;
    }

    /// Clears timed marks once their time is up; returns when to call again, if ever.
    pub fn tick(&mut self, now: Instant) -> Option<Instant> {
        let fade = self.fade_message(now);
        let marks = self.explorer_mut().and_then(|e| e.tick(now));
        fade.into_iter().chain(marks).min()
    }

    /// Call after the layout changes, so the selection stays on screen.
    pub fn set_viewport(&mut self, viewport: Viewport) {
        if viewport.one_pane && !self.viewport.one_pane {
            self.detail_open = self.focus == Focus::Detail;
        }
        self.viewport = viewport;
        if let Some(explorer) = self.explorer_mut() {
            explorer.set_viewport(viewport);
        }
    }

    /// The keymap mode keys are looked up in.
    pub fn mode(&self) -> Mode {
        match &self.popup {
            Some(popup) => popup.mode(),
            None if self.explorer().is_some_and(|e| e.story().is_some()) => Mode::Story,
            None => match self.focus {
                Focus::List => Mode::List,
                Focus::Detail => Mode::Detail,
                Focus::Axis => Mode::Axis,
            },
        }
    }

    /// Runs a pending search here and now (small timelines, and tests).
    pub fn run_search_here(&mut self) {
        if let Some(explorer) = self.explorer_mut() {
            explorer.run_search_here();
        }
    }

    /// The only way input changes state.
    pub fn update(&mut self, action: Action) {
        self.message = None;
        self.fading = None;
        self.first_run_hint = false;
        if action == Action::Open(PopupKind::Help) {
            self.remember_help_seen();
        }
        if let Some(popup) = &mut self.popup {
            let explorer = match &self.state {
                LoadState::Ready(explorer) => Some(&**explorer),
                _ => None,
            };
            match popup.update(action, explorer) {
                Outcome::Ignored => {}
                outcome => return self.carry_out(outcome),
            }
        }
        use Action::*;
        // While a story is told, its keys are the story's (Ctrl-C and the help aside).
        if let Some(explorer) = self.explorer_mut().filter(|e| e.story().is_some()) {
            if !matches!(action, Quit | Open(PopupKind::Help)) {
                self.message = explorer.story_action(action);
                return;
            }
        }
        match action {
            Quit => match &self.notes_unsaved {
                Some(why) if !self.quit_asked => {
                    self.quit_asked = true;
                    self.message = Some(format!(
                        "your bookmarks and annotations are not saved ({why}); press q again to quit without them"
                    ));
                }
                _ => self.should_quit = true,
            },
            Open(kind) => self.open(kind),
            Back => self.close_reader(),
            FocusNext | FocusPrevious => {
                self.reading = false;
                self.cycle_focus(action == FocusNext);
            }
            OpenDetail => self.open_reader(),
            ClickList { row } => {
                self.focus = Focus::List;
                if let Some(explorer) = self.explorer_mut() {
                    explorer.click_list(usize::from(row));
                }
            }
            ClickDetail { row } => {
                self.focus = Focus::Detail;
                self.message = self.explorer_mut().and_then(|e| e.click_detail(usize::from(row)));
            }
            ClickAxis { column, width } => {
                self.focus = Focus::Axis;
                if let Some(explorer) = self.explorer_mut() {
                    if let Some(scale) = super::timeline::Scale::new(explorer, width) {
                        explorer.click_axis(scale.day_at_center(column));
                    }
                }
            }
            // Lanes are drawn in the timeline view: from the list, `L` opens it on the next kind
            // of lanes (from the start, lanes by side), rather than change what is not seen.
            CycleLanes if self.view == View::List && self.explorer().is_some() => {
                self.update(ToggleView);
                self.update(CycleLanes);
            }
            ToggleView => {
                self.reading = false;
                self.view = match self.view {
                    View::List => View::Timeline,
                    View::Timeline => View::List,
                };
                // The list is not shown in the timeline layout: its focus goes to the timeline,
                // and comes back to the list with it (not to the strip under the list, whose
                // keys the footer would then offer for a view just left).
                self.focus = match (self.view, self.focus) {
                    (View::Timeline, Focus::List) => Focus::Axis,
                    (View::List, Focus::Axis) => Focus::List,
                    (_, focus) => focus,
                };
            }
            ClickTimeline { column, row, width, height } => {
                self.focus = Focus::Axis;
                if let Some(explorer) = self.explorer_mut() {
                    if let Some(geometry) = super::timeline::view::geometry(explorer, width, height) {
                        let (lane, event) = super::timeline::view::event_at(explorer, &geometry, column, row);
                        explorer.pick(lane, event);
                    }
                }
            }
            ToggleBookmark => match self.explorer_mut().map(|e| e.toggle_bookmark()) {
                Some(Ok(message)) => {
                    self.message = Some(message);
                    self.save_notes();
                }
                Some(Err(why)) => self.message = Some(why),
                None => {}
            },
            EditSource => self.edit_source(),
            Suspend => self.effects.push(Effect::Suspend),
            OpenSource => {
                let explorer = self.explorer();
                let event = explorer.and_then(|e| e.selected_event().map(|i| &e.timeline.events[i]));
                let url = event.and_then(|e| e.sources.iter().find_map(|s| s.url.as_deref()));
                match effects::open_link(url) {
                    Ok(effect) => self.effects.push(effect),
                    Err(why) => self.message = Some(why),
                }
            }
            _ => {
                if let Some(explorer) = self.explorer_mut() {
                    self.message = explore(explorer, action);
                }
            }
        }
    }

    /// Records the message now shown in this run's log (the runner calls it after each step).
    pub fn log_message(&mut self) {
        if let Some(message) = &self.message {
            if self.log.last() != Some(message) {
                self.log.push(message.clone());
            }
        }
    }

    /// `E`: the broken file at its reload error while there is one, else the selected event's
    /// own file at the event.
    fn edit_source(&mut self) {
        if let Some((file, line, column)) = self.reload_error.clone() {
            self.effects.push(Effect::Edit { file, at: effects::EditAt::Position(line, column) });
            return;
        }
        let Some(explorer) = self.explorer() else { return };
        let Some(ix) = explorer.selected_event() else {
            self.message = Some("no event is selected".into());
            return;
        };
        let event = &explorer.timeline.events[ix];
        match explorer.timeline.files.get(event.file).and_then(|f| f.path.clone()) {
            Some(file) => {
                self.effects.push(Effect::Edit { file, at: effects::EditAt::Event(event.file_order) })
            }
            None => self.message = Some("the built-in timeline has no file to edit".into()),
        }
    }

    fn open(&mut self, kind: PopupKind) {
        let made = match kind {
            PopupKind::Copy => popups::CopyMenu::new(self.explorer()).map(|m| Box::new(m) as Box<dyn Popup>),
            PopupKind::Views => popups::ViewsMenu::new(&self.views).map(|m| Box::new(m) as Box<dyn Popup>),
            PopupKind::Log => Ok(Box::new(popups::LogView::new(&self.log)) as Box<dyn Popup>),
            // With no stories in the file there is nothing to choose: tell the events in view.
            PopupKind::Stories if self.explorer().is_some_and(|e| e.timeline.stories.is_empty()) => {
                return self.carry_out(Outcome::Story(None));
            }
            _ => popups::open(kind, self.explorer(), &self.history),
        };
        match made {
            Ok(popup) => {
                let outcome = popup.opened();
                self.popup = Some(popup);
                self.carry_out(outcome);
            }
            Err(why) => self.message = Some(why),
        }
    }

    /// What a popup asked for.
    fn carry_out(&mut self, outcome: Outcome) {
        if !outcome.keeps_popup_open() {
            // A prompt that did what was asked remembers what was typed.
            let done = matches!(
                outcome,
                Outcome::ApplyQuery(_)
                    | Outcome::JumpTo { .. }
                    | Outcome::Search(popups::SearchStep::Keep)
                    | Outcome::SetZone(_)
            );
            if let Some((kind, text)) = self.popup.take().filter(|_| done).and_then(|p| p.remember()) {
                if self.history.push(kind, &text) {
                    self.effects.push(Effect::SaveHistory(kind));
                }
            }
        }
        match outcome {
            Outcome::Ignored | Outcome::Consumed | Outcome::Close => {}
            Outcome::Say(message) => self.message = Some(message),
            Outcome::Effect(effect) => self.effects.push(effect),
            Outcome::ApplyQuery(query) => {
                if let Some(explorer) = self.explorer_mut() {
                    self.message = explorer.apply_query(query).unwrap_or_else(Some);
                }
            }
            Outcome::JumpTo { position, note } => {
                if let Some(explorer) = self.explorer_mut() {
                    explorer.jump(position);
                }
                self.message = note;
            }
            Outcome::Search(step) => {
                if let Some(explorer) = self.explorer_mut() {
                    self.message = explorer.search_step(step);
                }
            }
            Outcome::GoTo(event) => {
                if let Some(explorer) = self.explorer_mut() {
                    self.message = explorer.go_to(event);
                }
            }
            Outcome::Story(story) => {
                if let Some(explorer) = self.explorer_mut() {
                    self.message = explorer.enter_story(story).unwrap_or_else(Some);
                }
            }
            Outcome::SetZone(zone) => {
                if let Some(explorer) = self.explorer_mut() {
                    self.message = explorer.set_zone(zone);
                    self.let_message_fade();
                }
            }
            Outcome::Annotate { key, text } => {
                if let Some(explorer) = self.explorer_mut() {
                    self.message = Some(explorer.set_annotation(&key, &text));
                    self.save_notes();
                }
            }
        }
    }

    fn cycle_focus(&mut self, forward: bool) {
        let order: &[Focus] = match self.view {
            View::List => &[Focus::List, Focus::Detail, Focus::Axis],
            View::Timeline => &[Focus::Axis, Focus::Detail],
        };
        let n = order.len();
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward { (at + 1) % n } else { (at + n - 1) % n };
        self.focus = order[next];
        if self.viewport.one_pane {
            self.detail_open = self.focus == Focus::Detail;
        }
    }
}

/// File, line and column of `FILE:LINE:COL: …`, the first line of a timeline's diagnostics.
fn error_position(headline: &str) -> Option<(std::path::PathBuf, usize, usize)> {
    let mut parts = headline.split(": ").next()?.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let file = parts.next().filter(|f| !f.is_empty())?;
    Some((file.into(), line, column))
}

/// The actions that move through a loaded timeline; returns a message for the header.
fn explore(explorer: &mut Explorer, action: Action) -> Option<String> {
    use Action::*;
    let selected = explorer.selected();
    match action {
        MoveDown => explorer.select(selected.saturating_add(1)),
        MoveUp => explorer.select(selected.saturating_sub(1)),
        First => explorer.jump(0),
        Last => explorer.jump(explorer.visible().len().saturating_sub(1)),
        PageDown => explorer.select(selected.saturating_add(explorer.page())),
        PageUp => explorer.select(selected.saturating_sub(explorer.page())),
        WheelList { down } => {
            explorer.select(if down { selected.saturating_add(3) } else { selected.saturating_sub(3) })
        }
        PreviousYear => return explorer.jump_year(false),
        NextYear => return explorer.jump_year(true),
        ScrollDown => explorer.scroll_detail(1),
        ScrollUp => explorer.scroll_detail(-1),
        ScrollPageDown => explorer.scroll_detail(explorer.detail_page()),
        ScrollPageUp => explorer.scroll_detail(-explorer.detail_page()),
        ScrollTop => explorer.scroll_detail_to_top(),
        ScrollBottom => explorer.scroll_detail(isize::MAX / 2),
        WheelDetail { down } => explorer.scroll_detail(if down { 3 } else { -3 }),
        NextLink => return explorer.step_link(true),
        PreviousLink => return explorer.step_link(false),
        FollowLink => return explorer.follow_link(),
        HistoryBack => return explorer.history_back(),
        ZoomIn => return explorer.zoom(true),
        ZoomOut => return explorer.zoom(false),
        ZoomFit => explorer.set_axis(Default::default()),
        PanLeft => return explorer.pan(-1),
        PanRight => return explorer.pan(1),
        NextMatch => return explorer.step_match(true),
        PreviousMatch => return explorer.step_match(false),
        ClearFilters => return explorer.clear_filters(),
        CycleLanes => return explorer.set_grouping(explorer.grouping().next_for(&explorer.timeline)),
        ToggleFold => return explorer.toggle_fold(),
        ToggleOnlyMatches => return explorer.toggle_only_matches(),
        ToggleMark => return explorer.toggle_mark(),
        ZoomToShown => return explorer.zoom_to_shown(),
        ZoomToSelected => return explorer.zoom_to_selected(),
        NextLane | PreviousLane => {
            let message = explorer.step_lane(action == NextLane);
            let (width, height) = explorer.timeline_size();
            for _ in 0..explorer.lane_list().len() {
                let shown =
                    super::timeline::view::geometry(explorer, width, height).map_or(1, |g| g.slots.len());
                let before = explorer.lanes().offset;
                explorer.scroll_lanes_to_current(shown);
                if explorer.lanes().offset == before {
                    break;
                }
            }
            return message;
        }
        WheelTime { down, zoom: true } => return explorer.zoom(!down),
        WheelTime { down, zoom: false } => return explorer.pan(if down { 1 } else { -1 }),
        // Handled by the app or a popup; typed text with no prompt open means nothing.
        Quit
        | Open(_)
        | Back
        | FocusNext
        | FocusPrevious
        | OpenDetail
        | OpenSource
        | ToggleBookmark
        | SaveAnnotation
        | EditSource
        | Suspend
        | ClickList { .. }
        | ClickDetail { .. }
        | ClickAxis { .. }
        | PromptSubmit
        | PromptCancel
        | PromptDelete
        | PickerToggle
        | Type(_)
        | Edit(_)
        | ToggleView
        | ClickStory { .. }
        | ClickTimeline { .. } => {}
    }
    None
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod notes_tests;

#[cfg(test)]
mod story_tests;
