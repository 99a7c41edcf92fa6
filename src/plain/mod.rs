//! The plain front end (`--plain`, or `TIMELINE_EXPLORER_PLAIN=1`): the explorer as a
//! conversation, for screen readers, braille displays and scripts. It reads one command a line
//! and answers in lines of plain text: no alternate screen, no cursor addressing, no colours, no
//! box drawing, and it never touches the terminal's modes, so the terminal's own line editing,
//! echo and the screen reader's review all keep working.
//!
//! It is another client of the same `Explorer` the interactive explorer drives: the selection,
//! the filter (`apply_query`), the search (`search_now`, `step_match`), the history and the date
//! jumps are the explorer's, and the letters are the explorer's keymap. Only the wording is its
//! own (`speech`).

mod commands;
mod speech;
#[cfg(test)]
mod tests;

pub use commands::{help_lines, letters, parse, Parsed, Verb, COMMANDS};

use crate::explorer::{Explorer, Viewport};
use crate::model::filter::Filter;
use crate::model::index::Index;
use crate::model::query::{Query, QueryError};
use crate::model::suggest::did_you_mean;
use crate::model::{Timeline, Zone};
use crate::text::{display_safe, escape, one_line};
use std::io::{self, BufRead, Write};
use std::sync::Arc;

/// The longest command line read, in bytes. A longer one is refused whole (and never held in
/// memory), so a runaway pipe cannot make the session grow without bound.
pub const MAX_LINE_BYTES: usize = 4096;

pub struct Session {
    explorer: Explorer,
    /// A command was refused; the exit code says so, for scripts.
    pub failed: bool,
    /// `quit` was given.
    pub finished: bool,
}

impl Session {
    /// A session on a loaded timeline, starting filtered by `query` (from the command line),
    /// times shown in `zone` (`--tz`; the timeline's without one).
    pub fn new(timeline: Timeline, query: Query, zone: Option<Zone>) -> Result<Session, QueryError> {
        let zone = zone.unwrap_or(timeline.zone);
        Filter::new(&timeline, &query, &zone)?;
        let index = Arc::new(Index::new(&timeline));
        let mut explorer = Explorer::new(Arc::new(timeline), Some(index), Viewport::default());
        explorer.set_zone(zone);
        explorer.select(0); // the first event in the zone's order, as without --tz
        if !query.is_empty() {
            // Resolved just above, so it applies.
            let _ = explorer.apply_query(query);
        }
        Ok(Session { explorer, failed: false, finished: false })
    }

    /// Starts at the event of a deep link, or at a date (`--at`), as the explorer does.
    pub fn open_at(
        &mut self,
        link: Option<&crate::model::link::DeepLink>,
        at: Option<&str>,
    ) -> Result<(), crate::model::link::EventRefError> {
        self.explorer.open_at(link, at).map(|_| ())
    }

    pub fn explorer(&self) -> &Explorer {
        &self.explorer
    }

    /// What is said before the first command: the timeline, the filter, the first event.
    pub fn opening(&self) -> String {
        let ex = &self.explorer;
        let timeline = &ex.timeline;
        let total = timeline.events.len();
        let mut first = one_line(timeline.title.trim()).into_owned();
        match ex.time_range() {
            None => first.push_str(": no events."),
            Some((from, to)) => {
                use chrono::Datelike;
                let (a, b) =
                    (crate::model::date::long_year(from.year()), crate::model::date::long_year(to.year()));
                let span = if a == b { format!("in {a}") } else { format!("from {a} to {b}") };
                first.push_str(&format!(": {} {span}.", events(total)));
            }
        }
        if let Some(note) = ex.zone_note() {
            first.push_str(&format!(" Times in {}; {note}.", ex.zone()));
        }
        first.push_str(" Type help for the commands, quit to leave.");
        let mut lines = vec![first];
        if !ex.query().is_empty() {
            lines.push(self.filter_said());
        }
        if ex.story().is_some() {
            lines.extend(speech::slide(ex));
        } else if total > 0 {
            lines.push(speech::sentence(ex, true));
        }
        safe(&lines)
    }

    /// Starts in story mode (`--story`): the file's story `id`, or the shown events.
    pub fn start_story(&mut self, id: Option<&str>) -> Result<(), String> {
        self.story(id.unwrap_or_default()).map(|_| ())
    }

    /// Every slide of the story being told, from its title slide, as paragraphs with a blank
    /// line between slides (`story` when stdout is not a terminal).
    pub fn tell_all(&mut self) -> String {
        let ex = &mut self.explorer;
        let mut lines = Vec::new();
        ex.story_go(0);
        loop {
            lines.extend(speech::slide(ex));
            lines.push(String::new());
            if ex.story_step(true).is_some() {
                break;
            }
        }
        safe(&lines)
    }

