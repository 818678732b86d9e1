//! `Page`: the flat, owned view of one HTML document that every page feature reads (title, meta,
//! JSON-LD, containers, text blocks with region and tag path, links, widgets).
use serde::{Deserialize, Serialize};

/// Where on the page a text block sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockRegion {
    Header,
    Nav,
    Body,
    Footer,
}

/// A block-level element (div, p, td…): the tree of text, flattened. Ids are pre-order, so
/// container `d` is inside `c` iff `c <= d <= containers[c].last`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Container {
    pub parent: u32,
    /// Id of the last container inside this one (itself when empty).
    pub last: u32,
    pub tag: String,
    /// `id` and `class` attributes, space-joined and lower-cased (capped).
    pub attrs: String,
    pub region: BlockRegion,
}

/// A block of visible text: the text between two block-level boundaries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub region: BlockRegion,
    /// Tag path of the last few containers, e.g. `div#main>div.content>p`.
    pub path: String,
    /// Tag of the innermost block-level element (p, h1, td, div…).
    pub tag: String,
    /// Index into `Page::containers`.
    pub container: u32,
    /// Text; `<br>` becomes a line break, other whitespace is squashed.
    pub text: String,
    /// Share of the text that is link anchor text (0..=1).
    pub link_density: f32,
}

/// A hyperlink.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub href: String,
    pub text: String,
    pub region: BlockRegion,
    pub container: u32,
    /// Index of the block that holds (the end of) the anchor text.
    pub block: u32,
}

/// An element that looks like a comment widget, a form, or a third-party embed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Widget {
    pub tag: String,
    /// id, class, src, action, data-href, name: space-joined, lower-cased, capped.
    pub attrs: String,
    /// A `<textarea>` was found inside (forms only).
    pub has_textarea: bool,
    pub container: u32,
}

/// A flat, owned view of one HTML page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub url: Option<String>,
    pub title: String,
    /// `<html lang>`.
    pub html_lang: String,
    /// `<meta name|property|itemprop=… content=…>` pairs, names lower-cased, in document order.
    pub meta: Vec<(String, String)>,
    /// `itemprop` values of non-meta elements (datetime/content attribute or text, capped).
    pub itemprops: Vec<(String, String)>,
    /// `<time datetime>` values in document order.
    pub times: Vec<String>,
    pub canonical: Option<String>,
    /// JSON-LD objects (top-level arrays and `@graph` flattened), parsed tolerantly.
    pub json_ld: Vec<serde_json::Value>,
    /// JSON-LD scripts that could not be read even after repair.
    pub json_ld_errors: u32,
    /// Number of `<article>` elements.
    pub article_tags: u32,
    pub containers: Vec<Container>,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    pub widgets: Vec<Widget>,
    pub html_bytes: u64,
    /// The HTML was longer than [`MAX_PARSE_BYTES`] and was cut.
    pub truncated: bool,
    /// Analytics, tag-manager and AdSense ids found in the HTML (scripts and attributes), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operator_ids: Vec<super::fingerprint::Fingerprint>,
}

/// The `@type`s of a JSON-LD object (a string or an array of them).
pub fn ld_types(v: &serde_json::Value) -> Vec<&str> {
    match v.get("@type") {
        Some(serde_json::Value::String(s)) => vec![s.as_str()],
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => Vec::new(),
    }
}

impl Page {
    /// First meta value with this name or property (case-insensitive), non-empty.
    pub fn meta(&self, name: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(name) && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// First itemprop value with this name (case-insensitive), non-empty.
    pub fn itemprop(&self, name: &str) -> Option<&str> {
        self.itemprops
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(name) && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// Is container `inner` inside (or equal to) container `outer`?
    pub fn contains(&self, outer: u32, inner: u32) -> bool {
        self.containers
            .get(outer as usize)
            .is_some_and(|c| outer <= inner && inner <= c.last)
    }
}
