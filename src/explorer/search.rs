//! The incremental search: what was typed, the matches, and where it started. It runs over the
//! shown events, here or on the runner's worker thread; results carry a generation so stale ones
//! are dropped.

use super::Explorer;
use crate::model::search::{Hit, SearchQuery};
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
}

/// A search for the runner to carry out, here or on its worker thread.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: SearchQuery,
    pub candidates: Arc<Vec<EventIx>>,
}

impl Explorer {
    /// A step of the search prompt; returns a message for the header.
    pub fn search_step(&mut self, step: SearchStep) -> Option<String> {
        match step {
            SearchStep::Begin => {
                self.search = Some(Search {
                    input: String::new(),
                    query: SearchQuery::new(""),
                    typing: true,
                    origin: self.selected_event(),
                    generation: self.search_generation,
                    matches: Vec::new(),
                    best: None,
                    pending: false,
                });
                None
            }
            SearchStep::Edit(text) => {
                if let Some(search) = &mut self.search {
                    search.input = text;
                }
                self.request_search();
                None
            }
            SearchStep::Keep => self.keep_search(),
            SearchStep::Cancel => {
                let origin = self.search.take().and_then(|s| s.origin);
                if self.only_matches {
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
        let search = self.search.as_mut()?;
        if search.input.trim().is_empty() {
            self.search = None;
            return None;
        }
        search.typing = false;
        let (best, origin, pending) = (search.best, search.origin, search.pending);
        match best {
            Some(best) => {
                if let Some(origin) = origin {
                    self.select_event(origin);
                }
                let hidden = self.go_to(best);
                self.reveal_match_in_detail();
                hidden
            }
            None if pending => None,
            None => Some("no matches".into()),
        }
    }

    /// A whole search at once, for the plain front end and scripts: the same search as `/`,
    /// run over the shown events here and now, its matches kept for `n`/`N`, and a jump to the
    /// first match in list order (Backspace returns). `/` goes to the best match instead, because
    /// there the selection follows the typing; read line by line, "the first of N" is what makes
    /// `n` predictable. Returns how many events match, or `None` while the index is not built.
    pub fn search_now(&mut self, text: &str) -> Option<usize> {
        self.search = Some(Search {
            input: text.to_string(),
            query: SearchQuery::new(""),
            typing: false,
            origin: self.selected_event(),
            generation: self.search_generation,
            matches: Vec::new(),
            best: None,
            pending: false,
        });
        self.request_search();
        self.run_search_here();
        let search = self.search.as_ref()?;
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
        self.search_generation += 1;
        let generation = self.search_generation;
        let Some(search) = &mut self.search else { return };
        search.query = SearchQuery::new(&search.input);
        search.generation = generation;
        if search.query.text.is_empty() {
            search.matches.clear();
            search.pending = false;
            self.search_request = None;
            return;
        }
        search.pending = true;
        self.search_request = Some(SearchRequest {
            generation,
            query: search.query.clone(),
            candidates: Arc::new(self.visible_by_index().into_owned()),
        });
    }

    /// Results of a search; stale ones (an older generation) are dropped.
    pub fn search_results(&mut self, generation: u64, hits: Vec<Hit>) {
        let current = self.search.as_ref().filter(|s| s.generation == generation);
        let Some(query) = current.map(|s| s.query.clone()) else { return };
        let hits = self.with_annotation_hits(&query, hits);
        let Some(search) = &mut self.search else { return };
        search.pending = false;
        // The highest score wins; among equals, the earliest.
        let best = hits.iter().rev().max_by_key(|h| h.score).map(|h| h.event);
        search.best = best;
        search.matches = hits.into_iter().map(|h| h.event).collect();
        if search.typing {
            if let Some(event) = best.or(search.origin) {
                self.select_event(event);
            }
        }
    }

    /// Runs a pending search here and now (small timelines, and tests).
    pub fn run_search_here(&mut self) {
        let Some(index) = self.index.clone() else { return };
        let Some(request) = self.search_request.take() else { return };
        let hits = index.text.search(&request.candidates, &request.query);
        self.search_results(request.generation, hits);
    }

    pub fn step_match(&mut self, forward: bool) -> Option<String> {
        let Some(search) = &self.search else {
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
        let Some(needle) = self.search.as_ref().map(|s| s.query.text.clone()).filter(|n| !n.is_empty())
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
            self.detail_scroll = row.saturating_sub(1).min(max);
        }
    }

    /// `&`: shows only the kept search's matches, or every event the filter shows again.
    pub fn toggle_only_matches(&mut self) -> Option<String> {
        if self.only_matches {
            self.show_all_again();
            return Some("showing every event; the matches stay marked".into());
        }
        let matches = match &self.search {
            Some(s) if !s.matches.is_empty() => s.matches.clone(),
            Some(s) if s.pending => return Some("the search is still running".into()),
            _ => return Some("no search matches to keep: / searches".into()),
        };
        let current = self.selected_event();
        let n = matches.len();
        self.visible = matches;
        self.order_visible();
        self.only_matches = true;
        self.after_visible_changed(current);
        Some(format!("showing only the {n} match{}; & shows every event", if n == 1 { "" } else { "es" }))
    }

    /// Back from only the matches to every event the filter shows.
    fn show_all_again(&mut self) {
        let current = self.selected_event();
        let query = self.query.clone();
        let _ = self.apply_query(query); // it resolved before, so it resolves now
        if let Some(event) = current {
            self.select_event(event);
        }
    }

    /// Whether an event matches the kept search, for marking it.
    pub fn is_match(&self, event: EventIx) -> bool {
        self.search.as_ref().is_some_and(|s| s.matches.binary_search(&event).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use crate::explorer::testing::explorer;

    #[test]
    fn a_search_at_once_keeps_its_matches_and_goes_to_the_first() {
        let mut ex = explorer(crate::model::load_builtin().unwrap());
        ex.select(3);
        let before = ex.selected_event();
        let count = ex.search_now("hotline").expect("indexed");
        let matches = ex.search.as_ref().unwrap().matches.clone();
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
