use super::*;
use crate::model::query::Query;
use crate::model::{load_builtin, load_str};
use proptest::prelude::*;

fn builtin_text() -> String {
    crate::model::loader::BUILTIN_SOURCE.to_string()
}

/// The built-in timeline with every `from` replaced by its `to` (each must be found).
fn edited(edits: &[(&str, &str)]) -> Timeline {
    let mut text = builtin_text();
    for (from, to) in edits {
        assert!(text.contains(from), "the built-in timeline holds {from:?}");
        text = text.replace(from, to);
    }
    load_str("edited", &text).expect("the edited timeline loads")
}

/// A diff as lines a test can compare: `KIND old→new: field, field`.
fn lines(d: &Diff) -> Vec<String> {
    d.events
        .iter()
        .map(|e| {
            let ids = format!(
                "{}→{}",
                e.old.as_ref().map_or("", |s| s.id.as_str()),
                e.new.as_ref().map_or("", |s| s.id.as_str())
            );
            let fields: Vec<&str> = e.changes.iter().map(|c| c.field().name()).collect();
            format!("{} {ids}: {}", e.kind.name(), fields.join(", "))
        })
        .collect()
}

#[test]
fn the_builtin_timeline_against_itself_is_no_change() {
    let t = load_builtin().unwrap();
    let d = diff(&t, &t);
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn real_edits_are_reported_in_the_words_of_the_model() {
    let old = load_builtin().unwrap();
    let new = edited(&[
        // Round 4 is cancelled, and dated more closely.
        (
            "    date: \"2017\"\n    status: did-not-take-place\n",
            "    date: \"2017\"\n    status: cancelled\n",
        ),
        // The tabletop exercise is renamed.
        ("tabletop-exercise-2016", "tabletop-exercise-april-2016"),
    ]);
    let d = diff(&old, &new);
    assert_eq!(
        lines(&d),
        [
            "changed tabletop-exercise-2016→tabletop-exercise-april-2016: id",
            "changed dialogue-round-4-planned→dialogue-round-4-planned: status",
        ]
    );
    let status = d.events[1].change_of(Field::Status).unwrap();
    assert_eq!(status, &Change::Status { from: Status::NotHeld, to: Status::Cancelled });
    assert_eq!(d.counts(), Counts { added: 0, removed: 0, renamed: 1, changed: 1 });
}

#[test]
fn a_moved_date_says_how_far() {
    let old = load_str("a", "title: T\nevents:\n  - {id: a, title: Talks, date: 2016-12-07}\n").unwrap();
    let new = load_str("b", "title: T\nevents:\n  - {id: a, title: Talks, date: \"~2016-12-09\"}\n").unwrap();
    let d = diff(&old, &new);
    let Some(Change::Date { from, to }) = d.events[0].change_of(Field::Date) else { panic!("{d:?}") };
    let shift = DateShift::of(from, to);
    assert_eq!(shift.days, 2);
    assert_eq!(shift.approximate, Some((false, true)));
    assert_eq!(shift.precision, None);
    let narrower = load_str("c", "title: T\nevents:\n  - {id: a, title: Talks, date: 2016-12}\n").unwrap();
    let d = diff(&narrower, &old);
    let Some(Change::Date { from, to }) = d.events[0].change_of(Field::Date) else { panic!("{d:?}") };
    assert_eq!(DateShift::of(from, to).precision, Some((Precision::Month, Precision::Day)));
}

#[test]
fn lists_report_what_went_in_and_out_and_links_follow_renames() {
    let old = load_str(
        "a",
        "title: T\nevents:\n  - {id: a, title: Alpha talks, date: 2016-01-01, tags: [x, y]}\n  - {id: b, title: Beta, date: 2016-02-01, related: [a]}\n",
    )
    .unwrap();
    let new = load_str(
        "b",
        "title: T\nevents:\n  - {id: a2, title: Alpha talks, date: 2016-01-01, tags: [y, z, z]}\n  - {id: b, title: Beta, date: 2016-02-01, related: [a2]}\n",
    )
    .unwrap();
    let d = diff(&old, &new);
    assert_eq!(lines(&d), ["changed a→a2: id, tags"], "the link to a renamed event is the same link");
    assert_eq!(
        d.events[0].change_of(Field::Tags),
        Some(&Change::List {
            field: Field::Tags,
            removed: vec!["x".into()],
            added: vec!["z".into(), "z".into()]
        })
    );
}

#[test]
fn entities_that_changed_are_listed() {
    let new = edited(&[
        ("    short: MPS\n", "    short: M.P.S.\n"),
        ("  - id: PE\n    name: Peru\n", "  - id: PE\n    name: Perú\n"),
    ]);
    let d = diff(&load_builtin().unwrap(), &new);
    let found: Vec<(&str, &str, Vec<&str>)> = d
        .entities
        .iter()
        .map(|e| (e.entity.name(), e.id.as_str(), e.changes.iter().map(|c| c.field().name()).collect()))
        .collect();
    assert_eq!(found, [("country", "PE", vec!["name"]), ("agency", "mps", vec!["short"])]);
    assert!(d.events.is_empty());
}

#[test]
fn word_diff_marks_only_the_changed_words() {
    let edits =
        word_diff("The fourth round was planned for 2017.", "The fourth round never took place in 2017.");
    assert_eq!(
        edits,
        [
            WordEdit::Same("The fourth round ".into()),
            WordEdit::Removed("was planned for".into()),
            WordEdit::Added("never took place in".into()),
            WordEdit::Same(" 2017.".into()),
        ]
    );
    assert_eq!(word_diff("same", "same"), [WordEdit::Same("same".into())]);
    assert_eq!(word_diff("", "new"), [WordEdit::Added("new".into())]);
}

proptest! {
    /// The pieces of a word diff give back both texts.
    #[test]
    fn word_diff_gives_back_both_texts(a in "[ab \n]{0,30}", b in "[ab \n]{0,30}") {
        let edits = word_diff(&a, &b);
        let side = |keep_removed: bool| -> String {
            edits.iter().filter_map(|e| match e {
                WordEdit::Same(t) => Some(t.as_str()),
                WordEdit::Removed(t) if keep_removed => Some(t.as_str()),
                WordEdit::Added(t) if !keep_removed => Some(t.as_str()),
                _ => None,
            }).collect()
        };
        prop_assert_eq!(side(true), a);
        prop_assert_eq!(side(false), b);
    }
}

/// A generated event: what the edit script works on and the YAML writers write.
#[derive(Debug, Clone)]
struct Spec {
    id: String,
    /// One word unique to the event, so no two events' titles look alike.
    title: String,
    day: chrono::NaiveDate,
    status: Status,
    tags: Vec<String>,
}

fn specs(n: usize) -> Vec<Spec> {
    let start = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    (0..n)
        .map(|i| Spec {
            id: format!("ev-{i}"),
            title: format!("Meeting{i} talks"),
            day: start + chrono::Duration::days((i as i64 * 37) % 700),
            status: Status::ALL[i % 3],
            tags: vec![format!("t{}", i % 4)],
        })
        .collect()
}

/// The events in block style with plain scalars, or in flow style with quoted scalars, in the
/// order given.
fn yaml(events: &[Spec], flow: bool) -> String {
    let mut out = String::from(if events.is_empty() {
        "title: Generated\nevents: []\n"
    } else {
        "title: Generated\nevents:\n"
    });
    for e in events {
        if flow {
            out.push_str(&format!(
                "  - {{\"id\": \"{}\", 'title': \"{}\", date: '{}', status: \"{}\", tags: [{}]}}\n",
                e.id,
                e.title,
                e.day,
                e.status.as_str(),
                e.tags.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", ")
            ));
        } else {
            out.push_str(&format!(
                "  - id: {}\n    title: {}\n    date: {}\n    status: {}\n    tags:\n",
                e.id,
                e.title,
                e.day,
                e.status.as_str()
            ));
            for t in &e.tags {
                out.push_str(&format!("      - {t}\n"));
            }
        }
    }
    out
}

