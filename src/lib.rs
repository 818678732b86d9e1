//! baohoa finds báo hóa (newspaperization) in crawl dumps. The pipeline on one screen:
//! ingest → page → site → judge → report; `scan` = `reduce(map(shard)…)` then the outputs.
pub mod bench;
pub mod domain;
pub mod eval;
pub mod ingest;
pub mod judge;
pub mod models;
pub mod page;
pub mod registry;
pub mod report;
pub mod site;
pub mod synth;
pub mod text;
pub mod tone;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::ingest::{Event, ReadOptions, Record, RecordError};
use crate::models::Models;
use crate::page::PageFeatures;
use crate::report::manifest::{InputReport, MAX_LISTED_ERRORS, RunManifest, StageTimes};
use crate::site::{SiteAggregate, Sites};

/// The demo corpus embedded in the binary: `scan` with no input reads both parts. The hand-written
/// part (8 fictional sites, `corpora/demo/pages/`) and a generated part (`baohoa synth --sites 15
/// --seed 3 -o corpora/demo/generated`), together showing every kind of finding.
pub const DEMO_NAME: &str = "corpora/demo/demo.warc.gz";
pub static DEMO_WARC: &[u8] = include_bytes!("../corpora/demo/demo.warc.gz");
pub const DEMO_GENERATED_NAME: &str = "corpora/demo/generated/warc/synth-00000.warc.gz";
pub static DEMO_GENERATED_WARC: &[u8] = include_bytes!("../corpora/demo/generated/warc/synth-00000.warc.gz");

/// The inputs of the embedded demo.
pub fn demo_inputs() -> Vec<Input> {
    vec![
        Input::Embedded {
            name: DEMO_NAME.into(),
            bytes: DEMO_WARC,
        },
        Input::Embedded {
            name: DEMO_GENERATED_NAME.into(),
            bytes: DEMO_GENERATED_WARC,
        },
    ]
}

/// Registry entries of the demo corpus's fictional outlets, added when the demo is scanned.
pub static DEMO_REGISTRY: [(&str, &str, registry::RegistryKind); 6] = [
    (
        "corpora/demo/registry/press.csv",
        include_str!("../corpora/demo/registry/press.csv"),
        registry::RegistryKind::Press,
    ),
    (
        "corpora/demo/registry/aggregate.csv",
        include_str!("../corpora/demo/registry/aggregate.csv"),
        registry::RegistryKind::Aggregate,
    ),
    (
        "corpora/demo/registry/social.csv",
        include_str!("../corpora/demo/registry/social.csv"),
        registry::RegistryKind::Social,
    ),
    (
        "corpora/demo/generated/registry/press.csv",
        include_str!("../corpora/demo/generated/registry/press.csv"),
        registry::RegistryKind::Press,
    ),
    (
        "corpora/demo/generated/registry/aggregate.csv",
        include_str!("../corpora/demo/generated/registry/aggregate.csv"),
        registry::RegistryKind::Aggregate,
    ),
    (
        "corpora/demo/generated/registry/social.csv",
        include_str!("../corpora/demo/generated/registry/social.csv"),
        registry::RegistryKind::Social,
    ),
];

/// Models for scanning the embedded demo: the given models with the demo registry added.
pub fn with_demo_registry(mut models: Models) -> anyhow::Result<Models> {
    models.registry = std::mem::take(&mut models.registry).extended(&DEMO_REGISTRY)?;
    Ok(models)
}

/// Site key of pages whose URL is unknown (saved HTML without a canonical URL).
pub const UNKNOWN_SITE: &str = "(unknown)";

/// One input of a scan.
#[derive(Debug, Clone)]
pub enum Input {
    Path(PathBuf),
    Embedded { name: String, bytes: &'static [u8] },
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.to_string_lossy().into_owned(),
            Input::Embedded { name, .. } => name.clone(),
        }
    }

    /// Size in bytes, 0 when unknown.
    pub fn size(&self) -> u64 {
        match self {
            Input::Path(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            Input::Embedded { bytes, .. } => bytes.len() as u64,
        }
    }
}

/// Settings of a scan.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub threads: usize,
    pub max_page_bytes: usize,
    /// HTML parser (both give the same features; `Fast` is the default).
    pub parser: page::ParserKind,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            threads: std::thread::available_parallelism().map_or(1, usize::from),
            max_page_bytes: ingest::DEFAULT_MAX_PAGE_BYTES,
            parser: page::ParserKind::default(),
        }
    }
}

/// Progress callbacks (the CLI draws bars with them; tests pass [`NoProgress`]).
pub trait Progress: Sync {
    fn input_bytes(&self, _n: u64) {}
    fn page(&self, _html_bytes: u64) {}
    fn damaged(&self) {}
}

