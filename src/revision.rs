//! Timeline files as they were at a git revision, read with the user's own `git` command:
//! `timeline.yaml@HEAD~3`, `timeline.yaml@v1.0`, `timeline.yaml@2016-12-01` (the last commit
//! before that day that touched the file), and the commits that changed a file.
//!
//! git runs in the file's directory and names the file relative to it (`REV:./name`), with
//! literal pathspecs, so a file anywhere in a repository works whatever characters its name has.

use crate::model::multi;
use crate::text::escape;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Which version of a file: a revision git knows, or the last commit before a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rev {
    /// Anything `git rev-parse` takes: `HEAD~3`, `v1.0`, a hash, a branch.
    Commit(String),
    /// `2016-12-01` or `2016-12-01T09:00`: the last commit before it.
    Before(String),
}

impl Rev {
    /// A date (`YYYY-MM-DD`, optionally with `THH:MM[:SS]`) means "the last commit before it";
    /// anything else is a revision.
    pub fn parse(text: &str) -> Rev {
        let date_like = |t: &str| {
            let (day, time) = t.split_once(['T', ' ']).unwrap_or((t, ""));
            chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok()
                && (time.is_empty()
                    || chrono::NaiveTime::parse_from_str(time, "%H:%M").is_ok()
                    || chrono::NaiveTime::parse_from_str(time, "%H:%M:%S").is_ok())
        };
        if date_like(text) {
            Rev::Before(text.to_string())
        } else {
            Rev::Commit(text.to_string())
        }
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rev::Commit(r) | Rev::Before(r) => f.write_str(r),
        }
    }
}

/// One side of a comparison as the command line gives it: a path (file or directory), maybe
/// at a revision; `@REV` alone leaves the path to the other side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub path: Option<PathBuf>,
    pub rev: Option<Rev>,
}

impl Version {
    /// `PATH`, `PATH@REV` or `@REV`. A path that exists is a path even with an `@` in its name;
    /// otherwise the text after the last `@` is the revision.
    pub fn parse(text: &str, exists: impl Fn(&Path) -> bool) -> Result<Version, String> {
        if exists(Path::new(text)) {
            return Ok(Version { path: Some(text.into()), rev: None });
        }
        match text.rsplit_once('@') {
            Some((_, "")) => Err(format!("`{}` names no revision after `@`", escape(text))),
            Some((path, rev)) => Ok(Version {
                path: (!path.is_empty()).then(|| PathBuf::from(path)),
                rev: Some(Rev::parse(rev)),
            }),
            None if text.is_empty() => Err("an empty file name".into()),
            None => Ok(Version { path: Some(text.into()), rev: None }),
        }
    }
}

/// Why a version could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitError {
    /// There is no `git` command to run.
    NoGit(String),
    NotARepository {
        dir: String,
    },
    NoSuchDirectory {
        dir: String,
    },
    UnknownRevision {
        rev: String,
        dir: String,
        hint: Option<String>,
    },
    NoCommitBefore {
        date: String,
        path: String,
    },
    NotAtRevision {
        path: String,
        rev: String,
    },
    /// git ran and failed in a way not foreseen here: its own words.
    Failed {
        what: String,
        stderr: String,
    },
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitError::NoGit(e) => write!(f, "cannot run `git` ({e}); reading a revision needs git installed"),
            GitError::NotARepository { dir } => {
                write!(f, "`{}` is not inside a git repository, so it has no revisions", escape(dir))
            }
            GitError::NoSuchDirectory { dir } => write!(f, "`{}`: no such directory", escape(dir)),
            GitError::UnknownRevision { rev, dir, hint } => {
                write!(f, "unknown revision `{}` in the repository of `{}`", escape(rev), escape(dir))?;
                match hint {
                    Some(h) => write!(f, "; did you mean `{}`?", escape(h)),
                    None => Ok(()),
                }
            }
            GitError::NoCommitBefore { date, path } => {
                write!(f, "no commit before {} changed `{}`", escape(date), escape(path))
            }
            GitError::NotAtRevision { path, rev } => {
                write!(f, "`{}` does not exist at revision `{}`", escape(path), escape(rev))
            }
            GitError::Failed { what, stderr } => {
                write!(f, "git failed to {what}: {}", escape(stderr.trim()))
            }
        }
    }
}

impl std::error::Error for GitError {}

/// One file as a revision holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileAt {
    /// The path as the command line named it (for a directory, the directory joined with the name).
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Where git runs for a path and how it names the path from there: a file's directory and
/// `./name`, or a directory itself and `.`.
fn place(path: &Path) -> (PathBuf, String) {
    if path.is_dir() {
        return (path.to_path_buf(), ".".into());
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (dir, format!("./{name}"))
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).arg("--literal-pathspecs").env("GIT_TERMINAL_PROMPT", "0").env("GIT_PAGER", "cat");
    cmd
}

