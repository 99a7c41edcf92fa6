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

/// How a list's country badges read, decided once for the whole timeline (never per row, so a
/// filter cannot change what a form means): by whether any event says who acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BadgeForm {
    /// No event says who acted (no `by:` anywhere): the countries involved, plainly, `CN US`,
    /// under the heading `COUNTRIES`. Nothing claims anyone acted.
    Involved,
    /// Some event says who acted: who acted, then the others involved in parentheses,
    /// `US (CN)`, under the heading `ACTED (ALSO)`; an event that does not say who acted is
    /// `? (CN US)`.
    ActedAlso,
}

impl BadgeForm {
    /// The form for `timeline`: one pass over its events, stopping at the first `by:`.
    pub fn of(timeline: &Timeline) -> BadgeForm {
        if timeline.events.iter().any(|e| !e.by.is_empty()) {
            BadgeForm::ActedAlso
        } else {
            BadgeForm::Involved
        }
    }

    /// The heading over the badges in `list`'s table.
    pub fn heading(self) -> &'static str {
        match self {
            BadgeForm::Involved => "COUNTRIES",
            BadgeForm::ActedAlso => "ACTED (ALSO)",
        }
    }
}

/// Where a row's acting countries would stand, the mark of an event that does not say who
/// acted (in a timeline where others do): `? (CN US)`.
pub const NOT_SAID_MARK: &str = "?";

/// What the badges mean, one example each: for the `?` help, the manual page and the README
/// (tests hold each of them to this list). Parentheses mean one thing only: involved, not
/// said to have acted; colour (dimming them) only repeats it.
pub const BADGE_LEGEND: &[(&str, &str)] = &[
    ("CN US", "under COUNTRIES (no event in the timeline says who acted): the countries involved"),
    ("US (CN)", "under ACTED (ALSO): the United States acted (by:); China is involved and did not act"),
    ("CN US", "under ACTED (ALSO): China and the United States both acted"),
    ("? (CN US)", "under ACTED (ALSO): the event does not say who acted; both are involved"),
    ("(US)", "under ACTED (ALSO): only those of no country acted; the United States is involved"),
];

/// The badges' legend as text, a line an example (the manual page and `--help`).
pub fn badge_legend_text() -> String {
    let column = BADGE_LEGEND.iter().map(|(example, _)| example.len()).max().unwrap_or(0) + 2;
    let mut out = String::from(
        "Country badges (right of each title in the explorer's list and in `list`; in words in --plain):\n",
    );
    for (example, meaning) in BADGE_LEGEND {
        out.push_str(&format!("  {example:<column$}{meaning}\n"));
    }
    out
}

/// The badges' legend as the README's table.
pub fn badge_legend_markdown() -> String {
    let mut out = String::from("| badges | mean |\n|---|---|\n");
    for (example, meaning) in BADGE_LEGEND {
        out.push_str(&format!("| `{example}` | {meaning} |\n"));
    }
    out
}

/// The countries a list row names for an event, the one rule of the explorer's list, `list` and
/// `--plain` (see [`BadgeForm`] and [`BADGE_LEGEND`]): first those that acted (`by:`; an agency or
/// person acting counts for its country), then apart the others the event involves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowCountries {
    /// The countries that acted, in the timeline's order.
    pub acted: Vec<CountryIx>,
    /// The countries involved that did not act, in the timeline's order.
    pub also: Vec<CountryIx>,
    /// Whether the event says who acted (its `by:` is not empty).
    pub said: bool,
}

impl RowCountries {
    pub fn of(timeline: &Timeline, event: &Event) -> RowCountries {
        let acted = timeline.acting_countries(event);
        let also = timeline.involved_countries(event).into_iter().filter(|c| !acted.contains(c)).collect();
        RowCountries { acted, also, said: !event.by.is_empty() }
    }

    /// The badges by id in `form`: the part that is not in parentheses, and the parenthesised
    /// part (the countries involved not said to have acted; empty when there are none), which a
    /// list may draw dimmed. `("US", "(CN)")`, `("?", "(CN US)")`, `("CN US", "")`.
    pub fn badges(&self, timeline: &Timeline, form: BadgeForm) -> (String, String) {
        let ids = |cs: &[CountryIx]| -> String {
            cs.iter().map(|&c| timeline.countries[c].id.as_str()).collect::<Vec<_>>().join(" ")
        };
        let parenthesised =
            |cs: &[CountryIx]| if cs.is_empty() { String::new() } else { format!("({})", ids(cs)) };
        match form {
            BadgeForm::Involved => {
                let mut all: Vec<CountryIx> = self.acted.iter().chain(&self.also).copied().collect();
                all.sort_unstable();
                (ids(&all), String::new())
            }
            BadgeForm::ActedAlso if !self.said && !self.also.is_empty() => {
                (NOT_SAID_MARK.to_string(), parenthesised(&self.also))
            }
            BadgeForm::ActedAlso => (ids(&self.acted), parenthesised(&self.also)),
        }
    }

