//! Measures the story join at scale: N generated article items on N/50 sites, 5% of them re-posts
//! of an earlier item with edits, signed with the shipped story model, joined and analysed by the
//! real `Joiner` and `analyse`; prints the time of each phase and the peak RSS.
//!
//! `cargo run --release --example story_join -- 1000000 [TMPDIR]` (the join's runs go to TMPDIR,
//! default the system temp folder).
use std::time::Instant;

use anyhow::Context;
use baohoa::model_files::ModelFiles;
use baohoa::page::story::{Sig, StoryItem, StoryModel};
use baohoa::stories::{Joiner, Operators, analyse};

/// Items per site.
const PER_SITE: u64 = 50;
/// One item in this many is a re-post of an earlier item of another site.
const REPOST_EVERY: u64 = 20;

fn splitmix(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A pool of Vietnamese-like syllables (onset + rhyme with tone marks), so shingles look like
/// those of real text: a few thousand distinct syllables, Zipf-like frequencies.
fn syllables() -> Vec<String> {
    let onsets = [
        "", "b", "c", "ch", "d", "đ", "g", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr",
        "v", "x",
    ];
    let rhymes = [
        "a", "á", "à", "ả", "ã", "ạ", "an", "ăn", "ân", "anh", "ao", "ay", "ê", "ến", "iên", "iệt", "inh", "o", "ó",
        "ông", "ốc", "ơi", "ời", "u", "ú", "ung", "ước", "ương", "ưu", "ai",
    ];
    onsets
        .iter()
        .flat_map(|o| rhymes.iter().map(move |r| format!("{o}{r}")))
        .collect()
}

/// The text of item `id`: 150–400 syllables in sentences, drawn with a skew towards common ones.
fn text(pool: &[String], id: u64) -> String {
    let mut s = id.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0x5eed;
    let n = 150 + splitmix(&mut s) % 250;
    let mut out = String::with_capacity(n as usize * 5);
    for k in 0..n {
        let a = splitmix(&mut s) % pool.len() as u64;
        let b = splitmix(&mut s) % pool.len() as u64;
        out.push_str(&pool[a.min(b) as usize]);
        out.push(if k % 14 == 13 { '.' } else { ' ' });
        if k % 14 == 13 {
            out.push(' ');
        }
    }
    out
}

/// An edited copy: the first sentence dropped and a line of the re-poster's own added.
fn edited(t: &str, id: u64) -> String {
    let body = t.split_once(". ").map_or(t, |x| x.1);
    format!("{body} Nguồn tổng hợp số {id}, mời bạn đọc theo dõi.")
}

fn vm_hwm_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: u64 = match args.next() {
        Some(a) => a
            .parse()
            .with_context(|| format!("{a:?} is not a number of items; give e.g. 1000000"))?,
        None => 100_000,
    };
    let tmp = args.next().map_or_else(std::env::temp_dir, std::path::PathBuf::from);
    let files = ModelFiles::new(None, None);
    let model = StoryModel::load(&files)?;
    let criteria = baohoa::judge::CriteriaConfig::load(&files)?;
    let pool = syllables();
    let t0 = Instant::now();
    let mut joiner = Joiner::new(&tmp, model.signature, model.join)?;
    let operators = Operators::new(&criteria.stories);
    let mut sign = std::time::Duration::ZERO;
    let (mut reposts, mut unsigned) = (0u64, 0u64);
    let sites = n.div_ceil(PER_SITE);
    let base = 1_790_000_000i64;
    for site in 0..sites {
        let name = format!("site{site:06}.vn");
        let mut items = Vec::with_capacity(PER_SITE as usize);
        let ts = Instant::now();
        for id in site * PER_SITE..((site + 1) * PER_SITE).min(n) {
            // Every 20th item (past the first site) re-posts an item of an earlier site.
            let (body, time) = if id % REPOST_EVERY == 7 && site > 0 {
                let mut s = id;
                let mut of = splitmix(&mut s) % (site * PER_SITE);
                if of % REPOST_EVERY == 7 {
                    of -= 1; // an original, not itself a re-post
                }
                reposts += 1;
                (edited(&text(&pool, of), id), base + of as i64 * 60 + 1_800)
            } else {
                (text(&pool, id), base + id as i64 * 60)
            };
            let Some((sig, shingles)) = model.signature(&body) else {
                unsigned += 1;
                continue;
            };
            items.push(StoryItem {
                url: format!("https://{name}/tin-{id}.html"),
                published: Some(time),
                crawled: Some(time + 3_600),
                cites: Vec::new(),
                negative: id % 5 == 0,
                targets: Vec::new(),
                shingles,
                sig: Sig(sig),
            });
        }
        sign += ts.elapsed();
        joiner.add_site(&name, site % 10 == 0, &items)?;
    }
    let added = t0.elapsed();
    let t1 = Instant::now();
    let (clusters, _dir) = joiner.finish()?;
    let join = t1.elapsed();
    let t2 = Instant::now();
    let found = analyse(clusters, &criteria.stories, &operators);
    let an = t2.elapsed();
    let c = &found.counts;
    println!(
        "items {n} on {sites} sites ({reposts} re-posts, {unsigned} too short to sign); signature {}×u16, bands {}×{}",
        model.signature.hashes, model.signature.bands, model.signature.rows
    );
    println!(
        "sign {:.1} s; add (write runs) {:.1} s; join (merge runs, verify, union-find) {:.1} s; analyse {:.1} s; total {:.1} s",
        sign.as_secs_f64(),
        (added - sign).as_secs_f64(),
        join.as_secs_f64(),
        an.as_secs_f64(),
        t0.elapsed().as_secs_f64()
    );
    println!(
        "candidate pairs {}, verified pairs {}, band runs {}, clusters {} ({} items), press re-posts {}",
        c.candidate_pairs, c.verified_pairs, c.band_runs, c.clusters, c.clustered_items, c.press_reposts
    );
    match vm_hwm_kb() {
        Some(kb) => println!("peak RSS {:.0} MB", kb as f64 / 1024.0),
        None => println!("peak RSS unknown (no /proc/self/status)"),
    }
    Ok(())
}
