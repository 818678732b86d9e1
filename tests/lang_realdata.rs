//! The language detector (letter statistics first, whatlang for the rest) gives whatlang's own answer
//! on every real document under BAOHOA_REALDATA (pages, WARC records) and on the real labelled
//! texts (Vietnamese titles and leads, English headlines, VnExpress text chunks).
use std::path::{Path, PathBuf};

use baohoa::text::lang::{Lang, detect, detect_reference};

fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut stack = vec![root.to_path_buf()];
    let mut files = Vec::new();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// Every HTML document of the real data: saved pages (plain or gzip) and the records of the WARCs.
fn real_documents(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for p in files_under(root) {
        let name = p.to_string_lossy().into_owned();
        if name.ends_with(".html") || name.ends_with(".htm") {
            if let Ok(b) = std::fs::read(&p) {
                out.push((name, b));
            }
        } else if name.ends_with(".html.gz") {
            let Ok(f) = std::fs::File::open(&p) else { continue };
            let mut b = Vec::new();
            if std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(f), &mut b).is_ok() {
                out.push((name, b));
            }
        } else if name.contains("warc-samples") {
            let Ok((_, events)) = baohoa::ingest::open(&p, &Default::default()) else {
                continue;
            };
            for ev in events {
                if let baohoa::ingest::Event::Record(r) = ev {
                    out.push((r.address(), r.body));
                }
            }
        }
    }
    out
}

/// The text each page's language is told from, as the page stage builds it.
fn page_texts(docs: &[(String, Vec<u8>)]) -> Vec<(String, String)> {
    docs.iter()
        .map(|(name, body)| {
            let dec = baohoa::ingest::decode::decode_html(body, None);
            let page = baohoa::page::parse(&dec.html, Some("https://realdata.invalid/"));
            let main = baohoa::page::content::extract(&page);
            (name.clone(), baohoa::page::lang_source(&page, &main.text).into_owned())
        })
        .collect()
}

/// Real labelled texts: ClickBait_ICD titles + leads, VnExpress chunks, UIT-ViON titles, and English
/// headlines joined ten to a text (one headline is too short to tell).
fn labelled_texts(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in ["vi-clickbait-icd/train.csv", "vi-clickbait-icd/validate.csv"] {
        let Ok(mut r) = csv::Reader::from_path(root.join(f)) else {
            continue;
        };
        for (i, row) in r.records().flatten().enumerate() {
            let text = format!("{}\n{}", row.get(2).unwrap_or(""), row.get(3).unwrap_or(""));
            out.push((format!("{f} row {}", i + 2), text));
        }
    }
    for (f, col) in [
        ("vi-news-sentiment-vnexpress-tech/newscontent.csv", 0),
        ("vi-news-topics-uit-vion/UIT-ViON_dev.csv", 0),
    ] {
        let Ok(mut r) = csv::Reader::from_path(root.join(f)) else {
            continue;
        };
        for (i, row) in r.records().flatten().enumerate() {
            out.push((
                format!("{f} row {}", i + 2),
                row.get(col).unwrap_or("").replace('_', " "),
            ));
        }
    }
    for f in ["clickbait_data.gz", "non_clickbait_data.gz"] {
        let p = root.join("en-clickbait-chakraborty2016").join(f);
        let Ok(file) = std::fs::File::open(&p) else { continue };
        let mut s = String::new();
        if std::io::Read::read_to_string(&mut flate2::read::MultiGzDecoder::new(file), &mut s).is_err() {
            continue;
        }
        let lines: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).collect();
        for (k, chunk) in lines.chunks(10).enumerate() {
            out.push((
                format!("{f} lines {}–{}", k * 10 + 1, k * 10 + chunk.len()),
                chunk.join("\n"),
            ));
        }
    }
    out
}

fn disagreements(texts: &[(String, String)]) -> (Vec<String>, [usize; 4]) {
    let mut bad = Vec::new();
    let mut counts = [0usize; 4];
    for (name, t) in texts {
        let (a, b) = (detect(t), detect_reference(t));
        counts[a as usize] += 1;
        if a != b {
            let head: String = t.chars().take(120).collect();
            bad.push(format!("{name}: {} (whatlang {}): {head:?}", a.code(), b.code()));
        }
    }
    (bad, counts)
}

fn realdata() -> Option<PathBuf> {
    let r = std::env::var_os("BAOHOA_REALDATA").map(PathBuf::from);
    if r.is_none() {
        eprintln!("BAOHOA_REALDATA unset: skipping the language test on real data");
    }
    r
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn language_matches_whatlang_on_every_real_page() {
    let Some(root) = realdata() else { return };
    let docs = real_documents(&root);
    assert!(
        docs.len() > 150,
        "expected the real pages under {root:?}, found {}",
        docs.len()
    );
    let (bad, counts) = disagreements(&page_texts(&docs));
    eprintln!(
        "{} real documents: vi {}, en {}, other {}, unknown {}; {} differ from whatlang",
        docs.len(),
        counts[Lang::Vi as usize],
        counts[Lang::En as usize],
        counts[Lang::Other as usize],
        counts[Lang::Unknown as usize],
        bad.len()
    );
    assert!(counts[Lang::Vi as usize] > 50 && counts[Lang::En as usize] > 50 && counts[Lang::Other as usize] > 10);
    assert!(bad.is_empty(), "{} pages differ:\n{}", bad.len(), bad.join("\n"));
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn language_matches_whatlang_on_real_labelled_texts() {
    let Some(root) = realdata() else { return };
    let texts = labelled_texts(&root);
    assert!(
        texts.len() > 10_000,
        "expected the labelled texts under {root:?}, found {}",
        texts.len()
    );
    let (bad, counts) = disagreements(&texts);
    eprintln!(
        "{} texts: vi {}, en {}, other {}, unknown {}; {} differ from whatlang",
        texts.len(),
        counts[Lang::Vi as usize],
        counts[Lang::En as usize],
        counts[Lang::Other as usize],
        counts[Lang::Unknown as usize],
        bad.len()
    );
    for b in bad.iter().take(40) {
        eprintln!("  {b}");
    }
    // Short texts are where whatlang itself wavers; allow 0.2 % of them, each listed above.
    assert!(
        bad.len() * 500 <= texts.len(),
        "{} of {} texts differ",
        bad.len(),
        texts.len()
    );
}
