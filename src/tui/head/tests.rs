use super::*;
use crate::model::{self, query::Query, Timeline};
use crate::tui::testing::TEN_ROWS;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn timeline(n: usize) -> Timeline {
    model::load_str("t.yaml", &crate::synthetic::timeline_yaml_with(n, 3, false)).unwrap()
}

/// An app still loading, with the head of `t` arrived.
fn loading_with_head(t: &Timeline, start: StartUp, view: View) -> App {
    let mut app = App::new("t.yaml");
    app.view = view;
    app.state = LoadState::Loading { since: Instant::now(), bytes: None, start: Box::new(start), head: None };
    app.set_viewport(TEN_ROWS);
    app.head_arrived(Head::of(t).map(Box::new));
    app
}

#[test]
fn the_head_stands_for_the_start_only() {
    let t = timeline(30);
    assert!(loading_with_head(&t, StartUp::default(), View::List).head().is_some());
    assert!(loading_with_head(&t, StartUp::default(), View::Timeline).head().is_none(), "--lanes");
    let asked = [
        StartUp { query: Query::parse("country:CN").unwrap(), ..StartUp::default() },
        StartUp { zone: Some(model::Zone::Utc), ..StartUp::default() },
        StartUp { at: Some("2000".into()), ..StartUp::default() },
        StartUp { story: Some(None), ..StartUp::default() },
        StartUp {
            link: Some(crate::model::link::DeepLink { file: None, id: "e1".into() }),
            ..StartUp::default()
        },
    ];
    for start in asked {
        assert!(loading_with_head(&t, start, View::List).head().is_none());
    }
    // The lanes the config file gives only group the timeline view when it is switched to.
    let grouped = StartUp { lanes: Some(crate::model::lanes::Grouping::Country), ..StartUp::default() };
    assert!(loading_with_head(&t, grouped, View::List).head().is_some());
}

#[test]
fn keys_pressed_over_the_head_act_on_the_whole_timeline() {
    let t = timeline(300);
    let mut app = loading_with_head(&t, StartUp::default(), View::List);
    app.press(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::NONE));
    assert!(app.explorer().is_none(), "the head takes no key");
    assert_eq!(app.message.as_deref(), Some("still loading: the key will act once the events are shown"));
    app.loaded(Arc::new(t), None);
    assert!(app.head().is_none());
    let ex = app.explorer().unwrap();
    assert_eq!(ex.selected_event(), Some(299), "G went to the last of all, not of the head");
}

#[test]
fn the_header_says_how_much_is_shown() {
    let app = loading_with_head(&timeline(300), StartUp::default(), View::List);
    assert_eq!(app.head().unwrap().counts(), "  first 200 of 300 events — loading the rest");
    let app = loading_with_head(&timeline(12), StartUp::default(), View::List);
    assert_eq!(app.head().unwrap().counts(), "  12 events — loading");
}
