//! Language of a text (vi, en, other) with whatlang on a bounded prefix.
use serde::{Deserialize, Serialize};

/// Bytes of text looked at; more does not change the answer and costs time.
pub const LANG_PREFIX_BYTES: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Vi,
    En,
    Other,
    /// Too little text to tell.
    Unknown,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
            Lang::Other => "other",
            Lang::Unknown => "unknown",
        }
    }
}

/// Detects the language of `text` from its first [`LANG_PREFIX_BYTES`] bytes.
pub fn detect(text: &str) -> Lang {
    let mut end = text.len().min(LANG_PREFIX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = &text[..end];
    if prefix.split_whitespace().take(4).count() < 4 {
        return Lang::Unknown;
    }
    match whatlang::detect_lang(prefix) {
        Some(whatlang::Lang::Vie) => Lang::Vi,
        Some(whatlang::Lang::Eng) => Lang::En,
        Some(_) => Lang::Other,
        None => Lang::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_vi_and_en() {
        assert_eq!(
            detect("Cơ quan chức năng đang điều tra vụ tai nạn giao thông nghiêm trọng tại Hà Nội"),
            Lang::Vi
        );
        assert_eq!(
            detect("The police are investigating a serious traffic accident in the city centre today"),
            Lang::En
        );
        assert_eq!(detect("hi"), Lang::Unknown);
    }
}
