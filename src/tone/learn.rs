//! Deterministic training: L2 logistic regression (L-BFGS), Platt calibration, rates and F1.

/// Sparse rows: (feature index, value).
pub type Row = Vec<(u32, f32)>;

/// Log-loss of soft targets plus `l2`/2·‖w‖² (feature 0, the bias, is not penalised), and its gradient.
fn loss_grad(x: &[Row], y: &[f64], w: &[f64], l2: f64, g: &mut [f64]) -> f64 {
    g.iter_mut().for_each(|v| *v = 0.0);
    let mut f = 0.0;
    for (row, &t) in x.iter().zip(y) {
        let z: f64 = row
            .iter()
            .map(|&(j, v)| w.get(j as usize).copied().unwrap_or(0.0) * f64::from(v))
            .sum();
        // log(1 + e^z) stably.
        let softplus = if z > 0.0 {
            z + (-z).exp().ln_1p()
        } else {
            z.exp().ln_1p()
        };
        f += softplus - t * z;
        let p = super::learned::sigmoid(z);
        let d = p - t;
        for &(j, v) in row {
            if let Some(gj) = g.get_mut(j as usize) {
                *gj += d * f64::from(v);
            }
        }
    }
    for (j, (wj, gj)) in w.iter().zip(g.iter_mut()).enumerate() {
        if j > 0 {
            f += 0.5 * l2 * wj * wj;
            *gj += l2 * wj;
        }
    }
    f
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Fits weights of `dim` features (index 0 = bias) to soft targets `y` in [0, 1]. Deterministic:
/// full-batch L-BFGS (memory 10) with a backtracking line search, from zero.
pub fn fit_logistic(x: &[Row], y: &[f64], dim: usize, l2: f64, max_iter: usize) -> Vec<f64> {
    let m = 10usize;
    let mut w = vec![0.0f64; dim];
    let mut g = vec![0.0f64; dim];
    let mut f = loss_grad(x, y, &w, l2, &mut g);
    let mut s_hist: Vec<Vec<f64>> = Vec::new();
    let mut y_hist: Vec<Vec<f64>> = Vec::new();
    let mut g_new = vec![0.0f64; dim];
    let n = x.len().max(1) as f64;
    for _ in 0..max_iter {
        let gnorm = g.iter().fold(0.0f64, |a, v| a.max(v.abs()));
        if gnorm < 1e-6 * n.max(1.0) {
            break;
        }
        // Two-loop recursion: d = -H·g.
        let mut q = g.clone();
        let mut alpha = vec![0.0; s_hist.len()];
        for i in (0..s_hist.len()).rev() {
            let rho = 1.0 / dot(&y_hist[i], &s_hist[i]);
            alpha[i] = rho * dot(&s_hist[i], &q);
            for (qj, yj) in q.iter_mut().zip(&y_hist[i]) {
                *qj -= alpha[i] * yj;
            }
        }
        let gamma = match (s_hist.last(), y_hist.last()) {
            (Some(s), Some(yv)) => dot(s, yv) / dot(yv, yv),
            _ => 1.0 / gnorm.max(1e-12),
        };
        q.iter_mut().for_each(|v| *v *= gamma);
        for i in 0..s_hist.len() {
            let rho = 1.0 / dot(&y_hist[i], &s_hist[i]);
            let beta = rho * dot(&y_hist[i], &q);
            for (qj, sj) in q.iter_mut().zip(&s_hist[i]) {
                *qj += (alpha[i] - beta) * sj;
            }
        }
        let mut d: Vec<f64> = q.iter().map(|v| -v).collect();
        let mut slope = dot(&d, &g);
        if slope >= 0.0 {
            // Not a descent direction: restart from steepest descent.
            s_hist.clear();
            y_hist.clear();
            d = g.iter().map(|v| -v / gnorm.max(1e-12)).collect();
            slope = dot(&d, &g);
        }
        let mut step = 1.0;
        let mut w_new = vec![0.0f64; dim];
        let mut f_new;
        let mut tries = 0;
        loop {
            for ((wn, wj), dj) in w_new.iter_mut().zip(&w).zip(&d) {
                *wn = wj + step * dj;
            }
            f_new = loss_grad(x, y, &w_new, l2, &mut g_new);
            if f_new <= f + 1e-4 * step * slope || tries > 40 {
                break;
            }
            step *= 0.5;
            tries += 1;
        }
        let s: Vec<f64> = w_new.iter().zip(&w).map(|(a, b)| a - b).collect();
        let yv: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let converged = (f - f_new).abs() <= 1e-10 * f.abs().max(1.0);
        std::mem::swap(&mut w, &mut w_new);
        std::mem::swap(&mut g, &mut g_new);
        f = f_new;
        if dot(&s, &yv) > 1e-12 {
            s_hist.push(s);
            y_hist.push(yv);
            if s_hist.len() > m {
                s_hist.remove(0);
                y_hist.remove(0);
            }
        }
        if converged {
            break;
        }
    }
    w
}

/// Platt scaling: (a, b) with p = σ(a·z + b), fitted on held-out raw scores with Platt's smoothed
/// targets.
pub fn platt(z: &[f64], y: &[bool]) -> (f64, f64) {
    let pos = y.iter().filter(|&&v| v).count() as f64;
    let neg = y.len() as f64 - pos;
    let hi = (pos + 1.0) / (pos + 2.0);
    let lo = 1.0 / (neg + 2.0);
    let rows: Vec<Row> = z.iter().map(|&v| vec![(0u32, 1.0f32), (1u32, v as f32)]).collect();
    let t: Vec<f64> = y.iter().map(|&v| if v { hi } else { lo }).collect();
    let w = fit_logistic(&rows, &t, 2, 1e-6, 200);
    (w.get(1).copied().unwrap_or(1.0), w.first().copied().unwrap_or(0.0))
}

/// Counts of a binary decision against labels.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Confusion {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
    pub tn: u64,
}

