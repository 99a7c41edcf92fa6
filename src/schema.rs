//! The JSON Schema (draft 2020-12) of the timeline format, for editors (yaml-language-server) and
//! other tools. `timeline-explorer schema` prints it; `assets/timeline.schema.json` is the same
//! text, committed so editors can use it without running anything (a test keeps them equal).

use serde_json::{json, Value};

/// A time of day, 24-hour, with an optional offset (`Z`, `+08:00`, at most ±18:00).
const TIME: &str =
    r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?([Zz]|[+-]((0[0-9]|1[0-7]):[0-5][0-9]|18:00))?";

/// A date: `~`, a point (a year, month or day with the calendar's month and day numbers, a time
/// on a day, or `N BCE`), an end (a point, or a time alone on the same day), `?`. Which days a
/// month has (Feb 30) is the loader's to check: a pattern cannot say it.
fn date_pattern() -> String {
    let point = format!(
        r"(-?[0-9]{{4}}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])([Tt]{TIME})?)?)?|[1-9][0-9]{{0,3}} ([Bb][Cc][Ee]?))"
    );
    format!(r"^~?{point}(\.\.({point}|{TIME}))?\??$")
}

/// `UTC`, `Z`, an offset, or any IANA zone name the loader knows (chrono-tz's list, so the
/// schema and the loader agree name for name).
fn zone() -> Value {
    let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    json!({
        "description": "an IANA time zone name (America/New_York, Asia/Shanghai), UTC, or an offset such as +08:00",
        "anyOf": [
            {
                "type": "string",
                "pattern": r"^(UTC|utc|Z|[+-]((0[0-9]|1[0-7]):?[0-5][0-9]|18:?00|0[0-9]|1[0-8]))$",
                "patternErrorMessage": "not a time zone: an IANA name such as America/New_York (exact case), UTC, or an offset such as +08:00",
            },
            { "enum": names },
        ],
    })
}

/// Every character Rust's `char::is_whitespace` calls white space (Unicode's White_Space), as a
/// regex class body. Written out rather than `\s`, which means a slightly different set in
/// ECMAScript (editors) than in Rust; a test checks it against `is_whitespace`.
pub const WHITE_SPACE: &str = r"\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

/// Text that is required: something besides white space (`title: ""` is as empty as `title:`).
fn required_text() -> Value {
    json!({ "type": "string", "pattern": format!("[^{WHITE_SPACE}]") })
}

/// The id rule of countries, agencies and people (and references to them): no white space.
fn name_id(description: &str) -> Value {
    json!({ "type": "string", "pattern": format!("^[^{WHITE_SPACE}]+$"), "description": description })
}

/// The id rule of events (and references to them), as `loader::is_valid_event_id` checks it.
fn event_id(description: &str) -> Value {
    json!({ "type": "string", "pattern": EVENT_ID, "description": description })
}

pub const EVENT_ID: &str = "^[a-z0-9][a-z0-9_-]*$";

/// A key written with no value (`description:`, `~`, `null`) means the same as a key left out:
/// so every key that is not required also accepts null.
fn or_null(mut property: Value) -> Value {
    if let Some(kind) = property.get("type").and_then(Value::as_str) {
        property["type"] = json!([kind, "null"]);
        return property;
    }
    if let Some(values) = property.get_mut("enum").and_then(Value::as_array_mut) {
        values.push(Value::Null);
        return property;
    }
    if let Some(options) = property.get_mut("oneOf").and_then(Value::as_array_mut) {
        options.push(json!({ "type": "null" }));
        return property;
    }
    json!({ "anyOf": [property, { "type": "null" }] })
}

/// A record's properties, the optional ones accepting null.
fn properties(required: &[&str], properties: Value) -> Value {
    let Value::Object(map) = properties else { unreachable!("properties are a JSON object") };
    let map = map
        .into_iter()
        .map(|(k, v)| {
            let v = if required.contains(&k.as_str()) { v } else { or_null(v) };
            (k, v)
        })
        .collect();
    Value::Object(map)
}

fn record(description: &str, required: &[&str], props: Value) -> Value {
    json!({
        "type": "object",
        "description": description,
        "required": required,
        "properties": properties(required, props),
        "patternProperties": { "^x-": { "description": "extension field: kept and shown as-is" } },
        "additionalProperties": false,
    })
}

fn list_of(item: Value) -> Value {
    json!({ "type": "array", "items": item })
}

fn id_or(id: Value, reference: &str, description: &str) -> Value {
    json!({
        "description": description,
        "oneOf": [ id, { "$ref": reference } ],
    })
}

