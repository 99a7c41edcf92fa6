//! Following the open file while its author edits it: a background thread that waits for the
//! file system to report a change, lets a burst of writes settle, reloads the file off the UI
//! thread and sends the result. Editors that save by writing a new file and renaming it over
//! the old one are covered by watching the directory, not the file. A file that is a symbolic
//! link is followed through it: the directories of the link and of each target are watched,
//! and an edit to the target or the link pointed elsewhere reloads (`links.rs`).
//!
//! With several files, a changed file that loads is merged with the others' last good
//! versions; one that does not keeps its last good version in the merge, and a banner names it,
//! while the other files stay live. The last good versions' events are held once, in the
//! timeline the explorer shows: the thread keeps only what each file has besides its events
//! (`model::remerge::Part`). When only files already merged changed, it reads them and sends
//! them (`Change::Merge`); the explorer merges them with the other files' events moved out of
//! its timeline (`remerge::merge_again`), never copied, and sends the result back for this
//! thread to index. When the set of files changes, it asks the explorer for its timeline
//! (`Change::Wanted`), to take each file's events back out of it (`remerge::split`).
//!
//! A directory given on the command line is followed as a set: a timeline file that appears in
//! it is read and merged, one that leaves it (deleted, renamed away) takes its events with it.
//! A file missing once a save settles may be an editor's delete-then-write save: it is given
//! `GONE_GRACE` to come back before it counts as gone.
use super::message::{guarded, Message};
use crate::model::index::Index;
use crate::model::remerge::{self, Part};
use crate::model::Timeline;
use notify::{RecursiveMode, Watcher};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

mod links;

/// Writes closer together than this are one save.
const SETTLE: Duration = Duration::from_millis(150);

/// How long a followed file may be missing after a save settles before it counts as gone.
const GONE_GRACE: Duration = Duration::from_secs(2);

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
    /// Several files, the same as before: new versions of some, to merge with the others'
    /// events in the timeline shown.
    Merge(Box<Remerge>),
    /// Something the reader should know about the followed directory (a file skipped).
    Note(String),
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

/// The file system watcher, kept alive for as long as the files are followed: dropping it
/// stops the watching, and with it the thread.
pub struct Watching {
    _watcher: Arc<Mutex<notify::RecommendedWatcher>>,
}

/// Starts following `files` (the command line's `given` paths, directories expanded); keep the
/// returned value alive. With several files or a directory, `parts` brings what each file has
/// besides its events once the loader has read them.
pub fn follow(
    given: &[PathBuf],
    files: &[PathBuf],
    parts: Receiver<Vec<Part>>,
    tx: Sender<Message>,
) -> notify::Result<Watching> {
    let (events_tx, events_rx) = mpsc::channel::<Vec<PathBuf>>();
    let watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        if let Ok(event) = result {
            if !matches!(event.kind, notify::EventKind::Access(_)) {
                let _ = events_tx.send(event.paths);
            }
        }
    })?;
    let watcher = Arc::new(Mutex::new(watcher));
    let mut watched = Watched {
        watcher: Arc::downgrade(&watcher),
        dirs: BTreeSet::new(),
        deps: HashMap::new(),
        sets: Vec::new(),
    };
    let sets: Vec<PathBuf> = given.iter().filter(|p| p.is_dir()).cloned().collect();
    for dir in &sets {
        let resolved = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        watched.watch(&resolved)?;
        watched.sets.push(resolved);
    }
    watched.track(files)?;
    match (files, sets.is_empty()) {
        ([one], true) => follow_one(one.clone(), watched, events_rx, tx),
        _ => follow_several(given.to_vec(), sets, files.to_vec(), watched, events_rx, parts, tx),
    }
    Ok(Watching { _watcher: watcher })
}

/// What the watcher watches: directories, and which followed file each path it may report
/// belongs to.
struct Watched {
    watcher: Weak<Mutex<notify::RecommendedWatcher>>,
    dirs: BTreeSet<PathBuf>,
    /// Each path a followed file depends on (itself, the links it goes through, the target).
    deps: HashMap<PathBuf, PathBuf>,
    /// The directories given, whose set of timeline files is followed (resolved).
    sets: Vec<PathBuf>,
}

