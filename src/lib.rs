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
pub use crate::ingest::walk::expand_inputs;
use crate::models::Models;
use crate::report::manifest::RunManifest;
use crate::site::Sites;
pub use crate::spine::store::SiteSet;
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

    /// Writes this partial to `path` (gzip JSON, atomically).
    pub fn write(&self, path: &Path) -> anyhow::Result<()> {
        report::partial::write(path, self)
    }

    /// Reads a partial written by `map`, refusing other formats and versions.
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        report::partial::read(path, PARTIAL_VERSION)
    }
}

/// The nightly job: reads `inputs`, judges every site and writes the outputs to `out`. Site
/// aggregates past `opts.memory` spill to a hidden folder in `out` (or `opts.spill_dir`).
pub fn scan(
    inputs: &[Input],
    opts: &ScanOptions,
    models: &Models,
    carry: &Carry,
    out: &Path,
    progress: &dyn Progress,
) -> anyhow::Result<RunManifest> {
    let spill_dir = match &opts.spill_dir {
        Some(d) => d.clone(),
        None => {
            std::fs::create_dir_all(out).map_err(|e| {
                anyhow::anyhow!(
                    "cannot create output directory {}: {e}; check the path and permissions",
                    out.display()
                )
            })?;
            out.to_path_buf()
        }
    };
    let (sites, manifest) = map_sites(inputs, opts, models, &spill_dir, progress)?;
    finish_sites(sites.stream()?, manifest, models, carry, out)
}

/// Ingest → page → site: reads `inputs` with `opts.threads` workers and folds every page into
/// site aggregates (spilled under `opts.spill_dir`, else the system's temporary folder, past
/// `opts.memory`), returned in memory.
pub fn map(inputs: &[Input], opts: &ScanOptions, models: &Models, progress: &dyn Progress) -> anyhow::Result<Partial> {
    let spill_dir = opts.spill_dir.clone().unwrap_or_else(std::env::temp_dir);
    let (sites, manifest) = map_sites(inputs, opts, models, &spill_dir, progress)?;
    Ok(Partial::new(sites.collect()?, manifest))
}

/// The map step proper: the folded sites (in memory and spilled runs) and the run accounting.
pub fn map_sites(
    inputs: &[Input],
    opts: &ScanOptions,
    models: &Models,
    spill_dir: &Path,
    progress: &dyn Progress,
) -> anyhow::Result<(SiteSet, RunManifest)> {
    let started = SystemTime::now();
    let wall = Instant::now();
    let (acc, sites, reports) = spine::workers::run(inputs, opts, models, spill_dir, progress)?;
    let mut m = RunManifest {
        schema: report::SCHEMA,
        tool: "baohoa".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        models_hash: models.hash.clone(),
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
    Ok((sites, m))
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
pub fn finish(partial: Partial, models: &Models, carry: &Carry, out: &Path) -> anyhow::Result<RunManifest> {
    finish_sites(partial.sites.into_values().map(Ok), partial.manifest, models, carry, out)
}

/// Judge → report over a stream of sites in site order, one site at a time: only small per-site
/// summaries stay in memory until the end.
pub fn finish_sites(
    sites: impl Iterator<Item = anyhow::Result<site::SiteAggregate>>,
    mut manifest: RunManifest,
    models: &Models,
    carry: &Carry,
    out: &Path,
) -> anyhow::Result<RunManifest> {
    let decided = carry.decisions.as_ref().map_or(&[][..], |d| d.decisions.as_slice());
    let by_site = judge::decisions::by_site(decided);
    let jm = models.judge();
    let mut w = report::writer::RunWriter::create(out, carry.previous.as_deref(), &manifest.started_at)?;
    let mut judging = std::time::Duration::ZERO;
    let mut n = 0u64;
    for s in sites {
        let s = s?;
        let t = Instant::now();
        let mut v = judge::judge(&s, &jm);
        if let Some(d) = by_site.get(v.site.as_str()) {
            judge::decisions::apply_one(&mut v, d);
        }
        judging += t.elapsed();
        w.add(&s, &v)?;
        n += 1;
    }
    manifest.finish(n);
    manifest.stage_seconds.judge = judging.as_secs_f64();
    w.finish(&mut manifest)?;
    Ok(manifest)
}
