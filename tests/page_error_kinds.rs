//! One small page per kind of error seen on real pages the page stage had not been tuned on
//! (issue 16): each page is written the way those sites write it, and the test says what a reader
//! reads there.
use baohoa::page::{LicenceKind, PageFeatures, PageKind};

fn features(html: &str, url: Option<&str>) -> PageFeatures {
    let models = baohoa::models::Models::load(&baohoa::models::ModelFiles::default()).expect("embedded models load");
    let page = baohoa::page::parse(html, url);
    baohoa::page::features(&page, &models.page)
}

const LOREM: &str = "Người dân trong khu phố cho biết con đường đã xuống cấp nhiều năm nay, mỗi khi trời mưa \
nước ngập sâu khiến việc đi lại rất khó khăn, nhiều hộ kinh doanh phải đóng cửa sớm. ";

fn body(n: usize) -> String {
    (0..n).map(|_| format!("<p>{LOREM}</p>")).collect()
}

#[test]
fn a_player_id_is_not_the_title() {
    let html = format!(
        "<html><head><title>Xe buýt điện chạy thử ở trung tâm - Tin Nhanh</title></head><body>\
         <div class=\"video\"><h1>vjs_video_3</h1></div><div class=\"content\">{}</div></body></html>",
        body(8)
    );
    let f = features(
        &html,
        Some("https://tinnhanh.example.vn/xe-buyt-dien-chay-thu-o-trung-tam-123456.html"),
    );
    assert_eq!(f.title, "Xe buýt điện chạy thử ở trung tâm - Tin Nhanh");
    assert_eq!(f.title_source, "title");
}

#[test]
fn a_home_page_is_titled_by_its_title_not_its_first_story() {
    let stories: String = (0..14)
        .map(|i| format!("<h3><a href=\"/tin-{i}-nguoi-dan-phan-anh-duong-ngap-nuoc.html\">Người dân phản ánh đường ngập nước kéo dài số {i}</a></h3>"))
        .collect();
    let html = format!(
        "<html><head><title>Báo Tin Nhanh - Tin tức 24h</title><meta property=\"og:type\" content=\"article\"></head>\
         <body><h1>Giá vàng hôm nay tăng mạnh sau nhiều ngày đi ngang</h1>{}{stories}</body></html>",
        body(6)
    );
    let f = features(&html, Some("https://tinnhanh.example.vn/"));
    assert_eq!(f.page_kind, PageKind::Home, "{:?}", f.page_kind_reasons);
    assert!(!f.is_article, "{:?}", f.article_signals);
    assert_eq!(f.title, "Báo Tin Nhanh - Tin tức 24h");
    assert!(f.byline.is_none());
}

#[test]
fn a_data_table_page_is_not_an_article_and_its_account_is_no_byline() {
    let rows: String = (0..30)
        .map(|i| format!("<tr><td>Doanh thu quý {i}</td><td>1.234.{i}</td><td>2.345.{i}</td></tr>"))
        .collect();
    let html = format!(
        "<html><head><title>VNM: Kết quả kinh doanh</title><meta name=\"author\" content=\"cafefdotvn\">\
         <meta property=\"og:type\" content=\"article\"></head><body><h1>Kết quả hoạt động kinh doanh</h1>\
         <div class=\"content\"><table>{rows}</table></div></body></html>"
    );
    let f = features(
        &html,
        Some("https://s.example.vn/bao-cao-tai-chinh/VNM/IncSta/2017/3/0/0/ket-qua-hoat-dong-kinh-doanh.chn"),
    );
    assert!(!f.is_article, "{:?}", f.article_signals);
    assert!(f.byline.is_none(), "{:?}", f.byline);
}

#[test]
fn a_social_network_licence_written_mxh() {
    let html = "<html><body><div class=\"footer\"><p>Giấy phép thiết lập MXH số 10/GP-BTTTT do Bộ Thông tin và \
                Truyền thông cấp ngày 10/01/2025</p></div></body></html>";
    let f = features(html, None);
    assert_eq!(f.licence_kind, LicenceKind::SocialNetwork, "{:?}", f.licences);
    let html = "<html><body><footer><ul><li><a>ICP 85/GP-ICP-STTTT</a></li><li><a>MXH 152/GXN-TTDT</a></li></ul>\
                </footer></body></html>";
    let f = features(html, None);
    assert_eq!(f.licence_kind, LicenceKind::SocialNetwork, "{:?}", f.licences);
}

