//! What changed between two versions of a timeline, in the words of the model: events added,
//! removed, renamed, moved, their status, text and lists; the countries, agencies and people
//! that changed; the timeline's own title, description and zone.
//!
//! Events are matched by id (`stem#id` when either side is several files). An event whose id
//! is gone, and an event whose id is new, are one renamed event when their titles share most
//! words and their dates lie within [`RENAME_DAYS`] of each other. Nothing here depends on how
//! the YAML was written: the order of events in the file, quoting, flow or block style, where
//! the lines of a paragraph break, and the order within lists (tags, sources, …) are not
//! changes. Where a list holds the same item
//! twice, the count matters.
//!
//! [`Diff::reversed`] turns the diff of A to B into the diff of B to A exactly, which the tests
//! check on generated timelines: every order here is one that does not depend on which side
//! is old.

use super::{fold, DateSpec, Precision};
use super::{Event, EventIx, Status, Timeline};
use std::collections::{HashMap, HashSet};

/// How far apart (in days) two dates may be for a gone id and a new id to be one renamed event.
pub const RENAME_DAYS: i64 = 31;
/// How much of the two titles' words must be shared (Jaccard index) for a rename.
pub const RENAME_TITLE_SIMILARITY: f64 = 0.5;

/// Every change between two timelines. Empty when they mean the same.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diff {
    /// The timeline's own fields: title, description, timezone, extensions.
    pub timeline: Vec<Change>,
    /// Countries, agencies and people, by kind and then id.
    pub entities: Vec<EntityChange>,
    /// Events, by the earlier of their two dates, then by id.
    pub events: Vec<EventChange>,
}

/// One event that is not the same on both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct EventChange {
    pub kind: Kind,
    /// The event in the old timeline (none when added).
    pub old: Option<Side>,
    /// The event in the new timeline (none when removed).
    pub new: Option<Side>,
    /// What changed, in a fixed order of fields (empty for added and removed events). A
    /// rename comes first, as a change of the field `id`.
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Added,
    Removed,
    Changed,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
        }
    }

    fn reversed(self) -> Kind {
        match self {
            Kind::Added => Kind::Removed,
            Kind::Removed => Kind::Added,
            Kind::Changed => Kind::Changed,
        }
    }
}

/// An event as one side has it.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// Its position in that side's `Timeline::events`.
    pub index: EventIx,
    /// How that side names it (`Timeline::qualified_id`).
    pub id: String,
    pub title: String,
    pub date: DateSpec,
}

impl EventChange {
    /// The side that names the event now: the new one, or the old one for a removed event.
    pub fn current(&self) -> &Side {
        self.new.as_ref().or(self.old.as_ref()).expect("an event change has at least one side")
    }

    /// Whether the event's id changed (it was renamed).
    pub fn renamed(&self) -> bool {
        self.changes.iter().any(|c| matches!(c, Change::Value { field: Field::Id, .. }))
    }

    /// The change of one field, if that field changed.
    pub fn change_of(&self, field: Field) -> Option<&Change> {
        self.changes.iter().find(|c| c.field() == field)
    }

    fn reversed(self) -> EventChange {
        EventChange {
            kind: self.kind.reversed(),
            old: self.new,
            new: self.old,
            changes: self.changes.into_iter().map(Change::reversed).collect(),
        }
    }
}

/// A field of an event, an entity or the timeline. Its `name` is what reports and JSON call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    Title,
    Date,
    Status,
    Location,
    Timezone,
    Summary,
    Notes,
    Countries,
    Agencies,
    People,
    /// Who acted (`by:`).
    By,
    Tags,
    Outcomes,
    Quotes,
    Sources,
    Links,
    Name,
    Short,
    Native,
    Country,
    Parent,
    Aliases,
    Roles,
    Description,
    Extensions,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Date => "date",
            Field::Status => "status",
            Field::Location => "location",
            Field::Timezone => "timezone",
            Field::Summary => "summary",
            Field::Notes => "notes",
            Field::Countries => "countries",
            Field::Agencies => "agencies",
            Field::People => "people",
            Field::By => "by",
            Field::Tags => "tags",
            Field::Outcomes => "outcomes",
            Field::Quotes => "quotes",
            Field::Sources => "sources",
            Field::Links => "related",
            Field::Name => "name",
            Field::Short => "short",
            Field::Native => "native",
            Field::Country => "country",
            Field::Parent => "parent",
            Field::Aliases => "aliases",
            Field::Roles => "roles",
            Field::Description => "description",
            Field::Extensions => "extensions",
        }
    }

    /// Running text, whose change reads best as a word diff.
    pub fn is_prose(self) -> bool {
        matches!(self, Field::Title | Field::Summary | Field::Notes | Field::Description)
    }
}

