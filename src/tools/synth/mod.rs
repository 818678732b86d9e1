//! Labelled synthetic corpora: `baohoa synth` writes WARC.gz files of realistic Vietnamese sites of
//! known archetypes, their `labels.csv` and a matching registry sample. Streaming, deterministic.
pub mod archetype;
pub mod charset;
pub mod html;
pub mod labels;
pub mod plan;
pub mod rng;
pub mod story;
pub mod time;
pub mod vocab;
mod writer;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;

pub use archetype::Archetype;
pub use labels::{Label, NegRule};

use html::Article;
use labels::Counts;
use plan::{Comments, Outlet, SitePlan};
use rng::{Rng, exact_mask, mix};
use vocab::Vocab;
use writer::{Page, RotatingWarc};

/// What to generate.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    pub sites: usize,
    pub seed: u64,
    /// Keep adding article rounds until the WARC files reach this many bytes.
    pub size: Option<u64>,
    /// Upper bound of one WARC.gz file.
    pub max_file_bytes: u64,
    pub rule: NegRule,
    /// At most this many article items per site and round (`None`: as the archetype plans).
    pub items: Option<usize>,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            sites: 40,
            seed: 1,
            size: None,
            max_file_bytes: 256 << 20,
            rule: NegRule::default(),
            items: None,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SynthSummary {
    pub warc_files: Vec<PathBuf>,
    pub warc_bytes: u64,
    pub html_bytes: u64,
    pub records: u64,
    pub html_pages: u64,
    pub rounds: u64,
    pub sites: usize,
    pub labels: PathBuf,
    pub registry: PathBuf,
}

/// Parses a size such as `10GB`, `512MB`, `300k`, `1000` (bytes; K/M/G/T are powers of 1000, KiB… of 1024).
pub fn parse_size(s: &str) -> anyhow::Result<u64> {
    let t = s.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let v: f64 = num
        .parse()
        .with_context(|| format!("size {s:?} does not start with a number; write e.g. 10GB, 512MB"))?;
    let m: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "t" | "tb" => 1e12,
        "kib" => 1024.0,
        "mib" => 1048576.0,
        "gib" => 1073741824.0,
        u => anyhow::bail!("unknown size unit {u:?} in {s:?}; use B, KB, MB, GB, TB (or KiB, MiB, GiB)"),
    };
    Ok((v * m) as u64)
}

struct Ctx<'a> {
    vocab: &'a Vocab,
    outlets: &'a [Outlet],
    seed: u64,
    /// Hosts of the licensed press sites, by outlet index (`None`: the outlet has no site).
    press_hosts: Vec<Option<String>>,
    /// Items of the press feed per round (see [`press_feed`]).
    feed_len: usize,
}

/// One licensed press copy of a feed story.
#[derive(Debug, Clone)]
struct PressCopy {
    /// Outlet index (the press site that is this outlet publishes it).
    outlet: usize,
    url: String,
    published: i64,
}

/// A story of the round's press feed: published by one press site (a wire story by several,
/// minutes apart), re-posted by the re-posting archetypes.
#[derive(Debug, Clone)]
struct FeedItem {
    story: story::Story,
    section: (String, String),
    /// The origin first, then the other outlets' copies of a wire story in time order.
    copies: Vec<PressCopy>,
}

/// A feed story and one press copy of it.
type FeedCopy<'a> = (&'a FeedItem, &'a PressCopy);

/// Outlets sharing the first feed story of each round (a wire story: TTXVN-style copy).
const WIRE_OUTLETS: usize = 3;
/// At most this many feed stories per round.
const FEED_MAX: usize = 24;

