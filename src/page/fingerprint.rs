//! Operator fingerprints of a page: analytics, tag-manager and AdSense ids, site-verification tokens and the owner block (company, tax code, phone), normalised.
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};

use super::flat::{BlockRegion, Page};
use crate::text::normalize::fold_char;

/// One operator fingerprint: what two sites must both show to be linked as "same operator".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    /// `ga` (Universal Analytics account), `ga4`, `gtm`, `adsense`, `verify-google`,
    /// `verify-facebook`, `verify-yandex`, `verify-bing`, `tax-code`, `phone`, `company`, `owner`.
    pub kind: String,
    /// The normalised value (`UA-3070916`, `G-D40MBMET7Z`, `ca-pub-…`, digits of a phone or tax
    /// code, the lower-cased company name).
    pub value: String,
}

impl Fingerprint {
    fn new(kind: &str, value: String) -> Self {
        Fingerprint {
            kind: kind.to_owned(),
            value,
        }
    }

    /// `kind:value`, as findings and `groups.jsonl` show it.
    pub fn key(&self) -> String {
        format!("{}:{}", self.kind, self.value)
    }
}

/// Ids read from the raw HTML per page (a page carrying more is a widget farm, not one operator).
pub const MAX_IDS: usize = 12;
/// Fingerprints kept per page.
pub const MAX_PER_PAGE: usize = 16;
/// Owner-block lines looked at per page.
const MAX_OWNER_LINES: usize = 200;

