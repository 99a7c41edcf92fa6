//! Merging several files again when one of them changes, from what is held: the merged
//! timeline (the only copy of the events) and, per file, a [`Part`] — what the file has besides
//! its events (entities, stories, title, zone: small). `split` moves each file's events back
//! out of the merged timeline and undoes what the merge did to them, giving the file's own
//! timeline as it was loaded; `multi::merge` of those, with the changed file read anew, is the
//! same timeline as reading every file from scratch (a property test checks it). `merge_again`
//! does both, so the events are moved, never copied: at no time is there a second copy of them.

use super::multi::{merge, Merged};
use super::{Actor, Event, FileIx, Link, Named, Speaker, Timeline};
use std::collections::{HashMap, HashSet};

/// One file of several, without its events: kept while following the files, so that a change
/// to one of them can be merged with the others without a second copy of their events.
#[derive(Debug, Clone)]
pub struct Part {
    /// The file's own timeline as loaded, with no events (nor their back links).
    skeleton: Timeline,
    /// For each of its events (in the file's chronological order), whether it has no
    /// `timezone:` of its own: the merge gives those their file's zone when it is not the
    /// first file's, and taking them back out must undo exactly that.
    unzoned: Vec<bool>,
}

impl Part {
    /// What `timeline` (one file, as loaded) has besides its events.
    pub fn new(timeline: &Timeline) -> Part {
        let skeleton = Timeline {
            title: timeline.title.clone(),
            description: timeline.description.clone(),
            countries: timeline.countries.clone(),
            agencies: timeline.agencies.clone(),
            people: timeline.people.clone(),
            events: Vec::new(),
            referred_by: Vec::new(),
            zone: timeline.zone,
            extensions: timeline.extensions.clone(),
            files: timeline.files.clone(),
            shared_ids: timeline.shared_ids.clone(),
            stories: timeline.stories.clone(),
            since: None,
        };
        Part { skeleton, unzoned: timeline.events.iter().map(|e| e.zone.is_none()).collect() }
    }
}

/// Points an event's references to countries, agencies and people at other lists of them:
/// entity `i` becomes `countries[i]`, `agencies[i]`, `people[i]` (into a merged timeline's
/// lists, or back into one file's).
pub(super) fn renumber_entities(
    event: &mut Event,
    countries: &[usize],
    agencies: &[usize],
    people: &[usize],
) {
    event.countries.iter_mut().for_each(|c| *c = countries[*c]);
    event.agencies.iter_mut().for_each(|a| *a = agencies[*a]);
    event.people.iter_mut().for_each(|p| p.person = people[p.person]);
    if let Some(l) = &mut event.location {
        l.country = l.country.map(|c| countries[c]);
    }
    for q in &mut event.quotes {
        if let Speaker::Person(p) = &mut q.by {
            *p = people[*p];
        }
    }
    for actor in &mut event.by {
        match actor {
            Actor::Country(c) => *c = countries[*c],
            Actor::Agency(a) => *a = agencies[*a],
            Actor::Person(p) => *p = people[*p],
        }
    }
}

/// For each of `all` (merged entities), its position in `own` (one file's), by id (one entity
/// per id in both). Not in the file: `usize::MAX`, which no event of the file refers to.
fn positions_in<T: Named>(own: &[T], all: &[T]) -> Vec<usize> {
    let by_id: HashMap<&str, usize> = own.iter().enumerate().map(|(i, x)| (x.id(), i)).collect();
    all.iter().map(|x| by_id.get(x.id()).copied().unwrap_or(usize::MAX)).collect()
}

