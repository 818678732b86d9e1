//! A streaming HTML tokenizer (WHATWG states that matter for text extraction), zero-copy, linear.
use std::borrow::Cow;

/// A start tag: lower-cased name and attributes (names lower-cased, values with references decoded).
/// Names and values that need no change are not copied: they point into the source.
#[derive(Debug, Default)]
pub struct Tag<'a> {
    pub name: String,
    pub self_closing: bool,
    src: &'a str,
    attrs: Vec<(Loc, Loc)>,
    buf: String,
    /// The attribute names seen, once a tag has more than [`SCAN_ATTRS`]: duplicates are found
    /// in constant time, so a tag with 100,000 attributes costs linear time, not quadratic.
    seen: std::collections::HashSet<Box<[u8]>>,
    /// Attribute entries looked at by lookups and duplicate checks, over the whole document.
    pub probes: std::cell::Cell<u64>,
}

/// Up to this many attributes a duplicate is found by scanning (cheaper than hashing).
const SCAN_ATTRS: usize = 16;

/// A byte range in the source, or in the tag's own buffer.
#[derive(Debug, Clone, Copy)]
struct Loc {
    start: u32,
    end: u32,
    in_buf: bool,
}

impl<'a> Tag<'a> {
    fn get(&self, l: Loc) -> &str {
        let s = if l.in_buf { self.buf.as_str() } else { self.src };
        s.get(l.start as usize..l.end as usize).unwrap_or("")
    }

    /// The value of attribute `k` (lower-case name), first occurrence.
    pub fn attr(&self, k: &str) -> Option<&str> {
        let kb = k.as_bytes();
        self.probes.set(self.probes.get() + self.attrs.len() as u64);
        self.attrs.iter().find_map(|&(n, v)| {
            let n = self.get(n).as_bytes();
            // Length and first byte first: most names differ there, without a memcmp call.
            (n.len() == kb.len() && n.first() == kb.first() && n == kb).then(|| self.get(v))
        })
    }

    fn clear(&mut self, src: &'a str) {
        self.name.clear();
        self.self_closing = false;
        self.attrs.clear();
        self.buf.clear();
        self.seen.clear();
        self.src = src;
    }

    /// Whether the attribute name at `name` was already seen in this tag (and remembers it).
    fn is_duplicate(&mut self, name: Loc) -> bool {
        if self.attrs.len() < SCAN_ATTRS {
            return self.attr(self.get(name)).is_some();
        }
        if self.seen.is_empty() {
            for &(n, _) in &self.attrs {
                let k: Box<[u8]> = self.get(n).as_bytes().into();
                self.seen.insert(k);
            }
        }
        self.probes.set(self.probes.get() + 1);
        let k: Box<[u8]> = self.get(name).as_bytes().into();
        !self.seen.insert(k)
    }

    /// Adds the attribute at source ranges `n0..n1` (name) and `v0..v1` (value).
    fn push_attr(&mut self, n0: usize, n1: usize, v0: usize, v1: usize) {
        let src = self.src;
        let raw_name = src.get(n0..n1).unwrap_or("");
        let name = if raw_name.bytes().any(|b| b.is_ascii_uppercase() || b == 0) {
            let a = self.buf.len();
            for c in raw_name.chars() {
                self.buf
                    .push(if c == '\0' { '\u{FFFD}' } else { c.to_ascii_lowercase() });
            }
            Loc {
                start: a as u32,
                end: self.buf.len() as u32,
                in_buf: true,
            }
        } else {
            Loc {
                start: n0 as u32,
                end: n1 as u32,
                in_buf: false,
            }
        };
        if self.is_duplicate(name) {
            // Duplicate attribute: the first one wins.
            if name.in_buf {
                self.buf.truncate(name.start as usize);
            }
            return;
        }
        let raw = src.get(v0..v1).unwrap_or("");
        let value = if memchr::memchr3(b'&', b'\r', 0, raw.as_bytes()).is_some() {
            let a = self.buf.len();
            let v = normalize_newlines(raw);
            decode_refs_into(&v, true, &mut self.buf);
            Loc {
                start: a as u32,
                end: self.buf.len() as u32,
                in_buf: true,
            }
        } else {
            Loc {
                start: v0 as u32,
                end: v1 as u32,
                in_buf: false,
            }
        };
        self.attrs.push((name, value));
    }
}

