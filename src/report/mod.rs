//! Output files: atomic writes, `sites.jsonl`, `run.json`.
pub mod explain;
pub mod flagged;
pub mod manifest;
pub mod partial;

use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// Version of the output schema (`"schema"` in every output row).
pub const SCHEMA: u32 = 1;

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, fsync, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output directory {}; check permissions", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let res = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res.with_context(|| format!("cannot write {}; check free space and permissions", path.display()))
}

/// Serialises rows as JSON lines.
pub fn to_jsonl<T: serde::Serialize>(rows: impl IntoIterator<Item = T>) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    for r in rows {
        serde_json::to_writer(&mut out, &r)?;
        out.push(b'\n');
    }
    Ok(out)
}

/// One line of `sites.jsonl`: the site's counts and its verdict.
#[derive(serde::Serialize)]
struct SiteRow<'a> {
    schema: u32,
    #[serde(flatten)]
    verdict: &'a crate::judge::Verdict,
    counts: &'a crate::site::SiteAggregate,
}

/// Judges every site and writes the outputs of a run into `out`: `sites.jsonl`, `flagged.jsonl`,
/// `flagged.csv`, then `run.json` last (its presence marks a finished run). Returns the file names.
pub fn write_outputs(
    out: &Path,
    partial: &mut crate::Partial,
    models: &crate::models::Models,
) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(out).with_context(|| {
        format!(
            "cannot create output directory {}; check the path and permissions",
            out.display()
        )
    })?;
    let t = std::time::Instant::now();
    let verdicts: Vec<crate::judge::Verdict> = partial.sites.values().map(|s| crate::judge::judge(s, models)).collect();
    partial.manifest.stage_seconds.judge = t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    let sites = to_jsonl(verdicts.iter().zip(partial.sites.values()).map(|(v, s)| SiteRow {
        schema: SCHEMA,
        verdict: v,
        counts: s,
    }))?;
    write_atomic(&out.join("sites.jsonl"), &sites)?;
    let refs: Vec<&crate::judge::Verdict> = verdicts.iter().collect();
    let rows = flagged::rows(&refs, |site| {
        partial.sites.get(site).map_or((0, 0), |s| (s.pages, s.items()))
    });
    write_atomic(&out.join("flagged.jsonl"), &to_jsonl(&rows)?)?;
    write_atomic(&out.join("flagged.csv"), &flagged::to_csv(&rows)?)?;
    let names: Vec<String> = ["flagged.csv", "flagged.jsonl", "run.json", "sites.jsonl"]
        .map(String::from)
        .to_vec();
    partial.manifest.outputs = names.clone();
    partial.manifest.stage_seconds.report = t.elapsed().as_secs_f64();
    let mut run = serde_json::to_vec_pretty(&partial.manifest)?;
    run.push(b'\n');
    write_atomic(&out.join("run.json"), &run)?;
    Ok(names)
}
