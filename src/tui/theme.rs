//! Colours and emphasis. With `NO_COLOR` set, only bold, underline and reverse are used.

/// Which colours: for a dark or a light terminal background (`--theme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeKind {
    Dark,
    Light,
}
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub heading: Style,
    pub year: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub planned: Style,
    pub cancelled: Style,
    pub badge: Style,
    pub link: Style,
    pub link_selected: Style,
    pub border: Style,
    pub border_focused: Style,
    pub axis_mark: Style,
    pub axis_selected: Style,
    pub axis_faint: Style,
    pub key: Style,
    pub message: Style,
    pub error: Style,
    pub label: Style,
    /// Characters that match the search.
    pub matched: Style,
    /// Events the last reload changed.
    pub changed: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(ThemeKind::Dark, false)
    }
}

impl Theme {
    pub fn new(kind: ThemeKind, no_color: bool) -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reverse = Style::new().add_modifier(Modifier::REVERSED);
        let underline = Style::new().add_modifier(Modifier::UNDERLINED);
        if no_color {
            return Theme {
                text: Style::new(),
                dim: Style::new(),
                title: bold,
                heading: bold.add_modifier(Modifier::UNDERLINED),
                year: bold,
                selected: reverse.add_modifier(Modifier::BOLD),
                selected_unfocused: reverse,
                planned: Style::new(),
                cancelled: Style::new(),
                badge: Style::new(),
                link: underline,
                link_selected: reverse.add_modifier(Modifier::UNDERLINED),
                border: Style::new(),
                border_focused: bold,
                axis_mark: Style::new(),
                axis_selected: reverse.add_modifier(Modifier::BOLD),
                axis_faint: Style::new(),
                key: bold,
                message: bold,
                error: bold.add_modifier(Modifier::UNDERLINED),
                label: bold,
                matched: bold.add_modifier(Modifier::UNDERLINED),
                changed: bold.add_modifier(Modifier::ITALIC),
            };
        }
        let (accent, fg_dim, sel_bg, sel_fg, link, planned, year) = match kind {
            ThemeKind::Dark => (
                Color::Cyan,
                Color::DarkGray,
                Color::Blue,
                Color::White,
                Color::LightBlue,
                Color::Yellow,
                Color::LightYellow,
            ),
            ThemeKind::Light => (
                Color::Blue,
                Color::DarkGray,
                Color::Blue,
                Color::White,
                Color::Blue,
                Color::Magenta,
                Color::Red,
            ),
        };
        Theme {
            text: Style::new(),
            dim: Style::new().fg(fg_dim),
            title: bold.fg(accent),
            heading: bold.fg(accent),
            year: bold.fg(year),
            selected: Style::new().bg(sel_bg).fg(sel_fg).add_modifier(Modifier::BOLD),
            selected_unfocused: reverse,
            planned: Style::new().fg(planned),
            cancelled: Style::new().fg(fg_dim).add_modifier(Modifier::CROSSED_OUT),
            badge: Style::new().fg(accent),
            link: underline.fg(link),
            link_selected: Style::new().bg(sel_bg).fg(sel_fg).add_modifier(Modifier::UNDERLINED),
            border: Style::new().fg(fg_dim),
            border_focused: Style::new().fg(accent),
            axis_mark: Style::new().fg(accent),
            axis_selected: Style::new().bg(sel_bg).fg(sel_fg).add_modifier(Modifier::BOLD),
            axis_faint: Style::new().fg(fg_dim),
            key: bold.fg(accent),
            message: Style::new().fg(planned),
            error: bold.fg(Color::Red),
            label: bold,
            matched: bold.fg(Color::Black).bg(Color::Yellow),
            changed: bold.fg(Color::Green),
        }
    }
}
