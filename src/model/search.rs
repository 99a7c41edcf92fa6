//! Text search over events: titles, ids, entity names, tags, places, summaries, outcomes, quotes
//! and notes, and the reader's own annotations.
//!
//! A `SearchIndex` keeps one lower-cased text per event, built once, so a keystroke costs a scan
//! of plain strings with no allocation. Every word of a search must match a word of the event's
//! text: at its start, or within a typo allowance (`words::word_match`, the one rule that the
//! CLI's text filter follows too). Exact matches rank above typos, and the title above the rest.

use super::{Event, EventIx, Named, Speaker, Timeline};

mod found;
pub use found::Found;

/// Lower-cased searchable text of every event.
pub struct SearchIndex {
    /// Every event's `title \n id \n names and tags \n long text`, folded, one after the
    /// other in one string: a search reads them in order, which memory serves fastest.
    text: String,
    /// Where each event's text starts in `text` (and, last, where the last one ends).
    starts: Vec<usize>,
    /// Per event: byte offsets where the id and the long text start in `texts`.
    bounds: Vec<(u32, u32, u32)>,
    /// Which events hold each word, for filters and searches that read only those.
    words: WordIndex,
    /// The titles alone, close together, for `find`.
    titles: found::Titles,
}

/// One matching event and how well it matches (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub event: EventIx,
    pub score: u32,
}

fn push_line(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c => out.push(super::fold::fold_char(c)),
        }
    }
}

/// Ends each name, tag and paragraph in an event's text, so a phrase or a search cannot run from
/// one into the next (`apollo test` is not in the tags `apollo`, `test`).
use super::words::{words_match, WordHits, WordIndex, WordMatch, ITEM_END};

/// The searchable text of one event as the index holds it (without the reader's annotation,
/// which changes while the explorer runs: see `AnnotatedSearch`), with the offsets of its parts.
pub fn event_text(timeline: &Timeline, event: &Event) -> (String, (u32, u32, u32)) {
    event_text_with(timeline, event, false)
}

/// The searchable text of one event including the reader's annotation.
pub fn annotated_text(timeline: &Timeline, event: &Event) -> String {
    event_text_with(timeline, event, true).0
}

fn event_text_with(timeline: &Timeline, event: &Event, annotation: bool) -> (String, (u32, u32, u32)) {
    let mut out = String::with_capacity(256);
    push_line(&mut out, &event.title);
    out.push('\n');
    let id_start = out.len() as u32;
    push_line(&mut out, &event.id);
    out.push('\n');
    let names_start = out.len() as u32;
    // Every name an involved entity answers to (the same names queries accept).
    let countries = timeline.involved_countries(event).into_iter().map(|c| &timeline.countries[c]);
    let agencies = event.agencies.iter().map(|&a| &timeline.agencies[a]);
    let people = event.people.iter().map(|p| &timeline.people[p.person]);
    let names = countries
        .flat_map(|c| c.names())
        .chain(agencies.flat_map(|a| a.names()))
        .chain(people.flat_map(|p| p.names()));
    for name in names {
        push_line(&mut out, name);
        out.push(ITEM_END);
    }
    for tag in &event.tags {
        push_line(&mut out, tag);
        out.push(ITEM_END);
    }
    out.push('\n');
    let long_start = out.len() as u32;
    if let Some(place) = event.location.as_ref().and_then(|l| l.place.as_ref()) {
        push_line(&mut out, place);
        out.push(ITEM_END);
    }
    let annotation = event.annotation.iter().filter(|_| annotation);
    for text in event.summary.iter().chain(&event.outcomes).chain(&event.notes).chain(annotation) {
        push_line(&mut out, text);
        out.push(ITEM_END);
    }
    for quote in &event.quotes {
        push_line(&mut out, &quote.text);
        out.push(ITEM_END);
        if let Speaker::Text(t) = &quote.by {
            push_line(&mut out, t);
            out.push(ITEM_END);
        }
    }
    (out, (id_start, names_start, long_start))
}

impl SearchIndex {
    pub fn new(timeline: &Timeline) -> SearchIndex {
        SearchIndex::of(timeline, &timeline.events.iter().collect::<Vec<_>>(), false)
    }

