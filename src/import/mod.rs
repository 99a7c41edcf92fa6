//! Bringing timelines in from other tools: markwhen, TimelineJS, iCalendar and CSV become a
//! timeline in this format. Each reader turns its format into a [`Draft`] (what the source
//! has, dates already in this format's written form); [`write_yaml`] writes the draft, and the
//! loader's checks run on it before anyone sees it (on the raw records written beside the text,
//! which are what the text reads back as), so an import is a valid timeline or an error. Pure
//! functions from text to text: no files, no terminal.
//!
//! Every reader uses an existing parser where one exists (`serde_json`, the `csv` crate, the
//! `icalendar` crate's parser); markwhen has no Rust parser, so `markwhen.rs` reads the subset of
//! it that the markwhen export writes (documented there and in the README).

mod csv_rows;
mod ics;
mod markwhen;
mod timelinejs;
#[cfg(test)]
mod written_tests;

use crate::model::diagnostic::{Diagnostic, Diagnostics};
use crate::model::loader::{
    IdOr, RawAgency, RawCountry, RawDate, RawEvent, RawLocation, RawPerson, RawSource, RawTimeline,
};
use crate::model::DateSpec;
use crate::text::escape;

/// The largest file an import reads. A 100 MB file is refused with this said, before reading:
/// an import holds the source, the draft, the YAML and the loaded timeline at once, several
/// times the file's size.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// The first line of every imported file: where editors find the schema (`timeline-explorer
/// schema` prints it; `$id` names it).
pub const SCHEMA_LINE: &str =
    "# yaml-language-server: $schema=https://timeline-explorer.invalid/timeline.schema.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A markwhen document (the subset the markwhen export writes)
    Markwhen,
    /// TimelineJS3 JSON
    Timelinejs,
    /// iCalendar (RFC 5545): each VEVENT an event
    Ics,
    /// CSV with a header row (the columns of the CSV export)
    Csv,
    /// The JSON export: a timeline in this format already (JSON is YAML), checked and kept
    Json,
}

impl Format {
    pub const ALL: [Format; 5] =
        [Format::Markwhen, Format::Timelinejs, Format::Ics, Format::Csv, Format::Json];

    pub fn name(self) -> &'static str {
        match self {
            Format::Markwhen => "markwhen",
            Format::Timelinejs => "timelinejs",
            Format::Ics => "ics",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// How people call the format in a sentence.
    fn described(self) -> &'static str {
        match self {
            Format::Markwhen => "markwhen",
            Format::Timelinejs => "TimelineJS JSON",
            Format::Ics => "iCalendar",
            Format::Csv => "CSV",
            Format::Json => "the JSON export",
        }
    }
}

/// A timeline as a source gives it, before it is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub title: Option<String>,
    pub description: Option<String>,
    /// An IANA name or an offset, as the source gives it.
    pub timezone: Option<String>,
    /// `(id, name)`, in order of first appearance.
    pub countries: Vec<(String, String)>,
    pub agencies: Vec<String>,
    pub people: Vec<String>,
    pub events: Vec<DraftEvent>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DraftEvent {
    /// The id the source gives, if any; made valid and unique when written.
    pub id: Option<String>,
    pub title: String,
    /// The date in this format's written form (`2016-12-07..2016-12-08`, `~1972`, `-0043`).
    pub date: String,
    /// The event's own zone (an iCalendar TZID).
    pub timezone: Option<String>,
    pub status: Option<&'static str>,
    pub place: Option<String>,
    pub countries: Vec<String>,
    pub agencies: Vec<String>,
    pub people: Vec<String>,
    /// Who acted: ids from the three lists above (others are noted and left out).
    pub by: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub outcomes: Vec<String>,
    /// `(title, url)`.
    pub sources: Vec<(String, Option<String>)>,
    /// Where the event starts in the source (1-based line), for messages.
    pub line: usize,
    /// The instant the source says the event starts at (iCalendar's UTC `DTSTART`, the CSV's
    /// `start_utc`), when it also gives the written date: the two must agree.
    pub start_utc: Option<i64>,
}

/// What an import gives: the timeline's text and what could not be carried over.
#[derive(Debug, Clone)]
pub struct Imported {
    pub yaml: String,
    pub events: usize,
    /// One line each, already escaped: `FILE:LINE: what was left out`.
    pub unmapped: Vec<String>,
}

/// Notes on what a reader could not map, with where it was.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    file: String,
    lines: Vec<String>,
}

