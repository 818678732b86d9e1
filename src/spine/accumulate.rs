//! A worker's accumulator: the site aggregates it folded, its stage timers and page counts.
use std::time::Instant;

use super::progress::Progress;
use crate::ingest::Record;
use crate::models::Models;
use crate::page;
use crate::site::{SiteAggregate, Sites};

/// Time per page stage, in nanoseconds, summed over pages.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageNanos {
    pub decode: u64,
    pub parse: u64,
    pub features: u64,
    pub tone: u64,
    pub fold: u64,
}

#[derive(Default)]
pub(crate) struct Acc {
    pub sites: Sites,
    pub t: StageNanos,
    pub html_records: u64,
    pub html_bytes: u64,
    pub truncated: u64,
}

impl Acc {
    pub fn merge(mut self, o: Acc) -> Acc {
        crate::site::merge_sites(&mut self.sites, o.sites);
        self.t.decode += o.t.decode;
        self.t.parse += o.t.parse;
        self.t.features += o.t.features;
        self.t.tone += o.t.tone;
        self.t.fold += o.t.fold;
        self.html_records += o.html_records;
        self.html_bytes += o.html_bytes;
        self.truncated += o.truncated;
        self
    }
}

/// Analyses one record and folds it into a worker's accumulator.
pub(crate) fn fold_record(
    acc: &mut Acc,
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
    progress.page(rec.body.len() as u64);
    match acc.sites.get_mut(&f.site) {
        Some(a) => a.add(&f),
        None => {
            let mut a = SiteAggregate::new(&f.site);
            a.add(&f);
            acc.sites.insert(f.site.clone(), a);
        }
    }
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
            fold: self.fold as f64 / 1e9,
            ..Default::default()
        }
    }
}
