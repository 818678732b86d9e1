//! baohoa finds báo hóa (newspaperization) in crawl dumps. The pipeline on one screen:
//! ingest → page → site → judge → report, with `scan` = `map` → `reduce` → judge → write.
//! See `ARCHITECTURE.md` for the stages, their contract types and what each module may import.
pub mod civil;
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
pub mod stories;
pub mod text;
pub mod tone;
pub mod tools;

use std::path::Path;
use std::time::{Instant, SystemTime};

use serde::{Deserialize, Serialize};

pub use crate::ingest::Input;
pub use crate::ingest::walk::{Walk, WalkOptions, WalkReport, expand_inputs, expand_inputs_with};
use crate::models::Models;
use crate::report::manifest::RunManifest;
pub use crate::report::partial::PartitionId;
use crate::site::Sites;
pub use crate::site::{UNKNOWN_SITE, site_key, site_key_in};
pub use crate::spine::accumulate::StageNanos;
pub use crate::spine::analyse::{analyse, analyse_with};
pub use crate::spine::demo::{DEMO_GENERATED_NAME, DEMO_GENERATED_WARC, DEMO_NAME, DEMO_REGISTRY, DEMO_WARC};
pub use crate::spine::demo::{demo_inputs, with_demo_registry, with_registry_folders};
pub use crate::spine::options::{Carry, ScanOptions};
pub use crate::spine::progress::{NoProgress, Progress};
pub use crate::spine::store::SiteSet;

/// Version of the partial-result format written by `map` and read by `reduce` (2: JSON lines,
/// streamed, with partitions).
pub const PARTIAL_VERSION: u32 = 2;

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

    /// Writes this partial to `path` (gzip JSON lines, atomically).
    pub fn write(&self, path: &Path) -> anyhow::Result<()> {
        report::partial::write(path, &header(self.manifest.clone(), None), self.sites.values())
    }

    /// Reads a partial written by `map` into memory, refusing other formats and versions.
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        let p = PartialFile::open(path)?;
        let sites = p
            .sites
            .map(|a| a.map(|a| (a.site.clone(), a)))
            .collect::<anyhow::Result<Sites>>()?;
        Ok(Partial {
            format: p.header.format,
            version: p.header.version,
            sites,
            manifest: p.header.manifest,
        })
    }
}

fn header(manifest: RunManifest, partition: Option<PartitionId>) -> report::partial::Header {
    report::partial::Header {
        format: report::partial::FORMAT.into(),
        version: PARTIAL_VERSION,
        partition,
        manifest,
    }
}

/// A partial file opened for streaming: its header and its sites in site order (each checked to
/// belong to the file's partition).
pub struct PartialFile {
    pub path: std::path::PathBuf,
    pub header: report::partial::Header,
    pub sites: site::runs::SiteSource,
}

impl PartialFile {
    pub fn open(path: &Path) -> anyhow::Result<PartialFile> {
        let (header, sites) = report::partial::open(path, PARTIAL_VERSION)?;
        let sites: site::runs::SiteSource = match header.partition {
            None => sites,
            Some(p) => {
                let name = path.display().to_string();
                Box::new(sites.map(move |a| {
                    let a = a?;
                    if site::runs::partition_of(&a.site, p.count) != p.index {
                        anyhow::bail!(
                            "{name} holds site {:?}, which belongs to another partition than {} of {}; the file is damaged or was not written by baohoa",
                            a.site,
                            p.index,
                            p.count
                        );
                    }
                    Ok(a)
                }))
            }
        };
        Ok(PartialFile {
            path: path.to_path_buf(),
            header,
            sites,
        })
    }
}

