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
    /// Files and folders found in input folders and deliberately not read: not a dump by their
    /// first bytes (crawl logs, CDX indexes, READMEs), left out by `--include`/`--exclude` or a
    /// `.baohoaignore`, or a `registry/` folder. They do not make the run incomplete.
    pub ignored: Vec<WalkProblem>,
    /// Ignored paths beyond the first [`MAX_LISTED_IGNORED`], counted only.
    pub ignored_omitted: u64,
    /// `registry/` folders (holding press.csv, aggregate.csv or social.csv) found beside the dumps
    /// in input folders; `scan` uses them unless `--registry` is given.
    pub registries: Vec<String>,
}

/// At most this many ignored paths are listed in `run.json` (the rest are counted).
pub const MAX_LISTED_IGNORED: usize = 1000;

/// The name of the file that lists, in a folder, what under it is not to be read.
pub const IGNORE_FILE: &str = ".baohoaignore";

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
        self.ignored.extend(o.ignored);
        self.ignored_omitted += o.ignored_omitted;
        self.registries.extend(o.registries);
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
        sort(&mut self.ignored);
        self.registries
            .sort_by_cached_key(|r| (Path::new(r).components().count(), r.clone()));
        self.registries.dedup();
        if self.ignored.len() > MAX_LISTED_IGNORED {
            self.ignored_omitted += (self.ignored.len() - MAX_LISTED_IGNORED) as u64;
            self.ignored.truncate(MAX_LISTED_IGNORED);
        }
    }

    /// One line about the ignored paths, for a note on stderr (none when nothing was ignored).
    pub fn ignored_note(&self) -> Option<String> {
        let n = self.ignored.len() as u64 + self.ignored_omitted;
        if n == 0 {
            return None;
        }
        let names: Vec<&str> = self.ignored.iter().take(4).map(|p| p.path.as_str()).collect();
        Some(format!(
            "{n} path{} in the input folders not read (not dumps, excluded, or registry folders; listed as \"ignored\" in run.json's \"walk\"): {}{}",
            if n == 1 { "" } else { "s" },
            names.join(", "),
            if n > names.len() as u64 { ", …" } else { "" }
        ))
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

/// Which files of input folders to read (`--include`, `--exclude`). Files named on the command
/// line (or in a `-` list) are always read.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Globs; when any is given, only files matching one are read from folders.
    pub include: Vec<String>,
    /// Globs of files and folders not to read.
    pub exclude: Vec<String>,
}

/// Globs compiled for matching: a glob without `/` matches a name at any depth, one with `/` the
/// path relative to the input folder (or to the folder of a `.baohoaignore`); a trailing `/`
/// makes it match folders only.
#[derive(Debug, Clone, Default)]
pub struct Globs {
    pats: Vec<(String, globset::GlobMatcher, bool)>,
}

impl Globs {
    /// Compiles globs; `what` names their origin in errors (`--exclude`, a `.baohoaignore` path).
    pub fn new(globs: &[String], what: &str) -> Result<Globs, String> {
        let mut pats = Vec::new();
        for g in globs {
            let (body, dir_only) = match g.strip_suffix('/') {
                Some(b) => (b, true),
                None => (g.as_str(), false),
            };
            let body = body.strip_prefix("./").unwrap_or(body);
            let anchored = body.contains('/');
            let text = if anchored {
                body.trim_start_matches('/').to_string()
            } else {
                format!("**/{body}")
            };
            let m = globset::GlobBuilder::new(&text)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("{what}: {g:?} is not a valid glob ({e}); e.g. '*.warc.gz', 'logs/', 'seg-*/**'"))?
                .compile_matcher();
            pats.push((g.clone(), m, dir_only));
        }
        Ok(Globs { pats })
    }

    pub fn is_empty(&self) -> bool {
        self.pats.is_empty()
    }

    /// The first glob matching `rel` (a `/`-separated relative path), if any.
    fn find(&self, rel: &str, is_dir: bool) -> Option<&str> {
        self.pats
            .iter()
            .find(|(_, m, dir_only)| (is_dir || !dir_only) && m.is_match(rel))
            .map(|(g, _, _)| g.as_str())
    }
}

