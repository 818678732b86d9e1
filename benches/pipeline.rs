//! Every stage and end to end, in bytes of HTML per second: decode, parse (fast and scraper),
//! features, tone, fold, and `map` over a generated WARC, on the demo pages replicated and (with
//! BAOHOA_REALDATA) the real Vietnamese pages.
use std::hint::black_box;

use baohoa::ingest::{Event, ReadOptions, Record};
use baohoa::models::{ModelFiles, Models};
use baohoa::page::ParserKind;
use baohoa::site::SiteAggregate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn records(seeds: &[baohoa::tools::bench::SeedPage]) -> Vec<Record> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("b.warc.gz");
    let total: u64 = seeds.iter().map(|s| s.body.len() as u64).sum();
    baohoa::tools::bench::write_corpus(&path, seeds, total).expect("corpus");
    let (_, events) = baohoa::ingest::open(&path, &ReadOptions::default()).expect("open corpus");
    events
        .filter_map(|e| match e {
            Event::Record(r) => Some(r),
            _ => None,
        })
        .collect()
}

fn stages(c: &mut Criterion, name: &str, seeds: &[baohoa::tools::bench::SeedPage], models: &Models) {
    let recs = records(seeds);
    let bytes: u64 = recs.iter().map(|r| r.body.len() as u64).sum();
    let html: Vec<String> = recs
        .iter()
        .map(|r| baohoa::ingest::decode::decode_html(&r.body, r.header("content-type")).html)
        .collect();
    let pages: Vec<_> = html
        .iter()
        .map(|h| baohoa::page::parse(h, Some("https://x.vn/a")))
        .collect();
    let feats: Vec<_> = recs
        .iter()
        .map(|r| baohoa::analyse(r, models, &mut Default::default()))
        .collect();
    let mut g = c.benchmark_group(format!("pipeline/{name}"));
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function("decode", |b| {
        b.iter(|| {
            recs.iter()
                .map(|r| {
                    baohoa::ingest::decode::decode_html(&r.body, r.header("content-type"))
                        .html
                        .len()
                })
                .sum::<usize>()
        })
    });
    for kind in [ParserKind::Fast, ParserKind::Scraper] {
        g.bench_function(format!("parse-{kind:?}").to_lowercase(), |b| {
            b.iter(|| {
                html.iter()
                    .map(|h| baohoa::page::parse_with(kind, h, None).blocks.len())
                    .sum::<usize>()
            })
        });
    }
    g.bench_function("features", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| baohoa::page::features(p, &models.page).main_text_chars)
                .sum::<u64>()
        })
    });
    g.bench_function("tone", |b| {
        b.iter(|| {
            feats
                .iter()
                .map(|f| baohoa::tone::score(&models.tone, &f.title, &f.lead, &f.main_text).score)
                .sum::<f32>()
        })
    });
    g.bench_function("fold", |b| {
        b.iter(|| {
            let mut sites = baohoa::site::Sites::default();
            for f in &feats {
                sites
                    .entry(f.site.clone())
                    .or_insert_with(|| SiteAggregate::new(&f.site))
                    .add(f);
            }
            black_box(sites.len())
        })
    });
    g.bench_function("analyse (decode+parse+features+tone)", |b| {
        b.iter(|| {
            recs.iter()
                .map(|r| baohoa::analyse(r, models, &mut Default::default()).main_text_chars)
                .sum::<u64>()
        })
    });
    g.finish();
}

fn end_to_end(c: &mut Criterion, seeds: &[baohoa::tools::bench::SeedPage], models: &Models) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("e2e.warc.gz");
    let (_, bytes) = baohoa::tools::bench::write_corpus(&path, seeds, 20_000_000).expect("corpus");
    let inputs = [baohoa::Input::Path(path)];
    let mut g = c.benchmark_group("pipeline/end-to-end");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    for kind in [ParserKind::Fast, ParserKind::Scraper] {
        let opts = baohoa::ScanOptions {
            threads: 1,
            parser: kind,
            ..Default::default()
        };
        g.bench_function(format!("map+judge, 1 thread, {kind:?}").to_lowercase(), |b| {
            b.iter(|| {
                let p = baohoa::map(&inputs, &opts, models, &baohoa::NoProgress).expect("map");
                let v: usize = p
                    .sites
                    .values()
                    .map(|s| baohoa::judge::judge(s, &models.judge()).findings.len())
                    .sum();
                black_box(v)
            })
        });
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    let models = Models::load(&ModelFiles::default()).expect("embedded models load");
    let demo = baohoa::tools::bench::demo_pages();
    stages(c, "demo", &demo, &models);
    let real = std::env::var_os("BAOHOA_REALDATA").map(std::path::PathBuf::from);
    match &real {
        Some(r) => stages(c, "real", &baohoa::tools::bench::real_pages(r), &models),
        None => eprintln!("BAOHOA_REALDATA unset: the real-page group is skipped"),
    }
    end_to_end(c, &baohoa::tools::bench::seed_pages(real.as_deref()), &models);
}

criterion_group!(benches, bench);
criterion_main!(benches);
