//! Per-page expectations on the real Vietnamese pages in `$BAOHOA_REALDATA/vn-news-html-*`,
//! written by reading each page: licence kind and number, site name, newsroom titles, article or
//! list, published time, byline, attribution, comment widget, language, main-menu sections.
use std::path::PathBuf;

use baohoa::page::{LicenceKind, PageFeatures};
use baohoa::text::lang::Lang;

struct Exp {
    dir: &'static str,
    file: &'static str,
    licence: LicenceKind,
    /// Licence number as written (substring), when there is one.
    number: Option<&'static str>,
    /// Substring of the site name.
    site_name: &'static str,
    /// Newsroom titles that must be found.
    titles: &'static [&'static str],
    /// Tổng biên tập's name, where the page gives it.
    editor: Option<&'static str>,
    article: bool,
    published: bool,
    /// Byline name (substring); None = the page names no writer we can see.
    byline: Option<&'static str>,
    /// Cited outlet (substring) or "compiled".
    attribution: Option<&'static str>,
    comments: bool,
    lang: Lang,
    /// Sections that must be in the main menu.
    sections: &'static [&'static str],
}

const M12: &str = "vn-news-html-2012-myfeed";
const M26: &str = "vn-news-html-2026-tracking-news-mcp";
const MISC: &str = "vn-news-html-misc";

