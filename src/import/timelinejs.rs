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
    check_date, date_text, line_col, point_text, slug, Draft, DraftEvent, LineCounter, Notes, Problems,
};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

type Object<'a> = BTreeMap<String, &'a RawValue>;

/// Where a raw value starts in the whole text.
fn offset(text: &str, raw: &RawValue) -> usize {
    (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len())
}

struct Reader<'t, 'p> {
    text: &'t str,
    problems: &'p mut Problems,
}

impl<'t> Reader<'t, '_> {
    fn problem(&mut self, raw: &RawValue, message: String) {
        let (line, column) = line_col(self.text, offset(self.text, raw));
        self.problems.at(line, column, raw.get().chars().count().min(40), message);
    }

    fn object(&mut self, raw: &'t RawValue, what: &str) -> Option<Object<'t>> {
        match serde_json::from_str::<Object<'t>>(raw.get()) {
            Ok(o) => Some(o),
            Err(_) => {
                self.problem(raw, format!("{what} should be an object"));
                None
            }
        }
    }

    /// A string, or a number written as one (TimelineJS takes `"2016"` and `2016` alike).
    fn string(&mut self, raw: &RawValue, what: &str) -> Option<String> {
        match serde_json::from_str::<serde_json::Value>(raw.get()) {
            Ok(serde_json::Value::String(s)) => Some(s),
            Ok(serde_json::Value::Number(n)) => Some(n.to_string()),
            Ok(serde_json::Value::Null) => None,
            _ => {
                self.problem(raw, format!("{what} should be text"));
                None
            }
        }
    }

    fn number(&mut self, raw: &RawValue, what: &str) -> Option<i64> {
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
    fn date(&mut self, raw: &'t RawValue, what: &str) -> Option<String> {
        let o = self.object(raw, what)?;
        let Some(year_raw) = o.get("year") else {
            self.problem(raw, format!("{what} has no `year`"));
            return None;
        };
        let year = self.number(year_raw, &format!("{what}.year"))?;
        let mut parts: Vec<Option<i64>> = Vec::new();
        for key in ["month", "day", "hour", "minute", "second"] {
            let v = match o.get(key) {
                Some(r) => match self.string(r, &format!("{what}.{key}")) {
                    Some(s) if s.trim().is_empty() => None,
                    Some(_) => Some(self.number(r, &format!("{what}.{key}"))?),
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
            let tag = rest[..end].to_ascii_lowercase();
            if tag.starts_with("<br") {
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

/// The summary and outcomes of a slide's HTML: `<p>` paragraphs (blank lines between), `<li>`
/// items as outcomes; text outside both is a paragraph too.
fn body(html: &str) -> (Option<String>, Vec<String>) {
    let mut paragraphs = Vec::new();
    let mut outcomes = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    let mut loose = String::new();
    while at < html.len() {
        let next = ["<p>", "<p ", "<li>", "<li "]
            .iter()
            .filter_map(|t| lower[at..].find(t).map(|i| (i + at, *t)))
            .min();
        let Some((start, tag)) = next else {
            loose.push_str(&html[at..]);
            break;
        };
        loose.push_str(&html[at..start]);
        let close = if tag.starts_with("<p") { "</p>" } else { "</li>" };
        let inner_start = lower[start..].find('>').map_or(html.len(), |i| start + i + 1);
        let end = lower[inner_start..].find(close).map_or(html.len(), |i| inner_start + i);
        let inner = html_text(&html[inner_start..end]).trim().to_string();
        if !inner.is_empty() {
            if tag.starts_with("<p") {
                paragraphs.push(inner);
            } else {
                outcomes.push(inner);
            }
        }
        at = (end + close.len()).min(html.len());
    }
    let loose = html_text(&loose).trim().to_string();
    if !loose.is_empty() {
        paragraphs.push(loose);
    }
    let summary = (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"));
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

pub(crate) fn read(text: &str, notes: &mut Notes, problems: &mut Problems) -> Draft {
    let mut draft = Draft::default();
    let root: Object = match serde_json::from_str(text) {
        Ok(o) => o,
        Err(e) => {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            problems.at(e.line().max(1), e.column().max(1), 1, format!("not TimelineJS JSON: {message}"));
            return draft;
        }
    };
    let mut r = Reader { text, problems };
    if let Some(title) = root.get("title").and_then(|raw| r.object(raw, "`title`")) {
        if let Some(t) = title.get("text").and_then(|raw| r.object(raw, "`title.text`")) {
            draft.title =
                t.get("headline").and_then(|h| r.string(h, "`title.text.headline`")).map(|h| html_text(&h));
            draft.description =
                t.get("text").and_then(|h| r.string(h, "`title.text.text`")).and_then(|h| body(&h).0);
        }
    }
    for (key, raw) in root.iter().filter(|(k, _)| !["title", "events", "timezone"].contains(&k.as_str())) {
        notes.note(line_col(text, offset(text, raw)).0, format!("`{key}` not mapped"));
    }
    draft.timezone = root.get("timezone").and_then(|z| r.string(z, "`timezone`"));
    let Some(events_raw) = root.get("events") else {
        r.problems.at(1, 1, 1, "no `events` list: not a TimelineJS timeline");
        return draft;
    };
    let events: Vec<&RawValue> = match serde_json::from_str(events_raw.get()) {
        Ok(list) => list,
        Err(_) => {
            r.problem(events_raw, "`events` should be a list".into());
            return draft;
        }
    };
    let mut lines = LineCounter::new(text);
    // Group name → the country id made for it (the draft's list keeps their order).
    let mut group_ids: std::collections::HashMap<String, String> =
        draft.countries.iter().map(|(id, name)| (name.clone(), id.clone())).collect();
    for (n, raw) in events.iter().enumerate() {
        let what = format!("`events[{n}]`");
        let Some(slide) = r.object(raw, &what) else { continue };
        let line = lines.line_at(offset(text, raw));
        let mut event = DraftEvent { line, ..DraftEvent::default() };
        let start = match slide.get("start_date") {
            Some(d) => r.date(d, &format!("{what}.start_date")),
            None => {
                r.problem(raw, format!("{what} has no `start_date`"));
                None
            }
        };
        let end = slide.get("end_date").and_then(|d| r.date(d, &format!("{what}.end_date")));
        let shown = slide.get("display_date").and_then(|d| r.string(d, &format!("{what}.display_date")));
        let approximate = shown.as_deref().is_some_and(|s| s.starts_with("around "));
        let shown = shown.map(|s| {
            let s = s.strip_suffix(" (planned)").unwrap_or(&s);
            s.strip_suffix(" (cancelled)").unwrap_or(s).to_string()
        });
        let uncertain = shown.as_deref().is_some_and(|s| s.ends_with(" (uncertain)"));
        if let Some(start) = start {
            event.date = date_text(&start, end.as_deref(), approximate, uncertain);
            if let Err(e) = check_date(&event.date) {
                r.problem(raw, format!("{what}: invalid date `{}`: {e}", crate::text::escape(&event.date)));
            }
        }
        // The date as written, the event's zone, status and lists, where the export left them.
        if let Some(written) = slide.get("date").and_then(|d| r.string(d, &format!("{what}.date"))) {
            match check_date(&written) {
                Ok(()) => event.date = written,
                Err(e) => r.problem(
                    raw,
                    format!("{what}.date: invalid date `{}`: {e}", crate::text::escape(&written)),
                ),
            }
        }
        event.timezone = slide.get("timezone").and_then(|z| r.string(z, &format!("{what}.timezone")));
        if let Some(status) = slide.get("status").and_then(|s| r.string(s, &format!("{what}.status"))) {
            event.status = match status.as_str() {
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
        if let Some(t) = slide.get("text").and_then(|t| r.object(t, &format!("{what}.text"))) {
            event.title = t
                .get("headline")
                .and_then(|h| r.string(h, "headline"))
                .map(|h| html_text(&h))
                .unwrap_or_default();
            if let Some(html) = t.get("text").and_then(|h| r.string(h, "text")) {
                // The status line the export puts first (`<p><em>Cancelled</em></p>`).
                let html = match event.status {
                    Some(s) => {
                        let line = format!("<p><em>{}{}</em></p>", s[..1].to_ascii_uppercase(), &s[1..]);
                        html.strip_prefix(&line).map(str::to_string).unwrap_or(html)
                    }
                    None => html,
                };
                (event.summary, event.outcomes) = body(&html);
            }
        }
        if event.title.trim().is_empty() {
            notes.note(line, format!("{what} has no headline; titled `(untitled)`"));
        }
        event.id = slide.get("unique_id").and_then(|u| r.string(u, "unique_id"));
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
            slide.get("group").and_then(|g| r.string(g, "group")).map(|g| html_text(&g))
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
        if let Some(media) = slide.get("media").and_then(|m| r.object(m, "media")) {
            let url = media.get("url").and_then(|u| r.string(u, "media.url"));
            let caption =
                media.get("caption").and_then(|c| r.string(c, "media.caption")).map(|c| html_text(&c));
            if let Some(url) = url.filter(|u| !u.trim().is_empty()) {
                event.sources.push((caption.unwrap_or_default(), Some(url)));
            }
        }
        for key in slide.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
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
