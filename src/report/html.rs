//! `report.html`: one self-contained page for inspectors (data as inert JSON, script and style pinned by CSP hash).
use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::judge::{Family, Finding, Verdict};
use crate::report::diff::{RunDiff, negative};
use crate::report::history::History;
use crate::stories::{Copy, GroupRow};

/// The page's style sheet (inlined; allowed by its hash).
pub const CSS: &str = include_str!("html/report.css");
/// The page's script (inlined; allowed by its hash). It renders the JSON data with `textContent` only.
pub const JS: &str = include_str!("html/report.js");

/// Longest site name kept (characters).
const MAX_SITE: usize = 253;
/// Longest URL kept.
const MAX_URL: usize = 2048;
/// Longest evidence text kept.
const MAX_TEXT: usize = 400;
/// Longest statement, note or other free text kept.
const MAX_STATEMENT: usize = 1000;
/// Evidence items kept per finding.
const MAX_EVIDENCE: usize = 8;
/// Groups shown in the report (the rest stay in `groups.jsonl`).
const MAX_GROUPS: usize = 500;
/// Member sites kept per group.
const MAX_GROUP_SITES: usize = 60;
/// Shared stories kept per group for its timeline.
const MAX_GROUP_STORIES: usize = 120;
/// Copies kept per shared story.
const MAX_STORY_COPIES: usize = 40;
/// Targets (organisations, people) kept per group.
const MAX_TARGETS: usize = 10;

/// Run facts shown in the summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunFacts {
    pub started_at: String,
    pub version: String,
    pub models_hash: String,
    pub complete: bool,
    pub inputs: u64,
    pub inputs_failed: u64,
    pub html_records: u64,
    pub damaged: u64,
    pub wall_seconds: f64,
    pub pages_per_s: f64,
}

impl RunFacts {
    /// An id of the run for the page (its decisions are stored under it in the browser): a hash of
    /// the run's start time, version, models and input counts, so `baohoa report OUT` run again
    /// keeps it and another run gets another.
    pub fn id(&self) -> String {
        let key = format!(
            "{}\n{}\n{}\n{}\n{}\n{}",
            self.started_at, self.version, self.models_hash, self.inputs, self.html_records, self.damaged
        );
        let h = Sha256::digest(key.as_bytes());
        h.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }

    pub fn of(m: &crate::report::manifest::RunManifest) -> RunFacts {
        RunFacts {
            started_at: m.started_at.clone(),
            version: m.version.clone(),
            models_hash: m.models_hash.clone(),
            complete: m.complete,
            inputs: m.counts.inputs,
            inputs_failed: m.counts.inputs_failed,
            html_records: m.counts.html_records,
            damaged: m.counts.damaged,
            wall_seconds: m.throughput.wall_seconds,
            pages_per_s: m.throughput.pages_per_s,
        }
    }
}

/// Everything the report shows.
pub struct ReportInput<'a> {
    pub verdicts: &'a [Verdict],
    /// Groups of sites publishing the same stories (`groups.jsonl`) and the origin of each story.
    pub groups: &'a [GroupRow],
    pub origins: &'a BTreeMap<String, Copy>,
    /// Pages and items per verdict (same order); `None` items when unknown.
    pub counts: Vec<(u64, Option<u64>)>,
    pub run: RunFacts,
    pub diff: Option<&'a RunDiff>,
    pub history: Option<&'a History>,
}

