//! Site plans: for each generated site, everything that is fixed per site (name, domain, licence
//! line, masthead, menu, comment widget, sourcing habits, target shares, charset, markup style).
use std::collections::BTreeSet;

use super::archetype::Archetype;
use super::rng::{Rng, mix};
use super::vocab::Vocab;

/// A licensed press outlet of the generated press registry.
#[derive(Debug, Clone)]
pub struct Outlet {
    /// Short name as cited ("Sông Hồng").
    pub short: String,
    /// Official name ("Báo Sông Hồng").
    pub name: String,
    pub slug: String,
    pub domain: String,
    pub licence: String,
    pub issuer: String,
    pub issued: String,
    /// "báo" or "tạp chí".
    pub kind: &'static str,
}

/// The outlets of a corpus: at least 16, one per press site.
pub fn outlets(vocab: &Vocab, seed: u64, count: usize) -> Vec<Outlet> {
    let stems = vocab.names_of("outlet");
    let provs = &vocab.provinces;
    let mut out = Vec::with_capacity(count);
    for j in 0..count {
        let mut r = Rng::from(&[seed, 0x0u64, j as u64]);
        let Some(stem) = stems.get(j % stems.len().max(1)) else {
            break;
        };
        let round = j / stems.len().max(1);
        let (short, slug) = if round == 0 {
            (stem.name.clone(), stem.slug.clone())
        } else {
            let p = &provs[(round - 1) % provs.len()];
            let n = (round - 1) / provs.len();
            let suffix = if n == 0 { String::new() } else { n.to_string() };
            (
                format!("{} {}", stem.name, p.name),
                format!("{}{}{suffix}", stem.slug, p.slug),
            )
        };
        let magazine = j % 5 == 4;
        let (name, domain) = if magazine {
            (format!("Tạp chí {short}"), format!("tapchi{slug}.vn"))
        } else {
            let d = match j % 4 {
                0 => format!("bao{slug}.vn"),
                1 => format!("{slug}.vn"),
                2 => format!("{slug}.com.vn"),
                _ => format!("bao{slug}.com.vn"),
            };
            (format!("Báo {short}"), d)
        };
        let (suffix, issuer) = if r.chance(0.5) {
            ("GP-BTTTT", "Bộ Thông tin và Truyền thông")
        } else {
            ("GP-BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch")
        };
        out.push(Outlet {
            short,
            name,
            slug,
            domain,
            licence: format!("{}/{suffix}", r.range(12, 880)),
            issuer: issuer.to_owned(),
            issued: date_dmy(&mut r, 2016, 2025),
            kind: if magazine { "tạp chí" } else { "báo" },
        });
    }
    out
}

/// A date "d/m/yyyy" between the years given.
pub fn date_dmy(r: &mut Rng, y0: u64, y1: u64) -> String {
    format!("{}/{}/{}", r.range(1, 28), r.range(1, 12), r.range(y0, y1))
}

/// The licence line a site shows in its footer.
#[derive(Debug, Clone, PartialEq)]
pub enum Licence {
    None,
    /// A press licence (own, or copied by a look-alike).
    Press {
        number: String,
        issuer: String,
        date: String,
    },
    Aggregate {
        number: String,
        issuer: String,
        date: String,
    },
    Social {
        number: String,
        issuer: String,
        date: String,
    },
    /// A business registration, not a licence (shops, companies).
    Business {
        number: String,
        issuer: String,
    },
}

/// Which registry file lists the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registry {
    None,
    Press,
    Aggregate,
    Social,
}

impl Registry {
    pub fn as_str(self) -> &'static str {
        match self {
            Registry::None => "none",
            Registry::Press => "press",
            Registry::Aggregate => "aggregate",
            Registry::Social => "social",
        }
    }
}

/// How the header names the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfLabel {
    None,
    Aggregate,
    SocialNetwork,
    /// "Báo điện tử …", "Tạp chí điện tử …", "Cơ quan ngôn luận …" (legitimate for press).
    Press,
}

/// Reader comment widget on article pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comments {
    None,
    Facebook,
    SiteForm,
    Disqus,
}

/// How pages are encoded and declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    /// windows-1258, declared in the HTTP header and a meta tag.
    Win1258,
    /// windows-1258 with no declaration at all.
    Win1258Undeclared,
    /// UTF-8 bytes, but the meta tag says iso-8859-1.
    Utf8WrongMeta,
}

