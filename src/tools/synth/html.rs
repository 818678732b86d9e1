//! HTML of generated pages: header with masthead and menu, article markup, footer with the
//! licence line, comment widgets, in three markup styles (semantic, div soup, legacy tables).
use std::fmt::Write as _;

use super::plan::{Comments, Licence, Outlet, SelfLabel, SitePlan};
use super::time::{iso_vn, vn_display};
use super::vocab::Vocab;

/// An article as a site presents it.
#[derive(Debug, Clone)]
pub struct Article {
    pub url: String,
    pub title: String,
    pub sapo: String,
    pub paragraphs: Vec<String>,
    pub section_label: String,
    pub section_path: String,
    pub published: i64,
    /// Byline line ("PV", "Minh Anh", "Nhóm PV"…), may be empty.
    pub byline: String,
    /// Genre kicker ("Phóng sự", "Điều tra"), may be empty.
    pub kicker: String,
    /// Cited outlet and the original's URL and time.
    pub source: Option<(usize, String, i64)>,
    pub source_style: u8,
    /// Footer left out (noisy sites).
    pub no_footer: bool,
    /// JSON-LD left broken (noisy sites).
    pub broken_jsonld: bool,
    pub json_type: &'static str,
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The `<meta>` charset declaration a plan's pages carry ("" for none).
pub fn meta_charset(p: &SitePlan) -> &'static str {
    use super::plan::Charset::*;
    match p.charset {
        Utf8 => "<meta charset=\"utf-8\">",
        Win1258 => "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">",
        Win1258Undeclared => "",
        Utf8WrongMeta => "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">",
    }
}

/// A GA4 measurement id as Google writes them (`G-` and 10 upper-case letters and digits, at
/// least one of each) for the site's analytics number.
pub fn ga4_id(n: u64) -> String {
    const A: &[u8; 36] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut x = super::rng::mix(&[n, 0x0067_6134]);
    let mut id = String::from("G-");
    for k in 0..10 {
        let c = match k {
            0 => A[(x % 26) as usize],
            9 => A[26 + (x % 10) as usize],
            _ => A[(x % 36) as usize],
        };
        id.push(char::from(c));
        x /= 36;
        if x == 0 {
            x = super::rng::mix(&[n, k as u64]);
        }
    }
    id
}

fn head(p: &SitePlan, title: &str, extra: &str) -> String {
    let lang = if p.english { "en" } else { "vi" };
    let mut h = String::with_capacity(2048);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n{}\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} - {}</title>\n<link rel=\"stylesheet\" href=\"https://static.{}/css/main.min.css?v=2.4.1\">\n<link rel=\"icon\" href=\"/favicon.ico\">\n{extra}<script async src=\"https://www.googletagmanager.com/gtag/js?id={}\"></script>\n<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());</script>\n</head>\n",
        meta_charset(p),
        esc(title),
        esc(&p.name),
        p.domain,
        ga4_id(p.analytics)
    );
    h
}

fn label_text(p: &SitePlan) -> String {
    match p.label {
        SelfLabel::None => String::new(),
        SelfLabel::Aggregate => "Trang thông tin điện tử tổng hợp".into(),
        SelfLabel::SocialNetwork => format!("Mạng xã hội {} – Kết nối cộng đồng", p.name),
        SelfLabel::Press => {
            let n = p.name.trim_start_matches("Báo ").trim_start_matches("Tạp chí ");
            match p.seed % 3 {
                _ if p.name.starts_with("Tạp chí") => format!("Tạp chí điện tử {n}"),
                0 => format!("Báo điện tử {n}"),
                1 => format!("Cơ quan ngôn luận của {}", p.owner),
                _ => format!("Báo điện tử {n} – Tiếng nói của bạn đọc"),
            }
        }
    }
}

