//! Property test: cut each sample at random offsets and flip random bytes. No panic, no hang, and every
//! record lying wholly before the first damaged byte is still read as it was from the intact file.
use std::path::PathBuf;
use std::sync::Arc;

use baohoa::ingest::{self, Event, ReadOptions};
use proptest::prelude::*;

const FILES: &[&str] = &[
    "warcio/example.warc",
    "warcio/example.warc.gz",
    "warcio/example-iana.org-chunked.warc",
    "warcio/example-wget-bad-target-uri.warc.gz",
    "warcio/example-bad.warc.gz.bad",
    "warcio/example-trunc.warc",
    "warcio/example.arc",
    "warcio/example.arc.gz",
    "warcio/bad.arc",
    "pywb/dupes.warc.gz",
    "pywb/example-url-agnostic-orig.warc.gz",
];

fn load(rel: &str) -> Option<Vec<u8>> {
    let root = std::env::var("BAOHOA_REALDATA").ok()?;
    std::fs::read(PathBuf::from(root).join("warc-samples").join(rel)).ok()
}

/// A record read: (offset, url, body, offset of the event after it = its end bound).
type Seen = (u64, Option<String>, Vec<u8>, u64);

/// The records of an input, and the number of events.
fn read_all(bytes: Vec<u8>) -> (Vec<Seen>, usize) {
    let len = bytes.len() as u64;
    let limit = bytes.len() + 64;
    let Ok((_, events)) = ingest::open_reader(
        Arc::from("t"),
        Box::new(std::io::Cursor::new(bytes)),
        &ReadOptions::default(),
    ) else {
        return (Vec::new(), 0);
    };
    let mut out: Vec<Seen> = Vec::new();
    let mut n = 0;
    let mut last_offset = 0;
    for ev in events {
        n += 1;
        // Every event consumes input: more events than bytes would mean a loop.
        assert!(n <= limit, "reader does not make progress");
        let at = match &ev {
            Event::Record(r) => r.offset,
            Event::Skipped { offset, .. } => *offset,
            Event::Damaged(e) => e.offset,
        };
        if let Some(prev) = out.last_mut()
            && prev.3 == u64::MAX
            && at > prev.0
        {
            prev.3 = at;
        }
        last_offset = last_offset.max(at);
        if let Event::Record(r) = ev {
            out.push((r.offset, r.url, r.body, u64::MAX));
        }
    }
    for r in &mut out {
        if r.3 == u64::MAX {
            r.3 = len;
        }
    }
    (out, n)
}

fn check(rel: &str, cut: usize, flips: &[(usize, u8)]) {
    let Some(orig) = load(rel) else { return };
    let (intact, _) = read_all(orig.clone());
    let cut = cut % (orig.len() + 1);
    let mut bad = orig[..cut].to_vec();
    let mut first_damage = cut;
    for (at, x) in flips {
        if bad.is_empty() {
            break;
        }
        let i = at % bad.len();
        let x = if *x == 0 { 1 } else { *x };
        bad[i] ^= x;
        first_damage = first_damage.min(i);
    }
    let (damaged, _) = read_all(bad);
    for (off, url, body, end) in &intact {
        if *end <= first_damage as u64 {
            assert!(
                damaged.iter().any(|(o, u, b, _)| o == off && u == url && b == body),
                "{rel}: record at {off} (ends by {end}) lost after damage at {first_damage}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[cfg_attr(not(baohoa_realdata), ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built")]
    #[test]
    fn cut_and_flip_keeps_records_before_damage(
        file in 0..FILES.len(),
        cut in any::<usize>(),
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..4),
    ) {
        check(FILES[file], cut, &flips);
    }
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn iana_cut_at_fixed_points() {
    if std::env::var("BAOHOA_REALDATA").is_err() {
        eprintln!("BAOHOA_REALDATA unset: skipping");
        return;
    }
    for cut in [1000usize, 250_000, 500_001, 786_000] {
        check("pywb/iana.warc.gz", cut, &[(cut / 3, 0x55)]);
    }
}
