//! `B`: the bookmarks, in the order they were made, then notes whose event is no longer in the
//! timeline (kept in the sidecar, listed so they are not lost from sight). Enter goes to one;
//! Space is a space in the text that narrows them, as in every other text field.

use super::input::Input;
use super::{framed, menu_hints, unused, Outcome, Popup};
use crate::explorer::{Explorer, NoteEntry};
use crate::keys::action::Action;
use crate::keys::keymap::Mode;
use crate::model::fold::fold;
use crate::text::{self, one_line};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bookmarks {
    /// Each entry with the text it is listed (and narrowed) by.
    pub entries: Vec<(NoteEntry, String)>,
    pub narrow: Input,
    /// Index into `shown()`.
    pub cursor: usize,
}

/// The mark before an entry: `★` bookmarked, `✎` annotated, `✕` its event is gone.
fn marks(entry: &NoteEntry) -> String {
    let gone = if entry.event.is_none() { "✕" } else { " " };
    let star = if entry.bookmarked { "★" } else { " " };
    let pen = if entry.annotated { "✎" } else { " " };
    format!("{gone}{star}{pen} ")
}

impl Bookmarks {
    pub fn new(explorer: &Explorer) -> Result<Bookmarks, String> {
        let entries: Vec<(NoteEntry, String)> = explorer
            .note_entries()
            .into_iter()
            .map(|entry| {
                let label = match entry.event {
                    Some(ix) => {
                        let e = &explorer.timeline.events[ix];
                        format!("{}  {}", e.date.human_in(explorer.zone()), e.title)
                    }
                    None => format!("{} — no such event in this timeline (kept in the notes)", entry.key),
                };
                (entry, label)
            })
            .collect();
        if entries.is_empty() {
            return Err(match &explorer.sidecar.problem {
                Some(problem) => format!("no bookmarks: the notes could not be read ({problem})"),
                None => "no bookmarks yet; b bookmarks the selected event".into(),
            });
        }
        Ok(Bookmarks { entries, narrow: Input::new("", 60), cursor: 0 })
    }

    /// Indices of the entries that match the typed text (by label or key).
    pub fn shown(&self) -> Vec<usize> {
        let needle = fold(self.narrow.text());
        (0..self.entries.len())
            .filter(|&i| {
                let (entry, label) = &self.entries[i];
                needle.is_empty() || fold(label).contains(&needle) || fold(&entry.key).contains(&needle)
            })
            .collect()
    }
}

impl Popup for Bookmarks {
    fn mode(&self) -> Mode {
        Mode::Picker
    }

    /// The pickers' keys but Space: there is nothing to choose here, only one to go to.
    fn hints(&self) -> Vec<(String, &'static str)> {
        menu_hints()
    }

    fn update(&mut self, action: Action, _: Option<&Explorer>) -> Outcome {
        // Space is bound to choosing in pickers; here it is typed, like any other character.
        let action = if action == Action::PickerToggle { Action::Type(' ') } else { action };
        if self.narrow.edit(action) {
            self.cursor = 0;
            return Outcome::Consumed;
        }
        if let Some(at) = super::list::moved(self.cursor, action, self.shown().len()) {
            self.cursor = at;
            return Outcome::Consumed;
        }
        match action {
            Action::PromptCancel => Outcome::Close,
            // Choosing a bookmark is going to it.
            Action::PromptSubmit => {
                let Some(&i) = self.shown().get(self.cursor) else { return Outcome::Consumed };
                let entry = &self.entries[i].0;
                match entry.event {
                    Some(event) => Outcome::GoTo(event),
                    None => Outcome::Say(format!(
                        "`{}` is not in this timeline; its notes are kept in case it comes back",
                        text::escape(&entry.key)
                    )),
                }
            }
            other => unused(other),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _: Option<&Explorer>, theme: &Theme) {
        let height = area.height.saturating_sub(4).clamp(3, 30);
        let inner = framed(
            frame,
            area,
            76,
            height,
            " Bookmarks — type to narrow, Enter goes to it, Esc closes ",
            theme,
        );
        if inner.height == 0 {
            return;
        }
        let shown = self.shown();
        let gone = self.entries.iter().filter(|(e, _)| e.event.is_none()).count();
        let mut header = self.narrow.spans("narrow: ", theme);
        let mut counts = format!("   {} of {}", shown.len(), self.entries.len());
        if gone > 0 {
            counts.push_str(&format!(" · {gone} ✕ not in this timeline"));
        }
        header.push(Span::styled(counts, theme.dim));
        let mut lines = vec![Line::from(header)];
        let rows = usize::from(inner.height).saturating_sub(1);
        let offset = super::list::first_shown(self.cursor, rows);
        let width = usize::from(inner.width);
        for (row, &i) in shown.iter().enumerate().skip(offset).take(rows) {
            let (entry, label) = &self.entries[i];
            let mark = marks(entry);
            let label =
                text::truncate(&one_line(label), width.saturating_sub(text::width(&mark))).into_owned();
            let style = if entry.event.is_none() { theme.dim } else { theme.text };
            let mut line = Line::from(vec![Span::styled(mark, theme.key), Span::styled(label, style)]);
            if row == self.cursor {
                line = crate::tui::layout::selected_row(line, theme.selected);
            }
            lines.push(line);
        }
        if shown.is_empty() {
            lines.push(Line::styled("nothing matches", theme.dim));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
