//! Writes WARC 1.1 response records, gzip per record (for the demo corpus, synthetic corpora and tests).
use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

/// One HTTP response to archive.
#[derive(Debug, Clone)]
pub struct Response<'a> {
    pub url: &'a str,
    /// WARC-Date, RFC 3339 (e.g. `2026-11-20T08:00:00Z`).
    pub date: &'a str,
    pub status: u16,
    /// HTTP headers besides Content-Length (which is computed).
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

/// A WARC writer; with `gzip`, every record is its own gzip member (the usual `.warc.gz` layout).
pub struct WarcWriter<W: Write> {
    out: W,
    gzip: bool,
    /// Bytes written so far (offset of the next record).
    pub offset: u64,
    counter: u64,
}

impl<W: Write> WarcWriter<W> {
    pub fn new(out: W, gzip: bool) -> Self {
        WarcWriter {
            out,
            gzip,
            offset: 0,
            counter: 0,
        }
    }

    /// Writes a `warcinfo` record.
    pub fn warcinfo(&mut self, date: &str, fields: &str) -> std::io::Result<u64> {
        let id = self.next_id();
        let head = format!(
            "WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Date: {date}\r\nWARC-Record-ID: {id}\r\nContent-Type: application/warc-fields\r\nContent-Length: {}\r\n\r\n",
            fields.len()
        );
        self.record(head.as_bytes(), fields.as_bytes())
    }

    /// Writes a `200 OK` response of a UTF-8 HTML page and returns its offset.
    pub fn html(&mut self, url: &str, date: &str, body: &[u8]) -> std::io::Result<u64> {
        self.response(&Response {
            url,
            date,
            status: 200,
            headers: &[("Content-Type", "text/html; charset=utf-8")],
            body,
        })
    }

    /// Writes a `response` record and returns its offset.
    pub fn response(&mut self, r: &Response<'_>) -> std::io::Result<u64> {
        let mut http = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
        for (k, v) in r.headers {
            http.push_str(k);
            http.push_str(": ");
            http.push_str(v);
            http.push_str("\r\n");
        }
        http.push_str(&format!("Content-Length: {}\r\n\r\n", r.body.len()));
        let mut block = Vec::with_capacity(http.len() + r.body.len());
        block.extend_from_slice(http.as_bytes());
        block.extend_from_slice(r.body);
        let id = self.next_id();
        let head = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {}\r\nWARC-Date: {}\r\nWARC-Record-ID: {id}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            r.url,
            r.date,
            block.len()
        );
        self.record(head.as_bytes(), &block)
    }

    fn next_id(&mut self) -> String {
        self.counter += 1;
        format!("<urn:uuid:00000000-0000-4000-8000-{:012x}>", self.counter)
    }

    fn record(&mut self, head: &[u8], block: &[u8]) -> std::io::Result<u64> {
        let at = self.offset;
        let mut raw = Vec::with_capacity(head.len() + block.len() + 4);
        raw.extend_from_slice(head);
        raw.extend_from_slice(block);
        raw.extend_from_slice(b"\r\n\r\n");
        let bytes = if self.gzip {
            let mut gz = GzEncoder::new(Vec::new(), Compression::new(6));
            gz.write_all(&raw)?;
            gz.finish()?
        } else {
            raw
        };
        self.out.write_all(&bytes)?;
        self.offset += bytes.len() as u64;
        Ok(at)
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    }
}
