//! TimelineJS3's JSON: a title slide and one slide per event, dates at the event's precision,
//! grouped by the first country involved. Every slide has a `display_date` in words (`May 19,
//! 2014`, `December 7 to 8, 2016`, `44 BCE`, `around 1972`): left to itself TimelineJS shows a
//! single day as `2014-05-19` beside months and ranges in words. A `tags` list, which TimelineJS
//! ignores, carries the tags to `import --from timelinejs`; so do `date` (the date as written),
//! `timezone` (the event's own; the timeline's is a `timezone` beside `events`), `status`,
//! `countries`, `agencies`, `people` and `by` (ids). The slides' dates are in the timeline's zone. A
//! planned or cancelled event says so where the slide shows it: after its `display_date`
//! (`October 30, 1962 (cancelled)`) and first in its text.

use crate::model::date::PointDate;
use crate::model::{EventIx, Status, Timeline};
use serde_json::{json, Map, Value};

/// TimelineJS renders `text` as HTML; data must not become markup. Other characters are kept
/// as they are (the JSON writer escapes control and bidi characters as `\uXXXX`).
fn html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A TimelineJS date at the point's precision. A time of day is given as the timeline's zone
/// shows it (TimelineJS has no zones: it shows the fields as they are), to the second only
/// where seconds were written.
fn date(point: &PointDate, instant: i64, zone: &crate::model::Zone) -> Value {
    use chrono::{Datelike, Timelike};
    let mut m = Map::new();
    let (year, month, day) = match point.time {
        Some(_) => {
            let local = zone.local_time(instant);
            (local.year(), Some(local.month()), Some(local.day()))
        }
        None => (point.year, point.month, point.day),
    };
    m.insert("year".into(), json!(year.to_string()));
    if let Some(month) = month {
        m.insert("month".into(), json!(month.to_string()));
    }
    if let Some(day) = day {
        m.insert("day".into(), json!(day.to_string()));
    }
    if let Some(clock) = point.time {
        let local = zone.local_time(instant);
        m.insert("hour".into(), json!(local.hour().to_string()));
        m.insert("minute".into(), json!(local.minute().to_string()));
        if clock.second.is_some() {
            m.insert("second".into(), json!(local.second().to_string()));
        }
    }
    Value::Object(m)
}

/// Text as HTML paragraphs: one `<p>` per paragraph (a blank line in the source), the lines of a
/// literal block kept apart by `<br>`.
fn paragraphs(text: &str) -> String {
    crate::text::reflow(text.trim_end())
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", p.split('\n').map(html).collect::<Vec<_>>().join("<br>")))
        .collect()
}

/// The first line of a planned or cancelled event's slide text.
pub fn status_line(status: Status) -> &'static str {
    match status {
        Status::Happened => "Happened",
        Status::Planned => "Planned",
        Status::Cancelled => "Cancelled",
        Status::NotHeld => "Did not take place",
    }
}

/// The date in words, the same way for every precision, BCE included.
pub fn display_date(date: &crate::model::DateSpec) -> String {
    date.long()
}

pub fn value(timeline: &Timeline, events: &[EventIx]) -> Value {
    let t = timeline;
    let slides: Vec<Value> = events
        .iter()
        .map(|&ix| {
            let e = &t.events[ix];
            let mut slide = Map::new();
            slide.insert("unique_id".into(), json!(e.id));
            // Not a TimelineJS field (it ignores it): the tags, for `import --from timelinejs`.
            if !e.tags.is_empty() {
                slide.insert("tags".into(), json!(e.tags));
            }
            slide.insert("start_date".into(), date(&e.date.start, e.date.start_instant(), &t.zone));
            if let Some(end) = &e.date.end {
                slide.insert("end_date".into(), date(end, e.date.end_instant(), &t.zone));
            }
            let mut shown = display_date(&e.date);
            if e.status != Status::Happened {
                shown.push_str(&format!(" ({})", e.status.words()));
            }
            slide.insert("display_date".into(), json!(html(&shown)));
            // What TimelineJS does not read, for `import --from timelinejs`.
            slide.insert("date".into(), json!(e.date.to_string()));
            if let Some(zone) = &e.zone {
                slide.insert("timezone".into(), json!(zone.name()));
            }
            if e.status != Status::Happened {
                slide.insert("status".into(), json!(e.status.as_str()));
            }
            let ids = |list: Vec<&String>| json!(list);
            if !e.countries.is_empty() {
                slide.insert(
                    "countries".into(),
                    ids(e.countries.iter().map(|&c| &t.countries[c].id).collect()),
                );
            }
            if !e.agencies.is_empty() {
                slide.insert("agencies".into(), ids(e.agencies.iter().map(|&a| &t.agencies[a].id).collect()));
            }
            if !e.people.is_empty() {
                slide.insert("people".into(), ids(e.people.iter().map(|p| &t.people[p.person].id).collect()));
            }
            if !e.by.is_empty() {
                let by: Vec<&str> = e.by.iter().map(|&a| t.actor_id(a)).collect();
                slide.insert("by".into(), json!(by));
            }
            let mut body = String::new();
            if e.status != Status::Happened {
                body.push_str(&format!("<p><em>{}</em></p>", status_line(e.status)));
            }
            if let Some(summary) = &e.summary {
                body.push_str(&paragraphs(summary));
            }
            if !e.outcomes.is_empty() {
                body.push_str("<ul>");
                for o in &e.outcomes {
                    body.push_str(&format!("<li>{}</li>", html(o.trim_end())));
                }
                body.push_str("</ul>");
            }
            slide.insert("text".into(), json!({"headline": html(&e.title), "text": body}));
            if let Some(c) = super::group_country(t, e) {
                slide.insert("group".into(), json!(html(&t.countries[c].name)));
            }
            Value::Object(slide)
        })
        .collect();
    let mut root = json!({
        "title": {"text": {"headline": html(&t.title), "text": html(t.description.as_deref().unwrap_or(""))}},
        "events": slides,
    });
    if t.zone != crate::model::Zone::Utc {
        root["timezone"] = json!(t.zone.name());
    }
    root
}

pub fn document(timeline: &Timeline, events: &[EventIx]) -> String {
    crate::report::json_text(&value(timeline, events))
}

/// A story of the file's as TimelineJS: its title slide, then its events with the story's own
/// slide text where it gives one (in place of the summary and outcomes). TimelineJS orders
/// slides by date, so a story told out of order is shown in date order there.
pub fn story_document(timeline: &Timeline, story: usize) -> String {
    let story = &timeline.stories[story];
    let events: Vec<EventIx> = story.slides.iter().map(|s| s.event).collect();
    let mut value = value(timeline, &events);
    value["title"]["text"] = json!({
        "headline": html(&story.title),
        "text": story.description.as_deref().map(paragraphs).unwrap_or_default(),
    });
    if let Some(slides) = value["events"].as_array_mut() {
        for (slide, written) in slides.iter_mut().zip(&story.slides) {
            if let Some(text) = &written.text {
                slide["text"]["text"] = json!(paragraphs(text));
            }
        }
    }
    crate::report::json_text(&value)
}
