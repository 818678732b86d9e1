//! The same story across sites: clusters of copied items, who copied whom and when, and groups of
//! sites that publish the same stories together (the input of `sourcing.fast_repost` and
//! `activity.coordinated`).
pub mod join;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use join::{Clusters, ItemMeta, Joiner};

use crate::site::Evidence;

/// Settings of the story criteria (`models/criteria.toml` `[stories]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorySettings {
    /// Decree 147: an aggregate re-publishes a press item at least this long after it.
    pub min_lag_minutes: i64,
    /// Copies of one story this close in time count as published together.
    pub window_hours: i64,
    /// A group has at least this many sites.
    pub min_group_sites: usize,
    /// Two sites are linked when they publish this many stories together.
    pub min_shared_stories: u64,
    /// Copies of one story considered per cluster for the group links (a viral story stays cheap).
    pub max_sites_per_story: usize,
    /// Two sites sharing an operator fingerprint (analytics id, verification token, owner block)
    /// are linked from this many stories published together.
    pub operator_min_shared_stories: u64,
    /// A fingerprint shown by more sites than this is a platform's or a vendor's, not an operator's.
    pub max_sites_per_fingerprint: usize,
}

/// Operator fingerprints of the sites with story items: fingerprint (`kind:value`) → the sites
/// showing it (at most `max_sites_per_fingerprint` + 1 kept: one more marks a platform).
#[derive(Debug, Default)]
pub struct Operators {
    by_key: BTreeMap<String, BTreeSet<String>>,
    cap: usize,
}

impl Operators {
    pub fn new(s: &StorySettings) -> Self {
        Operators {
            by_key: BTreeMap::new(),
            cap: s.max_sites_per_fingerprint,
        }
    }

    /// Adds a site's fingerprints (kind → values, as its aggregate keeps them).
    pub fn add_site(&mut self, site: &str, fps: &BTreeMap<String, crate::site::sample::Sample<String>>) {
        for (kind, values) in fps {
            for v in values.iter() {
                let sites = self.by_key.entry(format!("{kind}:{v}")).or_default();
                if sites.len() <= self.cap {
                    sites.insert(site.to_owned());
                }
            }
        }
    }

    /// Per site, the fingerprints it shares with 1..=cap-1 other sites.
    fn shared_by_site(&self) -> BTreeMap<&str, Vec<&str>> {
        let mut out: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (k, sites) in &self.by_key {
            if sites.len() >= 2 && sites.len() <= self.cap {
                for s in sites {
                    out.entry(s.as_str()).or_default().push(k.as_str());
                }
            }
        }
        out
    }
}

/// A fingerprint two or more members of a group share: "same operator" evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperatorLink {
    /// `kind:value`, e.g. `ga:UA-3070916`, `adsense:ca-pub-…`, `tax-code:0314553284`.
    pub fingerprint: String,
    pub sites: Vec<String>,
}

/// One copy of a story, placed in time relative to the cluster's origin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Copy {
    pub site: String,
    pub url: String,
    /// RFC 3339 (UTC) time, empty when unknown.
    pub time: String,
    /// `published` (stated by the page) or `crawl` (only the crawl time is known: an upper bound).
    pub time_source: String,
    /// Minutes after the origin (0 for the origin; absent when a time is unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag_minutes: Option<i64>,
    /// The copy cites the origin's site (by outlet or link).
    pub cites_origin: bool,
    pub negative: bool,
    pub licensed_press: bool,
}

/// A `stories.jsonl` row: one story found on two sites or more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRow {
    pub story: String,
    /// The earliest copy (licensed press first when tied).
    pub origin: Copy,
    /// Every other copy, by time.
    pub copies: Vec<Copy>,
    pub sites: usize,
    /// A time of the origin or of a copy is a crawl time only: lags are less certain.
    pub low_confidence: bool,
    pub targets: Vec<String>,
}

