//! baohoa finds báo hóa (newspaperization) in crawl dumps. The pipeline on one screen:
//! ingest → page → site → judge → report, with `scan` = `map` → `reduce` → judge → write.
//! See `ARCHITECTURE.md` for the stages, their contract types and what each module may import.
pub mod domain;
pub mod host;
pub mod ingest;
pub mod judge;
pub mod model_files;
pub mod models;
pub mod page;
pub mod registry;
pub mod report;
pub mod site;
pub mod spine;
pub mod text;
pub mod tone;
pub mod tools;

use std::path::Path;
use std::time::{Instant, SystemTime};

use serde::{Deserialize, Serialize};

pub use crate::ingest::Input;
pub use crate::ingest::walk::{Walk, WalkReport, expand_inputs};
use crate::models::Models;
use crate::report::manifest::RunManifest;
use crate::site::Sites;
pub use crate::site::{UNKNOWN_SITE, site_key, site_key_in};
pub use crate::spine::accumulate::StageNanos;
pub use crate::spine::analyse::{analyse, analyse_with};
pub use crate::spine::demo::{DEMO_GENERATED_NAME, DEMO_GENERATED_WARC, DEMO_NAME, DEMO_REGISTRY, DEMO_WARC};
pub use crate::spine::demo::{demo_inputs, with_demo_registry};
pub use crate::spine::options::{Carry, ScanOptions};
pub use crate::spine::progress::{NoProgress, Progress};

/// Version of the partial-result format written by `map` and read by `reduce`.
pub const PARTIAL_VERSION: u32 = 1;

/// The contract between `map` and `reduce`: site aggregates plus the run accounting. Mergeable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Partial {
    pub format: String,
    pub version: u32,
    pub sites: Sites,
    pub manifest: RunManifest,
}

impl Partial {
    fn new(sites: Sites, mut manifest: RunManifest) -> Self {
        manifest.finish(sites.len() as u64);
        Partial {
            format: report::partial::FORMAT.into(),
            version: PARTIAL_VERSION,
            sites,
            manifest,
        }
    }

    /// Records what walking the inputs found (`run.json`'s `walk`); refused or unreadable paths
    /// make the run incomplete.
    pub fn with_walk(mut self, walk: ingest::walk::WalkReport) -> Self {
        self.manifest.walk.absorb(walk);
        self.manifest.finish(self.sites.len() as u64);
        self
    }

    /// Writes this partial to `path` (gzip JSON, atomically).
    pub fn write(&self, path: &Path) -> anyhow::Result<()> {
        report::partial::write(path, self)
    }

    /// Reads a partial written by `map`, refusing other formats and versions.
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        report::partial::read(path, PARTIAL_VERSION)
    }
}

/// The nightly job: reads `inputs`, judges every site and writes the outputs to `out`.
pub fn scan(
    inputs: &[Input],
    opts: &ScanOptions,
    models: &Models,
    carry: &Carry,
    out: &Path,
    progress: &dyn Progress,
) -> anyhow::Result<RunManifest> {
    finish(map(inputs, opts, models, progress)?, models, carry, out)
}

/// Ingest → page → site: reads `inputs` with `opts.threads` workers and folds every page into
/// site aggregates.
pub fn map(inputs: &[Input], opts: &ScanOptions, models: &Models, progress: &dyn Progress) -> anyhow::Result<Partial> {
    let started = SystemTime::now();
    let wall = Instant::now();
    let (acc, reports) = spine::workers::run(inputs, opts, models, progress)?;
    let mut m = RunManifest {
        schema: report::SCHEMA,
        tool: "baohoa".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        models_hash: models.hash.clone(),
        models: models.files.clone(),
        started_at: report::manifest::rfc3339(
            started
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        ),
        threads: opts.threads.max(1),
        max_page_bytes: opts.max_page_bytes,
        ..RunManifest::default()
    };
    for (r, errors) in reports {
        m.add_input(r, errors);
    }
    m.counts.html_records = acc.html_records;
    m.counts.html_bytes = acc.html_bytes;
    m.counts.pages_truncated = acc.truncated;
    m.stage_seconds = acc.t.seconds();
    m.throughput.wall_seconds = wall.elapsed().as_secs_f64();
    Ok(Partial::new(acc.sites, m))
}

/// Merges partial results (from `map` over disjoint shards) into one. Order does not matter.
pub fn reduce(parts: Vec<Partial>) -> Partial {
    let mut sites = Sites::new();
    let mut manifest: Option<RunManifest> = None;
    for p in parts {
        manifest
            .get_or_insert_with(|| RunManifest::empty_like(&p.manifest))
            .absorb(p.manifest);
        site::merge_sites(&mut sites, p.sites);
    }
    Partial::new(sites, manifest.unwrap_or_default())
}

/// Judge → report: judges every site of a reduced run (decisions carried over) and writes the
/// outputs to `out`. Returns the run manifest as written to `run.json`.
pub fn finish(mut partial: Partial, models: &Models, carry: &Carry, out: &Path) -> anyhow::Result<RunManifest> {
    let t = Instant::now();
    let decided = carry.decisions.as_ref().map_or(&[][..], |d| d.decisions.as_slice());
    let verdicts = judge::judge_all(&partial.sites, &models.judge(), decided);
    partial.manifest.stage_seconds.judge = t.elapsed().as_secs_f64();
    report::write_run(
        out,
        &partial.sites,
        &verdicts,
        &mut partial.manifest,
        carry.previous.as_deref(),
    )?;
    Ok(partial.manifest)
}
