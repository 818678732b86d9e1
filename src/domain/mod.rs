//! Domain features of a site: registrable domain, IDN and homoglyphs, segmentation, press words, locality, look-alikes.
//!
//! Computed once per site with [`analyse`]. Each finding carries its evidence (matched words and
//! segments, the imitated outlet and how, a score in 0..1) as plain serde data, so the verdict stage
//! and `baohoa domain` can show an inspector why a domain was flagged.
pub mod homoglyph;
pub mod lookalike;
pub mod segment;
pub mod words;

use serde::{Deserialize, Serialize};

pub use homoglyph::{Substitution, SubstitutionKind};
pub use lookalike::{How, LookalikeMatch};
pub use segment::{Segment, SegmentKind};
pub use words::{PlaceHit, Source, WordCategory, WordHit};

pub use crate::host::{registrable_domain, url_host};

use crate::model_files::ModelFiles;
use crate::registry::{Registry, RegistryKind};

/// Press words, localities, syllable inventory: compiled once.
#[derive(Debug)]
pub struct DomainModel {
    segmenter: segment::Segmenter,
    words: words::WordModel,
    /// A press-word or look-alike score at or above this is a finding (`settings.tsv`).
    pub min_score: f32,
    /// Province and city names (and aliases) as written in running text, with their unit's name.
    places_in_text: (crate::text::lexicon::Lexicon, Vec<String>),
    /// The look-alike index over every registry outlet's names and domains.
    lookalike: lookalike::LookalikeIndex,
}

impl DomainModel {
    /// Reads `domain/phonotactics.tsv`, `domain/words.tsv`, `domain/press_words.tsv`,
    /// `domain/localities.tsv` and `domain/settings.tsv`, and indexes the outlets of `registry` for
    /// look-alikes.
    pub fn load(files: &ModelFiles, registry: &Registry) -> anyhow::Result<Self> {
        let words = words::WordModel::new(
            &files.text("domain/press_words.tsv")?,
            &files.text("domain/localities.tsv")?,
        )?;
        let mut list: Vec<(String, String)> = Vec::new();
        for (line, row) in crate::model_files::tsv_rows(&files.text("domain/words.tsv")?, false) {
            match row.as_slice() {
                [w, kind, ..] => list.push((words::syllable_key(w), kind.to_string())),
                _ => anyhow::bail!("domain/words.tsv line {line}: expected `word<TAB>kind`"),
            }
        }
        list.extend(words.segmenter_words().map(|w| (w.to_string(), "lex".to_string())));
        let segmenter = segment::Segmenter::new(&files.text("domain/phonotactics.tsv")?, &list)?;
        let mut min_score = 0.5;
        for (line, row) in crate::model_files::tsv_rows(&files.text("domain/settings.tsv")?, false) {
            if let ["min_score", v, ..] = row.as_slice() {
                min_score = v
                    .parse()
                    .map_err(|_| anyhow::anyhow!("domain/settings.tsv line {line}: min_score `{v}` is not a number"))?;
            }
        }
        let places_in_text = place_lexicon(&files.text("domain/localities.tsv")?)?;
        Ok(DomainModel {
            segmenter,
            words,
            min_score,
            places_in_text,
            lookalike: lookalike::LookalikeIndex::build(registry.outlets()),
        })
    }

    /// Provinces and cities named in a text (their unit names, sorted, each once), matched with or
    /// without diacritics. One-syllable names ("Huế") are left out: too ambiguous once folded.
    /// Rebuilds the look-alike index over `registry`'s outlets (after the registry was extended).
    pub fn index_outlets(&mut self, registry: &Registry) {
        self.lookalike = lookalike::LookalikeIndex::build(registry.outlets());
    }

