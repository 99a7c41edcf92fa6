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
