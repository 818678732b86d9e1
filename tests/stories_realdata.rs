//! The story join on real text (BAOHOA_REALDATA): a real article re-posted on two made-up sites
//! with a new headline and footer is one story; two different real articles on one event are not.
use std::path::Path;

use baohoa::ingest::warc_write::WarcWriter;
use baohoa::models::{ModelFiles, Models};
use baohoa::{Input, NoProgress, ScanOptions};

fn realdata() -> Option<std::path::PathBuf> {
    std::env::var_os("BAOHOA_REALDATA")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An article page of a made-up site: headline, paragraphs, footer, published time.
fn page(site_name: &str, title: &str, paragraphs: &[&str], footer: &str, published: &str) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{}</p>\n", esc(p))).collect();
    format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{t} - {n}</title>\
         <meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" content=\"{t}\">\
         <meta property=\"og:site_name\" content=\"{n}\">\
         <meta property=\"article:published_time\" content=\"{published}\"></head>\
         <body><header><a href=\"/\">{n}</a></header><main><article><h1>{t}</h1>\n{body}</article></main>\
         <footer><p>{f}</p></footer></body></html>",
        t = esc(title),
        n = esc(site_name),
        f = esc(footer),
    )
}

/// Title and lead of a ClickBait_ICD row (file, 0-based data row).
fn icd(dir: &Path, file: &str, row: usize) -> (String, String) {
    let mut r = csv::Reader::from_path(dir.join("vi-clickbait-icd").join(file)).unwrap();
    let rec = r.records().nth(row).unwrap().unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| {
        let i = h.iter().position(|x| x.trim_start_matches('\u{feff}') == name).unwrap();
        rec.get(i).unwrap().to_owned()
    };
    (col("title"), col("lead_paragraph"))
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn reposts_cluster_and_different_articles_on_one_event_do_not() {
    let Some(dir) = realdata() else { return };
    let models = Models::load(&ModelFiles::default()).unwrap();
    // The real article: its main text as the page stage reads it.
    let html = std::fs::read_to_string(dir.join("vn-news-html-2026-tracking-news-mcp/tuoitre_article.html")).unwrap();
    let p = baohoa::page::parse(&html, Some("https://tuoitre.vn/a.htm"));
    let f = baohoa::page::features(&p, &models.page);
    let paras: Vec<&str> = f
        .main_text
        .split('\n')
        .map(str::trim)
        .filter(|l| l.chars().count() > 30)
        .collect();
    assert!(
        paras.len() >= 4,
        "the real article's main text has {} paragraphs",
        paras.len()
    );
    let footer_a = "Bản quyền © 2026 Tin Nóng Mỗi Ngày. Liên hệ quảng cáo: 0912 000 111. Địa chỉ: 12 Lê Lợi, Quận 1.";
    let footer_b = "Đọc Báo Nhanh — trang tổng hợp tin tức. Mọi ý kiến đóng góp xin gửi về hộp thư của chúng tôi.";
    // Site A: new headline, new footer, last paragraph trimmed. Site B: another headline and footer.
    let a = page(
        "Tin Nóng Mỗi Ngày",
        "Giá hoa tăng vọt, người mua choáng váng trước ngày lễ",
        &paras[..paras.len() - 1],
        footer_a,
        "2026-03-06T08:10:00+07:00",
    );
    let b = page(
        "Đọc Báo Nhanh",
        "Hoa nhập khẩu đắt đỏ chưa từng thấy vì chiến sự",
        &paras,
        footer_b,
        "2026-03-06T08:25:00+07:00",
    );
    // Two different real articles on one event, twice (ClickBait_ICD titles and leads).
    let events = [
        (icd(&dir, "train.csv", 1422), icd(&dir, "train.csv", 596)),
        (icd(&dir, "train.csv", 1326), icd(&dir, "train.csv", 1999)),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let warc = tmp.path().join("made-up.warc.gz");
    let mut w = WarcWriter::new(std::fs::File::create(&warc).unwrap(), true);
    let mut put = |url: &str, body: &str| {
        w.html(url, "2026-03-06T06:00:00Z", body.as_bytes()).unwrap();
    };
    put("https://tinnongmoingay-a.com/thoi-su/gia-hoa-tang-vot-1001.html", &a);
    put("https://docbaonhanh-b.net/tin-tuc/hoa-nhap-khau-dat-do-2002.html", &b);
    for (k, ((t1, l1), (t2, l2))) in events.iter().enumerate() {
        put(
            &format!("https://tintuc-c.com/xa-hoi/su-kien-{k}.html"),
            &page("Tin Tức C", t1, &[l1.as_str()], "Trang C", "2026-03-06T07:00:00+07:00"),
        );
        put(
            &format!("https://thoisu-d.net/xa-hoi/su-kien-{k}.html"),
            &page("Thời Sự D", t2, &[l2.as_str()], "Trang D", "2026-03-06T07:30:00+07:00"),
        );
    }
    drop(w);
    let out = tmp.path().join("out");
    let opts = ScanOptions {
        threads: 1,
        ..ScanOptions::default()
    };
    baohoa::scan(
        &[Input::Path(warc)],
        &opts,
        &models,
        &baohoa::Carry::default(),
        &out,
        &NoProgress,
    )
    .unwrap();
    let rows: Vec<serde_json::Value> = std::fs::read_to_string(out.join("stories.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let sites_of = |r: &serde_json::Value| -> Vec<String> {
        let mut v = vec![r["origin"]["site"].as_str().unwrap_or("").to_owned()];
        for c in r["copies"].as_array().into_iter().flatten() {
            v.push(c["site"].as_str().unwrap_or("").to_owned());
        }
        v
    };
    eprintln!("{rows:#?}");
    let repost = rows.iter().find(|r| {
        let s = sites_of(r);
        s.contains(&"tinnongmoingay-a.com".to_owned()) && s.contains(&"docbaonhanh-b.net".to_owned())
    });
    let repost = repost.expect("the re-posted real article is one story across both made-up sites");
    assert_eq!(
        repost["origin"]["site"], "tinnongmoingay-a.com",
        "the earlier copy is the origin"
    );
    assert_eq!(repost["copies"][0]["lag_minutes"], 15);
    assert_eq!(repost["copies"][0]["time_source"], "published");
    for r in &rows {
        let s = sites_of(r);
        assert!(
            !(s.contains(&"tintuc-c.com".to_owned()) && s.contains(&"thoisu-d.net".to_owned())),
            "two different real articles on one event were clustered: {r}"
        );
    }
    // And the signatures say why: the re-post is near-identical, the same-event pairs far apart.
    let m = &models.page.story;
    let (sa, ka) = m.signature(&paras[..paras.len() - 1].join("\n")).unwrap();
    let (sb, kb) = m.signature(&paras.join("\n")).unwrap();
    let j = baohoa::stories::join::jaccard(&sa, &sb);
    eprintln!(
        "re-post: Jaccard {j:.2}, containment {:.2}",
        baohoa::stories::join::containment(j, ka, kb)
    );
    assert!(j >= 0.7, "{j}");
    for ((_, l1), (_, l2)) in &events {
        let (s1, k1) = m.signature(l1).unwrap();
        let (s2, k2) = m.signature(l2).unwrap();
        let j = baohoa::stories::join::jaccard(&s1, &s2);
        let c = baohoa::stories::join::containment(j, k1, k2);
        eprintln!("same event, different articles: Jaccard {j:.2}, containment {c:.2}");
        assert!(j < 0.3 && c < 0.45, "{j} {c}");
    }
}
