//! Drawing: reads the app, changes nothing. Only what is on screen is built, so a frame costs the
//! same with ten events or a hundred thousand.

use super::app::{App, Focus, LoadState};
use super::changes_view;
pub use super::layout::{
    clear, layout, selected_row, Areas, View, MIN_HEIGHT, MIN_WIDTH, TWO_PANE_MIN_WIDTH,
};
use super::popups::Popup;
use super::theme::Theme;
use super::timeline::context_label;
use super::timeline::strip::{StripLayout, StripWidget};
use super::timeline::view::{self, TimelineView};
use crate::explorer::{Explorer, ListRow};
use crate::keys::action::Action;
use crate::keys::keymap;
use crate::model::Status;
use crate::text::{self, one_line};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;
use std::time::Instant;

/// Draws the open popup where it goes: on the status line, or over the middle of the screen.
fn draw_popup(
    frame: &mut Frame,
    popup: &dyn Popup,
    areas: &Areas,
    explorer: Option<&Explorer>,
    theme: &Theme,
) {
    let area = if popup.on_status_line() { areas.status } else { frame.area() };
    popup.draw(frame, area, explorer, theme);
}

/// Draws the whole explorer. `now` is the time to show (the loading spinner and timer): passed
/// in so drawing reads no clock and the same state always draws the same frame.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, now: Instant) {
    let area = frame.area();
    frame.buffer_mut().set_style(area, theme.base);
    let areas = super::reading::screen(area, app);
    if areas.too_small {
        let note = if area.width >= 9 { "Terminal too small" } else { "…" };
        frame.render_widget(Paragraph::new(text::truncate(note, usize::from(area.width)).into_owned()), area);
        return;
    }
    let explorer = app.explorer();
    if let Some(ex) = explorer.filter(|e| e.story().is_some()) {
        super::story::draw(frame, app, ex, theme);
        if let Some(popup) = &app.popup {
            draw_popup(frame, popup.as_ref(), &areas, explorer, theme);
        }
        return;
    }
    draw_header(frame, app, theme, areas.header, now);
    // In one-pane layouts the detail shares its place with the list or the timeline.
    let one_pane = areas.detail.is_some() && (areas.list == areas.detail || areas.timeline == areas.detail);
    // While the timeline loads, the cache's head of it may stand for the list (`head.rs`).
    let head = app.head();
    if let Some(list) = areas.list {
        if !one_pane || !app.detail_open {
            draw_list(frame, app, explorer.or(head.map(|h| &h.explorer)), theme, list);
        }
    }
    if let Some(timeline) = areas.timeline {
        if !one_pane || !app.detail_open {
            draw_timeline(frame, explorer, app.focus == Focus::Axis, theme, timeline);
        }
    }
    if let Some(detail) = areas.detail {
        if !one_pane || app.detail_open {
            draw_detail(frame, explorer, app.focus == Focus::Detail, theme, detail);
            if let Some(head) = head {
                let inner = Block::bordered().inner(detail);
                let note = text::wrap(&super::head::detail_note(head), usize::from(inner.width));
                frame.render_widget(Paragraph::new(note.join("\n")).style(theme.dim), inner);
            }
        }
    }
    if let Some(axis) = areas.axis {
        let focused = app.focus == Focus::Axis;
        let inner = Areas::axis_inner(axis);
        // Laid out once: the title reads its scale, the strip draws it.
        let strip = explorer.and_then(|e| StripLayout::new(e, inner.width));
        let context = strip.as_ref().map(|s| context_label(&s.scale));
        let histogram = strip.as_ref().and_then(StripLayout::scale_words);
        let title = match (context, histogram) {
            (Some(context), Some(scale)) => format!(" Time · {} · {scale} ", one_line(&context)),
            (Some(context), None) => format!(" Time · {} ", one_line(&context)),
            _ => " Time ".to_string(),
        };
        let title = text::truncate(&title, usize::from(axis.width)).into_owned();
        let block = Block::new().borders(Borders::TOP).title(title).border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        });
        frame.render_widget(block, axis);
        if let (Some(explorer), Some(layout)) = (explorer, &strip) {
            frame.render_widget(StripWidget { explorer, theme, layout }, inner);
        }
    }
    draw_status(frame, app, theme, areas.status, now);
    if let Some(popup) = &app.popup {
        draw_popup(frame, popup.as_ref(), &areas, explorer, theme);
    }
}

