//! Filters, pickers and search in the explorer: the parts of `App` that narrow what is shown.
//! All of it is state change; the model (`query`, `filter`, `search`) does the matching.

use super::action::{Action, PickerKind};
use super::app::{App, Popup};
use crate::model::filter::Filter;
use crate::model::query::{Facet, Query, Term};
use crate::model::search::{Hit, SearchQuery};
use crate::model::{EventIx, Timeline};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerItem {
    /// The id written into the query.
    pub value: String,
    pub label: String,
    /// Nesting depth (agencies under their parents).
    pub depth: usize,
    /// Events this value would show, given the other active filters.
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    pub items: Vec<PickerItem>,
    /// Typed text narrowing the items.
    pub narrow: String,
    /// Index into `shown()`.
    pub cursor: usize,
    pub chosen: BTreeSet<String>,
    /// Something was chosen or un-chosen since the picker opened.
    pub touched: bool,
}

impl Picker {
    /// Indices of the items that match the typed text.
    pub fn shown(&self) -> Vec<usize> {
        let needle = self.narrow.to_lowercase();
        (0..self.items.len())
            .filter(|&i| {
                needle.is_empty()
                    || self.items[i].label.to_lowercase().contains(&needle)
                    || self.items[i].value.to_lowercase().contains(&needle)
            })
            .collect()
    }

    pub fn narrow(&mut self, c: char) {
        if self.narrow.chars().count() < 60 {
            self.narrow.push(c);
            self.cursor = 0;
        }
    }

    fn toggle(&mut self) {
        if let Some(&i) = self.shown().get(self.cursor) {
            let value = self.items[i].value.clone();
            if !self.chosen.remove(&value) {
                self.chosen.insert(value);
            }
            self.touched = true;
        }
    }

    fn move_cursor(&mut self, delta: isize) {
        let n = self.shown().len();
        if n == 0 {
            self.cursor = 0;
            return;
        }
        self.cursor = (self.cursor as isize + delta).clamp(0, n as isize - 1) as usize;
    }
}

pub fn facet_of(kind: PickerKind) -> Facet {
    match kind {
        PickerKind::Countries => Facet::Country,
        PickerKind::Agencies => Facet::Agency,
        PickerKind::People => Facet::Person,
        PickerKind::Tags => Facet::Tag,
    }
}

/// The items of a picker with their counts over `events`.
fn picker_items(timeline: &Timeline, kind: PickerKind, events: &[EventIx]) -> Vec<PickerItem> {
    match kind {
        PickerKind::Countries => {
            let mut counts = vec![0usize; timeline.countries.len()];
            for &e in events {
                for c in timeline.involved_countries(&timeline.events[e]) {
                    counts[c] += 1;
                }
            }
            timeline
                .countries
                .iter()
                .enumerate()
                .map(|(i, c)| PickerItem {
                    value: c.id.clone(),
                    label: format!("{} — {}", c.id, c.name),
                    depth: 0,
                    count: counts[i],
                })
                .collect()
        }
        PickerKind::Agencies => {
            let n = timeline.agencies.len();
            let mut counts = vec![0usize; n];
            let mut seen = vec![usize::MAX; n];
            for &e in events {
                for &a in &timeline.events[e].agencies {
                    // An event counts for the agency and every agency above it, once each.
                    let mut current = Some(a);
                    let mut steps = 0;
                    while let Some(x) = current {
                        if seen[x] != e {
                            seen[x] = e;
                            counts[x] += 1;
                        }
                        current = timeline.agencies[x].parent;
                        steps += 1;
                        if steps > n {
                            break;
                        }
                    }
                }
            }
            // Parents first, children indented under them, each level by label.
            let mut children: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
            for (i, a) in timeline.agencies.iter().enumerate() {
                children.entry(a.parent).or_default().push(i);
            }
            for list in children.values_mut() {
                list.sort_by_key(|&i| timeline.agencies[i].label().to_lowercase());
            }
            let mut out = Vec::with_capacity(n);
            let mut stack: Vec<(usize, usize)> =
                children.get(&None).map(|r| r.iter().rev().map(|&i| (i, 0)).collect()).unwrap_or_default();
            while let Some((i, depth)) = stack.pop() {
                let a = &timeline.agencies[i];
                let label = match &a.short {
                    Some(short) if short != &a.name => format!("{short} — {}", a.name),
                    _ => a.name.clone(),
                };
                out.push(PickerItem { value: a.id.clone(), label, depth, count: counts[i] });
                if let Some(kids) = children.get(&Some(i)) {
                    stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
                }
            }
            out
        }
        PickerKind::People => {
            let mut counts = vec![0usize; timeline.people.len()];
            for &e in events {
                let mut people: Vec<usize> = timeline.events[e].people.iter().map(|p| p.person).collect();
                people.sort_unstable();
                people.dedup();
                for p in people {
                    counts[p] += 1;
                }
            }
            let mut items: Vec<PickerItem> = timeline
                .people
                .iter()
                .enumerate()
                .map(|(i, p)| PickerItem {
                    value: p.id.clone(),
                    label: match &p.native {
                        Some(native) => format!("{} ({native})", p.name),
                        None => p.name.clone(),
                    },
                    depth: 0,
                    count: counts[i],
                })
                .collect();
            items.sort_by_key(|item| item.label.to_lowercase());
            items
        }
        PickerKind::Tags => {
            let tags = crate::model::filter::all_tags(timeline);
            let mut counts: HashMap<String, usize> = HashMap::new();
            for &e in events {
                let mut seen: Vec<String> =
                    timeline.events[e].tags.iter().map(|t| t.to_lowercase()).collect();
                seen.sort_unstable();
                seen.dedup();
                for t in seen {
                    *counts.entry(t).or_default() += 1;
                }
            }
            let mut items: Vec<PickerItem> = tags
                .into_iter()
                .map(|t| {
                    let count = counts.get(&t.to_lowercase()).copied().unwrap_or(0);
                    PickerItem { label: format!("#{t}"), value: t, depth: 0, count }
                })
                .collect();
            items.sort_by_key(|item| item.label.to_lowercase());
            items
        }
    }
}

