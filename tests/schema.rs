//! One truth for the format: every fixture goes through the loader and through the JSON Schema
//! that editors use (`assets/timeline.schema.json`, checked by the `jsonschema` crate), and the
//! two must agree on whether the file is a timeline — except where a schema cannot say it, each
//! listed below with the reason.

use std::path::{Path, PathBuf};
use timeline_explorer::model::loader;
use timeline_explorer::schema;

/// Fixtures the loader rejects and the schema accepts, because the problem is one no JSON
/// Schema can express. Anything else the two disagree on fails the test.
const BEYOND_A_SCHEMA: &[(&str, &str)] = &[
    ("bad/impossible-date.yaml", "which days a month has (Feb 30, Apr 31): a pattern cannot count them"),
    ("bad/reversed-range.yaml", "a range that ends before it starts: a schema cannot compare two dates"),
    ("bad/duplicate-id.yaml", "ids unique within their kind: a schema cannot compare items"),
    ("bad/unknown-reference.yaml", "references must name an id defined elsewhere in the file"),
    ("bad/reference-by-name.yaml", "references must name an id defined elsewhere in the file"),
    ("bad/cycle.yaml", "agency parents must not form a cycle"),
    ("bad/related-to-itself.yaml", "an event related to itself: a schema cannot compare two values"),
    ("bad/role-reversed.yaml", "a role that ends before it starts (a reversed range)"),
    ("bad/story-unknown-event.yaml", "a story's events must be ids defined in the file, each told once"),
    ("bad/repeated-key.yaml", "a key twice in one mapping: JSON parsers keep the last, silently"),
    (
        "bad/unknown-person-unquoted.yaml",
        "an unquoted id-like `by:` that names nobody: the schema cannot see quotes",
    ),
];

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("the fixture folder")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// The schema's verdict on a file, as an editor sees it: text that is not UTF-8, YAML that does
/// not parse, or a value JSON cannot hold (a tag, a key that is not text) is not valid.
fn schema_accepts(validator: &jsonschema::Validator, bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // libyaml takes minutes over `[[[[…` thousands deep; an editor's parser refuses such depth
    // (the loader's limit, which serde_yaml has too), so this one does before parsing.
    if flow_depth(text) > loader::MAX_NESTING {
        return Err(format!("nested deeper than {}", loader::MAX_NESTING));
    }
    let value: serde_json::Value =
        serde_yaml::from_str(text).map_err(|e| format!("not JSON-shaped YAML: {e}"))?;
    let errors: Vec<String> =
        validator.iter_errors(&value).map(|e| format!("{}: {e}", e.instance_path())).collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

/// The deepest nesting of `[` and `{` (a rough count: enough for the deep-nesting fixture).
fn flow_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '[' | '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../assets/timeline.schema.json")).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid draft 2020-12 schema")
}

#[test]
fn the_loader_and_the_schema_agree_on_every_fixture() {
    let validator = validator();
    let mut disagreements = Vec::new();
    let mut listed_but_agreeing = Vec::new();
    let mut seen = 0;
    for dir in ["good", "bad"] {
        for path in fixtures(dir) {
            seen += 1;
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            let bytes = std::fs::read(&path).expect("a readable fixture");
            let loaded = loader::load_bytes(&name, bytes.clone());
            let schema = schema_accepts(&validator, &bytes);
            assert_eq!(dir == "good", loaded.is_ok(), "{name} is in {dir}/ but the loader says {loaded:?}");
            let exception = BEYOND_A_SCHEMA.iter().find(|(n, _)| *n == name);
            match (&loaded, &schema, exception) {
                (Ok(_), Ok(()), _) | (Err(_), Err(_), None) => {}
                (Err(_), Ok(()), Some(_)) => {}
                (Err(_), Err(_), Some(_)) => listed_but_agreeing.push(name),
                (Ok(_), Err(why), _) => {
                    disagreements.push(format!("{name}: the loader accepts it, the schema says {why}"))
                }
                (Err(e), Ok(()), None) => disagreements
                    .push(format!("{name}: the schema accepts it, the loader says {}", e.headline())),
            }
        }
    }
    assert!(seen > 30, "only {seen} fixtures found");
    assert!(disagreements.is_empty(), "the loader and the schema disagree:\n{}", disagreements.join("\n"));
    assert!(
        listed_but_agreeing.is_empty(),
        "listed as beyond a schema, but the schema rejects them too (remove them from the list): {listed_but_agreeing:?}"
    );
    for (name, _) in BEYOND_A_SCHEMA {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        assert!(path.is_file(), "{name} is listed but does not exist");
    }
}

#[test]
fn the_committed_schema_is_what_the_program_prints() {
    assert_eq!(include_str!("../assets/timeline.schema.json"), schema::schema_text());
}

/// The schema's white-space class is exactly Rust's `char::is_whitespace`, which the loader's
/// id and required-text checks use (`\s` would differ between editors and Rust).
#[test]
fn the_schema_white_space_is_the_loaders() {
    let class = serde_json::json!({ "type": "string", "pattern": format!("^[{}]$", schema::WHITE_SPACE) });
    let validator = jsonschema::draft202012::new(&class).expect("a valid pattern");
    let chars = (0..0x1_0000u32).chain([0x1_F600, 0x10_FFFF]).filter_map(char::from_u32);
    let differ: Vec<char> = chars
        .filter(|c| validator.is_valid(&serde_json::json!(c.to_string())) != c.is_whitespace())
        .collect();
    assert!(differ.is_empty(), "{differ:?}");
}

