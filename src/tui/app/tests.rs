//! The explorer's behaviour driven as a person drives it: keys through the real keymap, clicks
//! and wheel turns as the actions the runner makes of them, file changes as the watcher reports
//! them. Each test reads the state the keys leave behind.

use super::*;
use crate::explorer::ListRow;
use crate::explorer::{AxisView, CHANGE_MARK, MIN_SPAN_DAYS};
use crate::export::Format;
use crate::keys::action::{PickerKind, PopupKind};
use crate::model::query::Query;
use crate::model::{self, index::Index};
use crate::tui::popups::Picker;
use crate::tui::testing::*;
use chrono::{Datelike, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const BASE: &str = "title: t\nevents:\n  - {id: a, title: A, date: 2014}\n  - {id: b, title: B, date: 2015, tags: [x]}\n  - {id: c, title: C, date: 2016, tags: [x]}\n";

fn loaded(text: &str) -> Change {
    let t = model::load_str("t", text).unwrap();
    let i = Index::new(&t);
    Change::Loaded(Box::new((t, i)))
}

#[test]
fn moves_through_events() {
    let mut app = builtin();
    assert_eq!(ex(&app).selected(), 0);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(ex(&app).selected(), 1);
    press(&mut app, KeyCode::Down);
    assert_eq!(ex(&app).selected(), 2);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(ex(&app).selected(), 1);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(ex(&app).selected(), ex(&app).visible().len() - 1);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(ex(&app).selected(), ex(&app).visible().len() - 1, "stops at the end");
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(ex(&app).selected(), 0);
    press(&mut app, KeyCode::Up);
    assert_eq!(ex(&app).selected(), 0, "stops at the start");
    press(&mut app, KeyCode::End);
    assert_eq!(ex(&app).selected(), ex(&app).visible().len() - 1);
    press(&mut app, KeyCode::Home);
    assert_eq!(ex(&app).selected(), 0);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(ex(&app).selected(), 8);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(ex(&app).selected(), 0);
    app.update(Action::PageDown);
    assert_eq!(ex(&app).selected(), 8);
}

#[test]
fn selection_stays_visible() {
    let mut app = builtin();
    for _ in 0..ex(&app).visible().len() {
        press(&mut app, KeyCode::Char('j'));
        let rows = ex(&app).list_rows(app.viewport.list_rows);
        assert!(rows.contains(&ListRow::Event(ex(&app).selected())), "row {} not drawn", ex(&app).selected());
        assert!(matches!(rows[0], ListRow::Year(_)), "the year is always on top");
    }
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(ex(&app).list_offset(), 0);
}

#[test]
fn year_jumps() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char(']'));
    let t = ex(&app).timeline.clone();
    let year = |app: &App| t.events[ex(app).selected_event().unwrap()].date.first_day().year();
    assert_eq!(year(&app), 2015);
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(year(&app), 2016);
    let first_2016 = ex(&app).selected();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('['));
    assert_eq!(ex(&app).selected(), first_2016, "[ goes to the start of this year first");
    press(&mut app, KeyCode::Char('['));
    assert_eq!(year(&app), 2015);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.message.as_deref(), Some("no later year"));
}

#[test]
fn jump_to_date_selects_nearest() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.mode(), Mode::Prompt);
    for c in "2016-06".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none());
    assert_eq!(selected_id(&app), "dialogue-round-2");
    press(&mut app, KeyCode::Char('t'));
    for c in "2016-13".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("month 13"), "the error shows in the prompt");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    assert_eq!(selected_id(&app), "dialogue-round-2", "cancel keeps the selection");
}

#[test]
fn help_toggles_and_scrolls() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(ex(&app).selected(), 0, "keys go to the help, not the list");
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    press(&mut app, KeyCode::F(1));
    assert!(app.popup.is_some());
    press(&mut app, KeyCode::Char('q'));
    assert!(app.popup.is_none() && !app.should_quit, "q closes the help first");
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit);
}

#[test]
fn focus_cycles() {
    let mut app = builtin();
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Detail);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Axis);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::List);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Focus::Axis);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(ex(&app).selected(), 1, "j moves the selection from the axis too");
}

#[test]
fn detail_scrolls_and_follows_links_with_history() {
    let mut app = builtin();
    let round_3 = ex(&app).timeline.event_index("dialogue-round-3").unwrap();
    assert!(ex_mut(&mut app).select_event(round_3));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(ex(&app).detail_scroll(), 1);
    press(&mut app, KeyCode::Char('G'));
    let bottom = ex(&app).detail_scroll();
    assert!(bottom > 1);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(ex(&app).detail_scroll(), bottom, "does not scroll past the end");
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(ex(&app).detail_scroll(), 0);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(ex(&app).detail_scroll(), 9, "a page is the pane's height less one line");
    app.update(Action::ScrollPageUp);
    assert_eq!(ex(&app).detail_scroll(), 0);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(ex(&app).detail_scroll(), 0, "does not scroll above the top");
    press(&mut app, KeyCode::Enter);
    assert!(app.message.as_deref().unwrap_or("").contains("press n"));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(ex(&app).detail_link(), Some(0));
    assert!(ex(&app).detail_scroll() > 0, "scrolled to the link");
    let before = selected_id(&app).to_string();
    press(&mut app, KeyCode::Enter);
    assert_ne!(selected_id(&app), before);
    assert_eq!(ex(&app).history.len(), 1);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(selected_id(&app), before);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.message.as_deref(), Some("nothing to go back to"));
}

