//! A whole item weighs title, then lead, then body: on the real Vietnamese pages of
//! `$BAOHOA_REALDATA` (vn-news-html-*, vn-pages-2), a crime or accident mentioned in the body of a
//! page whose title and lead carry none does not make the item negative, while the same words in a
//! title do.
use std::path::{Path, PathBuf};

use baohoa::page::PageFeatures;
use baohoa::tone::{Field, Kind, Tone, ToneModel, score_item};

/// A sentence of the kind that turns up in passing in ordinary stories (written for this test).
const IN_PASSING: &str = "Trước đó, công an huyện đã bắt giữ một đối tượng trộm cắp tài sản và khởi tố vụ án.";

fn pages(root: &Path) -> Vec<(String, PageFeatures)> {
    let models = baohoa::models::Models::load(&baohoa::models::ModelFiles::default()).expect("embedded models load");
    let mut out = Vec::new();
    for dir in [
        "vn-news-html-2012-myfeed",
        "vn-news-html-2026-tracking-news-mcp",
        "vn-pages-2/pages",
    ] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            panic!("{}/{dir} is missing", root.display());
        };
        let mut files: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .collect();
        files.sort();
        for p in files {
            let bytes = std::fs::read(&p).unwrap_or_default();
            let dec = baohoa::ingest::decode::decode_html(&bytes, None);
            let page = baohoa::page::parse(&dec.html, None);
            let f = baohoa::page::features(&page, &models.page);
            if f.lang == Some(baohoa::text::lang::Lang::Vi) && !f.title.is_empty() {
                out.push((
                    format!("{dir}/{}", p.file_name().unwrap_or_default().to_string_lossy()),
                    f,
                ));
            }
        }
    }
    out
}

fn negative_in(t: &Tone, field: Field) -> usize {
    t.matches
        .iter()
        .filter(|m| m.field == field && m.kind == Kind::Negative && m.weight > 0.0)
        .count()
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn a_crime_in_passing_in_the_body_does_not_make_a_real_page_negative() {
    let root = PathBuf::from(std::env::var_os("BAOHOA_REALDATA").expect("BAOHOA_REALDATA is set"));
    let model = ToneModel::load(&baohoa::models::ModelFiles::default()).expect("tone model loads");
    let pages = pages(&root);
    assert!(pages.len() >= 60, "only {} Vietnamese pages read", pages.len());

    // 1. Real pages whose body names harm while title and lead do not.
    let mut body_only = Vec::new();
    let mut wrong = Vec::new();
    for (name, f) in &pages {
        let t = score_item(&model, &f.title, &f.lead, &f.main_text, "");
        if negative_in(&t, Field::Title) == 0 && negative_in(&t, Field::Lead) == 0 && negative_in(&t, Field::Body) > 0 {
            body_only.push(name.as_str());
            if t.negative {
                wrong.push(format!("{name}: {:?} p={}", f.title, t.probability));
            }
        }
    }
    eprintln!("{} real pages with negative terms in the body only", body_only.len());
    assert!(
        body_only.len() >= 10,
        "too few body-only pages to say anything: {body_only:?}"
    );
    assert!(wrong.is_empty(), "negative from the body alone: {wrong:#?}");

    // 2. One sentence of crime added in passing to each real non-negative page's body: it moves
    //    the calibrated logit by at most platt_a · body_cap · body_logit, and flips no page that was
    //    not already within 0.1 of the threshold.
    let item = &model.settings.item;
    let threshold = f64::from(item.negative_probability);
    let bound = model.learned.meta.negative.platt_a * f64::from(item.body_cap * item.body_logit);
    assert!(bound > 0.0 && bound < 0.5, "body pull {bound}");
    let logit = |p: f32| {
        let p = f64::from(p);
        (p / (1.0 - p)).ln()
    };
    let mut checked = 0;
    for (name, f) in &pages {
        let before = score_item(&model, &f.title, &f.lead, &f.main_text, "");
        if before.negative {
            continue;
        }
        let mid = f
            .main_text
            .char_indices()
            .nth(f.main_text.chars().count() / 2)
            .map_or(0, |(i, _)| i);
        let body = format!("{} {IN_PASSING} {}", &f.main_text[..mid], &f.main_text[mid..]);
        let after = score_item(&model, &f.title, &f.lead, &body, "");
        assert!(
            negative_in(&after, Field::Body) > negative_in(&before, Field::Body),
            "{name}: the added sentence was not matched in the body"
        );
        if (0.05..0.95).contains(&before.probability) && (0.05..0.95).contains(&after.probability) {
            let moved = logit(after.probability) - logit(before.probability);
            assert!(
                moved <= bound + 0.03, // probabilities are rounded to 0.001
                "{name}: the body moved the logit by {moved:.3} > {bound:.3}"
            );
        }
        if f64::from(before.probability) < threshold - 0.1 {
            assert!(
                !after.negative,
                "{name}: one crime sentence in the body made {:?} negative (p {} → {})",
                f.title, before.probability, after.probability
            );
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} non-negative pages");

    // 3. The same words as a headline do make an item negative (the test above can fail).
    let as_title = score_item(&model, IN_PASSING, "", "", "");
    assert!(as_title.negative, "p {}", as_title.probability);
}
