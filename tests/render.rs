//! The explorer drawn into ratatui's `TestBackend`: whole-frame snapshots at several sizes, and
//! assertions on styles and on what cells may hold.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::Terminal;
use std::sync::mpsc;
use std::time::Instant;
use timeline_explorer::model;
use timeline_explorer::tui::app::{App, LoadState, View};
use timeline_explorer::tui::theme::{Theme, ThemeKind};
use timeline_explorer::tui::{self, ui, Message};

fn builtin_app() -> App {
    App::with_timeline("timeline.yaml", model::load_builtin().expect("the built-in timeline loads"))
}

fn fixture_app(name: &str) -> App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good").join(name);
    App::with_timeline(name, model::load_file(&path).expect("fixture loads"))
}

fn draw(app: &mut App, width: u16, height: u16, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.set_viewport(tui::reading::screen(Rect::new(0, 0, width, height), app).viewport());
    terminal.draw(|f| ui::draw(f, app, theme, Instant::now())).unwrap();
    terminal
}

fn press(app: &mut App, area: ui::Areas, code: KeyCode) {
    tui::handle(app, area, Message::Input(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))));
}

#[test]
fn snapshot_120x40() {
    let mut app = builtin_app();
    insta::assert_snapshot!(draw(&mut app, 120, 40, &Theme::default()).backend());
}

#[test]
fn snapshot_80x24() {
    let mut app = builtin_app();
    insta::assert_snapshot!(draw(&mut app, 80, 24, &Theme::default()).backend());
}

#[test]
fn snapshot_60x20_one_pane() {
    let mut app = builtin_app();
    insta::assert_snapshot!("60x20_list", draw(&mut app, 60, 20, &Theme::default()).backend());
    let areas = ui::layout(Rect::new(0, 0, 60, 20), View::List);
    press(&mut app, areas, KeyCode::Enter);
    insta::assert_snapshot!("60x20_detail", draw(&mut app, 60, 20, &Theme::default()).backend());
}

#[test]
fn snapshot_20x5_and_1x1() {
    let mut app = builtin_app();
    insta::assert_snapshot!("20x5", draw(&mut app, 20, 5, &Theme::default()).backend());
    insta::assert_snapshot!("19x5_too_small", draw(&mut app, 19, 5, &Theme::default()).backend());
    insta::assert_snapshot!("1x1", draw(&mut app, 1, 1, &Theme::default()).backend());
}

#[test]
fn snapshot_help_overlay() {
    let mut app = builtin_app();
    let areas = ui::layout(Rect::new(0, 0, 100, 40), View::List);
    press(&mut app, areas, KeyCode::Char('?'));
    insta::assert_snapshot!(draw(&mut app, 100, 40, &Theme::default()).backend());
}

#[test]
fn tiny_and_zero_sizes_do_not_panic() {
    let mut app = builtin_app();
    for (w, h) in
        [(0, 0), (1, 1), (0, 10), (10, 0), (2, 2), (19, 4), (20, 5), (21, 13), (79, 14), (80, 14), (300, 100)]
    {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        app.set_viewport(ui::layout(Rect::new(0, 0, w, h), app.view).viewport());
        terminal.draw(|f| ui::draw(f, &app, &Theme::default(), Instant::now())).unwrap();
    }
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn selection_is_highlighted_and_follows_moves() {
    let theme = Theme::default();
    let mut app = builtin_app();
    let terminal = draw(&mut app, 120, 40, &theme);
    let buf = terminal.backend().buffer();
    let highlight = theme.selected.bg.unwrap();
    let rows: Vec<u16> = (0..40).filter(|&y| buf[(5, y)].bg == highlight).collect();
    assert_eq!(rows.len(), 1, "one selected row");
    assert!(row_text(buf, rows[0]).contains("2014-05-19"));
    let areas = ui::layout(Rect::new(0, 0, 120, 40), View::List);
    press(&mut app, areas, KeyCode::Char('j'));
    let terminal = draw(&mut app, 120, 40, &theme);
    let buf = terminal.backend().buffer();
    let moved: Vec<u16> = (0..40).filter(|&y| buf[(5, y)].bg == highlight).collect();
    assert!(row_text(buf, moved[0]).contains("2015-06-04"), "{}", row_text(buf, moved[0]));
    // The detail follows.
    assert!(row_text(buf, 2).contains("OPM"), "{}", row_text(buf, 2));
}

#[test]
fn planned_events_look_different() {
    let theme = Theme::default();
    let mut app = builtin_app();
    let terminal = draw(&mut app, 120, 40, &theme);
    let buf = terminal.backend().buffer();
    let planned_row =
        (0..40).find(|&y| row_text(buf, y).contains("Planned ten-day course")).expect("planned row");
    let mark = (0..60).find(|&x| buf[(x, planned_row)].symbol() == "○").expect("hollow mark");
    assert_eq!(buf[(mark, planned_row)].fg, theme.planned.fg.unwrap());
    let happened_row = (0..40).find(|&y| row_text(buf, y).contains("2015-12-01")).unwrap();
    let mark = (0..60).find(|&x| buf[(x, happened_row)].symbol() == "●").expect("filled mark");
    assert_ne!(buf[(mark, happened_row)].fg, theme.planned.fg.unwrap());
}

#[test]
fn no_color_uses_no_colours() {
    let theme = Theme::new(ThemeKind::Dark, true);
    let mut app = builtin_app();
    let terminal = draw(&mut app, 120, 40, &theme);
    let buf = terminal.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "a foreground colour under NO_COLOR");
        assert_eq!(cell.bg, Color::Reset, "a background colour under NO_COLOR");
    }
    let selected_row = (0..40).find(|&y| row_text(buf, y).contains("2014-05-19")).unwrap();
    assert!(
        buf[(5, selected_row)].modifier.contains(ratatui::style::Modifier::REVERSED),
        "selection by reverse video"
    );
}