#[test]
fn newsroom_in_charge_and_newsroom_links() {
    let html = "<html><body><div class=\"footer\"><p>Phụ trách toà soạn: Nguyễn Văn Bình</p>\
                <p><a href=\"/lien-he\">Liên hệ tòa soạn</a></p></div></body></html>";
    let f = features(html, None);
    let titles: Vec<&str> = f.newsroom.iter().map(|n| n.title.as_str()).collect();
    assert!(titles.contains(&"Phụ trách tòa soạn"), "{titles:?}");
    assert!(titles.contains(&"Tòa soạn"), "{titles:?}");
}

#[test]
fn comment_forms_named_like_comments() {
    let html = format!(
        "<html><body><div class=\"content\">{}</div><form action=\"/post\"><textarea name=\"txtcomment_12\"></textarea></form>\
         </body></html>",
        body(3)
    );
    assert!(!features(&html, None).comment_widgets.is_empty());
    let html = format!(
        "<html><body><div class=\"content\">{}</div><form id=\"commentloginform\"><input name=\"u\"></form></body></html>",
        body(3)
    );
    assert!(!features(&html, None).comment_widgets.is_empty());
    let html = format!(
        "<html><body><div class=\"content\">{}</div><div id=\"commentbox\"><textarea placeholder=\"Ý kiến của bạn\"></textarea></div></body></html>",
        body(3)
    );
    assert!(!features(&html, None).comment_widgets.is_empty());
}

#[test]
fn the_site_name_in_the_logo_is_a_self_label() {
    let html = format!(
        "<html><head><title>Bài thuốc nam chữa ho</title></head><body><header><div class=\"logo\"><a href=\"/\">Tạp Chí Đông Y</a></div>\
         <nav><a href=\"/thoi-su\">Thời sự</a> <a href=\"/dien-dan\">Diễn đàn</a></nav></header><div class=\"content\">{}</div></body></html>",
        body(3)
    );
    let f = features(&html, Some("https://tapchidongy.example.vn/bai-thuoc"));
    let kinds: Vec<&str> = f.self_labels.iter().map(|s| s.kind.as_str()).collect();
    assert!(kinds.contains(&"magazine"), "{:?}", f.self_labels);
    // A menu entry naming a section is not what the site calls itself.
    assert!(!kinds.contains(&"forum"), "{:?}", f.self_labels);
}

#[test]
fn a_name_with_diacritics_is_not_a_press_word() {
    let html = "<html><head><title>Công ty Nội thất</title></head><body><header><p>Liên hệ: Ông Hoàng Bảo Khánh</p></header>\
                <footer><p>Giám đốc: Ông Hoàng Bảo Khánh</p></footer></body></html>";
    let f = features(html, None);
    assert!(f.self_labels.is_empty(), "{:?}", f.self_labels);
    let html = "<html><head><title>Bao Moi - Tin tuc</title></head><body></body></html>";
    assert!(!features(html, None).self_labels.is_empty());
    // A headline about social networks does not make the site one.
    let html =
        "<html><head><title>Cảnh báo lừa đảo trên mạng xã hội - Gia Đình Việt</title></head><body></body></html>";
    let f = features(html, None);
    assert!(f.self_labels.is_empty(), "{:?}", f.self_labels);
    // A title where the site calls itself a newspaper in lower case still counts.
    let html =
        "<html><head><title>Tin tức, tin nóng, đọc báo điện tử - Tuổi Trẻ Online</title></head><body></body></html>";
    assert!(!features(html, None).self_labels.is_empty());
}

