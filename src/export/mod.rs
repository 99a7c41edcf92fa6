//! Taking a timeline elsewhere: JSON that loads back, CSV for spreadsheets, a Markdown report,
//! iCalendar for calendars, TimelineJS and markwhen for timeline tools. Pure functions from a
//! timeline and the chosen events to text, plus an atomic file write.

mod csv_rows;
pub(crate) mod ics;
mod json;
pub(crate) mod markdown;
pub(crate) mod markwhen;
mod not_carried;
mod timelinejs;

pub use csv_rows::HEADER as CSV_HEADER;
pub use csv_rows::{formula_safe, formula_safe_undone};
pub use not_carried::not_carried;
pub use timelinejs::story_document as timelinejs_story;

use crate::model::{EventIx, Timeline};
use chrono::{DateTime, Utc};
use std::io::Write;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// The timeline document itself (loads back unchanged)
    Json,
    /// One row per event, RFC 4180
    Csv,
    /// A readable report, events grouped by year
    Markdown,
    /// iCalendar (RFC 5545), one VEVENT per event: timed where the event has a time, else all-day
    Ics,
    /// TimelineJS3 JSON
    Timelinejs,
    /// A markwhen (.mw) document
    Markwhen,
}

impl Format {
    /// Every format, in the order `--format` lists them and the `e` menu shows them: clap's
    /// list from the derive, so a new variant is in both without being listed again.
    pub fn all() -> &'static [Format] {
        <Format as clap::ValueEnum>::value_variants()
    }

    /// The format's name, as `--format` takes it (a test checks it is clap's).
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Ics => "ics",
            Format::Timelinejs => "timelinejs",
            Format::Markwhen => "markwhen",
        }
    }

    /// The usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Ics => "ics",
            Format::Timelinejs => "timelinejs.json",
            Format::Markwhen => "mw",
        }
    }
}

/// What an export needs besides the events.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// When the export is made (iCalendar's DTSTAMP).
    pub generated: DateTime<Utc>,
}

impl Default for Options {
    fn default() -> Self {
        Options { generated: Utc::now() }
    }
}

/// The chosen events of a timeline in a format.
pub fn export(timeline: &Timeline, events: &[EventIx], format: Format, options: &Options) -> String {
    match format {
        Format::Json => json::document(timeline, events),
        Format::Csv => csv_rows::table(timeline, events),
        Format::Markdown => markdown::report(timeline, events),
        Format::Ics => ics::calendar(timeline, events, options),
        Format::Timelinejs => timelinejs::document(timeline, events),
        Format::Markwhen => markwhen::document(timeline, events),
    }
}

/// How many events an export holds: all of them, except in iCalendar, which cannot hold years
/// outside 0000–9999.
pub fn count_written(text: &str, format: Format, events: usize) -> usize {
    match format {
        Format::Ics => text.matches("BEGIN:VEVENT").count(),
        _ => events,
    }
}

/// The country an event is grouped under: where it took place, else the first it lists, else
/// the first it involves.
pub(crate) fn group_country(t: &crate::model::Timeline, e: &crate::model::Event) -> Option<usize> {
    e.location
        .as_ref()
        .and_then(|l| l.country)
        .or_else(|| e.countries.first().copied())
        .or_else(|| t.involved_countries(e).first().copied())
}

/// Writes a file so that it is either complete or not there: into a temporary file beside it,
/// flushed to disk, then renamed over the target. On failure the temporary file is removed.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_dir() {
            return Err(std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a directory"));
        }
        if !meta.is_file() {
            // A device or a pipe (`-o /dev/stdout`, `/dev/full`): write to it; never replace it.
            let mut target = std::fs::OpenOptions::new().write(true).open(path)?;
            target.write_all(contents)?;
            return target.flush();
        }
    }
    // A regular file (or none yet): replaced whole, as the notes sidecar is.
    crate::model::notes::write_atomically(path, contents)
}

