//! Debug aid: `page_blocks FILE [URL]` prints the text blocks `page::parse` sees (region, path,
//! link density); `page_blocks --features FILE [URL]` prints the `PageFeatures` as JSON.
fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let feats = args.first().is_some_and(|a| a == "--features");
    if feats {
        args.remove(0);
    }
    let path = args
        .first()
        .ok_or_else(|| anyhow::anyhow!("usage: page_blocks [--features] FILE.html [URL]"))?;
    let bytes = std::fs::read(path)?;
    let dec = baohoa::ingest::decode::decode_html(&bytes, None);
    let p = baohoa::page::parse(&dec.html, args.get(1).map(String::as_str));
    if feats {
        let models = baohoa::models::Models::load(&baohoa::models::ModelFiles::default())?;
        let f = baohoa::page::features(&p, &models.page);
        println!("{}", serde_json::to_string_pretty(&f)?);
        return Ok(());
    }
    for b in &p.blocks {
        println!(
            "{:?}\t{}\t{:.2}\t{}",
            b.region,
            b.path,
            b.link_density,
            b.text.replace('\n', " ⏎ ")
        );
    }
    Ok(())
}
