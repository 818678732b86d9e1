//! `baohoa bench`: a deterministic generated corpus and per-stage / end-to-end throughput figures.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

use crate::ingest::warc_write::{Response, WarcWriter};
use crate::ingest::{Event, ReadOptions};
use crate::models::Models;
use crate::{Input, NoProgress, ScanOptions};

/// Default size of the generated corpus, in bytes of HTML.
pub const DEFAULT_CORPUS_HTML_BYTES: u64 = 200_000_000;

/// Folders of real Vietnamese pages under `BAOHOA_REALDATA` mixed into generated corpora.
pub const REAL_PAGE_DIRS: [&str; 3] = [
    "vn-news-html-2012-myfeed",
    "vn-news-html-2026-tracking-news-mcp",
    "vn-news-html-misc",
];

/// A page body to replicate, with the URL path it was captured under.
#[derive(Debug, Clone)]
pub struct SeedPage {
    pub url: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl SeedPage {
    /// The page features of this page (decoded with its content type, parsed, extracted; no
    /// registry look-ups), as the page stage sees it.
    pub fn features(&self, models: &crate::models::Models) -> crate::page::PageFeatures {
        let dec = crate::ingest::decode::decode_html(&self.body, Some(&self.content_type));
        let page = crate::page::parse(&dec.html, Some(&self.url));
        crate::page::features(&page, &models.page)
    }
}

/// The HTML pages of the embedded demo corpus.
pub fn demo_pages() -> Vec<SeedPage> {
    let mut out = Vec::new();
    let opts = ReadOptions::default();
    if let Ok((_, events)) = crate::ingest::open_reader(crate::DEMO_NAME.into(), Box::new(crate::DEMO_WARC), &opts) {
        for ev in events {
            if let Event::Record(r) = ev {
                out.push(SeedPage {
                    url: r.url.clone().unwrap_or_else(|| "http://demo.invalid/".into()),
                    content_type: r
                        .header("content-type")
                        .unwrap_or("text/html; charset=utf-8")
                        .to_owned(),
                    body: r.body,
                });
            }
        }
    }
    out
}

/// The real pages under `root` (the `vn-news-html-*` folders), sorted by path; empty when absent.
pub fn real_pages(root: &Path) -> Vec<SeedPage> {
    let mut out = Vec::new();
    for dir in REAL_PAGE_DIRS {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        files.sort();
        for p in files {
            if let Ok(body) = std::fs::read(&p) {
                let stem = p
                    .file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                out.push(SeedPage {
                    url: format!("https://realdata.invalid/{dir}/{stem}.html"),
                    content_type: "text/html".into(),
                    body,
                });
            }
        }
    }
    out
}

/// The seed pages of generated corpora: the demo pages, plus the real pages when `realdata` is given.
pub fn seed_pages(realdata: Option<&Path>) -> Vec<SeedPage> {
    let mut v = demo_pages();
    if let Some(r) = realdata {
        v.extend(real_pages(r));
    }
    v
}

/// Writes a per-record-gzip WARC of at least `html_bytes` bytes of HTML to `path`: the seed pages
/// replicated round-robin, each copy under its own URL on one of 997 generated sites. Deterministic.
/// Returns (records, HTML bytes).
pub fn write_corpus(path: &Path, seeds: &[SeedPage], html_bytes: u64) -> anyhow::Result<(u64, u64)> {
    anyhow::ensure!(!seeds.is_empty(), "no seed pages to build a corpus from");
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    let tmp = path.with_extension("tmp");
    let file = std::fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let mut w = WarcWriter::new(std::io::BufWriter::new(file), true);
    w.warcinfo("2026-11-20T00:00:00Z", "software: baohoa bench\r\n")?;
    let (mut n, mut bytes) = (0u64, 0u64);
    while bytes < html_bytes {
        let Some(s) = seeds.get((n % seeds.len() as u64) as usize) else {
            break;
        };
        let site = n.wrapping_mul(7919) % 997;
        let path_part = s
            .url
            .split_once("://")
            .map_or("", |(_, r)| r)
            .split_once('/')
            .map_or("", |(_, p)| p);
        let url = format!("https://site{site}.example.vn/{n}/{path_part}");
        let headers = [("Content-Type", s.content_type.as_str())];
        w.response(&Response {
            url: &url,
            date: "2026-11-20T08:00:00Z",
            status: 200,
            headers: &headers,
            body: &s.body,
        })?;
        n += 1;
        bytes += s.body.len() as u64;
    }
    let mut out = w.into_inner();
    out.flush()?;
    drop(out);
    std::fs::rename(&tmp, path).with_context(|| format!("cannot rename {} to {}", tmp.display(), path.display()))?;
    Ok((n, bytes))
}

/// Every distinct real HTML page under `root` (saved pages, `.html`/`.htm` or gzip `.html.gz`, in
/// every folder), once each, sorted by path; a body seen before (same bytes) is left out.
pub fn all_real_pages(root: &Path) -> Vec<SeedPage> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
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
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for p in files {
        let name = p.to_string_lossy();
        let body = if name.ends_with(".html") || name.ends_with(".htm") {
            std::fs::read(&p).ok()
        } else if name.ends_with(".html.gz") {
            std::fs::File::open(&p).ok().and_then(|f| {
                let mut b = Vec::new();
                std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(f), &mut b)
                    .ok()
                    .map(|_| b)
            })
        } else {
            None
        };
        let Some(body) = body else { continue };
        if !seen.insert(<sha2::Sha256 as sha2::Digest>::digest(&body)) {
            continue;
        }
        let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().replace(' ', "_");
        out.push(SeedPage {
            url: format!("https://realdata.invalid/{rel}"),
            content_type: "text/html".into(),
            body,
        });
    }
    out
}

