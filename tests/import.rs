//! Imports: every export read back by `import` gives the same events (property-tested on
//! generated timelines), bad input gives located errors and exit 1, hostile text stays escaped,
//! and no input makes an importer panic.

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use timeline_explorer::export::{self, Options};
use timeline_explorer::import::{self, Format};
use timeline_explorer::model::{self, Timeline};

fn fixed_time() -> Options {
    Options { generated: chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap() }
}

/// The export format that goes with an import format.
fn export_format(format: Format) -> export::Format {
    match format {
        Format::Markwhen => export::Format::Markwhen,
        Format::Timelinejs => export::Format::Timelinejs,
        Format::Ics => export::Format::Ics,
        Format::Csv => export::Format::Csv,
        Format::Json => export::Format::Json,
    }
}

/// Exports every event of `t` as `format`, imports the text, and loads what the import wrote.
fn round_trip(t: &Timeline, format: Format) -> Result<Timeline, String> {
    let events: Vec<usize> = (0..t.events.len()).collect();
    let text = export::export(t, &events, export_format(format), &fixed_time());
    let imported =
        import::import("export", &text, format).map_err(|d| format!("{d}\n--- export:\n{text}"))?;
    assert!(imported.yaml.starts_with(import::SCHEMA_LINE), "the schema line first");
    model::load_str("imported.yaml", &imported.yaml).map_err(|e| format!("{e}\n--- yaml:\n{}", imported.yaml))
}

/// What a round trip keeps of an event, compared by id: its title, its instants (UTC), its own
/// zone, precision, circa and uncertain marks, status and tags; and the ids of its countries,
/// agencies and people, and of who acted (`by`), where the format carries them (not iCalendar).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Kept {
    id: String,
    title: String,
    start_utc: i64,
    end_utc: i64,
    zone: Option<String>,
    precision: &'static str,
    approximate: bool,
    uncertain: bool,
    status: &'static str,
    tags: Vec<String>,
    lists: Option<[Vec<String>; 4]>,
}

fn essentials(t: &Timeline, format: Format, keep: impl Fn(&model::Event) -> bool) -> Vec<Kept> {
    let mut out: Vec<_> = t
        .events
        .iter()
        .filter(|e| keep(e))
        .map(|e| Kept {
            id: e.id.clone(),
            title: e.title.clone(),
            start_utc: e.date.start_instant(),
            end_utc: e.date.end_instant(),
            zone: e.zone.map(|z| z.name()),
            precision: e.date.precision().as_str(),
            approximate: e.date.approximate,
            uncertain: e.date.uncertain,
            status: e.status.as_str(),
            tags: e.tags.clone(),
            lists: (format != Format::Ics).then(|| {
                [
                    e.countries.iter().map(|&c| t.countries[c].id.clone()).collect(),
                    e.agencies.iter().map(|&a| t.agencies[a].id.clone()).collect(),
                    e.people.iter().map(|p| t.people[p.person].id.clone()).collect(),
                    e.by.iter().map(|&a| t.actor_id(a).to_string()).collect(),
                ]
            }),
        })
        .collect();
    out.sort();
    out
}

/// Which events a format can carry: iCalendar holds the years 0000–9999 only.
fn carried(format: Format, e: &model::Event) -> bool {
    use chrono::Datelike;
    match format {
        Format::Ics => e.date.first_day().year() >= 0 && e.date.last_day().year() <= 9998,
        _ => true,
    }
}

fn fixture(path: &str) -> Timeline {
    model::load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)).unwrap()
}

#[test]
fn every_export_imports_back_to_the_same_events() {
    for t in [model::load_builtin().unwrap(), fixture("exports/tricky.yaml"), fixture("good/full.yaml")] {
        for format in Format::ALL {
            let back = round_trip(&t, format).unwrap_or_else(|e| panic!("{}: {e}", format.name()));
            let kept = |e: &model::Event| t.event_index(&e.id).is_some_and(|i| carried(format, &t.events[i]));
            assert_eq!(
                essentials(&back, format, kept),
                essentials(&t, format, |e| carried(format, e)),
                "{} of {}",
                format.name(),
                t.title
            );
            assert_eq!(back.zone, t.zone, "{}: the timeline's zone", format.name());
            // A CSV file has rows of events and no title.
            if format != Format::Csv {
                assert_eq!(back.title, t.title.trim(), "{}", format.name());
            }
        }
    }
}