#[test]
fn axis_zoom_pan_fit() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('h'));
    assert!(app.message.is_some(), "pan needs a zoom");
    press(&mut app, KeyCode::Char('+'));
    let span = ex(&app).axis().span_days.unwrap();
    press(&mut app, KeyCode::Char('+'));
    assert_eq!(ex(&app).axis().span_days, Some(span / 2.0));
    let center = ex(&app).axis_center();
    press(&mut app, KeyCode::Char('l'));
    assert!(ex(&app).axis_center() > center);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    assert!(ex(&app).axis_center() < center);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(ex(&app).axis().center_day, None, "moving the selection re-centres on it");
    for _ in 0..30 {
        press(&mut app, KeyCode::Char('+'));
    }
    assert_eq!(ex(&app).axis().span_days, Some(MIN_SPAN_DAYS));
    press(&mut app, KeyCode::Char('-'));
    assert_eq!(ex(&app).axis().span_days, Some(MIN_SPAN_DAYS * 2.0));
    press(&mut app, KeyCode::Char('0'));
    assert_eq!(ex(&app).axis(), AxisView::default());
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('+'));
    }
    for _ in 0..10 {
        press(&mut app, KeyCode::Char('-'));
    }
    assert_eq!(ex(&app).axis().span_days, None, "zooming out ends at fit-all");
}

#[test]
fn one_pane_layout_opens_and_closes_detail() {
    let mut app = builtin();
    app.set_viewport(Viewport {
        list_rows: 10,
        detail_rows: 10,
        detail_width: 50,
        one_pane: true,
        ..TEN_ROWS
    });
    press(&mut app, KeyCode::Enter);
    assert!(app.detail_open);
    assert_eq!(app.focus, Focus::Detail);
    press(&mut app, KeyCode::Esc);
    assert!(!app.detail_open);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn quit_keys() {
    let mut app = builtin();
    app.update(Action::Quit);
    assert!(app.should_quit);
    let mut app = builtin();
    press(&mut app, KeyCode::Char('t'));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let action = crate::keys::keymap::action_for(app.mode(), &ctrl_c).unwrap();
    app.update(action);
    assert!(app.should_quit, "Ctrl-C quits even from a prompt");
}

#[test]
fn mouse_selects() {
    let mut app = builtin();
    let rows = ex(&app).list_rows(10);
    let (row, position) = rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| matches!(r, ListRow::Event(p) if *p == 3).then_some((i, 3)))
        .unwrap();
    app.update(Action::ClickList { row: row as u16 });
    assert_eq!(ex(&app).selected(), position);
    app.update(Action::ClickList { row: 0 }); // a year heading: nothing happens
    assert_eq!(ex(&app).selected(), position);
    let width = 120;
    let scale = crate::tui::timeline::Scale::new(ex(&app), width).unwrap();
    let column = scale.column(NaiveDate::from_ymd_opt(2016, 11, 20).unwrap()).unwrap();
    app.update(Action::ClickAxis { column, width });
    assert_eq!(selected_id(&app), "lima-apec-meeting-2016");
    let before = ex(&app).selected();
    app.update(Action::WheelList { down: true });
    assert_eq!(ex(&app).selected(), before + 3);
    app.update(Action::WheelList { down: true });
    assert_eq!(ex(&app).selected(), ex(&app).visible().len() - 1, "the wheel stops at the end");
}

#[test]
fn zoom_never_widens_a_short_timeline() {
    let text = "title: t\nevents:\n  - {id: a, title: A, date: \"2016-01-01\"}\n  - {id: b, title: B, date: \"2016-01-02\"}\n";
    let mut app = app_on(text);
    press(&mut app, KeyCode::Char('+'));
    assert_eq!(ex(&app).axis().span_days, None);
    assert_eq!(app.message.as_deref(), Some("zoomed in as far as it goes"));
}

#[test]
fn help_scroll_leaves_the_detail_alone() {
    let mut app = builtin();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(ex(&app).detail_scroll(), 0);
}

#[test]
fn a_year_jumps_to_its_first_event() {
    let mut app = builtin();
    // Without the plan that spans January to June 2016, the year's first event is in April.
    ex_mut(&mut app).apply_query(Query::parse("-status:planned").unwrap()).unwrap();
    press(&mut app, KeyCode::Char('t'));
    for c in "2016".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(selected_id(&app), "tabletop-exercise-2016", "not the nearest to Jan 1 (Dec 2015)");
}

#[test]
fn every_jump_can_be_undone() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('['));
    press(&mut app, KeyCode::Backspace);
    assert_eq!(ex(&app).selected(), ex(&app).visible().len() - 1);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(ex(&app).selected(), 1);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.message.as_deref(), Some("nothing to go back to"));
}

#[test]
fn tiny_lists_show_events_and_growing_fills_the_screen() {
    let mut app = builtin();
    app.set_viewport(Viewport { list_rows: 1, detail_rows: 1, detail_width: 20, one_pane: true, ..TEN_ROWS });
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(ex(&app).list_rows(1), vec![ListRow::Event(2)]);
    press(&mut app, KeyCode::Char('G'));
    app.set_viewport(Viewport {
        list_rows: 40,
        detail_rows: 40,
        detail_width: 60,
        one_pane: false,
        ..TEN_ROWS
    });
    assert_eq!(ex(&app).list_offset(), 0, "all 21 events fit in 40 rows");
}

#[test]
fn query_prompt_applies_and_shows_errors_as_you_type() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.mode(), Mode::Prompt);
    keys(&mut app, "country:Chna");
    assert!(screen(&app).contains("did you mean `China`"));
    for _ in 0.."Chna".len() {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "PE");
    assert!(screen(&app).contains("ok"));
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none());
    assert_eq!(ex(&app).visible().len(), 1);
    assert_eq!(selected_id(&app), "lima-apec-meeting-2016");
    press(&mut app, KeyCode::Char('f'));
    assert!(screen(&app).contains("filter: country:PE"), "the current query to edit");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(ex(&app).visible().len(), ex(&app).timeline.events.len());
    assert_eq!(selected_id(&app), "lima-apec-meeting-2016", "clearing keeps the selection");
}

