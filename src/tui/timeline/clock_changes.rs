//! The axis on days the clocks change: positions go by instants, labels by the wall clock of
//! the zone shown. Checked on Chicago's two changes of 1970 and Sydney's of 2016 (clocks go
//! forward in October there): no tick names a time that did not exist, events an hour apart
//! are drawn an hour apart, the two 01:30s of a night the clocks go back are drawn apart; and
//! on generated instants in zones with clock changes, columns keep the instants' order and
//! their distance.

use super::view::{geometry, Content};
use super::{ticks, Scale, TickUnit};
use crate::explorer::testing::explorer;
use crate::explorer::{AxisView, Explorer};
use crate::model::{self, Zone};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use proptest::prelude::*;
use std::fmt::Write;

/// Chicago in 1970: clocks went forward at 02:00 on April 26 (01:30 CST and 03:30 CDT are an
/// hour apart) and back at 02:00 on October 25 (01:30 happened twice).
const CHICAGO: &str = r#"title: Clock changes in Chicago
timezone: America/Chicago
events:
  - {id: spring-before, title: Half past one CST, date: "1970-04-26T01:30"}
  - {id: spring-after, title: Half past three CDT, date: "1970-04-26T03:30"}
  - {id: spring-day, title: The short day, date: "1970-04-26"}
  - {id: fall-first, title: First half past one, date: "1970-10-25T01:30"}
  - {id: fall-second, title: Second half past one, date: "1970-10-25T01:30-06:00"}
  - {id: fall-day, title: The long day, date: "1970-10-25"}
"#;

/// Sydney in 2016: clocks went back at 03:00 on April 3 (02:30 happened twice) and forward at
/// 02:00 on October 2 (01:30 AEST and 03:30 AEDT are an hour apart).
const SYDNEY: &str = r#"title: Clock changes in Sydney
timezone: Australia/Sydney
events:
  - {id: fall-first, title: First half past two, date: "2016-04-03T02:30"}
  - {id: fall-second, title: Second half past two, date: "2016-04-03T02:30+10:00"}
  - {id: fall-day, title: The long day, date: "2016-04-03"}
  - {id: spring-before, title: Half past one AEST, date: "2016-10-02T01:30"}
  - {id: spring-after, title: Half past three AEDT, date: "2016-10-02T03:30"}
  - {id: spring-day, title: The short day, date: "2016-10-02"}
"#;

fn load(text: &str) -> Explorer {
    explorer(model::load_str("clocks", text).unwrap())
}