    /// The same in words, by name: `By United States; also involved: China`, `Involved: China,
    /// United States` when the event does not say who acted (with `; who acted is not said`
    /// where others in the timeline say it, `form` ActedAlso); None when it names no country.
    pub fn words(&self, timeline: &Timeline, form: BadgeForm) -> Option<String> {
        let names = |cs: &[CountryIx]| -> String {
            cs.iter().map(|&c| timeline.countries[c].name.as_str()).collect::<Vec<_>>().join(", ")
        };
        match (self.acted.is_empty(), self.also.is_empty()) {
            (true, true) => None,
            (false, true) => Some(format!("By {}", names(&self.acted))),
            (true, false) if !self.said && form == BadgeForm::ActedAlso => {
                Some(format!("Involved: {}; who acted is not said", names(&self.also)))
            }
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
        assert_eq!(BadgeForm::of(&t), BadgeForm::ActedAlso);
        let row = |id: &str| RowCountries::of(&t, &t.events[t.event_index(id).unwrap()]);
        let badges = |id: &str| row(id).badges(&t, BadgeForm::ActedAlso);
        let owned = |a: &str, b: &str| (a.to_string(), b.to_string());
        // The U.S. indicted; China is involved but did not act.
        assert_eq!(badges("indictment"), owned("US", "(CN)"));
        assert_eq!(badges("round-1"), owned("CN US", ""));
        assert_eq!(badges("arrests"), owned("CN", ""));
        // Kim has no country: who acted names none, the country involved stays apart.
        assert_eq!(badges("kim-talk"), owned("", "(US)"));
        // Not said who acted: marked so, never the same as an act by someone of no country.
        assert_eq!(badges("unsaid"), owned("?", "(CN US)"));
        let words = |id: &str| row(id).words(&t, BadgeForm::ActedAlso);
        assert_eq!(words("indictment").as_deref(), Some("By United States; also involved: China"));
        assert_eq!(words("round-1").as_deref(), Some("By China, United States"));
        assert_eq!(words("unsaid").as_deref(), Some("Involved: China, United States; who acted is not said"));
        assert_eq!(words("kim-talk").as_deref(), Some("Involved: United States"));
    }

    /// A timeline that never says who acted lists the countries involved plainly: no
    /// parentheses on every row, no claim of action, and one heading that says so.
    #[test]
    fn a_timeline_without_by_lists_the_countries_involved_plainly() {
        let t = load_str(
            "t.yaml",
            r#"
title: t
countries: [{id: CN, name: China}, {id: US, name: United States}]
people: [{id: guo, name: Guo Shengkun, country: CN}]
events:
  - {id: talks, title: T, date: "2015-12", countries: [US], people: [guo]}
  - {id: none, title: N, date: "2016"}
"#,
        )
        .unwrap();
        let form = BadgeForm::of(&t);
        assert_eq!(form, BadgeForm::Involved);
        assert_eq!(form.heading(), "COUNTRIES");
        let row = |id: &str| RowCountries::of(&t, &t.events[t.event_index(id).unwrap()]);
        assert_eq!(row("talks").badges(&t, form), ("CN US".to_string(), String::new()));
        assert_eq!(row("none").badges(&t, form), (String::new(), String::new()));
        assert_eq!(row("talks").words(&t, form).as_deref(), Some("Involved: China, United States"));
    }

    /// Every badge form the rows can take has an entry in the legend the help, the manual page
    /// and the README give, and the text form lists each example with its meaning.
    #[test]
    fn the_legend_covers_every_form_of_badges() {
        let examples: Vec<&str> = BADGE_LEGEND.iter().map(|(example, _)| *example).collect();
        for example in ["CN US", "US (CN)", "? (CN US)", "(US)"] {
            assert!(examples.contains(&example), "{example}");
        }
        let text = badge_legend_text();
        for (example, meaning) in BADGE_LEGEND {
            assert!(
                text.lines().any(|l| l.trim_start().starts_with(example) && l.ends_with(meaning)),
                "{text}"
            );
        }
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
