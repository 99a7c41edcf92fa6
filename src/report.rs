//! What the command line prints and the explorer shows: the event table, an event's detail, and
//! JSON records. Plain text, no terminal codes; every piece of data passes through `text`.

use crate::model::date::rfc3339;
use crate::model::interval::{Amount, Interval};
use crate::model::relation_kind;
use crate::model::sides;
use crate::model::{Event, EventIx, Source, Speaker, Status, Timeline, Zone};
use crate::text::{self, display_safe, one_line};
use serde_json::{json, Value};

/// One line of an event's detail, before layout. The explorer styles these; `show` prints them.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailLine {
    Title(String),
    /// `label: value` on one line.
    Field(&'static str, String),
    Heading(&'static str),
    Paragraph(String),
    Bullet(String),
    /// One of the event's sources: its title, publisher and date, and its URL apart, so a
    /// layout can give the URL a line of its own and never break it.
    Source {
        text: String,
        url: Option<String>,
    },
    /// A link to another event, which the explorer can follow.
    Link {
        event: EventIx,
        text: String,
    },
    Blank,
}

/// How the detail words dates and lists: compactly for a screen laid out in columns, or in
/// words for reading aloud (the plain front end), where `Dec 7–8` and `#tag` read badly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    Compact,
    Spoken,
}

impl Wording {
    fn date(self, date: &crate::model::DateSpec, zone: &Zone) -> String {
        match self {
            Wording::Compact => date.human_in(zone),
            Wording::Spoken => date.long_in(zone),
        }
    }

    /// The date with the zone's name after its times (after each end where their offsets
    /// differ).
    fn zoned_date(self, date: &crate::model::DateSpec, zone: &Zone) -> String {
        match self {
            Wording::Compact => date.human_zoned(zone),
            Wording::Spoken => date.long_zoned(zone),
        }
    }
}

/// The label of the event's id among the detail's fields (`show` prints it; the explorer's
/// pane leaves it to the copy menu).
pub const ID_LABEL: &str = "Id";

/// Everything known about one event, in reading order.
pub fn detail(timeline: &Timeline, ix: EventIx) -> Vec<DetailLine> {
    detail_worded(timeline, ix, Wording::Compact)
}

/// The detail, worded for the screen or for reading aloud.
pub fn detail_worded(timeline: &Timeline, ix: EventIx, wording: Wording) -> Vec<DetailLine> {
    detail_in(timeline, ix, wording, &timeline.zone)
}

