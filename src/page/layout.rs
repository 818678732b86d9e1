//! Layout: main-menu sections, article or list page, published/modified time, comment widgets.
use serde::{Deserialize, Serialize};

use super::content::MainText;
use super::flat::{BlockRegion, Page};
use super::identity::find_date;
use super::{Evidence, PageModel};
use crate::text::normalize::{fold, squash_ws};

/// A main-menu section recognised in the section lexicon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Canonical label, e.g. "Pháp luật".
    pub label: String,
    /// The menu text as written, e.g. "PHÁP LUẬT".
    pub as_written: String,
}

/// When the page says it was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedTime {
    /// As written (ISO from metadata, or the dateline text).
    pub value: String,
    /// meta:<name> | itemprop | json-ld | time | dateline
    pub source: String,
}

/// A comment widget seen on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentWidget {
    /// facebook | disqus | site
    pub kind: String,
    pub evidence: Evidence,
}

/// Layout features of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub sections: Vec<Section>,
    pub other_menu_labels: Vec<String>,
    pub is_article: bool,
    pub article_signals: Vec<String>,
    pub published: Option<PublishedTime>,
    pub modified: Option<String>,
    pub comment_widgets: Vec<CommentWidget>,
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "OpinionNewsArticle",
    "Report",
    "LiveBlogPosting",
];

/// Extracts layout features.
pub fn extract(page: &Page, model: &PageModel, main: &MainText) -> Layout {
    let (sections, other_menu_labels) = sections(page, model);
    let published = published(page, main);
    let (is_article, article_signals) = article(page, main, published.is_some());
    Layout {
        sections,
        other_menu_labels,
        is_article,
        article_signals,
        published,
        modified: modified(page),
        comment_widgets: comments(page, model),
    }
}

fn sections(page: &Page, model: &PageModel) -> (Vec<Section>, Vec<String>) {
    let known = |l: &&super::flat::Link| model.sections.contains_key(&fold(&squash_ws(&l.text)));
    let in_menu = |l: &super::flat::Link| {
        l.region == BlockRegion::Nav
            || (l.region != BlockRegion::Footer
                && page.containers.get(l.container as usize).is_some_and(|c| {
                    c.attrs.contains("menu")
                        || page
                            .containers
                            .get(c.parent as usize)
                            .is_some_and(|p| p.attrs.contains("menu"))
                }))
    };
    let nav: Vec<&super::flat::Link> = page.links.iter().filter(|l| in_menu(l)).collect();
    // The main menu: nav links when they name sections, else header links too.
    let mut cands: Vec<&super::flat::Link> = if nav.iter().filter(|l| known(l)).count() >= 3 {
        nav
    } else {
        page.links
            .iter()
            .filter(|l| matches!(l.region, BlockRegion::Nav | BlockRegion::Header))
            .collect()
    };
    if cands.len() < 3 {
        cands = page
            .links
            .iter()
            .filter(|l| {
                page.containers.get(l.container as usize).is_some_and(|c| {
                    c.region == BlockRegion::Body && ["menu", "nav", "cate"].iter().any(|w| c.attrs.contains(w))
                })
            })
            .take(200)
            .collect();
    }
    let mut out: Vec<Section> = Vec::new();
    let mut other = Vec::new();
    for l in cands.into_iter().take(400) {
        let t = squash_ws(&l.text);
        if t.is_empty() || t.chars().count() > 40 {
            continue;
        }
        match model.sections.get(&fold(&t)) {
            Some(label) => {
                if !out.iter().any(|s| &s.label == label) {
                    out.push(Section {
                        label: label.clone(),
                        as_written: t,
                    });
                }
            }
            None => {
                if other.len() < 20 && t.split_whitespace().count() <= 4 && !other.contains(&t) {
                    other.push(t);
                }
            }
        }
    }
    (out, other)
}

