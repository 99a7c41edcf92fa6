use super::*;
use crate::model::cache::tests::{cache_in, event_strategy, parsed, write, yaml};
use crate::model::cache::{self, Kind};
use crate::model::open::open_head_first;
use crate::model::{loader, multi};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// What a head must hold of `full`: its own fields and entities, its first events without
/// their links or annotations, the count and the whole column of dates.
fn assert_head_of(head: &Head, full: &Timeline) {
    let n = full.events.len().min(HEAD_EVENTS);
    assert_eq!(head.total, full.events.len());
    assert_eq!(head.timeline.events.len(), n);
    for (i, (shown, whole)) in head.timeline.events.iter().zip(&full.events).enumerate() {
        let mut whole = whole.clone();
        whole.related.clear();
        whole.annotation = None;
        assert_eq!(shown, &whole, "event {i}");
    }
    assert_eq!(head.list_dates, ListDates::of(full.events.iter().map(|e| &e.date), &full.zone));
    assert_eq!(head.badge_form, crate::model::sides::BadgeForm::of(full), "the badges read by every event");
    let t = &head.timeline;
    assert_eq!(
        (&t.title, &t.description, &t.zone, &t.extensions, &t.files),
        (&full.title, &full.description, &full.zone, &full.extensions, &full.files)
    );
    assert_eq!((&t.countries, &t.agencies, &t.people), (&full.countries, &full.agencies, &full.people));
    assert!(t.stories.is_empty() && t.referred_by.iter().all(Vec::is_empty));
}

/// Opens `path` head first through `cache`: the head shown (if any), the timeline, and whether
/// the head is to be written.
fn open(path: &Path, cache: &Cache) -> (Option<Head>, Timeline, bool) {
    let mut shown = None;
    let (opened, pending) = open_head_first(path, Some(cache.clone()), |head| shown = Some(head)).unwrap();
    let timeline = opened.loaded.timeline;
    let to_write = pending.is_some();
    if let Some(pending) = pending {
        pending.write(&timeline);
    }
    (shown.expect("show is called once"), timeline, to_write)
}

fn the_head(cache: &Cache) -> PathBuf {
    let heads: Vec<PathBuf> = std::fs::read_dir(cache.dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "head"))
        .collect();
    assert_eq!(heads.len(), 1, "{heads:?}");
    heads[0].clone()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The head read back from the cache is the first events of the whole load, for timelines
    /// with zones, times, BCE years and notes; several files have none.
    #[test]
    fn the_head_from_the_cache_is_the_start_of_the_whole_timeline(
        first in event_strategy(),
        second in event_strategy(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache_in(dir.path());
        let a = write(dir.path(), "a.yaml", &yaml(&first));
        let (shown, full, to_write) = open(&a, &cache);
        prop_assert!(shown.is_none() && to_write, "an empty cache has no head; it is written");
        prop_assert_eq!(&full, &parsed(&a));
        let in_order = crate::model::shown_order::ShownOrder::new(&full, &full.zone).is_timeline_order();
        prop_assert_eq!(Head::of(&full).is_some(), in_order, "a head exactly where the list starts with the first events");
        let (shown, again, to_write) = open(&a, &cache);
        prop_assert_eq!(&again, &full, "the whole timeline as before");
        prop_assert_eq!(to_write, !in_order, "a head read is not written again");
        match shown {
            Some(head) => {
                assert_head_of(&head, &full);
                prop_assert_eq!(Some(head), Head::of(&full));
            }
            None => prop_assert!(!in_order),
        }
        let b = write(dir.path(), "b.yaml", &yaml(&second));
        let merged = multi::merge(vec![parsed(&a), parsed(&b)]).timeline;
        prop_assert!(Head::of(&merged).is_none(), "several files have no head");
    }
}

#[test]
fn a_long_timeline_keeps_its_first_events_and_counts_the_rest() {
    for times in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache_in(dir.path());
        let path = write(dir.path(), "long.yaml", &crate::synthetic::timeline_yaml_with(700, 7, times));
        let (_, full, _) = open(&path, &cache);
        let (shown, _, _) = open(&path, &cache);
        let head = shown.expect("a head");
        assert_eq!(head.timeline.events.len(), HEAD_EVENTS);
        assert_head_of(&head, &full);
    }
}

#[test]
fn a_by_after_the_heads_events_still_sets_the_badges_form() {
    let mut text = String::from("title: T\ncountries: [{id: cn, name: China}]\nevents:\n");
    for i in 0..HEAD_EVENTS + 50 {
        let by = if i == HEAD_EVENTS + 10 { ", by: [cn]" } else { "" };
        text.push_str(&format!("  - {{id: e{i}, title: E{i}, date: {}, countries: [cn]{by}}}\n", 1900 + i));
    }
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = write(dir.path(), "late-by.yaml", &text);
    let (_, full, _) = open(&path, &cache);
    let (shown, _, _) = open(&path, &cache);
    let head = shown.expect("a head");
    assert!(head.timeline.events.iter().all(|e| e.by.is_empty()), "no by: among the head's events");
    assert_head_of(&head, &full);
}

#[test]
fn a_file_with_notes_opens_without_a_head() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path =
        write(dir.path(), "t.yaml", &yaml(&[(2016, 5, true, None, None), (2017, 1, false, None, None)]));
    open(&path, &cache);
    assert!(open(&path, &cache).0.is_some());
    std::fs::write(dir.path().join("t.notes.yaml"), "version: 1\nbookmarks: [e1]\n").unwrap();
    let (shown, timeline, _) = open(&path, &cache);
    assert!(shown.is_none(), "the bookmark would mark a row the head does not");
    assert_eq!(timeline.events.len(), 2);
}

