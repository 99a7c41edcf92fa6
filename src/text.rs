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

/// Joins lines that were broken only to keep the source file narrow. A line break stays where the
/// line ends a sentence or a clause (`.`, `:`, `!`, `?`) or before a blank line; YAML block text
/// (`|`) keeps the author's line breaks, and most of them are not meant for the reader.
pub fn reflow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let line = line.trim_end();
        out.push_str(line);
        let next_blank = lines.peek().is_none_or(|n| n.trim().is_empty());
        let hard = line.is_empty() || next_blank || line.ends_with(['.', ':', '!', '?', ';']);
        if lines.peek().is_some() {
            out.push(if hard { '\n' } else { ' ' });
        }
    }
    out
}

/// Word-wraps to `columns` display columns, breaking at spaces; a word wider than the line (a
/// URL, a run of CJK text) is broken by grapheme. Newlines in the input start new lines; no line
/// is ever wider than `columns`.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
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
        assert_eq!(reflow("one two\nthree.\nFour\n\nFive"), "one two three.\nFour\n\nFive");
        assert_eq!(reflow("a:\nb"), "a:\nb");
        assert_eq!(reflow("single"), "single");
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
}