/// `map --partitions N`: maps `inputs` and writes one partial per partition of the site-key hash
/// into the folder `out` (`part-IIIII-of-NNNNN.baohoa`), as a whole: the files are written into a
/// temporary folder renamed to `out` at the end, so a retried task never leaves half a map.
/// Partition 0 carries the run accounting (with what the walk of the inputs found).
#[allow(clippy::too_many_arguments)]
pub fn map_partitioned(
    inputs: &[Input],
    walk: WalkReport,
    opts: &ScanOptions,
    models: &Models,
    partitions: u32,
    out: &Path,
    progress: &dyn Progress,
    before_writing: BeforeWriting,
) -> anyhow::Result<RunManifest> {
    if partitions == 0 {
        anyhow::bail!("--partitions must be at least 1");
    }
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "map".into());
    let parent = parent_of(out);
    let (sites, mut manifest) = map_for_output(inputs, walk, opts, models, parent, progress, before_writing)?;
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let res = (|| -> anyhow::Result<u64> {
        let mut writers = Vec::with_capacity(partitions as usize);
        for i in 0..partitions {
            let m = if i == 0 {
                manifest.clone()
            } else {
                RunManifest::empty_like(&manifest)
            };
            let id = PartitionId {
                index: i,
                count: partitions,
            };
            let path = tmp.join(report::partial::partition_file(i, partitions));
            writers.push(report::partial::Writer::create(&path, &header(m, Some(id)))?);
        }
        let mut n = 0u64;
        for a in sites.stream()? {
            let a = a?;
            let i = site::runs::partition_of(&a.site, partitions) as usize;
            if let Some(w) = writers.get_mut(i) {
                w.add(&a)?;
            }
            n += 1;
        }
        for w in writers {
            w.finish()?;
        }
        Ok(n)
    })();
    let n = match res {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    // A retry after a finished attempt replaces it (same inputs and models give the same files).
    if out.exists() {
        std::fs::remove_dir_all(out)
            .map_err(|e| anyhow::anyhow!("cannot replace {}: {e}; remove it or choose another -o", out.display()))?;
    }
    std::fs::rename(&tmp, out).map_err(|e| {
        let _ = std::fs::remove_dir_all(&tmp);
        anyhow::anyhow!(
            "cannot move the map output into {}: {e}; check permissions",
            out.display()
        )
    })?;
    manifest.finish(n);
    Ok(manifest)
}

/// `baohoa map`: maps `inputs` and writes one partial file at `out`, streamed from the site store
/// (never all sites in memory). Returns the run accounting.
pub fn map_to_file(
    inputs: &[Input],
    walk: WalkReport,
    opts: &ScanOptions,
    models: &Models,
    out: &Path,
    progress: &dyn Progress,
    before_writing: BeforeWriting,
) -> anyhow::Result<RunManifest> {
    let parent = parent_of(out);
    let (sites, mut manifest) = map_for_output(inputs, walk, opts, models, parent, progress, before_writing)?;
    let mut w = report::partial::Writer::create(out, &header(manifest.clone(), None))?;
    let mut n = 0u64;
    for a in sites.stream()? {
        w.add(&a?)?;
        n += 1;
    }
    w.finish()?;
    manifest.finish(n);
    Ok(manifest)
}

/// Merges opened partial files as a stream: the summed run accounting and the sites in order.
pub fn reduce_stream(parts: Vec<PartialFile>) -> (RunManifest, site::runs::Merge) {
    let mut manifest: Option<RunManifest> = None;
    let mut sources = Vec::with_capacity(parts.len());
    for p in parts {
        manifest
            .get_or_insert_with(|| RunManifest::empty_like(&p.header.manifest))
            .absorb(p.header.manifest);
        sources.push(p.sites);
    }
    (manifest.unwrap_or_default(), site::runs::Merge::new(sources))
}

/// `reduce --partition`: merges partial files of one partition into one partial file at `out`.
/// Returns its manifest.
pub fn reduce_to_partial(
    parts: Vec<PartialFile>,
    partition: Option<PartitionId>,
    out: &Path,
) -> anyhow::Result<RunManifest> {
    let (mut manifest, merged) = reduce_stream(parts);
    let mut w = report::partial::Writer::create(out, &header(manifest.clone(), partition))?;
    let mut n = 0u64;
    for a in merged {
        w.add(&a?)?;
        n += 1;
    }
    w.finish()?;
    manifest.finish(n);
    Ok(manifest)
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
    scan_walked(
        inputs,
        WalkReport::default(),
        opts,
        models,
        carry,
        out,
        progress,
        &|_| Ok(()),
    )
}

/// Called between reading and writing with the run accounting; an error stops the run before
/// anything is written (the command line refuses a run that read nothing).
pub type BeforeWriting<'a> = &'a dyn Fn(&RunManifest) -> anyhow::Result<()>;

