//! Turning a `Query` into a test on events.
//!
//! Names resolve by id, name, short name or alias, ignoring case (`CN`, `china` and `China` are
//! one country; `FBI`, `fbi` and `Federal Bureau of Investigation` one agency). An event involves
//! a country when it lists it, lists an agency or person of it, or takes place there; it involves
//! an agency when it lists it or one of its sub-agencies. Date bounds keep events that overlap.

use super::index::{EventSet, Index};
use super::query::{Facet, Query, QueryError, Term};
use super::search::{annotated_text, SearchIndex};
use super::suggest::did_you_mean;
use super::{AgencyIx, CountryIx, Event, EventIx, Named, PersonIx, Status, Timeline, Zone};
use crate::text::escape;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
enum Matcher {
    /// Any of these countries (a name may belong to several).
    Country(Vec<CountryIx>),
    /// Membership by agency index: the named agencies and all their sub-agencies.
    Agency(Vec<bool>),
    Person(Vec<PersonIx>),
    /// Who acted.
    By(super::acting::ActedBy),
    /// Lower-case tag.
    Tag(String),
    Status(Status),
    /// The event ends on or after this day, as the zone shows its days (`DateSpec::days_in`).
    From(NaiveDate, Zone),
    /// The event starts on or before this day, as the zone shows its days.
    To(NaiveDate, Zone),
    /// The event's last second is at or after this instant (Unix seconds): `from:` with a time.
    FromInstant(i64),
    /// The event's first second is at or before this instant: `to:` with a time.
    ToInstant(i64),
    /// Lower-case words that must all occur.
    Text(Vec<String>),
    /// Folded words joined by single spaces, to be found together at word boundaries.
    Phrase(String),
    /// The events of one file.
    File(super::FileIx),
    /// Folded words that must all occur in the reader's annotation (none: any annotation).
    Annotation(Vec<String>),
    /// A kind of change since the older version of `Timeline::since`.
    Change(super::since::ChangeValue),
}

#[derive(Debug, Clone, PartialEq)]
struct Group {
    facet: Facet,
    any_of: Vec<Matcher>,
    none_of: Vec<Matcher>,
}

/// A resolved query, ready to test events.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    groups: Vec<Group>,
}

impl Filter {
    /// Everything passes.
    pub fn all() -> Filter {
        Filter { groups: Vec::new() }
    }

    /// The filter of a query in `zone`, the zone the view shows (`--tz`, `T`): a time written
    /// without an offset in `from:`/`to:` is read there, and a day bound compares with the days
    /// events fall on there. The one way to build a filter, so the CLI, the explorer, the
    /// pickers and completion give the same answer to the same query.
    pub fn new(timeline: &Timeline, query: &Query, zone: &Zone) -> Result<Filter, QueryError> {
        let mut groups: Vec<Group> = Vec::new();
        for term in &query.terms {
            let matcher = resolve(timeline, term, zone)?;
            let group = match groups.iter_mut().find(|g| g.facet == term.facet) {
                Some(g) => g,
                None => {
                    groups.push(Group { facet: term.facet, any_of: Vec::new(), none_of: Vec::new() });
                    groups.last_mut().expect("just pushed")
                }
            };
            if term.negated {
                group.none_of.push(matcher);
            } else {
                group.any_of.push(matcher);
            }
        }
        Ok(Filter { groups })
    }

    pub fn is_all(&self) -> bool {
        self.groups.is_empty()
    }

    /// Whether the filter needs text search (and so benefits from a `SearchIndex`).
    pub fn uses_text(&self) -> bool {
        self.groups.iter().any(|g| g.facet == Facet::Text)
    }

    pub fn matches(&self, timeline: &Timeline, index: Option<&SearchIndex>, event: EventIx) -> bool {
        let e = &timeline.events[event];
        self.groups.iter().all(|g| {
            let test = |m: &Matcher| matches(timeline, index, event, e, m);
            (g.any_of.is_empty() || g.any_of.iter().any(test)) && !g.none_of.iter().any(test)
        })
    }

