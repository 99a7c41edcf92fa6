//! Who acted: the `by:` query facet and its values. `by:CN` keeps the events where China or a
//! Chinese agency or person acted; `by:fbi` those where the FBI or an agency under it acted;
//! `by:"Guo Shengkun"` those where he did. `country:` keeps meaning involved.

use super::filter::{agency_and_descendants, resolve_named};
use super::query::QueryError;
use super::{Actor, CountryIx, Event, EventIx, Named, PersonIx, Timeline};

/// What a `by:` value names, resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum ActedBy {
    /// Any of these countries, or an agency or person of one of them.
    Countries(Vec<CountryIx>),
    /// Membership by agency index: the named agencies and their sub-agencies.
    Agencies(Vec<bool>),
    People(Vec<PersonIx>),
}

impl ActedBy {
    /// A `by:` value: a country's name first (`CN`, `China`), then an agency's, then a person's.
    /// A name none of them has is an error naming the nearest name of any of them.
    pub fn resolve(timeline: &Timeline, value: &str) -> Result<ActedBy, QueryError> {
        if timeline.countries.iter().any(|c| c.answers_to(value)) {
            return Ok(ActedBy::Countries(resolve_named(&timeline.countries, "country", value)?));
        }
        if timeline.agencies.iter().any(|a| a.answers_to(value)) {
            let found = resolve_named(&timeline.agencies, "agency", value)?;
            return Ok(ActedBy::Agencies(agency_and_descendants(timeline, &found)));
        }
        if let Ok(people) = resolve_named(&timeline.people, "person", value) {
            return Ok(ActedBy::People(people));
        }
        let names: Vec<&str> = timeline
            .countries
            .iter()
            .flat_map(|c| c.names())
            .chain(timeline.agencies.iter().flat_map(|a| a.names()))
            .chain(timeline.people.iter().flat_map(|p| p.names()))
            .collect();
        let help = super::suggest::did_you_mean(value, names)
            .map(|s| format!("did you mean `{}`?", crate::text::escape(s)));
        Err(QueryError {
            message: format!("unknown country, agency or person `{}`", crate::text::escape(value)),
            help,
            offset: None,
        })
    }

    /// Adds the events this names to `set`, from the index's lists of who acted (the same
    /// answer as `matches` on every event; a property test in `filter` checks it).
    pub fn insert_indexed(&self, facets: &super::index::FacetIndex, set: &mut super::index::EventSet) {
        match self {
            ActedBy::Countries(cs) => cs.iter().for_each(|&c| set.insert_all(&facets.acted_countries[c])),
            ActedBy::Agencies(covered) => {
                for (a, _) in covered.iter().enumerate().filter(|(_, &yes)| yes) {
                    set.insert_all(&facets.acted_agencies[a]);
                }
            }
            ActedBy::People(ps) => ps.iter().for_each(|&p| set.insert_all(&facets.acted_people[p])),
        }
    }

    /// Whether one who acted in `event` is what this names.
    pub fn matches(&self, timeline: &Timeline, event: &Event) -> bool {
        event.by.iter().any(|&actor| match (self, actor) {
            (ActedBy::Countries(cs), actor) => timeline.actor_country(actor).is_some_and(|c| cs.contains(&c)),
            (ActedBy::Agencies(set), Actor::Agency(a)) => set[a],
            (ActedBy::People(ps), Actor::Person(p)) => ps.contains(&p),
            _ => false,
        })
    }
}

/// The values `by:` can take: the countries that act somewhere in the timeline (file order),
/// then under each the agencies and people that act for it (by label), with how many of
/// `events` each would show; actors of no country come last. Each with its depth (1 under a
/// country) and count; `facets` makes them facet values.
pub fn values(timeline: &Timeline, events: &[EventIx]) -> Vec<(Actor, usize, usize)> {
    let mut actors: Vec<Actor> = timeline.events.iter().flat_map(|e| e.by.iter().copied()).collect();
    actors.sort_by_key(|a| (actor_rank(*a), timeline.actor_label(*a).to_lowercase()));
    actors.dedup();
    let count =
        |matches: &dyn Fn(&Event) -> bool| events.iter().filter(|&&e| matches(&timeline.events[e])).count();
    let value = |actor: Actor, depth: usize, count: usize| (actor, depth, count);
    let mut out = Vec::new();
    let mut countries: Vec<Option<CountryIx>> = actors.iter().map(|&a| timeline.actor_country(a)).collect();
    countries.sort_unstable_by_key(|c| c.unwrap_or(usize::MAX));
    countries.dedup();
    for country in countries {
        let under: Vec<Actor> = actors
            .iter()
            .copied()
            .filter(|&a| !matches!(a, Actor::Country(_)) && timeline.actor_country(a) == country)
            .collect();
        let depth = match country {
            Some(c) => {
                let set = ActedBy::Countries(vec![c]);
                out.push(value(Actor::Country(c), 0, count(&|e| set.matches(timeline, e))));
                1
            }
            None => 0,
        };
        for actor in under {
            out.push(value(actor, depth, count(&|e| e.by.contains(&actor))));
        }
    }
    out
}

