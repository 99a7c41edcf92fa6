//! Drawing: reads the app, changes nothing. Only what is on screen is built, so a frame costs the
//! same with ten events or a hundred thousand.

use super::app::{App, Focus, ListRow, LoadState, Popup, Viewport};
use super::axis::AxisWidget;
use super::detail::DetailView;
use super::filtering::{facet_of, Picker};
use super::keymap::{self, Mode, KEYMAP};
use super::theme::Theme;
use crate::model::Status;
use crate::report::country_badges;
use crate::text::{self, one_line};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

/// Below this width the list and the detail take turns.
pub const TWO_PANE_MIN_WIDTH: u16 = 80;
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
        Viewport {
            list_rows: usize::from(list.height.max(1)),
            detail_rows: usize::from(detail.height.max(1)),
            detail_width: usize::from(detail.width.max(1)),
            one_pane: self.list.is_none() || self.detail.is_none() || self.list == self.detail,
        }
    }
}

pub fn layout(area: Rect) -> Areas {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Areas { too_small: true, ..Areas::default() };
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
        Areas { too_small: false, header, list: Some(list), detail: Some(detail), axis, status }
    } else {
        // One pane: both names point at the same place; `App::detail_open` says which is drawn.
        Areas { too_small: false, header, list: Some(middle), detail: Some(middle), axis, status }
    }
}

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let areas = layout(area);
    if areas.too_small {
        let note = if area.width >= 9 { "Terminal too small" } else { "…" };
        frame.render_widget(Paragraph::new(text::truncate(note, usize::from(area.width)).into_owned()), area);
        return;
    }
    draw_header(frame, app, theme, areas.header);
    let one_pane = areas.list == areas.detail;
    if let Some(list) = areas.list {
        if !one_pane || !app.detail_open {
            draw_list(frame, app, theme, list);
        }
    }
    if let Some(detail) = areas.detail {
        if !one_pane || app.detail_open {
            draw_detail(frame, app, theme, detail);
        }
    }
    if let Some(axis) = areas.axis {
        let focused = app.focus == Focus::Axis;
        let block = Block::new().borders(Borders::TOP).title(" Time ").border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        });
        let inner = block.inner(axis);
        frame.render_widget(block, axis);
        frame.render_widget(AxisWidget { app, theme }, inner);
    }
    draw_status(frame, app, theme, areas.status);
    match &app.popup {
        Some(Popup::Help { scroll }) => draw_help(frame, theme, *scroll),
        Some(Popup::Jump { input, error }) => draw_jump(frame, theme, input, error.as_deref()),
        Some(Popup::Query { input, error }) => draw_query(frame, theme, input, error.as_deref()),
        Some(Popup::Picker(picker)) => draw_picker(frame, theme, picker),
        Some(Popup::Search) => draw_search_prompt(frame, app, theme, areas.status),
        Some(Popup::Export { cursor }) => draw_export(frame, theme, *cursor, app.visible.len()),
        None => {}
    }
}

