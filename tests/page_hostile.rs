//! Hostile markup: unclosed tags, 10,000-deep nesting, a 50 MB page, script-only pages, invalid
//! JSON-LD, binary garbage declared as HTML. Each yields features (never a panic or a hang).
use std::time::{Duration, Instant};

/// Time bounds are for optimised builds; unoptimised html5ever is ~15x slower on deep nesting.
fn bound(secs: u64) -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) { secs * 15 } else { secs })
}

fn run(html: &str) -> (baohoa::page::PageFeatures, Duration) {
    let models = baohoa::models::Models::load(&baohoa::models::ModelFiles::default()).expect("embedded models load");
    let t = Instant::now();
    let p = baohoa::page::parse(html, Some("https://example.vn/a-b-c-d-e-12345678.html"));
    let f = baohoa::page::features(&p, &models.page);
    (f, t.elapsed())
}

#[test]
fn unclosed_tags() {
    let (f, _) =
        run("<html><body><div><p>Giấy phép số 12/GP-TTĐT <b><i><table><tr><td>Tổng biên tập: Nguyễn Văn A<div");
    assert_eq!(f.licences.len(), 1);
    assert!(f.newsroom.iter().any(|n| n.person.as_deref() == Some("Nguyễn Văn A")));
}

#[test]
fn ten_thousand_deep_nesting_is_fast() {
    let mut h = String::from("<html><body>");
    for i in 0..10_000 {
        h.push_str(&format!("<div class=\"d{i}\"><span>chữ {i} "));
    }
    h.push_str("<p>Đoạn văn cuối cùng ở rất sâu, có dấu phẩy, và đủ dài để được chấm điểm như nội dung chính.</p>");
    let (f, t) = run(&h);
    assert!(f.text_chars > 0);
    assert!(t < bound(10), "10,000-deep nesting took {t:?}");
}

#[test]
fn fifty_megabyte_page_is_cut_and_read() {
    let para = "<p>Cơ quan chức năng đang điều tra vụ việc, theo thông tin ban đầu, không có thương vong.</p>\n";
    let mut h = String::with_capacity(50 * 1024 * 1024 + para.len());
    h.push_str("<html><head><title>Trang lớn</title></head><body><article>");
    while h.len() < 50 * 1024 * 1024 {
        h.push_str(para);
    }
    let (f, t) = run(&h);
    assert!(f.truncated, "a 50 MB page is cut to the parse cap");
    assert_eq!(f.html_bytes, h.len() as u64);
    assert!(f.main_text_chars > 0);
    assert!(t < bound(30), "50 MB page took {t:?}");
}

#[test]
fn script_only_page() {
    let (f, _) = run(
        "<html><head><script>var a = '<p>không phải chữ</p>';</script></head><body><script>document.write('x')</script></body></html>",
    );
    assert_eq!(f.text_chars, 0);
    assert!(f.main_text.is_empty());
}

#[test]
fn invalid_json_ld_is_tolerated() {
    let html = r#"<html><head>
        <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-01-02", "author": {"name": "Lan
        Anh"},}</script>
        <script type="application/ld+json">{ this is not json </script>
        <script type="application/ld+json"><!-- {"@type":"WebSite","name":"Báo X"} --></script>
        </head><body><h1>Tiêu đề</h1><p>Nội dung.</p></body></html>"#;
    let p = baohoa::page::parse(html, None);
    assert_eq!(
        p.json_ld.len(),
        2,
        "repaired: trailing comma, raw newline, HTML comment"
    );
    assert_eq!(p.json_ld_errors, 1);
    let (f, _) = run(html);
    assert_eq!(f.published.map(|p| p.value), Some("2024-01-02".to_string()));
    assert!(f.is_article);
}

#[test]
fn binary_garbage_declared_as_html() {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..2_000_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let dec = baohoa::ingest::decode::decode_html(&bytes, Some("text/html"));
    let (f, t) = run(&dec.html);
    assert!(f.licences.is_empty());
    assert!(t < bound(10), "garbage took {t:?}");
}
