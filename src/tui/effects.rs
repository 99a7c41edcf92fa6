//! The explorer's dealings with the world outside the terminal: writing exports and opening
//! links. `App` only records what should happen (an `Effect`); the runner carries it out here and
//! shows the result.

use super::history::History;
use crate::explorer::Explorer;
use crate::export::{self, Format};
use crate::model::notes;

/// How a failed save of the notes starts its message (the runner keeps the notes unsaved).
pub const NOTES_NOT_SAVED: &str = "bookmarks and annotations not saved: ";
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the shown events in this format to a new file in the working directory.
    Export(Format),
    /// Open a URL with the system's opener.
    Open(String),
    /// Write a prompt's history to its file.
    SaveHistory(crate::tui::history::PromptKind),
    /// Remember that the help was opened (no first-run hint any more).
    SaveHelpSeen,
    /// Write the bookmarks and annotations to their sidecar; with `backup`, first keep the
    /// file that could not be read as `….bak`.
    SaveNotes { backup: bool },
    /// Open the file in `$VISUAL`/`$EDITOR` (the runner suspends the screen around it).
    Edit { file: PathBuf, at: EditAt },
    /// Stop to the shell until `fg` (the runner restores the terminal first).
    Suspend,
    /// Put `text` on the clipboard; `what` names it in the message.
    Copy { what: String, text: String },
}

/// Where `E` opens the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditAt {
    /// The event at this place in the file's `events` list.
    Event(usize),
    /// A line and column (a reload error's).
    Position(usize, usize),
}

/// Editors that take `FILE:LINE[:COL]` instead of `+LINE FILE` (with the option that makes
/// them read it, if any).
const COLON_EDITORS: &[(&str, Option<&str>)] = &[
    ("code", Some("-g")),
    ("code-insiders", Some("-g")),
    ("codium", Some("-g")),
    ("vscodium", Some("-g")),
    ("cursor", Some("-g")),
    ("subl", None),
    ("sublime_text", None),
    ("zed", None),
    ("hx", None),
    ("helix", None),
];

/// The command line that opens `file` at `line` (and `column`) with `editor` (the value of
/// `$VISUAL`/`$EDITOR`, split on spaces): `+LINE FILE` for vi, emacs, nano and most others,
/// `FILE:LINE:COL` for the editors that take that form (`code -g`, `subl`, `hx`, `zed`).
pub fn editor_command(editor: &str, file: &Path, line: usize, column: usize) -> Vec<String> {
    let mut words: Vec<String> = editor.split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        words.push("vi".into());
    }
    let program =
        Path::new(&words[0]).file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let program = program.trim_end_matches(".exe");
    let file = file.display().to_string();
    match COLON_EDITORS.iter().find(|(name, _)| *name == program) {
        Some((_, option)) => {
            if let Some(option) = option {
                if !words.iter().any(|w| w == option || w == "--goto") {
                    words.push(option.to_string());
                }
            }
            words.push(format!("{file}:{line}:{column}"));
        }
        None => {
            words.push(format!("+{line}"));
            words.push(file);
        }
    }
    words
}

/// The editor the person chose: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn chosen_editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".into())
}

/// Line and column of the event at `file_order` in the file's text (its `id:` value), if found.
pub fn event_position(source: &str, file_order: usize) -> Option<(usize, usize)> {
    use crate::model::locate::{locate, Seg, Target};
    let path = vec![Seg::Key("events".into()), Seg::Index(file_order), Seg::Key("id".into())];
    let spot = locate(source, &[(path, Target::Value)]).pop().flatten()?;
    Some((spot.line, spot.column))
}

/// Runs the editor on the file and waits for it; the message for the header after.
pub fn run_editor(file: &Path, at: EditAt) -> String {
    let (line, column) = match at {
        EditAt::Position(line, column) => (line, column),
        EditAt::Event(order) => std::fs::read_to_string(file)
            .ok()
            .and_then(|source| event_position(&source, order))
            .unwrap_or((1, 1)),
    };
    let editor = chosen_editor();
    let words = editor_command(&editor, file, line, column);
    match std::process::Command::new(&words[0]).args(&words[1..]).status() {
        Ok(status) if status.success() => {
            format!("edited {} at line {line}", crate::text::escape(&file.display().to_string()))
        }
        Ok(status) => format!("{} ended with {status}", crate::text::escape(&words[0])),
        Err(e) => format!(
            "could not run the editor `{}`: {e}; set $VISUAL or $EDITOR",
            crate::text::escape(&words[0])
        ),
    }
}

