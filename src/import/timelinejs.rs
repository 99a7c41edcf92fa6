//! TimelineJS3 JSON through serde_json: the title slide's headline and text become the title and
//! description; each of `events` an event — `unique_id` its id, `start_date`/`end_date` its date
//! at the precision given (`year`, `month`, `day`, and `hour`, `minute`, `second` for a time),
//! `display_date` saying `around …` or `… (uncertain)` (as the TimelineJS export writes it) its
//! circa and uncertain marks, `text.headline` its title, `text.text` its summary (paragraphs,
//! and list items as outcomes), `group` its country, `media.url` a source, and `tags` (which the
//! TimelineJS export adds and TimelineJS ignores) its tags; so are the export's `date` (the
//! written date, which wins over `start_date`), `timezone` (the event's, and beside `events` the
//! timeline's), `status` and `countries`, `agencies`, `people` (ids). HTML is turned into
//! text. Values are found in the source with serde_json's raw values, so problems are located.

use super::{
    check_date, date_text, point_text, slug, two_cores, Draft, DraftEvent, LineCounter, Notes, Problems,
};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt::{self, Display};

/// A JSON object's members, each value kept raw (where it is in the source, for messages), keys
/// borrowed from the source where they have no escapes. Sorted by key; a key given twice keeps
/// its last value, as a map would.
struct Object<'t>(Vec<(Cow<'t, str>, &'t RawValue)>);

impl<'t> Object<'t> {
    fn get(&self, key: &str) -> Option<&'t RawValue> {
        self.0.binary_search_by(|(k, _)| k.as_ref().cmp(key)).ok().map(|i| self.0[i].1)
    }

    fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &'t RawValue)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), *v))
    }
}

impl<'de> Deserialize<'de> for Object<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = Object<'de>;
            // As a map's own visitor says it, so messages read as they did.
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object<'de>, A::Error> {
                // A slide has about a dozen members: one allocation for them.
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(16).min(16));
                while let Some(Text(key)) = map.next_key::<Text>()? {
                    members.push((key, map.next_value()?));
                }
                Ok(Object::from_members(members))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

impl<'t> Object<'t> {
    fn from_members(mut members: Vec<(Cow<'t, str>, &'t RawValue)>) -> Object<'t> {
        // A stable sort keeps repeated keys in order; of each run the first is kept with the
        // last one's value, as a map keeps the last.
        members.sort_by(|a, b| a.0.cmp(&b.0));
        members.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 = later.1;
            }
            same
        });
        Object(members)
    }
}

/// The `events` of a file: its slides (each kept raw), or its value not yet read as a list.
enum Events<'t> {
    Slides(Vec<&'t RawValue>),
    Raw(&'t RawValue),
    Missing,
}

/// The top object of a file read in one pass: `events` read as the list of its slides, every
/// other member kept raw. It fails where `events` is no list, and the file is then read as an
/// [`Object`] first, so that the problem is placed.
struct Top<'t> {
    members: Object<'t>,
    events: Events<'t>,
}

impl<'de> Deserialize<'de> for Top<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = Top<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top<'de>, A::Error> {
                let mut members = Vec::new();
                let mut events = Events::Missing;
                while let Some(Text(key)) = map.next_key::<Text>()? {
                    if key == "events" {
                        events = Events::Slides(map.next_value()?);
                    } else {
                        members.push((key, map.next_value()?));
                    }
                }
                Ok(Top { members: Object::from_members(members), events })
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// A JSON string, borrowed from the source where it has no escapes.
struct Text<'t>(Cow<'t, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(Scalars).and_then(|s| match s {
            Scalar::Text(t) => Ok(Text(t)),
            _ => Err(serde::de::Error::custom("expected a string")),
        })
    }
}

/// A value that [`Reader::string`] takes: text, a number (TimelineJS takes `"2016"` and `2016`
/// alike) or null. Anything else fails to deserialize.
enum Scalar<'t> {
    Text(Cow<'t, str>),
    Number(serde_json::Number),
    Null,
}

impl<'de: 't, 't> Deserialize<'de> for Scalar<'t> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Scalars)
    }
}

struct Scalars;

impl<'de> Visitor<'de> for Scalars {
    type Value = Scalar<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text, a number or null")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Owned(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Number(v.into()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Number(v.into()))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Scalar<'de>, E> {
        serde_json::Number::from_f64(v).map(Scalar::Number).ok_or_else(|| E::custom("not a finite number"))
    }
    fn visit_unit<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
}

/// Where a raw value starts in the whole text.
fn offset(text: &str, raw: &RawValue) -> usize {
    (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len())
}

struct Reader<'t, 'p> {
    text: &'t str,
    problems: &'p mut Problems,
    /// Places problems: from the last one placed, not from the start of the text.
    places: LineCounter<'t>,
}

