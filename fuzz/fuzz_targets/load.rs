//! Any bytes → load and validate: never panics, and every error is located and inert.
#![no_main]
use libfuzzer_sys::fuzz_target;
use timeline_explorer::model::{loader, LoadError};

fuzz_target!(|data: &[u8]| {
    match loader::load_bytes("fuzz.yaml", data.to_vec()) {
        Ok(t) => assert!(t.events.windows(2).all(|w| w[0].date.chronological(&w[1].date).is_le())),
        Err(e) => {
            let shown = e.to_string();
            assert!(!shown.contains('\u{1b}'), "raw ESC in a diagnostic");
            if let LoadError::Invalid(d) = e {
                assert!(!d.items.is_empty());
                assert!(d.items.iter().all(|i| i.line >= 1 && i.column >= 1));
            }
        }
    }
});
