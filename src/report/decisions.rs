//! Inspectors' decisions (`decisions.json`) and how they carry over into the next run's verdicts.
use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::judge::Verdict;

/// Version of the `decisions.json` format.
pub const DECISIONS_SCHEMA: u32 = 1;

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

/// `decisions.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionsFile {
    pub schema: u32,
    pub decisions: Vec<Decision>,
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

/// Reads and checks `decisions.json`.
pub fn read(path: &Path) -> anyhow::Result<DecisionsFile> {
    let bytes = std::fs::read(path).with_context(|| {
        format!(
            "cannot read decisions file {}; export it from report.html (button \"Xuất quyết định\")",
            path.display()
        )
    })?;
    parse(&bytes).with_context(|| format!("in decisions file {}", path.display()))
}

/// Parses and checks `decisions.json` bytes. Later entries for the same site replace earlier ones.
pub fn parse(bytes: &[u8]) -> anyhow::Result<DecisionsFile> {
    let f: DecisionsFile = serde_json::from_slice(bytes).context(
        "not a decisions file: expected {\"schema\":1,\"decisions\":[{\"site\",\"decision\":\"confirmed|dismissed|watch\",\"note\",\"date\",\"fired_at_decision\":[...]}]}",
    )?;
    if f.schema != DECISIONS_SCHEMA {
        bail!(
            "decisions schema {} is not supported (this baohoa reads schema {DECISIONS_SCHEMA}); re-export it from a current report",
            f.schema
        );
    }
    for (i, d) in f.decisions.iter().enumerate() {
        if d.site.trim().is_empty() {
            bail!("decision {} has an empty \"site\"; every decision names a site", i + 1);
        }
    }
    Ok(f)
}

/// Applies decisions to verdicts (a pure function): every verdict with a decision carries it;
/// a dismissed site is not flagged while no criterion fires that was quiet at the decision.
pub fn apply(mut verdicts: Vec<Verdict>, decisions: &DecisionsFile) -> Vec<Verdict> {
    let mut by_site: BTreeMap<&str, &Decision> = BTreeMap::new();
    for d in &decisions.decisions {
        by_site.insert(d.site.trim(), d);
    }
    for v in &mut verdicts {
        let Some(d) = by_site.get(v.site.as_str()) else {
            continue;
        };
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
    verdicts
}

/// The decisions of a run's verdicts, as a `decisions.json` (what the report starts from).
pub fn collect(verdicts: &[Verdict]) -> DecisionsFile {
    let decisions = verdicts
        .iter()
        .filter_map(|v| {
            v.decision.as_ref().map(|d| Decision {
                site: v.site.clone(),
                decision: d.decision,
                note: d.note.clone(),
                date: d.date.clone(),
                fired_at_decision: d.fired_at_decision.clone(),
            })
        })
        .collect();
    DecisionsFile {
        schema: DECISIONS_SCHEMA,
        decisions,
    }
}
