//! WARC 1.0/1.1 reader (plain, gzip per record, whole-file gzip) that resynchronises after damage.
use std::io::{self, BufRead, Read};
use std::sync::Arc;

use super::http::{self, FieldsEnd, Outcome, read_fields_until};
use super::stream::{Source, discard, read_from_buf, read_line_capped, trim_eol};
use super::{Event, ReadOptions, Record, SkipReason};

/// Longest record block accepted whatever the input size (1 TiB): a larger Content-Length is damage.
pub const MAX_RECORD_LEN: u64 = 1 << 40;

/// The block of one record: at most `left` bytes and, in gzip input, no further than a new member
/// that starts with a WARC version line (the declared length ran past the record's own member).
struct Block<'a> {
    src: &'a mut Source,
    left: u64,
    /// Members started when last looked at.
    members: u64,
    /// The block ran into the next record, whose member starts at this offset.
    ran_into: Option<u64>,
}

impl BufRead for Block<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.left == 0 || self.ran_into.is_some() {
            return Ok(&[]);
        }
        self.src.fill_buf()?;
        if self.src.is_gzip() && self.src.members() != self.members {
            self.members = self.src.members();
            if self.src.fill_buf()?.starts_with(b"WARC/1.") {
                self.ran_into = Some(self.src.offset());
                return Ok(&[]);
            }
        }
        let left = usize::try_from(self.left).unwrap_or(usize::MAX);
        let b = self.src.fill_buf()?;
        Ok(b.get(..b.len().min(left)).unwrap_or_default())
    }

    fn consume(&mut self, amt: usize) {
        self.src.consume(amt);
        self.left = self.left.saturating_sub(amt as u64);
    }
}

impl Read for Block<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        read_from_buf(self, out)
    }
}

/// Streams the records of a WARC file.
pub struct WarcReader {
    src: Source,
    source: Arc<str>,
    max_page_bytes: usize,
    scratch: Vec<u8>,
    fields: Vec<(String, String)>,
    /// The next record header has to be searched for (after damage).
    resync: bool,
    /// A `WARC/1.x` version line was already read by the resync scan, at this offset.
    pending: Option<u64>,
    /// An event to return before reading on.
    queued: Option<Event>,
    done: bool,
}

impl WarcReader {
    pub fn new(source: Arc<str>, src: Source, opts: &ReadOptions) -> Self {
        WarcReader {
            src,
            source,
            max_page_bytes: opts.max_page_bytes,
            scratch: Vec::new(),
            fields: Vec::new(),
            resync: false,
            pending: None,
            queued: None,
            done: false,
        }
    }

    fn damaged(&self, offset: u64, reason: String) -> Event {
        Event::damaged(&self.source, offset, reason)
    }

    /// Scans line by line for the next `WARC/1.` line. `Err` is a gzip error met on the way
    /// (the stream is then at the next member, which is where parsing resumes).
    fn scan(&mut self) -> io::Result<()> {
        loop {
            if self.src.fill_buf()?.is_empty() {
                return Ok(());
            }
            let at = self.src.offset();
            let line = read_line_capped(&mut self.src, &mut self.scratch, 16)?;
            if line.consumed == 0 {
                return Ok(());
            }
            if self.scratch.starts_with(b"WARC/1.") {
                self.pending = Some(at);
                return Ok(());
            }
        }
    }

    /// Offset to blame for an I/O error just returned by the source.
    fn error_at(&self, fallback: u64) -> u64 {
        self.src.failed_at().unwrap_or(fallback)
    }

