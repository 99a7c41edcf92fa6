//! iCalendar through the `icalendar` crate's parser. Each VEVENT becomes an event: UID its id
//! (the iCalendar export's `ID.HASH@timeline-explorer` gives back `ID`), SUMMARY its title
//! (a `(circa)` or `(date uncertain)` suffix, as the export writes, marks the date), DTSTART
//! and DTEND (exclusive) its date — whole years, months and days are recognised, times keep
//! their UTC `Z` or their TZID as the event's `timezone` — or `X-TIMELINE-EXPLORER-DATE`, the
//! written date, when present; DESCRIPTION its summary, CATEGORIES its tags, STATUS its status,
//! LOCATION its place, URL a source. The calendar's X-WR-CALNAME, X-WR-CALDESC and
//! X-WR-TIMEZONE give the title, description and zone. Everything else is listed as not mapped.

use super::{check_date, date_text, point_text, Draft, DraftEvent, Notes, Problems};
use crate::export::ics::{CIRCA, DATE_PROPERTY, STATUS_PROPERTY, UNCERTAIN, ZONE_PROPERTY};
use chrono::{Datelike, NaiveDate, Timelike};
use std::collections::BTreeMap;

/// One content line after unfolding: where it starts in the file, and its text.
struct Logical {
    line: usize,
    text: String,
}

/// Unfolds (RFC 5545 3.1) keeping each logical line's first physical line number.
fn logical_lines(text: &str) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), out.last_mut()) {
            (Some(rest), Some(last)) => last.text.push_str(rest),
            _ if raw.is_empty() => {}
            _ => out.push(Logical { line: i + 1, text: raw.to_string() }),
        }
    }
    out
}

/// How deep BEGIN:…/END:… components may nest (VCALENDAR › VEVENT › VALARM is three).
const MAX_NESTING: usize = 16;

/// The first line where components nest deeper than `MAX_NESTING`, and how deep, counted
/// without recursion.
fn too_deep(lines: &[Logical]) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for l in lines {
        let name = |prefix: &str| l.text.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
        if name("BEGIN:") {
            depth += 1;
            if depth > MAX_NESTING {
                return Some((l.line, depth));
            }
        } else if name("END:") {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

/// A content line's name (`DTSTART` of `DTSTART;VALUE=DATE:2016…`) if it is well formed.
fn name_of(text: &str) -> Option<&str> {
    let end = text.find([';', ':'])?;
    let name = &text[..end];
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')).then_some(name)
}

/// The value of a content line: what follows the first colon outside a quoted parameter value
/// (`DESCRIPTION;ALTREP="cid:x":text` gives `text`).
fn raw_value(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return &line[i + 1..],
            _ => {}
        }
    }
    ""
}

/// TEXT list values (CATEGORIES): split at unescaped commas, then unescaped.
fn text_list(raw: &str) -> Vec<String> {
    split_text(raw, true).into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// A TEXT value unescaped (RFC 5545 3.3.11: `\,` `\;` `\\` and `\n` or `\N`), for the
/// calendar's X- properties, which the crate's parser leaves as written.
fn unescape(raw: &str) -> String {
    split_text(raw, false).concat()
}

/// A TEXT value unescaped, split at unescaped commas when `at_commas` (a list).
fn split_text(raw: &str, at_commas: bool) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        let last = items.last_mut().expect("never empty");
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => last.push('\n'),
                Some(other) => last.push(other),
                None => {}
            },
            ',' if at_commas => items.push(String::new()),
            c => last.push(c),
        }
    }
    items
}

/// A DATE (`20161207`) or DATE-TIME (`20161207T090000`, with `Z`) value.
enum When {
    Day(NaiveDate),
    Time { day: NaiveDate, clock: String, utc: bool },
}

fn when(value: &str) -> Option<When> {
    let value = value.trim();
    let day = |d: &str| -> Option<NaiveDate> {
        if d.len() != 8 || !d.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        NaiveDate::from_ymd_opt(d[..4].parse().ok()?, d[4..6].parse().ok()?, d[6..].parse().ok()?)
    };
    match value.split_once(['T', 't']) {
        None => day(value).map(When::Day),
        Some((d, t)) => {
            let (t, utc) = match t.strip_suffix(['Z', 'z']) {
                Some(t) => (t, true),
                None => (t, false),
            };
            if t.len() != 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let clock = if &t[4..] == "00" {
                format!("{}:{}", &t[..2], &t[2..4])
            } else {
                format!("{}:{}:{}", &t[..2], &t[2..4], &t[4..])
            };
            Some(When::Time { day: day(d)?, clock, utc })
        }
    }
}

