//! The interactive explorer: a ratatui client of the model.
//!
//! Data flows one way: input threads (keys and mouse, signals, the loader) send `Message`s; the
//! loop turns them into `Action`s for `App::update`; `ui::draw` renders the app. The loop blocks on
//! its channel, so an idle explorer uses no CPU, and drains every pending message before drawing,
//! so a burst of resizes or key repeats costs one frame.

pub mod app;
pub mod changes_view;
pub mod contrast;
pub mod detail;
mod early_keys;
pub mod effects;
mod fading;
pub mod first_run;
pub mod footer;
pub mod head;
pub mod history;
pub mod layout;
mod message;
pub mod popups;
pub mod reader;
pub mod reading;
pub mod story;
pub mod terminal;
#[cfg(test)]
pub mod testing;
pub mod theme;
pub mod timeline;
pub mod ui;
pub mod watch;

pub use message::{guarded, Message};

use crate::explorer::SearchRequest;
use crate::keys::action::Action;
use crate::model::index::Index;
use crate::model::query::Query;
use crate::model::search::Found;
use crate::model::Timeline;
use app::{App, LoadState, StartUp};
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};
use ratatui::Terminal;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Above this many events, searches run on the worker thread so typing never waits.
const INLINE_SEARCH_LIMIT: usize = 20_000;

/// How often the loading screen redraws its progress.
const LOADING_TICK: Duration = Duration::from_millis(100);

/// How the explorer ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Quit,
    /// The timeline could not be loaded; these are the diagnostics, for stderr.
    LoadFailed(String),
    /// The command line's filter does not resolve against the timeline (exit 2, like `list`).
    UsageError(crate::model::query::QueryError),
}

/// How the explorer starts.
pub struct Options {
    pub theme: theme::ThemeKind,
    /// The filter to apply once loaded.
    pub query: Query,
    /// Reload the file when it changes.
    pub follow: bool,
    /// The paths as given, before directories were expanded: a directory's set of files is
    /// followed (files that come and go).
    pub given: Vec<PathBuf>,
    /// Open in the timeline view with these lanes.
    pub lanes: Option<crate::model::lanes::Grouping>,
    /// Otherwise, group the timeline view (when switched to) by these lanes.
    pub default_lanes: Option<crate::model::lanes::Grouping>,
    /// Show times in this zone rather than the timeline's (`--tz`).
    pub zone: Option<crate::model::Zone>,
    /// What the reader should know about the files given (a file given twice).
    pub notes: Vec<String>,
    /// Open at this event, its detail shown (a deep link `FILE#id`).
    pub link: Option<crate::model::link::DeepLink>,
    /// Open at this date (`--at`), read once the zone shown is known.
    pub at: Option<String>,
    /// The config file's saved views (names and queries).
    pub views: Vec<(String, String)>,
    /// The config file's colours for roles of the theme.
    pub colors: Vec<(String, ratatui::style::Color)>,
    /// Said once the explorer starts, and kept in its log (the config file's problems).
    pub notices: Vec<String>,
    /// Start in story mode (`--story`, `story`): a story's id, or `None` for the events in view.
    pub story: Option<Option<String>>,
    /// The older version `--changes REV` names, with its label, to mark what changed since.
    pub older: Option<(String, Timeline)>,
}

