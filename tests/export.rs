//! Exports read back by real readers: serde_json, the csv crate, icalendar's parser.

use std::collections::HashSet;
use timeline_explorer::cli::select;
use timeline_explorer::export::{self, Format, Options};
use timeline_explorer::model::query::Query;
use timeline_explorer::model::{self, Timeline};

fn builtin() -> Timeline {
    model::load_builtin().unwrap()
}

fn fixed_time() -> Options {
    Options { generated: chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap() }
}

fn all(t: &Timeline) -> Vec<usize> {
    (0..t.events.len()).collect()
}

fn fixture(name: &str) -> Timeline {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good").join(name);
    model::load_file(&path).unwrap()
}

#[test]
fn json_loads_back_unchanged() {
    for t in [builtin(), fixture("full.yaml"), fixture("hostile-text.yaml"), fixture("minimal.yaml")] {
        let first = export::export(&t, &all(&t), Format::Json, &fixed_time());
        let reloaded = model::load_str("export.json", &first).unwrap_or_else(|e| panic!("{e}\n{first}"));
        let second = export::export(&reloaded, &all(&reloaded), Format::Json, &fixed_time());
        assert_eq!(first, second, "json → load → json changed");
        assert_eq!(reloaded.events.len(), t.events.len());
        assert_eq!(reloaded.people, t.people);
        assert_eq!(reloaded.agencies, t.agencies);
        for (a, b) in reloaded.events.iter().zip(&t.events) {
            assert_eq!(a.id, b.id);
            assert_eq!(a.date, b.date);
            assert_eq!(a.quotes, b.quotes);
            assert_eq!(a.extensions, b.extensions);
        }
    }
}

#[test]
fn json_of_a_subset_keeps_only_links_it_can_resolve() {
    let t = builtin();
    let chosen = select(&t, &Query::parse("tag:dialogue").unwrap()).unwrap();
    let text = export::export(&t, &chosen, Format::Json, &fixed_time());
    let reloaded = model::load_str("subset.json", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reloaded.events.len(), chosen.len());
}

#[test]
fn csv_reads_back_one_row_per_listed_event() {
    let t = builtin();
    for q in ["", "country:PE", "agency:doj", "-tag:background"] {
        let chosen = select(&t, &Query::parse(q).unwrap()).unwrap();
        let text = export::export(&t, &chosen, Format::Csv, &fixed_time());
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(
            headers,
            [
                "id",
                "title",
                "date",
                "start",
                "end",
                "status",
                "countries",
                "agencies",
                "people",
                "tags",
                "place",
                "summary",
                "annotation"
            ]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let ids: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
        let expected: Vec<&str> = chosen.iter().map(|&i| t.events[i].id.as_str()).collect();
        assert_eq!(ids, expected, "query {q:?}");
        for (row, &i) in rows.iter().zip(&chosen) {
            assert_eq!(row.get(3).unwrap(), t.events[i].date.first_day().to_string());
            assert_eq!(row.get(4).unwrap(), t.events[i].date.last_day().to_string());
            let summary =
                timeline_explorer::text::reflow(t.events[i].summary.as_deref().unwrap_or("").trim_end());
            assert_eq!(row.get(11).unwrap(), summary, "the summary, its source line breaks joined");
        }
    }
}

#[test]
fn ics_is_valid_rfc_5545() {
    let t = builtin();
    let text = export::export(&t, &all(&t), Format::Ics, &fixed_time());
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
        assert!(!line.contains('\n') && !line.contains('\r'), "bare line break");
    }
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a calendar parser reads it");
    let root = &calendar.properties;
    assert!(root.iter().any(|p| p.name == "VERSION" && p.val.as_str() == "2.0"));
    assert!(root.iter().any(|p| p.name == "PRODID"));
    let events: Vec<_> = calendar.components.iter().filter(|c| c.name == "VEVENT").collect();
    assert_eq!(events.len(), t.events.len());
    let mut uids = HashSet::new();
    for (component, event) in events.iter().zip(&t.events) {
        let prop = |name: &str| component.properties.iter().find(|p| p.name == name);
        assert!(uids.insert(prop("UID").unwrap().val.to_string()), "UIDs are unique");
        assert!(prop("DTSTAMP").is_some());
        let start = prop("DTSTART").unwrap();
        assert!(start
            .params
            .iter()
            .any(|p| p.key == "VALUE" && p.val.as_ref().map(|v| v.as_str()) == Some("DATE")));
        assert_eq!(start.val.as_str(), event.date.first_day().format("%Y%m%d").to_string());
        let end = prop("DTEND").unwrap();
        let exclusive = event.date.last_day().succ_opt().unwrap();
        assert_eq!(end.val.as_str(), exclusive.format("%Y%m%d").to_string(), "exclusive end");
        let status = prop("STATUS").unwrap().val.to_string();
        let expected = if event.status == model::Status::Planned { "TENTATIVE" } else { "CONFIRMED" };
        assert_eq!(status, expected, "{}", event.id);
        assert_eq!(
            prop("SUMMARY").unwrap().val.to_string().replace("\\,", ",").replace("\\;", ";"),
            event.title
        );
    }
    // Same data, same UIDs: calendar apps update rather than duplicate.
    let again = export::export(&t, &all(&t), Format::Ics, &fixed_time());
    assert_eq!(text, again);
}

