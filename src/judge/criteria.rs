//! The criteria of regulation.md, each measured on a site aggregate and stated with its figures.
use super::JudgeModels as Models;
use crate::domain::DomainFeatures;
use crate::page::LicenceKind;
use crate::registry::RegistryKind;
use crate::site::SiteAggregate;
use crate::stories::SiteStories;

use super::{CriteriaConfig, Evidence, Family, Finding, SiteClass, Verdict};

/// Site classes judged against the báo hóa criteria and the negative-content guidance.
pub fn is_judged(class: SiteClass) -> bool {
    matches!(
        class,
        SiteClass::LicensedAggregate
            | SiteClass::LicensedSocialNetwork
            | SiteClass::ClaimsUnregisteredLicence
            | SiteClass::UnlicensedNewsLike
    )
}

/// Judges one site: class, every criterion's finding, score and flags.
pub fn judge(agg: &SiteAggregate, stories: &SiteStories, models: &Models) -> Verdict {
    let cfg = &models.criteria;
    let name = agg.site_names.iter().next().map(String::as_str);
    let dom = crate::domain::analyse(&agg.site, name, models.domain, models.registry);
    let class = classify(agg, &dom, models);
    let judged = is_judged(class);
    let msg = &cfg.messages;
    let mut findings: Vec<Finding> = super::config::CODES
        .iter()
        .map(|code| {
            let mut f = measure(code, agg, stories, &dom, class, models);
            if let Some(c) = cfg.get(code) {
                f.group.clone_from(&c.group);
                f.family = c.family;
            }
            let name = msg.both(&format!("{code}.name"), &[]);
            (f.name, f.name_en) = (name.vi, name.en);
            let basis = msg.both(&format!("{code}.basis"), &[]);
            (f.basis, f.basis_en) = (basis.vi, basis.en);
            if !judged && f.fired {
                f.fired = false;
                let note = match class {
                    SiteClass::LicensedPress => "note.not_judged_press",
                    _ => "note.not_judged_other",
                };
                push_note(&mut f, &msg.both(note, &[]));
            }
            if !f.fired {
                f.weight = 0.0;
            }
            f
        })
        .collect();
    for f in &mut findings {
        f.value = round3(f.value);
        f.interval = f.interval.map(|(a, b)| (round3(a), round3(b)));
    }
    thin_evidence(&mut findings, agg, cfg);
    let score = round3(
        findings
            .iter()
            .filter(|f| f.fired && f.family == Family::BaoHoa)
            .fold(0.0, |a, f| a + f.weight),
    );
    let mut families = Vec::new();
    if judged && score >= cfg.settings.bao_hoa_score {
        families.push(Family::BaoHoa);
    }
    if judged && findings.iter().any(|f| f.fired && f.family == Family::NegativeRatio) {
        families.push(Family::NegativeRatio);
    }
    Verdict {
        site: agg.site.clone(),
        class,
        score,
        flagged: !families.is_empty(),
        families,
        findings,
        decision: None,
    }
}

/// Rules for thin evidence, applied after every criterion is measured:
/// - a criterion whose value meets its threshold but lacks items says so ("too few items");
/// - form signs alone (group "hình thức") flag a site only from `form_only_min_pages` pages,
///   unless it claims a press licence or imitates a licensed outlet.
fn thin_evidence(findings: &mut [Finding], agg: &SiteAggregate, cfg: &CriteriaConfig) {
    for f in findings.iter_mut() {
        let Some(c) = cfg.get(&f.criterion) else { continue };
        if f.fired || c.min_items == 0 || f.items >= c.min_items || f.criterion == "tone.negative_ratio" {
            continue;
        }
        let meets = if f.criterion == "sourcing.few_sources" {
            f.items > 0 && f.value < f.threshold
        } else {
            f.value >= f.threshold && f.value > 0.0
        };
        if meets {
            let note = cfg.messages.both(
                "note.too_few_items",
                &[("items", f.items.to_string()), ("min_items", c.min_items.to_string())],
            );
            push_note(f, &note);
        }
    }
    let fired_bao_hoa = |f: &Finding| f.fired && f.family == Family::BaoHoa;
    if !findings.iter().any(fired_bao_hoa) || agg.pages >= cfg.settings.form_only_min_pages {
        return;
    }
    let form_only = findings
        .iter()
        .filter(|f| fired_bao_hoa(f))
        .all(|f| f.group == "hình thức");
    let claim = agg.licence_pages.get(&LicenceKind::Press).is_some_and(|n| *n > 0);
    let imitates = findings.iter().any(|f| f.fired && f.criterion == "domain.lookalike");
    if !form_only || claim || imitates {
        return;
    }
    let note = cfg.messages.both(
        "note.form_only",
        &[
            ("pages", agg.pages.to_string()),
            ("min_pages", cfg.settings.form_only_min_pages.to_string()),
        ],
    );
    for f in findings.iter_mut().filter(|f| f.fired && f.family == Family::BaoHoa) {
        f.fired = false;
        f.weight = 0.0;
        push_note(f, &note);
    }
}

