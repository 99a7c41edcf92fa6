//! The command line: parse arguments, run a subcommand, report an exit code.
//!
//! Subcommands that print never touch the terminal's modes; only the explorer does, and only when
//! stdout is a terminal.

use crate::model::filter::Filter;
use crate::model::lanes::Grouping;
use crate::model::link::{DeepLink, EventRefError};
use crate::model::query::{Facet, Query, QueryError, Term};
use crate::model::Zone;
use crate::model::{self, LoadError, Timeline};
use crate::tui::theme::ThemeKind;
use crate::{config, keys, plain, report, schema, text, tui};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes a line to stderr. A closed stderr is ignored: there is nowhere left to complain.
/// Writes one message to stderr. Whatever built it, it passes through `text::message_safe` on
/// the way out, so a value quoted from an argument, a file name or a config file can never
/// reach the terminal raw.
macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let message = format!($($arg)*);
        let _ = writeln!(std::io::stderr().lock(), "{}", $crate::text::message_safe(&message));
    }};
}

fn parse_grouping(text: &str) -> Result<Grouping, String> {
    Grouping::parse(text).ok_or_else(|| {
        let names: Vec<&str> = Grouping::ALL.iter().map(|g| g.name()).collect();
        let hint = crate::model::suggest::did_you_mean(text, names.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        format!("`{}` is not a grouping (one of {}){hint}", crate::text::escape(text), names.join(", "))
    })
}

fn parse_zone(text: &str) -> Result<Zone, String> {
    crate::model::zone_entry::read_typed(text)
}

/// Exit codes: 0 ok, 1 invalid data or a failure at run time, 2 a usage error.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "timeline-explorer",
    version,
    // No styling of clap's own: its messages are made safe as they go out (`clap_exit`), and
    // without styles every escape left in them came from an argument, shown as `\u{1b}`.
    styles = clap::builder::Styles::plain(),
    about = "Explore timelines written in YAML, in a terminal",
    long_about = "Explore timelines written in YAML, in a terminal.\n\n\
        With no command, opens the explorer on the FILEs (or the built-in timeline of the \
        China–U.S. High-Level Joint Dialogue on Cybercrime). Several files, or a directory of \
        them, are read as one timeline. FILE#id opens at that event. When stdout is not a \
        terminal, prints the event table instead.\n\n\
        Files go before the command, after -f, or after `list` and `export`: there a word that \
        names an existing file or directory, ends in .yaml, .yml or .json, or is FILE#id is a \
        file, never query text. To search for such a word, write text:WORD.",
    override_usage = "timeline-explorer [OPTIONS] [FILE[#ID]|DIR]...\n       timeline-explorer [OPTIONS] [FILE|DIR]... <COMMAND>",
    // In `--help` and the manual page (clap_mangen's EXTRA section), from the one legend.
    after_long_help = crate::model::sides::badge_legend_text()
)]
pub struct Cli {
    /// Timeline file or directory, for any command; repeat for several, read as one timeline
    /// (default: the built-in timeline)
    #[arg(short = 'f', long = "file", value_name = "PATH", global = true)]
    pub files: Vec<PathBuf>,

    /// Open the explorer at a date (2016, 2016-12, 2016-12-07, Dec 7, 2016)
    #[arg(long, value_name = "DATE", global = true)]
    pub at: Option<String>,

    /// Colour theme of the explorer (default: the config file's `theme`, else dark)
    #[arg(long, value_enum, global = true)]
    pub theme: Option<ThemeKind>,

    /// Read this config file instead of $XDG_CONFIG_HOME/timeline-explorer/config.toml
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,

    /// Open a saved view: a filter named under [views] in the config file
    #[arg(long, value_name = "NAME", global = true)]
    pub view: Option<String>,

    /// Do not follow the file for changes (by default the explorer reloads it on save)
    #[arg(long, global = true)]
    pub no_watch: bool,

    /// Parse every file instead of reopening an unchanged one from the cache
    /// ($XDG_CACHE_HOME/timeline-explorer/; `check` always parses)
    #[arg(long, global = true)]
    pub no_cache: bool,

    #[arg(long, value_name = "BY", value_parser = parse_grouping,
          help = format!("Open the explorer in the timeline view with lanes by: {}", Grouping::names()))]
    pub lanes: Option<Grouping>,

    /// Show times in this zone: `local`, `utc`, or an IANA name such as America/New_York or an
    /// offset such as +08:00 (by default, the timeline's `timezone:`)
    #[arg(long, value_name = "ZONE", value_parser = parse_zone, global = true)]
    pub tz: Option<Zone>,

    /// Explore line by line instead of full screen: one command a line (next, show, go 2016-12,
    /// filter country:CN, search hotline, related, back, help, quit), one line of plain text
    /// back — for screen readers, braille displays and scripts. Also TIMELINE_EXPLORER_PLAIN=1
    #[arg(long)]
    pub plain: bool,

    /// Start in story mode, one full-screen slide per event: the file's story ID, or with no ID
    /// every event in view from the one it opens at; with `export --format timelinejs`, export
    /// that story's slides
    #[arg(long, value_name = "ID", num_args = 0..=1, default_missing_value = "", global = true)]
    pub story: Option<String>,

    /// Mark what changed since an older version: a git revision of the timeline's file
    /// (HEAD~3, v1.0, 2016-12-01 for the last commit before it), FILE@REV, or an older file.
    /// The explorer and `list` mark events + added and ~ changed, show removed ones as ghosts
    /// (−), and take `change:` in queries (added, changed, removed, renamed, moved, status)
    #[arg(long, alias = "since", value_name = "REV", global = true)]
    pub changes: Option<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Filter flags: shorthand for query terms (`--country CN` is `country:CN`). Each can repeat.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Filters (the same as query terms; repeat for OR)")]
pub struct FilterArgs {
    /// A query in the query language, e.g. 'country:CN -tag:background hotline'
    #[arg(long, short = 'q', value_name = "QUERY", global = true, allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Events involving a country (id, name or alias)
    #[arg(long, value_name = "COUNTRY", global = true, allow_hyphen_values = true)]
    pub country: Vec<String>,
    /// Events involving an agency or one of its sub-agencies
    #[arg(long, value_name = "AGENCY", global = true, allow_hyphen_values = true)]
    pub agency: Vec<String>,
    /// Events involving a person (id or name)
    #[arg(long, value_name = "PERSON", global = true, allow_hyphen_values = true)]
    pub person: Vec<String>,
    /// Events where a country, agency or person acted (the file's `by:`), e.g. --by CN
    #[arg(long, value_name = "ACTOR", global = true, allow_hyphen_values = true)]
    pub by: Vec<String>,
    /// Events with a tag
    #[arg(long, value_name = "TAG", global = true, allow_hyphen_values = true)]
    pub tag: Vec<String>,
    /// happened, planned, cancelled or did-not-take-place
    #[arg(long, value_name = "STATUS", global = true, allow_hyphen_values = true)]
    pub status: Vec<String>,
    /// Events that end on or after a date
    #[arg(long, value_name = "DATE", global = true, allow_hyphen_values = true)]
    pub from: Vec<String>,
    /// Events that start on or before a date
    #[arg(long, value_name = "DATE", global = true, allow_hyphen_values = true)]
    pub to: Vec<String>,
    /// Events whose text contains all these words
    #[arg(long, value_name = "TEXT", global = true, allow_hyphen_values = true)]
    pub search: Vec<String>,
}

impl FilterArgs {
    /// The flags as query terms, in a fixed order.
    pub fn terms(&self) -> Vec<Term> {
        let groups: [(Facet, &Vec<String>); 9] = [
            (Facet::Country, &self.country),
            (Facet::Agency, &self.agency),
            (Facet::Person, &self.person),
            (Facet::By, &self.by),
            (Facet::Tag, &self.tag),
            (Facet::Status, &self.status),
            (Facet::From, &self.from),
            (Facet::To, &self.to),
            (Facet::Text, &self.search),
        ];
        groups
            .into_iter()
            .flat_map(|(facet, values)| values.iter().map(move |v| Term::new(facet, v.clone())))
            .collect()
    }
}

/// Options that take a value, so the word after them is not a file or a command: read from
/// clap's own definition of the command line, so a new option cannot be forgotten here.
fn options_with_values() -> Vec<String> {
    fn collect(cmd: &clap::Command, out: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if arg.is_positional() || !arg.get_action().takes_values() {
                continue;
            }
            out.extend(arg.get_long().map(|l| format!("--{l}")));
            out.extend(arg.get_all_aliases().into_iter().flatten().map(|l| format!("--{l}")));
            out.extend(arg.get_short().map(|c| format!("-{c}")));
        }
        for sub in cmd.get_subcommands() {
            collect(sub, out);
        }
    }
    let mut out = Vec::new();
    collect(&<Cli as clap::CommandFactory>::command(), &mut out);
    out
}

