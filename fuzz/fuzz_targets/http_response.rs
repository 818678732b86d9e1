//! Fuzz target: an HTTP response block (status, headers, chunked transfer, content codings).
#![no_main]
use baohoa::ingest::http::{Outcome, read_response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cap = 1 << 20;
    let mut block = data;
    let mut scratch = Vec::new();
    if let Outcome::Html { body, .. } = read_response(&mut block, cap, &mut scratch) {
        assert!(body.bytes.len() <= cap);
    }
});
