//! Writes a synthetic timeline of N events to stdout, for benchmarks and for trying the explorer
//! on big files:
//!
//! ```sh
//! cargo run --release --example generate -- 100000 > /tmp/100k.yaml
//! cargo run --release --example generate -- 100000 --times > /tmp/100k-times.yaml
//! ```
//!
//! `--times` gives every event a time of day (some with seconds, offsets, zones of their own,
//! same-day and multi-day ranges) in a timeline whose `timezone:` is America/New_York.
//!
//! Deterministic (a fixed-seed generator): dates of every precision, ranges, approximate and
//! uncertain dates, a few planned and cancelled events, entities and references that resolve,
//! and summaries of about 300 characters.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let times = args.iter().any(|a| a == "--times");
    let mut numbers = args.iter().filter(|a| *a != "--times");
    let n: usize = match (numbers.next().map(|a| a.parse()), numbers.next()) {
        (Some(Ok(n)), None) => n,
        (None, None) => 1000,
        _ => {
            eprintln!("usage: generate [N] [--times]   (N events, default 1000; --times: every event at a time of day)");
            std::process::exit(2);
        }
    };
    print!("{}", timeline_explorer::synthetic::timeline_yaml_with(n, 42, times));
}
