//! The reader's own bookmarks and annotations, kept in a sidecar file so the timeline is never
//! written: `trade.notes.yaml` beside `trade.yaml`, or, for the built-in timeline and for a
//! directory that cannot be written, a file under `$XDG_DATA_HOME/timeline-explorer/`.
//!
//! ```yaml
//! version: 1
//! bookmarks: [dialogue-round-3, hotline]
//! annotations:
//!   hotline: |-
//!     Compare with the 2015 agreement.
//! ```
//!
//! Entries are keyed by event id (`key_of`), never by position, so they survive edits to the
//! timeline; an entry whose event is gone is kept and listed. Keys this version does not know
//! (a newer version wrote them) are kept on rewrite. Writes are atomic: a temporary file in the
//! same directory, written, flushed to disk, renamed over the old one.

use super::diagnostic::{Diagnostic, Diagnostics};
use super::loader::{self, LoadError};
use super::locate::{self, Seg, Target};
use super::{EventIx, Timeline};
use crate::text::escape;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The version this program writes.
pub const VERSION: u64 = 1;

/// Sidecar files larger than this are refused: nobody annotates 16 MiB by hand.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// Event keys, in the order they were bookmarked (read with `bookmarks()`).
    bookmarks: Vec<String>,
    /// The same keys as a set, so asking about one event costs the same for 10 bookmarks or
    /// 100,000 (a sidecar is read from strangers too).
    bookmarked: HashSet<String>,
    /// Event key → the reader's text.
    pub annotations: BTreeMap<String, String>,
    /// The version the file said it was written by (at least 1).
    pub version: u64,
    /// Top-level keys this version does not know, kept as they were.
    pub unknown: Vec<(String, Value)>,
}

/// The key an event's notes are filed under: its id, qualified as `stem#id` when several files
/// are open and more than one of them uses the id (`Timeline::qualified_id`), never a position.
pub fn key_of(timeline: &Timeline, event: EventIx) -> String {
    timeline.qualified_id(event).into_owned()
}

/// The event filed under `key`, if the timeline has it.
pub fn event_of(timeline: &Timeline, key: &str) -> Option<EventIx> {
    timeline.find_event(key).ok()
}

impl Notes {
    /// No notes yet, as this version writes them.
    pub fn new() -> Notes {
        Notes { version: VERSION, ..Notes::default() }
    }

    pub fn is_empty(&self) -> bool {
        self.bookmarks.is_empty() && self.annotations.is_empty() && self.unknown.is_empty()
    }

    /// Event keys, in the order they were bookmarked.
    pub fn bookmarks(&self) -> &[String] {
        &self.bookmarks
    }

    pub fn is_bookmarked(&self, key: &str) -> bool {
        self.bookmarked.contains(key)
    }

