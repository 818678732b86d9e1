//! `baohoa train tone`: reads hand labels and the CSVs they point into, trains the learned tone model
//! (L2 logistic regression, Platt calibration and rates on held-out folds) and cross-validates it.
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::Context;
use sha2::Digest;

use crate::tone::learn::{self, Confusion, Row};
use crate::tone::learned::{LabelsSource, Learned, LearnedMeta, Rates, TaskMeta};
use crate::tone::{Task, ToneModel};

/// The 13 topic labels of UIT-ViON, by label number.
pub const UIT_TOPICS: [&str; 13] = [
    "TECHNOLOGY",
    "TRAVEL",
    "EDUCATION",
    "ENTERTAINMENT",
    "SCIENCE",
    "BUSINESS",
    "LAW",
    "HEALTH",
    "WORLD",
    "SPORT",
    "NEWS",
    "VEHICLE",
    "LIFE",
];

/// One labelled item with its text, read through its label row.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledItem {
    pub dataset: String,
    pub row: usize,
    pub url: String,
    pub title: String,
    pub lead: String,
    pub negative: bool,
    pub sensational: bool,
    pub confident: bool,
    /// UIT-ViON topic or ClickBait_ICD category (for per-topic share errors only; never a feature).
    pub topic: String,
    /// Cross-validation fold (0..FOLDS): duplicates of one story (same URL or same title) share one.
    pub fold: u8,
    /// Which of the labels files (0 = the first `--labels`) the row came from.
    pub source: u8,
}

/// Number of cross-validation folds.
pub const FOLDS: u8 = 5;

/// Training options.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    pub l2_negative: f64,
    pub l2_sensational: f64,
    /// An n-gram becomes a feature when it occurs in at least this many training items.
    pub min_df: usize,
    pub max_iter: usize,
    /// Weights smaller than this (both tasks) are not written.
    pub prune: f64,
    /// L2 candidates: with two or more, each task takes the one with the best held-out F1 on the
    /// inner folds (then `l2_negative`/`l2_sensational` are only the starting values).
    pub l2_grid: Vec<f64>,
    /// Item thresholds (calibrated probability) at which the shipped share errors are measured;
    /// `settings.toml`'s `item.negative_probability` and `item.sensational_probability`.
    pub negative_threshold: f64,
    pub sensational_threshold: f64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            l2_negative: 1.0,
            l2_sensational: 1.0,
            min_df: 2,
            max_iter: 400,
            prune: 1e-2,
            negative_threshold: 0.3,
            sensational_threshold: 0.25,
            l2_grid: vec![0.5, 1.0, 2.0, 4.0],
        }
    }
}

fn csv_rows(p: &Path) -> anyhow::Result<Vec<csv::StringRecord>> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(p)
        .with_context(|| format!("cannot open {}; pass --data DIR with the realdata folder", p.display()))?;
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        out.push(rec.with_context(|| format!("{}: data row {i} is not valid CSV", p.display()))?);
    }
    Ok(out)
}

/// Reads one or more `labels.tsv` files (dataset, row, url, negative, sensational, confident) and
/// the texts from the CSVs under `data` (the realdata folder). Rows whose URL does not match the CSV
/// row are an error, and so is a (dataset, row) labelled twice, in one file or across files.
pub fn load(labels: &[PathBuf], data: &Path) -> anyhow::Result<Vec<LabelledItem>> {
    Ok(load_with_sources(labels, data)?.0)
}

