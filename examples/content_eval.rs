//! Main-text evaluator: token precision/recall/F1 on the article-extraction benchmark (Zyte) and
//! the with/without snippet checks of the trafilatura evaluation pages, dev and held-out apart.
//!
//! `BAOHOA_REALDATA=/work/shared/realdata cargo run --release --example content_eval [-- OPTIONS]`
//!
//! - `--split dev|held-out` only that split (tune with `--split dev`; default: both, reported apart)
//! - `--json FILE` per-page results and the figures per split, as JSON (read by
//!   `scripts/trafilatura_compare.py`)
//! - `--dump FILE` the extracted main text of every page, as JSON
//! - `VERBOSE=1` one line per page (F1, missing and leaked snippets)
//!
//! The split rule (SHA-256 of the page id) and the tokenisation are in `tests/content_support`
//! and are the same as in `scripts/trafilatura_compare.py`, so the figures are comparable.
#[path = "../tests/content_support/mod.rs"]
mod content_support;

use content_support::{Split, evaluate};

fn arg(name: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != name).nth(1)
}

fn main() -> anyhow::Result<()> {
    let Some(root) = content_support::realdata() else {
        return Ok(());
    };
    let split = match arg("--split").as_deref() {
        None => None,
        Some("dev") => Some(Split::Dev),
        Some("held-out") => Some(Split::HeldOut),
        Some(s) => anyhow::bail!("--split {s:?}: expected dev or held-out"),
    };
    let ev = evaluate(&root, split)?;
    if std::env::var_os("VERBOSE").is_some() {
        for z in &ev.zyte {
            println!(
                "zyte {:<9} {:.12}\tP={:.3}\tR={:.3}\tF1={:.3}",
                z.split.name(),
                z.id,
                z.precision,
                z.recall,
                z.f1
            );
        }
        for s in &ev.snippets {
            println!(
                "te   {:<9} {}\twith {}/{}\twithout {}/{}\tmissing {:?}\tleaked {:?}",
                s.split.name(),
                s.file,
                s.with_n - s.missing.len(),
                s.with_n,
                s.without_n - s.leaked.len(),
                s.without_n,
                s.missing,
                s.leaked
            );
        }
    }
    let splits: Vec<Option<Split>> = match split {
        Some(s) => vec![Some(s)],
        None => vec![Some(Split::Dev), Some(Split::HeldOut), None],
    };
    let mut figs = serde_json::Map::new();
    for s in &splits {
        let f = ev.figures(*s);
        let name = s.map_or("all", Split::name);
        println!("{name:<9} {}", f.line());
        figs.insert(
            name.to_owned(),
            serde_json::json!({
                "zyte_pages": f.zyte_pages, "precision": f.precision, "recall": f.recall, "mean_f1": f.mean_f1,
                "te_pages": f.te_pages, "with_ok": f.with_ok, "with_n": f.with_n,
                "without_ok": f.without_ok, "without_n": f.without_n,
            }),
        );
    }
    println!(
        "{:.1} ms per MB of HTML (decode + parse + page features, this build, this machine's load)",
        ev.nanos as f64 / 1e6 / (ev.bytes as f64 / 1e6).max(1e-9)
    );
    if let Some(out) = arg("--json") {
        let zyte: Vec<_> = ev
            .zyte
            .iter()
            .map(|z| serde_json::json!({"id": z.id, "split": z.split.name(), "precision": z.precision, "recall": z.recall, "f1": z.f1}))
            .collect();
        let te: Vec<_> = ev
            .snippets
            .iter()
            .map(|s| serde_json::json!({"file": s.file, "split": s.split.name(), "with_n": s.with_n, "without_n": s.without_n, "missing": s.missing, "leaked": s.leaked}))
            .collect();
        let j = serde_json::json!({"figures": figs, "zyte": zyte, "trafilatura_eval": te});
        std::fs::write(&out, serde_json::to_string_pretty(&j)?).map_err(|e| anyhow::anyhow!("writing {out}: {e}"))?;
    }
    if let Some(out) = arg("--dump") {
        let mut m = serde_json::Map::new();
        for z in &ev.zyte {
            m.insert(z.id.clone(), serde_json::Value::String(z.text.clone()));
        }
        for s in &ev.snippets {
            m.insert(format!("te:{}", s.file), serde_json::Value::String(s.text.clone()));
        }
        std::fs::write(&out, serde_json::to_string(&m)?).map_err(|e| anyhow::anyhow!("writing {out}: {e}"))?;
    }
    Ok(())
}
