//! The records `write_yaml` builds beside the text are what the loader reads the text as: the
//! import checks the records and parses its own YAML again only to place a problem, so the two
//! must give the same timeline (or both fail) on any draft a reader can make.

use super::*;
use proptest::prelude::*;

/// Text with what YAML and the writer find hard: line breaks of every kind (U+2028, U+2029,
/// NEL, CR), quotes, backslashes, indicators, tabs, escapes, a BOM, non-characters, bidi
/// controls, words YAML reads as other types, leading and trailing spaces, nothing at all.
fn odd_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[A-Za-z]{1,6}",
        1 => Just(" ".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\r\n".to_string()),
        1 => Just("\r".to_string()),
        1 => Just("\u{2028}".to_string()),
        1 => Just("\u{2029}".to_string()),
        1 => Just("\u{85}".to_string()),
        1 => Just("\t".to_string()),
        1 => Just("\u{1b}[31m".to_string()),
        1 => Just("\u{feff}".to_string()),
        1 => Just("\u{fffe}\u{ffff}".to_string()),
        1 => Just("\u{202e}".to_string()),
        1 => Just("\u{a0}".to_string()),
        1 => Just("\"".to_string()),
        1 => Just("'".to_string()),
        1 => Just("\\".to_string()),
        1 => Just(": ".to_string()),
        1 => Just(" #".to_string()),
        1 => Just("- ".to_string()),
        1 => prop_oneof![Just("|"), Just(">"), Just("{"), Just("}"), Just("["), Just("]"), Just(","), Just("&a"), Just("*a"), Just("!t"), Just("%"), Just("@"), Just("`")].prop_map(str::to_string),
        1 => prop_oneof![Just("null"), Just("true"), Just("2016"), Just("~"), Just("0x1F"), Just(".inf")].prop_map(str::to_string),
        1 => Just("北京 😀".to_string()),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|p| p.concat())
}

/// Ids: mostly plain, sometimes odd (the loader refuses an id with spaces, and must then refuse
/// it both ways).
fn id() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[A-Za-z]{1,2}", 1 => odd_text()]
}

/// Dates as readers write them: points, ranges, times, zones' gaps, BCE years, circa and
/// uncertain marks, and some no reader would write (the loader must refuse them both ways).
fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2016"),
        Just("-0043"),
        Just("-0499-03-15"),
        Just("0000-01"),
        Just("~1972"),
        Just("1999?"),
        Just("2016-12-07..2016-12-08"),
        Just("2016-03-13T02:30"),
        Just("2016-10-30T00:30..2016-10-30T04:00Z"),
        Just("2016-05-01T10:00+05:30"),
        Just("2016-02-30"),
        Just("2017..2016"),
        Just("x"),
    ]
    .prop_map(str::to_string)
}

fn zone() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        prop_oneof![
            Just("America/New_York"),
            Just("+05:30"),
            Just(" Asia/Shanghai "),
            Just("Mars/Base"),
            Just("")
        ]
        .prop_map(str::to_string),
    )
}

fn event() -> impl Strategy<Value = DraftEvent> {
    let names = || proptest::collection::vec(id(), 0..3);
    (
        (proptest::option::of(id()), odd_text(), date(), zone()),
        (
            proptest::option::of(prop_oneof![
                Just("happened"),
                Just("planned"),
                Just("cancelled"),
                Just("did-not-take-place")
            ]),
            proptest::option::of(odd_text()),
        ),
        (names(), names(), names(), names()),
        (proptest::collection::vec(odd_text(), 0..3), proptest::option::of(odd_text())),
        (
            proptest::collection::vec(odd_text(), 0..2),
            proptest::collection::vec((odd_text(), proptest::option::of(odd_text())), 0..2),
        ),
    )
        .prop_map(
            |(
                (id, title, date, timezone),
                (status, place),
                (countries, agencies, people, by),
                (tags, summary),
                (outcomes, sources),
            )| DraftEvent {
                id,
                title,
                date,
                timezone,
                status,
                place,
                // Who acted: mostly ids the event lists, sometimes one it does not.
                by: by.into_iter().chain(countries.first().cloned()).collect(),
                countries,
                agencies,
                people,
                tags,
                summary,
                outcomes,
                sources,
                line: 1,
                start_utc: None,
            },
        )
}

fn draft() -> impl Strategy<Value = Draft> {
    (
        (proptest::option::of(odd_text()), proptest::option::of(odd_text()), zone()),
        (
            proptest::collection::vec((id(), odd_text()), 0..3),
            proptest::collection::vec(id(), 0..2),
            proptest::collection::vec(id(), 0..2),
        ),
        proptest::collection::vec(event(), 0..5),
    )
        .prop_map(|((title, description, timezone), (countries, agencies, people), events)| Draft {
            title,
            description,
            timezone,
            countries,
            agencies,
            people,
            events,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The writer's shortcut (text written between quotes as it is, when it needs no escape)
    /// writes exactly what the escaping path would, on odd text and on any text at all.
    #[test]
    fn text_written_without_escapes_is_what_quoting_writes(
        text in prop_oneof![odd_text(), any::<String>(), "[\\x00-\\x{a0}\\x{2020}-\\x{2030}\\x{fff0}-\\x{ffff}]{0,8}"]
    ) {
        let mut written = String::from("x");
        push_quoted(&mut written, &text);
        prop_assert_eq!(&written[1..], quoted(&text));
    }

    #[test]
    fn the_written_records_load_as_the_written_text_does(draft in draft()) {
        let written = write_yaml(draft, Format::Csv, &mut Notes::new("draft.csv"));
        let from_records = crate::model::loader::load_records("imported.yaml", written.records);
        let from_text = crate::model::load_str("imported.yaml", &written.yaml);
        match (from_records, from_text) {
            (Some(records), Ok(text)) => prop_assert_eq!(records, text),
            (None, Err(_)) => {}
            (Some(_), Err(e)) => {
                return Err(TestCaseError::fail(format!("the records load, the text does not: {e}\n{}", written.yaml)))
            }
            (None, Ok(_)) => {
                return Err(TestCaseError::fail(format!("the text loads, the records do not:\n{}", written.yaml)))
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Writing the text on a second thread while the records are checked gives the text and the
    /// timeline of doing one after the other.
    #[test]
    fn two_threads_write_and_load_as_one_does(draft in draft()) {
        let settle_it = |draft: Draft| settle(draft, &mut Notes::new("draft.csv"));
        let one = write_and_load(settle_it(draft.clone()), Format::Csv, false);
        let two = write_and_load(settle_it(draft), Format::Csv, true);
        prop_assert_eq!(one, two);
    }
}

/// The fast path is taken: a plain draft's records load (so its text is never parsed again).
#[test]
fn a_plain_drafts_records_load() {
    let draft = Draft {
        events: vec![DraftEvent {
            title: "Meeting".into(),
            date: "2016-12-07".into(),
            countries: vec!["CN".into()],
            by: vec!["CN".into()],
            ..Default::default()
        }],
        ..Default::default()
    };
    let written = write_yaml(draft, Format::Csv, &mut Notes::new("plain.csv"));
    let timeline =
        crate::model::loader::load_records("imported.yaml", written.records).expect("the records load");
    assert_eq!(timeline.events[0].id, "meeting");
    assert_eq!(
        Ok(timeline),
        crate::model::load_str("imported.yaml", &written.yaml).map_err(|e| e.to_string())
    );
}