fn menu(p: &SitePlan, vocab: &Vocab) -> Vec<(String, String)> {
    use super::archetype::Archetype::*;
    let mut m: Vec<(String, String)> = Vec::new();
    let other = match p.archetype {
        Blog => Some("blog"),
        Shop => Some("shop"),
        Company => Some("company"),
        EnglishNews => Some("en"),
        _ => None,
    };
    if let Some(k) = other {
        for it in vocab.menu(k) {
            m.push((it.label.clone(), format!("/{}", it.path)));
        }
        return m;
    }
    m.push((
        if p.seed.is_multiple_of(2) {
            "Trang chủ"
        } else {
            "Home"
        }
        .into(),
        "/".into(),
    ));
    let news = vocab.menu("news");
    for &i in &p.sections {
        if let Some(it) = news.get(i) {
            m.push((it.label.clone(), format!("/{}", it.path)));
        }
    }
    if p.hot
        && let Some(it) = vocab.menu("hot").get((p.seed % 2) as usize)
    {
        m.push((it.label.clone(), format!("/{}", it.path)));
    }
    for it in vocab.menu("misc").iter().take(2) {
        m.push((it.label.clone(), format!("/{}", it.path)));
    }
    m
}

fn header(p: &SitePlan, vocab: &Vocab, out: &mut String) {
    let label = label_text(p);
    let items = menu(p, vocab);
    match p.skin {
        0 => {
            let _ = write!(
                out,
                "<header class=\"site-header\">\n<div class=\"container\"><a class=\"logo\" href=\"/\" title=\"{0}\"><img src=\"/img/logo.png\" alt=\"{0}\"></a>",
                esc(&p.name)
            );
            if !label.is_empty() {
                let _ = write!(out, "<span class=\"slogan\">{}</span>", esc(&label));
            }
            out.push_str("</div>\n<nav class=\"main-nav\"><ul>");
            for (l, h) in &items {
                let _ = write!(out, "<li><a href=\"{h}\">{}</a></li>", esc(l));
            }
            out.push_str("</ul></nav>\n</header>\n");
        }
        1 => {
            let _ = write!(
                out,
                "<div id=\"header\"><div class=\"top-bar\"><span class=\"date-now\"></span>"
            );
            if !label.is_empty() {
                let _ = write!(out, "<h2 class=\"site-desc\">{}</h2>", esc(&label));
            }
            let _ = write!(
                out,
                "</div><div class=\"logo-wrap\"><a href=\"/\"><strong>{}</strong></a></div></div>\n<div class=\"menu-main\" id=\"menu\">",
                esc(&p.name)
            );
            for (l, h) in &items {
                let _ = write!(out, "<a class=\"menu-item\" href=\"{h}\">{}</a> ", esc(l));
            }
            out.push_str("</div>\n");
        }
        _ => {
            let _ = write!(
                out,
                "<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td class=\"banner\"><a href=\"/\"><img src=\"/images/banner.jpg\" alt=\"{}\"></a>",
                esc(&p.name)
            );
            if !label.is_empty() {
                let _ = write!(out, "<br><font size=\"2\" color=\"#c00\"><b>{}</b></font>", esc(&label));
            }
            out.push_str("</td></tr>\n<tr><td class=\"menu\" bgcolor=\"#004080\">");
            for (l, h) in &items {
                let _ = write!(
                    out,
                    "&nbsp;<a href=\"{h}\"><font color=\"#fff\">{}</font></a>&nbsp;|",
                    esc(l)
                );
            }
            out.push_str("</td></tr></table>\n");
        }
    }
}

