//! What the plain front end says: an event as one sentence, the detail as lines of words.
//! Everything from the data passes through `text::one_line` / `display_safe` here, and the
//! session makes every line safe once more on its way out.

use crate::explorer::Explorer;
use crate::model::{EventIx, Status, Timeline};
use crate::report::{self, DetailLine, Wording};
use crate::text::{display_safe, one_line};

/// "15 of 21. November 19, 2016: Xi and Obama meet at APEC in Lima. By China, United States; also
/// involved: Peru."
///
/// The position comes first, so someone moving through the list hears where they are before the
/// details; a planned or cancelled event says so there, and so does a search match unless the
/// line already began with "Match 2 of 3".
pub fn sentence(explorer: &Explorer, say_match: bool) -> String {
    let Some(event_ix) = explorer.selected_event() else {
        return "No events are shown; clear shows every event.".into();
    };
    let timeline = &explorer.timeline;
    let event = &timeline.events[event_ix];
    let mut out = format!("{} of {}", explorer.selected() + 1, explorer.visible().len());
    if event.status != Status::Happened {
        out.push_str(&format!(", {}", event.status.words()));
    }
    if say_match && explorer.is_match(event_ix) {
        out.push_str(", a search match");
    }
    // `--changes REV`: the `+`/`~` marks of the list, in words.
    if let Some(words) = timeline.since.as_ref().and_then(|s| s.words_of(event_ix)) {
        out.push_str(&format!(", {words}"));
    }
    out.push_str(". ");
    out.push_str(&titled(timeline, event_ix, explorer.zone()));
    let countries = countries(timeline, event_ix);
    if !countries.is_empty() {
        out.push(' ');
        out.push_str(&countries);
        out.push('.');
    }
    out
}

/// "November 19, 2016: Xi and Obama meet at APEC in Lima." — a sentence however the title ends.
fn titled(timeline: &Timeline, event: EventIx, zone: &crate::model::Zone) -> String {
    let e = &timeline.events[event];
    let title = one_line(e.title.trim());
    let mut out = capitalized(&e.date.long_in(zone));
    out.push_str(&format!(": {title}"));
    if !title.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// "Around April 2016" opens a sentence as "around April 2016" would not.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "By China, United States; also involved: Peru": who acted, then the other countries the event
/// involves (`model::sides::RowCountries`, the list's badges in words).
fn countries(timeline: &Timeline, event: EventIx) -> String {
    let row = crate::model::sides::RowCountries::of(timeline, &timeline.events[event]);
    let form = crate::model::sides::BadgeForm::of(timeline);
    row.words(timeline, form).map(|w| one_line(&w).into_owned()).unwrap_or_default()
}

/// One linked event for `related`: "2. comes before: Second round of the dialogue in Beijing, June 14,
/// 2016."
pub fn link_line(explorer: &Explorer, number: usize, link: &report::Connection) -> String {
    let other = &explorer.timeline.events[link.event];
    let title = one_line(other.title.trim());
    let mut out = format!(
        "{number}. {}: {title}, {}.",
        one_line(&link.relation.spoken()),
        other.date.long_in(explorer.zone())
    );
    if explorer.position_of(link.event).is_none() {
        out.push_str(" Hidden by the filter.");
    }
    out
}

/// The slide shown in story mode as paragraphs: where it is in the story and how long after
/// the one before, then what the slide says, each piece a line.
pub fn slide(explorer: &Explorer) -> Vec<String> {
    let Some(play) = explorer.story() else { return Vec::new() };
    let timeline = &explorer.timeline;
    let telling = &play.telling;
    let mut lines = Vec::new();
    let Some(event) = play.event() else {
        let title = telling.title_slide(timeline);
        lines.push(format!("Story: {}.", one_line(title.title.trim())));
        if let Some(description) = &title.description {
            lines.push(one_line(description).into_owned());
        }
        let span = title.span.map(|s| format!(", {s}")).unwrap_or_default();
        lines.push(format!("{}{span}.", title.slides));
        if !title.countries.is_empty() {
            lines.push(format!("Countries: {}.", one_line(&title.countries.join(", "))));
        }
        if !title.agencies.is_empty() {
            lines.push(format!("Agencies: {}.", one_line(&title.agencies.join(", "))));
        }
        return lines;
    };
    let place = match (play.detour(), play.slide()) {
        (Some(_), _) => format!("Off the story, from slide {}.", play.position()),
        (None, Some(0)) => format!("Slide 1 of {}.", play.len()),
        (None, Some(n)) => {
            format!(
                "Slide {} of {}, {}.",
                n + 1,
                play.len(),
                telling.gap_before(timeline, n).unwrap_or_default()
            )
        }
        (None, None) => String::new(),
    };
    lines.push(place);
    let slide = crate::model::story::Slide::of(timeline, event, play.slide_text(), explorer.zone());
    lines.push(one_line(&slide.date).into_owned());
    if let Some(local) = &slide.local {
        lines.push(one_line(local).into_owned());
    }
    let status = slide.status.map(|s| format!(" ({s})")).unwrap_or_default();
    lines.push(format!("{}{status}", one_line(slide.title.trim())));
    if let Some(change) = &slide.change {
        lines.push(format!("{}.", capitalized(change)));
    }
    if let Some(place) = &slide.place {
        lines.push(format!("Where: {}", one_line(place)));
    }
    lines.extend(slide.who.iter().map(|w| one_line(w).into_owned()));
    for paragraph in &slide.paragraphs {
        lines.extend(
            display_safe(paragraph, true).split('\n').filter(|l| !l.trim().is_empty()).map(str::to_string),
        );
    }
    for (said, by) in &slide.quotes {
        lines.push(format!("“{}” said {}.", one_line(said), one_line(by)));
    }
    for (n, (_, words)) in slide.links.iter().enumerate() {
        lines.push(format!("Related {}: {}", n + 1, one_line(words)));
    }
    for source in &slide.sources {
        lines.push(format!("Source: {}", one_line(source)));
    }
    lines
}

/// The detail as lines of words: the title, `Label: value` lines, each section under its name
/// (`Summary:`), each item and paragraph on a line of its own. No wrapping: a screen reader or a
/// braille display reads by line, and the terminal wraps long ones anyway. Times and the
/// days between events are in `zone`, the zone the session shows.
pub fn detail(timeline: &Timeline, event: EventIx, zone: &crate::model::Zone) -> Vec<String> {
    let mut lines = Vec::new();
    for line in report::detail_in(timeline, event, Wording::Spoken, zone) {
        match line {
            DetailLine::Title(t) => lines.push(one_line(t.trim()).into_owned()),
            DetailLine::Field(label, value) => lines.push(format!("{label}: {}", one_line(&value))),
            DetailLine::Heading(h) => lines.push(format!("{h}:")),
            DetailLine::Paragraph(p) => {
                lines.extend(display_safe(&p, true).split('\n').map(|l| l.trim_end().to_string()))
            }
            DetailLine::Bullet(b) => lines.push(one_line(&b).into_owned()),
            DetailLine::Source { text, url } => lines.push(match url {
                Some(url) => format!("{} <{}>", one_line(&text), one_line(&url)),
                None => one_line(&text).into_owned(),
            }),
            DetailLine::Link { text, .. } => lines.push(one_line(&text).into_owned()),
            DetailLine::Blank => lines.push(String::new()),
        }
    }
    lines
}
