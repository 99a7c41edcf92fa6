//! Story mode on screen (issue #29): one slide filling the screen, set at a reading measure of
//! about 70 columns in the middle; a line above naming the story and the slide; under it a
//! strip of the whole story with this slide marked and the gap to the one before in words; and
//! the keys. What a slide says comes from `model::story`; which slide, from the explorer.
//!
//! Laying a slide out is pure and unstyled (`explorer::slide`, which the explorer's scrolling
//! uses too); this file gives it styles. The strip costs a binary search a column.

use super::app::App;
use super::theme::Theme;
use crate::explorer::slide::{lay_out, measure, Role, CHROME_ROWS};
use crate::explorer::{Explorer, StoryPlay};
use crate::keys::keymap::{self, Mode};
use crate::text::{self, one_line};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

fn body_area(screen: Rect) -> Rect {
    Rect { y: screen.y + 1, height: screen.height.saturating_sub(CHROME_ROWS), ..screen }
}

fn style(role: Role, play: &StoryPlay, theme: &Theme) -> Style {
    match role {
        Role::Date => theme.heading,
        Role::Title => theme.title.add_modifier(Modifier::BOLD),
        Role::Status => theme.planned,
        Role::Who | Role::Source => theme.dim,
        Role::Text | Role::Blank => theme.text,
        Role::Quote => theme.text.add_modifier(Modifier::ITALIC),
        Role::Speaker => theme.label,
        Role::Heading => theme.heading,
        Role::Link(i) if play.link() == Some(i) => theme.link_selected,
        Role::Link(_) => theme.link,
    }
}

