//! The story join on disk: items' LSH band keys sorted in runs and merged, candidate pairs verified
//! on their signatures, union-find clusters; memory is a few bytes per item plus one run buffer.
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::page::story::{JoinParams, SignatureParams, StoryItem};

/// What the join keeps of an item for the clusters (read back only for clustered items).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemMeta {
    pub site: String,
    pub url: String,
    /// Seconds since 1970 (UTC) and whether it is the crawl time (no published time stated).
    pub time: Option<i64>,
    pub crawl_time: bool,
    pub cites: Vec<String>,
    pub negative: bool,
    pub targets: Vec<String>,
    pub press: bool,
}

/// A folder for the join's files under the output, removed with them when dropped.
pub struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Collects items site by site, then clusters them ([`Joiner::finish`]).
pub struct Joiner {
    sig: SignatureParams,
    join: JoinParams,
    dir: TempDir,
    meta: BufWriter<std::fs::File>,
    sigs: BufWriter<std::fs::File>,
    sigs_path: PathBuf,
    meta_path: PathBuf,
    /// Site number of every item (sites in the order given).
    site_of: Vec<u32>,
    sites: u32,
    buf: Vec<(u64, u32)>,
    runs: Vec<PathBuf>,
    /// Items skipped because the signature had another length than the model's.
    pub mismatched: u64,
}

/// Bytes of one record in the signature file: the shingle count then the hashes.
fn width(p: &SignatureParams) -> usize {
    4 + 2 * p.hashes
}

impl Joiner {
    /// Starts a join whose working files live in a new hidden folder under `parent`.
    pub fn new(parent: &Path, sig: SignatureParams, join: JoinParams) -> anyhow::Result<Joiner> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let d = parent.join(format!(".baohoa-stories-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&d).with_context(|| {
            format!(
                "cannot create the story join's folder {}; check free space and permissions of the output folder",
                d.display()
            )
        })?;
        let dir = TempDir(d.clone());
        let create = |name: &str| -> anyhow::Result<(BufWriter<std::fs::File>, PathBuf)> {
            let p = d.join(name);
            let f = std::fs::File::create(&p)
                .with_context(|| format!("cannot create {}; check free space", p.display()))?;
            Ok((BufWriter::with_capacity(1 << 16, f), p))
        };
        let (meta, meta_path) = create("items.jsonl")?;
        let (sigs, sigs_path) = create("sigs.bin")?;
        Ok(Joiner {
            sig,
            join,
            dir,
            meta,
            sigs,
            sigs_path,
            meta_path,
            site_of: Vec::new(),
            sites: 0,
            buf: Vec::new(),
            runs: Vec::new(),
            mismatched: 0,
        })
    }

    /// The join's working folder (callers may keep files of their own there).
    pub fn dir(&self) -> &Path {
        &self.dir.0
    }

    /// Items added so far.
    pub fn items(&self) -> u64 {
        self.site_of.len() as u64
    }

    /// Adds the items of one site (sites in site order; each site once).
    pub fn add_site<'a>(
        &mut self,
        site: &str,
        press: bool,
        items: impl IntoIterator<Item = &'a StoryItem>,
    ) -> anyhow::Result<()> {
        let s = self.sites;
        self.sites += 1;
        for it in items {
            if it.sig.0.len() != self.sig.hashes {
                self.mismatched += 1;
                continue;
            }
            let id = u32::try_from(self.site_of.len())
                .map_err(|_| anyhow::anyhow!("more than 4 billion story items in one run; split the run"))?;
            self.site_of.push(s);
            let (time, crawl_time) = match it.time() {
                Some((t, c)) => (Some(t), c),
                None => (None, true),
            };
            let m = ItemMeta {
                site: site.to_owned(),
                url: it.url.clone(),
                time,
                crawl_time,
                cites: it.cites.clone(),
                negative: it.negative,
                targets: it.targets.clone(),
                press,
            };
            serde_json::to_writer(&mut self.meta, &m)?;
            self.meta.write_all(b"\n")?;
            self.sigs.write_all(&it.shingles.to_le_bytes())?;
            for v in &it.sig.0 {
                self.sigs.write_all(&v.to_le_bytes())?;
            }
            for b in 0..self.sig.bands {
                let rows = &it.sig.0[b * self.sig.rows..(b + 1) * self.sig.rows];
                self.buf.push((band_key(b, rows), id));
            }
            if self.buf.len() >= self.join.run_records {
                self.spill()?;
            }
        }
        Ok(())
    }

    fn spill(&mut self) -> anyhow::Result<()> {
        self.buf.sort_unstable();
        let p = self.dir.0.join(format!("bands-{:05}.bin", self.runs.len()));
        let f =
            std::fs::File::create(&p).with_context(|| format!("cannot create {}; check free space", p.display()))?;
        let mut w = BufWriter::with_capacity(1 << 16, f);
        for (k, id) in self.buf.drain(..) {
            w.write_all(&k.to_le_bytes())?;
            w.write_all(&id.to_le_bytes())?;
        }
        w.flush()
            .with_context(|| format!("cannot write {}; check free space", p.display()))?;
        self.runs.push(p);
        Ok(())
    }

    /// Clusters the items: the members of every cluster spanning two sites or more, by cluster;
    /// and the working folder (removed when the caller drops it).
    pub fn finish(mut self) -> anyhow::Result<(Clusters, TempDir)> {
        self.meta.flush()?;
        self.sigs.flush()?;
        let n = self.site_of.len();
        let w = width(&self.sig);
        let sigs = Sigs::open(&self.sigs_path, w, n)?;
        let mut uf = UnionFind::new(n);
        let jp = self.join;
        let mut pairs = 0u64;
        let mut verified = 0u64;
        {
            let mut on_bucket = |bucket: &[u32]| -> anyhow::Result<()> {
                for (i, &b) in bucket.iter().enumerate() {
                    for &a in bucket[i.saturating_sub(jp.bucket_window)..i].iter().rev() {
                        if uf.find(a) == uf.find(b) {
                            continue;
                        }
                        pairs += 1;
                        if similar(&sigs.get(a)?, &sigs.get(b)?, &jp) {
                            verified += 1;
                            uf.union(a, b);
                        }
                    }
                }
                Ok(())
            };
            if self.runs.is_empty() {
                self.buf.sort_unstable();
                for_buckets(self.buf.drain(..).map(Ok), &mut on_bucket)?;
            } else {
                if !self.buf.is_empty() {
                    self.spill()?;
                }
                let merged = RunMerge::open(&self.runs)?;
                for_buckets(merged, &mut on_bucket)?;
            }
        }
        // Clusters spanning two sites or more.
        let mut multi = vec![false; n];
        for i in 0..n {
            let r = uf.find(i as u32) as usize;
            if self.site_of[i] != self.site_of[r] {
                multi[r] = true;
            }
        }
        let mut members: Vec<(u32, ItemMeta)> = Vec::new();
        let f = std::fs::File::open(&self.meta_path)
            .with_context(|| format!("cannot read back {}", self.meta_path.display()))?;
        for (i, line) in BufReader::with_capacity(1 << 16, f).lines().enumerate() {
            let line = line.with_context(|| format!("cannot read back {}", self.meta_path.display()))?;
            if i >= n {
                break;
            }
            let r = uf.find(i as u32);
            if multi[r as usize] {
                let m: ItemMeta = serde_json::from_str(&line)
                    .with_context(|| format!("{} line {}: damaged working file", self.meta_path.display(), i + 1))?;
                members.push((r, m));
            }
        }
        // Items are read in id order, so each cluster's members stay in id order.
        members.sort_by_key(|(r, _)| *r);
        let mut clusters: Vec<Vec<ItemMeta>> = Vec::new();
        let mut last = None;
        for (r, m) in members {
            if last != Some(r) {
                clusters.push(Vec::new());
                last = Some(r);
            }
            if let Some(c) = clusters.last_mut() {
                c.push(m);
            }
        }
        for r in &self.runs {
            let _ = std::fs::remove_file(r);
        }
        let _ = std::fs::remove_file(&self.sigs_path);
        let _ = std::fs::remove_file(&self.meta_path);
        let c = Clusters {
            items: n as u64,
            candidate_pairs: pairs,
            verified_pairs: verified,
            band_runs: self.runs.len() as u64,
            clusters,
        };
        Ok((c, self.dir))
    }
}

