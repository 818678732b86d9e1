//! The partitioned map/reduce through the binary: `map --partitions N` per shard, `reduce
//! --partition I` per partition, a finishing `reduce`: the same files as one `scan`, byte for byte.
use std::path::{Path, PathBuf};
use std::process::Command;

const COMPARED: [&str; 5] = [
    "sites.jsonl",
    "flagged.jsonl",
    "flagged.csv",
    "stories.jsonl",
    "groups.jsonl",
];

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_baohoa")).args(args).output().unwrap()
}

fn ok(args: &[&str]) {
    let o = run(args);
    assert!(
        o.status.success(),
        "baohoa {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

struct Corpus {
    dir: tempfile::TempDir,
    shards: Vec<Vec<PathBuf>>,
    registry: PathBuf,
}

fn corpus() -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("corpus");
    ok(&[
        "synth",
        "--sites",
        "40",
        "--seed",
        "4",
        "--max-file-size",
        "1MiB",
        "-o",
        s(&c),
    ]);
    let mut files: Vec<PathBuf> = std::fs::read_dir(c.join("warc"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let demo = dir.path().join("demo.warc.gz");
    std::fs::write(&demo, baohoa::DEMO_WARC).unwrap();
    files.push(demo);
    assert!(files.len() >= 4, "want at least 4 shards, got {}", files.len());
    let mut shards = vec![Vec::new(); 3];
    for (i, f) in files.into_iter().enumerate() {
        shards[i % 3].push(f);
    }
    Corpus {
        registry: c.join("registry"),
        dir,
        shards,
    }
}

#[test]
fn partitioned_map_reduce_equals_scan_and_refuses_mixups() {
    let c = corpus();
    let d = c.dir.path();
    let reg = s(&c.registry);
    let all: Vec<&str> = c.shards.iter().flatten().map(|p| s(p)).collect();
    let whole = d.join("whole");
    let mut args = vec!["scan", "--quiet", "--registry", reg, "-o", s(&whole)];
    args.extend(&all);
    ok(&args);

    let n = 4;
    let maps = d.join("maps");
    for (i, shard) in c.shards.iter().enumerate() {
        let out = maps.join(format!("m{i}"));
        let mut args = vec!["map", "--quiet", "--registry", reg, "--partitions", "4", "-o", s(&out)];
        args.extend(shard.iter().map(|p| s(p)));
        ok(&args);
        // A retried task replaces its output whole.
        if i == 0 {
            ok(&args);
        }
        let names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), n, "{names:?}");
    }
    let map_dirs: Vec<String> = (0..c.shards.len())
        .map(|i| s(&maps.join(format!("m{i}"))).to_owned())
        .collect();
    let reduced = d.join("reduced");
    for p in 0..n {
        let out = reduced.join(format!("{p}.baohoa"));
        let ps = p.to_string();
        let mut args = vec!["reduce", "--registry", reg, "--partition", &ps, "-o", s(&out)];
        args.extend(map_dirs.iter().map(String::as_str));
        ok(&args);
    }
    let parts: Vec<String> = (0..n)
        .map(|p| s(&reduced.join(format!("{p}.baohoa"))).to_owned())
        .collect();
    let out = d.join("out");
    let mut args = vec!["reduce", "--finish", "--registry", reg, "-o", s(&out)];
    args.extend(parts.iter().map(String::as_str));
    ok(&args);
    for f in COMPARED {
        let a = std::fs::read(whole.join(f)).unwrap();
        let b = std::fs::read(out.join(f)).unwrap();
        assert!(a == b, "{f} differs between scan and partitioned map/reduce");
    }
    // The finishing reduce may also read the map folders directly.
    let out2 = d.join("out2");
    let mut args = vec!["reduce", "--registry", reg, "-o", s(&out2)];
    args.extend(map_dirs.iter().map(String::as_str));
    ok(&args);
    for f in COMPARED {
        assert!(
            std::fs::read(whole.join(f)).unwrap() == std::fs::read(out2.join(f)).unwrap(),
            "{f}"
        );
    }
    let run_a: serde_json::Value = serde_json::from_slice(&std::fs::read(whole.join("run.json")).unwrap()).unwrap();
    let run_b: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run_a["counts"], run_b["counts"], "run.json counts are summed once");

    // A missing partition, another partition's file, other models: refused with a reason.
    let bad = d.join("bad");
    let mut args = vec!["reduce", "--registry", reg, "-o", s(&bad)];
    args.extend(parts.iter().take(3).map(String::as_str));
    let o = run(&args);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("missing"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let one = maps.join("m0").join("part-00001-of-00004.baohoa");
    let o = run(&[
        "reduce",
        "--registry",
        reg,
        "--partition",
        "2",
        "-o",
        s(&d.join("x")),
        s(&one),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("not partition 2"));
    let o = run(&[
        "reduce",
        "-o",
        s(&d.join("y")),
        &parts[0],
        &parts[1],
        &parts[2],
        &parts[3],
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("other models"));
}
