//! The pieces of the spine (`scan`, `map`, `reduce` in `lib.rs`): the page stage of one record,
//! workers and their accumulators, progress callbacks, the embedded demo.
pub mod accumulate;
pub mod analyse;
pub mod demo;
pub mod options;
pub mod progress;
pub mod workers;
