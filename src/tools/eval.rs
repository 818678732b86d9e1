//! Evaluation of a run against synthetic labels: precision/recall/F1 per flag family and per
//! criterion, confusion by archetype, negative-share error, and the misjudged sites with findings.
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::tools::synth::Label;

/// The flag families always reported, even when no site has them.
pub const FAMILIES: &[&str] = &["bao_hoa", "negative_ratio"];

/// Counts and scores of one binary decision over all labelled sites.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    pub tp: u64,
    pub fp: u64,
    #[serde(rename = "fn")]
    pub fn_: u64,
    pub tn: u64,
    /// tp / (tp + fp); `None` when nothing was predicted positive.
    pub precision: Option<f64>,
    /// tp / (tp + fn); `None` when nothing is expected positive.
    pub recall: Option<f64>,
    /// 2tp / (2tp + fp + fn); `None` when there are no positives on either side.
    pub f1: Option<f64>,
}

impl Prf {
    pub fn add(&mut self, expected: bool, predicted: bool) {
        match (expected, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// Fills precision, recall and F1 from the counts.
    pub fn finish(&mut self) {
        let ratio = |a: u64, b: u64| if b == 0 { None } else { Some(a as f64 / b as f64) };
        self.precision = ratio(self.tp, self.tp + self.fp);
        self.recall = ratio(self.tp, self.tp + self.fn_);
        self.f1 = ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_);
    }
}

/// One criterion's scores, and whether the run reports it at all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CriterionScore {
    #[serde(flatten)]
    pub prf: Prf,
    /// The run's findings include this criterion (fired or not) for some site.
    pub in_output: bool,
}

/// Negative-share error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ShareError {
    /// Mean absolute error over sites with items and a measured share.
    pub mae: Option<f64>,
    pub max_error: Option<f64>,
    pub sites: u64,
    /// Labelled sites with items but no measured share in the output.
    pub unmeasured: u64,
    /// (MAE, sites) per archetype.
    pub by_archetype: BTreeMap<String, (f64, u64)>,
}

/// Confusion of one archetype.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArchetypeRow {
    pub sites: u64,
    /// Sites expected to carry each family.
    pub expected: BTreeMap<String, u64>,
    /// Sites the run gave each family.
    pub predicted: BTreeMap<String, u64>,
    /// Sites whose predicted families equal the expected ones.
    pub correct: u64,
    /// Predicted outcome ("none", "bao_hoa", "bao_hoa+negative_ratio", "missing") → sites.
    pub outcomes: BTreeMap<String, u64>,
    /// Site class given by the judge → sites.
    pub classes: BTreeMap<String, u64>,
}

/// A finding as the evaluator lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingBrief {
    pub criterion: String,
    pub fired: bool,
    pub value: Option<f64>,
    pub threshold: Option<f64>,
    pub items: Option<u64>,
    pub statement: String,
}

/// A site whose predicted families differ from the expected ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Misjudged {
    pub domain: String,
    pub archetype: String,
    pub expected_families: Vec<String>,
    pub predicted_families: Vec<String>,
    /// Expected criteria that did not fire.
    pub missing_criteria: Vec<String>,
    /// Criteria that fired but were not expected.
    pub extra_criteria: Vec<String>,
    pub true_negative_share: f64,
    pub measured_negative_share: Option<f64>,
    pub class: String,
    pub score: Option<f64>,
    pub in_output: bool,
    pub findings: Vec<FindingBrief>,
}

/// The whole evaluation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    pub schema: u32,
    pub labelled_sites: u64,
    pub output_sites: u64,
    /// Labelled sites absent from the output.
    pub missing_sites: Vec<String>,
    /// Output sites with no label (ignored).
    pub unlabelled_sites: u64,
    pub families: BTreeMap<String, Prf>,
    pub criteria: BTreeMap<String, CriterionScore>,
    pub negative_share: ShareError,
    pub archetypes: BTreeMap<String, ArchetypeRow>,
    pub misjudged: Vec<Misjudged>,
}