/// A `groups.jsonl` row: sites that repeatedly publish the same stories within the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub group: String,
    pub sites: Vec<String>,
    /// Pairs of member sites and the stories they published together.
    pub links: Vec<(String, String, u64)>,
    /// Stories published by two members or more within the window.
    pub shared_stories: Vec<SharedStory>,
    /// Share of the shared stories that are negative (most copies in the group negative).
    pub negative_share: f64,
    /// Organisations and people the shared stories name most often, with counts.
    pub targets: Vec<(String, u64)>,
    /// Fingerprints shared by members: the same operator behind them.
    #[serde(default)]
    pub operators: Vec<OperatorLink>,
    /// Links that hold only because the two sites share an operator fingerprint (fewer than
    /// `min_shared_stories` stories together).
    #[serde(default)]
    pub operator_links: u64,
}

/// A story as a group published it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedStory {
    pub story: String,
    pub negative: bool,
    /// The group's copies, by time (the first is marked `lag_minutes` 0 relative to the group).
    pub copies: Vec<Copy>,
}

/// What the judge reads about one site.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteStories {
    /// Items of the site that copy a licensed press item found in the crawl.
    pub press_reposts: u64,
    /// … of which less than `min_lag_minutes` after it.
    pub fast: u64,
    /// … of which without citing it.
    pub uncited: u64,
    /// … fast or uncited (each item once).
    pub non_compliant: u64,
    /// … of the non-compliant ones, resting on a crawl time (lower confidence).
    pub crawl_timed: u64,
    /// Examples of non-compliant re-posts (smallest URLs first).
    pub repost_examples: Vec<Evidence>,
    pub group: Option<GroupSummary>,
}

/// The group of a site, as its finding states it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupSummary {
    pub group: String,
    pub sites: Vec<String>,
    /// Shared stories this site took part in, and in the whole group.
    pub site_shared: u64,
    pub shared: u64,
    pub negative_share: f64,
    pub targets: Vec<(String, u64)>,
    /// Fingerprints this site shares with other members.
    #[serde(default)]
    pub operators: Vec<OperatorLink>,
    pub examples: Vec<Evidence>,
}

/// The whole story pass: rows for the outputs, facts per site, figures for `run.json`.
#[derive(Debug, Default)]
pub struct Stories {
    pub stories: Vec<StoryRow>,
    pub groups: Vec<GroupRow>,
    pub by_site: BTreeMap<String, SiteStories>,
    pub counts: StoryCounts,
}

/// Figures of the story pass (`run.json` `stories`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryCounts {
    pub items: u64,
    pub candidate_pairs: u64,
    pub verified_pairs: u64,
    pub band_runs: u64,
    pub clusters: u64,
    pub clustered_items: u64,
    pub press_reposts: u64,
    pub non_compliant_reposts: u64,
    pub groups: u64,
    pub grouped_sites: u64,
    /// Items whose signature did not match the model (made with other settings) and were left out.
    pub mismatched: u64,
    /// Group links that hold because the two sites share an operator fingerprint.
    #[serde(default)]
    pub operator_links: u64,
}

/// Examples kept per site and finding.
const EXAMPLES: usize = 5;

pub use crate::civil::rfc3339;

fn copy_of(m: &ItemMeta, origin: Option<&ItemMeta>) -> Copy {
    let lag = match (origin, m.time, origin.and_then(|o| o.time)) {
        (Some(_), Some(t), Some(o)) => Some((t - o).div_euclid(60)),
        (None, Some(_), _) => Some(0),
        _ => None,
    };
    let cites_origin = origin.is_some_and(|o| m.cites.contains(&o.site));
    Copy {
        site: m.site.clone(),
        url: m.url.clone(),
        time: m.time.map(rfc3339).unwrap_or_default(),
        time_source: if m.time.is_none() {
            String::new()
        } else if m.crawl_time {
            "crawl".into()
        } else {
            "published".into()
        },
        lag_minutes: lag,
        cites_origin,
        negative: m.negative,
        licensed_press: m.press,
    }
}

