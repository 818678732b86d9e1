//! HTTP responses inside WARC/ARC blocks: status and headers (capped), chunked transfer, content decoding.
use std::io::{self, BufRead, BufReader, Read};

use super::SkipReason;
use super::stream::{Line, read_line_capped, trim_eol};

/// Longest header line kept (longer lines are cut).
pub const MAX_HEADER_LINE: usize = 16 << 10;
/// Most header fields kept per message (further fields are read and dropped).
pub const MAX_HEADERS: usize = 256;

/// Status line and headers of an HTTP response.
#[derive(Debug, Clone, Default)]
pub struct HttpHead {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// Lines of the head (status line, fields, blank line) that end in a bare LF instead of CRLF:
    /// a head re-written with LF line ends is this many bytes shorter than when it was captured.
    pub lf_only_lines: u64,
}

impl HttpHead {
    /// First header with this name (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// First header with this name (case-insensitive).
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Reads `Name: value` lines up to an empty line or the end of `r` (obsolete line folding joined).
/// `Ok(true)` when the empty line ending the block was read.
pub fn read_fields<R: BufRead + ?Sized>(
    r: &mut R,
    scratch: &mut Vec<u8>,
    out: &mut Vec<(String, String)>,
) -> io::Result<bool> {
    Ok(read_fields_until(r, scratch, out, None, &mut 0)? == FieldsEnd::Blank)
}

/// How a block of header fields ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldsEnd {
    /// The empty line ending the block.
    Blank,
    /// End of input (or a last line without its newline).
    Eof,
    /// A line starting with the stop prefix, read into the scratch buffer; `after` bytes of
    /// fields were consumed before it.
    Stop { after: u64 },
}

/// [`read_fields`], stopping at a line that starts with `stop` (the start of the next record
/// when the blank line is missing). Lines ending in a bare LF are counted in `lf_only`.
pub fn read_fields_until<R: BufRead + ?Sized>(
    r: &mut R,
    scratch: &mut Vec<u8>,
    out: &mut Vec<(String, String)>,
    stop: Option<&[u8]>,
    lf_only: &mut u64,
) -> io::Result<FieldsEnd> {
    let mut consumed = 0u64;
    loop {
        let line: Line = read_line_capped(r, scratch, MAX_HEADER_LINE)?;
        if line.consumed == 0 {
            return Ok(FieldsEnd::Eof);
        }
        if stop.is_some_and(|p| scratch.starts_with(p)) {
            return Ok(FieldsEnd::Stop { after: consumed });
        }
        consumed += line.consumed;
        if line.complete && !scratch.ends_with(b"\r\n") {
            *lf_only += 1;
        }
        let text = trim_eol(scratch);
        if text.is_empty() {
            return Ok(FieldsEnd::Blank);
        }
        if matches!(text.first(), Some(b' ' | b'\t')) {
            if let Some((_, v)) = out.last_mut() {
                v.push(' ');
                v.push_str(String::from_utf8_lossy(text).trim());
            }
            continue;
        }
        if out.len() >= MAX_HEADERS {
            continue;
        }
        if let Some(colon) = memchr::memchr(b':', text) {
            let name = String::from_utf8_lossy(text.get(..colon).unwrap_or(&[]))
                .trim()
                .to_string();
            let value = String::from_utf8_lossy(text.get(colon + 1..).unwrap_or(&[]))
                .trim()
                .to_string();
            out.push((name, value));
        }
        if !line.complete {
            return Ok(FieldsEnd::Eof);
        }
    }
}

/// Reads the status line and headers. `Err` says what is wrong with them.
pub fn read_head<R: BufRead + ?Sized>(r: &mut R, scratch: &mut Vec<u8>) -> Result<HttpHead, String> {
    let io = |e: io::Error| format!("HTTP head unreadable: {e}");
    // Tolerate blank lines before the status line.
    let mut status_line = Vec::new();
    let mut lf_only = 0;
    for _ in 0..4 {
        let line = read_line_capped(r, scratch, 512).map_err(io)?;
        if line.consumed == 0 {
            return Err("HTTP response missing (block is empty)".into());
        }
        if !trim_eol(scratch).is_empty() {
            status_line = trim_eol(scratch).to_vec();
            lf_only = u64::from(line.complete && !scratch.ends_with(b"\r\n"));
            break;
        }
    }
    let Some(rest) = status_line.strip_prefix(b"HTTP/") else {
        return Err(format!(
            "HTTP status line expected, found {:?}",
            String::from_utf8_lossy(status_line.get(..status_line.len().min(60)).unwrap_or(&[]))
        ));
    };
    let code = rest
        .split(|b| *b == b' ')
        .nth(1)
        .and_then(|c| std::str::from_utf8(c).ok())
        .and_then(|c| c.trim().parse::<u16>().ok())
        .ok_or_else(|| {
            format!(
                "HTTP status line has no status code: {:?}",
                String::from_utf8_lossy(&status_line)
            )
        })?;
    let mut head = HttpHead {
        status: code,
        headers: Vec::new(),
        lf_only_lines: lf_only,
    };
    read_fields_until(r, scratch, &mut head.headers, None, &mut head.lf_only_lines).map_err(io)?;
    Ok(head)
}

