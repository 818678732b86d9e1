//! Readers of crawl dumps (WARC, ARC, JSONL, saved HTML) that stream `Record`s and account for every skip.
pub mod arc;
pub mod decode;
pub mod detect;
pub mod gzmember;
pub mod hashing;
pub mod htmldir;
pub mod http;
pub mod input;
pub mod jsonl;
pub mod stream;
pub mod walk;
pub mod warc;
pub mod warc_write;

pub use input::Input;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Default cap on the bytes of one page kept for parsing (`--max-page-bytes`).
pub const DEFAULT_MAX_PAGE_BYTES: usize = 8 << 20;

/// One successful HTML response read from an input, ready for parsing.
#[derive(Debug, Clone)]
pub struct Record {
    /// The input file it came from, as given on the command line.
    pub source: Arc<str>,
    /// Byte offset of the record in `source` (for gzip, the offset of the gzip member holding it).
    pub offset: u64,
    /// Target URI; `None` for a saved HTML file that does not say where it came from.
    pub url: Option<String>,
    /// Capture time as written in the input (WARC-Date, ARC date, JSONL `fetched_at`).
    pub fetched_at: Option<String>,
    /// HTTP response headers in order (names as written).
    pub http_headers: Vec<(String, String)>,
    /// The body after transfer and content decoding, at most `max_page_bytes` long.
    pub body: Vec<u8>,
    /// Bytes of the body before truncation (equal to `body.len()` unless truncated).
    pub body_len: u64,
    /// The body was cut at `max_page_bytes`.
    pub truncated: bool,
}

impl Record {
    /// First HTTP header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.http_headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `source:offset`, the address of this record in error reports and `baohoa page`.
    pub fn address(&self) -> String {
        format!("{}@{}", self.source, self.offset)
    }
}

/// Why a record did not go on to parsing. Counted per reason in `run.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// WARC `warcinfo` / ARC file header.
    Warcinfo,
    /// WARC `request`.
    Request,
    /// WARC `revisit` (deduplicated capture, no body).
    Revisit,
    /// WARC `metadata`.
    Metadata,
    /// WARC `resource` or `conversion` or any other type that is not an HTML response.
    OtherRecordType,
    /// HTTP status outside 200–299.
    HttpStatus,
    /// Content-Type (or sniffed content) is not HTML.
    NotHtml,
    /// Empty body.
    EmptyBody,
    /// DNS records and other non-HTTP targets.
    NonHttp,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Warcinfo => "warcinfo",
            SkipReason::Request => "request",
            SkipReason::Revisit => "revisit",
            SkipReason::Metadata => "metadata",
            SkipReason::OtherRecordType => "other_record_type",
            SkipReason::HttpStatus => "http_status",
            SkipReason::NotHtml => "not_html",
            SkipReason::EmptyBody => "empty_body",
            SkipReason::NonHttp => "non_http",
        }
    }
}

/// A damaged record or file region: what went wrong, where, and that the batch went on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RecordError {
    pub source: String,
    pub offset: u64,
    pub reason: String,
}

/// What a reader yields, in file order.
#[derive(Debug)]
pub enum Event {
    Record(Record),
    Skipped {
        offset: u64,
        reason: SkipReason,
    },
    /// A damaged record; the reader goes on with the next one it can find (or ends the file).
    Damaged(RecordError),
}

impl Event {
    /// A damaged record of `source` at `offset`, with the reason.
    pub fn damaged(source: &str, offset: u64, reason: String) -> Event {
        Event::Damaged(RecordError {
            source: source.to_owned(),
            offset,
            reason,
        })
    }
}

/// Options shared by all readers.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub max_page_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
        }
    }
}

/// The kind of an input, recognised by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Warc,
    Arc,
    Jsonl,
    Html,
}

/// An input could not be opened or recognised at all (the others are still processed).
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct InputError {
    pub path: PathBuf,
    pub message: String,
}

/// A stream of events from one input.
pub type Events = Box<dyn Iterator<Item = Event> + Send>;

/// Opens one input file, recognising its kind by content, and returns its event stream.
pub fn open(path: &Path, opts: &ReadOptions) -> Result<(InputKind, Events), InputError> {
    let file = open_regular(path).map_err(|message| InputError {
        path: path.to_owned(),
        message,
    })?;
    let size = file.metadata().ok().map(|m| m.len());
    detect::open_detected(path.to_string_lossy().as_ref().into(), Box::new(file), opts, size)
}

/// Opens a file for reading only if it is a regular file. The open does not block (a FIFO with
/// no writer, a device) and the type is checked on the opened file, so a path swapped after the
/// walk is still refused. The error says what and what to do.
pub fn open_regular(path: &Path) -> Result<std::fs::File, String> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    let f = o
        .open(path)
        .map_err(|e| format!("cannot open: {e}; check the path and permissions"))?;
    let m = f
        .metadata()
        .map_err(|e| format!("cannot read its metadata: {e}; check the path and permissions"))?;
    if !m.is_file() {
        return Err(walk::not_regular(&m.file_type()));
    }
    Ok(f)
}

/// Opens an in-memory or other byte stream under a source name (used for the embedded demo corpus).
pub fn open_reader(
    source: Arc<str>,
    reader: Box<dyn std::io::Read + Send>,
    opts: &ReadOptions,
) -> Result<(InputKind, Events), InputError> {
    detect::open_detected(source, reader, opts, None)
}

/// [`open_reader`] for a stream of known total size (a regular file, embedded bytes): record
/// lengths no part of it can hold are then recognised as damage at once.
pub fn open_reader_sized(
    source: Arc<str>,
    reader: Box<dyn std::io::Read + Send>,
    opts: &ReadOptions,
    size: Option<u64>,
) -> Result<(InputKind, Events), InputError> {
    detect::open_detected(source, reader, opts, size)
}
