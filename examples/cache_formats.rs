//! Measures the serialisation crates the timeline cache could use, on a real load: size, time to
//! encode and time to decode (median of five), so the choice in `model::cache` is measured:
//!
//! ```sh
//! cargo run --release --example cache_formats -- /tmp/100k.yaml
//! ```

use std::time::Instant;
use timeline_explorer::model::{load_file, Timeline};

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn measure(
    name: &str,
    timeline: &Timeline,
    encode: impl Fn(&Timeline) -> Vec<u8>,
    decode: impl Fn(&[u8]) -> Timeline,
) {
    let mut bytes = Vec::new();
    let encoding = median(
        (0..5)
            .map(|_| {
                let start = Instant::now();
                bytes = encode(timeline);
                start.elapsed().as_secs_f64()
            })
            .collect(),
    );
    let decoding = median(
        (0..5)
            .map(|_| {
                let start = Instant::now();
                let back = decode(&bytes);
                let took = start.elapsed().as_secs_f64();
                assert_eq!(back.events.len(), timeline.events.len());
                took
            })
            .collect(),
    );
    println!(
        "{name:10} {:>8.1} MB  encode {:>6.1} ms  decode {:>6.1} ms",
        bytes.len() as f64 / 1e6,
        encoding * 1e3,
        decoding * 1e3
    );
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: cache_formats FILE");
    let timeline = load_file(std::path::Path::new(&path)).expect("valid");
    let config = bincode::config::standard();
    measure("postcard", &timeline, |t| postcard::to_stdvec(t).unwrap(), |b| postcard::from_bytes(b).unwrap());
    measure(
        "bincode2",
        &timeline,
        |t| bincode::serde::encode_to_vec(t, config).unwrap(),
        |b| bincode::serde::decode_from_slice(b, config).unwrap().0,
    );
    let fixed = config.with_fixed_int_encoding();
    measure(
        "bincode2-fixint",
        &timeline,
        |t| bincode::serde::encode_to_vec(t, fixed).unwrap(),
        |b| bincode::serde::decode_from_slice(b, fixed).unwrap().0,
    );
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
