//! Page building shared by both parsers: the walk's frames, text blocks, opening and closing
//! elements, links and JSON-LD. A parser only turns HTML into calls of these functions.
use super::flat::{Block, BlockRegion, Container, Link, Page, Widget};
use crate::text::normalize::squash_ws;

/// HTML beyond this many bytes is not parsed (the rest of the page is dropped and flagged).
pub const MAX_PARSE_BYTES: usize = 8 * 1024 * 1024;
/// Text kept per block, in bytes (a longer block is cut at a char boundary).
const MAX_BLOCK_BYTES: usize = 64 * 1024;
/// Anchor text kept per link, in bytes.
pub(crate) const MAX_LINK_TEXT: usize = 512;
/// Attribute text kept per container/widget, in bytes.
const MAX_ATTR: usize = 160;
/// Blocks, links and containers kept per page.
const MAX_ITEMS: usize = 200_000;

#[cfg_attr(not(test), allow(dead_code))]
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "option",
];

#[cfg_attr(not(test), allow(dead_code))]
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "select", "textarea",
    "button", "canvas", "video", "audio", "head",
];

/// `BLOCK_TAGS.contains(name)`, compiled to a match.
fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "caption"
            | "option"
    )
}

/// `SKIP_TAGS.contains(name)`, compiled to a match.
fn is_skip_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "select"
            | "textarea"
            | "button"
            | "canvas"
            | "video"
            | "audio"
            | "head"
    )
}

#[derive(Clone, Copy)]
pub(crate) struct Frame {
    pub(crate) region: BlockRegion,
    pub(crate) skip: bool,
    pub(crate) link: Option<u32>,
    pub(crate) container: u32,
    /// This element opened a container (its close ends a block).
    pub(crate) is_block: bool,
    /// Index into `widgets` of an enclosing form.
    pub(crate) form: Option<u32>,
    /// Inside an `article` or `main` element (or role=article/main): a header there is the
    /// article's own header (headline, dateline, sapo), not the site's banner (HTML-AAM maps
    /// `header` to the banner landmark only outside sectioning content).
    pub(crate) in_content: bool,
}

pub(crate) struct Walker<'p> {
    pub(crate) page: &'p mut Page,
    pub(crate) buf: String,
    pub(crate) link_chars: usize,
    pub(crate) pending_space: bool,
}

/// Byte length of the `char::is_whitespace` character starting at byte `i` of UTF-8 `b`, else 0
/// (continuation bytes give 0, so stepping byte by byte is safe).
#[inline]
fn ws_len(b: &[u8], i: usize) -> usize {
    match b.get(i..).unwrap_or(&[]) {
        [9..=13 | 32, ..] => 1,
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Characters in `s` (UTF-8 lead bytes).
#[inline]
fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| (b & 0xC0) != 0x80).count()
}

/// Characters of `s` that are not whitespace.
fn non_ws_chars(s: &str) -> usize {
    let b = s.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        let w = ws_len(b, i);
        if w > 0 {
            i += w;
        } else {
            n += usize::from((b.get(i).copied().unwrap_or(0) & 0xC0) != 0x80);
            i += 1;
        }
    }
    n
}

impl Walker<'_> {
    pub(crate) fn push_text(&mut self, t: &str, in_link: bool) {
        if self.buf.len() >= MAX_BLOCK_BYTES {
            return;
        }
        // Words between Unicode whitespace (byte scan; see `ws_len`).
        let b = t.as_bytes();
        let mut i = 0;
        let mut ends_ws = false;
        while i < b.len() {
            let n = ws_len(b, i);
            if n > 0 {
                self.pending_space = true;
                ends_ws = true;
                i += n;
                continue;
            }
            let start = i;
            while i < b.len() && ws_len(b, i) == 0 {
                i += 1;
            }
            ends_ws = false;
            let w = t.get(start..i).unwrap_or("");
            if self.pending_space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
                self.buf.push(' ');
            }
            self.pending_space = true;
            self.buf.push_str(w);
            if in_link {
                self.link_chars += char_count(w);
            }
        }
        // A text node not ending in whitespace does not force a space before the next one.
        if !ends_ws {
            self.pending_space = false;
        }
    }

    pub(crate) fn line_break(&mut self) {
        while self.buf.ends_with(' ') {
            self.buf.pop();
        }
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push('\n');
        }
        self.pending_space = false;
    }

    pub(crate) fn flush(&mut self, f: &Frame) {
        let text = self.buf.trim();
        if !text.is_empty() && self.page.blocks.len() < MAX_ITEMS {
            let mut text = text.to_owned();
            crate::text::normalize::nfc_in_place(&mut text);
            let chars = non_ws_chars(&text).max(1);
            let tag = self
                .page
                .containers
                .get(f.container as usize)
                .map(|c| c.tag.clone())
                .unwrap_or_default();
            self.page.blocks.push(Block {
                region: f.region,
                path: path_of(&self.page.containers, f.container),
                tag,
                container: f.container,
                text,
                link_density: (self.link_chars as f32 / chars as f32).min(1.0),
            });
        }
        self.buf.clear();
        self.link_chars = 0;
        self.pending_space = false;
    }
}