#[test]
fn markwhen_sections_come_back_as_countries_and_own_lists_as_they_were() {
    let t = fixture("exports/tricky.yaml");
    let back = round_trip(&t, Format::Markwhen).unwrap();
    let ides = &back.events[back.event_index("ides").unwrap()];
    // The section (Italy, where it took place) is a country of the timeline; the event's own
    // list, empty, comes back as it was (the export's `countries` property), not as the section.
    assert!(ides.countries.is_empty(), "{:?}", ides.countries);
    assert_eq!(back.countries.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Italy", "Japan #1"]);
    assert_eq!(back.zone.name(), "Europe/Berlin", "the header's timezone");
    // The summary, its paragraphs and the text markwhen would have read as syntax.
    let sputnik = &back.events[back.event_index("sputnik").unwrap()];
    assert!(sputnik.summary.as_deref().unwrap().starts_with("1957-10-04: a date at the start"));
    assert!(sputnik.summary.as_deref().unwrap().contains("See #hashtag and !bang."));
}

#[test]
fn csv_and_ics_carry_sources_status_and_summaries() {
    let t = model::load_builtin().unwrap();
    for format in [Format::Csv, Format::Ics] {
        let back = round_trip(&t, format).unwrap();
        for e in &t.events {
            let b = &back.events[back.event_index(&e.id).unwrap()];
            assert_eq!(b.status, e.status, "{} {}", format.name(), e.id);
            let first_url = e.sources.iter().find_map(|s| s.url.as_deref());
            let url = b.sources.first().and_then(|s| s.url.as_deref());
            match format {
                // The CSV's url column is the first URL as written; iCalendar's only an http(s) one.
                Format::Csv => assert_eq!(url, first_url, "{}", e.id),
                _ => assert_eq!(url.map(String::from), first_url.and_then(export::http_uri), "{}", e.id),
            }
            let reflowed = e.summary.as_deref().map(|s| timeline_explorer::text::reflow(s.trim_end()));
            if format == Format::Csv {
                assert_eq!(b.summary, reflowed, "{}", e.id);
            } else if let Some(summary) = reflowed {
                assert!(b.summary.as_deref().unwrap_or_default().starts_with(&summary), "{}", e.id);
            }
        }
    }
}

// Generated timelines.

fn title() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z]{1,8}",
        Just("#tag".to_string()),
        Just("!bang".to_string()),
        Just("[x](location)".to_string()),
        Just("C#".to_string()),
        Just("#team-alpha".to_string()),
        Just("#v2.0".to_string()),
        Just("#Ümlaut".to_string()),
        Just("#5-x #5".to_string()),
        Just("a: b".to_string()),
        Just("2016-05-01:".to_string()),
        Just("&amp; <i>".to_string()),
        Just("北京".to_string()),
        Just("x;y,z".to_string()),
        Just("\"quoted\"".to_string()),
        Just("(circa)".to_string()),
        Just("// not a comment".to_string()),
    ];
    proptest::collection::vec(piece, 1..5).prop_map(|p| p.join(" "))
}

fn tag() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,6}",
        Just("tag-27".into()),
        Just("team-alpha".into()),
        Just("v2.0".into()),
        Just("tag_27".into()),
        Just("日本語".into()),
        Just("two words".into()),
        Just("2016".into()),
        Just("a,b".into())
    ]
}

/// A date in the written form: a year, month or day (a day maybe with a time), maybe a range,
/// maybe circa or uncertain; years from 500 BCE.
fn date() -> impl Strategy<Value = String> {
    let point = (-499i32..2100, 0usize..4, 1u32..13, 1u32..29, 0u32..24, 0u32..60);
    (
        point.clone(),
        proptest::option::of((0i32..30, 0usize..3, 1u32..13, 1u32..29)),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|((year, precision, month, day, hour, minute), end, approximate, uncertain)| {
            let y = |year: i32| if year < 0 { format!("-{:04}", -year) } else { format!("{year:04}") };
            let start = match precision {
                0 => y(year),
                1 => format!("{}-{month:02}", y(year)),
                2 => format!("{}-{month:02}-{day:02}", y(year)),
                _ => format!("{}-{month:02}-{day:02}T{hour:02}:{minute:02}Z", y(year)),
            };
            let mut out = String::new();
            if approximate {
                out.push('~');
            }
            out.push_str(&start);
            if let Some((years, p, m, d)) = end.filter(|_| precision < 3) {
                let year = year + years + 1;
                out.push_str("..");
                out.push_str(&match p {
                    0 => y(year),
                    1 => format!("{}-{m:02}", y(year)),
                    _ => format!("{}-{m:02}-{d:02}", y(year)),
                });
            }
            if uncertain {
                out.push('?');
            }
            out
        })
}

