//! Hostile sizes on the input surfaces besides the timeline file: each of these once took time
//! that grew with the square of the input (12–24 s at these sizes, issue 26). Each must stay
//! well under a second at 100,000 items. `cargo bench --bench hostile`; the figures are in
//! docs/PERFORMANCE.md.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Duration;
use timeline_explorer::export::{self, Format as ExportFormat};
use timeline_explorer::import::{self, Format};
use timeline_explorer::model::notes::Notes;
use timeline_explorer::{model, synthetic};

const N: usize = 100_000;

fn ics(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n{events}END:VCALENDAR\r\n")
}

fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile_100k");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));

    // A sidecar of 100,000 bookmarks, read and put on the built-in timeline, as `list`, `show`
    // and every export do.
    let sidecar: String = std::iter::once("version: 1\nbookmarks:\n".to_string())
        .chain((0..N).map(|i| format!("  - b{i}\n")))
        .collect();
    let builtin = model::load_builtin().unwrap();
    group.bench_function("sidecar_bookmarks", |b| {
        b.iter(|| {
            let notes = Notes::parse("t.notes.yaml", sidecar.clone().into_bytes()).unwrap();
            let mut timeline = builtin.clone();
            notes.annotate(&mut timeline);
            black_box(notes.missing(&timeline).len())
        })
    });

    // 100,000 tags on one event: iCalendar CATEGORIES and markwhen `#tags`.
    let categories: Vec<String> = (0..N).map(|i| format!("t{i}")).collect();
    let cats = ics(&format!(
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20160101\r\nSUMMARY:x\r\nCATEGORIES:{}\r\nEND:VEVENT\r\n",
        categories.join(",")
    ));
    group.bench_function("import_ics_categories", |b| {
        b.iter(|| black_box(import::import("c.ics", &cats, Format::Ics).unwrap().events))
    });
    let tags = format!(
        "2016-01-01: x {}\n",
        categories.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" ")
    );
    group.bench_function("import_markwhen_tags", |b| {
        b.iter(|| black_box(import::import("t.md", &tags, Format::Markwhen).unwrap().events))
    });

    // 100,000 events that all ask for the same id: one title (CSV), one UID (iCalendar), one
    // unique_id (TimelineJS).
    let csv: String = std::iter::once("title,date\n".to_string())
        .chain((0..N).map(|_| "Same title,2016-01-01\n".to_string()))
        .collect();
    group.bench_function("import_csv_same_title", |b| {
        b.iter(|| black_box(import::import("s.csv", &csv, Format::Csv).unwrap().events))
    });
    let uids =
        ics(&"BEGIN:VEVENT\r\nUID:same\r\nDTSTART;VALUE=DATE:20160101\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
            .repeat(N));
    group.bench_function("import_ics_same_uid", |b| {
        b.iter(|| black_box(import::import("u.ics", &uids, Format::Ics).unwrap().events))
    });
    let slides: Vec<String> = (0..N)
        .map(|i| format!("{{\"unique_id\": \"same\", \"start_date\": {{\"year\": \"2016\"}}, \"text\": {{\"headline\": \"e{i}\"}}}}"))
        .collect();
    let same_ids = format!("{{\"events\": [\n{}\n]}}", slides.join(",\n"));
    group.bench_function("import_timelinejs_same_unique_id", |b| {
        b.iter(|| black_box(import::import("s.json", &same_ids, Format::Timelinejs).unwrap().events))
    });

    // 100,000 events as our own TimelineJS export writes them: every event's line is numbered.
    let timeline = model::load_str("big.yaml", &synthetic::timeline_yaml(N, 7)).unwrap();
    let all: Vec<usize> = (0..timeline.events.len()).collect();
    let written = export::export(&timeline, &all, ExportFormat::Timelinejs, &export::Options::default());
    drop(timeline);
    group.bench_function("import_timelinejs_own_export", |b| {
        b.iter(|| black_box(import::import("big.json", &written, Format::Timelinejs).unwrap().events))
    });
    group.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);

// The same allocator as the explorer's binary (src/main.rs), so the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
