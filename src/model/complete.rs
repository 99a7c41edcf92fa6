//! Completion for query text: at the cursor, a facet name (`ag` → `agency:`), or a value of the
//! facet being written (`country:ch` → `country:CN`), each value with the number of events it
//! would show given the rest of the query — the counts the explorer's pickers show.

use super::facets;
use super::filter::Filter;
use super::fold::fold;
use super::index::Index;
use super::query::{Facet, Query};
use super::{EventIx, Status, Timeline, Zone};

/// What can replace the word before the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Byte range of the text the candidates replace.
    pub start: usize,
    pub end: usize,
    pub candidates: Vec<Candidate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The text that goes in.
    pub insert: String,
    /// How it reads in a list: `CN — China (9)`.
    pub label: String,
}

impl Completion {
    /// The text with the candidates' longest common beginning put in, and the cursor after it
    /// (characters); a single candidate goes in whole, followed by a space after a value.
    pub fn apply(&self, text: &str) -> Option<(String, usize)> {
        let typed = &text[self.start..self.end];
        let body = typed.strip_prefix('-').unwrap_or(typed);
        let insert = match self.candidates.as_slice() {
            [] => return None,
            [one] if one.insert.ends_with(':') => one.insert.clone(),
            [one] => format!("{} ", one.insert),
            many => {
                // Several: put in only what they share beyond what is typed, never less.
                let shared = common_prefix(many.iter().map(|c| c.insert.as_str()));
                if shared.chars().count() <= body.chars().count() || !fold(&shared).starts_with(&fold(body)) {
                    return None;
                }
                shared
            }
        };
        let negation = if typed.starts_with('-') { "-" } else { "" };
        let head = format!("{}{negation}{insert}", &text[..self.start]);
        if head.len() <= self.end && text[..self.end].ends_with(&insert) {
            return None; // nothing to add
        }
        let cursor = head.chars().count();
        Some((format!("{head}{}", &text[self.end..]), cursor))
    }
}

fn common_prefix<'a>(mut items: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = items.next() else { return String::new() };
    let mut prefix: Vec<char> = first.chars().collect();
    for item in items {
        let n = prefix.iter().zip(item.chars()).take_while(|(a, b)| **a == *b).count();
        prefix.truncate(n);
    }
    prefix.into_iter().collect()
}

/// Candidates for the word before `cursor` (a byte offset) in query `text`, counted as the
/// query reads in `zone` (the zone shown: day bounds are its days).
pub fn complete(
    timeline: &Timeline,
    index: Option<&Index>,
    zone: &Zone,
    text: &str,
    cursor: usize,
) -> Completion {
    let cursor = cursor.min(text.len());
    let before = &text[..cursor];
    let start = before
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[start..];
    let body = word.strip_prefix('-').unwrap_or(word);
    let candidates = match body.split_once(':') {
        Some((name, prefix)) => match Facet::parse(name) {
            Some(facet) => {
                // The rest of the query, without the word being written.
                let rest = format!("{}{}", &text[..start], &text[cursor..]);
                values(timeline, index, zone, &rest, facet, prefix.trim_start_matches('"'))
            }
            None => Vec::new(),
        },
        None => Facet::ALL
            .iter()
            .filter(|f| fold(f.name()).starts_with(&fold(body)))
            .map(|f| Candidate { insert: format!("{}:", f.name()), label: format!("{}:", f.name()) })
            .collect(),
    };
    Completion { start, end: cursor, candidates }
}

