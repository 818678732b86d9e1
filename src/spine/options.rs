//! The settings of a scan and what it carries over from earlier runs.
use std::path::PathBuf;

/// Settings of a scan.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub threads: usize,
    pub max_page_bytes: usize,
    /// HTML parser (both give the same features; `Fast` is the default).
    pub parser: crate::page::ParserKind,
    /// Bytes of site aggregates kept in memory before they spill to disk (approximate).
    pub memory: u64,
    /// Where spilled runs go (a hidden folder, removed at the end); `None`: next to the outputs
    /// (`scan`), else the system's temporary folder.
    pub spill_dir: Option<PathBuf>,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            threads: std::thread::available_parallelism().map_or(1, usize::from),
            max_page_bytes: crate::ingest::DEFAULT_MAX_PAGE_BYTES,
            parser: crate::page::ParserKind::default(),
            memory: super::store::default_memory(),
            spill_dir: None,
        }
    }
}

/// What a run carries over from earlier ones: inspectors' decisions and the previous run's outputs.
#[derive(Debug, Clone, Default)]
pub struct Carry {
    /// `decisions.json` exported from a report (`scan --decisions`).
    pub decisions: Option<crate::report::decisions::DecisionsFile>,
    /// Output directory of the previous run (`scan --previous`).
    pub previous: Option<PathBuf>,
    /// How `flagged.csv` is written (`--lang`, `--csv-decimal`).
    pub csv: crate::report::flagged::CsvFormat,
}
