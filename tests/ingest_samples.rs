//! Real WARC/ARC samples (warcio, pywb): exact HTML, skip and damage counts, checked against a stdlib-only
//! Python inspection of the files (record framing by Content-Length, HTTP status/Content-Type, gzip members).
use std::collections::BTreeMap;
use std::path::PathBuf;

use baohoa::ingest::{self, Event, InputKind, ReadOptions, Record};

fn samples() -> Option<PathBuf> {
    match std::env::var("BAOHOA_REALDATA") {
        Ok(root) => Some(PathBuf::from(root).join("warc-samples")),
        Err(_) => {
            eprintln!("BAOHOA_REALDATA unset: skipping the real-sample ingest tests");
            None
        }
    }
}

struct Seen {
    kind: InputKind,
    records: Vec<Record>,
    skips: BTreeMap<&'static str, u32>,
    damaged: Vec<(u64, String)>,
}

fn read(rel: &str) -> Option<Seen> {
    let path = samples()?.join(rel);
    let (kind, events) = ingest::open(&path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut seen = Seen {
        kind,
        records: Vec::new(),
        skips: BTreeMap::new(),
        damaged: Vec::new(),
    };
    for ev in events {
        match ev {
            Event::Record(r) => seen.records.push(r),
            Event::Skipped { reason, .. } => *seen.skips.entry(reason.as_str()).or_default() += 1,
            Event::Damaged(e) => seen.damaged.push((e.offset, e.reason)),
        }
    }
    Some(seen)
}

/// (file, kind, html records, skips, damage (offset, reason fragment))
type Case = (
    &'static str,
    InputKind,
    usize,
    &'static [(&'static str, u32)],
    &'static [(u64, &'static str)],
);

