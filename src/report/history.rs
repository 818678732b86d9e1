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

/// One site's negative share in one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The run's date (`started_at` of its run.json).
    pub run: String,
    pub share: f64,
    pub lo: f64,
    pub hi: f64,
    /// Items the share was measured on.
    pub n: u64,
}

/// `history.json`: run dates (oldest first) and per-site series.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub schema: u32,
    pub runs: Vec<String>,
    pub sites: BTreeMap<String, Vec<Point>>,
}

/// Reads `OUT/history.json` when present (`Ok(None)` when absent).
pub fn read(out: &Path) -> anyhow::Result<Option<History>> {
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
pub fn add_run(mut h: History, run: &str, verdicts: &[Verdict], max_runs: usize) -> History {
    h.schema = HISTORY_SCHEMA;
    h.runs.retain(|r| r != run);
    for s in h.sites.values_mut() {
        s.retain(|p| p.run != run);
    }
    h.runs.push(run.to_owned());
    for v in verdicts {
        if let Some(f) = super::diff::negative(v) {
            let (lo, hi) = f.interval.unwrap_or((f.value, f.value));
            h.sites.entry(v.site.clone()).or_default().push(Point {
                run: run.to_owned(),
                share: f.value,
                lo,
                hi,
                n: f.items,
            });
        }
    }
    let drop = h.runs.len().saturating_sub(max_runs.max(1));
    let dropped: Vec<String> = h.runs.drain(..drop).collect();
    h.sites.retain(|_, s| {
        s.retain(|p| !dropped.contains(&p.run));
        !s.is_empty()
    });
    h
}

/// The history to write with a run: the previous run's history or, when it has none, a history
/// started from the previous run's verdicts; then this run.
pub fn updated(
    previous_history: Option<History>,
    previous_run: Option<(&str, &[Verdict])>,
    run: &str,
    verdicts: &[Verdict],
) -> History {
    let base = match (previous_history, previous_run) {
        (Some(h), _) if !h.runs.is_empty() => h,
        (_, Some((old_run, old))) => add_run(History::default(), old_run, old, MAX_RUNS),
        _ => History::default(),
    };
    add_run(base, run, verdicts, MAX_RUNS)
}
