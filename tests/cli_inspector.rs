//! The real `baohoa` binary as an inspector uses it: Vietnamese first (explain, flagged.csv), English
//! on request, `explain --json`, comma decimals, Vietnam's time, and the messages as an editable model.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_baohoa"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Scans the embedded demo into DIR/NAME with extra arguments.
fn scan_demo(dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let o = bin().args(["scan", "-q", "-o"]).arg(&out).args(extra).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    out
}

const SITE: &str = "vnexpress24h.net";

#[test]
fn explain_is_vietnamese_by_default_english_on_request_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = scan_demo(dir.path(), "out", &[]);
    let from = out.to_str().unwrap();
    let vi = run(&["explain", "--from", from, SITE]);
    assert_eq!(vi.status.code(), Some(0), "{}", stderr(&vi));
    let vi = stdout(&vi);
    for want in [
        "loại trang: Ghi giấy phép không có trong danh bạ (claims_unregistered_licence)",
        "kết luận: BỊ GẮN CỜ",
        "[Tên miền giống cơ quan báo chí — domain.lookalike] giống cơ quan báo chí có phép VnExpress",
        "căn cứ: Nghị định 72/2013/NĐ-CP, Điều 23b khoản 1",
        "cách khắc phục:",
        "Đã đo, không kích hoạt:",
    ] {
        assert!(vi.contains(want), "missing {want:?} in:\n{vi}");
    }
    for english in [
        "would clear",
        "basis:",
        "looks like",
        "regulation.md",
        " of 4 pages",
        "FLAGGED",
    ] {
        assert!(
            !vi.contains(english),
            "English {english:?} in the Vietnamese explain:\n{vi}"
        );
    }
    let run_line = vi
        .lines()
        .find(|l| l.trim_start().starts_with("lần chạy:"))
        .unwrap_or("");
    assert!(
        run_line.ends_with("+07:00"),
        "run time not in Vietnam's time: {run_line:?}"
    );

    let en = stdout(&run(&["explain", "--from", from, SITE, "--lang", "en"]));
    for want in [
        "class: Claims an unregistered licence (claims_unregistered_licence)",
        "verdict: FLAGGED",
        "[Domain like a licensed outlet's — domain.lookalike] looks like the licensed outlet VnExpress",
        "basis: Decree 72/2013/NĐ-CP, Article 23b(1)",
        "would clear:",
    ] {
        assert!(en.contains(want), "missing {want:?} in:\n{en}");
    }

    let j = run(&["explain", "--from", from, SITE, "--json"]);
    assert_eq!(j.status.code(), Some(0), "{}", stderr(&j));
    let v: serde_json::Value = serde_json::from_str(&stdout(&j)).unwrap();
    assert_eq!(v["site"], SITE);
    assert_eq!(v["class"], "claims_unregistered_licence");
    assert_eq!(v["class_name"], "Ghi giấy phép không có trong danh bạ");
    assert_eq!(v["class_name_en"], "Claims an unregistered licence");
    assert!(
        v["run_started_at"].as_str().unwrap().ends_with("+07:00"),
        "{}",
        v["run_started_at"]
    );
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["criterion"] == "identity.licence")
        .unwrap();
    assert_eq!(f["fired"], true);
    assert_eq!(f["name"], "Giấy phép");
    assert_eq!(f["name_en"], "Licence");
    assert!(
        f["statement"].as_str().unwrap().contains("ghi giấy phép báo chí"),
        "{f}"
    );
    assert!(
        f["statement_en"].as_str().unwrap().contains("claim a press licence"),
        "{f}"
    );
    assert!(
        f["basis"]
            .as_str()
            .unwrap()
            .starts_with("Luật Báo chí 2016 (103/2016/QH13), Điều 46"),
        "{f}"
    );
    assert!(
        f["basis_en"]
            .as_str()
            .unwrap()
            .starts_with("Press Law 2016 (103/2016/QH13), Article 46"),
        "{f}"
    );

    let missing = run(&["explain", "--from", from, "khongco.vn"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("khongco.vn is not in"),
        "{}",
        stderr(&missing)
    );
}

