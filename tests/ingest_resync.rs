//! Resynchronisation after damage (issue 19, rows 4–7 and 13–15): each damage costs what it touches and
//! nothing else. Damaged inputs are built at test time from the real samples or written here.
use std::io::{Read, Write};
use std::path::PathBuf;

use baohoa::ingest::warc_write::{Response, WarcWriter};
use baohoa::ingest::{self, Event, ReadOptions};
use flate2::Compression;
use flate2::write::GzEncoder;

/// What a reader made of an input.
#[derive(Debug, Default)]
struct Seen {
    /// (url, body) of every HTML record, in order.
    pages: Vec<(Option<String>, Vec<u8>)>,
    /// Offsets of every record event (HTML or skipped), in order.
    offsets: Vec<u64>,
    /// Which of those offsets were HTML records.
    is_page: Vec<bool>,
    skips: usize,
    damage: Vec<(u64, String)>,
}

/// Reads `bytes` as the file `name` (written to a temporary folder, so its size is known).
fn read(name: &str, bytes: Vec<u8>) -> Seen {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let (_, events) = ingest::open(&path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut seen = Seen::default();
    for ev in events {
        match ev {
            Event::Record(r) => {
                seen.offsets.push(r.offset);
                seen.is_page.push(true);
                seen.pages.push((r.url, r.body));
            }
            Event::Skipped { offset, .. } => {
                seen.offsets.push(offset);
                seen.is_page.push(false);
                seen.skips += 1;
            }
            Event::Damaged(e) => seen.damage.push((e.offset, e.reason)),
        }
    }
    seen
}

fn sample(rel: &str) -> Option<Vec<u8>> {
    let Ok(root) = std::env::var("BAOHOA_REALDATA") else {
        eprintln!("BAOHOA_REALDATA unset: skipping");
        return None;
    };
    Some(std::fs::read(PathBuf::from(root).join("warc-samples").join(rel)).unwrap())
}

fn gzip(b: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(b).unwrap();
    gz.finish().unwrap()
}

fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(b).read_to_end(&mut out).unwrap();
    out
}

/// The real per-record gzip sample: its bytes, what the reader makes of it intact, and its members
/// (one record each: the event offsets are the member offsets).
fn iana() -> Option<(Vec<u8>, Seen, Vec<std::ops::Range<usize>>)> {
    let bytes = sample("pywb/iana.warc.gz")?;
    let intact = read("iana.warc.gz", bytes.clone());
    assert_eq!((intact.pages.len(), intact.skips, intact.damage.len()), (16, 327, 0));
    let mut starts: Vec<usize> = intact.offsets.iter().map(|o| *o as usize).collect();
    starts.push(bytes.len());
    let members = starts.windows(2).map(|w| w[0]..w[1]).collect();
    Some((bytes, intact, members))
}

/// Index of a non-HTML record whose next record is an HTML page (damage there must not cost the page).
fn before_a_page(intact: &Seen) -> usize {
    (1..intact.is_page.len() - 1)
        .find(|&i| !intact.is_page[i] && intact.is_page[i + 1])
        .unwrap()
}

/// `bytes` with member `i` replaced by the gzip of `f(its content)`.
fn rewrite_member(bytes: &[u8], members: &[std::ops::Range<usize>], i: usize, f: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let m = members[i].clone();
    let mut out = bytes[..m.start].to_vec();
    out.extend(gzip(&f(&gunzip(&bytes[m.clone()]))));
    out.extend_from_slice(&bytes[m.end..]);
    out
}

fn set_content_length(record: &[u8], value: &str) -> Vec<u8> {
    let text = record.to_vec();
    let at = text.windows(16).position(|w| w == b"Content-Length: ").unwrap();
    let end = at + text[at..].iter().position(|b| *b == b'\r').unwrap();
    let mut out = text[..at].to_vec();
    out.extend_from_slice(format!("Content-Length: {value}").as_bytes());
    out.extend_from_slice(&text[end..]);
    out
}