/// Reports nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Version of the partial-result format written by `map` and read by `reduce`.
pub const PARTIAL_VERSION: u32 = 1;

/// The result of `map` over some inputs: site aggregates plus the run accounting. Mergeable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Partial {
    pub format: String,
    pub version: u32,
    pub sites: Sites,
    pub manifest: RunManifest,
}

/// Time per page stage, in nanoseconds, summed over pages.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageNanos {
    pub decode: u64,
    pub parse: u64,
    pub features: u64,
    pub tone: u64,
    pub fold: u64,
}

/// Decodes, parses and extracts the features of one record: page features, the tone of article
/// items, the places they name, and cited outlets resolved through the registry.
pub fn analyse(rec: &Record, models: &Models, t: &mut StageNanos) -> PageFeatures {
    analyse_with(rec, models, page::ParserKind::default(), t)
}

/// [`analyse`] with a chosen HTML parser.
pub fn analyse_with(rec: &Record, models: &Models, parser: page::ParserKind, t: &mut StageNanos) -> PageFeatures {
    let t0 = Instant::now();
    let dec = ingest::decode::decode_html(&rec.body, rec.header("content-type"));
    let t1 = Instant::now();
    let mut page = page::parse_with(parser, &dec.html, rec.url.as_deref());
    page.truncated |= rec.truncated;
    let t2 = Instant::now();
    let mut f = page::features(&page, &models.page);
    f.site = site_key_in(&f.url, &models.registry);
    for a in &mut f.attributions {
        let by_link = a.link_domain.as_deref().and_then(|d| models.registry.lookup_domain(d));
        let outlet = by_link
            .map(|(o, _)| o)
            .or_else(|| models.registry.outlet_by_name(&a.outlet));
        a.registry_domain = outlet.map(|o| o.main_domain().to_owned());
    }
    let t3 = Instant::now();
    if f.is_article {
        let tone = tone::score(&models.tone, &f.title, &f.lead, &f.main_text);
        let mut head = String::with_capacity(f.title.len() + f.lead.len() + 1);
        head.push_str(&f.title);
        head.push('\n');
        head.push_str(&f.lead);
        f.places = models.domain.places_in(&head);
        f.tone = Some(tone);
    }
    let t4 = Instant::now();
    t.decode += (t1 - t0).as_nanos() as u64;
    t.parse += (t2 - t1).as_nanos() as u64;
    t.features += (t3 - t2).as_nanos() as u64;
    t.tone += (t4 - t3).as_nanos() as u64;
    f
}

/// The site a URL belongs to: the host itself when the registry lists it as an outlet's domain
/// (an outlet on a portal's subdomain, `news.zing.vn`), else [`site_key`].
pub fn site_key_in(url: &str, registry: &registry::Registry) -> String {
    match domain::url_host(url) {
        Some(h) if registry.lists_host(&h) && h.contains('.') => h.trim_start_matches("www.").to_owned(),
        _ => site_key(url),
    }
}

/// The site a URL belongs to: its registrable domain, or [`UNKNOWN_SITE`].
pub fn site_key(url: &str) -> String {
    match domain::url_host(url) {
        Some(h) if !h.is_empty() => domain::registrable_domain(&h),
        _ => UNKNOWN_SITE.to_owned(),
    }
}

#[derive(Default)]
struct Acc {
    sites: Sites,
    t: StageNanos,
    html_records: u64,
    html_bytes: u64,
    truncated: u64,
}

impl Acc {
    fn merge(mut self, o: Acc) -> Acc {
        site::merge_sites(&mut self.sites, o.sites);
        self.t.decode += o.t.decode;
        self.t.parse += o.t.parse;
        self.t.features += o.t.features;
        self.t.tone += o.t.tone;
        self.t.fold += o.t.fold;
        self.html_records += o.html_records;
        self.html_bytes += o.html_bytes;
        self.truncated += o.truncated;
        self
    }
}

/// Analyses one record and folds it into a worker's accumulator.
fn fold_record(acc: &mut Acc, rec: &Record, models: &Models, parser: page::ParserKind, progress: &dyn Progress) {
    let f = analyse_with(rec, models, parser, &mut acc.t);
    let t = Instant::now();
    acc.html_records += 1;
    acc.html_bytes += rec.body.len() as u64;
    acc.truncated += u64::from(rec.truncated);
    progress.page(rec.body.len() as u64);
    match acc.sites.get_mut(&f.site) {
        Some(a) => a.add(&f),
        None => {
            let mut a = SiteAggregate::new(&f.site);
            a.add(&f);
            acc.sites.insert(f.site.clone(), a);
        }
    }
    acc.t.fold += t.elapsed().as_nanos() as u64;
}

