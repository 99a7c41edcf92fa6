//! Exports read back by real readers: serde_json, the csv crate, icalendar's parser, a CommonMark
//! parser (pulldown-cmark). The markwhen parser and ics-py run in `scripts/check-exports.sh`.

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

/// Dates, tags, markup and URLs that need care in every format.
fn tricky() -> Timeline {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports/tricky.yaml");
    model::load_file(&path).unwrap()
}

#[test]
fn json_loads_back_unchanged() {
    for t in [
        builtin(),
        fixture("full.yaml"),
        fixture("hostile-text.yaml"),
        fixture("minimal.yaml"),
        fixture("incident.yaml"),
    ] {
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
    let chosen = select(&t, &Query::parse("tag:dialogue").unwrap(), &t.zone).unwrap();
    let text = export::export(&t, &chosen, Format::Json, &fixed_time());
    let reloaded = model::load_str("subset.json", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reloaded.events.len(), chosen.len());
}

#[test]
fn csv_reads_back_one_row_per_listed_event() {
    let t = builtin();
    for q in ["", "country:PE", "agency:doj", "-tag:background"] {
        let chosen = select(&t, &Query::parse(q).unwrap(), &t.zone).unwrap();
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
                "url",
                "start_utc",
                "end_utc",
                "annotation",
                "timezone",
                "timeline_timezone",
                "involved_countries",
                "by"
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
        let expected = match event.status {
            model::Status::Planned => "TENTATIVE",
            model::Status::Cancelled | model::Status::NotHeld => "CANCELLED",
            model::Status::Happened => "CONFIRMED",
        };
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
    // No control character TEXT cannot hold (RFC 5545 3.3.11: a tab, and non-ASCII such as C1
    // controls and bidi marks, it can; they are carried as they are).
    assert!(!text.chars().any(|c| c.is_ascii_control() && !matches!(c, '\r' | '\n' | '\t')));
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
fn markwhen_has_one_dated_line_per_event_in_the_current_syntax() {
    let t = builtin();
    let text = export::export(&t, &all(&t), Format::Markwhen, &fixed_time());
    assert!(text.starts_with("---\ntitle: "));
    assert!(text.contains("\ntimezone: \"UTC\"\n"), "a timezone in the header");
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
    assert!(!text.lines().any(|l| l.starts_with("group ") || l == "endGroup"), "no group/endGroup");
    assert!(text.lines().any(|l| l == "# United States"), "sections are headings");
    insta::assert_snapshot!("markwhen_builtin", text);
}

#[test]
fn markwhen_writes_bce_years_and_safe_tags_with_a_map_back() {
    let t = tricky();
    let text = export::export(&t, &all(&t), Format::Markwhen, &fixed_time());
    assert!(text.lines().any(|l| l.starts_with("44 BCE: Caesar is killed #tag_27 #antiquity")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("264 BCE–146 BCE: The Punic Wars")), "{text}");
    assert!(text.contains("date: \"-0043-03-15\"\n"), "the day, which markwhen cannot hold, as a property");
    // Every tag on a dated line is `#` and ASCII word characters, not all digits.
    for line in text.lines().filter(|l| l.contains(": ")) {
        for tag in line.split(' ').filter_map(|w| w.strip_prefix('#')).filter(|w| !w.starts_with('\u{2060}'))
        {
            if tag.is_empty() {
                continue;
            }
            assert!(tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'), "{tag:?} in {line:?}");
            assert!(!tag.bytes().all(|b| b.is_ascii_digit()), "{tag:?}");
        }
    }
    for mapping in
        ["tag_27: \"tag-27\"", "tag_27_2: \"tag_27\"", "_65e5_672c_8a9e: \"日本語\"", "t2016: \"2016\""]
    {
        assert!(text.contains(mapping), "{mapping} in\n{text}");
    }
    // Markup in titles and summaries is kept from markwhen's parser by a word joiner.
    assert!(text.contains("Sputnik 1 #\u{2060}launch !\u{2060}important"), "{text}");
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
    let chosen = select(&t, &Query::parse("country:US -tag:background").unwrap(), &t.zone).unwrap();
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

/// Links in a CommonMark rendering of a Markdown export: (destination, text).
fn commonmark_links(markdown: &str) -> Vec<(String, String)> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut links = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => open = Some((dest_url.to_string(), String::new())),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, t)) = open.as_mut() {
                    t.push_str(&text);
                }
            }
            Event::End(TagEnd::Link) => links.extend(open.take()),
            _ => {}
        }
    }
    links
}

