//! `/`: search as you type. The prompt sits on the status line; the search itself (matches,
//! where it started) lives in the explorer, so `n`/`N` and the marks outlive the prompt.

use super::input::Input;
use super::{unused, Outcome, Popup, SearchStep};
use crate::explorer::Explorer;
use crate::keys::action::Action;
use crate::keys::keymap::Mode;
use crate::tui::history::PromptKind;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPrompt {
    pub input: Input,
}

impl SearchPrompt {
    pub fn new(history: &[String]) -> SearchPrompt {
        SearchPrompt { input: Input::new("", 200).with_history(history) }
    }
}

impl Popup for SearchPrompt {
    fn mode(&self) -> Mode {
        Mode::Prompt
    }

    fn opened(&self) -> Outcome {
        Outcome::Search(SearchStep::Begin)
    }

    fn update(&mut self, action: Action, _: Option<&Explorer>) -> Outcome {
        if self.input.edit(action) {
            return Outcome::Search(SearchStep::Edit(self.input.text().to_string()));
        }
        match action {
            Action::PromptSubmit => Outcome::Search(SearchStep::Keep),
            Action::PromptCancel => Outcome::Search(SearchStep::Cancel),
            other => unused(other),
        }
    }

    fn remember(&self) -> Option<(PromptKind, String)> {
        Some((PromptKind::Search, self.input.text().to_string()))
    }

    fn on_status_line(&self) -> bool {
        true
    }

    fn draw(&self, frame: &mut Frame, area: Rect, explorer: Option<&Explorer>, theme: &Theme) {
        crate::tui::layout::clear(frame, area, theme);
        let Some(search) = explorer.and_then(|e| e.search()) else { return };
        let status = if search.query.text.is_empty() {
            "type to search titles, names, tags and text · Enter keeps · Esc returns".to_string()
        } else if search.pending {
            "searching…".to_string()
        } else {
            match search.matches.len() {
                0 => "no matches".to_string(),
                1 => "1 match".to_string(),
                n => format!("{n} matches"),
            }
        };
        let mut spans = self.input.spans("/", theme);
        spans.push(Span::styled(format!("  {status}"), theme.dim));
        let line = Line::from(spans);
        frame.render_widget(Paragraph::new(line), area);
    }
}