/// A wall-clock time (`HH:MM` or `HH:MM:SS`) on `day`.
fn wall(day: NaiveDate, clock: &str) -> Option<chrono::NaiveDateTime> {
    let format = if clock.len() > 5 { "%H:%M:%S" } else { "%H:%M" };
    chrono::NaiveTime::parse_from_str(clock, format).ok().map(|t| day.and_time(t))
}

/// The clock as the date form writes it: seconds only when there are some.
fn clock_text(time: chrono::NaiveDateTime) -> (NaiveDate, String) {
    let clock = if time.second() == 0 { time.format("%H:%M") } else { time.format("%H:%M:%S") };
    (time.date(), clock.to_string())
}

/// The same instant as `day clock` in `from`, on the wall clock of `to`.
fn reframe(
    from: &crate::model::Zone,
    to: &crate::model::Zone,
    day: NaiveDate,
    clock: &str,
) -> Option<(NaiveDate, String)> {
    let instant = from.instant_of(wall(day, clock)?)?;
    Some(clock_text(to.local_time(instant)))
}

/// A local time the clocks skip in `zone` (spring forward), moved as RFC 5545 §3.3.5 reads it:
/// with the UTC offset in effect before the gap. `None` when the time exists.
fn shift_out_of_gap(zone: &crate::model::Zone, day: NaiveDate, clock: &str) -> Option<(NaiveDate, String)> {
    let local = wall(day, clock)?;
    if zone.instant_of(local).is_some() {
        return None;
    }
    // The offset a few hours before: before the gap (gaps are at most a few hours long).
    let before = zone.instant_of(local - chrono::Duration::hours(6))?;
    let offset = before - (local - chrono::Duration::hours(6)).and_utc().timestamp();
    let instant = local.and_utc().timestamp() + offset;
    Some(clock_text(zone.local_time(instant)))
}

/// The instant of a DATE-TIME in UTC (`20161207T090000Z`), to check a written date against.
fn utc_instant(value: &str) -> Option<i64> {
    match when(value)? {
        When::Time { day, clock, utc: true } => {
            let time = chrono::NaiveTime::parse_from_str(&clock, "%H:%M")
                .or_else(|_| chrono::NaiveTime::parse_from_str(&clock, "%H:%M:%S"))
                .ok()?;
            Some(day.and_time(time).and_utc().timestamp())
        }
        _ => None,
    }
}

fn day_text(d: NaiveDate) -> String {
    point_text(i64::from(d.year()), Some(d.month()), Some(d.day()))
}

/// All-day start and exclusive end in the written form at the coarsest precision they fill:
/// whole years (`2016`, `2015..2017`), whole months (`2016-05`), else days.
fn days_text(start: NaiveDate, end_exclusive: Option<NaiveDate>) -> String {
    let end = end_exclusive.filter(|e| *e > start).unwrap_or_else(|| start.succ_opt().unwrap_or(start));
    let last = end.pred_opt().unwrap_or(start);
    if start.ordinal() == 1 && end.ordinal() == 1 {
        let (a, b) = (i64::from(start.year()), i64::from(end.year()) - 1);
        return date_text(&point_text(a, None, None), Some(&point_text(b, None, None)), false, false);
    }
    if start.day() == 1 && end.day() == 1 {
        let a = point_text(i64::from(start.year()), Some(start.month()), None);
        let b = point_text(i64::from(last.year()), Some(last.month()), None);
        return date_text(&a, Some(&b), false, false);
    }
    date_text(&day_text(start), Some(&day_text(last)), false, false)
}