/// Whether `p` is a licensed press copy on another site than `m`'s, published no later than `m`
/// (a copy cannot re-post what did not exist yet): a press copy `m` may have taken after.
fn may_source(p: &ItemMeta, m: &ItemMeta) -> bool {
    p.press
        && p.site != m.site
        && match (p.time, m.time) {
            (Some(pt), Some(mt)) => pt <= mt,
            _ => true,
        }
}

/// The licensed press copy `m` re-posts, among the copies `before` it in its cluster (in time
/// order): the latest one it cites (a wire story may be re-posted from any outlet that carried
/// it), else the earliest; `None` when no press copy precedes it.
fn press_source<'a>(before: &'a [ItemMeta], m: &ItemMeta) -> Option<&'a ItemMeta> {
    let mut possible = before.iter().filter(|p| may_source(p, m));
    let cited = possible
        .clone()
        .filter(|p| m.cites.contains(&p.site))
        .max_by(|a, b| by_time(a, b));
    cited.or_else(|| possible.next())
}

/// Order of copies in a cluster: by time (unknown last), licensed press first on ties, then site, URL.
fn by_time(a: &ItemMeta, b: &ItemMeta) -> std::cmp::Ordering {
    let ta = a.time.unwrap_or(i64::MAX);
    let tb = b.time.unwrap_or(i64::MAX);
    ta.cmp(&tb)
        .then(b.press.cmp(&a.press))
        .then(a.site.cmp(&b.site))
        .then(a.url.cmp(&b.url))
}

