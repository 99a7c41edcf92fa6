//! The zone shown decides the list's order and its days (issue 25): `visible` is in the order
//! `model::shown_order` gives for `zone`, and the list's days (year headings, date jumps, the
//! time range) are the days events are shown on there, not in the timeline's zone.
//!
//! Where that order is the timeline's own (its zone, the common case), `visible` is sorted by
//! event index as before; elsewhere the few places that need index order (lanes, the strip,
//! the search's candidates) ask for `visible_by_index`.

use super::Explorer;
use crate::model::shown_order::ShownOrder;
use crate::model::EventIx;
use chrono::NaiveDate;
use std::borrow::Cow;

impl Explorer {
    /// Where an event is in the list, if it is shown.
    pub fn position_of(&self, event: EventIx) -> Option<usize> {
        self.shown_order.position(self.visible(), event)
    }

    /// The shown events by event index (the timeline's order), for what reads them that way.
    pub fn visible_by_index(&self) -> Cow<'_, [EventIx]> {
        if self.shown_order.is_timeline_order() {
            Cow::Borrowed(self.visible())
        } else {
            let mut events = self.visible().to_vec();
            events.sort_unstable();
            Cow::Owned(events)
        }
    }

    /// The first day an event is shown on in the zone shown.
    pub fn shown_first_day(&self, event: EventIx) -> NaiveDate {
        self.timeline.events[event].date.days_in(self.zone()).0
    }

    /// Puts `visible` in the order of the zone shown.
    pub(super) fn order_visible(&mut self) {
        if !self.shown_order.is_timeline_order() {
            self.filter.reorder(&self.shown_order);
        }
    }

    /// After the zone shown changed: the order and the days follow it; the selection stays on
    /// its event.
    pub(super) fn follow_shown_zone(&mut self) {
        self.shown_order = ShownOrder::new(&self.timeline, self.zone());
        let previous = self.selected_event();
        self.filter.reorder(&self.shown_order);
        self.after_visible_changed(previous);
    }

    /// Of `events` (sorted by index), the first after (or before) the selection in list order,
    /// round and round; and its place among them in list order (from 1), and whether it wrapped.
    pub(super) fn next_in_list_order(
        &self,
        events: &[EventIx],
        forward: bool,
    ) -> Option<(EventIx, usize, bool)> {
        let current = self.selected_event().map_or(0, |e| self.shown_order.rank(e));
        let rank = |e: &&EventIx| self.shown_order.rank(**e);
        let next = if forward {
            events
                .iter()
                .filter(|e| rank(e) > current)
                .min_by_key(rank)
                .or_else(|| events.iter().min_by_key(rank))
        } else {
            events
                .iter()
                .filter(|e| rank(e) < current)
                .max_by_key(rank)
                .or_else(|| events.iter().max_by_key(rank))
        };
        let event = *next?;
        let at = events.iter().filter(|e| rank(e) <= self.shown_order.rank(event)).count();
        let wrapped = if forward {
            self.shown_order.rank(event) <= current
        } else {
            self.shown_order.rank(event) >= current
        };
        Some((event, at, wrapped))
    }

    /// Where the files read together use different zones: which files use another than the
    /// one shown ("2 files use other zones: b (Asia/Tokyo), c (UTC)").
    pub fn zone_note(&self) -> Option<String> {
        crate::model::file_zones::note_for(&self.timeline, &self.file_zones, self.zone())
    }

    /// Of `events`, the first in list order.
    pub(super) fn first_in_list_order(&self, events: &[EventIx]) -> Option<EventIx> {
        events.iter().copied().min_by_key(|&e| self.shown_order.rank(e))
    }
}
