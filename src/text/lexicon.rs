//! Phrase lexicons matched in one Aho-Corasick pass, on lower-cased or diacritic-folded text.
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::normalize::{fold_char, is_combining_mark, lower_char as lower_char_fast};

/// How text and phrases are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Lower-case only: "bắt" and "bát" differ.
    Lower,
    /// Lower-case and strip diacritics: "tòa soạn" = "toa soan".
    Diacritics,
    /// Vietnamese as typed: a text that carries diacritics is matched with them ("Bảo" is not
    /// "Báo"; tone placement "toà"/"tòa" is free), a text typed without any is matched folded
    /// ("TONG BIEN TAP" = "Tổng biên tập").
    Auto,
    /// As `Lower` ("bắt" and "bát" differ), found on folded text: the automaton is the small one
    /// of the folded phrases (a few ASCII letters, so it stays in cache where the lower-case one,
    /// over every UTF-8 byte of Vietnamese, takes megabytes), and each candidate counts only when
    /// the text as written, lower-cased, is the phrase.
    Verified,
}

/// A text prepared for matching: the folded string and where its characters came from in the
/// original text (so evidence quotes the page as written).
#[derive(Debug, Clone)]
pub struct Prepared {
    pub text: String,
    /// (folded offset, original offset) at each folded character where the distance between the
    /// two changes (after a character whose folded form has another length, or a dropped combining
    /// mark); between two shifts the offsets advance together. Few on text with diacritics folded
    /// to lower case only (a no-break space, say), one per letter with diacritics when folded.
    shifts: Vec<(u32, u32)>,
    orig_len: u32,
    /// The text as written, for the exact check of each candidate: kept for `Fold::Auto` on a
    /// text that carries diacritics, and always for `Fold::Verified`.
    original: Option<String>,
}

impl Prepared {
    /// Folds `s` (NFC expected). `_` (used by word-segmented corpora) reads as a space.
    pub fn new(s: &str, fold: Fold) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut shifts: Vec<(u32, u32)> = Vec::new();
        // Original offset minus folded offset since the last shift.
        let mut delta = 0usize;
        let mut marked = false;
        let bytes = s.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // ASCII (most bytes of Vietnamese text too): lower-cased byte for byte, in every fold.
            if b.is_ascii() {
                let f = b.to_ascii_lowercase();
                // `char::is_whitespace` on ASCII: space, \t, \n, \x0B, \x0C, \r.
                let f = if f == b'_' || f == 0x0B || (f.is_ascii_whitespace() && f != b' ') {
                    b' '
                } else {
                    f
                };
                if i.wrapping_sub(text.len()) != delta {
                    delta = i.wrapping_sub(text.len());
                    shifts.push((text.len() as u32, i as u32));
                }
                text.push(char::from(f));
                i += 1;
                continue;
            }
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            let at = i;
            i += c.len_utf8();
            if is_combining_mark(c) {
                marked = true;
                continue;
            }
            let f = match fold {
                Fold::Diacritics | Fold::Verified => fold_char(c),
                Fold::Auto => {
                    let f = fold_char(c);
                    marked |= !c.is_whitespace() && f != lower_char_fast(c);
                    f
                }
                Fold::Lower => lower_char_fast(c),
            };
            let f = as_space(f);
            // (A folded form may be longer than the original, "Ⱥ" → "ⱥ": the difference wraps.)
            if at.wrapping_sub(text.len()) != delta {
                delta = at.wrapping_sub(text.len());
                shifts.push((text.len() as u32, at as u32));
            }
            text.push(f);
        }
        Prepared {
            text,
            shifts,
            orig_len: s.len() as u32,
            original: ((fold == Fold::Auto && marked) || fold == Fold::Verified).then(|| s.to_owned()),
        }
    }

    /// Original byte range of the folded byte range `start..end`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.original_at(start), self.original_at(end))
    }

    /// Original offset of the character that folded offset `q` is in (the original length at or
    /// past the end).
    fn original_at(&self, q: usize) -> usize {
        if q >= self.text.len() {
            return self.orig_len as usize;
        }
        let mut q = q;
        while q > 0 && !self.text.is_char_boundary(q) {
            q -= 1;
        }
        let k = self.shifts.partition_point(|&(p, _)| p as usize <= q);
        match k.checked_sub(1).and_then(|k| self.shifts.get(k)) {
            Some(&(p, o)) => o as usize + (q - p as usize),
            None => q,
        }
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
    /// `Fold::Auto`: each phrase's [`tone_free_key`], to check hits in texts with diacritics.
    exact: Vec<String>,
}

