//! The shape of the code, checked (docs/ARCHITECTURE.md, "Invariants"): no circle of imports
//! through more than two files, the core knows nothing of the terminal, and the plain front end
//! is a peer of the terminal one, not its client. The import graph is read by
//! `scripts/import-graph.py`, which also prints it for a person.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the import-graph script with `args`; its output and whether it succeeded.
fn import_graph(args: &[&str]) -> (String, bool) {
    let output = Command::new("python3")
        .arg(root().join("scripts/import-graph.py"))
        .args(args)
        .arg(root().join("src"))
        .output()
        .expect("python3 runs scripts/import-graph.py (install Python 3 to run this test)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.is_empty(), "the script failed: {stderr}");
    (String::from_utf8(output.stdout).expect("UTF-8"), output.status.success())
}

/// Every import between files, as (importing file, imported file), paths under src/.
fn edges() -> Vec<(String, String)> {
    let (out, _) = import_graph(&["--edges"]);
    out.lines()
        .filter_map(|line| line.split_once(" -> "))
        .map(|(from, to)| (from.to_string(), to.to_string()))
        .collect()
}

#[test]
fn no_circle_of_imports_goes_through_more_than_two_files() {
    let (out, ok) = import_graph(&["--check"]);
    assert!(ok, "a circle of imports through more than two files:\n{out}");
    assert!(out.contains("0 circles of more than 2 files"), "{out}");
}

#[test]
fn the_graph_sees_the_imports_it_must() {
    // If the script stopped reading imports, the test above would pass on an empty graph.
    let edges = edges();
    for (from, to) in [
        ("tui/app.rs", "explorer/mod.rs"),
        ("plain/mod.rs", "explorer/mod.rs"),
        ("tui/popups/search.rs", "tui/popups/mod.rs"),
        ("explorer/mod.rs", "model/mod.rs"),
    ] {
        assert!(edges.iter().any(|(a, b)| a == from && b == to), "{from} -> {to} not seen");
    }
    assert!(edges.len() > 200, "only {} imports seen", edges.len());
}

#[test]
fn a_circle_of_three_files_is_found() {
    let dir = std::env::temp_dir().join(format!("import-graph-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("lib.rs"), "mod a;\nmod b;\nmod c;\n").unwrap();
    std::fs::write(dir.join("a.rs"), "use crate::b::B;\npub struct A;\n").unwrap();
    std::fs::write(dir.join("b.rs"), "use super::c::{self, C};\npub struct B;\n").unwrap();
    std::fs::write(dir.join("c.rs"), "pub struct C(crate::a::A);\n").unwrap();
    let output = Command::new("python3")
        .arg(root().join("scripts/import-graph.py"))
        .arg("--check")
        .arg(&dir)
        .output()
        .expect("python3 runs");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{out}");
    assert!(out.contains("CIRCLE of 3 files: b.rs -> c.rs -> a.rs -> b.rs"), "{out}");
    // Two files that name each other are allowed.
    std::fs::write(dir.join("c.rs"), "pub struct C(crate::b::B);\n").unwrap();
    let output =
        Command::new("python3").arg(root().join("scripts/import-graph.py")).arg("--check").arg(&dir).output();
    assert!(output.expect("python3 runs").status.success());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The Rust files under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn the_core_names_no_terminal_crate() {
    let src = root().join("src");
    let mut found = Vec::new();
    for dir in ["model", "explorer"] {
        for file in rust_files(&src.join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                if ["ratatui", "crossterm", "terminput"].iter().any(|c| code.contains(c)) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "the core names a terminal crate:\n{}", found.join("\n"));
}

#[test]
fn the_core_and_the_plain_front_end_import_nothing_of_tui() {
    let wrong: Vec<String> = edges()
        .into_iter()
        .filter(|(from, to)| {
            let core = ["model/", "explorer/", "keys/", "plain/"].iter().any(|d| from.starts_with(d));
            core && to.starts_with("tui/")
        })
        .map(|(from, to)| format!("{from} -> {to}"))
        .collect();
    assert!(wrong.is_empty(), "imports of tui/ from outside it:\n{}", wrong.join("\n"));
}

/// Whether `code` names `word` as a whole word (not inside a longer name).
fn names_word(code: &str, word: &str) -> bool {
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        !before.is_some_and(is_name) && !after.is_some_and(is_name)
    })
}

/// The variants of `pub enum name` as declared in `file` (a path from the crate's root).
fn variants(file: &str, name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    let start =
        text.find(&format!("pub enum {name} {{")).unwrap_or_else(|| panic!("no enum {name} in {file}"));
    let body = &text[start..];
    let body = &body[body.find('{').unwrap() + 1..body.find("\n}").unwrap()];
    body.lines()
        .map(str::trim)
        .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|line| line.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap().to_string())
        .collect()
}

/// The Rust files under `src/` and `tests/` whose code (comments left out) lists every variant
/// of `name`: each as `Name::Variant`, or all their names in lower case on one line (a list
/// written as text, as help texts were). Paths from the crate's root.
fn files_listing(name: &str, variants: &[String]) -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::new();
    for dir in ["src", "tests"] {
        for file in rust_files(&root().join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap();
            let code: Vec<&str> = text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect();
            let all = code.join("\n");
            let by_path = variants.iter().all(|v| names_word(&all, &format!("{name}::{v}")));
            let by_text =
                code.iter().any(|line| variants.iter().all(|v| names_word(line, &v.to_lowercase())));
            if by_path || by_text {
                let relative = file.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
                found.insert(relative);
            }
        }
    }
    found
}

/// The files docs/ARCHITECTURE.md's "Where a change goes" names in the parenthesis after
/// `**heading**`, as paths from the crate's root (the page writes `src/` paths without `src/`).
fn files_the_page_names(heading: &str) -> std::collections::BTreeSet<String> {
    let page = std::fs::read_to_string(root().join("docs/ARCHITECTURE.md")).unwrap();
    let entry = format!("- **{heading}** (");
    let at = page.find(&entry).unwrap_or_else(|| panic!("ARCHITECTURE.md has no entry {entry}"));
    let rest = &page[at + entry.len()..];
    let parenthesis = &rest[..rest.find(')').expect("the parenthesis closes")];
    parenthesis
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|name| name.ends_with(".rs"))
        .map(|name| if name.starts_with("tests/") { name.to_string() } else { format!("src/{name}") })
        .collect()
}