mod generated {
    //! The same agreement on documents made up by proptest: every key gets a value from a pool
    //! of right and wrong ones (numbers for text, empty text, null, lists, ids with spaces,
    //! dates that do not exist in the calendar's numbering). References, ids and dates stay
    //! clear of what a schema cannot say, so any difference is a real disagreement.
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn pick(pool: Vec<Value>) -> impl Strategy<Value = Option<Value>> {
        // None: the key is left out.
        proptest::option::weighted(0.7, proptest::sample::select(pool))
    }

    fn text_pool() -> Vec<Value> {
        vec![
            json!("A title"),
            json!("2016"),
            json!(""),
            json!("   "),
            json!(2016),
            json!(1.5),
            json!(true),
            Value::Null,
            json!(["x"]),
            json!({ "a": 1 }),
        ]
    }

    fn date_pool() -> Vec<Value> {
        vec![
            json!(2016),
            json!("2016-12-07"),
            json!("~2016-04"),
            json!("2017?"),
            json!("2016-12-07T09:30"),
            json!("2016-12-07..2016-12-08"),
            json!("2016-13-01"),
            json!("2016-01-32"),
            json!("2016/01/02"),
            json!(123456),
            json!(2016.5),
            json!(false),
            json!(""),
            Value::Null,
        ]
    }

    fn event() -> impl Strategy<Value = Value> {
        let ids =
            vec![json!("a"), json!("x-1"), json!("Bad Id"), json!("A"), json!(""), json!(7), Value::Null];
        let statuses = vec![json!("planned"), json!("planed"), json!(""), Value::Null, json!(1)];
        let lists =
            vec![json!(["a", "b"]), json!([]), json!(["a", null]), json!([true, 3]), json!("a"), Value::Null];
        (
            pick(ids),
            pick(text_pool()),
            pick(date_pool()),
            pick(statuses),
            pick(lists.clone()),
            pick(text_pool()),
            pick(lists),
            pick(vec![json!("Asia/Shanghai"), json!("+08:00"), json!("Asia/Shangai"), json!(8), Value::Null]),
        )
            .prop_map(|(id, title, date, status, tags, summary, outcomes, timezone)| {
                let mut e = serde_json::Map::new();
                for (k, v) in [
                    ("id", id),
                    ("title", title),
                    ("date", date),
                    ("status", status),
                    ("tags", tags),
                    ("summary", summary),
                    ("outcomes", outcomes),
                    ("timezone", timezone),
                ] {
                    if let Some(v) = v {
                        e.insert(k.into(), v);
                    }
                }
                Value::Object(e)
            })
    }

    fn country() -> impl Strategy<Value = Value> {
        let ids = vec![json!("SU"), json!("c n"), json!(" "), json!(""), json!(12), Value::Null];
        (pick(ids), pick(text_pool()), pick(vec![json!(["USSR"]), json!([1]), Value::Null])).prop_map(
            |(id, name, aliases)| {
                let mut c = serde_json::Map::new();
                for (k, v) in [("id", id), ("name", name), ("aliases", aliases)] {
                    if let Some(v) = v {
                        c.insert(k.into(), v);
                    }
                }
                Value::Object(c)
            },
        )
    }

    fn timeline() -> impl Strategy<Value = Value> {
        (
            pick(text_pool()),
            pick(text_pool()),
            proptest::option::of(proptest::collection::vec(country(), 0..2)),
            proptest::collection::vec(event(), 0..3),
            proptest::bool::weighted(0.9),
        )
            .prop_map(|(title, description, countries, events, with_events)| {
                let mut t = serde_json::Map::new();
                if let Some(v) = title {
                    t.insert("title".into(), v);
                }
                if let Some(v) = description {
                    t.insert("description".into(), v);
                }
                if let Some(mut list) = countries {
                    // Unique ids: a duplicate is beyond a schema.
                    list.truncate(1);
                    t.insert("countries".into(), Value::Array(list));
                }
                if with_events {
                    // Unique event ids, for the same reason.
                    let mut seen = std::collections::HashSet::new();
                    let events: Vec<Value> = events
                        .into_iter()
                        .filter(|e| seen.insert(e.get("id").map(Value::to_string)))
                        .collect();
                    t.insert("events".into(), Value::Array(events));
                }
                Value::Object(t)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn the_loader_and_the_schema_agree_on_generated_documents(doc in timeline()) {
            let yaml = serde_yaml::to_string(&doc).expect("JSON values are YAML");
            let loaded = loader::load_str("generated.yaml", &yaml);
            let schema = validator().validate(&doc).map_err(|e| e.to_string());
            prop_assert_eq!(
                loaded.is_ok(),
                schema.is_ok(),
                "\n{}\nloader: {:?}\nschema: {:?}",
                yaml,
                loaded.err().map(|e| e.to_string()),
                schema.err()
            );
        }
    }
}

/// The schema and the loader must accept the same keys, or editors would flag valid files.
#[test]
fn schema_keys_match_the_loader() {
    let s = schema::schema();
    for (kind, keys) in loader::record_keys() {
        let props = if kind == "timeline" { &s["properties"] } else { &s["$defs"][kind]["properties"] };
        let mut schema_keys: Vec<&str> = props.as_object().unwrap().keys().map(String::as_str).collect();
        let mut loader_keys: Vec<&str> = keys.to_vec();
        schema_keys.sort_unstable();
        loader_keys.sort_unstable();
        assert_eq!(schema_keys, loader_keys, "keys of {kind}");
    }
}
