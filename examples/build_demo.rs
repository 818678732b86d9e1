//! Rebuilds `corpora/demo/demo.warc.gz` from `corpora/demo/pages.tsv` and `corpora/demo/pages/`.
use std::path::Path;

use anyhow::Context;

fn main() -> anyhow::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/demo");
    let bytes = baohoa::tools::demo::build_demo(&dir)?;
    let out = dir.join("demo.warc.gz");
    let tmp = dir.join("demo.warc.gz.tmp");
    std::fs::write(&tmp, &bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &out).with_context(|| format!("cannot rename {} to {}", tmp.display(), out.display()))?;
    println!("wrote {} ({} bytes)", out.display(), bytes.len());
    Ok(())
}
