//! The pieces of the spine (`scan`, `map`, `reduce` in `lib.rs`): the page stage of one record,
//! workers, the site store (sharded, spilling) and the accumulators, progress callbacks, the embedded demo.
pub mod accumulate;
pub mod analyse;
pub mod demo;
pub mod options;
pub mod progress;
pub mod store;
pub mod workers;
