//! The one-line text field every prompt uses: readline's keys (cursor moves by character and
//! word, Home/End, deleting a word, to the start or to the end), a length limit, and the prompt's
//! history on ↑/↓. The editing itself is `tui-input`'s.

use crate::keys::action::{Action, Edit};
use crate::text::one_line;
use crate::tui::theme::Theme;
use ratatui::text::Span;
use tui_input::{Input as Field, InputRequest};

#[derive(Debug, Clone)]
pub struct Input {
    field: Field,
    max_chars: usize,
    /// The prompt's earlier entries, oldest first, and where ↑/↓ are in them.
    history: Vec<String>,
    browsing: Option<usize>,
    /// What was typed before ↑ went into the history, for ↓ to come back to.
    draft: String,
}

impl Eq for Input {}

impl PartialEq for Input {
    fn eq(&self, other: &Input) -> bool {
        self.text() == other.text() && self.cursor() == other.cursor()
    }
}

impl Input {
    pub fn new(text: impl Into<String>, max_chars: usize) -> Input {
        let text: String = text.into();
        let cursor = text.chars().count();
        Input {
            field: Field::new(text).with_cursor(cursor),
            max_chars,
            history: Vec::new(),
            browsing: None,
            draft: String::new(),
        }
    }

    /// With the prompt's history for ↑/↓.
    pub fn with_history(mut self, history: &[String]) -> Input {
        self.history = history.to_vec();
        self
    }

    pub fn text(&self) -> &str {
        self.field.value()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.field.cursor()
    }

    /// Replaces the text, the cursor at its end.
    pub fn set_text(&mut self, text: &str) {
        self.field = Field::new(text.to_string()).with_cursor(text.chars().count());
    }

    /// Replaces the text, the cursor at `cursor` characters.
    pub fn set_text_at(&mut self, text: &str, cursor: usize) {
        self.field = Field::new(text.to_string()).with_cursor(cursor.min(text.chars().count()));
    }

    /// Applies an editing action; returns whether the text changed (a cursor move does not).
    pub fn edit(&mut self, action: Action) -> bool {
        let before = self.text().to_string();
        let request = match action {
            Action::Type(c) if !c.is_control() && self.text().chars().count() < self.max_chars => {
                Some(InputRequest::InsertChar(c))
            }
            Action::PromptDelete => Some(InputRequest::DeletePrevChar),
            Action::Edit(edit) => match edit {
                Edit::Left => Some(InputRequest::GoToPrevChar),
                Edit::Right => Some(InputRequest::GoToNextChar),
                Edit::WordLeft => Some(InputRequest::GoToPrevWord),
                Edit::WordRight => Some(InputRequest::GoToNextWord),
                Edit::Home => Some(InputRequest::GoToStart),
                Edit::End => Some(InputRequest::GoToEnd),
                Edit::DeleteNext => Some(InputRequest::DeleteNextChar),
                Edit::DeleteWord => Some(InputRequest::DeletePrevWord),
                Edit::DeleteToEnd => Some(InputRequest::DeleteTillEnd),
                Edit::DeleteToStart => {
                    let rest: String = self.text().chars().skip(self.cursor()).collect();
                    self.set_text_at(&rest, 0);
                    None
                }
                Edit::Older => {
                    self.older();
                    None
                }
                Edit::Newer => {
                    self.newer();
                    None
                }
                Edit::Complete => None,
            },
            _ => None,
        };
        if let Some(request) = request {
            self.field.handle(request);
        }
        let changed = self.text() != before;
        if changed && !matches!(action, Action::Edit(Edit::Older | Edit::Newer)) {
            self.browsing = None;
        }
        changed
    }

    fn older(&mut self) {
        let at = match self.browsing {
            None if self.history.is_empty() => return,
            None => {
                self.draft = self.text().to_string();
                self.history.len() - 1
            }
            Some(0) => return,
            Some(i) => i - 1,
        };
        self.browsing = Some(at);
        let entry = self.history[at].clone();
        self.set_text(&entry);
    }

