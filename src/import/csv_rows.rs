//! CSV through the `csv` crate: a header row, then one event a row. The columns are the CSV
//! export's — `id`, `title`, `date` (the written form; or `start` and `end` as days), `status`,
//! `countries`, `agencies`, `people`, `tags` (ids joined with `;`), `place`, `summary`, `url`,
//! `timezone` (the event's own) and `timeline_timezone` (the timeline's, on every row), and
//! `start_utc`/`end_utc` and `involved_countries` (read past: the written date and the lists say
//! the same; a `start_utc` that disagrees with the date is noted) —
//! named in any case and in any order; `title` and `date` or `start` are required. Other
//! columns are listed as not mapped. One `'` at the start of a cell is removed: the export puts
//! it before a formula's first character (and before a `'`), as spreadsheets do to keep text.

use super::{check_date, date_text, Draft, DraftEvent, LineCounter, Notes, Problems};

/// The columns this reader maps: the CSV export's.
const COLUMNS: [&str; 20] = crate::export::CSV_HEADER;

fn ids(cell: &str) -> Vec<String> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

pub(crate) fn read(text: &str, notes: &mut Notes, problems: &mut Problems) -> Draft {
    let mut draft = Draft::default();
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            problems.at(
                1,
                1,
                1,
                format!("the header row cannot be read: {}", crate::text::escape(&e.to_string())),
            );
            return draft;
        }
    };
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    let column = |name: &str| names.iter().position(|n| n == name);
    let title_column = column("title");
    let date_column = column("date").or(column("start"));
    if title_column.is_none() || date_column.is_none() {
        let missing: Vec<&str> = [("title", title_column.is_none()), ("date", date_column.is_none())]
            .iter()
            .filter(|(_, m)| *m)
            .map(|(n, _)| *n)
            .collect();
        let hint = names.iter().find_map(|n| {
            crate::model::suggest::did_you_mean(n, COLUMNS.iter().copied())
                .filter(|s| missing.contains(s))
                .map(|s| (n, s))
        });
        let d = crate::model::Diagnostic::new(format!(
            "the header row has no `{}` column (it has: {})",
            missing.join("` or `"),
            names.iter().map(|n| format!("`{}`", crate::text::escape(n))).collect::<Vec<_>>().join(", ")
        ))
        .with_help(
            hint.map(|(found, want)| format!("did you mean `{want}` for `{}`?", crate::text::escape(found))),
        )
        .at(1, 1, headers.as_slice().chars().count().max(1));
        problems.push(d);
        return draft;
    }
    for name in names.iter().filter(|n| !COLUMNS.contains(&n.as_str())) {
        notes.note(1, format!("column `{name}` not mapped"));
    }
    // Lines are counted in the text from each record's byte offset: the csv crate's own line
    // number counts a `\r\n` as no line end at all (a CRLF file's rows were placed a line
    // early), and its offset may point at the `\n` of the line before, so line ends there are
    // stepped over (a record never starts with one: blank lines are skipped).
    let mut lines = LineCounter::new(text);
    let mut line_of = |position: Option<&csv::Position>| {
        position.map_or(1, |p| {
            let at = (p.byte() as usize).min(text.len());
            let ends = text.as_bytes()[at..].iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
            lines.line_at(at + ends)
        })
    };
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = line_of(e.position());
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                        format!("this row has {len} fields; the header has {expected_len}")
                    }
                    csv::ErrorKind::Utf8 { .. } => "this row is not UTF-8".to_string(),
                    _ => crate::text::escape(&e.to_string()),
                };
                problems.at(line, 1, 1, message);
                continue;
            }
        };
        let line = line_of(record.position());
        let get = |name: &str| {
            // The export's `'` before a formula's first character comes off (export/csv_rows.rs).
            column(name)
                .and_then(|i| record.get(i))
                .map(|cell| crate::export::formula_safe_undone(cell).to_string())
                .filter(|s| !s.trim().is_empty())
        };
        let date = match (get("date"), get("start")) {
            (Some(d), _) => d.trim().to_string(),
            (None, Some(start)) => {
                date_text(start.trim(), get("end").as_deref().map(str::trim), false, false)
            }
            (None, None) => {
                problems.at(line, 1, 1, "this row has no date");
                continue;
            }
        };
        if let Err(e) = check_date(&date) {
            let at = column("date").or(column("start")).unwrap_or(0);
            problems.at(
                line,
                at + 1,
                1,
                format!("invalid date `{}` in column {}: {e}", crate::text::escape(&date), at + 1),
            );
            continue;
        }
        let status = get("status").map(|s| s.trim().to_ascii_lowercase());
        let status = match status.as_deref() {
            None | Some("happened") => None,
            Some("planned") => Some("planned"),
            Some("cancelled" | "canceled") => Some("cancelled"),
            Some("did-not-take-place") => Some("did-not-take-place"),
            Some(other) => {
                notes.note(line, format!("status `{other}` is not happened, planned, cancelled or did-not-take-place; not kept"));
                None
            }
        };
        let url = get("url").map(|u| u.trim().to_string());
        // The timeline's zone, on every row: the first row that gives one sets it.
        if let Some(zone) = get("timeline_timezone").map(|z| z.trim().to_string()) {
            match &draft.timezone {
                None => draft.timezone = Some(zone),
                Some(first) if *first != zone => notes.note(
                    line,
                    format!("timeline_timezone `{zone}` differs from `{first}` of an earlier row; `{first}` is kept"),
                ),
                Some(_) => {}
            }
        }
        let start_utc = get("start_utc").and_then(|u| chrono::DateTime::parse_from_rfc3339(u.trim()).ok());
        draft.events.push(DraftEvent {
            id: get("id").map(|s| s.trim().to_string()),
            title: get("title").unwrap_or_default(),
            date,
            status,
            place: get("place"),
            countries: get("countries").map_or_else(Vec::new, |c| ids(&c)),
            agencies: get("agencies").map_or_else(Vec::new, |c| ids(&c)),
            people: get("people").map_or_else(Vec::new, |c| ids(&c)),
            by: get("by").map_or_else(Vec::new, |c| ids(&c)),
            tags: get("tags").map_or_else(Vec::new, |c| ids(&c)),
            summary: get("summary"),
            sources: url.map(|u| vec![(u.clone(), Some(u))]).unwrap_or_default(),
            timezone: get("timezone").map(|z| z.trim().to_string()),
            start_utc: start_utc.map(|u| u.timestamp()),
            line,
            ..DraftEvent::default()
        });
    }
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of the problems and notes from reading `text`.
    fn places(text: &str) -> (Vec<usize>, Vec<String>) {
        let mut notes = Notes::new("s.csv");
        let mut problems = Problems::new();
        read(text, &mut notes, &mut problems);
        (problems.items.iter().map(|d| d.line).collect(), notes.lines)
    }

    #[test]
    fn rows_are_placed_on_their_own_line_with_any_line_end() {
        for end in ["\n", "\r\n"] {
            let text = format!("title,date{end}A,2026-01-01{end}B,{end}");
            assert_eq!(places(&text).0, [3], "{end:?}");
            // A quoted cell holding a line break before the bad row.
            let text = format!("title,date,status{end}\"A{end}still A\",2026-01-01,odd{end}B,{end}");
            let (problems, notes) = places(&text);
            assert_eq!(problems, [4], "{end:?}");
            assert_eq!(
                notes,
                ["s.csv:2: status `odd` is not happened, planned, cancelled or did-not-take-place; not kept"],
                "{end:?}"
            );
            let text = format!("title,date{end}A,2026-01-01{end}B,2026-01-02,extra{end}");
            assert_eq!(places(&text).0, [3], "{end:?}");
        }
    }
}
