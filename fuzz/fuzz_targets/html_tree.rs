//! Fuzz target: the fast HTML tokenizer and tree rules on any text; the work stays linear
//! (operation count, not a clock) and the page features can be computed from the result.
#![no_main]
use std::sync::OnceLock;

use baohoa::model_files::ModelFiles;
use baohoa::page::PageModel;
use baohoa::page::parse_fast::parse_fast_stats;
use libfuzzer_sys::fuzz_target;

static MODEL: OnceLock<PageModel> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let model = MODEL.get_or_init(|| PageModel::load(&ModelFiles::default()).expect("embedded page models"));
    let html = String::from_utf8_lossy(data);
    let (page, st) = parse_fast_stats(&html, Some("https://fuzz.vn/a"));
    let bytes = html.len() as u64;
    assert!(st.ops <= 8 * bytes + 4096, "{} ops for {bytes} bytes", st.ops);
    let _ = baohoa::page::features(&page, model);
});