fn urls(s: &Seen) -> Vec<(Option<&str>, usize)> {
    s.pages.iter().map(|(u, b)| (u.as_deref(), b.len())).collect()
}

/// Every page of the intact input is read, unchanged, and exactly the expected damage is reported.
fn assert_only(label: &str, got: &Seen, intact: &Seen, lost_skips: usize, damage_at: &[u64], reason: &str) {
    assert!(
        got.pages == intact.pages,
        "{label}: pages differ: {:?} vs {:?}; damage {:?}",
        urls(got),
        urls(intact),
        got.damage
    );
    assert_eq!(
        got.skips,
        intact.skips - lost_skips,
        "{label}: skips; damage {:?}",
        got.damage
    );
    let at: Vec<u64> = got.damage.iter().map(|d| d.0).collect();
    assert_eq!(at, damage_at, "{label}: damage {:?}", got.damage);
    for (_, r) in &got.damage {
        assert!(r.contains(reason), "{label}: {r:?} lacks {reason:?}");
    }
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn row4_damaged_first_member_costs_that_member_only() {
    let Some((bytes, intact, members)) = iana() else { return };
    // A flipped bit in the deflate data of the warcinfo member, and in its CRC-32.
    for (at, what) in [(20, "corrupt"), (members[0].end - 6, "CRC-32")] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x10;
        let got = read("iana.warc.gz", bad);
        assert_only(&format!("flip at {at}"), &got, &intact, 1, &[0], what);
    }
    // Damage that makes the first member unreadable before its kind is known: the file is still read.
    let mut bad = bytes.clone();
    bad[20] ^= 0x10;
    let got = read("iana.warc.gz", bad);
    assert!(
        got.damage[0].1.contains("read from the next gzip member"),
        "{:?}",
        got.damage
    );
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn row5_absurd_content_length_resyncs_at_the_next_record() {
    let Some((bytes, intact, members)) = iana() else { return };
    let i = before_a_page(&intact);
    let at = members[i].start as u64;
    // Beyond any bound (10^15), beyond the file, and merely past its own member.
    for value in ["1000000000000000", "5000000", "9000"] {
        let bad = rewrite_member(&bytes, &members, i, |r| set_content_length(r, value));
        let got = read("iana.warc.gz", bad);
        assert_only(
            &format!("gzip, Content-Length {value}"),
            &got,
            &intact,
            1,
            &[at],
            "Content-Length",
        );
    }
    // The same in the plain (decompressed) file: offsets are byte offsets there.
    let plain = gunzip(&bytes);
    let intact_plain = read("iana.warc", plain.clone());
    let j = intact_plain.offsets[i] as usize;
    let end = intact_plain.offsets[i + 1] as usize;
    for value in ["1000000000000000", "5000000"] {
        let mut bad = plain[..j].to_vec();
        bad.extend(set_content_length(&plain[j..end], value));
        bad.extend_from_slice(&plain[end..]);
        let got = read("iana.warc", bad.clone());
        assert_only(
            &format!("plain, Content-Length {value}"),
            &got,
            &intact_plain,
            1,
            &[j as u64],
            "Content-Length",
        );
        // The real binary (its reader knows the file size the same way).
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("iana.warc");
        std::fs::write(&path, &bad).unwrap();
        let out = dir.path().join("out");
        let st = std::process::Command::new(env!("CARGO_BIN_EXE_baohoa"))
            .args(["scan", "--quiet", "-o"])
            .arg(&out)
            .arg(&path)
            .status()
            .unwrap();
        assert_eq!(st.code(), Some(2), "damage makes the run incomplete");
        let run: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
        assert_eq!(run["counts"]["html_records"], 16, "{value}");
        assert_eq!(run["counts"]["damaged"], 1, "{value}");
    }
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn row6_header_without_blank_line_is_damage_not_a_prefix() {
    let Some((bytes, intact, members)) = iana() else { return };
    let i = before_a_page(&intact) + 1;
    let junk = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://junk.invalid/\r\nContent-Type: application/http; msgtype=response\r\n";
    // Its own gzip member before the page's member.
    let at = members[i].start;
    let mut bad = bytes[..at].to_vec();
    bad.extend(gzip(junk));
    bad.extend_from_slice(&bytes[at..]);
    let got = read("iana.warc.gz", bad);
    assert_only("gzip", &got, &intact, 0, &[at as u64], "no blank line");
    // Plain: the junk lines just before the page's version line.
    let plain = gunzip(&bytes);
    let intact_plain = read("iana.warc", plain.clone());
    let j = intact_plain.offsets[i] as usize;
    let mut bad = plain[..j].to_vec();
    bad.extend_from_slice(junk);
    bad.extend_from_slice(&plain[j..]);
    let got = read("iana.warc", bad);
    assert!(got.pages == intact_plain.pages, "{:?}; {:?}", urls(&got), got.damage);
    assert!(!got.pages.iter().any(|p| p.0.as_deref() == Some("http://junk.invalid/")));
    assert_eq!(got.damage.len(), 1, "{:?}", got.damage);
    assert_eq!(got.damage[0].0, j as u64);
    assert!(
        got.damage[0].1.contains(&format!("at offset {}", j + junk.len())),
        "{:?}",
        got.damage
    );
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn row7_flipped_fextra_costs_one_member() {
    let Some((bytes, intact, members)) = iana() else { return };
    for i in [0, 2, before_a_page(&intact)] {
        let mut bad = bytes.clone();
        bad[members[i].start + 3] ^= 0x04;
        let got = read("iana.warc.gz", bad);
        assert_only(
            &format!("member {i}"),
            &got,
            &intact,
            1,
            &[members[i].start as u64],
            "FEXTRA",
        );
    }
    // FNAME set on a member whose next bytes never hold a NUL within the bound, and a valid FNAME.
    let mut named = Vec::new();
    for (k, m) in members.iter().enumerate() {
        let member = &bytes[m.clone()];
        if k == 1 {
            named.extend_from_slice(&member[..3]);
            named.push(member[3] | 0x08);
            named.extend_from_slice(&member[4..10]);
            named.extend_from_slice(b"iana.warc\0");
            named.extend_from_slice(&member[10..]);
        } else {
            named.extend_from_slice(member);
        }
    }
    let got = read("iana.warc.gz", named);
    assert_eq!(
        (got.pages.len(), got.skips, got.damage.len()),
        (16, 327, 0),
        "{:?}",
        got.damage
    );
}

fn jsonl_line(i: usize) -> String {
    serde_json::json!({"url": format!("https://tin.example.vn/{i}"), "html": format!("<html><body><p>Bài {i}</p></body></html>")})
        .to_string()
        + "\n"
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn row13_jsonl_then_binary_is_one_damage_event() {
    let Some(warc) = sample("pywb/iana.warc.gz") else {
        return;
    };
    let text: String = (0..50).map(jsonl_line).collect();
    let mut bytes = text.clone().into_bytes();
    bytes.extend_from_slice(&warc);
    let got = read("x.jsonl", bytes.clone());
    assert_eq!(got.pages.len(), 50);
    assert_eq!(got.damage.len(), 1, "{:?}", &got.damage[..got.damage.len().min(3)]);
    assert_eq!(got.damage[0].0, text.len() as u64);
    assert!(got.damage[0].1.contains("lines 51–"), "{:?}", got.damage);
    // Good lines after the binary run: they are read, and the run is still one event.
    bytes.extend_from_slice(b"\n");
    bytes.extend(jsonl_line(99).into_bytes());
    let got = read("x.jsonl", bytes);
    assert_eq!((got.pages.len(), got.damage.len()), (51, 1), "{:?}", got.damage);
    // A single bad line stays reported as that line.
    let one = format!("{}not json\n{}", jsonl_line(1), jsonl_line(2));
    let got = read("x.jsonl", one.into_bytes());
    assert_eq!(got.pages.len(), 2);
    assert_eq!(got.damage.len(), 1);
    assert!(
        got.damage[0].1.contains("line 2 is not a JSON object"),
        "{:?}",
        got.damage
    );
}

/// HTTP headers and body of one response.
type Resp<'a> = (&'a [(&'a str, &'a str)], &'a [u8]);

fn warc_of(bodies: &[Resp<'_>]) -> Vec<u8> {
    let mut w = WarcWriter::new(Vec::new(), false);
    w.warcinfo("2026-11-20T08:00:00Z", "software: test\r\n").unwrap();
    for (i, (headers, body)) in bodies.iter().enumerate() {
        let url = format!("https://tin.example.vn/{i}");
        w.response(&Response {
            url: &url,
            date: "2026-11-20T08:00:00Z",
            status: 200,
            headers,
            body,
        })
        .unwrap();
    }
    w.into_inner()
}

#[test]
fn row14_malformed_chunk_sizes_are_damage() {
    let chunked: &[(&str, &str)] = &[("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")];
    let html: &[(&str, &str)] = &[("Content-Type", "text/html")];
    let page = b"<html><body>ok</body></html>".as_slice();
    for bad in [
        b"-1\r\n<html><body>x</body></html>\r\n0\r\n\r\n".as_slice(),
        b"zz\r\n<html><body>x</body></html>\r\n0\r\n\r\n",
        b"+1b\r\n<html><body>x</body></html>\r\n0\r\n\r\n",
        b"1b\r\n<html><body>x</body></html>\r\n+0\r\n\r\n",
        b"1b\r\n<html><body>x</body></html>\r\n-1\r\n\r\n",
    ] {
        let bytes = warc_of(&[(html, page), (chunked, bad), (html, page)]);
        let got = read("x.warc", bytes);
        assert_eq!(
            got.pages.len(),
            2,
            "{:?}: {:?}",
            String::from_utf8_lossy(bad),
            got.damage
        );
        assert_eq!(got.damage.len(), 1, "{:?}", String::from_utf8_lossy(bad));
        assert!(got.damage[0].1.contains("invalid chunked encoding"), "{:?}", got.damage);
    }
    // Valid chunking and a de-chunked body under a kept header are both read.
    let good = b"1b\r\n<html><body>x</body></html>\r\n0\r\n\r\n".as_slice();
    let dechunked = b"<html><body>x</body></html>".as_slice();
    let got = read("x.warc", warc_of(&[(chunked, good), (chunked, dechunked)]));
    assert_eq!(got.pages.len(), 2, "{:?}", got.damage);
    assert!(got.pages.iter().all(|p| p.1 == b"<html><body>x</body></html>"));
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn row15_arc_relined_to_lf_keeps_its_page() {
    let Some(bytes) = sample("warcio/example-space-in-url.arc") else {
        return;
    };
    let got = read("example-space-in-url.arc", bytes.clone());
    assert_eq!(got.damage, Vec::<(u64, String)>::new());
    assert_eq!(got.pages.len(), 1);
    let (url, body) = &got.pages[0];
    assert!(url.as_deref().unwrap().contains("Examples From The Live Web"));
    assert!(String::from_utf8_lossy(body).trim_end().ends_with("</html>"));
    // Shorter than the LF line ends explain: truncated, damage.
    let cut = bytes[..bytes.len() - 40].to_vec();
    let got = read("example-space-in-url.arc", cut);
    assert_eq!(got.pages.len(), 0);
    assert_eq!(got.damage.len(), 1);
    assert!(got.damage[0].1.contains("ARC record truncated"), "{:?}", got.damage);
}
