//! A run's outputs replaced as a set: staged in `OUT/.baohoa-staging-PID/`, put in place through a
//! commit journal (rolled forward after a crash), stale leftovers of killed runs cleaned.
//!
//! A run killed before its journal is written leaves the previous outputs untouched (its staging
//! folder is removed by the next run); killed after, its outputs are complete and the next run or
//! reader (`report`, `diff`, `explain`, `--previous`) finishes putting them in place. Readers call
//! [`settle`] first, so they never see a mix of two runs.
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

/// The commit journal in `OUT` (present only while, or because, a commit was interrupted).
pub const JOURNAL: &str = ".baohoa-commit.json";
const STAGING_PREFIX: &str = ".baohoa-staging-";

/// Test hook: `BAOHOA_FAULT=<point>` kills the process with SIGKILL at that point of the output
/// phase (`staged`, `journal`, `renamed-1`), as an operator's kill or a crash would.
pub const FAULT_ENV: &str = "BAOHOA_FAULT";

/// What the journal says: move these staged files into `OUT`, remove these from it.
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    /// The staging folder's name inside `OUT`.
    staging: String,
    files: Vec<String>,
    remove: Vec<String>,
}

/// Kills the process at `point` when the test hook asks for it.
pub fn fault(point: &str) {
    if std::env::var(FAULT_ENV).is_ok_and(|v| v == point) {
        #[cfg(unix)]
        // SAFETY: raise only sends a signal to this process.
        unsafe {
            libc::raise(libc::SIGKILL);
        }
        std::process::abort();
    }
}

/// The staging folder of one run's outputs.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    done: bool,
}

impl Staging {
    /// Settles `out` (finishes an interrupted commit), removes what killed runs left, and creates
    /// this run's staging folder.
    pub fn begin(out: &Path) -> anyhow::Result<Staging> {
        std::fs::create_dir_all(out).with_context(|| {
            format!(
                "cannot create output directory {}; check the path and permissions",
                out.display()
            )
        })?;
        settle(out)?;
        clean_stale(out);
        let dir = out.join(format!("{STAGING_PREFIX}{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).with_context(|| format!("cannot remove stale {}", dir.display()))?;
        }
        std::fs::create_dir(&dir)
            .with_context(|| format!("cannot create {}; check free space and permissions", dir.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            done: false,
        })
    }

    /// Where this run writes its outputs until [`Staging::commit`].
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Puts the staged `files` in place in `OUT` as a set and removes `remove` from it. Every
    /// staged file must be complete and synced.
    pub fn commit(mut self, files: &[String], remove: &[String]) -> anyhow::Result<()> {
        sync_dir(&self.dir)?;
        fault("staged");
        let staging = self
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .context("internal: staging folder without a name")?;
        let j = Journal {
            staging,
            files: files.to_vec(),
            remove: remove.to_vec(),
        };
        super::write_atomic(&self.out.join(JOURNAL), &serde_json::to_vec_pretty(&j)?)?;
        sync_dir(&self.out)?;
        fault("journal");
        roll_forward(&self.out, &j)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let d = std::fs::File::open(dir).with_context(|| format!("cannot open {}", dir.display()))?;
        d.sync_all()
            .with_context(|| format!("cannot sync {}; check the disk", dir.display()))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Moves every staged file still in the staging folder into `out`, removes what the journal
/// says, then the journal and the staging folder. Idempotent: a second run after a crash inside
/// it finishes the job.
fn roll_forward(out: &Path, j: &Journal) -> anyhow::Result<()> {
    let staging = out.join(&j.staging);
    for (i, f) in j.files.iter().enumerate() {
        let from = staging.join(f);
        if from.exists() {
            std::fs::rename(&from, out.join(f)).with_context(|| {
                format!(
                    "cannot move {} into {}; check permissions",
                    from.display(),
                    out.display()
                )
            })?;
        }
        if i == 0 {
            fault("renamed-1");
        }
    }
    for f in &j.remove {
        let p = out.join(f);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot remove stale {}", p.display())),
        }
    }
    sync_dir(out)?;
    let journal = out.join(JOURNAL);
    std::fs::remove_file(&journal).with_context(|| format!("cannot remove {}", journal.display()))?;
    let _ = std::fs::remove_dir_all(&staging);
    Ok(())
}

/// Finishes a commit a killed run left half done in `out` (nothing to do in a settled folder).
/// Every reader of a run's outputs calls this first.
pub fn settle(out: &Path) -> anyhow::Result<()> {
    let path = out.join(JOURNAL);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let j: Journal = serde_json::from_slice(&bytes).with_context(|| {
        format!(
            "{} is not a commit journal of this version; delete it and re-run the scan",
            path.display()
        )
    })?;
    if j.staging.contains(['/', '\\'])
        || !j.staging.starts_with(STAGING_PREFIX)
        || j.files.iter().chain(&j.remove).any(|f| f.contains(['/', '\\']))
    {
        anyhow::bail!(
            "{} names paths outside {}; delete it and re-run the scan",
            path.display(),
            out.display()
        );
    }
    roll_forward(out, &j).with_context(|| {
        format!(
            "{} holds a run killed while its outputs were put in place; finishing that failed",
            out.display()
        )
    })
}

/// A process with this id is running (unknown: assumed running).
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(p) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(p, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    true
}

/// The process id in a temporary name: `.baohoa-staging-PID` or `.NAME.PID.tmp`.
fn temp_pid(name: &str) -> Option<u32> {
    if let Some(pid) = name.strip_prefix(STAGING_PREFIX) {
        return pid.parse().ok();
    }
    let stem = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    stem.rsplit('.').next()?.parse().ok()
}

/// Removes staging folders and `.NAME.PID.tmp` files of processes that no longer run.
/// Returns the names removed.
pub fn clean_stale(out: &Path) -> Vec<String> {
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(out) else {
        return removed;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = temp_pid(&name) else { continue };
        if alive(pid) {
            continue;
        }
        let p = e.path();
        let ok = if e.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(&p).is_ok()
        } else {
            std::fs::remove_file(&p).is_ok()
        };
        if ok {
            removed.push(name);
        }
    }
    removed.sort();
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_give_their_pid() {
        assert_eq!(temp_pid(".baohoa-staging-123"), Some(123));
        assert_eq!(temp_pid(".sites.jsonl.4567.tmp"), Some(4567));
        assert_eq!(temp_pid(".report-sites.89.tmp"), Some(89));
        assert_eq!(temp_pid("sites.jsonl"), None);
        assert_eq!(temp_pid(".hidden.tmp"), None);
    }
}
