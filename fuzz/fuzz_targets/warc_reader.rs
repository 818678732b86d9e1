//! Fuzz target: any bytes through kind detection and the WARC / ARC / JSONL / HTML readers.
//! The body lives in `fuzz/bodies/warc_reader.rs`, which `tests/fuzz_bodies.rs` also runs on stable.
#![no_main]
include!("../bodies/warc_reader.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));
