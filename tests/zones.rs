//! One zone for every question (issue 25): day bounds are days in the zone shown, in the CLI
//! (`--tz`) and in the explorer (`T`, here driven through the plain front end's session, which
//! holds one), on generated timelines whose events carry times in several zones.

use chrono::NaiveDate;
use proptest::prelude::*;
use timeline_explorer::model::{self, query::Query, DateSpec, Timeline, Zone};

const ZONES: [&str; 7] = [
    "UTC",
    "America/New_York",
    "Europe/Moscow",
    "Asia/Tokyo",
    "+05:30",
    "Pacific/Pago_Pago",
    "Pacific/Kiritimati",
];

/// One event's date as written: around the night of 2016-03-12/13 (New York's clocks go
/// forward on the 13th), never at a skipped time (2:xx).
fn date() -> impl Strategy<Value = String> {
    let day = 11u32..15;
    let hour = prop::sample::select(vec![0u32, 1, 3, 4, 9, 12, 18, 21, 22, 23]);
    let minute = prop::sample::select(vec![0u32, 5, 59]);
    let offset = prop::sample::select(vec!["", "", "Z", "+08:00", "-05:00", "+14:00"]);
    (day.clone(), hour.clone(), minute, offset, 0u8..6, day, hour).prop_map(|(d, h, m, o, shape, d2, h2)| {
        let (d1, d2) = (d.min(d2), d.max(d2));
        match shape {
            0 => format!("2016-03-{d:02}"),
            1 => format!("2016-03-{d:02}T{h:02}:{m:02}{o}"),
            2 => format!("2016-03-{d1:02}..2016-03-{d2:02}"),
            3 => format!("2016-03-{d1:02}T{h:02}:{m:02}{o}..2016-03-{:02}T{h2:02}:00{o}", d2 + 1),
            4 => "2016-03".to_string(),
            _ => format!("~2016-03-{d:02}T{h:02}:{m:02}"),
        }
    })
}

fn timeline() -> impl Strategy<Value = Timeline> {
    let event = (date(), prop::option::of(prop::sample::select(ZONES.to_vec())));
    (prop::sample::select(ZONES.to_vec()), prop::collection::vec(event, 1..12)).prop_filter_map(
        "a date the loader refuses",
        |(home, events)| {
            let mut yaml = format!("title: t\ntimezone: \"{home}\"\nevents:\n");
            for (i, (date, zone)) in events.iter().enumerate() {
                yaml.push_str(&format!("  - id: e{i}\n    title: E{i}\n    date: \"{date}\"\n"));
                if let Some(zone) = zone {
                    yaml.push_str(&format!("    timezone: \"{zone}\"\n"));
                }
            }
            model::load_str("t", &yaml).ok()
        },
    )
}

