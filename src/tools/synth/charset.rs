//! Page bytes in the site's charset: UTF-8, or windows-1258 the way legacy Vietnamese pages
//! store it (base letter, then a combining tone mark).
use unicode_normalization::UnicodeNormalization;

use super::plan::Charset;

/// Tone marks windows-1258 keeps as separate combining characters.
fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// NFC text → windows-1258 bytes: tone marks decomposed, other marks composed (â, ă, ê, ô, ơ, ư, đ
/// are single windows-1258 bytes). Characters windows-1258 lacks become numeric character references.
pub fn to_windows_1258(s: &str) -> Vec<u8> {
    let mut d = String::with_capacity(s.len() + s.len() / 4);
    let mut buf = String::new();
    for c in s.chars() {
        if c.is_ascii() {
            d.push(c);
            continue;
        }
        buf.clear();
        let mut tones = String::new();
        for x in c.to_string().nfd() {
            if is_tone_mark(x) {
                tones.push(x);
            } else {
                buf.push(x);
            }
        }
        d.extend(buf.nfc());
        d.push_str(&tones);
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1258.encode(&d);
    bytes.into_owned()
}

/// The body bytes of a page and the HTTP Content-Type header value.
pub fn encode(html: &str, cs: Charset) -> (Vec<u8>, &'static str) {
    match cs {
        Charset::Utf8 => (html.as_bytes().to_vec(), "text/html; charset=UTF-8"),
        Charset::Win1258 => (to_windows_1258(html), "text/html; charset=windows-1258"),
        Charset::Win1258Undeclared => (to_windows_1258(html), "text/html"),
        Charset::Utf8WrongMeta => (html.as_bytes().to_vec(), "text/html"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1258_round_trips_vietnamese() {
        let s = "Tổng biên tập: Nguyễn Thị Hương – Đà Nẵng, Quảng Ngãi, ưu đãi, Ơn trời, giật gân!";
        let b = to_windows_1258(s);
        assert!(!b.windows(2).any(|w| w == b"&#"), "unmappable characters in {s}");
        let (back, had_errors) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(&b);
        assert!(!had_errors);
        let back: String = back.nfc().collect();
        assert_eq!(back, s);
        // Tone marks are separate bytes: "ổ" = ô (0xF4) + hook (0xD2).
        assert!(b.windows(2).any(|w| w == [0xF4, 0xD2]));
    }
}