/// Each file's own timeline, as loaded, taken back out of `merged` (made by `multi::merge` of
/// the files that `parts` describe, in the same order). The events are moved, not copied. The
/// reader's annotations and `--changes` marks on `merged` are left behind: they are not the
/// files'.
pub fn split(mut merged: Timeline, parts: &[Part]) -> Vec<Timeline> {
    // Links to other files' events that the merge resolved were added after each event's own
    // links: count them the way `link_across_files` finds them, while the events are in place.
    let resolved: Vec<usize> = {
        let names: HashSet<(FileIx, &str)> = merged.events.iter().map(|e| (e.file, e.id.as_str())).collect();
        let stems: HashMap<&str, FileIx> =
            merged.files.iter().enumerate().rev().map(|(f, file)| (file.stem.as_str(), f)).collect();
        let found = |link: &super::ExternalLink| {
            stems.get(link.file.as_str()).is_some_and(|&f| names.contains(&(f, link.id.as_str())))
        };
        merged.events.iter().map(|e| e.elsewhere.iter().filter(|l| found(l)).count()).collect()
    };
    // Each merged event's position within its file.
    let mut local = vec![0; merged.events.len()];
    let mut counts = vec![0; parts.len()];
    for (m, e) in merged.events.iter().enumerate() {
        local[m] = counts[e.file];
        counts[e.file] += 1;
    }
    let maps: Vec<[Vec<usize>; 3]> = parts
        .iter()
        .map(|part| {
            let own = &part.skeleton;
            [
                positions_in(&own.countries, &merged.countries),
                positions_in(&own.agencies, &merged.agencies),
                positions_in(&own.people, &merged.people),
            ]
        })
        .collect();
    merged.referred_by = Vec::new(); // rebuilt per file; freed before the files' lists grow
    let mut files: Vec<Vec<Event>> = counts.iter().map(|&n| Vec::with_capacity(n)).collect();
    for (mut event, elsewhere) in merged.events.into_iter().zip(resolved) {
        let f = event.file;
        let [countries, agencies, people] = &maps[f];
        event.file = 0;
        event.annotation = None;
        if parts[f].unzoned[files[f].len()] {
            event.zone = None;
        }
        renumber_entities(&mut event, countries, agencies, people);
        event.related.truncate(event.related.len() - elsewhere);
        for link in &mut event.related {
            *link = Link { event: local[link.event], kind: link.kind.take() };
        }
        files[f].push(event);
    }
    parts
        .iter()
        .zip(files)
        .map(|(part, events)| {
            let mut referred_by = vec![Vec::new(); events.len()];
            for (i, e) in events.iter().enumerate() {
                for link in &e.related {
                    referred_by[link.event].push(i);
                }
            }
            for list in &mut referred_by {
                list.sort_unstable();
                list.dedup();
            }
            Timeline { events, referred_by, ..part.skeleton.clone() }
        })
        .collect()
}

