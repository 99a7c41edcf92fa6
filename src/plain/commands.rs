//! The plain front end's commands: words (`next`, `go 2016-12`) and the explorer's own letters
//! (`j`, `G`, `/hotline`). A letter means what the explorer's keymap says it means in the event
//! list, looked up through `keymap::action_for`, so the two front ends cannot disagree about a
//! key; each command names the explorer action it stands for.

use crate::keys::action::{Action, PopupKind};
use crate::keys::keymap::{self, Mode};
use crate::model::suggest::did_you_mean;
use crate::text::escape;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Next,
    Previous,
    First,
    Last,
    NextYear,
    PreviousYear,
    Show,
    Go,
    Filter,
    Clear,
    Search,
    NextMatch,
    PreviousMatch,
    Related,
    Back,
    Help,
    Quit,
    Story,
    Leave,
}

/// What a command takes after its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    Nothing,
    /// Something it cannot do without: its name in the help (`DATE or ID`), and what the error
    /// says when it is missing.
    Required(&'static str, &'static str),
    /// Something it can do without.
    Optional(&'static str),
}

pub struct Spec {
    pub verb: Verb,
    /// The first is the name the help gives; the others are accepted too.
    pub names: &'static [&'static str],
    pub takes: Takes,
    /// The explorer action it stands for; the explorer's letters for it work here too.
    pub action: Action,
    pub about: &'static str,
}

const fn spec(
    verb: Verb,
    names: &'static [&'static str],
    takes: Takes,
    action: Action,
    about: &'static str,
) -> Spec {
    Spec { verb, names, takes, action, about }
}

use Takes::{Nothing, Optional, Required};

pub static COMMANDS: &[Spec] = &[
    spec(Verb::Next, &["next"], Nothing, Action::MoveDown, "the next event"),
    spec(Verb::Previous, &["prev", "previous"], Nothing, Action::MoveUp, "the previous event"),
    spec(Verb::First, &["first"], Nothing, Action::First, "the first event"),
    spec(Verb::Last, &["last"], Nothing, Action::Last, "the last event"),
    spec(Verb::NextYear, &["next-year"], Nothing, Action::NextYear, "the first event of the next year"),
    spec(
        Verb::PreviousYear,
        &["prev-year", "previous-year"],
        Nothing,
        Action::PreviousYear,
        "the first event of this year, or of the year before",
    ),
    spec(Verb::Show, &["show"], Nothing, Action::OpenDetail, "everything about the event, as paragraphs"),
    spec(
        Verb::Go,
        &["go"],
        Required("DATE or ID", "a date or an event id, e.g. go 2016-12"),
        Action::Open(PopupKind::Jump),
        "go to the first event in a date (go 2016, go 2016-12, go 2016-12-07) or to an event by its id",
    ),
    spec(
        Verb::Filter,
        &["filter"],
        Optional("QUERY"),
        Action::Open(PopupKind::Query),
        "show only the events a query selects (filter country:CN -tag:background from:2016); \
         filter alone says the filter in force",
    ),
    spec(Verb::Clear, &["clear"], Nothing, Action::ClearFilters, "clear the filter and the search"),
    spec(
        Verb::Search,
        &["search"],
        Required("WORDS", "the words to look for, e.g. search hotline"),
        Action::Open(PopupKind::Search),
        "search titles, names, tags and text among the shown events; says how many match and goes to the first",
    ),
    spec(Verb::NextMatch, &["next-match"], Nothing, Action::NextMatch, "the next search match"),
    spec(
        Verb::PreviousMatch,
        &["prev-match", "previous-match"],
        Nothing,
        Action::PreviousMatch,
        "the previous search match",
    ),
    spec(
        Verb::Related,
        &["related"],
        Optional("NUMBER"),
        Action::FollowLink,
        "the linked events, numbered, with how each is linked; related NUMBER goes to one",
    ),
    spec(
        Verb::Back,
        &["back"],
        Nothing,
        Action::HistoryBack,
        "back to where you were before the last jump (go, related, search, a match, first, last, a year)",
    ),
    spec(
        Verb::Story,
        &["story"],
        Optional("ID"),
        Action::Open(PopupKind::Stories),
        "tell a story one slide at a time: the file's story ID from its title slide, or every shown \
         event from this one; then next, prev, first, last and show move through the slides",
    ),
    spec(Verb::Leave, &["leave"], Nothing, Action::Back, "leave the story, at the slide's event"),
    spec(Verb::Help, &["help"], Nothing, Action::Open(PopupKind::Help), "this list"),
    spec(Verb::Quit, &["quit", "exit"], Nothing, Action::Quit, "leave (so does the end of the input)"),
];

/// A command line, understood.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed<'a> {
    /// A blank line: nothing to do.
    Blank,
    Command {
        verb: Verb,
        argument: &'a str,
    },
}

/// The action a single character stands for in the explorer's event list.
fn key_action(c: char) -> Option<Action> {
    keymap::action_for(Mode::List, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// The explorer's letters (and signs) for an action, as its keymap binds them in the event list.
pub fn letters(action: Action) -> Vec<char> {
    (' '..='~').filter(|&c| c != ' ' && key_action(c) == Some(action)).collect()
}

fn spec_of(verb: Verb) -> &'static Spec {
    COMMANDS.iter().find(|s| s.verb == verb).expect("every verb has a spec")
}

/// Understands one line. Errors are one sentence, quoting what was typed escaped, with a
/// suggestion where a command is near.
pub fn parse(line: &str) -> Result<Parsed<'_>, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(Parsed::Blank);
    }
    let (word, argument) = match line.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, rest.trim()),
        None => (line, ""),
    };
    // `/hotline`, as typed in the explorer.
    if word.len() > 1 && word.starts_with('/') {
        return check(spec_of(Verb::Search), line[1..].trim());
    }
    let mut chars = word.chars();
    let spec = match (chars.next(), chars.next()) {
        (Some(c), None) => match key_action(c) {
            Some(action) => match COMMANDS.iter().find(|s| s.action == action) {
                Some(spec) => spec,
                None => {
                    return Err(format!(
                        "`{}` is the explorer's key to {}; there is no such command here (help lists them)",
                        escape(word),
                        action.description()
                    ))
                }
            },
            None => return Err(unknown(word)),
        },
        _ => {
            let lower = word.to_lowercase();
            match COMMANDS.iter().find(|s| s.names.contains(&lower.as_str())) {
                Some(spec) => spec,
                None => return Err(unknown(word)),
            }
        }
    };
    check(spec, argument)
}

