//! Per-site aggregates folded from page features; `merge` is associative and commutative.
pub mod key;
pub mod runs;
pub mod sample;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::page::story::StoryItem;
use crate::page::{LicenceKind, PageFeatures};
pub use key::{UNKNOWN_SITE, site_key, site_key_in};
use sample::Sample;

/// One piece of evidence: a page and the text on it that a criterion rests on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub url: String,
    pub text: String,
}

/// Distinct cited outlets kept per site (enough to tell "fewer than 3" and to show them).
pub const OUTLETS_K: usize = 32;
/// Operator fingerprints kept per site and kind.
pub const FINGERPRINTS_K: usize = 4;
/// Longest evidence text kept (characters).
pub const EVIDENCE_CHARS: usize = 240;

/// Everything the criteria need to know about one site (registrable domain). Counts are exact
/// sums; examples are bounded samples (the k smallest by URL then text), so any split of the
/// input merges to the same aggregate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteAggregate {
    pub site: String,
    /// HTML pages read.
    pub pages: u64,
    /// Bytes of HTML parsed.
    pub html_bytes: u64,
    /// Characters of visible text.
    pub text_chars: u64,
    /// Pages cut at the parse cap.
    pub truncated_pages: u64,
    /// Pages per detected language code.
    pub langs: BTreeMap<String, u64>,
    /// Article-like items (the denominator of the item shares).
    pub articles: u64,
    /// Pages showing a licence line, per licence kind claimed.
    pub licence_pages: BTreeMap<LicenceKind, u64>,
    /// Licence lines seen: (kind, number, issuer) as written.
    pub licences: Sample<(LicenceKind, String, String)>,
    /// Pages giving the site a self-label, per label kind (aggregate, social_network, press, magazine, forum, portal).
    pub self_label_pages: BTreeMap<String, u64>,
    /// Pages showing newsroom titles, and pages per title.
    pub newsroom_pages: u64,
    pub newsroom_titles: BTreeMap<String, u64>,
    /// Pages whose main menu shows newspaper sections, and pages per canonical section.
    pub menu_pages: u64,
    pub sections: BTreeMap<String, u64>,
    /// Article items with a reader-comment widget, and items per widget kind.
    pub comment_articles: u64,
    pub comment_kinds: BTreeMap<String, u64>,
    /// Article items citing another outlet or linking to the original.
    pub attributed_articles: u64,
    /// Article items that only say "Tổng hợp" (compiled) as their source.
    pub compiled_articles: u64,
    /// Outlets cited (registry domain when known, else the name folded), up to [`OUTLETS_K`].
    pub cited_outlets: Sample<String>,
    /// Article items showing own reporting (staff byline, genre label, reporter-was-there phrase).
    pub self_produced_articles: u64,
    /// Article items scored negative / sensational, and negative items per category.
    pub negative: u64,
    pub sensational: u64,
    pub negative_categories: BTreeMap<String, u64>,
    /// Negative items naming a province, per province (folded name).
    pub negative_places: BTreeMap<String, u64>,
    /// Site names seen (og:site_name, masthead…).
    pub site_names: Sample<String>,
    /// Evidence examples per criterion code.
    pub evidence: BTreeMap<String, Sample<Evidence>>,
    /// Operator fingerprints seen on the site's pages, per kind (`ga`, `gtm`, `tax-code`…): the
    /// [`FINGERPRINTS_K`] smallest values of each kind.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fingerprints: BTreeMap<String, Sample<String>>,
    /// Story records of the site's article items, for the story join (every item, in order; the
    /// join takes them out before judging, so `sites.jsonl` never carries them).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub stories: BTreeSet<StoryItem>,
}

impl SiteAggregate {
    pub fn new(site: &str) -> Self {
        SiteAggregate {
            site: site.to_owned(),
            cited_outlets: Sample::with_k(OUTLETS_K),
            ..Default::default()
        }
    }

    /// Article-like items (the denominator of shares).
    pub fn items(&self) -> u64 {
        self.articles
    }

    fn note(&mut self, criterion: &str, url: &str, text: &str) {
        let text = crate::page::cap_chars(&crate::text::normalize::squash_ws(text), EVIDENCE_CHARS);
        self.evidence.entry(criterion.to_owned()).or_default().insert(Evidence {
            url: url.to_owned(),
            text,
        });
    }