    pub fn places_in(&self, text: &str) -> Vec<String> {
        let (lx, names) = &self.places_in_text;
        let mut out: Vec<String> = lx
            .find_in(text)
            .into_iter()
            .filter_map(|h| names.get(h.entry).cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Segments an ASCII label (hyphens split parts); ranges are in the label without hyphens.
    pub fn segment(&self, label: &str) -> Vec<Segment> {
        let mut out = Vec::new();
        let mut offset = 0;
        for part in label.split('-') {
            self.segmenter.segment(part, offset, &mut out);
            offset += part.len();
        }
        out
    }
}

/// Lexicon of place names in text: every unit name and alias of `localities.tsv` (diacritic-folded,
/// whole words), mapped to the unit's name; one-syllable names are left out unless dotted ("TP.HCM").
fn place_lexicon(tsv: &str) -> anyhow::Result<(crate::text::lexicon::Lexicon, Vec<String>)> {
    let mut phrases = Vec::new();
    let mut names = Vec::new();
    for (_, row) in crate::model_files::tsv_rows(tsv, true) {
        let Some(name) = row.first().filter(|n| !n.is_empty()) else {
            continue;
        };
        let aliases = row.get(1).copied().unwrap_or("");
        for n in std::iter::once(*name).chain(aliases.split(';').map(str::trim).filter(|a| !a.is_empty())) {
            // One folded syllable ("hue", "hcm") is too ambiguous in running text.
            if crate::text::normalize::fold(n).split_whitespace().count() < 2 && !n.contains('.') {
                continue;
            }
            phrases.push(n.to_string());
            names.push(name.to_string());
        }
    }
    let lx = crate::text::lexicon::Lexicon::new(&phrases, crate::text::lexicon::Fold::Diacritics)?;
    Ok((lx, names))
}

/// The registry entry a domain belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegistryRef {
    pub name: String,
    pub kind: RegistryKind,
    pub licence: String,
}

/// Press-like words in the domain or site name (`domain.press_words`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PressWordsFinding {
    /// 1 − Π(1 − weight) over the distinct words (cues only count beside another word).
    pub score: f32,
    pub words: Vec<WordHit>,
}

/// Province or city names in the domain or site name (`domain.locality`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalityFinding {
    /// 1 for a multi-syllable place, 0.6 for a one-syllable one ("Huế").
    pub score: f32,
    pub places: Vec<PlaceHit>,
}

/// Licensed outlets the domain or site name looks like (`domain.lookalike`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LookalikeFinding {
    /// The best match's score.
    pub score: f32,
    /// Best match per outlet, best first (at most 5).
    pub matches: Vec<LookalikeMatch>,
}

/// Features of one domain (and optionally the site's name).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DomainFeatures {
    /// Registrable domain, lower-case ASCII (punycode for IDN).
    pub domain: String,
    /// The same in Unicode (differs for IDN).
    pub unicode: String,
    /// Public suffix ("com.vn").
    pub suffix: String,
    /// The registrable label in Unicode ("baogialai", "vnеxpress").
    pub label: String,
    /// ASCII form of the label: diacritics folded, confusables replaced, hyphens removed.
    pub ascii: String,
    /// Whether the domain is an IDN (has a punycode label).
    pub idn: bool,
    /// Whether the label mixes scripts (Latin with Cyrillic…).
    pub mixed_script: bool,
    /// Characters replaced to reach `ascii`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub substitutions: Vec<Substitution>,
    /// Segmentation of `ascii` (ranges in `ascii`).
    pub segments: Vec<Segment>,
    /// The registry entry owning the domain, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub registry: Option<RegistryRef>,
    /// Why findings were withheld ("licensed press agency"), if they were.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub exempt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub press_words: Option<PressWordsFinding>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub locality: Option<LocalityFinding>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lookalike: Option<LookalikeFinding>,
}