/// One field's change.
// Dates are kept by value: a diff holds one change per changed field, never many at once.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A value replaced, set or cleared (`None` where it is absent).
    Value {
        field: Field,
        from: Option<String>,
        to: Option<String>,
    },
    Date {
        from: DateSpec,
        to: DateSpec,
    },
    Status {
        from: Status,
        to: Status,
    },
    /// Items of a list taken out and put in, each as its side writes it, in the order listed.
    List {
        field: Field,
        removed: Vec<String>,
        added: Vec<String>,
    },
}

impl Change {
    pub fn field(&self) -> Field {
        match self {
            Change::Value { field, .. } | Change::List { field, .. } => *field,
            Change::Date { .. } => Field::Date,
            Change::Status { .. } => Field::Status,
        }
    }

    fn reversed(self) -> Change {
        match self {
            Change::Value { field, from, to } => Change::Value { field, from: to, to: from },
            Change::Date { from, to } => Change::Date { from: to, to: from },
            Change::Status { from, to } => Change::Status { from: to, to: from },
            Change::List { field, removed, added } => Change::List { field, removed: added, added: removed },
        }
    }
}

/// How a date changed, worked out for reports: how far it moved, and what else about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateShift {
    /// Days from the old first day to the new one (positive: later).
    pub days: i64,
    /// Seconds from the old start to the new one, when both give a time of day.
    pub seconds: Option<i64>,
    pub precision: Option<(Precision, Precision)>,
    pub approximate: Option<(bool, bool)>,
    pub uncertain: Option<(bool, bool)>,
    /// Days the event lasts, before and after, when that changed.
    pub length: Option<(i64, i64)>,
}

/// The pair of values when they differ.
fn changed<T: PartialEq>(a: T, b: T) -> Option<(T, T)> {
    (a != b).then_some((a, b))
}

impl DateShift {
    pub fn of(from: &DateSpec, to: &DateSpec) -> DateShift {
        DateShift {
            days: (to.first_day() - from.first_day()).num_days(),
            seconds: (from.has_time() && to.has_time()).then(|| to.start_instant() - from.start_instant()),
            precision: changed(from.precision(), to.precision()),
            approximate: changed(from.approximate, to.approximate),
            uncertain: changed(from.uncertain, to.uncertain),
            length: changed(from.days(), to.days()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Country,
    Agency,
    Person,
}

impl EntityKind {
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Country => "country",
            EntityKind::Agency => "agency",
            EntityKind::Person => "person",
        }
    }
}

/// A country, agency or person that is not the same on both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityChange {
    pub entity: EntityKind,
    pub id: String,
    /// Its name on the new side (the old side for a removed one).
    pub name: String,
    pub kind: Kind,
    /// For a changed entity, what changed.
    pub changes: Vec<Change>,
}

impl Diff {
    /// Whether the two sides mean the same timeline.
    pub fn is_empty(&self) -> bool {
        self.timeline.is_empty() && self.entities.is_empty() && self.events.is_empty()
    }

    /// The diff from the new side to the old: what `diff(new, old)` gives.
    pub fn reversed(self) -> Diff {
        Diff {
            timeline: self.timeline.into_iter().map(Change::reversed).collect(),
            entities: self
                .entities
                .into_iter()
                .map(|e| EntityChange {
                    kind: e.kind.reversed(),
                    changes: e.changes.into_iter().map(Change::reversed).collect(),
                    ..e
                })
                .collect(),
            events: self.events.into_iter().map(EventChange::reversed).collect(),
        }
    }

