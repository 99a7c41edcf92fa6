//! Contrast, measured: WCAG 2's relative luminance and contrast ratio for what a theme draws.
//!
//! A terminal colour has no fixed value, so the measurement says what it assumes: the sixteen
//! ANSI colours and the 256-colour palette are xterm's defaults, and the terminal's own
//! foreground and background (`Color::Reset`) are light grey on black under the dark theme and
//! black on white under the light one. The high-contrast theme paints its own background, so it
//! does not depend on the terminal's. Dimmed text (`Modifier::DIM`) counts as halfway to its
//! background, reversed text swaps the two.

use super::theme::ThemeKind;
use ratatui::style::{Color, Modifier};

pub type Rgb = (u8, u8, u8);

/// WCAG AA for text, and for marks that carry meaning like ● and ○.
pub const TEXT: f64 = 4.5;
/// WCAG AA for graphics that are not text: block elements (▂ █) and box drawing (─ ┴ │).
pub const GRAPHIC: f64 = 3.0;

/// xterm's default palette: the sixteen ANSI colours, the 6×6×6 cube and the grey ramp.
pub fn xterm(index: u8) -> Rgb {
    const ANSI: [Rgb; 16] = [
        (0x00, 0x00, 0x00),
        (0xcd, 0x00, 0x00),
        (0x00, 0xcd, 0x00),
        (0xcd, 0xcd, 0x00),
        (0x00, 0x00, 0xee),
        (0xcd, 0x00, 0xcd),
        (0x00, 0xcd, 0xcd),
        (0xe5, 0xe5, 0xe5),
        (0x7f, 0x7f, 0x7f),
        (0xff, 0x00, 0x00),
        (0x00, 0xff, 0x00),
        (0xff, 0xff, 0x00),
        (0x5c, 0x5c, 0xff),
        (0xff, 0x00, 0xff),
        (0x00, 0xff, 0xff),
        (0xff, 0xff, 0xff),
    ];
    match index {
        0..=15 => ANSI[usize::from(index)],
        16..=231 => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let i = index - 16;
            (level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        _ => {
            let grey = 8 + 10 * (index - 232);
            (grey, grey, grey)
        }
    }
}

/// The terminal's own colours, as the measurement assumes them for a theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backdrop {
    pub foreground: Rgb,
    pub background: Rgb,
}

impl Backdrop {
    pub fn of(kind: ThemeKind) -> Backdrop {
        match kind {
            // The high-contrast theme paints white on black itself; this is only its fallback.
            ThemeKind::Dark | ThemeKind::HighContrast => {
                Backdrop { foreground: xterm(7), background: xterm(0) }
            }
            ThemeKind::Light => Backdrop { foreground: xterm(0), background: xterm(15) },
        }
    }
}

/// The RGB a ratatui colour stands for; `Reset` is the terminal's own `default`.
pub fn rgb(color: Color, default: Rgb) -> Rgb {
    let index = match color {
        Color::Reset => return default,
        Color::Rgb(r, g, b) => return (r, g, b),
        Color::Indexed(i) => i,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    xterm(index)
}

/// WCAG 2 relative luminance.
pub fn luminance((r, g, b): Rgb) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2 contrast ratio, 1 (none) to 21 (black on white), whichever is lighter.
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The foreground and background a cell shows: colours resolved against the backdrop, reverse
/// video swapped, dim text taken halfway to its background.
pub fn shown(fg: Color, bg: Color, modifier: Modifier, backdrop: Backdrop) -> (Rgb, Rgb) {
    let (mut fore, mut back) = (rgb(fg, backdrop.foreground), rgb(bg, backdrop.background));
    if modifier.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fore, &mut back);
    }
    if modifier.contains(Modifier::DIM) {
        let half = |f: u8, b: u8| ((u16::from(f) + u16::from(b)) / 2) as u8;
        fore = (half(fore.0, back.0), half(fore.1, back.1), half(fore.2, back.2));
    }
    (fore, back)
}

/// What a drawn symbol is, for the threshold it must meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Graphic,
}

/// Box drawing and block elements are graphics; anything else visible is text (letters, digits
/// and the status marks ● ○ ✕ ◀ ▶). Blank cells show no foreground.
pub fn kind_of(symbol: &str) -> Option<Kind> {
    let mut chars = symbol.chars().filter(|c| !c.is_whitespace());
    let first = chars.next()?;
    Some(if ('\u{2500}'..='\u{259F}').contains(&first) { Kind::Graphic } else { Kind::Text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wcag_formula() {
        assert!((ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((ratio((120, 30, 200), (120, 30, 200)) - 1.0).abs() < 1e-9);
        // #767676 on white is the well-known lightest grey that passes AA (4.54:1).
        assert!((ratio((0x76, 0x76, 0x76), (255, 255, 255)) - 4.54).abs() < 0.01);
    }

    /// The measurements the issue reported for the old colours.
    #[test]
    fn the_issues_numbers() {
        let blue = rgb(Color::Blue, (0, 0, 0));
        assert!((ratio(blue, blue) - 1.0).abs() < 1e-9, "blue on blue");
        let grey_on_blue = ratio(rgb(Color::DarkGray, (0, 0, 0)), blue);
        assert!((grey_on_blue - 2.35).abs() < 0.01, "{grey_on_blue}");
        let red_on_black = ratio(rgb(Color::Red, (0, 0, 0)), xterm(0));
        assert!((red_on_black - 3.6).abs() < 0.05, "{red_on_black}");
    }

    #[test]
    fn the_palette() {
        assert_eq!(xterm(16), (0, 0, 0));
        assert_eq!(xterm(75), (0x5f, 0xaf, 0xff));
        assert_eq!(xterm(231), (255, 255, 255));
        assert_eq!(xterm(232), (8, 8, 8));
        assert_eq!(xterm(255), (0xee, 0xee, 0xee));
    }

    #[test]
    fn reverse_swaps_and_dim_halves() {
        let backdrop = Backdrop::of(ThemeKind::Light);
        let (f, b) = shown(Color::Reset, Color::Reset, Modifier::REVERSED, backdrop);
        assert_eq!((f, b), ((255, 255, 255), (0, 0, 0)));
        let (f, _) = shown(Color::Black, Color::Reset, Modifier::DIM, backdrop);
        assert_eq!(f, (127, 127, 127));
        assert_eq!(kind_of("█"), Some(Kind::Graphic));
        assert_eq!(kind_of("─"), Some(Kind::Graphic));
        assert_eq!(kind_of("●"), Some(Kind::Text));
        assert_eq!(kind_of(" "), None);
    }
}