/// Runs the explorer on `files` (none: the built-in timeline), read as one timeline.
pub fn run(files: &[PathBuf], options: Options) -> io::Result<Outcome> {
    let Options {
        theme: theme_kind,
        query,
        follow,
        given,
        lanes,
        default_lanes,
        zone,
        notes,
        link,
        at,
        views,
        colors,
        mut notices,
        story,
        older,
    } = options;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut theme = theme::Theme::new(theme_kind, no_color);
    // Measured again on the theme in effect (--theme may differ from the file's).
    for (role, color) in colors.iter().filter(|_| !no_color) {
        if let Err(why) = theme.recolor(role, *color, theme_kind) {
            notices.push(format!("config: colour not used: {why}"));
        }
    }
    let name = match files {
        [] => crate::model::loader::BUILTIN_NAME.to_string(),
        [one] => one.display().to_string(),
        [first, rest @ ..] => format!("{} and {} more", first.display(), rest.len()),
    };
    let (tx, rx) = mpsc::channel();
    let tx_for_search = tx.clone();
    // With several files, the watcher merges a changed file with the others' last good
    // versions, which the loader hands it once they are read.
    let (parts_tx, parts_rx) = mpsc::channel();
    let start = StartUp {
        query,
        lanes: lanes.or(default_lanes),
        zone,
        link,
        at,
        story,
        notes: None,
        keys: Vec::new(),
    };
    // `--lanes` opens in the timeline view; the config file's lanes only group it.
    let view = if lanes.is_some() { app::View::Timeline } else { app::View::List };
    // A head of the timeline from the cache stands for the first screen only where that is
    // the start of one file's timeline (`head.rs`).
    let several = files.len() > 1 || given.iter().any(|p| p.is_dir());
    let head_first = files.len() == 1 && !several && older.is_none() && head::shows_the_start(&start, view);
    spawn_loader(files.to_vec(), (follow && several).then_some(parts_tx), older, head_first, tx.clone());
    spawn_signal_listener(tx.clone())?;
    let mut tty = terminal::enter()?;
    if let Err(e) = reader::start(tx) {
        terminal::restore();
        return Err(e);
    }
    let mut app = App::new(name);
    app.views = views;
    for notice in notices {
        app.log.push(notice);
    }
    let bytes = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).max();
    app.state = LoadState::Loading { since: Instant::now(), bytes, start: Box::new(start), head: None };
    app.view = view;
    if view == app::View::Timeline {
        app.focus = app::Focus::Axis;
    }
    app.message = (!notes.is_empty())
        .then(|| notes.join("; "))
        .or_else(|| app.log.last().map(|l| l.lines().next().unwrap_or_default().to_string()));
    app.history = history::History::load(history::History::default_dir());
    app.first_run_hint = !app.history.help_seen();
    let searcher = SearchWorker::spawn(tx_for_search.clone());
    // Kept alive for as long as the explorer runs; dropping it stops the watching.
    let _watcher = match files {
        [] => None,
        _ if !follow => None,
        files => match watch::follow(&given, files, parts_rx, tx_for_search) {
            Ok(w) => Some(w),
            Err(e) => {
                app.message = Some(format!("not following file changes: {e}"));
                None
            }
        },
    };
    if head_first {
        // Before the first frame, so that it shows events when the cache has them.
        let size = tty.size()?;
        let areas = reading::screen(Rect::new(0, 0, size.width, size.height), &app);
        app.set_viewport(areas.viewport());
        head::wait_for_head(&mut app, &rx, |app, message| handle(app, areas, message));
    }
    let result = event_loop(&mut tty, &mut app, &theme, &rx, Some(&searcher));
    terminal::restore();
    result?;
    let outcome = match (&mut app.state, app.usage_error.take()) {
        (LoadState::Failed(diagnostics), _) => Outcome::LoadFailed(std::mem::take(diagnostics)),
        (_, Some(e)) => Outcome::UsageError(e),
        _ => Outcome::Quit,
    };
    // The process is about to end: freeing a big timeline piece by piece would only delay the
    // shell's prompt (150 ms at 100,000 events).
    std::mem::forget(app);
    Ok(outcome)
}

/// Loads the timeline on a thread. With `head_first` (one file), the cache's head of it is sent
/// first (`Message::Head`, none when there is none), and written once the timeline is shown
/// when the cache had none.
fn spawn_loader(
    files: Vec<PathBuf>,
    parts_tx: Option<Sender<Vec<crate::model::remerge::Part>>>,
    older: Option<(String, Timeline)>,
    head_first: bool,
    tx: Sender<Message>,
) {
    use crate::model::open;
    let keep_parts = parts_tx.is_some();
    let opening = move |tx: &Sender<Message>| match &files[..] {
        [file] if head_first => open::open_head_first(file, crate::model::cache::active(), |head| {
            let _ = tx.send(Message::Head(head.map(Box::new)));
        }),
        files => open::open(files, keep_parts).map(|opened| (opened, None)),
    };
    guarded(tx.clone(), "loader", move || match opening(&tx) {
        Ok((opened, pending_head)) => {
            let crate::model::multi::Loaded { mut timeline, conflicts, broken_links, mut parts } =
                opened.loaded;
            if parts.is_empty() {
                // One file (of a directory followed): its part is the timeline without events.
                parts.push(crate::model::remerge::Part::new(&timeline));
            }
            if let Some(older) = older {
                crate::changes::since::mark(&mut timeline, older);
            }
            let _ = tx.send(Message::Notes(Box::new(opened.sidecar)));
            let mut notes: Vec<String> = conflicts.iter().map(|c| c.summary(&timeline.files)).collect();
            notes.extend(broken_links.iter().map(|b| b.summary(&timeline.files)));
            notes.extend(crate::model::foreign::shared_ids_note(&timeline));
            let timeline = Arc::new(timeline);
            let shown = tx.send(Message::Loaded(Box::new(Ok(Arc::clone(&timeline))))).is_ok();
            // After the timeline: the watcher asks the explorer for it when a file changes.
            if let Some(parts_tx) = parts_tx {
                let _ = parts_tx.send(parts);
            }
            if shown {
                if !notes.is_empty() {
                    let _ = tx.send(Message::Note(format!("{} (see `check`)", notes.join("; "))));
                }
                // Before the index (which takes longer at 100,000 events), so that a reader
                // who quits soon after the events show still leaves a head for the next open.
                if let Some(pending) = pending_head {
                    pending.write(&timeline);
                }
                let index = Arc::new(Index::new(&timeline));
                let _ = tx.send(Message::Indexed(timeline, index));
            }
        }
        Err(e) => {
            let _ = tx.send(Message::Loaded(Box::new(Err(e.to_string()))));
        }
    });
}

