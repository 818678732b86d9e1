//! Inspectors' decisions and how they carry over into a run's verdicts (dismissed stays dismissed
//! until a criterion fires that was quiet at the decision).
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Verdict;

/// What an inspector decided about a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// The flag is right: act on it.
    Confirmed,
    /// The flag is wrong: do not flag again unless a criterion that was quiet then fires.
    Dismissed,
    /// Keep an eye on it.
    Watch,
}

impl DecisionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Confirmed => "confirmed",
            DecisionKind::Dismissed => "dismissed",
            DecisionKind::Watch => "watch",
        }
    }
}

/// One decision as exported by the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub site: String,
    pub decision: DecisionKind,
    #[serde(default)]
    pub note: String,
    /// When it was made (ISO 8601 date or date-time, as the browser wrote it).
    pub date: String,
    /// Codes of the criteria that were firing when the decision was made.
    #[serde(default)]
    pub fired_at_decision: Vec<String>,
}

/// A decision as it stands on this run's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedDecision {
    pub decision: DecisionKind,
    pub note: String,
    pub date: String,
    pub fired_at_decision: Vec<String>,
    /// The decision still holds. A dismissal lapses when a criterion fires that was quiet then.
    pub in_force: bool,
    /// Criteria firing now that were not firing at the decision (they re-open a dismissal).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_criteria: Vec<String>,
    /// The site was flagged by the judge, and the dismissal turned the flag off.
    #[serde(default)]
    pub unflagged: bool,
}

/// Applies decisions to verdicts (a pure function): every verdict with a decision carries it;
/// a dismissed site is not flagged while no criterion fires that was quiet at the decision.
pub fn apply(mut verdicts: Vec<Verdict>, decisions: &[Decision]) -> Vec<Verdict> {
    let by_site = by_site(decisions);
    for v in &mut verdicts {
        if let Some(d) = by_site.get(v.site.as_str()) {
            apply_one(v, d);
        }
    }
    verdicts
}

/// Decisions by site (for the same site, the last entry wins).
pub fn by_site(decisions: &[Decision]) -> BTreeMap<&str, &Decision> {
    let mut by_site: BTreeMap<&str, &Decision> = BTreeMap::new();
    for d in decisions {
        by_site.insert(d.site.trim(), d);
    }
    by_site
}

/// Applies the decision made on a site to its verdict (see [`apply`]).
pub fn apply_one(v: &mut Verdict, d: &Decision) {
    let new_criteria: Vec<String> = v
        .fired()
        .map(|f| f.criterion.clone())
        .filter(|c| !d.fired_at_decision.contains(c))
        .collect();
    let in_force = d.decision != DecisionKind::Dismissed || new_criteria.is_empty();
    let unflagged = d.decision == DecisionKind::Dismissed && in_force && v.flagged;
    if unflagged {
        v.flagged = false;
    }
    v.decision = Some(AppliedDecision {
        decision: d.decision,
        note: d.note.clone(),
        date: d.date.clone(),
        fired_at_decision: d.fired_at_decision.clone(),
        in_force,
        new_criteria,
        unflagged,
    });
}
