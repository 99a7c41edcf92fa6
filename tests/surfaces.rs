//! Hostile input on the surfaces besides the timeline file (issue 26): special files where the
//! program looks for its config, sidecars and a directory's timelines; devices and huge files
//! named on purpose; arguments holding escape sequences. Every run has a deadline: a hang
//! fails the test instead of stalling the suite.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);

struct Run {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

/// Runs the binary in `dir` with `env`, killing it at the deadline (then the test fails).
fn run_in(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"));
    cmd.args(args).current_dir(dir).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.env("XDG_CONFIG_HOME", dir.join("no-config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CACHE_HOME", "/dev/null/no-cache")
        .env_remove("NO_COLOR");
    for (name, value) in env {
        cmd.env(name, value);
    }
    let mut child = cmd.spawn().expect("the binary starts");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("`{}` did not finish within {DEADLINE:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code(),
    }
}

fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

const TIMELINE: &str =
    "title: T\nevents:\n  - {id: a, title: First, date: 2016}\n  - {id: b, title: Second, date: 2017}\n";

fn dir_with_timeline() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tl.yaml"), TIMELINE).unwrap();
    dir
}

#[test]
fn a_fifo_as_the_sidecar_is_skipped_with_a_warning() {
    let dir = dir_with_timeline();
    mkfifo(&dir.path().join("tl.notes.yaml"));
    for args in [
        &["list", "-f", "tl.yaml"][..],
        &["show", "-f", "tl.yaml", "a"],
        &["export", "-f", "tl.yaml", "--format", "csv"],
    ] {
        let r = run_in(dir.path(), args, &[]);
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("tl.notes.yaml: is a FIFO; only regular files are read from here"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn a_sidecar_linked_to_a_device_is_not_read() {
    let dir = dir_with_timeline();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("tl.notes.yaml")).unwrap();
    let r = run_in(dir.path(), &["list", "-f", "tl.yaml"], &[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("is a device"), "{}", r.stderr);
}

#[test]
fn a_fifo_named_yaml_in_a_directory_is_skipped_with_a_note() {
    let dir = dir_with_timeline();
    mkfifo(&dir.path().join("pipe.yaml"));
    let r = run_in(dir.path(), &["list", "-f", "."], &[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("First") && r.stdout.contains("Second"), "{}", r.stdout);
    assert!(r.stderr.contains("pipe.yaml` is not a regular file"), "{}", r.stderr);
}

#[test]
fn a_fifo_at_the_default_config_place_is_skipped_and_the_defaults_apply() {
    let dir = dir_with_timeline();
    let home = dir.path().join("config-home");
    std::fs::create_dir_all(home.join("timeline-explorer")).unwrap();
    mkfifo(&home.join("timeline-explorer/config.toml"));
    // No command with stdout piped: the list, after reading the config as the explorer would.
    let r = run_in(dir.path(), &["tl.yaml"], &[("XDG_CONFIG_HOME", &home)]);
    assert!(r.stdout.contains("First"), "{} / {}", r.stdout, r.stderr);
    let check = run_in(dir.path(), &["config", "--check"], &[("XDG_CONFIG_HOME", &home)]);
    assert_eq!(check.code, Some(1));
    assert!(
        check.stderr.contains("is a FIFO; only regular files are read from here; the defaults apply"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_config_named_on_purpose_is_read_whatever_it_is_but_never_past_the_limit() {
    let dir = dir_with_timeline();
    let r = run_in(dir.path(), &["config", "--check", "--config", "/dev/zero"], &[]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("more than 1 MiB; that is the limit"), "{}", r.stderr);
    let big = dir.path().join("big.toml");
    std::fs::write(&big, format!("theme = \"{}\"\n", "x".repeat(20 << 20))).unwrap();
    let r = run_in(dir.path(), &["config", "--check", "--config", "big.toml"], &[]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("the file is 20 MiB; the limit is 1 MiB"), "{}", r.stderr);
    // A FIFO named with --config is read like any file once something writes to it.
    let fifo = dir.path().join("config.fifo");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, "theme = \"light\"\n").unwrap())
    };
    let r = run_in(dir.path(), &["config", "--check", "--config", "config.fifo"], &[]);
    writer.join().unwrap();
    assert_eq!((r.code, r.stdout.trim_end()), (Some(0), "config.fifo: ok"), "{}", r.stderr);
}

#[test]
fn a_zone_file_that_would_read_for_ever_is_refused() {
    let dir = dir_with_timeline();
    let r =
        run_in(dir.path(), &["list", "-f", "tl.yaml", "--tz", "local"], &[("TZ", Path::new("/dev/zero"))]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains("this machine's time zone cannot be read: `/dev/zero` (from TZ or /etc/localtime) is not a regular file"),
        "{}",
        r.stderr
    );
}

/// Raw control characters in what the program wrote: only newlines are allowed.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)))
        .collect()
}

#[test]
fn arguments_holding_escapes_are_never_echoed_raw() {
    let dir = dir_with_timeline();
    let hostile = ["\u{1b}]0;pwned\u{7}", "a\rb", "\u{c}form", "\u{9b}31m", "\u{1b}[2J", "\u{202e}rev"];
    for value in hostile {
        let unknown = format!("--{value}");
        let cases: Vec<Vec<&str>> = vec![
            vec!["list", "--tz", value],
            vec!["--lanes", value],
            vec!["--theme", value],
            vec!["list", "--format", value],
            vec!["export", "--format", value],
            vec!["completions", value],
            vec![unknown.as_str()],
            vec!["list", "-f", value],
            vec!["--config", value, "config", "--check"],
        ];
        for args in cases {
            let r = run_in(dir.path(), &args, &[]);
            assert!(
                matches!(r.code, Some(1 | 2)),
                "{args:?} ends in an error, not a crash: {:?} {}",
                r.code,
                r.stderr
            );
            assert_eq!(raw_controls(&r.stderr), Vec::<char>::new(), "{args:?}: {}", r.stderr);
            assert_eq!(raw_controls(&r.stdout), Vec::<char>::new(), "{args:?}: {}", r.stdout);
        }
    }
}

#[test]
fn an_export_never_replaces_the_timeline_it_reads() {
    let dir = dir_with_timeline();
    std::os::unix::fs::symlink("tl.yaml", dir.path().join("link.yaml")).unwrap();
    for out in ["tl.yaml", "link.yaml", "./tl.yaml"] {
        let r = run_in(dir.path(), &["export", "--format", "csv", "-o", out, "tl.yaml"], &[]);
        assert_eq!(r.code, Some(2), "{out}: {}", r.stderr);
        assert!(r.stderr.contains("is the file being read (tl.yaml)"), "{}", r.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("tl.yaml")).unwrap(),
        TIMELINE,
        "the timeline is intact"
    );
    let ics = dir.path().join("in.ics");
    std::fs::write(&ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20160101\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").unwrap();
    let r = run_in(dir.path(), &["import", "--from", "ics", "in.ics", "-o", "in.ics"], &[]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(std::fs::read_to_string(&ics).unwrap().starts_with("BEGIN:VCALENDAR"));
}

#[test]
fn a_config_named_on_purpose_is_read_whatever_the_command() {
    let dir = dir_with_timeline();
    let r = run_in(dir.path(), &["--config", "missing.toml", "list", "-f", "tl.yaml"], &[]);
    assert_eq!((r.code, r.stderr.as_str()), (Some(2), "error: missing.toml: no such file\n"));
    std::fs::write(dir.path().join("bad.toml"), "them = \"dark\"\n").unwrap();
    let r = run_in(dir.path(), &["--config", "bad.toml", "list", "-f", "tl.yaml"], &[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("unknown key `them`") && r.stderr.contains("going on without"), "{}", r.stderr);
}

#[test]
fn a_local_zone_chrono_does_not_know_is_said_not_shown_as_utc() {
    let dir = dir_with_timeline();
    let r =
        run_in(dir.path(), &["list", "-f", "tl.yaml", "--tz", "local"], &[("TZ", Path::new("Asia/Shangai"))]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr
            .contains("TZ is `Asia/Shangai`, which names no time zone here; did you mean `Asia/Shanghai`?"),
        "{}",
        r.stderr
    );
}

#[test]
fn clap_shows_an_escape_in_an_argument_instead_of_dropping_it() {
    let dir = dir_with_timeline();
    let r = run_in(dir.path(), &["--lanes", "\u{1b}]0;t\u{7}"], &[]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.starts_with("error: invalid value '\\u{1b}]0;t\\u{7}' for '--lanes <BY>'"),
        "{}",
        r.stderr
    );
}