impl Charset {
    pub fn as_str(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Win1258 => "windows-1258",
            Charset::Win1258Undeclared => "windows-1258-undeclared",
            Charset::Utf8WrongMeta => "utf-8-wrong-meta",
        }
    }
}

/// Everything fixed about one generated site.
#[derive(Debug, Clone)]
pub struct SitePlan {
    pub index: usize,
    pub seed: u64,
    pub archetype: Archetype,
    pub name: String,
    pub domain: String,
    pub host: String,
    pub english: bool,
    pub label: SelfLabel,
    pub licence: Licence,
    pub registry: Registry,
    /// Organisation running the site.
    pub owner: String,
    pub responsible: String,
    /// Deputy editor and newsroom secretary (mastheads).
    pub deputy: String,
    pub secretary: String,
    pub newsroom: bool,
    /// Indices into the `news` menu.
    pub sections: Vec<usize>,
    pub hot: bool,
    pub comments: Comments,
    pub attribution: f64,
    /// Indices of outlets this site cites.
    pub cites: Vec<usize>,
    pub self_produced: f64,
    pub neg_share: f64,
    pub sens_share: f64,
    /// Article items per round.
    pub items: usize,
    pub skin: u8,
    pub charset: Charset,
    pub gzip: bool,
    pub noisy: bool,
    pub province: Option<usize>,
    pub lookalike_of: Option<usize>,
    pub press_words: bool,
    pub group: Option<usize>,
    /// The outlet a licensed press site is (index into the corpus's outlets).
    pub outlet: Option<usize>,
    /// The Google Analytics (GA4) measurement id's number: the site's own, or its ecosystem's.
    pub analytics: u64,
    /// Share of the article items that re-post items of the press feed (re-posting archetypes).
    pub repost_share: f64,
    /// Re-posts come minutes after the press item (`true`) or at least an hour later, cited.
    pub repost_fast: bool,
}

const PRESS_SUFFIX: &[&str] = &["news", "online", "times", "daily", "post", "press"];
const NEUTRAL_SUFFIX: &[&str] = &["", "", "365", "plus", "viet", "360", "vn"];
const TLD: &[&str] = &["vn", "com.vn", "net", "com", "net.vn", "info"];

