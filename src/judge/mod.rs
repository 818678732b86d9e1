//! Site aggregates + registries + criteria → verdicts with findings and evidence.
pub mod config;
pub mod criteria;
pub mod decisions;
pub mod messages;

use serde::{Deserialize, Serialize};

pub use crate::site::Evidence;
pub use config::{CriteriaConfig, Family};
pub use messages::{Both, Lang, Messages};

/// What kind of site this is, from the registries and the licence claims seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteClass {
    /// In the press registry: exempt from báo hóa criteria (negative share still measured).
    LicensedPress,
    /// In the aggregate-site registry.
    LicensedAggregate,
    /// In the social-network registry.
    LicensedSocialNetwork,
    /// Shows a licence line, but the domain is in no registry.
    ClaimsUnregisteredLicence,
    /// News-like (articles, newspaper sections) with no licence line and in no registry.
    UnlicensedNewsLike,
    /// Not news-like: blogs, shops, company sites.
    Other,
}

impl SiteClass {
    pub fn as_str(self) -> &'static str {
        match self {
            SiteClass::LicensedPress => "licensed_press",
            SiteClass::LicensedAggregate => "licensed_aggregate",
            SiteClass::LicensedSocialNetwork => "licensed_social_network",
            SiteClass::ClaimsUnregisteredLicence => "claims_unregistered_licence",
            SiteClass::UnlicensedNewsLike => "unlicensed_news_like",
            SiteClass::Other => "other",
        }
    }
}

/// What one criterion measured on a site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub criterion: String,
    /// The criterion in words, Vietnamese (`name_en`: English).
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    pub group: String,
    pub family: Family,
    /// The criterion's condition holds (and there were enough items to say so).
    pub fired: bool,
    /// The measured value (a share, a count, a similarity…; see `statement`).
    pub value: f64,
    pub threshold: f64,
    /// Weight added to the score when fired (0 when not).
    pub weight: f64,
    /// Items the value was measured on.
    pub items: u64,
    /// 95% confidence interval of a share, when the value is one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub interval: Option<(f64, f64)>,
    /// What was measured, in words, with the figures: Vietnamese (`statement_en`: English).
    pub statement: String,
    #[serde(default)]
    pub statement_en: String,
    /// What would clear the finding: Vietnamese (`clears_en`: English).
    pub clears: String,
    #[serde(default)]
    pub clears_en: String,
    /// The legal text by name and article: Vietnamese (`basis_en`: English).
    pub basis: String,
    #[serde(default)]
    pub basis_en: String,
    pub evidence: Vec<Evidence>,
}

/// The judgement of one site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub site: String,
    pub class: SiteClass,
    /// Sum of the weights of fired báo hóa criteria (0 for exempt sites).
    pub score: f64,
    pub flagged: bool,
    /// Flag families raised, sorted.
    pub families: Vec<Family>,
    /// Every criterion evaluated, fired or not, in catalogue order.
    pub findings: Vec<Finding>,
    /// The inspector's decision carried over from `decisions.json` (`scan --decisions`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<decisions::AppliedDecision>,
}

impl Verdict {
    /// Codes of the criteria that fired.
    pub fn fired(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.fired)
    }
}

/// The models the judge reads: criteria, the domain and tone models, the registries.
#[derive(Debug, Clone, Copy)]
pub struct JudgeModels<'a> {
    pub criteria: &'a CriteriaConfig,
    pub domain: &'a crate::domain::DomainModel,
    pub registry: &'a crate::registry::Registry,
    pub tone: &'a crate::tone::ToneModel,
}

/// Judges every site, in site order, and carries the inspectors' decisions over.
pub fn judge_all(sites: &crate::site::Sites, models: &JudgeModels, decided: &[decisions::Decision]) -> Vec<Verdict> {
    let verdicts: Vec<Verdict> = sites.values().map(|s| judge(s, models)).collect();
    if decided.is_empty() {
        verdicts
    } else {
        decisions::apply(verdicts, decided)
    }
}

/// Judges one site, knowing nothing of other sites (no story clusters).
pub fn judge(agg: &crate::site::SiteAggregate, models: &JudgeModels) -> Verdict {
    criteria::judge(agg, &crate::stories::SiteStories::default(), models)
}

/// Judges one site with what the story pass found about it (re-posts, its group).
pub fn judge_with(
    agg: &crate::site::SiteAggregate,
    stories: &crate::stories::SiteStories,
    models: &JudgeModels,
) -> Verdict {
    criteria::judge(agg, stories, models)
}
