//! Which keys the status line keeps when not all fit (issue #23): search and filter always,
//! then the keys a newcomer needs (help, reading and back), following a link, then the rest in the order
//! the keymap gives; the kept ones are shown in that order.

/// How much a hint matters: lower is kept first.
fn rank(hint: &str) -> u8 {
    match hint {
        "search" | "filter" => 0,
        // The reader's ways in and back, and the way to learn the rest.
        "help" | "read" | "back" => 1,
        "follow" => 2,
        _ => 3,
    }
}

/// The columns a hint takes in the footer: its keys, a space, its word, two spaces after.
pub fn width(keys: &str, hint: &str) -> usize {
    crate::text::width(keys) + 1 + crate::text::width(hint) + 2
}

/// The hints that fit in `width` columns, the most useful first, in their own order.
pub fn keep(hints: Vec<(String, &'static str)>, width: usize) -> Vec<(String, &'static str)> {
    let mut order: Vec<usize> = (0..hints.len()).collect();
    order.sort_by_key(|&i| (rank(hints[i].1), i));
    let mut kept = vec![false; hints.len()];
    // The last hint needs no spaces after it.
    let mut used = 0;
    for i in order {
        let (keys, hint) = &hints[i];
        let w = self::width(keys, hint);
        if used + w.saturating_sub(2) > width {
            continue;
        }
        used += w;
        kept[i] = true;
    }
    hints.into_iter().zip(kept).filter_map(|(h, k)| k.then_some(h)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::keymap::{self, Mode};

    #[test]
    fn search_and_filter_stay_at_every_width_that_holds_them() {
        for mode in [Mode::List, Mode::Detail, Mode::Axis] {
            for width in 20..200 {
                let kept = keep(keymap::hints(mode), width);
                let used: usize = kept.iter().map(|(k, h)| self::width(k, h)).sum();
                assert!(used.saturating_sub(2) <= width, "{mode:?} at {width}: {kept:?}");
                if width >= 20 {
                    let hints: Vec<&str> = kept.iter().map(|(_, h)| *h).collect();
                    assert!(
                        hints.contains(&"search") && hints.contains(&"filter"),
                        "{mode:?} at {width}: {hints:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn what_is_kept_keeps_its_order() {
        let all = keymap::hints(Mode::List);
        let kept = keep(all.clone(), 60);
        let positions: Vec<usize> = kept.iter().map(|k| all.iter().position(|a| a == k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert!(kept.len() < all.len(), "60 columns do not hold them all");
    }
}