    /// How many events were added, removed, renamed and otherwise changed.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for e in &self.events {
            match e.kind {
                Kind::Added => counts.added += 1,
                Kind::Removed => counts.removed += 1,
                Kind::Changed if e.renamed() => counts.renamed += 1,
                Kind::Changed => counts.changed += 1,
            }
        }
        counts
    }

    /// The change of the event at `index` of the new timeline, if it changed or was added.
    pub fn of_new(&self, index: EventIx) -> Option<&EventChange> {
        self.events.iter().find(|e| e.new.as_ref().is_some_and(|s| s.index == index))
    }
}

/// Events by what happened to them. `renamed` events are not also counted as `changed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub renamed: usize,
    pub changed: usize,
}

/// Every change from `old` to `new`.
pub fn diff(old: &Timeline, new: &Timeline) -> Diff {
    let qualify = old.is_several_files() || new.is_several_files();
    let old_keys: Vec<String> = (0..old.events.len()).map(|i| match_key(old, i, qualify)).collect();
    let new_keys: Vec<String> = (0..new.events.len()).map(|i| match_key(new, i, qualify)).collect();
    let new_by_key: HashMap<&str, EventIx> =
        new_keys.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let mut pairs: Vec<(EventIx, EventIx)> = Vec::with_capacity(old.events.len());
    let mut gone: Vec<EventIx> = Vec::new();
    let mut matched_new = vec![false; new.events.len()];
    for (i, key) in old_keys.iter().enumerate() {
        match new_by_key.get(key.as_str()) {
            Some(&j) => {
                pairs.push((i, j));
                matched_new[j] = true;
            }
            None => gone.push(i),
        }
    }
    let arrived: Vec<EventIx> = (0..new.events.len()).filter(|&j| !matched_new[j]).collect();
    let renames = find_renames(old, new, &gone, &arrived, &old_keys, &new_keys);
    let renamed_old: HashSet<EventIx> = renames.iter().map(|&(i, _)| i).collect();
    let renamed_new: HashSet<EventIx> = renames.iter().map(|&(_, j)| j).collect();

    // Links are compared by the event they reach, named on the new side: a link to a renamed
    // event is the same link.
    let mut old_to_new_key: HashMap<&str, &str> = HashMap::new();
    let mut new_to_old_key: HashMap<&str, &str> = HashMap::new();
    for &(i, j) in &renames {
        old_to_new_key.insert(&old_keys[i], &new_keys[j]);
        new_to_old_key.insert(&new_keys[j], &old_keys[i]);
    }
    let links = LinkNames { old_keys: &old_keys, new_keys: &new_keys, old_to_new: &old_to_new_key };

    let mut events: Vec<(SortKey, EventChange)> = Vec::new();
    for &(i, j) in pairs.iter().chain(renames.iter()) {
        let changes = event_changes(old, i, new, j, &links);
        if !changes.is_empty() {
            let change = EventChange {
                kind: Kind::Changed,
                old: Some(side(old, i)),
                new: Some(side(new, j)),
                changes,
            };
            events.push((sort_key(&change, &old_keys[i], &new_keys[j]), change));
        }
    }
    for &i in gone.iter().filter(|i| !renamed_old.contains(i)) {
        let change =
            EventChange { kind: Kind::Removed, old: Some(side(old, i)), new: None, changes: Vec::new() };
        events.push((sort_key(&change, &old_keys[i], &old_keys[i]), change));
    }
    for &j in arrived.iter().filter(|j| !renamed_new.contains(j)) {
        let change =
            EventChange { kind: Kind::Added, old: None, new: Some(side(new, j)), changes: Vec::new() };
        events.push((sort_key(&change, &new_keys[j], &new_keys[j]), change));
    }
    events.sort_by(|a, b| a.0.cmp(&b.0));
    Diff {
        timeline: timeline_changes(old, new),
        entities: entity_changes(old, new),
        events: events.into_iter().map(|(_, e)| e).collect(),
    }
}

/// What matches an event across the two sides: its id, or `stem#id` when files are involved.
fn match_key(t: &Timeline, i: EventIx, qualify: bool) -> String {
    let e = &t.events[i];
    if qualify {
        format!("{}#{}", t.files[e.file].stem, e.id)
    } else {
        e.id.clone()
    }
}