impl DomainFeatures {
    /// Criterion codes that fired (`domain.press_words`, `domain.lookalike`, `domain.locality`) with their scores.
    pub fn findings(&self) -> Vec<(&'static str, f32)> {
        let mut v = Vec::new();
        if let Some(p) = &self.press_words {
            v.push(("domain.press_words", p.score));
        }
        if let Some(l) = &self.lookalike {
            v.push(("domain.lookalike", l.score));
        }
        if let Some(l) = &self.locality {
            v.push(("domain.locality", l.score));
        }
        v
    }
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// Splits a host or URL into (registrable ASCII domain, its suffix, ASCII host).
fn split_domain(input: &str) -> (String, String, String) {
    let s = input.trim();
    let host = if s.contains("://") {
        url_host(s).unwrap_or_default()
    } else {
        s.split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .rsplit('@')
            .next()
            .unwrap_or("")
            .to_string()
    };
    let host = host.split(':').next().unwrap_or("").trim_end_matches('.').to_string();
    let ascii = idna::domain_to_ascii(&host).unwrap_or_else(|_| host.to_ascii_lowercase());
    let domain = registrable_domain(&ascii);
    let suffix = psl::suffix_str(&domain).unwrap_or("").to_string();
    (domain, suffix, ascii)
}

/// Domain features of one site: `domain` is a host, registrable domain or URL (ASCII or Unicode),
/// `site_name` the name the site gives itself (title/og:site_name), if known. Findings are withheld
/// for licensed press agencies (they are exempt); for licensed aggregate sites and social networks
/// look-alikes are withheld but press words are still reported (QĐ 1418 applies to them).
pub fn analyse(domain: &str, site_name: Option<&str>, model: &DomainModel, registry: &Registry) -> DomainFeatures {
    let (domain, suffix, host) = split_domain(domain);
    let (unicode, _) = idna::domain_to_unicode(&domain);
    let label_ascii = if suffix.is_empty() || domain.len() <= suffix.len() + 1 {
        domain.clone()
    } else {
        domain
            .get(..domain.len() - suffix.len() - 1)
            .unwrap_or(&domain)
            .to_string()
    };
    let idn = label_ascii.split('.').any(|l| l.starts_with("xn--"));
    let (label, _) = idna::domain_to_unicode(&label_ascii);
    let (ascii_h, substitutions) = homoglyph::ascii_form(&label);
    let confusable = substitutions.iter().any(|s| s.how != SubstitutionKind::Diacritic);
    let segments = model.segment(&ascii_h);
    let ascii: String = ascii_h.chars().filter(|c| *c != '-').collect();
    let mut f = DomainFeatures {
        mixed_script: homoglyph::is_mixed_script(&label),
        domain: domain.clone(),
        unicode,
        suffix: suffix.clone(),
        label,
        ascii: ascii.clone(),
        idn,
        substitutions,
        segments,
        ..Default::default()
    };
    let owner = registry.lookup_domain(&host);
    f.registry = owner.map(|(o, kind)| RegistryRef {
        name: o.name.clone(),
        kind,
        licence: o.licence.clone(),
    });
    if matches!(owner, Some((_, RegistryKind::Press))) {
        f.exempt = Some("licensed press agency (press registry)".to_string());
        return f;
    }
    // Press words and places.
    let mut hits = Vec::new();
    let mut places = Vec::new();
    model.words.scan(&f.segments, Source::Domain, &mut hits, &mut places);
    if let Some(name) = site_name {
        let units = name_units(name);
        model.words.scan(&units, Source::SiteName, &mut hits, &mut places);
    }
    if suffix == "gov.vn" {
        hits.retain(|h| h.category != WordCategory::Authority);
    }
    let score = words::press_score(&hits);
    if score >= model.min_score {
        f.press_words = Some(PressWordsFinding {
            score: round3(score),
            words: hits,
        });
    }
    if !places.is_empty() {
        let score = if places.iter().any(|p| p.matched.contains(' ')) {
            1.0
        } else {
            0.6
        };
        places.dedup_by(|a, b| a.name == b.name && a.source == b.source);
        f.locality = Some(LocalityFinding { score, places });
    }
    // Look-alikes (not for licensed aggregate sites and social networks: they are known entities).
    if owner.is_none() {
        let idx = &model.lookalike;
        let mut m = Vec::new();
        idx.find(&ascii, &f.segments, confusable, &model.words, &mut m);
        if let Some(name) = site_name {
            idx.find_name(name, &mut m);
        }
        let m = lookalike::best_per_outlet(m, 5);
        if let Some(best) = m.first().filter(|b| b.score >= model.min_score) {
            f.lookalike = Some(LookalikeFinding {
                score: best.score,
                matches: m.into_iter().filter(|x| x.score >= model.min_score).collect(),
            });
        }
    }
    f
}

/// A site name as units: each word folded to ASCII is one unit.
fn name_units(name: &str) -> Vec<Segment> {
    let folded = crate::text::normalize::fold(&crate::text::normalize::nfc(name));
    let mut v = Vec::new();
    let mut pos = 0;
    for w in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !w.is_empty() {
            v.push(Segment {
                text: w.to_string(),
                kind: SegmentKind::Syllable,
                start: pos,
                end: pos + w.len(),
            });
        }
        pos += w.len() + 1;
    }
    v
}

/// `baohoa domain`: prints the domain features of each name (arguments, else one per stdin line)
/// as JSON lines. A line may be `domain<TAB>site name`.
pub fn cli(
    names: &[String],
    input: &mut dyn std::io::BufRead,
    out: &mut dyn std::io::Write,
    model: &DomainModel,
    registry: &Registry,
) -> anyhow::Result<()> {
    let mut emit = |line: &str| -> anyhow::Result<()> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(());
        }
        let (d, name) = match line.split_once('\t') {
            Some((d, n)) => (d, Some(n.trim()).filter(|n| !n.is_empty())),
            None => (line, None),
        };
        let f = analyse(d, name, model, registry);
        serde_json::to_writer(&mut *out, &f)?;
        out.write_all(b"\n")?;
        Ok(())
    };
    if names.is_empty() {
        let mut line = String::new();
        loop {
            line.clear();
            if input.read_line(&mut line)? == 0 {
                break;
            }
            emit(&line)?;
        }
    } else {
        for n in names {
            emit(n)?;
        }
    }
    Ok(())
}