    fn newer(&mut self) {
        let Some(i) = self.browsing else { return };
        if i + 1 < self.history.len() {
            self.browsing = Some(i + 1);
            let entry = self.history[i + 1].clone();
            self.set_text(&entry);
        } else {
            self.browsing = None;
            let draft = std::mem::take(&mut self.draft);
            self.set_text(&draft);
        }
    }

    /// The field as drawn: `label`, the text (made safe) with the cursor on its character (or
    /// a bar after the end).
    pub fn spans(&self, label: &'static str, theme: &Theme) -> Vec<Span<'static>> {
        let chars: Vec<char> = self.text().chars().collect();
        let at = self.cursor().min(chars.len());
        let before: String = chars[..at].iter().collect();
        let mut spans = vec![Span::styled(label, theme.label), Span::raw(one_line(&before).into_owned())];
        match chars.get(at) {
            Some(&c) => {
                spans.push(Span::styled(one_line(&c.to_string()).into_owned(), theme.selected));
                let after: String = chars[at + 1..].iter().collect();
                spans.push(Span::raw(one_line(&after).into_owned()));
            }
            None => spans.push(Span::styled("▏", theme.key)),
        }
        spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(input: &mut Input, text: &str) {
        for c in text.chars() {
            input.edit(Action::Type(c));
        }
    }

    #[test]
    fn edits_stop_at_the_limit_and_skip_control_characters() {
        let mut input = Input::new("", 3);
        for c in ['a', '\u{1b}', 'b', 'c', 'd'] {
            input.edit(Action::Type(c));
        }
        assert_eq!(input.text(), "abc");
        assert!(input.edit(Action::PromptDelete));
        assert_eq!(input.text(), "ab");
        assert!(!input.edit(Action::MoveDown), "not an edit");
        let mut empty = Input::new("", 3);
        assert!(!empty.edit(Action::PromptDelete), "nothing to delete");
    }

    #[test]
    fn readline_keys_move_and_delete() {
        let mut input = Input::new("", 100);
        typed(&mut input, "country:CN hotline");
        input.edit(Action::Edit(Edit::WordLeft));
        typed(&mut input, "new ");
        assert_eq!(input.text(), "country:CN new hotline");
        input.edit(Action::Edit(Edit::DeleteWord));
        assert_eq!(input.text(), "country:CN hotline");
        input.edit(Action::Edit(Edit::Home));
        input.edit(Action::Edit(Edit::DeleteNext));
        assert_eq!(input.text(), "ountry:CN hotline");
        input.edit(Action::Edit(Edit::End));
        input.edit(Action::Edit(Edit::Left));
        input.edit(Action::Edit(Edit::Left));
        input.edit(Action::Edit(Edit::DeleteToEnd));
        assert_eq!(input.text(), "ountry:CN hotli");
        input.edit(Action::Edit(Edit::WordLeft));
        input.edit(Action::Edit(Edit::DeleteToStart));
        assert_eq!((input.text(), input.cursor()), ("hotli", 0));
    }

    #[test]
    fn history_goes_back_and_comes_back_to_the_draft() {
        let history = ["first".to_string(), "second".to_string()];
        let mut input = Input::new("", 100).with_history(&history);
        typed(&mut input, "draft");
        input.edit(Action::Edit(Edit::Older));
        assert_eq!(input.text(), "second");
        input.edit(Action::Edit(Edit::Older));
        input.edit(Action::Edit(Edit::Older));
        assert_eq!(input.text(), "first", "stops at the oldest");
        input.edit(Action::Edit(Edit::Newer));
        assert_eq!(input.text(), "second");
        input.edit(Action::Edit(Edit::Newer));
        assert_eq!(input.text(), "draft", "back to what was typed");
    }
}
