//! timeline-explorer: explore timelines written in YAML, in a terminal.
//!
//! The model (`model`) loads, checks and describes timelines and knows nothing of terminals;
//! `report` turns it into plain text and JSON for the command line; `export` and `import` take
//! timelines to and from other tools' formats; `tui` is the interactive
//! explorer; `plain` is the same explorer as a line-by-line conversation (screen readers, braille,
//! scripts); `cli` ties them to the command line.

pub mod changes;
pub mod cli;
pub mod config;
pub mod explorer;
pub mod export;
pub mod import;
pub mod keys;
pub mod model;
pub mod plain;
pub mod report;
pub mod revision;
pub mod schema;
pub mod synthetic;
pub mod text;
pub mod tui;