fn assert_inert(buf: &Buffer, context: &str) {
    for (i, cell) in buf.content().iter().enumerate() {
        for c in cell.symbol().chars() {
            let bidi = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            assert!(!c.is_control() && !bidi, "{context}: cell {i} holds {:?}", c);
        }
    }
}

#[test]
fn hostile_text_is_inert_and_borders_stay_aligned() {
    let theme = Theme::default();
    let mut app = fixture_app("hostile-text.yaml");
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let area = ui::layout(Rect::new(0, 0, w, h), View::List);
        for step in 0..30 {
            let terminal = draw(&mut app, w, h, &theme);
            let buf = terminal.backend().buffer();
            assert_inert(buf, &format!("{w}x{h} step {step}"));
            if w >= 80 && app.popup.is_none() {
                // The list's right border and the detail's right border stay in their columns
                // whatever the text inside (CJK, emoji, combining marks).
                let list_right = area.list.unwrap().right() - 1;
                let detail_right = area.detail.unwrap().right() - 1;
                for y in 2..(area.list.unwrap().bottom() - 1) {
                    assert_eq!(buf[(list_right, y)].symbol(), "│", "{w}x{h} row {y}: {}", row_text(buf, y));
                    assert_eq!(buf[(detail_right, y)].symbol(), "│", "{w}x{h} row {y}: {}", row_text(buf, y));
                }
            }
            let key = match step % 5 {
                0 => KeyCode::Char('j'),
                1 => KeyCode::Tab,
                2 => KeyCode::Char('j'),
                3 => KeyCode::Char('n'),
                _ => KeyCode::Char('?'),
            };
            press(&mut app, area, key);
        }
    }
}

/// The whole loop on a TestBackend: keys in, frames out, quit ends it.
#[test]
fn event_loop_runs_to_quit() {
    let (tx, rx) = mpsc::channel();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut app = App::new("timeline.yaml");
    let timeline = model::load_builtin().unwrap();
    let index = model::index::Index::new(&timeline);
    let timeline = std::sync::Arc::new(timeline);
    tx.send(Message::Loaded(Box::new(Ok(timeline.clone())))).unwrap();
    tx.send(Message::Indexed(timeline, std::sync::Arc::new(index))).unwrap();
    for code in [KeyCode::Char('G'), KeyCode::Char('k'), KeyCode::Char('q')] {
        tx.send(Message::Input(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))).unwrap();
    }
    tui::event_loop(&mut terminal, &mut app, &Theme::default(), &rx, None).unwrap();
    assert!(app.should_quit);
    assert_eq!(app.explorer().unwrap().selected(), app.explorer().unwrap().visible().len() - 2);
    let screen = terminal.backend().buffer().clone();
    assert!((0..30).any(|y| row_text(&screen, y).contains("Xi–Trump summit")));
}

#[test]
fn a_signal_quits_the_loop() {
    let (tx, rx) = mpsc::channel();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut app = App::new("x");
    tx.send(Message::Signal(15)).unwrap();
    tui::event_loop(&mut terminal, &mut app, &Theme::default(), &rx, None).unwrap();
    assert!(app.should_quit);
}

#[test]
fn loading_screen_then_failure_ends_the_loop() {
    let (tx, rx) = mpsc::channel();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut app = App::new("broken.yaml");
    terminal.draw(|f| ui::draw(f, &app, &Theme::default(), Instant::now())).unwrap();
    assert!(row_text(terminal.backend().buffer(), 0).contains("Loading broken.yaml"));
    tx.send(Message::Loaded(Box::new(Err("broken.yaml:3:7: error: unknown key `titel`".into())))).unwrap();
    tui::event_loop(&mut terminal, &mut app, &Theme::default(), &rx, None).unwrap();
    assert!(app.should_quit, "a failed load ends the explorer");
    assert!(matches!(&app.state, LoadState::Failed(e) if e.contains("unknown key `titel`")));
}

