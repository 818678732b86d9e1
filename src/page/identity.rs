//! Identity: licence line and kind, self-label, newsroom titles (masthead), site name.
use serde::{Deserialize, Serialize};

use super::flat::{BlockRegion, Page, ld_types};
use super::{Evidence, PageModel, cap_chars};
use crate::text::lexicon::{Fold, Prepared};
use crate::text::normalize::fold;

/// Kind of licence a page claims.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceKind {
    /// No licence line on the page.
    #[default]
    None,
    /// Press licence (báo / tạp chí điện tử).
    Press,
    /// Licence to set up an aggregate information site (trang thông tin điện tử tổng hợp).
    Aggregate,
    /// Social-network licence.
    SocialNetwork,
    /// A licence line whose kind the page does not say.
    Unclear,
}

/// One licence line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Licence {
    pub kind: LicenceKind,
    /// What the kind rests on: `phrase` (licence-type phrase), `suffix` (number suffix),
    /// `suffix+masthead` (ministry suffix plus a press masthead), `none`.
    pub basis: String,
    /// Number as written, e.g. `1050/GP - BTTTT`.
    pub number: Option<String>,
    /// Number suffix normalised, e.g. `BTTTT`.
    pub code: Option<String>,
    /// Issuer as written on the line, if written.
    pub issuer: Option<String>,
    /// Date as written, if written.
    pub date: Option<String>,
    pub region: BlockRegion,
    pub evidence: Evidence,
}

/// A name the site gives itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelfLabel {
    /// aggregate | social_network | press | magazine | forum | portal
    pub kind: String,
    /// Where: title, site_name, description, header, nav, footer.
    pub place: String,
    pub evidence: Evidence,
}

/// A newsroom title of the masthead and what follows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewsroomTitle {
    /// Canonical title, e.g. "Tổng biên tập".
    pub title: String,
    /// The person named, for titles that name people.
    pub person: Option<String>,
    /// The value after the title (name, address, organisation), capped.
    pub value: String,
    /// newsroom | responsibility | owner | address (column `kind` of newsroom_titles.tsv).
    #[serde(default)]
    pub kind: String,
    pub evidence: Evidence,
}

/// The site's name and where it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteName {
    pub name: String,
    /// og:site_name | json-ld | title | application-name
    pub source: String,
}

/// Identity features of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Identity {
    pub site_name: Option<SiteName>,
    pub licences: Vec<Licence>,
    pub licence_kind: LicenceKind,
    pub self_labels: Vec<SelfLabel>,
    pub newsroom: Vec<NewsroomTitle>,
}

/// One line of the page: text and the block it comes from.
struct Line<'a> {
    text: &'a str,
    region: BlockRegion,
    link_density: f32,
    block: usize,
}

fn lines(page: &Page) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    for (i, b) in page.blocks.iter().enumerate() {
        for l in b.text.split('\n') {
            let t = l.trim();
            if !t.is_empty() {
                out.push(Line {
                    text: t,
                    region: b.region,
                    link_density: b.link_density,
                    block: i,
                });
            }
        }
    }
    out
}

/// Extracts identity features.
pub fn extract(page: &Page, model: &PageModel) -> Identity {
    let ls = lines(page);
    let mut id = Identity {
        newsroom: newsroom(page, &ls, model),
        self_labels: self_labels(page, &ls, model),
        site_name: site_name(page),
        ..Identity::default()
    };
    let press_masthead = id.newsroom.iter().any(|n| n.kind == "newsroom")
        || id.self_labels.iter().any(|s| s.kind == "press" || s.kind == "magazine");
    id.licences = licences(page, &ls, model, press_masthead);
    id.licence_kind = main_kind(&id.licences);
    id
}

fn main_kind(ls: &[Licence]) -> LicenceKind {
    // A definite kind wins over an unclear one; among definite kinds, footer lines first.
    let definite = |l: &&Licence| l.kind != LicenceKind::Unclear;
    ls.iter()
        .filter(definite)
        .find(|l| l.region == BlockRegion::Footer)
        .or_else(|| ls.iter().find(definite))
        .or_else(|| ls.first())
        .map_or(LicenceKind::None, |l| l.kind)
}

