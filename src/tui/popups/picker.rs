//! `c`, `a`, `p`, `#`: choose countries, agencies, people or tags to filter by. Each value shows
//! how many events it would show given the other filters (the model counts them).

use super::input::Input;
use super::{framed, unused, Outcome, Popup};
use crate::explorer::Explorer;
use crate::keys::action::{Action, PickerKind};
use crate::keys::keymap::Mode;
use crate::model::facets::{self, FacetValue};
use crate::model::filter::Filter;
use crate::model::query::{Query, Term};
use crate::model::sides;
use crate::text::{self, one_line};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    pub items: Vec<FacetValue>,
    /// Typed text narrowing the items.
    pub narrow: Input,
    /// Index into `shown()`.
    pub cursor: usize,
    /// Values chosen (ids, or tags).
    pub chosen: BTreeSet<String>,
    /// Something was chosen or un-chosen since the picker opened.
    pub touched: bool,
}

impl Picker {
    /// The facet's values counted over the events the other filters show, with the values the
    /// query already asks for chosen.
    pub fn new(kind: PickerKind, explorer: &Explorer) -> Result<Picker, String> {
        let timeline = &explorer.timeline;
        let facet = kind.facet();
        let others = explorer.query().without(facet);
        let base = match Filter::new(timeline, &others, explorer.zone()) {
            Ok(f) => f.apply(timeline, explorer.index.as_deref()),
            Err(_) => (0..timeline.events.len()).collect(),
        };
        // Agencies and people under their country's heading (`sides::is_heading`).
        let items = sides::under_countries(timeline, facet, facets::values(timeline, facet, &base));
        if items.is_empty() {
            return Err(format!("this timeline has no {}", facet.name()));
        }
        let chosen = items
            .iter()
            .filter(|item| {
                explorer
                    .query()
                    .of(facet)
                    .any(|t| !t.negated && facets::names_value(timeline, facet, &item.value, &t.value))
            })
            .map(|item| item.value.clone())
            .collect();
        // The cursor starts on the first value, below any heading.
        let cursor = items.iter().position(|item| !sides::is_heading(item)).unwrap_or(0);
        Ok(Picker { kind, items, narrow: Input::new("", 60), cursor, chosen, touched: false })
    }

    /// Indices of the items that match the typed text (while narrowing, no country headings).
    pub fn shown(&self) -> Vec<usize> {
        let needle = crate::model::fold::fold(self.narrow.text());
        (0..self.items.len())
            .filter(|&i| {
                needle.is_empty()
                    || !sides::is_heading(&self.items[i])
                        && (crate::model::fold::fold(&self.items[i].label).contains(&needle)
                            || crate::model::fold::fold(&self.items[i].value).contains(&needle))
            })
            .collect()
    }

    fn toggle(&mut self) {
        if let Some(&i) = self.shown().get(self.cursor).filter(|&&i| !sides::is_heading(&self.items[i])) {
            let value = self.items[i].value.clone();
            if !self.chosen.remove(&value) {
                self.chosen.insert(value);
            }
            self.touched = true;
        }
    }

    /// The query with this facet's chosen values in place of the ones it had.
    fn chosen_query(&self, explorer: &Explorer) -> Query {
        let facet = self.kind.facet();
        let mut query = explorer.query().clone();
        // Choosing a value replaces the facet's chosen values, and also drops a `-` term for
        // that same value (choosing it means wanting it).
        query.terms.retain(|t| {
            t.facet != facet
                || (t.negated
                    && !self
                        .chosen
                        .iter()
                        .any(|v| facets::names_value(&explorer.timeline, facet, v, &t.value)))
        });
        for item in self.items.iter().filter(|item| self.chosen.contains(&item.value)) {
            query.add(Term::new(facet, item.value.clone()));
        }
        query
    }
}

impl Popup for Picker {
    fn mode(&self) -> Mode {
        Mode::Picker
    }

    fn update(&mut self, action: Action, explorer: Option<&Explorer>) -> Outcome {
        let Some(explorer) = explorer else { return Outcome::Close };
        if self.narrow.edit(action) {
            self.cursor = 0;
            return Outcome::Consumed;
        }
        if let Some(at) = super::list::moved(self.cursor, action, self.shown().len()) {
            self.cursor = at;
            return Outcome::Consumed;
        }
        match action {
            Action::PickerToggle => self.toggle(),
            Action::PromptCancel => return Outcome::Close,
            Action::PromptSubmit => {
                let on_heading =
                    self.shown().get(self.cursor).is_some_and(|&i| sides::is_heading(&self.items[i]));
                if self.chosen.is_empty() && !self.touched && on_heading {
                    return Outcome::Consumed;
                }
                if self.chosen.is_empty() && !self.touched {
                    // Enter on a value without choosing any: take the one under the cursor.
                    // (Un-choosing everything and pressing Enter clears the facet instead.)
                    self.toggle();
                }
                return Outcome::ApplyQuery(self.chosen_query(explorer));
            }
            other => return unused(other),
        }
        Outcome::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _: Option<&Explorer>, theme: &Theme) {
        let height = area.height.saturating_sub(4).clamp(3, 30);
        let title = format!(" {} — type to narrow, Space chooses, Enter applies ", self.kind.facet().name());
        let inner = framed(frame, area, 70, height, &title, theme);
        if inner.height == 0 {
            return;
        }
        let shown = self.shown();
        // Counted without the country headings: they are not values.
        let values = |of: &[usize]| of.iter().filter(|&&i| !sides::is_heading(&self.items[i])).count();
        let all: Vec<usize> = (0..self.items.len()).collect();
        let mut header = self.narrow.spans("narrow: ", theme);
        header.push(Span::styled(
            format!("   {} of {} · {} chosen", values(&shown), values(&all), self.chosen.len()),
            theme.dim,
        ));
        let mut lines = vec![Line::from(header)];
        let rows = usize::from(inner.height).saturating_sub(1);
        let offset = super::list::first_shown(self.cursor, rows);
        let width = usize::from(inner.width);
        for (row, &i) in shown.iter().enumerate().skip(offset).take(rows) {
            let item = &self.items[i];
            if sides::is_heading(item) {
                // A country heading: bold, nothing to choose, no count.
                let mut line = Line::styled(one_line(&item.label).into_owned(), theme.label);
                if row == self.cursor {
                    line = crate::tui::layout::selected_row(line, theme.selected);
                }
                lines.push(line);
                continue;
            }
            let mark = if self.chosen.contains(&item.value) { "[x] " } else { "[ ] " };
            let count = format!(" {}", item.count);
            let indent = "  ".repeat(item.depth.min(6));
            let label_width = width.saturating_sub(4 + indent.len() + count.len());
            let label = text::pad(&one_line(&item.label), label_width);
            let style = if item.count == 0 { theme.dim } else { theme.text };
            let mut line = Line::from(vec![
                Span::styled(mark, theme.key),
                Span::raw(indent),
                Span::styled(label, style),
                Span::styled(count, theme.dim),
            ]);
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
