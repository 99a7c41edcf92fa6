//! The first frame of a reopen, drawn from the cache's head of the timeline (`model::head`)
//! while the whole timeline is still being read: the list's first rows as they will be, the
//! header saying "first 200 of 100000 events — loading the rest". It is only drawn: the app
//! stays `Loading`, so every key is kept and pressed on the whole timeline once it is there
//! (`early_keys.rs`), which starts, as the head does, at its first event.
//!
//! A head is shown only where the command line leaves the first screen as the timeline's start:
//! one file, the list view, no filter, no `--tz`, no deep link, no `--at`, no story, no
//! `--changes` (`shows_the_start`). Anything else waits for the whole timeline, as before.

use super::app::{App, LoadState, StartUp, View};
use super::message::Message;
use crate::explorer::{Explorer, Viewport};
use crate::model::head::Head;
use ratatui::style::Style;
use ratatui::text::Span;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the first frame waits for the head; past it, the loading screen is drawn (and a
/// head that comes later replaces it, until the timeline is there).
pub const HEAD_WAIT: Duration = Duration::from_millis(50);

/// Sets another wait in milliseconds: for the end-to-end tests, whose debug build on a busy
/// machine may take longer than `HEAD_WAIT` to read a head, and for trying it on a slow disk.
pub const HEAD_WAIT_VARIABLE: &str = "TIMELINE_EXPLORER_HEAD_WAIT_MS";

fn head_wait() -> Duration {
    std::env::var(HEAD_WAIT_VARIABLE)
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(HEAD_WAIT, Duration::from_millis)
}

/// A head ready to draw: an explorer over its events with the whole timeline's date column.
pub struct HeadView {
    pub explorer: Explorer,
    /// How many events the whole timeline has.
    pub total: usize,
}

impl HeadView {
    pub fn new(head: Head, viewport: Viewport) -> HeadView {
        let Head { timeline, total, list_dates, badge_form } = head;
        let mut explorer = Explorer::new(Arc::new(timeline), None, viewport);
        explorer.list_dates = list_dates;
        explorer.date_width = list_dates.width;
        explorer.badge_form = badge_form;
        HeadView { explorer, total }
    }

    /// The header's words after the title.
    pub fn counts(&self) -> String {
        match self.explorer.timeline.events.len() {
            n if n == self.total => format!("  {n} events — loading"),
            n => format!("  first {n} of {} events — loading the rest", self.total),
        }
    }
}

/// Whether the first screen the command line asks for is the timeline's start, so a head can
/// stand for it (`view` is the view the explorer opens in).
pub fn shows_the_start(start: &StartUp, view: View) -> bool {
    let StartUp { query, lanes: _, zone, link, at, story, notes: _, keys: _ } = start;
    // `lanes` only groups the timeline view when switched to; `view` says where it opens.
    view == View::List
        && query.is_empty()
        && zone.is_none()
        && link.is_none()
        && at.is_none()
        && story.is_none()
}

impl App {
    /// The loader's head of the timeline, or none: drawn until the timeline arrives, if the
    /// first screen is the timeline's start.
    pub fn head_arrived(&mut self, head: Option<Box<Head>>) {
        let viewport = self.viewport;
        let view = self.view;
        if let (LoadState::Loading { start, head: slot, .. }, Some(head)) = (&mut self.state, head) {
            if shows_the_start(start, view) {
                *slot = Some(Box::new(HeadView::new(*head, viewport)));
            }
        }
    }

    /// The head being drawn, while the timeline loads.
    pub fn head(&self) -> Option<&HeadView> {
        match &self.state {
            LoadState::Loading { head, .. } => head.as_deref(),
            _ => None,
        }
    }
}

/// Waits at most `HEAD_WAIT` (or `HEAD_WAIT_VARIABLE`'s) for the loader's word on the head,
/// before the first frame.
/// Anything else that arrives meanwhile is handled by `handle`, in order.
pub fn wait_for_head(app: &mut App, rx: &Receiver<Message>, mut handle: impl FnMut(&mut App, Message)) {
    let deadline = Instant::now() + head_wait();
    while matches!(app.state, LoadState::Loading { .. }) {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Message::Head(head)) => {
                app.head_arrived(head);
                return;
            }
            Ok(message) => handle(app, message),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// The header's spans while a head is drawn: the title, and how much of the timeline is shown.
pub fn header_spans(head: &HeadView, title: Style, dim: Style) -> Vec<Span<'static>> {
    vec![
        Span::styled(crate::text::one_line(&head.explorer.timeline.title).into_owned(), title),
        Span::styled(head.counts(), dim),
    ]
}

/// What the detail pane says while a head is drawn (the detail reads links the head has not).
pub fn detail_note(head: &HeadView) -> String {
    format!("The detail follows once all {} events are read.", head.total)
}

#[cfg(test)]
mod tests;
