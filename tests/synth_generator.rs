//! The synthetic corpus generator: determinism, labels consistent with the pages, bounded
//! streaming output, and legacy charsets that decode back to the text written.
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use baohoa::judge::CriteriaConfig;
use baohoa::models::ModelFiles;
use baohoa::tools::synth::{Label, SynthOptions, generate, labels::read_labels};
use std::sync::OnceLock;

fn criteria() -> CriteriaConfig {
    CriteriaConfig::load(&ModelFiles::default()).expect("embedded criteria load")
}

fn random_seed() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    let s = t % 1_000_000;
    eprintln!("synth test seed = {s} (rerun with this seed to reproduce)");
    s
}

fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for sub in ["", "warc", "registry"] {
        let d = dir.join(sub);
        let mut v: Vec<_> = std::fs::read_dir(&d).unwrap().flatten().map(|e| e.path()).collect();
        v.sort();
        for p in v.into_iter().filter(|p| p.is_file()) {
            out.insert(
                format!("{sub}/{}", p.file_name().unwrap().to_string_lossy()),
                std::fs::read(&p).unwrap(),
            );
        }
    }
    out
}

/// Every HTML record of a corpus: (site, url, content-type, body after gunzip). A minimal WARC
/// reader of our own, so these tests do not depend on the ingest stage.
fn records(dir: &Path) -> Vec<(String, String, String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("warc"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files {
        let mut raw = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(&f).unwrap())
            .read_to_end(&mut raw)
            .unwrap();
        let mut rest = &raw[..];
        while !rest.is_empty() {
            let he = find(rest, b"\r\n\r\n").expect("WARC header end");
            let head = std::str::from_utf8(&rest[..he]).unwrap();
            let field = |name: &str| {
                head.lines()
                    .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_owned()))
                    .unwrap_or_default()
            };
            let len: usize = field("Content-Length:").parse().unwrap();
            let block = &rest[he + 4..he + 4 + len];
            rest = &rest[he + 4 + len + 4..];
            if field("WARC-Type:") != "response" {
                continue;
            }
            let url = field("WARC-Target-URI:");
            let hb = find(block, b"\r\n\r\n").expect("HTTP header end");
            let http = std::str::from_utf8(&block[..hb]).unwrap();
            let hdr = |name: &str| {
                http.lines()
                    .find_map(|l| {
                        l.split_once(':')
                            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
                            .map(|(_, v)| v.trim().to_owned())
                    })
                    .unwrap_or_default()
            };
            let ct = hdr("content-type");
            if !ct.starts_with("text/html") {
                continue;
            }
            let mut body = block[hb + 4..].to_vec();
            if hdr("content-encoding") == "gzip" {
                let mut d = Vec::new();
                flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut d).unwrap();
                body = d;
            }
            out.push((baohoa::site_key(&url), url, ct, body));
        }
    }
    out
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

/// One 60-site corpus shared by the tests that only read it.
fn shared() -> &'static (tempfile::TempDir, baohoa::tools::synth::SynthSummary) {
    static C: OnceLock<(tempfile::TempDir, baohoa::tools::synth::SynthSummary)> = OnceLock::new();
    C.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let opts = SynthOptions {
            sites: 60,
            seed: random_seed(),
            ..SynthOptions::default()
        };
        let s = generate(&opts, &criteria(), dir.path()).unwrap();
        (dir, s)
    })
}

#[test]
fn synth_same_seed_gives_identical_files_and_another_seed_differs() {
    let seed = random_seed();
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let opts = SynthOptions {
        sites: 18,
        seed,
        ..SynthOptions::default()
    };
    let cfg = criteria();
    generate(&opts, &cfg, a.path()).unwrap();
    generate(&opts, &cfg, b.path()).unwrap();
    generate(
        &SynthOptions {
            seed: seed + 1,
            ..opts.clone()
        },
        &cfg,
        c.path(),
    )
    .unwrap();
    let (fa, fb, fc) = (files_of(a.path()), files_of(b.path()), files_of(c.path()));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(fb.get(k) == Some(v), "{k} differs between two runs with seed {seed}");
    }
    assert_ne!(fa.get("warc/synth-00000.warc.gz"), fc.get("warc/synth-00000.warc.gz"));
}

fn fams(l: &Label) -> Vec<&str> {
    l.expected_families.split(';').filter(|s| !s.is_empty()).collect()
}

