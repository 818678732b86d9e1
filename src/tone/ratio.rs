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
    if n == 0 {
        return false;
    }
    let low = wilson_z(k, n, s.z).0;
    if n < s.min_items {
        return s.min_items_confident > 0 && n >= s.min_items_confident && low > s.threshold;
    }
    let share = if s.use_lower_bound {
        low
    } else {
        k.min(n) as f64 / n as f64
    };
    share > s.threshold
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

/// Share, interval and guidance verdict of `k` negative items out of `n`.
pub fn ratio(k: u64, n: u64, s: &ToneSettings) -> ToneRatio {
    let (low, high) = wilson_z(k, n, s.z);
    ToneRatio {
        items: n,
        negative: k.min(n),
        share: if n == 0 { 0.0 } else { k.min(n) as f64 / n as f64 },
        low,
        high,
        enough_items: n > 0
            && (n >= s.min_items || (s.min_items_confident > 0 && n >= s.min_items_confident && low > s.threshold)),
        exceeded: guidance_exceeded(k, n, s),
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
    }
}
