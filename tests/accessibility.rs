//! Contrast measured on what is drawn, and meaning that does not depend on colour.
//!
//! Frames of the explorer in many states (the list, a kept search, the detail with a link
//! highlighted, a filter with faint marks for the hidden events, a picker with chosen and empty
//! values, the export menu, prompts with errors, the help, the timeline view with lanes, a mark
//! and histograms, a broken-file banner, changed events, the loading screen) are drawn in every
//! theme, and every cell that shows something is measured with `tui::contrast`: 4.5:1 for text
//! and marks, 3:1 for block graphics and box drawing (7:1 and 4.5:1 in the high-contrast theme).

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use std::time::Instant;
use timeline_explorer::model::{self, index::Index};
use timeline_explorer::tui::app::{App, View};
use timeline_explorer::tui::contrast::{self, Backdrop, Kind};
use timeline_explorer::tui::theme::{Theme, ThemeKind};
use timeline_explorer::tui::watch::Change;
use timeline_explorer::tui::{self, ui, Message};

fn builtin() -> App {
    App::with_timeline("timeline.yaml", model::load_builtin().unwrap())
}

fn fixture(name: &str) -> App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good").join(name);
    App::with_timeline(name, model::load_file(&path).unwrap())
}

fn generated(events: usize) -> App {
    let text = timeline_explorer::synthetic::timeline_yaml(events, 7);
    App::with_timeline("generated", model::load_str("generated", &text).unwrap())
}

/// Keys as typed, through the real keymap: `"/hotline\r"`, `"\t"` (Tab).
fn keys(app: &mut App, (w, h): (u16, u16), typed: &str) {
    for c in typed.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        let areas = ui::layout(Rect::new(0, 0, w, h), app.view);
        app.set_viewport(areas.viewport());
        tui::handle(app, areas, Message::Input(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))));
        app.run_search_here();
        app.effects.clear();
    }
}

fn draw(app: &mut App, (w, h): (u16, u16), theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    app.set_viewport(ui::layout(Rect::new(0, 0, w, h), app.view).viewport());
    terminal.draw(|f| ui::draw(f, app, theme, Instant::now())).unwrap();
    terminal.backend().buffer().clone()
}

/// The explorer in every state that draws something of its own, with a name for messages.
fn states() -> Vec<(&'static str, App, (u16, u16))> {
    let big = (120, 40);
    let mut out = Vec::new();
    let mut with = |name: &'static str, mut app: App, size: (u16, u16), typed: &str| {
        keys(&mut app, size, typed);
        out.push((name, app, size));
    };
    with("list", builtin(), big, "jj");
    with("kept search", builtin(), big, "/hotline\r");
    with("search typing", builtin(), big, "/dialo");
    with("detail with a link", builtin(), big, "\tn");
    with("unfocused selection", builtin(), big, "j\t");
    with("filter hides events", builtin(), big, "fcountry:PE\r");
    with("people picker", builtin(), big, "ftag:apec\rpj ");
    with("country picker", builtin(), big, "c ");
    with("export menu", builtin(), big, "e");
    with("date error", builtin(), big, "t2016-13\r");
    with("query error", builtin(), big, "fzz:1");
    with("help", builtin(), big, "?");
    with("message", builtin(), big, "x");
    with("timeline", builtin(), big, "vLm]j/round\r");
    with("timeline unfocused", builtin(), big, "vL\t");
    with("timeline histograms", generated(3000), big, "vLL");
    with("every field", fixture("full.yaml"), big, "G");
    with("every field timeline", fixture("full.yaml"), big, "vGk");
    with("one pane detail", builtin(), (60, 20), "j\r");
    with("small", builtin(), (20, 5), "");
    let mut banner = builtin();
    banner.file_changed(Change::Broken("live.yaml:3:13: error: unknown key `titel`".into()), Instant::now());
    out.push(("banner", banner, big));
    let mut changed = builtin();
    let edited = model::load_builtin().unwrap();
    let mut edited = edited.clone();
    // Not the selected (first) event: the selection would draw over the change mark.
    edited.events[3].title.push_str(" (edited)");
    let index = Index::new(&edited);
    changed.file_changed(Change::Loaded(Box::new((edited, index))), Instant::now());
    out.push(("changed", changed, big));
    out.push(("loading", App::new("timeline.yaml"), big));
    out
}

