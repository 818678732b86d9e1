//! The learned item model: features of an item and the logistic weights of `models/tone/learned.tsv`.
//!
//! Features (names are the first column of `learned.tsv`):
//! - `bias`, `lex:score` (the lexicon score of title + ½ lead, see settings.toml; the body is not a
//!   learned feature: `tone::score_item` adds it with the fixed weight `item.body_logit`),
//!   `lex:negative`, `lex:sensational` (the lexicon scores reach their thresholds);
//! - `t:cat:CATEGORY`, `l:cat:CATEGORY`: negative-lexicon weight per category in title / lead
//!   (after context), `t:term:TERM`, `l:term:TERM`: each negative term found;
//! - `t:ctx:neutral|dampen`, `l:ctx:…`: context phrases found; `t:ctxg:GROUP`, `l:ctxg:…`: their
//!   group (negation, sport, civic…, context.tsv's last column);
//! - `t:sens:KIND`, `t:sterm:TERM`, `t:rule:RULE`, `l:sens:KIND`: sensational lexicon and title rules;
//! - `t:shape:question|colon|quote|exclaim|digit`: title shape;
//! - `t:w:GRAM`, `l:w:GRAM`: syllable 1- and 2-grams of title and lead (lower case, `_` read as a
//!   space, numbers as `#`), one per item; `w:GRAM`: the same in one space (title 1, lead ½);
//! - `u:w:GRAM`: 1- and 2-grams of the words of the URL's last path segment (the headline without
//!   diacritics on most news sites).
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::lexicons::Kind;
use super::table::FeatureTable;
use super::{Field, Tone};
use crate::model_files::tsv_rows;

/// The two item tasks, in the column order of `learned.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    Negative,
    Sensational,
}

/// Cross-validated true- and false-positive rates at one probability threshold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rates {
    pub threshold: f64,
    pub tpr: f64,
    pub fpr: f64,
}

/// What training measured for one task (written by `baohoa train tone`, read at scan time).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TaskMeta {
    /// Platt calibration of the raw score z: p = 1 / (1 + exp(-(a·z + b))), fitted on held-out folds.
    pub platt_a: f64,
    pub platt_b: f64,
    /// L2 penalty the weights were trained with.
    pub l2: f64,
    /// Items in the cross-validation, and how many were positive.
    pub cv_items: u64,
    pub cv_positives: u64,
    /// Cross-validated rates at thresholds 0.05, 0.10, … 0.95 of the calibrated probability.
    pub cv_rates: Vec<Rates>,
    /// The item threshold the share errors below were measured at (classify and count).
    pub share_threshold: f64,
    /// Groups (UIT-ViON topics, ClickBait_ICD categories, each of at least 30 items) whose share
    /// was measured on held-out folds.
    pub share_groups: u64,
    /// Mean absolute error of a group's counted share against its labelled share.
    pub share_mae: f64,
    /// 95th percentile of that error over the groups: the model error a site share carries.
    pub share_error: f64,
}

impl TaskMeta {
    /// TPR and FPR at `threshold` (linear between the tabulated thresholds); None without a table.
    pub fn rates_at(&self, threshold: f64) -> Option<(f64, f64)> {
        let r = &self.cv_rates;
        let first = r.first()?;
        if threshold <= first.threshold {
            return Some((first.tpr, first.fpr));
        }
        for w in r.windows(2) {
            if let [a, b] = w
                && threshold <= b.threshold
            {
                let span = (b.threshold - a.threshold).max(1e-12);
                let t = (threshold - a.threshold) / span;
                return Some((a.tpr + t * (b.tpr - a.tpr), a.fpr + t * (b.fpr - a.fpr)));
            }
        }
        r.last().map(|l| (l.tpr, l.fpr))
    }
}

/// One labels file a model was trained on, so a reviewer can tell which labels made the weights.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LabelsSource {
    pub file: String,
    pub items: u64,
    pub sha256: String,
}

/// `learned.toml`: calibration and cross-validation figures of both tasks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LearnedMeta {
    /// Labelled items the shipped weights were trained on.
    pub trained_items: u64,
    /// The labels files they came from (file name, items, sha256 of the file).
    pub trained_on: Vec<LabelsSource>,
    pub negative: TaskMeta,
    pub sensational: TaskMeta,
}