#[test]
fn markdown_sources_are_real_links_and_nothing_else_is() {
    for t in [builtin(), tricky(), fixture("hostile-text.yaml"), fixture("full.yaml")] {
        let text = export::export(&t, &all(&t), Format::Markdown, &fixed_time());
        let links = commonmark_links(&text);
        let expected: Vec<(String, String)> = t
            .events
            .iter()
            .flat_map(|e| &e.sources)
            .filter_map(|s| Some((export::http_uri(s.url.as_deref()?)?, s.title.clone())))
            .collect();
        assert!(t.title != builtin().title || expected.len() > 10, "the built-in timeline has sources");
        let texts: Vec<(String, String)> =
            links.iter().map(|(u, t)| (u.clone(), timeline_explorer::text::escape(t))).collect();
        let wanted: Vec<(String, String)> =
            expected.iter().map(|(u, t)| (u.clone(), timeline_explorer::text::escape(t))).collect();
        assert_eq!(texts.len(), wanted.len(), "{}: one link per http(s) source\n{text}", t.title);
        for ((url, _), (want, _)) in texts.iter().zip(&wanted) {
            assert_eq!(url, want);
        }
    }
    let text = export::export(&tricky(), &all(&tricky()), Format::Markdown, &fixed_time());
    assert!(text.contains("[Sputnik 1](<https://en.wikipedia.org/wiki/Sputnik_1>)"), "{text}");
    assert!(!text.contains("\\<https"), "no escaped autolinks");
    // `[x](y)` in a title and `javascript:` URLs stay text.
    assert!(!commonmark_links(&text).iter().any(|(u, _)| u == "y" || u.starts_with("javascript")));
}

#[test]
fn markdown_years_before_the_common_era_read_as_bce() {
    let text = export::export(&tricky(), &all(&tricky()), Format::Markdown, &fixed_time());
    assert!(text.contains("\n## 44 BCE\n"), "{text}");
    assert!(!text.contains("## -"), "{text}");
}

#[test]
fn ics_has_one_categories_line_circa_in_the_summary_and_only_valid_urls() {
    let t = tricky();
    let text = export::export(&t, &all(&t), Format::Ics, &fixed_time());
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a calendar parser reads it");
    let events: Vec<_> = calendar.components.iter().filter(|c| c.name == "VEVENT").collect();
    assert_eq!(events.len(), 5, "three events before the year 0 are left out");
    for component in &events {
        let props = |name: &'static str| component.properties.iter().filter(move |p| p.name == name);
        let uid = props("UID").next().unwrap().val.to_string();
        let id = uid.split('.').next().unwrap();
        let event = &t.events[t.event_index(id).unwrap()];
        assert!(props("CATEGORIES").count() <= 1, "{id}: at most one CATEGORIES line");
        let categories: Vec<String> = props("CATEGORIES").flat_map(|p| ics_list(p.val.as_str())).collect();
        assert_eq!(categories, event.tags, "{id}");
        let summary = ics_text(props("SUMMARY").next().unwrap().val.as_str());
        assert_eq!(summary.ends_with(" (circa)"), event.date.approximate, "{id}: {summary}");
        assert_eq!(summary.ends_with(" (date uncertain)"), event.date.uncertain, "{id}: {summary}");
        for url in props("URL") {
            assert_eq!(export::http_uri(url.val.as_str()).as_deref(), Some(url.val.as_str()), "{id}");
        }
    }
    // `javascript:` and a URL with a space in its host are not URLs of their events.
    assert!(!text.contains("javascript"));
    assert!(!text.contains("URL:http://exa"));
    assert!(text.contains("URL:https://en.wikipedia.org/wiki/Sputnik_1\r\n"));
}

/// A TEXT value's comma-separated list (RFC 5545 3.1.1), unescaped.
fn ics_list(value: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') | Some('N') => items.last_mut().unwrap().push('\n'),
                Some(other) => items.last_mut().unwrap().push(other),
                None => {}
            },
            ',' => items.push(String::new()),
            c => items.last_mut().unwrap().push(c),
        }
    }
    items
}

fn ics_text(value: &str) -> String {
    ics_list(value).join(",")
}

