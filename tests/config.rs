//! The config file: good and bad fixtures read by the binary with exact messages, `--view`,
//! `config --default`, and the reader given anything at all.

use proptest::prelude::*;
use std::path::Path;
use std::process::{Command, Output};
use timeline_explorer::config;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/config");

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_timeline-explorer"))
        .args(args)
        .current_dir(DIR)
        .env("XDG_CONFIG_HOME", Path::new(DIR).join("none"))
        .env("XDG_CACHE_HOME", "/dev/null/no-cache")
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[test]
fn every_bad_config_is_reported_exactly_as_expected() {
    let mut seen = 0;
    for entry in std::fs::read_dir(Path::new(DIR).join("bad")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let name = format!("bad/{}", path.file_name().unwrap().to_string_lossy());
        let o = run(&["config", "--check", "--config", &name]);
        let expected = std::fs::read_to_string(path.with_extension("err")).unwrap();
        assert_eq!(text(&o.stderr), expected, "{name}");
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(!text(&o.stderr).contains('\x1b'), "{name}: no escape reaches the terminal");
        seen += 1;
    }
    assert!(seen >= 9, "the bad fixtures are all there: {seen}");
}

#[test]
fn good_configs_check_clean_and_say_what_they_set() {
    for name in ["good/full.toml", "good/empty.toml"] {
        let o = run(&["config", "--check", "--config", name]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert_eq!(text(&o.stdout), format!("{name}: ok\n"));
    }
    let source = std::fs::read_to_string(Path::new(DIR).join("good/full.toml")).unwrap();
    let (c, problems) = config::parse("full.toml", &source);
    assert!(problems.is_none());
    assert_eq!(c.theme, Some(timeline_explorer::tui::theme::ThemeKind::Light));
    assert_eq!(c.view, Some(timeline_explorer::tui::app::View::Timeline));
    assert_eq!(c.lanes, Some(timeline_explorer::model::lanes::Grouping::Agency));
    let names: Vec<&str> = c.views.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["nasa", "soviet-era"], "in the file's order");
    let (other, _) = config::parse("c.toml", "[views]\nzz = \"tag:a\"\naa = \"tag:b\"\n");
    assert_eq!(
        other.views,
        [("zz".to_string(), "tag:a".to_string()), ("aa".to_string(), "tag:b".to_string())]
    );
    let keymap = c.keymap.expect("keys rebound");
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use timeline_explorer::keys::action::Action;
    use timeline_explorer::keys::keymap::{action_in, Mode};
    let press = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(action_in(&keymap, Mode::List, &press('J')), Some(Action::MoveDown));
    assert_eq!(action_in(&keymap, Mode::List, &press('j')), None, "the default key is replaced");
    assert_eq!(action_in(&keymap, Mode::Detail, &press('j')), Some(Action::ScrollDown), "only in the list");
    assert_eq!(action_in(&keymap, Mode::Axis, &press('Q')), Some(Action::Quit), "global keys everywhere");
}

