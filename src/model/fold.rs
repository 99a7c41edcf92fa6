//! Folding text for matching: lower case and without accents, so `Королёв` finds `Королев`,
//! `cafe` finds `café` and `FBI` finds `fbi`. Every match of names and text in the model goes
//! through here, so queries, flags, pickers and search agree.
//!
//! Folding keeps one character for one character, so a match's position in folded text is its
//! position in the original — what highlighting needs.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// One character folded: its base letter (the canonical decomposition without combining marks),
/// lower-cased. A character whose lower case is several characters keeps the first.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        if base.is_none() && !is_combining_mark(d) {
            base = Some(d);
        }
    });
    let base = base.unwrap_or(c);
    let lower = base.to_lowercase().next().unwrap_or(base);
    // Letters with a stroke have no decomposition, but people type them without it.
    match lower {
        'ł' => 'l',
        'ø' => 'o',
        'đ' => 'd',
        'ħ' => 'h',
        'ı' => 'i',
        other => other,
    }
}

/// Text folded character by character; combining marks written apart are dropped.
pub fn fold(text: &str) -> String {
    text.chars().filter(|&c| !is_combining_mark(c)).map(fold_char).collect()
}

/// Whether two texts are the same once folded.
pub fn same(a: &str, b: &str) -> bool {
    let mut a = a.chars().filter(|&c| !is_combining_mark(c)).map(fold_char);
    let mut b = b.chars().filter(|&c| !is_combining_mark(c)).map(fold_char);
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (x, y) if x != y => return false,
            _ => {}
        }
    }
}

/// The words of a name, folded (split on anything that is not a letter or digit).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(fold)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accents_and_case_fold_away() {
        assert_eq!(fold("Королёв"), "королев");
        assert_eq!(fold("Café DÉTENTE"), "cafe detente");
        assert_eq!(fold("Guo Shengkun"), "guo shengkun");
        assert_eq!(fold("e\u{301}"), "e", "a combining accent written apart");
        assert_eq!(fold("Łukasz Øster"), "lukasz oster", "letters with a stroke");
        assert!(same("Ëlise", "elise"));
        assert!(!same("elise", "elisa"));
        assert_eq!(words("Gene Cernan").collect::<Vec<_>>(), ["gene", "cernan"]);
        assert_eq!(words("Apollo–Soyuz Test").collect::<Vec<_>>(), ["apollo", "soyuz", "test"]);
    }

    proptest! {
        #[test]
        fn folding_keeps_one_character_for_one(text in "\\\\PC{0,40}") {
            let without_marks: String = text.chars().filter(|&c| !is_combining_mark(c)).collect();
            prop_assert_eq!(fold(&text).chars().count(), without_marks.chars().count());
            prop_assert_eq!(fold(&fold(&text)), fold(&text), "folding twice changes nothing");
        }
    }
}
