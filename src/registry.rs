//! Registries of licensed press outlets, aggregate sites and social networks (CSV, see `models/registry/README.md`).
use std::collections::HashMap;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::model_files::ModelFiles;
use crate::text::normalize::fold;

/// Which register an outlet is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistryKind {
    /// Licensed press agency (báo, tạp chí): exempt from the báo hóa criteria.
    Press,
    /// Licensed aggregate site (trang thông tin điện tử tổng hợp).
    Aggregate,
    /// Licensed social network (mạng xã hội).
    Social,
}

/// One licensed outlet, as read from a registry CSV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outlet {
    /// Name as the outlet writes it ("Tuổi Trẻ").
    pub name: String,
    /// Other names ("Tuổi Trẻ Online", "TTO").
    pub aliases: Vec<String>,
    /// Registrable domains or hosts it owns, lower-case ASCII; the first is its main domain.
    pub domains: Vec<String>,
    /// Licence number as printed; empty when unknown.
    pub licence: String,
    pub kind: RegistryKind,
    /// Press type ("báo", "tạp chí"); empty for aggregate sites and social networks.
    pub press_type: String,
    /// Licence issuer (aggregate sites, social networks); empty when unknown.
    pub issuer: String,
    pub notes: String,
}

impl Outlet {
    /// The outlet's main domain ("" when the row listed none).
    pub fn main_domain(&self) -> &str {
        self.domains.first().map_or("", String::as_str)
    }

    /// Name and aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// Who is licensed: every outlet of the three registries, indexed by domain and by name.
#[derive(Debug, Default)]
pub struct Registry {
    outlets: Vec<Outlet>,
    by_domain: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

/// Files of the registry, relative to the models directory.
pub const FILES: [(&str, RegistryKind); 3] = [
    ("registry/press.csv", RegistryKind::Press),
    ("registry/aggregate.csv", RegistryKind::Aggregate),
    ("registry/social.csv", RegistryKind::Social),
];

impl Registry {
    /// Reads `registry/press.csv`, `registry/aggregate.csv` and `registry/social.csv`
    /// (`--registry DIR` replaces them).
    pub fn load(files: &ModelFiles) -> anyhow::Result<Self> {
        let mut outlets = Vec::new();
        for (rel, kind) in FILES {
            let text = files.text(rel)?;
            outlets.extend(parse_csv(&text, kind).with_context(|| format!("reading registry file {rel}"))?);
        }
        Ok(Self::from_outlets(outlets))
    }

    /// This registry plus the outlets of extra CSV texts (e.g. the demo corpus's fictional outlets).
    pub fn extended(self, extra: &[(&str, &str, RegistryKind)]) -> anyhow::Result<Self> {
        let mut outlets = self.outlets;
        for (name, text, kind) in extra {
            outlets.extend(parse_csv(text, *kind).with_context(|| format!("reading registry file {name}"))?);
        }
        Ok(Self::from_outlets(outlets))
    }

    /// Builds the indexes over `outlets`. On a domain or name claimed twice, the first row wins
    /// (press before aggregate before social when loaded from files).
    pub fn from_outlets(outlets: Vec<Outlet>) -> Self {
        let mut by_domain = HashMap::new();
        let mut by_name = HashMap::new();
        for (i, o) in outlets.iter().enumerate() {
            for d in &o.domains {
                by_domain.entry(d.clone()).or_insert(i);
            }
            for n in o.names() {
                for k in name_keys(n) {
                    by_name.entry(k).or_insert(i);
                }
            }
        }
        Registry {
            outlets,
            by_domain,
            by_name,
        }
    }

    /// All outlets, in file order (press, aggregate, social).
    pub fn outlets(&self) -> &[Outlet] {
        &self.outlets
    }

    /// The outlet owning `domain` (a host or registrable domain, any case; a trailing dot and a
    /// `www.` are ignored). The host is looked up first, then its registrable domain.
    pub fn lookup_domain(&self, domain: &str) -> Option<(&Outlet, RegistryKind)> {
        let d = domain.trim().trim_end_matches('.').to_ascii_lowercase();
        let d = d.strip_prefix("www.").unwrap_or(&d);
        let i = match self.by_domain.get(d) {
            Some(i) => *i,
            None => *self.by_domain.get(&crate::host::registrable_domain(d))?,
        };
        self.outlets.get(i).map(|o| (o, o.kind))
    }

    /// Whether this exact host (a `www.` ignored) is listed as an outlet's domain, e.g. a press
    /// outlet living on a subdomain of a portal (`news.zing.vn`).
    pub fn lists_host(&self, host: &str) -> bool {
        let h = host.trim().trim_end_matches('.').to_ascii_lowercase();
        self.by_domain.contains_key(h.strip_prefix("www.").unwrap_or(&h))
    }

    /// Whether `domain` belongs to a licensed press agency.
    pub fn is_press_domain(&self, domain: &str) -> bool {
        matches!(self.lookup_domain(domain), Some((_, RegistryKind::Press)))
    }

