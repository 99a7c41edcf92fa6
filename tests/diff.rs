//! `diff` and `log` run as a user runs them: the built binary on a git repository made here,
//! with several commits of the built-in timeline carrying real-looking edits.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BUILTIN: &str = include_str!("../timeline.yaml");
/// A name with spaces, brackets (a pathspec's glob characters) and a non-ASCII letter.
const NAME: &str = "cyber dialogue [draft] ü.yaml";

fn git(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("TZ", "UTC")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Replaces every `from` (which must be there) by `to`.
fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    let mut text = text.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "the timeline holds {from:?}");
        text = text.replace(from, to);
    }
    text
}

/// The timeline without one event: its block up to the next event.
fn without_event(text: &str, id: &str, next: &str) -> String {
    let start = text.find(&format!("  - id: {id}\n")).expect("the event is there");
    let end = text.find(&format!("  - id: {next}\n")).expect("the next event is there");
    format!("{}{}", &text[..start], &text[end..])
}

/// A repository in `dir/repo` whose file NAME has four commits, tagged v1.0 on the first.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"], "2016-12-01T12:00:00Z");
    let file = repo.join(NAME);
    let commit = |text: &str, message: &str, date: &str| {
        std::fs::write(&file, text).unwrap();
        git(&repo, &["add", "-A"], date);
        git(&repo, &["commit", "-q", "-m", message], date);
    };
    commit(BUILTIN, "First published version", "2016-12-01T12:00:00Z");
    git(&repo, &["tag", "v1.0"], "2016-12-01T12:00:00Z");
    let v2 = edit(
        BUILTIN,
        &[
            (
                "    date: \"2017\"\n    status: did-not-take-place\n",
                "    date: \"~2017-06\"\n    status: cancelled\n",
            ),
            ("    tags: [dialogue, planned]\n", "    tags: [dialogue, planned, cancelled]\n"),
        ],
    );
    commit(&v2, "Round 4 did not take place", "2017-01-10T12:00:00Z");
    let v3 = edit(
        &v2,
        &[
            ("tabletop-exercise-2016", "tabletop-exercise-april-2016"),
            ("    date: \"2016-12-07..2016-12-08\"\n", "    date: \"2016-12-09..2016-12-10\"\n"),
        ],
    );
    commit(&v3, "Rename the exercise; move round 3", "2017-02-01T12:00:00Z");
    let added = "  - id: hotline-review-2017\n    title: Officials review the use of the cybercrime hotline\n    date: \"2017-02\"\n    status: planned\n    countries: [CN, US]\n    agencies: [mps, dhs]\n    tags: [hotline]\n";
    let v4 = edit(
        // The new event goes at the end of the events, before the stories.
        &without_event(&v3, "pla-indictment-2014", "opm-breach-records-2015")
            .replacen("\nstories:\n", &format!("\n{added}\nstories:\n"), 1),
        &[
            ("      - id: pla-indictment-2014\n        kind: background\n", ""),
            (
                "    short: OPM\n    country: US\n",
                "    short: OPM\n    country: US\n  - id: cisa\n    name: Cybersecurity and Infrastructure Security Agency\n    short: CISA\n    country: US\n",
            ),
        ],
    );
    commit(&v4, "Drop the 2014 background; add CISA", "2017-03-01T12:00:00Z");
    (dir, repo)
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_timeline-explorer"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CACHE_HOME", "/dev/null/no-cache")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