/// The press feed of a round: story `k` is published by press outlet `k % presses`, as that
/// site's article `k / presses`; story 0 is also re-published by the next outlets (a wire story).
fn press_feed(ctx: &Ctx<'_>, round: u64) -> Vec<FeedItem> {
    let presses: Vec<(usize, &String)> = ctx
        .press_hosts
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.as_ref().map(|h| (i, h)))
        .collect();
    if presses.is_empty() {
        return Vec::new();
    }
    let menu = ctx.vocab.menu("news");
    (0..ctx.feed_len)
        .map(|k| {
            let mut r = Rng::from(&[ctx.seed, 11, round, k as u64]);
            let province = ctx
                .vocab
                .provinces
                .get(r.below(ctx.vocab.provinces.len() as u64) as usize)
                .map_or("", |x| x.name.as_str());
            let negative = r.chance(0.12);
            let s = story::story(ctx.vocab, &mut r, negative, province, false);
            let want = story::section_of(&s.topic);
            let section = menu
                .iter()
                .find(|m| m.label == want)
                .map_or(("Thời sự".to_owned(), "thoi-su".to_owned()), |m| {
                    (m.label.clone(), m.path.clone())
                });
            let mut t = time::CRAWL_START + r.below(time::CRAWL_SECONDS) as i64 - 2 * 86_400;
            let sl = story::slug(&s.title);
            let sharing = if k == 0 { WIRE_OUTLETS.min(presses.len()) } else { 1 };
            let copies = (0..sharing)
                .filter_map(|c| presses.get((k + c) % presses.len()))
                .map(|&(outlet, host)| {
                    let id = 100_000 + mix(&[ctx.seed, 12, round, k as u64, outlet as u64]) % 900_000;
                    let copy = PressCopy {
                        outlet,
                        url: format!("https://{host}/{}/{sl}-{id}.html", section.1),
                        published: t,
                    };
                    t += r.range(5, 25) as i64 * 60;
                    copy
                })
                .collect();
            FeedItem {
                story: s,
                section,
                copies,
            }
        })
        .collect()
}

/// A re-post's version of a feed story: a new headline, and often a paragraph dropped or two
/// swapped (what copy-and-edit sites do), so the story join must find it by its text.
fn edited(s: &story::Story, r: &mut Rng) -> story::Story {
    const HEADLINES: &[&str] = &[
        "Cập nhật: {}",
        "{} (tổng hợp)",
        "Chi tiết: {}",
        "Tin mới: {}",
        "{}: những điều cần biết",
    ];
    let mut e = s.clone();
    e.title = r.pick(HEADLINES).copied().unwrap_or("{}").replace("{}", &s.title);
    let n = e.paragraphs.len();
    if n > 2 && r.chance(0.5) {
        e.paragraphs.remove(r.below(n as u64) as usize);
    } else if n > 2 {
        e.paragraphs.swap(0, 1);
    }
    e
}