/// A licence number like `1050/GP - BTTTT`, `14GP/BC`, `41/GP-TTĐT`: (start, end, code).
pub fn find_licence_numbers(s: &str) -> Vec<(usize, usize, String)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        // "GP" (giấy phép) or "GXN" (giấy xác nhận, as social networks were registered).
        let tl = if b.get(i..i + 3).is_some_and(|w| w.eq_ignore_ascii_case(b"GXN")) {
            3
        } else if b.get(i..i + 2).is_some_and(|w| w.eq_ignore_ascii_case(b"GP")) {
            2
        } else {
            i += 1;
            continue;
        };
        // Backwards: spaces, optional '/', spaces, digits.
        let mut j = i;
        while j > 0 && b[j - 1] == b' ' {
            j -= 1;
        }
        if j > 0 && b[j - 1] == b'/' {
            j -= 1;
            while j > 0 && b[j - 1] == b' ' {
                j -= 1;
            }
        }
        let dig_end = j;
        while j > 0 && b[j - 1].is_ascii_digit() {
            j -= 1;
        }
        if j == dig_end || (j > 0 && b[j - 1].is_ascii_alphabetic()) {
            i += tl;
            continue;
        }
        let start = j;
        // Forwards: spaces, '-' '/' or en dash, spaces, upper-case letters (Đ, &).
        let rest = &s[i + tl..];
        let mut k = 0;
        let rb = rest.as_bytes();
        while k < rb.len() && rb[k] == b' ' {
            k += 1;
        }
        let sep = rest[k..].chars().next();
        if !matches!(sep, Some('-' | '/' | '–' | '.')) {
            i += tl;
            continue;
        }
        k += sep.map_or(1, char::len_utf8);
        while k < rb.len() && rb[k] == b' ' {
            k += 1;
        }
        let code_start = k;
        for c in rest[k..].chars() {
            if c.is_uppercase() || c == '&' || c.is_ascii_digit() {
                k += c.len_utf8();
            } else {
                break;
            }
        }
        if k == code_start {
            i += tl;
            continue;
        }
        // "GP- TT ĐT": a short code split by one space.
        if k - code_start <= 3 && rb.get(k) == Some(&b' ') {
            let tail = &rest[k + 1..];
            let w: usize = tail.chars().take_while(|c| c.is_uppercase()).map(char::len_utf8).sum();
            let after = tail[w..].chars().next();
            if (1..=6).contains(&w) && !after.is_some_and(char::is_alphanumeric) {
                k += 1 + w;
            }
        }
        let end = i + tl + k;
        let code: String = rest[code_start..k].chars().filter(|c| *c != '&' && *c != ' ').collect();
        out.push((start, end, code));
        i = end;
    }
    out
}

