//! Time zones: how a time written without an offset is read, and in which zone times are shown.
//!
//! A zone is UTC, a fixed offset (`+08:00`), an IANA name (`America/New_York`, through
//! chrono-tz, so daylight saving is right for any date it has rules for), or — for showing
//! only, never in a file — the machine's local zone.

use super::suggest::did_you_mean;
use chrono::{NaiveDateTime, Offset, TimeZone};
use std::fmt;

/// Offsets beyond ±18:00 are not offsets anyone uses (the widest in use is +14:00); the bound
/// is java.time's, so `+25:00` is an error and not a day and an hour.
pub const MAX_OFFSET_MINUTES: i32 = 18 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum Zone {
    #[default]
    Utc,
    /// Minutes east of UTC.
    Fixed(i32),
    Named(#[serde(with = "super::cache::tz_name")] chrono_tz::Tz),
    /// The zone of the machine the explorer runs on (`--tz local`): shown, never read from a file.
    Local,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZoneError {
    Empty,
    /// An offset outside ±18:00, as written.
    OffsetOutOfRange(String),
    /// Not an offset and not a zone name; the nearest name, if one is near.
    Unknown {
        suggestion: Option<String>,
    },
    /// `local` asked for, but what names this machine's zone (`TZ`, `/etc/localtime`) is not a
    /// small regular file: why.
    LocalUnreadable(String),
}

impl fmt::Display for ZoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZoneError::Empty => f.write_str("the time zone is empty"),
            ZoneError::OffsetOutOfRange(text) => {
                write!(f, "offset {} is out of range (-18:00..+18:00)", crate::text::escape(text))
            }
            ZoneError::LocalUnreadable(why) => write!(f, "this machine's time zone cannot be read: {why}"),
            ZoneError::Unknown { .. } => f.write_str(
                "unknown time zone: expected an IANA name such as `America/New_York`, `UTC`, or an offset such as `+08:00`",
            ),
        }
    }
}

impl ZoneError {
    /// "did you mean `Asia/Shanghai`?", where a zone name is near.
    pub fn help(&self) -> Option<String> {
        match self {
            ZoneError::Unknown { suggestion: Some(name) } => Some(format!("did you mean `{name}`?")),
            _ => None,
        }
    }
}

