//! Calendar arithmetic for WARC dates and page timestamps (no clock: the corpus is reproducible).

/// 2026-11-01T00:00:00Z, start of the synthetic crawl window.
pub const CRAWL_START: i64 = 1_793_491_200;
/// The crawl lasts a week.
pub const CRAWL_SECONDS: u64 = 7 * 86_400;
/// Vietnam is UTC+7.
const VN_OFFSET: i64 = 7 * 3600;

pub use crate::civil::{civil_from_days as civil, rfc3339};

fn split(t: i64) -> (i64, u32, u32, i64, i64, i64) {
    let (y, mo, d) = civil(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    (y, mo, d, s / 3600, s % 3600 / 60, s % 60)
}

/// ISO 8601 in Vietnam time: `2026-11-01T15:00:00+07:00`.
pub fn iso_vn(t: i64) -> String {
    let (y, mo, d, h, mi, s) = split(t + VN_OFFSET);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+07:00")
}

/// As Vietnamese pages print it: `Chủ nhật, 1/11/2026, 15:00 (GMT+7)` (style 0) or `01/11/2026 15:00` (style 1).
pub fn vn_display(t: i64, style: u8) -> String {
    let (y, mo, d, h, mi, _) = split(t + VN_OFFSET);
    if style == 0 {
        let days = (t + VN_OFFSET).div_euclid(86_400);
        // 1970-01-01 was a Thursday.
        let wd = [
            "Thứ năm",
            "Thứ sáu",
            "Thứ bảy",
            "Chủ nhật",
            "Thứ hai",
            "Thứ ba",
            "Thứ tư",
        ];
        let w = wd.get(days.rem_euclid(7) as usize).copied().unwrap_or("");
        format!("{w}, {d}/{mo}/{y}, {h:02}:{mi:02} (GMT+7)")
    } else {
        format!("{d:02}/{mo:02}/{y} {h:02}:{mi:02}")
    }
}

/// HTTP date: `Sun, 01 Nov 2026 08:00:00 GMT`.
pub fn http_date(t: i64) -> String {
    let (y, mo, d, h, mi, s) = split(t);
    let wd = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let mn = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let w = wd
        .get(t.div_euclid(86_400).rem_euclid(7) as usize)
        .copied()
        .unwrap_or("Mon");
    let m = mn.get((mo as usize).saturating_sub(1)).copied().unwrap_or("Jan");
    format!("{w}, {d:02} {m} {y} {h:02}:{mi:02}:{s:02} GMT")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(CRAWL_START), "2026-11-01T00:00:00Z");
        assert_eq!(iso_vn(CRAWL_START), "2026-11-01T07:00:00+07:00");
        assert_eq!(http_date(CRAWL_START), "Sun, 01 Nov 2026 00:00:00 GMT");
        assert_eq!(vn_display(CRAWL_START, 0), "Chủ nhật, 1/11/2026, 07:00 (GMT+7)");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
