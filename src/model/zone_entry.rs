//! A zone typed by a person: at the explorer's zone prompt (`T`) and after `--tz`. Both read
//! it the one way (`Zone::parse_shown`), say what is wrong in one line that quotes the text and
//! points at the first character no zone name has, and complete a name begun.

use super::zone::{Zone, ZoneError};

/// The zone `text` names, or one line saying why it names none: the text quoted (escaped), the
/// column of a character no zone can hold, and a did-you-mean where a name is near.
pub fn read_typed(text: &str) -> Result<Zone, String> {
    // `GMT+3` means three hours ahead to most people and behind to POSIX (`Etc/GMT+3` is
    // UTC-03:00): name the offset, with both readings, rather than suggest the POSIX name.
    if let Some(offset) = offset_after_utc(text) {
        let quoted = crate::text::escape(text);
        let etc = format!("Etc/GMT{}", &text.trim()[3..].trim_start().replace(' ', ""));
        let behind = if offset.starts_with('+') { "behind" } else { "ahead of" };
        return Err(format!(
            "`{quoted}`: did you mean the offset `{offset}`? (`{etc}` is hours {behind} UTC: POSIX's sign is the other way)"
        ));
    }
    Zone::parse_shown(text).map_err(|e| describe(text, &e))
}

/// `GMT+3`, `utc-5:30`, `UTC +10`: the offset it names written as one (`+03:00`), if `text` is
/// `UTC` or `GMT` followed by a sign and hours (and minutes).
fn offset_after_utc(text: &str) -> Option<String> {
    let t = text.trim();
    let head = t.get(..3)?.to_ascii_uppercase();
    if head != "UTC" && head != "GMT" {
        return None;
    }
    let rest: String = t[3..].chars().filter(|c| *c != ' ').collect();
    let sign = rest.chars().next().filter(|c| matches!(c, '+' | '-'))?;
    let (hours, minutes) = match rest[1..].split_once(':') {
        Some((h, m)) => (h, m),
        None => (&rest[1..], "0"),
    };
    let ok = |d: &str, most: u32| {
        (1..=2).contains(&d.len())
            && d.chars().all(|c| c.is_ascii_digit())
            && d.parse::<u32>().is_ok_and(|n| n <= most)
    };
    (ok(hours, 18) && ok(minutes, 59)).then(|| {
        format!("{sign}{:02}:{:02}", hours.parse::<u32>().unwrap_or(0), minutes.parse::<u32>().unwrap_or(0))
    })
}

/// The one-line message for `text` that did not read as a zone.
pub fn describe(text: &str, error: &ZoneError) -> String {
    let quoted = crate::text::escape(text);
    let odd = text.chars().enumerate().find(|(_, c)| !could_be_in_a_zone(*c));
    let located = match odd {
        Some((at, c)) => format!(
            "`{quoted}`: `{}` at column {} is in no zone name (letters, digits, `/ _ - + :`)",
            crate::text::escape(&c.to_string()),
            at + 1
        ),
        None => format!("`{quoted}`: {error}"),
    };
    match error.help() {
        Some(hint) => format!("{located}; {hint}"),
        None => located,
    }
}

/// Letters, digits and the punctuation of IANA names (`America/Port-au-Prince`,
/// `Etc/GMT+5`) and offsets (`+05:30`). Spaces are forgiven around the text and inside it,
/// where they stand for `_` (`new york` suggests `America/New_York`).
fn could_be_in_a_zone(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+' | ':' | ' ')
}

