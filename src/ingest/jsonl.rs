//! JSONL reader: one object per line with `url`, `html` and optional `fetched_at`.
use std::sync::Arc;

use serde::Deserialize;

use super::stream::{Source, read_line_capped, trim_eol};
use super::{Event, ReadOptions, Record, SkipReason};

#[derive(Deserialize)]
struct Line {
    url: Option<String>,
    html: Option<String>,
    fetched_at: Option<serde_json::Value>,
}

/// Streams the records of a JSONL file.
pub struct JsonlReader {
    src: Source,
    source: Arc<str>,
    max_page_bytes: usize,
    line: Vec<u8>,
    line_no: u64,
    done: bool,
    /// Consecutive lines that are not JSON, reported as one damaged region when the run ends.
    run: Option<BadRun>,
    /// An event to return after the run's report.
    queued: Option<Event>,
}

/// A run of consecutive lines that are not JSON (the input turned to other data).
struct BadRun {
    offset: u64,
    first_line: u64,
    lines: u64,
    bytes: u64,
    first_error: String,
}

impl JsonlReader {
    pub fn new(source: Arc<str>, src: Source, opts: &ReadOptions) -> Self {
        JsonlReader {
            src,
            source,
            max_page_bytes: opts.max_page_bytes,
            line: Vec::new(),
            line_no: 0,
            done: false,
            run: None,
            queued: None,
        }
    }

    /// Longest line kept: JSON escapes can take 6 bytes per character of HTML.
    fn line_cap(&self) -> usize {
        self.max_page_bytes.saturating_mul(6).saturating_add(1 << 16)
    }

    fn damaged(&self, offset: u64, reason: String) -> Event {
        Event::damaged(&self.source, offset, reason)
    }

    /// The report of a finished run of non-JSON lines: one line as before, many as one region.
    fn run_event(&self, run: BadRun) -> Event {
        let reason = if run.lines == 1 {
            format!(
                "JSONL line {} is not a JSON object ({}); expected {{\"url\": …, \"html\": …}}",
                run.first_line, run.first_error
            )
        } else {
            format!(
                "JSONL lines {}–{} ({} lines, {} bytes) are not JSON objects (first: {}): the input turns to other data here; expected {{\"url\": …, \"html\": …}} per line",
                run.first_line,
                run.first_line + run.lines - 1,
                run.lines,
                run.bytes,
                run.first_error
            )
        };
        self.damaged(run.offset, reason)
    }

    fn next_event(&mut self) -> Option<Event> {
        if let Some(ev) = self.queued.take() {
            return Some(ev);
        }
        let ev = self.next_line_event();
        match self.run.take() {
            Some(run) => {
                self.queued = ev;
                Some(self.run_event(run))
            }
            None => ev,
        }
    }

    fn next_line_event(&mut self) -> Option<Event> {
        loop {
            if self.done {
                return None;
            }
            let offset = self.src.offset();
            let cap = self.line_cap();
            let line = match read_line_capped(&mut self.src, &mut self.line, cap) {
                Ok(l) => l,
                Err(e) => {
                    self.done = self.src.gz_errors() == 0;
                    return Some(self.damaged(self.src.failed_at().unwrap_or(offset), e.to_string()));
                }
            };
            if line.consumed == 0 {
                self.done = true;
                return None;
            }
            self.line_no += 1;
            let n = self.line_no;
            if line.overflow {
                return Some(self.damaged(
                    offset,
                    format!("JSONL line {n} is longer than {cap} bytes; raise --max-page-bytes to read it"),
                ));
            }
            let text = trim_eol(&self.line);
            if text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let parsed: Line = match serde_json::from_slice(text) {
                Ok(l) => l,
                Err(e) => {
                    match self.run.as_mut() {
                        Some(run) => {
                            run.lines += 1;
                            run.bytes += line.consumed;
                        }
                        None => {
                            self.run = Some(BadRun {
                                offset,
                                first_line: n,
                                lines: 1,
                                bytes: line.consumed,
                                first_error: e.to_string(),
                            });
                        }
                    }
                    continue;
                }
            };
            let Some(html) = parsed.html else {
                return Some(self.damaged(
                    offset,
                    format!("JSONL line {n} has no string field \"html\"; expected {{\"url\": …, \"html\": …}}"),
                ));
            };
            if html.trim().is_empty() {
                return Some(Event::Skipped {
                    offset,
                    reason: SkipReason::EmptyBody,
                });
            }
            let full = html.len();
            let mut body = html.into_bytes();
            let truncated = full > self.max_page_bytes;
            if truncated {
                let mut cut = self.max_page_bytes;
                // Cut on a UTF-8 character boundary.
                while cut > 0 && body.get(cut).is_some_and(|b| (b & 0xC0) == 0x80) {
                    cut -= 1;
                }
                body.truncate(cut);
            }
            let fetched_at = parsed.fetched_at.map(|v| match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            });
            return Some(Event::Record(Record {
                source: self.source.clone(),
                offset,
                url: parsed.url,
                fetched_at,
                http_headers: vec![("Content-Type".into(), "text/html; charset=utf-8".into())],
                body,
                body_len: full as u64,
                truncated,
            }));
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Event;
    fn next(&mut self) -> Option<Event> {
        self.next_event()
    }
}
