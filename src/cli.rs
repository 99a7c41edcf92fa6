//! The command line: parse arguments, run a subcommand, report an exit code.
//!
//! Subcommands that print never touch the terminal's modes; only the explorer does, and only when
//! stdout is a terminal.

use crate::model::{self, LoadError, Timeline};
use crate::{report, schema, text, tui};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes: 0 ok, 1 invalid data or a failure at run time, 2 a usage error.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "timeline-explorer",
    version,
    about = "Explore timelines written in YAML, in a terminal",
    long_about = "Explore timelines written in YAML, in a terminal.\n\n\
        With no command, opens the explorer on FILE (or the built-in timeline of the \
        China–U.S. High-Level Joint Dialogue on Cybercrime). When stdout is not a terminal, \
        prints the event table instead.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Timeline file to open (default: the built-in timeline)
    #[arg(value_name = "FILE")]
    pub path: Option<PathBuf>,

    /// Timeline file to use, for any command (default: the built-in timeline)
    #[arg(short = 'f', long = "file", value_name = "PATH", global = true)]
    pub file: Option<PathBuf>,

    /// Colour theme of the explorer
    #[arg(long, value_enum, default_value_t = Theme::Dark, global = true)]
    pub theme: Theme,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Theme {
    Dark,
    Light,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the events in chronological order
    List {
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Print one event's whole detail
    Show {
        /// The event's id (see `list --format json`)
        id: String,
    },
    /// Check timeline files and report every problem (the built-in timeline when none is given)
    Check {
        /// Files to check
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the timeline format
    Schema,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

/// Runs the program with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    ExitCode::from(run(cli))
}

pub fn run(cli: Cli) -> u8 {
    if cli.path.is_some() && cli.file.is_some() {
        eprintln!("error: give the timeline either as FILE or with --file, not both");
        return EXIT_USAGE;
    }
    let file = cli.file.or(cli.path);
    match cli.command {
        None => {
            if std::io::stdout().is_terminal() {
                match tui::run(file.as_deref(), cli.theme) {
                    Ok(()) => EXIT_OK,
                    Err(e) => {
                        eprintln!("error: {e}");
                        EXIT_FAILURE
                    }
                }
            } else {
                list(file.as_deref(), ListFormat::Table)
            }
        }
        Some(Command::List { format }) => list(file.as_deref(), format),
        Some(Command::Show { id }) => show(file.as_deref(), &id),
        Some(Command::Check { files }) => {
            let mut files = files;
            files.extend(file);
            check(&files)
        }
        Some(Command::Schema) => print(&schema::schema_text()),
    }
}

/// Loads the given file, or the built-in timeline.
pub fn load(file: Option<&Path>) -> Result<Timeline, LoadError> {
    match file {
        Some(path) => model::load_file(path),
        None => model::load_builtin(),
    }
}

fn load_or_report(file: Option<&Path>) -> Option<Timeline> {
    match load(file) {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("{e}");
            None
        }
    }
}

/// Writes to stdout; a closed pipe (`| head`) is a normal end, not an error.
fn print(output: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(output.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write to stdout: {e}");
            EXIT_FAILURE
        }
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100).clamp(40, 400)
}

fn list(file: Option<&Path>, format: ListFormat) -> u8 {
    let Some(timeline) = load_or_report(file) else { return EXIT_FAILURE };
    let all: Vec<usize> = (0..timeline.events.len()).collect();
    match format {
        ListFormat::Table => print(&report::list_table(&timeline, &all, terminal_width())),
        ListFormat::Json => print(&report::json_text(&report::event_records(&timeline, &all))),
    }
}

fn show(file: Option<&Path>, id: &str) -> u8 {
    let Some(timeline) = load_or_report(file) else { return EXIT_FAILURE };
    match timeline.event_index(id) {
        Some(ix) => print(&report::detail_text(&timeline, ix, terminal_width().min(100))),
        None => {
            eprintln!("error: no event with id `{}`", text::escape(id));
            let ids = timeline.events.iter().map(|e| e.id.as_str());
            if let Some(near) = model::suggest::did_you_mean(id, ids) {
                eprintln!("  = help: did you mean `{}`?", text::escape(near));
            }
            EXIT_FAILURE
        }
    }
}

fn check(files: &[PathBuf]) -> u8 {
    let mut failed = false;
    let mut report = |name: String, result: Result<Timeline, LoadError>| match result {
        Ok(t) => println!("{}: ok ({} events)", text::escape(&name), t.events.len()),
        Err(e) => {
            failed = true;
            eprintln!("{e}");
        }
    };
    if files.is_empty() {
        report(model::loader::BUILTIN_NAME.into(), model::load_builtin());
    }
    for path in files {
        report(path.display().to_string(), model::load_file(path));
    }
    if failed {
        EXIT_FAILURE
    } else {
        EXIT_OK
    }
}