/// The detail with its times shown in `zone` (the zone the view shows); an event with a
/// `timezone:` of its own also gets its times in that zone.
pub fn detail_in(timeline: &Timeline, ix: EventIx, wording: Wording, zone: &Zone) -> Vec<DetailLine> {
    use DetailLine::*;
    let event = &timeline.events[ix];
    let mut out = vec![Title(event.title.clone())];
    // `--changes REV`: what changed comes first, for a reader reviewing the changes.
    if let Some((since, change)) = timeline.since.as_ref().and_then(|s| Some((s, s.change_of(ix)?))) {
        out.extend(crate::changes::report::detail_lines(change, &since.label));
    }

    let date = &event.date;
    let mut when = wording.zoned_date(date, zone);
    let span = Interval::span(date, zone).map(|span| span.words());
    if wording == Wording::Spoken {
        // `long` already says "around" and "(uncertain)".
        if let Some(span) = span {
            when.push_str(&format!(" ({span})"));
        }
    } else {
        if let Some(span) = span {
            when.push_str(&format!("  ({span})"));
        }
        let mut caveats = Vec::new();
        if event.date.approximate {
            caveats.push("approximate");
        }
        if event.date.uncertain {
            caveats.push("uncertain");
        }
        if !caveats.is_empty() {
            when.push_str(&format!("  [{}]", caveats.join(", ")));
        }
    }
    out.push(Field("Date", when));
    if let Some(own) = event.zone.filter(|own| own != zone && date.has_time()) {
        let name = own.name();
        let local = wording.zoned_date(date, &own);
        let named = local.ends_with(&format!(" {name}")) || local.contains(&format!(" {name} "));
        let text = if named { local } else { format!("{local} ({name})") };
        out.push(Field("Local", text));
    }
    if let Some(gap) = gaps(timeline, ix, wording, zone) {
        out.push(Field("When", gap));
    }
    if event.status != Status::Happened {
        out.push(Field("Status", event.status.words().to_string()));
    }
    if let Some(location) = &event.location {
        let country = location.country.map(|c| timeline.countries[c].name.as_str());
        let place = match (location.place.as_deref(), country) {
            (Some(p), Some(c)) => format!("{p} ({c})"),
            (Some(p), None) => p.to_string(),
            (None, Some(c)) => c.to_string(),
            (None, None) => String::new(),
        };
        if !place.is_empty() {
            out.push(Field("Place", place));
        }
    }
    let countries = timeline.involved_countries(event);
    if !countries.is_empty() {
        let names: Vec<&str> = countries.iter().map(|&c| timeline.countries[c].name.as_str()).collect();
        out.push(Field("Countries", names.join(", ")));
    }
    if let Some(acted) = crate::model::sides::acted_words(timeline, event) {
        out.push(Field("Acted", acted));
    }
    if !event.tags.is_empty() {
        let tags = match wording {
            Wording::Compact => event.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" "),
            // "number sign dialogue" is what a screen reader makes of `#dialogue`.
            Wording::Spoken => event.tags.join(", "),
        };
        out.push(Field("Tags", tags));
    }
    out.push(Field(ID_LABEL, timeline.qualified_id(ix).into_owned()));
    if timeline.is_several_files() {
        out.push(Field("File", timeline.file_of(ix).name.clone()));
    }

    if !event.agencies.is_empty() {
        out.push(Blank);
        out.push(Heading("Agencies"));
        // Grouped by country, each led by it: "China: MPS — Ministry of Public Security".
        let mut agencies = event.agencies.clone();
        agencies.sort_by_key(|&a| sides::country_order(timeline.agencies[a].country));
        for a in agencies {
            out.push(Bullet(agency_line(timeline, a)));
        }
    }
    if !event.people.is_empty() {
        out.push(Blank);
        out.push(Heading("People"));
        let mut people: Vec<&crate::model::Participant> = event.people.iter().collect();
        people.sort_by_key(|p| sides::country_order(timeline.people[p.person].country));
        for participant in people {
            let person = &timeline.people[participant.person];
            let mut line = match person.country {
                Some(c) => format!("{}: {}", timeline.countries[c].name, person.name),
                None => person.name.clone(),
            };
            if let Some(native) = &person.native {
                line.push_str(&format!(" ({native})"));
            }
            let roles = timeline.roles_then(participant, event.date.first_day());
            if !roles.is_empty() {
                line.push_str(&format!(" — {}", roles.join("; ")));
            }
            out.push(Bullet(line));
        }
    }
    if let Some(summary) = &event.summary {
        out.push(Blank);
        out.push(Heading("Summary"));
        out.push(Paragraph(text::reflow(summary.trim_end())));
    }
    if !event.outcomes.is_empty() {
        out.push(Blank);
        out.push(Heading("Outcomes"));
        out.extend(event.outcomes.iter().map(|o| Bullet(o.trim_end().to_string())));
    }
    if !event.quotes.is_empty() {
        out.push(Blank);
        out.push(Heading("Quotes"));
        for quote in &event.quotes {
            let mut line = format!("“{}” — {}", quote.text.trim(), timeline.speaker_name(&quote.by));
            if let Some(source) = &quote.source {
                line.push_str(&format!(" ({source})"));
            }
            out.push(Bullet(line));
        }
    }
    if let Some(notes) = &event.notes {
        out.push(Blank);
        out.push(Heading("Notes"));
        out.push(Paragraph(text::reflow(notes.trim_end())));
    }
    if let Some(annotation) = &event.annotation {
        // The reader's own words, from the notes sidecar; their line breaks are kept.
        out.push(Blank);
        out.push(Heading("Your annotation"));
        out.push(Paragraph(annotation.trim_end().to_string()));
    }
    if !event.sources.is_empty() {
        out.push(Blank);
        out.push(Heading("Sources"));
        for source in &event.sources {
            out.push(Source { text: source_text(source, wording, zone), url: source.url.clone() });
        }
    }
    let connections = connections(timeline, ix);
    let mut group = None;
    for link in &connections.links {
        let heading = link.relation.heading();
        if group != Some(heading) {
            out.push(Blank);
            out.push(Heading(heading));
            group = Some(heading);
        }
        let other = &timeline.events[link.event];
        // A known kind in words ("Part of X"); a writer's own kind as written ("kind: X").
        let kind = match &link.relation {
            Relation::Related(Some(kind)) => match (relation_kind::words(kind), wording) {
                (Some(words), _) => format!("{words} "),
                (None, Wording::Compact) => format!("{kind}: "),
                (None, Wording::Spoken) => format!("{}: ", spoken_kind(kind)),
            },
            _ => String::new(),
        };
        let mut text = match wording {
            Wording::Compact => format!("{kind}{} ({})", other.title, other.date.human_in(zone)),
            Wording::Spoken => format!("{kind}{}, {}", other.title, other.date.long_in(zone)),
        };
        if timeline.is_several_files() {
            text.push_str(&format!(" {}", file_marker(timeline, link.event)));
        }
        // The other event's kind is read from its side, so it comes after its title: "Second
        // round (…) — follows this event".
        if let Relation::ReferredBy(Some(kind)) = &link.relation {
            let words = match (relation_kind::words(kind), wording) {
                (Some(words), _) => words.to_lowercase(),
                (None, Wording::Compact) => kind.clone(),
                (None, Wording::Spoken) => spoken_kind(kind),
            };
            text.push_str(&format!(" — {words} this event"));
        }
        if let Relation::Related(Some(kind)) | Relation::ReferredBy(Some(kind)) = &link.relation {
            if relation_kind::is_reading(kind) {
                text.push_str(" (editor's reading)");
            }
        }
        out.push(Link { event: link.event, text });
    }
    if connections.more_at_the_same_time > 0 {
        if group != Some(Relation::SameTime.heading()) {
            out.push(Blank);
            out.push(Heading(Relation::SameTime.heading()));
        }
        out.push(Bullet(format!("and {} more", connections.more_at_the_same_time)));
    }
    if !event.extensions.is_empty() {
        out.push(Blank);
        out.push(Heading("Extensions"));
        for (k, v) in &event.extensions {
            out.push(Bullet(format!("{k}: {}", extension_text(v))));
        }
    }
    out
}