/// Whether a query value names a picker item (by id, name, short name or alias).
fn names_item(timeline: &Timeline, kind: PickerKind, item_value: &str, query_value: &str) -> bool {
    let q = query_value.to_lowercase();
    let is = |s: &str| s.to_lowercase() == q;
    match kind {
        PickerKind::Countries => timeline
            .countries
            .iter()
            .find(|c| c.id == item_value)
            .is_some_and(|c| is(&c.id) || is(&c.name) || c.aliases.iter().any(|a| is(a))),
        PickerKind::Agencies => timeline.agencies.iter().find(|a| a.id == item_value).is_some_and(|a| {
            is(&a.id) || is(&a.name) || a.short.as_deref().is_some_and(is) || a.aliases.iter().any(|x| is(x))
        }),
        PickerKind::People => timeline
            .people
            .iter()
            .find(|p| p.id == item_value)
            .is_some_and(|p| is(&p.id) || is(&p.name) || p.native.as_deref().is_some_and(is)),
        PickerKind::Tags => is(item_value),
    }
}

impl App {
    /// Makes `query` the active filter. The selection stays on the same event when it is still
    /// shown, else moves to the nearest in time. On error nothing changes.
    pub fn apply_query(&mut self, query: Query) -> Result<(), String> {
        let Some(timeline) = self.timeline.clone() else {
            self.query = query;
            return Ok(());
        };
        let filter = Filter::new(&timeline, &query).map_err(|e| e.to_string())?;
        self.filter_problem = None;
        let previous = self.selected_event();
        self.visible = filter.apply(&timeline, self.index.as_deref());
        self.query = query;
        self.list_offset = 0;
        self.selected = 0;
        let (scroll, link) = (self.detail_scroll, self.detail_link);
        if let Some(previous) = previous {
            match self.visible.binary_search(&previous) {
                Ok(position) => self.select(position),
                Err(_) => {
                    let day = timeline.events[previous].date.first_day();
                    if let Some(position) = self.nearest_to(day) {
                        self.select(position);
                    }
                }
            }
        }
        // The detail's scroll and link belong to the event, not to its position in the list.
        if self.selected_event() == previous {
            (self.detail_scroll, self.detail_link) = (scroll, link);
        } else {
            (self.detail_scroll, self.detail_link) = (0, None);
        }
        if self.visible.is_empty() {
            self.message = Some("no events match; x clears the filters".into());
        }
        if self.search.is_some() {
            self.request_search();
        }
        Ok(())
    }