/// Generates a corpus into `out`: `warc/synth-NNNNN.warc.gz`, `labels.csv`, `registry/*.csv`.
pub fn generate(
    opts: &SynthOptions,
    criteria: &crate::judge::CriteriaConfig,
    out: &Path,
) -> anyhow::Result<SynthSummary> {
    if opts.sites == 0 {
        anyhow::bail!("--sites must be at least 1");
    }
    if opts.max_file_bytes < 1 << 20 {
        anyhow::bail!("the WARC file size bound must be at least 1 MiB");
    }
    let vocab = Vocab::load();
    let quotas = archetype::quotas(opts.sites);
    let mut kinds: Vec<Archetype> = quotas.iter().flat_map(|&(a, n)| std::iter::repeat_n(a, n)).collect();
    Rng::from(&[opts.seed, 10]).shuffle(&mut kinds);
    let n_press = kinds.iter().filter(|&&a| a == Archetype::LicensedPress).count();
    let n_eco = kinds.iter().filter(|&&a| a == Archetype::Ecosystem).count();
    let eco_groups = (n_eco / 3).max(1);
    let outlets = plan::outlets(&vocab, opts.seed, n_press.max(16));
    let mut used = BTreeSet::new();
    // Outlet domains are taken first so no other site lands on one.
    for o in &outlets {
        used.insert(o.domain.clone());
    }
    let mut plans = Vec::with_capacity(kinds.len());
    let (mut press_i, mut eco_i) = (0usize, 0usize);
    for (i, &a) in kinds.iter().enumerate() {
        let (ordinal, group) = match a {
            Archetype::LicensedPress => {
                press_i += 1;
                (press_i - 1, None)
            }
            Archetype::Ecosystem => {
                eco_i += 1;
                (0, Some(((eco_i - 1) / 3).min(eco_groups - 1)))
            }
            _ => (0, None),
        };
        if a == Archetype::LicensedPress {
            // The press site *is* outlet `ordinal`: free its reserved domain for it.
            if let Some(o) = outlets.get(ordinal) {
                used.remove(&o.domain);
            }
        }
        let mut p = plan::plan(&vocab, &outlets, opts.seed, (i, ordinal), a, group, &mut used);
        if let Some(n) = opts.items {
            p.items = p.items.min(n.max(1));
        }
        // Every other ecosystem shows one operator's analytics id on all its sites; the others
        // keep their own ids (found by their stories alone).
        if let Some(g) = p.group.filter(|g| g % 2 == 0) {
            p.analytics = mix(&[opts.seed, 13, g as u64]) % 100_000_000;
        }
        plans.push(p);
    }
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create {}; check the path and permissions", out.display()))?;
    let warc_dir = out.join("warc");
    let mut w = RotatingWarc::new(&warc_dir, opts.max_file_bytes, opts.seed)?;
    let mut press_hosts: Vec<Option<String>> = vec![None; outlets.len()];
    for p in &plans {
        if let Some(o) = p.outlet.filter(|&o| o < press_hosts.len()) {
            press_hosts[o] = Some(p.host.clone());
        }
    }
    // Every feed story must be on its press site: at most as many per site as its fewest items.
    let fewest = plans
        .iter()
        .filter(|p| p.outlet.is_some())
        .map(|p| p.items)
        .min()
        .unwrap_or(0);
    let ctx = Ctx {
        vocab: &vocab,
        outlets: &outlets,
        seed: opts.seed,
        feed_len: (fewest * n_press).min(FEED_MAX),
        press_hosts,
    };
    let mut counts: Vec<Counts> = vec![Counts::default(); plans.len()];
    let mut members: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for g in plans.iter().filter_map(|p| p.group) {
        *members.entry(g).or_default() += 1;
    }
    for (p, c) in plans.iter().zip(counts.iter_mut()) {
        c.group_size = p.group.and_then(|g| members.get(&g).copied()).unwrap_or(0);
    }
    let mut round = 0u64;
    loop {
        let before = w.total_bytes();
        let feed = press_feed(&ctx, round);
        for (p, c) in plans.iter().zip(counts.iter_mut()) {
            site_round(&ctx, p, round, &feed, c, &mut w)?;
        }
        round += 1;
        let grew = w.total_bytes() > before;
        match opts.size {
            Some(s) if w.total_bytes() < s && grew && round < 1_000_000 => {}
            _ => break,
        }
    }
    let (files, warc_bytes, html_bytes, records, html_pages) = w.finish()?;
    let labels_path = out.join("labels.csv");
    write_labels(&labels_path, &plans, &counts, &ctx, criteria, &opts.rule)?;
    let registry = out.join("registry");
    write_registry(&registry, &plans, &outlets)?;
    Ok(SynthSummary {
        warc_files: files,
        warc_bytes,
        html_bytes,
        records,
        html_pages,
        rounds: round,
        sites: plans.len(),
        labels: labels_path,
        registry,
    })
}

fn write_labels(
    path: &Path,
    plans: &[SitePlan],
    counts: &[Counts],
    ctx: &Ctx<'_>,
    criteria: &crate::judge::CriteriaConfig,
    rule: &NegRule,
) -> anyhow::Result<()> {
    let mut rows: Vec<Label> = plans
        .iter()
        .zip(counts)
        .map(|(p, c)| {
            let prov = p
                .province
                .and_then(|i| ctx.vocab.provinces.get(i))
                .map_or("", |x| x.name.as_str());
            let imitates = p
                .lookalike_of
                .and_then(|i| ctx.outlets.get(i))
                .map_or("", |o| o.domain.as_str());
            labels::label(p, c, criteria, rule, prov, imitates)
        })
        .collect();
    rows.sort_by(|a, b| a.domain.cmp(&b.domain));
    let mut wr = csv::Writer::from_writer(Vec::new());
    for r in &rows {
        wr.serialize(r)?;
    }
    let bytes = wr
        .into_inner()
        .map_err(|e| anyhow::anyhow!("cannot serialise labels: {e}"))?;
    crate::report::write_atomic(path, &bytes)
}

fn csv_line(cells: &[&str]) -> String {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    let _ = w.write_record(cells);
    let b = w.into_inner().unwrap_or_default();
    String::from_utf8(b).unwrap_or_default()
}

