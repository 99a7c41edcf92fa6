//! The time axis as numbers, for every front end: where a date falls (a position — a day number
//! with the fraction of the day gone, in the zone shown) and where it starts and ends. Drawing
//! turns positions into columns (`tui::timeline::Scale`); the explorer sorts and searches events
//! by them.

use crate::model::{DateSpec, Zone};
use chrono::{Datelike, NaiveDate, Timelike};

/// Seconds in a day, for positions within one.
const DAY_SECONDS: f64 = 86_400.0;

/// Where an instant falls on the axis in `zone`: its day number there, plus the fraction of the
/// day gone (09:00 is `.375`).
pub fn position(instant: i64, zone: &Zone) -> f64 {
    let local = zone.local_time(instant);
    day_number(local.date()) + f64::from(local.num_seconds_from_midnight()) / DAY_SECONDS
}

/// Where a date starts and ends on the axis (the end exclusive): whole days from the start of
/// the first to the end of the last; a time at its instant in the zone shown, so a moment has
/// no width and a meeting from 09:00 to 17:30 a third of a day.
pub fn extent(date: &DateSpec, zone: &Zone) -> (f64, f64) {
    let start = match date.start.time {
        Some(_) => position(date.start_instant(), zone),
        None => day_number(date.first_day()),
    };
    let end = match date.end.unwrap_or(date.start).time {
        Some(_) => position(date.end_instant(), zone),
        None => day_number(date.last_day()) + 1.0,
    };
    (start, end.max(start))
}

/// The last position a date covers, inclusive: the start of its last day for whole days, its
/// end instant for a time.
pub fn last_position(date: &DateSpec, zone: &Zone) -> f64 {
    match date.end.unwrap_or(date.start).time {
        Some(_) => position(date.end_instant(), zone),
        None => day_number(date.last_day()),
    }
}

pub fn day_number(day: NaiveDate) -> f64 {
    f64::from(day.num_days_from_ce())
}

pub fn from_day_number(n: f64) -> NaiveDate {
    let n = n.floor().clamp(f64::from(i32::MIN / 2), f64::from(i32::MAX / 2)) as i32;
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or(NaiveDate::MIN)
}
