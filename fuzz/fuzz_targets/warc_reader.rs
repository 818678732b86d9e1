//! Fuzz target: any bytes through kind detection and the WARC / ARC / JSONL / HTML readers.
//! Must not panic or loop: every event consumes input, so events are bounded by the length.
#![no_main]
use std::sync::Arc;

use baohoa::ingest::{self, Event, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions { max_page_bytes: 1 << 20 };
    let Ok((_, events)) = ingest::open_reader_sized(
        Arc::from("fuzz.warc"),
        Box::new(std::io::Cursor::new(data.to_vec())),
        &opts,
        Some(data.len() as u64),
    ) else {
        return;
    };
    let mut n = 0usize;
    for ev in events {
        n += 1;
        assert!(n <= data.len() + 64, "reader makes no progress");
        if let Event::Record(r) = ev {
            assert!(r.body.len() <= opts.max_page_bytes);
        }
    }
});
