//! What one page says and shows: `Page` (flat view of the HTML) → `PageFeatures`.
pub mod content;
pub mod fingerprint;
pub mod flat;
pub mod genre;
mod html_tags;
pub mod html_tokens;
pub mod identity;
pub mod layout;
pub mod parse;
pub mod parse_fast;
#[cfg(test)]
mod parsers_agree;
pub mod sourcing;
pub mod story;
pub mod walker;

use std::collections::HashMap;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::model_files::{ModelFiles, tsv_rows};
use crate::text::lang::Lang;
use crate::text::lexicon::{Fold, Lexicon};

pub use content::MainText;
pub use flat::{Block, BlockRegion, Container, Link, Page, Widget};
pub use identity::{Licence, LicenceKind, NewsroomTitle, SelfLabel, SiteName};
pub use layout::{CommentWidget, PageKind, PublishedTime, Section};
pub use sourcing::{Attribution, Byline};
pub use walker::{MAX_PARSE_BYTES, parse_json_ld, unescape_entities};

/// Which HTML parser builds the `Page` (both give the same `Page`; see tests/parse_diff.rs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ParserKind {
    /// Streaming tokenizer, no DOM (`parse_fast.rs`).
    #[default]
    Fast,
    /// html5ever DOM via scraper: the reference.
    Scraper,
}

/// Parses HTML text (already decoded and NFC) of a page fetched from `url` (fast parser).
pub fn parse(html: &str, url: Option<&str>) -> Page {
    parse_fast::parse_fast(html, url)
}

/// Parses with the given parser; also returns the elements opened beyond the fast parser's
/// nesting cap (made siblings of the deepest one; 0 with the scraper, which caps on its own).
pub fn parse_counted(kind: ParserKind, html: &str, url: Option<&str>) -> (Page, u64) {
    match kind {
        ParserKind::Fast => {
            let (page, stats) = parse_fast::parse_fast_stats(html, url);
            (page, stats.depth_cut)
        }
        ParserKind::Scraper => (parse::parse_scraper(html, url), 0),
    }
}

/// Parses with the given parser.
pub fn parse_with(kind: ParserKind, html: &str, url: Option<&str>) -> Page {
    match kind {
        ParserKind::Fast => parse_fast::parse_fast(html, url),
        ParserKind::Scraper => parse::parse_scraper(html, url),
    }
}

/// Characters of context kept around a matched phrase in evidence.
pub const EVIDENCE_CHARS: usize = 240;

/// The exact text a feature rests on: the phrase matched and the line around it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub matched: String,
    /// The line (or sentence) holding the match, capped to [`EVIDENCE_CHARS`] characters.
    pub context: String,
}

impl Evidence {
    /// Evidence for `text[start..end]` quoted within `line` (both as written on the page).
    pub fn new(matched: &str, line: &str) -> Self {
        Evidence {
            matched: matched.trim().to_owned(),
            context: cap_chars(line.trim(), EVIDENCE_CHARS),
        }
    }
}

