use super::*;
use crate::model::{multi, Timeline};
use proptest::prelude::*;

// The cache stores any `Entry`; these tests store timelines.
fn load_bytes(cache: Option<&Cache>, name: &str, bytes: Vec<u8>) -> Result<Timeline, loader::LoadError> {
    loader::load_cached(cache, name, bytes)
}

fn decode(key: &Key, bytes: &[u8]) -> Option<Timeline> {
    super::decode(key, bytes)
}

pub(crate) fn cache_in(dir: &Path) -> Cache {
    Cache::new(dir.join("cache"), DEFAULT_LIMIT_BYTES)
}

/// An event to generate: year (negative is BCE), month, whether it has a time, its notes and
/// its own zone.
pub(crate) type EventSpec = (i32, u32, bool, Option<&'static str>, Option<&'static str>);

/// A timeline with what the cache must carry: notes, zones (the timeline's and an event's),
/// times, BCE years, ranges, links, extensions and a story.
pub(crate) fn yaml(events: &[EventSpec]) -> String {
    let mut out = String::from(
        "title: Cached\ntimezone: America/New_York\nx-meta: {a: [1, 2.5, true, null], b: \"text\"}\n\
         countries: [{id: CN, name: China, aliases: [PRC]}]\n\
         agencies: [{id: mps, name: Ministry, short: MPS, country: CN}]\n\
         people: [{id: guo, name: Guo, native: 郭声琨, country: CN, roles: [{title: Minister, agency: mps, from: \"-0044\"}]}]\n\
         events:\n",
    );
    for (i, (year, month, timed, note, zone)) in events.iter().enumerate() {
        let written = |y: i32| if y < 0 { format!("-{:04}", -y) } else { format!("{y:04}") };
        let date = if *timed {
            format!("\"{}-{month:02}-03T10:30\"", written(*year))
        } else {
            format!("\"{}-{month:02}..{}\"", written(*year), written(year + 1))
        };
        out.push_str(&format!(
            "  - id: e{i}\n    title: Event {i}\n    date: {date}\n    countries: [CN]\n    agencies: [mps]\n    people: [{{id: guo, role: chair}}]\n    x-n: {i}\n"
        ));
        if let Some(note) = note {
            out.push_str(&format!("    notes: {note:?}\n"));
        }
        if let Some(zone) = zone {
            out.push_str(&format!("    timezone: {zone}\n"));
        }
        if i > 0 {
            out.push_str(&format!("    related: [{{id: e{}, kind: follows}}]\n", i - 1));
        }
    }
    out.push_str("stories: [{id: s, title: Story, events: [{id: e0, text: First}]}]\n");
    out
}

pub(crate) fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

pub(crate) fn parsed(path: &Path) -> Timeline {
    let mut t = loader::load_bytes(&path.display().to_string(), std::fs::read(path).unwrap()).unwrap();
    t.files[0].path = Some(path.to_path_buf());
    t
}

fn through(cache: &Cache, path: &Path) -> Timeline {
    let mut t = load_bytes(Some(cache), &path.display().to_string(), std::fs::read(path).unwrap()).unwrap();
    t.files[0].path = Some(path.to_path_buf());
    t
}

/// The same content's key for another build of the program.
pub(crate) fn other_program(key: Key) -> Key {
    let mut other = key;
    other.0[31] ^= 1;
    other
}

fn the_entry(cache: &Cache) -> PathBuf {
    let entries: Vec<PathBuf> = std::fs::read_dir(cache.dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "bin"))
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    entries[0].clone()
}

