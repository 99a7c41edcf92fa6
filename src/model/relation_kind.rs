//! Relation kinds in words a reader understands: `related: [{id: b, kind: part-of}]` on event
//! `a` reads "a is part of b", so the detail says "Part of B" under "Related".
//!
//! `kind` is free text (docs/FORMAT.md): a kind not in the table is said as written.

/// The kinds in use (docs/FORMAT.md, "Relation kinds") and how the detail says them before the
/// other event's title. Each is read from the event that lists the link.
const WORDS: &[(&str, &str)] = &[
    ("follows", "Follows"),
    ("precedes", "Comes before"),
    ("background", "Against the background of"),
    ("context", "In the context of"),
    ("context-for", "Context for"),
    ("part-of", "Part of"),
    ("includes", "Includes"),
    ("discussed", "Discussed"),
    ("proposed", "Proposed"),
    ("proposed-at", "Proposed at"),
    ("planned", "Planned"),
    ("planned-at", "Planned at"),
    ("prepares", "Prepares"),
    ("carries-on-the-mechanism-of", "Carries on the mechanism of"),
    ("seen-as-replacing", "Later seen as replacing"),
    ("seen-as-replaced-by", "Later seen as replaced by"),
];

/// The words for a known kind ("Part of" for `part-of`); `None` for a kind of the writer's own.
pub fn words(kind: &str) -> Option<&'static str> {
    WORDS.iter().find(|(k, _)| *k == kind).map(|(_, w)| *w)
}

/// Whether a kind says how the timeline's editor reads the link ("seen as replaced by") rather
/// than what a source states: the detail then adds "(editor's reading)" so the reading is not
/// taken for a fact.
pub fn is_reading(kind: &str) -> bool {
    kind.starts_with("seen-as-")
}

/// Every kind the table says in words.
pub fn known() -> impl Iterator<Item = &'static str> {
    WORDS.iter().map(|(k, _)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_kinds_have_words_and_others_none() {
        assert_eq!(words("seen-as-replaced-by"), Some("Later seen as replaced by"));
        assert_eq!(words("proposed-at"), Some("Proposed at"));
        assert_eq!(words("part-of"), Some("Part of"));
        assert_eq!(words("my-own-kind"), None);
    }

    #[test]
    fn seen_as_kinds_are_readings_and_others_not() {
        assert!(is_reading("seen-as-replaced-by") && is_reading("seen-as-replacing"));
        assert!(!is_reading("part-of") && !is_reading("follows") && !is_reading("my-own-kind"));
    }

    #[test]
    fn the_built_in_timeline_uses_only_kinds_with_words() {
        let timeline = crate::model::load_builtin().expect("the built-in timeline loads");
        for event in &timeline.events {
            for link in &event.related {
                if let Some(kind) = &link.kind {
                    assert!(words(kind).is_some(), "`{kind}` of {} has no words", event.id);
                }
            }
        }
        assert_eq!(known().count(), WORDS.len());
    }
}
