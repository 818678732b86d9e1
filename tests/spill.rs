//! Site aggregates spilled to disk past the memory budget: the outputs are byte-identical whatever
//! the budget and the thread count, and nothing is left behind in the spill folder.
use std::path::{Path, PathBuf};

use baohoa::models::{ModelFiles, Models};
use baohoa::{Carry, Input, NoProgress, ScanOptions};

const COMPARED: [&str; 3] = ["sites.jsonl", "flagged.jsonl", "flagged.csv"];

fn corpus(dir: &Path) -> (Vec<PathBuf>, Models) {
    let corpus = dir.join("corpus");
    let files = ModelFiles::new(None, Some(&corpus.join("registry")));
    let criteria = baohoa::judge::CriteriaConfig::load(&files).unwrap();
    let opts = baohoa::tools::synth::SynthOptions {
        sites: 40,
        seed: 11,
        max_file_bytes: 1 << 20,
        rule: baohoa::tools::synth::NegRule::from_models(&files).unwrap(),
        ..Default::default()
    };
    let s = baohoa::tools::synth::generate(&opts, &criteria, &corpus).unwrap();
    let mut inputs = s.warc_files;
    let demo = dir.join("demo.warc.gz");
    std::fs::write(&demo, baohoa::DEMO_WARC).unwrap();
    inputs.push(demo);
    (inputs, Models::load(&files).unwrap())
}

fn scan(inputs: &[PathBuf], models: &Models, out: &Path, threads: usize, memory: u64, spill: &Path) {
    let inputs: Vec<Input> = inputs.iter().cloned().map(Input::Path).collect();
    let opts = ScanOptions {
        threads,
        memory,
        spill_dir: Some(spill.to_path_buf()),
        ..ScanOptions::default()
    };
    baohoa::scan(&inputs, &opts, models, &Carry::default(), out, &NoProgress).unwrap();
}

#[test]
fn outputs_do_not_depend_on_the_memory_budget_or_threads() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, models) = corpus(dir.path());
    let spill = dir.path().join("spill");
    std::fs::create_dir_all(&spill).unwrap();
    let reference = dir.path().join("ref");
    scan(&inputs, &models, &reference, 1, 1 << 40, &spill);
    // 1 byte: every page spills a run (and the runs are compacted past 32); 200 KB: a few runs.
    for (threads, memory) in [(2, 1), (1, 1), (2, 200_000), (3, 50_000)] {
        let out = dir.path().join(format!("t{threads}-m{memory}"));
        scan(&inputs, &models, &out, threads, memory, &spill);
        for f in COMPARED {
            let a = std::fs::read(reference.join(f)).unwrap();
            let b = std::fs::read(out.join(f)).unwrap();
            assert!(a == b, "{f} differs with --threads {threads} --memory {memory}");
        }
        let left: Vec<_> = std::fs::read_dir(&spill).unwrap().collect();
        assert!(left.is_empty(), "spill folder not cleaned: {left:?}");
        let names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.starts_with('.')),
            "temporary files left in the output: {names:?}"
        );
    }
    let sites = std::fs::read_to_string(reference.join("sites.jsonl")).unwrap();
    assert!(sites.lines().count() > 40, "the corpus should have many sites");
}

#[test]
fn map_with_a_tiny_budget_gives_the_same_partial() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, models) = corpus(dir.path());
    let inputs: Vec<Input> = inputs.into_iter().map(Input::Path).collect();
    let spill = dir.path().join("spill");
    let map = |memory: u64, threads: usize| {
        let opts = ScanOptions {
            threads,
            memory,
            spill_dir: Some(spill.clone()),
            ..ScanOptions::default()
        };
        baohoa::map(&inputs, &opts, &models, &NoProgress).unwrap()
    };
    let a = map(1 << 40, 1);
    let b = map(1, 2);
    assert_eq!(a.sites, b.sites);
    assert_eq!(a.manifest.counts.sites, b.manifest.counts.sites);
}