    /// Carries out one command line and returns what it says, every line safe to print.
    pub fn command(&mut self, line: &str) -> String {
        let said = match parse(line) {
            Ok(Parsed::Blank) => return String::new(),
            Ok(Parsed::Command { verb, argument }) => self.run(verb, argument),
            Err(e) => Err(e),
        };
        match said {
            Ok(lines) => safe(&lines),
            Err(e) => self.refuse(&e),
        }
    }

    /// An error line (`error: …`), remembered for the exit code.
    pub fn refuse(&mut self, why: &str) -> String {
        self.failed = true;
        safe(&[format!("error: {why}")])
    }

    fn run(&mut self, verb: Verb, argument: &str) -> Result<Vec<String>, String> {
        let ex = &mut self.explorer;
        let shown = ex.visible().len();
        let one = |line: String| Ok(vec![line]);
        if shown == 0 && !matches!(verb, Verb::Filter | Verb::Clear | Verb::Help | Verb::Quit | Verb::Back) {
            return one(speech::sentence(ex, true));
        }
        if ex.story().is_some() {
            if let Some(said) = self.in_story(verb, argument) {
                return said;
            }
        }
        let ex = &mut self.explorer;
        match verb {
            Verb::Story => self.story(argument),
            Verb::Leave => Err("no story is being told; story starts one".into()),
            Verb::Next | Verb::Previous => {
                let at = ex.selected();
                let (edge, word) = if verb == Verb::Next { (shown - 1, "next") } else { (0, "previous") };
                if at == edge {
                    let which = if verb == Verb::Next { "last" } else { "first" };
                    return one(format!("No {word} event: {} of {shown} is the {which}.", at + 1));
                }
                ex.select(if verb == Verb::Next { at + 1 } else { at - 1 });
                one(speech::sentence(ex, true))
            }
            Verb::First => {
                ex.jump(0);
                one(speech::sentence(ex, true))
            }
            Verb::Last => {
                ex.jump(shown - 1);
                one(speech::sentence(ex, true))
            }
            Verb::NextYear | Verb::PreviousYear => match ex.jump_year(verb == Verb::NextYear) {
                Some(_) if verb == Verb::NextYear => one("No later year.".into()),
                Some(_) => one("No earlier year.".into()),
                None => one(speech::sentence(ex, true)),
            },
            Verb::Show => {
                let event = ex.selected_event().expect("events are shown");
                Ok(speech::detail(&ex.timeline, event, ex.zone()))
            }
            Verb::Go => self.go(argument),
            Verb::Filter => self.filter(argument),
            Verb::Clear => {
                ex.clear_filters();
                let total = ex.timeline.events.len();
                one(format!("Filter and search cleared: {}. {}", events(total), speech::sentence(ex, true)))
            }
            Verb::Search => match ex.search_now(argument) {
                Some(0) => one("No shown event matches.".into()),
                Some(n) => {
                    let within =
                        if ex.query().is_empty() { String::new() } else { " among the filtered ones".into() };
                    one(format!("{}{within}. Match 1 of {n}: {}", matching(n), speech::sentence(ex, false)))
                }
                None => Err("the search is still running".into()),
            },
            Verb::NextMatch | Verb::PreviousMatch => self.step_match(verb == Verb::NextMatch),
            Verb::Related => self.related(argument),
            Verb::Back => match ex.history_back() {
                Some(_) => one("Nothing to go back to.".into()),
                None => one(speech::sentence(ex, true)),
            },
            Verb::Help => Ok(help_lines()),
            Verb::Quit => {
                self.finished = true;
                Ok(Vec::new())
            }
        }
    }

    /// `story [ID]`: the file's story ID, or the shown events from the selected one.
    fn story(&mut self, argument: &str) -> Result<Vec<String>, String> {
        let ex = &mut self.explorer;
        let story = match argument {
            "" => None,
            id => Some(ex.timeline.find_story(id).map_err(|e| e.to_string())?),
        };
        ex.enter_story(story)?;
        Ok(speech::slide(ex))
    }

    /// A command while a story is told: the moving ones move through its slides (the explorer's
    /// story keys do the same); `None` for the others, which work as ever.
    fn in_story(&mut self, verb: Verb, argument: &str) -> Option<Result<Vec<String>, String>> {
        let ex = &mut self.explorer;
        let note = match verb {
            Verb::Next => ex.story_step(true),
            Verb::Previous => ex.story_step(false),
            Verb::First => ex.story_go(0),
            Verb::Last => ex.story_go(ex.story()?.len()),
            Verb::Show => None,
            Verb::Story => return Some(self.story(argument)),
            Verb::Leave => {
                let note = ex.leave_story();
                let mut lines: Vec<String> = note.into_iter().collect();
                lines.push(format!("Story left. {}", speech::sentence(ex, true)));
                return Some(Ok(lines));
            }
            _ => return None,
        };
        let mut lines: Vec<String> = note.into_iter().collect();
        lines.extend(speech::slide(ex));
        Some(Ok(lines))
    }