impl Notes {
    pub(crate) fn new(file: &str) -> Notes {
        Notes { file: escape(file), lines: Vec::new() }
    }

    /// Something at `line` and `column` that is not carried over as it was.
    pub(crate) fn note_at(&mut self, line: usize, column: usize, what: impl AsRef<str>) {
        self.push(format!("{line}:{column}"), what.as_ref());
    }

    /// Something at `line` (0 for the whole file) that is not carried over.
    pub(crate) fn note(&mut self, line: usize, what: impl AsRef<str>) {
        match line {
            0 => self.push(String::new(), what.as_ref()),
            n => self.push(n.to_string(), what.as_ref()),
        }
    }

    /// `FILE:PLACE: what` (`FILE: what` with no place), escaped.
    fn push(&mut self, place: String, what: &str) {
        let what = escape(what);
        let place = if place.is_empty() { String::new() } else { format!(":{place}") };
        // A file with a million unmapped things says so once per kind, not a million times.
        if self.lines.len() < 200 {
            self.lines.push(format!("{}{place}: {what}", self.file));
        } else if self.lines.len() == 200 {
            self.lines.push(format!("{}: … and more not listed", self.file));
        }
    }
}

/// Problems that stop an import, located in the source.
pub(crate) struct Problems {
    items: Vec<Diagnostic>,
}

impl Problems {
    pub(crate) fn new() -> Problems {
        Problems { items: Vec::new() }
    }