/// Base64 (RFC 4648, with padding), for OSC 52.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The escape sequences that set the clipboard to `text`: OSC 52, and inside tmux the same
/// wrapped for tmux's passthrough too (tmux takes the plain one when `set-clipboard` is on and
/// passes the wrapped one on when `allow-passthrough` is; either reaching the terminal is enough).
pub fn osc52(text: &str, in_tmux: bool) -> String {
    let plain = format!("\x1b]52;c;{}\x07", base64(text.as_bytes()));
    if in_tmux {
        let wrapped = format!("\x1bPtmux;{}\x1b\\", plain.replace('\x1b', "\x1b\x1b"));
        format!("{plain}{wrapped}")
    } else {
        plain
    }
}

/// Copies `text`: OSC 52 on the terminal, and the desktop's clipboard program too when there
/// is one for this session (wl-copy under Wayland, xclip under X, pbcopy on macOS). Returns the
/// names of the ways used.
pub fn copy(text: &str, out: &mut impl std::io::Write) -> Vec<&'static str> {
    let mut used = Vec::new();
    let in_tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
    if out.write_all(osc52(text, in_tmux).as_bytes()).and_then(|()| out.flush()).is_ok() {
        used.push("OSC 52");
    }
    let set = |v: &str| std::env::var_os(v).is_some_and(|v| !v.is_empty());
    let programs: &[(&'static str, &[&str], bool)] = &[
        ("wl-copy", &[], set("WAYLAND_DISPLAY")),
        ("xclip", &["-selection", "clipboard"], set("DISPLAY")),
        ("pbcopy", &[], cfg!(target_os = "macos")),
    ];
    for (program, args, wanted) in programs {
        if !wanted {
            continue;
        }
        let child = std::process::Command::new(program)
            .args(*args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if let Ok(mut child) = child {
            use std::io::Write as _;
            let written = child.stdin.take().is_some_and(|mut i| i.write_all(text.as_bytes()).is_ok());
            // wl-copy and xclip stay to serve the selection: reap them off the UI thread.
            std::thread::spawn(move || child.wait());
            if written {
                used.push(*program);
                break;
            }
        }
    }
    used
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

/// Where an export made in `here` goes: `here`, unless `here` holds the timeline's files and the
/// export's extension is one a directory is read by (`*.json`): then `here/exports/`, which
/// opening the directory does not read, so the export never comes back as a timeline file.
/// The flag says it went aside.
pub fn export_dir(here: &Path, timeline: &crate::model::Timeline, format: Format) -> (PathBuf, bool) {
    let resolved = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let home = resolved(here);
    let beside = timeline
        .files
        .iter()
        .filter_map(|f| f.path.as_deref().and_then(Path::parent))
        .any(|dir| resolved(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }) == home);
    let extension = format.extension().rsplit('.').next().unwrap_or_default();
    let read_back = crate::model::multi::EXTENSIONS.contains(&extension);
    if beside && read_back {
        (here.join("exports"), true)
    } else {
        (here.to_path_buf(), false)
    }
}

/// Carries out an effect on what it needs (the loaded timeline, the prompts' history); the
/// result is a message for the header, if it has one.
pub fn perform(effect: &Effect, explorer: Option<&Explorer>, history: &History) -> Option<String> {
    Some(match effect {
        // No history is not worth a word: the prompt works the same.
        Effect::SaveHistory(kind) => {
            let _ = history.save(*kind);
            return None;
        }
        Effect::SaveHelpSeen => {
            let _ = history.save_help_seen();
            return None;
        }
        Effect::Export(format) => {
            let Some(explorer) = explorer else { return Some("nothing to export yet".into()) };
            let (timeline, visible) = (&explorer.timeline, explorer.visible());
            let text = export::export(timeline, visible, *format, &export::Options::default());
            let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            let (dir, aside) = export_dir(&here, timeline, *format);
            if let Err(e) = std::fs::create_dir_all(&dir) {
                return Some(format!("could not write into {}: {e}", dir.display()));
            }
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
                    "wrote {} ({written} event{}{note}){}",
                    path.display(),
                    if written == 1 { "" } else { "s" },
                    if aside {
                        " — in exports/, as the timeline's directory would read it as a timeline file"
                    } else {
                        ""
                    }
                ),
                Err(e) => format!("could not write {}: {e}", path.display()),
            }
        }
        Effect::Open(url) => open_url(url),
        Effect::SaveNotes { backup } => {
            let explorer = explorer?;
            match explorer.sidecar.save(*backup) {
                Ok(notes::Saved { path, backup: Some(kept) }) => format!(
                    "notes saved to {} (the unreadable one kept as {})",
                    path.display(),
                    kept.display()
                ),
                Ok(_) => return None,
                Err(why) => format!("{NOTES_NOT_SAVED}{why}"),
            }
        }
        Effect::Copy { what, text } => {
            let used = copy(text, &mut std::io::stdout());
            format!("copied the {what} ({}): {}", used.join(" and "), crate::text::one_line(text))
        }
        // The runner carries these out: they need the terminal.
        Effect::Edit { .. } | Effect::Suspend => return None,
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
    fn an_export_that_a_directory_would_read_goes_aside_from_the_timelines_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.yaml");
        std::fs::write(&file, "title: T\nevents: []\n").unwrap();
        let t = crate::model::load_file(&file).unwrap();
        let here = dir.path();
        assert_eq!(export_dir(here, &t, Format::Json), (here.join("exports"), true));
        assert_eq!(export_dir(here, &t, Format::Timelinejs), (here.join("exports"), true));
        assert_eq!(export_dir(here, &t, Format::Csv), (here.to_path_buf(), false));
        let elsewhere = tempfile::tempdir().unwrap();
        assert_eq!(export_dir(elsewhere.path(), &t, Format::Json), (elsewhere.path().to_path_buf(), false));
        // A file named relative to the working directory (`t.yaml`) is beside it too.
        let relative = crate::model::load_str("t.yaml", "title: T\nevents: []\n").unwrap();
        let mut relative = relative;
        relative.files[0].path = Some(PathBuf::from("t.yaml"));
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(export_dir(&cwd, &relative, Format::Json), (cwd.join("exports"), true));
    }

    #[test]
    fn editors_get_the_line_in_their_own_form() {
        let f = Path::new("/t/a b.yaml");
        assert_eq!(editor_command("vim", f, 12, 3), ["vim", "+12", "/t/a b.yaml"]);
        assert_eq!(
            editor_command("/usr/bin/nano -w", f, 12, 3),
            ["/usr/bin/nano", "-w", "+12", "/t/a b.yaml"]
        );
        assert_eq!(editor_command("emacsclient -t", f, 1, 1), ["emacsclient", "-t", "+1", "/t/a b.yaml"]);
        assert_eq!(editor_command("code --wait", f, 12, 3), ["code", "--wait", "-g", "/t/a b.yaml:12:3"]);
        assert_eq!(editor_command("code -g", f, 12, 3), ["code", "-g", "/t/a b.yaml:12:3"]);
        assert_eq!(editor_command("subl -w", f, 7, 1), ["subl", "-w", "/t/a b.yaml:7:1"]);
        assert_eq!(editor_command("  ", f, 2, 1), ["vi", "+2", "/t/a b.yaml"]);
    }

    #[test]
    fn events_are_found_by_their_place_in_the_file() {
        let source = "title: T\nevents:\n  - id: a\n    title: A\n    date: 2020\n  -   id: b\n";
        assert_eq!(event_position(source, 0), Some((3, 9)));
        assert_eq!(event_position(source, 1), Some((6, 11)));
    }

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(osc52("hi", false), "\x1b]52;c;aGk=\x07");
        assert_eq!(osc52("hi", true), "\x1b]52;c;aGk=\x07\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\");
        let mut out = Vec::new();
        assert!(copy("é", &mut out).contains(&"OSC 52"));
        assert!(String::from_utf8(out).unwrap().contains("]52;c;w6k="));
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
