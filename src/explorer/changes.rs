//! `--changes REV` as the filter shows it: how many shown events were added and changed, and
//! which removed events (ghosts, events of the older version) the filter shows. Worked out
//! once each time the shown events change, never per frame: the ghosts are the older version
//! filtered.

use super::Explorer;
use crate::model::diff::Kind;

/// What the filter shows of the changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangesShown {
    pub added: usize,
    pub changed: usize,
    /// The removed events the filter shows, as positions in `Since::ghosts` (by old date);
    /// `Err` when the filter names something the older version lacks.
    pub ghosts: Result<Vec<usize>, String>,
    /// Where the list draws each shown ghost, by its old date: (the position in `visible` of
    /// the event it goes before — `visible.len()` after the last —, the ghost), in order.
    pub ghost_rows: Vec<(usize, usize)>,
}

impl Explorer {
    /// Counts again what the filter shows of the changes (none without `--changes`).
    pub(super) fn count_changes(&mut self) {
        self.changes_shown = self.timeline.since.as_ref().map(|since| {
            let (mut added, mut changed) = (0, 0);
            for e in &since.diff.events {
                let Some(new) = &e.new else { continue };
                if self.position_of(new.index).is_some() {
                    match e.kind {
                        Kind::Added => added += 1,
                        _ => changed += 1,
                    }
                }
            }
            let ghosts = since.ghosts_shown(self.query(), self.zone()).map_err(|e| e.to_string());
            let removed: Vec<_> = since.ghosts().collect();
            let events = &self.timeline.events;
            let mut ghost_rows: Vec<(usize, usize)> = ghosts
                .iter()
                .flatten()
                .filter_map(|&g| Some((removed[g].old.as_ref()?, g)))
                .map(|(old, g)| {
                    let before =
                        self.visible().partition_point(|&e| events[e].date.chronological(&old.date).is_le());
                    (before, g)
                })
                .collect();
            ghost_rows.sort_unstable();
            ChangesShown { added, changed, ghosts, ghost_rows }
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::explorer::testing::explorer;
    use crate::model::query::Query;
    use crate::model::since::Since;

    #[test]
    fn the_counts_follow_the_filter() {
        let text = |titles: &[&str]| {
            let mut t = String::from("title: t\nevents:\n");
            for (i, title) in titles.iter().enumerate() {
                t.push_str(&format!("  - {{id: e{i}, title: {title}, date: \"2016-03-{:02}\"}}\n", i + 1));
            }
            t
        };
        let old = crate::model::load_str("t", &text(&["Alpha", "Beta", "Gamma"])).unwrap();
        let mut new = crate::model::load_str("t", &text(&["Alpha", "Beta changed"])).unwrap();
        new.since = Some(std::sync::Arc::new(Since::new("v1", old, &new)));
        let mut ex = explorer(new);
        let shown = ex.changes_shown.clone().expect("counted at start");
        assert_eq!((shown.added, shown.changed, shown.ghosts), (0, 1, Ok(vec![0])));
        ex.apply_query(Query::parse("alpha").unwrap()).unwrap();
        let shown = ex.changes_shown.clone().unwrap();
        assert_eq!((shown.added, shown.changed, shown.ghosts), (0, 0, Ok(vec![])), "Gamma is filtered out");
    }
}