// --- The timeline view ----------------------------------------------------------------------

use timeline_explorer::keys::action::Action;
use timeline_explorer::model::lanes::Grouping;

/// An app in the timeline view grouped by `grouping`, zoomed in on the third round when `zoomed`.
fn timeline_app(mut app: App, grouping: Grouping, zoomed: bool) -> App {
    app.update(Action::ToggleView);
    while app.explorer().unwrap().grouping() != grouping {
        app.update(Action::CycleLanes);
    }
    if zoomed {
        let ex = app.explorer_mut().unwrap();
        let third = ex.timeline.event_index("dialogue-round-3").or(Some(ex.visible().len() / 2));
        if let Some(event) = third {
            ex.select_event(event);
        }
        app.update(Action::ZoomToSelected);
    }
    app
}

#[test]
fn timeline_view_snapshots_on_the_built_in_timeline() {
    for (w, h) in [(200, 60), (120, 40), (80, 24), (40, 12)] {
        for grouping in [Grouping::None, Grouping::Country] {
            for zoomed in [false, true] {
                let mut app = timeline_app(builtin_app(), grouping, zoomed);
                let name =
                    format!("timeline_{w}x{h}_{}_{}", grouping.name(), if zoomed { "in" } else { "out" });
                insta::assert_snapshot!(name, draw(&mut app, w, h, &Theme::default()).backend());
            }
        }
    }
}

/// The built-in timeline in `v` is one lane, or lanes by country, at every size down to 1×1;
/// with room, every title is whole (the lanes' rows are shared out by what each has in view,
/// and a title stands left of its mark where the right has no room).
#[test]
fn timeline_view_keeps_titles_whole_where_there_is_room() {
    for grouping in [Grouping::None, Grouping::Country] {
        let mut app = timeline_app(builtin_app(), grouping, false);
        let screen = format!("{}", draw(&mut app, 200, 60, &Theme::default()).backend());
        let timeline = &app.explorer().unwrap().timeline;
        for event in &timeline.events {
            assert!(screen.contains(&event.title), "{} cut at 200×60 ({grouping:?}):\n{screen}", event.title);
        }
        insta::assert_snapshot!(
            format!("timeline_1x1_{}", grouping.name()),
            draw(&mut app, 1, 1, &Theme::default()).backend()
        );
    }
}

/// Thirteen days in three zones, a range over the night clocks went back: the timeline view at
/// four sizes and 1×1, lanes by country.
#[test]
fn timeline_view_of_times_in_three_zones() {
    for (w, h) in [(200, 60), (120, 40), (80, 24), (40, 12), (1, 1)] {
        let mut app = timeline_app(fixture_app("crisis-zones.yaml"), Grouping::Country, false);
        insta::assert_snapshot!(
            format!("crisis_zones_{w}x{h}"),
            draw(&mut app, w, h, &Theme::default()).backend()
        );
    }
}

/// The list of the same thirteen days: one date form down the column (the short one, as a
/// range with times does not fit in full), at most 18 columns, and at 80 columns a title keeps
/// at least 24 columns; at four sizes and 1×1.
#[test]
fn list_of_times_in_three_zones() {
    for (w, h) in [(200, 60), (120, 40), (80, 24), (40, 12), (1, 1)] {
        let mut app = fixture_app("crisis-zones.yaml");
        let terminal = draw(&mut app, w, h, &Theme::default());
        if w == 80 {
            let screen = format!("{}", terminal.backend());
            assert!(screen.contains("Oct 16 08:45"), "the short form for every date:\n{screen}");
            assert!(!screen.contains("1962-10-"), "no full form beside the short one:\n{screen}");
            assert!(
                screen.contains("U-2 photographs show missile sites"),
                "titles keep their room:\n{screen}"
            );
        }
        insta::assert_snapshot!(format!("crisis_zones_list_{w}x{h}"), terminal.backend());
    }
}

