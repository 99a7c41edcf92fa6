//! A markwhen document in the syntax of the current parser (`@markwhen/parser` 1.2): a YAML
//! header with the title, the description and the `timezone`, then `DATE: title #tags` lines,
//! each with its `id` (and, where markwhen cannot hold the date as written, the written date) as
//! event properties and the summary below it, under a `# Country` heading (a markdown section)
//! for the country the event is grouped by. A planned or cancelled event gets the tag
//! `#planned`, `#cancelled` or `#did_not_take_place` (markwhen has no status of its own; a tag of that name is written
//! under another name); an event's own `timezone`, and its `countries` (where the section does
//! not say them), `agencies`, `people` and `by` (ids, as JSON lists) are event properties.
//!
//! markwhen has no escapes, so the export neutralizes what its parser would read as syntax with
//! an invisible WORD JOINER (U+2060), which `import` removes again (see [`neutralize`]); tags,
//! which markwhen takes as `#` and word characters, are written in a safe form and mapped back
//! through the header's `timeline-explorer-tags`.

use crate::model::date::PointDate;
use crate::model::{DateSpec, EventIx, Status, Timeline};
use std::collections::BTreeMap;

/// The invisible character the export puts where markwhen would otherwise see syntax.
pub const JOINER: char = '\u{2060}';

/// The header key that maps the safe tag names back to the tags as written.
pub const TAGS_KEY: &str = "timeline-explorer-tags";

/// A date in markwhen's syntax, and whether it says all the written form says. markwhen reads
/// `2016`, `2016-12`, `2016-12-07`, `2016-12-07 09:00` (minutes, in the header's `timezone`),
/// ranges with `/`, and `44 BCE` (years only, before year 1). It has no circa, no uncertain, no
/// seconds or offsets: those dates carry their written form in a `date` property as well.
pub fn date(d: &DateSpec, zone: &crate::model::Zone) -> (String, bool) {
    let bce = d.start.year <= 0 || d.end.is_some_and(|e| e.year <= 0);
    if bce {
        let year = |p: &PointDate| crate::model::date::long_year(p.year);
        let text = match &d.end {
            Some(end) if end.year != d.start.year => format!("{}–{}", year(&d.start), bce_or_ce(end.year)),
            _ => year(&d.start),
        };
        // markwhen 1.2 ends a BCE range at the start of its last year (`264 BCE–146 BCE` stops
        // at the start of 146 BCE), so a range is not exact either.
        let single_year =
            d.start.month.is_none() && d.end.is_none_or(|e| e.month.is_none() && e.year == d.start.year);
        return (text, single_year && !d.approximate && !d.uncertain);
    }
    // markwhen reads `YYYY-MM-DD HH:MM` in the event's `timezone` property, else in the
    // header's: `zone` is the event's own zone, else the timeline's.
    let point = |p: &PointDate, instant: i64| match p.time {
        Some(_) => zone.local_time(instant).format("%Y-%m-%d %H:%M").to_string(),
        None => p.to_string(),
    };
    let text = match &d.end {
        Some(end) => format!("{}/{}", point(&d.start, d.start_instant()), point(end, d.end_instant())),
        None => point(&d.start, d.start_instant()),
    };
    (text, !d.approximate && !d.uncertain && !d.has_time())
}

/// The end of a BCE range: `200 BCE`, or `50 CE` once it crosses into the common era.
fn bce_or_ce(year: i32) -> String {
    if year <= 0 {
        crate::model::date::long_year(year)
    } else {
        format!("{year} CE")
    }
}

/// A tag as markwhen reads one: `#` then ASCII word characters, not all digits. Letters,
/// digits and `_` stay; `-` and spaces become `_`; anything else becomes `_` and its code
/// point in hex (`日本語` → `_65e5_672c_8a9e`). The header maps it back when it differs.
pub fn safe_tag(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    for c in tag.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '_' => out.push(c),
            '-' | ' ' => out.push('_'),
            c => out.push_str(&format!("_{:x}", c as u32)),
        }
    }
    if out.is_empty() || out.bytes().all(|b| b.is_ascii_digit()) {
        out.insert(0, 't');
    }
    out
}

