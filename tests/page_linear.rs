//! The fast parser's work grows linearly with the page whatever its shape: adversarial shapes
//! (many attributes, deep nesting, unclosed formatting, tables in tables…) are bounded by
//! operation counts (tokens, stack entries visited, attribute probes), not by wall clocks.
use baohoa::page::parse_fast::{MAX_DEPTH, parse_fast_stats};
use proptest::prelude::*;

/// Work allowed per byte of HTML. Real pages cost about 1 (see `real_pages_cost_about_one_op_per_byte`).
const OPS_PER_BYTE: u64 = 8;

fn doc(body: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>")
}

fn check(name: &str, html: &str) -> baohoa::page::parse_fast::ParseStats {
    let (page, st) = parse_fast_stats(html, Some("https://x.vn/a"));
    let bytes = html.len() as u64;
    assert!(
        st.ops <= OPS_PER_BYTE * bytes,
        "{name}: {} ops for {bytes} bytes ({:.1} per byte)",
        st.ops,
        st.ops as f64 / bytes as f64
    );
    assert!(page.blocks.len() <= 200_000, "{name}");
    st
}

fn rep(s: &str, n: usize) -> String {
    s.repeat(n)
}

#[test]
fn many_attributes_on_one_element() {
    let n = 60_000;
    let attrs: String = (0..n).map(|i| format!(" a{i}=v")).collect();
    check("distinct", &doc(&format!("<div{attrs}>x</div>")));
    // The same name over and over: every duplicate is dropped in constant time.
    check("duplicates", &doc(&format!("<div{}>x</div>", rep(" class=a", n))));
    // Upper-case names go through the tag's own buffer.
    let upper: String = (0..n).map(|i| format!(" A{i}=v")).collect();
    check("upper", &doc(&format!("<a href=/x{upper}>x</a>")));
}

#[test]
fn deep_nesting_is_capped_and_linear() {
    let n = 200_000;
    let st = check("divs", &doc(&rep("<div>x", n)));
    assert_eq!(
        st.depth_cut as usize,
        n - (MAX_DEPTH - 2),
        "every element past the cap is counted"
    );
    check("divs closed", &doc(&(rep("<div>x", n) + &rep("</div>", n))));
    check("spans and stray ends", &doc(&(rep("<span>", n) + &rep("</i>", n))));
    check("lists", &doc(&(rep("<div>", n) + &rep("<li>x", n))));
    let st = check("svg", &doc(&(String::from("<svg>") + &rep("<g>", n) + &rep("</g>", n))));
    assert!(st.depth_cut > 0);
}

#[test]
fn unclosed_formatting_elements() {
    let n = 100_000;
    check("b i u", &doc(&rep("<b><i><u>x", n)));
    check(
        "b over divs, then ends",
        &doc(&(String::from("<b>") + &rep("<div>x", n) + &rep("</b>", n))),
    );
    check("anchors over blocks", &doc(&rep("<a href=/x><div>x", n)));
    check("misnested", &doc(&rep("<a href=/x>1<b>2</a>3</b>", n)));
    check("font", &doc(&rep("<font><p>x", n)));
}

#[test]
fn tables_in_tables() {
    let n = 50_000;
    check("nested", &doc(&rep("<table><tr><td>x", n)));
    check(
        "nested and closed",
        &doc(&(rep("<table><tr><td>x", n) + &rep("</td></tr></table>", n))),
    );
    check(
        "cells without rows",
        &doc(&(String::from("<table>") + &rep("<td>x", n))),
    );
    // A formatting element behind a table-cell boundary, with end tags that cannot reach it.
    check(
        "behind a boundary",
        &doc(&(String::from("<b><table><tr><td>") + &rep("<div>", MAX_DEPTH) + &rep("</b>", n))),
    );
}

#[test]
fn nested_items_and_many_nodes() {
    let n = 200_000;
    check(
        "itemprops",
        &doc(&(rep("<span itemprop=name>", 1000) + &rep("x<!---->", n))),
    );
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn real_pages_cost_about_one_op_per_byte() {
    let Some(dir) = std::env::var_os("BAOHOA_REALDATA") else {
        eprintln!("skipped: BAOHOA_REALDATA is not set");
        return;
    };
    let mut pages = 0;
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html" || x == "htm")
                && let Ok(b) = std::fs::read(&p)
            {
                let html = String::from_utf8_lossy(&b);
                let (_, st) = parse_fast_stats(&html, None);
                assert!(
                    st.ops <= 2 * html.len() as u64 + 1000,
                    "{}: {} ops",
                    p.display(),
                    st.ops
                );
                assert_eq!(st.depth_cut, 0, "{}: a real page is never cut", p.display());
                pages += 1;
            }
        }
    }
    assert!(pages > 0, "no .html page under BAOHOA_REALDATA");
}

/// Fragments an attacker can repeat in any order.
const PIECES: &[&str] = &[
    "<div>",
    "</div>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<a href=/x>",
    "</a>",
    "<p>",
    "</p>",
    "<table>",
    "</table>",
    "<tr>",
    "<td>",
    "</td>",
    "<li>",
    "<ul>",
    "<svg>",
    "<g>",
    "</g>",
    "</svg>",
    "<span itemprop=x>",
    "</span>",
    "<form>",
    "</form>",
    "<h1>",
    "</h2>",
    "<button>",
    "<select><option>",
    "x",
    "<!---->",
    "<br>",
    "</p>",
    "<font color=red>",
    "<div a=1 a=2 b=3 A=4>",
];