/// [`load`], and for each labels file its name, items and sha256 (for `learned.toml`'s `trained_on`).
pub fn load_with_sources(labels: &[PathBuf], data: &Path) -> anyhow::Result<(Vec<LabelledItem>, Vec<LabelsSource>)> {
    let uit_p = data.join("vi-news-topics-uit-vion/UIT-ViON_dev.csv");
    let mut sources: HashMap<&str, (PathBuf, Option<Vec<csv::StringRecord>>)> = HashMap::new();
    sources.insert("uit-vion-dev", (uit_p, None));
    sources.insert("clickbait-icd-train", (data.join("vi-clickbait-icd/train.csv"), None));
    sources.insert(
        "clickbait-icd-validate",
        (data.join("vi-clickbait-icd/validate.csv"), None),
    );
    let mut items = Vec::new();
    let mut seen: HashMap<(String, usize), String> = HashMap::new();
    let mut files = Vec::new();
    for (source, labels) in labels.iter().enumerate() {
        let source = u8::try_from(source).context("at most 255 labels files")?;
        let text =
            std::fs::read_to_string(labels).with_context(|| format!("cannot read labels {}", labels.display()))?;
        let before = items.len();
        for (n, line) in text.lines().enumerate() {
            if n == 0 || line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            let [dataset, row, url, neg, sens, conf, ..] = cells.as_slice() else {
                anyhow::bail!(
                    "{} line {}: expected dataset, row, url, negative, sensational, confident",
                    labels.display(),
                    n + 1
                );
            };
            let at = || format!("{} line {}", labels.display(), n + 1);
            let Some((path, rows)) = sources.get_mut(*dataset) else {
                anyhow::bail!(
                    "{}: unknown dataset {dataset:?} (uit-vion-dev, clickbait-icd-train, clickbait-icd-validate)",
                    at()
                );
            };
            if rows.is_none() {
                *rows = Some(csv_rows(path)?);
            }
            let rows = rows.as_ref().map(Vec::as_slice).unwrap_or_default();
            let r: usize = row
                .parse()
                .with_context(|| format!("{}: row {row:?} is not a number", at()))?;
            let rec = rows
                .get(r)
                .with_context(|| format!("{}: row {r} is past the end of {}", at(), path.display()))?;
            let flag = |c: &str| -> anyhow::Result<bool> {
                match c.trim() {
                    "1" => Ok(true),
                    "0" => Ok(false),
                    o => anyhow::bail!("{}: label {o:?} must be 0 or 1", at()),
                }
            };
            let (title, lead, csv_url, topic) = if *dataset == "uit-vion-dev" {
                let label: usize = rec.get(2).unwrap_or("").trim().parse().unwrap_or(usize::MAX);
                (
                    rec.get(0).unwrap_or(""),
                    "",
                    rec.get(1).unwrap_or(""),
                    UIT_TOPICS.get(label).copied().unwrap_or("?").to_string(),
                )
            } else {
                (
                    rec.get(2).unwrap_or(""),
                    rec.get(3).unwrap_or(""),
                    rec.get(1).unwrap_or(""),
                    format!("icd:{}", rec.get(4).unwrap_or("?")),
                )
            };
            if csv_url.trim() != url.trim() {
                anyhow::bail!(
                    "{}: URL {url} does not match row {r} of {} ({csv_url}); the labels point into another version of the CSV",
                    at(),
                    path.display()
                );
            }
            if let Some(first) = seen.insert(((*dataset).to_string(), r), at()) {
                anyhow::bail!(
                    "{}: {dataset} row {r} is already labelled at {first}; keep one label per item",
                    at()
                );
            }
            items.push(LabelledItem {
                dataset: (*dataset).to_string(),
                row: r,
                url: (*url).to_string(),
                title: title.to_string(),
                lead: lead.to_string(),
                negative: flag(neg)?,
                sensational: flag(sens)?,
                confident: flag(conf)?,
                topic,
                fold: 0,
                source,
            });
        }
        files.push(LabelsSource {
            file: labels
                .file_name()
                .map_or_else(String::new, |f| f.to_string_lossy().into_owned()),
            items: (items.len() - before) as u64,
            sha256: crate::model_files::hex(&sha2::Sha256::digest(text.as_bytes())),
        });
    }
    assign_folds(&mut items);
    Ok((items, files))
}

