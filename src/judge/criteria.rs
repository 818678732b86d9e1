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
    let mut findings: Vec<Finding> = super::config::CODES
        .iter()
        .map(|code| {
            let mut f = measure(code, agg, stories, &dom, class, models);
            if let Some(c) = cfg.get(code) {
                f.group.clone_from(&c.group);
                f.family = c.family;
                f.basis.clone_from(&c.basis);
            }
            if !judged && f.fired {
                f.fired = false;
                f.statement.push_str(match class {
                    SiteClass::LicensedPress => " (not judged: licensed press agency, exempt)",
                    _ => " (not judged: the site is not news-like)",
                });
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
        if meets && !f.statement.contains("too few items") {
            f.statement.push_str(&format!(
                " — not fired: too few items ({} of {} min_items)",
                f.items, c.min_items
            ));
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
    for f in findings.iter_mut().filter(|f| f.fired && f.family == Family::BaoHoa) {
        f.fired = false;
        f.weight = 0.0;
        f.statement.push_str(&format!(
            " — not counted: form signs seen on {} page(s) only; a flag from form signs alone needs {} pages (settings.form_only_min_pages)",
            agg.pages, cfg.settings.form_only_min_pages
        ));
    }
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
        group: String::new(),
        family: Family::BaoHoa,
        fired: false,
        value: 0.0,
        threshold: c.and_then(|c| c.threshold).unwrap_or(0.0),
        weight: c.map_or(0.0, |c| c.weight),
        items: 0,
        interval: None,
        statement: String::new(),
        clears: String::new(),
        basis: String::new(),
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

/// Measures one criterion.
fn measure(
    code: &str,
    agg: &SiteAggregate,
    stories: &SiteStories,
    dom: &DomainFeatures,
    class: SiteClass,
    models: &Models,
) -> Finding {
    let cfg = &models.criteria;
    let k = cfg.settings.evidence_k;
    let mut f = base(code, cfg);
    let min_items = cfg.get(code).map_or(0, |c| c.min_items);
    let home = format!("http://{}/", agg.site);
    let items = agg.articles;
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
                    f.statement = format!("press words in the name: {} (score {:.2})", words.join(", "), p.score);
                    f.evidence.push(Evidence {
                        url: home,
                        text: words.join(", "),
                    });
                }
                None => f.statement = format!("no press word in {}", dom.domain),
            }
            f.fired = f.value >= f.threshold;
            f.clears = "a domain and site name without press words (báo, tạp chí, tin tức, news, times…)".into();
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
                    let added = if m.added.is_empty() {
                        String::new()
                    } else {
                        format!(", added words: {}", m.added.join(" "))
                    };
                    let how = serde_json::to_value(m.how)
                        .ok()
                        .and_then(|v| v.as_str().map(|h| h.replace('_', " ")))
                        .unwrap_or_default();
                    f.statement = format!(
                        "looks like the licensed outlet {} ({}): {how} on \"{}\"{added} (similarity {:.2})",
                        m.outlet, m.outlet_domain, m.matched, score
                    );
                    f.evidence.push(Evidence {
                        url: home,
                        text: format!("imitates «{}» ({})", m.outlet, m.outlet_domain),
                    });
                }
                None => f.statement = "no licensed outlet's name or domain is imitated".into(),
            }
            f.fired = f.value >= f.threshold;
            f.clears = "a name and domain not confusable with a licensed press agency".into();
        }
        "domain.locality" => {
            f.items = items;
            match dom.locality.as_ref().and_then(|l| l.places.first()) {
                Some(p) => {
                    let place = p.name.clone();
                    let neg = agg.negative_places.get(&place).copied().unwrap_or(0);
                    f.value = share(neg, items);
                    f.interval = Some(crate::tone::wilson(neg, items));
                    let issuers: Vec<&str> = agg
                        .licences
                        .iter()
                        .map(|(_, _, i)| i.as_str())
                        .filter(|i| !i.is_empty())
                        .collect();
                    let fold = crate::text::normalize::fold;
                    let other_issuer = issuers
                        .iter()
                        .find(|i| fold(i).contains("so ") && !fold(i).contains(&fold(&place)))
                        .map(|i| format!("; licence issued by {i}, not by {place}"))
                        .unwrap_or_default();
                    f.statement = format!(
                        "the domain names {place}; {neg} of {items} items are negative news naming {place} ({}){other_issuer}",
                        pct(f.value)
                    );
                    f.fired = items >= min_items && items > 0 && f.value >= f.threshold;
                    f.evidence = evidence(agg, "tone.negative_ratio", k)
                        .into_iter()
                        .filter(|e| {
                            crate::text::normalize::fold(&e.text).contains(&crate::text::normalize::fold(&place))
                        })
                        .collect();
                }
                None => f.statement = "no province or city name in the domain".into(),
            }
            f.clears = "a domain without a locality name, or balanced news about that locality".into();
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
            let stated = ["aggregate", "social_network"]
                .iter()
                .filter(|k| agg.self_label_pages.contains_key(**k))
                .copied()
                .collect::<Vec<_>>();
            f.statement = format!(
                "{press} of {} pages call the site a newspaper, magazine or forum ({}); site-type label {}",
                agg.pages,
                pct(f.value),
                if stated.is_empty() {
                    "\"Trang thông tin điện tử tổng hợp\"/\"Mạng xã hội\" not found".to_string()
                } else {
                    format!("found: {}", stated.join(", "))
                }
            );
            f.fired = agg.pages >= min_items.max(1) && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
            f.clears =
                "a header that says \"Trang thông tin điện tử tổng hợp\" or \"Mạng xã hội\" and no press self-label"
                    .into();
        }
        "identity.newsroom" => {
            f.items = agg.pages;
            f.value = share(agg.newsroom_pages, agg.pages);
            f.statement = format!(
                "{} of {} pages show newsroom titles ({}){}",
                agg.newsroom_pages,
                agg.pages,
                pct(f.value),
                if agg.newsroom_titles.is_empty() {
                    String::new()
                } else {
                    format!(": {}", top_counts(&agg.newsroom_titles, 4))
                }
            );
            f.fired = agg.pages >= min_items.max(1) && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
            f.clears = "no Tòa soạn / Tổng biên tập / Ban phóng viên on the site".into();
        }
        "identity.licence" => {
            f.items = agg.pages;
            let claimed: u64 = agg.licence_pages.values().sum();
            let press_claims = agg.licence_pages.get(&LicenceKind::Press).copied().unwrap_or(0);
            let in_press = models.registry.is_press_domain(&agg.site);
            let numbers: Vec<String> = agg
                .licences
                .iter()
                .filter(|(_, n, _)| !n.is_empty())
                .take(3)
                .map(|(kind, n, issuer)| {
                    let kind = serde_json::to_value(kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    if issuer.is_empty() {
                        format!("{n} ({kind})")
                    } else {
                        format!("{n} ({kind}, {issuer})")
                    }
                })
                .collect();
            if press_claims > 0 && !in_press {
                f.value = 1.0;
                f.statement = format!(
                    "{press_claims} of {} pages claim a press licence{} but {} is not in the press registry",
                    agg.pages,
                    if numbers.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", numbers.join("; "))
                    },
                    agg.site
                );
                f.clears =
                    "remove the press-licence claim, or add the site to the press registry if it is licensed".into();
            } else if claimed == 0 && agg.pages > 0 {
                f.value = if matches!(class, SiteClass::UnlicensedNewsLike) {
                    1.0
                } else {
                    0.0
                };
                f.statement = format!("no licence line on any of {} pages", agg.pages);
                f.clears = "a footer licence line (số giấy phép, ngày cấp, cơ quan cấp)".into();
            } else {
                f.statement = format!(
                    "{claimed} of {} pages show a licence line{}",
                    agg.pages,
                    if numbers.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", numbers.join("; "))
                    }
                );
                f.clears = "(nothing to clear)".into();
            }
            f.fired = agg.pages >= min_items.max(1) && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
        }
        "layout.comments" => {
            f.items = items;
            f.value = share(agg.comment_articles, items);
            f.statement = format!(
                "{} of {items} article items have a reader-comment widget ({}){}",
                agg.comment_articles,
                pct(f.value),
                if agg.comment_kinds.is_empty() {
                    String::new()
                } else {
                    format!(": {}", top_counts(&agg.comment_kinds, 3))
                }
            );
            f.fired = items >= min_items && items > 0 && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
            f.clears = "no reader comments on aggregated items".into();
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
            f.statement = format!(
                "{} newspaper sections in the main menu (on {} pages): {}",
                names.len(),
                agg.menu_pages,
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            );
            f.fired = agg.menu_pages >= min_items.max(1) && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
            f.clears = "no fixed newspaper-style section menu".into();
        }
        "sourcing.attribution" => {
            let missing = items.saturating_sub(agg.attributed_articles);
            f.items = items;
            f.value = share(missing, items);
            f.interval = Some(crate::tone::wilson(missing, items));
            f.statement = format!(
                "{missing} of {items} article items cite no source outlet or original link ({}){}",
                pct(f.value),
                if agg.compiled_articles > 0 {
                    format!("; {} only say \"Tổng hợp\"", agg.compiled_articles)
                } else {
                    String::new()
                }
            );
            f.fired = items >= min_items && items > 0 && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
            f.clears =
                "every item cites its press source (\"Theo …\"/\"Nguồn: …\"), the original time and a link".into();
        }
        "sourcing.self_produced" => {
            f.items = items;
            f.value = share(agg.self_produced_articles, items);
            f.interval = Some(crate::tone::wilson(agg.self_produced_articles, items));
            f.statement = format!(
                "{} of {items} article items show own reporting: staff bylines (PV, Phóng viên), genre labels (Phóng sự, Điều tra…) or reporter-was-there phrases ({})",
                agg.self_produced_articles,
                pct(f.value)
            );
            f.fired = items >= min_items && items > 0 && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
            f.clears = "no self-produced reporting: only attributed items from press agencies".into();
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
            f.statement = format!(
                "{} distinct outlets cited over {items} items ({press} in the press registry){}",
                outlets.len(),
                if outlets.is_empty() {
                    String::new()
                } else {
                    format!(
                        ": {}",
                        outlets
                            .iter()
                            .take(6)
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            );
            f.fired = items >= min_items && items > 0 && f.value < f.threshold;
            f.clears = format!("items drawn from at least {} press agencies", f.threshold);
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
            f.statement = format!(
                "negative {} [{}, {}] of {items} items ({} negative), guidance {}{}{}",
                pct(r.share),
                pct(r.low),
                pct(r.high),
                agg.negative,
                pct(s.threshold),
                if r.enough_items {
                    String::new()
                } else {
                    format!("; fewer than {} items, not judged", s.min_items)
                },
                if agg.negative_categories.is_empty() {
                    String::new()
                } else {
                    format!("; {}", top_counts(&agg.negative_categories, 4))
                }
            );
            f.fired = r.exceeded;
            f.evidence = evidence(agg, code, k);
            f.clears = format!("negative items under {} of items", pct(s.threshold));
        }
        "tone.sensational" => {
            f.items = items;
            f.value = share(agg.sensational, items);
            f.interval = Some(crate::tone::wilson(agg.sensational, items));
            f.statement = format!(
                "{} of {items} titles use shock framing ({})",
                agg.sensational,
                pct(f.value)
            );
            f.fired = items >= min_items && items > 0 && f.value >= f.threshold;
            f.evidence = evidence(agg, code, k);
            f.clears = "titles without shock framing (sốc, kinh hoàng, rùng mình…)".into();
        }
        "sourcing.fast_repost" => {
            let st = &cfg.stories;
            f.items = items;
            f.value = share(stories.non_compliant, items);
            f.interval = Some(crate::tone::wilson(stories.non_compliant.min(items), items));
            let crawl = if stories.crawl_timed > 0 {
                format!(
                    "; {} dựa trên giờ thu thập, độ tin cậy thấp hơn — {} rest on crawl times only (lower confidence)",
                    stories.crawl_timed, stories.crawl_timed
                )
            } else {
                String::new()
            };
            f.statement = if stories.press_reposts == 0 {
                format!(
                    "không bài nào trong {items} bài đăng lại tin của cơ quan báo chí có trong lần quét — none of {items} items re-posts a licensed press item found in the crawl"
                )
            } else {
                format!(
                    "{} trong {items} bài ({}) đăng lại tin báo chí trước {} phút hoặc không dẫn nguồn ({} sớm, {} không dẫn nguồn, trên {} bài đăng lại) — {} of {items} items ({}) re-post a licensed press item less than {} min after it or without citing it ({} early, {} uncited, of {} re-posts){crawl}",
                    stories.non_compliant,
                    pct(f.value),
                    st.min_lag_minutes,
                    stories.fast,
                    stories.uncited,
                    stories.press_reposts,
                    stories.non_compliant,
                    pct(f.value),
                    st.min_lag_minutes,
                    stories.fast,
                    stories.uncited,
                    stories.press_reposts
                )
            };
            f.fired = items >= min_items && items > 0 && f.value >= f.threshold;
            f.evidence = stories.repost_examples.iter().take(k).cloned().collect();
            f.clears = format!(
                "re-post press items at least {} min after the original, citing it (Decree 147)",
                st.min_lag_minutes
            );
        }
        "activity.coordinated" => {
            let st = &cfg.stories;
            match &stories.group {
                Some(g) => {
                    f.items = g.site_shared;
                    f.value = g.sites.len() as f64;
                    let others: Vec<&str> = g.sites.iter().map(String::as_str).filter(|s| *s != agg.site).collect();
                    let targets = if g.targets.is_empty() {
                        String::new()
                    } else {
                        let t: Vec<String> = g.targets.iter().map(|(n, c)| format!("{n} ×{c}")).collect();
                        format!("; nhắm vào — naming most often: {}", t.join(", "))
                    };
                    f.statement = format!(
                        "thuộc nhóm {} gồm {} trang cùng đăng {} tin giống nhau trong vòng {} giờ (trang này: {}), {} tiêu cực — in group {} of {} sites ({}) publishing {} same stories within {} h ({} here), {} negative{targets}",
                        g.group,
                        g.sites.len(),
                        g.shared,
                        st.window_hours,
                        g.site_shared,
                        pct(g.negative_share),
                        g.group,
                        g.sites.len(),
                        others.join(", "),
                        g.shared,
                        st.window_hours,
                        g.site_shared,
                        pct(g.negative_share)
                    );
                    f.evidence = g.examples.iter().take(k).cloned().collect();
                }
                None => {
                    f.statement = format!(
                        "không thuộc nhóm trang nào cùng đăng đồng loạt (≥ {} trang, ≥ {} tin chung trong {} giờ) — in no group of ≥ {} sites sharing ≥ {} stories within {} h",
                        st.min_group_sites,
                        st.min_shared_stories,
                        st.window_hours,
                        st.min_group_sites,
                        st.min_shared_stories,
                        st.window_hours
                    )
                }
            }
            f.fired = f.items >= min_items && f.value >= f.threshold;
            f.clears = "no longer publishing the same stories as a group of sites at the same time".into();
        }
        _ => f.statement = "unknown criterion".into(),
    }
    f
}
