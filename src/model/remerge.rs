//! Merging several files again when one of them changes, from what is held: the merged
//! timeline (the only copy of the events) and, per file, a [`Part`] — what the file has besides
//! its events (entities, stories, title, zone: small). `split` takes each file's events back
//! out of the merged timeline and undoes what the merge did to them, giving the file's own
//! timeline as it was loaded; `multi::merge` of those, with the changed file read anew, is the
//! same timeline as reading every file from scratch (a property test checks it).

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
/// the files that `parts` describe, in the same order). The reader's annotations and
/// `--changes` marks on `merged` are left behind: they are not the files'.
pub fn split(merged: &Timeline, parts: &[Part]) -> Vec<Timeline> {
    // Links to other files' events that the merge resolved were added after each event's own
    // links: count them the way `link_across_files` finds them.
    let names: HashSet<(FileIx, &str)> = merged.events.iter().map(|e| (e.file, e.id.as_str())).collect();
    let resolved = |link: &super::ExternalLink| {
        merged
            .files
            .iter()
            .position(|f| f.stem == link.file)
            .is_some_and(|f| names.contains(&(f, link.id.as_str())))
    };
    // Each merged event's position within its file.
    let mut local = vec![0; merged.events.len()];
    let mut counts = vec![0; parts.len()];
    for (m, e) in merged.events.iter().enumerate() {
        local[m] = counts[e.file];
        counts[e.file] += 1;
    }
    parts
        .iter()
        .enumerate()
        .map(|(f, part)| {
            let own = &part.skeleton;
            let countries = positions_in(&own.countries, &merged.countries);
            let agencies = positions_in(&own.agencies, &merged.agencies);
            let people = positions_in(&own.people, &merged.people);
            let mut events = Vec::with_capacity(counts[f]);
            for e in merged.events.iter().filter(|e| e.file == f) {
                let mut event = e.clone();
                event.file = 0;
                event.annotation = None;
                if part.unzoned[events.len()] {
                    event.zone = None;
                }
                renumber_entities(&mut event, &countries, &agencies, &people);
                let elsewhere = event.elsewhere.iter().filter(|l| resolved(l)).count();
                event.related.truncate(event.related.len() - elsewhere);
                for link in &mut event.related {
                    *link = Link { event: local[link.event], kind: link.kind.take() };
                }
                events.push(event);
            }
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
            Timeline { events, referred_by, ..own.clone() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;
    use crate::model::multi::{merge, Merged};
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
            prop_assert_eq!(&split(&merged, &parts), &loaded);

            let changed = changed % texts.len();
            let mut texts = texts;
            texts[changed] = text(new_version.0, new_version.1, &new_version.2);
            let fresh = load_str(&format!("f{changed}.yaml"), &texts[changed]).unwrap();
            let mut again = split(&merged, &parts);
            again[changed] = fresh;
            let from_held = merge(again);
            let from_scratch = merge(load_all(&texts));
            prop_assert_eq!(shown(&from_held), shown(&from_scratch));
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
