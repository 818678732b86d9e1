//! Domain features on the domains named in the ministry's sweeps (regulation.md #2), on IDN,
//! punycode and confusable look-alikes, and through the `baohoa domain` binary.
use baohoa::domain::{self, DomainFeatures, How, SubstitutionKind, WordCategory};
use baohoa::models::Models;

fn models() -> Models {
    match Models::embedded() {
        Ok(m) => m,
        Err(e) => panic!("embedded models must load: {e:#}"),
    }
}

fn analyse(m: &Models, d: &str) -> DomainFeatures {
    domain::analyse(d, None, &m.domain, &m.registry)
}

fn words(f: &DomainFeatures) -> Vec<String> {
    f.press_words
        .as_ref()
        .map(|p| p.words.iter().map(|w| w.word.clone()).collect())
        .unwrap_or_default()
}

fn has_word(f: &DomainFeatures, w: &str, cat: WordCategory) -> bool {
    f.press_words
        .as_ref()
        .is_some_and(|p| p.words.iter().any(|h| h.word == w && h.category == cat))
}

/// The best look-alike match: (outlet, how).
fn imitates(f: &DomainFeatures) -> Option<(String, How)> {
    f.lookalike
        .as_ref()
        .and_then(|l| l.matches.first())
        .map(|m| (m.outlet.clone(), m.how))
}

#[test]
fn swept_domains_get_the_expected_findings() {
    let m = models();
    let a = |d: &str| analyse(&m, d);

    // "Identical to press" in the sweep: press word "tạp chí" and the broadcast word "truyền hình".
    // (Whether a licensed "Tạp chí Truyền hình" exists was not verified: no look-alike expected.)
    let f = a("tapchitruyenhinh.net");
    assert!(has_word(&f, "tạp chí", WordCategory::Press), "{:?}", words(&f));
    assert!(has_word(&f, "truyền hình", WordCategory::PressRole), "{:?}", words(&f));

    // Press word "tạp chí" + "thời đại" (Tạp chí Thời Đại is not in the sample registry).
    let f = a("tapchithoidai.com");
    assert!(has_word(&f, "tạp chí", WordCategory::Press));

    // Tạp chí Ngân hàng (tapchinganhang.gov.vn) on another TLD, plus the press word.
    let f = a("tapchinganhang.net");
    assert!(has_word(&f, "tạp chí", WordCategory::Press));
    assert_eq!(imitates(&f), Some(("Tạp chí Ngân hàng".into(), How::SameName)));

    // Báo Gia Lai (baogialai.com.vn) on another TLD, press word "báo", place "Gia Lai".
    let f = a("baogialai.net");
    assert!(has_word(&f, "báo", WordCategory::Press));
    assert_eq!(imitates(&f), Some(("Báo Gia Lai".into(), How::SameName)));
    assert!(
        f.locality
            .as_ref()
            .is_some_and(|l| l.places.iter().any(|p| p.name == "Gia Lai"))
    );

    // "Similar": Báo Đầu tư (baodautu.vn) with "báo" swapped for "tạp chí".
    let f = a("tapchidautu.net");
    assert!(has_word(&f, "tạp chí", WordCategory::Press));
    assert_eq!(imitates(&f), Some(("Báo Đầu tư".into(), How::PressWordSwap)));

    // Press word "tạp chí" + "làm đẹp" / "công nghệ" (no such licensed magazine in the sample).
    for d in ["tapchilamdep.com", "tapchicongnghe.info"] {
        let f = a(d);
        assert!(has_word(&f, "tạp chí", WordCategory::Press), "{d}: {:?}", words(&f));
    }

    // Aggregate-like: "tin" (weak alone) with the cues "247" and "giải trí".
    let f = a("tin247giaitri.com");
    assert!(has_word(&f, "tin", WordCategory::Press));
    assert!(has_word(&f, "247", WordCategory::Cue));
    // "chợ tin" (news market): "tin" with the cue "chợ".
    let f = a("chotin.vn");
    assert!(
        has_word(&f, "tin", WordCategory::Press) && has_word(&f, "chợ", WordCategory::Cue),
        "{:?}",
        f.segments
    );

    // Press-like: the newsroom word "phóng viên".
    assert!(has_word(&a("phongvien.vn"), "phóng viên", WordCategory::PressRole));
    // State-like: "cảnh sát".
    assert!(has_word(&a("canhsat4sao.vn"), "cảnh sát", WordCategory::Authority));
    // "báo" + "du học" (not "bảo hiểm"-like: "báo" stands alone).
    assert!(has_word(&a("baoduhoc.vn"), "báo", WordCategory::Press));

    // 2020 SN applications resembling press:
    // Tạp chí Kinh tế & Phát triển (NEU journal) without its press word.
    assert_eq!(
        imitates(&a("kinhtephattrien.vn")),
        Some(("Tạp chí Kinh tế & Phát triển".into(), How::NameWithoutPressWord))
    );
    // Công Luận (congluan.vn, the journalists' association paper) plus "xã hội và".
    let f = a("xahoivacongluan.vn");
    assert_eq!(imitates(&f), Some(("Công Luận".into(), How::AddedWords)));
    assert!(
        f.lookalike
            .as_ref()
            .is_some_and(|l| l.matches[0].added == ["xa hoi", "va"])
    );
    // "… và Đời sống" after Sức khỏe & Đời sống (suckhoedoisong.vn): the shared name part.
    assert_eq!(
        imitates(&a("doanhnghiepvadoisong.vn")),
        Some(("Sức khỏe & Đời sống".into(), How::SharedNamePart))
    );
}

