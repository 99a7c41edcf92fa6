//! Untrusted text from timeline files on its way to a screen or a stream.
//!
//! Every path from data to the terminal or stdout goes through [`display_safe`] (for showing) or
//! [`escape`] (for quoting a value in a message), so a control character, a terminal escape or a
//! bidi override in a file can never drive the terminal or reorder what the reader sees.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Characters that reorder text (bidi embeddings, overrides, isolates and marks).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that must never reach a terminal raw: controls (C0, DEL, C1) and bidi controls.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Text made inert for display: tabs become spaces, newlines are kept only when `keep_newlines`,
/// other control characters become their visible Control Pictures (ESC shows as `␛`), and
/// bidi controls become `�`. Returns the input untouched (no allocation) when it is already safe.
pub fn display_safe(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("    "),
            '\n' if keep_newlines => out.push('\n'),
            '\r' if keep_newlines => {}
            c if is_bidi_control(c) => out.push('\u{FFFD}'),
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
            '\u{7f}' => out.push('\u{2421}'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// One line of display-safe text (newlines shown as `␊`), for table cells and titles.
pub fn one_line(text: &str) -> Cow<'_, str> {
    display_safe(text, false)
}

/// A value quoted in a message: control and bidi characters become Rust-style escapes (`\u{1b}`),
/// so the reader sees exactly which invisible character is in the file.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A message for stderr made safe: its lines kept, every other control or bidi character in
/// them written as an escape (`\r`, `\u{1b}`), as `escape` quotes a value. Applied to every
/// message on its way out, whatever built it, so a value quoted raw by mistake (or by a library
/// such as clap) is shown, never obeyed.
pub fn message_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split('\n').map(escape).collect::<Vec<_>>().join("\n"))
}

/// Display width in terminal columns.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts `text` to at most `max` columns, by whole graphemes, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// Pads with spaces on the right to exactly `columns` (truncating first when longer).
pub fn pad(text: &str, columns: usize) -> String {
    let cut = truncate(text, columns);
    let mut out = cut.into_owned();
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(w)));
    out
}

/// Joins lines that were broken only to keep the source file narrow: YAML block text (`|`) keeps
/// the author's line breaks, and almost none of them are meant for the reader. Only a blank line
/// starts a new paragraph (one blank line is kept between paragraphs), and an explicit literal
/// block — lines indented deeper than the text around them, as in Markdown — keeps its lines as
/// written. How a line happens to end (`.`, `:`, `;`) never matters.
pub fn reflow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // What was last written: nothing, prose that a next prose line continues, or a break.
    let mut open_prose = false;
    let mut pending_blank = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            pending_blank = !out.is_empty();
            open_prose = false;
            continue;
        }
        let literal = line.starts_with([' ', '\t']);
        if pending_blank {
            out.push_str("\n\n");
            pending_blank = false;
        } else if open_prose && !literal {
            out.push(' ');
        } else if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(if literal { line } else { line.trim_start() });
        open_prose = !literal;
    }
    out
}

/// Word-wraps to `columns` display columns, breaking at spaces; a word wider than the line (a
/// URL, a run of CJK text) is broken by grapheme. Newlines in the input start new lines; no line
/// is ever wider than `columns`.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    wrap_keeping(text, columns, |_| false)
}

