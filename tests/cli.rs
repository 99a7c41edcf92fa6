//! The command line, run as a user runs it: the built binary on real files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"));
    // A cache place that cannot exist: every run parses, as a test run must be repeatable.
    cmd.env_remove("NO_COLOR").env("COLUMNS", "100").env("XDG_CACHE_HOME", "/dev/null/no-cache");
    cmd
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path).display().to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

#[test]
fn builtin_timeline_checks_clean() {
    let o = run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("ok (21 events, 1 story)"), "{}", stdout(&o));
    let o = run(&["check", "timeline.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn good_fixtures_load() {
    for name in [
        "minimal.yaml",
        "full.yaml",
        "json.json",
        "bom-crlf.yaml",
        "hostile-text.yaml",
        "empty-optional.yaml",
        "quoted-text.yaml",
        "core-tags.yaml",
    ] {
        let o = run(&["check", &fixture(&format!("good/{name}"))]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
    }
}

/// Each bad fixture: the exit code, and (line, column, message, help) of every diagnostic.
#[test]
fn bad_fixtures_are_located_and_explained() {
    type Expect = (&'static str, &'static [(usize, usize, &'static str, Option<&'static str>)]);
    let cases: &[Expect] = &[
        ("syntax.yaml", &[(4, 12, "this quoted text is never closed", Some("add the closing quote"))]),
        ("tab.yaml", &[(4, 1, "a tab character here", Some("indent with spaces"))]),
        (
            "types.yaml",
            &[
                (1, 8, "`title` should be text, not a list", None),
                (6, 11, "`tags` should be a list, not text `hotline`", Some("`tags: [hotline]`")),
                (7, 15, "`outcomes` should be a list, not text `one`", None),
                (8, 5, "unknown key `titel`", Some("did you mean `title`?")),
                (9, 5, "this value should be a mapping (`key: value` lines), not text `just a string`", None),
            ],
        ),
        (
            "raw-controls.yaml",
            &[
                (1, 12, "a raw control character `\\u{1b}` is not allowed in YAML", Some("escape")),
                (3, 21, "a raw control character `\\u{7}`", None),
            ],
        ),
        ("type.yaml", &[(4, 12, "`title` should be text, not a list", None)]),
        ("unknown-key.yaml", &[(4, 5, "unknown key `titel`", Some("did you mean `title`?"))]),
        ("empty-value.yaml", &[(4, 5, "`title` is empty; this event needs a value for it", None)]),
        ("repeated-key.yaml", &[(5, 5, "the key `title` appears twice", None)]),
        ("missing-required.yaml", &[(3, 5, "this event is missing the required key `date`", None)]),
        ("bad-event-id.yaml", &[(3, 9, "invalid event id `Bad Id!`", Some("`bad-id`"))]),
        ("duplicate-id.yaml", &[(6, 9, "duplicate event id `a`", None)]),
        (
            "unknown-reference.yaml",
            &[
                (6, 47, "unknown agency `dojj`", Some("did you mean `doj`?")),
                (8, 53, "unknown country `CNN`", None),
                (13, 21, "unknown agency `fbii`", Some("did you mean `fbi`?")),
                (14, 14, "unknown person `guo-shenkun`", Some("did you mean `guo-shengkun`?")),
                (15, 15, "unknown event `bb`", Some("did you mean `b`?")),
                (17, 14, "unknown person `guo-shengkum`", Some("did you mean `guo-shengkun`?")),
            ],
        ),
        ("cycle.yaml", &[(3, 30, "agency parents form a cycle: `a` → `c` → `b` → `a`", None)]),
        (
            "invalid-date.yaml",
            &[
                (3, 29, "invalid date `2016-02-30`: day 30 does not exist in 2016-02", None),
                (4, 29, "invalid date `2017..2016`: the range ends before it starts", None),
                (5, 29, "invalid date `123456`: year 123456 is out of range", None),
                (6, 29, "invalid date `2016/01/02`: expected YYYY", None),
            ],
        ),
        (
            "times.yaml",
            &[
                (4, 29, "invalid date `2016-12-07T25:00`: hour 25 does not exist (00..23)", None),
                (5, 29, "invalid date `2016-12-07T12:60`: minute 60 does not exist (00..59)", None),
                (6, 29, "invalid date `2016-12-07T12:00+25:00`: offset +25:00 is out of range", None),
                (7, 29, "invalid date `2016-12T12:00`: a time needs a whole date before it", None),
                (
                    8,
                    29,
                    "invalid date `2016-12-07T10:00-05:00..22:00+08:00`: the range ends before it starts",
                    None,
                ),
                (
                    9,
                    29,
                    "2016-03-13 02:30 does not exist in America/New_York: the clocks moved forward",
                    None,
                ),
                (10, 59, "invalid time zone `Asia/Shangai`", Some("did you mean `Asia/Shanghai`?")),
            ],
        ),
        (
            "timezone.yaml",
            &[(2, 11, "invalid time zone `Europe/Lodnon`", Some("did you mean `Europe/London`?"))],
        ),
        (
            "not-text.yaml",
            &[
                (1, 8, "`title` should be text, not the number `2016`", Some("quote it: \"2016\"")),
                (3, 9, "`id` should be text, not the number `12`", Some("quote it: \"12\"")),
                (4, 12, "`title` should be text, not the boolean `true`", Some("quote it: \"true\"")),
                (6, 14, "`summary` should be text, not the number `42`", Some("quote it: \"42\"")),
                (7, 12, "this value should be text, not the boolean `true`", Some("quote it: \"true\"")),
                (7, 18, "this value should be text, not the number `3`", Some("quote it: \"3\"")),
                (7, 21, "this value should be text, not the number `1.5`", Some("quote it: \"1.5\"")),
                (8, 15, "this value should be text, not the number `7`", Some("quote it: \"7\"")),
            ],
        ),
        (
            "empty-text.yaml",
            &[
                (1, 8, "`title` is empty; the timeline needs a value for it", None),
                (3, 20, "`name` is empty; this country needs a value for it", None),
                (6, 12, "`title` is empty; this event needs a value for it", None),
                (9, 14, "`by` is empty; this quote needs a value for it", None),
                (9, 24, "`text` is empty; this quote needs a value for it", None),
            ],
        ),
        (
            "month-day.yaml",
            &[
                (3, 29, "invalid date `2016-13-01`: month 13 does not exist (01..12)", None),
                (4, 29, "invalid date `2016-00`: month 0 does not exist (01..12)", None),
                (5, 29, "invalid date `2016-01-32`: day 32 does not exist in 2016-01 (it has 31 days)", None),
            ],
        ),
        (
            "entity-ids.yaml",
            &[
                (3, 10, "the country id `c n` is empty or contains spaces", None),
                (5, 10, "the agency id `a b` is empty or contains spaces", None),
                (7, 10, "the person id ` ` is empty or contains spaces", None),
            ],
        ),
        ("null-item.yaml", &[(6, 15, "this list item is empty", Some("remove it, or write a value"))]),
        ("related-to-itself.yaml", &[(3, 45, "event `a` is related to itself", None)]),
        ("role-reversed.yaml", &[(6, 43, "the role ends (2015) before it starts (2016)", None)]),
        (
            "unknown-person-unquoted.yaml",
            &[(
                9,
                14,
                "unknown person `guo-shengkum`",
                Some("did you mean `guo-shengkun`? (write free text in quotes)"),
            )],
        ),
        (
            "impossible-date.yaml",
            &[
                (3, 29, "invalid date `2016-02-30`: day 30 does not exist in 2016-02 (it has 29 days)", None),
                (4, 29, "invalid date `2015-02-29`: day 29 does not exist in 2015-02 (it has 28 days)", None),
                (5, 29, "invalid date `2016-04-31`: day 31 does not exist in 2016-04 (it has 30 days)", None),
            ],
        ),
        (
            "reversed-range.yaml",
            &[
                (3, 29, "invalid date `2017..2016`: the range ends before it starts", None),
                (4, 29, "invalid date `2016-12-08..2016-12-07`: the range ends before it starts", None),
                (5, 29, "invalid date `2016-12-07T10:00..09:00`: the range ends before it starts", None),
            ],
        ),
        (
            "yaml-tags.yaml",
            &[
                (1, 8, "YAML tags are not supported: `!`", Some("remove the tag")),
                (2, 11, "YAML tags are not supported: `!foo`", None),
                (7, 17, "YAML tags are not supported: `!big`", None),
                (8, 15, "YAML tags are not supported: `!place`", None),
            ],
        ),
        (
            "indentation.yaml",
            &[(
                10,
                6,
                "this line is indented differently from the lines around it",
                Some("line 9 starts in column 7"),
            )],
        ),
        (
            "after-quote.yaml",
            &[(
                4,
                21,
                "text after the closing quote of a value",
                Some("put all of the value inside the quotes"),
            )],
        ),
        (
            "unquoted-comma.yaml",
            &[(
                8,
                44,
                "unknown key `Tyuratam`",
                Some("quote the value: `place: \"Baikonur Cosmodrome, Tyuratam\"`"),
            )],
        ),
        ("status.yaml", &[(3, 43, "unknown status `planed`", Some("did you mean `planned`?"))]),
        (
            "acting.yaml",
            &[
                (10, 74, "unknown country, agency or person `dojj`", Some("did you mean `doj`?")),
                (
                    11,
                    74,
                    "`mps` is in `by` but not among this event's participants",
                    Some("add `mps` to this event's `agencies`, or take it out of `by`"),
                ),
                (12, 56, "`by` is empty", Some("or leave `by` out")),
                (13, 61, "`US` is listed twice in `by`", None),
                (14, 73, "`US` names more than one of this event's participants", Some("different ids")),
                (15, 57, "unknown country, agency or person `China`", Some("did you mean `CN` (China)?")),
                (16, 57, "unknown country, agency or person `\\u{1b}[2Jevil`", None),
            ],
        ),
        ("two-documents.yaml", &[(4, 1, "more than one YAML document", Some("`---`"))]),
        ("empty.yaml", &[(1, 1, "the file is empty", None)]),
        ("not-utf8.yaml", &[(1, 16, "not valid UTF-8: bytes `\\xe9\\x74\\xe9\\x0a`", Some("UTF-8"))]),
        ("utf16.yaml", &[(1, 1, "UTF-16", Some("save the file as UTF-8"))]),
        ("nul.yaml", &[(1, 12, "a raw control character `\\u{0}` is not allowed in YAML", None)]),
        ("alias-bomb.yaml", &[(1, 1, "repetition limit exceeded", Some("alias bomb"))]),
        ("deep-nesting.yaml", &[(3, 137, "nesting is deeper than 128 levels", None)]),
        ("escape-in-value.yaml", &[(3, 43, "unknown status `\\u{1b}[2J\\u{1b}]0;pwned\\u{7}`", None)]),
    ];
    for (name, expected) in cases {
        let path = fixture(&format!("bad/{name}"));
        let o = run(&["check", &path]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(!err.contains('\u{1b}'), "{name}: raw escape in stderr");
        let headers: Vec<&str> =
            err.lines().filter(|l| l.starts_with(&path) && l.contains(": error: ")).collect();
        assert_eq!(headers.len(), expected.len(), "{name}: {err}");
        for (header, (line, column, message, help)) in headers.iter().zip(expected.iter()) {
            let prefix = format!("{path}:{line}:{column}: error: ");
            assert!(header.starts_with(&prefix), "{name}: expected {prefix}… got {header}");
            assert!(header.contains(message), "{name}: expected `{message}` in {header}");
            if let Some(help) = help {
                let block = err.split(*header).nth(1).unwrap_or("");
                let next_help = block.lines().find(|l| l.contains("= help:")).unwrap_or("");
                assert!(next_help.contains(help), "{name}: expected help `{help}` after {header}\n{err}");
            }
        }
        let n = expected.len();
        assert!(
            err.trim_end().ends_with(&format!("{n} error{}", if n == 1 { "" } else { "s" })),
            "{name}: {err}"
        );
    }
}

/// The whole message, as a person reads it, for the diagnostics that have more than one line of
/// their own: a second place ("first defined here"), the parser's words kept as a note, hints.
#[test]
fn diagnostics_read_like_a_compilers() {
    for name in [
        "duplicate-id",
        "indentation",
        "after-quote",
        "unquoted-comma",
        "yaml-tags",
        "not-text",
        "empty-text",
    ] {
        let path = format!("tests/fixtures/bad/{name}.yaml");
        let o = bin().current_dir(env!("CARGO_MANIFEST_DIR")).args(["check", &path]).output().expect("runs");
        assert_eq!(o.status.code(), Some(1));
        insta::assert_snapshot!(format!("diagnostics_{name}"), stderr(&o));
    }
}

#[test]
fn unreadable_paths_are_clear_errors() {
    let dir = fixture("multi/no-timelines");
    let o = run(&["check", &dir]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!("{dir}: error: no timelines in {dir}")), "{}", stderr(&o));
    let o = run(&["check", "/no/such/timeline.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/no/such/timeline.yaml: error: no such file"), "{}", stderr(&o));
}

#[test]
fn check_reports_every_file_and_fails_if_any_fails() {
    let o = run(&[
        "check",
        &fixture("good/minimal.yaml"),
        &fixture("bad/status.yaml"),
        &fixture("bad/cycle.yaml"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("minimal.yaml: ok (1 event)"));
    assert!(stderr(&o).contains("status.yaml:3:43"));
    assert!(stderr(&o).contains("cycle.yaml:3:30"));
}

#[test]
fn list_json_has_the_story_in_order() {
    let o = run(&["list", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let events: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let events = events.as_array().expect("an array");
    assert_eq!(events.len(), 21);
    let starts: Vec<&str> = events.iter().map(|e| e["start"].as_str().unwrap()).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "chronological");
    let third = events.iter().find(|e| e["date"] == "2016-12-07..2016-12-08").expect("third round");
    assert_eq!(third["start"], "2016-12-07");
    assert_eq!(third["end"], "2016-12-08");
    assert_eq!(third["precision"], "day");
    for key in [
        "id",
        "title",
        "status",
        "location",
        "countries",
        "agencies",
        "people",
        "tags",
        "summary",
        "outcomes",
        "sources",
        "related",
        "approximate",
        "uncertain",
    ] {
        assert!(third.get(key).is_some(), "missing {key}");
    }
    let agencies: Vec<&str> =
        third["agencies"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    for a in ["mps", "cac", "mfa", "miit", "mss", "doj", "dhs", "state", "fbi"] {
        assert!(agencies.contains(&a), "third round lacks {a}: {agencies:?}");
    }
    let dates = |status: &str| -> Vec<&str> {
        events.iter().filter(|e| e["status"] == status).map(|e| e["date"].as_str().unwrap()).collect()
    };
    assert_eq!(dates("planned"), ["2016-01..2016-06"], "the training course");
    assert_eq!(dates("did-not-take-place"), ["2017"], "the fourth round");
    assert!(events.iter().all(|e| !e["sources"].as_array().unwrap().is_empty()), "every event has sources");
}

#[test]
fn list_table_is_chronological_with_marks() {
    let o = run(&["list", "-f", &fixture("good/full.yaml")]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 5);
    assert!(rows[0].contains("Ides of March") && rows[0].starts_with("Mar 15, 44 BCE"));
    assert!(rows[1].starts_with("~Sep 2015"));
    assert!(rows[2].starts_with("Dec 7–8, 2016") && rows[2].ends_with("  CN US"), "{}", rows[2]);
    // A whole year starts before June of it: start first, then end.
    assert!(rows[3].contains('○') && rows[3].starts_with("2017?"), "{}", rows[3]);
    assert!(rows[4].contains('✕') && rows[4].starts_with("Jun 2017"), "{}", rows[4]);
    assert!(rows.iter().all(|r| !r.ends_with(' ')), "no trailing spaces");
}

#[test]
fn bare_path_without_a_terminal_prints_the_table() {
    let o = run(&[&fixture("good/minimal.yaml")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("The only event"));
}

#[test]
fn show_prints_everything_about_an_event() {
    let o = run(&["show", "later", "-f", &fixture("good/full.yaml")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Listed first, happens later",
        "Dec 7–8, 2016  (2 days)",
        "after Earlier, circa",
        "Washington, D.C. (United States)",
        "United States: FBI — Federal Bureau of Investigation (part of DOJ)",
        "China: Guo Shengkun (郭声琨) — co-chair; Minister of Public Security; CN",
        "United States: James Comey — Director, FBI; US",
        "“A quote.” — Guo Shengkun (press release)",
        "“Another.” — Unnamed official",
        "Sources disagree on the second day.",
        "A report — A paper, 2016-12-09\n    https://example.com/a\n",
        "→ Follows Earlier, circa (~Sep 2015)",
        "x-confidence: high",
        "#dialogue #hotline",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    let o = run(&["show", "earlier", "-f", &fixture("good/full.yaml")]);
    assert!(stdout(&o).contains("Referred to by"), "{}", stdout(&o));
}

#[test]
fn show_unknown_id_suggests() {
    let o = run(&["show", "latr", "-f", &fixture("good/full.yaml")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no event with id `latr`"));
    assert!(stderr(&o).contains("did you mean `later`?"));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(run(&["--no-such-flag"]).status.code(), Some(2));
    assert_eq!(run(&["list", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(run(&["list", "--at", "2016-13"]).status.code(), Some(2));
    assert_eq!(run(&["lsit"]).status.code(), Some(2), "a mistyped command is not a missing file");
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("check"));
    let version = run(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(stdout(&version).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let o = run(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let committed = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/timeline.schema.json"),
    )
    .unwrap();
    assert_eq!(stdout(&o), committed);
    let head =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("timeline.yaml")).unwrap();
    assert!(head.starts_with("# yaml-language-server: $schema=assets/timeline.schema.json"));
}

#[test]
fn hostile_text_never_reaches_stdout_raw() {
    let file = fixture("good/hostile-text.yaml");
    for args in [vec!["list"], vec!["show", "e1"], vec!["list", "--format", "json"]] {
        let mut all = args.clone();
        all.extend(["-f", &file]);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        let bad = out.chars().find(|&c| {
            (c.is_control() && c != '\n')
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        });
        assert_eq!(bad, None, "{args:?} printed a raw control character");
    }
}

#[test]
fn closed_pipe_is_not_a_crash() {
    use std::io::Read;
    let mut child =
        bin().args(["list", "--format", "json"]).stdout(std::process::Stdio::piped()).spawn().unwrap();
    let mut first = [0u8; 10];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert_ne!(status.code(), Some(101), "panicked on a closed pipe");
}

fn count(args: &[&str]) -> usize {
    let mut all = vec!["list", "--count"];
    all.extend_from_slice(args);
    let o = run(&all);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    stdout(&o).trim().parse().expect("a number")
}

#[test]
fn list_filters_with_query_words_and_flags_alike() {
    assert_eq!(count(&[]), 21);
    assert_eq!(count(&["country:PE"]), 1);
    assert_eq!(count(&["country:PE"]), count(&["--country", "peru"]));
    assert_eq!(count(&["agency:fbi"]), count(&["--agency", "Federal Bureau of Investigation"]));
    assert!(count(&["agency:doj"]) > count(&["agency:fbi"]), "DOJ includes the FBI's events and more");
    assert_eq!(count(&["person:Guo Shengkun"]), count(&["--person", "guo-shengkun"]));
    assert_eq!(count(&["status:planned"]), 1);
    assert_eq!(count(&["status:did-not-take-place"]), 1);
    assert_eq!(count(&["tag:hotline"]) + count(&["-tag:hotline"]), 21);
    assert_eq!(count(&["hotline"]) + count(&["-hotline"]), 21);
    assert_eq!(count(&["country:PE", "country:CN"]), count(&["country:CN"]), "OR within a facet");
    assert_eq!(count(&["from:2016", "to:2016"]), count(&["--from", "2016", "--to", "2016"]));
    assert_eq!(count(&["--query", "country:CN status:planned"]), 1);
    let o = run(&["list", "--format", "json", "agency:fbi"]);
    let events: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for e in events.as_array().unwrap() {
        let agencies = e["agencies"].as_array().unwrap();
        assert!(agencies.iter().any(|a| a == "fbi"), "{e}");
    }
}

/// The ids `list --format json ARGS` prints, in order.
fn listed_ids(args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--format", "json"];
    all.extend_from_slice(args);
    let o = run(&all);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    let events: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    events.as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn list_by_gives_who_acted_not_who_was_involved() {
    let file = fixture("good/acting.yaml");
    assert_eq!(listed_ids(&[&file, "by:CN"]), ["arrests", "round-1"]);
    assert_eq!(listed_ids(&[&file, "by:US"]), ["indictment", "round-1", "visit"]);
    // China is involved in the indictment, but did not act in it.
    assert!(listed_ids(&[&file, "country:CN"]).contains(&"indictment".to_string()));
    assert_eq!(listed_ids(&[&file, "--by", "Federal Bureau of Investigation"]), ["visit"]);
    assert_eq!(listed_ids(&[&file, "by:doj"]), ["indictment", "visit"], "sub-agencies count");
    assert_eq!(listed_ids(&[&file, "-by:US", "country:US"]), ["unsaid"]);
    let o = run(&["list", "--format", "json", &file, "by:CN"]);
    let events: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(events[1]["by"], serde_json::json!(["CN", "US"]));
    assert_eq!(events[0]["acting_countries"], serde_json::json!(["CN"]));
    let o = run(&["list", &file, "by:fbii"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown country, agency or person `fbii`"), "{}", stderr(&o));
    assert!(stderr(&o).contains("did you mean `fbi`?"), "{}", stderr(&o));
}

#[test]
fn the_builtin_timeline_says_who_acted_on_every_event() {
    let o = run(&["list", "--format", "json"]);
    let events: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    for e in events.as_array().unwrap() {
        assert!(!e["by"].as_array().unwrap().is_empty(), "no `by` on {}", e["id"]);
    }
    let china = listed_ids(&["by:CN"]);
    let us = listed_ids(&["by:US"]);
    // One side's own acts, the other side's, and the joint ones in both.
    assert!(
        china.contains(&"training-course-plan-2016".into())
            && !us.contains(&"training-course-plan-2016".into())
    );
    assert!(
        us.contains(&"opm-breach-records-2015".into()) && !china.contains(&"opm-breach-records-2015".into())
    );
    assert!(us.contains(&"rice-guo-meeting-2016".into()) && !china.contains(&"rice-guo-meeting-2016".into()));
    for joint in ["dialogue-round-1", "dialogue-round-2", "dialogue-round-3", "tabletop-exercise-2016"] {
        assert!(china.contains(&joint.into()) && us.contains(&joint.into()), "{joint}");
    }
    // The indictment: the U.S. charged, China's Foreign Ministry froze the working group.
    assert!(china.contains(&"pla-indictment-2014".into()) && us.contains(&"pla-indictment-2014".into()));
    assert_eq!(listed_ids(&["by:doj"]), ["pla-indictment-2014"]);
    // Every event is one side's, the other's, or both.
    assert_eq!(count(&["-by:CN", "-by:US"]), 0);
    // `show` says who acted, by country.
    let shown = stdout(&run(&["show", "pla-indictment-2014"]));
    assert!(shown.contains("Acted:      China — MFA; United States — DOJ"), "{shown}");
}

#[test]
fn unknown_filter_values_are_usage_errors_with_suggestions() {
    for (args, message, help) in [
        (vec!["list", "country:Chna"], "unknown country `Chna`", "did you mean `China`?"),
        (vec!["list", "--agency", "fbii"], "unknown agency `fbii`", "did you mean `fbi`?"),
        (vec!["list", "contry:CN"], "unknown filter `contry:`", "did you mean `country:`?"),
        (vec!["list", "from:2016-13"], "invalid date `2016-13`", ""),
        (vec!["list", "--status", "planed"], "unknown status `planed`", "did you mean `planned`?"),
        (
            vec!["list", "--agency", "minstry"],
            "unknown agency `minstry`",
            "did you mean `mps` (Ministry of Public Security)?",
        ),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(help), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn no_match_is_not_an_error() {
    let o = run(&["list", "zzzz-nothing-matches"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("no events match"));
}

#[test]
fn export_to_stdout_and_to_a_file() {
    let o = run(&["export", "--format", "csv", "country:PE"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let records = csv::Reader::from_reader(o.stdout.as_slice()).records().count();
    assert_eq!(records, 1, "one event");
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.ics");
    let o = run(&["export", "--format", "ics", "-o", target.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote"));
    let ics = std::fs::read_to_string(&target).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 21);
    assert!(ics.contains("STATUS:TENTATIVE"));
}

#[test]
fn export_failures_are_clear_and_leave_nothing() {
    let o = run(&["export", "--format", "json", "-o", "/dev/full"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot write /dev/full"), "{}", stderr(&o));
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing/dir/out.json");
    let o = run(&["export", "--format", "json", "-o", target.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nothing was written"), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no partial file");
    let o = run(&["export", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        assert!(stdout(&o).contains("timeline-explorer"), "{shell}");
        assert!(stdout(&o).contains("export"), "{shell} completes subcommands");
    }
    let o = run(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with(".ie") || stdout(&o).contains(".TH"), "roff");
    assert!(stdout(&o).contains("timeline\\-explorer"));
}

#[test]
fn suggestions_from_the_file_are_escaped_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::write(
        &file,
        "title: t\nagencies: [{id: \"fbi\\e]0;pwned\\a\", name: X}]\nevents:\n  - {id: a, title: A, date: 2016, agencies: [fbi]}\n",
    )
    .unwrap();
    let o = run(&["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!o.stderr.contains(&0x1b), "raw ESC in: {}", stderr(&o));
    assert!(stderr(&o).contains("did you mean `fbi\\u{1b}]0;pwned\\u{7}`?"), "{}", stderr(&o));
    // An export is data: into a pipe it carries the file's escapes as they are (a terminal
    // gets them drawn safe: tests/pty.rs `an_export_to_a_terminal_is_drawn_safe_and_says_so`).
    let o = run(&["export", "--format", "csv", "-f", fixture("good/hostile-text.yaml").as_str()]);
    assert!(o.stdout.contains(&0x1b));
}

#[test]
fn endless_inputs_are_cut_off_at_the_limit() {
    let o = run(&["check", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("more than 256 MiB"), "{}", stderr(&o));
}

#[test]
fn export_says_what_icalendar_left_out_and_dash_is_stdout() {
    let o = run(&["export", "--format", "ics", "-f", &fixture("good/full.yaml")]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).matches("BEGIN:VEVENT").count(), 4);
    assert!(stderr(&o).contains("1 of 5 events are outside the years iCalendar can hold"), "{}", stderr(&o));
    let o = run(&["export", "--format", "json", "-o", "-", "country:PE"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("lima-apec-meeting-2016"));
    assert!(!std::path::Path::new("-").exists());
    let o = run(&["list", "country:CN", "OR", "tag:x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`OR` is not an operator here"));
}

#[test]
fn an_unknown_lane_grouping_is_a_usage_error_with_a_suggestion() {
    let out = run(&["--lanes", "contry"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("`contry` is not a grouping"), "{err}");
    assert!(err.contains("did you mean `country`?"), "{err}");
    // The value is not taken for a file name.
    assert!(!err.contains("not a command"), "{err}");
}

// --- One reading of a query, phrases, names everywhere (issue #13) --------------------------

fn apollo(args: &[&str]) -> Output {
    let file = fixture("good/apollo.yaml");
    let mut all = vec!["-f", file.as_str()];
    all.extend_from_slice(args);
    run(&all)
}

#[test]
fn a_quoted_argument_reads_as_the_same_words_typed() {
    for args in [
        &["list", "apollo OR soyuz"][..],
        &["list", "apollo", "OR", "soyuz"],
        &["list", "-q", "apollo OR soyuz"],
    ] {
        let o = apollo(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(stderr(&o).contains("`OR` is not an operator here"), "{args:?}: {}", stderr(&o));
    }
    let o = apollo(&["list", "tag:n1 soyuz"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown tag `n1`"), "the tag is `n1`, `soyuz` a word: {}", stderr(&o));
    let o = apollo(&["list", "--count", "tag:apollo soyuz"]);
    assert_eq!(stdout(&o).trim(), "1", "tag:apollo and the word soyuz");
}

#[test]
fn a_quoted_phrase_needs_its_words_together() {
    let count = |q: &str| stdout(&apollo(&["list", "--count", "-q", q])).trim().to_string();
    assert_eq!(count("\"apollo test\""), "0", "Apollo–Soyuz Test Project has the words apart");
    assert_eq!(count("apollo test"), "3", "bare words may stand anywhere");
    assert_eq!(count("\"soyuz test\""), "1");
    assert_eq!(count("\"DETENTE cakes\""), "1", "case and accents fold");
}

#[test]
fn every_name_form_works_in_queries_and_flags() {
    let ids = |args: &[&str]| {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        let o = apollo(&all);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let records: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        records.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&["person:Королёв"]), ["sputnik"], "the native name");
    assert_eq!(ids(&["person:Королев"]), ["sputnik"], "without the diaeresis");
    assert_eq!(ids(&["--person", "korolev"]), ["sputnik"], "a surname, in a flag");
    assert_eq!(ids(&["person:Leonov"]), ["astp"], "a surname");
    assert_eq!(ids(&["agency:marshall"]), ["saturn-v"], "the short name");
    assert_eq!(ids(&["country:ussr"]), ["sputnik", "astp"], "an alias");
}

#[test]
fn a_word_several_names_share_is_an_error_listing_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.yaml");
    std::fs::write(
        &path,
        "title: t\npeople:\n  - {id: jg, name: John Glenn}\n  - {id: jy, name: John Young}\nevents:\n  - {id: a, title: A, date: 1962, people: [jg]}\n",
    )
    .unwrap();
    let o = run(&["-f", path.to_str().unwrap(), "list", "person:john"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("`john` names more than one person: `jg` (John Glenn), `jy` (John Young)"), "{err}");
}

#[test]
fn a_reference_by_name_suggests_the_id() {
    let o = run(&["check", &fixture("bad/reference-by-name.yaml")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("unknown agency `marshall`"), "{err}");
    assert!(err.contains("help: did you mean `msfc` (Marshall Space Flight Center)?"), "{err}");
    assert!(err.contains("help: did you mean `cernan` (Gene Cernan)?"), "{err}");
}

#[test]
fn date_bounds_take_the_forms_the_screen_shows() {
    let count = |q: &str| stdout(&run(&["list", "--count", "-q", q])).trim().to_string();
    assert_eq!(count(r#"from:"Dec 7, 2016""#), count("from:2016-12-07"));
    assert_eq!(count(r#"to:"Sep 2015""#), count("to:2015-09"));
    assert_ne!(count(r#"from:"Dec 7, 2016""#), "", "it parsed");
}

/// An incident timeline, minute by minute, in New York with events written in Singapore time:
/// ordered by instant, shown in the timeline's zone or in the one asked for, filtered by time.
#[test]
fn times_of_day_are_ordered_shown_in_a_zone_and_filtered() {
    let incident = fixture("good/incident.yaml");
    let dates = |args: &[&str]| -> Vec<String> {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
            .lines()
            .skip(1)
            .map(|l| l.split(['●', '○', '✕']).next().unwrap_or("").trim().to_string())
            .collect()
    };
    let shown = dates(&["list", "-f", &incident]);
    assert_eq!(
        shown,
        [
            "2024-03-09 23:52",
            "2024-03-09 23:55:30",
            "2024-03-10 00:10",
            "2024-03-10 00:20–01:05",
            "2024-03-10 03:00",
            "2024-03-10 03:30–04:45",
            "2024-03-10 05:00",
            "2024-03-12",
        ],
        "New York time; 13:10 in Singapore is 00:10 in New York; seconds only where written"
    );
    let utc = dates(&["list", "-f", &incident, "--tz", "utc"]);
    assert_eq!(utc[0], "2024-03-10 04:52");
    assert_eq!(utc[2], "2024-03-10 05:10");
    let beijing = dates(&["list", "-f", &incident, "--tz", "+08:00"]);
    assert_eq!(beijing[2], "2024-03-10 13:10", "the handover at the hour Singapore wrote it");

    let window = dates(&["list", "-f", &incident, "from:2024-03-10T00:15", "to:2024-03-10T03:00"]);
    assert_eq!(window, ["2024-03-10 00:20–01:05", "2024-03-10 03:00"]);
    // The same instant written in UTC: read in the zone the view shows.
    let window =
        dates(&["list", "-f", &incident, "--tz", "utc", "from:2024-03-10T05:15", "to:2024-03-10T07:00"]);
    assert_eq!(window, ["2024-03-10 05:20–06:05", "2024-03-10 07:00"]);

    let o = run(&["show", "-f", &incident, "handover"]);
    let out = stdout(&o);
    assert!(out.contains("Date:       2024-03-10 00:10 EST"), "{out}");
    assert!(out.contains("Local:      2024-03-10 13:10 UTC+08:00 (Asia/Singapore)"), "{out}");
    assert!(out.contains("14 minutes after On-call engineer paged"), "{out}");

    let o = run(&["list", "-f", &incident, "--format", "json"]);
    let records: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let handover = records.as_array().unwrap().iter().find(|r| r["id"] == "handover").unwrap();
    assert_eq!(handover["date"], "2024-03-10T13:10");
    assert_eq!(handover["precision"], "minute", "a time with minutes is not a day");
    assert_eq!(handover["start_utc"], "2024-03-10T05:10:00Z");
    assert_eq!(handover["timezone"], "Asia/Singapore");
    let review = records.as_array().unwrap().iter().find(|r| r["id"] == "review").unwrap();
    assert!(review["start_utc"].is_null(), "a whole day has no instant");

    let o = run(&["list", "-f", &incident, "--tz", "Asia/Shangai"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `Asia/Shanghai`?"), "{}", stderr(&o));
    // A city alone: the zone it names.
    let o = run(&["list", "-f", &incident, "--tz", "Moscow"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `Europe/Moscow`?"), "{}", stderr(&o));
    for bad in ["", "+99:00", "Europe/Mos\u{1b}[2Jcow"] {
        let o = run(&["list", "-f", &incident, "--tz", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert_eq!(stderr(&o).lines().filter(|l| l.starts_with("error:")).count(), 1, "{}", stderr(&o));
        assert!(!stderr(&o).contains('\u{1b}'), "no raw escape: {}", stderr(&o));
    }
}

// --- Several files as one timeline, deep links ----------------------------------------------

fn pair() -> [String; 2] {
    [fixture("multi/pair/cyber.yaml"), fixture("multi/pair/trade.yaml")]
}

fn titles(o: &Output) -> Vec<String> {
    let records: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    records.as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap().to_string()).collect()
}

#[test]
fn files_before_the_command_with_f_or_as_a_directory_are_one_timeline() {
    let [cyber, trade] = pair();
    let everything = [
        "First cyber talks",
        "Trade talks open",
        "Hotline opens",
        "Tariff schedule agreed",
        "Third round of the dialogue",
    ];
    let dir = fixture("multi/pair");
    for args in [
        vec![cyber.as_str(), trade.as_str(), "list", "--format", "json"],
        vec!["-f", &cyber, "list", "--format", "json", "-f", &trade],
        vec![dir.as_str(), "list", "--format", "json"],
        vec!["list", "--format", "json", "-f", &dir],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(titles(&o), everything, "{args:?}");
    }
    // A query over both: the country both files share is one country.
    let o = run(&[&cyber, &trade, "list", "country:CN", "--format", "json"]);
    assert_eq!(
        titles(&o),
        ["First cyber talks", "Trade talks open", "Hotline opens", "Third round of the dialogue"]
    );
    let o = run(&[&cyber, &trade, "list", "file:trade", "--format", "json"]);
    assert_eq!(titles(&o), ["Trade talks open", "Tariff schedule agreed"]);
    let o = run(&[&cyber, &trade, "list", "file:trde"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown file `trde`") && stderr(&o).contains("did you mean `trade`?"),
        "{}",
        stderr(&o)
    );
    // Records say which file.
    let o = run(&[&cyber, &trade, "list", "--format", "json"]);
    let records: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(records[1]["file"], "trade");
    assert_eq!(records[1]["qualified_id"], "trade#talks");
    assert_eq!(records[2]["qualified_id"], "hotline");
}

#[test]
fn the_list_marks_each_events_file_only_when_there_are_several() {
    let [cyber, trade] = pair();
    let o = run(&[&cyber, &trade, "list"]);
    let out = stdout(&o);
    assert!(out.lines().any(|l| l.starts_with("2016-03-01") && l.ends_with("  CN EU [trade]")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("2015-12-01") && l.ends_with("  CN US [cyber]")), "{out}");
    let o = run(&[&cyber, "list"]);
    assert!(!stdout(&o).contains("[cyber]"), "{}", stdout(&o));
}

#[test]
fn a_file_given_twice_is_read_once_and_said() {
    let [cyber, _] = pair();
    let o = run(&[&cyber, &cyber, "list", "--count"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).trim(), "3");
    assert!(stderr(&o).contains("is given twice; it is read once"), "{}", stderr(&o));
    // Also through a directory that holds it.
    let o = run(&[&fixture("multi/pair"), &cyber, "list", "--count"]);
    assert_eq!(stdout(&o).trim(), "5");
    assert!(stderr(&o).contains("cyber.yaml` is given twice"), "{}", stderr(&o));
}

#[test]
fn a_directory_without_timelines_is_an_error() {
    let dir = fixture("multi/no-timelines");
    for args in [vec![dir.as_str(), "list"], vec!["check", &dir]] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(&format!("no timelines in {dir}")), "{}", stderr(&o));
    }
}

#[test]
fn shared_event_ids_are_addressed_with_their_file() {
    let [cyber, trade] = pair();
    let o = run(&[&cyber, &trade, "show", "talks"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("event id `talks` is used in more than one file: `cyber#talks`, `trade#talks`"),
        "{err}"
    );
    let o = run(&[&cyber, &trade, "show", "trade#talks"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Trade talks open\n"), "{out}");
    assert!(out.contains("Id:         trade#talks\n") && out.contains("File:       "), "{out}");
    // An id only one file has needs no file.
    let o = run(&[&cyber, &trade, "show", "hotline"]);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&[&cyber, &trade, "show", "trad#talks"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `trade#talks`?"), "{}", stderr(&o));
}

#[test]
fn show_takes_a_deep_link() {
    let [cyber, trade] = pair();
    let o = run(&["show", &format!("{trade}#talks")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Trade talks open\n"));
    // With both files loaded, the link still names the event of its own file.
    let o = run(&[&cyber, &trade, "show", &format!("{cyber}#talks")]);
    assert!(stdout(&o).starts_with("First cyber talks\n"), "{}", stderr(&o));
    let o = run(&["show", &format!("{trade}#talkz")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no event with id `talkz`"), "{}", stderr(&o));
    assert!(stderr(&o).contains("did you mean `talks`?"), "{}", stderr(&o));
}

#[test]
fn a_deep_link_without_a_terminal_prints_the_table_of_its_file() {
    let [_, trade] = pair();
    let o = run(&[&format!("{trade}#tariffs")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Tariff schedule agreed"));
    let o = run(&[&format!("{trade}#tariffs"), &format!("{trade}#talks")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("give one event to open, not two"), "{}", stderr(&o));
}

#[test]
fn files_that_disagree_about_a_country_fail_check_with_both_places() {
    let a = fixture("multi/conflict/a.yaml");
    let b = fixture("multi/conflict/b.yaml");
    let o = run(&["check", &a, &b]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{b}:3:20: error: country `CN` has name `People's Republic of China` here but `China` in {a}:3:20"
        )),
        "{err}"
    );
    assert!(err.contains("= help: the same id in several files is one country"), "{err}");
    // Each file is fine alone.
    assert_eq!(run(&["check", &b]).status.code(), Some(0));
    // Other commands use the first file's version and say so.
    let o = run(&[&a, &b, "list", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains(&format!("warning: country `CN` differs in {a} and {b} (name); using {a}'s")),
        "{}",
        stderr(&o)
    );
    let o = run(&[&a, &b, "show", "b-only"]);
    assert!(stdout(&o).contains("Countries:  China\n"), "{}", stdout(&o));
}

#[test]
fn every_broken_file_is_reported() {
    let o = run(&[
        &fixture("bad/status.yaml"),
        &fixture("bad/cycle.yaml"),
        &fixture("good/minimal.yaml"),
        "list",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("status.yaml:3:43") && stderr(&o).contains("cycle.yaml:3:30"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn hostile_file_names_reach_no_output_raw() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil\u{1b}[2J\u{202e}.yaml");
    let good = dir.path().join("good.yaml");
    std::fs::write(&evil, "title: E\ncountries: [{id: CN, name: Evil China}]\nevents:\n  - {id: x, title: X, date: 2016, countries: [CN]}\n").unwrap();
    std::fs::write(
        &good,
        "title: G\ncountries: [{id: CN, name: China}]\nevents:\n  - {id: x, title: Y, date: 2017}\n",
    )
    .unwrap();
    let (evil, good) = (evil.to_str().unwrap(), good.to_str().unwrap());
    let deep = format!("{evil}#x");
    for args in [
        vec![evil, good, "list"],
        vec![evil, good, "list", "--format", "json"],
        vec![evil, good, "show", "x"],
        vec![evil, good, "show", &deep],
        vec!["check", evil, good],
        vec![evil, good, "list", "file:nothing"],
    ] {
        let o = run(&args);
        for (name, text) in [("stdout", stdout(&o)), ("stderr", stderr(&o))] {
            let bad = text.chars().find(|&c| (c.is_control() && c != '\n') || c == '\u{202e}');
            assert_eq!(bad, None, "{args:?} {name}: {text}");
        }
    }
}

#[test]
fn plain_reads_the_config_keymap_and_tz() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "[keys.list]\nmove-down = [\"J\", \"Down\"]\n").unwrap();
    let mut child = bin()
        .args(["--plain", "--config", config.to_str().unwrap(), "--tz", "Europe/Moscow"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"J\nquit\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 of 21."), "J moves down as the config says: {}", stdout(&o));
}

#[test]
fn plain_opens_at_a_deep_link_or_a_date() {
    use std::io::Write as _;
    let plain = |args: &[&str]| {
        let mut child = bin()
            .args(args)
            .arg("--plain")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(b"quit\n").unwrap();
        child.wait_with_output().unwrap()
    };
    let [cyber, _] = pair();
    let o = plain(&[&format!("{cyber}#hotline")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 of 3. June 14, 2016: Hotline opens."), "{}", stdout(&o));
    let o = plain(&[&fixture("multi/pair"), "--at", "2016-12"]);
    assert!(stdout(&o).contains("4 of 5. December 2016: Tariff schedule agreed."), "{}", stdout(&o));
    let o = plain(&[&format!("{cyber}#hotlin")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `hotline`?"), "{}", stderr(&o));
}

#[test]
fn links_to_another_files_events_are_followed_and_checked_together() {
    let [cyber, trade] = pair();
    // trade.yaml's tariffs names cyber#hotline: read together, hotline is referred to by it.
    let o = run(&[&cyber, &trade, "show", "hotline"]);
    assert!(stdout(&o).contains("→ Tariff schedule agreed (Dec 2016) [trade]"), "{}", stdout(&o));
    let o = run(&[&cyber, &trade, "list", "--format", "json"]);
    let records: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let tariffs = records.as_array().unwrap().iter().find(|r| r["id"] == "tariffs").unwrap();
    assert_eq!(tariffs["related"].as_array().unwrap().len(), 2, "{tariffs}");
    // Alone, the link is left out and the file is fine.
    assert_eq!(run(&["check", &trade]).status.code(), Some(0));
    // A link to no event: located, with the nearest.
    let (a, b) = (fixture("multi/conflict/a.yaml"), fixture("multi/conflict/b.yaml"));
    let o = run(&["check", &a, &b]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!("{b}:9:15: error: unknown event `a#hotlin`")), "{}", stderr(&o));
    assert!(stderr(&o).contains("did you mean `a#hotline`?"), "{}", stderr(&o));
    let o = run(&[&a, &b, "list", "--count"]);
    assert!(
        stderr(&o).contains("warning: ") && stderr(&o).contains("unknown event `a#hotlin`"),
        "{}",
        stderr(&o)
    );
}

// --- Issue 24: a file name is never query text ----------------------------------------------

/// A timeline of three zones, written into a fresh directory; returns the directory and the
/// file's path.
fn three_zones() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cuban.yaml");
    std::fs::write(
        &path,
        "title: Cuban crisis\ntimezone: America/New_York\nevents:\n  - {id: u2-shootdown, title: U-2 shot down, date: 1962-10-27T10:22, timezone: America/Havana}\n  - {id: letter, title: Letter broadcast, date: 1962-10-28T17:00, timezone: Europe/Moscow}\n  - {id: air-strike, title: Air strike, date: 1962-10-30, status: cancelled}\n",
    )
    .unwrap();
    let shown = path.display().to_string();
    (dir, shown)
}

#[test]
fn a_file_after_list_or_export_is_a_file_not_query_text() {
    let (dir, cuban) = three_zones();
    let o = run(&["list", &cuban, "--count"]);
    assert_eq!((o.status.code(), stdout(&o).as_str(), stderr(&o).as_str()), (Some(0), "3\n", ""));
    let out = dir.path().join("out.ics");
    let o = run(&["export", "--format", "ics", "-o", out.to_str().unwrap(), &cuban]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), format!("wrote {} (3 events, ics)\n", out.display()));
    // A directory, a FILE#id, and a name ending in .yaml that does not exist (an error, not
    // a search for it).
    let o = run(&["list", dir.path().to_str().unwrap(), "--count"]);
    assert_eq!(stdout(&o), "3\n", "{}", stderr(&o));
    let o = run(&["list", &format!("{cuban}#letter"), "--count"]);
    assert_eq!(stdout(&o), "3\n", "{}", stderr(&o));
    let missing = dir.path().join("missing.yaml").display().to_string();
    let o = run(&["list", &missing]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), format!("{missing}: error: no such file\n"));
    // `text:` still searches a word that names a file.
    let o = run(&["-f", &cuban, "list", &format!("text:{cuban}"), "--count"]);
    assert_eq!(stdout(&o), "0\n");
    assert_eq!(
        stderr(&o),
        format!("note: no event contains `{cuban}`, which looks like a file name; a file to read goes before the command or after -f, a file to write after -o\n")
    );
}

#[test]
fn a_command_that_matches_nothing_because_of_a_path_like_word_says_so() {
    let note = "note: no event contains `out.ics`, which looks like a file name; a file to read goes before the command or after -f, a file to write after -o\n";
    // `-o` forgotten: the file name became query text.
    let o = run(&["export", "--format", "ics", "out.ics"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), note);
    let o = run(&["list", "out.ics"]);
    assert_eq!(stderr(&o), format!("no events match\n{note}"));
    let o = run(&["list", "out.ics", "--format", "json"]);
    assert_eq!((stdout(&o).as_str(), stderr(&o).as_str()), ("[]\n", note));
    // A word that is no path matches nothing quietly, as before.
    let o = run(&["list", "zzyzx"]);
    assert_eq!(stderr(&o), "no events match\n");
}

#[test]
fn a_mistyped_deep_link_with_stdout_piped_fails_as_in_a_terminal() {
    let (_dir, cuban) = three_zones();
    let o = run(&[&format!("{cuban}#u2-shotdown")]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "error: no event with id `u2-shotdown`\n  = help: did you mean `u2-shootdown`?\n");
    // A right one prints the table.
    let o = run(&[&format!("{cuban}#u2-shootdown")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("U-2 shot down"));
}

#[test]
fn help_says_where_files_go() {
    let o = run(&["--help"]);
    let help = stdout(&o).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("or after `list` and `export`: there a word that names an existing file or directory, ends in .yaml, .yml or .json, or is FILE#id is a file, never query text. To search for such a word, write text:WORD."),
        "{help}"
    );
}

#[test]
fn check_gives_one_verdict_per_file() {
    let a = fixture("multi/conflict/a.yaml");
    let b = fixture("multi/conflict/b.yaml");
    let o = run(&["check", &a, &b]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), format!("{a}: ok (3 events)\n"), "b has errors, so no `ok` for it");
    let err = stderr(&o);
    assert_eq!(err.matches(&format!("{b}: 2 errors")).count(), 1, "{err}");
    assert!(!err.contains(&format!("{a}: ")), "no verdict on a in stderr: {err}");
}

#[test]
fn yaml_core_tags_read_as_what_they_name_and_binary_is_refused() {
    let o = run(&["-f", &fixture("good/core-tags.yaml"), "list", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let records: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(records[0]["title"], "A", "`!<tag:yaml.org,2002:str> A`");
    assert_eq!(records[0]["date"], "2016", "`!!str 2016`");
    assert_eq!(records[0]["tags"], serde_json::json!(["2016"]), "`[!!str 2016]` is text");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binary.yaml");
    std::fs::write(
        &path,
        "title: B\nx-blob: !!binary aGVsbG8=\nevents:\n  - {id: a, title: !foo A, date: 2016}\n",
    )
    .unwrap();
    let shown = path.display().to_string();
    let o = run(&["check", &shown]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "{shown}:2:9: error: binary data (`!!binary`) is not supported\n  |\n2 | x-blob: !!binary aGVsbG8=\n  |         ^^^^^^^^\n  = help: a timeline holds text, not bytes: put a link to the file in `sources` instead\n\
             {shown}:4:20: error: YAML tags are not supported: `!foo`\n  |\n4 |   - {{id: a, title: !foo A, date: 2016}}\n  |                    ^^^^\n  = help: remove the tag; a timeline holds only text, numbers, lists and mappings (text that starts with `!` goes in quotes: \"!…\"); YAML's own !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are read\n\
             {shown}: 2 errors\n"
        )
    );
}

/// `story` with stdout not a terminal: every slide as plain paragraphs, from the title slide.
#[test]
fn story_prints_its_slides_as_paragraphs_off_a_terminal() {
    let o = run(&["story", "--story", "consensus-to-2017"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("Story: From consensus to the planned 2017 round.\n"), "{text}");
    assert!(text.contains("6 slides, September 25, 2015 to December 31, 2017."), "{text}");
    assert!(text.contains("Slide 2 of 6, 2 months and 6 days later.\nTuesday, December 1, 2015\n"), "{text}");
    assert!(text.contains("Slide 6 of 6, the next year.\n2017\nPlanned fourth round"), "{text}");
    let o = run(&[&fixture("good/story.yaml"), "story", "status:planned"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 slide, January 1, 2017 to December 31, 2017."), "{}", stdout(&o));
    let o = run(&["story", "--story", "consensus-to-2071"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `consensus-to-2017`?"), "{}", stderr(&o));
}

#[test]
fn check_counts_the_stories_and_story_is_refused_where_it_means_nothing() {
    let o = run(&["check", &fixture("good/story.yaml")]);
    assert!(stdout(&o).contains("story.yaml: ok (4 events, 2 stories)"), "{}", stdout(&o));
    let o = run(&["list", "--story", "consensus-to-2017"]);
    assert_eq!(o.status.code(), Some(2), "a word list would ignore is an error");
    let o = run(&["export", "--format", "csv", "--story", "consensus-to-2017"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("timelinejs only"), "{}", stderr(&o));
}

/// `export --format timelinejs --story ID`: the story's title slide and its slides, with their
/// own text, read back by the TimelineJS importer.
#[test]
fn a_story_exports_to_timelinejs_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("story.json");
    let o = run(&[
        &fixture("good/story.yaml"),
        "export",
        "--format",
        "timelinejs",
        "--story",
        "two-meetings",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["title"]["text"]["headline"], "Two meetings and a call");
    let ids: Vec<&str> =
        json["events"].as_array().unwrap().iter().map(|e| e["unique_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["first-meeting", "hotline-call", "second-meeting", "next-round"]);
    assert_eq!(
        json["events"][1]["text"]["text"],
        "<p>Six months later the hotline was tried for the first time.</p>"
    );
    let back = run(&["import", "--from", "timelinejs", out.to_str().unwrap()]);
    assert_eq!(back.status.code(), Some(0), "{}", stderr(&back));
    let t = timeline_explorer::model::load_str("back.yaml", &stdout(&back)).unwrap();
    assert_eq!(t.events.len(), 4);
    assert_eq!(t.title, "Two meetings and a call");
}

/// `list FILE#id` and `export FILE#id` read the whole file; the `#id` is never dropped without a
/// word: a mistyped one is a usage error with the nearest id, a real one gets a note.
#[test]
fn a_deep_link_after_list_or_export_is_checked_never_ignored() {
    let apollo = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good/apollo.yaml");
    for command in [&["list", "--count"][..], &["export", "--format", "json"]] {
        let mut args: Vec<String> = command.iter().map(|s| s.to_string()).collect();
        args.push(format!("{apollo}#spotnik"));
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&argv);
        assert_eq!(o.status.code(), Some(2), "{argv:?}");
        assert_eq!(stderr(&o), "error: no event with id `spotnik`\n  = help: did you mean `sputnik`?\n");
        assert_eq!(stdout(&o), "", "nothing written for a link that names no event");
    }
    let o = run(&["list", "--count", &format!("{apollo}#sputnik")]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), "6\n"));
    assert_eq!(
        stderr(&o),
        format!("note: `list` reads all of `{apollo}`; `#sputnik` names one event (`show {apollo}#sputnik` prints it)\n")
    );
}

/// `show ID FILE` reads FILE, as `list` and `export` do; `show FILE` says a file is not an id.
#[test]
fn show_takes_its_file_after_the_id_and_says_when_it_was_given_a_file() {
    let apollo = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good/apollo.yaml");
    let o = run(&["show", "sputnik", apollo]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Sputnik"), "{}", stdout(&o));
    let o = run(&["show", apollo]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!(
            "= help: `{apollo}` is a file; name an event in it: `show {apollo} ID` or `show {apollo}#ID`"
        )),
        "{}",
        stderr(&o)
    );
}

/// The entries in a cache directory.
fn cache_entries(cache: &Path) -> usize {
    let dir = cache.join("timeline-explorer");
    std::fs::read_dir(dir).map_or(0, |d| {
        d.filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "bin")).count()
    })
}

#[test]
fn an_unchanged_file_reopens_from_the_cache_but_check_and_no_cache_always_parse() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/timeline.yaml"), &file).unwrap();
    let cache = dir.path().join("cache");
    let run = |args: &[&str]| {
        let mut cmd = bin();
        cmd.env("XDG_CACHE_HOME", &cache).arg("-f").arg(&file).args(args);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["check"]);
    run(&["list", "--no-cache"]);
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "cache = false\n").unwrap();
    run(&["list", "--config", config.to_str().unwrap()]);
    assert_eq!(cache_entries(&cache), 0, "check, --no-cache and `cache = false` write no cache");
    let parsed = run(&["list"]);
    assert_eq!(cache_entries(&cache), 1);
    assert_eq!(run(&["list"]), parsed, "the reopened timeline lists the same");
    // A changed file is parsed: its new title shows.
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("title: OPM announces", "title: Changed, OPM announces");
    std::fs::write(&file, text).unwrap();
    assert!(run(&["list"]).contains("Changed, OPM announces"));
    assert_eq!(cache_entries(&cache), 2);
}

#[test]
fn two_processes_filling_the_cache_at_once_leave_one_whole_entry() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/timeline.yaml"), &file).unwrap();
    let cache = dir.path().join("cache");
    let start = || {
        let mut cmd = bin();
        cmd.env("XDG_CACHE_HOME", &cache).arg("-f").arg(&file).arg("list");
        cmd.stdout(std::process::Stdio::piped()).spawn().unwrap()
    };
    let (a, b) = (start(), start());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(cache_entries(&cache), 1);
    let names: Vec<String> = std::fs::read_dir(cache.join("timeline-explorer"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.ends_with(".bin")), "no temporary file is left: {names:?}");
    let mut reopened = bin();
    reopened.env("XDG_CACHE_HOME", &cache).arg("-f").arg(&file).arg("list");
    assert_eq!(reopened.output().unwrap().stdout, a.stdout);
}

#[test]
fn list_ids_prints_the_word_show_takes_qualified_where_files_share_it() {
    let o = run(&["list", "--ids", "tag:dialogue"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert!(lines.next().is_some_and(|h| h.starts_with("ID ") && h.contains("DATE")), "{out}");
    let ids: Vec<&str> = lines.map(|l| l.split_whitespace().next().unwrap()).collect();
    assert!(ids.contains(&"dialogue-round-3"), "{out}");
    // Each id printed is one `show` takes.
    for id in &ids {
        let o = run(&["show", id]);
        assert_eq!(o.status.code(), Some(0), "show {id}: {}", stderr(&o));
    }
    // Without --ids, no id column.
    assert!(!stdout(&run(&["list", "tag:dialogue"])).contains("dialogue-round-3"));

    let [cyber, trade] = pair();
    let out = stdout(&run(&[&cyber, &trade, "list", "--ids"]));
    let ids: Vec<&str> = out.lines().skip(1).map(|l| l.split_whitespace().next().unwrap()).collect();
    assert!(ids.contains(&"cyber#talks") && ids.contains(&"trade#talks"), "{out}");
    assert!(ids.contains(&"hotline"), "an id one file has stays bare: {out}");
    for id in &ids {
        let o = run(&[&cyber, &trade, "show", id]);
        assert_eq!(o.status.code(), Some(0), "show {id}: {}", stderr(&o));
    }
}

#[test]
fn list_ids_is_refused_where_it_would_be_ignored() {
    for args in [&["list", "--ids", "--format", "json"][..], &["list", "--ids", "--count"]] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&o), "", "{args:?}");
        assert!(stderr(&o).contains("--ids") || stderr(&o).contains("--count"), "{}", stderr(&o));
    }
}

#[test]
fn a_shortened_or_mistyped_id_gets_the_nearest_one_wherever_an_id_is_taken() {
    // `show`: a shortened id, and a typo.
    for (typed, near) in [("round-3", "dialogue-round-3"), ("dialogue-round-33", "dialogue-round-3")] {
        let o = run(&["show", typed]);
        assert_ne!(o.status.code(), Some(0), "{typed}");
        assert!(stderr(&o).contains(&format!("did you mean `{near}`?")), "{typed}: {}", stderr(&o));
    }
    // A deep link to a file, opened or listed.
    let [cyber, _] = pair();
    let o = run(&["show", &format!("{cyber}#hotlin")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `hotline`?"), "{}", stderr(&o));
    let o = run(&["list", &format!("{cyber}#hotlin")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `hotline`?"), "{}", stderr(&o));
    // Two ids end with the words given: no guess rather than a wrong one.
    let o = run(&["show", "2016"]);
    assert!(!stderr(&o).contains("did you mean"), "{}", stderr(&o));
}

/// `timeline-explorer '#id'` with no command is a link to the built-in timeline's event, never
/// query text: with stdout piped it lists every event (no silent filter) and says so; a
/// mistyped id fails with the nearest one, as `show` does. (In a terminal it opens at the
/// event: `tests/pty.rs`.)
#[test]
fn a_bare_link_to_a_builtin_event_is_a_link_never_query_text() {
    let o = run(&["#dialogue-round-3"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let listed = stdout(&o);
    assert_eq!(listed, stdout(&run(&["list"])), "the whole table, not filtered by the link's words");
    assert!(stderr(&o).contains("`#dialogue-round-3` opens at its event in a terminal"), "{}", stderr(&o));
    assert!(stderr(&o).contains("show '#dialogue-round-3'"), "{}", stderr(&o));
    let o = run(&["#round-3"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "error: no event with id `round-3`\n  = help: did you mean `dialogue-round-3`?\n");
}

#[test]
fn show_takes_the_link_the_copy_menu_writes_for_the_builtin_timeline() {
    let o = run(&["show", "#dialogue-round-3"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), stdout(&run(&["show", "dialogue-round-3"])));
    assert!(stdout(&o).starts_with("Third round"), "{}", stdout(&o));
    // A mistyped one gets the nearest id, not "no file ``".
    let o = run(&["show", "#round-3"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(!stderr(&o).contains("no file"), "{}", stderr(&o));
    assert!(stderr(&o).contains("did you mean `dialogue-round-3`?"), "{}", stderr(&o));
    // With files loaded, `#id` is their event, as a bare id is.
    let [cyber, trade] = pair();
    let o = run(&[&cyber, &trade, "show", "#tariffs"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&[&cyber, &trade, "show", "#talks"]);
    assert_eq!(o.status.code(), Some(2), "a shared id still needs its file");
}

/// Files in different zones read together (#25): `check` says so, `list --tz utc` lists by the
/// day shown in UTC (a time of the day before ahead of a whole day), and `--plain` names the
/// zone shown and the file that uses another.
#[test]
fn files_in_different_zones_are_said_and_listed_by_the_shown_day() {
    let dir = tempfile::tempdir().unwrap();
    let ny = dir.path().join("ny.yaml");
    let tokyo = dir.path().join("tokyo.yaml");
    std::fs::write(&ny, "title: NY\ntimezone: America/New_York\nevents:\n  - {id: ny-day, title: NY day, date: \"2000-01-01\"}\n").unwrap();
    std::fs::write(&tokyo, "title: Tokyo\ntimezone: Asia/Tokyo\nevents:\n  - {id: day, title: Whole day, date: \"2000-01-01\"}\n  - {id: morning, title: Morning, date: \"2000-01-01T08:00\"}\n").unwrap();
    let (ny, tokyo) = (ny.to_str().unwrap(), tokyo.to_str().unwrap());
    let o = run(&["check", ny, tokyo]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("note: times are shown in America/New_York (the first file's) unless --tz; 1 file uses another zone:")
            && stderr(&o).contains("tokyo.yaml (Asia/Tokyo)"),
        "{}",
        stderr(&o)
    );
    let o = run(&["check", tokyo]);
    assert!(!stderr(&o).contains("zone"), "one file: nothing to say: {}", stderr(&o));
    let o = run(&["list", "-f", ny, "-f", tokyo, "--tz", "utc"]);
    assert!(
        stderr(&o).contains("note: times are shown in UTC; 2 files use other zones: ny (America/New_York), tokyo (Asia/Tokyo)"),
        "list says the zones too: {}",
        stderr(&o)
    );
    assert!(!stderr(&run(&["list", "-f", tokyo])).contains("zone"), "one file: nothing to say");
    let listed = stdout(&run(&["list", "-f", tokyo, "--tz", "utc"]));
    let titles: Vec<&str> = listed.lines().skip(1).map(|l| l.split('●').nth(1).unwrap().trim()).collect();
    assert_eq!(titles, ["Morning", "Whole day"], "{listed}");
    let o =
        bin().args(["--plain", "-f", ny, "-f", tokyo]).stdin(std::process::Stdio::null()).output().unwrap();
    let said = stdout(&o);
    assert!(
        said.contains("Times in America/New_York; 1 file uses another zone: tokyo (Asia/Tokyo)."),
        "{said}"
    );
    assert!(
        said.contains("1 of 3. December 31, 1999 at 18:00: Morning."),
        "the zone shown, in its order: {said}"
    );
}

#[test]
fn the_list_says_who_acted_and_puts_the_other_countries_involved_in_parentheses() {
    let o = bin().args(["list"]).env("COLUMNS", "80").output().expect("the binary runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let row = |title: &str| -> &str {
        out.lines().find(|l| l.contains(title)).unwrap_or_else(|| panic!("no row {title}: {out}"))
    };
    assert!(out.lines().next().unwrap().ends_with("ACTED (ALSO)"), "{out}");
    // Lynch acted alone for the United States; China was involved.
    assert!(row("Lynch pledges").ends_with("  US (CN)"), "{out}");
    // Both sides acted: no parentheses.
    assert!(row("Third round of the dialogue").ends_with("  CN US"), "{out}");
    assert!(row("Xi and Obama meet at APEC").ends_with("  CN US (PE)"), "{out}");
    // What `by:US` keeps is exactly the rows whose badges before the parentheses name US.
    let by_us = run(&["list", "--ids", "by:US"]);
    let acted_us: Vec<&str> = out
        .lines()
        .skip(1)
        .filter(|l| l.rsplit("  ").next().unwrap().split(" (").next().unwrap().split(' ').any(|c| c == "US"))
        .collect();
    assert_eq!(stdout(&by_us).lines().count() - 1, acted_us.len(), "{out}");
    // At 80 columns the titles keep at least 24 columns.
    let title_column = out.lines().next().unwrap().find("ACTED").unwrap() - out.find("TITLE").unwrap();
    assert!(title_column >= 24, "{out}");
}

/// Parentheses mean one thing: involved, not said to have acted. An event that does not say who
/// acted is marked `?` where other events say it; a timeline where none says it lists the
/// countries involved plainly under `COUNTRIES`, with no parentheses on every row.
#[test]
fn the_list_badges_mark_an_unsaid_actor_and_a_timeline_without_by_plainly() {
    let o = run(&["list", "-f", &fixture("good/acting.yaml")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.lines().next().unwrap().ends_with("ACTED (ALSO)"), "{out}");
    assert!(out.lines().any(|l| l.contains("Not said") && l.ends_with("  ? (CN US)")), "{out}");
    assert!(out.lines().any(|l| l.contains("First round") && l.ends_with("  CN US")), "{out}");
    let o = run(&["list", "-f", &fixture("good/crisis-zones.yaml")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let heading = out.lines().next().unwrap();
    assert!(heading.ends_with("COUNTRIES") && !heading.contains("ACTED"), "{out}");
    let badges: Vec<&str> = out.lines().skip(1).filter_map(|l| l.rsplit_once("  ").map(|(_, b)| b)).collect();
    assert!(badges.iter().any(|b| !b.is_empty()), "{out}");
    assert!(out.lines().skip(1).all(|l| !l.contains('(') && !l.contains(" ? ")), "{out}");
}

/// `--help` and the manual page explain the badges from the one legend, and the README's table
/// is that legend (regenerate it from `model::sides::badge_legend_markdown`).
#[test]
fn the_badges_are_explained_in_help_man_page_and_readme() {
    for args in [&["--help"][..], &["man"]] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0));
        let text = stdout(&o).replace("\\-", "-").replace("\\*(Aq", "'");
        for (example, meaning) in timeline_explorer::model::sides::BADGE_LEGEND {
            assert!(text.contains(&format!("{example}  ")) && text.contains(meaning), "{args:?}: {example}");
        }
    }
    let readme = include_str!("../README.md").replace("\n  |", "\n|");
    let table = timeline_explorer::model::sides::badge_legend_markdown();
    assert!(readme.contains(&table), "README's badge table is out of date:\n{table}");
}

#[test]
fn show_takes_the_file_before_the_id_after_it_or_joined_to_it() {
    let file = fixture("good/full.yaml");
    let shown = |args: &[&str]| {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let linked = format!("{file}#gone");
    let first = shown(&["show", &file, "gone"]);
    assert!(first.starts_with("Cancelled\n"), "{first}");
    assert_eq!(shown(&["show", "gone", &file]), first);
    assert_eq!(shown(&["show", &linked]), first);
    assert_eq!(shown(&[&file, "show", "gone"]), first);
}

#[test]
fn show_file_id_says_what_it_read_when_the_id_or_the_file_is_not_there() {
    let file = fixture("good/full.yaml");
    // An id not in the file: the nearest id, and which word was read as what.
    let o = run(&["show", &file, "gon"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("error: no event with id `gon`"), "{err}");
    assert!(err.contains("did you mean `gone`?"), "{err}");
    assert!(err.contains("`gon` was read as the event's id, looked for in"), "{err}");
    // A file that does not exist reads as an id: say so, not clap's "unexpected argument".
    let o = run(&["show", "no-such-file", "gone"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("`no-such-file` and `gone` were both read as ids"), "{err}");
    assert!(err.contains("no file `no-such-file` exists"), "{err}");
    assert!(!err.contains("unexpected argument"), "{err}");
}

/// One exit code per kind of failure, whichever way the event is named: an id no event has is
/// a usage error (2) as `show FILE ID`, `show ID FILE`, `show FILE#ID`, `show ID` and `show
/// #ID`; an empty id is one too, and says so; a file that is not there is a failure (1), as
/// `list -f` gives, named escaped.
#[test]
fn show_says_exactly_what_was_wrong_with_one_code_per_kind() {
    let file = fixture("good/full.yaml");
    let linked = format!("{file}#gonee");
    for args in [
        &["show", &file, "gonee"][..],
        &["show", "gonee", &file],
        &["show", &linked],
        &["show", "gonee", "-f", &file],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("error: no event with id `gonee`"), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("did you mean `gone`?"), "{args:?}: {}", stderr(&o));
    }
    assert!(stderr(&run(&["show", &linked])).contains(&format!("no event with id `gonee` in `{file}`")));
    for args in [&["show", "no-such-event"][..], &["show", "#no-such-event"]] {
        assert_eq!(run(args).status.code(), Some(2), "{args:?}");
    }
    // An empty id: said, with where the ids are.
    let empty = format!("{file}#");
    let o = run(&["show", &empty]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("error: `{empty}` names no event: the event id after `#` is empty")),
        "{err}"
    );
    assert!(err.contains(&format!("list --ids {file}")), "{err}");
    assert!(!err.contains("among the loaded timelines"), "{err}");
    let o = run(&["show", "#"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the event id after `#` is empty"), "{}", stderr(&o));
    let o = run(&["show", ""]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("empty event id"), "{}", stderr(&o));
    // A file that is not there, its name escaped: the failure `list -f` gives for it.
    let o = run(&["show", "no/such\x1b[31m.yaml#gone"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("error: no such file `no/such\\u{1b}[31m.yaml`"), "{err}");
    assert!(err.contains("read as the event `gone` of the file"), "{err}");
    assert!(!o.stderr.contains(&0x1b), "{err}");
    assert_eq!(run(&["list", "-f", "no/such.yaml"]).status.code(), Some(1));
    // A name that is neither a loaded file nor one on disk says both.
    let o = run(&["show", "nowhere#gone"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nor is `nowhere` a file on disk"), "{}", stderr(&o));
}

#[test]
fn list_into_a_pipe_cuts_no_title_and_a_terminal_width_cuts_only_titles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.yaml");
    let long = "Backup crew member Charlie Duke exposes the prime crew to German measles, and Mattingly is replaced by Swigert three days before launch";
    std::fs::write(
        &path,
        format!(
            "title: t\ntimezone: America/Chicago\nevents:\n  - {{id: a, title: \"{long}\", date: \"1970-04-10\"}}\n  - {{id: b, title: Hearing, date: \"1970-10-24T22:30..1970-10-25T02:30\"}}\n"
        ),
    )
    .unwrap();
    let path = path.display().to_string();
    // No COLUMNS, and stdout is a pipe: nothing is cut.
    let o = bin().env_remove("COLUMNS").args(["list", "-f", &path]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(long), "{}", stdout(&o));
    // A width asked for: the title is cut to fit, with a mark, and the dates stay whole.
    let o = bin().env("COLUMNS", "80").args(["list", "-f", &path]).output().unwrap();
    let out = stdout(&o);
    assert!(!out.contains(long) && out.contains("Backup crew member") && out.contains('…'), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    assert!(out.contains("1970-10-24 22:30 CDT – 1970-10-25 02:30 CST"), "{out}");
}

/// A directory holding the explorer's exports beside its timeline file (issue: `e` written into
/// the followed directory): a TimelineJS export is skipped with a note naming it, and a JSON
/// export — a timeline of the same events — opens with a note that its ids repeat, not silently.
#[test]
fn exports_in_a_timeline_directory_are_skipped_or_said() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live");
    std::fs::create_dir(&live).unwrap();
    std::fs::copy(fixture("good/apollo.yaml"), live.join("apollo.yaml")).unwrap();
    let apollo = live.join("apollo.yaml");
    let tljs = live.join("apollo.timelinejs.json");
    let o =
        run(&["export", apollo.to_str().unwrap(), "--format", "timelinejs", "-o", tljs.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["check", live.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("apollo.timelinejs.json` is a TimelineJS document (the explorer's or `export`'s), not a timeline; skipped"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    let json = live.join("copy.json");
    let o = run(&["export", apollo.to_str().unwrap(), "--format", "json", "-o", json.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["check", live.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("6 event ids are used in more than one file ("), "{}", stderr(&o));
    assert!(stderr(&o).contains("each is named stem#id"), "{}", stderr(&o));
}