/// The id prefixes all start with an upper-case `U` or `G` (rare in HTML), so the automaton
/// skips ahead on those two bytes; `pub-` (AdSense) is looked for on its own.
static IDS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| AhoCorasick::new(["UA-", "G-", "GTM-"]).ok());
static PUB: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("pub-"));

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Bytes that may stand before an id in script, attribute or URL text (`'UA-…'`, `id=G-…`,
/// `"GTM-…"`, `&quot;G-…`): an id after a space or `>` is visible text, not a tag.
fn opens_id(b: Option<u8>) -> bool {
    matches!(
        b,
        Some(b'\'' | b'"' | b'=' | b'/' | b'(' | b'[' | b',' | b':' | b'`' | b';')
    )
}

/// The run of bytes of `b` from `i` satisfying `ok`, at most `max` long.
fn run(b: &[u8], i: usize, max: usize, ok: impl Fn(u8) -> bool) -> usize {
    b.get(i..)
        .unwrap_or(&[])
        .iter()
        .take(max + 1)
        .take_while(|c| ok(**c))
        .count()
}

/// Google Analytics (UA account, GA4), Tag Manager and AdSense ids in the raw HTML of a page:
/// gtag / analytics.js / GTM snippets, `googletagmanager.com/…?id=`, `data-ad-client`,
/// `adsbygoogle.js?client=`. `ca-host-pub-` (the hosting platform's id) is not the operator's.
pub fn scan_ids(html: &str) -> Vec<Fingerprint> {
    let Some(ac) = IDS.as_ref() else {
        return Vec::new();
    };
    let b = html.as_bytes();
    let mut out: Vec<Fingerprint> = Vec::new();
    let google = ac.find_iter(b).map(|m| (m.start(), m.end(), m.pattern().as_usize()));
    let adsense = PUB.find_iter(b).map(|s| (s, s + 4, 3));
    for (s, e, kind) in google.chain(adsense) {
        if out.len() >= MAX_IDS {
            break;
        }
        let prev = s.checked_sub(1).and_then(|i| b.get(i)).copied();
        let id = match kind {
            0 => {
                // UA-<account>-<property>: the account names the operator.
                let acc = run(b, e, 10, |c| c.is_ascii_digit());
                let dash = e + acc;
                let prop = run(b, dash + 1, 4, |c| c.is_ascii_digit());
                let end = dash + 1 + prop;
                let ok = opens_id(prev)
                    && (4..=10).contains(&acc)
                    && b.get(dash) == Some(&b'-')
                    && (1..=4).contains(&prop)
                    && !b.get(end).is_some_and(|c| is_word(*c));
                ok.then(|| Fingerprint::new("ga", format!("UA-{}", &html[e..dash])))
            }
            1 => {
                let n = run(b, e, 12, |c| c.is_ascii_uppercase() || c.is_ascii_digit());
                let tail = b.get(e..e + n).unwrap_or(&[]);
                let ok = opens_id(prev)
                    && (8..=12).contains(&n)
                    && tail.iter().any(u8::is_ascii_digit)
                    && tail.iter().any(u8::is_ascii_uppercase)
                    && !b.get(e + n).is_some_and(|c| is_word(*c) || *c == b'-');
                ok.then(|| Fingerprint::new("ga4", html[s..e + n].to_owned()))
            }
            2 => {
                let n = run(b, e, 10, |c| c.is_ascii_uppercase() || c.is_ascii_digit());
                let ok = opens_id(prev) && (4..=10).contains(&n) && !b.get(e + n).is_some_and(|c| is_word(*c));
                ok.then(|| Fingerprint::new("gtm", html[s..e + n].to_owned()))
            }
            _ => {
                // ca-pub-<digits> (and the same publisher's partner-pub- search id).
                let n = run(b, e, 20, |c| c.is_ascii_digit());
                let before = &b[..s];
                let ca = before.strip_suffix(b"ca-").is_some_and(|r| opens_id(r.last().copied()))
                    || before
                        .strip_suffix(b"partner-")
                        .is_some_and(|r| opens_id(r.last().copied()));
                let ok = ca && (10..=20).contains(&n) && !b.get(e + n).is_some_and(|c| is_word(*c));
                ok.then(|| Fingerprint::new("adsense", format!("ca-pub-{}", &html[e..e + n])))
            }
        };
        if let Some(id) = id
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}

/// Site-verification meta tags and the kind they give.
const VERIFY: &[(&str, &str)] = &[
    ("google-site-verification", "verify-google"),
    ("facebook-domain-verification", "verify-facebook"),
    ("yandex-verification", "verify-yandex"),
    ("msvalidate.01", "verify-bing"),
];

/// Every fingerprint of a page: the ids its HTML carries (read by the parser into
/// `Page::operator_ids`), its site-verification tokens and its owner block (footer lines naming
/// the company, its tax code and phone). Sorted, each once, at most [`MAX_PER_PAGE`].
pub fn extract(page: &Page) -> Vec<Fingerprint> {
    let mut out: Vec<Fingerprint> = page.operator_ids.clone();
    for (name, v) in &page.meta {
        if let Some((_, kind)) = VERIFY.iter().find(|(n, _)| name == n) {
            let v = v.trim();
            if (8..=128).contains(&v.len()) && v.bytes().all(|c| is_word(c) || c == b'-') {
                out.push(Fingerprint::new(kind, v.to_owned()));
            }
        }
    }
    owner_block(page, &mut out);
    out.sort();
    out.dedup();
    out.truncate(MAX_PER_PAGE);
    out
}

/// The lines an owner block is read from: the footer's, else the page's last body blocks.
fn owner_lines(page: &Page) -> Vec<&str> {
    let footer: Vec<&str> = page
        .blocks
        .iter()
        .filter(|b| b.region == BlockRegion::Footer)
        .flat_map(|b| b.text.lines())
        .take(MAX_OWNER_LINES)
        .collect();
    if !footer.is_empty() {
        return footer;
    }
    let n = page.blocks.len();
    page.blocks
        .iter()
        .skip(n.saturating_sub(12))
        .filter(|b| b.region == BlockRegion::Body)
        .flat_map(|b| b.text.lines())
        .take(MAX_OWNER_LINES)
        .collect()
}

/// A line, lower-cased, and its folded twin (no diacritics), char for char.
struct Folded {
    lower: Vec<char>,
    folded: Vec<char>,
    /// `folded` as a string, for a quick `contains` before the char-by-char search.
    text: String,
}

impl Folded {
    fn new(line: &str) -> Self {
        let mut lower = Vec::with_capacity(line.len());
        let mut folded = Vec::with_capacity(line.len());
        let mut text = String::with_capacity(line.len());
        for c in line.chars() {
            if crate::text::normalize::is_combining_mark(c) {
                continue;
            }
            let l = c.to_lowercase().next().unwrap_or(c);
            lower.push(l);
            let f = fold_char(c);
            folded.push(f);
            text.push(f);
        }
        Folded { lower, folded, text }
    }

    /// Char positions where the folded word(s) `w` start, bounded by non-alphanumerics.
    fn find_words(&self, word: &str) -> Vec<usize> {
        if !self.text.contains(word) {
            return Vec::new();
        }
        let w: Vec<char> = word.chars().collect();
        let f = &self.folded;
        let mut at = Vec::new();
        if w.is_empty() || f.len() < w.len() {
            return at;
        }
        for i in 0..=f.len() - w.len() {
            if f[i..i + w.len()] == w[..]
                && (i == 0 || !f[i - 1].is_alphanumeric())
                && f.get(i + w.len()).is_none_or(|c| !c.is_alphanumeric())
            {
                at.push(i);
            }
        }
        at
    }
}

const TAX_MARKERS: &[&str] = &[
    "ma so thue",
    "mst",
    "ma so doanh nghiep",
    "msdn",
    "ma doanh nghiep",
    "so dkkd",
    "dkkd so",
    "dkkd",
    "giay chung nhan dang ky doanh nghiep so",
    "giay chung nhan dang ky kinh doanh so",
];
const PHONE_MARKERS: &[&str] = &[
    "dien thoai",
    "dt",
    "sdt",
    "tel",
    "hotline",
    "duong day nong",
    "phone",
    "di dong",
];
const COMPANY_MARKERS: &[&str] = &["cong ty", "cty", "tap doan"];
const OWNER_MARKERS: &[&str] = &[
    "co quan chu quan",
    "don vi chu quan",
    "ban quyen thuoc ve",
    "ban quyen thuoc",
];
/// Words of an owner block's line.
const OWNER_CONTEXT: &[&str] = &[
    "mst",
    "ma so",
    "dia chi",
    "tru so",
    "giay phep",
    "chu quan",
    "dkkd",
    "ban quyen",
    "copyright",
    "chiu trach nhiem",
];
/// A line crediting the site's builder or host, not its owner.
const VENDOR_MARKERS: &[&str] = &[
    "thiet ke",
    "design",
    "developed",
    "phat trien boi",
    "powered",
    "hosting",
    "cung cap boi",
    "giai phap web",
];
/// Words ending a company name.
const NAME_ENDS: &[&str] = &[
    "ma so",
    "mst",
    "msdn",
    "dia chi",
    "tru so",
    "giay",
    "dien thoai",
    "dt",
    "tel",
    "hotline",
    "email",
    "so dkkd",
    "dkkd",
    "chiu trach",
    "ban quyen",
    "website",
    "fax",
    "van phong",
    "chi nhanh",
    "cap ngay",
];

fn owner_block(page: &Page, out: &mut Vec<Fingerprint>) {
    for line in owner_lines(page) {
        if line.len() > 600 || !might_own(line) {
            continue;
        }
        let l = Folded::new(line);
        if VENDOR_MARKERS.iter().any(|m| !l.find_words(m).is_empty()) {
            continue;
        }
        for m in TAX_MARKERS {
            for at in l.find_words(m) {
                if let Some(v) = tax_code(&l.folded[at + m.chars().count()..]) {
                    out.push(Fingerprint::new("tax-code", v));
                }
            }
        }
        for m in PHONE_MARKERS {
            for at in l.find_words(m) {
                for v in phones(&l.folded[at + m.chars().count()..]) {
                    out.push(Fingerprint::new("phone", v));
                }
            }
        }
        // A company named at the start of a line, or on a line of the owner block (tax code,
        // address, licence…): not one mentioned in passing.
        let owner_line = OWNER_CONTEXT.iter().any(|m| !l.find_words(m).is_empty());
        for m in COMPANY_MARKERS {
            if let Some(&at) = l.find_words(m).first()
                && (owner_line || l.folded[..at].iter().all(|c| !c.is_alphabetic()))
                && let Some(v) = name(&l, at, 4)
            {
                out.push(Fingerprint::new("company", v.replacen("cty ", "công ty ", 1)));
                break;
            }
        }
        for m in OWNER_MARKERS {
            if let Some(&at) = l.find_words(m).first() {
                let mut i = at + m.chars().count();
                while l.folded.get(i).is_some_and(|c| matches!(c, ':' | ' ' | '-')) {
                    i += 1;
                }
                if let Some(v) = name(&l, i, 2) {
                    out.push(Fingerprint::new("owner", v));
                }
                break;
            }
        }
    }
}

/// Can the line hold an owner-block value (a number, or a company / owner phrase)? A byte test
/// before the line is folded: most footer lines (menus, links) are skipped here.
fn might_own(line: &str) -> bool {
    line.bytes().any(|c| c.is_ascii_digit())
        || ["ty", "TY", "Ty", "oàn", "OÀN", "quản", "QUẢN", "quyền", "QUYỀN"]
            .iter()
            .any(|m| line.contains(m))
}

/// The 10-digit tax code after a marker (`: 0314553284`, `số 0101234567-001`), within 24 chars.
fn tax_code(after: &[char]) -> Option<String> {
    let start = after.iter().take(24).position(char::is_ascii_digit)?;
    let skipped = &after[..start];
    if skipped.iter().any(|c| c.is_alphabetic()) && !skipped.iter().collect::<String>().contains("so") {
        return None;
    }
    let digits: String = after[start..].iter().take_while(|c| c.is_ascii_digit()).collect();
    (digits.len() == 10 || digits.len() == 13).then(|| digits[..10].to_owned())
}

/// Phone numbers after a marker (up to two, within 64 chars), normalised to national digits
/// (`+84 28 …` → `028…`): 10 or 11 digits from 0, or an 8/10-digit 1800/1900 number.
fn phones(after: &[char]) -> Vec<String> {
    let text: String = after.iter().take(64).collect();
    let mut out = Vec::new();
    let text = text.replace(" - ", "|").replace(" – ", "|");
    for chunk in text.split(['|', ',', ';', '/', '–', '—']) {
        let chunk = chunk.trim_start_matches(|c: char| !(c.is_ascii_digit() || c == '+' || c == '('));
        let mut digits = String::new();
        for c in chunk.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '.' | '-' | '(' | ')' | '+' => {}
                _ => break,
            }
            if digits.len() > 13 {
                break;
            }
        }
        // 00 is the international prefix (`0084…`, `(+84-04)`).
        let digits = digits.strip_prefix("00").map_or(digits.clone(), str::to_owned);
        let national = match digits.strip_prefix("84") {
            Some(r) if (9..=10).contains(&r.len()) => format!("0{r}"),
            _ => digits,
        };
        let ok = (national.starts_with('0') && (10..=11).contains(&national.len()))
            || ((national.starts_with("1900") || national.starts_with("1800")) && matches!(national.len(), 8 | 10));
        if ok && !out.contains(&national) {
            out.push(national);
        }
        if out.len() >= 2 {
            break;
        }
    }
    out
}

