//! Negativity and sensationalism of one item (title, lead, body), with the matched evidence.
pub mod cli;
pub mod learn;
pub mod learned;
pub mod lexicons;
pub mod ratio;
pub mod rules;
pub mod settings;
pub mod table;

use serde::{Deserialize, Serialize};

pub use cli::cli;
pub use learned::{Learned, LearnedMeta, Reason, Task};
pub use lexicons::{Automata, Entry, Kind};
pub use ratio::{ToneRatio, guidance_exceeded, ratio, ratio_with_model_error, wilson, wilson_z};
pub use settings::ToneSettings;

use crate::model_files::ModelFiles;
use crate::text::normalize::nfc;

/// Compiled tone lexicons and settings, built once per run.
#[derive(Debug, Clone)]
pub struct ToneModel {
    /// Negative terms plus context phrases (neutral, dampen) in one automaton pair.
    pub negative: Automata,
    /// Sensational terms (titles).
    pub sensational: Automata,
    pub settings: ToneSettings,
    /// The learned item model (`tone/learned.tsv`, `tone/learned.toml`).
    pub learned: Learned,
}

impl ToneModel {
    /// Loads the lexicons, `tone/settings.toml` and the learned weights (`tone/learned.tsv`, `.toml`).
    pub fn load(files: &ModelFiles) -> anyhow::Result<Self> {
        let mut m = Self::load_lexicons(files)?;
        m.learned = Learned::parse(
            &files.text("tone/learned.tsv")?,
            &files.text("tone/learned.toml")?,
            "tone/learned",
        )?;
        if !m.learned.index.contains_key("bias") {
            anyhow::bail!(
                "tone/learned.tsv has no `bias` row: it is not a trained model; run `baohoa train tone` or remove the file from --models"
            );
        }
        Ok(m)
    }

    /// Loads `tone/negative.tsv`, `tone/context.tsv`, `tone/sensational.tsv`, `tone/settings.toml`,
    /// without learned weights (what training starts from).
    pub fn load_lexicons(files: &ModelFiles) -> anyhow::Result<Self> {
        let mut neg = lexicons::parse_negative(&files.text("tone/negative.tsv")?, "tone/negative.tsv")?;
        neg.extend(lexicons::parse_context(
            &files.text("tone/context.tsv")?,
            "tone/context.tsv",
        )?);
        let sens = lexicons::parse_sensational(&files.text("tone/sensational.tsv")?, "tone/sensational.tsv")?;
        let settings = ToneSettings::parse(&files.text("tone/settings.toml")?, "tone/settings.toml")?;
        Ok(ToneModel {
            negative: Automata::build(neg)?,
            sensational: Automata::build(sens)?,
            settings,
            learned: Learned::default(),
        })
    }
}

/// Which field of the item a match is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    Lead,
    Body,
}

/// One piece of evidence: a lexicon phrase or rule found in a field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToneMatch {
    pub field: Field,
    /// Byte range in the field as given (after NFC, which leaves NFC input unchanged).
    pub start: usize,
    pub end: usize,
    /// The text as written at that range.
    pub text: String,
    /// The lexicon phrase (or rule name).
    pub term: String,
    pub kind: Kind,
    /// Negative category, sensational kind, or context effect.
    pub category: String,
    /// Effective weight: negative weight after context, sensational points, or dampen factor.
    pub weight: f32,
    /// Context only: the kind of context (context.tsv's group column).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
}

/// The tone of one item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tone {
    /// Calibrated probability ≥ `item.negative_probability`.
    pub negative: bool,
    /// Calibrated probability ≥ `item.sensational_probability`.
    pub sensational: bool,
    /// Calibrated probabilities of the learned model.
    #[serde(default)]
    pub probability: f32,
    #[serde(default)]
    pub sensational_probability: f32,
    /// The features that pulled the negative (sensational) decision most, strongest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Reason>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sensational_reasons: Vec<Reason>,
    /// Lexicon score: title + lead_weight·lead + capped body part (a feature of the learned model).
    pub score: f32,
    /// The body's part of `score` (body_weight·body points, capped at body_cap). The learned model
    /// reads `score − body_score` (its labelled items have no body) and adds the body with the fixed
    /// weight `item.body_logit`.
    #[serde(default)]
    pub body_score: f32,
    /// Sensational lexicon points of the title (a feature of the learned model).
    pub sensational_score: f32,
    /// Negative categories found, strongest first.
    pub categories: Vec<String>,
    pub matches: Vec<ToneMatch>,
    /// Fields read as Vietnamese without diacritics (matched on folded text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no_diacritics: Vec<Field>,
}

