//! Shared helpers of the report tests: verdict builders, fake runs, hostile data and a headless Chromium driver.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use baohoa::judge::{Evidence, Family, Finding, SiteClass, Verdict};

/// Catalogue of criteria used by the fakes: (code, group, family, weight, threshold).
pub const CRITERIA: &[(&str, &str, Family, f64, f64)] = &[
    ("domain.press_words", "domain", Family::BaoHoa, 0.5, 0.6),
    ("domain.lookalike", "domain", Family::BaoHoa, 0.8, 0.8),
    ("identity.site_type", "identity", Family::BaoHoa, 0.6, 0.2),
    ("identity.licence", "identity", Family::BaoHoa, 0.8, 1.0),
    ("identity.newsroom", "identity", Family::BaoHoa, 0.7, 0.2),
    ("sourcing.attribution", "sourcing", Family::BaoHoa, 0.5, 0.5),
    ("tone.sensational", "tone", Family::BaoHoa, 0.3, 0.25),
    ("tone.negative_ratio", "tone", Family::NegativeRatio, 1.0, 0.15),
];

/// A finding of criterion `code` (from [`CRITERIA`]) with a value, fired or not, and evidence.
pub fn finding(code: &str, fired: bool, value: f64, items: u64, evidence: Vec<Evidence>) -> Finding {
    let (group, family, weight, threshold) = CRITERIA
        .iter()
        .find(|c| c.0 == code)
        .map_or(("other", Family::BaoHoa, 0.5, 0.5), |c| (c.1, c.2, c.3, c.4));
    let interval = (code == "tone.negative_ratio").then(|| {
        let k = (value * items as f64).round() as u64;
        baohoa::tone::wilson(k, items)
    });
    Finding {
        criterion: code.to_owned(),
        name: format!("tiêu chí {code}"),
        name_en: format!("criterion {code}"),
        group: group.to_owned(),
        family,
        fired,
        value,
        threshold,
        weight: if fired { weight } else { 0.0 },
        items,
        interval,
        statement: format!("{code}: đo được {value:.3} trên {items} mục (ngưỡng {threshold})"),
        statement_en: format!("{code}: measured {value:.3} on {items} items (threshold {threshold})"),
        clears: format!("giá trị {code} dưới {threshold}"),
        clears_en: format!("{code} below {threshold}"),
        basis: "Nghị định 147/2024/NĐ-CP, Điều 24".to_owned(),
        basis_en: "Decree 147/2024/NĐ-CP, Article 24".to_owned(),
        evidence,
    }
}

/// Builds a verdict from findings: score and families from the fired ones.
pub fn verdict(site: &str, class: SiteClass, findings: Vec<Finding>) -> Verdict {
    let score: f64 = findings
        .iter()
        .filter(|f| f.fired && f.family == Family::BaoHoa)
        .map(|f| f.weight)
        .sum();
    let mut families: Vec<Family> = findings.iter().filter(|f| f.fired).map(|f| f.family).collect();
    families.sort();
    families.dedup();
    Verdict {
        site: site.to_owned(),
        class,
        score,
        flagged: !families.is_empty(),
        families,
        findings,
        decision: None,
    }
}

fn ev(url: &str, text: &str) -> Evidence {
    Evidence {
        url: url.to_owned(),
        text: text.to_owned(),
    }
}