/// A name from char `at` of the line to its end (punctuation, a separator dash, or a word such as
/// "địa chỉ", "MST"), lower-cased and squashed; `None` under `min_words` words or over 14.
fn name(l: &Folded, at: usize, min_words: usize) -> Option<String> {
    let mut end = l.lower.len();
    for (i, c) in l.folded.iter().enumerate().skip(at) {
        let sep_dash = matches!(c, '-' | '–' | '—') && l.folded.get(i + 1).is_none_or(|n| *n == ' ');
        if matches!(c, ',' | ';' | '|' | '(' | ')' | ':' | '"' | '“' | '”' | '.' | '©') || sep_dash {
            end = i;
            break;
        }
    }
    for w in NAME_ENDS {
        if let Some(&p) = l.find_words(w).iter().find(|&&p| p > at && p < end) {
            end = p;
        }
    }
    let raw: String = l.lower.get(at..end)?.iter().collect();
    let words: Vec<&str> = raw.split_whitespace().collect();
    if words.len() < min_words || words.len() > 14 || !words.iter().any(|w| w.chars().any(char::is_alphabetic)) {
        return None;
    }
    Some(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(h: &str) -> Vec<String> {
        scan_ids(h).iter().map(Fingerprint::key).collect()
    }

    #[test]
    fn ids_in_snippets() {
        let h = r#"<script async src="https://www.googletagmanager.com/gtag/js?id=G-D40MBMET7Z"></script>
<script>gtag('config','G-D40MBMET7Z');ga('create', 'UA-49300843-2', 'auto');
})(window,document,'script','dataLayer','GTM-N3FNJF');</script>
<ins class="adsbygoogle" data-ad-client="ca-pub-6307797943563198"></ins>
<meta name="google-adsense-platform-account" content="ca-host-pub-2644536267352236">
<p>Mẫu xe G-CLASS và UA-2023 ra mắt; mã GTM-ABCD trong bài</p>"#;
        assert_eq!(
            ids(h),
            [
                "ga4:G-D40MBMET7Z",
                "ga:UA-49300843",
                "gtm:GTM-N3FNJF",
                "adsense:ca-pub-6307797943563198"
            ]
        );
    }

    #[test]
    fn owner_lines_normalised() {
        let l = Folded::new("Công ty CP Truyền thông An Bình - MST: 0314553284 - Tel: +8428 6266 2222 - 0973.777.779");
        let mut out = Vec::new();
        for m in PHONE_MARKERS {
            for at in l.find_words(m) {
                out.extend(phones(&l.folded[at + m.chars().count()..]));
            }
        }
        assert_eq!(out, ["02862662222", "0973777779"]);
        let at = l.find_words("mst")[0];
        assert_eq!(tax_code(&l.folded[at + 3..]).as_deref(), Some("0314553284"));
        assert_eq!(
            name(&l, l.find_words("cong ty")[0], 4).as_deref(),
            Some("công ty cp truyền thông an bình")
        );
        let v = Folded::new("Thiết kế website bởi Công ty TNHH Web Việt - Hotline 0909 123 456");
        assert!(VENDOR_MARKERS.iter().any(|m| !v.find_words(m).is_empty()));
    }
}