    /// Folds one page in.
    pub fn add(&mut self, f: &PageFeatures) {
        let url = f.url.as_str();
        self.pages += 1;
        self.html_bytes += f.html_bytes;
        self.text_chars += f.text_chars;
        self.truncated_pages += u64::from(f.truncated);
        if let Some(l) = f.lang {
            *self.langs.entry(l.code().to_owned()).or_default() += 1;
        }
        if let Some(n) = &f.site_name
            && !n.name.is_empty()
        {
            self.site_names.insert(n.name.clone());
        }
        for fp in &f.fingerprints {
            self.fingerprints
                .entry(fp.kind.clone())
                .or_insert_with(|| Sample::with_k(FINGERPRINTS_K))
                .insert(fp.value.clone());
        }
        // Identity.
        if f.licence_kind != LicenceKind::None {
            *self.licence_pages.entry(f.licence_kind).or_default() += 1;
        }
        for l in &f.licences {
            self.licences.insert((
                l.kind,
                l.number.clone().unwrap_or_default(),
                l.issuer.clone().unwrap_or_default(),
            ));
        }
        if let Some(l) = f.licences.first() {
            self.note("identity.licence", url, &mark(&l.evidence));
        }
        let mut kinds: Vec<&str> = f.self_labels.iter().map(|l| l.kind.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for k in &kinds {
            *self.self_label_pages.entry((*k).to_owned()).or_default() += 1;
        }
        if let Some(l) = f.self_labels.iter().find(|l| is_press_label(&l.kind)) {
            self.note("identity.site_type", url, &mark(&l.evidence));
        }
        let masthead: Vec<&crate::page::NewsroomTitle> = f.newsroom.iter().filter(|t| is_newsroom(t)).collect();
        if !masthead.is_empty() {
            self.newsroom_pages += 1;
            let mut titles: Vec<&str> = masthead.iter().map(|t| t.title.as_str()).collect();
            titles.sort_unstable();
            titles.dedup();
            for t in titles {
                *self.newsroom_titles.entry(t.to_owned()).or_default() += 1;
            }
            let mut shown: Vec<String> = Vec::new();
            for t in masthead.iter().take(4) {
                let m = mark(&t.evidence);
                if !shown.contains(&m) {
                    shown.push(m);
                }
            }
            self.note("identity.newsroom", url, &shown.join(" · "));
        }
        // Layout.
        if !f.sections.is_empty() {
            self.menu_pages += 1;
            for s in &f.sections {
                *self.sections.entry(s.label.clone()).or_default() += 1;
            }
            let labels: Vec<&str> = f.sections.iter().map(|s| s.as_written.as_str()).collect();
            self.note("layout.sections", url, &labels.join(" | "));
        }
        if !f.is_article {
            return;
        }
        // Items.
        self.articles += 1;
        if let Some(st) = &f.story {
            self.stories.insert(st.clone());
        }
        if let Some(w) = f.comment_widgets.first() {
            self.comment_articles += 1;
            let mut ks: Vec<&str> = f.comment_widgets.iter().map(|w| w.kind.as_str()).collect();
            ks.sort_unstable();
            ks.dedup();
            for k in ks {
                *self.comment_kinds.entry(k.to_owned()).or_default() += 1;
            }
            self.note("layout.comments", url, &format!("{}: {}", w.kind, mark(&w.evidence)));
        }
        let cites: Vec<&crate::page::Attribution> = f.attributions.iter().filter(|a| is_citation(a)).collect();
        let cites_none = cites.is_empty();
        if cites_none {
            if f.attributions.iter().any(|a| a.kind == "compiled") {
                self.compiled_articles += 1;
            }
            self.note("sourcing.attribution", url, &f.title);
        } else {
            self.attributed_articles += 1;
            for a in cites {
                let key = match (&a.registry_domain, &a.link_domain) {
                    (Some(d), _) => d.clone(),
                    (None, Some(d)) if a.outlet.is_empty() => crate::host::registrable_domain(d),
                    _ => crate::text::normalize::fold(&a.outlet),
                };
                if !key.is_empty() {
                    self.cited_outlets.insert(key);
                }
            }
        }
        let staff = f.byline.as_ref().filter(|b| b.staff);
        let genre = f.own_reporting.iter().find(|o| o.kind == "genre");
        // Reporter phrases count only on items citing no other outlet (reposts quote their reporters).
        let reporting = f.own_reporting.iter().find(|o| o.kind == "reporting" && cites_none);
        if let Some(b) = staff {
            self.self_produced_articles += 1;
            self.note("sourcing.self_produced", url, &mark(&b.evidence));
        } else if let Some(o) = genre.or(reporting) {
            self.self_produced_articles += 1;
            self.note("sourcing.self_produced", url, &mark(&o.evidence));
        }
        if let Some(t) = &f.tone {
            if t.negative {
                self.negative += 1;
                for p in &f.places {
                    *self.negative_places.entry(p.clone()).or_default() += 1;
                }
                let mut cats: Vec<&str> = t.categories.iter().map(String::as_str).collect();
                cats.sort_unstable();
                cats.dedup();
                for c in cats {
                    *self.negative_categories.entry(c.to_owned()).or_default() += 1;
                }
                self.note("tone.negative_ratio", url, &tone_evidence(&f.title, t, false));
            }
            if t.sensational {
                self.sensational += 1;
                self.note("tone.sensational", url, &tone_evidence(&f.title, t, true));
            }
        }
    }

    /// Merges another aggregate of the same site into this one.
    pub fn merge(&mut self, o: SiteAggregate) {
        if self.site.is_empty() {
            self.site = o.site;
        }
        self.pages += o.pages;
        self.html_bytes += o.html_bytes;
        self.text_chars += o.text_chars;
        self.truncated_pages += o.truncated_pages;
        add_counts(&mut self.langs, o.langs);
        self.articles += o.articles;
        add_counts(&mut self.licence_pages, o.licence_pages);
        self.licences.merge(o.licences);
        add_counts(&mut self.self_label_pages, o.self_label_pages);
        self.newsroom_pages += o.newsroom_pages;
        add_counts(&mut self.newsroom_titles, o.newsroom_titles);
        self.menu_pages += o.menu_pages;
        add_counts(&mut self.sections, o.sections);
        self.comment_articles += o.comment_articles;
        add_counts(&mut self.comment_kinds, o.comment_kinds);
        self.attributed_articles += o.attributed_articles;
        self.compiled_articles += o.compiled_articles;
        self.cited_outlets.merge(o.cited_outlets);
        self.self_produced_articles += o.self_produced_articles;
        self.negative += o.negative;
        self.sensational += o.sensational;
        add_counts(&mut self.negative_categories, o.negative_categories);
        add_counts(&mut self.negative_places, o.negative_places);
        self.site_names.merge(o.site_names);
        for (k, v) in o.evidence {
            self.evidence.entry(k).or_default().merge(v);
        }
        for (k, v) in o.fingerprints {
            match self.fingerprints.entry(k) {
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(v);
                }
                std::collections::btree_map::Entry::Occupied(mut e) => e.get_mut().merge(v),
            }
        }
        if self.stories.is_empty() {
            self.stories = o.stories;
        } else {
            self.stories.extend(o.stories);
        }
    }
}

