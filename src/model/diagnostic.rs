//! Problems found in a timeline file, reported the way a good compiler does:
//!
//! ```text
//! timeline.yaml:12:21: error: unknown agency `fbii`
//!    |
//! 12 |     agencies: [doj, fbii]
//!    |                     ^^^^
//!    = help: did you mean `fbi`?
//! ```

use crate::text;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong. Any text from the file in it is already escaped.
    pub message: String,
    /// A suggestion: "did you mean `fbi`?".
    pub help: Option<String>,
    /// 1-based line; 0 when the problem has no place in the file (it is unreadable, say).
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// How many characters from `column` the caret line underlines (at least one).
    pub span: usize,
    /// Other places the problem involves, each shown with its own source line, as compilers
    /// show "first defined here".
    pub related: Vec<Related>,
    /// More about the problem, after the help: the parser's own words, say.
    pub note: Option<String>,
}

/// A second place in the file that a problem involves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub span: usize,
}

impl Diagnostic {
    pub fn new(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            message: message.into(),
            help: None,
            line: 0,
            column: 0,
            span: 1,
            related: Vec::new(),
            note: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize, span: usize) -> Diagnostic {
        self.line = line;
        self.column = column;
        self.span = span.max(1);
        self
    }

    pub fn with_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }

    pub fn with_note(mut self, note: Option<String>) -> Diagnostic {
        self.note = note;
        self
    }

    /// Another place the problem involves ("first defined here").
    pub fn with_related(mut self, message: &str, line: usize, column: usize, span: usize) -> Diagnostic {
        self.related.push(Related { message: message.into(), line, column, span: span.max(1) });
        self
    }
}

/// Every problem of one file, with the file's text so each can show its source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    pub file: String,
    pub source: String,
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// `FILE:LINE:COL: message` of the first problem: one line, for a status banner.
    pub fn headline(&self) -> String {
        match self.items.first() {
            Some(d) => format!("{}: {}", location(&self.file, d), text::escape(&d.message)),
            None => format!("{}: no problems", text::escape(&self.file)),
        }
    }
}

fn location(file: &str, d: &Diagnostic) -> String {
    let file = text::escape(file);
    if d.line == 0 {
        file
    } else {
        format!("{file}:{}:{}", d.line, d.column)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            // Messages quote values already escaped; escaping again at the one place they are
            // printed also covers anything from the file that reached a message some other way
            // (a suggested id, say). Escaping is idempotent on escaped text.
            writeln!(f, "{}: error: {}", location(&self.file, d), text::escape(&d.message))?;
            let pad = self.quote_line(f, d.line, d.column, d.span)?;
            if let Some(help) = &d.help {
                writeln!(f, "{pad} = help: {}", text::escape(help))?;
            }
            if let Some(note) = &d.note {
                writeln!(f, "{pad} = note: {}", text::escape(note))?;
            }
            for r in &d.related {
                writeln!(
                    f,
                    "{}:{}:{}: note: {}",
                    text::escape(&self.file),
                    r.line,
                    r.column,
                    text::escape(&r.message)
                )?;
                self.quote_line(f, r.line, r.column, r.span)?;
            }
        }
        let n = self.items.len();
        write!(f, "{}: {n} error{}", text::escape(&self.file), if n == 1 { "" } else { "s" })
    }
}

impl Diagnostics {
    /// The source line under a message, with carets under the problem; returns the gutter's
    /// padding for the lines that follow.
    fn quote_line(
        &self,
        f: &mut fmt::Formatter<'_>,
        line: usize,
        column: usize,
        span: usize,
    ) -> Result<String, fmt::Error> {
        let pad = " ".repeat(line.to_string().len());
        let source_line = if line > 0 { self.source.lines().nth(line - 1) } else { None };
        if let Some(text) = source_line {
            let (shown, indent, carets) = excerpt(text.trim_end_matches('\r'), column, span);
            writeln!(f, "{pad} |")?;
            writeln!(f, "{line} | {}", shown.trim_end())?;
            writeln!(f, "{pad} | {}{}", " ".repeat(indent), "^".repeat(carets))?;
        }
        Ok(pad)
    }
}

/// Longest part of a source line shown; longer lines are cut around the problem.
const EXCERPT_CHARS: usize = 100;

/// The source line made safe to show, cut to a window around `column` when long, with the
/// caret's indent and length in display columns.
fn excerpt(line: &str, column: usize, span: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    let start_char = column.saturating_sub(1).min(chars.len());
    let (from, lead) = if chars.len() > EXCERPT_CHARS && start_char > EXCERPT_CHARS / 2 {
        (start_char - EXCERPT_CHARS / 2, "…")
    } else {
        (0, "")
    };
    let to = (from + EXCERPT_CHARS).min(chars.len());
    let tail = if to < chars.len() { "…" } else { "" };
    let before: String = chars[from..start_char].iter().collect();
    let marked: String = chars[start_char..(start_char + span).min(to)].iter().collect();
    let window: String = chars[from..to].iter().collect();
    let shown = format!("{lead}{}{tail}", text::display_safe(&window, false));
    let indent = text::width(lead) + text::width(&text::display_safe(&before, false));
    let carets = text::width(&text::display_safe(&marked, false)).max(1);
    (shown, indent, carets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_source_caret_and_help() {
        let diags = Diagnostics {
            file: "t.yaml".into(),
            source: "title: x\nevents:\n  - agencies: [doj, fbii]\n".into(),
            items: vec![Diagnostic::new("unknown agency `fbii`")
                .at(3, 22, 4)
                .with_help(Some("did you mean `fbi`?".into()))],
        };
        let shown = diags.to_string();
        assert!(shown.starts_with("t.yaml:3:22: error: unknown agency `fbii`\n"), "{shown}");
        assert!(shown.contains("3 |   - agencies: [doj, fbii]\n"), "{shown}");
        assert!(shown.contains("  |                      ^^^^\n"), "{shown}");
        assert!(shown.contains("= help: did you mean `fbi`?"), "{shown}");
        assert!(shown.ends_with("t.yaml: 1 error"));
    }

    #[test]
    fn long_lines_are_cut_around_the_problem() {
        let line = format!("x: {}", "[".repeat(5000));
        let diags = Diagnostics {
            file: "t".into(),
            source: line,
            items: vec![Diagnostic::new("deep").at(1, 3000, 1)],
        };
        let shown = diags.to_string();
        assert!(shown.lines().all(|l| l.chars().count() < 130), "{shown}");
        let source = shown.lines().nth(2).unwrap();
        let caret = shown.lines().nth(3).unwrap();
        assert!(source.starts_with("1 | …") && source.ends_with('…'));
        // "1 | " then "…" (one column) then the 50 characters before the problem.
        assert_eq!(caret.find('^').unwrap(), 4 + 1 + EXCERPT_CHARS / 2);
    }

    #[test]
    fn source_line_with_escape_is_inert() {
        let diags = Diagnostics {
            file: "t.yaml".into(),
            source: "title: \u{1b}[2J\n".into(),
            items: vec![Diagnostic::new("x").at(1, 8, 1)],
        };
        assert!(!diags.to_string().contains('\u{1b}'));
    }
}
