//! Where the explorer opens: at the event of a deep link (`FILE#id`), or at a date (`--at`).

use super::Explorer;
use crate::model::date::DateError;
use crate::model::link::{DeepLink, EventRefError};
use crate::model::DateSpec;

/// The dates `t` takes, with times read in the zone the explorer shows (`2024-03-10 00:15`).
/// The plain front end's `go` calls this too, so the two accept the same.
pub fn jump_date(text: &str, explorer: Option<&Explorer>) -> Result<DateSpec, DateError> {
    match explorer {
        Some(ex) => DateSpec::parse_shown_in(text, ex.zone(), &ex.timeline.zone),
        None => DateSpec::parse_shown(text),
    }
}

/// Where the explorer opened, and a note for the header if it could not go exactly there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenedAt {
    /// Nothing was asked: at the first event.
    Nowhere,
    /// At the linked event (its detail should show).
    Event(Option<String>),
    /// At the date, or the nearest shown event.
    Date(Option<String>),
}

impl Explorer {
    /// Goes to the event a deep link names, else to a date (any form `t` takes, times read in
    /// the zone shown). A link that names no event is an error (with the nearest id); an event
    /// the filter hides is a note, and its date is used.
    pub fn open_at(&mut self, link: Option<&DeepLink>, at: Option<&str>) -> Result<OpenedAt, EventRefError> {
        if let Some(link) = link {
            let event = link.find(&self.timeline)?;
            if self.select_event(event) {
                self.keep_selection_visible();
                return Ok(OpenedAt::Event(None));
            }
            let note = format!(
                "{} is hidden by the filter; x clears it",
                crate::text::escape(&self.timeline.qualified_id(event))
            );
            let date = self.timeline.events[event].date;
            if let Some((position, _)) = self.position_for_date(&date) {
                self.jump(position);
            }
            return Ok(OpenedAt::Date(Some(note)));
        }
        if let Some(text) = at {
            let date = match DateSpec::parse_shown_in(text, self.zone(), &self.timeline.zone) {
                Ok(date) => date,
                Err(e) => {
                    let note = format!("cannot go to `{}`: {e}", crate::text::escape(text));
                    return Ok(OpenedAt::Date(Some(note)));
                }
            };
            return Ok(match self.position_for_date(&date) {
                Some((position, note)) => {
                    self.jump(position);
                    OpenedAt::Date(note)
                }
                None => OpenedAt::Date(Some("no events are shown".into())),
            });
        }
        Ok(OpenedAt::Nowhere)
    }
}
