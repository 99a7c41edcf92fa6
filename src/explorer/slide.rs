//! A story's slide laid out in rows, without styles: what story mode shows (`tui::story` draws
//! it) and what the explorer scrolls and follows links by (`rows`), from the same layout. Costs
//! the one slide, whatever the story's length.

use super::story::StoryPlay;
use super::Explorer;
use crate::model::story::{Slide, Telling};
use crate::model::EventIx;
use crate::text::{self, one_line};

/// The widest a slide's text is set: a comfortable line to read.
pub const MEASURE: usize = 70;

/// Rows around the slide: the line naming it above, the strip and the keys below.
pub const CHROME_ROWS: u16 = 3;

/// What a row of a slide is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Date,
    Title,
    Status,
    Who,
    Text,
    Quote,
    Speaker,
    Heading,
    /// The `n`th related event.
    Link(usize),
    Source,
    Blank,
}

/// A slide laid out in rows of at most the measure, each with its indent inside the measure.
pub struct Laid {
    pub rows: Vec<(Role, usize, String)>,
    pub links: Vec<(EventIx, usize)>,
}

impl Laid {
    fn blank(&mut self) {
        if self.rows.last().is_some_and(|(r, ..)| *r != Role::Blank) {
            self.rows.push((Role::Blank, 0, String::new()));
        }
    }

    /// `text` wrapped at `measure - indent`, every row made safe to show.
    fn wrapped(&mut self, role: Role, indent: usize, text: &str, measure: usize) {
        for row in text::wrap(&text::display_safe(text, true), measure.saturating_sub(indent).max(1)) {
            self.rows.push((role, indent, one_line(&row).into_owned()));
        }
    }
}

/// How much of a slide there is, how much shows, and where its links are: what the explorer
/// needs to scroll and to bring a highlighted link into sight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    pub total: usize,
    pub height: usize,
    /// Each related event with the row it is on.
    pub links: Vec<(EventIx, usize)>,
}

/// The slide on screen at `width` × `height`, in rows.
pub fn rows(explorer: &Explorer, width: u16, height: u16) -> Rows {
    let Some(play) = explorer.story() else { return Rows::default() };
    let laid = lay_out(explorer, play, measure(width));
    Rows {
        total: laid.rows.len(),
        height: usize::from(height.saturating_sub(CHROME_ROWS)),
        links: laid.links,
    }
}

impl Explorer {
    /// The slide laid out at the screen's size, for scrolling and links (`story.rs`).
    pub(super) fn story_rows(&self) -> Rows {
        rows(self, self.viewport.screen_width, self.viewport.screen_height)
    }
}

/// The width a slide's text is set at on a screen `width` wide.
pub fn measure(width: u16) -> usize {
    usize::from(width).saturating_sub(2).clamp(1, MEASURE)
}

pub fn lay_out(explorer: &Explorer, play: &StoryPlay, measure: usize) -> Laid {
    let mut laid = Laid { rows: Vec::new(), links: Vec::new() };
    let timeline = &explorer.timeline;
    let Some(event) = play.event() else {
        title_slide(&mut laid, &play.telling, explorer, measure);
        return laid;
    };
    let slide = Slide::of(timeline, event, play.slide_text(), explorer.zone());
    laid.blank_start();
    let mut date = slide.date.clone();
    if let Some(status) = slide.status {
        date.push_str(&format!(" · {status}"));
    }
    laid.wrapped(Role::Date, 0, &date, measure);
    if let Some(local) = &slide.local {
        laid.wrapped(Role::Who, 0, local, measure);
    }
    laid.blank();
    laid.wrapped(Role::Title, 0, &slide.title, measure);
    if slide.status.is_some() {
        // Said in words too, not only by the title's colour.
        laid.wrapped(Role::Status, 0, &format!("({})", slide.status.unwrap_or_default()), measure);
    }
    if let Some(change) = &slide.change {
        laid.wrapped(Role::Status, 0, &format!("({change})"), measure);
    }
    if !slide.who.is_empty() || slide.place.is_some() {
        laid.blank();
    }
    if let Some(place) = &slide.place {
        laid.wrapped(Role::Who, 0, &format!("Where: {place}"), measure);
    }
    for who in &slide.who {
        laid.wrapped(Role::Who, 0, who, measure);
    }
    for paragraph in &slide.paragraphs {
        for part in paragraph.split("\n\n") {
            laid.blank();
            laid.wrapped(Role::Text, 0, part, measure);
        }
    }
    for (said, by) in &slide.quotes {
        laid.blank();
        laid.wrapped(Role::Quote, 4, &format!("“{said}”"), measure);
        laid.wrapped(Role::Speaker, 6, &format!("— {by}"), measure);
    }
    if !slide.links.is_empty() {
        laid.blank();
        laid.rows.push((Role::Heading, 0, "Related (n highlights, Enter follows)".into()));
        for (i, (other, words)) in slide.links.iter().enumerate() {
            laid.links.push((*other, laid.rows.len()));
            laid.wrapped(Role::Link(i), 2, &format!("→ {words}"), measure);
        }
    }
    if !slide.sources.is_empty() {
        laid.blank();
        laid.rows.push((Role::Heading, 0, "Sources".into()));
        for source in &slide.sources {
            laid.wrapped(Role::Source, 2, &format!("· {source}"), measure);
        }
    }
    laid
}

impl Laid {
    /// A blank first row: a slide starts a little below the line naming it.
    fn blank_start(&mut self) {
        self.rows.push((Role::Blank, 0, String::new()));
    }
}

fn title_slide(laid: &mut Laid, telling: &Telling, explorer: &Explorer, measure: usize) {
    let title = telling.title_slide(&explorer.timeline);
    laid.blank_start();
    laid.wrapped(Role::Title, 0, &title.title, measure);
    if let Some(description) = &title.description {
        for part in description.split("\n\n") {
            laid.blank();
            laid.wrapped(Role::Text, 0, part, measure);
        }
    }
    laid.blank();
    if let Some(span) = &title.span {
        laid.wrapped(Role::Date, 0, span, measure);
    }
    laid.wrapped(Role::Who, 0, &format!("{} · Space or → to begin", title.slides), measure);
    if !title.countries.is_empty() {
        laid.blank();
        laid.wrapped(Role::Who, 0, &format!("Countries: {}", title.countries.join(", ")), measure);
    }
    if !title.agencies.is_empty() {
        laid.wrapped(Role::Who, 0, &format!("Agencies: {}", title.agencies.join(", ")), measure);
    }
}
