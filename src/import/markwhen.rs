//! A reader for the subset of markwhen that the markwhen export writes, which is also what most
//! hand-written markwhen timelines use:
//!
//! - a header between `---` lines: `key: value` lines (a value plain or in double quotes) with
//!   `title`, `description`, `timezone` and the map `timeline-explorer-tags` (safe tag → tag);
//!   without `---`, `title:`, `description:` and `timezone:` lines before the first event;
//! - `// comments`, skipped;
//! - sections `# Name` to `###### Name` (markwhen's current syntax), each followed by
//!   optional `key: value` properties; an event's section becomes its country (the section's
//!   `id` property, else an id made from its name); nesting is not kept;
//! - events `DATE: title #tag #tag`, where DATE is `YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
//!   `YYYY-MM-DD HH:MM`, an ISO instant `YYYY-MM-DDTHH:MM:SSZ`, a range of two of them joined by
//!   `/`, or years `N BCE`, `N BC`, `N CE`, `N AD` and their ranges (`264 BCE–146 BCE`);
//!   the tags `#planned` and `#cancelled` (unless the header renames them) the event's status;
//!   a `#word` that runs into more text (`#team-alpha`, of which markwhen takes only `#team`)
//!   stays whole in the text, with a note at its column;
//!   followed by optional properties (`id`, `date` — the written date, which wins —
//!   `timezone`, and `countries`, `agencies`, `people`, `by` as JSON lists of ids) and then
//!   description lines up to the next event or section.
//!
//! The older `group NAME` … `endGroup` (and `section` … `endSection`), which this tool's
//! markwhen export wrote before markwhen 1.2 dropped it, is read as a section too.
//!
//! Other markwhen (casual dates such as `May 2016`, relative dates, recurrence) is
//! reported as an error at its line, not guessed at. The invisible WORD JOINER the export puts
//! after `#`, `!` and `]` and before risky description lines is removed again.

use super::{check_date, date_text, point_text, slug, Draft, DraftEvent, Notes, Problems};
use crate::export::markwhen::{JOINER, TAGS_KEY};
use crate::model::Status;

/// Removes the joiners the export put in (see `export::markwhen::neutralize`).
pub(crate) fn restore(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_mark = false;
    for c in text.chars() {
        if c == JOINER && after_mark {
            after_mark = false;
            continue;
        }
        after_mark = matches!(c, '#' | '!' | ']');
        out.push(c);
    }
    out
}

/// A `key: value` line (a property): a word of `\w`, `-` and `.`, a colon, then a space or the end.
fn property(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('-') {
        return None;
    }
    let (key, rest) = trimmed.split_once(':')?;
    let is_key = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    (is_key && (rest.is_empty() || rest.starts_with([' ', '\t']))).then(|| (key, rest.trim()))
}

/// A property's value: a double-quoted string as JSON reads it, else the text as it is.
fn value(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.starts_with('"') {
        match serde_json::from_str::<String>(text) {
            Ok(v) => Ok(v),
            // Raw control characters, which JSON does not allow in a string: taken as they are.
            Err(_) if text.len() > 1 && text.ends_with('"') && text.chars().any(char::is_control) => {
                Ok(text[1..text.len() - 1].to_string())
            }
            Err(e) => Err(format!(
                "a quoted value that does not end well: {}",
                e.to_string().split(" at line").next().unwrap_or_default()
            )),
        }
    } else if let Some(inner) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        Ok(inner.replace("''", "'"))
    } else {
        Ok(text.to_string())
    }
}

/// A markdown section heading: its level and title.
fn section(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let level = trimmed.bytes().take_while(|&b| b == b'#').count();
    let rest = &trimmed[level..];
    ((1..=6).contains(&level) && (rest.starts_with([' ', '\t']) || rest.is_empty()))
        .then(|| (level, rest.trim()))
}