impl<'t> Reader<'t, '_> {
    fn problem(&mut self, raw: &RawValue, message: String) {
        if self.problems.is_full() {
            return;
        }
        let (line, column) = self.places.line_col_at(offset(self.text, raw));
        self.problems.at(line, column, raw.get().chars().count().min(40), message);
    }

    fn object(&mut self, raw: &'t RawValue, what: &dyn Display) -> Option<Object<'t>> {
        match serde_json::from_str::<Object<'t>>(raw.get()) {
            Ok(o) => Some(o),
            Err(_) => {
                self.problem(raw, format!("{what} should be an object"));
                None
            }
        }
    }

    /// A string, or a number written as one (TimelineJS takes `"2016"` and `2016` alike).
    fn string(&mut self, raw: &'t RawValue, what: &dyn Display) -> Option<Cow<'t, str>> {
        match serde_json::from_str::<Scalar<'t>>(raw.get()) {
            Ok(Scalar::Text(s)) => Some(s),
            Ok(Scalar::Number(n)) => Some(Cow::Owned(n.to_string())),
            Ok(Scalar::Null) => None,
            Err(_) => {
                self.problem(raw, format!("{what} should be text"));
                None
            }
        }
    }

    fn number(&mut self, raw: &'t RawValue, what: &dyn Display) -> Option<i64> {
        let text = self.string(raw, what)?;
        match text.trim().parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.problem(
                    raw,
                    format!("{what} should be a whole number, not `{}`", crate::text::escape(&text)),
                );
                None
            }
        }
    }

    /// A TimelineJS date object in the written form: `2016`, `2016-05`, `2016-05-03`,
    /// `2016-05-03T09:30`, `2016-05-03T09:30:15`.
    fn date(&mut self, raw: &'t RawValue, what: &dyn Display) -> Option<String> {
        let o = self.object(raw, what)?;
        let Some(year_raw) = o.get("year") else {
            self.problem(raw, format!("{what} has no `year`"));
            return None;
        };
        let year = self.number(year_raw, &format_args!("{what}.year"))?;
        let mut parts = [None; 5];
        for (key, part) in ["month", "day", "hour", "minute", "second"].into_iter().zip(&mut parts) {
            *part = match o.get(key) {
                Some(r) => match self.string(r, &format_args!("{what}.{key}")) {
                    Some(s) if s.trim().is_empty() => None,
                    Some(_) => Some(self.number(r, &format_args!("{what}.{key}"))?),
                    None => None,
                },
                None => None,
            };
        }
        let out = date_of_parts(year, parts);
        if out.is_none() {
            self.problem(raw, format!("{what} has a month or day out of range"));
        }
        out
    }
}

/// A date in the written form from a TimelineJS date's year and its month, day, hour, minute
/// and second where given; `None` when the month or day is out of range.
fn date_of_parts(year: i64, [month, day, hour, minute, second]: [Option<i64>; 5]) -> Option<String> {
    let small = |v: Option<i64>| v.and_then(|v| u32::try_from(v).ok().filter(|&v| v < 100));
    if month.is_some() && small(month).is_none() || day.is_some() && small(day).is_none() {
        return None;
    }
    let mut out = point_text(year, small(month), small(month).and(small(day)));
    if let (Some(h), true) = (hour, month.is_some() && day.is_some()) {
        out.push_str(&format!("T{:02}:{:02}", h.clamp(0, 99), minute.unwrap_or(0).clamp(0, 99)));
        if let Some(s) = second {
            out.push_str(&format!(":{:02}", s.clamp(0, 99)));
        }
    }
    Some(out)
}

/// The circa and uncertain marks a `display_date` says (`around …`, `… (uncertain)`, before the
/// `(planned)` or `(cancelled)` the export may add).
fn display_marks(shown: Option<&str>) -> (bool, bool) {
    let approximate = shown.is_some_and(|s| s.starts_with("around "));
    let shown = shown.map(|s| {
        let s = s.strip_suffix(" (planned)").unwrap_or(s);
        s.strip_suffix(" (cancelled)").unwrap_or(s)
    });
    (approximate, shown.is_some_and(|s| s.ends_with(" (uncertain)")))
}

/// An event's status from a slide's `status`: `None` for `happened`; `Err` for anything else.
fn status_of(status: &str) -> Result<Option<&'static str>, ()> {
    match status {
        "planned" => Ok(Some("planned")),
        "cancelled" => Ok(Some("cancelled")),
        "did-not-take-place" => Ok(Some("did-not-take-place")),
        "happened" => Ok(None),
        _ => Err(()),
    }
}

/// A slide's HTML without the status line the export puts first (`<p><em>Cancelled</em></p>`,
/// `<p><em>Did not take place</em></p>`: the words of `export::timelinejs::status_line`).
fn without_status_line<'h>(html: &'h str, status: Option<&str>) -> &'h str {
    let words = match status {
        Some("planned") => "Planned",
        Some("cancelled") => "Cancelled",
        Some("did-not-take-place") => "Did not take place",
        _ => return html,
    };
    html.strip_prefix(format!("<p><em>{words}</em></p>").as_str()).unwrap_or(html)
}

