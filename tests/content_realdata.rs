//! Main text on the held-out half of the two extraction benchmarks in `$BAOHOA_REALDATA` (split
//! by page-id hash, see `tests/content_support`): the floors reached, never tuned on these pages.
#[path = "content_support/mod.rs"]
mod content_support;

use content_support::{Split, evaluate, realdata};

/// Held-out floors. Measured (`cargo run --release --example content_eval`): mean F1 0.978,
/// with-snippets 85.6%, without-snippets 91.9% (README "Main text"). trafilatura 2.3.1 on the
/// same held-out pages: mean F1 0.962, with-snippets 86.7%, without-snippets 91.9%
/// (`scripts/trafilatura_compare.py`).
const MIN_MEAN_F1: f64 = 0.975;
const MIN_WITH: f64 = 0.85;
const MIN_WITHOUT: f64 = 0.91;

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn main_text_holds_on_held_out_benchmark_pages() {
    let Some(root) = realdata() else { return };
    let ev = match evaluate(&root, Some(Split::HeldOut)) {
        Ok(ev) => ev,
        Err(e) => panic!("main-text evaluation failed: {e:#}"),
    };
    let f = ev.figures(Some(Split::HeldOut));
    eprintln!("held-out {}", f.line());
    assert!(
        f.zyte_pages >= 60 && f.te_pages >= 25,
        "held-out split too small: {f:?}"
    );
    assert!(
        f.mean_f1 >= MIN_MEAN_F1,
        "held-out Zyte mean F1 {:.3} < {MIN_MEAN_F1}",
        f.mean_f1
    );
    assert!(
        f.with_share() >= MIN_WITH,
        "held-out with-snippets present {:.3} < {MIN_WITH}",
        f.with_share()
    );
    assert!(
        f.without_share() >= MIN_WITHOUT,
        "held-out without-snippets absent {:.3} < {MIN_WITHOUT}",
        f.without_share()
    );
}