/// The join's result: clusters (members in item order) and its figures.
#[derive(Debug, Default)]
pub struct Clusters {
    pub items: u64,
    pub candidate_pairs: u64,
    pub verified_pairs: u64,
    pub band_runs: u64,
    pub clusters: Vec<Vec<ItemMeta>>,
}

/// The key of band `b` of a signature (the band number mixed in, so bands never collide).
fn band_key(b: usize, rows: &[u16]) -> u64 {
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15 ^ (b as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    for r in rows {
        h = (h ^ u64::from(*r)).wrapping_mul(0x0100_0000_01b3);
        h ^= h >> 29;
    }
    h
}

/// Estimated Jaccard similarity of two signatures: the share of equal hashes.
pub fn jaccard(a: &[u16], b: &[u16]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n as f64
}

/// Estimated containment of the smaller shingle set in the larger: |A∩B| / min(|A|, |B|), with
/// |A∩B| = J (|A| + |B|) / (1 + J).
pub fn containment(j: f64, ka: u32, kb: u32) -> f64 {
    let small = f64::from(ka.min(kb));
    if small == 0.0 {
        return 0.0;
    }
    (j * (f64::from(ka) + f64::from(kb)) / (1.0 + j) / small).min(1.0)
}

/// Same story: estimated Jaccard or containment over the join's thresholds.
pub fn similar(a: &(u32, Vec<u16>), b: &(u32, Vec<u16>), p: &JoinParams) -> bool {
    let j = jaccard(&a.1, &b.1);
    j >= p.jaccard || containment(j, a.0, b.0) >= p.containment
}

/// Calls `f` on every bucket (items sharing a band key, in id order) of sorted band records.
fn for_buckets(
    records: impl Iterator<Item = anyhow::Result<(u64, u32)>>,
    f: &mut dyn FnMut(&[u32]) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut key = None;
    let mut bucket: Vec<u32> = Vec::new();
    for r in records {
        let (k, id) = r?;
        if key != Some(k) {
            if bucket.len() > 1 {
                f(&bucket)?;
            }
            bucket.clear();
            key = Some(k);
        }
        bucket.push(id);
    }
    if bucket.len() > 1 {
        f(&bucket)?;
    }
    Ok(())
}

/// K-way merge of sorted band runs.
struct RunMerge {
    readers: Vec<BufReader<std::fs::File>>,
    heap: BinaryHeap<Reverse<(u64, u32, usize)>>,
    names: Vec<PathBuf>,
}

impl RunMerge {
    fn open(paths: &[PathBuf]) -> anyhow::Result<RunMerge> {
        let mut m = RunMerge {
            readers: Vec::with_capacity(paths.len()),
            heap: BinaryHeap::new(),
            names: paths.to_vec(),
        };
        for (i, p) in paths.iter().enumerate() {
            let f = std::fs::File::open(p).with_context(|| format!("cannot read back {}", p.display()))?;
            m.readers.push(BufReader::with_capacity(1 << 16, f));
            m.refill(i)?;
        }
        Ok(m)
    }

    fn refill(&mut self, i: usize) -> anyhow::Result<()> {
        let Some(r) = self.readers.get_mut(i) else {
            return Ok(());
        };
        let mut b = [0u8; 12];
        match r.read_exact(&mut b) {
            Ok(()) => {
                let mut k = [0u8; 8];
                k.copy_from_slice(&b[..8]);
                let mut id = [0u8; 4];
                id.copy_from_slice(&b[8..]);
                self.heap
                    .push(Reverse((u64::from_le_bytes(k), u32::from_le_bytes(id), i)));
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(()),
            Err(e) => Err(e).with_context(|| format!("cannot read back {}", self.names[i].display())),
        }
    }
}

impl Iterator for RunMerge {
    type Item = anyhow::Result<(u64, u32)>;

    fn next(&mut self) -> Option<Self::Item> {
        let Reverse((k, id, i)) = self.heap.pop()?;
        if let Err(e) = self.refill(i) {
            return Some(Err(e));
        }
        Some(Ok((k, id)))
    }
}

/// The signature file: in memory when small, else read at offsets.
enum Sigs {
    Memory(Vec<u8>, usize),
    File(std::fs::File, usize, PathBuf),
}

/// Signature files up to this size are read into memory.
const SIGS_IN_MEMORY: u64 = 256 << 20;

impl Sigs {
    fn open(path: &Path, width: usize, n: usize) -> anyhow::Result<Sigs> {
        let len = (width * n) as u64;
        if len <= SIGS_IN_MEMORY {
            let b = std::fs::read(path).with_context(|| format!("cannot read back {}", path.display()))?;
            if b.len() as u64 != len {
                anyhow::bail!(
                    "{}: damaged working file ({} bytes, expected {len})",
                    path.display(),
                    b.len()
                );
            }
            return Ok(Sigs::Memory(b, width));
        }
        let f = std::fs::File::open(path).with_context(|| format!("cannot read back {}", path.display()))?;
        Ok(Sigs::File(f, width, path.to_path_buf()))
    }

    fn get(&self, id: u32) -> anyhow::Result<(u32, Vec<u16>)> {
        let parse = |b: &[u8]| {
            let k = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let v = b[4..]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            (k, v)
        };
        match self {
            Sigs::Memory(b, w) => {
                let at = id as usize * w;
                let rec = b
                    .get(at..at + w)
                    .ok_or_else(|| anyhow::anyhow!("internal: story item {id} beyond the signature file"))?;
                Ok(parse(rec))
            }
            Sigs::File(f, w, p) => {
                use std::os::unix::fs::FileExt;
                let mut rec = vec![0u8; *w];
                f.read_exact_at(&mut rec, id as u64 * *w as u64)
                    .with_context(|| format!("cannot read back {}", p.display()))?;
                Ok(parse(&rec))
            }
        }
    }
}

/// Union-find over item ids; the root of a set is its smallest id (deterministic).
struct UnionFind(Vec<u32>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n as u32).collect())
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let p = self.0[x as usize];
            self.0[x as usize] = self.0[p as usize];
            x = p;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.0[hi as usize] = lo;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containment_of_a_trimmed_copy() {
        // B is half of A: |A| = 200, |B| = 100, J = 0.5 → containment 1.
        assert!((containment(0.5, 200, 100) - 1.0).abs() < 1e-9);
        assert!(containment(0.1, 200, 200) < 0.2);
    }

    #[test]
    fn union_find_roots_are_smallest_ids() {
        let mut u = UnionFind::new(6);
        u.union(5, 3);
        u.union(3, 4);
        u.union(1, 4);
        assert_eq!(u.find(5), 1);
        assert_eq!(u.find(0), 0);
    }
}
