//! Following the open file while its author edits it: a background thread that waits for the
//! file system to report a change, lets a burst of writes settle, reloads the file off the UI
//! thread and sends the result. Editors that save by writing a new file and renaming it over
//! the old one are covered by watching the directory, not the file.
//!
//! With several files, a changed file that loads is merged with the others' last good
//! versions; one that does not keeps its last good version in the merge, and a banner names it,
//! while the other files stay live. The last good versions' events are held once, in the
//! timeline the explorer shows: the thread keeps only what each file has besides its events
//! (`model::remerge::Part`) and asks the explorer for its timeline when a file changes
//! (`Change::Wanted`), to take the other files' events back out of it (`remerge::split`).

use super::message::{guarded, Message};
use crate::model::index::Index;
use crate::model::remerge::{self, Part};
use crate::model::Timeline;
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::Duration;

/// Writes closer together than this are one save.
const SETTLE: Duration = Duration::from_millis(150);

/// What the watcher found after a change.
pub enum Change {
    Loaded(Box<(crate::model::Timeline, Index)>),
    /// The file is there but does not load; the diagnostics.
    Broken(String),
    /// The file is gone (deleted, or renamed away).
    Gone,
    /// The watcher of several files asks for the timeline shown, to merge a changed file
    /// with the others' events in it; no answer (the sender dropped) when nothing is shown.
    Wanted(Sender<Arc<Timeline>>),
}

/// Starts following `files`; the returned watcher must be kept alive. With several files,
/// `parts` brings what each file has besides its events once the loader has read them.
pub fn follow(
    files: &[PathBuf],
    parts: Receiver<Vec<Part>>,
    tx: Sender<Message>,
) -> notify::Result<notify::RecommendedWatcher> {
    match files {
        [one] => follow_one(one, tx),
        _ => follow_several(files, parts, tx),
    }
}

