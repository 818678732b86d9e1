//! One input of a scan: a file on disk, standard input, or bytes embedded in the binary (the demo corpus).
use std::path::PathBuf;
use std::sync::Arc;

/// The name standard input goes by in `run.json` and evidence.
pub const STDIN_NAME: &str = "<stdin>";

/// One input of a scan.
#[derive(Debug, Clone)]
pub enum Input {
    Path(PathBuf),
    /// A dump piped to standard input (`scan -`): `head` holds the bytes already read to recognise
    /// it; the rest is read from the process's standard input.
    Stdin {
        head: Arc<[u8]>,
    },
    Embedded {
        name: String,
        bytes: &'static [u8],
    },
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.to_string_lossy().into_owned(),
            Input::Stdin { .. } => STDIN_NAME.into(),
            Input::Embedded { name, .. } => name.clone(),
        }
    }

    /// Size in bytes, 0 when unknown (standard input).
    pub fn size(&self) -> u64 {
        match self {
            Input::Path(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            Input::Stdin { .. } => 0,
            Input::Embedded { bytes, .. } => bytes.len() as u64,
        }
    }

    /// A reader over the whole input: the head already read, then the rest of standard input.
    pub fn stdin_reader(head: &Arc<[u8]>) -> impl std::io::Read + Send + use<> {
        use std::io::Read as _;
        std::io::Cursor::new(head.clone()).chain(std::io::stdin())
    }
}
