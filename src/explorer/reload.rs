//! A new version of the followed file: the explorer keeps what the reader was doing (the
//! selection by id, the filter, the search, the scroll) and marks the events that changed.

use super::Explorer;
use crate::model::index::Index;
use crate::model::{Event, EventIx, Timeline};
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long changed events stay marked after a reload.
pub const CHANGE_MARK: Duration = Duration::from_secs(3);

/// A fingerprint of what a reader sees of an event, to tell which events a save changed.
fn signature(t: &Timeline, e: &Event) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&e.title, e.date, e.status, &e.summary, &e.outcomes, &e.notes, &e.tags).hash(&mut h);
    for &c in &e.countries {
        t.countries[c].id.hash(&mut h);
    }
    for &a in &e.agencies {
        t.agencies[a].id.hash(&mut h);
    }
    for p in &e.people {
        (&t.people[p.person].id, &p.role).hash(&mut h);
    }
    for q in &e.quotes {
        (&q.text, t.speaker_name(&q.by), &q.source).hash(&mut h);
    }
    for s in &e.sources {
        (&s.title, &s.publisher, &s.url).hash(&mut h);
    }
    for l in &e.related {
        (&t.events[l.event].id, &l.kind).hash(&mut h);
    }
    if let Some(l) = &e.location {
        (&l.place, l.country.map(|c| &t.countries[c].id)).hash(&mut h);
    }
    e.extensions.len().hash(&mut h);
    h.finish()
}

impl Explorer {
    /// Takes the new version; returns the message for the header.
    pub fn reload(&mut self, timeline: Arc<Timeline>, index: Arc<Index>, now: Instant) -> String {
        self.annotated = None;
        let old = Arc::clone(&self.timeline);
        // Events are known by their qualified ids (`stem#id` where files share an id).
        let selected =
            self.selected_event().map(|e| (old.qualified_id(e).into_owned(), old.events[e].date.first_day()));
        let top_id = self.visible().get(self.list_offset()).map(|&e| old.qualified_id(e).into_owned());
        let compared = super::reload_summary::compare(&old, &timeline, |i, j| {
            signature(&old, &old.events[i]) == signature(&timeline, &timeline.events[j])
        });

        // A fresh explorer for the new data, then what the reader had carried over. History
        // is dropped: its positions point at other events now.
        let mut fresh = Explorer::new(Arc::clone(&timeline), Some(index), self.viewport);
        fresh.time.set_axis(self.time.axis());
        fresh.lanes.grouping = self.lanes.grouping;
        fresh.lanes.offset = self.lanes.offset;
        fresh.lanes.current = self.lanes.current;
        fresh.mark = self.mark.and_then(|m| timeline.event_index(&old.qualified_id(m)));
        // The reader's notes are the reader's, not the file's: without them the next save
        // would write an empty sidecar over the bookmarks and annotations.
        fresh.sidecar = std::mem::take(&mut self.sidecar);
        if *self.zone() != old.zone {
            // The reader chose a zone: keep it (events placed on the axis in it); else follow
            // the file's.
            // (Its message is the reader's own choice said again: not needed here.)
            let _ = fresh.set_zone(*self.zone());
        }
        fresh.search = self.search.carried_over();
        let query = self.query().clone();
        let detail_scroll = self.detail_scroll();
        if let Err(e) = fresh.apply_query(query.clone()) {
            // Shown in the header as not applied, kept for editing.
            fresh.filter.not_in_effect(query, e);
            fresh.refresh_lanes(); // everything is shown, grouped as before
        }
        if fresh.search.current().is_some() {
            fresh.request_search(); // the matches were positions in the old version
        }
        // The same event by id; if it is gone, the nearest in time to where it was.
        if let Some((id, day)) = selected {
            match timeline.event_index(&id) {
                Some(event) if fresh.select_event(event) => fresh.set_detail_scroll(detail_scroll),
                _ => {
                    if let Some(position) = fresh.nearest_to(day) {
                        fresh.select(position);
                    }
                }
            }
        }
        // The same event at the top of the list, if the selection is still drawn from there.
        if let Some(position) =
            top_id.and_then(|id| timeline.event_index(&id)).and_then(|top| fresh.position_of(top))
        {
            let list = super::shown_list(
                &fresh.timeline,
                &fresh.filter,
                &fresh.changes_shown,
                &fresh.time,
                fresh.viewport.list_rows,
            );
            fresh.selection.scroll_to(position, &list);
        }
        fresh.keep_selection_visible();
        fresh.changed = compared.marked;
        fresh.changed_until = Some(now + CHANGE_MARK);
        *self = fresh;
        compared.message
    }

    /// Clears the change marks once their time is up; returns when to call again, if ever.
    pub fn tick(&mut self, now: Instant) -> Option<Instant> {
        match self.changed_until {
            Some(until) if now >= until => {
                self.changed.clear();
                self.changed_until = None;
                None
            }
            other => other,
        }
    }

    pub fn is_changed(&self, event: EventIx) -> bool {
        self.changed.binary_search(&event).is_ok()
    }
}
