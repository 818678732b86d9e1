// Body of the `html_tree` fuzz target, shared with the stable test `tests/fuzz_bodies.rs`
// (included with `include!`, so it names every path in full).
//
// The fast HTML tokenizer and tree rules on any text; the work stays linear (operation count, not
// a clock) and the page features can be computed from the result.
pub fn run(data: &[u8]) {
    static MODEL: std::sync::OnceLock<baohoa::page::PageModel> = std::sync::OnceLock::new();
    let model = MODEL.get_or_init(|| {
        baohoa::page::PageModel::load(&baohoa::model_files::ModelFiles::default()).expect("embedded page models")
    });
    let html = String::from_utf8_lossy(data);
    let (page, st) = baohoa::page::parse_fast::parse_fast_stats(&html, Some("https://fuzz.vn/a"));
    let bytes = html.len() as u64;
    assert!(st.ops <= 8 * bytes + 4096, "{} ops for {bytes} bytes", st.ops);
    let _ = baohoa::page::features(&page, model);
}