/// Turns the join's clusters into story rows, per-site re-post facts and groups.
pub fn analyse(mut c: Clusters, s: &StorySettings, operators: &Operators) -> Stories {
    let mut out = Stories {
        counts: StoryCounts {
            items: c.items,
            candidate_pairs: c.candidate_pairs,
            verified_pairs: c.verified_pairs,
            band_runs: c.band_runs,
            ..StoryCounts::default()
        },
        ..Stories::default()
    };
    for cl in &mut c.clusters {
        cl.sort_by(by_time);
    }
    // Stories in order of their origin.
    c.clusters.sort_by(|a, b| match (a.first(), b.first()) {
        (Some(x), Some(y)) => by_time(x, y),
        _ => a.len().cmp(&b.len()),
    });
    let min_lag = s.min_lag_minutes * 60;
    let window = s.window_hours * 3600;
    // Site pairs → stories published together (by story index).
    let mut links: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    let mut examples: BTreeMap<String, BTreeSet<Evidence>> = BTreeMap::new();
    for (ci, cl) in c.clusters.iter().enumerate() {
        let Some(origin) = cl.first() else { continue };
        let id = format!("S{:06}", ci + 1);
        out.counts.clusters += 1;
        out.counts.clustered_items += cl.len() as u64;
        let mut low = origin.crawl_time;
        let mut copies = Vec::with_capacity(cl.len().saturating_sub(1));
        // The press copy each non-press copy re-posts, when a licensed press copy precedes it
        // (a chain of similar stories may start with another site's item: the cluster's origin
        // is not always the press item a copy took after).
        let sources: Vec<Option<&ItemMeta>> = cl
            .iter()
            .enumerate()
            .map(|(k, m)| if m.press { None } else { press_source(&cl[..k], m) })
            .collect();
        for (k, m) in cl.iter().enumerate().skip(1) {
            low |= m.crawl_time;
            copies.push(copy_of(m, Some(origin)));
            // A copy of a licensed press item (Decree 147: ≥ 1 h later, citing it), judged against
            // the press copy it cites: a wire story re-published by several outlets may be
            // re-posted from any of them.
            let Some(&Some(origin)) = sources.get(k) else {
                continue;
            };
            let f = out.by_site.entry(m.site.clone()).or_default();
            f.press_reposts += 1;
            out.counts.press_reposts += 1;
            let lag = match (m.time, origin.time) {
                (Some(t), Some(o)) => Some(t - o),
                _ => None,
            };
            let fast = lag.is_some_and(|l| l < min_lag);
            let cites = m.cites.contains(&origin.site);
            f.fast += u64::from(fast);
            f.uncited += u64::from(!cites);
            if fast || !cites {
                f.non_compliant += 1;
                f.crawl_timed += u64::from(m.crawl_time || origin.crawl_time);
                out.counts.non_compliant_reposts += 1;
                let how = match (fast, cites, lag) {
                    (true, true, Some(l)) => {
                        format!("sau {} phút (dẫn nguồn) — {} min after, citing it", l / 60, l / 60)
                    }
                    (true, false, Some(l)) => format!(
                        "sau {} phút, không dẫn nguồn — {} min after, not citing it",
                        l / 60,
                        l / 60
                    ),
                    (_, _, Some(l)) => format!(
                        "sau {} phút, không dẫn nguồn — {} min after, not citing it",
                        l / 60,
                        l / 60
                    ),
                    (_, _, None) => "không dẫn nguồn — not citing it".to_string(),
                };
                examples.entry(m.site.clone()).or_default().insert(Evidence {
                    url: m.url.clone(),
                    text: format!("đăng lại {} của {} {how}", origin.url, origin.site),
                });
            }
        }
        // Coordination: copies by sites that are not licensed press and that no press copy
        // precedes (copies of press items are re-posts, judged above), leaving out compliant
        // re-posts (citing the origin at least `min_lag_minutes` later).
        let mut firsts: Vec<&ItemMeta> = Vec::new();
        for (k, m) in cl.iter().enumerate() {
            let reposts_press = sources.get(k).is_some_and(Option::is_some);
            if m.press || reposts_press || firsts.iter().any(|f| f.site == m.site) {
                continue;
            }
            if k > 0 {
                let cites = m.cites.contains(&origin.site);
                let late = matches!((m.time, origin.time), (Some(t), Some(o)) if t - o >= min_lag);
                if cites && late {
                    continue;
                }
            }
            firsts.push(m);
            if firsts.len() >= s.max_sites_per_story {
                break;
            }
        }
        for (i, a) in firsts.iter().enumerate() {
            for b in &firsts[i + 1..] {
                let close = matches!((a.time, b.time), (Some(x), Some(y)) if (x - y).abs() <= window);
                if close {
                    let key = if a.site < b.site {
                        (a.site.clone(), b.site.clone())
                    } else {
                        (b.site.clone(), a.site.clone())
                    };
                    links.entry(key).or_default().push(ci);
                }
            }
        }
        let mut targets: Vec<String> = Vec::new();
        for m in cl {
            for t in &m.targets {
                if !targets.contains(t) {
                    targets.push(t.clone());
                }
            }
        }
        targets.truncate(5);
        let sites: BTreeSet<&str> = cl.iter().map(|m| m.site.as_str()).collect();
        out.stories.push(StoryRow {
            story: id,
            origin: copy_of(origin, None),
            copies,
            sites: sites.len(),
            low_confidence: low,
            targets,
        });
    }
    for (site, ex) in examples {
        if let Some(f) = out.by_site.get_mut(&site) {
            f.repost_examples = ex.into_iter().take(EXAMPLES).collect();
        }
    }
    groups(&mut out, &c.clusters, links, s, window, operators);
    out
}

