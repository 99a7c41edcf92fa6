//! Colours and emphasis. With `NO_COLOR` set, only bold, underline, reverse and italic are used.
//!
//! Every colour pair meets WCAG AA (4.5:1 for text and marks, 3:1 for graphics) as
//! `tui::contrast` measures it, and the high-contrast theme AAA (7:1); the tests below compute
//! the ratios, and `tests/render.rs` measures every cell of drawn frames. No state is told by
//! colour alone: what a colour marks also has a shape (● ○ ✕, ┅ ╌) or an attribute (bold,
//! underline, reverse) that survives `NO_COLOR` and a monochrome screen.

/// Which colours: for a dark or a light terminal background, or high contrast (`--theme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeKind {
    Dark,
    Light,
    /// White and bright colours on a black background the theme paints itself, so it holds on
    /// any terminal; every text pair at least 7:1.
    HighContrast,
}

impl ThemeKind {
    pub const ALL: [ThemeKind; 3] = [ThemeKind::Dark, ThemeKind::Light, ThemeKind::HighContrast];

    /// The name `--theme` and the config file's `theme` take (a test holds clap's to it).
    pub fn name(self) -> &'static str {
        match self {
            ThemeKind::Dark => "dark",
            ThemeKind::Light => "light",
            ThemeKind::HighContrast => "high-contrast",
        }
    }

    /// Every theme's name, `dark, light or high-contrast`: the config's comments are written
    /// from this list and a test holds the README to it.
    pub fn names() -> String {
        let names = ThemeKind::ALL.map(ThemeKind::name);
        let (last, rest) = names.split_last().expect("there are themes");
        format!("{} or {last}", rest.join(", "))
    }
}

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Laid under the whole frame before anything is drawn (and under popups): empty, so the
    /// terminal's own colours show, except in the high-contrast theme.
    pub base: Style,
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
                base: Style::new(),
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
        if kind == ThemeKind::HighContrast {
            return Theme::high_contrast();
        }
        // Measured in tests below: the 16 ANSI colours where they pass, 256-colour ones where
        // the ANSI one does not (light blue on black is 4.4:1, dark grey on white 4.0:1, red on
        // black 3.6:1, green on white 2.2:1).
        let (accent, fg_dim, sel_bg, sel_fg, link, planned, year, error, changed) = match kind {
            ThemeKind::Dark => (
                Color::Cyan,
                Color::DarkGray,
                Color::Blue,
                Color::White,
                Color::Indexed(75),
                Color::Yellow,
                Color::LightYellow,
                Color::LightRed,
                Color::Green,
            ),
            _ => (
                Color::Blue,
                Color::Indexed(242),
                Color::Blue,
                Color::White,
                Color::Blue,
                Color::Magenta,
                Color::Red,
                Color::Red,
                Color::Indexed(28),
            ),
        };
        let selected = Style::new().bg(sel_bg).fg(sel_fg).add_modifier(Modifier::BOLD);
        Theme {
            base: Style::new(),
            text: Style::new(),
            dim: Style::new().fg(fg_dim),
            title: bold.fg(accent),
            heading: bold.fg(accent),
            year: bold.fg(year),
            selected,
            selected_unfocused: reverse,
            planned: Style::new().fg(planned),
            cancelled: Style::new().fg(fg_dim).add_modifier(Modifier::CROSSED_OUT),
            badge: Style::new().fg(accent),
            link: underline.fg(link),
            link_selected: selected.add_modifier(Modifier::UNDERLINED),
            border: Style::new().fg(fg_dim),
            border_focused: bold.fg(accent),
            axis_mark: Style::new().fg(accent),
            axis_selected: selected,
            axis_faint: Style::new().fg(fg_dim),
            key: bold.fg(accent),
            message: Style::new().fg(planned),
            error: bold.fg(error),
            label: bold,
            matched: bold.fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            changed: bold.fg(changed),
        }
    }

    /// The theme with one role's colour replaced (the config file's `[colors]`), if every style
    /// it colours still meets the contrast the theme promises (4.5:1, 7:1 in high contrast, as
    /// `tui::contrast` measures it on the theme's backdrop); else the theme is unchanged and the
    /// answer says why.
    pub fn recolor(&mut self, role: &str, color: Color, kind: ThemeKind) -> Result<(), String> {
        let mut next = *self;
        let fields: Vec<&mut Style> = match role {
            "accent" => vec![
                &mut next.title,
                &mut next.heading,
                &mut next.badge,
                &mut next.border_focused,
                &mut next.axis_mark,
                &mut next.key,
            ],
            "dim" => vec![&mut next.dim, &mut next.cancelled, &mut next.border, &mut next.axis_faint],
            "link" => vec![&mut next.link],
            "planned" => vec![&mut next.planned, &mut next.message],
            "year" => vec![&mut next.year],
            "error" => vec![&mut next.error],
            "changed" => vec![&mut next.changed],
            "selection" => {
                for style in [&mut next.selected, &mut next.axis_selected, &mut next.link_selected] {
                    *style = style.bg(color);
                }
                Vec::new()
            }
            other => return Err(format!("`{}` is not a colour role", crate::text::escape(other))),
        };
        for style in fields {
            *style = style.fg(color);
        }
        let backdrop = super::contrast::Backdrop::of(kind);
        let needed = if kind == ThemeKind::HighContrast { 7.0 } else { super::contrast::TEXT };
        let base_bg = next.base.bg.unwrap_or(Color::Reset);
        for (name, style) in next.styles() {
            let fg = style.fg.unwrap_or(Color::Reset);
            let bg = style.bg.unwrap_or(base_bg);
            let (fore, back) = super::contrast::shown(fg, bg, style.add_modifier, backdrop);
            let ratio = super::contrast::ratio(fore, back);
            if ratio < needed {
                return Err(format!(
                    "{role} makes the {name} style {ratio:.1}:1 on the {} theme; text needs {needed}:1",
                    kind.name()
                ));
            }
        }
        *self = next;
        Ok(())
    }

    /// White and the brightest colours on black, with the black painted by the theme.
    fn high_contrast() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let on = |fg: Color, bg: Color| bold.fg(fg).bg(bg);
        let selected = on(Color::Black, Color::LightYellow);
        Theme {
            base: Style::new().fg(Color::White).bg(Color::Black),
            text: Style::new(),
            dim: Style::new().fg(Color::Gray),
            title: bold.fg(Color::LightYellow),
            heading: bold.fg(Color::LightYellow).add_modifier(Modifier::UNDERLINED),
            year: bold.fg(Color::LightCyan),
            selected,
            selected_unfocused: on(Color::Black, Color::Gray),
            planned: Style::new().fg(Color::LightCyan),
            cancelled: Style::new().fg(Color::Gray).add_modifier(Modifier::CROSSED_OUT),
            badge: Style::new().fg(Color::LightCyan),
            link: Style::new().fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
            link_selected: on(Color::Black, Color::LightCyan).add_modifier(Modifier::UNDERLINED),
            border: Style::new().fg(Color::Gray),
            border_focused: bold.fg(Color::LightYellow),
            axis_mark: Style::new().fg(Color::White),
            axis_selected: selected,
            axis_faint: Style::new().fg(Color::Gray),
            key: bold.fg(Color::LightYellow),
            message: bold.fg(Color::LightCyan),
            error: bold.fg(Color::Indexed(210)).add_modifier(Modifier::UNDERLINED),
            label: bold.fg(Color::White),
            matched: on(Color::Black, Color::LightGreen).add_modifier(Modifier::UNDERLINED),
            changed: bold.fg(Color::LightGreen).add_modifier(Modifier::ITALIC),
        }
    }

    /// Every style with its name. Destructured, so a new field does not compile until it is
    /// listed here, and so measured. Each draws some text or a mark somewhere (a pane's title is
    /// drawn in its border's style), so each is held to the text threshold.
    pub fn styles(&self) -> Vec<(&'static str, Style)> {
        let Theme {
            base,
            text,
            dim,
            title,
            heading,
            year,
            selected,
            selected_unfocused,
            planned,
            cancelled,
            badge,
            link,
            link_selected,
            border,
            border_focused,
            axis_mark,
            axis_selected,
            axis_faint,
            key,
            message,
            error,
            label,
            matched,
            changed,
        } = *self;
        vec![
            ("base", base),
            ("text", text),
            ("dim", dim),
            ("title", title),
            ("heading", heading),
            ("year", year),
            ("selected", selected),
            ("selected_unfocused", selected_unfocused),
            ("planned", planned),
            ("cancelled", cancelled),
            ("badge", badge),
            ("link", link),
            ("link_selected", link_selected),
            ("border", border),
            ("border_focused", border_focused),
            ("axis_mark", axis_mark),
            ("axis_selected", axis_selected),
            ("axis_faint", axis_faint),
            ("key", key),
            ("message", message),
            ("error", error),
            ("label", label),
            ("matched", matched),
            ("changed", changed),
        ]
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_role_takes_a_colour_only_with_enough_contrast() {
        for kind in ThemeKind::ALL {
            let mut theme = Theme::new(kind, false);
            let before = theme;
            let own = theme.title.fg.unwrap();
            assert_eq!(theme.recolor("accent", own, kind), Ok(()), "{kind:?}");
            if kind != ThemeKind::HighContrast {
                // (High contrast draws badges and marks in other colours than titles.)
                assert_eq!(theme, before, "its own colour changes nothing");
            }
        }
        let mut dark = Theme::new(ThemeKind::Dark, false);
        let refused = dark.recolor("accent", Color::Black, ThemeKind::Dark).unwrap_err();
        assert!(refused.starts_with("accent makes the title style 1.0:1 on the dark theme"), "{refused}");
        assert_eq!(dark, Theme::new(ThemeKind::Dark, false), "unchanged when refused");
        assert_eq!(dark.recolor("accent", Color::LightMagenta, ThemeKind::Dark), Ok(()));
        assert_eq!(dark.key.fg, Some(Color::LightMagenta));
        assert!(dark.recolor("selection", Color::White, ThemeKind::Dark).is_err(), "white on white");
        assert!(dark.recolor("sparkle", Color::White, ThemeKind::Dark).is_err());
    }

    use super::super::contrast::{self, Backdrop};
    use super::*;

    /// The contrast of a style drawn where it is drawn: on its own background, or on the
    /// theme's base (the terminal's own colours, or high contrast's black).
    fn measured(theme: &Theme, style: Style, kind: ThemeKind) -> f64 {
        let style = theme.base.patch(style);
        let (fg, bg) = contrast::shown(
            style.fg.unwrap_or(Color::Reset),
            style.bg.unwrap_or(Color::Reset),
            style.add_modifier,
            Backdrop::of(kind),
        );
        contrast::ratio(fg, bg)
    }

    #[test]
    fn every_style_meets_wcag_aa_and_high_contrast_aaa() {
        let mut report = Vec::new();
        for kind in ThemeKind::ALL {
            let theme = Theme::new(kind, false);
            let text = if kind == ThemeKind::HighContrast { 7.0 } else { contrast::TEXT };
            for (name, style) in theme.styles() {
                let need = text;
                let ratio = measured(&theme, style, kind);
                report.push(format!("{kind:?} {name}: {ratio:.2}:1"));
                assert!(ratio >= need, "{kind:?} {name}: {ratio:.2}:1 < {need}:1\n{}", report.join("\n"));
            }
        }
    }

    /// Matches drawn on the selection keep their own colours (`patch`), so they are measured on
    /// their own background; these are the other pairs drawn on top of something coloured.
    #[test]
    fn marks_over_the_selection_and_matches_over_their_background() {
        for kind in ThemeKind::ALL {
            let theme = Theme::new(kind, false);
            let need = if kind == ThemeKind::HighContrast { 7.0 } else { 4.5 };
            for (name, style) in [
                ("matched over a selected link", theme.link_selected.patch(theme.matched)),
                ("matched over a planned mark", theme.planned.patch(theme.matched)),
                ("a marked event's selection", theme.axis_selected.add_modifier(Modifier::UNDERLINED)),
                ("matched over the title", theme.title.patch(theme.matched)),
            ] {
                let ratio = measured(&theme, style, kind);
                assert!(ratio >= need, "{kind:?} {name}: {ratio:.2}:1");
            }
        }
    }

    /// What a colour means has a second signal: an attribute that differs (and survives
    /// `NO_COLOR`), where no shape tells the states apart.
    #[test]
    fn no_state_is_told_by_colour_alone() {
        for no_color in [false, true] {
            for kind in ThemeKind::ALL {
                let t = Theme::new(kind, no_color);
                let attributes = |s: Style| s.add_modifier;
                for (name, state, plain) in [
                    ("selected row", t.selected, t.text),
                    ("unfocused selection", t.selected_unfocused, t.text),
                    ("search match", t.matched, t.text),
                    ("selected link", t.link_selected, t.link),
                    ("link", t.link, t.text),
                    ("selected time mark", t.axis_selected, t.axis_mark),
                    ("focused pane", t.border_focused, t.border),
                    ("error", t.error, t.text),
                    ("changed event", t.changed, t.text),
                ] {
                    assert_ne!(
                        attributes(state),
                        attributes(plain),
                        "{kind:?} (NO_COLOR {no_color}): the {name} differs only by colour"
                    );
                }
            }
        }
    }

    #[test]
    fn no_color_means_no_colour_in_every_theme() {
        for kind in ThemeKind::ALL {
            for (name, style) in Theme::new(kind, true).styles() {
                assert_eq!((style.fg, style.bg), (None, None), "{kind:?} {name}");
            }
        }
    }
}