impl LearnedMeta {
    pub fn task(&self, t: Task) -> &TaskMeta {
        match t {
            Task::Negative => &self.negative,
            Task::Sensational => &self.sensational,
        }
    }
}

/// Weights of both tasks by feature name, plus calibration. Build it with [`Learned::new`] (or
/// [`Learned::parse`]), which also builds the scoring table.
#[derive(Debug, Clone, Default)]
pub struct Learned {
    pub index: HashMap<String, usize>,
    pub names: Vec<String>,
    /// Per feature: [negative, sensational].
    pub weights: Vec<[f32; 2]>,
    pub meta: LearnedMeta,
    /// The names in a flat look-up table for scoring ([`Learned::item_logits`]); empty when the
    /// struct was filled by hand, and then scoring builds the full feature vector instead.
    table: FeatureTable,
}

/// One feature's pull on a decision: value × weight (the logit it adds before calibration).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub feature: String,
    pub value: f32,
    pub weight: f32,
    pub contribution: f32,
}

impl Learned {
    /// A model of `names` with `weights`, in the same order (extra rows of either are dropped).
    /// The names must be distinct ([`Learned::parse`] checks; a feature index is a set).
    pub fn new(mut names: Vec<String>, mut weights: Vec<[f32; 2]>, meta: LearnedMeta) -> Self {
        let n = names.len().min(weights.len());
        names.truncate(n);
        weights.truncate(n);
        let index: HashMap<String, usize> = names.iter().enumerate().map(|(i, n)| (n.clone(), i)).collect();
        let table = FeatureTable::build(&names, binary_feature).unwrap_or_default();
        Learned {
            index,
            names,
            weights,
            meta,
            table,
        }
    }

    /// Parses `learned.tsv` (feature, negative weight, sensational weight) and `learned.toml`.
    pub fn parse(tsv: &str, toml_text: &str, origin: &str) -> anyhow::Result<Self> {
        let meta: LearnedMeta = toml::from_str(toml_text)
            .map_err(|e| anyhow::anyhow!("{origin}.toml: {e}; retrain with `baohoa train tone` or fix the value"))?;
        let mut names: Vec<String> = Vec::new();
        let mut weights: Vec<[f32; 2]> = Vec::new();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (line, cells) in tsv_rows(tsv, true) {
            let [name, neg, sens, ..] = cells.as_slice() else {
                anyhow::bail!("{origin}.tsv line {line}: expected feature, negative, sensational separated by tabs");
            };
            let w = |c: &str| {
                c.parse::<f32>()
                    .ok()
                    .filter(|w| w.is_finite() && w.abs() <= 1000.0)
                    .ok_or_else(|| anyhow::anyhow!("{origin}.tsv line {line}: weight {c:?} is not a number"))
            };
            let ws = [w(neg)?, w(sens)?];
            if seen.insert(name, line).is_some() {
                anyhow::bail!("{origin}.tsv line {line}: feature {name:?} is listed twice; keep one line");
            }
            names.push((*name).to_string());
            weights.push(ws);
        }
        Ok(Learned::new(names, weights, meta))
    }

    /// Writes the weights as `learned.tsv` text: a header comment, then one feature per line,
    /// strongest first.
    pub fn to_tsv(&self) -> String {
        let mut rows: Vec<usize> = (0..self.names.len()).collect();
        rows.sort_by(|&a, &b| {
            let ka = self.weights[a][0].abs().max(self.weights[a][1].abs());
            let kb = self.weights[b][0].abs().max(self.weights[b][1].abs());
            kb.total_cmp(&ka).then_with(|| self.names[a].cmp(&self.names[b]))
        });
        let mut s = String::from(
            "# Learned weights of the tone item model (written by `baohoa train tone`; see README, \"Retraining the tone model\").\n\
             # A feature's weight times its value is added to the item's logit; calibration is in learned.toml.\n\
             # Feature names are explained in src/tone/learned.rs. Strongest first.\n\
             feature\tnegative\tsensational\n",
        );
        for i in rows {
            let [n, se] = self.weights[i];
            s.push_str(&format!("{}\t{}\t{}\n", self.names[i], fmt_w(n), fmt_w(se)));
        }
        s
    }

