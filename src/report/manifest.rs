//! `run.json`: what was read, what was skipped or damaged and where, how long it took.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ingest::walk::{Duplicate, SameBy, WalkReport};
use crate::ingest::{InputKind, RecordError, SkipReason};
use crate::model_files::ModelFileUse;

/// Most damaged-record entries listed in `run.json`; the rest are counted in `errors_omitted`.
pub const MAX_LISTED_ERRORS: usize = 10_000;

/// One input file and what came of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InputReport {
    pub path: String,
    pub kind: Option<InputKind>,
    pub bytes: u64,
    pub sha256: String,
    /// HTML responses passed on to parsing.
    pub html_records: u64,
    /// Records skipped, per reason.
    pub skipped: BTreeMap<SkipReason, u64>,
    /// Damaged records or regions.
    pub damaged: u64,
    /// Set when the file could not be opened or recognised at all.
    pub error: Option<String>,
}

/// Counts per stage over all inputs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub inputs: u64,
    pub inputs_failed: u64,
    pub input_bytes: u64,
    pub html_records: u64,
    pub html_bytes: u64,
    pub pages_truncated: u64,
    /// Pages nested deeper than the parser's cap (512 open elements), whose deeper elements
    /// were made siblings of the deepest one.
    #[serde(default)]
    pub pages_nesting_cut: u64,
    pub skipped: BTreeMap<SkipReason, u64>,
    pub damaged: u64,
    pub sites: u64,
}

impl Counts {
    /// Adds another run's counts (`sites` is recomputed by the caller).
    pub fn add(&mut self, o: Counts) {
        self.inputs += o.inputs;
        self.inputs_failed += o.inputs_failed;
        self.input_bytes += o.input_bytes;
        self.html_records += o.html_records;
        self.html_bytes += o.html_bytes;
        self.pages_truncated += o.pages_truncated;
        self.pages_nesting_cut += o.pages_nesting_cut;
        self.damaged += o.damaged;
        for (k, v) in o.skipped {
            *self.skipped.entry(k).or_default() += v;
        }
    }
}

/// Time spent per stage, summed over worker threads (seconds).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StageTimes {
    pub decode: f64,
    pub parse: f64,
    pub features: f64,
    pub tone: f64,
    /// Story signatures of article items (page stage).
    #[serde(default)]
    pub story: f64,
    pub fold: f64,
    /// The story join and its analysis (final step).
    #[serde(default)]
    pub story_join: f64,
    pub judge: f64,
    pub report: f64,
}

impl StageTimes {
    /// Adds another run's page-stage times (judge and report belong to the final run).
    pub fn add(&mut self, o: &StageTimes) {
        self.decode += o.decode;
        self.parse += o.parse;
        self.features += o.features;
        self.tone += o.tone;
        self.story += o.story;
        self.fold += o.fold;
    }
}

/// Throughput of the run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Throughput {
    pub wall_seconds: f64,
    /// Input bytes (as stored, possibly compressed) per second.
    pub input_mb_per_s: f64,
    /// Decoded HTML bytes per second.
    pub html_mb_per_s: f64,
    pub html_mb_per_s_per_thread: f64,
    pub pages_per_s: f64,
}

/// The run manifest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunManifest {
    pub schema: u32,
    pub tool: String,
    pub version: String,
    pub models_hash: String,
    /// Every model and registry file the run used, with its source (`embedded` or a path) and sha256.
    #[serde(default)]
    pub models: Vec<ModelFileUse>,
    pub started_at: String,
    pub threads: usize,
    pub max_page_bytes: usize,
    /// False when an input failed or a record was damaged: outputs cover what could be read.
    pub complete: bool,
    pub inputs: Vec<InputReport>,
    pub counts: Counts,
    /// The story pass of the final step: items joined, clusters, re-posts, groups.
    #[serde(default)]
    pub stories: crate::stories::StoryCounts,
    pub errors: Vec<RecordError>,
    pub errors_omitted: u64,
    pub stage_seconds: StageTimes,
    pub throughput: Throughput,
    pub outputs: Vec<String>,
    /// What walking the inputs found: duplicates read once, link loops, refused and unreadable paths.
    #[serde(default)]
    pub walk: WalkReport,
    /// Inputs with identical bytes (sha256) that were all read, e.g. given to different `map`
    /// shards: their pages are counted once per copy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read_twice: Vec<Duplicate>,
}

