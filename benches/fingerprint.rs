//! Operator fingerprints (issue 14, point 4): the raw-HTML id scan and the page's fingerprints
//! (ids, verification tokens, owner block) on real pages (BAOHOA_REALDATA; skipped with a message
//! when absent), beside the page stage (decode + parse + features, which includes both) of the
//! same pages, in one run.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let Some(root) = std::env::var_os("BAOHOA_REALDATA") else {
        eprintln!("fingerprint bench: BAOHOA_REALDATA unset: nothing to measure");
        return;
    };
    let models = baohoa::models::Models::load(&baohoa::models::ModelFiles::default()).expect("embedded models load");
    let pages: Vec<(String, String)> = baohoa::tools::bench::all_real_pages(std::path::Path::new(&root))
        .into_iter()
        .map(|p| (p.url, baohoa::ingest::decode::decode_html(&p.body, None).html))
        .collect();
    let parsed: Vec<baohoa::page::Page> = pages
        .iter()
        .map(|(url, html)| baohoa::page::parse(html, Some(url)))
        .collect();
    let found: usize = parsed.iter().map(|p| baohoa::page::fingerprint::extract(p).len()).sum();
    let bytes: u64 = pages.iter().map(|(_, h)| h.len() as u64).sum();
    eprintln!(
        "fingerprint bench: {} pages, {bytes} bytes of HTML, {found} fingerprints",
        pages.len()
    );
    let mut g = c.benchmark_group("fingerprint/real");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("scan-ids", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|(_, h)| baohoa::page::fingerprint::scan_ids(h).len())
                .sum::<usize>()
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            parsed
                .iter()
                .map(|p| baohoa::page::fingerprint::extract(p).len())
                .sum::<usize>()
        })
    });
    g.bench_function("page-stage", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|(url, html)| {
                    baohoa::page::features(&baohoa::page::parse(html, Some(url)), &models.page).main_text_chars
                })
                .sum::<u64>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