#[test]
fn synth_labels_match_archetypes_registry_and_pages() {
    let (dir, sum) = shared();
    let labels = read_labels(&dir.path().join("labels.csv")).unwrap();
    assert_eq!(labels.len(), 60);
    let press = std::fs::read_to_string(dir.path().join("registry/press.csv")).unwrap();
    let agg = std::fs::read_to_string(dir.path().join("registry/aggregate.csv")).unwrap();
    let social = std::fs::read_to_string(dir.path().join("registry/social.csv")).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for l in &labels {
        seen.insert(l.archetype.clone());
        let f = fams(l);
        let bh = f.contains(&"bao_hoa");
        let neg = f.contains(&"negative_ratio");
        let s = l.true_negative_share;
        assert!((0.0..=1.0).contains(&s));
        assert!(
            l.items == 0 || (s - l.negative_items as f64 / l.items as f64).abs() < 1e-4,
            "{l:?}"
        );
        let has = |list: &str| {
            list.lines().any(|x| {
                x.contains(&format!(",{},", l.domain))
                    || x.contains(&format!(",{};", l.domain))
                    || x.contains(&format!(";{},", l.domain))
            })
        };
        match l.archetype.as_str() {
            "licensed_press" => {
                assert!(f.is_empty() && l.expected_criteria.is_empty(), "{l:?}");
                assert!(has(&press), "{} not in press.csv", l.domain);
            }
            "compliant_aggregate" | "near_line_under" | "english_news" => {
                assert!(f.is_empty(), "{l:?}");
                assert!(has(&agg), "{} not in aggregate.csv", l.domain);
            }
            "negative_aggregate" | "near_line_over" => {
                assert!(neg && !bh, "{l:?}");
                assert!(has(&agg));
            }
            "masthead_aggregate" => assert!(
                bh && l.expected_criteria.contains("identity.newsroom")
                    && l.expected_criteria.contains("domain.press_words"),
                "{l:?}"
            ),
            "lookalike_press" => {
                assert!(
                    bh && l.expected_criteria.contains("domain.lookalike")
                        && l.expected_criteria.contains("identity.licence"),
                    "{l:?}"
                );
                assert!(
                    !has(&press) && press.contains(&l.imitates) && !l.imitates.is_empty(),
                    "{l:?}"
                );
            }
            "social_newspaper" => {
                assert!(bh && l.expected_criteria.contains("layout.sections"), "{l:?}");
                assert!(has(&social));
            }
            "ecosystem" => {
                assert!(bh && neg, "{l:?}");
                assert!(l.expected_criteria.contains("activity.coordinated"), "{l:?}");
            }
            "locality_negative" => assert!(bh && neg, "{l:?}"),
            "fast_repost" => {
                assert!(l.expected_criteria.contains("sourcing.fast_repost"), "{l:?}");
                assert!(has(&agg));
            }
            "compliant_reposter" => {
                assert!(f.is_empty() && l.expected_criteria.is_empty(), "{l:?}");
                assert!(has(&agg));
            }
            "blog" | "shop" | "company" => {
                assert!(f.is_empty() && !l.news_like && l.expected_criteria.is_empty(), "{l:?}")
            }
            other => panic!("unknown archetype {other}"),
        }
        match l.archetype.as_str() {
            // Planned at 10–14%; rounding to whole items (≥ 60 of them) adds up to 0.5/60 ≈ 0.8
            // points (9 of 62 = 14.5%): still under the 15% line.
            "near_line_under" => assert!((0.095..0.15).contains(&s), "{l:?}"),
            "near_line_over" => assert!((0.24..=0.31).contains(&s), "{l:?}"),
            // Planned at 2–9%; rounding to whole items (≥ 20 of them) can add up to 0.5/20 = 2.5
            // points, so a 20-item site may truly sit at 10% or 11%: still well under the 15% line.
            "compliant_aggregate" => assert!(s < 0.12, "{l:?}"),
            _ => {}
        }
        if l.news_like {
            assert!(l.items >= 20, "news-like sites need enough items: {l:?}");
        }
    }
    assert_eq!(seen.len(), 16, "every archetype present: {seen:?}");
    // Labels agree with the WARC: pages per site, and every page is on a labelled site.
    let recs = records(dir.path());
    assert_eq!(recs.len() as u64, sum.html_pages);
    let mut pages: BTreeMap<String, u64> = BTreeMap::new();
    for (site, ..) in &recs {
        *pages.entry(site.clone()).or_default() += 1;
    }
    for l in &labels {
        assert_eq!(pages.get(&l.domain).copied(), Some(l.pages), "pages of {}", l.domain);
    }
    // Ecosystem sites share negative stories: the same headline core on two sites.
    let eco: Vec<&Label> = labels.iter().filter(|l| l.archetype == "ecosystem").collect();
    assert!(eco.len() >= 3);
}