    fn next_event(&mut self) -> Option<Event> {
        if let Some(ev) = self.queued.take() {
            return Some(ev);
        }
        if self.done {
            return None;
        }
        if self.resync {
            self.resync = false;
            if let Err(e) = self.scan() {
                let at = self.error_at(self.src.offset());
                return Some(self.damaged(at, e.to_string()));
            }
        }
        let offset = match self.pending.take() {
            Some(at) => at,
            None => match skip_ws(&mut self.src) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {
                    let at = self.src.offset();
                    match read_line_capped(&mut self.src, &mut self.scratch, 64) {
                        Ok(_) => {}
                        Err(e) => return Some(self.damaged(self.error_at(at), e.to_string())),
                    }
                    if !self.scratch.starts_with(b"WARC/1.") {
                        let found = String::from_utf8_lossy(trim_eol(&self.scratch)).into_owned();
                        self.resync = true;
                        return Some(self.damaged(
                            at,
                            format!("expected a WARC record header ('WARC/1.0' or 'WARC/1.1'), found {found:?}; skipped to the next record"),
                        ));
                    }
                    at
                }
                Err(e) => {
                    let at = self.error_at(self.src.offset());
                    return Some(self.damaged(at, e.to_string()));
                }
            },
        };
        Some(self.record(offset))
    }

    /// Reads one record whose version line has been consumed.
    fn record(&mut self, offset: u64) -> Event {
        self.fields.clear();
        let mut fields = std::mem::take(&mut self.fields);
        let fields_start = self.src.offset();
        let end = match read_fields_until(&mut self.src, &mut self.scratch, &mut fields, Some(b"WARC/1."), &mut 0) {
            Ok(c) => c,
            Err(e) => {
                self.fields = fields;
                return self.damaged(self.error_at(offset), format!("WARC header unreadable: {e}"));
            }
        };
        if let FieldsEnd::Stop { after } = end {
            self.fields = fields;
            let next = if self.src.is_gzip() {
                self.src.offset()
            } else {
                fields_start + after
            };
            self.pending = Some(next);
            return self.damaged(
                offset,
                format!(
                    "WARC header has no blank line: a new record header ('WARC/1.') starts inside it at offset {next}; this header is skipped and the next record read"
                ),
            );
        }
        let complete = end == FieldsEnd::Blank;
        let get = |name: &str| http::header(&fields, name).map(str::to_string);
        let kind = get("WARC-Type").unwrap_or_default().to_ascii_lowercase();
        let url = get("WARC-Target-URI").map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string());
        let date = get("WARC-Date");
        let ctype = get("Content-Type").unwrap_or_default().to_ascii_lowercase();
        let cl = get("Content-Length");
        self.fields = fields;
        if !complete {
            self.resync = true;
            return self.damaged(offset, "WARC header truncated (input ends inside the header)".into());
        }
        let Some(cl) = cl else {
            self.resync = true;
            return self.damaged(
                offset,
                "WARC header: Content-Length missing; skipped to the next record".into(),
            );
        };
        let Ok(len) = cl.trim().parse::<u64>() else {
            self.resync = true;
            return self.damaged(
                offset,
                format!("WARC header: Content-Length {cl:?} is not a number; skipped to the next record"),
            );
        };
        let skip = match kind.as_str() {
            "response" => None,
            "warcinfo" => Some(SkipReason::Warcinfo),
            "request" => Some(SkipReason::Request),
            "revisit" => Some(SkipReason::Revisit),
            "metadata" => Some(SkipReason::Metadata),
            _ => Some(SkipReason::OtherRecordType),
        };
        let non_http = url.as_deref().is_some_and(|u| {
            let l = u.get(..6).unwrap_or(u).to_ascii_lowercase();
            !(l.starts_with("http:") || l.starts_with("https:"))
        }) || !ctype.starts_with("application/http");
        let skip = skip.or(non_http.then_some(SkipReason::NonHttp));
        let room = self.src.max_left().unwrap_or(MAX_RECORD_LEN).min(MAX_RECORD_LEN);
        if len > room {
            self.resync = true;
            return self.damaged(
                offset,
                format!(
                    "WARC header: Content-Length {len} is more than the rest of the input can hold (at most {room} bytes); the record is skipped and the next 'WARC/1.' line looked for"
                ),
            );
        }
        let errors_before = self.src.gz_errors();
        let members = self.src.members();
        let mut block = Block {
            src: &mut self.src,
            left: len,
            members,
            ran_into: None,
        };
        let outcome = match skip {
            Some(reason) => Outcome::Skip(reason),
            None => http::read_response(&mut block, self.max_page_bytes, &mut self.scratch),
        };
        let (left, members, ran_into) = (block.left, block.members, block.ran_into);
        // A gzip error inside the block: the stream already moved to the next member.
        if self.src.gz_errors() != errors_before {
            let reason = match outcome {
                Outcome::Bad(r) => r,
                _ => "gzip member damaged inside this record".into(),
            };
            return self.damaged(offset, reason);
        }
        let mut block = Block {
            src: &mut self.src,
            left,
            members,
            ran_into,
        };
        if let Err(e) = discard(&mut block, u64::MAX) {
            return self.damaged(self.error_at(offset), format!("WARC record block unreadable: {e}"));
        }
        if let Some(next) = block.ran_into {
            let missing = block.left;
            return self.damaged(
                offset,
                format!(
                    "WARC record: Content-Length {len} runs past the end of its gzip member into the next record at offset {next} ({} bytes of its block read, {missing} missing); the record is skipped and reading goes on there",
                    len - missing
                ),
            );
        }
        let missing = block.left;
        if missing > 0 {
            return self.damaged(
                offset,
                format!(
                    "WARC record truncated: Content-Length {len} but the input ends after {} bytes of its block",
                    len - missing
                ),
            );
        }
        // Consume the record's trailing newlines; this also completes the gzip member, so its CRC is checked.
        if let Err(e) = skip_ws(&mut self.src) {
            let at = self.error_at(offset);
            let ev = self.damaged(at, e.to_string());
            if at == offset {
                return ev;
            }
            // The damage is in a later member: this record is whole.
            self.queued = Some(ev);
        }
        match outcome {
            Outcome::Skip(reason) => Event::Skipped { offset, reason },
            Outcome::Bad(reason) => self.damaged(offset, reason),
            Outcome::Html { head, body } => Event::Record(Record {
                source: self.source.clone(),
                offset,
                url,
                fetched_at: date,
                http_headers: head.headers,
                body_len: body.len,
                truncated: body.truncated,
                body: body.bytes,
            }),
        }
    }
}

/// Consumes whitespace (newlines between records); `Ok(false)` at end of input.
pub fn skip_ws<R: BufRead + ?Sized>(r: &mut R) -> io::Result<bool> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let n = buf.iter().take_while(|b| b.is_ascii_whitespace() || **b == 0).count();
        let all = n == buf.len();
        r.consume(n);
        if !all {
            return Ok(true);
        }
    }
}

impl Iterator for WarcReader {
    type Item = Event;
    fn next(&mut self) -> Option<Event> {
        self.next_event()
    }
}