/// What the evaluator reads of one `sites.jsonl` row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteOutput {
    pub site: String,
    pub class: String,
    pub score: Option<f64>,
    pub families: Vec<String>,
    pub findings: Vec<FindingBrief>,
    /// The measured negative share (the `tone.negative_ratio` finding's value).
    pub negative_share: Option<f64>,
}

fn num(v: &serde_json::Value, k: &str) -> Option<f64> {
    v.get(k).and_then(serde_json::Value::as_f64)
}

/// Parses one `sites.jsonl` line.
pub fn parse_site_row(line: &str) -> anyhow::Result<SiteOutput> {
    let v: serde_json::Value = serde_json::from_str(line)?;
    let site = v
        .get("site")
        .and_then(|s| s.as_str())
        .context("row has no \"site\"")?
        .to_owned();
    let families = v
        .get("families")
        .and_then(|f| f.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    let mut findings = Vec::new();
    let mut negative_share = None;
    for f in v.get("findings").and_then(|f| f.as_array()).into_iter().flatten() {
        let criterion = f
            .get("criterion")
            .and_then(|c| c.as_str())
            .unwrap_or_default()
            .to_owned();
        let b = FindingBrief {
            fired: f.get("fired").and_then(serde_json::Value::as_bool).unwrap_or(false),
            value: num(f, "value"),
            threshold: num(f, "threshold"),
            items: f.get("items").and_then(serde_json::Value::as_u64),
            statement: f
                .get("statement")
                .and_then(|s| s.as_str())
                .unwrap_or_default()
                .to_owned(),
            criterion,
        };
        if b.criterion == "tone.negative_ratio" && b.items.is_none_or(|n| n > 0) {
            negative_share = b.value;
        }
        findings.push(b);
    }
    if negative_share.is_none()
        && let Some(c) = v.get("counts")
        && let (Some(k), Some(n)) = (num(c, "negative"), num(c, "items"))
        && n > 0.0
    {
        negative_share = Some(k / n);
    }
    Ok(SiteOutput {
        site,
        class: v.get("class").and_then(|s| s.as_str()).unwrap_or_default().to_owned(),
        score: num(&v, "score"),
        families,
        findings,
        negative_share,
    })
}

/// Reads `OUT/sites.jsonl`.
pub fn read_outputs(out: &Path) -> anyhow::Result<Vec<SiteOutput>> {
    let p = out.join("sites.jsonl");
    let text = std::fs::read_to_string(&p).with_context(|| {
        format!(
            "cannot read {}; give the output directory of a finished `baohoa scan`",
            p.display()
        )
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| parse_site_row(l).with_context(|| format!("{}:{}: not a sites.jsonl row", p.display(), i + 1)))
        .collect()
}

fn split_list(s: &str) -> BTreeSet<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Evaluates outputs against labels.
pub fn evaluate(labels: &[Label], outputs: &[SiteOutput]) -> EvalReport {
    let by_site: BTreeMap<&str, &SiteOutput> = outputs.iter().map(|o| (o.site.as_str(), o)).collect();
    let labelled: BTreeSet<&str> = labels.iter().map(|l| l.domain.as_str()).collect();
    let mut rep = EvalReport {
        schema: 1,
        labelled_sites: labels.len() as u64,
        output_sites: outputs.len() as u64,
        unlabelled_sites: outputs.iter().filter(|o| !labelled.contains(o.site.as_str())).count() as u64,
        ..EvalReport::default()
    };
    let mut fams: BTreeSet<String> = FAMILIES.iter().map(|s| (*s).to_owned()).collect();
    let mut codes: BTreeSet<String> = BTreeSet::new();
    let mut in_output: BTreeSet<String> = BTreeSet::new();
    for l in labels {
        fams.extend(split_list(&l.expected_families));
        codes.extend(split_list(&l.expected_criteria));
    }
    for o in outputs {
        fams.extend(o.families.iter().cloned());
        for f in &o.findings {
            in_output.insert(f.criterion.clone());
            if f.fired {
                codes.insert(f.criterion.clone());
            }
        }
    }
    let mut errs: Vec<(String, f64)> = Vec::new();
    for l in labels {
        let o = by_site.get(l.domain.as_str()).copied();
        if o.is_none() {
            rep.missing_sites.push(l.domain.clone());
        }
        let exp_f = split_list(&l.expected_families);
        let pred_f: BTreeSet<String> = o.map(|o| o.families.iter().cloned().collect()).unwrap_or_default();
        for f in &fams {
            rep.families
                .entry(f.clone())
                .or_default()
                .add(exp_f.contains(f), pred_f.contains(f));
        }
        let exp_c = split_list(&l.expected_criteria);
        let fired: BTreeSet<String> = o
            .map(|o| {
                o.findings
                    .iter()
                    .filter(|f| f.fired)
                    .map(|f| f.criterion.clone())
                    .collect()
            })
            .unwrap_or_default();
        for c in &codes {
            rep.criteria
                .entry(c.clone())
                .or_default()
                .prf
                .add(exp_c.contains(c), fired.contains(c));
        }
        let measured = o.and_then(|o| o.negative_share);
        if l.items > 0 {
            match measured {
                Some(m) => errs.push((l.archetype.clone(), (m - l.true_negative_share).abs())),
                None => rep.negative_share.unmeasured += 1,
            }
        }
        let row = rep.archetypes.entry(l.archetype.clone()).or_default();
        row.sites += 1;
        for f in &exp_f {
            *row.expected.entry(f.clone()).or_default() += 1;
        }
        for f in &pred_f {
            *row.predicted.entry(f.clone()).or_default() += 1;
        }
        let outcome = match o {
            None => "missing".to_owned(),
            Some(_) if pred_f.is_empty() => "none".to_owned(),
            Some(_) => pred_f.iter().cloned().collect::<Vec<_>>().join("+"),
        };
        *row.outcomes.entry(outcome).or_default() += 1;
        *row.classes
            .entry(o.map_or("missing".to_owned(), |o| o.class.clone()))
            .or_default() += 1;
        if exp_f == pred_f && o.is_some() {
            row.correct += 1;
        } else {
            rep.misjudged.push(Misjudged {
                domain: l.domain.clone(),
                archetype: l.archetype.clone(),
                expected_families: exp_f.iter().cloned().collect(),
                predicted_families: pred_f.iter().cloned().collect(),
                missing_criteria: exp_c.difference(&fired).cloned().collect(),
                extra_criteria: fired.difference(&exp_c).cloned().collect(),
                true_negative_share: l.true_negative_share,
                measured_negative_share: measured,
                class: o.map_or(String::new(), |o| o.class.clone()),
                score: o.and_then(|o| o.score),
                in_output: o.is_some(),
                findings: o.map(|o| o.findings.clone()).unwrap_or_default(),
            });
        }
    }
    for p in rep.families.values_mut() {
        p.finish();
    }
    for (code, c) in rep.criteria.iter_mut() {
        c.prf.finish();
        c.in_output = in_output.contains(code);
    }
    let ne = &mut rep.negative_share;
    ne.sites = errs.len() as u64;
    if !errs.is_empty() {
        ne.mae = Some(errs.iter().map(|e| e.1).sum::<f64>() / errs.len() as f64);
        ne.max_error = errs.iter().map(|e| e.1).reduce(f64::max);
    }
    for (a, e) in &errs {
        let x = ne.by_archetype.entry(a.clone()).or_insert((0.0, 0));
        x.0 += e;
        x.1 += 1;
    }
    for x in ne.by_archetype.values_mut() {
        x.0 /= x.1.max(1) as f64;
    }
    rep.misjudged
        .sort_by(|a, b| a.archetype.cmp(&b.archetype).then(a.domain.cmp(&b.domain)));
    rep
}

/// Reads the labels and the run's outputs, then evaluates.
pub fn evaluate_files(labels: &Path, out: &Path) -> anyhow::Result<EvalReport> {
    let l = crate::tools::synth::labels::read_labels(labels)?;
    let o = read_outputs(out)?;
    Ok(evaluate(&l, &o))
}

fn f3(x: Option<f64>) -> String {
    x.map_or("–".to_owned(), |v| format!("{v:.3}"))
}

fn prf_line(out: &mut String, name: &str, p: &Prf, note: &str) {
    let _ = writeln!(
        out,
        "  {name:<24} {:>5} {:>5} {:>5} {:>5}  {:>9} {:>7} {:>6}{note}",
        p.tp,
        p.fp,
        p.fn_,
        p.tn,
        f3(p.precision),
        f3(p.recall),
        f3(p.f1)
    );
}

/// The report as text for a terminal.
pub fn to_text(r: &EvalReport) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "baohoa eval: {} labelled sites, {} sites in the output ({} labelled sites missing, {} unlabelled ignored)\n",
        r.labelled_sites,
        r.output_sites,
        r.missing_sites.len(),
        r.unlabelled_sites
    );
    let head = format!(
        "  {:<24} {:>5} {:>5} {:>5} {:>5}  {:>9} {:>7} {:>6}\n",
        "", "TP", "FP", "FN", "TN", "precision", "recall", "F1"
    );
    o.push_str("Flag families\n");
    o.push_str(&head);
    for (k, p) in &r.families {
        prf_line(&mut o, k, p, "");
    }
    o.push_str("\nCriteria\n");
    o.push_str(&head);
    for (k, c) in &r.criteria {
        prf_line(
            &mut o,
            k,
            &c.prf,
            if c.in_output { "" } else { "  (not in the output)" },
        );
    }
    let n = &r.negative_share;
    let _ = writeln!(
        o,
        "\nNegative share: MAE {} (max {}) over {} sites; {} sites with items have no measured share",
        f3(n.mae),
        f3(n.max_error),
        n.sites,
        n.unmeasured
    );
    for (a, (m, k)) in &n.by_archetype {
        let _ = writeln!(o, "  {a:<24} MAE {m:.3} over {k}");
    }
    o.push_str("\nConfusion by archetype (expected → predicted sites per family; outcomes)\n");
    let _ = writeln!(
        o,
        "  {:<22} {:>5} {:>8} {:>14} {:>14}  outcomes",
        "archetype", "sites", "correct", "bao_hoa e→p", "negative e→p"
    );
    for (a, row) in &r.archetypes {
        let g = |m: &BTreeMap<String, u64>, k: &str| m.get(k).copied().unwrap_or(0);
        let outcomes: Vec<String> = row.outcomes.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let _ = writeln!(
            o,
            "  {a:<22} {:>5} {:>8} {:>14} {:>14}  {}",
            row.sites,
            row.correct,
            format!("{}→{}", g(&row.expected, "bao_hoa"), g(&row.predicted, "bao_hoa")),
            format!(
                "{}→{}",
                g(&row.expected, "negative_ratio"),
                g(&row.predicted, "negative_ratio")
            ),
            outcomes.join(", ")
        );
    }
    let _ = writeln!(o, "\nMisjudged sites: {}", r.misjudged.len());
    for m in &r.misjudged {
        let show = |v: &[String]| if v.is_empty() { "none".to_owned() } else { v.join(", ") };
        let _ = writeln!(
            o,
            "  {} [{}] expected {}; predicted {}{}; negative share true {:.3}, measured {}",
            m.domain,
            m.archetype,
            show(&m.expected_families),
            show(&m.predicted_families),
            if m.in_output {
                String::new()
            } else {
                " (not in the output)".into()
            },
            m.true_negative_share,
            f3(m.measured_negative_share)
        );
        if !m.missing_criteria.is_empty() || !m.extra_criteria.is_empty() {
            let _ = writeln!(
                o,
                "    criteria missing: {}; unexpected: {}",
                show(&m.missing_criteria),
                show(&m.extra_criteria)
            );
        }
        for f in m.findings.iter().filter(|f| f.fired) {
            let _ = writeln!(
                o,
                "    fired {} = {} (threshold {}, items {}): {}",
                f.criterion,
                f3(f.value),
                f3(f.threshold),
                f.items.map_or("–".into(), |n| n.to_string()),
                f.statement
            );
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(domain: &str, arch: &str, fams: &str, crit: &str, share: f64, items: u64) -> Label {
        Label {
            domain: domain.into(),
            archetype: arch.into(),
            expected_families: fams.into(),
            expected_criteria: crit.into(),
            true_negative_share: share,
            items,
            negative_items: (share * items as f64).round() as u64,
            sensational_share: 0.0,
            pages: items + 3,
            news_like: items > 0,
            registry: "none".into(),
            lang: "vi".into(),
            charset: "utf-8".into(),
            noisy: false,
            content_encoding: "identity".into(),
            group: String::new(),
            imitates: String::new(),
            province: String::new(),
        }
    }

    fn row(site: &str, fams: &[&str], fired: &[&str], share: Option<f64>) -> String {
        let mut findings: Vec<serde_json::Value> = fired
            .iter()
            .map(|c| serde_json::json!({"criterion": c, "fired": true, "value": 1.0, "threshold": 0.5, "items": 40, "statement": format!("{c} held")}))
            .collect();
        findings.push(serde_json::json!({"criterion": "layout.comments", "fired": false, "value": 0.0, "threshold": 0.3, "items": 40, "statement": ""}));
        if let Some(s) = share {
            findings.push(serde_json::json!({"criterion": "tone.negative_ratio", "fired": fams.contains(&"negative_ratio"), "value": s, "items": 40, "statement": ""}));
        }
        serde_json::json!({"schema": 1, "site": site, "class": "unlicensed_news_like", "score": 1.2, "flagged": !fams.is_empty(), "families": fams, "findings": findings, "counts": {}}).to_string()
    }

    fn outs(rows: &[String]) -> Vec<SiteOutput> {
        rows.iter().map(|r| parse_site_row(r).unwrap()).collect()
    }

    #[test]
    fn prf_edge_cases() {
        let mut p = Prf::default();
        p.finish();
        assert_eq!(
            (p.precision, p.recall, p.f1),
            (None, None, None),
            "no positives anywhere"
        );
        let mut p = Prf::default();
        p.add(true, false);
        p.add(false, true);
        p.finish();
        assert_eq!(
            (p.precision, p.recall, p.f1),
            (Some(0.0), Some(0.0), Some(0.0)),
            "all wrong"
        );
        let mut p = Prf::default();
        p.add(false, false);
        p.add(true, false);
        p.finish();
        assert_eq!(
            (p.precision, p.recall, p.f1),
            (None, Some(0.0), Some(0.0)),
            "nothing predicted"
        );
        let mut p = Prf::default();
        for (e, q) in [(true, true), (true, true), (true, false), (false, true), (false, false)] {
            p.add(e, q);
        }
        p.finish();
        assert_eq!((p.tp, p.fp, p.fn_, p.tn), (2, 1, 1, 1));
        assert!((p.precision.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert!((p.recall.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert!((p.f1.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn perfect_run_scores_one_and_lists_nothing() {
        let labels = vec![
            label(
                "a.vn",
                "ecosystem",
                "bao_hoa;negative_ratio",
                "identity.licence;tone.negative_ratio",
                0.6,
                40,
            ),
            label("b.vn", "compliant_aggregate", "", "", 0.05, 40),
        ];
        let o = outs(&[
            row(
                "a.vn",
                &["bao_hoa", "negative_ratio"],
                &["identity.licence", "tone.negative_ratio"],
                Some(0.6),
            ),
            row("b.vn", &[], &[], Some(0.05)),
        ]);
        let r = evaluate(&labels, &o);
        assert_eq!(r.families["bao_hoa"].f1, Some(1.0));
        assert_eq!(r.families["negative_ratio"].f1, Some(1.0));
        assert_eq!(r.criteria["identity.licence"].prf.f1, Some(1.0));
        assert!(r.criteria["identity.licence"].in_output);
        assert_eq!(r.negative_share.mae, Some(0.0));
        assert!(r.misjudged.is_empty());
        assert_eq!(r.archetypes["ecosystem"].correct, 1);
        assert_eq!(r.archetypes["ecosystem"].outcomes["bao_hoa+negative_ratio"], 1);
        assert_eq!(r.archetypes["compliant_aggregate"].outcomes["none"], 1);
    }

    #[test]
    fn errors_confusion_mae_and_missing_sites() {
        let labels = vec![
            label(
                "a.vn",
                "ecosystem",
                "bao_hoa;negative_ratio",
                "identity.licence;activity.coordinated",
                0.6,
                40,
            ),
            label("b.vn", "licensed_press", "", "", 0.2, 40),
            label("c.vn", "blog", "", "", 0.0, 10),
            label("gone.vn", "shop", "", "", 0.0, 0),
        ];
        let o = outs(&[
            row("a.vn", &["negative_ratio"], &["tone.negative_ratio"], Some(0.5)),
            row("b.vn", &["bao_hoa"], &["identity.newsroom"], Some(0.25)),
            row("c.vn", &[], &[], None),
            row("extra.vn", &[], &[], None),
        ]);
        let r = evaluate(&labels, &o);
        assert_eq!(r.missing_sites, vec!["gone.vn".to_owned()]);
        assert_eq!(r.unlabelled_sites, 1);
        let b = &r.families["bao_hoa"];
        assert_eq!((b.tp, b.fp, b.fn_, b.tn), (0, 1, 1, 2));
        assert_eq!(b.f1, Some(0.0));
        let n = &r.families["negative_ratio"];
        assert_eq!((n.tp, n.fp, n.fn_, n.tn), (1, 0, 0, 3));
        // activity.coordinated is expected but no run reports it.
        assert!(!r.criteria["activity.coordinated"].in_output);
        assert_eq!(r.criteria["activity.coordinated"].prf.fn_, 1);
        // MAE over a (0.1) and b (0.05); c has items but no measured share.
        assert!((r.negative_share.mae.unwrap() - 0.075).abs() < 1e-12);
        assert_eq!(r.negative_share.sites, 2);
        assert_eq!(r.negative_share.unmeasured, 1);
        // a, b and gone are misjudged (gone: not in the output).
        let names: Vec<&str> = r.misjudged.iter().map(|m| m.domain.as_str()).collect();
        assert_eq!(names, vec!["a.vn", "b.vn", "gone.vn"]);
        let a = &r.misjudged[0];
        assert_eq!(a.missing_criteria, vec!["activity.coordinated", "identity.licence"]);
        assert_eq!(a.extra_criteria, vec!["tone.negative_ratio"]);
        assert_eq!(a.measured_negative_share, Some(0.5));
        assert_eq!(r.archetypes["shop"].outcomes["missing"], 1);
        let text = to_text(&r);
        assert!(
            text.contains("b.vn [licensed_press] expected none; predicted bao_hoa"),
            "{text}"
        );
        assert!(text.contains("(not in the output)"), "{text}");
        let json = serde_json::to_string(&r).unwrap();
        let back: EvalReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn bad_rows_are_reported() {
        assert!(parse_site_row("{\"class\": \"other\"}").is_err());
        assert!(parse_site_row("not json").is_err());
        let o = parse_site_row("{\"site\": \"x.vn\", \"counts\": {\"negative\": 3, \"items\": 12}}").unwrap();
        assert_eq!(o.negative_share, Some(0.25));
        assert!(o.families.is_empty());
    }
}