    /// Adds or removes the bookmark; returns whether it is now set.
    pub fn toggle_bookmark(&mut self, key: &str) -> bool {
        if self.bookmarked.remove(key) {
            // One reader's key press: a scan of the list is fine here.
            self.bookmarks.retain(|b| b != key);
            false
        } else {
            self.bookmarked.insert(key.to_string());
            self.bookmarks.push(key.to_string());
            true
        }
    }

    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.annotations.get(key).map(String::as_str)
    }

    /// Sets the annotation; text that is only white space removes it.
    pub fn set_annotation(&mut self, key: &str, text: &str) {
        let text = text.trim_end();
        if text.trim().is_empty() {
            self.annotations.remove(key);
        } else {
            self.annotations.insert(key.to_string(), text.to_string());
        }
    }

    /// Puts each annotation on its event (`Event::annotation`); others are cleared.
    pub fn annotate(&self, timeline: &mut Timeline) {
        for ix in 0..timeline.events.len() {
            let text = self.annotations.get(&key_of(timeline, ix)).cloned();
            timeline.events[ix].annotation = text;
        }
    }

    /// Bookmarked or annotated keys with no event in `timeline`, sorted.
    pub fn missing(&self, timeline: &Timeline) -> Vec<String> {
        let keys: std::collections::HashSet<String> =
            (0..timeline.events.len()).map(|ix| key_of(timeline, ix)).collect();
        let mut out: Vec<String> = self
            .bookmarks
            .iter()
            .chain(self.annotations.keys())
            .filter(|k| !keys.contains(k.as_str()))
            .cloned()
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// A new version of the timeline (a reload) gets the notes held in memory: they follow
    /// renamed events first (each move as the old key and the new), then go on its events.
    pub fn carry_over(&mut self, old: &Timeline, new: &mut Timeline) -> Vec<(String, String)> {
        let followed = self.follow_renames(old, new);
        self.annotate(new);
        followed
    }

    /// Files the notes of renamed events under their new ids, when a new version of the
    /// timeline renames them (as `diff` finds renames: a gone id and a new one with a close
    /// date and title). Only keys no event has any more are looked at, so nothing is compared
    /// while every noted event keeps its id; a note already filed under the new id is never
    /// overwritten (the old one stays, listed as missing). Returns each (old key, new key) moved.
    pub fn follow_renames(&mut self, old: &Timeline, new: &Timeline) -> Vec<(String, String)> {
        let missing = self.missing(new);
        if missing.is_empty() {
            return Vec::new();
        }
        let mut moved = Vec::new();
        for change in super::diff::diff(old, new).events.iter().filter(|e| e.renamed()) {
            let (Some(from), Some(to)) = (&change.old, &change.new) else { continue };
            let taken = self.is_bookmarked(&to.id) || self.annotations.contains_key(&to.id);
            if taken || missing.binary_search(&from.id).is_err() {
                continue;
            }
            if self.bookmarked.remove(&from.id) {
                // The bookmark keeps its place in the list; the set follows.
                if let Some(at) = self.bookmarks.iter().position(|b| *b == from.id) {
                    self.bookmarks[at] = to.id.clone();
                }
                self.bookmarked.insert(to.id.clone());
            }
            if let Some(text) = self.annotations.remove(&from.id) {
                self.annotations.insert(to.id.clone(), text);
            }
            moved.push((from.id.clone(), to.id.clone()));
        }
        moved
    }

    /// Reads a sidecar's bytes. Every problem is reported, each with its place in the file.
    pub fn parse(name: &str, bytes: Vec<u8>) -> Result<Notes, LoadError> {
        let (source, tree) = loader::yaml_tree(name, bytes)?;
        let mut notes = Notes { version: 1, ..Notes::default() };
        let mut problems: Vec<(Vec<Seg>, String)> = Vec::new();
        let map = match tree {
            Value::Null => return Ok(notes),
            Value::Object(map) => map,
            other => {
                let message = format!(
                    "the notes file holds {}; it should be a mapping with `bookmarks` and `annotations`",
                    kind(&other)
                );
                return Err(located(name, &source, vec![(Vec::new(), message)]));
            }
        };
        let key = |k: &str| Seg::Key(k.to_string().into());
        for (name_of_key, value) in map {
            match name_of_key.as_str() {
                "version" => match value.as_u64() {
                    Some(v) if v >= 1 => notes.version = v,
                    _ => problems.push((
                        vec![key("version")],
                        format!("`version` should be a whole number from 1, not {}", kind(&value)),
                    )),
                },
                "bookmarks" => match value {
                    Value::Null => {}
                    Value::Array(items) => {
                        for (i, item) in items.iter().enumerate() {
                            match scalar(item) {
                                Some(k) if !k.is_empty() => {
                                    if !notes.is_bookmarked(&k) {
                                        notes.toggle_bookmark(&k);
                                    }
                                }
                                _ => problems.push((
                                    vec![key("bookmarks"), Seg::Index(i)],
                                    format!("a bookmark is an event id, not {}", kind(item)),
                                )),
                            }
                        }
                    }
                    other => problems.push((
                        vec![key("bookmarks")],
                        format!("`bookmarks` should be a list of event ids, not {}", kind(&other)),
                    )),
                },
                "annotations" => match value {
                    Value::Null => {}
                    Value::Object(entries) => {
                        for (id, text) in entries {
                            match text {
                                Value::Null => {}
                                other => match scalar(&other) {
                                    Some(t) => notes.set_annotation(&id, &t),
                                    None => problems.push((
                                        vec![key("annotations"), key(&id)],
                                        format!(
                                            "the annotation of `{}` should be text, not {}",
                                            escape(&id),
                                            kind(&other)
                                        ),
                                    )),
                                },
                            }
                        }
                    }
                    other => problems.push((
                        vec![key("annotations")],
                        format!("`annotations` should map event ids to text, not {}", kind(&other)),
                    )),
                },
                _ => notes.unknown.push((name_of_key, value)),
            }
        }
        if problems.is_empty() {
            Ok(notes)
        } else {
            Err(located(name, &source, problems))
        }
    }

    /// The sidecar's text: what this version knows, then the keys it does not, as they were.
    pub fn to_yaml(&self) -> String {
        let mut pairs: Vec<(String, Value)> = vec![
            ("version".into(), Value::from(self.version.max(VERSION))),
            ("bookmarks".into(), Value::from(self.bookmarks.clone())),
            (
                "annotations".into(),
                Value::Object(
                    self.annotations.iter().map(|(k, v)| (k.clone(), Value::from(v.clone()))).collect(),
                ),
            ),
        ];
        pairs.extend(self.unknown.iter().cloned());
        format!(
            "# Bookmarks and annotations of timeline-explorer, keyed by event id.\n{}",
            loader::yaml_text(&pairs)
        )
    }
}

