//! A word index over the search text, so a text filter or a search reads the few events that
//! can match instead of every event's text.
//!
//! Each event's folded text is cut into words at white space and at the ends of its items; every
//! distinct word is stored once, in one string, with the events it occurs in. A query word (never
//! containing white space) occurs in an event's text exactly when it occurs inside one of the
//! event's words, so finding every place it occurs in the one string of distinct words — a single
//! SIMD substring scan — and joining those words' event lists gives exactly the events whose text
//! contains it. Lists of words that many events share are bit sets.

use super::event_set::EventSet;
use memchr::memmem;
use std::collections::HashMap;

/// Where an item of an event's text ends (see `search::event_text`).
pub const ITEM_END: char = '\u{1f}';

enum Postings {
    Sparse(Vec<u32>),
    Dense(EventSet),
}

pub struct WordIndex {
    /// Every distinct word, each followed by `\n`.
    vocabulary: String,
    /// Where each word starts in `vocabulary`.
    starts: Vec<u32>,
    /// Which letters each word holds (`letter_mask` of its letters and digits): the typo pass
    /// rules out most words by these alone, without reading them.
    letters: Vec<u64>,
    postings: Vec<Postings>,
    events: usize,
}

fn is_break(c: char) -> bool {
    c.is_whitespace() || c == ITEM_END
}

impl WordIndex {
    pub fn new(texts: &[&str]) -> WordIndex {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut lists: Vec<Vec<u32>> = Vec::new();
        for (e, text) in texts.iter().enumerate() {
            for word in text.split(is_break).filter(|w| !w.is_empty()) {
                let id = *ids.entry(word).or_insert_with(|| {
                    lists.push(Vec::new());
                    (lists.len() - 1) as u32
                });
                let list = &mut lists[id as usize];
                if list.last() != Some(&(e as u32)) {
                    list.push(e as u32);
                }
            }
        }
        let mut words: Vec<(&str, u32)> = ids.into_iter().collect();
        words.sort_unstable(); // a fixed order, whatever the hashing
        let mut vocabulary = String::with_capacity(words.iter().map(|(w, _)| w.len() + 1).sum());
        let mut starts = Vec::with_capacity(words.len());
        let mut letters = Vec::with_capacity(words.len());
        let mut postings = Vec::with_capacity(words.len());
        let dense_from = texts.len() / 32 + 1;
        for (word, id) in words {
            starts.push(vocabulary.len() as u32);
            letters.push(letter_mask(word.chars().filter(|c| c.is_alphanumeric())));
            vocabulary.push_str(word);
            vocabulary.push('\n');
            let list = std::mem::take(&mut lists[id as usize]);
            postings.push(if list.len() >= dense_from {
                let mut set = EventSet::empty(texts.len());
                set.insert_all(&list);
                Postings::Dense(set)
            } else {
                let mut list = list;
                list.shrink_to_fit();
                Postings::Sparse(list)
            });
        }
        WordIndex { vocabulary, starts, letters, postings, events: texts.len() }
    }

    /// The events whose text contains `word` (folded, without white space).
    pub fn events_with(&self, word: &str) -> EventSet {
        let mut set = EventSet::empty(self.events);
        if word.is_empty() {
            return EventSet::full(self.events);
        }
        let mut last = usize::MAX;
        for at in memmem::find_iter(self.vocabulary.as_bytes(), word.as_bytes()) {
            let word_ix = self.starts.partition_point(|&s| s as usize <= at) - 1;
            if word_ix == last {
                continue; // found twice in one word
            }
            last = word_ix;
            match &self.postings[word_ix] {
                Postings::Sparse(list) => set.insert_all(list),
                Postings::Dense(bits) => set.union(bits),
            }
        }
        set
    }

    /// The events where `word` (folded, without white space) matches a word of the text
    /// (see `word_match`): `exact` where it starts a word, `any` where it also or only matches
    /// a word within its typo allowance.
    pub fn events_matching(&self, word: &str) -> WordHits {
        let mut exact = EventSet::empty(self.events);
        let mut last = usize::MAX;
        for at in memmem::find_iter(self.vocabulary.as_bytes(), word.as_bytes()) {
            if !starts_word_there(&self.vocabulary, at, word) {
                continue;
            }
            let word_ix = self.starts.partition_point(|&s| s as usize <= at) - 1;
            if word_ix != last {
                last = word_ix;
                self.add_postings(&mut exact, word_ix);
            }
        }
        let mut any = exact.clone();
        let allowance = typo_allowance(word);
        if allowance > 0 {
            let query: Vec<char> = word.chars().collect();
            let wanted = letter_mask(word.chars());
            for (word_ix, &held) in self.letters.iter().enumerate() {
                // Every letter of the query that a word lacks costs an edit (see
                // `letter_mask`), so most words are ruled out here without being read.
                if (wanted & !held).count_ones() as usize > allowance {
                    continue;
                }
                let text_word = self.word(word_ix);
                // A word much shorter than the query cannot be within the allowance, and its
                // events are already in when the word holds the query exactly.
                if text_word.len() + allowance >= query.len() && within_typos(&query, text_word, allowance) {
                    self.add_postings(&mut any, word_ix);
                }
            }
        }
        WordHits { exact, any }
    }

