//! What a reload says and marks: the files that came into the followed set and went out of it,
//! and the events added, removed, renamed (`model::diff`'s rule: close in date, titles alike)
//! and changed, each with its count and, when there is one, its title.
//!
//! Events are matched by file and id (not by qualified id, which changes when another file
//! comes to share the id), so a new file sharing ids with an old one changes nothing else.

use crate::model::{EventIx, Timeline};
use std::collections::{HashMap, HashSet};

/// Longest title quoted in a message, in columns.
const TITLE_COLUMNS: usize = 40;

/// What changed from `old` to `new`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    /// The events of `new` to mark as changed (added, renamed or changed), in order.
    pub marked: Vec<EventIx>,
    /// For the header: "reloaded; …".
    pub message: String,
}

/// Compares the two versions; `same(i, j)` says whether old event `i` and new event `j` (one
/// id) look the same to a reader.
pub fn compare(old: &Timeline, new: &Timeline, same: impl Fn(EventIx, EventIx) -> bool) -> Compared {
    let names = |t: &Timeline| t.files.iter().map(|f| f.name.clone()).collect::<HashSet<String>>();
    let (old_names, new_names) = (names(old), names(new));
    let came: Vec<bool> = new.files.iter().map(|f| !old_names.contains(&f.name)).collect();
    let went: Vec<bool> = old.files.iter().map(|f| !new_names.contains(&f.name)).collect();
    let before: HashMap<(&str, &str), EventIx> =
        (0..old.events.len()).filter(|&i| !went[old.events[i].file]).map(|i| (key(old, i), i)).collect();
    let mut marked = Vec::new();
    let mut arrived = Vec::new();
    let mut changed = Vec::new();
    let mut kept: HashSet<EventIx> = HashSet::new();
    let mut per_new_file = vec![0usize; new.files.len()];
    for j in 0..new.events.len() {
        let file = new.events[j].file;
        if came[file] {
            per_new_file[file] += 1;
            marked.push(j);
            continue;
        }
        match before.get(&key(new, j)) {
            Some(&i) => {
                kept.insert(i);
                if !same(i, j) {
                    changed.push(j);
                    marked.push(j);
                }
            }
            None => {
                arrived.push(j);
                marked.push(j);
            }
        }
    }
    let mut per_old_file = vec![0usize; old.files.len()];
    let mut gone = Vec::new();
    for i in 0..old.events.len() {
        let file = old.events[i].file;
        if went[file] {
            per_old_file[file] += 1;
        } else if !kept.contains(&i) {
            gone.push(i);
        }
    }
    let renamed = crate::model::diff::renames(old, new, &gone, &arrived);
    let (renamed_old, renamed_new): (HashSet<EventIx>, HashSet<EventIx>) =
        (renamed.iter().map(|r| r.0).collect(), renamed.iter().map(|r| r.1).collect());
    arrived.retain(|j| !renamed_new.contains(j));
    gone.retain(|i| !renamed_old.contains(i));

    let mut said = Vec::new();
    let files = |t: &Timeline, which: &[bool], counts: &[usize], verb: &str, said: &mut Vec<String>| {
        for f in (0..t.files.len()).filter(|&f| which[f]) {
            said.push(format!("{verb} {}: {}", crate::text::escape(&t.files[f].name), events(counts[f])));
        }
    };
    files(new, &came, &per_new_file, "added", &mut said);
    files(old, &went, &per_old_file, "removed", &mut said);
    let title = |t: &Timeline, i: EventIx| {
        format!("“{}”", crate::text::truncate(&crate::text::one_line(&t.events[i].title), TITLE_COLUMNS))
    };
    let mut count = |n: usize, what: &str, one: Option<String>| {
        if n > 0 {
            let named = one.filter(|_| n == 1).map(|o| format!(": {o}")).unwrap_or_default();
            said.push(format!("{} {what}{named}", events(n)));
        }
    };
    count(arrived.len(), "added", arrived.first().map(|&j| title(new, j)));
    count(gone.len(), "removed", gone.first().map(|&i| title(old, i)));
    count(
        renamed.len(),
        "renamed",
        renamed.first().map(|&(i, j)| {
            let id = |t: &Timeline, i: EventIx| crate::text::escape(&t.qualified_id(i));
            format!("{} → {}", id(old, i), id(new, j))
        }),
    );
    count(changed.len(), "changed", changed.first().map(|&j| title(new, j)));
    marked.sort_unstable();
    let message = if said.is_empty() {
        "reloaded; no event changed".to_string()
    } else {
        format!("reloaded; {}", said.join("; "))
    };
    Compared { marked, message }
}

