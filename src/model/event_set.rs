//! A set of events as bits: what filters combine (the index's lists turned into sets) and the
//! word index answers with. A leaf of the model, so the index, search and words share it without
//! importing each other in a ring.

use super::EventIx;

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
