//! One rule for intervals (`model::interval`): `m` (mark → selected), the detail's When line
//! and `--plain` say the same words, with days counted in the zone shown.

use std::sync::Arc;
use timeline_explorer::explorer::{Explorer, Viewport};
use timeline_explorer::model::{self, query::Query, Zone};
use timeline_explorer::plain::Session;
use timeline_explorer::report::{self, DetailLine, Wording};

/// Alpha at 23:30 UTC on Dec 7, Beta at 01:00 UTC on Dec 10: three calendar days apart in UTC,
/// two at +08:00 (Dec 8 07:30 to Dec 10 09:00); a broadcast from 20:24 to 20:59 and an event
/// at 21:08 after it.
const TEXT: &str = "title: t\ntimezone: UTC\nevents:\n\
    - {id: alpha, title: Alpha, date: \"2016-12-07T23:30\"}\n\
    - {id: beta, title: Beta, date: \"2016-12-10T01:00\"}\n\
    - {id: tv, title: Crew TV broadcast, date: \"2016-12-10T20:24..20:59\"}\n\
    - {id: after, title: Later, date: \"2016-12-10T21:08\"}\n";

fn when(t: &model::Timeline, ix: usize, zone: &Zone) -> String {
    let lines = report::detail_in(t, ix, Wording::Compact, zone);
    lines
        .into_iter()
        .find_map(|l| match l {
            DetailLine::Field("When", value) => Some(value),
            _ => None,
        })
        .expect("a When line")
}

fn measured(t: &model::Timeline, zone: Zone, from: usize, to: usize) -> String {
    let mut explorer = Explorer::new(Arc::new(t.clone()), None, Viewport::default());
    explorer.set_zone(zone);
    explorer.select(from);
    explorer.toggle_mark();
    explorer.select(to);
    explorer.measured().expect("a mark and a selection")
}

#[test]
fn m_when_and_plain_count_days_in_the_zone_shown() {
    let t = model::load_str("t", TEXT).unwrap();
    for (zone, days) in [(Zone::Utc, "3 days"), (Zone::parse("+08:00").unwrap(), "2 days")] {
        assert_eq!(measured(&t, zone, 0, 1), days, "m in {zone}");
        assert!(when(&t, 1, &zone).starts_with(&format!("{days} after Alpha")), "{}", when(&t, 1, &zone));
        let mut session = Session::new(t.clone(), Query::default(), Some(zone)).unwrap();
        session.command("next");
        let spoken = session.command("show");
        assert!(spoken.contains(&format!("When: {days} after Alpha")), "--plain in {zone}: {spoken}");
    }
    assert_eq!(measured(&t, Zone::Utc, 1, 0), "3 days before the mark");
}

#[test]
fn after_a_range_counts_from_its_end_and_before_it_from_its_start() {
    let t = model::load_str("t", TEXT).unwrap();
    assert_eq!(when(&t, 3, &Zone::Utc), "9 minutes after Crew TV broadcast");
    assert!(when(&t, 1, &Zone::Utc).ends_with("19 hours and 24 minutes before Crew TV broadcast"));
    assert_eq!(measured(&t, Zone::Utc, 2, 3), "9 minutes");
}
