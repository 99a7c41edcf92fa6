//! Who acted, drawn: lanes by side and nested lanes by side on the built-in timeline at several
//! sizes down to 1×1, a folded country, without colour, and the `a` picker's agencies under
//! their country.

use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use std::time::Instant;
use timeline_explorer::keys::action::{Action, PickerKind, PopupKind};
use timeline_explorer::model;
use timeline_explorer::model::lanes::Grouping;
use timeline_explorer::tui::app::App;
use timeline_explorer::tui::theme::{Theme, ThemeKind};
use timeline_explorer::tui::{self, ui};

/// The built-in timeline in the timeline view, lanes grouped by `grouping` with `L`.
fn app_with(grouping: Grouping) -> App {
    let mut app =
        App::with_timeline("timeline.yaml", model::load_builtin().expect("the built-in timeline loads"));
    app.update(Action::ToggleView);
    while app.explorer().unwrap().grouping() != grouping {
        app.update(Action::CycleLanes);
    }
    app
}

fn draw(app: &mut App, width: u16, height: u16, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.set_viewport(tui::reading::screen(Rect::new(0, 0, width, height), app).viewport());
    terminal.draw(|f| ui::draw(f, app, theme, Instant::now())).unwrap();
    terminal
}

#[test]
fn side_and_nested_lanes_at_every_size() {
    for grouping in [Grouping::Side, Grouping::Nested] {
        for (w, h) in [(120, 40), (80, 24), (40, 12), (1, 1)] {
            let mut app = app_with(grouping);
            let name = format!("sides_{}_{w}x{h}", grouping.name());
            insta::assert_snapshot!(name, draw(&mut app, w, h, &Theme::default()).backend());
        }
    }
}

#[test]
fn side_lanes_show_each_side_and_the_joint_band_between() {
    let mut app = app_with(Grouping::Side);
    let screen = format!("{}", draw(&mut app, 120, 40, &Theme::default()).backend());
    let at = |label: &str| {
        screen.find(&format!("│{label}")).unwrap_or_else(|| panic!("no {label} lane:\n{screen}"))
    };
    assert!(at("China") < at("joint CN+US") && at("joint CN+US") < at("United States"), "{screen}");
    assert!(screen.contains("joint A+B both A and B acted"), "the legend says what joint means");
    assert!(screen.contains("Acted"), "the detail says who acted");
}

#[test]
fn a_folded_country_is_one_lane_that_still_shows_its_events() {
    let mut app = app_with(Grouping::Nested);
    app.update(Action::ToggleFold);
    let terminal = draw(&mut app, 120, 40, &Theme::default());
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains("▸ China") && screen.contains("▾ United States"), "{screen}");
    assert!(!screen.contains("│  MPS"), "China's agencies are folded into its heading");
    insta::assert_snapshot!("sides_nested_china_folded_120x40", terminal.backend());
}

/// Without colour, the lanes read by their labels and the marks' shapes, the selection by
/// reverse video.
#[test]
fn side_and_nested_lanes_read_without_colour() {
    let theme = Theme::new(ThemeKind::Dark, true);
    for grouping in [Grouping::Side, Grouping::Nested] {
        let mut app = app_with(grouping);
        let terminal = draw(&mut app, 120, 40, &theme);
        let buf = terminal.backend().buffer();
        for cell in buf.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "a colour under NO_COLOR");
        }
        assert!(buf.content().iter().any(|c| c.modifier.contains(Modifier::REVERSED)), "the selection");
        let screen = format!("{}", terminal.backend());
        for label in ["China", "United States"] {
            assert!(screen.contains(label), "{label}:\n{screen}");
        }
        assert!(screen.contains('✕'), "the round that did not take place is a shape, not a colour");
        if grouping == Grouping::Nested {
            assert!(screen.contains("▾ China"), "an open heading is a shape");
        }
        insta::assert_snapshot!(format!("sides_{}_no_color_120x40", grouping.name()), terminal.backend());
    }
}

#[test]
fn the_agency_picker_lists_agencies_under_their_country() {
    let mut app = app_with(Grouping::Side);
    app.update(Action::Open(PopupKind::Picker(PickerKind::Agencies)));
    let terminal = draw(&mut app, 80, 24, &Theme::default());
    let screen = format!("{}", terminal.backend());
    let (china, us) = (screen.find("│China").unwrap(), screen.find("│United States").unwrap());
    let (mps, doj) = (screen.find("MPS —").unwrap(), screen.find("DOJ —").unwrap());
    assert!(china < mps && mps < us && us < doj, "{screen}");
    insta::assert_snapshot!("sides_agency_picker_80x24", terminal.backend());
}