    pub(crate) fn at(&mut self, line: usize, column: usize, span: usize, message: impl Into<String>) {
        if self.items.len() < 100 {
            self.items.push(Diagnostic::new(message).at(line, column.max(1), span));
        }
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        if self.items.len() < 100 {
            self.items.push(d);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether another problem would be left out (so there is no need to place it).
    pub(crate) fn is_full(&self) -> bool {
        self.items.len() >= 100
    }
}

/// Reads `text` (the contents of `file`) as `format` and writes it as a timeline.
pub fn import(file: &str, text: &str, format: Format) -> Result<Imported, Diagnostics> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail =
        |items: Vec<Diagnostic>| Diagnostics { file: file.to_string(), source: text.to_string(), items };
    if format == Format::Json {
        return import_json(file, text).map_err(|e| match e {
            crate::model::LoadError::Invalid(d) => d,
            other => fail(vec![Diagnostic::new(other.to_string())]),
        });
    }
    if let Some(other) = looks_like(text).filter(|&f| f != format) {
        let d = Diagnostic::new(format!(
            "this is not {} (it looks like {})",
            format.described(),
            other.described()
        ))
        .with_help(Some(format!(
            "expected {}; to read it as {}, use `--from {}`",
            expected(format),
            other.described(),
            other.name()
        )));
        return Err(fail(vec![d.at(1, 1, 1)]));
    }
    let mut notes = Notes::new(file);
    let mut problems = Problems::new();
    let draft = match format {
        Format::Markwhen => markwhen::read(text, &mut notes, &mut problems),
        Format::Timelinejs => timelinejs::read(text, &mut notes, &mut problems),
        Format::Ics => ics::read(text, &mut notes, &mut problems),
        Format::Csv => csv_rows::read(text, &mut notes, &mut problems),
        Format::Json => Draft::default(), // read above, as the timeline it is
    };
    if !problems.is_empty() {
        return Err(fail(problems.items));
    }
    // Any text reads as markwhen with no events, and a calendar of time zones alone (VTIMEZONE)
    // as iCalendar with none: an empty timeline would say nothing of why.
    if draft.events.is_empty() && matches!(format, Format::Markwhen | Format::Ics) {
        let d = Diagnostic::new(format!("no {} events found", format.described()))
            .with_help(Some(format!("expected {}", expected(format))));
        return Err(fail(vec![d.at(1, 1, 1)]));
    }
    let events = draft.events.len();
    // What `check_instants` needs of the events that give an instant.
    let starts: Vec<Start> = draft
        .events
        .iter()
        .enumerate()
        .filter_map(|(event, e)| {
            e.start_utc.map(|utc| Start { event, utc, line: e.line, date: e.date.clone() })
        })
        .collect();
    let settled = settle(draft, &mut notes);
    let ids: Vec<String> = match starts.is_empty() {
        true => Vec::new(),
        false => settled.0.events.iter().map(|e| e.id.clone().unwrap_or_default()).collect(),
    };
    let (yaml, records_loaded) = write_and_load(settled, format, events >= PARALLEL_FROM && two_cores());
    // The written timeline must load; anything else is a bug here, said as such. The loader's
    // checks run on the records written beside the text, which it reads back as exactly
    // (`written_tests` holds it on generated drafts), so the text is parsed again only to place
    // a problem they report.
    let loaded = match records_loaded.map_or_else(|| crate::model::load_str("imported.yaml", &yaml), Ok) {
        Ok(t) => t,
        Err(e) => {
            let d = Diagnostic::new(format!(
                "the imported timeline does not load (a bug in `import --from {}`): {}",
                format.name(),
                e.to_string().lines().next().unwrap_or_default()
            ));
            return Err(fail(vec![d]));
        }
    };
    check_instants(&starts, &ids, &loaded, &mut notes);
    if let Some(missing) = not_carried(format) {
        notes.note(0, format!("{} does not carry {missing} (docs/FORMAT.md)", format.described()));
    }
    Ok(Imported { yaml, events, unmapped: notes.lines })
}

/// Timelines of this many events or more are written on two threads where the machine has two
/// cores.
const PARALLEL_FROM: usize = 4096;

pub(crate) fn two_cores() -> bool {
    std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

/// The settled draft's text, and the timeline its records load as (`None` when the loader's
/// checks have something to say). With `parallel`, the text is written on a second thread while
/// this one builds and checks the records; both are read off the same settled values, so they
/// are what one after the other gives (a test holds it).
fn write_and_load(
    settled: Settled,
    format: Format,
    parallel: bool,
) -> (String, Option<crate::model::Timeline>) {
    let settled = std::sync::Arc::new(settled);
    std::thread::scope(|scope| {
        let theirs = std::sync::Arc::clone(&settled);
        // The last to let go of the settled draft frees it: mostly the writer, while the
        // records are checked here.
        let writer = parallel
            .then(|| std::thread::Builder::new().spawn_scoped(scope, move || theirs.text(format)).ok())
            .flatten();
        let records = settled.records();
        let (yaml, loaded) = match writer {
            Some(writer) => {
                drop(settled);
                let loaded = crate::model::loader::load_records("imported.yaml", records);
                (writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), loaded)
            }
            // Where no thread can be made, or none is wanted, the text is written here.
            None => {
                let yaml = settled.text(format);
                drop(settled);
                (yaml, crate::model::loader::load_records("imported.yaml", records))
            }
        };
        (yaml, loaded)
    })
}

/// The JSON export is a timeline already: it is checked by loading it, and kept as it is
/// after the schema line (a comment, so the file stays a timeline).
fn import_json(file: &str, text: &str) -> Result<Imported, crate::model::LoadError> {
    let timeline = crate::model::load_str(file, text)?;
    let yaml = format!(
        "{SCHEMA_LINE}\n# Imported with `timeline-explorer import --from json`; `timeline-explorer check` this file after editing.\n{}",
        text.trim_start()
    );
    Ok(Imported { yaml, events: timeline.events.len(), unmapped: Vec::new() })
}

/// What a format cannot carry at all, said once at each import (docs/FORMAT.md has the table).
fn not_carried(format: Format) -> Option<&'static str> {
    // Each as docs/FORMAT.md's table says it (a test holds the two equal).
    match format {
        Format::Ics => Some(NOT_CARRIED[0].1),
        Format::Csv => Some(NOT_CARRIED[1].1),
        Format::Markwhen => Some(NOT_CARRIED[2].1),
        Format::Timelinejs => Some(NOT_CARRIED[3].1),
        Format::Json => None,
    }
}

/// What each import cannot carry back, said at every import and in docs/FORMAT.md.
pub const NOT_CARRIED: [(&str, &str); 4] = [
    (
        "ics",
        "countries, agencies, people, outcomes (they come back in the summary), quotes, related events, notes, source titles (a source comes back as its URL), a place's country (it comes back in the place's text), extension (`x-`) fields",
    ),
    (
        "csv",
        "the timeline's title and description, the names and aliases of countries, agencies and people, people's roles, which country an agency or person belongs to (so `by:` a country no longer covers the agencies and people that acted for it), a place's country, quotes, outcomes, related events, notes, source titles and sources after the first, extension (`x-`) fields, spaces at the start of a title",
    ),
    (
        "markwhen",
        "the names of agencies and people (and of countries without a section), people's roles, which country an agency or person belongs to (so `by:` a country no longer covers the agencies and people that acted for it), places, quotes, outcomes, related events, notes, sources, extension (`x-`) fields, spaces at the start of a title",
    ),
    (
        "timelinejs",
        "the names of countries, agencies and people, people's roles, which country an agency or person belongs to (so `by:` a country no longer covers the agencies and people that acted for it), places, quotes, related events, notes, sources (but a media URL), extension (`x-`) fields, spaces at the start of a title",
    ),
];

