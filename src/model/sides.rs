//! Sides: who acted (`by:`), read by country, for the question this program exists for — what
//! did China do, and what did the United States do? Lanes by side (one lane per acting country,
//! events acted by several countries in a joint band between them), nested lanes (a heading per
//! acting country with its agencies and people under it, foldable), the detail's "Acted" line,
//! and the pickers' agencies and people under their country.

use super::acting::{self, ActedBy};
use super::facets::FacetValue;
use super::lanes::Lane;
use super::query::Facet;
use super::{Actor, CountryIx, Event, EventIx, Timeline};
use std::collections::BTreeMap;

/// The lane of events whose `by:` is empty: the file does not say who acted.
pub const NOT_SAID: &str = "(not said)";
/// The lane of events acted only by agencies or people of no country.
pub const NO_COUNTRY: &str = "(no country)";

/// A joint band's label: the acting countries' ids, `joint CN+US`.
pub fn joint_label(timeline: &Timeline, countries: &[CountryIx]) -> String {
    format!("joint {}", country_ids(timeline, countries))
}

/// The countries' ids, `CN+US`: a side's short label.
fn country_ids(timeline: &Timeline, countries: &[CountryIx]) -> String {
    let ids: Vec<&str> = countries.iter().map(|&c| timeline.countries[c].id.as_str()).collect();
    ids.join("+")
}

