//! Sorted runs of site aggregates (JSON lines, one site per line, by site) and their k-way merge.
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{BufRead, Read, Write};

use anyhow::{Context, bail};

use super::SiteAggregate;

/// A stream of site aggregates in strictly increasing site order.
pub type SiteSource = Box<dyn Iterator<Item = anyhow::Result<SiteAggregate>> + Send>;

/// Stable 64-bit FNV-1a hash of a site key: the same site lands in the same shard or partition on
/// every machine and every build.
pub fn site_hash(site: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in site.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The partition (of `count`) a site belongs to.
pub fn partition_of(site: &str, count: u32) -> u32 {
    (site_hash(site) % u64::from(count.max(1))) as u32
}

/// Longest line a run may hold (guards against a damaged or hostile file).
const MAX_LINE_BYTES: u64 = 1 << 30;

/// Writes aggregates, already in site order, as JSON lines. Returns the number written.
pub fn write_lines(
    w: &mut dyn Write,
    sites: impl IntoIterator<Item = anyhow::Result<SiteAggregate>>,
) -> anyhow::Result<u64> {
    let mut n = 0;
    for s in sites {
        serde_json::to_writer(&mut *w, &s?)?;
        w.write_all(b"\n")?;
        n += 1;
    }
    Ok(n)
}

/// Reads a run written by [`write_lines`]; `name` says where it came from in error messages.
pub struct RunReader<R> {
    r: R,
    name: String,
    line: u64,
    buf: String,
    done: bool,
}

impl<R: BufRead> RunReader<R> {
    pub fn new(r: R, name: String) -> Self {
        RunReader {
            r,
            name,
            line: 0,
            buf: String::new(),
            done: false,
        }
    }

    /// The line number of the last line read (1-based; header lines count).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Reads one raw line (without its newline); `Ok(None)` at the end.
    pub fn raw_line(&mut self) -> anyhow::Result<Option<&str>> {
        self.buf.clear();
        let n = (&mut self.r)
            .take(MAX_LINE_BYTES)
            .read_line(&mut self.buf)
            .with_context(|| format!("cannot read {} after line {}", self.name, self.line))?;
        if n == 0 {
            return Ok(None);
        }
        self.line += 1;
        if !self.buf.ends_with('\n') {
            bail!(
                "{} line {} is cut short (no newline); the file is truncated or damaged, write it again",
                self.name,
                self.line
            );
        }
        Ok(Some(self.buf.trim_end_matches('\n')))
    }
}

impl<R: BufRead> Iterator for RunReader<R> {
    type Item = anyhow::Result<SiteAggregate>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let res = match self.raw_line() {
            Ok(None) => {
                self.done = true;
                return None;
            }
            Ok(Some(l)) => serde_json::from_str::<SiteAggregate>(l).with_context(|| {
                format!(
                    "{} line {} is not a site aggregate of this version",
                    self.name, self.line
                )
            }),
            Err(e) => Err(e),
        };
        if res.is_err() {
            self.done = true;
        }
        Some(res)
    }
}

/// Merges sorted sources into one sorted stream, folding the aggregates of a site found in several
/// sources with [`SiteAggregate::merge`] (so the result does not depend on how the sites were split).
pub struct Merge {
    sources: Vec<SiteSource>,
    heads: Vec<Option<SiteAggregate>>,
    heap: BinaryHeap<Reverse<(String, usize)>>,
    failed: bool,
    pending: Option<anyhow::Error>,
}

impl Merge {
    pub fn new(sources: Vec<SiteSource>) -> Self {
        let n = sources.len();
        let mut m = Merge {
            sources,
            heads: (0..n).map(|_| None).collect(),
            heap: BinaryHeap::with_capacity(n),
            failed: false,
            pending: None,
        };
        for i in 0..n {
            if let Err(e) = m.refill(i) {
                m.pending = Some(e);
                break;
            }
        }
        m
    }

    /// Pulls the next aggregate of source `i` into its head slot, checking the order.
    fn refill(&mut self, i: usize) -> anyhow::Result<()> {
        let Some(src) = self.sources.get_mut(i) else {
            return Ok(());
        };
        match src.next() {
            None => Ok(()),
            Some(Err(e)) => Err(e),
            Some(Ok(a)) => {
                self.heap.push(Reverse((a.site.clone(), i)));
                if let Some(h) = self.heads.get_mut(i) {
                    *h = Some(a);
                }
                Ok(())
            }
        }
    }

    fn take(&mut self, i: usize, site: &str) -> anyhow::Result<SiteAggregate> {
        let a = self
            .heads
            .get_mut(i)
            .and_then(Option::take)
            .with_context(|| format!("internal: no head for source {i}"))?;
        self.refill(i)?;
        // The refilled head must come after the one just taken.
        if let Some(Some(next)) = self.heads.get(i)
            && next.site.as_str() <= site
        {
            bail!(
                "a sorted run holds site {:?} after {:?}; it was not written by baohoa or is damaged",
                next.site,
                site
            );
        }
        Ok(a)
    }

    fn step(&mut self) -> anyhow::Result<Option<SiteAggregate>> {
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        let Some(Reverse((site, i))) = self.heap.pop() else {
            return Ok(None);
        };
        let mut acc = self.take(i, &site)?;
        while let Some(Reverse((s, _))) = self.heap.peek()
            && *s == site
        {
            let Some(Reverse((_, j))) = self.heap.pop() else { break };
            acc.merge(self.take(j, &site)?);
        }
        Ok(Some(acc))
    }
}

impl Iterator for Merge {
    type Item = anyhow::Result<SiteAggregate>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.step() {
            Ok(a) => a.map(Ok),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agg(site: &str, pages: u64) -> SiteAggregate {
        let mut a = SiteAggregate::new(site);
        a.pages = pages;
        a
    }

    fn source(v: Vec<SiteAggregate>) -> SiteSource {
        Box::new(v.into_iter().map(Ok))
    }

    #[test]
    fn merges_in_order_and_folds_equal_sites() {
        let m = Merge::new(vec![
            source(vec![agg("a", 1), agg("c", 2)]),
            source(vec![]),
            source(vec![agg("b", 4), agg("c", 8), agg("d", 16)]),
        ]);
        let got: Vec<(String, u64)> = m.map(|a| a.map(|a| (a.site, a.pages)).unwrap()).collect();
        assert_eq!(
            got,
            vec![("a".into(), 1), ("b".into(), 4), ("c".into(), 10), ("d".into(), 16)]
        );
    }

    #[test]
    fn round_trips_and_refuses_unsorted_or_cut_runs() {
        let mut buf = Vec::new();
        write_lines(&mut buf, [Ok(agg("a", 1)), Ok(agg("b", 2))]).unwrap();
        let back: Vec<SiteAggregate> = RunReader::new(&buf[..], "t".into()).map(Result::unwrap).collect();
        assert_eq!(back, vec![agg("a", 1), agg("b", 2)]);

        let mut bad = Vec::new();
        write_lines(&mut bad, [Ok(agg("b", 1)), Ok(agg("a", 2))]).unwrap();
        let r: SiteSource = Box::new(RunReader::new(std::io::Cursor::new(bad), "bad".into()));
        let err = Merge::new(vec![r]).find_map(Result::err).unwrap();
        assert!(err.to_string().contains("after"), "{err}");

        let cut = &buf[..buf.len() - 3];
        let err = RunReader::new(cut, "cut".into()).find_map(Result::err).unwrap();
        assert!(err.to_string().contains("cut short"), "{err}");
    }
}