pub fn schema() -> Value {
    let text = json!({ "type": "string" });
    let required = required_text();
    let date = json!({
        "description": "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional offset (Z, +08:00); a range START..END (or ..HH:MM for the same day); `~` prefix = approximate; `?` suffix = uncertain; years before 1 as -0490 (ISO) or 491 BCE",
        "oneOf": [
            {
                "type": "string",
                "pattern": date_pattern(),
                "patternErrorMessage": "not a date: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional offset (Z, +08:00), a range START..END, ~ for circa, ? for uncertain, or N BCE",
            },
            { "type": "integer", "minimum": -9999, "maximum": 9999 },
        ],
    });
    let country = || name_id("a country id");
    let agency = || name_id("an agency id");
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://timeline-explorer.invalid/timeline.schema.json",
        "title": "timeline-explorer timeline (format v1)",
        "type": "object",
        "required": ["title", "events"],
        "properties": properties(&["title", "events"], json!({
            "title": required,
            "description": text,
            "countries": list_of(json!({ "$ref": "#/$defs/country" })),
            "agencies": list_of(json!({ "$ref": "#/$defs/agency" })),
            "people": list_of(json!({ "$ref": "#/$defs/person" })),
            "events": list_of(json!({ "$ref": "#/$defs/event" })),
            "timezone": { "$ref": "#/$defs/zone" },
            "stories": list_of(json!({ "$ref": "#/$defs/story" })),
        })),
        "patternProperties": { "^x-": {} },
        "additionalProperties": false,
        "$defs": {
            "date": date,
            "zone": zone(),
            "country": record("a country", &["id", "name"], json!({
                "id": name_id("e.g. CN, US, PE: no spaces"),
                "name": required,
                "aliases": list_of(text.clone()),
            })),
            "agency": record("an agency", &["id", "name"], json!({
                "id": name_id("e.g. fbi: no spaces"),
                "name": required,
                "short": { "type": "string", "description": "short name, e.g. FBI" },
                "country": country(),
                "parent": name_id("the id of the agency this one belongs to"),
                "aliases": list_of(text.clone()),
            })),
            "person": record("a person", &["id", "name"], json!({
                "id": name_id("e.g. guo-shengkun: no spaces"),
                "name": required,
                "native": { "type": "string", "description": "the name in its own script" },
                "country": country(),
                "roles": list_of(json!({ "$ref": "#/$defs/role" })),
            })),
            "role": record("a position a person held", &["title"], json!({
                "title": required,
                "agency": agency(),
                "from": { "$ref": "#/$defs/date" },
                "to": { "$ref": "#/$defs/date" },
            })),
            "event": record("an event", &["id", "title", "date"], json!({
                "id": event_id("lowercase letters, digits, - and _, starting with a letter or digit"),
                "title": required,
                "date": { "$ref": "#/$defs/date" },
                "status": { "enum": ["happened", "planned", "cancelled", "did-not-take-place"], "default": "happened" },
                "location": { "$ref": "#/$defs/location" },
                "countries": list_of(country()),
                "agencies": list_of(agency()),
                "people": list_of(id_or(name_id("a person id"), "#/$defs/participant", "a person id, or {id, role}")),
                "by": {
                    "description": "who acted: ids of countries, agencies or people this event lists",
                    "type": "array",
                    "items": name_id("a country, agency or person id listed in this event"),
                    "minItems": 1,
                    "uniqueItems": true,
                },
                "tags": list_of(text.clone()),
                "summary": text,
                "outcomes": list_of(text.clone()),
                "quotes": list_of(json!({ "$ref": "#/$defs/quote" })),
                "sources": list_of(json!({ "$ref": "#/$defs/source" })),
                "related": list_of(id_or(event_id("an event id"), "#/$defs/related", "an event id, or {id, kind}")),
                "notes": { "type": "string", "description": "where sources disagree; uncertainty" },
                "timezone": { "$ref": "#/$defs/zone" },
            })),
            "location": record("where an event took place", &[], json!({
                "place": text,
                "country": country(),
            })),
            "participant": record("a person taking part, with a role", &["id"], json!({
                "id": name_id("a person id"),
                "role": { "type": "string", "description": "e.g. co-chair" },
            })),
            "quote": record("something said", &["by", "text"], json!({
                "by": { "type": "string", "pattern": format!("[^{WHITE_SPACE}]"), "description": "a person id, or free text in quotes" },
                "text": required,
                "source": text,
            })),
            "source": record("where a fact comes from", &["title"], json!({
                "title": required,
                "publisher": text,
                "url": text,
                "date": { "$ref": "#/$defs/date" },
            })),
            "story": record("events told one slide at a time, in this order", &["id", "title", "events"], json!({
                "id": event_id("lowercase letters, digits, - and _, starting with a letter or digit"),
                "title": required,
                "description": text,
                "events": {
                    "type": "array",
                    "minItems": 1,
                    "items": id_or(event_id("an event id"), "#/$defs/slide", "an event id, or {id, text}"),
                },
            })),
            "slide": record("one slide of a story", &["id"], json!({
                "id": event_id("an event id"),
                "text": { "type": "string", "description": "what the slide says instead of the event's summary" },
            })),
            "related": record("a link to another event", &["id"], json!({
                "id": event_id("an event id"),
                "kind": { "type": "string", "description": "e.g. follows, background" },
            })),
        },
    })
}

/// The schema as committed in `assets/timeline.schema.json`.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).expect("a JSON value always serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_schema_is_current() {
        let committed = include_str!("../assets/timeline.schema.json");
        assert_eq!(committed, schema_text(), "run `cargo run -- schema > assets/timeline.schema.json`");
    }
}
