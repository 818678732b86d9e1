// Body of the `gzip_members` fuzz target, shared with the stable test `tests/fuzz_bodies.rs`
// (included with `include!`, so it names every path in full).
//
// The gzip member reader (header validation, trailers, resync) on any bytes. Output is capped (a
// small input may legitimately inflate to a lot); errors must be finite.
pub fn run(data: &[u8]) {
    use std::io::Read;
    let mut gz = baohoa::ingest::gzmember::GzMembers::new(baohoa::ingest::gzmember::RawBuf::new(Box::new(
        std::io::Cursor::new(data.to_vec()),
    )));
    let mut buf = vec![0u8; 1 << 14];
    let mut out = 0usize;
    let mut errors = 0usize;
    loop {
        match gz.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                out += n;
                if out > 16 << 20 {
                    break;
                }
            }
            Err(_) => {
                errors += 1;
                // Every error skips at least one byte.
                assert!(errors <= data.len() + 1, "gzip reader makes no progress");
            }
        }
    }
}
