//! IDN and homoglyphs: Unicode labels to an ASCII form via UTS #39 skeletons, and a visual key for digit/letter look-alikes.
use serde::{Deserialize, Serialize};
use unicode_security::MixedScript;

use crate::text::normalize::fold_char;

/// One character of a Unicode label replaced to reach the ASCII form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Substitution {
    /// Byte offset of the character in the Unicode label.
    pub at: usize,
    pub from: char,
    /// Replacement ("" when the character was dropped).
    pub to: String,
    pub how: SubstitutionKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubstitutionKind {
    /// A Latin letter with diacritics (Vietnamese IDN: "báo" → "bao").
    Diacritic,
    /// A confusable of another script or a symbol (UTS #39 skeleton: Cyrillic "е" → "e").
    Confusable,
    /// Nothing ASCII looks like it: dropped.
    Dropped,
}

/// The ASCII form of a (Unicode) label: diacritics folded, confusables replaced by their
/// skeleton, lower-case; `-` kept. Returns the form and what was replaced.
pub fn ascii_form(label: &str) -> (String, Vec<Substitution>) {
    let mut out = String::with_capacity(label.len());
    let mut subs = Vec::new();
    for (at, c) in label.char_indices() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if c.is_ascii() || crate::text::normalize::is_combining_mark(c) {
            continue;
        }
        let f = fold_char(c);
        if f.is_ascii_alphanumeric() {
            out.push(f);
            subs.push(Substitution {
                at,
                from: c,
                to: f.to_string(),
                how: SubstitutionKind::Diacritic,
            });
            continue;
        }
        let mut buf = [0u8; 4];
        let sk: String = unicode_security::skeleton(c.encode_utf8(&mut buf))
            .map(fold_char)
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        out.push_str(&sk);
        subs.push(Substitution {
            at,
            from: c,
            how: if sk.is_empty() {
                SubstitutionKind::Dropped
            } else {
                SubstitutionKind::Confusable
            },
            to: sk,
        });
    }
    (out, subs)
}

/// Whether the label mixes scripts (Latin with Cyrillic, Greek…), a classic spoofing sign.
pub fn is_mixed_script(label: &str) -> bool {
    !label.is_single_script()
}

/// A visual key: ASCII letters and digits that look alike are mapped to one representative
/// (0→o, 1/i/l→l, 3→e, 4→a, 5→s, 7→t, 8→b, 9→g, rn→m, vv→w, cl→d), `-` removed.
/// Two labels with the same visual key look the same at a glance.
pub fn visual(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        match (c, next) {
            (b'r', Some(b'n')) => {
                out.push('m');
                i += 2;
                continue;
            }
            (b'v', Some(b'v')) => {
                out.push('w');
                i += 2;
                continue;
            }
            (b'c', Some(b'l')) => {
                out.push('d');
                i += 2;
                continue;
            }
            _ => {}
        }
        let m = match c {
            b'0' => 'o',
            b'1' | b'i' | b'l' => 'l',
            b'3' => 'e',
            b'4' => 'a',
            b'5' => 's',
            b'7' => 't',
            b'8' => 'b',
            b'9' => 'g',
            b'-' => {
                i += 1;
                continue;
            }
            other => other as char,
        };
        out.push(m);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_and_vietnamese() {
        let (a, s) = ascii_form("vn\u{0435}xpress");
        assert_eq!(a, "vnexpress");
        assert_eq!(s.first().map(|s| s.how), Some(SubstitutionKind::Confusable));
        assert!(is_mixed_script("vn\u{0435}xpress"));
        assert!(!is_mixed_script("vnexpress"));
        let (a, s) = ascii_form("báomới");
        assert_eq!(a, "baomoi");
        assert!(s.iter().all(|s| s.how == SubstitutionKind::Diacritic));
    }

    #[test]
    fn visual_keys() {
        assert_eq!(visual("vnexpres5"), visual("vnexpress"));
        assert_eq!(visual("dantrl"), visual("dantri"));
        assert_eq!(visual("thanhnlen"), visual("thanhnien"));
        assert_eq!(visual("vnexpress"), "vnexpress");
    }
}
