//! Story signatures (issue 14: ≤ 5% of the page stage): `signature` on the signed text (lead +
//! main text) of real pages (BAOHOA_REALDATA; skipped with a message when absent) and of the
//! synthetic pages of the embedded demo (`baohoa synth --sites 18 --seed 3 --items 32`), beside the
//! signature as it was before the fast sketch (`before`: 96 multiply-add hashes per shingle,
//! copied here) and the page stage (decode + parse + features) of the same pages, in one run.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use baohoa::ingest::{Event, ReadOptions};
use baohoa::page::story::StoryModel;

/// The signature before issue 14's speed-up, kept here to compare in the same run.
mod before {
    fn splitmix(s: &mut u64) -> u64 {
        *s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn mix(mut z: u64) -> u64 {
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0100_0000_01b3;

    pub struct Before {
        mul: Vec<u64>,
        add: Vec<u64>,
        shingle: usize,
        min_shingles: usize,
    }

    impl Before {
        pub fn new(p: &baohoa::page::story::SignatureParams) -> Self {
            let mut seed = 0x6261_6f68_6f61_0014u64;
            let (mut mul, mut add) = (Vec::new(), Vec::new());
            for _ in 0..p.hashes {
                mul.push(splitmix(&mut seed) | 1);
                add.push(splitmix(&mut seed));
            }
            Before {
                mul,
                add,
                shingle: p.shingle,
                min_shingles: p.min_shingles,
            }
        }

        pub fn signature(&self, text: &str) -> Option<(Vec<u16>, u32)> {
            let sh = shingles(text, self.shingle);
            if sh.len() < self.min_shingles.max(1) {
                return None;
            }
            let mut mins = vec![u64::MAX; self.mul.len()];
            for &x in &sh {
                for ((m, a), b) in mins.iter_mut().zip(&self.mul).zip(&self.add) {
                    let h = x.wrapping_mul(*a).wrapping_add(*b);
                    if h < *m {
                        *m = h;
                    }
                }
            }
            Some((mins.iter().map(|m| (m >> 48) as u16).collect(), sh.len() as u32))
        }
    }

    pub fn shingles(text: &str, n: usize) -> Vec<u64> {
        let nfc;
        let text = if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
            text
        } else {
            nfc = baohoa::text::normalize::nfc(text);
            nfc.as_str()
        };
        let mut syl: Vec<u64> = Vec::with_capacity(text.len() / 5);
        let mut h = FNV_OFFSET;
        let mut open = false;
        for c in text.chars() {
            if c.is_alphanumeric() || baohoa::text::normalize::is_combining_mark(c) {
                let c = if c.is_numeric() { '0' } else { c };
                for l in c.to_lowercase() {
                    let mut b = [0u8; 4];
                    for x in l.encode_utf8(&mut b).as_bytes() {
                        h = (h ^ u64::from(*x)).wrapping_mul(FNV_PRIME);
                    }
                }
                open = true;
            } else if open {
                syl.push(h);
                h = FNV_OFFSET;
                open = false;
            }
        }
        if open {
            syl.push(h);
        }
        let mut out: Vec<u64> = syl
            .windows(n.max(1))
            .map(|w| {
                let mut x = 0u64;
                for s in w {
                    x = mix(x.rotate_left(23) ^ *s);
                }
                x
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// (URL, body) of the real pages, or none with a message.
fn real_pages() -> Vec<(String, Vec<u8>)> {
    let Some(root) = std::env::var_os("BAOHOA_REALDATA") else {
        eprintln!("story bench: BAOHOA_REALDATA unset: skipping the real pages");
        return Vec::new();
    };
    baohoa::tools::bench::all_real_pages(std::path::Path::new(&root))
        .into_iter()
        .map(|p| (p.url, p.body))
        .collect()
}

fn synth_pages() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let opts = ReadOptions::default();
    if let Ok((_, events)) = baohoa::ingest::open_reader(
        baohoa::DEMO_GENERATED_NAME.into(),
        Box::new(baohoa::DEMO_GENERATED_WARC),
        &opts,
    ) {
        for ev in events {
            if let Event::Record(r) = ev {
                out.push((r.url.clone().unwrap_or_default(), r.body));
            }
        }
    }
    out
}

fn bench_set(c: &mut Criterion, name: &str, pages: &[(String, Vec<u8>)], models: &baohoa::models::Models) {
    if pages.is_empty() {
        return;
    }
    let story: &StoryModel = &models.page.story;
    let before = before::Before::new(&story.signature);
    // The text the page stage signs: lead + main text of article items.
    let texts: Vec<String> = pages
        .iter()
        .filter_map(|(url, body)| {
            let html = baohoa::ingest::decode::decode_html(body, None).html;
            let f = baohoa::page::features(&baohoa::page::parse(&html, Some(url)), &models.page);
            f.is_article
                .then(|| baohoa::page::story::signed_text(&f.lead, &f.main_text).into_owned())
        })
        .collect();
    let signed = texts.iter().filter(|t| story.signature(t).is_some()).count();
    let shingles: u64 = texts
        .iter()
        .map(|t| baohoa::page::story::shingles(t, story.signature.shingle).len() as u64)
        .sum();
    eprintln!(
        "story bench {name}: {} pages, {} article items, {signed} signed, {shingles} shingles",
        pages.len(),
        texts.len()
    );
    let page_bytes: u64 = pages.iter().map(|(_, b)| b.len() as u64).sum();
    let mut g = c.benchmark_group(format!("story/{name}"));
    g.throughput(Throughput::Bytes(page_bytes));
    g.sample_size(20);
    g.bench_function("signature", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter_map(|t| story.signature(t))
                .map(|s| s.1)
                .sum::<u32>()
        })
    });
    g.bench_function("signature-before", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter_map(|t| before.signature(t))
                .map(|s| s.1)
                .sum::<u32>()
        })
    });
    g.bench_function("shingles", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| baohoa::page::story::shingles(t, story.signature.shingle).len())
                .sum::<usize>()
        })
    });
    g.bench_function("shingles-before", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| before::shingles(t, story.signature.shingle).len())
                .sum::<usize>()
        })
    });
    // The page stage of the same pages (all of them, articles or not), for the share.
    g.bench_function("page-stage", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|(url, body)| {
                    let html = baohoa::ingest::decode::decode_html(body, None).html;
                    baohoa::page::features(&baohoa::page::parse(&html, Some(url)), &models.page).main_text_chars
                })
                .sum::<u64>()
        })
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let models = baohoa::models::Models::load(&baohoa::models::ModelFiles::default()).expect("embedded models load");
    bench_set(c, "real", &real_pages(), &models);
    bench_set(c, "synth", &synth_pages(), &models);
}

criterion_group!(benches, bench);
criterion_main!(benches);
