//! Lanes: the shown events grouped by what they involve — one lane per country, agency, person,
//! tag or status — for reading what each side did side by side. An event sits in every lane it
//! involves, by the same rules the filters use (a country is involved when it is listed, when
//! a listed agency or person belongs to it, or when the event takes place there; an agency's
//! lane holds its sub-agencies' events). Lanes with no shown event are left out.

use super::filter::agency_and_descendants;
use super::index::Index;
use super::{EventIx, Status, Timeline};
use std::collections::HashMap;

/// What the lanes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Grouping {
    /// One lane with every shown event.
    #[default]
    None,
    Country,
    Agency,
    Person,
    Tag,
    Status,
    /// One lane per file, when several are loaded.
    File,
    /// One lane per acting country (`by:`), joint bands between them (`model::sides`).
    Side,
    /// A heading per acting country with its agencies and people under it, foldable.
    Nested,
}

impl Grouping {
    /// In the order `L` cycles through them: who acted first, as the question most asked is
    /// what each side did.
    pub const ALL: [Grouping; 9] = [
        Grouping::None,
        Grouping::Side,
        Grouping::Nested,
        Grouping::Country,
        Grouping::Agency,
        Grouping::Person,
        Grouping::Tag,
        Grouping::Status,
        Grouping::File,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Grouping::None => "none",
            Grouping::Country => "country",
            Grouping::Agency => "agency",
            Grouping::Person => "person",
            Grouping::Tag => "tag",
            Grouping::Status => "status",
            Grouping::File => "file",
            Grouping::Side => "side",
            Grouping::Nested => "nested",
        }
    }

    /// How the lanes are said on screen: `lanes by side`, `nested lanes by side`, `lanes by
    /// country`.
    pub fn said(self) -> String {
        match self {
            Grouping::Nested => "nested lanes by side".to_string(),
            g => format!("lanes by {}", g.name()),
        }
    }

    /// Every grouping's name, `none, country, …`: the help texts are written from this list.
    pub fn names() -> String {
        Grouping::ALL.map(Grouping::name).join(", ")
    }

    pub fn parse(text: &str) -> Option<Grouping> {
        Grouping::ALL.into_iter().find(|g| g.name().eq_ignore_ascii_case(text.trim()))
    }

    /// The next grouping in the cycle `none → side → nested → country → agency → person → tag
    /// → status → file`.
    pub fn next(self) -> Grouping {
        let at = Grouping::ALL.iter().position(|g| *g == self).unwrap_or(0);
        Grouping::ALL[(at + 1) % Grouping::ALL.len()]
    }

    /// The next grouping worth showing: lanes by file only when there are several files.
    pub fn next_for(self, timeline: &Timeline) -> Grouping {
        match self.next() {
            Grouping::File if !timeline.is_several_files() => Grouping::File.next(),
            next => next,
        }
    }
}

/// One lane: a label and its shown events in chronological order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub label: String,
    pub events: Vec<EventIx>,
    /// A nested lane's country heading (`Grouping::Nested`): the country it folds.
    pub heading: Option<super::CountryIx>,
    /// A shorter label for a narrow screen: countries by their ids (`CN+US` for `joint CN+US`).
    pub short: Option<String>,
}

impl Lane {
    pub fn new(label: String, events: Vec<EventIx>) -> Lane {
        Lane { label, events, heading: None, short: None }
    }
}

/// The lanes of `visible` (shown events, sorted) under `grouping`, in the timeline's order of
/// the values (countries, agencies and people as listed, tags by first use, statuses as
/// happened, planned, cancelled). With the index, each value's event list is read from it;
/// without, events are visited one by one.
pub fn lanes(
    timeline: &Timeline,
    index: Option<&Index>,
    grouping: Grouping,
    visible: &[EventIx],
) -> Vec<Lane> {
    lanes_folded(timeline, index, grouping, visible, &[])
}

