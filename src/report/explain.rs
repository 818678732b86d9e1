//! `baohoa explain`: the evidence trail of one site, as text an inspector reads.
use std::fmt::Write as _;
use std::io::BufRead;
use std::path::Path;

use anyhow::{Context, bail};
use serde::Deserialize;

use crate::judge::Verdict;
use crate::site::SiteAggregate;

/// A `sites.jsonl` row read back.
#[derive(Debug, Deserialize)]
pub struct SiteRowOwned {
    pub schema: u32,
    #[serde(flatten)]
    pub verdict: Verdict,
    pub counts: SiteAggregate,
}

/// Finds `domain` in `OUT/sites.jsonl` and explains its verdict.
pub fn explain_from(out: &Path, domain: &str) -> anyhow::Result<String> {
    super::generation::settle(out)?;
    let path = out.join("sites.jsonl");
    let f = std::fs::File::open(&path).with_context(|| {
        format!(
            "cannot open {}; run `baohoa scan -o {}` first or pass --from",
            path.display(),
            out.display()
        )
    })?;
    let want = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    let want = crate::site::site_key(&format!("http://{want}/"));
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if !line.contains(&want) {
            continue;
        }
        let row: SiteRowOwned = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a sites.jsonl row of this version", path.display(), i + 1))?;
        if row.verdict.site == want {
            return Ok(explain(&row.verdict, &row.counts));
        }
    }
    bail!(
        "{want} is not in {}; check the domain (registrable domain, e.g. example.com.vn)",
        path.display()
    )
}

/// Renders a verdict as text.
pub fn explain(v: &Verdict, c: &SiteAggregate) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", v.site);
    let _ = writeln!(s, "  class: {}", v.class.as_str());
    let _ = writeln!(s, "  pages read: {}, article items: {}", c.pages, c.items());
    let fams: Vec<&str> = v.families.iter().map(|f| f.as_str()).collect();
    let _ = writeln!(
        s,
        "  verdict: {} (score {:.2}{})",
        if v.flagged { "FLAGGED" } else { "not flagged" },
        v.score,
        if fams.is_empty() {
            String::new()
        } else {
            format!("; families: {}", fams.join(", "))
        }
    );
    let fired: Vec<_> = v.fired().collect();
    if fired.is_empty() {
        let _ = writeln!(s, "\nNo criterion fired.");
    } else {
        let _ = writeln!(s, "\nCriteria that fired:");
    }
    for f in &fired {
        let _ = writeln!(
            s,
            "\n  [{}] {} (weight {:.2}; {})",
            f.criterion, f.statement, f.weight, f.group
        );
        let _ = writeln!(s, "    basis: {}", f.basis);
        for e in &f.evidence {
            let _ = writeln!(s, "    - {}  \"{}\"", e.url, e.text);
        }
        let _ = writeln!(s, "    would clear: {}", f.clears);
    }
    let quiet: Vec<_> = v.findings.iter().filter(|f| !f.fired).collect();
    if !quiet.is_empty() {
        let _ = writeln!(s, "\nMeasured, not fired:");
        for f in quiet {
            let _ = writeln!(s, "  [{}] {}", f.criterion, f.statement);
        }
    }
    s
}