const PAGES: &[Exp] = &[
    Exp {
        dir: M12,
        file: "24h1.html",
        licence: LicenceKind::Aggregate,
        number: Some("232 /GP- TT ĐT"),
        site_name: "24h",
        titles: &["Cơ quan chủ quản", "Tòa soạn", "Chịu trách nhiệm nội dung"],
        editor: None,
        article: true,
        published: true,
        byline: Some("Sầm Hoa"),
        attribution: Some("Vietnamnet/Reuters"),
        comments: true,
        lang: Lang::Vi,
        sections: &["Thể thao", "Giáo dục"],
    },
    Exp {
        dir: M12,
        file: "dantri1.html",
        licence: LicenceKind::Press,
        number: Some("1050/GP - BTTTT"),
        site_name: "Dantri",
        titles: &["Cơ quan chủ quản", "Tòa soạn"],
        editor: None,
        article: true,
        published: true,
        byline: Some("Quang Phong - Tùng Nguyên"),
        attribution: None,
        comments: true,
        lang: Lang::Vi,
        sections: &["Xã hội", "Pháp luật", "Thế giới", "Giáo dục"],
    },
    Exp {
        dir: M12,
        file: "genk1.html",
        licence: LicenceKind::Aggregate,
        number: Some("25/GP-TTĐT"),
        site_name: "GenK",
        titles: &[],
        editor: None,
        article: true,
        published: true,
        byline: None,
        attribution: Some("Minh Nguyễn/Vcamp.vn"),
        comments: true,
        lang: Lang::Vi,
        sections: &["Công nghệ"],
    },
    Exp {
        dir: M12,
        file: "nld1.html",
        licence: LicenceKind::Press,
        number: Some("1872/GP- BTTTT"),
        site_name: "nld",
        titles: &["Tổng biên tập"],
        editor: Some("Đỗ Danh Phương"),
        article: true,
        published: true,
        byline: None,
        attribution: None,
        comments: true,
        lang: Lang::Vi,
        sections: &["Pháp luật", "Chính trị", "Xã hội"],
    },
    Exp {
        dir: M12,
        file: "soha1.html",
        licence: LicenceKind::Aggregate,
        number: Some("191/GP-TTĐT"),
        site_name: "Soha",
        titles: &[],
        editor: None,
        article: true,
        published: true,
        byline: None,
        attribution: Some("Ngoisao"),
        comments: true,
        lang: Lang::Vi,
        sections: &["Giải trí", "Pháp luật"],
    },
    Exp {
        dir: M12,
        file: "thanhnien.homepage.html",
        licence: LicenceKind::Press,
        number: Some("14GP/BC"),
        site_name: "Thanh Niên",
        titles: &["Tổng biên tập", "Thư ký tòa soạn"],
        editor: Some("NGUYỄN QUANG THÔNG"),
        article: false,
        published: false,
        byline: None,
        attribution: None,
        comments: false,
        lang: Lang::Vi,
        sections: &["Pháp luật", "Thế giới", "Phóng sự"],
    },
    Exp {
        dir: M12,
        file: "thanhnien1.html",
        licence: LicenceKind::Press,
        number: Some("14GP/BC"),
        site_name: "Thanh Niên",
        titles: &["Tổng biên tập", "Thư ký tòa soạn"],
        editor: Some("NGUYỄN QUANG THÔNG"),
        article: true,
        published: true,
        byline: Some("Vũ Phương Thảo"),
        attribution: None,
        comments: false,
        lang: Lang::Vi,
        sections: &["Pháp luật"],
    },
    Exp {
        dir: M12,
        file: "vnexpress.hompage.html",
        licence: LicenceKind::None,
        number: None,
        site_name: "",
        titles: &[],
        editor: None,
        article: false,
        published: false,
        byline: None,
        attribution: None,
        comments: false,
        lang: Lang::Vi,
        sections: &["Xã hội", "Thế giới", "Pháp luật"],
    },
    Exp {
        dir: M12,
        file: "vnexpress1.html",
        licence: LicenceKind::None,
        number: None,
        site_name: "VnExpress",
        titles: &[],
        editor: None,
        article: true,
        published: true,
        // A reader's letter ("Bạn đọc"), signed "Trung" on its last line.
        byline: Some("Trung"),
        attribution: None,
        comments: true,
        lang: Lang::Vi,
        sections: &["Xã hội", "Pháp luật", "Bạn đọc"],
    },
    Exp {
        dir: M12,
        file: "zing1.html",
        licence: LicenceKind::Aggregate,
        number: Some("41/GP-TTĐT"),
        site_name: "",
        titles: &["Cơ quan chủ quản"],
        editor: None,
        article: true,
        published: false,
        byline: Some("Nhóm PV"),
        attribution: Some("Infonet"),
        comments: false,
        lang: Lang::Vi,
        sections: &["Thế giới", "Thể thao", "Giải trí"],
    },
    Exp {
        dir: M26,
        file: "baochinhphu_list.html",
        licence: LicenceKind::Press,
        number: Some("102/GP-BTTTT"),
        site_name: "baochinhphu",
        titles: &["Tổng biên tập"],
        editor: Some("Nguyễn Hồng Sâm"),
        article: false,
        published: true,
        byline: None,
        attribution: None,
        comments: false,
        lang: Lang::Vi,
        sections: &["Chính trị", "Kinh tế", "Pháp luật"],
    },
    Exp {
        dir: M26,
        file: "baodautu_article.html",
        licence: LicenceKind::Press,
        number: Some("1/GP-BC"),
        site_name: "baodautu",
        titles: &["Tổng biên tập", "Phó tổng biên tập", "Tòa soạn"],
        editor: Some("Phạm Văn Hoành"),
        article: true,
        published: true,
        byline: Some("Nguyên Minh"),
        attribution: None,
        comments: true,
        lang: Lang::Vi,
        sections: &["Kinh tế"],
    },
    Exp {
        dir: M26,
        file: "cafef_article.html",
        licence: LicenceKind::Aggregate,
        number: Some("2216/GP-TTĐT"),
        site_name: "cafef",
        titles: &["Chịu trách nhiệm nội dung"],
        editor: None,
        article: true,
        published: true,
        byline: Some("Dương Ngọc"),
        attribution: Some("Nhịp sống thị trường"),
        comments: false,
        lang: Lang::Vi,
        sections: &["Xã hội", "Kinh tế"],
    },
    Exp {
        dir: M26,
        file: "dantri_list.html",
        licence: LicenceKind::Press,
        number: Some("15/GP-BVHTTDL"),
        site_name: "Dân Trí",
        titles: &["Tổng biên tập", "Cơ quan chủ quản", "Tòa soạn"],
        editor: Some("Phạm Tuấn Anh"),
        article: false,
        published: false,
        byline: None,
        attribution: None,
        comments: false,
        lang: Lang::Vi,
        sections: &["Thế giới", "Pháp luật", "Thời sự", "Kinh tế"],
    },
    Exp {
        dir: M26,
        file: "nld_article.html",
        licence: LicenceKind::None,
        number: None,
        site_name: "Người Lao Động",
        titles: &["Tổng biên tập", "Phó tổng biên tập", "Cơ quan chủ quản"],
        editor: Some("TÔ ĐÌNH TUÂN"),
        article: true,
        published: true,
        byline: Some("Minh Chiến"),
        attribution: None,
        comments: true,
        lang: Lang::Vi,
        sections: &["Pháp luật", "Thời sự", "Kinh tế"],
    },
    Exp {
        dir: M26,
        file: "tuoitre_article.html",
        licence: LicenceKind::Press,
        number: Some("561/GP-BTTTT"),
        site_name: "TUOI TRE",
        titles: &["Tổng biên tập"],
        editor: Some("Lê Thế Chữ"),
        article: true,
        published: true,
        byline: Some("NHẬT XUÂN"),
        attribution: None,
        comments: true,
        lang: Lang::Vi,
        sections: &["Thế giới", "Kinh tế"],
    },
    Exp {
        dir: M26,
        file: "vietnamnet_list.html",
        licence: LicenceKind::Press,
        number: Some("146/GP-BVHTTDL"),
        site_name: "VietNamNet",
        titles: &["Tổng biên tập", "Cơ quan chủ quản"],
        editor: Some("Nguyễn Văn Bá"),
        article: false,
        published: false,
        byline: None,
        attribution: None,
        comments: false,
        lang: Lang::Vi,
        sections: &["Chính trị", "Thời sự", "Pháp luật"],
    },
    Exp {
        dir: M26,
        file: "vnexpress_article.html",
        licence: LicenceKind::None,
        number: None,
        site_name: "vnexpress",
        titles: &[],
        editor: None,
        article: true,
        published: true,
        byline: Some("Hà Thu"),
        attribution: Some("compiled"),
        comments: true,
        lang: Lang::Vi,
        sections: &[],
    },
    Exp {
        dir: MISC,
        file: "e.vnexpress.net-homepage-2025.html",
        licence: LicenceKind::Press,
        number: Some("71/GP-CBC"),
        site_name: "VnExpress International",
        titles: &["Tổng biên tập"],
        editor: Some("Pham Van Hieu"),
        article: false,
        published: false,
        byline: None,
        attribution: None,
        comments: false,
        lang: Lang::En,
        sections: &["Thời sự", "Kinh tế"],
    },
];