fn path_of(cs: &[Container], mut id: u32) -> String {
    let mut parts = Vec::with_capacity(4);
    for _ in 0..4 {
        let Some(c) = cs.get(id as usize) else { break };
        let mut p = c.tag.clone();
        if let Some(first) = c.attrs.split_whitespace().next() {
            p.push('.');
            p.push_str(first);
        }
        parts.push(p);
        if id == 0 {
            break;
        }
        id = c.parent;
    }
    parts.reverse();
    parts.join(">")
}

pub(crate) fn cap(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut e = n;
    while !s.is_char_boundary(e) {
        e -= 1;
    }
    &s[..e]
}

pub(crate) fn region_of(tag: &str, attrs: &str, role: Option<&str>) -> Option<BlockRegion> {
    match tag {
        "footer" => return Some(BlockRegion::Footer),
        "nav" => return Some(BlockRegion::Nav),
        "header" => return Some(BlockRegion::Header),
        _ => {}
    }
    match role {
        Some("contentinfo") => return Some(BlockRegion::Footer),
        Some("navigation") => return Some(BlockRegion::Nav),
        Some("banner") => return Some(BlockRegion::Header),
        _ => {}
    }
    for tok in attrs.split(|c: char| c.is_whitespace()) {
        let t = tok.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if t.is_empty() {
            continue;
        }
        if matches!(
            t,
            "footer" | "site-footer" | "main-footer" | "page-footer" | "foot" | "bottom" | "copyright" | "ft"
        ) || t.starts_with("footer")
            || t.ends_with("footer")
            || t.ends_with("_footer")
        {
            return Some(BlockRegion::Footer);
        }
        if t.starts_with("menu")
            || t.ends_with("menu")
            || t == "nav"
            || t.starts_with("nav-")
            || t.starts_with("nav_")
            || t.starts_with("navbar")
            || t == "navigation"
            || t.ends_with("-nav")
        {
            return Some(BlockRegion::Nav);
        }
        if matches!(
            t,
            "header" | "site-header" | "masthead" | "main-header" | "page-header" | "top-header"
        ) {
            return Some(BlockRegion::Header);
        }
    }
    None
}

pub(crate) fn is_widget(tag: &str, attrs: &str) -> bool {
    tag == "form"
        || attrs.contains("comment")
        || attrs.contains("binh-luan")
        || attrs.contains("binhluan")
        || attrs.contains("disqus")
        || attrs.contains("fb-")
        || attrs.contains("facebook.com/plugins")
}

/// What both parsers start from: the empty page (with its document container), the HTML they
/// parse (capped at [`MAX_PARSE_BYTES`]) and the root frame of the walk.
pub(crate) fn start<'h>(html: &'h str, url: Option<&str>) -> (Page, &'h str, Frame) {
    let mut page = Page {
        url: url.map(str::to_owned).filter(|u| !u.is_empty()),
        html_bytes: html.len() as u64,
        truncated: html.len() > MAX_PARSE_BYTES,
        ..Page::default()
    };
    page.containers.push(Container {
        parent: 0,
        last: 0,
        tag: "#document".into(),
        attrs: String::new(),
        region: BlockRegion::Body,
    });
    let html = cap(html, MAX_PARSE_BYTES);
    page.operator_ids = super::fingerprint::scan_ids(html);
    let root = Frame {
        region: BlockRegion::Body,
        skip: false,
        link: None,
        container: 0,
        is_block: false,
        form: None,
        in_content: false,
    };
    (page, html, root)
}

