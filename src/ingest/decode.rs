//! Bytes → text: charset from BOM, HTTP header, `<meta>`, then detection (chardetng); mislabels fixed; NFC.
use encoding_rs::{Encoding, UTF_8};
use serde::{Deserialize, Serialize};

/// Where the charset used came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CharsetSource {
    HttpHeader,
    Bom,
    Meta,
    Detected,
}

/// Decoded HTML text.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, NFC-normalised.
    pub html: String,
    /// WHATWG name of the encoding used (e.g. "UTF-8", "windows-1258").
    pub charset: &'static str,
    pub source: CharsetSource,
    /// The charset the page declared (header or meta) when it was overridden as wrong.
    pub declared: Option<&'static str>,
}

/// How far into the document `<meta charset>` is looked for.
const META_SCAN: usize = 4096;
/// How much of the body chardetng sees.
const DETECT_BYTES: usize = 64 << 10;

/// The `charset=` parameter of a Content-Type value, as an encoding.
pub fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower.get(at + "charset".len()..)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let label: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| !matches!(c, '"' | '\'' | ';' | ',' | ' '))
        .collect();
    Encoding::for_label(label.trim().as_bytes())
}

/// Prescans the first bytes for `<meta charset=…>` or `<meta http-equiv … content="…charset=…">`.
pub fn meta_charset(body: &[u8]) -> Option<&'static Encoding> {
    let head = body.get(..body.len().min(META_SCAN)).unwrap_or(body);
    let lower = head.to_ascii_lowercase();
    let finder = memchr::memmem::Finder::new(b"<meta");
    for at in finder.find_iter(&lower) {
        let tag = lower.get(at..).unwrap_or(&[]);
        let end = memchr::memchr(b'>', tag).unwrap_or(tag.len());
        let tag = tag.get(..end).unwrap_or(&[]);
        let Some(c) = memchr::memmem::find(tag, b"charset") else {
            continue;
        };
        let rest = tag.get(c + 7..).unwrap_or(&[]);
        let rest = rest
            .get(rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..)
            .unwrap_or(&[]);
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = rest
            .get(
                rest.iter()
                    .take_while(|b| b.is_ascii_whitespace() || **b == b'"' || **b == b'\'')
                    .count()..,
            )
            .unwrap_or(&[]);
        let n = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
            .count();
        if let Some(enc) = rest.get(..n).and_then(Encoding::for_label) {
            // WHATWG: a UTF-16 label in <meta> means UTF-8.
            return Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                UTF_8
            } else {
                enc
            });
        }
    }
    None
}