/// A window of hours on one day (04:00 to 18:00 on October 24): the events dated just that
/// day, with no time, are bars across the whole window, not nothing; the range that began that
/// morning runs off the right edge.
#[test]
fn a_window_of_hours_draws_the_days_around_it() {
    for (w, h) in [(200, 60), (120, 40), (80, 24), (40, 12)] {
        let mut app = timeline_app(fixture_app("crisis-zones.yaml"), Grouping::None, false);
        let ex = app.explorer_mut().unwrap();
        let day = ex.timeline.event_index("un-day").unwrap();
        ex.select_event(day);
        let midnight = f64::from(chrono::Datelike::num_days_from_ce(
            &chrono::NaiveDate::from_ymd_opt(1962, 10, 24).unwrap(),
        ));
        ex.set_axis(timeline_explorer::explorer::AxisView { span_days: Some(14.0 / 24.0), ..ex.axis() });
        ex.set_axis(timeline_explorer::explorer::AxisView {
            center_day: Some(midnight + 11.0 / 24.0),
            ..ex.axis()
        });
        let terminal = draw(&mut app, w, h, &Theme::default());
        let screen = format!("{}", terminal.backend());
        let pane = screen.split("┌ Detail").next().unwrap();
        if w >= 80 {
            assert!(pane.contains("◀━"), "the day's bar comes in from the left:\n{screen}");
            assert!(pane.contains("Debate at the Security Council"), "its title on the bar:\n{screen}");
        }
        insta::assert_snapshot!(format!("hours_on_one_day_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn timeline_view_snapshots_on_a_generated_timeline() {
    let generated = || {
        let text = timeline_explorer::synthetic::timeline_yaml(5000, 3);
        App::with_timeline("generated.yaml", model::load_str("generated.yaml", &text).unwrap())
    };
    for grouping in [Grouping::None, Grouping::Country, Grouping::Person] {
        let mut app = timeline_app(generated(), grouping, false);
        let name = format!("timeline_generated_120x40_{}_out", grouping.name());
        let terminal = draw(&mut app, 120, 40, &Theme::default());
        let screen = format!("{}", terminal.backend());
        if grouping != Grouping::Person {
            assert!(screen.contains("█ = "), "zoomed out, 5,000 events are a histogram with its scale");
        }
        insta::assert_snapshot!(name, terminal.backend());
    }
    let mut app = timeline_app(generated(), Grouping::Country, true);
    for _ in 0..3 {
        app.update(Action::ZoomIn);
    }
    insta::assert_snapshot!(
        "timeline_generated_120x40_country_in",
        draw(&mut app, 120, 40, &Theme::default()).backend()
    );
}

#[test]
fn timeline_view_at_every_size_from_1x1_to_400x120() {
    let mut app = timeline_app(builtin_app(), Grouping::Agency, false);
    for (w, h) in [
        (1, 1),
        (2, 2),
        (5, 3),
        (19, 5),
        (20, 5),
        (21, 7),
        (40, 12),
        (79, 17),
        (80, 18),
        (133, 41),
        (400, 120),
    ] {
        for zoomed in [false, true] {
            if zoomed {
                app.update(Action::ZoomToSelected);
            } else {
                app.update(Action::ZoomFit);
            }
            let terminal = draw(&mut app, w, h, &Theme::default());
            for cell in terminal.backend().buffer().content() {
                assert!(cell.symbol().chars().all(|c| !c.is_control()), "a control character at {w}x{h}");
            }
        }
    }
}

#[test]
fn timeline_view_without_colour_still_shows_the_selection_and_the_status() {
    let theme = Theme::new(ThemeKind::Dark, true);
    let mut app = timeline_app(builtin_app(), Grouping::Country, false);
    let terminal = draw(&mut app, 120, 40, &theme);
    let buf = terminal.backend().buffer();
    let reversed: Vec<(u16, u16)> = (0..40)
        .flat_map(|y| (0..120).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].modifier.contains(ratatui::style::Modifier::REVERSED))
        .collect();
    assert!(!reversed.is_empty(), "the selected event stands out by reverse video");
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains('┅'), "the planned round is a dashed bar, not a colour");
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
}

#[test]
fn search_hits_are_marked_in_the_list_and_the_detail() {
    let mut app = builtin_app();
    let areas = ui::layout(Rect::new(0, 0, 120, 40), View::List);
    for key in
        [KeyCode::Char('/'), KeyCode::Char('h'), KeyCode::Char('o'), KeyCode::Char('t'), KeyCode::Char('l')]
    {
        press(&mut app, areas, key);
        app.run_search_here();
    }
    press(&mut app, areas, KeyCode::Enter);
    let matches = app.explorer().unwrap().search().unwrap().matches.len();
    assert!(matches >= 3, "{matches}");
    let theme = Theme::default();
    let terminal = draw(&mut app, 120, 40, &theme);
    let buf = terminal.backend().buffer();
    let marked_rows = (0..40).filter(|&y| buf[(1, y)].symbol() == "▶").count();
    assert_eq!(marked_rows, matches, "every matching row has the gutter mark, whatever field matched");
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains(&format!("search: hotl ({matches}) n/N")), "{screen}");
    assert!(screen.contains("n/N match"), "the footer names the match keys");
    // The detail shows the match: some cell of the detail pane is styled as a match.
    let detail_marked = (1..38).any(|y| (60..119).any(|x| buf[(x, y)].bg == theme.matched.bg.unwrap()));
    assert!(detail_marked, "the detail highlights the match");
    insta::assert_snapshot!("search_hits_120x40", terminal.backend());
    // `&` keeps only the matches.
    press(&mut app, areas, KeyCode::Char('&'));
    assert_eq!(app.explorer().unwrap().visible().len(), matches);
    press(&mut app, areas, KeyCode::Char('k')); // the message gives way to the header
    let terminal = draw(&mut app, 160, 40, &theme);
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains(&format!("search: hotl ({matches}, only these) n/N")), "{screen}");
    press(&mut app, areas, KeyCode::Char('&'));
    assert_eq!(app.explorer().unwrap().visible().len(), 21, "all again, matches still marked");
    assert!(app.explorer().unwrap().search().is_some());
}