/// `44 BCE` → -43, `50 CE` → 50, `2016` → 2016 (for BCE ranges' ends).
fn era_year(text: &str) -> Option<i64> {
    let text = text.trim();
    let upper = text.to_ascii_uppercase();
    for (suffix, bce) in [
        (" BCE", true),
        ("BCE", true),
        (" BC", true),
        ("BC", true),
        (" CE", false),
        ("CE", false),
        (" AD", false),
        ("AD", false),
    ] {
        if let Some(n) = upper.strip_suffix(suffix) {
            let n = n.trim();
            if n.is_empty() || n.len() > 5 || !n.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n: i64 = n.parse().ok()?;
            return Some(if bce { 1 - n } else { n });
        }
    }
    None
}

/// One end of a markwhen date in the written form: `2016-12-07 09:00` → `2016-12-07T09:00`,
/// `1957-10-04T19:28:34Z` as it is, `2016-05` as it is.
fn point(text: &str) -> Option<String> {
    let text = text.trim();
    let (day, time) = match text.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let parts: Vec<&str> = day.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    if !ok {
        return None;
    }
    match time {
        None => Some(day.to_string()),
        Some(t) if parts.len() == 3 => {
            let clock = t.trim_end_matches(['Z', 'z']);
            let shape = clock.split(':').all(|p| digits(p, 2)) && (2..=3).contains(&clock.split(':').count());
            shape.then(|| format!("{day}T{t}"))
        }
        Some(_) => None,
    }
}

/// A markwhen date (the part before the first `: `) in the written form, or `None` if it is not
/// in the subset this reader takes.
pub(crate) fn date(text: &str) -> Option<String> {
    let text = text.trim();
    // Years with an era: `44 BCE`, `264 BCE–146 BCE`, `50 BCE - 50 CE`.
    let upper = text.to_ascii_uppercase();
    if upper.contains("BC") || upper.contains("CE") || upper.contains("AD") {
        let (a, b) = match text
            .split_once(['–', '—'])
            .or_else(|| text.split_once(" - "))
            .or_else(|| text.split_once(" to "))
        {
            Some((a, b)) => (a, Some(b)),
            None => (text, None),
        };
        let end = match b {
            Some(b) => Some(
                era_year(b).or_else(|| b.trim().parse::<i64>().ok().filter(|y| (1..=9999).contains(y)))?,
            ),
            None => None,
        };
        // `264–146 BCE`: the era after the end is the start's too.
        let start = era_year(a).or_else(|| {
            let n: i64 = a.trim().parse().ok()?;
            (b.is_some_and(|b| b.to_ascii_uppercase().contains("BC"))).then_some(1 - n)
        })?;
        let start_text = point_text(start, None, None);
        let end_text = end.map(|e| point_text(e, None, None));
        return Some(date_text(&start_text, end_text.as_deref(), false, false));
    }
    let (a, b) = match text.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (text, None),
    };
    let start = point(a)?;
    let end = match b {
        Some(b) => Some(point(b)?),
        None => None,
    };
    Some(date_text(&start, end.as_deref(), false, false))
}

/// Whether the text before a line's first colon is meant as a date: made only of digits, date
/// punctuation, month names and era words (`May 2016`, `2016-05-03 9am`, `264–146 BCE`).
fn looks_dated(head: &str) -> bool {
    const WORDS: [&str; 20] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "bce", "bc",
        "ce", "ad", "to", "now", "am", "pm",
    ];
    let head = head.trim();
    if head.is_empty()
        || head.chars().count() > 40
        || !head.bytes().any(|b| b.is_ascii_digit()) && head != "now"
    {
        return false;
    }
    // markwhen's recurrence (`2016-01-04 every week for 10 times`, `every day x10`).
    const RECURRENCE: [&str; 12] =
        ["every", "for", "times", "x", "second", "minute", "hour", "day", "weekday", "week", "month", "year"];
    let recurring = head.to_ascii_lowercase().split_whitespace().any(|w| w == "every");
    head.split(|c: char| c.is_ascii_digit() || " -/:~,.–—T".contains(c)).filter(|w| !w.is_empty()).all(|w| {
        let w = w.to_ascii_lowercase();
        WORDS.iter().any(|m| w.starts_with(m) && w.len() <= 9)
            || recurring
                && RECURRENCE.iter().any(|m| w.strip_prefix(m).is_some_and(|s| s.is_empty() || s == "s"))
    })
}

