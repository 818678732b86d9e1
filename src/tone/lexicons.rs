//! Tone lexicons (`models/tone/*.tsv`) compiled once into Aho-Corasick automata, exact and folded.
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::model_files::tsv_rows;
use crate::text::lexicon::{Fold, Hit, Lexicon, Prepared};

/// What a lexicon entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A negative term (negative.tsv).
    Negative,
    /// A phrase that is not negative although it contains a negative term (context.tsv).
    Neutral,
    /// A phrase that weakens negative terms in its field (context.tsv).
    Dampen,
    /// A sensational term (sensational.tsv).
    Sensational,
    /// A punctuation or capitals rule (no lexicon entry).
    Rule,
}

/// One row of a tone lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub phrase: String,
    pub kind: Kind,
    /// Category (negative), sensational kind, or effect name (context).
    pub category: String,
    pub weight: f32,
    /// Dampen only: the categories weakened; empty = all.
    pub scope: Vec<String>,
    pub vietnamese: bool,
    /// Context only: the kind of context (everyday, negation, sport…); empty elsewhere.
    pub group: String,
}

/// Entries plus two automata: as written (tones kept; `Fold::Verified`, found on folded text and
/// checked) and diacritic-folded (Vietnamese entries only, for text typed without diacritics).
#[derive(Debug, Clone)]
pub struct Automata {
    pub entries: Vec<Entry>,
    lower: Lexicon,
    lower_map: Vec<usize>,
    folded: Lexicon,
    folded_map: Vec<usize>,
}

impl Automata {
    /// Compiles `entries`; each phrase is added in both tone placements ("hoà"/"hòa").
    pub fn build(entries: Vec<Entry>) -> anyhow::Result<Self> {
        let mut lower_pats = Vec::new();
        let mut lower_map = Vec::new();
        let mut folded_pats = Vec::new();
        let mut folded_map = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for v in tone_variants(&e.phrase) {
                lower_pats.push(v);
                lower_map.push(i);
            }
            if e.vietnamese {
                folded_pats.push(e.phrase.clone());
                folded_map.push(i);
            }
        }
        Ok(Automata {
            lower: Lexicon::new(&lower_pats, Fold::Verified)?,
            lower_map,
            folded: Lexicon::new(&folded_pats, Fold::Diacritics)?,
            folded_map,
            entries,
        })
    }

    /// Hits in `text` as (entry index, hit); `folded` selects the diacritic-less automaton.
    pub fn find(&self, text: &str, folded: bool) -> Vec<(usize, Hit)> {
        let (lx, map, f) = if folded {
            (&self.folded, &self.folded_map, Fold::Diacritics)
        } else {
            (&self.lower, &self.lower_map, Fold::Verified)
        };
        lx.find(&Prepared::new(text, f))
            .into_iter()
            .filter_map(|h| map.get(h.entry).map(|&e| (e, h)))
            .collect()
    }
}

/// The phrase and, when a syllable ends in oa/oe/uy with a tone mark, the other tone placement.
fn tone_variants(phrase: &str) -> Vec<String> {
    let lower = crate::text::normalize::lower(phrase);
    let moved: Vec<String> = lower.split(' ').map(move_tone).collect();
    let alt = moved.join(" ");
    if alt == lower { vec![lower] } else { vec![lower, alt] }
}

fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// "hòa" ↔ "hoà", "thủy" ↔ "thuỷ", "khỏe" ↔ "khoẻ" (open syllables only; "qu" is a consonant).
fn move_tone(syl: &str) -> String {
    let d: Vec<char> = syl.nfd().collect();
    let Some(tpos) = d.iter().position(|&c| is_tone_mark(c)) else {
        return syl.to_string();
    };
    let tone = d[tpos];
    let bases: Vec<(usize, char)> = d
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, c)| !is_tone_mark(*c))
        .collect();
    let n = bases.len();
    if n < 2 {
        return syl.to_string();
    }
    let (i1, c1) = bases[n - 2];
    let (i2, c2) = bases[n - 1];
    let pair = matches!((c1, c2), ('o', 'a') | ('o', 'e') | ('u', 'y'));
    let after_q = n >= 3 && bases[n - 3].1 == 'q';
    if !pair || after_q {
        return syl.to_string();
    }
    // Tone sits right after the first or the second vowel; move it to the other one.
    let mut out: Vec<char> = d.iter().copied().filter(|c| !is_tone_mark(*c)).collect();
    let on_first = tpos > i1 && tpos <= i2;
    let target_base = if on_first { i2 } else { i1 };
    // Index of target base in `out` (tone removed shifts later indices by one).
    let idx = if target_base > tpos {
        target_base - 1
    } else {
        target_base
    };
    out.insert((idx + 1).min(out.len()), tone);
    out.into_iter().nfc().collect()
}

fn parse_weight(cell: &str, origin: &str, line: usize) -> anyhow::Result<f32> {
    cell.parse::<f32>()
        .ok()
        .filter(|w| w.is_finite() && (0.0..=10.0).contains(w))
        .ok_or_else(|| anyhow::anyhow!("{origin} line {line}: weight {cell:?} is not a number between 0 and 10"))
}

