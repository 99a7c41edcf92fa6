//! A zone typed by a person: at the explorer's zone prompt (`T`) and after `--tz`. Both read
//! it the one way (`Zone::parse_shown`), say what is wrong in one line that quotes the text and
//! points at the first character no zone name has, and complete a name begun.

use super::zone::{Zone, ZoneError};

/// The zone `text` names, or one line saying why it names none: the text quoted (escaped), the
/// column of a character no zone can hold, and a did-you-mean where a name is near.
pub fn read_typed(text: &str) -> Result<Zone, String> {
    Zone::parse_shown(text).map_err(|e| describe(text, &e))
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
    let mut out: Vec<String> = Vec::new();
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