/// Lanes by side, for `visible` (shown events, sorted): one lane per acting country (an agency
/// or person acting counts for its country), named by the country; events acted by several
/// countries in a joint band (`joint CN+US`) placed between them, just above the lane of the
/// last of its countries; then events acted only by those of no country, then those that do
/// not say who acted (`(not said)`). Each shown event is in exactly one lane.
pub fn side_lanes(timeline: &Timeline, visible: &[EventIx]) -> Vec<Lane> {
    let mut by_set: BTreeMap<Vec<CountryIx>, Vec<EventIx>> = BTreeMap::new();
    let (mut no_country, mut not_said) = (Vec::new(), Vec::new());
    for &e in visible {
        let event = &timeline.events[e];
        if event.by.is_empty() {
            not_said.push(e);
            continue;
        }
        let countries = timeline.acting_countries(event);
        if countries.is_empty() {
            no_country.push(e);
        } else {
            by_set.entry(countries).or_default().push(e);
        }
    }
    // A country's own lane sorts after the joint bands that end with it: CN, joint CN+US, US.
    type Place = (CountryIx, bool, Vec<CountryIx>);
    let mut keyed: Vec<(Place, Lane)> = by_set
        .into_iter()
        .map(|(countries, events)| {
            let last = countries[countries.len() - 1];
            let label = match countries.as_slice() {
                [one] => timeline.countries[*one].name.clone(),
                several => joint_label(timeline, several),
            };
            let short = Some(country_ids(timeline, &countries));
            ((last, countries.len() == 1, countries), Lane { short, ..Lane::new(label, events) })
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<Lane> = keyed.into_iter().map(|(_, lane)| lane).collect();
    out.push(Lane::new(NO_COUNTRY.to_string(), no_country));
    out.push(Lane::new(NOT_SAID.to_string(), not_said));
    out
}

/// Nested lanes: per acting country a heading (`▾ China`) holding the events China acted in as
/// a country, and under it (indented) a lane per agency or person of China that acted; a folded
/// country (in `folded`) is one heading (`▸ China`) holding every event China or its agencies
/// or people acted in — folded, nothing is hidden, only drawn together. Actors of no country get
/// lanes of their own, and events that do not say who acted a last `(not said)` lane. An event
/// acted by two sides is under both.
pub fn nested_lanes(timeline: &Timeline, visible: &[EventIx], folded: &[CountryIx]) -> Vec<Lane> {
    let acted = |matches: &dyn Fn(&Event) -> bool| -> Vec<EventIx> {
        visible.iter().copied().filter(|&e| matches(&timeline.events[e])).collect()
    };
    let mut out = Vec::new();
    let mut current: Option<CountryIx> = None;
    for (actor, depth, count) in acting::values(timeline, visible) {
        if count == 0 {
            continue;
        }
        match actor {
            Actor::Country(c) if folded.contains(&c) => {
                current = Some(c);
                let side = ActedBy::Countries(vec![c]);
                let events = acted(&|e| side.matches(timeline, e));
                out.push(Lane {
                    heading: Some(c),
                    short: Some(format!("▸ {}", timeline.countries[c].id)),
                    ..Lane::new(format!("▸ {}", timeline.countries[c].name), events)
                });
            }
            Actor::Country(c) => {
                current = None;
                let events = acted(&|e| e.by.contains(&Actor::Country(c)));
                out.push(Lane {
                    heading: Some(c),
                    short: Some(format!("▾ {}", timeline.countries[c].id)),
                    ..Lane::new(format!("▾ {}", timeline.countries[c].name), events)
                });
            }
            // Under a folded country: already in its heading.
            _ if depth > 0 && current.is_some() => {}
            actor => {
                let indent = if depth > 0 { "  " } else { "" };
                let events = acted(&|e| e.by.contains(&actor));
                out.push(Lane::new(format!("{indent}{}", timeline.actor_label(actor)), events));
            }
        }
    }
    out.push(Lane::new(NOT_SAID.to_string(), acted(&|e| e.by.is_empty())));
    out
}

/// Who acted, for the detail: `United States — DOJ, FBI`; several countries apart with `; `
/// (`China — Guo Shengkun; United States — Loretta Lynch`); a country that acted as itself
/// alone is its name. None when the event does not say.
pub fn acted_words(timeline: &Timeline, event: &Event) -> Option<String> {
    if event.by.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    for c in timeline.acting_countries(event) {
        let under: Vec<&str> = event
            .by
            .iter()
            .filter(|&&a| !matches!(a, Actor::Country(_)) && timeline.actor_country(a) == Some(c))
            .map(|&a| timeline.actor_label(a))
            .collect();
        let name = &timeline.countries[c].name;
        parts.push(if under.is_empty() { name.clone() } else { format!("{name} — {}", under.join(", ")) });
    }
    parts.extend(
        event
            .by
            .iter()
            .filter(|&&a| timeline.actor_country(a).is_none())
            .map(|&a| timeline.actor_label(a).to_string()),
    );
    Some(parts.join("; "))
}

/// The countries a list row names for an event, the one rule of the explorer's list, `list` and
/// `--plain`: first those that acted (`by:`; an agency or person acting counts for its country),
/// then apart the others the event involves. A U.S.-only act with China involved is `US (CN)`, a
/// joint one `CN US`, one that does not say who acted `(CN US)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowCountries {
    /// The countries that acted, in the timeline's order.
    pub acted: Vec<CountryIx>,
    /// The countries involved that did not act, in the timeline's order.
    pub also: Vec<CountryIx>,
}

impl RowCountries {
    pub fn of(timeline: &Timeline, event: &Event) -> RowCountries {
        let acted = timeline.acting_countries(event);
        let also = timeline.involved_countries(event).into_iter().filter(|c| !acted.contains(c)).collect();
        RowCountries { acted, also }
    }

    /// The badges by id, `US (CN)`: those that acted, then the others in parentheses, so the
    /// difference never rests on colour alone. The second string is the parenthesised part
    /// (empty when every country involved acted), which a list may draw dimmed.
    pub fn badges(&self, timeline: &Timeline) -> (String, String) {
        let ids = |cs: &[CountryIx]| -> String {
            cs.iter().map(|&c| timeline.countries[c].id.as_str()).collect::<Vec<_>>().join(" ")
        };
        let also = if self.also.is_empty() { String::new() } else { format!("({})", ids(&self.also)) };
        (ids(&self.acted), also)
    }

    /// The same in words, by name: `By United States; also involved: China`, `Involved: China,
    /// United States` when the event does not say who acted; None when it names no country.
    pub fn words(&self, timeline: &Timeline) -> Option<String> {
        let names = |cs: &[CountryIx]| -> String {
            cs.iter().map(|&c| timeline.countries[c].name.as_str()).collect::<Vec<_>>().join(", ")
        };
        match (self.acted.is_empty(), self.also.is_empty()) {
            (true, true) => None,
            (false, true) => Some(format!("By {}", names(&self.acted))),
            (true, false) => Some(format!("Involved: {}", names(&self.also))),
            (false, false) => {
                Some(format!("By {}; also involved: {}", names(&self.acted), names(&self.also)))
            }
        }
    }
}

/// The order the detail lists an event's agencies or people in: by their country as the
/// timeline lists countries, those of no country last (stable within a country).
pub fn country_order(country: Option<CountryIx>) -> usize {
    country.unwrap_or(usize::MAX)
}

/// A picker's agencies or people grouped under their country: a heading per country (a value
/// with an empty `value`, which nothing can choose) and the values under it one level deeper;
/// an agency goes where its topmost agency's country is. Values of no country come last under
/// `(no country)`. Other facets, and timelines where nothing has a country, are left as they are.
pub fn under_countries(timeline: &Timeline, facet: Facet, values: Vec<FacetValue>) -> Vec<FacetValue> {
    let country_of = |value: &FacetValue| -> Option<CountryIx> {
        match facet {
            Facet::Agency => {
                let mut at = timeline.agencies.iter().position(|a| a.id == value.value)?;
                // The agency's own country, else the nearest above it that has one.
                for _ in 0..=timeline.agencies.len() {
                    let agency = &timeline.agencies[at];
                    match (agency.country, agency.parent) {
                        (Some(c), _) => return Some(c),
                        (None, Some(parent)) => at = parent,
                        (None, None) => return None,
                    }
                }
                None
            }
            Facet::Person => timeline.people.iter().find(|p| p.id == value.value)?.country,
            _ => None,
        }
    };
    if !matches!(facet, Facet::Agency | Facet::Person) {
        return values;
    }
    // Each top-level value with the values under it (agencies' children follow their parent).
    let mut groups: BTreeMap<usize, Vec<FacetValue>> = BTreeMap::new();
    let mut group = usize::MAX;
    for value in values {
        if value.depth == 0 {
            group = country_order(country_of(&value));
        }
        groups.entry(group).or_default().push(value);
    }
    if groups.keys().all(|&g| g == usize::MAX) {
        return groups.into_values().flatten().collect();
    }
    let mut out = Vec::new();
    for (group, values) in groups {
        let label = match timeline.countries.get(group) {
            Some(country) => country.name.clone(),
            None => NO_COUNTRY.to_string(),
        };
        out.push(FacetValue { value: String::new(), label, depth: 0, count: 0 });
        out.extend(values.into_iter().map(|v| FacetValue { depth: v.depth + 1, ..v }));
    }
    out
}

/// Whether a picker's value is a country heading (nothing to choose).
pub fn is_heading(value: &FacetValue) -> bool {
    value.value.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lanes::{lanes, Grouping};
    use crate::model::load_str;

    const TWO_SIDES: &str = r#"
title: t
countries: [{id: CN, name: China}, {id: US, name: United States}]
agencies:
  - {id: doj, name: Department of Justice, short: DOJ, country: US}
  - {id: fbi, name: Federal Bureau of Investigation, short: FBI, country: US, parent: doj}
  - {id: mps, name: Ministry of Public Security, short: MPS, country: CN}
people: [{id: guo, name: Guo Shengkun, country: CN}, {id: kim, name: Kim}]
events:
  - {id: indictment, title: I, date: "2014-05-19", countries: [US, CN], agencies: [doj, fbi], by: [doj, fbi]}
  - {id: arrests, title: A, date: "2015-09", countries: [CN], agencies: [mps], by: [mps]}
  - {id: round-1, title: R, date: "2015-12", countries: [CN, US], people: [guo], by: [CN, US]}
  - {id: guo-visit, title: G, date: "2016", people: [guo], by: [guo]}
  - {id: kim-talk, title: K, date: "2016-02", people: [kim], by: [kim]}
  - {id: unsaid, title: U, date: "2016-03", countries: [CN, US]}
"#;

    fn two_sides() -> Timeline {
        load_str("t.yaml", TWO_SIDES).unwrap()
    }

    fn described(t: &Timeline, lanes: &[Lane]) -> Vec<(String, Vec<String>)> {
        lanes
            .iter()
            .map(|l| (l.label.clone(), l.events.iter().map(|&e| t.events[e].id.clone()).collect()))
            .collect()
    }

    fn want(rows: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        rows.iter().map(|(l, ids)| (l.to_string(), ids.iter().map(|s| s.to_string()).collect())).collect()
    }

    #[test]
    fn side_lanes_put_each_event_on_the_side_that_acted_and_joint_ones_between() {
        let t = two_sides();
        let all: Vec<EventIx> = (0..t.events.len()).collect();
        let got = lanes(&t, None, Grouping::Side, &all);
        assert_eq!(
            described(&t, &got),
            want(&[
                ("China", &["arrests", "guo-visit"]),
                ("joint CN+US", &["round-1"]),
                ("United States", &["indictment"]),
                ("(no country)", &["kim-talk"]),
                ("(not said)", &["unsaid"]),
            ])
        );
    }

    #[test]
    fn nested_lanes_put_agencies_and_people_under_their_country_and_fold() {
        let t = two_sides();
        let all: Vec<EventIx> = (0..t.events.len()).collect();
        let open = nested_lanes(&t, &all, &[]);
        assert_eq!(
            described(&t, &open),
            want(&[
                ("▾ China", &["round-1"]),
                ("  MPS", &["arrests"]),
                ("  Guo Shengkun", &["guo-visit"]),
                ("▾ United States", &["round-1"]),
                ("  DOJ", &["indictment"]),
                ("  FBI", &["indictment"]),
                ("Kim", &["kim-talk"]),
                ("(not said)", &["unsaid"]),
            ])
        );
        assert_eq!(open[0].heading, Some(0));
        let cn_folded = nested_lanes(&t, &all, &[0]);
        assert_eq!(
            described(&t, &cn_folded)[..2],
            want(&[("▸ China", &["arrests", "round-1", "guo-visit"]), ("▾ United States", &["round-1"])])[..]
        );
    }

    #[test]
    fn the_detail_says_who_acted_by_country() {
        let t = two_sides();
        let words = |id: &str| acted_words(&t, &t.events[t.event_index(id).unwrap()]);
        assert_eq!(words("indictment").as_deref(), Some("United States — DOJ, FBI"));
        assert_eq!(words("round-1").as_deref(), Some("China; United States"));
        assert_eq!(words("guo-visit").as_deref(), Some("China — Guo Shengkun"));
        assert_eq!(words("kim-talk").as_deref(), Some("Kim"));
        assert_eq!(words("unsaid"), None);
    }

    #[test]
    fn list_rows_name_who_acted_first_and_the_others_involved_apart() {
        let t = load_str(
            "t.yaml",
            &TWO_SIDES.replace(
                "kim-talk, title: K, date: \"2016-02\"",
                "kim-talk, title: K, date: \"2016-02\", countries: [US]",
            ),
        )
        .unwrap();
        let row = |id: &str| RowCountries::of(&t, &t.events[t.event_index(id).unwrap()]);
        let badges = |id: &str| {
            let (acted, also) = row(id).badges(&t);
            (acted, also)
        };
        let owned = |a: &str, b: &str| (a.to_string(), b.to_string());
        // The U.S. indicted; China is involved but did not act.
        assert_eq!(badges("indictment"), owned("US", "(CN)"));
        assert_eq!(badges("round-1"), owned("CN US", ""));
        assert_eq!(badges("arrests"), owned("CN", ""));
        // Kim has no country: who acted names none, the country involved stays apart.
        assert_eq!(badges("kim-talk"), owned("", "(US)"));
        assert_eq!(badges("unsaid"), owned("", "(CN US)"));
        assert_eq!(row("indictment").words(&t).as_deref(), Some("By United States; also involved: China"));
        assert_eq!(row("round-1").words(&t).as_deref(), Some("By China, United States"));
        assert_eq!(row("unsaid").words(&t).as_deref(), Some("Involved: China, United States"));
    }

    #[test]
    fn pickers_group_agencies_and_people_under_their_country() {
        let t = two_sides();
        let all: Vec<EventIx> = (0..t.events.len()).collect();
        let rows = |facet| -> Vec<(String, usize)> {
            under_countries(&t, facet, crate::model::facets::values(&t, facet, &all))
                .into_iter()
                .map(|v| (if is_heading(&v) { format!("[{}]", v.label) } else { v.value }, v.depth))
                .collect()
        };
        let owned = |rows: &[(&str, usize)]| -> Vec<(String, usize)> {
            rows.iter().map(|(v, d)| (v.to_string(), *d)).collect()
        };
        assert_eq!(
            rows(Facet::Agency),
            owned(&[("[China]", 0), ("mps", 1), ("[United States]", 0), ("doj", 1), ("fbi", 2)])
        );
        assert_eq!(
            rows(Facet::Person),
            owned(&[("[China]", 0), ("guo", 1), ("[(no country)]", 0), ("kim", 1)])
        );
        let tags = crate::model::facets::values(&t, Facet::Tag, &all);
        assert_eq!(under_countries(&t, Facet::Tag, tags.clone()), tags);
    }
}
