//! The explorer's dealings with the world outside the terminal: following the file as it
//! changes, writing exports, opening links. `App` only records what should happen (an
//! `Effect`) and takes the result; the runner does the I/O.

use super::app::{App, Popup};
use super::watch::Change;
use crate::export::{self, Format};
use crate::model::index::Index;
use crate::model::{Event, EventIx, Timeline};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long changed events stay marked after a reload.
pub const CHANGE_MARK: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the shown events in this format to a new file in the working directory.
    Export(Format),
    /// Open a URL with the system's opener.
    Open(String),
}

/// A fingerprint of what a reader sees of an event, to tell which events a save changed.
fn signature(t: &Timeline, e: &Event) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&e.title, e.date, e.status, &e.summary, &e.outcomes, &e.notes, &e.tags).hash(&mut h);
    for &c in &e.countries {
        t.countries[c].id.hash(&mut h);
    }
    for &a in &e.agencies {
        t.agencies[a].id.hash(&mut h);
    }
    for p in &e.people {
        (&t.people[p.person].id, &p.role).hash(&mut h);
    }
    for q in &e.quotes {
        (&q.text, t.speaker_name(&q.by), &q.source).hash(&mut h);
    }
    for s in &e.sources {
        (&s.title, &s.publisher, &s.url).hash(&mut h);
    }
    for l in &e.related {
        (&t.events[l.event].id, &l.kind).hash(&mut h);
    }
    if let Some(l) = &e.location {
        (&l.place, l.country.map(|c| &t.countries[c].id)).hash(&mut h);
    }
    e.extensions.len().hash(&mut h);
    h.finish()
}

impl App {
    /// The file changed on disk.
    pub fn file_changed(&mut self, change: Change, now: Instant) {
        match change {
            Change::Loaded(loaded) => {
                let (timeline, index) = *loaded;
                self.reloaded(Arc::new(timeline), Arc::new(index), now);
            }
            Change::Broken(diagnostics) => {
                let first = diagnostics.lines().next().unwrap_or("the file does not load").to_string();
                self.banner = Some(format!("{first} — showing the last good version"));
                self.message = None;
            }
            Change::Gone => {
                self.banner = Some(format!("{} is gone — showing the last good version", self.source_name));
                self.message = None;
            }
        }
    }

