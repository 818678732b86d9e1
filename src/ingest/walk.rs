//! Expands command-line inputs into the files to read: each real file once, loops cut, special files refused.
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Input;

/// What the walk over the inputs found besides the files to read; goes to `run.json` as `walk`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WalkReport {
    /// Paths not read because they are an input already read (same file, same folder or same bytes).
    pub duplicates: Vec<Duplicate>,
    /// Folder links that lead back into a folder being walked (symbolic-link loops); not followed.
    pub loops: Vec<WalkLoop>,
    /// Paths that are neither a regular file nor a folder (FIFO, device, socket): not read.
    pub refused: Vec<WalkProblem>,
    /// Folders that could not be listed: what they hold was not read, so the run is incomplete.
    pub unreadable: Vec<WalkProblem>,
}

/// How a duplicate path was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SameBy {
    /// Same device and inode as a file already listed (the same path twice, a hard or symbolic link).
    SameFile,
    /// Same device and inode as a folder already walked (not an ancestor: not a loop).
    SameFolder,
    /// A different file with identical bytes (same size and sha256).
    SameContent,
}

/// A path that is the same input as another one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Duplicate {
    pub path: String,
    /// The path that was read (or walked) instead.
    pub same_as: String,
    pub by: SameBy,
    /// The shared sha256 when recognised by content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// A folder link that leads back to one of its own ancestors.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WalkLoop {
    pub path: String,
    /// The ancestor folder it leads to (as first walked).
    pub target: String,
}

/// A path that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WalkProblem {
    pub path: String,
    pub message: String,
}

impl WalkReport {
    /// True when nothing the operator named was left unread (refused or unreadable).
    pub fn is_complete(&self) -> bool {
        self.refused.is_empty() && self.unreadable.is_empty()
    }

    /// Adds the report of another walk (the shards of `map`/`reduce`).
    pub fn absorb(&mut self, o: WalkReport) {
        self.duplicates.extend(o.duplicates);
        self.loops.extend(o.loops);
        self.refused.extend(o.refused);
        self.unreadable.extend(o.unreadable);
    }

    /// Sorts every list and drops repeats, so merged reports do not depend on the shard order.
    pub fn normalise(&mut self) {
        fn sort<T: Ord>(v: &mut Vec<T>) {
            v.sort();
            v.dedup();
        }
        sort(&mut self.duplicates);
        sort(&mut self.loops);
        sort(&mut self.refused);
        sort(&mut self.unreadable);
    }

    /// One line per finding, for warnings on stderr.
    pub fn messages(&self) -> Vec<String> {
        let mut v = Vec::new();
        for p in &self.unreadable {
            v.push(format!(
                "cannot read folder {}: {}; its files were not read (check the permissions), the run is marked incomplete",
                p.path, p.message
            ));
        }
        for p in &self.refused {
            v.push(format!("not read: {}: {}", p.path, p.message));
        }
        for l in &self.loops {
            v.push(format!(
                "{} leads back to the folder {} (a link loop); not followed again",
                l.path, l.target
            ));
        }
        for d in &self.duplicates {
            let how = match d.by {
                SameBy::SameFile => "the same file as",
                SameBy::SameFolder => "the same folder as",
                SameBy::SameContent => "identical (same sha256) to",
            };
            v.push(format!("{} is {how} {}; read once", d.path, d.same_as));
        }
        v
    }
}

/// The files to read and what the walk found on the way.
#[derive(Debug, Default)]
pub struct Walk {
    pub inputs: Vec<Input>,
    pub report: WalkReport,
}

/// Expands command-line inputs: files as given, folders walked recursively (sorted, hidden names
/// skipped), `-` reads a list of paths from stdin. Symbolic links are followed, but every real
/// file (device + inode) is listed once and every folder walked once, so link loops end; files with
/// identical bytes are read once; FIFOs, devices and sockets are refused without being opened.
pub fn expand_inputs(args: &[PathBuf], stdin: &mut dyn std::io::BufRead) -> Walk {
    let mut w = Walker::default();
    for a in args {
        if a.as_os_str() == "-" {
            let mut line = String::new();
            while stdin.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                let t = line.trim();
                if !t.is_empty() {
                    w.visit(Path::new(t));
                }
                line.clear();
            }
        } else {
            w.visit(a);
        }
    }
    let (files, mut report) = (w.files, w.report);
    let files = drop_same_content(files, &mut report);
    report.normalise();
    Walk {
        inputs: files.into_iter().map(|(p, _)| Input::Path(p)).collect(),
        report,
    }
}