/// Reads `inputs` with `opts.threads` workers and folds every page into site aggregates.
pub fn map(inputs: &[Input], opts: &ScanOptions, models: &Models, progress: &dyn Progress) -> anyhow::Result<Partial> {
    let started = std::time::SystemTime::now();
    let wall = Instant::now();
    let threads = opts.threads.max(1);
    let read_opts = ReadOptions {
        max_page_bytes: opts.max_page_bytes,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("baohoa-worker-{i}"))
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start {threads} worker threads: {e}"))?;
    let (tx, rx) = crossbeam_channel::bounded::<Record>(threads * 4);
    let next = AtomicUsize::new(0);
    let readers = threads.min(inputs.len()).max(1);

    let (acc, mut reports) = std::thread::scope(|s| {
        let mut handles = Vec::new();
        for _ in 0..readers {
            let tx = tx.clone();
            let next = &next;
            let read_opts = &read_opts;
            handles.push(s.spawn(move || {
                let mut reports = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    reports.push(read_input(input, read_opts, &tx, progress));
                }
                reports
            }));
        }
        drop(tx);
        // One accumulator per worker thread (not per rayon split): memory holds `threads` copies
        // of the per-site state at most, however many records stream through.
        let accs = std::sync::Mutex::new(Vec::with_capacity(threads));
        pool.scope(|s| {
            for _ in 0..threads {
                let rx = rx.clone();
                let accs = &accs;
                s.spawn(move |_| {
                    let mut acc = Acc::default();
                    for rec in rx {
                        fold_record(&mut acc, &rec, models, opts.parser, progress);
                    }
                    if let Ok(mut v) = accs.lock() {
                        v.push(acc);
                    }
                });
            }
        });
        drop(rx);
        let acc = accs
            .into_inner()
            .unwrap_or_default()
            .into_iter()
            .fold(Acc::default(), Acc::merge);
        let reports: Vec<(InputReport, Vec<RecordError>)> =
            handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect();
        (acc, reports)
    });

    reports.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut m = RunManifest {
        schema: report::SCHEMA,
        tool: "baohoa".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        models_hash: models.hash.clone(),
        started_at: report::manifest::rfc3339(started.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())),
        threads,
        max_page_bytes: opts.max_page_bytes,
        ..RunManifest::default()
    };
    for (r, errs) in reports {
        m.counts.inputs += 1;
        m.counts.inputs_failed += u64::from(r.error.is_some());
        m.counts.input_bytes += r.bytes;
        m.counts.damaged += r.damaged;
        for (k, v) in &r.skipped {
            *m.counts.skipped.entry(*k).or_default() += v;
        }
        m.errors.extend(errs);
        m.inputs.push(r);
    }
    m.counts.html_records = acc.html_records;
    m.counts.html_bytes = acc.html_bytes;
    m.counts.pages_truncated = acc.truncated;
    m.stage_seconds = StageTimes {
        decode: acc.t.decode as f64 / 1e9,
        parse: acc.t.parse as f64 / 1e9,
        features: acc.t.features as f64 / 1e9,
        tone: acc.t.tone as f64 / 1e9,
        fold: acc.t.fold as f64 / 1e9,
        ..StageTimes::default()
    };
    m.throughput.wall_seconds = wall.elapsed().as_secs_f64();
    finish_manifest(&mut m, &acc.sites);
    Ok(Partial {
        format: "baohoa-partial".into(),
        version: PARTIAL_VERSION,
        sites: acc.sites,
        manifest: m,
    })
}

/// Merges partial results (from `map` over disjoint shards) into one. Order does not matter.
pub fn reduce(parts: Vec<Partial>) -> Partial {
    let mut out = Partial {
        format: "baohoa-partial".into(),
        version: PARTIAL_VERSION,
        ..Partial::default()
    };
    let mut first = true;
    for p in parts {
        let m = p.manifest;
        if first {
            out.manifest = RunManifest {
                inputs: Vec::new(),
                errors: Vec::new(),
                ..m.clone()
            };
            out.manifest.counts = Default::default();
            out.manifest.stage_seconds = Default::default();
            out.manifest.throughput = Default::default();
            first = false;
        }
        let o = &mut out.manifest;
        o.started_at = o.started_at.clone().min(m.started_at);
        o.inputs.extend(m.inputs);
        o.errors.extend(m.errors);
        o.errors_omitted += m.errors_omitted;
        o.counts.add(m.counts);
        o.stage_seconds.add(&m.stage_seconds);
        o.throughput.wall_seconds += m.throughput.wall_seconds;
        site::merge_sites(&mut out.sites, p.sites);
    }
    out.manifest.inputs.sort_by(|a, b| a.path.cmp(&b.path));
    let sites = std::mem::take(&mut out.sites);
    finish_manifest(&mut out.manifest, &sites);
    out.sites = sites;
    out
}