    /// The events that pass, in chronological order. With an index, facets combine bit sets
    /// of prepared event lists; without, every event is tested (the same answer, slower).
    pub fn apply(&self, timeline: &Timeline, index: Option<&Index>) -> Vec<EventIx> {
        if self.is_all() {
            return (0..timeline.events.len()).collect();
        }
        match index {
            Some(index) => self.apply_indexed(timeline, index),
            None => (0..timeline.events.len()).filter(|&e| self.matches(timeline, None, e)).collect(),
        }
    }

    fn apply_indexed(&self, timeline: &Timeline, index: &Index) -> Vec<EventIx> {
        let n = timeline.events.len();
        let mut result = EventSet::full(n);
        for group in &self.groups {
            let mut passing = if group.any_of.is_empty() {
                EventSet::full(n)
            } else {
                let mut any = EventSet::empty(n);
                for m in &group.any_of {
                    any.union(&events_matching(timeline, index, m));
                }
                any
            };
            for m in &group.none_of {
                passing.subtract(&events_matching(timeline, index, m));
            }
            result.intersect(&passing);
        }
        result.to_vec()
    }
}

/// Every event one matcher accepts, from the index.
fn events_matching(timeline: &Timeline, index: &Index, m: &Matcher) -> EventSet {
    let n = timeline.events.len();
    let facets = &index.facets;
    let mut set = EventSet::empty(n);
    match m {
        Matcher::Country(cs) => cs.iter().for_each(|&c| set.insert_all(&facets.countries[c])),
        Matcher::Agency(covered) => {
            for (a, _) in covered.iter().enumerate().filter(|(_, &yes)| yes) {
                set.insert_all(&facets.agencies[a]);
            }
        }
        Matcher::Person(ps) => ps.iter().for_each(|&p| set.insert_all(&facets.people[p])),
        Matcher::By(by) => by.insert_indexed(facets, &mut set),
        Matcher::Tag(tag) => {
            if let Some(list) = facets.tags.get(tag) {
                set.insert_all(list);
            }
        }
        Matcher::Status(s) => {
            let i = Status::ALL.iter().position(|x| x == s).unwrap_or(0);
            set.insert_all(&facets.statuses[i]);
        }
        // Days in the zone shown: the index's day arrays are the timeline's, so each event asks.
        Matcher::From(day, zone) => {
            for (e, event) in timeline.events.iter().enumerate() {
                if event.date.days_in(zone).1 >= *day {
                    set.insert(e);
                }
            }
        }
        Matcher::To(day, zone) => {
            for (e, event) in timeline.events.iter().enumerate() {
                if event.date.days_in(zone).0 <= *day {
                    set.insert(e);
                }
            }
        }
        Matcher::FromInstant(at) => {
            for (e, event) in timeline.events.iter().enumerate() {
                if event.date.end_instant() >= *at {
                    set.insert(e);
                }
            }
        }
        Matcher::ToInstant(at) => {
            for (e, event) in timeline.events.iter().enumerate() {
                if event.date.start_instant() <= *at {
                    set.insert(e);
                }
            }
        }
        Matcher::File(file) => {
            for (e, event) in timeline.events.iter().enumerate() {
                if event.file == *file {
                    set.insert(e);
                }
            }
        }
        Matcher::Text(words) => return with_annotations(timeline, index.text.matching(words).any, m),
        // Annotations are few and change while the explorer runs: no index, a scan.
        Matcher::Annotation(_) => {
            for (ix, e) in timeline.events.iter().enumerate() {
                if e.annotation.is_some() && matches(timeline, None, ix, e, m) {
                    set.insert(ix);
                }
            }
        }
        Matcher::Change(value) => {
            for ix in 0..n {
                if matches_change(timeline, ix, *value) {
                    set.insert(ix);
                }
            }
        }
        Matcher::Phrase(phrase) => {
            // Events holding every word of the phrase, then only those with them together.
            let words: Vec<String> = phrase
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            for e in index.text.events_with_all(&words).to_vec() {
                if index.text.contains_phrase(e, phrase) {
                    set.insert(e);
                }
            }
            return with_annotations(timeline, set, m);
        }
    }
    set
}

