//! Prints the tone stage's figures on the real labelled sets: `BAOHOA_REALDATA=../shared/realdata
//! cargo run --release --example tone_eval [uit LABEL fp|fn | tech fp|fn | clickbait fp|fn]`.
#[path = "../tests/tone_support/mod.rs"]
mod tone_support;

use baohoa::models::ModelFiles;
use baohoa::tone::ToneModel;

fn main() -> anyhow::Result<()> {
    let Some(dir) = tone_support::realdata() else {
        return Ok(());
    };
    let model = ToneModel::load(&ModelFiles::default())?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let want = |s: &str| args.first().is_some_and(|a| a == s);
    let kind = args.get(2).or(args.get(1)).cloned().unwrap_or_default();
    let show = |pred: bool, actual: bool| (kind == "fp" && pred && !actual) || (kind == "fn" && !pred && actual);
    let u = tone_support::uit(&model, &dir, true);
    if want("terms") {
        // For each term: titles per label where it alone decides "negative".
        let mut tab: std::collections::BTreeMap<String, [u32; 13]> = Default::default();
        for (l, t, neg) in &u.titles {
            if !*neg {
                continue;
            }
            let tone = baohoa::tone::score(&model, t, "", "");
            for m in tone.matches.iter().filter(|m| m.kind == baohoa::tone::Kind::Negative) {
                if tone.score - m.weight < model.settings.item.negative_threshold
                    && let Some(c) = tab.entry(m.term.clone()).or_default().get_mut(*l)
                {
                    *c += 1;
                }
            }
        }
        for (term, c) in tab {
            let restricted = c[0] + c[1] + c[4] + c[9] + c[11];
            println!("{term}\tlaw {}\tnews {}\trestricted {restricted}\t{:?}", c[6], c[10], c);
        }
        return Ok(());
    }
    if want("uit") {
        let label: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(6);
        for (l, t, neg) in &u.titles {
            let on_law = *l == 6;
            let _ = on_law;
            if *l == label && ((kind == "fp" && *neg) || (kind == "fn" && !*neg)) {
                let tone = baohoa::tone::score(&model, t, "", "");
                let terms: Vec<String> = tone
                    .matches
                    .iter()
                    .filter(|m| m.kind == baohoa::tone::Kind::Negative || m.kind == baohoa::tone::Kind::Dampen)
                    .map(|m| format!("{}={:.2}", m.term, m.weight))
                    .collect();
                println!("{t}\t{}", terms.join(" "));
            }
        }
        return Ok(());
    }
    println!(
        "UIT-ViON dev titles, negative share per topic:\n{}",
        tone_support::uit_table(&u)
    );
    let tech = tone_support::tech_sentiment(&model, &dir, |t, p, a| {
        if want("tech") && show(p, a) {
            println!("{t}");
        }
    });
    println!("VnExpress tech sentiment, negative vs label 2: {}", tech.line());
    let cb = tone_support::clickbait(&model, &dir, |t, p, a| {
        if want("clickbait") && show(p, a) {
            println!("{t}");
        }
    });
    let c = cb.confusion;
    println!("ClickBait_ICD train+validate, sensational vs clickbait: {}", c.line());
    println!(
        "  share of clickbait titles that are sensational: {:.1} %; share of non-clickbait that are: {:.1} %",
        100.0 * c.tp as f64 / (c.tp + c.fn_).max(1) as f64,
        100.0 * c.fp as f64 / (c.fp + c.tn).max(1) as f64
    );
    println!(
        "  negative items: {} clickbait, {} non-clickbait",
        cb.negative_clickbait, cb.negative_other
    );
    Ok(())
}