const COMMANDS: &[&str] = &[
    "list",
    "show",
    "check",
    "schema",
    "export",
    "import",
    "diff",
    "log",
    "story",
    "completions",
    "man",
    "config",
    "help",
];

/// Prepares the command line for clap. `timeline-explorer a.yaml b.yaml` means `--file a.yaml
/// --file b.yaml`: every word before the command that is neither an option, an option's value
/// nor a command is a file (a file named like a command is written `./list`). And a
/// negated query word (`-tag:background`, `-hotline`) would read as short flags, so it gets a
/// stand-in minus sign that `query_from_args` turns back; option values are left as they are.
pub fn bare_path_to_file(args: Vec<std::ffi::OsString>) -> Result<Vec<std::ffi::OsString>, String> {
    let mut out = Vec::with_capacity(args.len() + 1);
    let mut iter = args.into_iter().peekable();
    out.extend(iter.next()); // the program name
    let options_with_values = options_with_values();
    let mut command_seen: Option<String> = None;
    // Words after `show` that were not files (the first is its ID).
    let mut show_words = 0usize;
    // Every file goes before the command: clap lets a global option given after the command
    // replace the values given before it, and the files add up.
    let mut files: Vec<std::ffi::OsString> = Vec::new();
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy().into_owned();
        if text == "--" {
            out.push(arg);
            out.extend(iter);
            break;
        }
        if text == "-f" || text == "--file" {
            files.push("--file".into());
            files.extend(iter.next());
            continue;
        }
        if let Some(value) = text.strip_prefix("--file=") {
            files.extend(["--file".into(), value.into()]);
            continue;
        }
        if options_with_values.contains(&text) {
            out.push(arg);
            out.extend(iter.next());
            continue;
        }
        if let Some(rest) = text.strip_prefix('-') {
            if is_negated_term(&text) {
                out.push(format!("{NEGATION_MARK}{rest}").into());
            } else if let Some(value) =
                rest.strip_prefix('f').filter(|v| !v.is_empty() && !rest.starts_with("-"))
            {
                files.extend(["--file".into(), value.into()]);
            } else {
                out.push(arg);
            }
            continue;
        }
        if let Some(command) = &command_seen {
            // After `list` or `export`, a file name is a file, never query text; after `show ID`,
            // so is every further word that names a file.
            let after_show_id = command == "show" && show_words > 0;
            // `show FILE ID`: a file word (not a `FILE#id` link) with a word after it.
            let show_file_first = command == "show"
                && show_words == 0
                && is_file_word(&text)
                && !is_deep_link(&text)
                && iter.peek().is_some_and(|next| !next.to_string_lossy().starts_with('-'));
            if (QUERY_COMMANDS.contains(&command.as_str()) || after_show_id || show_file_first)
                && is_file_word(&text)
            {
                files.extend(["--file".into(), arg]);
            } else if command == "show" && show_words > 0 {
                return Err(show_two_ids(&out, &text));
            } else {
                show_words += usize::from(command == "show");
                out.push(arg);
            }
            continue;
        }
        if COMMANDS.contains(&text.as_str()) {
            command_seen = Some(text);
            out.push(arg);
            continue;
        }
        files.extend(["--file".into(), arg]);
    }
    out.splice(1..1, files);
    Ok(out)
}

/// `FILE#id` with an existing file: one word naming an event, not a file.
fn is_deep_link(word: &str) -> bool {
    word.rsplit_once('#')
        .is_some_and(|(file, id)| !file.is_empty() && !id.is_empty() && Path::new(file).is_file())
}

/// `show A B` where neither names a file: which word was read as what, and how to name a file.
fn show_two_ids(args_so_far: &[std::ffi::OsString], second: &str) -> String {
    let first = args_so_far.last().map(|a| a.to_string_lossy().into_owned()).unwrap_or_default();
    let (first, second) = (text::escape(&first), text::escape(second));
    format!(
        "`show` takes one event id, but `{first}` and `{second}` were both read as ids\n  \
         = help: no file `{first}` exists, so it was read as the event's id; for an event of a \
         file write `show FILE ID` or `show FILE#ID` with a file that exists"
    )
}

/// The commands whose words are query text.
const QUERY_COMMANDS: &[&str] = &["list", "export"];

/// Whether a word after `list` or `export` is a file rather than query text: it names an
/// existing file or directory, ends in `.yaml`, `.yml` or `.json`, or is `FILE#id` with an
/// existing file. A query term (`tag:x.yaml`) never is; `text:WORD` searches such a word.
pub fn is_file_word(word: &str) -> bool {
    if word.is_empty() || word.contains(char::is_whitespace) {
        return Path::new(word).exists();
    }
    if let Some((facet, _)) = word.split_once(':') {
        if Facet::parse(facet).is_some() {
            return false;
        }
    }
    let lower = word.to_ascii_lowercase();
    Path::new(word).exists()
        || [".yaml", ".yml", ".json"].iter().any(|ext| lower.len() > ext.len() && lower.ends_with(ext))
        || word
            .rsplit_once('#')
            .is_some_and(|(file, id)| !file.is_empty() && !id.is_empty() && Path::new(file).is_file())
}

/// Whether a query word looks like a path (`out.ics`, `data/x`, `./x`), which a command that
/// matches nothing then says: the word was probably meant as a file.
fn looks_like_a_path(word: &str) -> bool {
    if word.contains(char::is_whitespace) || word.is_empty() {
        return false;
    }
    if word.contains(['/', '\\']) || word.starts_with("./") || word.starts_with('~') {
        return true;
    }
    word.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=9).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
            && ext.chars().any(|c| c.is_ascii_alphabetic())
    })
}

/// When a command matched nothing: a note for each text word of the query that looks like a
/// path, so `export --format ics out.ics` does not quietly write an empty calendar.
fn say_path_words(query: &Query) {
    for term in &query.terms {
        if term.facet == Facet::Text && !term.negated && looks_like_a_path(&term.value) {
            report!(
                "note: no event contains `{}`, which looks like a file name; a file to read goes before the command or after -f, a file to write after -o",
                text::escape(&term.value)
            );
        }
    }
}

/// Stands in for the `-` of a negated query term while clap parses the command line.
const NEGATION_MARK: char = '\u{2212}';

fn is_negated_term(arg: &str) -> bool {
    let Some(rest) = arg.strip_prefix('-') else { return false };
    if rest.starts_with('"') {
        return true;
    }
    if let Some((facet, _)) = rest.split_once(':') {
        return Facet::parse(facet).is_some();
    }
    // `-hotline` excludes a word; `-h`, `-V` and `-fFILE`, `-qQUERY` stay options.
    rest.chars().count() >= 2 && rest.chars().all(char::is_alphanumeric) && !rest.starts_with(['f', 'q', '-'])
}

/// Query words as the shell delivers them, read exactly as if the same text were typed into the
/// explorer's `f` prompt: the words are joined with spaces and parsed by the one query parser.
/// Quoting in the shell only protects characters from the shell; to keep spaces inside a value,
/// quote it for the query too (`'person:"Guo Shengkun"'`).
pub fn query_from_args(args: &[String]) -> Result<Query, QueryError> {
    let words: Vec<String> = args
        .iter()
        .map(|arg| match arg.strip_prefix(NEGATION_MARK) {
            Some(rest) => format!("-{rest}"),
            None => arg.clone(),
        })
        .collect();
    Query::parse(&words.join(" "))
}

/// The whole query of a command line: `--query`, then positional words, then the flags.
pub fn full_query(filters: &FilterArgs, words: &[String]) -> Result<Query, QueryError> {
    let mut query = match &filters.query {
        Some(q) => Query::parse(q)?,
        None => Query::default(),
    };
    query.terms.extend(query_from_args(words)?.terms);
    for term in filters.terms() {
        term.check()?;
        query.terms.push(term);
    }
    Ok(query)
}