/// Keys under which two items are the same story: the URL without scheme/www/slashes, and the
/// title folded to letters and digits.
fn story_keys(it: &LabelledItem) -> [String; 2] {
    let u = it.url.trim().to_lowercase();
    let u = u.split_once("://").map_or(u.as_str(), |(_, r)| r);
    let u = u.strip_prefix("www.").unwrap_or(u);
    let u: String = u.split('/').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("/");
    let t: String = crate::text::normalize::fold(&it.title.replace('_', " "))
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    [format!("u:{u}"), format!("t:{t}")]
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Folds by a hash of each story group's smallest key (union of items sharing a URL or a title).
pub fn assign_folds(items: &mut [LabelledItem]) {
    let mut parent: Vec<usize> = (0..items.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut first: HashMap<String, usize> = HashMap::new();
    let keys: Vec<[String; 2]> = items.iter().map(story_keys).collect();
    for (i, ks) in keys.iter().enumerate() {
        for k in ks {
            if k.len() <= 6 {
                continue; // an empty title or URL joins nothing
            }
            match first.get(k) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
                None => {
                    first.insert(k.clone(), i);
                }
            }
        }
    }
    let mut group_key: HashMap<usize, String> = HashMap::new();
    for (i, ks) in keys.iter().enumerate() {
        let r = find(&mut parent, i);
        let e = group_key.entry(r).or_insert_with(|| ks[0].clone());
        if ks[0] < *e {
            *e = ks[0].clone();
        }
    }
    for (i, it) in items.iter_mut().enumerate() {
        let r = find(&mut parent, i);
        it.fold = (fnv(group_key.get(&r).map_or("", String::as_str)) % u64::from(FOLDS)) as u8;
    }
}

/// The features of every item (they do not depend on learned weights).
pub fn item_features(items: &[LabelledItem], lex: &ToneModel) -> Vec<Vec<(String, f32)>> {
    items
        .iter()
        .map(|it| {
            let title = crate::text::normalize::nfc(&it.title);
            let lead = crate::text::normalize::nfc(&it.lead);
            let t = crate::tone::lexicon_score(lex, &title, &lead, "");
            crate::tone::learned::features(&t, &title, &lead, &it.url, &lex.settings)
        })
        .collect()
}

/// Feature index of a training set: `bias` first, then sorted names; n-grams need `min_df` items.
fn vocabulary(feats: &[&[(String, f32)]], min_df: usize) -> Vec<String> {
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for f in feats {
        for (n, _) in f.iter() {
            *df.entry(n.as_str()).or_default() += 1;
        }
    }
    let mut names = vec!["bias".to_string()];
    for (n, c) in df {
        if n == "bias" {
            continue;
        }
        let gram = crate::tone::learned::is_gram(n);
        if !gram || c >= min_df {
            names.push(n.to_string());
        }
    }
    names
}

fn rows(feats: &[&[(String, f32)]], index: &HashMap<&str, u32>) -> Vec<Row> {
    feats
        .iter()
        .map(|f| {
            f.iter()
                .filter_map(|(n, v)| index.get(n.as_str()).map(|&i| (i, *v)))
                .collect()
        })
        .collect()
}

/// Weights of both tasks on one training set, no calibration.
fn fit(feats: &[&[(String, f32)]], neg: &[bool], sens: &[bool], o: &TrainOptions) -> (Vec<String>, Vec<[f64; 2]>) {
    let names = vocabulary(feats, o.min_df);
    let index: HashMap<&str, u32> = names.iter().enumerate().map(|(i, n)| (n.as_str(), i as u32)).collect();
    let x = rows(feats, &index);
    let t = |y: &[bool]| y.iter().map(|&b| if b { 1.0 } else { 0.0 }).collect::<Vec<f64>>();
    let wn = learn::fit_logistic(&x, &t(neg), names.len(), o.l2_negative, o.max_iter);
    let ws = learn::fit_logistic(&x, &t(sens), names.len(), o.l2_sensational, o.max_iter);
    let w = wn.into_iter().zip(ws).map(|(a, b)| [a, b]).collect();
    (names, w)
}

fn as_learned(names: Vec<String>, w: Vec<[f64; 2]>, prune: f64, meta: LearnedMeta) -> Learned {
    let mut kept = Vec::new();
    let mut weights = Vec::new();
    for (n, [a, b]) in names.into_iter().zip(w) {
        if n != "bias" && a.abs() < prune && b.abs() < prune {
            continue;
        }
        kept.push(n);
        weights.push([a as f32, b as f32]);
    }
    Learned::new(kept, weights, meta)
}

/// Thresholds of the shipped rate table.
fn thresholds() -> impl Iterator<Item = f64> {
    (1..20).map(|i| f64::from(i) * 0.05)
}

fn rate_table(p: &[f64], y: &[bool]) -> Vec<Rates> {
    thresholds()
        .map(|t| {
            let c = Confusion::of(p.iter().zip(y).map(|(&p, &y)| (p >= t, y)));
            Rates {
                threshold: (t * 100.0).round() / 100.0,
                tpr: round4(c.recall()),
                fpr: round4(c.fpr()),
            }
        })
        .collect()
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Trains the shipped model on `idx` items: Platt calibration and the rate table from held-out
/// folds (each fold id present among the items in turn), then weights on all of them.
pub fn train(items: &[LabelledItem], feats: &[Vec<(String, f32)>], idx: &[usize], o: &TrainOptions) -> Learned {
    let folds: BTreeSet<u8> = idx.iter().filter_map(|&i| items.get(i)).map(|it| it.fold).collect();
    let held_out = |o: &TrainOptions| {
        let mut oof = vec![[0.0f64; 2]; idx.len()];
        for &k in &folds {
            let tr: Vec<usize> = idx.iter().copied().filter(|&i| items[i].fold != k).collect();
            let (l, _) = fit_on(items, feats, &tr, o, LearnedMeta::default());
            for (j, &i) in idx.iter().enumerate() {
                if items[i].fold == k {
                    oof[j] = l.logits(&feats[i], 0).0;
                }
            }
        }
        oof
    };
    let labels = |task: Task| -> Vec<bool> {
        idx.iter()
            .map(|&i| match task {
                Task::Negative => items[i].negative,
                Task::Sensational => items[i].sensational,
            })
            .collect()
    };
    // L2 per task: the candidate of `l2_grid` whose held-out F1 at the item threshold is best
    // (inner folds only: the items scored in an outer cross-validation never choose it).
    let mut o = o.clone();
    let mut oof = if o.l2_grid.len() > 1 {
        vec![[0.0f64; 2]; idx.len()]
    } else {
        held_out(&o)
    };
    if o.l2_grid.len() > 1 {
        let f1_at = |oof: &[[f64; 2]], col: usize, y: &[bool], t: f64| {
            let z: Vec<f64> = oof.iter().map(|v| v[col]).collect();
            let (a, b) = learn::platt(&z, y);
            Confusion::of(
                z.iter()
                    .zip(y)
                    .map(|(&v, &y)| (crate::tone::learned::sigmoid(a * v + b) >= t, y)),
            )
            .f1()
        };
        let (yn, ys) = (labels(Task::Negative), labels(Task::Sensational));
        let mut best = [
            (-1.0f64, o.l2_negative, Vec::new()),
            (-1.0f64, o.l2_sensational, Vec::new()),
        ];
        for &l2 in &o.l2_grid {
            let trial = TrainOptions {
                l2_negative: l2,
                l2_sensational: l2,
                ..o.clone()
            };
            let z = held_out(&trial);
            for (col, y, t) in [(0usize, &yn, o.negative_threshold), (1, &ys, o.sensational_threshold)] {
                let f = f1_at(&z, col, y, t);
                if f > best[col].0 + 1e-9 {
                    best[col] = (f, l2, z.iter().map(|v| v[col]).collect());
                }
            }
        }
        o.l2_negative = best[0].1;
        o.l2_sensational = best[1].1;
        for (j, v) in oof.iter_mut().enumerate() {
            for col in 0..2 {
                if let Some(&z) = best[col].2.get(j) {
                    v[col] = z;
                }
            }
        }
    }
    let o = &o;
    let mut meta = LearnedMeta {
        trained_items: idx.len() as u64,
        ..LearnedMeta::default()
    };
    for (col, task) in [(0usize, Task::Negative), (1, Task::Sensational)] {
        let y: Vec<bool> = idx
            .iter()
            .map(|&i| match task {
                Task::Negative => items[i].negative,
                Task::Sensational => items[i].sensational,
            })
            .collect();
        let z: Vec<f64> = oof.iter().map(|v| v[col]).collect();
        let (a, b) = learn::platt(&z, &y);
        let p: Vec<f64> = z.iter().map(|&v| crate::tone::learned::sigmoid(a * v + b)).collect();
        let m = TaskMeta {
            platt_a: a,
            platt_b: b,
            l2: match task {
                Task::Negative => o.l2_negative,
                Task::Sensational => o.l2_sensational,
            },
            cv_items: y.len() as u64,
            cv_positives: y.iter().filter(|&&v| v).count() as u64,
            cv_rates: rate_table(&p, &y),
            ..TaskMeta::default()
        };
        let threshold = match task {
            Task::Negative => o.negative_threshold,
            Task::Sensational => o.sensational_threshold,
        };
        let m = with_share_error(m, items, idx, &p, &y, threshold);
        match task {
            Task::Negative => meta.negative = m,
            Task::Sensational => meta.sensational = m,
        }
    }
    fit_on(items, feats, idx, o, meta).0
}

/// Groups of at least this many items count in the shipped share error.
const SHARE_GROUP_MIN: usize = 30;

/// Adds the classify-and-count share error per group (dataset + topic) of held-out probabilities
/// `p` (aligned with `idx`) at `threshold`: its mean and 95th percentile over the groups.
fn with_share_error(
    mut m: TaskMeta,
    items: &[LabelledItem],
    idx: &[usize],
    p: &[f64],
    y: &[bool],
    threshold: f64,
) -> TaskMeta {
    let mut groups: BTreeMap<(bool, &str), (usize, usize, usize)> = BTreeMap::new();
    for (j, &i) in idx.iter().enumerate() {
        let it = &items[i];
        let g = groups
            .entry((it.dataset == "uit-vion-dev", it.topic.as_str()))
            .or_default();
        g.0 += 1;
        g.1 += usize::from(y[j]);
        g.2 += usize::from(p[j] >= threshold);
    }
    let mut errors: Vec<f64> = groups
        .values()
        .filter(|g| g.0 >= SHARE_GROUP_MIN)
        .map(|&(n, truth, counted)| (counted as f64 - truth as f64).abs() / n as f64)
        .collect();
    errors.sort_by(f64::total_cmp);
    m.share_threshold = round4(threshold);
    m.share_groups = errors.len() as u64;
    if !errors.is_empty() {
        m.share_mae = round4(errors.iter().sum::<f64>() / errors.len() as f64);
        let rank = ((errors.len() as f64) * 0.95).ceil() as usize;
        m.share_error = round4(errors[rank.clamp(1, errors.len()) - 1]);
    }
    m
}

fn fit_on(
    items: &[LabelledItem],
    feats: &[Vec<(String, f32)>],
    idx: &[usize],
    o: &TrainOptions,
    meta: LearnedMeta,
) -> (Learned, ()) {
    let f: Vec<&[(String, f32)]> = idx.iter().map(|&i| feats[i].as_slice()).collect();
    let neg: Vec<bool> = idx.iter().map(|&i| items[i].negative).collect();
    let sens: Vec<bool> = idx.iter().map(|&i| items[i].sensational).collect();
    let (names, w) = fit(&f, &neg, &sens, o);
    (as_learned(names, w, o.prune, meta), ())
}

/// Out-of-fold calibrated probabilities [negative, sensational] of every item: for each fold, a
/// model trained (with its own calibration) on the other folds only; plus the fold models' metas.
pub fn cross_validate(
    items: &[LabelledItem],
    feats: &[Vec<(String, f32)>],
    o: &TrainOptions,
) -> (Vec<[f64; 2]>, Vec<LearnedMeta>) {
    let mut p = vec![[0.0f64; 2]; items.len()];
    let mut metas = Vec::new();
    for k in 0..FOLDS {
        let tr: Vec<usize> = (0..items.len()).filter(|&i| items[i].fold != k).collect();
        let l = train(items, feats, &tr, o);
        for (i, it) in items.iter().enumerate() {
            if it.fold == k {
                p[i] = l.probabilities(&feats[i]);
            }
        }
        metas.push(l.meta);
    }
    (p, metas)
}

/// Share error of one group of items (a topic): true share, classify-and-count, adjusted
/// classify-and-count, mean probability.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRow {
    pub group: String,
    pub items: usize,
    pub truth: f64,
    pub cc: f64,
    pub acc: f64,
    pub pcc: f64,
}

/// Per-group shares of negative items from out-of-fold probabilities, at `threshold`, with the
/// rates each fold model shipped with (averaged over folds).
pub fn share_rows(
    items: &[LabelledItem],
    p: &[[f64; 2]],
    metas: &[LearnedMeta],
    threshold: f64,
    group: impl Fn(&LabelledItem) -> Option<String>,
) -> Vec<ShareRow> {
    let rates: Vec<(f64, f64)> = metas.iter().filter_map(|m| m.negative.rates_at(threshold)).collect();
    let k = rates.len().max(1) as f64;
    let tpr = rates.iter().map(|r| r.0).sum::<f64>() / k;
    let fpr = rates.iter().map(|r| r.1).sum::<f64>() / k;
    let mut g: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        if let Some(key) = group(it) {
            g.entry(key).or_default().push(i);
        }
    }
    g.into_iter()
        .map(|(name, ix)| {
            let n = ix.len().max(1) as f64;
            let truth = ix.iter().filter(|&&i| items[i].negative).count() as f64 / n;
            let cc = ix.iter().filter(|&&i| p[i][0] >= threshold).count() as f64 / n;
            let pcc = ix.iter().map(|&i| p[i][0]).sum::<f64>() / n;
            ShareRow {
                group: name,
                items: ix.len(),
                truth,
                cc,
                acc: learn::adjusted_share(cc, tpr, fpr),
                pcc,
            }
        })
        .collect()
}