/// Text made inert for markwhen's parser, reversibly: after every `#` (a tag), `!` (an id or an
/// image) and `]` (a location link) that comes before a word character, `[`, `(` or a joiner, a
/// WORD JOINER is put, which no markwhen pattern matches and nobody sees. The importer removes
/// exactly one joiner after each of those characters, so the text comes back as it was.
pub fn neutralize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, '#' | '!' | ']')
            && chars.peek().is_some_and(|&n| n.is_alphanumeric() || matches!(n, '_' | '[' | '(' | JOINER))
        {
            out.push(JOINER);
        }
    }
    out
}

/// A line of description that markwhen must not read as an event, a heading, a comment or a
/// property: any line with a colon (every date and property is followed by one), or starting
/// with `#`, `/`, a digit or a joiner, gets a joiner in front, which the importer removes.
fn description_line(text: &str) -> String {
    let text = neutralize(text);
    let risky =
        text.contains(':') || text.trim_start().starts_with(['#', '/', JOINER]) || text.starts_with(JOINER);
    let risky = risky || text.trim_start().starts_with(|c: char| c.is_ascii_digit());
    if risky {
        format!("{JOINER}{text}")
    } else {
        text
    }
}

/// A title or a heading on its one line: a line break, which would end it, becomes a space
/// (`export::not_carried` says so). Every other character is written as it is.
pub(crate) fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// A YAML value that reads back as exactly this string (JSON is YAML).
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