/// The media type of a Content-Type value is HTML (text/html or XHTML).
pub fn is_html_type(ct: &str) -> bool {
    let mt = ct.split(';').next().unwrap_or("").trim();
    mt.eq_ignore_ascii_case("text/html") || mt.eq_ignore_ascii_case("application/xhtml+xml")
}

/// Sniffs an HTML body (WHATWG-style tag prefixes after a BOM and whitespace).
pub fn sniff_html(body: &[u8]) -> bool {
    let b = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let b = b.get(start..).unwrap_or(&[]);
    const TAGS: [&[u8]; 14] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<script",
        b"<iframe",
        b"<h1",
        b"<div",
        b"<font",
        b"<table",
        b"<a",
        b"<style",
        b"<title",
        b"<b",
    ];
    let lower: Vec<u8> = b.iter().take(16).map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<!--")
        || lower.starts_with(b"<p>")
        || lower.starts_with(b"<br")
        || lower.starts_with(b"<meta")
    {
        return true;
    }
    TAGS.iter()
        .any(|t| lower.starts_with(t) && matches!(lower.get(t.len()), Some(b' ' | b'>' | b'\t' | b'\n' | b'\r') | None))
}

/// A body after transfer and content decoding, capped.
#[derive(Debug, Default)]
pub struct Body {
    pub bytes: Vec<u8>,
    /// Full decoded length when known (identity encoding), else the bytes kept.
    pub len: u64,
    pub truncated: bool,
}

const CHUNK_ERR: &str = "invalid chunked encoding";

/// Decodes `Transfer-Encoding: chunked` from a `BufRead`.
pub struct Chunked<R> {
    inner: R,
    left: u64,
    state: ChunkState,
    line: Vec<u8>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ChunkState {
    Size,
    Data,
    DataEnd,
    Done,
}

impl<R: BufRead> Chunked<R> {
    pub fn new(inner: R) -> Self {
        Chunked {
            inner,
            left: 0,
            state: ChunkState::Size,
            line: Vec::new(),
        }
    }
}

fn chunk_error(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("{CHUNK_ERR}: {what}"))
}

impl<R: BufRead> Read for Chunked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match self.state {
                ChunkState::Done => return Ok(0),
                ChunkState::Size => {
                    let line = read_line_capped(&mut self.inner, &mut self.line, 256)?;
                    if line.consumed == 0 {
                        return Err(chunk_error("body ends before the last (zero-size) chunk".into()));
                    }
                    let text = trim_eol(&self.line);
                    let size = chunk_size(text).ok_or_else(|| {
                        chunk_error(format!(
                            "chunk size line {:?} is not hexadecimal",
                            String::from_utf8_lossy(text.get(..text.len().min(40)).unwrap_or(&[]))
                        ))
                    })?;
                    if size == 0 {
                        self.state = ChunkState::Done;
                    } else {
                        self.left = size;
                        self.state = ChunkState::Data;
                    }
                }
                ChunkState::Data => {
                    let b = self.inner.fill_buf()?;
                    if b.is_empty() {
                        return Err(chunk_error(format!("chunk cut short ({} bytes missing)", self.left)));
                    }
                    let n = b
                        .len()
                        .min(buf.len())
                        .min(usize::try_from(self.left).unwrap_or(usize::MAX));
                    if let (Some(dst), Some(src)) = (buf.get_mut(..n), b.get(..n)) {
                        dst.copy_from_slice(src);
                    }
                    self.inner.consume(n);
                    self.left -= n as u64;
                    if self.left == 0 {
                        self.state = ChunkState::DataEnd;
                    }
                    return Ok(n);
                }
                ChunkState::DataEnd => {
                    let line = read_line_capped(&mut self.inner, &mut self.line, 16)?;
                    if !trim_eol(&self.line).is_empty() {
                        return Err(chunk_error(
                            "chunk data longer than its declared size (no CRLF after it)".into(),
                        ));
                    }
                    if line.consumed == 0 {
                        return Err(chunk_error("body ends before the last (zero-size) chunk".into()));
                    }
                    self.state = ChunkState::Size;
                }
            }
        }
    }
}

