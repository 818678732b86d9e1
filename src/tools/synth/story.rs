//! Article items: headline, lead and body from the templates, with the polarity decided up front.
use super::rng::Rng;
use super::vocab::Vocab;
use crate::text::normalize::fold;

/// One generated news story (before a site puts its byline, source and layout around it).
#[derive(Debug, Clone)]
pub struct Story {
    pub title: String,
    pub sapo: String,
    pub paragraphs: Vec<String>,
    pub topic: String,
    pub negative: bool,
}

/// A story of the given polarity. `province` fills `{tinh}`; English sites get English text.
pub fn story(vocab: &Vocab, r: &mut Rng, negative: bool, province: &str, english: bool) -> Story {
    if english {
        return english_story(vocab, r, negative);
    }
    let pool: Vec<_> = vocab.titles.iter().filter(|t| t.negative == negative).collect();
    let Some(t) = r.pick(&pool) else {
        return Story {
            title: String::new(),
            sapo: String::new(),
            paragraphs: Vec::new(),
            topic: String::new(),
            negative,
        };
    };
    let title = vocab.fill(r, &t.text, province);
    let sentences = vocab.bodies.get(&t.topic).map_or(&[][..], Vec::as_slice);
    // Each sentence at most once; a few topic-free sentences make bodies longer and less alike.
    let n = (r.range(3, 5) as usize).min(sentences.len());
    let mut filled: Vec<String> = Vec::with_capacity(n + 2);
    for i in r.sample(sentences.len(), n) {
        if let Some(s) = sentences.get(i) {
            filled.push(vocab.fill(r, s, province));
        }
    }
    let generic = vocab.bodies.get("chung").map_or(&[][..], Vec::as_slice);
    let extra = r.below(3) as usize;
    for i in r.sample(generic.len(), extra) {
        if let Some(s) = generic.get(i) {
            let at = 1 + r.below(filled.len() as u64) as usize;
            filled.insert(at.min(filled.len()), vocab.fill(r, s, province));
        }
    }
    let sapo = filled.first().cloned().unwrap_or_default();
    let mut paragraphs = Vec::new();
    let mut i = 1;
    while i < filled.len() {
        let take = if r.chance(0.5) { 2 } else { 1 };
        let end = (i + take).min(filled.len());
        paragraphs.push(filled[i..end].join(" "));
        i = end;
    }
    paragraphs.extend(own_sentences(&vocab.filler, r));
    Story {
        title,
        sapo,
        paragraphs,
        topic: t.topic.clone(),
        negative,
    }
}

/// Two paragraphs of neutral words drawn at random: real articles differ in their wording, template
/// sentences do not, and the story join must find copies, not shared templates.
fn own_sentences(filler: &[String], r: &mut Rng) -> Vec<String> {
    if filler.is_empty() {
        return Vec::new();
    }
    (0..2)
        .map(|_| {
            let n = r.range(20, 28) as usize;
            let mut words: Vec<&str> = (0..n).filter_map(|_| r.pick(filler).map(String::as_str)).collect();
            let mut s = String::new();
            for (k, w) in words.drain(..).enumerate() {
                if k == 0 {
                    let mut c = w.chars();
                    if let Some(f) = c.next() {
                        s.extend(f.to_uppercase());
                        s.push_str(c.as_str());
                    }
                } else {
                    s.push(if k % 9 == 0 { ',' } else { ' ' });
                    if k % 9 == 0 {
                        s.push(' ');
                    }
                    s.push_str(w);
                }
            }
            s.push('.');
            s
        })
        .collect()
}

fn english_story(vocab: &Vocab, r: &mut Rng, negative: bool) -> Story {
    let titles: Vec<&String> = vocab
        .english
        .iter()
        .filter(|(n, t, _)| *n == negative && *t)
        .map(|x| &x.2)
        .collect();
    let bodies: Vec<&String> = vocab
        .english
        .iter()
        .filter(|(n, t, _)| *n == negative && !*t)
        .map(|x| &x.2)
        .collect();
    let title = r.pick(&titles).map(|t| vocab.fill(r, t, "")).unwrap_or_default();
    let mut paragraphs: Vec<String> = r
        .sample(bodies.len(), 4)
        .into_iter()
        .filter_map(|i| bodies.get(i).map(|s| (*s).clone()))
        .collect();
    let sapo = paragraphs.first().cloned().unwrap_or_default();
    if paragraphs.len() > 1 {
        paragraphs.remove(0);
    }
    paragraphs.extend(own_sentences(&vocab.filler_en, r));
    Story {
        title,
        sapo,
        paragraphs,
        topic: if negative { "news".into() } else { "life".into() },
        negative,
    }
}

/// Adds sensational framing to a title.
pub fn sensationalise(vocab: &Vocab, r: &mut Rng, title: &str, negative: bool) -> String {
    let pool: Vec<_> = vocab.decor.iter().filter(|d| negative || !d.negative_only).collect();
    match r.pick(&pool) {
        Some(d) if d.pre => format!("{} {title}", d.text),
        Some(d) if d.text.starts_with([',', ':']) => format!("{title}{}", d.text),
        Some(d) => format!("{title} {}", d.text),
        None => title.to_owned(),
    }
}

/// The menu section a topic is filed under (a label of `menus.tsv`).
pub fn section_of(topic: &str) -> &'static str {
    match topic {
        "crime" | "fraud" | "social_ills" | "violence" => "Pháp luật",
        "accident" | "disaster" | "scandal" | "society" => "Xã hội",
        "economy" => "Kinh tế",
        "sport" => "Thể thao",
        "culture" => "Văn hóa",
        "tech" => "Công nghệ",
        "education" => "Giáo dục",
        "health" => "Sức khỏe",
        "travel" => "Du lịch",
        _ => "Thời sự",
    }
}

/// ASCII URL slug of a title ("Cháy nhà ở Nghệ An" → "chay-nha-o-nghe-an"), at most 80 bytes.
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in fold(title).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 80 {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stories_have_text_and_slugs_are_ascii() {
        let v = Vocab::load();
        let mut r = Rng::new(9);
        for neg in [true, false] {
            let s = story(&v, &mut r, neg, "Nghệ An", false);
            assert!(
                !s.title.is_empty() && !s.sapo.is_empty() && s.paragraphs.len() >= 2,
                "{s:?}"
            );
            assert!(!s.title.contains('{'));
            let e = story(&v, &mut r, neg, "", true);
            assert!(!e.title.is_empty());
        }
        assert_eq!(
            slug("Cháy nhà ở Đà Nẵng, 3 người tử vong"),
            "chay-nha-o-da-nang-3-nguoi-tu-vong"
        );
        let t = sensationalise(&v, &mut r, "Cháy nhà", true);
        assert_ne!(t, "Cháy nhà");
    }
}
