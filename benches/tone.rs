//! Tone scoring throughput on main texts (MB/s per core): `cargo bench --bench tone`.
use std::hint::black_box;

use baohoa::models::ModelFiles;
use baohoa::tone::{ToneModel, score, score_item};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Vietnamese article-like bodies made of the team's own titles (tests/tone_titles.tsv), ~8 KB
/// each: a mix of negative and neutral vocabulary, like the main text of a news page.
fn bodies() -> Vec<(String, String, String)> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tone_titles.tsv")).unwrap_or_default();
    let titles: Vec<String> = baohoa::models::tsv_rows(&text, true)
        .into_iter()
        .filter_map(|(_, c)| c.get(1).map(|t| (*t).to_string()))
        .collect();
    let mut out = Vec::new();
    for (i, t) in titles.iter().enumerate().step_by(7) {
        let mut body = String::new();
        let mut j = i;
        while body.len() < 8000 && !titles.is_empty() {
            body.push_str(&titles[(j * 31 + 7) % titles.len()]);
            body.push_str(". Theo thông tin ban đầu, sự việc xảy ra vào chiều qua tại địa phương. ");
            j += 1;
        }
        out.push((t.clone(), titles[(i + 3) % titles.len()].clone(), body));
    }
    out
}

/// The article items (title, lead, main text, URL) of every distinct real page under
/// `BAOHOA_REALDATA`, as the page stage hands them to tone; empty without the real data.
fn real_items() -> Vec<(String, String, String, String)> {
    let Some(root) = std::env::var_os("BAOHOA_REALDATA") else {
        return Vec::new();
    };
    let models = match baohoa::models::Models::embedded() {
        Ok(m) => m,
        Err(e) => panic!("models: {e:#}"),
    };
    let mut out = Vec::new();
    for p in baohoa::tools::bench::all_real_pages(std::path::Path::new(&root)) {
        let f = p.features(&models);
        if f.is_article {
            out.push((f.title, f.lead, f.main_text, f.url));
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let model = match ToneModel::load(&ModelFiles::default()) {
        Ok(m) => m,
        Err(e) => panic!("tone models: {e:#}"),
    };
    let real = real_items();
    if !real.is_empty() {
        let bytes: usize = real
            .iter()
            .map(|(t, l, b, u)| t.len() + l.len() + b.len() + u.len())
            .sum();
        let mut g = c.benchmark_group("tone_real");
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(format!("score_items_{}_real_articles", real.len()), |b| {
            b.iter(|| {
                for (t, l, body, u) in &real {
                    black_box(score_item(&model, t, l, body, u));
                }
            })
        });
        g.finish();
    } else {
        eprintln!("tone bench: BAOHOA_REALDATA not set; the real-article case is skipped");
    }
    let items = bodies();
    let bytes: usize = items.iter().map(|(t, l, b)| t.len() + l.len() + b.len()).sum();
    let mut g = c.benchmark_group("tone");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("score_items", |b| {
        b.iter(|| {
            for (t, l, body) in &items {
                black_box(score(&model, t, l, body));
            }
        })
    });
    let titles: Vec<&str> = items.iter().map(|(t, _, _)| t.as_str()).collect();
    g.throughput(Throughput::Elements(titles.len() as u64));
    g.bench_function("score_titles", |b| {
        b.iter(|| {
            for t in &titles {
                black_box(score(&model, t, "", ""));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