fn side(t: &Timeline, i: EventIx) -> Side {
    let e = &t.events[i];
    Side { index: i, id: t.qualified_id(i).into_owned(), title: e.title.clone(), date: e.date }
}

/// The earlier start of the two sides, then the two keys in order: the same whichever side is old.
type SortKey = (i64, String, String);

fn sort_key(change: &EventChange, a: &str, b: &str) -> SortKey {
    let start = [&change.old, &change.new].into_iter().flatten().map(|s| s.date.start_instant()).min();
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    (start.unwrap_or(i64::MIN), low.to_string(), high.to_string())
}

/// Pairs of a gone event and a new one that are one renamed event: dates within
/// [`RENAME_DAYS`], titles sharing at least [`RENAME_TITLE_SIMILARITY`] of their words. The
/// closest pairs are taken first; ties go by the two keys in order, so the pairing does not
/// depend on which side is old.
/// Which of the events `gone` from `old` are events `arrived` in `new` under another id: the
/// pairs (old, new) that `diff` would call renamed (close in date, titles alike).
pub fn renames(
    old: &Timeline,
    new: &Timeline,
    gone: &[EventIx],
    arrived: &[EventIx],
) -> Vec<(EventIx, EventIx)> {
    if gone.is_empty() || arrived.is_empty() {
        return Vec::new();
    }
    let qualify = old.is_several_files() || new.is_several_files();
    let old_keys: Vec<String> = (0..old.events.len()).map(|i| match_key(old, i, qualify)).collect();
    let new_keys: Vec<String> = (0..new.events.len()).map(|i| match_key(new, i, qualify)).collect();
    find_renames(old, new, gone, arrived, &old_keys, &new_keys)
}