#[derive(Default)]
struct Walker {
    files: Vec<(PathBuf, u64)>,
    seen_files: HashMap<(u64, u64), String>,
    seen_dirs: HashMap<(u64, u64), String>,
    /// The folders being walked, outermost first.
    ancestors: HashSet<(u64, u64)>,
    report: WalkReport,
}

impl Walker {
    fn visit(&mut self, p: &Path) {
        let name = p.to_string_lossy().into_owned();
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(_) => {
                // Missing or dangling: listed, so that opening it reports the error as a failed input.
                self.files.push((p.to_owned(), 0));
                return;
            }
        };
        let id = file_id(&meta);
        if meta.is_dir() {
            if self.ancestors.contains(&id) {
                let target = self.seen_dirs.get(&id).cloned().unwrap_or_default();
                self.report.loops.push(WalkLoop { path: name, target });
                return;
            }
            if let Some(first) = self.seen_dirs.get(&id) {
                self.report.duplicates.push(Duplicate {
                    path: name,
                    same_as: first.clone(),
                    by: SameBy::SameFolder,
                    sha256: None,
                });
                return;
            }
            self.seen_dirs.insert(id, name.clone());
            let rd = match std::fs::read_dir(p) {
                Ok(rd) => rd,
                Err(e) => {
                    self.report.unreadable.push(WalkProblem {
                        path: name,
                        message: e.to_string(),
                    });
                    return;
                }
            };
            let mut children = Vec::new();
            for entry in rd {
                match entry {
                    Ok(e) => children.push(e.path()),
                    Err(e) => {
                        self.report.unreadable.push(WalkProblem {
                            path: name.clone(),
                            message: format!("listing stopped: {e}"),
                        });
                        break;
                    }
                }
            }
            children.sort();
            self.ancestors.insert(id);
            for c in children {
                let hidden = c.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
                if !hidden {
                    self.visit(&c);
                }
            }
            self.ancestors.remove(&id);
        } else if meta.is_file() {
            if let Some(first) = self.seen_files.get(&id) {
                self.report.duplicates.push(Duplicate {
                    path: name,
                    same_as: first.clone(),
                    by: SameBy::SameFile,
                    sha256: None,
                });
                return;
            }
            self.seen_files.insert(id, name);
            self.files.push((p.to_owned(), meta.len()));
        } else {
            self.report.refused.push(WalkProblem {
                path: name,
                message: not_regular(&meta.file_type()),
            });
        }
    }
}

/// Keeps the first of files with identical bytes. Only files sharing a size are hashed, so a
/// normal crawl (segments of different sizes) costs nothing more than the stat.
fn drop_same_content(files: Vec<(PathBuf, u64)>, report: &mut WalkReport) -> Vec<(PathBuf, u64)> {
    let mut by_size: HashMap<u64, usize> = HashMap::new();
    for (_, n) in &files {
        *by_size.entry(*n).or_default() += 1;
    }
    let mut first_with: HashMap<(u64, String), String> = HashMap::new();
    let mut kept = Vec::with_capacity(files.len());
    for (p, n) in files {
        if n == 0 || by_size.get(&n).copied().unwrap_or(0) < 2 {
            kept.push((p, n));
            continue;
        }
        let Some(sha) = sha256_of(&p) else {
            kept.push((p, n));
            continue;
        };
        let name = p.to_string_lossy().into_owned();
        match first_with.get(&(n, sha.clone())) {
            Some(first) => report.duplicates.push(Duplicate {
                path: name,
                same_as: first.clone(),
                by: SameBy::SameContent,
                sha256: Some(sha),
            }),
            None => {
                first_with.insert((n, sha), name);
                kept.push((p, n));
            }
        }
    }
    kept
}

fn sha256_of(p: &Path) -> Option<String> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut f = super::open_regular(p).ok()?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(k) => h.update(&buf[..k]),
            Err(_) => return None,
        }
    }
    Some(crate::model_files::hex(&h.finalize()))
}

#[cfg(unix)]
fn file_id(m: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn file_id(m: &std::fs::Metadata) -> (u64, u64) {
    // No inode numbers here: size and modification time stand in (identical bytes are caught anyway).
    let t = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    (m.len(), t.map_or(0, |d| d.as_nanos() as u64))
}

/// Why a file that is not regular is refused, in words.
pub(crate) fn not_regular(t: &std::fs::FileType) -> String {
    let what = kind_of(t);
    format!("{what}, not a regular file; only regular files are read (give the dump file itself)")
}

#[cfg(unix)]
fn kind_of(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn kind_of(t: &std::fs::FileType) -> &'static str {
    if t.is_dir() { "a folder" } else { "a special file" }
}