/// One token.
#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    /// The start tag is in [`Tokenizer::tag`].
    Start,
    /// An end tag; its lower-cased name is in [`Tokenizer::end_name`].
    End,
    /// Text as written (character references not yet decoded unless `decoded`).
    Text(&'a str),
    /// Raw text of a script/style/… element (never decoded).
    Raw(&'a str),
    Comment,
    Doctype(&'a str),
}

/// How the text after a start tag is tokenized (set by the tree builder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextMode {
    Data,
    /// Up to the matching end tag; references decoded (title, textarea).
    RcData,
    /// Up to the matching end tag; nothing decoded (script, style…).
    RawText,
    /// Everything to the end.
    PlainText,
}

/// The tokenizer over one document.
pub struct Tokenizer<'a> {
    s: &'a str,
    pos: usize,
    pub tag: Tag<'a>,
    /// Lower-cased name of the last end tag.
    pub end_name: String,
    /// Pending raw-text mode and the end tag that closes it.
    raw: Option<(TextMode, String)>,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl<'a> Tokenizer<'a> {
    pub fn new(s: &'a str) -> Self {
        Tokenizer {
            s,
            pos: 0,
            tag: Tag::default(),
            end_name: String::new(),
            raw: None,
        }
    }

    /// After a start tag: read its content in `mode` up to `</name`.
    pub fn set_mode(&mut self, mode: TextMode, name: &str) {
        if mode != TextMode::Data {
            self.raw = Some((mode, name.to_owned()));
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    fn slice(&self, a: usize, b: usize) -> &'a str {
        self.s.get(a..b).unwrap_or("")
    }

    /// The next token, `None` at the end.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        let b = self.bytes();
        if self.pos >= b.len() {
            return None;
        }
        if let Some((mode, name)) = self.raw.take() {
            let start = self.pos;
            let end = if mode == TextMode::PlainText {
                b.len()
            } else {
                find_end_tag(b, start, &name)
            };
            self.pos = end;
            if end > start {
                let t = self.slice(start, end);
                return Some(if mode == TextMode::RcData {
                    Token::Text(t)
                } else {
                    Token::Raw(t)
                });
            }
        }
        let start = self.pos;
        if b.get(start) != Some(&b'<') {
            let mut at = start;
            loop {
                match memchr::memchr(b'<', b.get(at..).unwrap_or(&[])) {
                    None => {
                        self.pos = b.len();
                        break;
                    }
                    Some(k) => {
                        let lt = at + k;
                        if starts_markup(b, lt) {
                            self.pos = lt;
                            break;
                        }
                        at = lt + 1;
                    }
                }
            }
            return Some(Token::Text(self.slice(start, self.pos)));
        }
        if !starts_markup(b, start) {
            // Unreachable by construction (text runs stop only before markup), kept total.
            self.pos = start + 1;
            return Some(Token::Text(self.slice(start, start + 1)));
        }
        let next = b.get(start + 1).copied().unwrap_or(0);
        match next {
            b'!' => {
                if b.get(start + 2..start + 4) == Some(b"--") {
                    // Comment: `<!-->` and `<!--->` end at once.
                    let body = start + 4;
                    let end = match b.get(body..) {
                        Some([b'>', ..]) => body + 1,
                        Some([b'-', b'>', ..]) => body + 2,
                        _ => {
                            let mut e = b.len();
                            let mut at = body;
                            while let Some(k) = memchr::memmem::find(b.get(at..).unwrap_or(&[]), b"--") {
                                let p = at + k;
                                match b.get(p + 2) {
                                    Some(b'>') => {
                                        e = p + 3;
                                        break;
                                    }
                                    Some(b'!') if b.get(p + 3) == Some(&b'>') => {
                                        e = p + 4;
                                        break;
                                    }
                                    _ => at = p + 1,
                                }
                            }
                            e
                        }
                    };
                    self.pos = end;
                    return Some(Token::Comment);
                }
                let end = memchr::memchr(b'>', b.get(start..).unwrap_or(&[])).map_or(b.len(), |k| start + k + 1);
                self.pos = end;
                let inner = self.slice(start + 2, end.saturating_sub(1).max(start + 2));
                if inner.len() >= 7 && inner.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("doctype")) {
                    return Some(Token::Doctype(inner.get(7..).unwrap_or("")));
                }
                Some(Token::Comment)
            }
            b'?' => {
                self.pos = memchr::memchr(b'>', b.get(start..).unwrap_or(&[])).map_or(b.len(), |k| start + k + 1);
                Some(Token::Comment)
            }
            b'/' => {
                let n0 = start + 2;
                if !b.get(n0).is_some_and(u8::is_ascii_alphabetic) {
                    // `</>` is dropped; `</3` etc. is a bogus comment.
                    self.pos = memchr::memchr(b'>', b.get(start..).unwrap_or(&[])).map_or(b.len(), |k| start + k + 1);
                    return Some(Token::Comment);
                }
                let mut i = n0;
                while b.get(i).is_some_and(|&c| !is_ws(c) && c != b'/' && c != b'>') {
                    i += 1;
                }
                let name = self.slice(n0, i);
                self.end_name.clear();
                for c in name.chars() {
                    self.end_name.push(c.to_ascii_lowercase());
                }
                match self.skip_attrs(i, false) {
                    Some(end) => {
                        self.pos = end;
                        Some(Token::End)
                    }
                    None => {
                        self.pos = b.len();
                        None
                    }
                }
            }
            _ => {
                let n0 = start + 1;
                let mut i = n0;
                while b.get(i).is_some_and(|&c| !is_ws(c) && c != b'/' && c != b'>') {
                    i += 1;
                }
                self.tag.clear(self.s);
                let name = self.slice(n0, i);
                for c in name.chars() {
                    self.tag
                        .name
                        .push(if c == '\0' { '\u{FFFD}' } else { c.to_ascii_lowercase() });
                }
                match self.skip_attrs(i, true) {
                    Some(end) => {
                        self.pos = end;
                        Some(Token::Start)
                    }
                    None => {
                        // EOF inside a tag: the tag is dropped.
                        self.pos = b.len();
                        None
                    }
                }
            }
        }
    }

    /// Reads attributes from `i` to the closing `>`; returns the position after it (`None` at EOF).
    fn skip_attrs(&mut self, mut i: usize, keep: bool) -> Option<usize> {
        let b = self.bytes();
        loop {
            while b.get(i).is_some_and(|&c| is_ws(c)) {
                i += 1;
            }
            match b.get(i)? {
                b'>' => return Some(i + 1),
                b'/' => {
                    if b.get(i + 1) == Some(&b'>') {
                        if keep {
                            self.tag.self_closing = true;
                        }
                        return Some(i + 2);
                    }
                    i += 1;
                    continue;
                }
                _ => {}
            }
            // Attribute name (a leading `=` belongs to the name).
            let n0 = i;
            i += 1;
            while b.get(i).is_some_and(|&c| !is_ws(c) && !matches!(c, b'/' | b'>' | b'=')) {
                i += 1;
            }
            let n1 = i;
            while b.get(i).is_some_and(|&c| is_ws(c)) {
                i += 1;
            }
            let (v0, v1);
            if b.get(i) == Some(&b'=') {
                i += 1;
                while b.get(i).is_some_and(|&c| is_ws(c)) {
                    i += 1;
                }
                match b.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let e = memchr::memchr(q, b.get(i + 1..)?)? + i + 1;
                        v0 = i + 1;
                        v1 = e;
                        i = e + 1;
                    }
                    _ => {
                        v0 = i;
                        while b.get(i).is_some_and(|&c| !is_ws(c) && c != b'>') {
                            i += 1;
                        }
                        v1 = i;
                    }
                }
            } else {
                v0 = i;
                v1 = i;
            }
            if keep {
                self.tag.push_attr(n0, n1, v0, v1);
            }
        }
    }
}

