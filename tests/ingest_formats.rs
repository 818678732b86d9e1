//! Synthetic inputs: JSONL, saved HTML, charsets (windows-1258, mislabels), caps, chunked, gzip/br, bombs.
use std::io::{Read, Write};
use std::sync::Arc;

use baohoa::ingest::decode::{CharsetSource, decode_html};
use baohoa::ingest::warc_write::{Response, WarcWriter};
use baohoa::ingest::{self, Event, InputKind, ReadOptions, Record, SkipReason};
use flate2::Compression;
use flate2::write::GzEncoder;

const VI: &str = "Thời sự: Hà Nội mưa lớn, nhiều tuyến phố ngập sâu. Người dân đội mưa đi làm, giao thông ùn tắc kéo dài. Theo Trung tâm Dự báo khí tượng thủy văn quốc gia, mưa còn tiếp diễn đến cuối tuần.";

fn events(name: &str, bytes: Vec<u8>, opts: &ReadOptions) -> (InputKind, Vec<Event>) {
    let (kind, ev) = ingest::open_reader(Arc::from(name), Box::new(std::io::Cursor::new(bytes)), opts).unwrap();
    (kind, ev.collect())
}

fn records(ev: &[Event]) -> Vec<&Record> {
    ev.iter()
        .filter_map(|e| if let Event::Record(r) = e { Some(r) } else { None })
        .collect()
}

fn damage(ev: &[Event]) -> Vec<String> {
    ev.iter()
        .filter_map(|e| {
            if let Event::Damaged(d) = e {
                Some(d.reason.clone())
            } else {
                None
            }
        })
        .collect()
}

fn gzip(b: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(b).unwrap();
    gz.finish().unwrap()
}

fn warc(gz: bool, resp: &[Response<'_>]) -> Vec<u8> {
    let mut w = WarcWriter::new(Vec::new(), gz);
    w.warcinfo("2026-11-20T08:00:00Z", "software: test\r\n").unwrap();
    for r in resp {
        w.response(r).unwrap();
    }
    w.into_inner()
}

fn page(headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let resp = Response {
        url: "https://tin.example.vn/a.html",
        date: "2026-11-20T08:00:00Z",
        status: 200,
        headers,
        body,
    };
    warc(true, &[resp])
}

/// A brotli stream made of uncompressed meta-blocks (the brotli crate here only decompresses).
fn brotli_stored(data: &[u8]) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, v: u64, k: u32) {
            self.acc |= v << self.n;
            self.n += k;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        fn align(&mut self) {
            if self.n > 0 {
                self.out.push(self.acc as u8);
                self.acc = 0;
                self.n = 0;
            }
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    b.put(0, 1); // WBITS = 16
    for chunk in data.chunks(65536) {
        b.put(0, 1); // ISLAST = 0
        b.put(0, 2); // MNIBBLES = 4
        b.put((chunk.len() - 1) as u64, 16);
        b.put(1, 1); // ISUNCOMPRESSED
        b.align();
        b.out.extend_from_slice(chunk);
    }
    b.put(1, 1); // ISLAST
    b.put(1, 1); // ISLASTEMPTY
    b.align();
    b.out
}

#[test]
fn jsonl_lines_plain_and_gzip() {
    let text = format!(
        "{}\n not json at all\n{{\"url\":\"https://a.vn/2\"}}\n\n{{\"url\":\"https://a.vn/3\",\"html\":\"\"}}\n{}\n",
        serde_json::json!({"url": "https://a.vn/1", "html": format!("<html><p>{VI}</p></html>"), "fetched_at": "2026-11-01T00:00:00Z"}),
        serde_json::json!({"url": "https://a.vn/4", "html": "<html>b</html>", "fetched_at": 1700000000}),
    );
    for gz in [false, true] {
        let bytes = if gz {
            gzip(text.as_bytes())
        } else {
            text.clone().into_bytes()
        };
        let (kind, ev) = events(
            if gz { "x.jsonl.gz" } else { "x.jsonl" },
            bytes,
            &ReadOptions::default(),
        );
        assert_eq!(kind, InputKind::Jsonl);
        let recs = records(&ev);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].url.as_deref(), Some("https://a.vn/1"));
        assert_eq!(recs[0].fetched_at.as_deref(), Some("2026-11-01T00:00:00Z"));
        assert_eq!(recs[1].fetched_at.as_deref(), Some("1700000000"));
        let d = decode_html(&recs[0].body, recs[0].header("content-type"));
        assert!(d.html.contains("Hà Nội"));
        let dam = damage(&ev);
        assert_eq!(dam.len(), 2, "{dam:?}");
        assert!(dam[0].contains("line 2 is not a JSON object"), "{}", dam[0]);
        assert!(dam[1].contains("line 3 has no string field \"html\""), "{}", dam[1]);
        assert!(ev.iter().any(|e| matches!(
            e,
            Event::Skipped {
                reason: SkipReason::EmptyBody,
                ..
            }
        )));
    }
}