fn footer(p: &SitePlan, out: &mut String) {
    let mut lines: Vec<String> = Vec::new();
    let addr = format!(
        "Số {} phố {}, {}",
        p.seed % 200 + 1,
        [
            "Trần Hưng Đạo",
            "Lý Thường Kiệt",
            "Nguyễn Trãi",
            "Lê Lợi",
            "Hai Bà Trưng"
        ][(p.seed % 5) as usize],
        ["Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng"][(p.seed / 7 % 3) as usize]
    );
    let phone = format!("024.{:04}.{:04}", p.seed % 10_000, p.seed / 10_000 % 10_000);
    let mr = if p.seed.is_multiple_of(2) { "Ông" } else { "Bà" };
    match &p.licence {
        Licence::Press { number, issuer, date } => {
            lines.push(format!("<b>{}</b> – Cơ quan chủ quản: {}", esc(&p.name), esc(&p.owner)));
            lines.push(format!("Tổng Biên tập: {}", esc(&p.responsible)));
            lines.push(format!("Phó Tổng Biên tập: {}", esc(&p.deputy)));
            lines.push(format!(
                "Giấy phép hoạt động báo điện tử số {number} do {} cấp ngày {date}.",
                esc(issuer)
            ));
            lines.push(format!(
                "Tòa soạn: {addr}. Điện thoại: {phone}. Email: toasoan@{}",
                p.domain
            ));
            lines.push(
                "© Bản quyền thuộc về tòa soạn. Cấm sao chép dưới mọi hình thức nếu không có sự chấp thuận bằng văn bản."
                    .into(),
            );
        }
        Licence::Aggregate { number, issuer, date } if p.english => {
            lines.push(format!("<b>{}</b> – operated by {}", esc(&p.name), esc(&p.owner)));
            lines.push(format!(
                "License No. {number} issued on {date} by the Department of Information and Communications. Responsible for content: {}.",
                esc(&p.responsible)
            ));
            lines.push(format!("Contact: editor@{} – {addr}", p.domain));
        }
        Licence::Aggregate { number, issuer, date } => {
            lines.push(format!(
                "<b>{}</b>{}",
                esc(&p.name),
                if p.seed.is_multiple_of(3) {
                    ""
                } else {
                    " – Trang thông tin điện tử tổng hợp"
                }
            ));
            lines.push(format!("Đơn vị chủ quản: {}", esc(&p.owner)));
            lines.push(format!(
                "Giấy phép thiết lập trang thông tin điện tử tổng hợp trên mạng số {number} do {} cấp ngày {date}.",
                esc(issuer)
            ));
            lines.push(format!(
                "Chịu trách nhiệm quản lý nội dung: {mr} {}",
                esc(&p.responsible)
            ));
            if p.newsroom {
                lines.push(format!("Tổng biên tập: {}", esc(&p.deputy)));
                lines.push(format!("Thư ký tòa soạn: {}", esc(&p.secretary)));
                lines.push(format!(
                    "Tòa soạn: {addr}. Đường dây nóng: 09{:08}",
                    p.seed % 100_000_000
                ));
                lines.push("Văn phòng đại diện phía Nam: 45 Nguyễn Thị Minh Khai, Quận 1, TP. Hồ Chí Minh".into());
            } else {
                lines.push(format!(
                    "Địa chỉ: {addr}. Điện thoại: {phone}. Email: lienhe@{}",
                    p.domain
                ));
            }
            lines.push("Thông tin trên trang được tổng hợp từ các cơ quan báo chí theo quy định. Ghi rõ nguồn khi phát hành lại thông tin từ website này.".into());
        }
        Licence::Social { number, issuer, date } => {
            lines.push(format!("<b>Mạng xã hội {}</b> – {}", esc(&p.name), esc(&p.owner)));
            lines.push(format!(
                "Giấy phép thiết lập mạng xã hội số {number} do {} cấp ngày {date}.",
                esc(issuer)
            ));
            lines.push(format!("Chịu trách nhiệm nội dung: {mr} {}", esc(&p.responsible)));
            if p.newsroom {
                lines.push(format!("Ban biên tập: {}, {}", esc(&p.deputy), esc(&p.secretary)));
            }
            lines.push(format!("Địa chỉ: {addr}. Email: hotro@{}", p.domain));
        }
        Licence::Business { number, issuer } => {
            lines.push(format!("<b>{}</b>", esc(&p.name)));
            lines.push(format!(
                "Giấy chứng nhận đăng ký doanh nghiệp số {number} do {} cấp lần đầu ngày 12/5/2018.",
                esc(issuer)
            ));
            lines.push(format!("Địa chỉ: {addr}. Hotline: {phone}"));
            if p.archetype == super::archetype::Archetype::Shop {
                lines.push("<a href=\"http://online.gov.vn/Home/WebDetails/1234\"><img src=\"/img/dathongbao.png\" alt=\"Đã thông báo Bộ Công Thương\"></a>".into());
            }
        }
        Licence::None => {
            if p.english {
                lines.push(format!("© 2026 {}. All rights reserved.", esc(&p.name)));
            } else if p.seed.is_multiple_of(2) {
                lines.push(format!(
                    "Bản quyền © 2026 {}. Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
                    esc(&p.name)
                ));
                lines.push(format!("Liên hệ quảng cáo: 09{:08}", p.seed % 100_000_000));
            } else {
                lines.push(format!(
                    "© {} – Tin tức cập nhật 24/7. Email: {}@gmail.com",
                    esc(&p.name),
                    p.domain.replace('.', "")
                ));
            }
        }
    }
    match p.skin {
        0 => {
            out.push_str("<footer class=\"site-footer\"><div class=\"container\">");
            for l in &lines {
                let _ = write!(out, "<p>{l}</p>");
            }
            out.push_str("</div></footer>\n");
        }
        1 => {
            out.push_str("<div id=\"footer\"><div class=\"footer-info\">");
            for l in &lines {
                let _ = writeln!(out, "{l}<br>");
            }
            out.push_str("</div></div>\n");
        }
        _ => {
            out.push_str("<table width=\"100%\"><tr><td class=\"footer\" align=\"center\"><font size=\"1\">");
            for l in &lines {
                let _ = write!(out, "{l}<br>");
            }
            out.push_str("</font></td></tr></table>\n");
        }
    }
}