/// Renders the report page.
pub fn render(input: &ReportInput) -> String {
    let mut data = SitesData::new(std::io::Cursor::new(Vec::new()));
    let changes: BTreeMap<&str, &crate::report::diff::SiteChange> = input
        .diff
        .map(|d| d.changes.iter().map(|c| (c.site.as_str(), c)).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    let res = (|| -> std::io::Result<()> {
        for (i, v) in input.verdicts.iter().enumerate() {
            let (pages, items) = input.counts.get(i).copied().unwrap_or((0, None));
            let series = input.history.and_then(|h| h.sites.get(&v.site)).map(Vec::as_slice);
            data.add(v, (pages, items), changes.get(v.site.as_str()).copied(), series)?;
        }
        data.set_groups(input.groups, |id| input.origins.get(id));
        data.write_page(
            &mut out,
            &input.run,
            input.diff,
            input.history.map(|h| h.runs.as_slice()),
        )
    })();
    // Writing into memory cannot fail; the page is valid UTF-8 as it is built from `&str`s.
    debug_assert!(res.is_ok());
    String::from_utf8(out).unwrap_or_default()
}

/// The page around the data: everything before the data element's content.
fn page_head() -> String {
    let csp = csp(JS, CSS);
    let mut s = String::with_capacity(JS.len() + CSS.len() + 2048);
    s.push_str("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"");
    s.push_str(&csp);
    s.push_str("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str("<title>baohoa — Báo cáo kiểm tra</title>\n<style>");
    s.push_str(CSS);
    s.push_str("</style>\n</head>\n<body>\n<noscript>Báo cáo cần JavaScript. / This report needs JavaScript.</noscript>\n<div id=\"app\"></div>\n");
    s.push_str("<script type=\"application/json\" id=\"data\">");
    s
}

/// The page after the data element's content.
fn page_tail() -> String {
    format!("</script>\n<script>{JS}</script>\n</body>\n</html>\n")
}

/// The Content-Security-Policy: nothing remote, only this script and this style sheet (by hash).
pub fn csp(js: &str, css: &str) -> String {
    format!(
        "default-src 'none'; script-src 'sha256-{}'; style-src 'sha256-{}'; base-uri 'none'; form-action 'none'",
        base64(&Sha256::digest(js.as_bytes())),
        base64(&Sha256::digest(css.as_bytes()))
    )
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(A[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Makes crawled text safe to show: control characters and bidirectional overrides become visible
/// markers (so a name cannot reorder itself on screen), and the text is capped to `max` characters.
pub fn clean(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max * 4));
    for (n, c) in s.chars().enumerate() {
        if n >= max {
            out.push('…');
            break;
        }
        match c {
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => {
                out.push_str(&format!("[U+{:04X}]", u32::from(c)));
            }
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Interned strings (criterion codes, groups, bases…), so 50,000 sites do not repeat them.
#[derive(Default)]
struct Strings {
    list: Vec<String>,
    index: BTreeMap<String, usize>,
}

impl Strings {
    fn id(&mut self, s: &str, max: usize) -> usize {
        let s = clean(s, max);
        if let Some(&i) = self.index.get(&s) {
            return i;
        }
        self.list.push(s.clone());
        self.index.insert(s, self.list.len() - 1);
        self.list.len() - 1
    }
}

fn round4(x: f64) -> Value {
    if x.is_finite() {
        json!((x * 10_000.0).round() / 10_000.0)
    } else {
        Value::Null
    }
}

fn family_bits(f: &[Family]) -> u8 {
    f.iter().fold(0, |acc, f| {
        acc | match f {
            Family::BaoHoa => 1,
            Family::NegativeRatio => 2,
        }
    })
}

fn finding_json(f: &Finding, strs: &mut Strings) -> Value {
    let k = strs.id(&f.criterion, 200);
    if !f.fired {
        return json!([k, round4(f.value), round4(f.threshold), f.items]);
    }
    let ev: Vec<Value> = f
        .evidence
        .iter()
        .take(MAX_EVIDENCE)
        .map(|e| json!([clean(&e.url, MAX_URL), clean(&e.text, MAX_TEXT)]))
        .collect();
    let mut o = json!({
        "k": k,
        "g": strs.id(&f.group, 200),
        "fa": family_bits(&[f.family]),
        "v": round4(f.value),
        "t": round4(f.threshold),
        "w": round4(f.weight),
        "n": f.items,
        "st": clean(&f.statement, MAX_STATEMENT),
        "st_en": clean(&f.statement_en, MAX_STATEMENT),
        "cl": strs.id(&f.clears, MAX_STATEMENT),
        "cl_en": strs.id(&f.clears_en, MAX_STATEMENT),
        "b": strs.id(&f.basis, MAX_STATEMENT),
        "b_en": strs.id(&f.basis_en, MAX_STATEMENT),
        "ev": ev,
    });
    if let (Some((lo, hi)), Some(m)) = (f.interval, o.as_object_mut()) {
        m.insert("ci".into(), json!([round4(lo), round4(hi)]));
    }
    o
}

/// One site's place in the ranking and where its data lies in the store.
struct Ranked {
    flagged: bool,
    score: f64,
    families: usize,
    site: String,
    at: u64,
    len: usize,
}

/// The report's data built site by site: each site's JSON is made once, in the order the sites
/// come, and kept in `store` (a temporary file for a large run, or memory); the page is written
/// at the end with the sites ranked (flagged first, by score), so the run never holds every
/// verdict at once.
pub struct SitesData<S> {
    strs: Strings,
    /// Criterion code → its name in Vietnamese and English, from the findings seen.
    names: BTreeMap<String, [String; 2]>,
    ranked: Vec<Ranked>,
    store: S,
    pos: u64,
    /// The groups as the page shows them (capped), and how many there were.
    groups: Vec<Value>,
    groups_total: usize,
}

impl<S: std::io::Read + std::io::Write + std::io::Seek> SitesData<S> {
    pub fn new(store: S) -> Self {
        SitesData {
            strs: Strings::default(),
            names: BTreeMap::new(),
            ranked: Vec::new(),
            store,
            pos: 0,
            groups: Vec::new(),
            groups_total: 0,
        }
    }

    /// Sets the groups shown in the report: members, links, targets and a timeline of each shared
    /// story (the group's copies by time, and the story's origin from `origin(story id)`, which
    /// may be a site outside the group).
    pub fn set_groups<'c>(&mut self, groups: &[GroupRow], origin: impl Fn(&str) -> Option<&'c Copy>) {
        self.groups_total = groups.len();
        self.groups = groups.iter().take(MAX_GROUPS).map(|g| group_json(g, &origin)).collect();
    }

    /// Adds one site: its verdict, (pages, items), its change since the previous run and its
    /// negative-share series (this run included).
    pub fn add(
        &mut self,
        v: &Verdict,
        (pages, items): (u64, Option<u64>),
        change: Option<&crate::report::diff::SiteChange>,
        series: Option<&[crate::report::history::Point]>,
    ) -> std::io::Result<()> {
        for f in &v.findings {
            if !f.name.is_empty() && !self.names.contains_key(&f.criterion) {
                let name = [clean(&f.name, 200), clean(&f.name_en, 200)];
                self.names.insert(clean(&f.criterion, 200), name);
            }
        }
        let o = site_json(v, (pages, items), change, series, &mut self.strs);
        let text = inert(&o.to_string());
        self.store.write_all(text.as_bytes())?;
        self.ranked.push(Ranked {
            flagged: v.flagged,
            score: v.score,
            families: v.families.len(),
            site: v.site.clone(),
            at: self.pos,
            len: text.len(),
        });
        self.pos += text.len() as u64;
        Ok(())
    }

    /// Writes the whole page: the run facts, the ranked sites, the interned strings, the diff.
    pub fn write_page(
        mut self,
        w: &mut dyn std::io::Write,
        run: &RunFacts,
        diff: Option<&RunDiff>,
        history_runs: Option<&[String]>,
    ) -> std::io::Result<()> {
        self.ranked.sort_by(|x, y| {
            y.flagged
                .cmp(&x.flagged)
                .then(y.score.total_cmp(&x.score))
                .then(y.families.cmp(&x.families))
                .then(x.site.cmp(&y.site))
        });
        w.write_all(page_head().as_bytes())?;
        let head = json!({"schema": 1, "run": run, "run_id": run.id()});
        let head = inert(&head.to_string());
        // `{"run":…,"schema":1` then the sites, then the rest.
        w.write_all(head.strip_suffix('}').unwrap_or(&head).as_bytes())?;
        w.write_all(b",\"sites\":[")?;
        let mut buf = Vec::new();
        for (n, r) in self.ranked.iter().enumerate() {
            if n > 0 {
                w.write_all(b",")?;
            }
            self.store.seek(std::io::SeekFrom::Start(r.at))?;
            buf.resize(r.len, 0);
            self.store.read_exact(&mut buf)?;
            w.write_all(&buf)?;
        }
        w.write_all(b"],")?;
        let gone: Vec<Value> = diff
            .map(|d| {
                d.changes
                    .iter()
                    .filter(|c| c.new.is_none())
                    .map(|c| json!({"s": clean(&c.site, MAX_SITE), "ch": change_json(c)}))
                    .collect()
            })
            .unwrap_or_default();
        let diff = diff.map(|d| {
            json!({
                "old_run": clean(&d.old_run, 200),
                "new_run": clean(&d.new_run, 200),
                "sites_old": d.sites_old,
                "sites_new": d.sites_new,
                "flagged_old": d.flagged_old,
                "flagged_new": d.flagged_new,
                "new_flags": d.new_flags,
                "cleared": d.cleared,
                "changed": d.changes.len(),
                "gone": gone,
            })
        });
        let tail = json!({
            "strs": self.strs.list,
            "names": self.names,
            "diff": diff,
            "history_runs": history_runs.map(|h| h.iter().map(|r| clean(r, 64)).collect::<Vec<_>>()),
            "groups": self.groups,
            "groups_total": self.groups_total,
        });
        let tail = inert(&tail.to_string());
        w.write_all(tail.strip_prefix('{').unwrap_or(&tail).as_bytes())?;
        w.write_all(page_tail().as_bytes())?;
        Ok(())
    }
}

/// One site's entry in the report's data.
fn site_json(
    v: &Verdict,
    (pages, items): (u64, Option<u64>),
    change: Option<&crate::report::diff::SiteChange>,
    series: Option<&[crate::report::history::Point]>,
    strs: &mut Strings,
) -> Value {
    let mut o = serde_json::Map::new();
    o.insert("s".into(), json!(clean(&v.site, MAX_SITE)));
    o.insert("c".into(), json!(v.class.as_str()));
    o.insert("sc".into(), round4(v.score));
    o.insert("f".into(), json!(u8::from(v.flagged)));
    o.insert("fa".into(), json!(family_bits(&v.families)));
    o.insert("p".into(), json!(pages));
    if let Some(n) = items {
        o.insert("i".into(), json!(n));
    }
    if let Some(f) = negative(v) {
        let (lo, hi) = f.interval.unwrap_or((f.value, f.value));
        o.insert(
            "ng".into(),
            json!([round4(f.value), round4(lo), round4(hi), f.items, round4(f.threshold)]),
        );
    }
    let fired: Vec<usize> = v.fired().map(|f| strs.id(&f.criterion, 200)).collect();
    o.insert("cr".into(), json!(fired));
    // Quiet sites (nothing fired, no decision, no change) carry only their negative share:
    // their measured-but-quiet criteria would double a 50,000-site report (`explain` has them).
    if v.findings.iter().any(|f| f.fired) || v.decision.is_some() || change.is_some() {
        let fd: Vec<Value> = v.findings.iter().map(|f| finding_json(f, strs)).collect();
        o.insert("fd".into(), json!(fd));
    } else if !v.findings.is_empty() {
        o.insert("tr".into(), json!(1));
    }
    if let Some(d) = &v.decision {
        o.insert(
            "d".into(),
            json!({
                "decision": d.decision.as_str(),
                "note": clean(&d.note, MAX_STATEMENT),
                "date": clean(&d.date, 64),
                "fired_at_decision": d.fired_at_decision.iter().map(|c| clean(c, 200)).collect::<Vec<_>>(),
                "in_force": d.in_force,
                "new_criteria": d.new_criteria.iter().map(|c| clean(c, 200)).collect::<Vec<_>>(),
                "unflagged": d.unflagged,
            }),
        );
    }
    if let Some(c) = change {
        o.insert("ch".into(), change_json(c));
    }
    // History only for the sites shown in detail (the others' series stay in history.json).
    if o.contains_key("fd")
        && let Some(series) = series
        && series.len() > 1
    {
        let pts: Vec<Value> = series
            .iter()
            .map(|p| {
                let (lo, hi) = p.interval();
                json!([p.0, round4(p.1), round4(lo), round4(hi), p.2])
            })
            .collect();
        o.insert("h".into(), json!(pts));
    }
    Value::Object(o)
}

/// One copy on a group's timeline: `[site, url, time, time source, lag minutes or null, cites 0/1]`
/// (`site` an index into the group's sites, or the name when outside the group).
fn copy_json(c: &Copy, site: Value) -> Value {
    json!([
        site,
        clean(&c.url, MAX_URL),
        clean(&c.time, 64),
        clean(&c.time_source, 16),
        c.lag_minutes,
        u8::from(c.cites_origin)
    ])
}

/// A group as the report shows it (see [`SitesData::set_groups`]).
fn group_json<'c>(g: &GroupRow, origin: &impl Fn(&str) -> Option<&'c Copy>) -> Value {
    let sites: Vec<String> = g
        .sites
        .iter()
        .take(MAX_GROUP_SITES)
        .map(|s| clean(s, MAX_SITE))
        .collect();
    let index: BTreeMap<&str, usize> = g
        .sites
        .iter()
        .take(MAX_GROUP_SITES)
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let links: Vec<Value> = g
        .links
        .iter()
        .filter_map(|(a, b, n)| Some(json!([index.get(a.as_str())?, index.get(b.as_str())?, n])))
        .collect();
    let stories: Vec<Value> = g
        .shared_stories
        .iter()
        .take(MAX_GROUP_STORIES)
        .map(|st| {
            let copies: Vec<Value> = st
                .copies
                .iter()
                .filter_map(|c| Some(copy_json(c, json!(index.get(c.site.as_str())?))))
                .take(MAX_STORY_COPIES)
                .collect();
            let mut o = json!({
                "k": clean(&st.story, 64),
                "n": u8::from(st.negative),
                "c": copies,
                "nc": st.copies.len(),
            });
            if let (Some(org), Some(m)) = (origin(&st.story), o.as_object_mut()) {
                let site = match index.get(org.site.as_str()) {
                    Some(i) => json!(i),
                    None => json!(clean(&org.site, MAX_SITE)),
                };
                m.insert("o".into(), copy_json(org, site));
            }
            o
        })
        .collect();
    json!({
        "id": clean(&g.group, 64),
        "s": sites,
        "ns": g.sites.len(),
        "l": links,
        "st": stories,
        "nst": g.shared_stories.len(),
        "ng": round4(g.negative_share),
        "tg": g.targets.iter().take(MAX_TARGETS).map(|(t, n)| json!([clean(t, 200), n])).collect::<Vec<_>>(),
        "op": g
            .operators
            .iter()
            .take(MAX_TARGETS)
            .map(|o| json!([clean(&o.fingerprint, 200), o.sites.iter().take(MAX_GROUP_SITES).map(|s| clean(s, MAX_SITE)).collect::<Vec<_>>()]))
            .collect::<Vec<_>>(),
    })
}

fn change_json(c: &crate::report::diff::SiteChange) -> Value {
    json!({
        "k": c.changes.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        "os": c.old.as_ref().map(|o| round4(o.score)),
        "ns": c.new.as_ref().map(|n| round4(n.score)),
        "on": c.old.as_ref().and_then(|o| o.negative_share).map(round4),
        "nn": c.new.as_ref().and_then(|n| n.negative_share).map(round4),
        "add": c.criteria_added.iter().map(|s| clean(s, 200)).collect::<Vec<_>>(),
        "rm": c.criteria_removed.iter().map(|s| clean(s, 200)).collect::<Vec<_>>(),
    })
}

/// Escapes JSON text so the HTML parser cannot end the data element or open a comment early:
/// `<`, `>`, `&` and the JS line separators become `\uXXXX` (only ever inside JSON strings).
pub fn inert(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}