fn realdata() -> Option<PathBuf> {
    match std::env::var_os("BAOHOA_REALDATA") {
        Some(d) => Some(PathBuf::from(d)),
        None => {
            eprintln!("skipping: BAOHOA_REALDATA is not set (point it at the realdata folder)");
            None
        }
    }
}

/// URL of a saved page from its folder's index.tsv (canonical/og:url column), if any.
fn index_url(dir: &std::path::Path, file: &str) -> Option<String> {
    let idx = std::fs::read_to_string(dir.join("index.tsv")).ok()?;
    idx.lines()
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.first() == Some(&file)).then(|| c.get(3).map(|u| u.to_string()))
        })
        .flatten()
        .find(|u| !u.is_empty())
}

fn features(root: &std::path::Path, e: &Exp) -> PageFeatures {
    let dir = root.join(e.dir);
    let bytes = std::fs::read(dir.join(e.file)).unwrap_or_default();
    assert!(!bytes.is_empty(), "{}/{} missing or empty", e.dir, e.file);
    let dec = baohoa::ingest::decode::decode_html(&bytes, None);
    let url = index_url(&dir, e.file);
    let page = baohoa::page::parse(&dec.html, url.as_deref());
    let models = baohoa::models::Models::load(&baohoa::models::ModelFiles::default()).expect("embedded models load");
    baohoa::page::features(&page, &models.page)
}

