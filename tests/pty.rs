//! End to end in a pseudo-terminal: the real binary, a real tty, a VT100 screen parser. Every
//! wait has a deadline, so a hang fails the test instead of stalling the suite.

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize, SlavePty};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(15);

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for checks a screen parser would hide.
    raw: Arc<Mutex<Vec<u8>>>,
    slave: Box<dyn SlavePty + Send>,
    _master: Box<dyn MasterPty + Send>,
}

fn command(args: &[&str]) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_timeline-explorer"));
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CACHE_HOME", "/dev/null/no-cache");
    cmd.env_remove("NO_COLOR");
    // No config file of whoever runs the tests: only the ones a test writes.
    cmd.env("XDG_CONFIG_HOME", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/config/none"));
    // Prompt history in a directory of the tests' own, where the help counts as seen: no
    // first-run hint on the status line (the tests of the hint give a fresh directory).
    cmd.env("XDG_STATE_HOME", seen_state());
    for clipboard in ["DISPLAY", "WAYLAND_DISPLAY", "TMUX", "VISUAL", "EDITOR"] {
        cmd.env_remove(clipboard);
    }
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// A state directory (`$XDG_STATE_HOME`) in which the help has been opened once.
fn seen_state() -> std::path::PathBuf {
    let state = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("pty-state");
    let dir = state.join("timeline-explorer");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("help-seen"), "").unwrap();
    state
}

impl Session {
    fn start(args: &[&str]) -> Session {
        Session::start_in(args, None)
    }

    fn start_in(args: &[&str], dir: Option<&std::path::Path>) -> Session {
        Session::start_env(args, dir, &[])
    }

    fn start_env(args: &[&str], dir: Option<&std::path::Path>, env: &[(&str, &std::path::Path)]) -> Session {
        Session::spawn(command(args), dir, env, (40, 120))
    }

    /// `cmd` on a terminal of `rows` × `cols`.
    fn spawn(
        mut cmd: CommandBuilder,
        dir: Option<&std::path::Path>,
        env: &[(&str, &std::path::Path)],
        (rows, cols): (u16, u16),
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("a pty");
        if let Some(dir) = dir {
            cmd.cwd(dir);
        }
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (sink, raw_sink) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session { child, writer, screen, raw, slave: pair.slave, _master: pair.master }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; panics with the screen if it never does.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {text:?}; screen:\n{}", self.contents());
    }

    fn wait_until_gone(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if !self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} never went away; screen:\n{}", self.contents());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // A lone ESC followed at once by a letter reads as Alt-letter; people type slower.
        std::thread::sleep(Duration::from_millis(60));
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the explorer did not exit; screen:\n{}", self.contents());
    }

    /// After exit: main screen, cursor shown, mouse reporting off, and the tty back in
    /// canonical mode with echo (checked by running `stty` on the same terminal).
    fn assert_terminal_restored(&mut self) {
        std::thread::sleep(Duration::from_millis(100));
        {
            let parser = self.screen.lock().unwrap();
            let screen = parser.screen();
            assert!(!screen.alternate_screen(), "still on the alternate screen");
            assert!(!screen.hide_cursor(), "cursor still hidden");
            assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture left on");
        }
        let mut stty = CommandBuilder::new("stty");
        stty.arg("-a");
        let mut probe = self.slave.spawn_command(stty).expect("stty runs");
        let start = Instant::now();
        while probe.try_wait().unwrap().is_none() && start.elapsed() < DEADLINE {
            std::thread::sleep(Duration::from_millis(20));
        }
        let start = Instant::now();
        let settings = loop {
            let text = self.contents();
            if text.contains("icanon") || start.elapsed() > DEADLINE {
                break text;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let words: Vec<&str> = settings.split_whitespace().collect();
        assert!(words.contains(&"icanon"), "raw mode left on:\n{settings}");
        assert!(words.contains(&"echo"), "echo left off:\n{settings}");
    }

    /// While the program runs: the tty is in canonical mode with echo, so the terminal edits
    /// lines and shows what is typed. `stty -F` reads the settings from outside; it cannot run on
    /// the terminal itself while the program holds it as its controlling terminal.
    fn assert_line_mode_while_running(&self) {
        let tty = self._master.tty_name().expect("the pty has a name");
        let out =
            std::process::Command::new("stty").arg("-a").arg("-F").arg(&tty).output().expect("stty runs");
        let settings = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "stty -F {}: {}", tty.display(), String::from_utf8_lossy(&out.stderr));
        let words: Vec<&str> = settings.split_whitespace().collect();
        assert!(words.contains(&"icanon"), "raw mode is on:\n{settings}");
        assert!(words.contains(&"echo"), "echo is off:\n{settings}");
    }

    /// `q`, a clean exit, and a terminal as it was.
    fn quit(mut self) {
        self.send("q");
        assert_eq!(self.wait_exit(), 0);
        self.assert_terminal_restored();
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }
}

fn signal(pid: u32, name: &str) {
    let status =
        std::process::Command::new("kill").args([&format!("-{name}"), &pid.to_string()]).status().unwrap();
    assert!(status.success());
}

#[test]
fn browse_help_follow_link_back_and_quit() {
    let mut s = Session::start(&[]);
    s.wait_for("21 events");
    let first = s.contents();
    assert!(first.contains("Events") && first.contains("Detail") && first.contains("Time"), "{first}");
    assert!(first.contains("U.S. indicts five PLA officers"), "the first event's detail");
    s.send("j");
    s.wait_for("Date       2015-06-04");
    s.send("G");
    s.wait_for("Date       2017-10-04");
    s.send("g");
    s.wait_for("Date       2014-05-19");
    s.send("?");
    s.wait_for("Keys — ? or Esc closes");
    assert!(s.contents().contains("jump to a date"), "help lists the keys");
    s.send("\x1b");
    s.wait_until_gone("Keys — ? or Esc closes");
    // Follow a related link from the detail, then go back.
    s.send("\t");
    s.send("n");
    s.send("\r");
    s.wait_for("Date       2015-09-25");
    s.send("\x7f");
    s.wait_for(" 1/21 ");
    s.wait_for("→ Comes before Xi–Obama White House summit"); // back where it was, link and all
    s.quit();
}

#[test]
fn ctrl_c_quits_and_restores() {
    let mut s = Session::start(&[]);
    s.wait_for("21 events");
    s.send("t"); // even from the date prompt
    s.wait_for("Jump to date");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn sigterm_quits_and_restores() {
    let mut s = Session::start(&[]);
    s.wait_for("21 events");
    signal(s.pid(), "TERM");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn sighup_quits_and_restores() {
    let mut s = Session::start(&[]);
    s.wait_for("21 events");
    signal(s.pid(), "HUP");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
}

#[test]
fn opens_a_file_given_as_a_bare_path() {
    let s = Session::start(&["tests/fixtures/good/full.yaml"]);
    s.wait_for("Every field of format v1");
    s.wait_for("Ides of March");
    s.quit();
}

#[test]
fn a_bad_file_ends_with_its_diagnostics_on_the_normal_screen() {
    let mut s = Session::start(&["tests/fixtures/bad/status.yaml"]);
    assert_eq!(s.wait_exit(), 1);
    s.assert_terminal_restored();
    let screen = s.contents();
    assert!(screen.contains("status.yaml:3:43: error: unknown status `planed`"), "{screen}");
    assert!(screen.contains("did you mean `planned`?"), "{screen}");
}

/// Runs in a child process of `panic_restores_the_terminal`: enters the explorer's terminal
/// modes exactly as the explorer does, then panics. Ignored in normal runs; it is a helper.
#[test]
#[ignore = "helper process for panic_restores_the_terminal"]
fn panic_probe() {
    if std::env::var_os("TIMELINE_EXPLORER_PANIC_PROBE").is_none() {
        return;
    }
    let _terminal = timeline_explorer::tui::terminal::enter().expect("a terminal");
    panic!("probe panic");
}

#[test]
fn panic_restores_the_terminal() {
    let pair = native_pty_system()
        .openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 })
        .unwrap();
    let mut cmd = CommandBuilder::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "panic_probe", "--ignored", "--nocapture", "--test-threads=1"]);
    cmd.env("TIMELINE_EXPLORER_PANIC_PROBE", "1");
    cmd.env("TERM", "xterm-256color");
    let child = pair.slave.spawn_command(cmd).unwrap();
    let screen = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
        }
    });
    let writer = pair.master.take_writer().unwrap();
    let raw = Arc::new(Mutex::new(Vec::new()));
    let mut s = Session { child, writer, screen, raw, slave: pair.slave, _master: pair.master };
    assert_ne!(s.wait_exit(), 0, "the probe panics");
    s.wait_for("probe panic");
    s.assert_terminal_restored();
}

