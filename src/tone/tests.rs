//! Unit tests of item scoring on hand-written titles and items.
use super::*;

fn model() -> ToneModel {
    match ToneModel::load(&ModelFiles::default()) {
        Ok(m) => m,
        Err(e) => panic!("embedded tone models must load: {e:#}"),
    }
}

fn neg(m: &ToneModel, t: &str) -> bool {
    score(m, t, "", "").negative
}

#[test]
fn crime_and_accidents_are_negative() {
    let m = model();
    assert!(neg(&m, "Bắt tạm giam giám đốc lừa đảo chiếm đoạt 20 tỷ đồng"));
    assert!(neg(&m, "Tai nạn giao thông trên quốc lộ 1A, hai người tử vong"));
    assert!(neg(&m, "vụ tai_nạn giao_thông nghiêm_trọng ở đồng_nai"));
    assert!(neg(&m, "Bat giu nghi pham trom cap xe may"), "no diacritics");
}

#[test]
fn context_cancels() {
    let m = model();
    assert!(!neg(&m, "Tuyên truyền phòng chống ma túy cho học sinh"));
    assert!(!neg(&m, "Bắt đầu mùa tuyển sinh đại học"));
    assert!(!neg(&m, "Cơn bão giảm giá iPhone cuối năm"));
    assert!(neg(&m, "Bắt giữ thành công nhóm cướp giật"));
}

#[test]
fn evidence_has_field_and_offsets() {
    let m = model();
    let title = "Cháy lớn ở chợ";
    let lead = "Không có thương vong";
    let t = score(&m, title, lead, "");
    let first = t.matches.first().map(|x| (x.field, x.start, x.end, x.text.clone()));
    assert_eq!(first, Some((Field::Title, 0, "Cháy lớn".len(), "Cháy lớn".to_string())));
    assert!(
        t.matches
            .iter()
            .any(|x| x.field == Field::Lead && x.kind == Kind::Dampen)
    );
    assert_eq!(t.categories, vec!["disaster".to_string()]);
}

#[test]
fn sensational_titles() {
    let m = model();
    assert!(score(&m, "Sốc với cảnh tượng kinh hoàng tại chợ", "", "").sensational);
    assert!(score(&m, "NÓNG: Lộ clip nữ sinh bị đánh hội đồng!!", "", "").sensational);
    assert!(!score(&m, "Giá vàng hôm nay tăng nhẹ", "", "").sensational);
}

#[test]
fn body_alone_cannot_make_an_item_negative() {
    let m = model();
    let body = "Nghi phạm giết người, cướp tài sản, bị bắt tạm giam. Vụ án mạng rúng động. Tử vong.";
    let t = score(&m, "Thời tiết hôm nay", "", body);
    assert!(!t.negative && t.score > 0.0);
}