    /// `go DATE` (any date form `t` takes) or `go ID`. A date wins over an id that reads the same.
    fn go(&mut self, argument: &str) -> Result<Vec<String>, String> {
        let ex = &mut self.explorer;
        let date = crate::explorer::jump_date(argument, Some(&*ex));
        if let Ok(date) = &date {
            let (position, _) = ex.position_for_date(date).expect("events are shown");
            ex.jump(position);
            let start = ex.shown_first_day(ex.visible()[position]);
            let within = date.first_day() <= start && start <= date.last_day();
            let lead = if within {
                String::new()
            } else {
                format!("No shown event starts in {}; the nearest: ", date.long())
            };
            return Ok(vec![format!("{lead}{}", speech::sentence(ex, true))]);
        }
        match ex.timeline.event_index(argument) {
            Some(event) if ex.position_of(event).is_some() => {
                ex.go_to(event);
                return Ok(vec![speech::sentence(ex, true)]);
            }
            Some(_) => {
                return Err(format!(
                    "`{}` is hidden by the filter; clear shows every event",
                    escape(argument)
                ))
            }
            None => {}
        }
        let ids = ex.timeline.events.iter().map(|e| e.id.as_str());
        let near = did_you_mean(argument, ids).map(|id| format!("; did you mean `{}`?", escape(id)));
        let looks_like_date = argument.starts_with(|c: char| c.is_ascii_digit() || c == '~' || c == '-');
        Err(match (date, near) {
            (Err(e), None) if looks_like_date => format!("`{}` is not a date: {e}", escape(argument)),
            (_, Some(near)) => format!("no event with id `{}`{near}", escape(argument)),
            (_, None) => {
                format!(
                    "`{}` is neither a date (2016, 2016-12, 2016-12-07) nor an event id",
                    escape(argument)
                )
            }
        })
    }

    /// `filter QUERY` applies a query; `filter` alone says the one in force.
    fn filter(&mut self, argument: &str) -> Result<Vec<String>, String> {
        if argument.is_empty() {
            return Ok(vec![self.filter_said()]);
        }
        let query = Query::parse(argument).map_err(|e| query_error(&e))?;
        let ex = &mut self.explorer;
        if let Err(e) = Filter::new(&ex.timeline, &query, ex.zone()) {
            return Err(query_error(&e));
        }
        ex.apply_query(query)?;
        // A kept search follows the filter, as in the explorer.
        ex.run_search_here();
        let mut line = self.filter_said();
        line.push(' ');
        line.push_str(&speech::sentence(&self.explorer, true));
        Ok(vec![line])
    }

    /// "Filter: country:CN. 12 of 13 events." or "No filter: 13 events."
    fn filter_said(&self) -> String {
        let ex = &self.explorer;
        let total = ex.timeline.events.len();
        if ex.query().is_empty() {
            return format!("No filter: {}.", events(total));
        }
        format!("Filter: {}. {} of {}.", one_line(&ex.query().to_string()), ex.visible().len(), events(total))
    }

    fn step_match(&mut self, forward: bool) -> Result<Vec<String>, String> {
        let ex = &mut self.explorer;
        let Some(search) = ex.search() else {
            return Err("there is no search yet; search WORDS starts one".into());
        };
        let matches = search.matches.clone();
        if matches.is_empty() {
            return Ok(vec!["No shown event matches the search.".into()]);
        }
        let before = ex.selected_event().unwrap_or(0);
        // The explorer's own message names its keys; the words here are the plain front end's.
        ex.step_match(forward);
        let now = ex.selected_event().unwrap_or(0);
        // The search runs again whenever the filter changes, so every match is shown.
        let at = matches.iter().position(|&m| m == now).map_or(0, |p| p + 1);
        let wrapped = if forward { now <= before } else { now >= before };
        let wrap = match (wrapped, forward) {
            (true, true) => ", back at the first",
            (true, false) => ", back at the last",
            _ => "",
        };
        Ok(vec![format!("Match {at} of {}{wrap}: {}", matches.len(), speech::sentence(ex, false))])
    }