#[test]
fn search_picker_and_clear_in_a_real_terminal() {
    let mut s = Session::start(&[]);
    s.wait_for("21 events");
    // Incremental search moves the selection as you type; Enter keeps it.
    s.send("/");
    s.send("mar-a");
    s.wait_for("1 match");
    s.wait_for("Date       Apr 6–7, 2017");
    s.send("\r");
    s.wait_for("search: mar-a (1)");
    // A picker: countries, narrowed to Peru, chosen, applied.
    s.send("c");
    s.wait_for("country — type to narrow");
    s.send("peru");
    s.send(" ");
    s.send("\r");
    s.wait_for("1 of 21 events");
    s.wait_for("filter: country:PE");
    s.wait_for("Xi and Obama meet at APEC in Lima");
    // x clears every filter and the search.
    s.send("x");
    s.wait_for("21 events  filters: none");
    s.quit();
}

#[test]
fn starts_filtered_from_the_command_line() {
    let s = Session::start(&["--country", "PE"]);
    s.wait_for("1 of 21 events");
    s.quit();
}

#[test]
fn follows_the_file_through_edits_breakage_and_save_by_rename() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("live.yaml");
    let good = "title: Live\nevents:\n  - {id: a, title: First version, date: 2016}\n";
    std::fs::write(&file, good).unwrap();
    let mut s = Session::start_in(&[file.to_str().unwrap()], Some(dir.path()));
    s.wait_for("First version");
    std::fs::write(&file, good.replace("First version", "Second version")).unwrap();
    s.wait_for("Second version");
    s.wait_for("reloaded; 1 event changed: “Second version”");
    // An event appended, one deleted, one given a new id: each said as what it is.
    let two = good.replace("First version", "Second version");
    std::fs::write(&file, format!("{two}  - {{id: b, title: Appended talk, date: 2017}}\n")).unwrap();
    s.wait_for("reloaded; 1 event added: “Appended talk”");
    std::fs::write(&file, format!("{two}  - {{id: talk, title: Appended talk, date: 2017}}\n")).unwrap();
    s.wait_for("reloaded; 1 event renamed: b → talk");
    std::fs::write(&file, &two).unwrap();
    s.wait_for("reloaded; 1 event removed: “Appended talk”");
    // A broken save: the last good data stays, a banner says where the problem is.
    std::fs::write(&file, "title: Live\nevents:\n  - {id: a, titel: x, date: 2016}\n").unwrap();
    s.wait_for("live.yaml:3:13: error: unknown key `titel`");
    assert!(s.contents().contains("Second version"), "the last good data stays");
    // Fixed by writing a new file and renaming it over the old one, as many editors do.
    let temp = dir.path().join(".live.yaml.swp");
    std::fs::write(&temp, good.replace("First version", "Third version")).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    s.wait_for("Third version");
    s.wait_until_gone("unknown key");
    // The file disappears: said, data kept.
    std::fs::remove_file(&file).unwrap();
    s.wait_for("is gone");
    assert!(s.contents().contains("Third version"));
    // e exports the view; the working directory holds the timeline's file, so a JSON export
    // goes into exports/ there, where opening the directory would not read it back.
    s.send("e");
    s.wait_for("Export 1 shown event —");
    s.send("\r");
    s.wait_for("exports/live.json (1 event)");
    // The log says why.
    s.send("!");
    s.wait_for("in exports/, as the timeline's directory would read it");
    s.send("q");
    assert!(
        dir.path().join("exports/live.json").exists(),
        "{:?}",
        std::fs::read_dir(dir.path()).unwrap().collect::<Vec<_>>()
    );
    assert!(!dir.path().join("live.json").exists());
    s.quit();
}

