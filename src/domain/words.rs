//! Press words and place names found as whole segmented words in a domain label or a site name.
use std::collections::HashMap;

use anyhow::bail;
use serde::{Deserialize, Serialize};

use super::segment::{Segment, SegmentKind};
use crate::text::normalize::fold;

/// What kind of press-like word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WordCategory {
    /// Báo hóa words of QĐ 1418 / dispatch 3835 (báo, tạp chí, tin tức, news, times…).
    Press,
    /// Newsroom roles and broadcast words (phóng viên, nhà báo, tòa soạn, truyền hình…).
    PressRole,
    /// State-like words (cảnh sát, công an, chính phủ…).
    Authority,
    /// Aggregate cues (chợ, 247, 24h, giải trí…): count only next to another press word.
    Cue,
}

/// Where a word was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Domain,
    SiteName,
}

/// One press-like word found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WordHit {
    /// The word as written in Vietnamese ("tạp chí").
    pub word: String,
    /// What matched, as segmented ("tap chi").
    pub matched: String,
    pub category: WordCategory,
    pub weight: f32,
    pub source: Source,
}

/// One place name found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceHit {
    /// The unit's name ("Nghệ An").
    pub name: String,
    /// What matched, as segmented ("nghe an").
    pub matched: String,
    /// `both` (a unit before and after the 2025 merger) or `pre2025` (merged away).
    pub status: String,
    /// For `pre2025` units: the unit it was merged into.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub merged_into: String,
    pub source: Source,
}

#[derive(Debug, Clone)]
struct PressWord {
    display: String,
    category: WordCategory,
    weight: f32,
}

#[derive(Debug, Clone)]
struct Place {
    name: String,
    status: String,
    merged_into: String,
}

/// Press words and places, keyed by their diacritic-free syllables joined with spaces.
#[derive(Debug, Default)]
pub struct WordModel {
    press: HashMap<String, PressWord>,
    places: HashMap<String, Place>,
    places_joined: std::collections::HashSet<String>,
    max_syllables: usize,
}