    /// New data for the same file: keeps the selection (by id), the filter, the search and the
    /// scroll, and marks the events that changed.
    pub fn reloaded(&mut self, timeline: Arc<Timeline>, index: Arc<Index>, now: Instant) {
        let Some(old) = self.timeline.clone() else {
            self.loaded(timeline, Some(index));
            return;
        };
        let selected =
            self.selected_event().map(|e| (old.events[e].id.clone(), old.events[e].date.first_day()));
        let top_id = self.visible.get(self.list_offset).map(|&e| old.events[e].id.clone());
        let before: HashMap<&str, u64> =
            old.events.iter().map(|e| (e.id.as_str(), signature(&old, e))).collect();
        let changed: Vec<EventIx> = timeline
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| before.get(e.id.as_str()) != Some(&signature(&timeline, e)))
            .map(|(i, _)| i)
            .collect();
        let now_ids: std::collections::HashSet<&str> =
            timeline.events.iter().map(|e| e.id.as_str()).collect();
        let removed = before.keys().any(|id| !now_ids.contains(id));
        let query = std::mem::take(&mut self.query);
        let detail_scroll = self.detail_scroll;
        self.loaded(timeline.clone(), Some(index));
        if let Err(e) = self.apply_query(query.clone()) {
            self.query = query;
            self.filter_problem = Some(e.clone());
            self.message = Some(format!("the filter no longer applies: {e}; f to edit, x to clear"));
        }
        if let Some(top) = top_id.and_then(|id| timeline.event_index(&id)) {
            if let Ok(position) = self.visible.binary_search(&top) {
                self.list_offset = position;
            }
        }
        // The same event by id; if it is gone, the nearest in time to where it was.
        if let Some((id, day)) = selected {
            match timeline.event_index(&id) {
                Some(event) if self.select_event(event) => self.detail_scroll = detail_scroll,
                _ => {
                    if let Some(position) = self.nearest_to(day) {
                        self.select(position);
                    }
                }
            }
        }
        self.select(self.selected); // keeps the selection on screen with the restored offset
                                    // Positions from before the save point at other events now.
        self.history.clear();
        if let Some(search) = &mut self.search {
            search.origin = None;
            search.best = None;
        }
        self.banner = None;
        let n = changed.len();
        self.changed = changed;
        self.changed_until = Some(now + CHANGE_MARK);
        self.message = Some(match (n, removed) {
            (0, false) => "reloaded; no event changed".into(),
            (0, true) => "reloaded; events were removed".into(),
            (1, _) => "reloaded; 1 event changed".into(),
            (n, _) => format!("reloaded; {n} events changed"),
        });
    }

    /// Clears the change marks once their time is up; returns when to call again, if ever.
    pub fn tick(&mut self, now: Instant) -> Option<Instant> {
        match self.changed_until {
            Some(until) if now >= until => {
                self.changed.clear();
                self.changed_until = None;
                None
            }
            other => other,
        }
    }

    pub fn is_changed(&self, event: EventIx) -> bool {
        self.changed.binary_search(&event).is_ok()
    }

    pub(super) fn open_export(&mut self) {
        if self.timeline.is_some() {
            self.popup = Some(Popup::Export { cursor: 0 });
        }
    }

    pub(super) fn open_source(&mut self) {
        let url = self
            .timeline
            .as_ref()
            .zip(self.selected_event())
            .and_then(|(t, e)| t.events[e].sources.iter().find_map(|s| s.url.clone()));
        // Only web and mail links: a file's `url` could otherwise hand the opener a local
        // program or an option.
        let safe = |u: &str| {
            let lower = u.to_ascii_lowercase();
            ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s))
        };
        match url {
            Some(url) if safe(&url) => self.effects.push(Effect::Open(url)),
            Some(url) => {
                self.message = Some(format!(
                    "not opening `{}`: only http, https and mailto links",
                    crate::text::escape(&url)
                ))
            }
            None => self.message = Some("this event's sources have no URL".into()),
        }
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