/// A written date and the instant the source also gives must agree; where they do not (the
/// calendar entry was moved, the CSV edited), the written date is kept and the difference said.
fn check_instants(starts: &[Start], ids: &[String], loaded: &crate::model::Timeline, notes: &mut Notes) {
    for e in starts {
        let expected = e.utc;
        let Some(ix) = ids.get(e.event).and_then(|id| loaded.event_index(id)) else { continue };
        let date = &loaded.events[ix].date;
        if date.has_time() && date.start_instant() != expected {
            notes.note(
                e.line,
                format!(
                    "the date `{}` starts at {}, but the source's UTC start says {}; the date as written is kept",
                    e.date,
                    crate::model::date::rfc3339(date.start_instant()),
                    crate::model::date::rfc3339(expected)
                ),
            );
        }
    }
}

/// A draft event's UTC start, where its source gives one beside the written date.
struct Start {
    /// The event's place in the draft.
    event: usize,
    utc: i64,
    line: usize,
    date: String,
}

/// What a format's file looks like, for messages.
pub(crate) fn expected(format: Format) -> &'static str {
    match format {
        Format::Markwhen => "markwhen: an optional `---` header, then lines `DATE: title #tag`",
        Format::Timelinejs => "a TimelineJS JSON object with an `events` list",
        Format::Ics => "an iCalendar file: BEGIN:VCALENDAR … END:VCALENDAR",
        Format::Csv => "CSV with a header row naming at least `title` and `date` (or `start`)",
        Format::Json => "the JSON that `export --format json` writes",
    }
}

/// The format a text unmistakably is, from its first characters: JSON starts with `{` or `[`,
/// iCalendar with `BEGIN:VCALENDAR`, markwhen's header with `---`. `None` when it could be
/// anything (CSV and markwhen without a header are told apart by their readers).
fn looks_like(text: &str) -> Option<Format> {
    let start = text.trim_start();
    if start.starts_with(['{', '[']) {
        Some(Format::Timelinejs)
    } else if start.get(..15).is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCALENDAR")) {
        Some(Format::Ics)
    } else if start.starts_with("---") {
        Some(Format::Markwhen)
    } else {
        None
    }
}

/// Checks a written date with the format's own date parser; the error in its words.
pub(crate) fn check_date(written: &str) -> Result<(), String> {
    DateSpec::parse(written).map(|_| ()).map_err(|e| e.to_string())
}

/// A year in the written form: four digits, `-` before the year 0 (`-0043` is 44 BCE).
pub(crate) fn year_text(year: i64) -> String {
    if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year:04}")
    }
}

/// A point in the written form from its parts (which the date parser then checks).
pub(crate) fn point_text(year: i64, month: Option<u32>, day: Option<u32>) -> String {
    let mut out = year_text(year);
    if let Some(m) = month {
        out.push_str(&format!("-{m:02}"));
        if let Some(d) = day {
            out.push_str(&format!("-{d:02}"));
        }
    }
    out
}

/// The written form of a point or a range, with `~` and `?`.
pub(crate) fn date_text(start: &str, end: Option<&str>, approximate: bool, uncertain: bool) -> String {
    let mut out = String::new();
    if approximate {
        out.push('~');
    }
    out.push_str(start);
    if let Some(end) = end.filter(|&e| e != start) {
        out.push_str("..");
        out.push_str(end);
    }
    if uncertain {
        out.push('?');
    }
    out
}

/// An id in this format's shape (`[a-z0-9][a-z0-9_-]*`) from any text: lower case, runs of
/// anything else become `-`; `event` when nothing is left.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || (c == '_' && !out.is_empty()) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "event".into()
    } else {
        out
    }
}

/// A YAML scalar that reads back as exactly `text`: a JSON string (JSON is YAML), whose
/// escapes keep control characters out of the file.
fn quoted(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
    if !json.chars().any(written_escaped) {
        return json;
    }
    json.chars()
        .map(|c| if written_escaped(c) { format!("\\u{:04x}", c as u32) } else { c.to_string() })
        .collect()
}

