//! Naming one event from outside: `id`, `stem#id` when several files share an id, and deep
//! links `FILE#id` that open a timeline at an event.
//!
//! A deep link names the event's own file and its id in that file (`trade.yaml#round-3`), so
//! it finds the event whether that file is opened alone or with others. The built-in timeline
//! has no file: its links are `#id`.

use super::loader::is_valid_event_id;
use super::suggest::did_you_mean;
use super::{EventIx, FileIx, Timeline};
use crate::text::escape;
use std::fmt;
use std::path::{Path, PathBuf};

/// A reference that names no event, or more than one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRefError {
    /// What is wrong; values in it are escaped.
    pub message: String,
    pub help: Option<String>,
    /// Several events share the bare id: their qualified ids.
    pub candidates: Vec<String>,
}

impl fmt::Display for EventRefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// See [`Timeline::find_event`].
pub fn find_event(timeline: &Timeline, reference: &str) -> Result<EventIx, EventRefError> {
    if let Some((stem, id)) = reference.rsplit_once('#') {
        let Some(file) = timeline.files.iter().position(|f| f.stem == stem) else {
            let help = did_you_mean(stem, timeline.files.iter().map(|f| f.stem.as_str()))
                .map(|s| format!("did you mean `{}#{}`?", escape(s), escape(id)))
                .or_else(|| Some(format!("the files are: {}", stems(timeline))));
            return Err(EventRefError {
                message: format!("no file `{}` among the loaded timelines", escape(stem)),
                help,
                candidates: Vec::new(),
            });
        };
        return find_in_file(timeline, file, id);
    }
    let found: Vec<EventIx> =
        timeline.events.iter().enumerate().filter(|(_, e)| e.id == reference).map(|(i, _)| i).collect();
    match found.len() {
        1 => Ok(found[0]),
        0 => {
            let ids: Vec<String> =
                (0..timeline.events.len()).map(|e| timeline.qualified_id(e).into_owned()).collect();
            Err(unknown(reference, ids.iter().map(String::as_str)))
        }
        _ => {
            let candidates: Vec<String> =
                found.iter().map(|&e| timeline.qualified_id(e).into_owned()).collect();
            let listed: Vec<String> = candidates.iter().map(|c| format!("`{}`", escape(c))).collect();
            Err(EventRefError {
                message: format!(
                    "event id `{}` is used in more than one file: {}",
                    escape(reference),
                    listed.join(", ")
                ),
                help: Some(format!("name one with its file, e.g. `{}`", escape(&candidates[0]))),
                candidates,
            })
        }
    }
}

/// The event `id` of one file.
pub fn find_in_file(timeline: &Timeline, file: FileIx, id: &str) -> Result<EventIx, EventRefError> {
    let mut ids = timeline.events.iter().enumerate().filter(|(_, e)| e.file == file);
    match ids.clone().find(|(_, e)| e.id == id) {
        Some((ix, _)) => Ok(ix),
        None => {
            let mut error = unknown(id, ids.by_ref().map(|(_, e)| e.id.as_str()));
            if timeline.is_several_files() {
                error.message.push_str(&format!(" in {}", escape(&timeline.files[file].name)));
            }
            Err(error)
        }
    }
}

fn unknown<'a>(id: &str, ids: impl IntoIterator<Item = &'a str>) -> EventRefError {
    let ids: Vec<&str> = ids.into_iter().collect();
    EventRefError {
        message: format!("no event with id `{}`", escape(id)),
        help: nearest_id(id, &ids).map(|s| format!("did you mean `{}`?", escape(s))),
        candidates: Vec::new(),
    }
}

/// The id nearest to a mistyped one: a typo, else the one id whose last words are the words
/// given (`round-3` for `dialogue-round-3`), as a reader shortens a long id from memory.
pub fn nearest_id<'a>(wrong: &str, ids: &[&'a str]) -> Option<&'a str> {
    if let Some(near) = did_you_mean(wrong, ids.iter().copied()) {
        return Some(near);
    }
    let tail = format!("-{}", wrong.to_lowercase());
    let mut ending = ids.iter().filter(|id| wrong.len() >= 3 && id.to_lowercase().ends_with(&tail));
    match (ending.next(), ending.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

fn stems(timeline: &Timeline) -> String {
    timeline.files.iter().map(|f| format!("`{}`", escape(&f.stem))).collect::<Vec<_>>().join(", ")
}

/// A link to one event: its file (none for the built-in timeline) and its id in that file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeepLink {
    pub file: Option<PathBuf>,
    pub id: String,
}

impl DeepLink {
    /// The link to an event of a loaded timeline: `FILE#id`, the file as it was given.
    pub fn to_event(timeline: &Timeline, event: EventIx) -> DeepLink {
        let e = &timeline.events[event];
        DeepLink { file: timeline.files[e.file].path.clone(), id: e.id.clone() }
    }

    /// Reads a command-line word as a deep link: `FILE#id` where FILE is not itself an
    /// existing file (a file may have `#` in its name) and `id` is a valid event id; or `#id`,
    /// an event of the built-in timeline. `exists` says whether a path is there.
    pub fn parse(word: &str, exists: impl Fn(&Path) -> bool) -> Option<DeepLink> {
        if exists(Path::new(word)) {
            return None;
        }
        let (file, id) = word.rsplit_once('#')?;
        if !is_valid_event_id(id) {
            return None;
        }
        let file = (!file.is_empty()).then(|| PathBuf::from(file));
        Some(DeepLink { file, id: id.to_string() })
    }