/// Starts following one file.
fn follow_one(path: &Path, tx: Sender<Message>) -> notify::Result<notify::RecommendedWatcher> {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = path.file_name().map(|n| n.to_os_string());
    let (events_tx, events_rx) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        if let Ok(event) = result {
            let ours = event.paths.iter().any(|p| p.file_name().map(|n| n.to_os_string()) == name);
            if ours && !matches!(event.kind, notify::EventKind::Access(_)) {
                let _ = events_tx.send(());
            }
        }
    })?;
    watcher.watch(&dir, RecursiveMode::NonRecursive)?;
    guarded(tx.clone(), "file watcher", move || {
        while events_rx.recv().is_ok() {
            // Let the save finish: wait until no change has come for a moment.
            loop {
                match events_rx.recv_timeout(SETTLE) {
                    Ok(()) => continue,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            let change = check(&path);
            if tx.send(Message::FileChanged(change)).is_err() {
                return;
            }
        }
    });
    Ok(watcher)
}

/// Starts following several files read as one timeline.
fn follow_several(
    files: &[PathBuf],
    parts: Receiver<Vec<Part>>,
    tx: Sender<Message>,
) -> notify::Result<notify::RecommendedWatcher> {
    let watched: Vec<PathBuf> =
        files.iter().map(|f| std::path::absolute(f).unwrap_or_else(|_| f.clone())).collect();
    let (events_tx, events_rx) = mpsc::channel::<usize>();
    let ours = watched.clone();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        if let Ok(event) = result {
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            for path in &event.paths {
                if let Some(i) = ours.iter().position(|w| w == path) {
                    let _ = events_tx.send(i);
                }
            }
        }
    })?;
    let dirs: BTreeSet<PathBuf> = watched
        .iter()
        .map(|p| p.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(".")))
        .collect();
    for dir in &dirs {
        watcher.watch(dir, RecursiveMode::NonRecursive)?;
    }
    let files = files.to_vec();
    guarded(tx.clone(), "file watcher", move || {
        // The loader's versions; without them (it failed) there is nothing to follow.
        let Ok(parts) = parts.recv() else { return };
        let mut state = Several { files, parts, broken: Vec::new() };
        state.broken = vec![None; state.files.len()];
        while let Ok(first) = events_rx.recv() {
            let mut changed = BTreeSet::from([first]);
            loop {
                match events_rx.recv_timeout(SETTLE) {
                    Ok(i) => {
                        changed.insert(i);
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            // The explorer answers after it has taken every earlier change: its timeline
            // holds the last good version of each file.
            let shown = || {
                let (reply, answer) = mpsc::channel();
                tx.send(Message::FileChanged(Change::Wanted(reply))).ok()?;
                answer.recv().ok()
            };
            for change in state.update(&changed, shown) {
                if tx.send(Message::FileChanged(change)).is_err() {
                    return;
                }
            }
        }
    });
    Ok(watcher)
}

/// Several files being followed: what each one's last good version has besides its events
/// (the events are in the timeline shown), and which do not load now.
pub struct Several {
    pub files: Vec<PathBuf>,
    pub parts: Vec<Part>,
    /// For each file, why its current version does not load, if it does not.
    pub broken: Vec<Option<String>>,
}

impl Several {
    /// Reads the changed files again; returns what to tell the explorer: the merged timeline
    /// if any file loaded anew, then the first file that is still broken, if one is. `shown`
    /// gives the timeline shown now (the merge of the last good versions), asked for only when
    /// a file loaded anew; without it nothing is shown, so there is nothing to merge into.
    pub fn update(
        &mut self,
        changed: &BTreeSet<usize>,
        shown: impl FnOnce() -> Option<Arc<Timeline>>,
    ) -> Vec<Change> {
        let mut fresh: Vec<(usize, Timeline)> = Vec::new();
        for &i in changed {
            let path = &self.files[i];
            let name = crate::text::escape(&path.display().to_string());
            match check(path) {
                Change::Loaded(loaded) => {
                    fresh.push((i, loaded.0));
                    self.broken[i] = None;
                }
                Change::Broken(diagnostics) => self.broken[i] = Some(diagnostics),
                Change::Gone => self.broken[i] = Some(format!("{name} is gone")),
                Change::Wanted(_) => {}
            }
        }
        let mut out = Vec::new();
        if let Some(shown) = (!fresh.is_empty()).then(shown).flatten() {
            // The other files' last good versions, out of the timeline shown (dropped before
            // the merge, so the explorer's copy is the only one left while it runs).
            let mut parts = remerge::split(&shown, &self.parts);
            drop(shown);
            for (i, timeline) in fresh {
                self.parts[i] = Part::new(&timeline);
                parts[i] = timeline;
            }
            let merged = crate::model::multi::merge(parts).timeline;
            let index = Index::new(&merged);
            out.push(Change::Loaded(Box::new((merged, index))));
        }
        if let Some(why) = self.broken.iter().flatten().next() {
            let first = why.lines().next().unwrap_or_default();
            out.push(Change::Broken(format!("{first}; the other files stay live")));
        }
        out
    }
}

/// Loads the file as it is now.
pub fn check(path: &Path) -> Change {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Change::Gone,
        _ => match crate::model::load_file(path) {
            Ok(timeline) => {
                let index = Index::new(&timeline);
                Change::Loaded(Box::new((timeline, index)))
            }
            Err(e) => Change::Broken(e.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_file_keeps_its_last_good_version_while_the_others_stay_live() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = ["a.yaml", "b.yaml"].iter().map(|n| dir.path().join(n)).collect();
        let write = |i: usize, title: &str| {
            let text = format!("title: T\nevents:\n  - {{id: e, title: {title}, date: 2016}}\n");
            std::fs::write(&files[i], text).unwrap();
        };
        write(0, "A1");
        write(1, "B1");
        let loaded = crate::model::multi::load_all(&files, true).unwrap();
        let mut state = Several { files: files.clone(), parts: loaded.parts, broken: vec![None, None] };
        let titles = |c: &Change| match c {
            Change::Loaded(l) => l.0.events.iter().map(|e| e.title.clone()).collect::<Vec<_>>().join(" "),
            Change::Broken(why) => format!("broken: {why}"),
            Change::Gone => "gone".into(),
            Change::Wanted(_) => "wanted".into(),
        };
        // The explorer's part: it shows each merged timeline, and gives it when asked.
        let mut shown = Arc::new(loaded.timeline);
        let mut update = |state: &mut Several, file: usize| -> Vec<String> {
            let out = state.update(&BTreeSet::from([file]), || Some(Arc::clone(&shown)));
            let said = out.iter().map(titles).collect();
            for change in out {
                if let Change::Loaded(l) = change {
                    shown = Arc::new(l.0);
                }
            }
            said
        };
        std::fs::write(&files[0], "title: T\nevents:\n  - {id: e, title: \"half").unwrap();
        let out: Vec<String> = update(&mut state, 0);
        assert_eq!(out.len(), 1);
        assert!(out[0].starts_with("broken: ") && out[0].contains("a.yaml:3:"), "{out:?}");
        assert!(out[0].ends_with("; the other files stay live"), "{out:?}");
        // B changes while A is still broken: B's new version shows beside A's last good one,
        // and the banner about A stays.
        write(1, "B2");
        let out: Vec<String> = update(&mut state, 1);
        assert_eq!(out[0], "A1 B2");
        assert!(out[1].contains("a.yaml:3:"), "{out:?}");
        write(0, "A3");
        let out: Vec<String> = update(&mut state, 0);
        assert_eq!(out, ["A3 B2"]);
        std::fs::remove_file(&files[1]).unwrap();
        let out: Vec<String> = update(&mut state, 1);
        assert_eq!(out.len(), 1);
        assert!(out[0].contains("b.yaml is gone"), "{out:?}");
    }

    #[test]
    fn what_a_change_can_be() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.yaml");
        assert!(matches!(check(&file), Change::Gone));
        std::fs::write(&file, "title: T\nevents: []\n").unwrap();
        assert!(matches!(check(&file), Change::Loaded(_)));
        // Truncated in the middle of a write.
        std::fs::write(&file, "title: T\nevents:\n  - {id: a, title: \"half").unwrap();
        assert!(matches!(check(&file), Change::Broken(e) if e.contains("t.yaml:3:")));
        // Replaced by a directory.
        std::fs::remove_file(&file).unwrap();
        std::fs::create_dir(&file).unwrap();
        assert!(matches!(check(&file), Change::Broken(e) if e.contains("is a directory")));
    }
}