pub(crate) fn event_strategy() -> impl Strategy<Value = Vec<EventSpec>> {
    proptest::collection::vec(
        (
            -300i32..2100,
            1u32..13,
            any::<bool>(),
            proptest::option::of(prop_oneof![Just("a note"), Just("ünïcode \\ note: \"quoted\"")]),
            proptest::option::of(prop_oneof![Just("Asia/Shanghai"), Just("\"+05:30\""), Just("UTC")]),
        ),
        1..12,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_timeline_from_the_cache_is_the_parsed_timeline(
        first in event_strategy(),
        second in event_strategy(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache_in(dir.path());
        let a = write(dir.path(), "a.yaml", &yaml(&first));
        let b = write(dir.path(), "b.yaml", &yaml(&second));
        let stored = through(&cache, &a);
        prop_assert_eq!(&stored, &parsed(&a), "the first load parses");
        the_entry(&cache);
        let name = a.display().to_string();
        let mut held = cache.get::<Timeline>(&key(&std::fs::read(&a).unwrap()), &name);
        prop_assert!(held.is_some(), "the entry reads back");
        if let Some(t) = held.as_mut() {
            t.files[0].path = Some(a.clone());
        }
        prop_assert_eq!(held.as_ref(), Some(&parsed(&a)), "what the cache holds is the parse");
        prop_assert_eq!(&through(&cache, &a), &parsed(&a), "the second load reads the cache");
        // Several files: each from the cache, merged, against each parsed and merged.
        through(&cache, &b);
        let from_cache = multi::merge(vec![through(&cache, &a), through(&cache, &b)]);
        let from_parse = multi::merge(vec![parsed(&a), parsed(&b)]);
        prop_assert_eq!(from_cache.timeline, from_parse.timeline);
    }
}

#[test]
fn the_same_content_under_another_name_keeps_its_own_name() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let text = yaml(&[(2016, 5, true, None, None)]);
    through(&cache, &write(dir.path(), "one.yaml", &text));
    let other = write(dir.path(), "other.yaml", &text);
    let t = through(&cache, &other);
    assert_eq!(t.files[0].stem, "other");
    assert_eq!(t, parsed(&other));
}

#[test]
fn a_changed_byte_is_a_new_entry_and_a_new_parse() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = write(dir.path(), "t.yaml", &yaml(&[(2016, 5, false, None, None)]));
    through(&cache, &path);
    let changed = write(dir.path(), "t.yaml", &yaml(&[(2017, 5, false, None, None)]));
    assert_eq!(through(&cache, &changed), parsed(&changed));
    assert_eq!(through(&cache, &changed).events[0].date.to_string(), "2017-05..2018");
}

/// Damage the one entry with `damage`, then load: the parsed timeline, and a whole entry again.
fn survives(damage: impl Fn(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = write(dir.path(), "t.yaml", &yaml(&[(-43, 3, true, Some("n"), Some("Asia/Shanghai"))]));
    let expected = through(&cache, &path);
    let entry = the_entry(&cache);
    damage(&entry);
    assert_eq!(through(&cache, &path), expected);
    let key = key(&std::fs::read(&path).unwrap());
    assert!(cache.get::<Timeline>(&key, "t.yaml").is_some(), "the entry is written again");
}

#[test]
fn a_truncated_entry_is_parsed_again_at_every_sixteenth() {
    for sixteenth in 0..16 {
        survives(|entry| {
            let bytes = std::fs::read(entry).unwrap();
            std::fs::write(entry, &bytes[..bytes.len() * sixteenth / 16]).unwrap();
        });
    }
}

#[test]
fn a_flipped_byte_anywhere_is_parsed_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = write(dir.path(), "t.yaml", &yaml(&[(2016, 5, true, None, None)]));
    through(&cache, &path);
    let bytes = std::fs::read(the_entry(&cache)).unwrap();
    let key = key(&std::fs::read(&path).unwrap());
    for at in (0..bytes.len()).step_by(7) {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x20;
        assert!(decode(&key, &flipped).is_none(), "byte {at} flipped");
    }
    survives(|entry| {
        let mut bytes = std::fs::read(entry).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 1;
        std::fs::write(entry, bytes).unwrap();
    });
}

#[test]
fn a_directory_in_the_entrys_place_is_parsed_around() {
    survives(|entry| {
        std::fs::remove_file(entry).unwrap();
        std::fs::create_dir(entry).unwrap();
    });
}

