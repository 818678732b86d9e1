//! Fuzz target: the fast HTML tokenizer and tree rules on any text (work linear in the input).
//! The body lives in `fuzz/bodies/html_tree.rs`, which `tests/fuzz_bodies.rs` also runs on stable.
#![no_main]
include!("../bodies/html_tree.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));
