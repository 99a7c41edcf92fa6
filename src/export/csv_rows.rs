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
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
