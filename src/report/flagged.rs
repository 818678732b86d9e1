//! `flagged.jsonl` and `flagged.csv`: one row per flagged site, ranked by score.
use serde::Serialize;

use crate::judge::{Family, SiteClass, Verdict};

/// Evidence URLs listed per flagged site.
pub const TOP_URLS: usize = 5;

/// One flagged site, as written to `flagged.jsonl` (and, flattened, `flagged.csv`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlaggedRow {
    pub schema: u32,
    pub rank: usize,
    pub site: String,
    pub class: SiteClass,
    pub score: f64,
    pub families: Vec<Family>,
    /// Codes of the criteria that fired.
    pub criteria: Vec<String>,
    /// One statement per fired criterion, with its figures.
    pub figures: Vec<String>,
    pub pages: u64,
    pub items: u64,
    pub negative_share: Option<f64>,
    pub negative_interval: Option<(f64, f64)>,
    pub evidence_urls: Vec<String>,
}

/// Orders verdicts for inspectors: flagged first, by score (high first), then site name.
pub fn rank(verdicts: &mut [&Verdict]) {
    verdicts.sort_by(|a, b| {
        b.flagged
            .cmp(&a.flagged)
            .then(b.score.total_cmp(&a.score))
            .then(b.families.len().cmp(&a.families.len()))
            .then(a.site.cmp(&b.site))
    });
}

/// Builds the rows of flagged sites, ranked.
pub fn rows(verdicts: &[&Verdict], pages: impl Fn(&str) -> (u64, u64)) -> Vec<FlaggedRow> {
    let mut rows: Vec<FlaggedRow> = verdicts
        .iter()
        .filter(|v| v.flagged)
        .map(|v| {
            let (p, i) = pages(&v.site);
            row(v, p, i)
        })
        .collect();
    rank_rows(&mut rows);
    rows
}

/// Ranks flagged rows as [`rank`] orders their verdicts and numbers them from 1.
pub fn rank_rows(rows: &mut [FlaggedRow]) {
    rows.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.families.len().cmp(&a.families.len()))
            .then(a.site.cmp(&b.site))
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i + 1;
    }
}

/// The row of one flagged site (rank 0 until [`rank_rows`]); `pages`/`items` from its aggregate.
pub fn row(v: &Verdict, pages: u64, items: u64) -> FlaggedRow {
    let neg = v
        .findings
        .iter()
        .find(|f| f.criterion == "tone.negative_ratio" && f.items > 0);
    let mut urls: Vec<String> = Vec::new();
    for f in v.fired() {
        for e in &f.evidence {
            if urls.len() < TOP_URLS && !e.url.is_empty() && !urls.contains(&e.url) {
                urls.push(e.url.clone());
            }
        }
    }
    FlaggedRow {
        schema: super::SCHEMA,
        rank: 0,
        site: v.site.clone(),
        class: v.class,
        score: v.score,
        families: v.families.clone(),
        criteria: v.fired().map(|f| f.criterion.clone()).collect(),
        figures: v.fired().map(|f| f.statement.clone()).collect(),
        pages,
        items,
        negative_share: neg.map(|f| f.value),
        negative_interval: neg.and_then(|f| f.interval),
        evidence_urls: urls,
    }
}

/// `flagged.csv`: UTF-8 with a byte-order mark (so spreadsheets read Vietnamese correctly),
/// comma-separated, every field quoted, lists joined with " | ".
pub fn to_csv(rows: &[FlaggedRow]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
    {
        let mut w = csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::Always)
            .from_writer(&mut out);
        w.write_record([
            "rank",
            "site",
            "class",
            "score",
            "families",
            "criteria",
            "pages",
            "items",
            "negative_share",
            "negative_ci_low",
            "negative_ci_high",
            "figures",
            "evidence_urls",
        ])?;
        for r in rows {
            let (lo, hi) = r
                .negative_interval
                .map_or((String::new(), String::new()), |(l, h)| (fmt3(l), fmt3(h)));
            w.write_record([
                r.rank.to_string(),
                sanitize_cell(&r.site),
                sanitize_cell(r.class.as_str()),
                fmt3(r.score),
                r.families
                    .iter()
                    .map(|f| sanitize_cell(f.as_str()))
                    .collect::<Vec<_>>()
                    .join(" | "),
                r.criteria
                    .iter()
                    .map(|s| sanitize_cell(s))
                    .collect::<Vec<_>>()
                    .join(" | "),
                r.pages.to_string(),
                r.items.to_string(),
                r.negative_share.map(fmt3).unwrap_or_default(),
                lo,
                hi,
                r.figures
                    .iter()
                    .map(|s| sanitize_cell(s))
                    .collect::<Vec<_>>()
                    .join(" | "),
                r.evidence_urls
                    .iter()
                    .map(|s| sanitize_cell(s))
                    .collect::<Vec<_>>()
                    .join(" | "),
            ])?;
        }
        w.flush()?;
    }
    Ok(out)
}

fn fmt3(x: f64) -> String {
    format!("{x:.3}")
}

/// Neutralises spreadsheet formula injection (a cell or list item starting with = + - @, a tab
/// or a carriage return gets a leading `'`). Applied to every text cell; the numeric cells are
/// written by baohoa itself.
pub fn sanitize_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_bom_quotes_and_defuses_formulas() {
        let row = FlaggedRow {
            schema: 1,
            rank: 1,
            site: "báo-x.vn".into(),
            class: SiteClass::UnlicensedNewsLike,
            score: 1.5,
            families: vec![Family::BaoHoa],
            criteria: vec!["identity.newsroom".into()],
            figures: vec!["=HYPERLINK(\"x\")".into()],
            pages: 3,
            items: 2,
            negative_share: None,
            negative_interval: None,
            evidence_urls: vec!["http://a/\"b\"".into()],
        };
        let bytes = to_csv(&[row]).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF\"rank\""));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[1], "báo-x.vn");
        assert_eq!(&rec[11], "'=HYPERLINK(\"x\")");
        assert_eq!(&rec[12], "http://a/\"b\"");
    }
}