#[test]
fn no_config_file_is_no_problem() {
    let o = run(&["config", "--check"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout), "no config file; the defaults apply\n");
    let o = run(&["config", "--check", "--config", "missing.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&o.stderr), "error: missing.toml: no such file\n");
}

#[test]
fn the_default_config_is_printed_commented_and_reads_back() {
    let o = run(&["config", "--default"]);
    assert_eq!(o.status.code(), Some(0));
    let printed = text(&o.stdout);
    assert_eq!(printed, config::default_text());
    assert!(printed.contains("# move-down = [\"j\", \"↓\"]  # next event"), "every action with its keys");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, &printed).unwrap();
    let o = run(&["config", "--check", "--config", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

#[test]
fn the_config_path_follows_xdg_config_home() {
    let o = run(&["config", "--path"]);
    assert_eq!(text(&o.stdout), format!("{DIR}/none/timeline-explorer/config.toml\n"));
}

#[test]
fn a_saved_view_filters_like_its_query() {
    let apollo = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good/apollo.yaml");
    let by_view = run(&["list", "--config", "good/full.toml", "--view", "nasa", "-f", apollo]);
    assert_eq!(by_view.status.code(), Some(0), "{}", text(&by_view.stderr));
    let by_query = run(&["list", "agency:nasa", "-f", apollo]);
    assert_eq!(text(&by_view.stdout), text(&by_query.stdout));
    assert!(
        text(&by_view.stdout).lines().count() < text(&run(&["list", "-f", apollo]).stdout).lines().count()
    );
    let o = run(&["list", "--config", "good/full.toml", "--view", "nasaa", "-f", apollo]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        "error: no view `nasaa` in good/full.toml (views: nasa, soviet-era); did you mean `nasa`?\n"
    );
    let o = run(&["list", "--view", "nasa", "-f", apollo]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stderr), "error: no config file, so no view `nasa`\n");
}

/// Pieces a config file is made of, to build files that are nearly right.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[keys.list]\n".to_string()),
        Just("[keys.global]\n".to_string()),
        Just("[keys.lsit]\n".to_string()),
        Just("[views]\n".to_string()),
        Just("[layout]\n".to_string()),
        Just("theme = \"light\"\n".to_string()),
        Just("move-down = [\"J\", \"Down\"]\n".to_string()),
        Just("quit = \"j\"\n".to_string()),
        Just("first = \"G\"\n".to_string()),
        Just("view = \"timeline\"\n".to_string()),
        Just("a = \"country:\"\n".to_string()),
        Just("b = \"agency:nasa\"\n".to_string()),
        "[a-z-]{1,12} = \"[ -~]{0,10}\"\n",
        "[ -~é\u{1b}\u{202e}\n\"\\[\\]=]{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any text at all: no panic, and every problem points inside the file.
    #[test]
    fn any_text_reads_without_panic(source in "\\PC{0,200}") {
        let (_, problems) = config::parse("c.toml", &source);
        if let Some(p) = problems {
            let lines = source.lines().count().max(1);
            for d in &p.items {
                prop_assert!(d.line <= lines, "line {} of {}", d.line, lines);
            }
            let shown = p.to_string();
            prop_assert!(!shown.contains('\u{1b}'), "{shown}");
        }
    }

    /// A saved view's name or query, whatever characters it holds (escape sequences, C1
    /// controls, bidi overrides among them): it is either refused with a located error or kept,
    /// and a kept one holds nothing that could drive a terminal.
    #[test]
    fn saved_views_never_keep_control_characters(
        name in "[a-z\u{1b}\u{7}\u{9b}\u{202e};0-9 ]{1,12}",
        query in "[a-z:\u{1b}\u{9b}\u{202e} ]{1,12}",
    ) {
        let escaped = |t: &str| t.chars().map(|c| format!("\\u{:04X}", c as u32)).collect::<String>();
        let source = format!("[views]\n\"{}\" = \"{}\"\n", escaped(&name), escaped(&query));
        let (c, problems) = config::parse("c.toml", &source);
        for (n, q) in &c.views {
            prop_assert!(!n.chars().chain(q.chars()).any(timeline_explorer::text::is_unsafe), "{n:?} = {q:?}");
        }
        let unsafe_name = name.chars().any(timeline_explorer::text::is_unsafe);
        if unsafe_name {
            let p = problems.expect("refused with a problem");
            prop_assert_eq!((p.items[0].line, p.items[0].column), (2, 1));
            let shown = p.to_string();
            prop_assert!(!shown.contains('\u{1b}'), "{}", shown);
        }
    }

    /// Files built of nearly right pieces: whenever keys are rebound, every key means one
    /// thing in every place (a conflict keeps the default keymap).
    #[test]
    fn nearly_right_files_keep_the_keymap_whole(pieces in prop::collection::vec(piece(), 0..12)) {
        let source: String = pieces.concat();
        let (c, problems) = config::parse("c.toml", &source);
        if let Some(p) = problems {
            let shown = p.to_string();
            prop_assert!(!shown.contains('\u{1b}'), "{shown}");
        }
        if let Some(keymap) = c.keymap {
            use timeline_explorer::keys::keymap::Mode;
            for mode in Mode::ALL {
                let mut seen = std::collections::HashSet::new();
                let applies = |b: &&timeline_explorer::keys::keymap::Binding| {
                    b.mode == mode || (mode.inherits_global() && b.mode == Mode::Global)
                };
                for b in keymap.iter().filter(applies) {
                    for k in b.keys {
                        prop_assert!(seen.insert(*k), "{} twice in {mode:?}", k.label());
                    }
                }
            }
        }
    }
}