/// Deterministic pseudo-random numbers (xorshift), so fake runs are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `n` realistic fake verdicts: every site has all criteria measured; about 6% are flagged, with
/// evidence (three URLs and sentences per fired criterion).
pub fn fake_verdicts(n: usize, seed: u64) -> Vec<Verdict> {
    let mut rng = Rng::new(seed);
    let classes = [
        SiteClass::UnlicensedNewsLike,
        SiteClass::Other,
        SiteClass::Other,
        SiteClass::LicensedPress,
        SiteClass::ClaimsUnregisteredLicence,
        SiteClass::LicensedAggregate,
    ];
    (0..n)
        .map(|i| {
            let site = format!("tin{}-{}.vn", i, ["nhanh", "moi", "24h", "online", "viet"][i % 5]);
            let class = classes[(rng.next() % classes.len() as u64) as usize];
            let hot = rng.unit() < 0.06;
            let items = 20 + rng.next() % 400;
            let findings = CRITERIA
                .iter()
                .map(|&(code, _, _, _, thr)| {
                    let fired = hot && rng.unit() < 0.5;
                    let value = if code == "tone.negative_ratio" {
                        if fired {
                            0.16 + rng.unit() * 0.3
                        } else {
                            rng.unit() * 0.14
                        }
                    } else if fired {
                        thr + rng.unit() * 0.5
                    } else {
                        rng.unit() * thr
                    };
                    let evidence = if fired {
                        (0..3)
                            .map(|k| {
                                ev(
                                    &format!("https://{site}/tin-tuc/bai-{k}-{i}.html"),
                                    "Sáng nay, «bắt giữ» nghi phạm trong vụ án gây rúng động dư luận tại Hà Nội",
                                )
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    finding(code, fired, value, items, evidence)
                })
                .collect();
            verdict(&site, class, findings)
        })
        .collect()
}

/// Hostile strings as crawled pages would give them.
pub const SCRIPT_TITLE: &str = "<script>window.__pwned=1;alert(1)</script>Tin nóng";
pub const IMG_TITLE: &str = "\"><img src=x onerror=\"window.__pwned=2\">Thời sự";
pub const RTL_TITLE: &str = "Tin tức \u{202E}moc.elgoog\u{202C} hôm nay";
pub const CLOSE_TAG: &str = "</script><script>window.__pwned=3</script><!--";

/// Verdicts whose every string is hostile: script tags, attribute break-outs, `javascript:` and
/// `data:` links, bidirectional overrides, a 1 MB title.
pub fn hostile_verdicts() -> Vec<Verdict> {
    let big = format!("{}{}", IMG_TITLE, "Ă".repeat(1_000_000));
    let evidence = vec![
        ev("javascript:window.__pwned=4", SCRIPT_TITLE),
        ev("https://hostile.vn/\"><img src=x onerror=window.__pwned=5>", IMG_TITLE),
        ev("data:text/html,<script>window.__pwned=6</script>", RTL_TITLE),
        ev("JaVaScRiPt:alert(1)", CLOSE_TAG),
        ev("https://hostile.vn/bai-viet.html", &big),
        ev(
            "https://hostile.vn/tin.html",
            "Công an «bắt giữ» nghi phạm <b>trộm cắp</b>",
        ),
    ];
    let mut v = verdict(
        "hostile.vn",
        SiteClass::UnlicensedNewsLike,
        vec![
            finding("identity.newsroom", true, 0.9, 40, evidence.clone()),
            finding(
                "domain.lookalike",
                true,
                0.93,
                1,
                vec![ev("https://hostile.vn/", "vnexpress.net")],
            ),
            finding("tone.negative_ratio", true, 0.41, 87, evidence.clone()),
            finding("tone.sensational", false, 0.1, 87, Vec::new()),
        ],
    );
    if let Some(f) = v.findings.first_mut() {
        f.statement = format!("{SCRIPT_TITLE} {CLOSE_TAG}");
    }
    let mut w = verdict(
        "xn--bo-0ja.vn",
        SiteClass::ClaimsUnregisteredLicence,
        vec![finding(
            "identity.licence",
            true,
            1.0,
            12,
            vec![ev("https://xn--bo-0ja.vn/", RTL_TITLE)],
        )],
    );
    w.site = format!("{RTL_TITLE}{CLOSE_TAG}.vn");
    vec![v, w]
}

/// Writes a finished run (sites.jsonl and run.json) of `verdicts` into `dir`.
pub fn write_run(dir: &Path, verdicts: &[Verdict], started_at: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let mut sorted: Vec<&Verdict> = verdicts.iter().collect();
    sorted.sort_by(|a, b| a.site.cmp(&b.site));
    let mut out = String::new();
    for v in sorted {
        let mut row = serde_json::to_value(v).unwrap();
        let o = row.as_object_mut().unwrap();
        o.insert("schema".into(), 1.into());
        o.insert("counts".into(), serde_json::json!({"site": v.site, "pages": 12}));
        out.push_str(&row.to_string());
        out.push('\n');
    }
    std::fs::write(dir.join("sites.jsonl"), out).unwrap();
    let m = baohoa::report::manifest::RunManifest {
        schema: 1,
        tool: "baohoa".into(),
        version: "test".into(),
        started_at: started_at.into(),
        complete: true,
        ..Default::default()
    };
    std::fs::write(dir.join("run.json"), serde_json::to_vec_pretty(&m).unwrap()).unwrap();
}

/// Runs the `baohoa` binary built for the tests.
pub fn baohoa(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_baohoa")).args(args).output().unwrap()
}

/// Headless Chromium, or `None` (with the reason printed) when it is not installed.
pub fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var("BAOHOA_CHROMIUM").unwrap_or_default(),
        "/usr/bin/chromium".into(),
        "/usr/bin/chromium-browser".into(),
        "/usr/bin/google-chrome".into(),
    ];
    let found = candidates
        .iter()
        .filter(|c| !c.is_empty())
        .map(PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() {
        eprintln!(
            "skipping browser test: chromium not found (install it with `apt-get install -y chromium`, or set BAOHOA_CHROMIUM)"
        );
    }
    found
}

fn headless(chrome: &Path, profile: &Path) -> Command {
    let mut c = Command::new(chrome);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--enable-logging=stderr",
        "--v=0",
    ]);
    c.arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// `file://` URL of a local file with a fragment.
pub fn file_url(path: &Path, fragment: &str) -> String {
    let abs = std::fs::canonicalize(path).unwrap();
    format!("file://{}#{fragment}", abs.display())
}

/// Loads the page and returns (DOM after scripts ran, Chromium's stderr).
pub fn dump_dom(chrome: &Path, page: &Path, fragment: &str) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let out = headless(chrome, profile.path())
        .arg("--dump-dom")
        .arg(file_url(page, fragment))
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Saves a screenshot of the page (after scripts ran) to `png`.
pub fn screenshot(chrome: &Path, page: &Path, fragment: &str, png: &Path, size: (u32, u32)) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = headless(chrome, profile.path())
        .arg("--virtual-time-budget=5000")
        .arg("--hide-scrollbars")
        .arg(format!("--window-size={},{}", size.0, size.1))
        .arg(format!("--screenshot={}", png.display()))
        .arg(file_url(page, fragment))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The JSON the page's self-test wrote into `<pre id="selftest">`, decoded from the dumped DOM.
pub fn selftest_result(dom: &str) -> Option<serde_json::Value> {
    let start = dom.find("<pre id=\"selftest\">")? + "<pre id=\"selftest\">".len();
    let end = start + dom.get(start..)?.find("</pre>")?;
    let text = dom
        .get(start..end)?
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    serde_json::from_str(&text).ok()
}

/// A `groups.jsonl` and `stories.jsonl` of hostile strings: a group of `members` (the first ones
/// hostile sites of [`hostile_verdicts`]) sharing two stories, one of whose origin is a site
/// outside the group with a script in its name, copies with `javascript:` and broken-out URLs.
pub fn write_hostile_groups(dir: &Path, members: &[&str]) {
    use baohoa::stories::{Copy, GroupRow, OperatorLink, SharedStory, StoryRow};
    let copy = |site: &str, url: &str, time: &str, lag: Option<i64>, cites: bool| Copy {
        site: site.to_owned(),
        url: url.to_owned(),
        time: time.to_owned(),
        time_source: "published".into(),
        lag_minutes: lag,
        cites_origin: cites,
        negative: true,
        licensed_press: false,
    };
    let outsider = format!("{SCRIPT_TITLE}.vn");
    let s1 = vec![
        copy(
            members[0],
            "javascript:window.__pwned=7",
            "2026-11-20T01:00:00Z",
            Some(0),
            false,
        ),
        copy(
            members[1],
            &format!("https://x.vn/{IMG_TITLE}"),
            "2026-11-20T01:25:00Z",
            Some(25),
            false,
        ),
        copy(
            members[2],
            "https://m2.vn/a.html",
            "2026-11-20T02:10:00Z",
            Some(70),
            true,
        ),
    ];
    let s2 = vec![
        copy(
            members[1],
            "https://m1.vn/b.html",
            "2026-11-21T08:00:00Z",
            Some(30),
            false,
        ),
        copy(members[2], "https://m2.vn/b.html", "", None, false),
        copy(
            members[0],
            &format!("https://h.vn/{CLOSE_TAG}"),
            "2026-11-21T09:30:00Z",
            Some(120),
            false,
        ),
    ];
    let origin2 = copy(
        &outsider,
        "data:text/html,<script>window.__pwned=8</script>",
        "2026-11-21T07:30:00Z",
        Some(0),
        false,
    );
    let stories = [
        StoryRow {
            story: "S000001".into(),
            origin: s1[0].clone(),
            copies: s1[1..].to_vec(),
            sites: 3,
            low_confidence: false,
            targets: vec![SCRIPT_TITLE.into()],
        },
        StoryRow {
            story: "S000002".into(),
            origin: origin2,
            copies: s2.clone(),
            sites: 4,
            low_confidence: true,
            targets: vec![],
        },
    ];
    let m: Vec<String> = members.iter().map(|s| s.to_string()).collect();
    let group = GroupRow {
        group: "G0001".into(),
        sites: m.clone(),
        links: vec![
            (m[0].clone(), m[1].clone(), 2),
            (m[0].clone(), m[2].clone(), 2),
            (m[1].clone(), m[2].clone(), 1),
        ],
        shared_stories: vec![
            SharedStory {
                story: "S000001".into(),
                negative: true,
                copies: s1,
            },
            SharedStory {
                story: "S000002".into(),
                negative: true,
                copies: s2,
            },
        ],
        negative_share: 1.0,
        targets: vec![(format!("Công ty {IMG_TITLE}"), 2)],
        operators: vec![OperatorLink {
            fingerprint: format!("ga:UA-1{CLOSE_TAG}"),
            sites: vec![m[0].clone(), m[1].clone()],
        }],
        operator_links: 0,
    };
    let jsonl = |rows: Vec<serde_json::Value>| rows.iter().map(|r| format!("{r}\n")).collect::<String>();
    std::fs::write(
        dir.join("stories.jsonl"),
        jsonl(stories.iter().map(|s| serde_json::to_value(s).unwrap()).collect()),
    )
    .unwrap();
    std::fs::write(
        dir.join("groups.jsonl"),
        jsonl(vec![serde_json::to_value(&group).unwrap()]),
    )
    .unwrap();
}
