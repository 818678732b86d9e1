//! Differential test: the streaming parser (`parse_fast`) and the DOM parser (`parse`, scraper) give
//! the same `PageFeatures` on every real page under BAOHOA_REALDATA and on the demo corpus.
use std::path::{Path, PathBuf};

use baohoa::models::{ModelFiles, Models};
use baohoa::page::{self, parse_fast::parse_fast};

/// Every HTML document of the real data: saved pages (plain or gzip) and HTML records of the WARCs.
fn real_documents(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    let mut files: Vec<PathBuf> = Vec::new();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    for p in files {
        let name = p.to_string_lossy().into_owned();
        if name.ends_with(".html") || name.ends_with(".htm") {
            if let Ok(b) = std::fs::read(&p) {
                out.push((name, b));
            }
        } else if name.ends_with(".html.gz") {
            let Ok(f) = std::fs::File::open(&p) else { continue };
            let mut b = Vec::new();
            if std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(f), &mut b).is_ok() {
                out.push((name, b));
            }
        } else if name.contains("warc-samples") {
            let Ok((_, events)) = baohoa::ingest::open(&p, &Default::default()) else {
                continue;
            };
            for ev in events {
                if let baohoa::ingest::Event::Record(r) = ev {
                    out.push((r.address(), r.body));
                }
            }
        }
    }
    out
}

fn features_json(html: &str, url: &str, fast: bool, models: &Models) -> serde_json::Value {
    let p = if fast {
        parse_fast(html, Some(url))
    } else {
        page::parse::parse_scraper(html, Some(url))
    };
    serde_json::to_value(page::features(&p, &models.page)).unwrap_or_default()
}

/// Field-by-field differences of two feature objects.
fn diff(a: &serde_json::Value, b: &serde_json::Value) -> Vec<String> {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return vec!["not objects".into()];
    };
    a.iter()
        .filter(|(k, v)| b.get(*k) != Some(*v))
        .map(|(k, v)| {
            let cut = |x: String| x.chars().take(300).collect::<String>();
            format!(
                "  {k}: scraper={} fast={}",
                cut(v.to_string()),
                cut(b.get(k).map(|x| x.to_string()).unwrap_or_default())
            )
        })
        .collect()
}

fn check(docs: &[(String, Vec<u8>)], models: &Models) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut page_diffs = Vec::new();
    for (name, body) in docs {
        let html = baohoa::ingest::decode::decode_html(body, None).html;
        let url = "https://example.vn/a/b.html";
        let (pa, pb) = (
            page::parse::parse_scraper(&html, Some(url)),
            parse_fast(&html, Some(url)),
        );
        if pa != pb {
            let (ja, jb) = (
                serde_json::to_value(&pa).unwrap_or_default(),
                serde_json::to_value(&pb).unwrap_or_default(),
            );
            let fields: Vec<String> = ja
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, v)| jb.get(k.as_str()) != Some(*v))
                .map(|(k, v)| {
                    let len = |x: Option<&serde_json::Value>| x.and_then(|x| x.as_array()).map_or(0, Vec::len);
                    format!("{k} ({}/{})", len(Some(v)), len(jb.get(k.as_str())))
                })
                .collect();
            page_diffs.push(format!(
                "{} [{}]",
                name.rsplit('/').next().unwrap_or(name),
                fields.join(", ")
            ));
        }
        let a = features_json(&html, url, false, models);
        let b = features_json(&html, url, true, models);
        if a != b {
            failures.push(format!("{name}:\n{}", diff(&a, &b).join("\n")));
        }
    }
    // The flat `Page` is compared too: it is stricter than the features.
    eprintln!(
        "{} of {} documents give a different Page:",
        page_diffs.len(),
        docs.len()
    );
    for d in &page_diffs {
        eprintln!("  {d}");
    }
    failures.extend(page_diffs.iter().map(|d| format!("Page differs: {d}")));
    (docs.len(), failures)
}

#[test]
fn fast_parser_matches_scraper_on_demo_pages() {
    let models = Models::load(&ModelFiles::default()).expect("embedded models load");
    let docs: Vec<(String, Vec<u8>)> = baohoa::tools::bench::demo_pages()
        .into_iter()
        .map(|s| (s.url, s.body))
        .collect();
    let (n, failures) = check(&docs, &models);
    assert!(n > 10);
    assert!(
        failures.is_empty(),
        "{} of {n} demo pages differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn fast_parser_matches_scraper_on_real_pages() {
    let Some(root) = std::env::var_os("BAOHOA_REALDATA") else {
        eprintln!("BAOHOA_REALDATA unset: skipping the differential test on real pages");
        return;
    };
    let models = Models::load(&ModelFiles::default()).expect("embedded models load");
    let docs = real_documents(Path::new(&root));
    let (n, failures) = check(&docs, &models);
    eprintln!("{n} real documents compared, {} differ", failures.len());
    assert!(n > 150, "expected the real pages under {root:?}, found {n}");
    assert!(
        failures.is_empty(),
        "{} of {n} real documents differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
