//! Ground truth of a generated site: what was put on its pages (counts), the criteria that must
//! fire given `models/criteria.toml`, the expected flag families, and `labels.csv` itself.
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::plan::{Licence, Registry, SelfLabel, SitePlan};
use crate::judge::CriteriaConfig;

/// The 15% guidance as the judge applies it (read from `models/tone/settings.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NegRule {
    pub threshold: f64,
    pub min_items: u64,
    /// "Exceeded" needs the lower end of the Wilson interval above the threshold.
    pub lower_bound: bool,
    /// z of the Wilson interval (1.96 = 95%).
    pub z: f64,
}

/// Lower end of the Wilson score interval of `k` successes in `n` trials.
pub fn wilson_lower(k: u64, n: u64, z: f64) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let (nf, p, z2) = (n as f64, k.min(n) as f64 / n as f64, z * z);
    let denom = 1.0 + z2 / nf;
    let centre = (p + z2 / (2.0 * nf)) / denom;
    let half = z * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt() / denom;
    (centre - half).max(0.0)
}

impl Default for NegRule {
    fn default() -> Self {
        NegRule {
            threshold: 0.15,
            min_items: 30,
            lower_bound: true,
            z: 1.96,
        }
    }
}

/// The keys of `tone/settings.toml` the rule needs (the file has more; they are ignored here).
#[derive(Debug, Deserialize)]
struct ToneSettingsKeys {
    threshold: Option<f64>,
    min_items: Option<u64>,
    use_lower_bound: Option<bool>,
    z: Option<f64>,
}

impl NegRule {
    /// The rule as `models/tone/settings.toml` sets it; the defaults when the file is absent.
    pub fn from_models(files: &crate::model_files::ModelFiles) -> anyhow::Result<Self> {
        use anyhow::Context;
        let d = NegRule::default();
        let Ok(text) = files.text("tone/settings.toml") else {
            return Ok(d);
        };
        let k: ToneSettingsKeys = toml::from_str(&text)
            .context("models/tone/settings.toml: threshold, min_items or use_lower_bound is malformed")?;
        Ok(NegRule {
            threshold: k.threshold.unwrap_or(d.threshold),
            min_items: k.min_items.unwrap_or(d.min_items),
            lower_bound: k.use_lower_bound.unwrap_or(d.lower_bound),
            z: k.z.unwrap_or(d.z),
        })
    }

    /// Whether `neg` negative items out of `items` exceed the guidance.
    pub fn exceeded(&self, neg: u64, items: u64) -> bool {
        if items < self.min_items.max(1) {
            return false;
        }
        let v = if self.lower_bound {
            wilson_lower(neg, items, self.z)
        } else {
            neg as f64 / items as f64
        };
        v > self.threshold
    }
}

/// What the generator wrote for one site, summed over rounds.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub pages: u64,
    pub items: u64,
    pub negative: u64,
    pub sensational: u64,
    pub attributed: u64,
    pub self_produced: u64,
    /// Negative items naming the site's province.
    pub local_negative: u64,
    pub comment_items: u64,
    pub footer_pages: u64,
    pub cited: BTreeSet<usize>,
    /// Items re-posting a press item of the crawl, and those under the hour or not citing it.
    pub reposts: u64,
    pub non_compliant_reposts: u64,
    /// Sites of the site's ecosystem, itself included (0: none).
    pub group_size: usize,
}

/// One row of `labels.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Label {
    pub domain: String,
    pub archetype: String,
    /// Expected flag families, `;`-separated (`bao_hoa`, `negative_ratio`), empty = none.
    pub expected_families: String,
    /// Criteria whose condition holds on what was generated, `;`-separated.
    pub expected_criteria: String,
    pub true_negative_share: f64,
    pub items: u64,
    pub negative_items: u64,
    pub sensational_share: f64,
    pub pages: u64,
    pub news_like: bool,
    pub registry: String,
    pub lang: String,
    pub charset: String,
    pub noisy: bool,
    pub content_encoding: String,
    pub group: String,
    pub imitates: String,
    pub province: String,
}

fn share(k: u64, n: u64) -> f64 {
    if n == 0 { 0.0 } else { k as f64 / n as f64 }
}

