//! The incremental search: what was typed, the matches, and where it started. It runs over the
//! shown events, here or on the runner's worker thread; results carry a generation so stale ones
//! are dropped.
//!
//! `SearchState` is the part of the explorer that holds it. Its invariant: the matches are
//! shown events, in list order, without repeats, and the best match is one of them. Results
//! arrive only for the newest request, which was made over the events shown then; when the
//! shown events change, `shown_changed` drops the matches no longer shown at once, before the
//! new results arrive.

use super::selection::DetailPlace;
use super::Explorer;
use crate::model::search::{Found, SearchQuery};
use crate::model::EventIx;
use std::sync::Arc;

/// A step of the incremental search as the prompt sends it (`tui::popups::SearchPrompt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchStep {
    /// The prompt opened: a new search starts from the selected event.
    Begin,
    /// The typed text is now this.
    Edit(String),
    /// Enter: close and keep the matches.
    Keep,
    /// Esc: close, forget the search, return to where it started.
    Cancel,
}

/// A search in progress or kept for `n`/`N`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub input: String,
    pub query: SearchQuery,
    /// The prompt is open and results move the selection as you type.
    pub typing: bool,
    /// Where the search started, for Esc.
    pub origin: Option<EventIx>,
    pub generation: u64,
    /// Matching events, in list order.
    pub matches: Vec<EventIx>,
    /// The best-scoring match.
    pub best: Option<EventIx>,
    /// Results for the latest text have not arrived yet.
    pub pending: bool,
    /// Enter was pressed before the results arrived: they go to the best match when they do.
    pub go_to_best_when_found: bool,
}

/// A search for the runner to carry out, here or on its worker thread.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: SearchQuery,
    pub candidates: Arc<Vec<EventIx>>,
}

/// The search part of the explorer: the current search, the request waiting for the runner,
/// and the generation that tells the newest request's results from stale ones.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    current: Option<Search>,
    request: Option<SearchRequest>,
    /// Counts requests, over the explorer's life (a reload carries it on).
    generation: u64,
}

impl SearchState {
    pub fn current(&self) -> Option<&Search> {
        self.current.as_ref()
    }

    pub fn request(&self) -> Option<&SearchRequest> {
        self.request.as_ref()
    }

    pub fn take_request(&mut self) -> Option<SearchRequest> {
        self.request.take()
    }

    /// A new search with `input` typed so far, starting from `origin`; nothing matches yet.
    pub fn begin(&mut self, input: String, typing: bool, origin: Option<EventIx>) {
        self.current = Some(Search {
            input,
            query: SearchQuery::new(""),
            typing,
            origin,
            generation: self.generation,
            matches: Vec::new(),
            best: None,
            pending: false,
            go_to_best_when_found: false,
        });
    }

    /// Enter in the prompt: the search is kept, no longer typed.
    pub fn stop_typing(&mut self) {
        if let Some(search) = &mut self.current {
            search.typing = false;
            search.go_to_best_when_found = search.pending;
        }
    }

    /// The results Enter waited for arrived and were gone to.
    fn went_to_best(&mut self) {
        if let Some(search) = &mut self.current {
            search.go_to_best_when_found = false;
        }
    }

    pub fn set_input(&mut self, input: String) {
        if let Some(search) = &mut self.current {
            search.input = input;
        }
    }

    /// Forgets the search (and any request for it); what it was.
    pub fn end(&mut self) -> Option<Search> {
        self.request = None;
        self.current.take()
    }

    /// Asks for the current search to run over `shown`, the events shown now: a new generation,
    /// so results of any earlier request are dropped when they arrive. Empty text matches
    /// nothing and needs no request.
    pub fn request_over(&mut self, shown: Vec<EventIx>) {
        self.generation += 1;
        let generation = self.generation;
        let Some(search) = &mut self.current else { return };
        search.query = SearchQuery::new(&search.input);
        search.generation = generation;
        if search.query.text.is_empty() {
            search.matches.clear();
            search.best = None;
            search.pending = false;
            self.request = None;
            return;
        }
        search.pending = true;
        self.request =
            Some(SearchRequest { generation, query: search.query.clone(), candidates: Arc::new(shown) });
    }

    /// The query of the current search if results of `generation` are for it.
    pub fn awaiting(&self, generation: u64) -> Option<&SearchQuery> {
        self.current.as_ref().filter(|s| s.generation == generation).map(|s| &s.query)
    }

