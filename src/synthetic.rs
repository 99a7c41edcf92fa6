//! Synthetic timelines for benchmarks, tests and trying the explorer at scale. Deterministic for
//! a given size and seed.

use std::fmt::Write;

/// A small, fast, deterministic generator (SplitMix64); quality is irrelevant here.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const WORDS: &[&str] = &[
    "delegation",
    "ministers",
    "agreed",
    "hotline",
    "cooperation",
    "cybercrime",
    "network",
    "protection",
    "exercise",
    "officials",
    "reviewed",
    "progress",
    "cases",
    "assistance",
    "requests",
    "malware",
    "samples",
    "terrorism",
    "fraud",
    "talks",
    "summit",
    "statement",
    "joint",
    "working",
    "group",
    "senior",
    "experts",
    "norms",
    "meeting",
    "round",
    "dialogue",
    "capital",
    "visit",
    "report",
];

const COUNTRIES: &[(&str, &str)] =
    &[("CN", "China"), ("US", "United States"), ("PE", "Peru"), ("GB", "United Kingdom"), ("FR", "France")];

fn sentence(rng: &mut Rng, min_chars: usize) -> String {
    let mut out = String::new();
    while out.len() < min_chars {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    out.push('.');
    out
}

/// A timeline of `events` events as YAML text.
pub fn timeline_yaml(events: usize, seed: u64) -> String {
    timeline_yaml_with(events, seed, false)
}

/// A synthetic timeline; with `times`, every event has a time of day (minutes, some seconds,
/// some offsets and some zones of their own, same-day and multi-day ranges) in a timeline whose
/// `timezone:` is America/New_York.
pub fn timeline_yaml_with(events: usize, seed: u64, times: bool) -> String {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(events * 700 + 4096);
    let _ = writeln!(out, "title: Synthetic timeline of {events} events");
    if times {
        out.push_str("timezone: America/New_York\n");
    }
    out.push_str("description: Generated for benchmarks; every reference resolves.\n");
    out.push_str("countries:\n");
    for (id, name) in COUNTRIES {
        let _ = writeln!(out, "  - {{id: {id}, name: {name}}}");
    }
    out.push_str("agencies:\n");
    let agencies = 40;
    for a in 0..agencies {
        let country = COUNTRIES[a % COUNTRIES.len()].0;
        let parent = if a >= COUNTRIES.len() {
            format!(", parent: agency-{}", a % COUNTRIES.len())
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  - {{id: agency-{a}, name: Agency number {a}, short: AG{a}, country: {country}{parent}}}"
        );
    }
    out.push_str("people:\n");
    let people = 200;
    for p in 0..people {
        let country = COUNTRIES[p % COUNTRIES.len()].0;
        let _ = writeln!(
            out,
            "  - {{id: person-{p}, name: Person {p}, country: {country}, roles: [{{title: Minister, agency: agency-{}, from: \"{}\", to: \"{}\"}}]}}",
            p % agencies,
            1990 + p % 20,
            2000 + p % 30
        );
    }
    out.push_str(if events == 0 { "events: []\n" } else { "events:\n" });
    for i in 0..events {
        let year = 1950 + rng.below(75) as i32;
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let date = match rng.below(20) {
            0 => format!("\"{year}\""),
            1 => format!("\"{year}-{month:02}\""),
            2 => format!("\"~{year}-{month:02}\""),
            3 => format!("\"{year}?\""),
            4 => format!(
                "\"{year}-{month:02}-{day:02}..{year}-{month:02}-{:02}\"",
                (day + 1 + rng.below(3)).min(28)
            ),
            5 => format!("\"{year}-{month:02}..{}-{:02}\"", year + 1, 1 + rng.below(12)),
            _ => format!("\"{year}-{month:02}-{day:02}\""),
        };
        let (date, zone) = if times { timed_date(&mut rng, year, month, day) } else { (date, None) };
        let _ = writeln!(out, "  - id: event-{i}");
        if let Some(zone) = zone {
            let _ = writeln!(out, "    timezone: \"{zone}\"");
        }
        let title_words = 3 + rng.below(6) as usize;
        let title: Vec<&str> =
            (0..title_words).map(|_| WORDS[rng.below(WORDS.len() as u64) as usize]).collect();
        let _ = writeln!(out, "    title: Event {i} {}", title.join(" "));
        let _ = writeln!(out, "    date: {date}");
        match rng.below(50) {
            0 => out.push_str("    status: planned\n"),
            1 => out.push_str("    status: cancelled\n"),
            _ => {}
        }
        let c1 = COUNTRIES[rng.below(COUNTRIES.len() as u64) as usize].0;
        let c2 = COUNTRIES[rng.below(COUNTRIES.len() as u64) as usize].0;
        let _ = writeln!(out, "    location: {{place: City {}, country: {c1}}}", rng.below(100));
        let _ = writeln!(out, "    countries: [{c1}, {c2}]");
        let _ = writeln!(
            out,
            "    agencies: [agency-{}, agency-{}]",
            rng.below(agencies as u64),
            rng.below(agencies as u64)
        );
        let _ = writeln!(
            out,
            "    people: [person-{}, {{id: person-{}, role: co-chair}}]",
            rng.below(people as u64),
            rng.below(people as u64)
        );
        let _ = writeln!(out, "    tags: [tag-{}, tag-{}]", rng.below(30), rng.below(30));
        let _ = writeln!(out, "    summary: |\n      {}", sentence(&mut rng, 300));
        if rng.below(4) == 0 {
            let _ = writeln!(out, "    outcomes: [\"{}\"]", sentence(&mut rng, 60));
        }
        if rng.below(8) == 0 {
            let _ = writeln!(
                out,
                "    quotes: [{{by: person-{}, text: \"{}\"}}]",
                rng.below(people as u64),
                sentence(&mut rng, 50)
            );
        }
        let _ = writeln!(
            out,
            "    sources: [{{title: Report {i}, publisher: Publisher {}, url: \"https://example.com/{i}\"}}]",
            rng.below(20)
        );
        if i > 0 && rng.below(3) == 0 {
            let _ = writeln!(out, "    related: [{{id: event-{}, kind: follows}}]", rng.below(i as u64));
        }
    }
    out
}

/// A date with a time of day, and the event's own zone if it has one. Hours skip 02, which
/// does not exist in New York on the nights clocks go forward.
fn timed_date(rng: &mut Rng, year: i32, month: u64, day: u64) -> (String, Option<&'static str>) {
    let hour = |rng: &mut Rng| match rng.below(23) {
        h if h >= 2 => h + 1,
        h => h,
    };
    let (h, m) = (hour(rng), rng.below(60));
    let start = format!("{year}-{month:02}-{day:02}T{h:02}:{m:02}");
    match rng.below(10) {
        0 => (format!("\"{start}:{:02}\"", rng.below(60)), None),
        1 => (format!("\"{start}Z\""), None),
        2 => (format!("\"{start}+08:00\""), None),
        3 => (format!("\"{start}\""), Some("+05:30")),
        4 => (format!("\"~{start}\""), None),
        5 | 6 if h < 23 => {
            // Ends later the same day, at a later hour (never 02).
            let end = h + 1 + rng.below(23 - h);
            let end = if end == 2 { 3 } else { end };
            (format!("\"{start}..{end:02}:{:02}\"", rng.below(60)), None)
        }
        7 => {
            // Over one to three nights: from a day early enough in the month to end in it.
            let first = day.min(25);
            let next = first + 1 + rng.below(3);
            let (h2, m2) = (hour(rng), rng.below(60));
            (format!("\"{year}-{month:02}-{first:02}T{h:02}:{m:02}..{year}-{month:02}-{next:02}T{h2:02}:{m2:02}\""), None)
        }
        _ => (format!("\"{start}\""), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_timelines_load_with_every_event() {
        for n in [0, 1, 10, 500] {
            let text = timeline_yaml(n, 7);
            let t = crate::model::load_str("synthetic", &text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(t.events.len(), n);
        }
    }

    #[test]
    fn generated_timelines_with_times_load_with_every_event_timed() {
        for n in [1, 10, 2000] {
            let text = timeline_yaml_with(n, 7, true);
            let t = crate::model::load_str("synthetic", &text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(t.events.len(), n);
            assert!(t.events.iter().all(|e| e.date.has_time()), "every event has a time");
        }
    }

    #[test]
    fn same_seed_same_text() {
        assert_eq!(timeline_yaml(50, 1), timeline_yaml(50, 1));
        assert_ne!(timeline_yaml(50, 1), timeline_yaml(50, 2));
    }
}
