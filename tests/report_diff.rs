//! `baohoa diff` and `scan --previous`: exactly what changed between two runs, and the bounded history.
mod report_support;

use baohoa::report::diff::{self, ChangeKind};
use baohoa::report::history;
use report_support::*;

#[test]
fn one_changed_site_is_exactly_the_diff() {
    let tmp = tempfile::tempdir().unwrap();
    let old = fake_verdicts(500, 3);
    let mut new = old.clone();
    // tin10: the negative share rises over the threshold tonight.
    let v = new.iter_mut().find(|v| v.site == "tin10-nhanh.vn").unwrap();
    let was_flagged = v.flagged;
    let f = v
        .findings
        .iter_mut()
        .find(|f| f.criterion == "tone.negative_ratio")
        .unwrap();
    let before = f.value;
    *f = finding("tone.negative_ratio", true, 0.31, f.items, Vec::new());
    v.families.push(baohoa::judge::Family::NegativeRatio);
    v.families.sort();
    v.families.dedup();
    v.flagged = true;
    write_run(&tmp.path().join("a"), &old, "2026-11-21T01:00:00Z");
    write_run(&tmp.path().join("b"), &new, "2026-11-22T01:00:00Z");

    let d = diff::diff_dirs(&tmp.path().join("a"), &tmp.path().join("b")).unwrap();
    assert_eq!(d.changes.len(), 1, "{d:#?}");
    let c = &d.changes[0];
    assert_eq!(c.site, "tin10-nhanh.vn");
    assert!(c.changes.contains(&ChangeKind::NegativeShare) && c.changes.contains(&ChangeKind::Criteria));
    assert_eq!(c.changes.contains(&ChangeKind::NewFlag), !was_flagged);
    assert_eq!(c.criteria_added, vec!["tone.negative_ratio".to_string()]);
    assert_eq!(c.old.as_ref().unwrap().negative_share, Some(before));
    assert_eq!(
        (d.old_run.as_str(), d.new_run.as_str()),
        ("2026-11-21T01:00:00Z", "2026-11-22T01:00:00Z")
    );

    // The CLI prints the same, as text and as JSON.
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    let out = baohoa(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].contains("1 sites changed"), "{text}");
    assert!(lines[1].starts_with("tin10-nhanh.vn: "), "{text}");
    assert!(
        lines[1].contains("criteria +tone.negative_ratio") && lines[1].contains("→ 31.0%"),
        "{text}"
    );
    let out = baohoa(&["diff", a.to_str().unwrap(), b.to_str().unwrap(), "--json"]);
    let json: diff::RunDiff = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json, d);
    // Same run twice: nothing changed.
    let same = diff::diff_dirs(&a, &a).unwrap();
    assert!(same.changes.is_empty());
}

#[test]
fn new_cleared_not_seen_and_small_moves() {
    let mut old = fake_verdicts(200, 9);
    let mut new = old.clone();
    let flagged: Vec<String> = old.iter().filter(|v| v.flagged).map(|v| v.site.clone()).collect();
    assert!(flagged.len() >= 3);
    // cleared tonight
    let c = new.iter_mut().find(|v| v.site == flagged[0]).unwrap();
    c.flagged = false;
    // gone tonight
    new.retain(|v| v.site != flagged[1]);
    // newly flagged: an unflagged one
    let n = new
        .iter_mut()
        .find(|v| !v.flagged && v.findings.iter().all(|f| !f.fired))
        .unwrap();
    n.flagged = true;
    let new_site = n.site.clone();
    // a half-point move of the negative share is noise
    let q = old.iter_mut().find(|v| !v.flagged && v.site != new_site).unwrap();
    let quiet_site = q.site.clone();
    let qf = q
        .findings
        .iter_mut()
        .find(|f| f.criterion == "tone.negative_ratio")
        .unwrap();
    qf.value += 0.004;
    let d = diff::diff(&old, &new, "a", "b");
    let kinds: Vec<(&str, &Vec<ChangeKind>)> = d.changes.iter().map(|c| (c.site.as_str(), &c.changes)).collect();
    assert_eq!(d.changes.len(), 3, "{kinds:?}");
    assert!(kinds.contains(&(flagged[0].as_str(), &vec![ChangeKind::Cleared])));
    assert!(kinds.contains(&(flagged[1].as_str(), &vec![ChangeKind::NotSeen])));
    assert!(kinds.contains(&(new_site.as_str(), &vec![ChangeKind::NewFlag])));
    assert!(!kinds.iter().any(|k| k.0 == quiet_site));
    assert_eq!((d.new_flags, d.cleared), (1, 1));
    let text = diff::to_text(&d);
    assert!(
        text.contains("CLEARED") && text.contains("NEW FLAG") && text.contains("not seen now"),
        "{text}"
    );
}