    /// The event it names in a loaded timeline: the event `id` of the file it names.
    pub fn find(&self, timeline: &Timeline) -> Result<EventIx, EventRefError> {
        let file = match &self.file {
            None => 0,
            Some(path) => timeline
                .files
                .iter()
                .position(|f| f.path.as_deref().is_some_and(|p| same_file(p, path)))
                .ok_or_else(|| EventRefError {
                    message: format!(
                        "`{}` is not among the loaded timelines",
                        escape(&path.display().to_string())
                    ),
                    help: None,
                    candidates: Vec::new(),
                })?,
        };
        find_in_file(timeline, file, &self.id)
    }
}

impl fmt::Display for DeepLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(path) => write!(f, "{}#{}", path.display(), self.id),
            None => write!(f, "#{}", self.id),
        }
    }
}

/// Whether two paths name the same file: equal, or the same device and inode however they are
/// written (through a symlink, `./`, or a hard link).
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    a == b
        || matches!((std::fs::metadata(a), std::fs::metadata(b)),
            (Ok(x), Ok(y)) if x.dev() == y.dev() && x.ino() == y.ino())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::multi::merge;

    fn two() -> Timeline {
        let a = crate::model::load_str(
            "a.yaml",
            "title: A\nevents:\n  - {id: talks, title: A talks, date: 2016-01-01}\n  - {id: only-a, title: Only A, date: 2016-02-01}\n",
        )
        .unwrap();
        let b = crate::model::load_str(
            "dir/b.yaml",
            "title: B\nevents:\n  - {id: talks, title: B talks, date: 2015-01-01}\n",
        )
        .unwrap();
        merge(vec![a, b]).timeline
    }

    #[test]
    fn shared_ids_are_qualified_and_others_are_not() {
        let t = two();
        let ids: Vec<String> = (0..t.events.len()).map(|e| t.qualified_id(e).into_owned()).collect();
        assert_eq!(ids, ["b#talks", "a#talks", "only-a"]);
        assert_eq!(t.find_event("a#talks"), Ok(1));
        assert_eq!(t.find_event("b#talks"), Ok(0));
        assert_eq!(t.find_event("only-a"), Ok(2));
        assert_eq!(t.find_event("a#only-a"), Ok(2));
    }

    #[test]
    fn a_shortened_id_suggests_the_one_it_ends_with_and_an_ambiguous_one_none() {
        let t = two();
        let help = |id: &str| t.find_event(id).unwrap_err().help;
        assert_eq!(help("a"), None);
        assert_eq!(help("xx"), None);
        let ids = ["dialogue-round-3", "dialogue-round-2", "summit-talks", "hotline-talks"];
        assert_eq!(nearest_id("round-3", &ids), Some("dialogue-round-3"));
        assert_eq!(nearest_id("talks", &ids), None, "two ids end with `talks`: no guess");
        assert_eq!(nearest_id("nothing", &ids), None);
    }

    #[test]
    fn a_bare_shared_id_lists_the_qualified_ones() {
        let e = two().find_event("talks").unwrap_err();
        assert_eq!(e.candidates, ["b#talks", "a#talks"]);
        assert!(e.message.contains("`b#talks`, `a#talks`"), "{}", e.message);
    }

    #[test]
    fn unknown_references_suggest() {
        let t = two();
        let e = t.find_event("only-aa").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `only-a`?"));
        let e = t.find_event("c#talks").unwrap_err();
        assert!(e.message.contains("no file `c`"), "{}", e.message);
        let e = t.find_event("a#talk").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `talks`?"));
        assert!(e.message.ends_with("in a.yaml"), "{}", e.message);
    }

    #[test]
    fn deep_links_read_and_write() {
        let none = |_: &Path| false;
        let link = DeepLink::parse("data/trade.yaml#round-3", none).unwrap();
        assert_eq!(link, DeepLink { file: Some("data/trade.yaml".into()), id: "round-3".into() });
        assert_eq!(link.to_string(), "data/trade.yaml#round-3");
        assert_eq!(DeepLink::parse("#e1", none), Some(DeepLink { file: None, id: "e1".into() }));
        assert_eq!(DeepLink::parse("trade.yaml", none), None);
        assert_eq!(DeepLink::parse("trade.yaml#Not An Id", none), None);
        // A file whose name has a `#` in it is a file.
        assert_eq!(DeepLink::parse("odd#name", |p: &Path| p == Path::new("odd#name")), None);
        // Written and read back, a link names the same event.
        let t = two();
        let a_talks = t.find_event("a#talks").unwrap();
        let mut t = t;
        t.files[0].path = Some("a.yaml".into());
        let link = DeepLink::to_event(&t, a_talks);
        assert_eq!(link.to_string(), "a.yaml#talks");
        assert_eq!(DeepLink::parse(&link.to_string(), none).unwrap().find(&t), Ok(a_talks));
    }
}
