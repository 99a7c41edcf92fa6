//! Stories (`stories:` in the format, issue #29): the loader's checks with their places, and
//! that any story of existing events plays from its first slide to its last and back.

use proptest::prelude::*;
use std::sync::Arc;
use timeline_explorer::explorer::{Explorer, Viewport};
use timeline_explorer::model::{self, load_str};

fn errors(source: &str) -> String {
    load_str("t.yaml", source).expect_err("the file has mistakes").to_string()
}

const EVENTS: &str = "title: T
events:
  - {id: round-1, title: Round 1, date: 2015-12-01}
  - {id: round-2, title: Round 2, date: 2016-06-14}
";

#[test]
fn a_story_keeps_its_order_and_slide_text() {
    let t = load_str(
        "t.yaml",
        &format!("{EVENTS}stories:\n  - id: back\n    title: Back\n    events: [round-2, {{id: round-1, text: First}}]\n"),
    )
    .unwrap();
    let story = &t.stories[0];
    let ids: Vec<&str> = story.slides.iter().map(|s| t.events[s.event].id.as_str()).collect();
    assert_eq!(ids, ["round-2", "round-1"], "the story's order, not the dates'");
    assert_eq!(story.slides[1].text.as_deref(), Some("First"));
    assert_eq!(story.slides[0].text, None);
}

#[test]
fn an_unknown_event_is_located_with_the_nearest_id() {
    let text = errors(&format!("{EVENTS}stories:\n  - id: s\n    title: S\n    events: [round-1, rond-2]\n"));
    assert!(text.contains("t.yaml:8:23: error: unknown event `rond-2`"), "{text}");
    assert!(text.contains("did you mean `round-2`?"), "{text}");
}

#[test]
fn an_event_told_twice_names_both_places() {
    let text = errors(&format!(
        "{EVENTS}stories:\n  - id: s\n    title: S\n    events:\n      - round-1\n      - {{id: round-1}}\n"
    ));
    assert!(text.contains("t.yaml:10:14: error: event `round-1` is told twice in this story"), "{text}");
    assert!(text.contains("t.yaml:9:9: note: first told here"), "{text}");
}

#[test]
fn a_story_needs_an_id_a_title_and_events() {
    let text = errors(&format!(
        "{EVENTS}stories:\n  - id: Bad Id\n    title: S\n    events: [round-1]\n  - id: s\n    events: []\n  - title: No id\n    events: [round-1]\n"
    ));
    assert!(text.contains("t.yaml:6:9: error: invalid story id `Bad Id`"), "{text}");
    assert!(text.contains("`bad-id`"), "the help suggests a valid id: {text}");
    assert!(text.contains("t.yaml:9:5: error: this story is missing the required key `title`"), "{text}");
    assert!(text.contains("t.yaml:10:13: error: this story has no events"), "{text}");
    assert!(text.contains("t.yaml:11:5: error: this story is missing the required key `id`"), "{text}");
}

#[test]
fn story_ids_are_unique_and_keys_known() {
    let text = errors(&format!(
        "{EVENTS}stories:\n  - id: s\n    title: S\n    events: [round-1]\n  - id: s\n    title: T\n    evnts: [round-2]\n"
    ));
    assert!(text.contains("t.yaml:9:9: error: duplicate story id `s`"), "{text}");
    assert!(text.contains("t.yaml:11:5: error: unknown key `evnts`"), "{text}");
    assert!(text.contains("did you mean `events`?"), "{text}");
}

#[test]
fn the_builtin_timeline_has_its_story() {
    let t = model::load_builtin().unwrap();
    let s = &t.stories[t.find_story("consensus-to-2017").unwrap()];
    assert_eq!(s.title, "From consensus to the planned 2017 round");
    assert_eq!(s.slides.len(), 6);
}

#[test]
fn stories_survive_reading_several_files() {
    let a = load_str(
        "a.yaml",
        &format!("{EVENTS}stories:\n  - id: s\n    title: S\n    events: [round-2, round-1]\n"),
    )
    .unwrap();
    let b = load_str("b.yaml", "title: B\nevents:\n  - {id: early, title: Early, date: 2010}\n").unwrap();
    let merged = model::multi::merge(vec![b, a]).timeline;
    let s = &merged.stories[merged.find_story("s").unwrap()];
    let ids: Vec<&str> = s.slides.iter().map(|sl| merged.events[sl.event].id.as_str()).collect();
    assert_eq!(ids, ["round-2", "round-1"], "slides point at the same events after the merge");
}

/// A timeline of `n` events on distinct days, with a story of the events at `order`.
fn timeline_with_story(n: usize, order: &[usize]) -> model::Timeline {
    let mut text = String::from("title: P\nevents:\n");
    for i in 0..n {
        text.push_str(&format!("  - {{id: e{i}, title: E{i}, date: {}-01-01}}\n", 1900 + i));
    }
    text.push_str("stories:\n  - id: s\n    title: S\n    events:\n");
    for &i in order {
        text.push_str(&format!("      - e{i}\n"));
    }
    load_str("p.yaml", &text).unwrap()
}

proptest! {
    /// Any story of existing events plays from the title slide through every slide in the
    /// story's order to the last, and back to the title, one step at a time.
    #[test]
    fn any_story_plays_first_to_last_and_back(
        (n, order) in (1usize..30).prop_flat_map(|n| (Just(n), Just((0..n).collect::<Vec<_>>()).prop_shuffle()))
            .prop_flat_map(|(n, all)| (Just(n), proptest::sample::subsequence(all.clone(), 1..=all.len()).prop_shuffle()))
    ) {
        let t = Arc::new(timeline_with_story(n, &order));
        let mut explorer = Explorer::new(t.clone(), None, Viewport::default());
        explorer.enter_story(Some(0)).unwrap();
        prop_assert_eq!(explorer.story().unwrap().slide(), None, "it opens at the title slide");
        let mut told = Vec::new();
        for _ in 0..order.len() {
            explorer.story_step(true);
            told.push(explorer.story().unwrap().event().unwrap());
        }
        let wanted: Vec<usize> = order.iter().map(|&i| t.event_index(&format!("e{i}")).unwrap()).collect();
        prop_assert_eq!(&told, &wanted);
        prop_assert!(explorer.story_step(true).is_some(), "the last slide says so");
        prop_assert_eq!(explorer.story().unwrap().event(), wanted.last().copied());
        for back in (0..order.len()).rev() {
            explorer.story_step(false);
            let expected = back.checked_sub(1).map(|b| wanted[b]);
            prop_assert_eq!(explorer.story().unwrap().event(), expected);
        }
        let left = explorer.leave_story();
        prop_assert!(explorer.story().is_none());
        prop_assert_eq!(left, None, "from the title slide the selection stays");
    }
}