fn write_registry(dir: &Path, plans: &[SitePlan], outlets: &[Outlet]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut press = String::from(
        "# GENERATED press registry of a baohoa synthetic corpus: fictional outlets, not the official register.\n\
# Columns: name, aliases (\";\"-separated), domains (\";\"-separated), licence, type (báo | tạp chí), notes.\n\
name,aliases,domains,licence,type,notes\n",
    );
    for o in outlets {
        let aliases = format!("{};{} điện tử", o.short, o.name);
        press.push_str(&csv_line(&[
            &o.name,
            &aliases,
            &o.domain,
            &o.licence,
            o.kind,
            "synthetic",
        ]));
    }
    let mut agg = String::from(
        "# GENERATED registry of licensed aggregate sites of a baohoa synthetic corpus (fictional).\n\
# Columns: name, domains (\";\"-separated), licence, issuer, notes.\nname,domains,licence,issuer,notes\n",
    );
    let mut social = String::from(
        "# GENERATED registry of licensed social networks of a baohoa synthetic corpus (fictional).\n\
# Columns: name, domains (\";\"-separated), licence, issuer, notes.\nname,domains,licence,issuer,notes\n",
    );
    for p in plans {
        let (num, issuer) = match &p.licence {
            plan::Licence::Aggregate { number, issuer, .. } | plan::Licence::Social { number, issuer, .. } => {
                (number.as_str(), issuer.as_str())
            }
            _ => ("", ""),
        };
        let line = csv_line(&[&p.name, &p.domain, num, issuer, p.archetype.as_str()]);
        match p.registry {
            plan::Registry::Aggregate => agg.push_str(&line),
            plan::Registry::Social => social.push_str(&line),
            _ => {}
        }
    }
    crate::report::write_atomic(&dir.join("press.csv"), press.as_bytes())?;
    crate::report::write_atomic(&dir.join("aggregate.csv"), agg.as_bytes())?;
    crate::report::write_atomic(&dir.join("social.csv"), social.as_bytes())?;
    Ok(())
}

const BYLINE_STAFF: &[&str] = &["PV", "Nhóm PV", "Nhóm phóng viên", "Phóng viên {}", "{} (PV)"];
const KICKERS: &[&str] = &["Phóng sự", "Điều tra", "Phỏng vấn"];
const ECO_POOL: u64 = 10;

