//! The interactive explorer.
use crate::cli::Theme;
use std::path::Path;

pub fn run(_file: Option<&Path>, _theme: Theme) -> std::io::Result<()> {
    Err(std::io::Error::other("explorer not built yet"))
}
