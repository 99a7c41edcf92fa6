//! The values a facet can take in a timeline, and how many events each would show: what the
//! explorer's pickers list, and what completion will offer. A question about the timeline, so it
//! is answered here, once, for every client.

use super::query::Facet;
use super::{EventIx, Named, Timeline};
use std::collections::HashMap;

/// One value of a facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// What a query writes to choose it (the entity's id, or the tag).
    pub value: String,
    /// How people read it: `CN — China`, `FBI — Federal Bureau of Investigation`, `#hotline`.
    pub label: String,
    /// Nesting depth: agencies sit under their parents.
    pub depth: usize,
    /// How many of the counted events it would show.
    pub count: usize,
}

/// Every value of `facet` in the timeline, with how many of `events` each would show. Agencies
/// come as a tree (parents first, children under them, each level by label; an event counts for
/// an agency and every agency above it, once each); the other facets by label. Facets that are
/// not lists of values (status, dates, text) have none.
pub fn values(timeline: &Timeline, facet: Facet, events: &[EventIx]) -> Vec<FacetValue> {
    match facet {
        Facet::Country => countries(timeline, events),
        Facet::Agency => agencies(timeline, events),
        Facet::Person => people(timeline, events),
        Facet::By => super::acting::values(timeline, events)
            .into_iter()
            .map(|(actor, depth, count)| FacetValue {
                value: timeline.actor_id(actor).to_string(),
                label: super::acting::actor_described(timeline, actor),
                depth,
                count,
            })
            .collect(),
        Facet::Tag => tags(timeline, events),
        Facet::File => files(timeline, events),
        Facet::Change => {
            let ghosts = timeline.since.as_ref().map_or(0, |s| s.ghost_count());
            change_values(timeline, events, ghosts)
        }
        Facet::Status | Facet::From | Facet::To | Facet::Annotation | Facet::Text => Vec::new(),
    }
}

/// Whether a value written in a query (`china`, `FBI`, `Guo Shengkun`) names the facet value
/// `value` (an id, or a tag), by any of its names and ignoring case.
pub fn names_value(timeline: &Timeline, facet: Facet, value: &str, written: &str) -> bool {
    fn by_id<T: Named>(items: &[T], id: &str, written: &str) -> bool {
        items.iter().find(|item| item.id() == id).is_some_and(|item| item.answers_to(written))
    }
    match facet {
        Facet::Country => by_id(&timeline.countries, value, written),
        Facet::Agency => by_id(&timeline.agencies, value, written),
        Facet::Person => by_id(&timeline.people, value, written),
        Facet::By => super::acting::names_value(timeline, value, written),
        Facet::Tag => super::fold::same(value, written),
        Facet::File => super::fold::same(value, written),
        Facet::Change => super::since::ChangeValue::parse(written).is_some_and(|v| v.name() == value),
        Facet::Status | Facet::From | Facet::To | Facet::Annotation | Facet::Text => false,
    }
}

/// The kinds of change since the older version (none without one), in a fixed order, each
/// counted over `events`; `removed` counts `ghosts`, the removed events a query shows (which
/// are not the timeline's: `Since::ghosts_shown`). `values` counts every ghost.
pub fn change_values(timeline: &Timeline, events: &[EventIx], ghosts: usize) -> Vec<FacetValue> {
    let Some(since) = &timeline.since else { return Vec::new() };
    since
        .counts(events, ghosts)
        .into_iter()
        .map(|(v, count)| FacetValue {
            value: v.name().to_string(),
            label: v.name().to_string(),
            depth: 0,
            count,
        })
        .collect()
}

/// Counts per entity: `involved` lists the entities one event counts for (duplicates allowed).
fn count_each(
    n: usize,
    events: &[EventIx],
    mut involved: impl FnMut(EventIx, &mut Vec<usize>),
) -> Vec<usize> {
    let mut counts = vec![0usize; n];
    let mut seen = Vec::new();
    for &e in events {
        seen.clear();
        involved(e, &mut seen);
        seen.sort_unstable();
        seen.dedup();
        for &i in &seen {
            counts[i] += 1;
        }
    }
    counts
}

fn sorted_by_label(mut values: Vec<FacetValue>) -> Vec<FacetValue> {
    values.sort_by_key(|v| v.label.to_lowercase());
    values
}

fn countries(timeline: &Timeline, events: &[EventIx]) -> Vec<FacetValue> {
    let counts = count_each(timeline.countries.len(), events, |e, out| {
        out.extend(timeline.involved_countries(&timeline.events[e]))
    });
    // In file order: a timeline lists its countries in the order that matters to it.
    timeline
        .countries
        .iter()
        .zip(counts)
        .map(|(c, count)| FacetValue {
            value: c.id.clone(),
            label: format!("{} — {}", c.id, c.name),
            depth: 0,
            count,
        })
        .collect()
}

/// The files, in the order given, by stem. One file has no values: there is nothing to choose.
fn files(timeline: &Timeline, events: &[EventIx]) -> Vec<FacetValue> {
    if !timeline.is_several_files() {
        return Vec::new();
    }
    let counts = count_each(timeline.files.len(), events, |e, out| out.push(timeline.events[e].file));
    timeline
        .files
        .iter()
        .zip(counts)
        .map(|(f, count)| FacetValue {
            value: f.stem.clone(),
            label: format!("{} — {}", f.stem, f.name),
            depth: 0,
            count,
        })
        .collect()
}