fn report_query_error(e: &QueryError) {
    report!("error: {}", text::escape(&e.message));
    if let Some(help) = &e.help {
        report!("  = help: {help}");
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the events in chronological order, filtered by an optional query
    List {
        /// Query terms, e.g. country:CN agency:fbi by:US -tag:background from:2015-09 hotline (by: is
        /// who acted; a file
        /// name here is a file to read; search for such a word with text:WORD)
        #[arg(value_name = "QUERY")]
        words: Vec<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Print only the number of matching events
        #[arg(long)]
        count: bool,
        /// Print each event's id (`stem#id` where several files share it) in a first column,
        /// the word `show` takes
        #[arg(long, conflicts_with = "count")]
        ids: bool,
    },
    /// Print one event's whole detail
    Show {
        /// The event's id (see `list --ids`), `stem#id` when several files share the
        /// id, or a deep link FILE#id (`#id` for the built-in timeline); a file may come
        /// before or after it (`show FILE ID`, `show ID FILE`)
        id: String,
    },
    /// Check timeline files and report every problem (the built-in timeline when none is given)
    Check {
        /// Files or directories to check; several are also checked to agree on the countries,
        /// agencies and people they share
        #[arg(value_name = "FILES")]
        paths: Vec<PathBuf>,
    },
    /// Open the explorer in story mode: one full-screen slide per event in view (or, with
    /// `--story ID`, the file's story ID)
    Story {
        /// Timeline files (words naming a file or ending in .yaml, .yml or .json), then query
        /// terms selecting the events to tell
        #[arg(value_name = "FILES_AND_QUERY")]
        words: Vec<String>,
    },
    /// Print the JSON Schema of the timeline format
    Schema,
    /// Export events (all, or those a query selects) to another format
    Export {
        /// Query terms selecting the events to export (a file name here is a file to read;
        /// search for such a word with text:WORD)
        #[arg(value_name = "QUERY")]
        words: Vec<String>,
        /// Output format
        #[arg(long, value_enum)]
        format: crate::export::Format,
        /// Write to this file (atomically) instead of stdout
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Read a timeline from markwhen, TimelineJS, iCalendar, CSV or the JSON export (`--from
    /// FORMAT`, one of markwhen, timelinejs, ics, csv, json) and write it in this format
    #[command(
        override_usage = "timeline-explorer import --from <FORMAT> <FILE> [-o <OUT>]",
        after_help = "For `import`, `--from` names the format FILE is in: markwhen, timelinejs, ics, csv or json. \
            What cannot be mapped is listed on stderr, and what the format cannot carry at all."
    )]
    Import {
        /// The file to read
        #[arg(value_name = "FILE")]
        input: PathBuf,
        /// Write the timeline to this file (atomically) instead of stdout
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// What changed between two versions of a timeline, event by event (exit 0 when nothing
    /// changed, 1 when something did, 2 on trouble)
    #[command(after_help = "Each version is a file, a directory (a set of files), FILE@REV for a git \
        revision (FILE@HEAD~3, FILE@v1.0), FILE@DATE for the last commit before a date \
        (FILE@2016-12-01), or @REV for the other version's file at a revision. With one version \
        at a revision, the other is the file as it is now.")]
    Diff {
        /// The old version: FILE, DIR, FILE@REV, FILE@DATE or @REV
        old: String,
        /// The new version (by default, the old one's file as it is now)
        new: Option<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = crate::changes::DiffFormat::Text)]
        format: crate::changes::DiffFormat,
    },
    /// The commits that changed a timeline file (or one event), each with what it changed
    Log {
        /// The file (in a git repository), then optionally an event id
        #[arg(value_name = "FILE] [ID")]
        words: Vec<String>,
    },
    /// Print a shell completion script
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    Man,
    /// The config file: print a commented default, its path, or check it
    Config {
        /// Print a commented config file with every default (a starting point)
        #[arg(long, conflicts_with_all = ["path", "check"])]
        default: bool,
        /// Print where the config file is read from
        #[arg(long, conflicts_with = "check")]
        path: bool,
        /// Check the config file and report every problem (exit 1 if any)
        #[arg(long)]
        check: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

/// Runs the program with the process's arguments.
pub fn main() -> ExitCode {
    let args = match bare_path_to_file(std::env::args_os().collect()) {
        Ok(args) => args,
        Err(message) => {
            report!("error: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(clap_exit(&e)),
    };
    ExitCode::from(run(cli))
}

/// Says what clap has to say (an error, or the help and version it was asked for) and gives
/// the exit code. Clap quotes arguments as typed, so its text goes out only made safe, without
/// clap's own colours: an argument holding an escape sequence is shown, never obeyed.
fn clap_exit(e: &clap::Error) -> u8 {
    // `ansi()` keeps what the arguments held (`to_string()` would drop escape sequences
    // silently); with plain styles nothing else in it is an escape.
    let text = e.render().ansi().to_string();
    let safe = text::message_safe(&text);
    if e.use_stderr() {
        let _ = write!(std::io::stderr().lock(), "{safe}");
        EXIT_USAGE
    } else {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(safe.as_bytes()).and_then(|_| out.flush());
        EXIT_OK
    }
}

/// The config file as the explorer and `--view` use it: `Ok(None)` when there is none.
type LoadedConfig = Option<(PathBuf, config::Config, Option<model::diagnostic::Diagnostics>)>;

/// The query of `--view NAME` from the config file, or why there is none (a usage error).
fn view_query(name: &str, loaded: &LoadedConfig) -> Result<Query, String> {
    let Some((path, config, _)) = loaded else {
        return Err(format!("no config file, so no view `{}`", text::escape(name)));
    };
    let names: Vec<&str> = config.views.iter().map(|(n, _)| n.as_str()).collect();
    match config.views.iter().find(|(n, _)| n == name) {
        Some((_, query)) => Query::parse(query).map_err(|e| e.message),
        None => {
            let hint = model::suggest::did_you_mean(name, names.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            let known = if names.is_empty() { "none".to_string() } else { text::escape(&names.join(", ")) };
            Err(format!(
                "no view `{}` in {} (views: {known}){hint}",
                text::escape(name),
                text::escape(&path.display().to_string())
            ))
        }
    }
}

/// `timeline-explorer config …`.
fn config_command(explicit: Option<&Path>, default: bool, path: bool) -> u8 {
    if default {
        return print(&config::default_text());
    }
    if path {
        return match explicit.map(Path::to_path_buf).or_else(config::default_path) {
            Some(p) => print(&format!("{}\n", p.display())),
            None => {
                report!("error: no config directory is known here (set XDG_CONFIG_HOME)");
                EXIT_FAILURE
            }
        };
    }
    match config::load(explicit) {
        Err(e) => {
            report!("error: {e}");
            EXIT_FAILURE
        }
        Ok(None) => print("no config file; the defaults apply\n"),
        Ok(Some((_, _, Some(problems)))) => {
            report!("{problems}");
            EXIT_FAILURE
        }
        Ok(Some((path, _, None))) => print(&format!("{}: ok\n", text::escape(&path.display().to_string()))),
    }
}

pub fn run(mut cli: Cli) -> u8 {
    // `story [FILES] [QUERY]` is the explorer started in story mode.
    let mut story_words = Vec::new();
    let story = match cli.command.take() {
        Some(Command::Story { words }) => {
            for word in words {
                let path = PathBuf::from(&word);
                let named_file = path.exists()
                    || [".yaml", ".yml", ".json"].iter().any(|e| word.to_ascii_lowercase().ends_with(e));
                if named_file {
                    cli.files.push(path);
                } else {
                    story_words.push(word);
                }
            }
            Some(cli.story.clone().unwrap_or_default())
        }
        other => {
            cli.command = other;
            cli.story.clone().filter(|_| cli.command.is_none())
        }
    };
    // An empty `--story` means the events in view rather than a story of the file's.
    let story = story.map(|id| Some(id).filter(|id| !id.is_empty()));
    let (files, link) = match deep_links(cli.files) {
        Ok(split) => split,
        Err(message) => {
            report!("error: {message}");
            return EXIT_USAGE;
        }
    };
    if let Err(code) = not_a_mistyped_command(&files) {
        return code;
    }
    // Read here to refuse a bad date before loading; read again once the zone is known.
    let at = match cli.at.as_deref().map(model::DateSpec::parse_shown).transpose() {
        Ok(_) => cli.at.clone(),
        Err(e) => {
            report!(
                "error: invalid date `{}` in --at: {e}",
                text::escape(cli.at.as_deref().unwrap_or_default())
            );
            return EXIT_USAGE;
        }
    };
    let filters = cli.filters;
    if let Some(Command::Config { default, path, .. }) = cli.command {
        return config_command(cli.config.as_deref(), default, path);
    }
    // The config file matters to the explorer and to --view; other commands do not read the
    // default one. A config named with --config is always read, so a wrong name or a broken
    // file is said whatever the command, never silently ignored.
    let named = cli.config.is_some();
    let loaded: LoadedConfig = if cli.command.is_none() || cli.view.is_some() || named {
        match config::load(cli.config.as_deref()) {
            Ok(loaded) => loaded,
            Err(e) => {
                report!("error: {e}");
                return EXIT_USAGE;
            }
        }
    } else {
        None
    };
    if let (Some(_), Some((_, _, Some(problems)))) = (&cli.command, &loaded) {
        report!("{problems}");
        report!("warning: going on without the config settings that have problems");
    }
    let view = match cli.view.as_deref().map(|name| view_query(name, &loaded)).transpose() {
        Ok(view) => view.unwrap_or_default(),
        Err(message) => {
            report!("error: {message}");
            return EXIT_USAGE;
        }
    };
    let full_query = |filters: &FilterArgs, words: &[String]| {
        full_query(filters, words).map(|mut q| {
            q.terms.splice(0..0, view.terms.iter().cloned());
            q
        })
    };
    // `check` is a diagnosis of the files themselves: it always parses them.
    let cache_off_in_config = matches!(&loaded, Some((_, config, _)) if config.cache == Some(false));
    let hyperlinks = loaded.as_ref().and_then(|(_, config, _)| config.hyperlinks);
    tui::terminal::set_hyperlinks(hyperlinks.unwrap_or(tui::terminal::Hyperlinks::Auto));
    model::cache::set_enabled(
        !cli.no_cache && !cache_off_in_config && !matches!(cli.command, Some(Command::Check { .. })),
    );
    if cli.story.is_some() && !matches!(cli.command, None | Some(Command::Export { .. })) {
        report!("error: --story is for the explorer, `story` and `export --format timelinejs`");
        return EXIT_USAGE;
    }
    let older = match cli.changes.as_deref() {
        None => None,
        Some(_)
            if !matches!(cli.command, None | Some(Command::List { .. }) | Some(Command::Story { .. })) =>
        {
            report!("error: --changes is for the explorer (story mode and --plain too) and `list`; `diff` compares two versions");
            return EXIT_USAGE;
        }
        Some(text) => match crate::changes::since::older_version(text, &files) {
            Ok(older) => Some(older),
            Err(problem) => {
                report!("{}", problem.0);
                return EXIT_USAGE;
            }
        },
    };
    match cli.command {
        None | Some(Command::Story { .. }) => {
            let query = match full_query(&filters, &story_words) {
                Ok(q) => q,
                Err(e) => {
                    report_query_error(&e);
                    return EXIT_USAGE;
                }
            };
            if cli.plain || plain::wanted_by_environment(std::env::var_os(PLAIN_VARIABLE).as_deref()) {
                // The same keymap as the explorer: the plain commands' letters are its keys.
                if let Some((_, config, _)) = loaded {
                    if let Some(keymap) = config.keymap {
                        keys::keymap::install(keymap);
                    }
                }
                plain_session(&files, query, link.as_ref(), at.as_deref(), story, cli.tz, older)
            } else if std::io::stdout().is_terminal() {
                let (config, problems) = match loaded {
                    Some((_, config, problems)) => (config, problems),
                    None => (config::Config::default(), None),
                };
                let mut notices = Vec::new();
                if let Some(problems) = problems {
                    let n = problems.items.len();
                    notices.push(format!("{problems}"));
                    notices.push(format!(
                        "config: {n} problem{} in {} — started with the defaults for {}; ! shows them",
                        if n == 1 { "" } else { "s" },
                        text::escape(&problems.file),
                        if n == 1 { "it" } else { "them" }
                    ));
                }
                if let Some(keymap) = config.keymap {
                    keys::keymap::install(keymap);
                }
                let lanes = cli.lanes.or(match config.view {
                    Some(tui::app::View::Timeline) => Some(config.lanes.unwrap_or(Grouping::None)),
                    _ => None,
                });
                let inputs = match model::multi::expand(&files) {
                    Ok(inputs) => inputs,
                    Err(e) => {
                        report!("{e}");
                        return EXIT_FAILURE;
                    }
                };
                let options = tui::Options {
                    theme: cli.theme.or(config.theme).unwrap_or(ThemeKind::Dark),
                    query,
                    follow: !cli.no_watch,
                    given: files.clone(),
                    lanes,
                    default_lanes: config.lanes,
                    zone: cli.tz,
                    notes: inputs.notes,
                    link,
                    at,
                    views: config.views,
                    colors: config.colors,
                    notices,
                    story,
                    older,
                };
                match tui::run(&inputs.files, options) {
                    Ok(tui::Outcome::Quit) => EXIT_OK,
                    Ok(tui::Outcome::UsageError(e)) => {
                        report_query_error(&e);
                        EXIT_USAGE
                    }
                    Ok(tui::Outcome::LoadFailed(diagnostics)) => {
                        report!("{diagnostics}");
                        EXIT_FAILURE
                    }
                    Err(e) => {
                        report!("error: {e}");
                        EXIT_FAILURE
                    }
                }
            } else if let Some(story) = story {
                print_story(&files, query, story, cli.tz, older)
            } else {
                piped(&files, &query, link.as_ref(), cli.tz, older)
            }
        }
        Some(Command::List { ids: true, format: ListFormat::Json, .. }) => {
            report!("error: `--ids` is for the table; the JSON records already carry each event's `id`");
            EXIT_USAGE
        }
        Some(Command::List { ids: true, .. }) if older.is_some() => {
            report!("error: `list --changes` cannot print ids yet; `list --ids` without it can");
            EXIT_USAGE
        }
        Some(Command::List { words, format, count, ids }) => match full_query(&filters, &words) {
            Ok(q) => list(&files, &q, ListOptions { format, count, ids }, cli.tz, link.as_ref(), older),
            Err(e) => {
                report_query_error(&e);
                EXIT_USAGE
            }
        },
        Some(Command::Show { id }) => show(files, &id, cli.tz),
        Some(Command::Check { paths: more }) => {
            let mut all = more;
            all.extend(files);
            check(&all)
        }
        Some(Command::Schema) => print(&schema::schema_text()),
        Some(Command::Export { words, format, output }) if cli.story.is_some() => export_story(
            &files,
            cli.story.as_deref().unwrap_or_default(),
            format,
            !words.is_empty(),
            output.as_deref(),
        ),
        Some(Command::Export { words, format, output }) => match full_query(&filters, &words) {
            Ok(q) => export(&files, &q, format, output.as_deref(), link.as_ref(), cli.tz),
            Err(e) => {
                report_query_error(&e);
                EXIT_USAGE
            }
        },
        Some(Command::Import { input, output }) => match import_format(&filters) {
            Ok(from) => import(&input, from, output.as_deref()),
            Err(message) => {
                report!("error: {message}");
                EXIT_USAGE
            }
        },
        Some(Command::Diff { .. } | Command::Log { .. }) if has_filters(&filters) => {
            report!("error: `diff` and `log` take no filters; they compare whole timelines");
            EXIT_USAGE
        }
        Some(Command::Diff { old, new, format }) => diff(&old, new.as_deref(), &files, format),
        Some(Command::Log { words }) => match crate::changes::log_command(&words, &files) {
            Ok(text) => print(&text),
            Err(problem) => {
                report!("{}", problem.0);
                EXIT_USAGE
            }
        },
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "timeline-explorer",
                &mut out,
            );
            print(&String::from_utf8_lossy(&out))
        }
        Some(Command::Config { .. }) => EXIT_OK, // handled above
        Some(Command::Man) => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out) {
                Ok(()) => print(&String::from_utf8_lossy(&out)),
                Err(e) => {
                    report!("error: cannot render the manual: {e}");
                    EXIT_FAILURE
                }
            }
        }
    }
}

