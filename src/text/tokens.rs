//! Word tokens (unicode-segmentation) and Vietnamese syllable n-grams.
use unicode_segmentation::UnicodeSegmentation;

/// Unicode words of `s` (UAX #29), e.g. syllables of Vietnamese text.
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    s.unicode_words()
}

/// Number of words in `s`.
pub fn word_count(s: &str) -> usize {
    s.unicode_words().count()
}

/// Syllable n-grams (n = 1..=max_n) of a text, joined with a space, for multi-syllable terms.
pub fn syllable_ngrams(s: &str, max_n: usize) -> Vec<String> {
    let syl: Vec<&str> = s.unicode_words().collect();
    let mut out = Vec::new();
    for n in 1..=max_n.max(1) {
        for w in syl.windows(n) {
            out.push(w.join(" "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ngrams_of_syllables() {
        let g = syllable_ngrams("tai nạn giao thông", 2);
        assert!(g.contains(&"tai nạn".to_string()));
        assert!(g.contains(&"giao thông".to_string()));
        assert_eq!(word_count("Tổng biên tập: Nguyễn Văn A"), 6);
    }
}