/// Writes one round of a site: on round 0 also robots.txt, home, section and about pages.
fn site_round(
    ctx: &Ctx<'_>,
    p: &SitePlan,
    round: u64,
    feed: &[FeedItem],
    c: &mut Counts,
    w: &mut RotatingWarc,
) -> anyhow::Result<()> {
    let v = ctx.vocab;
    let mut r = Rng::from(&[p.seed, 2, round]);
    let n = p.items;
    let neg = exact_mask(&mut r, n, ((p.neg_share * n as f64).round() as usize).min(n));
    let sens = exact_mask(&mut r, n, ((p.sens_share * n as f64).round() as usize).min(n));
    let attr = exact_mask(&mut r, n, ((p.attribution * n as f64).round() as usize).min(n));
    let free: Vec<usize> = (0..n).filter(|&j| !attr.get(j).copied().unwrap_or(false)).collect();
    let k_self = ((p.self_produced * n as f64).round() as usize).min(free.len());
    let self_set: BTreeSet<usize> = r
        .sample(free.len(), k_self)
        .into_iter()
        .filter_map(|i| free.get(i).copied())
        .collect();
    let news_menu = v.menu("news");
    let en_menu = v.menu("en");
    let site_sections: Vec<(String, String)> = p
        .sections
        .iter()
        .filter_map(|&i| news_menu.get(i))
        .map(|m| (m.label.clone(), m.path.clone()))
        .collect();
    // A press site publishes its feed stories as its first items and its wire copies after its
    // own items; a re-posting site copies feed stories (its own random stream: the other
    // choices of the round stay as they were).
    let (own_feed, wire_feed): (Vec<FeedCopy<'_>>, Vec<FeedCopy<'_>>) = match p.outlet {
        Some(o) => {
            let own = feed
                .iter()
                .filter_map(|f| f.copies.first().filter(|c| c.outlet == o).map(|c| (f, c)))
                .take(n)
                .collect();
            let wire = feed
                .iter()
                .flat_map(|f| f.copies.iter().skip(1).filter(|c| c.outlet == o).map(move |c| (f, c)))
                .collect();
            (own, wire)
        }
        None => (Vec::new(), Vec::new()),
    };
    let mut rr = Rng::from(&[p.seed, 3, round]);
    let k_repost = ((p.repost_share * n as f64).round() as usize).min(feed.len()).min(n);
    let repost_mask = exact_mask(&mut rr, n, k_repost);
    let mut repost_picks = rr.sample(feed.len(), k_repost).into_iter();
    let total = n + wire_feed.len();
    let mut articles: Vec<(Article, bool)> = Vec::with_capacity(total);
    let mut neg_ordinal = 0u64;
    for j in 0..total {
        let press_copy = if j < n { own_feed.get(j) } else { wire_feed.get(j - n) }.copied();
        let repost = if repost_mask.get(j).copied().unwrap_or(false) {
            repost_picks.next().and_then(|i| feed.get(i))
        } else {
            None
        };
        let negative = match (press_copy, repost) {
            (Some((f, _)), _) | (None, Some(f)) => f.story.negative,
            _ => neg.get(j).copied().unwrap_or(false),
        };
        let fetched = time::CRAWL_START + r.below(time::CRAWL_SECONDS) as i64;
        let prov_name = match p.province.and_then(|i| v.provinces.get(i)) {
            Some(pv) => pv.name.clone(),
            None => v
                .provinces
                .get(r.below(v.provinces.len() as u64) as usize)
                .map_or(String::new(), |x| x.name.clone()),
        };
        // Which press copy a re-post takes after: the origin when fast (minutes later, cited or
        // not), the latest press copy when compliant (≥ 1 h after it, always cited).
        let repost_of = repost.and_then(|f| {
            let c = if p.repost_fast {
                f.copies.first()
            } else {
                f.copies.last()
            }?;
            let lag = if p.repost_fast {
                rr.range(3, 40) * 60
            } else {
                rr.range(75, 600) * 60
            };
            let cited = !p.repost_fast || rr.chance(0.7);
            Some((c, c.published + lag as i64, cited))
        });
        let (s, published) = match (press_copy, repost.zip(repost_of.as_ref())) {
            (Some((f, c)), _) => (f.story.clone(), c.published),
            (None, Some((f, &(_, at, _)))) => (edited(&f.story, &mut rr), at),
            _ => match p.group {
                Some(g) if negative => {
                    // Ecosystem: the group's shared negative stories, reposted within hours.
                    let slot = neg_ordinal % ECO_POOL;
                    neg_ordinal += 1;
                    let mut gr = Rng::from(&[ctx.seed, 7, g as u64, round, slot]);
                    let gp = v
                        .provinces
                        .get(gr.below(v.provinces.len() as u64) as usize)
                        .map_or("", |x| x.name.as_str());
                    let s = story::story(v, &mut gr, true, gp, false);
                    let base = time::CRAWL_START + gr.below(time::CRAWL_SECONDS) as i64 - 86_400;
                    (s, base + r.range(300, 6 * 3600) as i64)
                }
                _ => (
                    story::story(v, &mut r, negative, &prov_name, p.english),
                    fetched - r.range(3600, 20 * 86_400) as i64,
                ),
            },
        };
        let mut title = s.title.clone();
        let mut local = false;
        if p.province.is_some() {
            if !title.contains(&prov_name) {
                title = format!("{prov_name}: {title}");
            }
            local = true;
        }
        if p.archetype == Archetype::Shop {
            title = format!("{} loại {}", v.slot(&mut r, "sp"), r.range(1, 3));
        }
        let is_sens = sens.get(j).copied().unwrap_or(false);
        if is_sens {
            title = story::sensationalise(v, &mut r, &title, negative);
        }
        let (section_label, section_path) = if let Some((f, _)) = press_copy {
            f.section.clone()
        } else if p.english {
            en_menu
                .get(r.below(en_menu.len() as u64) as usize)
                .map_or(("News".to_owned(), "news".to_owned()), |m| {
                    (m.label.clone(), m.path.clone())
                })
        } else {
            let want = story::section_of(&s.topic);
            site_sections
                .iter()
                .find(|x| x.0 == want)
                .or_else(|| site_sections.first())
                .cloned()
                .unwrap_or_else(|| match p.archetype {
                    Archetype::Blog => ("Nhật ký".into(), "nhat-ky".into()),
                    _ => ("Tin tức".into(), "tin-tuc".into()),
                })
        };
        let id = 100_000 + mix(&[p.seed, round, j as u64]) % 900_000;
        let sl = story::slug(&title);
        let url = match p.skin {
            _ if press_copy.is_some() => press_copy.map(|(_, c)| c.url.clone()).unwrap_or_default(),
            _ if p.archetype == Archetype::Shop => format!("https://{}/san-pham/{sl}-{id}.html", p.host),
            0 => format!("https://{}/{section_path}/{sl}-{id}.html", p.host),
            1 => format!("https://{}/{sl}-post{id}.html", p.host),
            _ => format!("https://{}/tin-tuc/{id}/{sl}.htm", p.host),
        };
        let is_attr = attr.get(j).copied().unwrap_or(false);
        let is_self = self_set.contains(&j);
        let person = v.person(&mut r);
        let mut kicker = String::new();
        let byline = if is_self {
            if r.chance(0.4) {
                kicker = r.pick(KICKERS).copied().unwrap_or("Phóng sự").to_owned();
            }
            r.pick(BYLINE_STAFF).copied().unwrap_or("PV").replace("{}", &person)
        } else if p.english {
            person.clone()
        } else if is_attr {
            if r.chance(0.5) { person.clone() } else { String::new() }
        } else {
            match r.below(3) {
                0 => format!("{person} (tổng hợp)"),
                1 => person.clone(),
                _ => String::new(),
            }
        };
        let source = if let Some((f, c)) = press_copy {
            // A wire copy names the outlet that had it first; the origin is the outlet's own.
            f.copies
                .first()
                .filter(|o| o.outlet != c.outlet)
                .map(|o| (o.outlet, o.url.clone(), o.published))
        } else if let Some(&(pc, _, cited)) = repost_of.as_ref() {
            c.reposts += 1;
            // Fast re-posts are all under the hour; compliant ones are all cited and later.
            c.non_compliant_reposts += u64::from(p.repost_fast || !cited);
            cited.then(|| {
                c.cited.insert(pc.outlet);
                (pc.outlet, pc.url.clone(), pc.published)
            })
        } else if is_attr && !p.cites.is_empty() {
            let oi = p.cites.get(j % p.cites.len()).copied().unwrap_or(0);
            c.cited.insert(oi);
            let od = ctx.outlets.get(oi).map_or("", |o| o.domain.as_str());
            Some((
                oi,
                format!("https://{od}/{section_path}/{sl}-{}.htm", 10_000_000 + id),
                published - r.range(3600, 6 * 3600) as i64,
            ))
        } else {
            None
        };
        let json_type = match p.archetype {
            Archetype::Blog => "BlogPosting",
            Archetype::Company => "Article",
            Archetype::SocialNewspaper => "SocialMediaPosting",
            _ => "NewsArticle",
        };
        let no_footer = p.noisy && r.chance(0.3);
        let a = Article {
            url,
            title,
            sapo: s.sapo,
            paragraphs: s.paragraphs,
            section_label,
            section_path,
            published,
            byline,
            kicker,
            source,
            source_style: r.below(4) as u8,
            no_footer,
            broken_jsonld: p.noisy && r.chance(0.5),
            json_type,
        };
        c.items += 1;
        c.negative += u64::from(negative);
        c.sensational += u64::from(is_sens);
        c.attributed += u64::from(a.source.is_some());
        c.self_produced += u64::from(is_self);
        c.local_negative += u64::from(negative && local);
        c.comment_items += u64::from(p.comments != Comments::None);
        articles.push((a, negative));
    }
    if p.archetype == Archetype::Shop {
        // Shops have product pages, not article items.
        c.items -= articles.len() as u64;
        c.negative = 0;
        c.sensational = 0;
        c.comment_items = 0;
        c.attributed = 0;
        c.self_produced = 0;
    }
    let fetch = |r: &mut Rng| time::CRAWL_START + r.below(time::CRAWL_SECONDS) as i64;
    if round == 0 {
        let t = fetch(&mut r);
        let robots = format!(
            "User-agent: *\nDisallow: /admin/\nDisallow: /tim-kiem\nSitemap: https://{}/sitemap.xml\n",
            p.host
        );
        w.write(&Page::text(
            p,
            &format!("https://{}/robots.txt", p.host),
            t,
            robots.into_bytes(),
        ))?;
        let list: Vec<(String, String, String)> = articles
            .iter()
            .take(20)
            .map(|(a, _)| (a.title.clone(), a.url.clone(), a.sapo.clone()))
            .collect();
        let home = html::list_page(p, v, &home_title(p), &list, false);
        emit(p, &format!("https://{}/", p.host), home, fetch(&mut r), true, c, w)?;
        for (label, path) in &site_sections {
            let mut items: Vec<(String, String, String)> = articles
                .iter()
                .filter(|(a, _)| &a.section_path == path)
                .take(15)
                .map(|(a, _)| (a.title.clone(), a.url.clone(), a.sapo.clone()))
                .collect();
            if items.is_empty() {
                // A section no topic files into still lists something, as real sites do.
                items = articles
                    .iter()
                    .skip(label.len() % 5)
                    .step_by(5)
                    .take(8)
                    .map(|(a, _)| (a.title.clone(), a.url.clone(), a.sapo.clone()))
                    .collect();
            }
            let pg = html::list_page(p, v, label, &items, false);
            emit(p, &format!("https://{}/{path}", p.host), pg, fetch(&mut r), true, c, w)?;
        }
        let about = about_text(p);
        let pg = html::plain_page(p, v, if p.english { "About us" } else { "Giới thiệu" }, &about, "");
        emit(
            p,
            &format!("https://{}/gioi-thieu", p.host),
            pg,
            fetch(&mut r),
            true,
            c,
            w,
        )?;
    }
    let titles: Vec<(String, String)> = articles.iter().map(|(a, _)| (a.title.clone(), a.url.clone())).collect();
    for (j, (a, _)) in articles.iter().enumerate() {
        let t = fetch(&mut r);
        let body = if p.archetype == Archetype::Shop {
            product_page(p, v, &mut r, a)
        } else {
            let rel: Vec<(String, String)> = (1..=4)
                .filter_map(|k| titles.get((j + k * 7) % titles.len().max(1)).cloned())
                .filter(|x| x.1 != a.url)
                .collect();
            html::article_page(p, v, ctx.outlets, a, &rel)
        };
        emit(p, &a.url, body, t.max(a.published + 600), !a.no_footer, c, w)?;
    }
    Ok(())
}