/// Runs git; `Ok` with stdout when it succeeds, `Err` with stderr when it fails.
fn run(mut cmd: Command) -> Result<Result<Vec<u8>, String>, GitError> {
    let out = cmd.output().map_err(|e| GitError::NoGit(e.to_string()))?;
    Ok(if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    })
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Checks that `dir` is in a repository.
fn repository(dir: &Path) -> Result<(), GitError> {
    if !dir.is_dir() {
        return Err(GitError::NoSuchDirectory { dir: shown(dir) });
    }
    let mut cmd = git(dir);
    cmd.args(["rev-parse", "--show-toplevel"]);
    match run(cmd)? {
        Ok(_) => Ok(()),
        Err(_) => Err(GitError::NotARepository { dir: shown(dir) }),
    }
}

/// The commit a revision names, as a full hash.
fn resolve(dir: &Path, name: &str, rev: &Rev) -> Result<String, GitError> {
    let mut cmd = git(dir);
    match rev {
        Rev::Commit(r) => {
            cmd.args(["rev-parse", "--verify", "--quiet", "--end-of-options"]).arg(format!("{r}^{{commit}}"));
        }
        Rev::Before(date) => {
            // git reads a bare day as that day at the current time of day; "before Dec 1" means
            // before Dec 1 began (in the local zone, as git reads dates).
            let at = if date.len() == 10 { format!("{date}T00:00:00") } else { date.clone() };
            cmd.args(["rev-list", "-1"]).arg(format!("--before={at}")).args(["HEAD", "--", name]);
        }
    }
    let out = run(cmd)?.ok().map(|o| String::from_utf8_lossy(&o).trim().to_string()).unwrap_or_default();
    if !out.is_empty() {
        return Ok(out);
    }
    Err(match rev {
        Rev::Commit(r) => {
            GitError::UnknownRevision { rev: r.clone(), dir: shown(dir), hint: nearest_ref(dir, r) }
        }
        Rev::Before(date) => GitError::NoCommitBefore { date: date.clone(), path: name.into() },
    })
}

/// The branch or tag nearest to a mistyped revision.
fn nearest_ref(dir: &Path, wrong: &str) -> Option<String> {
    let mut cmd = git(dir);
    cmd.args(["for-each-ref", "--format=%(refname:short)"]);
    let out = run(cmd).ok()?.ok()?;
    let refs = String::from_utf8_lossy(&out).into_owned();
    crate::model::suggest::did_you_mean(wrong, refs.lines()).map(str::to_string)
}

/// The file (or each timeline file of the directory) at the revision.
pub fn read_at(path: &Path, rev: &Rev) -> Result<Vec<FileAt>, GitError> {
    let (dir, name) = place(path);
    repository(&dir)?;
    let commit = resolve(&dir, &name, rev)?;
    let names: Vec<String> = if name == "." {
        let mut cmd = git(&dir);
        cmd.args(["ls-tree", "-z", "--name-only", &commit, "--", "."]);
        let listed = run(cmd)?.map_err(|stderr| GitError::Failed {
            what: format!("list `{}`", escape(&shown(path))),
            stderr,
        })?;
        String::from_utf8_lossy(&listed)
            .split('\0')
            .filter(|n| {
                let p = Path::new(n);
                p.extension().is_some_and(|x| multi::EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e)))
                    && !multi::is_sidecar(p)
            })
            .map(|n| format!("./{n}"))
            .collect()
    } else {
        vec![name]
    };
    if names.is_empty() {
        return Err(GitError::NotAtRevision { path: shown(path), rev: rev.to_string() });
    }
    names
        .into_iter()
        .map(|name| {
            let mut cmd = git(&dir);
            cmd.args(["cat-file", "blob"]).arg(format!("{commit}:{name}"));
            let file = if path.is_dir() { path.join(&name[2..]) } else { path.to_path_buf() };
            match run(cmd)? {
                Ok(bytes) => Ok(FileAt { path: file, bytes }),
                Err(_) => Err(GitError::NotAtRevision { path: shown(&file), rev: rev.to_string() }),
            }
        })
        .collect()
}

/// A commit that changed a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    /// The author date, `YYYY-MM-DD`.
    pub date: String,
    pub subject: String,
    /// For one file followed through renames (`git log --follow`): where it was at this
    /// commit and at the commit's parent, from the top of the repository. `None` for a
    /// directory, whose files are read where they are now.
    pub path: Option<FollowedPath>,
}

/// Where a followed file was, from the top of the repository: at a commit, and at its parent
/// (another name when the commit renamed it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowedPath {
    pub at: String,
    pub before: String,
}

impl Commit {
    /// The first seven characters of the hash, as git shows it.
    pub fn short(&self) -> &str {
        &self.hash[..self.hash.len().min(7)]
    }
}

/// The commits that changed the file (or a directory's files), newest first. A file is
/// followed through renames, as `git log --follow` does.
pub fn commits(path: &Path) -> Result<Vec<Commit>, GitError> {
    let (dir, name) = place(path);
    repository(&dir)?;
    let follow = name != ".";
    let mut cmd = git(&dir);
    cmd.args(["log", "--no-color", "-z", "--format=%x1e%H%x1f%ad%x1f%s", "--date=short"]);
    if follow {
        cmd.args(["--follow", "--name-status"]);
    }
    cmd.args(["--", &name]);
    let out = run(cmd)?.map_err(|stderr| GitError::Failed { what: "read the history".into(), stderr })?;
    Ok(String::from_utf8_lossy(&out)
        .split('\u{1e}')
        .filter_map(|record| parse_commit(record, follow))
        .collect())
}

