//! A run's outputs are replaced as a set (issue 19, row 9): the real binary killed with SIGKILL at
//! each point of its output phase leaves either the previous complete set or, once its commit
//! journal is written, its own complete set (finished by the next reader or run); stale temporaries
//! of killed runs are cleaned by the next run.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use baohoa::ingest::warc_write::WarcWriter;

const OUTPUTS: &[&str] = &[
    "flagged.csv",
    "flagged.jsonl",
    "groups.jsonl",
    "history.json",
    "report.html",
    "run.json",
    "sites.jsonl",
    "stories.jsonl",
];

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_baohoa"))
}

/// A small WARC of two sites, unlike the embedded demo.
fn write_dump(path: &Path) {
    let mut w = WarcWriter::new(Vec::new(), true);
    w.warcinfo("2026-11-20T08:00:00Z", "software: test\r\n").unwrap();
    for (i, host) in ["tinmoi-atomic.vn", "baomoi-atomic.vn"].iter().enumerate() {
        let url = format!("https://{host}/bai-{i}.html");
        let body = format!(
            "<html><head><title>Bài {i}</title></head><body><article><h1>Tin {i}</h1><p>Hà Nội mưa lớn, nhiều tuyến phố ngập sâu.</p></article></body></html>"
        );
        w.html(&url, "2026-11-20T08:00:00Z", body.as_bytes()).unwrap();
    }
    std::fs::write(path, w.into_inner()).unwrap();
}

/// Every file in `out` (name → bytes).
fn files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Names in `out` that are not outputs (temporaries, staging folders, journals).
fn leftovers(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !OUTPUTS.contains(&n.as_str()) && n != "changes.json")
        .collect();
    v.sort();
    v
}

/// The input named in `OUT/run.json`, and whether its site count matches `sites.jsonl`.
fn run_input(out: &Path) -> (String, bool) {
    let run: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    let lines = std::fs::read_to_string(out.join("sites.jsonl"))
        .unwrap()
        .lines()
        .count() as u64;
    (
        run["inputs"][0]["path"].as_str().unwrap().to_owned(),
        run["counts"]["sites"].as_u64() == Some(lines),
    )
}

fn scan(out: &Path, input: Option<&Path>, fault: Option<&str>) -> std::process::ExitStatus {
    let mut c = bin();
    c.args(["scan", "--quiet", "-o"]).arg(out);
    if let Some(i) = input {
        c.arg(i);
    }
    if let Some(f) = fault {
        c.env("BAOHOA_FAULT", f);
    }
    c.status().unwrap()
}

struct Setup {
    _dir: tempfile::TempDir,
    out: PathBuf,
    dump: PathBuf,
    /// The outputs of the first (demo) run.
    first: BTreeMap<String, Vec<u8>>,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let dump = dir.path().join("atomic.warc.gz");
    write_dump(&dump);
    assert_eq!(scan(&out, None, None).code(), Some(0));
    let first = files(&out);
    assert_eq!(first.keys().map(String::as_str).collect::<Vec<_>>(), OUTPUTS);
    Setup {
        _dir: dir,
        out,
        dump,
        first,
    }
}

#[test]
fn killed_before_its_commit_a_run_leaves_the_previous_set() {
    let s = setup();
    let st = scan(&s.out, Some(&s.dump), Some("staged"));
    assert_eq!(st.code(), None, "killed by a signal");
    // Byte for byte the first run's outputs; the killed run's staging folder is still there.
    assert_eq!(files(&s.out), s.first);
    let left = leftovers(&s.out);
    assert!(left.len() == 1 && left[0].starts_with(".baohoa-staging-"), "{left:?}");
    // Readers see the previous run.
    let ex = bin()
        .args(["explain", "--from"])
        .arg(&s.out)
        .arg("tinmoi-atomic.vn")
        .output()
        .unwrap();
    assert!(!ex.status.success(), "the killed run's site must not be visible");
    // A stale temporary of an older writer killed mid-file, named with a pid that no longer runs.
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    std::fs::write(s.out.join(format!(".sites.jsonl.{dead}.tmp")), b"partial").unwrap();
    // The next run cleans both and writes its own complete set.
    assert_eq!(scan(&s.out, Some(&s.dump), None).code(), Some(0));
    assert_eq!(leftovers(&s.out), Vec::<String>::new());
    let (input, consistent) = run_input(&s.out);
    assert!(input.ends_with("atomic.warc.gz") && consistent, "{input}");
}

#[test]
fn killed_during_its_commit_a_run_is_finished_by_the_next_reader() {
    for point in ["journal", "renamed-1"] {
        let s = setup();
        let st = scan(&s.out, Some(&s.dump), Some(point));
        assert_eq!(st.code(), None, "{point}: killed by a signal");
        assert!(s.out.join(".baohoa-commit.json").exists(), "{point}");
        // `explain` settles the folder first: the killed run was complete, its set goes in place.
        let ex = bin()
            .args(["explain", "--from"])
            .arg(&s.out)
            .arg("tinmoi-atomic.vn")
            .output()
            .unwrap();
        assert!(ex.status.success(), "{point}: {}", String::from_utf8_lossy(&ex.stderr));
        assert_eq!(leftovers(&s.out), Vec::<String>::new(), "{point}");
        let (input, consistent) = run_input(&s.out);
        assert!(input.ends_with("atomic.warc.gz") && consistent, "{point}: {input}");
        let now = files(&s.out);
        for f in OUTPUTS {
            assert_ne!(now.get(*f), s.first.get(*f), "{point}: {f} is still the first run's");
        }
    }
}

#[test]
fn a_completed_run_leaves_no_temporaries() {
    let s = setup();
    assert_eq!(leftovers(&s.out), Vec::<String>::new());
    // --previous pointing at OUT itself: compared with, then replaced as a set.
    let st = bin()
        .args(["scan", "--quiet", "-o"])
        .arg(&s.out)
        .arg("--previous")
        .arg(&s.out)
        .arg(&s.dump)
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(0));
    assert!(s.out.join("changes.json").exists());
    assert_eq!(leftovers(&s.out), Vec::<String>::new());
    // A run without --previous removes the stale changes.json with the commit.
    assert_eq!(scan(&s.out, Some(&s.dump), None).code(), Some(0));
    assert!(!s.out.join("changes.json").exists());
}