/// Expands command-line inputs: files as given, folders walked recursively (sorted, hidden names
/// skipped), `-` reads a list of paths from stdin, or a dump when stdin holds one. Symbolic links
/// are followed, but every real file (device + inode) is listed once and every folder walked once,
/// so link loops end; files with identical bytes are read once; FIFOs, devices and sockets are
/// refused without being opened.
pub fn expand_inputs(args: &[PathBuf], stdin: &mut dyn std::io::BufRead) -> Walk {
    expand_inputs_with(args, stdin, &WalkOptions::default()).unwrap_or_default()
}

/// [`expand_inputs`] with `--include`/`--exclude`. In folders, files that are not dumps by their
/// first bytes (and have no dump extension), files left out by the globs or a `.baohoaignore`,
/// and `registry/` folders are not read and listed as `ignored`. Fails only on a bad glob.
pub fn expand_inputs_with(
    args: &[PathBuf],
    stdin: &mut dyn std::io::BufRead,
    opts: &WalkOptions,
) -> Result<Walk, String> {
    let mut w = Walker {
        include: Globs::new(&opts.include, "--include")?,
        exclude: Globs::new(&opts.exclude, "--exclude")?,
        ..Walker::default()
    };
    let mut stdin_dump = None;
    for a in args {
        if a.as_os_str() == "-" {
            let head = read_head(stdin, STDIN_SNIFF_BYTES);
            if stdin_dump.is_none() && is_dump_head(&head) {
                stdin_dump = Some(Input::Stdin { head: head.into() });
                continue;
            }
            let mut rest = Vec::new();
            let _ = std::io::Read::read_to_end(stdin, &mut rest);
            let list = [head, rest].concat();
            for line in String::from_utf8_lossy(&list).lines() {
                let t = line.trim();
                if !t.is_empty() {
                    w.visit_arg(Path::new(t));
                }
            }
        } else {
            w.visit_arg(a);
        }
    }
    let (files, mut report) = (w.files, w.report);
    let files = drop_same_content(files, &mut report);
    report.normalise();
    let mut inputs: Vec<Input> = files.into_iter().map(|(p, _)| Input::Path(p)).collect();
    inputs.extend(stdin_dump);
    Ok(Walk { inputs, report })
}

/// Bytes of standard input looked at to tell a dump from a list of paths.
const STDIN_SNIFF_BYTES: usize = 512;

/// Up to `n` bytes from the start of `r` (fewer at its end or on a read error).
fn read_head(r: &mut dyn std::io::BufRead, n: usize) -> Vec<u8> {
    let mut head = Vec::with_capacity(n);
    let _ = std::io::Read::read_to_end(&mut std::io::Read::take(r, n as u64), &mut head);
    head
}

/// Whether the first bytes of standard input are a dump (gzip, WARC, ARC, JSONL, HTML) rather
/// than a list of paths.
fn is_dump_head(head: &[u8]) -> bool {
    head.get(..2) == Some(&super::stream::GZ_MAGIC[..2]) || super::detect::classify(head, "").is_some()
}

/// File names that say "dump": such a file is read even when its first bytes say otherwise, so
/// that a damaged dump is reported, never ignored.
const DUMP_SUFFIXES: [&str; 8] = [
    ".warc",
    ".warc.gz",
    ".arc",
    ".arc.gz",
    ".jsonl",
    ".jsonl.gz",
    ".html",
    ".htm",
];

fn has_dump_name(p: &Path) -> bool {
    let n = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    DUMP_SUFFIXES.iter().any(|s| n.ends_with(s))
}

/// Whether a folder is a registry: named `registry` and holding a registry CSV.
fn is_registry_folder(p: &Path) -> bool {
    p.file_name().is_some_and(|n| n == "registry")
        && crate::model_files::REGISTRY_FILES.iter().any(|f| p.join(f).is_file())
}

