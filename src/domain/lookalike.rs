//! Look-alikes of registry outlets: one index over all outlets' names and domains, queried once per site.
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

use super::homoglyph::visual;
use super::segment::{Segment, SegmentKind};
use super::words::{Source, WordCategory, WordModel};
use crate::registry::{Outlet, RegistryKind};
use crate::text::normalize::fold;

/// How a site imitates an outlet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// The outlet's name or domain label, unchanged, on another domain or TLD ("baogialai.net").
    SameName,
    /// The same name written with look-alike characters (Cyrillic letters, 5 for s, rn for m).
    Homoglyph,
    /// The outlet's name plus added words ("vnexpress24h", "tuoitre-news").
    AddedWords,
    /// The outlet's name with its press word swapped for another ("tạp chí" + "đầu tư" for Báo Đầu tư).
    PressWordSwap,
    /// The outlet's name without its press-type word ("kinhtephattrien" for "Tạp chí Kinh tế & Phát triển").
    NameWithoutPressWord,
    /// A small edit of the name (relative edit distance).
    EditDistance,
    /// Two neighbouring letters swapped.
    Transposition,
    /// One side of an "A & B" outlet name in an "X và B" label ("… và đời sống" for "Sức khỏe & Đời sống").
    SharedNamePart,
}

/// One outlet a site looks like, with the evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LookalikeMatch {
    /// The outlet's name as registered.
    pub outlet: String,
    /// Its main domain.
    pub outlet_domain: String,
    pub registry: RegistryKind,
    pub how: How,
    /// The outlet's key that matched (de-accented name or domain label without TLD).
    pub key: String,
    /// The part of the site's label (or name) that matched.
    pub matched: String,
    /// Words the site added around the key.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub added: Vec<String>,
    /// Edit distance (for `edit_distance`, `transposition`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub distance: Option<u32>,
    /// Edit distance divided by the longer length.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub relative_distance: Option<f32>,
    pub score: f32,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeySource {
    /// Full name (or alias), de-accented.
    Name,
    /// Domain label without the public suffix.
    Domain,
    /// Name without its press-type word ("dautu" of "Báo Đầu tư").
    Core,
}

#[derive(Debug, Clone)]
struct Key {
    key: String,
    outlet: u32,
    source: KeySource,
}

/// Minimum key length for added-word and edit-distance matches (shorter keys match only whole).
const MIN_PARTIAL: usize = 5;

/// Index over every outlet's keys: exact, visual, Aho-Corasick (contained keys), deletion
/// neighbourhoods (edit distance ≤ 2 without comparing against every key), name sides.
#[derive(Debug, Default)]
pub struct LookalikeIndex {
    keys: Vec<Key>,
    outlets: Vec<(String, String, RegistryKind)>,
    exact: HashMap<String, Vec<u32>>,
    cores: HashMap<String, Vec<u32>>,
    visual: HashMap<String, Vec<u32>>,
    ac: Option<AhoCorasick>,
    ac_keys: Vec<u32>,
    deletes: HashMap<u64, Vec<u32>, IdBuild>,
    sides: HashMap<(String, bool), Vec<u32>>,
    max_key_len: usize,
}

