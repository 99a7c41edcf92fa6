//! `T`: the zone times are shown in. Offers the timeline's zone, the zones its files and events
//! are written in, UTC and this machine's, the next after the one shown first, so `T` Enter
//! steps on as `T` alone once did; or takes any zone typed, read as `--tz` reads it
//! (`model::zone_entry`), with Tab completing a name and a one-line error for a bad one.

use super::input::Input;
use super::{framed, unused, Outcome, Popup};
use crate::explorer::{zone_words, Explorer};
use crate::keys::action::{Action, Edit};
use crate::keys::keymap::Mode;
use crate::model::zone_entry;
use crate::model::Zone;
use crate::text::one_line;
use crate::tui::history::PromptKind;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

/// The most names the box lists at once.
const LISTED: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZonePrompt {
    pub input: Input,
    /// The zones on offer, the one Enter alone takes first.
    pub offered: Vec<Zone>,
    /// How the box names each offered zone ("America/New_York (the timeline's)").
    offered_words: Vec<String>,
    /// Why the last Enter changed nothing.
    pub error: Option<String>,
    /// What Tab offered, and which of them is in the field: Tab again takes the next.
    pub completing: Option<(Vec<String>, usize)>,
}

impl ZonePrompt {
    pub fn new(explorer: &Explorer, history: &[String]) -> ZonePrompt {
        let offered = explorer.offered_zones();
        let home = explorer.timeline.zone;
        // This machine's zone by name, not its offset now: the box lists choices, and the
        // header says the offset once it is chosen.
        let offered_words = offered
            .iter()
            .map(|z| match z {
                Zone::Local if home != Zone::Local => "local (this machine's zone)".to_string(),
                z => zone_words(z, &home),
            })
            .collect();
        ZonePrompt {
            input: Input::new("", 60).with_history(history),
            offered,
            offered_words,
            error: None,
            completing: None,
        }
    }

    /// Tab: the first name the text begins, or (Tab again) the next one.
    fn complete(&mut self) {
        if let Some((names, at)) = &mut self.completing {
            if names.get(*at).is_some_and(|n| n == self.input.text()) {
                *at = (*at + 1) % names.len();
                let next = names[*at].clone();
                self.input.set_text(&next);
                return;
            }
        }
        let names = zone_entry::completions(self.input.text(), &self.offered);
        match names.first() {
            Some(first) => {
                let first = first.clone();
                self.input.set_text(&first);
                self.error = None;
                self.completing = Some((names, 0));
            }
            None => {
                let typed = crate::text::escape(self.input.text().trim());
                self.error = Some(format!("no zone name begins `{typed}`"));
                self.completing = None;
            }
        }
    }

    /// Enter: the zone typed, or with nothing typed the first one offered.
    fn chosen(&self) -> Result<Zone, String> {
        match self.offered.first() {
            Some(next) if self.input.text().trim().is_empty() => Ok(*next),
            _ => zone_entry::read_typed(self.input.text()),
        }
    }

    /// The box's lines below the field: what Tab offered, or the zones on offer, one marked.
    fn listed(&self) -> (Vec<String>, usize) {
        match &self.completing {
            Some((names, at)) => {
                let first = at.saturating_sub(LISTED - 1);
                let mut lines: Vec<String> = names.iter().skip(first).take(LISTED).cloned().collect();
                if names.len() > first + LISTED {
                    lines.push(format!(
                        "… and {} more: Tab for the next, or type to narrow",
                        names.len() - first - LISTED
                    ));
                }
                (lines, at - first)
            }
            None => (self.offered_words.clone(), 0),
        }
    }
}

impl Popup for ZonePrompt {
    fn mode(&self) -> Mode {
        Mode::Prompt
    }

    fn update(&mut self, action: Action, _: Option<&Explorer>) -> Outcome {
        if action == Action::Edit(Edit::Complete) {
            self.complete();
            return Outcome::Consumed;
        }
        if self.input.edit(action) {
            self.error = None;
            self.completing = None;
            return Outcome::Consumed;
        }
        match action {
            Action::PromptCancel => Outcome::Close,
            Action::PromptSubmit => match self.chosen() {
                Ok(zone) => Outcome::SetZone(zone),
                Err(e) => {
                    self.error = Some(e);
                    Outcome::Consumed
                }
            },
            other => unused(other),
        }
    }