#[derive(Debug, Clone)]
enum Edit {
    Add,
    Remove,
    Rename,
    Move(i64),
    Status(usize),
    Tag,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        Just(Edit::Add),
        Just(Edit::Remove),
        Just(Edit::Rename),
        (1i64..400).prop_flat_map(|d| prop_oneof![Just(d), Just(-d)]).prop_map(Edit::Move),
        (1usize..3).prop_map(Edit::Status),
        Just(Edit::Tag),
    ]
}

/// Applies the script, one edit to each of the first events, and says what a diff must find:
/// the sorted lines of [`lines`] without the kinds' order.
fn apply(events: &[Spec], script: &[Edit]) -> (Vec<Spec>, Vec<String>) {
    let mut out = Vec::new();
    let mut expected = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let mut e = e.clone();
        match script.get(i) {
            None => {}
            Some(Edit::Add) => {
                let added = Spec { id: format!("new-{i}"), title: format!("Added{i} news"), ..e.clone() };
                expected.push(format!("added →{}: ", added.id));
                out.push(added);
            }
            Some(Edit::Remove) => {
                expected.push(format!("removed {}→: ", e.id));
                continue;
            }
            Some(Edit::Rename) => {
                let id = format!("renamed-{i}");
                expected.push(format!("changed {}→{id}: id", e.id));
                e.id = id;
            }
            Some(Edit::Move(days)) => {
                e.day += chrono::Duration::days(*days);
                expected.push(format!("changed {0}→{0}: date", e.id));
            }
            Some(Edit::Status(k)) => {
                let k = (Status::ALL.iter().position(|s| *s == e.status).unwrap() + k) % 3;
                e.status = Status::ALL[k];
                expected.push(format!("changed {0}→{0}: status", e.id));
            }
            Some(Edit::Tag) => {
                e.tags.push("extra".into());
                expected.push(format!("changed {0}→{0}: tags", e.id));
            }
        }
        out.push(e);
    }
    expected.sort();
    (out, expected)
}