/// An incident timeline with times of day, at several sizes down to 1×1: times in the list,
/// the zone in the header, the detail with the event's own zone; `T` switches the zone shown.
#[test]
fn times_of_day_snapshots_at_several_sizes_and_zones() {
    for (width, height) in [(120, 30), (80, 24), (40, 12), (1, 1)] {
        let mut app = fixture_app("incident.yaml");
        let areas = ui::layout(Rect::new(0, 0, width, height), View::List);
        let name = format!("incident_{width}x{height}");
        insta::assert_snapshot!(name, draw(&mut app, width, height, &Theme::default()).backend());
        if width >= 80 {
            for _ in 0..2 {
                press(&mut app, areas, KeyCode::Char('j'));
            }
            // `T` offers the events' own zones first, then UTC; Enter alone takes the next.
            for _ in 0..4 {
                if *app.explorer().unwrap().zone() == timeline_explorer::model::Zone::Utc {
                    break;
                }
                press(&mut app, areas, KeyCode::Char('T'));
                press(&mut app, areas, KeyCode::Enter);
            }
            assert_eq!(*app.explorer().unwrap().zone(), timeline_explorer::model::Zone::Utc);
            let name = format!("incident_{width}x{height}_utc_handover");
            insta::assert_snapshot!(name, draw(&mut app, width, height, &Theme::default()).backend());
        }
    }
}

/// The timeline view of an incident zoomed in to hours: events spread by the minute they
/// happened, clock ticks on the axis.
#[test]
fn timeline_view_zooms_in_to_hours_on_a_timeline_with_times() {
    let mut app = fixture_app("incident.yaml");
    let areas = ui::layout(Rect::new(0, 0, 120, 30), View::List);
    press(&mut app, areas, KeyCode::Char('v'));
    let areas = ui::layout(Rect::new(0, 0, 120, 30), View::Timeline);
    for _ in 0..2 {
        press(&mut app, areas, KeyCode::Char('j'));
    }
    for _ in 0..6 {
        press(&mut app, areas, KeyCode::Char('+'));
    }
    let terminal = draw(&mut app, 120, 30, &Theme::default());
    let screen: Vec<String> = (0..30).map(|y| row_text(terminal.backend().buffer(), y)).collect();
    assert!(
        screen.iter().any(|l| l.contains("00:00") || l.contains(":30") || l.contains("Mar 10")),
        "{screen:#?}"
    );
    insta::assert_snapshot!("incident_timeline_hours", terminal.backend());
}

/// The copy menu (`y`), the saved views (`V`) and the message log (`!`) at several sizes down
/// to 1×1.
#[test]
fn copy_views_and_log_popups_at_several_sizes() {
    for (width, height) in [(100, 30), (60, 20), (30, 8), (1, 1)] {
        // A relative path (the tests run in the crate's directory), so the link in the snapshot
        // is the same on every machine.
        let path = std::path::Path::new("tests/fixtures/good/apollo.yaml");
        let mut app = App::with_timeline("apollo.yaml", model::load_file(path).expect("fixture loads"));
        app.views = vec![
            ("nasa".into(), "agency:nasa".into()),
            ("soviet-era".into(), "from:1957 to:1975 -agency:nasa".into()),
        ];
        app.log = vec![
            "copied the id (OSC 52): sputnik".into(),
            "reload failed; showing the last good version:\napollo.yaml:31:11: error: invalid date `1967-13-27`: month 13 does not exist (01..12)\n   |\n31 |     date: \"1967-13-27\"\n   |           ^^^^^^^^^^^^\napollo.yaml: 1 error".into(),
        ];
        let areas = ui::layout(Rect::new(0, 0, width, height), View::List);
        for (key, name) in [('y', "copy"), ('V', "views"), ('!', "log")] {
            press(&mut app, areas, KeyCode::Char(key));
            insta::assert_snapshot!(
                format!("{name}_{width}x{height}"),
                draw(&mut app, width, height, &Theme::default()).backend()
            );
            press(&mut app, areas, KeyCode::Esc);
            assert!(app.popup.is_none(), "Esc closes the {name} popup");
        }
    }
}

