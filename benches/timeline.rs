//! Speed of the parts that must keep up at 100,000 events. Run with `cargo bench`; the figures
//! and the machine they came from are in docs/PERFORMANCE.md.

mod floor;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;
use std::time::Instant;
use timeline_explorer::explorer::{Explorer, Viewport};
use timeline_explorer::keys::action::Action;
use timeline_explorer::model::filter::Filter;
use timeline_explorer::model::index::Index;
use timeline_explorer::model::lanes::Grouping;
use timeline_explorer::model::query::Query;
use timeline_explorer::model::search::SearchQuery;
use timeline_explorer::model::{self, Timeline};
use timeline_explorer::synthetic;
use timeline_explorer::tui::app::{App, View};
use timeline_explorer::tui::theme::Theme;
use timeline_explorer::tui::ui;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(1));
    for n in SIZES {
        let text = synthetic::timeline_yaml(n, 42);
        group.bench_with_input(BenchmarkId::new("floor_serde_yaml_plain_structs", n), &text, |b, text| {
            b.iter(|| black_box(floor::parse(text)))
        });
        group.bench_with_input(BenchmarkId::new("full_parse_validate_index", n), &text, |b, text| {
            b.iter(|| black_box(model::load_str("bench", text).expect("valid")))
        });
    }
    // Every event at a time of day, in a timeline with a zone (`generate --times`).
    let text = synthetic::timeline_yaml_with(100_000, 42, true);
    group.bench_with_input(BenchmarkId::new("full_with_times", 100_000), &text, |b, text| {
        b.iter(|| black_box(model::load_str("bench", text).expect("valid")))
    });
    group.finish();
}

fn indexed(n: usize) -> (Arc<Timeline>, Arc<Index>) {
    let timeline = model::load_str("bench", &synthetic::timeline_yaml(n, 42)).expect("valid");
    let index = Index::new(&timeline);
    (Arc::new(timeline), Arc::new(index))
}

/// The facet filters at every size (the 100k figures are the ones that matter; the smaller
/// ones show how they scale).
fn filters_by_size(c: &mut Criterion) {
    let mut group = c.benchmark_group("filter_by_size");
    for n in SIZES {
        let (timeline, index) = indexed(n);
        for query in ["country:PE", "agency:agency-0", "tag:tag-3", "from:1990 to:1999", "hotline"] {
            let parsed = Query::parse(query).expect("valid query");
            group.bench_with_input(BenchmarkId::new(query, n), &parsed, |b, parsed| {
                b.iter(|| {
                    black_box(
                        Filter::new(&timeline, parsed, &timeline.zone)
                            .expect("resolves")
                            .apply(&timeline, Some(&index)),
                    )
                })
            });
        }
        let all: Vec<usize> = (0..timeline.events.len()).collect();
        let query = SearchQuery::new("delegation");
        group.bench_with_input(BenchmarkId::new("search delegation", n), &query, |b, query| {
            b.iter(|| black_box(index.text.search(&all, query)))
        });
    }
    group.finish();
}

fn filters(c: &mut Criterion) {
    let (timeline, index) = indexed(100_000);
    let (text, words) = index.text.memory();
    eprintln!(
        "search text at 100,000 events: {:.1} MB; the index over it: {:.1} MB ({:.2}x the text)",
        text as f64 / 1e6,
        words as f64 / 1e6,
        words as f64 / text as f64
    );
    let mut group = c.benchmark_group("filter_100k");
    for query in [
        "country:PE",
        "agency:agency-0",
        "person:person-7",
        "tag:tag-3",
        "status:planned",
        "from:1990 to:1999",
        "-country:CN",
        "country:US agency:agency-1 -tag:tag-2 from:1980",
        "hotline",
        "delegation summit",
    ] {
        let parsed = Query::parse(query).expect("valid query");
        group.bench_function(query, |b| {
            b.iter(|| {
                let filter = Filter::new(&timeline, &parsed, &timeline.zone).expect("resolves");
                black_box(filter.apply(&timeline, Some(&index)))
            })
        });
    }
    group.finish();

    let all: Vec<usize> = (0..timeline.events.len()).collect();
    // What a keystroke of the explorer's search costs: the matches and the best (`find`); and,
    // for comparison, scoring every match (`search`, what the keystroke did before).
    let typed = ["d", "del", "delegation", "summit cooperation", "evnt 999"];
    let mut group = c.benchmark_group("search_100k");
    for typed in typed {
        let query = SearchQuery::new(typed);
        group.bench_function(typed, |b| b.iter(|| black_box(index.text.find(&all, &query))));
    }
    group.finish();
    let mut group = c.benchmark_group("search_scored_100k");
    for typed in typed {
        let query = SearchQuery::new(typed);
        group.bench_function(typed, |b| b.iter(|| black_box(index.text.search(&all, &query))));
    }
    group.finish();
}