    /// Raw scores (logits before calibration) of a feature vector for both tasks [negative,
    /// sensational], in one pass (one look-up per feature), and each task's `reasons` strongest
    /// features (the bias excluded).
    pub fn logits(&self, feats: &[(String, f32)], reasons: usize) -> ([f64; 2], [Vec<Reason>; 2]) {
        let known = feats
            .iter()
            .filter_map(|(name, v)| self.index.get(name).map(|&i| (i as u32, *v)));
        self.sum(known, reasons)
    }

    /// Logits and reasons of one item, as [`Learned::logits`] of [`features`] gives them, but
    /// through the table: only the names the model has are kept, each found with one probe.
    pub fn item_logits(
        &self,
        lex: &Tone,
        title: &str,
        lead: &str,
        url: &str,
        s: &super::ToneSettings,
        reasons: usize,
    ) -> ([f64; 2], [Vec<Reason>; 2]) {
        let t = &self.table;
        if t.is_empty() {
            return self.logits(&features(lex, title, lead, url, s), reasons);
        }
        let mut ids: Vec<(u32, f32)> = Vec::with_capacity(128);
        collect(
            &mut Sink::new(|name, v| {
                if let Some(i) = t.get(name) {
                    ids.push((i, v));
                }
            }),
            lex,
            title,
            lead,
            url,
            s,
        );
        // Name order (the rank) and duplicates merged as [`features`] does: the same sums in the
        // same order.
        ids.sort_by_key(|&(i, _)| t.rank.get(i as usize).copied().unwrap_or(u32::MAX));
        let merged = merge_sorted(ids, |&i| t.binary.get(i as usize).copied().unwrap_or(true));
        self.sum(merged.into_iter(), reasons)
    }

    /// The weighted sums of features given by position, in the order given, and each task's
    /// `reasons` strongest (by contribution, then name; the bias excluded).
    fn sum(&self, feats: impl Iterator<Item = (u32, f32)>, reasons: usize) -> ([f64; 2], [Vec<Reason>; 2]) {
        let name = |i: u32| self.names.get(i as usize).map_or("", String::as_str);
        let mut z = [0.0f64; 2];
        // (position, value, weight, contribution) of every nonzero term, per task.
        let mut hits: [Vec<(u32, f32, f32, f32)>; 2] = [Vec::new(), Vec::new()];
        for (i, v) in feats {
            let Some(w) = self.weights.get(i as usize) else {
                continue;
            };
            for col in 0..2 {
                if w[col] != 0.0 {
                    z[col] += f64::from(w[col]) * f64::from(v);
                    if reasons > 0 && name(i) != "bias" {
                        hits[col].push((i, v, w[col], w[col] * v));
                    }
                }
            }
        }
        let why = hits.map(|mut h| {
            h.sort_by(|a, b| b.3.abs().total_cmp(&a.3.abs()).then_with(|| name(a.0).cmp(name(b.0))));
            h.truncate(reasons);
            h.into_iter()
                .map(|(i, value, weight, contribution)| Reason {
                    feature: name(i).to_owned(),
                    value,
                    weight,
                    contribution,
                })
                .collect()
        });
        (z, why)
    }

    /// Calibrated probabilities [negative, sensational] of a feature vector.
    pub fn probabilities(&self, feats: &[(String, f32)]) -> [f64; 2] {
        let ([zn, zs], _) = self.logits(feats, 0);
        [
            self.calibrate(zn, Task::Negative),
            self.calibrate(zs, Task::Sensational),
        ]
    }

    /// Calibrated probability of a raw score.
    pub fn calibrate(&self, z: f64, task: Task) -> f64 {
        let m = self.meta.task(task);
        sigmoid(m.platt_a * z + m.platt_b)
    }
}