/// Does a `<` at `i` start markup (a tag, end tag, comment, doctype or processing instruction)?
fn starts_markup(b: &[u8], i: usize) -> bool {
    matches!(b.get(i + 1), Some(c) if c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'))
}

/// Position of `</name` (case-insensitive, followed by whitespace, `/` or `>`) from `from`, or the end.
fn find_end_tag(b: &[u8], from: usize, name: &str) -> usize {
    let n = name.as_bytes();
    let mut at = from;
    while let Some(k) = memchr::memmem::find(b.get(at..).unwrap_or(&[]), b"</") {
        let p = at + k;
        let cand = b.get(p + 2..p + 2 + n.len());
        if cand.is_some_and(|c| c.eq_ignore_ascii_case(n))
            && b.get(p + 2 + n.len())
                .is_none_or(|&c| is_ws(c) || c == b'/' || c == b'>')
        {
            return p;
        }
        at = p + 2;
    }
    b.len()
}

/// CR LF and lone CR become LF (the input stream preprocessing); NUL becomes U+FFFD.
pub fn normalize_newlines(s: &str) -> Cow<'_, str> {
    if memchr::memchr2(b'\r', 0, s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\r' => {
                if it.peek() == Some(&'\n') {
                    it.next();
                }
                out.push('\n');
            }
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text with character references decoded (`&amp;`, `&#7852;`, `&nbsp`…), HTML rules.
pub fn decode_refs(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    decode_refs_into(s, false, &mut out);
    Cow::Owned(out)
}

/// Windows-1252 meanings of numeric references to C1 controls (0x80–0x9F).
const C1: [u32; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D,
    0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
    0x017E, 0x0178,
];

fn numeric_char(n: u32) -> char {
    match n {
        0 => '\u{FFFD}',
        0x80..=0x9F => C1
            .get((n - 0x80) as usize)
            .and_then(|&c| char::from_u32(c))
            .unwrap_or('\u{FFFD}'),
        _ => char::from_u32(n).unwrap_or('\u{FFFD}'),
    }
}

/// Appends `s` to `out` with character references decoded (`in_attr`: the attribute-value rules).
pub fn decode_refs_into(s: &str, in_attr: bool, out: &mut String) {
    let b = s.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while let Some(k) = memchr::memchr(b'&', b.get(at..).unwrap_or(&[])) {
        let amp = at + k;
        at = amp + 1;
        let Some((ch, len)) = reference_at(s, amp, in_attr) else {
            continue;
        };
        out.push_str(s.get(copied..amp).unwrap_or(""));
        match ch {
            Ref::One(c) => out.push(c),
            Ref::Two(c, d) => {
                out.push(c);
                out.push(d);
            }
        }
        copied = amp + len;
        at = copied;
    }
    out.push_str(s.get(copied..).unwrap_or(""));
}

enum Ref {
    One(char),
    Two(char, char),
}

/// The reference starting at `amp` (an `&`) and its length in bytes.
fn reference_at(s: &str, amp: usize, in_attr: bool) -> Option<(Ref, usize)> {
    let b = s.as_bytes();
    if b.get(amp + 1) == Some(&b'#') {
        let hex = matches!(b.get(amp + 2), Some(b'x' | b'X'));
        let d0 = amp + if hex { 3 } else { 2 };
        let mut i = d0;
        let mut n: u32 = 0;
        while let Some(&c) = b.get(i) {
            let v = match c {
                b'0'..=b'9' => u32::from(c - b'0'),
                b'a'..=b'f' if hex => u32::from(c - b'a' + 10),
                b'A'..=b'F' if hex => u32::from(c - b'A' + 10),
                _ => break,
            };
            n = n.saturating_mul(if hex { 16 } else { 10 }).saturating_add(v);
            i += 1;
        }
        if i == d0 {
            return None;
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        return Some((Ref::One(numeric_char(n)), i - amp));
    }
    // Named: the longest entity name (with `;`, or a legacy one without) that prefixes the text.
    let n0 = amp + 1;
    let mut i = n0;
    while b.get(i).is_some_and(u8::is_ascii_alphanumeric) && i - n0 < 40 {
        i += 1;
    }
    if i == n0 {
        return None;
    }
    let map = &markup5ever::data::NAMED_ENTITIES;
    if b.get(i) == Some(&b';')
        && let Some(&(c1, c2)) = s.get(n0..=i).and_then(|k| map.get(k))
        && c1 != 0
    {
        return Some((to_ref(c1, c2), i + 1 - amp));
    }
    // Legacy names without `;` (e.g. `&nbsp`, `&amp`): the longest that matches.
    let mut j = i;
    while j > n0 {
        if let Some(&(c1, c2)) = s.get(n0..j).and_then(|k| map.get(k))
            && c1 != 0
        {
            let next = b.get(j).copied();
            if in_attr && next.is_some_and(|c| c == b'=' || c.is_ascii_alphanumeric()) {
                return None;
            }
            return Some((to_ref(c1, c2), j - amp));
        }
        j -= 1;
    }
    None
}

fn to_ref(c1: u32, c2: u32) -> Ref {
    let a = char::from_u32(c1).unwrap_or('\u{FFFD}');
    match char::from_u32(c2) {
        Some(d) if c2 != 0 => Ref::Two(a, d),
        _ => Ref::One(a),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<String> {
        let mut t = Tokenizer::new(s);
        let mut out = Vec::new();
        while let Some(tok) = t.next_token() {
            out.push(match tok {
                Token::Start => {
                    let name = t.tag.name.clone();
                    if matches!(name.as_str(), "script" | "style" | "title") {
                        let mode = if name == "title" {
                            TextMode::RcData
                        } else {
                            TextMode::RawText
                        };
                        t.set_mode(mode, &name);
                    }
                    format!("<{name} href={:?}>", t.tag.attr("href"))
                }
                Token::End => format!("</{}>", t.end_name),
                Token::Text(x) => format!("T{:?}", decode_refs(x)),
                Token::Raw(x) => format!("R{x:?}"),
                Token::Comment => "C".into(),
                Token::Doctype(_) => "D".into(),
            });
        }
        out
    }

    #[test]
    fn tags_text_comments_raw() {
        let t = tokens(
            "<!DOCTYPE html><A HREF='/x?a=1&amp;b=2' href=dup>Tin &amp; b&agrave;i &#7853;&nbsp;x</a><!-- c -- d -->a < b\
<script>if (a</b) {}</script><title>A &lt; B</title></p 3>",
        );
        assert_eq!(
            t,
            [
                "D",
                "<a href=Some(\"/x?a=1&b=2\")>",
                "T\"Tin & bài ậ\\u{a0}x\"",
                "</a>",
                "C",
                "T\"a < b\"",
                "<script href=None>",
                "R\"if (a</b) {}\"",
                "</script>",
                "<title href=None>",
                "T\"A < B\"",
                "</title>",
                "</p>",
            ]
        );
    }

    #[test]
    fn attribute_legacy_reference_rule() {
        let mut t = Tokenizer::new("<a href='?x=1&copy=2&amp;y'>");
        assert_eq!(t.next_token(), Some(Token::Start));
        assert_eq!(t.tag.attr("href"), Some("?x=1&copy=2&y"));
        assert_eq!(decode_refs("&copy=2 &notit; &#x110000; &#128;"), "©=2 ¬it; \u{FFFD} €");
    }

    #[test]
    fn unterminated_constructs_end() {
        assert_eq!(tokens("x<div class='a"), ["T\"x\""]);
        assert_eq!(tokens("<!-- never closed"), ["C"]);
        assert_eq!(tokens("<script>never"), ["<script href=None>", "R\"never\""]);
    }
}
