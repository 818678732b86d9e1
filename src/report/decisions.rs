//! The `decisions.json` file exported by the report: reading, checking and writing it.
use std::path::Path;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::judge::Verdict;
pub use crate::judge::decisions::{AppliedDecision, Decision, DecisionKind, apply};

/// Version of the `decisions.json` format.
pub const DECISIONS_SCHEMA: u32 = 1;

/// `decisions.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionsFile {
    pub schema: u32,
    pub decisions: Vec<Decision>,
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
