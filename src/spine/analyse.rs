//! The page stage of one record: decode, parse, features, the tone of article items, the places
//! they name, and cited outlets resolved through the registry.
use std::time::Instant;

use super::accumulate::StageNanos;
use crate::ingest::Record;
use crate::models::Models;
use crate::page::{self, PageFeatures};

/// Decodes, parses and extracts the features of one record: page features, the tone of article
/// items, the places they name, and cited outlets resolved through the registry.
pub fn analyse(rec: &Record, models: &Models, t: &mut StageNanos) -> PageFeatures {
    analyse_with(rec, models, page::ParserKind::default(), t)
}

/// [`analyse`] with a chosen HTML parser.
pub fn analyse_with(rec: &Record, models: &Models, parser: page::ParserKind, t: &mut StageNanos) -> PageFeatures {
    let t0 = Instant::now();
    let dec = crate::ingest::decode::decode_html(&rec.body, rec.header("content-type"));
    let t1 = Instant::now();
    let (mut page, nesting_cut) = page::parse_counted(parser, &dec.html, rec.url.as_deref());
    page.truncated |= rec.truncated;
    let t2 = Instant::now();
    let mut f = page::features(&page, &models.page);
    f.nesting_cut = nesting_cut;
    f.site = crate::site::site_key_in(&f.url, &models.registry);
    for a in &mut f.attributions {
        let by_link = a.link_domain.as_deref().and_then(|d| models.registry.lookup_domain(d));
        let outlet = by_link
            .map(|(o, _)| o)
            .or_else(|| models.registry.outlet_by_name(&a.outlet));
        a.registry_domain = outlet.map(|o| o.main_domain().to_owned());
    }
    if f.is_article {
        // Place names of the headline and lead: a content feature, timed with the features.
        let mut head = String::with_capacity(f.title.len() + f.lead.len() + 1);
        head.push_str(&f.title);
        head.push('\n');
        head.push_str(&f.lead);
        f.places = models.domain.places_in(&head);
    }
    let t3 = Instant::now();
    if f.is_article {
        f.tone = Some(crate::tone::score_item(
            &models.tone,
            &f.title,
            &f.lead,
            &f.main_text,
            &f.url,
        ));
    }
    let t4 = Instant::now();
    if f.is_article {
        f.story = story_item(&f, rec, models);
    }
    let t5 = Instant::now();
    t.decode += (t1 - t0).as_nanos() as u64;
    t.parse += (t2 - t1).as_nanos() as u64;
    t.features += (t3 - t2).as_nanos() as u64;
    t.tone += (t4 - t3).as_nanos() as u64;
    t.story += (t5 - t4).as_nanos() as u64;
    f
}

/// The story record of an article item: its signature, times, cited domains, tone and the names in
/// its title; `None` when its text is too short to sign.
fn story_item(f: &PageFeatures, rec: &Record, models: &Models) -> Option<page::story::StoryItem> {
    let m = &models.page.story;
    let text = page::story::signed_text(&f.lead, &f.main_text);
    let (sig, shingles) = m.signature(&text)?;
    let mut cites: Vec<String> = f
        .attributions
        .iter()
        .filter(|a| a.kind != "compiled")
        .filter_map(|a| {
            a.registry_domain
                .clone()
                .or_else(|| a.link_domain.as_deref().map(crate::host::registrable_domain))
        })
        .filter(|d| !d.is_empty() && *d != f.site)
        .collect();
    cites.sort_unstable();
    cites.dedup();
    cites.truncate(4);
    Some(page::story::StoryItem {
        url: f.url.clone(),
        published: f.published.as_ref().and_then(|p| page::story::parse_time(&p.value)),
        crawled: rec.fetched_at.as_deref().and_then(page::story::parse_time),
        cites,
        negative: f.tone.as_ref().is_some_and(|t| t.negative),
        targets: m.targets(&f.title),
        shingles,
        sig: page::story::Sig(sig),
    })
}