    /// Takes what the newest request found (see `awaiting`): the matches in list order, the
    /// highest score best (among equals, the earliest). Returns the search.
    pub fn take_found(&mut self, found: Found) -> Option<&Search> {
        let search = self.current.as_mut()?;
        search.pending = false;
        search.best = found.best.map(|h| h.event);
        search.matches = found.matches;
        Some(search)
    }

    /// The shown events changed: matches no longer shown go at once (new results follow the
    /// request made for them), and the best match with them.
    pub fn shown_changed(&mut self, shown: &[EventIx]) {
        let Some(search) = &mut self.current else { return };
        search.matches.retain(|e| shown.binary_search(e).is_ok());
        if search.best.is_some_and(|b| search.matches.binary_search(&b).is_err()) {
            search.best = None;
        }
    }

    /// Carries the search over to a reload: the text and the generation stay; where it started
    /// and its best match were events of the old version.
    pub fn carried_over(&mut self) -> SearchState {
        let current = self.current.take().map(|mut s| {
            s.origin = None;
            s.best = None;
            s
        });
        SearchState { current, request: None, generation: self.generation }
    }

    /// Whether an event matches the kept search, for marking it.
    pub fn is_match(&self, event: EventIx) -> bool {
        self.current.as_ref().is_some_and(|s| s.matches.binary_search(&event).is_ok())
    }

    /// The invariant, for tests: the matches are among `shown`, in order, and the best is one.
    #[cfg(test)]
    pub fn check(&self, shown: &[EventIx]) -> Result<(), String> {
        let Some(search) = &self.current else { return Ok(()) };
        if search.matches.windows(2).any(|w| w[0] >= w[1]) {
            return Err(format!("matches out of order: {:?}", search.matches));
        }
        if let Some(e) = search.matches.iter().find(|e| shown.binary_search(e).is_err()) {
            return Err(format!("match {e} is not shown"));
        }
        if search.best.is_some_and(|b| !search.matches.contains(&b)) {
            return Err(format!("best {:?} is not a match", search.best));
        }
        Ok(())
    }
}

impl Explorer {
    /// The current search, typed or kept for `n`/`N`.
    pub fn search(&self) -> Option<&Search> {
        self.search.current()
    }

    /// A search for the runner to carry out (here or on its worker thread).
    pub fn search_request(&self) -> Option<&SearchRequest> {
        self.search.request()
    }

    /// Takes the search request to carry it out elsewhere (the worker thread).
    pub fn take_search_request(&mut self) -> Option<SearchRequest> {
        self.search.take_request()
    }

    /// A step of the search prompt; returns a message for the header.
    pub fn search_step(&mut self, step: SearchStep) -> Option<String> {
        match step {
            SearchStep::Begin => {
                self.search.begin(String::new(), true, self.selected_event());
                None
            }
            SearchStep::Edit(text) => {
                self.search.set_input(text);
                self.request_search();
                None
            }
            SearchStep::Keep => self.keep_search(),
            SearchStep::Cancel => {
                let origin = self.search.end().and_then(|s| s.origin);
                if self.filter.only_matches() {
                    self.show_all_again();
                }
                if let Some(origin) = origin {
                    self.select_event(origin);
                }
                None
            }
        }
    }

    /// Enter in the prompt: go to the best match (Backspace returns to where the search
    /// started) and keep the matches for `n`/`N`.
    fn keep_search(&mut self) -> Option<String> {
        let search = self.search.current()?;
        if search.input.trim().is_empty() {
            self.search.end();
            return None;
        }
        let (best, origin, pending) = (search.best, search.origin, search.pending);
        self.search.stop_typing();
        match best {
            // Results still to come go to their best match when they arrive (`search_results`).
            _ if pending => None,
            Some(best) => self.go_to_best(origin, best),
            None => Some("no matches".into()),
        }
    }

    /// Goes to the best match from where the search started, so Backspace returns there.
    fn go_to_best(&mut self, origin: Option<EventIx>, best: EventIx) -> Option<String> {
        if let Some(origin) = origin {
            self.select_event(origin);
        }
        let hidden = self.go_to(best);
        self.reveal_match_in_detail();
        hidden
    }

    /// A whole search at once, for the plain front end and scripts: the same search as `/`,
    /// run over the shown events here and now, its matches kept for `n`/`N`, and a jump to the
    /// first match in list order (Backspace returns). `/` goes to the best match instead, because
    /// there the selection follows the typing; read line by line, "the first of N" is what makes
    /// `n` predictable. Returns how many events match, or `None` while the index is not built.
    pub fn search_now(&mut self, text: &str) -> Option<usize> {
        self.search.begin(text.to_string(), false, self.selected_event());
        self.request_search();
        self.run_search_here();
        let search = self.search.current()?;
        if search.pending {
            return None;
        }
        let (count, first) = (search.matches.len(), self.first_in_list_order(&search.matches));
        if let Some(first) = first {
            self.go_to(first);
        }
        Some(count)
    }