    /// The distinct word `word_ix`, without its `\n`.
    fn word(&self, word_ix: usize) -> &str {
        let start = self.starts[word_ix] as usize;
        let end = self.starts.get(word_ix + 1).map_or(self.vocabulary.len(), |&s| s as usize) - 1;
        &self.vocabulary[start..end]
    }

    fn add_postings(&self, set: &mut EventSet, word_ix: usize) {
        match &self.postings[word_ix] {
            Postings::Sparse(list) => set.insert_all(list),
            Postings::Dense(bits) => set.union(bits),
        }
    }

    /// `events_matching` for every one of `words`: an event matches when each word does.
    pub fn events_matching_all(&self, words: &[String]) -> WordHits {
        let mut words = words.iter();
        let Some(first) = words.next() else {
            return WordHits { exact: EventSet::full(self.events), any: EventSet::full(self.events) };
        };
        let mut hits = self.events_matching(first);
        for word in words {
            let more = self.events_matching(word);
            hits.exact.intersect(&more.exact);
            hits.any.intersect(&more.any);
        }
        hits
    }

    /// The events whose text contains every one of `words`.
    pub fn events_with_all(&self, words: &[String]) -> EventSet {
        let mut words = words.iter();
        let Some(first) = words.next() else { return EventSet::full(self.events) };
        let mut set = self.events_with(first);
        for word in words {
            set.intersect(&self.events_with(word));
        }
        set
    }

    /// Bytes the index holds (the distinct words, where they start, the event lists).
    pub fn heap_bytes(&self) -> usize {
        let lists: usize = self
            .postings
            .iter()
            .map(|p| match p {
                Postings::Sparse(list) => list.capacity() * 4,
                Postings::Dense(set) => set.heap_bytes(),
            } + std::mem::size_of::<Postings>())
            .sum();
        self.vocabulary.capacity() + self.starts.capacity() * 4 + self.letters.capacity() * 8 + lists
    }
}

/// The events a search word matches: exactly (at the start of a word) or at all.
pub struct WordHits {
    pub exact: EventSet,
    pub any: EventSet,
}

/// How a query word matches a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WordMatch {
    /// Only within the typo allowance.
    Typo,
    /// At the start of a word (`lima` in `lima`, `peru-lima`; not in `climate`).
    Exact,
}

/// Whether `text[at..]` starts a word: nothing, white space or punctuation before it.
fn starts_word_at(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
}

/// Whether `word`, found at `text[at..]`, stands where a word of the text starts, as a match
/// must. A word that begins with punctuation (`[5m`, `-x`) may stand anywhere: it says itself
/// where it starts.
pub fn starts_word_there(text: &str, at: usize, word: &str) -> bool {
    !word.starts_with(char::is_alphanumeric) || starts_word_at(text, at)
}

/// How many typos a query word may hold and still match: none under five letters (short words
/// differ by a letter from too many others), one from five, two from eight, and none in a word
/// holding a digit: `topic42` is not `topic41`, nor room `12345` room `12346` (numbers name
/// things exactly, as Meilisearch's `disableOnNumbers` also holds).
pub fn typo_allowance(word: &str) -> usize {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return 0;
    }
    match word.chars().count() {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

/// The letters among `chars` as bits: `a`–`z` and `0`–`9` each their own, any other character
/// one of 28 bits shared by many. A letter of the query whose bit a word lacks is a letter the
/// word does not hold, and each such letter costs at least one edit (it can only be substituted
/// or deleted), so the count of the query's bits a word lacks is a lower bound of the edit
/// distance to the word and to each of its parts (shared bits only make it lower).
fn letter_mask(chars: impl Iterator<Item = char>) -> u64 {
    chars.fold(0, |mask, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            c => 36 + c as u32 % 28,
        };
        mask | 1 << bit
    })
}

