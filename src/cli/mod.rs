//! Pieces of the `baohoa` binary: arguments and help, the progress bar.
pub mod args;
pub mod progress;
