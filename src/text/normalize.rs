//! NFC normalisation and Vietnamese diacritic folding (including đ → d).
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Returns `s` in Unicode NFC. Cheap when the text is already NFC (the common case).
pub fn nfc(s: &str) -> String {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_owned(),
        _ => s.nfc().collect(),
    }
}

/// Normalises `s` to NFC in place, allocating only when it is not already NFC.
pub fn nfc_in_place(s: &mut String) {
    if !matches!(is_nfc_quick(s.chars()), IsNormalized::Yes) {
        *s = s.nfc().collect();
    }
}

/// Folds one character: lower-cases it and strips Vietnamese (and other Latin) diacritics.
/// `đ`/`Đ` become `d`. Returns the folded character; it is always exactly one `char`.
#[inline]
pub fn fold_char(c: char) -> char {
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

#[inline]
fn lower_char(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
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
    fn squashes_whitespace() {
        assert_eq!(squash_ws("  a \n\t b\u{a0}c "), "a b c");
    }
}