#[test]
fn selection_moves_to_the_nearest_event_when_filtered_out() {
    let mut app = builtin();
    let t = ex(&app).timeline.clone();
    ex_mut(&mut app).select_event(t.event_index("lima-apec-meeting-2016").unwrap());
    ex_mut(&mut app).apply_query(Query::parse("tag:dialogue").unwrap()).unwrap();
    let chosen = &t.events[ex(&app).selected_event().unwrap()];
    assert!(chosen.tags.contains(&"dialogue".to_string()));
    assert_eq!(chosen.id, "dialogue-round-3", "nearest in time to Nov 19, 2016");
}

#[test]
fn picker_counts_toggles_and_applies() {
    let mut app = builtin();
    ex_mut(&mut app).apply_query(Query::parse("status:planned").unwrap()).unwrap();
    press(&mut app, KeyCode::Char('c'));
    let picker = Picker::new(PickerKind::Countries, ex(&app)).unwrap(); // what `c` opened
    let count = |v: &str| picker.items.iter().find(|i| i.value == v).unwrap().count;
    assert_eq!((count("CN"), count("US"), count("PE")), (1, 1, 0), "counts given the other filters");
    keys(&mut app, "peru");
    assert!(screen(&app).contains("1 of 4"), "narrowed to Peru");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    assert_eq!(ex(&app).query().to_string(), "status:planned country:PE");
    assert!(ex(&app).visible().is_empty(), "planned AND Peru: nothing");
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('a'));
    let picker = Picker::new(PickerKind::Agencies, ex(&app)).unwrap();
    let fbi = picker.items.iter().position(|i| i.value == "fbi").unwrap();
    let doj = picker.items.iter().position(|i| i.value == "doj").unwrap();
    assert!(doj < fbi && picker.items[fbi].depth == picker.items[doj].depth + 1, "FBI indented under DOJ");
    assert!(picker.items[doj].count >= picker.items[fbi].count);
    press(&mut app, KeyCode::Esc);
    assert!(ex(&app).query().is_empty(), "Esc applies nothing");
}

#[test]
fn incremental_search_jumps_and_esc_returns() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('j'));
    let start = selected_id(&app);
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "mar-a");
    assert_eq!(selected_id(&app), "mar-a-lago-summit-2017", "moves as you type");
    press(&mut app, KeyCode::Esc);
    assert_eq!(selected_id(&app), start, "Esc returns");
    assert!(ex(&app).search().is_none());

    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "round");
    press(&mut app, KeyCode::Enter);
    let matches = ex(&app).search().unwrap().matches.clone();
    assert!(matches.len() >= 4);
    let first = selected_id(&app);
    assert_ne!(first, start);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(selected_id(&app), start, "Backspace returns to before the search");
    press(&mut app, KeyCode::Char('n'));
    let second = selected_id(&app);
    press(&mut app, KeyCode::Char('n'));
    assert_ne!(selected_id(&app), second);
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(selected_id(&app), second);
    assert!(ex(&app).is_match(ex(&app).selected_event().unwrap()));
}

#[test]
fn search_runs_within_the_filter() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "sessions");
    assert!(!ex(&app).search().unwrap().matches.is_empty());
    press(&mut app, KeyCode::Enter);
    ex_mut(&mut app).apply_query(Query::parse("country:PE").unwrap()).unwrap();
    app.run_search_here();
    assert!(ex(&app).search().unwrap().matches.is_empty(), "a new filter narrows the kept search");
}

#[test]
fn a_search_typed_before_the_index_waits_for_it() {
    let timeline = std::sync::Arc::new(model::load_builtin().unwrap());
    let mut app = App::new("t");
    app.set_viewport(TEN_ROWS);
    app.loaded(timeline.clone(), None);
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "lima");
    assert!(ex(&app).search_request().is_some(), "kept while there is no index");
    app.indexed(&timeline, std::sync::Arc::new(crate::model::index::Index::new(&timeline)));
    app.run_search_here();
    assert_eq!(selected_id(&app), "lima-apec-meeting-2016");
}

#[test]
fn a_filter_that_moves_the_selection_resets_the_detail() {
    let mut app = builtin();
    let t = ex(&app).timeline.clone();
    ex_mut(&mut app).select_event(t.event_index("dialogue-round-3").unwrap());
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "jjjnn");
    let place = (ex(&app).detail_scroll(), ex(&app).detail_link());
    assert!(place.0 > 0 && place.1 == Some(1), "{place:?}");
    ex_mut(&mut app).apply_query(Query::parse("country:CN").unwrap()).unwrap();
    assert_eq!((ex(&app).detail_scroll(), ex(&app).detail_link()), place, "same event, same place");
    ex_mut(&mut app).apply_query(Query::parse("country:PE").unwrap()).unwrap();
    assert_eq!(
        (ex(&app).detail_scroll(), ex(&app).detail_link()),
        (0, None),
        "another event starts at the top"
    );
}