/// Characters the writer puts in a file only as `\uXXXX` escapes. Bidi and C1 controls, which
/// JSON leaves raw: a file is read in terminals and editors that would obey them. U+2028 and
/// U+2029: YAML reads them as line breaks, so inside quotes the spaces around them would be
/// folded away, and in a block they end the line. A BOM and U+FFFE, U+FFFF: YAML refuses them
/// raw, or would take a BOM for the start of a document.
fn written_escaped(c: char) -> bool {
    crate::text::is_unsafe(c) || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// Text of several lines as a literal block (`|-`) when it can be one exactly, else quoted.
fn block(text: &str, indent: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with([' ', '\n'])
        && !text.ends_with('\n')
        && text.lines().all(|l| l == l.trim_end())
        && !text.chars().any(|c| c != '\n' && written_escaped(c))
        && text.contains('\n');
    if !plain {
        return quoted(text);
    }
    let mut out = String::from("|-");
    for line in text.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(line);
        }
    }
    out
}

/// Whether `text` written as a JSON string needs an escape: a quote, a backslash or a character
/// the writer escapes. Most imported text needs none, and is written between quotes as it is.
fn needs_escape(text: &str) -> bool {
    if text.is_ascii() {
        text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7f)
    } else {
        text.chars().any(|c| c == '"' || c == '\\' || written_escaped(c))
    }
}

/// [`quoted`] written onto `out`.
fn push_quoted(out: &mut String, text: &str) {
    if needs_escape(text) {
        out.push_str(&quoted(text));
    } else {
        out.push('"');
        out.push_str(text);
        out.push('"');
    }
}

/// [`block`] written onto `out` (text of one line is always quoted).
fn push_block(out: &mut String, text: &str, indent: &str) {
    if text.contains('\n') {
        out.push_str(&block(text, indent));
    } else {
        push_quoted(out, text);
    }
}

/// A flow list of quoted items, `["a", "b"]`, written onto `out`.
fn push_list(out: &mut String, items: &[String]) {
    out.push('[');
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        push_quoted(out, item);
    }
    out.push(']');
}

/// A list entry of countries, agencies or people: `  - {id: "ID", name: "NAME"}`.
fn push_entity(out: &mut String, id: &str, name: &str) {
    out.push_str("  - {id: ");
    push_quoted(out, id);
    out.push_str(", name: ");
    push_quoted(out, name);
    out.push_str("}\n");
}

/// An event's list line: `    KEY: ["a", "b"]`.
fn push_list_line(out: &mut String, key: &str, items: &[String]) {
    out.push_str("    ");
    out.push_str(key);
    out.push_str(": ");
    push_list(out, items);
    out.push('\n');
}

/// The event's `by` ids that it lists among its countries, agencies or people, each once; the
/// others are noted, since the loader would refuse them.
fn acting(e: &DraftEvent, notes: &mut Notes) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for id in &e.by {
        let listed = e.countries.contains(id) || e.agencies.contains(id) || e.people.contains(id);
        if !listed {
            notes.note(e.line, format!("`by` names `{id}`, which the event does not list; not kept"));
        } else if !kept.contains(id) {
            kept.push(id.clone());
        }
    }
    kept
}

/// A draft as it is written: each value the one the file and the records hold (ids made valid
/// and unique, `by` only ids the event lists, titles, places and summaries trimmed, tags once
/// each, sources titled), and every country, agency and person an event names listed. The text
/// ([`Settled::text`]) and the records ([`Settled::records`]) are each read off it, so they
/// agree however they are made.
struct Settled(Draft);