fn draw_header(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, now: Instant) {
    let mut spans = header_spans(app, theme, now);
    let width = usize::from(area.width);
    // The title gives way first, so the counts and the filter stay in sight.
    let total: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    if total > width && app.banner.is_none() && matches!(app.state, LoadState::Ready(_)) {
        if let Some(title) = spans.first_mut() {
            let title_width = text::width(&title.content);
            let room = width.saturating_sub(total - title_width).max(title_width.min(12));
            title.content = text::truncate(&title.content, room).into_owned().into();
        }
    }
    let (left, used) = fit_spans(spans, width);
    frame.render_widget(Paragraph::new(Line::from(left)), area);
    // The message takes the room the header leaves, so it never hides the filter; when there
    // is too little, the status line shows it instead.
    if let Some(message) = app.message.as_ref().filter(|m| header_message_fits(width, used, m)) {
        let room = width - used;
        let text = one_line(message);
        let w = (text::width(&text) + 3).min(room);
        let right = Rect { x: area.x + (width - w) as u16, width: w as u16, ..area };
        clear(frame, right, theme);
        let shown = text::truncate(&text, w.saturating_sub(3)).into_owned();
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(" │ ", theme.dim),
                Span::styled(shown, theme.message),
            ])),
            right,
        );
    }
}

/// The header's text: the title, counts, zone, filter and search, or the banner.
fn header_spans(app: &App, theme: &Theme, now: Instant) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    match &app.state {
        LoadState::Ready(ex) => {
            let t = &ex.timeline;
            spans.push(Span::styled(one_line(&t.title).into_owned(), theme.title));
            let shown = ex.visible().len();
            let count = if ex.query().is_empty() {
                format!("  {} events", t.events.len())
            } else {
                format!("  {shown} of {} events", t.events.len())
            };
            spans.push(Span::styled(count, theme.dim));
            let zone_note = ex.zone_note();
            if ex.has_times() || *ex.zone() != t.zone || zone_note.is_some() {
                let zone = match ex.zone() {
                    crate::model::Zone::Local => {
                        format!("local {}", ex.zone().label_at(chrono::Utc::now().timestamp()))
                    }
                    z => z.name(),
                };
                let note = zone_note.map(|n| format!("; {}", one_line(&n))).unwrap_or_default();
                spans.push(Span::styled(format!("  times: {zone}{note}"), theme.dim));
            }
            if ex.query().is_empty() {
                spans.push(Span::styled("  filters: none", theme.dim));
            } else if let Some(problem) = ex.filter_problem() {
                spans.push(Span::styled(
                    format!("  filter NOT applied ({}): ", one_line(problem)),
                    theme.error,
                ));
                spans.push(Span::styled(one_line(&ex.query().to_string()).into_owned(), theme.key));
            } else {
                spans.push(Span::styled("  filter: ", theme.dim));
                spans.push(Span::styled(one_line(&ex.query().to_string()).into_owned(), theme.key));
            }
            if let Some(search) = ex.search().filter(|s| !s.typing && !s.query.text.is_empty()) {
                spans.push(Span::styled("  search: ", theme.dim));
                spans.push(Span::styled(one_line(&search.input).into_owned(), theme.matched));
                let only = if ex.only_matches() { ", only these" } else { "" };
                spans.push(Span::styled(format!(" ({}{only}) n/N", search.matches.len()), theme.dim));
            }
        }
        LoadState::Failed(_) => {
            spans.push(Span::styled(format!("{}: could not load", one_line(&app.source_name)), theme.error));
        }
        LoadState::Loading { head: Some(head), .. } => {
            spans = super::head::header_spans(head, theme.title, theme.dim);
        }
        LoadState::Loading { since, bytes, .. } => {
            const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
            let elapsed = now.saturating_duration_since(*since);
            let frame = (elapsed.as_millis() / 100) as usize % SPINNER.len();
            spans.push(Span::styled(format!("Loading {}", one_line(&app.source_name)), theme.title));
            if let Some(bytes) = bytes {
                spans.push(Span::styled(format!(" ({})", human_bytes(*bytes)), theme.dim));
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
    spans
}

/// Below this many free columns the header has no room for a message.
const MESSAGE_MIN_WIDTH: usize = 16;

/// Whether `message` goes in the header after `used` columns of its text: when it fits whole
/// (or the status line would cut it too), else the status line says it, with more room.
fn header_message_fits(width: usize, used: usize, message: &str) -> bool {
    let room = width.saturating_sub(used);
    let wanted = text::width(&one_line(message)) + 3;
    room >= MESSAGE_MIN_WIDTH && (wanted <= room || wanted > width.saturating_sub(4))
}

/// `spans` cut to `width` columns, ending in `…` when anything was cut; and the columns used.
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> (Vec<Span<'static>>, usize) {
    let total: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    if total <= width {
        return (spans, total);
    }
    if width == 0 {
        return (Vec::new(), 0);
    }
    // Room for the text before the ellipsis.
    let room = width - 1;
    let mut out = Vec::new();
    let mut used = 0;
    let mut style = Style::default();
    for span in spans {
        let w = text::width(&span.content);
        style = span.style;
        if used + w <= room {
            used += w;
            out.push(span);
            continue;
        }
        let mut cut = String::new();
        for g in unicode_segmentation::UnicodeSegmentation::graphemes(span.content.as_ref(), true) {
            let gw = text::width(g);
            if used + gw > room {
                break;
            }
            used += gw;
            cut.push_str(g);
        }
        out.push(Span::styled(cut, span.style));
        break;
    }
    out.push(Span::styled("…", style));
    (out, used + 1)
}

fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} bytes"),
    }
}

