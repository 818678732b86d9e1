//! `models/judge/messages.tsv`: what an inspector reads (names, statements, basis), in Vietnamese and English.
use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, bail};

use crate::model_files::ModelFiles;

/// The model file holding the messages.
pub const FILE: &str = "judge/messages.tsv";

/// A language an inspector reads: Vietnamese first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// `vi` or `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Keys the judge and the outputs use; the file must give each in every language.
pub const KEYS: &[&str] = &[
    "domain.press_words.found",
    "domain.press_words.none",
    "domain.press_words.clears",
    "domain.lookalike.found",
    "domain.lookalike.added",
    "domain.lookalike.none",
    "domain.lookalike.clears",
    "domain.locality.found",
    "domain.locality.other_issuer",
    "domain.locality.none",
    "domain.locality.clears",
    "identity.site_type.statement",
    "identity.site_type.label_missing",
    "identity.site_type.label_found",
    "identity.site_type.clears",
    "identity.newsroom.statement",
    "identity.newsroom.clears",
    "identity.licence.claim",
    "identity.licence.claim_clears",
    "identity.licence.no_line",
    "identity.licence.no_line_clears",
    "identity.licence.shown",
    "identity.licence.shown_clears",
    "licence_kind.none",
    "licence_kind.press",
    "licence_kind.aggregate",
    "licence_kind.social_network",
    "licence_kind.unclear",
    "layout.comments.statement",
    "layout.comments.clears",
    "layout.sections.statement",
    "layout.sections.empty",
    "layout.sections.clears",
    "sourcing.attribution.statement",
    "sourcing.attribution.compiled",
    "sourcing.attribution.clears",
    "sourcing.self_produced.statement",
    "sourcing.self_produced.clears",
    "sourcing.few_sources.statement",
    "sourcing.few_sources.clears",
    "tone.negative_ratio.statement",
    "tone.negative_ratio.few",
    "tone.negative_ratio.clears",
    "tone.sensational.statement",
    "tone.sensational.clears",
    "sourcing.fast_repost.none",
    "sourcing.fast_repost.found",
    "sourcing.fast_repost.crawl",
    "sourcing.fast_repost.clears",
    "activity.coordinated.found",
    "activity.coordinated.targets",
    "activity.coordinated.operators",
    "activity.coordinated.none",
    "activity.coordinated.clears",
    "how.same_name",
    "how.homoglyph",
    "how.added_words",
    "how.press_word_swap",
    "how.name_without_press_word",
    "how.edit_distance",
    "how.transposition",
    "how.shared_name_part",
    "note.not_judged_press",
    "note.not_judged_other",
    "note.too_few_items",
    "note.form_only",
    "class.licensed_press",
    "class.licensed_aggregate",
    "class.licensed_social_network",
    "class.claims_unregistered_licence",
    "class.unlicensed_news_like",
    "class.other",
    "family.bao_hoa",
    "family.negative_ratio",
];

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Both {
    pub vi: String,
    pub en: String,
}

impl Both {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// Appends `other` to each language.
    pub fn push(&mut self, other: &Both) {
        self.vi.push_str(&other.vi);
        self.en.push_str(&other.en);
    }
}

/// The loaded messages: one template per key and language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Messages {
    map: BTreeMap<(String, Lang), String>,
}

