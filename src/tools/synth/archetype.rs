//! Site archetypes of a synthetic corpus and how many of each a corpus of N sites gets.
use serde::{Deserialize, Serialize};

/// What kind of site a generated site is (its ground truth).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Archetype {
    /// A press outlet in the press registry (exempt).
    LicensedPress,
    /// A licensed aggregate site that follows the rules.
    CompliantAggregate,
    /// A licensed aggregate site with a newsroom masthead and press words in its domain.
    MastheadAggregate,
    /// A look-alike of a registry outlet, claiming a press licence.
    LookalikePress,
    /// A form-compliant aggregate site with a high negative share and sensational titles.
    NegativeAggregate,
    /// A compliant aggregate site with 10–14% negative items.
    NearLineUnder,
    /// A compliant aggregate site just over the 15% guidance.
    NearLineOver,
    /// A licensed social network with newspaper sections and staff bylines.
    SocialNewspaper,
    /// One of several unlicensed sites re-publishing the same negative stories.
    Ecosystem,
    /// A site named after a province, writing negatively about it.
    LocalityNegative,
    /// An English-language news-like site (licensed aggregate).
    EnglishNews,
    /// A licensed aggregate copying press items of the crawl within minutes, often without citing them.
    FastRepost,
    /// A licensed aggregate re-posting press items at least an hour later, citing the outlet it copies.
    CompliantReposter,
    Blog,
    Shop,
    Company,
}

/// Every archetype with its share of a corpus, per mille (sums to 1000).
pub const MIX: &[(Archetype, u32)] = &[
    (Archetype::LicensedPress, 120),
    (Archetype::CompliantAggregate, 90),
    (Archetype::MastheadAggregate, 80),
    (Archetype::LookalikePress, 50),
    (Archetype::NegativeAggregate, 80),
    (Archetype::NearLineUnder, 60),
    (Archetype::NearLineOver, 60),
    (Archetype::SocialNewspaper, 40),
    (Archetype::Ecosystem, 80),
    (Archetype::LocalityNegative, 50),
    (Archetype::EnglishNews, 40),
    (Archetype::FastRepost, 50),
    (Archetype::CompliantReposter, 50),
    (Archetype::Blog, 60),
    (Archetype::Shop, 50),
    (Archetype::Company, 40),
];

impl Archetype {
    pub fn as_str(self) -> &'static str {
        match self {
            Archetype::LicensedPress => "licensed_press",
            Archetype::CompliantAggregate => "compliant_aggregate",
            Archetype::MastheadAggregate => "masthead_aggregate",
            Archetype::LookalikePress => "lookalike_press",
            Archetype::NegativeAggregate => "negative_aggregate",
            Archetype::NearLineUnder => "near_line_under",
            Archetype::NearLineOver => "near_line_over",
            Archetype::SocialNewspaper => "social_newspaper",
            Archetype::Ecosystem => "ecosystem",
            Archetype::LocalityNegative => "locality_negative",
            Archetype::EnglishNews => "english_news",
            Archetype::FastRepost => "fast_repost",
            Archetype::CompliantReposter => "compliant_reposter",
            Archetype::Blog => "blog",
            Archetype::Shop => "shop",
            Archetype::Company => "company",
        }
    }

    /// Whether the site publishes news (articles, sections); blogs, shops and company sites do not.
    pub fn news_like(self) -> bool {
        !matches!(self, Archetype::Blog | Archetype::Shop | Archetype::Company)
    }
}

/// How many sites of each archetype a corpus of `n` sites gets: shares by largest remainder,
/// every archetype at least once and ecosystems in a group of at least 3 when `n >= MIX.len() + 2`.
pub fn quotas(n: usize) -> Vec<(Archetype, usize)> {
    let mut q: Vec<(Archetype, usize, u64)> = MIX
        .iter()
        .map(|&(a, w)| {
            let exact = n as u64 * u64::from(w);
            (a, (exact / 1000) as usize, exact % 1000)
        })
        .collect();
    let left = n.saturating_sub(q.iter().map(|x| x.1).sum::<usize>());
    let mut order: Vec<usize> = (0..q.len()).collect();
    order.sort_by(|&a, &b| q[b].2.cmp(&q[a].2).then(a.cmp(&b)));
    for &i in order.iter().cycle().take(left) {
        q[i].1 += 1;
    }
    if n >= MIX.len() + 2 {
        // Every archetype present; ecosystems need 3 members. Take from the largest.
        for i in 0..q.len() {
            let need = if q[i].0 == Archetype::Ecosystem { 3 } else { 1 };
            while q[i].1 < need {
                let Some(j) = (0..q.len())
                    .filter(|&j| j != i)
                    .max_by_key(|&j| (q[j].1, usize::MAX - j))
                else {
                    break;
                };
                if q[j].1 <= 1 {
                    break;
                }
                q[j].1 -= 1;
                q[i].1 += 1;
            }
        }
    }
    q.into_iter().map(|(a, c, _)| (a, c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_sum_to_n_and_cover_every_archetype() {
        assert_eq!(MIX.iter().map(|x| x.1).sum::<u32>(), 1000);
        for n in [0, 1, 5, 16, 18, 20, 40, 100, 1000, 12345] {
            let q = quotas(n);
            assert_eq!(q.iter().map(|x| x.1).sum::<usize>(), n, "n = {n}");
            if n >= MIX.len() + 2 {
                assert!(q.iter().all(|x| x.1 >= 1), "{q:?}");
                assert!(q.iter().any(|x| x.0 == Archetype::Ecosystem && x.1 >= 3), "{q:?}");
            }
        }
    }
}