/// Group names and the country ids made for them, in the order they came.
#[derive(Default)]
struct Groups {
    ids: std::collections::HashMap<String, String>,
    countries: Vec<(String, String)>,
}

impl Groups {
    /// The country id of a slide's `group` (made from its name the first time).
    fn id(&mut self, group: &str) -> Option<String> {
        let group = group.trim();
        if group.is_empty() {
            return None;
        }
        if let Some(id) = self.ids.get(group) {
            return Some(id.clone());
        }
        let id = group_id(group)?;
        self.countries.push((id.clone(), group.to_string()));
        self.ids.insert(group.to_string(), id.clone());
        Some(id)
    }
}

/// The country id of a slide's `group` (`None` when it is blank): what [`Groups::id`] gives for
/// it, whatever groups came before.
fn group_id(group: &str) -> Option<String> {
    let group = group.trim();
    (!group.is_empty()).then(|| slug(group))
}

/// HTML as plain text: tags dropped (`<br>` a line break), the five common entities and
/// numeric references decoded.
pub(crate) fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            if rest.as_bytes().get(..3).is_some_and(|t| t.eq_ignore_ascii_case(b"<br")) {
                out.push('\n');
            }
            rest = &rest[end..];
        } else {
            let end = rest.bytes().take(12).position(|b| b == b';');
            let decoded = end.and_then(|e| {
                let name = &rest[1..e];
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" | "#39" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    n if n.starts_with("#x") || n.starts_with("#X") => {
                        u32::from_str_radix(&n[2..], 16).ok().and_then(char::from_u32)
                    }
                    n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                    _ => None,
                };
                c.map(|c| (c, e + 1))
            });
            match decoded {
                Some((c, len)) => {
                    out.push(c);
                    rest = &rest[len..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where `needle` (lowercase ASCII) first occurs in `hay` from `from`, ignoring ASCII case.
fn find_ignoring_case(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let first = needle.as_bytes()[0];
    memchr::memchr_iter(first, &hay.as_bytes()[from..]).map(|i| i + from).find(|&i| {
        hay.as_bytes()[i..].get(..needle.len()).is_some_and(|h| h.eq_ignore_ascii_case(needle.as_bytes()))
    })
}

/// The next `<p>`, `<p `, `<li>` or `<li ` tag (any case) from `from`: where it starts and
/// whether it is a paragraph.
fn next_block_tag(html: &str, from: usize) -> Option<(usize, bool)> {
    memchr::memchr_iter(b'<', &html.as_bytes()[from..]).map(|i| i + from).find_map(|i| {
        let tag = |t: &str| {
            html.as_bytes()[i..].get(..t.len()).is_some_and(|h| h.eq_ignore_ascii_case(t.as_bytes()))
        };
        if tag("<p>") || tag("<p ") {
            Some((i, true))
        } else if tag("<li>") || tag("<li ") {
            Some((i, false))
        } else {
            None
        }
    })
}

/// The summary and outcomes of a slide's HTML: `<p>` paragraphs (blank lines between), `<li>`
/// items as outcomes; text outside both is a paragraph too. Tags are matched in any ASCII case.
fn body(html: &str) -> (Option<String>, Vec<String>) {
    let mut paragraphs = Vec::new();
    let mut outcomes = Vec::new();
    let mut at = 0;
    let mut loose = String::new();
    while at < html.len() {
        let Some((start, paragraph)) = next_block_tag(html, at) else {
            loose.push_str(&html[at..]);
            break;
        };
        loose.push_str(&html[at..start]);
        let close = if paragraph { "</p>" } else { "</li>" };
        let inner_start = html[start..].find('>').map_or(html.len(), |i| start + i + 1);
        let end = find_ignoring_case(html, inner_start, close).unwrap_or(html.len());
        let inner = html_text(&html[inner_start..end]);
        let inner = inner.trim();
        if !inner.is_empty() {
            if paragraph {
                paragraphs.push(inner.to_string());
            } else {
                outcomes.push(inner.to_string());
            }
        }
        at = (end + close.len()).min(html.len());
    }
    let loose = html_text(&loose).trim().to_string();
    if !loose.is_empty() {
        paragraphs.push(loose);
    }
    let summary = match paragraphs.len() {
        0 => None,
        1 => paragraphs.pop(),
        _ => Some(paragraphs.join("\n\n")),
    };
    (summary, outcomes)
}

/// The keys of a slide this reader maps: TimelineJS's, and those the TimelineJS export adds.
const KNOWN: [&str; 16] = [
    "start_date",
    "end_date",
    "text",
    "group",
    "unique_id",
    "display_date",
    "media",
    "type",
    "tags",
    "date",
    "timezone",
    "status",
    "countries",
    "agencies",
    "people",
    "by",
];

/// How messages name the `n`th slide: `` `events[n]` ``. Written only into a message.
struct SlideName(usize);

impl Display for SlideName {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "`events[{}]`", self.0)
    }
}

pub(crate) fn read(text: &str, notes: &mut Notes, problems: &mut Problems) -> Draft {
    let mut draft = Draft::default();
    let Top { members: root, events } = match serde_json::from_str::<Top>(text) {
        Ok(top) => top,
        Err(_) => match serde_json::from_str::<Object>(text) {
            Ok(root) => {
                let events = root.get("events").map_or(Events::Missing, Events::Raw);
                Top { members: root, events }
            }
            Err(e) => {
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message).to_string();
                problems.at(e.line().max(1), e.column().max(1), 1, format!("not TimelineJS JSON: {message}"));
                return draft;
            }
        },
    };
    let mut r = Reader { text, problems, places: LineCounter::new(text) };
    if let Some(title) = root.get("title").and_then(|raw| r.object(raw, &"`title`")) {
        if let Some(t) = title.get("text").and_then(|raw| r.object(raw, &"`title.text`")) {
            draft.title =
                t.get("headline").and_then(|h| r.string(h, &"`title.text.headline`")).map(|h| html_text(&h));
            draft.description =
                t.get("text").and_then(|h| r.string(h, &"`title.text.text`")).and_then(|h| body(&h).0);
        }
    }
    // Keys not mapped, in the order of their names; their lines counted in the order they
    // come in the text, so a file of many such keys is still read in one pass.
    let unmapped: Vec<(&str, usize)> = root
        .iter()
        .filter(|(k, _)| !["title", "events", "timezone"].contains(k))
        .map(|(k, raw)| (k, offset(text, raw)))
        .collect();
    let mut by_place: Vec<usize> = (0..unmapped.len()).collect();
    by_place.sort_by_key(|&i| unmapped[i].1);
    let mut lines = LineCounter::new(text);
    let mut unmapped_lines = vec![0; unmapped.len()];
    for i in by_place {
        unmapped_lines[i] = lines.line_at(unmapped[i].1);
    }
    for ((key, _), line) in unmapped.iter().zip(unmapped_lines) {
        notes.note(line, format!("`{key}` not mapped"));
    }
    draft.timezone = root.get("timezone").and_then(|z| r.string(z, &"`timezone`")).map(Cow::into_owned);
    let events: Vec<&RawValue> = match events {
        Events::Slides(list) => list,
        Events::Raw(raw) => match serde_json::from_str(raw.get()) {
            Ok(list) => list,
            Err(_) => {
                r.problem(raw, "`events` should be a list".into());
                return draft;
            }
        },
        Events::Missing => {
            r.problems.at(1, 1, 1, "no `events` list: not a TimelineJS timeline");
            return draft;
        }
    };
    let mut groups = Groups::default();
    let split_from = if two_cores() { SPLIT_FROM } else { usize::MAX };
    draft.events = read_slides(&mut r, &events, split_from, notes, &mut groups);
    draft.countries = groups.countries;
    draft
}

