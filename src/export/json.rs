//! The timeline document as JSON, in the input format itself (JSON is YAML), so it loads back
//! unchanged. A subset of events keeps only the links between exported events.

use crate::model::{DateSpec, EventIx, Extensions, Speaker, Status, Timeline};
use serde_json::{json, Map, Value};

fn put(map: &mut Map<String, Value>, key: &str, value: Value) {
    let empty = match &value {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        _ => false,
    };
    if !empty {
        map.insert(key.to_string(), value);
    }
}

fn with_extensions(mut map: Map<String, Value>, extensions: &Extensions) -> Value {
    for (k, v) in extensions {
        map.insert(k.clone(), v.clone());
    }
    Value::Object(map)
}

fn date(d: &Option<DateSpec>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

pub fn value(timeline: &Timeline, events: &[EventIx]) -> Value {
    let t = timeline;
    let mut root = Map::new();
    root.insert("title".into(), json!(t.title));
    put(&mut root, "description", json!(t.description));
    if t.zone != crate::model::Zone::Utc {
        root.insert("timezone".into(), json!(t.zone.name()));
    }
    let countries: Vec<Value> = t
        .countries
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert("id".into(), json!(c.id));
            m.insert("name".into(), json!(c.name));
            put(&mut m, "aliases", json!(c.aliases));
            with_extensions(m, &c.extensions)
        })
        .collect();
    put(&mut root, "countries", Value::Array(countries));
    let agencies: Vec<Value> = t
        .agencies
        .iter()
        .map(|a| {
            let mut m = Map::new();
            m.insert("id".into(), json!(a.id));
            m.insert("name".into(), json!(a.name));
            put(&mut m, "short", json!(a.short));
            put(&mut m, "country", json!(a.country.map(|c| &t.countries[c].id)));
            put(&mut m, "parent", json!(a.parent.map(|p| &t.agencies[p].id)));
            put(&mut m, "aliases", json!(a.aliases));
            with_extensions(m, &a.extensions)
        })
        .collect();
    put(&mut root, "agencies", Value::Array(agencies));
    let people: Vec<Value> = t
        .people
        .iter()
        .map(|p| {
            let mut m = Map::new();
            m.insert("id".into(), json!(p.id));
            m.insert("name".into(), json!(p.name));
            put(&mut m, "native", json!(p.native));
            put(&mut m, "country", json!(p.country.map(|c| &t.countries[c].id)));
            let roles: Vec<Value> = p
                .roles
                .iter()
                .map(|r| {
                    let mut rm = Map::new();
                    rm.insert("title".into(), json!(r.title));
                    put(&mut rm, "agency", json!(r.agency.map(|a| &t.agencies[a].id)));
                    put(&mut rm, "from", date(&r.from));
                    put(&mut rm, "to", date(&r.to));
                    Value::Object(rm)
                })
                .collect();
            put(&mut m, "roles", Value::Array(roles));
            with_extensions(m, &p.extensions)
        })
        .collect();
    put(&mut root, "people", Value::Array(people));
    let exported: std::collections::HashSet<EventIx> = events.iter().copied().collect();
    let list: Vec<Value> = events
        .iter()
        .map(|&ix| {
            let e = &t.events[ix];
            let mut m = Map::new();
            m.insert("id".into(), json!(e.id));
            m.insert("title".into(), json!(e.title));
            m.insert("date".into(), json!(e.date.to_string()));
            if e.status != Status::Happened {
                m.insert("status".into(), json!(e.status.as_str()));
            }
            if let Some(l) = &e.location {
                let mut lm = Map::new();
                put(&mut lm, "place", json!(l.place));
                put(&mut lm, "country", json!(l.country.map(|c| &t.countries[c].id)));
                m.insert("location".into(), Value::Object(lm));
            }
            put(
                &mut m,
                "countries",
                json!(e.countries.iter().map(|&c| &t.countries[c].id).collect::<Vec<_>>()),
            );
            put(&mut m, "agencies", json!(e.agencies.iter().map(|&a| &t.agencies[a].id).collect::<Vec<_>>()));
            let people: Vec<Value> = e
                .people
                .iter()
                .map(|p| match &p.role {
                    Some(role) => json!({"id": t.people[p.person].id, "role": role}),
                    None => json!(t.people[p.person].id),
                })
                .collect();
            put(&mut m, "people", Value::Array(people));
            put(&mut m, "by", json!(e.by.iter().map(|&a| t.actor_id(a)).collect::<Vec<_>>()));
            put(&mut m, "tags", json!(e.tags));
            put(&mut m, "summary", json!(e.summary));
            put(&mut m, "outcomes", json!(e.outcomes));
            let quotes: Vec<Value> = e
                .quotes
                .iter()
                .map(|q| {
                    let mut qm = Map::new();
                    let by = match &q.by {
                        Speaker::Person(p) => t.people[*p].id.clone(),
                        Speaker::Text(text) => text.clone(),
                    };
                    qm.insert("by".into(), json!(by));
                    qm.insert("text".into(), json!(q.text));
                    put(&mut qm, "source", json!(q.source));
                    Value::Object(qm)
                })
                .collect();
            put(&mut m, "quotes", Value::Array(quotes));
            let sources: Vec<Value> = e
                .sources
                .iter()
                .map(|s| {
                    let mut sm = Map::new();
                    sm.insert("title".into(), json!(s.title));
                    put(&mut sm, "publisher", json!(s.publisher));
                    put(&mut sm, "url", json!(s.url));
                    put(&mut sm, "date", date(&s.date));
                    Value::Object(sm)
                })
                .collect();
            put(&mut m, "sources", Value::Array(sources));
            let related: Vec<Value> = e
                .related
                .iter()
                .filter(|l| exported.contains(&l.event))
                .map(|l| match &l.kind {
                    Some(kind) => json!({"id": t.events[l.event].id, "kind": kind}),
                    None => json!(t.events[l.event].id),
                })
                .collect();
            put(&mut m, "related", Value::Array(related));
            put(&mut m, "notes", json!(e.notes));
            put(&mut m, "timezone", json!(e.zone.map(|z| z.name())));
            // The reader's annotation as an extension, so the export still loads as a timeline.
            put(&mut m, "x-annotation", json!(e.annotation));
            with_extensions(m, &e.extensions)
        })
        .collect();
    root.insert("events".into(), Value::Array(list));
    with_extensions(root, &t.extensions)
}

pub fn document(timeline: &Timeline, events: &[EventIx]) -> String {
    crate::report::json_text(&value(timeline, events))
}