fn app_with(n: usize) -> App {
    let timeline = model::load_str("bench", &synthetic::timeline_yaml(n, 42)).expect("valid");
    let index = Arc::new(Index::new(&timeline));
    let mut app = App::new("bench");
    app.loaded(Arc::new(timeline), Some(index));
    app.set_viewport(ui::layout(Rect::new(0, 0, 200, 60), View::List).viewport());
    app
}

fn explorer(c: &mut Criterion) {
    let theme = Theme::default();
    let mut group = c.benchmark_group("draw_200x60");
    for n in [10, 1_000, 10_000, 100_000] {
        let mut app = app_with(n);
        app.update(Action::Last);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                terminal.draw(|f| ui::draw(f, &app, &theme, Instant::now())).map(|_| ()).expect("draws")
            })
        });
    }
    group.finish();

    let mut app = app_with(100_000);
    let mut group = c.benchmark_group("keys_100k");
    group.bench_function("j", |b| b.iter(|| app.update(Action::MoveDown)));
    group.bench_function("G_then_g", |b| {
        b.iter(|| {
            app.update(Action::Last);
            app.update(Action::First);
        })
    });
    group.bench_function("page_down", |b| b.iter(|| app.update(Action::PageDown)));
    group.bench_function("next_year", |b| b.iter(|| app.update(Action::NextYear)));
    let country = Query::parse("country:PE").expect("valid");
    group.bench_function("apply_facet_filter_and_clear", |b| {
        b.iter(|| {
            let explorer = app.explorer_mut().expect("loaded");
            explorer.apply_query(country.clone()).expect("resolves");
            explorer.apply_query(Query::default()).expect("resolves");
        })
    });
    group.finish();

    // Saving an annotation of the last event: finding it, putting the text on it, and making
    // the detail and the next search see it (the file write, done by the runner after, is not
    // measured here).
    let mut group = c.benchmark_group("notes_100k");
    group.sample_size(10);
    let mut flip = false;
    group.bench_function("set_annotation", |b| {
        b.iter(|| {
            flip = !flip;
            let explorer = app.explorer_mut().expect("loaded");
            let last = explorer.timeline.events.len() - 1;
            let key = explorer.timeline.events[last].id.clone();
            black_box(explorer.set_annotation(&key, if flip { "memo a" } else { "memo b" }))
        })
    });
    group.finish();
}