fn agencies(timeline: &Timeline, events: &[EventIx]) -> Vec<FacetValue> {
    let n = timeline.agencies.len();
    let counts = count_each(n, events, |e, out| {
        for &a in &timeline.events[e].agencies {
            // The agency and every agency above it (the loader guarantees no cycle; the step
            // bound keeps a bad file from looping all the same).
            let mut current = Some(a);
            let mut steps = 0;
            while let Some(x) = current.filter(|_| steps <= n) {
                out.push(x);
                current = timeline.agencies[x].parent;
                steps += 1;
            }
        }
    });
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
        out.push(FacetValue { value: a.id.clone(), label, depth, count: counts[i] });
        if let Some(kids) = children.get(&Some(i)) {
            stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
        }
    }
    out
}

fn people(timeline: &Timeline, events: &[EventIx]) -> Vec<FacetValue> {
    let counts = count_each(timeline.people.len(), events, |e, out| {
        out.extend(timeline.events[e].people.iter().map(|p| p.person))
    });
    let values = timeline
        .people
        .iter()
        .zip(counts)
        .map(|(p, count)| FacetValue {
            value: p.id.clone(),
            label: match &p.native {
                Some(native) => format!("{} ({native})", p.name),
                None => p.name.clone(),
            },
            depth: 0,
            count,
        })
        .collect();
    sorted_by_label(values)
}

fn tags(timeline: &Timeline, events: &[EventIx]) -> Vec<FacetValue> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut seen: Vec<String> = Vec::new();
    for &e in events {
        seen.clear();
        seen.extend(timeline.events[e].tags.iter().map(|t| super::fold::fold(t)));
        seen.sort_unstable();
        seen.dedup();
        for t in seen.drain(..) {
            *counts.entry(t).or_default() += 1;
        }
    }
    let values = super::filter::all_tags(timeline)
        .into_iter()
        .map(|t| {
            let count = counts.get(&super::fold::fold(&t)).copied().unwrap_or(0);
            FacetValue { label: format!("#{t}"), value: t, depth: 0, count }
        })
        .collect();
    sorted_by_label(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    fn builtin() -> Timeline {
        model::load_builtin().unwrap()
    }

    fn count(values: &[FacetValue], value: &str) -> usize {
        values.iter().find(|v| v.value == value).unwrap_or_else(|| panic!("no value {value}")).count
    }

    #[test]
    fn countries_count_involvement_not_just_listing() {
        let t = builtin();
        let all: Vec<EventIx> = (0..t.events.len()).collect();
        let counted = values(&t, Facet::Country, &all);
        assert_eq!(counted.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["CN", "US", "PE", "FR"]);
        // Peru and France are involved only as the places of the Lima and Paris meetings.
        assert_eq!(count(&counted, "PE"), 1);
        assert_eq!(count(&counted, "FR"), 1);
        let involving_cn = all.iter().filter(|&&e| t.involved_countries(&t.events[e]).contains(&0)).count();
        assert_eq!(count(&counted, "CN"), involving_cn);
    }

    #[test]
    fn counts_follow_the_events_given() {
        let t = builtin();
        let lima = t.event_index("lima-apec-meeting-2016").unwrap();
        let counted = values(&t, Facet::Country, &[lima]);
        assert_eq!((count(&counted, "CN"), count(&counted, "US"), count(&counted, "PE")), (1, 1, 1));
        assert!(values(&t, Facet::Person, &[]).iter().all(|v| v.count == 0));
    }

    #[test]
    fn agencies_form_a_tree_and_parents_count_their_children() {
        let text = "title: t\nagencies:\n  - {id: doj, name: Justice}\n  - {id: fbi, name: Bureau, short: FBI, parent: doj}\n  - {id: aaa, name: Alpha}\nevents:\n  - {id: a, title: A, date: 2016, agencies: [fbi]}\n  - {id: b, title: B, date: 2017, agencies: [fbi, doj]}\n";
        let t = model::load_str("t", text).unwrap();
        let counted = values(&t, Facet::Agency, &[0, 1]);
        let order: Vec<(&str, usize)> = counted.iter().map(|v| (v.value.as_str(), v.depth)).collect();
        assert_eq!(order, [("aaa", 0), ("doj", 0), ("fbi", 1)], "by label, children under parents");
        assert_eq!(count(&counted, "doj"), 2, "an event naming both counts once");
        assert_eq!(count(&counted, "fbi"), 2);
        assert_eq!(counted[2].label, "FBI — Bureau");
    }

    #[test]
    fn tags_count_case_insensitively_and_sort_by_label() {
        let text = "title: t\nevents:\n  - {id: a, title: A, date: 2016, tags: [Zeta, alpha]}\n  - {id: b, title: B, date: 2017, tags: [zeta, ZETA]}\n";
        let t = model::load_str("t", text).unwrap();
        let counted = values(&t, Facet::Tag, &[0, 1]);
        let got: Vec<(&str, usize)> = counted.iter().map(|v| (v.label.as_str(), v.count)).collect();
        assert_eq!(got, [("#alpha", 1), ("#Zeta", 2)]);
    }

    #[test]
    fn values_are_named_by_any_of_their_names() {
        let t = builtin();
        assert!(names_value(&t, Facet::Country, "CN", "china"));
        assert!(names_value(&t, Facet::Country, "CN", "PRC"));
        assert!(!names_value(&t, Facet::Country, "CN", "US"));
        assert!(names_value(&t, Facet::Agency, "fbi", "Federal Bureau of Investigation"));
        assert!(names_value(&t, Facet::Tag, "hotline", "HOTLINE"));
        assert!(!names_value(&t, Facet::Status, "planned", "planned"), "status has no values");
    }
}