/// The days an event is shown on in `zone`, read back from what the screen writes (not from
/// the filter's own arithmetic).
fn shown_days(date: &DateSpec, zone: &Zone) -> (NaiveDate, NaiveDate) {
    let shown = date.human_in(zone);
    let read = DateSpec::parse_shown_in(&shown, zone, zone).unwrap_or_else(|e| panic!("{shown}: {e}"));
    (read.first_day(), read.last_day())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn from_d_to_d_lists_exactly_the_events_shown_on_d(
        t in timeline(),
        shown in prop::sample::select(ZONES.to_vec()),
        day in 10u32..17,
    ) {
        let zone = Zone::parse_shown(shown).unwrap();
        let d = NaiveDate::from_ymd_opt(2016, 3, day).unwrap();
        let query = Query::parse(&format!("from:{d} to:{d}")).unwrap();
        let expected: Vec<usize> = (0..t.events.len())
            .filter(|&e| {
                let (first, last) = shown_days(&t.events[e].date, &zone);
                first <= d && d <= last
            })
            .collect();
        let listed = timeline_explorer::cli::select(&t, &query, &zone).unwrap();
        let mut chosen = listed.clone();
        chosen.sort_unstable();
        prop_assert_eq!(&chosen, &expected, "list --tz {} from:{} to:{}", shown, d, d);
        // The explorer, with the same zone shown, shows the same events in the same order.
        let session = timeline_explorer::plain::Session::new(t.clone(), query, Some(zone)).unwrap();
        prop_assert_eq!(session.explorer().visible(), &listed);
    }

    /// One order within a shown day, read back from what is shown: by the day an event is
    /// shown on; on a day, whole-day events first, then times by instant. The CLI and the
    /// explorer (after `T` to the zone, and started in it) list in that order.
    #[test]
    fn events_are_listed_by_shown_day_whole_days_first_then_by_time(
        t in timeline(),
        shown in prop::sample::select(ZONES.to_vec()),
    ) {
        let zone = Zone::parse_shown(shown).unwrap();
        let listed = timeline_explorer::cli::select(&t, &Query::default(), &zone).unwrap();
        prop_assert_eq!(listed.len(), t.events.len(), "every event once");
        for pair in listed.windows(2) {
            let (a, b) = (&t.events[pair[0]].date, &t.events[pair[1]].date);
            let (day_a, day_b) = (shown_days(a, &zone).0, shown_days(b, &zone).0);
            let whole = |d: &DateSpec| d.start.time.is_none();
            prop_assert!(day_a <= day_b, "{} listed before {} in {}", a.human_in(&zone), b.human_in(&zone), shown);
            if day_a == day_b {
                prop_assert!(whole(a) || !whole(b), "a time before a whole day: {} then {}", a.human_in(&zone), b.human_in(&zone));
                if !whole(a) && !whole(b) {
                    prop_assert!(a.start_instant() <= b.start_instant(), "{} then {}", a.human_in(&zone), b.human_in(&zone));
                }
            }
        }
        let session = timeline_explorer::plain::Session::new(t.clone(), Query::default(), Some(zone)).unwrap();
        prop_assert_eq!(session.explorer().visible(), &listed, "started with --tz {}", shown);
        let viewport = timeline_explorer::explorer::Viewport::default();
        let mut explorer = timeline_explorer::explorer::Explorer::new(std::sync::Arc::new(t.clone()), None, viewport);
        explorer.set_zone(zone);
        prop_assert_eq!(explorer.visible(), &listed, "after T to {}", shown);
        explorer.set_zone(t.zone);
        let home = timeline_explorer::cli::select(&t, &Query::default(), &t.zone).unwrap();
        prop_assert_eq!(explorer.visible(), &home, "after T back to the timeline's zone");
    }
}

#[test]
fn a_tokyo_file_in_utc_lists_a_time_of_the_day_before_first() {
    let text = "title: t\ntimezone: Asia/Tokyo\nevents:\n\
        - {id: day, title: D, date: \"2000-01-01\"}\n\
        - {id: morning, title: M, date: \"2000-01-01T08:00\"}\n\
        - {id: night, title: N, date: \"2000-01-02T01:00\"}\n";
    let t = model::load_str("t", text).unwrap();
    let shown = |zone: &Zone| -> Vec<String> {
        let listed = timeline_explorer::cli::select(&t, &Query::default(), zone).unwrap();
        listed.iter().map(|&e| t.events[e].date.human_in(zone)).collect()
    };
    assert_eq!(shown(&Zone::Utc), ["1999-12-31 23:00", "2000-01-01", "2000-01-01 16:00"]);
    assert_eq!(shown(&t.zone), ["2000-01-01", "2000-01-01 08:00", "2000-01-02 01:00"]);
}

#[test]
fn a_time_after_midnight_in_the_zone_shown_is_on_that_day() {
    // 22:30 UTC on the 26th is 01:30 on the 27th in Moscow.
    let text = "title: t\nevents:\n  - {id: late, title: L, date: \"1962-10-26T22:30Z\"}\n";
    let t = model::load_str("t", text).unwrap();
    let ids = |q: &str, zone: &str| {
        let zone = Zone::parse_shown(zone).unwrap();
        timeline_explorer::cli::select(&t, &Query::parse(q).unwrap(), &zone).unwrap().len()
    };
    assert_eq!(ids("from:1962-10-27", "Europe/Moscow"), 1);
    assert_eq!(ids("from:1962-10-27", "UTC"), 0);
    assert_eq!(ids("to:1962-10-26", "Europe/Moscow"), 0);
    assert_eq!(ids("to:1962-10-26", "UTC"), 1);
}
