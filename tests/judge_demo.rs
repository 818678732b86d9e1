//! Site verdicts on the demo corpus match its labels, and `explain` shows why.
use std::collections::BTreeMap;
use std::process::Command;

use baohoa::models::Models;
use baohoa::{NoProgress, ScanOptions};

/// Expected flag families per site: the hand-written part's `labels.csv` (column `expected_flags`)
/// and the generated part's (column `expected_families`), both third column, `;`-separated.
fn labels() -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for f in ["corpora/demo/labels.csv", "corpora/demo/generated/labels.csv"] {
        let text = std::fs::read_to_string(format!("{}/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        for rec in r.records() {
            let rec = rec.unwrap();
            let fams: Vec<String> = rec[2].split(';').filter(|s| !s.is_empty()).map(str::to_owned).collect();
            out.insert(rec[0].to_owned(), fams);
        }
    }
    out
}

#[test]
fn every_demo_site_gets_its_labelled_flags() {
    let models = baohoa::with_demo_registry(Models::embedded().unwrap()).unwrap();
    let inputs = baohoa::demo_inputs();
    let dir = tempfile::tempdir().unwrap();
    let carry = baohoa::Carry::default();
    baohoa::scan(
        &inputs,
        &ScanOptions::default(),
        &models,
        &carry,
        dir.path(),
        &NoProgress,
    )
    .unwrap();
    let want = labels();
    let mut got = BTreeMap::new();
    for line in std::fs::read_to_string(dir.path().join("sites.jsonl")).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let fams: Vec<String> = v["families"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap().to_owned())
            .collect();
        got.insert(v["site"].as_str().unwrap().to_owned(), fams);
    }
    assert_eq!(got, want, "verdicts (left) differ from corpora/demo/labels.csv (right)");

    // The licensed press outlet is measured but exempt.
    let text = std::fs::read_to_string(dir.path().join("sites.jsonl")).unwrap();
    let press: serde_json::Value = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["site"] == "nhipsongthudo.vn")
        .unwrap();
    assert_eq!(press["class"], "licensed_press");
    let neg = press["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["criterion"] == "tone.negative_ratio")
        .unwrap();
    assert!(
        neg["items"].as_u64().unwrap() >= 3,
        "negative share is still measured on press: {neg}"
    );

    // Together the demo's sites show every kind of finding.
    let mut fired = std::collections::BTreeSet::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for f in v["findings"].as_array().unwrap() {
            if f["fired"] == true {
                fired.insert(f["criterion"].as_str().unwrap().to_owned());
            }
        }
    }
    let all: std::collections::BTreeSet<String> =
        baohoa::judge::config::CODES.iter().map(|c| (*c).to_owned()).collect();
    assert_eq!(fired, all, "criteria that never fire on the demo");

    // explain states each fired criterion with its figures and evidence URLs, in Vietnamese by
    // default and in English with --lang en.
    for (site, fams) in &want {
        let run = |extra: &[&str]| {
            let o = Command::new(env!("CARGO_BIN_EXE_baohoa"))
                .args(["explain", "--from"])
                .arg(dir.path())
                .arg(site)
                .args(extra)
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            String::from_utf8(o.stdout).unwrap()
        };
        let (vi, en) = (run(&[]), run(&["--lang", "en"]));
        if fams.is_empty() {
            assert!(vi.contains("không bị gắn cờ"), "{vi}");
            assert!(en.contains("not flagged"), "{en}");
        } else {
            assert!(vi.contains("BỊ GẮN CỜ"), "{vi}");
            assert!(en.contains("FLAGGED"), "{en}");
            assert!(vi.contains(&format!("{site}/")), "{vi}");
            assert!(vi.contains("cách khắc phục:") && vi.contains("căn cứ:"), "{vi}");
            assert!(en.contains("would clear:") && en.contains("basis:"), "{en}");
            assert!(!vi.contains("would clear") && !vi.contains("regulation.md"), "{vi}");
        }
    }
}
