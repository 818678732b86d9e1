//! Gzip members read one by one: bounded, validated headers (FEXTRA, FNAME, FCOMMENT, FHCRC), CRC-checked
//! trailers, and resynchronisation at the next member after damage.
use std::io::{self, BufRead, Read};

use flate2::Crc;
use flate2::bufread::DeflateDecoder;

/// Capacity of the buffer between the file and the decompressor.
pub const BUF_CAP: usize = 1 << 16;

/// The gzip member magic (`1f 8b` + deflate method).
pub const GZ_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Longest FNAME or FCOMMENT accepted (without its terminating NUL).
pub const MAX_NAME: usize = 1024;

type Raw = Box<dyn Read + Send>;

/// A buffered reader over the raw input that counts consumed bytes and can look ahead by a
/// given number of bytes (to validate a gzip header before anything of it is consumed).
pub struct RawBuf {
    inner: Raw,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    pos: u64,
}

impl RawBuf {
    pub fn new(r: Raw) -> Self {
        RawBuf {
            inner: r,
            buf: vec![0; BUF_CAP],
            start: 0,
            end: 0,
            pos: 0,
        }
    }

    /// Offset of the next unconsumed byte.
    pub fn pos(&self) -> u64 {
        self.pos
    }

    /// The next `n` bytes, or fewer at end of input. Grows the buffer up to `n` if needed.
    pub fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.end - self.start < n {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            }
            if self.end == self.buf.len() {
                self.buf.resize(n.max(BUF_CAP), 0);
            }
            let room = self.buf.get_mut(self.end..).unwrap_or_default();
            match self.inner.read(room) {
                Ok(0) => break,
                Ok(k) => self.end += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let stop = self.end.min(self.start + n);
        Ok(self.buf.get(self.start..stop).unwrap_or_default())
    }
}

impl Read for RawBuf {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        read_from_buf(self, out)
    }
}

