//! What changed between two runs: new flags, cleared flags, score and negative-share changes, per site.
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::BufRead;
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::judge::Verdict;
use crate::report::manifest::RunManifest;

/// Version of the diff JSON.
pub const DIFF_SCHEMA: u32 = 1;

/// Smallest change of a negative share reported (one percentage point): nightly crawls move
/// every share a little; smaller moves are noise to an inspector.
pub const MIN_RATIO_CHANGE: f64 = 0.01;

/// Smallest score change reported.
const MIN_SCORE_CHANGE: f64 = 1e-9;

/// One kind of change of a site between two runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Flagged now, not flagged (or not seen) before.
    NewFlag,
    /// Flagged before, seen and not flagged now.
    Cleared,
    /// Flagged before, not seen in this run.
    NotSeen,
    /// Criteria that fire now and did not before, or the reverse.
    Criteria,
    Score,
    NegativeShare,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::NewFlag => "new_flag",
            ChangeKind::Cleared => "cleared",
            ChangeKind::NotSeen => "not_seen",
            ChangeKind::Criteria => "criteria",
            ChangeKind::Score => "score",
            ChangeKind::NegativeShare => "negative_share",
        }
    }
}

/// A site's state in one run, as far as the diff cares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteState {
    pub flagged: bool,
    pub score: f64,
    pub criteria: Vec<String>,
    pub negative_share: Option<f64>,
}

impl SiteState {
    pub fn of(v: &Verdict) -> SiteState {
        SiteState {
            flagged: v.flagged,
            score: v.score,
            criteria: v.fired().map(|f| f.criterion.clone()).collect(),
            negative_share: negative(v).map(|f| f.value),
        }
    }
}

/// The negative-share finding of a verdict, when measured on at least one item.
pub fn negative(v: &Verdict) -> Option<&crate::judge::Finding> {
    v.findings
        .iter()
        .find(|f| f.criterion == "tone.negative_ratio" && f.items > 0)
}

/// How one site changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteChange {
    pub site: String,
    pub changes: Vec<ChangeKind>,
    pub old: Option<SiteState>,
    pub new: Option<SiteState>,
    /// Criteria firing now that did not fire before.
    pub criteria_added: Vec<String>,
    /// Criteria that fired before and do not now.
    pub criteria_removed: Vec<String>,
}

/// Everything that changed between two runs, sites sorted by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunDiff {
    pub schema: u32,
    pub old_run: String,
    pub new_run: String,
    pub sites_old: usize,
    pub sites_new: usize,
    pub flagged_old: usize,
    pub flagged_new: usize,
    pub new_flags: usize,
    pub cleared: usize,
    pub changes: Vec<SiteChange>,
}

/// Compares two runs' verdicts (pure). `old_run`/`new_run` label the runs (their dates).
pub fn diff(old: &[Verdict], new: &[Verdict], old_run: &str, new_run: &str) -> RunDiff {
    let olds: BTreeMap<String, SiteState> = old.iter().map(|v| (v.site.clone(), SiteState::of(v))).collect();
    let news: BTreeMap<&str, SiteState> = new.iter().map(|v| (v.site.as_str(), SiteState::of(v))).collect();
    let mut changes = Vec::new();
    for (site, n) in &news {
        changes.extend(change(site, olds.get(*site), Some(n)));
    }
    let flagged_new = news.values().filter(|s| s.flagged).count();
    summarise(
        &olds,
        &|s| news.contains_key(s),
        changes,
        (news.len(), flagged_new),
        old_run,
        new_run,
    )
}

/// How one site changed between two runs, if it did (`None` for absent on either side).
pub fn change(site: &str, o: Option<&SiteState>, n: Option<&SiteState>) -> Option<SiteChange> {
    let mut kinds = Vec::new();
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    match (o, n) {
        (None, Some(n)) if n.flagged => {
            kinds.push(ChangeKind::NewFlag);
            added = n.criteria.clone();
        }
        (Some(o), None) if o.flagged => kinds.push(ChangeKind::NotSeen),
        (Some(o), Some(n)) => {
            if n.flagged && !o.flagged {
                kinds.push(ChangeKind::NewFlag);
            }
            if o.flagged && !n.flagged {
                kinds.push(ChangeKind::Cleared);
            }
            added = n.criteria.iter().filter(|c| !o.criteria.contains(c)).cloned().collect();
            removed = o.criteria.iter().filter(|c| !n.criteria.contains(c)).cloned().collect();
            if !added.is_empty() || !removed.is_empty() {
                kinds.push(ChangeKind::Criteria);
            }
            if (n.score - o.score).abs() > MIN_SCORE_CHANGE {
                kinds.push(ChangeKind::Score);
            }
            let moved = match (o.negative_share, n.negative_share) {
                (Some(a), Some(b)) => (b - a).abs() >= MIN_RATIO_CHANGE,
                (None, None) => false,
                _ => true,
            };
            if moved {
                kinds.push(ChangeKind::NegativeShare);
            }
        }
        _ => {}
    }
    (!kinds.is_empty()).then(|| SiteChange {
        site: site.to_owned(),
        changes: kinds,
        old: o.cloned(),
        new: n.cloned(),
        criteria_added: added,
        criteria_removed: removed,
    })
}

