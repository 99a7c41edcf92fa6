//! The one way to open timelines: the files of the command line (none: the built-in timeline)
//! read as one timeline, with the reader's notes (bookmarks and annotations, from the sidecar of
//! the file, of the set of files, or of the built-in timeline) on its events. The CLI's commands
//! and the explorer's loader both open through here, so `list`, `show`, exports and the explorer
//! see the same annotations. A reload keeps the notes in memory instead
//! (`notes::Notes::carry_over`): the reader may have changed them since.

use super::multi::{self, Loaded};
use super::notes::{Places, Sidecar};
use super::LoadError;
use std::path::PathBuf;

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
