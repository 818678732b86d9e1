//! HTML → `Page`: the only module that knows the HTML parser (scraper).
use scraper::{ElementRef, Html, Node};
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

/// A block of visible text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub region: BlockRegion,
    /// Tag path from the root, e.g. `body>div.main>p`.
    pub path: String,
    pub text: String,
    /// Share of the text that is link anchor text (0..=1).
    pub link_density: f32,
}

/// A hyperlink.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// A flat, owned view of one HTML page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub url: Option<String>,
    pub title: String,
    /// `<meta name|property=… content=…>` pairs, names lower-cased, in document order.
    pub meta: Vec<(String, String)>,
    pub canonical: Option<String>,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    pub html_bytes: u64,
}

impl Page {
    /// First meta value with this name or property (case-insensitive).
    pub fn meta(&self, name: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "figcaption",
];

/// Parses HTML text (already decoded and NFC) of a page fetched from `url`.
pub fn parse(html: &str, url: Option<&str>) -> Page {
    let doc = Html::parse_document(html);
    let mut page = Page {
        url: url.map(str::to_owned),
        html_bytes: html.len() as u64,
        ..Page::default()
    };
    for node in doc.tree.nodes() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let name = el.value().name();
        match name {
            "title" if page.title.is_empty() => {
                page.title = crate::text::normalize::squash_ws(&el.text().collect::<String>())
            }
            "meta" => {
                let key = el.value().attr("property").or_else(|| el.value().attr("name"));
                if let (Some(k), Some(v)) = (key, el.value().attr("content")) {
                    page.meta.push((k.to_ascii_lowercase(), v.trim().to_owned()));
                }
            }
            "link"
                if page.canonical.is_none()
                    && el
                        .value()
                        .attr("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                page.canonical = el.value().attr("href").map(str::to_owned);
            }
            "a" => {
                if let Some(href) = el.value().attr("href") {
                    page.links.push(Link {
                        href: href.to_owned(),
                        text: crate::text::normalize::squash_ws(&el.text().collect::<String>()),
                    });
                }
            }
            _ if BLOCK_TAGS.contains(&name) => {
                let text = crate::text::normalize::squash_ws(&visible_text(el));
                if !text.is_empty() {
                    page.blocks.push(Block {
                        region: BlockRegion::Body,
                        path: name.to_owned(),
                        text,
                        link_density: 0.0,
                    });
                }
            }
            _ => {}
        }
    }
    page
}

fn visible_text(el: ElementRef<'_>) -> String {
    let mut s = String::new();
    for n in el.descendants() {
        if let Node::Text(t) = n.value() {
            let skip = n.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript"))
            });
            if !skip {
                s.push_str(t);
                s.push(' ');
            }
        }
    }
    s
}
