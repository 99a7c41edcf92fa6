//! How the explorer's list writes dates: one form for the whole column, never wider than
//! `LIST_DATE_WIDTH`, so titles keep their room and dates read alike down the column.
//!
//! The full form (`1969-07-20 13:44`, `Sep 2015`) where every date of the timeline fits; else
//! the short form for all of them, the year left to the list's year rows (`Jul 20 13:44`,
//! `Jul 19 13:21:50`, a long range `Oct 24 10:00 → Nov 20`). A range whose ends have different
//! offsets (clocks changed in between) names each end's zone where both its times are written
//! (`10:00 EDT – 18:00 EST`), and is never written with two bare times that would hide it. The
//! detail writes every date in full.

use super::date::{month_abbrev, DateSpec, Precision, LIST_DATE_WIDTH};
use super::zone::Zone;
use crate::text;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// The list's date column: which form, and how wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ListDates {
    /// The short form (no year) for every date, as one does not fit in full.
    pub short: bool,
    /// In the short form, how many of a long range's forms every long range skips (0: with
    /// its start time and spaced arrow), so all of them read alike.
    pub range_form: usize,
    pub width: usize,
}

impl Default for ListDates {
    fn default() -> ListDates {
        ListDates { short: false, range_form: 0, width: 4 }
    }
}

impl ListDates {
    /// The column for `dates` shown in `zone`: full if every one fits, else short.
    pub fn of<'a>(dates: impl Iterator<Item = &'a DateSpec> + Clone, zone: &Zone) -> ListDates {
        let full = dates.clone().map(|d| text::width(&d.listed_full_in(zone))).max();
        match full {
            None => ListDates::default(),
            Some(w) if w <= LIST_DATE_WIDTH => ListDates { short: false, range_form: 0, width: w.max(4) },
            Some(_) => {
                let range_form = dates.clone().map(|d| fitting(&d.short_forms(zone).0)).max().unwrap_or(0);
                let column = ListDates { short: true, range_form, width: LIST_DATE_WIDTH };
                let width = dates.map(|d| text::width(&column.written(d, zone))).max().unwrap_or(4);
                ListDates { width: width.clamp(4, LIST_DATE_WIDTH), ..column }
            }
        }
    }

    /// `date` in this column's form, cut with `…` to the column's width only where even the
    /// short form does not fit (or, for a removed event's ghost, the column was set without it).
    pub fn write(&self, date: &DateSpec, zone: &Zone) -> String {
        text::truncate(&self.written(date, zone), self.width).into_owned()
    }

    fn written(&self, date: &DateSpec, zone: &Zone) -> String {
        if !self.short {
            return date.listed_full_in(zone);
        }
        let (forms, long_range) = date.short_forms(zone);
        let from = if long_range { self.range_form.min(forms.len() - 1) } else { 0 };
        let fits = fitting(&forms[from..]);
        forms[from + fits].clone()
    }
}

/// The first of `forms` that fits the column (the last if none does).
fn fitting(forms: &[String]) -> usize {
    forms.iter().position(|f| text::width(f) <= LIST_DATE_WIDTH).unwrap_or(forms.len() - 1)
}

impl DateSpec {
    /// The full form for a list: the short human form, with each end's zone named where the
    /// two ends' offsets differ (`1962-10-24 10:00 EDT – 1962-11-20 18:00 EST`).
    pub fn listed_full_in(&self, zone: &Zone) -> String {
        if self.end.is_some() && self.has_time() && offsets_differ(self, zone) {
            self.human_zoned(zone)
        } else {
            self.human_in(zone)
        }
    }

    /// The short forms, longest first, without the year (the list's year rows give it) for
    /// dates of the common era known to the day: `Oct 14`, `Oct 16 08:45`,
    /// `Oct 16 11:50–13:00`, `Oct 4 10:00 → Nov 2`, `Dec 7–8`; months, years and dates before
    /// the year 1 as in the full form. Says whether it is a long range with a time (whose
    /// forms the column keeps alike).
    fn short_forms(&self, zone: &Zone) -> (Vec<String>, bool) {
        let (a, b) = (zone.local_time(self.start_instant()), zone.local_time(self.end_instant()));
        let (first_day, last_day) =
            if self.has_time() { (a.date(), b.date()) } else { (self.first_day(), self.last_day()) };
        if first_day.year() <= 0 || self.precision() != Precision::Day {
            return (vec![self.listed_full_in(zone)], false);
        }
        let day = |d: NaiveDate| format!("{} {}", month_abbrev(d.month()), d.day());
        let clock = |t: NaiveDateTime| match t.second() {
            0 => format!("{:02}:{:02}", t.hour(), t.minute()),
            s => format!("{:02}:{:02}:{s:02}", t.hour(), t.minute()),
        };
        let (first, last) = (day(first_day), day(last_day));
        let start_time = self.start.time.map(|_| clock(a));
        let end_time = self.end.and_then(|e| e.time).map(|_| clock(b));
        let labels = offsets_differ(self, zone)
            .then(|| (zone.label_at(self.start_instant()), zone.label_at(self.end_instant())));
        let same_day = first_day == last_day;
        let (forms, long_range) = match (self.end, start_time, end_time) {
            (None, None, _) => (vec![first], false),
            (None, Some(t), _) => (vec![format!("{first} {t}")], false),
            (Some(_), None, _) if same_day => (vec![first], false),
            (Some(_), None, None) if first_day.month() == last_day.month() => {
                (vec![format!("{first}–{}", last_day.day())], false)
            }
            (Some(_), None, _) => (vec![format!("{first} → {last}")], false),
            (Some(_), Some(t1), Some(t2)) if same_day => match &labels {
                Some((l1, l2)) => {
                    (vec![format!("{first} {t1} {l1}–{t2} {l2}"), format!("{first} {t1} →")], false)
                }
                None => (vec![format!("{first} {t1}–{t2}"), format!("{first} {t1} →")], false),
            },
            (Some(_), Some(t1), _) => (
                vec![
                    format!("{first} {t1} → {last}"),
                    format!("{first} {t1}→{last}"),
                    format!("{first} → {last}"),
                ],
                true,
            ),
        };
        let (circa, uncertain) =
            (if self.approximate { "~" } else { "" }, if self.uncertain { "?" } else { "" });
        (forms.into_iter().map(|f| format!("{circa}{f}{uncertain}")).collect(), long_range)
    }
}

