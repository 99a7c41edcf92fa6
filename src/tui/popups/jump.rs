//! `t`: jump to a date. Takes any date form of the format (`2016`, `2016-06`, `2016-12-07`) and
//! every form the list and the detail print (`Sep 2016`, `Dec 7, 2016`, `Dec 7–8, 2016`).

use super::input::Input;
use super::{framed, unused, Outcome, Popup};
use crate::explorer::{jump_date, Explorer};
use crate::keys::action::Action;
use crate::keys::keymap::Mode;
use crate::tui::history::PromptKind;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JumpPrompt {
    pub input: Input,
    /// Why the last Enter did not jump.
    pub error: Option<String>,
}

impl JumpPrompt {
    pub fn new(history: &[String]) -> JumpPrompt {
        JumpPrompt { input: Input::new("", 40).with_history(history), error: None }
    }
}

impl Popup for JumpPrompt {
    fn mode(&self) -> Mode {
        Mode::Prompt
    }

    fn update(&mut self, action: Action, explorer: Option<&Explorer>) -> Outcome {
        if self.input.edit(action) {
            self.error = None;
            return Outcome::Consumed;
        }
        match action {
            Action::PromptCancel => Outcome::Close,
            Action::PromptSubmit => match jump_date(self.input.text(), explorer) {
                Ok(date) => match explorer.and_then(|e| e.position_for_date(&date)) {
                    Some((position, note)) => Outcome::JumpTo { position, note },
                    None => Outcome::Close,
                },
                Err(e) => {
                    self.error = Some(e.to_string());
                    Outcome::Consumed
                }
            },
            other => unused(other),
        }
    }

    fn remember(&self) -> Option<(PromptKind, String)> {
        Some((PromptKind::Jump, self.input.text().to_string()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _: Option<&Explorer>, theme: &Theme) {
        let inner = framed(frame, area, 60, 5, " Jump to date (Enter jumps, Esc cancels) ", theme);
        let mut lines = vec![Line::from(self.input.spans("date: ", theme))];
        match &self.error {
            Some(e) => lines.push(Line::styled(e.clone(), theme.error)),
            None => lines.push(Line::styled(
                "e.g. 2016, Sep 2016, 2016-12-07, Dec 7, 2016, 2016-12-07 09:30",
                theme.dim,
            )),
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}
