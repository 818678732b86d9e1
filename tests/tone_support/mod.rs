//! Evaluation of the tone stage on the real labelled sets (shared by the test and the example).
#![allow(dead_code)]
use std::path::{Path, PathBuf};

use baohoa::tone::{ToneModel, score};

/// The 13 topic labels of UIT-ViON, by label number (the training tool's table).
pub use baohoa::tools::train_tone::UIT_TOPICS as UIT_LABELS;

/// The real-data folder, or None (with the reason printed) when BAOHOA_REALDATA is unset.
pub fn realdata() -> Option<PathBuf> {
    match std::env::var_os("BAOHOA_REALDATA") {
        Some(d) => Some(PathBuf::from(d)),
        None => {
            eprintln!("skipping: BAOHOA_REALDATA is not set (point it at ../shared/realdata)");
            None
        }
    }
}

fn reader(p: &Path) -> csv::Reader<std::fs::File> {
    match csv::ReaderBuilder::new().flexible(true).from_path(p) {
        Ok(r) => r,
        Err(e) => panic!("cannot open {}: {e}", p.display()),
    }
}

/// Per UIT-ViON label: (titles, negative titles), plus the titles themselves when `keep` is set.
pub struct Uit {
    pub counts: Vec<(u64, u64)>,
    pub titles: Vec<(usize, String, bool)>,
}

/// The 5,850 hand-labelled real items of `vi-negativity-labels/labels.tsv`, with their texts.
pub fn realdata_labels(dir: &Path) -> anyhow::Result<Vec<baohoa::tools::train_tone::LabelledItem>> {
    baohoa::tools::train_tone::load(&[dir.join("vi-negativity-labels/labels.tsv")], dir)
}

pub fn uit(model: &ToneModel, dir: &Path, keep: bool) -> Uit {
    let p = dir.join("vi-news-topics-uit-vion/UIT-ViON_dev.csv");
    let mut counts = vec![(0u64, 0u64); UIT_LABELS.len()];
    let mut titles = Vec::new();
    for rec in reader(&p).records() {
        let Ok(rec) = rec else { continue };
        let (Some(title), Some(label)) = (rec.get(0), rec.get(2)) else {
            continue;
        };
        let Ok(label) = label.trim().parse::<usize>() else {
            continue;
        };
        let Some(c) = counts.get_mut(label) else { continue };
        let neg = score(model, title, "", "").negative;
        c.0 += 1;
        c.1 += u64::from(neg);
        if keep {
            titles.push((label, title.to_string(), neg));
        }
    }
    Uit { counts, titles }
}

pub fn uit_table(u: &Uit) -> String {
    let mut s = String::from("| label | topic | titles | negative | share |\n|---|---|---|---|---|\n");
    for (i, (n, k)) in u.counts.iter().enumerate() {
        let share = if *n == 0 { 0.0 } else { *k as f64 / *n as f64 };
        s.push_str(&format!(
            "| {i} | {} | {n} | {k} | {:.1} % |\n",
            UIT_LABELS.get(i).copied().unwrap_or("?"),
            share * 100.0
        ));
    }
    s
}

/// Confusion counts of the library (`add`, precision, recall, F1, `line`).
pub use baohoa::tone::learn::Confusion;

/// VnExpress tech sentiment: `negative` against label 2 (negative).
pub fn tech_sentiment(model: &ToneModel, dir: &Path, mut sample: impl FnMut(&str, bool, bool)) -> Confusion {
    let p = dir.join("vi-news-sentiment-vnexpress-tech/newscontent.csv");
    let mut c = Confusion::default();
    for rec in reader(&p).records() {
        let Ok(rec) = rec else { continue };
        let (Some(text), Some(label)) = (rec.get(0), rec.get(1)) else {
            continue;
        };
        let actual = label.trim() == "2";
        // The chunks are body text: scored as a lead (no title).
        let t = score(model, text, "", "");
        c.add(t.negative, actual);
        sample(text, t.negative, actual);
    }
    c
}

/// ClickBait_ICD train+validate: `sensational` (title) against the clickbait label.
pub struct Clickbait {
    pub confusion: Confusion,
    pub negative_clickbait: u64,
    pub negative_other: u64,
}

pub fn clickbait(model: &ToneModel, dir: &Path, mut sample: impl FnMut(&str, bool, bool)) -> Clickbait {
    let mut out = Clickbait {
        confusion: Confusion::default(),
        negative_clickbait: 0,
        negative_other: 0,
    };
    for f in ["train.csv", "validate.csv"] {
        let p = dir.join("vi-clickbait-icd").join(f);
        let mut r = reader(&p);
        let headers = r.headers().cloned().unwrap_or_default();
        let col = |name: &str| headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name);
        let (Some(ti), Some(li)) = (col("title"), col("label")) else {
            panic!("{}: no title/label columns", p.display())
        };
        let lead_i = col("lead_paragraph");
        for rec in r.records() {
            let Ok(rec) = rec else { continue };
            let (Some(title), Some(label)) = (rec.get(ti), rec.get(li)) else {
                continue;
            };
            let lead = lead_i.and_then(|i| rec.get(i)).unwrap_or("");
            let actual = label.trim() == "clickbait";
            let t = score(model, title, lead, "");
            out.confusion.add(t.sensational, actual);
            if t.negative {
                if actual {
                    out.negative_clickbait += 1;
                } else {
                    out.negative_other += 1;
                }
            }
            sample(title, t.sensational, actual);
        }
    }
    out
}
