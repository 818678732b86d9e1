//! Progress callbacks of a scan (the CLI draws bars with them; tests pass [`NoProgress`]).

/// Progress callbacks (the CLI draws bars with them; tests pass [`NoProgress`]).
pub trait Progress: Sync {
    fn input_bytes(&self, _n: u64) {}
    fn page(&self, _html_bytes: u64) {}
    fn damaged(&self) {}
}

/// Reports nothing.
pub struct NoProgress;
impl Progress for NoProgress {}