/// The index's answer to a text matcher, with annotated events tested on their text with the
/// annotation (the index never holds annotations; see `search::AnnotatedSearch`).
fn with_annotations(timeline: &Timeline, mut set: EventSet, m: &Matcher) -> EventSet {
    for (ix, e) in timeline.events.iter().enumerate().filter(|(_, e)| e.annotation.is_some()) {
        if matches(timeline, None, ix, e, m) {
            set.insert(ix);
        }
    }
    set
}

fn matches(timeline: &Timeline, index: Option<&SearchIndex>, ix: EventIx, e: &Event, m: &Matcher) -> bool {
    // An annotated event's text is more than the index holds.
    let index = index.filter(|_| e.annotation.is_none());
    match m {
        Matcher::Country(cs) => cs.iter().any(|&c| involves_country(timeline, e, c)),
        Matcher::Agency(set) => e.agencies.iter().any(|&a| set[a]),
        Matcher::Person(ps) => e.people.iter().any(|p| ps.contains(&p.person)),
        Matcher::By(by) => by.matches(timeline, e),
        Matcher::Tag(tag) => e.tags.iter().any(|t| eq_ignore_case(t, tag)),
        Matcher::Status(s) => e.status == *s,
        Matcher::File(file) => e.file == *file,
        Matcher::From(day, zone) => e.date.days_in(zone).1 >= *day,
        Matcher::To(day, zone) => e.date.days_in(zone).0 <= *day,
        Matcher::FromInstant(at) => e.date.end_instant() >= *at,
        Matcher::ToInstant(at) => e.date.start_instant() <= *at,
        Matcher::Text(words) => match index {
            Some(index) => index.matches_all(ix, words),
            None => super::words::words_match(&annotated_text(timeline, e), words).is_some(),
        },
        Matcher::Phrase(phrase) => match index {
            Some(index) => index.contains_phrase(ix, phrase),
            None => super::search::has_phrase(&annotated_text(timeline, e), phrase),
        },
        Matcher::Change(value) => matches_change(timeline, ix, *value),
        Matcher::Annotation(words) => e.annotation.as_deref().is_some_and(|text| {
            let text = super::fold::fold(text);
            words.iter().all(|w| text.contains(w.as_str()))
        }),
    }
}

/// Whether an event has a change of this kind since the older version (removed events are
/// not the timeline's: they are `Since`'s ghosts).
fn matches_change(timeline: &Timeline, ix: EventIx, value: super::since::ChangeValue) -> bool {
    timeline.since.as_ref().is_some_and(|since| since.matches(ix, value))
}

/// Whether an event involves a country: listed, of a listed agency or person, or the place.
pub fn involves_country(timeline: &Timeline, e: &Event, c: CountryIx) -> bool {
    e.countries.contains(&c)
        || e.agencies.iter().any(|&a| timeline.agencies[a].country == Some(c))
        || e.people.iter().any(|p| timeline.people[p.person].country == Some(c))
        || e.location.as_ref().is_some_and(|l| l.country == Some(c))
}

/// Compares folded (case and accents ignored), as the query and the index do.
fn eq_ignore_case(a: &str, folded: &str) -> bool {
    super::fold::fold(a) == folded
}

fn lower(s: &str) -> String {
    super::fold::fold(s)
}

/// The agencies an agency filter covers: it and everything below it.
pub fn agency_and_descendants(timeline: &Timeline, roots: &[AgencyIx]) -> Vec<bool> {
    let mut set = vec![false; timeline.agencies.len()];
    for (i, _) in timeline.agencies.iter().enumerate() {
        // Walk up from each agency; the loader guarantees parents form no cycle.
        let mut current = Some(i);
        let mut steps = 0;
        while let Some(a) = current {
            if roots.contains(&a) {
                set[i] = true;
                break;
            }
            current = timeline.agencies[a].parent;
            steps += 1;
            if steps > timeline.agencies.len() {
                break;
            }
        }
    }
    set
}