/// Writes `text` to `path` the way `sed -i` does: a new file renamed over the old one.
fn write_by_rename(path: &std::path::Path, text: &str) {
    let temp = path.with_extension("sedtmp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

#[test]
fn a_symlinked_file_reloads_when_its_target_or_the_link_changes() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("sl/real");
    std::fs::create_dir_all(&real).unwrap();
    let target = real.join("target.yaml");
    let good = "title: Linked\nevents:\n  - {id: a, title: Opening keynote, date: 2016}\n";
    std::fs::write(&target, good).unwrap();
    std::os::unix::fs::symlink("real/target.yaml", dir.path().join("sl/link.yaml")).unwrap();
    let mut s = Session::start_in(&["sl/link.yaml"], Some(dir.path()));
    s.wait_for("Opening keynote");
    // The target edited in place (sed -i: a new file renamed over it), in another directory.
    write_by_rename(&target, &good.replace("Opening keynote", "Opening keynote VIA-TARGET"));
    s.wait_for("reloaded; 1 event changed: “Opening keynote VIA-TARGET”");
    // Appended to through the link.
    let mut link = std::fs::OpenOptions::new().append(true).open(dir.path().join("sl/link.yaml")).unwrap();
    link.write_all(b"  - {id: b, title: Appended through the link, date: 2017}\n").unwrap();
    drop(link);
    s.wait_for("Appended through the link");
    // The link pointed elsewhere; then that target is followed, not the old one.
    let other = real.join("other.yaml");
    std::fs::write(&other, good.replace("Opening keynote", "Other target")).unwrap();
    let temp_link = dir.path().join("sl/link.tmp");
    std::os::unix::fs::symlink("real/other.yaml", &temp_link).unwrap();
    std::fs::rename(&temp_link, dir.path().join("sl/link.yaml")).unwrap();
    s.wait_for("Other target");
    write_by_rename(&other, &good.replace("Opening keynote", "Other target edited"));
    s.wait_for("Other target edited");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_directory_is_followed_as_files_come_go_and_are_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live");
    std::fs::create_dir(&live).unwrap();
    let timeline =
        |id: &str, title: &str| format!("title: T\nevents:\n  - {{id: {id}, title: {title}, date: 2016}}\n");
    for name in ["a", "b", "c"] {
        std::fs::write(live.join(format!("{name}.yaml")), timeline(name, &format!("Event {name}"))).unwrap();
    }
    let mut s = Session::start_in(&["live"], Some(dir.path()));
    s.wait_for("Event c");
    // A new file is read and merged.
    std::fs::write(live.join("d.yaml"), timeline("d", "Event d")).unwrap();
    s.wait_for("added live/d.yaml: 1 event");
    s.wait_for("Event d");
    // Renamed: its events stay (under the new name), no banner, and the new name is followed.
    std::fs::rename(live.join("b.yaml"), live.join("bb.yaml")).unwrap();
    s.wait_for("added live/bb.yaml: 1 event; removed live/b.yaml: 1 event");
    assert!(!s.contents().contains("is gone"), "{}", s.contents());
    std::fs::write(live.join("bb.yaml"), timeline("b", "Event bb edited")).unwrap();
    s.wait_for("Event bb edited");
    // Deleted: its events go, said with their count.
    std::fs::remove_file(live.join("c.yaml")).unwrap();
    s.wait_for("removed live/c.yaml: 1 event");
    s.wait_until_gone("Event c");
    // An editor's save that deletes the file and writes it a moment later: no removal.
    std::fs::remove_file(live.join("a.yaml")).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(live.join("a.yaml"), timeline("a", "Event a saved")).unwrap();
    s.wait_for("Event a saved");
    s.send("!");
    s.wait_for("removed live/c.yaml");
    assert!(!s.contents().contains("removed live/a.yaml"), "{}", s.contents());
    s.send("q");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_terminal_going_away_ends_the_explorer() {
    // No reader here: a reader thread would hold the master open. The explorer fills the pty's
    // buffer with its first frame and waits; closing the master is what a terminal emulator's
    // window closing does.
    let pair = native_pty_system()
        .openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 })
        .unwrap();
    let mut child = pair.slave.spawn_command(command(&[])).unwrap();
    drop(pair.slave);
    std::thread::sleep(Duration::from_millis(800));
    assert!(child.try_wait().unwrap().is_none(), "running while the terminal is there");
    drop(pair.master);
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if child.try_wait().unwrap().is_some() {
            assert!(start.elapsed() < Duration::from_secs(5), "exits promptly");
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    panic!("the explorer kept running after its terminal went away");
}

#[test]
fn timeline_view_lanes_mark_and_fit_in_a_real_terminal() {
    let mut s = Session::start(&[]);
    s.wait_for("21 events");
    s.send("v");
    s.wait_for("┌ Timeline · 2014 – 2018");
    assert!(s.contents().contains("● ━ happened"), "the legend explains the marks:\n{}", s.contents());
    s.send("LLL"); // side, nested, then country
    s.wait_for("lanes by country");
    let lanes = s.contents();
    for lane in ["│CN ", "│US ", "│PE "] {
        assert!(lanes.contains(lane), "no lane {lane:?}:\n{lanes}");
    }
    // Measure from the first event to the third round.
    s.send("m");
    s.wait_for("marked");
    s.send("t");
    s.wait_for("Jump to date");
    s.send("2016-12-07\r");
    s.wait_for("mark → selected: 2 years, 6 months and 18 days");
    // Zoom to the selection, then fit the shown events again.
    s.send("Z");
    s.wait_for("Timeline · Nov 2016 – Dec 2016");
    s.send("z");
    s.wait_for("Timeline · 2014 – 2018");
    s.send("v");
    s.wait_for("┌ Events");
    s.quit();
}

/// The question the program exists for, one key from the start: what did China do, and what
/// did the United States do?
#[test]
fn one_key_from_the_start_gives_lanes_by_side() {
    let mut s = Session::start(&[]);
    s.wait_for("21 events");
    s.send("L");
    s.wait_for("lanes by side");
    let screen = s.contents();
    for lane in ["│China ", "│joint CN+US ", "│United States "] {
        assert!(screen.contains(lane), "no lane {lane:?}:\n{screen}");
    }
    assert!(screen.contains("Acted"), "the detail says who acted:\n{screen}");
    s.quit();
}

#[test]
fn starts_in_the_timeline_view_with_lanes_from_the_command_line() {
    let s = Session::start(&["--lanes", "country"]);
    s.wait_for("lanes by country");
    s.wait_for("│PE ");
    s.quit();
}

#[test]
fn an_unknown_filter_value_on_the_command_line_ends_the_explorer_with_a_usage_error() {
    let mut s = Session::start(&["--country", "Chna"]);
    assert_eq!(s.wait_exit(), 2);
    s.assert_terminal_restored();
    let screen = s.contents();
    assert!(screen.contains("unknown country `Chna`"), "{screen}");
    assert!(screen.contains("did you mean `China`?"), "{screen}");
}

#[test]
fn prompts_edit_like_readline_remember_across_runs_and_complete() {
    let state = tempfile::tempdir().unwrap();
    let env = [("XDG_STATE_HOME", state.path())];
    let mut s = Session::start_env(&[], None, &env);
    s.wait_for("21 events");
    s.send("f");
    s.wait_for("Filter (Enter applies");
    s.send("hotline dialog");
    s.wait_for("filter: hotline dialog▏");
    s.send("\x17"); // Ctrl-W: the word before the cursor
    s.wait_for("filter: hotline ▏");
    s.send("tag:dialogue");
    s.send("\x01"); // Ctrl-A: to the start
    s.send("-");
    s.wait_for("filter: -hotline tag:dialogue");
    s.send("\x1b[D"); // ←: at the start already, nothing moves
    s.send("\r");
    s.wait_for("filter: -hotline tag:dialogue");
    s.wait_for("of 21 events");
    s.quit();

    // A new run remembers the filter typed in the last.
    let mut s = Session::start_env(&[], None, &env);
    s.wait_for("21 events");
    s.send("f");
    s.wait_for("Filter (Enter applies");
    s.send("\x1b[A"); // ↑: the previous entry
    s.wait_for("filter: -hotline tag:dialogue▏");
    s.send("\x15"); // Ctrl-U: delete to the start
    s.wait_for("filter: ▏");
    s.send("coun\t");
    s.wait_for("filter: country:▏");
    s.send("\t");
    s.wait_for("PE — Peru (1)");
    s.send("p\t");
    s.wait_for("filter: country:PE ▏");
    s.send("\r");
    s.wait_for("1 of 21 events");
    s.quit();
}

/// `--plain` in a real terminal: lines in, lines out, and nothing a screen reader would have to
/// fight — no alternate screen, no cursor movement, no colours, no raw mode.
#[test]
fn plain_is_lines_of_text_and_leaves_the_terminal_alone() {
    let mut s = Session::start(&["--plain"]);
    s.wait_for("Type help for the commands");
    s.wait_for("1 of 21. May 19, 2014: ");
    // While it waits for a command the terminal is in its ordinary line mode.
    s.assert_line_mode_while_running();
    s.send("next\r");
    s.wait_for("2 of 21. June 4, 2015: OPM announces breach of federal personnel records. By United States.");
    s.send("go 2016-11-19\r");
    s.wait_for("15 of 21. November 19, 2016: Xi and Obama meet at APEC in Lima. By China, United States; also involved: Peru.");
    s.send("show\r");
    s.wait_for("Referred to by:");
    s.send("search hotline\r");
    s.wait_for("6 events match. Match 1 of 6");
    s.send("nxet\r");
    s.wait_for("did you mean `next`?");
    {
        let parser = s.screen.lock().unwrap();
        assert!(!parser.screen().alternate_screen(), "switched to the alternate screen");
        assert!(!parser.screen().hide_cursor(), "hid the cursor");
    }
    s.send("quit\r");
    assert_eq!(s.wait_exit(), 2, "a refused command (nxet) makes the exit code 2");
    let raw = s.raw.lock().unwrap().clone();
    let text = String::from_utf8(raw).expect("UTF-8");
    // The terminal's own echo of what was typed is in the stream too; it is plain text as well.
    for (i, c) in text.char_indices() {
        assert!(
            c == '\n' || c == '\r' || !timeline_explorer::text::is_unsafe(c),
            "{c:?} at byte {i}: an escape sequence or control character in\n{}",
            text.escape_debug()
        );
    }
}

/// Bookmarks and annotations survive a restart: `b`, `A` … Ctrl-S, quit, start again, `B`,
/// Enter, and the detail shows the annotation; the sidecar is beside the file (the timeline is
/// never written), and for the built-in timeline under `$XDG_DATA_HOME`.
#[test]
fn bookmarks_and_annotations_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let timeline = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/timeline.yaml")).unwrap();
    std::fs::write(dir.path().join("trade.yaml"), &timeline).unwrap();
    let env = [("XDG_DATA_HOME", data.path())];
    let mut s = Session::start_env(&["trade.yaml"], Some(dir.path()), &env);
    s.wait_for("21 events");
    s.send("j");
    s.send("b");
    s.wait_for("bookmarked “OPM announces breach");
    s.send("A");
    s.wait_for("Annotation — Ctrl-S saves · Esc cancels");
    s.send("Pty memo: ask about it\rline two");
    s.wait_for("line two▏");
    s.send("\x13"); // Ctrl-S
    s.wait_for("annotation saved");
    s.quit();
    assert_eq!(std::fs::read_to_string(dir.path().join("trade.yaml")).unwrap(), timeline, "never written");
    let sidecar = std::fs::read_to_string(dir.path().join("trade.notes.yaml")).unwrap();
    assert!(sidecar.contains("opm-breach-records-2015") && sidecar.contains("Pty memo"), "{sidecar}");

    let mut s = Session::start_env(&["trade.yaml"], Some(dir.path()), &env);
    s.wait_for("21 events");
    s.send("B");
    s.wait_for("★✎ 2015-06-04  OPM announces breach");
    s.send("\r");
    s.wait_until_gone("Bookmarks —");
    s.send("\t"); // the detail of the bookmarked event, scrolled to its end
    s.send("G");
    // The annotation comes before the sources, which may be longer than the pane: step back up
    // from the end until it shows (wait_for below still fails if it never does).
    for _ in 0..60 {
        if s.contents().contains("Your annotation") {
            break;
        }
        s.send("k");
    }
    s.wait_for("Your annotation");
    s.wait_for("Pty memo: ask about it");
    s.quit();

    // The built-in timeline keeps its notes in the data directory.
    let mut s = Session::start_env(&[], Some(dir.path()), &env);
    s.wait_for("21 events");
    s.send("b");
    s.wait_for("bookmarked");
    s.quit();
    let builtin = data.path().join("timeline-explorer/builtin.notes.yaml");
    assert!(std::fs::read_to_string(&builtin).unwrap().contains("bookmarks:"), "{}", builtin.display());
}

