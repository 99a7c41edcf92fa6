//! The Markdown report of a diff: a changelog for a release note. Apart from the text and JSON
//! reports (`report.rs`) because it escapes with the Markdown export's rules, which the
//! explorer's detail (which shows a change through `report::detail_lines`) must not depend on.

use super::report::{counts_line, date_words, word_pieces};
use crate::model::diff::{Change, Diff, EventChange, Field, Kind, WordEdit};

/// Markdown-escaped running text (data never becomes markup).
fn md(text: &str) -> String {
    crate::export::markdown::md(&crate::text::reflow(text).split_whitespace().collect::<Vec<_>>().join(" "))
}

fn md_change(change: &Change) -> String {
    let field = change.field().name();
    match change {
        Change::Value { field: f, from: Some(a), to: Some(b) } if f.is_prose() => {
            let mut line = String::new();
            for piece in word_pieces(a, b) {
                match piece {
                    WordEdit::Same(t) => line.push_str(&md(&t)),
                    WordEdit::Removed(t) => line.push_str(&format!(" ~~{}~~ ", md(&t))),
                    WordEdit::Added(t) => line.push_str(&format!(" **{}** ", md(&t))),
                }
            }
            format!("{field}: {}", line.split_whitespace().collect::<Vec<_>>().join(" "))
        }
        Change::Value { field: Field::Id, from, .. } => {
            format!("renamed from {}", md(from.as_deref().unwrap_or_default()))
        }
        Change::Value { from, to, .. } => {
            let v = |x: &Option<String>| x.as_deref().map_or("(none)".to_string(), md);
            format!("{field}: {} → {}", v(from), v(to))
        }
        Change::Status { from, to } => format!("{field}: {} → {}", from.words(), to.words()),
        Change::Date { from, to } => {
            let words = date_words(from, to);
            let words = if words.is_empty() { String::new() } else { format!(" ({words})") };
            format!("{field}: {} → {}{words}", md(&from.human()), md(&to.human()))
        }
        Change::List { removed, added, .. } => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!(
                    "added {}",
                    added.iter().map(|a| format!("“{}”", md(a))).collect::<Vec<_>>().join(", ")
                ));
            }
            if !removed.is_empty() {
                parts.push(format!(
                    "removed {}",
                    removed.iter().map(|r| format!("“{}”", md(r))).collect::<Vec<_>>().join(", ")
                ));
            }
            format!("{field}: {}", parts.join("; "))
        }
    }
}

/// The Markdown report: a changelog for a release note.
pub fn markdown(diff: &Diff, old: &str, new: &str) -> String {
    let mut out = format!("## Changes from {} to {}\n\n{}\n", md(old), md(new), md(&counts_line(diff)));
    let event_line = |e: &EventChange| {
        let s = e.current();
        format!("- {} — {} ({})\n", md(&s.date.human()), md(&s.title), md(&s.id))
    };
    for (kind, heading) in [(Kind::Added, "Added"), (Kind::Removed, "Removed"), (Kind::Changed, "Changed")] {
        let events: Vec<&EventChange> = diff.events.iter().filter(|e| e.kind == kind).collect();
        if events.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {heading}\n\n"));
        for e in events {
            out.push_str(&event_line(e));
            for change in &e.changes {
                out.push_str(&format!("  - {}\n", md_change(change)));
            }
        }
    }
    if !diff.entities.is_empty() {
        out.push_str("\n### Countries, agencies and people\n\n");
        for e in &diff.entities {
            out.push_str(&format!(
                "- {} {} {} ({})\n",
                e.kind.name(),
                e.entity.name(),
                md(&e.id),
                md(&e.name)
            ));
            for change in &e.changes {
                out.push_str(&format!("  - {}\n", md_change(change)));
            }
        }
    }
    if !diff.timeline.is_empty() {
        out.push_str("\n### The timeline\n\n");
        for change in &diff.timeline {
            out.push_str(&format!("- {}\n", md_change(change)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diff::diff;
    use crate::model::load_str;

    #[test]
    fn no_escape_from_data_reaches_the_markdown_report() {
        let old =
            load_str("a", "title: T\nevents:\n  - {id: a, title: \"Talks\", date: 2016-01-01, tags: [x]}\n")
                .unwrap();
        let new = load_str(
            "b",
            "title: T\nevents:\n  - {id: a, title: \"Talks \\u001b]0;pwned\\u0007 \\u202e\", date: 2016-01-01, tags: [\"\\u001b[2J\"]}\n",
        )
        .unwrap();
        let d = diff(&old, &new);
        assert!(!d.events.is_empty(), "the title and the tags changed");
        let md = markdown(&d, "old\u{1b}", "new");
        assert!(!md.chars().any(|c| crate::text::is_unsafe(c) && c != '\n'), "{md:?}");
    }
}