    /// The index of `events` (positions in it are the index's event numbers).
    fn of(timeline: &Timeline, events: &[&Event], annotations: bool) -> SearchIndex {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(events.len() + 1);
        let mut bounds = Vec::with_capacity(events.len());
        for event in events {
            let (one, b) = event_text_with(timeline, event, annotations);
            starts.push(text.len());
            text.push_str(&one);
            bounds.push(b);
        }
        starts.push(text.len());
        text.shrink_to_fit();
        let texts: Vec<&str> = starts.windows(2).map(|w| &text[w[0]..w[1]]).collect();
        let words = WordIndex::new(&texts);
        let titles = found::Titles::new(texts.iter().copied());
        SearchIndex { text, starts, bounds, words, titles }
    }

    /// The events whose text contains every word (folded).
    pub fn events_with_all(&self, words: &[String]) -> super::event_set::EventSet {
        self.words.events_with_all(words)
    }

    /// Bytes of the indexed text, and of the index over it (the titles' store included).
    pub fn memory(&self) -> (usize, usize) {
        let index = self.words.heap_bytes() + self.starts.capacity() * 8 + self.titles.heap_bytes();
        (self.text.len(), index)
    }

    /// One event's text.
    fn text_of(&self, event: EventIx) -> &str {
        &self.text[self.starts[event]..self.starts[event + 1]]
    }

    /// The events every word (folded) matches, exactly or within typos: the text filter's and
    /// the search's answer through the word index.
    pub fn matching(&self, words: &[String]) -> WordHits {
        self.words.events_matching_all(words)
    }

    /// Whether every word (folded) matches the event's text, exactly or within typos.
    pub fn matches_all(&self, event: EventIx, words: &[String]) -> bool {
        words_match(self.text_of(event), words).is_some()
    }

    /// Whether a phrase (folded words joined by single spaces) stands in the event's text with
    /// a word boundary at each end.
    pub fn contains_phrase(&self, event: EventIx, phrase: &str) -> bool {
        has_phrase(self.text_of(event), phrase)
    }

    /// How well an event matches a search (`None`: not at all), read from its text alone. Exact
    /// text beats typos, and the title beats names and tags, which beat long text.
    pub fn score(&self, event: EventIx, query: &SearchQuery) -> Option<u32> {
        if query.text.is_empty() {
            return None;
        }
        let how = words_match(self.text_of(event), &query.words)?;
        Some(self.score_of(event, how, &WholeText::new(&query.text)))
    }

    /// The score of an event that matches `how`. `whole` looks for the whole search text
    /// (built once per search).
    fn score_of(&self, event: EventIx, how: WordMatch, whole: &WholeText) -> u32 {
        if how == WordMatch::Typo {
            return 1000;
        }
        // Read as bytes, with one scan of the title, id and names together where the search
        // text cannot run from one into the next (it has no line break): at 100,000 hits, the
        // `str` bounds checks and three scans cost more than the finding.
        let start = self.starts[event];
        let (id, names, long) = self.bounds[event];
        let (title_len, names, long) = (id as usize - 1, start + names as usize, start + long as usize);
        let bytes = self.text.as_bytes();
        let found = if whole.one_scan {
            whole.finder.find(&bytes[start..long - 1])
        } else {
            whole.finder.find(&bytes[start..start + title_len]).or_else(|| {
                let elsewhere = whole.finder.find(&bytes[start + id as usize..names - 1]);
                elsewhere.or_else(|| whole.finder.find(&bytes[names..long - 1])).map(|_| title_len)
            })
        };
        match found {
            Some(at) if at < title_len => {
                // The finder stops only where the whole (valid) search text begins: a char boundary.
                let word_start =
                    !self.text[start..start + at].chars().next_back().is_some_and(char::is_alphanumeric);
                5000 + if word_start { 200 } else { 0 } - (at.min(100) as u32)
            }
            Some(_) => 4000,
            None => 3000,
        }
    }