#[test]
fn segmentation_separates_words_from_letters() {
    let m = models();
    let seg = |d: &str| -> Vec<String> { analyse(&m, d).segments.into_iter().map(|s| s.text).collect() };
    assert_eq!(seg("tintucnghean.vn"), ["tin tuc", "nghe an"]);
    assert_eq!(seg("baohiemxahoi.gov.vn"), ["bao hiem", "xa hoi"]);
    assert_eq!(seg("thegioididong.com"), ["the gioi", "di dong"]);
    assert_eq!(seg("vnexpress24h.com"), ["vn", "express", "24h"]);
    let f = analyse(&m, "tintucnghean.vn");
    assert!(has_word(&f, "tin tức", WordCategory::Press));
    assert_eq!(f.locality.map(|l| l.places[0].name.clone()), Some("Nghệ An".into()));
    // A province merged in 2025 says where it went.
    let f = analyse(&m, "tinbinhduong.vn");
    let p = f.locality.map(|l| l.places[0].clone());
    assert_eq!(
        p.map(|p| (p.status, p.merged_into)),
        Some(("pre2025".into(), "Thành phố Hồ Chí Minh".into()))
    );
}

#[test]
fn idn_punycode_and_confusables() {
    let m = models();
    // Cyrillic "е" (U+0435) in "vnеxpress": caught as a homoglyph of VnExpress, mixed script.
    let cyr = "vn\u{0435}xpress.net";
    let puny = match idna::domain_to_ascii(cyr) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    assert!(puny.starts_with("xn--"), "{puny}");
    for input in [cyr, puny.as_str()] {
        let f = analyse(&m, input);
        assert_eq!(f.domain, puny);
        assert!(f.idn && f.mixed_script, "{input}");
        assert_eq!(f.ascii, "vnexpress");
        assert!(
            f.substitutions
                .iter()
                .any(|s| s.how == SubstitutionKind::Confusable && s.from == '\u{0435}')
        );
        assert_eq!(imitates(&f), Some(("VnExpress".into(), How::Homoglyph)), "{input}");
    }
    // Greek omicron for "o" in "tuoitre".
    let f = analyse(&m, "tu\u{03bf}itre.net");
    assert_eq!(imitates(&f), Some(("Tuổi Trẻ".into(), How::Homoglyph)));
    // Digit look-alikes.
    let f = analyse(&m, "vnexpres5.net");
    assert_eq!(imitates(&f), Some(("VnExpress".into(), How::Homoglyph)));
    let f = analyse(&m, "thanhn1en.vn");
    assert_eq!(imitates(&f), Some(("Thanh Niên".into(), How::Homoglyph)));
    // A Vietnamese IDN (diacritics are not confusables): "báomới.vn" is Báo Mới's name on another domain.
    let f = analyse(&m, "báomới.vn");
    assert!(f.idn && !f.mixed_script);
    assert!(f.substitutions.iter().all(|s| s.how == SubstitutionKind::Diacritic));
    assert!(has_word(&f, "báo mới", WordCategory::Press));
    assert_eq!(imitates(&f), Some(("Báo Mới".into(), How::SameName)));
}

#[test]
fn added_words_edits_and_transpositions() {
    let m = models();
    let f = analyse(&m, "vnexpress24h.com");
    assert_eq!(imitates(&f), Some(("VnExpress".into(), How::AddedWords)));
    let f = analyse(&m, "tuoitre-news.com");
    assert_eq!(imitates(&f), Some(("Tuổi Trẻ".into(), How::AddedWords)));
    let f = analyse(&m, "dantir.vn");
    assert_eq!(imitates(&f), Some(("Dân trí".into(), How::Transposition)));
    let f = analyse(&m, "vnexpess.net");
    assert_eq!(imitates(&f), Some(("VnExpress".into(), How::EditDistance)));
    let l = f.lookalike.as_ref().map(|l| l.matches[0].clone());
    assert_eq!(l.as_ref().and_then(|l| l.distance), Some(1));
    // Relative distance: a short name does not match everything one letter away.
    assert!(analyse(&m, "vtc.net").lookalike.is_some()); // same name, other TLD
    assert!(analyse(&m, "vtb.net").lookalike.is_none());
    assert!(analyse(&m, "nld24.vn").lookalike.is_none());
}

#[test]
fn site_name_is_checked_too() {
    let m = models();
    let f = domain::analyse("example.com", Some("Báo Dân trí"), &m.domain, &m.registry);
    assert_eq!(imitates(&f), Some(("Dân trí".into(), How::SameName)));
    assert!(has_word(&f, "báo", WordCategory::Press));
    let f = domain::analyse("tinhte.vn", Some("Tinh tế"), &m.domain, &m.registry);
    assert!(f.press_words.is_none() && f.lookalike.is_none());
}

#[test]
fn cli_prints_one_json_line_per_name() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baohoa"))
        .args(["domain", "baogialai.net", "https://www.tinhte.vn/thread/x"])
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => panic!("cannot run baohoa: {e}"),
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<DomainFeatures> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].domain, "baogialai.net");
    assert!(lines[0].lookalike.is_some());
    assert_eq!(lines[1].domain, "tinhte.vn");
    assert!(lines[1].press_words.is_none());
}
