//! The reader's bookmarks and annotations as the explorer holds them: the sidecar read at start
//! (`model::notes`), changed here, written by the runner (`Effect::SaveNotes`).

use super::Explorer;
use crate::model::notes::{event_of, key_of};
use crate::model::search::{AnnotatedSearch, Found, SearchQuery};
use crate::model::EventIx;
use crate::text::one_line;
use std::sync::Arc;

/// One row of the bookmarks list: a bookmarked event, or a note whose event is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEntry {
    pub key: String,
    /// The event in this timeline; `None` when no event has the key any more.
    pub event: Option<EventIx>,
    pub bookmarked: bool,
    pub annotated: bool,
}

impl Explorer {
    /// Bookmarks or un-bookmarks the selected event; the message for the header.
    pub fn toggle_bookmark(&mut self) -> Result<String, String> {
        let event = self.selected_event().ok_or("no event is selected")?;
        let key = key_of(&self.timeline, event);
        let on = self.sidecar.notes.toggle_bookmark(&key);
        let count = self.sidecar.notes.bookmarks().len();
        let title = one_line(&self.timeline.events[event].title).into_owned();
        Ok(if on {
            format!(
                "bookmarked “{title}” ({count} bookmark{}; B lists them)",
                if count == 1 { "" } else { "s" }
            )
        } else {
            format!("bookmark removed from “{title}”")
        })
    }

    /// Whether some bookmarked event is annotated too: the list then gives the marks two
    /// columns, so such an event shows both `★` and `✎`.
    pub fn any_bookmarked_and_annotated(&self) -> bool {
        let annotated = |key: &String| {
            event_of(&self.timeline, key).is_some_and(|ix| self.timeline.events[ix].annotation.is_some())
        };
        self.sidecar.notes.bookmarks().iter().any(annotated)
    }

    pub fn is_bookmarked(&self, event: EventIx) -> bool {
        !self.sidecar.notes.bookmarks().is_empty()
            && self.sidecar.notes.is_bookmarked(&key_of(&self.timeline, event))
    }

    /// Sets the annotation of the event with `key` (empty text removes it) and makes the detail,
    /// the filter and the search see it. The message for the header.
    pub fn set_annotation(&mut self, key: &str, text: &str) -> String {
        let before = self.sidecar.notes.annotation(key).is_some();
        self.sidecar.notes.set_annotation(key, text);
        let after = self.sidecar.notes.annotation(key).map(str::to_string);
        if let Some(ix) = event_of(&self.timeline, key) {
            // The index is of the timeline without annotations, so it stays as it is.
            Arc::make_mut(&mut self.timeline).events[ix].annotation = after.clone();
            self.annotated = None;
            self.detail = Default::default();
            if !self.query().is_empty() {
                let query = self.query().clone();
                let _ = self.apply_query(query);
            }
        }
        match (before, after.is_some()) {
            (_, true) => "annotation saved".into(),
            (true, false) => "annotation removed".into(),
            (false, false) => "no annotation (nothing was written)".into(),
        }
    }

    /// Bookmarks in the order they were made, then notes whose event is gone (kept, listed).
    pub fn note_entries(&self) -> Vec<NoteEntry> {
        let notes = &self.sidecar.notes;
        let keys: std::collections::HashMap<String, EventIx> =
            (0..self.timeline.events.len()).map(|ix| (key_of(&self.timeline, ix), ix)).collect();
        let entry = |key: &String| NoteEntry {
            key: key.clone(),
            event: keys.get(key).copied(),
            bookmarked: notes.is_bookmarked(key),
            annotated: notes.annotation(key).is_some(),
        };
        let mut out: Vec<NoteEntry> = notes.bookmarks().iter().map(entry).collect();
        out.extend(
            notes.annotations.keys().filter(|k| !keys.contains_key(*k) && !notes.is_bookmarked(k)).map(entry),
        );
        out
    }

    /// A search's hits from the index, with annotated events judged on their annotation too.
    pub(super) fn with_annotation_hits(&mut self, query: &SearchQuery, found: Found) -> Found {
        if self.sidecar.notes.annotations.is_empty() {
            return found;
        }
        let timeline = &self.timeline;
        let annotated = self.annotated.get_or_insert_with(|| Arc::new(AnnotatedSearch::new(timeline)));
        annotated.merge_found(self.filter.shown(), query, found)
    }
}
