//! Timeline dates: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, ranges `START..END`, `~` (circa) and `?`
//! (uncertain). Every date covers whole days, so `2016` is 2016-01-01..=2016-12-31.
//!
//! Negative years follow ISO 8601's astronomical numbering (year 0 is 1 BCE, `-0043` is 44 BCE),
//! the same numbering chrono uses, so day arithmetic has no gap at year zero.

use chrono::{Datelike, NaiveDate};
use std::cmp::Ordering;
use std::fmt;

/// The smallest and largest year accepted. Four digits keep the written form unambiguous.
pub const MIN_YEAR: i32 = -9999;
pub const MAX_YEAR: i32 = 9999;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// One calendar point as written: a year, a month of a year, or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PointDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PointDate {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The first day this point covers.
    pub fn first_day(&self) -> NaiveDate {
        let date = NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1));
        date.expect("PointDate is validated on construction")
    }

    /// The last day this point covers.
    pub fn last_day(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => NaiveDate::from_ymd_opt(self.year, m, days_in_month(self.year, m)),
            (None, _) => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
        .expect("PointDate is validated on construction")
    }

    fn parse(text: &str) -> Result<PointDate, DateError> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut parts = digits.split('-');
        let year_text = parts.next().unwrap_or("");
        let month_text = parts.next();
        let day_text = parts.next();
        if parts.next().is_some() {
            return Err(DateError::Syntax);
        }
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateError::Syntax);
        }
        let magnitude: i32 = year_text.parse().map_err(|_| DateError::Syntax)?;
        let year = if negative { -magnitude } else { magnitude };
        let month = match month_text {
            None => None,
            Some(m) => Some(parse_two_digits(m)?),
        };
        let day = match day_text {
            None => None,
            Some(d) => Some(parse_two_digits(d)?),
        };
        PointDate::new(year, month, day)
    }

    /// Builds a point, checking the calendar: month 1–12, a day that exists in that month.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Result<PointDate, DateError> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(DateError::YearOutOfRange(i64::from(year)));
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::MonthOutOfRange(m));
            }
            if let Some(d) = day {
                let last = days_in_month(year, m);
                if d == 0 || d > last {
                    return Err(DateError::NoSuchDay { year, month: m, day: d, last });
                }
            }
        } else if day.is_some() {
            return Err(DateError::Syntax);
        }
        Ok(PointDate { year, month, day })
    }
}

fn parse_two_digits(text: &str) -> Result<u32, DateError> {
    if text.len() != 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Syntax);
    }
    text.parse().map_err(|_| DateError::Syntax)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    match NaiveDate::from_ymd_opt(next_year, next_month, 1) {
        Some(first_of_next) => first_of_next.pred_opt().map(|d| d.day()).unwrap_or(31),
        None => 31,
    }
}

impl fmt::Display for PointDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "-{:04}", -self.year)?;
        } else {
            write!(f, "{:04}", self.year)?;
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// A date as an event, role or source gives it: one point or a range, maybe circa or uncertain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateSpec {
    pub start: PointDate,
    /// The end of a range; `None` for a single point.
    pub end: Option<PointDate>,
    pub approximate: bool,
    pub uncertain: bool,
    /// The first and last day covered, worked out once: sorting, filtering and drawing ask for
    /// them constantly.
    first: NaiveDate,
    last: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Empty,
    Syntax,
    YearOutOfRange(i64),
    MonthOutOfRange(u32),
    NoSuchDay { year: i32, month: u32, day: u32, last: u32 },
    Reversed,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Empty => f.write_str("the date is empty"),
            DateError::Syntax => f.write_str(
                "expected YYYY, YYYY-MM or YYYY-MM-DD, a range START..END, optionally with a `~` prefix or a `?` suffix",
            ),
            DateError::YearOutOfRange(y) => {
                write!(f, "year {y} is out of range ({MIN_YEAR}..{MAX_YEAR})")
            }
            DateError::MonthOutOfRange(m) => write!(f, "month {m} does not exist (01..12)"),
            DateError::NoSuchDay { year, month, day, last } => write!(
                f,
                "day {day} does not exist in {year:04}-{month:02} (it has {last} days)"
            ),
            DateError::Reversed => f.write_str("the range ends before it starts"),
        }
    }
}