    /// The outlet called `name` as written in a page ("Dân trí", "Báo Dân trí", "VnExpress.net",
    /// "Tuổi Trẻ Online", "dantri.com.vn"): compared without case, diacritics, spaces and
    /// punctuation; a leading "báo"/"báo điện tử"/"tạp chí", a trailing "online"/"điện tử" and a
    /// domain suffix are ignored when the exact name is not found. A leading "Theo" or "Nguồn:" is
    /// dropped ("Theo Dân trí" → Dân trí); "A/B" tries A then B.
    pub fn outlet_by_name(&self, name: &str) -> Option<&Outlet> {
        let n = strip_attribution(name.trim());
        if n.is_empty() {
            return None;
        }
        if n.contains('.')
            && !n.contains(' ')
            && let Some((o, _)) = self.lookup_domain(n)
        {
            return Some(o);
        }
        let find = |n: &str| {
            name_keys(n)
                .into_iter()
                .find_map(|k| self.by_name.get(&k))
                .and_then(|i| self.outlets.get(*i))
        };
        // "TTXVN/VietnamPlus": the whole, else the first part that names an outlet.
        find(n).or_else(|| {
            n.split(['/', '|', ','])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .find_map(find)
        })
    }
}

/// Drops a leading attribution word ("Theo", "Nguồn", "Nguồn:") from a cited name.
fn strip_attribution(s: &str) -> &str {
    for w in ["theo ", "nguồn:", "nguồn ", "nguon:", "nguon "] {
        if let Some(head) = s.get(..w.len())
            && crate::text::normalize::lower(head) == w
        {
            return s.get(w.len()..).unwrap_or("").trim_start_matches([':', ' ']);
        }
    }
    s
}

/// Lookup keys of a name: the folded name with only letters and digits, then the same without a
/// press-type prefix, an "online"/"điện tử" suffix, or a domain suffix.
pub fn name_keys(name: &str) -> Vec<String> {
    let folded = fold(&crate::text::normalize::nfc(name));
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut keys = vec![words.concat()];
    let mut core: &[&str] = &words;
    // "vnexpress.net" → "vnexpress"
    if name.contains('.')
        && let Some((last, rest)) = core.split_last()
        && ["vn", "net", "com", "org", "info"].contains(last)
        && !rest.is_empty()
    {
        core = rest;
        if let Some((l2, r2)) = core.split_last()
            && ["com", "org", "net", "gov", "edu"].contains(l2)
            && !r2.is_empty()
        {
            core = r2;
        }
    }
    for prefix in [
        &["bao", "dien", "tu"][..],
        &["tap", "chi", "dien", "tu"],
        &["bao"],
        &["tap", "chi"],
    ] {
        if core.len() > prefix.len() && core.starts_with(prefix) {
            core = &core[prefix.len()..];
            break;
        }
    }
    for suffix in [&["online"][..], &["dien", "tu"], &["news"]] {
        if core.len() > suffix.len() && core.ends_with(suffix) {
            core = &core[..core.len() - suffix.len()];
            break;
        }
    }
    let k = core.concat();
    if !k.is_empty() && !keys.contains(&k) {
        keys.push(k);
    }
    keys.retain(|k| !k.is_empty());
    keys
}

fn split_list(cell: &str, lower: bool) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| if lower { s.to_ascii_lowercase() } else { s.to_string() })
        .collect()
}

/// Parses one registry CSV (`#` comment lines, then a header naming the columns).
pub fn parse_csv(text: &str, kind: RegistryKind) -> anyhow::Result<Vec<Outlet>> {
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = rdr.headers().context("the header line is missing or not CSV")?.clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(c_name), Some(c_domains)) = (col("name"), col("domains")) else {
        bail!(
            "the header must have columns `name` and `domains` (found: {})",
            headers.iter().collect::<Vec<_>>().join(",")
        );
    };
    let (c_aliases, c_licence, c_type, c_issuer, c_notes) =
        (col("aliases"), col("licence"), col("type"), col("issuer"), col("notes"));
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("record {} is not valid CSV; quote cells that hold commas", i + 1))?;
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").to_string();
        let name = get(Some(c_name));
        if name.is_empty() {
            bail!("record {} has an empty `name`", i + 1);
        }
        let domains: Vec<String> = split_list(&get(Some(c_domains)), true)
            .into_iter()
            .map(|d| d.trim_start_matches("www.").trim_end_matches('.').to_string())
            .collect();
        out.push(Outlet {
            name,
            aliases: split_list(&get(c_aliases), false),
            domains,
            licence: get(c_licence),
            kind,
            press_type: get(c_type),
            issuer: get(c_issuer),
            notes: get(c_notes),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_strip_prefixes_and_suffixes() {
        assert_eq!(name_keys("Báo Dân trí"), vec!["baodantri", "dantri"]);
        assert_eq!(name_keys("Tuổi Trẻ Online"), vec!["tuoitreonline", "tuoitre"]);
        assert_eq!(name_keys("VnExpress.net"), vec!["vnexpressnet", "vnexpress"]);
    }

    #[test]
    fn parses_quoted_cells() {
        let t = "# c\nname,domains,licence,issuer,notes\n\"A, B\",a.vn;www.B.com.vn,1/GP,x,\n";
        let v = parse_csv(t, RegistryKind::Aggregate).unwrap_or_default();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].name, "A, B");
        assert_eq!(v[0].domains, vec!["a.vn", "b.com.vn"]);
    }
}
