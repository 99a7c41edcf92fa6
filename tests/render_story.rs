//! Story mode drawn into ratatui's `TestBackend` (issue #29): slides at several sizes down to
//! 1×1, a written story, a slide with quotes, a timed event with its zone, and what they say
//! without colour and in high contrast.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use std::time::Instant;
use timeline_explorer::keys::action::{Action, PopupKind};
use timeline_explorer::model;
use timeline_explorer::tui::app::App;
use timeline_explorer::tui::theme::{Theme, ThemeKind};
use timeline_explorer::tui::ui;

fn draw(app: &mut App, width: u16, height: u16, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.set_viewport(ui::layout(Rect::new(0, 0, width, height), app.view).viewport());
    terminal.draw(|f| ui::draw(f, app, theme, Instant::now())).unwrap();
    terminal
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn screen(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    (0..buf.area.height).map(|y| row_text(buf, y)).collect::<Vec<_>>().join("\n")
}

/// An app on `timeline` in story mode: the file's first story (`Some(0)`), or every event.
fn telling(timeline: model::Timeline, story: Option<usize>) -> App {
    let mut app = App::with_timeline("t", timeline);
    app.update(Action::Open(PopupKind::Stories));
    if app.popup.is_some() {
        let stories = app.explorer().unwrap().timeline.stories.len();
        for _ in 0..story.unwrap_or(stories) {
            app.update(Action::MoveDown);
        }
        app.update(Action::PromptSubmit);
    }
    assert!(app.explorer().unwrap().story().is_some(), "story mode");
    app
}

fn builtin_story() -> App {
    telling(model::load_builtin().unwrap(), Some(0))
}

fn fixture_story() -> App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/story.yaml");
    telling(model::load_file(&path).unwrap(), Some(0))
}

#[test]
fn the_builtin_story_at_every_size() {
    let theme = Theme::default();
    for (w, h) in [(200, 60), (120, 40), (80, 24), (40, 12), (1, 1)] {
        let mut app = builtin_story();
        insta::assert_snapshot!(format!("builtin_title_{w}x{h}"), draw(&mut app, w, h, &theme).backend());
        // The third round: quotes, many people, sources; at 40×12 it scrolls.
        app.update(Action::Type('5'));
        app.update(Action::FollowLink);
        insta::assert_snapshot!(format!("builtin_round_3_{w}x{h}"), draw(&mut app, w, h, &theme).backend());
    }
}

#[test]
fn a_small_slide_scrolls_and_nothing_overlaps() {
    let theme = Theme::default();
    let mut app = builtin_story();
    app.update(Action::Type('5'));
    app.update(Action::FollowLink);
    let first = screen(&draw(&mut app, 40, 12, &theme));
    assert!(first.lines().next().unwrap().contains("5 of 6"), "{first}");
    for _ in 0..4 {
        app.update(Action::ScrollDown);
    }
    let scrolled = draw(&mut app, 40, 12, &theme);
    let text = screen(&scrolled);
    insta::assert_snapshot!("builtin_round_3_40x12_scrolled", scrolled.backend());
    assert_ne!(first, text, "the slide scrolled");
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[0].starts_with("Story · "), "the top line stays: {}", rows[0]);
    assert!(rows[10].contains('◆'), "the strip stays on its row: {}", rows[10]);
    assert!(rows[11].contains("next"), "the keys stay on the last row: {}", rows[11]);
    // Scrolling stops at the slide's end: ten more turns move as far as two hundred.
    for _ in 0..200 {
        app.update(Action::ScrollDown);
    }
    let end = screen(&draw(&mut app, 40, 12, &theme));
    app.update(Action::ScrollUp);
    let up = screen(&draw(&mut app, 40, 12, &theme));
    assert_ne!(end, up, "one turn up from the end moves at once");
}

#[test]
fn a_written_story_with_quotes_and_a_timed_event_in_its_zone() {
    let theme = Theme::default();
    let mut app = fixture_story();
    insta::assert_snapshot!("fixture_title_80x24", draw(&mut app, 80, 24, &theme).backend());
    app.update(Action::MoveDown);
    let quotes = draw(&mut app, 80, 24, &theme);
    insta::assert_snapshot!("fixture_quotes_80x24", quotes.backend());
    let text = screen(&quotes);
    assert!(text.contains("“A strong foundation for cooperation.”"), "{text}");
    assert!(text.contains("— Loretta Lynch, press release"), "{text}");
    assert!(text.contains("Tuesday, December 1, 2015"), "{text}");
    app.update(Action::MoveDown);
    let timed = draw(&mut app, 120, 40, &theme);
    insta::assert_snapshot!("fixture_timed_120x40", timed.backend());
    let text = screen(&timed);
    // 09:30 in Shanghai is 20:30 the day before in New York, the timeline's zone.
    assert!(text.contains("Monday, June 13, 2016 from 21:30 to 23:00 EDT"), "{text}");
    assert!(text.contains("June 14, 2016 from 09:30 to 11:00 CST there"), "{text}");
    assert!(text.contains("Six months later the hotline"), "the slide's own text: {text}");
    assert!(text.contains("6 months and 12 days later"), "the gap in words: {text}");
}

#[test]
fn without_colour_and_in_high_contrast_the_marks_are_shapes() {
    for theme in [Theme::new(ThemeKind::Dark, true), Theme::new(ThemeKind::HighContrast, false)] {
        let mut app = fixture_story();
        app.update(Action::MoveDown);
        app.update(Action::MoveDown);
        app.update(Action::NextLink);
        let terminal = draw(&mut app, 80, 24, &theme);
        let buf = terminal.backend().buffer();
        if theme == Theme::new(ThemeKind::Dark, true) {
            insta::assert_snapshot!("fixture_no_color_80x24", terminal.backend());
            for cell in buf.content() {
                assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "a colour under NO_COLOR");
            }
        }
        let link_row = (0..24).find(|&y| row_text(buf, y).contains("→ The first meeting")).expect("the link");
        let x =
            row_text(buf, link_row).find('→').map(|b| row_text(buf, link_row)[..b].chars().count()).unwrap();
        assert!(
            buf[(x as u16, link_row)].modifier.contains(Modifier::REVERSED)
                || buf[(x as u16, link_row)].bg != theme.link.bg.unwrap_or(Color::Reset),
            "the highlighted link stands out by more than colour"
        );
        let strip = row_text(buf, 22);
        assert_eq!(strip.matches('◆').count(), 1, "this slide is one shape on the strip: {strip}");
    }
}

#[test]
fn every_event_in_view_at_every_size_and_hostile_text_is_inert() {
    let theme = Theme::default();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/hostile-text.yaml");
    let mut app = telling(model::load_file(&path).unwrap(), None);
    for (w, h) in [(0, 0), (1, 1), (19, 5), (20, 5), (40, 12), (80, 24), (300, 100)] {
        for _ in 0..3 {
            let terminal = draw(&mut app, w, h, &theme);
            for cell in terminal.backend().buffer().content() {
                for c in cell.symbol().chars() {
                    let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
                    assert!(!c.is_control() && !bidi, "{w}x{h}: {c:?}");
                }
            }
            app.update(Action::MoveDown);
        }
    }
}