#[test]
fn diff_by_revision_reports_each_change_in_words() {
    let (_dir, repo) = repository();
    let o = run_in(&repo, &["diff", &format!("{NAME}@v1.0"), NAME]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    assert_eq!(
        stdout(&o),
        "cyber dialogue [draft] ü.yaml@v1.0 → cyber dialogue [draft] ü.yaml: events: 1 added, 1 removed, 1 renamed, 3 changed; 1 country, agency or person changed\n\
         \n\
         − pla-indictment-2014  2014-05-19  U.S. indicts five PLA officers and announces the charges; China suspends cyber working group\n\
         \n\
         ~ xi-obama-summit-2015  2015-09-25  Xi–Obama White House summit agrees cyber commitments\n\
         \x20   related     − pla-indictment-2014 (background)\n\
         \n\
         ~ tabletop-exercise-april-2016 (renamed from tabletop-exercise-2016)  Apr 2016  First tabletop exercise under the dialogue\n\
         \x20   id          tabletop-exercise-2016 → tabletop-exercise-april-2016\n\
         \n\
         ~ dialogue-round-3  Dec 9–10, 2016  Third round of the dialogue in Washington\n\
         \x20   date        Dec 7–8, 2016 → Dec 9–10, 2016 (moved 2 days later)\n\
         \x20   related     − pla-indictment-2014 (background)\n\
         \n\
         ~ dialogue-round-4-planned  ~Jun 2017  Planned fourth round of the dialogue in China\n\
         \x20   date        2017 → ~Jun 2017 (more precise: year → month; now approximate)\n\
         \x20   status      did not take place → cancelled\n\
         \x20   tags        + cancelled\n\
         \n\
         + hotline-review-2017  Feb 2017  Officials review the use of the cybercrime hotline\n\
         \n\
         Countries, agencies and people\n\
         + agency cisa  Cybersecurity and Infrastructure Security Agency\n"
    );
}

#[test]
fn diff_with_itself_is_exit_0_and_says_so() {
    let (_dir, repo) = repository();
    let o = run_in(&repo, &["diff", &format!("{NAME}@HEAD"), NAME]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{NAME}@HEAD → {NAME}: no event changed\n"));
}

#[test]
fn diff_by_date_takes_the_last_commit_before_it() {
    let (_dir, repo) = repository();
    // Before Jan 15, 2017 the last commit is "Round 4 did not take place"; one version given,
    // the other is the file as it is now.
    let o = run_in(&repo, &["diff", &format!("{NAME}@2017-01-15"), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["format"], "timeline-explorer/diff");
    assert_eq!(v["version"], 1);
    assert_eq!(v["old"], format!("{NAME}@2017-01-15"));
    assert_eq!(v["counts"]["added"], 1);
    assert_eq!(v["counts"]["removed"], 1);
    assert_eq!(v["counts"]["renamed"], 1);
    assert_eq!(v["counts"]["changed"], 2);
    let round3 = v["events"].as_array().unwrap().iter().find(|e| e["id"] == "dialogue-round-3").unwrap();
    assert_eq!(round3["changes"][0]["field"], "date");
    assert_eq!(round3["changes"][0]["days"], 2);
    assert_eq!(round3["changes"][0]["words"], "moved 2 days later");
    // `@REV` alone borrows the other side's file.
    let o = run_in(&repo, &["diff", "@2016-12-02", &format!("{NAME}@2017-01-15")]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("events: 1 changed\n"), "{}", stdout(&o));
    // A day means before that day began: the first commit was at noon on Dec 1.
    let o = run_in(&repo, &["diff", &format!("{NAME}@2016-12-01"), NAME]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "error: no commit before 2016-12-01 changed `./cyber dialogue [draft] ü.yaml`\n");
    let o = run_in(&repo, &["diff", &format!("{NAME}@2016-12-01T12:30"), &format!("{NAME}@v1.0")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn markdown_is_a_changelog() {
    let (_dir, repo) = repository();
    let o = run_in(
        &repo,
        &["diff", &format!("{NAME}@HEAD~2"), &format!("{NAME}@HEAD~1"), "--format", "markdown"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "## Changes from cyber dialogue \\[draft\\] ü.yaml@HEAD\\~2 to cyber dialogue \\[draft\\] ü.yaml@HEAD\\~1\n\
         \n\
         events: 1 renamed, 1 changed\n\
         \n\
         ### Changed\n\
         \n\
         - Apr 2016 — First tabletop exercise under the dialogue (tabletop-exercise-april-2016)\n\
         \x20 - renamed from tabletop-exercise-2016\n\
         - Dec 9–10, 2016 — Third round of the dialogue in Washington (dialogue-round-3)\n\
         \x20 - date: Dec 7–8, 2016 → Dec 9–10, 2016 (moved 2 days later)\n"
    );
}

#[test]
fn log_lists_the_commits_with_what_each_changed() {
    let (_dir, repo) = repository();
    let o = run_in(&repo, &["log", NAME]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<String> =
        stdout(&o).lines().map(|l| l.split_once(' ').expect("a hash first").1.to_string()).collect();
    assert_eq!(
        lines,
        [
            "2017-03-01  pla-indictment-2014 removed; xi-obama-summit-2015: 1 link removed; dialogue-round-3: 1 link removed; hotline-review-2017 added; agency cisa added  (Drop the 2014 background; add CISA)",
            "2017-02-01  tabletop-exercise-april-2016: renamed from tabletop-exercise-2016; dialogue-round-3: moved 2 days later  (Rename the exercise; move round 3)",
            "2017-01-10  dialogue-round-4-planned: more precise: year → month; now approximate; status did not take place → cancelled; 1 tag added  (Round 4 did not take place)",
            "2016-12-01  timeline added with 21 events  (First published version)",
        ]
    );
}

#[test]
fn log_of_one_event_follows_it_through_a_rename() {
    let (_dir, repo) = repository();
    let o = run_in(&repo, &["log", NAME, "tabletop-exercise-april-2016"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<String> =
        stdout(&o).lines().map(|l| l.split_once(' ').expect("a hash first").1.to_string()).collect();
    assert_eq!(
        lines,
        [
            "2017-02-01  tabletop-exercise-april-2016: renamed from tabletop-exercise-2016  (Rename the exercise; move round 3)",
            "2016-12-01  tabletop-exercise-2016 added  (First published version)",
        ]
    );
    // With `-f`, the one word is the event.
    let o = run_in(&repo, &["-f", NAME, "log", "dialogue-round-4-planned"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
}

#[test]
fn unknown_revisions_are_named_with_a_near_match() {
    let (_dir, repo) = repository();
    let o = run_in(&repo, &["diff", &format!("{NAME}@v1.1"), NAME]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "error: unknown revision `v1.1` in the repository of `.`; did you mean `v1.0`?\n");
    let o = run_in(&repo, &["diff", &format!("{NAME}@HEAD~9"), NAME]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: unknown revision `HEAD~9`"), "{}", stderr(&o));
    // A hostile revision is quoted escaped.
    let o = run_in(&repo, &["diff", &format!("{NAME}@x\u{1b}[31m"), NAME]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`x\\u{1b}[31m`"), "{}", stderr(&o));
    // A file the revision does not have.
    std::fs::write(repo.join("new.yaml"), BUILTIN).unwrap();
    let o = run_in(&repo, &["diff", "new.yaml@HEAD", "new.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "error: `new.yaml` does not exist at revision `HEAD`\n");
}

#[test]
fn outside_a_repository_a_revision_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.yaml"), BUILTIN).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"))
        .args(["diff", "t.yaml@HEAD~1", "t.yaml"])
        .current_dir(dir.path())
        .env("XDG_CACHE_HOME", "/dev/null/no-cache")
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "error: `.` is not inside a git repository, so it has no revisions\n");
    // Two plain files compare without git.
    std::fs::write(dir.path().join("u v.yaml"), BUILTIN.replace("status: planned", "status: cancelled"))
        .unwrap();
    let o = run_in(dir.path(), &["diff", "t.yaml", "u v.yaml"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("    status      planned → cancelled\n"), "{}", stdout(&o));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.yaml"), BUILTIN).unwrap();
    for (args, message) in [
        (&["diff", "t.yaml"][..], "error: `diff` needs two versions"),
        (&["diff", "@HEAD"][..], "error: `@REV` needs a file"),
        (&["diff", "t.yaml@", "t.yaml"][..], "error: `t.yaml@` names no revision after `@`"),
        (&["diff", "t.yaml", "t.yaml", "--status", "planned"][..], "error: `diff` and `log` take no filters"),
        (&["log"][..], "error: `log` needs a FILE"),
        (&["-f", "t.yaml", "diff", "t.yaml", "t.yaml"][..], "error: `-f` gives the files of `diff @REV`"),
    ] {
        let o = run_in(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with(message), "{args:?}: {}", stderr(&o));
    }
    let o = run_in(dir.path(), &["diff", "t.yaml", "t.yaml", "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(2));
    // A version that does not load is trouble, not a change.
    std::fs::write(dir.path().join("bad.yaml"), "title: [").unwrap();
    let o = run_in(dir.path(), &["diff", "t.yaml", "bad.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("bad.yaml:1:"), "{}", stderr(&o));
}

#[test]
fn a_directory_is_a_set_of_files_at_a_revision_too() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let data = repo.join("data dir");
    std::fs::create_dir_all(&data).unwrap();
    git(&repo, &["init", "-q"], "2016-12-01T12:00:00Z");
    let one = "title: Cyber\nevents:\n  - {id: talks, title: Cyber talks, date: 2016-12-07}\n";
    let two = "title: Trade\nevents:\n  - {id: talks, title: Trade talks, date: 2016-11-01}\n";
    std::fs::write(data.join("cyber.yaml"), one).unwrap();
    std::fs::write(data.join("trade.yaml"), two).unwrap();
    std::fs::write(data.join("cyber.notes.yaml"), "bookmarks: []\n").unwrap();
    git(&repo, &["add", "-A"], "2016-12-01T12:00:00Z");
    git(&repo, &["commit", "-q", "-m", "two files"], "2016-12-01T12:00:00Z");
    std::fs::write(data.join("trade.yaml"), two.replace("2016-11-01", "2016-11-03")).unwrap();
    let o = run_in(&repo, &["diff", "data dir@HEAD", "data dir"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "data dir@HEAD → data dir: events: 1 changed\n\
         \n\
         ~ trade#talks  2016-11-03  Trade talks\n\
         \x20   date        2016-11-01 → 2016-11-03 (moved 2 days later)\n"
    );
}

#[test]
fn log_follows_a_file_renamed_in_git() {
    let (_dir, repo) = repository();
    let moved = "moved here/cyber dialogue (final).yaml";
    std::fs::create_dir(repo.join("moved here")).unwrap();
    git(&repo, &["mv", NAME, moved], "2017-04-01T12:00:00Z");
    git(&repo, &["commit", "-q", "-m", "Move the file"], "2017-04-01T12:00:00Z");
    let text = std::fs::read_to_string(repo.join(moved)).unwrap();
    std::fs::write(repo.join(moved), edit(&text, &[("hotline-review-2017", "hotline-review-march-2017")]))
        .unwrap();
    git(&repo, &["commit", "-q", "-a", "-m", "Rename the review"], "2017-05-01T12:00:00Z");
    let o = run_in(&repo, &["log", moved]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<String> =
        stdout(&o).lines().map(|l| l.split_once(' ').expect("a hash first").1.to_string()).collect();
    assert_eq!(
        lines.len(),
        5,
        "the move itself changed nothing; the four commits before it are there:\n{lines:#?}"
    );
    assert_eq!(
        lines[0],
        "2017-05-01  hotline-review-march-2017: renamed from hotline-review-2017  (Rename the review)"
    );
    assert!(lines[1].starts_with("2017-03-01  pla-indictment-2014 removed;"), "{}", lines[1]);
    assert_eq!(lines[4], "2016-12-01  timeline added with 21 events  (First published version)");
    // One event, followed through the file's rename and its own.
    let o = run_in(&repo, &["log", moved, "tabletop-exercise-april-2016"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
}

#[test]
fn list_with_changes_marks_events_and_shows_removed_ones_as_ghosts() {
    let (_dir, repo) = repository();
    let o = run_in(&repo, &["--changes", "v1.0", "list", NAME]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let marked: Vec<&str> = out.lines().filter(|l| !l.starts_with("  ")).collect();
    assert_eq!(marked.len(), 7, "{out}");
    assert!(marked[0].starts_with("− 2014-05-19"), "the removed event, a ghost at its old date: {out}");
    assert!(marked[0].ends_with("(removed since v1.0)"), "{out}");
    assert!(marked.iter().any(|l| l.starts_with("~ ") && l.contains("tabletop exercise")), "{out}");
    assert!(
        marked.iter().any(|l| l.starts_with("+ ") && l.contains("review the use of the cybercrime hotline")),
        "{out}"
    );
    assert_eq!(
        out.lines().last().unwrap(),
        "since v1.0: 1 added, 4 changed, 1 removed (shown as ghosts: events of v1.0, not of this version)"
    );
    // Every event of this version is listed once, marked or not; the ghost is no event of it.
    let rows = out.lines().count() - 2;
    assert_eq!(rows, 21 + 1, "21 events now (one added, one removed) and one ghost: {out}");

    // `--count` counts the rows it would list, the ghost among them, and says which is which.
    let o = run_in(&repo, &["--changes", "v1.0", "list", NAME, "--count"]);
    assert_eq!(stdout(&o), format!("{}\n", 21 + 1), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("21 events of this version and 1 ghost; since v1.0"), "{}", stderr(&o));
    let o = run_in(&repo, &["--changes", "v1.0", "list", NAME, "change:removed", "--count"]);
    assert_eq!(stdout(&o), "1\n", "the ghost row, counted as listed: {}", stderr(&o));

    let o = run_in(&repo, &["--changes", "v1.0", "list", NAME, "change:moved"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().filter(|l| l.starts_with("~ ")).count(), 2, "round 3 and round 4 moved: {out}");
    assert!(out.ends_with("since v1.0: 0 added, 2 changed, 0 removed\n"), "{out}");

    let o = run_in(&repo, &["--since", "v1.0", "list", NAME, "change:removed"]);
    assert_eq!(stdout(&o).lines().filter(|l| l.starts_with("− ")).count(), 1, "{}{}", stdout(&o), stderr(&o));

    let o = run_in(&repo, &["--changes", "v1.0", "list", NAME, "change:remove"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `removed`?"), "{}", stderr(&o));
    let o = run_in(&repo, &["list", NAME, "change:added"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--changes REV"), "{}", stderr(&o));
    let o = run_in(&repo, &["--changes", "v9", "list", NAME]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown revision `v9`"), "{}", stderr(&o));
    let o = run_in(&repo, &["--changes", "v1.0", "show", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--changes is for the explorer (story mode and --plain too)"),
        "{}",
        stderr(&o)
    );
}

/// `--plain` and story mode say the list's `+`/`~` marks in words.
#[test]
fn plain_and_story_say_what_changed_in_words() {
    let (_dir, repo) = repository();
    let o = run_in(&repo, &["--changes", "v1.0", "--plain", NAME, "-q", "change:changed"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(", changed since v1.0: "), "{}", stdout(&o));
    let o = run_in(&repo, &["--changes", "v1.0", "--plain", NAME, "-q", "change:added"]);
    assert!(stdout(&o).contains(", added since v1.0."), "{}", stdout(&o));
    // Story mode, printed (stdout is no terminal): each changed slide says so under its title.
    let o = run_in(&repo, &["--changes", "v1.0", "story", NAME]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Added since v1.0."), "{out}");
    assert!(out.lines().any(|l| l.starts_with("Changed since v1.0: ") && l.contains("date")), "{out}");
}

#[test]
fn log_of_an_id_the_file_never_had_names_the_nearest_one() {
    let (_dir, repo) = repository();
    let o = run_in(&repo, &["log", NAME, "round-3"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("no event with id `round-3`"), "{}", stderr(&o));
    assert!(stderr(&o).contains("did you mean `dialogue-round-3`?"), "{}", stderr(&o));
    // An id the file had only in its history is still logged, not refused.
    let o = run_in(&repo, &["log", NAME, "tabletop-exercise-2016"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("tabletop-exercise-2016 added"), "{}", stdout(&o));
}
