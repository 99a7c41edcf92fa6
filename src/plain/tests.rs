//! The plain front end driven as a person or a script drives it: lines in, lines out.

use super::*;
use crate::model::{self, query::Query};
use crate::text::is_unsafe;
use std::io::Cursor;

fn builtin() -> Session {
    Session::new(model::load_builtin().unwrap(), Query::default(), None).unwrap()
}

fn on(yaml: &str) -> Session {
    Session::new(model::load_str("t", yaml).unwrap(), Query::default(), None).unwrap()
}

fn hostile() -> Session {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/hostile-text.yaml");
    Session::new(model::load_file(&path).unwrap(), Query::default(), None).unwrap()
}

fn selected_id(session: &Session) -> String {
    let ex = session.explorer();
    ex.timeline.events[ex.selected_event().unwrap()].id.clone()
}

/// Every character printable or a newline.
fn assert_inert(text: &str) {
    for c in text.chars() {
        assert!(c == '\n' || !is_unsafe(c), "{c:?} in {text:?}");
    }
}

#[test]
fn a_move_is_one_sentence() {
    let mut s = builtin();
    assert_eq!(
        s.command("go 2016-11-19"),
        "15 of 21. November 19, 2016: Xi and Obama meet at APEC in Lima. By China, United States; also involved: Peru.\n"
    );
    assert_eq!(
        s.command("next"),
        "16 of 21. December 7, 2016: Lynch pledges a smooth handover to the next administration. By United States; also involved: China.\n"
    );
    assert_eq!(
        s.command("j"),
        "17 of 21. December 7 to 8, 2016: Third round of the dialogue in Washington. By China, United States.\n"
    );
    s.command("j");
    assert_eq!(
        s.command("j"),
        "19 of 21, did not take place. 2017: Planned fourth round of the dialogue in China. By China, United States.\n"
    );
    assert!(!s.failed);
}

#[test]
fn status_and_precision_are_said_in_words() {
    let mut s = on("title: T\nevents:\n  - {id: a, title: Talks., date: ~2016-04}\n  - {id: b, title: Summit?, date: 2016-05..2016-07, status: cancelled}\n  - {id: c, title: Later, date: 2017?, status: planned}\n");
    assert!(s.opening().ends_with("\n1 of 3. Around April 2016: Talks.\n"), "{}", s.opening());
    assert_eq!(s.command("next"), "2 of 3, cancelled. May to July 2016: Summit?\n");
    assert_eq!(s.command("next"), "3 of 3, planned. 2017 (uncertain): Later.\n");
}

#[test]
fn moves_stop_at_the_ends_and_say_so() {
    let mut s = builtin();
    assert_eq!(s.command("prev"), "No previous event: 1 of 21 is the first.\n");
    s.command("G");
    assert_eq!(s.command("j"), "No next event: 21 of 21 is the last.\n");
    assert_eq!(s.command("]"), "No later year.\n");
    assert!(!s.failed, "reaching an end is not a mistake");
}

#[test]
fn back_returns_after_go_related_and_search() {
    let mut s = builtin();
    s.command("next");
    let start = selected_id(&s);
    s.command("go 2016-12");
    assert_eq!(selected_id(&s), "lynch-guo-meeting-2016", "the first event of December 2016");
    s.command("back");
    assert_eq!(selected_id(&s), start, "after go");
    let related = s.command("related");
    assert!(related.starts_with("3 events linked to this one"), "{related}");
    assert!(
        related.contains(
            "\n1. comes before: OPM gives the scale of the background-investigation breach, July 9, 2015.\n"
        ),
        "{related}"
    );
    s.command("related 1");
    assert_eq!(selected_id(&s), "opm-breach-background-2015");
    s.command("back");
    assert_eq!(selected_id(&s), start, "after a related jump");
    let found = s.command("search hotline");
    assert!(found.starts_with("6 events match. Match 1 of 6: "), "{found}");
    assert_ne!(selected_id(&s), start);
    s.command("back");
    assert_eq!(selected_id(&s), start, "after a search");
    s.command("first");
    s.command("back");
    assert_eq!(selected_id(&s), start, "after first");
    assert_eq!(s.command("back"), "Nothing to go back to.\n");
}