/// The first `n` characters of `s` (with "…" when cut).
pub fn cap_chars(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// A phrase list with one label per phrase (compiled once).
#[derive(Debug)]
pub struct LabelledLexicon {
    pub lexicon: Lexicon,
    /// Per phrase: (label, extra column).
    pub labels: Vec<(String, String)>,
    /// Per phrase: every column of its row, as written.
    pub rows: Vec<Vec<String>>,
}

impl LabelledLexicon {
    /// Builds from TSV rows `label \t phrase [\t extra]` (`label_col`, `phrase_col` are 0-based).
    fn from_tsv(
        files: &ModelFiles,
        rel: &str,
        label_col: usize,
        phrase_col: usize,
        fold: Fold,
    ) -> anyhow::Result<Self> {
        let text = files.text(rel)?;
        let mut phrases = Vec::new();
        let mut labels = Vec::new();
        let mut rows = Vec::new();
        for (line, row) in tsv_rows(&text, true) {
            let (Some(label), Some(phrase)) = (row.get(label_col), row.get(phrase_col)) else {
                bail!(
                    "{rel} line {line}: expected at least {} tab-separated columns",
                    phrase_col.max(label_col) + 1
                );
            };
            if phrase.is_empty() {
                bail!("{rel} line {line}: empty phrase; delete the line or fill it in");
            }
            phrases.push((*phrase).to_owned());
            let extra = row
                .iter()
                .enumerate()
                .find(|(i, _)| *i != label_col && *i != phrase_col)
                .map(|(_, v)| *v);
            labels.push(((*label).to_owned(), extra.unwrap_or("").to_owned()));
            rows.push(row.iter().map(|c| (*c).to_owned()).collect());
        }
        let lexicon = Lexicon::new(&phrases, fold).with_context(|| format!("compiling {rel}"))?;
        Ok(LabelledLexicon { lexicon, labels, rows })
    }

    pub fn label(&self, entry: usize) -> &str {
        self.labels.get(entry).map_or("", |l| l.0.as_str())
    }

    /// Column `col` (0-based) of the phrase's row, "" when absent.
    pub fn column(&self, entry: usize, col: usize) -> &str {
        self.rows.get(entry).and_then(|r| r.get(col)).map_or("", String::as_str)
    }

    pub fn extra(&self, entry: usize) -> &str {
        self.labels.get(entry).map_or("", |l| l.1.as_str())
    }
}

/// Lexicons and settings for page features (sections, identity phrases…), loaded once.
#[derive(Debug)]
pub struct PageModel {
    /// Folded menu text → canonical section label.
    pub sections: HashMap<String, String>,
    pub self_labels: LabelledLexicon,
    pub newsroom: LabelledLexicon,
    pub licence_phrases: LabelledLexicon,
    /// Licence suffix (upper-case, as after "GP-") → (kind, issuer).
    pub licence_codes: HashMap<String, (String, String)>,
    pub issuers: Lexicon,
    /// (kind, marker, form_only).
    pub comment_markers: Vec<(String, String, bool)>,
    pub sourcing: LabelledLexicon,
    /// Own-reporting signs (genre labels, reporter-was-there phrases).
    pub genres: LabelledLexicon,
    /// Story signatures and the join's settings.
    pub story: story::StoryModel,
    /// Title part, lower-cased with its diacritics → page-kind cue (`other`, `home`, `list`),
    /// from `page/page_kinds.tsv`; the second map is keyed folded, for titles typed without any.
    pub page_kind_cues: HashMap<String, String>,
    pub page_kind_cues_folded: HashMap<String, String>,
}

impl PageModel {
    pub fn load(files: &ModelFiles) -> anyhow::Result<Self> {
        let mut sections = HashMap::new();
        let st = files.text("page/sections.tsv")?;
        for (line, row) in tsv_rows(&st, true) {
            let (Some(label), Some(phrase)) = (row.first(), row.get(1)) else {
                bail!("page/sections.tsv line {line}: expected `label<TAB>phrase`");
            };
            sections.insert(crate::text::normalize::fold(phrase), (*label).to_owned());
        }
        let mut licence_codes = HashMap::new();
        let lc = files.text("page/licence_codes.tsv")?;
        for (line, row) in tsv_rows(&lc, true) {
            let (Some(s), Some(k)) = (row.first(), row.get(1)) else {
                bail!("page/licence_codes.tsv line {line}: expected `suffix<TAB>kind<TAB>issuer`");
            };
            licence_codes.insert(
                s.to_uppercase(),
                ((*k).to_owned(), row.get(2).copied().unwrap_or("").to_owned()),
            );
        }
        let iss = files.text("page/issuers.tsv")?;
        let issuers = Lexicon::new(
            tsv_rows(&iss, true)
                .into_iter()
                .filter_map(|(_, r)| r.first().map(|s| s.to_string())),
            Fold::Auto,
        )?;
        let mut comment_markers = Vec::new();
        let cm = files.text("page/comment_markers.tsv")?;
        for (line, row) in tsv_rows(&cm, true) {
            let (Some(k), Some(m)) = (row.first(), row.get(1)) else {
                bail!("page/comment_markers.tsv line {line}: expected `kind<TAB>marker<TAB>form_only`");
            };
            comment_markers.push((
                (*k).to_owned(),
                m.to_ascii_lowercase(),
                row.get(2).is_some_and(|f| *f == "yes"),
            ));
        }
        let mut page_kind_cues = HashMap::new();
        let mut page_kind_cues_folded = HashMap::new();
        let pk = files.text("page/page_kinds.tsv")?;
        for (line, row) in tsv_rows(&pk, true) {
            let (Some(cue), Some(phrase)) = (row.first(), row.get(1)) else {
                bail!("page/page_kinds.tsv line {line}: expected `cue<TAB>phrase`");
            };
            if !matches!(*cue, "other" | "home" | "list") {
                bail!("page/page_kinds.tsv line {line}: cue {cue:?} is not one of other, home, list");
            }
            let phrase = crate::text::normalize::nfc(phrase);
            page_kind_cues.insert(crate::text::normalize::lower(&phrase), (*cue).to_owned());
            page_kind_cues_folded.insert(crate::text::normalize::fold(&phrase), (*cue).to_owned());
        }
        Ok(PageModel {
            sections,
            page_kind_cues,
            page_kind_cues_folded,
            self_labels: LabelledLexicon::from_tsv(files, "page/self_labels.tsv", 0, 1, Fold::Auto)?,
            newsroom: LabelledLexicon::from_tsv(files, "page/newsroom_titles.tsv", 0, 1, Fold::Auto)?,
            licence_phrases: LabelledLexicon::from_tsv(files, "page/licence_phrases.tsv", 0, 1, Fold::Auto)?,
            licence_codes,
            issuers,
            comment_markers,
            sourcing: LabelledLexicon::from_tsv(files, "page/sourcing.tsv", 0, 1, Fold::Auto)?,
            genres: LabelledLexicon::from_tsv(files, "page/genres.tsv", 0, 1, Fold::Auto)?,
            story: story::StoryModel::load(files)?,
        })
    }
}

/// What baohoa read on one page; the contract between the page stage and the site fold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageFeatures {
    /// Final URL of the page (record URL, else canonical, else og:url; may be empty).
    pub url: String,
    /// Registrable domain the page is folded under (filled by the pipeline).
    pub site: String,
    /// Headline: og:title, else (articles) the first `<h1>`, else `<title>`.
    pub title: String,
    /// Where the headline was read: `og:title`, `h1` or `title`.
    #[serde(default)]
    pub title_source: String,
    /// `<title>` as written.
    pub html_title: String,
    pub lang: Option<Lang>,
    /// Bytes of HTML parsed.
    pub html_bytes: u64,
    /// Characters of visible body text.
    pub text_chars: u64,
    /// The HTML was cut before parsing (page larger than the parse cap).
    pub truncated: bool,
    /// Elements opened beyond the parser's nesting cap (made siblings of the deepest open one).
    #[serde(default)]
    pub nesting_cut: u64,

    // Identity
    pub site_name: Option<SiteName>,
    /// Licence lines found (one per licence number or line), in page order.
    pub licences: Vec<Licence>,
    /// The kind of the page's main licence claim (none when no licence line).
    pub licence_kind: LicenceKind,
    pub self_labels: Vec<SelfLabel>,
    pub newsroom: Vec<NewsroomTitle>,

    // Layout
    /// Main-menu sections recognised, in menu order, each once.
    pub sections: Vec<Section>,
    /// Menu labels that are not in the section lexicon (first few, as written).
    pub other_menu_labels: Vec<String>,
    pub is_article: bool,
    /// Why the page was judged an article or a list (e.g. "og:type=article", "json-ld:NewsArticle").
    pub article_signals: Vec<String>,
    /// Article, list, home page or other, and why (`page_kind_reasons`).
    #[serde(default)]
    pub page_kind: PageKind,
    #[serde(default)]
    pub page_kind_reasons: Vec<String>,
    pub published: Option<PublishedTime>,
    pub modified: Option<String>,
    pub comment_widgets: Vec<CommentWidget>,

    // Sourcing
    pub byline: Option<Byline>,
    pub attributions: Vec<Attribution>,
    /// Signs of the site's own reporting (genre-labelled titles, reporter-was-there phrases).
    pub own_reporting: Vec<genre::OwnReporting>,

    // Main text
    /// The lead (sapo) paragraph.
    pub lead: String,
    /// The article body without navigation, related links, ads and footer.
    pub main_text: String,
    pub main_text_chars: u64,
    /// Provinces and cities named in the title or lead (unit names), filled by the pipeline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// Tone of the item (article pages only), filled by the pipeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<crate::tone::Tone>,
    /// Operator fingerprints (analytics / tag-manager / AdSense ids, site-verification tokens,
    /// owner block), sorted, each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fingerprints: Vec<fingerprint::Fingerprint>,
    /// The story record of an article item (signature, times, citations), filled by the pipeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<story::StoryItem>,
}