/// Opens element `name` under frame `top`: page-level facts (lang, meta, canonical, times,
/// itemprops, widgets, links, containers) and the frame of its children. Shared by both parsers.
/// `item_text` gives the text of an itemprop element without a value attribute (the streaming
/// parser returns `None` and fills the value in when the element closes).
pub(crate) fn open_element<'b>(
    w: &mut Walker<'_>,
    top: Frame,
    name: &str,
    attr: &dyn Fn(&str) -> Option<&'b str>,
    item_text: &mut dyn FnMut() -> Option<String>,
) -> Frame {
    let mut f = top;
    f.is_block = false;
    match name {
        "html" => {
            if let Some(l) = attr("lang") {
                w.page.html_lang = cap(l.trim(), 32).to_owned();
            }
        }
        "meta" => {
            let key = attr("property").or_else(|| attr("name")).or_else(|| attr("itemprop"));
            if let (Some(k), Some(v)) = (key, attr("content")) {
                w.page
                    .meta
                    .push((k.trim().to_ascii_lowercase(), unescape_entities(cap(v.trim(), 2048))));
            }
        }
        "link" => {
            let rel = attr("rel").unwrap_or("");
            if w.page.canonical.is_none() && rel.eq_ignore_ascii_case("canonical") {
                w.page.canonical = attr("href").map(|h| h.trim().to_owned()).filter(|h| !h.is_empty());
            }
        }
        "script" => {
            if let Some(s) = attr("src") {
                let s = s.to_ascii_lowercase();
                if is_widget("script", &s) && w.page.widgets.len() < 1000 {
                    w.page.widgets.push(Widget {
                        tag: "script".into(),
                        attrs: cap(&s, MAX_ATTR).to_owned(),
                        has_textarea: false,
                        container: top.container,
                    });
                }
            }
        }
        _ => {}
    }
    if name == "time"
        && let Some(d) = attr("datetime")
        && w.page.times.len() < 100
    {
        w.page.times.push(cap(d.trim(), 64).to_owned());
    }
    if name != "meta"
        && let Some(ip) = attr("itemprop")
        && w.page.itemprops.len() < 1000
    {
        let v = match attr("datetime").or_else(|| attr("content")) {
            Some(v) => v.to_owned(),
            None => item_text().unwrap_or_default(),
        };
        w.page.itemprops.push((ip.trim().to_ascii_lowercase(), v));
    }
    if name == "article" {
        w.page.article_tags += 1;
    }
    let idclass = id_class(attr("id"), attr("class"));
    let page_level = matches!(name, "html" | "body" | "main" | "form");
    if let Some(r) = region_of(name, &idclass, attr("role")).filter(|_| !page_level) {
        // A header/nav inside the footer stays footer; a footer anywhere is footer. A header
        // inside the article or main content is the article's header and stays body.
        let own_header = r == BlockRegion::Header && f.in_content;
        if (f.region == BlockRegion::Body && !own_header) || r == BlockRegion::Footer {
            f.region = r;
        }
    }
    if matches!(name, "article" | "main") || matches!(attr("role"), Some("main" | "article")) {
        f.in_content = true;
    }
    if is_skip_tag(name) {
        f.skip = true;
    }
    // Widgets: comment boxes, embeds, forms.
    if name != "script" {
        // The space-joined attributes are only built for a widget (no marker spans a space).
        let hit = name == "form"
            || name == "textarea"
            || is_widget("", &idclass)
            || ["src", "action", "data-href", "name"].iter().any(|k| {
                attr(k).is_some_and(|v| {
                    let v = cap(v.trim(), MAX_ATTR);
                    if v.bytes().any(|b| b.is_ascii_uppercase()) {
                        is_widget("", &v.to_ascii_lowercase())
                    } else {
                        is_widget("", v)
                    }
                })
            });
        if hit && w.page.widgets.len() < 1000 {
            let mut wa = idclass.clone();
            for k in ["src", "action", "data-href", "name"] {
                if let Some(v) = attr(k) {
                    wa.push(' ');
                    wa.push_str(&cap(v.trim(), MAX_ATTR).to_ascii_lowercase());
                }
            }
            if name == "form" {
                f.form = Some(w.page.widgets.len() as u32);
            }
            w.page.widgets.push(Widget {
                tag: name.to_owned(),
                attrs: cap(&wa, MAX_ATTR * 2).to_owned(),
                has_textarea: false,
                container: top.container,
            });
        }
        if name == "textarea"
            && let Some(fi) = f.form
            && let Some(wd) = w.page.widgets.get_mut(fi as usize)
        {
            wd.has_textarea = true;
        }
    }
    if name == "br" && !top.skip {
        w.line_break();
    } else if name == "a" && !f.skip {
        if let Some(h) = attr("href")
            && w.page.links.len() < MAX_ITEMS
        {
            f.link = Some(w.page.links.len() as u32);
            w.page.links.push(Link {
                href: cap(h.trim(), 2048).to_owned(),
                text: String::new(),
                region: f.region,
                container: top.container,
                block: 0,
            });
        }
    } else if is_block_tag(name) && !f.skip {
        w.flush(&top);
        if w.page.containers.len() < MAX_ITEMS {
            let id = w.page.containers.len() as u32;
            w.page.containers.push(Container {
                parent: top.container,
                last: id,
                tag: name.to_owned(),
                attrs: cap(&idclass, MAX_ATTR).to_owned(),
                region: f.region,
            });
            f.container = id;
            f.is_block = true;
        }
    }
    f
}