/// `lanes`, with the nested lanes of the countries in `folded` folded into their heading.
pub fn lanes_folded(
    timeline: &Timeline,
    index: Option<&Index>,
    grouping: Grouping,
    visible: &[EventIx],
    folded: &[super::CountryIx],
) -> Vec<Lane> {
    let shown = {
        let mut set = vec![false; timeline.events.len()];
        for &e in visible {
            set[e] = true;
        }
        set
    };
    let keep = |events: &mut Vec<EventIx>| events.retain(|&e| shown[e]);
    // Every shown event is in at least one lane (a property test checks it).
    let mut out: Vec<Lane> = match grouping {
        Grouping::None => vec![Lane::new(String::new(), visible.to_vec())],
        Grouping::Side => super::sides::side_lanes(timeline, visible),
        Grouping::Nested => super::sides::nested_lanes(timeline, visible, folded),
        Grouping::Country => {
            let lists: Vec<Vec<EventIx>> = match index {
                Some(index) => index.facets.countries.iter().map(|l| widen(l)).collect(),
                None => per_value(timeline.countries.len(), visible, |e, out| {
                    out.extend(timeline.involved_countries(&timeline.events[e]))
                }),
            };
            timeline.countries.iter().zip(lists).map(|(c, events)| Lane::new(c.id.clone(), events)).collect()
        }
        Grouping::Agency => {
            let direct: Vec<Vec<EventIx>> = match index {
                Some(index) => index.facets.agencies.iter().map(|l| widen(l)).collect(),
                None => per_value(timeline.agencies.len(), visible, |e, out| {
                    out.extend(timeline.events[e].agencies.iter().copied())
                }),
            };
            (0..timeline.agencies.len())
                .map(|a| {
                    // The agency and everything below it, as the `agency:` filter reads it.
                    let covered = agency_and_descendants(timeline, &[a]);
                    let mut events: Vec<EventIx> = covered
                        .iter()
                        .enumerate()
                        .filter(|(_, &c)| c)
                        .flat_map(|(x, _)| direct[x].iter().copied())
                        .collect();
                    events.sort_unstable();
                    events.dedup();
                    Lane::new(timeline.agencies[a].label().to_string(), events)
                })
                .collect()
        }
        Grouping::Person => {
            let lists: Vec<Vec<EventIx>> = match index {
                Some(index) => index.facets.people.iter().map(|l| widen(l)).collect(),
                None => per_value(timeline.people.len(), visible, |e, out| {
                    out.extend(timeline.events[e].people.iter().map(|p| p.person))
                }),
            };
            timeline.people.iter().zip(lists).map(|(p, events)| Lane::new(p.name.clone(), events)).collect()
        }
        Grouping::Tag => {
            let tags = super::filter::all_tags(timeline);
            let mut by_tag: HashMap<String, Vec<EventIx>> = HashMap::new();
            match index {
                Some(index) => {
                    for (tag, list) in &index.facets.tags {
                        by_tag.insert(tag.clone(), widen(list));
                    }
                }
                None => {
                    for &e in visible {
                        for tag in &timeline.events[e].tags {
                            let list = by_tag.entry(super::fold::fold(tag)).or_default();
                            if list.last() != Some(&e) {
                                list.push(e);
                            }
                        }
                    }
                }
            }
            tags.into_iter()
                .map(|t| {
                    let events = by_tag.remove(&super::fold::fold(&t)).unwrap_or_default();
                    Lane::new(format!("#{t}"), events)
                })
                .collect()
        }
        Grouping::File => {
            let mut lists = vec![Vec::new(); timeline.files.len()];
            for &e in visible {
                lists[timeline.events[e].file].push(e);
            }
            timeline.files.iter().zip(lists).map(|(f, events)| Lane::new(f.stem.clone(), events)).collect()
        }
        Grouping::Status => Status::ALL
            .iter()
            .map(|&s| {
                Lane::new(
                    s.words().to_string(),
                    visible.iter().copied().filter(|&e| timeline.events[e].status == s).collect(),
                )
            })
            .collect(),
    };
    for lane in &mut out {
        keep(&mut lane.events);
    }
    // Nothing in view is left out: the events with no value of the grouping (no country, no
    // tag, …) get a lane of their own, last.
    let unplaced = match grouping {
        Grouping::Country => Some("(no country)"),
        Grouping::Agency => Some("(no agency)"),
        Grouping::Person => Some("(no person)"),
        Grouping::Tag => Some("(no tag)"),
        // Who acted: every event is placed already, `(not said)` when the file does not say.
        Grouping::None | Grouping::File | Grouping::Status | Grouping::Side | Grouping::Nested => None,
    };
    if let Some(label) = unplaced {
        let mut placed = vec![false; timeline.events.len()];
        for lane in &out {
            for &e in &lane.events {
                placed[e] = true;
            }
        }
        let events: Vec<EventIx> = visible.iter().copied().filter(|&e| !placed[e]).collect();
        out.push(Lane::new(label.to_string(), events));
    }
    if grouping != Grouping::None {
        // A nested country's heading stays, to hold its agencies and people under it.
        out.retain(|lane| !lane.events.is_empty() || lane.heading.is_some());
    }
    out
}

