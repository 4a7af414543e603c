//! Native benchmarks of the pure core: `cargo bench --bench core`.
//!
//! Every input is generated here, deterministically (a small LCG with fixed seeds), so two runs
//! measure the same work. Each group is parameterised so that the growth of the cost is visible.
//! Measurement time is kept short (see `config`) so the whole run takes a few minutes on two
//! cores; pass `-- --quick` for a rougher, faster run. Results and targets: docs/PERFORMANCE.md.
//!
//! Native numbers are not browser numbers: wasm in Chromium is typically 1.5-3x slower than this.
//! They show how cost grows with input size and catch regressions before a browser is involved.

use criterion::{BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main};
use std::time::Duration;
use teamshape_core::catalog::Catalog;
use teamshape_core::format::{self, Document};
use teamshape_core::questionnaire::{Item, Questionnaire};
use teamshape_core::radar::{self, LIGHT, Line, LineKind, Radar};
use teamshape_core::response::{Answer, Response};
use teamshape_core::scoring;
use teamshape_core::team::{self, Anonymity, TeamCheck};
use teamshape_core::time::Timestamp;

/// The size the results page draws the radar at (src/ui/components/radar.rs).
const RADAR_SIZE: u32 = 520;

/// A linear congruential generator (Knuth's MMIX constants): deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn builtin() -> Questionnaire {
    Questionnaire::builtin().expect("built-in questionnaire parses")
}

/// The built-in questionnaire (36 items) with items added round-robin over the dimensions until
/// it has `items` items. Every third added item is reverse-worded.
fn questionnaire_with(items: usize) -> Questionnaire {
    let mut q = builtin();
    let dimensions = q.dimensions.len();
    let mut added = 0;
    while q.item_count() < items {
        let dimension = &mut q.dimensions[added % dimensions];
        let id = format!("{}.synthetic-{}", dimension.id, added + 1);
        dimension.items.push(Item {
            id,
            version: 1,
            text: format!("Synthetic benchmark statement number {}.", added + 1),
            reverse: added % 3 == 2,
        });
        added += 1;
    }
    assert!(q.problems().is_empty(), "synthetic questionnaire is sound");
    assert_eq!(q.item_count(), items);
    q
}

/// A timestamp `seconds` after 2026-11-30T08:00:00Z (within one day).
fn timestamp(seconds: u64) -> Timestamp {
    let s = seconds % 86_400;
    let text = format!(
        "2026-11-30T{:02}:{:02}:{:02}.{:03}Z",
        s / 3600,
        s / 60 % 60,
        s % 60,
        seconds % 1000
    );
    Timestamp::parse(&text).expect("generated timestamp is valid")
}

/// One respondent's answers: mostly scale points, about 8 % "Don't know", 4 % left open, and a
/// short comment on about 1 item in 20.
fn respondent(q: &Questionnaire, index: usize, rng: &mut Lcg) -> Response {
    let mut response = Response::new(
        format!("bench-response-{index:05}"),
        q,
        timestamp(index as u64),
    );
    let mut clock = index as u64 * 60;
    for (_, item) in q.items() {
        clock += 1 + rng.below(20);
        let roll = rng.below(100);
        let answer = match roll {
            0..4 => None,
            4..12 => Some(Answer::DontKnow),
            _ => Some(Answer::Scale(1 + rng.below(5) as u8)),
        };
        let now = timestamp(clock);
        response.set_answer(&item.id, answer, now.clone());
        if rng.below(20) == 0 {
            response.set_comment(&item.id, format!("Comment {clock} on this item."), now);
        }
    }
    response
}

fn respondents(q: &Questionnaire, count: usize, seed: u64) -> Vec<Response> {
    let mut rng = Lcg(seed);
    (0..count).map(|i| respondent(q, i, &mut rng)).collect()
}

fn team_check(q: &Questionnaire, count: usize) -> TeamCheck {
    let mut check = TeamCheck::new(
        "bench-check".into(),
        "Benchmark team".into(),
        q,
        Anonymity::Anonymous,
        timestamp(0),
    );
    check.merge(respondents(q, count, 0x7ea5_4a9e));
    check
}