/// Splits an event line into its date (written form) and the rest, or says it is not one:
/// `Ok(None)` for a line that is no event, `Err(head)` for a date this reader does not take.
fn event_line(line: &str) -> Result<Option<(String, &str)>, &str> {
    if line.starts_with(JOINER) {
        return Ok(None);
    }
    // `2016-12-07 09:00: title`: the date may hold colons; the one before the title is followed
    // by a space or ends the line.
    let mut candidates: Vec<(&str, &str)> = Vec::new();
    for (at, _) in line.match_indices(':') {
        let rest = &line[at + 1..];
        if rest.is_empty() || rest.starts_with([' ', '\t']) {
            candidates.push((&line[..at], rest));
        }
    }
    for (head, rest) in &candidates {
        if let Some(written) = date(head) {
            return Ok(Some((written, rest)));
        }
    }
    match candidates.first() {
        Some((head, _)) if looks_dated(head) => Err(head),
        _ => Ok(None),
    }
}

/// A `#word` that markwhen would split: its word runs straight into more text (`#team-alpha`,
/// `#v2.0`), so markwhen takes only the word (`team`) as the tag and leaves the rest glued to
/// the text. It is kept whole, as text, and noted.
#[derive(Debug, PartialEq, Eq)]
struct Glued {
    /// Where its `#` is: a character index in the text given to [`take_tags`].
    at: usize,
    /// From the `#` to the next space: `#team-alpha`.
    text: String,
    /// What markwhen would take as the tag: `team`.
    tag: String,
}

/// Tags in a line as markwhen takes them: `#` after the start or a space, then word characters
/// (ASCII letters, digits, `_`), not all digits, then a space or the end. Returns the line
/// without them, the tags, and the `#word`s that run into more text (see [`Glued`]), which stay
/// in the line: taking them would leave a fragment (`-alpha`) glued to the words before.
fn take_tags(line: &str) -> (String, Vec<String>, Vec<Glued>) {
    let mut text = String::with_capacity(line.len());
    let mut tags = Vec::new();
    let mut glued = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let at_word_start = i == 0 || chars[i - 1].is_whitespace();
        if chars[i] == '#' && at_word_start {
            let name: String =
                chars[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '_').collect();
            let after = i + 1 + name.chars().count();
            let ends = chars.get(after).is_none_or(|c| c.is_whitespace());
            if !name.is_empty() && !ends {
                let word: String = chars[i..].iter().take_while(|c| !c.is_whitespace()).collect();
                glued.push(Glued { at: i, text: word, tag: name });
            } else if !name.is_empty() && !name.bytes().all(|b| b.is_ascii_digit()) {
                // The tag and the space before it go; the text around closes up.
                while text.ends_with(char::is_whitespace) {
                    text.pop();
                }
                tags.push(name);
                i = after;
                continue;
            }
        }
        text.push(chars[i]);
        i += 1;
    }
    (text.trim().to_string(), tags, glued)
}

/// Notes each glued `#word` of a line (see [`Glued`]), at its column: `line` is the file's line
/// and `part` the text given to [`take_tags`], which ends the line.
fn note_glued(notes: &mut Notes, n: usize, line: &str, part: &str, glued: &[Glued]) {
    let offset = line[..line.len() - part.len()].chars().count();
    for g in glued {
        notes.note_at(
            n,
            offset + g.at + 1,
            format!(
                "`{}` kept as text, not as a tag: markwhen would read only `#{}` as the tag",
                g.text, g.tag
            ),
        );
    }
}