#[test]
fn timelinejs_dates_all_read_alike() {
    for t in [builtin(), tricky()] {
        let value: serde_json::Value =
            serde_json::from_str(&export::export(&t, &all(&t), Format::Timelinejs, &fixed_time())).unwrap();
        for (slide, event) in value["events"].as_array().unwrap().iter().zip(&t.events) {
            let shown = slide["display_date"].as_str().unwrap();
            // A planned or cancelled event says so after the date.
            let status = match event.status {
                model::Status::Happened => String::new(),
                other => format!(" ({})", other.words()),
            };
            assert_eq!(shown, format!("{}{status}", event.date.long()), "{}", event.id);
            assert!(
                !shown.starts_with(|c: char| c.is_ascii_digit()) || !shown.contains('-'),
                "no ISO: {shown}"
            );
        }
    }
    let t = builtin();
    let value: serde_json::Value =
        serde_json::from_str(&export::export(&t, &all(&t), Format::Timelinejs, &fixed_time())).unwrap();
    let shown: Vec<&str> =
        value["events"].as_array().unwrap().iter().map(|s| s["display_date"].as_str().unwrap()).collect();
    assert!(shown.contains(&"May 19, 2014"), "{shown:?}");
    let value: serde_json::Value =
        serde_json::from_str(&export::export(&tricky(), &all(&tricky()), Format::Timelinejs, &fixed_time()))
            .unwrap();
    let shown: Vec<&str> =
        value["events"].as_array().unwrap().iter().map(|s| s["display_date"].as_str().unwrap()).collect();
    assert!(shown.contains(&"March 15, 44 BCE"), "{shown:?}");
    assert!(shown.contains(&"around 753 BCE"), "{shown:?}");
}

#[test]
fn csv_lists_ids_and_the_first_source_url() {
    let t = builtin();
    let text = export::export(&t, &all(&t), Format::Csv, &fixed_time());
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for (row, e) in reader.records().map(|r| r.unwrap()).zip(&t.events) {
        let ids = |cell: &str| -> Vec<String> {
            cell.split(';').filter(|s| !s.is_empty()).map(String::from).collect()
        };
        let agencies: Vec<String> = e.agencies.iter().map(|&a| t.agencies[a].id.clone()).collect();
        let people: Vec<String> = e.people.iter().map(|p| t.people[p.person].id.clone()).collect();
        let countries: Vec<String> = e.countries.iter().map(|&c| t.countries[c].id.clone()).collect();
        let involved: Vec<String> =
            t.involved_countries(e).iter().map(|&c| t.countries[c].id.clone()).collect();
        assert_eq!(ids(&row[column("agencies")]), agencies, "{}", e.id);
        assert_eq!(ids(&row[column("people")]), people, "{}", e.id);
        assert_eq!(ids(&row[column("countries")]), countries, "{}", e.id);
        assert_eq!(ids(&row[column("involved_countries")]), involved, "{}", e.id);
        assert_eq!(ids(&row[column("tags")]), e.tags, "{}", e.id);
        let url = e.sources.iter().find_map(|s| s.url.clone()).unwrap_or_default();
        assert_eq!(&row[column("url")], url, "{}", e.id);
    }
}

#[test]
fn only_a_blank_line_breaks_a_paragraph_in_every_export() {
    // A YAML line of a summary ends `…in a semicolon;` and the sentence goes on; a blank line
    // then starts a second paragraph.
    let t = tricky();
    let summary = t.events[t.event_index("uncertain-may").unwrap()].summary.clone().unwrap();
    assert!(summary.contains("semicolon;\ngoes on"), "the fixture still has the line break");
    // `show` (and the explorer's detail, which lays out the same lines).
    let shown =
        timeline_explorer::report::detail_text(&t, t.event_index("uncertain-may").unwrap(), 200, &t.zone);
    assert!(shown.contains("  A source line that ends in a semicolon; goes on in the same paragraph.\n\n  Second paragraph.\n"), "{shown}");
    // JSON is the document itself, with the summary as written.
    for format in Format::all().iter().copied().filter(|&f| f != Format::Json) {
        let text = export::export(&t, &all(&t), format, &fixed_time());
        // iCalendar escapes `;` in text.
        let unfolded = text.replace("\r\n ", "").replace("\\;", ";");
        assert!(
            unfolded.contains("semicolon; goes on"),
            "{}: the sentence joined\n{unfolded}",
            format.name()
        );
        for bad in ["semicolon;\n", "semicolon;\\n", "semicolon;</p>", "semicolon;\r\n"] {
            assert!(!unfolded.contains(bad), "{}: a paragraph broken after `semicolon;`", format.name());
        }
        let paragraphs = ["paragraph.\n\nSecond", "paragraph.\\n\\nSecond", "paragraph.\n\n\u{2060}Second"];
        let broken =
            paragraphs.iter().any(|p| unfolded.contains(p)) || unfolded.contains("paragraph.</p><p>Second");
        assert!(broken, "{}: the blank line still breaks the paragraph\n{unfolded}", format.name());
    }
}