/// Short measurement windows: the point is the growth with size and regressions of 2x, not
/// the third significant figure. The whole suite runs in about two to three minutes.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
}

fn questionnaire_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("questionnaire_parse");
    group.bench_function("builtin_36_items", |b| {
        b.iter(|| black_box(Questionnaire::builtin().unwrap()))
    });
    group.finish();
}

fn scoring_one(c: &mut Criterion) {
    let mut group = c.benchmark_group("scoring_one_respondent");
    for items in [36, 40] {
        let q = if items == 36 {
            builtin()
        } else {
            questionnaire_with(items)
        };
        let response = respondents(&q, 1, 0x0005_c07e).remove(0);
        group.throughput(Throughput::Elements(items as u64));
        group.bench_with_input(BenchmarkId::new("items", items), &response, |b, r| {
            b.iter(|| black_box(scoring::score(black_box(&q), black_box(r))))
        });
    }
    group.finish();
}

/// Everything the team page computes: the figures of an anonymous check at the default rules.
fn team_figures(q: &Questionnaire, responses: &[Response]) -> team::TeamFigures {
    let rules = team::Rules {
        threshold: team::DEFAULT_ANONYMITY_THRESHOLD,
        statement_answers: team::MIN_STATEMENT_ANSWERS,
    };
    team::figures(q, &responses.iter().collect::<Vec<_>>(), rules)
}

fn team_statistics(c: &mut Criterion) {
    let mut group = c.benchmark_group("team_statistics");
    let q36 = builtin();
    for count in [10, 100, 1_000] {
        let responses = respondents(&q36, count, 0x0005_7a75);
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(
            BenchmarkId::new("36_items", count),
            &responses,
            |b, responses| b.iter(|| black_box(team_figures(black_box(&q36), responses))),
        );
    }
    // The target in docs/PERFORMANCE.md: 1,000 respondents x 40 items.
    let q40 = questionnaire_with(40);
    let responses = respondents(&q40, 1_000, 0x0005_7a75);
    group.throughput(Throughput::Elements(1_000));
    group.bench_with_input(
        BenchmarkId::new("40_items", 1_000),
        &responses,
        |b, responses| b.iter(|| black_box(team_figures(black_box(&q40), responses))),
    );
    group.finish();
}

/// Eight axes (the built-in dimensions plus one), as in the radar targets; `people` dots on
/// every axis, the team median, and `people` person polygons.
fn radar_with(people: usize) -> Radar {
    let mut rng = Lcg(0x4ada_0000 + people as u64);
    let mut axes: Vec<String> = builtin().dimensions.into_iter().map(|d| d.title).collect();
    axes.push("An eighth dimension".to_string());
    let value = |rng: &mut Lcg| 1.0 + rng.below(401) as f64 / 100.0;
    let dots = axes
        .iter()
        .map(|_| {
            let mut values: Vec<f64> = (0..people).map(|_| value(&mut rng)).collect();
            values.sort_unstable_by(f64::total_cmp);
            values
        })
        .collect();
    let mut lines = vec![Line {
        kind: LineKind::Main,
        values: axes.iter().map(|_| Some(value(&mut rng))).collect(),
    }];
    lines.extend((0..people).map(|i| Line {
        kind: LineKind::Person(i),
        values: axes.iter().map(|_| Some(value(&mut rng))).collect(),
    }));
    Radar { axes, dots, lines }
}

fn radar_draw(c: &mut Criterion) {
    let mut group = c.benchmark_group("radar_draw");
    for people in [1, 10, 50] {
        let chart = radar_with(people);
        group.throughput(Throughput::Elements(people as u64));
        group.bench_with_input(
            BenchmarkId::new("dots_and_people", people),
            &chart,
            |b, chart| b.iter(|| black_box(radar::draw(black_box(chart), &LIGHT, RADAR_SIZE))),
        );
    }
    group.finish();
}

/// A team check file as `format::write_team_check` writes it, made compact. The pretty form of
/// 1,000 responses is over `format::MAX_FILE_BYTES` (see the note printed by `format_read`).
fn team_check_file(q: &Questionnaire, count: usize) -> (Vec<u8>, usize) {
    let pretty = format::write_team_check(q, &team_check(q, count), Some(&timestamp(0)));
    let value: serde_json::Value = serde_json::from_str(&pretty).expect("written file is JSON");
    let compact = serde_json::to_vec(&value).expect("re-serialises");
    (compact, pretty.len())
}