/// The criteria expected to fire and the expected families of a site.
pub fn expected(p: &SitePlan, c: &Counts, cfg: &CriteriaConfig, rule: &NegRule) -> (Vec<String>, Vec<String>) {
    let mut fired: Vec<(&str, f64)> = Vec::new();
    let judged = p.archetype.news_like() && p.registry != Registry::Press;
    if !judged {
        return (Vec::new(), Vec::new());
    }
    let th = |code: &str, d: f64| cfg.criteria.get(code).and_then(|x| x.threshold).unwrap_or(d);
    let min = |code: &str| cfg.criteria.get(code).map_or(0, |x| x.min_items);
    let weight = |code: &str| cfg.criteria.get(code).map_or(0.0, |x| x.weight);
    let mut fire = |code: &'static str, yes: bool| {
        if yes {
            let mut w = weight(code);
            if code == "layout.sections" && p.registry == Registry::Social {
                w *= cfg
                    .criteria
                    .get(code)
                    .and_then(|x| x.social_network_factor)
                    .unwrap_or(1.0);
            }
            fired.push((code, w));
        }
    };
    let n = c.items;
    fire("domain.press_words", p.press_words);
    fire("domain.lookalike", p.lookalike_of.is_some());
    fire(
        "domain.locality",
        p.province.is_some() && n >= min("domain.locality") && share(c.local_negative, n) >= th("domain.locality", 0.3),
    );
    // The header calls the site a newspaper: a press label, or a masthead name "Báo …"/"Tạp chí …".
    let press_name = p.name.starts_with("Báo ") || p.name.starts_with("Tạp chí ");
    fire(
        "identity.site_type",
        (p.label == SelfLabel::Press || press_name) && c.pages > 0,
    );
    fire(
        "identity.newsroom",
        p.newsroom && share(c.footer_pages, c.pages) >= th("identity.newsroom", 0.2),
    );
    let press_claim = matches!(p.licence, Licence::Press { .. });
    let no_licence = matches!(p.licence, Licence::None | Licence::Business { .. });
    fire("identity.licence", press_claim || no_licence);
    fire(
        "layout.comments",
        p.registry != Registry::Social
            && n >= min("layout.comments").max(1)
            && share(c.comment_items, n) >= th("layout.comments", 0.3),
    );
    fire(
        "layout.sections",
        (p.sections.len() + usize::from(p.hot)) as f64 >= th("layout.sections", 5.0),
    );
    fire(
        "sourcing.attribution",
        n >= min("sourcing.attribution").max(1) && share(n - c.attributed.min(n), n) >= th("sourcing.attribution", 0.5),
    );
    fire(
        "sourcing.self_produced",
        n >= min("sourcing.self_produced").max(1) && share(c.self_produced, n) >= th("sourcing.self_produced", 0.2),
    );
    fire(
        "sourcing.few_sources",
        n >= min("sourcing.few_sources") && (c.cited.len() as f64) < th("sourcing.few_sources", 3.0),
    );
    fire(
        "tone.sensational",
        n >= min("tone.sensational").max(1) && share(c.sensational, n) >= th("tone.sensational", 0.25),
    );
    fire(
        "sourcing.fast_repost",
        n >= min("sourcing.fast_repost").max(1) && share(c.non_compliant_reposts, n) >= th("sourcing.fast_repost", 0.2),
    );
    fire(
        "activity.coordinated",
        p.group.is_some() && c.group_size >= cfg.stories.min_group_sites,
    );
    let neg = rule.exceeded(c.negative, n);
    fire("tone.negative_ratio", neg);
    let score: f64 = fired
        .iter()
        .filter(|(code, _)| {
            cfg.criteria
                .get(*code)
                .is_some_and(|x| x.family == crate::judge::Family::BaoHoa)
        })
        .map(|x| x.1)
        .sum();
    let mut criteria: Vec<String> = fired.iter().map(|x| x.0.to_owned()).collect();
    criteria.sort();
    let mut fams = Vec::new();
    if score >= cfg.settings.bao_hoa_score - 1e-9 {
        fams.push("bao_hoa".to_owned());
    }
    if neg {
        fams.push("negative_ratio".to_owned());
    }
    (criteria, fams)
}

/// The labels row of a site.
pub fn label(
    p: &SitePlan,
    c: &Counts,
    cfg: &CriteriaConfig,
    rule: &NegRule,
    vocab_prov: &str,
    imitates: &str,
) -> Label {
    let (criteria, fams) = expected(p, c, cfg, rule);
    Label {
        domain: p.domain.clone(),
        archetype: p.archetype.as_str().to_owned(),
        expected_families: fams.join(";"),
        expected_criteria: criteria.join(";"),
        true_negative_share: (share(c.negative, c.items) * 1e4).round() / 1e4,
        items: c.items,
        negative_items: c.negative,
        sensational_share: (share(c.sensational, c.items) * 1e4).round() / 1e4,
        pages: c.pages,
        news_like: p.archetype.news_like(),
        registry: p.registry.as_str().to_owned(),
        lang: if p.english { "en" } else { "vi" }.to_owned(),
        charset: p.charset.as_str().to_owned(),
        noisy: p.noisy,
        content_encoding: if p.gzip { "gzip" } else { "identity" }.to_owned(),
        group: p.group.map(|g| format!("eco-{g}")).unwrap_or_default(),
        imitates: imitates.to_owned(),
        province: vocab_prov.to_owned(),
    }
}

/// Reads `labels.csv`.
pub fn read_labels(path: &std::path::Path) -> anyhow::Result<Vec<Label>> {
    use anyhow::Context;
    let mut rd = csv::Reader::from_path(path).with_context(|| {
        format!(
            "cannot open labels file {}; give the labels.csv written by `baohoa synth`",
            path.display()
        )
    })?;
    let mut out = Vec::new();
    for (i, row) in rd.deserialize::<Label>().enumerate() {
        out.push(row.with_context(|| {
            format!(
                "{}: row {} is not a labels row; regenerate it with `baohoa synth`",
                path.display(),
                i + 2
            )
        })?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_reads_tone_settings_and_applies_both_policies() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("tone")).unwrap();
        std::fs::write(
            dir.path().join("tone/settings.toml"),
            "threshold = 0.2\nmin_items = 20\nuse_lower_bound = false\n[item]\nlead_weight = 0.5\n",
        )
        .unwrap();
        let r = NegRule::from_models(&crate::model_files::ModelFiles::new(Some(dir.path()), None)).unwrap();
        assert_eq!(
            r,
            NegRule {
                threshold: 0.2,
                min_items: 20,
                lower_bound: false,
                z: 1.96
            }
        );
        // Known value: 41 of 87 → [0.3700, 0.5758].
        assert!((wilson_lower(41, 87, 1.959_964) - 0.3700).abs() < 0.001);
        assert!(r.exceeded(5, 20) && !r.exceeded(4, 20) && !r.exceeded(10, 19));
        let strict = NegRule::default();
        // 17% of 100 is over 15% as a point, not with the Wilson lower bound.
        assert!(!strict.exceeded(17, 100));
        assert!(
            NegRule {
                lower_bound: false,
                ..strict
            }
            .exceeded(17, 100)
        );
        assert!(strict.exceeded(27, 110));
    }
}
