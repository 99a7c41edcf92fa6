//! Writes a synthetic timeline of N events to stdout, for benchmarks and for trying the explorer
//! on big files:
//!
//! ```sh
//! cargo run --release --example generate -- 100000 > /tmp/100k.yaml
//! ```
//!
//! Deterministic (a fixed-seed generator): dates of every precision, ranges, approximate and
//! uncertain dates, a few planned and cancelled events, entities and references that resolve,
//! and summaries of about 300 characters.

fn main() {
    let n: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        Some(Ok(n)) => n,
        None => 1000,
        Some(Err(_)) => {
            eprintln!("usage: generate [N]   (N events, default 1000)");
            std::process::exit(2);
        }
    };
    print!("{}", timeline_explorer::synthetic::timeline_yaml(n, 42));
}
