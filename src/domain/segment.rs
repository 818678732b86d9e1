//! Segmentation of an ASCII domain label into Vietnamese syllables, known words, English words and digits.
use std::collections::HashMap;

use anyhow::bail;
use serde::{Deserialize, Serialize};

/// What a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// One Vietnamese syllable (from the onset × rhyme inventory).
    Syllable,
    /// A known Vietnamese word of several syllables ("bao hiem", "tap chi", "nghe an").
    Word,
    /// An English word or abbreviation from the word list ("news", "vn", "24h").
    English,
    /// A run of digits.
    Digits,
    /// A character no token covers.
    Unknown,
}

/// One piece of a segmented label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// The piece, syllables separated by spaces ("tin tuc").
    pub text: String,
    pub kind: SegmentKind,
    /// Byte range in the label that was segmented.
    pub start: usize,
    pub end: usize,
}

impl Segment {
    /// The syllables (or the single word) of this segment.
    pub fn syllables(&self) -> impl Iterator<Item = &str> {
        self.text.split(' ')
    }
}

const COST_SYLLABLE: f32 = 1.0;
const COST_FREQUENT: f32 = 0.9;
const COST_WORD_PER_SYLLABLE: f32 = 0.75;
const COST_LEXICON_PER_SYLLABLE: f32 = 0.7;
const COST_ENGLISH: f32 = 1.01;
const COST_DIGITS: f32 = 1.0;
const COST_UNKNOWN: f32 = 3.0;

#[derive(Debug, Clone, Copy)]
struct Entry {
    cost: f32,
    kind: SegmentKind,
    display: u32,
}

/// A byte trie over `[a-z0-9]`, built once.
#[derive(Debug, Default)]
struct Trie {
    next: Vec<[u32; 36]>,
    entry: Vec<Option<Entry>>,
}

fn slot(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some((b - b'a') as usize),
        b'0'..=b'9' => Some((b - b'0') as usize + 26),
        _ => None,
    }
}

impl Trie {
    fn new() -> Self {
        Trie {
            next: vec![[0; 36]],
            entry: vec![None],
        }
    }

    /// Inserts `key`, keeping the cheaper entry when the key is already there.
    fn insert(&mut self, key: &str, e: Entry) {
        let mut n = 0usize;
        for b in key.bytes() {
            let Some(s) = slot(b) else { return };
            let child = self.next.get(n).map_or(0, |row| row[s]);
            n = if child == 0 {
                let id = self.next.len();
                self.next.push([0; 36]);
                self.entry.push(None);
                if let Some(row) = self.next.get_mut(n) {
                    row[s] = id as u32;
                }
                id
            } else {
                child as usize
            };
        }
        if let Some(slot) = self.entry.get_mut(n) {
            match slot {
                Some(old) if old.cost <= e.cost => {}
                _ => *slot = Some(e),
            }
        }
    }
}

/// The segmenter: syllable inventory, word lists, compiled into one trie.
#[derive(Debug)]
pub struct Segmenter {
    trie: Trie,
    displays: Vec<String>,
    syllables: usize,
}

/// Spelling rules of Vietnamese onsets before a rhyme (diacritic-free).
fn allowed(onset: &str, rhyme: &str) -> bool {
    let first = rhyme.as_bytes().first().copied().unwrap_or(b' ');
    let front = matches!(first, b'i' | b'e' | b'y');
    match onset {
        "" => true,
        _ if rhyme.starts_with('y') && rhyme.len() > 1 => false,
        "k" | "gh" | "ngh" => front,
        "c" | "ng" => !front,
        "g" => !matches!(first, b'e' | b'y'),
        "qu" => first != b'u',
        "gi" => !matches!(first, b'i'),
        _ => true,
    }
}

impl Segmenter {
    /// Builds the inventory from `phonotactics.tsv` (onsets, rhymes) and the word lists
    /// (`(word, kind)` with kind `vi1`, `vi`, `en`, or `lex` for press words and places).
    pub fn new(phonotactics: &str, words: &[(String, String)]) -> anyhow::Result<Self> {
        let mut onsets = Vec::new();
        let mut rhymes = Vec::new();
        for (line, row) in crate::model_files::tsv_rows(phonotactics, false) {
            match row.as_slice() {
                ["onset", o, ..] => onsets.push(if *o == "-" { String::new() } else { o.to_string() }),
                ["rhyme", rs, ..] => rhymes.extend(rs.split_whitespace().map(str::to_string)),
                _ => bail!("domain/phonotactics.tsv line {line}: expected `onset<TAB>x` or `rhyme<TAB>a b c`"),
            }
        }
        if onsets.is_empty() || rhymes.is_empty() {
            bail!("domain/phonotactics.tsv has no onsets or no rhymes");
        }
        let mut seg = Segmenter {
            trie: Trie::new(),
            displays: Vec::new(),
            syllables: 0,
        };
        let mut seen: HashMap<String, ()> = HashMap::new();
        for o in &onsets {
            for r in &rhymes {
                if !allowed(o, r) {
                    continue;
                }
                // "gi" + "i…" merges the i ("gin"), and "qu"/"gi" alone are not syllables.
                let s = format!("{o}{r}");
                if seen.insert(s.clone(), ()).is_none() {
                    seg.add(&s, &s, COST_SYLLABLE, SegmentKind::Syllable);
                }
            }
        }
        seg.syllables = seen.len();
        for (w, kind) in words {
            let key: String = w.chars().filter(|c| !c.is_whitespace()).collect();
            let n = w.split_whitespace().count().max(1) as f32;
            match kind.as_str() {
                "vi1" => seg.add(&key, w, COST_FREQUENT, SegmentKind::Syllable),
                "vi" if n > 1.0 => seg.add(&key, w, COST_WORD_PER_SYLLABLE * n, SegmentKind::Word),
                "vi" => seg.add(&key, w, COST_FREQUENT, SegmentKind::Syllable),
                "lex" if n > 1.0 => seg.add(&key, w, COST_LEXICON_PER_SYLLABLE * n, SegmentKind::Word),
                "lex" => {}
                "en" => seg.add(&key, w, COST_ENGLISH, SegmentKind::English),
                other => bail!("word list: unknown kind `{other}` for `{w}` (use vi1, vi, en)"),
            }
        }
        Ok(seg)
    }