/// The draft settled into the values it is written with; each change that is not only a
/// trim is noted, in the events' order.
fn settle(mut draft: Draft, notes: &mut Notes) -> Settled {
    let title = draft.title.take().filter(|t| !t.trim().is_empty());
    draft.title = Some(title.as_deref().map_or("Imported timeline", str::trim).to_string());
    draft.description =
        draft.description.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(str::to_string);
    draft.timezone = match draft.timezone.as_deref().filter(|z| !z.trim().is_empty()) {
        Some(zone) => match crate::model::Zone::parse(zone.trim()) {
            Ok(_) => Some(zone.trim().to_string()),
            Err(_) => {
                notes.note(0, format!("timezone `{zone}` is not an IANA name or an offset; not kept"));
                None
            }
        },
        None => None,
    };
    // Every country, agency and person an event names, in order of first appearance.
    let mut countries: Vec<(String, String)> = Vec::new();
    let mut agencies: Vec<String> = Vec::new();
    let mut people: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<(char, &str)> = std::collections::HashSet::new();
    for (id, name) in &draft.countries {
        if seen.insert(('c', id)) {
            countries.push((id.clone(), name.clone()));
        }
    }
    for e in &draft.events {
        for c in &e.countries {
            if seen.insert(('c', c)) {
                countries.push((c.clone(), c.clone()));
            }
        }
        for a in e.agencies.iter().chain(&draft.agencies) {
            if seen.insert(('a', a)) {
                agencies.push(a.clone());
            }
        }
        for p in e.people.iter().chain(&draft.people) {
            if seen.insert(('p', p)) {
                people.push(p.clone());
            }
        }
    }
    drop(seen);
    (draft.countries, draft.agencies, draft.people) = (countries, agencies, people);
    let mut ids = std::collections::HashSet::new();
    // The next suffix to try for each id asked for: 20,000 events titled alike (or sharing a
    // UID) take one try each, not a count from 2 every time.
    let mut next_suffix: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for e in &mut draft.events {
        let wanted = e.id.as_deref().unwrap_or_default();
        let mut id =
            if crate::model::loader::is_valid_event_id(wanted) { wanted.to_string() } else { slug(&e.title) };
        if !ids.insert(id.clone()) {
            let base = std::mem::take(&mut id);
            let n = next_suffix.entry(base.clone()).or_insert(2);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if ids.insert(id.clone()) {
                    break;
                }
            }
        }
        if e.id.is_some() && id != wanted {
            notes.note(
                e.line,
                format!("id `{wanted}` is not a valid event id or is taken; written as `{id}`"),
            );
        }
        e.id = Some(id);
        e.by = acting(e, notes);
        if e.title.trim().is_empty() {
            e.title = "(untitled)".to_string();
        } else if e.title.trim().len() != e.title.len() {
            // A title's line breaks are kept, as the timeline file keeps them (an export
            // round-trips exactly); the spaces around it go.
            e.title = e.title.trim().to_string();
        }
        e.status = e.status.filter(|&s| s != "happened");
        e.place = e.place.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_string);
        if !e.tags.is_empty() {
            let mut seen_tags = std::collections::HashSet::new();
            let kept: Vec<bool> =
                e.tags.iter().map(|t| !t.trim().is_empty() && seen_tags.insert(t.as_str())).collect();
            let mut kept = kept.into_iter();
            e.tags.retain(|_| kept.next().unwrap_or(false));
        }
        e.summary = e
            .summary
            .as_deref()
            .map(str::trim_end)
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim_start_matches('\n').to_string());
        for (title, url) in &mut e.sources {
            if title.trim().is_empty() {
                *title = url.clone().unwrap_or_else(|| "Source".into());
            }
        }
    }
    Settled(draft)
}

impl Settled {
    /// The timeline file's text.
    fn text(&self, format: Format) -> String {
        let draft = &self.0;
        let mut out = String::with_capacity(written_size(draft));
        out.push_str(SCHEMA_LINE);
        out.push('\n');
        out.push_str(&format!(
            "# Imported with `timeline-explorer import --from {}`; `timeline-explorer check` this file after editing.\n",
            format.name()
        ));
        out.push_str("title: ");
        push_quoted(&mut out, draft.title.as_deref().unwrap_or_default());
        out.push('\n');
        if let Some(d) = &draft.description {
            out.push_str("description: ");
            push_block(&mut out, d, "  ");
            out.push('\n');
        }
        if let Some(zone) = &draft.timezone {
            out.push_str("timezone: ");
            push_quoted(&mut out, zone);
            out.push('\n');
        }
        if !draft.countries.is_empty() {
            out.push_str("countries:\n");
            for (id, name) in &draft.countries {
                push_entity(&mut out, id, name);
            }
        }
        for (key, ids) in [("agencies", &draft.agencies), ("people", &draft.people)] {
            if !ids.is_empty() {
                out.push_str(key);
                out.push_str(":\n");
                for id in ids {
                    push_entity(&mut out, id, id);
                }
            }
        }
        out.push_str("events:");
        if draft.events.is_empty() {
            out.push_str(" []");
        }
        out.push('\n');
        for e in &draft.events {
            out.push_str("  - id: ");
            push_quoted(&mut out, e.id.as_deref().unwrap_or_default());
            out.push_str("\n    title: ");
            push_quoted(&mut out, &e.title);
            out.push_str("\n    date: ");
            push_quoted(&mut out, &e.date);
            out.push('\n');
            if let Some(zone) = &e.timezone {
                out.push_str("    timezone: ");
                push_quoted(&mut out, zone);
                out.push('\n');
            }
            if let Some(status) = e.status {
                out.push_str("    status: ");
                out.push_str(status);
                out.push('\n');
            }
            if let Some(place) = &e.place {
                out.push_str("    location: {place: ");
                push_quoted(&mut out, place);
                out.push_str("}\n");
            }
            for (key, items) in [
                ("countries", &e.countries),
                ("agencies", &e.agencies),
                ("people", &e.people),
                ("by", &e.by),
                ("tags", &e.tags),
            ] {
                if !items.is_empty() {
                    push_list_line(&mut out, key, items);
                }
            }
            if let Some(summary) = &e.summary {
                out.push_str("    summary: ");
                push_block(&mut out, summary, "      ");
                out.push('\n');
            }
            if !e.outcomes.is_empty() {
                push_list_line(&mut out, "outcomes", &e.outcomes);
            }
            if !e.sources.is_empty() {
                out.push_str("    sources:\n");
                for (title, url) in &e.sources {
                    out.push_str("      - {title: ");
                    push_quoted(&mut out, title);
                    if let Some(u) = url {
                        out.push_str(", url: ");
                        push_quoted(&mut out, u);
                    }
                    out.push_str("}\n");
                }
            }
        }
        out
    }