/// Times of day in every export, each read back by its reader: iCalendar DATE-TIMEs in UTC
/// (whole days stay DATEs), the CSV's instants as RFC 3339, TimelineJS hours and minutes as the
/// timeline's zone shows them, markwhen's date-times in the header's zone.
#[test]
fn times_of_day_reach_every_export_as_instants() {
    let t = fixture("incident.yaml");
    let by_id = |id: &str| t.events.iter().position(|e| e.id == id).unwrap();
    let utc = |instant: i64| chrono::DateTime::from_timestamp(instant, 0).unwrap();

    let text = export::export(&t, &all(&t), Format::Ics, &fixed_time());
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a calendar parser reads it");
    let events: Vec<_> = calendar.components.iter().filter(|c| c.name == "VEVENT").collect();
    assert_eq!(events.len(), t.events.len());
    for (component, event) in events.iter().zip(&t.events) {
        let prop = |name: &str| component.properties.iter().find(|p| p.name == name);
        let start = prop("DTSTART").unwrap().val.to_string();
        if event.date.has_time() {
            let expected = utc(event.date.start_instant()).format("%Y%m%dT%H%M%SZ").to_string();
            assert_eq!(start, expected, "{}", event.id);
            match event.date.end {
                Some(_) => {
                    let end = prop("DTEND").unwrap().val.to_string();
                    let expected = utc(event.date.end_instant()).format("%Y%m%dT%H%M%SZ").to_string();
                    assert_eq!(end, expected, "{}", event.id);
                }
                None => assert!(prop("DTEND").is_none(), "a moment has no end: {}", event.id),
            }
        } else {
            assert_eq!(start, event.date.first_day().format("%Y%m%d").to_string(), "{}", event.id);
        }
    }
    // The handover, written 13:10 in Singapore, is 05:10 UTC.
    assert!(unfolded.contains("DTSTART:20240310T051000Z"), "{unfolded}");

    let text = export::export(&t, &all(&t), Format::Csv, &fixed_time());
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for (row, event) in reader.records().map(|r| r.unwrap()).zip(&t.events) {
        let start = &row[at("start_utc")];
        if event.date.has_time() {
            let parsed = chrono::DateTime::parse_from_rfc3339(start).expect("RFC 3339");
            assert_eq!(parsed.timestamp(), event.date.start_instant(), "{}", event.id);
            let end = chrono::DateTime::parse_from_rfc3339(&row[at("end_utc")]).expect("RFC 3339");
            assert_eq!(end.timestamp(), event.date.end_instant(), "{}", event.id);
        } else {
            assert_eq!(start, "", "a whole day has no instant: {}", event.id);
        }
        assert_eq!(&row[at("date")], event.date.to_string(), "the written form");
    }

    let text = export::export(&t, &all(&t), Format::Timelinejs, &fixed_time());
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let slides = value["events"].as_array().unwrap();
    let slide = |id: &str| slides.iter().find(|s| s["unique_id"] == id).unwrap();
    let handover = &slide("handover")["start_date"];
    assert_eq!(
        (handover["day"].as_str(), handover["hour"].as_str(), handover["minute"].as_str()),
        (Some("10"), Some("0"), Some("10")),
        "New York time: {handover}"
    );
    assert_eq!(slide("page")["start_date"]["second"], "30", "seconds where written");
    assert!(slide("alert")["start_date"].get("second").is_none());
    assert!(slide("review")["start_date"].get("hour").is_none(), "a whole day has no hour");
    let mitigation = &slide("mitigation");
    assert_eq!(
        (mitigation["end_date"]["hour"].as_str(), mitigation["end_date"]["minute"].as_str()),
        (Some("1"), Some("5"))
    );
    let _ = by_id("alert");

    let text = export::export(&t, &all(&t), Format::Markwhen, &fixed_time());
    assert!(text.contains("timezone: \"America/New_York\""), "{text}");
    assert!(text.contains("2024-03-09 23:52"), "{text}");
    assert!(text.contains("2024-03-10 00:20/2024-03-10 01:05"), "{text}");
}