fn unknown(kind: &str, value: &str, candidates: Vec<String>) -> QueryError {
    let help = did_you_mean(value, candidates.iter().map(String::as_str))
        .map(|s| format!("did you mean `{}`?", escape(s)));
    QueryError { message: format!("unknown {kind} `{}`", escape(value)), help, offset: None }
}

/// The entities among `items` that answer to `value`: by any of their names (ignoring case and
/// accents), else by a whole word of a name (a surname) when exactly one has it. None is an
/// error naming the nearest name; a word several share is an error listing them.
pub(super) fn resolve_named<T: Named>(
    items: &[T],
    kind: &str,
    value: &str,
) -> Result<Vec<usize>, QueryError> {
    let found: Vec<usize> =
        items.iter().enumerate().filter(|(_, item)| item.answers_to(value)).map(|(i, _)| i).collect();
    if !found.is_empty() {
        return Ok(found);
    }
    let by_word: Vec<usize> =
        items.iter().enumerate().filter(|(_, item)| item.has_name_word(value)).map(|(i, _)| i).collect();
    match by_word.len() {
        1 => Ok(by_word),
        0 => {
            let names: Vec<String> = items.iter().flat_map(|item| item.names().map(str::to_string)).collect();
            let mut error = unknown(kind, value, names);
            if error.help.is_none() {
                error.help =
                    near_name_word(items, value).map(|i| format!("did you mean {}?", items[i].described()));
            }
            Err(error)
        }
        _ => {
            let listed: Vec<String> = by_word.iter().map(|&i| items[i].described()).collect();
            Err(QueryError {
                message: format!("`{}` names more than one {kind}: {}", escape(value), listed.join(", ")),
                help: Some(format!("write one of them by its id, e.g. {kind}:{}", items[by_word[0]].id())),
                offset: None,
            })
        }
    }
}

/// The entity one of whose name words is nearest to `value` (`publc` → the Ministry of Public
/// Security), where no whole name is near: a mistyped word of a long name.
fn near_name_word<T: Named>(items: &[T], value: &str) -> Option<usize> {
    let typed: Vec<String> = super::fold::words(value).collect();
    let [typed] = typed.as_slice() else { return None };
    if typed.chars().count() < 4 {
        return None;
    }
    let words: Vec<(String, usize)> = items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| item.names().skip(1).flat_map(super::fold::words).map(move |w| (w, i)))
        .collect();
    let near = did_you_mean(typed, words.iter().map(|(w, _)| w.as_str()))?;
    words.iter().find(|(w, _)| w == near).map(|&(_, i)| i)
}