#[test]
fn related_numbers_are_the_explorers_links() {
    let mut s = builtin();
    s.command("go dialogue-round-1");
    let event = s.explorer().selected_event().unwrap();
    let links = crate::report::connections(&s.explorer().timeline, event).links;
    let listed = s.command("related");
    assert_eq!(listed.lines().count(), links.len() + 1, "{listed}");
    for (i, link) in links.iter().enumerate() {
        s.command("go dialogue-round-1");
        s.command(&format!("related {}", i + 1));
        assert_eq!(s.explorer().selected_event(), Some(link.event), "related {}", i + 1);
    }
    s.command("go dialogue-round-1");
    assert_eq!(
        s.command("related 99"),
        format!("error: there is no linked event 99; there are {}\n", links.len())
    );
    assert!(s.command("related two").starts_with("error: `two` is not a number"));
}

#[test]
fn filters_are_the_query_language_and_mistakes_are_explained() {
    let mut s = builtin();
    let said = s.command("filter country:PE");
    assert_eq!(
        said,
        "Filter: country:PE. 1 of 21 events. 1 of 1. November 19, 2016: Xi and Obama meet at APEC in Lima. By China, United States; also involved: Peru.\n"
    );
    let timeline = s.explorer().timeline.clone();
    let query = Query::parse("agency:fbi -tag:background").unwrap();
    let expected = crate::cli::select(&timeline, &query, &timeline.zone).unwrap();
    s.command("filter agency:fbi -tag:background");
    assert_eq!(s.explorer().visible(), expected, "the model's filter, not another one");
    assert_eq!(
        s.command("filter"),
        format!("Filter: agency:fbi -tag:background. {} of 21 events.\n", expected.len())
    );
    assert!(!s.failed);
    assert_eq!(s.command("filter country:Chna"), "error: unknown country `Chna`; did you mean `China`?\n");
    assert!(s.failed);
    assert_eq!(s.explorer().visible(), expected, "a refused filter changes nothing");
    assert!(s
        .command("filter contry:CN")
        .starts_with("error: unknown filter `contry:`; did you mean `country:`?"));
    assert!(s.command("clear").starts_with("Filter and search cleared: 21 events. "));
    assert_eq!(s.command("filter"), "No filter: 21 events.\n");
    s.command("filter country:PE -country:PE");
    assert_eq!(s.command("next"), "No events are shown; clear shows every event.\n");
}

#[test]
fn search_counts_what_the_explorer_finds_and_steps_with_n() {
    let mut s = builtin();
    s.command("filter country:CN");
    let ex = s.explorer();
    let query = crate::model::search::SearchQuery::new("dialogue");
    let hits = ex.index.as_ref().unwrap().text.search(ex.visible(), &query);
    let n = hits.len();
    assert!(n > 2);
    let said = s.command("search dialogue");
    assert!(
        said.starts_with(&format!("{n} events match among the filtered ones. Match 1 of {n}: ")),
        "{said}"
    );
    assert!(s.command("n").starts_with(&format!("Match 2 of {n}: ")));
    assert!(s.command("N").starts_with(&format!("Match 1 of {n}: ")));
    assert!(s.command("N").starts_with(&format!("Match {n} of {n}, back at the last: ")));
    assert_eq!(s.command("search zzyzx"), "No shown event matches.\n");
    let mut fresh = builtin();
    assert_eq!(fresh.command("n"), "error: there is no search yet; search WORDS starts one\n");
}