fn has_filters(filters: &FilterArgs) -> bool {
    !filters.terms().is_empty() || filters.query.is_some()
}

/// `diff OLD [NEW]`: exit 0 when nothing changed, 1 when something did, 2 when the versions
/// cannot be read (as `diff` does). Colour only on a terminal, and never with NO_COLOR.
fn diff(old: &str, new: Option<&str>, files: &[PathBuf], format: crate::changes::DiffFormat) -> u8 {
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match crate::changes::diff_command(old, new, files, format, colour) {
        Ok((text, changed)) => match print(&text) {
            EXIT_OK if changed => EXIT_FAILURE,
            code if code != EXIT_OK => EXIT_USAGE,
            _ => EXIT_OK,
        },
        Err(problem) => {
            report!("{}", problem.0);
            EXIT_USAGE
        }
    }
}

/// Asks for the plain front end as `--plain` does.
pub const PLAIN_VARIABLE: &str = "TIMELINE_EXPLORER_PLAIN";

/// The plain front end on stdin and stdout. It never changes the terminal's modes, whether
/// stdin is a terminal or a pipe. Exits 0, or 2 when any command was refused (so a script can
/// tell), or 1 when the timeline does not load or the input cannot be read.
fn plain_session(
    files: &[PathBuf],
    query: Query,
    link: Option<&DeepLink>,
    at: Option<&str>,
    story: Option<Option<String>>,
    tz: Option<Zone>,
    older: Option<(String, Timeline)>,
) -> u8 {
    let mut session = match plain_session_on(files, query, tz, older) {
        Ok(session) => session,
        Err(code) => return code,
    };
    if let Err(e) = session.open_at(link, at) {
        report_event_error(&e);
        return EXIT_USAGE;
    }
    if let Some(Err(e)) = story.map(|id| session.start_story(id.as_deref())) {
        report!("error: {e}");
        return EXIT_USAGE;
    }
    match plain::run(&mut session, std::io::stdin().lock(), std::io::stdout().lock()) {
        Ok(()) if session.failed => EXIT_USAGE,
        Ok(()) => EXIT_OK,
        Err(e) => {
            report!("error: {e}");
            EXIT_FAILURE
        }
    }
}