/// Diacritic-free syllables of a phrase as written ("Tạp chí" → "tap chi", "TP.HCM" → "tp hcm").
pub fn syllable_key(s: &str) -> String {
    fold(&crate::text::normalize::nfc(s))
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl WordModel {
    /// Reads `press_words.tsv` (word, display, category, weight) and `localities.tsv`
    /// (name, aliases, status, merged_into).
    pub fn new(press_tsv: &str, places_tsv: &str) -> anyhow::Result<Self> {
        let mut m = WordModel::default();
        for (line, row) in crate::model_files::tsv_rows(press_tsv, true) {
            let [word, display, category, weight, ..] = row.as_slice() else {
                bail!("domain/press_words.tsv line {line}: expected 4 columns word, display, category, weight");
            };
            let category = match *category {
                "press" => WordCategory::Press,
                "press_role" => WordCategory::PressRole,
                "authority" => WordCategory::Authority,
                "cue" => WordCategory::Cue,
                other => bail!(
                    "domain/press_words.tsv line {line}: unknown category `{other}` (use press, press_role, authority, cue)"
                ),
            };
            let weight: f32 = match weight.parse() {
                Ok(w) if (0.0..=1.0).contains(&w) => w,
                _ => bail!("domain/press_words.tsv line {line}: weight `{weight}` is not a number in 0..1"),
            };
            let key = syllable_key(word);
            m.max_syllables = m.max_syllables.max(key.split(' ').count());
            m.press.insert(
                key,
                PressWord {
                    display: display.to_string(),
                    category,
                    weight,
                },
            );
        }
        for (line, row) in crate::model_files::tsv_rows(places_tsv, true) {
            let Some(name) = row.first().filter(|n| !n.is_empty()) else {
                bail!("domain/localities.tsv line {line}: the name is empty");
            };
            let aliases = row.get(1).copied().unwrap_or("");
            let place = Place {
                name: name.to_string(),
                status: row.get(2).copied().unwrap_or("both").to_string(),
                merged_into: row.get(3).copied().unwrap_or("").to_string(),
            };
            for n in std::iter::once(*name).chain(aliases.split(';').map(str::trim).filter(|a| !a.is_empty())) {
                let key = syllable_key(n);
                m.max_syllables = m.max_syllables.max(key.split(' ').count());
                m.places_joined.insert(key.replace(' ', ""));
                m.places.entry(key).or_insert_with(|| place.clone());
            }
        }
        Ok(m)
    }

    /// Multi-syllable press words and place names, for the segmenter's word list.
    pub fn segmenter_words(&self) -> impl Iterator<Item = &str> {
        self.press.keys().chain(self.places.keys()).map(String::as_str)
    }

    /// Whether `key` (diacritic-free syllables joined by spaces, or joined without spaces) is a place.
    pub fn is_place(&self, key: &str) -> bool {
        self.places.contains_key(key) || self.places_joined.contains(key)
    }

    /// The category of a press word given as syllables ("tap chi").
    pub fn press_category(&self, key: &str) -> Option<WordCategory> {
        self.press.get(key).map(|w| w.category)
    }

    /// Press words and places over a sequence of units (segments or words). A phrase matches
    /// consecutive syllables that start and end on unit boundaries (so "bao hiem" never yields "bao").
    pub fn scan(&self, units: &[Segment], source: Source, press: &mut Vec<WordHit>, places: &mut Vec<PlaceHit>) {
        // Flatten to syllables, remembering which start/end a unit.
        let mut syl: Vec<&str> = Vec::new();
        let mut starts = Vec::new();
        let mut ends = Vec::new();
        for u in units {
            let before = syl.len();
            syl.extend(u.syllables().filter(|s| !s.is_empty()));
            if syl.len() > before {
                starts.push(before);
                ends.push(syl.len());
            }
        }
        let mut key = String::new();
        let mut covered = 0usize;
        for &s in &starts {
            let mut best: Option<usize> = None;
            for &e in ends.iter().filter(|&&e| e > s && e - s <= self.max_syllables) {
                key.clear();
                for (i, w) in syl.get(s..e).unwrap_or(&[]).iter().enumerate() {
                    if i > 0 {
                        key.push(' ');
                    }
                    key.push_str(w);
                }
                if let Some(p) = self.places.get(&key) {
                    places.push(PlaceHit {
                        name: p.name.clone(),
                        matched: key.clone(),
                        status: p.status.clone(),
                        merged_into: p.merged_into.clone(),
                        source,
                    });
                }
                if self.press.contains_key(&key) {
                    best = Some(e);
                }
            }
            // Longest press word starting here ("tin tuc" rather than "tin").
            if let Some(e) = best.filter(|_| s >= covered) {
                covered = e;
                key = syl.get(s..e).unwrap_or(&[]).join(" ");
                if let Some(w) = self.press.get(&key) {
                    // "bao" + one syllable as the whole label reads as a given name ("Bảo Kim"): halved.
                    let name_like = source == Source::Domain
                        && key == "bao"
                        && units.len() == 2
                        && units
                            .get(1)
                            .is_some_and(|u| u.kind == SegmentKind::Syllable && !self.press.contains_key(&u.text));
                    press.push(WordHit {
                        word: w.display.clone(),
                        matched: key.clone(),
                        category: w.category,
                        weight: if name_like { w.weight * 0.5 } else { w.weight },
                        source,
                    });
                }
            }
        }
    }
}

/// Score of press-word hits: 1 − Π(1 − weight) over distinct words; cues count only when a
/// non-cue word is present. Returns 0 when only cues were found.
pub fn press_score(hits: &[WordHit]) -> f32 {
    if !hits.iter().any(|h| h.category != WordCategory::Cue) {
        return 0.0;
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut keep = 1.0f32;
    for h in hits {
        if seen.contains(&h.matched.as_str()) {
            continue;
        }
        seen.push(&h.matched);
        keep *= 1.0 - h.weight;
    }
    1.0 - keep
}