#[test]
fn a_picker_can_clear_its_facet() {
    let mut app = builtin();
    ex_mut(&mut app).apply_query(Query::parse("country:CN").unwrap()).unwrap();
    press(&mut app, KeyCode::Char('c'));
    let picker = Picker::new(PickerKind::Countries, ex(&app)).unwrap();
    let cn = picker.shown().iter().position(|&i| picker.items[i].value == "CN").unwrap();
    for _ in 0..cn {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    assert!(ex(&app).query().is_empty(), "un-choosing the only value clears the facet: {}", ex(&app).query());
}

#[test]
fn stale_results_are_dropped() {
    let mut app = builtin();
    press(&mut app, KeyCode::Char('/'));
    app.update(Action::Type('r'));
    let old = ex_mut(&mut app).take_search_request().unwrap();
    app.update(Action::Type('o'));
    let found = ex(&app).index.clone().unwrap().text.find(&old.candidates, &old.query);
    ex_mut(&mut app).search_results(old.generation, found);
    assert!(ex(&app).search().unwrap().pending, "older results do not count");
    app.run_search_here();
    assert!(!ex(&app).search().unwrap().pending);
}

#[test]
fn reload_keeps_selection_filter_and_marks_changes() {
    let mut app = app_on(BASE);
    ex_mut(&mut app).apply_query(Query::parse("tag:x").unwrap()).unwrap();
    ex_mut(&mut app).select(1);
    assert_eq!(selected_id(&app), "c");
    let now = Instant::now();
    let edited = BASE
        .replace("title: B", "title: B edited")
        .replace("  - {id: a", "  - {id: z, title: Z, date: 2013}\n  - {id: a");
    app.file_changed(loaded(&edited), now);
    assert_eq!(selected_id(&app), "c", "same event selected");
    assert_eq!(ex(&app).query().to_string(), "tag:x", "filter kept");
    assert_eq!(ex(&app).visible().len(), 2);
    let t = ex(&app).timeline.clone();
    let changed: Vec<&str> = ex(&app).changed.iter().map(|&e| t.events[e].id.as_str()).collect();
    assert_eq!(changed, vec!["z", "b"], "new and edited events are marked");
    assert_eq!(app.tick(now + CHANGE_MARK / 2), Some(now + CHANGE_MARK));
    assert_eq!(app.tick(now + CHANGE_MARK), None);
    assert!(ex(&app).changed.is_empty(), "marks fade");
}

#[test]
fn a_deleted_selected_event_hands_over_to_its_nearest_neighbour() {
    let mut app = app_on(BASE);
    ex_mut(&mut app).select(2);
    ex_mut(&mut app).history.push(crate::explorer::Visit { event: 0, detail_scroll: 0, detail_link: None });
    app.file_changed(
        loaded(&BASE.replace("  - {id: c, title: C, date: 2016, tags: [x]}\n", "")),
        Instant::now(),
    );
    assert_eq!(selected_id(&app), "b", "nearest in time to the deleted event");
    assert!(ex(&app).history.is_empty(), "positions from before the save are dropped");
}

#[test]
fn a_filter_a_reload_breaks_is_shown_as_not_applied() {
    let mut app = app_on(BASE);
    ex_mut(&mut app).apply_query(Query::parse("tag:x").unwrap()).unwrap();
    app.file_changed(loaded(&BASE.replace(", tags: [x]", "")), Instant::now());
    assert_eq!(ex(&app).query().to_string(), "tag:x", "the query stays for editing");
    assert_eq!(ex(&app).visible().len(), 3, "but shows everything");
    assert!(ex(&app).filter_problem().unwrap_or("").contains("unknown tag"));
    ex_mut(&mut app).apply_query(Query::default()).unwrap();
    assert_eq!(ex(&app).filter_problem(), None);
}

#[test]
fn only_web_links_are_opened() {
    let text = "title: t\nevents:\n  - {id: a, title: A, date: 2016, sources: [{title: s, url: \"--new-window\"}]}\n";
    let mut app = app_on(text);
    app.update(Action::OpenSource);
    assert!(app.effects.is_empty());
    assert!(app.message.as_deref().unwrap_or("").contains("only http"));
}

#[test]
fn a_broken_save_keeps_the_last_good_data_until_fixed() {
    let mut app = app_on(BASE);
    app.file_changed(Change::Broken("t.yaml:3:5: error: unknown key `titel`\n  |".into()), Instant::now());
    assert_eq!(ex(&app).timeline.events.len(), 3, "data kept");
    let banner = app.banner.clone().unwrap();
    assert!(banner.contains("t.yaml:3:5") && banner.contains("last good"), "{banner}");
    app.file_changed(Change::Gone, Instant::now());
    assert!(app.banner.as_ref().unwrap().contains("is gone"));
    app.file_changed(loaded(BASE), Instant::now());
    assert_eq!(app.banner, None, "a good save clears the banner");
}

#[test]
fn export_and_open_are_effects() {
    let mut app = app_on(BASE);
    app.update(Action::Open(PopupKind::Export));
    app.update(Action::MoveDown);
    app.update(Action::PromptSubmit);
    assert_eq!(app.effects, vec![Effect::Export(Format::Csv)]);
    app.update(Action::OpenSource);
    assert_eq!(app.message.as_deref(), Some("this event's sources have no URL"));
}

// --- Replays: sessions written as lists of actions -----------------------------------------

#[test]
fn replay_filter_pick_search_and_come_back() {
    use Action::*;
    let mut app = builtin();
    replay(
        &mut app,
        &[
            Open(PopupKind::Picker(PickerKind::Countries)),
            Type('p'),
            Type('e'),
            Type('r'),
            PickerToggle,
            PromptSubmit,
        ],
    );
    assert_eq!(ex(&app).query().to_string(), "country:PE");
    assert_eq!(selected_id(&app), "lima-apec-meeting-2016");
    replay(&mut app, &[ClearFilters, Open(PopupKind::Search), Type('h'), Type('o'), Type('t'), PromptSubmit]);
    assert!(app.popup.is_none());
    let matches = ex(&app).search().unwrap().matches.len();
    assert!(matches >= 2, "{matches}");
    assert!(ex(&app).is_match(ex(&app).selected_event().unwrap()), "Enter went to a match");
    replay(&mut app, &[HistoryBack]);
    assert_eq!(selected_id(&app), "lima-apec-meeting-2016", "Backspace returns to before the search");
}

#[test]
fn replay_of_the_mouse() {
    use Action::*;
    let mut app = builtin();
    let rows = ex(&app).list_rows(10);
    let row = rows.iter().position(|r| *r == ListRow::Event(4)).unwrap() as u16;
    replay(&mut app, &[FocusNext, ClickList { row }]);
    assert_eq!((app.focus, ex(&app).selected()), (Focus::List, 4), "a click focuses and selects");
    replay(&mut app, &[WheelList { down: true }, WheelList { down: false }, WheelList { down: false }]);
    assert_eq!(ex(&app).selected(), 1);
    let round_3 = ex(&app).timeline.event_index("dialogue-round-3").unwrap();
    ex_mut(&mut app).select_event(round_3);
    let layout = ex(&app).detail_layout(TEN_ROWS.detail_width).unwrap();
    let link = layout.links[0];
    replay(&mut app, &[WheelDetail { down: true }]);
    let scroll = ex(&app).detail_scroll();
    assert!(scroll > 0, "the wheel scrolls the detail");
    replay(&mut app, &[ScrollTop, ClickDetail { row: link.first_row as u16 }]);
    assert_eq!(ex(&app).selected_event(), Some(link.event), "clicking a link follows it");
    assert_eq!(app.focus, Focus::Detail);
    replay(&mut app, &[HistoryBack]);
    assert_eq!(ex(&app).selected_event(), Some(round_3));
}

#[test]
fn the_same_actions_always_end_in_the_same_state_and_screen() {
    use Action::*;
    let session = [
        MoveDown,
        MoveDown,
        Open(PopupKind::Query),
        Type(' '),
        Type('t'),
        Type('a'),
        Type('g'),
        Type(':'),
        Type('d'),
        Type('i'),
        Type('a'),
        Type('l'),
        Type('o'),
        Type('g'),
        Type('u'),
        Type('e'),
        PromptSubmit,
        Last,
        ZoomIn,
        PanLeft,
        FocusNext,
        NextLink,
    ];
    let run = || {
        let mut app = builtin();
        replay(&mut app, &session);
        let ex = ex(&app);
        ((ex.query().to_string(), ex.selected(), ex.axis(), ex.detail_link()), screen(&app))
    };
    let (state, picture) = run();
    assert_eq!(state.0, "tag:dialogue");
    assert_eq!((state, picture), run());
}

/// A popup written only for this test, "go to an event by its id": a new popup needs nothing but
/// its own type and one line that opens it (here, assigning it; in the app, a line in
/// `popups::open`). It changes the app only through the outcome it returns.
#[derive(Default)]
struct GoToId {
    typed: String,
}

impl Popup for GoToId {
    fn mode(&self) -> Mode {
        Mode::Prompt
    }

    fn update(&mut self, action: Action, explorer: Option<&Explorer>) -> Outcome {
        match action {
            Action::Type(c) => self.typed.push(c),
            Action::PromptCancel => return Outcome::Close,
            Action::PromptSubmit => {
                let explorer = explorer.expect("opened on a loaded timeline");
                let position =
                    explorer.timeline.event_index(&self.typed).and_then(|e| explorer.position_of(e));
                return match position {
                    Some(position) => Outcome::JumpTo { position, note: None },
                    None => Outcome::Say(format!("no event `{}`", self.typed)),
                };
            }
            other => return popups::unused(other),
        }
        Outcome::Consumed
    }

    fn draw(
        &self,
        frame: &mut ratatui::Frame,
        area: ratatui::layout::Rect,
        _: Option<&Explorer>,
        theme: &crate::tui::theme::Theme,
    ) {
        let inner = popups::framed(frame, area, 40, 3, " Go to id ", theme);
        frame.render_widget(ratatui::widgets::Paragraph::new(self.typed.clone()), inner);
    }
}

#[test]
fn a_new_popup_is_one_type_and_one_line() {
    let mut app = builtin();
    app.popup = Some(Box::new(GoToId::default()));
    assert_eq!(app.mode(), Mode::Prompt);
    keys(&mut app, "nope");
    press(&mut app, KeyCode::Backspace); // a key it has no use for is taken, and does nothing
    assert_eq!(selected_id(&app), "pla-indictment-2014");
    assert!(screen(&app).contains("Go to id"), "it draws itself");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.message.as_deref(), Some("no event `nope`"));
    assert!(app.popup.is_some(), "saying something keeps it open");
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());

    app.popup = Some(Box::new(GoToId::default()));
    keys(&mut app, "dialogue-round-3");
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none());
    assert_eq!(selected_id(&app), "dialogue-round-3");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(selected_id(&app), "pla-indictment-2014", "the jump went into the history");
}

