//! Regression: the team's own labelled titles (tests/tone_titles.tsv) keep F1 ≥ 0.9 for `negative`.
mod tone_support;

use baohoa::models::ModelFiles;
use baohoa::tone::{ToneModel, score};

#[test]
fn self_labelled_titles_keep_f1() -> anyhow::Result<()> {
    let model = ToneModel::load(&ModelFiles::default())?;
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tone_titles.tsv"))?;
    let mut all = tone_support::Confusion::default();
    let mut hard = tone_support::Confusion::default();
    let mut errors = Vec::new();
    let (mut pos, mut neg) = (0, 0);
    for (line, cells) in baohoa::models::tsv_rows(&text, true) {
        let (Some(label), Some(title)) = (cells.first(), cells.get(1)) else {
            anyhow::bail!("tests/tone_titles.tsv line {line}: expected label, title, [hard]");
        };
        let flag = cells.get(2).copied().unwrap_or("");
        let actual = *label == "1";
        if actual {
            pos += 1
        } else {
            neg += 1
        }
        let t = score(&model, title, "", "");
        all.add(t.negative, actual);
        if flag == "hard" {
            hard.add(t.negative, actual);
        }
        if t.negative != actual {
            let terms: Vec<String> = t
                .matches
                .iter()
                .map(|m| format!("{}={:.2}", m.term, m.weight))
                .collect();
            errors.push(format!("  line {line} label {label}: {title}  [{}]", terms.join(" ")));
        }
    }
    eprintln!("self-labelled titles: {pos} negative, {neg} not negative");
    eprintln!("negative, all titles: {}", all.line());
    eprintln!("negative, hard cases: {}", hard.line());
    eprintln!("errors:\n{}", errors.join("\n"));
    assert!(pos + neg >= 200, "at least 200 titles, got {}", pos + neg);
    assert!(pos >= 90 && neg >= 90, "balanced set expected: {pos} / {neg}");
    assert!(all.f1() >= 0.9, "F1 {:.3} < 0.9", all.f1());
    Ok(())
}
