//! Debug view of the main-text extractor on one page: every text block with its container's
//! id/class chain, tag, link density and length, marked `*` when kept in the main text.
//!
//! `cargo run --release --example content_blocks -- PAGE.html[.gz] [URL]`
use std::io::Read;

fn main() -> anyhow::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        anyhow::bail!("usage: content_blocks PAGE.html[.gz] [URL]");
    };
    let url = std::env::args().nth(2);
    let mut raw = std::fs::read(&path)?;
    if path.ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice()).read_to_end(&mut out)?;
        raw = out;
    }
    let dec = baohoa::ingest::decode::decode_html(&raw, None);
    let page = baohoa::page::parse(&dec.html, url.as_deref());
    let m = baohoa::page::content::extract(&page);
    println!("container {:?} headline {:?}", m.container, m.headline_block);
    for (i, b) in page.blocks.iter().enumerate() {
        let kept = m.blocks.contains(&(i as u32));
        let mut chain = Vec::new();
        let mut c = b.container;
        for _ in 0..6 {
            let Some(cont) = page.containers.get(c as usize) else {
                break;
            };
            chain.push(format!(
                "{}{}[{}]",
                cont.tag,
                if cont.attrs.is_empty() {
                    String::new()
                } else {
                    format!(".{}", cont.attrs.replace(' ', "."))
                },
                c
            ));
            if c == 0 {
                break;
            }
            c = cont.parent;
        }
        chain.reverse();
        let t: String = b.text.chars().take(90).collect();
        println!(
            "{}{i:4} {:?} {:<4} ld={:.2} n={:4} {} | {}",
            if kept { '*' } else { ' ' },
            b.region,
            b.tag,
            b.link_density,
            b.text.chars().count(),
            chain.join(">"),
            t.replace('\n', " ")
        );
    }
    Ok(())
}