fn detect(body: &[u8], utf8: &Utf8Check<'_>) -> &'static Encoding {
    if utf8.is_valid() {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new();
    let sample = body.get(..body.len().min(DETECT_BYTES)).unwrap_or(body);
    det.feed(sample, sample.len() == body.len());
    det.guess(None, true)
}

/// Decodes an HTML body given the HTTP Content-Type header value, if any.
pub fn decode_html(body: &[u8], content_type: Option<&str>) -> Decoded {
    let utf8 = Utf8Check::new(body);
    let (enc, source, declared) = choose(body, content_type, &utf8);
    let bom_len = if source == CharsetSource::Bom {
        Encoding::for_bom(body).map_or(0, |(_, n)| n)
    } else {
        0
    };
    let bytes = body.get(bom_len..).unwrap_or(&[]);
    let mut html = if enc == UTF_8 {
        match (bom_len, utf8.text) {
            // Validated once already: copy without a second pass.
            (0, Some(s)) => s.to_owned(),
            _ => String::from_utf8_lossy(bytes).into_owned(),
        }
    } else {
        enc.decode_without_bom_handling(bytes).0.into_owned()
    };
    if !is_plainly_nfc(&html) {
        crate::text::normalize::nfc_in_place(&mut html);
    }
    Decoded {
        html,
        charset: enc.name(),
        source,
        declared,
    }
}

/// One UTF-8 validation of the body, shared by the charset choice and the decoding.
struct Utf8Check<'a> {
    /// The body as text when it is entirely valid.
    text: Option<&'a str>,
    /// Valid, possibly except for a sequence cut by truncation at the very end.
    complete: bool,
}

impl<'a> Utf8Check<'a> {
    fn new(body: &'a [u8]) -> Self {
        if let Ok(t) = simdutf8::basic::from_utf8(body) {
            return Utf8Check {
                text: Some(t),
                complete: true,
            };
        }
        match std::str::from_utf8(body) {
            Ok(t) => Utf8Check {
                text: Some(t),
                complete: true,
            },
            Err(e) => Utf8Check {
                text: None,
                complete: e.error_len().is_none() && body.len() - e.valid_up_to() < 4,
            },
        }
    }

    fn is_valid(&self) -> bool {
        self.complete
    }
}

/// Cheap sufficient test for NFC: every character is ASCII, in U+0080–U+02FF, in Latin Extended
/// Additional (U+1E00–U+1EFF, precomposed Vietnamese) or in U+2010–U+206F (punctuation). None of
/// these has NFC_QC ≠ Yes or is a combining mark (checked in the tests), so no normalisation is needed.
pub fn is_plainly_nfc(s: &str) -> bool {
    let b = s.as_bytes();
    // Lead bytes of characters outside those ranges (U+0300–U+07FF, U+0800–U+0FFF, U+3000 and up).
    for chunk in b.chunks(64) {
        let bad = chunk.iter().fold(false, |acc, &x| {
            acc | (x.wrapping_sub(0xCC) <= 0xE0 - 0xCC) | (x >= 0xE3)
        });
        if bad {
            return false;
        }
    }
    // Three-byte characters led by E1 (U+1000–U+1FFF) or E2 (U+2000–U+2FFF): only the allowed blocks.
    memchr::memchr2_iter(0xE1, 0xE2, b).all(|i| {
        matches!(
            (b.get(i), b.get(i + 1), b.get(i + 2)),
            (Some(0xE1), Some(0xB8..=0xBB), _)
                | (Some(0xE2), Some(0x80), Some(0x90..=0xBF))
                | (Some(0xE2), Some(0x81), Some(0x80..=0xAF))
        )
    })
}

/// Picks the encoding: BOM, then header, then meta (each checked against the bytes), then detection.
fn choose(
    body: &[u8],
    content_type: Option<&str>,
    utf8: &Utf8Check<'_>,
) -> (&'static Encoding, CharsetSource, Option<&'static str>) {
    if let Some((enc, _)) = Encoding::for_bom(body) {
        return (enc, CharsetSource::Bom, None);
    }
    let declared = content_type
        .and_then(header_charset)
        .map(|e| (e, CharsetSource::HttpHeader))
        .or_else(|| meta_charset(body).map(|e| (e, CharsetSource::Meta)));
    let Some((enc, src)) = declared else {
        return (detect(body, utf8), CharsetSource::Detected, None);
    };
    let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        enc
    };
    if enc == UTF_8 {
        if utf8.is_valid() {
            return (UTF_8, src, None);
        }
        // Declared UTF-8 but is not: detect among legacy encodings.
        return (detect(body, utf8), CharsetSource::Detected, Some(enc.name()));
    }
    if enc.is_single_byte() && utf8.is_valid() && !body.is_ascii() {
        // Declared a legacy charset but the bytes are valid, non-ASCII UTF-8.
        return (UTF_8, CharsetSource::Detected, Some(enc.name()));
    }
    (enc, src, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_meta_labels() {
        assert_eq!(
            header_charset("text/html; charset=\"windows-1258\""),
            Some(encoding_rs::WINDOWS_1258)
        );
        assert_eq!(header_charset("text/html"), None);
        assert_eq!(meta_charset(b"<head><META charset='utf-8'>"), Some(UTF_8));
        assert_eq!(
            meta_charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">"),
            Some(encoding_rs::WINDOWS_1258)
        );
    }

    #[test]
    fn plainly_nfc_ranges_really_are_nfc() {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let ranges = [(0x80u32, 0x2FFu32), (0x1E00, 0x1EFF), (0x2010, 0x206F)];
        for (lo, hi) in ranges {
            for cp in lo..=hi {
                let Some(c) = char::from_u32(cp) else { continue };
                let s = format!("a{c}");
                assert!(is_plainly_nfc(&s), "U+{cp:04X}");
                assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "U+{cp:04X}");
                assert!(!crate::text::normalize::is_combining_mark(c), "U+{cp:04X}");
            }
        }
        // No false positive anywhere in Unicode.
        for cp in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = format!("a{c}");
            if is_plainly_nfc(&s) {
                assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "U+{cp:04X}");
                assert!(!crate::text::normalize::is_combining_mark(c), "U+{cp:04X}");
            }
        }
        assert!(!is_plainly_nfc("a\u{300}"));
        assert!(!is_plainly_nfc("\u{1F600}"));
        assert!(!is_plainly_nfc("\u{2000}"));
    }

    #[test]
    fn truncated_utf8_tail_is_still_utf8() {
        let s = "Thời sự".as_bytes();
        let cut = &s[..s.len() - 1];
        let d = decode_html(cut, Some("text/html; charset=utf-8"));
        assert_eq!(d.charset, "UTF-8");
        assert_eq!(d.source, CharsetSource::HttpHeader);
    }
}