/// [`scan`] of inputs found by walking the command line's paths: what the walk found goes to
/// `run.json` (refused or unreadable paths make the run incomplete).
#[allow(clippy::too_many_arguments)]
pub fn scan_walked(
    inputs: &[Input],
    walk: WalkReport,
    opts: &ScanOptions,
    models: &Models,
    carry: &Carry,
    out: &Path,
    progress: &dyn Progress,
    before_writing: BeforeWriting,
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
    let (sites, mut manifest) = map_sites(inputs, opts, models, &spill_dir, progress)?;
    manifest.walk.absorb(walk);
    before_writing(&manifest)?;
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

/// The folder a map output is written beside (`.` for a bare file name).
fn parent_of(out: &Path) -> &Path {
    out.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Shared first half of both `map` forms: map the inputs (spilling beside the output unless
/// `--spill-dir` says otherwise), add the walk report, and let the caller refuse before writing.
fn map_for_output(
    inputs: &[Input],
    walk: WalkReport,
    opts: &ScanOptions,
    models: &Models,
    parent: &Path,
    progress: &dyn Progress,
    before_writing: BeforeWriting,
) -> anyhow::Result<(SiteSet, RunManifest)> {
    let spill_dir = opts.spill_dir.clone().unwrap_or_else(|| parent.to_path_buf());
    let (sites, mut manifest) = map_sites(inputs, opts, models, &spill_dir, progress)?;
    manifest.walk.absorb(walk);
    before_writing(&manifest)?;
    Ok((sites, manifest))
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
    m.counts.pages_nesting_cut = acc.nesting_cut;
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
    finish_sites(
        partial.sites.into_values().map(Ok),
        partial.manifest,
        models,
        carry,
        out,
    )
}

/// Judge → report over a stream of sites in site order. Two passes: the first takes every site's
/// story records into the story join (on disk, under `out`) and sets the sites aside without them;
/// the story pass clusters the items across sites; the second judges each site with what the
/// story pass found about it. Only small per-site summaries stay in memory until the end.
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
    std::fs::create_dir_all(out).map_err(|e| {
        anyhow::anyhow!(
            "cannot create output directory {}: {e}; check the path and permissions",
            out.display()
        )
    })?;
    let t = Instant::now();
    let story = &models.page.story;
    let mut joiner = stories::Joiner::new(out, story.signature, story.join)?;
    let aside = joiner.dir().join("sites.jsonl");
    let mut operators = stories::Operators::new(&jm.criteria.stories);
    {
        let f = std::fs::File::create(&aside)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}; check free space", aside.display()))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        for s in sites {
            let mut s = s?;
            let items = std::mem::take(&mut s.stories);
            if !items.is_empty() && !models.registry.is_press_domain(&s.site) {
                operators.add_site(&s.site, &s.fingerprints);
            }
            joiner.add_site(&s.site, models.registry.is_press_domain(&s.site), &items)?;
            drop(items);
            site::runs::write_lines(&mut w, std::iter::once(Ok(s)))?;
        }
        std::io::Write::flush(&mut w)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}; check free space", aside.display()))?;
    }
    let mismatched = joiner.mismatched;
    let (clusters, dir) = joiner.finish()?;
    let mut found = stories::analyse(clusters, &jm.criteria.stories, &operators);
    drop(operators);
    found.counts.mismatched = mismatched;
    let story_seconds = t.elapsed();
    let none = stories::SiteStories::default();
    let mut w = report::writer::RunWriter::create(out, carry.previous.as_deref(), &manifest.started_at)?;
    w.set_csv(carry.csv);
    let mut judging = std::time::Duration::ZERO;
    let mut n = 0u64;
    let f = std::fs::File::open(&aside).map_err(|e| anyhow::anyhow!("cannot read back {}: {e}", aside.display()))?;
    let reader = site::runs::RunReader::new(
        std::io::BufReader::with_capacity(1 << 16, f),
        aside.display().to_string(),
    );
    for s in reader {
        let s = s?;
        let t = Instant::now();
        let facts = found.by_site.get(&s.site).unwrap_or(&none);
        let mut v = judge::judge_with(&s, facts, &jm);
        if let Some(d) = by_site.get(v.site.as_str()) {
            judge::decisions::apply_one(&mut v, d);
        }
        judging += t.elapsed();
        w.add(&s, &v)?;
        n += 1;
    }
    drop(dir);
    manifest.finish(n);
    manifest.stage_seconds.judge = judging.as_secs_f64();
    manifest.stage_seconds.story_join = story_seconds.as_secs_f64();
    manifest.stories = found.counts.clone();
    w.write_stories(&found.stories, &found.groups)?;
    w.finish(&mut manifest)?;
    Ok(manifest)
}
