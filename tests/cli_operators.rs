//! The real `baohoa` binary as an operator meets it: no silent fallback for `--models`/`--registry`,
//! run.json naming every model file, exit codes as the README says, closed pipes, skipped real-data tests.
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_baohoa"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn run_json(out: &Path) -> serde_json::Value {
    let b = std::fs::read(out.join("run.json")).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    serde_json::from_slice(&b).unwrap()
}

/// `scan --quiet -o OUT` of the embedded demo with extra arguments.
fn scan_demo(out: &Path, extra: &[&std::ffi::OsStr]) -> Output {
    bin()
        .args(["scan", "--quiet", "-o"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

/// The `models` list of run.json as (file, source) pairs.
fn model_sources(run: &serde_json::Value) -> Vec<(String, String)> {
    run["models"]
        .as_array()
        .expect("run.json has a models list")
        .iter()
        .map(|m| {
            assert_eq!(m["sha256"].as_str().map(str::len), Some(64), "{m}");
            (
                m["file"].as_str().unwrap_or_default().to_string(),
                m["source"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn models_path_that_is_missing_a_file_or_holds_no_model_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let missing = dir.path().join("nosuchdir");
    let o = scan_demo(&out, &["--models".as_ref(), missing.as_os_str()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--models") && stderr(&o).contains("nosuchdir"),
        "{}",
        stderr(&o)
    );
    assert!(
        !out.join("sites.jsonl").exists(),
        "nothing is written on a bad --models"
    );

    let file = dir.path().join("criteria.toml");
    std::fs::write(&file, "x").unwrap();
    let o = scan_demo(&out, &["--models".as_ref(), file.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a folder"), "{}", stderr(&o));

    // Only a misspelt file: named in the error, with the files that were expected.
    let typo = dir.path().join("typo");
    std::fs::create_dir_all(typo.join("tone")).unwrap();
    std::fs::write(typo.join("critera.toml"), "[settings]\n").unwrap();
    let o = scan_demo(&out, &["--models".as_ref(), typo.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("critera.toml") && e.contains("criteria.toml") && e.contains("tone/negative.tsv"),
        "{e}"
    );

    // An empty folder (documentation only) holds no model file.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("README.md"), "notes").unwrap();
    let o = scan_demo(&out, &["--models".as_ref(), empty.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("holds no model file"), "{}", stderr(&o));

    // The same commands that read models refuse too.
    for cmd in [&["tone"][..], &["domain", "a.vn"], &["page", "x.html"]] {
        let o = bin()
            .args(cmd)
            .arg("--models")
            .arg(&missing)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{cmd:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("--models"), "{cmd:?}: {}", stderr(&o));
    }
}

#[test]
fn registry_path_must_hold_registry_files_and_a_partial_one_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let missing = dir.path().join("nosuchdir");
    let o = scan_demo(&out, &["--registry".as_ref(), missing.as_os_str()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("--registry"), "{}", stderr(&o));

    let wrong = dir.path().join("wrong");
    std::fs::create_dir_all(&wrong).unwrap();
    std::fs::write(wrong.join("Press.CSV"), "name,domains\n").unwrap();
    let o = scan_demo(&out, &["--registry".as_ref(), wrong.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("Press.CSV") && e.contains("aggregate.csv"), "{e}");

    // Only press.csv: it replaces the press register; the other kinds keep the embedded sample,
    // said on stderr and in run.json.
    let partial = dir.path().join("partial");
    std::fs::create_dir_all(&partial).unwrap();
    std::fs::write(
        partial.join("press.csv"),
        "name,aliases,domains,licence,type,notes\nBáo Thử,,baothu.vn,1/GP-BTTTT,báo,\n",
    )
    .unwrap();
    let o = scan_demo(&out, &["--registry".as_ref(), partial.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("aggregate.csv, social.csv") && e.contains("embedded sample"),
        "{e}"
    );
    let used = model_sources(&run_json(&out));
    let source = |f: &str| used.iter().find(|(file, _)| file == f).map(|(_, s)| s.clone());
    assert_eq!(
        source("registry/press.csv"),
        Some(partial.join("press.csv").display().to_string())
    );
    assert_eq!(source("registry/aggregate.csv").as_deref(), Some("embedded"));
    assert_eq!(source("registry/social.csv").as_deref(), Some("embedded"));
}

#[test]
fn run_json_lists_every_model_and_registry_file_with_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    std::fs::create_dir_all(models.join("tone")).unwrap();
    let settings =
        String::from_utf8(std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/tone/settings.toml")).unwrap())
            .unwrap();
    std::fs::write(models.join("tone/settings.toml"), settings).unwrap();
    let out = dir.path().join("out");
    let o = scan_demo(&out, &["--models".as_ref(), models.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let used = model_sources(&run_json(&out));
    let files: Vec<&str> = used.iter().map(|(f, _)| f.as_str()).collect();
    // Every embedded model file (documentation aside) and the demo's own registries.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let mut expected = Vec::new();
    walk(&root, &root, &mut expected);
    for f in &expected {
        assert!(files.contains(&f.as_str()), "run.json models lacks {f}: {files:?}");
    }
    for f in [
        "corpora/demo/registry/press.csv",
        "corpora/demo/generated/registry/press.csv",
    ] {
        assert!(files.contains(&f), "{f}: {files:?}");
    }
    for (f, s) in &used {
        if f == "tone/settings.toml" {
            assert_eq!(s, &models.join("tone/settings.toml").display().to_string());
        } else {
            assert_eq!(s, "embedded", "{f}");
        }
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else if p.extension().is_some_and(|x| x != "md") {
            out.push(p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn nothing_readable_exits_1_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = bin()
        .args(["scan", "--quiet", "-o"])
        .arg(&out)
        .arg(dir.path().join("missing.warc.gz"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("missing.warc.gz"), "{}", stderr(&o));
    assert!(!out.join("sites.jsonl").exists() && !out.join("run.json").exists());
    let o = bin()
        .args(["map", "--quiet", "-o"])
        .arg(dir.path().join("p.part"))
        .arg(dir.path().join("missing.warc.gz"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!dir.path().join("p.part").exists());
}

/// Runs `args` with stdout a pipe whose reading end is already closed.
fn into_closed_pipe(args: &[&str], cwd: &Path, stdin: &[u8]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut child = bin()
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(mut i) = child.stdin.take() {
        use std::io::Write;
        let _ = i.write_all(stdin);
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_status_0() {
    let dir = tempfile::tempdir().unwrap();
    let o = scan_demo(&dir.path().join("out"), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/demo/pages/vnexpress24h.net/index.html");
    let page = page.to_string_lossy().into_owned();
    // Enough output that it cannot all sit in the pipe's buffer before the write fails.
    let names: String = (0..3000).map(|i| format!("site{i}.vn\n")).collect();
    let titles = "Bắt giữ nghi phạm trộm cắp tài sản\n".repeat(20_000);
    let cases: Vec<(Vec<&str>, &[u8])> = vec![
        (vec!["explain", "vnexpress24h.net", "--from", "out"], b""),
        (vec!["diff", "out", "out"], b""),
        (vec!["diff", "out", "out", "--json"], b""),
        (vec!["page", &page], b""),
        (vec!["tone"], titles.as_bytes()),
        (vec!["domain"], names.as_bytes()),
        (vec!["--help"], b""),
        (vec!["scan", "--help"], b""),
    ];
    for (args, input) in cases {
        let o = into_closed_pipe(&args, dir.path(), input);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{args:?} printed: {}", stderr(&o));
    }
}

/// Reads the real WARC samples when BAOHOA_REALDATA is set; reported as ignored otherwise.
#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn real_warc_samples_scan() {
    let root = PathBuf::from(std::env::var_os("BAOHOA_REALDATA").expect("built with BAOHOA_REALDATA, run without it"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = bin()
        .args(["scan", "--quiet", "-o"])
        .arg(&out)
        .arg(root.join("warc-samples/warcio"))
        .output()
        .unwrap();
    assert!(matches!(o.status.code(), Some(0 | 2)), "{}", stderr(&o));
    assert!(run_json(&out)["counts"]["html_records"].as_u64().unwrap_or(0) > 0);
}

#[test]
fn real_data_tests_are_reported_ignored_without_baohoa_realdata() {
    // This test binary lists its own ignored tests: the real-data one is among them exactly when
    // the tests were built without BAOHOA_REALDATA.
    let me = std::env::current_exe().unwrap();
    let o = Command::new(me).args(["--list", "--ignored"]).output().unwrap();
    let listed = String::from_utf8_lossy(&o.stdout);
    let ignored = listed.lines().any(|l| l.starts_with("real_warc_samples_scan:"));
    assert_eq!(ignored, !cfg!(baohoa_realdata), "{listed}");
    let var = "BAOHOA_REALDATA";
    assert_eq!(
        cfg!(baohoa_realdata),
        std::env::var_os(var).is_some_and(|v| !v.is_empty()),
        "the tests were built with another BAOHOA_REALDATA setting than they run with; rebuild"
    );
}

#[test]
fn readme_test_commands_run_something() {
    // Every `cargo test … --test NAME` in the README names a test file, and a filter after `--`
    // matches some test function.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut all_tests = String::new();
    for e in std::fs::read_dir(root.join("tests")).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "rs") {
            all_tests.push_str(&std::fs::read_to_string(e.path()).unwrap());
        }
    }
    let mut checked = 0;
    for line in readme.lines().filter(|l| l.trim_start().starts_with("cargo test")) {
        let cmd = line.split('#').next().unwrap_or("");
        let words: Vec<&str> = cmd.split_whitespace().collect();
        if let Some(i) = words.iter().position(|w| *w == "--test") {
            let name = words.get(i + 1).copied().unwrap_or("");
            assert!(root.join("tests").join(format!("{name}.rs")).exists(), "{line}");
        }
        if let Some(i) = words.iter().position(|w| *w == "--") {
            for filter in words[i + 1..].iter().filter(|w| !w.starts_with('-')) {
                // The test functions whose name holds the filter, and whether one is ignored.
                let hits: Vec<&str> = all_tests
                    .match_indices("fn ")
                    .filter(|(at, _)| {
                        let name: String = all_tests[at + 3..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        name.contains(filter)
                    })
                    .map(|(at, _)| {
                        let mut from = at.saturating_sub(300);
                        while !all_tests.is_char_boundary(from) {
                            from -= 1;
                        }
                        &all_tests[from..at]
                    })
                    .collect();
                assert!(!hits.is_empty(), "{line}: no test function matches {filter}");
                if words.contains(&"--ignored") {
                    assert!(
                        hits.iter()
                            .any(|before| before.contains("#[ignore") || before.contains("ignore =")),
                        "{line}: no test matching {filter} is ignored, so this runs 0 tests"
                    );
                }
            }
        }
        checked += 1;
    }
    assert!(checked >= 1);
}

#[test]
fn every_real_data_test_is_ignored_without_baohoa_realdata() {
    // A test that reads BAOHOA_REALDATA itself must carry the cfg_attr(not(baohoa_realdata), ignore)
    // line, or it passes without having run.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut missing = Vec::new();
    for e in std::fs::read_dir(&root).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let src = std::fs::read_to_string(&p).unwrap();
        let tests: Vec<usize> = src.match_indices("\n#[test]").map(|(i, _)| i + 1).collect();
        for (k, &at) in tests.iter().enumerate() {
            // From the attribute to the end of the function (its closing brace at the margin).
            let end = tests.get(k + 1).copied().unwrap_or(src.len());
            let end = src[at..end].find("\n}\n").map_or(end, |i| at + i);
            let body = &src[at..end];
            // A call of a real-data helper (not a name ending in its name), or reading the variable.
            let helper = body.match_indices(concat!("real", "data()")).any(|(i, _)| {
                body[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
            });
            let reads = helper
                || [
                    concat!("var(\"BAOHOA_", "REALDATA\")"),
                    concat!("var_os(\"BAOHOA_", "REALDATA\")"),
                ]
                .iter()
                .any(|pat| body.contains(pat));
            let mut from = at.saturating_sub(400);
            while !src.is_char_boundary(from) {
                from -= 1;
            }
            let head = src[from..at].rsplit("\n\n").next().unwrap_or("");
            if reads && !head.contains("not(baohoa_realdata)") {
                let name: String = body
                    .split("fn ")
                    .nth(1)
                    .unwrap_or("")
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                missing.push(format!(
                    "{}: {name}",
                    p.file_name().unwrap_or_default().to_string_lossy()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "real-data tests without the ignore line: {missing:?}"
    );
}