fn values(
    timeline: &Timeline,
    index: Option<&Index>,
    zone: &Zone,
    rest: &str,
    facet: Facet,
    prefix: &str,
) -> Vec<Candidate> {
    let wanted = fold(prefix);
    let quote = |v: &str| if v.chars().any(char::is_whitespace) { format!("\"{v}\"") } else { v.to_string() };
    if facet == Facet::Status {
        return Status::ALL
            .iter()
            .filter(|s| s.as_str().starts_with(&wanted))
            .map(|s| Candidate { insert: format!("status:{}", s.as_str()), label: s.as_str().to_string() })
            .collect();
    }
    // Counted over what the rest of the query shows, as the pickers count.
    let others = Query::parse(rest).map(|q| q.without(facet)).unwrap_or_default();
    let base: Vec<EventIx> = match Filter::new(timeline, &others, zone) {
        Ok(filter) => filter.apply(timeline, index),
        Err(_) => (0..timeline.events.len()).collect(),
    };
    let listed = match (&timeline.since, facet) {
        (Some(since), Facet::Change) => {
            let ghosts = since.ghosts_shown(&others, &timeline.zone).map_or(0, |g| g.len());
            facets::change_values(timeline, &base, ghosts)
        }
        _ => facets::values(timeline, facet, &base),
    };
    listed
        .into_iter()
        // By the start of the value or of a word of its label (`ji` finds Xi Jinping; `f` does not
        // find every label with an "of" in it).
        .filter(|v| {
            wanted.is_empty()
                || fold(&v.value).starts_with(&wanted)
                || super::fold::words(&v.label).any(|w| w.starts_with(&wanted))
        })
        .map(|v| Candidate {
            insert: format!("{}:{}", facet.name(), quote(&v.value)),
            label: format!("{} ({})", v.label, v.count),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;
    use proptest::prelude::*;

    #[test]
    fn completion_offers_who_acted() {
        let t = model::load_str(
            "t.yaml",
            "title: T\ncountries:\n  - {id: US, name: United States}\nagencies:\n  - {id: fbi, name: FBI, country: US}\nevents:\n  - {id: a, title: A, date: 2016-01-01, countries: [US], agencies: [fbi], by: [fbi]}\n",
        )
        .unwrap();
        let got = complete(&t, None, &t.zone, "by:f", 4);
        let inserts: Vec<&str> = got.candidates.iter().map(|c| c.insert.as_str()).collect();
        assert_eq!(inserts, ["by:fbi"]);
        let facets = complete(&t, None, &t.zone, "b", 1);
        assert!(facets.candidates.iter().any(|c| c.insert == "by:"), "{:?}", facets.candidates);
    }

    fn builtin() -> Timeline {
        model::load_builtin().unwrap()
    }

    #[test]
    fn facet_names_then_values_with_counts() {
        let t = builtin();
        let c = complete(&t, None, &t.zone, "ag", 2);
        assert_eq!(c.apply("ag"), Some(("agency: ".trim_end().to_string(), 7)));
        let c = complete(&t, None, &t.zone, "status:planned country:", 23);
        let labels: Vec<&str> = c.candidates.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            ["CN — China (1)", "US — United States (1)", "PE — Peru (0)", "FR — France (0)"],
            "counted given the rest"
        );
        let c = complete(&t, None, &t.zone, "country:pe", 10);
        assert_eq!(c.apply("country:pe"), Some(("country:PE ".to_string(), 11)));
        let c = complete(&t, None, &t.zone, "-tag:hot launch", 8);
        assert_eq!(c.apply("-tag:hot launch").unwrap().0, "-tag:hotline  launch");
        assert!(complete(&t, None, &t.zone, "from:20", 7).candidates.is_empty(), "dates are not listed");
        let c = complete(&t, None, &t.zone, "agency:f", 8);
        assert!(c.candidates.len() > 1);
        assert_eq!(c.apply("agency:f"), None, "what is typed is never taken away");
    }

    #[test]
    fn several_candidates_put_in_their_common_beginning() {
        let t = builtin();
        let c = complete(&t, None, &t.zone, "country:", 8);
        assert_eq!(c.candidates.len(), 4, "CN, US, PE, FR");
        assert_eq!(c.apply("country:"), None, "nothing they share beyond what is typed");
        let c = complete(&t, None, &t.zone, "t", 1);
        assert_eq!(
            c.candidates.iter().map(|c| c.insert.as_str()).collect::<Vec<_>>(),
            ["tag:", "to:", "text:"]
        );
    }

    proptest! {
        #[test]
        fn completing_never_panics_and_keeps_the_rest(text in "\\\\PC{0,30}", at in 0usize..40) {
            let t = builtin();
            let mut cursor = at.min(text.len());
            while !text.is_char_boundary(cursor) {
                cursor -= 1;
            }
            let c = complete(&t, None, &t.zone, &text, cursor);
            if let Some((after, new_cursor)) = c.apply(&text) {
                prop_assert!(after.ends_with(&text[cursor..]));
                prop_assert!(new_cursor <= after.chars().count());
            }
        }
    }
}
