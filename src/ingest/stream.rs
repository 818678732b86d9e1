//! Byte sources for the readers: plain or member-aware gzip, with record offsets and capped line reads.
use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;

/// Capacity of the buffers between the file and the record parsers.
pub const BUF_CAP: usize = 1 << 16;

/// The gzip member magic (`1f 8b` + deflate method).
pub const GZ_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

type Raw = Box<dyn Read + Send>;

/// A `BufRead` over the raw input that counts consumed bytes.
pub struct CountingBuf {
    inner: BufReader<Raw>,
    pos: u64,
}

impl CountingBuf {
    pub fn new(r: Raw) -> Self {
        CountingBuf {
            inner: BufReader::with_capacity(BUF_CAP, r),
            pos: 0,
        }
    }
}

impl Read for CountingBuf {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl BufRead for CountingBuf {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.pos += amt as u64;
    }
}

/// Decompresses a sequence of gzip members as one stream, remembering where each member starts.
///
/// A damaged member (truncated, corrupt, bad CRC) makes `read` return an error once; the stream then
/// scans forward for the next gzip magic and goes on from there.
pub struct GzMembers {
    dec: Option<GzDecoder<CountingBuf>>,
    raw: Option<CountingBuf>,
    /// Compressed offset of the member producing the data now being read.
    pub member_start: u64,
    /// Number of members started so far.
    pub members: u64,
    /// Offset of the member (or stray bytes) behind the last error returned.
    pub failed_at: Option<u64>,
    /// Errors returned so far.
    pub errors: u64,
}

impl GzMembers {
    pub fn new(raw: CountingBuf) -> Self {
        GzMembers {
            dec: None,
            raw: Some(raw),
            member_start: 0,
            members: 0,
            failed_at: None,
            errors: 0,
        }
    }

    /// Drops the current member and positions the raw stream at the next gzip magic (or its end).
    pub fn skip_to_next_member(&mut self) {
        if let Some(d) = self.dec.take() {
            self.raw = Some(d.into_inner());
        }
        if let Some(raw) = self.raw.as_mut() {
            // Skip at least one byte when sitting on the start of the member just abandoned.
            let at_start = raw.pos == self.member_start && self.members > 0;
            if at_start {
                let n = raw.fill_buf().map_or(0, |b| b.len().min(1));
                raw.consume(n);
            }
            scan_for(raw, &GZ_MAGIC);
        }
    }
}

/// Consumes bytes until `r` is positioned at `pat` (or at end of input / on a read error).
pub fn scan_for<R: BufRead>(r: &mut R, pat: &[u8]) {
    let Some(&first) = pat.first() else { return };
    loop {
        let buf = match r.fill_buf() {
            Ok(b) if !b.is_empty() => b,
            _ => return,
        };
        match memchr::memchr(first, buf) {
            None => {
                let n = buf.len();
                r.consume(n);
            }
            Some(i) => {
                if buf.len() - i >= pat.len() {
                    if buf.get(i..i + pat.len()) == Some(pat) {
                        r.consume(i);
                        return;
                    }
                    r.consume(i + 1);
                } else {
                    // The candidate straddles the buffer end: compare what we have and read on.
                    let tail = buf.get(i..).unwrap_or(&[]);
                    if pat.starts_with(tail) {
                        r.consume(i);
                        // Buffer now starts at the candidate; a BufReader refills only when empty,
                        // so accept the (rare) partial match as the position.
                        return;
                    }
                    r.consume(i + 1);
                }
            }
        }
    }
}

impl Read for GzMembers {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if let Some(dec) = self.dec.as_mut() {
                match dec.read(buf) {
                    Ok(0) => {
                        if let Some(d) = self.dec.take() {
                            self.raw = Some(d.into_inner());
                        }
                        continue;
                    }
                    Ok(n) => return Ok(n),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        let at = self.member_start;
                        let what = if e.kind() == io::ErrorKind::UnexpectedEof {
                            format!("gzip member truncated (unexpected end of file) at offset {at}")
                        } else {
                            format!("gzip member corrupt ({e}) at offset {at}")
                        };
                        self.failed_at = Some(at);
                        self.errors += 1;
                        self.skip_to_next_member();
                        return Err(io::Error::new(io::ErrorKind::InvalidData, what));
                    }
                }
            }
            let Some(raw) = self.raw.as_mut() else {
                return Ok(0);
            };
            let head = raw.fill_buf()?;
            if head.is_empty() {
                return Ok(0);
            }
            let starts_gz =
                head.len() >= 3 && head.get(..3) == Some(&GZ_MAGIC[..]) || head.len() < 3 && GZ_MAGIC.starts_with(head);
            if starts_gz {
                let Some(raw) = self.raw.take() else {
                    return Ok(0);
                };
                self.member_start = raw.pos;
                self.members += 1;
                self.dec = Some(GzDecoder::new(raw));
                continue;
            }
            // Trailing NUL padding or whitespace after the last member is harmless.
            if head.iter().all(|b| *b == 0 || b.is_ascii_whitespace()) {
                let n = head.len();
                raw.consume(n);
                continue;
            }
            let at = raw.pos;
            self.failed_at = Some(at);
            self.errors += 1;
            scan_for(raw, &GZ_MAGIC);
            let to = raw.pos;
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "bytes that are not a gzip member at offset {at} ({} bytes skipped up to the next gzip member)",
                    to - at
                ),
            ));
        }
    }
}