fn draw_header(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let mut spans = Vec::new();
    match (&app.timeline, &app.load_state) {
        (Some(t), _) => {
            spans.push(Span::styled(one_line(&t.title).into_owned(), theme.title));
            let shown = app.visible.len();
            let count = if app.query.is_empty() {
                format!("  {} events", t.events.len())
            } else {
                format!("  {shown} of {} events", t.events.len())
            };
            spans.push(Span::styled(count, theme.dim));
            if app.query.is_empty() {
                spans.push(Span::styled("  filters: none", theme.dim));
            } else if let Some(problem) = &app.filter_problem {
                spans.push(Span::styled(
                    format!("  filter NOT applied ({}): ", one_line(problem)),
                    theme.error,
                ));
                spans.push(Span::styled(one_line(&app.query.to_string()).into_owned(), theme.key));
            } else {
                spans.push(Span::styled("  filter: ", theme.dim));
                spans.push(Span::styled(one_line(&app.query.to_string()).into_owned(), theme.key));
            }
            if let Some(search) = app.search.as_ref().filter(|s| !s.typing && !s.query.text.is_empty()) {
                spans.push(Span::styled("  search: ", theme.dim));
                spans.push(Span::styled(one_line(&search.input).into_owned(), theme.matched));
                spans.push(Span::styled(format!(" ({})", search.matches.len()), theme.dim));
            }
        }
        (None, LoadState::Failed(_)) => {
            spans.push(Span::styled(format!("{}: could not load", one_line(&app.source_name)), theme.error));
        }
        (None, _) => {
            const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
            let elapsed = app.loading_since.elapsed();
            let frame = (elapsed.as_millis() / 100) as usize % SPINNER.len();
            spans.push(Span::styled(format!("Loading {}", one_line(&app.source_name)), theme.title));
            if let Some(bytes) = app.loading_bytes {
                spans.push(Span::styled(format!(" ({})", human_bytes(bytes)), theme.dim));
            }
            spans.push(Span::styled(
                format!(" {} {:.1} s — q quits", SPINNER[frame], elapsed.as_secs_f64()),
                theme.dim,
            ));
        }
    }
    if let Some(banner) = &app.banner {
        spans = vec![Span::styled(format!("⚠ {}", one_line(banner)), theme.error)];
    }
    let left = Line::from(spans);
    frame.render_widget(Paragraph::new(left), area);
    if let Some(message) = &app.message {
        // A separator keeps the message apart from the header text it covers.
        let text = one_line(message);
        let w = (text::width(&text) as u16 + 3).min(area.width / 2);
        let right = Rect { x: area.x + area.width - w, width: w, ..area };
        frame.render_widget(Clear, right);
        let shown = text::truncate(&text, usize::from(w.saturating_sub(3))).into_owned();
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(" │ ", theme.dim),
                Span::styled(shown, theme.message),
            ])),
            right,
        );
    }
}

fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} bytes"),
    }
}

fn pane_block<'a>(title: &'a str, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered().title(title).border_style(if focused { theme.border_focused } else { theme.border })
}

fn draw_list(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let focused = app.focus == Focus::List;
    let block = pane_block(" Events ", focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(timeline) = &app.timeline else {
        let note = Paragraph::new(format!("Reading {}…", one_line(&app.source_name))).style(theme.dim);
        frame.render_widget(note, inner);
        return;
    };
    if app.visible.is_empty() {
        frame.render_widget(Paragraph::new("No events.").style(theme.dim), inner);
        return;
    }
    let width = usize::from(inner.width);
    let mut lines = Vec::with_capacity(usize::from(inner.height));
    for row in app.list_rows(usize::from(inner.height)) {
        match row {
            ListRow::Year(year) => {
                let label = if year < 0 { format!("-{:04}", -year) } else { year.to_string() };
                let rule = "─".repeat(width.saturating_sub(text::width(&label) + 3));
                lines.push(Line::from(vec![
                    Span::styled(format!("─ {label} "), theme.year),
                    Span::styled(rule, theme.dim),
                ]));
            }
            ListRow::Event(position) => {
                let event = &timeline.events[app.visible[position]];
                let date = text::pad(&event.date.human(), app.date_width);
                let badges = country_badges(timeline, event);
                let badges_width = text::width(&badges);
                let fixed = app.date_width + 3 + if badges_width > 0 { badges_width + 1 } else { 0 };
                let title_width = width.saturating_sub(fixed);
                let title = text::pad(&one_line(&event.title), title_width);
                let highlight = match &app.search {
                    Some(search) if app.is_match(app.visible[position]) => {
                        crate::model::search::highlight_positions(&title, &search.query)
                    }
                    _ => Vec::new(),
                };
                let mark_style = match event.status {
                    Status::Happened => theme.text,
                    Status::Planned => theme.planned,
                    Status::Cancelled => theme.cancelled,
                };
                let mut title_style = if event.status == Status::Happened { theme.text } else { mark_style };
                if app.is_changed(app.visible[position]) {
                    title_style = theme.changed;
                }
                let mut spans = vec![
                    Span::styled(date, theme.dim),
                    Span::raw(" "),
                    Span::styled(event.status.mark().to_string(), mark_style),
                    Span::raw(" "),
                ];
                spans.extend(highlighted(&title, &highlight, title_style, theme.matched));
                if badges_width > 0 && title_width > 0 {
                    spans.push(Span::raw(" "));
                    spans.push(Span::styled(one_line(&badges).into_owned(), theme.badge));
                }
                if position == app.selected {
                    // One style for the whole row, so dim dates stay readable on the highlight;
                    // search matches stay underlined.
                    let style = if focused { theme.selected } else { theme.selected_unfocused };
                    spans = spans
                        .into_iter()
                        .map(|s| {
                            let underline = s.style == theme.matched;
                            let row =
                                if underline { style.add_modifier(Modifier::UNDERLINED) } else { style };
                            s.style(row)
                        })
                        .collect();
                }
                lines.push(Line::from(spans));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `text` split into spans, the characters at `positions` in `matched` style.
fn highlighted(text: &str, positions: &[usize], style: Style, matched: Style) -> Vec<Span<'static>> {
    if positions.is_empty() {
        return vec![Span::styled(text.to_string(), style)];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in text.chars().enumerate() {
        let is_match = positions.binary_search(&i).is_ok();
        if is_match != run_matched && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_matched { matched } else { style }));
        }
        run_matched = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_matched { matched } else { style }));
    }
    spans
}

