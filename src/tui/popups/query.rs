//! `f`: edit the filter query. Errors show as you type; Enter applies only a query that
//! resolves against the timeline.

use super::input::Input;
use super::{framed, unused, Outcome, Popup};
use crate::explorer::Explorer;
use crate::keys::action::{Action, Edit};
use crate::keys::keymap::Mode;
use crate::model::complete;
use crate::model::filter::Filter;
use crate::model::query::Query;
use crate::text::one_line;
use crate::tui::history::PromptKind;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryPrompt {
    pub input: Input,
    /// What is wrong with the text as typed, checked after every edit.
    pub error: Option<String>,
    /// What Tab offered last, shown until the next edit.
    pub offered: Vec<String>,
}

impl QueryPrompt {
    /// Opens on the query in force, to edit.
    pub fn new(explorer: &Explorer, history: &[String]) -> QueryPrompt {
        let input = Input::new(explorer.query().to_string(), 500).with_history(history);
        let mut prompt = QueryPrompt { input, error: None, offered: Vec::new() };
        prompt.error = prompt.check(explorer).err();
        prompt
    }

    /// Tab: completes the word at the cursor, and lists the choices when there are several.
    fn complete(&mut self, explorer: &Explorer) {
        let text = self.input.text().to_string();
        let cursor = text.char_indices().nth(self.input.cursor()).map_or(text.len(), |(i, _)| i);
        let completion =
            complete::complete(&explorer.timeline, explorer.index.as_deref(), explorer.zone(), &text, cursor);
        if let Some((new_text, new_cursor)) = completion.apply(&text) {
            self.input.set_text_at(&new_text, new_cursor);
            self.error = self.check(explorer).err();
        }
        const SHOWN: usize = 8;
        let n = completion.candidates.len();
        self.offered = match n {
            0 => vec!["nothing to complete here".to_string()],
            1 => Vec::new(),
            _ => {
                let mut lines: Vec<String> =
                    completion.candidates.iter().take(SHOWN).map(|c| c.label.clone()).collect();
                if n > SHOWN {
                    lines.push(format!("… and {} more: type to narrow", n - SHOWN));
                }
                lines
            }
        };
    }

    fn check(&self, explorer: &Explorer) -> Result<Query, String> {
        let query = Query::parse(self.input.text()).map_err(|e| e.to_string())?;
        Filter::new(&explorer.timeline, &query, explorer.zone()).map_err(|e| e.to_string())?;
        Ok(query)
    }
}

impl Popup for QueryPrompt {
    fn mode(&self) -> Mode {
        Mode::Prompt
    }

    fn update(&mut self, action: Action, explorer: Option<&Explorer>) -> Outcome {
        let Some(explorer) = explorer else { return Outcome::Close };
        if action == Action::Edit(Edit::Complete) {
            self.complete(explorer);
            return Outcome::Consumed;
        }
        if self.input.edit(action) {
            self.error = self.check(explorer).err();
            self.offered.clear();
            return Outcome::Consumed;
        }
        match action {
            Action::PromptCancel => Outcome::Close,
            Action::PromptSubmit => match self.check(explorer) {
                Ok(query) => Outcome::ApplyQuery(query),
                Err(e) => {
                    self.error = Some(e);
                    Outcome::Consumed
                }
            },
            other => unused(other),
        }
    }

    fn remember(&self) -> Option<(PromptKind, String)> {
        Some((PromptKind::Filter, self.input.text().to_string()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _: Option<&Explorer>, theme: &Theme) {
        let height = 8 + self.offered.len() as u16;
        let inner = framed(
            frame,
            area,
            90,
            height,
            " Filter (Enter applies, Tab completes, ↑ history, Esc cancels) ",
            theme,
        );
        let mut lines = vec![Line::from(self.input.spans("filter: ", theme))];
        for offer in &self.offered {
            lines.push(Line::styled(format!("  {}", one_line(offer)), theme.key));
        }
        match &self.error {
            Some(e) => lines.push(Line::styled(one_line(e).into_owned(), theme.error)),
            None => lines.push(Line::styled("ok", theme.dim)),
        }
        lines.push(Line::styled(
            "country: agency: person: by: tag: status: from: to: — by: who acted — -term negates — \"a phrase\" keeps words together — other words search text",
            theme.dim,
        ));
        lines.push(Line::styled(
            "e.g. country:CN agency:fbi by:US -tag:background from:2015-09 to:2016 hotline",
            theme.dim,
        ));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}
