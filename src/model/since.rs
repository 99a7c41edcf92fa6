//! What changed since an older version, as `--changes REV` shows it: each event of the timeline
//! marked `+` added or `~` changed, and each removed event kept as a ghost (an event of the
//! old version, at its old date, never one of the timeline's own). The `change:` facet of
//! queries reads it (`change:added`, `change:moved`, …).
//!
//! The invariant, checked on generated edit scripts by a property test: every event change of
//! the diff is marked exactly once — an added or changed event on the one event of the new
//! timeline it names, a removed event as one ghost — and nothing else is marked.

use super::diff::{self, Diff, EventChange, Field, Kind};
use super::query::{Facet, Query, QueryError};
use super::{EventIx, Timeline, Zone};

/// What `change:` can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeValue {
    Added,
    Changed,
    Removed,
    Renamed,
    /// The date changed (`change:date` is the same).
    Moved,
    Status,
}

impl ChangeValue {
    pub const ALL: [ChangeValue; 6] = [
        ChangeValue::Added,
        ChangeValue::Changed,
        ChangeValue::Removed,
        ChangeValue::Renamed,
        ChangeValue::Moved,
        ChangeValue::Status,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ChangeValue::Added => "added",
            ChangeValue::Changed => "changed",
            ChangeValue::Removed => "removed",
            ChangeValue::Renamed => "renamed",
            ChangeValue::Moved => "moved",
            ChangeValue::Status => "status",
        }
    }

    /// A value as a query writes it, ignoring case; `date` is `moved`.
    pub fn parse(text: &str) -> Option<ChangeValue> {
        if text.eq_ignore_ascii_case("date") {
            return Some(ChangeValue::Moved);
        }
        ChangeValue::ALL.into_iter().find(|v| v.name().eq_ignore_ascii_case(text))
    }

    /// Whether an event's change is of this kind. `changed` is every change that is neither an
    /// addition nor a removal (renames, moves and status changes included).
    pub fn describes(self, e: &EventChange) -> bool {
        match self {
            ChangeValue::Added => e.kind == Kind::Added,
            ChangeValue::Removed => e.kind == Kind::Removed,
            ChangeValue::Changed => e.kind == Kind::Changed,
            ChangeValue::Renamed => e.renamed(),
            ChangeValue::Moved => e.change_of(Field::Date).is_some(),
            ChangeValue::Status => e.change_of(Field::Status).is_some(),
        }
    }
}

/// The changes since an older version of the timeline, by event of the new one.
#[derive(Debug, Clone, PartialEq)]
pub struct Since {
    /// How the reader named the older version (`HEAD~3`, `2016-12-01`, a file).
    pub label: String,
    /// The older version, which the ghosts are events of.
    pub old: Timeline,
    pub diff: Diff,
    /// For each event of the new timeline, its change in `diff.events` (none when unchanged).
    marks: Vec<Option<usize>>,
    /// The removed events, as positions in `diff.events`, in the diff's order (by date).
    ghosts: Vec<usize>,
}

impl Since {
    /// Compares `old` with `new` and marks `new`'s events.
    pub fn new(label: impl Into<String>, old: Timeline, new: &Timeline) -> Since {
        let found = diff::diff(&old, new);
        let mut marks = vec![None; new.events.len()];
        let mut ghosts = Vec::new();
        for (i, e) in found.events.iter().enumerate() {
            match &e.new {
                Some(side) => marks[side.index] = Some(i),
                None => ghosts.push(i),
            }
        }
        Since { label: label.into(), old, diff: found, marks, ghosts }
    }

    /// The same older version compared with another new one (the file was saved again).
    pub fn again(&self, new: &Timeline) -> std::sync::Arc<Since> {
        std::sync::Arc::new(Since::new(self.label.clone(), self.old.clone(), new))
    }

