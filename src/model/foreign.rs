//! What in a timeline directory is not a timeline: another tool's document (a TimelineJS export
//! the explorer's `e` wrote there), told by a cheap and certain test so that the directory
//! reader skips it with a note instead of failing the whole directory on it; and the note that
//! files read together share event ids (a JSON export of a file beside the file itself).

use super::loader::{self, Reading};
use super::Timeline;
use std::collections::BTreeSet;
use std::path::Path;

/// What `path` is when it is certainly another tool's document, not a timeline: a `.json` file
/// whose events all have TimelineJS's `start_date`. The loader refuses `start_date` in an event
/// (an unknown key), so no file that would load is ever taken for one.
pub fn other_format(path: &Path) -> Option<&'static str> {
    if !path.extension().is_some_and(|x| x.eq_ignore_ascii_case("json")) {
        return None;
    }
    let bytes = loader::read_bounded(path, loader::MAX_FILE_BYTES, Reading::Found).ok()?;
    // The cheap part first: the key written with its quotes, which a timeline never has.
    if !bytes.windows(12).any(|w| w == b"\"start_date\"") {
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let events = value.get("events")?.as_array()?;
    let timelinejs = !events.is_empty() && events.iter().all(|e| e.get("start_date").is_some());
    timelinejs.then_some("a TimelineJS document (the explorer's or `export`'s), not a timeline")
}

/// A note when files read together use the same event ids: how many, in which files, and how
/// they are told apart. None for one file, or ids all apart.
pub fn shared_ids_note(timeline: &Timeline) -> Option<String> {
    if timeline.shared_ids.is_empty() || !timeline.is_several_files() {
        return None;
    }
    let files: BTreeSet<&str> = timeline
        .events
        .iter()
        .filter(|e| timeline.shared_ids.contains(&e.id))
        .map(|e| timeline.files[e.file].name.as_str())
        .collect();
    let n = timeline.shared_ids.len();
    let example = timeline.shared_ids.iter().min().map(String::as_str).unwrap_or_default();
    let names: Vec<String> = files.iter().map(|f| crate::text::escape(f)).collect();
    Some(format!(
        "{n} event id{} used in more than one file ({}): each is named stem#id (`{}`), never merged",
        if n == 1 { " is" } else { "s are" },
        names.join(", "),
        crate::text::escape(example),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timelinejs_export_is_another_format_and_a_timeline_never_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = |n: &str| dir.path().join(n);
        let t =
            crate::model::load_str("t.yaml", "title: T\nevents:\n  - {id: a, title: A, date: 2016-01-02}\n")
                .unwrap();
        let tljs = crate::export::export(&t, &[0], crate::export::Format::Timelinejs, &Default::default());
        std::fs::write(path("t.timelinejs.json"), &tljs).unwrap();
        assert!(other_format(&path("t.timelinejs.json")).is_some());
        // Renamed, it is still one.
        std::fs::write(path("slides.json"), &tljs).unwrap();
        assert!(other_format(&path("slides.json")).is_some());
        // Our JSON export is a timeline; so is one whose extension data says `start_date`.
        let json = crate::export::export(&t, &[0], crate::export::Format::Json, &Default::default());
        std::fs::write(path("t.json"), &json).unwrap();
        assert_eq!(other_format(&path("t.json")), None);
        let ours = r#"{"title": "T", "events": [{"id": "a", "title": "A", "date": "2016", "x-s": {"start_date": 1}}]}"#;
        std::fs::write(path("x.json"), ours).unwrap();
        assert!(crate::model::load_file(&path("x.json")).is_ok());
        assert_eq!(other_format(&path("x.json")), None);
        // Not JSON by name: never looked at.
        std::fs::write(path("t.yaml"), &tljs).unwrap();
        assert_eq!(other_format(&path("t.yaml")), None);
    }

    #[test]
    fn files_sharing_ids_are_said() {
        let a =
            crate::model::load_str("live/a.yaml", "title: T\nevents:\n  - {id: x, title: X, date: 2016}\n")
                .unwrap();
        let b = crate::model::load_str(
            "live/a-export.json",
            "title: T\nevents:\n  - {id: x, title: X, date: 2016}\n",
        )
        .unwrap();
        let merged = crate::model::multi::merge(vec![a.clone(), b]).timeline;
        assert_eq!(
            shared_ids_note(&merged).as_deref(),
            Some("1 event id is used in more than one file (live/a-export.json, live/a.yaml): each is named stem#id (`x`), never merged")
        );
        assert_eq!(shared_ids_note(&a), None);
    }
}
