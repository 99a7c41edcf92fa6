use super::*;
use proptest::prelude::*;

fn parse(text: &str) -> Result<Notes, LoadError> {
    Notes::parse("t.notes.yaml", text.as_bytes().to_vec())
}

fn problems(text: &str) -> String {
    match parse(text) {
        Ok(n) => panic!("expected an error, read {n:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn reads_bookmarks_and_annotations() {
    let notes =
        parse("version: 1\nbookmarks: [a, b, a, 2016]\nannotations:\n  a: |\n    two\n    lines\n  b: ~\n")
            .unwrap();
    assert_eq!(notes.bookmarks(), ["a", "b", "2016"], "a repeated bookmark counts once; 2016 is an id");
    assert_eq!(notes.annotation("a"), Some("two\nlines"));
    assert_eq!(notes.annotation("b"), None);
    assert!(notes.unknown.is_empty());
}

#[test]
fn an_empty_or_comment_only_file_is_no_notes() {
    for text in ["", "\n\n", "# nothing yet\n", "\u{FEFF}"] {
        assert_eq!(parse(text).unwrap(), Notes { version: 1, ..Notes::default() }, "{text:?}");
    }
}

#[test]
fn writing_then_reading_gives_the_same_notes() {
    let mut notes = Notes { version: 1, ..Notes::default() };
    notes.toggle_bookmark("round-3");
    notes.toggle_bookmark("yes");
    notes.set_annotation("round-3", "Compare with 2015.\n  indented: not a key\n\"quoted\" # not a comment");
    notes.set_annotation("null", "~");
    let text = notes.to_yaml();
    assert!(text.starts_with("# Bookmarks"), "{text}");
    assert_eq!(parse(&text).unwrap(), notes, "{text}");
}

#[test]
fn keys_of_a_newer_version_are_kept_on_rewrite() {
    let text = "version: 3\nbookmarks: [a]\ncolours:\n  a: red\nshared_with: [ana, bo]\n";
    let mut notes = parse(text).unwrap();
    assert_eq!(notes.version, 3);
    notes.toggle_bookmark("b");
    let again = parse(&notes.to_yaml()).unwrap();
    assert_eq!(again.version, 3, "the newer version number is kept");
    assert_eq!(again.bookmarks(), ["a", "b"]);
    let unknown: Vec<&str> = again.unknown.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(unknown, ["colours", "shared_with"]);
    assert_eq!(again.unknown, notes.unknown);
}

#[test]
fn bad_yaml_is_reported_with_its_place() {
    let message = problems("bookmarks: [a, b\nannotations: {\n");
    assert!(message.starts_with("t.notes.yaml:"), "{message}");
    let place: Vec<&str> = message.splitn(4, ':').collect();
    assert!(place[1].parse::<usize>().is_ok() && place[2].parse::<usize>().is_ok(), "{message}");
    let tab = problems("bookmarks:\n\t- a\n");
    assert!(tab.contains("t.notes.yaml:2:"), "{tab}");
}

#[test]
fn wrong_shapes_are_each_reported_where_they_are() {
    let message = problems("version: two\nbookmarks: [a, [b], c]\nannotations:\n  a: [not, text]\n");
    assert!(message.contains("t.notes.yaml:1:10: error: `version` should be a whole number"), "{message}");
    assert!(message.contains("t.notes.yaml:2:16: error: a bookmark is an event id, not a list"), "{message}");
    assert!(message.contains("t.notes.yaml:4:6: error: the annotation of `a` should be text"), "{message}");
    let top = problems("- just\n- a list\n");
    assert!(top.contains("t.notes.yaml:1:1: error: the notes file holds a list"), "{top}");
    let shape = problems("bookmarks: hotline\n");
    assert!(
        shape.contains("1:12: error: `bookmarks` should be a list of event ids, not the text `hotline`"),
        "{shape}"
    );
}

#[test]
fn hostile_files_are_refused_cleanly() {
    // A raw escape, an alias bomb, deep nesting, UTF-16, invalid UTF-8, two documents.
    let raw_escape = problems("bookmarks: [\"a\", b\u{1b}[31m]\n");
    assert!(raw_escape.contains("\\u{1b}") || raw_escape.contains("\\e"), "escaped: {raw_escape}");
    assert!(!raw_escape.contains('\u{1b}'));
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for i in 0..9 {
        let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
        bomb.push_str(&format!(
            "b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    let _ = parse(&bomb); // must return, either way
    let deep = format!("bookmarks: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    assert!(problems(&deep).contains("nesting is deeper"));
    let utf16: Vec<u8> = "bookmarks: [a]\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    assert!(Notes::parse("t.notes.yaml", utf16).unwrap_err().to_string().contains("UTF-16"));
    let bad_utf8 = Notes::parse("t.notes.yaml", b"bookmarks: [\xff]\n".to_vec()).unwrap_err().to_string();
    assert!(bad_utf8.contains("t.notes.yaml:1:13") && bad_utf8.contains("\\xff"), "{bad_utf8}");
    assert!(problems("bookmarks: [a]\n---\nbookmarks: [b]\n").contains("more than one YAML document"));
}

#[test]
fn places_beside_the_file_and_in_the_data_directory() {
    let data = Some(PathBuf::from("/data"));
    let builtin = Places::new(None, data.clone());
    assert_eq!(builtin.beside, None);
    assert_eq!(builtin.data, Some(PathBuf::from("/data/timeline-explorer/builtin.notes.yaml")));
    let trade = Places::new(Some(Path::new("/x/trade.yaml")), data.clone());
    assert_eq!(trade.beside, Some(PathBuf::from("/x/trade.notes.yaml")));
    let other = Places::new(Some(Path::new("/y/trade.yaml")), data);
    let name = |p: &Places| p.data.as_ref().unwrap().file_name().unwrap().to_string_lossy().into_owned();
    assert!(name(&trade).starts_with("trade-") && name(&trade).ends_with(".notes.yaml"), "{}", name(&trade));
    assert_ne!(name(&trade), name(&other), "same name, different directories, different notes");
    assert_eq!(Places::new(None, None).data, None);
}

#[test]
fn saving_writes_beside_else_in_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let timeline = dir.path().join("trade.yaml");
    let places = Places::new(Some(&timeline), Some(dir.path().join("data")));
    let mut sidecar = Sidecar::read(places.clone());
    assert_eq!((sidecar.path.as_ref(), sidecar.problem.as_ref()), (None, None));
    sidecar.notes.toggle_bookmark("a");
    let written = sidecar.save(false).unwrap().path;
    assert_eq!(written, dir.path().join("trade.notes.yaml"));
    assert_eq!(Sidecar::read(places).notes.bookmarks(), ["a"]);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left: {leftovers:?}");

    // A directory that cannot be written (here: the "directory" is a file; root ignores modes).
    let blocked = dir.path().join("a-file");
    std::fs::write(&blocked, "").unwrap();
    let places = Places::new(Some(&blocked.join("t.yaml")), Some(dir.path().join("data")));
    let mut sidecar = Sidecar::read(places.clone());
    sidecar.notes.set_annotation("e", "kept elsewhere");
    let written = sidecar.save(false).unwrap().path;
    assert!(written.starts_with(dir.path().join("data/timeline-explorer")), "{}", written.display());
    let again = Sidecar::read(places);
    assert_eq!(again.path.as_ref(), Some(&written), "read back from where it went");
    assert_eq!(again.notes.annotation("e"), Some("kept elsewhere"));
}

#[test]
fn an_unreadable_sidecar_is_kept_as_bak_before_the_first_save() {
    let dir = tempfile::tempdir().unwrap();
    let places = Places::new(Some(&dir.path().join("t.yaml")), None);
    let path = dir.path().join("t.notes.yaml");
    std::fs::write(&path, "bookmarks: [unclosed\n").unwrap();
    let mut sidecar = Sidecar::read(places);
    let problem = sidecar.problem.clone().expect("a problem");
    assert!(problem.contains("t.notes.yaml:"), "{problem}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "bookmarks: [unclosed\n", "not written by reading");
    sidecar.notes.toggle_bookmark("x");
    let saved = sidecar.save(true).unwrap();
    assert_eq!(saved.backup, Some(dir.path().join("t.notes.yaml.bak")));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("t.notes.yaml.bak")).unwrap(),
        "bookmarks: [unclosed\n"
    );
    assert_eq!(parse(&std::fs::read_to_string(&path).unwrap()).unwrap().bookmarks(), ["x"]);
}

#[test]
fn a_backup_never_replaces_an_earlier_backup() {
    let dir = tempfile::tempdir().unwrap();
    let places = Places::new(Some(&dir.path().join("tl.yaml")), None);
    let path = dir.path().join("tl.notes.yaml");
    let bak = dir.path().join("tl.notes.yaml.bak");
    std::fs::write(&bak, "bookmarks: [older]\n").unwrap();
    // A dangling link is a name in use too.
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("tl.notes.yaml.bak.1")).unwrap();
    for (round, broken) in ["bookmarks: [first\n", "bookmarks: [second\n"].into_iter().enumerate() {
        std::fs::write(&path, broken).unwrap();
        let mut sidecar = Sidecar::read(places.clone());
        assert!(sidecar.problem.is_some());
        sidecar.notes.toggle_bookmark("b");
        let saved = sidecar.save(true).unwrap();
        let expected = dir.path().join(format!("tl.notes.yaml.bak.{}", round + 2));
        assert_eq!(saved.backup.as_ref(), Some(&expected), "round {round}");
        assert_eq!(std::fs::read_to_string(&expected).unwrap(), broken);
    }
    assert_eq!(std::fs::read_to_string(&bak).unwrap(), "bookmarks: [older]\n", "the oldest backup is intact");
}

#[test]
fn a_symlinked_sidecar_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let dotfiles = dir.path().join("dotfiles");
    std::fs::create_dir(&dotfiles).unwrap();
    let real = dotfiles.join("tl.notes.yaml");
    std::fs::write(&real, "bookmarks: [a]\n").unwrap();
    let link = dir.path().join("tl.notes.yaml");
    std::os::unix::fs::symlink("dotfiles/tl.notes.yaml", &link).unwrap();
    let mut sidecar = Sidecar::read(Places::new(Some(&dir.path().join("tl.yaml")), None));
    assert_eq!(sidecar.notes.bookmarks(), ["a"]);
    sidecar.notes.toggle_bookmark("b");
    sidecar.save(false).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
    assert_eq!(parse(&std::fs::read_to_string(&real).unwrap()).unwrap().bookmarks(), ["a", "b"]);
    let stray: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert_eq!(stray.len(), 2, "nothing else was written beside the link: {stray:?}");

    // A link to nothing is refused, never replaced by a regular file.
    let dangling = dir.path().join("other.notes.yaml");
    std::os::unix::fs::symlink("dotfiles/missing/other.notes.yaml", &dangling).unwrap();
    let err = write_atomically(&dangling, b"x").unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert!(std::fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
}

#[test]
fn annotations_go_on_their_events_and_missing_ones_are_listed() {
    let mut timeline = crate::model::load_builtin().unwrap();
    let first = timeline.events[0].id.clone();
    let mut notes = Notes::default();
    notes.set_annotation(&first, "mine");
    notes.set_annotation("gone-event", "kept");
    notes.toggle_bookmark("also-gone");
    notes.toggle_bookmark(&first);
    notes.annotate(&mut timeline);
    assert_eq!(timeline.events[0].annotation.as_deref(), Some("mine"));
    assert!(timeline.events[1..].iter().all(|e| e.annotation.is_none()));
    assert_eq!(notes.missing(&timeline), ["also-gone", "gone-event"]);
    notes.set_annotation(&first, "  \n");
    notes.annotate(&mut timeline);
    assert_eq!(timeline.events[0].annotation, None, "blank text removes the annotation");
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9-]{1,12}",
        any::<String>(),
        prop::sample::select(vec![
            "yes", "no", "null", "~", "1e3", "0x10", "- a", "a: b", "#", "'", "\"", "|"
        ])
        .prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn what_is_written_reads_back_the_same(
        bookmarks in prop::collection::vec(text(), 0..6),
        annotations in prop::collection::btree_map(text(), text(), 0..6),
    ) {
        let mut notes = Notes { version: 1, ..Notes::default() };
        for b in bookmarks.iter().filter(|b| !b.is_empty()) {
            if !notes.is_bookmarked(b) {
                notes.toggle_bookmark(b);
            }
        }
        for (k, v) in &annotations {
            notes.set_annotation(k, v);
        }
        let text = notes.to_yaml();
        let back = parse(&text);
        prop_assert_eq!(back.as_ref().ok(), Some(&notes), "{}", text);
    }

    #[test]
    fn any_bytes_give_notes_or_a_located_error(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Err(LoadError::Invalid(d)) = Notes::parse("t.notes.yaml", bytes) {
            prop_assert!(!d.items.is_empty());
        }
    }

    /// Escape sequences, C1 controls and bidi overrides in a sidecar (raw, or as YAML escapes):
    /// its errors quote them escaped, and what is written back holds none of them raw.
    #[test]
    fn escapes_in_a_sidecar_never_come_out_raw(
        pieces in prop::collection::vec(prop::sample::select(vec![
            "bookmarks: [", "annotations:\n  ", "a", ": ", "\"\\e[31m\"", "\u{1b}]0;t\u{7}", "\u{9b}2J",
            "\u{202e}", "\"\\u202e\"", "]", "\n", "- ", "{", "}", ", ", "version: 2\n",
        ]), 0..16),
    ) {
        let text: String = pieces.concat();
        match parse(&text) {
            Ok(notes) => {
                let written = notes.to_yaml();
                prop_assert!(!written.chars().any(|c| c != '\n' && crate::text::is_unsafe(c)), "{:?}", written);
            }
            Err(e) => {
                let shown = e.to_string();
                prop_assert!(!shown.chars().any(|c| c != '\n' && crate::text::is_unsafe(c)), "{:?}", shown);
            }
        }
    }

    #[test]
    fn any_yamlish_text_gives_notes_or_a_located_error(text in "[a-z:\\[\\]{}, \n\"'&*!|>#-]{0,200}") {
        match parse(&text) {
            Ok(_) => {}
            Err(LoadError::Invalid(d)) => prop_assert!(d.items.iter().all(|i| i.line >= 1), "{:?}", d),
            Err(e) => prop_assert!(false, "{}", e),
        }
    }
}

#[test]
fn annotations_are_found_by_the_annotation_facet_and_by_text() {
    use crate::model::filter::Filter;
    use crate::model::index::Index;
    use crate::model::query::Query;
    let mut timeline = crate::model::load_builtin().unwrap();
    let last = timeline.events.len() - 1;
    let mut notes = Notes::default();
    notes.set_annotation(&key_of(&timeline, last), "Ask Łukasz about the Zebracrossing memo");
    notes.annotate(&mut timeline);
    let index = Index::new(&timeline);
    let shown = |q: &str, index: Option<&Index>| {
        Filter::new(&timeline, &Query::parse(q).unwrap(), &timeline.zone).unwrap().apply(&timeline, index)
    };
    for index in [None, Some(&index)] {
        assert_eq!(shown("annotation:zebracrossing", index), [last]);
        assert_eq!(shown("annotation:\"lukasz memo\"", index), [last], "folded, every word");
        assert_eq!(shown("annotation:*", index), [last]);
        assert_eq!(shown("-annotation:*", index).len(), timeline.events.len() - 1);
        assert!(shown("annotation:hotline", index).is_empty(), "only the annotation is searched");
        assert_eq!(shown("zebracrossing", index), [last], "bare words find annotation text");
    }
    // The index holds no annotations; the annotated events' search puts their hits in.
    use crate::model::search::{AnnotatedSearch, SearchIndex, SearchQuery};
    let all: Vec<usize> = (0..timeline.events.len()).collect();
    let query = SearchQuery::new("zebracross");
    let hits = SearchIndex::new(&timeline).search(&all, &query);
    assert!(hits.is_empty(), "not in the index");
    let hits = AnnotatedSearch::new(&timeline).merge(&all, &query, hits);
    assert_eq!(hits.iter().map(|h| h.event).collect::<Vec<_>>(), [last]);
    let hotline = SearchQuery::new("hotline");
    let plain = SearchIndex::new(&timeline).search(&all, &hotline);
    assert!(!plain.is_empty());
    assert_eq!(
        AnnotatedSearch::new(&timeline).merge(&all, &hotline, plain.clone()),
        plain,
        "others unchanged"
    );
}

/// Several files read as one share one sidecar for the set, found again whatever the order
/// the files are given in; an id the files share is filed under its qualified name, and each
/// key finds its own event back.
#[test]
fn several_files_share_one_sidecar_keyed_by_qualified_ids() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/multi/pair");
    let (cyber, trade) = (root.join("cyber.yaml"), root.join("trade.yaml"));
    let data = Some(PathBuf::from("/data"));
    let forwards = Places::for_set(&[cyber.clone(), trade.clone()], data.clone());
    let backwards = Places::for_set(&[trade.clone(), cyber.clone()], data.clone());
    assert_eq!(forwards, backwards, "the same set, whatever the order");
    assert_eq!(forwards.beside, None, "no one file's directory holds the set's notes");
    let alone = Places::for_set(std::slice::from_ref(&cyber), data.clone());
    assert_ne!(forwards.data, alone.data, "another set, another sidecar");
    assert!(forwards.data.unwrap().starts_with("/data/timeline-explorer"));

    let timeline = crate::model::multi::load_all(&[cyber, trade], false).unwrap().timeline;
    let keys: Vec<String> = (0..timeline.events.len()).map(|e| key_of(&timeline, e)).collect();
    assert!(
        keys.contains(&"cyber#talks".to_string()) && keys.contains(&"trade#talks".to_string()),
        "{keys:?}"
    );
    assert!(keys.contains(&"hotline".to_string()), "an id only one file uses stays plain: {keys:?}");
    for (event, key) in keys.iter().enumerate() {
        assert_eq!(event_of(&timeline, key), Some(event), "{key}");
    }
    assert_eq!(event_of(&timeline, "talks"), None, "a bare shared id names no one event");
}

#[test]
fn notes_follow_an_event_through_a_rename() {
    let old = crate::model::load_str(
        "t",
        "title: t\nevents:\n  - {id: a, title: Cyber talks, date: 2016-12-07}\n  - {id: b, title: Trade, date: 2016-01-01}\n  - {id: c, title: Gone, date: 2015-01-01}\n",
    )
    .unwrap();
    let new = crate::model::load_str(
        "t",
        "title: t\nevents:\n  - {id: a-2016, title: Cyber talks, date: 2016-12-07}\n  - {id: b2, title: Trade, date: 2016-01-01}\n",
    )
    .unwrap();
    let mut notes = Notes::default();
    notes.toggle_bookmark("x");
    notes.toggle_bookmark("a");
    notes.set_annotation("a", "walrus");
    notes.set_annotation("c", "kept");
    notes.set_annotation("b", "old note");
    notes.set_annotation("b2", "already here");
    let moved = notes.follow_renames(&old, &new);
    assert_eq!(moved, [("a".to_string(), "a-2016".to_string())]);
    assert_eq!(notes.bookmarks, ["x", "a-2016"], "the bookmark keeps its place");
    assert!(notes.is_bookmarked("a-2016") && !notes.is_bookmarked("a"), "the set follows the list");
    assert_eq!(notes.annotation("a-2016"), Some("walrus"));
    assert_eq!(notes.annotation("c"), Some("kept"), "a removed event's note stays, listed as missing");
    assert_eq!(notes.annotation("b"), Some("old note"), "a note under the new id is not overwritten");
    assert_eq!(notes.annotation("b2"), Some("already here"));
    // Nothing missing: nothing compared, nothing moved.
    assert!(notes.clone().follow_renames(&new, &new).iter().all(|(from, _)| from == "b"));
}