/// A file name for an export of this timeline: its title, simplified, and the extension.
/// `China–U.S. High-Level Joint Dialogue…` gives `china-u-s-high-level-joint-dialogue-on.ics`.
pub fn default_file_name(timeline: &Timeline, format: Format) -> String {
    let mut slug = String::new();
    for c in timeline.title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    // Long titles are cut at a word boundary.
    if slug.len() > 40 {
        let cut = slug[..40].rfind('-').unwrap_or(40);
        slug.truncate(cut);
    }
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { "timeline" } else { slug };
    format!("{slug}.{}", format.extension())
}

/// A character iCalendar TEXT cannot hold (RFC 5545 3.3.11): a control U+0000–U+001F or U+007F
/// but a tab and a line break (written `\n`). Here, not in `ics.rs`, as `not_carried` asks too.
pub(crate) fn ics_cannot_hold(c: char) -> bool {
    c.is_ascii_control() && !matches!(c, '\t' | '\n')
}

/// A source URL as other tools can take it: an `http` or `https` URI with a host, its non-ASCII
/// characters percent-encoded as UTF-8 (RFC 3987's mapping of an IRI to a URI), or `None` when
/// it is anything else — another scheme (`javascript:`), a space, a character a URI may not hold
/// (`<`, `"`, `{`), a broken `%` escape or a control character.
pub fn http_uri(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..host_end];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // `[v6]:port`, `name:port` or `name`; a port is digits.
    let (host, port) = match host_port.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((h, rest)) => (h, rest.strip_prefix(':').or(if rest.is_empty() { None } else { Some("x") })),
            None => return None,
        },
        None => match host_port.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        },
    };
    if host.is_empty()
        || host.starts_with(['.', '-'])
        || port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut out = String::with_capacity(url.len() + 8);
    out.push_str(&scheme.to_ascii_lowercase());
    out.push_str("://");
    let bytes = rest.as_bytes();
    let mut i = 0;
    for c in rest.chars() {
        let at = i;
        i += c.len_utf8();
        if !c.is_ascii() {
            if crate::text::is_unsafe(c) || c.is_whitespace() || at < host_end {
                return None;
            }
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
            continue;
        }
        let allowed = c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=".contains(c);
        if c == '%' {
            let hex = |k: usize| bytes.get(at + k).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(1) && hex(2)) {
                return None;
            }
        } else if !allowed {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_listed_once_under_clap_s_name() {
        use clap::ValueEnum;
        let names: Vec<String> =
            Format::all().iter().map(|f| f.to_possible_value().unwrap().get_name().to_string()).collect();
        let ours: Vec<&str> = Format::all().iter().map(|f| f.name()).collect();
        assert_eq!(names, ours);
        assert_eq!(ours, ["json", "csv", "markdown", "ics", "timelinejs", "markwhen"]);
    }

    #[test]
    fn only_http_uris_pass_and_iris_are_encoded() {
        assert_eq!(
            http_uri("https://en.wikipedia.org/wiki/Sputnik_1").as_deref(),
            Some("https://en.wikipedia.org/wiki/Sputnik_1")
        );
        assert_eq!(
            http_uri("HTTP://example.com:8080/a?b=c#d").as_deref(),
            Some("http://example.com:8080/a?b=c#d")
        );
        assert_eq!(
            http_uri("https://zh.wikipedia.org/wiki/北京").as_deref(),
            Some("https://zh.wikipedia.org/wiki/%E5%8C%97%E4%BA%AC")
        );
        for bad in [
            "javascript:alert(1)",
            "ftp://example.com/",
            "https://",
            "https:///path",
            "http://exa mple.com/",
            "https://example.com/a b",
            "https://example.com/<script>",
            "https://example.com/%zz",
            "https://example.com/\u{1b}[0m",
            "https://example.com:port/",
            "mailto:someone@example.com",
        ] {
            assert_eq!(http_uri(bad), None, "{bad:?}");
        }
    }
}