fn event(ex: &Explorer, id: &str) -> usize {
    ex.timeline.event_index(id).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Views around a day: an hour to two weeks wide, centred every few hours through it.
fn views_around(ex: &Explorer, on: NaiveDate) -> Vec<Scale> {
    let axis = *ex.time_axis();
    let start = axis.day_start(on);
    let mut out = Vec::new();
    for span in [1.0 / 24.0, 3.0 / 24.0, 6.0 / 24.0, 0.5, 1.0, 2.0, 14.0] {
        for hour in (0..=24).step_by(3) {
            for width in [40u16, 120, 200] {
                let center = start + f64::from(hour) / 24.0;
                let scale = Scale {
                    start: center - span / 2.0,
                    days_per_column: span / f64::from(width),
                    width,
                    axis,
                };
                out.push(scale);
            }
        }
    }
    out
}

/// The wall-clock time a tick's label names on its day (the label's first word, when it is
/// a time; midnight for a day's name).
fn named_time(label: &str) -> NaiveTime {
    let clock = label.split(' ').next().unwrap();
    NaiveTime::parse_from_str(clock, "%H:%M").unwrap_or(NaiveTime::MIN)
}

/// (a): every tick names a time that happened in the zone on its day, and stands where the
/// clock read it. Returns the clock labels seen on `on`, in order.
fn check_ticks(ex: &Explorer, on: NaiveDate) -> Vec<String> {
    let zone = *ex.zone();
    let mut seen = Vec::new();
    for scale in views_around(ex, on) {
        for tick in ticks(&scale) {
            let named = NaiveDateTime::new(tick.day, named_time(&tick.label));
            let local = scale.axis.local_time(tick.at);
            assert_eq!(local, named, "{} stands where the clock reads {local}", tick.label);
            if tick.label.contains(':') {
                assert!(zone.instant_of(named).is_some(), "{} on {} never happened", tick.label, tick.day);
            } else {
                assert_eq!(tick.at, scale.axis.day_start(tick.day), "{} at its day's start", tick.label);
            }
            if tick.day == on && scale.width == 200 && scale.days_per_column * 200.0 < 0.3 {
                seen.push(tick.label);
            }
        }
    }
    seen
}

/// (b) and (c): the columns two events are drawn at in the timeline view, six hours wide at
/// 120 columns (20 a hour), centred on the first.
fn drawn_columns(ex: &mut Explorer, a: usize, b: usize) -> (u16, u16) {
    let center = ex.starts()[a];
    ex.set_axis(AxisView { span_days: Some(0.25), center_day: Some(center) });
    let geo = geometry(ex, 120, 30).unwrap();
    assert_eq!(geo.scale.width, 120);
    let column = |e: usize| {
        geo.slots
            .iter()
            .find_map(|slot| match &slot.content {
                Content::Items { items, .. } => items.iter().find(|i| i.event == e).map(|i| i.c0),
                _ => None,
            })
            .unwrap_or_else(|| panic!("event {e} is drawn"))
    };
    (column(a), column(b))
}

fn an_hour_apart(ex: &mut Explorer, earlier: &str, later: &str) {
    let (a, b) = (event(ex, earlier), event(ex, later));
    let instants = ex.timeline.events[b].date.start_instant() - ex.timeline.events[a].date.start_instant();
    assert_eq!(instants, 3600, "{earlier} and {later} are an hour apart");
    // Positions near day 720,000 hold a time to about 1e-5 s.
    let seconds = (ex.starts()[b] - ex.starts()[a]) * 86_400.0;
    assert!((seconds - 3600.0).abs() < 1e-3, "an hour on the axis, not {seconds} s");
    let (ca, cb) = drawn_columns(ex, a, b);
    assert_eq!(cb - ca, 20, "an hour is 20 columns at 120 columns for six hours");
}

#[test]
fn chicago_spring_forward_skips_two_oclock_and_keeps_an_hour_an_hour() {
    let mut ex = load(CHICAGO);
    let seen = check_ticks(&ex, day(1970, 4, 26));
    assert!(!seen.iter().any(|l| l.starts_with("02:")), "02:00-02:59 did not happen: {seen:?}");
    assert!(seen.iter().any(|l| l == "03:00 CDT"), "the change is marked: {seen:?}");
    an_hour_apart(&mut ex, "spring-before", "spring-after");
    // The short day is 23 hours from its midnight to the next.
    let (start, end) = ex.time_axis().extent(&ex.timeline.events[event(&ex, "spring-day")].date);
    assert!(((end - start) * 24.0 - 23.0).abs() < 1e-6, "{}", (end - start) * 24.0);
}

#[test]
fn chicago_fall_back_draws_both_half_past_ones() {
    let mut ex = load(CHICAGO);
    let seen = check_ticks(&ex, day(1970, 10, 25));
    let one = |l: &&String| l.starts_with("01:00");
    assert!(seen.iter().filter(one).any(|l| l == "01:00 CST"), "the repeated hour is marked: {seen:?}");
    an_hour_apart(&mut ex, "fall-first", "fall-second");
    let (start, end) = ex.time_axis().extent(&ex.timeline.events[event(&ex, "fall-day")].date);
    assert!(((end - start) * 24.0 - 25.0).abs() < 1e-6, "the long day is 25 hours");
    // Both 01:00s get a tick in a view of the night, an hour apart.
    let axis = *ex.time_axis();
    let night = axis.day_start(day(1970, 10, 25));
    let scale = Scale { start: night, days_per_column: 0.25 / 120.0, width: 120, axis };
    let ones: Vec<_> = ticks(&scale).into_iter().filter(|t| t.label.starts_with("01:00")).collect();
    assert_eq!(ones.len(), 2, "{ones:?}");
    assert!(((ones[1].at - ones[0].at) * 24.0 - 1.0).abs() < 1e-6);
    assert_eq!((ones[0].label.as_str(), ones[1].label.as_str()), ("01:00", "01:00 CST"));
}

#[test]
fn sydney_changes_both_ways_too() {
    let mut ex = load(SYDNEY);
    let spring = check_ticks(&ex, day(2016, 10, 2));
    assert!(!spring.iter().any(|l| l.starts_with("02:")), "02:00-02:59 did not happen: {spring:?}");
    assert!(spring.iter().any(|l| l == "03:00 AEDT"), "{spring:?}");
    an_hour_apart(&mut ex, "spring-before", "spring-after");
    let fall = check_ticks(&ex, day(2016, 4, 3));
    assert!(fall.iter().any(|l| l == "02:00 AEST"), "the repeated hour is marked: {fall:?}");
    an_hour_apart(&mut ex, "fall-first", "fall-second");
}

/// Shown in another zone the same instants are still an hour apart, and shown in UTC the axis
/// is what it always was: the day's number and the fraction of the day.
#[test]
fn other_zones_shown_keep_the_instants() {
    let mut ex = load(CHICAGO);
    for zone in [Zone::Utc, Zone::Named(chrono_tz::Australia::Sydney), Zone::Fixed(-300)] {
        ex.set_zone(zone);
        an_hour_apart(&mut ex, "fall-first", "fall-second");
        an_hour_apart(&mut ex, "spring-before", "spring-after");
    }
    ex.set_zone(Zone::Utc);
    let first = &ex.timeline.events[event(&ex, "fall-first")].date;
    // 01:30 CDT is 06:30 UTC.
    let expected = super::day_number(day(1970, 10, 25)) + 6.5 / 24.0;
    assert_eq!(ex.time_axis().position(first.start_instant()), expected);
}

/// At day zoom the day ticks stand at each local midnight: the long day's column is an hour
/// wider than the day before it.
#[test]
fn day_ticks_stand_at_local_midnights() {
    let ex = load(CHICAGO);
    let axis = *ex.time_axis();
    let scale =
        Scale { start: axis.day_start(day(1970, 10, 18)), days_per_column: 14.0 / 336.0, width: 336, axis };
    assert_eq!(super::tick_unit(&scale), TickUnit::Days);
    let days: Vec<_> = ticks(&scale).into_iter().map(|t| (t.day, t.at)).collect();
    for (d, at) in &days {
        assert_eq!(axis.local_time(*at), d.and_time(NaiveTime::MIN));
    }
    let width = |d: NaiveDate| {
        let i = days.iter().position(|(x, _)| *x == d).unwrap();
        ((days[i + 1].1 - days[i].1) * 24.0).round()
    };
    assert_eq!((width(day(1970, 10, 24)), width(day(1970, 10, 25))), (24.0, 25.0));
}

/// One instant near a change of clocks in one of the zones, or anywhere from 1960 to 2040.
fn near_a_change() -> impl Strategy<Value = i64> {
    // Chicago and New York 1970, Sydney 2016, London 2021, Santiago 2019.
    let changes =
        [9_964_800i64, 25_686_000, 1_459_612_800, 1_475_337_600, 1_616_893_200, 1_635_642_000, 1_554_606_000];
    prop_oneof![
        (prop::sample::select(changes.to_vec()), -3 * 86_400i64..3 * 86_400).prop_map(|(c, d)| c + d),
        -315_619_200i64..2_208_988_800,
    ]
}

proptest! {
    /// On generated instants shown in zones with clock changes, the axis keeps the instants'
    /// order and their distance: positions differ by the seconds between, and at a fixed zoom
    /// columns never go back and are as far apart as the time between says, to a column.
    #[test]
    fn columns_follow_instants(
        instants in prop::collection::vec(near_a_change(), 2..30),
        zone in prop::sample::select(vec!["America/Chicago", "Australia/Sydney", "Europe/London", "America/Santiago", "America/New_York"]),
        minutes_per_column in prop::sample::select(vec![1.0f64, 7.5, 60.0, 1440.0]),
    ) {
        let mut text = format!("title: t\ntimezone: {zone}\nevents:\n");
        for (i, at) in instants.iter().enumerate() {
            let utc = chrono::DateTime::from_timestamp(*at, 0).unwrap().format("%Y-%m-%dT%H:%M:%SZ");
            let _ = writeln!(text, "  - {{id: e{i}, title: E{i}, date: \"{utc}\"}}");
        }
        let ex = load(&text);
        let axis = *ex.time_axis();
        let placed: Vec<(i64, f64)> = instants
            .iter()
            .enumerate()
            .map(|(i, at)| (*at, ex.starts()[event(&ex, &format!("e{i}"))]))
            .collect();
        let days_per_column = minutes_per_column / 1440.0;
        let first = placed.iter().map(|p| p.1).fold(f64::MAX, f64::min);
        let scale = Scale { start: first - 1.0, days_per_column, width: u16::MAX, axis };
        let column = |p: f64| scale.column_at(p).map(f64::from);
        for (a, pa) in &placed {
            prop_assert_eq!(axis.instant_at(*pa), *a, "a position comes back to its instant");
            for (b, pb) in &placed {
                let seconds = (b - a) as f64;
                prop_assert!(((pb - pa) * 86_400.0 - seconds).abs() < 1e-3, "{} s apart, {} on the axis", seconds, (pb - pa) * 86_400.0);
                // Pairs both on screen (all of them at a day a column).
                let (Some(ca), Some(cb)) = (column(*pa), column(*pb)) else { continue };
                if a < b {
                    prop_assert!(ca <= cb);
                }
                prop_assert!((cb - ca - seconds / (minutes_per_column * 60.0)).abs() <= 1.0);
            }
        }
    }
}
