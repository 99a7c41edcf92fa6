//! A markwhen document: front matter with the title, then `DATE: title #tags` lines with the
//! summary below each, inside `group COUNTRY` … `endGroup` by the first country involved.

use super::clean;
use crate::model::date::PointDate;
use crate::model::{DateSpec, EventIx, Timeline};

fn point(p: &PointDate) -> String {
    p.to_string()
}

/// markwhen's date syntax: `2016`, `2016-12`, `2016-12-07`, ranges with `/`.
pub fn date(d: &DateSpec) -> String {
    match &d.end {
        Some(end) => format!("{}/{}", point(&d.start), point(end)),
        None => point(&d.start),
    }
}

/// A tag as markwhen reads one: `#` then letters, digits, `-` and `_`.
fn tag(t: &str) -> String {
    t.chars().map(|c| if c.is_alphanumeric() || c == '_' || c == '-' { c } else { '-' }).collect()
}

/// A line of description that markwhen must not mistake for an event or a directive.
fn description_line(text: &str) -> String {
    let text = clean(text, false);
    let starts_like_syntax = text.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '#')
        || text.starts_with("group")
        || text.starts_with("endGroup")
        || text.starts_with("section")
        || text.starts_with("endSection");
    if starts_like_syntax {
        format!("— {text}")
    } else {
        text
    }
}

pub fn document(timeline: &Timeline, events: &[EventIx]) -> String {
    let t = timeline;
    let mut out = String::new();
    out.push_str("---\n");
    out.push_str(&format!("title: {}\n", clean(&t.title, false).replace(['\n', '\r'], " ")));
    out.push_str("---\n\n");
    if let Some(description) = &t.description {
        for line in crate::text::reflow(description.trim()).lines() {
            out.push_str(&format!("// {}\n", clean(line, false)));
        }
        out.push('\n');
    }
    // Groups in order of first appearance, each with its events in chronological order.
    let mut groups: Vec<(Option<usize>, Vec<EventIx>)> = Vec::new();
    for &ix in events {
        let key = super::group_country(t, &t.events[ix]);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(ix),
            None => groups.push((key, vec![ix])),
        }
    }
    for (key, list) in groups {
        if let Some(c) = key {
            out.push_str(&format!("group {}\n", clean(&t.countries[c].name, false)));
        }
        for ix in list {
            let e = &t.events[ix];
            let tags: Vec<String> = e.tags.iter().map(|x| format!("#{}", tag(x))).collect();
            let mut line = format!("{}: {}", date(&e.date), clean(&e.title, false));
            if !tags.is_empty() {
                line.push(' ');
                line.push_str(&tags.join(" "));
            }
            out.push_str(&line);
            out.push('\n');
            if let Some(summary) = &e.summary {
                for l in crate::text::reflow(summary.trim_end()).lines().filter(|l| !l.trim().is_empty()) {
                    out.push_str(&description_line(l));
                    out.push('\n');
                }
            }
            out.push('\n');
        }
        if key.is_some() {
            out.push_str("endGroup\n\n");
        }
    }
    out
}