/// Files of this many slides or more are read on two threads where the machine has two cores.
const SPLIT_FROM: usize = 4096;

/// The slides as events, in order: each read in one pass where it is in the export's shape
/// ([`plain_slide`]), else member by member ([`slide`]), which places its problems and notes
/// what it does not map. From `split_from` slides on, the one-pass reads of the later half run
/// on a second thread while this one reads the first half; the member-by-member reads, the
/// notes and the groups' order stay on this thread, in the slides' order, so the events, notes
/// and problems are those of reading every slide here (a test holds it).
fn read_slides<'t>(
    r: &mut Reader<'t, '_>,
    slides: &[&'t RawValue],
    split_from: usize,
    notes: &mut Notes,
    groups: &mut Groups,
) -> Vec<DraftEvent> {
    let text = r.text;
    let split = if slides.len() >= split_from { slides.len() / 2 } else { slides.len() };
    let (first, later) = slides.split_at(split);
    let mut events = Vec::with_capacity(slides.len());
    std::thread::scope(|scope| {
        let later_reads = if later.is_empty() {
            None
        } else {
            // Where no thread can be made, the later half is read here after the first.
            std::thread::Builder::new().spawn_scoped(scope, || one_pass_reads(text, later)).ok()
        };
        let mut lines = LineCounter::new(text);
        let mut take = |n: usize, raw: &'t RawValue, plain: Option<Plain>, line: usize| {
            let event = match plain {
                Some(Plain { event, group }) => {
                    if let Some(group) = group {
                        groups.id(&group);
                    }
                    Some(event)
                }
                None => slide(r, raw, SlideName(n), line, notes, groups),
            };
            events.extend(event);
        };
        for (n, &raw) in first.iter().enumerate() {
            let line = lines.line_at(offset(text, raw));
            take(n, raw, plain_slide(raw, line), line);
        }
        let later_plain = match later_reads {
            Some(reads) => reads.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => one_pass_reads(text, later),
        };
        for (n, (&raw, plain)) in later.iter().zip(later_plain).enumerate() {
            // Only a slide read member by member needs its line here.
            let line = if plain.is_none() { lines.line_at(offset(text, raw)) } else { 0 };
            take(split + n, raw, plain, line);
        }
    });
    events
}