#[test]
fn go_takes_dates_and_ids() {
    let mut s = builtin();
    assert!(s.command("go 2016").starts_with("9 of 21, planned. January to June 2016: "));
    assert!(s.command("go 2015-08").starts_with("No shown event starts in August 2015; the nearest: "));
    assert!(s.command("go mar-a-lago-summit-2017").starts_with("20 of 21. April 6 to 7, 2017: "));
    assert_eq!(
        s.command("go 2016-02-30"),
        "error: `2016-02-30` is not a date: day 30 does not exist in 2016-02 (it has 29 days)\n"
    );
    assert_eq!(
        s.command("go mar-a-lago"),
        "error: no event with id `mar-a-lago`; did you mean `mar-a-lago-summit-2017`?\n"
    );
    assert_eq!(
        s.command("go \u{1b}[31m"),
        "error: `\\u{1b}[31m` is neither a date (2016, 2016-12, 2016-12-07) nor an event id\n"
    );
}

#[test]
fn an_id_that_starts_like_a_date_is_still_an_id() {
    let mut s = on("title: T\nevents:\n  - {id: a, title: A, date: 2015}\n  - {id: 2016-summit, title: Summit, date: 2016-06}\n  - {id: c, title: C, date: 2017}\n");
    assert_eq!(s.command("go 2016-summit"), "2 of 3. June 2016: Summit.\n");
    s.command("first");
    assert_eq!(s.command("go 2016"), "2 of 3. June 2016: Summit.\n", "a date");
    assert_eq!(
        s.command("go 2016-sumit"),
        "error: no event with id `2016-sumit`; did you mean `2016-summit`?\n"
    );
    assert_eq!(s.command("go 2016-13"), "error: `2016-13` is not a date: month 13 does not exist (01..12)\n");
}

#[test]
fn show_reads_as_paragraphs_with_headings_as_words() {
    let mut s = builtin();
    s.command("go dialogue-round-3");
    let shown = s.command("show");
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines[0], "Third round of the dialogue in Washington");
    assert_eq!(lines[1], "Date: December 7 to 8, 2016 (2 days)");
    for heading in ["Summary:", "Outcomes:", "Sources:", "Related:"] {
        assert!(lines.contains(&heading), "{heading} in {shown}");
    }
    for drawing in ['═', '•', '→', '│', '#'] {
        assert!(!shown.contains(drawing), "{drawing:?} in {shown}");
    }
}

#[test]
fn help_and_quit() {
    let mut s = builtin();
    let help = s.command("?");
    assert_eq!(help, s.command("help"));
    assert!(help.contains("next (j): the next event."), "{help}");
    assert!(help.contains("search WORDS (/): "), "{help}");
    assert!(!s.finished);
    assert_eq!(s.command("q"), "");
    assert!(s.finished);
}

#[test]
fn the_conversation_ends_at_quit_or_the_end_of_input() {
    let mut s = builtin();
    let mut out = Vec::new();
    run(&mut s, Cursor::new("next\nquit\nnext\n"), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 3, "opening (2 lines) and one move: {text}");
    let mut s = builtin();
    let mut out = Vec::new();
    run(&mut s, Cursor::new("next\r\nnext"), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.ends_with("3 of 21. July 9, 2015: OPM gives the scale of the background-investigation breach. By United States.\n"), "{text}");
    assert!(!s.failed);
}

#[test]
fn lines_are_read_with_a_bound() {
    let long = "x".repeat(MAX_LINE_BYTES * 3);
    let input = format!("{long}\nnext\n{}\n", "y".repeat(MAX_LINE_BYTES));
    let mut reader = std::io::BufReader::with_capacity(64, Cursor::new(input));
    let mut line = Vec::new();
    assert_eq!(read_line(&mut reader, &mut line, MAX_LINE_BYTES).unwrap(), Read::TooLong);
    assert!(line.len() <= MAX_LINE_BYTES, "never holds more than the limit");
    assert_eq!(read_line(&mut reader, &mut line, MAX_LINE_BYTES).unwrap(), Read::Line);
    assert_eq!(line, b"next");
    assert_eq!(
        read_line(&mut reader, &mut line, MAX_LINE_BYTES).unwrap(),
        Read::Line,
        "exactly the limit is fine"
    );
    assert_eq!(read_line(&mut reader, &mut line, MAX_LINE_BYTES).unwrap(), Read::End);
    let mut s = builtin();
    let mut out = Vec::new();
    run(&mut s, Cursor::new(format!("{long}\nnext\n")), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains(&format!(
            "error: the line is longer than {MAX_LINE_BYTES} bytes and was ignored\n2 of 21."
        )),
        "{text}"
    );
    assert!(s.failed);
}