/// A dampener in force: factor and the categories it weakens (empty = all).
#[derive(Clone, Copy)]
struct Damp<'a> {
    factor: f32,
    scope: &'a [String],
}

fn damp_factor(damps: &[Damp<'_>], category: &str) -> f32 {
    damps
        .iter()
        .filter(|d| d.scope.is_empty() || d.scope.iter().any(|s| s == category))
        .map(|d| d.factor)
        .fold(1.0, f32::min)
}

/// Hits of an automaton in a field, exact pass plus folded pass when the field lacks diacritics.
fn field_hits(a: &Automata, text: &str, folded: bool) -> Vec<(usize, crate::text::lexicon::Hit)> {
    let mut hits = a.find(text, false);
    if folded {
        hits.extend(a.find(text, true));
        hits.sort_by_key(|(e, h)| (h.start, std::cmp::Reverse(h.end), *e));
        hits.dedup_by(|x, y| x.0 == y.0 && x.1.start == y.1.start);
    }
    hits
}

struct FieldResult {
    score: f32,
    categories: Vec<(String, f32)>,
}

/// Scores the negative terms of one field; pushes evidence into `matches`.
fn score_field<'m>(
    model: &'m ToneModel,
    field: Field,
    text: &str,
    folded: bool,
    inherited: &mut Vec<Damp<'m>>,
    matches: &mut Vec<ToneMatch>,
) -> FieldResult {
    let entries = &model.negative.entries;
    let hits = field_hits(&model.negative, text, folded);
    let mut damps: Vec<Damp<'m>> = Vec::new();
    for (e, _) in &hits {
        if let Some(en) = entries.get(*e)
            && en.kind == Kind::Dampen
        {
            damps.push(Damp {
                factor: en.weight,
                scope: &en.scope,
            });
        }
    }
    let all_damps: Vec<Damp<'_>> = inherited.iter().chain(damps.iter()).copied().collect();
    let factor_of = |cat: &str| damp_factor(&all_damps, cat);
    let mut seen: Vec<usize> = Vec::new();
    let mut score = 0.0f32;
    let mut categories: Vec<(String, f32)> = Vec::new();
    let cap = model.settings.item.max_matches_per_field;
    let mut quoted = 0usize;
    for (e, h) in &hits {
        let Some(en) = entries.get(*e) else { continue };
        let weight = match en.kind {
            Kind::Negative => {
                let w = en.weight * factor_of(&en.category);
                if !seen.contains(e) {
                    seen.push(*e);
                    score += w;
                    match categories.iter_mut().find(|(c, _)| *c == en.category) {
                        Some((_, s)) => *s += w,
                        None => categories.push((en.category.clone(), w)),
                    }
                }
                w
            }
            _ => en.weight,
        };
        if quoted < cap {
            quoted += 1;
            matches.push(ToneMatch {
                field,
                start: h.start,
                end: h.end,
                text: text.get(h.start..h.end).unwrap_or_default().to_string(),
                term: en.phrase.clone(),
                kind: en.kind,
                category: en.category.clone(),
                weight,
                group: en.group.clone(),
            });
        }
    }
    if field == Field::Title {
        inherited.extend(damps);
    }
    FieldResult { score, categories }
}

/// Sensational points of one field (lexicon + title rules); pushes evidence into `matches`.
fn sensational_field(model: &ToneModel, field: Field, text: &str, folded: bool, matches: &mut Vec<ToneMatch>) -> f32 {
    let mut points = 0.0f32;
    let mut seen: Vec<usize> = Vec::new();
    for (e, h) in field_hits(&model.sensational, text, folded) {
        let Some(en) = model.sensational.entries.get(e) else {
            continue;
        };
        if !seen.contains(&e) {
            seen.push(e);
            points += en.weight;
        }
        matches.push(ToneMatch {
            field,
            start: h.start,
            end: h.end,
            text: text.get(h.start..h.end).unwrap_or_default().to_string(),
            term: en.phrase.clone(),
            kind: Kind::Sensational,
            category: en.category.clone(),
            weight: en.weight,
            group: String::new(),
        });
    }
    for r in rules::title_rules(text, &model.settings.rules) {
        points += r.points;
        matches.push(ToneMatch {
            field,
            start: r.start,
            end: r.end,
            text: text.get(r.start..r.end).unwrap_or_default().to_string(),
            term: r.name.to_string(),
            kind: Kind::Rule,
            category: "punctuation".to_string(),
            weight: r.points,
            group: String::new(),
        });
    }
    points
}

