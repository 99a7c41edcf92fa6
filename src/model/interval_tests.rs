use super::*;

fn zone(name: &str) -> Zone {
    Zone::parse(name).unwrap()
}

/// A date written in `zone`, its days counted there.
fn date(text: &str, zone: &Zone) -> DateSpec {
    DateSpec::parse_in(text, zone, zone).unwrap()
}

/// The words for the gap from `a` to `b`, as the zone `shown` counts it; "overlap" when one
/// is during the other.
fn gap(a: &str, b: &str, shown: &str) -> String {
    let shown = zone(shown);
    let home = zone("America/New_York");
    match Interval::gap(&date(a, &home), &date(b, &home), &shown) {
        Some((interval, true)) => format!("{} later", interval.words()),
        Some((interval, false)) => format!("{} earlier", interval.words()),
        None => "overlap".into(),
    }
}

#[test]
fn days_are_calendar_days_whether_or_not_an_end_has_a_time() {
    // Marked at Oct 14 07:31: an all-day Oct 27 event and a later one at 04:00 that day.
    let ny = "America/New_York";
    assert_eq!(gap("1962-10-14T07:31", "1962-10-27", ny), "13 days later");
    assert_eq!(gap("1962-10-14T07:31", "1962-10-27T04:00", ny), "13 days later");
    assert_eq!(gap("1962-10-27T04:00", "1962-10-14T07:31", ny), "13 days earlier");
}

#[test]
fn days_are_counted_in_the_zone_shown() {
    let (a, b) = ("2016-12-07T23:30Z", "2016-12-10T01:00Z");
    assert_eq!(gap(a, b, "UTC"), "3 days later");
    assert_eq!(gap(a, b, "+08:00"), "2 days later", "Dec 8 07:30 to Dec 10 09:00");
}

#[test]
fn under_two_days_with_times_the_distance_is_exact() {
    let utc = "UTC";
    assert_eq!(gap("2016-12-07T23:00Z", "2016-12-09T01:00Z", utc), "1 day and 2 hours later");
    assert_eq!(gap("2016-12-07T10:00Z", "2016-12-09T09:59Z", utc), "1 day, 23 hours and 59 minutes later");
    assert_eq!(gap("2016-12-07T10:00Z", "2016-12-09T10:00Z", utc), "2 days later");
    assert_eq!(gap("2016-12-07T10:00Z", "2016-12-07T10:00:45Z", utc), "45 seconds later");
    assert_eq!(gap("2016-12-07T10:00Z", "2016-12-07T10:00Z", utc), "the same moment later");
    // Never hours at the day scale: a whole day and a time are days apart.
    assert_eq!(gap("2016-12-07", "2016-12-08T04:00", utc), "1 day later");
    assert_eq!(gap("2016-12-07", "2016-12-07T04:00", utc), "the same day later");
}

#[test]
fn months_and_days_are_truncated_never_rounded() {
    let utc = "UTC";
    assert_eq!(gap("2016-01-05", "2016-10-25", utc), "9 months and 20 days later");
    assert_eq!(gap("2015-09-25", "2016-12-07", utc), "1 year, 2 months and 12 days later");
    assert_eq!(gap("2016-01-31", "2016-03-30", utc), "59 days later", "not yet two calendar months");
    assert_eq!(gap("2016-01-31", "2016-03-31", utc), "2 months later");
    assert_eq!(gap("2014-05-19", "2017-05-19", utc), "3 years later");
    // Launch to splashdown, 5 days 22 hours 54 minutes: six calendar days in UTC.
    assert_eq!(gap("2020-05-30T19:22Z", "2020-06-05T18:16Z", utc), "6 days later");
}

#[test]
fn a_range_counts_from_its_end_after_it_and_from_its_start_before_it() {
    let utc = "UTC";
    let broadcast = "2016-12-07T20:24Z..2016-12-07T20:59Z";
    assert_eq!(gap(broadcast, "2016-12-07T21:08Z", utc), "9 minutes later");
    assert_eq!(gap("2016-12-07T20:00Z", broadcast, utc), "24 minutes later");
    assert_eq!(gap(broadcast, "2016-12-07T20:30Z", utc), "overlap", "during it");
    assert_eq!(gap("2016-10-01..2016-10-05", "2016-10-08", utc), "3 days later");
}