impl RunManifest {
    /// Accounts for one input read by `map`: its report and the damaged records it listed.
    pub fn add_input(&mut self, r: InputReport, errors: Vec<RecordError>) {
        self.counts.inputs += 1;
        self.counts.inputs_failed += u64::from(r.error.is_some());
        self.counts.input_bytes += r.bytes;
        self.counts.damaged += r.damaged;
        for (k, v) in &r.skipped {
            *self.counts.skipped.entry(*k).or_default() += v;
        }
        self.errors.extend(errors);
        self.inputs.push(r);
    }

    /// A manifest for merging into: the run settings of `m`, no inputs, counts or timings.
    pub fn empty_like(m: &RunManifest) -> RunManifest {
        RunManifest {
            inputs: Vec::new(),
            errors: Vec::new(),
            counts: Counts::default(),
            stories: crate::stories::StoryCounts::default(),
            stage_seconds: StageTimes::default(),
            throughput: Throughput::default(),
            walk: WalkReport::default(),
            read_twice: Vec::new(),
            ..m.clone()
        }
    }

    /// Adds the accounting of another partial run (`reduce`); call [`RunManifest::finish`] after.
    pub fn absorb(&mut self, m: RunManifest) {
        self.started_at = self.started_at.clone().min(m.started_at);
        self.inputs.extend(m.inputs);
        self.errors.extend(m.errors);
        self.errors_omitted += m.errors_omitted;
        self.counts.add(m.counts);
        self.stage_seconds.add(&m.stage_seconds);
        self.throughput.wall_seconds += m.throughput.wall_seconds;
        self.walk.absorb(m.walk);
    }

    /// Sorts and caps the lists, counts `sites`, decides `complete` and derives the throughput.
    pub fn finish(&mut self, sites: u64) {
        self.inputs.sort_by(|a, b| a.path.cmp(&b.path));
        self.errors.sort();
        if self.errors.len() > MAX_LISTED_ERRORS {
            self.errors_omitted += (self.errors.len() - MAX_LISTED_ERRORS) as u64;
            self.errors.truncate(MAX_LISTED_ERRORS);
        }
        self.counts.sites = sites;
        self.walk.normalise();
        self.read_twice = read_twice(&self.inputs);
        self.complete = self.counts.inputs_failed == 0 && self.counts.damaged == 0 && self.walk.is_complete();
        let t = &mut self.throughput;
        if t.wall_seconds > 0.0 {
            t.input_mb_per_s = self.counts.input_bytes as f64 / 1e6 / t.wall_seconds;
            t.html_mb_per_s = self.counts.html_bytes as f64 / 1e6 / t.wall_seconds;
            t.html_mb_per_s_per_thread = t.html_mb_per_s / self.threads.max(1) as f64;
            t.pages_per_s = self.counts.html_records as f64 / t.wall_seconds;
        }
    }
}

/// Inputs (sorted by path) whose sha256 equals that of an earlier one, each against the first.
fn read_twice(inputs: &[InputReport]) -> Vec<Duplicate> {
    let mut first: BTreeMap<&str, &str> = BTreeMap::new();
    let mut out = Vec::new();
    for i in inputs
        .iter()
        .filter(|i| i.error.is_none() && !i.sha256.is_empty() && i.bytes > 0)
    {
        match first.get(i.sha256.as_str()) {
            Some(f) => out.push(Duplicate {
                path: i.path.clone(),
                same_as: (*f).to_owned(),
                by: SameBy::SameContent,
                sha256: Some(i.sha256.clone()),
            }),
            None => {
                first.insert(&i.sha256, &i.path);
            }
        }
    }
    out
}

/// RFC 3339 UTC timestamp of a Unix time in seconds.
pub fn rfc3339(unix: u64) -> String {
    crate::civil::rfc3339(i64::try_from(unix).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_rfc3339() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
    }
}
