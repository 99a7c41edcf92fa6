//! Every value of the wrong kind, at once.
//!
//! serde_yaml stops at the first value of the wrong type (`tags: hotline` where a list belongs),
//! so a file with five such mistakes would take five runs of `check`. When that happens, this
//! walks the document once against the JSON Schema (the one `schema` prints, so there is one
//! description of the format) and reports every misplaced kind and unknown key.

use super::diagnostic::Diagnostic;
use super::loader::plain_scalar_kind;
use super::locate::{skip_node, spot_of, Collector};
use super::suggest::did_you_mean;
use crate::text::escape;
use serde_json::Value;
use yaml_rust2::parser::Event;
use yaml_rust2::scanner::TScalarStyle;

/// What the schema expects at a place, reduced to what kinds of YAML node may stand there.
#[derive(Clone, Copy)]
enum Expect<'s> {
    /// A string: a plain scalar YAML reads as a number or a boolean is not one.
    Text,
    /// Any scalar (a date: text, or a bare year).
    Scalar,
    List(&'s Value),
    Record(&'s Value),
    TextOrRecord(&'s Value),
    Anything,
}

/// A plain scalar YAML reads as null: nothing, `~`, `null` (serde_yaml's spellings).
fn is_null(event: &Event) -> bool {
    matches!(event, Event::Scalar(v, TScalarStyle::Plain, ..) if matches!(v.as_str(), "" | "~" | "null" | "Null" | "NULL"))
}

struct Checker<'a> {
    schema: &'a Value,
    events: &'a [(Event, yaml_rust2::scanner::Marker)],
    next: usize,
    found: Vec<Diagnostic>,
}

fn kind_name(event: &Event) -> &'static str {
    match event {
        Event::Scalar(..) => "text",
        Event::SequenceStart(..) => "a list",
        Event::MappingStart(..) => "a mapping",
        Event::Alias(..) => "an alias",
        _ => "nothing",
    }
}

impl<'a> Checker<'a> {
    fn resolve(&self, node: &'a Value) -> Expect<'a> {
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            let name = reference.trim_start_matches("#/$defs/");
            return self.resolve(&self.schema["$defs"][name]);
        }
        let options = node.get("oneOf").or_else(|| node.get("anyOf")).and_then(Value::as_array);
        if let Some(options) = options {
            let kinds: Vec<Expect> = options
                .iter()
                .filter(|o| o.get("type").and_then(Value::as_str) != Some("null"))
                .map(|o| self.resolve(o))
                .collect();
            let record = kinds.iter().find_map(|k| match k {
                Expect::Record(r) => Some(*r),
                _ => None,
            });
            return match (kinds.as_slice(), record) {
                ([one], _) => *one,
                (_, Some(r)) => Expect::TextOrRecord(r),
                (kinds, None) if kinds.iter().all(|k| matches!(k, Expect::Text)) => Expect::Text,
                _ => Expect::Scalar,
            };
        }
        let kind = match node.get("type") {
            Some(Value::String(kind)) => Some(kind.as_str()),
            Some(Value::Array(kinds)) => kinds.iter().filter_map(Value::as_str).find(|k| *k != "null"),
            _ => None,
        };
        match kind {
            Some("array") => Expect::List(&node["items"]),
            Some("object") => Expect::Record(node),
            Some("string") => Expect::Text,
            Some(_) => Expect::Scalar,
            None if node.get("enum").is_some() => Expect::Text,
            None => Expect::Anything,
        }
    }

    fn wrong(&mut self, index: usize, expected: &str, key: Option<&str>) {
        let (event, mark) = &self.events[index];
        let spot = spot_of(event, mark);
        let not_text = match event {
            Event::Scalar(text, TScalarStyle::Plain, ..) => plain_scalar_kind(text),
            _ => None,
        };
        let found = match (event, not_text) {
            (Event::Scalar(text, ..), Some(kind)) => format!("{kind} `{}`", escape(text)),
            (Event::Scalar(text, ..), None) => format!("text `{}`", escape(text)),
            (other, _) => kind_name(other).to_string(),
        };
        let subject = key.map_or(String::from("this value"), |k| format!("`{}`", escape(k)));
        let help = match (expected, event, key) {
            ("a list", Event::Scalar(text, ..), Some(k)) => Some(format!(
                "a list is written `{}: [{}]`, or one `- item` per line",
                escape(k),
                escape(text)
            )),
            ("text", Event::Scalar(text, ..), _) => {
                Some(format!("quote it: {}", escape(&format!("{text:?}"))))
            }
            _ => None,
        };
        self.found.push(
            Diagnostic::new(format!("{subject} should be {expected}, not {found}"))
                .at(spot.line, spot.column, spot.span)
                .with_help(help),
        );
    }

