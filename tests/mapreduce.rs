//! Mergeable aggregates: `merge` is associative and commutative, and `map` over any split of the
//! inputs followed by `reduce` gives byte-identical outputs to one `scan`.
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use baohoa::models::{ModelFiles, Models};
use baohoa::page::PageFeatures;
use baohoa::site::SiteAggregate;
use baohoa::{Input, NoProgress, ScanOptions};
use proptest::prelude::*;

/// A small synthetic corpus in several WARC files plus the demo WARC, with the models to scan it.
struct Fixture {
    _dir: tempfile::TempDir,
    files: Vec<PathBuf>,
    models: Models,
    whole: PathBuf,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        let files = ModelFiles::new(None, Some(&corpus.join("registry")));
        let criteria = baohoa::judge::CriteriaConfig::load(&files).unwrap();
        let opts = baohoa::tools::synth::SynthOptions {
            sites: 30,
            seed: 5,
            max_file_bytes: 1 << 20,
            rule: baohoa::tools::synth::NegRule::from_models(&files).unwrap(),
            ..Default::default()
        };
        let s = baohoa::tools::synth::generate(&opts, &criteria, &corpus).unwrap();
        let mut inputs = s.warc_files.clone();
        let demo = dir.path().join("demo.warc.gz");
        std::fs::write(&demo, baohoa::DEMO_WARC).unwrap();
        inputs.push(demo);
        assert!(inputs.len() >= 4, "want several input files, got {}", inputs.len());
        let models = Models::load(&files).unwrap();
        let whole = dir.path().join("whole");
        scan_to(&inputs, &models, &whole, 2);
        // The fixture has an ecosystem: the join finds stories across sites and a group.
        let groups = std::fs::read_to_string(whole.join("groups.jsonl")).unwrap();
        assert!(!groups.trim().is_empty(), "the fixture should hold a coordinated group");
        Fixture {
            _dir: dir,
            files: inputs,
            models,
            whole,
        }
    })
}

fn scan_to(files: &[PathBuf], models: &Models, out: &Path, threads: usize) {
    let inputs: Vec<Input> = files.iter().cloned().map(Input::Path).collect();
    let opts = ScanOptions {
        threads,
        ..ScanOptions::default()
    };
    baohoa::scan(&inputs, &opts, models, &baohoa::Carry::default(), out, &NoProgress).unwrap();
}

/// The story join runs over every site's items: its outputs must not depend on the split either.
const COMPARED: [&str; 5] = [
    "sites.jsonl",
    "flagged.jsonl",
    "flagged.csv",
    "stories.jsonl",
    "groups.jsonl",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn map_on_any_split_then_reduce_equals_scan(assign in proptest::collection::vec(0usize..3, 16), through_files in any::<bool>()) {
        let fx = fixture();
        let mut shards: Vec<Vec<PathBuf>> = vec![Vec::new(); 3];
        for (i, f) in fx.files.iter().enumerate() {
            shards[assign[i % assign.len()]].push(f.clone());
        }
        let tmp = tempfile::tempdir().unwrap();
        let mut parts = Vec::new();
        for (i, shard) in shards.iter().enumerate().filter(|(_, s)| !s.is_empty()) {
            let inputs: Vec<Input> = shard.iter().cloned().map(Input::Path).collect();
            let opts = ScanOptions { threads: 1, ..ScanOptions::default() };
            let p = baohoa::map(&inputs, &opts, &fx.models, &NoProgress).unwrap();
            if through_files {
                // Through the versioned partial format, as `baohoa map`/`reduce` do.
                let path = tmp.path().join(format!("{i}.part"));
                p.write(&path).unwrap();
                parts.push(baohoa::Partial::read(&path).unwrap());
            } else {
                parts.push(p);
            }
        }
        parts.reverse();
        let reduced = baohoa::reduce(parts);
        let out = tmp.path().join("out");
        baohoa::finish(reduced, &fx.models, &baohoa::Carry::default(), &out).unwrap();
        for f in COMPARED {
            let a = std::fs::read(fx.whole.join(f)).unwrap();
            let b = std::fs::read(out.join(f)).unwrap();
            prop_assert!(a == b, "{} differs between scan and map+reduce", f);
        }
    }
}

/// Page features of every HTML record of the fixture, analysed once.
fn pages() -> &'static Vec<PageFeatures> {
    static P: OnceLock<Vec<PageFeatures>> = OnceLock::new();
    P.get_or_init(|| {
        let fx = fixture();
        let mut out = Vec::new();
        for f in &fx.files {
            let (_, events) = baohoa::ingest::open(f, &Default::default()).unwrap();
            for ev in events {
                if let baohoa::ingest::Event::Record(r) = ev {
                    let mut t = baohoa::StageNanos::default();
                    out.push(baohoa::analyse(&r, &fx.models, &mut t));
                }
            }
        }
        assert!(out.len() > 100);
        out
    })
}

fn fold(site: &str, idx: &[usize]) -> SiteAggregate {
    let mut a = SiteAggregate::new(site);
    for &i in idx {
        a.add(&pages()[i]);
    }
    a
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn merge_is_associative_and_commutative(picks in proptest::collection::vec((0usize..10_000, 0usize..3), 1..60)) {
        let n = pages().len();
        let mut groups: [Vec<usize>; 3] = Default::default();
        for (p, g) in &picks {
            groups[*g].push(p % n);
        }
        let [a, b, c] = groups.clone().map(|g| fold("x", &g));
        let mut ab_c = a.clone();
        ab_c.merge(b.clone());
        ab_c.merge(c.clone());
        let mut bc = b.clone();
        bc.merge(c.clone());
        let mut a_bc = a.clone();
        a_bc.merge(bc);
        prop_assert_eq!(&ab_c, &a_bc);
        let mut ba = b.clone();
        ba.merge(a.clone());
        let mut ab = a.clone();
        ab.merge(b.clone());
        prop_assert_eq!(&ab, &ba);
        // And merging equals folding every page in one pass, in another order.
        let mut all: Vec<usize> = groups.concat();
        all.reverse();
        prop_assert_eq!(&ab_c, &fold("x", &all));
    }
}
