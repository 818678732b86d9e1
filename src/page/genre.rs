//! Signs of own reporting on an item: a genre heading the title, or "our reporter was there" phrases.
use serde::{Deserialize, Serialize};

use super::{Evidence, LabelledLexicon};

/// One sign of own reporting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnReporting {
    /// genre | reporting
    pub kind: String,
    pub evidence: Evidence,
}

/// Finds own-reporting signs in the title (genre label at its head) and the main text (phrases).
pub fn extract(lexicon: &LabelledLexicon, title: &str, main_text: &str) -> Vec<OwnReporting> {
    let mut out = Vec::new();
    let head = title.trim_start_matches(['[', '(', '"', '“', ' ']);
    let skipped = title.len() - head.len();
    for h in lexicon.lexicon.find_in(head) {
        if lexicon.label(h.entry) != "genre" || h.start != 0 {
            continue;
        }
        // The genre must stand as a label: followed by ':', '|', '-', '–', ']' or ')'.
        let rest = head[h.end..].trim_start();
        if rest.starts_with([':', '|', '-', '–', ']', ')']) {
            let matched = &title[skipped + h.start..skipped + h.end];
            out.push(OwnReporting {
                kind: "genre".into(),
                evidence: Evidence::new(matched, title),
            });
            break;
        }
    }
    for line in main_text.lines() {
        if let Some(h) = lexicon
            .lexicon
            .find_in(line)
            .into_iter()
            .find(|h| lexicon.label(h.entry) == "reporting")
        {
            out.push(OwnReporting {
                kind: "reporting".into(),
                evidence: Evidence::new(&line[h.start..h.end], line),
            });
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model_files::ModelFiles;
    use crate::page::PageModel;

    #[test]
    fn genre_heading_and_reporter_phrases() {
        let m = PageModel::load(&ModelFiles::default()).unwrap();
        let r = extract(&m.genres, "Phóng sự: Những phận đời lay lắt", "");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].evidence.matched, "Phóng sự");
        assert_eq!(extract(&m.genres, "[Điều tra] Đường dây bảo kê chợ", "").len(), 1);
        // A genre word inside the title is not a label.
        assert!(extract(&m.genres, "Vụ án đang được điều tra: nghi phạm bỏ trốn", "").is_empty());
        let r = extract(
            &m.genres,
            "Chợ phiên",
            "Mở đầu.\nTheo ghi nhận của phóng viên, chợ đông.",
        );
        assert_eq!(r[0].kind, "reporting");
        assert!(r[0].evidence.context.starts_with("Theo ghi nhận"));
    }
}