    /// Whether an event's id or names hold the whole search text.
    fn in_id_or_names(&self, event: EventIx, whole: &WholeText) -> bool {
        let start = self.starts[event];
        let (id, names, long) = self.bounds[event];
        let (id, names, long) = (start + id as usize, start + names as usize, start + long as usize);
        let bytes = self.text.as_bytes();
        whole.finder.find(&bytes[id..names - 1]).is_some()
            || whole.finder.find(&bytes[names..long - 1]).is_some()
    }

    /// Every candidate that matches, in candidate order, with its score: the events the word
    /// index says every word matches.
    pub fn search(&self, candidates: &[EventIx], query: &SearchQuery) -> Vec<Hit> {
        if query.text.is_empty() {
            return Vec::new();
        }
        self.search_in(candidates, query, &self.matching(&query.words))
    }

    /// `search`, given what `matching` answered for the query's words (so a search read in
    /// chunks asks the word index once).
    pub fn search_in(&self, candidates: &[EventIx], query: &SearchQuery, matching: &WordHits) -> Vec<Hit> {
        if query.text.is_empty() {
            return Vec::new();
        }
        let whole = WholeText::new(&query.text);
        candidates
            .iter()
            .filter_map(|&event| {
                let how = if matching.exact.contains(event) {
                    WordMatch::Exact
                } else if matching.any.contains(event) {
                    WordMatch::Typo
                } else {
                    return None;
                };
                Some(Hit { event, score: self.score_of(event, how, &whole) })
            })
            .collect()
    }
}

/// The whole text of a search, as scoring looks for it in each hit's title, id and names.
struct WholeText<'q> {
    finder: memchr::memmem::Finder<'q>,
    /// Whether one scan over the title, id and names (joined by line breaks) finds it only
    /// within one of them: true unless the text itself holds a line break.
    one_scan: bool,
}

impl<'q> WholeText<'q> {
    fn new(text: &'q str) -> WholeText<'q> {
        WholeText { finder: memchr::memmem::Finder::new(text.as_bytes()), one_scan: !text.contains('\n') }
    }
}

/// Search over the annotated events only, their annotations included. The main index never holds
/// annotations (the reader changes them while the explorer runs, and rebuilding the index took
/// a second at 100,000 events); annotated events are few, so their hits are found here and put
/// in place of the main index's answer for them.
pub struct AnnotatedSearch {
    /// The annotated events, in increasing order.
    pub events: Vec<EventIx>,
    index: SearchIndex,
}

impl AnnotatedSearch {
    pub fn new(timeline: &Timeline) -> AnnotatedSearch {
        let events: Vec<EventIx> =
            (0..timeline.events.len()).filter(|&e| timeline.events[e].annotation.is_some()).collect();
        let chosen: Vec<&Event> = events.iter().map(|&e| &timeline.events[e]).collect();
        AnnotatedSearch { index: SearchIndex::of(timeline, &chosen, true), events }
    }

    /// The main index's `hits` over `candidates` (sorted), with the annotated events' hits
    /// replaced by what their text with the annotation gives.
    pub fn merge(&self, candidates: &[EventIx], query: &SearchQuery, hits: Vec<Hit>) -> Vec<Hit> {
        if self.events.is_empty() {
            return hits;
        }
        let local: Vec<usize> =
            (0..self.events.len()).filter(|&i| candidates.binary_search(&self.events[i]).is_ok()).collect();
        let mut out: Vec<Hit> =
            hits.into_iter().filter(|h| self.events.binary_search(&h.event).is_err()).collect();
        out.extend(
            self.index
                .search(&local, query)
                .into_iter()
                .map(|h| Hit { event: self.events[h.event], score: h.score }),
        );
        out.sort_by_key(|h| h.event);
        out
    }

