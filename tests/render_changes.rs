//! `--changes REV` drawn: the list's marks (`+` added, `~` changed), its title counting what the
//! filter shows, removed events as ghosts, and the detail's "Changed since" lines — at several
//! sizes down to 1×1, and without colour.

use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::Terminal;
use std::time::Instant;
use timeline_explorer::model::{self, loader::BUILTIN_SOURCE, query::Query};
use timeline_explorer::tui::app::{App, View};
use timeline_explorer::tui::theme::{Theme, ThemeKind};
use timeline_explorer::tui::{self, ui, Message};

/// The built-in timeline with round 3 moved two days and round 4 cancelled, compared with a
/// version that also had a hotline review in May 2017 (removed since).
fn app() -> App {
    let review = "  - id: review-2017\n    title: Officials review the hotline\n    date: \"2017-05-02\"\n    status: planned\n    countries: [CN, US]\n";
    let old_text = BUILTIN_SOURCE.replacen("\nstories:\n", &format!("\n{review}\nstories:\n"), 1);
    let old = model::load_str("v1.0", &old_text).expect("the old version loads");
    let new_text = BUILTIN_SOURCE
        .replace("    date: \"2016-12-07..2016-12-08\"\n", "    date: \"2016-12-09..2016-12-10\"\n")
        .replace(
            "    date: \"2017\"\n    status: did-not-take-place\n",
            "    date: \"~2017-06\"\n    status: cancelled\n",
        );
    let mut new = model::load_str("timeline.yaml", &new_text).expect("the new version loads");
    timeline_explorer::changes::since::mark(&mut new, ("v1.0".into(), old));
    App::with_timeline("timeline.yaml", new)
}

fn draw(app: &mut App, width: u16, height: u16, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.set_viewport(ui::layout(Rect::new(0, 0, width, height), app.view).viewport());
    terminal.draw(|f| ui::draw(f, app, theme, Instant::now())).unwrap();
    terminal
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn filter(app: &mut App, query: &str) {
    let ex = app.explorer_mut().expect("loaded");
    ex.apply_query(Query::parse(query).expect("the query parses")).expect("the filter applies");
}

#[test]
fn the_list_marks_changes_at_several_sizes() {
    for (w, h) in [(120, 40), (80, 24), (40, 12), (1, 1)] {
        let mut app = app();
        insta::assert_snapshot!(
            format!("changes_list_{w}x{h}"),
            draw(&mut app, w, h, &Theme::default()).backend()
        );
    }
}

#[test]
fn the_timeline_view_marks_and_counts_the_changes() {
    for (w, h) in [(120, 40), (60, 20), (1, 1)] {
        let mut app = app();
        app.view = View::Timeline;
        let drawn = draw(&mut app, w, h, &Theme::default());
        insta::assert_snapshot!(format!("changes_timeline_{w}x{h}"), drawn.backend());
        if w == 120 {
            let shown = text(&drawn);
            assert!(shown.contains("since v1.0: +0 ~2 −1 removed"), "{shown}");
            assert!(
                shown.contains("Officials review the hotline (removed) −"),
                "the ghost at its old date:\n{shown}"
            );
            // The changed events carry their mark before their title; the others do not.
            assert!(shown.contains("~ Third round"), "{shown}");
            assert!(!shown.contains("~ Xi"), "{shown}");
        }
    }
}

#[test]
fn removed_events_are_ghosts_that_say_so() {
    let mut app = app();
    filter(&mut app, "change:removed");
    let drawn = draw(&mut app, 100, 12, &Theme::default());
    insta::assert_snapshot!("changes_removed_100x12", drawn.backend());
    let shown = text(&drawn);
    assert!(shown.contains("No event of this version;"), "the ghost is no event of this version:\n{shown}");
    assert!(shown.contains("− 2017-05-02"), "{shown}");
    // The title before the words: the version it was removed since is in the pane's title.
    assert!(shown.contains("Officials rev…  (removed)"), "{shown}");
    assert!(shown.contains("since v1.0: +0 ~0 −1 removed"), "counted in the title:\n{shown}");
    // Other terms reach the ghosts too, asked of the old version: the review is of 2017.
    filter(&mut app, "to:2016");
    let shown = text(&draw(&mut app, 100, 12, &Theme::default()));
    assert!(shown.contains("−0 removed"), "{shown}");
}

#[test]
fn the_detail_says_what_changed_since() {
    let mut app = app();
    filter(&mut app, "change:status");
    let areas = ui::layout(Rect::new(0, 0, 60, 20), View::List);
    tui::handle(
        &mut app,
        areas,
        Message::Input(Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))),
    );
    let drawn = draw(&mut app, 60, 20, &Theme::default());
    insta::assert_snapshot!("changes_detail_60x20", drawn.backend());
    let shown = text(&drawn);
    assert!(shown.contains("since v1.0"), "{shown}");
    assert!(shown.contains("status: did not take place → cancelled"), "{shown}");
}

