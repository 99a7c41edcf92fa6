//! Where in the file is `events[3].agencies[1]`?
//!
//! serde_yaml gives positions for syntax and type errors but not for the values it hands over, and
//! keeping a position beside every value would cost memory and time on every load. So positions
//! are found only when there is something to report: one extra pass over the text with
//! yaml-rust2's event parser, which marks every node, answers every wanted path at once.

use std::collections::{HashMap, HashSet};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    /// A mapping key; the format's own keys are borrowed, so building paths costs little.
    Key(std::borrow::Cow<'static, str>),
    Index(usize),
}

pub type Path = Vec<Seg>;

/// Whether a problem is about a mapping key itself (an unknown key) or the value under a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Value,
    Key,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub line: usize,
    pub column: usize,
    /// Characters to underline: the scalar as written on its line.
    pub span: usize,
    /// The scalar was written in quotes (`"…"` or `'…'`).
    pub quoted: bool,
}

/// Every parser event with where it starts.
pub(super) struct Collector {
    pub events: Vec<(Event, Marker)>,
}

impl Collector {
    /// The events of the first document of `source` (as far as it parses).
    pub fn parse(source: &str) -> Collector {
        let mut collector = Collector { events: Vec::new() };
        let _ = Parser::new_from_str(source).load(&mut collector, false);
        collector
    }
}

/// The index just past the node that starts at `start` (a scalar, or a whole collection).
pub(super) fn skip_node(events: &[(Event, Marker)], start: usize) -> usize {
    let mut depth = 0usize;
    let mut next = start;
    while let Some((event, _)) = events.get(next) {
        next += 1;
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => depth += 1,
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            break;
        }
    }
    next
}

/// Where an event starts, and how much of it to underline.
pub(super) fn spot_of(event: &Event, mark: &Marker) -> Spot {
    let (span, quoted) = match event {
        Event::Scalar(value, style, ..) => {
            let first_line = value.lines().next().unwrap_or("").chars().count();
            match style {
                TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => (first_line + 2, true),
                TScalarStyle::Plain => (first_line, false),
                _ => (1, false),
            }
        }
        _ => (1, false),
    };
    // yaml-rust2 counts columns from 0.
    Spot { line: mark.line(), column: mark.col() + 1, span: span.max(1), quoted }
}

impl MarkedEventReceiver for Collector {
    fn on_event(&mut self, event: Event, mark: Marker) {
        self.events.push((event, mark));
    }
}

struct Walker<'a> {
    events: &'a [(Event, Marker)],
    next: usize,
    wanted: &'a HashSet<(Path, Target)>,
    found: HashMap<(Path, Target), Spot>,
}

