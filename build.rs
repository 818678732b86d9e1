//! Embeds every file under `models/` into the binary as defaults; sets `cfg(baohoa_realdata)` when
//! `BAOHOA_REALDATA` is set, so the real-data tests run then and are reported as ignored otherwise;
//! sets `BAOHOA_COMMIT` (for `--version`) from the environment, else from git, else "unknown".
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The commit being built: `BAOHOA_COMMIT` when set (a packager without git), else `git rev-parse
/// HEAD` (uncommitted changes are not marked), else "unknown". Re-runs when HEAD moves.
fn commit(root: &Path) -> String {
    println!("cargo:rerun-if-env-changed=BAOHOA_COMMIT");
    if let Some(c) = std::env::var_os("BAOHOA_COMMIT").filter(|v| !v.is_empty()) {
        return c.to_string_lossy().into_owned();
    }
    let git = |args: &[&str]| -> Option<String> {
        let o = std::process::Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()?;
        o.status
            .success()
            .then(|| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let Some(head) = git(&["rev-parse", "--short=12", "HEAD"]) else {
        return "unknown".into();
    };
    if let Some(dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        let dir = PathBuf::from(dir);
        println!("cargo:rerun-if-changed={}", dir.join("HEAD").display());
        println!("cargo:rerun-if-changed={}", dir.join("logs/HEAD").display());
    }
    head
}

fn main() {
    println!("cargo:rustc-check-cfg=cfg(baohoa_realdata)");
    println!("cargo:rerun-if-env-changed=BAOHOA_REALDATA");
    if std::env::var_os("BAOHOA_REALDATA").is_some_and(|v| !v.is_empty()) {
        println!("cargo:rustc-cfg=baohoa_realdata");
    }
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rustc-env=BAOHOA_COMMIT={}", commit(&root));
    let models = root.join("models");
    println!("cargo:rerun-if-changed=models");
    let mut files = Vec::new();
    walk(&models, &mut files);
    let mut src = String::from(
        "/// Every file under `models/`, by path relative to it (`/`-separated).\npub static EMBEDDED_MODELS: &[(&str, &[u8])] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&models)
            .expect("walked under models")
            .to_string_lossy()
            .replace('\\', "/");
        let _ = writeln!(src, "    ({rel:?}, include_bytes!({:?})),", f.display().to_string());
    }
    src.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_models.rs");
    std::fs::write(out, src).expect("write embedded_models.rs");
}