/// Carries out an effect; the result is a message for the header.
pub fn perform(app: &App, effect: &Effect) -> String {
    match effect {
        Effect::Export(format) => {
            let Some(timeline) = &app.timeline else { return "nothing to export yet".into() };
            let text = export::export(timeline, &app.visible, *format, &export::Options::default());
            let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            let path = fresh_path(&dir, &export::default_file_name(timeline, *format));
            let written = export::count_written(&text, *format, app.visible.len());
            let left_out = app.visible.len() - written;
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
    }
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
    use crate::model;
    use crate::model::query::Query;
    use crate::tui::app::Viewport;

    const BASE: &str = "title: t\nevents:\n  - {id: a, title: A, date: 2014}\n  - {id: b, title: B, date: 2015, tags: [x]}\n  - {id: c, title: C, date: 2016, tags: [x]}\n";

    fn app() -> App {
        let mut app = App::with_timeline("t.yaml", model::load_str("t", BASE).unwrap());
        app.set_viewport(Viewport { list_rows: 10, detail_rows: 10, detail_width: 60, one_pane: false });
        app
    }

    fn loaded(text: &str) -> Change {
        let t = model::load_str("t", text).unwrap();
        let i = Index::new(&t);
        Change::Loaded(Box::new((t, i)))
    }

    fn id(app: &App) -> &str {
        &app.timeline.as_ref().unwrap().events[app.selected_event().unwrap()].id
    }

    #[test]
    fn reload_keeps_selection_filter_and_marks_changes() {
        let mut app = app();
        app.apply_query(Query::parse("tag:x").unwrap()).unwrap();
        app.select(1);
        assert_eq!(id(&app), "c");
        let now = Instant::now();
        let edited = BASE
            .replace("title: B", "title: B edited")
            .replace("  - {id: a", "  - {id: z, title: Z, date: 2013}\n  - {id: a");
        app.file_changed(loaded(&edited), now);
        assert_eq!(id(&app), "c", "same event selected");
        assert_eq!(app.query.to_string(), "tag:x", "filter kept");
        assert_eq!(app.visible.len(), 2);
        let t = app.timeline.clone().unwrap();
        let changed: Vec<&str> = app.changed.iter().map(|&e| t.events[e].id.as_str()).collect();
        assert_eq!(changed, vec!["z", "b"], "new and edited events are marked");
        assert_eq!(app.tick(now + CHANGE_MARK / 2), Some(now + CHANGE_MARK));
        assert_eq!(app.tick(now + CHANGE_MARK), None);
        assert!(app.changed.is_empty(), "marks fade");
    }

    #[test]
    fn a_deleted_selected_event_hands_over_to_its_nearest_neighbour() {
        let mut app = app();
        app.select(2);
        app.history.push(crate::tui::app::Visit { event: 0, detail_scroll: 0, detail_link: None });
        app.file_changed(
            loaded(&BASE.replace("  - {id: c, title: C, date: 2016, tags: [x]}\n", "")),
            Instant::now(),
        );
        assert_eq!(id(&app), "b", "nearest in time to the deleted event");
        assert!(app.history.is_empty(), "positions from before the save are dropped");
    }

    #[test]
    fn a_filter_a_reload_breaks_is_shown_as_not_applied() {
        let mut app = app();
        app.apply_query(Query::parse("tag:x").unwrap()).unwrap();
        app.file_changed(loaded(&BASE.replace(", tags: [x]", "")), Instant::now());
        assert_eq!(app.query.to_string(), "tag:x", "the query stays for editing");
        assert_eq!(app.visible.len(), 3, "but shows everything");
        assert!(app.filter_problem.as_deref().unwrap_or("").contains("unknown tag"));
        app.apply_query(Query::default()).unwrap();
        assert_eq!(app.filter_problem, None);
    }

    #[test]
    fn only_web_links_are_opened() {
        let text = "title: t\nevents:\n  - {id: a, title: A, date: 2016, sources: [{title: s, url: \"--new-window\"}]}\n";
        let mut app = App::with_timeline("t", model::load_str("t", text).unwrap());
        app.update(crate::tui::action::Action::OpenSource);
        assert!(app.effects.is_empty());
        assert!(app.message.as_deref().unwrap_or("").contains("only http"));
    }

    #[test]
    fn a_broken_save_keeps_the_last_good_data_until_fixed() {
        let mut app = app();
        app.file_changed(
            Change::Broken("t.yaml:3:5: error: unknown key `titel`\n  |".into()),
            Instant::now(),
        );
        assert_eq!(app.timeline.as_ref().unwrap().events.len(), 3, "data kept");
        let banner = app.banner.clone().unwrap();
        assert!(banner.contains("t.yaml:3:5") && banner.contains("last good"), "{banner}");
        app.file_changed(Change::Gone, Instant::now());
        assert!(app.banner.as_ref().unwrap().contains("is gone"));
        app.file_changed(loaded(BASE), Instant::now());
        assert_eq!(app.banner, None, "a good save clears the banner");
    }

    #[test]
    fn export_and_open_are_effects() {
        let mut app = app();
        app.update(crate::tui::action::Action::OpenExport);
        app.update(crate::tui::action::Action::MoveDown);
        app.update(crate::tui::action::Action::PromptSubmit);
        assert_eq!(app.effects, vec![Effect::Export(Format::Csv)]);
        app.update(crate::tui::action::Action::OpenSource);
        assert_eq!(app.message.as_deref(), Some("this event's sources have no URL"));
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