#[test]
fn a_deep_link_opens_at_its_event_with_the_detail_open() {
    let s = Session::start(&["tests/fixtures/multi/pair/cyber.yaml#dialogue-round-3"]);
    s.wait_for("│Third round of the dialogue");
    // The footer is drawn last: wait for the whole frame.
    s.wait_for("3/3 ");
    let screen = s.contents();
    assert!(screen.contains("3/3 "), "the third event is selected:\n{screen}");
    // The detail has the focus: the footer offers the detail's keys.
    assert!(screen.contains("j scroll"), "{screen}");
    // One file: no file markers.
    assert!(!screen.contains("[cyber]"), "{screen}");
    s.quit();
}

#[test]
fn a_deep_link_to_no_event_ends_with_a_usage_error_and_a_suggestion() {
    let mut s = Session::start(&["tests/fixtures/multi/pair/cyber.yaml#dialogue-round-4"]);
    assert_eq!(s.wait_exit(), 2);
    s.assert_terminal_restored();
    let screen = s.contents();
    assert!(screen.contains("no event with id `dialogue-round-4`"), "{screen}");
    assert!(screen.contains("did you mean `dialogue-round-3`?"), "{screen}");
}

#[test]
fn several_files_open_at_a_date_marked_by_file() {
    let s = Session::start(&["tests/fixtures/multi/pair", "--at", "2016-06"]);
    s.wait_for("│Hotline opens");
    s.wait_for("3/5 ");
    let screen = s.contents();
    assert!(screen.contains("Trade talks open") && screen.contains("CN EU [trade]"), "{screen}");
    assert!(screen.contains("File       tests/fixtures/multi/pair/cyber.yaml"), "{screen}");
    s.quit();
}

#[test]
fn files_that_disagree_open_with_the_first_files_version_and_say_so() {
    let s = Session::start(&["tests/fixtures/multi/conflict/a.yaml", "tests/fixtures/multi/conflict/b.yaml"]);
    s.wait_for("country `CN` differs in");
    s.quit();
}

#[test]
fn several_files_are_followed_and_a_broken_one_keeps_its_last_good_version() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
    let timeline = |title: &str| format!("title: T\nevents:\n  - {{id: e, title: {title}, date: 2016}}\n");
    std::fs::write(&a, timeline("Alpha one")).unwrap();
    std::fs::write(&b, timeline("Beta one")).unwrap();
    let mut s = Session::start_in(&["a.yaml", "b.yaml"], Some(dir.path()));
    s.wait_for("Beta one");
    std::fs::write(&a, "title: T\nevents:\n  - {id: e, titel: x, date: 2016}\n").unwrap();
    s.wait_for("a.yaml:3:13: error: unknown key `titel`");
    // The other file stays live, beside the broken one's last good version.
    std::fs::write(&b, timeline("Beta two")).unwrap();
    s.wait_for("Beta two");
    assert!(s.contents().contains("Alpha one"), "{}", s.contents());
    assert!(s.contents().contains("unknown key `titel`"), "the banner stays:\n{}", s.contents());
    std::fs::write(&a, timeline("Alpha two")).unwrap();
    s.wait_for("Alpha two");
    s.wait_until_gone("unknown key");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Everything the program wrote so far, as text (escape sequences included).
fn raw_text(s: &Session) -> String {
    String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned()
}

fn wait_for_raw(s: &Session, wanted: &str) {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if raw_text(s).contains(wanted) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the output never held {wanted:?}; screen:\n{}", s.contents());
}

fn executable(path: &std::path::Path, script: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, script).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn e_opens_the_editor_at_the_event_and_the_reload_takes_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::copy("tests/fixtures/good/apollo.yaml", &file).unwrap();
    let args = dir.path().join("args");
    let editor = dir.path().join("fake-editor");
    // Records its arguments and the terminal's state, then edits the event's title.
    executable(
        &editor,
        &format!(
            "#!/bin/sh\necho \"$@\" > '{}'\nstty -a | grep -q -- '-icanon' && echo raw >> '{0}'\n\
             sed -i 's/Apollo 1 cabin fire/Apollo 1 fire (edited)/' \"$2\"\n",
            args.display()
        ),
    );
    let mut s = Session::start_env(&[file.to_str().unwrap()], Some(dir.path()), &[("EDITOR", &editor)]);
    s.wait_for("6 events");
    s.send("jj"); // apollo-1, the third event, whose `id:` is on line 29
    s.wait_for(" 3/6 ");
    s.send("E");
    s.wait_for("Apollo 1 fire (edited)");
    let recorded = std::fs::read_to_string(&args).unwrap();
    let canonical = std::fs::canonicalize(&file).unwrap();
    assert_eq!(recorded, format!("+29 {}\n", canonical.display()), "the editor ran on a cooked terminal");
    assert!(s.screen.lock().unwrap().screen().alternate_screen(), "back on the explorer's screen");
    s.send("j");
    s.wait_for(" 4/6 "); // keys work again
    s.quit();
}