pub fn document(timeline: &Timeline, events: &[EventIx]) -> String {
    let t = timeline;
    let mut out = String::new();
    out.push_str("---\n");
    out.push_str(&format!("title: {}\n", yaml_string(&neutralize(&t.title))));
    if let Some(description) = &t.description {
        let text = neutralize(&crate::text::reflow(description.trim()));
        out.push_str(&format!("description: {}\n", yaml_string(&text)));
    }
    out.push_str(&format!("timezone: {}\n", yaml_string(&t.zone.name())));
    // Each tag's safe name; names that two tags would share get a number.
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    // The status tags are reserved: a tag of that name is written under another.
    for status in Status::ALL.into_iter().filter(|&s| s != Status::Happened) {
        taken.insert(status_tag(status), String::new());
    }
    for &ix in events {
        for tag in &t.events[ix].tags {
            if names.contains_key(tag) {
                continue;
            }
            let base = safe_tag(tag);
            let mut name = base.clone();
            let mut n = 2;
            while taken.get(&name).is_some_and(|owner| owner != tag) {
                name = format!("{base}_{n}");
                n += 1;
            }
            taken.insert(name.clone(), tag.clone());
            names.insert(tag.clone(), name);
        }
    }
    let renamed: Vec<(&String, &String)> =
        taken.iter().filter(|(name, tag)| name != tag && !tag.is_empty()).collect();
    if !renamed.is_empty() {
        out.push_str(&format!("{TAGS_KEY}:\n"));
        for (name, tag) in renamed {
            out.push_str(&format!("  {name}: {}\n", yaml_string(&neutralize(tag))));
        }
    }
    out.push_str("---\n\n");
    // Events with no country first (a markdown section lasts until the next heading), then one
    // section per country in order of first appearance, each in chronological order.
    let mut groups: Vec<(Option<usize>, Vec<EventIx>)> = vec![(None, Vec::new())];
    for &ix in events {
        let key = super::group_country(t, &t.events[ix]);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(ix),
            None => groups.push((key, vec![ix])),
        }
    }
    for (key, list) in groups {
        if let Some(c) = key {
            let country = &t.countries[c];
            out.push_str(&format!("# {}\n", neutralize(&one_line(&country.name))));
            out.push_str(&format!("id: {}\n\n", yaml_string(&country.id)));
        }
        for ix in list {
            let e = &t.events[ix];
            let (when, exact) = date(&e.date, &e.zone.unwrap_or(t.zone));
            let mut line = format!("{when}: {}", neutralize(&one_line(&e.title)));
            for tag in &e.tags {
                line.push_str(&format!(" #{}", names[tag]));
            }
            // markwhen has no status of its own; a tag shows it, and can be filtered on.
            if e.status != Status::Happened {
                line.push_str(&format!(" #{}", status_tag(e.status)));
            }
            out.push_str(&line);
            out.push('\n');
            out.push_str(&format!("id: {}\n", yaml_string(&e.id)));
            if !exact {
                out.push_str(&format!("date: {}\n", yaml_string(&e.date.to_string())));
            }
            // The written date's times are read in the event's own zone.
            if let Some(zone) = &e.zone {
                out.push_str(&format!("timezone: {}\n", yaml_string(&zone.name())));
            }
            // The event's own lists, where the section (one country) does not say them all.
            let ids = |list: Vec<&str>| serde_json::to_string(&list).unwrap_or_default();
            let countries: Vec<&str> = e.countries.iter().map(|&c| t.countries[c].id.as_str()).collect();
            if countries.as_slice() != key.map(|c| t.countries[c].id.as_str()).as_slice() {
                out.push_str(&format!("countries: {}\n", ids(countries)));
            }
            if !e.agencies.is_empty() {
                let list = e.agencies.iter().map(|&a| t.agencies[a].id.as_str()).collect();
                out.push_str(&format!("agencies: {}\n", ids(list)));
            }
            if !e.people.is_empty() {
                let list = e.people.iter().map(|p| t.people[p.person].id.as_str()).collect();
                out.push_str(&format!("people: {}\n", ids(list)));
            }
            if !e.by.is_empty() {
                let list = e.by.iter().map(|&a| t.actor_id(a)).collect();
                out.push_str(&format!("by: {}\n", ids(list)));
            }
            if let Some(summary) = &e.summary {
                for l in crate::text::reflow(summary.trim_end()).lines() {
                    out.push_str(&if l.trim().is_empty() { String::new() } else { description_line(l) });
                    out.push('\n');
                }
            }
            out.push('\n');
        }
    }
    out
}

/// The tag that says a status (`#planned`, `#did_not_take_place`): markwhen tags are word
/// characters, so a `-` is written `_`.
pub(crate) fn status_tag(status: Status) -> String {
    status.as_str().replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_word_characters_and_never_all_digits() {
        assert_eq!(safe_tag("tag-27"), "tag_27");
        assert_eq!(safe_tag("日本語"), "_65e5_672c_8a9e");
        assert_eq!(safe_tag("2016"), "t2016");
        assert_eq!(safe_tag("dialogue"), "dialogue");
    }

    #[test]
    fn neutralizing_leaves_plain_text_alone() {
        assert_eq!(neutralize("Third round, 2016"), "Third round, 2016");
        assert_eq!(neutralize("issue #5 and C# !x"), format!("issue #{JOINER}5 and C# !{JOINER}x"));
    }

    #[test]
    fn dates_markwhen_cannot_hold_are_marked_inexact() {
        let d = |s: &str| date(&DateSpec::parse(s).unwrap(), &crate::model::Zone::Utc);
        assert_eq!(d("2016-12-07..2016-12-08"), ("2016-12-07/2016-12-08".into(), true));
        assert_eq!(d("-0043"), ("44 BCE".into(), true));
        assert_eq!(d("-0043-03-15"), ("44 BCE".into(), false));
        assert_eq!(d("-0049..0050"), ("50 BCE–50 CE".into(), false));
        assert_eq!(d("~1972"), ("1972".into(), false));
        assert_eq!(d("2016-12-07T09:00+08:00"), ("2016-12-07 01:00".into(), false));
    }
}
