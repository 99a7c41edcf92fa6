//! Small menus: `y` (what to copy), `V` (the config file's saved views), and `!` (this run's
//! messages). Arrows choose, Enter does it, Esc closes.

use super::{framed, menu_hints, unused, Outcome, Popup};
use crate::explorer::Explorer;
use crate::export::markdown;
use crate::keys::action::Action;
use crate::keys::keymap::Mode;
use crate::model::link::DeepLink;
use crate::model::query::Query;
use crate::report;
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
    /// The widest text the rows may come to hold, so a menu whose texts change (the copy
    /// menu's forms) keeps its width and place; the items' own widths count too.
    widest_text: usize,
}

impl Choices {
    /// Moves, or says which item Enter chose; `None` for anything else.
    fn step(&mut self, action: Action) -> Option<Result<usize, Outcome>> {
        // No typing here: the list's movement letters (`j`, `k`) move, as in the export menu.
        let action = super::list::movement_of_letter(action);
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
        let text_width =
            self.items.iter().map(|(_, t)| width(&one_line(t))).max().unwrap_or(0).max(self.widest_text);
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

/// `y`: copy something about the selected event: its id, title or link, or one of its sources
/// cited in the form chosen with Space (plain text, Markdown, the bare URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyMenu {
    choices: Choices,
    /// The id, the title and the link; `Err` says why there is nothing to copy.
    event: Vec<(&'static str, Result<String, String>)>,
    /// Each source in each form.
    sources: Vec<[Result<String, String>; 3]>,
    form: CitationForm,
}

/// What Space does in the copy menu, the one wording of its title and the status line; each
/// form's `label` is a word of it.
const CITE_WORDS: &str = "cite as text, Markdown or URL";

/// A copy menu row's text: the value, or why there is none.
fn shown(value: &Result<String, String>) -> String {
    match value {
        Ok(v) => v.clone(),
        Err(why) => format!("({why})"),
    }
}

/// How the copy menu cites a source; Space goes to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationForm {
    /// "Title — Publisher, date, URL".
    Plain,
    /// `[Title](<URL>) — Publisher, date`, as the Markdown export writes it.
    Markdown,
    /// The source's URL alone.
    Url,
}

impl CitationForm {
    fn index(self) -> usize {
        self as usize
    }

    fn next(self) -> CitationForm {
        match self {
            CitationForm::Plain => CitationForm::Markdown,
            CitationForm::Markdown => CitationForm::Url,
            CitationForm::Url => CitationForm::Plain,
        }
    }

    /// The form's word in `CITE_WORDS`.
    fn label(self) -> &'static str {
        match self {
            CitationForm::Plain => "text",
            CitationForm::Markdown => "Markdown",
            CitationForm::Url => "URL",
        }
    }

    /// `CITE_WORDS` with this form in brackets, `cite as text, [Markdown] or URL`: the same
    /// width whichever form it is, so the menu's title does not move.
    fn cite_words(self) -> String {
        CITE_WORDS.replacen(self.label(), &format!("[{}]", self.label()), 1)
    }

    /// What the copy message calls a source copied in this form.
    fn name(self) -> &'static str {
        match self {
            CitationForm::Plain => "citation",
            CitationForm::Markdown => "Markdown citation",
            CitationForm::Url => "URL",
        }
    }
}

impl CopyMenu {
    /// The menu for the selected event.
    pub fn new(explorer: Option<&Explorer>) -> Result<CopyMenu, String> {
        let explorer = explorer.ok_or("still loading")?;
        let ix = explorer.selected_event().ok_or("no event is selected")?;
        let event = &explorer.timeline.events[ix];
        // `FILE#id` (the file as given); the built-in timeline's events are `#id`, which
        // `timeline-explorer '#id'` and `show '#id'` take as well.
        let link = DeepLink::to_event(&explorer.timeline, ix).to_string();
        let own = vec![("id", Ok(event.id.clone())), ("title", Ok(event.title.clone())), ("link", Ok(link))];
        let sources = event
            .sources
            .iter()
            .map(|source| {
                [
                    Ok(report::citation(source, explorer.zone())),
                    Ok(markdown::source_line(source)),
                    source.url.clone().ok_or_else(|| "this source has no URL".to_string()),
                ]
            })
            .collect();
        let mut menu = CopyMenu {
            choices: Choices { items: Vec::new(), cursor: 0, widest_text: 0 },
            event: own,
            sources,
            form: CitationForm::Plain,
        };
        // Every form's text counts, so Space changes what the rows say, not where the menu is.
        menu.choices.widest_text =
            menu.sources.iter().flatten().map(|v| width(&one_line(&shown(v)))).max().unwrap_or(0);
        menu.fill();
        Ok(menu)
    }

    /// The rows: the event's own items, then each source in the chosen form.
    fn fill(&mut self) {
        let mut items: Vec<(String, String)> =
            self.event.iter().map(|(label, value)| (label.to_string(), shown(value))).collect();
        for (n, forms) in self.sources.iter().enumerate() {
            items.push((format!("source {}", n + 1), shown(&forms[self.form.index()])));
        }
        self.choices.items = items;
    }

    /// Item `i`: what the message calls it and what it copies.
    fn item(&self, i: usize) -> (String, &Result<String, String>) {
        match self.event.get(i) {
            Some((label, value)) => (label.to_string(), value),
            None => {
                let n = i - self.event.len();
                (format!("source {} {}", n + 1, self.form.name()), &self.sources[n][self.form.index()])
            }
        }
    }

    pub fn form(&self) -> CitationForm {
        self.form
    }
}

impl Popup for CopyMenu {
    fn mode(&self) -> Mode {
        Mode::Picker
    }