#[test]
fn marks_and_ghosts_read_without_colour() {
    let theme = Theme::new(ThemeKind::Dark, true);
    let mut app = app();
    filter(&mut app, "change:moved change:removed");
    let drawn = draw(&mut app, 100, 20, &theme);
    let buf = drawn.backend().buffer();
    for cell in buf.content() {
        assert!(matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset), "a colour with NO_COLOR");
    }
    let shown = text(&drawn);
    assert_eq!(shown.matches("│~ ").count(), 2, "both moved rounds marked, by a character:\n{shown}");
    assert!(shown.contains("since v1.0: +0 ~2 −1 removed"), "the ghost counted:\n{shown}");
}

/// A removed event's ghost row sits among the events by its old date, whatever else is shown;
/// the selection steps over it (it is no event of this version), so Enter and every other key
/// act on the selected event of this version, never on the ghost.
#[test]
fn ghosts_sit_among_the_rows_by_their_old_date() {
    let mut app = app();
    let areas = ui::layout(Rect::new(0, 0, 120, 40), View::List);
    let key = |app: &mut App, code| {
        tui::handle(app, areas, Message::Input(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))))
    };
    key(&mut app, KeyCode::Char('G'));
    let shown = text(&draw(&mut app, 120, 40, &Theme::default()));
    let rows: Vec<&str> = shown.lines().collect();
    let ghost = rows.iter().position(|r| r.contains("− 2017-05-02")).expect("the ghost is listed");
    assert!(rows[ghost].contains("Officials review the h…  (removed)"), "{shown}");
    assert!(rows[ghost - 1].contains("Xi–Trump summit"), "the event before it (April 2017):\n{shown}");
    assert!(rows[ghost + 1].contains("Planned fourth round"), "the event after it (~June 2017):\n{shown}");
    // From the last event, two steps up reach the summit: the ghost between is no step.
    key(&mut app, KeyCode::Char('k'));
    key(&mut app, KeyCode::Char('k'));
    let ex = app.explorer().unwrap();
    let selected = &ex.timeline.events[ex.selected_event().unwrap()];
    assert!(selected.title.contains("Mar-a-Lago"), "{}", selected.title);
    // Enter reads the selected event of this version, never the ghost.
    key(&mut app, KeyCode::Enter);
    let shown = text(&draw(&mut app, 120, 40, &Theme::default()));
    assert!(shown.contains("Xi–Trump summit at Mar-a-Lago sets up four dialogues"), "{shown}");
    assert!(!shown.contains("Officials review the hotline"), "{shown}");
    insta::assert_snapshot!("changes_ghost_read_120x40", shown);
}

/// The timeline view's ghosts read without colour: a `−` at the old date and the title with
/// `(removed)`, and the strip under the list the same marks as the view.
#[test]
fn ghosts_in_the_timeline_view_read_without_colour() {
    let theme = Theme::new(ThemeKind::Dark, true);
    let mut app = app();
    app.view = View::Timeline;
    filter(&mut app, "from:2017-03");
    let drawn = draw(&mut app, 120, 30, &theme);
    for cell in drawn.backend().buffer().content() {
        assert!(matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset), "a colour with NO_COLOR");
    }
    let shown = text(&drawn);
    assert!(shown.contains("Officials review the hotline (removed) −"), "{shown}");
    insta::assert_snapshot!("changes_timeline_ghost_120x30", drawn.backend());
}
