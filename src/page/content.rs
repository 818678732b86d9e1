//! Main text: the article body without navigation, related links, ads and footer (block scoring).
use super::flat::{BlockRegion, Page};

/// The main text of a page and where it sits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MainText {
    /// Paragraphs joined with `\n`.
    pub text: String,
    /// Lead (sapo): a block marked as such near the headline, else the description, else the first paragraph.
    pub lead: String,
    /// Text of the first `<h1>` in the body (or the first heading when there is no h1).
    pub headline: Option<String>,
    /// Index of the headline block.
    pub headline_block: Option<u32>,
    /// Indices of the blocks kept, in page order.
    pub blocks: Vec<u32>,
    /// The container chosen as the article body.
    pub container: Option<u32>,
}

const POSITIVE: &[&str] = &[
    "article",
    "content",
    "detail",
    "body",
    "entry",
    "post",
    "main",
    "story",
    "text",
    "fck",
    "news-content",
    "chitiet",
    "noidung",
    "maincontent",
    "blog",
    "prose",
];
const NEGATIVE: &[&str] = &[
    "comment",
    "sidebar",
    "related",
    "footer",
    "advert",
    "banner",
    "widget",
    "share",
    "social",
    "menu",
    "nav",
    "breadcrumb",
    "tag",
    "sponsor",
    "promo",
    "recommend",
    "popular",
    "most-read",
    "mostread",
    "newsletter",
    "subscribe",
    "cookie",
    "modal",
    "popup",
    "tin-lien-quan",
    "tinlienquan",
    "relate",
    "other",
    "cung-chuyen-muc",
    "samecate",
    "login",
    "signup",
    "author-box",
    "hidden",
    "caption",
    "print",
    "rating",
    "toolbar",
    "pager",
    "pagination",
];

/// The first element of an `id class` string that matches one of `words`.
fn has_word(attrs: &str, words: &[&str]) -> bool {
    words.iter().any(|w| attrs.contains(w))
}

