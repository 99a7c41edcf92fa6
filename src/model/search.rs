//! Text search over events: titles, ids, entity names, tags, places, summaries, outcomes, quotes
//! and notes, and the reader's own annotations.
//!
//! A `SearchIndex` keeps one lower-cased text per event, built once, so a keystroke costs a scan
//! of plain strings with no allocation. Short fields (the title, the id) also match fuzzily — the
//! query's letters in order, as fzf does — and rank above matches in long text.

use super::{Event, EventIx, Named, Speaker, Timeline};

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
    /// Per event: the letters and digits of its title and id as bits (`a`–`z`, `0`–`9`, and one
    /// bit for anything else), to rule out a fuzzy match without reading the title.
    letters: Vec<u64>,
}

fn letter_bits(text: &str) -> u64 {
    text.chars().fold(0, |bits, c| {
        bits | match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            c if c.is_whitespace() => 0,
            _ => 1 << 36,
        }
    })
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
use super::words::{WordIndex, ITEM_END};

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
        let letters =
            texts.iter().zip(&bounds).map(|(t, &(_, names, _))| letter_bits(&t[..names as usize])).collect();
        SearchIndex { text, starts, bounds, words, letters }
    }

    /// The events whose text contains every word (folded).
    pub fn events_with_all(&self, words: &[String]) -> super::event_set::EventSet {
        self.words.events_with_all(words)
    }

    /// Bytes of the indexed text, and of the index over it.
    pub fn memory(&self) -> (usize, usize) {
        let index = self.words.heap_bytes() + self.letters.capacity() * 8 + self.starts.capacity() * 8;
        (self.text.len(), index)
    }

    /// One event's text.
    fn text_of(&self, event: EventIx) -> &str {
        &self.text[self.starts[event]..self.starts[event + 1]]
    }

    /// Whether every word (already lower-case) occurs in the event's text.
    pub fn contains_all(&self, event: EventIx, words: &[String]) -> bool {
        let text = self.text_of(event);
        words.iter().all(|w| text.contains(w.as_str()))
    }

    /// Whether a phrase (folded words joined by single spaces) stands in the event's text with
    /// a word boundary at each end.
    pub fn contains_phrase(&self, event: EventIx, phrase: &str) -> bool {
        has_phrase(self.text_of(event), phrase)
    }

    fn parts(&self, event: EventIx) -> (&str, &str, &str, &str) {
        let text = self.text_of(event);
        let (id, names, long) = self.bounds[event];
        let (id, names, long) = (id as usize, names as usize, long as usize);
        (&text[..id - 1], &text[id..names - 1], &text[names..long - 1], &text[long..])
    }

    /// How well an event matches a search (`None`: not at all). Exact text beats fuzzy, and
    /// the title beats names and tags, which beat long text.
    pub fn score(&self, event: EventIx, query: &SearchQuery) -> Option<u32> {
        self.score_knowing(event, query, self.contains_all(event, &query.words))
    }

    /// `score`, told whether the event's text holds every word (the word index knows).
    fn score_knowing(&self, event: EventIx, query: &SearchQuery, has_all_words: bool) -> Option<u32> {
        if query.text.is_empty() {
            return None;
        }
        let (title, id, names, _) = self.parts(event);
        if !has_all_words && query.compact.chars().count() < 4 {
            return None; // neither exact nor long enough to match fuzzily
        }
        // Without every word, no exact test can pass: straight to the fuzzy ones.
        if has_all_words {
            let finder = memchr::memmem::Finder::new(query.text.as_bytes());
            return Some(Self::exact_score(title, id, names, &finder));
        }
        // Fuzzy only from four letters: with fewer, scattered letters match almost any title.
        if query.compact.chars().count() >= 4 {
            if let Some(quality) = fuzzy(title, &query.compact) {
                return Some(1000 + quality);
            }
            if let Some(quality) = fuzzy(id, &query.compact) {
                return Some(500 + quality);
            }
        }
        None
    }

    /// The score of an event that holds every word: the title beats names and tags, which beat
    /// long text. `finder` looks for the whole search text (built once per search).
    fn exact_score(title: &str, id: &str, names: &str, finder: &memchr::memmem::Finder) -> u32 {
        if let Some(at) = finder.find(title.as_bytes()) {
            let word_start = at == 0 || !title[..at].chars().last().is_some_and(char::is_alphanumeric);
            return 5000 + if word_start { 200 } else { 0 } - (at.min(100) as u32);
        }
        if finder.find(id.as_bytes()).is_some() || finder.find(names.as_bytes()).is_some() {
            return 4000;
        }
        3000
    }

    /// Every candidate that matches, in candidate order, with its score. Events that hold
    /// every word are found through the word index; the rest can only match fuzzily, which needs
    /// four letters, and an event whose title and id lack one of the letters is passed over
    /// without reading them.
    pub fn search(&self, candidates: &[EventIx], query: &SearchQuery) -> Vec<Hit> {
        if query.text.is_empty() {
            return Vec::new();
        }
        let exact = self.words.events_with_all(&query.words);
        let fuzzy = query.compact.chars().count() >= 4;
        let wanted = letter_bits(&query.compact);
        let finder = memchr::memmem::Finder::new(query.text.as_bytes());
        candidates
            .iter()
            .filter_map(|&event| {
                if exact.contains(event) {
                    let (title, id, names, _) = self.parts(event);
                    return Some(Hit { event, score: Self::exact_score(title, id, names, &finder) });
                }
                if !(fuzzy && self.letters[event] & wanted == wanted) {
                    return None;
                }
                self.score_knowing(event, query, false).map(|score| Hit { event, score })
            })
            .collect()
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
    /// Without spaces, for fuzzy matching.
    pub compact: String,
    pub words: Vec<String>,
}