/// Content-Encoding of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Identity,
    Gzip,
    Deflate,
    Brotli,
}

impl Coding {
    pub fn name(self) -> &'static str {
        match self {
            Coding::Identity => "identity",
            Coding::Gzip => "gzip",
            Coding::Deflate => "deflate",
            Coding::Brotli => "br",
        }
    }
}

/// Parses Content-Encoding (the last coding applied); `Err` names an unsupported one.
pub fn coding(value: Option<&str>) -> Result<Coding, String> {
    let Some(v) = value else { return Ok(Coding::Identity) };
    let last = v.rsplit(',').next().unwrap_or("").trim().to_ascii_lowercase();
    match last.as_str() {
        "" | "identity" | "none" | "utf-8" | "text" | "binary" => Ok(Coding::Identity),
        "gzip" | "x-gzip" => Ok(Coding::Gzip),
        "deflate" => Ok(Coding::Deflate),
        "br" => Ok(Coding::Brotli),
        other => Err(format!(
            "unsupported Content-Encoding {other:?} (supported: gzip, deflate, br)"
        )),
    }
}

/// Reads the rest of `r` as the body of a response with these headers, keeping at most `cap` bytes.
/// Decompressed output is capped too; the rest of `r` is left for the caller to discard.
pub fn read_body<R: BufRead>(r: &mut R, headers: &[(String, String)], cap: usize) -> Result<Body, String> {
    let coding = coding(header(headers, "content-encoding"))?;
    let te_chunked = header(headers, "transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    // Crawlers often store the de-chunked body but keep the header: only dechunk what looks chunked.
    let chunked = te_chunked
        && match r.fill_buf() {
            Ok(b) => match chunk_start(b) {
                ChunkStart::Chunked => true,
                ChunkStart::Dechunked => false,
                ChunkStart::Malformed(line) => {
                    return Err(format!(
                        "{CHUNK_ERR}: Transfer-Encoding is chunked but the first chunk size line {line:?} is not hexadecimal"
                    ));
                }
            },
            Err(e) => return Err(format!("body unreadable: {e}")),
        };
    let base: Box<dyn Read + '_> = if chunked {
        Box::new(Chunked::new(&mut *r))
    } else {
        Box::new(&mut *r)
    };
    let mut dec: Box<dyn Read + '_> = match coding {
        Coding::Identity => base,
        Coding::Gzip => Box::new(flate2::read::MultiGzDecoder::new(base)),
        Coding::Deflate => {
            let mut br = BufReader::new(base);
            let head = br.fill_buf().map_err(|e| format!("body unreadable: {e}"))?;
            let zlib = matches!(head, [a, b, ..] if a & 0x0f == 8 && (u16::from(*a) << 8 | u16::from(*b)) % 31 == 0);
            if zlib {
                Box::new(flate2::bufread::ZlibDecoder::new(br))
            } else {
                Box::new(flate2::bufread::DeflateDecoder::new(br))
            }
        }
        Coding::Brotli => Box::new(brotli_decompressor::Decompressor::new(base, 4096)),
    };
    let what = |e: io::Error| {
        let msg = e.to_string();
        if msg.starts_with(CHUNK_ERR) || coding == Coding::Identity {
            msg
        } else if e.kind() == io::ErrorKind::UnexpectedEof {
            format!("Content-Encoding {} body truncated ({msg})", coding.name())
        } else {
            format!("Content-Encoding {} body corrupt ({msg})", coding.name())
        }
    };
    let mut body = Body::default();
    read_capped(&mut dec, &mut body.bytes, cap).map_err(what)?;
    body.len = body.bytes.len() as u64;
    if body.bytes.len() >= cap {
        let mut probe = [0u8; 1];
        let more = dec.read(&mut probe).map_err(what)?;
        if more > 0 {
            body.truncated = true;
            if coding == Coding::Identity {
                let rest = io::copy(&mut dec, &mut io::sink()).map_err(what)?;
                body.len = cap as u64 + 1 + rest;
            }
        }
    }
    Ok(body)
}

/// The size of a chunk-size line (`HEX[;ext]`): hex digits only (no sign, no spaces inside),
/// at most 16 of them; spaces around the digits are tolerated.
fn chunk_size(line: &[u8]) -> Option<u64> {
    let size = line.split(|c| *c == b';').next().unwrap_or(&[]).trim_ascii();
    if size.is_empty() || size.len() > 16 || !size.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u64::from_str_radix(std::str::from_utf8(size).ok()?, 16).ok()
}