impl Walker<'_> {
    fn spot(&self, index: usize) -> Spot {
        let (event, mark) = &self.events[index];
        // A mapping is shown at its first key: block mappings start where that key does.
        if let (Event::MappingStart(..), Some((key @ Event::Scalar(..), key_mark))) =
            (event, self.events.get(index + 1))
        {
            return spot_of(key, key_mark);
        }
        spot_of(event, mark)
    }

    fn record(&mut self, path: &Path, target: Target, index: usize) {
        let key = (path.clone(), target);
        if self.wanted.contains(&key) {
            let spot = self.spot(index);
            self.found.insert(key, spot);
        }
    }

    /// Walks the node starting at `self.next`, leaving `self.next` just past it.
    fn node(&mut self, path: &mut Path) {
        let Some((event, _)) = self.events.get(self.next) else { return };
        let here = self.next;
        self.record(path, Target::Value, here);
        self.next += 1;
        match event {
            Event::MappingStart(..) => loop {
                match self.events.get(self.next) {
                    None => return,
                    Some((Event::MappingEnd, _)) => {
                        self.next += 1;
                        return;
                    }
                    Some((key_event, _)) => {
                        let key_index = self.next;
                        let key = match key_event {
                            Event::Scalar(text, ..) => Some(text.clone()),
                            _ => None,
                        };
                        match key {
                            Some(key) => {
                                path.push(Seg::Key(key.into()));
                                self.record(path, Target::Key, key_index);
                                self.next += 1;
                                self.node(path);
                                path.pop();
                            }
                            None => {
                                // A complex key: skip it and its value.
                                self.skip();
                                self.skip();
                            }
                        }
                    }
                }
            },
            Event::SequenceStart(..) => {
                let mut i = 0;
                loop {
                    match self.events.get(self.next) {
                        None => return,
                        Some((Event::SequenceEnd, _)) => {
                            self.next += 1;
                            return;
                        }
                        Some(_) => {
                            path.push(Seg::Index(i));
                            self.node(path);
                            path.pop();
                            i += 1;
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn skip(&mut self) {
        self.next = skip_node(self.events, self.next);
    }
}

/// Finds each wanted node in `source`. A path that cannot be followed (it passes through an
/// alias, say) answers with the nearest enclosing node that was found.
pub fn locate(source: &str, wanted: &[(Path, Target)]) -> Vec<Option<Spot>> {
    // The text already parsed with serde_yaml; if this parser disagrees, answer what it reached.
    let collector = Collector::parse(source);

    let mut all: HashSet<(Path, Target)> = HashSet::new();
    for (path, target) in wanted {
        all.insert((path.clone(), *target));
        for len in 0..path.len() {
            all.insert((path[..len].to_vec(), Target::Value));
        }
    }
    let start = collector
        .events
        .iter()
        .position(|(e, _)| !matches!(e, Event::StreamStart | Event::DocumentStart))
        .unwrap_or(collector.events.len());
    let mut walker = Walker { events: &collector.events, next: start, wanted: &all, found: HashMap::new() };
    walker.node(&mut Vec::new());

    wanted
        .iter()
        .map(|(path, target)| {
            if let Some(spot) = walker.found.get(&(path.clone(), *target)) {
                return Some(*spot);
            }
            (0..path.len())
                .rev()
                .find_map(|len| walker.found.get(&(path[..len].to_vec(), Target::Value)).copied())
        })
        .collect()
}

/// Every YAML tag (`!foo`, `! 12`, `!!str`) in `source`, with where its `!` is and how it is
/// written. The format has no use for tags, and serde_yaml would silently drop some of them.
pub fn tags(source: &str) -> Vec<(Spot, String)> {
    let collector = Collector::parse(source);
    let lines: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    for (event, mark) in &collector.events {
        let tag = match event {
            Event::Scalar(_, _, _, tag) | Event::SequenceStart(_, tag) | Event::MappingStart(_, tag) => {
                tag.as_ref()
            }
            _ => None,
        };
        let Some(tag) = tag else { continue };
        // YAML's own tags (`!!str`, `!<tag:yaml.org,2002:str>`) say what the value is already,
        // and serde_yaml reads them so; every other tag is refused.
        if core_tag(&format!("{}{}", tag.handle, tag.suffix)) {
            continue;
        }
        // The mark may be at the value after the tag: the tag is the last `!` token before it.
        let line = lines.get(mark.line().saturating_sub(1)).copied().unwrap_or("");
        let chars: Vec<char> = line.chars().collect();
        let upto = (mark.col() + 1).min(chars.len());
        let column = (0..upto).rev().find(|&i| {
            chars[i] == '!' && (i == 0 || chars[i - 1].is_whitespace() || "[{,:-?".contains(chars[i - 1]))
        });
        let (column, written) = match column {
            Some(c) => {
                // A verbatim tag (`!<tag:yaml.org,2002:binary>`) runs to its `>`, commas included.
                let verbatim = chars.get(c + 1) == Some(&'<');
                let token: String = if verbatim {
                    let end = chars[c..].iter().position(|&ch| ch == '>').map_or(chars.len(), |p| c + p + 1);
                    chars[c..end].iter().collect()
                } else {
                    chars[c..]
                        .iter()
                        .take_while(|ch| !ch.is_whitespace() && !",[]{}".contains(**ch))
                        .collect()
                };
                (c, token)
            }
            None => (mark.col(), "!".to_string()),
        };
        let span = written.chars().count();
        found.push((Spot { line: mark.line(), column: column + 1, span, quoted: false }, written));
    }
    found
}

/// The YAML 1.2 core schema's tags, which read as what they name: `str`, `int`, `float`,
/// `bool`, `null`, `map` and `seq` (`binary` is not among them: a timeline holds no bytes).
pub const CORE_TAGS: [&str; 7] = ["str", "int", "float", "bool", "null", "map", "seq"];

/// Whether a resolved tag (`tag:yaml.org,2002:str`) is one of [`CORE_TAGS`].
fn core_tag(resolved: &str) -> bool {
    resolved.strip_prefix("tag:yaml.org,2002:").is_some_and(|name| CORE_TAGS.contains(&name))
}

/// Whether a tag as written is YAML's `binary` (`!!binary`, `!<tag:yaml.org,2002:binary>`).
pub fn is_binary_tag(written: &str) -> bool {
    written == "!!binary" || written == "!<tag:yaml.org,2002:binary>"
}

/// Where the second document of a multi-document stream starts.
pub fn second_document(source: &str) -> Option<Spot> {
    let mut collector = Collector { events: Vec::new() };
    let _ = Parser::new_from_str(source).load(&mut collector, true);
    collector.events.iter().filter(|(e, _)| matches!(e, Event::DocumentStart)).nth(1).map(|(_, mark)| Spot {
        line: mark.line(),
        column: mark.col() + 1,
        span: 3,
        quoted: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &'static str) -> Seg {
        Seg::Key(k.into())
    }

    #[test]
    fn finds_values_keys_and_quoting() {
        let source = "title: T\nevents:\n  - id: a\n    agencies: [doj, fbii]\n    by: \"x y\"\n";
        let wanted = vec![
            (vec![key("events"), Seg::Index(0), key("agencies"), Seg::Index(1)], Target::Value),
            (vec![key("events"), Seg::Index(0), key("agencies")], Target::Key),
            (vec![key("events"), Seg::Index(0), key("by")], Target::Value),
            (vec![key("events"), Seg::Index(0), key("missing"), Seg::Index(3)], Target::Value),
        ];
        let spots = locate(source, &wanted);
        assert_eq!(spots[0], Some(Spot { line: 4, column: 21, span: 4, quoted: false }));
        assert_eq!(spots[1], Some(Spot { line: 4, column: 5, span: 8, quoted: false }));
        assert_eq!(spots[2], Some(Spot { line: 5, column: 9, span: 5, quoted: true }));
        // Falls back to the enclosing event.
        assert_eq!(spots[3].map(|s| s.line), Some(3));
    }

    #[test]
    /// Every tag but YAML's core ones (`x-f`), which read as what they name.
    fn finds_tags_where_they_are_written() {
        let source =
            "title: ! 12\nx-a: !foo bar\nx-b: [1, !!binary 2]\nx-c: !map {a: 1}\nx-d: \"!not\"\nx-e: a !b\nx-f: [!!str 2, !<tag:yaml.org,2002:int> 3, !!map {}]\nx-g: [!<tag:yaml.org,2002:binary> aGk=, !<tag:example.com,2000:x> 1]\n";
        let found: Vec<(usize, usize, usize, String)> =
            tags(source).into_iter().map(|(s, w)| (s.line, s.column, s.span, w)).collect();
        assert_eq!(
            found,
            vec![
                (1, 8, 1, "!".to_string()),
                (2, 6, 4, "!foo".to_string()),
                (3, 10, 8, "!!binary".to_string()),
                (4, 6, 4, "!map".to_string()),
                (8, 7, 27, "!<tag:yaml.org,2002:binary>".to_string()),
                (8, 41, 25, "!<tag:example.com,2000:x>".to_string()),
            ]
        );
    }
}
