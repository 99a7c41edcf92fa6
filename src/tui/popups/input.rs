//! The one-line text field every prompt uses: typed characters and Backspace, with a length
//! limit so a held key cannot grow it without bound.

use crate::text::one_line;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use ratatui::text::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    text: String,
    max_chars: usize,
}

impl Input {
    pub fn new(text: impl Into<String>, max_chars: usize) -> Input {
        Input { text: text.into(), max_chars }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Applies an editing action; returns whether the text changed.
    pub fn edit(&mut self, action: Action) -> bool {
        match action {
            Action::Type(c) if !c.is_control() && self.text.chars().count() < self.max_chars => {
                self.text.push(c);
                true
            }
            Action::PromptDelete => self.text.pop().is_some(),
            _ => false,
        }
    }

    /// The field as drawn: `label` then the text (made safe) and the cursor.
    pub fn spans(&self, label: &'static str, theme: &Theme) -> Vec<Span<'static>> {
        vec![
            Span::styled(label, theme.label),
            Span::raw(one_line(&self.text).into_owned()),
            Span::styled("▏", theme.key),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