#[test]
fn attributions_are_outlets_not_dates_links_or_people() {
    let html = format!(
        "<html><head><title>Tin</title><meta property=\"og:type\" content=\"article\"></head><body><h1>Giá dầu tăng mạnh trong phiên sáng nay</h1>\
         <div class=\"content\"><p>Theo The Verge, Apple sẽ ra mắt sản phẩm mới vào tháng tới tại sự kiện thường niên.</p>{}\
         <p>Nguồn: <a href=\"https://nld.com.vn/gia-dau-tang.htm\">nld.com.vn</a></p></div>\
         <div class=\"source\">Link nguồn: https://nld.com.vn/gia-dau-tang.htm</div></body></html>",
        body(6)
    );
    let f = features(
        &html,
        Some("https://tin.example.vn/gia-dau-tang-manh-trong-phien-sang-nay-123456.html"),
    );
    let outlets: Vec<&str> = f.attributions.iter().map(|a| a.outlet.as_str()).collect();
    assert!(outlets.contains(&"The Verge"), "{outlets:?}");
    assert!(outlets.contains(&"nld.com.vn"), "{outlets:?}");
    assert!(
        f.attributions
            .iter()
            .any(|a| a.link.as_deref() == Some("https://nld.com.vn/gia-dau-tang.htm")),
        "{:?}",
        f.attributions
    );
    assert!(
        !outlets.iter().any(|o| o.starts_with("Link") || o.starts_with("http")),
        "{outlets:?}"
    );
}

#[test]
fn a_byline_with_its_date_glued_on() {
    let html = format!(
        "<html><head><title>Tin</title><meta property=\"og:type\" content=\"article\"></head><body><h1>Giá dầu tăng mạnh trong phiên sáng nay</h1>\
         <div class=\"author\">Quang Anh - Ngày 20/08/2025 13:00 PM (GMT+7)</div><div class=\"content\">{}</div></body></html>",
        body(6)
    );
    let f = features(
        &html,
        Some("https://tin.example.vn/gia-dau-tang-manh-trong-phien-sang-nay-123456.html"),
    );
    assert_eq!(
        f.byline.as_ref().map(|b| b.name.as_str()),
        Some("Quang Anh"),
        "{:?}",
        f.byline
    );
    assert!(
        !f.attributions
            .iter()
            .any(|a| a.outlet.contains("GMT") || a.outlet.contains("2025")),
        "{:?}",
        f.attributions
    );
}

#[test]
fn an_advertorial_faking_reportage_reads_as_own_reporting() {
    let html = format!(
        "<html><head><title>Bí quyết</title><meta property=\"og:type\" content=\"article\"></head><body><h1>Bí quyết chữa đau lưng của lương y</h1>\
         <div class=\"content\"><p>Phóng sự ngày 12/3: cánh phóng viên chúng tôi đã tìm đến nhà lương y.</p>{}</div></body></html>",
        body(6)
    );
    let f = features(
        &html,
        Some("https://suckhoe.example.vn/bi-quyet-chua-dau-lung-cua-luong-y-123456.html"),
    );
    assert!(f.is_article, "{:?}", f.article_signals);
    assert!(
        f.own_reporting.iter().any(|o| o.kind == "reporting"),
        "{:?}",
        f.own_reporting
    );
}

#[test]
fn a_paragraph_opening_with_theo_does_not_hide_the_name_line_after_it() {
    // Tuổi Trẻ ends a story with "Theo tìm hiểu, …" and the writer's name in capitals.
    let html = format!(
        "<html><head><title>Thanh tra việc thay thế cây xanh - Tin Nhanh</title></head><body>\
         <div class=\"content\"><h1>Thanh tra việc thay thế cây xanh</h1>{}\
         <p>Theo tìm hiểu, đoàn thanh tra có đại diện nhiều sở ngành, chậm nhất trong 30 ngày phải \
         báo cáo kết quả cho UBND thành phố.</p><div>XUÂN LONG</div></div></body></html>",
        body(6)
    );
    let f = features(
        &html,
        Some("https://tinnhanh.example.vn/thanh-tra-viec-thay-the-cay-xanh-123456.html"),
    );
    assert_eq!(f.byline.as_ref().map(|b| b.name.as_str()), Some("XUÂN LONG"));
    // A short "Theo Reuters" line before the name is still an attribution, not the writer.
    let html = format!(
        "<html><head><title>Tin thế giới - Tin Nhanh</title></head><body><div class=\"content\">\
         <h1>Bão lớn đổ bộ</h1>{}<p>Theo Reuters</p><div>Minh Anh</div></div></body></html>",
        body(6)
    );
    let f = features(&html, Some("https://tinnhanh.example.vn/bao-lon-do-bo-123457.html"));
    assert_eq!(f.byline, None);
}

