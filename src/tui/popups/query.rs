//! `f`: edit the filter query. Errors show as you type; Enter applies only a query that
//! resolves against the timeline.

use super::input::Input;
use super::{framed, unused, Outcome, Popup};
use crate::model::filter::Filter;
use crate::model::query::Query;
use crate::text::one_line;
use crate::tui::action::Action;
use crate::tui::explorer::Explorer;
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;
use crate::tui::ui::Areas;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryPrompt {
    pub input: Input,
    /// What is wrong with the text as typed, checked after every edit.
    pub error: Option<String>,
}

impl QueryPrompt {
    /// Opens on the query in force, to edit.
    pub fn new(explorer: &Explorer) -> QueryPrompt {
        let mut prompt = QueryPrompt { input: Input::new(explorer.query.to_string(), 500), error: None };
        prompt.error = prompt.check(explorer).err();
        prompt
    }

    fn check(&self, explorer: &Explorer) -> Result<Query, String> {
        let query = Query::parse(self.input.text()).map_err(|e| e.to_string())?;
        Filter::new(&explorer.timeline, &query).map_err(|e| e.to_string())?;
        Ok(query)
    }
}

impl Popup for QueryPrompt {
    fn mode(&self) -> Mode {
        Mode::Prompt
    }

    fn update(&mut self, action: Action, explorer: Option<&Explorer>) -> Outcome {
        let Some(explorer) = explorer else { return Outcome::Close };
        if self.input.edit(action) {
            self.error = self.check(explorer).err();
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

    fn draw(&self, frame: &mut Frame, _: &Areas, _: Option<&Explorer>, theme: &Theme) {
        let inner = framed(frame, 90, 8, " Filter (Enter applies, Esc cancels) ", theme);
        let mut lines = vec![Line::from(self.input.spans("filter: ", theme))];
        match &self.error {
            Some(e) => lines.push(Line::styled(one_line(e).into_owned(), theme.error)),
            None => lines.push(Line::styled("ok", theme.dim)),
        }
        lines.push(Line::styled(
            "country: agency: person: tag: status: from: to: — -term negates — \"quotes\" keep spaces — other words search text",
            theme.dim,
        ));
        lines.push(Line::styled(
            "e.g. country:CN agency:fbi -tag:background from:2015-09 to:2016 hotline",
            theme.dim,
        ));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}
