//! Bookmarks and annotations from outside: the sidecar survives `kill -9` mid-write, and
//! exports carry annotations readable by each format's own parser.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use timeline_explorer::model::notes::Notes;

use timeline_explorer::model::notes::write_atomically;

/// The two contents: a small one and a big one (so a kill often lands inside a write).
fn contents() -> [Notes; 2] {
    let mut old = Notes::new();
    old.toggle_bookmark("old");
    old.set_annotation("old", "the old content");
    let mut new = Notes::new();
    new.toggle_bookmark("new");
    for i in 0..300 {
        new.set_annotation(
            &format!("event-{i}"),
            &format!("line one of {i}\nline two, long: {}", "x".repeat(2_000)),
        );
    }
    [old, new]
}

/// The child the fault test kills: this test binary run again with only this test, which
/// rewrites the sidecar named in `NOTES_WRITER_PATH`, alternating the two texts in the files
/// `NOTES_WRITER_TEXTS` names (written once by the parent, so each child starts at once), forever.
#[test]
#[ignore = "run by a_kill_at_any_moment_leaves_the_old_or_the_new_sidecar as its child"]
fn notes_writer_child() {
    let (Some(path), Some(texts)) =
        (std::env::var_os("NOTES_WRITER_PATH"), std::env::var_os("NOTES_WRITER_TEXTS"))
    else {
        return;
    };
    let texts = ["old", "new"].map(|n| std::fs::read(PathBuf::from(&texts).join(n)).unwrap());
    println!("writing");
    for i in 0usize.. {
        write_atomically(std::path::Path::new(&path), &texts[(i + 1) % 2]).unwrap();
    }
}

/// A tiny deterministic generator, so a failure can be replayed from its seed.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn a_kill_at_any_moment_leaves_the_old_or_the_new_sidecar() {
    let binary: PathBuf = std::env::current_exe().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.notes.yaml");
    let [old, new] = contents();
    std::fs::write(&path, old.to_yaml()).unwrap();
    let texts = tempfile::tempdir().unwrap();
    std::fs::write(texts.path().join("old"), old.to_yaml()).unwrap();
    std::fs::write(texts.path().join("new"), new.to_yaml()).unwrap();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let (mut saw_old, mut saw_new) = (0, 0);
    for round in 0..150 {
        let mut child = Command::new(&binary)
            .args(["--exact", "notes_writer_child", "--ignored", "--nocapture", "--test-threads=1"])
            .env("NOTES_WRITER_PATH", &path)
            .env("NOTES_WRITER_TEXTS", texts.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until it is writing, then let it run a random while (0–15 ms) before SIGKILL.
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        assert!(lines.any(|l| l.is_ok_and(|l| l.contains("writing"))), "the child started writing");
        std::thread::sleep(std::time::Duration::from_micros(next(&mut seed) % 15_000));
        child.kill().unwrap();
        child.wait().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let read = Notes::parse("t.notes.yaml", bytes.clone())
            .unwrap_or_else(|e| panic!("round {round}: the sidecar does not parse after kill -9:\n{e}"));
        if read == old {
            saw_old += 1;
        } else if read == new {
            saw_new += 1;
        } else {
            panic!("round {round}: neither the old nor the new content ({} bytes)", bytes.len());
        }
    }
    // Both contents were seen, so the kills did land at different moments of the loop.
    assert!(saw_old > 0 && saw_new > 0, "old {saw_old}, new {saw_new}");
    // Temporary files of killed writers may be left (named `.t.notes.yaml.PID.tmp`); the
    // sidecar itself is never one of them.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name == "t.notes.yaml" || (name.starts_with(".t.notes.yaml.") && name.ends_with(".tmp")),
            "{name}"
        );
    }
}

/// A directory with `trade.yaml` (the built-in timeline) and its sidecar holding `notes`.
fn trade_with(notes: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let builtin = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/timeline.yaml")).unwrap();
    std::fs::write(dir.path().join("trade.yaml"), builtin).unwrap();
    std::fs::write(dir.path().join("trade.notes.yaml"), notes).unwrap();
    dir
}

