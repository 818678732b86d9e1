//! Ingest benchmark placeholder (replaced by the ingest work).
fn main() {}
