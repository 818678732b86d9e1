//! Main-text evaluation on the two extraction benchmarks, split dev / held-out by page-id hash
//! (shared by `examples/content_eval` and `tests/content_realdata.rs`).
//!
//! Split rule: a page is **held out** when the first byte of SHA-256 of its id is odd, else it is
//! **dev**. The id is the `ground-truth.json` key for the article-extraction benchmark (Zyte) and
//! the page's `file` name for the trafilatura evaluation pages. `scripts/trafilatura_compare.py`
//! applies the same rule. Tune only on dev.
//!
//! Tokens for F1: maximal runs of alphanumeric characters, lower-cased, compared as bags.
#![allow(dead_code)]
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;
use sha2::{Digest, Sha256};

/// The real-data folder, or None (with the reason printed) when BAOHOA_REALDATA is unset.
pub fn realdata() -> Option<PathBuf> {
    match std::env::var_os("BAOHOA_REALDATA") {
        Some(d) => Some(PathBuf::from(d)),
        None => {
            eprintln!("skipping: BAOHOA_REALDATA is not set (point it at ../shared/realdata)");
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Dev,
    HeldOut,
}

impl Split {
    pub fn name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::HeldOut => "held-out",
        }
    }
}

/// The split of page `id` (see the module doc).
pub fn split_of(id: &str) -> Split {
    let h = Sha256::digest(id.as_bytes());
    if h.first().is_some_and(|b| b & 1 == 1) {
        Split::HeldOut
    } else {
        Split::Dev
    }
}

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

/// Whitespace squashed to single spaces (snippets are matched on this).
pub fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One article-extraction-benchmark page.
#[derive(Debug, Clone)]
pub struct ZytePage {
    pub id: String,
    pub split: Split,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub text: String,
}

/// One trafilatura evaluation page.
#[derive(Debug, Clone)]
pub struct SnippetPage {
    pub file: String,
    pub split: Split,
    pub with_n: usize,
    pub without_n: usize,
    /// `with` snippets not found in the main text.
    pub missing: Vec<String>,
    /// `without` snippets found in the main text.
    pub leaked: Vec<String>,
    pub text: String,
}

/// Everything measured.
#[derive(Debug, Clone, Default)]
pub struct Eval {
    pub zyte: Vec<ZytePage>,
    pub snippets: Vec<SnippetPage>,
    /// Bytes of HTML and nanoseconds spent in parse + features.
    pub bytes: usize,
    pub nanos: u128,
}

/// The figures of one split (None = both).
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
    pub zyte_pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub mean_f1: f64,
    pub te_pages: usize,
    pub with_ok: usize,
    pub with_n: usize,
    pub without_ok: usize,
    pub without_n: usize,
}

impl Figures {
    pub fn with_share(&self) -> f64 {
        self.with_ok as f64 / self.with_n.max(1) as f64
    }
    pub fn without_share(&self) -> f64 {
        self.without_ok as f64 / self.without_n.max(1) as f64
    }
    pub fn line(&self) -> String {
        format!(
            "Zyte {} pages: P {:.3} R {:.3} mean F1 {:.3} | trafilatura-eval {} pages: with-snippets present {}/{} ({:.1}%), without-snippets absent {}/{} ({:.1}%)",
            self.zyte_pages,
            self.precision,
            self.recall,
            self.mean_f1,
            self.te_pages,
            self.with_ok,
            self.with_n,
            100.0 * self.with_share(),
            self.without_ok,
            self.without_n,
            100.0 * self.without_share()
        )
    }
}

impl Eval {
    pub fn figures(&self, split: Option<Split>) -> Figures {
        let keep = |s: Split| split.is_none_or(|x| x == s);
        let mut f = Figures::default();
        for z in self.zyte.iter().filter(|z| keep(z.split)) {
            f.zyte_pages += 1;
            f.precision += z.precision;
            f.recall += z.recall;
            f.mean_f1 += z.f1;
        }
        let n = f.zyte_pages.max(1) as f64;
        f.precision /= n;
        f.recall /= n;
        f.mean_f1 /= n;
        for s in self.snippets.iter().filter(|s| keep(s.split)) {
            f.te_pages += 1;
            f.with_n += s.with_n;
            f.with_ok += s.with_n - s.missing.len();
            f.without_n += s.without_n;
            f.without_ok += s.without_n - s.leaked.len();
        }
        f
    }
}