impl Zone {
    /// A zone as a timeline file writes it: `UTC`, `Z`, `+08:00`, `-05:00`, or an IANA name
    /// (any case: `asia/shanghai` is `Asia/Shanghai`).
    pub fn parse(text: &str) -> Result<Zone, ZoneError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ZoneError::Empty);
        }
        if text == "UTC" || text == "utc" || text == "Z" {
            return Ok(Zone::Utc);
        }
        if text.starts_with(['+', '-']) {
            return match parse_offset_minutes(text) {
                Some(m) if m.abs() <= MAX_OFFSET_MINUTES => {
                    Ok(if m == 0 { Zone::Utc } else { Zone::Fixed(m) })
                }
                Some(_) => Err(ZoneError::OffsetOutOfRange(text.to_string())),
                None => Err(ZoneError::Unknown { suggestion: None }),
            };
        }
        if let Some(tz) = chrono_tz::TZ_VARIANTS.iter().find(|tz| tz.name() == text) {
            return Ok(Zone::Named(*tz));
        }
        // Names are exact, as the schema and every other tool reads them; a name in another
        // case is offered as written.
        Err(ZoneError::Unknown { suggestion: suggest_name(text).map(str::to_string) })
    }

    /// A zone for showing times: everything `parse` takes, and `local`.
    pub fn parse_shown(text: &str) -> Result<Zone, ZoneError> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("local") {
            return match local_zone_problem() {
                None => Ok(Zone::Local),
                Some(why) => Err(ZoneError::LocalUnreadable(why)),
            };
        }
        if text.eq_ignore_ascii_case("utc") {
            return Ok(Zone::Utc);
        }
        // On the command line, case is forgiven: `--tz asia/shanghai`.
        match chrono_tz::TZ_VARIANTS.iter().find(|tz| tz.name().eq_ignore_ascii_case(text)) {
            Some(tz) => Ok(Zone::Named(*tz)),
            None => Zone::parse(text),
        }
    }

    /// The machine's zone if it can be read safely (see `local_zone_problem`).
    pub fn local() -> Option<Zone> {
        local_zone_problem().is_none().then_some(Zone::Local)
    }

    /// The name as a file or `--tz` writes it: `UTC`, `+08:00`, `America/New_York`, `local`.
    pub fn name(&self) -> String {
        match self {
            Zone::Utc => "UTC".into(),
            Zone::Fixed(m) => format_offset(*m * 60),
            Zone::Named(tz) => tz.name().into(),
            Zone::Local => "local".into(),
        }
    }

    /// Seconds east of UTC at an instant (Unix seconds).
    pub fn offset_at(&self, instant: i64) -> i32 {
        let Some(utc) = chrono::DateTime::from_timestamp(instant, 0) else { return 0 };
        let utc = utc.naive_utc();
        match self {
            Zone::Utc => 0,
            Zone::Fixed(m) => m * 60,
            Zone::Named(tz) => tz.offset_from_utc_datetime(&utc).fix().local_minus_utc(),
            Zone::Local => chrono::Local.offset_from_utc_datetime(&utc).local_minus_utc(),
        }
    }

    /// The wall-clock time an instant shows in this zone.
    pub fn local_time(&self, instant: i64) -> NaiveDateTime {
        let offset = i64::from(self.offset_at(instant));
        chrono::DateTime::from_timestamp(instant + offset, 0).map(|d| d.naive_utc()).unwrap_or_default()
    }

    /// The instant a wall-clock time is in this zone. Where clocks go back and a time happens
    /// twice, the first; where they go forward and it never happens, `None` — never a guess.
    pub fn instant_of(&self, local: NaiveDateTime) -> Option<i64> {
        match self {
            Zone::Utc => Some(local.and_utc().timestamp()),
            Zone::Fixed(m) => Some(local.and_utc().timestamp() - i64::from(*m) * 60),
            Zone::Named(tz) => tz.from_local_datetime(&local).earliest().map(|d| d.timestamp()),
            Zone::Local => chrono::Local.from_local_datetime(&local).earliest().map(|d| d.timestamp()),
        }
    }

    /// The instant a day begins here (midnight, or the first moment after a skipped midnight).
    pub fn start_of_day(&self, day: chrono::NaiveDate) -> i64 {
        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        // Where midnight is skipped (a few zones change clocks at 00:00), the day starts an
        // hour later at most.
        (0..=4)
            .find_map(|quarter| self.instant_of(midnight + chrono::Duration::minutes(quarter * 15)))
            .unwrap_or_else(|| midnight.and_utc().timestamp())
    }

    /// The zone's abbreviation at an instant where it has a well-known one (`EST`, `CST`), or
    /// the offset (`+08`, `UTC`).
    pub fn label_at(&self, instant: i64) -> String {
        match self {
            Zone::Utc => "UTC".into(),
            Zone::Named(tz) => {
                use chrono_tz::OffsetName;
                let utc = chrono::DateTime::from_timestamp(instant, 0).unwrap_or_default().naive_utc();
                let abbreviation = tz.offset_from_utc_datetime(&utc).abbreviation().map(str::to_string);
                match abbreviation {
                    Some(a) if a.starts_with(|c: char| c.is_ascii_alphabetic()) => a,
                    _ => format!("UTC{}", format_offset(self.offset_at(instant))),
                }
            }
            _ => format!("UTC{}", format_offset(self.offset_at(instant))),
        }
    }
}