/// Plans site `index` of archetype `a` (`ordinal`: which outlet a press site is). `used` keeps
/// domains unique across the corpus.
pub fn plan(
    vocab: &Vocab,
    outlets: &[Outlet],
    seed: u64,
    (index, ordinal): (usize, usize),
    a: Archetype,
    group: Option<usize>,
    used: &mut BTreeSet<String>,
) -> SitePlan {
    let site_seed = mix(&[seed, 1, index as u64]);
    let mut r = Rng::new(site_seed);
    let provs = &vocab.provinces;
    let n_news = vocab.menu("news").len();
    let pick_name = |r: &mut Rng, kind: &str| {
        let v = vocab.names_of(kind);
        v.get(r.below(v.len() as u64) as usize)
            .map_or((String::from("Trang"), String::from("trang")), |n| {
                (n.name.clone(), n.slug.clone())
            })
    };
    let mut p = SitePlan {
        index,
        seed: site_seed,
        archetype: a,
        name: String::new(),
        domain: String::new(),
        host: String::new(),
        english: false,
        label: SelfLabel::None,
        licence: Licence::None,
        registry: Registry::None,
        owner: format!("Công ty cổ phần Truyền thông {}", vocab.slot(&mut r, "ten")),
        responsible: vocab.person(&mut r),
        deputy: vocab.person(&mut r),
        secretary: vocab.person(&mut r),
        newsroom: false,
        sections: Vec::new(),
        hot: false,
        comments: Comments::None,
        attribution: 0.0,
        cites: Vec::new(),
        self_produced: 0.0,
        neg_share: 0.0,
        sens_share: r.uniform(0.0, 0.08),
        items: r.range(30, 55) as usize,
        skin: r.below(3) as u8,
        charset: Charset::Utf8,
        gzip: r.chance(0.1),
        noisy: r.chance(0.15),
        province: None,
        lookalike_of: None,
        press_words: false,
        group,
        outlet: None,
        analytics: site_seed % 100_000_000,
        repost_share: 0.0,
        repost_fast: false,
    };
    let cites = |r: &mut Rng, lo: u64, hi: u64| {
        let k = r.range(lo, hi) as usize;
        r.sample(outlets.len(), k)
    };
    let sections = |r: &mut Rng, lo: u64, hi: u64| {
        let mut k = r.range(lo, hi) as usize;
        if k == 5 && lo < 5 {
            // Stay clear of the 5-section threshold on sites meant to be under it.
            k = if r.chance(0.5) { 4 } else { 6 };
        }
        let mut s = r.sample(n_news, k);
        s.sort_unstable();
        s
    };
    let agg_licence = |r: &mut Rng| {
        let (code, issuer) = match r.below(3) {
            0 => ("GP-TTĐT", "Cục Phát thanh, truyền hình và thông tin điện tử"),
            1 => ("GP-STTTT", "Sở Thông tin và Truyền thông Hà Nội"),
            _ => ("GP-TTĐT", "Sở Thông tin và Truyền thông TP. Hồ Chí Minh"),
        };
        Licence::Aggregate {
            number: format!("{}/{code}", r.range(10, 990)),
            issuer: issuer.into(),
            date: date_dmy(r, 2015, 2025),
        }
    };
    // Brand (+ qualifier, "Góc Nhìn Sài Gòn"), unique in the corpus while combinations last: two
    // unrelated sites sharing a name would look like look-alikes of each other.
    let (mut brand, mut bslug) = (String::new(), String::new());
    for attempt in 0..40 {
        let (b, bs) = pick_name(&mut r, "brand");
        (brand, bslug) = (b, bs);
        if attempt >= 10 || r.chance(0.6) {
            let (q, qs) = pick_name(&mut r, "qual");
            brand = format!("{brand} {q}");
            bslug = format!("{bslug}{qs}");
        }
        if !used.contains(&format!("name:{brand}")) {
            break;
        }
    }
    used.insert(format!("name:{brand}"));
    let mut domain;
    match a {
        Archetype::LicensedPress => {
            let o = &outlets[ordinal % outlets.len().max(1)];
            p.outlet = Some(ordinal % outlets.len().max(1));
            p.name = o.name.clone();
            domain = o.domain.clone();
            p.label = SelfLabel::Press;
            p.licence = Licence::Press {
                number: o.licence.clone(),
                issuer: o.issuer.clone(),
                date: o.issued.clone(),
            };
            p.registry = Registry::Press;
            p.owner = format!("Hội {} Việt Nam", vocab.slot(&mut r, "ten"));
            p.newsroom = true;
            p.sections = sections(&mut r, 8, 12);
            p.hot = r.chance(0.3);
            p.comments = if r.chance(0.5) {
                Comments::SiteForm
            } else {
                Comments::Facebook
            };
            p.attribution = 0.1;
            p.cites = cites(&mut r, 1, 3);
            p.self_produced = r.uniform(0.5, 0.9);
            p.neg_share = r.uniform(0.08, 0.3);
            p.press_words = domain.starts_with("bao") || domain.starts_with("tapchi");
        }
        Archetype::CompliantAggregate
        | Archetype::NegativeAggregate
        | Archetype::NearLineUnder
        | Archetype::NearLineOver => {
            p.name = brand.clone();
            let suf = *r.pick(NEUTRAL_SUFFIX).unwrap_or(&"");
            domain = format!("{bslug}{suf}.{}", r.pick(TLD).unwrap_or(&"vn"));
            p.label = if r.chance(0.7) {
                SelfLabel::Aggregate
            } else {
                SelfLabel::None
            };
            p.licence = agg_licence(&mut r);
            p.registry = Registry::Aggregate;
            p.attribution = 1.0;
            p.cites = cites(&mut r, 3, 8);
            match a {
                Archetype::CompliantAggregate => {
                    p.sections = sections(&mut r, 3, 7);
                    p.neg_share = r.uniform(0.02, 0.09);
                }
                Archetype::NegativeAggregate => {
                    p.sections = sections(&mut r, 2, 4);
                    p.neg_share = r.uniform(0.35, 0.7);
                    p.sens_share = r.uniform(0.3, 0.6);
                }
                Archetype::NearLineUnder => {
                    p.sections = sections(&mut r, 3, 4);
                    p.neg_share = r.uniform(0.10, 0.14);
                    p.items = r.range(60, 100) as usize;
                }
                _ => {
                    p.sections = sections(&mut r, 3, 4);
                    p.neg_share = r.uniform(0.25, 0.30);
                    p.items = r.range(110, 150) as usize;
                }
            }
        }
        Archetype::FastRepost | Archetype::CompliantReposter => {
            // Plain licensed aggregates whose stock in trade is the press feed.
            p.name = brand.clone();
            let suf = *r.pick(&["24h", "nhanh", "", "moi", "hot"]).unwrap_or(&"");
            domain = format!("{bslug}{suf}.{}", r.pick(TLD).unwrap_or(&"vn"));
            p.label = SelfLabel::Aggregate;
            p.licence = agg_licence(&mut r);
            p.registry = Registry::Aggregate;
            p.attribution = 1.0;
            p.cites = cites(&mut r, 3, 8);
            p.sections = sections(&mut r, 2, 4);
            p.neg_share = r.uniform(0.02, 0.08);
            p.repost_share = r.uniform(0.45, 0.7);
            p.repost_fast = a == Archetype::FastRepost;
        }
        Archetype::MastheadAggregate => {
            let w = *r.pick(PRESS_SUFFIX).unwrap_or(&"news");
            let (name, d) = match r.below(4) {
                0 => (
                    format!("Báo {brand}"),
                    format!("bao{bslug}.{}", r.pick(&TLD[2..]).unwrap_or(&"net")),
                ),
                1 => (format!("Tạp chí {brand}"), format!("tapchi{bslug}.vn")),
                2 => (format!("Tin tức {brand}"), format!("tintuc{bslug}.com")),
                _ => (
                    format!("{brand} {}", capital(w)),
                    format!("{bslug}{w}.{}", r.pick(TLD).unwrap_or(&"vn")),
                ),
            };
            p.name = name;
            domain = d;
            p.press_words = true;
            p.label = if r.chance(0.5) {
                SelfLabel::Press
            } else {
                SelfLabel::Aggregate
            };
            p.licence = agg_licence(&mut r);
            p.registry = Registry::Aggregate;
            p.newsroom = true;
            p.sections = sections(&mut r, 7, 11);
            p.hot = r.chance(0.5);
            p.comments = if r.chance(0.7) {
                Comments::Facebook
            } else {
                Comments::SiteForm
            };
            p.attribution = r.uniform(0.3, 0.6);
            p.cites = cites(&mut r, 1, 4);
            p.self_produced = r.uniform(0.3, 0.6);
            p.neg_share = r.uniform(0.05, 0.35);
            p.sens_share = r.uniform(0.05, 0.3);
        }
        Archetype::LookalikePress => {
            let oi = r.below(outlets.len() as u64) as usize;
            let o = &outlets[oi];
            p.lookalike_of = Some(oi);
            let (name, d) = match r.below(5) {
                0 => (format!("{} Online", o.name), format!("{}online.com", o.slug)),
                1 => (format!("{} 24h", o.name), format!("{}24h.net", o.slug)),
                2 => (o.name.clone(), format!("bao{}.net", o.slug)),
                3 => (format!("{} News", o.short), format!("{}-news.com", o.slug)),
                _ => (
                    o.name.clone(),
                    format!("{}-vn.com", o.domain.split('.').next().unwrap_or(&o.slug)),
                ),
            };
            // Every variant's name carries a press word (Báo, Tạp chí, Online, 24h, News).
            p.press_words = true;
            p.name = name;
            domain = d;
            p.label = SelfLabel::Press;
            p.licence = Licence::Press {
                number: o.licence.clone(),
                issuer: o.issuer.clone(),
                date: o.issued.clone(),
            };
            p.newsroom = true;
            p.sections = sections(&mut r, 7, 11);
            p.comments = if r.chance(0.5) {
                Comments::Facebook
            } else {
                Comments::None
            };
            p.attribution = r.uniform(0.0, 0.2);
            p.cites = cites(&mut r, 1, 2);
            p.self_produced = r.uniform(0.3, 0.6);
            p.neg_share = r.uniform(0.1, 0.5);
            p.sens_share = r.uniform(0.1, 0.4);
        }
        Archetype::SocialNewspaper => {
            let (name, slug) = pick_name(&mut r, "sn");
            p.name = name;
            domain = format!("{slug}.{}", r.pick(&["vn", "net.vn", "com.vn", "net"]).unwrap_or(&"vn"));
            p.label = SelfLabel::SocialNetwork;
            p.licence = Licence::Social {
                number: format!("{}/GP-BTTTT", r.range(10, 700)),
                issuer: "Bộ Thông tin và Truyền thông".into(),
                date: date_dmy(&mut r, 2016, 2024),
            };
            p.registry = Registry::Social;
            p.newsroom = r.chance(0.4);
            p.sections = sections(&mut r, 7, 11);
            p.hot = true;
            p.comments = Comments::SiteForm;
            p.attribution = r.uniform(0.1, 0.3);
            p.cites = cites(&mut r, 1, 3);
            p.self_produced = r.uniform(0.4, 0.7);
            p.neg_share = r.uniform(0.05, 0.25);
        }
        Archetype::Ecosystem => {
            p.name = brand.clone();
            let suf = *r.pick(&["247", "club", "vn", "", "hay"]).unwrap_or(&"");
            domain = format!(
                "{bslug}{suf}.{}",
                r.pick(&["com", "net", "info", "club"]).unwrap_or(&"com")
            );
            p.sections = sections(&mut r, 5, 9);
            p.hot = true;
            p.comments = Comments::Facebook;
            p.attribution = r.uniform(0.0, 0.15);
            p.cites = cites(&mut r, 1, 2);
            p.neg_share = r.uniform(0.5, 0.85);
            p.sens_share = r.uniform(0.3, 0.6);
        }
        Archetype::LocalityNegative => {
            let pi = r.below(provs.len() as u64) as usize;
            let pv = &provs[pi];
            p.province = Some(pi);
            let (name, d) = match r.below(4) {
                0 => (format!("Người {}", pv.name), format!("nguoi{}.net", pv.slug)),
                1 => (format!("{} Plus", pv.name), format!("{}plus.com", pv.slug)),
                2 => (format!("Đời sống {}", pv.name), format!("doisong{}.com", pv.slug)),
                _ => (format!("{} Quê Tôi", pv.name), format!("{}quetoi.vn", pv.slug)),
            };
            p.name = name;
            domain = d;
            p.sections = sections(&mut r, 4, 8);
            p.comments = if r.chance(0.5) {
                Comments::Facebook
            } else {
                Comments::None
            };
            p.attribution = r.uniform(0.0, 0.3);
            p.cites = cites(&mut r, 1, 2);
            p.neg_share = r.uniform(0.4, 0.7);
            p.sens_share = r.uniform(0.2, 0.5);
        }
        Archetype::EnglishNews => {
            let (name, slug) = pick_name(&mut r, "en");
            p.name = name;
            domain = format!("{slug}.com");
            p.english = true;
            p.licence = agg_licence(&mut r);
            p.registry = Registry::Aggregate;
            p.attribution = 1.0;
            p.cites = cites(&mut r, 3, 5);
            p.neg_share = r.uniform(0.0, 0.1);
            p.sens_share = 0.0;
        }
        Archetype::Blog | Archetype::Shop | Archetype::Company => {
            let kind = match a {
                Archetype::Blog => "blog",
                Archetype::Shop => "shop",
                _ => "company",
            };
            let (name, slug) = pick_name(&mut r, kind);
            p.name = name;
            domain = format!("{slug}.{}", r.pick(&["vn", "com", "com.vn", "net"]).unwrap_or(&"vn"));
            p.sens_share = 0.0;
            match a {
                Archetype::Blog => {
                    p.comments = Comments::SiteForm;
                    p.items = r.range(8, 15) as usize;
                }
                Archetype::Shop => {
                    p.licence = Licence::Business {
                        number: format!("0{}", r.range(100_000_000, 999_999_999)),
                        issuer: "Sở Kế hoạch và Đầu tư TP. Hồ Chí Minh".into(),
                    };
                    p.items = r.range(10, 20) as usize;
                }
                _ => {
                    p.licence = Licence::Business {
                        number: format!("0{}", r.range(100_000_000, 999_999_999)),
                        issuer: "Sở Kế hoạch và Đầu tư Hà Nội".into(),
                    };
                    p.items = r.range(3, 6) as usize;
                }
            }
        }
    }
    if !p.english {
        // By position (archetypes are shuffled over positions): every corpus of 20+ sites has each variant.
        p.charset = match index % 20 {
            0 => Charset::Win1258,
            7 => Charset::Win1258Undeclared,
            13 => Charset::Utf8WrongMeta,
            _ => Charset::Utf8,
        };
    }
    if p.noisy {
        p.skin = 2;
    }
    // Unique domains: a clash gets a number before the first dot.
    let mut k = 2;
    let base = domain.clone();
    while used.contains(&domain) {
        domain = match base.split_once('.') {
            Some((h, t)) => format!("{h}{k}.{t}"),
            None => format!("{base}{k}"),
        };
        k += 1;
    }
    used.insert(domain.clone());
    p.host = if r.chance(0.6) {
        format!("www.{domain}")
    } else {
        domain.clone()
    };
    p.domain = domain;
    p
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