/// Draws story mode over the whole screen.
pub fn draw(frame: &mut Frame, app: &App, explorer: &Explorer, theme: &Theme) {
    let Some(play) = explorer.story() else { return };
    let screen = frame.area();
    if screen.height < CHROME_ROWS + 1 {
        return;
    }
    let body = body_area(screen);
    let width = measure(body.width);
    let laid = lay_out(explorer, play, width);
    let height = usize::from(body.height);
    let max_scroll = laid.rows.len().saturating_sub(height);
    let scroll = play.scroll().min(max_scroll);
    let left = (usize::from(body.width).saturating_sub(width)) / 2;
    let lines: Vec<Line> = laid.rows[scroll..]
        .iter()
        .take(height)
        .map(|(role, indent, row)| {
            let style = style(*role, play, theme);
            Line::from(vec![Span::raw(" ".repeat(left + indent)), Span::styled(row.clone(), style)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
    let top = Rect { height: 1, ..screen };
    frame.render_widget(
        Paragraph::new(top_line(play, usize::from(screen.width), max_scroll, scroll, theme)),
        top,
    );
    let strip = Rect { y: screen.bottom() - 2, height: 1, ..screen };
    frame.render_widget(Paragraph::new(strip_line(explorer, play, usize::from(screen.width), theme)), strip);
    let footer = Rect { y: screen.bottom() - 1, height: 1, ..screen };
    frame.render_widget(Paragraph::new(footer_line(app, play, usize::from(screen.width), theme)), footer);
}

/// "Story · Title" on the left; the slide's number (and how far it is scrolled) on the right.
fn top_line(
    play: &StoryPlay,
    width: usize,
    max_scroll: usize,
    scroll: usize,
    theme: &Theme,
) -> Line<'static> {
    let mut right = match (play.detour(), play.slide()) {
        (Some(_), _) => format!("off the story, from slide {} · Backspace returns", play.position()),
        (None, Some(n)) => format!("slide {} of {}", n + 1, play.len()),
        (None, None) => format!("title · {} slides", play.len()),
    };
    if max_scroll > 0 {
        right.push_str(&format!(" · ↓ {}/{}", scroll + 1, max_scroll + 1));
    }
    let right = text::truncate(&right, width).into_owned();
    let room = width.saturating_sub(text::width(&right) + 2);
    let left = text::truncate(&format!("Story · {}", one_line(&play.telling.title)), room).into_owned();
    let gap = width.saturating_sub(text::width(&left) + text::width(&right));
    Line::from(vec![
        Span::styled(left, theme.title),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, theme.dim),
    ])
}

/// The gap to the previous slide in words, then the whole story as a line of time: `•` where
/// slides are, `◆` this one.
fn strip_line(explorer: &Explorer, play: &StoryPlay, width: usize, theme: &Theme) -> Line<'static> {
    let gap = match (play.detour(), play.slide()) {
        (Some(_), _) => "off the story".to_string(),
        (None, None) => "title slide".to_string(),
        (None, Some(0)) => "the first slide".to_string(),
        (None, Some(n)) => play.telling.gap_before(&explorer.timeline, n).unwrap_or_default(),
    };
    let label = text::truncate(&format!(" {gap} "), width).into_owned();
    let room = width.saturating_sub(text::width(&label) + 1);
    let current = play.slide().filter(|_| play.detour().is_none()).map(|n| play.telling.slide_days[n]);
    let (marks, at) = strip_marks(play.telling.days(), current, room);
    let mut spans = vec![Span::styled(label, theme.key), Span::raw(" ")];
    match at {
        Some(at) => {
            spans.push(Span::styled(marks[..at].iter().collect::<String>(), theme.axis_mark));
            spans.push(Span::styled(marks[at].to_string(), theme.axis_selected));
            spans.push(Span::styled(marks[at + 1..].iter().collect::<String>(), theme.axis_mark));
        }
        None => spans.push(Span::styled(marks.iter().collect::<String>(), theme.axis_mark)),
    }
    Line::from(spans)
}

/// `width` cells of the strip over the days `days` (sorted), and the cell of `current`.
fn strip_marks(days: &[i32], current: Option<i32>, width: usize) -> (Vec<char>, Option<usize>) {
    let (Some(&first), Some(&last)) = (days.first(), days.last()) else { return (vec!['─'; width], None) };
    if width == 0 {
        return (Vec::new(), None);
    }
    let span = i64::from(last - first).max(1);
    let cells = width as i64;
    // The cell a day falls in, and the first day of a cell.
    let cell_of = |day: i32| (i64::from(day - first) * (cells - 1) / span).clamp(0, cells - 1) as usize;
    let per = (cells - 1).max(1);
    let start_of = |cell: i64| i64::from(first) + (cell * span + per - 1) / per;
    let mut marks = Vec::with_capacity(width);
    for cell in 0..cells {
        let (from, to) = (start_of(cell), if cell + 1 == cells { i64::MAX } else { start_of(cell + 1) });
        let at = days.partition_point(|&d| i64::from(d) < from);
        let any = days.get(at).is_some_and(|&d| i64::from(d) < to);
        marks.push(if any { '•' } else { '─' });
    }
    let at = current.map(cell_of);
    if let Some(at) = at {
        marks[at] = '◆';
    }
    (marks, at)
}

/// The keys of story mode (from the keymap), or the slide number being typed, or a message.
fn footer_line(app: &App, play: &StoryPlay, width: usize, theme: &Theme) -> Line<'static> {
    if !play.typed.is_empty() {
        let text = format!(" go to slide {}▏ Enter goes, Esc cancels", play.typed);
        return Line::from(Span::styled(text::truncate(&text, width).into_owned(), theme.key));
    }
    let mut spans = Vec::new();
    let mut used = 0;
    if let Some(message) = &app.message {
        let shown = text::truncate(&one_line(message), width.saturating_sub(1)).into_owned();
        used += text::width(&shown) + 2;
        spans.push(Span::styled(shown, theme.message));
        spans.push(Span::raw("  "));
    }
    let hints = match &app.popup {
        Some(popup) => popup.hints(),
        None => keymap::hints(Mode::Story),
    };
    spans.extend(super::ui::hint_spans(hints, width.saturating_sub(used), theme));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strip_marks_every_slide_and_this_one() {
        let (marks, at) = strip_marks(&[0, 10, 100], Some(10), 11);
        let text: String = marks.iter().collect();
        assert_eq!(text, "•◆────────•");
        assert_eq!(at, Some(1));
        // More slides than cells: every cell that covers a slide is marked, none lost.
        let days: Vec<i32> = (0..1000).collect();
        let (marks, _) = strip_marks(&days, None, 7);
        assert!(marks.iter().all(|&c| c == '•'), "{marks:?}");
        assert_eq!(strip_marks(&[5], Some(5), 3).0, vec!['◆', '─', '─']);
    }
}