fn resolve(timeline: &Timeline, term: &Term, zone: &Zone) -> Result<Matcher, QueryError> {
    let value = term.value.trim();
    let wanted = lower(value);
    match term.facet {
        Facet::Country => Ok(Matcher::Country(resolve_named(&timeline.countries, "country", value)?)),
        Facet::Agency => {
            let found = resolve_named(&timeline.agencies, "agency", value)?;
            Ok(Matcher::Agency(agency_and_descendants(timeline, &found)))
        }
        Facet::Person => Ok(Matcher::Person(resolve_named(&timeline.people, "person", value)?)),
        Facet::By => Ok(Matcher::By(super::acting::ActedBy::resolve(timeline, value)?)),
        Facet::Tag => {
            if timeline.events.iter().any(|e| e.tags.iter().any(|t| eq_ignore_case(t, &wanted))) {
                Ok(Matcher::Tag(wanted))
            } else {
                Err(unknown("tag", value, all_tags(timeline)))
            }
        }
        Facet::Status => match Status::parse(&wanted) {
            Some(s) => Ok(Matcher::Status(s)),
            None => {
                Err(unknown("status", value, Status::ALL.iter().map(|s| s.as_str().to_string()).collect()))
            }
        },
        Facet::From | Facet::To => {
            let date = super::DateSpec::parse_shown_in(value, zone, &timeline.zone).map_err(|e| {
                QueryError::new(format!("invalid date `{}` in `{}:`: {e}", escape(value), term.facet.name()))
            })?;
            // A bound with a time is an instant; a bound without one is a whole day, compared
            // with the days events cover (so `to:2016-12-07` keeps every event of that day).
            Ok(match (term.facet == Facet::From, date.has_time()) {
                (true, false) => Matcher::From(date.first_day(), *zone),
                (false, false) => Matcher::To(date.last_day(), *zone),
                (true, true) => Matcher::FromInstant(date.start_instant()),
                (false, true) => Matcher::ToInstant(date.end_instant()),
            })
        }
        Facet::Text if term.phrase => {
            Ok(Matcher::Phrase(wanted.split_whitespace().collect::<Vec<_>>().join(" ")))
        }
        Facet::Text => Ok(Matcher::Text(wanted.split_whitespace().map(str::to_string).collect())),
        Facet::File => match timeline.files.iter().position(|f| super::fold::same(&f.stem, value)) {
            Some(file) => Ok(Matcher::File(file)),
            None => Err(unknown("file", value, timeline.files.iter().map(|f| f.stem.clone()).collect())),
        },
        Facet::Change => match (&timeline.since, super::since::ChangeValue::parse(value)) {
            (None, _) => Err(super::since::no_older_version()),
            (Some(_), Some(v)) => Ok(Matcher::Change(v)),
            (Some(_), None) => Err(super::since::unknown_value(value)),
        },
        Facet::Annotation if value == "*" => Ok(Matcher::Annotation(Vec::new())),
        Facet::Annotation => {
            Ok(Matcher::Annotation(super::fold::fold(value).split_whitespace().map(str::to_string).collect()))
        }
    }
}