/// Whether `query` is within `allowance` edits (insert, delete, substitute a letter) of a word
/// of `text_word`: one of its runs of letters and digits, or all of them run together
/// (`maralago` for `mar-a-lago`).
fn within_typos(query: &[char], text_word: &str, allowance: usize) -> bool {
    // Most words are one run of ASCII letters and digits: its only candidate is itself, and a
    // length too far from the query's rules it out before any work (the index asks this of
    // every distinct word).
    if text_word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return text_word.len().abs_diff(query.len()) <= allowance
            && edit_distance_within(query, text_word, allowance);
    }
    let near = |candidate: &str| edit_distance_within(query, candidate, allowance);
    let joined: String = text_word.chars().filter(|c| c.is_alphanumeric()).collect();
    near(&joined)
        || text_word.split(|c: char| !c.is_alphanumeric()).any(|part| part.len() < joined.len() && near(part))
}

/// Whether the Levenshtein distance between `a` and `b` is at most `limit`.
fn edit_distance_within(a: &[char], b: &str, limit: usize) -> bool {
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit || b.is_empty() {
        return false;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        let mut best = row[0];
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
            best = best.min(row[j + 1]);
        }
        if best > limit {
            return false;
        }
    }
    row[b.len()] <= limit
}

/// How `word` (folded, without white space) matches `text` (folded), if at all: the one rule
/// that the word index, the CLI's text filter and the explorer's search all follow.
pub fn word_match(text: &str, word: &str) -> Option<WordMatch> {
    if text.match_indices(word).any(|(at, _)| starts_word_there(text, at, word)) {
        return Some(WordMatch::Exact);
    }
    let allowance = typo_allowance(word);
    let query: Vec<char> = word.chars().collect();
    let typo =
        allowance > 0 && text.split(is_break).any(|w| !w.is_empty() && within_typos(&query, w, allowance));
    typo.then_some(WordMatch::Typo)
}

/// How every one of `words` matches `text`: the weakest of their matches.
pub fn words_match(text: &str, words: &[String]) -> Option<WordMatch> {
    words.iter().try_fold(WordMatch::Exact, |worst, w| word_match(text, w).map(|m| m.min(worst)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_word_is_found_inside_words_and_not_across_items() {
        let texts: Vec<String> = ["mar-a-lago summit\u{1f}hotline ", "apollo\u{1f}test ", "summit hot line "]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let index = WordIndex::new(&texts);
        assert_eq!(index.events_with("mar-a").to_vec(), [0]);
        assert_eq!(index.events_with("summit").to_vec(), [0, 2]);
        assert_eq!(index.events_with("hotl").to_vec(), [0]);
        assert!(index.events_with("apollo\u{1f}test").to_vec().is_empty());
        assert_eq!(index.events_with_all(&["hot".into(), "line".into()]).to_vec(), [0, 2]);
    }

    proptest! {
        /// The index finds exactly the events whose text holds the word.
        #[test]
        fn the_index_agrees_with_a_scan(
            texts in proptest::collection::vec("[abc \u{1f}-]{0,30}", 1..80),
            word in "[abc-]{1,3}",
        ) {
            let borrowed: Vec<&str> = texts.iter().map(String::as_str).collect();
            let index = WordIndex::new(&borrowed);
            let scanned: Vec<usize> = (0..texts.len()).filter(|&e| texts[e].contains(&word)).collect();
            prop_assert_eq!(index.events_with(&word).to_vec(), scanned);
        }

        /// The letters a word lacks never rule out a word that is within the query's typos:
        /// words made from the query by a substitution, a deletion and a hyphen, and others.
        #[test]
        fn the_letter_bound_never_rules_out_a_typo(
            query in "[a-eé0-9ж]{5,10}",
            other in "[a-eé0-9жç.-]{1,12}",
            (at, with, gone, hyphen) in (0usize..10, "[a-zç]", 0usize..10, 0usize..12),
        ) {
            let mut near: Vec<char> = query.chars().collect();
            let (at, gone) = (at % near.len(), gone % (near.len() - 1));
            near[at] = with.chars().next().unwrap();
            near.remove(gone);
            let hyphen_at = hyphen % (near.len() + 1);
            near.insert(hyphen_at, '-');
            let near: String = near.into_iter().collect();
            let chars: Vec<char> = query.chars().collect();
            let allowance = typo_allowance(&query);
            for text_word in [near.as_str(), other.as_str()] {
                if within_typos(&chars, text_word, allowance) {
                    let held = letter_mask(text_word.chars().filter(|c| c.is_alphanumeric()));
                    prop_assert!((letter_mask(query.chars()) & !held).count_ones() as usize <= allowance);
                }
            }
        }
    }
}
