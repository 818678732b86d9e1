//! Domain features: 100,000 domains scored against a 2,000-outlet registry (sample + generated outlets).
use std::hint::black_box;

use baohoa::domain;
use baohoa::models::Models;
use baohoa::registry::{Outlet, Registry, RegistryKind};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SYL: &[&str] = &[
    "an", "binh", "cong", "dan", "dong", "duc", "gia", "hai", "hoa", "hung", "khanh", "kinh", "lam", "long", "minh",
    "nam", "nghe", "ngoc", "nhan", "phat", "phu", "quang", "son", "tam", "tan", "thanh", "thien", "thu", "tien",
    "trung", "tuan", "van", "viet", "vinh", "xuan", "hong", "bac", "tay", "dai", "moi",
];
const EXTRA: &[&str] = &[
    "news", "24h", "online", "tv", "247", "plus", "today", "hay", "moi", "net",
];
const TLD: &[&str] = &["vn", "com.vn", "net", "com", "info", "org.vn", "net.vn"];

/// A small deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a>(&mut self, v: &'a [&'a str]) -> &'a str {
        v[self.next() % v.len()]
    }
}

fn registry(base: &Registry, n: usize) -> Registry {
    let mut outlets: Vec<Outlet> = base.outlets().to_vec();
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let mut i = 0;
    while outlets.len() < n {
        let a = rng.pick(SYL);
        let b = rng.pick(SYL);
        let c = rng.pick(SYL);
        let (name, label) = match i % 3 {
            0 => (format!("Báo {a} {b}"), format!("bao{a}{b}")),
            1 => (format!("Tạp chí {a} {b} {c}"), format!("tapchi{a}{b}{c}")),
            _ => (format!("{a} {b} {c}"), format!("{a}{b}{c}{i}")),
        };
        outlets.push(Outlet {
            name,
            aliases: Vec::new(),
            domains: vec![format!("{label}.{}", rng.pick(TLD))],
            licence: String::new(),
            kind: RegistryKind::Press,
            press_type: "báo".into(),
            issuer: String::new(),
            notes: "generated for the benchmark".into(),
        });
        i += 1;
    }
    Registry::from_outlets(outlets)
}

/// 100,000 domains: random syllable labels, registry names with added words, edits and other TLDs.
fn domains(reg: &Registry, n: usize) -> Vec<String> {
    let mut rng = Rng(42);
    let outlets = reg.outlets();
    (0..n)
        .map(|i| {
            let tld = rng.pick(TLD);
            match i % 4 {
                0 | 1 => {
                    let k = 1 + rng.next() % 4;
                    let label: String = (0..k).map(|_| rng.pick(SYL)).collect();
                    format!("{label}{}.{tld}", if i % 8 == 0 { rng.pick(EXTRA) } else { "" })
                }
                2 => {
                    let o = &outlets[rng.next() % outlets.len()];
                    let d = o.main_domain();
                    let label = d.split('.').next().unwrap_or(d);
                    format!("{label}{}.{tld}", rng.pick(EXTRA))
                }
                _ => {
                    let o = &outlets[rng.next() % outlets.len()];
                    let d = o.main_domain();
                    let mut label: Vec<u8> = d.split('.').next().unwrap_or(d).bytes().collect();
                    if label.len() > 3 {
                        let p = rng.next() % (label.len() - 1);
                        label.swap(p, p + 1);
                    }
                    format!("{}.{tld}", String::from_utf8_lossy(&label))
                }
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let models = match Models::embedded() {
        Ok(m) => m,
        Err(e) => panic!("{e:#}"),
    };
    let reg = registry(&models.registry, 2000);
    let mut models = models;
    models.domain.index_outlets(&reg);
    let names = domains(&reg, 100_000);
    let mut g = c.benchmark_group("domain");
    g.sample_size(10);
    g.measurement_time(std::time::Duration::from_secs(20));
    g.throughput(Throughput::Elements(names.len() as u64));
    g.bench_function("analyse_100k_vs_2000_outlets", |b| {
        b.iter(|| {
            let mut flagged = 0usize;
            for d in &names {
                let f = domain::analyse(d, None, &models.domain, &reg);
                flagged += usize::from(f.lookalike.is_some() || f.press_words.is_some());
            }
            black_box(flagged)
        })
    });
    g.throughput(Throughput::Elements(2000));
    g.bench_function("build_registry_2000_outlets", |b| {
        b.iter(|| {
            let r = Registry::from_outlets(reg.outlets().to_vec());
            black_box(domain::lookalike::LookalikeIndex::build(r.outlets()));
            black_box(r)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
