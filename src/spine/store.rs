//! Where `map` keeps site aggregates: each site once per process (shards chosen by a hash of the
//! site key), spilled as sorted runs to disk past a memory budget and read back by a k-way merge.
use std::collections::BTreeMap;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use anyhow::Context;

use crate::page::PageFeatures;
use crate::site::runs::{Merge, RunReader, SiteSource, site_hash, write_lines};
use crate::site::{SiteAggregate, Sites};

/// Runs kept on disk before they are merged into one (bounds open files during the final merge).
const MAX_RUNS: usize = 32;

/// The default memory budget for site aggregates: 1/16 of the machine's memory, between 64 MiB
/// and 512 MiB (the rest is for pages in flight, the models and the final phase).
pub fn default_memory() -> u64 {
    let total = std::fs::read_to_string("/proc/meminfo").ok().and_then(|s| {
        s.lines()
            .find(|l| l.starts_with("MemTotal:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| kb * 1024)
    });
    total.map_or(512 << 20, |t| (t / 16).clamp(64 << 20, 512 << 20))
}

/// Approximate heap bytes of an aggregate: its JSON size times a factor for the maps' nodes
/// (measured: a folded synthetic site takes 2–3× its JSON in memory), plus its story records
/// counted by number (serialising them every few pages would cost more than folding).
fn approx_bytes(a: &mut SiteAggregate) -> u64 {
    let stories = std::mem::take(&mut a.stories);
    let n = stories.len() as u64;
    let b = approx_bytes_no_stories(a);
    a.stories = stories;
    b + n * STORY_ITEM_BYTES
}

/// Heap bytes of one story record in memory (struct, URL, signature, tree node; measured ≈ 420).
const STORY_ITEM_BYTES: u64 = 512;

fn approx_bytes_no_stories(a: &SiteAggregate) -> u64 {
    struct Count(u64);
    impl std::io::Write for Count {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0 += b.len() as u64;
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut c = Count(0);
    let _ = serde_json::to_writer(&mut c, a);
    c.0 * 3 + 512
}

#[derive(Default)]
struct Shard {
    sites: BTreeMap<String, (SiteAggregate, u64)>,
    bytes: u64,
}

/// A folder for spilled runs, removed with everything in it when dropped.
pub(crate) struct SpillDir(PathBuf);

impl Drop for SpillDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Spill {
    parent: PathBuf,
    dir: Option<SpillDir>,
    runs: Vec<PathBuf>,
    next: u64,
}

impl Spill {
    fn path(&mut self) -> anyhow::Result<PathBuf> {
        if self.dir.is_none() {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let d = self
                .parent
                .join(format!(".baohoa-spill-{}-{nanos}", std::process::id()));
            std::fs::create_dir_all(&d).with_context(|| {
                format!(
                    "cannot create the spill folder {}; give a writable one with --spill-dir",
                    d.display()
                )
            })?;
            self.dir = Some(SpillDir(d));
        }
        let dir = self.dir.as_ref().map(|d| d.0.clone()).unwrap_or_default();
        self.next += 1;
        Ok(dir.join(format!("run-{:06}.jsonl", self.next)))
    }

    /// Writes a sorted run to a new file and remembers it.
    fn write(&mut self, sites: impl IntoIterator<Item = anyhow::Result<SiteAggregate>>) -> anyhow::Result<()> {
        let path = self.path()?;
        let f = std::fs::File::create(&path)
            .with_context(|| format!("cannot create spill file {}; check free space", path.display()))?;
        let mut w = BufWriter::with_capacity(1 << 16, f);
        write_lines(&mut w, sites)
            .and_then(|_| Ok(std::io::Write::flush(&mut w)?))
            .with_context(|| format!("cannot write spill file {}; check free space", path.display()))?;
        self.runs.push(path);
        Ok(())
    }

    /// Merges every run into one when there are too many.
    fn compact(&mut self) -> anyhow::Result<()> {
        if self.runs.len() < MAX_RUNS {
            return Ok(());
        }
        let old = std::mem::take(&mut self.runs);
        let merged = Merge::new(open_runs(&old)?);
        self.write(merged)?;
        for p in old {
            let _ = std::fs::remove_file(p);
        }
        Ok(())
    }
}

fn open_runs(paths: &[PathBuf]) -> anyhow::Result<Vec<SiteSource>> {
    paths
        .iter()
        .map(|p| {
            let f = std::fs::File::open(p).with_context(|| format!("cannot reopen spill file {}", p.display()))?;
            let r = std::io::BufReader::with_capacity(1 << 16, f);
            Ok(Box::new(RunReader::new(r, p.display().to_string())) as SiteSource)
        })
        .collect()
}

/// The site aggregates of a running `map`, shared by its workers.
pub(crate) struct SiteStore {
    shards: Vec<Mutex<Shard>>,
    bytes: AtomicI64,
    budget: i64,
    spill: Mutex<Spill>,
    failed: AtomicBool,
    error: Mutex<Option<anyhow::Error>>,
}

impl SiteStore {
    /// A store of `shards` shards keeping about `budget` bytes in memory, spilling under `spill_dir`.
    pub fn new(shards: usize, budget: u64, spill_dir: &Path) -> Self {
        SiteStore {
            shards: (0..shards.max(1)).map(|_| Mutex::new(Shard::default())).collect(),
            bytes: AtomicI64::new(0),
            budget: budget.clamp(1, i64::MAX as u64) as i64,
            spill: Mutex::new(Spill {
                parent: spill_dir.to_path_buf(),
                dir: None,
                runs: Vec::new(),
                next: 0,
            }),
            failed: AtomicBool::new(false),
            error: Mutex::new(None),
        }
    }

    /// True once spilling failed: workers stop, and [`SiteStore::finish`] reports the error.
    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }

    /// Folds one page into its site's aggregate, spilling when the budget is exceeded.
    pub fn add(&self, f: &PageFeatures) {
        let i = (site_hash(&f.site) % self.shards.len() as u64) as usize;
        let Some(shard) = self.shards.get(i) else { return };
        let delta = {
            let Ok(mut sh) = shard.lock() else {
                self.fail(anyhow::anyhow!("a worker thread panicked while folding a page"));
                return;
            };
            let (before, after) = match sh.sites.get_mut(&f.site) {
                Some((a, est)) => {
                    a.add(f);
                    // Re-measure often while a site is young, then every 8th page (it is bounded).
                    let before = *est;
                    if a.pages <= 8 || a.pages % 8 == 0 {
                        *est = approx_bytes(a);
                    }
                    (before, *est)
                }
                None => {
                    let mut a = SiteAggregate::new(&f.site);
                    a.add(f);
                    let est = approx_bytes(&mut a) + f.site.len() as u64;
                    sh.sites.insert(f.site.clone(), (a, est));
                    (0, est)
                }
            };
            sh.bytes = (sh.bytes + after).saturating_sub(before);
            after as i64 - before as i64
        };
        let now = self.bytes.fetch_add(delta, Ordering::Relaxed) + delta;
        if now > self.budget {
            self.spill_if_over();
        }
    }

    fn fail(&self, e: anyhow::Error) {
        self.failed.store(true, Ordering::Relaxed);
        if let Ok(mut slot) = self.error.lock()
            && slot.is_none()
        {
            *slot = Some(e);
        }
    }

    /// Moves every site in memory to a sorted run on disk (one thread at a time; others go on folding).
    fn spill_if_over(&self) {
        let Ok(mut spill) = self.spill.try_lock() else { return };
        if self.bytes.load(Ordering::Relaxed) <= self.budget {
            return;
        }
        let mut all: Vec<SiteAggregate> = Vec::new();
        for shard in &self.shards {
            let Ok(mut sh) = shard.lock() else { continue };
            let taken = std::mem::take(&mut *sh);
            drop(sh);
            self.bytes.fetch_sub(taken.bytes as i64, Ordering::Relaxed);
            all.extend(taken.sites.into_values().map(|(a, _)| a));
        }
        all.sort_unstable_by(|a, b| a.site.cmp(&b.site));
        if let Err(e) = spill.write(all.into_iter().map(Ok)).and_then(|()| spill.compact()) {
            self.fail(e);
        }
    }

    /// The folded sites: what is still in memory plus the runs on disk.
    pub fn finish(self) -> anyhow::Result<SiteSet> {
        if let Ok(Some(e)) = self.error.into_inner() {
            return Err(e);
        }
        let mut memory = Sites::new();
        for shard in self.shards {
            let sh = shard
                .into_inner()
                .map_err(|_| anyhow::anyhow!("a worker thread panicked while folding a page"))?;
            memory.extend(sh.sites.into_iter().map(|(k, (a, _))| (k, a)));
        }
        let spill = self
            .spill
            .into_inner()
            .map_err(|_| anyhow::anyhow!("a worker thread panicked while spilling"))?;
        Ok(SiteSet {
            memory,
            runs: spill.runs,
            dir: spill.dir,
        })
    }
}

/// Every site of a `map`, in memory and in sorted runs on disk (removed when this is dropped).
pub struct SiteSet {
    memory: Sites,
    runs: Vec<PathBuf>,
    dir: Option<SpillDir>,
}

impl SiteSet {
    /// Sites held in memory only.
    pub fn in_memory(sites: Sites) -> SiteSet {
        SiteSet {
            memory: sites,
            runs: Vec::new(),
            dir: None,
        }
    }

    /// Runs spilled to disk.
    pub fn spilled_runs(&self) -> usize {
        self.runs.len()
    }

    /// Every site once, in site order, merged across memory and runs.
    pub fn stream(self) -> anyhow::Result<SiteStream> {
        let mut sources = open_runs(&self.runs)?;
        sources.push(Box::new(self.memory.into_values().map(Ok)));
        Ok(SiteStream {
            merge: Merge::new(sources),
            _dir: self.dir,
        })
    }

    /// Every site in memory (for callers that need the whole map).
    pub fn collect(self) -> anyhow::Result<Sites> {
        self.stream()?.map(|a| a.map(|a| (a.site.clone(), a))).collect()
    }
}

/// The sites of a [`SiteSet`], streamed in site order.
pub struct SiteStream {
    merge: Merge,
    _dir: Option<SpillDir>,
}

impl Iterator for SiteStream {
    type Item = anyhow::Result<SiteAggregate>;

    fn next(&mut self) -> Option<Self::Item> {
        self.merge.next()
    }
}