    /// Number of distinct syllables generated from the phonotactics.
    pub fn syllable_count(&self) -> usize {
        self.syllables
    }

    fn add(&mut self, key: &str, display: &str, cost: f32, kind: SegmentKind) {
        let display_id = self.displays.len() as u32;
        self.displays.push(display.to_string());
        self.trie.insert(
            key,
            Entry {
                cost,
                kind,
                display: display_id,
            },
        );
    }

    /// Segments an ASCII label (`[a-z0-9]`, other bytes become unknown segments) with minimum total
    /// cost: known words and frequent syllables are cheap, unknown characters expensive.
    /// `offset` is added to the byte ranges.
    pub fn segment(&self, label: &str, offset: usize, out: &mut Vec<Segment>) {
        let b = label.as_bytes();
        let n = b.len();
        if n == 0 {
            return;
        }
        // best[i]: (cost, tokens, back pointer start, entry) for the prefix of length i.
        let mut best: Vec<(f32, u32, usize, Option<Entry>)> = vec![(f32::INFINITY, 0, 0, None); n + 1];
        if let Some(first) = best.first_mut() {
            first.0 = 0.0;
        }
        for i in 0..n {
            let (base, toks) = match best.get(i) {
                Some(&(c, t, _, _)) if c.is_finite() => (c, t),
                _ => continue,
            };
            let mut relax = |j: usize, cost: f32, e: Option<Entry>| {
                if let Some(slot) = best.get_mut(j) {
                    let c = base + cost;
                    if c < slot.0 - 1e-4 || ((c - slot.0).abs() <= 1e-4 && toks + 1 < slot.1) {
                        *slot = (c, toks + 1, i, e);
                    }
                }
            };
            // Digits: the maximal run only.
            if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
                let mut j = i;
                while j < n && b[j].is_ascii_digit() {
                    j += 1;
                }
                relax(j, COST_DIGITS, None);
            }
            relax(i + 1, COST_UNKNOWN, None);
            let mut node = 0usize;
            for (j, &c) in b.iter().enumerate().skip(i) {
                let Some(s) = slot(c) else { break };
                let next = self.trie.next.get(node).map_or(0, |row| row[s]) as usize;
                if next == 0 {
                    break;
                }
                node = next;
                if let Some(Some(e)) = self.trie.entry.get(node) {
                    relax(j + 1, e.cost, Some(*e));
                }
            }
        }
        let mut pieces = Vec::new();
        let mut j = n;
        while j > 0 {
            let Some(&(_, _, i, e)) = best.get(j) else { break };
            pieces.push((i, j, e));
            if i >= j {
                break;
            }
            j = i;
        }
        for (i, j, e) in pieces.into_iter().rev() {
            let raw = label.get(i..j).unwrap_or("");
            let (text, kind) = match e {
                Some(e) => (
                    self.displays
                        .get(e.display as usize)
                        .cloned()
                        .unwrap_or_else(|| raw.to_string()),
                    e.kind,
                ),
                None if raw.bytes().all(|c| c.is_ascii_digit()) => (raw.to_string(), SegmentKind::Digits),
                None => (raw.to_string(), SegmentKind::Unknown),
            };
            out.push(Segment {
                text,
                kind,
                start: i + offset,
                end: j + offset,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg() -> Segmenter {
        let words: Vec<(String, String)> = [
            ("tin", "vi1"),
            ("cho", "vi1"),
            ("in", "vi1"),
            ("tin tuc", "lex"),
            ("nghe an", "lex"),
            ("bao hiem", "vi"),
            ("xa hoi", "vi"),
            ("news", "en"),
            ("24h", "en"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let ph = include_str!("../../models/domain/phonotactics.tsv");
        match Segmenter::new(ph, &words) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    fn texts(s: &Segmenter, l: &str) -> Vec<String> {
        let mut v = Vec::new();
        s.segment(l, 0, &mut v);
        v.into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn inventory_is_generated() {
        let s = seg();
        assert!(s.syllable_count() > 1500, "{}", s.syllable_count());
    }

    #[test]
    fn segments_vietnamese_and_english() {
        let s = seg();
        assert_eq!(texts(&s, "tintucnghean"), ["tin tuc", "nghe an"]);
        assert_eq!(texts(&s, "baohiemxahoi"), ["bao hiem", "xa hoi"]);
        assert_eq!(texts(&s, "chotin"), ["cho", "tin"]);
        assert_eq!(texts(&s, "news24h"), ["news", "24h"]);
        assert_eq!(texts(&s, "tin2024"), ["tin", "2024"]);
    }
}
