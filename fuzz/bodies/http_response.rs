// Body of the `http_response` fuzz target, shared with the stable test `tests/fuzz_bodies.rs`
// (included with `include!`, so it names every path in full).
//
// An HTTP response block (status, headers, chunked transfer, content codings).
pub fn run(data: &[u8]) {
    let cap = 1 << 20;
    let mut block = data;
    let mut scratch = Vec::new();
    if let baohoa::ingest::http::Outcome::Html { body, .. } =
        baohoa::ingest::http::read_response(&mut block, cap, &mut scratch)
    {
        assert!(body.bytes.len() <= cap);
    }
}
