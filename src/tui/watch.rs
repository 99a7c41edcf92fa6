//! Following the open file while its author edits it: a background thread that waits for the
//! file system to report a change, lets a burst of writes settle, reloads the file off the UI
//! thread and sends the result. Editors that save by writing a new file and renaming it over
//! the old one are covered by watching the directory, not the file.

use super::Message;
use crate::model::index::Index;
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
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
}

/// Starts following `path`; the returned watcher must be kept alive.
pub fn follow(path: &Path, tx: Sender<Message>) -> notify::Result<notify::RecommendedWatcher> {
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
    super::guarded(tx.clone(), "file watcher", move || {
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