fn spawn_signal_listener(tx: Sender<Message>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = tx.send(Message::Signal(signal));
        }
    });
    Ok(())
}

/// Runs searches off the UI thread. Only the newest request matters: older ones still queued
/// are skipped, and a running one stops early when a newer one arrives.
pub struct SearchWorker {
    requests: Sender<(SearchRequest, Arc<Index>)>,
    latest: Arc<AtomicU64>,
}

impl SearchWorker {
    pub fn spawn(results: Sender<Message>) -> SearchWorker {
        let (requests, inbox) = mpsc::channel::<(SearchRequest, Arc<Index>)>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        guarded(results.clone(), "search", move || {
            while let Ok(mut job) = inbox.recv() {
                while let Ok(newer) = inbox.try_recv() {
                    job = newer;
                }
                let (request, index) = job;
                let mut found = Found::default();
                let mut abandoned = false;
                let matching = index.text.matching(&request.query.words);
                for chunk in request.candidates.chunks(4096) {
                    if newest.load(Ordering::Relaxed) != request.generation {
                        abandoned = true;
                        break;
                    }
                    found.append(index.text.find_in(chunk, &request.query, &matching));
                }
                if !abandoned && results.send(Message::SearchResults(request.generation, found)).is_err() {
                    return;
                }
            }
        });
        SearchWorker { requests, latest }
    }

    fn submit(&self, request: SearchRequest, index: Arc<Index>) {
        self.latest.store(request.generation, Ordering::Relaxed);
        let _ = self.requests.send((request, index));
    }
}

/// Carries out a search the app asked for: here when the list is small, else on the worker.
fn dispatch_search(app: &mut App, worker: Option<&SearchWorker>) {
    let Some(explorer) = app.explorer_mut() else { return };
    // Without the index, the request is kept until it arrives.
    let Some(index) = explorer.index.clone() else { return };
    let Some(candidates) = explorer.search_request().map(|r| r.candidates.len()) else { return };
    match worker {
        Some(worker) if candidates > INLINE_SEARCH_LIMIT => {
            if let Some(request) = explorer.take_search_request() {
                worker.submit(request, index);
            }
        }
        _ => explorer.run_search_here(),
    }
}

/// The loop, generic over the backend so tests can drive it on a `TestBackend`.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &theme::Theme,
    rx: &Receiver<Message>,
    searcher: Option<&SearchWorker>,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    use terminal::backend_error;
    loop {
        let size = terminal.size().map_err(backend_error)?;
        let areas = reading::screen(Rect::new(0, 0, size.width, size.height), app);
        app.set_viewport(areas.viewport());
        let frame =
            terminal.draw(|frame| ui::draw(frame, app, theme, Instant::now())).map_err(backend_error)?;
        if terminal::entered() && terminal::hyperlinks() {
            let links = ui::hyperlinks(app, frame.area);
            if !links.is_empty() {
                let buffer = frame.buffer.clone();
                terminal::write_hyperlinks(terminal.backend_mut(), &buffer, &links).map_err(backend_error)?;
            }
        }
        if app.should_quit {
            return Ok(());
        }
        // Block until something happens; wake on a timer only while something is timed (the
        // loading spinner, change marks fading).
        let deadline = if matches!(app.state, LoadState::Loading { .. }) {
            Some(Instant::now() + LOADING_TICK)
        } else {
            app.tick(Instant::now())
        };
        let first = if let Some(deadline) = deadline {
            match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) => {
                    app.tick(Instant::now());
                    None
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        } else {
            match rx.recv() {
                Ok(m) => Some(m),
                Err(_) => return Ok(()),
            }
        };
        for message in first.into_iter().chain(std::iter::from_fn(|| rx.try_recv().ok())) {
            handle(app, areas, message);
            dispatch_search(app, searcher);
            for effect in std::mem::take(&mut app.effects) {
                let said = match &effect {
                    effects::Effect::Edit { file, at } => {
                        let said = terminal::handed_over(|| effects::run_editor(file, *at))?;
                        terminal::redraw_all(terminal).map_err(backend_error)?;
                        Some(said)
                    }
                    effects::Effect::Suspend => {
                        terminal::handed_over(terminal::stop_to_shell)?;
                        terminal::redraw_all(terminal).map_err(backend_error)?;
                        None
                    }
                    _ => effects::perform(&effect, app.explorer(), &app.history),
                };
                if let effects::Effect::SaveNotes { .. } = effect {
                    app.notes_unsaved = said
                        .as_deref()
                        .and_then(|m| m.strip_prefix(effects::NOTES_NOT_SAVED))
                        .map(str::to_string);
                }
                if let Some(message) = said {
                    app.message = Some(message);
                }
            }
            app.log_message();
            if app.should_quit {
                break;
            }
        }
    }
}

