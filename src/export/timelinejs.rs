//! TimelineJS3's JSON: a title slide and one slide per event, dates at the event's precision,
//! grouped by the first country involved. Every slide has a `display_date` in words (`May 19,
//! 2014`, `December 7 to 8, 2016`, `44 BCE`, `around 1972`): left to itself TimelineJS shows a
//! single day as `2014-05-19` beside months and ranges in words. A `tags` list, which TimelineJS
//! ignores, carries the tags to `import --from timelinejs`.

use super::clean;
use crate::model::date::PointDate;
use crate::model::{EventIx, Timeline};
use serde_json::{json, Map, Value};

/// TimelineJS renders `text` as HTML; data must not become markup.
fn html(text: &str) -> String {
    clean(text, true).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn date(point: &PointDate) -> Value {
    let mut m = Map::new();
    m.insert("year".into(), json!(point.year.to_string()));
    if let Some(month) = point.month {
        m.insert("month".into(), json!(month.to_string()));
    }
    if let Some(day) = point.day {
        m.insert("day".into(), json!(day.to_string()));
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
            slide.insert("unique_id".into(), json!(clean(&e.id, false)));
            // Not a TimelineJS field (it ignores it): the tags, for `import --from timelinejs`.
            if !e.tags.is_empty() {
                slide
                    .insert("tags".into(), json!(e.tags.iter().map(|t| clean(t, false)).collect::<Vec<_>>()));
            }
            slide.insert("start_date".into(), date(&e.date.start));
            if let Some(end) = &e.date.end {
                slide.insert("end_date".into(), date(end));
            }
            slide.insert("display_date".into(), json!(html(&display_date(&e.date))));
            let mut body = String::new();
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
    json!({
        "title": {"text": {"headline": html(&t.title), "text": html(t.description.as_deref().unwrap_or(""))}},
        "events": slides,
    })
}

pub fn document(timeline: &Timeline, events: &[EventIx]) -> String {
    crate::report::json_text(&value(timeline, events))
}