/// The zone name nearest to `text`: the same name in another case; else a name whose last
/// part is `text` (`Moscow` → `Europe/Moscow`, `new york` → `America/New_York`); else the
/// nearest whole name, or the nearest last part (`Moskow` → `Europe/Moscow`).
pub fn suggest_name(text: &str) -> Option<&'static str> {
    let names = || chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
    let last = |name: &'static str| name.rsplit('/').next().unwrap_or(name);
    let spaced = text.trim().replace(' ', "_");
    if let Some(name) = names().find(|n| n.eq_ignore_ascii_case(&spaced)) {
        return Some(name);
    }
    if let Some(name) = names().find(|n| last(n).eq_ignore_ascii_case(&spaced)) {
        return Some(name);
    }
    did_you_mean(&spaced, names()).or_else(|| {
        let near = did_you_mean(&spaced, names().map(last))?;
        names().find(|n| last(n) == near)
    })
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// `+08:00`, `-05:00`, `+05:30` (and `+0800`, `+08`) as minutes east; `None` if not that shape.
/// The range is the caller's to check, so `+25:00` can be named as out of range.
pub fn parse_offset_minutes(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) if digits(h) && digits(m) => (h, m),
        None if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) => rest.split_at(2),
        None if digits(rest) => (rest, "00"),
        _ => return None,
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if m > 59 {
        // `+08:75` is an offset no zone has: out of range, like `+25:00`.
        return Some(sign * (MAX_OFFSET_MINUTES + 1));
    }
    Some(sign * (h * 60 + m))
}

/// Seconds east as `+08:00`, `-05:00`, `+00:00`.
pub fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Zone files are small (the largest in the tz database is under 4 KiB).
const MAX_ZONE_FILE_BYTES: u64 = 1024 * 1024;

/// Where chrono looks for a zone name given in `TZ`.
const ZONE_INFO_DIRS: [&str; 4] =
    ["/usr/share/zoneinfo", "/share/zoneinfo", "/etc/zoneinfo", "/usr/share/lib/zoneinfo"];

/// Why the machine's zone cannot be used, if it cannot. chrono reads the file that `TZ` names
/// (a path, or a name under the zoneinfo directories), else `/etc/localtime`, whole and without
/// a limit: `TZ=/dev/zero` would read for ever. So the file it would read must be a regular
/// file of a sane size; a `TZ` that names no file is a rule (`EST5EDT`) or unknown, which
/// chrono reads without touching a file.
pub fn local_zone_problem() -> Option<String> {
    local_zone_problem_for(std::env::var_os("TZ").as_deref())
}

fn local_zone_problem_for(tz: Option<&std::ffi::OsStr>) -> Option<String> {
    let candidates: Vec<std::path::PathBuf> = match tz {
        None => vec!["/etc/localtime".into()],
        Some(value) => {
            let value = value.to_string_lossy();
            let value = value.strip_prefix(':').unwrap_or(&value);
            if value.is_empty() {
                return None;
            }
            if value.starts_with('/') {
                vec![value.into()]
            } else {
                ZONE_INFO_DIRS.iter().map(|d| std::path::Path::new(d).join(value)).collect()
            }
        }
    };
    let mut found = false;
    for path in &candidates {
        let Ok(meta) = std::fs::metadata(path) else { continue };
        found = true;
        let shown = crate::text::escape(&path.display().to_string());
        if !meta.is_file() {
            return Some(format!("`{shown}` (from TZ or /etc/localtime) is not a regular file"));
        }
        if meta.len() > MAX_ZONE_FILE_BYTES {
            return Some(format!("`{shown}` is {} MiB, too large for a zone file", meta.len() >> 20));
        }
    }
    // A `TZ` that names no file and is no POSIX rule (`EST5EDT`, `<+03>-3`) is a zone name
    // chrono does not know: it would show UTC without a word.
    let value = tz.map(|v| v.to_string_lossy().into_owned()).unwrap_or_default();
    let value = value.strip_prefix(':').unwrap_or(&value);
    if found || tz.is_none() || is_posix_rule(value) || matches!(value, "UTC" | "GMT" | "Z") {
        return None;
    }
    if let Some(tz) = chrono_tz::TZ_VARIANTS.iter().find(|z| z.name().eq_ignore_ascii_case(value)) {
        return Some(format!(
            "TZ is `{}`: zone names are written `{}`",
            crate::text::escape(value),
            tz.name()
        ));
    }
    let hint = did_you_mean(value, chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()))
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    Some(format!("TZ is `{}`, which names no time zone here{hint}", crate::text::escape(value)))
}

