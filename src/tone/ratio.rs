//! Site ratio of negative items: share, 95 % Wilson interval, and the 15 % guidance check.
use serde::{Deserialize, Serialize};

use super::settings::ToneSettings;

/// 95 % Wilson score interval of `k` successes in `n` trials; `(0, 1)` when `n` is 0.
pub fn wilson(k: u64, n: u64) -> (f64, f64) {
    wilson_z(k, n, 1.96)
}

/// Wilson score interval with a given z.
pub fn wilson_z(k: u64, n: u64, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let k = k.min(n) as f64;
    let n = n as f64;
    let p = k / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Whether `k` negative items out of `n` exceed the guidance: from `min_items` items up, with the
/// share (or the lower end of its interval, see `use_lower_bound`) above the threshold; below that,
/// from `min_items_confident` items up, only with the interval's lower end above the threshold.
pub fn guidance_exceeded(k: u64, n: u64, s: &ToneSettings) -> bool {
    ratio(k, n, s).exceeded
}

/// The negative share of one site over a run, as reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToneRatio {
    pub items: u64,
    pub negative: u64,
    pub share: f64,
    pub low: f64,
    pub high: f64,
    /// false when there are too few items to judge (below `min_items`, and either below
    /// `min_items_confident` or with an interval reaching down to the threshold).
    pub enough_items: bool,
    pub exceeded: bool,
}

/// Share, interval and guidance verdict of `k` negative items out of `n` (sampling error only).
pub fn ratio(k: u64, n: u64, s: &ToneSettings) -> ToneRatio {
    ratio_with_model_error(k, n, s, 0.0)
}

/// Share, interval and verdict when the item classifier's own share error is `model_error`
/// (an absolute share, e.g. 0.03): each side of the Wilson interval becomes
/// sqrt(sampling half-width² + model_error²) around the share, clipped to [0, 1]. The verdict then
/// uses that interval where it uses one (the lower end with `use_lower_bound`, small sites).
pub fn ratio_with_model_error(k: u64, n: u64, s: &ToneSettings, model_error: f64) -> ToneRatio {
    let (wl, wh) = wilson_z(k, n, s.z);
    let share = if n == 0 { 0.0 } else { k.min(n) as f64 / n as f64 };
    let e = if model_error.is_finite() {
        model_error.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (low, high) = if n == 0 || e == 0.0 {
        (wl, wh)
    } else {
        let down = (share - wl).max(0.0).hypot(e);
        let up = (wh - share).max(0.0).hypot(e);
        ((share - down).max(0.0), (share + up).min(1.0))
    };
    let enough_items =
        n > 0 && (n >= s.min_items || (s.min_items_confident > 0 && n >= s.min_items_confident && low > s.threshold));
    let exceeded = if n == 0 {
        false
    } else if n < s.min_items {
        s.min_items_confident > 0 && n >= s.min_items_confident && low > s.threshold
    } else if s.use_lower_bound {
        low > s.threshold
    } else {
        share > s.threshold
    };
    ToneRatio {
        items: n,
        negative: k.min(n),
        share,
        low,
        high,
        enough_items,
        exceeded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_known_values() {
        // 15 of 100 at 95 %: (0.0931, 0.2328) by the textbook formula.
        let (lo, hi) = wilson(15, 100);
        assert!((lo - 0.0931).abs() < 5e-4, "{lo}");
        assert!((hi - 0.2328).abs() < 5e-4, "{hi}");
        let (lo, hi) = wilson(0, 10);
        assert_eq!(lo, 0.0);
        assert!((hi - 0.2775).abs() < 5e-4, "{hi}");
        assert_eq!(wilson(0, 0), (0.0, 1.0));
        let (lo, hi) = wilson(12, 10); // clamped to 10/10
        assert!(lo > 0.69 && hi == 1.0);
    }

    #[test]
    fn guidance_needs_items_and_threshold() {
        let s = ToneSettings::default();
        assert!(!s.use_lower_bound, "the shipped default compares the share itself");
        assert!(
            !guidance_exceeded(3, 19, &s),
            "too few items, interval reaches below 15 %"
        );
        assert!(
            guidance_exceeded(4, 5, &s),
            "4 of 5: even the interval's lower end (38 %) is over 15 %"
        );
        assert!(!guidance_exceeded(2, 2, &s), "2 items are never enough");
        assert!(guidance_exceeded(6, 30, &s), "20 % of 30 items is over 15 %");
        assert!(!guidance_exceeded(15, 100, &s), "15 % is not above 15 %");
        assert!(guidance_exceeded(40, 100, &s));
        let cautious = ToneSettings {
            use_lower_bound: true,
            ..ToneSettings::default()
        };
        assert!(
            !guidance_exceeded(6, 30, &cautious),
            "20 % of 30: the interval reaches below 15 %"
        );
        assert!(guidance_exceeded(40, 100, &cautious));
        let r = ratio(40, 100, &s);
        assert!(r.exceeded && r.enough_items && (r.share - 0.4).abs() < 1e-12);
        for (k, n) in [(0, 0), (3, 19), (4, 5), (6, 30), (15, 100), (40, 100)] {
            assert_eq!(ratio(k, n, &s).exceeded, guidance_exceeded(k, n, &s), "{k}/{n}");
            assert_eq!(
                ratio(k, n, &cautious).exceeded,
                guidance_exceeded(k, n, &cautious),
                "{k}/{n}"
            );
        }
    }

    #[test]
    fn model_error_widens_the_interval_and_the_cautious_verdict() {
        let s = ToneSettings::default();
        let plain = ratio(20, 100, &s);
        let wide = ratio_with_model_error(20, 100, &s, 0.05);
        assert!(wide.low < plain.low && wide.high > plain.high, "{plain:?} {wide:?}");
        // Each side is the hypotenuse of the sampling half-width and the model error.
        let down = (0.2 - plain.low).hypot(0.05);
        assert!((wide.low - (0.2 - down)).abs() < 1e-12);
        assert_eq!(wide.share, plain.share);
        assert_eq!(wide.exceeded, plain.exceeded, "the point verdict does not move");
        let cautious = ToneSettings {
            use_lower_bound: true,
            ..ToneSettings::default()
        };
        // 30 of 100: the Wilson lower end (21.9 %) is over 15 %, and stays over with a 5-point
        // model error, but not with a 15-point one.
        assert!(ratio_with_model_error(30, 100, &cautious, 0.05).exceeded);
        assert!(!ratio_with_model_error(30, 100, &cautious, 0.15).exceeded);
        assert_eq!(ratio_with_model_error(0, 0, &s, 0.05), ratio(0, 0, &s));
        let nan = ratio_with_model_error(20, 100, &s, f64::NAN);
        assert_eq!(nan, plain, "a non-finite error is no error");
    }
}