/// Applies one message to the app. `areas` is the layout the user is looking at, for the mouse.
pub fn handle(app: &mut App, areas: ui::Areas, message: Message) {
    match message {
        Message::Head(head) => app.head_arrived(head),
        Message::Loaded(result) => match *result {
            Ok(timeline) => app.loaded(timeline, None),
            Err(e) => app.load_failed(e),
        },
        Message::Indexed(timeline, index) => app.indexed(&timeline, index),
        Message::SearchResults(generation, hits) => {
            if let Some(explorer) = app.explorer_mut() {
                explorer.search_results(generation, hits);
            }
        }
        Message::FileChanged(change) => app.file_changed(change, Instant::now()),
        Message::Notes(sidecar) => app.notes_read(*sidecar),
        Message::Note(note) => app.message = Some(note),
        Message::WorkerFailed(message) => app.load_failed(message),
        Message::InputClosed | Message::Signal(_) => app.should_quit = true,
        Message::Input(Event::Key(key)) => {
            // Releases would act twice on terminals that report them.
            if key.kind != KeyEventKind::Release {
                app.press(key);
            }
        }
        Message::Input(Event::Mouse(mouse)) => {
            if let Some(action) = mouse_action(app, areas, mouse) {
                app.update(action);
            }
        }
        Message::Input(_) => {} // resize and focus: the next frame redraws from the new size
    }
}

/// The action a mouse event asks for, given the layout on screen.
pub fn mouse_action(app: &App, areas: ui::Areas, mouse: event::MouseEvent) -> Option<Action> {
    let at = Position::new(mouse.column, mouse.row);
    if app.popup.is_none() && app.explorer().is_some_and(|e| e.story().is_some()) {
        // A slide fills the screen: its right half is forward, its left half back.
        return match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                Some(Action::ClickStory { right: mouse.column >= areas.status.width / 2 })
            }
            MouseEventKind::ScrollDown => Some(Action::WheelDetail { down: true }),
            MouseEventKind::ScrollUp => Some(Action::WheelDetail { down: false }),
            _ => None,
        };
    }
    let one_pane = areas.detail.is_some() && (areas.list == areas.detail || areas.timeline == areas.detail);
    let list = areas.list.filter(|_| !one_pane || !app.detail_open).map(ui::Areas::inner);
    let detail = areas.detail.filter(|_| !one_pane || app.detail_open).map(ui::Areas::inner);
    let axis = areas.axis.map(ui::Areas::axis_inner);
    let timeline = areas.timeline.filter(|_| !one_pane || !app.detail_open).map(ui::Areas::inner);
    let over_time = axis.or(timeline).is_some_and(|r| r.contains(at));
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(r) = timeline.filter(|r| r.contains(at)) {
                Some(Action::ClickTimeline {
                    column: at.x - r.x,
                    row: at.y - r.y,
                    width: r.width,
                    height: r.height,
                })
            } else if let Some(r) = list.filter(|r| r.contains(at)) {
                Some(Action::ClickList { row: at.y - r.y })
            } else if let Some(r) = detail.filter(|r| r.contains(at)) {
                Some(Action::ClickDetail { row: at.y - r.y })
            } else {
                axis.filter(|r| r.contains(at))
                    .map(|r| Action::ClickAxis { column: at.x - r.x, width: r.width })
            }
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = mouse.kind == MouseEventKind::ScrollDown;
            let zoom = mouse.modifiers.contains(event::KeyModifiers::CONTROL);
            if over_time {
                Some(Action::WheelTime { down, zoom })
            } else if detail.is_some_and(|r| r.contains(at)) && !list.is_some_and(|r| r.contains(at)) {
                Some(Action::WheelDetail { down })
            } else {
                Some(Action::WheelList { down })
            }
        }
        _ => None,
    }
}