fn summary() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(proptest::collection::vec(
        prop_oneof![
            "[A-Za-z ,.;:]{1,30}",
            Just("2016-05-01: looks like a date".into()),
            Just("# heading".into()),
            Just("key: value".into()),
            Just("#hashtag".into())
        ],
        1..4,
    ))
    .prop_map(|lines| {
        lines.map(|l| {
            l.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n\n")
        })
    })
    .prop_map(|s| s.filter(|s| !s.is_empty()))
}

/// A date with a time of day read in the event's or the timeline's zone, a range across a
/// change of the clocks, or a date of the other generator.
fn any_date() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => date(),
        1 => (1900i32..2030, 1u32..13, 1u32..29, 0u32..24, 0u32..60)
            .prop_map(|(y, m, d, h, min)| format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}")),
        1 => Just("2016-03-13T01:30..2016-03-13T03:30".to_string()),
        1 => Just("2016-11-06T00:30..2016-11-06T03:15".to_string()),
        1 => Just("2016-10-30T00:30..2016-10-30T04:00Z".to_string()),
    ]
}

/// The zones a generated timeline (none is UTC) and its events may have.
const ZONES: [&str; 5] = ["America/New_York", "Europe/Moscow", "America/Havana", "+05:30", "Asia/Shanghai"];
const COUNTRIES: [&str; 3] = ["CU", "US", "SU"];
const AGENCIES: [&str; 2] = ["cia", "kgb"];
const PEOPLE: [&str; 2] = ["jfk", "nk"];

type GeneratedEvent = (
    String,
    String,
    std::collections::BTreeSet<String>,
    Option<String>,
    Option<usize>,
    usize,
    Vec<usize>,
    u8,
);

fn event() -> impl Strategy<Value = GeneratedEvent> {
    (
        title(),
        any_date(),
        proptest::collection::btree_set(tag(), 0..4),
        summary(),
        proptest::option::of(0usize..ZONES.len()),
        0usize..3,
        proptest::collection::vec(0usize..7, 0..4),
        // Which of the event's countries, agencies and people acted (`by:`), one bit each.
        any::<u8>(),
    )
}

fn timeline() -> impl Strategy<Value = String> {
    (proptest::option::of(0usize..ZONES.len()), proptest::collection::vec(event(), 1..6))
    .prop_map(|(zone, events)| {
        let q = |s: &str| serde_json::to_string(s).unwrap();
        let mut yaml = String::from("title: Generated\n");
        if let Some(z) = zone {
            yaml.push_str(&format!("timezone: {}\n", q(ZONES[z])));
        }
        yaml.push_str("countries: [{id: CU, name: Cuba}, {id: US, name: United States}, {id: SU, name: Soviet Union}]\n");
        yaml.push_str("agencies: [{id: cia, name: CIA}, {id: kgb, name: KGB}]\n");
        yaml.push_str("people: [{id: jfk, name: John F. Kennedy}, {id: nk, name: Nikita Khrushchev}]\n");
        yaml.push_str("events:\n");
        for (i, (title, date, tags, summary, own_zone, status, entities, acted)) in events.iter().enumerate() {
            yaml.push_str(&format!("  - id: e{i}\n    title: {}\n    date: {}\n", q(title.trim()), q(date)));
            if let Some(z) = own_zone {
                yaml.push_str(&format!("    timezone: {}\n", q(ZONES[*z])));
            }
            yaml.push_str(&format!("    status: {}\n", ["happened", "planned", "cancelled"][*status]));
            let mut entities = entities.clone();
            entities.sort_unstable();
            entities.dedup();
            let pick = |range: std::ops::Range<usize>, names: &[&str]| -> Vec<String> {
                entities.iter().filter(|&&n| range.contains(&n)).map(|&n| names[n - range.start].to_string()).collect()
            };
            let lists = [("countries", pick(0..3, &COUNTRIES)), ("agencies", pick(3..5, &AGENCIES)), ("people", pick(5..7, &PEOPLE))];
            for (key, list) in &lists {
                if !list.is_empty() {
                    yaml.push_str(&format!("    {key}: [{}]\n", list.join(", ")));
                }
            }
            let listed: Vec<&String> = lists.iter().flat_map(|(_, list)| list).collect();
            let by: Vec<&str> =
                listed.iter().enumerate().filter(|(n, _)| acted & (1 << n) != 0).map(|(_, id)| id.as_str()).collect();
            if !by.is_empty() {
                yaml.push_str(&format!("    by: [{}]\n", by.join(", ")));
            }
            if !tags.is_empty() {
                let tags: Vec<String> = tags.iter().map(|t| q(t)).collect();
                yaml.push_str(&format!("    tags: [{}]\n", tags.join(", ")));
            }
            if let Some(s) = summary {
                yaml.push_str(&format!("    summary: {}\n", q(s)));
            }
        }
        yaml
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Export, then import, for every format: the same ids, titles, instants, zones,
    /// precision, marks, status, tags and (where carried) countries, agencies and people.
    #[test]
    fn export_then_import_gives_back_the_same_events(yaml in timeline()) {
        let t = match model::load_str("generated.yaml", &yaml) {
            Ok(t) => t,
            // A generated range can end before it starts; such a timeline is not one.
            Err(_) => return Ok(()),
        };
        for format in Format::ALL {
            // A calendar of no events (all outside 0000–9999) is refused at import, rightly.
            if !t.events.iter().any(|e| carried(format, e)) {
                continue;
            }
            let back = round_trip(&t, format).map_err(|e| TestCaseError::fail(format!("{}: {e}", format.name())))?;
            let kept = |e: &model::Event| t.event_index(&e.id).is_some_and(|i| carried(format, &t.events[i]));
            prop_assert_eq!(back.events.len(), t.events.iter().filter(|e| format != Format::Ics || carried(format, e)).count());
            prop_assert_eq!(essentials(&back, format, kept), essentials(&t, format, |e| carried(format, e)), "{}", format.name());
            prop_assert_eq!(back.zone, t.zone, "{}: the timeline's zone", format.name());
        }
    }

    /// No text makes an importer panic; every error it reports points into the file; every
    /// import it makes is a file `check` accepts.
    #[test]
    fn importers_never_panic_and_locate_their_errors(
        start in prop_oneof![Just(""), Just("---\ntitle: x\n---\n"), Just("BEGIN:VCALENDAR\r\n"), Just("{\"events\": ["), Just("id,title,date\n")],
        body in "(\\PC|\n|\r|\t|:|#|,|\"|\\{|\\}|\\[|\\]){0,200}",
        format in 0usize..4,
    ) {
        let text = format!("{start}{body}");
        let format = Format::ALL[format];
        match import::import("fuzz.txt", &text, format) {
            Ok(imported) => {
                let loaded = model::load_str("imported.yaml", &imported.yaml);
                prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.err(), imported.yaml);
            }
            Err(d) => {
                let lines = text.split('\n').count();
                for item in &d.items {
                    prop_assert!(item.line <= lines, "line {} of {}: {}", item.line, lines, item.message);
                }
                prop_assert!(!d.to_string().chars().any(|c| c.is_control() && c != '\n'), "messages escape what they quote");
            }
        }
    }
}

// The command line.

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_timeline-explorer"))
}

