//! Recognises an input's kind by its first bytes (gzip or not) and opens the matching reader.
use std::io::BufRead;
use std::sync::Arc;

use super::arc::{ArcReader, parse_header};
use super::htmldir::read_html;
use super::jsonl::JsonlReader;
use super::stream::{GZ_MAGIC, RawBuf, Source};
use super::warc::WarcReader;
use super::{Event, Events, InputError, InputKind, ReadOptions};

const ACCEPTED: &str = "accepted inputs: WARC (.warc, .warc.gz), ARC (.arc, .arc.gz), JSONL (.jsonl, .jsonl.gz; one {\"url\",\"html\"} object per line), saved HTML (.html, .htm)";

/// Classifies the first (decompressed) bytes of an input; `name` breaks ties by extension.
pub fn classify(head: &[u8], name: &str) -> Option<InputKind> {
    let b = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let b = b.get(start..).unwrap_or(&[]);
    let lname = name.to_ascii_lowercase();
    let lname = lname.strip_suffix(".gz").unwrap_or(&lname);
    if b.starts_with(b"WARC/") {
        return Some(InputKind::Warc);
    }
    if b.starts_with(b"filedesc://") {
        return Some(InputKind::Arc);
    }
    let first_line = b.split(|c| *c == b'\n').next().unwrap_or(&[]);
    if parse_header(&String::from_utf8_lossy(first_line)).is_some() && lname.ends_with(".arc") {
        return Some(InputKind::Arc);
    }
    if b.first() == Some(&b'{') {
        return Some(InputKind::Jsonl);
    }
    if b.first() == Some(&b'<') || lname.ends_with(".html") || lname.ends_with(".htm") {
        return Some(InputKind::Html);
    }
    None
}

/// What the first bytes of a file found in a folder say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// A dump of this kind: read it.
    Dump(InputKind),
    /// Readable, but not a dump (a crawl log, a CDX index, a README): its first bytes, shown.
    NotDump(String),
    /// Could not be opened or decompressed: read it anyway, so that the failure is reported.
    Unknown,
}

/// Looks at the first bytes of a file (decompressed when gzip) without reading further.
pub fn sniff(path: &std::path::Path) -> Sniffed {
    let Ok(file) = super::open_regular(path) else {
        return Sniffed::Unknown;
    };
    let mut raw = RawBuf::new(Box::new(file));
    let gz = match raw.fill_buf() {
        Ok([]) => return Sniffed::NotDump("an empty file".into()),
        Ok(magic) => magic.get(..3) == Some(&GZ_MAGIC[..]),
        Err(_) => return Sniffed::Unknown,
    };
    let mut src = if gz {
        Source::gzip(raw)
    } else {
        Source::plain(Box::new(raw))
    };
    let Ok(head) = src.peek(512) else {
        return Sniffed::Unknown;
    };
    match classify(head, &path.to_string_lossy()) {
        Some(kind) => Sniffed::Dump(kind),
        None => Sniffed::NotDump(format!(
            "{}content starts with {:?}",
            if gz { "gzip-compressed, " } else { "" },
            shown(head)
        )),
    }
}

/// The first 40 bytes of a head, control characters as dots.
fn shown(head: &[u8]) -> String {
    String::from_utf8_lossy(head.get(..head.len().min(40)).unwrap_or(&[]))
        .chars()
        .map(|c| if c.is_control() { '.' } else { c })
        .collect()
}

/// Members tried at the start of a gzip input before it is refused as unrecognisable.
const START_MEMBERS_TRIED: usize = 8;

/// Opens the reader matching the content of `reader`; `size` is the raw input size when known.
/// A damaged first gzip member costs that member: the following members are tried (up to
/// [`START_MEMBERS_TRIED`]), and each member skipped is reported as a damaged region.
pub fn open_detected(
    source: Arc<str>,
    reader: Box<dyn std::io::Read + Send>,
    opts: &ReadOptions,
    size: Option<u64>,
) -> Result<(InputKind, Events), InputError> {
    let err = |message: String| InputError {
        path: source.as_ref().into(),
        message,
    };
    let mut raw = RawBuf::new(reader);
    let magic = raw
        .fill_buf()
        .map_err(|e| err(format!("cannot read: {e}; check the file")))?;
    if magic.is_empty() {
        return Err(err(format!("the file is empty; {ACCEPTED}")));
    }
    let gz = magic.get(..3) == Some(&GZ_MAGIC[..]);
    let mut src = if gz {
        Source::gzip(raw)
    } else {
        Source::plain(Box::new(raw))
    }
    .with_size(size);
    let mut early: Vec<Event> = Vec::new();
    let mut first_problem: Option<String> = None;
    let kind = loop {
        let at = src.offset();
        let problem = match src.peek(512) {
            Ok(head) if head.is_empty() && !early.is_empty() => {
                return Err(err(format!(
                    "no readable gzip member: {}",
                    first_problem.unwrap_or_default()
                )));
            }
            Ok(head) => {
                let head = head.to_vec();
                match classify(&head, &source) {
                    Some(kind) => break kind,
                    None => {
                        let what = format!(
                            "not a recognised input: {}content starts with {:?}; {ACCEPTED}",
                            if gz { "gzip-compressed, " } else { "" },
                            shown(&head)
                        );
                        if !gz {
                            return Err(err(what));
                        }
                        src.skip_member();
                        (at, what)
                    }
                }
            }
            // The gzip layer reported the damaged member and moved on to the next one.
            Err(e) if gz => (src.failed_at().unwrap_or(at), e.to_string()),
            Err(e) => return Err(err(format!("cannot read: {e}; check the file"))),
        };
        if early.len() + 1 >= START_MEMBERS_TRIED {
            return Err(err(format!(
                "the first {START_MEMBERS_TRIED} gzip members are damaged or unrecognisable (first: {}); the file cannot be read",
                first_problem.unwrap_or(problem.1)
            )));
        }
        first_problem.get_or_insert_with(|| problem.1.clone());
        early.push(Event::damaged(
            &source,
            problem.0,
            format!("{}; the file is read from the next gzip member", problem.1),
        ));
    };
    let events: Events = match kind {
        InputKind::Warc => Box::new(WarcReader::new(source, src, opts)),
        InputKind::Arc => Box::new(ArcReader::new(source, src, opts)),
        InputKind::Jsonl => Box::new(JsonlReader::new(source, src, opts)),
        InputKind::Html => Box::new(read_html(source, src, opts).into_iter()),
    };
    Ok((kind, Box::new(early.into_iter().chain(events))))
}
