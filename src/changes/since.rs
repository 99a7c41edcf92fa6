//! `--changes REV`: the older version to compare the timeline with, read as `diff` reads a
//! version, and `list`'s table with each event marked and the removed events as ghosts.

use super::{load_at, load_now, Problem};
use crate::model::since::Since;
use crate::model::{EventIx, Timeline, Zone};
use crate::revision::{Rev, Version};
use crate::text::{escape, one_line};
use std::path::{Path, PathBuf};

/// The older version `--changes TEXT` names, with its label: an existing file or directory as
/// it is now, `FILE@REV`, or a revision (`HEAD~3`, `v1.0`, `2016-12-01`, `@HEAD~3`) of the
/// timeline's own files.
pub fn older_version(text: &str, files: &[PathBuf]) -> Result<(String, Timeline), Problem> {
    if Path::new(text).exists() {
        return Ok((text.to_string(), load_now(&[PathBuf::from(text)])?));
    }
    let written = if text.contains('@') { text.to_string() } else { format!("@{text}") };
    let version =
        Version::parse(&written, |_| false).map_err(|m| Problem(format!("error: --changes: {m}")))?;
    let rev = version.rev.unwrap_or_else(|| Rev::parse(text));
    let paths = match version.path {
        Some(path) => vec![path],
        None if files.is_empty() => {
            return Err(Problem(format!(
                "error: --changes `{}` needs a timeline file in a git repository (the built-in \
                 timeline has no history); give the file, or an older file to compare with",
                escape(text)
            )))
        }
        None => files.to_vec(),
    };
    Ok((text.to_string(), load_at(&paths, &rev)?))
}

/// Puts the changes since `older` on `timeline`.
pub fn mark(timeline: &mut Timeline, older: (String, Timeline)) {
    let (label, old) = older;
    timeline.since = Some(std::sync::Arc::new(Since::new(label, old, timeline)));
}

/// `list --changes REV`: the table of `events` with a column of marks (`+` added, `~` changed,
/// blank unchanged), the removed events (`ghosts`, positions in `Since::ghosts`) as rows of
/// their own at their old dates, marked `−` and said to be removed, and a last line counting
/// each kind.
pub fn list_table(
    timeline: &Timeline,
    since: &Since,
    events: &[EventIx],
    ghosts: &[usize],
    width: usize,
    zone: &Zone,
) -> String {
    let table = crate::report::list_table(timeline, events, width.saturating_sub(2), zone);
    let mut lines = table.lines();
    let mut out = format!("  {}\n", lines.next().unwrap_or_default());
    let removed: Vec<_> = since.ghosts().collect();
    let date_width = events
        .iter()
        .map(|&i| crate::text::width(&timeline.events[i].date.human_in(zone)))
        .max()
        .unwrap_or(4)
        .max(4);
    let mut pending = ghosts.iter().map(|&g| removed[g]).peekable();
    let ghost_row = |e: &crate::model::diff::EventChange| {
        let old = e.old.as_ref().expect("a ghost has its old side");
        format!(
            "{} {} · {}  (removed since {})\n",
            super::report::mark(crate::model::diff::Kind::Removed),
            crate::text::pad(&old.date.human_in(zone), date_width),
            one_line(&old.title),
            one_line(&since.label)
        )
    };
    for (&event, row) in events.iter().zip(lines) {
        let start = timeline.events[event].date.start_instant();
        while let Some(ghost) =
            pending.next_if(|g| g.old.as_ref().is_some_and(|o| o.date.start_instant() < start))
        {
            out.push_str(&ghost_row(ghost));
        }
        let mark = since.change_of(event).map_or(' ', |e| super::report::mark(e.kind));
        out.push_str(&format!("{mark} {row}\n"));
    }
    for ghost in pending {
        out.push_str(&ghost_row(ghost));
    }
    out.push_str(&format!("{}\n", summary(since, events, ghosts.len())));
    out
}

/// "Since HEAD~3: 1 added, 2 changed, 1 removed (a ghost: an event of HEAD~3, not of this
/// version)": the marks of what is shown, counted.
pub fn summary(since: &Since, events: &[EventIx], ghosts: usize) -> String {
    let counts = since.counts(events, ghosts);
    let n = |v| counts.iter().find(|(c, _)| *c == v).map_or(0, |(_, n)| *n);
    use crate::model::since::ChangeValue::{Added, Changed, Removed};
    let label = one_line(&since.label);
    let mut out =
        format!("since {label}: {} added, {} changed, {} removed", n(Added), n(Changed), n(Removed));
    if ghosts > 0 {
        out.push_str(&format!(" (shown as ghosts: events of {label}, not of this version)"));
    }
    out
}