#[test]
fn saved_html_file_takes_url_from_comment() {
    let html = format!(
        "<!DOCTYPE html>\r\n<!-- saved from url=(0035)https://baomoi.com/tin-nong/abc.epi -->\r\n<html><head><meta charset=\"utf-8\"></head><body>{VI}</body></html>"
    );
    let (kind, ev) = events("trang.html", html.into_bytes(), &ReadOptions::default());
    assert_eq!(kind, InputKind::Html);
    let recs = records(&ev);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].url.as_deref(), Some("https://baomoi.com/tin-nong/abc.epi"));
    let d = decode_html(&recs[0].body, None);
    assert_eq!(d.source, CharsetSource::Meta);
    let (_, ev) = events(
        "b.htm",
        b"<html><body>x</body></html>".to_vec(),
        &ReadOptions::default(),
    );
    assert_eq!(records(&ev)[0].url, None);
}

#[test]
fn unrecognised_input_says_what_was_found() {
    let err = ingest::open_reader(
        Arc::from("x.bin"),
        Box::new(&b"\x89PNG\r\n\x1a\n"[..]),
        &ReadOptions::default(),
    )
    .err()
    .unwrap();
    let msg = err.to_string();
    assert!(
        msg.contains("not a recognised input") && msg.contains("PNG") && msg.contains("accepted inputs"),
        "{msg}"
    );
}

/// Encodes like real windows-1258 pages: precomposed letters the code page lacks become base + tone mark.
fn encode_1258(text: &str) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let enc = encoding_rs::WINDOWS_1258;
    let mut out = Vec::new();
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let (b, _, bad) = enc.encode(c.encode_utf8(&mut buf));
        if !bad {
            out.extend_from_slice(&b);
            continue;
        }
        let nfd: Vec<char> = c.to_string().nfd().collect();
        let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let mark = *nfd.iter().find(|m| tones.contains(m)).unwrap();
        let base: String = nfd.iter().filter(|m| **m != mark).collect::<String>().nfc().collect();
        let pair = format!("{base}{mark}");
        let (b, _, bad) = enc.encode(&pair);
        assert!(!bad, "{c}");
        out.extend_from_slice(&b);
    }
    out
}