/// An attribution that names another outlet or links to the original ("Tổng hợp" does not).
fn is_citation(a: &crate::page::Attribution) -> bool {
    a.kind != "compiled" && (!a.outlet.is_empty() || a.link.is_some())
}

/// A masthead title of a newsroom (Tổng biên tập, Tòa soạn, Ban phóng viên…), or the person responsible
/// for content presented as a journalist ("Chịu trách nhiệm nội dung: Nhà báo …").
pub fn is_newsroom(t: &crate::page::NewsroomTitle) -> bool {
    match t.kind.as_str() {
        "newsroom" => true,
        "responsibility" => {
            let v = crate::text::normalize::fold(&t.value);
            v.contains("nha bao") || v.contains("phong vien")
        }
        _ => false,
    }
}

/// Self-label kinds that present a site as press.
pub fn is_press_label(kind: &str) -> bool {
    matches!(kind, "press" | "magazine" | "forum" | "special_page")
}

/// The title with the terms that made it negative (or sensational) marked «like this».
fn tone_evidence(title: &str, t: &crate::tone::Tone, sensational: bool) -> String {
    use crate::tone::{Field, Kind};
    let mut spans: Vec<(usize, usize)> = t
        .matches
        .iter()
        .filter(|m| m.field == Field::Title)
        .filter(|m| {
            if sensational {
                matches!(m.kind, Kind::Sensational | Kind::Rule)
            } else {
                m.kind == Kind::Negative
            }
        })
        .map(|m| (m.start, m.end))
        .filter(|&(a, b)| a < b && title.is_char_boundary(a) && title.is_char_boundary(b) && b <= title.len())
        .collect();
    spans.sort_unstable();
    let mut out = String::with_capacity(title.len() + 8);
    let mut at = 0;
    for (a, b) in spans {
        if a < at {
            continue;
        }
        out.push_str(&title[at..a]);
        out.push('«');
        out.push_str(&title[a..b]);
        out.push('»');
        at = b;
    }
    out.push_str(&title[at..]);
    if at == 0 {
        // Matched in the lead or body only: name the terms after the title.
        let terms: Vec<&str> = t
            .matches
            .iter()
            .filter(|m| {
                if sensational {
                    matches!(m.kind, Kind::Sensational | Kind::Rule)
                } else {
                    m.kind == Kind::Negative
                }
            })
            .map(|m| m.text.as_str())
            .take(3)
            .collect();
        if !terms.is_empty() {
            out.push_str(" — «");
            out.push_str(&terms.join("», «"));
            out.push('»');
        }
    }
    out
}

/// The evidence line with its matched phrase marked «like this» (the report highlights it).
pub fn mark(e: &crate::page::Evidence) -> String {
    match (e.matched.is_empty(), e.context.find(e.matched.as_str())) {
        (false, Some(i)) => format!(
            "{}«{}»{}",
            &e.context[..i],
            e.matched,
            &e.context[i + e.matched.len()..]
        ),
        _ => e.context.clone(),
    }
}

fn add_counts<K: Ord>(a: &mut BTreeMap<K, u64>, b: BTreeMap<K, u64>) {
    for (k, v) in b {
        *a.entry(k).or_default() += v;
    }
}

/// All sites of a scan, keyed by site.
pub type Sites = BTreeMap<String, SiteAggregate>;

/// Merges `b` into `a`.
pub fn merge_sites(a: &mut Sites, b: Sites) {
    for (k, v) in b {
        match a.get_mut(&k) {
            Some(x) => x.merge(v),
            None => {
                a.insert(k, v);
            }
        }
    }
}