/// The third round (eight sources): its detail, read full-width (Enter), has no Id row; the
/// copy menu lists each source, cited in plain text, then (Space) in Markdown.
#[test]
fn the_detail_without_its_id_and_the_copy_menu_with_sources_at_four_sizes() {
    for (width, height) in [(120, 40), (80, 24), (40, 12), (1, 1)] {
        let mut app = builtin_app();
        let explorer = app.explorer_mut().unwrap();
        let round = explorer.timeline.event_index("dialogue-round-3").unwrap();
        explorer.select_event(round);
        let areas = ui::layout(Rect::new(0, 0, width, height), View::List);
        press(&mut app, areas, KeyCode::Enter);
        let terminal = draw(&mut app, width, height, &Theme::default());
        insta::assert_snapshot!(format!("detail_no_id_{width}x{height}"), terminal.backend());
        let shown = screen_text(terminal.backend().buffer());
        assert!(!shown.contains("Id  ") && !shown.contains("dialogue-round-3"), "{shown}");
        press(&mut app, areas, KeyCode::Esc);
        press(&mut app, areas, KeyCode::Char('y'));
        let terminal = draw(&mut app, width, height, &Theme::default());
        insta::assert_snapshot!(format!("copy_sources_{width}x{height}"), terminal.backend());
        let plain = screen_text(terminal.backend().buffer());
        if width >= 80 {
            // The title and the status line word Space the same, the form in effect in brackets.
            assert!(
                plain.contains("source 1") && plain.contains("Space cite as [text], Markdown or URL"),
                "{plain}"
            );
            assert!(plain.contains("Space cite as text, Markdown or URL"), "{plain}");
            assert!(plain.contains("link      #dialogue-round-3"), "{plain}");
        }
        press(&mut app, areas, KeyCode::Char(' '));
        let terminal = draw(&mut app, width, height, &Theme::default());
        insta::assert_snapshot!(format!("copy_sources_markdown_{width}x{height}"), terminal.backend());
        let markdown = screen_text(terminal.backend().buffer());
        if width >= 80 {
            assert!(
                markdown.contains("source 1  [")
                    && markdown.contains("Space cite as text, [Markdown] or URL"),
                "{markdown}"
            );
        }
        // Space changes the rows' texts, not the menu's box: its corners stay where they were.
        let corners = |shown: &str| -> Vec<(usize, usize)> {
            shown
                .lines()
                .enumerate()
                .flat_map(|(y, l)| {
                    l.chars().enumerate().filter(|(_, c)| "┌┐└┘".contains(*c)).map(move |(x, _)| (x, y))
                })
                .collect()
        };
        assert_eq!(corners(&plain), corners(&markdown), "{plain}\n{markdown}");
        press(&mut app, areas, KeyCode::Char(' '));
        let url =
            screen_text(draw(&mut app, width, height, &Theme::new(ThemeKind::Dark, true)).backend().buffer());
        assert_eq!(corners(&plain), corners(&url), "{plain}\n{url}");
    }
}

fn screen_text(buf: &Buffer) -> String {
    (0..buf.area.height).map(|y| row_text(buf, y)).collect::<Vec<_>>().join("\n")
}

/// A message the header has no room for goes to the status line, whole; the filter stays.
#[test]
fn a_long_message_never_hides_the_filter() {
    let mut app = fixture_app("apollo.yaml");
    let areas = ui::layout(Rect::new(0, 0, 60, 20), View::List);
    press(&mut app, areas, KeyCode::Char('f'));
    for c in "agency:nasa".chars() {
        press(&mut app, areas, KeyCode::Char(c));
    }
    press(&mut app, areas, KeyCode::Enter);
    app.message = Some("the built-in timeline has no file to edit".into());
    let terminal = draw(&mut app, 60, 20, &Theme::default());
    let buf = terminal.backend().buffer();
    assert!(row_text(buf, 0).contains("filter: agency:nasa"), "{}", row_text(buf, 0));
    assert!(
        row_text(buf, 19).starts_with("the built-in timeline has no file to edit"),
        "{}",
        row_text(buf, 19)
    );
    insta::assert_snapshot!("message_in_the_status_line_60x20", terminal.backend());
}

/// The two timelines of `tests/fixtures/multi/pair` read as one, `trade#talks` selected.
fn pair_app() -> App {
    let files: Vec<std::path::PathBuf> = ["cyber", "trade"]
        .iter()
        .map(|stem| std::path::PathBuf::from(format!("tests/fixtures/multi/pair/{stem}.yaml")))
        .collect();
    let timeline = model::multi::load_all(&files, false).expect("the pair loads").timeline;
    let talks = timeline.find_event("trade#talks").unwrap();
    let mut app = App::with_timeline("pair", timeline);
    assert!(app.explorer_mut().unwrap().select_event(talks));
    app
}

