//! Verdicts on thin evidence (issue 16): a flag from form signs alone needs more than one page, the
//! social-network weighting comes from a licence line or the registry (not a notice), a site that
//! presents itself as a magazine with few article pages is still judged, and a criterion that
//! lacks items says so.
use baohoa::judge::{SiteClass, Verdict};
use baohoa::models::Models;
use baohoa::page::PageFeatures;
use baohoa::site::SiteAggregate;

fn page(site: &str, path: &str, html: &str, models: &Models) -> PageFeatures {
    let url = format!("https://{site}{path}");
    let p = baohoa::page::parse(html, Some(&url));
    let mut f = baohoa::page::features(&p, &models.page);
    f.site = site.to_owned();
    f
}

fn judge(site: &str, pages: &[(&str, String)]) -> Verdict {
    let models = Models::embedded().expect("embedded models load");
    let mut agg = SiteAggregate::new(site);
    for (path, html) in pages {
        agg.add(&page(site, path, html, &models));
    }
    baohoa::judge::judge(&agg, &models.judge())
}

fn finding<'a>(v: &'a Verdict, code: &str) -> &'a baohoa::judge::Finding {
    v.findings
        .iter()
        .find(|f| f.criterion == code)
        .expect("every criterion is reported")
}

const MENU: &str = "<nav><ul><li><a href=\"/thoi-su\">Thời sự</a></li><li><a href=\"/phap-luat\">Pháp luật</a></li>\
<li><a href=\"/xa-hoi\">Xã hội</a></li><li><a href=\"/kinh-te\">Kinh tế</a></li><li><a href=\"/the-gioi\">Thế giới</a></li>\
<li><a href=\"/giai-tri\">Giải trí</a></li></ul></nav>";

const PARA: &str = "<p>Người dân trong khu phố cho biết con đường đã xuống cấp nhiều năm nay, mỗi khi trời mưa nước \
ngập sâu khiến việc đi lại rất khó khăn, nhiều hộ kinh doanh phải đóng cửa sớm.</p>";

const A1: &str = "/duong-ngap-nuoc-keo-dai-nhieu-ngay-123456.html";
const A2: &str = "/nguoi-dan-phan-anh-duong-xuong-cap-123457.html";

/// An article page of a news-like site, with `footer` in its footer.
fn home(footer: &str) -> String {
    let body: String = (0..8).map(|_| PARA).collect();
    format!(
        "<html><head><title>Đường ngập nước - Tin Tức 24h</title><meta property=\"og:type\" content=\"article\"></head>\
         <body><header><a href=\"/\">Tin Tức 24h</a></header>{MENU}<h1>Đường ngập nước kéo dài nhiều ngày</h1>\
         <div class=\"content\">{body}</div><footer><p>{footer}</p></footer></body></html>"
    )
}

#[test]
fn form_signs_on_one_page_do_not_flag() {
    let v = judge(
        "tintuc24h.example.vn",
        &[(A1, home("Báo điện tử Tin Tức 24h. Theo dõi chúng tôi trên Mạng xã hội"))],
    );
    assert!(!v.families.iter().any(|f| f.as_str() == "bao_hoa"), "{v:#?}");
    let sections = finding(&v, "layout.sections");
    assert!(!sections.fired);
    assert!(
        sections.statement_en.contains("form_only_min_pages")
            && sections.statement.contains("cờ chỉ dựa trên hình thức cần 2 trang"),
        "{} / {}",
        sections.statement,
        sections.statement_en
    );
}

#[test]
fn a_social_network_notice_does_not_double_the_section_weight() {
    let notice = home("Theo dõi chúng tôi trên Mạng xã hội");
    let v = judge("tintuc24h.example.vn", &[(A1, notice.clone()), (A2, notice)]);
    let sections = finding(&v, "layout.sections");
    assert!(sections.fired, "{}", sections.statement);
    assert!((sections.weight - 0.3).abs() < 1e-9, "weight {}", sections.weight);
    let licensed = home("Giấy phép thiết lập mạng xã hội số 45/GP-BTTTT");
    let v = judge("tintuc24h.example.vn", &[(A1, licensed.clone()), (A2, licensed)]);
    let sections = finding(&v, "layout.sections");
    assert!((sections.weight - 0.6).abs() < 1e-9, "weight {}", sections.weight);
}

#[test]
fn a_press_licence_claim_flags_from_one_page() {
    let v = judge(
        "tintuc24h.example.vn",
        &[(
            "/",
            home(
                "Báo điện tử Tin Tức 24h. Giấy phép hoạt động báo điện tử số 123/GP-BTTTT. Tổng biên tập: Nguyễn Văn A",
            ),
        )],
    );
    assert_eq!(v.class, SiteClass::ClaimsUnregisteredLicence);
    assert!(v.families.iter().any(|f| f.as_str() == "bao_hoa"), "{v:#?}");
}

#[test]
fn a_magazine_with_few_article_pages_is_judged() {
    let head = "<header><a href=\"/\">Tạp Chí Sức Khỏe Việt</a></header>";
    let list = format!(
        "<html><head><title>Tạp chí Sức khỏe Việt</title></head><body>{head}{MENU}<div>{PARA}</div></body></html>"
    );
    let body: String = (0..6).map(|_| PARA).collect();
    let article = format!(
        "<html><head><title>Bài thuốc chữa ho - Tạp chí Sức khỏe Việt</title><meta property=\"og:type\" content=\"article\"></head>\
         <body>{head}{MENU}<h1>Bài thuốc dân gian chữa ho cho trẻ nhỏ</h1><div class=\"content\">{body}</div>\
         <div id=\"commentbox\"><textarea></textarea></div></body></html>"
    );
    let v = judge(
        "tapchisuckhoeviet.example.vn",
        &[
            ("/", list.clone()),
            ("/suc-khoe", list.clone()),
            ("/me-va-be", list),
            ("/bai-thuoc-dan-gian-chua-ho-cho-tre-nho-123456.html", article),
        ],
    );
    assert_eq!(v.class, SiteClass::UnlicensedNewsLike, "{v:#?}");
}

#[test]
fn a_criterion_lacking_items_says_so() {
    let body: String = (0..6).map(|_| PARA).collect();
    let article = format!(
        "<html><head><title>Tin</title><meta property=\"og:type\" content=\"article\"></head><body>{MENU}\
         <h1>Đường ngập nước kéo dài</h1><div class=\"content\">{body}</div><div id=\"commentbox\"><textarea></textarea></div></body></html>"
    );
    let v = judge(
        "tintuc24h.example.vn",
        &[("/duong-ngap-nuoc-keo-dai-nhieu-ngay-123456.html", article)],
    );
    let c = finding(&v, "layout.comments");
    assert!(!c.fired);
    assert!(
        c.statement_en.contains("too few items (1 of 2 min_items)")
            && c.statement.contains("quá ít bài (1 trong 2 bài tối thiểu"),
        "{} / {}",
        c.statement,
        c.statement_en
    );
}
