//! The filter as the explorer holds it: the query in effect (or the one that could not be, and
//! why), and the events it shows. The matching itself is the model's (`model::filter`); this is
//! what the explorer keeps of it between keys.
//!
//! Invariant: the shown events have no repeats, each one of the timeline's, in the order of
//! the zone shown (`reorder`; timeline order until then); unless `&` narrowed them to the search's matches, or the query is not in effect
//! (`problem`), they are exactly the events the query matches in the zone shown. Only `apply`,
//! which takes the query and its result together, and `show_only`, which narrows, change them.

use crate::model::filter::Filter;
use crate::model::index::Index;
use crate::model::query::Query;
use crate::model::{EventIx, Timeline, Zone};

#[derive(Debug, Clone, Default)]
pub struct FilterState {
    query: Query,
    /// Why the query is not in effect (a reload removed a name it used, a zone change made a
    /// time in it unreadable): the header says so and the events shown stay as they were.
    problem: Option<String>,
    /// The events shown, as indices into the timeline's events, in the list's order.
    shown: Vec<EventIx>,
    /// `&`: only the search's matches are shown.
    only_matches: bool,
}

impl FilterState {
    /// No filter: every one of `events` events shown.
    pub fn everything(events: usize) -> FilterState {
        FilterState { shown: (0..events).collect(), ..FilterState::default() }
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    pub fn shown(&self) -> &[EventIx] {
        &self.shown
    }

    pub fn only_matches(&self) -> bool {
        self.only_matches
    }

    /// Makes `query` the one in effect, read in `zone`, and shows what it matches (all of it:
    /// `&` ends). On error nothing changes.
    pub fn apply(
        &mut self,
        timeline: &Timeline,
        index: Option<&Index>,
        zone: &Zone,
        query: Query,
    ) -> Result<(), String> {
        let filter = Filter::new(timeline, &query, zone).map_err(|e| e.to_string())?;
        self.shown = filter.apply(timeline, index);
        self.query = query;
        self.problem = None;
        self.only_matches = false;
        Ok(())
    }

    /// Keeps `query` for the reader to edit although it is not in effect, saying why; the
    /// events shown stay as they are.
    pub fn not_in_effect(&mut self, query: Query, problem: String) {
        self.query = query;
        self.problem = Some(problem);
    }

    /// The query could not be read again (after a change of zone): it stays, the events shown
    /// too, and the header says why.
    pub fn set_problem(&mut self, problem: String) {
        self.problem = Some(problem);
    }

    /// `&`: shows only `matches`, those of the shown events a search found (in order). An event
    /// not shown is left out, so this only ever narrows.
    pub fn show_only(&mut self, matches: &[EventIx]) {
        let shown: std::collections::HashSet<EventIx> = self.shown.iter().copied().collect();
        self.shown = matches.iter().copied().filter(|e| shown.contains(e)).collect();
        self.only_matches = true;
    }

    /// Puts the shown events in the list's order in the zone shown (the same events).
    pub fn reorder(&mut self, order: &crate::model::shown_order::ShownOrder) {
        order.sort(&mut self.shown);
    }

    /// The invariant, for tests.
    #[cfg(test)]
    pub fn check(&self, timeline: &Timeline, zone: &Zone) -> Result<(), String> {
        let mut by_index = self.shown.clone();
        by_index.sort_unstable();
        if by_index.windows(2).any(|w| w[0] == w[1]) {
            return Err(format!("repeats: {:?}", self.shown));
        }
        if by_index.last().is_some_and(|&e| e >= timeline.events.len()) {
            return Err("an event the timeline does not have".into());
        }
        if !self.only_matches && self.problem.is_none() {
            let expected =
                Filter::new(timeline, &self.query, zone).map_err(|e| e.to_string())?.apply(timeline, None);
            if expected != by_index {
                return Err(format!("`{}` shows {:?}, not {:?}", self.query, expected, self.shown));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const QUERIES: [&str; 7] = [
        "",
        "country:PE",
        "hotline",
        "status:planned country:PE",
        "tag:nosuchtag",
        "from:2016",
        "to:2015-06",
    ];

    proptest! {
        /// Applying queries (some refused), narrowing to matches and problems in any order: the
        /// shown events are always in order, and the query's own when it is in effect.
        #[test]
        fn what_is_shown_is_the_query_in_effect(steps in prop::collection::vec((0usize..QUERIES.len(), 0u8..3), 0..20)) {
            let timeline = crate::model::load_builtin().unwrap();
            let index = Index::new(&timeline);
            let zone = timeline.zone;
            let mut state = FilterState::everything(timeline.events.len());
            prop_assert_eq!(state.check(&timeline, &zone), Ok(()));
            for (q, how) in steps {
                let query = Query::parse(QUERIES[q]).unwrap();
                match how {
                    0 => {
                        let before = state.shown.clone();
                        if state.apply(&timeline, Some(&index), &zone, query).is_err() {
                            prop_assert_eq!(&state.shown, &before, "a refused query changes nothing");
                        }
                    }
                    1 => {
                        let every_other: Vec<EventIx> = (0..timeline.events.len()).step_by(2).collect();
                        state.show_only(&every_other);
                        prop_assert!(state.shown.iter().all(|e| e % 2 == 0));
                    }
                    _ => state.not_in_effect(query, "gone".into()),
                }
                prop_assert_eq!(state.check(&timeline, &zone), Ok(()));
            }
        }
    }
}