fn comments(p: &SitePlan, url: &str, out: &mut String) {
    match p.comments {
        Comments::None => {}
        Comments::Facebook => {
            let _ = writeln!(
                out,
                "<div id=\"fb-root\"></div>\n<script async defer crossorigin=\"anonymous\" src=\"https://connect.facebook.net/vi_VN/sdk.js#xfbml=1&amp;version=v19.0\"></script>\n<div class=\"fb-comments\" data-href=\"{url}\" data-width=\"100%\" data-numposts=\"5\"></div>"
            );
        }
        Comments::SiteForm => match p.seed % 3 {
            0 => {
                let _ = writeln!(
                    out,
                    "<div class=\"box-comment\"><h3>Bình luận</h3><form id=\"comment-form\" action=\"/binh-luan/gui\" method=\"post\"><textarea name=\"noidung\" placeholder=\"Ý kiến của bạn...\"></textarea><input type=\"text\" name=\"hoten\" placeholder=\"Họ và tên\"><input type=\"email\" name=\"email\" placeholder=\"Email\"><button type=\"submit\">Gửi bình luận</button></form><div class=\"list-comment\"></div></div>"
                );
            }
            1 => {
                let _ = writeln!(
                    out,
                    "<div id=\"respond\" class=\"comment-respond\"><h3 id=\"reply-title\">Để lại bình luận</h3><form action=\"/wp-comments-post.php\" method=\"post\" id=\"commentform\"><p class=\"comment-form-comment\"><textarea id=\"comment\" name=\"comment\" rows=\"6\"></textarea></p><p class=\"form-submit\"><input name=\"submit\" type=\"submit\" value=\"Phản hồi\"></p></form></div>"
                );
            }
            _ => {
                let _ = writeln!(
                    out,
                    "<section class=\"comment-box\"><div class=\"title\">Ý kiến bạn đọc</div><form class=\"comment_form\" method=\"post\" action=\"/api/comment\"><textarea name=\"content\" maxlength=\"1000\"></textarea><button>Gửi</button></form></section>"
                );
            }
        },
        Comments::Disqus => {
            let _ = writeln!(
                out,
                "<div id=\"disqus_thread\"></div><script>(function(){{var d=document,s=d.createElement('script');s.src='https://{}.disqus.com/embed.js';(d.head||d.body).appendChild(s);}})();</script>",
                p.domain.replace('.', "-")
            );
        }
    }
}

fn source_line(a: &Article, outlets: &[Outlet], out: &mut String) {
    let Some((oi, url, t)) = &a.source else { return };
    let Some(o) = outlets.get(*oi) else { return };
    let when = vn_display(*t, 1);
    let _ = match a.source_style % 4 {
        0 => write!(out, "<p class=\"source\">Theo {}</p>", esc(&o.short)),
        1 => write!(
            out,
            "<div class=\"source\">Nguồn: <a href=\"{url}\" rel=\"nofollow\" target=\"_blank\">{}</a> ({when})</div>",
            esc(&o.name)
        ),
        2 => write!(
            out,
            "<p style=\"text-align:right\"><strong>(Theo {})</strong></p><p class=\"link-source\">Link bài gốc: <a href=\"{url}\" rel=\"nofollow\">{url}</a></p>",
            esc(&o.name)
        ),
        _ => write!(
            out,
            "<p class=\"author\">{} / Theo <a href=\"{url}\" rel=\"nofollow\">{}</a></p>",
            esc(if a.byline.is_empty() { "Hà My" } else { &a.byline }),
            esc(&o.short)
        ),
    };
}

