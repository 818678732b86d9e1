//! Opens report.html in headless Chromium: hostile pages stay inert, sorting, filtering, deciding and
//! exporting work, and 50,000 sites open and filter fast. Skips (with the reason) without Chromium.
mod report_support;

use std::path::{Path, PathBuf};

use report_support::*;

/// Where screenshots and reports are kept for CI artifacts.
fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A run with hostile pages, a previous run (so changes and history show) and a carried decision.
fn hostile_run(root: &Path) -> PathBuf {
    let old = root.join("old");
    let new = root.join("new");
    let mut before = fake_verdicts(300, 7);
    let mut now = fake_verdicts(300, 7);
    now.extend(hostile_verdicts());
    before.extend(hostile_verdicts());
    // One site newly flagged tonight, one cleared.
    if let Some(v) = before.iter_mut().find(|v| v.flagged) {
        v.flagged = false;
        v.families.clear();
    }
    // Yesterday's inspector dismissed one flagged site and confirmed another.
    let flagged: Vec<String> = now
        .iter()
        .filter(|v| v.flagged && v.site != "hostile.vn")
        .map(|v| v.site.clone())
        .collect();
    let carried = baohoa::report::decisions::parse(
        serde_json::json!({"schema": 1, "decisions": [
            {"site": flagged[1], "decision": "dismissed", "note": "Trang tổng hợp, trích nguồn đầy đủ", "date": "2026-11-21T09:14:03Z",
             "fired_at_decision": now.iter().find(|v| v.site == flagged[1]).unwrap().fired().map(|f| f.criterion.clone()).collect::<Vec<_>>()},
            {"site": "hostile.vn", "decision": "confirmed", "note": "<b>giả</b> báo", "date": "2026-11-21T09:20:00Z", "fired_at_decision": ["identity.newsroom"]}
        ]})
        .to_string()
        .as_bytes(),
    )
    .unwrap();
    let now = baohoa::report::decisions::apply(now, &carried.decisions);
    write_run(&old, &before, "2026-11-21T01:00:00Z");
    write_run(&new, &now, "2026-11-22T01:00:00Z");
    // history via a scan-like update, and changes.json as `scan --previous` writes them.
    let d = baohoa::report::diff::diff(&before, &now, "2026-11-21T01:00:00Z", "2026-11-22T01:00:00Z");
    std::fs::write(new.join("changes.json"), serde_json::to_vec(&d).unwrap()).unwrap();
    let h = baohoa::report::history::updated(
        None,
        Some(("2026-11-21T01:00:00Z", before.as_slice())),
        "2026-11-22T01:00:00Z",
        &now,
    );
    std::fs::write(new.join("history.json"), serde_json::to_vec(&h).unwrap()).unwrap();
    // A coordinated group of the two hostile sites and a plain one (`report` reads groups.jsonl).
    let hostile = hostile_verdicts();
    write_hostile_groups(&new, &[&hostile[0].site, &hostile[1].site, &flagged[0]]);
    let out = baohoa(&["report", new.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    new.join("report.html")
}

/// Console errors Chromium printed for the page (CSP violations, exceptions).
fn console_errors(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Content Security Policy") || l.contains("Uncaught"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn hostile_report_is_inert_and_interactive() {
    let Some(chrome) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let page = hostile_run(tmp.path());
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("<script>window.__pwned"),
        "raw hostile script in the page"
    );
    let (dom, stderr) = dump_dom(&chrome, &page, "selftest");
    let res = selftest_result(&dom).unwrap_or_else(|| panic!("no self-test result in the DOM; stderr:\n{stderr}"));
    eprintln!("selftest: {res}");
    assert_eq!(res["ok"], true, "self-test failed: {res:#}");
    assert!(!dom.contains("<img"), "an injected element reached the DOM");
    let errs = console_errors(&stderr);
    assert!(errs.is_empty(), "console errors: {errs:#?}");
    // The console check works: a control page's error is caught.
    let control = tmp.path().join("control.html");
    std::fs::write(
        &control,
        "<html><body><script>console.error('control-error')</script></body></html>",
    )
    .unwrap();
    let (_, stderr) = dump_dom(&chrome, &control, "");
    assert!(
        console_errors(&stderr).iter().any(|l| l.contains("control-error")),
        "Chromium did not report a console error of a control page; the console check is blind:\n{stderr}"
    );
    // The hostile site's panel shows the hostile strings as text, and only http(s) links.
    let (dom, stderr) = dump_dom(&chrome, &page, "site=hostile.vn");
    assert!(
        dom.contains("&lt;script&gt;window.__pwned=1"),
        "hostile title not shown as text"
    );
    assert!(dom.contains("[U+202E]moc.elgoog"), "RTL override not neutralised");
    assert!(dom.contains("vnexpress.net"), "imitated outlet not shown");
    assert!(
        dom.contains("2026-11-21T16:20:00+07:00") && dom.contains("&lt;b&gt;giả&lt;/b&gt; báo"),
        "carried decision not shown in Vietnam's time (09:20Z is 16:20+07:00)"
    );
    assert!(dom.contains("<mark>bắt giữ</mark>"), "matched phrase not highlighted");
    assert!(!dom.contains("href=\"javascript") && !dom.contains("href=\"data:") && !dom.contains("href=\"JaVaScRiPt"));
    assert!(dom.contains("class=\"nolink\""), "unsafe URL not shown as plain text");
    assert!(!dom.contains("<img") && !dom.contains("__pwned=1;alert(1)</script>"));
    assert!(
        dom.len() < 400_000,
        "1 MB title was not capped: DOM is {} bytes",
        dom.len()
    );
    let errs = console_errors(&stderr);
    assert!(errs.is_empty(), "console errors: {errs:#?}");
    // The group of hostile sites (from groups.jsonl): names, URLs and targets stay text, the
    // unsafe URLs are not links, the origin outside the group is a star on its own lane.
    let (dom, stderr) = dump_dom(&chrome, &page, "group=G0001");
    let app = &dom
        [dom.find("<div id=\"app\"").unwrap_or(0)..dom.find("<script type=\"application/json\"").unwrap_or(dom.len())];
    assert!(
        app.contains("id=\"group-timeline\"") && app.contains("id=\"group-graph\""),
        "no group panel:\n{stderr}"
    );
    assert!(
        app.contains("&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;Tin nóng.vn"),
        "outside origin not shown as text"
    );
    assert!(
        app.contains("Công ty \"&gt;&lt;img src=x onerror=\"window.__pwned=2\"&gt;Thời sự (2)"),
        "target not shown as text"
    );
    assert_eq!(app.matches("class=\"origin\"").count(), 2, "two origins marked");
    assert!(
        app.contains("<polygon points=") && app.contains("class=\"lab out\""),
        "no lane for the origin outside the group"
    );
    assert!(!app.contains("<img") && !app.contains("href=\"javascript") && !app.contains("href=\"data:"));
    assert!(
        app.contains("javascript:window.__pwned=7</span>"),
        "javascript: URL not shown as plain text"
    );
    assert!(
        app.contains("<code>ga:UA-1&lt;/script&gt;&lt;script&gt;window.__pwned=3&lt;/script&gt;&lt;!--</code>"),
        "shared operator fingerprint not shown as text"
    );
    let errs = console_errors(&stderr);
    assert!(errs.is_empty(), "console errors: {errs:#?}");
    std::fs::copy(&page, artifacts().join("report-hostile.html")).unwrap();
    let shots = [
        ("group=G0001", "report-group-hostile.png", (1400, 1300)),
        ("tab=summary", "report-summary.png", (1400, 800)),
        ("tab=sites", "report-table.png", (1400, 1000)),
        ("site=hostile.vn", "report-panel.png", (1400, 1600)),
        ("tab=changes", "report-changes.png", (1400, 800)),
        ("lang=en&site=hostile.vn", "report-panel-en.png", (1400, 1000)),
    ];
    for (frag, name, size) in shots {
        let png = artifacts().join(name);
        let _ = std::fs::remove_file(&png);
        let err = screenshot(&chrome, &page, frag, &png, size);
        assert!(png.exists(), "no screenshot {name}: {err}");
        eprintln!("screenshot: {}", png.display());
    }
}

/// Text as Chromium serialises it in the dumped DOM.
fn as_dom_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

/// What the page shows: the app's DOM, without the data element and the script (which hold
/// both languages).
fn shown(dom: &str) -> String {
    let start = dom.find("<div id=\"app\"").unwrap_or(0);
    let end = dom.find("<script type=\"application/json\"").unwrap_or(dom.len());
    assert!(start < end, "no app element before the data element");
    dom[start..end].to_owned()
}

/// The report of a real scan (the embedded demo), in Vietnamese: every fired finding's statement,
/// "would clear" text, basis and criterion name is shown in Vietnamese and none of the English
/// ones; with `#lang=en` the English ones are shown. Dates carry +07:00.
#[test]
fn vietnamese_report_shows_no_english_finding_text() {
    let Some(chrome) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = baohoa(&["scan", "-q", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = out.join("report.html");
    let sites = std::fs::read_to_string(out.join("sites.jsonl")).unwrap();
    let mut checked = 0;
    for line in sites.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["flagged"] != true {
            continue;
        }
        let site = v["site"].as_str().unwrap();
        let fired: Vec<&serde_json::Value> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["fired"] == true)
            .collect();
        let (vi, stderr) = dump_dom(&chrome, &page, &format!("site={site}"));
        assert!(vi.contains("<html lang=\"vi\""), "{site}: not lang=vi");
        let vi = shown(&vi);
        let (en, _) = dump_dom(&chrome, &page, &format!("lang=en&site={site}"));
        assert!(en.contains("<html lang=\"en\""), "{site}: #lang=en not applied");
        let en = shown(&en);
        for f in &fired {
            for k in ["statement", "clears", "basis", "name"] {
                let (t_vi, t_en) = (f[k].as_str().unwrap(), f[format!("{k}_en")].as_str().unwrap());
                assert!(
                    !t_vi.is_empty() && !t_en.is_empty() && t_vi != t_en,
                    "{site} {}: {k} {t_vi:?}",
                    f["criterion"]
                );
                assert!(
                    vi.contains(&as_dom_text(t_vi)),
                    "{site} {}: {k} not shown in Vietnamese: {t_vi}\n{stderr}",
                    f["criterion"]
                );
                assert!(
                    !vi.contains(&as_dom_text(t_en)),
                    "{site} {}: English {k} in lang=vi: {t_en}",
                    f["criterion"]
                );
                assert!(
                    en.contains(&as_dom_text(t_en)),
                    "{site} {}: {k} not shown in English: {t_en}",
                    f["criterion"]
                );
            }
            assert!(
                !vi.contains("regulation.md"),
                "{site}: the basis cites an internal file"
            );
        }
        checked += 1;
        if checked == 4 {
            break;
        }
    }
    assert!(checked >= 3, "only {checked} flagged sites in the demo");
    let (summary, _) = dump_dom(&chrome, &page, "tab=summary");
    let summary = shown(&summary);
    assert!(summary.contains("+07:00"), "run time not shown in Vietnam's time");
    // The pictures: criteria fired (one bar per fired criterion, named in words), negative shares
    // of judged sites against the threshold line, scores, flagged per class.
    let chart = |id: &str| -> String {
        let start = summary
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("no chart {id}"));
        let end = start + summary[start..].find("</svg>").unwrap_or(summary.len() - start);
        summary[start..end].to_owned()
    };
    let mut fired = std::collections::BTreeSet::new();
    for line in sites.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for f in v["findings"].as_array().unwrap() {
            if f["fired"] == true {
                fired.insert(f["name"].as_str().unwrap().to_owned());
            }
        }
    }
    let crit = chart("chart-criteria");
    assert_eq!(
        crit.matches("<rect").count(),
        fired.len(),
        "one bar per fired criterion"
    );
    for name in &fired {
        assert!(
            crit.contains(&format!(">{}</text>", as_dom_text(name))),
            "criterion {name} not named in the chart"
        );
    }
    let neg = chart("chart-negative");
    assert!(neg.contains("data-thr=\"0.15\""), "no 15% line");
    assert!(neg.matches("<circle").count() >= 3, "too few judged sites drawn");
    assert!(chart("chart-scores").contains("<rect"));
    assert!(chart("chart-classes").contains("Giống báo, không giấy phép"));
    let png = artifacts().join("report-summary-charts.png");
    let _ = std::fs::remove_file(&png);
    let err = screenshot(&chrome, &page, "tab=summary", &png, (1400, 1100));
    assert!(png.exists(), "no screenshot: {err}");
    // A site's panel prints on its own (print style): the PDF is made.
    let pdf = artifacts().join("report-panel-print.pdf");
    let _ = std::fs::remove_file(&pdf);
    let profile = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(&chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&page, "site=vnexpress24h.net"))
        .output()
        .unwrap();
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("no PDF ({e}): {}", String::from_utf8_lossy(&o.stderr)));
    assert!(
        bytes.starts_with(b"%PDF") && bytes.len() > 5_000,
        "PDF of {} bytes",
        bytes.len()
    );
    let png = artifacts().join("report-panel-vi-demo.png");
    let _ = std::fs::remove_file(&png);
    let err = screenshot(&chrome, &page, "site=vnexpress24h.net", &png, (1400, 1600));
    assert!(png.exists(), "no screenshot: {err}");
}