#[test]
fn several_files_mark_each_events_file_in_the_list_and_the_detail() {
    let theme = Theme::default();
    for (w, h) in [(120, 24), (80, 20)] {
        let mut app = pair_app();
        insta::assert_snapshot!(format!("pair_{w}x{h}"), draw(&mut app, w, h, &theme).backend());
    }
    // One pane: the list, then the detail.
    let mut app = pair_app();
    insta::assert_snapshot!("pair_50x14_list", draw(&mut app, 50, 14, &theme).backend());
    press(&mut app, ui::layout(Rect::new(0, 0, 50, 14), View::List), KeyCode::Enter);
    insta::assert_snapshot!("pair_50x14_detail", draw(&mut app, 50, 14, &theme).backend());
    for (w, h) in [(20, 5), (1, 1)] {
        draw(&mut app, w, h, &theme);
    }
    // Without colour the marker is still there: it is text.
    let mut app = pair_app();
    let terminal = draw(&mut app, 120, 24, &Theme::new(ThemeKind::Dark, true));
    let text: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(
        text.contains("CN EU [trade]") && text.contains("File       tests/fixtures/multi/pair/trade.yaml")
    );
}

#[test]
fn several_files_group_into_lanes_by_file() {
    let mut app = pair_app();
    let areas = ui::layout(Rect::new(0, 0, 100, 16), View::List);
    press(&mut app, areas, KeyCode::Char('v'));
    let areas = ui::layout(Rect::new(0, 0, 100, 16), View::Timeline);
    for _ in 0..6 {
        press(&mut app, areas, KeyCode::Char('L'));
    }
    insta::assert_snapshot!(
        "pair_lanes_by_file_100x16",
        draw(&mut app, 100, 16, &Theme::default()).backend()
    );
}

/// The built-in timeline's third round selected, Enter pressed: the reader.
fn reader_app(width: u16, height: u16) -> App {
    let mut app = builtin_app();
    draw(&mut app, width, height, &Theme::default());
    let ex = app.explorer_mut().unwrap();
    let round = ex.timeline.events.iter().position(|e| e.id == "dialogue-round-3").expect("round 3");
    assert!(ex.select_event(round));
    let areas = tui::reading::screen(Rect::new(0, 0, width, height), &app);
    press(&mut app, areas, KeyCode::Enter);
    app
}

#[test]
fn the_reader_shows_one_event_on_the_whole_screen() {
    for (w, h) in [(80, 24), (120, 40), (40, 12), (1, 1)] {
        let mut app = reader_app(w, h);
        let terminal = draw(&mut app, w, h, &Theme::default());
        insta::assert_snapshot!(format!("reader_{w}x{h}"), terminal.backend());
        if w < 20 {
            continue;
        }
        let screen: String = (0..h).map(|y| row_text(terminal.backend().buffer(), y)).collect();
        assert!(screen.contains("Third round"), "{screen}");
        assert!(!screen.contains("Events") && !screen.contains("Time ·"), "the reader alone: {screen}");
        assert!(screen.contains("Esc back"), "the way back is named: {screen}");
    }
    // At 80×24 the text is the whole width, not a 38-column pane beside the list.
    let mut app = reader_app(80, 24);
    let terminal = draw(&mut app, 80, 24, &Theme::default());
    let longest = (1..23).map(|y| row_text(terminal.backend().buffer(), y).trim_end().chars().count()).max();
    assert!(longest > Some(60), "lines use the width: {longest:?}");
    // Esc: the list again, the same event selected.
    let selected = app.explorer().unwrap().selected();
    let areas = tui::reading::screen(Rect::new(0, 0, 80, 24), &app);
    press(&mut app, areas, KeyCode::Esc);
    assert!(!app.reading);
    assert_eq!(app.explorer().unwrap().selected(), selected);
    let terminal = draw(&mut app, 80, 24, &Theme::default());
    assert!(row_text(terminal.backend().buffer(), 1).contains("Events"));
}

#[test]
fn below_100_columns_the_list_has_the_width_and_titles_keep_24_columns() {
    for width in [80u16, 99] {
        let areas = ui::layout(Rect::new(0, 0, width, 24), View::List);
        assert_eq!(areas.list, areas.detail, "one pane at {width}");
        let mut app = fixture_app("crisis-zones.yaml");
        let terminal = draw(&mut app, width, 24, &Theme::default());
        for y in 3..14 {
            let row = row_text(terminal.backend().buffer(), y);
            // The date (18 at most), the marks, then the title up to its badges.
            let title: String = row.chars().skip(1 + 18 + 3).collect();
            let title = title
                .trim_end_matches(['│', ' '])
                .trim_end_matches(|c: char| c.is_ascii_uppercase() || " ()".contains(c));
            assert!(title.chars().count() >= 24 || !title.ends_with('…'), "row {y} at {width}: {row:?}");
        }
    }
    assert_ne!(
        ui::layout(Rect::new(0, 0, 100, 24), View::List).list,
        ui::layout(Rect::new(0, 0, 100, 24), View::List).detail
    );
}

