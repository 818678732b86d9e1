//! Hosts of URLs and their registrable domains (public suffix list); knows no stage.

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
