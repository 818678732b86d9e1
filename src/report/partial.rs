//! Partial results of `baohoa map`, read by `baohoa reduce`: versioned, gzip-compressed JSON.
use std::io::{Read, Write};
use std::path::Path;

use anyhow::{Context, bail};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Most bytes of JSON a partial file may expand to (guards against a corrupt or hostile file).
const MAX_PARTIAL_BYTES: u64 = 16 << 30;

/// The `format` field every partial file carries.
pub const FORMAT: &str = "baohoa-partial";

/// Writes a partial result atomically (`p` serialises with `"format": FORMAT` and its `"version"`).
pub fn write<T: Serialize>(path: &Path, p: &T) -> anyhow::Result<()> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::new(3));
    serde_json::to_writer(&mut gz, p)?;
    gz.flush()?;
    super::write_atomic(path, &gz.finish()?)
}

/// Reads a partial result, checking its format and that its version is `version`.
pub fn read<T: DeserializeOwned>(path: &Path, version: u32) -> anyhow::Result<T> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open partial {}", path.display()))?;
    let mut s = String::new();
    GzDecoder::new(f)
        .take(MAX_PARTIAL_BYTES)
        .read_to_string(&mut s)
        .with_context(|| {
            format!(
                "{} is not a baohoa partial (not gzip-compressed JSON); make it with `baohoa map`",
                path.display()
            )
        })?;
    let v: serde_json::Value =
        serde_json::from_str(&s).with_context(|| format!("{} is damaged: not valid JSON", path.display()))?;
    if v.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        bail!(
            "{} is not a baohoa partial (no \"format\": \"baohoa-partial\"); make it with `baohoa map`",
            path.display()
        );
    }
    let ver = v.get("version").and_then(|x| x.as_u64()).unwrap_or(0);
    if ver != u64::from(version) {
        bail!(
            "{} has partial format version {ver}, this baohoa reads version {version}; run `map` again with this version",
            path.display()
        );
    }
    serde_json::from_value(v)
        .with_context(|| format!("{} has the right version but an unexpected layout", path.display()))
}