fn emit(
    p: &SitePlan,
    url: &str,
    html: String,
    t: i64,
    footer: bool,
    c: &mut Counts,
    w: &mut RotatingWarc,
) -> anyhow::Result<()> {
    c.pages += 1;
    c.footer_pages += u64::from(footer);
    w.write(&Page::html(p, url, t, &html))
}

fn home_title(p: &SitePlan) -> String {
    match p.archetype {
        Archetype::Shop => format!("{} – Mua sắm trực tuyến giá tốt", p.name),
        Archetype::Company => format!("{} – Uy tín, chất lượng", p.name),
        Archetype::Blog => format!("{} – Chia sẻ những điều nhỏ bé", p.name),
        _ if p.english => format!("{} – News and guides", p.name),
        _ => format!("{} – Tin tức mới nhất trong ngày", p.name),
    }
}

fn about_text(p: &SitePlan) -> Vec<String> {
    if p.english {
        return vec![format!(
            "{} covers city life, business and travel for readers in Vietnam and abroad.",
            p.name
        )];
    }
    vec![match p.archetype {
        Archetype::Shop => format!(
            "{} chuyên cung cấp sản phẩm chính hãng, giao hàng toàn quốc, đổi trả trong 7 ngày.",
            p.name
        ),
        Archetype::Company => format!(
            "{} hoạt động trong lĩnh vực tư vấn, thiết kế và thi công với hơn 15 năm kinh nghiệm.",
            p.name
        ),
        Archetype::Blog => format!(
            "{} là nơi mình ghi lại những chuyện thường ngày, món ngon và những chuyến đi.",
            p.name
        ),
        _ => format!(
            "{} cập nhật thông tin nhanh chóng, chính xác về thời sự, kinh tế, văn hóa, thể thao.",
            p.name
        ),
    }]
}

fn product_page(p: &SitePlan, v: &Vocab, r: &mut Rng, a: &Article) -> String {
    let product = v.slot(r, "sp");
    let price = r.range(50, 5000) * 1000;
    let paras = vec![
        format!("{product} chính hãng, bảo hành 12 tháng, giao hàng nhanh trong 24 giờ."),
        format!("Giá bán: {price} đ. Miễn phí vận chuyển cho đơn hàng từ 500.000 đ."),
    ];
    let tail = "<button class=\"add-to-cart\">Thêm vào giỏ hàng</button>\n<div class=\"reviews\"><h3>Đánh giá sản phẩm</h3><form id=\"review_form\" method=\"post\"><select name=\"rating\"><option>5</option></select><textarea name=\"review\"></textarea><button>Gửi đánh giá</button></form></div>\n";
    html::plain_page(p, v, &format!("{product} – {}", a.section_label), &paras, tail)
}