    /// The loader's raw records of the text: what it would read from it, built without reading.
    fn records(&self) -> RawTimeline {
        let draft = &self.0;
        let list = |items: &Vec<String>| Some(items.clone()).filter(|l| !l.is_empty());
        let events = draft
            .events
            .iter()
            .map(|e| RawEvent {
                id: e.id.clone(),
                title: Some(e.title.clone()),
                date: Some(RawDate::Text(e.date.clone())),
                timezone: e.timezone.clone(),
                status: e.status.map(str::to_string),
                location: e
                    .place
                    .as_ref()
                    .map(|p| RawLocation { place: Some(p.clone()), ..Default::default() }),
                countries: list(&e.countries),
                agencies: list(&e.agencies),
                people: Some(e.people.iter().cloned().map(IdOr::Id).collect())
                    .filter(|l: &Vec<_>| !l.is_empty()),
                by: list(&e.by),
                tags: list(&e.tags),
                summary: e.summary.clone(),
                outcomes: list(&e.outcomes),
                sources: Some(
                    e.sources
                        .iter()
                        .map(|(title, url)| RawSource {
                            title: Some(title.clone()),
                            url: url.clone(),
                            ..Default::default()
                        })
                        .collect(),
                )
                .filter(|l: &Vec<_>| !l.is_empty()),
                ..Default::default()
            })
            .collect();
        RawTimeline {
            title: draft.title.clone(),
            description: draft.description.clone(),
            timezone: draft.timezone.clone(),
            countries: Some(
                draft
                    .countries
                    .iter()
                    .map(|(id, name)| RawCountry {
                        id: Some(id.clone()),
                        name: Some(name.clone()),
                        ..Default::default()
                    })
                    .collect(),
            )
            .filter(|l: &Vec<_>| !l.is_empty()),
            agencies: Some(
                draft
                    .agencies
                    .iter()
                    .map(|id| RawAgency {
                        id: Some(id.clone()),
                        name: Some(id.clone()),
                        ..Default::default()
                    })
                    .collect(),
            )
            .filter(|l: &Vec<_>| !l.is_empty()),
            people: Some(
                draft
                    .people
                    .iter()
                    .map(|id| RawPerson {
                        id: Some(id.clone()),
                        name: Some(id.clone()),
                        ..Default::default()
                    })
                    .collect(),
            )
            .filter(|l: &Vec<_>| !l.is_empty()),
            events: Some(events),
            ..Default::default()
        }
    }
}

/// The draft as a timeline file, and the same timeline as the loader's raw records (what the
/// loader would read from the text, built without reading it). Ids are made valid and unique
/// (each change noted); countries, agencies and people that events name but the draft does not
/// list are listed by id.
#[cfg(test)]
fn write_yaml(draft: Draft, format: Format, notes: &mut Notes) -> Written {
    let settled = settle(draft, notes);
    Written { yaml: settled.text(format), records: settled.records() }
}

/// About the length of the text [`write_yaml`] writes for `draft` (more where text is escaped),
/// so that it is written into one allocation instead of copied as it grows.
fn written_size(draft: &Draft) -> usize {
    let items = |l: &[String]| l.iter().map(|s| s.len() + 4).sum::<usize>();
    let event = |e: &DraftEvent| {
        160 + e.title.len()
            + e.date.len()
            + e.timezone.as_ref().map_or(0, String::len)
            + e.place.as_ref().map_or(0, String::len)
            + e.summary.as_ref().map_or(0, String::len)
            + [&e.countries, &e.agencies, &e.people, &e.by, &e.tags, &e.outcomes]
                .map(|l| items(l))
                .iter()
                .sum::<usize>()
            + e.sources.iter().map(|(t, u)| 32 + t.len() + u.as_ref().map_or(0, String::len)).sum::<usize>()
    };
    let entities = draft.countries.iter().map(|(id, name)| 24 + id.len() + name.len()).sum::<usize>();
    1024 + entities + draft.events.iter().map(event).sum::<usize>()
}