impl Watched {
    fn watch(&mut self, dir: &Path) -> notify::Result<()> {
        if self.dirs.contains(dir) {
            return Ok(());
        }
        let Some(watcher) = self.watcher.upgrade() else { return Ok(()) };
        watcher.lock().unwrap_or_else(|e| e.into_inner()).watch(dir, RecursiveMode::NonRecursive)?;
        self.dirs.insert(dir.to_path_buf());
        Ok(())
    }

    /// Watches what `files` depend on now (a link may point elsewhere since). Only the
    /// directory of the file itself must be watchable; a missing target's is not.
    fn track(&mut self, files: &[PathBuf]) -> notify::Result<()> {
        self.deps.clear();
        for file in files {
            for (n, dep) in links::dependencies(file).into_iter().enumerate() {
                let watched = self.watch(&links::directory(&dep));
                if n == 0 {
                    watched?;
                }
                self.deps.insert(dep, file.clone());
            }
        }
        Ok(())
    }

    /// Adds the followed files that `paths` (reported by the watcher) touch to `touched`;
    /// returns whether they touch a timeline file of a followed directory.
    fn sort(&self, paths: &[PathBuf], touched: &mut BTreeSet<PathBuf>) -> bool {
        let mut in_a_set = false;
        for path in paths {
            if let Some(file) = self.deps.get(path) {
                touched.insert(file.clone());
            }
            let timeline_name = path
                .extension()
                .is_some_and(|x| crate::model::multi::EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e)));
            in_a_set |= timeline_name && self.sets.iter().any(|d| Some(d.as_path()) == path.parent());
        }
        in_a_set
    }
}