/// The files read (marked with what changed since `older`, for `--changes`) and the query
/// applied, for the plain front end; the exit code if not.
fn plain_session_on(
    files: &[PathBuf],
    query: Query,
    tz: Option<Zone>,
    older: Option<(String, Timeline)>,
) -> Result<plain::Session, u8> {
    let mut timeline = load_or_report(files).ok_or(EXIT_FAILURE)?;
    if let Some(older) = older {
        crate::changes::since::mark(&mut timeline, older);
    }
    plain::Session::new(timeline, query, tz).map_err(|e| {
        report_query_error(&e);
        EXIT_USAGE
    })
}

/// Story mode with stdout not a terminal: every slide of the story, as plain paragraphs.
fn print_story(
    files: &[PathBuf],
    query: Query,
    story: Option<String>,
    tz: Option<Zone>,
    older: Option<(String, Timeline)>,
) -> u8 {
    let mut session = match plain_session_on(files, query, tz, older) {
        Ok(session) => session,
        Err(code) => return code,
    };
    match session.start_story(story.as_deref()) {
        Ok(()) => print(&session.tell_all()),
        Err(e) => {
            report!("error: {e}");
            EXIT_USAGE
        }
    }
}

/// The files of the command line (none: the built-in timeline) read as one timeline, with the
/// reader's annotations on its events for `list`, `show` and exports. What the reader should
/// know (a file given twice, files that disagree, a sidecar that cannot be read) goes to stderr.
fn load_or_report(files: &[PathBuf]) -> Option<Timeline> {
    let opened = match files {
        [] => model::open::open(&[], false),
        _ => model::multi::expand(files).and_then(|inputs| {
            for note in &inputs.notes {
                report!("note: {note}");
            }
            model::open::open(&inputs.files, false)
        }),
    };
    match opened {
        Ok(model::open::Opened { loaded, sidecar }) => {
            for conflict in &loaded.conflicts {
                report!("warning: {} (`check` says where)", conflict.summary(&loaded.timeline.files));
            }
            if let Some(problem) = &sidecar.problem {
                report!("warning: bookmarks and annotations could not be read: {problem}");
            }
            for broken in &loaded.broken_links {
                report!("warning: {} (`check` says where)", broken.summary(&loaded.timeline.files));
            }
            Some(loaded.timeline)
        }
        Err(e) => {
            report!("{e}");
            None
        }
    }
}

/// Splits deep links (`FILE#id`, `#id` for the built-in timeline) from the files: their files
/// are read like the others, and the explorer opens at the event. One link at most.
pub fn deep_links(given: Vec<PathBuf>) -> Result<(Vec<PathBuf>, Option<DeepLink>), String> {
    let mut files = Vec::with_capacity(given.len());
    let mut link: Option<DeepLink> = None;
    for path in given {
        let found = path.to_str().and_then(|word| DeepLink::parse(word, Path::exists));
        match found {
            Some(found) => {
                if let Some(first) = &link {
                    return Err(format!(
                        "give one event to open, not two (`{}` and `{}`)",
                        text::escape(&first.to_string()),
                        text::escape(&found.to_string())
                    ));
                }
                files.extend(found.file.clone());
                link = Some(found);
            }
            None => files.push(path),
        }
    }
    Ok((files, link))
}

/// A missing "file" with no extension that is close to a command name is a mistyped command.
fn not_a_mistyped_command(files: &[PathBuf]) -> Result<(), u8> {
    for file in files {
        let Some(word) = file.to_str() else { continue };
        if file.extension().is_some() || file.exists() {
            continue;
        }
        if let Some(near) = model::suggest::did_you_mean(word, COMMANDS.iter().copied()) {
            report!("error: `{}` is neither a file nor a command", text::escape(word));
            report!("  = help: did you mean `{near}`?");
            return Err(EXIT_USAGE);
        }
    }
    Ok(())
}

fn report_event_error(e: &EventRefError) {
    report!("error: {}", e.message);
    if let Some(help) = &e.help {
        report!("  = help: {help}");
    }
}

/// Writes to stdout; a closed pipe (`| head`) is a normal end, not an error.
fn print(output: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(output.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            report!("error: cannot write to stdout: {e}");
            EXIT_FAILURE
        }
    }
}

/// An export or an import on stdout: as it is into a pipe or a file, which then holds exactly
/// the export; on a terminal, which would obey the control and bidi characters it carries,
/// drawn safe (`text::display_safe`: ESC as `␛`), with a note saying so and how to get it exact.
fn print_data(output: &str) -> u8 {
    use std::io::IsTerminal;
    let unsafe_char = |c: char| text::is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t');
    if std::io::stdout().is_terminal() && output.chars().any(unsafe_char) {
        report!(
            "note: stdout is a terminal: control and bidi characters in the data are shown as symbols; write to a file with -o FILE (or through a pipe) for the export as it is"
        );
        return print(&text::display_safe(output, true));
    }
    print(output)
}

/// How wide a table may be: `COLUMNS` when set, else the width of the terminal stdout is, else
/// (stdout is a pipe or a file) without bound, so a script never gets a title cut short.
fn terminal_width() -> usize {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()) {
        return columns.clamp(40, 400);
    }
    stdout_columns().map_or(UNBOUNDED_WIDTH, |c| c.clamp(40, 400))
}

/// A width no table reaches: titles are never cut.
const UNBOUNDED_WIDTH: usize = usize::MAX / 4;

/// The columns of the terminal stdout writes to, if it is one.
fn stdout_columns() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let (columns, _) = ratatui::crossterm::terminal::size().ok()?;
    (columns > 0).then_some(usize::from(columns))
}

/// The events of a timeline that a query selects, read in `zone` (`--tz`, else the
/// timeline's): its times and day bounds are that zone's, as in the explorer, and so is their
/// order (`model::shown_order`). A query error is a usage error.
pub fn select(timeline: &Timeline, query: &Query, zone: &Zone) -> Result<Vec<usize>, QueryError> {
    let filter = Filter::new(timeline, query, zone)?;
    // Text search needs the lower-cased text; facets alone are as fast tested one by one.
    let index = filter.uses_text().then(|| model::index::Index::new(timeline));
    Ok(model::shown_order::in_shown_order(timeline, zone, filter.apply(timeline, index.as_ref())))
}

/// No command and stdout not a terminal: the event table, as `list` prints it. A deep link
/// must name an event, as in the explorer: a mistyped one is a usage error with a suggestion.
fn piped(
    files: &[PathBuf],
    query: &Query,
    link: Option<&DeepLink>,
    tz: Option<Zone>,
    older: Option<(String, Timeline)>,
) -> u8 {
    let Some(mut timeline) = load_or_report(files) else { return EXIT_FAILURE };
    if let Some(older) = older {
        crate::changes::since::mark(&mut timeline, older);
    }
    if let Some(link) = link {
        if let Err(e) = link.find(&timeline) {
            report_event_error(&e);
            return EXIT_USAGE;
        }
        // The link is read, never silently dropped: say what a pipe gets instead.
        let link = text::escape(&link.to_string());
        report!("note: with no terminal, every event is listed; `{link}` opens at its event in a terminal, and `show '{link}'` prints it");
    }
    list_loaded(&timeline, query, ListOptions { format: ListFormat::Table, count: false, ids: false }, tz)
}

/// How `list` prints: table or JSON, only the count, the ids in a first column.
#[derive(Debug, Clone, Copy)]
struct ListOptions {
    format: ListFormat,
    count: bool,
    ids: bool,
}

fn list(
    files: &[PathBuf],
    query: &Query,
    options: ListOptions,
    tz: Option<Zone>,
    link: Option<&DeepLink>,
    older: Option<(String, Timeline)>,
) -> u8 {
    let Some(mut timeline) = load_or_report(files) else { return EXIT_FAILURE };
    if let Some(older) = older {
        crate::changes::since::mark(&mut timeline, older);
    }
    if let Err(code) = link_for_whole_file(&timeline, link, "list") {
        return code;
    }
    list_loaded(&timeline, query, options, tz)
}

/// `list` and `export` read a `FILE#id` as its file, whole. The `#id` is never ignored without
/// a word: an id the file does not have is a usage error with the nearest one, as in the
/// explorer; one it has gets a note saying what the command does with it.
fn link_for_whole_file(timeline: &Timeline, link: Option<&DeepLink>, command: &str) -> Result<(), u8> {
    let Some(link) = link else { return Ok(()) };
    match link.find(timeline) {
        Err(e) => {
            report_event_error(&e);
            Err(EXIT_USAGE)
        }
        Ok(_) => {
            report!(
                "note: `{command}` reads all of `{}`; `#{}` names one event (`show {}` prints it)",
                text::escape(&link.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default()),
                text::escape(&link.id),
                text::escape(&link.to_string())
            );
            Ok(())
        }
    }
}