    fn remember(&self) -> Option<(PromptKind, String)> {
        Some((PromptKind::Zone, self.input.text().to_string()))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _: Option<&Explorer>, theme: &Theme) {
        let (listed, marked) = self.listed();
        let height = 5 + listed.len() as u16;
        let title = " Zone (Enter shows it, Tab completes, ↑ history, Esc cancels) ";
        let inner = framed(frame, area, 72, height, title, theme);
        let mut lines = vec![Line::from(self.input.spans("zone: ", theme))];
        match &self.error {
            Some(e) => lines.push(Line::styled(one_line(e).into_owned(), theme.error)),
            None if self.completing.is_some() => {
                lines.push(Line::styled("Tab again: the next name", theme.dim))
            }
            None => lines.push(Line::styled(
                "Enter alone: the first below; or a name, e.g. Europe/Moscow, +05:30, UTC, local",
                theme.dim,
            )),
        }
        // The marked name has a `›` as well as its colour, so it shows without colour too.
        for (i, name) in listed.iter().enumerate() {
            let (mark, style) = if i == marked { ("› ", theme.selected) } else { ("  ", theme.key) };
            lines.push(Line::styled(format!("{mark}{}", one_line(name)), style));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompt() -> (Explorer, ZonePrompt) {
        let timeline = crate::model::loader::load_builtin().unwrap();
        let explorer =
            Explorer::new(std::sync::Arc::new(timeline), None, crate::explorer::Viewport::default());
        let prompt = ZonePrompt::new(&explorer, &[]);
        (explorer, prompt)
    }

    fn typed(prompt: &mut ZonePrompt, explorer: &Explorer, text: &str) {
        for c in text.chars() {
            prompt.update(Action::Type(c), Some(explorer));
        }
    }

    #[test]
    fn enter_alone_takes_the_next_zone_offered() {
        let (explorer, mut prompt) = prompt();
        assert_eq!(prompt.offered, explorer.offered_zones());
        assert_ne!(prompt.offered[0], *explorer.zone(), "the next, not the one shown");
        assert_eq!(prompt.update(Action::PromptSubmit, Some(&explorer)), Outcome::SetZone(prompt.offered[0]));
    }

    #[test]
    fn a_typed_zone_is_read_and_a_bad_one_says_why_in_one_line() {
        let (explorer, mut prompt) = prompt();
        typed(&mut prompt, &explorer, "Moscow");
        assert_eq!(prompt.update(Action::PromptSubmit, Some(&explorer)), Outcome::Consumed);
        let error = prompt.error.clone().expect("an error");
        assert!(
            error.starts_with("`Moscow`: ") && error.ends_with("did you mean `Europe/Moscow`?"),
            "{error}"
        );
        prompt.update(Action::Edit(Edit::DeleteToStart), Some(&explorer));
        assert_eq!(prompt.error, None, "an edit clears it");
        typed(&mut prompt, &explorer, "europe/moscow");
        let moscow = Zone::Named(chrono_tz::Europe::Moscow);
        assert_eq!(prompt.update(Action::PromptSubmit, Some(&explorer)), Outcome::SetZone(moscow));
    }

    #[test]
    fn tab_completes_and_tab_again_takes_the_next_name() {
        let (explorer, mut prompt) = prompt();
        typed(&mut prompt, &explorer, "europe/be");
        let names = zone_entry::completions("europe/be", &prompt.offered);
        assert!(names.len() >= 2, "{names:?}");
        prompt.update(Action::Edit(Edit::Complete), Some(&explorer));
        assert_eq!(prompt.input.text(), names[0]);
        prompt.update(Action::Edit(Edit::Complete), Some(&explorer));
        assert_eq!(prompt.input.text(), names[1], "Tab again: the next name");
        for _ in 1..names.len() {
            prompt.update(Action::Edit(Edit::Complete), Some(&explorer));
        }
        assert_eq!(prompt.input.text(), names[0], "round again");
        prompt.update(Action::Edit(Edit::DeleteToStart), Some(&explorer));
        typed(&mut prompt, &explorer, "qq");
        prompt.update(Action::Edit(Edit::Complete), Some(&explorer));
        assert_eq!(prompt.error.as_deref(), Some("no zone name begins `qq`"));
    }
}
