//! Every labelled field of `$BAOHOA_REALDATA/vn-pages-2/labels.jsonl` (73 pages, 36 sites, labels
//! written by reading the HTML) checked against the page stage, with field accuracy per feature on
//! a dev split and a held-out split (by hash of the site). Design templates (filler bodies) are
//! checked on form features only: no byline or attribution.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use baohoa::page::{LicenceKind, PageFeatures, PageKind};
use baohoa::text::normalize::{fold, squash_ws};
use serde_json::Value;

fn realdata() -> Option<PathBuf> {
    match std::env::var_os("BAOHOA_REALDATA") {
        Some(d) => Some(PathBuf::from(d)),
        None => {
            eprintln!("skipping: BAOHOA_REALDATA is not set (point it at the realdata folder)");
            None
        }
    }
}

/// Held out from tuning: sites whose FNV-1a hash is 0 mod 4 (about a quarter).
fn held_out(site: &str) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in site.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h.is_multiple_of(4)
}

struct Row {
    file: String,
    site: String,
    template: bool,
    label: Value,
}

fn rows(dir: &Path) -> Vec<(Row, Option<String>)> {
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("vn-pages-2/MANIFEST.tsv readable");
    let mut meta: BTreeMap<String, (Option<String>, bool)> = BTreeMap::new();
    for line in manifest.lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(url), Some(note)) = (c.first(), c.get(5), c.get(8)) else {
            continue;
        };
        // "https://www.cophieu68.com/ (FPT report page; exact URL unknown)": a guess, not the URL.
        let url = (url.starts_with("http") && !url.contains(' ')).then(|| (*url).to_owned());
        meta.insert((*file).to_owned(), (url, note.contains("design template")));
    }
    let labels = std::fs::read_to_string(dir.join("labels.jsonl")).expect("vn-pages-2/labels.jsonl readable");
    labels
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("labels.jsonl: one JSON object per line");
            let file = v["file"].as_str().unwrap_or("").to_owned();
            let (url, template) = meta.get(&file).cloned().unwrap_or((None, false));
            (
                Row {
                    site: v["site"].as_str().unwrap_or("").to_owned(),
                    file,
                    template,
                    label: v,
                },
                url,
            )
        })
        .collect()
}

fn features(dir: &Path, file: &str, url: Option<&str>, models: &baohoa::models::Models) -> PageFeatures {
    let bytes = std::fs::read(dir.join("pages").join(file)).unwrap_or_default();
    assert!(!bytes.is_empty(), "vn-pages-2/pages/{file} missing or empty");
    let dec = baohoa::ingest::decode::decode_html(&bytes, None);
    let page = baohoa::page::parse(&dec.html, url);
    baohoa::page::features(&page, &models.page)
}

