//! A new version of the followed file: the explorer keeps what the reader was doing (the
//! selection by id, the filter, the search, the scroll) and marks the events that changed.

use super::Explorer;
use crate::model::index::Index;
use crate::model::remerge::{self, Part};
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

/// What a reload needs of the version shown, read before that version is taken apart (with
/// several files the new version is merged from its events, which are moved, not copied).
pub struct Before {
    /// The selected event's qualified id and first day.
    selected: Option<(String, chrono::NaiveDate)>,
    /// The event at the top of the list.
    top_id: Option<String>,
    /// The event `m` marked.
    mark: Option<String>,
    /// What `reload_summary::compare` reads of the version shown: its files and each event's
    /// id, title, date and file (`outline`).
    outline: Timeline,
    /// What the reader saw of each event, by its place in `outline`.
    signatures: Vec<u64>,
    /// The timeline's own zone.
    zone: crate::model::Zone,
}

/// What `reload_summary::compare` reads of a version, and no more: its files, the ids they
/// share, and each event's id, title, date and file. The rest of each event (summary, quotes,
/// sources: most of its memory) is left out, so the old version's events need not be held
/// while the new one is merged from them.
fn outline(t: &Timeline) -> Timeline {
    let event = |e: &Event| Event {
        id: e.id.clone(),
        title: e.title.clone(),
        date: e.date,
        status: e.status,
        location: None,
        countries: Vec::new(),
        agencies: Vec::new(),
        people: Vec::new(),
        by: Vec::new(),
        tags: Vec::new(),
        summary: None,
        outcomes: Vec::new(),
        quotes: Vec::new(),
        sources: Vec::new(),
        related: Vec::new(),
        notes: None,
        zone: None,
        extensions: Vec::new(),
        annotation: None,
        file_order: e.file_order,
        file: e.file,
        elsewhere: Vec::new(),
    };
    Timeline {
        files: t.files.clone(),
        shared_ids: t.shared_ids.clone(),
        events: t.events.iter().map(event).collect(),
        ..Timeline::default()
    }
}

impl Explorer {
    /// Takes the new version; returns the message for the header.
    pub fn reload(&mut self, timeline: Arc<Timeline>, index: Arc<Index>, now: Instant) -> String {
        let before = self.before_reload();
        self.reload_from(before, timeline, Some(index), now)
    }

    /// What `reload_from` needs of the version shown.
    pub fn before_reload(&self) -> Before {
        let old = &self.timeline;
        // Events are known by their qualified ids (`stem#id` where files share an id).
        Before {
            selected: self
                .selected_event()
                .map(|e| (old.qualified_id(e).into_owned(), old.events[e].date.first_day())),
            top_id: self.visible().get(self.list_offset()).map(|&e| old.qualified_id(e).into_owned()),
            mark: self.mark.map(|m| old.qualified_id(m).into_owned()),
            outline: outline(old),
            signatures: old.events.iter().map(|e| signature(old, e)).collect(),
            zone: old.zone,
        }
    }