/// Some of the files changed: `fresh` holds the new version of each (by its place among the
/// files). Merges them with the other files' events moved out of `merged` (made from the files
/// `parts` describe), as `multi::merge` of every file read from scratch would. Returns the
/// merge, and the versions of the changed files it replaced (as loaded).
pub fn merge_again(
    merged: Timeline,
    parts: &[Part],
    fresh: Vec<(usize, Timeline)>,
) -> (Merged, Vec<(usize, Timeline)>) {
    let mut files = split(merged, parts);
    let replaced = fresh.into_iter().map(|(i, new)| (i, std::mem::replace(&mut files[i], new))).collect();
    (merge(files), replaced)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;
    use proptest::prelude::*;

    /// One generated event: id, year, month, an hour (or a whole day), its own zone (0: none),
    /// a link to the event before it, a link to an event of some file (`f0#e3`, maybe to
    /// nothing), who acted.
    type Spec = (u8, i32, u32, Option<u32>, u8, bool, Option<(u8, u8)>, bool);

    const ZONES: [&str; 3] = ["", "Asia/Tokyo", "Europe/Paris"];

    /// A file's text: its zone, its own name for China (files that disagree make a conflict),
    /// its events (ids kept unique) and a story of its first event.
    fn text(zone: u8, china: bool, events: &[Spec]) -> String {
        let mut out = String::from("title: T\n");
        if zone > 0 {
            out.push_str(&format!("timezone: {}\n", ZONES[zone as usize]));
        }
        let name = if china { "China" } else { "PRC" };
        out.push_str(&format!(
            "countries:\n  - {{id: cn, name: {name}}}\n  - {{id: us, name: US}}\npeople:\n  - {{id: guo, name: Guo, country: cn}}\n"
        ));
        out.push_str(if events.is_empty() { "events: []\n" } else { "events:\n" });
        let mut seen = HashSet::new();
        let mut previous: Option<String> = None;
        for &(id, year, month, hour, own_zone, related, elsewhere, by) in events {
            if !seen.insert(id) {
                continue;
            }
            let id = format!("e{id}");
            let date = match hour {
                Some(h) => format!("\"{year}-{month:02}-01T{h:02}:00\""),
                None => format!("{year}-{month:02}"),
            };
            out.push_str(&format!(
                "  - id: {id}\n    title: {id}\n    date: {date}\n    countries: [us, cn]\n    people: [guo]\n"
            ));
            if own_zone > 0 {
                out.push_str(&format!("    timezone: {}\n", ZONES[own_zone as usize]));
            }
            if by {
                out.push_str("    by: [cn, guo]\n");
            }
            let mut links: Vec<String> = Vec::new();
            if let (true, Some(p)) = (related, &previous) {
                links.push(p.clone());
            }
            if let Some((file, target)) = elsewhere {
                links.push(format!("f{file}#e{target}"));
            }
            if !links.is_empty() {
                out.push_str(&format!("    related: [{}]\n", links.join(", ")));
            }
            previous = Some(id);
        }
        if let Some(first) = events.first() {
            out.push_str(&format!("stories:\n  - {{id: s, title: S, events: [e{}]}}\n", first.0));
        }
        out
    }

    fn spec() -> impl Strategy<Value = Spec> {
        (
            0u8..6,
            1990i32..1992,
            1u32..13,
            proptest::option::of(0u32..24),
            0u8..3,
            any::<bool>(),
            proptest::option::of((0u8..4, 0u8..6)),
            any::<bool>(),
        )
    }

    fn file() -> impl Strategy<Value = (u8, bool, Vec<Spec>)> {
        (0u8..3, any::<bool>(), proptest::collection::vec(spec(), 0..8))
    }

    fn load_all(texts: &[String]) -> Vec<Timeline> {
        texts
            .iter()
            .enumerate()
            .map(|(f, t)| load_str(&format!("f{f}.yaml"), t).expect("generated files load"))
            .collect()
    }

    fn shown(
        m: &Merged,
    ) -> (&Timeline, &[crate::model::multi::Conflict], &[crate::model::multi::BrokenLink]) {
        (&m.timeline, &m.conflicts, &m.broken_links)
    }

    proptest! {
        #[test]
        fn merging_again_from_what_is_held_equals_merging_from_scratch(
            files in proptest::collection::vec(file(), 2..4),
            changed in 0usize..3,
            new_version in file(),
            also in proptest::option::of((0usize..3, file())),
        ) {
            let texts: Vec<String> = files.iter().map(|(z, c, e)| text(*z, *c, e)).collect();
            let loaded = load_all(&texts);
            let parts: Vec<Part> = loaded.iter().map(Part::new).collect();
            let mut merged = merge(loaded.clone()).timeline;
            // What the explorer adds to the timeline it shows is not the files'.
            if let Some(e) = merged.events.first_mut() {
                e.annotation = Some("the reader's".into());
            }
            // Taking the files back out gives each as it was loaded.
            prop_assert_eq!(&split(merged.clone(), &parts), &loaded);

            // One file changed, or two at once (a save of several).
            let mut changes = vec![(changed % texts.len(), new_version)];
            if let Some((other, version)) = also.filter(|(o, _)| o % texts.len() != changed % texts.len()) {
                changes.push((other % texts.len(), version));
            }
            let mut texts = texts;
            let mut fresh = Vec::new();
            for (i, (zone, china, events)) in &changes {
                texts[*i] = text(*zone, *china, events);
                fresh.push((*i, load_str(&format!("f{i}.yaml"), &texts[*i]).unwrap()));
            }
            let (from_held, replaced) = merge_again(merged, &parts, fresh);
            let from_scratch = merge(load_all(&texts));
            prop_assert_eq!(shown(&from_held), shown(&from_scratch));
            // What it replaced is each changed file's old version, as loaded.
            let old: Vec<(usize, Timeline)> = changes.iter().map(|(i, _)| (*i, loaded[*i].clone())).collect();
            prop_assert_eq!(&replaced, &old);
        }
    }

    #[test]
    fn who_acted_points_at_the_merged_entities() {
        let a = "title: A\ncountries:\n  - {id: us, name: US}\nevents:\n  - {id: x, title: X, date: 2016, countries: [us], by: [us]}\n";
        let b = "title: B\ncountries:\n  - {id: cn, name: China}\n  - {id: us, name: US}\nevents:\n  - {id: y, title: Y, date: 2017, countries: [us], by: [us]}\n";
        let t = merge(vec![load_str("a.yaml", a).unwrap(), load_str("b.yaml", b).unwrap()]).timeline;
        // In b.yaml `us` is the second country; merged, it is the first.
        assert_eq!(t.events[1].by, [Actor::Country(0)]);
        assert_eq!(t.countries[0].id, "us");
    }
}
