//! Hostile input: the fuzz targets' invariants as bounded proptest properties, the hostile
//! corpus with its expected outcomes, and hundreds of seeded mutations of the built-in
//! timeline run through the real binary.

use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use timeline_explorer::export::{self, Format, Options};
use timeline_explorer::model::loader::{self, BUILTIN_SOURCE};
use timeline_explorer::model::{self, LoadError};
use timeline_explorer::text::is_unsafe;
use timeline_explorer::tui::app::App;
use timeline_explorer::tui::theme::Theme;
use timeline_explorer::tui::{self, ui, Message};

/// A deterministic mutation of `source`: replace, insert or delete a few bytes.
fn mutate(source: &str, seed: u64) -> Vec<u8> {
    let mut bytes = source.as_bytes().to_vec();
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    const INTERESTING: &[u8] = b"-:[]{}'\"#&*!|>%@`\t\n\r\x00\x1b\xff ~?.,0123456789abcxyz";
    for _ in 0..(1 + next() % 4) {
        if bytes.is_empty() {
            break;
        }
        let at = (next() % bytes.len() as u64) as usize;
        let byte = INTERESTING[(next() % INTERESTING.len() as u64) as usize];
        match next() % 3 {
            0 => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ => {
                bytes.remove(at);
            }
        }
    }
    bytes
}

