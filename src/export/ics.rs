//! iCalendar (RFC 5545) through the `icalendar` crate, which folds lines at 75 octets and
//! escapes text. Every event is all-day: DTSTART;VALUE=DATE and an exclusive DTEND. Tags are
//! one `CATEGORIES:a,b,c` line (ics-py refuses more than one); a circa or uncertain date says so
//! in the SUMMARY; `URL` only for an http(s) URL that is a valid URI. `X-TIMELINE-EXPLORER-DATE`
//! keeps the date as written, so `import --from ics` gets back what a calendar cannot hold.

use super::Options;
use crate::model::{EventIx, Status, Timeline};
use chrono::Datelike;
use icalendar::{Calendar, Component, EventLike, EventStatus, Property};

/// A UID that stays the same across exports of one timeline and differs between timelines that
/// share an event id: the id, made safe, and a hash of the timeline's title.
pub fn uid(timeline_title: &str, id: &str) -> String {
    let safe: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    let hash = crate::model::loader::fnv1a_of(timeline_title.as_bytes());
    format!("{safe}.{:08x}@timeline-explorer", hash as u32)
}

pub fn calendar(timeline: &Timeline, events: &[EventIx], options: &Options) -> String {
    let t = timeline;
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", "-//timeline-explorer//timeline-explorer//EN"));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    // An X- property is not escaped by the crate; escape it as TEXT (RFC 5545 3.3.11).
    let name = text_value(&text(&t.title));
    calendar.append_property(Property::new("X-WR-CALNAME", name));
    // The timeline's zone, in which its written dates (below) are read; Google Calendar and
    // Apple Calendar read it too.
    if t.zone != crate::model::Zone::Utc {
        calendar.append_property(Property::new("X-WR-TIMEZONE", t.zone.name()));
    }
    for &ix in events {
        let e = &t.events[ix];
        // iCalendar dates have four-digit years from 0000; earlier or later events cannot be
        // written and are left out (the README says so).
        if e.date.first_day().year() < 0 || e.date.last_day().year() > 9999 {
            continue;
        }
        // An end that would fall in the year 10000 (an event on December 31, 9999) is written as
        // a DURATION instead (RFC 5545 3.8.2.5), which says the same.
        let end_fits = e.date.last_day().succ_opt().is_some_and(|d| d.year() <= 9999);
        let mut event = icalendar::Event::new();
        event.uid(&uid(&t.title, &e.id));
        event.timestamp(options.generated);
        event.summary(&text(&summary_line(&e.title, &e.date)));
        if e.date.has_time() {
            // A time is an instant: DTSTART (and DTEND) in UTC. A whole day at one end of such
            // a range runs from the timeline's midnight; a moment has no DTEND (RFC 5545 3.6.1).
            let utc = |instant: i64| chrono::DateTime::from_timestamp(instant, 0).unwrap_or_default();
            event.starts(utc(e.date.start_instant()));
            match e.date.end {
                Some(end) if end.time.is_some() => {
                    event.ends(utc(e.date.end_instant()));
                }
                Some(_) if end_fits => {
                    event.ends(utc(e.date.end_instant() + 1));
                }
                Some(_) => {
                    let seconds = e.date.end_instant() + 1 - e.date.start_instant();
                    event.append_property(Property::new("DURATION", format!("PT{seconds}S")));
                }
                None => {}
            }
        } else {
            event.starts(e.date.first_day());
            // DTEND of an all-day event is the day after the last day.
            match e.date.last_day().succ_opt().filter(|_| end_fits) {
                Some(after) => {
                    event.ends(after);
                }
                None => {
                    let days = (e.date.last_day() - e.date.first_day()).num_days() + 1;
                    event.append_property(Property::new("DURATION", format!("P{days}D")));
                }
            }
        }
        let mut description = String::new();
        if e.date.approximate || e.date.uncertain || e.date.precision() != crate::model::Precision::Day {
            description.push_str(&format!("Date as recorded: {}\n", e.date.human()));
        }
        if let Some(summary) = &e.summary {
            description.push_str(&crate::text::reflow(summary.trim_end()));
            description.push('\n');
        }
        for outcome in &e.outcomes {
            description.push_str(&format!("- {}\n", outcome.trim_end()));
        }
        if let Some(notes) = &e.notes {
            description.push_str(&format!("Notes: {}\n", crate::text::reflow(notes.trim_end())));
        }
        if let Some(annotation) = &e.annotation {
            description.push_str(&format!("\nAnnotation: {}\n", annotation.trim_end()));
        }
        if !description.is_empty() {
            event.description(&text(description.trim_end()));
        }
        if let Some(location) = &e.location {
            let country = location.country.map(|c| t.countries[c].name.clone());
            let text = match (&location.place, country) {
                (Some(p), Some(c)) => format!("{p}, {c}"),
                (Some(p), None) => p.clone(),
                (None, Some(c)) => c,
                (None, None) => String::new(),
            };
            if !text.is_empty() {
                event.location(&self::text(&text));
            }
        }
        if !e.tags.is_empty() {
            // One line, the values separated by unescaped commas (RFC 5545 3.8.1.2). The crate
            // would escape those commas in a CATEGORIES value, so it is written under a private
            // name and renamed in `finish`.
            let values: Vec<String> = e.tags.iter().map(|tag| text_value(&text(tag))).collect();
            event.add_property(CATEGORIES_STAND_IN, values.join(","));
        }
        event.add_property(DATE_PROPERTY, e.date.to_string());
        if let Some(zone) = &e.zone {
            event.add_property(ZONE_PROPERTY, zone.name());
        }
        match e.status {
            Status::Happened => event.status(EventStatus::Confirmed),
            Status::Planned => event.status(EventStatus::Tentative),
            Status::Cancelled => event.status(EventStatus::Cancelled),
            // A calendar has no "did not take place": CANCELLED for calendars, and the status
            // itself in a property of this tool's, for `import`.
            Status::NotHeld => {
                event.add_property(STATUS_PROPERTY, Status::NotHeld.as_str());
                event.status(EventStatus::Cancelled)
            }
        };
        if let Some(url) = e.sources.iter().find_map(|s| s.url.as_deref().and_then(super::http_uri)) {
            event.add_property("URL", url);
        }
        calendar.push(event.done());
    }
    finish(&calendar.to_string())
}

