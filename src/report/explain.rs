//! `baohoa explain`: the evidence trail of one site, as text an inspector reads.
use std::fmt::Write as _;
use std::io::BufRead;
use std::path::Path;

use anyhow::{Context, bail};
use serde::Deserialize;

use crate::judge::{Lang, Messages, Verdict};
use crate::site::SiteAggregate;

/// A `sites.jsonl` row read back.
#[derive(Debug, Deserialize)]
pub struct SiteRowOwned {
    pub schema: u32,
    #[serde(flatten)]
    pub verdict: Verdict,
    pub counts: SiteAggregate,
}

/// How `explain` prints: text in a language, or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text(Lang),
    /// The site's `sites.jsonl` row with the class in words and the run time in Vietnam's time.
    Json,
}

/// Finds `domain` in `OUT/sites.jsonl` and explains its verdict.
pub fn explain_from(out: &Path, domain: &str, format: Format) -> anyhow::Result<String> {
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
    let run_at = run_started_at(out);
    let msg = Messages::embedded()?;
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if !line.contains(&want) {
            continue;
        }
        let row: SiteRowOwned = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a sites.jsonl row of this version", path.display(), i + 1))?;
        if row.verdict.site != want {
            continue;
        }
        return Ok(match format {
            Format::Text(lang) => explain_in(&row.verdict, &row.counts, lang, &msg, run_at.as_deref()),
            Format::Json => {
                let mut v: serde_json::Value =
                    serde_json::from_str(&line).with_context(|| format!("{}:{}: not JSON", path.display(), i + 1))?;
                if let Some(o) = v.as_object_mut() {
                    o.insert("class_name".into(), msg.class(row.verdict.class, Lang::Vi).into());
                    o.insert("class_name_en".into(), msg.class(row.verdict.class, Lang::En).into());
                    o.insert(
                        "run_started_at".into(),
                        run_at.as_deref().map(crate::civil::vietnam_text).into(),
                    );
                }
                format!("{v}\n")
            }
        });
    }
    bail!(
        "{want} is not in {}; check the domain (registrable domain, e.g. example.com.vn)",
        path.display()
    )
}

/// `started_at` of `OUT/run.json`, when it can be read.
fn run_started_at(out: &Path) -> Option<String> {
    let text = std::fs::read_to_string(out.join("run.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("started_at")?.as_str().map(str::to_owned)
}

/// The labels of the text, per language.
struct Labels {
    class: &'static str,
    run: &'static str,
    pages: &'static str,
    items: &'static str,
    verdict: &'static str,
    flagged: &'static str,
    not_flagged: &'static str,
    score: &'static str,
    families: &'static str,
    none_fired: &'static str,
    fired: &'static str,
    weight: &'static str,
    basis: &'static str,
    clears: &'static str,
    quiet: &'static str,
    decision: &'static str,
}

fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Vi => Labels {
            class: "loại trang",
            run: "lần chạy",
            pages: "số trang đã đọc",
            items: "số bài",
            verdict: "kết luận",
            flagged: "BỊ GẮN CỜ",
            not_flagged: "không bị gắn cờ",
            score: "điểm",
            families: "cờ",
            none_fired: "Không tiêu chí nào kích hoạt.",
            fired: "Các tiêu chí đã kích hoạt:",
            weight: "trọng số",
            basis: "căn cứ",
            clears: "cách khắc phục",
            quiet: "Đã đo, không kích hoạt:",
            decision: "quyết định",
        },
        Lang::En => Labels {
            class: "class",
            run: "run",
            pages: "pages read",
            items: "article items",
            verdict: "verdict",
            flagged: "FLAGGED",
            not_flagged: "not flagged",
            score: "score",
            families: "families",
            none_fired: "No criterion fired.",
            fired: "Criteria that fired:",
            weight: "weight",
            basis: "basis",
            clears: "would clear",
            quiet: "Measured, not fired:",
            decision: "decision",
        },
    }
}

/// Renders a verdict as English text (see [`explain_in`]).
pub fn explain(v: &Verdict, c: &SiteAggregate) -> String {
    match Messages::embedded() {
        Ok(m) => explain_in(v, c, Lang::En, &m, None),
        Err(e) => format!("{}: cannot load the messages: {e:#}\n", v.site),
    }
}

/// Renders a verdict as text in `lang`: class and criteria in words, statements, basis, evidence
/// and what would clear each fired criterion; dates in Vietnam's time.
pub fn explain_in(v: &Verdict, c: &SiteAggregate, lang: Lang, msg: &Messages, run_at: Option<&str>) -> String {
    let l = labels(lang);
    let pick = |vi: &str, en: &str| -> String {
        if lang == Lang::En && !en.is_empty() {
            en.to_owned()
        } else {
            vi.to_owned()
        }
    };
    let name = |f: &crate::judge::Finding| {
        let n = pick(&f.name, &f.name_en);
        if n.is_empty() {
            f.criterion.clone()
        } else {
            format!("{n} — {}", f.criterion)
        }
    };
    let mut s = String::new();
    let _ = writeln!(s, "{}", v.site);
    let _ = writeln!(s, "  {}: {} ({})", l.class, msg.class(v.class, lang), v.class.as_str());
    if let Some(t) = run_at {
        let _ = writeln!(s, "  {}: {}", l.run, crate::civil::vietnam_text(t));
    }
    let _ = writeln!(s, "  {}: {}, {}: {}", l.pages, c.pages, l.items, c.items());
    let fams: Vec<String> = v.families.iter().map(|f| msg.family(*f, lang)).collect();
    let _ = writeln!(
        s,
        "  {}: {} ({} {:.2}{})",
        l.verdict,
        if v.flagged { l.flagged } else { l.not_flagged },
        l.score,
        v.score,
        if fams.is_empty() {
            String::new()
        } else {
            format!("; {}: {}", l.families, fams.join(", "))
        }
    );
    if let Some(d) = &v.decision {
        let _ = writeln!(
            s,
            "  {}: {} ({}){}",
            l.decision,
            d.decision.as_str(),
            crate::civil::vietnam_text(&d.date),
            if d.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", d.note)
            }
        );
    }
    let fired: Vec<_> = v.fired().collect();
    let _ = writeln!(s, "\n{}", if fired.is_empty() { l.none_fired } else { l.fired });
    for f in &fired {
        let _ = writeln!(
            s,
            "\n  [{}] {} ({} {:.2}; {})",
            name(f),
            pick(&f.statement, &f.statement_en),
            l.weight,
            f.weight,
            f.group
        );
        let _ = writeln!(s, "    {}: {}", l.basis, pick(&f.basis, &f.basis_en));
        for e in &f.evidence {
            let _ = writeln!(s, "    - {}  \"{}\"", e.url, e.text);
        }
        let _ = writeln!(s, "    {}: {}", l.clears, pick(&f.clears, &f.clears_en));
    }
    let quiet: Vec<_> = v.findings.iter().filter(|f| !f.fired).collect();
    if !quiet.is_empty() {
        let _ = writeln!(s, "\n{}", l.quiet);
        for f in quiet {
            let _ = writeln!(s, "  [{}] {}", name(f), pick(&f.statement, &f.statement_en));
        }
    }
    s
}
