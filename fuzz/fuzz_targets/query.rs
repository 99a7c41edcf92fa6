//! Any string → query parse and filter: never panics; with and without the index, the same
//! events, in order. The same string also goes through Tab completion at every character
//! boundary and through `t`'s date reading, which must not panic either.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use timeline_explorer::model::filter::Filter;
use timeline_explorer::model::index::Index;
use timeline_explorer::model::query::Query;
use timeline_explorer::model::{self, Timeline};

fn builtin() -> &'static (Timeline, Index) {
    static ONCE: OnceLock<(Timeline, Index)> = OnceLock::new();
    ONCE.get_or_init(|| {
        let t = model::load_builtin().expect("built-in loads");
        let i = Index::new(&t);
        (t, i)
    })
}

fuzz_target!(|text: &str| {
    let (t, index) = builtin();
    let _ = timeline_explorer::model::DateSpec::parse_shown(text);
    for (at, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let completion = timeline_explorer::model::complete::complete(t, Some(index), text, at);
        if let Some((after, _)) = completion.apply(text) {
            assert!(after.ends_with(&text[at..]), "completion keeps what follows the cursor");
        }
    }
    let Ok(query) = Query::parse(text) else { return };
    let Ok(filter) = Filter::new(t, &query) else { return };
    let fast = filter.apply(t, Some(index));
    let slow = filter.apply(t, None);
    assert_eq!(fast, slow);
    assert!(fast.windows(2).all(|w| w[0] < w[1]));
    // The canonical form parses back to the same terms.
    let again = Query::parse(&query.to_string()).expect("display parses");
    assert_eq!(Filter::new(t, &again).map(|f| f.apply(t, Some(index))).ok(), Some(fast));
});
