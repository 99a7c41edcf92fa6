//! `diff` and `log`: what changed between two versions of a timeline, read from files or from
//! git revisions (`revision`), compared by `model::diff`, reported by `report`.

pub mod markdown;
pub mod report;
pub mod since;

use crate::model::diff::{self, Diff};
use crate::model::{loader, multi, Timeline};
use crate::revision::{self, GitError, Rev, Version};
use crate::text::escape;
use std::path::{Path, PathBuf};

/// The formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// A readable report, coloured on a terminal (not with NO_COLOR)
    Text,
    /// The stable shape documented in docs/FORMAT.md
    Json,
    /// A changelog for a release note
    Markdown,
}

/// Why a command could not compare: what to tell the reader. `diff` exits 2 for all of them
/// (1 means "changed").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

impl From<GitError> for Problem {
    fn from(e: GitError) -> Problem {
        Problem(format!("error: {e}"))
    }
}

/// One side, loaded: how reports name it, and the timeline.
pub struct Loaded {
    pub label: String,
    pub timeline: Timeline,
}

/// The paths and revision of one side, once `@REV` alone has borrowed the other side's paths.
struct Resolved {
    paths: Vec<PathBuf>,
    rev: Option<Rev>,
}

fn resolve_sides(old: &str, new: Option<&str>, files: &[PathBuf]) -> Result<(Resolved, Resolved), Problem> {
    let parse = |text: &str| Version::parse(text, Path::exists).map_err(|m| Problem(format!("error: {m}")));
    let old = parse(old)?;
    let new = match new {
        Some(text) => parse(text)?,
        None if old.rev.is_some() => Version { path: None, rev: None },
        None => {
            return Err(Problem(
                "error: `diff` needs two versions: OLD NEW (a file or directory, FILE@REV, or @REV \
                 for the same file at a git revision or before a date)"
                    .into(),
            ))
        }
    };
    if !files.is_empty() && (old.path.is_some() || new.path.is_some()) {
        return Err(Problem(
            "error: `-f` gives the files of `diff @REV`; here a version names its own files, so \
             leave `-f` out"
                .into(),
        ));
    }
    let fallback: Vec<PathBuf> = match (&old.path, &new.path) {
        (Some(p), _) | (None, Some(p)) => vec![p.clone()],
        (None, None) => files.to_vec(),
    };
    if fallback.is_empty() {
        return Err(Problem(
            "error: `@REV` needs a file: `diff FILE@REV FILE`, or `-f FILE diff @REV` (the built-in \
             timeline has no history)"
                .into(),
        ));
    }
    let side =
        |v: Version| Resolved { paths: v.path.map_or_else(|| fallback.clone(), |p| vec![p]), rev: v.rev };
    Ok((side(old), side(new)))
}

fn label(paths: &[PathBuf], rev: Option<&Rev>) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    match rev {
        Some(rev) => format!("{}@{rev}", names.join(", ")),
        None => names.join(", "),
    }
}

/// Loads the files as they are now (directories expanded), as one timeline.
fn load_now(paths: &[PathBuf]) -> Result<Timeline, Problem> {
    let inputs = multi::expand(paths).map_err(|e| Problem(e.to_string()))?;
    multi::load_all(&inputs.files, false).map(|l| l.timeline).map_err(|e| Problem(e.to_string()))
}

/// Loads the files as a revision holds them, each named `path@rev` in messages.
pub fn load_at(paths: &[PathBuf], rev: &Rev) -> Result<Timeline, Problem> {
    let mut files = Vec::new();
    for path in paths {
        files.extend(revision::read_at(path, rev)?);
    }
    parse_at(files, rev)
}

/// Files read from a revision, loaded as one timeline; stems as the files' own.
fn parse_at(files: Vec<revision::FileAt>, rev: &Rev) -> Result<Timeline, Problem> {
    let mut parts = Vec::new();
    for file in files {
        let shown = file.path.display().to_string();
        let mut timeline =
            loader::load_bytes(&format!("{shown}@{rev}"), file.bytes).map_err(|e| Problem(e.to_string()))?;
        if let Some(source) = timeline.files.first_mut() {
            source.stem = loader::stem_of(&shown);
        }
        parts.push(timeline);
    }
    Ok(if parts.len() == 1 { parts.remove(0) } else { multi::merge(parts).timeline })
}

fn load_side(side: &Resolved) -> Result<Loaded, Problem> {
    let timeline = match &side.rev {
        Some(rev) => load_at(&side.paths, rev)?,
        None => load_now(&side.paths)?,
    };
    Ok(Loaded { label: label(&side.paths, side.rev.as_ref()), timeline })
}

/// Reads both sides of `diff OLD [NEW]`.
pub fn load_pair(old: &str, new: Option<&str>, files: &[PathBuf]) -> Result<(Loaded, Loaded), Problem> {
    let (old, new) = resolve_sides(old, new, files)?;
    Ok((load_side(&old)?, load_side(&new)?))
}

/// `diff OLD [NEW]`: the report and whether anything changed.
pub fn diff_command(
    old: &str,
    new: Option<&str>,
    files: &[PathBuf],
    format: DiffFormat,
    colour: bool,
) -> Result<(String, bool), Problem> {
    let (old, new) = load_pair(old, new, files)?;
    let found = diff::diff(&old.timeline, &new.timeline);
    let text = match format {
        DiffFormat::Text => report::text(&found, &old.label, &new.label, report::Paint { on: colour }),
        DiffFormat::Json => report::json(&found, &old.label, &new.label),
        DiffFormat::Markdown => markdown::markdown(&found, &old.label, &new.label),
    };
    Ok((text, !found.is_empty()))
}

