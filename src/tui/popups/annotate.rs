//! `A`: write or edit your annotation of the selected event, in a small multi-line editor.
//! Ctrl-S saves, Esc cancels; without the chord, Tab reaches the Save and Cancel buttons and
//! Enter presses one. Saving an empty text removes the annotation.

use super::{framed, unused, Outcome, Popup};
use crate::explorer::Explorer;
use crate::keys::action::{Action, Edit};
use crate::keys::keymap::Mode;
use crate::model::notes::key_of;
use crate::text::{self, one_line};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// An annotation is notes on an event, not a book: longer text is refused as typed.
pub const MAX_CHARS: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorFocus {
    Text,
    Save,
    Cancel,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotationEditor {
    /// The event's key in the notes, and its title (for the editor's first line).
    pub key: String,
    pub title: String,
    pub lines: Vec<Vec<char>>,
    /// The cursor: a line, and a character in it (at most its length).
    pub row: usize,
    pub column: usize,
    pub focus: EditorFocus,
    /// Why the notes file could not be read, to say that saving keeps it as `.bak`.
    pub problem: Option<String>,
}

impl AnnotationEditor {
    pub fn new(explorer: &Explorer) -> Result<AnnotationEditor, String> {
        let event = explorer.selected_event().ok_or("no event is selected")?;
        let key = key_of(&explorer.timeline, event);
        let existing = explorer.sidecar.notes.annotation(&key).unwrap_or("");
        let lines: Vec<Vec<char>> = existing.split('\n').map(|l| l.chars().collect()).collect();
        let row = lines.len() - 1;
        let column = lines[row].len();
        Ok(AnnotationEditor {
            key,
            title: explorer.timeline.events[event].title.clone(),
            lines,
            row,
            column,
            focus: EditorFocus::Text,
            problem: explorer.sidecar.problem.clone(),
        })
    }

    pub fn text(&self) -> String {
        self.lines.iter().map(|l| l.iter().collect::<String>()).collect::<Vec<_>>().join("\n")
    }

    fn chars(&self) -> usize {
        self.lines.iter().map(Vec::len).sum::<usize>() + self.lines.len() - 1
    }

    /// One editing action in the text; false when it is not one.
    fn edit(&mut self, action: Action) -> Result<bool, String> {
        let too_long = || format!("an annotation holds at most {MAX_CHARS} characters");
        match action {
            Action::Type(c) if c.is_control() => {}
            Action::Type(c) => {
                if self.chars() >= MAX_CHARS {
                    return Err(too_long());
                }
                self.lines[self.row].insert(self.column, c);
                self.column += 1;
            }
            Action::PromptSubmit => {
                if self.chars() >= MAX_CHARS {
                    return Err(too_long());
                }
                let rest = self.lines[self.row].split_off(self.column);
                self.lines.insert(self.row + 1, rest);
                self.row += 1;
                self.column = 0;
            }
            Action::PromptDelete if self.column > 0 => {
                self.column -= 1;
                self.lines[self.row].remove(self.column);
            }
            Action::PromptDelete if self.row > 0 => {
                let line = self.lines.remove(self.row);
                self.row -= 1;
                self.column = self.lines[self.row].len();
                self.lines[self.row].extend(line);
            }
            Action::Edit(Edit::DeleteNext) if self.column < self.lines[self.row].len() => {
                self.lines[self.row].remove(self.column);
            }
            Action::Edit(Edit::DeleteNext) if self.row + 1 < self.lines.len() => {
                let next = self.lines.remove(self.row + 1);
                self.lines[self.row].extend(next);
            }
            Action::Edit(Edit::Left) if self.column > 0 => self.column -= 1,
            Action::Edit(Edit::Left) if self.row > 0 => {
                self.row -= 1;
                self.column = self.lines[self.row].len();
            }
            Action::Edit(Edit::Right) if self.column < self.lines[self.row].len() => self.column += 1,
            Action::Edit(Edit::Right) if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.column = 0;
            }
            Action::Edit(Edit::Home) => self.column = 0,
            Action::Edit(Edit::End) => self.column = self.lines[self.row].len(),
            Action::MoveUp if self.row > 0 => {
                self.row -= 1;
                self.column = self.column.min(self.lines[self.row].len());
            }
            Action::MoveDown if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.column = self.column.min(self.lines[self.row].len());
            }
            Action::PromptDelete
            | Action::Edit(Edit::DeleteNext | Edit::Left | Edit::Right)
            | Action::MoveUp
            | Action::MoveDown => {}
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn save(&self) -> Outcome {
        Outcome::Annotate { key: self.key.clone(), text: self.text() }
    }

    /// A line of text as drawn from column `skip` (in cells), at most `width` cells, with the
    /// cursor on `cursor` (a character index) when given.
    fn line_spans(
        line: &[char],
        skip: usize,
        width: usize,
        cursor: Option<usize>,
        theme: &Theme,
    ) -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        let mut x = 0;
        for (i, c) in line.iter().enumerate() {
            let shown = one_line(&c.to_string()).into_owned();
            let w = text::width(&shown).max(1);
            if x >= skip && x + w <= skip + width {
                let style = if cursor == Some(i) { theme.selected } else { Style::default() };
                spans.push(Span::styled(shown, style));
            }
            x += w;
        }
        if cursor == Some(line.len()) {
            spans.push(Span::styled("▏", theme.key));
        }
        spans
    }
}