/// The real-page corpus: every distinct real page under `realdata` once (no copies), written once
/// and cached at `dir/bench-realpages-<pages>p-<MB>mb.warc.gz`.
pub fn real_pages_corpus(dir: &Path, realdata: &Path) -> anyhow::Result<PathBuf> {
    let pages = all_real_pages(realdata);
    anyhow::ensure!(
        !pages.is_empty(),
        "no HTML pages under {} (BAOHOA_REALDATA); point it at the real-data folder",
        realdata.display()
    );
    let bytes: u64 = pages.iter().map(|p| p.body.len() as u64).sum();
    let path = dir.join(format!(
        "bench-realpages-{}p-{}mb.warc.gz",
        pages.len(),
        bytes / 1_000_000
    ));
    if !path.exists() {
        write_corpus(&path, &pages, bytes)?;
    }
    Ok(path)
}

/// The default bench corpus, generated once and cached at `dir/bench-<MB>mb.warc.gz`.
pub fn default_corpus(dir: &Path, realdata: Option<&Path>, html_bytes: u64) -> anyhow::Result<PathBuf> {
    let tag = if realdata.is_some() { "real" } else { "demo" };
    let path = dir.join(format!("bench-{tag}-{}mb.warc.gz", html_bytes / 1_000_000));
    if !path.exists() {
        write_corpus(&path, &seed_pages(realdata), html_bytes)?;
    }
    Ok(path)
}

/// Seconds and share of one stage.
#[derive(Debug, Clone, Serialize)]
pub struct StageFigure {
    pub stage: String,
    /// CPU seconds summed over workers (wall seconds for ingest, judge and report).
    pub seconds: f64,
    pub ms_per_mb: f64,
    pub share: f64,
}

/// End-to-end figures of one run at some thread count.
#[derive(Debug, Clone, Serialize)]
pub struct RunFigure {
    pub threads: usize,
    pub wall_seconds: f64,
    pub html_mb_per_s: f64,
    pub html_mb_per_s_per_core: f64,
    pub pages_per_s: f64,
    pub pages_per_s_per_core: f64,
}

/// What `baohoa bench` measured.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub parser: crate::page::ParserKind,
    pub inputs: Vec<String>,
    pub input_bytes: u64,
    pub html_bytes: u64,
    pub pages: u64,
    pub stages: Vec<StageFigure>,
    pub runs: Vec<RunFigure>,
    /// Peak resident set size of the process (VmHWM), bytes; 0 when unknown.
    pub peak_rss_bytes: u64,
}

/// Reads every input to its end (gunzip + WARC/HTTP parsing, no HTML work); returns (seconds, pages).
pub fn ingest_only(inputs: &[Input]) -> anyhow::Result<(f64, u64)> {
    let t = Instant::now();
    let opts = ReadOptions::default();
    let mut pages = 0u64;
    for i in inputs {
        let reader: Box<dyn std::io::Read + Send> = match i {
            Input::Path(p) => Box::new(std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))?),
            Input::Stdin { head } => Box::new(Input::stdin_reader(head)),
            Input::Embedded { bytes, .. } => Box::new(*bytes),
        };
        let (_, events) =
            crate::ingest::open_reader(i.name().into(), reader, &opts).map_err(|e| anyhow::anyhow!("{e}"))?;
        pages += events.filter(|e| matches!(e, Event::Record(_))).count() as u64;
    }
    Ok((t.elapsed().as_secs_f64(), pages))
}

