//! What was typed into each prompt, kept across runs in `$XDG_STATE_HOME/timeline-explorer/`
//! (else `~/.local/state/timeline-explorer/`), one file per prompt, one entry per line, oldest
//! first. History is a convenience: a file that cannot be read or written means no history, never
//! an error, and a hostile file cannot put anything on screen that typing could not.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The prompts that keep a history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PromptKind {
    Filter,
    Search,
    Jump,
    Zone,
}

impl PromptKind {
    fn file_name(self) -> &'static str {
        match self {
            PromptKind::Filter => "filter-history",
            PromptKind::Search => "search-history",
            PromptKind::Jump => "jump-history",
            PromptKind::Zone => "zone-history",
        }
    }
}

/// The most entries kept per prompt, and the longest entry read back.
const MAX_ENTRIES: usize = 500;
const MAX_ENTRY_CHARS: usize = 1000;
/// A history file larger than this is not read.
const MAX_FILE_BYTES: u64 = 1 << 20;

#[derive(Debug, Clone, Default)]
pub struct History {
    entries: HashMap<PromptKind, Vec<String>>,
    /// Where the files live; `None`: history is kept for this run only.
    dir: Option<PathBuf>,
    /// The help has been opened, in this run or an earlier one (the file `help-seen`): the
    /// first-run hint is not shown any more.
    help_seen: bool,
}

/// The file whose presence says the help has been opened once.
const HELP_SEEN: &str = "help-seen";

impl History {
    /// The directory from the environment: `$XDG_STATE_HOME/timeline-explorer`, else
    /// `$HOME/.local/state/timeline-explorer`.
    pub fn default_dir() -> Option<PathBuf> {
        let base = match std::env::var_os("XDG_STATE_HOME").filter(|v| !v.is_empty()) {
            Some(state) => PathBuf::from(state),
            None => PathBuf::from(std::env::var_os("HOME").filter(|v| !v.is_empty())?).join(".local/state"),
        };
        Some(base.join("timeline-explorer"))
    }

    /// Reads every prompt's history from `dir` (what cannot be read is left out).
    pub fn load(dir: Option<PathBuf>) -> History {
        let mut history = History { entries: HashMap::new(), dir, help_seen: false };
        if let Some(dir) = history.dir.clone() {
            history.help_seen = dir.join(HELP_SEEN).exists();
            for kind in [PromptKind::Filter, PromptKind::Search, PromptKind::Jump, PromptKind::Zone] {
                let entries = read_entries(&dir.join(kind.file_name()));
                history.entries.insert(kind, entries);
            }
        }
        history
    }

    pub fn entries(&self, kind: PromptKind) -> &[String] {
        self.entries.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// Remembers an entry (moved to the end if it was there); returns whether anything changed.
    pub fn push(&mut self, kind: PromptKind, text: &str) -> bool {
        let text = text.trim();
        if text.is_empty() || !is_storable(text) {
            return false;
        }
        let list = self.entries.entry(kind).or_default();
        if list.last().is_some_and(|last| last == text) {
            return false;
        }
        list.retain(|e| e != text);
        list.push(text.to_string());
        if list.len() > MAX_ENTRIES {
            list.drain(..list.len() - MAX_ENTRIES);
        }
        true
    }

    pub fn help_seen(&self) -> bool {
        self.help_seen
    }

    /// Records that the help was opened; returns whether that is news (then `save_help_seen`).
    pub fn see_help(&mut self) -> bool {
        !std::mem::replace(&mut self.help_seen, true)
    }

    /// Writes the `help-seen` file. Failing is fine: the hint shows again next time.
    pub fn save_help_seen(&self) -> std::io::Result<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        std::fs::create_dir_all(dir)?;
        crate::export::write_atomically(&dir.join(HELP_SEEN), b"the help was opened; no first-run hint\n")
    }

    /// Writes one prompt's history (to a temporary file renamed into place). Failing is fine:
    /// the caller shows nothing, there is just no history next time.
    pub fn save(&self, kind: PromptKind) -> std::io::Result<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        std::fs::create_dir_all(dir)?;
        let mut text = self.entries(kind).join("\n");
        text.push('\n');
        crate::export::write_atomically(&dir.join(kind.file_name()), text.as_bytes())
    }
}