/// The text a page's language is told from: the main text when it has 200 bytes, else the body's
/// text blocks (up to the detector's prefix), with the title and description when still short.
pub fn lang_source<'a>(page: &'a Page, main_text: &'a str) -> std::borrow::Cow<'a, str> {
    if main_text.len() >= 200 {
        return std::borrow::Cow::Borrowed(main_text);
    }
    let mut s = String::new();
    for b in page
        .blocks
        .iter()
        .filter(|b| b.region == BlockRegion::Body && b.link_density < 0.5)
    {
        if s.len() > crate::text::lang::LANG_PREFIX_BYTES {
            break;
        }
        s.push_str(&b.text);
        s.push('\n');
    }
    if s.len() < 200 {
        s.push_str(&page.title);
        s.push('\n');
        s.push_str(page.meta("description").unwrap_or(""));
    }
    std::borrow::Cow::Owned(s)
}

/// Does a heading read like words (not a player or widget id such as `vjs_video_3`)?
fn reads_as_words(s: &str) -> bool {
    let words = s.split_whitespace().count();
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    words >= 2 && letters * 2 >= s.chars().filter(|c| !c.is_whitespace()).count() && !s.contains('_')
}

/// The page's headline and its source: og:title, else on articles the main heading (when it reads
/// as words), else `<title>`. A home or list page's first heading is one story among many.
fn headline(page: &Page, main: &MainText, is_article: bool) -> (String, String) {
    use crate::text::normalize::squash_ws;
    if let Some(t) = page.meta("og:title").map(squash_ws).filter(|t| !t.is_empty()) {
        return (t, "og:title".into());
    }
    if is_article && let Some(h) = main.headline.as_deref().map(squash_ws).filter(|h| reads_as_words(h)) {
        return (h, "h1".into());
    }
    let t = squash_ws(&page.title);
    if t.is_empty()
        && let Some(h) = main.headline.as_deref().map(squash_ws).filter(|h| reads_as_words(h))
    {
        return (h, "h1".into());
    }
    (t, "title".into())
}