/// [`plain_slide`] of each slide, with its line.
fn one_pass_reads(text: &str, slides: &[&RawValue]) -> Vec<Option<Plain>> {
    let mut lines = LineCounter::new(text);
    slides.iter().map(|&raw| plain_slide(raw, lines.line_at(offset(text, raw)))).collect()
}

/// A member of a slide as given: absent, or present with its value (`null` included, which
/// reads as the value's type would read it: an object or a list refuses it).
#[derive(Default)]
enum Member<T> {
    #[default]
    Absent,
    Given(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Member<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Member::Given)
    }
}

impl<T> Member<T> {
    fn given(self) -> Option<T> {
        match self {
            Member::Absent => None,
            Member::Given(v) => Some(v),
        }
    }
}

/// A slide in the shape the TimelineJS export writes, read in one pass with its strings
/// borrowed. Anything else — a key this reader does not map, a value of another type, a key
/// given twice — fails this read, and the slide is read member by member ([`slide`]), which
/// places the problem or notes what is not mapped.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PlainSlide<'t> {
    #[serde(borrow, default)]
    start_date: Member<PlainDate<'t>>,
    #[serde(borrow, default)]
    end_date: Member<PlainDate<'t>>,
    #[serde(borrow, default)]
    text: Member<PlainText<'t>>,
    #[serde(borrow, default)]
    group: Member<Scalar<'t>>,
    #[serde(borrow, default)]
    unique_id: Member<Scalar<'t>>,
    #[serde(borrow, default)]
    display_date: Member<Scalar<'t>>,
    #[serde(borrow, default)]
    media: Member<PlainMedia<'t>>,
    #[serde(rename = "type", default)]
    _kind: Member<serde::de::IgnoredAny>,
    #[serde(default)]
    tags: Member<Vec<String>>,
    #[serde(borrow, default)]
    date: Member<Scalar<'t>>,
    #[serde(borrow, default)]
    timezone: Member<Scalar<'t>>,
    #[serde(borrow, default)]
    status: Member<Scalar<'t>>,
    #[serde(default)]
    countries: Member<Vec<String>>,
    #[serde(default)]
    agencies: Member<Vec<String>>,
    #[serde(default)]
    people: Member<Vec<String>>,
    #[serde(default)]
    by: Member<Vec<String>>,
}

/// A date object of a [`PlainSlide`] (other keys are ignored, as [`Reader::date`] ignores them).
#[derive(serde::Deserialize)]
struct PlainDate<'t> {
    #[serde(borrow, default)]
    year: Member<Scalar<'t>>,
    #[serde(borrow, default)]
    month: Member<Scalar<'t>>,
    #[serde(borrow, default)]
    day: Member<Scalar<'t>>,
    #[serde(borrow, default)]
    hour: Member<Scalar<'t>>,
    #[serde(borrow, default)]
    minute: Member<Scalar<'t>>,
    #[serde(borrow, default)]
    second: Member<Scalar<'t>>,
}

#[derive(serde::Deserialize)]
struct PlainText<'t> {
    #[serde(borrow, default)]
    headline: Member<Scalar<'t>>,
    #[serde(borrow, default)]
    text: Member<Scalar<'t>>,
}

#[derive(serde::Deserialize)]
struct PlainMedia<'t> {
    #[serde(borrow, default)]
    url: Member<Scalar<'t>>,
    #[serde(borrow, default)]
    caption: Member<Scalar<'t>>,
}

/// A member as [`Reader::string`] reads it: text, or a number as text; `None` for absent or null.
fn text_of(member: Member<Scalar<'_>>) -> Option<Cow<'_, str>> {
    match member.given()? {
        Scalar::Text(s) => Some(s),
        Scalar::Number(n) => Some(Cow::Owned(n.to_string())),
        Scalar::Null => None,
    }
}

/// A whole number as [`Reader::number`] reads one.
fn whole_of(member: Member<Scalar<'_>>) -> Option<Option<i64>> {
    match text_of(member) {
        Some(s) if s.trim().is_empty() => Some(None),
        Some(s) => s.trim().parse().ok().map(Some),
        None => Some(None),
    }
}

impl PlainDate<'_> {
    /// The date in the written form; `None` wherever [`Reader::date`] would not give one
    /// without a word (no year, a part that is no whole number, a month or day out of range).
    fn written(self) -> Option<String> {
        let year = whole_of(self.year)??;
        let parts = [self.month, self.day, self.hour, self.minute, self.second].map(whole_of);
        let [Some(month), Some(day), Some(hour), Some(minute), Some(second)] = parts else { return None };
        date_of_parts(year, [month, day, hour, minute, second])
    }
}

/// A slide read in one pass: its event, and the group its country was made from, which whoever
/// takes the event counts among the timeline's countries ([`Groups::id`]), in the slides' order.
struct Plain {
    event: DraftEvent,
    group: Option<String>,
}