#[test]
fn t_takes_what_the_screen_shows_and_says_when_it_goes_elsewhere() {
    let mut app = builtin();
    for (typed, id) in [
        ("Dec 7, 2016", "lynch-guo-meeting-2016"), // the first of the two events that day
        ("Jun 2016", "dialogue-round-2"),
        // A range jumps to its start, where the first event of Dec 7 is the Lynch meeting.
        ("Dec 7–8, 2016", "lynch-guo-meeting-2016"),
    ] {
        press(&mut app, KeyCode::Char('t'));
        keys(&mut app, typed);
        press(&mut app, KeyCode::Enter);
        assert!(app.popup.is_none(), "{typed}: {}", screen(&app));
        assert_eq!(selected_id(&app), id, "{typed}");
        assert_eq!(app.message, None, "{typed} is within an event");
    }
    press(&mut app, KeyCode::Char('t'));
    keys(&mut app, "Oct 2016");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        selected_id(&app),
        "cyber-counterterrorism-symposium-2016",
        "1 day after October beats 28 before it"
    );
    press(&mut app, KeyCode::Char('t'));
    keys(&mut app, "2030");
    press(&mut app, KeyCode::Enter);
    assert_eq!(selected_id(&app), "law-enforcement-cybersecurity-dialogue-2017");
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("2030 is after the last event shown"), "{said}");
}