impl BufRead for RawBuf {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
            loop {
                match self.inner.read(&mut self.buf) {
                    Ok(k) => {
                        self.end = k;
                        break;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(self.buf.get(self.start..self.end).unwrap_or_default())
    }

    fn consume(&mut self, amt: usize) {
        let amt = amt.min(self.end - self.start);
        self.start += amt;
        self.pos += amt as u64;
    }
}

/// Outcome of parsing a gzip member header from the bytes available.
#[derive(Debug, PartialEq, Eq)]
pub enum Header {
    /// A valid header of this many bytes.
    Done(usize),
    /// Not a valid header: why.
    Bad(String),
    /// At least this many bytes are needed to decide.
    More(usize),
}

fn u16le(b: &[u8], i: usize) -> Option<usize> {
    Some(usize::from(*b.get(i)?) | usize::from(*b.get(i + 1)?) << 8)
}

/// Parses and validates a gzip member header (RFC 1952) at the start of `b`. The extra field
/// must be a well-formed list of subfields that fills XLEN exactly; FNAME and FCOMMENT must be
/// NUL-terminated within [`MAX_NAME`] bytes and hold no control characters; FHCRC must match.
pub fn parse_header(b: &[u8]) -> Header {
    if b.len() < 10 {
        return Header::More(10);
    }
    if b.get(..3) != Some(&GZ_MAGIC[..]) {
        return Header::Bad("no gzip magic".into());
    }
    let flg = b.get(3).copied().unwrap_or(0);
    if flg & 0xE0 != 0 {
        return Header::Bad(format!("reserved flag bits set (FLG {flg:#04x})"));
    }
    let mut i = 10;
    if flg & 0x04 != 0 {
        let Some(xlen) = u16le(b, i) else {
            return Header::More(i + 2);
        };
        let end = i + 2 + xlen;
        if b.len() < end {
            return Header::More(end);
        }
        let mut j = i + 2;
        while j < end {
            let Some(sub) = u16le(b, j + 2).filter(|_| j + 4 <= end) else {
                return Header::Bad(format!("FEXTRA field of {xlen} bytes is not a list of subfields"));
            };
            j += 4 + sub;
            if j > end {
                return Header::Bad(format!(
                    "FEXTRA subfield of {sub} bytes runs past the {xlen}-byte extra field"
                ));
            }
        }
        i = end;
    }
    for (bit, name) in [(0x08, "FNAME"), (0x10, "FCOMMENT")] {
        if flg & bit == 0 {
            continue;
        }
        let window = b.get(i..b.len().min(i + MAX_NAME + 1)).unwrap_or_default();
        match memchr::memchr(0, window) {
            Some(k) => {
                let text = window.get(..k).unwrap_or_default();
                if text.iter().any(|c| *c < 0x20 && *c != b'\t' || *c == 0x7f) {
                    return Header::Bad(format!("{name} holds control characters"));
                }
                i += k + 1;
            }
            None if window.len() > MAX_NAME => {
                return Header::Bad(format!("{name} is longer than {MAX_NAME} bytes"));
            }
            None => return Header::More(i + MAX_NAME + 1),
        }
    }
    if flg & 0x02 != 0 {
        let Some(want) = u16le(b, i) else {
            return Header::More(i + 2);
        };
        let mut crc = Crc::new();
        crc.update(b.get(..i).unwrap_or_default());
        if crc.sum() & 0xffff != want as u32 {
            return Header::Bad("header CRC (FHCRC) does not match".into());
        }
        i += 2;
    }
    Header::Done(i)
}

/// Decompresses a sequence of gzip members as one stream, remembering where each member starts.
///
/// A damaged member (invalid header, corrupt data, bad CRC or length, truncated) makes `read`
/// return an error once; the stream then scans forward for the next valid member and goes on.
/// A `read` call never returns bytes of two members.
pub struct GzMembers {
    dec: Option<DeflateDecoder<RawBuf>>,
    raw: Option<RawBuf>,
    crc: Crc,
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
    pub fn new(raw: RawBuf) -> Self {
        GzMembers {
            dec: None,
            raw: Some(raw),
            crc: Crc::new(),
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
            if raw.pos() == self.member_start && self.members > 0 {
                raw.consume(1);
            }
            scan_for(raw, &GZ_MAGIC);
        }
    }

    fn fail(&mut self, at: u64, what: String) -> io::Error {
        self.failed_at = Some(at);
        self.errors += 1;
        io::Error::new(io::ErrorKind::InvalidData, what)
    }

    /// Checks the 8-byte trailer (CRC-32, length mod 2^32) of the member just decompressed.
    fn finish_member(&mut self) -> io::Result<()> {
        let Some(raw) = self.raw.as_mut() else { return Ok(()) };
        let at = self.member_start;
        let t = raw.peek(8)?;
        let [c0, c1, c2, c3, s0, s1, s2, s3] = *t else {
            let have = t.len();
            raw.consume(have);
            return Err(self.fail(
                at,
                format!("gzip member truncated (unexpected end of file) at offset {at}"),
            ));
        };
        raw.consume(8);
        let crc = u32::from_le_bytes([c0, c1, c2, c3]);
        let size = u32::from_le_bytes([s0, s1, s2, s3]);
        if crc != self.crc.sum() || size != self.crc.amount() {
            let what = if crc != self.crc.sum() {
                "CRC-32 does not match its data"
            } else {
                "length in its trailer does not match its data"
            };
            return Err(self.fail(at, format!("gzip member corrupt ({what}) at offset {at}")));
        }
        Ok(())
    }
}

/// `Read::read` of a `BufRead`: copies what `fill_buf` holds (at most `out.len()`) and consumes it.
pub fn read_from_buf<R: BufRead + ?Sized>(r: &mut R, out: &mut [u8]) -> io::Result<usize> {
    let b = r.fill_buf()?;
    let n = b.len().min(out.len());
    if let (Some(d), Some(s)) = (out.get_mut(..n), b.get(..n)) {
        d.copy_from_slice(s);
    }
    r.consume(n);
    Ok(n)
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
                        // Buffer now starts at the candidate; the caller validates it.
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
                        if let Err(e) = self.finish_member() {
                            if let Some(raw) = self.raw.as_mut() {
                                scan_for(raw, &GZ_MAGIC);
                            }
                            return Err(e);
                        }
                        continue;
                    }
                    Ok(n) => {
                        self.crc.update(buf.get(..n).unwrap_or_default());
                        return Ok(n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        let at = self.member_start;
                        let at_end = dec.get_mut().peek(1).is_ok_and(<[u8]>::is_empty);
                        let what = if at_end {
                            format!("gzip member truncated (unexpected end of file) at offset {at}")
                        } else {
                            format!("gzip member corrupt ({e}) at offset {at}")
                        };
                        let err = self.fail(at, what);
                        self.skip_to_next_member();
                        return Err(err);
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
            let n = head.len().min(3);
            if head.get(..n) == GZ_MAGIC.get(..n) {
                let at = raw.pos();
                let mut need = 10;
                let parsed = loop {
                    let b = raw.peek(need)?;
                    let have = b.len();
                    match parse_header(b) {
                        Header::Done(len) => break Ok(len),
                        Header::Bad(why) => break Err(why),
                        Header::More(n) if have >= need && n > need => need = n,
                        Header::More(_) => break Err("header cut by the end of the file".into()),
                    }
                };
                match parsed {
                    Ok(len) => {
                        raw.consume(len);
                        let Some(raw) = self.raw.take() else {
                            return Ok(0);
                        };
                        self.member_start = at;
                        self.members += 1;
                        self.crc.reset();
                        self.dec = Some(DeflateDecoder::new(raw));
                        continue;
                    }
                    Err(why) => {
                        raw.consume(1);
                        scan_for(raw, &GZ_MAGIC);
                        let to = raw.pos();
                        return Err(self.fail(
                            at,
                            format!(
                                "gzip member header invalid at offset {at} ({why}); {} bytes skipped up to the next gzip member",
                                to - at
                            ),
                        ));
                    }
                }
            }
            // Trailing NUL padding or whitespace after the last member is harmless.
            if head.iter().all(|b| *b == 0 || b.is_ascii_whitespace()) {
                let n = head.len();
                raw.consume(n);
                continue;
            }
            let at = raw.pos();
            scan_for(raw, &GZ_MAGIC);
            let to = raw.pos();
            return Err(self.fail(
                at,
                format!(
                    "bytes that are not a gzip member at offset {at} ({} bytes skipped up to the next gzip member)",
                    to - at
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(flg: u8, rest: &[u8]) -> Vec<u8> {
        let mut h = vec![0x1f, 0x8b, 8, flg, 0, 0, 0, 0, 0, 3];
        h.extend_from_slice(rest);
        h
    }

    #[test]
    fn headers_are_bounded_and_validated() {
        assert_eq!(parse_header(&header(0, b"")), Header::Done(10));
        assert_eq!(parse_header(&header(0, b"")[..5]), Header::More(10));
        assert!(matches!(parse_header(&header(0x20, b"")), Header::Bad(_)));
        // FEXTRA: one subfield "AB" of 2 bytes fills XLEN 6 exactly.
        assert_eq!(parse_header(&header(4, b"\x06\x00AB\x02\x00xy")), Header::Done(18));
        assert!(matches!(
            parse_header(&header(4, b"\x06\x00AB\x09\x00xy")),
            Header::Bad(_)
        ));
        assert_eq!(parse_header(&header(4, b"\xff\x90")), Header::More(12 + 0x90ff));
        // FNAME: terminated, printable, bounded.
        assert_eq!(parse_header(&header(8, b"a.warc\0")), Header::Done(17));
        assert!(matches!(parse_header(&header(8, b"a\x01b\0")), Header::Bad(_)));
        let long = vec![b'a'; MAX_NAME + 1];
        assert!(matches!(parse_header(&header(8, &long)), Header::Bad(_)));
        assert_eq!(parse_header(&header(16, b"abc")), Header::More(10 + MAX_NAME + 1));
    }
}
