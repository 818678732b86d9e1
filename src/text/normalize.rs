//! NFC normalisation and Vietnamese diacritic folding (including đ → d).
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Returns `s` in Unicode NFC. Cheap when the text is already NFC (the common case).
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// [`nfc`] without a copy when `s` is already NFC (the common case for decoded pages).
pub fn nfc_cow(s: &str) -> std::borrow::Cow<'_, str> {
    match nfc_segments(s) {
        Some(n) => std::borrow::Cow::Owned(n),
        None => std::borrow::Cow::Borrowed(s),
    }
}

/// Normalises `s` to NFC in place, allocating only when it is not already NFC.
pub fn nfc_in_place(s: &mut String) {
    if let Some(n) = nfc_segments(s) {
        *s = n;
    }
}

/// Byte offset of the first character that is not a "safe starter" (see [`is_safe_starter`]).
fn first_unsafe(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0xCC {
            i += 1;
            continue;
        }
        let ok = match x {
            0xE1 => matches!(b.get(i + 1), Some(0xB8..=0xBB)),
            0xE2 => matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0x80), Some(0x90..=0xBF)) | (Some(0x81), Some(0x80..=0xAF))
            ),
            _ => false,
        };
        if !ok {
            return Some(i);
        }
        i += 3;
    }
    None
}

/// ASCII, U+0080–U+02FF, U+1E00–U+1EFF (precomposed Vietnamese) and U+2010–U+206F: NFC_QC=Yes,
/// canonical class 0, and never composed with a preceding character. NFC of a string equals the
/// concatenation of the NFC of its pieces when every cut is just before such a character.
#[inline]
fn is_safe_starter(c: char) -> bool {
    let u = c as u32;
    u < 0x300 || (0x1E00..=0x1EFF).contains(&u) || (0x2010..=0x206F).contains(&u)
}

/// NFC of `s` when it differs from `s` (or might: pieces that need checking are re-normalised),
/// `None` when `s` is plainly NFC. Only the pieces around unsafe characters go through the (slow)
/// general algorithm, each from the safe starter before it to the next safe starter after it.
fn nfc_segments(s: &str) -> Option<String> {
    let first = first_unsafe(s.as_bytes())?;
    let mut out = String::with_capacity(s.len() + 8);
    let mut copied = 0;
    let mut i = first;
    loop {
        // The character before `i` (a safe starter, or nothing) may compose with what follows.
        let start = s
            .get(copied..i)
            .and_then(|p| p.char_indices().last())
            .map_or(i, |(k, _)| copied + k);
        out.push_str(s.get(copied..start).unwrap_or(""));
        let rest = s.get(i..).unwrap_or("");
        let end = rest
            .char_indices()
            .skip(1)
            .find(|(_, c)| is_safe_starter(*c))
            .map_or(s.len(), |(k, _)| i + k);
        let seg = s.get(start..end).unwrap_or("");
        match is_nfc_quick(seg.chars()) {
            IsNormalized::Yes => out.push_str(seg),
            _ => out.extend(seg.nfc()),
        }
        copied = end;
        match s.get(end..).and_then(|r| first_unsafe(r.as_bytes())) {
            Some(k) => i = end + k,
            None => {
                out.push_str(s.get(end..).unwrap_or(""));
                return Some(out);
            }
        }
    }
}

/// Folds one character: lower-cases it and strips Vietnamese (and other Latin) diacritics.
/// `đ`/`Đ` become `d`. Returns the folded character; it is always exactly one `char`.
#[inline]
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // Below U+2000 (Latin, Vietnamese, Cyrillic…): one table look-up instead of the Unicode
    // lower-case search; the table is `fold_char_slow` itself, computed once.
    static TABLE: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        (0..FOLD_TABLE)
            .map(|u| char::from_u32(u).map_or('\0', fold_char_slow))
            .collect()
    });
    match TABLE.get(c as usize) {
        Some(&f) => f,
        None => fold_char_slow(c),
    }
}

/// Code points below this are folded through a table.
const FOLD_TABLE: u32 = 0x2000;

fn fold_char_slow(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = lower_char(c);
    match lower {
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ' | 'ẫ' | 'ậ' | 'ä'
        | 'å' | 'ā' => 'a',
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' | 'î' | 'ï' | 'ī' => 'i',
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở' | 'ỡ' | 'ợ' | 'ö'
        | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' | 'û' | 'ü' | 'ū' => 'u',
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' | 'ÿ' => 'y',
        'đ' | 'ð' => 'd',
        'ç' => 'c',
        'ñ' => 'n',
        // Non-breaking and other exotic spaces read as a plain space.
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => ' ',
        other => other,
    }
}

