//! What the loop waits for: one channel that every thread (keys, signals, the loader, the
//! watcher, the search worker) sends on, and the guard that turns a thread's panic into a
//! message. A leaf the threads import without importing the runner.

use super::watch;
use crate::model::index::Index;
use crate::model::search::Found;
use crate::model::Timeline;
use ratatui::crossterm::event::Event;
use std::sync::mpsc::Sender;
use std::sync::Arc;

/// What the loop waits for.
pub enum Message {
    Input(Event),
    /// The terminal cannot be read any more (it went away).
    InputClosed,
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT.
    Signal(i32),
    /// The head of the timeline from the cache, or none, sent before it (`head.rs`).
    Head(Option<Box<crate::model::head::Head>>),
    /// The timeline, as soon as it is parsed and checked (the index follows).
    Loaded(Box<Result<Arc<Timeline>, String>>),
    /// The index of a loaded timeline, built after it so the events show sooner.
    Indexed(Arc<Timeline>, Arc<Index>),
    /// Results of the search with this generation.
    SearchResults(u64, Found),
    /// The followed file changed on disk.
    FileChanged(watch::Change),
    /// The bookmarks and annotations, read before the timeline is sent.
    Notes(Box<crate::model::notes::Sidecar>),
    /// Something the reader should know once the timeline shows (files that disagree).
    Note(String),
    /// A background thread failed (a bug); the explorer ends and says so.
    WorkerFailed(String),
}

/// Runs a background thread's work; a panic becomes a message that ends the explorer cleanly
/// instead of a thread that silently stopped.
pub fn guarded(tx: Sender<Message>, what: &'static str, work: impl FnOnce() + Send + 'static) {
    std::thread::spawn(move || {
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).is_err() {
            let _ = tx
                .send(Message::WorkerFailed(format!("internal error: the {what} thread failed (see above)")));
        }
    });
}