impl DateSpec {
    pub fn parse(text: &str) -> Result<DateSpec, DateError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DateError::Empty);
        }
        let (approximate, rest) = match text.strip_prefix('~') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (uncertain, rest) = match rest.strip_suffix('?') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        let (start, end) = match rest.split_once("..") {
            Some((a, b)) => (PointDate::parse(a.trim())?, Some(PointDate::parse(b.trim())?)),
            None => (PointDate::parse(rest.trim())?, None),
        };
        if let Some(end) = end {
            if end.last_day() < start.first_day() {
                return Err(DateError::Reversed);
            }
        }
        Ok(DateSpec::new(start, end, approximate, uncertain))
    }

    /// A date as the screen shows it or as the format writes it: everything `parse` takes, and
    /// the forms the list and the detail print (`Sep 2016`, `Dec 7, 2016`, `Dec 7–8, 2016`,
    /// `Sep 22–28, 2015`, `Apr–Jun 2016`, `2015–2017`, `491 BCE`), with their `~` and `?`.
    pub fn parse_shown(text: &str) -> Result<DateSpec, DateError> {
        let text = text.trim();
        // What the detail adds after the date: `Dec 7–8, 2016  (2 days)`.
        let text = match text.find("  (") {
            Some(at) => text[..at].trim_end(),
            None => text,
        };
        let first_error = match DateSpec::parse(text) {
            Ok(date) => return Ok(date),
            Err(e) => e,
        };
        let (approximate, rest) = match text.strip_prefix('~') {
            Some(rest) => (true, rest.trim()),
            None => (false, text),
        };
        let (uncertain, rest) = match rest.strip_suffix('?') {
            Some(rest) => (true, rest.trim()),
            None => (false, rest),
        };
        let shown = || -> Option<Result<DateSpec, DateError>> {
            let (left, right) = match rest.split_once(['–', '—']) {
                Some((a, b)) => (ShownPoint::parse(a)?, Some(ShownPoint::parse(b)?)),
                None => (ShownPoint::parse(rest)?, None),
            };
            Some(match right {
                None => left.point(None).map(|p| DateSpec::new(p, None, approximate, uncertain)),
                Some(mut right) => {
                    // `Dec 7–8, 2016`: the end lends its year to the start, the start its month.
                    if right.month.is_none() && right.day.is_some() {
                        right.month = left.month;
                    }
                    let end = right.point(None);
                    let start = left.point(end.as_ref().ok().map(|e| e.year));
                    match (start, end) {
                        (Ok(a), Ok(b)) if b.last_day() < a.first_day() => Err(DateError::Reversed),
                        (Ok(a), Ok(b)) => Ok(DateSpec::new(a, Some(b), approximate, uncertain)),
                        (Err(e), _) | (_, Err(e)) => Err(e),
                    }
                }
            })
        };
        match shown() {
            Some(result) => result,
            None => Err(first_error),
        }
    }

    /// A date from its parts. The caller guarantees `end`, if any, does not end before `start`.
    pub fn new(start: PointDate, end: Option<PointDate>, approximate: bool, uncertain: bool) -> DateSpec {
        let first = start.first_day();
        let last = end.unwrap_or(start).last_day();
        DateSpec { start, end, approximate, uncertain, first, last }
    }

    /// A bare year, as YAML delivers `date: 2016` (a number, not a string).
    pub fn from_year(year: i64) -> Result<DateSpec, DateError> {
        let year = i32::try_from(year).map_err(|_| DateError::YearOutOfRange(year))?;
        Ok(DateSpec::new(PointDate::new(year, None, None)?, None, false, false))
    }

    /// The first day covered.
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// The last day covered (inclusive).
    pub fn last_day(&self) -> NaiveDate {
        self.last
    }

    /// The coarsest precision of the written points.
    pub fn precision(&self) -> Precision {
        match self.end {
            Some(end) => self.start.precision().min(end.precision()),
            None => self.start.precision(),
        }
    }

    /// Whole days covered, counting both ends.
    pub fn days(&self) -> i64 {
        (self.last_day() - self.first_day()).num_days() + 1
    }

    /// Chronological order: by first day, then last day.
    pub fn chronological(&self, other: &DateSpec) -> Ordering {
        self.first_day().cmp(&other.first_day()).then_with(|| self.last_day().cmp(&other.last_day()))
    }

    /// Whether the covered days overlap `[from, to]` (inclusive).
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.first_day() <= to && self.last_day() >= from
    }

    /// A short human form for lists: `2015-09-25`, `Sep 2015`, `Dec 7–8, 2016`, `~Apr 2016`, `2017?`.
    pub fn human(&self) -> String {
        let core = match self.end {
            None => human_point(&self.start),
            Some(end) => human_range(&self.start, &end),
        };
        let mut out = String::with_capacity(core.len() + 2);
        if self.approximate {
            out.push('~');
        }
        out.push_str(&core);
        if self.uncertain {
            out.push('?');
        }
        out
    }

    /// The date in words, for reading aloud or on a braille line (the plain front end):
    /// `November 19, 2016`, `December 7 to 8, 2016`, `April 2016`, `around April 2016`,
    /// `2017 (uncertain)`, `44 BCE`. Nothing abbreviated and no dashes, which screen readers
    /// read inconsistently ("Dec" as a word, `–` as "dash" or as nothing).
    pub fn long(&self) -> String {
        let core = match self.end {
            None => long_point(&self.start),
            Some(end) => long_range(&self.start, &end),
        };
        let mut out = String::with_capacity(core.len() + 16);
        if self.approximate {
            out.push_str("around ");
        }
        out.push_str(&core);
        if self.uncertain {
            out.push_str(" (uncertain)");
        }
        out
    }
}