#[test]
fn windows_1258_declared_detected_and_mislabeled() {
    let html = format!("<html><head><title>Tin tức</title></head><body><p>{VI}</p><p>{VI}</p></body></html>");
    let bytes = encode_1258(&html);
    let want = baohoa::text::normalize::nfc(&html);
    // Declared in the header.
    let d = decode_html(&bytes, Some("text/html; charset=windows-1258"));
    assert_eq!((d.charset, d.source), ("windows-1258", CharsetSource::HttpHeader));
    assert_eq!(d.html, want, "windows-1258 combining tones must be composed (NFC)");
    // Not declared: detected.
    let d = decode_html(&bytes, Some("text/html"));
    assert_eq!((d.charset, d.source), ("windows-1258", CharsetSource::Detected));
    assert_eq!(d.html, want);
    // Declared UTF-8 but it is not.
    let d = decode_html(&bytes, Some("text/html; charset=utf-8"));
    assert_eq!(
        (d.charset, d.source, d.declared),
        ("windows-1258", CharsetSource::Detected, Some("UTF-8"))
    );
    assert_eq!(d.html, want);
    // Declared latin1 in <meta> but the bytes are UTF-8.
    let utf = format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">{html}");
    let d = decode_html(utf.as_bytes(), None);
    assert_eq!(
        (d.charset, d.source, d.declared),
        ("UTF-8", CharsetSource::Detected, Some("windows-1252"))
    );
    assert!(d.html.contains("Hà Nội mưa lớn"));
    // Through a WARC record.
    let w = page(&[("Content-Type", "text/html; charset=windows-1258")], &bytes);
    let (_, ev) = events("x.warc.gz", w, &ReadOptions::default());
    let r = records(&ev)[0];
    assert_eq!(decode_html(&r.body, r.header("content-type")).html, want);
}

#[test]
fn content_encoding_gzip_deflate_br_and_chunked() {
    let body = format!("<html><body>{VI}</body></html>");
    let gz = gzip(body.as_bytes());
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::fast());
    z.write_all(body.as_bytes()).unwrap();
    let zl = z.finish().unwrap();
    let br = brotli_stored(body.as_bytes());
    let mut chunked = Vec::new();
    for c in gz.chunks(7) {
        write!(chunked, "{:x}\r\n", c.len()).unwrap();
        chunked.extend_from_slice(c);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    type Headers<'a> = &'a [(&'a str, &'a str)];
    let cases: Vec<(Headers<'_>, Vec<u8>)> = vec![
        (
            &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            gz.clone(),
        ),
        (&[("Content-Type", "text/html"), ("Content-Encoding", "deflate")], zl),
        (&[("Content-Type", "text/html"), ("Content-Encoding", "br")], br),
        (
            &[
                ("Content-Type", "text/html"),
                ("Transfer-Encoding", "chunked"),
                ("Content-Encoding", "gzip"),
            ],
            chunked,
        ),
    ];
    for (headers, enc) in cases {
        let (_, ev) = events("x.warc.gz", page(headers, &enc), &ReadOptions::default());
        let recs = records(&ev);
        assert_eq!(recs.len(), 1, "{headers:?}: {:?}", damage(&ev));
        assert_eq!(recs[0].body, body.as_bytes(), "{headers:?}");
    }
    // Bad chunking is reported, and the next record is still read.
    let bad = b"10\r\n<html>short\r\n0\r\n\r\n";
    let mut w = WarcWriter::new(Vec::new(), false);
    let h = [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")];
    let ok = [("Content-Type", "text/html")];
    for (headers, b) in [(&h[..], &bad[..]), (&ok[..], &b"<html>fine</html>"[..])] {
        w.response(&Response {
            url: "http://a.vn/",
            date: "2026-01-01T00:00:00Z",
            status: 200,
            headers,
            body: b,
        })
        .unwrap();
    }
    let (_, ev) = events("x.warc", w.into_inner(), &ReadOptions::default());
    assert!(
        damage(&ev)[0].starts_with("invalid chunked encoding"),
        "{:?}",
        damage(&ev)
    );
    assert_eq!(records(&ev).len(), 1);
}

#[test]
fn decompression_bomb_is_capped() {
    let zeros = vec![b' '; 32 << 20];
    let mut bomb = b"<html>".to_vec();
    bomb.extend_from_slice(&zeros);
    let gz = gzip(&bomb);
    assert!(gz.len() < 1 << 20);
    let opts = ReadOptions {
        max_page_bytes: 1 << 20,
    };
    let (_, ev) = events(
        "x.warc.gz",
        page(&[("Content-Type", "text/html"), ("Content-Encoding", "gzip")], &gz),
        &opts,
    );
    let r = records(&ev)[0];
    assert!(r.truncated);
    assert_eq!(r.body.len(), 1 << 20);
    assert!(r.body.capacity() <= 2 << 20, "capacity {}", r.body.capacity());
}

/// Streams a WARC with one 50 MB HTML body without holding it.
struct Huge {
    head: std::io::Cursor<Vec<u8>>,
    left: u64,
    tail: std::io::Cursor<Vec<u8>>,
}

impl Read for Huge {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.head.read(buf)?;
        if n > 0 {
            return Ok(n);
        }
        if self.left > 0 {
            let k = (buf.len() as u64).min(self.left) as usize;
            buf[..k].fill(b'a');
            self.left -= k as u64;
            return Ok(k);
        }
        self.tail.read(buf)
    }
}

