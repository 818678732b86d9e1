//! Layout: main-menu sections, article or list page, published/modified time, comment widgets.
use serde::{Deserialize, Serialize};

use super::content::MainText;
use super::flat::{BlockRegion, Page, ld_types};
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

/// What a page is: one article, a list of articles (a section), the home page, or something else.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Article,
    List,
    Home,
    #[default]
    Other,
}

/// Layout features of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub sections: Vec<Section>,
    pub other_menu_labels: Vec<String>,
    pub is_article: bool,
    pub article_signals: Vec<String>,
    pub page_kind: PageKind,
    /// Why the page was given its kind, in the order the decision read them.
    pub page_kind_reasons: Vec<String>,
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
    let (is_article, article_signals) = article(page, model, main, published.is_some());
    let (page_kind, page_kind_reasons) = page_kind(page, model, is_article, &article_signals);
    Layout {
        sections,
        other_menu_labels,
        is_article,
        article_signals,
        page_kind,
        page_kind_reasons,
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

/// JSON-LD types that say the page is not an article (a product, a shop, a data set).
const NOT_ARTICLE_TYPES: &[&str] = &["Product", "Offer", "ProductGroup", "Dataset", "Store", "Event"];

fn article(page: &Page, model: &PageModel, main: &MainText, dated: bool) -> (bool, Vec<String>) {
    let mut sig = Vec::new();
    let mut ld_article = false;
    let mut og_article = false;
    let mut ld_other = None;
    if let Some(t) = page.meta("og:type") {
        sig.push(format!("og:type={t}"));
        og_article = t.to_ascii_lowercase().contains("article");
    }
    for v in &page.json_ld {
        for t in ld_types(v) {
            if ARTICLE_TYPES.contains(&t) {
                sig.push(format!("json-ld:{t}"));
                ld_article = true;
            } else if NOT_ARTICLE_TYPES.contains(&t) && ld_other.is_none() {
                ld_other = Some(t.to_owned());
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
    if !is {
        return (false, sig);
    }
    // What overrides the signals: the front page, an institutional page, a product, a data table.
    if front_page_url(url) {
        sig.push("not-article:front-page".into());
        return (false, sig);
    }
    if let Some(("other", part)) = title_cue(model, &page.title) {
        sig.push(format!("not-article:title:{part}"));
        return (false, sig);
    }
    if let Some(t) = ld_other {
        sig.push(format!("not-article:json-ld:{t}"));
        return (false, sig);
    }
    // A data table (prices, statements, results): most of the text in many short cells. A
    // table-laid-out article (2012-era pages) has few, long cells.
    // When the main text is short (the extractor found no prose), the whole body is read.
    let read: Vec<&super::flat::Block> = if body_chars >= 300 {
        main.blocks
            .iter()
            .filter_map(|&b| page.blocks.get(b as usize))
            .collect()
    } else {
        page.blocks.iter().filter(|b| b.region == BlockRegion::Body).collect()
    };
    let (mut table_chars, mut cells, mut all_chars) = (0usize, 0usize, 0usize);
    for b in read {
        let n = b.text.chars().count();
        all_chars += n;
        if matches!(b.tag.as_str(), "td" | "th" | "tr" | "table") {
            table_chars += n;
            cells += 1;
        }
    }
    if all_chars > 0 && table_chars * 2 >= all_chars && cells >= 10 && table_chars < 60 * cells {
        sig.push(format!(
            "not-article:table-text:{}% in {cells} cells",
            table_chars * 100 / all_chars
        ));
        return (false, sig);
    }
    // A data page that also carries some prose (a price board over a company blurb).
    if let Some((board_chars, board_cells)) = data_board(page, body_chars) {
        sig.push(format!(
            "not-article:data-table:{board_chars} characters in {board_cells} cells, main text {body_chars}"
        ));
        return (false, sig);
    }
    (true, sig)
}

/// A board of data in the body (prices, quotes, results): a hundred table cells or more, short
/// ones (numbers, names: under 25 characters on average), holding at least half as much text as
/// `prose` characters. An article's illustrative table is smaller; a layout table has long cells.
/// Gives (characters, cells).
fn data_board(page: &Page, prose: usize) -> Option<(usize, usize)> {
    let (mut chars, mut cells) = (0usize, 0usize);
    for b in page.blocks.iter().filter(|b| b.region == BlockRegion::Body) {
        if matches!(b.tag.as_str(), "td" | "th") {
            chars += b.text.chars().count();
            cells += 1;
        }
    }
    (cells >= 100 && chars * 2 >= prose && chars < 25 * cells).then_some((chars, cells))
}

/// Is the URL the site's front page (`/`, `/index.html`, `/home`, `/vi/home`)?
pub fn front_page_url(url: &str) -> bool {
    let Some(rest) = url.split(['?', '#']).next().and_then(|u| u.split("://").nth(1)) else {
        return false;
    };
    let path = rest.split_once('/').map_or("", |x| x.1).trim_end_matches('/');
    let last = path.rsplit('/').next().unwrap_or("");
    let depth = path.split('/').filter(|s| !s.is_empty()).count();
    path.is_empty()
        || (depth <= 2
            && matches!(
                last.split('.').next().unwrap_or("").to_ascii_lowercase().as_str(),
                "index" | "home" | "default" | "trang-chu"
            ))
}

/// A body link that reads like a headline: several words, not a menu entry.
fn story_link(l: &super::flat::Link) -> bool {
    l.region == BlockRegion::Body && l.text.split_whitespace().count() >= 6 && !l.href.starts_with('#')
}

/// Does the body carry page-number links ("1 2 3 … Trang sau", "»")?
pub fn pagination(page: &Page) -> bool {
    let mut numbers = 0;
    for l in page.links.iter().filter(|l| l.region == BlockRegion::Body) {
        let t = l.text.trim();
        let f = fold(t);
        if matches!(
            f.as_str(),
            "trang sau" | "trang tiep" | "next" | "»" | "›" | "tiep" | "sau »" | "trang ke"
        ) || f.starts_with("trang sau")
        {
            return true;
        }
        if matches!(t.parse::<u32>(), Ok(2..=50)) {
            numbers += 1;
            if numbers >= 2 {
                return true;
            }
        }
    }
    false
}

/// The page-kind cue its `<title>` carries (`other`, `home`, `list`) and the part that said it: the
/// title split at its separators, each part looked up with its diacritics (folded when typed
/// without any).
pub fn title_cue<'m>(model: &'m PageModel, title: &str) -> Option<(&'m str, String)> {
    let title = title.replace('\u{a0}', " ");
    let parts = title
        .split(['|', '–', '—', '«', '»', '·', ':'])
        .flat_map(|p| p.split(" - "));
    for part in parts {
        let part = squash_ws(part.trim_matches(|c: char| c.is_whitespace() || c == '-'));
        if part.is_empty() || part.chars().count() > 40 {
            continue;
        }
        let folded = fold(&part);
        let cue = if folded == part.to_ascii_lowercase() {
            model.page_kind_cues_folded.get(&folded)
        } else {
            model.page_kind_cues.get(&crate::text::normalize::lower(&part))
        };
        if let Some(c) = cue {
            return Some((c.as_str(), part));
        }
    }
    None
}

/// Does the page carry a breadcrumb trail (`.breadcrumb*` in the body, or a JSON-LD
/// `BreadcrumbList`)? Section and article pages do; a front page has none.
pub fn breadcrumb(page: &Page) -> bool {
    page.containers
        .iter()
        .any(|c| c.region != BlockRegion::Footer && c.attrs.contains("breadcrumb"))
        || page.json_ld.iter().any(|v| {
            ld_types(v).contains(&"BreadcrumbList")
                || v.get("@graph")
                    .and_then(|g| g.as_array())
                    .is_some_and(|g| g.iter().any(|x| ld_types(x).contains(&"BreadcrumbList")))
        })
}

fn page_kind(page: &Page, model: &PageModel, is_article: bool, signals: &[String]) -> (PageKind, Vec<String>) {
    let mut why = Vec::new();
    let url = page.url.as_deref().or(page.canonical.as_deref()).unwrap_or("");
    let stories = page.links.iter().filter(|l| story_link(l)).count();
    // Section names heading blocks of the body (a home page shows several sections).
    let mut heads: Vec<&String> = Vec::new();
    for l in page.links.iter().filter(|l| l.region == BlockRegion::Body) {
        let t = squash_ws(&l.text);
        if t.chars().count() <= 40
            && let Some(label) = model.sections.get(&fold(&t))
            && !heads.contains(&label)
        {
            heads.push(label);
        }
    }
    let counts = format!("headline links:{stories}, section links in body:{}", heads.len());
    if is_article {
        why.extend(signals.iter().filter(|s| !s.starts_with("not-article")).cloned());
        why.push(counts);
        return (PageKind::Article, why);
    }
    if let Some(s) = signals.iter().find(|s| s.starts_with("not-article")) {
        why.push(s.clone());
        // A product, a data set or an institutional page is neither a list nor a home page.
        if s.starts_with("not-article:json-ld") || s.starts_with("not-article:title") {
            return (PageKind::Other, why);
        }
    }
    let cue = title_cue(model, &page.title);
    if let Some(("other", part)) = &cue {
        why.push(format!("title:{part}"));
        return (PageKind::Other, why);
    }
    if front_page_url(url) {
        why.push(format!("front-page url {url}"));
        why.push(counts);
        return (PageKind::Home, why);
    }
    why.push(counts);
    let paged = pagination(page);
    if paged {
        why.push("pagination".into());
    }
    let crumbs = breadcrumb(page);
    if crumbs {
        why.push("breadcrumb".into());
    }
    let kind = if stories >= 8 && !url.is_empty() {
        PageKind::List
    } else if stories >= 8 {
        // Without a URL (a saved file): a breadcrumb or the title says a section; else the
        // title or the page numbers decide; many headlines and nothing else: a front page.
        why.push("no url".into());
        match (&cue, crumbs, paged) {
            (_, true, _) => PageKind::List,
            (Some(("home", part)), ..) => {
                why.push(format!("title:{part}"));
                PageKind::Home
            }
            (Some(("list", part)), ..) => {
                why.push(format!("title:{part}"));
                PageKind::List
            }
            (_, _, true) => PageKind::List,
            _ if stories >= 10 => PageKind::Home,
            _ => PageKind::Other,
        }
    } else {
        PageKind::Other
    };
    (kind, why)
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

/// Words of an id/class/name that mark a reader-comment box around a text field.
const COMMENT_WORDS: &[&str] = &["comment", "binhluan", "binh-luan", "binh_luan", "ykien", "y-kien"];

/// The attributes of container `c` and of the containers around it (innermost first, a few levels).
fn ancestor_attrs(page: &Page, mut c: u32) -> Vec<&str> {
    let mut out = Vec::new();
    for _ in 0..8 {
        let Some(k) = page.containers.get(c as usize) else {
            break;
        };
        out.push(k.attrs.as_str());
        if c == 0 || k.parent == c {
            break;
        }
        c = k.parent;
    }
    out
}

fn comments(page: &Page, model: &PageModel) -> Vec<CommentWidget> {
    let mut out: Vec<CommentWidget> = Vec::new();
    for w in &page.widgets {
        // A text field to write in: a form holding a textarea, or the textarea itself.
        let writable = (w.tag == "form" && w.has_textarea) || w.tag == "textarea";
        for (kind, marker, form_only) in &model.comment_markers {
            if !w.attrs.contains(marker.as_str()) {
                continue;
            }
            if *form_only && !writable {
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
    // A textarea inside a box named for comments (`<div id="commentbox"><textarea>`).
    if !out.iter().any(|o| o.kind == "site") {
        let boxed = page.widgets.iter().filter(|w| w.tag == "textarea").find_map(|w| {
            ancestor_attrs(page, w.container)
                .into_iter()
                .find(|a| COMMENT_WORDS.iter().any(|m| a.contains(m)))
                .map(|a| (w, a))
        });
        if let Some((w, a)) = boxed {
            out.push(CommentWidget {
                kind: "site".into(),
                evidence: Evidence::new("textarea", &format!("<{}> in <{a}>", w.tag)),
            });
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
    // A call to write one ("Viết bình luận", "Gửi bình luận" as a link or button; the form opens
    // on click): a menu's "Bình luận" (the commentary genre) has no verb and does not count.
    if !out.iter().any(|o| o.kind == "site")
        && let Some(l) = page.links.iter().find(|l| {
            l.region != BlockRegion::Footer && {
                let f = fold(l.text.trim());
                f.chars().count() <= 60 && (f.starts_with("viet binh luan") || f.starts_with("gui binh luan"))
            }
        })
    {
        out.push(CommentWidget {
            kind: "site".into(),
            evidence: Evidence::new(l.text.trim(), &format!("<a href=\"{}\">{}</a>", l.href, l.text.trim())),
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

    fn model() -> PageModel {
        PageModel::load(&crate::model_files::ModelFiles::default()).expect("embedded page models load")
    }

    fn kind_of(html: &str) -> (PageKind, Vec<String>) {
        let m = model();
        let p = crate::page::parse(html, None);
        let f = crate::page::features(&p, &m);
        (f.page_kind, f.page_kind_reasons)
    }

    #[test]
    fn title_cues_match_with_diacritics_and_without() {
        let m = model();
        assert_eq!(title_cue(&m, "Giới thiệu | Báo Mẫu").map(|c| c.0), Some("other"));
        assert_eq!(title_cue(&m, "Tien Phong Online - About").map(|c| c.0), Some("other"));
        assert_eq!(title_cue(&m, "gioi thieu - bao mau").map(|c| c.0), Some("other"));
        // Text with diacritics is matched with them: "Giới thiểu" is not "Giới thiệu".
        assert_eq!(title_cue(&m, "Giới thiểu | Báo Mẫu"), None);
        // A headline that only contains a cue word is not the cue.
        assert_eq!(title_cue(&m, "Tìm kiếm người mất tích ở Hà Giang - Báo Mẫu"), None);
        assert_eq!(title_cue(&m, "Trang chủ - Báo Mẫu").map(|c| c.0), Some("home"));
    }

    fn headlines(n: usize) -> String {
        (0..n)
            .map(|i| format!("<li><a href=\"/bai-{i}.html\">Tin số {i} về giá lúa gạo tăng mạnh ở miền Tây</a></li>"))
            .collect()
    }

    #[test]
    fn without_url_a_breadcrumb_or_the_title_tells_a_list_from_a_front_page() {
        let list = format!(
            "<html><head><title>Kinh tế - Báo Mẫu</title></head><body><ol class=\"breadcrumb\"><li><a href=\"/\">Trang chủ</a></li><li>Kinh tế</li></ol><ul>{}</ul></body></html>",
            headlines(20)
        );
        let (k, why) = kind_of(&list);
        assert_eq!(k, PageKind::List, "{why:?}");
        assert!(why.iter().any(|w| w == "breadcrumb"), "{why:?}");
        let home = format!(
            "<html><head><title>Trang chủ - Báo Mẫu</title></head><body><ul>{}</ul><a href=\"?p=2\">2</a><a href=\"?p=3\">3</a></body></html>",
            headlines(20)
        );
        let (k, why) = kind_of(&home);
        assert_eq!(k, PageKind::Home, "{why:?}");
        let plain = format!(
            "<html><head><title>Báo Mẫu</title></head><body><ul>{}</ul></body></html>",
            headlines(20)
        );
        assert_eq!(kind_of(&plain).0, PageKind::Home);
    }

    #[test]
    fn an_about_page_is_other_whatever_its_length() {
        let body = "Công ty chúng tôi được thành lập năm 2005, hoạt động trong lĩnh vực truyền thông. ".repeat(30);
        let html = format!(
            "<html><head><title>Về chúng tôi | Công ty Mẫu</title><meta property=\"og:type\" content=\"article\"></head><body><h1>Về chúng tôi</h1><p>{body}</p></body></html>"
        );
        let (k, why) = kind_of(&html);
        assert_eq!(k, PageKind::Other, "{why:?}");
    }

    #[test]
    fn a_header_inside_the_article_is_the_article_s_headline_not_the_banner() {
        let body =
            "Mưa lớn kéo dài khiến nhiều tuyến đường ở trung tâm thành phố ngập sâu, giao thông ùn tắc. ".repeat(20);
        let html = format!(
            "<html><head><title>Danh mục - Báo Mẫu</title></head><body><header class=\"site-header\"><a href=\"/\">Báo Mẫu</a></header><article><header class=\"detail__header\"><h1 class=\"detail__title\">Mưa lớn gây ngập nhiều tuyến đường</h1><div class=\"detail__meta\">20:00 08/10/2019</div></header><div class=\"detail__content\"><p>{body}</p></div></article></body></html>"
        );
        let m = model();
        let p = crate::page::parse(&html, None);
        let f = crate::page::features(&p, &m);
        assert!(f.is_article, "{:?}", f.article_signals);
        assert_eq!(f.title, "Mưa lớn gây ngập nhiều tuyến đường");
    }
}