/// The docs say what each export writes: every CSV column and every iCalendar property the
/// export writes has its line in docs/FORMAT.md (and the CSV columns are in the README), and
/// every `related` kind in use is listed. Adding one without its line fails here.
#[test]
fn the_docs_name_every_csv_column_ics_property_and_relation_kind() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let format_md = std::fs::read_to_string(root.join("docs/FORMAT.md")).unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let csv_line = readme.lines().find(|l| l.starts_with("| `csv` | `id,")).expect("the README's csv row");
    assert!(csv_line.contains(&format!("`{}`", export::CSV_HEADER.join(","))), "README: {csv_line}");
    for column in export::CSV_HEADER {
        assert!(
            format_md.contains(&format!("\n| `{column}` | ")),
            "docs/FORMAT.md has no line for the CSV column `{column}`"
        );
    }
    let timelines = [
        builtin(),
        tricky(),
        model::load_file(&root.join("tests/fixtures/exports/three-zones.yaml")).unwrap(),
        model::load_file(&root.join("tests/fixtures/good/full.yaml")).unwrap(),
    ];
    let mut properties = std::collections::BTreeSet::new();
    for t in &timelines {
        let text = export::export(t, &all(t), Format::Ics, &fixed_time());
        for line in text.split("\r\n").filter(|l| !l.starts_with(' ') && !l.is_empty()) {
            properties.insert(line.split([':', ';']).next().unwrap().to_string());
        }
    }
    assert!(
        properties.contains("X-TIMELINE-EXPLORER-TIMEZONE") && properties.contains("STATUS"),
        "{properties:?}"
    );
    for p in &properties {
        assert!(
            format_md.contains(&format!("`{p}`")),
            "docs/FORMAT.md has no line for the iCalendar property {p}"
        );
    }
    let kinds_paragraph =
        format_md.split("### Relation kinds").nth(1).unwrap().split("\n## ").next().unwrap();
    for t in &timelines {
        for e in &t.events {
            for kind in e.related.iter().filter_map(|l| l.kind.as_deref()) {
                assert!(
                    kinds_paragraph.contains(&format!("`{kind}`")),
                    "the relation kind `{kind}` is not listed in docs/FORMAT.md"
                );
            }
        }
    }
}

/// What each import says it cannot carry is what docs/FORMAT.md's table says, word for word.
#[test]
fn the_import_notes_and_the_docs_name_the_same_losses() {
    let format_md = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/FORMAT.md")).unwrap();
    for (format, lost) in timeline_explorer::import::NOT_CARRIED {
        let row = format_md
            .lines()
            .find(|l| l.starts_with(&format!("| `{format}` |")))
            .unwrap_or_else(|| panic!("docs/FORMAT.md has a row for {format}"));
        let cell = row.trim_end_matches(" |").rsplit(" | ").next().unwrap();
        assert!(cell.starts_with(lost), "{format}: the docs say {cell:?}, the import says {lost:?}");
    }
}

/// Events on the last day iCalendar can hold (December 31, 9999) are written, with a DURATION
/// where their DTEND would fall in the year 10000; only years past 9999 are left out.
#[test]
fn ics_writes_the_last_day_of_9999_with_a_duration() {
    let t = model::load_str(
        "edge.yaml",
        "title: Edge\nevents:\n  - {id: a, title: Last noon, date: \"9999-12-31T12:00Z\"}\n  - {id: b, title: Last day, date: \"9999-12-31\"}\n  - {id: c, title: Last days, date: \"9999-12-30..9999-12-31\"}\n",
    )
    .unwrap();
    let text = export::export(&t, &all(&t), Format::Ics, &fixed_time());
    assert_eq!(export::count_written(&text, Format::Ics, t.events.len()), 3);
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a calendar parser reads it");
    let durations: Vec<String> = calendar
        .components
        .iter()
        .filter_map(|c| c.properties.iter().find(|p| p.name == "DURATION").map(|p| p.val.to_string()))
        .collect();
    assert_eq!(durations, ["P2D", "P1D"], "{text}");
    assert!(!text.contains(":10000"), "no year 10000 is written");
}
