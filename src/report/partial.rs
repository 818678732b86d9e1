//! Partial results of `baohoa map`, read by `baohoa reduce`: versioned, gzip-compressed JSON lines
//! (a header line with the run accounting and the partition, then one site aggregate per line in
//! site order), so a reduce streams them instead of holding them.
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use flate2::Compression;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};

use super::manifest::RunManifest;
use crate::site::SiteAggregate;
use crate::site::runs::{RunReader, SiteSource};

/// Most bytes of JSON a partial file may expand to (guards against a corrupt or hostile file).
const MAX_PARTIAL_BYTES: u64 = 1 << 40;

/// The `format` field every partial file carries.
pub const FORMAT: &str = "baohoa-partial";

/// Which share of the sites a partial holds: the sites whose key hash modulo `count` is `index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartitionId {
    pub index: u32,
    pub count: u32,
}

/// The first line of a partial file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// `None`: every site of the mapped inputs.
    #[serde(default)]
    pub partition: Option<PartitionId>,
    /// The run accounting (inputs, counts, timings). Of a partitioned map, partition 0 carries it
    /// and the others carry only the run settings, so reducing all partitions counts it once.
    pub manifest: RunManifest,
}

/// The file name of partition `index` of `count` in a partitioned map's output folder.
pub fn partition_file(index: u32, count: u32) -> String {
    format!("part-{index:05}-of-{count:05}.baohoa")
}

/// Writes partial files: the header, then sites in site order. Written to a temporary name and
/// renamed by [`Writer::finish`]; removed if dropped before.
pub struct Writer {
    path: PathBuf,
    tmp: PathBuf,
    gz: Option<GzEncoder<std::io::BufWriter<std::fs::File>>>,
    last: Option<String>,
}

impl Writer {
    pub fn create(path: &Path, header: &Header) -> anyhow::Result<Writer> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create folder {}; check permissions", dir.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "partial".into());
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let f = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot create {}; check free space and permissions", tmp.display()))?;
        let mut gz = GzEncoder::new(std::io::BufWriter::with_capacity(1 << 16, f), Compression::new(3));
        serde_json::to_writer(&mut gz, header)?;
        gz.write_all(b"\n")?;
        Ok(Writer {
            path: path.to_path_buf(),
            tmp,
            gz: Some(gz),
            last: None,
        })
    }

    /// Adds a site; sites must come in strictly increasing site order.
    pub fn add(&mut self, a: &SiteAggregate) -> anyhow::Result<()> {
        if let Some(l) = &self.last
            && a.site.as_str() <= l.as_str()
        {
            bail!(
                "internal: partial {} got site {:?} after {l:?}",
                self.path.display(),
                a.site
            );
        }
        let gz = self.gz.as_mut().context("internal: partial already finished")?;
        serde_json::to_writer(&mut *gz, a)
            .and_then(|()| gz.write_all(b"\n").map_err(serde_json::Error::io))
            .with_context(|| format!("cannot write {}; check free space", self.tmp.display()))?;
        self.last = Some(a.site.clone());
        Ok(())
    }

    /// Completes the file and moves it into place.
    pub fn finish(mut self) -> anyhow::Result<()> {
        let res = (|| -> anyhow::Result<()> {
            let gz = self.gz.take().context("internal: partial finished twice")?;
            let w = gz.finish()?;
            let f = w.into_inner().map_err(|e| e.into_error())?;
            f.sync_all()?;
            std::fs::rename(&self.tmp, &self.path)?;
            Ok(())
        })();
        if res.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        res.with_context(|| format!("cannot write {}; check free space and permissions", self.path.display()))
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if self.gz.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes a whole partial file atomically.
pub fn write<'a>(
    path: &Path,
    header: &Header,
    sites: impl IntoIterator<Item = &'a SiteAggregate>,
) -> anyhow::Result<()> {
    let mut w = Writer::create(path, header)?;
    for s in sites {
        w.add(s)?;
    }
    w.finish()
}

/// Opens a partial file: checks its format and that its version is `version`, and returns its
/// header and its sites as a stream (in site order).
pub fn open(path: &Path, version: u32) -> anyhow::Result<(Header, SiteSource)> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open partial {}", path.display()))?;
    let gz = BufReader::with_capacity(1 << 16, MultiGzDecoder::new(f).take(MAX_PARTIAL_BYTES));
    let mut r = RunReader::new(gz, path.display().to_string());
    let not_partial = || {
        format!(
            "{} is not a baohoa partial (not gzip-compressed JSON lines with a \"format\": \"baohoa-partial\" header); make it with `baohoa map`",
            path.display()
        )
    };
    let first = r.raw_line().with_context(not_partial)?.with_context(not_partial)?;
    let v: serde_json::Value = serde_json::from_str(first).with_context(not_partial)?;
    if v.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        bail!(not_partial());
    }
    let ver = v.get("version").and_then(|x| x.as_u64()).unwrap_or(0);
    if ver != u64::from(version) {
        bail!(
            "{} has partial format version {ver}, this baohoa reads version {version}; run `map` again with this version",
            path.display()
        );
    }
    let h: Header = serde_json::from_value(v)
        .with_context(|| format!("{} has the right version but an unexpected header", path.display()))?;
    if let Some(p) = h.partition
        && (p.count == 0 || p.index >= p.count)
    {
        bail!(
            "{} claims partition {} of {}, which cannot be",
            path.display(),
            p.index,
            p.count
        );
    }
    Ok((h, Box::new(r)))
}