fn words_of(name: &str) -> Vec<String> {
    fold(&crate::text::normalize::nfc(name))
        .replace('&', " va ")
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn max_distance(len: usize) -> usize {
    match len {
        0..MIN_PARTIAL => 0,
        MIN_PARTIAL..=11 => 1,
        _ => 2,
    }
}

/// FNV-1a over `s` with the bytes at `skip` left out.
fn hash_without(s: &[u8], skip: [usize; 2]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, &c) in s.iter().enumerate() {
        if i == skip[0] || i == skip[1] {
            continue;
        }
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Hashes of every string obtained from `s` by deleting up to `d` (≤ 2) bytes, `s` included.
/// Hash collisions only add candidates, which are verified by the real distance.
fn delete_hashes(s: &str, d: usize, out: &mut Vec<u64>) {
    let b = s.as_bytes();
    let none = usize::MAX;
    out.push(hash_without(b, [none, none]));
    if d >= 1 {
        for i in 0..b.len() {
            out.push(hash_without(b, [i, none]));
        }
    }
    if d >= 2 {
        for i in 0..b.len() {
            for j in i + 1..b.len() {
                out.push(hash_without(b, [i, j]));
            }
        }
    }
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
struct IdHasher(u64);
impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
type IdBuild = std::hash::BuildHasherDefault<IdHasher>;

/// Optimal-string-alignment distance (edits and adjacent transpositions) and plain Levenshtein.
fn distances(a: &[u8], b: &[u8]) -> (usize, usize) {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let mut osa = vec![0usize; (n + 1) * w];
    let mut lev = vec![0usize; (n + 1) * w];
    for i in 0..=n {
        osa[i * w] = i;
        lev[i * w] = i;
    }
    for j in 0..=m {
        osa[j] = j;
        lev[j] = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let l = (lev[(i - 1) * w + j] + 1)
                .min(lev[i * w + j - 1] + 1)
                .min(lev[(i - 1) * w + j - 1] + cost);
            lev[i * w + j] = l;
            let mut o = (osa[(i - 1) * w + j] + 1)
                .min(osa[i * w + j - 1] + 1)
                .min(osa[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                o = o.min(osa[(i - 2) * w + j - 2] + 1);
            }
            osa[i * w + j] = o;
        }
    }
    (osa[n * w + m], lev[n * w + m])
}

/// Whether `a` and `b` differ by one contiguous chunk of ≥ 2 characters added or removed
/// ("luatvietnam" / "luatsuvietnam"): a dropped syllable, not a typo.
fn dropped_chunk(a: &str, b: &str, distance: usize) -> bool {
    let (s, l) = if a.len() <= b.len() {
        (a.as_bytes(), b.as_bytes())
    } else {
        (b.as_bytes(), a.as_bytes())
    };
    if distance < 2 || l.len() - s.len() != distance {
        return false;
    }
    let p = s.iter().zip(l).take_while(|(x, y)| x == y).count();
    let q = s.iter().rev().zip(l.iter().rev()).take_while(|(x, y)| x == y).count();
    p + q >= s.len()
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

impl LookalikeIndex {
    /// Builds the index over all outlets (any registry kind).
    pub fn build(outlets: &[Outlet]) -> Self {
        let mut idx = LookalikeIndex::default();
        let mut seen: HashMap<(String, u32), ()> = HashMap::new();
        for (oi, o) in outlets.iter().enumerate() {
            let oi = oi as u32;
            idx.outlets.push((o.name.clone(), o.main_domain().to_string(), o.kind));
            let mut add = |idx: &mut LookalikeIndex, key: String, source: KeySource| {
                if key.len() >= 3 && seen.insert((key.clone(), oi), ()).is_none() {
                    idx.keys.push(Key {
                        key,
                        outlet: oi,
                        source,
                    });
                }
            };
            for d in &o.domains {
                if super::registrable_domain(d) != *d {
                    continue; // a host under another body's domain ("ktpt.neu.edu.vn")
                }
                let label = match psl::suffix_str(d) {
                    Some(sfx) if d.len() > sfx.len() + 1 => d.get(..d.len() - sfx.len() - 1).unwrap_or(d),
                    _ => d,
                };
                add(&mut idx, label.replace('-', ""), KeySource::Domain);
            }
            for n in o.names() {
                let w = words_of(n);
                add(&mut idx, w.concat(), KeySource::Name);
                let no_va: Vec<&String> = w.iter().filter(|x| *x != "va").collect();
                if no_va.len() != w.len() {
                    add(&mut idx, no_va.iter().map(|s| s.as_str()).collect(), KeySource::Name);
                    if let Some(p) = w.iter().position(|x| x == "va") {
                        let (l, r) = (
                            w.get(..p).unwrap_or(&[]).concat(),
                            w.get(p + 1..).unwrap_or(&[]).concat(),
                        );
                        if l.len() >= 6 {
                            idx.sides.entry((l, true)).or_default().push(oi);
                        }
                        if r.len() >= 6 {
                            idx.sides.entry((r, false)).or_default().push(oi);
                        }
                    }
                }
                for prefix in [&["bao", "dien", "tu"][..], &["tap", "chi"], &["thoi", "bao"], &["bao"]] {
                    if w.len() > prefix.len()
                        && w.starts_with(&prefix.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                    {
                        let core: String = w
                            .get(prefix.len()..)
                            .unwrap_or(&[])
                            .iter()
                            .filter(|x| *x != "va")
                            .map(String::as_str)
                            .collect();
                        if core.len() >= MIN_PARTIAL {
                            add(&mut idx, core, KeySource::Core);
                        }
                        break;
                    }
                }
            }
        }
        idx.max_key_len = idx.keys.iter().map(|k| k.key.len()).max().unwrap_or(0);
        let mut ac_pats = Vec::new();
        for (ki, k) in idx.keys.iter().enumerate() {
            let ki = ki as u32;
            if k.source == KeySource::Core {
                idx.cores.entry(k.key.clone()).or_default().push(ki);
            } else {
                idx.exact.entry(k.key.clone()).or_default().push(ki);
                if k.key.len() >= 4 {
                    idx.visual.entry(visual(&k.key)).or_default().push(ki);
                }
                let d = max_distance(k.key.len());
                if d > 0 {
                    let mut v = Vec::new();
                    delete_hashes(&k.key, d, &mut v);
                    v.sort_unstable();
                    v.dedup();
                    for h in v {
                        idx.deletes.entry(h).or_default().push(ki);
                    }
                }
            }
            if k.key.len() >= MIN_PARTIAL {
                ac_pats.push(k.key.clone());
                idx.ac_keys.push(ki);
            }
        }
        idx.ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&ac_pats)
            .ok();
        idx
    }

    /// Number of keys indexed.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    fn push(&self, out: &mut Vec<LookalikeMatch>, ki: u32, m: Partial) {
        let Some(k) = self.keys.get(ki as usize) else { return };
        let Some((name, domain, kind)) = self.outlets.get(k.outlet as usize) else {
            return;
        };
        out.push(LookalikeMatch {
            outlet: name.clone(),
            outlet_domain: domain.clone(),
            registry: *kind,
            how: m.how,
            key: k.key.clone(),
            matched: m.matched,
            added: m.added,
            distance: m.distance,
            relative_distance: m.relative.map(round3),
            score: round3(m.score),
            source: m.source,
        });
    }

    /// Look-alike matches of a label. `label` is the ASCII form without hyphens, `segments` its
    /// segmentation (ranges in `label`), `confusable` whether IDN confusables were replaced to
    /// reach it, `own` the outlets the site belongs to (never reported).
    pub fn find(
        &self,
        label: &str,
        segments: &[Segment],
        confusable: bool,
        words: &WordModel,
        out: &mut Vec<LookalikeMatch>,
    ) {
        let len = label.len();
        if len < 3 {
            return;
        }
        // 1. Same name, or the same after IDN confusables were replaced.
        if let Some(ids) = self.exact.get(label) {
            for &ki in ids {
                let how = if confusable { How::Homoglyph } else { How::SameName };
                let score = if confusable { 0.95 } else { 1.0 };
                self.push(out, ki, Partial::new(how, label, score));
            }
        }
        if !words.is_place(label)
            && let Some(ids) = self.cores.get(label)
        {
            for &ki in ids {
                self.push(out, ki, Partial::new(How::NameWithoutPressWord, label, 0.8));
            }
        }
        // 2. Visual look-alike (digits for letters, rn for m…).
        if len >= 4
            && let Some(ids) = self.visual.get(&visual(label))
        {
            for &ki in ids {
                if self.keys.get(ki as usize).is_some_and(|k| k.key != label) {
                    self.push(out, ki, Partial::new(How::Homoglyph, label, 0.9));
                }
            }
        }
        // 3. A key plus added words, on segment boundaries.
        if let Some(ac) = &self.ac {
            let bound = |p: usize| p == len || segments.iter().any(|s| s.start == p);
            for m in ac.find_overlapping_iter(label) {
                let (s, e) = (m.start(), m.end());
                if (s == 0 && e == len) || !bound(s) || !bound(e) {
                    continue;
                }
                let Some(&ki) = self.ac_keys.get(m.pattern().as_usize()) else {
                    continue;
                };
                let Some(k) = self.keys.get(ki as usize) else { continue };
                let added: Vec<&Segment> = segments.iter().filter(|g| g.end <= s || g.start >= e).collect();
                if added.iter().any(|g| g.kind == SegmentKind::Unknown) {
                    continue; // the rest of the label is not words: not "name plus words"
                }
                let cat = |g: &&Segment| words.press_category(&g.text);
                let press_added = added
                    .iter()
                    .any(|g| matches!(cat(g), Some(WordCategory::Press | WordCategory::PressRole)));
                let any_press = added.iter().any(|g| cat(g).is_some());
                let (how, score) = match k.source {
                    KeySource::Core if press_added && !words.is_place(&k.key) => (How::PressWordSwap, 0.7),
                    KeySource::Core => continue,
                    _ if any_press => (How::AddedWords, 0.85),
                    // The key is an ordinary Vietnamese word ("bóng đá"): a name plus words only with press words.
                    _ if segments
                        .iter()
                        .any(|g| g.start == s && g.end == e && g.kind == SegmentKind::Word) =>
                    {
                        continue;
                    }
                    _ => (How::AddedWords, 0.6 + 0.3 * (e - s) as f32 / len as f32),
                };
                let mut p = Partial::new(how, label.get(s..e).unwrap_or(label), score);
                p.added = added.iter().map(|g| g.text.clone()).collect();
                self.push(out, ki, p);
            }
        }
        // 4. Small edits: deletion neighbourhoods of the label meet those of the keys.
        if len >= MIN_PARTIAL && len <= self.max_key_len + 2 {
            // Keys of length ≥ 12 allow 2 edits, so labels of length ≥ 10 need 2 deletions.
            let mut dels = Vec::new();
            delete_hashes(label, if len >= 10 { 2 } else { 1 }, &mut dels);
            let mut cands: Vec<u32> = dels
                .iter()
                .filter_map(|d| self.deletes.get(d))
                .flatten()
                .copied()
                .collect();
            cands.sort_unstable();
            cands.dedup();
            for ki in cands {
                let Some(k) = self.keys.get(ki as usize) else { continue };
                let maxd = max_distance(k.key.len());
                if k.key.len().abs_diff(len) > maxd || k.key == label {
                    continue;
                }
                let (osa, lev) = distances(label.as_bytes(), k.key.as_bytes());
                let rel = osa as f32 / len.max(k.key.len()) as f32;
                if osa == 0 || osa > maxd || rel > 0.18 || dropped_chunk(label, &k.key, osa) {
                    continue;
                }
                let (how, score) = if osa < lev {
                    (How::Transposition, (1.0 - rel * 2.0).max(0.8))
                } else {
                    (How::EditDistance, 1.0 - rel * 2.0)
                };
                let mut p = Partial::new(how, label, score);
                p.distance = Some(osa as u32);
                p.relative = Some(rel);
                self.push(out, ki, p);
            }
        }
        // 5. "X và B" against outlets named "A & B".
        if let Some(p) = segments.iter().position(|g| g.text == "va")
            && p > 0
            && p + 1 < segments.len()
        {
            let join = |gs: &[Segment]| gs.iter().map(|g| g.text.replace(' ', "")).collect::<String>();
            let l = join(segments.get(..p).unwrap_or(&[]));
            let r = join(segments.get(p + 1..).unwrap_or(&[]));
            for (side, left) in [(l, true), (r, false)] {
                if let Some(outlets) = self.sides.get(&(side.clone(), left)) {
                    for &oi in outlets {
                        if let Some(ki) = self
                            .keys
                            .iter()
                            .position(|k| k.outlet == oi && k.source == KeySource::Name)
                        {
                            self.push(out, ki as u32, Partial::new(How::SharedNamePart, &side, 0.5));
                        }
                    }
                }
            }
        }
    }

    /// Look-alike matches of a site name ("Báo Gia Lai", "VnExpress 24h"): the same name as an outlet.
    pub fn find_name(&self, name: &str, out: &mut Vec<LookalikeMatch>) {
        for key in crate::registry::name_keys(name) {
            if let Some(ids) = self.exact.get(&key) {
                for &ki in ids {
                    let mut p = Partial::new(How::SameName, name, 1.0);
                    p.source = Source::SiteName;
                    self.push(out, ki, p);
                }
                return;
            }
        }
    }

    /// The outlet index (into the registry's outlet list) of a match.
    pub fn outlet_of(&self, m: &LookalikeMatch) -> Option<usize> {
        self.outlets
            .iter()
            .position(|(n, d, _)| *n == m.outlet && *d == m.outlet_domain)
    }
}

struct Partial {
    how: How,
    matched: String,
    added: Vec<String>,
    distance: Option<u32>,
    relative: Option<f32>,
    score: f32,
    source: Source,
}

impl Partial {
    fn new(how: How, matched: &str, score: f32) -> Self {
        Partial {
            how,
            matched: matched.to_string(),
            added: Vec::new(),
            distance: None,
            relative: None,
            score,
            source: Source::Domain,
        }
    }
}

/// Keeps the best match per outlet, sorted by score (then outlet name), at most `cap`.
pub fn best_per_outlet(mut v: Vec<LookalikeMatch>, cap: usize) -> Vec<LookalikeMatch> {
    v.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.outlet.cmp(&b.outlet))
            .then_with(|| a.key.cmp(&b.key))
    });
    let mut out: Vec<LookalikeMatch> = Vec::new();
    for m in v {
        if !out
            .iter()
            .any(|o| o.outlet == m.outlet && o.outlet_domain == m.outlet_domain)
        {
            out.push(m);
        }
        if out.len() >= cap {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osa_and_levenshtein() {
        assert_eq!(distances(b"dantri", b"dantir"), (1, 2));
        assert_eq!(distances(b"vnexpress", b"vnexpres"), (1, 1));
        let (mut a, mut b) = (Vec::new(), Vec::new());
        delete_hashes("abcd", 2, &mut a);
        delete_hashes("abd", 0, &mut b);
        assert_eq!(a.len(), 1 + 4 + 6);
        assert!(a.contains(&b[0]));
    }
}
