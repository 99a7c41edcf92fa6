//! `--changes REV` in the explorer's list: the column of marks (`+` added, `~` changed), the
//! pane's title counting what the filter shows (removed events included), and the removed
//! events drawn as ghosts — rows that say they are removed, never selectable, never events of
//! this version. The marks are characters, so they read without colour.

use super::theme::Theme;
use crate::changes::report::mark;
use crate::explorer::Explorer;
use crate::model::diff::Kind;
use crate::model::since::Since;
use crate::model::{EventIx, Timeline};
use crate::text::{self, one_line};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// The list's change column for an event: its mark, a blank when unchanged; `None` without
/// `--changes` (no column).
pub fn mark_of(timeline: &Timeline, event: EventIx) -> Option<char> {
    let since = timeline.since.as_ref()?;
    Some(since.change_of(event).map_or(' ', |e| mark(e.kind)))
}

/// How many of the shown events were added and changed, and how many removed events the filter
/// shows as ghosts (`Err` when the filter names something the older version lacks). Costs the
/// size of the diff, not of the timeline.
pub fn counts(ex: &Explorer, since: &Since) -> (usize, usize, Result<Vec<usize>, String>) {
    let (mut added, mut changed) = (0, 0);
    for e in &since.diff.events {
        let Some(new) = &e.new else { continue };
        if ex.position_of(new.index).is_some() {
            match e.kind {
                Kind::Added => added += 1,
                _ => changed += 1,
            }
        }
    }
    (added, changed, since.ghosts_shown(&ex.query, &ex.zone).map_err(|e| e.to_string()))
}

/// `since v1.0: +1 ~4 −1 removed`: what the filter shows of the changes, counted.
fn count_words(ex: &Explorer) -> Option<String> {
    let since = ex.timeline.since.as_ref()?;
    let (added, changed, ghosts) = counts(ex, since);
    let removed = match ghosts {
        Ok(g) => format!("−{} removed", g.len()),
        Err(_) => "removed: ? (the filter does not apply to it)".into(),
    };
    Some(format!("since {}: +{added} ~{changed} {removed}", one_line(&since.label)))
}

/// ` Events · since v1.0: +1 ~4 −1 removed `: the list pane's title with `--changes`.
pub fn list_title(ex: &Explorer) -> Option<String> {
    Some(format!(" Events · {} ", count_words(ex)?))
}

/// The timeline view's title with `--changes`: its own, then the counts. Added and changed
/// events carry their mark before their title in the view; removed ones are listed, as ghosts,
/// only in the list, which the title says.
pub fn timeline_title(ex: &Explorer, title: String) -> String {
    match count_words(ex) {
        Some(words) => format!("{} · {words} (removed: in the list) ", title.trim_end()),
        None => title,
    }
}

/// The removed events the filter shows, as ghost rows: `− DATE  TITLE  (removed since REV)`,
/// dim and crossed out, the words saying it without either.
pub fn ghost_lines(ex: &Explorer, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let Some(since) = ex.timeline.since.as_ref() else { return Vec::new() };
    let shown = match since.ghosts_shown(&ex.query, &ex.zone) {
        Ok(shown) => shown,
        Err(e) => {
            return vec![Line::styled(format!("removed events: {}", one_line(&e.to_string())), theme.dim)]
        }
    };
    let removed: Vec<_> = since.ghosts().collect();
    shown
        .into_iter()
        .filter_map(|g| removed[g].old.as_ref())
        .map(|old| {
            let date = text::pad(&old.date.listed_in(&ex.zone), ex.date_width);
            let tail = format!("  (removed since {})", one_line(&since.label));
            let room = width.saturating_sub(text::width(&date) + 3 + text::width(&tail));
            let title = text::truncate(&one_line(&old.title), room).into_owned();
            Line::from(vec![
                Span::styled(format!("{} ", mark(Kind::Removed)), theme.dim),
                Span::styled(date, theme.dim),
                Span::raw(" "),
                Span::styled(title, theme.dim.add_modifier(Modifier::CROSSED_OUT)),
                Span::styled(tail, theme.dim),
            ])
        })
        .collect()
}
