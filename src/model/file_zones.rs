//! Files read together in different zones (issue 25). Each file's times are read in its own
//! zone, and all are shown in one: the first file's unless `--tz` or `T` says otherwise. That
//! is said — in the explorer's header, `--plain` and `check` — never left to be guessed.

use super::{Timeline, Zone};

/// Each file's own zone (`Timeline::files` order): the zone its events' days are counted in;
/// `None` for a file without events (nothing of it is shown in any zone).
pub fn of_files(timeline: &Timeline) -> Vec<Option<Zone>> {
    let mut zones = vec![None; timeline.files.len()];
    let mut left = zones.len();
    for e in &timeline.events {
        if left == 0 {
            break;
        }
        if let Some(slot @ None) = zones.get_mut(e.file) {
            *slot = Some(e.date.home);
            left -= 1;
        }
    }
    zones
}

/// Where files of different zones are read together: "2 files use other zones: b (Asia/Tokyo),
/// c (UTC)", naming the files whose zone is not `shown`. `None` when the files agree (then
/// the zone shown says it all).
pub fn note(names: &[&str], zones: &[Option<Zone>], shown: &Zone) -> Option<String> {
    let mut known = zones.iter().flatten();
    let first = known.next()?;
    if known.all(|z| z == first) {
        return None;
    }
    let others: Vec<String> = names
        .iter()
        .zip(zones)
        .filter_map(|(name, zone)| zone.filter(|z| z != shown).map(|z| format!("{name} ({z})")))
        .collect();
    Some(match others.len() {
        0 => "its files use different zones".to_string(),
        1 => format!("1 file uses another zone: {}", others[0]),
        n => format!("{n} files use other zones: {}", others.join(", ")),
    })
}

/// `note` for a loaded timeline, files named by their stems.
pub fn note_for(timeline: &Timeline, zones: &[Option<Zone>], shown: &Zone) -> Option<String> {
    let names: Vec<&str> = timeline.files.iter().map(|f| f.stem.as_str()).collect();
    note(&names, zones, shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_in_different_zones_are_named_with_theirs() {
        let (ny, tokyo) = (Zone::parse("America/New_York").unwrap(), Zone::parse("Asia/Tokyo").unwrap());
        let zones = [Some(ny), Some(tokyo), Some(Zone::Utc), None];
        let names = ["a", "b", "c", "empty"];
        assert_eq!(
            note(&names, &zones, &ny).as_deref(),
            Some("2 files use other zones: b (Asia/Tokyo), c (UTC)")
        );
        assert_eq!(
            note(&names[..2], &zones[..2], &ny).as_deref(),
            Some("1 file uses another zone: b (Asia/Tokyo)")
        );
        let all = note(&names[..2], &zones[..2], &Zone::Fixed(60)).unwrap();
        assert!(all.starts_with("2 files use other zones: a (America/New_York)"), "{all}");
    }

    #[test]
    fn files_that_agree_need_no_note() {
        let ny = Zone::parse("America/New_York").unwrap();
        assert_eq!(note(&["a", "b", "c"], &[Some(ny), None, Some(ny)], &Zone::Utc), None);
        assert_eq!(note(&[], &[], &Zone::Utc), None);
    }

    #[test]
    fn a_merged_timeline_knows_each_files_zone() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, zone: &str| {
            let path = dir.path().join(name);
            let text = format!("title: {name}\ntimezone: {zone}\nevents:\n  - {{id: {}, title: T, date: \"2000-01-01T10:00\"}}\n", &name[..1]);
            std::fs::write(&path, text).unwrap();
            path
        };
        let files = [write("ny.yaml", "America/New_York"), write("tokyo.yaml", "Asia/Tokyo")];
        let t = crate::model::multi::load_all(&files, false).unwrap().timeline;
        let zones = of_files(&t);
        assert_eq!(
            zones,
            [Some(Zone::parse("America/New_York").unwrap()), Some(Zone::parse("Asia/Tokyo").unwrap())]
        );
        assert_eq!(
            note_for(&t, &zones, &t.zone).as_deref(),
            Some("1 file uses another zone: tokyo (Asia/Tokyo)")
        );
    }
}