/// An article page.
pub fn article_page(
    p: &SitePlan,
    vocab: &Vocab,
    outlets: &[Outlet],
    a: &Article,
    related: &[(String, String)],
) -> String {
    let pubt = iso_vn(a.published);
    let author = if a.byline.is_empty() {
        p.name.clone()
    } else {
        a.byline.clone()
    };
    let mut ld = format!(
        "{{\"@context\":\"https://schema.org\",\"@type\":\"{}\",\"headline\":{},\"description\":{},\"datePublished\":\"{pubt}\",\"dateModified\":\"{pubt}\",\"author\":{{\"@type\":\"Person\",\"name\":{}}},\"publisher\":{{\"@type\":\"Organization\",\"name\":{},\"logo\":{{\"@type\":\"ImageObject\",\"url\":\"https://{}/img/logo.png\"}}}},\"mainEntityOfPage\":\"{}\"}}",
        a.json_type,
        json_str(&a.title),
        json_str(&a.sapo),
        json_str(&author),
        json_str(&p.name),
        p.host,
        a.url
    );
    if a.broken_jsonld {
        // Real sites ship truncated or hand-concatenated JSON-LD.
        let mut cut = ld.len() * 2 / 3;
        while !ld.is_char_boundary(cut) {
            cut -= 1;
        }
        ld.truncate(cut);
        ld.push_str(",}");
    }
    let extra = format!(
        "<meta name=\"description\" content=\"{}\">\n<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"{}\">\n<meta property=\"og:site_name\" content=\"{}\">\n<meta property=\"og:url\" content=\"{}\">\n<meta property=\"article:published_time\" content=\"{pubt}\">\n<meta property=\"article:section\" content=\"{}\">\n<link rel=\"canonical\" href=\"{}\">\n<script type=\"application/ld+json\">{ld}</script>\n",
        esc(&a.sapo),
        esc(&a.title),
        esc(&p.name),
        a.url,
        esc(&a.section_label),
        a.url
    );
    let mut out = head(p, &a.title, &extra);
    out.push_str("<body>\n");
    header(p, vocab, &mut out);
    let when = vn_display(a.published, (p.seed % 2) as u8);
    let kicker = if a.kicker.is_empty() {
        String::new()
    } else {
        format!("<span class=\"kicker\">{}</span> ", esc(&a.kicker))
    };
    let byline = if a.byline.is_empty() || a.source_style % 4 == 3 && a.source.is_some() {
        String::new()
    } else {
        format!("<p class=\"author\"><strong>{}</strong></p>", esc(&a.byline))
    };
    match p.skin {
        0 => {
            let _ = writeln!(
                out,
                "<main class=\"container\">\n<article class=\"article-detail\">\n<ul class=\"breadcrumb\"><li><a href=\"/\">Trang chủ</a></li><li><a href=\"/{}\">{}</a></li></ul>\n{kicker}<h1 class=\"title-detail\">{}</h1>\n<span class=\"date\">{when}</span>\n<p class=\"description\">{}</p>\n<div class=\"fck_detail\">",
                a.section_path,
                esc(&a.section_label),
                esc(&a.title),
                esc(&a.sapo)
            );
            for para in &a.paragraphs {
                let _ = writeln!(out, "<p class=\"Normal\">{}</p>", esc(para));
            }
            let _ = writeln!(
                out,
                "<figure><img src=\"/uploads/2026/11/{}.jpg\" alt=\"\"><figcaption>Ảnh minh họa</figcaption></figure>",
                a.published % 100_000
            );
            out.push_str(&byline);
            source_line(a, outlets, &mut out);
            out.push_str("</div>\n</article>\n");
        }
        1 => {
            let _ = writeln!(
                out,
                "<div class=\"main-content\"><div class=\"detail\">\n<div class=\"cate\"><a href=\"/{}\">{}</a></div>\n<div class=\"detail-title\">{kicker}<h1>{}</h1></div>\n<div class=\"detail-time\">{when}</div>\n<div class=\"detail-sapo\"><strong>{}</strong></div>\n<div class=\"detail-content\" id=\"content\">",
                a.section_path,
                esc(&a.section_label),
                esc(&a.title),
                esc(&a.sapo)
            );
            for para in &a.paragraphs {
                let _ = writeln!(out, "<p>{}</p>", esc(para));
            }
            out.push_str(&byline);
            source_line(a, outlets, &mut out);
            out.push_str(
                "</div>\n<div class=\"tags\">Từ khóa: <a href=\"/tag/tin-moi\">tin mới</a></div></div></div>\n",
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "<table width=\"980\" align=\"center\"><tr><td valign=\"top\" class=\"content\">\n<a href=\"/{}\" class=\"cat\">{}</a><br>\n{kicker}<font class=\"title\" size=\"5\"><b>{}</b></font><br>\n<i>{when}</i><br>\n<b>{}</b>",
                a.section_path,
                esc(&a.section_label),
                esc(&a.title),
                esc(&a.sapo)
            );
            for para in &a.paragraphs {
                // Legacy pages leave paragraphs unclosed.
                let _ = writeln!(out, "<p>{}", esc(para));
            }
            out.push_str("<script>document.write('<div class=\"ads\"></div>');</script>\n");
            out.push_str(&byline);
            source_line(a, outlets, &mut out);
            out.push_str("</td><td width=\"300\" valign=\"top\"><!-- quảng cáo --></td></tr></table>\n");
        }
    }
    comments(p, &a.url, &mut out);
    related_box(related, &mut out);
    if !a.no_footer {
        footer(p, &mut out);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn related_box(related: &[(String, String)], out: &mut String) {
    if related.is_empty() {
        return;
    }
    out.push_str("<div class=\"box-related\"><h3>Tin liên quan</h3><ul>");
    for (t, u) in related {
        let _ = write!(out, "<li><a href=\"{u}\">{}</a></li>", esc(t));
    }
    out.push_str("</ul></div>\n");
}

/// A list page (home page or section): headlines with leads.
pub fn list_page(
    p: &SitePlan,
    vocab: &Vocab,
    title: &str,
    items: &[(String, String, String)],
    no_footer: bool,
) -> String {
    let extra = format!(
        "<meta name=\"description\" content=\"{}\">\n<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:site_name\" content=\"{}\">\n",
        esc(&p.name),
        esc(&p.name)
    );
    let mut out = head(p, title, &extra);
    out.push_str("<body>\n");
    header(p, vocab, &mut out);
    out.push_str(if p.skin == 2 {
        "<table><tr><td>\n"
    } else {
        "<div class=\"list-news\">\n"
    });
    for (t, u, s) in items {
        if p.skin == 2 {
            let _ = writeln!(out, "<a href=\"{u}\"><b>{}</b></a><br>{}<br><br>", esc(t), esc(s));
        } else {
            let _ = writeln!(
                out,
                "<div class=\"item-news\"><h3 class=\"title-news\"><a href=\"{u}\" title=\"{0}\">{0}</a></h3><p class=\"description\">{1}</p></div>",
                esc(t),
                esc(s)
            );
        }
    }
    out.push_str(if p.skin == 2 {
        "</td></tr></table>\n"
    } else {
        "</div>\n"
    });
    if !no_footer {
        footer(p, &mut out);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A plain page (about, product page) with paragraphs.
pub fn plain_page(p: &SitePlan, vocab: &Vocab, title: &str, paragraphs: &[String], tail: &str) -> String {
    let mut out = head(p, title, "");
    out.push_str("<body>\n");
    header(p, vocab, &mut out);
    let _ = writeln!(out, "<div class=\"page-content\"><h1>{}</h1>", esc(title));
    for para in paragraphs {
        let _ = writeln!(out, "<p>{}</p>", esc(para));
    }
    out.push_str(tail);
    out.push_str("</div>\n");
    footer(p, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}
