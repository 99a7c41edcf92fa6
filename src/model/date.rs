//! Timeline dates: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, a day with a time (`YYYY-MM-DDTHH:MM`,
//! `…:SS`, with an optional offset `Z`, `+08:00`), ranges `START..END` (`…T09:00..17:30` for the
//! same day), `~` (circa) and `?` (uncertain). A date without a time covers whole days, so
//! `2016` is 2016-01-01..=2016-12-31; a date with a time is an instant.
//!
//! Negative years follow ISO 8601's astronomical numbering (year 0 is 1 BCE, `-0043` is 44 BCE),
//! the same numbering chrono uses, so day arithmetic has no gap at year zero. `44 BCE` and
//! `44 BC` are read too, and years before 1 are shown that way.
//!
//! Times are read in a zone (`parse_in`): the offset written with the time, else the event's or
//! the timeline's `timezone:`. Each date keeps its instants (Unix seconds) for ordering, filters
//! and exports, and its days in the timeline's zone for the day-based machinery (the index's day
//! arrays, histograms).

use super::zone::{format_offset, parse_offset_minutes, Zone, MAX_OFFSET_MINUTES};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use std::cmp::Ordering;
use std::fmt;

/// The smallest and largest year accepted. Four digits keep the written form unambiguous.
pub const MIN_YEAR: i32 = -9999;
pub const MAX_YEAR: i32 = 9999;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
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

/// One calendar point as written: a year, a month of a year, a day, or a time on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct PointDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// The time of day, only on a day.
    pub time: Option<Clock>,
    /// The offset written with the time (`Z`, `+08:00`); without one the time is read in a zone.
    pub offset: Option<WrittenOffset>,
}

/// A time of day as written: seconds only where they were written, so `20:17` prints as
/// `20:17` and never `20:17:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Clock {
    pub hour: u32,
    pub minute: u32,
    pub second: Option<u32>,
}

impl Clock {
    /// `HH:MM` or `HH:MM:SS`, 24-hour.
    pub fn parse(text: &str) -> Result<Clock, DateError> {
        let mut parts = text.split(':');
        let (h, m, sec) = (parts.next(), parts.next(), parts.next());
        if parts.next().is_some() {
            return Err(DateError::Syntax);
        }
        let (Some(h), Some(m)) = (h, m) else { return Err(DateError::Syntax) };
        let (hour, minute) = (parse_two_digits(h)?, parse_two_digits(m)?);
        let second = sec.map(parse_two_digits).transpose()?;
        if hour > 23 {
            return Err(DateError::NoSuchTime(format!("hour {hour} does not exist (00..23)")));
        }
        if minute > 59 {
            return Err(DateError::NoSuchTime(format!("minute {minute} does not exist (00..59)")));
        }
        if let Some(s) = second.filter(|&s| s > 59) {
            return Err(DateError::NoSuchTime(format!("second {s} does not exist (00..59)")));
        }
        Ok(Clock { hour, minute, second })
    }

    pub fn naive(&self) -> NaiveTime {
        NaiveTime::from_hms_opt(self.hour, self.minute, self.second.unwrap_or(0)).unwrap_or_default()
    }

    /// The time an instant shows on a clock, with seconds if this clock was written with them.
    fn shown(&self, local: NaiveDateTime) -> String {
        if self.second.is_some() {
            local.format("%H:%M:%S").to_string()
        } else {
            local.format("%H:%M").to_string()
        }
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)?;
        if let Some(s) = self.second {
            write!(f, ":{s:02}")?;
        }
        Ok(())
    }
}

/// An offset as written after a time: `Z`, or minutes east (`+08:00` is 480).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum WrittenOffset {
    Z,
    Minutes(i32),
}

impl WrittenOffset {
    fn parse(text: &str) -> Result<WrittenOffset, DateError> {
        if text == "Z" || text == "z" {
            return Ok(WrittenOffset::Z);
        }
        match parse_offset_minutes(text) {
            Some(m) if m.abs() <= MAX_OFFSET_MINUTES => Ok(WrittenOffset::Minutes(m)),
            Some(_) => Err(DateError::NoSuchTime(format!(
                "offset {} is out of range (-18:00..+18:00)",
                crate::text::escape(text)
            ))),
            None => Err(DateError::Syntax),
        }
    }

    pub fn seconds(self) -> i32 {
        match self {
            WrittenOffset::Z => 0,
            WrittenOffset::Minutes(m) => m * 60,
        }
    }
}

