//! Language of a text (vi, en, other): letter statistics decide Vietnamese and plain English;
//! whatlang, on a bounded prefix, decides the rest.
use serde::{Deserialize, Serialize};

/// Bytes of text looked at; more does not change the answer and costs time.
pub const LANG_PREFIX_BYTES: usize = 4096;

/// Vietnamese when at least this share of the letters are letters only Vietnamese writes (the
/// median of the real Vietnamese titles and leads is 19 %, their 5th percentile 12 %; English with
/// Vietnamese names has well under 2 %)…
const VI_LETTER_SHARE: f64 = 0.10;
/// …and at most this share of the words are English function words (mixed pages go to whatlang).
const VI_MAX_EN_WORDS: f64 = 0.01;
/// Plain English when at least this share of the words are English function words…
const EN_WORD_SHARE: f64 = 0.15;
/// …and at most this share of the letters are not ASCII.
const EN_MAX_NON_ASCII: f64 = 0.02;
/// More than this share of letters from another script (Cyrillic, CJK, Thai…): whatlang decides.
const MAX_OTHER_SCRIPT: f64 = 0.01;
/// English function words that are not words of another Latin-script language whatlang knows.
/// ("to" is left out: it is a Vietnamese syllable too.)
const EN_WORDS: [&str; 23] = [
    "the", "and", "of", "that", "for", "with", "are", "this", "from", "have", "has", "were", "which", "would", "their",
    "they", "you", "been", "will", "its", "his", "not", "by",
];

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

/// The first [`LANG_PREFIX_BYTES`] bytes of `text` (cut at a character boundary), or `None` when
/// they hold fewer than four words.
fn prefix(text: &str) -> Option<&str> {
    let mut end = text.len().min(LANG_PREFIX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = text.get(..end)?;
    (prefix.split_whitespace().take(4).count() >= 4).then_some(prefix)
}

/// Detects the language of `text` from its first [`LANG_PREFIX_BYTES`] bytes: Vietnamese when
/// enough letters are ones only Vietnamese writes, English when the text is ASCII and full of
/// English function words, otherwise whatlang over every language it knows.
pub fn detect(text: &str) -> Lang {
    let Some(prefix) = prefix(text) else {
        return Lang::Unknown;
    };
    quick(prefix).unwrap_or_else(|| whatlang_lang(prefix))
}

/// whatlang alone (every language it knows) on the same prefix: the reference [`detect`] is
/// checked against on real pages.
pub fn detect_reference(text: &str) -> Lang {
    prefix(text).map_or(Lang::Unknown, whatlang_lang)
}

fn whatlang_lang(prefix: &str) -> Lang {
    match whatlang::detect_lang(prefix) {
        Some(whatlang::Lang::Vie) => Lang::Vi,
        Some(whatlang::Lang::Eng) => Lang::En,
        Some(_) => Lang::Other,
        None => Lang::Unknown,
    }
}

/// Letters of the Vietnamese alphabet that no other Latin-script language uses: ă đ ơ ư ĩ ũ and
/// the vowels with a dot below, a hook above or both marks (U+1EA0–U+1EF9).
fn is_vi_only_letter(c: char) -> bool {
    matches!(c, 'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ')
        || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// Latin letters: ASCII, Latin-1 to Latin Extended-B, Latin Extended Additional.
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// `char::is_alphabetic` without the Unicode table lookup for ASCII and the Latin blocks.
fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

/// The answer when the letters leave no doubt; `None` hands the text to whatlang.
fn quick(prefix: &str) -> Option<Lang> {
    let (mut letters, mut vi, mut non_latin, mut non_ascii) = (0u32, 0u32, 0u32, 0u32);
    let (mut words, mut en_words, mut has_the) = (0u32, 0u32, false);
    for word in prefix.split(|c: char| !is_letter(c)).filter(|w| !w.is_empty()) {
        words += 1;
        if word.is_ascii() {
            letters += word.len() as u32;
            if word.len() <= 5 && EN_WORDS.iter().any(|e| e.eq_ignore_ascii_case(word)) {
                en_words += 1;
                has_the |= word.eq_ignore_ascii_case("the");
            }
            continue;
        }
        for c in word.chars() {
            letters += 1;
            if c.is_ascii() {
                continue;
            }
            non_ascii += 1;
            if is_vi_only_letter(c) {
                vi += 1;
            } else if !is_latin_letter(c) {
                non_latin += 1;
            }
        }
    }
    let letters = f64::from(letters.max(1));
    // Another script among the letters: whatlang's script detection decides.
    if f64::from(non_latin) / letters > MAX_OTHER_SCRIPT {
        return None;
    }
    if f64::from(vi) / letters >= VI_LETTER_SHARE && f64::from(en_words) <= VI_MAX_EN_WORDS * f64::from(words) {
        return Some(Lang::Vi);
    }
    if has_the
        && f64::from(non_ascii) / letters <= EN_MAX_NON_ASCII
        && f64::from(en_words) >= EN_WORD_SHARE * f64::from(words)
    {
        return Some(Lang::En);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_letter_is_is_alphabetic() {
        for cp in 0..=0x2FFFu32 {
            let Some(c) = char::from_u32(cp) else { continue };
            assert_eq!(is_letter(c), c.is_alphabetic(), "U+{cp:04X}");
        }
    }

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

    #[test]
    fn other_languages_go_to_whatlang() {
        let de = "Die Polizei ermittelt nach einem schweren Verkehrsunfall in der Innenstadt, bei dem drei Menschen verletzt wurden";
        let fr =
            "La police enquête sur un grave accident de la circulation survenu ce matin dans le centre de la ville";
        let ru = "Полиция расследует серьёзное дорожно-транспортное происшествие в центре города сегодня утром";
        for t in [de, fr, ru] {
            assert_eq!(quick(t), None, "{t}");
            assert_eq!(detect(t), Lang::Other, "{t}");
        }
        // English naming Vietnamese places is English, not Vietnamese.
        let en = "The ministry in Hà Nội said that the new rules for the press would take effect from January, and that they have been discussed";
        assert_eq!(quick(en), Some(Lang::En));
    }

    #[test]
    fn agrees_with_whatlang_on_clear_texts() {
        let texts = [
            "Cơ quan chức năng đang điều tra vụ tai nạn giao thông nghiêm trọng tại Hà Nội",
            "Sáng nay, Thủ tướng chủ trì hội nghị trực tuyến với các địa phương về phòng chống thiên tai",
            "The police are investigating a serious traffic accident in the city centre today",
            "It was the best of times, it was the worst of times, it was the age of wisdom",
        ];
        for t in texts {
            assert_eq!(detect(t), detect_reference(t), "{t}");
        }
    }
}
