//! Prints the measured contrast of every style of every theme, on what it is drawn on:
//! `cargo run --example contrast`. The tests hold these to 4.5:1 (7:1 in high contrast);
//! `tests/accessibility.rs` also measures every cell of drawn frames.

use timeline_explorer::tui::contrast::{self, Backdrop};
use timeline_explorer::tui::theme::{Theme, ThemeKind};

fn main() {
    for kind in ThemeKind::ALL {
        let theme = Theme::new(kind, false);
        let backdrop = Backdrop::of(kind);
        println!("{kind:?} (terminal default {:?} on {:?})", backdrop.foreground, backdrop.background);
        let mut lowest = f64::MAX;
        for (name, style) in theme.styles() {
            let style = theme.base.patch(style);
            let fg = style.fg.unwrap_or_default();
            let bg = style.bg.unwrap_or_default();
            let (f, b) = contrast::shown(fg, bg, style.add_modifier, backdrop);
            let ratio = contrast::ratio(f, b);
            lowest = lowest.min(ratio);
            println!("  {name:<20} {:<22} on {:<18} {ratio:>5.2}:1", format!("{fg:?}"), format!("{bg:?}"));
        }
        println!("  lowest: {lowest:.2}:1\n");
    }
}
