//! The real `baohoa` binary on the demo corpus and on real WARC samples: outputs, exit codes, determinism.
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_baohoa"))
}

fn realdata() -> Option<PathBuf> {
    match std::env::var_os("BAOHOA_REALDATA") {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            eprintln!("skipped: BAOHOA_REALDATA is not set (CI sets it to ../shared/realdata)");
            None
        }
    }
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn json(p: &Path) -> serde_json::Value {
    serde_json::from_slice(&read(p)).unwrap()
}

#[test]
fn scan_without_input_reads_the_embedded_demo() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let st = bin().args(["scan", "--quiet", "-o"]).arg(&out).status().unwrap();
    assert_eq!(st.code(), Some(0));
    let run = json(&out.join("run.json"));
    assert_eq!(run["complete"], true);
    assert_eq!(run["counts"]["inputs"], 2);
    // Hand-written part: 56 captures (53 HTML pages, one 404, two non-HTML responses) and a warcinfo
    // record; generated part: 628 HTML pages, 18 robots.txt responses and a warcinfo record.
    assert_eq!(run["counts"]["html_records"], 53 + 628);
    assert_eq!(run["counts"]["skipped"]["http_status"], 1);
    assert_eq!(run["counts"]["skipped"]["not_html"], 2 + 18);
    assert_eq!(run["counts"]["skipped"]["warcinfo"], 2);
    assert_eq!(run["inputs"][0]["sha256"].as_str().unwrap().len(), 64);
    let sites = String::from_utf8(read(&out.join("sites.jsonl"))).unwrap();
    let names: Vec<String> = sites
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["site"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "sites.jsonl is sorted by site");
    assert_eq!(names.len(), 12 + 18, "{names:?}");
    for f in ["flagged.jsonl", "flagged.csv", "run.json", "sites.jsonl"] {
        assert!(out.join(f).exists(), "{f}");
    }
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn order_and_threads_do_not_change_outputs() {
    let Some(rd) = realdata() else { return };
    let warcio = rd.join("warc-samples/warcio");
    let pages = rd.join("vn-news-html-2026-tracking-news-mcp");
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.warc.gz");
    std::fs::write(&demo, baohoa::DEMO_WARC).unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    let sa = bin()
        .args(["scan", "--quiet", "--threads", "1", "-o"])
        .arg(&a)
        .arg(&demo)
        .arg(&warcio)
        .arg(&pages)
        .status()
        .unwrap();
    let sb = bin()
        .args(["scan", "--quiet", "--threads", "2", "-o"])
        .arg(&b)
        .arg(&pages)
        .arg(&warcio)
        .arg(&demo)
        .status()
        .unwrap();
    assert_eq!(sa.code(), sb.code());
    for f in ["sites.jsonl", "flagged.jsonl", "flagged.csv"] {
        assert!(
            read(&a.join(f)) == read(&b.join(f)),
            "{f} differs between input orders / thread counts"
        );
    }
}

#[test]
fn damaged_and_missing_inputs_give_exit_2_with_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("cut.warc.gz");
    // The demo WARC cut in the middle of a record: everything before the cut is still read.
    std::fs::write(&bad, &baohoa::DEMO_WARC[..baohoa::DEMO_WARC.len() / 2]).unwrap();
    let missing = dir.path().join("nope.warc");
    let out = dir.path().join("out");
    let o = bin()
        .args(["scan", "--quiet", "-o"])
        .arg(&out)
        .arg(&bad)
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    let run = json(&out.join("run.json"));
    assert_eq!(run["complete"], false);
    assert_eq!(run["counts"]["inputs_failed"], 1);
    assert!(run["counts"]["damaged"].as_u64().unwrap() >= 1);
    let e = &run["errors"][0];
    assert!(e["source"].as_str().unwrap().ends_with("cut.warc.gz"));
    assert!(e["offset"].as_u64().is_some());
    assert!(run["counts"]["html_records"].as_u64().unwrap() >= 10);
}

#[test]
fn bad_arguments_and_unwritable_output_give_exit_1() {
    let o = bin().args(["scan", "--threads", "0"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--threads"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = bin()
        .args(["scan", "--quiet", "-o"])
        .arg(file.join("out"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot create output directory"));
}

#[test]
fn page_shows_one_record_of_a_dump() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.warc.gz");
    std::fs::write(&demo, baohoa::DEMO_WARC).unwrap();
    let o = bin().arg("page").arg(&demo).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["url"], "https://nhipsongthudo.vn/");
    let o = bin().arg("page").arg(format!("{}@7", demo.display())).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no HTML record at offset 7"));
}
