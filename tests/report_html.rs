//! report.html without a browser: CSP hashes match the inline code, crawled strings are inert, 50,000 sites fit.
mod report_support;

use baohoa::report::html::{self, ReportInput, RunFacts};
use report_support::*;
use sha2::{Digest, Sha256};

fn page(verdicts: &[baohoa::judge::Verdict]) -> String {
    html::render(&ReportInput {
        verdicts,
        groups: &[],
        origins: &Default::default(),
        counts: verdicts.iter().map(|_| (10, Some(8))).collect(),
        run: RunFacts::default(),
        diff: None,
        history: None,
    })
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(open) {
        let body = &rest[i + open.len()..];
        let j = body.find(close).unwrap();
        out.push(&body[..j]);
        rest = &body[j..];
    }
    out
}

#[test]
fn csp_pins_the_exact_inline_script_and_style() {
    let p = page(&hostile_verdicts());
    let scripts = between(&p, "<script>", "</script>");
    assert_eq!(scripts.len(), 1, "one executable inline script");
    let styles = between(&p, "<style>", "</style>");
    assert_eq!(styles.len(), 1);
    let hash = |s: &str| html::base64(&Sha256::digest(s.as_bytes()));
    let csp = between(&p, "http-equiv=\"Content-Security-Policy\" content=\"", "\"")[0];
    assert!(csp.starts_with("default-src 'none'; "), "{csp}");
    assert!(
        csp.contains(&format!("script-src 'sha256-{}'", hash(scripts[0]))),
        "{csp}"
    );
    assert!(
        csp.contains(&format!("style-src 'sha256-{}'", hash(styles[0]))),
        "{csp}"
    );
    assert!(!csp.contains("unsafe") && !csp.contains("http"), "{csp}");
    // Outside the inert data, nothing loads anything: no src=, no <link>, no @import.
    let data = between(&p, "id=\"data\">", "</script>")[0];
    let code = p.replace(data, "");
    assert!(!code.contains(" src=") && !code.contains("<link") && !code.contains("@import"));
}

#[test]
fn hostile_strings_stay_inside_the_json_block_as_text() {
    let v = hostile_verdicts();
    let p = page(&v);
    // Exactly two script elements and the data block ends where it should.
    assert_eq!(p.matches("<script").count(), 2);
    assert_eq!(p.matches("</script").count(), 2);
    assert!(!p.contains("<img") && !p.contains("<!--") && !p.contains("window.__pwned=1;alert(1)</"));
    let data = between(&p, "<script type=\"application/json\" id=\"data\">", "</script>")[0];
    let json: serde_json::Value = serde_json::from_str(data).unwrap();
    let text = json.to_string();
    let js = |s: &str| serde_json::to_string(s).unwrap().trim_matches('"').to_owned();
    assert!(text.contains(&js(SCRIPT_TITLE)), "hostile title must survive as data");
    assert!(text.contains(&js(IMG_TITLE)));
    assert!(
        text.contains("[U+202E]moc.elgoog[U+202C]"),
        "bidi override must be neutralised"
    );
    assert!(!text.contains('\u{202E}'));
    // The 1 MB title is capped.
    assert!(p.len() < 100_000, "page is {} bytes", p.len());
    // The report.js never parses strings as HTML.
    for bad in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "setAttribute('style'",
    ] {
        assert!(!html::JS.contains(bad), "report.js uses {bad}");
    }
}

#[test]
fn base64_and_clean() {
    assert_eq!(html::base64(b""), "");
    assert_eq!(html::base64(b"f"), "Zg==");
    assert_eq!(html::base64(b"fo"), "Zm8=");
    assert_eq!(html::base64(b"foo"), "Zm9v");
    assert_eq!(html::base64(b"foobar"), "Zm9vYmFy");
    assert_eq!(html::clean("a\u{202E}b\u{0007}c\nd", 100), "a[U+202E]b\u{FFFD}c d");
    assert_eq!(html::clean("Thời sự", 3), "Thờ…");
    assert_eq!(html::inert("</script>&\u{2028}"), "\\u003c/script\\u003e\\u0026\\u2028");
}

#[test]
fn fifty_thousand_sites_fit() {
    let v = fake_verdicts(50_000, 42);
    // 30 nights of history for every site.
    let mut h = baohoa::report::history::History::default();
    for night in 0..30 {
        h = baohoa::report::history::add_run(h, &format!("2026-10-{:02}T01:00:00Z", night + 1), &v, 30);
    }
    let hist_bytes = serde_json::to_vec(&h).unwrap().len();
    let t = std::time::Instant::now();
    let p = html::render(&ReportInput {
        verdicts: &v,
        groups: &[],
        origins: &Default::default(),
        counts: v.iter().map(|_| (10, Some(8))).collect(),
        run: RunFacts::default(),
        diff: None,
        history: Some(&h),
    });
    eprintln!(
        "history.json of 50,000 sites × 30 runs: {:.1} MB",
        hist_bytes as f64 / 1e6
    );
    eprintln!(
        "rendered 50,000 sites: {:.1} MB in {:.2} s",
        p.len() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    assert!(p.len() < 50_000_000);
}
