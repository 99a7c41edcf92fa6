//! Any text through every importer: no panic; an error always points into the file (a line
//! within it, a column of at least 1) and shows no raw control character; an import that
//! succeeds is a timeline that loads.
#![no_main]
use libfuzzer_sys::fuzz_target;
use timeline_explorer::import::{self, Format};
use timeline_explorer::model::loader;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let format = Format::ALL[usize::from(selector) % Format::ALL.len()];
    match import::import("fuzz.txt", text, format) {
        Ok(imported) => {
            loader::load_str("imported.yaml", &imported.yaml).expect("an import loads");
        }
        Err(d) => {
            let lines = text.split('\n').count();
            for item in &d.items {
                assert!(item.line <= lines, "line {} of {lines}: {}", item.line, item.message);
                assert!(item.line == 0 || item.column >= 1);
            }
            assert!(!d.to_string().chars().any(|c| c.is_control() && c != '\n'), "raw control in {d}");
        }
    }
});