/// `wrap`, except that a word `keep_whole` picks (a URL) is never broken: one wider than the line
/// gets a line of its own, cut with `…` (whoever shows it keeps the whole word elsewhere).
pub fn wrap_keeping(text: &str, columns: usize, keep_whole: impl Fn(&str) -> bool) -> Vec<String> {
    let columns = columns.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0;
        for word in paragraph.split(' ') {
            let w = width(word);
            let space = usize::from(!line.is_empty());
            if line_width + space + w <= columns {
                if space == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_width += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            if w <= columns {
                line.push_str(word);
                line_width = w;
                continue;
            }
            if keep_whole(word) {
                line.push_str(&truncate(word, columns));
                line_width = columns;
                continue;
            }
            for g in word.graphemes(true) {
                let gw = width(g);
                if line_width + gw > columns && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                line.push_str(g);
                line_width += gw;
            }
        }
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible() {
        assert_eq!(display_safe("a\u{1b}[31mb", false), "a␛[31mb");
        assert_eq!(display_safe("x\ty", false), "x    y");
        assert_eq!(display_safe("l1\nl2", true), "l1\nl2");
        assert_eq!(display_safe("l1\nl2", false), "l1␊l2");
        assert_eq!(display_safe("\u{202E}evil", false), "\u{FFFD}evil");
        assert_eq!(display_safe("\u{9b}", false), "\u{FFFD}");
        assert_eq!(display_safe("\u{7f}", false), "\u{2421}");
        assert!(matches!(display_safe("plain 郭声琨", false), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_quotes_invisible_characters() {
        assert_eq!(escape("a\u{1b}b"), "a\\u{1b}b");
        assert_eq!(escape("\u{2066}x"), "\\u{2066}x");
        assert_eq!(escape("tab\there"), "tab\\there");
    }

    #[test]
    fn truncation_respects_width_and_graphemes() {
        assert_eq!(truncate("郭声琨郭声琨", 5), "郭声…");
        assert_eq!(width(&truncate("郭声琨郭声琨", 5)), 5);
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(width(&pad("郭声琨", 5)), 5);
    }

    #[test]
    fn reflow_joins_soft_breaks_only() {
        // A line that happens to end in `.`, `:` or `;` is still joined to the next.
        assert_eq!(reflow("one two\nthree.\nFour\n\nFive"), "one two three. Four\n\nFive");
        assert_eq!(reflow("a:\nb"), "a: b");
        assert_eq!(
            reflow("faced confrontation in cyberspace;\nrespect each other"),
            "faced confrontation in cyberspace; respect each other"
        );
        assert_eq!(reflow("single"), "single");
        // Several blank lines are one paragraph break; none at the ends.
        assert_eq!(reflow("\n\na\n\n\n\nb\n\n"), "a\n\nb");
        // An indented block keeps its lines and their indentation.
        assert_eq!(
            reflow("Steps:\n  1. open\n  2. close\nThen more\ntext"),
            "Steps:\n  1. open\n  2. close\nThen more text"
        );
    }

    proptest::proptest! {
        /// Reflowing twice changes nothing, no line ends in spaces, and every word survives.
        #[test]
        fn reflow_is_idempotent_and_keeps_every_word(text in "([a-z.;:]{1,6}[ \n]{1,3}){0,12}") {
            let once = reflow(&text);
            proptest::prop_assert_eq!(reflow(&once), once.clone());
            proptest::prop_assert!(once.lines().all(|l| l == l.trim_end()));
            let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
            proptest::prop_assert_eq!(words(&once), words(&text));
        }
    }

    #[test]
    fn wrap_never_exceeds_width() {
        let text =
            "The third round of the dialogue met in Washington; 郭声琨 co-chaired. supercalifragilistic";
        for columns in 2..40 {
            for line in wrap(text, columns) {
                assert!(width(&line) <= columns, "{line:?} wider than {columns}");
            }
        }
        assert_eq!(wrap("a b\nc", 10), vec!["a b", "c"]);
        assert_eq!(wrap("Pittsburgh (United States)", 14), vec!["Pittsburgh", "(United", "States)"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn a_word_kept_whole_gets_its_own_line_and_is_cut_only_when_wider() {
        let url = |w: &str| w.starts_with("http");
        assert_eq!(wrap_keeping("see http://a.b/cd now", 12, url), vec!["see", "http://a.b/…", "now"]);
        assert_eq!(wrap_keeping("see http://a.b now", 12, url), vec!["see", "http://a.b", "now"]);
        assert_eq!(wrap_keeping("http://a.b/cdefgh", 8, url), vec!["http://…"]);
        assert_eq!(wrap_keeping("abcdefgh", 3, url), vec!["abc", "def", "gh"], "other words break");
    }
}