/// Waits until a save is over: no change for `SETTLE`, and, while `missing` says a followed
/// file is not there (an editor between deleting and writing it), none for `GONE_GRACE` either.
/// `seen` takes every change that came meanwhile. False when the watcher is gone.
fn settle(
    events: &Receiver<Vec<PathBuf>>,
    mut seen: impl FnMut(&[PathBuf]),
    missing: impl Fn() -> bool,
) -> bool {
    loop {
        match events.recv_timeout(SETTLE) {
            Ok(paths) => {
                seen(&paths);
                continue;
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return false,
        }
        if !missing() {
            return true;
        }
        match events.recv_timeout(GONE_GRACE) {
            Ok(paths) => seen(&paths),
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// Whether nothing is at `path` (a dangling link counts as nothing).
fn missing(path: &Path) -> bool {
    std::fs::metadata(path).is_err()
}

/// Follows one file.
fn follow_one(path: PathBuf, mut watched: Watched, events: Receiver<Vec<PathBuf>>, tx: Sender<Message>) {
    guarded(tx.clone(), "file watcher", move || {
        while let Ok(paths) = events.recv() {
            let mut touched = BTreeSet::new();
            watched.sort(&paths, &mut touched);
            if !settle(&events, |p| _ = watched.sort(p, &mut touched), || missing(&path)) {
                return;
            }
            if touched.is_empty() {
                continue;
            }
            let change = check(&path);
            if tx.send(Message::FileChanged(change)).is_err() {
                return;
            }
            let _ = watched.track(std::slice::from_ref(&path));
        }
    });
}

/// Follows several files, or the files of directories, read as one timeline.
fn follow_several(
    given: Vec<PathBuf>,
    sets: Vec<PathBuf>,
    files: Vec<PathBuf>,
    mut watched: Watched,
    events: Receiver<Vec<PathBuf>>,
    parts: Receiver<Vec<Part>>,
    tx: Sender<Message>,
) {
    guarded(tx.clone(), "file watcher", move || {
        // The loader's versions; without them (it failed) there is nothing to follow.
        let Ok(parts) = parts.recv() else { return };
        let mut state = Several::new(files.clone(), parts);
        // The files now: the directories read again, or the files given.
        let set_now = || match sets.is_empty() {
            true => Ok(crate::model::multi::Inputs { files: files.clone(), notes: Vec::new() }),
            false => crate::model::multi::expand(&given),
        };
        let mut said: HashSet<String> = set_now().map(|i| i.notes.into_iter().collect()).unwrap_or_default();
        while let Ok(paths) = events.recv() {
            let mut touched = BTreeSet::new();
            let mut set_touched = watched.sort(&paths, &mut touched);
            let gone = || state.files.iter().any(|f| missing(f));
            if !settle(&events, |p| set_touched |= watched.sort(p, &mut touched), gone) {
                return;
            }
            if touched.is_empty() && !set_touched {
                continue;
            }
            let inputs = match set_now() {
                Ok(inputs) => inputs,
                Err(e) => {
                    let why = format!("{e}; the timeline's files are kept as they were");
                    if tx.send(Message::FileChanged(Change::Broken(why))).is_err() {
                        return;
                    }
                    continue;
                }
            };
            for note in inputs.notes.into_iter().filter(|n| said.insert(n.clone())) {
                if tx.send(Message::FileChanged(Change::Note(note))).is_err() {
                    return;
                }
            }
            // The explorer answers after it has taken every earlier change: its timeline
            // holds the last good version of each file.
            let shown = || {
                let (reply, answer) = mpsc::channel();
                tx.send(Message::FileChanged(Change::Wanted(reply))).ok()?;
                answer.recv().ok()
            };
            let (changes, merged) = state.update(&inputs.files, &touched, shown);
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
            let _ = watched.track(&inputs.files);
        }
    });
}

/// Several files being followed: what each one's last good version has besides its events
/// (the events are in the timeline shown), and which do not load now.
pub struct Several {
    /// The files in the timeline shown, in its order.
    pub files: Vec<PathBuf>,
    pub parts: Vec<Part>,
    /// Why each file that does not load now does not (a file of the set that never loaded is
    /// not in `files` until it does).
    pub broken: BTreeMap<PathBuf, String>,
}

impl Several {
    pub fn new(files: Vec<PathBuf>, parts: Vec<Part>) -> Several {
        Several { files, parts, broken: BTreeMap::new() }
    }

    /// Each file's own version, as loaded, out of the timeline shown (one file: the timeline
    /// itself, without what the explorer put on it). A copy while the explorer still holds it.
    fn own_versions(&self, shown: Arc<Timeline>) -> Vec<Timeline> {
        let shown = Arc::unwrap_or_clone(shown);
        match self.parts.len() {
            1 => {
                let mut own = Timeline { since: None, ..shown };
                own.events.iter_mut().for_each(|e| e.annotation = None);
                vec![own]
            }
            _ => remerge::split(shown, &self.parts),
        }
    }

    /// The set of files is now `now` (in order); `changed` were written to. Reads the changed
    /// files and those new to the set again; returns what to tell the explorer: the merged
    /// timeline (or, the same files merged, their new versions to merge) if a file loaded anew
    /// or left the set, then the first file that does not load, if one does not; and where the
    /// timeline merged by the explorer comes back. `shown` gives the timeline shown now (the
    /// merge of the last good versions), asked for only when the set of files merged changes;
    /// without it nothing is shown, so there is nothing to merge into.
    pub fn update(
        &mut self,
        now: &[PathBuf],
        changed: &BTreeSet<PathBuf>,
        shown: impl FnOnce() -> Option<Arc<Timeline>>,
    ) -> (Vec<Change>, Option<Receiver<Arc<Timeline>>>) {
        let mut fresh: HashMap<PathBuf, Timeline> = HashMap::new();
        for path in now.iter().filter(|p| changed.contains(*p) || !self.files.contains(p)) {
            let name = crate::text::escape(&path.display().to_string());
            match check(path) {
                Change::Loaded(loaded) => {
                    fresh.insert(path.clone(), loaded.0);
                    self.broken.remove(path);
                }
                Change::Broken(diagnostics) => _ = self.broken.insert(path.clone(), diagnostics),
                Change::Gone => _ = self.broken.insert(path.clone(), format!("{name} is gone")),
                Change::Wanted(_) | Change::Merge(_) | Change::Note(_) => {}
            }
        }
        self.broken.retain(|path, _| now.contains(path));
        // The files of the new merge: each that loads now, or else has a last good version.
        let merged: Vec<PathBuf> =
            now.iter().filter(|p| fresh.contains_key(*p) || self.files.contains(p)).cloned().collect();
        let mut out = Vec::new();
        let mut answer = None;
        let remerge = !fresh.is_empty() || merged != self.files;
        if remerge && merged == self.files && self.files.len() > 1 {
            // The same files, some changed (the common case): the explorer merges them, with
            // the other files' events moved out of its timeline.
            let parts = self.parts.clone();
            let mut fresh: Vec<(usize, Timeline)> = fresh
                .into_iter()
                .map(|(path, timeline)| {
                    let i = self.files.iter().position(|f| *f == path).expect("a file of the merge");
                    self.parts[i] = Part::new(&timeline);
                    (i, timeline)
                })
                .collect();
            fresh.sort_by_key(|(i, _)| *i);
            let (merged, back) = mpsc::channel();
            out.push(Change::Merge(Box::new(Remerge { parts, fresh, merged })));
            answer = Some(back);
        } else if let Some(shown) = (remerge && !merged.is_empty()).then(shown).flatten() {
            // The files' last good versions, out of the timeline shown (the explorer's copy and
            // this one while it runs).
            let own = self.own_versions(shown);
            let mut held: HashMap<PathBuf, (Part, Timeline)> =
                self.files.drain(..).zip(self.parts.drain(..).zip(own)).collect();
            let mut timelines = Vec::with_capacity(merged.len());
            for path in &merged {
                let (part, timeline) = match fresh.remove(path) {
                    Some(timeline) => (Part::new(&timeline), timeline),
                    None => held.remove(path).expect("a file of the merge loads now or loaded before"),
                };
                self.parts.push(part);
                timelines.push(timeline);
            }
            self.files = merged;
            drop(held);
            let merged = match timelines.len() {
                1 => timelines.remove(0),
                _ => crate::model::multi::merge(timelines).timeline,
            };
            let index = Index::new(&merged);
            out.push(Change::Loaded(Box::new((merged, index))));
        }
        if let Some(why) = now.iter().find_map(|p| self.broken.get(p)) {
            let first = why.lines().next().unwrap_or_default();
            out.push(Change::Broken(format!("{first}; the other files stay live")));
        }
        (out, answer)
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
        let mut state = Several::new(files.clone(), loaded.parts);
        let mut explorer = Shown(Arc::new(loaded.timeline));
        let mut update = |state: &mut Several, file: usize| explorer.update(state, &files, &[&files[file]]);
        std::fs::write(&files[0], "title: T\nevents:\n  - {id: e, title: \"half").unwrap();
        let out = update(&mut state, 0);
        assert_eq!(out.len(), 1);
        assert!(out[0].starts_with("broken: ") && out[0].contains("a.yaml:3:"), "{out:?}");
        assert!(out[0].ends_with("; the other files stay live"), "{out:?}");
        // B changes while A is still broken: B's new version shows beside A's last good one,
        // and the banner about A stays.
        write(1, "B2");
        let out = update(&mut state, 1);
        assert_eq!(out[0], "merged: A1 B2");
        assert!(out[1].contains("a.yaml:3:"), "{out:?}");
        write(0, "A3");
        let out = update(&mut state, 0);
        assert_eq!(out, ["merged: A3 B2"]);
        std::fs::remove_file(&files[1]).unwrap();
        let out = update(&mut state, 1);
        assert_eq!(out.len(), 1);
        assert!(out[0].contains("b.yaml is gone"), "{out:?}");
    }

    /// The explorer's part: it shows each merged timeline, and gives it when asked.
    struct Shown(Arc<Timeline>);

    impl Shown {
        /// What the watcher says when the set is `now` and `changed` were written to: each
        /// change's titles, or what is broken.
        fn update(&mut self, state: &mut Several, now: &[PathBuf], changed: &[&PathBuf]) -> Vec<String> {
            let changed: BTreeSet<PathBuf> = changed.iter().map(|p| p.to_path_buf()).collect();
            let (out, _) = state.update(now, &changed, || Some(Arc::clone(&self.0)));
            let titles =
                |t: &Timeline| t.events.iter().map(|e| e.title.clone()).collect::<Vec<_>>().join(" ");
            let mut said = Vec::new();
            for change in out {
                said.push(match change {
                    Change::Loaded(l) => {
                        self.0 = Arc::new(l.0);
                        titles(&self.0)
                    }
                    Change::Merge(merge) => {
                        let Remerge { parts, fresh, .. } = *merge;
                        let shown = Arc::unwrap_or_clone(std::mem::take(&mut self.0));
                        self.0 = Arc::new(remerge::merge_again(shown, &parts, fresh).0.timeline);
                        format!("merged: {}", titles(&self.0))
                    }
                    Change::Broken(why) => format!("broken: {why}"),
                    Change::Gone => "gone".into(),
                    Change::Wanted(_) => "wanted".into(),
                    Change::Note(note) => format!("note: {note}"),
                });
            }
            said
        }
    }

    #[test]
    fn a_directory_is_followed_as_a_set_of_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name);
        let write = |name: &str, text: &str| std::fs::write(path(name), text).unwrap();
        let timeline = |title: &str| {
            format!("title: T\nevents:\n  - {{id: e{}, title: {title}, date: 2016}}\n", title.to_lowercase())
        };
        write("a.yaml", &timeline("A"));
        // One file to begin with: the timeline is that file's own.
        let loaded = crate::model::multi::load_all(&[path("a.yaml")], true).unwrap();
        assert!(loaded.parts.is_empty());
        let mut state = Several::new(vec![path("a.yaml")], vec![Part::new(&loaded.timeline)]);
        let mut explorer = Shown(Arc::new(loaded.timeline));
        // A file comes: read and merged.
        write("b.yaml", &timeline("B"));
        let now = [path("a.yaml"), path("b.yaml")];
        assert_eq!(explorer.update(&mut state, &now, &[]), ["A B"]);
        assert!(explorer.0.is_several_files());
        // Renamed: the old name leaves the set with its events, the new one brings them; edits
        // to the new name are followed.
        std::fs::rename(path("b.yaml"), path("bb.yaml")).unwrap();
        let now = [path("a.yaml"), path("bb.yaml")];
        assert_eq!(explorer.update(&mut state, &now, &[]), ["A B"]);
        assert_eq!(explorer.0.files[1].name, path("bb.yaml").display().to_string());
        write("bb.yaml", &timeline("BB"));
        assert_eq!(explorer.update(&mut state, &now, &[&path("bb.yaml")]), ["merged: A BB"]);
        // A new file that does not load is not merged, and said; it is read again on the next
        // change, and merged once it loads.
        write("c.yaml", "title: T\nevents:\n  - {id: c, titel: C, date: 2016}\n");
        let now = [path("a.yaml"), path("bb.yaml"), path("c.yaml")];
        let out = explorer.update(&mut state, &now, &[]);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].starts_with("broken: ") && out[0].contains("c.yaml:3:"), "{out:?}");
        // A broken file that leaves the set takes its banner with it.
        write("bb.yaml", "title: T\nevents: [");
        let out = explorer.update(&mut state, &now, &[&path("bb.yaml")]);
        assert!(out[0].contains("bb.yaml"), "{out:?}");
        std::fs::remove_file(path("bb.yaml")).unwrap();
        let now = [path("a.yaml"), path("c.yaml")];
        let out = explorer.update(&mut state, &now, &[]);
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0], "A");
        assert!(out[1].contains("c.yaml:3:"), "{out:?}");
        write("c.yaml", &timeline("C"));
        assert_eq!(explorer.update(&mut state, &now, &[&path("c.yaml")]), ["A C"]);
        // Back to one file: the timeline is that file's own again, as if opened alone.
        std::fs::remove_file(path("c.yaml")).unwrap();
        assert_eq!(explorer.update(&mut state, &[path("a.yaml")], &[]), ["A"]);
        assert_eq!(*explorer.0, crate::model::load_file(&path("a.yaml")).unwrap());
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