fn run(args: &[&str]) -> Output {
    Command::new(binary()).args(args).env("XDG_CACHE_HOME", "/dev/null/no-cache").output().unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn import_writes_a_timeline_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let mw = write(dir.path(), "a.mw", "---\ntitle: Trip\ntimezone: UTC\n---\n\n# France\n\n2016-05-01: Arrive #travel\nid: arrive\nA long day.\n\n2016-05-03/2016-05-05: Paris #travel #city\n");
    let out = dir.path().join("a.yaml");
    let o = run(&["import", "--from", "markwhen", &mw, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote"), "{}", stderr(&o));
    let o = run(&["check", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["-f", out.to_str().unwrap(), "list", "country:france"]);
    let listed = String::from_utf8_lossy(&o.stdout);
    assert!(listed.contains("Arrive") && listed.contains("Paris"), "{listed}");
    // To stdout without -o.
    let o = run(&["import", "--from", "markwhen", &mw]);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with(import::SCHEMA_LINE));
}

#[test]
fn a_file_in_another_format_is_refused_naming_the_one_expected() {
    let dir = tempfile::tempdir().unwrap();
    let ics = write(dir.path(), "cal.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n");
    let o = run(&["import", "--from", "markwhen", &ics]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.starts_with(&format!("{ics}:1:1: error: this is not markwhen (it looks like iCalendar)")),
        "{e}"
    );
    assert!(e.contains("= help: expected markwhen: an optional `---` header, then lines `DATE: title #tag`; to read it as iCalendar, use `--from ics`"), "{e}");
    let csv = write(dir.path(), "t.csv", "id,title,date\na,A,2016\n");
    for (format, expected) in [
        ("ics", "this is not iCalendar: it does not start with BEGIN:VCALENDAR"),
        ("timelinejs", "not TimelineJS JSON"),
        ("markwhen", "no markwhen events found"),
    ] {
        let o = run(&["import", "--from", format, &csv]);
        assert_eq!(o.status.code(), Some(1), "{format}");
        assert!(stderr(&o).contains(expected), "{format}: {}", stderr(&o));
    }
    let o = run(&["import", "--from", "markwen", &csv]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `markwhen`?"), "{}", stderr(&o));
}

#[test]
fn bad_input_is_reported_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("bad.mw", "markwhen", "---\ntitle: x\n---\n\n2016-01-01: fine\n2016-13-01: thirteenth month\n", ":6:1: error: invalid date `2016-13-01`: month 13 does not exist (01..12)"),
        ("casual.mw", "markwhen", "2016: fine\n\nMay 2016: casual\n", ":3:1: error: `May 2016` is a markwhen date this importer does not read"),
        ("prop.mw", "markwhen", "2016: x\ndate: \"2016-02-30\"\n", ":2:7: error: invalid date `2016-02-30`: day 30 does not exist in 2016-02"),
        ("bad.json", "timelinejs", "{\"events\": [\n  {\"start_date\": {\"year\": \"2016\"}, \"text\": {\"headline\": \"ok\"}},\n  {\"start_date\": {\"year\": \"2016\", \"month\": \"13\"}}\n]}\n", ":3:3: error: `events[1]`: invalid date `2016-13`"),
        ("syntax.json", "timelinejs", "{\"events\": [\n  {\"start_date\": }\n]}\n", ":2:18: error: not TimelineJS JSON"),
        ("bad.csv", "csv", "id,title,date\na,A,2016\nb,B,2016-02-30\n", ":3:3: error: invalid date `2016-02-30` in column 3"),
        ("short.csv", "csv", "id,title,date\na,A,2016\nb,B\n", ":3:1: error: this row has 2 fields; the header has 3"),
        ("cols.csv", "csv", "id,titel,date\na,A,2016\n", ":1:1: error: the header row has no `title` column"),
        ("bad.ics", "ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2016-05-01\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", ":4:1: error: DTSTART `2016-05-01` is not a DATE or DATE-TIME"),
        ("junk.ics", "ics", "BEGIN:VCALENDAR\r\nthis is not a line\r\nEND:VCALENDAR\r\n", ":2:1: error: not an iCalendar content line"),
    ];
    for (name, format, text, expected) in cases {
        let path = write(dir.path(), name, text);
        let o = run(&["import", "--from", format, &path]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        assert!(stderr(&o).starts_with(&format!("{path}{expected}")), "{name}:\n{}", stderr(&o));
    }
    // A did-you-mean for a misspelt CSV column.
    let o = run(&["import", "--from", "csv", &dir.path().join("cols.csv").display().to_string()]);
    assert!(stderr(&o).contains("= help: did you mean `title` for `titel`?"), "{}", stderr(&o));
}

#[test]
fn what_is_not_mapped_is_listed_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let ics = write(
        dir.path(),
        "cal.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@b\r\nSUMMARY:Weekly\r\nDTSTART;VALUE=DATE:20160502\r\nRRULE:FREQ=WEEKLY\r\nATTENDEE:mailto:x@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    let o = run(&["import", "--from", "ics", &ics]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains(&format!("note: {ics}:7: RRULE (a repeating event): only the first occurrence is kept")),
        "{e}"
    );
    assert!(e.contains("ATTENDEE not mapped"), "{e}");
    let csv = write(dir.path(), "t.csv", "id,title,date,colour\na,A,2016,red\n");
    let o = run(&["import", "--from", "csv", &csv]);
    assert!(stderr(&o).contains(&format!("note: {csv}:1: column `colour` not mapped")), "{}", stderr(&o));
}

#[test]
fn hostile_text_is_escaped_in_the_timeline_and_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    let mw = write(
        dir.path(),
        "h.mw",
        "2016: \u{1b}[2JCleared \u{202e}evil #t\u{1b}ag\nid: \"\u{1b}]0;x\u{7}\"\n\u{1b}[31mred summary\n",
    );
    let o = run(&["import", "--from", "markwhen", &mw]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let err = stderr(&o);
    for text in [out.to_string(), err.clone()] {
        assert!(
            !text.chars().any(|c| timeline_explorer::text::is_unsafe(c) && c != '\n'),
            "raw control in {text:?}"
        );
    }
    assert!(out.contains("\\u001b[2JCleared \\u202eevil"), "{out}");
    // The id was no id; the note quotes it escaped.
    assert!(err.contains("id `\\u{1b}]0;x\\u{7}` is not a valid event id"), "{err}");
    let t = model::load_str("h.yaml", &out).unwrap();
    // markwhen would read `#t` as the tag and leave the escape glued to the title: the word is
    // kept whole in the title instead, and the note quotes it escaped.
    assert_eq!(t.events[0].title, "\u{1b}[2JCleared \u{202e}evil #t\u{1b}ag");
    assert!(t.events[0].tags.is_empty());
    assert!(err.contains("h.mw:1:25: `#t\\u{1b}ag` kept as text, not as a tag"), "{err}");
    let bad = write(dir.path(), "bad\u{1b}[31m.mw", "May 2016: x\n");
    let o = run(&["import", "--from", "markwhen", &bad]);
    assert!(!stderr(&o).contains('\u{1b}'), "{}", stderr(&o));
}

#[test]
fn a_file_over_the_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    // Sparse: 100 MB on paper, nothing on disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let o = run(&["import", "--from", "csv", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error: cannot import: it is 100 MiB; imports read at most 64 MiB"),
        "{}",
        stderr(&o)
    );
    let o = run(&["import", "--from", "csv", dir.path().join("missing.csv").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot import"), "{}", stderr(&o));
}

/// Files from other tools with what this tool never writes: a located note for what is left
/// out, or exit 1 with a clear error; never a silent shift.
#[test]
fn other_tools_files_give_located_notes_or_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let ics = write(
        dir.path(),
        "rr.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Talks\\, all\r\nBEGIN:VEVENT\r\nUID:war\r\nSUMMARY:War\r\nDTSTART;VALUE=DATE:20150101\r\nDTEND;VALUE=DATE:20180101\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:weekly\r\nSUMMARY:Weekly\r\nDTSTART;TZID=Custom:20160502T090000\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    let o = run(&["import", "--from", "ics", &ics]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "note: {ics}:13: TZID `Custom` is not an IANA zone; the time is read in the calendar's zone\n\
             note: {ics}:14: RRULE (a repeating event): only the first occurrence is kept\n\
             note: {ics}: iCalendar does not carry countries, agencies, people, outcomes (they come back in the summary), quotes, related events, notes, source titles (a source comes back as its URL), a place's country (it comes back in the place's text), extension (`x-`) fields (docs/FORMAT.md)\n"
        )
    );
    let t = model::load_str("rr.yaml", &String::from_utf8_lossy(&o.stdout)).unwrap();
    assert_eq!(t.title, "Talks, all", "X-WR-CALNAME unescaped (RFC 5545 3.3.11)");
    assert_eq!(t.events[0].date.to_string(), "2015..2017", "an all-day event over whole years");
    // A calendar of time zones alone.
    let tz = write(
        dir.path(),
        "tz.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Custom\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n",
    );
    let o = run(&["import", "--from", "ics", &tz]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(&format!("{tz}:1:1: error: no iCalendar events found\n")),
        "{}",
        stderr(&o)
    );
    // markwhen recurrence.
    let mw = write(
        dir.path(),
        "rec.mw",
        "---\ntitle: x\n---\n2016-01-01: ok\n2016-01-04 every week for 10 times: standup\n",
    );
    let o = run(&["import", "--from", "markwhen", &mw]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(&format!("{mw}:5:1: error: `2016-01-04 every week for 10 times` is a markwhen date this importer does not read (casual, relative and recurring dates are not in the subset)\n")),
        "{}",
        stderr(&o)
    );
    // TimelineJS eras and media.
    let tl = write(
        dir.path(),
        "eras.json",
        "{\"title\": {\"text\": {\"headline\": \"T\"}},\n \"eras\": [{\"start_date\": {\"year\": \"1962\"}, \"text\": {\"headline\": \"Era\"}}],\n \"events\": [\n  {\"start_date\": {\"year\": \"1962\", \"month\": \"10\"}, \"text\": {\"headline\": \"A\"}, \"tags\": [\"x\"], \"media\": {\"url\": \"https://example.com/a.jpg\", \"caption\": \"Photo\"}, \"background\": {\"color\": \"#000\"}}\n]}\n",
    );
    let o = run(&["import", "--from", "timelinejs", &tl]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "note: {tl}:2: `eras` not mapped\nnote: {tl}:4: `events[0]`.background not mapped\nnote: {tl}: TimelineJS JSON does not carry the names of countries, agencies and people, people's roles, which country an agency or person belongs to (so `by:` a country no longer covers the agencies and people that acted for it), places, quotes, related events, notes, sources (but a media URL), extension (`x-`) fields, spaces at the start of a title (docs/FORMAT.md)\n"
        ),
        "tags are mapped, so no note says they are not"
    );
    let t = model::load_str("eras.yaml", &String::from_utf8_lossy(&o.stdout)).unwrap();
    assert_eq!(t.events[0].sources[0].url.as_deref(), Some("https://example.com/a.jpg"));
    assert_eq!(t.events[0].tags, ["x"]);
    // CSV with an extra column (noted) and without a needed one (refused).
    let extra = write(dir.path(), "extra.csv", "title,date,colour\nA,2016,red\n");
    let o = run(&["import", "--from", "csv", &extra]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).starts_with(&format!("note: {extra}:1: column `colour` not mapped\n")),
        "{}",
        stderr(&o)
    );
    let missing = write(dir.path(), "missing.csv", "id,date\na,2016\n");
    let o = run(&["import", "--from", "csv", &missing]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(&format!(
            "{missing}:1:1: error: the header row has no `title` column (it has: `id`, `date`)\n"
        )),
        "{}",
        stderr(&o)
    );
}