/// The cells of flagged.csv (after the byte-order mark) with a separator.
fn csv_rows(out: &Path, sep: u8) -> Vec<Vec<String>> {
    let bytes = std::fs::read(out.join("flagged.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no byte-order mark");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .from_reader(&bytes[3..]);
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn flagged_csv_speaks_vietnamese_by_default_and_takes_comma_decimals() {
    let dir = tempfile::tempdir().unwrap();
    let vi = csv_rows(&scan_demo(dir.path(), "vi", &[]), b',');
    assert_eq!(&vi[0][..4], ["hạng", "trang web", "loại trang", "điểm"]);
    let top = vi.iter().find(|r| r[1] == SITE).unwrap();
    assert_eq!(top[3], "4.600");
    assert!(
        top[11].contains("giống cơ quan báo chí có phép VnExpress"),
        "{}",
        top[11]
    );

    let en = csv_rows(&scan_demo(dir.path(), "en", &["--lang", "en"]), b',');
    assert_eq!(&en[0][..4], ["rank", "site", "class", "score"]);
    let top_en = en.iter().find(|r| r[1] == SITE).unwrap();
    assert!(
        top_en[11].contains("looks like the licensed outlet VnExpress"),
        "{}",
        top_en[11]
    );
    assert_eq!(vi.len(), en.len());

    let out = scan_demo(dir.path(), "comma", &["--csv-decimal", "comma"]);
    let text = String::from_utf8(std::fs::read(out.join("flagged.csv")).unwrap()).unwrap();
    assert!(
        text.contains("\"hạng\";\"trang web\";"),
        "not `;`-separated: {}",
        &text[..200]
    );
    let comma = csv_rows(&out, b';');
    assert_eq!(comma[0].len(), 17, "{:?}", comma[0]);
    let top = comma.iter().find(|r| r[1] == SITE).unwrap();
    assert_eq!((top[3].as_str(), top[8].as_str()), ("4,600", "1,000"));
    assert!(!top[3].contains('.') && !top[9].contains('.'), "{top:?}");

    let bad = run(&["scan", "-q", "--csv-decimal", "semicolon"]);
    assert_eq!(bad.status.code(), Some(2), "clap refuses an unknown value");
    assert!(stderr(&bad).contains("comma"), "{}", stderr(&bad));
}

#[test]
fn messages_are_a_model_file_checked_at_load() {
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    std::fs::create_dir_all(models.join("judge")).unwrap();
    let file = models.join("judge/messages.tsv");
    let embedded = baohoa::models::ModelFiles::default()
        .text("judge/messages.tsv")
        .unwrap();
    // An edited Vietnamese name shows in the outputs.
    let edited = embedded.replace(
        "identity.licence.name\tvi\tGiấy phép",
        "identity.licence.name\tvi\tGiấy phép (đã sửa)",
    );
    assert_ne!(edited, embedded);
    std::fs::write(&file, &edited).unwrap();
    let out = scan_demo(dir.path(), "out", &["--models", models.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&run(&[
        "explain",
        "--json",
        "--from",
        out.to_str().unwrap(),
        SITE,
    ])))
    .unwrap();
    let names: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert!(names.contains(&"Giấy phép (đã sửa)"), "{names:?}");
    // A translation that lost a placeholder is refused, saying which key.
    std::fs::write(
        &file,
        embedded.replace(
            "{n} of {items} titles use shock framing",
            "{n} titles use shock framing",
        ),
    )
    .unwrap();
    let o = run(&[
        "scan",
        "-q",
        "-o",
        dir.path().join("bad").to_str().unwrap(),
        "--models",
        models.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("judge/messages.tsv") && err.contains("tone.sensational.statement: placeholders differ"),
        "{err}"
    );
    assert!(
        !dir.path().join("bad/sites.jsonl").exists(),
        "outputs written on bad models"
    );
}

/// `scan --decisions` carries the inspector's decisions into flagged.csv (decision, whether it is
/// in force, date and note; headers in the CSV's language, the note defused) and flagged.jsonl; a
/// dismissal in force takes the site out, a lapsed one stays with "không"/"no".
#[test]
fn flagged_csv_carries_decisions_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let plain = scan_demo(dir.path(), "plain", &[]);
    let sites = std::fs::read_to_string(plain.join("sites.jsonl")).unwrap();
    let fired = |site: &str| -> Vec<String> {
        let line = sites
            .lines()
            .find(|l| l.contains(&format!("\"site\":\"{site}\"")))
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["fired"] == true)
            .map(|f| f["criterion"].as_str().unwrap().to_owned())
            .collect()
    };
    let flagged = csv_rows(&plain, b',');
    let names: Vec<&str> = flagged[1..].iter().map(|r| r[1].as_str()).collect();
    assert!(names.len() >= 5 && names.contains(&SITE), "{names:?}");
    // Three flagged sites other than SITE (whose rank depends on the demo's other sites).
    let others: Vec<&str> = names.iter().copied().filter(|n| *n != SITE).collect();
    let (watched, lapsed, dismissed) = (others[0], others[1], others[2]);
    let decisions = dir.path().join("decisions.json");
    std::fs::write(
        &decisions,
        serde_json::json!({"schema": 1, "decisions": [
            {"site": SITE, "decision": "confirmed", "note": "=HYPERLINK(\"x\") giả danh VnExpress", "date": "2026-11-21T09:14:03Z", "fired_at_decision": fired(SITE)},
            {"site": watched, "decision": "watch", "note": "theo dõi; có dấu \"phẩy\", xuống\ndòng", "date": "2026-11-21", "fired_at_decision": fired(watched)},
            {"site": lapsed, "decision": "dismissed", "note": "", "date": "2026-11-20T01:00:00Z", "fired_at_decision": []},
            {"site": dismissed, "decision": "dismissed", "note": "trang tổng hợp có phép", "date": "2026-11-20T01:00:00Z", "fired_at_decision": fired(dismissed)}
        ]})
        .to_string(),
    )
    .unwrap();
    let d = decisions.to_str().unwrap();
    let vi = csv_rows(&scan_demo(dir.path(), "vi", &["--decisions", d]), b',');
    assert_eq!(
        &vi[0][13..],
        [
            "quyết định",
            "quyết định còn hiệu lực",
            "ngày quyết định",
            "ghi chú của cán bộ"
        ]
    );
    let row = |rows: &[Vec<String>], site: &str| rows.iter().find(|r| r[1] == site).cloned();
    let top = row(&vi, SITE).unwrap();
    assert_eq!(
        &top[13..],
        [
            "confirmed",
            "có",
            "2026-11-21T09:14:03Z",
            "'=HYPERLINK(\"x\") giả danh VnExpress"
        ]
    );
    let w = row(&vi, watched).unwrap();
    assert_eq!(
        &w[13..],
        ["watch", "có", "2026-11-21", "theo dõi; có dấu \"phẩy\", xuống\ndòng"]
    );
    let l = row(&vi, lapsed).unwrap();
    assert_eq!(&l[13..16], ["dismissed", "không", "2026-11-20T01:00:00Z"]);
    assert!(row(&vi, dismissed).is_none(), "a dismissal in force leaves flagged.csv");
    let undecided = vi[1..]
        .iter()
        .find(|r| ![SITE, watched, lapsed].contains(&r[1].as_str()))
        .unwrap();
    assert_eq!(&undecided[13..], ["", "", "", ""], "no decision, empty cells");
    assert_eq!(vi.len(), flagged.len() - 1);

    let en_out = scan_demo(
        dir.path(),
        "en",
        &["--decisions", d, "--lang", "en", "--csv-decimal", "comma"],
    );
    let en = csv_rows(&en_out, b';');
    assert_eq!(
        &en[0][13..],
        ["decision", "decision_in_force", "decision_date", "decision_note"]
    );
    assert_eq!(&row(&en, lapsed).unwrap()[13..15], ["dismissed", "no"]);
    assert_eq!(&row(&en, SITE).unwrap()[13..15], ["confirmed", "yes"]);
    let jsonl = std::fs::read_to_string(en_out.join("flagged.jsonl")).unwrap();
    let top: serde_json::Value = serde_json::from_str(jsonl.lines().find(|l| l.contains(SITE)).unwrap()).unwrap();
    assert_eq!(
        top["decision"],
        serde_json::json!({"decision": "confirmed", "in_force": true, "date": "2026-11-21T09:14:03Z", "note": "=HYPERLINK(\"x\") giả danh VnExpress"})
    );
    let none: serde_json::Value = serde_json::from_str(
        jsonl
            .lines()
            .find(|l| !l.contains(SITE) && !l.contains(watched) && !l.contains(lapsed))
            .unwrap(),
    )
    .unwrap();
    assert!(none.get("decision").is_none(), "{none}");
}