#[test]
fn ics_escapes_hostile_text() {
    let t = fixture("hostile-text.yaml");
    let text = export::export(&t, &all(&t), Format::Ics, &fixed_time());
    assert!(!text.chars().any(|c| c.is_control() && c != '\r' && c != '\n'));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
    }
    icalendar::parser::read_calendar(&icalendar::parser::unfold(&text)).expect("parses");
}

#[test]
fn timelinejs_has_a_title_and_every_event_at_its_precision() {
    let t = builtin();
    let value: serde_json::Value =
        serde_json::from_str(&export::export(&t, &all(&t), Format::Timelinejs, &fixed_time())).unwrap();
    assert!(value["title"]["text"]["headline"].as_str().unwrap().starts_with("China–U.S."));
    let events = value["events"].as_array().unwrap();
    assert_eq!(events.len(), t.events.len());
    for (slide, event) in events.iter().zip(&t.events) {
        let start = &slide["start_date"];
        assert_eq!(start["year"], event.date.start.year.to_string());
        assert_eq!(start.get("month").is_some(), event.date.start.month.is_some());
        assert_eq!(start.get("day").is_some(), event.date.start.day.is_some());
        assert_eq!(slide.get("end_date").is_some(), event.date.end.is_some());
        assert_eq!(slide["text"]["headline"], event.title.replace('&', "&amp;"));
        assert!(slide["group"].is_string());
    }
}

#[test]
fn markwhen_has_one_dated_line_per_event() {
    let t = builtin();
    let text = export::export(&t, &all(&t), Format::Markwhen, &fixed_time());
    assert!(text.starts_with("---\ntitle: "));
    let dated: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.split(':').next().is_some_and(|d| {
                d.starts_with(|c: char| c.is_ascii_digit())
                    && d.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '/')
            })
        })
        .collect();
    assert_eq!(dated.len(), t.events.len(), "{text}");
    assert!(dated.iter().any(|l| l.starts_with("2016-12-07/2016-12-08: Third round")));
    assert!(dated.iter().any(|l| l.starts_with("2017: Planned fourth round")));
    assert_eq!(text.matches("\ngroup ").count(), text.matches("\nendGroup").count());
    insta::assert_snapshot!("markwhen_builtin", text);
}

#[test]
fn markdown_report_groups_by_year() {
    let t = builtin();
    let text = export::export(&t, &all(&t), Format::Markdown, &fixed_time());
    for year in ["## 2014", "## 2015", "## 2016", "## 2017"] {
        assert!(text.contains(year), "{year}");
    }
    assert_eq!(text.matches("\n### ").count(), t.events.len());
    insta::assert_snapshot!("markdown_builtin", text);
}

#[test]
fn every_format_matches_list_under_the_same_filter() {
    let t = builtin();
    let chosen = select(&t, &Query::parse("country:US -tag:background").unwrap()).unwrap();
    let n = chosen.len();
    assert!(n > 0 && n < t.events.len());
    let json: serde_json::Value =
        serde_json::from_str(&export::export(&t, &chosen, Format::Json, &fixed_time())).unwrap();
    assert_eq!(json["events"].as_array().unwrap().len(), n);
    let csv_text = export::export(&t, &chosen, Format::Csv, &fixed_time());
    assert_eq!(csv::Reader::from_reader(csv_text.as_bytes()).records().count(), n);
    let ics = export::export(&t, &chosen, Format::Ics, &fixed_time());
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), n);
    let tl: serde_json::Value =
        serde_json::from_str(&export::export(&t, &chosen, Format::Timelinejs, &fixed_time())).unwrap();
    assert_eq!(tl["events"].as_array().unwrap().len(), n);
    let md = export::export(&t, &chosen, Format::Markdown, &fixed_time());
    assert_eq!(md.matches("\n### ").count(), n);
}

#[test]
fn atomic_write_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.ics");
    export::write_atomically(&target, b"complete").unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"complete");
    export::write_atomically(&target, b"replaced").unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"replaced");
    let missing_dir = dir.path().join("no/such/dir/out.ics");
    assert!(export::write_atomically(&missing_dir, b"x").is_err());
    let err = export::write_atomically(dir.path(), b"x").unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::IsADirectory);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("out.ics")], "no temporary files left");
    if std::path::Path::new("/dev/full").exists() {
        assert!(
            export::write_atomically(std::path::Path::new("/dev/full"), b"x").is_err(),
            "a full disk is an error"
        );
    }
}

#[test]
fn default_file_names_are_short_and_whole_words() {
    let t = builtin();
    assert_eq!(export::default_file_name(&t, Format::Ics), "china-u-s-high-level-joint-dialogue-on.ics");
    assert_eq!(export::default_file_name(&fixture("minimal.yaml"), Format::Markdown), "minimal.md");
}