/// The `{name}` placeholders of a template, in order of first appearance, deduplicated.
pub fn placeholders(t: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) if after[..j].chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && j > 0 => {
                out.insert(after[..j].to_owned());
                rest = &after[j + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

impl Messages {
    /// Loads `judge/messages.tsv` from `--models` or the embedded defaults.
    pub fn load(files: &ModelFiles) -> anyhow::Result<Self> {
        let text = files.text(FILE)?;
        Self::parse(&text).with_context(|| format!("in models/{FILE}"))
    }

    /// The embedded messages.
    pub fn embedded() -> anyhow::Result<Self> {
        Self::load(&ModelFiles::default())
    }

    /// Parses the file and checks it: known languages, no key twice, every key in both languages
    /// with the same placeholders, and every key of [`KEYS`] and every criterion's name and basis.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let mut map = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.splitn(3, '\t');
            let (Some(key), Some(lang), Some(t)) = (cols.next(), cols.next(), cols.next()) else {
                bail!("line {n}: expected key <TAB> lang <TAB> text");
            };
            let Some(lang) = Lang::parse(lang.trim()) else {
                bail!("line {n}: language {lang:?} is not vi or en");
            };
            if map.insert((key.trim().to_owned(), lang), t.to_owned()).is_some() {
                bail!("line {n}: {key} ({}) is given twice", lang.as_str());
            }
        }
        let m = Messages { map };
        m.check()?;
        Ok(m)
    }

    fn check(&self) -> anyhow::Result<()> {
        let keys: BTreeSet<&str> = self.map.keys().map(|(k, _)| k.as_str()).collect();
        for key in &keys {
            let vi = self.map.get(&((*key).to_owned(), Lang::Vi));
            let en = self.map.get(&((*key).to_owned(), Lang::En));
            let (Some(vi), Some(en)) = (vi, en) else {
                bail!("{key} needs a vi and an en row");
            };
            let (pv, pe) = (placeholders(vi), placeholders(en));
            if pv != pe {
                bail!("{key}: placeholders differ between vi {pv:?} and en {pe:?}; use the same {{names}} in both");
            }
        }
        let mut required: Vec<String> = KEYS.iter().map(|k| (*k).to_owned()).collect();
        for code in super::config::CODES {
            required.push(format!("{code}.name"));
            required.push(format!("{code}.basis"));
        }
        if let Some(missing) = required.iter().find(|k| !keys.contains(k.as_str())) {
            bail!("{missing} is missing; baohoa needs it (in vi and en)");
        }
        Ok(())
    }

    /// The template of `key` in `lang`, placeholders filled from `args`; the key itself in ⟨⟩
    /// when the file lacks it (never for [`KEYS`], which loading checks).
    pub fn text(&self, key: &str, lang: Lang, args: &[(&str, String)]) -> String {
        let Some(t) = self.map.get(&(key.to_owned(), lang)) else {
            return format!("⟨{key}⟩");
        };
        let mut out = String::with_capacity(t.len() + 32);
        let mut rest = t.as_str();
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let hit = after
                .find('}')
                .and_then(|j| args.iter().find(|(k, _)| *k == &after[..j]).map(|(_, v)| (j, v)));
            match hit {
                Some((j, v)) => {
                    out.push_str(v);
                    rest = &after[j + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// [`Messages::text`] in both languages.
    pub fn both(&self, key: &str, args: &[(&str, String)]) -> Both {
        Both {
            vi: self.text(key, Lang::Vi, args),
            en: self.text(key, Lang::En, args),
        }
    }

    /// A site class in words.
    pub fn class(&self, class: super::SiteClass, lang: Lang) -> String {
        self.text(&format!("class.{}", class.as_str()), lang, &[])
    }

    /// A flag family in words.
    pub fn family(&self, family: super::Family, lang: Lang) -> String {
        self.text(&format!("family.{}", family.as_str()), lang, &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_messages_cover_every_criterion_in_both_languages() {
        let m = Messages::embedded().unwrap();
        for code in super::super::config::CODES {
            for lang in Lang::ALL {
                for part in ["name", "basis"] {
                    let t = m.text(&format!("{code}.{part}"), lang, &[]);
                    assert!(!t.is_empty() && !t.starts_with('⟨'), "{code}.{part} {lang:?}: {t}");
                }
            }
            let basis = m.text(&format!("{code}.basis"), Lang::Vi, &[]);
            assert!(
                !basis.contains("regulation.md"),
                "{code}: cites an internal file: {basis}"
            );
        }
    }

    #[test]
    fn every_key_has_vi_and_en_with_the_same_placeholders() {
        let text = ModelFiles::default().text(FILE).unwrap();
        let m = Messages::parse(&text).unwrap();
        let keys: BTreeSet<&String> = m.map.keys().map(|(k, _)| k).collect();
        for k in keys {
            let vi = &m.map[&(k.clone(), Lang::Vi)];
            let en = &m.map[&(k.clone(), Lang::En)];
            assert_eq!(placeholders(vi), placeholders(en), "{k}");
            assert_ne!(vi, en, "{k}: the vi text is the English one; translate it");
        }
    }

    #[test]
    fn a_missing_language_or_a_placeholder_mismatch_is_refused() {
        let text = ModelFiles::default().text(FILE).unwrap();
        let no_en: String = text
            .lines()
            .filter(|l| !l.starts_with("layout.comments.statement\ten"))
            .map(|l| format!("{l}\n"))
            .collect();
        let err = format!("{:#}", Messages::parse(&no_en).unwrap_err());
        assert!(
            err.contains("layout.comments.statement needs a vi and an en row"),
            "{err}"
        );
        let renamed = text.replace("{n} trong {items} bài có khung", "{n} trong {count} bài có khung");
        let err = format!("{:#}", Messages::parse(&renamed).unwrap_err());
        assert!(err.contains("layout.comments.statement: placeholders differ"), "{err}");
    }

    #[test]
    fn placeholders_are_filled_and_unknown_braces_kept() {
        let m = Messages::parse(&ModelFiles::default().text(FILE).unwrap().replace(
            "tone.sensational.statement\tvi\t{n}",
            "tone.sensational.statement\tvi\t{x {n}",
        ))
        .unwrap();
        let args = [("n", "2".to_string()), ("items", "9".into()), ("pct", "22%".into())];
        assert_eq!(
            m.text("tone.sensational.statement", Lang::Vi, &args),
            "{x 2 trong 9 tiêu đề mang tính giật gân (22%)"
        );
        assert_eq!(
            m.text("tone.sensational.statement", Lang::En, &args),
            "2 of 9 titles use shock framing (22%)"
        );
        assert_eq!(m.text("no.such", Lang::En, &[]), "⟨no.such⟩");
    }
}