fn find_renames(
    old: &Timeline,
    new: &Timeline,
    gone: &[EventIx],
    arrived: &[EventIx],
    old_keys: &[String],
    new_keys: &[String],
) -> Vec<(EventIx, EventIx)> {
    if gone.is_empty() || arrived.is_empty() {
        return Vec::new();
    }
    let mut by_day: Vec<(chrono::NaiveDate, EventIx)> =
        arrived.iter().map(|&j| (new.events[j].date.first_day(), j)).collect();
    by_day.sort();
    let title_words = |e: &Event| fold::words(&e.title).collect::<HashSet<String>>();
    let arrived_words: HashMap<EventIx, HashSet<String>> =
        arrived.iter().map(|&j| (j, title_words(&new.events[j]))).collect();
    let mut candidates: Vec<(i64, &str, &str, EventIx, EventIx)> = Vec::new();
    for &i in gone {
        let day = old.events[i].date.first_day();
        let words = title_words(&old.events[i]);
        let from = day - chrono::Duration::days(RENAME_DAYS);
        let first = by_day.partition_point(|(d, _)| *d < from);
        for &(other_day, j) in &by_day[first..] {
            let distance = (other_day - day).num_days();
            if distance > RENAME_DAYS {
                break;
            }
            let similarity = jaccard(&words, &arrived_words[&j]);
            if similarity >= RENAME_TITLE_SIMILARITY {
                // Higher is closer: similarity in thousandths, less a day's distance each.
                let score = (similarity * 1000.0).round() as i64 * 100 - distance.abs();
                let (a, b) = (old_keys[i].as_str(), new_keys[j].as_str());
                let (low, high) = if a <= b { (a, b) } else { (b, a) };
                candidates.push((score, low, high, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| (x.1, x.2).cmp(&(y.1, y.2))));
    let mut used_old = HashSet::new();
    let mut used_new = HashSet::new();
    let mut out = Vec::new();
    for (_, _, _, i, j) in candidates {
        if used_old.contains(&i) || used_new.contains(&j) {
            continue;
        }
        used_old.insert(i);
        used_new.insert(j);
        out.push((i, j));
    }
    out
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Names for links: each side's match keys, and the renames from old keys to new.
struct LinkNames<'a> {
    old_keys: &'a [String],
    new_keys: &'a [String],
    old_to_new: &'a HashMap<&'a str, &'a str>,
}

/// One item of a list: what it is compared by, and how its side writes it.
struct Item {
    key: String,
    shown: String,
}

impl Item {
    fn plain(text: String) -> Item {
        Item { key: text.clone(), shown: text }
    }
}

/// The items only one side has, each side's in its own order; a repeated item counts.
fn list_change(field: Field, old: Vec<Item>, new: Vec<Item>) -> Option<Change> {
    if old.len() == new.len() && old.iter().zip(&new).all(|(a, b)| a.key == b.key) {
        return None;
    }
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for item in &new {
        *counts.entry(&item.key).or_default() += 1;
    }
    for item in &old {
        *counts.entry(&item.key).or_default() -= 1;
    }
    // A positive count: that many more on the new side.
    let mut surplus = counts.clone();
    let mut added = Vec::new();
    for item in &new {
        let n = surplus.get_mut(item.key.as_str()).expect("counted");
        if *n > 0 {
            *n -= 1;
            added.push(item.shown.clone());
        }
    }
    let mut removed = Vec::new();
    for item in &old {
        let n = counts.get_mut(item.key.as_str()).expect("counted");
        if *n < 0 {
            *n += 1;
            removed.push(item.shown.clone());
        }
    }
    (!added.is_empty() || !removed.is_empty()).then_some(Change::List { field, removed, added })
}

/// A value's change. Prose that differs only in how its lines were broken in the file (a block
/// scalar rewrapped) is the same prose.
fn value_change(field: Field, from: Option<String>, to: Option<String>) -> Option<Change> {
    let same = match (&from, &to) {
        (Some(a), Some(b)) if field.is_prose() && a != b => crate::text::reflow(a) == crate::text::reflow(b),
        _ => from == to,
    };
    (!same).then_some(Change::Value { field, from, to })
}

fn event_changes(old: &Timeline, i: EventIx, new: &Timeline, j: EventIx, links: &LinkNames) -> Vec<Change> {
    let (a, b) = (&old.events[i], &new.events[j]);
    // Every field of an event, so that a field added to `Event` cannot be forgotten here (a
    // change to `by:` once went unreported): each is compared below, or named as not the file's.
    let Event {
        id: _,
        title: _,
        date: _,
        status: _,
        location: _,
        countries: _,
        agencies: _,
        people: _,
        by: _,
        tags: _,
        summary: _,
        outcomes: _,
        quotes: _,
        sources: _,
        related: _,
        notes: _,
        zone: _,
        extensions: _,
        elsewhere: _,
        // Not what the file says: the reader's note, the position in the file, which file.
        annotation: _,
        file_order: _,
        file: _,
    } = a;
    let mut out = Vec::new();
    out.extend(value_change(Field::Id, Some(links.old_keys[i].clone()), Some(links.new_keys[j].clone())));
    out.extend(value_change(Field::Title, Some(a.title.clone()), Some(b.title.clone())));
    // The same words can name another instant: a time of day read in a zone that changed (the
    // timeline's `timezone:` or the event's own) moved the event though its text did not.
    let instant_moved = a.date.has_time()
        && b.date.has_time()
        && (a.date.start_instant() != b.date.start_instant() || a.date.end_instant() != b.date.end_instant());
    if a.date != b.date && (a.date.to_string() != b.date.to_string() || instant_moved) {
        out.push(Change::Date { from: a.date, to: b.date });
    }
    if a.status != b.status {
        out.push(Change::Status { from: a.status, to: b.status });
    }
    out.extend(value_change(Field::Location, location(old, a), location(new, b)));
    out.extend(value_change(Field::Timezone, a.zone.map(|z| z.to_string()), b.zone.map(|z| z.to_string())));
    out.extend(value_change(Field::Summary, a.summary.clone(), b.summary.clone()));
    out.extend(value_change(Field::Notes, a.notes.clone(), b.notes.clone()));
    let countries = |t: &Timeline, e: &Event| {
        e.countries.iter().map(|&c| Item::plain(t.countries[c].id.clone())).collect()
    };
    out.extend(list_change(Field::Countries, countries(old, a), countries(new, b)));
    let agencies =
        |t: &Timeline, e: &Event| e.agencies.iter().map(|&c| Item::plain(t.agencies[c].id.clone())).collect();
    out.extend(list_change(Field::Agencies, agencies(old, a), agencies(new, b)));
    let people = |t: &Timeline, e: &Event| {
        e.people
            .iter()
            .map(|p| {
                let id = &t.people[p.person].id;
                Item::plain(match &p.role {
                    Some(role) => format!("{id} ({role})"),
                    None => id.clone(),
                })
            })
            .collect()
    };
    out.extend(list_change(Field::People, people(old, a), people(new, b)));
    let actors = |t: &Timeline, e: &Event| {
        e.by.iter()
            .map(|actor| {
                Item::plain(match *actor {
                    super::Actor::Country(c) => t.countries[c].id.clone(),
                    super::Actor::Agency(x) => t.agencies[x].id.clone(),
                    super::Actor::Person(p) => t.people[p].id.clone(),
                })
            })
            .collect()
    };
    out.extend(list_change(Field::By, actors(old, a), actors(new, b)));
    let plain = |list: &[String]| list.iter().cloned().map(Item::plain).collect();
    out.extend(list_change(Field::Tags, plain(&a.tags), plain(&b.tags)));
    out.extend(list_change(Field::Outcomes, plain(&a.outcomes), plain(&b.outcomes)));
    let quotes = |t: &Timeline, e: &Event| {
        e.quotes
            .iter()
            .map(|q| {
                let by = match &q.by {
                    super::Speaker::Person(p) => t.people[*p].id.clone(),
                    super::Speaker::Text(text) => text.clone(),
                };
                let source = q.source.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
                Item::plain(format!("{by}: “{}”{source}", q.text))
            })
            .collect()
    };
    out.extend(list_change(Field::Quotes, quotes(old, a), quotes(new, b)));
    let sources = |e: &Event| e.sources.iter().map(|s| Item::plain(source_text(s))).collect();
    out.extend(list_change(Field::Sources, sources(a), sources(b)));
    // A link to another file's event (`trade#talks`) that was not read with this one is
    // compared as written.
    let elsewhere = |e: &Event| {
        e.elsewhere
            .iter()
            .map(|l| Item::plain(link_text(&format!("{}#{}", l.file, l.id), &l.kind)))
            .collect::<Vec<_>>()
    };
    let old_links = a
        .related
        .iter()
        .map(|l| {
            let key = links.old_keys[l.event].as_str();
            let reached = links.old_to_new.get(key).copied().unwrap_or(key);
            Item { key: link_text(reached, &l.kind), shown: link_text(&old.qualified_id(l.event), &l.kind) }
        })
        .chain(elsewhere(a))
        .collect();
    let new_links = b
        .related
        .iter()
        .map(|l| Item {
            key: link_text(&links.new_keys[l.event], &l.kind),
            shown: link_text(&new.qualified_id(l.event), &l.kind),
        })
        .chain(elsewhere(b))
        .collect();
    out.extend(list_change(Field::Links, old_links, new_links));
    out.extend(list_change(Field::Extensions, extensions(&a.extensions), extensions(&b.extensions)));
    out
}

fn link_text(target: &str, kind: &Option<String>) -> String {
    match kind {
        Some(kind) => format!("{target} ({kind})"),
        None => target.to_string(),
    }
}

/// A source as one line: title, publisher, date, URL.
pub fn source_text(s: &super::Source) -> String {
    let mut out = s.title.clone();
    if let Some(p) = &s.publisher {
        out.push_str(&format!(", {p}"));
    }
    if let Some(d) = &s.date {
        out.push_str(&format!(", {d}"));
    }
    if let Some(u) = &s.url {
        out.push_str(&format!(" <{u}>"));
    }
    out
}

fn location(t: &Timeline, e: &Event) -> Option<String> {
    let l = e.location.as_ref()?;
    let country = l.country.map(|c| t.countries[c].id.as_str());
    Some(match (&l.place, country) {
        (Some(place), Some(c)) => format!("{place} ({c})"),
        (Some(place), None) => place.clone(),
        (None, Some(c)) => c.to_string(),
        (None, None) => String::new(),
    })
}

fn extensions(list: &super::Extensions) -> Vec<Item> {
    list.iter().map(|(k, v)| Item::plain(format!("{k}: {v}"))).collect()
}

fn timeline_changes(old: &Timeline, new: &Timeline) -> Vec<Change> {
    let mut out = Vec::new();
    out.extend(value_change(Field::Title, Some(old.title.clone()), Some(new.title.clone())));
    out.extend(value_change(Field::Description, old.description.clone(), new.description.clone()));
    out.extend(value_change(Field::Timezone, Some(old.zone.to_string()), Some(new.zone.to_string())));
    out.extend(list_change(Field::Extensions, extensions(&old.extensions), extensions(&new.extensions)));
    out
}

/// One entity as both sides have it, as comparable fields.
struct EntityFields {
    id: String,
    name: String,
    values: Vec<(Field, Option<String>)>,
    lists: Vec<(Field, Vec<String>)>,
}

fn entity_changes(old: &Timeline, new: &Timeline) -> Vec<EntityChange> {
    let mut out = Vec::new();
    for kind in [EntityKind::Country, EntityKind::Agency, EntityKind::Person] {
        let (a, b) = (entity_fields(old, kind), entity_fields(new, kind));
        let b_by_id: HashMap<&str, &EntityFields> = b.iter().map(|e| (e.id.as_str(), e)).collect();
        let a_ids: HashSet<&str> = a.iter().map(|e| e.id.as_str()).collect();
        let mut found: Vec<EntityChange> = Vec::new();
        for x in &a {
            let Some(y) = b_by_id.get(x.id.as_str()) else {
                found.push(EntityChange {
                    entity: kind,
                    id: x.id.clone(),
                    name: x.name.clone(),
                    kind: Kind::Removed,
                    changes: Vec::new(),
                });
                continue;
            };
            let mut changes = Vec::new();
            for ((field, from), (_, to)) in x.values.iter().zip(&y.values) {
                changes.extend(value_change(*field, from.clone(), to.clone()));
            }
            for ((field, from), (_, to)) in x.lists.iter().zip(&y.lists) {
                let items = |l: &Vec<String>| l.iter().cloned().map(Item::plain).collect();
                changes.extend(list_change(*field, items(from), items(to)));
            }
            if !changes.is_empty() {
                found.push(EntityChange {
                    entity: kind,
                    id: x.id.clone(),
                    name: y.name.clone(),
                    kind: Kind::Changed,
                    changes,
                });
            }
        }
        for y in b.iter().filter(|y| !a_ids.contains(y.id.as_str())) {
            found.push(EntityChange {
                entity: kind,
                id: y.id.clone(),
                name: y.name.clone(),
                kind: Kind::Added,
                changes: Vec::new(),
            });
        }
        found.sort_by(|x, y| x.id.cmp(&y.id));
        out.extend(found);
    }
    out
}

fn entity_fields(t: &Timeline, kind: EntityKind) -> Vec<EntityFields> {
    let country = |c: Option<usize>| c.map(|c| t.countries[c].id.clone());
    let ext = |list: &super::Extensions| list.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    match kind {
        EntityKind::Country => t
            .countries
            .iter()
            .map(|c| EntityFields {
                id: c.id.clone(),
                name: c.name.clone(),
                values: vec![(Field::Name, Some(c.name.clone()))],
                lists: vec![(Field::Aliases, c.aliases.clone()), (Field::Extensions, ext(&c.extensions))],
            })
            .collect(),
        EntityKind::Agency => t
            .agencies
            .iter()
            .map(|a| EntityFields {
                id: a.id.clone(),
                name: a.name.clone(),
                values: vec![
                    (Field::Name, Some(a.name.clone())),
                    (Field::Short, a.short.clone()),
                    (Field::Country, country(a.country)),
                    (Field::Parent, a.parent.map(|p| t.agencies[p].id.clone())),
                ],
                lists: vec![(Field::Aliases, a.aliases.clone()), (Field::Extensions, ext(&a.extensions))],
            })
            .collect(),
        EntityKind::Person => t
            .people
            .iter()
            .map(|p| EntityFields {
                id: p.id.clone(),
                name: p.name.clone(),
                values: vec![
                    (Field::Name, Some(p.name.clone())),
                    (Field::Native, p.native.clone()),
                    (Field::Country, country(p.country)),
                ],
                lists: vec![
                    (Field::Roles, p.roles.iter().map(|r| role_text(t, r)).collect()),
                    (Field::Extensions, ext(&p.extensions)),
                ],
            })
            .collect(),
    }
}

/// A role as one line: `Minister of Public Security, mps, 2012-12..2017-11`.
fn role_text(t: &Timeline, r: &super::Role) -> String {
    let mut out = r.title.clone();
    if let Some(a) = r.agency {
        out.push_str(&format!(", {}", t.agencies[a].id));
    }
    match (&r.from, &r.to) {
        (None, None) => {}
        (from, to) => out.push_str(&format!(
            ", {}..{}",
            from.map(|d| d.to_string()).unwrap_or_default(),
            to.map(|d| d.to_string()).unwrap_or_default()
        )),
    }
    out
}

/// One piece of a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordEdit {
    Same(String),
    Removed(String),
    Added(String),
}

/// Above this many word pairs the middle of a text is shown as replaced whole, so a word diff
/// of two long, different texts stays quick.
const WORD_DIFF_CELLS: usize = 4_000_000;

/// The words of `to` against those of `from`: the `Same` and `Removed` pieces joined give
/// `from`, the `Same` and `Added` pieces give `to`. Whitespace goes with the words around it;
/// runs of changes come removed first, then added.
pub fn word_diff(from: &str, to: &str) -> Vec<WordEdit> {
    let a = tokens(from);
    let b = tokens(to);
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<(u8, &str)> = Vec::new(); // 0 same, 1 removed, 2 added
    ops.extend(a[..prefix].iter().map(|t| (0, *t)));
    if mid_a.len().saturating_mul(mid_b.len()) > WORD_DIFF_CELLS {
        ops.extend(mid_a.iter().map(|t| (1, *t)));
        ops.extend(mid_b.iter().map(|t| (2, *t)));
    } else {
        lcs_ops(mid_a, mid_b, &mut ops);
    }
    ops.extend(a[a.len() - suffix..].iter().map(|t| (0, *t)));
    group(ops)
}

/// Words and the whitespace between them, as separate tokens.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if in_space.is_some_and(|s| s != space) {
            out.push(&text[start..i]);
            start = i;
        }
        in_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn lcs_ops<'a>(a: &[&'a str], b: &[&'a str], ops: &mut Vec<(u8, &'a str)>) {
    let (n, m) = (a.len(), b.len());
    // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lengths = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[at(i, j)] = if a[i] == b[j] {
                lengths[at(i + 1, j + 1)] + 1
            } else {
                lengths[at(i + 1, j)].max(lengths[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            ops.push((0, a[i]));
            i += 1;
            j += 1;
        } else if lengths[at(i + 1, j)] >= lengths[at(i, j + 1)] {
            ops.push((1, a[i]));
            i += 1;
        } else {
            ops.push((2, b[j]));
            j += 1;
        }
    }
    ops.extend(a[i..].iter().map(|t| (1, *t)));
    ops.extend(b[j..].iter().map(|t| (2, *t)));
}