fn parse_lang(cell: Option<&&str>, origin: &str, line: usize) -> anyhow::Result<bool> {
    match cell.copied().unwrap_or("vi") {
        "vi" | "" => Ok(true),
        "en" => Ok(false),
        other => anyhow::bail!("{origin} line {line}: language {other:?} must be vi or en"),
    }
}

fn check_unique(entries: &[Entry], origin: &str) -> anyhow::Result<()> {
    let mut keys: Vec<String> = entries
        .iter()
        .filter_map(|e| tone_variants(&e.phrase).into_iter().min())
        .collect();
    keys.sort();
    for w in keys.windows(2) {
        if let [a, b] = w
            && a == b
        {
            anyhow::bail!("{origin}: phrase {a:?} is listed twice; keep one line");
        }
    }
    Ok(())
}

/// negative.tsv: term, category, weight, lang.
pub fn parse_negative(text: &str, origin: &str) -> anyhow::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for (line, cells) in tsv_rows(text, true) {
        let [term, category, weight, rest @ ..] = cells.as_slice() else {
            anyhow::bail!("{origin} line {line}: expected term, category, weight, lang separated by tabs");
        };
        if term.is_empty() || category.is_empty() {
            anyhow::bail!("{origin} line {line}: empty term or category");
        }
        out.push(Entry {
            phrase: (*term).to_string(),
            kind: Kind::Negative,
            category: (*category).to_string(),
            weight: parse_weight(weight, origin, line)?,
            scope: Vec::new(),
            vietnamese: parse_lang(rest.first(), origin, line)?,
            group: String::new(),
        });
    }
    check_unique(&out, origin)?;
    Ok(out)
}

/// context.tsv: phrase, effect (neutral/dampen), factor, scope, lang, group.
pub fn parse_context(text: &str, origin: &str) -> anyhow::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for (line, cells) in tsv_rows(text, true) {
        let [phrase, effect, factor, scope, rest @ ..] = cells.as_slice() else {
            anyhow::bail!("{origin} line {line}: expected phrase, effect, factor, scope, lang separated by tabs");
        };
        let (kind, weight, scope) = match *effect {
            "neutral" => (Kind::Neutral, 0.0, Vec::new()),
            "dampen" => {
                let w = parse_weight(factor, origin, line)?;
                if w > 1.0 {
                    anyhow::bail!("{origin} line {line}: dampen factor {w} must be at most 1");
                }
                let sc = if *scope == "all" {
                    Vec::new()
                } else {
                    scope
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                };
                (Kind::Dampen, w, sc)
            }
            other => anyhow::bail!("{origin} line {line}: effect {other:?} must be neutral or dampen"),
        };
        out.push(Entry {
            phrase: (*phrase).to_string(),
            kind,
            category: (*effect).to_string(),
            weight,
            scope,
            vietnamese: parse_lang(rest.first(), origin, line)?,
            group: parse_group(rest.get(1).copied(), origin, line)?,
        });
    }
    check_unique(&out, origin)?;
    Ok(out)
}

/// A context group: lower-case ASCII letters and `_`, or empty when the column is absent.
fn parse_group(cell: Option<&str>, origin: &str, line: usize) -> anyhow::Result<String> {
    let g = cell.unwrap_or("").trim();
    if g.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        Ok(g.to_string())
    } else {
        anyhow::bail!("{origin} line {line}: group {g:?} must be lower-case letters and _ (e.g. sport, negation)")
    }
}

/// sensational.tsv: term, kind, weight, lang.
pub fn parse_sensational(text: &str, origin: &str) -> anyhow::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for (line, cells) in tsv_rows(text, true) {
        let [term, kind, weight, rest @ ..] = cells.as_slice() else {
            anyhow::bail!("{origin} line {line}: expected term, kind, weight, lang separated by tabs");
        };
        out.push(Entry {
            phrase: (*term).to_string(),
            kind: Kind::Sensational,
            category: (*kind).to_string(),
            weight: parse_weight(weight, origin, line)?,
            scope: Vec::new(),
            vietnamese: parse_lang(rest.first(), origin, line)?,
            group: String::new(),
        });
    }
    check_unique(&out, origin)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_variants() {
        assert_eq!(
            tone_variants("phiên tòa"),
            vec!["phiên tòa".to_string(), "phiên toà".to_string()]
        );
        assert_eq!(
            tone_variants("ma tuý"),
            vec!["ma tuý".to_string(), "ma túy".to_string()]
        );
        assert_eq!(
            tone_variants("hỏa hoạn"),
            vec!["hỏa hoạn".to_string(), "hoả hoạn".to_string()]
        );
        assert_eq!(tone_variants("toàn"), vec!["toàn".to_string()]);
        assert_eq!(tone_variants("quý"), vec!["quý".to_string()]);
    }

    #[test]
    fn bad_rows_are_reported_with_line() {
        let e = parse_negative(
            "term\tcategory\tweight\tlang\nmạo danh\tfraud\tmany\tvi\n",
            "negative.tsv",
        );
        let msg = format!("{:#}", e.err().map(|e| e.to_string()).unwrap_or_default());
        assert!(msg.contains("line 2"), "{msg}");
        let e = parse_negative("term\tcategory\tweight\tlang\nx\tc\t1\tvi\nx\tc\t1\tvi\n", "n.tsv");
        assert!(e.is_err());
    }
}