proptest! {
    // A fixed seed: CI runs the same 256 cases every time (a random seed once found the shape of
    // `blocks_above_a_button_over_a_p`, 8.1 ops per byte, and made CI flaky). To explore, run with
    // PROPTEST_RNG_SEED=<n> PROPTEST_CASES=<k>; a failure found that way is kept in
    // `page_linear.proptest-regressions` and replayed first.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(256),
        rng_seed: std::env::var("PROPTEST_RNG_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .map_or(proptest::test_runner::RngSeed::Fixed(19), proptest::test_runner::RngSeed::Fixed),
        ..ProptestConfig::default()
    })]
    #[test]
    fn any_mix_of_pieces_stays_linear(seq in proptest::collection::vec((0..PIECES.len(), 1usize..4000), 1..12)) {
        let mut body = String::new();
        for (i, n) in seq {
            body.push_str(&PIECES[i].repeat(n));
        }
        check("mix", &doc(&body));
    }
}

/// Block starts above a `<button>` that hides an open `<p>`: each start tag checks for a `<p>` in
/// button scope, and once scanned the whole stack down to the button (up to MAX_DEPTH entries per
/// tag: the shape proptest found, `<div><p><button>` + 79 `<ul>`, 8.1 ops per byte; 11 with more).
/// The check now knows in constant time that the button hides every open `<p>`.
#[test]
fn blocks_above_a_button_over_a_p() {
    for block in ["<ul>", "<div>", "<h1>", "<p>"] {
        for n in [79, 400, 20_000] {
            let html = doc(&(String::from("<div><p><button>") + &rep(block, n)));
            let st = check(block, &html);
            assert!(
                st.ops <= 2 * html.len() as u64,
                "{block} ×{n}: {} ops for {} bytes",
                st.ops,
                html.len()
            );
        }
    }
    // End tags `</p>` (each inserts an empty p when none is in scope) and `</li>` under a list
    // that hides the open `<li>`.
    for (open, end) in [("<p><button>", "</p>"), ("<li><ul>", "</li>")] {
        let html = doc(&(String::from(open) + &rep("<span>", 400) + &rep(end, 20_000)));
        let st = check(end, &html);
        assert!(
            st.ops <= 2 * html.len() as u64,
            "{end}: {} ops for {} bytes",
            st.ops,
            html.len()
        );
    }
    // The check is exact: a `<p>` not hidden by a button is closed by a block, one below an open
    // button is not, as html5ever does.
    for body in [
        "<div><p>one<ul><li>two</ul>three",
        "<p>one<button>x</button><div>two</div>three",
        "<p><button>one<div>two</div>three</button>four",
        "<li><ul><li>one<li>two</ul>three</li><li>four",
        "<p><button>one</p>two</button>three",
    ] {
        let html = doc(body);
        let fast = parse_fast_stats(&html, None).0;
        assert_eq!(fast, baohoa::page::parse::parse_scraper(&html, None), "{body}");
        let tree: Vec<_> = fast.containers.iter().map(|c| (c.tag.as_str(), c.parent)).collect();
        assert!(tree.len() >= 4, "{body}: {tree:?}");
    }
}

#[test]
fn the_worst_known_shape_is_bounded_by_the_depth_cap() {
    // Formatting elements buried under blocks, removed one by one from deep in the stack: each
    // removal scans up to MAX_DEPTH entries, so this shape costs more per byte than any other we
    // know, but bounded through the cap: at most 32 ops per byte.
    let round = rep("<b>", 250) + &rep("<div>", 250) + &rep("</b>", 250);
    for n in [4, 40] {
        let html = doc(&rep(&round, n));
        let (_, st) = parse_fast_stats(&html, None);
        let per_byte = st.ops as f64 / html.len() as f64;
        eprintln!("buried formatting ×{n}: {} ops, {per_byte:.1} per byte", st.ops);
        assert!(st.ops <= 32 * html.len() as u64, "{per_byte}");
    }
}

/// `run.json` counts the pages whose nesting was cut (the real binary, one deep page of three).
#[test]
fn pages_with_cut_nesting_are_counted_in_run_json() {
    use baohoa::ingest::warc_write::WarcWriter;
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "<html><body>{}<p>Hà Nội</p>{}</body></html>",
        "<div>".repeat(2000),
        "</div>".repeat(2000)
    );
    let flat = "<html><body><div><p>Hà Nội mưa lớn</p></div></body></html>".to_string();
    let mut w = WarcWriter::new(Vec::new(), true);
    w.warcinfo("2026-11-20T08:00:00Z", "software: test\r\n").unwrap();
    for (i, body) in [&flat, &deep, &flat].iter().enumerate() {
        let url = format!("https://sau-long.vn/{i}.html");
        w.html(&url, "2026-11-20T08:00:00Z", body.as_bytes()).unwrap();
    }
    let dump = dir.path().join("deep.warc.gz");
    std::fs::write(&dump, w.into_inner()).unwrap();
    let out = dir.path().join("out");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_baohoa"))
        .args(["scan", "--quiet", "-o"])
        .arg(&out)
        .arg(&dump)
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(0));
    let run: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["counts"]["html_records"], 3);
    assert_eq!(run["counts"]["pages_nesting_cut"], 1);
}
