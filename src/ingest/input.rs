//! One input of a scan: a file on disk, or bytes embedded in the binary (the demo corpus).
use std::path::PathBuf;

/// One input of a scan.
#[derive(Debug, Clone)]
pub enum Input {
    Path(PathBuf),
    Embedded { name: String, bytes: &'static [u8] },
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.to_string_lossy().into_owned(),
            Input::Embedded { name, .. } => name.clone(),
        }
    }

    /// Size in bytes, 0 when unknown.
    pub fn size(&self) -> u64 {
        match self {
            Input::Path(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            Input::Embedded { bytes, .. } => bytes.len() as u64,
        }
    }
}