/// A pane's frame in `area`, its title cut with `…` where the frame is narrower (ratatui would
/// cut it without a word).
fn pane_block(title: &str, area: Rect, focused: bool, theme: &Theme) -> Block<'static> {
    let title = text::truncate(title, usize::from(area.width.saturating_sub(2))).into_owned();
    Block::bordered().title(title).border_style(if focused { theme.border_focused } else { theme.border })
}

/// The columns a list row's title keeps before its badges are cut (24 at 80 columns).
const LIST_MIN_TITLE: usize = 24;

fn draw_list(frame: &mut Frame, app: &App, explorer: Option<&Explorer>, theme: &Theme, area: Rect) {
    let focused = app.focus == Focus::List;
    let title = explorer.and_then(changes_view::list_title).unwrap_or_else(|| " Events ".into());
    let block = pane_block(&title, area, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(ex) = explorer else {
        let note = Paragraph::new(format!("Reading {}…", one_line(&app.source_name))).style(theme.dim);
        frame.render_widget(note, inner);
        return;
    };
    if ex.visible().is_empty() {
        // Removed events the filter shows are still drawn, as ghosts (`--changes REV`).
        let ghosts = changes_view::ghost_lines(ex, theme, usize::from(inner.width));
        let note = match ex.timeline.since.as_ref() {
            Some(since) if !ghosts.is_empty() => {
                format!("No event of this version; removed since {}:", one_line(&since.label))
            }
            _ => "No events.".to_string(),
        };
        let mut lines: Vec<Line> = text::wrap(&note, usize::from(inner.width))
            .into_iter()
            .map(|l| Line::styled(l, theme.dim))
            .collect();
        lines.extend(ghosts);
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let timeline = &ex.timeline;
    // While a search has matches, a gutter marks every matching row, whatever field matched.
    let searching = ex.search().is_some_and(|s| !s.matches.is_empty());
    let width = usize::from(inner.width).saturating_sub(usize::from(searching));
    let two_marks = ex.any_bookmarked_and_annotated();
    let badge_form = ex.badge_form;
    let mut lines = Vec::with_capacity(usize::from(inner.height));
    for row in ex.list_rows(usize::from(inner.height)) {
        match row {
            ListRow::Year(year) => {
                let label = if year < 0 { format!("-{:04}", -year) } else { year.to_string() };
                let rule = "─".repeat(usize::from(inner.width).saturating_sub(text::width(&label) + 3));
                lines.push(Line::from(vec![
                    Span::styled(format!("─ {label} "), theme.year),
                    Span::styled(rule, theme.dim),
                ]));
            }
            ListRow::Ghost(ghost) => {
                lines.extend(changes_view::ghost_line(ex, theme, usize::from(inner.width), ghost));
            }
            ListRow::Event(position) => {
                let event_ix = ex.visible()[position];
                let event = &timeline.events[event_ix];
                let date = text::pad(&ex.list_dates.write(&event.date, ex.zone()), ex.date_width);
                // `--changes REV`: a column of marks, + added and ~ changed (changes_view.rs).
                let change = changes_view::mark_of(timeline, event_ix);
                let before_title =
                    ex.date_width + 3 + usize::from(two_marks) + change.as_ref().map_or(0, |_| 2);
                // The badges give way first: the title keeps `LIST_MIN_TITLE` where the row can.
                let badges_room = width.saturating_sub(before_title + LIST_MIN_TITLE + 1);
                let row_badges =
                    crate::report::list_badges(timeline, event_ix, badge_form).fitted(badges_room);
                let badges = text::truncate(&row_badges.text(), badges_room).into_owned();
                let badges_width = text::width(&badges);
                let fixed = before_title + if badges_width > 0 { badges_width + 1 } else { 0 };
                let title_width = width.saturating_sub(fixed);
                let title = text::pad(&one_line(&event.title), title_width);
                let highlight = match ex.search() {
                    Some(search) if ex.is_match(event_ix) => {
                        crate::model::search::highlight_positions(&title, &search.query)
                    }
                    _ => Vec::new(),
                };
                let mark_style = match event.status {
                    Status::Happened => theme.text,
                    Status::Planned => theme.planned,
                    Status::Cancelled | Status::NotHeld => theme.cancelled,
                };
                let mut title_style = if event.status == Status::Happened { theme.text } else { mark_style };
                if ex.is_changed(event_ix) {
                    title_style = theme.changed;
                }
                let mut spans = Vec::with_capacity(8);
                if searching {
                    let matched = ex.is_match(event_ix);
                    spans.push(Span::styled(if matched { "▶" } else { " " }, theme.matched));
                }
                // Between the date and the status mark: ★ bookmarked, ✎ annotated (issue #15);
                // both where one event has both (then every row keeps two columns for them).
                let note = match (ex.is_bookmarked(event_ix), event.annotation.is_some(), two_marks) {
                    (true, true, _) => "★✎",
                    (true, false, true) => "★ ",
                    (true, false, false) => "★",
                    (false, true, true) => " ✎",
                    (false, true, false) => "✎",
                    (false, false, true) => "  ",
                    (false, false, false) => " ",
                };
                if let Some(mark) = change {
                    spans.push(Span::styled(format!("{mark} "), theme.changed.add_modifier(Modifier::BOLD)));
                }
                spans.extend([
                    Span::styled(date, theme.dim),
                    Span::styled(note, theme.key),
                    Span::styled(event.status.mark().to_string(), mark_style),
                    Span::raw(" "),
                ]);
                spans.extend(highlighted(&title, &highlight, title_style, theme.matched));
                if badges_width > 0 && title_width > 0 {
                    spans.push(Span::raw(" "));
                    let badges = one_line(&badges).into_owned();
                    let marked: Vec<usize> = match ex.search() {
                        Some(search) if ex.is_match(event_ix) => {
                            crate::model::search::occurrences(&badges, &search.query.text)
                                .into_iter()
                                .flat_map(|(a, b)| a..b)
                                .collect()
                        }
                        _ => Vec::new(),
                    };
                    // The countries involved not said to have acted are dimmed (and in parentheses).
                    let also = row_badges.also_chars();
                    let style_at = |i: usize| if also.contains(&i) { theme.dim } else { theme.badge };
                    spans.extend(styled_runs(&badges, &marked, &style_at, theme.matched));
                }
                if position == ex.selected() {
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
    styled_runs(text, positions, &|_| style, matched)
}

/// `text` split into spans, each character in `style_at` its index, those at `positions` in
/// `matched` style.
fn styled_runs(
    text: &str,
    positions: &[usize],
    style_at: &dyn Fn(usize) -> Style,
    matched: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_style = None;
    for (i, c) in text.chars().enumerate() {
        let style = if positions.binary_search(&i).is_ok() { matched } else { style_at(i) };
        if run_style != Some(style) && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), run_style.unwrap_or(style)));
        }
        run_style = Some(style);
        run.push(c);
    }
    if let Some(style) = run_style {
        spans.push(Span::styled(run, style));
    }
    spans
}

fn draw_detail(frame: &mut Frame, explorer: Option<&Explorer>, focused: bool, theme: &Theme, area: Rect) {
    let block = pane_block(" Detail ", area, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(ex) = explorer else { return };
    let Some(layout) = ex.detail_layout(usize::from(inner.width)) else {
        // Nothing selected: say why rather than leave a blank pane.
        if ex.visible().is_empty() {
            let key =
                crate::keys::keymap::key_label(crate::keys::action::Action::ClearFilters).unwrap_or_default();
            let note = format!("No event is shown, so there is nothing to read: {key} clears the filter.");
            let note = text::wrap(&note, usize::from(inner.width));
            frame.render_widget(Paragraph::new(note.join("\n")).style(theme.dim), inner);
        }
        return;
    };
    let height = usize::from(inner.height);
    let max_scroll = layout.rows.len().saturating_sub(height);
    let scroll = ex.detail_scroll().min(max_scroll);
    let needle = ex.search().map(|s| s.query.text.as_str());
    let visible = super::detail::styled(&layout, scroll, height, ex.detail_link(), needle, theme);
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

fn draw_timeline(frame: &mut Frame, explorer: Option<&Explorer>, focused: bool, theme: &Theme, area: Rect) {
    let inner = Areas::inner(area);
    let laid_out = explorer.and_then(|e| Some((e, view::geometry(e, inner.width, inner.height)?)));
    let title = match &laid_out {
        Some((explorer, geometry)) => changes_view::timeline_title(explorer, view::title(explorer, geometry)),
        None => " Timeline ".to_string(),
    };
    frame.render_widget(pane_block(&title, area, focused, theme), area);
    if let Some((explorer, geometry)) = &laid_out {
        frame.render_widget(TimelineView { explorer, geometry, theme, focused }, inner);
    }
}

fn draw_status(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, now: Instant) {
    let width = usize::from(area.width);
    if app.first_run_hint && app.popup.is_none() {
        frame.render_widget(Paragraph::new(Line::from(super::first_run::spans(width, theme))), area);
        return;
    }
    let mut spans = Vec::new();
    let mut used = 0;
    // A message the header has no room for is said here, before the keys.
    if let Some(message) = &app.message {
        let header = header_spans(app, theme, now);
        let header_width: usize = header.iter().map(|s| text::width(&s.content)).sum();
        if !header_message_fits(width, header_width.min(width), message) {
            let shown = text::truncate(&one_line(message), width.saturating_sub(1)).into_owned();
            used += text::width(&shown) + 2;
            spans.push(Span::styled(shown, theme.message));
            spans.push(Span::raw("  "));
        }
    }
    if let Some(ex) = app.explorer().filter(|ex| ex.selected_event().is_some()) {
        let position = format!(" {}/{} ", ex.selected() + 1, ex.visible().len());
        if used + text::width(&position) <= width {
            used += text::width(&position);
            spans.push(Span::styled(position, theme.dim));
        }
    }
    spans.extend(hint_spans(status_hints(app), width.saturating_sub(used), theme));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The keys that matter now in `width` columns, cut at a key: a hint is shown whole or not at
/// all, the least useful dropped first (`footer::keep`).
pub fn hint_spans(hints: Vec<(String, &'static str)>, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (keys, hint) in super::footer::keep(hints, width) {
        let piece = format!(" {hint}  ");
        let w = text::width(&keys) + text::width(piece.trim_end());
        if used + w > width {
            break;
        }
        used += w + 2;
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::styled(piece, theme.dim));
    }
    spans
}

/// The status line's keys: a kept search's `n`/`N` where they step through matches (in the
/// detail they follow links), then the focused pane's or the open popup's keys.
pub fn status_hints(app: &App) -> Vec<(String, &'static str)> {
    let searching = matches!(app.mode(), keymap::Mode::List | keymap::Mode::Axis)
        && app.explorer().and_then(|e| e.search()).is_some_and(|s| !s.typing && !s.matches.is_empty());
    let search_hints = if searching { keymap::search_hints() } else { Vec::new() };
    let own = match &app.popup {
        Some(popup) => popup.hints(),
        None => keymap::hints(app.mode()),
    };
    // Space folds a country only where there are nested lanes to fold: named there alone.
    let nested = app.popup.is_none()
        && app.mode() == keymap::Mode::Axis
        && app.explorer().is_some_and(|e| e.grouping() == crate::model::lanes::Grouping::Nested);
    let fold = nested
        .then(|| keymap::key_label(Action::ToggleFold).map(|key| (key, Action::ToggleFold.hint())))
        .flatten();
    search_hints.into_iter().chain(fold).chain(own).collect()
}

/// Where the detail's web and mail addresses are on screen: (x, y, width, target) for each
/// piece, for the runner to make them terminal hyperlinks (OSC 8) after drawing.
pub fn hyperlinks(app: &App, area: Rect) -> Vec<(u16, u16, u16, String)> {
    let areas = super::reading::screen(area, app);
    let (Some(detail), Some(ex)) = (areas.detail, app.explorer()) else { return Vec::new() };
    let one_pane = areas.list == areas.detail || areas.timeline == areas.detail;
    let story = ex.story().is_some();
    if areas.too_small || (one_pane && !app.detail_open) || app.popup.is_some() || story {
        return Vec::new();
    }
    let inner = Areas::inner(detail);
    let Some(layout) = ex.detail_layout(usize::from(inner.width)) else { return Vec::new() };
    let height = usize::from(inner.height);
    let scroll = ex.detail_scroll().min(layout.rows.len().saturating_sub(height));
    layout
        .urls
        .iter()
        .filter(|u| u.row >= scroll && u.row < scroll + height)
        .filter_map(|u| {
            let x = inner.x + u16::try_from(u.column).ok()?;
            let width = u16::try_from(u.width).ok()?.min(inner.right().saturating_sub(x));
            (width > 0).then(|| (x, inner.y + (u.row - scroll) as u16, width, u.url.clone()))
        })
        .collect()
}