/// An id or a text written as a number or a boolean (`- 2016`) is still that text.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn kind(value: &Value) -> String {
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the text `{}`", escape(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
    }
}

fn located(name: &str, source: &str, problems: Vec<(Vec<Seg>, String)>) -> LoadError {
    let wanted: Vec<(Vec<Seg>, Target)> = problems.iter().map(|(p, _)| (p.clone(), Target::Value)).collect();
    let spots = locate::locate(source, &wanted);
    let items = problems
        .into_iter()
        .zip(spots)
        .map(|((_, message), spot)| {
            let (line, column, span) = spot.map_or((1, 1, 1), |s| (s.line, s.column, s.span));
            Diagnostic::new(message).at(line, column, span)
        })
        .collect();
    LoadError::Invalid(Diagnostics { file: name.into(), source: source.into(), items })
}

/// Where a timeline's notes may be.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// `NAME.notes.yaml` beside the timeline (none for the built-in one).
    pub beside: Option<PathBuf>,
    /// Under the user's data directory, for the built-in timeline and unwritable directories.
    pub data: Option<PathBuf>,
}

/// The sidecar's file name for a timeline file: `trade.yaml` → `trade.notes.yaml`.
pub fn sidecar_name(timeline: &Path) -> String {
    let stem = timeline.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    format!("{stem}.notes.yaml")
}

impl Places {
    /// For a timeline file, or the built-in timeline (`None`), with `data_dir` the user's data
    /// directory (`dirs::data_dir()`, which reads `$XDG_DATA_HOME`).
    pub fn new(timeline: Option<&Path>, data_dir: Option<PathBuf>) -> Places {
        let data_dir = data_dir.map(|d| d.join("timeline-explorer"));
        match timeline {
            None => Places { beside: None, data: data_dir.map(|d| d.join("builtin.notes.yaml")) },
            Some(path) => {
                let name = sidecar_name(path);
                // Two timelines of the same name in different directories must not share notes.
                let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                let hash = loader::fnv1a_of(absolute.to_string_lossy().as_bytes());
                let data = data_dir.map(|d| {
                    let stem = name.trim_end_matches(".notes.yaml");
                    d.join(format!("{stem}-{hash:016x}.notes.yaml"))
                });
                Places { beside: Some(path.with_file_name(name)), data }
            }
        }
    }

    /// The user's places for a timeline.
    pub fn of(timeline: Option<&Path>) -> Places {
        Places::new(timeline, dirs::data_dir())
    }

    /// The places for a loaded timeline: beside its one file, for the set when it was read from
    /// several files (or a directory), or the built-in timeline's.
    pub fn for_timeline(timeline: &Timeline) -> Places {
        let paths: Vec<PathBuf> = timeline.files.iter().filter_map(|f| f.path.clone()).collect();
        if paths.len() > 1 {
            Places::for_set(&paths, dirs::data_dir())
        } else {
            Places::of(paths.first().map(PathBuf::as_path))
        }
    }

    /// For several timeline files read as one (or a directory): one sidecar for the set, under
    /// the user's data directory, named after the set so the same files (in any order) find
    /// their notes again. Keys are qualified where the files share an id.
    pub fn for_set(files: &[PathBuf], data_dir: Option<PathBuf>) -> Places {
        let mut absolute: Vec<String> = files
            .iter()
            .map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()).to_string_lossy().into_owned())
            .collect();
        absolute.sort();
        absolute.dedup();
        let hash = loader::fnv1a_of(absolute.join("\n").as_bytes());
        // Named after the first file in path order, so a person can tell the sidecars apart.
        let first = absolute.first().map(|f| sidecar_name(Path::new(f))).unwrap_or_default();
        let stem = first.trim_end_matches(".notes.yaml");
        let others = absolute.len().saturating_sub(1);
        let name = format!("{stem}-and-{others}-more-{hash:016x}.notes.yaml");
        Places { beside: None, data: data_dir.map(|d| d.join("timeline-explorer").join(name)) }
    }

    /// The first place where a sidecar exists.
    pub fn existing(&self) -> Option<&Path> {
        [&self.beside, &self.data].into_iter().flatten().map(PathBuf::as_path).find(|p| p.exists())
    }
}