#[test]
fn a_call_to_write_a_comment_is_a_comment_widget_a_menu_entry_is_not() {
    let page = |link: &str| {
        format!(
            "<html><head><title>Ăn chơi ở đâu - Cộng đồng</title></head><body>\
             <nav><a href=\"/binh-luan\">Bình luận</a></nav><div class=\"content\">{}\
             <a href=\"javascript:void(0)\" class=\"add-new-reviews\"><span>{link}</span><br>\
             <span>Để chia sẻ trải nghiệm cho cộng đồng</span></a></div></body></html>",
            body(2)
        )
    };
    let f = features(&page("Viết bình luận"), Some("https://congdong.example.vn/an-choi"));
    assert_eq!(f.comment_widgets.len(), 1, "{:?}", f.comment_widgets);
    assert_eq!(f.comment_widgets[0].kind, "site");
    let f = features(&page("Xem thêm"), Some("https://congdong.example.vn/an-choi"));
    assert!(f.comment_widgets.is_empty(), "{:?}", f.comment_widgets);
}

#[test]
fn the_site_name_in_its_structured_data_is_a_self_label() {
    // An aggregator that calls itself "Báo Mới" only in its metadata.
    let html = format!(
        "<html><head><title>Thế giới - Tin thời sự quốc tế</title>\
         <meta name=\"application-name\" content=\"Báo Mới\">\
         <script type=\"application/ld+json\">{{\"@context\":\"http://schema.org\",\"@type\":\"Organization\",\
         \"name\":\"Báo Mới\",\"url\":\"/\"}}</script></head><body><div class=\"content\">{}</div></body></html>",
        body(2)
    );
    let f = features(&html, Some("https://baomoi.example.vn/the-gioi.epi"));
    let kinds: Vec<(&str, &str)> = f
        .self_labels
        .iter()
        .map(|s| (s.kind.as_str(), s.place.as_str()))
        .collect();
    assert_eq!(kinds, vec![("press", "site_name")]);
    // An article's publisher (nested in the Article) is not the site naming itself.
    let html = format!(
        "<html><head><title>Tin mới</title><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
         \"headline\":\"Tin mới\",\"publisher\":{{\"@type\":\"Organization\",\"name\":\"Báo Dân Trí\"}}}}</script>\
         </head><body><div class=\"content\">{}</div></body></html>",
        body(2)
    );
    let f = features(&html, Some("https://tonghop.example.vn/tin-moi-123456.html"));
    assert!(f.self_labels.is_empty(), "{:?}", f.self_labels);
}

#[test]
fn a_price_board_with_a_company_blurb_is_not_an_article() {
    let rows: String = (0..40)
        .map(|i| format!("<tr><td>Vàng SJC loại {i}</td><td>16.730.000</td><td>16.930.000</td></tr>"))
        .collect();
    let html = format!(
        "<html><head><title>Giá vàng SJC hôm nay - Web Giá</title>\
         <script type=\"application/ld+json\">{{\"@type\":\"Article\",\"headline\":\"Giá vàng SJC\",\
         \"datePublished\":\"2026-01-22T21:37:18+07:00\"}}</script></head><body>\
         <h1>Giá vàng SJC</h1><table>{rows}</table><article>{}</article></body></html>",
        body(4)
    );
    let f = features(&html, Some("https://webgia.example.vn/gia-vang/sjc/"));
    assert!(!f.is_article, "{:?}", f.article_signals);
    assert!(
        f.article_signals
            .iter()
            .any(|s| s.starts_with("not-article:data-table"))
    );
    // A story with a small table of prices stays an article.
    let rows: String = (0..6)
        .map(|i| format!("<tr><td>Loại {i}</td><td>16.730.000</td></tr>"))
        .collect();
    let html = format!(
        "<html><head><title>Giá vàng tăng mạnh - Tin Nhanh</title></head><body><div class=\"content\">\
         <h1>Giá vàng tăng mạnh</h1>{}<table>{rows}</table></div></body></html>",
        body(6)
    );
    let f = features(
        &html,
        Some("https://tinnhanh.example.vn/gia-vang-tang-manh-123456.html"),
    );
    assert!(f.is_article, "{:?}", f.article_signals);
}