#[test]
fn e_on_the_built_in_timeline_says_there_is_no_file() {
    let mut s = Session::start(&[]);
    s.wait_for("21 events");
    s.send("E");
    s.wait_for("the built-in timeline has no file to edit");
    s.quit();
}

#[test]
fn ctrl_z_stops_to_the_shell_and_fg_resumes_with_a_full_redraw() {
    // A shell with job control, as a person's would be: it gets the terminal back when the
    // explorer stops, says so, and `fg` continues it.
    let mut cmd = CommandBuilder::new("bash");
    cmd.args([
        "--norc",
        "-c",
        "set -m; \"$0\" tests/fixtures/good/apollo.yaml; echo \"job stopped: $?\"; read line; fg %1; echo \"exit $?\"",
        env!("CARGO_BIN_EXE_timeline-explorer"),
    ]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CACHE_HOME", "/dev/null/no-cache");
    cmd.env("XDG_CONFIG_HOME", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/config/none"));
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    let mut s = Session::spawn(cmd, None, &[], (40, 120));
    s.wait_for("6 events");
    s.send("\x1a");
    s.wait_for("job stopped: 148");
    {
        let parser = s.screen.lock().unwrap();
        assert!(!parser.screen().alternate_screen(), "the shell's screen while stopped");
        assert!(!parser.screen().hide_cursor(), "the cursor is shown while stopped");
    }
    s.send("\n");
    s.wait_for("6 events");
    assert!(s.screen.lock().unwrap().screen().alternate_screen());
    let screen = s.contents();
    assert!(
        screen.contains("Events") && screen.contains("Detail"),
        "the whole screen is drawn again:\n{screen}"
    );
    s.send("j");
    s.wait_for(" 2/6 ");
    s.send("q");
    s.wait_for("exit 0");
}

#[test]
fn y_copies_with_osc_52() {
    let mut s = Session::start(&["tests/fixtures/good/apollo.yaml"]);
    s.wait_for("6 events");
    s.send("y");
    s.wait_for("Copy — Enter copies, Esc closes");
    s.wait_for("apollo.yaml#sputnik"); // the link; no source, so no citation
    s.send("\r"); // the first item: the id, `sputnik`
    s.wait_for("copied the id (OSC 52): sputnik");
    wait_for_raw(&s, "\x1b]52;c;c3B1dG5paw==\x07");
    s.send("y");
    s.wait_for("Copy —");
    s.send("\x1b");
    s.wait_until_gone("Copy —");
    s.quit();
}

/// What the program put on the clipboard through OSC 52, each copy decoded.
fn clipboard(s: &Session) -> Vec<String> {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let raw = raw_text(s);
    raw.split("\x1b]52;c;")
        .skip(1)
        .filter_map(|rest| rest.split_once('\x07').map(|(payload, _)| payload))
        .map(|payload| {
            let mut bytes = Vec::new();
            let (mut acc, mut bits) = (0u32, 0);
            for c in payload.bytes().filter(|&c| c != b'=') {
                acc = acc << 6 | DIGITS.iter().position(|&d| d == c).expect("base64") as u32;
                bits += 6;
                if bits >= 8 {
                    bits -= 8;
                    bytes.push((acc >> bits) as u8);
                }
            }
            String::from_utf8(bytes).expect("UTF-8")
        })
        .collect()
}

/// `y` on an event with eight sources: the cursor chooses the second; Enter copies its citation
/// (its own title, publisher, date and URL), Space switches to Markdown, then to the bare URL.
#[test]
fn y_copies_the_chosen_source_as_text_markdown_or_url() {
    let t = timeline_explorer::model::load_builtin().unwrap();
    let round = &t.events[t.event_index("dialogue-round-3").unwrap()];
    let second = &round.sources[1];
    let url = second.url.clone().unwrap();
    let mut s = Session::start(&["#dialogue-round-3"]);
    s.wait_for("Third round of the dialogue in Washington");
    s.send("y");
    s.wait_for("cite as [text], Markdown or URL");
    for _ in 0..4 {
        s.send("\x1b[B");
    }
    s.send("\r");
    s.wait_for("copied the source 2 c"); // "citation", cut to the room the header leaves
    let copied = clipboard(&s);
    assert_eq!(copied.last(), Some(&timeline_explorer::report::citation(second, &t.zone)));
    let text = copied.last().unwrap();
    assert!(text.starts_with(second.title.trim()) && text.ends_with(&format!(", {url}")), "{text}");
    assert!(!text.contains(&round.title), "the source's title, not the event's: {text}");

    s.send("y");
    s.wait_for("Copy —");
    for _ in 0..4 {
        s.send("\x1b[B");
    }
    s.send(" ");
    s.wait_for("cite as text, [Markdown] or URL");
    s.send("\r");
    s.wait_for("copied the source 2 M");
    let copied = clipboard(&s);
    let text = copied.last().unwrap();
    assert!(text.starts_with('[') && text.contains(&format!("](<{url}>)")), "{text}");

    s.send("y");
    s.wait_for("Copy —");
    for _ in 0..4 {
        s.send("\x1b[B");
    }
    s.send(" ");
    s.send(" ");
    s.wait_for("cite as text, Markdown or [URL]");
    s.send("\r");
    s.wait_for("copied the source 2 U");
    assert_eq!(clipboard(&s).last(), Some(&url));

    // The link it copies opens at the event, and `show` takes it.
    s.send("y");
    s.wait_for("Copy —");
    s.send("\x1b[B");
    s.send("\x1b[B");
    s.send("\r");
    s.wait_for("copied the link");
    let link = clipboard(&s).last().cloned().unwrap();
    assert_eq!(link, "#dialogue-round-3");
    s.quit();
    let shown = std::process::Command::new(env!("CARGO_BIN_EXE_timeline-explorer"))
        .args(["show", &link])
        .env("XDG_CACHE_HOME", "/dev/null/no-cache")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).starts_with(&round.title), "{shown:?}");
}

/// `timeline-explorer '#id'`, no command, in a terminal: the built-in timeline opened at that
/// event (never a filter by its words).
#[test]
fn a_bare_link_opens_the_builtin_timeline_at_its_event() {
    let s = Session::start(&["#dialogue-round-3"]);
    s.wait_for("│Third round of the dialogue in Washington");
    s.wait_for("21 events  filters: none");
    s.wait_for("17/21 ");
    s.quit();
}

#[test]
fn urls_in_the_detail_are_hyperlinks_to_the_whole_even_when_cut() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("links.yaml");
    let long = format!("https://example.org/{}", "a".repeat(90));
    std::fs::write(
        &file,
        format!(
            "title: Links\nevents:\n  - id: a\n    title: Linked\n    date: 2020\n    sources:\n      \
             - {{title: Web, url: \"{long}\"}}\n      - {{title: Bad, url: \"javascript:alert(1)\"}}\n"
        ),
    )
    .unwrap();
    let s = Session::start(&[file.to_str().unwrap()]);
    s.wait_for("Linked");
    wait_for_raw(&s, &format!(";{long}\x1b\\"));
    let raw = raw_text(&s);
    // Wider than the pane: one row, cut with `…`, that links to all of it.
    s.wait_for("https://example.org/aaa");
    let row =
        s.contents().lines().find(|l| l.contains("https://example.org/")).unwrap_or_default().to_string();
    assert!(row.trim_end().trim_end_matches('│').trim_end().ends_with('…'), "{row}");
    assert!(!s.contents().contains("│aaaa"), "never broken over rows:\n{}", s.contents());
    assert!(!raw.contains("]8;id") || !raw.contains(";javascript:"), "only http, https and mailto link");
    s.quit();
}