/// Sites linked by at least `min_shared_stories` stories, in components of `min_group_sites`.
fn groups(
    out: &mut Stories,
    clusters: &[Vec<ItemMeta>],
    links: BTreeMap<(String, String), Vec<usize>>,
    s: &StorySettings,
    window: i64,
    operators: &Operators,
) {
    let fps = operators.shared_by_site();
    let none: Vec<&str> = Vec::new();
    let shared_fp = |a: &str, b: &str| -> bool {
        let (fa, fb) = (fps.get(a).unwrap_or(&none), fps.get(b).unwrap_or(&none));
        fa.iter().any(|k| fb.contains(k))
    };
    // A link: enough stories together, or fewer from one operator (a shared fingerprint).
    let strong: Vec<(&(String, String), &Vec<usize>)> = links
        .iter()
        .filter(|((a, b), v)| {
            let n = v.len() as u64;
            n >= s.min_shared_stories || (n >= s.operator_min_shared_stories && shared_fp(a, b))
        })
        .collect();
    let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
    fn find<'a>(p: &mut BTreeMap<&'a str, &'a str>, x: &'a str) -> &'a str {
        let mut x = x;
        while let Some(&q) = p.get(x) {
            if q == x {
                break;
            }
            x = q;
        }
        x
    }
    for ((a, b), _) in &strong {
        parent.entry(a.as_str()).or_insert(a.as_str());
        parent.entry(b.as_str()).or_insert(b.as_str());
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent.insert(hi, lo);
        }
    }
    let mut comps: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let keys: Vec<&str> = parent.keys().copied().collect();
    for k in keys {
        let r = find(&mut parent, k);
        comps.entry(r).or_default().insert(k);
    }
    let mut n = 0;
    for members in comps.values().filter(|m| m.len() >= s.min_group_sites) {
        n += 1;
        let gid = format!("G{n:04}");
        let glinks: Vec<(String, String, u64)> = strong
            .iter()
            .filter(|((a, b), _)| members.contains(a.as_str()) && members.contains(b.as_str()))
            .map(|((a, b), v)| (a.clone(), b.clone(), v.len() as u64))
            .collect();
        let operator_links = glinks.iter().filter(|l| l.2 < s.min_shared_stories).count() as u64;
        // Fingerprints two members or more share.
        let mut op_sites: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for m in members {
            for k in fps.get(m).unwrap_or(&none) {
                op_sites.entry(k).or_default().push((*m).to_owned());
            }
        }
        let ops: Vec<OperatorLink> = op_sites
            .into_iter()
            .filter(|(_, v)| v.len() >= 2)
            .map(|(k, sites)| OperatorLink {
                fingerprint: k.to_owned(),
                sites,
            })
            .collect();
        let mut story_ids: BTreeSet<usize> = BTreeSet::new();
        for ((a, b), v) in &links {
            if members.contains(a.as_str()) && members.contains(b.as_str()) {
                story_ids.extend(v.iter().copied());
            }
        }
        let mut shared = Vec::new();
        let mut negative = 0u64;
        let mut target_counts: BTreeMap<String, u64> = BTreeMap::new();
        let mut per_site: BTreeMap<&str, (u64, BTreeSet<Evidence>)> = BTreeMap::new();
        for &ci in &story_ids {
            let Some(cl) = clusters.get(ci) else { continue };
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            let copies: Vec<&ItemMeta> = cl
                .iter()
                .filter(|m| members.contains(m.site.as_str()) && seen.insert(m.site.as_str()))
                .collect();
            let Some(first) = copies.first() else { continue };
            let copies: Vec<&ItemMeta> = copies
                .iter()
                .copied()
                .filter(|m| matches!((m.time, first.time), (Some(x), Some(y)) if x - y <= window))
                .collect();
            let neg = copies.iter().filter(|m| m.negative).count() * 2 >= copies.len();
            negative += u64::from(neg);
            let mut names: BTreeSet<&str> = BTreeSet::new();
            for m in &copies {
                names.extend(m.targets.iter().map(String::as_str));
            }
            for t in names {
                *target_counts.entry(t.to_owned()).or_default() += 1;
            }
            let sid = format!("S{:06}", ci + 1);
            for m in &copies {
                let e = per_site.entry(m.site.as_str()).or_default();
                e.0 += 1;
                e.1.insert(Evidence {
                    url: m.url.clone(),
                    text: format!(
                        "{sid}: {} trang cùng đăng trong {} giờ — {} sites within {} h ({})",
                        copies.len(),
                        s.window_hours,
                        copies.len(),
                        s.window_hours,
                        m.time.map(rfc3339).unwrap_or_default()
                    ),
                });
            }
            shared.push(SharedStory {
                story: sid,
                negative: neg,
                copies: copies.iter().map(|m| copy_of(m, Some(first))).collect(),
            });
        }
        let mut targets: Vec<(String, u64)> = target_counts.into_iter().collect();
        targets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        targets.truncate(5);
        let negative_share = if shared.is_empty() {
            0.0
        } else {
            negative as f64 / shared.len() as f64
        };
        let sites: Vec<String> = members.iter().map(|m| (*m).to_owned()).collect();
        for site in &sites {
            let (site_shared, ex) = per_site.remove(site.as_str()).unwrap_or_default();
            let mine: Vec<OperatorLink> = ops.iter().filter(|o| o.sites.contains(site)).cloned().collect();
            // The same-operator evidence first, then the stories.
            let mut examples: Vec<Evidence> = Vec::new();
            if !mine.is_empty() {
                let list: Vec<String> = mine
                    .iter()
                    .map(|o| {
                        let others: Vec<&str> = o.sites.iter().map(String::as_str).filter(|s| s != site).collect();
                        format!("{} ({})", o.fingerprint, others.join(", "))
                    })
                    .collect();
                let list = list.join("; ");
                examples.push(Evidence {
                    url: site.clone(),
                    text: crate::page::cap_chars(
                        &format!("cùng dấu vết chủ vận hành: {list} — same operator fingerprints: {list}"),
                        crate::site::EVIDENCE_CHARS,
                    ),
                });
            }
            examples.extend(ex.into_iter().take(EXAMPLES - examples.len()));
            out.by_site.entry(site.clone()).or_default().group = Some(GroupSummary {
                group: gid.clone(),
                sites: sites.clone(),
                site_shared,
                shared: shared.len() as u64,
                negative_share,
                targets: targets.clone(),
                operators: mine,
                examples,
            });
        }
        out.counts.groups += 1;
        out.counts.operator_links += operator_links;
        out.counts.grouped_sites += sites.len() as u64;
        out.groups.push(GroupRow {
            group: gid,
            sites,
            links: glinks,
            shared_stories: shared,
            negative_share,
            targets,
            operators: ops,
            operator_links,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> StorySettings {
        StorySettings {
            min_lag_minutes: 60,
            window_hours: 24,
            min_group_sites: 3,
            min_shared_stories: 3,
            max_sites_per_story: 50,
            operator_min_shared_stories: 1,
            max_sites_per_fingerprint: 3,
        }
    }

    fn item(site: &str, story: usize, t: i64) -> ItemMeta {
        ItemMeta {
            site: site.into(),
            url: format!("https://{site}/tin-{story}"),
            time: Some(1_700_000_000 + story as i64 * 86_400 + t),
            crawl_time: false,
            cites: Vec::new(),
            negative: true,
            targets: vec!["Công ty X".into()],
            press: false,
        }
    }

    /// Two stories posted by a.vn, b.vn and c.vn within minutes: too few for a group, unless
    /// the three show one operator's analytics id (and not when the id is on too many sites).
    fn clusters() -> Clusters {
        Clusters {
            clusters: (0..2)
                .map(|k| vec![item("a.vn", k, 0), item("b.vn", k, 120), item("c.vn", k, 300)])
                .collect(),
            ..Clusters::default()
        }
    }

    fn operators(sites: &[&str]) -> Operators {
        let mut o = Operators::new(&settings());
        for site in sites {
            let mut fp = BTreeMap::new();
            let mut v = crate::site::sample::Sample::with_k(4);
            v.insert("UA-1234567".to_owned());
            fp.insert("ga".to_owned(), v);
            o.add_site(site, &fp);
        }
        o
    }

    #[test]
    fn a_shared_fingerprint_strengthens_a_group() {
        let s = settings();
        let none = analyse(clusters(), &s, &Operators::new(&s));
        assert!(none.groups.is_empty());
        let found = analyse(clusters(), &s, &operators(&["a.vn", "b.vn", "c.vn"]));
        assert_eq!(found.groups.len(), 1);
        let g = &found.groups[0];
        assert_eq!(g.sites, ["a.vn", "b.vn", "c.vn"]);
        assert_eq!(g.operator_links, 3);
        assert_eq!(g.operators.len(), 1);
        assert_eq!(g.operators[0].fingerprint, "ga:UA-1234567");
        let a = found.by_site["a.vn"].group.as_ref().map(|g| g.examples[0].text.clone());
        assert!(a.is_some_and(|t| t.contains("ga:UA-1234567 (b.vn, c.vn)")));
        // On more sites than max_sites_per_fingerprint: a platform's id, no link.
        let platform = analyse(clusters(), &s, &operators(&["a.vn", "b.vn", "c.vn", "d.vn"]));
        assert!(platform.groups.is_empty());
    }

    /// A wire story: press outlet p1.vn first, p2.vn re-publishes it 10 minutes later; an
    /// aggregate citing p2.vn 2 h after p2.vn is compliant, one citing p2.vn 30 minutes after it is
    /// fast, and one citing no outlet is judged against the origin.
    #[test]
    fn a_repost_is_judged_against_the_press_copy_it_cites() {
        let s = settings();
        let press = |site: &str, t: i64| ItemMeta {
            press: true,
            ..item(site, 0, t)
        };
        let citing = |site: &str, t: i64, cites: &[&str]| ItemMeta {
            cites: cites.iter().map(|c| (*c).to_owned()).collect(),
            ..item(site, 0, t)
        };
        let c = Clusters {
            clusters: vec![vec![
                press("p1.vn", 0),
                press("p2.vn", 600),
                citing("ok.vn", 600 + 7_200, &["p2.vn"]),
                citing("fast.vn", 600 + 1_800, &["p2.vn"]),
                citing("bare.vn", 9_000, &[]),
            ]],
            ..Clusters::default()
        };
        let st = analyse(c, &s, &Operators::new(&s));
        assert_eq!(st.by_site["ok.vn"].non_compliant, 0, "{:?}", st.by_site["ok.vn"]);
        assert_eq!(st.by_site["fast.vn"].fast, 1);
        assert_eq!(st.by_site["fast.vn"].uncited, 0);
        let ex = &st.by_site["fast.vn"].repost_examples[0].text;
        assert!(ex.contains("p2.vn") && ex.contains("30 min"), "{ex}");
        assert_eq!(st.by_site["bare.vn"].uncited, 1);
        assert!(st.by_site["bare.vn"].repost_examples[0].text.contains("p1.vn"));
        assert_eq!(st.counts.press_reposts, 3);
    }

    /// A cluster may chain an unrelated earlier item of another site before the press item: the
    /// copies after the press item are still its re-posts, and they make no group.
    #[test]
    fn copies_after_a_press_item_are_reposts_even_when_the_chain_starts_elsewhere() {
        let s = settings();
        let c = Clusters {
            clusters: (0..3)
                .map(|k| {
                    vec![
                        item("early.vn", k, -86_400),
                        ItemMeta {
                            press: true,
                            ..item("p.vn", k, 0)
                        },
                        item("x.vn", k, 300),
                        item("y.vn", k, 600),
                        item("z.vn", k, 900),
                    ]
                })
                .collect(),
            ..Clusters::default()
        };
        let st = analyse(c, &s, &Operators::new(&s));
        assert!(st.groups.is_empty(), "{:?}", st.groups);
        for site in ["x.vn", "y.vn", "z.vn"] {
            let f = &st.by_site[site];
            assert_eq!((f.press_reposts, f.fast, f.uncited), (3, 3, 3), "{site}: {f:?}");
        }
        assert!(!st.by_site.contains_key("early.vn"));
    }

    #[test]
    fn rfc3339_of_epoch_seconds() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_710_214_200), "2024-03-12T03:30:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