/// Lanes by agency in a timeline that names no agency: one lane, `(no agency)`, with every
/// event in it — not an empty pane, and nothing left out.
#[test]
fn lanes_by_a_facet_no_event_has_say_so() {
    for (w, h) in [(80, 24), (40, 12)] {
        let mut app = timeline_app(fixture_app("crisis-zones.yaml"), Grouping::Agency, false);
        let terminal = draw(&mut app, w, h, &Theme::default());
        let screen: String =
            (0..h).map(|y| row_text(terminal.backend().buffer(), y)).collect::<Vec<_>>().join("\n");
        assert!(screen.contains("(no agency)") || screen.contains("(no ag"), "{screen}");
        insta::assert_snapshot!(format!("no_agencies_{w}x{h}"), terminal.backend());
    }
}

/// The list's badges say who acted: Lynch's pledge was a U.S. act with China involved, so its
/// row reads `US (CN)`, the other country in parentheses (and dimmed where there is colour);
/// a joint act `CN US`. Drawn at several sizes, with and without colour.
#[test]
fn the_list_badges_say_who_acted_and_the_others_involved_apart() {
    let lynch_app = || {
        let mut app = builtin_app();
        let ex = app.explorer_mut().unwrap();
        let lynch = ex.timeline.event_index("lynch-guo-meeting-2016").expect("Lynch's pledge");
        assert!(ex.select_event(lynch));
        app
    };
    for (w, h) in [(120, 40), (80, 24), (40, 12), (1, 1)] {
        let mut app = lynch_app();
        insta::assert_snapshot!(
            format!("who_acted_{w}x{h}"),
            draw(&mut app, w, h, &Theme::new(ThemeKind::Dark, true)).backend()
        );
    }
    let theme = Theme::default();
    let mut app = lynch_app();
    let terminal = draw(&mut app, 120, 40, &theme);
    let buf = terminal.backend().buffer();
    let text = screen_text(buf);
    assert!(text.contains("● Lynch pledges a smooth ha… US (CN)│"), "{text}");
    // Not selected, so drawn in the list's own styles: the acting country as a badge, the
    // one involved dimmed.
    let row = (0..40).find(|&y| row_text(buf, y).contains("● Third round of the dialogue")).unwrap();
    assert!(row_text(buf, row).contains("dialogue… CN US│"), "{}", row_text(buf, row));
    let rice = (0..40).find(|&y| row_text(buf, y).contains("Rice tells Guo")).unwrap();
    let line = row_text(buf, rice);
    let open = line.chars().position(|c| c == '(').expect("parenthesis") as u16;
    assert_eq!(buf[(open - 2, rice)].symbol(), "S");
    assert_eq!(buf[(open - 2, rice)].fg, theme.badge.fg.unwrap());
    assert_eq!(buf[(open + 1, rice)].fg, theme.dim.fg.unwrap());
}

/// `T`: the zone prompt on the timeline of three zones, as it opens (the zones on offer, the
/// next one marked), with a zone that does not exist, and after Tab, at four sizes and 1×1;
/// without colour the same text, no colour at all, and the marked name still marked.
#[test]
fn the_zone_prompt_at_several_sizes() {
    for (w, h) in [(120, 40), (80, 24), (40, 12), (20, 5), (1, 1)] {
        let mut app = fixture_app("crisis-zones.yaml");
        let areas = ui::layout(Rect::new(0, 0, w, h), View::List);
        let zone_before = *app.explorer().unwrap().zone();
        let check = |app: &mut App, name: &str| {
            let terminal = draw(app, w, h, &Theme::default());
            let plain = draw(app, w, h, &Theme::new(ThemeKind::Dark, true));
            let (coloured, plain) = (terminal.backend().buffer(), plain.backend().buffer());
            assert!(plain.content().iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset), "{name}");
            assert_eq!(screen_text(coloured), screen_text(plain), "{name}: the same text without colour");
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
        };
        press(&mut app, areas, KeyCode::Char('T'));
        check(&mut app, "zone_prompt");
        for c in "moscow".chars() {
            press(&mut app, areas, KeyCode::Char(c));
        }
        press(&mut app, areas, KeyCode::Enter);
        assert_eq!(
            *app.explorer().unwrap().zone(),
            zone_before,
            "a zone that does not exist changes nothing"
        );
        check(&mut app, "zone_prompt_error");
        press(&mut app, areas, KeyCode::Tab);
        check(&mut app, "zone_prompt_tab");
        press(&mut app, areas, KeyCode::Enter);
        assert_eq!(app.explorer().unwrap().zone().name(), "Europe/Moscow");
        assert!(app.popup.is_none());
    }
}