#[test]
fn an_entry_of_another_program_or_format_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = write(dir.path(), "t.yaml", &yaml(&[(2016, 5, true, None, None)]));
    let t = through(&cache, &path);
    let key = key(&std::fs::read(&path).unwrap());
    let bytes = encode(&other_program(key), &t).unwrap();
    assert!(decode(&key, &bytes).is_none(), "another program's key");
    let mut bytes = encode(&key, &t).unwrap();
    bytes[8] ^= 1;
    assert!(decode(&key, &bytes).is_none(), "another format version");
}

#[test]
fn an_unwritable_cache_directory_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the directory should be: nothing can be created in it, whoever runs this.
    std::fs::write(dir.path().join("cache"), "not a directory").unwrap();
    let cache = cache_in(dir.path());
    let path = write(dir.path(), "t.yaml", &yaml(&[(2016, 5, true, None, None)]));
    assert_eq!(through(&cache, &path), parsed(&path));
    assert_eq!(through(&cache, &path), parsed(&path));
}

#[test]
fn two_writers_at_once_leave_one_whole_entry() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = write(dir.path(), "t.yaml", &yaml(&[(2016, 5, true, Some("n"), None)]));
    let expected = parsed(&path);
    let loads: Vec<Timeline> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4).map(|_| s.spawn(|| through(&cache, &path))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(loads.iter().all(|t| *t == expected));
    let key = key(&std::fs::read(&path).unwrap());
    assert_eq!(
        cache.get::<Timeline>(&key, &path.display().to_string()).map(|mut t| {
            t.files[0].path = Some(path.clone());
            t
        }),
        Some(expected)
    );
    the_entry(&cache);
    let leftovers = std::fs::read_dir(cache.dir())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"));
    assert_eq!(leftovers.count(), 0);
}

#[test]
fn the_timeline_is_of_the_bytes_hashed_even_if_the_file_changes_after() {
    // The content is read once, hashed and then parsed or looked up: what the file holds
    // afterwards cannot mix into it.
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = write(dir.path(), "t.yaml", &yaml(&[(2016, 5, true, None, None)]));
    let bytes = std::fs::read(&path).unwrap();
    write(dir.path(), "t.yaml", &yaml(&[(1999, 1, false, None, None)]));
    let t = load_bytes(Some(&cache), "t.yaml", bytes.clone()).unwrap();
    assert_eq!(t, loader::load_bytes("t.yaml", bytes).unwrap());
    assert_eq!(through(&cache, &path), parsed(&path), "the new content is not the old entry");
}

#[test]
fn the_oldest_entries_go_first_when_the_bound_is_passed() {
    let dir = tempfile::tempdir().unwrap();
    let texts: Vec<String> = (0..3).map(|i| yaml(&[(2000 + i, 5, true, None, None)])).collect();
    let probe = cache_in(dir.path());
    let size =
        encode(&key(texts[0].as_bytes()), &loader::load_str("t", &texts[0]).unwrap()).unwrap().len() as u64;
    let cache = Cache::new(probe.dir().to_path_buf(), size * 2 + size / 2);
    for (i, text) in texts.iter().enumerate() {
        through(&cache, &write(dir.path(), &format!("t{i}.yaml"), text));
        // Distinct modification times, oldest first.
        std::thread::sleep(Duration::from_millis(20));
    }
    let held = |i: usize| cache.get::<Timeline>(&key(texts[i].as_bytes()), "t").is_some();
    assert!(!held(0), "the oldest is evicted");
    assert!(held(1) && held(2));
}

#[test]
fn an_entry_with_a_good_checksum_but_a_reference_out_of_range_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path =
        write(dir.path(), "t.yaml", &yaml(&[(2016, 5, true, None, None), (2017, 1, false, None, None)]));
    let mut t = parsed(&path);
    let key = key(&std::fs::read(&path).unwrap());
    assert!(decode(&key, &encode(&key, &t).unwrap()).is_some());
    t.events[1].related[0].event = 7;
    assert!(decode(&key, &encode(&key, &t).unwrap()).is_none(), "a link to no event");
    let mut t = parsed(&path);
    t.events[0].countries.push(3);
    assert!(decode(&key, &encode(&key, &t).unwrap()).is_none(), "a country that is not there");
}
