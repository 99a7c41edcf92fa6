//! Draws the explorer on the built-in timeline into an off-screen buffer and writes it as SVG:
//!
//! ```sh
//! cargo run --example screenshot > assets/screenshot.svg
//! ```
//!
//! Uses the same drawing code as the explorer (through ratatui's `TestBackend`), so the picture
//! is what a 120×40 terminal shows, with the third round of the dialogue selected.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use std::fmt::Write;
use std::time::Instant;
use timeline_explorer::keys::action::Action;
use timeline_explorer::model;
use timeline_explorer::tui::app::{App, Focus};
use timeline_explorer::tui::theme::Theme;
use timeline_explorer::tui::ui;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
const CELL_W: f64 = 8.4;
const CELL_H: f64 = 18.0;
const BACKGROUND: &str = "#1d1f21";
const FOREGROUND: &str = "#d8dee9";

fn main() {
    let timeline = model::load_builtin().expect("the built-in timeline loads");
    let third_round = timeline.event_index("dialogue-round-3").expect("the third round is in the timeline");
    let mut app = App::with_timeline("timeline.yaml", timeline);
    // The timeline view with a lane per country: what each side did, side by side.
    app.update(Action::ToggleView);
    app.update(Action::CycleLanes);
    app.set_viewport(ui::layout(Rect::new(0, 0, WIDTH, HEIGHT), app.view).viewport());
    app.explorer_mut().expect("loaded").select_event(third_round);
    app.focus = Focus::Axis;
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    terminal
        .draw(|frame| ui::draw(frame, &app, &Theme::default(), Instant::now()))
        .expect("drawing succeeds");
    print!("{}", svg(terminal.backend().buffer()));
}

fn hex(color: Color, default: &str) -> String {
    match color {
        Color::Reset => default.to_string(),
        Color::Black => "#1d1f21".into(),
        Color::Red => "#cc6666".into(),
        Color::Green => "#b5bd68".into(),
        Color::Yellow => "#f0c674".into(),
        Color::Blue => "#3b6ea5".into(),
        Color::Magenta => "#b294bb".into(),
        Color::Cyan => "#8abeb7".into(),
        Color::Gray => "#c5c8c6".into(),
        Color::DarkGray => "#707880".into(),
        Color::LightRed => "#ff8a8a".into(),
        Color::LightGreen => "#d0f0a0".into(),
        Color::LightYellow => "#ffe08a".into(),
        Color::LightBlue => "#81a2be".into(),
        Color::LightMagenta => "#d7b5e0".into(),
        Color::LightCyan => "#a8e0d8".into(),
        Color::White => "#ffffff".into(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        // The 256-colour palette is the same in nearly every terminal: xterm's.
        Color::Indexed(i) => {
            let (r, g, b) = timeline_explorer::tui::contrast::xterm(i);
            format!("#{r:02x}{g:02x}{b:02x}")
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn svg(buf: &Buffer) -> String {
    let (w, h) = (f64::from(buf.area.width) * CELL_W, f64::from(buf.area.height) * CELL_H);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14">"#
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="{BACKGROUND}"/>"#);
    for y in 0..buf.area.height {
        let baseline = f64::from(y) * CELL_H + 13.5;
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            let (mut fg, mut bg) = (hex(cell.fg, FOREGROUND), hex(cell.bg, BACKGROUND));
            if cell.modifier.contains(Modifier::REVERSED) {
                std::mem::swap(&mut fg, &mut bg);
            }
            if bg != BACKGROUND {
                let _ = writeln!(
                    out,
                    r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{CELL_H}" fill="{bg}"/>"#,
                    f64::from(x) * CELL_W,
                    f64::from(y) * CELL_H,
                    CELL_W + 0.5
                );
            }
            let symbol = cell.symbol();
            if symbol.trim().is_empty() {
                continue;
            }
            let mut attrs = String::new();
            if cell.modifier.contains(Modifier::BOLD) {
                attrs.push_str(r#" font-weight="bold""#);
            }
            if cell.modifier.contains(Modifier::UNDERLINED) {
                attrs.push_str(r#" text-decoration="underline""#);
            } else if cell.modifier.contains(Modifier::CROSSED_OUT) {
                attrs.push_str(r#" text-decoration="line-through""#);
            }
            let _ = writeln!(
                out,
                r#"<text x="{:.1}" y="{baseline:.1}" fill="{fg}"{attrs}>{}</text>"#,
                f64::from(x) * CELL_W,
                escape(symbol)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}