/// How many reasons an item's result lists per decision.
const REASONS: usize = 5;

/// Scores one item: lexicon evidence, then the learned model on the features of title and lead and
/// the lexicon score (where the body counts a capped quarter). The title weighs most.
pub fn score(model: &ToneModel, title: &str, lead: &str, body: &str) -> Tone {
    score_item(model, title, lead, body, "")
}

/// [`score`] of an item with its URL (the words of its last path segment are features too).
pub fn score_item(model: &ToneModel, title: &str, lead: &str, body: &str, url: &str) -> Tone {
    let mut tone = lexicon_score(model, title, lead, body);
    let title = nfc(title);
    let lead = nfc(lead);
    let l = &model.learned;
    let ([mut zn, zs], [mut why_n, why_s]) = l.item_logits(&tone, &title, &lead, url, &model.settings, REASONS);
    // The body: a fixed, small pull (the labelled items have no body to learn its weight from).
    let body_logit = model.settings.item.body_logit;
    if tone.body_score > 0.0 && body_logit != 0.0 {
        let c = tone.body_score * body_logit;
        zn += f64::from(c);
        why_n.push(Reason {
            feature: "lex:body".into(),
            value: tone.body_score,
            weight: body_logit,
            contribution: c,
        });
        why_n.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()));
        why_n.truncate(REASONS);
    }
    let pn = l.calibrate(zn, Task::Negative);
    let ps = l.calibrate(zs, Task::Sensational);
    tone.probability = round3(pn) as f32;
    tone.sensational_probability = round3(ps) as f32;
    tone.negative = pn >= f64::from(model.settings.item.negative_probability);
    tone.sensational = ps >= f64::from(model.settings.item.sensational_probability);
    tone.reasons = why_n.into_iter().filter(|r| r.contribution > 0.0).collect();
    tone.sensational_reasons = why_s.into_iter().filter(|r| r.contribution > 0.0).collect();
    tone
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The lexicon part of [`score`]: matched terms, categories and the lexicon scores; `negative` and
/// `sensational` say whether the lexicon scores reach `negative_threshold` / `sensational_threshold`.
pub fn lexicon_score(model: &ToneModel, title: &str, lead: &str, body: &str) -> Tone {
    let s = &model.settings;
    let mut tone = Tone::default();
    let mut inherited: Vec<Damp<'_>> = Vec::new();
    let mut total = 0.0f32;
    let mut cats: Vec<(String, f32)> = Vec::new();
    let title = nfc(title);
    let mut sens = 0.0f32;
    for (field, raw) in [(Field::Title, title.as_str()), (Field::Lead, lead), (Field::Body, body)] {
        if raw.trim().is_empty() {
            continue;
        }
        let owned;
        let text = if field == Field::Title {
            raw
        } else {
            owned = crate::text::normalize::nfc_cow(raw);
            &*owned
        };
        let folded = rules::lacks_diacritics(text, &s.no_diacritics);
        if folded {
            tone.no_diacritics.push(field);
        }
        let r = score_field(model, field, text, folded, &mut inherited, &mut tone.matches);
        let k = match field {
            Field::Title => 1.0,
            Field::Lead => s.item.lead_weight,
            Field::Body => 0.0,
        };
        let part = if field == Field::Body {
            (r.score * s.item.body_weight).min(s.item.body_cap)
        } else {
            r.score * k
        };
        let scale = if r.score > 0.0 { part / r.score } else { 0.0 };
        total += part;
        if field == Field::Body {
            tone.body_score = (part * 1000.0).round() / 1000.0;
        }
        for (c, w) in r.categories {
            match cats.iter_mut().find(|(x, _)| *x == c) {
                Some((_, v)) => *v += w * scale,
                None => cats.push((c, w * scale)),
            }
        }
        match field {
            Field::Title => sens += sensational_field(model, field, text, folded, &mut tone.matches),
            Field::Lead if s.item.lead_sensational_weight > 0.0 => {
                let mut m = Vec::new();
                let p = sensational_field(model, field, text, folded, &mut m);
                sens += p * s.item.lead_sensational_weight;
                tone.matches.extend(m);
            }
            _ => {}
        }
    }
    cats.retain(|(_, w)| *w > 0.0);
    cats.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    tone.categories = cats.into_iter().map(|(c, _)| c).collect();
    tone.score = (total * 1000.0).round() / 1000.0;
    tone.sensational_score = (sens * 1000.0).round() / 1000.0;
    tone.negative = total >= s.item.negative_threshold;
    tone.sensational = sens >= s.item.sensational_threshold;
    tone
}

#[cfg(test)]
mod tests;