fn fmt_w(w: f32) -> String {
    let s = format!("{w:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" { "0".into() } else { s.into() }
}

/// The logistic function.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// The features of one item from its lexicon result and texts, merged and sorted by name.
pub fn features(lex: &Tone, title: &str, lead: &str, url: &str, s: &super::ToneSettings) -> Vec<(String, f32)> {
    let mut out: Vec<(String, f32)> = Vec::with_capacity(64);
    collect(
        &mut Sink::new(|name, v| out.push((name.to_owned(), v))),
        lex,
        title,
        lead,
        url,
        s,
    );
    out.sort_by(|a, b| a.0.cmp(&b.0));
    merge_sorted(out, |n| binary_feature(n))
}

/// Hands each feature name, built once in a reused buffer, to `emit` with its value.
struct Sink<F: FnMut(&str, f32)> {
    buf: String,
    emit: F,
}

impl<F: FnMut(&str, f32)> Sink<F> {
    fn new(emit: F) -> Self {
        Sink {
            buf: String::with_capacity(64),
            emit,
        }
    }

    fn push(&mut self, parts: &[&str], v: f32) {
        self.buf.clear();
        for p in parts {
            self.buf.push_str(p);
        }
        (self.emit)(&self.buf, v);
    }
}

/// Pushes every feature of the item into `sink`, unmerged.
fn collect(
    sink: &mut Sink<impl FnMut(&str, f32)>,
    lex: &Tone,
    title: &str,
    lead: &str,
    url: &str,
    s: &super::ToneSettings,
) {
    sink.push(&["bias"], 1.0);
    // Title and lead only: the body enters the logit with a fixed weight (tone::score_item).
    let head = lex.score - lex.body_score;
    if head > 0.0 {
        sink.push(&["lex:score"], head.min(4.0));
    }
    if head >= s.item.negative_threshold {
        sink.push(&["lex:negative"], 1.0);
    }
    if lex.sensational_score >= s.item.sensational_threshold {
        sink.push(&["lex:sensational"], 1.0);
    }
    let mut seen_terms: Vec<(Field, &str)> = Vec::new();
    for m in &lex.matches {
        let p = match m.field {
            Field::Title => "t",
            Field::Lead => "l",
            Field::Body => continue,
        };
        match m.kind {
            Kind::Negative => {
                sink.push(&[p, ":cat:", &m.category], m.weight);
                if !seen_terms.contains(&(m.field, m.term.as_str())) {
                    seen_terms.push((m.field, m.term.as_str()));
                    sink.push(&[p, ":term:", &m.term], 1.0);
                }
            }
            Kind::Neutral | Kind::Dampen => {
                sink.push(&[p, ":ctx:", &m.category], 1.0);
                if !m.group.is_empty() {
                    sink.push(&[p, ":ctxg:", &m.group], 1.0);
                }
            }
            Kind::Sensational => {
                sink.push(&[p, ":sens:", &m.category], m.weight);
                if m.field == Field::Title && !seen_terms.contains(&(m.field, m.term.as_str())) {
                    seen_terms.push((m.field, m.term.as_str()));
                    sink.push(&["t:sterm:", &m.term], 1.0);
                }
            }
            Kind::Rule => sink.push(&[p, ":rule:", &m.term], 1.0),
        }
    }
    let t = title.trim();
    let shape = [
        ("question", t.ends_with('?')),
        ("colon", t.contains(':')),
        ("quote", t.contains(['"', '“', '”', '‘', '’', '\''])),
        ("exclaim", t.contains('!')),
        ("digit", t.chars().any(|c| c.is_ascii_digit())),
    ];
    for (name, on) in shape {
        if on {
            sink.push(&["t:shape:", name], 1.0);
        }
    }
    let title_low = gram_text(title);
    let lead_low = gram_text(lead);
    let title_syl = syllables(&title_low);
    let lead_syl = syllables(&lead_low);
    ngrams(&title_syl, "t:w:", 1.0, sink, &[]);
    ngrams(&lead_syl, "l:w:", 1.0, sink, &[]);
    // The same n-grams in one space for both fields (a lead n-gram counts half, and is left out
    // when the title has it), so what titles teach reaches leads and the other way round.
    ngrams(&title_syl, "w:", 1.0, sink, &[]);
    let mut title_grams = grams(&title_syl);
    title_grams.sort_unstable();
    ngrams(&lead_syl, "w:", 0.5, sink, &title_grams);
    slug_ngrams(url, title, sink);
}

/// A syllable 1-gram (`None` second) or 2-gram.
type Gram<'s> = (&'s str, Option<&'s str>);

/// The 1- and 2-grams of a syllable list.
fn grams<'s>(syl: &[&'s str]) -> Vec<Gram<'s>> {
    let mut out = Vec::with_capacity(syl.len() * 2);
    for (i, w) in syl.iter().enumerate() {
        out.push((*w, None));
        if let Some(next) = syl.get(i + 1) {
            out.push((*w, Some(*next)));
        }
    }
    out
}