fn widen(list: &[u32]) -> Vec<EventIx> {
    list.iter().map(|&e| e as EventIx).collect()
}

/// Event lists per value, from each event's values (duplicates allowed, removed here).
fn per_value(
    n: usize,
    events: &[EventIx],
    mut values: impl FnMut(EventIx, &mut Vec<usize>),
) -> Vec<Vec<EventIx>> {
    let mut out = vec![Vec::new(); n];
    let mut scratch = Vec::new();
    for &e in events {
        scratch.clear();
        values(e, &mut scratch);
        for &v in &scratch {
            let list: &mut Vec<EventIx> = &mut out[v];
            if list.last() != Some(&e) {
                list.push(e);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    fn labels(lanes: &[Lane]) -> Vec<&str> {
        lanes.iter().map(|l| l.label.as_str()).collect()
    }

    #[test]
    fn with_and_without_the_index_the_lanes_agree() {
        let t = model::load_builtin().unwrap();
        let index = Index::new(&t);
        let all: Vec<EventIx> = (0..t.events.len()).collect();
        let some: Vec<EventIx> = all.iter().copied().filter(|e| e % 3 != 1).collect();
        for grouping in Grouping::ALL {
            for visible in [&all, &some] {
                assert_eq!(
                    lanes(&t, Some(&index), grouping, visible),
                    lanes(&t, None, grouping, visible),
                    "{grouping:?}"
                );
            }
        }
    }

    #[test]
    fn events_sit_in_every_lane_they_involve() {
        let t = model::load_builtin().unwrap();
        let all: Vec<EventIx> = (0..t.events.len()).collect();
        let by_country = lanes(&t, None, Grouping::Country, &all);
        assert_eq!(labels(&by_country), ["CN", "US", "PE", "FR"]);
        let lima = t.event_index("lima-apec-meeting-2016").unwrap();
        let paris = t.event_index("xi-obama-paris-2015").unwrap();
        let lima_lanes: Vec<&str> =
            by_country.iter().filter(|l| l.events.contains(&lima)).map(|l| l.label.as_str()).collect();
        assert_eq!(lima_lanes, ["CN", "US", "PE"], "Lima involves all three of its countries");
        assert_eq!(by_country[2].events, vec![lima], "Peru only as the place of the Lima meeting");
        assert_eq!(by_country[3].events, vec![paris], "France only as the place of the Paris meeting");
        for lane in &by_country {
            assert!(lane.events.windows(2).all(|w| w[0] < w[1]), "chronological, once each");
        }
    }

    #[test]
    fn an_agency_lane_holds_its_sub_agencies_and_empty_lanes_are_hidden() {
        let text = "title: t\nagencies:\n  - {id: doj, name: Justice, short: DOJ}\n  - {id: fbi, name: Bureau, short: FBI, parent: doj}\n  - {id: idle, name: Idle}\nevents:\n  - {id: a, title: A, date: 2016, agencies: [fbi]}\n  - {id: b, title: B, date: 2017, agencies: [doj]}\n";
        let t = model::load_str("t", text).unwrap();
        let got = lanes(&t, None, Grouping::Agency, &[0, 1]);
        assert_eq!(labels(&got), ["DOJ", "FBI"], "the idle agency has no lane");
        assert_eq!(got[0].events, vec![0, 1]);
        assert_eq!(got[1].events, vec![0]);
        let only_b = lanes(&t, None, Grouping::Agency, &[1]);
        assert_eq!(labels(&only_b), ["DOJ"], "lanes follow the shown events");
    }

    #[test]
    fn events_with_no_value_get_a_lane_of_their_own() {
        let text = "title: t\ncountries:\n  - {id: US, name: United States}\nevents:\n  - {id: a, title: A, date: 2016, countries: [US], tags: [x]}\n  - {id: b, title: B, date: 2017}\n";
        let t = model::load_str("t", text).unwrap();
        let by_country = lanes(&t, None, Grouping::Country, &[0, 1]);
        assert_eq!(labels(&by_country), ["US", "(no country)"]);
        assert_eq!(by_country[1].events, vec![1]);
        assert_eq!(labels(&lanes(&t, None, Grouping::Agency, &[0, 1])), ["(no agency)"]);
        assert_eq!(labels(&lanes(&t, None, Grouping::Tag, &[0])), ["#x"], "no empty lane");
    }

    proptest::proptest! {
        /// Nothing in view is left out and nothing out of view is drawn: under every grouping,
        /// the union of the lanes is exactly the shown events (generated timelines where events
        /// have any number of countries, agencies, people and tags, zero included).
        #[test]
        fn the_lanes_hold_exactly_the_shown_events(
            events in proptest::collection::vec((0u8..8, 0u8..4, 0u8..4, 0u8..8, 0u8..64), 1..30),
            hidden in proptest::collection::vec(proptest::bool::ANY, 30),
        ) {
            let mut text = String::from("title: t\ncountries:\n  - {id: AA, name: A}\n  - {id: BB, name: B}\nagencies:\n  - {id: x, name: X, country: AA}\n  - {id: y, name: Y, parent: x}\npeople:\n  - {id: p, name: P}\n  - {id: q, name: Q, country: BB}\nevents:\n");
            for (i, (c, a, p, tags, by)) in events.iter().enumerate() {
                let chosen = |bits: u8, names: &[&'static str]| -> Vec<&'static str> {
                    names.iter().enumerate().filter(|(k, _)| bits & (1 << k) != 0).map(|(_, n)| *n).collect()
                };
                let (countries, agencies, people) = (chosen(*c, &["AA", "BB"]), chosen(*a, &["x", "y"]), chosen(*p, &["p", "q"]));
                // Who acted: any of those the event lists (none: it does not say).
                let listed: Vec<&str> = countries.iter().chain(&agencies).chain(&people).copied().collect();
                let acted: Vec<&str> = listed.iter().enumerate().filter(|(k, _)| by & (1 << k) != 0).map(|(_, n)| *n).collect();
                let by = if acted.is_empty() { String::new() } else { format!(", by: [{}]", acted.join(", ")) };
                text.push_str(&format!(
                    "  - {{id: e{i}, title: E{i}, date: {}, countries: [{}], agencies: [{}], people: [{}], tags: [{}]{by}}}\n",
                    2000 + i,
                    countries.join(", "),
                    agencies.join(", "),
                    people.join(", "),
                    chosen(*tags, &["t1", "t2", "t3"]).join(", "),
                ));
            }
            let t = model::load_str("t", &text).unwrap();
            let index = Index::new(&t);
            let shown: Vec<EventIx> = (0..t.events.len()).filter(|&e| !hidden[e]).collect();
            for grouping in Grouping::ALL {
                for index in [None, Some(&index)] {
                    let got = lanes(&t, index, grouping, &shown);
                    let mut union: Vec<EventIx> = got.iter().flat_map(|l| l.events.iter().copied()).collect();
                    union.sort_unstable();
                    union.dedup();
                    proptest::prop_assert_eq!(&union, &shown, "{:?}", grouping);
                    proptest::prop_assert!(got.iter().all(|l| !l.events.is_empty() || l.heading.is_some()) || grouping == Grouping::None);
                    if grouping == Grouping::Nested {
                        // Folded, a country's heading holds everything under it: nothing hidden.
                        let folded = lanes_folded(&t, index, grouping, &shown, &[0, 1]);
                        let mut union: Vec<EventIx> = folded.iter().flat_map(|l| l.events.iter().copied()).collect();
                        union.sort_unstable();
                        union.dedup();
                        proptest::prop_assert_eq!(&union, &shown, "folded");
                    }
                    if grouping == Grouping::Side {
                        // Lanes by side: each shown event in exactly one lane.
                        proptest::prop_assert_eq!(got.iter().map(|l| l.events.len()).sum::<usize>(), shown.len());
                    }
                }
            }
        }
    }

    #[test]
    fn groupings_cycle_and_parse() {
        let mut g = Grouping::None;
        let mut seen = vec![];
        for _ in 0..9 {
            seen.push(g.name());
            g = g.next();
        }
        assert_eq!(seen, ["none", "side", "nested", "country", "agency", "person", "tag", "status", "file"]);
        assert_eq!(g, Grouping::None);
        assert_eq!(Grouping::parse("Country"), Some(Grouping::Country));
        assert_eq!(Grouping::parse("place"), None);
    }
}