/// How the start of a body declared `Transfer-Encoding: chunked` reads.
#[derive(Debug, PartialEq, Eq)]
enum ChunkStart {
    /// A valid chunk-size line.
    Chunked,
    /// Not chunk framing (crawlers often store the de-chunked body and keep the header).
    Dechunked,
    /// A line that is meant as a chunk size but is not one (`-1`, `zz`, `+5`, `0x10`).
    Malformed(String),
}

fn chunk_start(b: &[u8]) -> ChunkStart {
    let head = b.get(..b.len().min(64)).unwrap_or(b);
    let Some(nl) = memchr::memchr(b'\n', head) else {
        return ChunkStart::Dechunked;
    };
    let line = trim_eol(head.get(..=nl).unwrap_or(&[]));
    if chunk_size(line).is_some() {
        return ChunkStart::Chunked;
    }
    let size = line.split(|c| *c == b';').next().unwrap_or(&[]).trim_ascii();
    // A short token of letters, digits and signs alone on its line is a broken size, not content.
    let token = !size.is_empty()
        && size.len() <= 20
        && size
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    if token {
        ChunkStart::Malformed(String::from_utf8_lossy(line).into_owned())
    } else {
        ChunkStart::Dechunked
    }
}

/// Reads `r` to its end or to `cap` bytes into `out`, growing `out` as data arrives.
pub fn read_capped<R: Read + ?Sized>(r: &mut R, out: &mut Vec<u8>, cap: usize) -> io::Result<()> {
    let mut limited = r.take(cap as u64);
    out.reserve(cap.min(64 << 10));
    limited.read_to_end(out)?;
    Ok(())
}

/// What a response block amounts to.
#[derive(Debug)]
pub enum Outcome {
    Html { head: HttpHead, body: Body },
    Skip(SkipReason),
    Bad(String),
}

/// Reads an HTTP response from `block` (the rest is left to the caller) and classifies it.
pub fn read_response<R: BufRead>(block: &mut R, cap: usize, scratch: &mut Vec<u8>) -> Outcome {
    let head = match read_head(block, scratch) {
        Ok(h) => h,
        Err(e) => return Outcome::Bad(e),
    };
    if !(200..300).contains(&head.status) {
        return Outcome::Skip(SkipReason::HttpStatus);
    }
    let ct = head.get("content-type");
    if ct.is_some_and(|c| !c.trim().is_empty() && !is_html_type(c)) {
        return Outcome::Skip(SkipReason::NotHtml);
    }
    let body = match read_body(block, &head.headers, cap) {
        Ok(b) => b,
        Err(e) => return Outcome::Bad(e),
    };
    if body.bytes.iter().all(u8::is_ascii_whitespace) {
        return Outcome::Skip(SkipReason::EmptyBody);
    }
    if ct.is_none_or(|c| c.trim().is_empty()) && !sniff_html(&body.bytes) {
        return Outcome::Skip(SkipReason::NotHtml);
    }
    Outcome::Html { head, body }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_decodes_and_rejects_garbage() {
        let mut out = String::new();
        Chunked::new(&b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n"[..])
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "Wikipedia");
        let err = Chunked::new(&b"zz\r\nabc"[..])
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(err.to_string().starts_with(CHUNK_ERR), "{err}");
        for bad in ["+5\r\nhello\r\n0\r\n\r\n", "-1\r\nabc", "5 5\r\nhello"] {
            let err = Chunked::new(bad.as_bytes()).read_to_end(&mut Vec::new()).unwrap_err();
            assert!(err.to_string().starts_with(CHUNK_ERR), "{bad:?}: {err}");
        }
        assert_eq!(chunk_start(b"zz\r\n<html>"), ChunkStart::Malformed("zz".into()));
        assert_eq!(chunk_start(b"-1\r\n<html>"), ChunkStart::Malformed("-1".into()));
        assert_eq!(chunk_start(b"1a;x=1\r\n<html>"), ChunkStart::Chunked);
        assert_eq!(chunk_start(b"<!doctype html>\n<html>"), ChunkStart::Dechunked);
        assert_eq!(chunk_start(b"\n<html>"), ChunkStart::Dechunked);
        let err = Chunked::new(&b"10\r\nabc"[..])
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(err.to_string().contains("cut short"), "{err}");
    }

    #[test]
    fn sniffs_html() {
        assert!(sniff_html(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"));
        assert!(sniff_html(b"<HTML><body>"));
        assert!(!sniff_html(b"{\"a\":1}"));
        assert!(!sniff_html(b"\x89PNG"));
    }
}
