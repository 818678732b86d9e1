//! Reading model files (TSV/TOML rows, embedded defaults, the `--models` override, the models hash); knows no stage.
use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

include!(concat!(env!("OUT_DIR"), "/embedded_models.rs"));

/// The registry files a `--registry DIR` may hold (each replaces the embedded file of its kind).
pub const REGISTRY_FILES: [&str; 3] = ["press.csv", "aggregate.csv", "social.csv"];

/// One model or registry file a run used, and where it came from (listed in `run.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ModelFileUse {
    /// Path relative to the models directory (`tone/negative.tsv`, `registry/press.csv`), or the
    /// name of an extra registry (the demo corpus's).
    pub file: String,
    /// `embedded` (built into the binary) or the path it was read from.
    pub source: String,
    /// sha256 of its bytes.
    pub sha256: String,
}

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

    /// Checks the override folders before anything is read: each must exist, be a folder and hold
    /// at least one known file; a file that is no model file (a misspelling) is an error too, since
    /// it would silently be ignored. Returns notes for the operator (e.g. which registry kinds keep
    /// the embedded sample).
    pub fn check(&self) -> anyhow::Result<Vec<String>> {
        let mut notes = Vec::new();
        if let Some(dir) = &self.dir {
            check_folder(dir, "--models")?;
            let mut found = Vec::new();
            collect_rel(dir, dir, &mut found);
            found.sort();
            let (known, unknown): (Vec<&String>, Vec<&String>) = found
                .iter()
                .filter(|rel| !is_documentation(rel))
                .partition(|rel| is_embedded(rel));
            if !unknown.is_empty() {
                bail!(
                    "--models {}: {} is not a model file baohoa reads (misspelt or misplaced?); known files are: {}. \
`baohoa models export DIR` writes them all for editing",
                    dir.display(),
                    unknown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                    known_files().join(", ")
                );
            }
            if known.is_empty() {
                bail!(
                    "--models {}: the folder holds no model file; expected some of: {}. \
`baohoa models export DIR` writes them all for editing",
                    dir.display(),
                    known_files().join(", ")
                );
            }
        }
        if let Some(dir) = &self.registry_dir {
            check_folder(dir, "--registry")?;
            let mut found = Vec::new();
            collect_rel(dir, dir, &mut found);
            found.sort();
            let unknown: Vec<&String> = found
                .iter()
                .filter(|rel| !is_documentation(rel) && !REGISTRY_FILES.contains(&rel.as_str()))
                .collect();
            if !unknown.is_empty() {
                bail!(
                    "--registry {}: {} is not a registry file; the folder may hold {} (a header line alone means an empty register)",
                    dir.display(),
                    unknown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                    REGISTRY_FILES.join(", ")
                );
            }
            let missing: Vec<&str> = REGISTRY_FILES
                .iter()
                .copied()
                .filter(|f| !found.iter().any(|x| x == f))
                .collect();
            if missing.len() == REGISTRY_FILES.len() {
                bail!(
                    "--registry {}: the folder holds none of {}; give the folder that holds them",
                    dir.display(),
                    REGISTRY_FILES.join(", ")
                );
            }
            if !missing.is_empty() {
                notes.push(format!(
                    "--registry {} has no {}: for {} the embedded sample registry is used \
(run.json \"models\" lists where every file came from; add a file with the header line alone for an empty register)",
                    dir.display(),
                    missing.join(", "),
                    if missing.len() == 1 { "that kind" } else { "those kinds" }
                ));
            }
        }
        Ok(notes)
    }

    /// Where `rel` is read from: `Some(path)` from an override folder, `None` when embedded.
    fn disk_path(&self, rel: &str) -> Option<PathBuf> {
        if let (Some(dir), Some(rest)) = (&self.registry_dir, rel.strip_prefix("registry/")) {
            let p = dir.join(rest);
            if p.exists() {
                return Some(p);
            }
        }
        let p = self.dir.as_ref()?.join(rel);
        p.exists().then_some(p)
    }

    /// Every model and registry file of a run with its source and sha256, sorted by file.
    pub fn used(&self) -> Vec<ModelFileUse> {
        self.list()
            .into_iter()
            .filter(|rel| !is_documentation(rel))
            .filter_map(|rel| {
                let b = self.bytes(&rel).ok()?;
                let source = self
                    .disk_path(&rel)
                    .map_or_else(|| "embedded".to_string(), |p| p.display().to_string());
                Some(ModelFileUse {
                    sha256: hex(&Sha256::digest(&b)),
                    file: rel,
                    source,
                })
            })
            .collect()
    }

    /// The bytes of model file `rel` (e.g. `"tone/negative.tsv"`), from the override dirs or embedded.
    pub fn bytes(&self, rel: &str) -> anyhow::Result<Cow<'static, [u8]>> {
        if let Some(p) = self.disk_path(rel) {
            let what = if rel.starts_with("registry/") {
                "registry"
            } else {
                "model"
            };
            return std::fs::read(&p)
                .map(Cow::Owned)
                .with_context(|| format!("cannot read {what} file {}", p.display()));
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

/// The embedded model files, by relative path: what `--models` may override.
pub fn embedded() -> &'static [(&'static str, &'static [u8])] {
    EMBEDDED_MODELS
}

/// `baohoa models export DIR`: writes every embedded model file (registries and notes included)
/// into `dir` in the layout of `models/`, so it can be edited and given back with `--models DIR`.
/// Without `force` nothing is written when any of the files is already there. Returns the
/// relative paths written.
pub fn export(dir: &Path, force: bool) -> anyhow::Result<Vec<String>> {
    if dir.exists() && !dir.is_dir() {
        bail!("{} is a file; give a folder to export the models into", dir.display());
    }
    if !force {
        let there: Vec<&str> = EMBEDDED_MODELS
            .iter()
            .map(|(rel, _)| *rel)
            .filter(|rel| dir.join(rel).exists())
            .collect();
        if let Some(first) = there.first() {
            bail!(
                "{} already holds {} of the model files ({first}…); nothing was written: pass --force to overwrite them, or choose an empty folder",
                dir.display(),
                there.len()
            );
        }
    }
    let mut written = Vec::new();
    for (rel, bytes) in EMBEDDED_MODELS {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}; check the path and permissions", parent.display()))?;
        }
        std::fs::write(&path, bytes)
            .with_context(|| format!("cannot write {}; check free space and permissions", path.display()))?;
        written.push((*rel).to_owned());
    }
    Ok(written)
}

fn is_embedded(rel: &str) -> bool {
    EMBEDDED_MODELS.iter().any(|(n, _)| *n == rel)
}

/// Documentation beside the models (`README.md`, notes): never read, never an error.
fn is_documentation(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.ends_with(".md") || name.ends_with(".txt")
}

fn known_files() -> Vec<&'static str> {
    EMBEDDED_MODELS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !is_documentation(n))
        .collect()
}

fn check_folder(dir: &Path, option: &str) -> anyhow::Result<()> {
    match std::fs::metadata(dir) {
        Err(e) => bail!(
            "{option} {}: cannot read it ({e}); give an existing folder",
            dir.display()
        ),
        Ok(m) if !m.is_dir() => bail!(
            "{option} {}: this is a file, not a folder; give the folder that holds the files",
            dir.display()
        ),
        Ok(_) => Ok(()),
    }
}

/// Relative paths of the files under `dir` (hidden files and folders skipped).
fn collect_rel(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
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