/// Whether a feature counts once however often it is found (n-grams, terms, rules); the others
/// (lexicon sums) add up, capped at 3.
fn binary_feature(name: &str) -> bool {
    is_gram(name) || name.contains(":term:") || name.contains(":rule:")
}

/// Whether a feature name is an n-gram (binary, and kept only when frequent enough in training).
pub fn is_gram(name: &str) -> bool {
    ["t:w:", "l:w:", "w:", "u:w:"].iter().any(|p| name.starts_with(p))
}

/// Sums adjacent duplicates of sorted features (capped at 3 for lexicon sums; `binary` ones,
/// n-grams and terms and rules, keep their first value).
fn merge_sorted<K: PartialEq>(v: Vec<(K, f32)>, binary: impl Fn(&K) -> bool) -> Vec<(K, f32)> {
    let mut out: Vec<(K, f32)> = Vec::with_capacity(v.len());
    for (n, x) in v {
        match out.last_mut() {
            Some((ln, lx)) if *ln == n => {
                if !binary(&n) {
                    *lx = (*lx + x).min(3.0);
                }
            }
            _ => out.push((n, x)),
        }
    }
    out
}

/// The words of an article URL's last path segment ("bat-giu-27-con-bac-20160505.htm" →
/// bat, giu, #, con, bac): most Vietnamese news sites write the headline there without diacritics.
pub fn slug_words(url: &str) -> Vec<&str> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = path.split_once("://").map_or(path, |(_, r)| r);
    let Some((_, path)) = path.split_once('/') else {
        return Vec::new();
    };
    let last = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("");
    let last = last
        .rsplit_once('.')
        .map_or(last, |(a, ext)| if ext.len() <= 5 { a } else { last });
    let words: Vec<&str> = last.split(['-', '_']).filter(|w| !w.is_empty()).collect();
    if words.len() < 3 {
        return Vec::new();
    }
    words
        .into_iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(|w| if w.chars().any(|c| c.is_ascii_digit()) { "#" } else { w })
        .take(40)
        .collect()
}

/// The slug's 1- and 2-grams. When the title is written with diacritics, slug words that only
/// repeat (without diacritics) a word of the title are left out: the title's own n-grams already
/// carry them, and counting them twice would make every headline slug a second vote.
fn slug_ngrams(url: &str, title: &str, sink: &mut Sink<impl FnMut(&str, f32)>) {
    let words: Vec<String> = slug_words(url).iter().map(|w| w.to_ascii_lowercase()).collect();
    if words.is_empty() {
        return;
    }
    let lower = crate::text::normalize::lower(title);
    let folded = crate::text::normalize::fold(&lower);
    let repeated: std::collections::HashSet<&str> = if folded != lower {
        crate::text::tokens::words(&folded).collect()
    } else {
        std::collections::HashSet::new()
    };
    let keep: Vec<bool> = words.iter().map(|w| !repeated.contains(w.as_str())).collect();
    for (i, a) in words.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        if a != "#" {
            sink.push(&["u:w:", a], 1.0);
        }
        if let (Some(b), Some(true)) = (words.get(i + 1), keep.get(i + 1)) {
            sink.push(&["u:w:", a, " ", b], 1.0);
        }
    }
}

/// A field's text as n-grams read it: lower case, `_` (word-segmented corpora) as a space.
fn gram_text(text: &str) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    text.chars()
        .map(|c| {
            if c == '_' {
                ' '
            } else {
                crate::text::normalize::lower_char(c)
            }
        })
        .collect()
}

/// The first 200 syllables of a [`gram_text`], numbers as `#`.
fn syllables(lower: &str) -> Vec<&str> {
    crate::text::tokens::words(lower)
        .take(200)
        .map(|w| {
            if w.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
                "#"
            } else {
                w
            }
        })
        .collect()
}