/// Whether a date's two ends fall at different offsets from UTC in `zone`.
fn offsets_differ(date: &DateSpec, zone: &Zone) -> bool {
    zone.label_at(date.start_instant()) != zone.label_at(date.end_instant())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ny() -> Zone {
        Zone::parse("America/New_York").unwrap()
    }

    fn date(text: &str) -> DateSpec {
        DateSpec::parse_in(text, &ny(), &ny()).unwrap()
    }

    fn short(text: &str) -> String {
        ListDates { short: true, range_form: 0, width: LIST_DATE_WIDTH }.write(&date(text), &ny())
    }

    #[test]
    fn the_short_form_drops_the_year_and_keeps_what_fits() {
        assert_eq!(short("1962-10-04T10:00..1962-11-02T18:00"), "Oct 4 10:00→Nov 2");
        assert_eq!(
            short("1962-10-24T10:00..1962-11-20T18:00"),
            "Oct 24 → Nov 20",
            "with its time, 19 columns"
        );
        assert_eq!(short("2016-12-07T09:00..17:30"), "Dec 7 09:00–17:30");
        assert_eq!(short("1969-07-19T13:21:50"), "Jul 19 13:21:50");
        assert_eq!(short("1969-07-20"), "Jul 20");
        assert_eq!(short("2016-12-07..2016-12-08"), "Dec 7–8");
        assert_eq!(short("2015-09-22..2015-10-02"), "Sep 22 → Oct 2");
        assert_eq!(short("~1962-10-24"), "~Oct 24");
        assert_eq!(short("2015-09"), "Sep 2015", "a month keeps its year");
    }

    #[test]
    fn ends_at_different_offsets_name_their_zones() {
        let over_the_change = date("1962-10-24T10:00..1962-11-20T18:00");
        assert_eq!(over_the_change.listed_full_in(&ny()), "1962-10-24 10:00 EDT – 1962-11-20 18:00 EST");
        assert_eq!(
            short("2016-11-06T00:30..2016-11-06T03:00"),
            "Nov 6 00:30 →",
            "two bare times would hide it"
        );
        assert_eq!(date("2016-12-07T09:00..17:30").listed_full_in(&ny()), "2016-12-07 09:00–17:30");
    }

    #[test]
    fn one_form_for_the_whole_column() {
        let dates = [date("1969-07-19T13:21:50"), date("1969-07-20T13:44"), date("1969-07-20")];
        let column = ListDates::of(dates.iter(), &ny());
        assert!(column.short, "the first does not fit in full, so none is written in full");
        let written: Vec<String> = dates.iter().map(|d| column.write(d, &ny())).collect();
        assert_eq!(written, ["Jul 19 13:21:50", "Jul 20 13:44", "Jul 20"]);
        let fits = [date("1969-07-20T13:44"), date("1969-07-20")];
        assert_eq!(ListDates::of(fits.iter(), &ny()), ListDates { short: false, range_form: 0, width: 16 });
        // Long ranges alike: one that fits only without its time takes the others with it.
        let ranges = [date("1962-10-04T10:00..1962-11-02T18:00"), date("1962-10-24T10:00..1962-11-20T18:00")];
        let column = ListDates::of(ranges.iter(), &ny());
        let written: Vec<String> = ranges.iter().map(|d| column.write(d, &ny())).collect();
        assert_eq!(written, ["Oct 4 → Nov 2", "Oct 24 → Nov 20"]);
    }

    proptest::proptest! {
        /// Every date the list writes fits its column, whatever the form.
        #[test]
        fn every_written_date_fits(
            year in 1i32..3000, month in 1u32..=12, day in 1u32..=28, days in 0i64..400,
            hour in 0u32..24, minute in 0u32..60, timed: bool, approx: bool,
        ) {
            let start = NaiveDate::from_ymd_opt(year, month, day).unwrap();
            let end = start + chrono::Duration::days(days);
            let text = if timed {
                format!("{}{start}T{hour:02}:{minute:02}..{end}T{:02}:{minute:02}", if approx { "~" } else { "" }, (hour + 1) % 24)
            } else {
                format!("{}{start}..{end}", if approx { "~" } else { "" })
            };
            let Ok(d) = DateSpec::parse_in(&text, &ny(), &ny()) else { return Ok(()) };
            let column = ListDates::of(std::iter::once(&d), &ny());
            let written = column.write(&d, &ny());
            proptest::prop_assert!(text::width(&written) <= LIST_DATE_WIDTH, "{}", written);
            proptest::prop_assert!(!written.contains('…'), "{} cut, not written short", written);
        }
    }
}
