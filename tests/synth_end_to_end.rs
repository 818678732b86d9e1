//! Acceptance of issue 7: generate a corpus with a random seed, scan it, evaluate the run.
use baohoa::models::{ModelFiles, Models};
use baohoa::tools::synth::{SynthOptions, generate};
use baohoa::{Input, NoProgress, ScanOptions};

#[test]
fn synth_scan_eval_acceptance() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        % 1_000_000;
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
}