/// Damage the one head with `damage`, then open: no head shown, the parsed timeline, and a
/// whole head written again for the next open.
fn survives(damage: impl Fn(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = write(dir.path(), "t.yaml", &yaml(&[(-43, 3, true, Some("n"), Some("Asia/Shanghai"))]));
    let (_, expected, _) = open(&path, &cache);
    damage(&the_head(&cache));
    let (shown, timeline, to_write) = open(&path, &cache);
    assert!(shown.is_none(), "a damaged head is never shown");
    assert!(to_write, "and is written again");
    assert_eq!(timeline, expected);
    assert_eq!(open(&path, &cache).0, Head::of(&expected));
}

#[test]
fn a_truncated_head_is_not_shown_at_every_sixteenth() {
    for sixteenth in 0..16 {
        survives(|head| {
            let bytes = std::fs::read(head).unwrap();
            std::fs::write(head, &bytes[..bytes.len() * sixteenth / 16]).unwrap();
        });
    }
}

#[test]
fn a_flipped_byte_anywhere_in_the_head_is_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = write(dir.path(), "t.yaml", &yaml(&[(2016, 5, true, None, None)]));
    let (_, full, _) = open(&path, &cache);
    let bytes = std::fs::read(the_head(&cache)).unwrap();
    let key = cache::key(&std::fs::read(&path).unwrap());
    assert!(cache::decode_kind::<Head>(&key, &bytes, Kind::Head).is_some());
    for at in 0..bytes.len() {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x20;
        assert!(cache::decode_kind::<Head>(&key, &flipped, Kind::Head).is_none(), "byte {at} flipped");
    }
    assert!(cache::decode_kind::<Head>(&key, &bytes, Kind::Whole).is_none(), "a head is no whole entry");
    let whole = cache::encode(&key, &full).unwrap();
    assert!(cache::decode_kind::<Head>(&key, &whole, Kind::Head).is_none(), "nor a whole entry a head");
    survives(|head| {
        let mut bytes = std::fs::read(head).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 1;
        std::fs::write(head, bytes).unwrap();
    });
}

#[test]
fn a_directory_in_the_heads_place_is_not_shown() {
    survives(|head| {
        std::fs::remove_file(head).unwrap();
        std::fs::create_dir(head).unwrap();
    });
}

#[test]
fn a_head_of_another_version_is_not_shown() {
    // The format's version is in the header, after the magic; the program's in the key.
    survives(|head| {
        let mut bytes = std::fs::read(head).unwrap();
        bytes[8] ^= 1;
        std::fs::write(head, bytes).unwrap();
    });
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "t.yaml", &yaml(&[(2016, 5, true, None, None)]));
    let head = Head::of(&parsed(&path)).unwrap();
    let key = cache::key(&std::fs::read(&path).unwrap());
    let bytes = cache::encode_kind(&cache::tests::other_program(key), &head, Kind::Head).unwrap();
    assert!(cache::decode_kind::<Head>(&key, &bytes, Kind::Head).is_none(), "another program's head");
}

#[test]
fn a_changed_file_shows_no_head_of_its_old_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = write(dir.path(), "t.yaml", &yaml(&[(2016, 5, true, None, None)]));
    open(&path, &cache);
    assert!(open(&path, &cache).0.is_some());
    write(dir.path(), "t.yaml", &yaml(&[(1999, 1, false, None, None)]));
    let (shown, timeline, to_write) = open(&path, &cache);
    assert!(shown.is_none() && to_write);
    assert_eq!(timeline, parsed(&path));
    let (shown, _, _) = open(&path, &cache);
    assert_eq!(shown.unwrap().timeline.events[0].date.to_string(), "1999-01..2000");
}

#[test]
fn without_a_cache_there_is_no_head() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "t.yaml", &yaml(&[(2016, 5, true, None, None)]));
    let mut shown = None;
    let (opened, pending) = open_head_first(&path, None, |head| shown = Some(head)).unwrap();
    assert_eq!(shown, Some(None));
    assert!(pending.is_none());
    assert_eq!(opened.loaded.timeline, parsed(&path));
}

#[test]
fn a_head_that_claims_more_events_than_it_may_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "t.yaml", &yaml(&[(2016, 5, true, None, None)]));
    let key = cache::key(&std::fs::read(&path).unwrap());
    let mut head = Head::of(&parsed(&path)).unwrap();
    head.total = 0;
    let bytes = cache::encode_kind(&key, &head, Kind::Head).unwrap();
    assert!(cache::decode_kind::<Head>(&key, &bytes, Kind::Head).is_none(), "fewer in all than shown");
}

#[test]
fn a_file_hashed_piece_by_piece_has_the_key_of_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // Empty, small, and over the 1 MiB piece the hash reads at a time.
    for text in [
        String::new(),
        yaml(&[(2016, 5, true, None, None)]),
        crate::synthetic::timeline_yaml_with(3000, 1, true),
    ] {
        let path = write(dir.path(), "t.yaml", &text);
        assert_eq!(cache::key_of_file(&path, loader::MAX_FILE_BYTES), Some(cache::key(text.as_bytes())));
        if !text.is_empty() {
            assert_eq!(cache::key_of_file(&path, text.len() as u64 / 2), None, "past the limit");
        }
    }
    assert_eq!(cache::key_of_file(dir.path(), loader::MAX_FILE_BYTES), None, "a directory");
    let fifo = dir.path().join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    assert_eq!(
        cache::key_of_file(&fifo, loader::MAX_FILE_BYTES),
        None,
        "a FIFO, without waiting for a writer"
    );
}
