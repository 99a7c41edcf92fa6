//! The time axis as numbers, for every front end: where an instant or a day falls (a
//! position, counted in days) and where a date starts and ends. Drawing turns positions into
//! columns (`tui::timeline::Scale`); the explorer sorts and searches events by them.
//!
//! The rule: positions are linear in instants. An hour is 1/24 of a position wherever it
//! falls, so two events an hour apart are an hour apart on screen even across a change of
//! clocks. Positions are counted as days at one offset, the zone's at the timeline's start (its
//! `reference`): in a zone that never changes its clocks they are the day number plus the
//! fraction of the wall-clock day gone, as they always were. A day of the zone shown runs from
//! its first instant to the next day's, so a day when clocks go forward is 23/24 of a position
//! long and one when they go back 25/24, and a day's start need not be a whole number: whatever
//! turns positions into days asks `TimeAxis` (`day_start`, `day_of`), never `floor`. A timeline
//! of whole days only has no instants: its axis counts days, each as long as the next, in
//! every zone (`TimeAxis::days`).

use crate::model::{DateSpec, Zone};
use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// Seconds in a day, for positions within one.
const DAY_SECONDS: i64 = 86_400;

/// 1970-01-01 as a day number (chrono's days from CE): where Unix seconds start counting.
const UNIX_EPOCH_DAY: i64 = 719_163;

/// How instants and days of the zone shown map to positions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeAxis {
    zone: Zone,
    /// Seconds east of UTC that positions count days at.
    reference: i32,
    /// Whether the zone keeps one offset for ever (UTC, `+08:00`): a day then starts at its day
    /// number, and no lookup is needed to find it.
    fixed: bool,
}

impl TimeAxis {
    /// The axis for times shown in `zone`, counted at the offset `zone` has at the instant
    /// `reference` (the timeline's first).
    pub fn new(zone: Zone, reference: i64) -> TimeAxis {
        let fixed = matches!(zone, Zone::Utc | Zone::Fixed(_));
        TimeAxis { zone, reference: zone.offset_at(reference), fixed }
    }

    /// The axis of a timeline of whole days: days, the same in every zone.
    pub fn days() -> TimeAxis {
        TimeAxis { zone: Zone::Utc, reference: 0, fixed: true }
    }

    /// The zone the axis reads days and clocks in.
    pub fn zone(&self) -> &Zone {
        &self.zone
    }

    /// Where an instant (Unix seconds) falls: a day number at the reference offset, plus the
    /// fraction of that day gone (09:00 is `.375`). Computed as a whole day and a fraction so a
    /// zone without clock changes gets exactly the numbers a wall clock would give.
    pub fn position(&self, instant: i64) -> f64 {
        let local = instant.saturating_add(i64::from(self.reference));
        let (day, second) = (local.div_euclid(DAY_SECONDS), local.rem_euclid(DAY_SECONDS));
        (UNIX_EPOCH_DAY + day) as f64 + second as f64 / DAY_SECONDS as f64
    }

    /// The instant (whole seconds, rounded down) at a position: `position`'s inverse.
    pub fn instant_at(&self, position: f64) -> i64 {
        // A position holds a second to about 1e-5 s: the tolerance keeps `instant_at(position(i))`
        // at `i` when the product comes back a hair under it.
        let seconds = ((position - UNIX_EPOCH_DAY as f64) * DAY_SECONDS as f64 + 1e-4).floor();
        (seconds.clamp(-1e17, 1e17) as i64).saturating_sub(i64::from(self.reference))
    }

    /// Where `day` starts in the zone shown: its first instant (midnight, or the first moment
    /// after a midnight the clocks skip).
    pub fn day_start(&self, day: NaiveDate) -> f64 {
        if self.fixed {
            // The reference is the zone's one offset: midnight is the day's number.
            return day_number(day);
        }
        self.position(self.zone.start_of_day(day))
    }

