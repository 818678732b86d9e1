//! Main-text evaluator: token precision/recall/F1 on the article-extraction benchmark and the
//! with/without snippet checks of the trafilatura evaluation pages.
//!
//! `BAOHOA_REALDATA=/work/shared/realdata cargo run --release --example content_eval [-- --dump OUT.json]`
//! Tokens: maximal runs of alphanumeric characters, lower-cased (the same rule as
//! `scripts/trafilatura_compare.py`, so the figures are comparable).
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use anyhow::Context;

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// (precision, recall, f1) of `pred` against `truth`, bag of tokens.
pub fn prf(pred: &str, truth: &str) -> (f64, f64, f64) {
    let p = tokens(pred);
    let t = tokens(truth);
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for x in &t {
        *counts.entry(x.as_str()).or_default() += 1;
    }
    let mut common = 0i64;
    for x in &p {
        if let Some(c) = counts.get_mut(x.as_str())
            && *c > 0
        {
            *c -= 1;
            common += 1;
        }
    }
    if p.is_empty() || t.is_empty() || common == 0 {
        return (0.0, 0.0, 0.0);
    }
    let pr = common as f64 / p.len() as f64;
    let rc = common as f64 / t.len() as f64;
    (pr, rc, 2.0 * pr * rc / (pr + rc))
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn main() -> anyhow::Result<()> {
    let root = std::env::var("BAOHOA_REALDATA").unwrap_or_else(|_| "../shared/realdata".into());
    let root = Path::new(&root);
    let dump = std::env::args().skip_while(|a| a != "--dump").nth(1);
    let models = baohoa::models::Models::load(&baohoa::models::ModelFiles::default())?;
    let mut dumped = serde_json::Map::new();

    // 1. Article-extraction benchmark.
    let aeb = root.join("article-extraction-benchmark");
    let gt_text = std::fs::read_to_string(aeb.join("ground-truth.json"))
        .with_context(|| format!("reading {}/ground-truth.json; set BAOHOA_REALDATA", aeb.display()))?;
    let gt: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&gt_text)?;
    let mut ids: Vec<&String> = gt.keys().collect();
    ids.sort();
    let (mut sp, mut sr, mut sf, mut n, mut bytes, mut nanos) = (0.0, 0.0, 0.0, 0usize, 0usize, 0u128);
    for id in ids {
        let path = aeb.join("html").join(format!("{id}.html.gz"));
        let Ok(f) = std::fs::File::open(&path) else {
            eprintln!("missing {}", path.display());
            continue;
        };
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(f).read_to_end(&mut raw)?;
        let truth = gt[id].get("articleBody").and_then(|v| v.as_str()).unwrap_or("");
        let url = gt[id].get("url").and_then(|v| v.as_str());
        let t0 = std::time::Instant::now();
        let dec = baohoa::ingest::decode::decode_html(&raw, None);
        let page = baohoa::page::parse(&dec.html, url);
        let feats = baohoa::page::features(&page, &models.page);
        nanos += t0.elapsed().as_nanos();
        bytes += raw.len();
        let (p, r, f1) = prf(&feats.main_text, truth);
        if std::env::var_os("VERBOSE").is_some() {
            println!("{id:.12}\tP={p:.3}\tR={r:.3}\tF1={f1:.3}");
        }
        if dump.is_some() {
            dumped.insert(id.clone(), serde_json::Value::String(feats.main_text.clone()));
        }
        sp += p;
        sr += r;
        sf += f1;
        n += 1;
    }
    let nf = n.max(1) as f64;
    let (mp, mr) = (sp / nf, sr / nf);
    println!(
        "article-extraction-benchmark: {n} pages, precision {mp:.3}, recall {mr:.3}, mean F1 {:.3}, F1 of means {:.3}; {:.1} ms/MB (parse+features, this build)",
        sf / nf,
        2.0 * mp * mr / (mp + mr).max(1e-9),
        nanos as f64 / 1e6 / (bytes as f64 / 1e6).max(1e-9)
    );

    // 2. Trafilatura evaluation pages: `with` snippets present, `without` absent.
    let te = root.join("trafilatura-eval");
    let ev: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(te.join("evaldata.json")).context("reading evaldata.json")?)?;
    let (mut with_ok, mut with_n, mut wo_ok, mut wo_n, mut pages) = (0, 0, 0, 0, 0);
    for (url, v) in &ev {
        let Some(file) = v.get("file").and_then(|f| f.as_str()) else {
            continue;
        };
        let Ok(raw) = std::fs::read(te.join("pages").join(file)) else {
            eprintln!("missing page {file}");
            continue;
        };
        pages += 1;
        let dec = baohoa::ingest::decode::decode_html(&raw, None);
        let page = baohoa::page::parse(&dec.html, url.split("::").last());
        let feats = baohoa::page::features(&page, &models.page);
        let text = norm(&feats.main_text);
        for s in v
            .get("with")
            .and_then(|x| x.as_array())
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str())
        {
            with_n += 1;
            if text.contains(&norm(s)) {
                with_ok += 1;
            }
        }
        for s in v
            .get("without")
            .and_then(|x| x.as_array())
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str())
        {
            wo_n += 1;
            if !text.contains(&norm(s)) {
                wo_ok += 1;
            }
        }
        if dump.is_some() {
            dumped.insert(format!("te:{file}"), serde_json::Value::String(feats.main_text));
        }
    }
    println!(
        "trafilatura-eval: {pages} pages, with-snippets present {with_ok}/{with_n} ({:.1}%), without-snippets absent {wo_ok}/{wo_n} ({:.1}%)",
        100.0 * with_ok as f64 / with_n.max(1) as f64,
        100.0 * wo_ok as f64 / wo_n.max(1) as f64
    );
    if let Some(out) = dump {
        std::fs::write(&out, serde_json::to_string(&dumped)?)?;
    }
    Ok(())
}