/// Every cell's contrast; what failed, one line per colour pair with the first place it is seen.
fn failures(buf: &Buffer, kind: ThemeKind, (text, graphic): (f64, f64)) -> Vec<String> {
    let backdrop = Backdrop::of(kind);
    let mut found = std::collections::BTreeMap::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            let Some(kind) = contrast::kind_of(cell.symbol()) else { continue };
            let (fg, bg) = contrast::shown(cell.fg, cell.bg, cell.modifier, backdrop);
            let ratio = contrast::ratio(fg, bg);
            let need = if kind == Kind::Text { text } else { graphic };
            if ratio < need {
                let modifier =
                    if cell.modifier.is_empty() { String::new() } else { format!(" {:?}", cell.modifier) };
                let pair = format!("{:?} on {:?}{modifier}: {ratio:.2}:1 < {need}:1", cell.fg, cell.bg);
                found.entry(pair).or_insert(format!("(first `{}` at {x},{y})", cell.symbol()));
            }
        }
    }
    found.into_iter().map(|(pair, at)| format!("{pair} {at}")).collect()
}

#[test]
fn every_drawn_cell_meets_the_contrast_it_needs() {
    let mut problems = Vec::new();
    for kind in ThemeKind::ALL {
        let theme = Theme::new(kind, false);
        let need =
            if kind == ThemeKind::HighContrast { (7.0, 4.5) } else { (contrast::TEXT, contrast::GRAPHIC) };
        for (name, mut app, size) in states() {
            let buf = draw(&mut app, size, &theme);
            for f in failures(&buf, kind, need) {
                problems.push(format!("{kind:?} / {name}: {f}"));
            }
        }
    }
    assert!(problems.is_empty(), "{} failing colour pairs:\n{}", problems.len(), problems.join("\n"));
}

/// The measurement can fail: the old light theme's picker drew its chosen mark blue on blue.
#[test]
fn the_measurement_finds_a_bad_pair() {
    let mut theme = Theme::new(ThemeKind::Light, false);
    theme.key = theme.key.bg(Color::Blue);
    let (_, mut app, size) = states().into_iter().find(|(n, _, _)| *n == "export menu").unwrap();
    let found = failures(&draw(&mut app, size, &theme), ThemeKind::Light, (4.5, 3.0));
    assert!(found.iter().any(|f| f.starts_with("Blue on Blue")), "{found:?}");
}

