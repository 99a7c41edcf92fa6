//! Loads a file either the floor way (a bare serde_yaml parse into plain structs) or the full
//! way (parse, validate, index), once, so time and peak memory can be measured side by side:
//!
//! ```sh
//! cargo run --release --example generate -- 100000 > /tmp/100k.yaml
//! /usr/bin/time -f '%e s %M KB' target/release/examples/load_floor floor /tmp/100k.yaml
//! /usr/bin/time -f '%e s %M KB' target/release/examples/load_floor full /tmp/100k.yaml
//! ```

#[path = "../benches/floor/mod.rs"]
mod floor;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(mode), Some(path)) = (args.next(), args.next()) else {
        eprintln!("usage: load_floor floor|full FILE");
        std::process::exit(2);
    };
    let start = std::time::Instant::now();
    let events = match mode.as_str() {
        "floor" => floor::parse(&std::fs::read_to_string(&path).expect("readable")).events.len(),
        "full" => {
            timeline_explorer::model::load_file(std::path::Path::new(&path)).expect("valid").events.len()
        }
        other => {
            eprintln!("unknown mode {other}");
            std::process::exit(2);
        }
    };
    eprintln!("{mode}: {events} events in {:.3} s", start.elapsed().as_secs_f64());
}

// The same allocator as the explorer's binary (src/main.rs), for both ways of loading.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