#[test]
fn the_footer_at_60_columns_is_cut_at_a_key_and_keeps_search_and_filter() {
    let s = Session::spawn(command(&["tests/fixtures/good/apollo.yaml"]), None, &[], (30, 60));
    s.wait_for("6 events");
    // The frame may still be arriving when the header shows: wait for the footer's start.
    s.wait_for(" 1/6 j move");
    let screen = s.contents();
    let footer = screen.lines().last().unwrap_or_default().trim_end().to_string();
    // Cut at a key, and search and filter kept while less useful keys go.
    assert_eq!(footer, " 1/6 j move  Enter read  q quit  ? help  / search  f filter");
    s.quit();
}

#[test]
fn a_rebound_key_works_and_the_help_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys.list]\nmove-down = [\"J\", \"Down\"]\n").unwrap();
    let mut s = Session::start(&["--config", config.to_str().unwrap(), "tests/fixtures/good/apollo.yaml"]);
    s.wait_for("6 events");
    s.wait_for("J move");
    s.send("J");
    s.wait_for(" 2/6 ");
    s.send("j"); // no longer bound in the list
    s.send("?");
    s.wait_for("Keys — ? or Esc closes");
    for _ in 0..5 {
        if s.contents().contains("J, ↓") {
            break;
        }
        s.send(" "); // a page down in the help
    }
    let screen = s.contents();
    assert!(screen.lines().any(|l| l.contains("  J, ↓  ") && l.contains("next event")), "{screen}");
    s.send("\x1b");
    s.wait_until_gone("Keys —");
    assert!(s.contents().contains(" 2/6 "), "j did nothing");
    s.quit();
}

#[test]
fn a_bad_config_starts_with_the_defaults_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys.list]\nmvoe-down = \"J\"\n").unwrap();
    let mut s = Session::start(&["--config", config.to_str().unwrap(), "tests/fixtures/good/apollo.yaml"]);
    s.wait_for("config: 1 problem in");
    // The config is read before the timeline: wait for the events before moving among them.
    s.wait_for("6 events");
    s.send("j");
    s.wait_for(" 2/6 ");
    s.send("!");
    s.wait_for("error: `mvoe-down` is not an action of [keys.list]");
    s.wait_for("did you mean `move-down`?");
    s.send("\x1b");
    s.quit();
}

#[test]
fn e_on_a_broken_reload_opens_the_editor_at_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.yaml");
    let good = "title: T\nevents:\n  - {id: a, title: First, date: 2016}\n";
    std::fs::write(&file, good).unwrap();
    let args = dir.path().join("args");
    let editor = dir.path().join("fake-editor");
    // Records its arguments and mends the file, as a person would.
    executable(
        &editor,
        &format!("#!/bin/sh\necho \"$@\" > '{}'\nsed -i 's/titel/title/' \"$2\"\n", args.display()),
    );
    let mut s = Session::start_env(&[file.to_str().unwrap()], Some(dir.path()), &[("VISUAL", &editor)]);
    s.wait_for("First");
    std::fs::write(&file, "title: T\nevents:\n  - {id: a, titel: Mended, date: 2016}\n").unwrap();
    s.wait_for("unknown key `titel`");
    s.send("E");
    s.wait_for("Mended");
    s.wait_until_gone("unknown key");
    let canonical = std::fs::canonicalize(&file).unwrap();
    assert_eq!(std::fs::read_to_string(&args).unwrap(), format!("+3 {}\n", canonical.display()));
    s.quit();
}

#[test]
fn saved_views_open_from_the_command_line_and_the_picker() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[views]\nnasa = \"agency:nasa\"\nearly = \"to:1962\"\n").unwrap();
    let config = config.to_str().unwrap();
    let mut s = Session::start(&["--config", config, "--view", "early", "tests/fixtures/good/apollo.yaml"]);
    s.wait_for("2 of 6 events");
    s.wait_for("filter: to:1962");
    s.send("V");
    s.wait_for("Saved views — Enter applies, Esc closes");
    s.send("\r"); // the first, in the file's order
    s.wait_for("filter: agency:nasa");
    s.send("V");
    s.wait_for("Saved views —");
    s.send("\x1b[B"); // down, to the second
    s.send("\r");
    s.wait_for("filter: to:1962");
    s.send("V");
    s.send("\r");
    s.wait_for("filter: agency:nasa");
    s.wait_for("5 of 6 events");
    s.quit();
}

#[test]
fn a_saved_view_named_with_escape_sequences_never_drives_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    // A title change, red text, a clipboard write and a jump off the alternate screen, in
    // view names (TOML's \u escapes make them raw control characters), beside a good view.
    let hostile = "[views]\n\
        \"\\u001b]0;pwned\\u0007title\" = \"country:CN\"\n\
        \"\\u001b[31mred\" = \"country:US\"\n\
        \"\\u001b]52;c;ZXZpbA==\\u0007clip\" = \"tag:x\"\n\
        \"\\u001b[?1049lout\" = \"tag:y\"\n\
        \"\\u009b31mcsi\" = \"tag:z\"\n\
        fine = \"country:CN\"\n";
    std::fs::write(&config, hostile).unwrap();
    let mut s = Session::start(&["--config", config.to_str().unwrap()]);
    s.wait_for("config: 5 problems in");
    let before = s.raw.lock().unwrap().len();
    s.send("V");
    s.wait_for("Saved views");
    s.wait_for("fine");
    s.send("\x1b");
    s.send("!");
    s.wait_for("a name cannot hold control characters");
    s.send("\x1b");
    let written = s.raw.lock().unwrap()[before..].to_vec();
    let text = String::from_utf8_lossy(&written);
    for bad in ["\x1b]0;", "\x1b]52;", "\x1b[31m", "\x1b[?1049l", "\u{9b}"] {
        assert!(!text.contains(bad), "{bad:?} reached the terminal");
    }
    s.quit();
}

/// A timeline of `n` one-line events, one a day.
fn numbered_timeline(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let mut text = String::from("title: Numbered\nevents:\n");
    for i in 0..n {
        text.push_str(&format!("  - {{id: e{i}, title: Event {i}, date: 2001-01-01}}\n"));
    }
    let path = dir.join("numbered.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

/// CPU seconds (user + system) the process has used, from /proc.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The fields after the command name (which may hold spaces) start after its `)`.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    // SAFETY: sysconf has no preconditions.
    ticks / unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64
}

#[test]
fn every_key_arrives_through_200_resizes_and_the_reader_then_sleeps() {
    let dir = tempfile::tempdir().unwrap();
    let file = numbered_timeline(dir.path(), 300);
    let mut s = Session::start(&[file.to_str().unwrap()]);
    s.wait_for(" 1/300 ");
    // Sizes from a fixed seed, down to 1×1, a resize before every key.
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..200 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let rows = 1 + (seed % 50) as u16;
        let cols = 1 + ((seed >> 16) % 160) as u16;
        s._master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        s.writer.write_all(b"j").unwrap();
        s.writer.flush().unwrap();
    }
    s._master.resize(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).unwrap();
    s.screen.lock().unwrap().set_size(40, 120);
    s.wait_for(" 201/300 ");
    // Idle now: the reader sleeps in poll(2), so two seconds cost (next to) no CPU.
    let before = cpu_seconds(s.pid());
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_seconds(s.pid()) - before;
    assert!(used < 0.04, "{used} s of CPU in 2 idle seconds (at most 2% of a core)");
    s.quit();
}