    /// `related` lists the linked events; `related N` goes to the Nth.
    fn related(&mut self, argument: &str) -> Result<Vec<String>, String> {
        let ex = &mut self.explorer;
        let event = ex.selected_event().expect("events are shown");
        let connections = crate::report::connections(&ex.timeline, event);
        if argument.is_empty() {
            let n = connections.links.len();
            if n == 0 {
                return Ok(vec!["No linked events.".into()]);
            }
            let mut lines = vec![format!("{} linked to this one; related NUMBER goes to one:", events(n))];
            for (i, link) in connections.links.iter().enumerate() {
                lines.push(speech::link_line(ex, i + 1, link));
            }
            if connections.more_at_the_same_time > 0 {
                lines.push(format!("And {} more at the same time.", connections.more_at_the_same_time));
            }
            return Ok(lines);
        }
        let n = connections.links.len();
        let number: usize = argument.parse().map_err(|_| {
            format!(
                "`{}` is not a number; related lists the linked events, related 1 goes to the first",
                escape(argument)
            )
        })?;
        let Some(link) = number.checked_sub(1).and_then(|i| connections.links.get(i)) else {
            return Err(match n {
                0 => "this event has no linked events".into(),
                1 => format!("there is no linked event {number}; there is 1"),
                n => format!("there is no linked event {number}; there are {n}"),
            });
        };
        if ex.position_of(link.event).is_none() {
            return Err("that event is hidden by the filter; clear shows every event".into());
        }
        ex.go_to(link.event);
        Ok(vec![speech::sentence(ex, true)])
    }
}

/// "13 events", "1 event".
fn events(n: usize) -> String {
    if n == 1 {
        "1 event".into()
    } else {
        format!("{n} events")
    }
}

/// "3 events match", "1 event matches".
fn matching(n: usize) -> String {
    if n == 1 {
        "1 event matches".into()
    } else {
        format!("{n} events match")
    }
}

/// A query error as one sentence: "unknown country `Chna`; did you mean `China`?"
fn query_error(e: &QueryError) -> String {
    match &e.help {
        Some(help) => format!("{}; {help}", e.message),
        None => e.message.clone(),
    }
}

/// Lines joined for printing, each made safe however it was built: whatever a bug might let
/// through, no control character or escape leaves the session.
fn safe(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(&display_safe(line, false));
        out.push('\n');
    }
    out
}

/// How a line read ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Read {
    /// A line (without its newline) is in the buffer.
    Line,
    /// The line was longer than the limit; it was skipped to its end and not kept.
    TooLong,
    /// The input ended.
    End,
}

/// Reads one line into `line` (without the newline), holding at most `max` bytes of it.
pub fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>, max: usize) -> io::Result<Read> {
    line.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match input.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(match (any, too_long) {
                (false, _) => Read::End,
                (true, true) => Read::TooLong,
                (true, false) => Read::Line,
            });
        }
        any = true;
        let newline = available.iter().position(|&b| b == b'\n');
        let chunk = &available[..newline.unwrap_or(available.len())];
        if !too_long {
            if line.len() + chunk.len() > max {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = newline.map_or(available.len(), |i| i + 1);
        input.consume(used);
        if newline.is_some() {
            return Ok(if too_long { Read::TooLong } else { Read::Line });
        }
    }
}

/// The conversation: the opening, then one answer per line of `input` until `quit` or the end of
/// the input. Each answer is flushed at once, so a person (or a program on the other end of a
/// pipe) hears it before typing the next command. A closed output ends the session quietly.
pub fn run(session: &mut Session, mut input: impl BufRead, mut output: impl Write) -> io::Result<()> {
    let mut say = |text: &str| -> io::Result<bool> {
        match output.write_all(text.as_bytes()).and_then(|_| output.flush()) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
            Err(e) => Err(e),
        }
    };
    if !say(&session.opening())? {
        return Ok(());
    }
    let mut line = Vec::with_capacity(256);
    while !session.finished {
        let reply = match read_line(&mut input, &mut line, MAX_LINE_BYTES)? {
            Read::End => break,
            Read::TooLong => {
                session.refuse(&format!("the line is longer than {MAX_LINE_BYTES} bytes and was ignored"))
            }
            Read::Line => session.command(&String::from_utf8_lossy(&line)),
        };
        if !say(&reply)? {
            break;
        }
    }
    Ok(())
}

/// Whether `TIMELINE_EXPLORER_PLAIN` asks for the plain front end: set to anything but empty,
/// `0`, `false`, `no` or `off`.
pub fn wanted_by_environment(value: Option<&std::ffi::OsStr>) -> bool {
    let Some(value) = value.and_then(|v| v.to_str()) else { return value.is_some() };
    !matches!(value.trim().to_lowercase().as_str(), "" | "0" | "false" | "no" | "off")
}
