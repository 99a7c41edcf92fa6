//! Indexes built once per loaded timeline so that filters and search stay interactive at
//! 100,000 events: for every country, agency, person, tag and status the sorted list of events
//! it touches (and, for who acted, the events each acted in), every event's first and last day as plain numbers, and the lower-cased text for
//! search. A filter then combines bit sets instead of visiting every event's fields.

pub use super::event_set::EventSet;
use super::search::SearchIndex;
use super::{Actor, Status, Timeline};
use chrono::Datelike;
use std::collections::HashMap;

/// Which events each facet value touches, and every event's days.
pub struct FacetIndex {
    pub countries: Vec<Vec<u32>>,
    /// Events that list the agency itself (sub-agencies are added by the filter).
    pub agencies: Vec<Vec<u32>>,
    pub people: Vec<Vec<u32>>,
    /// By folded tag (lower case, no accents).
    pub tags: HashMap<String, Vec<u32>>,
    pub statuses: [Vec<u32>; 4],
    /// Who acted (`by:`): the events each country acted in (itself, or through one of its
    /// agencies or people), and those each agency or person is named as acting in.
    pub acted_countries: Vec<Vec<u32>>,
    pub acted_agencies: Vec<Vec<u32>>,
    pub acted_people: Vec<Vec<u32>>,
    /// First and last day of every event, as days from the common era.
    pub first_days: Vec<i32>,
    pub last_days: Vec<i32>,
}

impl FacetIndex {
    pub fn new(t: &Timeline) -> FacetIndex {
        let mut index = FacetIndex {
            countries: vec![Vec::new(); t.countries.len()],
            agencies: vec![Vec::new(); t.agencies.len()],
            people: vec![Vec::new(); t.people.len()],
            tags: HashMap::new(),
            statuses: Default::default(),
            acted_countries: vec![Vec::new(); t.countries.len()],
            acted_agencies: vec![Vec::new(); t.agencies.len()],
            acted_people: vec![Vec::new(); t.people.len()],
            first_days: Vec::with_capacity(t.events.len()),
            last_days: Vec::with_capacity(t.events.len()),
        };
        for (i, e) in t.events.iter().enumerate() {
            let i = i as u32;
            for c in t.involved_countries(e) {
                index.countries[c].push(i);
            }
            for &a in &e.agencies {
                if index.agencies[a].last() != Some(&i) {
                    index.agencies[a].push(i);
                }
            }
            for p in &e.people {
                if index.people[p.person].last() != Some(&i) {
                    index.people[p.person].push(i);
                }
            }
            for tag in &e.tags {
                let list = index.tags.entry(super::fold::fold(tag)).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            for &actor in &e.by {
                let list = match actor {
                    Actor::Country(c) => &mut index.acted_countries[c],
                    Actor::Agency(a) => &mut index.acted_agencies[a],
                    Actor::Person(p) => &mut index.acted_people[p],
                };
                if list.last() != Some(&i) {
                    list.push(i);
                }
                if let (Some(c), false) = (t.actor_country(actor), matches!(actor, Actor::Country(_))) {
                    if index.acted_countries[c].last() != Some(&i) {
                        index.acted_countries[c].push(i);
                    }
                }
            }
            let status = Status::ALL.iter().position(|s| *s == e.status).unwrap_or(0);
            index.statuses[status].push(i);
            index.first_days.push(e.date.first_day().num_days_from_ce());
            index.last_days.push(e.date.last_day().num_days_from_ce());
        }
        index
    }
}

/// Everything a loaded timeline is indexed by.
pub struct Index {
    pub facets: FacetIndex,
    pub text: SearchIndex,
}

impl Index {
    pub fn new(timeline: &Timeline) -> Index {
        Index { facets: FacetIndex::new(timeline), text: SearchIndex::new(timeline) }
    }
}
