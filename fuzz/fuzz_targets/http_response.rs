//! Fuzz target: an HTTP response block (status, headers, chunked transfer, content codings).
//! The body lives in `fuzz/bodies/http_response.rs`, which `tests/fuzz_bodies.rs` also runs on stable.
#![no_main]
include!("../bodies/http_response.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));