/// A source as the detail lists it: "Title — Publisher, date" (its URL goes apart).
pub fn source_text(source: &Source, wording: Wording, zone: &Zone) -> String {
    let mut line = source.title.trim().to_string();
    if let Some(p) = &source.publisher {
        line.push_str(&format!(" — {p}"));
    }
    if let Some(d) = &source.date {
        line.push_str(&format!(", {}", wording.date(d, zone)));
    }
    line
}

/// A source cited in plain text: "Title — Publisher, date, URL", each part it has. The source's
/// own title and date, never the event's: a citation names what was read.
pub fn citation(source: &Source, zone: &Zone) -> String {
    let mut line = source_text(source, Wording::Compact, zone);
    if let Some(url) = &source.url {
        line.push_str(&format!(", {url}"));
    }
    line
}

/// How many overlapping events the detail lists before "and N more".
const SAME_TIME_SHOWN: usize = 10;

/// How the detail's links stand to the event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relation {
    /// The event lists the other in its `related`, with the kind it gives.
    Related(Option<String>),
    /// The other event lists this one, with the kind it gives.
    ReferredBy(Option<String>),
    /// Their days overlap.
    SameTime,
}

impl Relation {
    /// The detail's heading for links of this relation.
    pub fn heading(&self) -> &'static str {
        match self {
            Relation::Related(_) => "Related",
            Relation::ReferredBy(_) => "Referred to by",
            Relation::SameTime => "At the same time",
        }
    }

    /// The relation in words: `follows`, `seen as replaced by`, `referred to by (part of)`.
    pub fn spoken(&self) -> String {
        match self {
            Relation::Related(Some(kind)) => spoken_kind(kind),
            Relation::Related(None) => "related".into(),
            // The table's words read from the other event's side: here the kind as written.
            Relation::ReferredBy(Some(kind)) => format!("referred to by ({})", kind.replace(['-', '_'], " ")),
            Relation::ReferredBy(None) => "referred to by".into(),
            Relation::SameTime => "at the same time".into(),
        }
    }
}

/// A relation kind as words: a known one from the model's table in lower case ("later seen as
/// replaced by"), a writer's own with its dashes read as spaces.
fn spoken_kind(kind: &str) -> String {
    match relation_kind::words(kind) {
        Some(words) => words.to_lowercase(),
        None => kind.replace(['-', '_'], " "),
    }
}

/// One link of the detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub event: EventIx,
    pub relation: Relation,
}

/// The detail's links in its order (related, referred to by, at the same time), so the explorer's
/// `n`-th link and the plain front end's `related N` are the same event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connections {
    pub links: Vec<Connection>,
    /// Overlapping events beyond the first `SAME_TIME_SHOWN`, which the detail only counts.
    pub more_at_the_same_time: usize,
}

pub fn connections(timeline: &Timeline, ix: EventIx) -> Connections {
    let event = &timeline.events[ix];
    let mut links: Vec<Connection> = event
        .related
        .iter()
        .map(|l| Connection { event: l.event, relation: Relation::Related(l.kind.clone()) })
        .collect();
    links.extend(timeline.referred_by[ix].iter().map(|&r| {
        let kind = timeline.events[r].related.iter().find(|l| l.event == ix).and_then(|l| l.kind.clone());
        Connection { event: r, relation: Relation::ReferredBy(kind) }
    }));
    let overlapping = at_the_same_time(timeline, ix);
    let more_at_the_same_time = overlapping.len().saturating_sub(SAME_TIME_SHOWN);
    links.extend(
        overlapping
            .into_iter()
            .take(SAME_TIME_SHOWN)
            .map(|other| Connection { event: other, relation: Relation::SameTime }),
    );
    Connections { links, more_at_the_same_time }
}

/// The other events that overlap this one, in chronological order: their days overlap, or —
/// when both have times — their instants do (an event at 00:10 is not at the same time as one
/// at 03:00). Events are sorted by their first day, so only those starting by this one's last
/// day are looked at.
pub fn at_the_same_time(timeline: &Timeline, ix: EventIx) -> Vec<EventIx> {
    let this = &timeline.events[ix].date;
    let (first, last) = (this.first_day(), this.last_day());
    let started = timeline.events.partition_point(|e| e.date.first_day() <= last);
    let overlaps = |other: &crate::model::DateSpec| {
        if this.has_time() && other.has_time() {
            other.start_instant() <= this.end_instant() && this.start_instant() <= other.end_instant()
        } else {
            other.last_day() >= first
        }
    };
    (0..started).filter(|&i| i != ix && overlaps(&timeline.events[i].date)).collect()
}

