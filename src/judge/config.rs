//! `models/criteria.toml`: weights, thresholds, minimum counts and legal basis of each criterion.
use std::collections::BTreeMap;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::model_files::ModelFiles;

/// The flag families an inspector filters on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Signs of newspaperization.
    BaoHoa,
    /// Negative-content guidance exceeded.
    NegativeRatio,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::BaoHoa => "bao_hoa",
            Family::NegativeRatio => "negative_ratio",
        }
    }
}

/// Global judge settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgeSettings {
    pub bao_hoa_score: f64,
    pub evidence_k: usize,
    pub news_like_min_articles: u64,
    /// A báo hóa flag resting on form signs alone (the "hình thức" group) needs evidence from at
    /// least this many pages, unless a press licence is claimed or an outlet is imitated.
    #[serde(default = "default_form_only_min_pages")]
    pub form_only_min_pages: u64,
}

fn default_form_only_min_pages() -> u64 {
    2
}

/// One criterion's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionConfig {
    pub group: String,
    pub family: Family,
    pub weight: f64,
    #[serde(default)]
    pub threshold: Option<f64>,
    #[serde(default)]
    pub min_items: u64,
    #[serde(default)]
    pub social_network_factor: Option<f64>,
    /// Accepted for older copies of the file and ignored: the basis an inspector reads, in
    /// Vietnamese and English, lives in `models/judge/messages.tsv` (`CODE.basis`).
    #[serde(default)]
    pub basis: String,
}

/// The whole criteria file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaConfig {
    pub settings: JudgeSettings,
    /// Windows and counts of the story criteria (`sourcing.fast_repost`, `activity.coordinated`).
    pub stories: crate::stories::StorySettings,
    pub criteria: BTreeMap<String, CriterionConfig>,
    /// Names, statements, "would clear" texts and basis in Vietnamese and English
    /// (`models/judge/messages.tsv`).
    #[serde(skip)]
    pub messages: super::Messages,
}

/// Criterion codes the judge computes (regulation.md's catalogue, minus the cross-site ones).
pub const CODES: &[&str] = &[
    "domain.press_words",
    "domain.lookalike",
    "domain.locality",
    "identity.site_type",
    "identity.newsroom",
    "identity.licence",
    "layout.comments",
    "layout.sections",
    "sourcing.attribution",
    "sourcing.self_produced",
    "sourcing.few_sources",
    "sourcing.fast_repost",
    "activity.coordinated",
    "tone.negative_ratio",
    "tone.sensational",
];

impl CriteriaConfig {
    pub fn load(files: &ModelFiles) -> anyhow::Result<Self> {
        let text = files.text("criteria.toml")?;
        let mut cfg = Self::parse(&text).context("in models/criteria.toml")?;
        cfg.messages = super::Messages::load(files)?;
        Ok(cfg)
    }

    /// Parses a criteria file; the messages are the embedded ones (see [`CriteriaConfig::load`]).
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let mut cfg: CriteriaConfig = toml::from_str(text).map_err(|e| anyhow::anyhow!("{e}"))?;
        cfg.messages = super::Messages::embedded()?;
        for code in CODES {
            let Some(c) = cfg.criteria.get(*code) else {
                bail!("criterion {code} is missing; every criterion needs an entry (set weight = 0 to disable it)");
            };
            if code != &"tone.negative_ratio" && c.threshold.is_none() {
                bail!("criterion {code} has no threshold");
            }
            if !c.weight.is_finite() || c.weight < 0.0 {
                bail!("criterion {code} has weight {}; use a number ≥ 0", c.weight);
            }
        }
        if let Some(unknown) = cfg.criteria.keys().find(|k| !CODES.contains(&k.as_str())) {
            bail!("unknown criterion {unknown}; known codes: {}", CODES.join(", "));
        }
        let st = &cfg.stories;
        if st.min_lag_minutes < 0
            || st.window_hours <= 0
            || st.min_group_sites < 2
            || st.min_shared_stories == 0
            || st.max_sites_per_story < 2
            || st.operator_min_shared_stories == 0
            || st.max_sites_per_fingerprint < 2
        {
            bail!(
                "[stories] settings out of range: min_lag_minutes ≥ 0, window_hours ≥ 1, min_group_sites ≥ 2, min_shared_stories ≥ 1, max_sites_per_story ≥ 2, operator_min_shared_stories ≥ 1, max_sites_per_fingerprint ≥ 2"
            );
        }
        if cfg.settings.evidence_k == 0 || cfg.settings.evidence_k > crate::site::sample::DEFAULT_K {
            bail!(
                "settings.evidence_k = {} is out of range; use 1..={} (examples kept per site and criterion)",
                cfg.settings.evidence_k,
                crate::site::sample::DEFAULT_K
            );
        }
        Ok(cfg)
    }

    /// Settings of a criterion (present for every code in [`CODES`]).
    pub fn get(&self, code: &str) -> Option<&CriterionConfig> {
        self.criteria.get(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_criteria_load_and_cover_every_code() {
        let c = CriteriaConfig::load(&ModelFiles::default()).unwrap();
        for code in CODES {
            assert!(c.get(code).is_some(), "{code}");
            assert!(
                !c.messages
                    .text(&format!("{code}.basis"), super::super::Lang::Vi, &[])
                    .starts_with('⟨')
            );
        }
    }

    #[test]
    fn typos_are_reported() {
        let text = crate::model_files::ModelFiles::default().text("criteria.toml").unwrap();
        let bad = text.replace("[criteria.\"layout.comments\"]", "[criteria.\"layout.coments\"]");
        let err = CriteriaConfig::parse(&bad).unwrap_err().to_string();
        assert!(err.contains("layout.comments"), "{err}");
    }
}