/// A CSV whose `start_utc` disagrees with its date (edited in a spreadsheet) is said, not
/// silently read one way.
#[test]
fn a_start_utc_that_disagrees_with_the_date_is_noted() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "t.csv",
        "id,title,date,start_utc,timeline_timezone\na,A,2016-05-01T10:00,2016-05-01T10:00:00Z,America/New_York\n",
    );
    let o = run(&["import", "--from", "csv", &csv]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).starts_with(&format!("note: {csv}:2: the date `2016-05-01T10:00` starts at 2016-05-01T14:00:00Z, but the source's UTC start says 2016-05-01T10:00:00Z; the date as written is kept\n")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn who_acted_comes_back_and_an_actor_the_event_does_not_list_is_noted() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "t.csv",
        "id,title,date,countries,agencies,by\na,A,2016,US;CN,doj,doj;US;doj\nb,B,2016,US,,CN\n",
    );
    let o = run(&["import", "--from", "csv", &csv]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let yaml = String::from_utf8(o.stdout).unwrap();
    assert!(yaml.contains("    by: [\"doj\", \"US\"]\n"), "listed once each, in order:\n{yaml}");
    assert_eq!(yaml.matches("by:").count(), 1, "{yaml}");
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains(&format!("{csv}:3: `by` names `CN`, which the event does not list; not kept")),
        "{err}"
    );
}