    pub(super) fn check_query_input(&mut self) {
        let Some(Popup::Query { input, error }) = &mut self.popup else { return };
        *error = match (Query::parse(input), &self.timeline) {
            (Err(e), _) => Some(e.to_string()),
            (Ok(q), Some(t)) => Filter::new(t, &q).err().map(|e| e.to_string()),
            (Ok(_), None) => None,
        };
    }

    pub(super) fn clear_filters(&mut self) {
        self.search = None;
        if let Err(e) = self.apply_query(Query::default()) {
            self.message = Some(e);
        } else {
            self.message = Some("filters cleared".into());
        }
    }

    /// Keys for an open popup; returns whether the popup took the action.
    pub(super) fn popup_takes(&mut self, action: Action) -> bool {
        use Action::*;
        match (&mut self.popup, action) {
            (Some(Popup::Help { scroll }), ScrollDown) => {
                *scroll += 1;
                true
            }
            (Some(Popup::Help { scroll }), ScrollUp) => {
                *scroll = scroll.saturating_sub(1);
                true
            }
            (Some(Popup::Help { scroll }), ScrollPageDown) => {
                *scroll += 10;
                true
            }
            (Some(Popup::Help { scroll }), ScrollPageUp) => {
                *scroll = scroll.saturating_sub(10);
                true
            }
            (Some(Popup::Help { scroll }), ScrollTop) => {
                *scroll = 0;
                true
            }
            // The drawing clamps it to the last screenful.
            (Some(Popup::Help { scroll }), ScrollBottom) => {
                *scroll = usize::MAX / 2;
                true
            }
            (Some(Popup::Query { input, .. }), PromptDelete) => {
                input.pop();
                self.check_query_input();
                true
            }
            (Some(Popup::Query { input, .. }), PromptSubmit) => {
                let parsed = crate::model::query::Query::parse(input);
                match parsed.map_err(|e| e.to_string()).and_then(|q| self.apply_query(q)) {
                    Ok(()) => self.popup = None,
                    Err(e) => {
                        if let Some(Popup::Query { error, .. }) = &mut self.popup {
                            *error = Some(e);
                        }
                    }
                }
                true
            }
            (Some(Popup::Query { .. }), PromptCancel) => {
                self.popup = None;
                true
            }
            (Some(Popup::Search), PromptDelete) => {
                if let Some(search) = &mut self.search {
                    search.input.pop();
                }
                self.request_search();
                true
            }
            (Some(Popup::Search), PromptSubmit) => {
                self.popup = None;
                let keep = match &mut self.search {
                    Some(search) if !search.input.trim().is_empty() => {
                        search.typing = false;
                        search.best
                    }
                    _ => None,
                };
                match keep {
                    Some(best) => {
                        // Back goes to where the search started.
                        if let Some(origin) = self.search.as_ref().and_then(|s| s.origin) {
                            self.select_event(origin);
                        }
                        self.go_to(best);
                    }
                    None => {
                        let nothing = self.search.as_ref().is_some_and(|s| !s.input.trim().is_empty());
                        if nothing && !self.search.as_ref().is_some_and(|s| s.pending) {
                            self.message = Some("no matches".into());
                        }
                        if !nothing {
                            self.search = None;
                        }
                    }
                }
                true
            }
            (Some(Popup::Search), PromptCancel) => {
                self.popup = None;
                if let Some(origin) = self.search.take().and_then(|s| s.origin) {
                    self.select_event(origin);
                }
                true
            }
            (Some(Popup::Export { cursor }), MoveDown) => {
                *cursor = (*cursor + 1).min(crate::export::Format::ALL.len() - 1);
                true
            }
            (Some(Popup::Export { cursor }), MoveUp) => {
                *cursor = cursor.saturating_sub(1);
                true
            }
            (Some(Popup::Export { cursor }), PromptSubmit) => {
                let format = crate::export::Format::ALL[*cursor];
                self.popup = None;
                self.effects.push(super::effects::Effect::Export(format));
                true
            }
            (Some(Popup::Export { .. }), PromptCancel) => {
                self.popup = None;
                true
            }
            (Some(Popup::Export { .. }), _) if !matches!(action, Quit) => true,
            (Some(Popup::Picker(picker)), MoveDown) => {
                picker.move_cursor(1);
                true
            }
            (Some(Popup::Picker(picker)), MoveUp) => {
                picker.move_cursor(-1);
                true
            }
            (Some(Popup::Picker(picker)), PageDown) => {
                picker.move_cursor(10);
                true
            }
            (Some(Popup::Picker(picker)), PageUp) => {
                picker.move_cursor(-10);
                true
            }
            (Some(Popup::Picker(picker)), PickerToggle) => {
                picker.toggle();
                true
            }
            (Some(Popup::Picker(picker)), PromptDelete) => {
                picker.narrow.pop();
                picker.cursor = 0;
                true
            }
            (Some(Popup::Picker(_)), PromptCancel) => {
                self.popup = None;
                true
            }
            (Some(Popup::Picker(picker)), PromptSubmit) => {
                let mut picker = picker.clone();
                if picker.chosen.is_empty() && !picker.touched {
                    // Enter on a value without choosing any: take the one under the cursor.
                    // (Un-choosing everything and pressing Enter clears the facet instead.)
                    picker.toggle();
                }
                let facet = facet_of(picker.kind);
                let mut query = self.query.clone();
                let timeline = self.timeline.clone();
                // Choosing a value replaces the facet's chosen values, and also drops a `-`
                // term for that same value (choosing it means wanting it).
                query.terms.retain(|t| {
                    if t.facet != facet {
                        return true;
                    }
                    t.negated
                        && !picker.chosen.iter().any(|v| {
                            timeline.as_ref().is_some_and(|tl| names_item(tl, picker.kind, v, &t.value))
                        })
                });
                for item in &picker.items {
                    if picker.chosen.contains(&item.value) {
                        query.add(Term::new(facet, item.value.clone()));
                    }
                }
                self.popup = None;
                if let Err(e) = self.apply_query(query) {
                    self.message = Some(e);
                }
                true
            }
            _ => false,
        }
    }

