//! Phrase lexicons matched in one Aho-Corasick pass, on lower-cased or diacritic-folded text.
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::normalize::{fold_char, is_combining_mark};

/// How text and phrases are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Lower-case only: "bắt" and "bát" differ.
    Lower,
    /// Lower-case and strip diacritics: "tòa soạn" = "toa soan".
    Diacritics,
}

/// A text prepared for matching: the folded string and, for each of its bytes, the byte offset
/// of the originating character in the original text (so evidence quotes the page as written).
#[derive(Debug, Clone)]
pub struct Prepared {
    pub text: String,
    map: Vec<u32>,
    orig_len: u32,
}

impl Prepared {
    /// Folds `s` (NFC expected). `_` (used by word-segmented corpora) reads as a space.
    pub fn new(s: &str, fold: Fold) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len());
        for (i, c) in s.char_indices() {
            if is_combining_mark(c) {
                continue;
            }
            let f = match fold {
                Fold::Diacritics => fold_char(c),
                Fold::Lower => {
                    if c.is_ascii() {
                        c.to_ascii_lowercase()
                    } else {
                        let mut l = c.to_lowercase();
                        match (l.next(), l.next()) {
                            (Some(x), None) => x,
                            _ => c,
                        }
                    }
                }
            };
            let f = if f == '_' || (f.is_whitespace() && f != ' ') {
                ' '
            } else {
                f
            };
            let before = text.len();
            text.push(f);
            for _ in before..text.len() {
                map.push(i as u32);
            }
        }
        Prepared {
            text,
            map,
            orig_len: s.len() as u32,
        }
    }

    /// Original byte range of the folded byte range `start..end`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map.get(start).copied().unwrap_or(self.orig_len) as usize;
        let e = self.map.get(end).copied().unwrap_or(self.orig_len) as usize;
        (s, e)
    }
}

/// One phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the phrase in the order it was added.
    pub entry: usize,
    /// Byte range in the original (unfolded) text.
    pub start: usize,
    pub end: usize,
}

/// A set of phrases compiled once; matching is one pass over the text, whole words only.
#[derive(Debug, Clone)]
pub struct Lexicon {
    ac: Option<AhoCorasick>,
    fold: Fold,
    len: usize,
}

impl Lexicon {
    /// Compiles `phrases` (as written in the model files; they are folded the same way as texts).
    pub fn new<I, S>(phrases: I, fold: Fold) -> anyhow::Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let pats: Vec<String> = phrases
            .into_iter()
            .map(|p| super::normalize::squash_ws(&Prepared::new(&super::normalize::nfc(p.as_ref()), fold).text))
            .collect();
        let len = pats.len();
        let ac = if pats.iter().all(|p| p.is_empty()) {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&pats)
                    .map_err(|e| anyhow::anyhow!("cannot compile lexicon of {len} phrases: {e}"))?,
            )
        };
        Ok(Lexicon { ac, fold, len })
    }

    pub fn fold(&self) -> Fold {
        self.fold
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whole-word, leftmost-longest matches in a prepared text (prepared with this lexicon's fold).
    /// Word boundaries are checked before choosing among overlapping candidates, so a longer phrase
    /// that fails the boundary ("đánh giá" inside "đánh giáo") does not hide a shorter one ("đánh").
    pub fn find(&self, p: &Prepared) -> Vec<Hit> {
        let mut out = Vec::new();
        let Some(ac) = &self.ac else { return out };
        let bytes = p.text.as_bytes();
        // (start, end, pattern) of every whole-word candidate, then leftmost-longest, non-overlapping.
        let mut cands: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(&p.text)
            .filter(|m| m.start() < m.end() && is_boundary(bytes, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut next_free = 0usize;
        for (s, e, pat) in cands {
            if s < next_free {
                continue;
            }
            next_free = e;
            let (start, end) = p.original_range(s, e);
            out.push(Hit { entry: pat, start, end });
        }
        out
    }

    /// Convenience: prepares `text` and finds the phrases in it.
    pub fn find_in(&self, text: &str) -> Vec<Hit> {
        self.find(&Prepared::new(text, self.fold))
    }
}

fn is_word_byte_before(bytes: &[u8], i: usize) -> bool {
    // The character ending at byte i-1.
    if i == 0 {
        return false;
    }
    let mut j = i - 1;
    while j > 0 && (bytes[j] & 0xC0) == 0x80 {
        j -= 1;
    }
    std::str::from_utf8(&bytes[j..i])
        .ok()
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric)
}

fn is_word_byte_at(bytes: &[u8], i: usize) -> bool {
    if i >= bytes.len() {
        return false;
    }
    let w = utf8_width(bytes[i]);
    bytes
        .get(i..i + w)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric)
}

fn utf8_width(b: u8) -> usize {
    match b {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

fn is_boundary(bytes: &[u8], start: usize, end: usize) -> bool {
    let first_word = is_word_byte_at(bytes, start);
    let last_word = is_word_byte_before(bytes, end);
    (!first_word || !is_word_byte_before(bytes, start)) && (!last_word || !is_word_byte_at(bytes, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_with_and_without_diacritics() {
        let lx = Lexicon::new(["Tòa soạn", "tổng biên tập"], Fold::Diacritics).unwrap();
        let text = "Toà soạn: 12 Lê Lợi. TONG BIEN TAP: Nguyễn Văn A";
        let hits = lx.find_in(text);
        assert_eq!(hits.len(), 2);
        assert_eq!(&text[hits[0].start..hits[0].end], "Toà soạn");
        assert_eq!(&text[hits[1].start..hits[1].end], "TONG BIEN TAP");
    }

    #[test]
    fn whole_words_only() {
        let lx = Lexicon::new(["bao"], Fold::Diacritics).unwrap();
        assert!(lx.find_in("baohiem xã hội").is_empty());
        assert_eq!(lx.find_in("tin bao số 3").len(), 1);
    }

    #[test]
    fn lower_fold_keeps_tones_apart() {
        let lx = Lexicon::new(["bắt"], Fold::Lower).unwrap();
        assert_eq!(lx.find_in("Bắt giữ").len(), 1);
        assert!(lx.find_in("cái bát").is_empty());
    }

    #[test]
    fn longer_phrase_failing_the_boundary_does_not_hide_a_shorter_one() {
        let lx = Lexicon::new(["đánh", "đánh giá"], Fold::Lower).unwrap();
        let hits = lx.find_in("phụ huynh đánh giáo viên; đánh giá tốt");
        assert_eq!(hits.iter().map(|h| h.entry).collect::<Vec<_>>(), vec![0, 1]);
    }

    #[test]
    fn underscore_segmented_titles_match() {
        let lx = Lexicon::new(["tai nạn giao thông"], Fold::Lower).unwrap();
        assert_eq!(lx.find_in("vụ tai_nạn giao_thông nghiêm_trọng").len(), 1);
    }
}