/// A timeline's notes as read at start, and where they go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sidecar {
    pub places: Places,
    /// Where they were read from (and are written back to); none yet.
    pub path: Option<PathBuf>,
    pub notes: Notes,
    /// The file exists but could not be read: why (one line). Nothing writes it until the
    /// reader saves, which first keeps it as `NAME.notes.yaml.bak`.
    pub problem: Option<String>,
}

impl Sidecar {
    /// Reads the notes for a timeline from the first of its places that has them.
    pub fn read(places: Places) -> Sidecar {
        let Some(path) = places.existing().map(Path::to_path_buf) else {
            return Sidecar { places, path: None, notes: Notes::default(), problem: None };
        };
        let result = read_bytes(&path).and_then(|bytes| Notes::parse(&path.display().to_string(), bytes));
        match result {
            Ok(notes) => Sidecar { places, path: Some(path), notes, problem: None },
            Err(e) => {
                Sidecar { places, path: Some(path), notes: Notes::default(), problem: Some(e.headline()) }
            }
        }
    }

    /// Writes the notes: where they were read from, else beside the timeline, else (that
    /// directory cannot be written) in the data directory. With `backup`, the file there (one
    /// that could not be read) is first copied to a backup that overwrites no earlier one
    /// (`free_backup_name`). Returns where the notes went and where the backup is, if one was
    /// made.
    pub fn save(&self, backup: bool) -> Result<Saved, String> {
        let text = self.notes.to_yaml();
        let candidates: Vec<&PathBuf> = match &self.path {
            Some(p) => vec![p],
            None => [&self.places.beside, &self.places.data].into_iter().flatten().collect(),
        };
        let mut last = String::from("there is nowhere to keep notes (no data directory)");
        for path in candidates {
            // A FIFO or a device where the sidecar goes is not replaced (nor copied, which
            // would wait on a FIFO): the reader sees why.
            if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
                return Err(format!(
                    "{} is not a regular file (a FIFO or a device)",
                    escape(&path.display().to_string())
                ));
            }
            let mut kept = None;
            if backup && path.exists() {
                let bak = free_backup_name(path);
                if let Err(e) = std::fs::copy(path, &bak) {
                    return Err(format!("could not keep {} as {}: {e}", path.display(), bak.display()));
                }
                kept = Some(bak);
            }
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                if std::fs::create_dir_all(dir).is_err() && !dir.exists() {
                    last = format!("could not create {}", dir.display());
                    continue;
                }
            }
            match write_atomically(path, text.as_bytes()) {
                Ok(()) => return Ok(Saved { path: path.clone(), backup: kept }),
                Err(e) => last = format!("could not write {}: {e}", path.display()),
            }
        }
        Err(last)
    }
}

/// Where `Sidecar::save` wrote, and the backup it kept first, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: PathBuf,
    pub backup: Option<PathBuf>,
}

/// The first of `PATH.bak`, `PATH.bak.1`, `PATH.bak.2`, … that does not exist (a dangling
/// link counts as existing): a backup never replaces an earlier one.
pub fn free_backup_name(path: &Path) -> PathBuf {
    let base = {
        let mut b = path.as_os_str().to_os_string();
        b.push(".bak");
        b
    };
    let taken = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    let first = PathBuf::from(&base);
    if !taken(&first) {
        return first;
    }
    (1u64..)
        .map(|n| {
            let mut name = base.clone();
            name.push(format!(".{n}"));
            PathBuf::from(name)
        })
        .find(|p| !taken(p))
        .expect("some number is free")
}

/// A sidecar is found, never named: only a regular file of at most `MAX_BYTES` is read, so a
/// FIFO or a link to `/dev/zero` in its place is reported, not waited on or read without end.
fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    loader::read_bounded(path, MAX_BYTES, loader::Reading::Found)
}

/// Replaces `path` with `contents` so that a crash at any moment leaves the old file or the
/// new one, never a mix: a temporary file in the same directory, written and flushed to disk,
/// renamed over `path`, then the directory flushed so the rename itself survives a power cut.
///
/// When `path` is a symbolic link (a sidecar kept in a dotfiles repository, say), the file it
/// points to is replaced, in that file's directory, and the link stays a link. A link to
/// nothing is refused rather than replaced by a regular file.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let is_link = std::fs::symlink_metadata(path).map(|m| m.file_type().is_symlink()).unwrap_or(false);
    let target = if is_link {
        std::fs::canonicalize(path).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!(
                    "{} is a symbolic link to a file that cannot be reached ({e}); not replaced",
                    path.display()
                ),
            )
        })?
    } else {
        path.to_path_buf()
    };
    let path = target.as_path();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "notes".into());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)?;
        // Not every system can open a directory to flush it; the rename is done either way.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests;
