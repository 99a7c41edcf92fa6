//! The head of a timeline: what the explorer's first screen draws of it, kept in the cache
//! beside the whole timeline (issue #27), so a reopen shows events in its very first frame
//! while the whole entry is still being read.
//!
//! A head holds the timeline's own fields, every entity (the list's badges name them), the
//! first [`HEAD_EVENTS`] events in the order the list shows them in the timeline's zone, the
//! number of events in all, and the list's date column as the whole timeline sets it (its form
//! and width depend on every date, not only the first). Links between events are left out: the
//! first screen draws the list, never a detail, which is where links are read. So it is never
//! a second timeline: the explorer only draws it, and gives every key to the whole timeline
//! once it is there.
//!
//! There is no head where the list's first rows could be other events than the timeline's
//! first: several files, or a timeline whose own order is not the list's in its own zone
//! (`shown_order`). The cache keys it like the whole entry (the same bytes, the same program),
//! with its own magic and checksum (`cache::Kind::Head`).

use super::cache::{Cache, Entry, Key};
use super::list_dates::ListDates;
use super::shown_order::ShownOrder;
use super::sides::BadgeForm;
use super::Timeline;

/// How many events a head holds: more than any terminal shows rows.
pub const HEAD_EVENTS: usize = 200;

/// The first screen's part of a timeline.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Head {
    /// The timeline's own fields and entities, and its first events without their links.
    pub timeline: Timeline,
    /// How many events the whole timeline has.
    pub total: usize,
    /// The list's date column for the whole timeline in its own zone.
    pub list_dates: ListDates,
    /// How the list's badges read, by every event (a `by:` after the head's events counts).
    pub badge_form: BadgeForm,
}

impl Head {
    /// The head of a timeline just loaded from one file, if its list starts with its first
    /// events. The reader's annotations are not part of it (they come from the sidecar).
    pub fn of(timeline: &Timeline) -> Option<Head> {
        if timeline.is_several_files()
            || timeline.since.is_some()
            || !ShownOrder::new(timeline, &timeline.zone).is_timeline_order()
        {
            return None;
        }
        let n = timeline.events.len().min(HEAD_EVENTS);
        let events = timeline.events[..n]
            .iter()
            .map(|e| {
                let mut e = e.clone();
                e.related.clear();
                e.annotation = None;
                e
            })
            .collect();
        let head = Timeline {
            title: timeline.title.clone(),
            description: timeline.description.clone(),
            countries: timeline.countries.clone(),
            agencies: timeline.agencies.clone(),
            people: timeline.people.clone(),
            events,
            referred_by: vec![Vec::new(); n],
            zone: timeline.zone,
            extensions: timeline.extensions.clone(),
            files: timeline.files.clone(),
            shared_ids: Default::default(),
            stories: Vec::new(),
            since: None,
        };
        let list_dates = ListDates::of(timeline.events.iter().map(|e| &e.date), &timeline.zone);
        let badge_form = BadgeForm::of(timeline);
        Some(Head { timeline: head, total: timeline.events.len(), list_dates, badge_form })
    }
}

impl Entry for Head {
    fn references_hold(&self) -> bool {
        let events = self.timeline.events.len();
        self.timeline.references_hold()
            && events <= HEAD_EVENTS
            && events <= self.total
            && self.timeline.files.len() == 1
            && self.list_dates.width <= crate::model::date::LIST_DATE_WIDTH
    }

    fn rename(&mut self, name: &str) {
        self.timeline.rename(name);
    }
}

/// Where the head of a file goes once the whole timeline is there, when the cache had none.
pub struct Pending {
    pub cache: Cache,
    pub key: Key,
}

impl Pending {
    /// Writes the head of `timeline` (the whole timeline of the key's bytes), if it has one.
    pub fn write(self, timeline: &Timeline) {
        if let Some(head) = Head::of(timeline) {
            self.cache.put_head(&self.key, &head);
        }
    }
}

#[cfg(test)]
mod tests;