/// A slide in the export's shape as an event, when reading it member by member ([`slide`])
/// would give the same event with no problem and no note; else `None`.
fn plain_slide(raw: &RawValue, line: usize) -> Option<Plain> {
    let s: PlainSlide = serde_json::from_str(raw.get()).ok()?;
    let mut event = DraftEvent { line, ..DraftEvent::default() };
    let start = s.start_date.given()?.written()?;
    let end = match s.end_date.given() {
        Some(d) => Some(d.written()?),
        None => None,
    };
    let (approximate, uncertain) = display_marks(text_of(s.display_date).as_deref());
    event.date = date_text(&start, end.as_deref(), approximate, uncertain);
    check_date(&event.date).ok()?;
    let listed_countries = matches!(s.countries, Member::Given(_)) || matches!(s.date, Member::Given(_));
    if let Some(written) = text_of(s.date) {
        check_date(&written).ok()?;
        event.date = written.into_owned();
    }
    event.timezone = text_of(s.timezone).map(Cow::into_owned);
    if let Some(status) = text_of(s.status) {
        event.status = status_of(&status).ok()?;
    }
    event.by = s.by.given().unwrap_or_default();
    event.agencies = s.agencies.given().unwrap_or_default();
    event.people = s.people.given().unwrap_or_default();
    if let Some(t) = s.text.given() {
        event.title = text_of(t.headline).map(|h| html_text(&h)).unwrap_or_default();
        if let Some(html) = text_of(t.text) {
            (event.summary, event.outcomes) = body(without_status_line(&html, event.status));
        }
    }
    if event.title.trim().is_empty() {
        return None;
    }
    event.id = text_of(s.unique_id).map(Cow::into_owned);
    event.tags = s.tags.given().unwrap_or_default();
    if let Some(media) = s.media.given() {
        let caption = text_of(media.caption).map(|c| html_text(&c));
        if let Some(url) = text_of(media.url).filter(|u| !u.trim().is_empty()) {
            event.sources.push((caption.unwrap_or_default(), Some(url.into_owned())));
        }
    }
    let mut group = None;
    if listed_countries {
        event.countries = s.countries.given().unwrap_or_default();
    } else if let Some(named) = text_of(s.group).map(|g| html_text(&g)) {
        event.countries.extend(group_id(&named));
        group = Some(named);
    }
    Some(Plain { event, group })
}

/// A slide read member by member, each problem placed and each thing not mapped noted; `None`
/// when it is not an object.
fn slide<'t>(
    r: &mut Reader<'t, '_>,
    raw: &'t RawValue,
    what: SlideName,
    line: usize,
    notes: &mut Notes,
    groups: &mut Groups,
) -> Option<DraftEvent> {
    let slide = r.object(raw, &what)?;
    let mut event = DraftEvent { line, ..DraftEvent::default() };
    let start = match slide.get("start_date") {
        Some(d) => r.date(d, &format_args!("{what}.start_date")),
        None => {
            r.problem(raw, format!("{what} has no `start_date`"));
            None
        }
    };
    let end = slide.get("end_date").and_then(|d| r.date(d, &format_args!("{what}.end_date")));
    let shown = slide.get("display_date").and_then(|d| r.string(d, &format_args!("{what}.display_date")));
    let (approximate, uncertain) = display_marks(shown.as_deref());
    if let Some(start) = start {
        event.date = date_text(&start, end.as_deref(), approximate, uncertain);
        if let Err(e) = check_date(&event.date) {
            r.problem(raw, format!("{what}: invalid date `{}`: {e}", crate::text::escape(&event.date)));
        }
    }
    // The date as written, the event's zone, status and lists, where the export left them.
    if let Some(written) = slide.get("date").and_then(|d| r.string(d, &format_args!("{what}.date"))) {
        match check_date(&written) {
            Ok(()) => event.date = written.into_owned(),
            Err(e) => {
                r.problem(raw, format!("{what}.date: invalid date `{}`: {e}", crate::text::escape(&written)))
            }
        }
    }
    event.timezone = slide
        .get("timezone")
        .and_then(|z| r.string(z, &format_args!("{what}.timezone")))
        .map(Cow::into_owned);
    if let Some(status) = slide.get("status").and_then(|s| r.string(s, &format_args!("{what}.status"))) {
        event.status = status_of(&status).unwrap_or_else(|()| {
            notes.note(
                line,
                format!("{what}.status `{status}` is not happened, planned, cancelled or did-not-take-place; not kept"),
            );
            None
        });
    }
    let mut lists: [Vec<String>; 4] = Default::default();
    for (key, list) in ["countries", "agencies", "people", "by"].into_iter().zip(&mut lists) {
        if let Some(raw) = slide.get(key) {
            match serde_json::from_str::<Vec<String>>(raw.get()) {
                Ok(ids) => *list = ids,
                Err(_) => r.problem(raw, format!("{what}.{key} should be a list of ids")),
            }
        }
    }
    let [countries, agencies, people, by] = lists;
    event.by = by;
    // A slide of the TimelineJS export (it has `date`) lists its countries, or has none.
    let listed_countries = slide.contains_key("countries") || slide.contains_key("date");
    event.agencies = agencies;
    event.people = people;
    if let Some(t) = slide.get("text").and_then(|t| r.object(t, &format_args!("{what}.text"))) {
        event.title = t
            .get("headline")
            .and_then(|h| r.string(h, &"headline"))
            .map(|h| html_text(&h))
            .unwrap_or_default();
        if let Some(html) = t.get("text").and_then(|h| r.string(h, &"text")) {
            (event.summary, event.outcomes) = body(without_status_line(&html, event.status));
        }
    }
    if event.title.trim().is_empty() {
        notes.note(line, format!("{what} has no headline; titled `(untitled)`"));
    }
    event.id = slide.get("unique_id").and_then(|u| r.string(u, &"unique_id")).map(Cow::into_owned);
    if let Some(raw) = slide.get("tags") {
        match serde_json::from_str::<Vec<String>>(raw.get()) {
            Ok(tags) => event.tags = tags,
            Err(_) => r.problem(raw, format!("{what}.tags should be a list of text")),
        }
    }
    if listed_countries {
        // The ids the export listed; the group names the one the slide is grouped under.
        event.countries = countries;
    } else if let Some(group) = slide.get("group").and_then(|g| r.string(g, &"group")).map(|g| html_text(&g))
    {
        event.countries.extend(groups.id(&group));
    }
    if let Some(media) = slide.get("media").and_then(|m| r.object(m, &"media")) {
        let url = media.get("url").and_then(|u| r.string(u, &"media.url"));
        let caption = media.get("caption").and_then(|c| r.string(c, &"media.caption")).map(|c| html_text(&c));
        if let Some(url) = url.filter(|u| !u.trim().is_empty()) {
            event.sources.push((caption.unwrap_or_default(), Some(url.into_owned())));
        }
    }
    for (key, _) in slide.iter().filter(|(k, _)| !KNOWN.contains(k)) {
        notes.note(line, format!("{what}.{key} not mapped"));
    }
    Some(event)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        assert_eq!(
            html_text("A &amp; B &lt;i&gt; <b>bold</b>&#39;s<br>next &#x41; &bogus"),
            "A & B <i> bold's\nnext A &bogus"
        );
        let (summary, outcomes) = body("<p>One &amp; two</p><p>Three</p><ul><li>Agreed</li></ul>");
        assert_eq!(summary.as_deref(), Some("One & two\n\nThree"));
        assert_eq!(outcomes, ["Agreed"]);
    }
}

