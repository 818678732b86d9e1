// Body of the `warc_reader` fuzz target, shared with the stable test `tests/fuzz_bodies.rs`
// (included with `include!`, so it names every path in full).
//
// Any bytes through kind detection and the WARC / ARC / JSONL / HTML readers. Must not panic or
// loop: every event consumes input, so events are bounded by the length.
pub fn run(data: &[u8]) {
    let opts = baohoa::ingest::ReadOptions {
        max_page_bytes: 1 << 20,
    };
    let Ok((_, events)) = baohoa::ingest::open_reader_sized(
        std::sync::Arc::from("fuzz.warc"),
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
        if let baohoa::ingest::Event::Record(r) = ev {
            assert!(r.body.len() <= opts.max_page_bytes);
        }
    }
}
