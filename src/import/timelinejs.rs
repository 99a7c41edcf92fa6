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

use super::{check_date, date_text, point_text, slug, Draft, DraftEvent, LineCounter, Notes, Problems};
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

impl<'de> Deserialize<'de> for Scalar<'de> {
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
        let mut parts: Vec<Option<i64>> = Vec::new();
        for key in ["month", "day", "hour", "minute", "second"] {
            let v = match o.get(key) {
                Some(r) => match self.string(r, &format_args!("{what}.{key}")) {
                    Some(s) if s.trim().is_empty() => None,
                    Some(_) => Some(self.number(r, &format_args!("{what}.{key}"))?),
                    None => None,
                },
                None => None,
            };
            parts.push(v);
        }
        let [month, day, hour, minute, second] = [parts[0], parts[1], parts[2], parts[3], parts[4]];
        let small = |v: Option<i64>| v.and_then(|v| u32::try_from(v).ok().filter(|&v| v < 100));
        if month.is_some() && small(month).is_none() || day.is_some() && small(day).is_none() {
            self.problem(raw, format!("{what} has a month or day out of range"));
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
    let mut lines = LineCounter::new(text);
    // Group name → the country id made for it (the draft's list keeps their order).
    let mut group_ids: std::collections::HashMap<String, String> =
        draft.countries.iter().map(|(id, name)| (name.clone(), id.clone())).collect();
    draft.events.reserve(events.len());
    for (n, raw) in events.into_iter().enumerate() {
        let what = SlideName(n);
        let Some(slide) = r.object(raw, &what) else { continue };
        let line = lines.line_at(offset(text, raw));
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
        let approximate = shown.as_deref().is_some_and(|s| s.starts_with("around "));
        let shown = shown.as_deref().map(|s| {
            let s = s.strip_suffix(" (planned)").unwrap_or(s);
            s.strip_suffix(" (cancelled)").unwrap_or(s)
        });
        let uncertain = shown.is_some_and(|s| s.ends_with(" (uncertain)"));
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
                Err(e) => r.problem(
                    raw,
                    format!("{what}.date: invalid date `{}`: {e}", crate::text::escape(&written)),
                ),
            }
        }
        event.timezone = slide
            .get("timezone")
            .and_then(|z| r.string(z, &format_args!("{what}.timezone")))
            .map(Cow::into_owned);
        if let Some(status) = slide.get("status").and_then(|s| r.string(s, &format_args!("{what}.status"))) {
            event.status = match status.as_ref() {
                "planned" => Some("planned"),
                "cancelled" => Some("cancelled"),
                "did-not-take-place" => Some("did-not-take-place"),
                "happened" => None,
                other => {
                    notes.note(
                        line,
                        format!("{what}.status `{other}` is not happened, planned, cancelled or did-not-take-place; not kept"),
                    );
                    None
                }
            };
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
                // The status line the export puts first (`<p><em>Cancelled</em></p>`).
                let html = match event.status {
                    Some(s) => {
                        let line = format!("<p><em>{}{}</em></p>", s[..1].to_ascii_uppercase(), &s[1..]);
                        html.strip_prefix(line.as_str()).unwrap_or(&html[..])
                    }
                    None => &html[..],
                };
                (event.summary, event.outcomes) = body(html);
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
        } else if let Some(group) =
            slide.get("group").and_then(|g| r.string(g, &"group")).map(|g| html_text(&g))
        {
            let group = group.trim().to_string();
            if !group.is_empty() {
                let id = match group_ids.get(&group) {
                    Some(id) => id.clone(),
                    None => {
                        let id = slug(&group);
                        draft.countries.push((id.clone(), group.clone()));
                        group_ids.insert(group.clone(), id.clone());
                        id
                    }
                };
                event.countries.push(id);
            }
        }
        if let Some(media) = slide.get("media").and_then(|m| r.object(m, &"media")) {
            let url = media.get("url").and_then(|u| r.string(u, &"media.url"));
            let caption =
                media.get("caption").and_then(|c| r.string(c, &"media.caption")).map(|c| html_text(&c));
            if let Some(url) = url.filter(|u| !u.trim().is_empty()) {
                event.sources.push((caption.unwrap_or_default(), Some(url.into_owned())));
            }
        }
        for (key, _) in slide.iter().filter(|(k, _)| !KNOWN.contains(k)) {
            notes.note(line, format!("{what}.{key} not mapped"));
        }
        draft.events.push(event);
    }
    draft
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
