//! Calendar arithmetic (proleptic Gregorian, Howard Hinnant's algorithms): day counts ↔ civil dates, RFC 3339 in UTC and in Vietnam's time.

/// Days since 1970-01-01 of a civil date (`m` 1–12, `d` 1–31).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// RFC 3339 in UTC of seconds since 1970: `2026-11-01T08:00:00Z`.
pub fn rfc3339(t: i64) -> String {
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// Vietnam's offset from UTC in seconds: Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving
/// since 1975), so no time-zone database is needed.
pub const VIETNAM_OFFSET: i64 = 7 * 3600;

/// RFC 3339 in Vietnam's time (Asia/Ho_Chi_Minh) of seconds since 1970: `2026-11-01T15:00:00+07:00`.
pub fn vietnam(t: i64) -> String {
    let local = rfc3339(t + VIETNAM_OFFSET);
    format!("{}+07:00", local.trim_end_matches('Z'))
}

/// Seconds since 1970 of an RFC 3339 time (`2026-11-21T09:14:03.120Z`, `…+07:00`, a space for
/// `T`; fractions dropped), or `None` when it is not one.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let n = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        if t.bytes().all(|c| c.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    let (y, mo, d, h, mi, se) = (n(0..4)?, n(5..7)?, n(8..10)?, n(11..13)?, n(14..16)?, n(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let o = rest.get(1..)?;
            if o.len() != 5 || o.as_bytes()[2] != b':' {
                return None;
            }
            let oh: i64 = o.get(0..2)?.parse().ok()?;
            let om: i64 = o.get(3..5)?.parse().ok()?;
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se - offset)
}

/// An RFC 3339 time shown in Vietnam's time with its offset; other text is returned as it is.
pub fn vietnam_text(s: &str) -> String {
    parse_rfc3339(s).map_or_else(|| s.to_owned(), vietnam)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_dates_round_trip() {
        for days in [-719_468, -1, 0, 1, 10_957, 11_016, 20_758, 47_482] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), days, "{y}-{m}-{d}");
        }
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn vietnam_time_is_utc_plus_seven_with_the_offset_shown() {
        assert_eq!(vietnam(0), "1970-01-01T07:00:00+07:00");
        let t = parse_rfc3339("2026-11-21T20:14:03.120Z").unwrap();
        assert_eq!(
            vietnam(t),
            "2026-11-22T03:14:03+07:00",
            "crosses midnight into the next day"
        );
        assert_eq!(parse_rfc3339("2026-11-22T03:14:03+07:00"), Some(t));
        assert_eq!(parse_rfc3339("2026-11-21 15:14:03-05:00"), Some(t));
        assert_eq!(vietnam_text("2026-11-21T09:14:03Z"), "2026-11-21T16:14:03+07:00");
        for bad in [
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-11-21T09:14:03",
            "2026-11-21T09:14:03+7",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
        assert_eq!(vietnam_text("not a date"), "not a date");
    }
}