    fn hints(&self) -> Vec<(String, &'static str)> {
        let mut hints = menu_hints();
        if !self.sources.is_empty() {
            if let Some(key) = crate::keys::keymap::key_label(Action::PickerToggle) {
                hints.push((key, CITE_WORDS));
            }
        }
        hints
    }

    fn update(&mut self, action: Action, _: Option<&Explorer>) -> Outcome {
        if action == Action::PickerToggle {
            self.form = self.form.next();
            self.fill();
            return Outcome::Consumed;
        }
        match self.choices.step(action) {
            Some(Ok(i)) => match self.item(i) {
                (what, Ok(text)) => Outcome::Effect(Effect::Copy { what, text: text.clone() }),
                (_, Err(why)) => Outcome::Say(why.clone()),
            },
            Some(Err(outcome)) => outcome,
            None => unused(action),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _: Option<&Explorer>, theme: &Theme) {
        let title = match self.sources.is_empty() {
            true => " Copy — Enter copies, Esc closes ".to_string(),
            false => {
                let space = crate::keys::keymap::key_label(Action::PickerToggle).unwrap_or_default();
                format!(" Copy — Enter copies, {space} {}, Esc closes ", self.form.cite_words())
            }
        };
        self.choices.draw(frame, area, &title, theme);
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
        Ok(ViewsMenu { choices: Choices { items: views.to_vec(), cursor: 0, widest_text: 0 } })
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
        StoriesMenu { choices: Choices { items, cursor: 0, widest_text: 0 } }
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
    fn copies_the_id_title_link_and_each_source_in_each_form() {
        let e = explorer();
        let ix = e.selected_event().unwrap();
        let event = &e.timeline.events[ix];
        let mut menu = CopyMenu::new(Some(&e)).unwrap();
        let copy = |menu: &mut CopyMenu| match menu.update(Action::PromptSubmit, Some(&e)) {
            Outcome::Effect(Effect::Copy { what, text }) => (what, text),
            other => panic!("{other:?}"),
        };
        assert_eq!(copy(&mut menu), ("id".into(), event.id.clone()));
        menu.update(Action::MoveDown, Some(&e));
        menu.update(Action::MoveDown, Some(&e));
        assert_eq!(
            copy(&mut menu),
            ("link".into(), format!("#{}", event.id)),
            "the built-in one's has no file"
        );
        // The second source, not the first, and its own title.
        menu.update(Action::MoveDown, Some(&e));
        menu.update(Action::MoveDown, Some(&e));
        let second = &event.sources[1];
        let (what, text) = copy(&mut menu);
        assert_eq!(what, "source 2 citation");
        assert!(text.starts_with(second.title.trim()) && !text.contains(&event.title), "{text}");
        assert!(text.ends_with(second.url.as_deref().unwrap()), "{text}");
        assert!(text.contains(second.publisher.as_deref().unwrap()), "{text}");
        menu.update(Action::PickerToggle, Some(&e));
        assert_eq!(menu.form(), CitationForm::Markdown);
        let (what, text) = copy(&mut menu);
        assert_eq!(what, "source 2 Markdown citation");
        assert!(text.starts_with(&format!("[{}](<", second.title.trim())), "{text}");
        menu.update(Action::PickerToggle, Some(&e));
        assert_eq!(copy(&mut menu), ("source 2 URL".into(), second.url.clone().unwrap()));
        menu.update(Action::PickerToggle, Some(&e));
        assert_eq!(menu.form(), CitationForm::Plain, "Space goes round");
        // The cursor stays in range at the end.
        for _ in 0..40 {
            menu.update(Action::MoveDown, Some(&e));
        }
        assert_eq!(copy(&mut menu).0, format!("source {} citation", event.sources.len()));
        assert_eq!(menu.update(Action::PromptCancel, Some(&e)), Outcome::Close);
    }

    #[test]
    fn a_source_without_a_url_says_so_rather_than_copy_nothing() {
        let t = model::load_str(
            "t.yaml",
            "title: T\nevents:\n  - id: a\n    title: A\n    date: 2020\n    sources:\n      - {title: Paper, publisher: P}\n",
        )
        .unwrap();
        let e = Explorer::new(Arc::new(t), None, Viewport::default());
        let mut menu = CopyMenu::new(Some(&e)).unwrap();
        for _ in 0..3 {
            menu.update(Action::MoveDown, Some(&e));
        }
        assert_eq!(
            menu.update(Action::PromptSubmit, Some(&e)),
            Outcome::Effect(Effect::Copy { what: "source 1 citation".into(), text: "Paper — P".into() })
        );
        menu.update(Action::PickerToggle, Some(&e));
        menu.update(Action::PickerToggle, Some(&e));
        assert_eq!(
            menu.update(Action::PromptSubmit, Some(&e)),
            Outcome::Say("this source has no URL".into())
        );
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

    /// `j` and `k` move through a menu's items as the arrows do (`y j j Enter` once copied the
    /// first item).
    #[test]
    fn the_list_letters_move_through_a_menu() {
        let mut menu =
            ViewsMenu::new(&[("cn".into(), "country:CN".into()), ("us".into(), "country:US".into())])
                .unwrap();
        assert_eq!(menu.update(Action::Type('j'), None), Outcome::Consumed);
        assert_eq!(
            menu.update(Action::PromptSubmit, None),
            Outcome::ApplyQuery(Query::parse("country:US").unwrap())
        );
        menu.update(Action::Type('k'), None);
        assert_eq!(
            menu.update(Action::PromptSubmit, None),
            Outcome::ApplyQuery(Query::parse("country:CN").unwrap())
        );
    }
}