/// An extension value as written: strings bare, anything else as compact JSON.
pub fn extension_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn agency_line(timeline: &Timeline, a: usize) -> String {
    let agency = &timeline.agencies[a];
    let mut line = match &agency.short {
        Some(short) if short != &agency.name => format!("{short} — {}", agency.name),
        _ => agency.name.clone(),
    };
    if let Some(c) = agency.country {
        line = format!("{}: {line}", timeline.countries[c].name);
    }
    let mut context = Vec::new();
    if let Some(p) = agency.parent {
        context.push(format!("part of {}", timeline.agencies[p].label()));
    }
    if !context.is_empty() {
        line.push_str(&format!(" ({})", context.join("; ")));
    }
    line
}

/// "5 months after Xi–Obama summit · 6 months before Second round" (spoken: `;` between).
fn gaps(timeline: &Timeline, ix: EventIx, wording: Wording, zone: &Zone) -> Option<String> {
    let event = &timeline.events[ix];
    let mut parts = Vec::new();
    if ix > 0 {
        parts.push(relation(event, &timeline.events[ix - 1], zone));
    }
    if let Some(next) = timeline.events.get(ix + 1) {
        parts.push(relation(event, next, zone));
    }
    let separator = if wording == Wording::Spoken { "; " } else { " · " };
    (!parts.is_empty()).then(|| parts.join(separator))
}

/// How `event` stands to a neighbour: "13 days after X", "during X", "same day as X",
/// "overlapping X", or just "after X" when a year- or month-only date makes a number
/// meaningless; the number is `interval`'s (after a range from its end, before it from its start). A year- or month-only
/// date is some time in that year or month, not all of it: an event it overlaps is "in the same
/// year (month) as" it, never "before" what the detail lists under "At the same time" (#22).
fn relation(event: &Event, other: &Event, zone: &Zone) -> String {
    use crate::model::Precision;
    let title = &other.title;
    let (a, b) = (event.date, other.date);
    let contains = |outer: &crate::model::DateSpec, inner: &crate::model::DateSpec| {
        outer.end.is_some()
            && outer.start_instant() <= inner.start_instant()
            && inner.end_instant() <= outer.end_instant()
    };
    // A date that is only a year or a month holds the events inside it, but is no span of
    // time of its own: "during 2017", never "before" something inside 2017.
    let coarse =
        |d: &crate::model::DateSpec| d.end.is_none() && d.precision() != crate::model::Precision::Day;
    let within = |outer: &crate::model::DateSpec, inner: &crate::model::DateSpec| {
        outer.first_day() <= inner.first_day() && inner.last_day() <= outer.last_day()
    };
    if coarse(&a) && within(&a, &b) {
        return format!("during {}, as is {title}", a.long());
    }
    if coarse(&b) && within(&b, &a) {
        return format!("during {}, as is {title}", b.long());
    }
    // Either way round: a range that starts first may hold its next neighbour, and one that
    // starts on the same day as the previous may hold it.
    if contains(&b, &a) {
        return format!("during {title}");
    }
    if contains(&a, &b) {
        return format!("{title} happens during it");
    }
    let coarse = a.precision().min(b.precision());
    let overlap = a.first_day() <= b.last_day() && b.first_day() <= a.last_day();
    match coarse {
        Precision::Year if overlap => return format!("in the same year as {title}"),
        Precision::Month if overlap => return format!("in the same month as {title}"),
        _ => {}
    }
    let Some((interval, other_later)) = Interval::gap(&a, &b, zone) else {
        return format!("overlapping {title}");
    };
    let word = if other_later { "before" } else { "after" };
    // A year- or month-only date gives no number finer than itself.
    let finest = match coarse {
        Precision::Year => Amount::Months(12, 0),
        Precision::Month => Amount::Days(28),
        Precision::Day => Amount::Exact(0),
    };
    match interval.amount {
        Amount::Exact(0) => format!("at the same time as {title}"),
        Amount::Days(0) => format!("same day as {title}"),
        amount if amount < finest => format!("{word} {title}"),
        _ => format!("{} {word} {title}", interval.words()),
    }
}

/// The detail as plain text, for `show`: wrapped to `width` columns, times in `zone`.
pub fn detail_text(timeline: &Timeline, ix: EventIx, width: usize, zone: &Zone) -> String {
    let mut out = String::new();
    let label_width = 10;
    for line in detail_in(timeline, ix, Wording::Compact, zone) {
        match line {
            DetailLine::Title(t) => {
                let t = one_line(&t);
                out.push_str(&t);
                out.push('\n');
                out.push_str(&"═".repeat(text::width(&t).min(width)));
                out.push('\n');
            }
            DetailLine::Field(label, value) => {
                let indent = label_width + 2;
                let wrapped = text::wrap(&display_safe(&value, false), width.saturating_sub(indent).max(20));
                for (i, w) in wrapped.iter().enumerate() {
                    if i == 0 {
                        out.push_str(&format!("{:<label_width$}  {w}\n", format!("{label}:")));
                    } else {
                        out.push_str(&format!("{:indent$}{w}\n", ""));
                    }
                }
            }
            DetailLine::Heading(h) => {
                out.push_str(h);
                out.push('\n');
            }
            DetailLine::Paragraph(p) => {
                for w in text::wrap(&display_safe(&p, true), width.saturating_sub(2).max(20)) {
                    // The blank line between paragraphs stays empty, with no trailing spaces.
                    if w.is_empty() {
                        out.push('\n');
                    } else {
                        out.push_str(&format!("  {w}\n"));
                    }
                }
            }
            DetailLine::Bullet(b) => push_hanging(&mut out, "  • ", &b, width),
            DetailLine::Source { text: t, url } => {
                push_hanging(&mut out, "  • ", &t, width);
                // Whole on a line of its own, however wide: a URL broken over lines is no link.
                if let Some(url) = url {
                    out.push_str(&format!("    {}\n", one_line(&url)));
                }
            }
            DetailLine::Link { text: t, .. } => push_hanging(&mut out, "  → ", &t, width),
            DetailLine::Blank => out.push('\n'),
        }
    }
    out
}

