//! The real `baohoa` binary on an operator's folders: files that are not dumps are ignored (not
//! failures), `--include`/`--exclude` and `.baohoaignore`, a dump piped to `scan -`, and a corpus
//! folder's own `registry/`.
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_baohoa"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn run_json(out: &Path) -> serde_json::Value {
    let b = std::fs::read(out.join("run.json")).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    serde_json::from_slice(&b).unwrap()
}

/// `baohoa scan -o OUT ARGS…` with `stdin` piped in; run in `cwd`.
fn scan(cwd: &Path, out: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = bin()
        .arg("scan")
        .arg("-o")
        .arg(out)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut i = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        use std::io::Write;
        let _ = i.write_all(&input);
    });
    let o = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    o
}

/// The paths listed as ignored in run.json's walk, with their reasons.
fn ignored(run: &serde_json::Value) -> Vec<(String, String)> {
    run["walk"]["ignored"]
        .as_array()
        .expect("walk.ignored")
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap_or_default().to_string(),
                i["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn input_paths(run: &serde_json::Value) -> Vec<String> {
    run["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap_or_default().to_string())
        .collect()
}

const DEMO: &str = "corpora/demo/demo.warc.gz";
const GENERATED: &str = "corpora/demo/generated/warc/synth-00000.warc.gz";

/// A crawl folder as a crawler leaves it: a WARC and the crawler's other files.
fn crawl_folder(dir: &Path) -> PathBuf {
    let crawl = dir.join("crawl");
    std::fs::create_dir_all(crawl.join("logs")).unwrap();
    std::fs::copy(root().join(DEMO), crawl.join("seg-00001.warc.gz")).unwrap();
    std::fs::write(
        crawl.join("logs/crawl.log"),
        "2026-11-20T01:02:03.456Z   200      5539 https://vnexpress24h.net/ - - text/html #042 20261120010203+12 sha1:X - -\n",
    )
    .unwrap();
    std::fs::write(
        crawl.join("index.cdx"),
        " CDX N b a m s k r M S V g\nnet,vnexpress24h)/ 20261120010203 https://vnexpress24h.net/ text/html 200 X - - 1234 0 seg-00001.warc.gz\n",
    )
    .unwrap();
    std::fs::write(crawl.join("README"), "Crawl of 20 Nov 2026, seeds in seeds.txt\n").unwrap();
    // A gzip file that is no dump (a compressed CDX index).
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, b" CDX N b a m s k r M S V g\n").unwrap();
    std::fs::write(crawl.join("index.cdx.gz"), gz.finish().unwrap()).unwrap();
    crawl
}

#[test]
fn non_dump_files_in_input_folders_are_ignored_and_the_run_stays_complete() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = crawl_folder(dir.path());
    let out = dir.path().join("out");
    let o = scan(dir.path(), &out, &["crawl"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let run = run_json(&out);
    assert_eq!(run["complete"], true);
    assert_eq!(run["counts"]["inputs_failed"], 0);
    assert_eq!(input_paths(&run), vec!["crawl/seg-00001.warc.gz"]);
    let ign = ignored(&run);
    let names: Vec<&str> = ign.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "crawl/README",
            "crawl/index.cdx",
            "crawl/index.cdx.gz",
            "crawl/logs/crawl.log"
        ]
    );
    assert!(ign.iter().all(|(_, why)| why.starts_with("not a dump")), "{ign:?}");
    assert!(ign[2].1.contains("gzip-compressed"), "{ign:?}");
    let e = stderr(&o);
    assert!(
        e.contains("4 paths in the input folders not read") && e.contains("ignored"),
        "{e}"
    );

    // A file with a dump's name is read even when damaged: a failure, never ignored.
    std::fs::write(crawl.join("seg-00002.warc.gz"), b"not gzip at all, a cut download").unwrap();
    let o = scan(dir.path(), &out, &["crawl"], b"");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let run = run_json(&out);
    assert_eq!(run["complete"], false);
    assert!(input_paths(&run).contains(&"crawl/seg-00002.warc.gz".to_string()));
    assert_eq!(run["counts"]["inputs_failed"], 1);
    std::fs::remove_file(crawl.join("seg-00002.warc.gz")).unwrap();

    // A non-dump named on the command line is a failed input: the operator asked for it.
    let o = scan(dir.path(), &out, &["crawl/seg-00001.warc.gz", "crawl/index.cdx"], b"");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("index.cdx: not a recognised input"),
        "{}",
        stderr(&o)
    );

    // A folder holding no dump at all is "nothing readable": exit 1.
    let o = scan(dir.path(), &dir.path().join("out2"), &["crawl/logs"], b"");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no input files found"), "{}", stderr(&o));
}