#[test]
fn history_is_bounded_and_reruns_replace_their_date() {
    let v = fake_verdicts(50, 1);
    let with_share = v.iter().filter(|v| diff::negative(v).is_some()).count();
    let mut h = history::updated(None, Some(("d00", &v)), "d01", &v);
    assert_eq!(h.runs, vec!["d00", "d01"]);
    assert_eq!(h.sites.len(), with_share);
    for i in 2..40 {
        h = history::add_run(h, &format!("d{i:02}"), &v, history::MAX_RUNS);
    }
    assert_eq!(h.runs.len(), history::MAX_RUNS);
    assert_eq!(h.runs.first().map(String::as_str), Some("d10"));
    assert!(h.sites.values().all(|s| s.len() == history::MAX_RUNS));
    let site = &v[0].site;
    let series = h.series(site);
    assert_eq!(series.len(), history::MAX_RUNS);
    assert_eq!(series[0].0, "d10");
    assert!((series[0].1 - diff::negative(&v[0]).unwrap().value).abs() <= 0.00005);
    // Compact: 50 sites × 30 runs stays small.
    let bytes = serde_json::to_vec(&h).unwrap().len();
    assert!(bytes < 50 * 30 * 40, "{bytes} bytes");
    let again = history::add_run(h.clone(), "d39", &v, history::MAX_RUNS);
    assert_eq!(again.runs.len(), history::MAX_RUNS);
    assert_eq!(again, h);
    // A previous history wins over rebuilding from the previous run's verdicts.
    let next = history::updated(Some(h.clone()), Some(("ignored", &v)), "d40", &v);
    assert_eq!(next.runs.last().map(String::as_str), Some("d40"));
    assert!(!next.runs.contains(&"ignored".to_string()));
}