/// The main text baohoa extracts from raw page bytes (decode, parse, page features).
pub fn baohoa_main_text(models: &baohoa::models::Models, raw: &[u8], url: Option<&str>) -> String {
    let dec = baohoa::ingest::decode::decode_html(raw, None);
    let page = baohoa::page::parse(&dec.html, url);
    baohoa::page::features(&page, &models.page).main_text
}

fn strs(v: &serde_json::Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(|x| x.as_array())
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect()
}

/// Runs the extractor over both benchmarks under `root` (only pages of `split`, or all).
pub fn evaluate(root: &Path, split: Option<Split>) -> anyhow::Result<Eval> {
    let models = baohoa::models::Models::load(&baohoa::models::ModelFiles::default())?;
    let mut out = Eval::default();
    let keep = |s: Split| split.is_none_or(|x| x == s);

    let aeb = root.join("article-extraction-benchmark");
    let gt_path = aeb.join("ground-truth.json");
    let gt_text = std::fs::read_to_string(&gt_path).with_context(|| {
        format!(
            "reading {}; set BAOHOA_REALDATA to the realdata folder",
            gt_path.display()
        )
    })?;
    let gt: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&gt_text).with_context(|| format!("parsing {}", gt_path.display()))?;
    let mut ids: Vec<&String> = gt.keys().collect();
    ids.sort();
    for id in ids {
        let sp = split_of(id);
        if !keep(sp) {
            continue;
        }
        let path = aeb.join("html").join(format!("{id}.html.gz"));
        let f = std::fs::File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(f)
            .read_to_end(&mut raw)
            .with_context(|| format!("gunzip {}", path.display()))?;
        let truth = gt[id].get("articleBody").and_then(|v| v.as_str()).unwrap_or("");
        let url = gt[id].get("url").and_then(|v| v.as_str());
        let t0 = std::time::Instant::now();
        let text = baohoa_main_text(&models, &raw, url);
        out.nanos += t0.elapsed().as_nanos();
        out.bytes += raw.len();
        let (precision, recall, f1) = prf(&text, truth);
        out.zyte.push(ZytePage {
            id: id.clone(),
            split: sp,
            precision,
            recall,
            f1,
            text,
        });
    }

    let te = root.join("trafilatura-eval");
    let ev_path = te.join("evaldata.json");
    let ev: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(&ev_path).with_context(|| format!("reading {}", ev_path.display()))?,
    )
    .with_context(|| format!("parsing {}", ev_path.display()))?;
    let mut keys: Vec<&String> = ev.keys().collect();
    keys.sort();
    for key in keys {
        let v = &ev[key];
        let Some(file) = v.get("file").and_then(|f| f.as_str()) else {
            anyhow::bail!("{}: entry {key:?} has no \"file\"", ev_path.display());
        };
        let sp = split_of(file);
        if !keep(sp) {
            continue;
        }
        let path = te.join("pages").join(file);
        let raw = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let t0 = std::time::Instant::now();
        let text = baohoa_main_text(&models, &raw, key.split("::").last());
        out.nanos += t0.elapsed().as_nanos();
        out.bytes += raw.len();
        let flat = norm(&text);
        let with = strs(v, "with");
        let without = strs(v, "without");
        out.snippets.push(SnippetPage {
            file: file.to_owned(),
            split: sp,
            with_n: with.len(),
            without_n: without.len(),
            missing: with.into_iter().filter(|s| !flat.contains(&norm(s))).collect(),
            leaked: without.into_iter().filter(|s| flat.contains(&norm(s))).collect(),
            text,
        });
    }
    Ok(out)
}