pub(crate) fn read(text: &str, notes: &mut Notes, problems: &mut Problems) -> Draft {
    let mut draft = Draft::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut tag_names: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    // The header.
    if lines.first().is_some_and(|l| l.trim_end() == "---") {
        i = 1;
        let mut in_tags = false;
        let mut closed = false;
        while i < lines.len() {
            let line = lines[i];
            i += 1;
            if line.trim_end() == "---" {
                closed = true;
                break;
            }
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let indented = line.starts_with([' ', '\t']);
            let Some((key, raw)) = property(line) else {
                problems.at(
                    i,
                    1,
                    line.chars().count(),
                    format!("expected `key: value` in the header, found `{}`", crate::text::escape(line)),
                );
                continue;
            };
            let v = match value(raw) {
                Ok(v) => v,
                Err(e) => {
                    let column = line.find(raw).map_or(1, |at| line[..at].chars().count() + 1);
                    problems.at(i, column, raw.chars().count(), e);
                    continue;
                }
            };
            if indented && in_tags {
                tag_names.push((key.to_string(), restore(&v)));
                continue;
            }
            in_tags = false;
            match key {
                "title" => draft.title = Some(restore(&v)),
                "description" => draft.description = Some(restore(&v)),
                "timezone" | "tz" => draft.timezone = Some(v),
                TAGS_KEY => in_tags = true,
                _ if indented => {}
                other => notes.note(i, format!("header `{other}` not mapped")),
            }
        }
        if !closed {
            problems.at(1, 1, 3, "the header's `---` is never closed by another `---`");
            return draft;
        }
    }
    let tag = |name: &str| -> String {
        tag_names.iter().find(|(safe, _)| safe == name).map_or_else(|| name.to_string(), |(_, t)| t.clone())
    };
    let mut section_country: Option<String> = None;
    let mut section_ids: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut current: Option<DraftEvent> = None;
    let mut in_properties = false;
    let mut description: Vec<String> = Vec::new();
    let finish = |event: Option<DraftEvent>, description: &mut Vec<String>, draft: &mut Draft| {
        if let Some(mut e) = event {
            while description.last().is_some_and(|l| l.is_empty()) {
                description.pop();
            }
            let text = description.join("\n");
            if !text.trim().is_empty() {
                e.summary = Some(text);
            }
            description.clear();
            draft.events.push(e);
        }
    };
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let n = i;
        if line.trim_start().starts_with("//") {
            continue;
        }
        // `endGroup` closes an older-syntax group (this tool's markwhen export wrote
        // `group NAME` … `endGroup` before markwhen 1.2 dropped them).
        if line.trim() == "endGroup" || line.trim() == "endSection" {
            finish(current.take(), &mut description, &mut draft);
            section_country = None;
            continue;
        }
        let older =
            line.trim_start().strip_prefix("group ").or_else(|| line.trim_start().strip_prefix("section "));
        if let Some((_, name)) = section(line).or_else(|| older.map(|n| (1, n.trim()))) {
            finish(current.take(), &mut description, &mut draft);
            let name = restore(name);
            let mut id = None;
            // Properties, up to the first event (markwhen stops at a date, as here).
            let dated = |l: &str| !matches!(event_line(l), Ok(None));
            while let Some((key, raw)) = lines.get(i).filter(|l| !dated(l)).and_then(|l| property(l)) {
                i += 1;
                match (key, value(raw)) {
                    ("id", Ok(v)) => id = Some(v),
                    (_, Err(e)) => problems.at(i, 1, 1, e),
                    (other, Ok(_)) => notes.note(i, format!("section property `{other}` not mapped")),
                }
            }
            if name.is_empty() {
                section_country = None;
                continue;
            }
            let id = id.filter(|v| !v.trim().is_empty()).unwrap_or_else(|| slug(&name));
            if section_ids.insert(id.clone()) {
                draft.countries.push((id.clone(), name));
            }
            section_country = Some(id);
            continue;
        }
        match event_line(line) {
            Ok(Some((written, rest))) => {
                finish(current.take(), &mut description, &mut draft);
                let (title, tags, glued) = take_tags(rest);
                note_glued(notes, n, line, rest, &glued);
                // `#planned` and `#cancelled` (the export's status tags) are the status; a tag
                // of that name is written under another name, mapped back by the header.
                let status = Status::ALL
                    .into_iter()
                    .filter(|&s| s != Status::Happened)
                    .find(|&s| {
                        let name = crate::export::markwhen::status_tag(s);
                        tags.iter().any(|t| *t == name && tag(t) == name)
                    })
                    .map(Status::as_str);
                current = Some(DraftEvent {
                    title: restore(&title),
                    date: written,
                    status,
                    tags: tags
                        .iter()
                        .filter(|&t| {
                            status.and_then(Status::parse).map(crate::export::markwhen::status_tag).as_deref()
                                != Some(t.as_str())
                        })
                        .map(|t| tag(t))
                        .collect(),
                    countries: section_country.iter().cloned().collect(),
                    line: n,
                    ..DraftEvent::default()
                });
                in_properties = true;
                continue;
            }
            Err(head) => {
                let column = line[..line.len() - line.trim_start().len()].chars().count() + 1;
                problems.at(
                    n,
                    column,
                    head.trim().chars().count(),
                    format!(
                        "`{}` is a markwhen date this importer does not read (casual, relative and recurring dates are not in the subset)",
                        crate::text::escape(head.trim())
                    ),
                );
                continue;
            }
            Ok(None) => {}
        }
        let Some(event) = current.as_mut() else {
            if !line.trim().is_empty() {
                if let Some((key, raw)) = property(line) {
                    match (key, value(raw)) {
                        ("title", Ok(v)) if draft.title.is_none() => draft.title = Some(restore(&v)),
                        ("description", Ok(v)) if draft.description.is_none() => {
                            draft.description = Some(restore(&v))
                        }
                        ("timezone", Ok(v)) => draft.timezone = Some(v),
                        _ => notes.note(n, "text before the first event not mapped"),
                    }
                } else {
                    notes.note(n, "text before the first event not mapped");
                }
            }
            continue;
        };
        if in_properties {
            if let Some((key, raw)) = property(line) {
                let v = match value(raw) {
                    Ok(v) => v,
                    Err(e) => {
                        problems.at(n, 1, line.chars().count(), e);
                        continue;
                    }
                };
                match key {
                    "id" => event.id = Some(v),
                    "date" => match check_date(&v) {
                        Ok(()) => event.date = v,
                        Err(e) => {
                            let column = line.find(raw).map_or(1, |at| line[..at].chars().count() + 1);
                            problems.at(
                                n,
                                column,
                                raw.chars().count(),
                                format!("invalid date `{}`: {e}", crate::text::escape(&v)),
                            );
                        }
                    },
                    "timezone" | "tz" => event.timezone = Some(v),
                    "countries" | "agencies" | "people" | "by" => {
                        match serde_json::from_str::<Vec<String>>(raw) {
                            Ok(list) if key == "countries" => event.countries = list,
                            Ok(list) if key == "agencies" => event.agencies = list,
                            Ok(list) if key == "by" => event.by = list,
                            Ok(list) => event.people = list,
                            Err(_) => notes
                                .note(n, format!("event property `{key}` is not a list of ids; not mapped")),
                        }
                    }
                    other => notes.note(n, format!("event property `{other}` not mapped")),
                }
                continue;
            }
            in_properties = false;
        }
        let body = line.strip_prefix(JOINER).unwrap_or(line);
        let (_, tags, glued) = take_tags(body);
        note_glued(notes, n, line, body, &glued);
        // Repeats are dropped when the timeline is written (`write_yaml`), in linear time.
        event.tags.extend(tags.iter().map(|t| tag(t)));
        description.push(restore(body.trim_end()));
    }
    finish(current.take(), &mut description, &mut draft);
    // Each date, as the format's own date parser reads it.
    for e in &draft.events {
        if let Err(message) = check_date(&e.date) {
            problems.at(e.line, 1, 1, format!("invalid date `{}`: {message}", crate::text::escape(&e.date)));
        }
    }
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markwhen_dates_in_the_written_form() {
        for (mw, written) in [
            ("2016", "2016"),
            ("2016-12-07/2016-12-08", "2016-12-07..2016-12-08"),
            ("2016-12-07 09:00/2016-12-07 17:30", "2016-12-07T09:00..2016-12-07T17:30"),
            ("1957-10-04T19:28:34Z", "1957-10-04T19:28:34Z"),
            ("44 BCE", "-0043"),
            ("264 BCE–146 BCE", "-0263..-0145"),
            ("50 BCE - 50 CE", "-0049..0050"),
            ("264–146 BCE", "-0263..-0145"),
        ] {
            assert_eq!(date(mw).as_deref(), Some(written), "{mw}");
        }
        for bad in ["May 2016", "2016-1", "16", "after !x 3 days", "2016-12-07 9am"] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }

    #[test]
    fn tags_are_taken_as_markwhen_takes_them() {
        let (text, tags, glued) = take_tags("Third round #dialogue #tag_27 C# #5 x#y");
        assert_eq!(text, "Third round C# #5 x#y");
        assert_eq!(tags, ["dialogue", "tag_27"]);
        assert!(glued.is_empty());
    }

    /// Reads one markwhen file: its events' titles and tags, and the notes.
    fn titles_tags_notes(text: &str) -> (Vec<(String, Vec<String>)>, Vec<String>) {
        let mut notes = Notes::new("t.mw");
        let mut problems = Problems::new();
        let draft = read(text, &mut notes, &mut problems);
        assert!(problems.is_empty());
        (draft.events.into_iter().map(|e| (e.title, e.tags)).collect(), notes.lines)
    }

    #[test]
    fn a_tag_running_into_more_text_stays_whole_in_the_title_and_is_noted() {
        let own =
            |title: &str, tags: &[&str]| (title.to_string(), tags.iter().map(|t| t.to_string()).collect());
        let (events, notes) = titles_tags_notes(
            "2026-06-08: Standup #team-alpha done\n2026-06-09: Launch #v2.0 release #go\n2026-06-10: bad #tag-with-dash #Ümlaut\n2026-06-11: #5-x #5 #x_1\n",
        );
        assert_eq!(
            events,
            [
                own("Standup #team-alpha done", &[]),
                own("Launch #v2.0 release", &["go"]),
                own("bad #tag-with-dash #Ümlaut", &[]),
                own("#5-x #5", &["x_1"]),
            ]
        );
        assert_eq!(
            notes,
            [
                "t.mw:1:21: `#team-alpha` kept as text, not as a tag: markwhen would read only `#team` as the tag",
                "t.mw:2:20: `#v2.0` kept as text, not as a tag: markwhen would read only `#v2` as the tag",
                "t.mw:3:17: `#tag-with-dash` kept as text, not as a tag: markwhen would read only `#tag` as the tag",
                "t.mw:4:13: `#5-x` kept as text, not as a tag: markwhen would read only `#5` as the tag",
            ]
        );
        // In a description line too, with the value escaped.
        let (events, notes) = titles_tags_notes("2026: x\nsee #a\u{1b}b and #c\n");
        assert_eq!(events, [own("x", &["c"])]);
        assert_eq!(
            notes,
            ["t.mw:2:5: `#a\\u{1b}b` kept as text, not as a tag: markwhen would read only `#a` as the tag"]
        );
    }

    #[test]
    fn older_groups_are_sections() {
        let mut notes = Notes::new("t.mw");
        let mut problems = Problems::new();
        let draft = read("group United States\n2016: In\nendGroup\n\n2017: Out\n", &mut notes, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(draft.countries, [("united-states".to_string(), "United States".to_string())]);
        assert_eq!(draft.events[0].countries, ["united-states"]);
        assert!(draft.events[1].countries.is_empty());
        assert_eq!(draft.events[0].summary, None, "endGroup is no description");
    }

    #[test]
    fn joiners_come_out_after_marks_only() {
        let j = JOINER;
        assert_eq!(restore(&format!("#{j}x !{j}y ]{j}( a{j}b #{j}{j}z")), format!("#x !y ]( a{j}b #{j}z"));
    }
}
