//! The timeline model: what a loaded, validated timeline is. Nothing here knows about terminals.
//!
//! Entities refer to each other by index (`CountryId` is an index into `Timeline::countries`),
//! resolved once at load time, so filtering and drawing never look ids up by string.

pub mod acting;
pub mod cache;
pub mod complete;
pub mod date;
pub mod diagnostic;
pub mod diff;
pub mod event_set;
pub mod facets;
pub mod file_zones;
pub mod filter;
pub mod fold;
pub mod foreign;
pub mod head;
pub mod index;
pub mod interval;
pub mod lanes;
pub mod link;
pub mod list_dates;
pub mod loader;
pub mod locate;
pub mod multi;
pub mod notes;
pub mod open;
pub mod query;
pub mod relation_kind;
pub mod remerge;
pub mod search;
mod shape;
pub mod shown_order;
pub mod sides;
pub mod since;
pub mod story;
pub mod suggest;
pub mod words;
pub mod zone;
pub mod zone_entry;

pub use date::{DateSpec, Precision};
pub use diagnostic::{Diagnostic, Diagnostics};
pub use loader::{load, load_builtin, load_file, load_str, LoadError};
pub use zone::Zone;

/// Extension fields (`x-…` keys): kept as-is, in file order.
pub type Extensions = Vec<(String, serde_json::Value)>;

pub type CountryIx = usize;
pub type AgencyIx = usize;
pub type PersonIx = usize;
pub type EventIx = usize;
/// An index into `Timeline::files`.
pub type FileIx = usize;

/// One file a timeline was read from. A timeline read from one file has one; several files
/// given together are merged into one timeline whose events keep their file (`Event::file`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceFile {
    /// Where it was read from; `None` for the built-in timeline and text held in memory.
    pub path: Option<std::path::PathBuf>,
    /// How messages name it: the path as given.
    pub name: String,
    /// What `file:` queries and `stem#id` references call it: the file name without its
    /// extension, made unique in the set (`trade`, `trade-2`).
    pub stem: String,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Timeline {
    pub title: String,
    pub description: Option<String>,
    pub countries: Vec<Country>,
    pub agencies: Vec<Agency>,
    pub people: Vec<Person>,
    /// In chronological order: by first day, then last day, then file order.
    pub events: Vec<Event>,
    /// For each event (same index), the events whose `related` lists point at it.
    pub referred_by: Vec<Vec<EventIx>>,
    /// The timeline's `timezone:` (UTC if it gives none): how times without an offset are
    /// read, the zone days are counted in, and the zone times are shown in by default.
    pub zone: Zone,
    #[serde(with = "cache::extensions_as_json")]
    pub extensions: Extensions,
    /// The files the events come from, in the order given (one for a single file).
    pub files: Vec<SourceFile>,
    /// Event ids that events of more than one file use: those events are addressed as
    /// `stem#id` (see [`Timeline::qualified_id`]). Empty for a single file.
    pub shared_ids: std::collections::HashSet<String>,
    /// The file's `stories:`: events told one slide at a time, in the order written.
    pub stories: Vec<Story>,
    /// What changed since an older version (`--changes REV`): set by the reader, never read
    /// from the file; the `change:` facet reads it. Never cached: it belongs to this run.
    #[serde(skip)]
    pub since: Option<std::sync::Arc<since::Since>>,
}

/// A story written in the file: a title and its events in the order they are told.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    /// Never empty, and no event twice.
    pub slides: Vec<StorySlide>,
    /// The file it comes from: an index into `Timeline::files`.
    pub file: FileIx,
}

/// One slide of a written story: an event, and the text that replaces its summary there.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StorySlide {
    pub event: EventIx,
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Country {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    #[serde(with = "cache::extensions_as_json")]
    pub extensions: Extensions,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Agency {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub country: Option<CountryIx>,
    pub parent: Option<AgencyIx>,
    pub aliases: Vec<String>,
    #[serde(with = "cache::extensions_as_json")]
    pub extensions: Extensions,
}

impl Agency {
    /// The short name where there is one ("FBI"), else the full name.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// The name in its own script, e.g. 郭声琨.
    pub native: Option<String>,
    pub country: Option<CountryIx>,
    pub roles: Vec<Role>,
    #[serde(with = "cache::extensions_as_json")]
    pub extensions: Extensions,
}

/// Something a query, a picker or a search can name: countries, agencies and people.
///
/// This is the one place that says which names an entity answers to, so the query resolver,
/// its did-you-mean, the search text and the pickers cannot disagree.
pub trait Named {
    /// The id references use.
    fn id(&self) -> &str;

    /// Every name the entity answers to: its id, name, short name, native name and aliases.
    fn names(&self) -> impl Iterator<Item = &str>;

    /// Whether `value` is one of its names, ignoring case and accents.
    fn answers_to(&self, value: &str) -> bool {
        self.names().any(|n| fold::same(n, value))
    }

    /// Whether `value` is a whole word of one of its names (a surname: `Korolev`, `Королёв`),
    /// or whole words standing together in one (`o'brien` in Conan O'Brien, `public security`
    /// in Ministry of Public Security).
    fn has_name_word(&self, value: &str) -> bool {
        let wanted: Vec<String> = fold::words(value).collect();
        !wanted.is_empty()
            && self.names().skip(1).any(|n| {
                let words: Vec<String> = fold::words(n).collect();
                words.windows(wanted.len()).any(|run| run == wanted.as_slice())
            })
    }

    /// How people read it in a list of choices: `cernan (Gene Cernan)`.
    fn described(&self) -> String {
        let name = self.names().nth(1).unwrap_or_default();
        format!("`{}` ({})", crate::text::escape(self.id()), crate::text::escape(name))
    }
}

impl Named for Country {
    fn id(&self) -> &str {
        &self.id
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), self.name.as_str()].into_iter().chain(self.aliases.iter().map(String::as_str))
    }
}

