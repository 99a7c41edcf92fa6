//! One row per event for spreadsheets: RFC 4180 quoting by the `csv` crate.
//!
//! The list columns (`countries`, `agencies`, `people`, `tags`) hold ids, joined with `;`: the
//! same names the query language takes (`country:CN agency:fbi person:guo-shengkun`), which
//! stay the same when a name is edited and which `import --from csv` maps back. `url` is the
//! URL of the first source that has one. `start_utc` and `end_utc` are the instants of a date
//! with a time (RFC 3339, UTC), empty for whole days, which are the same days in every zone.
//! `timezone` is the event's own zone and `timeline_timezone` the timeline's (empty for UTC,
//! the same on every row), so that `import --from csv` reads the dates in the zones they were
//! written in. `countries` lists the event's own countries; `involved_countries` also those of
//! its agencies, people and place. `by` lists who acted (ids, as in the file's `by:`).
//!
//! Every cell goes through [`formula_safe`]: a spreadsheet never runs an event's text as a
//! formula, and `import --from csv` undoes exactly that (docs/FORMAT.md, "CSV columns").

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula (OWASP's list: `=`,
/// `+`, `-`, `@`, tab, carriage return), and `'`, the mark that keeps it text.
const FORMULA_LEADS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A cell a spreadsheet shows as text, never runs: one starting with a formula's first
/// character gets a `'` in front (OWASP's CSV injection advice). A cell already starting with
/// `'` gets one too, so that [`formula_safe_undone`] strips exactly what was added and the
/// export–import round trip gives the text back: `=1+1` ↔ `'=1+1`, `'tis` ↔ `''tis`.
pub fn formula_safe(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(first) if FORMULA_LEADS.contains(&first) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// A cell as it was before [`formula_safe`]: one leading `'` removed (what `import --from csv`
/// reads every cell through).
pub fn formula_safe_undone(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}
use crate::model::{EventIx, Timeline};

pub const HEADER: [&str; 20] = [
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
    "by",
];

pub fn table(timeline: &Timeline, events: &[EventIx]) -> String {
    let t = timeline;
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let _ = writer.write_record(HEADER);
    for &ix in events {
        let e = &t.events[ix];
        let countries: Vec<&str> = e.countries.iter().map(|&c| t.countries[c].id.as_str()).collect();
        let involved: Vec<&str> =
            t.involved_countries(e).iter().map(|&c| t.countries[c].id.as_str()).collect();
        let agencies: Vec<&str> = e.agencies.iter().map(|&a| t.agencies[a].id.as_str()).collect();
        let people: Vec<&str> = e.people.iter().map(|p| t.people[p.person].id.as_str()).collect();
        let url = e.sources.iter().find_map(|s| s.url.as_deref()).unwrap_or_default();
        let place = e.location.as_ref().and_then(|l| l.place.clone()).unwrap_or_default();
        let row = [
            e.id.clone(),
            e.title.clone(),
            e.date.to_string(),
            e.date.first_day().to_string(),
            e.date.last_day().to_string(),
            e.status.as_str().to_string(),
            countries.join(";"),
            agencies.join(";"),
            people.join(";"),
            e.tags.join(";"),
            place,
            // Line breaks that only kept the YAML narrow would split a spreadsheet cell.
            crate::text::reflow(e.summary.as_deref().unwrap_or("").trim_end()),
            url.to_string(),
            if e.date.has_time() {
                crate::model::date::rfc3339(e.date.start_instant())
            } else {
                String::new()
            },
            if e.date.has_time() { crate::model::date::rfc3339(e.date.end_instant()) } else { String::new() },
            e.annotation.clone().unwrap_or_default(),
            e.zone.map(|z| z.name()).unwrap_or_default(),
            if t.zone == crate::model::Zone::Utc { String::new() } else { t.zone.name() },
            involved.join(";"),
            e.by.iter().map(|&a| t.actor_id(a)).collect::<Vec<_>>().join(";"),
        ];
        let _ = writer.write_record(row.iter().map(|cell| formula_safe(cell).into_owned()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each formula lead is neutralised in the cell the csv crate reads back, and undone exactly.
    #[test]
    fn formula_leads_are_kept_text_and_undone_exactly() {
        for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'tis", "''", "plain", "", "a=b"] {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record([formula_safe(text).as_ref()]).unwrap();
            let written = writer.into_inner().unwrap();
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(written.as_slice());
            let record = reader.records().next().expect("a row").unwrap();
            let cell = &record[0];
            let dangerous = text.starts_with(FORMULA_LEADS);
            assert_eq!(cell.starts_with('\''), dangerous, "{text:?} written as {cell:?}");
            assert_eq!(formula_safe_undone(cell), text);
        }
    }
}
