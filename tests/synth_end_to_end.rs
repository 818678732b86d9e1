//! Acceptance of issues 7 and 14: generate a corpus, scan it, evaluate the run — the flag
//! families, the negative share, and the story criteria (`activity.coordinated`,
//! `sourcing.fast_repost`) against the generator's ground truth.
use std::collections::BTreeMap;

use baohoa::models::{ModelFiles, Models};
use baohoa::tools::synth::{SynthOptions, generate, labels::read_labels};
use baohoa::{Input, NoProgress, ScanOptions};

/// Generates 80 sites at `seed`, scans and evaluates them, and asserts the acceptance bars.
fn acceptance(seed: u64) {
    eprintln!("synth acceptance seed = {seed} (baohoa synth --sites 80 --seed {seed} to reproduce)");
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let out = dir.path().join("out");
    let files = ModelFiles::new(None, Some(&corpus.join("registry")));
    let criteria = baohoa::judge::CriteriaConfig::load(&files).unwrap();
    let opts = SynthOptions {
        sites: 80,
        seed,
        rule: baohoa::tools::synth::NegRule::from_models(&files).unwrap(),
        ..SynthOptions::default()
    };
    let s = generate(&opts, &criteria, &corpus).unwrap();
    let models = Models::load(&files).unwrap();
    let inputs: Vec<Input> = s.warc_files.iter().map(|p| Input::Path(p.clone())).collect();
    let carry = baohoa::Carry::default();
    baohoa::scan(&inputs, &ScanOptions::default(), &models, &carry, &out, &NoProgress).unwrap();
    let rep = baohoa::tools::eval::evaluate_files(&corpus.join("labels.csv"), &out).unwrap();
    let text = baohoa::tools::eval::to_text(&rep);
    eprintln!("{text}");
    assert!(
        rep.missing_sites.is_empty(),
        "sites missing from the output (seed {seed}): {:?}",
        rep.missing_sites
    );
    for fam in ["bao_hoa", "negative_ratio"] {
        let f1 = rep.families.get(fam).and_then(|p| p.f1).unwrap_or(0.0);
        assert!(f1 >= 0.95, "F1 of {fam} is {f1:.3} < 0.95 (seed {seed})");
    }
    for code in ["activity.coordinated", "sourcing.fast_repost"] {
        let c = rep.criteria.get(code).map(|c| c.prf.clone()).unwrap_or_default();
        let f1 = c.f1.unwrap_or(0.0);
        assert!(c.tp > 0, "{code}: no site expected and found (seed {seed}): {c:?}");
        assert!(f1 >= 0.95, "F1 of {code} is {f1:.3} < 0.95 (seed {seed}): {c:?}");
    }
    let mae = rep.negative_share.mae.unwrap_or(1.0);
    assert!(mae <= 0.03, "negative-share MAE {mae:.3} > 0.03 (seed {seed})");
    let press_flagged: Vec<&str> = rep
        .misjudged
        .iter()
        .filter(|m| m.archetype == "licensed_press" && !m.predicted_families.is_empty())
        .map(|m| m.domain.as_str())
        .collect();
    assert!(
        press_flagged.is_empty(),
        "licensed press flagged (seed {seed}): {press_flagged:?}"
    );

    // Only ecosystem sites are grouped: wire stories re-published by the press and compliant
    // re-posts (cited, ≥ 1 h later) make no group.
    let labels = read_labels(&corpus.join("labels.csv")).unwrap();
    let archetype: BTreeMap<&str, &str> = labels
        .iter()
        .map(|l| (l.domain.as_str(), l.archetype.as_str()))
        .collect();
    let groups = std::fs::read_to_string(out.join("groups.jsonl")).unwrap();
    assert!(!groups.trim().is_empty(), "no group found (seed {seed})");
    for line in groups.lines() {
        let g: serde_json::Value = serde_json::from_str(line).unwrap();
        for site in g["sites"].as_array().unwrap() {
            let site = site.as_str().unwrap();
            assert_eq!(
                archetype.get(site).copied(),
                Some("ecosystem"),
                "{site} grouped (seed {seed}): {line}"
            );
        }
    }
    // A compliant re-poster never fires a story criterion; a fast one shows its evidence.
    let rows = baohoa::tools::eval::read_outputs(&out).unwrap();
    let mut reposters = 0;
    for row in &rows {
        let fired = |code: &str| row.findings.iter().any(|f| f.criterion == code && f.fired);
        match archetype.get(row.site.as_str()).copied() {
            Some("compliant_reposter") => {
                reposters += 1;
                assert!(
                    !fired("sourcing.fast_repost") && !fired("activity.coordinated"),
                    "compliant re-poster {} flagged (seed {seed}): {:?}",
                    row.site,
                    row.findings
                );
            }
            Some("fast_repost") => {
                let f = row.findings.iter().find(|f| f.criterion == "sourcing.fast_repost");
                assert!(
                    f.is_some_and(|f| f.fired && f.statement.contains("phút")),
                    "fast re-poster {} (seed {seed}): {f:?}",
                    row.site
                );
            }
            _ => {}
        }
    }
    assert!(reposters > 0, "no compliant re-poster in the corpus (seed {seed})");
}

/// A new seed each run (printed, to reproduce a failure).
#[test]
fn synth_scan_eval_acceptance() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        % 1_000_000;
    acceptance(seed);
}

/// A fixed seed, so a regression shows on every run, not on one seed in many.
#[test]
fn synth_scan_eval_acceptance_fixed_seed() {
    acceptance(4242);
}