fn class_weight(attrs: &str) -> f32 {
    if attrs.is_empty() {
        return 0.0;
    }
    let mut w = 0.0;
    if has_word(attrs, POSITIVE) {
        w += 25.0;
    }
    if has_word(attrs, NEGATIVE) {
        w -= 25.0;
    }
    w
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Finds the main text of `page`.
pub fn extract(page: &Page) -> MainText {
    let n = page.containers.len();
    let mut score = vec![0f32; n];
    let mut headline_block = None;
    for (i, b) in page.blocks.iter().enumerate() {
        if b.region == BlockRegion::Body && b.tag == "h1" && headline_block.is_none() {
            headline_block = Some(i as u32);
        }
        if b.region != BlockRegion::Body || b.link_density > 0.4 || is_heading(&b.tag) {
            continue;
        }
        let len = b.text.chars().count();
        if len < 25 {
            continue;
        }
        let commas = b.text.matches([',', '，', '.']).count() as f32;
        // A long block counts as the several paragraphs it holds (bodies written as one `<div>`
        // with `<br>`s must outweigh a list of short comments or teasers).
        let s = (1.0 + commas.min(10.0) + (len as f32 / 100.0).min(3.0))
            * (1.0 - b.link_density)
            * (len as f32 / 400.0).clamp(1.0, 20.0);
        let mut c = b.container as usize;
        // The paragraph's parent and grandparent (and a little further up), as readability does.
        if matches!(
            b.tag.as_str(),
            "p" | "li" | "pre" | "blockquote" | "dd" | "dt" | "td" | "th"
        ) && let Some(cont) = page.containers.get(c)
        {
            c = cont.parent as usize;
        }
        let mut share = 1.0;
        for _ in 0..3 {
            if let Some(sc) = score.get_mut(c) {
                *sc += s * share;
            }
            share *= 0.5;
            let Some(cont) = page.containers.get(c) else { break };
            if c == 0 {
                break;
            }
            c = cont.parent as usize;
        }
    }
    if headline_block.is_none() {
        // No <h1>: a short "title" block with little link text (e.g. `div.title-detail`).
        headline_block = page
            .blocks
            .iter()
            .position(|b| {
                let n = b.text.chars().count();
                b.region == BlockRegion::Body
                    && b.link_density < 0.2
                    && (20..=250).contains(&n)
                    && page.containers.get(b.container as usize).is_some_and(|c| {
                        (c.attrs.contains("title") || c.attrs.contains("headline"))
                            && !has_word(&c.attrs, &["box", "list", "item", "relat", "sub"])
                    })
            })
            .map(|i| i as u32);
    }
    if headline_block.is_none() {
        headline_block = page
            .blocks
            .iter()
            .position(|b| b.region == BlockRegion::Body && matches!(b.tag.as_str(), "h2"))
            .map(|i| i as u32);
    }
    // Best container: score adjusted by class and by link density of what it holds.
    let mut best: Option<(usize, f32)> = None;
    for (i, s) in score.iter().enumerate() {
        if *s <= 0.0 {
            continue;
        }
        let Some(c) = page.containers.get(i) else { continue };
        if matches!(c.tag.as_str(), "p" | "li" | "h1" | "h2" | "h3" | "span" | "a") {
            continue;
        }
        let adj =
            (s + class_weight(&c.attrs) * s.min(25.0) / 25.0) * if c.region == BlockRegion::Body { 1.0 } else { 0.3 };
        if best.is_none_or(|(_, b)| adj > b) {
            best = Some((i, adj));
        }
    }
    let mut out = MainText {
        headline: headline_block
            .and_then(|i| page.blocks.get(i as usize))
            .map(|b| crate::text::normalize::squash_ws(&b.text)),
        headline_block,
        ..MainText::default()
    };
    let Some((mut root, best_score)) = best else {
        out.lead = page
            .meta("og:description")
            .or_else(|| page.meta("description"))
            .unwrap_or("")
            .to_owned();
        return out;
    };
    // Climb while the parent holds clearly more good text than the child (split bodies).
    for _ in 0..3 {
        let Some(p) = page.containers.get(root).map(|c| c.parent as usize) else {
            break;
        };
        if p == root || p == 0 {
            break;
        }
        let ps = score.get(p).copied().unwrap_or(0.0);
        let pattrs = page.containers.get(p).map_or("", |c| c.attrs.as_str());
        if ps > best_score * 1.6 && !has_word(pattrs, NEGATIVE) {
            root = p;
        } else {
            break;
        }
    }
    out.container = Some(root as u32);
    let root_u = root as u32;
    let root_region = page.containers.get(root).map_or(BlockRegion::Body, |c| c.region);
    // Siblings of the root that hold good text too (bodies split over several divs).
    let parent = page.containers.get(root).map_or(0, |c| c.parent);
    let mut roots = vec![root_u];
    if root != 0 {
        for (i, c) in page.containers.iter().enumerate().skip(parent as usize + 1) {
            if i as u32 > page.containers.get(parent as usize).map_or(0, |p| p.last) {
                break;
            }
            if c.parent == parent
                && i != root
                && score.get(i).copied().unwrap_or(0.0) >= best_score * 0.2
                && !has_word(&c.attrs, NEGATIVE)
                && c.region == root_region
            {
                roots.push(i as u32);
            }
        }
    }
    let leads = lead_blocks(page, headline_block, root_u, &roots);
    let mut texts: Vec<&str> = Vec::new();
    for (i, b) in page.blocks.iter().enumerate() {
        if leads.contains(&(i as u32)) {
            out.blocks.push(i as u32);
            texts.push(&b.text);
            continue;
        }
        let Some(r) = roots.iter().copied().find(|r| page.contains(*r, b.container)) else {
            continue;
        };
        if b.region != root_region && b.region != BlockRegion::Body {
            continue;
        }
        let root_u = r;
        if Some(i as u32) == headline_block || b.tag == "h1" {
            continue;
        }
        let len = b.text.chars().count();
        if b.link_density > 0.5 || (b.link_density > 0.25 && len < 80) {
            continue;
        }
        if in_negative(page, b.container, root_u) {
            continue;
        }
        out.blocks.push(i as u32);
        texts.push(&b.text);
    }
    out.text = texts.join("\n");
    out.lead = lead(page, &out);
    out
}

/// Lead (sapo, teaser, standfirst) paragraphs that sit between the headline and the chosen
/// body, inside the nearest ancestor of the body that also holds the headline.
fn lead_blocks(page: &Page, headline: Option<u32>, root: u32, roots: &[u32]) -> Vec<u32> {
    let Some(h) = headline else { return Vec::new() };
    let Some(hb) = page.blocks.get(h as usize) else {
        return Vec::new();
    };
    let mut a = root;
    let mut found = false;
    for _ in 0..6 {
        if page.contains(a, hb.container) {
            found = true;
            break;
        }
        let Some(p) = page.containers.get(a as usize).map(|c| c.parent) else {
            break;
        };
        if p == a || p == 0 {
            break;
        }
        a = p;
    }
    if !found || a == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, b) in page.blocks.iter().enumerate().skip(h as usize + 1).take(12) {
        if roots.iter().any(|r| page.contains(*r, b.container)) {
            break;
        }
        let len = b.text.chars().count();
        if b.region == BlockRegion::Body
            && page.contains(a, b.container)
            && len >= 150
            && b.link_density < 0.2
            && !is_heading(&b.tag)
            && !in_negative(page, b.container, a)
        {
            out.push(i as u32);
        }
    }
    out
}

/// Is there a boilerplate container between `c` and `root` (exclusive)?
fn in_negative(page: &Page, mut c: u32, root: u32) -> bool {
    for _ in 0..40 {
        if c == root || c == 0 {
            return false;
        }
        let Some(cont) = page.containers.get(c as usize) else {
            return false;
        };
        if has_word(&cont.attrs, NEGATIVE) && !has_word(&cont.attrs, &["content", "article", "detail", "body"]) {
            return true;
        }
        if matches!(cont.tag.as_str(), "aside" | "nav" | "form" | "figcaption") {
            return true;
        }
        c = cont.parent;
    }
    false
}

fn lead(page: &Page, m: &MainText) -> String {
    let start = m.headline_block.unwrap_or(0) as usize;
    for b in page.blocks.iter().skip(start).take(12) {
        let attrs = page
            .containers
            .get(b.container as usize)
            .map_or("", |c| c.attrs.as_str());
        if b.region == BlockRegion::Body
            && has_word(
                attrs,
                &[
                    "sapo",
                    "lead",
                    "summary",
                    "chapeau",
                    "description",
                    "excerpt",
                    "intro",
                    "desc",
                ],
            )
            && b.text.chars().count() >= 30
        {
            return b.text.clone();
        }
    }
    if let Some(d) = page.meta("og:description").or_else(|| page.meta("description"))
        && d.chars().count() >= 30
    {
        return d.to_owned();
    }
    m.blocks
        .first()
        .and_then(|i| page.blocks.get(*i as usize))
        .map(|b| b.text.clone())
        .unwrap_or_default()
}
