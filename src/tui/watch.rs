//! Following the open file while its author edits it: a background thread that waits for the
//! file system to report a change, lets a burst of writes settle, reloads the file off the UI
//! thread and sends the result. Editors that save by writing a new file and renaming it over
//! the old one are covered by watching the directory, not the file.
//!
//! With several files, a changed file that loads is merged with the others' last good
//! versions; one that does not keeps its last good version in the merge, and a banner names it,
//! while the other files stay live. The last good versions' events are held once, in the
//! timeline the explorer shows: the thread keeps only what each file has besides its events
//! (`model::remerge::Part`), reads a changed file and sends it (`Change::Merge`); the explorer
//! merges it with the other files' events moved out of its timeline (`remerge::merge_again`),
//! and sends the result back for this thread to index.

use super::message::{guarded, Message};
use crate::model::index::Index;
use crate::model::remerge::Part;
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
    /// Several files: new versions of some, to merge with the others' events in the timeline
    /// shown.
    Merge(Box<Remerge>),
}

/// New versions of some of several files, for the explorer to merge into the timeline it
/// shows (`Explorer::merge_again`).
pub struct Remerge {
    /// What each file had besides its events when the timeline shown was merged.
    pub parts: Vec<Part>,
    /// Each changed file's new version, by its place among the files.
    pub fresh: Vec<(usize, Timeline)>,
    /// Where the merged timeline goes back, for the watcher to build its index off the UI
    /// thread.
    pub merged: Sender<Arc<Timeline>>,
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
            let (changes, merged) = state.update(&changed);
            for change in changes {
                if tx.send(Message::FileChanged(change)).is_err() {
                    return;
                }
            }
            // The index of the merged timeline, built here as the loader builds the first
            // one (no answer: nothing was shown to merge into).
            if let Some(timeline) = merged.and_then(|answer| answer.recv().ok()) {
                let index = Arc::new(Index::new(&timeline));
                if tx.send(Message::Indexed(timeline, index)).is_err() {
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
    /// Reads the changed files again; returns what to tell the explorer — the files that
    /// loaded anew, to merge, then the first file that is still broken, if one is — and where
    /// the merged timeline will come back.
    pub fn update(&mut self, changed: &BTreeSet<usize>) -> (Vec<Change>, Option<Receiver<Arc<Timeline>>>) {
        let mut fresh: Vec<(usize, Timeline)> = Vec::new();
        let mut parts = None;
        for &i in changed {
            let path = &self.files[i];
            match read(path) {
                Ok(timeline) => {
                    // What the timeline shown was merged from goes with the new versions.
                    parts.get_or_insert_with(|| self.parts.clone());
                    self.parts[i] = Part::new(&timeline);
                    fresh.push((i, timeline));
                    self.broken[i] = None;
                }
                Err(why) => self.broken[i] = Some(why),
            }
        }
        let mut out = Vec::new();
        let mut answer = None;
        if let Some(parts) = parts {
            let (merged, back) = mpsc::channel();
            out.push(Change::Merge(Box::new(Remerge { parts, fresh, merged })));
            answer = Some(back);
        }
        if let Some(why) = self.broken.iter().flatten().next() {
            let first = why.lines().next().unwrap_or_default();
            out.push(Change::Broken(format!("{first}; the other files stay live")));
        }
        (out, answer)
    }
}

/// Reads one of several files as it is now: its timeline, or why there is none.
fn read(path: &Path) -> Result<Timeline, String> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(format!("{} is gone", crate::text::escape(&path.display().to_string())))
        }
        _ => crate::model::load_file(path).map_err(|e| e.to_string()),
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
    use crate::model::remerge;

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
        let titles = |t: &Timeline| t.events.iter().map(|e| e.title.clone()).collect::<Vec<_>>().join(" ");
        // The explorer's part: it merges the new versions into the timeline it shows.
        let mut shown = loaded.timeline;
        let mut update = |state: &mut Several, file: usize| -> Vec<String> {
            let (out, _) = state.update(&BTreeSet::from([file]));
            let mut said = Vec::new();
            for change in out {
                said.push(match change {
                    Change::Merge(merge) => {
                        let Remerge { parts, fresh, .. } = *merge;
                        shown = remerge::merge_again(std::mem::take(&mut shown), &parts, fresh).0.timeline;
                        titles(&shown)
                    }
                    Change::Broken(why) => format!("broken: {why}"),
                    Change::Loaded(_) | Change::Gone => "one file's change".into(),
                });
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