impl fmt::Display for WrittenOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WrittenOffset::Z => f.write_str("Z"),
            WrittenOffset::Minutes(m) => f.write_str(&format_offset(m * 60)),
        }
    }
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

    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS][offset]`, or `N BCE` / `N BC`.
    fn parse(text: &str) -> Result<PointDate, DateError> {
        if let Some(year) = bce_year(text) {
            return PointDate::new(year?, None, None);
        }
        let (day_text, time_text) = match text.split_once(['T', 't']) {
            Some((d, t)) => (d, Some(t)),
            None => (text, None),
        };
        let (negative, digits) = match day_text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, day_text),
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
        let point = PointDate::new(year, month, day)?;
        match time_text {
            None => Ok(point),
            Some(_) if day.is_none() => Err(DateError::TimeNeedsDay),
            Some(t) => {
                let (time, offset) = parse_time_and_offset(t)?;
                Ok(PointDate { time: Some(time), offset, ..point })
            }
        }
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
        Ok(PointDate { year, month, day, time: None, offset: None })
    }

    /// The day this point is on, for a point with a time.
    fn naive_date_time(&self) -> Option<NaiveDateTime> {
        Some(self.first_day().and_time(self.time?.naive()))
    }
}

/// `491 BCE`, `491 bc`: the year as ISO numbers it (`-0490`), or an error for a year out of
/// range; `None` if the text is not that shape.
fn bce_year(text: &str) -> Option<Result<i32, DateError>> {
    let upper = text.to_ascii_uppercase();
    let number = upper.strip_suffix(" BCE").or_else(|| upper.strip_suffix(" BC"))?;
    let digits = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    if !digits || number.len() > 5 || number.starts_with('0') {
        return None;
    }
    let n: i64 = number.parse().ok()?;
    let year = 1 - n;
    Some(if n == 0 || year < i64::from(MIN_YEAR) {
        Err(DateError::YearOutOfRange(-n))
    } else {
        Ok(year as i32)
    })
}

/// `09:00`, `09:00:30`, with `Z`, `+08:00` or `-05:00` after it.
fn parse_time_and_offset(text: &str) -> Result<(Clock, Option<WrittenOffset>), DateError> {
    let at = text.find(['Z', 'z', '+', '-']);
    let (clock, offset) = match at {
        Some(i) => (&text[..i], Some(WrittenOffset::parse(&text[i..])?)),
        None => (text, None),
    };
    Ok((Clock::parse(clock)?, offset))
}

/// Whether an end is a time alone (`17:30` in `2016-12-07T09:00..17:30`).
fn is_time_only(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 5 && b[2] == b':' && b[..2].iter().all(u8::is_ascii_digit)
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
        if let Some(t) = self.time {
            write!(f, "T{t}")?;
        }
        if let Some(o) = self.offset {
            write!(f, "{o}")?;
        }
        Ok(())
    }
}

/// A date as an event, role or source gives it: one point or a range, maybe circa or uncertain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DateSpec {
    pub start: PointDate,
    /// The end of a range; `None` for a single point.
    pub end: Option<PointDate>,
    pub approximate: bool,
    pub uncertain: bool,
    /// The end was written as a time alone (`…T09:00..17:30`), on the start's day.
    pub short_end: bool,
    /// The timeline's zone, in which the days below are counted and the date is shown unless
    /// the view asks for another.
    pub home: Zone,
    /// The first and last day covered, in the home zone, worked out once: sorting, filtering
    /// and drawing ask for them constantly.
    #[serde(with = "super::cache::day")]
    first: NaiveDate,
    #[serde(with = "super::cache::day")]
    last: NaiveDate,
    /// The first and last second covered (Unix seconds, inclusive): a time is its own instant;
    /// whole days run from the home zone's midnight to the second before the next.
    start_at: i64,
    end_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Empty,
    Syntax,
    YearOutOfRange(i64),
    MonthOutOfRange(u32),
    NoSuchDay {
        year: i32,
        month: u32,
        day: u32,
        last: u32,
    },
    /// An hour, minute, second or offset that does not exist, in words.
    NoSuchTime(String),
    /// A time written on a year or a month.
    TimeNeedsDay,
    /// A wall-clock time the zone skips (clocks moved forward).
    SkippedTime {
        time: String,
        zone: String,
    },
    /// A time-only end (`..17:30`) after a start without a time.
    TimeOnlyEnd,
    Reversed,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Empty => f.write_str("the date is empty"),
            DateError::Syntax => f.write_str(
                "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM (with :SS and an offset such as Z or +08:00 if wanted), a range START..END, optionally with a `~` prefix or a `?` suffix",
            ),
            DateError::YearOutOfRange(y) => {
                write!(f, "year {y} is out of range ({MIN_YEAR}..{MAX_YEAR})")
            }
            DateError::MonthOutOfRange(m) => write!(f, "month {m} does not exist (01..12)"),
            DateError::NoSuchDay { year, month, day, last } => write!(
                f,
                "day {day} does not exist in {year:04}-{month:02} (it has {last} days)"
            ),
            DateError::NoSuchTime(words) => f.write_str(words),
            DateError::TimeNeedsDay => f.write_str("a time needs a whole date before it: YYYY-MM-DDTHH:MM"),
            DateError::SkippedTime { time, zone } => {
                write!(f, "{time} does not exist in {zone}: the clocks moved forward past it")
            }
            DateError::TimeOnlyEnd => {
                f.write_str("an end written as a time alone (`..17:30`) needs a start with a time")
            }
            DateError::Reversed => f.write_str("the range ends before it starts"),
        }
    }
}

impl DateSpec {
    /// A date with its times read as UTC. Files go through `parse_in`, with their zones.
    pub fn parse(text: &str) -> Result<DateSpec, DateError> {
        DateSpec::parse_in(text, &Zone::Utc, &Zone::Utc)
    }

    /// A date whose times without an offset are read in `read` (the event's or the timeline's
    /// zone), with its days counted in `home` (the timeline's zone).
    pub fn parse_in(text: &str, read: &Zone, home: &Zone) -> Result<DateSpec, DateError> {
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
        let (start, end, short_end) = match rest.split_once("..") {
            Some((a, b)) => {
                let start = PointDate::parse(a.trim())?;
                let b = b.trim();
                if is_time_only(b) {
                    if start.time.is_none() {
                        return Err(DateError::TimeOnlyEnd);
                    }
                    let (time, offset) = parse_time_and_offset(b)?;
                    (start, Some(PointDate { time: Some(time), offset, ..start }), true)
                } else {
                    (start, Some(PointDate::parse(b)?), false)
                }
            }
            None => (PointDate::parse(rest.trim())?, None, false),
        };
        let mut date = DateSpec::resolve(start, end, approximate, uncertain, read, home)?;
        date.short_end = short_end;
        Ok(date)
    }

    /// Works out the instants and days of written points; the errors a zone can cause (a
    /// skipped time, an end before its start once offsets are applied).
    fn resolve(
        start: PointDate,
        end: Option<PointDate>,
        approximate: bool,
        uncertain: bool,
        read: &Zone,
        home: &Zone,
    ) -> Result<DateSpec, DateError> {
        let instant = |p: &PointDate| -> Result<Option<i64>, DateError> {
            let Some(local) = p.naive_date_time() else { return Ok(None) };
            let at = match p.offset {
                Some(o) => Some(local.and_utc().timestamp() - i64::from(o.seconds())),
                None => read.instant_of(local),
            };
            at.map(Some).ok_or_else(|| DateError::SkippedTime {
                time: local.format("%Y-%m-%d %H:%M").to_string(),
                zone: read.name(),
            })
        };
        let last_point = end.unwrap_or(start);
        let start_at = match instant(&start)? {
            Some(at) => at,
            None => home.start_of_day(start.first_day()),
        };
        let end_at = match instant(&last_point)? {
            Some(at) => at,
            None => match last_point.last_day().succ_opt() {
                Some(next) => home.start_of_day(next) - 1,
                None => home.start_of_day(last_point.last_day()) + 86_399,
            },
        };
        if end_at < start_at {
            return Err(DateError::Reversed);
        }
        let day_of = |p: &PointDate, at: i64, whole: NaiveDate| {
            if p.time.is_some() {
                home.local_time(at).date()
            } else {
                whole
            }
        };
        let first = day_of(&start, start_at, start.first_day());
        let last = day_of(&last_point, end_at, last_point.last_day()).max(first);
        Ok(DateSpec {
            start,
            end,
            approximate,
            uncertain,
            short_end: false,
            home: *home,
            first,
            last,
            start_at,
            end_at,
        })
    }

    /// A date as the screen shows it or as the format writes it: everything `parse` takes, and
    /// the forms the list and the detail print (`Sep 2016`, `Dec 7, 2016`, `Dec 7–8, 2016`,
    /// `Sep 22–28, 2015`, `Apr–Jun 2016`, `2015–2017`, `491 BCE`), with their `~` and `?`.
    pub fn parse_shown(text: &str) -> Result<DateSpec, DateError> {
        DateSpec::parse_shown_in(text, &Zone::Utc, &Zone::Utc)
    }

    /// `parse_shown` with times read in `read` (the zone the view shows) and days counted in
    /// `home`: `2016-12-07 09:00`, `2016-12-07 09:00–17:30` and
    /// `2016-12-07 09:00 – 2016-12-08 18:30` as the list shows them, and the written forms.
    pub fn parse_shown_in(text: &str, read: &Zone, home: &Zone) -> Result<DateSpec, DateError> {
        let text = text.trim();
        // What the detail adds after the date: `Dec 7–8, 2016  (2 days)`.
        let text = match text.find("  (") {
            Some(at) => text[..at].trim_end(),
            None => text,
        };
        let first_error = match DateSpec::parse_in(text, read, home) {
            Ok(date) => return Ok(date),
            Err(e) => e,
        };
        if let Some(written) = written_form_of_shown_time(text) {
            return DateSpec::parse_in(&written, read, home);
        }
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

    /// A date from its parts, times read as UTC. The caller guarantees `end`, if any, does not
    /// end before `start`.
    pub fn new(start: PointDate, end: Option<PointDate>, approximate: bool, uncertain: bool) -> DateSpec {
        DateSpec::resolve(start, end, approximate, uncertain, &Zone::Utc, &Zone::Utc).unwrap_or_else(|_| {
            DateSpec::resolve(start, None, approximate, uncertain, &Zone::Utc, &Zone::Utc)
                .expect("a point in UTC always resolves")
        })
    }

    /// A bare year, as YAML delivers `date: 2016` (a number, not a string).
    pub fn from_year(year: i64) -> Result<DateSpec, DateError> {
        DateSpec::from_year_in(year, &Zone::Utc)
    }

    /// A bare year whose days are counted in `home`.
    pub fn from_year_in(year: i64, home: &Zone) -> Result<DateSpec, DateError> {
        let year = i32::try_from(year).map_err(|_| DateError::YearOutOfRange(year))?;
        DateSpec::resolve(PointDate::new(year, None, None)?, None, false, false, home, home)
    }

    /// Whether the date has a time of day (at its start or its end).
    pub fn has_time(&self) -> bool {
        self.start.time.is_some() || self.end.is_some_and(|e| e.time.is_some())
    }

    /// The first second covered (Unix seconds): the instant of a time, the home zone's
    /// midnight for a day.
    pub fn start_instant(&self) -> i64 {
        self.start_at
    }

    /// The last second covered (Unix seconds, inclusive): the instant of an end time, the
    /// second before the next midnight for a day.
    pub fn end_instant(&self) -> i64 {
        self.end_at
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

    /// The first and last day covered as `zone` shows them: an end with a time falls on its
    /// day in that zone, an end without one on the day written (whole days are calendar days,
    /// the same in every zone). Day filters and day bounds read these, so `from:D to:D` lists
    /// exactly the events whose shown dates meet D.
    pub fn days_in(&self, zone: &Zone) -> (NaiveDate, NaiveDate) {
        if *zone == self.home || !self.has_time() {
            return (self.first, self.last);
        }
        let day_of = |p: &PointDate, at: i64, whole: NaiveDate| {
            if p.time.is_some() {
                zone.local_time(at).date()
            } else {
                whole
            }
        };
        let last_point = self.end.unwrap_or(self.start);
        let first = day_of(&self.start, self.start_at, self.start.first_day());
        let last = day_of(&last_point, self.end_at, last_point.last_day()).max(first);
        (first, last)
    }

    /// The finest unit the date is written to, by name, for records: `second` or `minute` for
    /// a time (as written), else `day`, `month` or `year` (the coarsest of its ends).
    pub fn precision_name(&self) -> &'static str {
        let clocks = [Some(self.start), self.end].into_iter().flatten().filter_map(|p| p.time);
        let mut unit = None;
        for clock in clocks {
            unit = Some(if clock.second.is_some() { "second" } else { unit.unwrap_or("minute") });
        }
        unit.unwrap_or(self.precision().as_str())
    }

    /// Whole days covered, counting both ends.
    pub fn days(&self) -> i64 {
        (self.last_day() - self.first_day()).num_days() + 1
    }

    /// Chronological order: by the instant each starts; a whole day before the times on it;
    /// then by the instant each ends.
    pub fn chronological(&self, other: &DateSpec) -> Ordering {
        self.start_at
            .cmp(&other.start_at)
            .then_with(|| self.start.time.is_some().cmp(&other.start.time.is_some()))
            .then_with(|| self.end_at.cmp(&other.end_at))
    }

    /// Whether the covered days overlap `[from, to]` (inclusive).
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.first_day() <= to && self.last_day() >= from
    }

    /// A short human form for lists, in the home zone: `2015-09-25`, `Sep 2015`,
    /// `Dec 7–8, 2016`, `~Apr 2016`, `2017?`, `Sep 491 BCE`, `2016-12-07 09:00–17:30`.
    pub fn human(&self) -> String {
        self.human_in(&self.home)
    }

    /// The short form with its times shown in `zone`.
    pub fn human_in(&self, zone: &Zone) -> String {
        self.shown(zone, false)
    }

    /// The date in words, for reading aloud or on a braille line (the plain front end):
    /// `November 19, 2016`, `December 7 to 8, 2016`, `April 2016`, `around April 2016`,
    /// `2017 (uncertain)`, `44 BCE`, `December 7, 2016 at 09:00`. Nothing abbreviated and no
    /// dashes, which screen readers read inconsistently ("Dec" as a word, `–` as "dash" or as
    /// nothing).
    pub fn long(&self) -> String {
        self.long_in(&self.home)
    }

    /// The words with times shown in `zone`.
    pub fn long_in(&self, zone: &Zone) -> String {
        self.shown(zone, true)
    }

    /// The short form with the zone's name for its times: once, after the last time, when both
    /// ends have the same offset (`2016-12-07 09:00–17:30 EST`); after each end when they differ
    /// (`1962-10-24 10:00 EDT – 1962-11-20 18:00 EST`, clocks went back in between). A date
    /// without a time has no zone to name.
    pub fn human_zoned(&self, zone: &Zone) -> String {
        self.zoned(zone, false)
    }

    /// The words with the zone's name for its times, as `human_zoned` places them.
    pub fn long_zoned(&self, zone: &Zone) -> String {
        self.zoned(zone, true)
    }

    fn zoned(&self, zone: &Zone, words: bool) -> String {
        if !self.has_time() {
            return self.shown(zone, words);
        }
        let (first, last) = (zone.label_at(self.start_at), zone.label_at(self.end_at));
        if self.end.is_some() && first != last {
            let labels = (first, last);
            return self.shown_with(zone, words, Some(&labels));
        }
        format!("{} {first}", self.shown(zone, words))
    }

    /// The short form, or with `words` the long one: the date, then what circa and uncertain
    /// add to it (`~` and `?`, or "around" and "(uncertain)").
    fn shown(&self, zone: &Zone, words: bool) -> String {
        self.shown_with(zone, words, None)
    }

    /// `shown`, with a zone name after each end's time when `labels` are given.
    fn shown_with(&self, zone: &Zone, words: bool, labels: Option<&(String, String)>) -> String {
        let core = match (self.has_time(), self.end, words) {
            (true, _, _) => self.timed(zone, words, labels),
            (false, None, false) => human_point(&self.start),
            (false, Some(end), false) => human_range(&self.start, &end),
            (false, None, true) => long_point(&self.start),
            (false, Some(end), true) => long_range(&self.start, &end),
        };
        let (circa, uncertain) = if words { ("around ", " (uncertain)") } else { ("~", "?") };
        let mut out = String::with_capacity(core.len() + 16);
        if self.approximate {
            out.push_str(circa);
        }
        out.push_str(&core);
        if self.uncertain {
            out.push_str(uncertain);
        }
        out
    }

    /// A date with a time, shown in `zone`: each end as its day and clock time there, the
    /// day said once when both ends fall on it. `words` for the long form ("at", "from … to").
    fn timed(&self, zone: &Zone, words: bool, labels: Option<&(String, String)>) -> String {
        let day = |d: NaiveDate| if words { long_point(&day_point(d)) } else { human_day(d) };
        // Each end: its day in the zone and its clock time there, if it has one.
        let end_of = |p: &PointDate, instant: i64| -> (NaiveDate, Option<String>) {
            match p.time {
                Some(clock) => {
                    let local = zone.local_time(instant);
                    (local.date(), Some(clock.shown(local)))
                }
                None => (p.first_day(), None),
            }
        };
        let shown = |p: &PointDate, (d, time): &(NaiveDate, Option<String>)| match time {
            Some(t) if words => format!("{} at {t}", day(*d)),
            Some(t) => format!("{} {t}", day(*d)),
            None if words => long_point(p),
            None => human_point(p),
        };
        let first = end_of(&self.start, self.start_at);
        let Some(end) = self.end else { return shown(&self.start, &first) };
        let last = end_of(&end, self.end_at);
        if let Some((l1, l2)) = labels {
            // Each end in full with its own zone name (the ends' offsets differ).
            let (a, b) = (shown(&self.start, &first), shown(&end, &last));
            let a = if first.1.is_some() { format!("{a} {l1}") } else { a };
            let b = if last.1.is_some() { format!("{b} {l2}") } else { b };
            return if words { format!("{a} to {b}") } else { format!("{a} – {b}") };
        }
        match (&first, &last) {
            ((d1, Some(t1)), (d2, Some(t2))) if d1 == d2 && words => {
                format!("{} from {t1} to {t2}", day(*d1))
            }
            ((d1, Some(_)), (d2, Some(t2))) if d1 == d2 => format!("{}–{t2}", shown(&self.start, &first)),
            _ if words => format!("{} to {}", shown(&self.start, &first), shown(&end, &last)),
            _ => format!("{} – {}", shown(&self.start, &first), shown(&end, &last)),
        }
    }
}

/// The written form of a date with a time as the list shows it (`2016-12-07 09:00–17:30` →
/// `2016-12-07T09:00..17:30`), keeping `~` and `?`; `None` if it has no time.
fn written_form_of_shown_time(text: &str) -> Option<String> {
    let (approximate, rest) = match text.strip_prefix('~') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (uncertain, rest) = match rest.strip_suffix('?') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    // `DAY TIME` → `DAYTTIME`; a point without a time stays as it is.
    let point = |p: &str| -> String {
        match p.trim().split_once(' ') {
            Some((day, time)) if is_time_only(time.trim()) => format!("{day}T{}", time.trim()),
            _ => p.trim().to_string(),
        }
    };
    let core = match rest.split_once(" – ") {
        Some((a, b)) => format!("{}..{}", point(a), point(b)),
        None => {
            let (day, times) = rest.trim().split_once(' ')?;
            match times.split_once('–') {
                Some((t1, t2)) if is_time_only(t1) && is_time_only(t2) => format!("{day}T{t1}..{t2}"),
                _ if is_time_only(times) => format!("{day}T{times}"),
                _ => return None,
            }
        }
    };
    core.contains('T')
        .then(|| format!("{}{core}{}", if approximate { "~" } else { "" }, if uncertain { "?" } else { "" }))
}

/// The widest a date is in the list (`list_dates::ListDates`).
pub const LIST_DATE_WIDTH: usize = 18;

/// A day as lists show it: `2016-12-07`, or `Sep 5, 491 BCE` before the year 1.
fn human_day(day: NaiveDate) -> String {
    human_point(&day_point(day))
}

fn day_point(day: NaiveDate) -> PointDate {
    PointDate { year: day.year(), month: Some(day.month()), day: Some(day.day()), time: None, offset: None }
}

impl fmt::Display for DateSpec {
    /// The canonical written form, which parses back to the same value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("~")?;
        }
        write!(f, "{}", self.start)?;
        match self.end {
            Some(end) if self.short_end => {
                f.write_str("..")?;
                if let Some(t) = end.time {
                    write!(f, "{t}")?;
                }
                if let Some(o) = end.offset {
                    write!(f, "{o}")?;
                }
            }
            Some(end) => write!(f, "..{end}")?,
            None => {}
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
                let is_era = |w: &&str| w.eq_ignore_ascii_case("BCE") || w.eq_ignore_ascii_case("BC");
                let era_follows = i + 1 < words.len() && words[i + 1..].iter().all(is_era);
                let last = i + 1 == words.len() || era_follows;
                // A day is one or two digits where a month is given and no day yet; a number
                // right before `BCE` is always a year (`Jan 1 BCE`).
                if !era_follows
                    && word.len() <= 2
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

/// A year as people write it: `2016`, `491 BCE` (ISO's `-0490`), `1 BCE` (ISO's `0000`).
fn human_year(year: i32) -> String {
    long_year(year)
}

fn human_point(p: &PointDate) -> String {
    match (p.month, p.day) {
        // ISO for the common era, which sorts and reads well in a column; words before it,
        // where ISO's numbering (`-0490` for 491 BCE) misleads.
        (Some(_), Some(_)) if p.year > 0 => day_point(p.first_day()).to_string(),
        (Some(m), Some(d)) => format!("{} {d}, {}", month_abbrev(m), human_year(p.year)),
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

/// An instant (Unix seconds) as RFC 3339 in UTC: `2016-12-07T14:00:00Z`.
pub fn rfc3339(instant: i64) -> String {
    match chrono::DateTime::from_timestamp(instant, 0) {
        Some(at) => at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        None => String::new(),
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
    fn each_end_has_its_zone_name_where_the_offsets_differ() {
        let ny = Zone::parse("America/New_York").unwrap();
        let london = Zone::parse("Europe/London").unwrap();
        let over_the_change = DateSpec::parse_in("1962-10-24T10:00..1962-11-20T18:00", &ny, &ny).unwrap();
        assert_eq!(over_the_change.human_zoned(&ny), "1962-10-24 10:00 EDT – 1962-11-20 18:00 EST");
        assert_eq!(over_the_change.human_zoned(&london), "1962-10-24 15:00 BST – 1962-11-20 23:00 GMT");
        assert_eq!(
            over_the_change.long_zoned(&ny),
            "October 24, 1962 at 10:00 EDT to November 20, 1962 at 18:00 EST"
        );
        let one_afternoon = DateSpec::parse_in("2016-12-07T09:00..17:30", &ny, &ny).unwrap();
        assert_eq!(one_afternoon.human_zoned(&ny), "2016-12-07 09:00–17:30 EST", "one offset: named once");
        let day = DateSpec::parse_in("2016-12-07", &ny, &ny).unwrap();
        assert_eq!(day.human_zoned(&ny), "2016-12-07", "no time, no zone");
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

    mod properties {
        use super::*;
        use chrono::Timelike;
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

            /// Every written form with times (seconds or not, any offset or none, a full or a
            /// time-only end) prints as it parses, and parses back to the same date.
            #[test]
            fn timed_forms_round_trip(
                (y, mo, dd) in (MIN_YEAR..=MAX_YEAR, 1u32..=12, 1u32..=28), h in 0u32..24, m in 0u32..60, sec in proptest::option::of(0u32..60),
                offset in proptest::option::of(-18 * 60i32..=18 * 60), z: bool,
                len in proptest::option::of(0i64..200_000), short: bool, approx: bool, unsure: bool,
            ) {
                let day = PointDate::new(y, Some(mo), Some(dd)).unwrap();
                let clock = Clock { hour: h, minute: m, second: sec };
                let written = match (offset, z) {
                    (_, true) => Some(WrittenOffset::Z),
                    (Some(o), false) => Some(WrittenOffset::Minutes(o)),
                    (None, false) => None,
                };
                let start = PointDate { time: Some(clock), offset: written, ..day };
                let mut text = format!("{}{start}", if approx { "~" } else { "" });
                if let Some(len) = len {
                    let at = start.naive_date_time().unwrap() + chrono::Duration::seconds(len);
                    let end_clock = Clock { hour: at.hour(), minute: at.minute(), second: sec.map(|_| at.second()) };
                    if short && at.date() == start.first_day() {
                        let offset = written.map(|o| o.to_string()).unwrap_or_default();
                        text.push_str(&format!("..{end_clock}{offset}"));
                    } else if let Ok(end) = PointDate::new(at.year(), Some(at.month()), Some(at.day())) {
                        text.push_str(&format!("..{}", PointDate { time: Some(end_clock), offset: written, ..end }));
                    }
                }
                if unsure {
                    text.push('?');
                }
                let parsed = DateSpec::parse_in(&text, &Zone::Fixed(330), &Zone::Utc).unwrap();
                prop_assert_eq!(parsed.to_string(), text.clone());
                prop_assert_eq!(DateSpec::parse_in(&parsed.to_string(), &Zone::Fixed(330), &Zone::Utc), Ok(parsed));
                prop_assert!(parsed.start_instant() <= parsed.end_instant());
                prop_assert!(parsed.first_day() <= parsed.last_day());
                // What the list shows reads back as the same instants, in the zone it was shown in.
                for zone in [Zone::Utc, Zone::Fixed(-300), Zone::Named(chrono_tz::Asia::Shanghai)] {
                    // Before standard time, zones kept local mean time, with seconds in their
                    // offsets (Shanghai's was +08:05:43), which a minute-precision clock cannot show.
                    // Before the year 1 the list shows words, not ISO days: not read back here.
                    if (parsed.start.year < 1950 && matches!(zone, Zone::Named(_))) || parsed.start.year < 2 {
                        continue;
                    }
                    let shown = parsed.human_in(&zone);
                    let back = DateSpec::parse_shown_in(&shown, &zone, &Zone::Utc);
                    prop_assert!(back.is_ok(), "{} from {}", shown, text);
                    let back = back.unwrap();
                    prop_assert_eq!(back.start_instant(), parsed.start_instant(), "{}", shown);
                    prop_assert_eq!(back.end_instant(), parsed.end_instant(), "{}", shown);
                }
            }

            /// `491 BCE` and ISO's `-0490` are one year, and what the list shows reads back.
            #[test]
            fn bce_years_read_both_ways(n in 1i32..=9999, m in proptest::option::of(1u32..=12)) {
                let iso = DateSpec::new(PointDate::new(1 - n, m, None).unwrap(), None, false, false);
                prop_assert_eq!(DateSpec::parse(&format!("{n} BCE")).map(|d| d.start.year), Ok(1 - n));
                prop_assert_eq!(DateSpec::parse_shown(&iso.human()), Ok(iso), "{}", iso.human());
            }
        }
    }

    fn ny() -> Zone {
        Zone::parse("America/New_York").unwrap()
    }

    #[test]
    fn times_parse_print_and_keep_their_precision() {
        for text in [
            "1969-07-20T20:17",
            "1969-07-20T20:17:40",
            "1969-07-20T20:17Z",
            "2016-12-07T09:00-05:00",
            "2016-12-07T09:00+08:00",
            "2016-12-07T09:00..2016-12-08T18:30",
            "2016-12-07T09:00..17:30",
            "2016-12-07T09:00-05:00..23:00+08:00",
            "~2016-12-07T09:00?",
            "2016-12-07T09:00..2016-12-08",
            "2016-12-07..2016-12-08T18:30",
        ] {
            assert_eq!(d(text).to_string(), text, "{text} prints as written");
        }
        assert_eq!(d("1969-07-20T20:17").human(), "1969-07-20 20:17");
        assert_eq!(d("1969-07-20T20:17:40").human(), "1969-07-20 20:17:40");
        assert_eq!(d("2016-12-07T09:00..17:30").human(), "2016-12-07 09:00–17:30");
        assert_eq!(d("2016-12-07T09:00..2016-12-08T18:30").human(), "2016-12-07 09:00 – 2016-12-08 18:30");
        assert_eq!(d("2016-12-07T09:00..17:30").long(), "December 7, 2016 from 09:00 to 17:30");
        assert_eq!(d("1969-07-20T20:17").long(), "July 20, 1969 at 20:17");
        assert_eq!(d("~2016-12-07T09:00").human(), "~2016-12-07 09:00");
    }

    #[test]
    fn times_are_read_in_a_zone_and_shown_in_another() {
        let ny = ny();
        let talk = DateSpec::parse_in("2016-12-07T09:00", &ny, &ny).unwrap();
        assert_eq!(talk.start_instant(), d("2016-12-07T14:00Z").start_instant());
        assert_eq!(talk.human(), "2016-12-07 09:00", "shown in its home zone");
        assert_eq!(talk.human_in(&Zone::Utc), "2016-12-07 14:00");
        assert_eq!(talk.human_in(&Zone::Fixed(480)), "2016-12-07 22:00");
        // Lima's Saturday evening is Sunday in Beijing: the day follows the zone shown.
        let lima = DateSpec::parse_in("2016-11-19T19:00-05:00", &ny, &ny).unwrap();
        assert_eq!(lima.human_in(&Zone::parse("Asia/Shanghai").unwrap()), "2016-11-20 08:00");
        // An offset written with the time wins over the zone.
        let written = DateSpec::parse_in("2016-12-07T09:00+08:00", &ny, &ny).unwrap();
        assert_eq!(written.human(), "2016-12-06 20:00");
        assert_eq!(written.first_day(), ymd(2016, 12, 6), "days are counted in the home zone");
    }

    #[test]
    fn whole_days_sort_before_the_times_on_them() {
        let day = d("2016-12-07");
        let midnight = d("2016-12-07T00:00");
        let morning = d("2016-12-07T09:00");
        let evening = d("2016-12-06T23:59");
        assert_eq!(day.chronological(&midnight), Ordering::Less);
        assert_eq!(day.chronological(&morning), Ordering::Less);
        assert_eq!(evening.chronological(&day), Ordering::Less);
        // Timed events sort by instant, whatever zone they were written in.
        let beijing = d("2016-12-08T01:00+08:00"); // Dec 7, 17:00 UTC
        let washington = d("2016-12-07T10:00-05:00"); // Dec 7, 15:00 UTC
        assert_eq!(washington.chronological(&beijing), Ordering::Less);
    }

    #[test]
    fn bad_times_are_errors_never_guesses() {
        let err = |t: &str| DateSpec::parse(t).unwrap_err().to_string();
        assert_eq!(err("2016-12-07T25:00"), "hour 25 does not exist (00..23)");
        assert_eq!(err("2016-12-07T12:60"), "minute 60 does not exist (00..59)");
        assert_eq!(err("2016-12-07T12:00:61"), "second 61 does not exist (00..59)");
        assert_eq!(err("2016-12-07T12:00+25:00"), "offset +25:00 is out of range (-18:00..+18:00)");
        assert_eq!(err("2016-12T12:00"), "a time needs a whole date before it: YYYY-MM-DDTHH:MM");
        assert_eq!(err("2016T12:00"), "a time needs a whole date before it: YYYY-MM-DDTHH:MM");
        assert_eq!(err("2016-12-07T17:30..09:00"), "the range ends before it starts");
        assert_eq!(err("2016-12-07..09:00"), DateError::TimeOnlyEnd.to_string());
        // 10:00 in Washington is 23:00 in Beijing: an end at 22:00 Beijing time is before it.
        assert_eq!(err("2016-12-07T10:00-05:00..22:00+08:00"), "the range ends before it starts");
        let skipped = DateSpec::parse_in("2016-03-13T02:30", &ny(), &ny()).unwrap_err();
        assert_eq!(
            skipped.to_string(),
            "2016-03-13 02:30 does not exist in America/New_York: the clocks moved forward past it"
        );
        for bad in [
            "2016-12-07T9:00",
            "2016-12-07T09",
            "2016-12-07T09:00:00:00",
            "2016-12-07T",
            "2016-12-07T09:00+8",
        ] {
            assert!(DateSpec::parse(bad).is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn years_before_one_read_as_people_write_them() {
        assert_eq!(d("-0490-09").human(), "Sep 491 BCE");
        assert_eq!(d("-0490").human(), "491 BCE");
        assert_eq!(d("0000").human(), "1 BCE");
        assert_eq!(d("-0043-03-15").human(), "Mar 15, 44 BCE");
        assert_eq!(d("-0490..-0479").human(), "491 BCE–480 BCE");
        assert_eq!(d("491 BCE"), d("-0490"));
        assert_eq!(d("491 BC"), d("-0490"));
        assert_eq!(d("~44 bce"), d("~-0043"));
        assert!(DateSpec::parse("0 BCE").is_err(), "there is no year 0 BCE");
        assert!(DateSpec::parse("0491 BCE").is_err());
        assert!(DateSpec::parse("491BCE").is_err());
        assert!(DateSpec::parse("10001 BCE").is_err());
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