/// The `/`-separated path of `p` below `base`.
fn rel_str(p: &Path, base: &Path) -> String {
    let r = p.strip_prefix(base).unwrap_or(p);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[derive(Default)]
struct Walker {
    files: Vec<(PathBuf, u64)>,
    seen_files: HashMap<(u64, u64), String>,
    seen_dirs: HashMap<(u64, u64), String>,
    /// The folders being walked, outermost first.
    ancestors: HashSet<(u64, u64)>,
    report: WalkReport,
    include: Globs,
    exclude: Globs,
    /// The input folder being walked (globs match paths relative to it).
    root: PathBuf,
    /// The `.baohoaignore` files in force: the folder holding each, and its globs.
    ignores: Vec<(PathBuf, Globs)>,
}

impl Walker {
    /// A path named on the command line or in a `-` list: always read when a file.
    fn visit_arg(&mut self, p: &Path) {
        self.root = p.to_owned();
        self.ignores.clear();
        self.visit(p);
    }

    /// Why a path found in a folder is not to be read, if it is not.
    fn left_out(&self, p: &Path, is_dir: bool) -> Option<String> {
        let rel = rel_str(p, &self.root);
        if let Some(g) = self.exclude.find(&rel, is_dir) {
            return Some(format!("excluded by --exclude {g}"));
        }
        for (dir, globs) in &self.ignores {
            if let Some(g) = globs.find(&rel_str(p, dir), is_dir) {
                return Some(format!("excluded by {g:?} in {}", dir.join(IGNORE_FILE).display()));
            }
        }
        if !is_dir && !self.include.is_empty() && self.include.find(&rel, false).is_none() {
            return Some("not matched by any --include".into());
        }
        None
    }

    fn ignore(&mut self, p: &Path, message: String) {
        self.report.ignored.push(WalkProblem {
            path: p.to_string_lossy().into_owned(),
            message,
        });
    }

    /// A path found while walking a folder: filtered, then visited.
    fn visit_child(&mut self, c: &Path) {
        let is_dir = c.is_dir();
        if let Some(why) = self.left_out(c, is_dir) {
            self.ignore(c, why);
            return;
        }
        if is_dir && is_registry_folder(c) {
            self.report.registries.push(c.to_string_lossy().into_owned());
            self.ignore(
                c,
                "a registry folder (press.csv, aggregate.csv, social.csv), not dumps".into(),
            );
            return;
        }
        if c.is_file()
            && !has_dump_name(c)
            && let super::detect::Sniffed::NotDump(head) = super::detect::sniff(c)
        {
            self.ignore(c, format!("not a dump: {head}"));
            return;
        }
        self.visit(c);
    }

    /// Reads a folder's `.baohoaignore` into force: Ok(whether there was one), or Err when it
    /// cannot be used (then the folder is not read: it would read what the file meant to leave out).
    fn enter_ignore_file(&mut self, dir: &Path) -> Result<bool, ()> {
        let f = dir.join(IGNORE_FILE);
        if !f.exists() {
            return Ok(false);
        }
        let text = match std::fs::read_to_string(&f) {
            Ok(t) => t,
            Err(e) => {
                self.report.unreadable.push(WalkProblem {
                    path: dir.to_string_lossy().into_owned(),
                    message: format!("cannot read {}: {e}; the folder was not read", f.display()),
                });
                return Err(());
            }
        };
        let globs: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        match Globs::new(&globs, &f.display().to_string()) {
            Ok(g) => {
                self.ignores.push((dir.to_owned(), g));
                Ok(true)
            }
            Err(e) => {
                self.report.unreadable.push(WalkProblem {
                    path: dir.to_string_lossy().into_owned(),
                    message: format!("{e}; fix it, the folder was not read"),
                });
                Err(())
            }
        }
    }

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
            let Ok(pushed) = self.enter_ignore_file(p) else {
                return;
            };
            self.ancestors.insert(id);
            for c in children {
                let hidden = c.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
                if !hidden {
                    self.visit_child(&c);
                }
            }
            self.ancestors.remove(&id);
            if pushed {
                self.ignores.pop();
            }
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
