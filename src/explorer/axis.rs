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

/// The key a lane sorts an event's end by: its end, or for a moment (no length) the next number
/// after its start, so "ends after `from`" reads `key > from` for both (a moment at `from` is in).
pub fn end_key(start: f64, end: f64) -> f64 {
    if end > start {
        end
    } else {
        next_up(start)
    }
}

/// An f64's bits turned so that integers compare as the numbers do (negative ones too).
pub fn ordered_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

pub fn from_ordered_bits(bits: u64) -> f64 {
    if bits >> 63 == 1 {
        f64::from_bits(bits & !(1 << 63))
    } else {
        f64::from_bits(!bits)
    }
}

/// The smallest f64 greater than `x` (finite `x`).
fn next_up(x: f64) -> f64 {
    if x == 0.0 {
        f64::from_bits(1)
    } else if x > 0.0 {
        f64::from_bits(x.to_bits() + 1)
    } else {
        f64::from_bits(x.to_bits() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_bits_keep_the_order_and_come_back() {
        let xs = [-1e300, -736_000.5, -1.0, -0.0, 0.0, 1e-300, 1.0, 736_000.25, 736_000.5, 1e300];
        for w in xs.windows(2) {
            assert!(ordered_bits(w[0]) <= ordered_bits(w[1]), "{} {}", w[0], w[1]);
        }
        for x in xs {
            assert_eq!(from_ordered_bits(ordered_bits(x)).to_bits(), x.to_bits());
        }
        assert!(next_up(736_000.0) > 736_000.0 && next_up(-3.0) > -3.0 && next_up(0.0) > 0.0);
        assert_eq!(end_key(5.0, 5.0), next_up(5.0));
        assert_eq!(end_key(5.0, 6.0), 6.0);
    }
}
