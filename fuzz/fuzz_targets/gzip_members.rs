//! Fuzz target: the gzip member reader (header validation, trailers, resync) on any bytes.
//! The body lives in `fuzz/bodies/gzip_members.rs`, which `tests/fuzz_bodies.rs` also runs on stable.
#![no_main]
include!("../bodies/gzip_members.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));
