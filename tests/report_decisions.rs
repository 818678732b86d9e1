//! Decisions carry over: a dismissal unflags until a new criterion fires; every verdict shows its decision.
mod report_support;

use baohoa::judge::{Family, SiteClass};
use baohoa::report::decisions::{self, DecisionKind};
use report_support::*;

fn flagged_site(site: &str, codes: &[&str]) -> baohoa::judge::Verdict {
    let findings = CRITERIA
        .iter()
        .map(|c| {
            let fired = codes.contains(&c.0);
            finding(c.0, fired, if fired { c.4 + 0.1 } else { 0.0 }, 50, Vec::new())
        })
        .collect();
    verdict(site, SiteClass::UnlicensedNewsLike, findings)
}

fn file(json: &str) -> decisions::DecisionsFile {
    decisions::parse(json.as_bytes()).unwrap()
}

/// What report.js exports (same shape, pretty-printed with one-space indent).
const EXPORTED: &str = r#"{
 "schema": 1,
 "decisions": [
  {
   "site": "baomoi24h.vn",
   "decision": "dismissed",
   "note": "Trang tổng hợp có trích nguồn đầy đủ",
   "date": "2026-11-21T09:14:03.120Z",
   "fired_at_decision": ["identity.newsroom", "domain.press_words"]
  },
  {"site": "tinnong.vn", "decision": "confirmed", "note": "", "date": "2026-11-20T10:00:00Z", "fired_at_decision": ["identity.site_type"]},
  {"site": "xemtin.vn", "decision": "watch", "note": "xem lại tuần sau", "date": "2026-11-19", "fired_at_decision": []}
 ]
}"#;

#[test]
fn dismissed_site_stays_unflagged_while_the_same_criteria_fire() {
    let v = vec![
        flagged_site("baomoi24h.vn", &["identity.newsroom", "domain.press_words"]),
        flagged_site("khac.vn", &["identity.newsroom"]),
    ];
    let out = decisions::apply(v, &file(EXPORTED).decisions);
    let d = out[0].decision.as_ref().expect("decision carried");
    assert!(!out[0].flagged, "dismissed site must not be flagged");
    assert!(d.in_force && d.unflagged && d.new_criteria.is_empty());
    assert_eq!(d.decision, DecisionKind::Dismissed);
    assert_eq!(d.date, "2026-11-21T09:14:03.120Z");
    assert_eq!(d.note, "Trang tổng hợp có trích nguồn đầy đủ");
    // Still shown: findings kept, families kept for the inspector to see.
    assert_eq!(out[0].fired().count(), 2);
    assert!(out[1].flagged && out[1].decision.is_none());
    // Fewer criteria than at the decision: still dismissed.
    let out = decisions::apply(
        vec![flagged_site("baomoi24h.vn", &["identity.newsroom"])],
        &file(EXPORTED).decisions,
    );
    assert!(!out[0].flagged);
}

#[test]
fn a_criterion_quiet_at_the_decision_reopens_a_dismissal() {
    let v = vec![flagged_site(
        "baomoi24h.vn",
        &["identity.newsroom", "domain.press_words", "tone.negative_ratio"],
    )];
    let out = decisions::apply(v, &file(EXPORTED).decisions);
    let d = out[0].decision.as_ref().unwrap();
    assert!(out[0].flagged, "a new criterion fired: the flag is back");
    assert!(!d.in_force && !d.unflagged);
    assert_eq!(d.new_criteria, vec!["tone.negative_ratio".to_string()]);
    assert!(out[0].families.contains(&Family::NegativeRatio));
}

#[test]
fn confirmed_and_watch_keep_the_judges_flag_and_show_the_decision() {
    let v = vec![
        flagged_site("tinnong.vn", &["identity.site_type"]),
        flagged_site("xemtin.vn", &[]),
    ];
    let out = decisions::apply(v, &file(EXPORTED).decisions);
    assert!(out[0].flagged);
    assert_eq!(out[0].decision.as_ref().unwrap().decision, DecisionKind::Confirmed);
    assert!(!out[1].flagged);
    let w = out[1].decision.as_ref().unwrap();
    assert_eq!(
        (w.decision, w.date.as_str(), w.in_force),
        (DecisionKind::Watch, "2026-11-19", true)
    );
    // The decision is written with the verdict (sites.jsonl) and read back.
    let json = serde_json::to_string(&out[1]).unwrap();
    assert!(json.contains("\"decision\":{\"decision\":\"watch\""), "{json}");
    let back: baohoa::judge::Verdict = serde_json::from_str(&json).unwrap();
    assert_eq!(back, out[1]);
    // Verdicts without a decision serialise as before (no "decision" key).
    let plain = serde_json::to_string(&flagged_site("a.vn", &[])).unwrap();
    assert!(!plain.contains("decision"));
    // collect() gives back the file's decisions.
    let again = decisions::collect(&out);
    assert_eq!(again.decisions.len(), 2);
    assert_eq!(again.decisions[0].site, "tinnong.vn");
}

#[test]
fn later_entries_replace_earlier_ones_and_bad_files_are_explained() {
    let f = file(
        r#"{"schema":1,"decisions":[
        {"site":"a.vn","decision":"confirmed","date":"2026-11-01"},
        {"site":"a.vn","decision":"dismissed","date":"2026-11-02","fired_at_decision":["identity.newsroom"]}]}"#,
    );
    let out = decisions::apply(vec![flagged_site("a.vn", &["identity.newsroom"])], &f.decisions);
    assert_eq!(out[0].decision.as_ref().unwrap().date, "2026-11-02");
    assert!(!out[0].flagged);

    let err = |s: &str| format!("{:#}", decisions::parse(s.as_bytes()).unwrap_err());
    assert!(err(r#"{"schema":2,"decisions":[]}"#).contains("schema 2 is not supported"));
    assert!(
        err(r#"{"schema":1,"decisions":[{"site":"a","decision":"maybe","date":""}]}"#)
            .contains("confirmed|dismissed|watch")
    );
    assert!(err(r#"{"schema":1,"decisions":[{"site":" ","decision":"watch","date":""}]}"#).contains("empty \"site\""));
    let missing = baohoa(&[
        "scan",
        "--quiet",
        "--decisions",
        "/nonexistent/decisions.json",
        "-o",
        "/tmp/never",
    ]);
    assert_eq!(missing.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&missing.stderr);
    assert!(
        msg.contains("cannot read decisions file /nonexistent/decisions.json"),
        "{msg}"
    );
}