fn format_read(c: &mut Criterion) {
    let q = builtin();
    let catalog = Catalog::builtin().expect("built-in catalog");
    let mut group = c.benchmark_group("format_read");
    for count in [1, 100, 1_000] {
        let (file, pretty_len) = team_check_file(&q, count);
        eprintln!(
            "format_read: team check with {count} responses: {} bytes compact, {} bytes as \
             written (pretty), limit {} bytes",
            file.len(),
            pretty_len,
            format::MAX_FILE_BYTES
        );
        match format::read("bench.json", &file, &catalog).map(|r| r.document) {
            Ok(Document::TeamCheck(check)) => assert_eq!(check.responses.len(), count),
            other => panic!("team check file did not read back: {other:?}"),
        }
        group.throughput(Throughput::Bytes(file.len() as u64));
        group.bench_with_input(BenchmarkId::new("team_check", count), &file, |b, file| {
            b.iter(|| black_box(format::read("bench.json", black_box(file), &catalog)))
        });
    }

    // Single response files, exactly as downloaded (pretty, with scores and answer labels).
    let files: Vec<Vec<u8>> = respondents(&q, 200, 0xf11e)
        .iter()
        .map(|r| format::write_response(&q, r, Some(&timestamp(0))).into_bytes())
        .collect();
    for file in &files {
        assert!(matches!(
            format::read("response.json", file, &catalog).map(|r| r.document),
            Ok(Document::Response(_))
        ));
    }
    group.throughput(Throughput::Bytes(files[0].len() as u64));
    group.bench_with_input(
        BenchmarkId::new("response_file", 1),
        &files[0],
        |b, file| b.iter(|| black_box(format::read("response.json", black_box(file), &catalog))),
    );
    // The import target: 200 response files, read one after another (no merging).
    let total: usize = files.iter().map(Vec::len).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_with_input(
        BenchmarkId::new("response_files", 200),
        &files,
        |b, files| {
            b.iter(|| {
                for file in files {
                    black_box(format::read("response.json", black_box(file), &catalog)).ok();
                }
            })
        },
    );
    group.finish();
}

/// Merging many responses into a team check (issue 10: 78,000 in reverse order took 4-5 s when
/// each was inserted into the sorted list on its own). Sorted once, then joined: O(n log n).
fn team_merge(c: &mut Criterion) {
    let q = builtin();
    let mut group = c.benchmark_group("team_merge");
    group.sample_size(10);
    for count in [1_000, 100_000] {
        // Few answers each, so the cost is the merge, not cloning answers.
        let reversed: Vec<Response> = (0..count)
            .rev()
            .map(|i| Response::new(format!("r{i:07}"), &q, timestamp(0)))
            .collect();
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(
            BenchmarkId::new("reverse_order_into_empty", count),
            &reversed,
            |b, responses| {
                b.iter_batched(
                    || responses.clone(),
                    |responses| {
                        let mut check = TeamCheck::new(
                            "t".into(),
                            "T".into(),
                            &q,
                            Anonymity::Anonymous,
                            timestamp(0),
                        );
                        check.merge(responses);
                        black_box(check.responses.len())
                    },
                    criterion::BatchSize::LargeInput,
                )
            },
        );
        // The same file imported again into the full check: every response is recognised.
        let mut full = TeamCheck::new(
            "t".into(),
            "T".into(),
            &q,
            Anonymity::Anonymous,
            timestamp(0),
        );
        full.merge(reversed.clone());
        group.bench_with_input(
            BenchmarkId::new("again_into_full", count),
            &reversed,
            |b, responses| {
                b.iter_batched(
                    || (full.clone(), responses.clone()),
                    |(mut check, responses)| black_box(check.merge(responses).len()),
                    criterion::BatchSize::LargeInput,
                )
            },
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = questionnaire_parse, scoring_one, team_statistics, radar_draw, format_read, team_merge
}
criterion_main!(benches);