fn check_load(bytes: Vec<u8>) {
    match loader::load_bytes("mutant.yaml", bytes) {
        Ok(t) => {
            assert!(t.events.windows(2).all(|w| w[0].date.chronological(&w[1].date).is_le()));
        }
        Err(e) => {
            assert!(!e.to_string().chars().any(|c| is_unsafe(c) && c != '\n'), "unsafe text in {e}");
            if let LoadError::Invalid(d) = e {
                assert!(!d.items.is_empty() && d.items.iter().all(|i| i.line >= 1 && i.column >= 1));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_bytes_load_or_explain(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check_load(bytes);
    }

    #[test]
    fn mutations_of_the_builtin_load_or_explain(seed in any::<u64>()) {
        check_load(mutate(BUILTIN_SOURCE, seed));
    }

    #[test]
    fn any_query_parses_or_explains(text in "\\PC{0,60}") {
        let t = model::load_builtin().unwrap();
        if let Ok(q) = model::query::Query::parse(&text) {
            if let Ok(f) = model::filter::Filter::new(&t, &q, &t.zone) {
                let index = model::index::Index::new(&t);
                prop_assert_eq!(f.apply(&t, Some(&index)), f.apply(&t, None));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    /// Keys and resizes on a generated timeline: no panic, no control character in any cell.
    #[test]
    fn keys_and_resizes_never_draw_control_characters(
        size in 0usize..30,
        steps in proptest::collection::vec((any::<u8>(), any::<u8>()), 1..40),
    ) {
        let text = timeline_explorer::synthetic::timeline_yaml(size, size as u64);
        let mut app = App::with_timeline("p", model::load_str("p", &text).unwrap());
        let keys = [
            KeyCode::Char('j'), KeyCode::Char('G'), KeyCode::Char('/'), KeyCode::Char('e'), KeyCode::Char('v'),
            KeyCode::Char('f'), KeyCode::Char('c'), KeyCode::Char(' '), KeyCode::Char('t'), KeyCode::Char('+'),
            KeyCode::Char('?'), KeyCode::Char('n'), KeyCode::Char('x'), KeyCode::Enter, KeyCode::Esc, KeyCode::Tab,
            KeyCode::Backspace, KeyCode::PageDown, KeyCode::Char('['), KeyCode::Char('#'),
        ];
        let (mut w, mut h) = (80u16, 24u16);
        for (a, b) in steps {
            if a % 5 == 0 {
                w = u16::from(b % 140);
                h = u16::from(b / 3 % 50);
            } else {
                let areas = ui::layout(Rect::new(0, 0, w, h), app.view);
                let key = KeyEvent::new(keys[usize::from(b) % keys.len()], KeyModifiers::NONE);
                tui::handle(&mut app, areas, Message::Input(Event::Key(key)));
                app.run_search_here();
                app.effects.clear();
                app.should_quit = false;
            }
            app.set_viewport(ui::layout(Rect::new(0, 0, w, h), app.view).viewport());
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|f| ui::draw(f, &app, &Theme::default(), Instant::now())).unwrap();
            for cell in terminal.backend().buffer().content() {
                prop_assert!(!cell.symbol().chars().any(is_unsafe));
            }
        }
    }

    /// Every export of any loadable mutation reads back.
    #[test]
    fn exports_of_loadable_mutations_read_back(seed in any::<u64>()) {
        let Ok(t) = loader::load_bytes("m.yaml", mutate(BUILTIN_SOURCE, seed)) else { return Ok(()) };
        let events: Vec<usize> = (0..t.events.len()).collect();
        let options = Options::default();
        let json = export::export(&t, &events, Format::Json, &options);
        let again = model::load_str("again.json", &json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(export::export(&again, &events, Format::Json, &options), json);
        let csv_text = export::export(&t, &events, Format::Csv, &options);
        prop_assert_eq!(csv::Reader::from_reader(csv_text.as_bytes()).records().filter(|r| r.is_ok()).count(), events.len());
        for line in export::export(&t, &events, Format::Ics, &options).split_terminator("\r\n") {
            prop_assert!(line.len() <= 75);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Ids, names and text full of escapes, controls and bidi characters (written as YAML
    /// escapes, so the file is valid): no JSON (TimelineJS too) or Markdown export carries one
    /// raw, as those formats have escapes of their own. CSV, iCalendar and markwhen carry them
    /// as they are, as data (`tests/import.rs::any_text_comes_back_exactly`); only a terminal
    /// gets them drawn safe (`tests/pty.rs::an_export_to_a_terminal_is_drawn_safe_and_says_so`).
    #[test]
    fn escaping_exports_never_carry_raw_control_characters(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "a", "Z", "1", "\\e", "\\e[2J", "\\a", "\\x9b", "\\u202e", "\\u2066", "\\x7f", "\\0", "郭", "😀", "-",
        ]), 1..8),
    ) {
        let word: String = pieces.concat();
        let text = format!(
            "title: \"T{word}\"\ncountries: [{{id: \"C{word}\", name: \"N{word}\"}}]\nagencies: [{{id: \"a{word}\", name: \"A{word}\", short: \"S{word}\"}}]\nevents:\n  - {{id: e, title: \"E{word}\", date: 2016, countries: [\"C{word}\"], agencies: [\"a{word}\"], tags: [\"t{word}\"], location: {{place: \"P{word}\"}}, summary: \"S{word}\", sources: [{{title: \"s{word}\", url: \"https://x/{word}\"}}]}}\n"
        );
        let Ok(t) = model::load_str("p.yaml", &text) else { return Ok(()) };
        for format in [Format::Json, Format::Timelinejs, Format::Markdown] {
            let out = export::export(&t, &[0], format, &Options::default());
            let bad = out.chars().find(|&c| is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t'));
            prop_assert_eq!(bad, None, "{:?} export of {:?}", format, word);
        }
    }
}

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"));
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("XDG_CACHE_HOME", "/dev/null/no-cache");
    cmd
}

/// Runs the binary with a deadline; returns (exit code, stdout, stderr).
fn run_bounded(args: &[&str], limit: Duration) -> (i32, Vec<u8>, Vec<u8>) {
    let mut child = bin().args(args).spawn().unwrap();
    let start = Instant::now();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).ok();
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).ok();
        v
    });
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let code = status.code().unwrap_or(-1);
            return (code, out_reader.join().unwrap(), err_reader.join().unwrap());
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{args:?} hung for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn hundreds_of_mutations_through_check_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut outcomes = [0usize; 3];
    for seed in 0..300u64 {
        let path = dir.path().join(format!("m{seed}.yaml"));
        std::fs::write(&path, mutate(BUILTIN_SOURCE, seed)).unwrap();
        let p = path.to_str().unwrap();
        for args in [vec!["check", p], vec!["list", "-f", p]] {
            let (code, out, err) = run_bounded(&args, Duration::from_secs(10));
            assert!(matches!(code, 0..=2), "{args:?} exited {code}: {}", String::from_utf8_lossy(&err));
            assert!(!out.contains(&0x1b) && !err.contains(&0x1b), "raw ESC from {args:?}");
            outcomes[code as usize] += 1;
        }
    }
    assert!(outcomes[0] > 0 && outcomes[1] > 0, "mutations both load and fail: {outcomes:?}");
}

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile").join(name)
}

/// Each file in the hostile corpus with what must happen: `ok` (loads) or the `line:col` and
/// words of its first error.
#[test]
fn the_hostile_corpus_behaves_as_expected() {
    let manifest = std::fs::read_to_string(hostile("EXPECTED")).unwrap();
    let mut checked = 0;
    for line in manifest.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (name, expected) = line.split_once(" => ").expect("NAME => EXPECTED");
        let path = hostile(name.trim());
        let (code, out, err) = run_bounded(&["check", path.to_str().unwrap()], Duration::from_secs(20));
        let (out, err) = (String::from_utf8_lossy(&out), String::from_utf8_lossy(&err));
        assert!(!out.contains('\u{1b}') && !err.contains('\u{1b}'), "{name}: raw ESC");
        match expected.trim() {
            "ok" => assert_eq!(code, 0, "{name} should load: {err}"),
            located => {
                let (position, words) = located.split_once(' ').unwrap_or((located, ""));
                assert_eq!(code, 1, "{name} should fail");
                let first = err.lines().next().unwrap_or("");
                assert!(first.contains(&format!(":{position}: error: ")), "{name}: {first}");
                assert!(first.contains(words), "{name}: expected {words:?} in {first}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 15, "the manifest lists the corpus");
}

#[test]
fn generated_hostile_files() {
    let dir = tempfile::tempdir().unwrap();
    // A 20 MB string loads.
    let big = dir.path().join("big-string.yaml");
    let text = format!(
        "title: Big\nevents:\n  - id: a\n    title: A\n    date: 2016\n    summary: \"{}\"\n",
        "word ".repeat(4_000_000)
    );
    std::fs::write(&big, text).unwrap();
    let (code, _, err) = run_bounded(&["check", big.to_str().unwrap()], Duration::from_secs(60));
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    // A 1 GiB file is refused at once, without being read (sparse, so it costs no disk).
    let huge = dir.path().join("huge.yaml");
    std::fs::File::create(&huge).unwrap().set_len(1 << 30).unwrap();
    let start = Instant::now();
    let (code, _, err) = run_bounded(&["check", huge.to_str().unwrap()], Duration::from_secs(10));
    assert_eq!(code, 1);
    assert!(String::from_utf8_lossy(&err).contains("the limit is 256 MiB"));
    assert!(start.elapsed() < Duration::from_secs(5));
    // A ring of 500 events, each related to the next: loads (relations may cycle).
    let mut ring = String::from("title: Ring\nevents:\n");
    for i in 0..500 {
        ring.push_str(&format!("  - {{id: e{i}, title: E{i}, date: 2016, related: [e{}]}}\n", (i + 1) % 500));
    }
    let ring_path = dir.path().join("ring.yaml");
    std::fs::write(&ring_path, ring).unwrap();
    assert_eq!(run_bounded(&["check", ring_path.to_str().unwrap()], Duration::from_secs(20)).0, 0);
    // 10,000 related links on one event: loads.
    let mut many =
        String::from("title: Many\nevents:\n  - id: hub\n    title: Hub\n    date: 2016\n    related:\n");
    for i in 0..10_000 {
        many.push_str(&format!("      - e{i}\n"));
    }
    for i in 0..10_000 {
        many.push_str(&format!("  - {{id: e{i}, title: E, date: 2017}}\n"));
    }
    let many_path = dir.path().join("many.yaml");
    std::fs::write(&many_path, many).unwrap();
    assert_eq!(run_bounded(&["check", many_path.to_str().unwrap()], Duration::from_secs(30)).0, 0);
    // A directory and a missing file. The directory holds the 20 MB string above, which a debug
    // build on a loaded machine takes seconds to read: the bound catches a hang, not slowness.
    assert_eq!(run_bounded(&["check", dir.path().to_str().unwrap()], Duration::from_secs(60)).0, 1);
    assert_eq!(run_bounded(&["check", "/no/such/file.yaml"], Duration::from_secs(5)).0, 1);
}