/// The private name the CATEGORIES line is written under before `finish` renames it.
const CATEGORIES_STAND_IN: &str = "X-TIMELINE-EXPLORER-CATEGORIES";

/// The date as the timeline writes it (`~1972`, `2016-05?`, `-0043-03-15`), for the importer.
pub const DATE_PROPERTY: &str = "X-TIMELINE-EXPLORER-DATE";

/// The event's own `timezone:`, in which its written date is read, for the importer.
pub const ZONE_PROPERTY: &str = "X-TIMELINE-EXPLORER-TIMEZONE";

/// The status when iCalendar's own cannot say it (`did-not-take-place`).
pub const STATUS_PROPERTY: &str = "X-TIMELINE-EXPLORER-STATUS";

/// The suffix a circa date gets in the SUMMARY, and an uncertain one.
pub const CIRCA: &str = " (circa)";
pub const UNCERTAIN: &str = " (date uncertain)";

/// The title as a calendar shows it: with `(circa)` for an approximate date and `(date
/// uncertain)` for an uncertain one, which a calendar's own dates cannot say.
fn summary_line(title: &str, date: &crate::model::DateSpec) -> String {
    let mut line = title.to_string();
    if date.approximate {
        line.push_str(CIRCA);
    }
    if date.uncertain {
        line.push_str(UNCERTAIN);
    }
    line
}

/// Text as iCalendar TEXT can hold it (RFC 5545 3.3.11): every character but the controls
/// U+0000–U+001F and U+007F, of which only a tab is allowed and a line break escaped (`\n`).
/// Those it cannot hold become U+FFFD, and `export::not_carried` says so.
fn text(text: &str) -> String {
    text.chars().map(|c| if super::ics_cannot_hold(c) { '\u{fffd}' } else { c }).collect()
}

/// TEXT escaping (RFC 5545 3.3.11) for values the crate writes as they are.
fn text_value(text: &str) -> String {
    text.replace('\\', "\\\\").replace(',', "\\,").replace(';', "\\;").replace('\n', "\\n")
}

/// The calendar's text, unfolded, with the CATEGORIES stand-in renamed, folded again.
fn finish(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    let renamed = unfolded.replace(&format!("\r\n{CATEGORIES_STAND_IN}:"), "\r\nCATEGORIES:");
    refold(&renamed)
}

/// Folds every content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence. The
/// crate folds too, but can leave a continuation line one octet over when it keeps an escape
/// (`\,`) whole; unfolding and folding again here keeps every line within the limit.
fn refold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(text.len() + text.len() / 60);
    for line in unfolded.split_terminator("\r\n") {
        let mut room = 75;
        for c in line.chars() {
            if c.len_utf8() > room {
                out.push_str("\r\n ");
                room = 74; // after the leading space
            }
            out.push(c);
            room -= c.len_utf8();
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refolding_keeps_every_line_within_75_octets_and_unfolds_to_the_same_text() {
        let long = format!(
            "DESCRIPTION:{}\\,{}é{}\r\nEND:VEVENT\r\n",
            "a".repeat(62),
            "b".repeat(70),
            "ü".repeat(50)
        );
        let folded = refold(&long);
        for line in folded.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), long);
    }
}