/// Appends a note of the judge's rules to a finding's statement, in both languages.
fn push_note(f: &mut Finding, note: &super::Both) {
    f.statement.push_str(&note.vi);
    f.statement_en.push_str(&note.en);
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The class of a site from the registries, the licence claims and whether it is news-like.
pub fn classify(agg: &SiteAggregate, dom: &DomainFeatures, models: &Models) -> SiteClass {
    // Pages whose URL is unknown belong to no site that could be judged.
    if agg.site == crate::site::UNKNOWN_SITE {
        return SiteClass::Other;
    }
    if let Some((_, kind)) = models.registry.lookup_domain(&agg.site) {
        return match kind {
            RegistryKind::Press => SiteClass::LicensedPress,
            RegistryKind::Aggregate => SiteClass::LicensedAggregate,
            RegistryKind::Social => SiteClass::LicensedSocialNetwork,
        };
    }
    if agg.licence_pages.keys().any(|k| *k != LicenceKind::None) {
        return SiteClass::ClaimsUnregisteredLicence;
    }
    if is_news_like(agg, dom, models.criteria) {
        SiteClass::UnlicensedNewsLike
    } else {
        SiteClass::Other
    }
}

/// News-like: enough article items, and something that makes them news (newspaper sections,
/// newsroom titles, a press self-label, press words or a look-alike name, or cited outlets).
pub fn is_news_like(agg: &SiteAggregate, dom: &DomainFeatures, cfg: &CriteriaConfig) -> bool {
    let press_labels: u64 = agg
        .self_label_pages
        .iter()
        .filter(|(k, _)| crate::site::is_press_label(k))
        .map(|(_, v)| v)
        .sum();
    // A stray mention on a few pages (a recipe blog quoting "tờ báo") does not make a site news-like.
    let share = |k: u64| k * 5 >= agg.pages.max(1);
    if agg.articles < cfg.settings.news_like_min_articles {
        // Few pages read as articles, but the site calls itself a newspaper or magazine on most
        // pages and its domain says so too ("Tạp chí …" on tapchi….vn): it presents itself as news.
        let presents = press_labels * 2 >= agg.pages.max(2) && (dom.press_words.is_some() || dom.lookalike.is_some());
        return agg.articles >= 1 && presents;
    }
    agg.sections.len() >= 3
        || share(agg.newsroom_pages)
        || share(press_labels)
        || dom.press_words.is_some()
        || dom.lookalike.is_some()
        || agg.attributed_articles * 3 >= agg.articles
}

fn base(code: &str, cfg: &CriteriaConfig) -> Finding {
    let c = cfg.get(code);
    Finding {
        criterion: code.to_owned(),
        name: String::new(),
        name_en: String::new(),
        group: String::new(),
        family: Family::BaoHoa,
        fired: false,
        value: 0.0,
        threshold: c.and_then(|c| c.threshold).unwrap_or(0.0),
        weight: c.map_or(0.0, |c| c.weight),
        items: 0,
        interval: None,
        statement: String::new(),
        statement_en: String::new(),
        clears: String::new(),
        clears_en: String::new(),
        basis: String::new(),
        basis_en: String::new(),
        evidence: Vec::new(),
    }
}

fn evidence(agg: &SiteAggregate, code: &str, k: usize) -> Vec<Evidence> {
    agg.evidence
        .get(code)
        .map(|s| s.iter().take(k).cloned().collect())
        .unwrap_or_default()
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn share(k: u64, n: u64) -> f64 {
    if n == 0 { 0.0 } else { k as f64 / n as f64 }
}

fn top_counts(m: &std::collections::BTreeMap<String, u64>, n: usize) -> String {
    let mut v: Vec<(&String, &u64)> = m.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .take(n)
        .map(|(k, c)| format!("{k} ×{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One placeholder's value.
fn a(k: &'static str, v: impl ToString) -> (&'static str, String) {
    (k, v.to_string())
}

/// `": list"` when the list is not empty.
fn colon_list(s: String) -> String {
    if s.is_empty() { s } else { format!(": {s}") }
}

/// Measures one criterion and states it in Vietnamese and English.
fn measure(
    code: &str,
    agg: &SiteAggregate,
    stories: &SiteStories,
    dom: &DomainFeatures,
    class: SiteClass,
    models: &Models,
) -> Finding {
    let cfg = &models.criteria;
    let msg = &cfg.messages;
    let k = cfg.settings.evidence_k;
    let mut f = base(code, cfg);
    let min_items = cfg.get(code).map_or(0, |c| c.min_items);
    let home = format!("http://{}/", agg.site);
    let items = agg.articles;
    let mut st = super::Both::default();
    let mut cl = msg.both(&format!("{code}.clears"), &[]);
    match code {
        "domain.press_words" => {
            f.items = 1;
            match &dom.press_words {
                Some(p) => {
                    f.value = f64::from(p.score);
                    let mut words: Vec<String> = Vec::new();
                    for w in &p.words {
                        let s = format!("«{}» ({})", w.word, w.matched);
                        if !words.contains(&s) {
                            words.push(s);
                        }
                    }
                    st = msg.both(
                        "domain.press_words.found",
                        &[a("words", words.join(", ")), a("score", format!("{:.2}", p.score))],
                    );
                    f.evidence.push(Evidence {
                        url: home,
                        text: words.join(", "),
                    });
                }
                None => st = msg.both("domain.press_words.none", &[a("domain", &dom.domain)]),
            }
            f.fired = f.value >= f.threshold;
        }
        "domain.lookalike" => {
            f.items = 1;
            match dom
                .lookalike
                .as_ref()
                .and_then(|l| l.matches.first().map(|m| (l.score, m)))
            {
                Some((score, m)) => {
                    f.value = f64::from(score);
                    let how = serde_json::to_value(m.how)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    for lang in super::Lang::ALL {
                        let added = if m.added.is_empty() {
                            String::new()
                        } else {
                            msg.text("domain.lookalike.added", lang, &[a("words", m.added.join(" "))])
                        };
                        let args = [
                            a("outlet", &m.outlet),
                            a("outlet_domain", &m.outlet_domain),
                            a("how", msg.text(&format!("how.{how}"), lang, &[])),
                            a("matched", &m.matched),
                            a("added", added),
                            a("score", format!("{score:.2}")),
                        ];
                        set(&mut st, lang, msg.text("domain.lookalike.found", lang, &args));
                    }
                    f.evidence.push(Evidence {
                        url: home,
                        text: format!("«{}» ({})", m.outlet, m.outlet_domain),
                    });
                }
                None => st = msg.both("domain.lookalike.none", &[]),
            }
            f.fired = f.value >= f.threshold;
        }
        "domain.locality" => {
            f.items = items;
            match dom.locality.as_ref().and_then(|l| l.places.first()) {
                Some(p) => {
                    let place = p.name.clone();
                    let neg = agg.negative_places.get(&place).copied().unwrap_or(0);
                    f.value = share(neg, items);
                    f.interval = Some(crate::tone::wilson(neg, items));
                    let fold = crate::text::normalize::fold;
                    let other_issuer = agg
                        .licences
                        .iter()
                        .map(|(_, _, i)| i.as_str())
                        .filter(|i| !i.is_empty())
                        .find(|i| fold(i).contains("so ") && !fold(i).contains(&fold(&place)));
                    for lang in super::Lang::ALL {
                        let other = other_issuer
                            .map(|i| {
                                msg.text(
                                    "domain.locality.other_issuer",
                                    lang,
                                    &[a("issuer", i), a("place", &place)],
                                )
                            })
                            .unwrap_or_default();
                        let args = [
                            a("place", &place),
                            a("neg", neg),
                            a("items", items),
                            a("pct", pct(f.value)),
                            a("other_issuer", other),
                        ];
                        set(&mut st, lang, msg.text("domain.locality.found", lang, &args));
                    }
                    f.fired = items >= min_items && items > 0 && f.value >= f.threshold;
                    f.evidence = evidence(agg, "tone.negative_ratio", k)
                        .into_iter()
                        .filter(|e| fold(&e.text).contains(&fold(&place)))
                        .collect();
                }
                None => st = msg.both("domain.locality.none", &[]),
            }
        }
        "identity.site_type" => {
            let press: u64 = agg
                .self_label_pages
                .iter()
                .filter(|(k, _)| crate::site::is_press_label(k))
                .map(|(_, v)| v)
                .sum();
            let press = press.min(agg.pages);
            f.items = agg.pages;
            f.value = share(press, agg.pages);
            let stated = [
                ("aggregate", "licence_kind.aggregate"),
                ("social_network", "licence_kind.social_network"),
            ]
            .iter()
            .filter(|(k, _)| agg.self_label_pages.contains_key(*k))
            .map(|(_, key)| *key)
            .collect::<Vec<_>>();
            for lang in super::Lang::ALL {
                let label = if stated.is_empty() {
                    msg.text("identity.site_type.label_missing", lang, &[])
                } else {
                    let labels: Vec<String> = stated.iter().map(|key| msg.text(key, lang, &[])).collect();
                    msg.text(
                        "identity.site_type.label_found",
                        lang,
                        &[a("labels", labels.join(", "))],
                    )
                };
                let args = [
                    a("press", press),
                    a("pages", agg.pages),
                    a("pct", pct(f.value)),
                    a("label", label),
                ];
                set(&mut st, lang, msg.text("identity.site_type.statement", lang, &args));
            }
            f.fired = agg.pages >= min_items.max(1) && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
        }
        "identity.newsroom" => {
            f.items = agg.pages;
            f.value = share(agg.newsroom_pages, agg.pages);
            let args = [
                a("n", agg.newsroom_pages),
                a("pages", agg.pages),
                a("pct", pct(f.value)),
                a("titles", colon_list(top_counts(&agg.newsroom_titles, 4))),
            ];
            st = msg.both("identity.newsroom.statement", &args);
            f.fired = agg.pages >= min_items.max(1) && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
        }
        "identity.licence" => {
            f.items = agg.pages;
            let claimed: u64 = agg.licence_pages.values().sum();
            let press_claims = agg.licence_pages.get(&LicenceKind::Press).copied().unwrap_or(0);
            let in_press = models.registry.is_press_domain(&agg.site);
            let numbers = |lang| -> Vec<String> {
                agg.licences
                    .iter()
                    .filter(|(_, n, _)| !n.is_empty())
                    .take(3)
                    .map(|(kind, n, issuer)| {
                        let kind = serde_json::to_value(kind)
                            .ok()
                            .and_then(|v| v.as_str().map(|k| msg.text(&format!("licence_kind.{k}"), lang, &[])))
                            .unwrap_or_default();
                        if issuer.is_empty() {
                            format!("{n} ({kind})")
                        } else {
                            format!("{n} ({kind}, {issuer})")
                        }
                    })
                    .collect()
            };
            for lang in super::Lang::ALL {
                let nums = numbers(lang);
                let (key, clears, args) = if press_claims > 0 && !in_press {
                    let list = if nums.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", nums.join("; "))
                    };
                    (
                        "identity.licence.claim",
                        "identity.licence.claim_clears",
                        vec![
                            a("claims", press_claims),
                            a("pages", agg.pages),
                            a("numbers", list),
                            a("site", &agg.site),
                        ],
                    )
                } else if claimed == 0 && agg.pages > 0 {
                    (
                        "identity.licence.no_line",
                        "identity.licence.no_line_clears",
                        vec![a("pages", agg.pages)],
                    )
                } else {
                    (
                        "identity.licence.shown",
                        "identity.licence.shown_clears",
                        vec![
                            a("claimed", claimed),
                            a("pages", agg.pages),
                            a("numbers", colon_list(nums.join("; "))),
                        ],
                    )
                };
                set(&mut st, lang, msg.text(key, lang, &args));
                set(&mut cl, lang, msg.text(clears, lang, &[]));
            }
            let claims_press = press_claims > 0 && !in_press;
            let no_line = claimed == 0 && agg.pages > 0 && matches!(class, SiteClass::UnlicensedNewsLike);
            if claims_press || no_line {
                f.value = 1.0;
            }
            f.fired = agg.pages >= min_items.max(1) && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
        }
        "layout.comments" => {
            f.items = items;
            f.value = share(agg.comment_articles, items);
            let args = [
                a("n", agg.comment_articles),
                a("items", items),
                a("pct", pct(f.value)),
                a("kinds", colon_list(top_counts(&agg.comment_kinds, 3))),
            ];
            st = msg.both("layout.comments.statement", &args);
            f.fired = items >= min_items && items > 0 && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
        }
        "layout.sections" => {
            f.items = agg.menu_pages;
            f.value = agg.sections.len() as f64;
            // The class comes from the registry or a licence line, never from a "Mạng xã hội" notice.
            if class == SiteClass::LicensedSocialNetwork
                || agg
                    .licence_pages
                    .get(&LicenceKind::SocialNetwork)
                    .is_some_and(|n| *n > 0)
            {
                let factor = cfg.get(code).and_then(|c| c.social_network_factor).unwrap_or(1.0);
                f.weight *= factor;
            }
            let names: Vec<&str> = agg.sections.keys().map(String::as_str).collect();
            st = if names.is_empty() {
                msg.both("layout.sections.empty", &[a("pages", agg.menu_pages)])
            } else {
                let args = [
                    a("n", names.len()),
                    a("pages", agg.menu_pages),
                    a("names", names.join(", ")),
                ];
                msg.both("layout.sections.statement", &args)
            };
            f.fired = agg.menu_pages >= min_items.max(1) && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
        }
        "sourcing.attribution" => {
            let missing = items.saturating_sub(agg.attributed_articles);
            f.items = items;
            f.value = share(missing, items);
            f.interval = Some(crate::tone::wilson(missing, items));
            for lang in super::Lang::ALL {
                let compiled = if agg.compiled_articles > 0 {
                    msg.text("sourcing.attribution.compiled", lang, &[a("n", agg.compiled_articles)])
                } else {
                    String::new()
                };
                let args = [
                    a("missing", missing),
                    a("items", items),
                    a("pct", pct(f.value)),
                    a("compiled", compiled),
                ];
                set(&mut st, lang, msg.text("sourcing.attribution.statement", lang, &args));
            }
            f.fired = items >= min_items && items > 0 && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
        }
        "sourcing.self_produced" => {
            f.items = items;
            f.value = share(agg.self_produced_articles, items);
            f.interval = Some(crate::tone::wilson(agg.self_produced_articles, items));
            let args = [
                a("n", agg.self_produced_articles),
                a("items", items),
                a("pct", pct(f.value)),
            ];
            st = msg.both("sourcing.self_produced.statement", &args);
            f.fired = items >= min_items && items > 0 && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
        }
        "sourcing.few_sources" => {
            let outlets: Vec<&String> = agg.cited_outlets.iter().collect();
            let press = outlets
                .iter()
                .filter(|o| {
                    models.registry.is_press_domain(o)
                        || models
                            .registry
                            .outlet_by_name(o)
                            .is_some_and(|x| x.kind == RegistryKind::Press)
                })
                .count();
            f.items = items;
            f.value = outlets.len() as f64;
            let list = outlets
                .iter()
                .take(6)
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let args = [
                a("n", outlets.len()),
                a("items", items),
                a("press", press),
                a("list", colon_list(list)),
            ];
            st = msg.both("sourcing.few_sources.statement", &args);
            f.fired = items >= min_items && items > 0 && f.value < f.threshold;
            cl = msg.both("sourcing.few_sources.clears", &[a("min", f.threshold)]);
        }
        "tone.negative_ratio" => {
            let s = &models.tone.settings;
            let model_error = if s.model_error_in_interval {
                models.tone.learned.meta.negative.share_error
            } else {
                0.0
            };
            let r = crate::tone::ratio_with_model_error(agg.negative, items, s, model_error);
            f.items = items;
            f.value = r.share;
            f.threshold = s.threshold;
            f.interval = Some((r.low, r.high));
            for lang in super::Lang::ALL {
                let few = if r.enough_items {
                    String::new()
                } else {
                    msg.text("tone.negative_ratio.few", lang, &[a("min_items", s.min_items)])
                };
                let cats = if agg.negative_categories.is_empty() {
                    String::new()
                } else {
                    format!("; {}", top_counts(&agg.negative_categories, 4))
                };
                let args = [
                    a("pct", pct(r.share)),
                    a("low", pct(r.low)),
                    a("high", pct(r.high)),
                    a("items", items),
                    a("neg", agg.negative),
                    a("threshold", pct(s.threshold)),
                    a("few", few),
                    a("cats", cats),
                ];
                set(&mut st, lang, msg.text("tone.negative_ratio.statement", lang, &args));
            }
            f.fired = r.exceeded;
            f.evidence = evidence(agg, code, k);
            cl = msg.both("tone.negative_ratio.clears", &[a("threshold", pct(s.threshold))]);
        }
        "tone.sensational" => {
            f.items = items;
            f.value = share(agg.sensational, items);
            f.interval = Some(crate::tone::wilson(agg.sensational, items));
            let args = [a("n", agg.sensational), a("items", items), a("pct", pct(f.value))];
            st = msg.both("tone.sensational.statement", &args);
            f.fired = items >= min_items && items > 0 && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
        }
        "sourcing.fast_repost" => {
            let stc = &cfg.stories;
            f.items = items;
            f.value = share(stories.non_compliant, items);
            f.interval = Some(crate::tone::wilson(stories.non_compliant.min(items), items));
            if stories.press_reposts == 0 {
                st = msg.both("sourcing.fast_repost.none", &[a("items", items)]);
            } else {
                for lang in super::Lang::ALL {
                    let crawl = if stories.crawl_timed > 0 {
                        msg.text("sourcing.fast_repost.crawl", lang, &[a("n", stories.crawl_timed)])
                    } else {
                        String::new()
                    };
                    let args = [
                        a("n", stories.non_compliant),
                        a("items", items),
                        a("pct", pct(f.value)),
                        a("lag", stc.min_lag_minutes),
                        a("fast", stories.fast),
                        a("uncited", stories.uncited),
                        a("reposts", stories.press_reposts),
                        a("crawl", crawl),
                    ];
                    set(&mut st, lang, msg.text("sourcing.fast_repost.found", lang, &args));
                }
            }
            f.fired = items >= min_items && items > 0 && f.value >= f.threshold;
            f.evidence = stories.repost_examples.iter().take(k).cloned().collect();
            cl = msg.both("sourcing.fast_repost.clears", &[a("lag", stc.min_lag_minutes)]);
        }
        "activity.coordinated" => {
            let stc = &cfg.stories;
            match &stories.group {
                Some(g) => {
                    f.items = g.site_shared;
                    f.value = g.sites.len() as f64;
                    let others: Vec<&str> = g.sites.iter().map(String::as_str).filter(|s| *s != agg.site).collect();
                    for lang in super::Lang::ALL {
                        let targets = if g.targets.is_empty() {
                            String::new()
                        } else {
                            let t: Vec<String> = g.targets.iter().map(|(n, c)| format!("{n} ×{c}")).collect();
                            msg.text("activity.coordinated.targets", lang, &[a("list", t.join(", "))])
                        };
                        let operators = if g.operators.is_empty() {
                            String::new()
                        } else {
                            let o: Vec<String> = g
                                .operators
                                .iter()
                                .map(|o| {
                                    let with: Vec<&str> =
                                        o.sites.iter().map(String::as_str).filter(|s| *s != agg.site).collect();
                                    format!("{} ({})", o.fingerprint, with.join(", "))
                                })
                                .collect();
                            msg.text("activity.coordinated.operators", lang, &[a("list", o.join("; "))])
                        };
                        let args = [
                            a("group", &g.group),
                            a("sites", g.sites.len()),
                            a("others", others.join(", ")),
                            a("shared", g.shared),
                            a("hours", stc.window_hours),
                            a("here", g.site_shared),
                            a("neg", pct(g.negative_share)),
                            a("targets", targets),
                            a("operators", operators),
                        ];
                        set(&mut st, lang, msg.text("activity.coordinated.found", lang, &args));
                    }
                    f.evidence = g.examples.iter().take(k).cloned().collect();
                }
                None => {
                    let args = [
                        a("min_sites", stc.min_group_sites),
                        a("min_shared", stc.min_shared_stories),
                        a("hours", stc.window_hours),
                    ];
                    st = msg.both("activity.coordinated.none", &args);
                }
            }
            f.fired = f.items >= min_items && f.value >= f.threshold;
        }
        _ => {
            st = super::Both {
                vi: "tiêu chí không xác định".into(),
                en: "unknown criterion".into(),
            }
        }
    }
    (f.statement, f.statement_en) = (st.vi, st.en);
    (f.clears, f.clears_en) = (cl.vi, cl.en);
    f
}

/// Sets one language of a text.
fn set(b: &mut super::Both, lang: super::Lang, text: String) {
    match lang {
        super::Lang::Vi => b.vi = text,
        super::Lang::En => b.en = text,
    }
}
