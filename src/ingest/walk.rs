//! Expands command-line inputs into the files to read: files as given, directories walked, `-`.
use std::path::{Path, PathBuf};

use super::Input;

/// Expands command-line inputs: files as given, directories walked recursively (sorted),
/// `-` reads a list of paths from stdin. Unreadable directories are returned as errors.
pub fn expand_inputs(args: &[PathBuf], stdin: &mut dyn std::io::BufRead) -> (Vec<Input>, Vec<String>) {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    for a in args {
        if a.as_os_str() == "-" {
            let mut line = String::new();
            while stdin.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                let t = line.trim();
                if !t.is_empty() {
                    walk_input(Path::new(t), &mut out, &mut errs);
                }
                line.clear();
            }
        } else {
            walk_input(a, &mut out, &mut errs);
        }
    }
    (out, errs)
}

fn walk_input(p: &Path, out: &mut Vec<Input>, errs: &mut Vec<String>) {
    if p.is_dir() {
        match std::fs::read_dir(p) {
            Ok(rd) => {
                let mut v: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
                v.sort();
                for c in v {
                    let hidden = c.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
                    if !hidden {
                        walk_input(&c, out, errs);
                    }
                }
            }
            Err(e) => errs.push(format!("cannot read directory {}: {e}", p.display())),
        }
    } else {
        out.push(Input::Path(p.to_owned()));
    }
}