    /// An event's change in words, for slides and speech: `added since v1.0`,
    /// `changed since v1.0: date, status`; none when it did not change.
    pub fn words_of(&self, event: EventIx) -> Option<String> {
        let e = self.change_of(event)?;
        let label = crate::text::one_line(&self.label);
        let fields: Vec<&str> = e.changes.iter().map(|c| c.field().name()).collect();
        Some(match fields.is_empty() {
            true => format!("{} since {label}", e.kind.name()),
            false => format!("{} since {label}: {}", e.kind.name(), fields.join(", ")),
        })
    }

    /// The change of an event of the new timeline, if it changed.
    pub fn change_of(&self, event: EventIx) -> Option<&EventChange> {
        self.marks.get(event).copied().flatten().map(|i| &self.diff.events[i])
    }

    /// The removed events' changes, by their old date.
    pub fn ghosts(&self) -> impl Iterator<Item = &EventChange> {
        self.ghosts.iter().map(|&i| &self.diff.events[i])
    }

    /// How many events were removed.
    pub fn ghost_count(&self) -> usize {
        self.ghosts.len()
    }

    /// How many of the events of the new timeline are marked.
    pub fn marked_count(&self) -> usize {
        self.marks.iter().filter(|m| m.is_some()).count()
    }

    /// Whether an event of the new timeline has a change of this kind.
    pub fn matches(&self, event: EventIx, value: ChangeValue) -> bool {
        self.change_of(event).is_some_and(|e| value.describes(e))
    }

    /// The removed events a query shows, as positions in `ghosts()`. Its `change:` terms are
    /// asked of each ghost (a removal); its other terms of the event in the old version,
    /// resolved there. A query naming something the old version does not have is an error
    /// here, which the caller must report, not read as "no ghosts".
    pub fn ghosts_shown(&self, query: &Query, zone: &Zone) -> Result<Vec<usize>, QueryError> {
        let (wanted, unwanted): (Vec<_>, Vec<_>) =
            query.terms.iter().filter(|t| t.facet == Facet::Change).partition(|t| !t.negated);
        let parse = |value: &str| ChangeValue::parse(value).ok_or_else(|| unknown_value(value));
        let is_removal = |value: &str| parse(value).map(|v| v == ChangeValue::Removed);
        let mut any = wanted.is_empty();
        for t in &wanted {
            any |= is_removal(&t.value)?;
        }
        for t in &unwanted {
            any &= !is_removal(&t.value)?;
        }
        if !any {
            return Ok(Vec::new());
        }
        let others =
            Query { terms: query.terms.iter().filter(|t| t.facet != Facet::Change).cloned().collect() };
        let filter = super::filter::Filter::new(&self.old, &others, zone)
            .map_err(|e| QueryError::new(format!("in the version {}: {}", self.label, e)))?;
        Ok(self
            .ghosts()
            .enumerate()
            .filter(|(_, e)| e.old.as_ref().is_some_and(|old| filter.matches(&self.old, None, old.index)))
            .map(|(i, _)| i)
            .collect())
    }

    /// Each value of `change:` with how many of `events` (of the new timeline) it shows, and
    /// for `removed`, the ghosts (`ghosts`, as many as are shown).
    pub fn counts(&self, events: &[EventIx], ghosts: usize) -> Vec<(ChangeValue, usize)> {
        ChangeValue::ALL
            .into_iter()
            .map(|v| {
                let n = if v == ChangeValue::Removed {
                    ghosts
                } else {
                    events.iter().filter(|&&e| self.matches(e, v)).count()
                };
                (v, n)
            })
            .collect()
    }
}

/// The error for a `change:` value that is not one.
pub fn unknown_value(value: &str) -> QueryError {
    let names: Vec<&str> = ChangeValue::ALL.iter().map(|v| v.name()).collect();
    let mut e = QueryError::new(format!(
        "unknown change `{}` in `change:`; it takes {}",
        crate::text::escape(value),
        names.join(", ")
    ));
    e.help =
        super::suggest::did_you_mean(value, names.iter().copied()).map(|m| format!("did you mean `{m}`?"));
    e
}