impl SearchQuery {
    pub fn new(typed: &str) -> SearchQuery {
        let text = super::fold::fold(typed.trim());
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let words = text.split_whitespace().map(str::to_string).collect();
        SearchQuery { text, compact, words }
    }
}

/// fzf-style subsequence match of `query` in `field` (both lower-case): the query's letters in
/// order, within a short stretch. Quality 0..=999, higher when the stretch is tighter.
fn fuzzy(field: &str, query: &str) -> Option<u32> {
    fuzzy_positions(field, query).map(|positions| {
        let span = positions.last().unwrap_or(&0) - positions.first().unwrap_or(&0) + 1;
        let len = positions.len();
        (999 - (span - len).min(999)) as u32
    })
}

/// The tightest run of `query`'s characters in order within `field`, as char positions; `None`
/// when there is none or it is too loose to be what was meant.
fn fuzzy_positions(field: &str, query: &str) -> Option<Vec<usize>> {
    // Most fields do not hold the letters in order at all: find that out without allocating.
    let mut wanted = query.chars().peekable();
    for c in field.chars() {
        if wanted.peek() == Some(&c) {
            wanted.next();
        }
    }
    if wanted.peek().is_some() {
        return None;
    }
    let field: Vec<char> = field.chars().collect();
    let query: Vec<char> = query.chars().collect();
    let first = *query.first()?;
    if query.len() > field.len() {
        return None;
    }
    let mut best: Option<Vec<usize>> = None;
    for start in (0..field.len()).filter(|&i| field[i] == first) {
        let mut positions = vec![start];
        let mut i = start + 1;
        for &want in &query[1..] {
            while i < field.len() && field[i] != want {
                i += 1;
            }
            if i == field.len() {
                break;
            }
            positions.push(i);
            i += 1;
        }
        if positions.len() < query.len() {
            break; // later starts cannot do better
        }
        let span = positions[positions.len() - 1] - start + 1;
        if best.as_ref().is_none_or(|b| span < b[b.len() - 1] - b[0] + 1) {
            best = Some(positions);
        }
    }
    best.filter(|b| b[b.len() - 1] - b[0] < 3 * query.len() + 3)
}

/// Character positions in `text` to highlight for a search: the first case-insensitive
/// occurrence of the whole query, else a fuzzy subsequence.
pub fn highlight_positions(text: &str, query: &SearchQuery) -> Vec<usize> {
    if query.text.is_empty() {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = chars.iter().map(|&c| super::fold::fold_char(c)).collect();
    let needle: Vec<char> = query.text.chars().collect();
    if needle.len() <= lower.len() {
        if let Some(start) =
            (0..=lower.len() - needle.len()).find(|&i| lower[i..i + needle.len()] == needle[..])
        {
            return (start..start + needle.len()).collect();
        }
    }
    let lower_text: String = lower.iter().collect();
    fuzzy_positions(&lower_text, &query.compact).unwrap_or_default()
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

    #[test]
    fn fuzzy_matches_short_fields_only() {
        let (t, index) = builtin();
        let all: Vec<usize> = (0..t.events.len()).collect();
        // "mralago" is Mar-a-Lago with a letter and the hyphens left out.
        let hits = index.search(&all, &SearchQuery::new("mralago"));
        assert_eq!(ids(&t, &hits), vec!["mar-a-lago-summit-2017"]);
        assert!(index.search(&all, &SearchQuery::new("zzqx")).is_empty());
        // Letters scattered across a long title are not a match.
        assert_eq!(fuzzy("planned fourth round of the dialogue in china", "hotl"), None);
        // Text beats fuzzy: "hotl" is in summaries, so the best hit mentions the hotline.
        let hits = index.search(&all, &SearchQuery::new("hotl"));
        let best = hits.iter().max_by_key(|h| h.score).unwrap();
        assert!(index.text_of(best.event).contains("hotl"));
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
        assert_eq!(highlight_positions("Mar-a-Lago", &SearchQuery::new("mlg")), vec![0, 6, 8]);
        assert_eq!(highlight_positions("trump at Mar-a-Lago", &SearchQuery::new("mlg")), vec![9, 15, 17]);
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
            fn the_index_finds_what_a_scan_finds(seed in 0u64..1000, typed in "[a-e0-9 -]{1,8}") {
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
        }
    }
}