/// Lower-cases one char (one char out, as `char::to_lowercase` when it gives one), with a table-free
/// path for ASCII, Vietnamese letters and the punctuation and spaces of news text.
#[inline]
pub fn lower_char(c: char) -> char {
    let u = c as u32;
    let fast = match u {
        0..=0x7F => Some(c.to_ascii_lowercase()),
        // Latin-1 punctuation and signs (no case), and the small letters ß…ÿ.
        0x80..=0xBF | 0xDF..=0xFF => Some(c),
        // Latin-1 capitals À…Þ except ×.
        0xC0..=0xDE if u != 0xD7 => char::from_u32(u + 0x20),
        // Latin Extended Additional (Vietnamese ạ…ỹ): capitals even, small letters odd.
        0x1EA0..=0x1EF9 => char::from_u32(u | 1),
        // Ă Đ Ĩ Ũ Ơ Ư and their small letters.
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF => char::from_u32(u + 1),
        0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 | 0x1B0 => Some(c),
        // Combining diacritics; General Punctuation (dashes, quotes, spaces), currency signs,
        // arrows and symbols; CJK, kana and Hangul: none has a lower-case form.
        0x300..=0x344
        | 0x346..=0x36F
        | 0x2000..=0x20CF
        | 0x2184..=0x24B5
        | 0x24D0..=0x2BFF
        | 0x2CF3..=0xA63F
        | 0xA7F6..=0xFF20 => Some(c),
        _ => None,
    };
    fast.unwrap_or_else(|| {
        let mut it = c.to_lowercase();
        match (it.next(), it.next()) {
            (Some(l), None) => l,
            _ => c,
        }
    })
}

/// Lower-cases without folding diacritics, one `char` per input `char`.
pub fn lower(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

/// Lower-cases and strips diacritics: "Tòa soạn" → "toa soan", "Đà Nẵng" → "da nang".
/// Input is expected in NFC (combining marks left over are dropped).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_combining_mark(c) {
            continue;
        }
        out.push(fold_char(c));
    }
    out
}

/// Combining diacritical marks (U+0300–U+036F), which legacy Vietnamese encodings leave behind.
#[inline]
pub fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Collapses runs of whitespace to one space and trims the ends.
pub fn squash_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Tòa soạn Báo Đà Nẵng"), "toa soan bao da nang");
        assert_eq!(fold("TỔNG BIÊN TẬP"), "tong bien tap");
        assert_eq!(fold("Toà"), fold("Tòa"));
    }

    #[test]
    fn nfc_composes_decomposed_windows_1258_style_text() {
        // "Việt" written with a base letter and combining marks, as windows-1258 decodes.
        let decomposed = "Vie\u{323}\u{302}t";
        assert_eq!(nfc(decomposed), "Việt");
        let mut s = decomposed.to_string();
        nfc_in_place(&mut s);
        assert_eq!(s, "Việt");
        assert_eq!(fold(decomposed), "viet");
    }

    #[test]
    fn segmented_nfc_equals_full_nfc() {
        let samples = [
            "Vie\u{323}\u{302}t Nam \u{1F600} Ho\u{300}a 한국어 e\u{301}\u{301} \u{212B}ngstr\u{F6}m",
            "\u{300}\u{301}a",
            "x\u{1100}\u{1161}\u{11A8} y \u{0F73} z\u{0344}",
            "Tổng biên tập … “Thời sự” — \u{2026}\u{1E9B}\u{323}",
            "",
            "ascii only",
        ];
        for s in samples {
            let want: String = s.nfc().collect();
            assert_eq!(nfc(s), want, "{s:?}");
        }
        // Every code point after every safe starter kind, and before one.
        for cp in (0..0x3000u32).chain(0xAC00..0xAC10).chain(0x1F600..0x1F610) {
            let Some(c) = char::from_u32(cp) else { continue };
            for pre in ["a", "\u{1EA1}", "\u{2013}", "\u{300}"] {
                let s = format!("{pre}{c}\u{301}e{c}");
                let want: String = s.nfc().collect();
                assert_eq!(nfc(&s), want, "U+{cp:04X} after {pre:?}");
            }
        }
    }

    #[test]
    fn fold_table_equals_slow_fold() {
        for u in 0..0x11000u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(fold_char(c), fold_char_slow(c), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn squashes_whitespace() {
        assert_eq!(squash_ws("  a \n\t b\u{a0}c "), "a b c");
    }
}
