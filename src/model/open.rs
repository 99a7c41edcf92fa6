//! The one way to open timelines: the files of the command line (none: the built-in timeline)
//! read as one timeline, with the reader's notes (bookmarks and annotations, from the sidecar of
//! the file, of the set of files, or of the built-in timeline) on its events. The CLI's commands
//! and the explorer's loader both open through here, so `list`, `show`, exports and the explorer
//! see the same annotations. A reload keeps the notes in memory instead
//! (`notes::Notes::carry_over`): the reader may have changed them since.

use super::cache::{self, Cache};
use super::head::{Head, Pending};
use super::multi::{self, Loaded};
use super::notes::{Places, Sidecar};
use super::{loader, LoadError, Timeline};
use std::path::{Path, PathBuf};

/// Timelines opened: the timeline with the notes on it, what the files disagree on, and the
/// sidecar the notes came from (with why it could not be read, if it could not).
pub struct Opened {
    pub loaded: Loaded,
    pub sidecar: Sidecar,
}

/// Opens `files` (already expanded by `multi::expand`; none: the built-in timeline) as one
/// timeline with the reader's notes applied. `keep_parts` keeps each file's own timeline, for
/// merging again when one of them changes.
pub fn open(files: &[PathBuf], keep_parts: bool) -> Result<Opened, LoadError> {
    let mut loaded = if files.is_empty() {
        let timeline = super::load_builtin()?;
        Loaded { timeline, conflicts: Vec::new(), broken_links: Vec::new(), parts: Vec::new() }
    } else {
        multi::load_all(files, keep_parts)?
    };
    let sidecar = Sidecar::read(Places::for_timeline(&loaded.timeline));
    sidecar.notes.annotate(&mut loaded.timeline);
    Ok(Opened { loaded, sidecar })
}

/// Opens one file as `open` does (through `cache`, the user's `cache::active()`), first handing
/// `show` the head the cache holds for exactly
/// the bytes read (`model::head`), or nothing — also when the reader has bookmarks or
/// annotations for the file, which the head's rows would not show. `show` is called once,
/// before the whole timeline is read. The file is hashed as it is read (`cache::key_of_file`)
/// and read whole only to be parsed, when the cache has no entry for it. Also returns where the
/// head goes when the cache had none, for the caller to write once the timeline is shown.
pub fn open_head_first(
    file: &Path,
    cache: Option<Cache>,
    show: impl FnOnce(Option<Head>),
) -> Result<(Opened, Option<Pending>), LoadError> {
    let name = file.display().to_string();
    // Hashed as it is read, not held: a reopen whose whole entry is there never holds the file.
    let key = cache.as_ref().and_then(|_| cache::key_of_file(file, loader::MAX_FILE_BYTES));
    let head = cache.as_ref().zip(key.as_ref()).and_then(|(cache, key)| cache.get_head::<Head>(key, &name));
    let had_head = head.is_some();
    let mut sidecar = None;
    match head {
        Some(mut head) => {
            head.timeline.files[0].path = Some(file.to_path_buf());
            let read = Sidecar::read(Places::for_timeline(&head.timeline));
            let plain = read.notes.is_empty() && read.problem.is_none();
            sidecar = Some(read);
            show(plain.then_some(head));
        }
        None => show(None),
    }
    let whole = cache.as_ref().zip(key.as_ref()).and_then(|(cache, key)| cache.get::<Timeline>(key, &name));
    let (mut timeline, key) = match whole {
        Some(timeline) => (timeline, key),
        None => {
            // Parsed: from the bytes read now, keyed by them (the file may have changed since
            // it was hashed; the timeline is then of what it holds now, as for any reopen).
            let bytes = loader::read_file(file)?;
            let key = cache.as_ref().map(|_| cache::key(&bytes));
            (loader::load_keyed(cache.as_ref().zip(key.as_ref()), &name, bytes)?, key)
        }
    };
    timeline.files[0].path = Some(file.to_path_buf());
    let sidecar = sidecar.unwrap_or_else(|| Sidecar::read(Places::for_timeline(&timeline)));
    sidecar.notes.annotate(&mut timeline);
    let loaded = Loaded { timeline, conflicts: Vec::new(), broken_links: Vec::new(), parts: Vec::new() };
    let pending = cache.zip(key).filter(|_| !had_head).map(|(cache, key)| Pending { cache, key });
    Ok((Opened { loaded, sidecar }, pending))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_opens_with_the_annotations_of_its_sidecar() {
        let dir = std::env::temp_dir().join(format!("open-notes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("t.yaml");
        std::fs::write(&file, "title: T\nevents:\n  - id: a\n    date: 2016-01-01\n    title: A\n").unwrap();
        let places =
            Places::for_timeline(&multi::load_all(std::slice::from_ref(&file), false).unwrap().timeline);
        let mut sidecar = Sidecar::read(places);
        sidecar.notes.set_annotation("a", "seen at the summit");
        sidecar.save(false).unwrap();
        let opened = open(std::slice::from_ref(&file), false).unwrap();
        assert_eq!(opened.loaded.timeline.events[0].annotation.as_deref(), Some("seen at the summit"));
        assert!(opened.sidecar.problem.is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn no_file_opens_the_built_in_timeline() {
        let opened = open(&[], true).unwrap();
        assert_eq!(opened.loaded.timeline.title, super::super::load_builtin().unwrap().title);
    }
}
