//! ARC (v1 and v2) reader: header line `URL IP date mime … length`, then the block; resynchronises on bad headers.
use std::io::Read;
use std::sync::Arc;

use super::http::{self, Outcome};
use super::stream::{Source, discard, read_line_capped, trim_eol};
use super::warc::skip_ws;
use super::{Event, ReadOptions, Record, SkipReason};

/// A parsed ARC header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArcHeader {
    pub url: String,
    pub date: String,
    pub mime: String,
    /// The length field as written (validated by the caller).
    pub length: String,
}

/// Parses an ARC header line; `None` if it does not look like one. URLs may contain spaces.
pub fn parse_header(line: &str) -> Option<ArcHeader> {
    let tokens: Vec<&str> = line.split(' ').filter(|t| !t.is_empty()).collect();
    let first = tokens.first()?;
    let colon = first.find(':')?;
    if colon == 0
        || !first
            .get(..colon)?
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'+')
    {
        return None;
    }
    let is_ip = |t: &str| {
        t == "-"
            || (t.contains('.') || t.contains(':'))
                && t.bytes().all(|b| b.is_ascii_hexdigit() || b == b'.' || b == b':')
    };
    let is_date = |t: &str| t.len() >= 8 && t.bytes().all(|b| b.is_ascii_digit());
    let i = (1..tokens.len())
        .find(|&i| is_ip(tokens.get(i).copied().unwrap_or("")) && is_date(tokens.get(i + 1).copied().unwrap_or("")))?;
    if tokens.len() < i + 4 {
        return None;
    }
    Some(ArcHeader {
        url: tokens.get(..i)?.join(" "),
        date: tokens.get(i + 1)?.to_string(),
        mime: tokens.get(i + 2)?.to_string(),
        length: tokens.last()?.to_string(),
    })
}

/// Streams the records of an ARC file.
pub struct ArcReader {
    src: Source,
    source: Arc<str>,
    max_page_bytes: usize,
    scratch: Vec<u8>,
    line: Vec<u8>,
    /// Looking for the next header after damage (further junk lines are not reported again).
    resyncing: bool,
    done: bool,
}

impl ArcReader {
    pub fn new(source: Arc<str>, src: Source, opts: &ReadOptions) -> Self {
        ArcReader {
            src,
            source,
            max_page_bytes: opts.max_page_bytes,
            scratch: Vec::new(),
            line: Vec::new(),
            resyncing: false,
            done: false,
        }
    }

    fn damaged(&self, offset: u64, reason: String) -> Event {
        Event::damaged(&self.source, offset, reason)
    }

    fn next_event(&mut self) -> Option<Event> {
        loop {
            if self.done {
                return None;
            }
            match skip_ws(&mut self.src) {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    let at = self.src.failed_at().unwrap_or(0);
                    return Some(self.damaged(at, e.to_string()));
                }
            }
            let offset = self.src.offset();
            let errors_before = self.src.gz_errors();
            if let Err(e) = read_line_capped(&mut self.src, &mut self.line, 8 << 10) {
                return Some(self.damaged(self.src.failed_at().unwrap_or(offset), e.to_string()));
            }
            let text = String::from_utf8_lossy(trim_eol(&self.line)).into_owned();
            let Some(h) = parse_header(&text) else {
                if self.resyncing {
                    continue;
                }
                self.resyncing = true;
                let shown: String = text.chars().take(80).collect();
                return Some(self.damaged(
                    offset,
                    format!("expected an ARC header line 'URL IP date mime length', found {shown:?}; skipped to the next header"),
                ));
            };
            self.resyncing = false;
            let Ok(len) = h.length.parse::<u64>() else {
                self.resyncing = true;
                return Some(self.damaged(
                    offset,
                    format!(
                        "ARC header: length {:?} is not a number; skipped to the next header",
                        h.length
                    ),
                ));
            };
            let lower = h.url.to_ascii_lowercase();
            let skip = if lower.starts_with("filedesc:") {
                Some(SkipReason::Warcinfo)
            } else if !(lower.starts_with("http:") || lower.starts_with("https:")) {
                Some(SkipReason::NonHttp)
            } else {
                None
            };
            let mut block = (&mut self.src).take(len);
            let outcome = match skip {
                Some(r) => Outcome::Skip(r),
                None => {
                    let starts_http = block.fill_buf_starts_with(b"HTTP/");
                    if starts_http {
                        http::read_response(&mut block, self.max_page_bytes, &mut self.scratch)
                    } else if http::is_html_type(&h.mime) {
                        Outcome::Bad("ARC record block does not start with an HTTP status line".into())
                    } else {
                        Outcome::Skip(SkipReason::NotHtml)
                    }
                }
            };
            let left = block.limit();
            if self.src.gz_errors() != errors_before {
                let reason = match outcome {
                    Outcome::Bad(r) => r,
                    _ => "gzip member damaged inside this record".into(),
                };
                return Some(self.damaged(offset, reason));
            }
            let mut rest = (&mut self.src).take(left);
            if let Err(e) = discard(&mut rest, u64::MAX) {
                return Some(self.damaged(
                    self.src.failed_at().unwrap_or(offset),
                    format!("ARC record block unreadable: {e}"),
                ));
            }
            let missing = rest.limit();
            // An HTTP head re-written with LF line ends (one byte less per line) makes the
            // block look short by that many bytes at the end of the file: the page is whole.
            let relined = matches!(&outcome, Outcome::Html { head, .. } if missing <= head.lf_only_lines);
            if missing > 0 && !relined {
                return Some(self.damaged(
                    offset,
                    format!(
                        "ARC record truncated: length {len} but the input ends after {} bytes of its block",
                        len - missing
                    ),
                ));
            }
            return Some(match outcome {
                Outcome::Skip(reason) => Event::Skipped { offset, reason },
                Outcome::Bad(reason) => self.damaged(offset, reason),
                Outcome::Html { head, body } => Event::Record(Record {
                    source: self.source.clone(),
                    offset,
                    url: Some(h.url),
                    fetched_at: Some(h.date),
                    http_headers: head.headers,
                    body_len: body.len,
                    truncated: body.truncated,
                    body: body.bytes,
                }),
            });
        }
    }
}

/// Peeking helper for a bounded block.
trait StartsWith {
    fn fill_buf_starts_with(&mut self, pat: &[u8]) -> bool;
}

impl<R: std::io::BufRead> StartsWith for std::io::Take<R> {
    fn fill_buf_starts_with(&mut self, pat: &[u8]) -> bool {
        use std::io::BufRead;
        match self.fill_buf() {
            Ok(b) => {
                let b = b
                    .get(b.iter().take_while(|c| c.is_ascii_whitespace()).count()..)
                    .unwrap_or(&[]);
                b.len() >= pat.len() && b.get(..pat.len()).is_some_and(|p| p.eq_ignore_ascii_case(pat))
                    || pat.starts_with(b) && !b.is_empty()
            }
            Err(_) => false,
        }
    }
}

impl Iterator for ArcReader {
    type Item = Event;
    fn next(&mut self) -> Option<Event> {
        self.next_event()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_with_spaces_in_url() {
        let h = parse_header("http://e.com/a b c 93.184.216.119 20140216050221 text/html 1591").unwrap();
        assert_eq!(h.url, "http://e.com/a b c");
        assert_eq!(h.length, "1591");
        assert!(parse_header("URL IP-address Archive-date Content-type Archive-length").is_none());
        assert!(parse_header("1 0 LiveWeb Capture").is_none());
    }
}