/// Every tag in the timeline, each once, in first-seen order.
pub fn all_tags(timeline: &Timeline) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for e in &timeline.events {
        for t in &e.tags {
            if seen.insert(super::fold::fold(t)) {
                out.push(t.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    fn builtin() -> Timeline {
        model::load_builtin().unwrap()
    }

    fn run(t: &Timeline, q: &str) -> Vec<String> {
        let filter =
            Filter::new(t, &Query::parse(q).unwrap(), &t.zone).unwrap_or_else(|e| panic!("{q}: {e}"));
        filter.apply(t, None).into_iter().map(|i| t.events[i].id.clone()).collect()
    }

    #[test]
    fn names_resolve_by_id_name_short_and_alias_ignoring_case() {
        let t = builtin();
        assert_eq!(run(&t, "country:CN"), run(&t, "country:china"));
        assert_eq!(run(&t, "country:China"), run(&t, "country:PRC"));
        assert_eq!(run(&t, "agency:FBI"), run(&t, "agency:fbi"));
        assert_eq!(run(&t, "agency:fbi"), run(&t, "agency:\"Federal Bureau of Investigation\""));
        assert_eq!(run(&t, "agency:cac"), run(&t, "agency:\"State Internet Information Office\""));
        assert_eq!(run(&t, "person:guo-shengkun"), run(&t, "person:\"Guo Shengkun\""));
        assert_eq!(run(&t, "person:郭声琨"), run(&t, "person:\"guo shengkun\""));
        assert!(!run(&t, "agency:fbi").is_empty());
    }

    #[test]
    fn unknown_names_suggest() {
        let t = builtin();
        let e = Filter::new(&t, &Query::parse("country:Chna").unwrap(), &t.zone).unwrap_err();
        assert_eq!(e.message, "unknown country `Chna`");
        assert_eq!(e.help.as_deref(), Some("did you mean `China`?"));
        let e = Filter::new(&t, &Query::parse("agency:fbii").unwrap(), &t.zone).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `fbi`?"));
        let e = Filter::new(&t, &Query::parse("status:planed").unwrap(), &t.zone).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `planned`?"));
        let e = Filter::new(&t, &Query::parse("tag:hotlines").unwrap(), &t.zone).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `hotline`?"));
        // A mistyped word of a long name: the agency it names.
        for typed in ["agency:publc", "agency:minstry"] {
            let e = Filter::new(&t, &Query::parse(typed).unwrap(), &t.zone).unwrap_err();
            assert_eq!(e.message, format!("unknown agency `{}`", &typed[7..]));
            assert!(e.help.as_deref().is_some_and(|h| h.starts_with("did you mean `")), "{typed}: {e:?}");
        }
    }

    #[test]
    fn whole_words_of_a_name_together_name_it() {
        let t = builtin();
        assert_eq!(run(&t, "agency:\"public security\""), run(&t, "agency:mps"));
        let text = "title: t\npeople:\n  - {id: conan, name: \"Conan O'Brien\"}\nevents:\n  - {id: show, title: S, date: 2016, people: [conan]}\n";
        let t = model::load_str("t", text).unwrap();
        assert_eq!(run(&t, "person:o'brien"), ["show"]);
        assert_eq!(run(&t, "person:O’Brien"), ["show"], "a typographic apostrophe too");
    }

    #[test]
    fn parent_agency_includes_sub_agencies() {
        let t = builtin();
        let doj = run(&t, "agency:doj");
        for id in run(&t, "agency:fbi") {
            assert!(doj.contains(&id), "{id} lists the FBI, so it involves the DOJ");
        }
    }

    #[test]
    fn country_involvement_counts_agencies_people_and_place() {
        let t = builtin();
        let peru = run(&t, "country:PE");
        assert_eq!(peru, vec!["lima-apec-meeting-2016"]);
        // OPM breaches list only U.S. agencies, no countries: still U.S. events.
        let us = run(&t, "country:US");
        assert!(us.contains(&"opm-breach-records-2015".to_string()));
    }

    #[test]
    fn dates_overlap() {
        let text = "title: t\nevents:\n  - {id: span, title: S, date: \"2015-12..2016-01\"}\n  - {id: year, title: Y, date: 2017}\n  - {id: old, title: O, date: 2014}\n";
        let t2 = model::load_str("t", text).unwrap();
        assert_eq!(run(&t2, "from:2016"), vec!["span", "year"]);
        assert_eq!(run(&t2, "to:2017-03"), vec!["old", "span", "year"]);
        assert_eq!(run(&t2, "-from:2016"), vec!["old"]);
        assert_eq!(run(&t2, "from:2015 to:2015"), vec!["span"]);
    }

    #[test]
    fn text_status_and_negation() {
        let t = builtin();
        assert_eq!(run(&t, "status:planned"), vec!["training-course-plan-2016"]);
        assert_eq!(run(&t, "status:did-not-take-place"), vec!["dialogue-round-4-planned"]);
        let hotline = run(&t, "hotline");
        assert!(hotline.len() >= 3);
        let not_hotline = run(&t, "-hotline");
        assert_eq!(hotline.len() + not_hotline.len(), t.events.len());
        assert!(run(&t, "hotline zzzznothing").is_empty(), "words of one text term must all match");
    }

    mod algebra {
        use super::*;
        use proptest::prelude::*;
        use std::collections::BTreeSet;

        /// Terms that always resolve in the built-in timeline.
        fn term() -> impl Strategy<Value = Term> {
            let values: Vec<(Facet, &str)> = vec![
                (Facet::Country, "CN"),
                (Facet::Country, "US"),
                (Facet::Country, "PE"),
                (Facet::Agency, "doj"),
                (Facet::Agency, "fbi"),
                (Facet::Agency, "mps"),
                (Facet::Person, "guo-shengkun"),
                (Facet::Person, "lynch"),
                (Facet::By, "CN"),
                (Facet::By, "US"),
                (Facet::By, "doj"),
                (Facet::By, "mps"),
                (Facet::By, "xi-jinping"),
                (Facet::Tag, "hotline"),
                (Facet::Tag, "dialogue"),
                (Facet::Status, "planned"),
                (Facet::Status, "happened"),
                (Facet::From, "2016"),
                (Facet::To, "2015-09"),
                (Facet::Text, "round"),
                (Facet::Text, "cyber"),
            ];
            (proptest::sample::select(values), any::<bool>()).prop_map(|((f, v), neg)| Term {
                phrase: false,
                negated: neg,
                facet: f,
                value: v.to_string(),
            })
        }

        fn set(t: &Timeline, terms: &[Term]) -> BTreeSet<EventIx> {
            Filter::new(t, &Query { terms: terms.to_vec() }, &t.zone)
                .unwrap()
                .apply(t, None)
                .into_iter()
                .collect()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]

            #[test]
            fn or_within_a_facet_and_across_facets(a in term(), b in term()) {
                let t = builtin();
                let both = set(&t, &[a.clone(), b.clone()]);
                let sa = set(&t, std::slice::from_ref(&a));
                let sb = set(&t, std::slice::from_ref(&b));
                if a.facet == b.facet && !a.negated && !b.negated {
                    prop_assert_eq!(both, sa.union(&sb).cloned().collect::<BTreeSet<_>>());
                } else if a.facet != b.facet {
                    prop_assert_eq!(both, sa.intersection(&sb).cloned().collect::<BTreeSet<_>>());
                }
            }

            #[test]
            fn negation_is_the_complement(a in term()) {
                let t = builtin();
                let all: BTreeSet<EventIx> = (0..t.events.len()).collect();
                let yes = set(&t, std::slice::from_ref(&a));
                let no = set(&t, &[a.clone().negate()]);
                prop_assert_eq!(no, all.difference(&yes).cloned().collect::<BTreeSet<_>>());
            }

            #[test]
            fn filtering_never_reorders(terms in proptest::collection::vec(term(), 0..5)) {
                let t = builtin();
                let out = Filter::new(&t, &Query { terms }, &t.zone).unwrap().apply(&t, None);
                prop_assert!(out.windows(2).all(|w| w[0] < w[1]));
            }

            #[test]
            fn index_and_no_index_agree(terms in proptest::collection::vec(term(), 0..4)) {
                let t = builtin();
                let index = Index::new(&t);
                let filter = Filter::new(&t, &Query { terms }, &t.zone).unwrap();
                prop_assert_eq!(filter.apply(&t, None), filter.apply(&t, Some(&index)));
            }
        }
    }

    #[test]
    fn a_phrase_needs_its_words_together_in_order() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/apollo.yaml");
        let t = model::load_file(&path).unwrap();
        let index = Index::new(&t);
        let ids = |q: &str| -> Vec<String> {
            let filter = Filter::new(&t, &Query::parse(q).unwrap(), &t.zone).unwrap();
            let with_index: Vec<String> =
                filter.apply(&t, Some(&index)).iter().map(|&e| t.events[e].id.clone()).collect();
            let without: Vec<String> =
                filter.apply(&t, None).iter().map(|&e| t.events[e].id.clone()).collect();
            assert_eq!(with_index, without, "{q}: the index and the plain scan agree");
            with_index
        };
        assert!(ids(r#""apollo test""#).is_empty(), "Apollo–Soyuz Test Project has them apart");
        assert_eq!(ids("apollo test"), ["apollo-1", "saturn-v", "astp"], "bare words: anywhere");
        assert_eq!(ids(r#""soyuz test""#), ["astp"]);
        assert!(ids(r#""oyuz test""#).is_empty(), "a phrase starts at a word boundary");
        assert_eq!(ids(r#""DETENTE cakes""#), ["astp"], "case and accents fold");
        assert_eq!(ids(r#"-"apollo 1""#).len(), 5);
    }
}