impl Confusion {
    pub fn of(pred: impl Iterator<Item = (bool, bool)>) -> Self {
        let mut c = Confusion::default();
        for (p, t) in pred {
            c.add(p, t);
        }
        c
    }
    /// Counts one (predicted, actual) pair.
    pub fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    pub fn fpr(&self) -> f64 {
        self.fp as f64 / (self.fp + self.tn).max(1) as f64
    }
    pub fn line(&self) -> String {
        format!(
            "P {:.3} R {:.3} F1 {:.3} (tp {} fp {} fn {} tn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_,
            self.tn
        )
    }
}

/// Adjusted classify-and-count (Forman 2008): (q − FPR) / (TPR − FPR), clipped to [0, 1]; the raw
/// share q when TPR ≤ FPR.
pub fn adjusted_share(q: f64, tpr: f64, fpr: f64) -> f64 {
    if tpr - fpr <= 1e-6 {
        return q.clamp(0.0, 1.0);
    }
    ((q - fpr) / (tpr - fpr)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separable_data_is_learned() {
        // Feature 1 marks positives, feature 2 negatives.
        let x: Vec<Row> = (0..40)
            .map(|i| vec![(0, 1.0), (if i % 2 == 0 { 1 } else { 2 }, 1.0)])
            .collect();
        let y: Vec<f64> = (0..40).map(|i| if i % 2 == 0 { 1.0 } else { 0.0 }).collect();
        let w = fit_logistic(&x, &y, 3, 1.0, 200);
        assert!(w[1] > 1.0 && w[2] < -1.0, "{w:?}");
        let again = fit_logistic(&x, &y, 3, 1.0, 200);
        assert_eq!(w, again, "deterministic");
    }

    #[test]
    fn platt_recovers_a_slope() {
        let z: Vec<f64> = (0..200).map(|i| (i as f64 - 100.0) / 20.0).collect();
        let y: Vec<bool> = z.iter().enumerate().map(|(i, &v)| v > 0.0 || i % 7 == 0).collect();
        let (a, _) = platt(&z, &y);
        assert!(a > 0.5, "{a}");
    }

    #[test]
    fn forman_adjustment() {
        assert!((adjusted_share(0.2, 0.8, 0.05) - 0.2).abs() < 1e-9);
        assert_eq!(adjusted_share(0.01, 0.8, 0.05), 0.0);
        assert_eq!(adjusted_share(0.99, 0.8, 0.05), 1.0);
        assert_eq!(adjusted_share(0.3, 0.5, 0.5), 0.3);
    }
}
