//! A worker's accumulator (its stage timers and page counts) and the fold of one record into the site store.
use std::time::Instant;

use super::progress::Progress;
use super::store::SiteStore;
use crate::ingest::Record;
use crate::models::Models;
use crate::page;

/// Time per page stage, in nanoseconds, summed over pages.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageNanos {
    pub decode: u64,
    pub parse: u64,
    pub features: u64,
    pub tone: u64,
    /// Story signatures of article items.
    pub story: u64,
    pub fold: u64,
}

#[derive(Default)]
pub(crate) struct Acc {
    pub t: StageNanos,
    pub html_records: u64,
    pub html_bytes: u64,
    pub truncated: u64,
    /// Pages whose nesting was cut at the parser's depth cap.
    pub nesting_cut: u64,
}

impl Acc {
    pub fn merge(mut self, o: Acc) -> Acc {
        self.t.decode += o.t.decode;
        self.t.parse += o.t.parse;
        self.t.features += o.t.features;
        self.t.tone += o.t.tone;
        self.t.story += o.t.story;
        self.t.fold += o.t.fold;
        self.html_records += o.html_records;
        self.html_bytes += o.html_bytes;
        self.truncated += o.truncated;
        self.nesting_cut += o.nesting_cut;
        self
    }
}

/// Analyses one record and folds it into its site's aggregate in `store`.
pub(crate) fn fold_record(
    acc: &mut Acc,
    store: &SiteStore,
    rec: &Record,
    models: &Models,
    parser: page::ParserKind,
    progress: &dyn Progress,
) {
    let f = super::analyse::analyse_with(rec, models, parser, &mut acc.t);
    let t = Instant::now();
    acc.html_records += 1;
    acc.html_bytes += rec.body.len() as u64;
    acc.truncated += u64::from(rec.truncated);
    acc.nesting_cut += u64::from(f.nesting_cut > 0);
    progress.page(rec.body.len() as u64);
    store.add(&f);
    acc.t.fold += t.elapsed().as_nanos() as u64;
}

impl StageNanos {
    /// The timers in seconds, as `run.json` states them.
    pub fn seconds(&self) -> crate::report::manifest::StageTimes {
        crate::report::manifest::StageTimes {
            decode: self.decode as f64 / 1e9,
            parse: self.parse as f64 / 1e9,
            features: self.features as f64 / 1e9,
            tone: self.tone as f64 / 1e9,
            story: self.story as f64 / 1e9,
            fold: self.fold as f64 / 1e9,
            ..Default::default()
        }
    }
}
