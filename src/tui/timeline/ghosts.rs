//! `--changes REV` in the timeline view: the removed events the filter shows, drawn as ghosts
//! at their old dates on a row of their own under the lanes, labelled `removed`. A ghost is a
//! `−` (a run of them for a range), dim, its title crossed out and followed by `(removed)`, so
//! it reads without colour; ghosts the row cannot hold are counted in a `+N` at its end, as a
//! lane counts its events. Together: every ghost in view is drawn or counted (the invariant's
//! test checks it). Ghosts are events of the older version, never selected.

use super::Scale;
use crate::explorer::Explorer;
use crate::text::{self, one_line};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

/// The ghosts' row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GhostRow {
    /// The row, counted from the top of the view.
    pub y: u16,
    /// Shown ghosts touching the window.
    pub in_view: usize,
    /// Those drawn, left to right.
    pub marks: Vec<GhostMark>,
    /// Those with no room, counted in the `+N`.
    pub hidden: usize,
}

/// A ghost drawn: which (a position in `Since::ghosts`), the columns of its mark, and the
/// columns its title has (0: none) after it, or, with `title_left`, whole before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GhostMark {
    pub ghost: usize,
    pub c0: u16,
    pub c1: u16,
    pub title_room: u16,
    pub title_left: bool,
}

impl GhostMark {
    /// The columns it takes, its title included.
    pub fn extent(&self) -> (u16, u16) {
        match (self.title_room, self.title_left) {
            (0, _) => (self.c0, self.c1),
            (room, true) => (self.c0.saturating_sub(1 + room), self.c1),
            (room, false) => (self.c0, self.c1 + 1 + room),
        }
    }
}

/// A ghost's title as the row writes it, saying what it is without colour.
fn title_of(old: &crate::model::diff::Side) -> String {
    format!("{} (removed)", one_line(&old.title))
}

/// The shown ghosts touching the window of `scale`, as (ghost, first column, last column), in
/// order of start. None without `--changes`.
pub fn in_view(explorer: &Explorer, scale: &Scale) -> Vec<(usize, u16, u16)> {
    let (Some(since), Some(shown)) = (explorer.timeline.since.as_ref(), explorer.changes_shown.as_ref())
    else {
        return Vec::new();
    };
    let Ok(ghosts) = &shown.ghosts else { return Vec::new() };
    let removed: Vec<_> = since.ghosts().collect();
    let mut out: Vec<(usize, u16, u16)> = ghosts
        .iter()
        .filter_map(|&g| {
            let old = removed[g].old.as_ref()?;
            let (start, end) = explorer.time_axis().extent(&old.date);
            let (c0, c1, _, _) = scale.span_at(start, end)?;
            Some((g, c0, c1))
        })
        .collect();
    out.sort_by_key(|&(g, c0, _)| (c0, g));
    out
}

/// The ghosts' row at `y`, `width` columns: each ghost where its mark is free (one blank column
/// between marks), the rest counted; titles in the room up to the next mark. None when no
/// ghost is in view.
pub fn lay_out(explorer: &Explorer, scale: &Scale, y: u16) -> Option<GhostRow> {
    let ghosts = in_view(explorer, scale);
    if ghosts.is_empty() {
        return None;
    }
    let width = scale.width;
    // If not all fit, the end of the row keeps room for the `+N` (its digits, `+`, a blank).
    let fits_all = |limit: u16| {
        let mut free = 0u32;
        let mut marks = Vec::new();
        for &(ghost, c0, c1) in &ghosts {
            if u32::from(c0) >= free && c1 < limit {
                marks.push(GhostMark { ghost, c0, c1, title_room: 0, title_left: false });
                free = u32::from(c1) + 2;
            }
        }
        marks
    };
    let mut marks = fits_all(width);
    if marks.len() < ghosts.len() {
        marks = fits_all(width.saturating_sub(2 + ghosts.len().to_string().len() as u16));
    }
    let hidden = ghosts.len() - marks.len();
    let limit = if hidden > 0 { width.saturating_sub(2 + hidden.to_string().len() as u16) } else { width };
    // Each title after its mark, up to the next mark; or whole before it, where only the left
    // has room for all of it (as the view places its titles).
    let removed: Vec<_> = explorer.timeline.since.as_ref().map(|s| s.ghosts().collect()).unwrap_or_default();
    let mut free_from = 0u16;
    for i in 0..marks.len() {
        let want = removed
            .get(marks[i].ghost)
            .and_then(|e: &&crate::model::diff::EventChange| e.old.as_ref())
            .map_or(0, |old| text::width(&title_of(old)).min(usize::from(u16::MAX)) as u16);
        let next = marks.get(i + 1).map_or(limit, |m| m.c0.saturating_sub(1));
        let right = next.saturating_sub(marks[i].c1 + 2).min(want);
        let left = marks[i].c0.saturating_sub(1).saturating_sub(free_from);
        let mark = &mut marks[i];
        (mark.title_room, mark.title_left) =
            if right < want && left >= want { (want, true) } else { (right, false) };
        free_from = mark.extent().1 + 2;
    }
    Some(GhostRow { y, in_view: ghosts.len(), marks, hidden })
}

/// `+N`, and its column at the end of the row.
pub fn more(row: &GhostRow, width: u16) -> Option<(String, u16)> {
    (row.hidden > 0).then(|| {
        let text = format!("+{}", row.hidden);
        let column = width.saturating_sub(text.len() as u16);
        (text, column)
    })
}

/// Draws the row into `plot` (the lanes' columns), its label left of it in `label_width`
/// columns.
pub fn draw(
    explorer: &Explorer,
    theme: &Theme,
    buf: &mut Buffer,
    plot: Rect,
    label_width: u16,
    row: &GhostRow,
) {
    let Some(since) = explorer.timeline.since.as_ref() else { return };
    let removed: Vec<_> = since.ghosts().collect();
    let y = plot.y + row.y;
    if label_width > 1 {
        let label = text::truncate("removed", usize::from(label_width - 1)).into_owned();
        buf.set_string(plot.x - label_width, y, &label, theme.dim);
    }
    for mark in &row.marks {
        for c in mark.c0..=mark.c1 {
            buf.set_string(plot.x + c, y, "−", theme.dim.add_modifier(Modifier::BOLD));
        }
        let Some(old) = removed[mark.ghost].old.as_ref() else { continue };
        if mark.title_room >= 2 {
            let title = text::truncate(&title_of(old), usize::from(mark.title_room)).into_owned();
            let x = if mark.title_left { mark.extent().0 } else { mark.c1 + 2 };
            buf.set_string(plot.x + x, y, &title, theme.dim.add_modifier(Modifier::CROSSED_OUT));
        }
    }
    if let Some((text, x)) = more(row, plot.width) {
        buf.set_string(plot.x + x, y, &text, theme.key);
    }
}