/// Two scans of the embedded demo corpus, the second with `--previous`: it writes changes.json,
/// history.json and report.html; then one site edited in a copy of the run is exactly the diff.
#[test]
fn demo_corpus_runs_chain_and_diff() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    let out = baohoa(&["scan", "--quiet", "-o", a.to_str().unwrap()]);
    assert!(out.status.code() != Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let out = baohoa(&[
        "scan",
        "--quiet",
        "-o",
        b.to_str().unwrap(),
        "--previous",
        a.to_str().unwrap(),
    ]);
    assert!(out.status.code() != Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    for f in ["report.html", "history.json", "changes.json", "run.json"] {
        assert!(b.join(f).exists(), "{f} missing");
    }
    let changes: diff::RunDiff = serde_json::from_slice(&std::fs::read(b.join("changes.json")).unwrap()).unwrap();
    assert!(changes.changes.is_empty(), "same corpus twice changed: {changes:#?}");
    let run: serde_json::Value = serde_json::from_slice(&std::fs::read(b.join("run.json")).unwrap()).unwrap();
    assert!(run["outputs"].as_array().unwrap().iter().any(|o| o == "report.html"));
    // --previous may name the output directory itself: it is read before anything is replaced.
    let out = baohoa(&[
        "scan",
        "--quiet",
        "-o",
        b.to_str().unwrap(),
        "--previous",
        b.to_str().unwrap(),
    ]);
    assert!(out.status.code() != Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let h = baohoa::report::history::read(&b).unwrap().unwrap();
    assert!(!h.runs.is_empty());
    // Without --previous, a stale changes.json is removed.
    let out = baohoa(&["scan", "--quiet", "-o", b.to_str().unwrap()]);
    assert!(out.status.code() != Some(1));
    assert!(!b.join("changes.json").exists());

    // The second night one site changed: sacmauviet.vn (a compliant aggregate) now also carries
    // crime stories. The diff lists exactly that site.
    let titles = [
        "Bắt tạm giam nghi phạm sát hại hàng xóm vì mâu thuẫn đất đai",
        "Khởi tố đường dây lừa đảo chiếm đoạt hơn 20 tỷ đồng",
        "Tai nạn giao thông nghiêm trọng trên quốc lộ 5, hai người tử vong",
        "Cháy nhà trong đêm, ba người thương vong",
        "Triệt phá đường dây mua bán ma túy xuyên tỉnh",
        "Nghi phạm cướp tiệm vàng bị bắt sau 10 giờ lẩn trốn",
    ];
    let mut jsonl = String::new();
    for (i, t) in titles.iter().enumerate() {
        let url = format!(
            "https://sacmauviet.vn/xa-hoi/tin-moi-cap-nhat-trong-ngay-so-{}-post99{i:03}.html",
            i + 1
        );
        let body =
            "<p>Cơ quan công an đang điều tra làm rõ vụ việc, lấy lời khai các nhân chứng có mặt tại hiện trường.</p>"
                .repeat(6);
        let html = format!(
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{t}</title>\
             <meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" content=\"{t}\">\
             <meta property=\"article:published_time\" content=\"2026-11-21T08:00:00+07:00\"></head>\
             <body><article><h1>{t}</h1>{body}<p>Theo Nhịp Sống Thủ Đô</p></article></body></html>"
        );
        jsonl.push_str(&serde_json::json!({"url": url, "html": html}).to_string());
        jsonl.push('\n');
    }
    let extra = tmp.path().join("extra.jsonl");
    std::fs::write(&extra, jsonl).unwrap();
    let demo = tmp.path().join("demo.warc.gz");
    std::fs::write(&demo, baohoa::DEMO_WARC).unwrap();
    let generated = tmp.path().join("generated.warc.gz");
    std::fs::write(&generated, baohoa::DEMO_GENERATED_WARC).unwrap();
    let c = tmp.path().join("c");
    let registry = tmp.path().join("registry");
    std::fs::create_dir_all(&registry).unwrap();
    // Scanning files (not the embedded demo) needs the demo's registry entries spelled out: the
    // sample registry plus every demo file of the same name.
    for file in ["press.csv", "aggregate.csv", "social.csv"] {
        let mut text = baohoa::models::ModelFiles::default()
            .text(&format!("registry/{file}"))
            .unwrap();
        text.push('\n');
        for (name, demo_text, _) in &baohoa::DEMO_REGISTRY {
            if name.ends_with(&format!("/{file}")) {
                for l in demo_text.lines().filter(|l| !l.starts_with('#')).skip(1) {
                    text.push_str(l);
                    text.push('\n');
                }
            }
        }
        std::fs::write(registry.join(file), text).unwrap();
    }
    let base = tmp.path().join("base");
    for (out, with_extra) in [(&base, false), (&c, true)] {
        let mut args = vec![
            "scan",
            "--quiet",
            "--registry",
            registry.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            demo.to_str().unwrap(),
            generated.to_str().unwrap(),
        ];
        if with_extra {
            args.push(extra.to_str().unwrap());
        }
        let o = baohoa(&args);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    }
    // The file-based scan of the demo equals the embedded one.
    assert_eq!(
        std::fs::read(base.join("sites.jsonl")).unwrap(),
        std::fs::read(a.join("sites.jsonl")).unwrap()
    );
    let d = diff::diff_dirs(&base, &c).unwrap();
    let sites: Vec<&str> = d.changes.iter().map(|c| c.site.as_str()).collect();
    assert_eq!(sites, ["sacmauviet.vn"], "{d:#?}");
    assert!(d.changes[0].changes.contains(&ChangeKind::NewFlag), "{d:#?}");
    let o = baohoa(&["diff", base.to_str().unwrap(), c.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("sacmauviet.vn"), "{text}");
}
