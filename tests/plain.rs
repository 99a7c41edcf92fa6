//! The plain front end as a script drives it: the real binary, commands on a pipe, the exact
//! transcript as a snapshot. The same input always gives the same output.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path).display().to_string()
}

/// Runs the binary with `args`, `script` on stdin, and returns what it did.
fn session(args: &[&str], env: &[(&str, &str)], script: &[u8]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"));
    cmd.args(args)
        .env_remove("TIMELINE_EXPLORER_PLAIN")
        .env("XDG_CACHE_HOME", "/dev/null/no-cache")
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the binary runs");
    let mut stdin = child.stdin.take().unwrap();
    let script = script.to_vec();
    // Written from a thread: a long script could fill the pipe while the output fills the other.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&script);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

/// The transcript of a script: checked to hold no escape or other control byte, then returned as
/// the script followed by what was printed, for a snapshot that reads as a conversation.
fn transcript(args: &[&str], script: &str) -> (String, Option<i32>) {
    let output = session(args, &[], script.as_bytes());
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert_no_control_bytes(&stdout);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "nothing on stderr");
    let shown = format!("$ timeline-explorer {}\n{script}---\n{stdout}", args.join(" "));
    (shown, output.status.code())
}

/// No byte below 0x20 but the newline, no DEL, no C1 control, no bidi control: nothing that can
/// move a cursor, switch screens, retitle a window or reorder text.
fn assert_no_control_bytes(text: &str) {
    for (i, c) in text.char_indices() {
        assert!(c == '\n' || !timeline_explorer::text::is_unsafe(c), "{c:?} at byte {i} of:\n{text}");
    }
}

#[test]
fn a_tour_by_words() {
    let script = "\
next
prev
last
first
go 2016-11-19
show
related
related 1
back
search hotline
next-match
next-match
prev-match
back
filter country:CN -tag:background
next
clear
go 2015-08
next-year
prev-year
quit
next
";
    let (shown, code) = transcript(&["--plain"], script);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!("tour", shown);
}

#[test]
fn the_explorers_keys() {
    let script = "j\nj\nk\nG\ng\n]\n[\nt 2017\n/dialogue\nn\nN\nf status:planned\nx\n?\nq\n";
    let (shown, code) = transcript(&["--plain"], script);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!("keys", shown);
}

#[test]
fn mistakes_get_one_line_each_and_the_exit_code_says_so() {
    let script = "\
nxet
fliter country:CN
filter country:Chna
filter contry:CN
filter country:CN OR country:US
go 2016-13
go lima
go
search
n
related 99
related two
next 3
v
c
show
";
    let (shown, code) = transcript(&["--plain"], script);
    assert_eq!(code, Some(2), "a refused command makes the exit code 2");
    insta::assert_snapshot!("mistakes", shown);
}

#[test]
fn starts_filtered_and_ends_at_the_end_of_input() {
    let (shown, code) = transcript(&["--plain", "--country", "PE", "--theme", "light"], "show\nrelated\n");
    assert_eq!(code, Some(0), "the end of the input is a normal end");
    insta::assert_snapshot!("filtered", shown);
}

#[test]
fn the_environment_variable_asks_for_the_same_conversation() {
    let script = b"next\nsearch hotline\nn\nquit\n";
    let flag = session(&["--plain"], &[], script);
    let env = session(&[], &[("TIMELINE_EXPLORER_PLAIN", "1")], script);
    assert!(!flag.stdout.is_empty());
    assert_eq!(flag.stdout, env.stdout);
    let off = session(&[], &[("TIMELINE_EXPLORER_PLAIN", "0")], script);
    assert!(String::from_utf8_lossy(&off.stdout).starts_with("DATE "), "0 turns it off: the list table");
}

#[test]
fn hostile_commands_on_hostile_data_print_nothing_raw() {
    let mut script = std::fs::read(fixture("plain/hostile-commands.txt")).unwrap();
    // A line past the limit, then one more command to show the session carries on.
    script.extend(std::iter::repeat_n(b'x', 10_000));
    script.extend(b"\nnext\n");
    let output = session(&["--plain", &fixture("good/hostile-text.yaml")], &[], &script);
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 even from invalid input");
    assert_no_control_bytes(&stdout);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout.contains("error: the line is longer than 4096 bytes and was ignored\n"), "{stdout}");
    insta::assert_snapshot!("hostile", stdout);
}

#[test]
fn a_file_that_does_not_load_is_reported_like_check_does() {
    let output = session(&["--plain", &fixture("bad/status.yaml")], &[], b"next\n");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(output.stdout, b"");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("status.yaml:3:43: error: unknown status `planed`"), "{stderr}");
    let output = session(&["--plain", "--country", "Chna"], &[], b"next\n");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `China`?"));
}

#[test]
fn a_closed_output_ends_the_session_quietly() {
    // `| head -1`: the reader goes away after the first line.
    let mut child = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"))
        .arg("--plain")
        .env("XDG_CACHE_HOME", "/dev/null/no-cache")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(&b"next\n".repeat(2000));
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

/// The README's example conversation is what the explorer says today.
#[test]
fn the_readme_example_is_a_real_transcript() {
    use timeline_explorer::plain::Session;
    let readme = include_str!("../README.md");
    let start = readme.find("$ timeline-explorer --plain\n").expect("the example in the README");
    let block = &readme[start..];
    let block = &block[..block.find("```").unwrap()];
    let mut session =
        Session::new(timeline_explorer::model::load_builtin().unwrap(), Default::default(), None).unwrap();
    let mut expected = format!("$ timeline-explorer --plain\n{}", session.opening());
    for command in ["go 2016-11-19", "related"] {
        expected.push_str(&format!("{command}\n{}", session.command(command)));
    }
    assert_eq!(block, expected);
}

/// Story mode by words (issue #29): a story of the file's from its title slide, next and prev
/// through its slides, the end said, leave at the slide's event; `S` is `story`; and `--story`
/// starts in it.
#[test]
fn a_story_by_words() {
    let script = "\
story consensus-to-2071
story consensus-to-2017
next
next
prev
last
next
leave
S
next
leave
quit
";
    let (shown, code) = transcript(&["--plain"], script);
    assert_eq!(code, Some(2), "the unknown story was refused");
    assert!(
        shown.contains("error: no story `consensus-to-2071`; did you mean `consensus-to-2017`?"),
        "{shown}"
    );
    assert!(shown.contains("Story: From consensus to the planned 2017 round."), "{shown}");
    assert!(shown.contains("Slide 2 of 6, 2 months and 6 days later.\nTuesday, December 1, 2015"), "{shown}");
    assert!(shown.contains("the last slide; Esc leaves story mode"), "{shown}");
    assert!(
        shown.contains("Story left. 19 of 21, did not take place."),
        "left at the last slide's event: {shown}"
    );
    assert!(
        shown.contains("Slide 20 of 21, the same year."),
        "S tells every shown event from the selected one: {shown}"
    );
    insta::assert_snapshot!("story", shown);
    let (shown, code) = transcript(&["--plain", "--story", "consensus-to-2017"], "next\nquit\n");
    assert_eq!(code, Some(0));
    assert!(shown.contains("Story: From consensus"), "--story starts in it: {shown}");
    assert!(shown.contains("Slide 1 of 6."), "{shown}");
}
