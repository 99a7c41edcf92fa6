//! What an export leaves out of the events it is given, said beside it (`export` prints each on
//! stderr as a `note:`), so that no export loses data silently: what the format has no place
//! for (people's roles in a CSV), characters it cannot hold (controls in iCalendar TEXT, a line
//! break in a markwhen title), and `related:` links to events the export does not include.

use super::Format;
use crate::model::{Event, EventIx, Timeline};

/// A part of an event some formats have no place for.
struct Part {
    what: &'static str,
    has: fn(&Event) -> bool,
    lost_in: &'static [Format],
}

/// The parts each format drops (docs/FORMAT.md's table of what an import cannot carry back says
/// the same from the other side).
const PARTS: [Part; 7] = [
    Part {
        what: "people's roles",
        has: |e| e.people.iter().any(|p| p.role.is_some()),
        lost_in: &[Format::Csv, Format::Markwhen, Format::Timelinejs],
    },
    Part {
        what: "related events",
        has: |e| !e.related.is_empty(),
        lost_in: &[Format::Csv, Format::Markwhen, Format::Timelinejs, Format::Ics],
    },
    Part {
        what: "quotes",
        has: |e| !e.quotes.is_empty(),
        lost_in: &[Format::Csv, Format::Markwhen, Format::Timelinejs, Format::Ics],
    },
    Part {
        what: "notes",
        has: |e| e.notes.is_some(),
        lost_in: &[Format::Csv, Format::Markwhen, Format::Timelinejs],
    },
    Part { what: "outcomes", has: |e| !e.outcomes.is_empty(), lost_in: &[Format::Csv, Format::Markwhen] },
    Part {
        what: "places",
        has: |e| e.location.as_ref().is_some_and(|l| l.place.is_some()),
        lost_in: &[Format::Markwhen, Format::Timelinejs],
    },
    Part {
        what: "countries, agencies and people",
        has: |e| !e.countries.is_empty() || !e.agencies.is_empty() || !e.people.is_empty(),
        lost_in: &[Format::Ics],
    },
];

/// What an export of `events` as `format` does not carry, one sentence each; empty when it
/// carries everything.
pub fn not_carried(timeline: &Timeline, events: &[EventIx], format: Format) -> Vec<String> {
    let t = timeline;
    let mut out = Vec::new();
    let name = format.name();
    for part in PARTS.iter().filter(|p| p.lost_in.contains(&format)) {
        let having: Vec<&Event> = events.iter().map(|&ix| &t.events[ix]).filter(|e| (part.has)(e)).collect();
        if !having.is_empty() {
            out.push(format!("{name} does not carry {}: {} left out", part.what, events_named(&having)));
        }
    }
    match format {
        Format::Ics => {
            let having = with_text(t, events, |text| text.chars().any(super::ics_cannot_hold));
            if !having.is_empty() {
                out.push(format!(
                    "iCalendar text cannot hold control characters (U+0000–U+001F but tab and line break, U+007F): written as U+FFFD in {}",
                    events_named(&having)
                ));
            }
        }
        Format::Markwhen => {
            let having: Vec<&Event> =
                events.iter().map(|&ix| &t.events[ix]).filter(|e| e.title.contains(['\n', '\r'])).collect();
            if !having.is_empty() {
                out.push(format!(
                    "a markwhen event is one line: a line break in a title is written as a space in {}",
                    events_named(&having)
                ));
            }
        }
        _ => {}
    }
    // Links out of the export: the formats that carry links (JSON) keep only those inside it.
    let inside: std::collections::HashSet<EventIx> = events.iter().copied().collect();
    let carries_links = !PARTS[1].lost_in.contains(&format) && format != Format::Markdown;
    if carries_links {
        let pointing: Vec<&Event> = events
            .iter()
            .map(|&ix| &t.events[ix])
            .filter(|e| e.related.iter().any(|l| !inside.contains(&l.event)))
            .collect();
        if !pointing.is_empty() {
            out.push(format!(
                "`related:` links to events outside this export are left out, from {}",
                events_named(&pointing)
            ));
        }
    }
    out
}

/// The events any of whose texts `bad` finds something in.
fn with_text<'t>(t: &'t Timeline, events: &[EventIx], bad: impl Fn(&str) -> bool) -> Vec<&'t Event> {
    events
        .iter()
        .map(|&ix| &t.events[ix])
        .filter(|e| {
            let place = e.location.as_ref().and_then(|l| l.place.as_deref());
            [Some(e.title.as_str()), e.summary.as_deref(), e.notes.as_deref(), e.annotation.as_deref(), place]
                .into_iter()
                .flatten()
                .chain(e.outcomes.iter().map(String::as_str))
                .chain(e.tags.iter().map(String::as_str))
                .any(&bad)
        })
        .collect()
}

/// `3 events (a, b, c)`, or the first five ids and how many more, each escaped.
fn events_named(events: &[&Event]) -> String {
    let shown: Vec<String> =
        events.iter().take(5).map(|e| format!("`{}`", crate::text::escape(&e.id))).collect();
    let more = if events.len() > 5 { format!(" and {} more", events.len() - 5) } else { String::new() };
    let plural = if events.len() == 1 { "" } else { "s" };
    format!("{} event{plural} ({}{more})", events.len(), shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeline(yaml: &str) -> Timeline {
        crate::model::load_str("t.yaml", yaml).unwrap()
    }

    const FILE: &str = "title: T\npeople: [{id: oliver, name: Oliver}]\nevents:\n  - id: a\n    title: \"A\\u0001\\nb\"\n    date: 2016\n    people: [{id: oliver, role: guest}]\n    related: [b]\n  - id: b\n    title: B\n    date: 2017\n";

    #[test]
    fn roles_and_links_left_out_are_said() {
        let t = timeline(FILE);
        let csv = not_carried(&t, &[0, 1], Format::Csv);
        assert!(
            csv.contains(&"csv does not carry people's roles: 1 event (`a`) left out".to_string()),
            "{csv:?}"
        );
        assert!(csv.iter().any(|n| n.starts_with("csv does not carry related events")), "{csv:?}");
        // JSON carries links, but only to events in the export.
        assert!(not_carried(&t, &[0, 1], Format::Json).is_empty());
        assert_eq!(
            not_carried(&t, &[0], Format::Json),
            ["`related:` links to events outside this export are left out, from 1 event (`a`)"]
        );
    }

    #[test]
    fn characters_a_format_cannot_hold_are_said() {
        let t = timeline(FILE);
        assert!(not_carried(&t, &[0], Format::Ics)
            .iter()
            .any(|n| n.contains("written as U+FFFD in 1 event (`a`)")));
        assert!(not_carried(&t, &[0], Format::Markwhen)
            .iter()
            .any(|n| n.contains("written as a space in 1 event")));
        assert!(!not_carried(&t, &[0], Format::Timelinejs).iter().any(|n| n.contains("written as")));
    }
}