/// The source a reader parses: raw bytes or the decompressed gzip member stream, buffered.
pub struct Source {
    inner: BufReader<Layer>,
}

enum Layer {
    Plain(CountingRead),
    Gz(Box<GzMembers>),
}

/// Counts the bytes read from an unbuffered raw input.
struct CountingRead {
    inner: Raw,
    pos: u64,
}

impl Read for Layer {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Layer::Plain(c) => {
                let n = c.inner.read(buf)?;
                c.pos += n as u64;
                Ok(n)
            }
            Layer::Gz(g) => g.read(buf),
        }
    }
}

impl Source {
    /// Plain input.
    pub fn plain(r: Raw) -> Self {
        Source {
            inner: BufReader::with_capacity(BUF_CAP, Layer::Plain(CountingRead { inner: r, pos: 0 })),
        }
    }

    /// Gzip input (one or many members).
    pub fn gzip(r: CountingBuf) -> Self {
        Source {
            inner: BufReader::with_capacity(BUF_CAP, Layer::Gz(Box::new(GzMembers::new(r)))),
        }
    }

    pub fn is_gzip(&self) -> bool {
        matches!(self.inner.get_ref(), Layer::Gz(_))
    }

    /// The address of the next unread byte: raw offset for plain input, member offset for gzip.
    pub fn offset(&self) -> u64 {
        match self.inner.get_ref() {
            Layer::Plain(c) => c.pos - self.inner.buffer().len() as u64,
            Layer::Gz(g) => g.member_start,
        }
    }

    /// Where the last gzip error came from (the damaged member or stray bytes).
    pub fn failed_at(&self) -> Option<u64> {
        match self.inner.get_ref() {
            Layer::Plain(_) => None,
            Layer::Gz(g) => g.failed_at,
        }
    }

    /// Gzip errors met so far (0 for plain input).
    pub fn gz_errors(&self) -> u64 {
        match self.inner.get_ref() {
            Layer::Plain(_) => 0,
            Layer::Gz(g) => g.errors,
        }
    }

    /// Number of gzip members started so far (0 for plain input).
    pub fn members(&self) -> u64 {
        match self.inner.get_ref() {
            Layer::Plain(_) => 0,
            Layer::Gz(g) => g.members,
        }
    }

    /// Peeks at least `n` bytes if available (fewer at end of input); only for detection at the start.
    pub fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        let b = self.inner.fill_buf()?;
        Ok(b.get(..n.min(b.len())).unwrap_or(&[]))
    }
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

impl BufRead for Source {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
    }
}

/// Outcome of [`read_line_capped`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Bytes consumed, including the newline.
    pub consumed: u64,
    /// The line was longer than the cap (only the first `cap` bytes are kept).
    pub overflow: bool,
    /// The line ended with `\n` (false at end of input).
    pub complete: bool,
}

/// Reads one line (up to and including `\n`) into `out`, keeping at most `cap` bytes.
pub fn read_line_capped<R: BufRead + ?Sized>(r: &mut R, out: &mut Vec<u8>, cap: usize) -> io::Result<Line> {
    out.clear();
    let mut line = Line {
        consumed: 0,
        overflow: false,
        complete: false,
    };
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(line);
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = cap.saturating_sub(out.len());
        let keep = take.min(room);
        out.extend_from_slice(buf.get(..keep).unwrap_or(&[]));
        if keep < take {
            line.overflow = true;
        }
        r.consume(take);
        line.consumed += take as u64;
        if done {
            line.complete = true;
            return Ok(line);
        }
    }
}

/// Discards up to `n` bytes without buffering them; returns how many were discarded.
pub fn discard<R: BufRead + ?Sized>(r: &mut R, mut n: u64) -> io::Result<u64> {
    let mut done = 0;
    while n > 0 {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let k = (buf.len() as u64).min(n) as usize;
        r.consume(k);
        n -= k as u64;
        done += k as u64;
    }
    Ok(done)
}

/// Trims trailing `\r\n` / `\n`.
pub fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}