/// One record of `commits`' `git log`: `HASH␟DATE␟SUBJECT`, then with `--name-status -z` a NUL,
/// a line break, and `STATUS␀PATH␀` or, for a rename, `R100␀OLD␀NEW␀`.
fn parse_commit(record: &str, follow: bool) -> Option<Commit> {
    let (head, names) = record.split_once('\0').unwrap_or((record, ""));
    let mut parts = head.trim_start_matches('\n').split('\u{1f}');
    let hash = parts.next()?.to_string();
    if hash.is_empty() {
        return None;
    }
    let path = if follow {
        let fields: Vec<&str> =
            names.trim_start_matches('\n').split('\0').filter(|f| !f.is_empty()).collect();
        match fields.as_slice() {
            [status, old, new] if status.starts_with(['R', 'C']) => {
                Some(FollowedPath { at: new.to_string(), before: old.to_string() })
            }
            [_, path] => Some(FollowedPath { at: path.to_string(), before: path.to_string() }),
            _ => None,
        }
    } else {
        None
    };
    Some(Commit {
        hash,
        date: parts.next().unwrap_or_default().to_string(),
        subject: parts.next().unwrap_or_default().to_string(),
        path,
    })
}

/// A file's bytes at a commit, by its path from the top of the repository (as `commits`
/// gives it for a followed file); named `shown` in the result and in messages.
pub fn read_followed(shown: &Path, at: &str, rev: &Rev) -> Result<FileAt, GitError> {
    let (dir, _) = place(shown);
    let mut cmd = git(&dir);
    cmd.args(["cat-file", "blob"]).arg(format!("{rev}:{at}"));
    match run(cmd)? {
        Ok(bytes) => Ok(FileAt { path: shown.to_path_buf(), bytes }),
        Err(_) => Err(GitError::NotAtRevision { path: at.to_string(), rev: rev.to_string() }),
    }
}

/// The revision just before a commit (its first parent), for reading what it changed.
pub fn parent_of(commit: &Commit) -> Rev {
    Rev::Commit(format!("{}^", commit.hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_side_is_a_path_a_path_at_a_revision_or_a_revision() {
        let none = |_: &Path| false;
        assert_eq!(
            Version::parse("timeline.yaml@HEAD~3", none),
            Ok(Version { path: Some("timeline.yaml".into()), rev: Some(Rev::Commit("HEAD~3".into())) })
        );
        assert_eq!(
            Version::parse("@2016-12-01", none),
            Ok(Version { path: None, rev: Some(Rev::Before("2016-12-01".into())) })
        );
        assert_eq!(
            Version::parse("a@b.yaml@v1.0", none),
            Ok(Version { path: Some("a@b.yaml".into()), rev: Some(Rev::Commit("v1.0".into())) })
        );
        assert_eq!(
            Version::parse("odd@name.yaml", |_| true),
            Ok(Version { path: Some("odd@name.yaml".into()), rev: None }),
            "an existing file keeps its @"
        );
        assert!(Version::parse("t.yaml@", none).unwrap_err().contains("names no revision"));
        assert_eq!(Rev::parse("2016-12-01T09:30"), Rev::Before("2016-12-01T09:30".into()));
        assert_eq!(Rev::parse("2016-13-01"), Rev::Commit("2016-13-01".into()));
    }

    #[test]
    fn errors_quote_their_values_escaped() {
        let e =
            GitError::UnknownRevision { rev: "v\u{1b}[31m".into(), dir: "d".into(), hint: Some("v1".into()) };
        assert_eq!(
            e.to_string(),
            "unknown revision `v\\u{1b}[31m` in the repository of `d`; did you mean `v1`?"
        );
    }

    #[test]
    fn a_followed_commit_knows_the_name_before_a_rename() {
        let renamed =
            parse_commit("\nabc\u{1f}2017-01-02\u{1f}Move it\0\nR100\0a b.yaml\0sub/c\"d.yaml\0", true)
                .expect("a commit");
        assert_eq!(renamed.subject, "Move it");
        assert_eq!(
            renamed.path,
            Some(FollowedPath { at: "sub/c\"d.yaml".into(), before: "a b.yaml".into() })
        );
        let edited =
            parse_commit("def\u{1f}2017-01-03\u{1f}Edit\0\nM\0sub/x.yaml\0", true).expect("a commit");
        assert_eq!(edited.path, Some(FollowedPath { at: "sub/x.yaml".into(), before: "sub/x.yaml".into() }));
        assert_eq!(parse_commit("def\u{1f}2017-01-03\u{1f}Edit", false).expect("a commit").path, None);
        assert_eq!(parse_commit("\n", true), None);
    }
}
