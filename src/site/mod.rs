//! Per-site aggregates folded from page features; `merge` is associative and commutative.
pub mod sample;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::page::PageFeatures;

/// Everything later stages need to know about one site (registrable domain), mergeable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteAggregate {
    pub site: String,
    /// HTML pages read.
    pub pages: u64,
    /// Bytes of HTML parsed.
    pub html_bytes: u64,
    /// Characters of visible text.
    pub text_chars: u64,
    /// Pages per detected language code.
    pub langs: BTreeMap<String, u64>,
}

impl SiteAggregate {
    pub fn new(site: &str) -> Self {
        SiteAggregate {
            site: site.to_owned(),
            ..Default::default()
        }
    }

    /// Article-like items (the denominator of shares).
    pub fn items(&self) -> u64 {
        0
    }

    /// Folds one page in.
    pub fn add(&mut self, f: &PageFeatures) {
        self.pages += 1;
        self.html_bytes += f.html_bytes;
        self.text_chars += f.text_chars;
        if let Some(l) = f.lang {
            *self.langs.entry(l.code().to_owned()).or_default() += 1;
        }
    }

    /// Merges another aggregate of the same site into this one.
    pub fn merge(&mut self, other: SiteAggregate) {
        debug_assert!(self.site == other.site || self.site.is_empty() || other.site.is_empty());
        if self.site.is_empty() {
            self.site = other.site;
        }
        self.pages += other.pages;
        self.html_bytes += other.html_bytes;
        self.text_chars += other.text_chars;
        for (k, v) in other.langs {
            *self.langs.entry(k).or_default() += v;
        }
    }
}

/// All sites of a scan, keyed by site.
pub type Sites = BTreeMap<String, SiteAggregate>;

/// Merges `b` into `a`.
pub fn merge_sites(a: &mut Sites, b: Sites) {
    for (k, v) in b {
        match a.get_mut(&k) {
            Some(x) => x.merge(v),
            None => {
                a.insert(k, v);
            }
        }
    }
}
