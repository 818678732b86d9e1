//! What one page says and shows: `Page` (flat view of the HTML) → `PageFeatures`.
pub mod parse;

use serde::{Deserialize, Serialize};

use crate::models::ModelFiles;
use crate::text::lang::Lang;

pub use parse::{Block, BlockRegion, Link, Page, parse};

/// Lexicons and settings for page features (sections, identity phrases…).
#[derive(Debug, Default)]
pub struct PageModel {}

impl PageModel {
    pub fn load(_files: &ModelFiles) -> anyhow::Result<Self> {
        Ok(PageModel {})
    }
}

/// What baohoa read on one page; the contract between the page stage and the site fold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageFeatures {
    /// Final URL of the page (record URL, else canonical/og:url).
    pub url: String,
    /// Registrable domain the page is folded under.
    pub site: String,
    pub title: String,
    pub lang: Option<Lang>,
    /// Bytes of HTML parsed.
    pub html_bytes: u64,
    /// Characters of visible body text.
    pub text_chars: u64,
}

/// Extracts the features of one parsed page.
pub fn features(page: &Page, _model: &PageModel) -> PageFeatures {
    let text: String = page
        .blocks
        .iter()
        .filter(|b| b.region == BlockRegion::Body)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let lang = crate::text::lang::detect(&text);
    PageFeatures {
        url: page.url.clone().unwrap_or_default(),
        site: String::new(),
        title: page.title.clone(),
        lang: Some(lang),
        html_bytes: page.html_bytes,
        text_chars: text.chars().count() as u64,
    }
}
