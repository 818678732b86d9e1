//! The two parsers agree: the fast one against the reference (scraper) on small documents; the
//! differential test over real pages is `tests/parse_diff.rs`.
use super::parse::parse_scraper as parse;
use super::parse_fast::parse_fast;

fn same(html: &str) {
    let a = parse(html, Some("https://x.vn/a"));
    let b = parse_fast(html, Some("https://x.vn/a"));
    assert_eq!(a.blocks, b.blocks, "blocks of {html}");
    assert_eq!(a.links, b.links, "links of {html}");
    assert_eq!(a.containers, b.containers, "containers of {html}");
    assert_eq!(a, b, "{html}");
}

#[test]
fn equal_on_small_documents() {
    same("<p>a<p>b<div>c</div>");
    same(
        "<html lang=vi><head><title>T &amp; u</title><meta property=og:type content=article></head><body><nav><ul><li><a href=/a>A</a><li>B</ul></nav><div id=main><p>x <b>y</b><br>z</p></div><div class=footer>f</div></body></html>",
    );
    same("<table><tr><td>a<td>b<tr><td>c</table>after");
    same("<div><span>a</div>b</span>c");
    same("<p><a href=1>x</p><p>y</p>");
    same("<ul><li>1<li>2</ul><dl><dt>a<dd>b</dl><h1>h<h2>i</h2>");
    same("<form><textarea>t</textarea></form><div class=fb-comments data-href=x></div>");
    same("<svg><title>s</title><path/></svg><p>after</p>");
    same("x<title>t</title><script type='application/ld+json'>{\"@type\":\"NewsArticle\"}</script>");
    same("<span itemprop=author><b>Nguyễn</b> Văn A</span><time datetime=2026-01-01>d</time>");
    same("</p><p>a</br>b");
    same("<!DOCTYPE html><p>a<table><tr><td>b</td></tr></table>");
    same("<p>a<table><tr><td>b</td></tr></table>");
}