/// The error for `change:` without an older version to compare with.
pub fn no_older_version() -> QueryError {
    QueryError::new("`change:` needs an older version to compare with: start with `--changes REV`")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{load_builtin, load_str};

    fn edited() -> Timeline {
        let text = crate::model::loader::BUILTIN_SOURCE
            .replace("tabletop-exercise-2016", "tabletop-exercise-april-2016")
            .replace("    date: \"2016-12-07..2016-12-08\"\n", "    date: \"2016-12-09..2016-12-10\"\n");
        load_str("edited", &text).unwrap()
    }

    #[test]
    fn values_parse_with_date_for_moved_and_unknown_ones_suggest() {
        assert_eq!(ChangeValue::parse("ADDED"), Some(ChangeValue::Added));
        assert_eq!(ChangeValue::parse("date"), Some(ChangeValue::Moved));
        assert_eq!(ChangeValue::parse("remove"), None);
        assert_eq!(unknown_value("remove").help.as_deref(), Some("did you mean `removed`?"));
    }

    #[test]
    fn a_rename_and_a_move_are_marked_on_the_new_events() {
        let new = edited();
        let since = Since::new("HEAD~1", load_builtin().unwrap(), &new);
        let marked: Vec<(String, Vec<&str>)> = (0..new.events.len())
            .filter(|&e| since.change_of(e).is_some())
            .map(|e| {
                let kinds =
                    ChangeValue::ALL.iter().filter(|v| since.matches(e, **v)).map(|v| v.name()).collect();
                (new.events[e].id.clone(), kinds)
            })
            .collect();
        assert_eq!(
            marked,
            [
                ("tabletop-exercise-april-2016".to_string(), vec!["changed", "renamed"]),
                ("dialogue-round-3".to_string(), vec!["changed", "moved"]),
            ]
        );
        assert_eq!(since.ghost_count(), 0);
    }

    /// The built-in timeline with one more event, a meeting in Beijing in May 2017.
    pub(crate) fn with_a_2017_meeting() -> Timeline {
        let added = "  - id: review-2017\n    title: Officials review the hotline\n    date: \"2017-05-02\"\n    status: planned\n    countries: [CN, US]\n";
        let text = crate::model::loader::BUILTIN_SOURCE.replacen(
            "\nstories:\n",
            &format!("\n{added}\nstories:\n"),
            1,
        );
        load_str("old", &text).unwrap()
    }

    #[test]
    fn a_removed_event_is_a_ghost_and_filters_reach_it_in_the_old_version() {
        let since = Since::new("v1", with_a_2017_meeting(), &load_builtin().unwrap());
        assert_eq!(since.ghost_count(), 1);
        assert_eq!(since.marked_count(), 0);
        assert_eq!(since.ghosts().next().unwrap().old.as_ref().unwrap().id, "review-2017");
        let zone = Zone::Utc;
        let q = |text: &str| Query::parse(text).unwrap();
        let none: Vec<usize> = Vec::new();
        assert_eq!(since.ghosts_shown(&q(""), &zone).unwrap(), [0]);
        assert_eq!(since.ghosts_shown(&q("change:removed"), &zone).unwrap(), [0]);
        assert_eq!(since.ghosts_shown(&q("change:added"), &zone).unwrap(), none);
        assert_eq!(since.ghosts_shown(&q("-change:removed"), &zone).unwrap(), none);
        assert_eq!(since.ghosts_shown(&q("country:CN change:removed"), &zone).unwrap(), [0]);
        assert_eq!(since.ghosts_shown(&q("to:2016"), &zone).unwrap(), none);
        let e = since.ghosts_shown(&q("country:Atlantis"), &zone).unwrap_err();
        assert!(e.message.starts_with("in the version v1: "), "{e}");
        assert!(since.ghosts_shown(&q("change:remove"), &zone).is_err());
        assert_eq!(
            since.counts(&[], 1).iter().find(|(v, _)| *v == ChangeValue::Removed),
            Some(&(ChangeValue::Removed, 1))
        );
    }
}