#[test]
fn hostile_data_and_hostile_commands_print_nothing_raw() {
    let mut s = hostile();
    assert_inert(&s.opening());
    for line in [
        "show",
        "related",
        "next",
        "show",
        "related 1",
        "search \u{1b}[2J",
        "filter tag:\"t\u{1b}[1mag\"",
        "go \u{9b}31m",
        "\u{202e}next",
        "\u{0}",
        "go e1",
        "back",
        "n",
        "filter country:\u{1b}",
        "?",
    ] {
        let said = s.command(line);
        assert_inert(&said);
        assert!(!said.is_empty(), "{line:?} answered");
    }
    let mut out = Vec::new();
    let bytes: Vec<u8> = b"show\n\xff\xfe\x1b[6n\nrelated\n\x00\x07\x08\r\nfilter \x9b\n".to_vec();
    run(&mut hostile(), Cursor::new(bytes), &mut out).unwrap();
    assert_inert(&String::from_utf8(out).expect("UTF-8 out"));
}

#[test]
fn the_environment_variable() {
    use std::ffi::OsStr;
    assert!(!wanted_by_environment(None));
    for off in ["", "0", "false", "No", "OFF"] {
        assert!(!wanted_by_environment(Some(OsStr::new(off))), "{off}");
    }
    for on in ["1", "yes", "true"] {
        assert!(wanted_by_environment(Some(OsStr::new(on))), "{on}");
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Lines people and broken scripts type: real commands, explorer letters, and any text after
    /// them, control characters and escapes included.
    fn line() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "next",
            "prev",
            "first",
            "last",
            "show",
            "go",
            "filter",
            "clear",
            "search",
            "n",
            "N",
            "related",
            "back",
            "help",
            "j",
            "k",
            "g",
            "G",
            "?",
            "[",
            "]",
            "t",
            "f",
            "/",
            "x",
            "v",
            "c",
            "&",
            "",
            "next-year",
        ]);
        let tail = prop_oneof![
            Just(String::new()),
            "[0-9]{1,4}(-[0-9]{1,2}){0,2}",
            "(country|agency|tag|person|status|from|to|-tag):[A-Za-z\u{1b}\u{202e}]{0,6}",
            "\\PC{0,20}",
            any::<String>().prop_map(|s| s.chars().take(30).collect()),
        ];
        (words, tail).prop_map(|(w, t)| format!("{w} {t}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// No sequence of commands panics or prints a control character, on the built-in
        /// timeline or on one full of escapes.
        #[test]
        fn any_commands_answer_safely(lines in prop::collection::vec(line(), 1..25), hostile_data: bool) {
            let mut s = if hostile_data { hostile() } else { builtin() };
            for l in &lines {
                let said = s.command(l);
                prop_assert!(!said.chars().any(|c| c != '\n' && is_unsafe(c)), "{:?} -> {:?}", l, said);
            }
        }

        /// Any bytes at all on stdin: the session ends, and what it prints is UTF-8 with no
        /// control character but newlines.
        #[test]
        fn any_input_bytes_end_safely(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            let mut out = Vec::new();
            run(&mut builtin(), Cursor::new(bytes), &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            prop_assert!(!text.chars().any(|c| c != '\n' && is_unsafe(c)));
        }
    }
}