/// A POSIX TZ rule: a name of three or more letters (or `<…>`) and then an offset.
fn is_posix_rule(value: &str) -> bool {
    let rest = if let Some(quoted) = value.strip_prefix('<') {
        match quoted.split_once('>') {
            Some((_, rest)) => rest,
            None => return false,
        }
    } else {
        let letters = value.chars().take_while(char::is_ascii_alphabetic).count();
        if letters < 3 {
            return false;
        }
        &value[letters..]
    };
    rest.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn names_offsets_and_utc_parse() {
        assert_eq!(Zone::parse("UTC"), Ok(Zone::Utc));
        assert_eq!(Zone::parse("Z"), Ok(Zone::Utc));
        assert_eq!(Zone::parse("+08:00"), Ok(Zone::Fixed(480)));
        assert_eq!(Zone::parse("-05:30"), Ok(Zone::Fixed(-330)));
        assert_eq!(Zone::parse("Asia/Shanghai"), Ok(Zone::Named(chrono_tz::Asia::Shanghai)));
        let other_case = Zone::parse("asia/shanghai").unwrap_err();
        assert_eq!(other_case.help().as_deref(), Some("did you mean `Asia/Shanghai`?"));
        assert_eq!(Zone::parse("America/New_York").unwrap().name(), "America/New_York");
        assert_eq!(Zone::parse_shown("local"), Ok(Zone::Local));
        assert!(
            Zone::parse("local").is_err(),
            "a file cannot say local: it would read differently elsewhere"
        );
    }

    #[test]
    fn a_city_alone_suggests_its_zone() {
        let help = |text: &str| Zone::parse_shown(text).unwrap_err().help();
        assert_eq!(help("Moscow").as_deref(), Some("did you mean `Europe/Moscow`?"));
        assert_eq!(help("moscow").as_deref(), Some("did you mean `Europe/Moscow`?"));
        assert_eq!(help("new york").as_deref(), Some("did you mean `America/New_York`?"));
        assert_eq!(help("Moskow").as_deref(), Some("did you mean `Europe/Moscow`?"));
        assert_eq!(help("Xyzzyplugh"), None);
    }

    #[test]
    fn bad_zones_say_what_is_wrong() {
        let e = Zone::parse("Asia/Shangai").unwrap_err();
        assert_eq!(e.help().as_deref(), Some("did you mean `Asia/Shanghai`?"));
        assert_eq!(Zone::parse("+25:00"), Err(ZoneError::OffsetOutOfRange("+25:00".into())));
        assert_eq!(Zone::parse("+08:75"), Err(ZoneError::OffsetOutOfRange("+08:75".into())));
        assert!(matches!(Zone::parse("+8"), Err(ZoneError::Unknown { .. })));
        assert_eq!(Zone::parse(" "), Err(ZoneError::Empty));
    }

    #[test]
    fn daylight_saving_is_applied_and_gaps_are_refused() {
        let ny = Zone::parse("America/New_York").unwrap();
        let at = |y, m, d, h, min| NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap();
        // Winter: UTC-5; summer: UTC-4.
        assert_eq!(ny.instant_of(at(2016, 12, 7, 9, 0)), Some(at(2016, 12, 7, 14, 0).and_utc().timestamp()));
        assert_eq!(ny.instant_of(at(2016, 7, 7, 9, 0)), Some(at(2016, 7, 7, 13, 0).and_utc().timestamp()));
        // 02:30 on 2016-03-13 never happened in New York.
        assert_eq!(ny.instant_of(at(2016, 3, 13, 2, 30)), None);
        // 01:30 on 2016-11-06 happened twice: the first is taken.
        assert_eq!(ny.instant_of(at(2016, 11, 6, 1, 30)), Some(at(2016, 11, 6, 5, 30).and_utc().timestamp()));
        assert_eq!(ny.label_at(at(2016, 12, 7, 14, 0).and_utc().timestamp()), "EST");
        let instant = at(2016, 12, 7, 14, 0).and_utc().timestamp();
        assert_eq!(ny.local_time(instant), at(2016, 12, 7, 9, 0));
        assert_eq!(Zone::Fixed(480).local_time(instant), at(2016, 12, 7, 22, 0));
    }

    proptest::proptest! {
        /// Any text is a zone or an error, never a panic; a zone's name reads back as itself.
        #[test]
        fn any_text_is_a_zone_or_an_error(text in "\\PC{0,40}", offset in -1080i32..=1080) {
            if let Ok(zone) = Zone::parse(&text) {
                proptest::prop_assert_eq!(Zone::parse(&zone.name()), Ok(zone));
            }
            let _ = Zone::parse_shown(&text);
            let fixed = Zone::parse(&format_offset(offset * 60)).unwrap();
            proptest::prop_assert_eq!(fixed.offset_at(0), offset * 60);
        }
    }

    #[test]
    fn every_zone_name_reads_back() {
        for tz in chrono_tz::TZ_VARIANTS.into_iter().filter(|tz| tz.name() != "UTC") {
            assert_eq!(Zone::parse(tz.name()), Ok(Zone::Named(tz)));
        }
        assert_eq!(Zone::parse("UTC"), Ok(Zone::Utc), "UTC is the one zone without rules");
    }

    #[test]
    fn offsets_print_as_they_parse() {
        for m in [-720, -330, 0, 345, 480, 840] {
            let text = format_offset(m * 60);
            assert_eq!(parse_offset_minutes(&text), Some(m), "{text}");
        }
    }

    #[test]
    fn a_local_zone_that_would_read_without_end_is_refused() {
        use std::ffi::OsStr;
        let refused = local_zone_problem_for(Some(OsStr::new("/dev/zero"))).expect("a device");
        assert!(refused.contains("/dev/zero") && refused.contains("not a regular file"), "{refused}");
        assert!(local_zone_problem_for(Some(OsStr::new(":/dev/zero"))).is_some(), "the `:` form too");
        assert!(
            local_zone_problem_for(Some(OsStr::new("../../../dev/zero"))).is_some(),
            "relative to zoneinfo"
        );
        assert!(local_zone_problem_for(Some(OsStr::new("/tmp"))).is_some(), "a directory");
        assert_eq!(local_zone_problem_for(Some(OsStr::new("EST5EDT4,M3.2.0,M11.1.0"))), None, "a rule");
        assert_eq!(local_zone_problem_for(Some(OsStr::new(""))), None);
        assert_eq!(local_zone_problem_for(Some(OsStr::new("<+03>-3"))), None, "a rule");
        assert_eq!(local_zone_problem_for(Some(OsStr::new("UTC"))), None);
        let typo =
            local_zone_problem_for(Some(OsStr::new("Asia/Shangai"))).expect("a zone chrono does not know");
        assert!(typo.contains("did you mean `Asia/Shanghai`?"), "{typo}");
        let escaped = local_zone_problem_for(Some(OsStr::new("x\u{1b}[31m/y"))).expect("unknown");
        assert!(escaped.contains("\\u{1b}"), "{escaped}");
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("zone");
        std::fs::write(&small, b"TZif").unwrap();
        assert_eq!(local_zone_problem_for(Some(small.as_os_str())), None, "a small regular file is read");
    }
}