/// What today's popup test (`a_new_popup_is_one_type_and_one_line`) shows by adding a popup,
/// this shows for all three kinds of addition the page counts: a new popup, lane kind or export
/// format must be added wherever the code lists every one of them, and those places are exactly
/// the files ARCHITECTURE.md names. A hand-written list added anywhere (a `match` naming every
/// lane kind, help text spelling them out) or one folded away fails this until the page agrees.
#[test]
fn adding_a_popup_lane_kind_or_export_format_touches_the_files_named_here() {
    for (heading, declared_in, name) in [
        ("A popup", "src/keys/action.rs", "PopupKind"),
        ("A lane kind", "src/model/lanes.rs", "Grouping"),
        ("An export format", "src/export/mod.rs", "Format"),
    ] {
        let variants = variants(declared_in, name);
        assert!(variants.len() >= 3, "{name}: {variants:?}");
        let listing = files_listing(name, &variants);
        assert!(listing.contains(declared_in), "{name} is declared in {declared_in}: {listing:?}");
        let named = files_the_page_names(heading);
        assert_eq!(
            named, listing,
            "ARCHITECTURE.md, \"{heading}\", names the files on the left; the code lists every {name} in \
             those on the right"
        );
    }
}

#[test]
fn a_list_of_every_variant_is_found_written_either_way() {
    let kinds: Vec<String> = ["None", "Country", "File"].map(String::from).to_vec();
    assert!(names_word("Grouping::None, Grouping::Country", "Grouping::None"));
    assert!(!names_word("Grouping::Nonesuch", "Grouping::None"));
    assert!(!names_word("MyGrouping::None", "Grouping::None"));
    let line = "lanes: none, country, file";
    assert!(kinds.iter().all(|v| names_word(line, &v.to_lowercase())));
    assert_eq!(variants("src/model/lanes.rs", "Grouping")[..2], ["None", "Country"]);
}