/// The zone names `text` begins, for Tab: the `offered` zones first (in their order), then
/// `UTC`, `local` and every IANA name whose whole name or one of its parts starts with `text`
/// (any case; a space stands for `_`), each once, in alphabetical order.
pub fn completions(text: &str, offered: &[Zone]) -> Vec<String> {
    let typed = text.trim().replace(' ', "_").to_lowercase();
    let begins = |name: &str| {
        let name = name.to_lowercase();
        name.starts_with(&typed) || name.split('/').any(|part| part.starts_with(&typed))
    };
    let mut out: Vec<String> = offset_after_utc(text).into_iter().collect();
    let offered_names = offered.iter().map(Zone::name);
    let others = ["UTC".to_string(), "local".to_string()].into_iter();
    let mut iana: Vec<String> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name().to_string()).collect();
    iana.sort();
    for name in offered_names.chain(others).chain(iana) {
        if begins(&name) && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_zone_reads_as_the_command_line_reads_it() {
        assert_eq!(read_typed("Europe/Moscow"), Ok(Zone::Named(chrono_tz::Europe::Moscow)));
        assert_eq!(read_typed("europe/moscow"), Ok(Zone::Named(chrono_tz::Europe::Moscow)));
        assert_eq!(read_typed(" utc "), Ok(Zone::Utc));
        assert_eq!(read_typed("+05:30"), Ok(Zone::Fixed(330)));
    }

    /// `GMT+3` is not `Etc/GMT+3` (UTC-03:00, POSIX's sign): the offset is named, both ways said,
    /// and Tab offers the offset first.
    #[test]
    fn utc_or_gmt_with_an_offset_names_the_offset() {
        let e = read_typed("GMT+3").unwrap_err();
        assert_eq!(
            e,
            "`GMT+3`: did you mean the offset `+03:00`? (`Etc/GMT+3` is hours behind UTC: POSIX's sign is the other way)"
        );
        assert!(read_typed("utc-5:30").unwrap_err().contains("did you mean the offset `-05:30`?"));
        assert!(read_typed("UTC +10").unwrap_err().contains("`+10:00`"));
        assert_eq!(
            read_typed("Etc/GMT+3"),
            Ok(Zone::Named(chrono_tz::Etc::GMTPlus3)),
            "the IANA name as it is"
        );
        assert_eq!(read_typed("UTC"), Ok(Zone::Utc));
        assert!(read_typed("GMT+99").is_err());
        assert_eq!(completions("gmt+3", &[]).first().map(String::as_str), Some("+03:00"));
        assert_eq!(read_typed(&completions("gmt+3", &[])[0]), Ok(Zone::Fixed(180)));
    }

    #[test]
    fn bad_zones_get_one_located_line() {
        let moscow = read_typed("Moscow").unwrap_err();
        assert_eq!(
            moscow,
            "`Moscow`: unknown time zone: expected an IANA name such as `America/New_York`, `UTC`, or an offset such as `+08:00`; did you mean `Europe/Moscow`?"
        );
        assert_eq!(
            read_typed("+99:00").unwrap_err(),
            "`+99:00`: offset +99:00 is out of range (-18:00..+18:00)"
        );
        assert_eq!(read_typed("").unwrap_err(), "``: the time zone is empty");
        let odd = read_typed("Europe/Mos\u{1b}[2Jcow").unwrap_err();
        assert_eq!(
            odd,
            "`Europe/Mos\\u{1b}[2Jcow`: `\\u{1b}` at column 11 is in no zone name (letters, digits, `/ _ - + :`); did you mean `Europe/Moscow`?"
        );
        assert_eq!(read_typed("Asia/Sh@nghai").unwrap_err().lines().count(), 1);
        assert!(read_typed("Asia/Sh@nghai").unwrap_err().contains("`@` at column 8"));
    }

    #[test]
    fn completion_offers_the_timelines_zones_first() {
        let offered = [Zone::Named(chrono_tz::Asia::Singapore), Zone::Utc];
        let all = completions("", &offered);
        assert_eq!(&all[..3], ["Asia/Singapore", "UTC", "local"]);
        assert_eq!(completions("mosc", &offered), ["Europe/Moscow"]);
        assert_eq!(completions("new y", &offered), ["America/New_York"]);
        assert_eq!(completions("asia/s", &offered)[0], "Asia/Singapore", "the offered zone first");
        assert!(completions("xyzzy", &offered).is_empty());
    }
}