fn finish_manifest(m: &mut RunManifest, sites: &Sites) {
    m.errors.sort();
    if m.errors.len() > MAX_LISTED_ERRORS {
        m.errors_omitted += (m.errors.len() - MAX_LISTED_ERRORS) as u64;
        m.errors.truncate(MAX_LISTED_ERRORS);
    }
    m.counts.sites = sites.len() as u64;
    m.complete = m.counts.inputs_failed == 0 && m.counts.damaged == 0;
    let t = &mut m.throughput;
    if t.wall_seconds > 0.0 {
        t.input_mb_per_s = m.counts.input_bytes as f64 / 1e6 / t.wall_seconds;
        t.html_mb_per_s = m.counts.html_bytes as f64 / 1e6 / t.wall_seconds;
        t.html_mb_per_s_per_thread = t.html_mb_per_s / m.threads.max(1) as f64;
        t.pages_per_s = m.counts.html_records as f64 / t.wall_seconds;
    }
}

/// Reads one input to its end, sending HTML records to the workers and accounting for the rest.
fn read_input(
    input: &Input,
    opts: &ReadOptions,
    tx: &crossbeam_channel::Sender<Record>,
    progress: &dyn Progress,
) -> (InputReport, Vec<RecordError>) {
    let name = input.name();
    let mut rep = InputReport {
        path: name.clone(),
        ..InputReport::default()
    };
    let mut errors = Vec::new();
    let hashed = Arc::new(ingest::hashing::HashState::default());
    let reader: Box<dyn std::io::Read + Send> = match input {
        Input::Path(p) => match std::fs::File::open(p) {
            Ok(f) => Box::new(ingest::hashing::HashingReader::new(f, hashed.clone())),
            Err(e) => {
                rep.error = Some(format!("cannot open {name}: {e}; check the path and permissions"));
                return (rep, errors);
            }
        },
        Input::Embedded { bytes, .. } => Box::new(ingest::hashing::HashingReader::new(*bytes, hashed.clone())),
    };
    let mut reported = 0u64;
    match ingest::open_reader(name.as_str().into(), reader, opts) {
        Err(e) => rep.error = Some(e.to_string()),
        Ok((kind, events)) => {
            rep.kind = Some(kind);
            for ev in events {
                let now = hashed.bytes();
                progress.input_bytes(now.saturating_sub(reported));
                reported = now;
                match ev {
                    Event::Record(r) => {
                        rep.html_records += 1;
                        if tx.send(r).is_err() {
                            break;
                        }
                    }
                    Event::Skipped { reason, .. } => *rep.skipped.entry(reason).or_default() += 1,
                    Event::Damaged(e) => {
                        rep.damaged += 1;
                        progress.damaged();
                        if errors.len() < MAX_LISTED_ERRORS {
                            errors.push(e);
                        }
                    }
                }
            }
        }
    }
    // Finish the checksum over bytes the reader did not need (after damage, or unread tails).
    let (bytes, sha) = match input {
        Input::Path(p) => hashed.finish_from_file(p),
        Input::Embedded { bytes, .. } => hashed.finish_from_slice(bytes),
    };
    progress.input_bytes(bytes.saturating_sub(reported));
    rep.bytes = bytes;
    rep.sha256 = sha;
    (rep, errors)
}

/// Expands command-line inputs: files as given, directories walked recursively (sorted),
/// `-` reads a list of paths from stdin. Unreadable directories are returned as errors.
pub fn expand_inputs(args: &[PathBuf], stdin: &mut dyn std::io::BufRead) -> (Vec<Input>, Vec<String>) {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    for a in args {
        if a.as_os_str() == "-" {
            let mut line = String::new();
            while stdin.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                let t = line.trim();
                if !t.is_empty() {
                    walk_input(Path::new(t), &mut out, &mut errs);
                }
                line.clear();
            }
        } else {
            walk_input(a, &mut out, &mut errs);
        }
    }
    (out, errs)
}

fn walk_input(p: &Path, out: &mut Vec<Input>, errs: &mut Vec<String>) {
    if p.is_dir() {
        match std::fs::read_dir(p) {
            Ok(rd) => {
                let mut v: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
                v.sort();
                for c in v {
                    let hidden = c.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
                    if !hidden {
                        walk_input(&c, out, errs);
                    }
                }
            }
            Err(e) => errs.push(format!("cannot read directory {}: {e}", p.display())),
        }
    } else {
        out.push(Input::Path(p.to_owned()));
    }
}