    pub(super) fn open_picker(&mut self, kind: PickerKind) {
        let Some(timeline) = self.timeline.clone() else { return };
        let facet = facet_of(kind);
        let others = self.query.without(facet);
        let base = match Filter::new(&timeline, &others) {
            Ok(f) => f.apply(&timeline, self.index.as_deref()),
            Err(_) => (0..timeline.events.len()).collect(),
        };
        let items = picker_items(&timeline, kind, &base);
        if items.is_empty() {
            self.message = Some(format!("this timeline has no {}", facet.name()));
            return;
        }
        let chosen = items
            .iter()
            .filter(|item| {
                self.query.of(facet).any(|t| !t.negated && names_item(&timeline, kind, &item.value, &t.value))
            })
            .map(|item| item.value.clone())
            .collect();
        self.popup = Some(Popup::Picker(Picker {
            kind,
            items,
            narrow: String::new(),
            cursor: 0,
            chosen,
            touched: false,
        }));
    }

    pub(super) fn open_search(&mut self) {
        let origin = self.selected_event();
        let input = String::new();
        self.search = Some(Search {
            query: SearchQuery::new(&input),
            input,
            typing: true,
            origin,
            generation: self.search_generation,
            matches: Vec::new(),
            best: None,
            pending: false,
        });
        self.popup = Some(Popup::Search);
    }

    pub(super) fn search_type(&mut self, c: char) {
        if let Some(search) = &mut self.search {
            if search.input.chars().count() < 200 {
                search.input.push(c);
            }
        }
        self.request_search();
    }