fn draw_detail(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let focused = app.focus == Focus::Detail;
    let block = pane_block(" Detail ", focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (Some(timeline), Some(event)) = (&app.timeline, app.selected_event()) else { return };
    let needle = app.search.as_ref().map(|s| s.query.text.as_str());
    let view =
        DetailView::new(timeline, event, usize::from(inner.width), app.detail_link, Some(theme), needle);
    let max_scroll = view.lines.len().saturating_sub(usize::from(inner.height));
    let scroll = app.detail_scroll.min(max_scroll);
    let visible: Vec<Line> = view.lines.into_iter().skip(scroll).take(usize::from(inner.height)).collect();
    frame.render_widget(Paragraph::new(visible), inner);
    if max_scroll > 0 && inner.height > 0 {
        let label = format!(" {}/{} ", scroll + 1, max_scroll + 1);
        let w = label.len() as u16;
        if area.width > w + 2 {
            let at =
                Rect { x: area.x + area.width - w - 1, y: area.y + area.height - 1, width: w, height: 1 };
            frame.render_widget(Paragraph::new(label).style(theme.dim), at);
        }
    }
}

fn draw_status(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let mut spans = Vec::new();
    let mode = app.mode();
    if app.selected_event().is_some() {
        spans.push(Span::styled(format!(" {}/{} ", app.selected + 1, app.visible.len()), theme.dim));
    }
    for (keys, hint) in keymap::hints(mode) {
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::styled(format!(" {hint}  "), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// The help lines, generated from the keymap.
pub fn help_lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for mode in Mode::ALL {
        let bindings: Vec<_> = KEYMAP.iter().filter(|b| b.mode == mode).collect();
        if bindings.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(mode.title().to_string(), theme.heading));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<22}", keymap::keys_label(b)), theme.key),
                Span::raw(keymap::binding_description(b)),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Mouse".to_string(), theme.heading));
    lines.push(Line::raw("  click an event, a related link or the time axis to select; wheel scrolls"));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Filter queries (f)".to_string(), theme.heading));
    for text in [
        "  country:CN agency:fbi person:\"Guo Shengkun\" tag:hotline status:planned",
        "  from:2015-09 to:2016      events overlapping the dates",
        "  -tag:background           - negates any term",
        "  hotline launch            bare words: text that must all appear",
        "  one facet twice = either value (OR); different facets = all (AND)",
        "  names, short names and aliases work, in any case: country:china, agency:FBI",
    ] {
        lines.push(Line::raw(text));
    }
    lines
}

fn draw_help(frame: &mut Frame, theme: &Theme, scroll: usize) {
    let area = centered(
        frame.area(),
        frame.area().width.saturating_sub(4).clamp(20, 100),
        frame.area().height.saturating_sub(2),
    );
    frame.render_widget(Clear, area);
    let block = Block::bordered().title(" Keys — ? or Esc closes ").border_style(theme.border_focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = help_lines(theme);
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

fn draw_jump(frame: &mut Frame, theme: &Theme, input: &str, error: Option<&str>) {
    let area = centered(frame.area(), 60, 5);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(" Jump to date (Enter jumps, Esc cancels) ")
        .border_style(theme.border_focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::from(vec![
        Span::styled("date: ", theme.label),
        Span::raw(one_line(input).into_owned()),
        Span::styled("▏", theme.key),
    ])];
    match error {
        Some(e) => lines.push(Line::styled(e.to_string(), theme.error)),
        None => lines.push(Line::styled("e.g. 2016, 2016-06 or 2016-12-07", theme.dim)),
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn draw_query(frame: &mut Frame, theme: &Theme, input: &str, error: Option<&str>) {
    let area = centered(frame.area(), 90, 8);
    frame.render_widget(Clear, area);
    let block =
        Block::bordered().title(" Filter (Enter applies, Esc cancels) ").border_style(theme.border_focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::from(vec![
        Span::styled("filter: ", theme.label),
        Span::raw(one_line(input).into_owned()),
        Span::styled("▏", theme.key),
    ])];
    match error {
        Some(e) => lines.push(Line::styled(one_line(e).into_owned(), theme.error)),
        None => lines.push(Line::styled("ok", theme.dim)),
    }
    lines.push(Line::styled(
        "country: agency: person: tag: status: from: to: — -term negates — \"quotes\" keep spaces — other words search text",
        theme.dim,
    ));
    lines.push(Line::styled(
        "e.g. country:CN agency:fbi -tag:background from:2015-09 to:2016 hotline",
        theme.dim,
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn draw_picker(frame: &mut Frame, theme: &Theme, picker: &Picker) {
    let height = frame.area().height.saturating_sub(4).clamp(3, 30);
    let area = centered(frame.area(), 70, height);
    frame.render_widget(Clear, area);
    let title = format!(" {} — type to narrow, Space chooses, Enter applies ", facet_of(picker.kind).name());
    let block = Block::bordered().title(title).border_style(theme.border_focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let shown = picker.shown();
    let mut lines = vec![Line::from(vec![
        Span::styled("narrow: ", theme.label),
        Span::raw(one_line(&picker.narrow).into_owned()),
        Span::styled("▏", theme.key),
        Span::styled(
            format!("   {} of {} · {} chosen", shown.len(), picker.items.len(), picker.chosen.len()),
            theme.dim,
        ),
    ])];
    let rows = usize::from(inner.height).saturating_sub(1);
    let offset = picker.cursor.saturating_sub(rows.saturating_sub(1));
    let width = usize::from(inner.width);
    for (row, &i) in shown.iter().enumerate().skip(offset).take(rows) {
        let item = &picker.items[i];
        let mark = if picker.chosen.contains(&item.value) { "[x] " } else { "[ ] " };
        let count = format!(" {}", item.count);
        let indent = "  ".repeat(item.depth.min(6));
        let label_width = width.saturating_sub(4 + indent.len() + count.len());
        let label = text::pad(&one_line(&item.label), label_width);
        let style = if item.count == 0 { theme.dim } else { theme.text };
        let mut line = Line::from(vec![
            Span::styled(mark, theme.key),
            Span::raw(indent),
            Span::styled(label, style),
            Span::styled(count, theme.dim),
        ]);
        if row == picker.cursor {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    if shown.is_empty() {
        lines.push(Line::styled("nothing matches", theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_search_prompt(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    frame.render_widget(Clear, area);
    let Some(search) = &app.search else { return };
    let status = if search.query.text.is_empty() {
        "type to search titles, names, tags and text · Enter keeps · Esc returns".to_string()
    } else if search.pending {
        "searching…".to_string()
    } else {
        match search.matches.len() {
            0 => "no matches".to_string(),
            1 => "1 match".to_string(),
            n => format!("{n} matches"),
        }
    };
    let line = Line::from(vec![
        Span::styled("/", theme.key),
        Span::raw(one_line(&search.input).into_owned()),
        Span::styled("▏", theme.key),
        Span::styled(format!("  {status}"), theme.dim),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_export(frame: &mut Frame, theme: &Theme, cursor: usize, events: usize) {
    use crate::export::Format;
    let area = centered(frame.area(), 76, Format::ALL.len() as u16 + 4);
    frame.render_widget(Clear, area);
    let title = format!(
        " Export {events} shown event{} — Enter writes, Esc cancels ",
        if events == 1 { "" } else { "s" }
    );
    let block = Block::bordered().title(title).border_style(theme.border_focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::styled("to a new file in the current directory:", theme.dim)];
    for (i, format) in Format::ALL.iter().enumerate() {
        let about = match format {
            Format::Json => "the timeline document (loads back)",
            Format::Csv => "a spreadsheet table",
            Format::Markdown => "a readable report",
            Format::Ics => "a calendar (iCalendar)",
            Format::Timelinejs => "TimelineJS3 JSON",
            Format::Markwhen => "a markwhen document",
        };
        let mut line = Line::from(vec![
            Span::styled(format!("  {:<11}", format.name()), theme.key),
            Span::raw(format!(" .{:<16} {about}", format.extension())),
        ]);
        if i == cursor {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