/// A timeline of one event with `title` and `summary` (YAML double-quoted, so any text fits).
fn one_event(title: &str, summary: &str) -> Timeline {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let yaml = format!(
        "title: t\nevents:\n  - id: e\n    title: {}\n    date: 2016-05-01\n    summary: {}\n",
        q(title),
        q(summary)
    );
    model::load_str("t.yaml", &yaml).unwrap()
}

/// A title or summary a spreadsheet would run (`=`, `+`, `-`, `@`, tab, CR first) is written
/// with a `'` in front, in the cell the csv crate reads; so is one that starts with `'`, which
/// `import --from csv` then gives back as it was.
#[test]
fn csv_cells_a_spreadsheet_would_run_start_with_a_quote_and_come_back_whole() {
    for lead in ["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "'tis", "'=1"] {
        let t = one_event(lead, "\tindented");
        let text = export::export(&t, &[0], export::Format::Csv, &fixed_time());
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let record = reader.records().next().unwrap().unwrap();
        let cell = |name: &str| record[headers.iter().position(|h| h == name).unwrap()].to_string();
        assert_eq!(cell("title"), format!("'{lead}"), "{text}");
        assert_eq!(cell("summary"), "'\tindented", "{text}");
        let back = round_trip(&t, Format::Csv).unwrap();
        assert_eq!(back.events[0].title, lead);
        assert_eq!(back.events[0].summary.as_deref(), Some("\tindented"));
    }
    // Text that does not start so is written as it is.
    let t = one_event("Talks = progress", "a - b");
    let text = export::export(&t, &[0], export::Format::Csv, &fixed_time());
    assert!(text.contains(",Talks = progress,") && text.contains(",a - b,"), "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Export to CSV, then import: any title comes back the same, whatever it starts with.
    #[test]
    fn any_title_survives_the_csv_round_trip(
        lead in prop_oneof![Just(""), Just("="), Just("+"), Just("-"), Just("@"), Just("'"), Just("''"), Just("'="), Just("\"")],
        // Not a space first: the format does not carry spaces at the start of a title.
        body in "([a-zA-Z0-9=+@'\"(),;.-][a-zA-Z0-9=+@'\"(),;. -]{0,15})?[a-zA-Z0-9'=)]",
    ) {
        let title = format!("{lead}{body}");
        let t = one_event(&title, "s");
        let back = round_trip(&t, Format::Csv).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&back.events[0].title, &title);
    }
}