#[test]
fn fifty_thousand_sites_open_and_filter_fast() {
    let Some(chrome) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("big");
    let v = fake_verdicts(50_000, 42);
    write_run(&dir, &v, "2026-11-22T01:00:00Z");
    // A month of nightly history for every site.
    let mut h = baohoa::report::history::History::default();
    for night in 0..30 {
        h = baohoa::report::history::add_run(h, &format!("2026-10-{:02}T01:00:00Z", night + 1), &v, 30);
    }
    std::fs::write(dir.join("history.json"), serde_json::to_vec(&h).unwrap()).unwrap();
    let out = baohoa(&["report", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = dir.join("report.html");
    let size = std::fs::metadata(&page).unwrap().len();
    eprintln!("50,000-site report: {:.1} MB", size as f64 / 1e6);
    assert!(size < 50_000_000, "report is {size} bytes");
    // The machine may be shared with other builds: the best of three loads counts.
    let mut best = f64::MAX;
    for attempt in 1..=3 {
        let t = std::time::Instant::now();
        let (dom, stderr) = dump_dom(&chrome, &page, "selftest");
        let wall = t.elapsed().as_secs_f64();
        let res = selftest_result(&dom).unwrap_or_else(|| panic!("no self-test result; stderr:\n{stderr}"));
        assert_eq!(res["ok"], true, "self-test failed: {res:#}");
        let open = res["open_ms"].as_f64().unwrap_or(f64::MAX);
        let filter = res["filter_ms"].as_f64().unwrap_or(f64::MAX);
        eprintln!(
            "50,000 sites, load {attempt}: open {open:.0} ms (of which script {:.0} ms), filter {filter:.0} ms; chromium process {wall:.1} s",
            res["init_ms"].as_f64().unwrap_or(0.0)
        );
        best = best.min(open + filter);
        if best < 2000.0 {
            break;
        }
    }
    std::fs::copy(&page, artifacts().join("report-50k.html")).unwrap();
    assert!(best < 2000.0, "open + filter took {best:.0} ms at best, not under 2 s");
}

/// The report of a real scan (the embedded demo, which holds a coordinated group): the self-test
/// passes (share bars, decisions per run, import, the group reached from a member's panel), and
/// the group panel shows every member and every copy of `groups.jsonl` on its timeline, the
/// origin marked.
#[test]
fn demo_report_group_panel_and_share_bars() {
    let Some(chrome) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = baohoa(&["scan", "-q", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = out.join("report.html");
    let (dom, stderr) = dump_dom(&chrome, &page, "selftest");
    let res = selftest_result(&dom).unwrap_or_else(|| panic!("no self-test result; stderr:\n{stderr}"));
    assert_eq!(res["ok"], true, "self-test failed: {res:#}");
    assert!(
        res["groups"].as_u64().unwrap_or(0) >= 1,
        "the demo's group is not in the report: {res}"
    );
    let groups = std::fs::read_to_string(out.join("groups.jsonl")).unwrap();
    let g: serde_json::Value = serde_json::from_str(groups.lines().next().expect("no group in the demo")).unwrap();
    let id = g["group"].as_str().unwrap();
    let (dom, stderr) = dump_dom(&chrome, &page, &format!("group={id}"));
    let start = dom
        .find("id=\"group-timeline\"")
        .unwrap_or_else(|| panic!("no timeline:\n{stderr}"));
    let timeline = &dom[start..start + dom[start..].find("</svg>").unwrap()];
    let mut copies = 0;
    for st in g["shared_stories"].as_array().unwrap() {
        for c in st["copies"].as_array().unwrap() {
            copies += 1;
            assert!(
                timeline.contains(&as_dom_text(c["url"].as_str().unwrap())),
                "copy {} not on the timeline",
                c["url"]
            );
        }
    }
    let marks = timeline.matches("<circle").count() + timeline.matches("class=\"origin\"").count();
    assert_eq!(marks, copies, "one mark per copy (the demo's origins are in the group)");
    assert_eq!(
        timeline.matches("class=\"origin\"").count(),
        g["shared_stories"].as_array().unwrap().len(),
        "one origin per story"
    );
    let gstart = dom.find("id=\"group-graph\"").unwrap();
    let graph = &dom[gstart..gstart + dom[gstart..].find("</svg>").unwrap()];
    for s in g["sites"].as_array().unwrap() {
        assert!(
            graph.contains(&format!("data-site=\"{}\"", s.as_str().unwrap())),
            "{s} not in the graph"
        );
    }
    assert_eq!(
        graph.matches("class=\"edge\"").count(),
        g["links"].as_array().unwrap().len()
    );
    // The Vietnamese timeline caption and times in Vietnam's time.
    assert!(dom.contains("Dòng thời gian") && timeline.contains("+07:00"));
    for (frag, name, size) in [
        (format!("group={id}"), "report-group-demo.png", (1400, 1300)),
        (
            format!("site={}", g["sites"][0].as_str().unwrap()),
            "report-group-member-demo.png",
            (1400, 1600),
        ),
        ("tab=sites".to_owned(), "report-table-sharebars.png", (1400, 1000)),
        ("tab=summary".to_owned(), "report-summary-groups.png", (1400, 1500)),
    ] {
        let png = artifacts().join(name);
        let _ = std::fs::remove_file(&png);
        let err = screenshot(&chrome, &page, &frag, &png, size);
        assert!(png.exists(), "no screenshot {name}: {err}");
    }
}