impl fmt::Display for DateSpec {
    /// The canonical written form, which parses back to the same value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("~")?;
        }
        write!(f, "{}", self.start)?;
        if let Some(end) = self.end {
            write!(f, "..{end}")?;
        }
        if self.uncertain {
            f.write_str("?")?;
        }
        Ok(())
    }
}

/// One end of a date as the screen shows it: any of month, day and year.
#[derive(Debug, Clone, Copy, Default)]
struct ShownPoint {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

impl ShownPoint {
    /// `Dec 7`, `8, 2016`, `Sep 2016`, `2016`, `-0490`, `491 BCE`, `2016-12-07`.
    fn parse(text: &str) -> Option<ShownPoint> {
        let text = text.trim();
        if let Ok(p) = PointDate::parse(text) {
            return Some(ShownPoint { year: Some(p.year), month: p.month, day: p.day });
        }
        let words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        let mut point = ShownPoint::default();
        let mut bce = false;
        for (i, word) in words.iter().enumerate() {
            if let Some(m) = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(word)) {
                point.month = Some(m as u32 + 1);
            } else if word.eq_ignore_ascii_case("BCE") || word.eq_ignore_ascii_case("BC") {
                bce = true;
            } else if let Ok(n) = word.parse::<i64>() {
                let last = i + 1 == words.len()
                    || words[i + 1..]
                        .iter()
                        .all(|w| w.eq_ignore_ascii_case("BCE") || w.eq_ignore_ascii_case("BC"));
                // A day is one or two digits where a month is given and no day yet.
                if word.len() <= 2
                    && !word.starts_with('-')
                    && point.day.is_none()
                    && (point.month.is_some() || !last)
                {
                    point.day = Some(u32::try_from(n).ok()?);
                } else {
                    point.year = Some(i32::try_from(n).ok()?);
                }
            } else {
                return None;
            }
        }
        if bce {
            // ISO numbering: 1 BCE is the year 0, 491 BCE is -490.
            point.year = Some(1 - point.year.filter(|&y| y > 0)?);
        }
        (point.year.is_some() || point.month.is_some() || point.day.is_some()).then_some(point)
    }

    fn point(mut self, default_year: Option<i32>) -> Result<PointDate, DateError> {
        if self.year.is_none() && default_year.is_none() {
            // `Jan 16` with no year anywhere is January of the year 16, as years below 1000 print.
            self.year = self.day.take().map(|d| d as i32);
        }
        let year = self.year.or(default_year).ok_or(DateError::Syntax)?;
        if self.day.is_some() && self.month.is_none() {
            return Err(DateError::Syntax);
        }
        PointDate::new(year, self.month, self.day)
    }
}

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

