//! What a keystroke of the explorer's search needs: the matching events and the best of them,
//! without scoring every match.
//!
//! `SearchIndex::search` scores every hit, reading its title, id and names from the 57 MB search
//! text at 100,000 events, one fetch from memory per hit (110–145 ns each at 74,000–93,000 hits).
//! The explorer uses the scores only to pick the best match, so `find` reads the titles alone,
//! from a compact store of their own (`Titles`), and stops scoring once a title starts with the
//! whole search (nothing can beat that score). Only when no title holds the search does it read
//! ids and names, from the first exact match on, until one holds it.
//!
//! The invariant, checked by a property test against `search`: the matches are the events of
//! `search`'s hits, and the best is `search`'s highest-scoring hit (among equals, the first).

use super::{Hit, SearchIndex, SearchQuery, WholeText};
use crate::model::words::WordHits;
use crate::model::EventIx;

/// The score of a title that starts with the whole search: the highest any event can have.
const BEST_POSSIBLE: u32 = 5200;

/// The folded titles of every event, one after the other.
pub(super) struct Titles {
    text: String,
    /// Where each title starts in `text` (and, last, where the last one ends).
    starts: Vec<u32>,
}

impl Titles {
    /// The titles as they begin each event's search text (`texts[e]` up to its first line break).
    pub(super) fn new<'t>(texts: impl Iterator<Item = &'t str>) -> Titles {
        let mut text = String::new();
        let mut starts = vec![0];
        for one in texts {
            text.push_str(one.split('\n').next().unwrap_or(""));
            starts.push(u32::try_from(text.len()).expect("titles under 4 GB"));
        }
        text.shrink_to_fit();
        Titles { text, starts }
    }

    fn title(&self, event: EventIx) -> &str {
        &self.text[self.starts[event] as usize..self.starts[event + 1] as usize]
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.starts.capacity() * 4
    }
}

/// The matches of a search and the best of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The matching events, in candidate order.
    pub matches: Vec<EventIx>,
    /// The highest-scoring match; among equals, the first.
    pub best: Option<Hit>,
}

impl Found {
    /// The matches and the best of `hits` (in candidate order), as `find` gives them.
    pub fn of_hits(hits: &[Hit]) -> Found {
        Found {
            matches: hits.iter().map(|h| h.event).collect(),
            best: hits.iter().rev().max_by_key(|h| h.score).copied(),
        }
    }

    /// Adds what was found among candidates that come after this one's.
    pub fn append(&mut self, later: Found) {
        self.matches.extend(later.matches);
        if later.best.is_some_and(|l| self.best.is_none_or(|b| l.score > b.score)) {
            self.best = later.best;
        }
    }
}

impl SearchIndex {
    /// The candidates that match, and the best of them (see the module's comment).
    pub fn find(&self, candidates: &[EventIx], query: &SearchQuery) -> Found {
        if query.text.is_empty() {
            return Found::default();
        }
        self.find_in(candidates, query, &self.matching(&query.words))
    }

    /// `find`, given what `matching` answered for the query's words (so a search read in chunks
    /// asks the word index once).
    pub fn find_in(&self, candidates: &[EventIx], query: &SearchQuery, matching: &WordHits) -> Found {
        if query.text.is_empty() {
            return Found::default();
        }
        let whole = WholeText::new(&query.text);
        let mut matches = Vec::new();
        let mut best: Option<Hit> = None;
        for &event in candidates {
            let exact = matching.exact.contains(event);
            if !exact && !matching.any.contains(event) {
                continue;
            }
            matches.push(event);
            if exact && best.is_none_or(|b| b.score < BEST_POSSIBLE) {
                if let Some(score) = self.title_score(event, &whole) {
                    if best.is_none_or(|b| score > b.score) {
                        best = Some(Hit { event, score });
                    }
                }
            }
        }
        // No title holds the search: every exact match scores 4000 (in its id or names) or 3000,
        // every typo 1000, so the best is the first of the highest kind.
        let best = best.or_else(|| {
            let mut exact = matches.iter().copied().filter(|&e| matching.exact.contains(e));
            let first_exact = exact.clone().next();
            match exact.find(|&e| self.in_id_or_names(e, &whole)) {
                Some(event) => Some(Hit { event, score: 4000 }),
                None => first_exact
                    .map(|event| Hit { event, score: 3000 })
                    .or_else(|| matches.first().map(|&event| Hit { event, score: 1000 })),
            }
        });
        Found { matches, best }
    }

    /// The score of an exact match whose title holds the whole search (`None` if it does not),
    /// as `score_of` gives it.
    fn title_score(&self, event: EventIx, whole: &WholeText) -> Option<u32> {
        let title = self.titles.title(event);
        let at = whole.finder.find(title.as_bytes())?;
        // The finder stops only where the whole (valid) search text begins: a char boundary.
        let word_start = !title[..at].chars().next_back().is_some_and(char::is_alphanumeric);
        Some(5000 + if word_start { 200 } else { 0 } - (at.min(100) as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::search::AnnotatedSearch;
    use crate::model::{self, Timeline};
    use proptest::prelude::*;

    fn timeline(n: usize, seed: u64, annotated: &[usize], note: &str) -> Timeline {
        let mut t = model::load_str("t", &crate::synthetic::timeline_yaml(n, seed)).unwrap();
        for &e in annotated.iter().filter(|&&e| e < n) {
            t.events[e].annotation = Some(note.to_string());
        }
        t
    }

    #[test]
    fn the_best_is_the_first_of_the_highest() {
        let mut found = Found::of_hits(&[Hit { event: 1, score: 4000 }, Hit { event: 3, score: 4000 }]);
        assert_eq!(found.best, Some(Hit { event: 1, score: 4000 }));
        found.append(Found::of_hits(&[Hit { event: 7, score: 4000 }]));
        assert_eq!(found.best, Some(Hit { event: 1, score: 4000 }), "a later equal does not win");
        found.append(Found::of_hits(&[Hit { event: 9, score: 5100 }]));
        assert_eq!(found, Found { matches: vec![1, 3, 7, 9], best: Some(Hit { event: 9, score: 5100 }) });
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]
        /// `find` finds the events `search` finds and the same best, over any candidates, whole
        /// or in chunks as the search worker reads them; with annotations merged the same way.
        #[test]
        fn find_agrees_with_scoring_every_hit(
            seed in 0u64..1000,
            typed in "[a-e0-9 -]{1,8}|[a-e]{5,9}|event-1[0-9]|person-[0-9] ?|a\nb|d|del",
            skip in 1usize..4,
            chunk in 1usize..90,
            annotated in prop::collection::vec(0usize..200, 0..4),
            note in "[a-e ]{0,12}",
        ) {
            let t = timeline(200, seed, &annotated, &note);
            let index = SearchIndex::new(&t);
            let candidates: Vec<EventIx> = (0..t.events.len()).step_by(skip).collect();
            let query = SearchQuery { text: model::fold::fold(&typed), words: SearchQuery::new(&typed).words };
            let hits = index.search(&candidates, &query);
            let expected = Found::of_hits(&hits);
            prop_assert_eq!(&index.find(&candidates, &query), &expected);
            let matching = index.matching(&query.words);
            let mut chunked = Found::default();
            for part in candidates.chunks(chunk) {
                chunked.append(index.find_in(part, &query, &matching));
            }
            prop_assert_eq!(&chunked, &expected);
            let annotations = AnnotatedSearch::new(&t);
            let merged = Found::of_hits(&annotations.merge(&candidates, &query, hits));
            prop_assert_eq!(annotations.merge_found(&candidates, &query, expected), merged);
        }
    }
}