fn compact(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Loose name match: one contains the other once folded and stripped of punctuation.
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (compact(a), compact(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// Self-label kinds a free-text label names (empty = none expected).
fn label_kinds(s: &str) -> Vec<&'static str> {
    let f = fold(s);
    let mut k = Vec::new();
    if f.contains("tap chi") {
        k.push("magazine");
    }
    if f.contains("tong hop") {
        k.push("aggregate");
    }
    if f.contains("mang xa hoi") {
        k.push("social_network");
    }
    if f.contains("cong thong tin") {
        k.push("portal");
    }
    if f.contains("chuyen trang") {
        k.push("special_page");
    }
    if f.contains("trung tam bao chi") {
        // A press centre (a state body), not a newspaper: no kind of ours names it.
        k.push("press_centre");
        return k;
    }
    if f.contains("kenh tin") {
        k.push("channel");
    }
    if (f.contains("bao") && !f.contains("tong hop")) || f.contains("co quan ngon luan") {
        k.push("press");
    }
    k
}

/// Canonical newsroom title of a labelled masthead word.
fn canon_title(t: &str) -> String {
    let f = fold(t);
    let f = f.trim();
    if f.contains("toa soan") && !f.contains("thu ky") {
        return "toa soan".into();
    }
    if f == "phó tbt" || f == "pho tbt" || f.starts_with("pho tong bien tap") {
        return "pho tong bien tap".into();
    }
    f.to_owned()
}

/// Canonical titles the page stage found (newsroom-kind titles, Ban biên tập, Chủ nhiệm).
fn found_titles(f: &PageFeatures) -> Vec<String> {
    f.newsroom
        .iter()
        .filter(|n| n.kind == "newsroom" || n.title == "Ban biên tập" || n.title == "Chủ nhiệm")
        .map(|n| canon_title(&n.title))
        .collect()
}

/// Field name → (right, total), one tally per split.
type Tally = BTreeMap<&'static str, (u32, u32)>;

fn check(row: &Row, f: &PageFeatures, tally: &mut Tally, bad: &mut Vec<String>) {
    let l = &row.label;
    let mut score = |field: &'static str, ok: bool, what: String| {
        let e = tally.entry(field).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
        } else {
            bad.push(format!("{field}: {what}"));
        }
    };
    // Page kind, and article vs not.
    let want_kind = l["page_kind"].as_str().unwrap_or("");
    let got_kind = match f.page_kind {
        PageKind::Article => "article",
        PageKind::List => "list",
        PageKind::Home => "home",
        PageKind::Other => "other",
    };
    score(
        "article",
        (want_kind == "article") == f.is_article,
        format!(
            "is_article {} for a {want_kind} page ({:?})",
            f.is_article, f.page_kind_reasons
        ),
    );
    score(
        "page_kind",
        want_kind == got_kind,
        format!("{got_kind}, labelled {want_kind} ({:?})", f.page_kind_reasons),
    );
    // Title as written in <title>.
    let want_title = squash_ws(&baohoa::text::normalize::nfc(l["title"].as_str().unwrap_or("")));
    score(
        "html_title",
        squash_ws(&f.html_title) == want_title,
        format!("{:?}, labelled {want_title:?}", f.html_title),
    );
    // Licence kind and number.
    let want_lk = match l["licence"]["kind"].as_str().unwrap_or("none") {
        "press" => LicenceKind::Press,
        "aggregate" => LicenceKind::Aggregate,
        "social_network" => LicenceKind::SocialNetwork,
        _ => LicenceKind::None,
    };
    score(
        "licence_kind",
        f.licence_kind == want_lk,
        format!("{:?}, labelled {want_lk:?}", f.licence_kind),
    );
    if let Some(n) = l["licence"]["number"].as_str() {
        let num = n.split(" (").next().unwrap_or(n);
        let num = num.rsplit(' ').next().unwrap_or(num);
        let want = compact(num);
        score(
            "licence_number",
            f.licences
                .iter()
                .filter_map(|x| x.number.as_deref())
                .any(|x| compact(x) == want),
            format!(
                "{num} not in {:?}",
                f.licences.iter().map(|x| &x.number).collect::<Vec<_>>()
            ),
        );
    }
    // Self-label.
    let want_sl = l["site_type_label"].as_str().map(label_kinds).unwrap_or_default();
    let got_sl: Vec<&str> = f.self_labels.iter().map(|s| s.kind.as_str()).collect();
    let sl_ok = if want_sl.is_empty() {
        got_sl.is_empty()
    } else {
        got_sl.iter().any(|k| want_sl.contains(k))
    };
    score(
        "self_label",
        sl_ok,
        format!(
            "{:?}, labelled {:?}",
            f.self_labels
                .iter()
                .map(|s| format!("{}@{}:{}", s.kind, s.place, s.evidence.matched))
                .collect::<Vec<_>>(),
            l["site_type_label"]
        ),
    );
    // Newsroom titles: every labelled title found; none found when none labelled.
    let want_nt: Vec<String> = l["newsroom_titles"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).map(canon_title).collect())
        .unwrap_or_default();
    let got_nt = found_titles(f);
    let nt_ok = if want_nt.is_empty() {
        got_nt.is_empty()
    } else {
        want_nt.iter().all(|t| got_nt.contains(t))
    };
    score("newsroom", nt_ok, format!("{got_nt:?}, labelled {want_nt:?}"));
    // Comment widget.
    let want_c = l["comments_widget"].as_bool().unwrap_or(false);
    score(
        "comments",
        want_c != f.comment_widgets.is_empty(),
        format!("{:?}, labelled {want_c}", f.comment_widgets),
    );
    // Main-menu sections as written: at least half of the labelled ones read.
    let want_s: Vec<&str> = l["sections"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !want_s.is_empty() {
        let menu: Vec<String> = f
            .sections
            .iter()
            .map(|s| compact(&s.as_written))
            .chain(f.other_menu_labels.iter().map(|s| compact(s)))
            .collect();
        let found = want_s.iter().filter(|s| menu.contains(&compact(s))).count();
        score(
            "sections",
            found * 2 >= want_s.len(),
            format!("{found} of {} labelled menu entries read", want_s.len()),
        );
    }
    if row.template {
        return;
    }
    // Byline.
    let want_b = l["byline"].as_str();
    let got_b = f.byline.as_ref().map(|b| b.name.as_str());
    let b_ok = match (want_b, got_b) {
        (None, None) => true,
        (Some(w), Some(g)) => same_name(w, g),
        _ => false,
    };
    score(
        "byline",
        b_ok,
        format!(
            "{:?}, labelled {want_b:?}",
            f.byline.as_ref().map(|b| (&b.name, &b.source))
        ),
    );
    // Attributions: no outlet that is not labelled; labelled outlets read (up to the 8 kept).
    let want_a: Vec<&str> = l["attributions"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let got_a: Vec<&str> = f
        .attributions
        .iter()
        .filter(|a| a.kind != "compiled")
        .map(|a| a.outlet.as_str())
        .collect();
    let no_false = got_a.iter().all(|g| want_a.iter().any(|w| same_name(w, g)));
    let read = want_a.iter().filter(|w| got_a.iter().any(|g| same_name(w, g))).count();
    score(
        "attributions",
        no_false && read >= want_a.len().min(8),
        format!("{got_a:?}, labelled {want_a:?}"),
    );
}

fn print(name: &str, t: &Tally) -> (u32, u32) {
    let mut all = (0, 0);
    let line: Vec<String> = t
        .iter()
        .map(|(k, (r, n))| {
            all.0 += r;
            all.1 += n;
            format!("{k} {r}/{n}")
        })
        .collect();
    eprintln!("{name}: {} | all {}/{}", line.join(", "), all.0, all.1);
    all
}

/// Floor per feature (share right, on each split), set just under what the page stage reaches;
/// raise it as the features improve. Features not listed: [`FLOOR`].
const FLOORS: &[(&str, f64)] = &[
    ("page_kind", 0.70),
    ("article", 0.85),
    ("self_label", 0.80),
    ("newsroom", 0.85),
    ("sections", 0.80),
    ("byline", 0.90),
    ("comments", 0.90),
];
const FLOOR: f64 = 0.95;

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn vn_pages_2_labelled_fields() {
    let Some(root) = realdata() else { return };
    let dir = root.join("vn-pages-2");
    let models = baohoa::models::Models::load(&baohoa::models::ModelFiles::default()).expect("embedded models load");
    let rows = rows(&dir);
    assert_eq!(rows.len(), 73, "vn-pages-2/labels.jsonl: expected 73 labelled pages");
    let (mut dev, mut held) = (Tally::new(), Tally::new());
    let mut sites = (std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
    for (row, url) in &rows {
        let f = features(&dir, &row.file, url.as_deref(), &models);
        let mut bad = Vec::new();
        let h = held_out(&row.site);
        check(row, &f, if h { &mut held } else { &mut dev }, &mut bad);
        if h {
            sites.1.insert(row.site.clone());
        } else {
            sites.0.insert(row.site.clone());
        }
        eprintln!(
            "{}{:<30} {}",
            if h { "H " } else { "  " },
            row.file,
            if bad.is_empty() { "ok".into() } else { bad.join("; ") }
        );
    }
    eprintln!("dev {} sites, held-out {} sites", sites.0.len(), sites.1.len());
    print("dev", &dev);
    print("held-out", &held);
    let mut low = Vec::new();
    for (split, t) in [("dev", &dev), ("held-out", &held)] {
        for (k, (r, n)) in t {
            let floor = FLOORS.iter().find(|(f, _)| f == k).map_or(FLOOR, |(_, v)| *v);
            if f64::from(*r) < floor * f64::from(*n) {
                low.push(format!("{split} {k}: {r}/{n} < {floor}"));
            }
        }
    }
    assert!(low.is_empty(), "below the floor: {}", low.join(", "));
}