    /// Takes the new version, given what [`Explorer::before_reload`] read of the one shown
    /// (which may be gone by now); without its index, until it arrives (`indexed`). Returns
    /// the message for the header.
    pub fn reload_from(
        &mut self,
        before: Before,
        timeline: Arc<Timeline>,
        index: Option<Arc<Index>>,
        now: Instant,
    ) -> String {
        self.annotated = None;
        let Before { selected, top_id, mark, outline, signatures, zone } = before;
        let compared = super::reload_summary::compare(&outline, &timeline, |i, j| {
            signatures[i] == signature(&timeline, &timeline.events[j])
        });
        drop((outline, signatures));

        // A fresh explorer for the new data, then what the reader had carried over. History
        // is dropped: its positions point at other events now.
        let mut fresh = Explorer::new(Arc::clone(&timeline), index, self.viewport);
        fresh.time.set_axis(self.time.axis());
        fresh.lanes.grouping = self.lanes.grouping;
        fresh.lanes.offset = self.lanes.offset;
        fresh.lanes.current = self.lanes.current;
        fresh.mark = mark.and_then(|m| timeline.event_index(&m));
        // The reader's notes are the reader's, not the file's: without them the next save
        // would write an empty sidecar over the bookmarks and annotations.
        fresh.sidecar = std::mem::take(&mut self.sidecar);
        if *self.zone() != zone {
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

    /// Several files, some of them changed: `fresh` holds each one's new version, by its place
    /// among the files `parts` describe (the files the timeline shown was merged from). Merges
    /// them with the other files' events, moved out of the timeline shown — copied only if
    /// something else still holds it —, and takes the result as `reload` does, its index to
    /// follow (`indexed`). The reader's notes follow renamed events. Returns the header's
    /// message and the notes followed (old key, new key).
    pub fn merge_again(
        &mut self,
        parts: &[Part],
        fresh: Vec<(usize, Timeline)>,
        now: Instant,
    ) -> (String, Vec<(String, String)>) {
        let before = self.before_reload();
        let notes = &self.sidecar.notes;
        // Notes can only follow a rename of an event they name now: those named nowhere now
        // are told apart, and the files' versions kept for the rare rename (`follow_renames`).
        let missing_before = (!notes.is_empty()).then(|| notes.missing(&self.timeline));
        let new_parts: Option<Vec<Part>> = missing_before.as_ref().map(|_| {
            let mut new_parts = parts.to_vec();
            fresh.iter().for_each(|(i, t)| new_parts[*i] = Part::new(t));
            new_parts
        });
        let since = self.timeline.since.clone();
        // The old index and annotated search go first: the new ones are built for the new
        // version.
        self.index = None;
        self.annotated = None;
        let shown = Arc::unwrap_or_clone(std::mem::take(&mut self.timeline));
        let (merged, replaced) = remerge::merge_again(shown, parts, fresh);
        let mut timeline = merged.timeline;
        let mut followed = Vec::new();
        if let (Some(missing_before), Some(new_parts)) = (missing_before, new_parts) {
            let notes = &mut self.sidecar.notes;
            let gone_now = notes.missing(&timeline).iter().any(|k| missing_before.binary_search(k).is_err());
            if gone_now {
                // The version shown, merged again from the changed files' old versions (as
                // merging from scratch would give it: a property test of `remerge`).
                let old = remerge::merge_again(timeline.clone(), &new_parts, replaced).0.timeline;
                followed = notes.carry_over(&old, &mut timeline);
            } else {
                notes.annotate(&mut timeline);
            }
        }
        timeline.since = since.map(|s| s.again(&timeline));
        let message = self.reload_from(before, Arc::new(timeline), None, now);
        (message, followed)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{load_str, multi};

    const A: &str = "title: A\nevents:\n  - {id: e, title: A e, date: 2016-01}\n  - {id: a1, title: A one, date: 2016-03}\n";
    const B: &str = "title: B\nevents:\n  - {id: e, title: B e, date: 2016-02}\n  - {id: x, title: The summit in May, date: 2016-05}\n  - {id: y, title: Y, date: 2016-06}\n";
    const C: &str = "title: C\nevents:\n  - {id: c1, title: C one, date: 2016-04, related: [b#x]}\n  - {id: c2, title: C two, date: 2016-07}\n";
    /// B's new version: `e` retitled, `x` renamed to `x2` (same date and title), `z` added.
    const B2: &str = "title: B\nevents:\n  - {id: e, title: B e changed, date: 2016-02}\n  - {id: x2, title: The summit in May, date: 2016-05}\n  - {id: y, title: Y, date: 2016-06}\n  - {id: z, title: Z, date: 2016-08}\n";

    fn files(b: &str) -> Vec<Timeline> {
        [("a.yaml", A), ("b.yaml", b), ("c.yaml", C)].iter().map(|(n, t)| load_str(n, t).unwrap()).collect()
    }

    /// The three files shown, with notes on events of the changed file and of another, and an
    /// event of another file selected.
    fn shown() -> Explorer {
        let mut explorer = crate::explorer::testing::explorer(multi::merge(files(B)).timeline);
        let notes = &mut explorer.sidecar.notes;
        notes.toggle_bookmark("x");
        notes.set_annotation("b#e", "the reader's");
        notes.set_annotation("c1", "mine");
        let mut timeline = (*explorer.timeline).clone();
        notes.annotate(&mut timeline);
        let mut explorer = Explorer { timeline: Arc::new(timeline), ..explorer };
        let c2 = explorer.timeline.find_event("c2").unwrap();
        assert!(explorer.select_event(c2));
        explorer
    }

    #[test]
    fn merging_again_shows_what_reloading_every_file_shows() {
        let now = Instant::now();
        // As the app takes one file's new version: the notes carried over, then `reload`.
        let mut reloaded = shown();
        let mut fresh = multi::merge(files(B2)).timeline;
        let followed_by_reload = reloaded.sidecar.notes.carry_over(&reloaded.timeline, &mut fresh);
        let index = Arc::new(Index::new(&fresh));
        let said_by_reload = reloaded.reload(Arc::new(fresh), index, now);

        let mut merged = shown();
        let parts: Vec<Part> = files(B).iter().map(Part::new).collect();
        let b2 = load_str("b.yaml", B2).unwrap();
        let (said, followed) = merged.merge_again(&parts, vec![(1, b2)], now);

        assert_eq!(said, said_by_reload);
        // `z` added, `x` renamed `x2`; `b#e` changed, and `c1`, whose link to `b#x` has nothing
        // to reach now.
        assert_eq!(said, "reloaded; 1 event added: “Z”; 1 event renamed: x → x2; 2 events changed");
        // The same words and marks as comparing the whole old version (not its outline).
        let (old, new) = (shown().timeline, &merged.timeline);
        let whole = crate::explorer::reload_summary::compare(&old, new, |i, j| {
            signature(&old, &old.events[i]) == signature(new, &new.events[j])
        });
        assert_eq!((said.as_str(), &merged.changed), (whole.message.as_str(), &whole.marked));
        assert_eq!(followed, followed_by_reload);
        assert_eq!(followed, [("x".to_string(), "x2".to_string())]);
        assert_eq!(merged.timeline, reloaded.timeline);
        assert_eq!(merged.sidecar.notes.bookmarks(), ["x2"]);
        assert_eq!(merged.sidecar.notes.annotation("b#e"), Some("the reader's"));
        assert_eq!(merged.selected_event(), reloaded.selected_event());
        assert_eq!(merged.visible(), reloaded.visible());
        assert_eq!(merged.changed, reloaded.changed);
        // Its index is built off the UI thread and comes later.
        assert!(merged.index.is_none());
    }

    #[test]
    fn a_timeline_held_elsewhere_is_copied_not_taken_apart() {
        let mut explorer = shown();
        let held = Arc::clone(&explorer.timeline);
        let before = (*held).clone();
        let parts: Vec<Part> = files(B).iter().map(Part::new).collect();
        explorer.merge_again(&parts, vec![(1, load_str("b.yaml", B2).unwrap())], Instant::now());
        assert_eq!(*held, before);
        assert!(explorer.timeline.find_event("z").is_ok());
    }
}
