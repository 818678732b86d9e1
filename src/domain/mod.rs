//! Domain features of a site: registrable domain, segmentation, press words, look-alikes, homoglyphs.
use serde::{Deserialize, Serialize};

use crate::models::ModelFiles;

/// Press words, localities, syllable inventory: compiled once.
#[derive(Debug, Default)]
pub struct DomainModel {}

impl DomainModel {
    pub fn load(_files: &ModelFiles) -> anyhow::Result<Self> {
        Ok(DomainModel {})
    }
}

/// The registrable domain of a host ("tin.vnexpress.net" → "vnexpress.net"), lower-cased ASCII.
/// Falls back to the host itself for IPs and unknown suffixes.
pub fn registrable_domain(host: &str) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    match psl::domain_str(&host) {
        Some(d) => d.to_string(),
        None => host,
    }
}

/// Host of a URL, lower-cased; `None` when the URL has none.
pub fn url_host(u: &str) -> Option<String> {
    url::Url::parse(u)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
}

/// Features of one domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DomainFeatures {
    pub domain: String,
}

/// `baohoa domain`: prints the domain features of each name (arguments, else one per stdin line) as JSON lines.
pub fn cli(
    _names: &[String],
    _input: &mut dyn std::io::BufRead,
    _out: &mut dyn std::io::Write,
    _models: &crate::models::Models,
) -> anyhow::Result<()> {
    anyhow::bail!("domain features are not built yet")
}
