//! Tools for engineers, above the library: the synthetic-corpus generator, the evaluator, the
//! benchmark and the builder of the demo corpus. They use the library; the library never uses them.
pub mod bench;
pub mod demo;
pub mod eval;
pub mod synth;
pub mod train_tone;
