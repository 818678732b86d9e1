//! Saved HTML files: one record per file, URL from a `<!-- saved from url=(NNNN)… -->` comment.
use std::sync::Arc;

use super::http::read_capped;
use super::stream::Source;
use super::{Event, ReadOptions, Record, SkipReason};

/// Finds the URL of a `<!-- saved from url=(0042)http://… -->` comment in the first 4 KiB.
pub fn saved_from_url(html: &[u8]) -> Option<String> {
    let head = html.get(..html.len().min(4096))?;
    let pat = b"saved from url=(";
    let at = memchr::memmem::find(&head.to_ascii_lowercase(), pat)?;
    let rest = head.get(at + pat.len()..)?;
    let close = memchr::memchr(b')', rest)?;
    let declared: Option<usize> = std::str::from_utf8(rest.get(..close)?).ok()?.trim().parse().ok();
    let after = rest.get(close + 1..)?;
    let end = after
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .unwrap_or(after.len());
    let mut url = after.get(..end)?;
    if let Some(n) = declared
        && n <= url.len()
    {
        url = url.get(..n)?;
    }
    let url = url.strip_suffix(b"-->").unwrap_or(url);
    let s = String::from_utf8_lossy(url).into_owned();
    let scheme = s.split(':').next().unwrap_or("");
    (!s.is_empty() && matches!(scheme, "http" | "https")).then_some(s)
}

/// Reads one saved HTML file as a single record.
pub fn read_html(source: Arc<str>, mut src: Source, opts: &ReadOptions) -> Vec<Event> {
    let mut body = Vec::new();
    let cap = opts.max_page_bytes;
    let damaged = |reason: String| vec![Event::damaged(&source, 0, reason)];
    if let Err(e) = read_capped(&mut src, &mut body, cap) {
        return damaged(format!("HTML file unreadable: {e}"));
    }
    let mut len = body.len() as u64;
    let mut truncated = false;
    if body.len() >= cap {
        match std::io::copy(&mut src, &mut std::io::sink()) {
            Ok(rest) => {
                truncated = rest > 0;
                len += rest;
            }
            Err(e) => return damaged(format!("HTML file unreadable after {len} bytes: {e}")),
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return vec![Event::Skipped {
            offset: 0,
            reason: SkipReason::EmptyBody,
        }];
    }
    vec![Event::Record(Record {
        url: saved_from_url(&body),
        source,
        offset: 0,
        fetched_at: None,
        http_headers: Vec::new(),
        body,
        body_len: len,
        truncated,
    })]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_from() {
        let h = b"<!DOCTYPE html>\r\n<!-- saved from url=(0029)https://baomoi.com/tin-a.epi -->\r\n<html>";
        assert_eq!(saved_from_url(h).as_deref(), Some("https://baomoi.com/tin-a.epi"));
        assert_eq!(saved_from_url(b"<html><body>x</body></html>"), None);
        let short = b"<!-- saved from url=(0024)http://example.com/a.htm -->";
        assert_eq!(saved_from_url(short).as_deref(), Some("http://example.com/a.htm"));
    }
}