impl Lexicon {
    /// Compiles `phrases` (as written in the model files; they are folded the same way as texts).
    pub fn new<I, S>(phrases: I, fold: Fold) -> anyhow::Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let raw: Vec<String> = phrases
            .into_iter()
            .map(|p| super::normalize::squash_ws(&super::normalize::nfc(p.as_ref())))
            .collect();
        let pats: Vec<String> = raw
            .iter()
            .map(|p| super::normalize::squash_ws(&Prepared::new(p, fold).text))
            .collect();
        let exact = match fold {
            Fold::Auto => raw.iter().map(|p| tone_free_key(p)).collect(),
            Fold::Verified => raw
                .iter()
                .map(|p| super::normalize::squash_ws(&Prepared::new(p, Fold::Lower).text))
                .collect(),
            Fold::Lower | Fold::Diacritics => Vec::new(),
        };
        let len = pats.len();
        let ac = if pats.iter().all(|p| p.is_empty()) {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    // A DFA: lexicons are small (a few thousand phrases, a few MB of transitions)
                    // and searched over every page's text, where the NFA's failure walks cost.
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&pats)
                    .map_err(|e| anyhow::anyhow!("cannot compile lexicon of {len} phrases: {e}"))?,
            )
        };
        Ok(Lexicon { ac, fold, len, exact })
    }

    /// Heap bytes of the compiled automaton.
    pub fn memory_usage(&self) -> usize {
        self.ac.as_ref().map_or(0, |a| a.memory_usage())
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
        // Key: start ascending, then end descending (longest first), then pattern order.
        // A text with diacritics: a phrase counts only as written (tone placement aside).
        let exact = |m: &aho_corasick::Match| {
            let Some(src) = p.original.as_deref() else {
                return true;
            };
            let (s, e) = p.original_range(m.start(), m.end());
            let (Some(span), Some(key)) = (src.get(s..e), self.exact.get(m.pattern().as_usize())) else {
                return false;
            };
            if self.fold == Fold::Verified {
                lower_form_is(span, key)
            } else {
                *key == tone_free_key(span)
            }
        };
        let mut cands: Vec<(u64, u32)> = ac
            .find_overlapping_iter(&p.text)
            .filter(|m| m.start() < m.end() && is_boundary(bytes, m.start(), m.end()) && exact(m))
            .map(|m| {
                let key = ((m.start() as u64) << 32) | u64::from(u32::MAX - m.end() as u32);
                (key, m.pattern().as_u32())
            })
            .collect();
        cands.sort_unstable();
        let mut next_free = 0usize;
        for (key, pat) in cands {
            let s = (key >> 32) as usize;
            let e = (u32::MAX - (key & 0xFFFF_FFFF) as u32) as usize;
            if s < next_free {
                continue;
            }
            next_free = e;
            let pat = pat as usize;
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

/// `_` (word-segmented corpora) and every whitespace character but the space read as a space.
#[inline]
fn as_space(f: char) -> char {
    if f == '_' || (f.is_whitespace() && f != ' ') {
        ' '
    } else {
        f
    }
}

/// Whether `span` prepared with `Fold::Lower` is `key`, compared as it is folded (no allocation).
fn lower_form_is(span: &str, key: &str) -> bool {
    let mut buf = [0u8; 4];
    let mut rest = key.as_bytes();
    for c in span.chars() {
        if is_combining_mark(c) {
            continue;
        }
        let f = lower_char_fast(c);
        let f = as_space(f);
        let enc = f.encode_utf8(&mut buf).as_bytes();
        match rest.strip_prefix(enc) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// Lower-cased text with each syllable's tone mark moved to its end, so "Toà soạn" and
/// "Tòa soạn" give the same key while "Bảo" and "Báo" differ. Whitespace is squashed.
pub fn tone_free_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len() + 4);
    let mut tone: Option<char> = None;
    let flush = |out: &mut String, tone: &mut Option<char>| {
        if let Some(t) = tone.take() {
            out.push(t);
        }
    };
    let lowered: String = s.chars().map(lower_char_fast).collect();
    let mut last_space = true;
    for c in lowered.nfd() {
        if matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}') {
            tone = Some(c);
            continue;
        }
        if c.is_alphanumeric() || is_combining_mark(c) {
            out.push(c);
            last_space = false;
            continue;
        }
        flush(&mut out, &mut tone);
        if c.is_whitespace() || c == '_' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    flush(&mut out, &mut tone);
    out.trim_end().nfc().collect()
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
    fn auto_matches_text_with_diacritics_as_written() {
        let lx = Lexicon::new(["Báo", "Tòa soạn", "Tổng biên tập"], Fold::Auto).unwrap();
        // "Bảo" (a name) is not "Báo"; a text with diacritics is matched with them.
        assert!(lx.find_in("Ông Hoàng Bảo Khánh phát biểu").is_empty());
        assert_eq!(lx.find_in("Báo Dân trí").len(), 1);
        // Tone placement and case are free.
        assert_eq!(lx.find_in("Thông tin Toà soạn").len(), 1);
        assert_eq!(lx.find_in("TỔNG BIÊN TẬP: Nguyễn Văn A").len(), 1);
        // A text typed without any diacritics is matched folded.
        assert_eq!(lx.find_in("TONG BIEN TAP: Nguyen Van A").len(), 1);
        assert_eq!(lx.find_in("Bao Moi").len(), 1);
        // A wrong-diacritic longer phrase does not hide nothing else: "Tổng biên tạp" fails.
        assert!(lx.find_in("Tổng biên tạp").is_empty());
    }

    /// Where each folded byte came from, one entry per byte (the layout `Prepared` used to keep).
    fn byte_map(s: &str, fold: Fold) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut map = Vec::new();
        for (at, c) in s.char_indices() {
            if is_combining_mark(c) {
                continue;
            }
            let f = match fold {
                Fold::Lower => lower_char_fast(c),
                Fold::Diacritics | Fold::Auto | Fold::Verified => fold_char(c),
            };
            let f = as_space(f);
            text.push(f);
            map.extend(std::iter::repeat_n(at, f.len_utf8()));
        }
        (text, map)
    }

    #[test]
    fn original_ranges_match_a_byte_by_byte_map() {
        let texts = [
            "Tòa soạn: 12 Lê Lợi, TONG BIEN TAP",
            "a\u{a0}b\u{2009}c\td_e",
            "Ⱥ ȿ ß İstanbul ǅ ẞ",
            "Hoa\u{300} bình; khoe\u{309}",
            "",
            "\u{301}",
            "Đà Nẵng\u{a0}\u{a0}xyz “quote” — …",
        ];
        for t in texts {
            for fold in [Fold::Lower, Fold::Diacritics, Fold::Auto, Fold::Verified] {
                let p = Prepared::new(t, fold);
                let (text, map) = byte_map(t, fold);
                assert_eq!(p.text, text, "{t:?} {fold:?}");
                for q in 0..=text.len() + 1 {
                    let want = map.get(q).copied().unwrap_or(t.len());
                    assert_eq!(p.original_at(q), want, "{t:?} {fold:?} at {q}");
                }
            }
        }
    }

    #[test]
    fn tone_free_keys() {
        assert_eq!(tone_free_key("Toà  soạn"), tone_free_key("tòa soạn"));
        assert_eq!(tone_free_key("khoẻ"), tone_free_key("khỏe"));
        assert_ne!(tone_free_key("Bảo"), tone_free_key("Báo"));
        assert_ne!(tone_free_key("bao"), tone_free_key("báo"));
    }

    #[test]
    fn whole_words_only() {
        let lx = Lexicon::new(["bao"], Fold::Diacritics).unwrap();
        assert!(lx.find_in("baohiem xã hội").is_empty());
        assert_eq!(lx.find_in("tin bao số 3").len(), 1);
    }

    #[test]
    fn fast_lowercase_agrees_with_std() {
        for u in 0..0x11_0000u32 {
            if let Some(c) = char::from_u32(u) {
                let mut l = c.to_lowercase();
                let std = match (l.next(), l.next()) {
                    (Some(x), None) => x,
                    _ => c,
                };
                assert_eq!(lower_char_fast(c), std, "U+{u:04X}");
            }
        }
    }

    #[test]
    fn verified_finds_what_lower_finds() {
        let phrases = [
            "bắt",
            "bắt giữ",
            "tai nạn",
            "bão",
            "báo",
            "hòa giải",
            "Tòa soạn",
            "x_y",
            "Ⱥb",
        ];
        let lower = Lexicon::new(phrases, Fold::Lower).unwrap();
        let verified = Lexicon::new(phrases, Fold::Verified).unwrap();
        for t in [
            "Bắt giữ nghi phạm; cái bát; BẮT GIỮ",
            "Tai nạn\u{a0}giao thông, tai  nạn, TAI NAN",
            "Cơn bão số 3, báo Dân trí, bao nhiêu, Bảo",
            "hoà giải, hòa giải, hoa giai",
            "Toà soạn, TÒA SOẠN, toa soan, x y, x_y, ⱥb ȺB",
            "",
        ] {
            assert_eq!(verified.find_in(t), lower.find_in(t), "{t:?}");
        }
        assert_eq!(verified.find_in("Cơn bão số 3, báo Dân trí").len(), 2);
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
