//! Page-stage cost: `parse` and `features` over the real Vietnamese pages (BAOHOA_REALDATA), in bytes/s.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn pages() -> Vec<String> {
    let Some(root) = std::env::var_os("BAOHOA_REALDATA") else {
        eprintln!("BAOHOA_REALDATA unset: benchmarking a generated page");
        let mut h = String::from("<html><body><nav><a href='/'>Thời sự</a></nav><article>");
        for _ in 0..2000 {
            h.push_str("<p>Cơ quan chức năng đang điều tra vụ việc, theo thông tin ban đầu.</p>");
        }
        h.push_str("</article><footer>Giấy phép số 1/GP-BC. Tổng biên tập: Nguyễn Văn A</footer></body></html>");
        return vec![h];
    };
    let root = std::path::PathBuf::from(root);
    let mut out = Vec::new();
    for dir in [
        "vn-news-html-2012-myfeed",
        "vn-news-html-2026-tracking-news-mcp",
        "vn-news-html-misc",
    ] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for p in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
            if let Ok(b) = std::fs::read(&p) {
                out.push(baohoa::ingest::decode::decode_html(&b, None).html);
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let bytes: u64 = pages.iter().map(|p| p.len() as u64).sum();
    let models = baohoa::models::Models::load(&baohoa::models::ModelFiles::default()).expect("embedded models load");
    let parsed: Vec<_> = pages.iter().map(|h| baohoa::page::parse(h, None)).collect();
    let mut g = c.benchmark_group("page");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function("parse", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|h| baohoa::page::parse(h, None).blocks.len())
                .sum::<usize>()
        })
    });
    // The HTML parser alone (tree building), to see what dominates `parse`.
    g.bench_function("html5ever-tree-only", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|h| scraper::Html::parse_document(h).tree.nodes().count())
                .sum::<usize>()
        })
    });
    g.bench_function("features", |b| {
        b.iter(|| {
            parsed
                .iter()
                .map(|p| baohoa::page::features(p, &models.page).main_text_chars)
                .sum::<u64>()
        })
    });
    g.bench_function("parse+features", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|h| baohoa::page::features(&baohoa::page::parse(h, None), &models.page).main_text_chars)
                .sum::<u64>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