/// Syllable 1- and 2-grams with a name prefix and value; grams in `skip` (sorted) are left out.
fn ngrams(syl: &[&str], prefix: &str, value: f32, sink: &mut Sink<impl FnMut(&str, f32)>, skip: &[Gram<'_>]) {
    let skipped = |g: Gram<'_>| !skip.is_empty() && skip.binary_search(&g).is_ok();
    for (i, w) in syl.iter().enumerate() {
        if !skipped((w, None)) {
            sink.push(&[prefix, w], value);
        }
        if let Some(next) = syl.get(i + 1)
            && !skipped((w, Some(next)))
        {
            sink.push(&[prefix, w, " ", next], value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_interpolate() {
        let m = TaskMeta {
            cv_rates: vec![
                Rates {
                    threshold: 0.4,
                    tpr: 0.9,
                    fpr: 0.1,
                },
                Rates {
                    threshold: 0.5,
                    tpr: 0.8,
                    fpr: 0.05,
                },
            ],
            ..TaskMeta::default()
        };
        let (t, f) = m.rates_at(0.45).unwrap_or_default();
        assert!((t - 0.85).abs() < 1e-9 && (f - 0.075).abs() < 1e-9);
        assert_eq!(m.rates_at(0.1), Some((0.9, 0.1)));
        assert_eq!(TaskMeta::default().rates_at(0.5), None);
    }

    #[test]
    fn weights_round_trip_and_bad_rows() {
        let l = Learned::parse(
            "feature\tnegative\tsensational\nbias\t-1.5\t-2\nt:w:cướp\t2.25\t0\n",
            "",
            "learned",
        )
        .unwrap_or_default();
        assert_eq!(l.names.len(), 2);
        let again = Learned::parse(&l.to_tsv(), "", "learned").unwrap_or_default();
        assert_eq!(again.weights, vec![[2.25, 0.0], [-1.5, -2.0]]);
        assert!(Learned::parse("feature\tnegative\tsensational\nbias\tx\t0\n", "", "learned").is_err());
        assert!(
            Learned::parse(
                "feature\tnegative\tsensational\nbias\t1\t0\nbias\t1\t0\n",
                "",
                "learned"
            )
            .is_err()
        );
    }

    #[test]
    fn both_logits_in_one_pass_sum_each_tasks_weights() {
        let l = Learned::parse(
            "feature\tnegative\tsensational\nbias\t-1.5\t-2\nt:w:cướp\t2.25\t0\nt:w:sốc\t0.5\t1.75\nw:xe\t-0.25\t0.125\n",
            "",
            "test",
        )
        .expect("weights parse");
        let feats: Vec<(String, f32)> = [
            ("bias", 1.0),
            ("t:w:cướp", 1.0),
            ("t:w:sốc", 1.0),
            ("u:w:unknown", 1.0),
            ("w:xe", 0.5),
        ]
        .iter()
        .map(|(n, v)| ((*n).to_string(), *v))
        .collect();
        let (z, why) = l.logits(&feats, 2);
        // negative: -1.5 + 2.25 + 0.5 - 0.125; sensational: -2 + 1.75 + 0.0625 (exact in binary).
        assert_eq!(z, [1.125, -0.1875]);
        let names = |r: &[Reason]| {
            r.iter()
                .map(|r| (r.feature.clone(), r.weight, r.contribution))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(&why[0]),
            [("t:w:cướp".to_string(), 2.25, 2.25), ("t:w:sốc".to_string(), 0.5, 0.5)]
        );
        // A zero weight is no reason; the bias never is; the unknown feature adds nothing.
        assert_eq!(
            names(&why[1]),
            [("t:w:sốc".to_string(), 1.75, 1.75), ("w:xe".to_string(), 0.125, 0.0625)]
        );
        assert!(l.logits(&feats, 0).1.iter().all(Vec::is_empty));
    }

    #[test]
    fn ngrams_read_segmented_titles_like_plain_ones() {
        let grams = |t: &str| {
            let low = gram_text(t);
            let mut out = Vec::new();
            ngrams(
                &syllables(&low),
                "t:w:",
                1.0,
                &mut Sink::new(|n, v| out.push((n.to_owned(), v))),
                &[],
            );
            out
        };
        let a = grams("bắt_giữ 27 con_bạc");
        assert_eq!(a, grams("Bắt giữ 27 con bạc"));
        assert!(a.iter().any(|(n, _)| n == "t:w:# con"));
    }
}