/// Mean absolute errors (cc, acc, pcc) of share rows.
pub fn share_mae(rows: &[ShareRow]) -> (f64, f64, f64) {
    let n = rows.len().max(1) as f64;
    let m = |f: &dyn Fn(&ShareRow) -> f64| rows.iter().map(|r| (f(r) - r.truth).abs()).sum::<f64>() / n;
    (m(&|r| r.cc), m(&|r| r.acc), m(&|r| r.pcc))
}

/// Confusion of a task at a threshold over items selected by `keep`.
pub fn confusion(
    items: &[LabelledItem],
    p: &[[f64; 2]],
    task: Task,
    threshold: f64,
    keep: impl Fn(&LabelledItem) -> bool,
) -> Confusion {
    let col = task as usize;
    Confusion::of(items.iter().zip(p).filter(|(it, _)| keep(it)).map(|(it, pr)| {
        let y = match task {
            Task::Negative => it.negative,
            Task::Sensational => it.sensational,
        };
        (pr[col] >= threshold, y)
    }))
}

/// A text report of a cross-validation: F1 per task overall and per dataset, share errors per topic.
pub fn cv_report(
    items: &[LabelledItem],
    p: &[[f64; 2]],
    metas: &[LearnedMeta],
    s: &crate::tone::ToneSettings,
) -> String {
    let tn = f64::from(s.item.negative_probability);
    let ts = f64::from(s.item.sensational_probability);
    let mut out = String::new();
    for (task, t, name) in [(Task::Negative, tn, "negative"), (Task::Sensational, ts, "sensational")] {
        out.push_str(&format!(
            "{name} (p ≥ {t:.2}): all {}\n",
            confusion(items, p, task, t, |_| true).line()
        ));
        for ds in ["uit-vion-dev", "clickbait-icd-train", "clickbait-icd-validate"] {
            out.push_str(&format!(
                "  {ds}: {}\n",
                confusion(items, p, task, t, |it| it.dataset == ds).line()
            ));
        }
        let last = items.iter().map(|it| it.source).max().unwrap_or(0);
        if last > 0 {
            for src in 0..=last {
                out.push_str(&format!(
                    "  labels file {}: {}\n",
                    src + 1,
                    confusion(items, p, task, t, |it| it.source == src).line()
                ));
            }
        }
    }
    for (label, rows) in [
        (
            "UIT-ViON topic",
            share_rows(items, p, metas, tn, |it| {
                (it.dataset == "uit-vion-dev").then(|| it.topic.clone())
            }),
        ),
        (
            "ICD category",
            share_rows(items, p, metas, tn, |it| {
                (it.dataset != "uit-vion-dev").then(|| it.topic.clone())
            }),
        ),
    ] {
        out.push_str(&format!(
            "negative share per {label} (truth, classify-and-count, adjusted, mean probability):\n"
        ));
        for r in &rows {
            out.push_str(&format!(
                "  {:<28} {:>5} items  {:.3}  cc {:.3}  acc {:.3}  pcc {:.3}\n",
                r.group, r.items, r.truth, r.cc, r.acc, r.pcc
            ));
        }
        let (cc, acc, pcc) = share_mae(&rows);
        out.push_str(&format!("  MAE: cc {cc:.4}  acc {acc:.4}  pcc {pcc:.4}\n"));
    }
    out
}