fn licences(page: &Page, ls: &[Line<'_>], model: &PageModel, press_masthead: bool) -> Vec<Licence> {
    let mut out: Vec<Licence> = Vec::new();
    for l in ls {
        let nums = find_licence_numbers(l.text);
        if nums.is_empty() {
            continue;
        }
        let folded = fold(l.text);
        if !folded.contains("giay phep")
            && !folded.contains("license")
            && !folded.contains("licence")
            && !folded.contains("gphd")
            && !folded.contains("so ")
            && !folded.contains("số")
        {
            // A bare "…/GP-…" in running text is a licence only when the line says so.
            if l.region == BlockRegion::Body && l.text.chars().count() > 120 {
                continue;
            }
        }
        // Kind phrases on this line, else in the same block.
        let on_line = model.licence_phrases.lexicon.find_in(l.text);
        let phrase_kind = kind_from_hits(&on_line, model).or_else(|| {
            page.blocks
                .get(l.block)
                .and_then(|b| kind_from_hits(&model.licence_phrases.lexicon.find_in(&b.text), model))
        });
        for (s, e, code) in nums {
            let number = l.text.get(s..e).unwrap_or("").trim().to_owned();
            if out
                .iter()
                .any(|o| o.number.as_deref().map(compact) == Some(compact(&number)))
            {
                continue;
            }
            let code_up = fold(&code).to_uppercase();
            let code_kind = model
                .licence_codes
                .iter()
                .find(|(k, _)| fold(k).to_uppercase() == code_up)
                .map(|(_, v)| v.0.as_str());
            let (kind, basis) = match (phrase_kind, code_kind) {
                (Some(k), _) => (k, "phrase"),
                (None, Some("press")) => (LicenceKind::Press, "suffix"),
                (None, Some("aggregate")) => (LicenceKind::Aggregate, "suffix"),
                (None, Some("ministry")) if press_masthead => (LicenceKind::Press, "suffix+masthead"),
                _ => (LicenceKind::Unclear, "none"),
            };
            let after = l.text.get(e..).unwrap_or("");
            let issuer = issuer(after, model).or_else(|| issuer(l.text.get(..s).unwrap_or(""), model));
            out.push(Licence {
                kind,
                basis: basis.to_owned(),
                number: Some(number.clone()),
                code: Some(code),
                issuer,
                date: find_date(after).map(str::to_owned),
                region: l.region,
                evidence: Evidence::new(&number, l.text),
            });
        }
    }
    out
}

fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

fn kind_from_hits(hits: &[crate::text::lexicon::Hit], model: &PageModel) -> Option<LicenceKind> {
    hits.iter().find_map(|h| match model.licence_phrases.label(h.entry) {
        "press" => Some(LicenceKind::Press),
        "aggregate" => Some(LicenceKind::Aggregate),
        "social_network" => Some(LicenceKind::SocialNetwork),
        _ => None,
    })
}

fn issuer(s: &str, model: &PageModel) -> Option<String> {
    let h = model.issuers.find_in(s).into_iter().next()?;
    let mut end = h.end;
    // "Sở Thông tin và Truyền thông Hà Nội": keep up to 3 capitalised words of place name.
    if fold(s.get(h.start..h.end).unwrap_or("")).starts_with("so ") {
        let tail = s.get(end..).unwrap_or("");
        let mut off = 0;
        for w in tail.split(' ').take(4) {
            if w.is_empty() {
                off += 1;
                continue;
            }
            let clean = w.trim_end_matches([',', '.', ';']);
            if !clean.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            end = h.end + off + clean.len();
            if clean.len() != w.len() {
                break;
            }
            off += w.len() + 1;
        }
    }
    s.get(h.start..end).map(|x| x.trim().to_owned())
}

/// The first date written in `s`: `15-07-2008`, `25.9.2003`, `17/10/2025`,
/// `9 tháng 10 năm 2012`, `September 22, 2021`.
pub fn find_date(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            if let Some(e) = numeric_date(b, i) {
                return s.get(i..e);
            }
            if let Some(e) = worded_date(s, i) {
                return s.get(i..e);
            }
        }
        i += 1;
    }
    const MONTHS: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    for m in MONTHS {
        if let Some(p) = s.find(m) {
            let rest = &s[p + m.len()..];
            let digits: usize = rest
                .char_indices()
                .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, ' ' | ','))
                .map(|(_, c)| c.len_utf8())
                .sum();
            let cand = rest[..digits].trim_end_matches([' ', ',']);
            if cand.chars().filter(char::is_ascii_digit).count() >= 5 {
                return s.get(p..p + m.len() + cand.len());
            }
        }
    }
    None
}

fn digits(b: &[u8], i: usize, min: usize, max: usize) -> Option<usize> {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() && j - i < max {
        j += 1;
    }
    (j - i >= min && !(j < b.len() && b[j].is_ascii_digit())).then_some(j)
}

fn numeric_date(b: &[u8], i: usize) -> Option<usize> {
    let d = digits(b, i, 1, 2)?;
    let sep = *b.get(d)?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let m = digits(b, d + 1, 1, 2)?;
    if *b.get(m)? != sep {
        return None;
    }
    let y = digits(b, m + 1, 4, 4)?;
    Some(y)
}

fn worded_date(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    let d = digits(b, i, 1, 2)?;
    let rest = s.get(d..)?;
    let t = rest.strip_prefix(" tháng ")?;
    let tb = t.as_bytes();
    let m = digits(tb, 0, 1, 2)?;
    let t2 = t.get(m..)?.strip_prefix(" năm ")?;
    let y = digits(t2.as_bytes(), 0, 4, 4)?;
    Some(s.len() - t2.len() + y)
}

