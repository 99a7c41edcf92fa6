//! `e`: choose a format and write the shown events to a new file in the working directory.

use super::{framed, unused, Outcome, Popup};
use crate::explorer::Explorer;
use crate::export::Format;
use crate::keys::action::Action;
use crate::keys::keymap::Mode;
use crate::tui::effects::Effect;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ExportMenu {
    /// Index into `Format::all()`.
    pub cursor: usize,
}

impl Popup for ExportMenu {
    fn mode(&self) -> Mode {
        Mode::Picker
    }

    fn hints(&self) -> Vec<(String, &'static str)> {
        super::menu_hints()
    }

    fn update(&mut self, action: Action, _: Option<&Explorer>) -> Outcome {
        let action = super::list::movement_of_letter(action);
        if let Some(at) = super::list::moved(self.cursor, action, Format::all().len()) {
            self.cursor = at;
            return Outcome::Consumed;
        }
        match action {
            Action::PromptSubmit => Outcome::Effect(Effect::Export(Format::all()[self.cursor])),
            Action::PromptCancel => Outcome::Close,
            other => unused(other),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, explorer: Option<&Explorer>, theme: &Theme) {
        let events = explorer.map_or(0, |e| e.visible().len());
        let title = format!(
            " Export {events} shown event{} — Enter writes, Esc cancels ",
            if events == 1 { "" } else { "s" }
        );
        let inner = framed(frame, area, 76, Format::all().len() as u16 + 4, &title, theme);
        let mut lines = vec![Line::styled("to a new file in the current directory:", theme.dim)];
        for (i, format) in Format::all().iter().enumerate() {
            let about = match format {
                Format::Json => "the timeline document (loads back)",
                Format::Csv => "a spreadsheet table",
                Format::Markdown => "a readable report",
                Format::Ics => "a calendar (iCalendar)",
                Format::Timelinejs => "TimelineJS3 JSON",
                Format::Markwhen => "a markwhen document",
            };
            let mut line = Line::from(vec![
                Span::styled(format!("  {:<11}", format.name()), theme.key),
                Span::raw(format!(" .{:<16} {about}", format.extension())),
            ]);
            if i == self.cursor {
                line = crate::tui::layout::selected_row(line, theme.selected);
            }
            lines.push(line);
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_within_the_formats_and_asks_for_the_export() {
        let mut menu = ExportMenu::default();
        menu.update(Action::MoveUp, None);
        assert_eq!(menu.cursor, 0);
        for _ in 0..20 {
            menu.update(Action::MoveDown, None);
        }
        assert_eq!(menu.cursor, Format::all().len() - 1);
        assert_eq!(menu.update(Action::Type('x'), None), Outcome::Consumed, "other letters do nothing");
        assert_eq!(
            menu.update(Action::PromptSubmit, None),
            Outcome::Effect(Effect::Export(*Format::all().last().unwrap()))
        );
        assert_eq!(menu.update(Action::PromptCancel, None), Outcome::Close);
        // The list's movement letters move here too: `j j Enter` once wrote the first format.
        let mut menu = ExportMenu::default();
        menu.update(Action::Type('j'), None);
        menu.update(Action::Type('j'), None);
        assert_eq!(menu.cursor, 2);
        menu.update(Action::Type('k'), None);
        assert_eq!(menu.cursor, 1);
    }
}