/// The one-pass read of a slide in the export's shape gives, whenever it gives an event, the
/// event that reading it member by member gives, with no problem and no note (and the same
/// countries made from groups); on generated slides of every shape, good and bad.
#[cfg(test)]
mod plain_tests {
    use super::*;
    use proptest::prelude::*;

    /// One member of a slide as JSON (or none), from a list of what it may be.
    fn member(key: &'static str, values: &'static [&'static str]) -> impl Strategy<Value = Option<String>> {
        sometimes(0.7, key, values)
    }

    /// A member present with `odds` (keys that always send a slide the slow way are rare, so
    /// that most generated slides test the one-pass read).
    fn sometimes(
        odds: f64,
        key: &'static str,
        values: &'static [&'static str],
    ) -> impl Strategy<Value = Option<String>> {
        proptest::option::weighted(odds, proptest::sample::select(values))
            .prop_map(move |v| v.map(|v| format!("\"{key}\": {v}")))
    }

    fn slide_json() -> impl Strategy<Value = String> {
        let dates: &'static [&'static str] = &[
            r#"{"year": "2016"}"#,
            r#"{"year": 2016, "month": "5", "day": " 3 "}"#,
            r#"{"year": "2016", "month": "13"}"#,
            r#"{"year": null}"#,
            r#"{"year": ""}"#,
            r#"{"month": "5"}"#,
            r#"{"year": "2016", "month": "", "day": "x"}"#,
            r#"{"year": "2016", "month": "5", "day": "3", "hour": "9", "minute": "30", "second": "15"}"#,
            r#"{"year": "2016", "month": "2", "day": "30"}"#,
            r#"{"year": "-44", "month": 5.5}"#,
            r#"{"year": "2016", "year": "2017", "other": [1]}"#,
            r#"null"#,
            r#""2016""#,
        ];
        let lists: &'static [&'static str] =
            &[r#"[]"#, r#"["CN", "US"]"#, r#"["agency-1"]"#, r#"null"#, r#""CN""#, r#"[1]"#];
        let members = (
            (
                member("start_date", dates),
                member("end_date", dates),
                member(
                    "display_date",
                    &[
                        r#""around 2016""#,
                        r#""2016 (uncertain)""#,
                        r#""around 2016 (uncertain) (planned)""#,
                        "null",
                        "5",
                        r#"["x"]"#,
                    ],
                ),
                member("date", &[r#""2016-05-03""#, r#""~2016""#, r#""2016-02-30""#, r#""x""#, "null", "7"]),
                member("timezone", &[r#""Asia/Shanghai""#, "null", "5", "{}"]),
                member(
                    "status",
                    &[r#""planned""#, r#""cancelled""#, r#""happened""#, r#""bogus""#, "null", "3"],
                ),
            ),
            (
                member("countries", lists),
                member("agencies", lists),
                member("people", lists),
                member("by", lists),
                member("tags", lists),
            ),
            (
                member(
                    "text",
                    &[
                        r#"{"headline": "Talks &amp; <b>more</b>", "text": "<p><em>Cancelled</em></p><P>One</P><ul><li>Agreed</li></ul>"}"#,
                        r#"{"headline": ""}"#,
                        r#"{"headline": 5, "extra": 1}"#,
                        r#"{"headline": "x", "text": null}"#,
                        r#"{"headline": "A", "headline": "B"}"#,
                        r#"{"headline": ["A"]}"#,
                        "null",
                        r#""x""#,
                    ],
                ),
                member("unique_id", &[r#""event-1""#, "12", "null", "[1]"]),
                member("group", &[r#""China""#, r#"" <i>United States</i> ""#, r#""""#, "null", "4", "{}"]),
                member(
                    "media",
                    &[
                        r#"{"url": "https://x", "caption": "<b>C</b>"}"#,
                        r#"{"url": " "}"#,
                        r#"{"url": null}"#,
                        "null",
                        r#"{"caption": "c"}"#,
                        r#"{"url": 1}"#,
                    ],
                ),
                member("type", &[r#""title""#, r#"{"a": 1}"#]),
                sometimes(0.05, "x-note", &["1"]),
                sometimes(0.05, "unique_id", &[r#""again""#]),
            ),
        );
        members.prop_map(|((a, b, c, d, e, f), (g, h, i, j, k), (l, m, n, o, p, q, r))| {
            let present: Vec<String> =
                [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r].into_iter().flatten().collect();
            format!("{{{}}}", present.join(",\n"))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

        #[test]
        fn the_one_pass_read_agrees_with_the_member_by_member_read(json in slide_json()) {
            let raw: &RawValue = serde_json::from_str(&json).unwrap();
            let Some(Plain { event: plain, group }) = plain_slide(raw, 3) else { return Ok(()) };
            let mut plain_groups = Groups::default();
            if let Some(group) = group {
                plain_groups.id(&group);
            }
            let mut problems = Problems::new();
            let mut notes = Notes::new("t.json");
            let mut groups = Groups::default();
            let mut r = Reader { text: &json, problems: &mut problems, places: LineCounter::new(&json) };
            let careful = slide(&mut r, raw, SlideName(0), 3, &mut notes, &mut groups);
            prop_assert!(problems.is_empty(), "the one-pass read took a slide with problems:\n{}", json);
            prop_assert!(notes.lines.is_empty(), "the one-pass read took a slide with notes {:?}:\n{}", notes.lines, json);
            prop_assert_eq!(Some(plain), careful, "{}", json);
            prop_assert_eq!(plain_groups.countries, groups.countries);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Reading the later half of the slides on a second thread gives the events, notes,
        /// problems and countries (in order) of reading them all on one.
        #[test]
        fn two_threads_read_the_slides_as_one_does(slides in proptest::collection::vec(slide_json(), 0..12)) {
            let json = format!("{{\"events\": [\n{}\n]}}", slides.join(",\n"));
            let Ok(Top { events: Events::Slides(raws), .. }) = serde_json::from_str::<Top>(&json) else {
                return Err(TestCaseError::fail(format!("not read as a list of slides:\n{json}")));
            };
            let read = |split_from: usize| {
                let mut problems = Problems::new();
                let mut notes = Notes::new("t.json");
                let mut groups = Groups::default();
                let mut r = Reader { text: &json, problems: &mut problems, places: LineCounter::new(&json) };
                let events = read_slides(&mut r, &raws, split_from, &mut notes, &mut groups);
                (events, notes.lines, problems.items, groups.countries)
            };
            prop_assert_eq!(read(1), read(usize::MAX));
        }
    }

    /// A slide as the TimelineJS export writes it is read in one pass.
    #[test]
    fn the_exports_slides_take_the_one_pass_read() {
        let json = r#"{"agencies": ["agency-29"], "countries": ["GB"], "date": "1950-01-01..1950-01-02",
            "display_date": "January 1 to 2, 1950", "end_date": {"day": "2", "month": "1", "year": "1950"},
            "group": "United Kingdom", "people": ["person-178"], "start_date": {"day": "1", "month": "1", "year": "1950"},
            "status": "planned", "tags": ["tag-24"], "text": {"headline": "Event", "text": "<p><em>Planned</em></p><p>Talks.</p>"},
            "timezone": "Asia/Shanghai", "unique_id": "event-61856"}"#;
        let raw: &RawValue = serde_json::from_str(json).unwrap();
        let event = plain_slide(raw, 1).expect("read in one pass").event;
        assert_eq!(
            (event.date.as_str(), event.summary.as_deref()),
            ("1950-01-01..1950-01-02", Some("Talks."))
        );
    }
}