fn list_loaded(timeline: &Timeline, query: &Query, options: ListOptions, tz: Option<Zone>) -> u8 {
    let ListOptions { format, count, ids } = options;
    let zone = tz.unwrap_or(timeline.zone);
    // Files read together in different zones: which zone the dates are in is said, as `check`
    // and the explorer's header say it.
    if timeline.is_several_files() {
        let zones = model::file_zones::of_files(timeline);
        if let Some(note) = model::file_zones::note_for(timeline, &zones, &zone) {
            report!("note: times are shown in {zone}; {note}");
        }
    }
    let events = match select(timeline, query, &zone) {
        Ok(events) => events,
        Err(e) => {
            report_query_error(&e);
            return EXIT_USAGE;
        }
    };
    if let Some(since) = &timeline.since {
        return list_since(timeline, since, query, &events, format, count, &zone);
    }
    if events.is_empty() {
        if format == ListFormat::Table && !count {
            report!("no events match");
        }
        say_path_words(query);
    }
    if count {
        return print(&format!("{}\n", events.len()));
    }
    if events.is_empty() && format == ListFormat::Table {
        return EXIT_OK;
    }
    match format {
        ListFormat::Table if ids => {
            print(&report::list_table_with_ids(timeline, &events, terminal_width(), &zone))
        }
        ListFormat::Table => print(&report::list_table(timeline, &events, terminal_width(), &zone)),
        ListFormat::Json => print(&report::json_text(&report::event_records(timeline, &events))),
    }
}

/// `list --changes REV`: the events marked, the removed ones that the query shows as ghosts.
fn list_since(
    timeline: &Timeline,
    since: &model::since::Since,
    query: &Query,
    events: &[usize],
    format: ListFormat,
    count: bool,
    zone: &Zone,
) -> u8 {
    let ghosts = match since.ghosts_shown(query, zone) {
        Ok(ghosts) => ghosts,
        Err(e) => {
            report_query_error(&e);
            return EXIT_USAGE;
        }
    };
    if count {
        // The rows the table lists: the events and the ghosts; stderr says which are which.
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        report!(
            "{} event{} of this version and {} ghost{}; {}",
            events.len(),
            plural(events.len()),
            ghosts.len(),
            plural(ghosts.len()),
            crate::changes::since::summary(since, events, ghosts.len())
        );
        return print(&format!("{}\n", events.len() + ghosts.len()));
    }
    if format == ListFormat::Json {
        report!("error: `list --changes` prints a table; for JSON, `diff --format json` reports the changes");
        return EXIT_USAGE;
    }
    if events.is_empty() && ghosts.is_empty() {
        report!("no events match");
        say_path_words(query);
        return EXIT_OK;
    }
    print(&crate::changes::since::list_table(timeline, since, events, &ghosts, terminal_width(), zone))
}

fn export(
    files: &[PathBuf],
    query: &Query,
    format: crate::export::Format,
    output: Option<&Path>,
    link: Option<&DeepLink>,
    tz: Option<Zone>,
) -> u8 {
    let Some(timeline) = load_or_report(files) else { return EXIT_FAILURE };
    if let Err(code) = link_for_whole_file(&timeline, link, "export") {
        return code;
    }
    let events = match select(&timeline, query, &tz.unwrap_or(timeline.zone)) {
        Ok(events) => events,
        Err(e) => {
            report_query_error(&e);
            return EXIT_USAGE;
        }
    };
    if events.is_empty() {
        say_path_words(query);
    }
    let text = crate::export::export(&timeline, &events, format, &crate::export::Options::default());
    let written = crate::export::count_written(&text, format, events.len());
    if written < events.len() {
        report!(
            "note: {} of {} events are outside the years iCalendar can hold (0000–9999) and were left out",
            events.len() - written,
            events.len()
        );
    }
    for note in crate::export::not_carried(&timeline, &events, format) {
        report!("note: {note}");
    }
    let plural = if written == 1 { "" } else { "s" };
    write_output(&text, output, files, &format!("{written} event{plural}, {}", format.name()))
}

/// `export --format timelinejs --story ID`: the file's story, slide by slide.
fn export_story(
    files: &[PathBuf],
    id: &str,
    format: crate::export::Format,
    narrowed: bool,
    output: Option<&Path>,
) -> u8 {
    if format != crate::export::Format::Timelinejs {
        report!("error: --story exports as timelinejs only: other formats have no slides");
        return EXIT_USAGE;
    }
    if narrowed || id.is_empty() {
        report!("error: --story ID exports the whole story ID; no query narrows it");
        return EXIT_USAGE;
    }
    let Some(timeline) = load_or_report(files) else { return EXIT_FAILURE };
    match timeline.find_story(id) {
        Ok(story) => {
            let text = crate::export::timelinejs_story(&timeline, story);
            let n = timeline.stories[story].slides.len();
            write_output(&text, output, files, &format!("the story's title slide and {n} slides, timelinejs"))
        }
        Err(e) => {
            report!("error: {}", text::escape(&e.message));
            if let Some(help) = &e.help {
                report!("  = help: {help}");
            }
            EXIT_USAGE
        }
    }
}

/// Writes a command's output to stdout, or atomically to `output` (`-` is stdout) and then says
/// `wrote OUT (what)` on stderr. An output that is one of the files read (by any name: a link,
/// a hard link) is refused: the export would replace the timeline it came from.
fn write_output(text: &str, output: Option<&Path>, inputs: &[PathBuf], what: &str) -> u8 {
    match output {
        None => print_data(text),
        Some(path) if path.as_os_str() == "-" => print_data(text),
        Some(path) => {
            let shown = text::escape(&path.display().to_string());
            if let Some(input) = inputs.iter().find(|input| model::link::same_file(input, path)) {
                report!(
                    "error: {shown} is the file being read ({}); write the output to another file",
                    text::escape(&input.display().to_string())
                );
                return EXIT_USAGE;
            }
            match crate::export::write_atomically(path, text.as_bytes()) {
                Ok(()) => {
                    report!("wrote {shown} ({what})");
                    EXIT_OK
                }
                Err(e) => {
                    report!("error: cannot write {shown}: {e}; nothing was written");
                    EXIT_FAILURE
                }
            }
        }
    }
}

/// The format `import` reads: its `--from`, which is the global flag of that name (a filter for
/// every other command) read as a format name.
fn import_format(filters: &FilterArgs) -> Result<crate::import::Format, String> {
    let names: Vec<&str> = crate::import::Format::ALL.iter().map(|f| f.name()).collect();
    let others = filters.terms().iter().any(|t| t.facet != Facet::From) || filters.query.is_some();
    if others {
        return Err("`import` takes no filters; it reads the whole file".into());
    }
    let [from] = filters.from.as_slice() else {
        return Err(format!("`import` needs `--from FORMAT`, once: one of {}", names.join(", ")));
    };
    crate::import::Format::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(from.trim())).ok_or_else(
        || {
            let hint = crate::model::suggest::did_you_mean(from, names.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            format!(
                "`{}` is not a format `import` reads (one of {}){hint}",
                text::escape(from),
                names.join(", ")
            )
        },
    )
}

/// `import --from FORMAT FILE [-o OUT]`: the timeline on stdout or in OUT; what could not be
/// mapped, and problems with their places, on stderr.
fn import(input: &Path, format: crate::import::Format, output: Option<&Path>) -> u8 {
    let name = input.display().to_string();
    let shown = text::escape(&name);
    let limit = crate::import::MAX_IMPORT_BYTES;
    let text = match std::fs::File::open(input).and_then(|file| {
        let size = file.metadata()?.len();
        if size > limit {
            return Err(std::io::Error::other(format!(
                "it is {} MiB; imports read at most {} MiB",
                size.div_ceil(1024 * 1024),
                limit / (1024 * 1024)
            )));
        }
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(file, limit + 1), &mut bytes)?;
        if bytes.len() as u64 > limit {
            return Err(std::io::Error::other(format!("it holds more than {} MiB", limit / (1024 * 1024))));
        }
        String::from_utf8(bytes).map_err(|e| {
            std::io::Error::other(format!(
                "it is not UTF-8 text (byte {} is not)",
                e.utf8_error().valid_up_to()
            ))
        })
    }) {
        Ok(text) => text,
        Err(e) => {
            report!("{shown}: error: cannot import: {}", text::escape(&e.to_string()));
            return EXIT_FAILURE;
        }
    };
    let imported = match crate::import::import(&name, &text, format) {
        Ok(imported) => imported,
        Err(diagnostics) => {
            report!("{diagnostics}");
            return EXIT_FAILURE;
        }
    };
    for line in &imported.unmapped {
        report!("note: {line}");
    }
    let n = imported.events;
    let plural = if n == 1 { "" } else { "s" };
    write_output(
        &imported.yaml,
        output,
        &[input.to_path_buf()],
        &format!("{n} event{plural} from {shown}, {}", format.name()),
    )
}

