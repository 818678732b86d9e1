//! Nested 5-fold cross-validation of the learned tone model on the 28,870 hand-labelled real items
//! (the 5,850 of BAOHOA_REALDATA's vi-negativity-labels and the team's 23,020 of
//! tests/tone_more_labels.tsv): each fold is scored by a model trained and calibrated on the other
//! four only, never by the shipped model. Folds are mixed across datasets; one story's duplicates
//! share a fold.
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use anyhow::Context;
use baohoa::models::ModelFiles;
use baohoa::tone::{Task, ToneModel};
use baohoa::tools::train_tone::{self, FOLDS, TrainOptions};

/// Floors reached (README, "Retraining the tone model"): negative F1 measured 0.823 on all
/// 28,870 items and 0.832 on the 5,850 of realdata; sensational 0.628.
const NEGATIVE_F1_FLOOR: f64 = 0.815;
const NEGATIVE_F1_FLOOR_REALDATA_LABELS: f64 = 0.82;
const SENSATIONAL_F1_FLOOR: f64 = 0.62;

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn learned_tone_cross_validation() -> anyhow::Result<()> {
    let dir = PathBuf::from(std::env::var_os("BAOHOA_REALDATA").context("BAOHOA_REALDATA is not set")?);
    let labels = dir.join("vi-negativity-labels/labels.tsv");
    let more = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tone_more_labels.tsv");
    let files = ModelFiles::default();
    let lex = ToneModel::load_lexicons(&files)?;
    let shipped = ToneModel::load(&files)?;
    let items = train_tone::load(&[labels, more], &dir)?;
    assert_eq!(items.len(), 28870, "labelled items read");
    assert_eq!(items.iter().filter(|it| it.source == 1).count(), 23020);
    // The shipped weights were trained on exactly these two files.
    let sources: Vec<(&str, u64)> = shipped
        .learned
        .meta
        .trained_on
        .iter()
        .map(|s| (s.file.as_str(), s.items))
        .collect();
    assert_eq!(
        sources,
        [("labels.tsv", 5850), ("tone_more_labels.tsv", 23020)],
        "retrain with both labels files (README, \"Retraining the tone model\")"
    );

    // Folds: every fold holds items of every dataset, and no URL or title crosses folds.
    let mut per_fold: BTreeMap<u8, BTreeSet<&str>> = BTreeMap::new();
    let mut url_fold: BTreeMap<&str, u8> = BTreeMap::new();
    for it in &items {
        per_fold.entry(it.fold).or_default().insert(it.dataset.as_str());
        let f = *url_fold.entry(it.url.as_str()).or_insert(it.fold);
        assert_eq!(f, it.fold, "{} is in two folds", it.url);
    }
    assert_eq!(per_fold.len(), usize::from(FOLDS));
    for (f, ds) in &per_fold {
        assert_eq!(ds.len(), 3, "fold {f} holds only {ds:?}");
    }

    let opts = TrainOptions {
        l2_negative: shipped.learned.meta.negative.l2,
        l2_sensational: shipped.learned.meta.sensational.l2,
        negative_threshold: f64::from(lex.settings.item.negative_probability),
        sensational_threshold: f64::from(lex.settings.item.sensational_probability),
        ..TrainOptions::default()
    };
    let feats = train_tone::item_features(&items, &lex);
    let t0 = std::time::Instant::now();
    let (p, metas) = train_tone::cross_validate(&items, &feats, &opts);
    eprintln!(
        "nested 5-fold cross-validation ({:.1} s):\n{}",
        t0.elapsed().as_secs_f64(),
        train_tone::cv_report(&items, &p, &metas, &lex.settings)
    );
    let s = &lex.settings.item;
    let neg = train_tone::confusion(&items, &p, Task::Negative, f64::from(s.negative_probability), |_| true);
    let sens = train_tone::confusion(
        &items,
        &p,
        Task::Sensational,
        f64::from(s.sensational_probability),
        |_| true,
    );
    assert!(neg.f1() >= NEGATIVE_F1_FLOOR, "negative {}", neg.line());
    let neg_rd = train_tone::confusion(&items, &p, Task::Negative, f64::from(s.negative_probability), |it| {
        it.source == 0
    });
    assert!(
        neg_rd.f1() >= NEGATIVE_F1_FLOOR_REALDATA_LABELS,
        "negative on the realdata labels {}",
        neg_rd.line()
    );
    assert!(sens.f1() >= SENSATIONAL_F1_FLOOR, "sensational {}", sens.line());
    // Per-topic share error (13 UIT-ViON topics): the site share counts items over the threshold
    // because that measured better than the mean calibrated probability (settings.toml).
    let rows = train_tone::share_rows(&items, &p, &metas, f64::from(s.negative_probability), |it| {
        (it.dataset == "uit-vion-dev").then(|| it.topic.clone())
    });
    assert_eq!(rows.len(), 13);
    let (cc, acc, pcc) = train_tone::share_mae(&rows);
    assert!(
        cc <= 0.03 && pcc <= 0.05 && acc <= 0.06,
        "topic share MAE cc {cc} acc {acc} pcc {pcc}"
    );
    assert!(
        cc <= pcc + 0.005,
        "counting no longer beats the mean probability: cc {cc} pcc {pcc}"
    );
    // Every fold model measured its own share error on its inner folds, at the scan threshold.
    for m in &metas {
        let n = &m.negative;
        assert!(n.share_groups >= 20, "{} groups", n.share_groups);
        assert!(n.share_error > 0.0 && n.share_error <= 0.10, "{n:?}");
        assert!(n.share_mae <= n.share_error);
        assert!((n.share_threshold - f64::from(s.negative_probability)).abs() < 1e-4);
    }
    // The shipped model carries the same figures (retrain after changing the threshold).
    let n = &shipped.learned.meta.negative;
    assert!(
        (n.share_threshold - f64::from(s.negative_probability)).abs() < 1e-4,
        "learned.toml was measured at another threshold: run `baohoa train tone -o models`"
    );
    assert!(n.share_error > 0.0 && n.share_error <= 0.10, "{n:?}");
    Ok(())
}