// Text of any characters.

/// Text of any Unicode, with the characters a format or a terminal treats specially often:
/// C0 and C1 controls, DEL, bidi controls, U+2028, NEL and a BOM.
fn any_text() -> impl Strategy<Value = String> {
    let special = prop_oneof![
        Just('\u{1b}'),
        Just('\u{7}'),
        Just('\u{0}'),
        Just('\r'),
        Just('\t'),
        Just('\n'),
        Just('\u{7f}'),
        Just('\u{9b}'),
        Just('\u{85}'),
        Just('\u{202e}'),
        Just('\u{2066}'),
        Just('\u{2069}'),
        Just('\u{200f}'),
        Just('\u{2028}'),
        Just('\u{2029}'),
        Just('\u{feff}'),
        Just('#'),
        Just('\\'),
        Just(','),
        Just(';'),
        Just('"'),
        Just('<'),
        Just('&'),
        Just(':'),
        Just(' '),
    ];
    proptest::collection::vec(
        prop_oneof![2 => special, 3 => any::<char>(), 3 => proptest::char::range('a', 'z')],
        1..24,
    )
    .prop_map(|chars| chars.into_iter().collect::<String>())
}

/// What a format gives back of a title, by what docs/FORMAT.md says it cannot carry (and the
/// export says at each export): iCalendar's TEXT holds no controls but tab and line break, a
/// markwhen event line no line break. (Spaces around a title are left out of the generated
/// ones: all but JSON drop them, as docs/FORMAT.md says.)
fn title_as_carried(title: &str, format: Format) -> String {
    match format {
        Format::Ics => title
            .chars()
            .map(|c| if c.is_ascii_control() && c != '\t' && c != '\n' { '\u{fffd}' } else { c })
            .collect(),
        Format::Markwhen => title.replace(['\n', '\r'], " "),
        _ => title.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Export, then import: titles and summaries of any characters come back exactly (but what
    /// a format cannot hold, which the export says), in every format.
    #[test]
    fn any_text_comes_back_exactly(title in any_text(), summary in any_text()) {
        let q = |s: &str| serde_json::to_string(s).unwrap();
        let (title, summary) = (title.trim(), summary.trim());
        let yaml = format!(
            "title: T\nevents:\n  - id: a\n    title: {}\n    date: 2016-05-01\n    summary: {}\n",
            q(title), q(summary)
        );
        let Ok(t) = model::load_str("generated.yaml", &yaml) else { return Ok(()) };
        let e = &t.events[0];
        for format in Format::ALL {
            let back = round_trip(&t, format).map_err(|m| TestCaseError::fail(format!("{}: {m}", format.name())))?;
            let b = &back.events[0];
            prop_assert_eq!(&b.title, &title_as_carried(&e.title, format), "{} title", format.name());
            let expected = e.summary.as_deref().map(|s| timeline_explorer::text::reflow(s.trim_end()));
            let expected = match format {
                Format::Json => e.summary.clone(),
                Format::Ics => expected.map(|s| title_as_carried(&s, format)).filter(|s| !s.is_empty()),
                _ => expected.filter(|s| !s.is_empty()),
            };
            prop_assert_eq!(&b.summary, &expected, "{} summary", format.name());
        }
    }
}

#[test]
fn an_export_into_a_pipe_or_a_file_carries_control_characters_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "t.yaml", "title: T\nevents:\n  - {id: a, title: \"abc\\u202edcba\\u2066iso\\u2069 tail\", date: 2016, summary: \"del \\x7f and c1 \\x9b31m\"}\n");
    let o = run(&["-f", &file, "export", "--format", "csv"]);
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        out.contains("abc\u{202e}dcba\u{2066}iso\u{2069} tail")
            && out.contains("del \u{7f} and c1 \u{9b}31m"),
        "{out:?}"
    );
    assert!(!stderr(&o).contains("terminal"), "{}", stderr(&o));
}

/// The status line a TimelineJS export writes first in a slide's text (`Did not take place`
/// included) goes back into the status, never into the summary; a summary after it stays.
#[test]
fn timelinejs_status_lines_come_back_as_the_status_not_the_summary() {
    let yaml = "title: t\nevents:\n  - {id: p, title: P, date: 2016-01-01, status: planned}\n  - {id: c, title: C, date: 2016-01-02, status: cancelled}\n  - {id: n, title: N, date: 2016-01-03, status: did-not-take-place}\n  - {id: s, title: S, date: 2016-01-04, status: did-not-take-place, summary: Rained off.}\n";
    let t = model::load_str("t.yaml", yaml).unwrap();
    let back = round_trip(&t, Format::Timelinejs).unwrap();
    for (before, after) in t.events.iter().zip(&back.events) {
        assert_eq!((&after.id, after.status), (&before.id, before.status));
        assert_eq!(after.summary, before.summary, "{}", before.id);
    }
}