pub fn month_abbrev(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

fn human_year(year: i32) -> String {
    if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year}")
    }
}

fn human_point(p: &PointDate) -> String {
    match (p.month, p.day) {
        (Some(_), Some(_)) => p.to_string(),
        (Some(m), None) => format!("{} {}", month_abbrev(m), human_year(p.year)),
        _ => human_year(p.year),
    }
}

fn human_range(a: &PointDate, b: &PointDate) -> String {
    let year = human_year(a.year);
    match (a.month, a.day, b.month, b.day) {
        (Some(m1), Some(d1), Some(m2), Some(d2)) if a.year == b.year => {
            if m1 == m2 {
                format!("{} {d1}–{d2}, {year}", month_abbrev(m1))
            } else {
                format!("{} {d1}–{} {d2}, {year}", month_abbrev(m1), month_abbrev(m2))
            }
        }
        (Some(m1), None, Some(m2), None) if a.year == b.year => {
            format!("{}–{} {year}", month_abbrev(m1), month_abbrev(m2))
        }
        (None, _, None, _) => format!("{}–{}", year, human_year(b.year)),
        _ => format!("{}–{}", human_point(a), human_point(b)),
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(month: u32) -> &'static str {
    MONTH_NAMES[(month.clamp(1, 12) - 1) as usize]
}

/// A year in words: astronomical year 0 is 1 BCE, -43 is 44 BCE (the numbering the format uses).
pub fn long_year(year: i32) -> String {
    if year <= 0 {
        format!("{} BCE", 1 - i64::from(year))
    } else {
        year.to_string()
    }
}

impl PointDate {
    /// `November 19, 2016`, `November 2016`, `2016`.
    pub fn long(&self) -> String {
        long_point(self)
    }
}

fn long_point(p: &PointDate) -> String {
    let year = long_year(p.year);
    match (p.month, p.day) {
        (Some(m), Some(d)) => format!("{} {d}, {year}", month_name(m)),
        (Some(m), None) => format!("{} {year}", month_name(m)),
        _ => year,
    }
}

fn long_range(a: &PointDate, b: &PointDate) -> String {
    let same_year = a.year == b.year;
    match (a.month, a.day, b.month, b.day) {
        (Some(m1), Some(d1), Some(m2), Some(d2)) if same_year && m1 == m2 => {
            format!("{} {d1} to {d2}, {}", month_name(m1), long_year(a.year))
        }
        (Some(m1), Some(d1), Some(m2), Some(d2)) if same_year => {
            format!("{} {d1} to {} {d2}, {}", month_name(m1), month_name(m2), long_year(a.year))
        }
        (Some(m1), None, Some(m2), None) if same_year => {
            format!("{} to {} {}", month_name(m1), month_name(m2), long_year(a.year))
        }
        _ => format!("{} to {}", long_point(a), long_point(b)),
    }
}

/// "3 days", "5 months", "2 years": the distance between two days in the largest fitting unit.
pub fn human_span(days: i64) -> String {
    let days = days.abs();
    let (n, unit) = if days < 14 {
        (days, "day")
    } else if days < 60 {
        (days / 7, "week")
    } else if days < 365 {
        ((days as f64 / 30.44).round().min(11.0) as i64, "month")
    } else {
        ((days as f64 / 365.25).round() as i64, "year")
    };
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// The exact calendar distance between two days, in words and in days: "1 year, 2 months and
/// 18 days — 443 days". Counted from the earlier day in calendar months, as chrono adds them: a
/// month from Jan 31 is the last day of February.
pub fn interval_words(a: NaiveDate, b: NaiveDate) -> String {
    let (from, to) = if a <= b { (a, b) } else { (b, a) };
    let total = (to - from).num_days();
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let shifted = |m: i32| from.checked_add_months(chrono::Months::new(m.max(0) as u32));
    while months > 0 && shifted(months).is_none_or(|d| d > to) {
        months -= 1;
    }
    let days = shifted(months).map_or(total, |d| (to - d).num_days());
    let (years, months) = (months / 12, months % 12);
    let plural = |n: i64, unit: &str| if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") };
    let parts: Vec<String> = [(i64::from(years), "year"), (i64::from(months), "month"), (days, "day")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| plural(n, unit))
        .collect();
    let words = match parts.len() {
        0 => return "the same day".into(),
        1 => parts[0].clone(),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    };
    if parts.len() == 1 && days == total {
        words
    } else {
        format!("{words} — {}", plural(total, "day"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> DateSpec {
        DateSpec::parse(s).unwrap()
    }

    fn ymd(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn precision_and_covered_days() {
        assert_eq!(d("2016").precision(), Precision::Year);
        assert_eq!(d("2016").first_day(), ymd(2016, 1, 1));
        assert_eq!(d("2016").last_day(), ymd(2016, 12, 31));
        assert_eq!(d("2016-02").last_day(), ymd(2016, 2, 29));
        assert_eq!(d("2015-02").last_day(), ymd(2015, 2, 28));
        assert_eq!(d("2016-12-07").days(), 1);
        assert_eq!(d("2016-12-07..2016-12-08").days(), 2);
        assert_eq!(d("2016-12-07..2016-12-08").precision(), Precision::Day);
        assert_eq!(d("2015..2016-03").precision(), Precision::Year);
    }

    #[test]
    fn flags() {
        let c = d("~2016-04");
        assert!(c.approximate && !c.uncertain);
        let u = d("2017?");
        assert!(u.uncertain && !u.approximate);
        let both = d("~2015-12..2016-01?");
        assert!(both.approximate && both.uncertain && both.end.is_some());
    }

    #[test]
    fn invalid_dates_are_errors() {
        assert_eq!(
            DateSpec::parse("2016-02-30"),
            Err(DateError::NoSuchDay { year: 2016, month: 2, day: 30, last: 29 })
        );
        assert_eq!(DateSpec::parse("2016-13"), Err(DateError::MonthOutOfRange(13)));
        assert_eq!(DateSpec::parse("2016-00"), Err(DateError::MonthOutOfRange(0)));
        assert_eq!(DateSpec::parse("2017..2016"), Err(DateError::Reversed));
        assert_eq!(DateSpec::parse(""), Err(DateError::Empty));
        for bad in ["16", "2016/01/02", "2016-1-2", "20166", "2016-01-02-03", "abc", "2016..", "~", "?"] {
            assert!(DateSpec::parse(bad).is_err(), "{bad} should not parse");
        }
        assert_eq!(DateSpec::from_year(123_456), Err(DateError::YearOutOfRange(123_456)));
        assert!(DateSpec::from_year(i64::MAX).is_err());
    }

    #[test]
    fn bce_years() {
        let caesar = d("-0044-03-15");
        assert_eq!(caesar.start.year, -44);
        assert!(caesar.first_day() < d("0001").first_day());
        assert_eq!(caesar.to_string(), "-0044-03-15");
        assert!(d("-0043").chronological(&d("-0044")) == Ordering::Greater);
        assert_eq!(DateSpec::from_year(-43).unwrap().to_string(), "-0043");
    }

    #[test]
    fn ordering_by_start_then_end() {
        assert_eq!(d("2016").chronological(&d("2016-01-01")), Ordering::Greater);
        assert_eq!(d("2016-01-01").chronological(&d("2016")), Ordering::Less);
        assert_eq!(d("2015-12").chronological(&d("2016")), Ordering::Less);
    }

    #[test]
    fn human_forms() {
        assert_eq!(d("2015-09-25").human(), "2015-09-25");
        assert_eq!(d("2015-09").human(), "Sep 2015");
        assert_eq!(d("2016-12-07..2016-12-08").human(), "Dec 7–8, 2016");
        assert_eq!(d("2015-09-22..2015-10-02").human(), "Sep 22–Oct 2, 2015");
        assert_eq!(d("~2016-04").human(), "~Apr 2016");
        assert_eq!(d("2017?").human(), "2017?");
        assert_eq!(d("2015..2017").human(), "2015–2017");
        assert_eq!(d("2015-12..2016-01").human(), "Dec 2015–Jan 2016");
    }

    #[test]
    fn long_forms_read_as_words() {
        assert_eq!(d("2016-11-19").long(), "November 19, 2016");
        assert_eq!(d("2016-04").long(), "April 2016");
        assert_eq!(d("2017").long(), "2017");
        assert_eq!(d("2016-12-07..2016-12-08").long(), "December 7 to 8, 2016");
        assert_eq!(d("2015-09-22..2015-10-02").long(), "September 22 to October 2, 2015");
        assert_eq!(d("2016-03..2016-05").long(), "March to May 2016");
        assert_eq!(d("2015..2017").long(), "2015 to 2017");
        assert_eq!(d("2015-12..2016-01").long(), "December 2015 to January 2016");
        assert_eq!(d("2015-12-30..2016-01-02").long(), "December 30, 2015 to January 2, 2016");
        assert_eq!(d("2015..2016-03").long(), "2015 to March 2016");
        assert_eq!(d("~2016-04").long(), "around April 2016");
        assert_eq!(d("2017?").long(), "2017 (uncertain)");
        assert_eq!(d("-0043-03-15").long(), "March 15, 44 BCE");
        assert_eq!(d("0000").long(), "1 BCE");
        assert_eq!(d("-0044..0014").long(), "45 BCE to 14");
    }

    #[test]
    fn overlap_is_inclusive() {
        let span = d("2015-12..2016-01");
        assert!(span.overlaps(ymd(2016, 1, 1), ymd(2016, 12, 31)));
        assert!(!span.overlaps(ymd(2016, 2, 1), ymd(2016, 12, 31)));
        assert!(d("2017").overlaps(ymd(2000, 1, 1), ymd(2017, 3, 31)));
    }

    #[test]
    fn spans() {
        assert_eq!(human_span(1), "1 day");
        assert_eq!(human_span(3), "3 days");
        assert_eq!(human_span(150), "5 months");
        assert_eq!(human_span(800), "2 years");
        assert_eq!(human_span(380), "1 year");
        assert_eq!(human_span(364), "11 months");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn point() -> impl Strategy<Value = PointDate> {
            (MIN_YEAR..=MAX_YEAR, proptest::option::of(1u32..=12), 1u32..=31).prop_filter_map(
                "valid calendar day",
                |(y, m, day)| match m {
                    None => PointDate::new(y, None, None).ok(),
                    Some(m) if day % 3 == 0 => PointDate::new(y, Some(m), None).ok(),
                    Some(m) => PointDate::new(y, Some(m), Some(day)).ok(),
                },
            )
        }

        proptest! {
            #[test]
            fn written_form_round_trips(a in point(), b in point(), approx: bool, unsure: bool, range: bool) {
                let (start, end) = if a.first_day() <= b.first_day() { (a, b) } else { (b, a) };
                let spec = DateSpec::new(start, range.then_some(end), approx, unsure);
                prop_assume!(spec.end.is_none_or(|e| e.last_day() >= start.first_day()));
                let parsed = DateSpec::parse(&spec.to_string()).unwrap();
                prop_assert_eq!(parsed, spec);
            }

            #[test]
            fn first_day_never_after_last_day(a in point()) {
                let spec = DateSpec::new(a, None, false, false);
                prop_assert!(spec.first_day() <= spec.last_day());
            }

            #[test]
            fn ordering_matches_first_day(a in point(), b in point()) {
                let x = DateSpec::new(a, None, false, false);
                let y = DateSpec::new(b, None, false, false);
                if x.first_day() < y.first_day() {
                    prop_assert_eq!(x.chronological(&y), Ordering::Less);
                }
                prop_assert_eq!(x.chronological(&y), y.chronological(&x).reverse());
            }

            /// Every date reads in words: no digits-and-dashes form, no abbreviation, and the
            /// year (or its BCE form) is always said.
            #[test]
            fn long_form_is_words(a in point(), b in point(), approx: bool, unsure: bool, range: bool) {
                let (start, end) = if a.first_day() <= b.first_day() { (a, b) } else { (b, a) };
                let spec = DateSpec::new(start, range.then_some(end), approx, unsure);
                let long = spec.long();
                prop_assert!(!long.contains('-') && !long.contains('–'), "{}", long);
                prop_assert!(long.contains(&long_year(spec.end.unwrap_or(start).year)), "{}", long);
                for abbrev in MONTHS {
                    let spoken = long.split(|c: char| !c.is_alphabetic()).any(|w| w == abbrev && abbrev != "May");
                    prop_assert!(!spoken, "{} abbreviates {}", long, abbrev);
                }
            }

            #[test]
            fn arbitrary_text_never_panics(s in "\\PC{0,24}") {
                let _ = DateSpec::parse(&s);
            }
        }
    }

    #[test]
    fn intervals_in_words_are_exact() {
        assert_eq!(
            interval_words(ymd(2015, 9, 25), ymd(2016, 12, 7)),
            "1 year, 2 months and 12 days — 439 days"
        );
        assert_eq!(
            interval_words(ymd(2016, 12, 7), ymd(2015, 9, 25)),
            "1 year, 2 months and 12 days — 439 days",
            "either order"
        );
        assert_eq!(interval_words(ymd(2016, 12, 7), ymd(2016, 12, 8)), "1 day");
        assert_eq!(interval_words(ymd(2016, 1, 31), ymd(2016, 2, 28)), "28 days");
        assert_eq!(interval_words(ymd(2016, 1, 31), ymd(2016, 2, 29)), "1 month — 29 days");
        assert_eq!(interval_words(ymd(2016, 1, 31), ymd(2016, 3, 1)), "1 month and 1 day — 30 days");
        assert_eq!(interval_words(ymd(2016, 1, 15), ymd(2016, 2, 15)), "1 month — 31 days");
        assert_eq!(interval_words(ymd(2016, 5, 1), ymd(2016, 5, 1)), "the same day");
        assert_eq!(
            interval_words(ymd(2014, 5, 19), ymd(2017, 5, 19)),
            "3 years — 1,096 days".replace(",", "")
        );
    }

    #[test]
    fn the_forms_the_screen_shows_parse_back() {
        let shown = |t: &str| DateSpec::parse_shown(t).map(|d| d.to_string());
        assert_eq!(shown("Sep 2016").unwrap(), "2016-09");
        assert_eq!(shown("Dec 7, 2016").unwrap(), "2016-12-07");
        assert_eq!(shown("Dec 7–8, 2016").unwrap(), "2016-12-07..2016-12-08");
        assert_eq!(shown("Dec 7–8, 2016  (2 days)").unwrap(), "2016-12-07..2016-12-08");
        assert_eq!(shown("Sep 30–Oct 2, 2015").unwrap(), "2015-09-30..2015-10-02");
        assert_eq!(shown("Apr–Jun 2016").unwrap(), "2016-04..2016-06");
        assert_eq!(shown("~Apr 2016").unwrap(), "~2016-04");
        assert_eq!(shown("491 BCE").unwrap(), "-0490");
        assert_eq!(shown("2016").unwrap(), "2016");
        assert!(matches!(DateSpec::parse_shown("Dec 32, 2016"), Err(DateError::NoSuchDay { .. })));
        assert!(DateSpec::parse_shown("Dec 8–7, 2016").is_err());
        assert!(DateSpec::parse_shown("soon").is_err());
    }

    proptest::proptest! {
        /// Anything typed into `t` is a date or an error, never a panic.
        #[test]
        fn shown_forms_never_panic(text in "\\PC{0,24}", words in "([A-Za-z]{3}|[0-9]{1,5}|BCE|[–,~? -]){0,6}") {
            let _ = DateSpec::parse_shown(&text);
            let _ = DateSpec::parse_shown(&words);
        }

        /// Whatever a date looks like on screen, `t` reads it back as the same date.
        #[test]
        fn every_shown_form_parses_back(y in 1i32..3000, m in 1u32..=12, d in 1u32..=28, len in 0u32..400, kind in 0u8..5, approx: bool, unsure: bool) {
            let start = match kind {
                0 => PointDate::new(y, None, None),
                1 => PointDate::new(y, Some(m), None),
                _ => PointDate::new(y, Some(m), Some(d)),
            }.unwrap();
            let end = match kind {
                3 => {
                    let e = start.first_day() + chrono::Days::new(u64::from(len));
                    Some(PointDate::new(e.year(), Some(e.month()), Some(e.day())).unwrap())
                }
                4 => Some(PointDate::new(y + (len % 3) as i32, None, None).unwrap()),
                _ => None,
            };
            let date = DateSpec::new(start, end, approx, unsure);
            proptest::prop_assert_eq!(DateSpec::parse_shown(&date.human()), Ok(date), "{}", date.human());
        }
    }
}