/// The `id` and `class` of an element as a container keeps them: space-joined, capped, lower-case.
pub(crate) fn id_class(id: Option<&str>, class: Option<&str>) -> String {
    let mut s = String::new();
    for v in [id, class].into_iter().flatten() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(cap(v.trim(), MAX_ATTR));
    }
    s.make_ascii_lowercase();
    s
}

pub(crate) fn close(w: &mut Walker<'_>, f: &Frame, stack: &[Frame], root: &Frame) {
    if let Some(li) = f.link {
        let parent_link = stack.last().and_then(|p| p.link);
        if parent_link != Some(li)
            && let Some(l) = w.page.links.get_mut(li as usize)
        {
            // The anchor ends in the block being built now: its index is the next block's.
            l.block = w.page.blocks.len() as u32;
        }
    }
    if f.is_block {
        w.flush(f);
        let last = (w.page.containers.len() as u32).saturating_sub(1);
        if let Some(c) = w.page.containers.get_mut(f.container as usize) {
            c.last = last;
        }
    }
    let _ = root;
}

pub(crate) fn finish_links(page: &mut Page) {
    let nblocks = page.blocks.len() as u32;
    for l in &mut page.links {
        l.text = squash_ws(&l.text);
        crate::text::normalize::nfc_in_place(&mut l.text);
        if l.block >= nblocks {
            l.block = nblocks.saturating_sub(1);
        }
    }
}

/// Reads a JSON-LD script tolerantly: comments/CDATA stripped, trailing commas and raw control
/// characters repaired, several concatenated objects accepted. `None` if nothing could be read.
pub fn parse_json_ld(s: &str) -> Option<Vec<serde_json::Value>> {
    let t = s.trim();
    let t = t.strip_prefix("<!--").unwrap_or(t);
    let t = t.strip_suffix("-->").unwrap_or(t);
    let t = t
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim();
    let mut out = Vec::new();
    if read_stream(t, &mut out) {
        return Some(flatten_ld(out));
    }
    let repaired = repair_json(t);
    out.clear();
    if read_stream(&repaired, &mut out) || !out.is_empty() {
        return Some(flatten_ld(out));
    }
    None
}

fn read_stream(t: &str, out: &mut Vec<serde_json::Value>) -> bool {
    let mut it = serde_json::Deserializer::from_str(t).into_iter::<serde_json::Value>();
    let mut ok = false;
    for v in it.by_ref().take(256) {
        match v {
            Ok(v) => {
                out.push(v);
                ok = true;
            }
            Err(_) => return false,
        }
    }
    ok
}

