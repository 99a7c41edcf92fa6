//! Any loadable timeline → every export: JSON parses (and the json export loads back), CSV
//! reads, ICS lines are at most 75 octets and end in CRLF.
#![no_main]
use libfuzzer_sys::fuzz_target;
use timeline_explorer::export::{self, Format, Options};
use timeline_explorer::model::loader;

fuzz_target!(|data: &[u8]| {
    let Ok(t) = loader::load_bytes("fuzz.yaml", data.to_vec()) else { return };
    let events: Vec<usize> = (0..t.events.len()).collect();
    let options = Options::default();
    let json = export::export(&t, &events, Format::Json, &options);
    serde_json::from_str::<serde_json::Value>(&json).expect("json parses");
    let again = loader::load_str("again.json", &json).expect("json export loads back");
    assert_eq!(export::export(&again, &events, Format::Json, &options), json);
    let tl = export::export(&t, &events, Format::Timelinejs, &options);
    serde_json::from_str::<serde_json::Value>(&tl).expect("timelinejs parses");
    let csv_text = export::export(&t, &events, Format::Csv, &options);
    let rows = csv::Reader::from_reader(csv_text.as_bytes()).records().map(|r| r.expect("csv row")).count();
    assert_eq!(rows, events.len());
    let ics = export::export(&t, &events, Format::Ics, &options);
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "ics line over 75 octets: {line:?}");
        assert!(!line.contains('\n'));
    }
    // No export in a format with escapes of its own carries a raw control, escape or bidi
    // character (CSV, iCalendar and markwhen carry them as data: `tests/import.rs`).
    for format in [Format::Json, Format::Timelinejs, Format::Markdown] {
        let out = export::export(&t, &events, format, &options);
        let bad = out.chars().find(|&c| timeline_explorer::text::is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t'));
        assert_eq!(bad, None, "{format:?}");
    }
});