    /// Asks for the current search to run over the shown events.
    pub(super) fn request_search(&mut self) {
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
            candidates: Arc::new(self.visible.clone()),
        });
    }

    /// Results of a search; stale ones (an older generation) are dropped.
    pub fn search_results(&mut self, generation: u64, hits: Vec<Hit>) {
        let Some(search) = &mut self.search else { return };
        if search.generation != generation {
            return;
        }
        search.pending = false;
        // The highest score wins; among equals, the earliest.
        let best = hits.iter().rev().max_by_key(|h| h.score).map(|h| h.event);
        search.best = best;
        search.matches = hits.into_iter().map(|h| h.event).collect();
        let typing = search.typing;
        if typing {
            match best {
                Some(event) => {
                    self.select_event(event);
                }
                None => {
                    if let Some(origin) = self.search.as_ref().and_then(|s| s.origin) {
                        self.select_event(origin);
                    }
                }
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

    pub(super) fn step_match(&mut self, forward: bool) {
        let Some(search) = &self.search else {
            self.message = Some("no search yet: press / to search".into());
            return;
        };
        if search.matches.is_empty() {
            self.message = Some("no matches".into());
            return;
        }
        let current = self.selected_event().unwrap_or(0);
        let matches = search.matches.clone();
        let next = if forward {
            matches.iter().find(|&&m| m > current).or(matches.first())
        } else {
            matches.iter().rev().find(|&&m| m < current).or(matches.last())
        };
        if let Some(&event) = next {
            let wrapped = if forward { event <= current } else { event >= current };
            self.go_to(event);
            let n = matches.len();
            let at = matches.iter().position(|&m| m == event).unwrap_or(0) + 1;
            self.message = Some(if wrapped {
                format!("match {at} of {n} (wrapped)")
            } else {
                format!("match {at} of {n}")
            });
        }
    }

    /// Events that match the kept search, for highlighting.
    pub fn is_match(&self, event: EventIx) -> bool {
        self.search.as_ref().is_some_and(|s| s.matches.binary_search(&event).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;
    use crate::tui::app::Viewport;
    use crate::tui::keymap::{action_for, Mode};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn app() -> App {
        let mut app = App::with_timeline("t", model::load_builtin().unwrap());
        app.set_viewport(Viewport { list_rows: 10, detail_rows: 10, detail_width: 60, one_pane: false });
        app
    }

    fn press(app: &mut App, code: KeyCode) {
        let event = KeyEvent::new(code, KeyModifiers::NONE);
        match action_for(app.mode(), &event) {
            Some(action) => app.update(action),
            None => {
                if let KeyCode::Char(c) = code {
                    app.type_char(c);
                }
            }
        }
        app.run_search_here();
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    fn id(app: &App) -> String {
        app.timeline.as_ref().unwrap().events[app.selected_event().unwrap()].id.clone()
    }

    #[test]
    fn query_prompt_applies_and_shows_errors_as_you_type() {
        let mut app = app();
        press(&mut app, KeyCode::Char('f'));
        assert_eq!(app.mode(), Mode::Prompt);
        type_text(&mut app, "country:Chna");
        assert!(
            matches!(&app.popup, Some(Popup::Query { error: Some(e), .. }) if e.contains("did you mean `China`"))
        );
        for _ in 0.."Chna".len() {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "PE");
        assert!(matches!(&app.popup, Some(Popup::Query { error: None, .. })));
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.popup, None);
        assert_eq!(app.visible.len(), 1);
        assert_eq!(id(&app), "lima-apec-meeting-2016");
        press(&mut app, KeyCode::Char('f'));
        assert!(
            matches!(&app.popup, Some(Popup::Query { input, .. }) if input == "country:PE"),
            "the current query to edit"
        );
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('x'));
        assert_eq!(app.visible.len(), app.timeline.as_ref().unwrap().events.len());
        assert_eq!(id(&app), "lima-apec-meeting-2016", "clearing keeps the selection");
    }

    #[test]
    fn selection_moves_to_the_nearest_event_when_filtered_out() {
        let mut app = app();
        let t = app.timeline.clone().unwrap();
        app.select_event(t.event_index("lima-apec-meeting-2016").unwrap());
        app.apply_query(Query::parse("tag:dialogue").unwrap()).unwrap();
        let chosen = &t.events[app.selected_event().unwrap()];
        assert!(chosen.tags.contains(&"dialogue".to_string()));
        assert_eq!(chosen.id, "dialogue-round-3", "nearest in time to Nov 19, 2016");
    }

    #[test]
    fn picker_counts_toggles_and_applies() {
        let mut app = app();
        app.apply_query(Query::parse("status:planned").unwrap()).unwrap();
        press(&mut app, KeyCode::Char('c'));
        let Some(Popup::Picker(picker)) = &app.popup else { panic!("picker open") };
        let count = |v: &str| picker.items.iter().find(|i| i.value == v).unwrap().count;
        assert_eq!((count("CN"), count("US"), count("PE")), (1, 1, 0), "counts given the other filters");
        type_text(&mut app, "peru");
        let Some(Popup::Picker(picker)) = &app.popup else { panic!() };
        assert_eq!(picker.shown().len(), 1);
        press(&mut app, KeyCode::Char(' '));
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.query.to_string(), "status:planned country:PE");
        assert!(app.visible.is_empty(), "planned AND Peru: nothing");
        press(&mut app, KeyCode::Char('x'));
        press(&mut app, KeyCode::Char('a'));
        let Some(Popup::Picker(picker)) = &app.popup else { panic!() };
        let fbi = picker.items.iter().position(|i| i.value == "fbi").unwrap();
        let doj = picker.items.iter().position(|i| i.value == "doj").unwrap();
        assert!(
            doj < fbi && picker.items[fbi].depth == picker.items[doj].depth + 1,
            "FBI indented under DOJ"
        );
        assert!(picker.items[doj].count >= picker.items[fbi].count);
        press(&mut app, KeyCode::Esc);
        assert!(app.query.is_empty(), "Esc applies nothing");
    }

    #[test]
    fn incremental_search_jumps_and_esc_returns() {
        let mut app = app();
        press(&mut app, KeyCode::Char('j'));
        let start = id(&app);
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "mar-a");
        assert_eq!(id(&app), "mar-a-lago-summit-2017", "moves as you type");
        press(&mut app, KeyCode::Esc);
        assert_eq!(id(&app), start, "Esc returns");
        assert!(app.search.is_none());

        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "round");
        press(&mut app, KeyCode::Enter);
        let matches = app.search.as_ref().unwrap().matches.clone();
        assert!(matches.len() >= 4);
        let first = id(&app);
        assert_ne!(first, start);
        press(&mut app, KeyCode::Backspace);
        assert_eq!(id(&app), start, "Backspace returns to before the search");
        press(&mut app, KeyCode::Char('n'));
        let second = id(&app);
        press(&mut app, KeyCode::Char('n'));
        assert_ne!(id(&app), second);
        press(&mut app, KeyCode::Char('N'));
        assert_eq!(id(&app), second);
        assert!(app.is_match(app.selected_event().unwrap()));
    }

    #[test]
    fn search_runs_within_the_filter() {
        let mut app = app();
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "sessions");
        assert!(!app.search.as_ref().unwrap().matches.is_empty());
        press(&mut app, KeyCode::Enter);
        app.apply_query(Query::parse("country:PE").unwrap()).unwrap();
        app.run_search_here();
        assert!(app.search.as_ref().unwrap().matches.is_empty(), "a new filter narrows the kept search");
    }

    #[test]
    fn a_search_typed_before_the_index_waits_for_it() {
        let timeline = std::sync::Arc::new(model::load_builtin().unwrap());
        let mut app = App::new("t");
        app.loaded(timeline.clone(), None);
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "lima");
        assert!(app.search_request.is_some(), "kept while there is no index");
        app.indexed(&timeline, std::sync::Arc::new(crate::model::index::Index::new(&timeline)));
        app.run_search_here();
        assert_eq!(id(&app), "lima-apec-meeting-2016");
    }

    #[test]
    fn a_filter_that_moves_the_selection_resets_the_detail() {
        let mut app = app();
        let t = app.timeline.clone().unwrap();
        app.select_event(t.event_index("dialogue-round-3").unwrap());
        app.detail_scroll = 5;
        app.detail_link = Some(1);
        app.apply_query(Query::parse("country:CN").unwrap()).unwrap();
        assert_eq!((app.detail_scroll, app.detail_link), (5, Some(1)), "same event, same place");
        app.apply_query(Query::parse("country:PE").unwrap()).unwrap();
        assert_eq!((app.detail_scroll, app.detail_link), (0, None), "another event starts at the top");
    }

    #[test]
    fn a_picker_can_clear_its_facet() {
        let mut app = app();
        app.apply_query(Query::parse("country:CN").unwrap()).unwrap();
        press(&mut app, KeyCode::Char('c'));
        let Some(Popup::Picker(picker)) = &app.popup else { panic!() };
        let cn = picker.shown().iter().position(|&i| picker.items[i].value == "CN").unwrap();
        for _ in 0..cn {
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Char(' '));
        press(&mut app, KeyCode::Enter);
        assert!(app.query.is_empty(), "un-choosing the only value clears the facet: {}", app.query);
    }

    #[test]
    fn stale_results_are_dropped() {
        let mut app = app();
        press(&mut app, KeyCode::Char('/'));
        app.type_char('r');
        let old = app.search_request.take().unwrap();
        app.type_char('o');
        let hits = app.index.clone().unwrap().text.search(&old.candidates, &old.query);
        app.search_results(old.generation, hits);
        assert!(app.search.as_ref().unwrap().pending, "older results do not count");
        app.run_search_here();
        assert!(!app.search.as_ref().unwrap().pending);
    }
}