fn check(f: &PageFeatures, e: &Exp) -> Vec<String> {
    let mut bad = Vec::new();
    let mut expect = |ok: bool, what: String| {
        if !ok {
            bad.push(what);
        }
    };
    expect(
        f.licence_kind == e.licence,
        format!("licence kind {:?}, expected {:?}", f.licence_kind, e.licence),
    );
    if let Some(n) = e.number {
        expect(
            f.licences.iter().any(|l| l.number.as_deref() == Some(n)),
            format!(
                "licence number {n:?} not in {:?}",
                f.licences.iter().map(|l| &l.number).collect::<Vec<_>>()
            ),
        );
        expect(
            f.licences.iter().all(|l| !l.evidence.context.is_empty()),
            "licence without evidence".into(),
        );
    }
    if !e.site_name.is_empty() {
        let sn = f.site_name.as_ref().map(|s| s.name.as_str()).unwrap_or("");
        expect(
            sn.to_lowercase().contains(&e.site_name.to_lowercase()),
            format!("site name {sn:?} lacks {:?}", e.site_name),
        );
    }
    for t in e.titles {
        expect(
            f.newsroom.iter().any(|n| n.title == *t),
            format!("newsroom title {t:?} missing"),
        );
    }
    if let Some(ed) = e.editor {
        expect(
            f.newsroom
                .iter()
                .any(|n| n.title == "Tổng biên tập" && n.person.as_deref() == Some(ed)),
            format!(
                "Tổng biên tập {ed:?} not found in {:?}",
                f.newsroom.iter().map(|n| (&n.title, &n.person)).collect::<Vec<_>>()
            ),
        );
    } else {
        expect(
            !f.newsroom.iter().any(|n| n.title == "Tổng biên tập"),
            "unexpected Tổng biên tập".into(),
        );
    }
    expect(
        f.is_article == e.article,
        format!("is_article {} (signals {:?})", f.is_article, f.article_signals),
    );
    expect(
        f.published.is_some() == e.published,
        format!("published {:?}", f.published),
    );
    match e.byline {
        Some(b) => expect(
            f.byline.as_ref().is_some_and(|x| x.name.contains(b)),
            format!("byline {:?}, expected {b:?}", f.byline.as_ref().map(|x| &x.name)),
        ),
        None => expect(f.byline.is_none(), format!("unexpected byline {:?}", f.byline)),
    }
    match e.attribution {
        Some("compiled") => expect(
            f.attributions.iter().any(|a| a.kind == "compiled"),
            "no 'tổng hợp' attribution".into(),
        ),
        Some(o) => expect(
            f.attributions.iter().any(|a| a.outlet.contains(o)),
            format!(
                "attribution {o:?} not in {:?}",
                f.attributions.iter().map(|a| &a.outlet).collect::<Vec<_>>()
            ),
        ),
        None => expect(
            f.attributions.is_empty(),
            format!("unexpected attributions {:?}", f.attributions),
        ),
    }
    expect(
        f.comment_widgets.is_empty() != e.comments,
        format!("comment widgets {:?}", f.comment_widgets),
    );
    expect(f.lang == Some(e.lang), format!("lang {:?}", f.lang));
    for s in e.sections {
        expect(
            f.sections.iter().any(|x| x.label == *s),
            format!(
                "section {s:?} missing from {:?}",
                f.sections.iter().map(|x| &x.label).collect::<Vec<_>>()
            ),
        );
    }
    if e.article {
        expect(
            f.main_text_chars >= 300,
            format!("main text only {} chars", f.main_text_chars),
        );
        expect(!f.lead.is_empty(), "empty lead".into());
    }
    bad
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn every_vietnamese_realdata_page_reads_as_a_reader_reads_it() {
    let Some(root) = realdata() else { return };
    // Every page in the folders has an expectation.
    for dir in [M12, M26, MISC] {
        for entry in std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".html") {
                assert!(
                    PAGES.iter().any(|e| e.dir == dir && e.file == name),
                    "no expectation written for {dir}/{name}"
                );
            }
        }
    }
    let mut failures = Vec::new();
    for e in PAGES {
        let f = features(&root, e);
        let bad = check(&f, e);
        eprintln!(
            "{:<40} {}",
            e.file,
            if bad.is_empty() {
                "ok".to_string()
            } else {
                bad.join("; ")
            }
        );
        if !bad.is_empty() {
            failures.push(format!("{}: {}", e.file, bad.join("; ")));
        }
    }
    eprintln!(
        "{} of {} pages meet every expectation",
        PAGES.len() - failures.len(),
        PAGES.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