/// The timeline view at 100,000 events with lanes by country: a frame, a pan or a zoom and the
/// frame after it, and switching the grouping.
fn timeline_view(c: &mut Criterion) {
    let theme = Theme::default();
    let mut app = app_with(100_000);
    app.update(Action::ToggleView);
    app.update(Action::CycleLanes); // by country
    app.set_viewport(ui::layout(Rect::new(0, 0, 200, 60), app.view).viewport());
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    let mut group = c.benchmark_group("timeline_100k");
    group.bench_function("frame_200x60_country_lanes_fit_all", |b| {
        b.iter(|| terminal.draw(|f| ui::draw(f, &app, &theme, Instant::now())).map(|_| ()).expect("draws"))
    });
    for _ in 0..6 {
        app.update(Action::ZoomIn); // about a year and a half across
    }
    group.bench_function("frame_200x60_country_lanes_zoomed", |b| {
        b.iter(|| terminal.draw(|f| ui::draw(f, &app, &theme, Instant::now())).map(|_| ()).expect("draws"))
    });
    let mut right = true;
    group.bench_function("pan_then_frame", |b| {
        b.iter(|| {
            app.update(if right { Action::PanRight } else { Action::PanLeft });
            right = !right;
            terminal.draw(|f| ui::draw(f, &app, &theme, Instant::now())).map(|_| ()).expect("draws")
        })
    });
    let mut zoom_in = true;
    group.bench_function("zoom_then_frame", |b| {
        b.iter(|| {
            app.update(if zoom_in { Action::ZoomIn } else { Action::ZoomOut });
            zoom_in = !zoom_in;
            terminal.draw(|f| ui::draw(f, &app, &theme, Instant::now())).map(|_| ()).expect("draws")
        })
    });
    group.bench_function("switch_lanes", |b| {
        let explorer = app.explorer_mut().expect("loaded");
        let mut to_country = false;
        // One switch an iteration, alternately to no lanes and to country lanes.
        b.iter(|| {
            to_country = !to_country;
            explorer.set_grouping(if to_country { Grouping::Country } else { Grouping::None })
        })
    });
    group.finish();
}

