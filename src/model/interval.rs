//! How far apart two moments are, in words: the one rule behind `m` (mark → selected), the
//! detail's "When" line, `--plain`, stories and change reports.

use super::date::{DateSpec, PointDate, Precision};
use super::zone::Zone;
use chrono::NaiveDate;

/// One end of an interval, as the zone shown sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct End {
    /// The calendar day in the zone shown: a time's day there, a whole day as written.
    pub day: NaiveDate,
    /// The instant (Unix seconds) when the end has a time of day.
    pub instant: Option<i64>,
    /// Written `~`, or only to the month or the year: the words say "about".
    pub rough: bool,
}

impl End {
    /// An end with a time of day.
    pub fn at(instant: i64, zone: &Zone) -> End {
        End { day: zone.local_time(instant).date(), instant: Some(instant), rough: false }
    }

    /// A whole day.
    pub fn on(day: NaiveDate) -> End {
        End { day, instant: None, rough: false }
    }

    /// Marked "about" (approximate or imprecise).
    pub fn rough(self, rough: bool) -> End {
        End { rough: self.rough || rough, ..self }
    }

    /// Where `date` starts: its start time, else its first day.
    pub fn start_of(date: &DateSpec, zone: &Zone) -> End {
        End::point(date, &date.start, date.start_instant(), date.start.first_day(), zone)
    }

    /// Where `date` ends: its end time, else its last day (a point ends where it starts).
    pub fn end_of(date: &DateSpec, zone: &Zone) -> End {
        let point = date.end.unwrap_or(date.start);
        let instant = if date.end.is_some() { date.end_instant() } else { date.start_instant() };
        End::point(date, &point, instant, point.last_day(), zone)
    }

    fn point(date: &DateSpec, point: &PointDate, instant: i64, day: NaiveDate, zone: &Zone) -> End {
        let end = match point.time {
            Some(_) => End::at(instant, zone),
            None => End::on(day),
        };
        end.rough(date.approximate || point.precision() != Precision::Day)
    }
}

/// How much time lies between two ends, in the unit band the rule gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Amount {
    /// Both ends have times and are under 48 hours apart: seconds.
    Exact(i64),
    /// Calendar days in the zone shown, under two calendar months.
    Days(i64),
    /// Two calendar months or more: whole months, then the days left.
    Months(i64, i64),
}

/// The distance between two ends: its amount (never negative) and whether it is "about".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub amount: Amount,
    pub about: bool,
}

const TWO_DAYS: i64 = 48 * 3600;

impl Interval {
    /// The distance between `a` and `b`, in whichever order they come.
    pub fn between(a: End, b: End) -> Interval {
        let about = a.rough || b.rough;
        if let (Some(x), Some(y)) = (a.instant, b.instant) {
            let seconds = (y - x).abs();
            if seconds < TWO_DAYS {
                return Interval { amount: Amount::Exact(seconds), about };
            }
        }
        let (from, to) = if a.day <= b.day { (a.day, b.day) } else { (b.day, a.day) };
        let months = whole_months(from, to);
        let amount = if months < 2 {
            Amount::Days((to - from).num_days())
        } else {
            let rest = add_months(from, months).map_or(0, |d| (to - d).num_days());
            Amount::Months(months, rest)
        };
        Interval { amount, about }
    }

    /// The gap between two dates: from the end of the earlier to the start of the later, and
    /// whether `b` is later than `a`. Two points to the day or finer are always some distance
    /// apart (perhaps "the same day"); otherwise `None` when they overlap (one is during the
    /// other, or in the same month or year).
    pub fn gap(a: &DateSpec, b: &DateSpec, zone: &Zone) -> Option<(Interval, bool)> {
        let overlap = b.start_instant() <= a.end_instant() && a.start_instant() <= b.end_instant();
        let precise_point = |d: &DateSpec| d.end.is_none() && d.precision() == Precision::Day;
        if overlap && !(precise_point(a) && precise_point(b)) {
            return None;
        }
        let later = b.start_instant() >= a.start_instant();
        let (first, second) = if later { (a, b) } else { (b, a) };
        Some((Interval::between(End::end_of(first, zone), End::start_of(second, zone)), later))
    }

    /// How long a range lasts, from its start to its end; whole days count both ends (Dec 7–8
    /// is 2 days). `None` for a point.
    pub fn span(date: &DateSpec, zone: &Zone) -> Option<Interval> {
        date.end?;
        let end = End::end_of(date, zone);
        let end = match end.instant {
            Some(_) => end,
            None => End { day: end.day.succ_opt().unwrap_or(end.day), ..end },
        };
        Some(Interval::between(End::start_of(date, zone), end))
    }

    /// **Intervals.** One rule says how far apart two moments are, the same in `m` (mark →
    /// selected), the detail's "When" line, `show` and `--plain`, stories and change reports. Under
    /// two days, when both ends have a time of day: exact days, hours and minutes ("1 day and 3
    /// hours", "9 minutes"), truncated to the minute. Otherwise, under two calendar months:
    /// calendar days, counted in the zone shown (`T`, `--tz`), so Oct 14 07:31 and Oct 27 04:00 are
    /// "13 days" apart, as are Oct 14 07:31 and the whole day Oct 27. From two calendar months on:
    /// whole months and the days left ("9 months and 20 days"), with years from twelve months ("1
    /// year, 2 months and 18 days"). Days are the difference of the calendar dates, not elapsed
    /// hours rounded; minutes and months are truncated, never rounded. "After" a range counts from
    /// its end, "before" a range from its start, and an event inside a range is "during" it.
    /// "About" comes first when an end is approximate (`~`) or known only to the month or the year.
    pub fn words(&self) -> String {
        let words = match self.amount {
            Amount::Exact(0) => "the same moment".to_string(),
            Amount::Exact(s) if s < 60 => plural(s, "second"),
            Amount::Exact(s) => {
                join(&[(s / 86_400, "day"), (s / 3600 % 24, "hour"), (s / 60 % 60, "minute")])
            }
            Amount::Days(0) => "the same day".to_string(),
            Amount::Days(d) => plural(d, "day"),
            Amount::Months(m, d) => join(&[(m / 12, "year"), (m % 12, "month"), (d, "day")]),
        };
        if self.about {
            format!("about {words}")
        } else {
            words
        }
    }

    /// Whether the two ends are the same moment (same instant, or same day without times).
    pub fn is_zero(&self) -> bool {
        matches!(self.amount, Amount::Exact(0) | Amount::Days(0))
    }
}

fn add_months(day: NaiveDate, months: i64) -> Option<NaiveDate> {
    day.checked_add_months(chrono::Months::new(u32::try_from(months.max(0)).ok()?))
}

/// Whole calendar months from `from` to `to` (`from <= to`), as chrono adds them: a month from
/// Jan 31 is the last day of February.
fn whole_months(from: NaiveDate, to: NaiveDate) -> i64 {
    use chrono::Datelike;
    let mut months =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    while months > 0 && add_months(from, months).is_none_or(|d| d > to) {
        months -= 1;
    }
    months.max(0)
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// "1 year, 2 months and 18 days": the units that are not zero.
fn join(parts: &[(i64, &str)]) -> String {
    let parts: Vec<String> = parts.iter().filter(|(n, _)| *n > 0).map(|&(n, unit)| plural(n, unit)).collect();
    match parts.len() {
        0 => "no time".into(),
        1 => parts[0].clone(),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

#[cfg(test)]
#[path = "interval_tests.rs"]
mod tests;
