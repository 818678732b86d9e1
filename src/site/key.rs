//! The site a URL belongs to: its registrable domain, or a registry outlet's own host.

/// Site key of pages whose URL is unknown (saved HTML without a canonical URL).
pub const UNKNOWN_SITE: &str = "(unknown)";

/// The site a URL belongs to: the host itself when the registry lists it as an outlet's domain
/// (an outlet on a portal's subdomain, `news.zing.vn`), else [`site_key`].
pub fn site_key_in(url: &str, registry: &crate::registry::Registry) -> String {
    match crate::host::url_host(url) {
        Some(h) if registry.lists_host(&h) && h.contains('.') => h.trim_start_matches("www.").to_owned(),
        _ => site_key(url),
    }
}

/// The site a URL belongs to: its registrable domain, or [`UNKNOWN_SITE`].
pub fn site_key(url: &str) -> String {
    match crate::host::url_host(url) {
        Some(h) if !h.is_empty() => crate::host::registrable_domain(&h),
        _ => UNKNOWN_SITE.to_owned(),
    }
}