/// An entry that reads back as itself: one line, no control characters, not too long.
fn is_storable(text: &str) -> bool {
    text.chars().count() <= MAX_ENTRY_CHARS && !text.chars().any(crate::text::is_unsafe)
}

/// The entries of a history file, oldest first; unreadable, oversized or hostile lines skipped.
pub fn read_entries(path: &Path) -> Vec<String> {
    use crate::model::loader::{read_bounded, Reading};
    let Ok(bytes) = read_bounded(path, MAX_FILE_BYTES, Reading::Found) else { return Vec::new() };
    parse_entries(&bytes)
}

/// Entries from a history file's bytes (pure, for tests).
pub fn parse_entries(bytes: &[u8]) -> Vec<String> {
    let mut out: Vec<String> = bytes
        .split(|&b| b == b'\n')
        .filter_map(|line| std::str::from_utf8(line).ok())
        .map(|line| line.strip_suffix('\r').unwrap_or(line).trim())
        .filter(|line| !line.is_empty() && is_storable(line))
        .map(str::to_string)
        .collect();
    if out.len() > MAX_ENTRIES {
        out.drain(..out.len() - MAX_ENTRIES);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn entries_survive_a_restart_and_repeat_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut history = History::load(Some(dir.path().to_path_buf()));
        assert!(history.push(PromptKind::Filter, "country:CN"));
        assert!(history.push(PromptKind::Filter, "tag:hotline"));
        assert!(!history.push(PromptKind::Filter, "tag:hotline"), "the same again changes nothing");
        assert!(history.push(PromptKind::Filter, "country:CN"), "moved to the end");
        assert!(!history.push(PromptKind::Filter, "bad\u{1b}[2J"), "escapes are not kept");
        history.save(PromptKind::Filter).unwrap();
        let again = History::load(Some(dir.path().to_path_buf()));
        assert_eq!(again.entries(PromptKind::Filter), ["tag:hotline", "country:CN"]);
        assert!(again.entries(PromptKind::Search).is_empty());
    }

    #[test]
    fn opening_the_help_is_remembered_next_to_the_history() {
        let dir = tempfile::tempdir().unwrap();
        let mut history = History::load(Some(dir.path().to_path_buf()));
        assert!(!history.help_seen());
        assert!(history.see_help(), "news the first time");
        assert!(!history.see_help(), "not the second");
        history.save_help_seen().unwrap();
        assert!(History::load(Some(dir.path().to_path_buf())).help_seen());
        assert!(!History::load(None).help_seen(), "no directory: nothing remembered");
    }

    #[test]
    fn a_history_that_cannot_be_written_is_no_error_for_the_caller_to_show() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, "not a directory").unwrap();
        let mut history = History::load(Some(blocked.join("sub")));
        history.push(PromptKind::Jump, "2016");
        assert!(history.save(PromptKind::Jump).is_err(), "the error is there for the caller to drop");
        assert_eq!(history.entries(PromptKind::Jump), ["2016"], "kept for this run");
    }

    #[test]
    fn hostile_files_give_only_plain_entries() {
        let bytes = b"ok\n\x1b]52;c;evil\x07\n\xff\xfe bad utf8\n  spaced  \r\n\n";
        assert_eq!(parse_entries(bytes), ["ok", "spaced"]);
        let many: Vec<u8> = (0..2000).flat_map(|i| format!("e{i}\n").into_bytes()).collect();
        let entries = parse_entries(&many);
        assert_eq!(entries.len(), MAX_ENTRIES);
        assert_eq!(entries.last().unwrap(), "e1999", "the newest are kept");
    }

    proptest! {
        #[test]
        fn any_bytes_read_as_storable_entries(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            for entry in parse_entries(&bytes) {
                prop_assert!(is_storable(&entry));
                prop_assert!(!entry.contains('\n'));
            }
        }
    }
}