#[test]
fn synth_size_adds_rounds_and_files_stay_under_the_bound() {
    let seed = random_seed();
    let dir = tempfile::tempdir().unwrap();
    let opts = SynthOptions {
        sites: 14,
        seed,
        size: Some(3_000_000),
        max_file_bytes: 1 << 20,
        ..SynthOptions::default()
    };
    let s = generate(&opts, &criteria(), dir.path()).unwrap();
    assert!(s.warc_bytes >= 3_000_000, "{s:?}");
    assert!(s.rounds >= 2, "{s:?}");
    assert!(s.warc_files.len() >= 3, "{s:?}");
    for f in &s.warc_files {
        let n = std::fs::metadata(f).unwrap().len();
        assert!(n <= 1 << 20, "{} is {n} bytes", f.display());
    }
    let total: u64 = s.warc_files.iter().map(|f| std::fs::metadata(f).unwrap().len()).sum();
    assert_eq!(total, s.warc_bytes);
    // A smaller run into the same directory replaces the files, leaving no stale ones.
    let s2 = generate(&SynthOptions { size: None, ..opts }, &criteria(), dir.path()).unwrap();
    let left = std::fs::read_dir(dir.path().join("warc")).unwrap().count();
    assert_eq!(left, s2.warc_files.len());
}

#[test]
fn synth_legacy_charsets_decode_back_to_vietnamese() {
    let (dir, _) = shared();
    let labels = read_labels(&dir.path().join("labels.csv")).unwrap();
    let charset: BTreeMap<&str, &str> = labels.iter().map(|l| (l.domain.as_str(), l.charset.as_str())).collect();
    let mut checked: BTreeMap<&str, u32> = BTreeMap::new();
    for (site, url, ct, body) in records(dir.path()) {
        let Some(&cs) = charset.get(site.as_str()) else {
            panic!("unlabelled site {site}")
        };
        match cs {
            "windows-1258" | "windows-1258-undeclared" => {
                assert!(std::str::from_utf8(&body).is_err(), "{url} should not be UTF-8");
                let (text, bad) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(&body);
                assert!(!bad, "{url}: undecodable bytes");
                let text = baohoa::text::normalize::nfc(&text);
                assert!(!text.contains("&#"), "{url}: characters windows-1258 cannot hold");
                assert!(
                    text.contains("ệ") || text.contains("ờ") || text.contains("ộ") || text.contains("ả"),
                    "{url}: no Vietnamese letters after decoding"
                );
                assert_eq!(cs == "windows-1258", ct.contains("windows-1258"), "{url}: {ct}");
                // Decomposed tone marks on the wire, as legacy pages have them.
                assert!(
                    body.iter().any(|&b| matches!(b, 0xCC | 0xEC | 0xDE | 0xD2 | 0xF2)),
                    "{url}"
                );
            }
            "utf-8-wrong-meta" => {
                let text = std::str::from_utf8(&body).expect("UTF-8 body");
                assert!(text.contains("charset=iso-8859-1") && !ct.contains("charset"), "{url}");
            }
            _ => {
                std::str::from_utf8(&body).expect("UTF-8 body");
            }
        }
        *checked.entry(cs).or_default() += 1;
    }
    eprintln!("pages per charset: {checked:?}");
    assert!(
        checked.keys().any(|k| k.starts_with("windows-1258")),
        "no windows-1258 site among 60: {checked:?}"
    );
}

/// The generator writes the masthead, licence and article markers real Vietnamese news pages
/// carry, not markers of its own invention (checked against real pages in BAOHOA_REALDATA).
#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn synth_pages_use_markers_real_news_pages_use() {
    let Ok(root) = std::env::var("BAOHOA_REALDATA") else {
        eprintln!("skipped: BAOHOA_REALDATA is not set (CI sets it to ../shared/realdata)");
        return;
    };
    let mut real = String::new();
    for d in ["vn-news-html-2012-myfeed", "vn-news-html-2026-tracking-news-mcp"] {
        let Ok(rd) = std::fs::read_dir(Path::new(&root).join(d)) else {
            eprintln!("skipped: {root}/{d} is missing");
            return;
        };
        for e in rd
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        {
            real.push_str(&String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).to_lowercase());
        }
    }
    assert!(real.len() > 100_000, "real pages not found under {root}");
    let (dir, _) = shared();
    let mut generated = String::new();
    for (_, _, _, body) in records(dir.path()).iter().step_by(7) {
        generated.push_str(&String::from_utf8_lossy(body).to_lowercase());
    }
    let markers = [
        "giấy phép",
        "cấp ngày",
        "tổng biên tập",
        "thư ký tòa soạn",
        "tòa soạn",
        "cơ quan chủ quản",
        "chịu trách nhiệm",
        "gp-btttt",
        "gp-ttđt",
        "theo ",
        "bình luận",
        "og:type",
        "article:published_time",
        "newsarticle",
        "rel=\"canonical\"",
    ];
    for m in markers {
        assert!(generated.contains(m), "generated pages lack {m:?}");
        assert!(
            real.contains(m),
            "real pages lack {m:?}: the generator should not rely on it"
        );
    }
}