#[test]
fn approximate_or_imprecise_ends_read_about() {
    let utc = "UTC";
    assert_eq!(gap("1962-10-14", "~1962-10-27", utc), "about 13 days later");
    assert_eq!(gap("~1962-10-14T07:31", "1962-10-14T09:00", utc), "about 1 hour and 29 minutes later");
    assert_eq!(gap("2016-03", "2016-06-10", utc), "about 2 months and 10 days later", "from March's end");
    assert_eq!(gap("2016-06-10", "2017", utc), "about 6 months and 22 days later", "to 2017's start");
    assert_eq!(gap("2016-03", "2016-03-10", utc), "overlap");
}

#[test]
fn spans_count_both_whole_days_and_exact_times() {
    let utc = zone("UTC");
    let span = |text: &str| Interval::span(&date(text, &utc), &utc).map(|s| s.words());
    assert_eq!(span("2016-12-07..2016-12-08").as_deref(), Some("2 days"));
    assert_eq!(span("2016-12-07").as_deref(), None);
    assert_eq!(span("2016-12-07T09:00..17:30").as_deref(), Some("8 hours and 30 minutes"));
    // 27 days and 9 hours: 27 calendar days, never "3 weeks".
    assert_eq!(span("2016-10-01T09:00Z..2016-10-28T18:00Z").as_deref(), Some("27 days"));
    assert_eq!(span("~2016-01..2016-03").as_deref(), Some("about 3 months"));
}

#[test]
fn clocks_changing_are_counted_in_real_time_and_shown_days() {
    let ny = "America/New_York";
    // Clocks went back on 2016-11-06: 47.5 real hours between wall clocks 46.5 hours apart.
    assert_eq!(gap("2016-11-05T12:00", "2016-11-07T10:30", ny), "1 day, 23 hours and 30 minutes later");
    assert_eq!(gap("2016-11-05T12:00", "2016-11-07T11:30", ny), "2 days later");
    // Clocks went forward on 2016-03-13: 23 real hours from 00:30 to 00:30 the next day.
    assert_eq!(gap("2016-03-13T00:30", "2016-03-14T00:30", ny), "23 hours later");
}

#[test]
fn the_readme_states_the_rule_the_function_documents() {
    let root = env!("CARGO_MANIFEST_DIR");
    let source = std::fs::read_to_string(format!("{root}/src/model/interval.rs")).unwrap();
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let before_words = &source[..source.find("    pub fn words(").unwrap()];
    let doc: Vec<&str> = before_words
        .lines()
        .rev()
        .take_while(|l| l.trim_start().starts_with("///"))
        .map(|l| l.trim_start().trim_start_matches("///").trim())
        .collect();
    let doc = doc.into_iter().rev().collect::<Vec<_>>().join(" ");
    assert!(doc.starts_with("**Intervals.**"), "{doc}");
    let start = readme.find("**Intervals.**").expect("README has the intervals paragraph");
    let paragraph = readme[start..].split("\n\n").next().unwrap();
    let paragraph = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(paragraph, doc.split_whitespace().collect::<Vec<_>>().join(" "));
}

mod properties {
    use super::*;
    use chrono::Duration;
    use proptest::prelude::*;

    /// Zones without clock changes: there days only move forward with time.
    fn steady_zone() -> impl Strategy<Value = Zone> {
        prop_oneof![
            Just(Zone::Utc),
            Just(Zone::Fixed(330)),
            Just(Zone::Fixed(-300)),
            Just(Zone::Fixed(13 * 60))
        ]
    }

    fn any_zone() -> impl Strategy<Value = Zone> {
        prop_oneof![steady_zone(), Just(zone("America/New_York")), Just(zone("Europe/Moscow"))]
    }