/// Runs the whole pipeline (map, judge, report into `out`) over `inputs` once per thread count.
/// Stage figures come from the first run (the single-thread one when `threads` starts with 1).
pub fn run(
    inputs: &[Input],
    threads: &[usize],
    parser: crate::page::ParserKind,
    models: &Models,
    out: &Path,
) -> anyhow::Result<BenchReport> {
    let (ingest_s, _) = ingest_only(inputs)?;
    let mut runs = Vec::new();
    let mut stages = Vec::new();
    let (mut html_bytes, mut pages, mut input_bytes) = (0, 0, 0);
    for (k, &n) in threads.iter().enumerate() {
        let opts = ScanOptions {
            threads: n,
            parser,
            ..ScanOptions::default()
        };
        let t = Instant::now();
        let m = crate::scan(inputs, &opts, models, &crate::Carry::default(), out, &NoProgress)?;
        let wall = t.elapsed().as_secs_f64();
        let m = &m;
        html_bytes = m.counts.html_bytes;
        pages = m.counts.html_records;
        input_bytes = m.counts.input_bytes;
        let mb = html_bytes as f64 / 1e6;
        runs.push(RunFigure {
            threads: n,
            wall_seconds: wall,
            html_mb_per_s: mb / wall,
            html_mb_per_s_per_core: mb / wall / n as f64,
            pages_per_s: pages as f64 / wall,
            pages_per_s_per_core: pages as f64 / wall / n as f64,
        });
        if k == 0 {
            let s = &m.stage_seconds;
            let list = [
                ("ingest", ingest_s),
                ("decode", s.decode),
                ("parse", s.parse),
                ("features", s.features),
                ("tone", s.tone),
                ("fold", s.fold),
                ("judge", s.judge),
                ("report", s.report),
            ];
            let total: f64 = list.iter().map(|(_, v)| v).sum::<f64>().max(1e-9);
            stages = list
                .iter()
                .map(|(name, v)| StageFigure {
                    stage: (*name).into(),
                    seconds: *v,
                    ms_per_mb: v * 1e3 / mb.max(1e-9),
                    share: v / total,
                })
                .collect();
        }
    }
    Ok(BenchReport {
        parser,
        inputs: inputs.iter().map(Input::name).collect(),
        input_bytes,
        html_bytes,
        pages,
        stages,
        runs,
        peak_rss_bytes: peak_rss(),
    })
}

/// Peak resident set size of this process (`VmHWM` in /proc/self/status), bytes; 0 when unknown.
pub fn peak_rss() -> u64 {
    let Ok(s) = std::fs::read_to_string("/proc/self/status") else {
        return 0;
    };
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// The report as a readable table.
pub fn render(r: &BenchReport) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "input: {} ({:.1} MB stored, {:.1} MB of HTML, {} pages); parser: {:?}\n\n",
        r.inputs.join(", "),
        r.input_bytes as f64 / 1e6,
        r.html_bytes as f64 / 1e6,
        r.pages,
        r.parser
    ));
    s.push_str("stage        seconds   ms/MB   share\n");
    for st in &r.stages {
        s.push_str(&format!(
            "{:<10} {:>9.2} {:>7.2} {:>6.1}%\n",
            st.stage,
            st.seconds,
            st.ms_per_mb,
            st.share * 100.0
        ));
    }
    s.push_str(
        "(ingest: a separate single-thread read pass; judge, report: wall; others: CPU summed over workers)\n\n",
    );
    s.push_str("threads   wall s   MB/s  MB/s/core  pages/s  pages/s/core\n");
    for x in &r.runs {
        s.push_str(&format!(
            "{:>7} {:>8.2} {:>6.1} {:>10.1} {:>8.0} {:>13.0}\n",
            x.threads, x.wall_seconds, x.html_mb_per_s, x.html_mb_per_s_per_core, x.pages_per_s, x.pages_per_s_per_core
        ));
    }
    s.push_str(&format!("\npeak RSS: {:.1} MB\n", r.peak_rss_bytes as f64 / 1e6));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_is_deterministic_and_readable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let seeds = demo_pages();
        assert!(!seeds.is_empty());
        let a = dir.path().join("a.warc.gz");
        let b = dir.path().join("b.warc.gz");
        let (n, bytes) = write_corpus(&a, &seeds, 300_000).expect("corpus a");
        write_corpus(&b, &seeds, 300_000).expect("corpus b");
        assert!(bytes >= 300_000 && n > 0);
        assert_eq!(std::fs::read(&a).ok(), std::fs::read(&b).ok());
        let (_, pages) = ingest_only(&[Input::Path(a)]).expect("read back");
        assert_eq!(pages, n);
    }
}