/// `diff` on a terminal is coloured (added green, removed red, changed yellow), and with
/// NO_COLOR it is the same text without a single escape.
#[test]
fn diff_is_coloured_on_a_terminal_unless_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let builtin = include_str!("../timeline.yaml");
    std::fs::write(dir.path().join("old.yaml"), builtin).unwrap();
    std::fs::write(dir.path().join("new.yaml"), builtin.replace("status: planned", "status: cancelled"))
        .unwrap();
    let mut s = Session::start_in(&["diff", "old.yaml", "new.yaml"], Some(dir.path()));
    s.wait_for("planned → cancelled");
    assert_eq!(s.wait_exit(), 1, "something changed");
    let coloured = String::from_utf8(s.raw.lock().unwrap().clone()).unwrap();
    assert!(coloured.contains("\x1b[33m~\x1b[0m"), "{}", coloured.escape_debug());
    let mut s =
        Session::start_env(&["diff", "old.yaml", "new.yaml"], Some(dir.path()), &[("NO_COLOR", dir.path())]);
    s.wait_for("planned → cancelled");
    assert_eq!(s.wait_exit(), 1);
    let plain = String::from_utf8(s.raw.lock().unwrap().clone()).unwrap();
    assert!(!plain.contains('\x1b'), "{}", plain.escape_debug());
    assert!(plain.contains("    status      planned → cancelled"), "{}", plain.escape_debug());
}

/// Story mode (issue #29): `S`, every key that moves a slide, a slide number, a link followed
/// and back, a click, and `q` leaving at the slide's event.
#[test]
fn story_mode_moves_by_every_key_follows_a_link_and_leaves_at_the_event() {
    let mut s = Session::start(&[]);
    s.wait_for("21 events");
    s.send("S");
    s.wait_for("Tell a story");
    s.send("\r");
    s.wait_for("title · 6 slides");
    assert!(s.contents().contains("From consensus to the planned 2017 round"));
    for (key, wanted) in [
        (" ", "slide 1 of 6"),
        ("\x1b[C", "slide 2 of 6"),
        ("l", "slide 3 of 6"),
        ("\x1b[6~", "slide 4 of 6"),
        ("\x1b[D", "slide 3 of 6"),
        ("h", "slide 2 of 6"),
        ("\x1b[5~", "slide 1 of 6"),
        ("\x1b[F", "slide 6 of 6"),
        ("\x1b[H", "title · 6 slides"),
    ] {
        s.send(key);
        s.wait_for(wanted);
    }
    s.send("5");
    s.wait_for("go to slide 5");
    s.send("\r");
    s.wait_for("slide 5 of 6");
    s.wait_for("Third round of the dialogue in Washington");
    s.wait_for("5 months and 23 days later");
    // The first related event (the second round) is a slide of the story: Enter goes to it.
    s.send("n");
    s.send("\r");
    s.wait_for("slide 4 of 6");
    s.send("\x7f");
    s.wait_for("slide 5 of 6");
    // The second is not a slide of the story: it is shown off the story, and Backspace returns.
    s.send("n");
    s.send("n");
    s.send("\r");
    s.wait_for("off the story, from slide 5");
    s.send("\x7f");
    s.wait_for("slide 5 of 6");
    // A click on the right half is the next slide; on the left half, the previous.
    s.send("\x1b[<0;100;10M\x1b[<0;100;10m");
    s.wait_for("slide 6 of 6");
    s.send("\x1b[<0;10;10M\x1b[<0;10;10m");
    s.wait_for("slide 5 of 6");
    s.send("3\r");
    s.wait_for("slide 3 of 6");
    s.send("q");
    s.wait_for(" 10/21 ");
    s.wait_for("Date       Apr 2016");
    s.quit();
}

/// `story [QUERY]` and `--story ID` start in story mode; an unknown story is a usage error.
#[test]
fn story_on_the_command_line() {
    let mut s = Session::start(&["story", "country:PE"]);
    s.wait_for("slide 1 of 1");
    assert!(s.contents().contains("Xi and Obama"), "{}", s.contents());
    s.send("\x1b");
    s.wait_for(" 1/1 ");
    s.quit();
    let mut s = Session::start(&["--story", "consensus-to-2017"]);
    s.wait_for("title · 6 slides");
    s.send("\x1b[F");
    s.wait_for("Planned fourth round of the dialogue in China");
    s.send("q");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_restored();
    let mut s = Session::start(&["--story", "consensus"]);
    assert_eq!(s.wait_exit(), 2);
    s.assert_terminal_restored();
    assert!(s.contents().contains("no story `consensus`"), "{}", s.contents());
}

#[test]
fn changes_since_an_older_file_are_marked_filtered_and_completed() {
    let dir = tempfile::tempdir().unwrap();
    let builtin = include_str!("../timeline.yaml");
    let review = "  - id: review-2017\n    title: Officials review the hotline\n    date: \"2017-05-02\"\n    status: planned\n    countries: [CN, US]\n";
    let old = builtin.replacen("\nstories:\n", &format!("\n{review}\nstories:\n"), 1);
    std::fs::write(dir.path().join("old.yaml"), old).unwrap();
    let new = builtin.replace(
        "    date: \"2017\"\n    status: did-not-take-place\n",
        "    date: \"~2017-06\"\n    status: cancelled\n",
    );
    std::fs::write(dir.path().join("new.yaml"), new).unwrap();
    let mut s = Session::start_in(&["--changes", "old.yaml", "new.yaml"], Some(dir.path()));
    s.wait_for("Events · since old.yaml: +0 ~1 −1 removed");
    // The filter prompt completes change: values with their counts.
    s.send("f");
    s.send("change:");
    s.send("\t");
    s.wait_for("removed (1)");
    s.send("\x15change:removed\r");
    s.wait_for("0 of 21 events");
    s.wait_for("Officials review the h…  (removed)");
    s.send("x");
    s.send("f");
    s.send("change:status\r");
    s.wait_for("1 of 21 events");
    s.send("\r");
    s.wait_for("status: did not take place → cancelled");
    // The timeline view draws the removed event too: a ghost at its old date.
    s.send("\x1b");
    s.send("x");
    s.send("v");
    s.wait_for("┌ Timeline · 2014 – 2017 · since old.yaml");
    s.wait_for("hotline (removed) −");
    s.quit();
}

/// The reader at 80×24: Enter opens the selected event on the whole screen, a link in it is
/// followed, Esc comes back to the list.
#[test]
fn the_reader_opens_full_width_follows_links_and_esc_comes_back() {
    let mut s = Session::spawn(command(&[]), None, &[], (24, 80));
    s.wait_for("21 events"); // loaded: the footer's keys show while it loads too
    s.wait_for("Enter read");
    s.wait_for("/ search  f filter");
    s.send("\r");
    s.wait_for("Esc back");
    s.wait_until_gone("Events");
    s.wait_until_gone("Time ·");
    assert!(
        s.contents().contains("U.S. indicts five PLA officers and announces the charges; China"),
        "{}",
        s.contents()
    );
    s.send("G"); // to the end of the detail, where its related events are
    s.wait_for("→ Comes before Xi–Obama White House summit");
    s.send("n");
    s.send("\r");
    s.wait_for("Date       2015-09-25");
    s.wait_for("Esc back");
    s.send("\x1b");
    s.wait_for("Events");
    s.wait_for("Time ·");
    s.quit();
}