/// Extracts the features of one parsed page.
pub fn features(page: &Page, model: &PageModel) -> PageFeatures {
    let main = content::extract(page);
    let text_chars = page
        .blocks
        .iter()
        .filter(|b| b.region == BlockRegion::Body)
        .map(|b| b.text.chars().count() as u64)
        .sum();
    let lang = crate::text::lang::detect(&lang_source(page, &main.text));
    let url = page
        .url
        .clone()
        .or_else(|| page.canonical.clone())
        .or_else(|| page.meta("og:url").map(str::to_owned))
        .unwrap_or_default();
    let id = identity::extract(page, model);
    let lay = layout::extract(page, model, &main);
    let src = sourcing::extract(page, model, &main);
    let (title, title_source) = headline(page, &main, lay.is_article);
    let own_reporting = genre::extract(&model.genres, &title, &main.text);
    PageFeatures {
        url,
        site: String::new(),
        title,
        title_source,
        html_title: page.title.clone(),
        lang: Some(lang),
        html_bytes: page.html_bytes,
        text_chars,
        truncated: page.truncated,
        nesting_cut: 0,
        site_name: id.site_name,
        licence_kind: id.licence_kind,
        licences: id.licences,
        self_labels: id.self_labels,
        newsroom: id.newsroom,
        sections: lay.sections,
        other_menu_labels: lay.other_menu_labels,
        is_article: lay.is_article,
        article_signals: lay.article_signals,
        page_kind: lay.page_kind,
        page_kind_reasons: lay.page_kind_reasons,
        published: lay.published,
        modified: lay.modified,
        comment_widgets: lay.comment_widgets,
        // A byline is read on articles only: a home or list page's author is an account or an editor.
        byline: if lay.is_article { src.byline } else { None },
        own_reporting,
        attributions: src.attributions,
        lead: main.lead.clone(),
        main_text_chars: main.text.chars().count() as u64,
        main_text: main.text,
        places: Vec::new(),
        tone: None,
        fingerprints: fingerprint::extract(page),
        story: None,
    }
}
