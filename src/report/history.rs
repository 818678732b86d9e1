//! `history.json`: each site's negative share over the last runs (bounded), carried run to run.
use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::judge::Verdict;

/// Version of `history.json`.
pub const HISTORY_SCHEMA: u32 = 1;

/// Runs kept in `history.json` (older ones are dropped).
pub const MAX_RUNS: usize = 30;

/// One site's negative share in one run: `[run index into History::runs, share, items]`
/// (the confidence interval is recomputed from share and items with [`crate::tone::wilson`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point(pub usize, pub f64, pub u64);

impl Point {
    /// Share's 95% Wilson interval.
    pub fn interval(&self) -> (f64, f64) {
        let k = (self.1 * self.2 as f64).round().max(0.0) as u64;
        crate::tone::wilson(k, self.2)
    }
}

/// `history.json`: run dates (oldest first) and per-site series (compact, for 50,000 sites × 30 runs).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub schema: u32,
    pub runs: Vec<String>,
    pub sites: BTreeMap<String, Vec<Point>>,
}

impl History {
    /// A site's series as (run date, share, items), oldest first; points naming no run are skipped.
    pub fn series(&self, site: &str) -> Vec<(&str, f64, u64)> {
        self.sites
            .get(site)
            .map(|s| {
                s.iter()
                    .filter_map(|p| self.runs.get(p.0).map(|r| (r.as_str(), p.1, p.2)))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Reads `OUT/history.json` when present (`Ok(None)` when absent).
pub fn read(out: &Path) -> anyhow::Result<Option<History>> {
    super::generation::settle(out)?;
    let path = out.join("history.json");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let h: History = serde_json::from_slice(&bytes).with_context(|| {
        format!(
            "{} is not a history file of this version; delete it to start a new history",
            path.display()
        )
    })?;
    Ok(Some(h))
}

/// Adds one run's negative shares to a history (pure). A run with the same date replaces the
/// earlier one; only the last `max_runs` runs are kept.
pub fn add_run(h: History, run: &str, verdicts: &[Verdict], max_runs: usize) -> History {
    let (mut h, now) = begin_run(h, run, max_runs);
    if let Some(now) = now {
        for v in verdicts {
            push(&mut h, now, v);
        }
    }
    h
}

/// Adds a run with no points yet (see [`add_run`]); returns its index for [`push`].
pub fn begin_run(h: History, run: &str, max_runs: usize) -> (History, Option<usize>) {
    let mut runs: Vec<String> = h.runs.iter().filter(|r| *r != run).cloned().collect();
    runs.push(run.to_owned());
    let drop = runs.len().saturating_sub(max_runs.max(1));
    runs.drain(..drop);
    let index: BTreeMap<&str, usize> = runs.iter().enumerate().map(|(i, r)| (r.as_str(), i)).collect();
    let mut sites: BTreeMap<String, Vec<Point>> = BTreeMap::new();
    for (site, series) in &h.sites {
        let kept: Vec<Point> = series
            .iter()
            .filter_map(|p| {
                let date = h.runs.get(p.0)?;
                if date == run {
                    return None;
                }
                index.get(date.as_str()).map(|&i| Point(i, p.1, p.2))
            })
            .collect();
        if !kept.is_empty() {
            sites.insert(site.clone(), kept);
        }
    }
    let now = index.get(run).copied();
    (
        History {
            schema: HISTORY_SCHEMA,
            runs,
            sites,
        },
        now,
    )
}

/// Adds one site's negative share to run `now` of a history begun with [`begin_run`].
pub fn push(h: &mut History, now: usize, v: &Verdict) {
    if let Some(f) = super::diff::negative(v) {
        // Four decimals are plenty for a share and keep 50,000 sites × 30 runs small.
        let share = (f.value * 10_000.0).round() / 10_000.0;
        h.sites
            .entry(v.site.clone())
            .or_default()
            .push(Point(now, share, f.items));
    }
}

/// The history to write with a run: the previous run's history or, when it has none, a history
/// started from the previous run's verdicts; then this run.
pub fn updated(
    previous_history: Option<History>,
    previous_run: Option<(&str, &[Verdict])>,
    run: &str,
    verdicts: &[Verdict],
) -> History {
    add_run(base(previous_history, previous_run), run, verdicts, MAX_RUNS)
}

/// The history a run continues: the previous run's history or, when it has none, one started
/// from the previous run's verdicts.
pub fn base(previous_history: Option<History>, previous_run: Option<(&str, &[Verdict])>) -> History {
    match (previous_history, previous_run) {
        (Some(h), _) if !h.runs.is_empty() => h,
        (_, Some((old_run, old))) => add_run(History::default(), old_run, old, MAX_RUNS),
        _ => History::default(),
    }
}
