//! Real press pages scanned with the sample registry: no licensed press agency is flagged, and the
//! aggregate site among them (cafef.vn) is classed as one with its findings stated.
use std::path::PathBuf;

use baohoa::models::Models;
use baohoa::{Input, NoProgress, ScanOptions};

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn real_press_pages_are_not_flagged_and_cafef_is_an_aggregate() {
    let Some(rd) = std::env::var_os("BAOHOA_REALDATA").map(PathBuf::from) else {
        eprintln!("skipped: BAOHOA_REALDATA is not set (CI sets it to ../shared/realdata)");
        return;
    };
    // The saved pages carry no crawl record: give each its URL (from the folder's index.tsv, or, for
    // the five 2012 pages without a canonical URL, the address of the site they were saved from),
    // as a crawl would, through a JSONL input.
    let known = [
        ("thanhnien.homepage.html", "http://www.thanhnien.com.vn/"),
        (
            "thanhnien1.html",
            "http://www.thanhnien.com.vn/pages/20121226/ma-tuy.aspx",
        ),
        ("vnexpress.hompage.html", "http://vnexpress.net/"),
        (
            "vnexpress1.html",
            "http://vnexpress.net/gl/xa-hoi/2012/12/vo-ngoai-tinh/",
        ),
        ("zing1.html", "http://news.zing.vn/the-gioi/bai-viet.html"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("pages.jsonl");
    let mut lines = String::new();
    let mut n = 0;
    for d in [
        "vn-news-html-2012-myfeed",
        "vn-news-html-2026-tracking-news-mcp",
        "vn-news-html-misc",
    ] {
        let index = std::fs::read_to_string(rd.join(d).join("index.tsv")).unwrap();
        for row in index.lines().skip(1) {
            let cols: Vec<&str> = row.split('\t').collect();
            let file = cols[0];
            let url = cols
                .get(3)
                .copied()
                .filter(|u| !u.is_empty())
                .or_else(|| known.iter().find(|(f, _)| *f == file).map(|(_, u)| *u));
            let url = url.unwrap_or_else(|| panic!("no URL for {file}"));
            let bytes = std::fs::read(rd.join(d).join(file)).unwrap();
            let html = String::from_utf8_lossy(&bytes);
            lines.push_str(&serde_json::json!({"url": url, "html": html}).to_string());
            lines.push('\n');
            n += 1;
        }
    }
    assert!(n >= 19);
    std::fs::write(&jsonl, lines).unwrap();
    let inputs = vec![Input::Path(jsonl)];
    let models = Models::embedded().unwrap();
    let carry = baohoa::Carry::default();
    baohoa::scan(
        &inputs,
        &ScanOptions::default(),
        &models,
        &carry,
        dir.path(),
        &NoProgress,
    )
    .unwrap();
    let rows: Vec<serde_json::Value> = std::fs::read_to_string(dir.path().join("sites.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut press = 0;
    for r in &rows {
        if r["class"] == "licensed_press" {
            press += 1;
            assert_eq!(r["flagged"], false, "licensed press flagged: {}", r["site"]);
            assert!(r["families"].as_array().unwrap().is_empty());
        }
    }
    let press_sites: Vec<&str> = rows
        .iter()
        .filter(|r| r["class"] == "licensed_press")
        .map(|r| r["site"].as_str().unwrap())
        .collect();
    assert_eq!(press, press_sites.len());
    // Every press outlet among the pages is recognised (old domains and a portal subdomain included).
    assert_eq!(
        press_sites,
        [
            "baochinhphu.vn",
            "baodautu.vn",
            "dantri.com.vn",
            "news.zing.vn",
            "nld.com.vn",
            "thanhnien.com.vn",
            "tuoitre.vn",
            "vietnamnet.vn",
            "vnexpress.net"
        ]
    );
    let cafef = rows
        .iter()
        .find(|r| r["site"] == "cafef.vn")
        .expect("cafef.vn in the output");
    assert_eq!(cafef["class"], "licensed_aggregate");
    let findings = cafef["findings"].as_array().unwrap();
    assert_eq!(findings.len(), baohoa::judge::config::CODES.len());
    for f in findings {
        assert!(!f["statement"].as_str().unwrap().is_empty(), "{f}");
    }
    let licence = findings.iter().find(|f| f["criterion"] == "identity.licence").unwrap();
    assert!(licence["statement"].as_str().unwrap().contains("GP-TTĐT"), "{licence}");
}