#[test]
fn the_high_contrast_theme_paints_every_cell() {
    let theme = Theme::new(ThemeKind::HighContrast, false);
    for (name, mut app, size) in states() {
        let buf = draw(&mut app, size, &theme);
        for y in 0..buf.area.height {
            // The cell after a wide character (习) is covered by it and never drawn.
            let mut covered = 0;
            for x in 0..buf.area.width {
                let cell = &buf[(x, y)];
                if covered > 0 {
                    covered -= 1;
                    continue;
                }
                covered = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
                assert!(
                    cell.fg != Color::Reset && cell.bg != Color::Reset,
                    "{name}: `{}` at {x},{y} left to the terminal's colours",
                    cell.symbol()
                );
            }
        }
    }
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn row_of(buf: &Buffer, text: &str) -> u16 {
    (0..buf.area.height)
        .find(|&y| row_text(buf, y).contains(text))
        .unwrap_or_else(|| panic!("{text} on screen"))
}

/// The row of the event list (the left pane at 120 columns) that shows `text`.
fn list_row_of(buf: &Buffer, text: &str) -> u16 {
    let list = ui::layout(Rect::new(0, 0, 120, 40), View::List).list.unwrap();
    let in_list = |y: u16| (list.x..list.right()).map(|x| buf[(x, y)].symbol()).collect::<String>();
    (0..buf.area.height).find(|&y| in_list(y).contains(text)).unwrap_or_else(|| panic!("{text} in the list"))
}

fn column_of(buf: &Buffer, y: u16, symbol: &str) -> Option<u16> {
    (0..buf.area.width).find(|&x| buf[(x, y)].symbol() == symbol)
}

/// With `NO_COLOR`, every state the colours mark is still told apart: by shape (● ○ ✕, ┅ ╌, the
/// faint `·`) or by an attribute (reverse, bold, underline).
#[test]
fn without_colour_every_state_is_still_distinguishable() {
    for kind in ThemeKind::ALL {
        let theme = Theme::new(kind, true);
        // The selection: reverse video on its row, on no other event row.
        let mut app = builtin();
        keys(&mut app, (120, 40), "jj");
        let buf = draw(&mut app, (120, 40), &theme);
        let selected = list_row_of(&buf, "OPM gives the scale");
        let other = list_row_of(&buf, "OPM announces breach");
        assert!(buf[(5, selected)].modifier.contains(Modifier::REVERSED), "{kind:?}: selection by reverse");
        assert!(!buf[(5, other)].modifier.contains(Modifier::REVERSED));
        // Status by shape: happened ●, planned ○, did not take place ✕ (and cancelled ✕ below).
        let planned = list_row_of(&buf, "Planned ten-day course");
        assert!(column_of(&buf, planned, "○").is_some(), "planned is hollow");
        let not_held = list_row_of(&buf, "Planned fourth round");
        assert!(column_of(&buf, not_held, "✕").is_some(), "what did not take place is crossed");
        assert!(column_of(&buf, other, "●").is_some(), "happened is filled");

        // Search matches: underlined, in the list and in the detail.
        let mut app = builtin();
        keys(&mut app, (120, 40), "/hotline\r");
        let buf = draw(&mut app, (120, 40), &theme);
        let underlined = buf.content().iter().filter(|c| c.modifier.contains(Modifier::UNDERLINED)).count();
        let mut plain = builtin();
        keys(&mut plain, (120, 40), "");
        let before = draw(&mut plain, (120, 40), &theme);
        let underlined_before =
            before.content().iter().filter(|c| c.modifier.contains(Modifier::UNDERLINED)).count();
        assert!(underlined >= underlined_before + "hotline".len(), "{kind:?}: matches are underlined");

        // Hidden events: faint dots on the time strip, a different shape from the shown ones.
        let mut app = builtin();
        keys(&mut app, (120, 40), "fcountry:PE\r");
        let buf = draw(&mut app, (120, 40), &theme);
        let strip =
            (0..40).rev().find(|&y| row_text(&buf, y).contains('·')).expect("faint marks for hidden events");
        assert!(row_text(&buf, strip).contains('●'), "the shown event is a filled mark on the same row");

        // Cancelled and planned in the list and as bars in the timeline view.
        let mut app = fixture("full.yaml");
        let buf = draw(&mut app, (120, 40), &theme);
        assert!(buf.content().iter().any(|c| c.symbol() == "✕"), "cancelled is a cross");
        keys(&mut app, (120, 40), "v");
        let buf = draw(&mut app, (120, 40), &theme);
        let symbols: String = buf.content().iter().map(|c| c.symbol()).collect();
        assert!(symbols.contains('○') || symbols.contains('┅'), "planned in the timeline view");
        assert!(symbols.contains('✕') || symbols.contains('╌'), "cancelled in the timeline view");

        // The focused pane: a bold border; the highlighted link: reverse.
        let mut app = builtin();
        keys(&mut app, (120, 40), "\tn");
        let buf = draw(&mut app, (120, 40), &theme);
        let areas = ui::layout(Rect::new(0, 0, 120, 40), View::List);
        let (list, detail) = (areas.list.unwrap(), areas.detail.unwrap());
        assert!(buf[(detail.x, detail.y)].modifier.contains(Modifier::BOLD), "focused border");
        assert!(!buf[(list.x, list.y)].modifier.contains(Modifier::BOLD), "unfocused border");
        let link = row_of(&buf, "→ Comes before");
        let x = detail.x + 3;
        assert!(buf[(x, link)].modifier.contains(Modifier::REVERSED), "{kind:?}: the highlighted link");
    }
}
