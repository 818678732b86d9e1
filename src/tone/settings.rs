//! Tone settings (`models/tone/settings.toml`): item thresholds, rule points, site guidance.
use serde::{Deserialize, Serialize};

/// Every tunable number of the tone stage; defaults equal the shipped `settings.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ToneSettings {
    /// Guidance threshold on a site's share of negative items (regulation: 15 %).
    pub threshold: f64,
    /// Minimum number of scored items before a site can be said to exceed the guidance.
    pub min_items: u64,
    /// Below `min_items`, judge from this many items up when the interval's lower end is above the
    /// threshold (0 = never).
    pub min_items_confident: u64,
    /// Compare the lower end of the Wilson interval (true) or the point estimate (false).
    pub use_lower_bound: bool,
    /// z of the Wilson interval (1.96 for 95 %).
    pub z: f64,
    /// Widen the site share's interval by the classifier's own share error (`share_error` in
    /// `learned.toml`, measured by cross-validation per topic), not only the sampling error.
    pub model_error_in_interval: bool,
    pub item: ItemSettings,
    pub rules: RuleSettings,
    pub no_diacritics: NoDiacriticsSettings,
}

impl Default for ToneSettings {
    fn default() -> Self {
        ToneSettings {
            threshold: 0.15,
            min_items: 20,
            min_items_confident: 3,
            use_lower_bound: false,
            z: 1.96,
            model_error_in_interval: true,
            item: ItemSettings::default(),
            rules: RuleSettings::default(),
            no_diacritics: NoDiacriticsSettings::default(),
        }
    }
}

/// How the fields of one item are weighed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ItemSettings {
    /// An item is negative (sensational) when the calibrated probability of the learned model
    /// reaches this.
    pub negative_probability: f32,
    pub sensational_probability: f32,
    pub negative_threshold: f32,
    pub sensational_threshold: f32,
    pub lead_weight: f32,
    pub body_weight: f32,
    pub body_cap: f32,
    /// Logit added per body point (after body_weight and body_cap): fixed, not learned.
    pub body_logit: f32,
    pub lead_sensational_weight: f32,
    pub max_matches_per_field: usize,
}

impl Default for ItemSettings {
    fn default() -> Self {
        ItemSettings {
            negative_probability: 0.3,
            sensational_probability: 0.25,
            negative_threshold: 1.0,
            sensational_threshold: 1.0,
            lead_weight: 0.5,
            body_weight: 0.25,
            body_cap: 0.75,
            body_logit: 0.5,
            lead_sensational_weight: 0.0,
            max_matches_per_field: 32,
        }
    }
}

/// Points of the title punctuation and capitals rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleSettings {
    pub exclamation: f32,
    pub double_punctuation: f32,
    pub ellipsis: f32,
    pub scare_quotes: f32,
    pub shouted_words: f32,
    pub shouted_min_letters: usize,
    pub shouted_min_count: usize,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            exclamation: 0.6,
            double_punctuation: 1.0,
            ellipsis: 0.4,
            scare_quotes: 0.4,
            shouted_words: 0.5,
            shouted_min_letters: 4,
            shouted_min_count: 2,
        }
    }
}

/// When a field counts as Vietnamese written without diacritics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NoDiacriticsSettings {
    pub min_words: usize,
    pub min_share: f32,
    /// Lower-case ASCII syllables (a set: looked up once per word of every ASCII-only field).
    pub syllables: std::collections::BTreeSet<String>,
}

impl Default for NoDiacriticsSettings {
    fn default() -> Self {
        NoDiacriticsSettings {
            min_words: 3,
            min_share: 0.3,
            syllables: std::collections::BTreeSet::new(),
        }
    }
}

impl ToneSettings {
    /// Parses `settings.toml` text; `origin` names the file in error messages.
    pub fn parse(text: &str, origin: &str) -> anyhow::Result<Self> {
        let s: ToneSettings = toml::from_str(text)
            .map_err(|e| anyhow::anyhow!("{origin}: {e}; fix the setting or remove it to use the default"))?;
        if !(0.0..=1.0).contains(&s.threshold) {
            anyhow::bail!("{origin}: threshold {} is not a share between 0 and 1", s.threshold);
        }
        for (name, p) in [
            ("item.negative_probability", s.item.negative_probability),
            ("item.sensational_probability", s.item.sensational_probability),
        ] {
            if !(p > 0.0 && p < 1.0) {
                anyhow::bail!("{origin}: {name} {p} must be a probability strictly between 0 and 1");
            }
        }
        if s.z <= 0.0 {
            anyhow::bail!("{origin}: z {} must be positive (1.96 for a 95 % interval)", s.z);
        }
        Ok(s)
    }
}