/// A first run says on one line which keys to start with; any key hides it; it comes back
/// next run until the help has been opened once, then never.
#[test]
fn the_first_run_hint_shows_until_the_help_is_opened() {
    let state = tempfile::tempdir().unwrap();
    let env = [("XDG_STATE_HOME", state.path())];
    let mut s = Session::start_env(&[], None, &env);
    s.wait_for("New here? ? help  / search  f filter  Enter read  any other key only hides this");
    s.send("j");
    s.wait_until_gone("New here?");
    s.wait_for("j move");
    s.quit();

    // The first key only hides the hint: `x` does not clear the filter until it is pressed again.
    let mut s = Session::start_env(&["--country", "PE"], None, &env);
    s.wait_for("1 of 21 events");
    s.wait_for("New here?");
    s.send("x");
    s.wait_until_gone("New here?");
    s.wait_for("j move");
    assert!(s.contents().contains("1 of 21 events"), "x only hid the hint:\n{}", s.contents());
    s.send("x");
    s.wait_for("filters cleared");
    s.wait_for("21 events  filters: none");
    s.quit();

    // A key the hint names does its job at once.
    let mut s = Session::start_env(&[], None, &env);
    s.wait_for("21 events"); // loaded: a `/` pressed while loading would wait for the events
    s.wait_for("New here?");
    s.send("/");
    s.wait_until_gone("New here?");
    s.wait_for("type to search titles"); // the search prompt opened
    s.send("\x1b");
    s.quit();

    let mut s = Session::start_env(&[], None, &env);
    s.wait_for("New here?");
    s.send("?");
    s.wait_for("Keys");
    s.send("?");
    s.wait_until_gone("New here?");
    s.quit();
    assert!(state.path().join("timeline-explorer/help-seen").exists());

    let s = Session::start_env(&[], None, &env);
    s.wait_for("21 events");
    s.wait_for("j move");
    assert!(!s.contents().contains("New here?"), "{}", s.contents());
    s.quit();
}

#[test]
fn keys_pressed_while_the_file_loads_act_once_the_events_are_shown() {
    // A FIFO holds the load back until the test writes the timeline into it.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("t.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let mut s = Session::start(&[fifo.to_str().unwrap()]);
    s.wait_for("Loading");
    s.send("j");
    s.wait_for("still loading: the key will act once the events are shown");
    s.send("j");
    s.wait_for("still loading: 2 keys will act once the events are shown");
    let yaml = std::fs::read("tests/fixtures/good/apollo.yaml").unwrap();
    std::fs::write(&fifo, yaml).unwrap();
    s.wait_for("6 events");
    s.wait_for(" 3/6 ");
    s.quit();
}

/// `T` in a real terminal: a zone that does not exist says why in the prompt and changes
/// nothing; a zone typed by name, and one completed with Tab, are shown; `T` Enter steps on.
#[test]
fn the_zone_prompt_takes_a_typed_zone_and_refuses_a_bad_one() {
    let state = tempfile::tempdir().unwrap();
    let env = [("XDG_STATE_HOME", state.path())];
    let mut s = Session::start_env(&["tests/fixtures/good/crisis-zones.yaml"], None, &env);
    s.wait_for("times: America/New_York");
    s.wait_for("Oct 28 09:00");
    // A first run: the first key not named by the hint only hides it.
    s.send("\x1b");
    s.send("T");
    s.wait_for("Zone (Enter shows it");
    s.wait_for("› Europe/London");
    s.send("+99:00\r");
    s.wait_for("`+99:00`: offset +99:00 is out of range");
    s.send("\x15"); // Ctrl-U
    s.send("Moscow\r");
    s.wait_for("`Europe/Moscow`?"); // the end of "did you mean …", wrapped in the box
    assert!(s.contents().contains("times: America/New_York"), "nothing changed:\n{}", s.contents());
    s.send("\x15asia/kolk\t");
    s.wait_for("zone: Asia/Kolkata▏");
    s.send("\r");
    s.wait_for("times: Asia/Kolkata");
    s.wait_until_gone("Zone (Enter shows it");
    s.send("T");
    s.wait_for("› America/New_York (the timeline's)");
    s.send("\r");
    s.wait_for("times: America/New_York");
    s.quit();
}

/// Issue #27: a reopen from the cache draws events in its very first frame, from the head of
/// the timeline the first open left beside the whole entry; the loading screen never shows.
#[test]
fn a_cached_reopen_shows_events_in_its_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.yaml");
    let text = timeline_explorer::synthetic::timeline_yaml_with(1000, 5, false);
    std::fs::write(&file, &text).unwrap();
    let first_titles: Vec<String> = timeline_explorer::model::load_str("big.yaml", &text).unwrap().events
        [..3]
        .iter()
        .map(|e| e.title[..12].to_string())
        .collect();
    let cache = dir.path().join("cache");
    // The debug build on a busy machine may take longer than the 50 ms the first frame waits.
    let wait = std::path::Path::new("20000");
    let env = [("XDG_CACHE_HOME", cache.as_path()), ("TIMELINE_EXPLORER_HEAD_WAIT_MS", wait)];
    let arg = file.to_str().unwrap();
    let s = Session::start_env(&[arg], None, &env);
    s.wait_for("1/1000");
    // The head is written once the events are shown.
    let heads = cache.join("timeline-explorer");
    let start = Instant::now();
    while !std::fs::read_dir(&heads)
        .is_ok_and(|d| d.flatten().any(|e| e.path().extension().is_some_and(|x| x == "head")))
    {
        assert!(start.elapsed() < DEADLINE, "no head was written");
        std::thread::sleep(Duration::from_millis(20));
    }
    s.quit();

    let s = Session::start_env(&[arg], None, &env);
    s.wait_for("1/1000");
    let raw = s.raw.lock().unwrap().clone();
    assert!(!String::from_utf8_lossy(&raw).contains("Loading"), "the loading screen was drawn");
    // Replayed from the start: where the first events' rows are first on screen, the header
    // still says the rest is loading — they came with the head, in the first frame.
    let mut screen = vt100::Parser::new(40, 120, 0);
    let shown = raw
        .chunks(64)
        .find_map(|chunk| {
            screen.process(chunk);
            let text = screen.screen().contents();
            first_titles.iter().all(|t| text.contains(t.as_str())).then_some(text)
        })
        .expect("the first events are drawn");
    assert!(shown.contains("first 200 of 1000 events — loading the rest"), "{shown}");
    s.quit();

    // `--no-cache`: no head, the loading screen first.
    let s = Session::start_env(&["--no-cache", arg], None, &env);
    s.wait_for("1/1000");
    assert!(!raw_text(&s).contains("loading the rest"));
    s.quit();
}

/// An export carries its data's control characters as they are, into a file or a pipe; on a
/// terminal, which would obey them, they are drawn as symbols and a note says how to get them.
#[test]
fn an_export_to_a_terminal_is_drawn_safe_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::write(
        &file,
        "title: T\nevents:\n  - {id: a, title: \"x\\e[2Jcleared \\u202eevil\", date: 2016}\n",
    )
    .unwrap();
    let mut s = Session::start(&["-f", file.to_str().unwrap(), "export", "--format", "csv"]);
    assert_eq!(s.wait_exit(), 0);
    s.wait_for("x␛[2Jcleared");
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(!raw.contains("\u{1b}[2J") && !raw.contains('\u{202e}'), "{raw:?}");
    assert!(raw.contains("note: stdout is a terminal"), "{raw:?}");
}
