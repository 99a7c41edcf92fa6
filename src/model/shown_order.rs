//! The order events are listed in for a zone shown (issue 25): by the day each is shown on in
//! that zone; on one day, whole-day events (a date without a time: a day, month or year) first,
//! then timed ones by instant; then by where each ends; then in timeline order.
//!
//! The timeline keeps its own order (by instant, `DateSpec::chronological`); in its own zone the
//! two agree, so nothing is re-sorted. In another zone they can differ: a Tokyo file's whole day
//! 2000-01-01 starts at 15:00 UTC the day before, and a time at 23:00 UTC that evening is shown
//! on 1999-12-31, so in UTC it is listed first. `list`, the explorer's list (after `T` or with
//! `--tz`), `--plain` and exports all list through this one rule.

use super::{DateSpec, EventIx, Timeline, Zone};
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::sync::Arc;

/// What an event is listed by in a zone: its first day shown there, whether it starts with a
/// time (whole days first), its first and last instant.
pub fn key(date: &DateSpec, zone: &Zone) -> (NaiveDate, bool, i64, i64) {
    (date.days_in(zone).0, date.start.time.is_some(), date.start_instant(), date.end_instant())
}

/// The listing order of two dates in a zone (equal ones keep timeline order).
pub fn compare(a: &DateSpec, b: &DateSpec, zone: &Zone) -> Ordering {
    key(a, zone).cmp(&key(b, zone))
}

/// The listing order for one zone: each event's place in it, or nothing when it is the
/// timeline's own order (the common case: then lists are already in it and nothing is sorted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShownOrder {
    rank: Option<Arc<[u32]>>,
}

impl ShownOrder {
    pub fn new(timeline: &Timeline, zone: &Zone) -> ShownOrder {
        let keys: Vec<_> = timeline.events.iter().map(|e| key(&e.date, zone)).collect();
        if keys.windows(2).all(|w| w[0] <= w[1]) {
            return ShownOrder { rank: None };
        }
        let mut order: Vec<u32> = (0..keys.len() as u32).collect();
        // Stable: equal keys keep timeline order.
        order.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        let mut rank = vec![0u32; keys.len()];
        for (place, &event) in order.iter().enumerate() {
            rank[event as usize] = place as u32;
        }
        ShownOrder { rank: Some(rank.into()) }
    }

    /// Whether this order is the timeline's own (lists sorted by event index are in it).
    pub fn is_timeline_order(&self) -> bool {
        self.rank.is_none()
    }

    /// An event's place in the order (its index where the order is the timeline's).
    pub fn rank(&self, event: EventIx) -> usize {
        match &self.rank {
            Some(rank) => rank[event] as usize,
            None => event,
        }
    }

    /// Puts events (each once, in any order) in this order.
    pub fn sort(&self, events: &mut [EventIx]) {
        match &self.rank {
            Some(rank) => events.sort_unstable_by_key(|&e| rank[e]),
            None => events.sort_unstable(),
        }
    }

    /// Where `event` is in `events` (in this order), if it is there.
    pub fn position(&self, events: &[EventIx], event: EventIx) -> Option<usize> {
        let wanted = self.rank(event);
        events.binary_search_by_key(&wanted, |&e| self.rank(e)).ok()
    }
}

/// `events` (in timeline order) in the listing order for `zone`.
pub fn in_shown_order(timeline: &Timeline, zone: &Zone, mut events: Vec<EventIx>) -> Vec<EventIx> {
    let order = ShownOrder::new(timeline, zone);
    if !order.is_timeline_order() {
        order.sort(&mut events);
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;

    fn tokyo() -> Timeline {
        let yaml = "title: t\ntimezone: Asia/Tokyo\nevents:\n\
            - {id: day, title: Day, date: \"2000-01-01\"}\n\
            - {id: morning, title: Morning, date: \"2000-01-01T08:00\"}\n\
            - {id: evening, title: Evening, date: \"2000-01-02T01:00\"}\n";
        load_str("t", yaml).unwrap()
    }

    #[test]
    fn in_its_own_zone_the_timeline_order_is_kept() {
        let t = tokyo();
        let order = ShownOrder::new(&t, &t.zone);
        assert!(order.is_timeline_order());
        assert_eq!(in_shown_order(&t, &t.zone, vec![0, 1, 2]), [0, 1, 2]);
    }

    #[test]
    fn in_utc_a_time_shown_the_day_before_comes_before_the_whole_day() {
        // 08:00 in Tokyo is 23:00 UTC on 1999-12-31; 01:00 on the 2nd is 16:00 UTC on the 1st.
        let t = tokyo();
        let utc = Zone::Utc;
        let order = ShownOrder::new(&t, &utc);
        assert!(!order.is_timeline_order());
        let listed = in_shown_order(&t, &utc, vec![0, 1, 2]);
        let shown: Vec<String> = listed.iter().map(|&e| t.events[e].date.human_in(&utc)).collect();
        assert_eq!(shown, ["1999-12-31 23:00", "2000-01-01", "2000-01-01 16:00"]);
        assert_eq!(order.position(&listed, 0), Some(1));
        assert_eq!(order.position(&[1, 2], 0), None);
    }
}