    /// Asks for the current search to run over the shown events.
    pub fn request_search(&mut self) {
        // The search reads the shown events in the timeline's order (`visible` is the zone's).
        let shown = self.visible_by_index().into_owned();
        self.search.request_over(shown);
    }

    /// Results of a search; stale ones (an older generation) are dropped.
    pub fn search_results(&mut self, generation: u64, found: Found) {
        let Some(query) = self.search.awaiting(generation).cloned() else { return };
        let found = self.with_annotation_hits(&query, found);
        let Some(search) = self.search.take_found(found) else { return };
        if search.typing {
            if let Some(event) = search.best.or(search.origin) {
                self.select_event(event);
            }
        } else if search.go_to_best_when_found {
            let (origin, best) = (search.origin, search.best);
            self.search.went_to_best();
            if let Some(best) = best {
                self.go_to_best(origin, best);
            }
        }
    }

    /// Runs a pending search here and now (small timelines, and tests).
    pub fn run_search_here(&mut self) {
        let Some(index) = self.index.clone() else { return };
        let Some(request) = self.search.take_request() else { return };
        let found = index.text.find(&request.candidates, &request.query);
        self.search_results(request.generation, found);
    }

    pub fn step_match(&mut self, forward: bool) -> Option<String> {
        let Some(search) = self.search.current() else {
            return Some("no search yet: press / to search".into());
        };
        if search.matches.is_empty() {
            return Some("no matches".into());
        }
        // In list order, which in another zone than the timeline's is not the events' order.
        let (event, at, wrapped) = self.next_in_list_order(&search.matches, forward)?;
        let n = search.matches.len();
        if let Some(hidden) = self.go_to(event) {
            return Some(hidden);
        }
        self.reveal_match_in_detail();
        Some(if wrapped { format!("match {at} of {n} (wrapped)") } else { format!("match {at} of {n}") })
    }

    /// Scrolls the detail to the first row that shows the search's text, if any does.
    fn reveal_match_in_detail(&mut self) {
        let Some(needle) = self.search.current().map(|s| s.query.text.clone()).filter(|n| !n.is_empty())
        else {
            return;
        };
        let Some(layout) = self.detail_layout(self.viewport.detail_width) else { return };
        let row = layout.rows.iter().position(|row| {
            let text: String = row.iter().map(|(t, _)| t.as_str()).collect();
            crate::model::fold::fold(&text).contains(&needle)
        });
        if let Some(row) = row {
            let rows = self.viewport.detail_rows.max(1);
            let max = layout.rows.len().saturating_sub(rows);
            // A line of context above the match.
            let scroll = row.saturating_sub(1).min(max);
            self.selection.set_detail(DetailPlace { scroll, ..self.selection.detail() });
        }
    }

    /// `&`: shows only the kept search's matches, or every event the filter shows again.
    pub fn toggle_only_matches(&mut self) -> Option<String> {
        if self.filter.only_matches() {
            self.show_all_again();
            return Some("showing every event; the matches stay marked".into());
        }
        let matches = match self.search.current() {
            Some(s) if !s.matches.is_empty() => s.matches.clone(),
            Some(s) if s.pending => return Some("the search is still running".into()),
            _ => return Some("no search matches to keep: / searches".into()),
        };
        let current = self.selected_event();
        let n = matches.len();
        self.filter.show_only(&matches);
        self.order_visible();
        self.after_visible_changed(current);
        Some(format!("showing only the {n} match{}; & shows every event", if n == 1 { "" } else { "es" }))
    }

    /// Esc with nothing else to close: forgets a kept search (its marks, `n`/`N`, and "only the
    /// matches"), the selection staying where it is. `None` when there is no kept search.
    pub fn drop_kept_search(&mut self) -> Option<String> {
        self.search.current().filter(|s| !s.typing)?;
        self.search.end();
        if self.only_matches() {
            self.show_all_again();
        }
        Some("search dropped".into())
    }

    /// Back from only the matches to every event the filter shows.
    fn show_all_again(&mut self) {
        let current = self.selected_event();
        let query = self.filter.query().clone();
        let _ = self.apply_query(query); // it resolved before, so it resolves now
        if let Some(event) = current {
            self.select_event(event);
        }
    }