impl Popup for AnnotationEditor {
    fn mode(&self) -> Mode {
        Mode::Editor
    }

    fn update(&mut self, action: Action, _: Option<&Explorer>) -> Outcome {
        match (self.focus, action) {
            (_, Action::SaveAnnotation) => return self.save(),
            (_, Action::PromptCancel) => return Outcome::Close,
            (EditorFocus::Text, Action::FocusNext) => self.focus = EditorFocus::Save,
            (EditorFocus::Save, Action::FocusNext | Action::Edit(Edit::Right)) => {
                self.focus = EditorFocus::Cancel
            }
            (EditorFocus::Cancel, Action::Edit(Edit::Left)) => self.focus = EditorFocus::Save,
            (EditorFocus::Cancel, Action::FocusNext) => self.focus = EditorFocus::Text,
            (EditorFocus::Save, Action::PromptSubmit) => return self.save(),
            (EditorFocus::Cancel, Action::PromptSubmit) => return Outcome::Close,
            (EditorFocus::Text, action) => match self.edit(action) {
                Ok(true) => {}
                Ok(false) => return unused(action),
                Err(why) => return Outcome::Say(why),
            },
            (_, other) => return unused(other),
        }
        Outcome::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _: Option<&Explorer>, theme: &Theme) {
        let height = area.height.saturating_sub(4).clamp(3, 16);
        let inner = framed(
            frame,
            area,
            72,
            height,
            " Annotation — Ctrl-S saves · Esc cancels · Tab: buttons ",
            theme,
        );
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let width = usize::from(inner.width);
        let mut lines = vec![Line::from(vec![
            Span::styled("on: ", theme.label),
            Span::styled(
                text::truncate(&one_line(&self.title), width.saturating_sub(4)).into_owned(),
                theme.dim,
            ),
        ])];
        let mut rows = usize::from(inner.height).saturating_sub(2);
        if let Some(problem) = self.problem.as_ref().filter(|_| rows > 2) {
            let warning = format!("the notes file could not be read ({problem}); saving keeps it as .bak");
            lines.push(Line::styled(text::truncate(&one_line(&warning), width).into_owned(), theme.error));
            rows -= 1;
        }
        // Keep the cursor's line and column in sight.
        let top = self.row.saturating_sub(rows.saturating_sub(1));
        let cursor_x: usize = self.lines[self.row][..self.column]
            .iter()
            .map(|c| text::width(&one_line(&c.to_string())).max(1))
            .sum();
        let skip = (cursor_x + 1).saturating_sub(width);
        for (i, line) in self.lines.iter().enumerate().skip(top).take(rows) {
            let cursor = (self.focus == EditorFocus::Text && i == self.row).then_some(self.column);
            lines.push(Line::from(Self::line_spans(line, skip, width, cursor, theme)));
        }
        while lines.len() < usize::from(inner.height).saturating_sub(1) {
            lines.push(Line::raw(""));
        }
        let button = |label: &str, focused: bool| {
            if focused {
                Span::styled(format!("[>{label}<]"), theme.selected)
            } else {
                Span::styled(format!("[ {label} ]"), theme.key)
            }
        };
        if inner.height >= 2 {
            lines.push(Line::from(vec![
                button("Save", self.focus == EditorFocus::Save),
                Span::raw(" "),
                button("Cancel", self.focus == EditorFocus::Cancel),
                Span::styled(
                    format!("  {} line{}", self.lines.len(), if self.lines.len() == 1 { "" } else { "s" }),
                    theme.dim,
                ),
            ]));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