/// The diff of a run from the changes of its sites (`changes`, for sites present now, in any
/// order): adds the previously flagged sites not seen now (`seen` says which sites the new run
/// has) and the counts. `news` is (sites, flagged) of the new run.
pub fn summarise(
    olds: &BTreeMap<String, SiteState>,
    seen: &dyn Fn(&str) -> bool,
    mut changes: Vec<SiteChange>,
    (sites_new, flagged_new): (usize, usize),
    old_run: &str,
    new_run: &str,
) -> RunDiff {
    for (site, o) in olds {
        if !seen(site)
            && let Some(c) = change(site, Some(o), None)
        {
            changes.push(c);
        }
    }
    changes.sort_by(|a, b| a.site.cmp(&b.site));
    let count = |k: ChangeKind| changes.iter().filter(|c| c.changes.contains(&k)).count();
    RunDiff {
        schema: DIFF_SCHEMA,
        old_run: old_run.to_owned(),
        new_run: new_run.to_owned(),
        sites_old: olds.len(),
        sites_new,
        flagged_old: olds.values().filter(|s| s.flagged).count(),
        flagged_new,
        new_flags: count(ChangeKind::NewFlag),
        cleared: count(ChangeKind::Cleared),
        changes,
    }
}

/// The diff as text, one line per change.
pub fn to_text(d: &RunDiff) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} → {}: {} → {} sites, {} → {} flagged; {} new flags, {} cleared, {} sites changed",
        d.old_run,
        d.new_run,
        d.sites_old,
        d.sites_new,
        d.flagged_old,
        d.flagged_new,
        d.new_flags,
        d.cleared,
        d.changes.len()
    );
    for c in &d.changes {
        let mut parts: Vec<String> = Vec::new();
        for k in &c.changes {
            parts.push(match k {
                ChangeKind::NewFlag => "NEW FLAG".into(),
                ChangeKind::Cleared => "CLEARED".into(),
                ChangeKind::NotSeen => "flagged before, not seen now".into(),
                ChangeKind::Criteria => {
                    let mut p = Vec::new();
                    if !c.criteria_added.is_empty() {
                        p.push(format!("+{}", c.criteria_added.join(" +")));
                    }
                    if !c.criteria_removed.is_empty() {
                        p.push(format!("-{}", c.criteria_removed.join(" -")));
                    }
                    format!("criteria {}", p.join(" "))
                }
                ChangeKind::Score => format!(
                    "score {:.2} → {:.2}",
                    c.old.as_ref().map_or(0.0, |o| o.score),
                    c.new.as_ref().map_or(0.0, |n| n.score)
                ),
                ChangeKind::NegativeShare => format!(
                    "negative share {} → {}",
                    pct(c.old.as_ref().and_then(|o| o.negative_share)),
                    pct(c.new.as_ref().and_then(|n| n.negative_share))
                ),
            });
        }
        let _ = writeln!(s, "{}: {}", c.site, parts.join("; "));
    }
    s
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".into(), |x| format!("{:.1}%", x * 100.0))
}

/// Site counts read back from a `sites.jsonl` row (only what the report needs; other fields ignored).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct RowCounts {
    #[serde(default)]
    pub pages: u64,
    #[serde(default)]
    pub items: Option<u64>,
}

#[derive(Deserialize)]
struct RowLite {
    #[serde(flatten)]
    verdict: Verdict,
    #[serde(default)]
    counts: RowCounts,
}

/// A finished run read back from its output directory.
#[derive(Debug, Clone)]
pub struct RunOutputs {
    pub verdicts: Vec<Verdict>,
    pub counts: Vec<RowCounts>,
    pub manifest: Option<RunManifest>,
    pub started_at: Option<String>,
}

impl RunOutputs {
    /// The run's date (`started_at` of run.json), or `fallback`.
    pub fn date(&self, fallback: &str) -> String {
        self.started_at
            .clone()
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| fallback.to_owned())
    }
}

/// Reads `OUT/sites.jsonl` (required) and `OUT/run.json` (optional).
pub fn read_run(out: &Path) -> anyhow::Result<RunOutputs> {
    super::generation::settle(out)?;
    let path = out.join("sites.jsonl");
    let f = std::fs::File::open(&path).with_context(|| {
        format!(
            "cannot open {}; give the output directory of a finished `baohoa scan`",
            path.display()
        )
    })?;
    let mut verdicts = Vec::new();
    let mut counts = Vec::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let row: RowLite = serde_json::from_str(&line).with_context(|| {
            format!(
                "{}:{}: not a sites.jsonl row this baohoa can read; re-run the scan with this version",
                path.display(),
                i + 1
            )
        })?;
        verdicts.push(row.verdict);
        counts.push(row.counts);
    }
    // run.json is optional and read leniently: an older manifest still gives the run's date.
    let run = out.join("run.json");
    let value: Option<serde_json::Value> = std::fs::read(&run).ok().and_then(|b| serde_json::from_slice(&b).ok());
    let started_at = value
        .as_ref()
        .and_then(|v| v.get("started_at"))
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    let manifest = value.and_then(|v| serde_json::from_value::<RunManifest>(v).ok());
    Ok(RunOutputs {
        verdicts,
        counts,
        manifest,
        started_at,
    })
}

/// `baohoa diff OLD NEW`: reads both runs and compares them.
pub fn diff_dirs(old: &Path, new: &Path) -> anyhow::Result<RunDiff> {
    let o = read_run(old)?;
    let n = read_run(new)?;
    Ok(diff(
        &o.verdicts,
        &n.verdicts,
        &o.date(&old.display().to_string()),
        &n.date(&new.display().to_string()),
    ))
}
