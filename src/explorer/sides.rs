//! Folding the nested lanes (`Grouping::Nested`): Space on a country's heading, or on a lane
//! under it, folds the country into its heading — which then holds all its events, so a folded
//! country still shows everything it did, drawn together — and Space again unfolds it.

use super::Explorer;
use crate::model::lanes::Grouping;

impl Explorer {
    /// Folds or unfolds the country of the current lane; a message says what happened.
    pub fn toggle_fold(&mut self) -> Option<String> {
        if self.lanes.grouping != Grouping::Nested {
            return Some("only nested lanes fold (L to lanes by nested)".into());
        }
        self.clamp_lanes();
        let lanes = self.lane_list();
        if lanes.is_empty() {
            return None;
        }
        // The heading at or above the current lane: lanes under a country are indented.
        let mut at = self.lanes.current.min(lanes.len() - 1);
        while lanes[at].heading.is_none() && lanes[at].label.starts_with("  ") && at > 0 {
            at -= 1;
        }
        let Some(country) = lanes[at].heading else {
            return Some("this lane is under no country".into());
        };
        let name = self.timeline.countries[country].name.clone();
        let folded = match self.lanes.folded.iter().position(|&c| c == country) {
            Some(i) => {
                self.lanes.folded.remove(i);
                false
            }
            None => {
                self.lanes.folded.push(country);
                true
            }
        };
        self.refresh_lanes();
        self.lanes.current = at;
        self.clamp_lanes();
        Some(if folded {
            format!("{name} folded: its events in one lane")
        } else {
            format!("{name} unfolded")
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::explorer::testing::explorer;
    use crate::model::lanes::Grouping;

    fn labels(ex: &crate::explorer::Explorer) -> Vec<String> {
        ex.lane_list().iter().map(|l| l.label.clone()).collect()
    }

    #[test]
    fn space_folds_a_country_and_keeps_its_events() {
        let mut ex = explorer(crate::model::load_builtin().unwrap());
        ex.set_grouping(Grouping::Nested);
        let open = labels(&ex);
        assert_eq!(open[0], "▾ China");
        let china_under = open.iter().skip(1).take_while(|l| l.starts_with("  ")).count();
        assert!(china_under >= 2, "{open:?}");
        ex.lanes.current = 1; // a lane under China
        assert_eq!(ex.toggle_fold().as_deref(), Some("China folded: its events in one lane"));
        let folded = labels(&ex);
        assert_eq!(folded[0], "▸ China");
        assert_eq!(folded[1], "▾ United States");
        assert_eq!(ex.lanes.current, 0, "the cursor goes to the folded heading");
        let by_cn = crate::model::query::Query::parse("by:CN").unwrap();
        let filter = crate::model::filter::Filter::new(&ex.timeline, &by_cn, ex.zone()).unwrap();
        assert_eq!(ex.lane_list()[0].events, filter.apply(&ex.timeline, None), "folded: all China did");
        ex.toggle_fold();
        assert_eq!(labels(&ex), open);
        ex.set_grouping(Grouping::Country);
        assert!(ex.toggle_fold().unwrap().starts_with("only nested lanes fold"));
    }
}
