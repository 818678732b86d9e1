//! The generator's vocabulary and templates (`src/tools/synth/data/*.tsv`, embedded), parsed once per run.
use std::collections::BTreeMap;

use super::rng::Rng;

const SLOTS: &str = include_str!("data/slots.tsv");
const PROVINCES: &str = include_str!("data/provinces.tsv");
const TITLES: &str = include_str!("data/titles.tsv");
const BODIES: &str = include_str!("data/bodies.tsv");
const DECOR: &str = include_str!("data/decor.tsv");
const NAMES: &str = include_str!("data/names.tsv");
const MENUS: &str = include_str!("data/menus.tsv");
const ENGLISH: &str = include_str!("data/english.tsv");
const FILLER: &str = include_str!("data/filler.tsv");

/// A headline template.
#[derive(Debug, Clone)]
pub struct TitleTemplate {
    pub negative: bool,
    pub topic: String,
    pub text: String,
}

/// A province: name with diacritics, domain slug, short slug.
#[derive(Debug, Clone)]
pub struct Province {
    pub name: String,
    pub slug: String,
    pub short: String,
}

/// A site name with its domain slug.
#[derive(Debug, Clone)]
pub struct Name {
    pub name: String,
    pub slug: String,
}

/// A menu entry.
#[derive(Debug, Clone)]
pub struct MenuItem {
    pub label: String,
    pub path: String,
}

/// Sensational framing.
#[derive(Debug, Clone)]
pub struct Decor {
    pub negative_only: bool,
    pub pre: bool,
    pub text: String,
}

/// Everything the generator writes with.
#[derive(Debug)]
pub struct Vocab {
    pub slots: BTreeMap<String, Vec<String>>,
    pub provinces: Vec<Province>,
    pub titles: Vec<TitleTemplate>,
    pub bodies: BTreeMap<String, Vec<String>>,
    pub decor: Vec<Decor>,
    pub names: BTreeMap<String, Vec<Name>>,
    pub menus: BTreeMap<String, Vec<MenuItem>>,
    /// (negative, is_title, text)
    pub english: Vec<(bool, bool, String)>,
    /// Neutral words the unique sentences of each article are drawn from: Vietnamese, English.
    pub filler: Vec<String>,
    pub filler_en: Vec<String>,
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').collect())
}

fn cell<'a>(r: &[&'a str], i: usize) -> &'a str {
    r.get(i).copied().unwrap_or("").trim()
}

impl Vocab {
    /// Parses the embedded data files. Panics never: malformed rows are skipped.
    pub fn load() -> Self {
        let mut slots: BTreeMap<String, Vec<String>> = BTreeMap::new();
        // slots.tsv has no header line: every non-comment row is data.
        for l in SLOTS.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            if let Some((k, v)) = l.split_once('\t') {
                slots.entry(k.trim().to_owned()).or_default().push(v.trim().to_owned());
            }
        }
        let provinces = rows(PROVINCES)
            .map(|r| Province {
                name: cell(&r, 0).to_owned(),
                slug: cell(&r, 1).to_owned(),
                short: cell(&r, 2).to_owned(),
            })
            .collect();
        let titles = rows(TITLES)
            .map(|r| TitleTemplate {
                negative: cell(&r, 0) == "neg",
                topic: cell(&r, 1).to_owned(),
                text: cell(&r, 2).to_owned(),
            })
            .collect();
        let mut bodies: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for r in rows(BODIES) {
            bodies
                .entry(cell(&r, 0).to_owned())
                .or_default()
                .push(cell(&r, 1).to_owned());
        }
        let decor = rows(DECOR)
            .map(|r| Decor {
                negative_only: cell(&r, 0) == "neg",
                pre: cell(&r, 1) == "pre",
                // Keep the text's own leading comma/dash; trim only outer spaces.
                text: cell(&r, 2).to_owned(),
            })
            .collect();
        let mut names: BTreeMap<String, Vec<Name>> = BTreeMap::new();
        for r in rows(NAMES) {
            names.entry(cell(&r, 0).to_owned()).or_default().push(Name {
                name: cell(&r, 1).to_owned(),
                slug: cell(&r, 2).to_owned(),
            });
        }
        let mut menus: BTreeMap<String, Vec<MenuItem>> = BTreeMap::new();
        for r in rows(MENUS) {
            menus.entry(cell(&r, 0).to_owned()).or_default().push(MenuItem {
                label: cell(&r, 1).to_owned(),
                path: cell(&r, 2).to_owned(),
            });
        }
        let english = rows(ENGLISH)
            .map(|r| (cell(&r, 0) == "neg", cell(&r, 1) == "title", cell(&r, 2).to_owned()))
            .collect();
        let filler_of = |lang: &str| -> Vec<String> {
            rows(FILLER)
                .filter(|r| cell(r, 0) == lang)
                .map(|r| cell(&r, 1).to_owned())
                .filter(|w| !w.is_empty())
                .collect()
        };
        Vocab {
            filler: filler_of("vi"),
            filler_en: filler_of("en"),
            slots,
            provinces,
            titles,
            bodies,
            decor,
            names,
            menus,
            english,
        }
    }

    /// One value of a slot ("" when the slot is unknown).
    pub fn slot(&self, rng: &mut Rng, slot: &str) -> String {
        self.slots
            .get(slot)
            .and_then(|v| rng.pick(v))
            .cloned()
            .unwrap_or_default()
    }

    /// A person's full name.
    pub fn person(&self, rng: &mut Rng) -> String {
        format!(
            "{} {} {}",
            self.slot(rng, "ho"),
            self.slot(rng, "dem"),
            self.slot(rng, "ten")
        )
    }

    /// Fills `{slot}` placeholders; `{tinh}` is `province`.
    pub fn fill(&self, rng: &mut Rng, template: &str, province: &str) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            match after.find('}') {
                Some(j) => {
                    let key = &after[..j];
                    if key == "tinh" {
                        out.push_str(province);
                    } else {
                        out.push_str(&self.slot(rng, key));
                    }
                    rest = &after[j + 1..];
                }
                None => {
                    out.push_str(&rest[i..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    pub fn names_of(&self, kind: &str) -> &[Name] {
        self.names.get(kind).map_or(&[], Vec::as_slice)
    }

    pub fn menu(&self, kind: &str) -> &[MenuItem] {
        self.menus.get(kind).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse_and_fill() {
        let v = Vocab::load();
        assert!(v.provinces.len() >= 20);
        assert!(v.titles.iter().filter(|t| t.negative).count() >= 30);
        assert!(v.titles.iter().filter(|t| !t.negative).count() >= 30);
        assert!(v.names_of("outlet").len() >= 10 && v.names_of("brand").len() >= 10);
        assert!(v.menu("news").len() >= 12);
        for t in &v.titles {
            assert!(
                v.bodies.contains_key(&t.topic),
                "no body sentences for topic {}",
                t.topic
            );
        }
        let mut r = Rng::new(3);
        let s = v.fill(&mut r, "Cháy nhà ở {tinh}, {so} người {unknown}", "Nghệ An");
        assert!(s.starts_with("Cháy nhà ở Nghệ An, "), "{s}");
        assert!(!s.contains('{'), "{s}");
    }
}