fn cli(dir: &tempfile::TempDir, args: &[&str]) -> (String, String, i32) {
    let o = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"))
        .current_dir(dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CACHE_HOME", "/dev/null/no-cache")
        .args(["-f", "trade.yaml"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
        o.status.code().unwrap_or(-1),
    )
}

const ANNOTATED: &str =
    "annotations:\n  dialogue-round-3: \"Ask about the \\e[31mred\\e[0m memo;\\nsecond, line\"\n";

#[test]
fn exports_carry_the_annotation_as_each_reader_sees_it() {
    let dir = trade_with(ANNOTATED);
    // CSV: an `annotation` column, read by the csv crate.
    let (csv_text, _, code) = cli(&dir, &["export", "--format", "csv"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = header.iter().position(|h| h == "annotation").expect("an annotation column");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let id = header.iter().position(|h| h == "id").unwrap();
    let row = rows.iter().find(|r| &r[id] == "dialogue-round-3").unwrap();
    assert!(row[column].contains("red") && row[column].contains("memo"), "{:?}", &row[column]);
    assert!(row[column].contains("\u{1b}[31mred"), "into a pipe, the annotation as it was written");
    assert!(rows.iter().filter(|r| !r[column].is_empty()).count() == 1);
    // JSON: the timeline document, with the annotation as an extension; it loads back.
    let (json_text, _, _) = cli(&dir, &["export", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json_text).unwrap();
    let event = value["events"].as_array().unwrap().iter().find(|e| e["id"] == "dialogue-round-3").unwrap();
    assert!(event["x-annotation"].as_str().unwrap().contains("memo"));
    timeline_explorer::model::load_str("export.json", &json_text)
        .expect("the export still loads as a timeline");
    // `list --json` and `show --json` records: an `annotation` field.
    let (records, _, _) = cli(&dir, &["list", "--format", "json"]);
    let records: serde_json::Value = serde_json::from_str(&records).unwrap();
    let record = records.as_array().unwrap().iter().find(|r| r["id"] == "dialogue-round-3").unwrap();
    assert!(record["annotation"].as_str().unwrap().contains("memo"));
    // Markdown: a section of its own, apart from the timeline's notes.
    let (markdown, _, _) = cli(&dir, &["export", "--format", "markdown"]);
    let at = markdown.find("**Your annotation**").expect("a section");
    assert!(markdown[at..].contains("memo"), "{}", &markdown[at..at + 200]);
    // iCalendar: a paragraph of the DESCRIPTION, read by icalendar's parser.
    let (ics, _, _) = cli(&dir, &["export", "--format", "ics"]);
    let unfolded = icalendar::parser::unfold(&ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let descriptions: Vec<String> = calendar
        .components
        .iter()
        .flat_map(|c| c.properties.iter().filter(|p| p.name == "DESCRIPTION").map(|p| p.val.to_string()))
        .filter(|d| d.contains("Annotation:"))
        .collect();
    assert_eq!(descriptions.len(), 1, "{descriptions:?}");
    assert!(descriptions[0].contains("memo"));
    // `show` prints it in the detail.
    let (shown, _, _) = cli(&dir, &["show", "dialogue-round-3"]);
    assert!(shown.contains("Your annotation") && shown.contains("memo"), "{shown}");
    assert!(!shown.contains('\u{1b}'), "escapes from the sidecar are made visible, not sent");
}

#[test]
fn the_annotation_facet_works_on_the_command_line_and_a_bad_sidecar_only_warns() {
    let dir = trade_with(ANNOTATED);
    let (out, _, code) = cli(&dir, &["list", "--format", "json", "annotation:memo"]);
    assert_eq!(code, 0);
    let records: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(records.as_array().unwrap().len(), 1);
    let bad = trade_with("annotations: [unclosed\n");
    let (out, err, code) = cli(&bad, &["list"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.is_empty());
    assert!(err.contains("warning: bookmarks and annotations could not be read: trade.notes.yaml:"), "{err}");
    assert_eq!(
        std::fs::read_to_string(bad.path().join("trade.notes.yaml")).unwrap(),
        "annotations: [unclosed\n"
    );
    let (_, err, code) = cli(&bad, &["list", "annotation:x"]);
    assert_eq!(code, 0, "no annotations is no match, not an error: {err}");
}
