//! Walking hostile input trees with the real binary: link loops, the same file under many names,
//! special files, unreadable folders; and formula cells in every column of `flagged.csv`.
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary with a deadline: a hang fails the test instead of stalling the suite.
fn run(args: &[&std::ffi::OsStr]) -> Output {
    run_as(None, args)
}

fn run_as(user: Option<&str>, args: &[&std::ffi::OsStr]) -> Output {
    let mut cmd = match user {
        Some(u) => {
            let mut c = Command::new("setpriv");
            c.args([&format!("--reuid={u}"), &format!("--regid={u}"), "--clear-groups"]);
            c.arg(env!("CARGO_BIN_EXE_baohoa"));
            c
        }
        None => Command::new(env!("CARGO_BIN_EXE_baohoa")),
    };
    let mut child = cmd
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t.elapsed() > Duration::from_secs(120) {
            child.kill().ok();
            panic!("baohoa {args:?} did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

fn scan(inputs: &[&Path], out: &Path) -> (Output, serde_json::Value) {
    let mut args: Vec<&std::ffi::OsStr> = vec!["scan".as_ref(), "--quiet".as_ref(), "-o".as_ref(), out.as_os_str()];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    let o = run(&args);
    let runj = std::fs::read(out.join("run.json"))
        .map(|b| serde_json::from_slice(&b).unwrap())
        .unwrap_or(serde_json::Value::Null);
    (o, runj)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A folder holding the demo WARC (53 HTML pages).
fn demo_dir(root: &Path) -> PathBuf {
    let d = root.join("crawl");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("demo.warc.gz"), baohoa::DEMO_WARC).unwrap();
    d
}

const DEMO_PAGES: u64 = 53;

#[test]
fn two_links_to_the_folder_itself_end_and_read_the_warc_once() {
    let t = tempfile::tempdir().unwrap();
    let d = demo_dir(t.path());
    symlink(".", d.join("again")).unwrap();
    symlink(".", d.join("more")).unwrap();
    let (o, run) = scan(&[&d], &t.path().join("out"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(run["counts"]["inputs"], 1);
    assert_eq!(run["counts"]["html_records"], DEMO_PAGES);
    let loops = run["walk"]["loops"].as_array().unwrap();
    assert_eq!(loops.len(), 2, "{loops:?}");
    assert!(loops[0]["path"].as_str().unwrap().ends_with("again"));
    assert_eq!(loops[0]["target"], d.to_str().unwrap());
    assert!(stderr(&o).contains("link loop"), "{}", stderr(&o));
}

#[test]
fn a_loop_through_a_sibling_folder_is_cut() {
    let t = tempfile::tempdir().unwrap();
    let d = demo_dir(t.path());
    std::fs::create_dir(d.join("sub")).unwrap();
    symlink("..", d.join("sub/up")).unwrap();
    let (o, run) = scan(&[&d], &t.path().join("out"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(run["counts"]["html_records"], DEMO_PAGES);
    assert_eq!(run["walk"]["loops"].as_array().unwrap().len(), 1);
}

#[test]
fn the_same_file_under_five_names_is_read_once() {
    let t = tempfile::tempdir().unwrap();
    let d = demo_dir(t.path());
    let f = d.join("demo.warc.gz");
    std::fs::hard_link(&f, d.join("hard.warc.gz")).unwrap();
    symlink(&f, d.join("soft.warc.gz")).unwrap();
    // The file twice on the command line, the folder holding it, and both links inside it.
    let (o, run) = scan(&[&f, &f, &d], &t.path().join("out"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(run["counts"]["inputs"], 1, "{}", run["inputs"]);
    assert_eq!(run["counts"]["html_records"], DEMO_PAGES);
    let dups = run["walk"]["duplicates"].as_array().unwrap();
    assert_eq!(dups.len(), 3, "{dups:?}");
    assert!(
        dups.iter()
            .all(|x| x["by"] == "same_file" && x["same_as"] == f.to_str().unwrap())
    );
    // The per-site counts are those of one reading.
    let sites = std::fs::read_to_string(t.path().join("out/sites.jsonl")).unwrap();
    let pages: u64 = sites
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["counts"]["pages"]
                .as_u64()
                .unwrap()
        })
        .sum();
    assert_eq!(pages, DEMO_PAGES);
}

#[test]
fn the_same_folder_twice_is_walked_once() {
    let t = tempfile::tempdir().unwrap();
    let d = demo_dir(t.path());
    let alias = t.path().join("alias");
    symlink(&d, &alias).unwrap();
    let (o, run) = scan(&[&d, &alias], &t.path().join("out"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(run["counts"]["html_records"], DEMO_PAGES);
    assert_eq!(run["walk"]["duplicates"][0]["by"], "same_folder");
}

#[test]
fn a_copy_with_identical_bytes_is_read_once_and_named() {
    let t = tempfile::tempdir().unwrap();
    let d = demo_dir(t.path());
    std::fs::write(d.join("copy.warc.gz"), baohoa::DEMO_WARC).unwrap();
    let (o, run) = scan(&[&d], &t.path().join("out"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(run["counts"]["inputs"], 1);
    assert_eq!(run["counts"]["html_records"], DEMO_PAGES);
    let dup = &run["walk"]["duplicates"][0];
    assert_eq!(dup["by"], "same_content");
    assert_eq!(dup["sha256"], run["inputs"][0]["sha256"]);
    assert!(
        dup["same_as"].as_str().unwrap().ends_with("copy.warc.gz"),
        "sorted walk: copy comes first"
    );
}

#[test]
fn devices_and_a_fifo_without_writer_are_refused_without_blocking() {
    let t = tempfile::tempdir().unwrap();
    let d = demo_dir(t.path());
    let fifo = d.join("pipe.warc");
    let st = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(st.success());
    symlink("/dev/zero", d.join("zero.warc")).unwrap();
    let out = t.path().join("out");
    let (o, run) = scan(&[&d, Path::new("/dev/urandom")], &out);
    assert_eq!(
        o.status.code(),
        Some(2),
        "refused inputs make the run incomplete: {}",
        stderr(&o)
    );
    assert_eq!(run["complete"], false);
    assert_eq!(run["counts"]["html_records"], DEMO_PAGES);
    let refused = run["walk"]["refused"].as_array().unwrap();
    assert_eq!(refused.len(), 3, "{refused:?}");
    let msg = |suffix: &str| {
        refused
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(suffix))
            .map(|r| r["message"].as_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert!(msg("pipe.warc").contains("FIFO"), "{refused:?}");
    assert!(msg("zero.warc").contains("character device"), "{refused:?}");
    assert!(msg("/dev/urandom").contains("not a regular file"), "{refused:?}");
    assert!(stderr(&o).contains("only regular files are read"), "{}", stderr(&o));

    // Alone, a FIFO is nothing usable: exit 1, at once.
    let (o, _) = scan(&[&fifo], &t.path().join("out2"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("FIFO"), "{}", stderr(&o));
}

#[test]
fn a_page_of_a_fifo_is_refused() {
    let t = tempfile::tempdir().unwrap();
    let fifo = t.path().join("p.html");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let o = run(&["page".as_ref(), fifo.as_os_str()]);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
}

#[test]
fn an_unreadable_subfolder_makes_the_run_incomplete() {
    use std::os::unix::fs::PermissionsExt;
    let t = tempfile::tempdir().unwrap();
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let d = demo_dir(t.path());
    let locked = d.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("more.warc.gz"), b"x").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = t.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o777)).unwrap();
    // Root reads any folder: then run as `nobody` (needs setpriv), else skip.
    let user = if std::fs::read_dir(&locked).is_ok() {
        let exe = Path::new(env!("CARGO_BIN_EXE_baohoa"));
        let nobody_can_run = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(exe)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !nobody_can_run {
            eprintln!("skipped: running as root and cannot run baohoa as nobody (setpriv), so no folder is unreadable");
            return;
        }
        Some("65534")
    } else {
        None
    };
    let args: Vec<&std::ffi::OsStr> = vec![
        "scan".as_ref(),
        "--quiet".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        d.as_os_str(),
    ];
    let o = run_as(user, &args);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let run: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["complete"], false);
    assert_eq!(run["counts"]["html_records"], DEMO_PAGES);
    let u = &run["walk"]["unreadable"][0];
    assert_eq!(u["path"], locked.to_str().unwrap());
    assert!(u["message"].as_str().unwrap().contains("ermission"), "{u}");
    assert!(stderr(&o).contains("cannot read folder"), "{}", stderr(&o));
}

#[test]
fn every_text_column_of_flagged_csv_is_defused() {
    use baohoa::judge::{Family, SiteClass};
    use baohoa::report::flagged::{FlaggedRow, to_csv};
    let base = FlaggedRow {
        schema: 1,
        rank: 1,
        site: "a.vn".into(),
        class: SiteClass::UnlicensedNewsLike,
        score: 1.5,
        families: vec![Family::BaoHoa],
        criteria: vec!["identity.newsroom".into()],
        figures: vec!["ok".into()],
        figures_en: vec!["ok".into()],
        pages: 3,
        items: 2,
        negative_share: Some(0.5),
        negative_interval: Some((0.1, 0.9)),
        evidence_urls: vec!["http://a.vn/".into()],
        decision: None,
    };
    let cell = |row: FlaggedRow, col: usize| {
        let bytes = to_csv(&[row]).unwrap();
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        r.records().next().unwrap().unwrap()[col].to_owned()
    };
    for bad in ["=1+2", "-2+3", "+baotin24h.vn", "@SUM(A1)", "\t=1", "\r=1"] {
        assert_eq!(
            cell(
                FlaggedRow {
                    site: bad.into(),
                    ..base.clone()
                },
                1
            ),
            format!("'{bad}"),
            "site"
        );
        let crit = FlaggedRow {
            criteria: vec!["identity.newsroom".into(), bad.into()],
            ..base.clone()
        };
        assert_eq!(cell(crit.clone(), 5), format!("identity.newsroom | '{bad}"), "criteria");
        let crit_first = FlaggedRow {
            criteria: vec![bad.into()],
            ..base.clone()
        };
        assert_eq!(cell(crit_first, 5), format!("'{bad}"), "criteria");
        let fig = FlaggedRow {
            figures: vec![bad.into(), bad.into()],
            ..base.clone()
        };
        assert_eq!(cell(fig, 11), format!("'{bad} | '{bad}"), "figures");
        let url = FlaggedRow {
            evidence_urls: vec![bad.into()],
            ..base.clone()
        };
        assert_eq!(cell(url, 12), format!("'{bad}"), "evidence_urls");
        let decided = FlaggedRow {
            decision: Some(baohoa::report::flagged::FlaggedDecision {
                decision: baohoa::report::decisions::DecisionKind::Watch,
                in_force: true,
                date: bad.into(),
                note: bad.into(),
            }),
            ..base.clone()
        };
        assert_eq!(cell(decided.clone(), 15), format!("'{bad}"), "decision_date");
        assert_eq!(cell(decided, 16), format!("'{bad}"), "decision_note");
    }
    // Class and families are baohoa's own words; the rest are numbers it writes.
    let plain = to_csv(&[base]).unwrap();
    let mut r = csv::Reader::from_reader(&plain[3..]);
    let rec = r.records().next().unwrap().unwrap();
    let cells: Vec<&str> = rec.iter().collect();
    assert_eq!(
        cells,
        [
            "1",
            "a.vn",
            "unlicensed_news_like",
            "1.500",
            "bao_hoa",
            "identity.newsroom",
            "3",
            "2",
            "0.500",
            "0.100",
            "0.900",
            "ok",
            "http://a.vn/",
            "",
            "",
            "",
            ""
        ]
    );
    for c in &cells {
        assert!(!c.starts_with(['=', '+', '-', '@', '\t', '\r']), "{c}");
    }
}

#[test]
fn formula_hosts_reach_flagged_csv_defused() {
    // The site column end to end: crawled hosts that read as formulas, each a site with a newsroom
    // and an unregistered licence claim (so flagged), come out of flagged.csv with the quote.
    let t = tempfile::tempdir().unwrap();
    let jsonl = t.path().join("pages.jsonl");
    let hosts = ["=1+2.vn", "-2+3.vn", "+baotin24h.vn"];
    let mut s = String::new();
    for h in hosts {
        for i in 0..3 {
            let row = serde_json::json!({"url": format!("http://{h}/tin/{i}"), "html": "<html><body><h1>Báo điện tử Tin Nhanh</h1><p>Tổng biên tập: Nguyễn Văn A. Giấy phép số 1/GP-BTTTT.</p></body></html>"});
            s.push_str(&row.to_string());
            s.push('\n');
        }
    }
    std::fs::write(&jsonl, s).unwrap();
    let out = t.path().join("out");
    let (o, _) = scan(&[&jsonl], &out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(out.join("flagged.csv")).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let sites: Vec<String> = r.records().map(|rec| rec.unwrap()[1].to_owned()).collect();
    let mut want: Vec<String> = hosts.iter().map(|h| format!("'{h}")).collect();
    want.sort();
    let mut got = sites.clone();
    got.sort();
    assert_eq!(got, want, "{sites:?}");
}