/// Removes trailing commas before `}`/`]` and escapes raw control characters inside strings.
fn repair_json(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut in_str = false;
    let mut esc = false;
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if in_str {
            if esc {
                esc = false;
                out.push(c);
            } else if c == '\\' {
                esc = true;
                out.push(c);
            } else if c == '"' {
                in_str = false;
                out.push(c);
            } else if c == '\n' || c == '\r' || c == '\t' {
                out.push(' ');
            } else if (c as u32) < 0x20 {
                // dropped
            } else {
                out.push(c);
            }
        } else if c == '"' {
            in_str = true;
            out.push(c);
        } else if c == ',' {
            let mut j = i + 1;
            while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                j += 1;
            }
            if !matches!(chars.get(j), Some('}') | Some(']')) {
                out.push(c);
            }
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// Decodes HTML character references (`&#7852;`, `&#x1EA0;`, `&amp;`, `&nbsp;`…) some sites leave in
/// JSON-LD and meta values.
pub fn unescape_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        let semi = tail
            .char_indices()
            .skip(1)
            .take(11)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = semi.and_then(|e| {
            let name = &tail[1..e];
            let c = if let Some(h) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
            } else if let Some(d) = name.strip_prefix('#') {
                d.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some(' '),
                    _ => None,
                }
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    crate::text::normalize::nfc(&out)
}

fn unescape_value(v: &mut serde_json::Value) {
    let mut todo = vec![v];
    while let Some(v) = todo.pop() {
        match v {
            serde_json::Value::String(s) if s.contains('&') => {
                *s = unescape_entities(&unescape_entities(s));
            }
            serde_json::Value::Array(a) => todo.extend(a.iter_mut()),
            serde_json::Value::Object(o) => todo.extend(o.values_mut()),
            _ => {}
        }
    }
}

fn flatten_ld(vs: Vec<serde_json::Value>) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut todo = vs;
    todo.reverse();
    while let Some(v) = todo.pop() {
        if out.len() >= 256 {
            break;
        }
        match v {
            serde_json::Value::Array(a) => todo.extend(a.into_iter().rev()),
            serde_json::Value::Object(mut o) => {
                if let Some(g) = o.remove("@graph") {
                    todo.push(g);
                }
                if !o.is_empty() {
                    let mut v = serde_json::Value::Object(o);
                    unescape_value(&mut v);
                    out.push(v);
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{ParserKind, parse_with};

    #[test]
    fn blocks_regions_links() {
        for kind in [ParserKind::Scraper, ParserKind::Fast] {
            blocks_regions_links_with(kind);
        }
    }

    fn blocks_regions_links_with(kind: ParserKind) {
        let p = parse_with(
            kind,
            r#"<html lang="vi"><head><title> Tin | Báo </title><meta property="og:type" content="article">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"x",}</script></head>
            <body><nav><ul><li><a href="/thoi-su">Thời sự</a></li></ul></nav>
            <div id="main"><p>Đoạn một <b>đậm</b> và<br>dòng hai</p><p><a href="/x">liên kết</a></p></div>
            <div id="footer">Giấy phép số 1/GP-BC</div></body></html>"#,
            None,
        );
        assert_eq!(p.title, "Tin | Báo");
        assert_eq!(p.html_lang, "vi");
        assert_eq!(p.meta("og:type"), Some("article"));
        assert_eq!(p.json_ld.len(), 1);
        let t: Vec<_> = p.blocks.iter().map(|b| (b.region, b.text.as_str())).collect();
        assert!(t.contains(&(BlockRegion::Nav, "Thời sự")));
        assert!(t.contains(&(BlockRegion::Body, "Đoạn một đậm và\ndòng hai")));
        assert!(t.contains(&(BlockRegion::Footer, "Giấy phép số 1/GP-BC")));
        let l = p.blocks.iter().find(|b| b.text == "liên kết").map(|b| b.link_density);
        assert_eq!(l, Some(1.0));
        assert_eq!(p.links.len(), 2);
        assert_eq!(p.links[0].text, "Thời sự");
        assert_eq!(p.links[0].region, BlockRegion::Nav);
    }

    #[test]
    fn byte_whitespace_equals_char_whitespace() {
        for cp in 0..0x11000u32 {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = format!("a{c}b");
            assert_eq!(ws_len(s.as_bytes(), 1) > 0, c.is_whitespace(), "U+{cp:04X}");
            assert_eq!(non_ws_chars(&s), s.chars().filter(|c| !c.is_whitespace()).count());
            assert_eq!(char_count(&s), 3);
        }
        for cp in [0x3000u32, 0x205F, 0x1680] {
            let s = format!("x{}", char::from_u32(cp).unwrap_or(' '));
            assert_eq!(ws_len(s.as_bytes(), 1), 3);
        }
    }

    #[test]
    fn tag_matches_equal_tag_lists() {
        for t in BLOCK_TAGS
            .iter()
            .chain(SKIP_TAGS)
            .chain(["span", "a", "b", "img", "x-y"].iter())
        {
            assert_eq!(is_block_tag(t), BLOCK_TAGS.contains(t), "{t}");
            assert_eq!(is_skip_tag(t), SKIP_TAGS.contains(t), "{t}");
        }
    }

    #[test]
    fn deep_nesting_is_linear() {
        let mut h = String::new();
        for _ in 0..10_000 {
            h.push_str("<div>x");
        }
        for kind in [ParserKind::Scraper, ParserKind::Fast] {
            let p = parse_with(kind, &h, None);
            assert!(!p.blocks.is_empty());
        }
    }
}