    /// A date as a file writes it: a year, month, day or time, maybe `~`, maybe a range of the
    /// same kind.
    fn written() -> impl Strategy<Value = String> {
        (0u8..4, 0i64..20_000, 0i64..400, 0u32..24 * 60, 0u32..24 * 60, any::<bool>(), any::<bool>())
            .prop_map(|(kind, day, length, at, until, approx, range)| {
                let first = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap() + Duration::days(day);
                let last = first + Duration::days(length);
                let form = |d: NaiveDate, minute: u32| match kind {
                    0 => d.format("%Y").to_string(),
                    1 => d.format("%Y-%m").to_string(),
                    2 => d.format("%Y-%m-%d").to_string(),
                    _ => format!("{}T{:02}:{:02}", d.format("%Y-%m-%d"), minute / 60, minute % 60),
                };
                let mut text = if approx { "~".to_string() } else { String::new() };
                text.push_str(&form(first, at));
                if range && length > 0 {
                    text.push_str("..");
                    text.push_str(&form(last, until));
                }
                text
            })
    }

    /// The unit band of an amount: exact, days, months.
    fn band(amount: Amount) -> u8 {
        match amount {
            Amount::Exact(_) => 0,
            Amount::Days(_) => 1,
            Amount::Months(..) => 2,
        }
    }

    proptest! {
        #[test]
        fn words_grow_with_the_distance_between_times(
            zone in steady_zone(), start in 0i64..2_000_000_000, a in 0i64..10_000_000, b in 0i64..10_000_000
        ) {
            let (near, far) = (a.min(b), a.max(b));
            let from = End::at(start, &zone);
            let one = Interval::between(from, End::at(start + near, &zone)).amount;
            let two = Interval::between(from, End::at(start + far, &zone)).amount;
            prop_assert!(one <= two, "{one:?} then {two:?}");
        }

        #[test]
        fn words_grow_with_the_distance_between_days(day in 0i64..50_000, a in 0i64..5_000, b in 0i64..5_000) {
            let (near, far) = (a.min(b), a.max(b));
            let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + Duration::days(day);
            let from = End::on(first);
            let one = Interval::between(from, End::on(first + Duration::days(near))).amount;
            let two = Interval::between(from, End::on(first + Duration::days(far))).amount;
            prop_assert!(one <= two, "{one:?} then {two:?}");
        }

        #[test]
        fn about_exactly_when_an_end_is_rough_and_the_band_fits_the_distance(
            a in written(), b in written(), shown in any_zone(), home in any_zone()
        ) {
            let (Ok(a), Ok(b)) = (DateSpec::parse_in(&a, &home, &home), DateSpec::parse_in(&b, &home, &home)) else {
                return Ok(());
            };
            let Some((interval, later)) = Interval::gap(&a, &b, &shown) else { return Ok(()) };
            let rough = |d: &DateSpec| d.approximate || d.precision() != Precision::Day;
            prop_assert_eq!(interval.about, rough(&a) || rough(&b));
            prop_assert_eq!(interval.words().starts_with("about "), interval.about);
            let (first, second) = if later { (a, b) } else { (b, a) };
            let (to_start, from_end) = (second.start_instant(), first.end_instant());
            let timed = first.end.unwrap_or(first.start).time.is_some() && second.start.time.is_some();
            let (one, two) = (End::end_of(&first, &shown).day, End::start_of(&second, &shown).day);
            let (from_day, to_day) = (one.min(two), one.max(two));
            let words = interval.words();
            if timed && (to_start - from_end).abs() < 48 * 3600 {
                prop_assert_eq!(interval.amount, Amount::Exact((to_start - from_end).abs()));
                prop_assert!(!words.contains("month") && !words.contains("year"), "{}", words);
            } else if to_day < from_day.checked_add_months(chrono::Months::new(2)).unwrap() {
                prop_assert_eq!(interval.amount, Amount::Days((to_day - from_day).num_days()));
                prop_assert!(words.ends_with("day") || words.ends_with("days"), "{}", words);
                prop_assert!(!words.contains("hour") && !words.contains("month"), "{}", words);
            } else {
                prop_assert_eq!(band(interval.amount), 2);
                prop_assert!(words.contains("month") || words.contains("year"), "{}", words);
                prop_assert!(!words.contains("hour"), "{}", words);
            }
        }
    }
}
