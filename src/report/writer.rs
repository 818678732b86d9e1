//! The outputs of a run written site by site: `sites.jsonl` streamed, the flagged rows, history,
//! changes and report from small per-site summaries, so a run never holds every verdict at once.
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::diff::{self, SiteChange, SiteState};
use super::flagged::{self, FlaggedRow};
use super::generation::Staging;
use super::history::{self, History};
use super::html::{self, SitesData};
use super::manifest::RunManifest;
use super::{SCHEMA, SiteRow, to_jsonl, write_atomic, write_atomic_with};
use crate::judge::Verdict;
use crate::site::SiteAggregate;

/// A file written under a temporary name and renamed into place by [`AtomicFile::commit`]; removed
/// if dropped before.
struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    w: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    fn create(path: &Path) -> anyhow::Result<Self> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let f = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot create {}; check free space and permissions", tmp.display()))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            w: Some(std::io::BufWriter::with_capacity(1 << 16, f)),
        })
    }

    fn writer(&mut self) -> anyhow::Result<&mut std::io::BufWriter<std::fs::File>> {
        self.w
            .as_mut()
            .with_context(|| format!("internal: {} already committed", self.path.display()))
    }

    fn commit(mut self) -> anyhow::Result<()> {
        let res = (|| -> anyhow::Result<()> {
            let w = self.w.take().context("internal: committed twice")?;
            let f = w.into_inner().map_err(|e| e.into_error())?;
            f.sync_all()?;
            std::fs::rename(&self.tmp, &self.path)?;
            Ok(())
        })();
        res.with_context(|| format!("cannot write {}; check free space and permissions", self.path.display()))
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.w.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// A temporary file removed when dropped.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The previous run, as far as this one compares with it.
struct Previous {
    date: String,
    olds: BTreeMap<String, SiteState>,
    /// Sites of the previous run seen in this one.
    seen: BTreeSet<String>,
}

/// Writes a run's outputs into `out` site by site: [`RunWriter::add`] each site in site order,
/// then [`RunWriter::finish`].
pub struct RunWriter {
    /// The staging folder in `OUT` where every output is written until the commit.
    staging: Staging,
    out: PathBuf,
    spent: std::time::Duration,
    run_date: String,
    sites: AtomicFile,
    rows: Vec<FlaggedRow>,
    report: SitesData<std::fs::File>,
    _report_tmp: TempFile,
    previous: Option<Previous>,
    history: History,
    now: Option<usize>,
    changes: Vec<SiteChange>,
    count: usize,
    flagged: usize,
    stories_written: bool,
    csv: flagged::CsvFormat,
}

impl RunWriter {
    /// How `flagged.csv` is written (language of its header and figures, decimal mark).
    pub fn set_csv(&mut self, fmt: flagged::CsvFormat) {
        self.csv = fmt;
    }

    /// Starts the outputs of a run dated `run_date` in `out`, comparing with the run in `previous`
    /// (read now, before anything in `out` is replaced: it may be the same directory).
    pub fn create(out: &Path, previous: Option<&Path>, run_date: &str) -> anyhow::Result<Self> {
        // Settles OUT (an interrupted commit finished) and cleans what killed runs left in it.
        let staging = Staging::begin(out)?;
        let t = std::time::Instant::now();
        let (base, previous) = match previous {
            Some(p) => {
                super::generation::settle(p)?;
                let old = diff::read_run(p)
                    .with_context(|| format!("reading the previous run given by --previous {}", p.display()))?;
                let old_hist = history::read(p)?;
                let date = old.date(&p.display().to_string());
                let base = history::base(old_hist, Some((date.as_str(), old.verdicts.as_slice())));
                let olds = old
                    .verdicts
                    .iter()
                    .map(|v| (v.site.clone(), SiteState::of(v)))
                    .collect();
                (
                    base,
                    Some(Previous {
                        date,
                        olds,
                        seen: BTreeSet::new(),
                    }),
                )
            }
            None => (History::default(), None),
        };
        let (history, now) = history::begin_run(base, run_date, history::MAX_RUNS);
        let dir = staging.dir().to_path_buf();
        let tmp = dir.join(format!(".report-sites.{}.tmp", std::process::id()));
        let store = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)
            .with_context(|| format!("cannot create {}; check free space and permissions", tmp.display()))?;
        Ok(RunWriter {
            sites: AtomicFile::create(&dir.join("sites.jsonl"))?,
            staging,
            out: out.to_path_buf(),
            spent: t.elapsed(),
            run_date: run_date.to_owned(),
            rows: Vec::new(),
            report: SitesData::new(store),
            _report_tmp: TempFile(tmp),
            previous,
            history,
            now,
            changes: Vec::new(),
            count: 0,
            flagged: 0,
            stories_written: false,
            csv: flagged::CsvFormat::default(),
        })
    }

    /// Adds one site (in site order): its aggregate and its verdict.
    pub fn add(&mut self, agg: &SiteAggregate, v: &Verdict) -> anyhow::Result<()> {
        let t = std::time::Instant::now();
        let w = self.sites.writer()?;
        serde_json::to_writer(
            &mut *w,
            &SiteRow {
                schema: SCHEMA,
                verdict: v,
                counts: agg,
            },
        )?;
        w.write_all(b"\n")?;
        self.count += 1;
        if v.flagged {
            self.flagged += 1;
            self.rows.push(flagged::row(v, agg.pages, agg.items()));
        }
        if let Some(now) = self.now {
            history::push(&mut self.history, now, v);
        }
        let change = match &mut self.previous {
            Some(p) => {
                let old = p.olds.get(&v.site);
                if old.is_some() {
                    p.seen.insert(v.site.clone());
                }
                diff::change(&v.site, old, Some(&SiteState::of(v)))
            }
            None => None,
        };
        let series = self.history.sites.get(&v.site).map(Vec::as_slice);
        self.report
            .add(v, (agg.pages, Some(agg.items())), change.as_ref(), series)
            .with_context(|| format!("cannot write the report's working file in {}", self.out.display()))?;
        self.changes.extend(change);
        self.spent += t.elapsed();
        Ok(())
    }

    /// Writes `stories.jsonl` (one row per story found on two sites or more) and `groups.jsonl`
    /// (one row per group of sites publishing the same stories together) into the staging folder.
    pub fn write_stories(
        &mut self,
        stories: &[crate::stories::StoryRow],
        groups: &[crate::stories::GroupRow],
    ) -> anyhow::Result<()> {
        let t = std::time::Instant::now();
        let dir = self.staging.dir().to_path_buf();
        write_atomic_with(&dir.join("stories.jsonl"), |w| {
            for r in stories {
                serde_json::to_writer(&mut *w, r)?;
                w.write_all(b"\n")?;
            }
            Ok(())
        })?;
        write_atomic(&dir.join("groups.jsonl"), &to_jsonl(groups)?)?;
        let origins: BTreeMap<&str, &crate::stories::Copy> =
            stories.iter().map(|r| (r.story.as_str(), &r.origin)).collect();
        self.report.set_groups(groups, |id| origins.get(id).copied());
        self.stories_written = true;
        self.spent += t.elapsed();
        Ok(())
    }

    /// Writes the remaining outputs (`run.json` last) into the staging folder, then puts them all
    /// in place in `OUT` as one set (see `generation.rs`), and returns the file names written. `manifest` must be finished (its site count set).
    pub fn finish(self, manifest: &mut RunManifest) -> anyhow::Result<Vec<String>> {
        let RunWriter {
            staging,
            out: _,
            spent,
            run_date,
            sites,
            mut rows,
            report,
            _report_tmp,
            previous,
            history: hist,
            changes,
            count,
            flagged,
            stories_written,
            csv,
            ..
        } = self;
        let t = std::time::Instant::now();
        let out = staging.dir().to_path_buf();
        sites.commit()?;
        flagged::rank_rows(&mut rows);
        write_atomic(&out.join("flagged.jsonl"), &to_jsonl(&rows)?)?;
        write_atomic(&out.join("flagged.csv"), &flagged::to_csv_with(&rows, csv)?)?;
        drop(rows);
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
        if stories_written {
            names.insert(2, "groups.jsonl".into());
            names.push("stories.jsonl".into());
        }
        let change = previous.map(|p| {
            diff::summarise(
                &p.olds,
                &|s| p.seen.contains(s),
                changes,
                (count, flagged),
                &p.date,
                &run_date,
            )
        });
        write_atomic(&out.join("history.json"), &serde_json::to_vec(&hist)?)?;
        // A changes.json left by an earlier run in OUT would describe another pair of runs: the
        // commit removes it when this run has none.
        let mut remove = Vec::new();
        match &change {
            Some(d) => {
                let mut b = serde_json::to_vec_pretty(d)?;
                b.push(b'\n');
                write_atomic(&out.join("changes.json"), &b)?;
                names.insert(0, "changes.json".into());
            }
            None => remove.push("changes.json".to_string()),
        }
        manifest.outputs = names.clone();
        let facts = html::RunFacts::of(manifest);
        write_atomic_with(&out.join("report.html"), |w| {
            Ok(report.write_page(w, &facts, change.as_ref(), Some(hist.runs.as_slice()))?)
        })?;
        manifest.stage_seconds.report = (spent + t.elapsed()).as_secs_f64();
        let mut run = serde_json::to_vec_pretty(&*manifest)?;
        run.push(b'\n');
        write_atomic(&out.join("run.json"), &run)?;
        drop(_report_tmp);
        staging.commit(&names, &remove)?;
        Ok(names)
    }
}