fn shuffled(mut events: Vec<Spec>, seed: u64) -> Vec<Spec> {
    // A deterministic shuffle from the seed (Fisher–Yates with a linear congruential step).
    let mut state = seed | 1;
    for i in (1..events.len()).rev() {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        events.swap(i, (state >> 33) as usize % (i + 1));
    }
    events
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Reordering the file and rewriting its YAML in another style change nothing.
    #[test]
    fn reordering_and_reformatting_alone_are_no_change(n in 0usize..30, seed: u64, flow: bool) {
        let events = specs(n);
        let a = load_str("a", &yaml(&events, false)).unwrap();
        let b = load_str("b", &yaml(&shuffled(events, seed), flow)).unwrap();
        let d = diff(&a, &b);
        prop_assert!(d.is_empty(), "{:?}", d);
    }

    /// A generated edit script, in a reordered and reformatted file, is found exactly; and the
    /// diff the other way is this one reversed.
    #[test]
    fn an_edit_script_is_found_exactly(
        n in 1usize..30,
        script in proptest::collection::vec(edit(), 0..30),
        seed: u64,
        flow: bool,
    ) {
        let events = specs(n);
        let (edited_events, expected) = apply(&events, &script);
        let a = load_str("a", &yaml(&events, false)).unwrap();
        let b = load_str("b", &yaml(&shuffled(edited_events, seed), flow)).unwrap();
        let forward = diff(&a, &b);
        let mut found = lines(&forward);
        found.sort();
        prop_assert_eq!(found, expected);
        prop_assert_eq!(diff(&b, &a), forward.reversed());
    }

    /// Any two generated timelines: the diff one way is the diff the other way reversed, and a
    /// timeline against itself is no change.
    #[test]
    fn reversed_is_the_other_way(n in 0usize..20, m in 0usize..20, seed: u64, script in proptest::collection::vec(edit(), 0..20)) {
        let (edited_events, _) = apply(&specs(m), &script);
        let a = load_str("a", &yaml(&specs(n), false)).unwrap();
        let b = load_str("b", &yaml(&shuffled(edited_events, seed), true)).unwrap();
        prop_assert_eq!(diff(&b, &a), diff(&a, &b).reversed());
        prop_assert!(diff(&b, &b).is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// `--changes`: every event change of the diff is marked exactly once — an added or changed
    /// event on the one event of the new timeline it names, a removed one as one ghost — and
    /// nothing else is marked; with no query, the marked events and the ghosts shown are the
    /// whole diff, and each `change:` value filters exactly the events it counts.
    #[test]
    fn every_change_is_marked_exactly_once(
        n in 0usize..30,
        script in proptest::collection::vec(edit(), 0..30),
        seed: u64,
    ) {
        use crate::model::since::{ChangeValue, Since};
        let events = specs(n);
        let (edited_events, _) = apply(&events, &script);
        let a = load_str("a", &yaml(&events, false)).unwrap();
        let mut b = load_str("b", &yaml(&shuffled(edited_events, seed), true)).unwrap();
        let since = Since::new("a", a, &b);
        let mut times_marked = vec![0usize; since.diff.events.len()];
        for e in 0..b.events.len() {
            if let Some(change) = since.change_of(e) {
                prop_assert_eq!(change.new.as_ref().map(|s| s.index), Some(e), "marked on the event it names");
                let at = since.diff.events.iter().position(|d| std::ptr::eq(d, change)).unwrap();
                times_marked[at] += 1;
            }
        }
        for ghost in since.ghosts() {
            prop_assert!(ghost.new.is_none() && ghost.old.is_some(), "a ghost is a removed event");
            let at = since.diff.events.iter().position(|d| std::ptr::eq(d, ghost)).unwrap();
            times_marked[at] += 1;
        }
        prop_assert!(times_marked.iter().all(|&n| n == 1), "{:?}", times_marked);
        let zone = b.zone;
        let shown = since.ghosts_shown(&Query::default(), &zone).unwrap();
        prop_assert_eq!(shown.len(), since.ghost_count());
        let all: Vec<usize> = (0..b.events.len()).collect();
        let counts = since.counts(&all, shown.len());
        let count = |v: ChangeValue| counts.iter().find(|(c, _)| *c == v).unwrap().1;
        prop_assert_eq!(
            count(ChangeValue::Added) + count(ChangeValue::Changed) + count(ChangeValue::Removed),
            since.diff.events.len()
        );
        b.since = Some(std::sync::Arc::new(since));
        for v in ChangeValue::ALL {
            let query = Query::parse(&format!("change:{}", v.name())).unwrap();
            let filtered = crate::model::filter::Filter::new(&b, &query, &b.zone).unwrap().apply(&b, None);
            let since = b.since.as_ref().unwrap();
            let expected = if v == ChangeValue::Removed { 0 } else { count(v) };
            prop_assert_eq!(filtered.len(), expected, "change:{}", v.name());
            let ghosts = since.ghosts_shown(&query, &zone).unwrap().len();
            prop_assert_eq!(ghosts, if v == ChangeValue::Removed { since.ghost_count() } else { 0 });
        }
    }
}

#[test]
fn who_acted_and_links_to_other_files_are_compared() {
    let text = |by: &str, elsewhere: &str| {
        format!(
            "title: T\ncountries: [{{id: US, name: United States}}, {{id: CN, name: China}}]\n\
             agencies: [{{id: nasa, name: NASA, country: US}}]\n\
             events:\n  - {{id: a, title: Alpha, date: 2016-01-01, countries: [US, CN], agencies: [nasa], by: [{by}], related: [{elsewhere}]}}\n"
        )
    };
    let old = load_str("a", &text("nasa", "trade#talks")).unwrap();
    let new = load_str("a", &text("CN", "trade#talks")).unwrap();
    let d = diff(&old, &new);
    assert_eq!(lines(&d), ["changed a→a: by"]);
    assert_eq!(
        d.events[0].change_of(Field::By),
        Some(&Change::List { field: Field::By, removed: vec!["nasa".into()], added: vec!["CN".into()] })
    );
    let moved = load_str("a", &text("nasa", "trade#summit")).unwrap();
    assert_eq!(lines(&diff(&old, &moved)), ["changed a→a: related"]);
    assert!(diff(&old, &load_str("a", &text("nasa", "trade#talks")).unwrap()).is_empty());
}