/// How an event is matched across versions: its file's name and its id.
fn key(t: &Timeline, i: EventIx) -> (&str, &str) {
    (t.files[t.events[i].file].name.as_str(), t.events[i].id.as_str())
}

/// "1 event", "3 events".
fn events(n: usize) -> String {
    format!("{n} event{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;
    use crate::model::multi::merge;

    fn one(text: &str) -> Timeline {
        load_str("t.yaml", text).unwrap()
    }

    fn said(old: &Timeline, new: &Timeline) -> String {
        let same = |i: EventIx, j: EventIx| old.events[i] == new.events[j];
        compare(old, new, same).message
    }

    const BASE: &str = "title: T\nevents:\n  - {id: a, title: Opening keynote, date: 2016-01-01}\n  - {id: b, title: Closing remarks, date: 2016-01-03}\n";

    #[test]
    fn an_appended_event_is_added_with_its_title() {
        let new = format!("{BASE}  - {{id: c, title: Evening reception, date: 2016-01-04}}\n");
        let c = compare(&one(BASE), &one(&new), |_, _| true);
        assert_eq!(c.message, "reloaded; 1 event added: “Evening reception”");
        assert_eq!(c.marked, [2]);
    }

    #[test]
    fn a_deleted_event_is_removed_with_its_title_and_two_are_counted() {
        let one_left = "title: T\nevents:\n  - {id: a, title: Opening keynote, date: 2016-01-01}\n";
        assert_eq!(said(&one(BASE), &one(one_left)), "reloaded; 1 event removed: “Closing remarks”");
        let none = "title: T\nevents: []\n";
        assert_eq!(said(&one(BASE), &one(none)), "reloaded; 2 events removed");
    }

    #[test]
    fn a_new_id_for_the_same_event_is_a_rename_and_an_edit_a_change() {
        let renamed = BASE.replace("id: b,", "id: closing,");
        let c = compare(&one(BASE), &one(&renamed), |_, _| true);
        assert_eq!(c.message, "reloaded; 1 event renamed: b → closing");
        assert_eq!(c.marked, [1]);
        let edited = BASE.replace("Opening keynote", "Opening keynote VIA-TARGET");
        assert_eq!(
            said(&one(BASE), &one(&edited)),
            "reloaded; 1 event changed: “Opening keynote VIA-TARGET”"
        );
        assert_eq!(said(&one(BASE), &one(BASE)), "reloaded; no event changed");
    }

    #[test]
    fn files_that_come_and_go_are_named_with_their_events() {
        let a = load_str("live/a.yaml", BASE).unwrap();
        let b = load_str("live/b.yaml", "title: B\nevents:\n  - {id: x, title: X, date: 2017}\n").unwrap();
        let d = load_str("live/d.yaml", "title: D\nevents:\n  - {id: a, title: Copy, date: 2018}\n").unwrap();
        let old = merge(vec![a.clone(), b]).timeline;
        let new = merge(vec![a, d]).timeline;
        let same = |i: EventIx, j: EventIx| old.events[i].title == new.events[j].title;
        let c = compare(&old, &new, same);
        // d.yaml shares the id `a` with a.yaml: a.yaml's event is still the same event.
        assert_eq!(c.message, "reloaded; added live/d.yaml: 1 event; removed live/b.yaml: 1 event");
        assert_eq!(c.marked, [2]);
    }
}
