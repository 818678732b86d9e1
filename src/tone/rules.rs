//! Title rules without a lexicon (punctuation, capitals) and detection of text without diacritics.
use super::settings::{NoDiacriticsSettings, RuleSettings};

/// One rule that fired: its name, points and the byte range it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleHit {
    pub name: &'static str,
    pub points: f32,
    pub start: usize,
    pub end: usize,
}

/// Punctuation and capitals rules on a title.
pub fn title_rules(title: &str, s: &RuleSettings) -> Vec<RuleHit> {
    let mut out = Vec::new();
    let t = title.trim_end();
    if let Some(i) = find_any(t, &["!!", "?!", "!?"]) {
        out.push(RuleHit {
            name: "double_punctuation",
            points: s.double_punctuation,
            start: i,
            end: i + 2,
        });
    } else if let Some(i) = t.find('!') {
        out.push(RuleHit {
            name: "exclamation",
            points: s.exclamation,
            start: i,
            end: i + 1,
        });
    }
    if let Some(i) = find_any(t, &["...", "…"]) {
        let len = if t.get(i..).is_some_and(|r| r.starts_with("...")) {
            3
        } else {
            '…'.len_utf8()
        };
        out.push(RuleHit {
            name: "ellipsis",
            points: s.ellipsis,
            start: i,
            end: i + len,
        });
    }
    if let Some((start, end)) = scare_quotes(t) {
        out.push(RuleHit {
            name: "scare_quotes",
            points: s.scare_quotes,
            start,
            end,
        });
    }
    if let Some((start, end)) = shouted(t, s) {
        out.push(RuleHit {
            name: "shouted_words",
            points: s.shouted_words,
            start,
            end,
        });
    }
    out
}

/// First short quoted phrase (1–5 words in '…', ‘…’, "…" or “…”) opened at a word start.
fn scare_quotes(t: &str) -> Option<(usize, usize)> {
    let mut prev: Option<char> = None;
    for (i, c) in t.char_indices() {
        let close = match c {
            '\'' => '\'',
            '"' => '"',
            '‘' => '’',
            '“' => '”',
            _ => {
                prev = Some(c);
                continue;
            }
        };
        if prev.is_some_and(char::is_alphanumeric) {
            prev = Some(c);
            continue;
        }
        let inner_start = i + c.len_utf8();
        let rest = t.get(inner_start..)?;
        if let Some(j) = rest.find(close) {
            let inner = rest.get(..j).unwrap_or_default();
            let words = inner.split_whitespace().count();
            if (1..=5).contains(&words) && !inner.starts_with(' ') {
                return Some((i, inner_start + j + close.len_utf8()));
            }
        }
        prev = Some(c);
    }
    None
}

fn find_any(t: &str, needles: &[&str]) -> Option<usize> {
    needles.iter().filter_map(|n| t.find(n)).min()
}

/// Range from the first to the last shouted word, when there are enough of them and the title is
/// not written all in capitals.
fn shouted(t: &str, s: &RuleSettings) -> Option<(usize, usize)> {
    let mut words = 0usize;
    let mut shouted = Vec::new();
    let mut pos = 0usize;
    for w in t.split(|c: char| !c.is_alphanumeric()) {
        let start = pos;
        pos += w.len() + 1;
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters == 0 {
            continue;
        }
        words += 1;
        if letters >= s.shouted_min_letters && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
            shouted.push((start, start + w.len()));
        }
    }
    if shouted.len() >= s.shouted_min_count.max(1) && shouted.len() < words {
        let first = shouted.first()?;
        let last = shouted.last()?;
        Some((first.0, last.1))
    } else {
        None
    }
}

/// Whether `text` reads as Vietnamese written without any diacritic ("Bat giu nghi pham").
pub fn lacks_diacritics(text: &str, s: &NoDiacriticsSettings) -> bool {
    if s.syllables.is_empty() {
        return false;
    }
    // The first 64 ASCII words first (cheap, and most texts fail here), then the whole text for a
    // letter with diacritics.
    let mut words = 0usize;
    let mut vi = 0usize;
    let mut buf = [0u8; 16];
    for w in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        // A syllable is short; a longer word is not one.
        if let Some(b) = buf.get_mut(..w.len()) {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            if std::str::from_utf8(b).is_ok_and(|lw| s.syllables.contains(lw)) {
                vi += 1;
            }
        }
        if words >= 64 {
            break;
        }
    }
    words >= s.min_words
        && vi >= 2
        && (vi as f32) >= s.min_share * words as f32
        && !text.chars().any(|c| !c.is_ascii() && c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_capitals() {
        let s = RuleSettings::default();
        let names = |t: &str| title_rules(t, &s).into_iter().map(|r| r.name).collect::<Vec<_>>();
        assert_eq!(names("Thật không thể tin nổi!!"), vec!["double_punctuation"]);
        assert_eq!(names("Cảnh báo!"), vec!["exclamation"]);
        assert_eq!(names("Và rồi..."), vec!["ellipsis"]);
        assert_eq!(names("NÓNG: CHÁY LỚN ở chợ"), vec!["shouted_words"]);
        assert!(
            names("BỘ Y TẾ HƯỚNG DẪN").is_empty(),
            "all capitals is a style, not shouting"
        );
        assert!(names("UBND TP HCM họp").is_empty(), "acronyms are short");
        assert_eq!(names("Dự án 'siêu khủng' ở Đà Nẵng"), vec!["scare_quotes"]);
        assert!(
            names("Nhà hàng Lan's Kitchen khai trương").is_empty(),
            "apostrophe is not a quote"
        );
    }

    #[test]
    fn detects_vietnamese_without_diacritics() {
        let s = NoDiacriticsSettings {
            min_words: 3,
            min_share: 0.3,
            syllables: ["bat", "giu", "nghi", "pham", "trom"]
                .iter()
                .map(|x| x.to_string())
                .collect(),
        };
        assert!(lacks_diacritics("Bat giu nghi pham trom cap xe may", &s));
        assert!(!lacks_diacritics("Bắt giữ nghi phạm", &s));
        assert!(!lacks_diacritics("Police arrest a suspect in the city", &s));
    }
}
