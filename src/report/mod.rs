//! Output files: atomic writes, `sites.jsonl`, `run.json`, `report.html`, decisions and run-to-run changes.
pub mod decisions;
pub mod diff;
pub mod explain;
pub mod flagged;
pub mod generation;
pub mod history;
pub mod html;
pub mod manifest;
pub mod partial;
pub mod writer;

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::judge::Verdict;
use crate::site::Sites;
use manifest::RunManifest;

/// Version of the output schema (`"schema"` in every output row).
pub const SCHEMA: u32 = 1;

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, fsync, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic_with(path, |w| Ok(w.write_all(bytes)?))
}

/// Writes a file atomically from a writer callback (buffered; temporary file, fsync, rename).
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
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
    let res = (|| -> anyhow::Result<()> {
        let f = std::fs::File::create(&tmp)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        fill(&mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(())
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
    verdict: &'a Verdict,
    counts: &'a crate::site::SiteAggregate,
}

/// Writes the outputs of a judged run into `out`: `sites.jsonl`, `flagged.jsonl`, `flagged.csv`,
/// `history.json`, `report.html`, with a previous run also `changes.json`, then `run.json` last (its
/// presence marks a finished run). `verdicts` are in the order of `sites` (sorted by site).
/// Returns the file names written.
pub fn write_run(
    out: &Path,
    sites: &Sites,
    verdicts: &[Verdict],
    manifest: &mut RunManifest,
    previous: Option<&Path>,
) -> anyhow::Result<Vec<String>> {
    let mut w = writer::RunWriter::create(out, previous, &manifest.started_at.clone())?;
    for (v, s) in verdicts.iter().zip(sites.values()) {
        w.add(s, v)?;
    }
    w.finish(manifest)
}

/// `baohoa report OUT`: writes `OUT/report.html` from a finished run's outputs (with its
/// `changes.json` and `history.json` when present). Returns the path written.
pub fn report_from(out: &Path) -> anyhow::Result<std::path::PathBuf> {
    let run = diff::read_run(out)?;
    let changes_path = out.join("changes.json");
    let change: Option<diff::RunDiff> = match std::fs::read(&changes_path) {
        Ok(b) => Some(serde_json::from_slice(&b).with_context(|| {
            format!(
                "{} is not a changes file of this version; delete it or re-run the scan with --previous",
                changes_path.display()
            )
        })?),
        Err(_) => None,
    };
    let hist = history::read(out)?;
    let run_facts = run
        .manifest
        .as_ref()
        .map(html::RunFacts::of)
        .unwrap_or_else(|| html::RunFacts {
            started_at: run.started_at.clone().unwrap_or_default(),
            ..Default::default()
        });
    let counts: Vec<(u64, Option<u64>)> = run.counts.iter().map(|c| (c.pages, c.items)).collect();
    let (groups, origins) = read_groups(out)?;
    let page = html::render(&html::ReportInput {
        verdicts: &run.verdicts,
        groups: &groups,
        origins: &origins,
        counts,
        run: run_facts,
        diff: change.as_ref(),
        history: hist.as_ref(),
    });
    let path = out.join("report.html");
    write_atomic(&path, page.as_bytes())?;
    Ok(path)
}

/// The groups of a finished run (`groups.jsonl`) and the origins of their stories (from
/// `stories.jsonl`, read line by line keeping only those); none when the run has no story outputs.
fn read_groups(
    out: &Path,
) -> anyhow::Result<(
    Vec<crate::stories::GroupRow>,
    std::collections::BTreeMap<String, crate::stories::Copy>,
)> {
    use std::io::BufRead;
    let mut origins = std::collections::BTreeMap::new();
    let path = out.join("groups.jsonl");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), origins)),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut groups = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let g: crate::stories::GroupRow = serde_json::from_str(line).with_context(|| {
            format!(
                "{} line {} is not a group row of this version; re-run the scan",
                path.display(),
                n + 1
            )
        })?;
        groups.push(g);
    }
    let wanted: std::collections::BTreeSet<&str> = groups
        .iter()
        .flat_map(|g| g.shared_stories.iter().map(|s| s.story.as_str()))
        .collect();
    let path = out.join("stories.jsonl");
    if wanted.is_empty() {
        return Ok((groups, origins));
    }
    let f = match std::fs::File::open(&path) {
        Ok(f) => f,
        // The timeline then marks no origin outside the group.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((groups, origins)),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {} line {}", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let r: crate::stories::StoryRow = serde_json::from_str(&line).with_context(|| {
            format!(
                "{} line {} is not a story row of this version; re-run the scan",
                path.display(),
                n + 1
            )
        })?;
        if wanted.contains(r.story.as_str()) {
            origins.insert(r.story, r.origin);
        }
    }
    Ok((groups, origins))
}
