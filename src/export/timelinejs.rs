//! TimelineJS3's JSON: a title slide and one slide per event, dates at the event's precision,
//! grouped by the first country involved.

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

pub fn value(timeline: &Timeline, events: &[EventIx]) -> Value {
    let t = timeline;
    let slides: Vec<Value> = events
        .iter()
        .map(|&ix| {
            let e = &t.events[ix];
            let mut slide = Map::new();
            slide.insert("unique_id".into(), json!(clean(&e.id, false)));
            slide.insert("start_date".into(), date(&e.date.start));
            if let Some(end) = &e.date.end {
                slide.insert("end_date".into(), date(end));
            }
            slide.insert("display_date".into(), json!(html(&e.date.human())));
            let mut body = String::new();
            if let Some(summary) = &e.summary {
                body.push_str(&format!("<p>{}</p>", html(&crate::text::reflow(summary.trim_end()))));
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