#[test]
fn include_and_exclude_globs_choose_the_files_of_input_folders() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = crawl_folder(dir.path());
    std::fs::create_dir_all(crawl.join("seg-2")).unwrap();
    std::fs::copy(root().join(GENERATED), crawl.join("seg-2/synth.warc.gz")).unwrap();
    let out = dir.path().join("out");

    let o = scan(dir.path(), &out, &["crawl", "--exclude", "seg-2/", "-q"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let run = run_json(&out);
    assert_eq!(input_paths(&run), vec!["crawl/seg-00001.warc.gz"]);
    assert!(
        ignored(&run).contains(&("crawl/seg-2".into(), "excluded by --exclude seg-2/".into())),
        "{:?}",
        ignored(&run)
    );

    // A glob without `/` matches names at any depth; with --include only matches are read, and
    // the others are listed (not sniffed as non-dumps).
    let o = scan(dir.path(), &out, &["crawl", "--include", "synth.*", "-q"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let run = run_json(&out);
    assert_eq!(input_paths(&run), vec!["crawl/seg-2/synth.warc.gz"]);
    let ign = ignored(&run);
    assert!(
        ign.contains(&("crawl/seg-00001.warc.gz".into(), "not matched by any --include".into())),
        "{ign:?}"
    );

    // A glob with `/` matches the path below the input folder.
    let o = scan(dir.path(), &out, &["crawl", "--exclude", "seg-2/*.warc.gz", "-q"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(input_paths(&run_json(&out)), vec!["crawl/seg-00001.warc.gz"]);

    // Files named on the command line are read whatever the globs say.
    let o = scan(
        dir.path(),
        &out,
        &["crawl/seg-2/synth.warc.gz", "--exclude", "*.warc.gz", "-q"],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(input_paths(&run_json(&out)), vec!["crawl/seg-2/synth.warc.gz"]);

    // Excluding every dump leaves nothing to read: exit 1, no outputs replaced.
    let o = scan(
        dir.path(),
        &dir.path().join("none"),
        &["crawl", "--exclude", "*.warc.gz"],
        b"",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!dir.path().join("none/run.json").exists());

    // A bad glob is an error naming it.
    let o = scan(dir.path(), &out, &["crawl", "--include", "seg-[0"], b"");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--include") && stderr(&o).contains("seg-[0"),
        "{}",
        stderr(&o)
    );

    // A .baohoaignore in a folder leaves out what it lists, relative to that folder.
    std::fs::write(crawl.join(".baohoaignore"), "# old segments\nseg-00001.warc.gz\n").unwrap();
    let o = scan(dir.path(), &out, &["crawl", "-q"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let run = run_json(&out);
    assert_eq!(input_paths(&run), vec!["crawl/seg-2/synth.warc.gz"]);
    assert!(
        ignored(&run)
            .iter()
            .any(|(p, why)| p == "crawl/seg-00001.warc.gz" && why.contains(".baohoaignore")),
        "{:?}",
        ignored(&run)
    );
    // A broken one is not silently skipped: the folder is not read and the run says so.
    std::fs::write(crawl.join(".baohoaignore"), "seg-[0\n").unwrap();
    let o = scan(dir.path(), &out, &["crawl", "-q"], b"");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains(".baohoaignore"), "{}", stderr(&o));
}

#[test]
fn scan_dash_reads_a_dump_piped_to_stdin_or_a_list_of_paths() {
    let dir = tempfile::tempdir().unwrap();
    let demo = std::fs::read(root().join(DEMO)).unwrap();
    let by_path = dir.path().join("by-path");
    let o = scan(&root(), &by_path, &["-q", DEMO], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // The gzipped WARC on stdin: the same sites as the file, and run.json names stdin with the sha256.
    let piped = dir.path().join("piped");
    let o = scan(&root(), &piped, &["-q", "-"], &demo);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(piped.join("sites.jsonl")).unwrap().len(),
        std::fs::read(by_path.join("sites.jsonl")).unwrap().len()
    );
    let run = run_json(&piped);
    let input = &run["inputs"][0];
    assert_eq!(input["path"], "<stdin>");
    assert_eq!(input["kind"], "warc");
    assert_eq!(input["bytes"], demo.len() as u64);
    assert_eq!(input["sha256"], run_json(&by_path)["inputs"][0]["sha256"]);
    assert_eq!(run["counts"]["html_records"], 53);

    // The same WARC uncompressed.
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&demo[..]), &mut plain).unwrap();
    let o = scan(&root(), &piped, &["-q", "-"], &plain);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(run_json(&piped)["counts"]["html_records"], 53);

    // JSONL on stdin.
    let page = std::fs::read_to_string(root().join("corpora/demo/pages/vnexpress24h.net/index.html")).unwrap();
    let line = serde_json::json!({"url": "https://vnexpress24h.net/", "html": page}).to_string();
    let o = scan(&root(), &piped, &["-q", "-"], format!("{line}\n").as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let run = run_json(&piped);
    assert_eq!(run["inputs"][0]["kind"], "jsonl");
    assert_eq!(run["counts"]["html_records"], 1);

    // Anything else is a list of paths, one per line, as before.
    let list = format!("{DEMO}\n\n{GENERATED}\n");
    let o = scan(&root(), &piped, &["-q", "-"], list.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(input_paths(&run_json(&piped)), vec![DEMO, GENERATED]);

    // A damaged dump on stdin is reported like a damaged file: exit 2, the offset in run.json.
    let mut cut = demo.clone();
    cut.truncate(demo.len() / 2);
    let o = scan(&root(), &piped, &["-q", "-"], &cut);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(run_json(&piped)["errors"][0]["source"] == "<stdin>");
}

#[test]
fn scan_of_a_corpus_folder_uses_its_registry_folders_and_equals_the_embedded_demo() {
    let dir = tempfile::tempdir().unwrap();
    let embedded = dir.path().join("embedded");
    let o = scan(&root(), &embedded, &["-q"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let folder = dir.path().join("folder");
    let o = scan(&root(), &folder, &["corpora/demo"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("using the registry folders beside the dumps")
            && e.contains("corpora/demo/registry, corpora/demo/generated/registry"),
        "{e}"
    );
    for f in ["sites.jsonl", "flagged.jsonl", "flagged.csv"] {
        assert!(
            std::fs::read(embedded.join(f)).unwrap() == std::fs::read(folder.join(f)).unwrap(),
            "{f} of `scan corpora/demo` differs from the embedded demo's"
        );
    }
    let run = run_json(&folder);
    assert_eq!(input_paths(&run), vec![DEMO, GENERATED]);
    assert_eq!(
        run["walk"]["registries"],
        serde_json::json!(["corpora/demo/registry", "corpora/demo/generated/registry"])
    );
    let used: Vec<(String, String)> = run["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["file"].as_str().unwrap().into(), m["source"].as_str().unwrap().into()))
        .collect();
    for f in [
        "corpora/demo/registry/press.csv",
        "corpora/demo/generated/registry/social.csv",
    ] {
        assert!(used.contains(&(f.into(), f.into())), "{f}: {used:?}");
    }
    // pages/ (the bodies the WARC is built from) is left out by corpora/demo/.baohoaignore.
    assert!(
        ignored(&run)
            .iter()
            .any(|(p, why)| p == "corpora/demo/pages" && why.contains(".baohoaignore")),
        "{:?}",
        ignored(&run)
    );

    // With --registry the folders among the inputs are not used, and that is said.
    let reg = dir.path().join("reg");
    std::fs::create_dir_all(&reg).unwrap();
    std::fs::copy(root().join("corpora/demo/registry/press.csv"), reg.join("press.csv")).unwrap();
    let o = scan(
        &root(),
        &dir.path().join("with-reg"),
        &["-q", "corpora/demo", "--registry", reg.to_str().unwrap()],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--registry is given, so the registry folders among the inputs are not used"),
        "{}",
        stderr(&o)
    );
    let used = run_json(&dir.path().join("with-reg"))["models"].to_string();
    assert!(!used.contains("corpora/demo/generated/registry"), "{used}");

    // map does not use them (reduce could not know them), and says so.
    let o = bin()
        .args(["map", "-q", "corpora/demo", "-o"])
        .arg(dir.path().join("p.part"))
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("map does not use the registry folders"),
        "{}",
        stderr(&o)
    );
}