#[test]
fn one_key_from_the_start_shows_what_each_side_did() {
    use crate::model::lanes::Grouping;
    let mut app = builtin();
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.view, View::Timeline, "L from the list opens the timeline view");
    assert_eq!(ex(&app).grouping(), Grouping::Side);
    assert_eq!(app.message.as_deref(), Some("lanes by side: 3"));
    let labels: Vec<&str> = ex(&app).lane_list().iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, ["China", "joint CN+US", "United States"]);
}

#[test]
fn the_timeline_view_by_keys_and_mouse() {
    use crate::model::lanes::Grouping;
    use Action::*;
    let mut app = builtin();
    replay(&mut app, &[ToggleView, CycleLanes]);
    assert_eq!((app.view, app.focus), (View::Timeline, Focus::Axis), "the list's focus goes to the timeline");
    assert_eq!(ex(&app).grouping(), Grouping::Side, "who acted is one key away");
    replay(&mut app, &[CycleLanes, CycleLanes]);
    assert_eq!(ex(&app).grouping(), Grouping::Country);
    // J goes to the next lane, to its event nearest in time; Shift-↓ is the same key.
    let lima = ex(&app).timeline.event_index("lima-apec-meeting-2016").unwrap();
    ex_mut(&mut app).select_event(lima);
    press(&mut app, KeyCode::Char('J'));
    assert_eq!(ex(&app).lanes().current, 1);
    press_with(&mut app, KeyCode::Down, KeyModifiers::SHIFT);
    assert_eq!(ex(&app).lanes().current, 2, "the Peru lane");
    assert_eq!(selected_id(&app), "lima-apec-meeting-2016", "Peru's only event");
    press(&mut app, KeyCode::Char('K'));
    assert_eq!(ex(&app).lanes().current, 1);
    // A click on a drawn event selects it without moving the view; the wheel pans and zooms.
    let (width, height) = (100, 20);
    let geometry = crate::tui::timeline::view::geometry(ex(&app), width, height).unwrap();
    let slot = &geometry.slots[0];
    let crate::tui::timeline::view::Content::Items { items, .. } = &slot.content else { panic!("items") };
    let first = items[0];
    let axis = ex(&app).axis();
    replay(
        &mut app,
        &[ClickTimeline { column: geometry.label_width + first.c0, row: slot.y + first.row, width, height }],
    );
    assert_eq!(ex(&app).selected_event(), Some(first.event));
    assert_eq!(ex(&app).axis(), axis, "a click does not move the view");
    replay(&mut app, &[WheelTime { down: false, zoom: true }]);
    let zoomed = ex(&app).axis().span_days.expect("Ctrl+wheel zooms in");
    replay(&mut app, &[WheelTime { down: true, zoom: false }]);
    assert!(ex(&app).axis().center_day.is_some(), "the wheel pans");
    assert_eq!(ex(&app).axis().span_days, Some(zoomed));
    // Tab goes between the timeline and the detail; v comes back to the list.
    replay(&mut app, &[FocusNext]);
    assert_eq!(app.focus, Focus::Detail);
    replay(&mut app, &[FocusNext, ToggleView]);
    assert_eq!((app.view, app.focus), (View::List, Focus::List), "the list, not the strip under it");
    assert_eq!(app.mode(), Mode::List, "so the footer offers the list's keys");
    // From the detail, v keeps the detail.
    replay(&mut app, &[ToggleView, FocusNext, ToggleView]);
    assert_eq!((app.view, app.focus), (View::List, Focus::Detail));
}

const TIMED: &str = "title: t\ntimezone: America/New_York\nevents:\n  - {id: a, title: A, date: \"2024-03-09T23:52\"}\n  - {id: b, title: B, date: \"2024-03-10T13:10\", timezone: Asia/Singapore}\n  - {id: c, title: C, date: \"2024-03-10\"}\n  - {id: d, title: D, date: \"2024-03-10T09:00Z\"}\n";

#[test]
fn t_cycles_the_zone_times_are_shown_in_and_the_filter_follows() {
    let mut app = app_on(TIMED);
    assert_eq!(ex(&app).zone().name(), "America/New_York");
    let ids: Vec<&str> =
        ex(&app).visible().iter().map(|&e| ex(&app).timeline.events[e].id.as_str()).collect();
    assert_eq!(ids, ["a", "c", "b", "d"], "a whole day before the times on it; times by instant");
    keys(&mut app, "f");
    keys(&mut app, "from:2024-03-10T04:00");
    press(&mut app, KeyCode::Enter);
    let shown = |app: &App| -> Vec<String> {
        ex(app).visible().iter().map(|&e| ex(app).timeline.events[e].id.clone()).collect()
    };
    // 04:00 in New York: after b (00:10 there), before d (05:00 there).
    assert_eq!(shown(&app), ["c", "d"]);
    keys(&mut app, "T");
    press(&mut app, KeyCode::Enter);
    assert_eq!(ex(&app).zone().name(), "Asia/Singapore", "first the zones the events are written in");
    assert_eq!(app.message.as_deref(), Some("times shown in Asia/Singapore"));
    keys(&mut app, "T");
    press(&mut app, KeyCode::Enter);
    assert_eq!(*ex(&app).zone(), crate::model::Zone::Utc);
    assert_eq!(app.message.as_deref(), Some("times shown in UTC"));
    // The same words read in UTC now: 04:00 UTC is before a (04:52 UTC). In UTC all four are
    // on the 10th: the whole day first, then the times.
    assert_eq!(shown(&app), ["c", "a", "b", "d"]);
    assert!(screen(&app).contains("times: UTC"), "the header names the zone");
    keys(&mut app, "T");
    press(&mut app, KeyCode::Enter);
    assert_eq!(*ex(&app).zone(), crate::model::Zone::Local);
    keys(&mut app, "T");
    press(&mut app, KeyCode::Enter);
    assert_eq!(ex(&app).zone().name(), "America/New_York", "and back to the timeline's");
}

