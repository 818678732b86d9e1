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
        let rest = rest.get(rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..).unwrap_or(&[]);
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = rest.get(rest.iter().take_while(|b| b.is_ascii_whitespace() || **b == b'"' || **b == b'\'').count()..).unwrap_or(&[]);
        let n = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
            .count();
        if let Some(enc) = rest.get(..n).and_then(Encoding::for_label) {
            // WHATWG: a UTF-16 label in <meta> means UTF-8.
            return Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { UTF_8 } else { enc });
        }
    }
    None
}

/// `body` is UTF-8, allowing a sequence cut by truncation at the very end.
fn valid_utf8(body: &[u8]) -> bool {
    match std::str::from_utf8(body) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && body.len() - e.valid_up_to() < 4,
    }
}

fn detect(body: &[u8]) -> &'static Encoding {
    if valid_utf8(body) {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new();
    let sample = body.get(..body.len().min(DETECT_BYTES)).unwrap_or(body);
    det.feed(sample, sample.len() == body.len());
    det.guess(None, true)
}

/// Decodes an HTML body given the HTTP Content-Type header value, if any.
pub fn decode_html(body: &[u8], content_type: Option<&str>) -> Decoded {
    let (enc, source, declared) = choose(body, content_type);
    let bom_len = if source == CharsetSource::Bom {
        Encoding::for_bom(body).map_or(0, |(_, n)| n)
    } else {
        0
    };
    let bytes = body.get(bom_len..).unwrap_or(&[]);
    let mut html = if enc == UTF_8 {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        }
    } else {
        enc.decode_without_bom_handling(bytes).0.into_owned()
    };
    crate::text::normalize::nfc_in_place(&mut html);
    Decoded {
        html,
        charset: enc.name(),
        source,
        declared,
    }
}

/// Picks the encoding: BOM, then header, then meta (each checked against the bytes), then detection.
fn choose(body: &[u8], content_type: Option<&str>) -> (&'static Encoding, CharsetSource, Option<&'static str>) {
    if let Some((enc, _)) = Encoding::for_bom(body) {
        return (enc, CharsetSource::Bom, None);
    }
    let declared = content_type
        .and_then(header_charset)
        .map(|e| (e, CharsetSource::HttpHeader))
        .or_else(|| meta_charset(body).map(|e| (e, CharsetSource::Meta)));
    let Some((enc, src)) = declared else {
        return (detect(body), CharsetSource::Detected, None);
    };
    let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { UTF_8 } else { enc };
    let utf8 = valid_utf8(body);
    if enc == UTF_8 {
        if utf8 {
            return (UTF_8, src, None);
        }
        // Declared UTF-8 but is not: detect among legacy encodings.
        return (detect(body), CharsetSource::Detected, Some(enc.name()));
    }
    if enc.is_single_byte() && utf8 && !body.is_ascii() {
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
        assert_eq!(header_charset("text/html; charset=\"windows-1258\""), Some(encoding_rs::WINDOWS_1258));
        assert_eq!(header_charset("text/html"), None);
        assert_eq!(meta_charset(b"<head><META charset='utf-8'>"), Some(UTF_8));
        assert_eq!(
            meta_charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">"),
            Some(encoding_rs::WINDOWS_1258)
        );
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