/// What [`write_yaml`] writes: the file's text and the loader's raw records of that text.
#[cfg(test)]
struct Written {
    yaml: String,
    records: RawTimeline,
}

/// Line numbers of offsets that mostly come in order (each event after the last): counting
/// goes on from the previous offset instead of from the start of the text, so numbering every
/// event of a file is linear in its length.
pub(crate) struct LineCounter<'t> {
    text: &'t str,
    offset: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    pub(crate) fn new(text: &'t str) -> LineCounter<'t> {
        LineCounter { text, offset: 0, line: 1 }
    }

    /// The 1-based line of `offset` (clamped to the text). Counts only the newlines between the
    /// previous offset and this one, forward or back.
    pub(crate) fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let bytes = self.text.as_bytes();
        if offset < self.offset {
            self.line -= memchr::memchr_iter(b'\n', &bytes[offset..self.offset]).count();
        } else {
            self.line += memchr::memchr_iter(b'\n', &bytes[self.offset..offset]).count();
        }
        self.offset = offset;
        self.line
    }

    /// The 1-based line and column (in characters) of `offset`, as [`line_col`] gives them; the
    /// column counts only the characters of its own line.
    pub(crate) fn line_col_at(&mut self, offset: usize) -> (usize, usize) {
        let line = self.line_at(offset);
        let offset = self.offset;
        let line_start = memchr::memrchr(b'\n', &self.text.as_bytes()[..offset]).map_or(0, |i| i + 1);
        (line, self.text[line_start..offset].chars().count() + 1)
    }
}

/// 1-based line and column of a byte offset in `text`, counted from the start: what
/// [`LineCounter`] must agree with.
#[cfg(test)]
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_counter_agrees_with_counting_from_the_start() {
        let text = "a\nbb\n\nccc\nd";
        let mut counter = LineCounter::new(text);
        for offset in [0, 1, 2, 5, 6, 9, 10, 3, 11, 100, 0, 4, 7] {
            assert_eq!(counter.line_at(offset), line_col(text, offset).0, "offset {offset}");
        }
        let text = "é\nab\u{2028}c\n\ndé";
        let mut counter = LineCounter::new(text);
        for offset in [0, 2, 3, 5, 9, 3, 0, 12, 10, 14, 100, 4, 11, 8] {
            assert_eq!(counter.line_col_at(offset), line_col(text, offset), "offset {offset}");
        }
    }

    #[test]
    fn slugs_are_valid_ids() {
        for (text, id) in
            [("Third round!", "third-round"), ("日本語", "event"), ("  A  b ", "a-b"), ("x_y", "x_y")]
        {
            assert_eq!(slug(text), id);
            assert!(crate::model::loader::is_valid_event_id(&slug(text)));
        }
    }

    #[test]
    fn the_format_of_a_file_is_told_from_its_start() {
        assert_eq!(looks_like("  {\"events\": []}"), Some(Format::Timelinejs));
        assert_eq!(looks_like("BEGIN:VCALENDAR\r\n"), Some(Format::Ics));
        assert_eq!(looks_like("---\ntitle: x\n---\n"), Some(Format::Markwhen));
        assert_eq!(looks_like("id,title,date\n"), None);
    }

    #[test]
    fn blocks_are_used_only_where_they_read_back_exactly() {
        assert_eq!(block("a\n\nb", "  "), "|-\n  a\n\n  b");
        assert_eq!(block("one line", "  "), "\"one line\"");
        assert_eq!(block(" lead\nx", "  "), "\" lead\\nx\"");
        assert_eq!(block("a\u{1b}\nb", "  "), "\"a\\u001b\\nb\"");
        assert_eq!(quoted("\u{202e}x\u{9b}"), "\"\\u202ex\\u009b\"");
        assert_eq!(quoted("a\u{2028} b\u{fffe}"), "\"a\\u2028 b\\ufffe\"");
        assert_eq!(block("a\u{2029}b\nc", "  "), "\"a\\u2029b\\nc\"");
    }
}
