//! `flagged.jsonl` and `flagged.csv`: one row per flagged site, ranked by score.
use serde::Serialize;

use crate::judge::decisions::DecisionKind;
use crate::judge::{Family, Lang, SiteClass, Verdict};

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
    /// One statement per fired criterion, with its figures (Vietnamese; `figures_en`: English).
    pub figures: Vec<String>,
    pub figures_en: Vec<String>,
    pub pages: u64,
    pub items: u64,
    pub negative_share: Option<f64>,
    pub negative_interval: Option<(f64, f64)>,
    pub evidence_urls: Vec<String>,
    /// The inspector's decision carried into this run (`scan --decisions`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<FlaggedDecision>,
}

/// A carried decision as `flagged.*` shows it. On a flagged site a dismissal is never in force
/// (one in force turns the flag off): it lapsed because a criterion fired that was quiet then.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlaggedDecision {
    pub decision: DecisionKind,
    pub in_force: bool,
    pub date: String,
    pub note: String,
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
        figures_en: v.fired().map(|f| f.statement_en.clone()).collect(),
        pages,
        items,
        negative_share: neg.map(|f| f.value),
        negative_interval: neg.and_then(|f| f.interval),
        evidence_urls: urls,
        decision: v.decision.as_ref().map(|d| FlaggedDecision {
            decision: d.decision,
            in_force: d.in_force,
            date: d.date.clone(),
            note: d.note.clone(),
        }),
    }
}

/// How numbers are written in `flagged.csv`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Decimal {
    /// `4.600`, fields separated by `,` (the default: what most tools read).
    #[default]
    Dot,
    /// `4,600`, fields separated by `;`: what a spreadsheet in a Vietnamese (or other
    /// comma-decimal) locale reads as a number and splits into columns when the file is opened.
    Comma,
}

/// How `flagged.csv` is written: the language of its header and figures, and its decimal mark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvFormat {
    pub lang: Lang,
    pub decimal: Decimal,
}

/// The header of `flagged.csv` in each language (the columns are the same).
const HEADER_EN: [&str; 17] = [
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
    "decision",
    "decision_in_force",
    "decision_date",
    "decision_note",
];
const HEADER_VI: [&str; 17] = [
    "hạng",
    "trang web",
    "loại trang",
    "điểm",
    "cờ",
    "tiêu chí",
    "số trang",
    "số bài",
    "tỷ lệ tiêu cực",
    "tỷ lệ tiêu cực thấp nhất (95%)",
    "tỷ lệ tiêu cực cao nhất (95%)",
    "số liệu",
    "URL bằng chứng",
    "quyết định",
    "quyết định còn hiệu lực",
    "ngày quyết định",
    "ghi chú của cán bộ",
];

/// `flagged.csv` with a Vietnamese header and dot decimals (see [`to_csv_with`]).
pub fn to_csv(rows: &[FlaggedRow]) -> anyhow::Result<Vec<u8>> {
    to_csv_with(rows, CsvFormat::default())
}

/// `flagged.csv`: UTF-8 with a byte-order mark (so spreadsheets read Vietnamese correctly),
/// every field quoted, lists joined with " | "; the header and figures in `fmt.lang`; with
/// [`Decimal::Comma`], `4,600` and `;` between fields. Codes (class, families, criteria) stay
/// English and stable, for filters and scripts.
pub fn to_csv_with(rows: &[FlaggedRow], fmt: CsvFormat) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
    let num = |x: f64| match fmt.decimal {
        Decimal::Dot => fmt3(x),
        Decimal::Comma => fmt3(x).replace('.', ","),
    };
    {
        let mut w = csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::Always)
            .delimiter(match fmt.decimal {
                Decimal::Dot => b',',
                Decimal::Comma => b';',
            })
            .from_writer(&mut out);
        w.write_record(match fmt.lang {
            Lang::Vi => HEADER_VI,
            Lang::En => HEADER_EN,
        })?;
        for r in rows {
            let (lo, hi) = r
                .negative_interval
                .map_or((String::new(), String::new()), |(l, h)| (num(l), num(h)));
            let figures = match fmt.lang {
                Lang::En if r.figures_en.len() == r.figures.len() => &r.figures_en,
                _ => &r.figures,
            };
            w.write_record([
                r.rank.to_string(),
                sanitize_cell(&r.site),
                sanitize_cell(r.class.as_str()),
                num(r.score),
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
                r.negative_share.map(num).unwrap_or_default(),
                lo,
                hi,
                figures.iter().map(|s| sanitize_cell(s)).collect::<Vec<_>>().join(" | "),
                r.evidence_urls
                    .iter()
                    .map(|s| sanitize_cell(s))
                    .collect::<Vec<_>>()
                    .join(" | "),
                r.decision
                    .as_ref()
                    .map(|d| d.decision.as_str().to_owned())
                    .unwrap_or_default(),
                r.decision
                    .as_ref()
                    .map(|d| {
                        match (d.in_force, fmt.lang) {
                            (true, Lang::Vi) => "có",
                            (false, Lang::Vi) => "không",
                            (true, Lang::En) => "yes",
                            (false, Lang::En) => "no",
                        }
                        .to_owned()
                    })
                    .unwrap_or_default(),
                r.decision.as_ref().map(|d| sanitize_cell(&d.date)).unwrap_or_default(),
                r.decision.as_ref().map(|d| sanitize_cell(&d.note)).unwrap_or_default(),
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
            figures_en: vec!["-1 of 2".into()],
            pages: 3,
            items: 2,
            negative_share: None,
            negative_interval: None,
            evidence_urls: vec!["http://a/\"b\"".into()],
            decision: None,
        };
        let bytes = to_csv(std::slice::from_ref(&row)).unwrap();
        assert!(bytes.starts_with("\u{feff}\"hạng\",\"trang web\"".as_bytes()));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[1], "báo-x.vn");
        assert_eq!(&rec[11], "'=HYPERLINK(\"x\")");
        assert_eq!(&rec[12], "http://a/\"b\"");
        assert_eq!(&rec[3], "1.500");
        let en = to_csv_with(
            std::slice::from_ref(&row),
            CsvFormat {
                lang: Lang::En,
                decimal: Decimal::Dot,
            },
        )
        .unwrap();
        assert!(en.starts_with(b"\xEF\xBB\xBF\"rank\",\"site\""));
        let text = String::from_utf8(en[3..].to_vec()).unwrap();
        let rec = csv::Reader::from_reader(text.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(&rec[11], "'-1 of 2");
        let comma = to_csv_with(
            &[row],
            CsvFormat {
                lang: Lang::Vi,
                decimal: Decimal::Comma,
            },
        )
        .unwrap();
        let text = String::from_utf8(comma[3..].to_vec()).unwrap();
        let rec = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap();
        assert_eq!((&rec[3], &rec[0]), ("1,500", "1"), "{text}");
    }
}
