//! The committed demo corpus matches its sources: rebuilt bytes, labels for every site, NFC pages.
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use baohoa::domain::{registrable_domain, url_host};
use baohoa::tools::demo::{build_demo, read_pages_tsv};

const KINDS: [&str; 10] = [
    "ecosystem",
    "fast_repost",
    "licensed_press",
    "licensed_aggregate",
    "bao_hoa_aggregate",
    "lookalike",
    "social_network",
    "blog",
    "shop",
    "locality_negative",
];
const FLAGS: [&str; 2] = ["bao_hoa", "negative_ratio"];

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/demo")
}

#[test]
fn rebuilt_warc_equals_committed_bytes() {
    let dir = demo_dir();
    let built = build_demo(&dir).unwrap();
    let committed = std::fs::read(dir.join("demo.warc.gz")).unwrap();
    assert!(
        built == committed,
        "corpora/demo/demo.warc.gz is stale ({} bytes committed, {} built): run `cargo run --example build_demo` and commit it",
        committed.len(),
        built.len()
    );
    assert_eq!(built.as_slice(), baohoa::DEMO_WARC);
    assert!(built.len() < 1 << 20, "demo corpus must stay under 1 MB");
}

#[test]
fn build_is_deterministic() {
    let dir = demo_dir();
    assert_eq!(build_demo(&dir).unwrap(), build_demo(&dir).unwrap());
}

#[test]
fn warc_holds_one_response_per_row_after_warcinfo() {
    let dir = demo_dir();
    let rows = read_pages_tsv(&dir.join("pages.tsv")).unwrap();
    let mut text = Vec::new();
    flate2::read::MultiGzDecoder::new(baohoa::DEMO_WARC)
        .read_to_end(&mut text)
        .unwrap();
    let text = String::from_utf8(text).unwrap();
    let types: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("WARC-Type: ")).collect();
    assert_eq!(types.first(), Some(&"warcinfo"));
    assert_eq!(types.iter().filter(|t| **t == "response").count(), rows.len());
    let uris: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("WARC-Target-URI: "))
        .collect();
    let listed: Vec<&str> = rows.iter().map(|r| r.url.as_str()).collect();
    assert_eq!(uris, listed);
    assert!(text.contains("\r\nContent-Type: text/html; charset=utf-8\r\n"));
    assert!(text.contains("\r\nServer: "));
    assert!(text.contains("\r\nDate: "));
}

#[test]
fn corpus_has_skip_cases_and_spread_dates() {
    let rows = read_pages_tsv(&demo_dir().join("pages.tsv")).unwrap();
    assert!(rows.iter().any(|r| r.status == 404), "a 404 page");
    assert!(
        rows.iter()
            .any(|r| r.status == 200 && !r.content_type.starts_with("text/html")),
        "a non-HTML 200 response"
    );
    let days: BTreeSet<&str> = rows.iter().filter_map(|r| r.date.get(0..10)).collect();
    assert!(days.len() >= 2, "captures spread over several days: {days:?}");
    let urls: BTreeSet<&str> = rows.iter().map(|r| r.url.as_str()).collect();
    assert_eq!(urls.len(), rows.len(), "duplicate URL in pages.tsv");
}

#[test]
fn pages_are_utf8_nfc() {
    let dir = demo_dir();
    for row in read_pages_tsv(&dir.join("pages.tsv")).unwrap() {
        let body = std::fs::read(dir.join("pages").join(&row.file)).unwrap();
        let text = String::from_utf8(body).unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", row.file));
        assert_eq!(baohoa::text::normalize::nfc(&text), text, "{} is not NFC", row.file);
    }
}

#[test]
fn labels_cover_exactly_the_crawled_domains() {
    let dir = demo_dir();
    let rows = read_pages_tsv(&dir.join("pages.tsv")).unwrap();
    let crawled: BTreeSet<String> = rows
        .iter()
        .map(|r| registrable_domain(&url_host(&r.url).unwrap()))
        .collect();
    let mut rdr = csv::Reader::from_path(dir.join("labels.csv")).unwrap();
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        ["domain", "kind", "expected_flags", "notes"]
    );
    let mut labelled = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let (domain, kind, flags, notes) = (&rec[0], &rec[1], &rec[2], &rec[3]);
        assert!(KINDS.contains(&kind), "{domain}: unknown kind {kind}");
        for f in flags.split(';').filter(|f| !f.is_empty()) {
            assert!(FLAGS.contains(&f), "{domain}: unknown flag {f}");
        }
        assert!(!notes.trim().is_empty(), "{domain}: notes are empty");
        assert!(labelled.insert(domain.to_owned()), "{domain} labelled twice");
        kinds.insert(kind.to_owned());
    }
    assert_eq!(labelled, crawled, "labels.csv and pages.tsv disagree on domains");
    assert_eq!(kinds.len(), KINDS.len(), "every kind has a site");
}

/// The generated part of the demo is exactly what `baohoa synth --sites 18 --seed 3 --items 32` writes today.
#[test]
fn generated_demo_part_is_fresh() {
    let files = baohoa::models::ModelFiles::default();
    let criteria = baohoa::judge::CriteriaConfig::load(&files).unwrap();
    let opts = baohoa::tools::synth::SynthOptions {
        sites: 18,
        seed: 3,
        items: Some(32),
        rule: baohoa::tools::synth::NegRule::from_models(&files).unwrap(),
        ..Default::default()
    };
    let dir = tempfile::tempdir().unwrap();
    baohoa::tools::synth::generate(&opts, &criteria, dir.path()).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/demo/generated");
    for rel in [
        "warc/synth-00000.warc.gz",
        "labels.csv",
        "registry/press.csv",
        "registry/aggregate.csv",
        "registry/social.csv",
    ] {
        let fresh = std::fs::read(dir.path().join(rel)).unwrap();
        let committed = std::fs::read(root.join(rel)).unwrap();
        assert!(
            fresh == committed,
            "corpora/demo/generated/{rel} is stale: run `cargo run --release -- synth --sites 18 --seed 3 --items 32 -o corpora/demo/generated` and commit it"
        );
    }
    assert!(
        baohoa::DEMO_GENERATED_WARC.len() < 2_000_000,
        "the generated demo must stay under 2 MB"
    );
}
