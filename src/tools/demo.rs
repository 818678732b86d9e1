//! Builds the demo corpus WARC (`corpora/demo/demo.warc.gz`) from `pages.tsv` and hand-written pages.
use std::path::Path;

use anyhow::{Context, bail};

use crate::ingest::warc_write::{Response, WarcWriter};

/// One row of `pages.tsv`: a captured URL and the file holding its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRow {
    pub url: String,
    /// Capture time, RFC 3339 UTC (`2026-11-19T07:45:00Z`).
    pub date: String,
    pub status: u16,
    /// Full Content-Type header value, e.g. `text/html; charset=utf-8`.
    pub content_type: String,
    /// Path of the body relative to `pages/`.
    pub file: String,
}

/// The columns `pages.tsv` must start with.
pub const PAGES_HEADER: &str = "url\tdate\tstatus\tcontent_type\tfile";

/// Reads `pages.tsv` (tab-separated, header line first, `#` lines and blank lines ignored).
pub fn read_pages_tsv(path: &Path) -> anyhow::Result<Vec<PageRow>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {}; run from the crate root", path.display()))?;
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h.trim_end() == PAGES_HEADER => {}
        _ => bail!(
            "{}: the first line must be the header `{}`",
            path.display(),
            PAGES_HEADER.replace('\t', "<TAB>")
        ),
    }
    let mut rows = Vec::new();
    for (i, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [url, date, status, content_type, file] = cols.as_slice() else {
            bail!(
                "{}:{}: expected 5 tab-separated columns ({}), found {}",
                path.display(),
                i + 1,
                PAGES_HEADER.replace('\t', ", "),
                cols.len()
            );
        };
        let status: u16 = status
            .parse()
            .with_context(|| format!("{}:{}: status `{status}` is not a number", path.display(), i + 1))?;
        if http_date(date).is_none() {
            bail!(
                "{}:{}: date `{date}` is not RFC 3339 UTC like 2026-11-19T07:45:00Z",
                path.display(),
                i + 1
            );
        }
        rows.push(PageRow {
            url: (*url).to_owned(),
            date: (*date).to_owned(),
            status,
            content_type: (*content_type).to_owned(),
            file: (*file).to_owned(),
        });
    }
    Ok(rows)
}

/// Builds the demo WARC (gzip per record) from `dir/pages.tsv` and `dir/pages/`.
/// Deterministic: every date comes from `pages.tsv`, record ids are counters, gzip headers carry no time.
pub fn build_demo(dir: &Path) -> anyhow::Result<Vec<u8>> {
    let rows = read_pages_tsv(&dir.join("pages.tsv"))?;
    let Some(first_date) = rows.iter().map(|r| r.date.as_str()).min() else {
        bail!("{}: pages.tsv lists no pages", dir.display());
    };
    let mut w = WarcWriter::new(Vec::new(), true);
    let info = "software: baohoa build_demo\r\n\
                format: WARC File Format 1.1\r\n\
                description: baohoa demo corpus: hand-written pages of 8 fictional Vietnamese sites, see labels.csv\r\n\
                isPartOf: baohoa-demo\r\n";
    w.warcinfo(first_date, info)?;
    for row in &rows {
        let path = dir.join("pages").join(&row.file);
        let body = std::fs::read(&path)
            .with_context(|| format!("cannot read {} (listed in pages.tsv for {})", path.display(), row.url))?;
        let date = http_date(&row.date).with_context(|| format!("bad date `{}` for {}", row.date, row.url))?;
        let headers = [
            ("Date", date.as_str()),
            ("Server", server_for(&row.url)),
            ("Content-Type", row.content_type.as_str()),
            ("Connection", "close"),
        ];
        w.response(&Response {
            url: &row.url,
            date: &row.date,
            status: row.status,
            headers: &headers,
            body: &body,
        })
        .with_context(|| format!("cannot write the WARC record of {}", row.url))?;
    }
    Ok(w.into_inner())
}

/// A plausible, stable `Server` header for a URL (chosen from its host, never from the clock).
fn server_for(url: &str) -> &'static str {
    const SERVERS: [&str; 5] = [
        "nginx",
        "Apache/2.4.41 (Ubuntu)",
        "cloudflare",
        "openresty",
        "Microsoft-IIS/8.5",
    ];
    let host = url.split('/').nth(2).unwrap_or(url);
    let sum: usize = host.bytes().map(usize::from).sum();
    SERVERS.get(sum % SERVERS.len()).copied().unwrap_or("nginx")
}

/// `2026-11-19T07:45:00Z` → `Thu, 19 Nov 2026 07:45:00 GMT` (IMF-fixdate); `None` if not that shape.
pub fn http_date(rfc3339: &str) -> Option<String> {
    let b = rfc3339.as_bytes();
    if b.len() != 20 || b.get(19) != Some(&b'Z') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> { rfc3339.get(r)?.parse().ok() };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let seps = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if seps.iter().any(|&(i, c)| b.get(i) != Some(&c))
        || !(1..=12).contains(&mo)
        || !(1..=31).contains(&d)
        || h > 23
        || mi > 59
        || s > 60
    {
        return None;
    }
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let wd = DAYS.get(crate::civil::days_from_civil(y, mo, d).rem_euclid(7) as usize)?;
    let mon = MONTHS.get((mo - 1) as usize)?;
    Some(format!("{wd}, {d:02} {mon} {y:04} {h:02}:{mi:02}:{s:02} GMT"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_date_formats_weekday_and_month() {
        assert_eq!(
            http_date("2026-11-19T07:45:00Z").as_deref(),
            Some("Thu, 19 Nov 2026 07:45:00 GMT")
        );
        assert_eq!(
            http_date("1970-01-01T00:00:00Z").as_deref(),
            Some("Thu, 01 Jan 1970 00:00:00 GMT")
        );
        assert_eq!(
            http_date("2024-02-29T23:59:59Z").as_deref(),
            Some("Thu, 29 Feb 2024 23:59:59 GMT")
        );
        assert_eq!(http_date("2026-11-19 07:45:00"), None);
        assert_eq!(http_date("2026-13-19T07:45:00Z"), None);
    }
}