/// `mark` then `text` wrapped, continuation lines indented under the text.
fn push_hanging(out: &mut String, mark: &str, text_: &str, width: usize) {
    for (i, w) in text::wrap(&display_safe(text_, false), width.saturating_sub(4).max(20)).iter().enumerate()
    {
        out.push_str(if i == 0 { mark } else { "    " });
        out.push_str(w);
        out.push('\n');
    }
}

/// How lists mark an event's file when several are loaded: `[trade]`.
pub fn file_marker(timeline: &Timeline, event: EventIx) -> String {
    format!("[{}]", timeline.file_of(event).stem)
}

/// The `list` table: date (times in `zone`), status mark, title, countries (and the file,
/// when there are several). Columns fit `width`.
pub fn list_table(timeline: &Timeline, events: &[EventIx], width: usize, zone: &Zone) -> String {
    table_of(timeline, events, width, zone, false)
}

/// The list table with each event's id in a first column (`list --ids`): the id `show` takes,
/// qualified `stem#id` where several files share it.
pub fn list_table_with_ids(timeline: &Timeline, events: &[EventIx], width: usize, zone: &Zone) -> String {
    table_of(timeline, events, width, zone, true)
}

fn table_of(timeline: &Timeline, events: &[EventIx], width: usize, zone: &Zone, with_ids: bool) -> String {
    let ids: Vec<String> = if with_ids {
        events.iter().map(|&i| one_line(&timeline.qualified_id(i)).into_owned()).collect()
    } else {
        Vec::new()
    };
    // The id column and the two spaces after it; none without ids.
    let id_width = ids.iter().map(|d| text::width(d)).max().map(|w| w.max(2));
    let id_cell = |id: &str| id_width.map(|w| format!("{}  ", text::pad(id, w))).unwrap_or_default();
    let dates: Vec<String> = events.iter().map(|&i| timeline.events[i].date.listed_full_in(zone)).collect();
    let date_width = dates.iter().map(|d| text::width(d)).max().unwrap_or(4).max(4);
    let form = sides::BadgeForm::of(timeline);
    let heading = form.heading();
    let badges: Vec<String> = events.iter().map(|&i| list_badges(timeline, i, form).text()).collect();
    let badge_width = badges.iter().map(|b| text::width(b)).max().unwrap_or(0).max(heading.len());
    let taken = id_width.map_or(0, |w| w + 2);
    // The titles take what is left of `width`, never fewer than 20 columns, and never more
    // than the widest needs (so an unbounded width cuts nothing and pads nothing).
    let titles: Vec<_> = events.iter().map(|&i| one_line(&timeline.events[i].title)).collect();
    let widest_title = titles.iter().map(|t| text::width(t)).max().unwrap_or(0);
    let title_width =
        width.saturating_sub(taken + date_width + 3 + 2 + badge_width).max(20).min(widest_title.max(5));
    let mut out = String::new();
    out.push_str(&format!(
        "{}{}   {}  {heading}\n",
        id_cell("ID"),
        text::pad("DATE", date_width),
        text::pad("TITLE", title_width)
    ));
    for (row_ix, (((&i, date), badges), title)) in
        events.iter().zip(&dates).zip(&badges).zip(&titles).enumerate()
    {
        let event = &timeline.events[i];
        let row = format!(
            "{}{} {} {}  {}",
            ids.get(row_ix).map(|id| id_cell(id)).unwrap_or_default(),
            text::pad(date, date_width),
            event.status.mark(),
            text::pad(title, title_width),
            one_line(badges)
        );
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

/// What the list shows right of the title: the countries in `form` (`model::sides::RowCountries`:
/// who acted, then the others involved in parentheses), then the file marker when several files
/// are loaded (`US (CN) [trade]`).
pub fn list_badges(timeline: &Timeline, event: EventIx, form: sides::BadgeForm) -> ListBadges {
    let (acted, also) = sides::RowCountries::of(timeline, &timeline.events[event]).badges(timeline, form);
    let file = if timeline.is_several_files() { file_marker(timeline, event) } else { String::new() };
    let safe = |part: String| one_line(&part).into_owned();
    let involved_only = form == sides::BadgeForm::Involved;
    ListBadges { acted: safe(acted), also: safe(also), file: safe(file), involved_only }
}

/// A list row's badges in their three parts, each possibly empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListBadges {
    /// The countries that acted, `CN US` (`?` where the event does not say; every country
    /// involved where the timeline never says).
    pub acted: String,
    /// The other countries involved, in parentheses, `(CN)`.
    pub also: String,
    /// The file's marker, `[trade]`.
    pub file: String,
    /// `acted` is every country involved, claiming no action (`BadgeForm::Involved`): it is
    /// what gives way first when the row is short.
    pub involved_only: bool,
}

impl ListBadges {
    /// The parts joined by single spaces, `US (CN) [trade]`.
    pub fn text(&self) -> String {
        let parts = [&self.acted, &self.also, &self.file];
        parts.iter().filter(|p| !p.is_empty()).map(|p| p.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// The badges for `room` columns: whole where they fit, else the other countries involved
    /// cut inside their parentheses (`(CN E…)`, at least `(…)`), so who acted and the file keep
    /// their room (a list cuts what is still too wide with `…`).
    /// Where the countries are only those involved (no parentheses), they are what is cut
    /// (`CN E…`).
    pub fn fitted(self, room: usize) -> ListBadges {
        if text::width(&self.text()) <= room {
            return self;
        }
        if self.involved_only && !self.acted.is_empty() && !self.file.is_empty() {
            let inside = room.saturating_sub(text::width(&self.file) + 1).max(1);
            let cut = text::truncate(&self.acted, inside).replace(" …", "…");
            return ListBadges { acted: cut, ..self };
        }
        if self.also.is_empty() {
            return self;
        }
        let others = ListBadges { also: String::new(), ..self.clone() };
        let rest = others.text();
        let separator = usize::from(!rest.is_empty());
        let inside = room.saturating_sub(text::width(&rest) + separator + 2).max(1);
        let countries = &self.also[1..self.also.len() - 1];
        // A cut after a space reads better without it: `(CN…)`, not `(CN …)`.
        let cut = text::truncate(countries, inside).replace(" …", "…");
        ListBadges { also: format!("({cut})"), ..others }
    }

    /// The characters of `text()` that are the other countries involved (`also`), which a
    /// list may draw dimmed.
    pub fn also_chars(&self) -> std::ops::Range<usize> {
        if self.also.is_empty() {
            return 0..0;
        }
        let start = if self.acted.is_empty() { 0 } else { self.acted.chars().count() + 1 };
        start..start + self.also.chars().count()
    }
}

/// One event as a JSON record (`list --format json`). Ids for entities, ISO days for dates
/// (in the timeline's zone), and for a date with a time its instants (RFC 3339, UTC).
pub fn event_record(timeline: &Timeline, ix: EventIx) -> Value {
    let e = &timeline.events[ix];
    let location = e.location.as_ref().map(|l| {
        json!({
            "place": l.place,
            "country": l.country.map(|c| timeline.countries[c].id.clone()),
        })
    });
    let mut record = json!({
        "id": e.id,
        "title": e.title,
        "date": e.date.to_string(),
        "start": e.date.first_day().to_string(),
        "end": e.date.last_day().to_string(),
        "start_utc": e.date.has_time().then(|| rfc3339(e.date.start_instant())),
        "end_utc": e.date.has_time().then(|| rfc3339(e.date.end_instant())),
        "timezone": e.zone.map(|z| z.name()),
        "precision": e.date.precision_name(),
        "approximate": e.date.approximate,
        "uncertain": e.date.uncertain,
        "status": e.status.as_str(),
        "location": location,
        "countries": e.countries.iter().map(|&c| &timeline.countries[c].id).collect::<Vec<_>>(),
        "involved_countries": timeline.involved_countries(e).iter().map(|&c| &timeline.countries[c].id).collect::<Vec<_>>(),
        "agencies": e.agencies.iter().map(|&a| &timeline.agencies[a].id).collect::<Vec<_>>(),
        "people": e.people.iter().map(|p| json!({"id": timeline.people[p.person].id, "role": p.role})).collect::<Vec<_>>(),
        "by": e.by.iter().map(|&a| timeline.actor_id(a)).collect::<Vec<_>>(),
        "acting_countries": timeline.acting_countries(e).iter().map(|&c| &timeline.countries[c].id).collect::<Vec<_>>(),
        "tags": e.tags,
        "summary": e.summary,
        "outcomes": e.outcomes,
        "quotes": e.quotes.iter().map(|q| json!({
            "by": match &q.by { Speaker::Person(p) => timeline.people[*p].id.clone(), Speaker::Text(t) => t.clone() },
            "text": q.text,
            "source": q.source,
        })).collect::<Vec<_>>(),
        "sources": e.sources.iter().map(|s| json!({
            "title": s.title, "publisher": s.publisher, "url": s.url, "date": s.date.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
        "related": e.related.iter().map(|l| json!({"id": timeline.events[l.event].id, "kind": l.kind})).collect::<Vec<_>>(),
        "notes": e.notes,
        "annotation": e.annotation,
    });
    if !e.extensions.is_empty() {
        let map: serde_json::Map<String, Value> = e.extensions.iter().cloned().collect();
        record["extensions"] = Value::Object(map);
    }
    if timeline.is_several_files() {
        record["file"] = json!(timeline.file_of(ix).stem);
        record["qualified_id"] = json!(timeline.qualified_id(ix));
    }
    record
}

pub fn event_records(timeline: &Timeline, events: &[EventIx]) -> Value {
    Value::Array(events.iter().map(|&i| event_record(timeline, i)).collect())
}

/// Pretty JSON that is also safe to print: serde_json escapes C0 controls but leaves DEL, C1
/// controls and bidi overrides raw, so those become `\uXXXX` escapes too. Outside strings JSON
/// is plain ASCII, so every such character is inside a string, where the escape is valid.
pub fn json_text(value: &Value) -> String {
    let raw = serde_json::to_string_pretty(value).expect("a JSON value always serializes");
    let mut out = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        if text::is_unsafe(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_cut_the_countries_involved_inside_their_parentheses_first() {
        let badges = |acted: &str, also: &str, file: &str| ListBadges {
            acted: acted.into(),
            also: also.into(),
            file: file.into(),
            involved_only: false,
        };
        let fitted = |b: ListBadges, room: usize| {
            let b = b.fitted(room);
            (b.text(), text::width(&b.text()) <= room)
        };
        let paris = badges("CN US", "(FR PE)", "");
        assert_eq!(fitted(paris.clone(), 20), ("CN US (FR PE)".into(), true));
        assert_eq!(fitted(paris.clone(), 11), ("CN US (FR…)".into(), true));
        assert_eq!(fitted(paris.clone(), 9), ("CN US (…)".into(), true));
        // Too narrow even for `(…)`: the list cuts the rest.
        assert_eq!(fitted(paris, 5), ("CN US (…)".into(), false));
        assert_eq!(fitted(badges("", "(CN EU)", "[trade]"), 14), ("(CN…) [trade]".into(), true));
        assert_eq!(badges("", "(CN EU)", "[trade]").also_chars(), 0..7);
        assert_eq!(badges("US", "(CN)", "[trade]").also_chars(), 3..7);
        assert_eq!(badges("US", "", "[trade]").also_chars(), 0..0);
    }

    /// Where the badges name only the countries involved (a timeline with no `by:`), they give
    /// way before the file's marker.
    #[test]
    fn badges_of_countries_involved_only_are_cut_before_the_file_marker() {
        let involved = ListBadges {
            acted: "CN EU".into(),
            also: String::new(),
            file: "[trade]".into(),
            involved_only: true,
        };
        assert_eq!(involved.clone().fitted(13).text(), "CN EU [trade]");
        assert_eq!(involved.clone().fitted(11).text(), "CN… [trade]");
        assert_eq!(involved.fitted(9).text(), "… [trade]");
    }

    fn when(text: &str, id: &str) -> String {
        let t = crate::model::load_str("t", text).unwrap();
        let ix = t.event_index(id).unwrap();
        detail(&t, ix)
            .into_iter()
            .find_map(|l| match l {
                DetailLine::Field("When", v) => Some(v),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn relations_between_neighbours() {
        let same_day = "title: t\nevents:\n  - {id: a, title: A, date: 2016-05-01}\n  - {id: b, title: B, date: 2016-05-01}\n";
        assert_eq!(when(same_day, "b"), "same day as A");
        let year =
            "title: t\nevents:\n  - {id: a, title: A, date: 2016-12-07}\n  - {id: b, title: B, date: 2017}\n";
        assert_eq!(when(year, "b"), "after A", "no number from a year-only date");
        let inside =
            "title: t\nevents:\n  - {id: a, title: A, date: 2017}\n  - {id: b, title: B, date: 2017-04-06}\n";
        assert_eq!(when(inside, "a"), "during 2017, as is B", "not `before B`");
        assert_eq!(when(inside, "b"), "during 2017, as is A");
        let month = "title: t\nevents:\n  - {id: a, title: A, date: 2016-04}\n  - {id: b, title: B, date: 2016-04-20}\n";
        assert_eq!(when(month, "a"), "during April 2016, as is B");
        let nested = "title: t\nevents:\n  - {id: a, title: A, date: \"2015-09-22..2015-09-28\"}\n  - {id: b, title: B, date: 2015-09-25}\n";
        assert_eq!(when(nested, "b"), "during A");
        let apart = "title: t\nevents:\n  - {id: a, title: A, date: 2015-01-01}\n  - {id: b, title: B, date: 2015-06-01}\n";
        assert_eq!(when(apart, "b"), "5 months after A");
        let across = "title: t\nevents:\n  - {id: a, title: A, date: 1962-10}\n  - {id: b, title: B, date: 1962-10-24..1962-11-20}\n";
        assert_eq!(when(across, "a"), "in the same month as B");
        let within = "title: t\nevents:\n  - {id: a, title: A, date: 2017-01..2017-12}\n  - {id: b, title: B, date: 2017-04}\n";
        assert_eq!(when(within, "b"), "during A", "a range holds what is inside it");
    }

    /// Never "before X" or "after X" with no number while X is listed "At the same time":
    /// checked on every event of the built-in timeline and of the three-zone fixture.
    #[test]
    fn the_when_line_never_puts_in_order_what_happens_at_the_same_time() {
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good/crisis-zones.yaml");
        for t in [crate::model::load_builtin().unwrap(), crate::model::load_file(fixture.as_ref()).unwrap()] {
            for ix in 0..t.events.len() {
                let when = detail(&t, ix)
                    .into_iter()
                    .find_map(|l| match l {
                        DetailLine::Field("When", v) => Some(v),
                        _ => None,
                    })
                    .unwrap_or_default();
                for other in at_the_same_time(&t, ix) {
                    let title = &t.events[other].title;
                    for word in ["before", "after"] {
                        let bare = format!("{word} {title}");
                        let at = when.find(&bare);
                        let starts_a_part = at.is_some_and(|at| at == 0 || when[..at].ends_with("· "));
                        assert!(
                            !starts_a_part,
                            "{}: {when:?} while {title:?} is at the same time",
                            t.events[ix].id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_detail_links_are_the_connections_in_order() {
        let t = crate::model::load_builtin().unwrap();
        for ix in 0..t.events.len() {
            let from_detail: Vec<EventIx> = detail(&t, ix)
                .into_iter()
                .filter_map(|l| match l {
                    DetailLine::Link { event, .. } => Some(event),
                    _ => None,
                })
                .collect();
            let links: Vec<EventIx> = connections(&t, ix).links.iter().map(|c| c.event).collect();
            assert_eq!(from_detail, links, "event {}", t.events[ix].id);
        }
        let round_1 = t.event_index("dialogue-round-1").unwrap();
        let relations: Vec<String> =
            connections(&t, round_1).links.iter().map(|c| c.relation.spoken()).collect();
        assert!(relations.iter().any(|r| r.starts_with("referred to by (")), "{relations:?}");
    }

    #[test]
    fn spoken_wording_has_words_not_symbols() {
        let text = "title: t\nevents:\n  - {id: a, title: A, date: 2016-12-07..2016-12-08, tags: [x, y], related: [{id: b, kind: seen-as-replaced-by}]}\n  - {id: b, title: B, date: ~2017-04}\n";
        let t = crate::model::load_str("t", text).unwrap();
        let spoken = detail_worded(&t, 0, Wording::Spoken);
        assert!(
            spoken.contains(&DetailLine::Field("Date", "December 7 to 8, 2016 (2 days)".into())),
            "{spoken:?}"
        );
        assert!(spoken.contains(&DetailLine::Field("Tags", "x, y".into())), "{spoken:?}");
        assert!(spoken.contains(&DetailLine::Link {
            event: 1,
            text: "Later seen as replaced by B, around April 2017 (editor's reading)".into()
        }));
        let compact = detail(&t, 0);
        assert!(compact.contains(&DetailLine::Field("Tags", "#x #y".into())), "{compact:?}");
        assert!(compact.contains(&DetailLine::Link {
            event: 1,
            text: "Later seen as replaced by B (~Apr 2017) (editor's reading)".into()
        }));
    }

    #[test]
    fn referred_to_by_says_the_kind_from_the_other_side() {
        let text = "title: t\nevents:\n  - {id: a, title: A, date: 2016-12-07, related: [{id: b, kind: seen-as-replaced-by}, {id: c}]}\n  - {id: b, title: B, date: 2017-04-01}\n  - {id: c, title: C, date: 2017-05-01, related: [{id: b, kind: echoes-of}]}\n";
        let t = crate::model::load_str("t", text).unwrap();
        let b = detail(&t, 1);
        assert!(b.contains(&DetailLine::Link {
            event: 0,
            text: "A (2016-12-07) — later seen as replaced by this event (editor's reading)".into()
        }));
        assert!(b
            .contains(&DetailLine::Link {
                event: 2, text: "C (2017-05-01) — echoes-of this event".into()
            }));
        let c = detail(&t, 2);
        assert!(
            c.contains(&DetailLine::Link { event: 0, text: "A (2016-12-07)".into() }),
            "no kind, no words"
        );
        assert!(detail_worded(&t, 1, Wording::Spoken)
            .contains(&DetailLine::Link {
                event: 2, text: "C, May 1, 2017 — echoes of this event".into()
            }));
    }

    #[test]
    fn a_kind_of_the_writers_own_is_said_as_written() {
        let text = "title: t\nevents:\n  - {id: a, title: A, date: 2016-12-07, related: [{id: b, kind: echoes-of}]}\n  - {id: b, title: B, date: 2017-04-01}\n";
        let t = crate::model::load_str("t", text).unwrap();
        assert!(
            detail(&t, 0).contains(&DetailLine::Link { event: 1, text: "echoes-of: B (2017-04-01)".into() })
        );
        assert!(detail_worded(&t, 0, Wording::Spoken)
            .contains(&DetailLine::Link { event: 1, text: "echoes of: B, April 1, 2017".into() }));
    }
}