/// `log [FILE] [ID]`: the words of the command line as the file and the event. One word is the
/// file when it exists, else the event of the `-f` file.
fn log_target(words: &[String], files: &[PathBuf]) -> Result<(PathBuf, Option<String>), Problem> {
    let one_file = || match files {
        [one] => Ok(one.clone()),
        [] => Err(Problem(
            "error: `log` needs a FILE in a git repository (the built-in timeline has no history)".into(),
        )),
        _ => Err(Problem("error: `log` follows one file or directory; give one".into())),
    };
    match words {
        [] => Ok((one_file()?, None)),
        [word] if Path::new(word).exists() || files.is_empty() => Ok((PathBuf::from(word), None)),
        [id] => Ok((one_file()?, Some(id.clone()))),
        [file, id] => Ok((PathBuf::from(file), Some(id.clone()))),
        _ => Err(Problem(format!(
            "error: `log` takes a FILE and an event ID, not `{}`",
            escape(&words[2..].join(" "))
        ))),
    }
}

/// The file (or directory) as a commit or its parent holds it: a followed file where it was
/// then, which a rename may have put under another name.
fn read_version(
    path: &Path,
    commit: &revision::Commit,
    parent: bool,
) -> Result<Vec<revision::FileAt>, GitError> {
    let rev = if parent { revision::parent_of(commit) } else { Rev::Commit(commit.hash.clone()) };
    match &commit.path {
        Some(followed) => {
            let at = if parent { &followed.before } else { &followed.at };
            revision::read_followed(path, at, &rev).map(|file| vec![file])
        }
        None => revision::read_at(path, &rev),
    }
}

/// The version of a file a commit's parent holds; `None` when there is none (the commit
/// added the file, or has no parent).
fn before(path: &Path, commit: &revision::Commit) -> Result<Option<Timeline>, Problem> {
    match read_version(path, commit, true) {
        Err(GitError::NotAtRevision { .. } | GitError::UnknownRevision { .. }) => Ok(None),
        Err(e) => Err(e.into()),
        Ok(files) => parse_at(files, &revision::parent_of(commit)).map(Some),
    }
}

/// `log [FILE] [ID]`: one line per commit that changed the timeline (or the event), newest first;
/// a file is followed through renames in git, as `git log --follow` does.
pub fn log_command(words: &[String], files: &[PathBuf]) -> Result<String, Problem> {
    let (path, id) = log_target(words, files)?;
    if !path.exists() {
        return Err(Problem(format!(
            "error: `{}`: no such file or directory",
            escape(&path.display().to_string())
        )));
    }
    let commits = revision::commits(&path)?;
    let mut out = String::new();
    // The event's id as the commit being read names it: a rename, read backwards, gives the
    // id it had before.
    let mut wanted = id.clone();
    // Every id the file has had, for the nearest one when the id asked for is in none.
    let mut ids_seen: Vec<String> = Vec::new();
    let line = |commit: &revision::Commit, summary: &str| {
        format!(
            "{} {}  {summary}  ({})\n",
            commit.short(),
            commit.date,
            crate::text::one_line(&commit.subject)
        )
    };
    for commit in &commits {
        let after = match read_version(&path, commit, false)
            .map_err(Problem::from)
            .and_then(|files| parse_at(files, &Rev::Commit(commit.hash.clone())))
        {
            Ok(t) => t,
            Err(Problem(message)) => {
                out.push_str(&line(
                    commit,
                    &format!("does not load: {}", message.lines().next().unwrap_or_default()),
                ));
                continue;
            }
        };
        ids_seen.extend(after.events.iter().map(|e| e.id.clone()));
        let summary = match before(&path, commit) {
            Err(Problem(message)) => {
                format!("the version before does not load: {}", message.lines().next().unwrap_or_default())
            }
            Ok(None) => {
                if wanted.as_ref().is_some_and(|w| after.find_event(w).is_err()) {
                    continue;
                }
                let n = after.events.len();
                match &wanted {
                    Some(w) => format!("{} added", crate::text::one_line(w)),
                    None => format!("timeline added with {n} event{}", if n == 1 { "" } else { "s" }),
                }
            }
            Ok(Some(old)) => {
                let mut found: Diff = diff::diff(&old, &after);
                if let Some(w) = &wanted {
                    found.events.retain(|e| e.new.as_ref().or(e.old.as_ref()).is_some_and(|s| &s.id == w));
                    found.entities.clear();
                    found.timeline.clear();
                    if found.is_empty() {
                        continue;
                    }
                    if let Some(old_side) = found.events[0].old.as_ref() {
                        wanted = Some(old_side.id.clone());
                    }
                } else if found.is_empty() {
                    continue;
                }
                report::one_line_summary(&found)
            }
        };
        out.push_str(&line(commit, &summary));
    }
    if let Some(id) = id.as_ref().filter(|id| out.is_empty() && !ids_seen.contains(id)) {
        ids_seen.sort();
        ids_seen.dedup();
        let ids: Vec<&str> = ids_seen.iter().map(String::as_str).collect();
        let mut message = format!(
            "error: no event with id `{}` in `{}`, now or in its history",
            escape(id),
            escape(&path.display().to_string())
        );
        if let Some(near) = crate::model::link::nearest_id(id, &ids) {
            message.push_str(&format!("\n  = help: did you mean `{}`?", escape(near)));
        }
        return Err(Problem(message));
    }
    if out.is_empty() {
        out = match &id {
            Some(id) => format!("no commit changed `{}`\n", escape(id)),
            None => "no commit changed the timeline\n".into(),
        };
    }
    Ok(out)
}
