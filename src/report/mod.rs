//! Output files: atomic writes, `sites.jsonl`, `run.json`, `report.html`, decisions and run-to-run changes.
pub mod decisions;
pub mod diff;
pub mod explain;
pub mod flagged;
pub mod history;
pub mod html;
pub mod manifest;
pub mod partial;

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
    std::fs::create_dir_all(out).with_context(|| {
        format!(
            "cannot create output directory {}; check the path and permissions",
            out.display()
        )
    })?;
    // Read the previous run before anything in `out` is replaced (it may be the same directory).
    let previous = match previous {
        Some(p) => Some((
            diff::read_run(p)
                .with_context(|| format!("reading the previous run given by --previous {}", p.display()))?,
            history::read(p)?,
            p.display().to_string(),
        )),
        None => None,
    };
    let t = std::time::Instant::now();
    // Streamed: sites.jsonl is the largest output and is never held in memory whole.
    write_atomic_with(&out.join("sites.jsonl"), |w| {
        for (v, s) in verdicts.iter().zip(sites.values()) {
            serde_json::to_writer(
                &mut *w,
                &SiteRow {
                    schema: SCHEMA,
                    verdict: v,
                    counts: s,
                },
            )?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })?;
    let refs: Vec<&Verdict> = verdicts.iter().collect();
    let rows = flagged::rows(&refs, |site| sites.get(site).map_or((0, 0), |s| (s.pages, s.items())));
    write_atomic(&out.join("flagged.jsonl"), &to_jsonl(&rows)?)?;
    write_atomic(&out.join("flagged.csv"), &flagged::to_csv(&rows)?)?;
    let mut names: Vec<String> = [
        "flagged.csv",
        "flagged.jsonl",
        "history.json",
        "report.html",
        "run.json",
        "sites.jsonl",
    ]
    .map(String::from)
    .to_vec();
    let run_date = manifest.started_at.clone();
    let (change, hist) = match previous {
        Some((old, old_hist, old_name)) => {
            let old_date = old.date(&old_name);
            let d = diff::diff(&old.verdicts, verdicts, &old_date, &run_date);
            let h = history::updated(
                old_hist,
                Some((old_date.as_str(), old.verdicts.as_slice())),
                &run_date,
                verdicts,
            );
            (Some(d), h)
        }
        None => (None, history::updated(None, None, &run_date, verdicts)),
    };
    write_atomic(&out.join("history.json"), &serde_json::to_vec(&hist)?)?;
    let changes_path = out.join("changes.json");
    match &change {
        Some(d) => {
            let mut b = serde_json::to_vec_pretty(d)?;
            b.push(b'\n');
            write_atomic(&changes_path, &b)?;
            names.insert(0, "changes.json".into());
        }
        // A changes.json left by an earlier run in this directory would describe another pair of runs.
        None => match std::fs::remove_file(&changes_path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(e).with_context(|| format!("cannot remove stale {}", changes_path.display()));
            }
        },
    }
    manifest.outputs = names.clone();
    let counts: Vec<(u64, Option<u64>)> = sites.values().map(|s| (s.pages, Some(s.items()))).collect();
    let page = html::render(&html::ReportInput {
        verdicts,
        counts,
        run: html::RunFacts::of(manifest),
        diff: change.as_ref(),
        history: Some(&hist),
    });
    write_atomic(&out.join("report.html"), page.as_bytes())?;
    manifest.stage_seconds.report = t.elapsed().as_secs_f64();
    let mut run = serde_json::to_vec_pretty(&*manifest)?;
    run.push(b'\n');
    write_atomic(&out.join("run.json"), &run)?;
    Ok(names)
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
    let page = html::render(&html::ReportInput {
        verdicts: &run.verdicts,
        counts,
        run: run_facts,
        diff: change.as_ref(),
        history: hist.as_ref(),
    });
    let path = out.join("report.html");
    write_atomic(&path, page.as_bytes())?;
    Ok(path)
}