    /// The day of the zone shown that a position falls in: `day_start(d) <= position <
    /// day_start(d + 1)`, exactly, so a day's column is the column its start falls in.
    pub fn day_of(&self, position: f64) -> NaiveDate {
        if self.fixed {
            return from_day_number(position);
        }
        let mut day = self.zone.local_time(self.instant_at(position)).date();
        // A second's rounding, or a day start moved by a skipped midnight, can put the guess a
        // day out either way.
        for _ in 0..3 {
            match day.pred_opt() {
                Some(before) if self.day_start(day) > position => day = before,
                _ => break,
            }
        }
        for _ in 0..3 {
            match day.succ_opt() {
                Some(next) if self.day_start(next) <= position => day = next,
                _ => break,
            }
        }
        day
    }

    /// The wall-clock time the zone shown reads at a position.
    pub fn local_time(&self, position: f64) -> NaiveDateTime {
        self.zone.local_time(self.instant_at(position))
    }

    /// Seconds east of UTC the zone shown is at a position.
    pub fn offset_at(&self, position: f64) -> i32 {
        self.zone.offset_at(self.instant_at(position))
    }

    /// Where a date starts and ends on the axis (the end exclusive): a time at its instant, so
    /// a moment has no width and a meeting from 09:00 to 17:30 a third of a day; whole days
    /// from the start of the first to the start of the day after the last, in the zone shown.
    pub fn extent(&self, date: &DateSpec) -> (f64, f64) {
        let start = match date.start.time {
            Some(_) => self.position(date.start_instant()),
            None => self.day_start(date.first_day()),
        };
        let end = match date.end.unwrap_or(date.start).time {
            Some(_) => self.position(date.end_instant()),
            None => match date.last_day().succ_opt() {
                Some(next) => self.day_start(next),
                None => self.day_start(date.last_day()) + 1.0,
            },
        };
        (start, end.max(start))
    }

    /// The last position a date covers, inclusive: the start of its last day for whole days, its
    /// end instant for a time.
    pub fn last_position(&self, date: &DateSpec) -> f64 {
        match date.end.unwrap_or(date.start).time {
            Some(_) => self.position(date.end_instant()),
            None => self.day_start(date.last_day()),
        }
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
    use proptest::prelude::*;

    proptest! {
        /// A position comes back to its instant, and the day found for a position is the one
        /// whose start is at or before it and whose end is after it, in zones with and
        /// without clock changes (Lord Howe's change is half an hour).
        #[test]
        fn positions_come_back_and_days_hold_them(
            instant in -4_000_000_000i64..4_000_000_000,
            reference in -4_000_000_000i64..4_000_000_000,
            zone in prop::sample::select(vec![
                Zone::Utc,
                Zone::Fixed(-570),
                Zone::Named(chrono_tz::America::Chicago),
                Zone::Named(chrono_tz::Australia::Lord_Howe),
                Zone::Named(chrono_tz::America::Havana),
            ]),
        ) {
            let axis = TimeAxis::new(zone, reference);
            let at = axis.position(instant);
            prop_assert_eq!(axis.instant_at(at), instant);
            let day = axis.day_of(at);
            prop_assert!(axis.day_start(day) <= at);
            prop_assert!(at < axis.day_start(day.succ_opt().unwrap()));
            prop_assert_eq!(day, zone.local_time(instant).date());
        }
    }

    #[test]
    fn a_zone_without_changes_is_its_wall_clock() {
        let day = NaiveDate::from_ymd_opt(2016, 12, 7).unwrap();
        let nine_thirty = day.and_hms_opt(9, 30, 0).unwrap();
        for zone in [Zone::Utc, Zone::Fixed(480), Zone::Named(chrono_tz::Asia::Shanghai)] {
            let axis = TimeAxis::new(zone, 0);
            let instant = zone.instant_of(nine_thirty).unwrap();
            assert_eq!(axis.position(instant), day_number(day) + 9.5 / 24.0);
            assert_eq!(axis.day_start(day), day_number(day));
        }
        assert_eq!(TimeAxis::days().day_start(day), day_number(day));
    }

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