/// Ten files of 10,000 events read as one timeline: each file alone (the largest file's parse),
/// the merge alone, all ten one after another, and `load_all` (parallel parse, then merge).
fn multi(c: &mut Criterion) {
    let mut group = c.benchmark_group("multi");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let files: Vec<std::path::PathBuf> = (0..10u64)
        .map(|i| {
            let path = dir.path().join(format!("part-{i}.yaml"));
            std::fs::write(&path, synthetic::timeline_yaml(10_000, 42 + i)).expect("written");
            path
        })
        .collect();
    group.bench_function("one_file_10k", |b| {
        b.iter(|| black_box(model::load_file(&files[0]).expect("valid")))
    });
    let parts: Vec<Timeline> = files.iter().map(|f| model::load_file(f).expect("valid")).collect();
    group.bench_function("merge_10x10k", |b| {
        b.iter_batched(
            || parts.clone(),
            |p| black_box(model::multi::merge(p)),
            criterion::BatchSize::LargeInput,
        )
    });
    group.bench_function("sequential_10x10k", |b| {
        b.iter(|| black_box(files.iter().map(|f| model::load_file(f).expect("valid")).collect::<Vec<_>>()))
    });
    group.bench_function("load_all_10x10k", |b| {
        b.iter(|| black_box(model::multi::load_all(&files, false).expect("valid")))
    });
    // One of the ten changed (part 3, one title): merged again from the timeline shown, the
    // events moved out of it (`remerge::merge_again`), and the explorer's whole reload on the UI
    // thread that way (`Explorer::merge_again`, without the index, built on the watcher's
    // thread), against the reload of a timeline merged off the UI thread (`Explorer::reload`).
    let held: Vec<model::remerge::Part> = parts.iter().map(model::remerge::Part::new).collect();
    let merged = model::multi::merge(parts.clone()).timeline;
    let mut changed = parts[3].clone();
    changed.events[0].title.push_str(" edited");
    group.bench_function("merge_again_10x10k", |b| {
        b.iter_batched(
            || (merged.clone(), vec![(3, changed.clone())]),
            |(m, fresh)| black_box(model::remerge::merge_again(m, &held, fresh)),
            criterion::BatchSize::LargeInput,
        )
    });
    let explorer = || {
        let index = Arc::new(Index::new(&merged));
        Explorer::new(Arc::new(merged.clone()), Some(index), Viewport::default())
    };
    group.bench_function("explorer_merge_again_10x10k", |b| {
        b.iter_batched(
            || (explorer(), vec![(3, changed.clone())]),
            |(mut e, fresh)| black_box(e.merge_again(&held, fresh, Instant::now())),
            criterion::BatchSize::LargeInput,
        )
    });
    let mut all = parts.clone();
    all[3] = changed.clone();
    let remerged = Arc::new(model::multi::merge(all).timeline);
    let index = Arc::new(Index::new(&remerged));
    group.bench_function("explorer_reload_10x10k", |b| {
        b.iter_batched(
            explorer,
            |mut e| black_box(e.reload(Arc::clone(&remerged), Arc::clone(&index), Instant::now())),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// `diff` of two versions of 100,000 events against loading both (the target: the diff takes
/// at most twice as long as the loads). The new version has every "hotline" written "hot line"
/// (text changed in many events), the statuses of one event in a hundred changed, and one
/// event in a thousand renamed.
fn diff(c: &mut Criterion) {
    let mut group = c.benchmark_group("diff");
    group.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(1));
    let old_text = synthetic::timeline_yaml(100_000, 42);
    // Events whose number is a multiple of 1,000 get a new id, and links to them follow.
    let renamed = |line: &str| -> Option<String> {
        let at = line.find("id: event-")? + "id: event-".len();
        let digits: String = line[at..].chars().take_while(char::is_ascii_digit).collect();
        let n: usize = digits.parse().ok()?;
        n.is_multiple_of(1000)
            .then(|| format!("{}renamed-{n}{}", &line[..at - "event-".len()], &line[at + digits.len()..]))
    };
    let mut new_text = String::with_capacity(old_text.len() + 4096);
    for line in old_text.lines() {
        let line = line.replace("hotline", "hot line").replace("status: planned", "status: cancelled");
        new_text.push_str(&renamed(&line).unwrap_or(line));
        new_text.push('\n');
    }
    group.bench_function("load_both_100000", |b| {
        b.iter(|| {
            black_box((
                model::load_str("old", &old_text).expect("valid"),
                model::load_str("new", &new_text).expect("valid"),
            ))
        })
    });
    let old = model::load_str("old", &old_text).expect("valid");
    let new = model::load_str("new", &new_text).expect("valid");
    let found = model::diff::diff(&old, &new);
    eprintln!("diff of 100,000 events: {:?}", found.counts());
    group.bench_function("diff_100000", |b| b.iter(|| black_box(model::diff::diff(&old, &new))));
    group.finish();
}

/// Story mode at 100,000 events in the filter (issue #29): entering it (a slide per event, the
/// title slide's countries and agencies, the strip's sorted days) with the frame after it, and
/// moving a slide with the frame after it. Both must fit in a frame (16 ms).
fn story_mode(c: &mut Criterion) {
    let theme = Theme::default();
    let mut app = app_with(100_000);
    app.update(Action::MoveDown);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    let mut group = c.benchmark_group("story_100k");
    group.sample_size(20);
    group.bench_function("enter_and_frame", |b| {
        b.iter(|| {
            let explorer = app.explorer_mut().expect("loaded");
            explorer.leave_story();
            explorer.enter_story(None).expect("events in view");
            terminal.draw(|f| ui::draw(f, &app, &theme, Instant::now())).map(|_| ()).expect("draws")
        })
    });
    // The title slide of a fresh telling says which countries and agencies all 100,000 take
    // part in: worked out once, when it is first shown.
    group.bench_function("enter_title_slide_and_frame", |b| {
        b.iter(|| {
            let explorer = app.explorer_mut().expect("loaded");
            explorer.leave_story();
            explorer.enter_story(None).expect("events in view");
            explorer.story_go(0);
            terminal.draw(|f| ui::draw(f, &app, &theme, Instant::now())).map(|_| ()).expect("draws")
        })
    });
    let mut forward = true;
    group.bench_function("next_slide_and_frame", |b| {
        b.iter(|| {
            forward = !forward;
            app.update(if forward { Action::MoveDown } else { Action::MoveUp });
            terminal.draw(|f| ui::draw(f, &app, &theme, Instant::now())).map(|_| ()).expect("draws")
        })
    });
    group.finish();
}

criterion_group!(benches, load, filters, filters_by_size, explorer, timeline_view, multi, diff, story_mode);
criterion_main!(benches);

// The same allocator as the explorer's binary (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
