//! `--changes REV` in the explorer's list: the column of marks (`+` added, `~` changed), the
//! pane's title counting what the filter shows (removed events included), and the removed
//! events drawn as ghosts — rows that say they are removed, never selectable, never events of
//! this version. The marks are characters, so they read without colour.

use super::theme::Theme;
use crate::changes::report::mark;
use crate::explorer::Explorer;
use crate::model::diff::Kind;
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

/// `since v1.0: +1 ~4 −1 removed`: what the filter shows of the changes, counted.
fn count_words(ex: &Explorer) -> Option<String> {
    let since = ex.timeline.since.as_ref()?;
    let shown = ex.changes_shown.as_ref()?;
    let (added, changed) = (shown.added, shown.changed);
    let removed = match &shown.ghosts {
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
/// events carry their mark before their title in the view; removed ones are ghosts on a row of
/// their own (`timeline/ghosts.rs`).
pub fn timeline_title(ex: &Explorer, title: String) -> String {
    match count_words(ex) {
        Some(words) => format!("{} · {words} ", title.trim_end()),
        None => title,
    }
}

/// The removed events the filter shows, as ghost rows (for a list with no event of this
/// version; else `ListRow::Ghost` places each among the rows by its old date).
pub fn ghost_lines(ex: &Explorer, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let Some(counted) = ex.changes_shown.as_ref() else { return Vec::new() };
    match &counted.ghosts {
        Ok(shown) => shown.iter().filter_map(|&g| ghost_line(ex, theme, width, g)).collect(),
        Err(e) => vec![Line::styled(format!("removed events: {}", one_line(e)), theme.dim)],
    }
}

/// The removed event `ghost` (a position in `Since::ghosts`) as a row:
/// `− DATE  TITLE  (removed since REV)`, dim and crossed out, the words saying it without either.
pub fn ghost_line(ex: &Explorer, theme: &Theme, width: usize, ghost: usize) -> Option<Line<'static>> {
    let since = ex.timeline.since.as_ref()?;
    let old = since.ghosts().nth(ghost)?.old.as_ref()?;
    let date = text::pad(&ex.list_dates.write(&old.date, ex.zone()), ex.date_width);
    let (title, tail) = ghost_title_and_tail(&one_line(&old.title), &one_line(&since.label), width, &date);
    Some(Line::from(vec![
        Span::styled(format!("{} ", mark(Kind::Removed)), theme.dim),
        Span::styled(date, theme.dim),
        Span::raw(" "),
        Span::styled(title, theme.dim.add_modifier(Modifier::CROSSED_OUT)),
        Span::styled(tail, theme.dim),
    ]))
}

/// What a ghost row has room for after its mark and date: the title first (it is what the row is
/// about), then `(removed since REV)`, else `(removed)`, else the title alone, cut to fit.
fn ghost_title_and_tail(title: &str, label: &str, width: usize, date: &str) -> (String, String) {
    let room = width.saturating_sub(text::width(date) + 3);
    let whole = text::width(title);
    let long = format!("  (removed since {label})");
    let short = "  (removed)".to_string();
    for tail in [long, short.clone()] {
        if whole + text::width(&tail) <= room {
            return (title.to_string(), tail);
        }
    }
    if room >= text::width(&short) + 12 {
        return (text::truncate(title, room - text::width(&short)).into_owned(), short);
    }
    (text::truncate(title, room).into_owned(), String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ghost_row_keeps_its_title_before_the_version_it_was_removed_since() {
        let date = "Sep 2";
        let fit =
            |w| ghost_title_and_tail("Apollo 14 launch", "/tmp/a/very/long/path/apollo13.yaml", w, date);
        assert_eq!(
            fit(120),
            ("Apollo 14 launch".into(), "  (removed since /tmp/a/very/long/path/apollo13.yaml)".into())
        );
        assert_eq!(fit(40), ("Apollo 14 launch".into(), "  (removed)".into()));
        assert_eq!(fit(33), ("Apollo 14 lau…".into(), "  (removed)".into()));
        assert_eq!(fit(20).1, "", "no room for words: the title alone");
        assert!(fit(20).0.starts_with("Apollo"));
    }
}