/// `show ID`, `show stem#ID` or `show FILE#ID` (a deep link, whose file is read too). An
/// unknown plain id fails (exit 1, as it always has); a deep link or a qualified id that names
/// nothing, and a bare id several files share, are usage errors (exit 2).
/// `show`'s exit codes, one per kind of failure, as the rest of the CLI: a word that names no
/// event (an empty id, an id no event has, a file name no loaded file has) is a usage error, 2;
/// a file that cannot be read (`show missing.yaml#id`) is a failure, 1, as `list -f
/// missing.yaml` is.
fn show(mut files: Vec<PathBuf>, id: &str, tz: Option<Zone>) -> u8 {
    let on_disk = |path: &str| Path::new(path).exists();
    if id.trim().is_empty() {
        report!("error: `show` was given an empty event id");
        report!("  = help: `timeline-explorer list --ids` prints the ids `show` takes");
        return EXIT_USAGE;
    }
    if id.ends_with('#') && !on_disk(id) {
        let file = id.trim_end_matches('#');
        report!("error: `{}` names no event: the event id after `#` is empty", text::escape(id));
        let ids = if file.is_empty() { String::new() } else { format!(" {}", text::escape(file)) };
        report!(
            "  = help: write the id after `#`, `show {}#ID`; `timeline-explorer list --ids{ids}` prints the ids",
            text::escape(file)
        );
        return EXIT_USAGE;
    }
    // `FILE#id` whose FILE looks like a path (`a/b`, `x.yaml`) but is not there: a file that
    // cannot be read, not a loaded file's name (`trade#talks`).
    if let Some((file, event)) = id.rsplit_once('#') {
        if !file.is_empty() && !on_disk(id) && !on_disk(file) && looks_like_a_path(file) {
            report!("error: no such file `{}`", text::escape(file));
            report!(
                "  = note: `{}` was read as the event `{}` of the file `{}`",
                text::escape(id),
                text::escape(event),
                text::escape(file)
            );
            return EXIT_FAILURE;
        }
    }
    let as_link = DeepLink::parse(id, Path::exists).filter(|l| l.file.as_ref().is_some_and(|f| f.is_file()));
    if let Some(file) = as_link.as_ref().and_then(|l| l.file.clone()) {
        if !files.iter().any(|f| model::link::same_file(f, &file)) {
            files.push(file);
        }
    }
    let Some(timeline) = load_or_report(&files) else { return EXIT_FAILURE };
    let zone = tz.unwrap_or(timeline.zone);
    // `#id`, the link the copy menu writes for the built-in timeline (which has no file): the
    // event `id` of the timeline loaded, as a bare id names it.
    let builtin_link = DeepLink::parse(id, Path::exists).filter(|l| l.file.is_none());
    let found = match (&as_link, &builtin_link) {
        (Some(link), _) => link.find(&timeline),
        (None, Some(link)) => timeline.find_event(&link.id),
        (None, None) => timeline.find_event(id),
    };
    match found {
        Ok(ix) => print(&report::detail_text(&timeline, ix, terminal_width().min(100), &zone)),
        Err(mut e) => {
            // A link names its file: say the id was looked for there (a file of several is
            // already named).
            if let Some(file) = as_link.as_ref().and_then(|l| l.file.as_ref()) {
                if !timeline.is_several_files() && e.candidates.is_empty() {
                    e.message.push_str(&format!(" in `{}`", text::escape(&file.display().to_string())));
                }
            }
            report_event_error(&e);
            if let Some((file, _)) = id.rsplit_once('#').filter(|(f, _)| !f.is_empty() && as_link.is_none()) {
                let suggested = e.help.as_deref().is_some_and(|h| h.starts_with("did you mean"));
                if !suggested && !on_disk(file) && !timeline.files.iter().any(|f| f.stem == file) {
                    report!(
                        "  = note: nor is `{}` a file on disk; a file's event is `show FILE#ID` with a file that exists",
                        text::escape(file)
                    );
                }
            }
            if as_link.is_none() && !files.is_empty() {
                // Which word was read as what: `show FILE ID` and `show ID FILE` both read.
                let names: Vec<String> =
                    files.iter().map(|f| text::escape(&f.display().to_string())).collect();
                report!(
                    "  = note: `{}` was read as the event's id, looked for in {}",
                    text::escape(id),
                    names.join(", ")
                );
            }
            if as_link.is_none() && Path::new(id).is_file() {
                report!(
                    "  = help: `{0}` is a file; name an event in it: `show {0} ID` or `show {0}#ID`",
                    text::escape(id)
                );
            }
            EXIT_USAGE
        }
    }
}

