//! The real `baohoa` binary as a package: help with examples, `--version`, `models export`,
//! shell completions, the man page and the licence files.
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baohoa")).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every subcommand, as `baohoa help` lists it.
const SUBCOMMANDS: &[&str] = &[
    "scan",
    "map",
    "reduce",
    "explain",
    "report",
    "diff",
    "page",
    "tone",
    "synth",
    "eval",
    "bench",
    "domain",
    "models",
    "completions",
    "man",
    "train",
];

/// The subcommands `baohoa --help` lists (its "Commands:" section), `help` left out.
fn listed_subcommands(top: &str) -> Vec<String> {
    top.split_once("Commands:")
        .map(|(_, rest)| rest.split("\n\n").next().unwrap_or(""))
        .unwrap_or("")
        .lines()
        // A command's line starts with two spaces; its wrapped description, with more.
        .filter_map(|l| l.strip_prefix("  ").filter(|r| !r.starts_with(' ')))
        .filter_map(|r| r.split_whitespace().next().map(str::to_owned))
        .filter(|s| s != "help")
        .collect()
}

#[test]
fn every_subcommand_has_examples_and_scan_lists_every_output() {
    let top = stdout(&run(&["--help"]));
    let listed = listed_subcommands(&top);
    for sub in SUBCOMMANDS {
        assert!(
            listed.iter().any(|l| l == sub),
            "`baohoa --help` does not list {sub}:\n{top}"
        );
    }
    // A subcommand added later needs examples too.
    for sub in &listed {
        let sub = sub.as_str();
        let o = run(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{sub} --help: {}", stderr(&o));
        let help = stdout(&o);
        let examples = help
            .split_once("Example")
            .map(|(_, rest)| rest)
            .unwrap_or_else(|| panic!("`baohoa {sub} --help` has no examples:\n{help}"));
        assert!(examples.contains("baohoa "), "{sub}: the examples run nothing:\n{help}");
    }
    let scan = stdout(&run(&["scan", "--help"]));
    for out in [
        "sites.jsonl",
        "flagged.jsonl",
        "flagged.csv",
        "report.html",
        "history.json",
        "changes.json",
        "groups.jsonl",
        "stories.jsonl",
        "run.json",
    ] {
        assert!(scan.contains(out), "scan --help does not list {out}");
    }
    // The outputs a run writes are all listed: every file of a demo scan is named in the help.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = run(&["scan", "-q", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for e in std::fs::read_dir(&out).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            assert!(
                scan.contains(&name),
                "scan wrote {name}, which scan --help does not list"
            );
        }
    }
}

#[test]
fn version_names_the_commit_and_the_models_hash() {
    let o = run(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    let v = stdout(&o);
    let hash = baohoa::models::ModelFiles::default().hash();
    assert!(
        v.starts_with(&format!("baohoa {} (commit ", env!("CARGO_PKG_VERSION"))),
        "{v}"
    );
    assert!(v.contains(&format!("models {hash})")), "{v} lacks models {hash}");
    let commit = v
        .split("commit ")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .unwrap_or("");
    assert!(
        commit == "unknown" || (commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "commit {commit:?}"
    );
    // In a git checkout the commit is the one built (HEAD at build time).
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    if std::env::var_os("BAOHOA_COMMIT").is_none()
        && let Some(head) = head
    {
        assert_eq!(commit, head, "--version names another commit than HEAD");
    }
}

fn models_hash(out: &Path) -> String {
    let run: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    run["models_hash"].as_str().unwrap().to_owned()
}

#[test]
fn exported_models_scan_like_the_embedded_ones_and_can_be_edited() {
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    let o = run(&["models", "export", models.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in [
        "criteria.toml",
        "judge/messages.tsv",
        "tone/settings.toml",
        "registry/press.csv",
        "registry/aggregate.csv",
        "registry/social.csv",
    ] {
        assert!(models.join(f).is_file(), "{f} not exported");
    }
    assert_eq!(
        std::fs::read(models.join("criteria.toml")).unwrap(),
        baohoa::models::ModelFiles::default()
            .bytes("criteria.toml")
            .unwrap()
            .as_ref()
    );
    // Exporting again refuses to overwrite, and writes nothing; --force overwrites.
    std::fs::write(models.join("criteria.toml"), "edited").unwrap();
    let again = run(&["models", "export", models.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(models.join("criteria.toml")).unwrap(), "edited");
    let forced = run(&["models", "export", "--force", models.to_str().unwrap()]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_ne!(std::fs::read_to_string(models.join("criteria.toml")).unwrap(), "edited");

    // A scan with the export equals one on the embedded models: same hash, same sites.
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    let c = dir.path().join("c");
    assert_eq!(run(&["scan", "-q", "-o", a.to_str().unwrap()]).status.code(), Some(0));
    let o = run(&[
        "scan",
        "-q",
        "-o",
        b.to_str().unwrap(),
        "--models",
        models.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(models_hash(&a), models_hash(&b));
    assert_eq!(
        std::fs::read(a.join("sites.jsonl")).unwrap(),
        std::fs::read(b.join("sites.jsonl")).unwrap()
    );
    // Edited, it is read: the hash moves and the edit shows.
    let criteria = std::fs::read_to_string(models.join("criteria.toml")).unwrap();
    let edited = criteria.replacen("bao_hoa_score = 1.0", "bao_hoa_score = 100.0", 1);
    assert_ne!(edited, criteria);
    std::fs::write(models.join("criteria.toml"), edited).unwrap();
    let o = run(&[
        "scan",
        "-q",
        "-o",
        c.to_str().unwrap(),
        "--models",
        models.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_ne!(models_hash(&a), models_hash(&c));
    let flagged = |out: &Path| {
        std::fs::read_to_string(out.join("flagged.jsonl"))
            .unwrap()
            .lines()
            .count()
    };
    assert!(flagged(&c) < flagged(&a), "a score of 100 still flags as many sites");

    // A file is not a folder to export into.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let o = run(&["models", "export", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is a file"), "{}", stderr(&o));
}

#[test]
fn completions_and_man_page() {
    for (shell, marker) in [
        ("bash", "_baohoa()"),
        ("zsh", "#compdef baohoa"),
        ("fish", "complete -c baohoa"),
    ] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let s = stdout(&o);
        assert!(s.contains(marker), "{shell} completion lacks {marker:?}");
        for sub in ["scan", "explain", "models", "csv-decimal"] {
            assert!(s.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    let bad = run(&["completions", "cmd.exe"]);
    assert_eq!(bad.status.code(), Some(2));
    let o = run(&["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let man = stdout(&o);
    assert!(man.contains(".TH baohoa 1"), "not a section-1 man page");
    assert!(man.contains(".SH NAME") && man.contains("newspaperization"));
    assert!(
        man.contains("explain") && man.contains("Exit codes"),
        "man page lacks the commands or exit codes"
    );
}

#[test]
fn licence_files_match_the_manifest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("license = \"MIT OR Apache-2.0\""));
    let mit = std::fs::read_to_string(root.join("LICENSE-MIT")).unwrap();
    assert!(mit.contains("Permission is hereby granted, free of charge"));
    let apache = std::fs::read_to_string(root.join("LICENSE-APACHE")).unwrap();
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0, January 2004"));
    assert!(apache.contains("END OF TERMS AND CONDITIONS"));
    let changelog = std::fs::read_to_string(root.join("CHANGELOG.md")).unwrap();
    assert!(changelog.contains("## Unreleased"));
}