/// Joins the tokens into runs. Whitespace kept between two changes joins both sides of the
/// change, so `[-a b-]{+c d+}` reads as one replacement, not two.
fn group(ops: Vec<(u8, &str)>) -> Vec<WordEdit> {
    let mut out: Vec<WordEdit> = Vec::new();
    let mut removed = String::new();
    let mut added = String::new();
    let flush = |out: &mut Vec<WordEdit>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push(WordEdit::Removed(std::mem::take(removed)));
        }
        if !added.is_empty() {
            out.push(WordEdit::Added(std::mem::take(added)));
        }
    };
    let mut k = 0;
    while k < ops.len() {
        let (op, text) = ops[k];
        let in_change = !removed.is_empty() || !added.is_empty();
        let space_between_changes = op == 0
            && text.trim().is_empty()
            && in_change
            && ops.get(k + 1).is_some_and(|(next, _)| *next != 0);
        if space_between_changes {
            removed.push_str(text);
            added.push_str(text);
        } else {
            match op {
                0 => {
                    flush(&mut out, &mut removed, &mut added);
                    match out.last_mut() {
                        Some(WordEdit::Same(s)) => s.push_str(text),
                        _ => out.push(WordEdit::Same(text.to_string())),
                    }
                }
                1 => removed.push_str(text),
                _ => added.push_str(text),
            }
        }
        k += 1;
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

#[cfg(test)]
mod tests;
