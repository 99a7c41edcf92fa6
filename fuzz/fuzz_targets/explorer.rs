//! A generated timeline and a sequence of keys and resizes → update and draw: never panics, and
//! no cell ever holds a control character or a bidi control.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::time::Instant;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use ratatui::Terminal;
use timeline_explorer::model;
use timeline_explorer::tui::app::{App, View};
use timeline_explorer::tui::theme::Theme;
use timeline_explorer::tui::{self, ui, Message};

const KEYS: &[KeyCode] = &[
    KeyCode::Char('j'), KeyCode::Char('k'), KeyCode::Char('g'), KeyCode::Char('G'), KeyCode::Char('['),
    KeyCode::Char(']'), KeyCode::Char('t'), KeyCode::Char('2'), KeyCode::Char('0'), KeyCode::Char('1'),
    KeyCode::Char('6'), KeyCode::Char('-'), KeyCode::Char('+'), KeyCode::Char('h'), KeyCode::Char('l'),
    KeyCode::Char('?'), KeyCode::Char('/'), KeyCode::Char('f'), KeyCode::Char('x'), KeyCode::Char('c'),
    KeyCode::Char('a'), KeyCode::Char('p'), KeyCode::Char('#'), KeyCode::Char('n'), KeyCode::Char('N'),
    KeyCode::Char(' '), KeyCode::Char('e'), KeyCode::Char(':'), KeyCode::Char('"'), KeyCode::Char('o'),
    KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace, KeyCode::PageDown,
    KeyCode::PageUp, KeyCode::Home, KeyCode::End, KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right,
];

fuzz_target!(|data: &[u8]| {
    let Some((&size, rest)) = data.split_first() else { return };
    let text = timeline_explorer::synthetic::timeline_yaml(usize::from(size % 40), u64::from(size));
    let Ok(timeline) = model::load_str("fuzz", &text) else { return };
    let mut app = App::with_timeline("fuzz", timeline);
    let (mut w, mut h) = (80u16, 24u16);
    let theme = Theme::default();
    for chunk in rest.chunks(2) {
        let (a, b) = (chunk[0], chunk.get(1).copied().unwrap_or(0));
        let areas = ui::layout(Rect::new(0, 0, w, h), View::List);
        match a % 8 {
            0 => {
                w = u16::from(b % 130);
                h = u16::from(b / 2 % 50);
            }
            1 => {
                let kind = if b % 3 == 0 { MouseEventKind::ScrollDown } else { MouseEventKind::Down(MouseButton::Left) };
                let mouse = MouseEvent { kind, column: u16::from(b) % w.max(1), row: u16::from(b / 3) % h.max(1), modifiers: KeyModifiers::NONE };
                tui::handle(&mut app, areas, Message::Input(Event::Mouse(mouse)));
            }
            _ => {
                let key = KEYS[usize::from(b) % KEYS.len()];
                tui::handle(&mut app, areas, Message::Input(Event::Key(KeyEvent::new(key, KeyModifiers::NONE))));
                app.run_search_here();
                app.effects.clear();
            }
        }
        app.should_quit = false;
        app.set_viewport(ui::layout(Rect::new(0, 0, w, h), View::List).viewport());
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| ui::draw(f, &app, &theme, Instant::now())).unwrap();
        for cell in terminal.backend().buffer().content() {
            for c in cell.symbol().chars() {
                assert!(!timeline_explorer::text::is_unsafe(c), "cell holds {c:?}");
            }
        }
    }
});