    /// Checks the node at `self.next` and moves past it.
    fn node(&mut self, expect: Expect<'a>, key: Option<&str>) {
        let Some((event, _)) = self.events.get(self.next) else { return };
        let here = self.next;
        let null = is_null(event);
        match (expect, event) {
            (_, Event::Alias(..)) | (Expect::Anything, _) => self.skip(),
            (_, Event::Scalar(..)) if null => self.skip(),
            (Expect::Text | Expect::TextOrRecord(_), Event::Scalar(text, TScalarStyle::Plain, ..))
                if plain_scalar_kind(text).is_some() =>
            {
                self.wrong(here, "text", key);
                self.skip();
            }
            (Expect::Text | Expect::Scalar | Expect::TextOrRecord(_), Event::Scalar(..)) => self.skip(),
            (Expect::List(items), Event::SequenceStart(..)) => {
                self.next += 1;
                let item = self.resolve(items);
                while let Some((e, _)) = self.events.get(self.next) {
                    if matches!(e, Event::SequenceEnd) {
                        self.next += 1;
                        break;
                    }
                    if is_null(e) && !matches!(item, Expect::Anything) {
                        let spot = spot_of(e, &self.events[self.next].1);
                        self.found.push(
                            Diagnostic::new("this list item is empty")
                                .at(spot.line, spot.column, spot.span)
                                .with_help(Some(
                                    "remove it, or write a value; `~` and `null` are empty too".into(),
                                )),
                        );
                    }
                    self.node(item, None);
                }
            }
            (Expect::Record(record) | Expect::TextOrRecord(record), Event::MappingStart(..)) => {
                self.next += 1;
                self.record(record);
            }
            (expect, _) => {
                let expected = match expect {
                    Expect::Text => "text",
                    Expect::Scalar => "a single value",
                    Expect::List(_) => "a list",
                    Expect::Record(_) => "a mapping (`key: value` lines)",
                    Expect::TextOrRecord(_) => "an id or a mapping",
                    Expect::Anything => "anything",
                };
                self.wrong(here, expected, key);
                self.skip();
            }
        }
    }

    fn record(&mut self, record: &'a Value) {
        let properties = record.get("properties").and_then(Value::as_object);
        while let Some((event, _)) = self.events.get(self.next) {
            match event {
                Event::MappingEnd => {
                    self.next += 1;
                    return;
                }
                Event::Scalar(key, ..) => {
                    let key = key.clone();
                    let key_index = self.next;
                    self.next += 1;
                    match properties.and_then(|p| p.get(&key)) {
                        Some(schema) => {
                            let expect = self.resolve(schema);
                            self.node(expect, Some(&key));
                        }
                        None if key.starts_with("x-") => self.skip(),
                        None => {
                            let known: Vec<&str> = properties
                                .map(|p| p.keys().map(String::as_str).collect())
                                .unwrap_or_default();
                            let help = did_you_mean(&key, known.iter().copied())
                                .map(|s| format!("did you mean `{s}`?"));
                            let (e, m) = &self.events[key_index];
                            let spot = spot_of(e, m);
                            self.found.push(
                                Diagnostic::new(format!("unknown key `{}`", escape(&key)))
                                    .at(spot.line, spot.column, spot.span)
                                    .with_help(help),
                            );
                            self.skip();
                        }
                    }
                }
                _ => {
                    // A complex key: skip it and its value.
                    self.skip();
                    self.skip();
                }
            }
        }
    }

    fn skip(&mut self) {
        self.next = skip_node(self.events, self.next);
    }
}

/// Every value whose kind does not fit the format, and every unknown key, in file order.
pub fn check(source: &str) -> Vec<Diagnostic> {
    let schema = crate::schema::schema();
    let collector = Collector::parse(source);
    let start = collector
        .events
        .iter()
        .position(|(e, _)| !matches!(e, Event::StreamStart | Event::DocumentStart))
        .unwrap_or(collector.events.len());
    let mut checker = Checker { schema: &schema, events: &collector.events, next: start, found: Vec::new() };
    let root = Expect::Record(&schema);
    checker.node(root, None);
    let mut found = checker.found;
    found.sort_by_key(|d| (d.line, d.column));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_misplaced_kind() {
        let source = "title: [x]\nevents:\n  - id: a\n    title: A\n    date: 2016\n    tags: hotline\n    outcomes: \"one\"\n    titel: typo\n  - just a string\n";
        let found = check(source);
        let messages: Vec<(usize, usize, &str)> =
            found.iter().map(|d| (d.line, d.column, d.message.as_str())).collect();
        assert_eq!(
            messages,
            vec![
                (1, 8, "`title` should be text, not a list"),
                (6, 11, "`tags` should be a list, not text `hotline`"),
                (7, 15, "`outcomes` should be a list, not text `one`"),
                (8, 5, "unknown key `titel`"),
                (9, 5, "this value should be a mapping (`key: value` lines), not text `just a string`"),
            ]
        );
        assert_eq!(
            found[1].help.as_deref(),
            Some("a list is written `tags: [hotline]`, or one `- item` per line")
        );
        assert_eq!(found[3].help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn a_good_file_has_no_shape_problems() {
        assert!(check(crate::model::loader::BUILTIN_SOURCE).is_empty());
        let full = include_str!("../../tests/fixtures/good/full.yaml");
        assert!(check(full).is_empty(), "{:?}", check(full));
    }
}