/// `baohoa train tone --cv`: the nested cross-validation report, F1 per threshold, and the
/// learning curve (each training set cut to a share of its items, by a hash of the row).
pub fn run_cv(
    labels: &[PathBuf],
    data: Option<&Path>,
    lex: &ToneModel,
    o: &TrainOptions,
    curve: bool,
    predictions: Option<&Path>,
) -> anyhow::Result<String> {
    let data = data_dir(labels, data);
    let items = load(labels, &data)?;
    let feats = item_features(&items, lex);
    let (p, metas) = cross_validate(&items, &feats, o);
    if let Some(path) = predictions {
        write_atomic(path, predictions_tsv(&items, &p).as_bytes())?;
    }
    let mut out = cv_report(&items, &p, &metas, &lex.settings);
    for (task, name) in [(Task::Negative, "negative"), (Task::Sensational, "sensational")] {
        out.push_str(&format!("{name} F1 by threshold:"));
        for t in thresholds() {
            out.push_str(&format!(" {t:.2}:{:.3}", confusion(&items, &p, task, t, |_| true).f1()));
        }
        out.push('\n');
    }
    if curve {
        for share in [0.125, 0.25, 0.5, 0.75, 1.0] {
            let keep: Vec<bool> = items
                .iter()
                .map(|it| (fnv(&format!("{}:{}", it.dataset, it.row)) % 1000) as f64 / 1000.0 < share)
                .collect();
            let mut pc = vec![[0.0f64; 2]; items.len()];
            let mut n_train = 0usize;
            for k in 0..FOLDS {
                let tr: Vec<usize> = (0..items.len()).filter(|&i| items[i].fold != k && keep[i]).collect();
                n_train += tr.len();
                let l = train(&items, &feats, &tr, o);
                for (i, it) in items.iter().enumerate() {
                    if it.fold == k {
                        pc[i] = l.probabilities(&feats[i]);
                    }
                }
            }
            let best = |task| {
                thresholds()
                    .map(|t| confusion(&items, &pc, task, t, |_| true).f1())
                    .fold(0.0f64, f64::max)
            };
            out.push_str(&format!(
                "learning curve: {:>5} training items  negative F1 {:.3} (best threshold {:.3})  sensational F1 {:.3} (best {:.3})\n",
                n_train / usize::from(FOLDS),
                confusion(&items, &pc, Task::Negative, f64::from(lex.settings.item.negative_probability), |_| true).f1(),
                best(Task::Negative),
                confusion(&items, &pc, Task::Sensational, f64::from(lex.settings.item.sensational_probability), |_| true).f1(),
                best(Task::Sensational),
            ));
        }
    }
    Ok(out)
}