fn newsroom(page: &Page, ls: &[Line<'_>], model: &PageModel) -> Vec<NewsroomTitle> {
    let mut out: Vec<NewsroomTitle> = Vec::new();
    // Links naming the newsroom ("Thông tin tòa soạn", "Mail gửi tòa soạn"), wherever they sit.
    for a in page.links.iter().take(3000) {
        let t = crate::text::normalize::squash_ws(&a.text);
        if t.is_empty() || t.split_whitespace().count() > 6 {
            continue;
        }
        if let Some(h) = model
            .newsroom
            .lexicon
            .find_in(&t)
            .into_iter()
            .find(|h| model.newsroom.extra(h.entry) == "no" && model.newsroom.column(h.entry, 3) == "newsroom")
        {
            let title = model.newsroom.label(h.entry).to_owned();
            if !out.iter().any(|o| o.title == title) {
                out.push(NewsroomTitle {
                    title,
                    person: None,
                    value: cap_chars(&t, 160),
                    kind: "newsroom".into(),
                    evidence: Evidence::new(t.get(h.start..h.end).unwrap_or(""), &t),
                });
            }
        }
    }
    for (li, l) in ls.iter().enumerate() {
        // "Thông tin tòa soạn", "Liên hệ Toà soạn": a short line (often a link) naming the newsroom.
        let short = l.text.split_whitespace().count() <= 6;
        if l.link_density > 0.5 && !short {
            continue;
        }
        let hits = model.newsroom.lexicon.find_in(l.text);
        if short
            && !l.text.contains([':', '：'])
            && let Some(h) = hits
                .iter()
                .find(|h| model.newsroom.extra(h.entry) == "no" && model.newsroom.column(h.entry, 3) == "newsroom")
        {
            let title = model.newsroom.label(h.entry).to_owned();
            if !out.iter().any(|o| o.title == title) {
                out.push(NewsroomTitle {
                    title,
                    person: None,
                    value: cap_chars(l.text, 160),
                    kind: "newsroom".into(),
                    evidence: Evidence::new(l.text.get(h.start..h.end).unwrap_or(""), l.text),
                });
            }
            continue;
        }
        if l.link_density > 0.5 {
            continue;
        }
        for (hi, h) in hits.iter().enumerate() {
            let phrase_is_of = fold(l.text.get(h.start..h.end).unwrap_or("")) == "co quan cua";
            let after = l.text.get(h.end..).unwrap_or("");
            let a = after.trim_start();
            let value_start = if let Some(v) = a.strip_prefix(':').or_else(|| a.strip_prefix('：')) {
                v
            } else if phrase_is_of && l.text[..h.start].trim().is_empty() {
                after
            } else {
                continue;
            };
            // The value ends at the next title on the line or at a separator.
            let next = hits.get(hi + 1).map_or(l.text.len(), |n| n.start);
            let vs_off = l.text.len() - value_start.len();
            let mut value = l.text.get(vs_off..next.max(vs_off)).unwrap_or("").trim();
            for sep in [
                " - ",
                " – ",
                " | ",
                "; Giấy",
                "Giấy phép",
                "Điện thoại",
                "ĐT:",
                "Email",
                "Tel",
            ] {
                if let Some(p) = value.find(sep) {
                    value = &value[..p];
                }
            }
            let mut value = value.trim().trim_end_matches([',', '.', ';', '-']).trim();
            // "Ban biên tập:" heading a block of names: the value is the next line.
            if value.is_empty()
                && hits.len() == 1
                && let Some(next) = ls.get(li + 1)
                && next.text.chars().count() <= 160
                && model.newsroom.lexicon.find_in(next.text).is_empty()
            {
                value = next.text;
            }
            if value.is_empty() {
                continue;
            }
            let title = model.newsroom.label(h.entry).to_owned();
            let names = model.newsroom.extra(h.entry) == "yes";
            let person = names.then(|| {
                let first = value.split(';').next().unwrap_or(value);
                cap_chars(first.trim(), 80)
            });
            if out.iter().any(|o| o.title == title && o.value == value) {
                continue;
            }
            out.push(NewsroomTitle {
                title,
                person,
                value: cap_chars(value, 160),
                kind: model.newsroom.column(h.entry, 3).to_owned(),
                evidence: Evidence::new(l.text.get(h.start..h.end).unwrap_or(""), l.text),
            });
        }
    }
    out
}

/// The `name` of the page's JSON-LD `Organization`, `NewsMediaOrganization` or `WebSite` objects
/// (`Page::json_ld` holds the top-level ones and a `@graph`'s, not those nested in an article, so a
/// publisher is left out): the site's own name.
fn own_names(page: &Page) -> Vec<&str> {
    const OWN: &[&str] = &["Organization", "NewsMediaOrganization", "WebSite"];
    let mut out = Vec::new();
    for v in &page.json_ld {
        if ld_types(v).iter().any(|t| OWN.contains(t))
            && let Some(n) = v.get("name").and_then(|n| n.as_str())
            && n.chars().count() <= 80
            && !out.contains(&n)
        {
            out.push(n);
        }
    }
    out
}

fn self_labels(page: &Page, ls: &[Line<'_>], model: &PageModel) -> Vec<SelfLabel> {
    let mut out: Vec<SelfLabel> = Vec::new();
    let push = |text: &str, place: &str, out: &mut Vec<SelfLabel>| {
        let p = Prepared::new(text, Fold::Auto);
        for h in model.self_labels.lexicon.find(&p) {
            let m = text.get(h.start..h.end).unwrap_or("");
            // A self-label names the site: written with a capital ("Báo …", "Mạng xã hội …"), or
            // a phrase of several words in the title ("đọc báo điện tử - Tuổi Trẻ Online").
            // Not "mạng xã hội" in a headline ("Lừa đảo trên mạng xã hội"): a topic, not the site.
            let kind = model.self_labels.label(h.entry);
            let several = m.split_whitespace().count() >= 2 && matches!(kind, "press" | "magazine");
            if !m.chars().next().is_some_and(char::is_uppercase)
                && !(several && (place == "title" || place == "site_name"))
            {
                continue;
            }
            // "Báo cáo", "báo giá": words that begin like a label and are none.
            if kind == "not" {
                continue;
            }
            // "Chuyên trang X - Báo Y": the newspaper named after a special page is its parent.
            if out.iter().any(|o| o.kind == "special_page" && o.place == place) {
                continue;
            }
            // "Bản quyền thuộc về Báo X", "Cơ quan của Báo X": an owner, not the site.
            let before = fold(text.get(..h.start).unwrap_or("")).trim_end().to_owned();
            if ["thuoc ve", "thuoc", "cua", "chu quan", "hop tac voi", "doi tac"]
                .iter()
                .any(|w| before.ends_with(w))
            {
                continue;
            }
            // "Báo" alone must be followed by a capitalised name ("Báo Dân trí"), or head a
            // segment of the title ("VnExpress - Báo tiếng Việt nhiều người xem nhất").
            let segment_head = place == "title" && (before.is_empty() || before.ends_with(['-', '|', '–', ':']));
            if fold(m) == "bao"
                && !segment_head
                && !text
                    .get(h.end..)
                    .unwrap_or("")
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            {
                continue;
            }
            if out.iter().any(|o| o.kind == kind && o.place == place) {
                continue;
            }
            out.push(SelfLabel {
                kind: kind.to_owned(),
                place: place.to_owned(),
                evidence: Evidence::new(m, text),
            });
        }
    };
    push(&page.title, "title", &mut out);
    if let Some(s) = page.meta("og:site_name") {
        push(s, "site_name", &mut out);
    }
    // The name the site gives itself in its metadata: the web-app name and the JSON-LD
    // organisation or web site ("Báo Mới" on an aggregator).
    for k in ["application-name", "apple-mobile-web-app-title"] {
        if let Some(s) = page.meta(k) {
            push(s, "site_name", &mut out);
        }
    }
    for name in own_names(page) {
        push(name, "site_name", &mut out);
    }
    for l in ls {
        // The logo or masthead of the header is often a link ("Tạp Chí Đông Y"): short ones count.
        let logo = l.region == BlockRegion::Header
            && l.text.split_whitespace().count() <= 6
            && page.links.iter().any(|a| {
                a.block as usize == l.block && a.text.trim() == l.text && links_home(&a.href, page.url.as_deref())
            });
        if l.region == BlockRegion::Body || (l.link_density > 0.5 && !logo) || l.text.chars().count() > 300 {
            continue;
        }
        let place = match l.region {
            BlockRegion::Header => "header",
            BlockRegion::Nav => "nav",
            _ => "footer",
        };
        // A licence line names the licence, not the site.
        if !find_licence_numbers(l.text).is_empty() {
            continue;
        }
        push(l.text, place, &mut out);
    }
    out
}

/// Does `href` lead to the site's front page (`/`, `./index.html`, `https://host/`)?
fn links_home(href: &str, page_url: Option<&str>) -> bool {
    let h = href.trim();
    if matches!(
        h,
        "/" | "./" | "." | "index.html" | "./index.html" | "/index.html" | "index.php" | "/index.php"
    ) {
        return true;
    }
    let host = |u: &str| {
        u.split("://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .map(|x| x.trim_start_matches("www.").to_ascii_lowercase())
    };
    h.contains("://") && super::layout::front_page_url(h) && page_url.is_none_or(|u| host(u) == host(h))
}

fn site_name(page: &Page) -> Option<SiteName> {
    let mk = |n: &str, s: &str| {
        let n = crate::text::normalize::squash_ws(n);
        (!n.is_empty()).then(|| SiteName {
            name: n,
            source: s.to_owned(),
        })
    };
    if let Some(n) = page.meta("og:site_name").and_then(|n| mk(n, "og:site_name")) {
        return Some(n);
    }
    for v in &page.json_ld {
        let name = v
            .get("publisher")
            .and_then(|p| p.get("name"))
            .and_then(|n| n.as_str())
            .or_else(|| {
                (v.get("@type").and_then(|t| t.as_str()) == Some("WebSite"))
                    .then(|| v.get("name").and_then(|n| n.as_str()))
                    .flatten()
            });
        if let Some(n) = name.and_then(|n| mk(n, "json-ld")) {
            return Some(n);
        }
    }
    if let Some(n) = page.meta("application-name").and_then(|n| mk(n, "application-name")) {
        return Some(n);
    }
    let segs: Vec<&str> = page
        .title
        .split(['|', '–', '—'])
        .flat_map(|s| s.split(" - "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let host = page
        .url
        .as_deref()
        .or(page.canonical.as_deref())
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    let label = host
        .trim_start_matches("www.")
        .split('.')
        .next()
        .unwrap_or("")
        .to_owned();
    if !label.is_empty() {
        for s in &segs {
            let c: String = fold(s).chars().filter(|c| c.is_alphanumeric()).collect();
            if c.contains(&label) || (c.len() >= 4 && label.contains(&c)) {
                return mk(s, "title");
            }
        }
    }
    if segs.len() >= 2 {
        return segs.last().and_then(|s| mk(s, "title"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_numbers_as_written() {
        let f = |s: &str| {
            find_licence_numbers(s)
                .into_iter()
                .map(|(a, b, c)| (s[a..b].to_owned(), c))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            f("số 1050/GP - BTTTT Hà Nội"),
            vec![("1050/GP - BTTTT".into(), "BTTTT".into())]
        );
        assert_eq!(
            f("Giấy phép xuất bản số 14GP/BC cấp"),
            vec![("14GP/BC".into(), "BC".into())]
        );
        assert_eq!(f("ICP số: 41/GP-TTĐT."), vec![("41/GP-TTĐT".into(), "TTĐT".into())]);
        assert_eq!(
            f("số 1872/GP- BTTTT cấp"),
            vec![("1872/GP- BTTTT".into(), "BTTTT".into())]
        );
        assert!(f("GPS tracker 12 GPU").is_empty());
    }

    #[test]
    fn dates_as_written() {
        assert_eq!(find_date(" Hà Nội, ngày 15-07-2008."), Some("15-07-2008"));
        assert_eq!(
            find_date(" cấp ngày 9 tháng 10 năm 2012 của Bộ"),
            Some("9 tháng 10 năm 2012")
        );
        assert_eq!(find_date(", cấp ngày 17/10/2025"), Some("17/10/2025"));
        assert_eq!(find_date(" cấp ngày 25.9.2003"), Some("25.9.2003"));
        assert_eq!(
            find_date(", Communications, September 22, 2021"),
            Some("September 22, 2021")
        );
    }
}