/// `check`: one verdict per file — `FILE: ok (N events)` on stdout, or its problems (ending in
/// `FILE: N errors`) on stderr — given only once the files have also been checked together.
fn check(files: &[PathBuf]) -> u8 {
    // `FILE: ok (N events)`, and the stories it tells when it has any.
    let ok_line = |name: &str, (n, stories): (usize, usize)| {
        let told = match stories {
            0 => String::new(),
            s => format!(", {s} stor{}", if s == 1 { "y" } else { "ies" }),
        };
        format!("{}: ok ({n} event{}{told})\n", text::escape(name), if n == 1 { "" } else { "s" })
    };
    if files.is_empty() {
        return match model::load_builtin() {
            Ok(t) => print(&ok_line(model::loader::BUILTIN_NAME, (t.events.len(), t.stories.len()))),
            Err(e) => {
                report!("{e}");
                EXIT_FAILURE
            }
        };
    }
    let inputs = match model::multi::expand(files) {
        Ok(inputs) => inputs,
        Err(e) => {
            report!("{e}");
            return EXIT_FAILURE;
        }
    };
    for note in &inputs.notes {
        report!("note: {note}");
    }
    let mut parts = Vec::new();
    // Each file's own result: its number of events, or why it does not load.
    let verdicts: Vec<Result<(usize, usize), LoadError>> = model::multi::parse_all(&inputs.files)
        .into_iter()
        .map(|r| {
            r.map(|t| {
                let counts = (t.events.len(), t.stories.len());
                parts.push(t);
                counts
            })
        })
        .collect();
    // Files that load on their own must also agree on the entities they share, and their links
    // to each other's events must arrive: those errors are the verdict of the file they are in.
    let mut together: Vec<LoadError> = Vec::new();
    if let Some(first) = parts.first() {
        // Each file's times are read in its own zone and shown in one (the first file's unless
        // `--tz`): where they differ, that is said.
        let names: Vec<String> = parts.iter().map(|p| p.files[0].name.clone()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let zones: Vec<Option<Zone>> = parts.iter().map(|p| Some(p.zone)).collect();
        if let Some(note) = model::file_zones::note(&names, &zones, &first.zone) {
            report!("note: times are shown in {} (the first file's) unless --tz; {note}", first.zone);
        }
    }
    if parts.len() > 1 {
        let merged = model::multi::merge(std::mem::take(&mut parts));
        together = model::multi::merge_errors(&merged);
        if let Some(note) = model::foreign::shared_ids_note(&merged.timeline) {
            report!("note: {note}");
        }
        // Only the verdict is needed: freeing a big timeline piece by piece costs 100 ms or
        // more at 100,000 events, and the process ends soon anyway.
        std::mem::forget(merged);
    }
    std::mem::forget(parts);
    let mut failed = !together.is_empty();
    let mut code = EXIT_OK;
    for (path, verdict) in inputs.files.iter().zip(verdicts) {
        let name = path.display().to_string();
        match verdict {
            Err(e) => {
                failed = true;
                report!("{e}");
            }
            Ok(n) => {
                let mine: Vec<&LoadError> =
                    together.iter().filter(|e| error_file(e) == Some(name.as_str())).collect();
                if mine.is_empty() {
                    code = code.max(print(&ok_line(&name, n)));
                }
                for e in mine {
                    report!("{e}");
                }
            }
        }
    }
    // Errors of the files together that name no file given (none expected): still said.
    let given =
        |e: &LoadError| inputs.files.iter().any(|p| error_file(e) == Some(p.display().to_string().as_str()));
    for e in together.iter().filter(|e| !given(e)) {
        report!("{e}");
    }
    if failed {
        EXIT_FAILURE
    } else {
        code
    }
}

/// The file a load error is about (`None` for several files' errors together).
fn error_file(e: &LoadError) -> Option<&str> {
    match e {
        LoadError::Unreadable { file, .. } => Some(file),
        LoadError::Invalid(d) => Some(&d.file),
        LoadError::Several(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    mod one_search {
        use super::*;
        use crate::model::search::{SearchIndex, SearchQuery};
        use proptest::prelude::*;

        /// Words, near misses of them and words that contain others, so typos and word starts
        /// are both tried.
        const WORDS: [&str; 12] = [
            "lima",
            "climate",
            "khrushchev",
            "kruschev",
            "ballistic",
            "eyeball",
            "moon",
            "demonstration",
            "treaty",
            "treats",
            "summit",
            "summitry",
        ];

        fn text() -> impl Strategy<Value = String> {
            proptest::collection::vec(proptest::sample::select(WORDS.to_vec()), 1..5)
                .prop_map(|w| w.join(" "))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            /// `list --search WORDS` selects exactly the events the explorer's `/WORDS` finds.
            #[test]
            fn the_cli_and_the_explorer_find_the_same_events(
                events in proptest::collection::vec((text(), text()), 1..12),
                typed in proptest::collection::vec(proptest::sample::select(WORDS.to_vec()), 1..3),
            ) {
                let mut yaml = String::from("title: t\nevents:\n");
                for (i, (title, summary)) in events.iter().enumerate() {
                    yaml.push_str(&format!("  - {{id: e{i}, title: \"{title}\", date: 2016, summary: \"{summary}\"}}\n"));
                }
                let timeline = crate::model::load_str("t", &yaml).unwrap();
                let typed = typed.join(" ");
                let query = Query { terms: vec![Term::new(Facet::Text, typed.clone())] };
                let cli = select(&timeline, &query, &timeline.zone).unwrap();
                let all: Vec<usize> = (0..timeline.events.len()).collect();
                let explorer: Vec<usize> =
                    SearchIndex::new(&timeline).search(&all, &SearchQuery::new(&typed)).iter().map(|h| h.event).collect();
                prop_assert_eq!(cli, explorer);
            }
        }
    }

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn shell_quoting_only_protects_characters_from_the_shell() {
        // `list 'tag:n1 soyuz'` is `tag:n1` and the word `soyuz`, as typed into `f`.
        let q = query_from_args(&args(&["tag:n1 soyuz"])).unwrap();
        assert_eq!(q.terms, vec![Term::new(Facet::Tag, "n1"), Term::new(Facet::Text, "soyuz")]);
        let q = query_from_args(&args(&["person:\"Guo Shengkun\"", "-tag:x"])).unwrap();
        assert_eq!(
            q.terms,
            vec![Term::new(Facet::Person, "Guo Shengkun"), Term::new(Facet::Tag, "x").negate()]
        );
        let e = query_from_args(&args(&["apollo OR soyuz"])).unwrap_err();
        assert!(e.message.contains("`OR` is not an operator"), "{}", e.message);
    }

    /// The three ways to give a query — words after `list`, `-q`, and the explorer's `f`
    /// prompt — read the same text the same way: the same terms, or the same error.
    mod one_reading {
        use super::*;
        use crate::keys::action::{Action, PopupKind};
        use crate::tui::testing;
        use proptest::prelude::*;

        fn word() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("country:CN".to_string()),
                Just("-country:US".to_string()),
                Just("tag:dialogue".to_string()),
                Just("tag:\"dialogue hotline\"".to_string()),
                Just("person:\"Guo Shengkun\"".to_string()),
                Just("from:2016".to_string()),
                Just("to:2016-13".to_string()),
                Just("cuntry:CN".to_string()),
                Just("hotline".to_string()),
                Just("-hotline".to_string()),
                Just("\"third round\"".to_string()),
                Just("OR".to_string()),
                Just("\"".to_string()),
                "[a-z]{1,6}",
                "[a-z]{1,4} [a-z]{1,4}",
            ]
            // A word naming a file here (`src`) is a file after `list`, not query text.
            .prop_filter("not a file name", |w| !is_file_word(w))
        }

        fn from_list(words: &[String]) -> Result<Query, String> {
            let mut argv: Vec<std::ffi::OsString> = vec!["te".into(), "list".into()];
            argv.extend(words.iter().map(Into::into));
            let argv = bare_path_to_file(argv).map_err(|e| e.to_string())?;
            let cli = Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
            let Some(Command::List { words, .. }) = cli.command else { return Err("not list".into()) };
            full_query(&cli.filters, &words).map_err(|e| e.message)
        }

        fn from_q(text: &str) -> Result<Query, String> {
            let cli = Cli::try_parse_from(["te", "list", "-q", text]).map_err(|e| e.to_string())?;
            let Some(Command::List { words, .. }) = cli.command else { return Err("not list".into()) };
            full_query(&cli.filters, &words).map_err(|e| e.message)
        }

        proptest! {
            #[test]
            fn list_words_dash_q_and_the_f_prompt_agree(words in proptest::collection::vec(word(), 1..5)) {
                let joined = words.join(" ");
                let listed = from_list(&words);
                prop_assert_eq!(&listed, &from_q(&joined));
                let mut app = testing::builtin();
                app.update(Action::Open(PopupKind::Query));
                // Clear the prompt, type the text, apply.
                for _ in 0..600 {
                    app.update(Action::PromptDelete);
                }
                for c in joined.chars() {
                    app.update(Action::Type(c));
                }
                app.update(Action::PromptSubmit);
                let applied = app.popup.is_none();
                prop_assert_eq!(applied, listed.is_ok() && crate::model::filter::Filter::new(&testing::ex(&app).timeline, listed.as_ref().unwrap(), testing::ex(&app).zone()).is_ok());
                if applied {
                    prop_assert_eq!(testing::ex(&app).query(), listed.as_ref().unwrap());
                }
            }
        }
    }

    #[test]
    fn negated_terms_survive_clap() {
        let argv = bare_path_to_file(
            [
                "te",
                "list",
                "-tag:background",
                "--count",
                "-\"a b\"",
                "-hotline",
                "-fx.yaml",
                "--search",
                "-x",
            ]
            .map(Into::into)
            .to_vec(),
        )
        .unwrap();
        let cli = Cli::try_parse_from(argv).unwrap();
        let Some(Command::List { words, count, .. }) = cli.command else { panic!("list") };
        assert!(count);
        let q = full_query(&cli.filters, &words).unwrap();
        assert_eq!(
            q.terms,
            vec![
                Term::new(Facet::Tag, "background").negate(),
                Term::phrase("a b").negate(),
                Term::new(Facet::Text, "hotline").negate(),
                Term::new(Facet::Text, "-x"),
            ]
        );
        assert_eq!(cli.files, [std::path::PathBuf::from("x.yaml")]);
        assert_eq!(cli.filters.search, vec!["-x".to_string()], "option values are left alone");
        let q = query_from_args(&args(&["country:CN agency:fbi"])).unwrap();
        assert_eq!(q.terms, vec![Term::new(Facet::Country, "CN"), Term::new(Facet::Agency, "fbi")]);
    }

    #[test]
    fn files_before_the_command_and_with_f_anywhere_add_up() {
        let argv =
            ["te", "a.yaml", "b.yaml", "list", "-f", "c.yaml", "country:CN", "-fd.yaml", "--file=e.yaml"];
        let cli = Cli::try_parse_from(bare_path_to_file(argv.map(Into::into).to_vec()).unwrap()).unwrap();
        let names: Vec<String> = cli.files.iter().map(|f| f.display().to_string()).collect();
        assert_eq!(names, ["a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"]);
        let Some(Command::List { words, .. }) = cli.command else { panic!("list") };
        assert_eq!(words, ["country:CN"]);
        // A deep link is a file and the event to open at.
        let (files, link) = deep_links(vec!["no/such.yaml#round-3".into(), "b.yaml".into()]).unwrap();
        assert_eq!(files, [PathBuf::from("no/such.yaml"), PathBuf::from("b.yaml")]);
        assert_eq!(link.map(|l| l.to_string()).as_deref(), Some("no/such.yaml#round-3"));
    }

    mod flags_are_query_terms {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Every filter flag means exactly the query term it stands for.
            #[test]
            fn flags_equal_terms(values in proptest::collection::vec((0usize..8, "[a-zA-Z0-9]{1,6}"), 0..6)) {
                let flags = ["--country", "--agency", "--person", "--tag", "--status", "--from", "--to", "--search"];
                let facets = [Facet::Country, Facet::Agency, Facet::Person, Facet::Tag, Facet::Status, Facet::From, Facet::To, Facet::Text];
                let mut argv = vec!["te".to_string(), "list".to_string()];
                let mut expected = Vec::new();
                for (f, v) in &values {
                    argv.push(flags[*f].to_string());
                    argv.push(v.clone());
                    expected.push(Term::new(facets[*f], v.clone()));
                }
                let cli = Cli::try_parse_from(&argv).unwrap();
                let Some(Command::List { words, .. }) = cli.command else { panic!("list") };
                let from_flags = full_query(&cli.filters, &words).map(|q| q.terms).map_err(|e| e.message);
                // The same values written as query words, in the order the flags produce them.
                expected.sort_by_key(|t| t.facet);
                let text: Vec<String> = expected.iter().map(|t| format!("{}:{}", t.facet.name(), t.value)).collect();
                let from_words = Query::parse(&text.join(" ")).map(|q| q.terms).map_err(|e| e.message);
                match (from_flags, from_words) {
                    (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                    (Err(a), Err(b)) => prop_assert_eq!(a, b),
                    (a, b) => prop_assert!(false, "flags {:?} vs words {:?}", a, b),
                }
            }
        }
    }
}