const CASES: &[Case] = &[
    (
        "warcio/example.warc",
        InputKind::Warc,
        1,
        &[("warcinfo", 2), ("request", 2), ("revisit", 1)],
        &[],
    ),
    (
        "warcio/example.warc.gz",
        InputKind::Warc,
        1,
        &[("warcinfo", 2), ("request", 2), ("revisit", 1)],
        &[],
    ),
    ("warcio/example-digest.warc", InputKind::Warc, 0, &[("request", 4)], &[]),
    (
        "warcio/example-iana.org-chunked.warc",
        InputKind::Warc,
        1,
        &[("warcinfo", 1), ("request", 1)],
        &[],
    ),
    (
        "warcio/example-resource.warc.gz",
        InputKind::Warc,
        0,
        &[("warcinfo", 2), ("other_record_type", 1)],
        &[],
    ),
    (
        "warcio/example-space-in-target-uri.warc.gz",
        InputKind::Warc,
        0,
        &[("warcinfo", 1), ("other_record_type", 1)],
        &[],
    ),
    (
        "warcio/example-wget-bad-target-uri.warc.gz",
        InputKind::Warc,
        1,
        &[
            ("warcinfo", 1),
            ("request", 1),
            ("metadata", 1),
            ("other_record_type", 2),
        ],
        &[],
    ),
    (
        "warcio/post-test.warc.gz",
        InputKind::Warc,
        0,
        &[("not_html", 3), ("request", 3)],
        &[],
    ),
    // The gzip body of the response is 2 bytes longer than its Content-Length (973): the record is
    // damaged, the request after it is still read.
    (
        "warcio/example-trunc.warc",
        InputKind::Warc,
        0,
        &[("warcinfo", 2), ("request", 1)],
        &[(1197, "Content-Encoding gzip body truncated")],
    ),
    // The response is split over two gzip members (head | body): read as one stream it is whole.
    (
        "warcio/example-wrong-chunks.warc.gz",
        InputKind::Warc,
        1,
        &[("request", 1)],
        &[],
    ),
    // Whole-file gzip (one member holding every record): readable as a stream.
    (
        "warcio/example-bad-non-chunked.warc.gz",
        InputKind::Warc,
        1,
        &[("warcinfo", 2), ("request", 2), ("revisit", 1)],
        &[],
    ),
    (
        "warcio/example-bad.warc.gz.bad",
        InputKind::Warc,
        1,
        &[("warcinfo", 1), ("request", 2), ("revisit", 1), ("http_status", 1)],
        &[],
    ),
    ("warcio/example.arc", InputKind::Arc, 1, &[("warcinfo", 1)], &[]),
    ("warcio/example.arc.gz", InputKind::Arc, 1, &[("warcinfo", 1)], &[]),
    // LF line endings but the CRLF length (1591): the block runs 12 bytes past the end of the file,
    // which the 13 HTTP head lines re-written from CRLF to LF explain (1 byte each, less the final
    // newline): the page is whole and kept.
    (
        "warcio/example-space-in-url.arc",
        InputKind::Arc,
        1,
        &[("warcinfo", 1)],
        &[],
    ),
    (
        "warcio/bad.arc",
        InputKind::Arc,
        0,
        &[("not_html", 1)],
        &[
            (0, "ARC header: length \"-1\" is not a number"),
            (134, "ARC header: length \"-1\" is not a number"),
            (262, "ARC header: length \"abc\" is not a number"),
        ],
    ),
    (
        "pywb/iana.warc.gz",
        InputKind::Warc,
        16,
        &[
            ("warcinfo", 1),
            ("request", 171),
            ("revisit", 123),
            ("not_html", 28),
            ("http_status", 4),
        ],
        &[],
    ),
    (
        "pywb/dupes.warc.gz",
        InputKind::Warc,
        1,
        &[
            ("warcinfo", 1),
            ("request", 12),
            ("revisit", 9),
            ("not_html", 1),
            ("http_status", 1),
        ],
        &[],
    ),
    (
        "pywb/example-url-agnostic-orig.warc.gz",
        InputKind::Warc,
        1,
        &[("warcinfo", 1)],
        &[],
    ),
    (
        "pywb/example-url-agnostic-revisit.warc.gz",
        InputKind::Warc,
        0,
        &[("warcinfo", 1), ("revisit", 1)],
        &[],
    ),
];

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn every_sample_has_the_expected_counts() {
    if samples().is_none() {
        return;
    }
    for (file, kind, html, skips, damage) in CASES {
        let seen = read(file).unwrap_or_else(|| panic!("{file}"));
        assert_eq!(seen.kind, *kind, "{file}");
        assert_eq!(seen.records.len(), *html, "{file}: HTML records");
        let want: BTreeMap<&str, u32> = skips.iter().copied().collect();
        assert_eq!(seen.skips, want, "{file}: skips");
        assert_eq!(seen.damaged.len(), damage.len(), "{file}: damage {:?}", seen.damaged);
        for ((at, reason), (want_at, want_reason)) in seen.damaged.iter().zip(damage.iter()) {
            assert_eq!(at, want_at, "{file}: {reason}");
            assert!(reason.contains(want_reason), "{file}: {reason:?} lacks {want_reason:?}");
        }
        for r in &seen.records {
            let text = String::from_utf8_lossy(&r.body);
            assert!(
                text.to_ascii_lowercase().contains("<html"),
                "{file}@{}: body is not HTML",
                r.offset
            );
            assert!(r.url.as_deref().is_some_and(|u| u.starts_with("http")), "{file}");
        }
    }
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn every_sample_file_is_read_without_panic() {
    let Some(dir) = samples() else { return };
    for sub in ["warcio", "pywb"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let (_, events) = ingest::open(&path, &ReadOptions::default()).unwrap();
            assert!(events.count() > 0, "{}", path.display());
        }
    }
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn offsets_are_member_offsets_and_bodies_are_decoded() {
    let Some(gz) = read("warcio/example.warc.gz") else {
        return;
    };
    // Members start at 0, 353, 784, 2012, …: the response is the third member.
    assert_eq!(gz.records[0].offset, 784);
    assert_eq!(gz.records[0].url.as_deref(), Some("http://example.com/"));
    assert_eq!(gz.records[0].fetched_at.as_deref(), Some("2017-03-06T04:02:06Z"));
    let plain = read("warcio/example.warc").unwrap();
    assert_eq!(plain.records[0].offset, 1197);
    // Content-Encoding: gzip was undone; both copies give the same page.
    assert_eq!(gz.records[0].body, plain.records[0].body);
    assert!(String::from_utf8_lossy(&plain.records[0].body).contains("<title>Example Domain</title>"));

    let chunked = read("warcio/example-iana.org-chunked.warc").unwrap();
    let body = String::from_utf8_lossy(&chunked.records[0].body).into_owned();
    assert!(body.starts_with("<!doctype html>"), "{:?}", &body[..40]);
    assert!(body.trim_end().ends_with("</html>"), "chunk framing left in the body");
    assert_eq!(chunked.records[0].body_len, chunked.records[0].body.len() as u64);

    let arc = read("warcio/example.arc").unwrap();
    assert_eq!(arc.records[0].offset, 151);
    assert_eq!(arc.records[0].fetched_at.as_deref(), Some("20140216050221"));
    let arcgz = read("warcio/example.arc.gz").unwrap();
    assert_eq!(arcgz.records[0].offset, 171);
    assert_eq!(arcgz.records[0].body, arc.records[0].body);
}
