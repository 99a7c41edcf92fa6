//! Any string → query parse and filter: never panics; with and without the index, the same
//! events, in order.
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
    let Ok(query) = Query::parse(text) else { return };
    let (t, index) = builtin();
    let Ok(filter) = Filter::new(t, &query) else { return };
    let fast = filter.apply(t, Some(index));
    let slow = filter.apply(t, None);
    assert_eq!(fast, slow);
    assert!(fast.windows(2).all(|w| w[0] < w[1]));
    // The canonical form parses back to the same terms.
    let again = Query::parse(&query.to_string()).expect("display parses");
    assert_eq!(Filter::new(t, &again).map(|f| f.apply(t, Some(index))).ok(), Some(fast));
});