/// The out-of-fold probabilities of every item as TSV (row numbers and URLs, never the text), for
/// reading the errors of a cross-validation beside the CSVs.
pub fn predictions_tsv(items: &[LabelledItem], p: &[[f64; 2]]) -> String {
    let mut out = String::from("dataset\trow\turl\tfold\tnegative\tp_negative\tsensational\tp_sensational\n");
    for (it, pr) in items.iter().zip(p) {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{:.4}\t{}\t{:.4}\n",
            it.dataset,
            it.row,
            it.url,
            it.fold,
            u8::from(it.negative),
            pr[0],
            u8::from(it.sensational),
            pr[1]
        ));
    }
    out
}

/// `--data`, else the first labels file's folder's parent (the realdata folder).
fn data_dir(labels: &[PathBuf], data: Option<&Path>) -> PathBuf {
    match data {
        Some(d) => d.to_path_buf(),
        None => labels
            .first()
            .and_then(|l| l.parent())
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(".")),
    }
}

/// `baohoa train tone`: trains on every label and writes `OUT/tone/learned.tsv` and
/// `OUT/tone/learned.toml`; returns the cross-validation report of the training calibration.
pub fn run(
    labels: &[PathBuf],
    data: Option<&Path>,
    out: &Path,
    lex: &ToneModel,
    o: &TrainOptions,
) -> anyhow::Result<String> {
    let data = data_dir(labels, data);
    let (items, sources) = load_with_sources(labels, &data)?;
    if items.is_empty() {
        anyhow::bail!(
            "{}: no labelled items; nothing to train on",
            labels
                .iter()
                .map(|l| l.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let feats = item_features(&items, lex);
    let all: Vec<usize> = (0..items.len()).collect();
    let mut l = train(&items, &feats, &all, o);
    l.meta.trained_on = sources;
    let dir = out.join("tone");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let meta = toml::to_string(&l.meta).context("cannot write learned.toml")?;
    let meta = format!(
        "# Calibration and cross-validated rates of the learned tone model (written by `baohoa train tone`).\n\
         # p = 1 / (1 + exp(-(platt_a·z + platt_b))); cv_rates: TPR/FPR of held-out folds per probability threshold.\n{meta}"
    );
    write_atomic(&dir.join("learned.toml"), meta.as_bytes())?;
    write_atomic(&dir.join("learned.tsv"), l.to_tsv().as_bytes())?;
    let mut report = format!(
        "trained on {} items ({} features); wrote {}/learned.tsv and learned.toml\n",
        items.len(),
        l.names.len(),
        dir.display()
    );
    for (name, m) in [("negative", &l.meta.negative), ("sensational", &l.meta.sensational)] {
        let t = match name {
            "negative" => lex.settings.item.negative_probability,
            _ => lex.settings.item.sensational_probability,
        };
        if let Some((tpr, fpr)) = m.rates_at(f64::from(t)) {
            out_line(&mut report, name, t, tpr, fpr, m);
        }
    }
    Ok(report)
}

fn out_line(report: &mut String, name: &str, t: f32, tpr: f64, fpr: f64, m: &TaskMeta) {
    let pos = m.cv_positives as f64;
    let neg = (m.cv_items - m.cv_positives.min(m.cv_items)) as f64;
    let tp = tpr * pos;
    let fp = fpr * neg;
    let prec = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let f1 = if prec + tpr > 0.0 {
        2.0 * prec * tpr / (prec + tpr)
    } else {
        0.0
    };
    report.push_str(&format!(
        "{name} at p ≥ {t}: held-out TPR {tpr:.3} FPR {fpr:.3} precision {prec:.3} F1 {f1:.3}\n"
    ));
}

fn write_atomic(p: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = p.with_extension("tmp");
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, p).with_context(|| format!("cannot rename {} to {}", tmp.display(), p.display()))
}