#[test]
fn fifty_megabyte_body_is_truncated_with_bounded_memory() {
    let big: u64 = 50 << 20;
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n<html>",
        big + 6
    );
    let head = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://big.vn/\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}",
        http.len() as u64 + big
    );
    let tail = b"\r\n\r\nWARC/1.1\r\nWARC-Type: request\r\nContent-Length: 0\r\n\r\n\r\n\r\n".to_vec();
    let huge = Huge {
        head: std::io::Cursor::new(head.into_bytes()),
        left: big,
        tail: std::io::Cursor::new(tail),
    };
    let opts = ReadOptions {
        max_page_bytes: 1 << 20,
    };
    let (_, ev) = ingest::open_reader(Arc::from("big.warc"), Box::new(huge), &opts).unwrap();
    let ev: Vec<Event> = ev.collect();
    let r = records(&ev)[0];
    assert!(r.truncated);
    assert_eq!(r.body.len(), 1 << 20);
    assert_eq!(r.body_len, big + 6);
    assert!(r.body.capacity() <= 2 << 20, "capacity {}", r.body.capacity());
    assert!(ev.iter().any(|e| matches!(
        e,
        Event::Skipped {
            reason: SkipReason::Request,
            ..
        }
    )));
}

#[test]
fn truncated_gzip_member_is_reported_and_earlier_records_kept() {
    let bodies: Vec<String> = (0..3).map(|i| format!("<html><body>{i} {VI}</body></html>")).collect();
    let resp: Vec<Response<'_>> = bodies
        .iter()
        .map(|b| Response {
            url: "http://a.vn/",
            date: "2026-01-01T00:00:00Z",
            status: 200,
            headers: &[("Content-Type", "text/html")],
            body: b.as_bytes(),
        })
        .collect();
    let full = warc(true, &resp);
    let cut = full[..full.len() - 30].to_vec();
    let (_, ev) = events("x.warc.gz", cut, &ReadOptions::default());
    assert_eq!(records(&ev).len(), 2);
    let dam = damage(&ev);
    assert_eq!(dam.len(), 1);
    assert!(
        dam[0].starts_with("gzip member truncated (unexpected end of file) at offset"),
        "{}",
        dam[0]
    );
    // Garbage between members: skipped to the next member.
    let mut mid = full.clone();
    let second = {
        let mut w = WarcWriter::new(Vec::new(), true);
        w.warcinfo("2026-11-20T08:00:00Z", "software: test\r\n").unwrap();
        w.response(&resp[0]).unwrap();
        w.offset as usize
    };
    mid.splice(second..second, b"garbage!".iter().copied());
    let (_, ev) = events("x.warc.gz", mid, &ReadOptions::default());
    assert_eq!(records(&ev).len(), 3, "{ev:?}");
    assert!(damage(&ev)[0].contains("not a gzip member"), "{:?}", damage(&ev));
    // Plain WARC with a missing Content-Length: resynchronised at the next record.
    let plain = warc(false, &resp);
    let text = String::from_utf8_lossy(&plain).replacen("Content-Length: ", "Content-Lungth: ", 1);
    let (_, ev) = events("x.warc", text.into_bytes(), &ReadOptions::default());
    assert!(damage(&ev)[0].contains("Content-Length missing"), "{:?}", damage(&ev));
    assert_eq!(records(&ev).len(), 3);
}
