//! Small menus: `y` (what to copy), `V` (the config file's saved views), and `!` (this run's
//! messages). Arrows choose, Enter does it, Esc closes.

use super::{framed, menu_hints, unused, Outcome, Popup};
use crate::explorer::Explorer;
use crate::keys::action::Action;
use crate::keys::keymap::Mode;
use crate::model::link::DeepLink;
use crate::model::query::Query;
use crate::text::{one_line, truncate, width};
use crate::tui::effects::Effect;
use crate::tui::layout::selected_row;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// A list of (label, text) to choose one of; the rows are drawn `label  text`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Choices {
    items: Vec<(String, String)>,
    cursor: usize,
}

impl Choices {
    /// Moves, or says which item Enter chose; `None` for anything else.
    fn step(&mut self, action: Action) -> Option<Result<usize, Outcome>> {
        if let Some(at) = super::list::moved(self.cursor, action, self.items.len()) {
            self.cursor = at;
            return Some(Err(Outcome::Consumed));
        }
        match action {
            Action::PromptSubmit => Some(Ok(self.cursor)),
            Action::PromptCancel | Action::Back => Some(Err(Outcome::Close)),
            _ => None,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, title: &str, theme: &Theme) {
        // Labels can come from the config file (saved views' names): shown only made safe.
        let labels: Vec<String> = self.items.iter().map(|(l, _)| one_line(l).into_owned()).collect();
        let label_width = labels.iter().map(|l| width(l)).max().unwrap_or(0);
        let text_width = self.items.iter().map(|(_, t)| width(&one_line(t))).max().unwrap_or(0);
        let wanted = (label_width + text_width + 6).max(width(title) + 2).min(100) as u16;
        let inner = framed(frame, area, wanted, self.items.len() as u16 + 2, title, theme);
        let rows = usize::from(inner.height);
        let first = super::list::first_shown(self.cursor, rows);
        let room = usize::from(inner.width).saturating_sub(label_width + 3);
        let lines: Vec<Line> = self
            .items
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .map(|(i, (_, text))| {
                let label = &labels[i];
                let line = Line::from(vec![
                    Span::styled(format!(" {} ", crate::text::pad(label, label_width)), theme.key),
                    Span::raw(format!(" {}", truncate(&one_line(text), room))),
                ]);
                if i == self.cursor {
                    selected_row(line, theme.selected)
                } else {
                    line
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// `y`: copy something about the selected event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyMenu {
    choices: Choices,
    /// What each item copies; `Err` says why there is nothing to copy.
    values: Vec<Result<String, String>>,
}

impl CopyMenu {
    /// The menu for the selected event.
    pub fn new(explorer: Option<&Explorer>) -> Result<CopyMenu, String> {
        let explorer = explorer.ok_or("still loading")?;
        let ix = explorer.selected_event().ok_or("no event is selected")?;
        let event = &explorer.timeline.events[ix];
        let url = event.sources.iter().find_map(|s| s.url.clone());
        // `FILE#id` (the file as given); the built-in timeline's events are `#id`, which
        // `timeline-explorer '#id'` opens as well.
        let link: Result<String, String> = Ok(DeepLink::to_event(&explorer.timeline, ix).to_string());
        let values = vec![
            Ok(event.id.clone()),
            Ok(event.title.clone()),
            Ok(citation(explorer, ix)),
            url.ok_or_else(|| "this event's sources have no URL".to_string()),
            link,
        ];
        let labels = ["id", "title", "citation", "URL", "link"];
        let items = labels
            .iter()
            .zip(&values)
            .map(|(label, value)| {
                let shown = match value {
                    Ok(v) => v.clone(),
                    Err(why) => format!("({why})"),
                };
                (label.to_string(), shown)
            })
            .collect();
        Ok(CopyMenu { choices: Choices { items, cursor: 0 }, values })
    }
}

/// "Title — Publisher, date, URL": the event's title, then its first source's publisher, date
/// (else the event's) and URL, whichever it has.
pub fn citation(explorer: &Explorer, ix: usize) -> String {
    let event = &explorer.timeline.events[ix];
    let source = event.sources.first();
    let mut parts: Vec<String> = Vec::new();
    if let Some(publisher) = source.and_then(|s| s.publisher.clone()) {
        parts.push(publisher);
    }
    let date = source.and_then(|s| s.date.as_ref()).unwrap_or(&event.date);
    parts.push(date.human_in(explorer.zone()));
    if let Some(url) = event.sources.iter().find_map(|s| s.url.clone()) {
        parts.push(url);
    }
    format!("{} — {}", event.title.trim(), parts.join(", "))
}

impl Popup for CopyMenu {
    fn mode(&self) -> Mode {
        Mode::Picker
    }

    fn hints(&self) -> Vec<(String, &'static str)> {
        menu_hints()
    }

    fn update(&mut self, action: Action, _: Option<&Explorer>) -> Outcome {
        match self.choices.step(action) {
            Some(Ok(i)) => match &self.values[i] {
                Ok(text) => Outcome::Effect(Effect::Copy {
                    what: self.choices.items[i].0.clone(),
                    text: text.clone(),
                }),
                Err(why) => Outcome::Say(why.clone()),
            },
            Some(Err(outcome)) => outcome,
            None => unused(action),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _: Option<&Explorer>, theme: &Theme) {
        self.choices.draw(frame, area, " Copy — Enter copies, Esc closes ", theme);
    }
}

/// `V`: the config file's saved views; Enter makes one the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewsMenu {
    choices: Choices,
}

impl ViewsMenu {
    pub fn new(views: &[(String, String)]) -> Result<ViewsMenu, String> {
        if views.is_empty() {
            return Err("no saved views: add some under [views] in the config file".into());
        }
        Ok(ViewsMenu { choices: Choices { items: views.to_vec(), cursor: 0 } })
    }
}

impl Popup for ViewsMenu {
    fn mode(&self) -> Mode {
        Mode::Picker
    }

    fn hints(&self) -> Vec<(String, &'static str)> {
        menu_hints()
    }

    fn update(&mut self, action: Action, _: Option<&Explorer>) -> Outcome {
        match self.choices.step(action) {
            Some(Ok(i)) => {
                let (name, text) = &self.choices.items[i];
                match Query::parse(text) {
                    Ok(query) => Outcome::ApplyQuery(query),
                    Err(e) => Outcome::Say(format!("view {}: {}", one_line(name), e.message)),
                }
            }
            Some(Err(outcome)) => outcome,
            None => unused(action),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _: Option<&Explorer>, theme: &Theme) {
        self.choices.draw(frame, area, " Saved views — Enter applies, Esc closes ", theme);
    }
}

/// `S`: which story to tell — each of the file's stories, then every event in view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoriesMenu {
    choices: Choices,
}

impl StoriesMenu {
    pub fn new(explorer: &Explorer) -> StoriesMenu {
        let t = &explorer.timeline;
        let mut items: Vec<(String, String)> = t
            .stories
            .iter()
            .map(|s| {
                let n = s.slides.len();
                (s.id.clone(), format!("{} ({n} slide{})", s.title, if n == 1 { "" } else { "s" }))
            })
            .collect();
        let shown = explorer.visible().len();
        items.push(("all".into(), format!("all events in view ({shown}), from the selected one")));
        StoriesMenu { choices: Choices { items, cursor: 0 } }
    }
}

impl Popup for StoriesMenu {
    fn mode(&self) -> Mode {
        Mode::Picker
    }

    fn hints(&self) -> Vec<(String, &'static str)> {
        menu_hints()
    }

    fn update(&mut self, action: Action, explorer: Option<&Explorer>) -> Outcome {
        match self.choices.step(action) {
            Some(Ok(i)) => {
                let stories = explorer.map_or(0, |e| e.timeline.stories.len());
                Outcome::Story((i < stories).then_some(i))
            }
            Some(Err(outcome)) => outcome,
            None => unused(action),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _: Option<&Explorer>, theme: &Theme) {
        self.choices.draw(frame, area, " Tell a story — Enter starts, Esc closes ", theme);
    }
}

/// `!`: every message of this run, newest last, each line of a broken reload's errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogView {
    lines: Vec<String>,
    scroll: usize,
}

impl LogView {
    pub fn new(log: &[String]) -> LogView {
        let mut lines: Vec<String> = log.iter().flat_map(|m| m.lines().map(str::to_string)).collect();
        if lines.is_empty() {
            lines.push("no messages yet".into());
        }
        // Open at the newest.
        LogView { scroll: usize::MAX / 2, lines }
    }
}

impl Popup for LogView {
    fn mode(&self) -> Mode {
        Mode::Help
    }

    fn hints(&self) -> Vec<(String, &'static str)> {
        let close = |(k, h): (String, &'static str)| {
            (k, if h == Action::Open(crate::keys::action::PopupKind::Help).hint() { "close" } else { h })
        };
        crate::keys::keymap::hints(Mode::Help).into_iter().map(close).collect()
    }

    fn update(&mut self, action: Action, _: Option<&Explorer>) -> Outcome {
        let max = self.lines.len();
        self.scroll = self.scroll.min(max);
        match action {
            Action::Open(_) | Action::Back => return Outcome::Close,
            Action::ScrollDown => self.scroll = (self.scroll + 1).min(max),
            Action::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Action::ScrollPageDown => self.scroll = (self.scroll + 10).min(max),
            Action::ScrollPageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::ScrollTop => self.scroll = 0,
            Action::ScrollBottom => self.scroll = max,
            other => return unused(other),
        }
        Outcome::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _: Option<&Explorer>, theme: &Theme) {
        let (w, h) = (area.width.saturating_sub(4).clamp(20, 120), area.height.saturating_sub(2));
        let inner = framed(frame, area, w, h, " Messages — Esc closes ", theme);
        let rows = usize::from(inner.height);
        let first = self.scroll.min(self.lines.len().saturating_sub(rows));
        let lines: Vec<Line> =
            self.lines[first..].iter().take(rows).map(|l| Line::raw(one_line(l).into_owned())).collect();
        // Long lines wrap rather than being cut at the edge.
        let wrapped = Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false });
        frame.render_widget(wrapped, inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explorer::Viewport;
    use crate::model;
    use std::sync::Arc;

    fn explorer() -> Explorer {
        let t = Arc::new(model::load_builtin().unwrap());
        Explorer::new(t, None, Viewport::default())
    }

    #[test]
    fn copies_each_item_and_says_why_not() {
        let e = explorer();
        let mut menu = CopyMenu::new(Some(&e)).unwrap();
        let id = e.timeline.events[e.selected_event().unwrap()].id.clone();
        assert_eq!(
            menu.update(Action::PromptSubmit, Some(&e)),
            Outcome::Effect(Effect::Copy { what: "id".into(), text: id.clone() })
        );
        for _ in 0..9 {
            menu.update(Action::MoveDown, Some(&e));
        }
        assert_eq!(
            menu.update(Action::PromptSubmit, Some(&e)),
            Outcome::Effect(Effect::Copy { what: "link".into(), text: format!("#{id}") }),
            "the built-in timeline's link has no file"
        );
        menu.update(Action::MoveUp, Some(&e));
        let Outcome::Effect(Effect::Copy { what, text }) = menu.update(Action::PromptSubmit, Some(&e)) else {
            panic!("the first event's source has a URL")
        };
        assert_eq!((what.as_str(), text.starts_with("http")), ("URL", true), "{text}");
        assert_eq!(menu.update(Action::PromptCancel, Some(&e)), Outcome::Close);
    }

    #[test]
    fn a_view_applies_its_query() {
        assert!(ViewsMenu::new(&[]).is_err());
        let mut menu = ViewsMenu::new(&[("cn".into(), "country:CN".into())]).unwrap();
        assert_eq!(
            menu.update(Action::PromptSubmit, None),
            Outcome::ApplyQuery(Query::parse("country:CN").unwrap())
        );
    }
}
