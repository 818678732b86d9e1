//! Reading model files (TSV/TOML rows, embedded defaults, the `--models` override, the models hash); knows no stage.
use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};

include!(concat!(env!("OUT_DIR"), "/embedded_models.rs"));

/// Where model files are read from: a user directory first, then the embedded defaults.
#[derive(Debug, Clone, Default)]
pub struct ModelFiles {
    /// `--models DIR`: files here replace the embedded ones of the same relative path.
    pub dir: Option<PathBuf>,
    /// `--registry DIR`: files here replace `registry/*` files.
    pub registry_dir: Option<PathBuf>,
}

impl ModelFiles {
    pub fn new(dir: Option<&Path>, registry_dir: Option<&Path>) -> Self {
        ModelFiles {
            dir: dir.map(Path::to_owned),
            registry_dir: registry_dir.map(Path::to_owned),
        }
    }

    /// The bytes of model file `rel` (e.g. `"tone/negative.tsv"`), from the override dirs or embedded.
    pub fn bytes(&self, rel: &str) -> anyhow::Result<Cow<'static, [u8]>> {
        if let (Some(dir), Some(rest)) = (&self.registry_dir, rel.strip_prefix("registry/")) {
            let p = dir.join(rest);
            if p.exists() {
                return std::fs::read(&p)
                    .map(Cow::Owned)
                    .with_context(|| format!("cannot read registry file {}", p.display()));
            }
        }
        if let Some(dir) = &self.dir {
            let p = dir.join(rel);
            if p.exists() {
                return std::fs::read(&p)
                    .map(Cow::Owned)
                    .with_context(|| format!("cannot read model file {}", p.display()));
            }
        }
        match EMBEDDED_MODELS.iter().find(|(name, _)| *name == rel) {
            Some((_, b)) => Ok(Cow::Borrowed(*b)),
            None => bail!("model file {rel} is missing: neither --models nor the embedded defaults have it"),
        }
    }

    /// The text of model file `rel` (UTF-8, NFC-normalised).
    pub fn text(&self, rel: &str) -> anyhow::Result<String> {
        let b = self.bytes(rel)?;
        let s = std::str::from_utf8(&b).with_context(|| format!("model file {rel} is not UTF-8; save it as UTF-8"))?;
        Ok(crate::text::normalize::nfc(s.strip_prefix('\u{feff}').unwrap_or(s)))
    }

    /// Relative paths of all model files available (embedded plus overrides), sorted.
    pub fn list(&self) -> Vec<String> {
        let mut v: Vec<String> = EMBEDDED_MODELS.iter().map(|(n, _)| (*n).to_string()).collect();
        if let Some(dir) = &self.dir {
            collect_rel(dir, dir, &mut v);
        }
        if let Some(dir) = &self.registry_dir {
            let mut r = Vec::new();
            collect_rel(dir, dir, &mut r);
            v.extend(r.into_iter().map(|p| format!("registry/{p}")));
        }
        v.sort();
        v.dedup();
        v
    }

    /// sha256 over every model file's path and content: identifies the models of a run.
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        for rel in self.list() {
            if let Ok(b) = self.bytes(&rel) {
                h.update(rel.as_bytes());
                h.update([0]);
                h.update((b.len() as u64).to_le_bytes());
                h.update(&b);
            }
        }
        hex(&h.finalize())
    }
}

fn collect_rel(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_rel(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Rows of a TSV model file: `#` comments and blank lines skipped, cells trimmed.
/// The first non-comment row is a header when `header` is true (then skipped).
pub fn tsv_rows(text: &str, header: bool) -> Vec<(usize, Vec<&str>)> {
    let mut rows = Vec::new();
    let mut seen_header = !header;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_end_matches('\r');
        if t.trim().is_empty() || t.trim_start().starts_with('#') {
            continue;
        }
        if !seen_header {
            seen_header = true;
            continue;
        }
        rows.push((i + 1, t.split('\t').map(str::trim).collect()));
    }
    rows
}