#[test]
fn t_jumps_to_a_time_of_day() {
    let mut app = app_on(TIMED);
    keys(&mut app, "G");
    keys(&mut app, "t");
    keys(&mut app, "2024-03-09 23:00");
    press(&mut app, KeyCode::Enter);
    assert_eq!(selected_id(&app), "a");
    keys(&mut app, "t");
    keys(&mut app, "2024-03-10 00:05");
    press(&mut app, KeyCode::Enter);
    assert_eq!(selected_id(&app), "b", "the whole day began at midnight, before 00:05");
    keys(&mut app, "t");
    keys(&mut app, "2024-03-10 00:11");
    press(&mut app, KeyCode::Enter);
    assert_eq!(selected_id(&app), "d", "the first event at or after 00:11 in New York");
}

#[test]
fn e_asks_for_the_editor_at_the_event_or_at_the_reload_error() {
    let mut app = builtin();
    keys(&mut app, "E");
    assert_eq!(app.message.as_deref(), Some("the built-in timeline has no file to edit"));
    assert!(app.effects.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::write(&file, BASE).unwrap();
    let mut app = App::with_timeline("t.yaml", model::load_file(&file).unwrap());
    keys(&mut app, "jE");
    let order = ex(&app).timeline.events[ex(&app).selected_event().unwrap()].file_order;
    assert_eq!(
        app.effects.pop(),
        Some(Effect::Edit { file: file.clone(), at: effects::EditAt::Event(order) })
    );
    app.file_changed(Change::Broken("/t/u.yaml:3:5: error: unknown key `titel`\n  |".into()), Instant::now());
    keys(&mut app, "E");
    assert_eq!(
        app.effects.pop(),
        Some(Effect::Edit { file: "/t/u.yaml".into(), at: effects::EditAt::Position(3, 5) }),
        "the broken file, at its error"
    );
    app.file_changed(
        Change::Loaded(Box::new((
            model::load_file(&file).unwrap(),
            Index::new(&model::load_file(&file).unwrap()),
        ))),
        Instant::now(),
    );
    keys(&mut app, "E");
    assert!(
        matches!(app.effects.pop(), Some(Effect::Edit { at: effects::EditAt::Event(_), .. })),
        "fixed: the event again"
    );
}

#[test]
fn ctrl_z_asks_to_suspend() {
    let mut app = builtin();
    press_with(&mut app, KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(app.effects, vec![Effect::Suspend]);
}

#[test]
fn the_log_keeps_every_message_and_a_broken_reload_in_full() {
    let mut app = app_on(BASE);
    keys(&mut app, "E");
    app.log_message();
    app.log_message(); // the same message shown on is logged once
    let broken =
        "t.yaml:3:5: error: unknown key `titel`\n  |\n3 | x\nt.yaml:4:1: error: second\nt.yaml: 2 errors";
    app.file_changed(Change::Broken(broken.into()), Instant::now());
    assert_eq!(app.log.len(), 2, "{:?}", app.log);
    assert!(app.log[1].ends_with(broken), "every error, in full");
    keys(&mut app, "!");
    let shown = screen(&app);
    assert!(shown.contains("Messages") && shown.contains("t.yaml:4:1: error: second"), "{shown}");
}

/// An app that has not loaded yet, asked to open at a place, then given the timeline.
fn opened_at(link: Option<&str>, at: Option<&str>, query: &str) -> App {
    opened_on(BASE, link, at, query)
}

fn opened_on(text: &str, link: Option<&str>, at: Option<&str>, query: &str) -> App {
    let mut app = App::new("t");
    app.set_viewport(TEN_ROWS);
    let link = link.map(|l| crate::model::link::DeepLink::parse(l, |_| false).expect("a link"));
    let start = StartUp {
        query: Query::parse(query).unwrap(),
        link,
        at: at.map(str::to_string),
        ..StartUp::default()
    };
    app.state = LoadState::Loading {
        since: std::time::Instant::now(),
        bytes: None,
        start: Box::new(start),
        head: None,
    };
    let t = model::load_str("t", text).unwrap();
    app.loaded(std::sync::Arc::new(t), None);
    app
}

#[test]
fn a_deep_link_opens_at_its_event_with_the_detail() {
    let app = opened_at(Some("#b"), None, "");
    assert_eq!(selected_id(&app), "b");
    assert_eq!((app.focus, app.detail_open), (Focus::Detail, true));
    assert!(app.usage_error.is_none());
    // An event the filter hides: said, and the place in time is kept.
    let app = opened_at(Some("#a"), None, "tag:x");
    assert_eq!(selected_id(&app), "b");
    assert_eq!(app.message.as_deref(), Some("a is hidden by the filter; x clears it"));
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn a_deep_link_to_no_event_is_a_usage_error_with_the_nearest_id() {
    let app = opened_at(Some("#bb"), None, "");
    let e = app.usage_error.as_ref().expect("a usage error");
    assert_eq!(e.message, "no event with id `bb`");
    assert!(app.should_quit);
}

#[test]
fn at_opens_at_a_date_or_the_nearest_event() {
    let app = opened_at(None, Some("2015"), "");
    assert_eq!(selected_id(&app), "b");
    assert_eq!(app.focus, Focus::List, "a date opens the list, not the detail");
    let app = opened_at(None, Some("2020-05"), "");
    assert_eq!(selected_id(&app), "c");
    assert!(app.message.as_deref().is_some_and(|m| m.contains("after the last event")), "{:?}", app.message);
}

#[test]
fn a_reload_of_several_files_keeps_the_selection_by_qualified_id() {
    let part = |name: &str, title: &str| {
        model::load_str(name, &format!("title: T\nevents:\n  - {{id: e, title: {title}, date: 2016}}\n"))
            .unwrap()
    };
    let merged = |b: &str| model::multi::merge(vec![part("a.yaml", "A"), part("b.yaml", b)]).timeline;
    let mut app = App::with_timeline("a and b", merged("B"));
    app.set_viewport(TEN_ROWS);
    let b = ex(&app).timeline.find_event("b#e").unwrap();
    assert!(ex_mut(&mut app).select_event(b));
    let t = merged("B changed");
    let i = Index::new(&t);
    app.file_changed(Change::Loaded(Box::new((t, i))), Instant::now());
    assert_eq!(app.message.as_deref(), Some("reloaded; 1 event changed: “B changed”"));
    let ex = ex(&app);
    assert_eq!(ex.timeline.qualified_id(ex.selected_event().unwrap()), "b#e");
    assert_eq!(ex.timeline.events[ex.selected_event().unwrap()].title, "B changed");
}

#[test]
fn at_reads_a_time_in_the_zone_shown_as_t_does() {
    // 00:05 in New York: the whole day of the 10th began at midnight, before it.
    assert_eq!(selected_id(&opened_on(TIMED, None, Some("2024-03-10 00:05"), "")), "b");
    assert_eq!(selected_id(&opened_on(TIMED, None, Some("2024-03-10 00:11"), "")), "d");
}

// --- The zone prompt (`T`) ----------------------------------------------------------------

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any text typed at the prompt shows times in a zone, the zone `--tz` reads it as, or
    /// leaves one line saying why and changes nothing: the zone, the list, the selection.
    #[test]
    fn any_typed_text_gives_a_zone_or_one_line_and_no_change(
        text in proptest::prop_oneof![
            "\\PC{0,30}",
            "[+-][0-9]{2}:[0-9]{2}",
            "[A-Za-z/_ ]{1,20}",
            proptest::strategy::Strategy::prop_map(
                proptest::sample::select(vec!["Europe/Moscow", "moscow", "+99:00", "", " ", "local", "utc"]),
                String::from,
            ),
        ]
    ) {
        let mut app = builtin();
        keys(&mut app, "jjj");
        let before = (*ex(&app).zone(), ex(&app).visible().to_vec(), ex(&app).selected_event());
        keys(&mut app, "T");
        for c in text.chars() {
            app.update(Action::Type(c));
        }
        press(&mut app, KeyCode::Enter);
        let typed: String = text.chars().filter(|c| !c.is_control()).take(60).collect();
        let expected = match typed.trim() {
            "" => Ok(explorer_offered_first(&before.0)),
            _ => crate::model::zone_entry::read_typed(&typed),
        };
        match expected {
            Ok(zone) => {
                proptest::prop_assert!(app.popup.is_none(), "closed");
                proptest::prop_assert_eq!(*ex(&app).zone(), zone);
            }
            Err(line) => {
                let popup = app.popup.as_ref().expect("the prompt stays open");
                proptest::prop_assert_eq!(popup.remember().map(|(_, t)| t), Some(typed.clone()));
                proptest::prop_assert!(!line.contains('\n') && !line.chars().any(crate::text::is_unsafe), "{}", line);
                let after = (*ex(&app).zone(), ex(&app).visible().to_vec(), ex(&app).selected_event());
                proptest::prop_assert_eq!(&after, &before, "no change of state");
                // Compared as text where no character joins the one before it on screen.
                if line.is_ascii() {
                    let screen = screen(&app);
                    let shown: String = line.chars().take(30).collect();
                    proptest::prop_assert!(screen.contains(&shown), "the error is on screen: {}\n{}", line, screen);
                }
            }
        }
    }
}

/// What Enter alone takes in the built-in timeline: the zone after `shown` among those
/// offered.
fn explorer_offered_first(shown: &crate::model::Zone) -> crate::model::Zone {
    let app = builtin();
    let explorer = ex(&app);
    assert_eq!(explorer.zone(), shown);
    explorer.offered_zones()[0]
}

/// The list's year headings, and `]`, read the year of the zone shown: 20:00 on New Year's
/// Eve in New York is already the next year in Tokyo.
#[test]
fn year_headings_and_year_jumps_follow_the_zone_shown() {
    let mut app = app_on(
        "title: t\ntimezone: America/New_York\nevents:\n  - {id: a, title: A, date: \"2016-12-30\"}\n  - {id: b, title: B, date: \"2016-12-31T20:00\"}\n",
    );
    let years = |app: &App| -> Vec<String> {
        ex(app)
            .list_rows(10)
            .iter()
            .map(|r| match r {
                ListRow::Year(y) => y.to_string(),
                ListRow::Event(p) => ex(app).timeline.events[ex(app).visible()[*p]].id.clone(),
                ListRow::Ghost(_) => "ghost".into(),
            })
            .collect()
    };
    assert_eq!(years(&app), ["2016", "a", "b"]);
    app.explorer_mut().unwrap().set_zone(crate::model::zone::Zone::parse("Asia/Tokyo").unwrap());
    assert_eq!(years(&app), ["2016", "a", "2017", "b"]);
    replay(&mut app, &[Action::First, Action::NextYear]);
    assert_eq!(ex(&app).timeline.events[ex(&app).selected_event().unwrap()].id, "b");
}

/// Space (fold) is named in the footer where it acts: the timeline focused, with nested lanes.
#[test]
fn the_footer_names_space_where_nested_lanes_fold() {
    let mut app = App::with_timeline("timeline.yaml", model::load_builtin().unwrap());
    let folds =
        |app: &App| crate::tui::ui::status_hints(app).iter().any(|(k, h)| k == "Space" && *h == "fold");
    assert!(!folds(&app), "not in the list");
    replay(&mut app, &[Action::ToggleView]);
    while ex(&app).grouping() != crate::model::lanes::Grouping::Nested {
        assert!(!folds(&app), "not with {:?}", ex(&app).grouping());
        replay(&mut app, &[Action::CycleLanes]);
    }
    assert!(folds(&app));
}
