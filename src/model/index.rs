//! Indexes built once per loaded timeline so that filters and search stay interactive at
//! 100,000 events: for every country, agency, person, tag and status the sorted list of events
//! it touches, every event's first and last day as plain numbers, and the lower-cased text for
//! search. A filter then combines bit sets instead of visiting every event's fields.

use super::search::SearchIndex;
use super::{EventIx, Status, Timeline};
use chrono::Datelike;
use std::collections::HashMap;

/// A set of events as bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventSet {
    words: Vec<u64>,
    len: usize,
}

impl EventSet {
    pub fn empty(len: usize) -> EventSet {
        EventSet { words: vec![0; len.div_ceil(64)], len }
    }

    pub fn full(len: usize) -> EventSet {
        let mut set = EventSet { words: vec![u64::MAX; len.div_ceil(64)], len };
        set.trim();
        set
    }

    /// Clears the bits past `len` in the last word.
    fn trim(&mut self) {
        let extra = self.words.len() * 64 - self.len;
        if extra > 0 {
            if let Some(last) = self.words.last_mut() {
                *last &= u64::MAX >> extra;
            }
        }
    }

    pub fn insert(&mut self, event: EventIx) {
        self.words[event / 64] |= 1 << (event % 64);
    }

    pub fn insert_all(&mut self, events: &[u32]) {
        for &e in events {
            self.insert(e as usize);
        }
    }

    pub fn intersect(&mut self, other: &EventSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    pub fn union(&mut self, other: &EventSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    pub fn subtract(&mut self, other: &EventSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !b;
        }
    }

    /// Bytes on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * 8
    }

    pub fn contains(&self, event: EventIx) -> bool {
        self.words.get(event / 64).is_some_and(|w| w & (1 << (event % 64)) != 0)
    }

    /// The members in increasing order.
    pub fn to_vec(&self) -> Vec<EventIx> {
        let mut out = Vec::new();
        for (w, &word) in self.words.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                out.push(w * 64 + bits.trailing_zeros() as usize);
                bits &= bits - 1;
            }
        }
        out
    }
}

/// Which events each facet value touches, and every event's days.
pub struct FacetIndex {
    pub countries: Vec<Vec<u32>>,
    /// Events that list the agency itself (sub-agencies are added by the filter).
    pub agencies: Vec<Vec<u32>>,
    pub people: Vec<Vec<u32>>,
    /// By folded tag (lower case, no accents).
    pub tags: HashMap<String, Vec<u32>>,
    pub statuses: [Vec<u32>; 4],
    /// First and last day of every event, as days from the common era.
    pub first_days: Vec<i32>,
    pub last_days: Vec<i32>,
}

impl FacetIndex {
    pub fn new(t: &Timeline) -> FacetIndex {
        let mut index = FacetIndex {
            countries: vec![Vec::new(); t.countries.len()],
            agencies: vec![Vec::new(); t.agencies.len()],
            people: vec![Vec::new(); t.people.len()],
            tags: HashMap::new(),
            statuses: Default::default(),
            first_days: Vec::with_capacity(t.events.len()),
            last_days: Vec::with_capacity(t.events.len()),
        };
        for (i, e) in t.events.iter().enumerate() {
            let i = i as u32;
            for c in t.involved_countries(e) {
                index.countries[c].push(i);
            }
            for &a in &e.agencies {
                if index.agencies[a].last() != Some(&i) {
                    index.agencies[a].push(i);
                }
            }
            for p in &e.people {
                if index.people[p.person].last() != Some(&i) {
                    index.people[p.person].push(i);
                }
            }
            for tag in &e.tags {
                let list = index.tags.entry(super::fold::fold(tag)).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            let status = Status::ALL.iter().position(|s| *s == e.status).unwrap_or(0);
            index.statuses[status].push(i);
            index.first_days.push(e.date.first_day().num_days_from_ce());
            index.last_days.push(e.date.last_day().num_days_from_ce());
        }
        index
    }
}

/// Everything a loaded timeline is indexed by.
pub struct Index {
    pub facets: FacetIndex,
    pub text: SearchIndex,
}

impl Index {
    pub fn new(timeline: &Timeline) -> Index {
        Index { facets: FacetIndex::new(timeline), text: SearchIndex::new(timeline) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_sets() {
        let mut a = EventSet::empty(130);
        a.insert_all(&[0, 63, 64, 129]);
        assert_eq!(a.to_vec(), vec![0, 63, 64, 129]);
        let full = EventSet::full(130);
        assert_eq!(full.to_vec().len(), 130);
        let mut b = full.clone();
        b.subtract(&a);
        assert_eq!(b.to_vec().len(), 126);
        b.intersect(&a);
        assert!(b.to_vec().is_empty());
        b.union(&a);
        assert_eq!(b, a);
    }
}