fn ld_types(v: &serde_json::Value) -> Vec<&str> {
    match v.get("@type") {
        Some(serde_json::Value::String(s)) => vec![s.as_str()],
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// Does the URL look like an article (long slug, numeric id)?
pub fn article_url_shape(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = path
        .split("://")
        .nth(1)
        .map_or(path, |r| r.split_once('/').map_or("", |x| x.1));
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let stem = last.split('.').next().unwrap_or("");
    let hyphens = stem.matches('-').count();
    let digit_run = stem
        .split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    (hyphens >= 4 && digit_run >= 5) || (hyphens >= 5 && path.matches('/').count() >= 1) || digit_run >= 10
}

fn article(page: &Page, main: &MainText, dated: bool) -> (bool, Vec<String>) {
    let mut sig = Vec::new();
    let mut ld_article = false;
    let mut og_article = false;
    if let Some(t) = page.meta("og:type") {
        sig.push(format!("og:type={t}"));
        og_article = t.to_ascii_lowercase().contains("article");
    }
    for v in &page.json_ld {
        for t in ld_types(v) {
            if ARTICLE_TYPES.contains(&t) {
                sig.push(format!("json-ld:{t}"));
                ld_article = true;
            }
        }
    }
    let url = page.url.as_deref().or(page.canonical.as_deref()).unwrap_or("");
    let shape = article_url_shape(url);
    if shape {
        sig.push("url:article-shape".into());
    }
    let body_chars = main.text.chars().count();
    // A dated headline over a body of some length.
    let long_body = main.headline.is_some() && (body_chars >= 1200 || (dated && body_chars >= 500));
    if long_body {
        sig.push(format!("headline+body:{body_chars}"));
    }
    if page.article_tags == 1 {
        sig.push("tag:article".into());
    }
    let website = page.meta("og:type").is_some_and(|t| t.eq_ignore_ascii_case("website"));
    // Some list pages declare og:type=article: trust it only with an article URL or body.
    let og_ok = og_article && (shape || body_chars >= 600 || url.is_empty());
    // A short news item: an article-shaped URL, a date and a few paragraphs.
    let short_item = shape && dated && body_chars >= 300;
    let is = ld_article || og_ok || (long_body && (shape || !website)) || (shape && body_chars >= 600) || short_item;
    (is, sig)
}

fn published(page: &Page, main: &MainText) -> Option<PublishedTime> {
    let mk = |v: &str, s: &str| {
        let v = v.trim();
        (!v.is_empty()).then(|| PublishedTime {
            value: v.to_owned(),
            source: s.to_owned(),
        })
    };
    for k in [
        "article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "dc.date.issued",
        "og:published_time",
        "article:published",
        "dc.date",
        "date",
    ] {
        if let Some(v) = page.meta(k).and_then(|v| mk(v, &format!("meta:{k}"))) {
            return Some(v);
        }
    }
    if let Some(v) = page.itemprop("datepublished").and_then(|v| mk(v, "itemprop")) {
        return Some(v);
    }
    for v in &page.json_ld {
        if let Some(d) = v
            .get("datePublished")
            .and_then(|d| d.as_str())
            .and_then(|d| mk(d, "json-ld"))
        {
            return Some(d);
        }
    }
    if let Some(v) = page.times.first().and_then(|t| mk(t, "time")) {
        return Some(v);
    }
    // A dateline near the headline: "Thứ Ba, 25/12/2012 - 10:03".
    let h = main.headline_block.unwrap_or(0) as usize;
    let from = h.saturating_sub(4);
    for b in page.blocks.iter().skip(from).take(14) {
        if b.region != BlockRegion::Body || b.text.chars().count() > 160 {
            continue;
        }
        if find_date(&b.text).is_some() {
            return mk(&b.text, "dateline");
        }
    }
    None
}

fn modified(page: &Page) -> Option<String> {
    for k in [
        "article:modified_time",
        "datemodified",
        "og:updated_time",
        "lastmod",
        "last-modified",
    ] {
        if let Some(v) = page.meta(k) {
            return Some(v.to_owned());
        }
    }
    if let Some(v) = page.itemprop("datemodified") {
        return Some(v.to_owned());
    }
    page.json_ld
        .iter()
        .find_map(|v| v.get("dateModified").and_then(|d| d.as_str()).map(str::to_owned))
}

fn comments(page: &Page, model: &PageModel) -> Vec<CommentWidget> {
    let mut out: Vec<CommentWidget> = Vec::new();
    for w in &page.widgets {
        for (kind, marker, form_only) in &model.comment_markers {
            if !w.attrs.contains(marker.as_str()) {
                continue;
            }
            if *form_only && !(w.tag == "form" && w.has_textarea) {
                continue;
            }
            if !out.iter().any(|o| &o.kind == kind) {
                out.push(CommentWidget {
                    kind: kind.clone(),
                    evidence: Evidence::new(marker, &format!("<{} {}>", w.tag, w.attrs)),
                });
            }
            break;
        }
    }
    // A "Bình luận" heading with a form holding a textarea.
    if !out.iter().any(|o| o.kind == "site")
        && page.widgets.iter().any(|w| w.tag == "form" && w.has_textarea)
        && let Some(b) = page.blocks.iter().find(|b| {
            b.text.chars().count() <= 40 && {
                let f = fold(&b.text);
                f.starts_with("binh luan") || f.starts_with("y kien ban doc") || f.starts_with("gui binh luan")
            }
        })
    {
        out.push(CommentWidget {
            kind: "site".into(),
            evidence: Evidence::new(&b.text, &b.text),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_shapes() {
        assert!(article_url_shape(
            "https://vnexpress.net/cach-cac-nuoc-doi-pho-cu-soc-nang-luong-tu-trung-dong-5047363.html"
        ));
        assert!(article_url_shape(
            "http://nld.com.vn/20121226051446379p0c1019/thieu-tien-hui-xach-dao-di-noi-chuyen-voi-chu-no.htm"
        ));
        assert!(!article_url_shape("https://dantri.com.vn/kinh-doanh.htm"));
        assert!(!article_url_shape("https://vietnamnet.vn/kinh-doanh"));
    }
}