impl Named for Agency {
    fn id(&self) -> &str {
        &self.id
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), self.name.as_str()]
            .into_iter()
            .chain(self.short.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }
}

impl Named for Person {
    fn id(&self) -> &str {
        &self.id
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), self.name.as_str()].into_iter().chain(self.native.as_deref())
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Role {
    pub title: String,
    pub agency: Option<AgencyIx>,
    pub from: Option<DateSpec>,
    pub to: Option<DateSpec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Status {
    Happened,
    Planned,
    Cancelled,
    /// Planned, and it never took place, whether or not anyone called it off: drawn like a
    /// cancelled event, but not claiming a cancellation nobody announced.
    NotHeld,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Happened, Status::Planned, Status::Cancelled, Status::NotHeld];

    /// As written in a file and a query.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Happened => "happened",
            Status::Planned => "planned",
            Status::Cancelled => "cancelled",
            Status::NotHeld => "did-not-take-place",
        }
    }

    /// As said to people: "did not take place".
    pub fn words(self) -> &'static str {
        match self {
            Status::NotHeld => "did not take place",
            other => other.as_str(),
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The mark lists show: planned events are hollow, cancelled ones crossed.
    pub fn mark(self) -> char {
        match self {
            Status::Happened => '●',
            Status::Planned => '○',
            Status::Cancelled | Status::NotHeld => '✕',
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    pub place: Option<String>,
    pub country: Option<CountryIx>,
}

/// Who acted in an event (its `by:` list): one of the countries, agencies or people the event
/// itself lists. Distinct from who was involved: "the U.S. indicts five PLA officers" involves
/// China, but the United States acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Actor {
    Country(CountryIx),
    Agency(AgencyIx),
    Person(PersonIx),
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Participant {
    pub person: PersonIx,
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Speaker {
    Person(PersonIx),
    /// Free text: "Chinese delegation official".
    Text(String),
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    pub by: Speaker,
    pub text: String,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub date: Option<DateSpec>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    pub event: EventIx,
    /// How this event relates to the other ("follows", "background", …).
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub date: DateSpec,
    pub status: Status,
    pub location: Option<Location>,
    pub countries: Vec<CountryIx>,
    pub agencies: Vec<AgencyIx>,
    pub people: Vec<Participant>,
    /// Who acted (`by:`), in the order written; empty when the file does not say. Each is
    /// listed in the event's own `countries`, `agencies` or `people` (the loader checks).
    pub by: Vec<Actor>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub outcomes: Vec<String>,
    pub quotes: Vec<Quote>,
    pub sources: Vec<Source>,
    pub related: Vec<Link>,
    pub notes: Option<String>,
    /// The event's own `timezone:`, if it has one: its times were read in it, and the detail
    /// also shows them there.
    pub zone: Option<Zone>,
    #[serde(with = "cache::extensions_as_json")]
    pub extensions: Extensions,
    /// The reader's own annotation, from the notes sidecar (`notes.rs`), never from the file.
    pub annotation: Option<String>,
    /// Position in the file's `events` list, the last tie-breaker of chronological order.
    pub file_order: usize,
    /// The file it comes from: an index into `Timeline::files`.
    pub file: FileIx,
    /// Its `related` links to events of other files (`trade#talks`), which become `related`
    /// links when the files are read together (`model::multi::merge`).
    pub elsewhere: Vec<ExternalLink>,
}

/// A `related` link to an event of another file: `stem#id`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExternalLink {
    /// The other file's stem.
    pub file: String,
    pub id: String,
    pub kind: Option<String>,
    /// Its position in the event's `related` list, for messages.
    pub at: usize,
}

impl Timeline {
    /// The zones a timeline's times are in: its own first, then each file's and each event's
    /// own `timezone:`, in the order first met. `T` offers these (then UTC and this machine's).
    pub fn zones(&self) -> Vec<Zone> {
        let mut zones = vec![self.zone];
        for e in &self.events {
            for z in [Some(e.date.home), e.zone].into_iter().flatten() {
                if !zones.contains(&z) {
                    zones.push(z);
                }
            }
        }
        zones
    }

    /// The event a reference names: an id, or `stem#id` (see [`Timeline::find_event`]).
    pub fn event_index(&self, reference: &str) -> Option<EventIx> {
        self.find_event(reference).ok()
    }

    /// Whether the events come from more than one file (then they show their file).
    pub fn is_several_files(&self) -> bool {
        self.files.len() > 1
    }

    /// The file an event comes from.
    pub fn file_of(&self, event: EventIx) -> &SourceFile {
        &self.files[self.events[event].file]
    }

    /// How to name an event so that the name finds it again in this timeline: its id, or
    /// `stem#id` when events of several files share the id. Links, `show`, deep links, notes
    /// and bookmarks all name events this way.
    pub fn qualified_id(&self, event: EventIx) -> std::borrow::Cow<'_, str> {
        let e = &self.events[event];
        if self.shared_ids.contains(&e.id) {
            std::borrow::Cow::Owned(format!("{}#{}", self.files[e.file].stem, e.id))
        } else {
            std::borrow::Cow::Borrowed(&e.id)
        }
    }

    /// The event a reference names: `id`, or `stem#id` for the event `id` of one file. A bare
    /// id that events of several files share is an error listing the qualified ids; an
    /// unknown one an error with the nearest id.
    pub fn find_event(&self, reference: &str) -> Result<EventIx, link::EventRefError> {
        link::find_event(self, reference)
    }

    /// Countries an event involves: listed, or of a listed agency or person, or where it took place.
    /// Sorted, without duplicates.
    pub fn involved_countries(&self, event: &Event) -> Vec<CountryIx> {
        let mut out: Vec<CountryIx> = event.countries.clone();
        out.extend(event.agencies.iter().filter_map(|&a| self.agencies[a].country));
        out.extend(event.people.iter().filter_map(|p| self.people[p.person].country));
        out.extend(event.location.as_ref().and_then(|l| l.country));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The id an actor is written with in `by:`.
    pub fn actor_id(&self, actor: Actor) -> &str {
        match actor {
            Actor::Country(c) => &self.countries[c].id,
            Actor::Agency(a) => &self.agencies[a].id,
            Actor::Person(p) => &self.people[p].id,
        }
    }

    /// How people read an actor: a country's name, an agency's short name, a person's name.
    pub fn actor_label(&self, actor: Actor) -> &str {
        match actor {
            Actor::Country(c) => &self.countries[c].name,
            Actor::Agency(a) => self.agencies[a].label(),
            Actor::Person(p) => &self.people[p].name,
        }
    }

    /// The country an actor belongs to: itself, or its agency's or person's country.
    pub fn actor_country(&self, actor: Actor) -> Option<CountryIx> {
        match actor {
            Actor::Country(c) => Some(c),
            Actor::Agency(a) => self.agencies[a].country,
            Actor::Person(p) => self.people[p].country,
        }
    }

    /// The countries that acted in an event (through `by:`), sorted, without duplicates.
    pub fn acting_countries(&self, event: &Event) -> Vec<CountryIx> {
        let mut out: Vec<CountryIx> = event.by.iter().filter_map(|&a| self.actor_country(a)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The name a speaker goes by.
    pub fn speaker_name<'a>(&'a self, speaker: &'a Speaker) -> &'a str {
        match speaker {
            Speaker::Person(p) => &self.people[*p].name,
            Speaker::Text(t) => t,
        }
    }

    /// What a participant was at an event: the role the event gives, then each role they
    /// held that day (with the agency's short name), then their country's id.
    pub fn roles_then(&self, participant: &Participant, day: chrono::NaiveDate) -> Vec<String> {
        let mut roles = Vec::new();
        if let Some(role) = &participant.role {
            roles.push(role.clone());
        }
        for held in self.roles_on(participant.person, day) {
            let mut title = held.title.clone();
            if let Some(agency) = held.agency {
                let label = self.agencies[agency].label();
                if !title.contains(label) {
                    title.push_str(&format!(", {label}"));
                }
            }
            roles.push(title);
        }
        if let Some(c) = self.people[participant.person].country {
            roles.push(self.countries[c].id.clone());
        }
        roles
    }

    /// The roles a person held on a day, from their `roles` list.
    pub fn roles_on(&self, person: PersonIx, day: chrono::NaiveDate) -> impl Iterator<Item = &Role> {
        self.people[person].roles.iter().filter(move |r| {
            r.from.is_none_or(|f| f.first_day() <= day) && r.to.is_none_or(|t| t.last_day() >= day)
        })
    }
}