/// Agencies before people under a country.
fn actor_rank(actor: Actor) -> u8 {
    match actor {
        Actor::Country(_) => 0,
        Actor::Agency(_) => 1,
        Actor::Person(_) => 2,
    }
}

/// `CN — China`, `FBI — Federal Bureau of Investigation`, `Guo Shengkun`: as the pickers say them.
pub fn actor_described(timeline: &Timeline, actor: Actor) -> String {
    match actor {
        Actor::Country(c) => format!("{} — {}", timeline.countries[c].id, timeline.countries[c].name),
        Actor::Agency(a) => {
            let agency = &timeline.agencies[a];
            match &agency.short {
                Some(short) if short != &agency.name => format!("{short} — {}", agency.name),
                _ => agency.name.clone(),
            }
        }
        Actor::Person(p) => timeline.people[p].name.clone(),
    }
}

/// Whether `written` names the actor with id `value`, by any of its names.
pub fn names_value(timeline: &Timeline, value: &str, written: &str) -> bool {
    fn by_id<T: Named>(items: &[T], id: &str, written: &str) -> bool {
        items.iter().find(|item| item.id() == id).is_some_and(|item| item.answers_to(written))
    }
    by_id(&timeline.countries, value, written)
        || by_id(&timeline.agencies, value, written)
        || by_id(&timeline.people, value, written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;

    const TWO_SIDES: &str = r#"
title: t
countries: [{id: CN, name: China}, {id: US, name: United States}]
agencies:
  - {id: doj, name: Department of Justice, short: DOJ, country: US}
  - {id: fbi, name: Federal Bureau of Investigation, short: FBI, country: US, parent: doj}
  - {id: mps, name: Ministry of Public Security, short: MPS, country: CN}
people: [{id: guo, name: Guo Shengkun, country: CN}]
events:
  - {id: indictment, title: I, date: "2014-05-19", countries: [US, CN], agencies: [doj], by: [doj]}
  - {id: arrests, title: A, date: "2015-09", countries: [CN], agencies: [mps], by: [mps]}
  - {id: round-1, title: R, date: "2015-12", countries: [CN, US], people: [guo], by: [CN, US]}
  - {id: fbi-visit, title: F, date: "2016", agencies: [fbi], by: [fbi]}
  - {id: unsaid, title: U, date: "2016", countries: [CN, US]}
"#;

    fn ids(t: &Timeline, by: &ActedBy) -> Vec<String> {
        t.events.iter().filter(|e| by.matches(t, e)).map(|e| e.id.clone()).collect()
    }

    #[test]
    fn a_country_acts_through_its_agencies_and_people() {
        let t = load_str("t.yaml", TWO_SIDES).unwrap();
        let us = ActedBy::resolve(&t, "United States").unwrap();
        assert_eq!(ids(&t, &us), ["indictment", "round-1", "fbi-visit"]);
        let cn = ActedBy::resolve(&t, "cn").unwrap();
        assert_eq!(ids(&t, &cn), ["arrests", "round-1"]);
    }

    #[test]
    fn an_agency_covers_the_agencies_under_it_and_a_person_only_themselves() {
        let t = load_str("t.yaml", TWO_SIDES).unwrap();
        assert_eq!(ids(&t, &ActedBy::resolve(&t, "DOJ").unwrap()), ["indictment", "fbi-visit"]);
        assert_eq!(ids(&t, &ActedBy::resolve(&t, "fbi").unwrap()), ["fbi-visit"]);
        // Guo took part in round 1, but `by` names the countries, not him.
        assert!(ids(&t, &ActedBy::resolve(&t, "Guo Shengkun").unwrap()).is_empty());
    }

    #[test]
    fn an_unknown_name_suggests_the_nearest_of_any_kind() {
        let t = load_str("t.yaml", TWO_SIDES).unwrap();
        let e = ActedBy::resolve(&t, "fbii").unwrap_err();
        assert_eq!(e.message, "unknown country, agency or person `fbii`");
        assert_eq!(e.help.as_deref(), Some("did you mean `fbi`?"));
    }

    #[test]
    fn values_group_agencies_under_their_country() {
        let t = load_str("t.yaml", TWO_SIDES).unwrap();
        let all: Vec<usize> = (0..t.events.len()).collect();
        let got: Vec<(String, usize, usize)> = values(&t, &all)
            .into_iter()
            .map(|(a, depth, count)| (t.actor_id(a).to_string(), depth, count))
            .collect();
        let want = [("CN", 0, 2), ("mps", 1, 1), ("US", 0, 3), ("doj", 1, 1), ("fbi", 1, 1)];
        let want: Vec<(String, usize, usize)> =
            want.iter().map(|(v, d, c)| (v.to_string(), *d, *c)).collect();
        assert_eq!(got, want);
    }
}