    /// `merge` for what `find` found: the annotated events' matches, and the best, replaced by
    /// what their text with the annotation gives. The main index's best stands unless it is
    /// annotated: an annotation only adds text, so an annotated event scores at least what the
    /// main index gives it, and an annotated best is among the annotated hits, at least as high.
    pub fn merge_found(&self, candidates: &[EventIx], query: &SearchQuery, found: Found) -> Found {
        if self.events.is_empty() {
            return found;
        }
        let annotated = |event: EventIx| self.events.binary_search(&event).is_ok();
        let hits = self.merge(candidates, query, Vec::new());
        let mut best = found.best.filter(|b| !annotated(b.event));
        for &hit in &hits {
            if best.is_none_or(|b| {
                (hit.score, std::cmp::Reverse(hit.event)) > (b.score, std::cmp::Reverse(b.event))
            }) {
                best = Some(hit);
            }
        }
        let mut matches: Vec<EventIx> = found
            .matches
            .into_iter()
            .filter(|&e| !annotated(e))
            .chain(hits.iter().map(|h| h.event))
            .collect();
        matches.sort_unstable();
        Found { matches, best }
    }
}

/// Whether the words of `phrase` stand in `text` (both folded) together and in order: whole
/// words, with only spaces or punctuation between them, within one name, tag or paragraph.
/// `soyuz test` is in `apollo–soyuz test project`; `apollo test` and `oyuz test` are not.
pub fn has_phrase(text: &str, phrase: &str) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut words = phrase.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let Some(first) = words.next() else { return true };
    let rest_words: Vec<&str> = words.collect();
    'candidates: for (at, _) in text.match_indices(first) {
        if alnum(text[..at].chars().next_back()) {
            continue;
        }
        let mut rest = &text[at + first.len()..];
        for word in &rest_words {
            if alnum(rest.chars().next()) {
                continue 'candidates;
            }
            let gap = rest.find(|c: char| c.is_alphanumeric() || c == ITEM_END).unwrap_or(rest.len());
            rest = &rest[gap..];
            match rest.strip_prefix(word) {
                Some(after) => rest = after,
                None => continue 'candidates,
            }
        }
        if !alnum(rest.chars().next()) {
            return true;
        }
    }
    false
}

/// A search as typed, prepared once for every event it is matched against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// Lower-cased, trimmed.
    pub text: String,
    pub words: Vec<String>,
}

impl SearchQuery {
    pub fn new(typed: &str) -> SearchQuery {
        let text = super::fold::fold(typed.trim());
        let words = text.split_whitespace().map(str::to_string).collect();
        SearchQuery { text, words }
    }
}

/// Character positions in `text` to highlight for a search: the first occurrence of the whole
/// query at the start of a word, else of its first word, else the first word of `text` that the
/// query's first word matches within its typo allowance.
pub fn highlight_positions(text: &str, query: &SearchQuery) -> Vec<usize> {
    let Some(first_word) = query.words.first() else { return Vec::new() };
    let lower: String = text.chars().map(super::fold::fold_char).collect();
    let chars_before = |at: usize| lower[..at].chars().count();
    for needle in [&query.text, first_word] {
        if let Some((at, _)) = lower
            .match_indices(needle.as_str())
            .find(|&(at, _)| super::words::starts_word_there(&lower, at, needle))
        {
            let start = chars_before(at);
            return (start..start + needle.chars().count()).collect();
        }
    }
    let mut at = 0;
    for word in lower.split(' ') {
        if super::words::word_match(word, first_word).is_some() {
            let start = chars_before(at);
            return (start..start + word.chars().count()).collect();
        }
        at += word.len() + 1;
    }
    Vec::new()
}

