//! Where each piece of the screen goes, and the few drawing helpers every piece shares. A leaf:
//! the runner maps the mouse with the same `Areas` that `ui` draws in, and popups clear and
//! mark rows with the same helpers, without either importing the other.

use super::theme::Theme;
use crate::explorer::Viewport;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

/// The two layouts `v` switches between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The event list and the detail side by side, a time strip under them.
    #[default]
    List,
    /// The timeline with lanes above, the detail under it.
    Timeline,
}

/// Below this width the list and the detail take turns: side by side they would both be too
/// narrow to read (issue #23).
pub const TWO_PANE_MIN_WIDTH: u16 = 100;
/// Below this the explorer only says the terminal is too small.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// The axis needs this much height to leave the list room.
const AXIS_MIN_TERMINAL_HEIGHT: u16 = 14;
const AXIS_HEIGHT: u16 = 4;

/// Where each piece goes. Pure, so the runner can map mouse positions with the same numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub too_small: bool,
    pub header: Rect,
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    pub axis: Option<Rect>,
    /// The timeline view (timeline layout only). In a short terminal it shares its place with
    /// the detail, as the list does in a narrow one.
    pub timeline: Option<Rect>,
    pub status: Rect,
}

impl Areas {
    /// Inside a pane's border.
    pub fn inner(rect: Rect) -> Rect {
        Block::bordered().inner(rect)
    }

    pub fn axis_inner(rect: Rect) -> Rect {
        Block::new().borders(Borders::TOP).inner(rect)
    }

    /// What paging needs to know of this layout.
    pub fn viewport(&self) -> Viewport {
        let list = self.list.map(Areas::inner).unwrap_or_default();
        let detail = self.detail.map(Areas::inner).unwrap_or_default();
        let timeline = self.timeline.map(Areas::inner).unwrap_or_default();
        let shared = |other: Option<Rect>| other.is_some() && other == self.detail;
        Viewport {
            list_rows: usize::from(list.height.max(1)),
            detail_rows: usize::from(detail.height.max(1)),
            detail_width: usize::from(detail.width.max(1)),
            timeline_width: timeline.width,
            timeline_height: timeline.height,
            one_pane: shared(self.list) || shared(self.timeline) || self.detail.is_none(),
            screen_width: self.status.width,
            screen_height: self.status.bottom(),
        }
    }
}

/// Below this many rows between header and status line, the timeline and the detail take turns.
const TIMELINE_WITH_DETAIL_MIN_HEIGHT: u16 = 16;

pub fn layout(area: Rect, view: View) -> Areas {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Areas { too_small: true, ..Areas::default() };
    }
    if view == View::Timeline {
        let [header, middle, status] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
        if middle.height < TIMELINE_WITH_DETAIL_MIN_HEIGHT {
            return Areas {
                header,
                timeline: Some(middle),
                detail: Some(middle),
                status,
                ..Areas::default()
            };
        }
        let [timeline, detail] =
            Layout::vertical([Constraint::Percentage(62), Constraint::Min(5)]).areas(middle);
        return Areas { header, timeline: Some(timeline), detail: Some(detail), status, ..Areas::default() };
    }
    let with_axis = area.height >= AXIS_MIN_TERMINAL_HEIGHT;
    let [header, middle, axis, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(if with_axis { AXIS_HEIGHT } else { 0 }),
        Constraint::Length(1),
    ])
    .areas(area);
    let axis = with_axis.then_some(axis);
    if area.width >= TWO_PANE_MIN_WIDTH {
        let list_width = ((u32::from(area.width) * 45 / 100) as u16).max(40);
        let [list, detail] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)]).areas(middle);
        Areas { header, list: Some(list), detail: Some(detail), axis, status, ..Areas::default() }
    } else {
        // One pane: both names point at the same place; `App::detail_open` says which is drawn.
        Areas { header, list: Some(middle), detail: Some(middle), axis, status, ..Areas::default() }
    }
}

/// Blanks an area to draw over, back to the theme's base (not to the terminal's colours, which
/// the high-contrast theme does not rely on).
pub fn clear(frame: &mut Frame, area: Rect, theme: &Theme) {
    frame.render_widget(Clear, area);
    frame.buffer_mut().set_style(area, theme.base);
}

/// A row as the selection draws it: one style across the whole row, so nothing on it is drawn
/// over the selection's background in a colour chosen for the page (a grey count, an accent
/// key), which is where contrast was lost.
pub fn selected_row(line: Line<'static>, style: Style) -> Line<'static> {
    Line::from(line.spans.into_iter().map(|span| span.style(style)).collect::<Vec<_>>()).style(style)
}
