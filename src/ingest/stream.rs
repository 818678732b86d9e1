//! Byte sources for the readers: plain or member-aware gzip, with record offsets and capped line reads.
use std::io::{self, BufRead, BufReader, Read};

pub use super::gzmember::{BUF_CAP, GZ_MAGIC, GzMembers, RawBuf, read_from_buf, scan_for};

type Raw = Box<dyn Read + Send>;

/// The source a reader parses: raw bytes or the decompressed gzip member stream, buffered.
pub struct Source {
    inner: BufReader<Layer>,
    /// Size of the raw input in bytes, when known (a regular file).
    size: Option<u64>,
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
            size: None,
        }
    }

    /// Gzip input (one or many members).
    pub fn gzip(r: RawBuf) -> Self {
        Source {
            inner: BufReader::with_capacity(BUF_CAP, Layer::Gz(Box::new(GzMembers::new(r)))),
            size: None,
        }
    }

    /// Records the size of the raw input (used to recognise lengths no record of it can have).
    pub fn with_size(mut self, size: Option<u64>) -> Self {
        self.size = size;
        self
    }

    /// The most bytes the rest of the input can still decode to, when the input size is known:
    /// the raw bytes left for plain input; for gzip, the compressed bytes from the current member
    /// on times the deflate maximum ratio (1032:1).
    pub fn max_left(&self) -> Option<u64> {
        let size = self.size?;
        Some(match self.inner.get_ref() {
            Layer::Plain(_) => size.saturating_sub(self.offset()),
            Layer::Gz(g) => size
                .saturating_sub(g.member_start)
                .saturating_mul(1032)
                .saturating_add(BUF_CAP as u64),
        })
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

    /// Drops the rest of the current gzip member (already buffered bytes included) and moves to
    /// the next member; used when a member's content cannot be recognised at all.
    pub fn skip_member(&mut self) {
        let n = self.inner.buffer().len();
        self.inner.consume(n);
        if let Layer::Gz(g) = self.inner.get_mut() {
            g.skip_to_next_member();
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