/// Every case-insensitive occurrence of `needle` (lower-case) in `text`, as char ranges.
pub fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    let lower: Vec<char> = text.chars().map(super::fold::fold_char).collect();
    let needle: Vec<char> = needle.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= lower.len() {
        if lower[i..i + needle.len()] == needle[..] {
            out.push((i, i + needle.len()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    fn builtin() -> (Timeline, SearchIndex) {
        let t = model::load_builtin().unwrap();
        let i = SearchIndex::new(&t);
        (t, i)
    }

    fn ids(t: &Timeline, hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| t.events[h.event].id.clone()).collect()
    }

    #[test]
    fn finds_words_anywhere_and_ranks_titles_first() {
        let (t, index) = builtin();
        let all: Vec<usize> = (0..t.events.len()).collect();
        let hits = index.search(&all, &SearchQuery::new("hotline"));
        assert!(hits.len() >= 3, "{:?}", ids(&t, &hits));
        let best = hits.iter().max_by_key(|h| h.score).unwrap();
        assert!(t.events[best.event].summary.is_some());
        let hits = index.search(&all, &SearchQuery::new("third round"));
        let best = hits.iter().max_by_key(|h| h.score).unwrap();
        assert_eq!(t.events[best.event].id, "dialogue-round-3");
        // Entity names and native scripts are searchable.
        let hits = index.search(&all, &SearchQuery::new("郭声琨"));
        assert!(ids(&t, &hits).contains(&"dialogue-round-3".to_string()));
        let hits = index.search(&all, &SearchQuery::new("federal bureau"));
        assert!(ids(&t, &hits).contains(&"dialogue-round-3".to_string()));
    }

    /// A timeline of one event per title, each with `summary` as its summary.
    fn titled(titles: &[&str]) -> (Timeline, SearchIndex) {
        let mut yaml = String::from("title: t\nevents:\n");
        for (i, title) in titles.iter().enumerate() {
            yaml.push_str(&format!("  - {{id: e{i}, title: \"{title}\", date: 2016}}\n"));
        }
        let t = model::load_str("t", &yaml).unwrap();
        let i = SearchIndex::new(&t);
        (t, i)
    }

    fn found(titles: &[&str], typed: &str) -> Vec<String> {
        let (t, index) = titled(titles);
        let all: Vec<usize> = (0..t.events.len()).collect();
        index.search(&all, &SearchQuery::new(typed)).iter().map(|h| t.events[h.event].title.clone()).collect()
    }

    #[test]
    fn whole_words_and_word_starts_match_not_insides() {
        let titles = ["Talks in Lima", "Climate summit", "Peru-Lima office"];
        assert_eq!(found(&titles, "lima"), ["Talks in Lima", "Peru-Lima office"]);
        assert_eq!(found(&titles, "clim"), ["Climate summit"]);
        assert!(found(&titles, "imate").is_empty());
        // A word that starts with punctuation says where it starts: it may stand anywhere.
        assert_eq!(found(&titles, "-lim"), ["Peru-Lima office"]);
    }

    #[test]
    fn typos_only_on_long_enough_words_and_never_scattered_letters() {
        let titles = [
            "NPIC analysts identify medium-range ballistic missiles",
            "Nixon demonstration in Moscow",
            "Khrushchev writes to Kennedy",
        ];
        assert!(found(&titles, "eyeball").is_empty());
        assert!(found(&titles, "moon").is_empty());
        // kruschev → khrushchev is two inserted letters (plain Levenshtein 2, allowed from eight letters).
        assert_eq!(found(&titles, "kruschev"), ["Khrushchev writes to Kennedy"]);
        // One typo from five letters, none under five.
        assert_eq!(found(&titles, "kenedy"), ["Khrushchev writes to Kennedy"]);
        assert!(found(&titles, "nixn").is_empty());
        assert!(found(&titles, "khrushcev kenedy moscw").is_empty(), "every word must match one event");
        // Words of a hyphenated word run together.
        assert_eq!(found(&titles, "mediumrange"), [titles[0]]);
    }

    #[test]
    fn a_word_with_a_digit_matches_only_exactly() {
        let titles = ["Room 12345 booked", "Room 12346 booked", "topic41 notes", "topic42 notes"];
        assert_eq!(found(&titles, "12345"), [titles[0]]);
        assert_eq!(found(&titles, "topic42"), [titles[3]]);
        // The same words without digits still forgive a typo.
        assert_eq!(found(&titles, "bookd"), [titles[0], titles[1]]);
    }

    #[test]
    fn exact_hits_rank_above_typos() {
        let (t, index) = titled(&["Treaty signed", "Treats"]);
        let hits = index.search(&[0, 1], &SearchQuery::new("treaty"));
        let best = hits.iter().max_by_key(|h| h.score).unwrap();
        assert_eq!(hits.len(), 2);
        assert_eq!(t.events[best.event].title, "Treaty signed");
    }

    #[test]
    fn builtin_typos() {
        let (t, index) = builtin();
        let all: Vec<usize> = (0..t.events.len()).collect();
        // "mralago" is Mar-a-Lago without its hyphens and one letter.
        let hits = index.search(&all, &SearchQuery::new("mralago"));
        assert!(ids(&t, &hits).contains(&"mar-a-lago-summit-2017".to_string()), "{:?}", ids(&t, &hits));
        assert!(index.search(&all, &SearchQuery::new("zzqx")).is_empty());
    }

    #[test]
    fn search_stays_within_candidates() {
        let (t, index) = builtin();
        let hits = index.search(&[0, 1], &SearchQuery::new("e"));
        assert!(!hits.is_empty() && hits.iter().all(|h| h.event <= 1));
        assert!(t.events.len() > 2);
    }

    #[test]
    fn highlight_and_occurrences() {
        let q = SearchQuery::new("round");
        assert_eq!(highlight_positions("Third Round of talks", &q), vec![6, 7, 8, 9, 10]);
        assert_eq!(highlight_positions("Mar-a-Lago", &SearchQuery::new("lago")), vec![6, 7, 8, 9]);
        assert_eq!(highlight_positions("climate in Lima", &SearchQuery::new("lima")), vec![11, 12, 13, 14]);
        assert_eq!(
            highlight_positions("to Khrushchev", &SearchQuery::new("kruschev")),
            (3..13).collect::<Vec<_>>()
        );
        assert!(highlight_positions("abc", &SearchQuery::new("x")).is_empty());
        assert_eq!(occurrences("Hotline, HOTLINE", "hotline"), vec![(0, 7), (9, 16)]);
    }

    mod through_the_index {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(40))]
            /// Searching through the word index finds exactly what scoring every event finds.
            #[test]
            fn the_index_finds_what_a_scan_finds(seed in 0u64..1000, typed in "[a-e0-9 -]{1,8}|[a-e]{5,9}") {
                let t = model::load_str("t", &crate::synthetic::timeline_yaml(300, seed)).unwrap();
                let index = SearchIndex::new(&t);
                let all: Vec<EventIx> = (0..t.events.len()).collect();
                let query = SearchQuery::new(&typed);
                let scanned: Vec<Hit> = all
                    .iter()
                    .filter_map(|&event| index.score(event, &query).map(|score| Hit { event, score }))
                    .collect();
                prop_assert_eq!(index.search(&all, &query), scanned);
            }

            /// Scoring reads the title, id and names as bytes in one scan; it scores as reading
            /// each part as text does.
            #[test]
            fn scores_are_those_of_each_part_read_alone(seed in 0u64..1000, typed in "[a-e0-9 -]{1,8}|[a-e]{5,9}|event-1[0-9]|person-[0-9] ?|a\nb") {
                let t = model::load_str("t", &crate::synthetic::timeline_yaml(200, seed)).unwrap();
                let index = SearchIndex::new(&t);
                let query = SearchQuery { text: crate::model::fold::fold(&typed), words: SearchQuery::new(&typed).words };
                for event in 0..t.events.len() {
                    prop_assert_eq!(index.score(event, &query), part_by_part(&index, event, &query));
                }
            }
        }

        /// The score as read from each part of the event's text on its own.
        fn part_by_part(index: &SearchIndex, event: EventIx, query: &SearchQuery) -> Option<u32> {
            if query.text.is_empty() {
                return None;
            }
            if words_match(index.text_of(event), &query.words)? == WordMatch::Typo {
                return Some(1000);
            }
            let text = index.text_of(event);
            let (id, names, long) = index.bounds[event];
            let (id, names, long) = (id as usize, names as usize, long as usize);
            let (title, id, names) = (&text[..id - 1], &text[id..names - 1], &text[names..long - 1]);
            if let Some(at) = title.find(&query.text) {
                let word_start = at == 0 || !title[..at].chars().last().is_some_and(char::is_alphanumeric);
                return Some(5000 + if word_start { 200 } else { 0 } - (at.min(100) as u32));
            }
            Some(if id.contains(&query.text) || names.contains(&query.text) { 4000 } else { 3000 })
        }
    }
}