fn check<'a>(spec: &Spec, argument: &'a str) -> Result<Parsed<'a>, String> {
    let name = spec.names[0];
    match spec.takes {
        Nothing if !argument.is_empty() => {
            Err(format!("`{name}` takes nothing after it, and `{}` was given", escape(argument)))
        }
        Required(_, needs) if argument.is_empty() => Err(format!("`{name}` needs {needs}")),
        _ => Ok(Parsed::Command { verb: spec.verb, argument }),
    }
}

fn unknown(word: &str) -> String {
    let names = COMMANDS.iter().flat_map(|s| s.names.iter().copied());
    match did_you_mean(word, names) {
        Some(near) => format!("unknown command `{}`; did you mean `{near}`?", escape(word)),
        None => format!("unknown command `{}`; help lists the commands", escape(word)),
    }
}

/// The help: each command with the explorer's letters for it, then how queries are written.
pub fn help_lines() -> Vec<String> {
    let mut lines =
        vec!["Commands, one a line; the explorer's keys work too, shown in brackets:".to_string()];
    for spec in COMMANDS {
        let mut head = spec.names[0].to_string();
        match spec.takes {
            Nothing => {}
            Required(what, _) => head.push_str(&format!(" {what}")),
            Optional(what) => head.push_str(&format!(" [{what}]")),
        }
        let letters = letters(spec.action);
        if !letters.is_empty() {
            let letters: Vec<String> = letters.iter().map(char::to_string).collect();
            head.push_str(&format!(" ({})", letters.join(" or ")));
        }
        lines.push(format!("{head}: {}.", spec.about));
    }
    lines.push(
        "Queries: country:CN agency:fbi person:\"Guo Shengkun\" by:US tag:hotline status:planned \
         from:2015-09 to:2016 (by: is who acted); a minus sign before a term excludes it; other words are text that must appear."
            .to_string(),
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verb(line: &str) -> Verb {
        match parse(line) {
            Ok(Parsed::Command { verb, .. }) => verb,
            other => panic!("{line:?}: {other:?}"),
        }
    }

    #[test]
    fn the_explorers_letters_mean_the_same_here() {
        assert_eq!(verb("j"), Verb::Next);
        assert_eq!(verb("k"), Verb::Previous);
        assert_eq!(verb("g"), Verb::First);
        assert_eq!(verb("G"), Verb::Last);
        assert_eq!(verb("?"), Verb::Help);
        assert_eq!(verb("q"), Verb::Quit);
        assert_eq!(verb("n"), Verb::NextMatch);
        assert_eq!(verb("N"), Verb::PreviousMatch);
        assert_eq!(verb("]"), Verb::NextYear);
        assert_eq!(verb("["), Verb::PreviousYear);
        assert_eq!(parse("t 2016"), Ok(Parsed::Command { verb: Verb::Go, argument: "2016" }));
        assert_eq!(parse("f country:CN"), Ok(Parsed::Command { verb: Verb::Filter, argument: "country:CN" }));
        assert_eq!(
            parse("/hotline launch"),
            Ok(Parsed::Command { verb: Verb::Search, argument: "hotline launch" })
        );
        assert_eq!(parse("/ hotline"), Ok(Parsed::Command { verb: Verb::Search, argument: "hotline" }));
        // Every letter the help shows resolves to its command through the keymap.
        for spec in COMMANDS {
            let argument = if matches!(spec.takes, Takes::Required(..)) { " 2016" } else { "" };
            for c in letters(spec.action) {
                assert_eq!(verb(&format!("{c}{argument}")), spec.verb, "{c}");
            }
        }
    }

    #[test]
    fn words_ignore_case_and_spacing() {
        assert_eq!(verb("  Next \r"), Verb::Next);
        assert_eq!(verb("PREVIOUS"), Verb::Previous);
        assert_eq!(parse("go   2016-12  "), Ok(Parsed::Command { verb: Verb::Go, argument: "2016-12" }));
        assert_eq!(parse("   "), Ok(Parsed::Blank));
    }

    #[test]
    fn mistakes_are_explained() {
        assert_eq!(parse("nxet"), Err("unknown command `nxet`; did you mean `next`?".into()));
        assert_eq!(parse("zzz"), Err("unknown command `zzz`; help lists the commands".into()));
        assert_eq!(parse("\u{1b}[2J"), Err("unknown command `\\u{1b}[2J`; help lists the commands".into()));
        assert_eq!(parse("next 3"), Err("`next` takes nothing after it, and `3` was given".into()));
        assert_eq!(parse("go"), Err("`go` needs a date or an event id, e.g. go 2016-12".into()));
        assert_eq!(parse("search"), Err("`search` needs the words to look for, e.g. search hotline".into()));
        let v = parse("v").unwrap_err();
        assert!(v.starts_with("`v` is the explorer's key to switch between the list"), "{v}");
    }
}