    /// Whether an event matches the kept search, for marking it.
    pub fn is_match(&self, event: EventIx) -> bool {
        self.search.is_match(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explorer::testing::explorer;
    use crate::model::query::Query;
    use crate::model::search::Hit;
    use proptest::prelude::*;

    #[test]
    fn matches_no_longer_shown_go_before_new_results_come() {
        let mut state = SearchState::default();
        state.begin("x".into(), true, None);
        state.request_over(vec![1, 2, 3, 5]);
        let generation = state.request().unwrap().generation;
        assert!(state.awaiting(generation).is_some());
        let hits = [Hit { event: 2, score: 1 }, Hit { event: 5, score: 9 }];
        state.take_found(Found::of_hits(&hits));
        assert_eq!(state.current().unwrap().best, Some(5));
        assert_eq!(state.check(&[1, 2, 3, 5]), Ok(()));
        state.shown_changed(&[1, 2, 3]);
        assert_eq!(state.current().unwrap().matches, [2]);
        assert_eq!(state.current().unwrap().best, None, "the best went with it");
        assert_eq!(state.check(&[1, 2, 3]), Ok(()));
        state.request_over(vec![1, 2, 3]);
        assert!(state.awaiting(generation).is_none(), "the older results are stale");
    }

    #[test]
    fn enter_before_the_results_arrive_goes_to_the_best_match_when_they_do() {
        let mut ex = explorer(crate::model::load_builtin().unwrap());
        let start = ex.selected_event();
        ex.search_step(SearchStep::Begin);
        ex.search_step(SearchStep::Edit("hotline".into()));
        let request = ex.take_search_request().expect("a request for the worker");
        assert_eq!(ex.search_step(SearchStep::Keep), None, "nothing to say yet");
        assert_eq!(ex.selected_event(), start, "no results yet");
        let index = ex.index.clone().unwrap();
        let found = index.text.find(&request.candidates, &request.query);
        let best = found.best.expect("hotline matches").event;
        assert_ne!(Some(best), start);
        ex.search_results(request.generation, found.clone());
        assert_eq!(ex.selected_event(), Some(best));
        // Only once: later results of the kept search do not move the selection again.
        ex.select_event(start.unwrap());
        ex.search_results(request.generation, found);
        assert_eq!(ex.selected_event(), start);
    }

    const TEXTS: [&str; 5] = ["hotline", "lima", "dialogue", "zzzz", ""];
    const QUERIES: [&str; 4] = ["", "country:PE", "from:2016", "tag:hotline"];

    proptest! {
        /// Searches, filters, `&` and moves in any order: the matches are shown events in list
        /// order and the best is one of them, whenever results have arrived or not.
        #[test]
        fn hits_are_shown_events_in_order(steps in prop::collection::vec((0u8..6, 0usize..5), 0..25)) {
            let mut ex = explorer(crate::model::load_builtin().unwrap());
            for (what, n) in steps {
                match what {
                    0 => { ex.search_now(TEXTS[n]); }
                    1 => {
                        ex.search_step(SearchStep::Begin);
                        ex.search_step(SearchStep::Edit(TEXTS[n].into()));
                        if n % 2 == 0 { ex.run_search_here(); }
                    }
                    2 => { let _ = ex.apply_query(Query::parse(QUERIES[n % QUERIES.len()]).unwrap()); }
                    3 => { ex.toggle_only_matches(); }
                    4 => { ex.step_match(n % 2 == 0); }
                    _ => { ex.search_step(if n % 2 == 0 { SearchStep::Keep } else { SearchStep::Cancel }); }
                }
                prop_assert_eq!(ex.search.check(&ex.visible_by_index()), Ok(()));
            }
        }
    }

    #[test]
    fn a_search_at_once_keeps_its_matches_and_goes_to_the_first() {
        let mut ex = explorer(crate::model::load_builtin().unwrap());
        ex.select(3);
        let before = ex.selected_event();
        let count = ex.search_now("hotline").expect("indexed");
        let matches = ex.search().unwrap().matches.clone();
        assert_eq!(count, matches.len());
        assert!(count >= 2, "{matches:?}");
        assert_eq!(ex.selected_event(), Some(matches[0]), "the first in list order, not the best");
        assert_eq!(ex.step_match(true), Some(format!("match 2 of {count}")));
        assert_eq!(ex.history_back(), None);
        assert_eq!(ex.history_back(), None);
        assert_eq!(ex.selected_event(), before, "back to where the search started");
        assert_eq!(ex.search_now("zzzzqqq"), Some(0));
        assert_eq!(ex.selected_event(), before, "no match: no move");
    }
}