pub(crate) fn read(text: &str, notes: &mut Notes, problems: &mut Problems) -> Draft {
    let mut draft = Draft::default();
    let lines = logical_lines(text);
    if !lines.first().is_some_and(|l| l.text.eq_ignore_ascii_case("BEGIN:VCALENDAR")) {
        let d =
            crate::model::Diagnostic::new("this is not iCalendar: it does not start with BEGIN:VCALENDAR")
                .with_help(Some(format!("expected {}", super::expected(super::Format::Ics))))
                .at(lines.first().map_or(1, |l| l.line), 1, 1);
        problems.push(d);
        return draft;
    }
    // Every line must be a content line; say where the first that is not is.
    if let Some(bad) = lines.iter().find(|l| name_of(&l.text).is_none() || !l.text.contains(':')) {
        problems.at(
            bad.line,
            1,
            bad.text.chars().count().min(40),
            format!(
                "not an iCalendar content line (`NAME:value` or `NAME;PARAM=x:value`): `{}`",
                crate::text::escape(&bad.text.chars().take(60).collect::<String>())
            ),
        );
        return draft;
    }
    // The parser recurses once per nested component: thousands of nested BEGIN: lines would
    // overflow the stack. Real calendars nest three deep (VCALENDAR, VEVENT, VALARM).
    if let Some((at, depth)) = too_deep(&lines) {
        problems.at(
            at,
            1,
            6,
            format!("components are nested {depth} deep here; at most {MAX_NESTING} levels are read"),
        );
        return draft;
    }
    let unfolded = icalendar::parser::unfold(text);
    let calendar = match icalendar::parser::read_calendar(&unfolded) {
        Ok(c) => c,
        Err(e) => {
            let first = e.lines().find(|l| !l.trim().is_empty()).unwrap_or("unreadable").to_string();
            problems.at(1, 1, 1, format!("the iCalendar parser cannot read this file: {first}"));
            return draft;
        }
    };
    // Where each VEVENT starts, and its raw lines (for CATEGORIES, whose commas the crate
    // unescapes together with the ones that separate values).
    let mut vevents: Vec<Vec<&Logical>> = Vec::new();
    let mut inside = false;
    for l in &lines {
        if l.text.eq_ignore_ascii_case("BEGIN:VEVENT") {
            inside = true;
            vevents.push(vec![l]);
        } else if l.text.eq_ignore_ascii_case("END:VEVENT") {
            inside = false;
        } else if inside {
            vevents.last_mut().unwrap().push(l);
        }
    }
    for p in &calendar.properties {
        match p.name.as_str() {
            "X-WR-CALNAME" => draft.title = Some(unescape(p.val.as_str())),
            "X-WR-CALDESC" => draft.description = Some(unescape(p.val.as_str())),
            "X-WR-TIMEZONE" => draft.timezone = Some(unescape(p.val.as_str())),
            _ => {}
        }
    }
    let mut unmapped: BTreeMap<String, usize> = BTreeMap::new();
    let mut n = 0;
    for component in &calendar.components {
        if component.name != "VEVENT" {
            if !matches!(component.name.as_str(), "VTIMEZONE") {
                *unmapped.entry(format!("{} component", component.name.as_str())).or_default() += 1;
            }
            continue;
        }
        let raw = vevents.get(n).cloned().unwrap_or_default();
        n += 1;
        let line = raw.first().map_or(0, |l| l.line);
        let line_of =
            |name: &str| raw.iter().find(|l| name_of(&l.text) == Some(name)).map_or(line, |l| l.line);
        let mut event = DraftEvent { line, ..DraftEvent::default() };
        let prop = |name: &str| component.properties.iter().find(|p| p.name == name);
        let param = |p: &icalendar::parser::Property, key: &str| {
            p.params
                .iter()
                .find(|q| q.key == key)
                .and_then(|q| q.val.as_ref())
                .map(|v| v.as_str().to_string())
        };
        // TEXT values unescaped here, in one pass: the crate's parser unescapes `\\` before
        // `\n`, so a summary holding a backslash then `n` would come back as a line break.
        let text_prop = |name: &str| {
            raw.iter().find(|l| name_of(&l.text) == Some(name)).map(|l| unescape(raw_value(&l.text)))
        };
        let mut title = text_prop("SUMMARY").unwrap_or_default();
        let written = prop(DATE_PROPERTY).map(|p| p.val.as_str().trim().to_string());
        // The suffixes the export adds for a circa or uncertain date; with the written date
        // present they come off only where that date has the mark, so a title that happens to
        // end in `(circa)` keeps it.
        let mut approximate = false;
        let mut uncertain = false;
        let marks = written.as_deref().map(|w| (w.starts_with('~'), w.ends_with('?')));
        if marks.is_none_or(|(_, u)| u) {
            if let Some(t) = title.strip_suffix(UNCERTAIN) {
                uncertain = true;
                title = t.to_string();
            }
        }
        if marks.is_none_or(|(a, _)| a) {
            if let Some(t) = title.strip_suffix(CIRCA) {
                approximate = true;
                title = t.to_string();
            }
        }
        event.title = title;
        event.id = prop("UID").map(|p| {
            let uid = p.val.as_str();
            let local = uid.strip_suffix("@timeline-explorer").unwrap_or(uid);
            match local.rsplit_once('.') {
                Some((id, hash)) if hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    id.to_string()
                }
                _ => local.to_string(),
            }
        });
        // The date: as written, when the export left it; else from DTSTART and DTEND.
        match written {
            Some(w) => match check_date(&w) {
                Ok(()) => {
                    event.date = w;
                    // The written date's times are read in the event's own zone, if it has one.
                    event.timezone = prop(ZONE_PROPERTY).map(|p| p.val.as_str().trim().to_string());
                    event.start_utc = prop("DTSTART").and_then(|p| utc_instant(p.val.as_str()));
                }
                Err(e) => problems.at(
                    line_of(DATE_PROPERTY),
                    1,
                    1,
                    format!("invalid {DATE_PROPERTY} `{}`: {e}", crate::text::escape(&w)),
                ),
            },
            None => {
                let Some(start) = prop("DTSTART") else {
                    problems.at(line, 1, 12, "a VEVENT without DTSTART");
                    continue;
                };
                let Some(from) = when(start.val.as_str()) else {
                    problems.at(
                        line_of("DTSTART"),
                        1,
                        7,
                        format!(
                            "DTSTART `{}` is not a DATE or DATE-TIME",
                            crate::text::escape(start.val.as_str())
                        ),
                    );
                    continue;
                };
                let end = prop("DTEND").and_then(|p| when(p.val.as_str()));
                if prop("DTEND").is_some() && end.is_none() {
                    problems.at(line_of("DTEND"), 1, 5, "DTEND is not a DATE or DATE-TIME");
                    continue;
                }
                let core = match (from, end) {
                    (When::Day(a), Some(When::Day(b))) => days_text(a, Some(b)),
                    (When::Day(a), _) => days_text(a, None),
                    (When::Time { day, clock, utc }, end) => {
                        // Each end in its own frame: UTC (`Z`), its TZID, or the calendar's zone.
                        let calendar = draft.timezone.as_deref();
                        let frame = |utc: bool, tzid: Option<String>| -> Option<crate::model::Zone> {
                            if utc {
                                return Some(crate::model::Zone::Utc);
                            }
                            tzid.as_deref().or(calendar).and_then(|z| crate::model::Zone::parse(z).ok())
                        };
                        let start_frame = frame(utc, param(start, "TZID"));
                        let (day, clock) = match start_frame.map(|f| shift_out_of_gap(&f, day, &clock)) {
                            Some(Some((d, c))) => {
                                notes.note(
                                    line_of("DTSTART"),
                                    format!(
                                        "DTSTART {} {clock} does not exist there (the clocks skip it); read with the offset before the gap, as RFC 5545 says: {} {c}",
                                        day_text(day),
                                        day_text(d)
                                    ),
                                );
                                (d, c)
                            }
                            _ => (day, clock),
                        };
                        let z = if utc { "Z" } else { "" };
                        let a = format!("{}T{clock}{z}", day_text(day));
                        if !utc {
                            event.timezone = param(start, "TZID");
                        }
                        match end {
                            Some(When::Time { day: end_day, clock: end_clock, utc: end_utc }) => {
                                let end_frame = frame(end_utc, prop("DTEND").and_then(|p| param(p, "TZID")));
                                let (end_day, end_clock) = match end_frame
                                    .as_ref()
                                    .and_then(|f| shift_out_of_gap(f, end_day, &end_clock))
                                {
                                    Some((d, c)) => {
                                        notes.note(
                                                line_of("DTEND"),
                                                format!(
                                                    "DTEND {} {end_clock} does not exist there (the clocks skip it); read with the offset before the gap: {} {c}",
                                                    day_text(end_day),
                                                    day_text(d)
                                                ),
                                            );
                                        (d, c)
                                    }
                                    None => (end_day, end_clock),
                                };
                                // An end in another frame is written in the start's, at the same
                                // instant: the date form has one zone for both ends.
                                let (end_day, end_clock, end_z) = match (start_frame, end_frame) {
                                    (Some(sf), Some(ef)) if sf != ef => {
                                        match reframe(&ef, &sf, end_day, &end_clock) {
                                            Some((d, c)) => (d, c, z),
                                            None => (end_day, end_clock, if end_utc { "Z" } else { "" }),
                                        }
                                    }
                                    _ => (end_day, end_clock, if end_utc { "Z" } else { "" }),
                                };
                                let b = format!("{}T{end_clock}{end_z}", day_text(end_day));
                                date_text(&a, Some(&b), false, false)
                            }
                            _ => a,
                        }
                    }
                };
                event.date = format!(
                    "{}{core}{}",
                    if approximate { "~" } else { "" },
                    if uncertain { "?" } else { "" }
                );
                if let Err(e) = check_date(&event.date) {
                    problems.at(
                        line_of("DTSTART"),
                        1,
                        7,
                        format!(
                            "the dates make `{}`, which is not a date: {e}",
                            crate::text::escape(&event.date)
                        ),
                    );
                }
            }
        }
        if let Some(zone) = event.timezone.clone() {
            if crate::model::Zone::parse(&zone).is_err() {
                notes.note(
                    line_of("DTSTART"),
                    format!("TZID `{zone}` is not an IANA zone; the time is read in the calendar's zone"),
                );
                event.timezone = None;
            }
        }
        if let Some(d) = text_prop("DESCRIPTION") {
            let text = d.as_str();
            // The iCalendar export's first line repeats the date in words.
            let text = match text.strip_prefix("Date as recorded: ") {
                Some(rest) => rest.split_once('\n').map_or("", |(_, r)| r),
                None => text,
            };
            if !text.trim().is_empty() {
                event.summary = Some(text.to_string());
            }
        }
        for l in raw.iter().filter(|l| name_of(&l.text) == Some("CATEGORIES")) {
            let value = l.text.split_once(':').map_or("", |(_, v)| v);
            event.tags.extend(text_list(value));
        }
        event.status = prop("STATUS").and_then(|p| match p.val.as_str().to_ascii_uppercase().as_str() {
            "TENTATIVE" => Some("planned"),
            "CANCELLED" => Some("cancelled"),
            _ => None,
        });
        if prop(STATUS_PROPERTY).is_some_and(|p| p.val.as_str().trim() == "did-not-take-place") {
            event.status = Some("did-not-take-place");
        }
        event.place = text_prop("LOCATION");
        if let Some(url) = prop("URL").map(|p| p.val.as_str().trim().to_string()).filter(|u| !u.is_empty()) {
            event.sources.push((url.clone(), Some(url)));
        }
        for p in &component.properties {
            let known = [
                "UID",
                "SUMMARY",
                "DTSTART",
                "DTEND",
                "DTSTAMP",
                "DESCRIPTION",
                "CATEGORIES",
                "STATUS",
                "LOCATION",
                "URL",
                DATE_PROPERTY,
                ZONE_PROPERTY,
                STATUS_PROPERTY,
                "CREATED",
                "LAST-MODIFIED",
                "SEQUENCE",
                "TRANSP",
            ];
            if p.name == "RRULE" || p.name == "RDATE" {
                // A repeating event would silently become its first occurrence: said where.
                notes.note(
                    line_of(p.name.as_str()),
                    format!("{} (a repeating event): only the first occurrence is kept", p.name.as_str()),
                );
            } else if !known.contains(&p.name.as_str()) {
                *unmapped.entry(p.name.as_str().to_string()).or_default() += 1;
            }
        }
        for c in &component.components {
            *unmapped.entry(format!("{} component", c.name.as_str())).or_default() += 1;
        }
        draft.events.push(event);
    }
    for (what, count) in unmapped {
        notes.note(0, format!("{what} not mapped ({count} time{})", if count == 1 { "" } else { "s" }));
    }
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_years_months_and_days_are_recognised() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(days_text(d(2016, 1, 1), Some(d(2017, 1, 1))), "2016");
        assert_eq!(days_text(d(2015, 1, 1), Some(d(2018, 1, 1))), "2015..2017");
        assert_eq!(days_text(d(2016, 5, 1), Some(d(2016, 6, 1))), "2016-05");
        assert_eq!(days_text(d(2016, 4, 1), Some(d(2016, 7, 1))), "2016-04..2016-06");
        assert_eq!(days_text(d(2016, 12, 7), Some(d(2016, 12, 9))), "2016-12-07..2016-12-08");
        assert_eq!(days_text(d(2016, 12, 7), None), "2016-12-07");
    }

    #[test]
    fn category_lists_split_at_unescaped_commas() {
        assert_eq!(text_list("a,b\\,c,d\\;e, f"), ["a", "b,c", "d;e", "f"]);
    }

    #[test]
    fn ten_thousand_nested_components_are_refused_without_recursion() {
        let mut text = String::from("BEGIN:VCALENDAR\r\n");
        for _ in 0..10_000 {
            text.push_str("BEGIN:X-DEEP\r\n");
        }
        for _ in 0..10_000 {
            text.push_str("END:X-DEEP\r\n");
        }
        text.push_str("END:VCALENDAR\r\n");
        let err = super::super::import("deep.ics", &text, super::super::Format::Ics).unwrap_err();
        assert_eq!(err.items.len(), 1);
        let d = &err.items[0];
        assert!(d.message.contains("nested 17 deep"), "{}", d.message);
        assert_eq!(d.line, 17, "the line where it went too deep");
    }

    #[test]
    fn text_is_unescaped_as_rfc_5545_says() {
        assert_eq!(
            unescape("Cal\\, one\\; two \\\\ three\\nfour\\Nfive"),
            "Cal, one; two \\ three\nfour\nfive"
        );
    }

    fn calendar(lines: &str) -> String {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\n{lines}END:VEVENT\r\nEND:VCALENDAR\r\n")
    }

    fn date_of(yaml: &str) -> String {
        yaml.lines()
            .find_map(|l| l.trim().strip_prefix("date: "))
            .unwrap_or_default()
            .trim_matches('"')
            .to_string()
    }

    #[test]
    fn an_end_in_another_zone_is_written_at_its_instant_in_the_start_s_zone() {
        let ics = calendar(
            "DTSTART;TZID=Europe/Moscow:19621026T170000\r\nDTEND;TZID=America/Havana:19621026T200000\r\n",
        );
        let imported = super::super::import("m.ics", &ics, super::super::Format::Ics).unwrap();
        // Moscow 17:00 is 14:00 UTC; Havana 20:00 (UTC-5 in October 1962) is 01:00 UTC the next day.
        let t = crate::model::load_str("m.yaml", &imported.yaml).unwrap();
        let date = &t.events[0].date;
        assert_eq!(
            (date.start_instant(), date.end_instant()),
            (-226_663_200, -226_623_600),
            "{}",
            date_of(&imported.yaml)
        );
        let utc_start = calendar("DTSTART:19621026T140000Z\r\nDTEND;TZID=America/Havana:19621026T200000\r\n");
        let imported = super::super::import("m.ics", &utc_start, super::super::Format::Ics).unwrap();
        assert_eq!(date_of(&imported.yaml), "1962-10-26T14:00Z..1962-10-27T01:00Z");
    }

    #[test]
    fn a_time_the_clocks_skip_is_read_as_rfc_5545_says_with_a_note() {
        let ics = calendar("DTSTART;TZID=America/New_York:20240310T023000\r\nDTEND;TZID=America/New_York:20240310T024500\r\n");
        let imported = super::super::import("g.ics", &ics, super::super::Format::Ics).unwrap();
        assert_eq!(date_of(&imported.yaml), "2024-03-10T03:30..2024-03-10T03:45");
        let said = imported.unmapped.join("\n");
        assert!(said.contains("g.ics:7: DTSTART 2024-03-10 02:30 does not exist there"), "{said}");
        assert!(said.contains("g.ics:8: DTEND 2024-03-10 02:45 does not exist there"), "{said}");
    }
}
