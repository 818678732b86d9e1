//! Streaming output: WARC.gz files of bounded size (gzip per record), rotated as they fill.
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use flate2::Compression;
use flate2::write::GzEncoder;

use super::plan::SitePlan;
use super::time::{http_date, rfc3339};
use crate::ingest::warc_write::{Response, WarcWriter};

/// One HTTP response to archive.
pub struct Page {
    pub url: String,
    pub time: i64,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    pub html: bool,
}

fn server(p: &SitePlan) -> &'static str {
    [
        "nginx",
        "cloudflare",
        "Apache/2.4.57 (Ubuntu)",
        "LiteSpeed",
        "openresty",
    ][(p.seed % 5) as usize]
}

impl Page {
    /// An HTML page in the site's charset, gzip content-encoded when the site serves it so.
    pub fn html(p: &SitePlan, url: &str, time: i64, html: &str) -> Page {
        let (mut body, ctype) = super::charset::encode(html, p.charset);
        let mut headers = vec![
            ("Date", http_date(time)),
            ("Server", server(p).to_owned()),
            ("Content-Type", ctype.to_owned()),
            ("Cache-Control", "public, max-age=60".to_owned()),
            ("Vary", "Accept-Encoding".to_owned()),
        ];
        if p.skin == 2 {
            headers.push(("X-Powered-By", "PHP/5.6.40".to_owned()));
        }
        if p.gzip {
            let mut gz = GzEncoder::new(Vec::new(), Compression::new(5));
            if gz.write_all(&body).is_ok()
                && let Ok(b) = gz.finish()
            {
                body = b;
                headers.push(("Content-Encoding", "gzip".to_owned()));
            }
        }
        Page {
            url: url.to_owned(),
            time,
            headers,
            body,
            html: true,
        }
    }

    /// A plain-text response (robots.txt).
    pub fn text(p: &SitePlan, url: &str, time: i64, body: Vec<u8>) -> Page {
        Page {
            url: url.to_owned(),
            time,
            headers: vec![
                ("Date", http_date(time)),
                ("Server", server(p).to_owned()),
                ("Content-Type", "text/plain; charset=utf-8".to_owned()),
            ],
            body,
            html: false,
        }
    }
}

/// WARC.gz files `synth-00000.warc.gz`, … each at most `max` bytes.
pub struct RotatingWarc {
    dir: PathBuf,
    max: u64,
    seed: u64,
    cur: Option<WarcWriter<BufWriter<File>>>,
    files: Vec<PathBuf>,
    done_bytes: u64,
    html_bytes: u64,
    records: u64,
    html_pages: u64,
}

impl RotatingWarc {
    pub fn new(dir: &Path, max: u64, seed: u64) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}; check permissions", dir.display()))?;
        // Files of an earlier, larger run would be mistaken for part of this corpus.
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with("synth-") && name.ends_with(".warc.gz") {
                    std::fs::remove_file(e.path())
                        .with_context(|| format!("cannot remove old {}", e.path().display()))?;
                }
            }
        }
        Ok(RotatingWarc {
            dir: dir.to_owned(),
            max,
            seed,
            cur: None,
            files: Vec::new(),
            done_bytes: 0,
            html_bytes: 0,
            records: 0,
            html_pages: 0,
        })
    }

    /// Bytes written so far, over all files.
    pub fn total_bytes(&self) -> u64 {
        self.done_bytes + self.cur.as_ref().map_or(0, |w| w.offset)
    }

    fn rotate(&mut self) -> anyhow::Result<()> {
        self.close()?;
        let path = self.dir.join(format!("synth-{:05}.warc.gz", self.files.len()));
        let f = File::create(&path)
            .with_context(|| format!("cannot create {}; check free space and permissions", path.display()))?;
        let mut w = WarcWriter::new(BufWriter::with_capacity(1 << 20, f), true);
        let info = format!(
            "software: baohoa/{} synth\r\nformat: WARC File Format 1.1\r\nseed: {}\r\nisPartOf: baohoa-synthetic\r\n",
            env!("CARGO_PKG_VERSION"),
            self.seed
        );
        w.warcinfo(&rfc3339(super::time::CRAWL_START), &info)?;
        self.files.push(path);
        self.cur = Some(w);
        Ok(())
    }

    fn close(&mut self) -> anyhow::Result<()> {
        if let Some(w) = self.cur.take() {
            self.done_bytes += w.offset;
            let mut b = w.into_inner();
            b.flush().context("cannot flush a WARC file; check free space")?;
        }
        Ok(())
    }

    /// Archives one response, opening a new file when this one would pass the bound.
    pub fn write(&mut self, page: &Page) -> anyhow::Result<()> {
        let raw = page.body.len() as u64 + 2048;
        let full = self.cur.as_ref().is_none_or(|w| w.offset + raw > self.max);
        if full {
            self.rotate()?;
        }
        let headers: Vec<(&str, &str)> = page.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let date = rfc3339(page.time);
        let Some(w) = self.cur.as_mut() else {
            anyhow::bail!("no open WARC file");
        };
        w.response(&Response {
            url: &page.url,
            date: &date,
            status: 200,
            headers: &headers,
            body: &page.body,
        })
        .context("cannot write a WARC record; check free space")?;
        self.records += 1;
        if page.html {
            self.html_pages += 1;
            self.html_bytes += page.body.len() as u64;
        }
        Ok(())
    }

    /// Closes the last file: (files, WARC bytes, HTML body bytes, records, HTML pages).
    pub fn finish(mut self) -> anyhow::Result<(Vec<PathBuf>, u64, u64, u64, u64)> {
        self.close()?;
        Ok((
            self.files,
            self.done_bytes,
            self.html_bytes,
            self.records,
            self.html_pages,
        ))
    }
}
