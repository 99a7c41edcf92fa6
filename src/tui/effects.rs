//! The explorer's dealings with the world outside the terminal: writing exports and opening
//! links. `App` only records what should happen (an `Effect`); the runner carries it out here and
//! shows the result.

use super::app::App;
use crate::export::{self, Format};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the shown events in this format to a new file in the working directory.
    Export(Format),
    /// Open a URL with the system's opener.
    Open(String),
    /// Write a prompt's history to its file.
    SaveHistory(crate::tui::history::PromptKind),
    /// Write the bookmarks and annotations to their sidecar; with `backup`, first keep the
    /// file that could not be read as `….bak`.
    SaveNotes { backup: bool },
}

/// The effect that opens a link from the data, or why it will not be opened. Only web and mail
/// links: a file's `url` could otherwise hand the opener a local program or an option.
pub fn open_link(url: Option<&str>) -> Result<Effect, String> {
    let Some(url) = url else { return Err("this event's sources have no URL".into()) };
    let lower = url.to_ascii_lowercase();
    if ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)) {
        Ok(Effect::Open(url.to_string()))
    } else {
        Err(format!("not opening `{}`: only http, https and mailto links", crate::text::escape(url)))
    }
}

/// A file name in `dir` that does not exist yet: `name.ext`, else `name-2.ext`, …
pub fn fresh_path(dir: &Path, file_name: &str) -> PathBuf {
    let first = dir.join(file_name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = match file_name.split_once('.') {
        Some((s, e)) => (s.to_string(), format!(".{e}")),
        None => (file_name.to_string(), String::new()),
    };
    (2..).map(|n| dir.join(format!("{stem}-{n}{ext}"))).find(|p| !p.exists()).unwrap_or(first)
}

/// Carries out an effect; the result is a message for the header, if it has one.
pub fn perform(app: &App, effect: &Effect) -> Option<String> {
    let explorer = app.explorer();
    Some(match effect {
        // No history is not worth a word: the prompt works the same.
        Effect::SaveHistory(kind) => {
            let _ = app.history.save(*kind);
            return None;
        }
        Effect::Export(format) => {
            let Some(explorer) = explorer else { return Some("nothing to export yet".into()) };
            let (timeline, visible) = (&explorer.timeline, &explorer.visible);
            let text = export::export(timeline, visible, *format, &export::Options::default());
            let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            let path = fresh_path(&dir, &export::default_file_name(timeline, *format));
            let written = export::count_written(&text, *format, visible.len());
            let left_out = visible.len() - written;
            let note = if left_out > 0 {
                format!("; {left_out} outside years 0000–9999 left out")
            } else {
                String::new()
            };
            match export::write_atomically(&path, text.as_bytes()) {
                Ok(()) => format!(
                    "wrote {} ({written} event{}{note})",
                    path.display(),
                    if written == 1 { "" } else { "s" }
                ),
                Err(e) => format!("could not write {}: {e}", path.display()),
            }
        }
        Effect::Open(url) => open_url(url),
        Effect::SaveNotes { backup } => {
            let explorer = explorer?;
            match explorer.sidecar.save(*backup) {
                Ok(path) if *backup => {
                    format!("notes saved to {} (the unreadable one kept as .bak)", path.display())
                }
                Ok(_) => return None,
                Err(why) => format!("bookmarks and annotations not saved: {why}"),
            }
        }
    })
}

/// Opens a URL with `$BROWSER`, else the desktop's opener, without waiting for it and without
/// letting it write over the screen.
fn open_url(url: &str) -> String {
    let candidates: Vec<String> = match std::env::var("BROWSER") {
        Ok(b) if !b.trim().is_empty() => vec![b],
        _ => vec!["xdg-open".into(), "open".into()],
    };
    for program in &candidates {
        let spawned = std::process::Command::new(program)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if let Ok(mut child) = spawned {
            // Reap it when it ends so it leaves no zombie; never wait on the UI thread.
            std::thread::spawn(move || child.wait());
            return format!("opening {}", crate::text::escape(url));
        }
    }
    format!("no program to open links (tried {}); set $BROWSER", candidates.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_are_opened() {
        assert_eq!(
            open_link(Some("https://example.org/a")),
            Ok(Effect::Open("https://example.org/a".into()))
        );
        assert!(open_link(Some("MAILTO:a@b.c")).is_ok());
        let refused = open_link(Some("--new-window")).unwrap_err();
        assert!(refused.contains("only http"), "{refused}");
        assert!(open_link(Some("file:///etc/passwd")).is_err());
        assert_eq!(open_link(None).unwrap_err(), "this event's sources have no URL");
    }

    #[test]
    fn fresh_paths_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let first = fresh_path(dir.path(), "t.csv");
        std::fs::write(&first, "x").unwrap();
        let second = fresh_path(dir.path(), "t.csv");
        assert_eq!(second.file_name().unwrap(), "t-2.csv");
    }
}
