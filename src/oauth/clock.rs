//! Clock correction for client assertions: a client whose clock is off signs assertions the
//! token endpoint refuses (`iat` in its future, or `exp` already in its past). The token
//! endpoint's `Date` header (RFC 9110 section 6.6.1) tells the client the server's time; the
//! host passes the header and its own time, and this module decides the offset to sign with.

/// Below this skew, in seconds, no correction is made: the `Date` header has a resolution of
/// one second and the response took some time to arrive.
pub const CLOCK_SKEW_TOLERANCE_SECONDS: u64 = 5;

/// Parses an HTTP date in the preferred format of RFC 9110 section 5.6.7 (IMF-fixdate, such
/// as `Sun, 06 Nov 1994 08:49:37 GMT`) into Unix seconds; `None` for anything else (the
/// obsolete formats, which no current server sends, included).
///
/// ```
/// use healthauth::oauth::clock::parse_http_date;
///
/// assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
/// assert_eq!(parse_http_date("yesterday"), None);
/// ```
pub fn parse_http_date(value: &str) -> Option<i64> {
    let value = value.trim();
    let b = value.as_bytes();
    // "Sun, 06 Nov 1994 08:49:37 GMT": 29 ASCII bytes.
    if b.len() != 29 || !value.is_ascii() {
        return None;
    }
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let field = |from: usize, to: usize| value.get(from..to);
    let number = |from: usize, to: usize| -> Option<i64> {
        let s = field(from, to)?;
        if !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    if !days.contains(&field(0, 3)?)
        || field(3, 5)? != ", "
        || field(7, 8)? != " "
        || field(11, 12)? != " "
        || field(16, 17)? != " "
        || field(19, 20)? != ":"
        || field(22, 23)? != ":"
        || field(25, 29)? != " GMT"
    {
        return None;
    }
    let day = number(5, 7)?;
    let month = months.iter().position(|m| Some(*m) == field(8, 11))? as i64 + 1;
    let year = number(12, 16)?;
    let (hour, minute, second) = (number(17, 19)?, number(20, 22)?, number(23, 25)?);
    // Second 60 is a leap second.
    if !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The offset, in whole seconds, to add to the local clock when signing client assertions,
/// from the token endpoint's `Date` header seen at local time `now`: the server's time minus
/// `now` when the local clock is off by more than an assertion of `lifetime_seconds` allows,
/// else `current` (the offset in use, kept).
///
/// The local clock is off by too much when the skew is over half the assertion's lifetime
/// (then the assertion lives less than half its life at the server, or is dated in its
/// future by more than servers tolerate), or over [`CLOCK_SKEW_TOLERANCE_SECONDS`] ahead of
/// the server (an `iat` in the server's future is refused by strict servers). Once an offset
/// is in use, it is replaced only when the corrected clock is itself off by that much again,
/// so the second-resolution header does not make it jitter. A missing or unreadable header
/// keeps `current`.
///
/// ```
/// use healthauth::oauth::clock::assertion_clock_offset;
///
/// let date = "Tue, 14 Nov 2023 22:13:20 GMT"; // 1_700_000_000
/// // The local clock is an hour behind: correct by +3600 s.
/// assert_eq!(assertion_clock_offset(1_699_996_400.0, Some(date), 300, 0), 3_600);
/// // Two seconds off: within what the header can tell, nothing changes.
/// assert_eq!(assertion_clock_offset(1_699_999_998.0, Some(date), 300, 0), 0);
/// ```
pub fn assertion_clock_offset(
    now: f64,
    date_header: Option<&str>,
    lifetime_seconds: u64,
    current: i64,
) -> i64 {
    let Some(server) = date_header.and_then(parse_http_date) else {
        return current;
    };
    if !now.is_finite() {
        return current;
    }
    let local = now.floor() as i64;
    let skew = server - (local + current);
    let behind_limit = (lifetime_seconds / 2).max(CLOCK_SKEW_TOLERANCE_SECONDS) as i64;
    let ahead_limit = CLOCK_SKEW_TOLERANCE_SECONDS as i64;
    if skew > behind_limit || -skew > ahead_limit {
        server - local
    } else {
        current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATE: &str = "Tue, 14 Nov 2023 22:13:20 GMT";
    const T: f64 = 1_700_000_000.0;

    #[test]
    fn http_dates() {
        assert_eq!(parse_http_date(DATE), Some(1_700_000_000));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Thu, 29 Feb 2024 12:00:00 GMT"),
            Some(1_709_208_000)
        );
        for bad in [
            "",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Tue, 14 Nov 2023 22:13:20 UTC",
            "Tue, 14 Foo 2023 22:13:20 GMT",
            "Tue, 32 Nov 2023 22:13:20 GMT",
            "Tue, 14 Nov 2023 25:13:20 GMT",
            "Tue, 14 Nov 2023 22:13:2x GMT",
            "Tue, 14 Nov +023 22:13:20 GMT",
            "Tué, 14 Nov 2023 22:13:20 GM",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn offsets() {
        // Behind by more than half the lifetime, or ahead by more than the tolerance.
        assert_eq!(
            assertion_clock_offset(T - 3_600.0, Some(DATE), 300, 0),
            3_600
        );
        assert_eq!(assertion_clock_offset(T - 151.0, Some(DATE), 300, 0), 151);
        assert_eq!(assertion_clock_offset(T - 150.0, Some(DATE), 300, 0), 0);
        assert_eq!(assertion_clock_offset(T + 6.0, Some(DATE), 300, 0), -6);
        assert_eq!(assertion_clock_offset(T + 5.0, Some(DATE), 300, 0), 0);
        assert_eq!(assertion_clock_offset(T + 0.9, Some(DATE), 300, 0), 0);
        // A short lifetime: still never under the tolerance.
        assert_eq!(assertion_clock_offset(T - 4.0, Some(DATE), 2, 0), 0);
        assert_eq!(assertion_clock_offset(T - 6.0, Some(DATE), 2, 0), 6);
        // Kept while the corrected clock is right; replaced when it is off again.
        assert_eq!(
            assertion_clock_offset(T - 3_601.0, Some(DATE), 300, 3_600),
            3_600
        );
        assert_eq!(assertion_clock_offset(T, Some(DATE), 300, 3_600), 0);
        // No header, an unreadable one, or no clock: the offset in use.
        assert_eq!(assertion_clock_offset(T - 3_600.0, None, 300, 7), 7);
        assert_eq!(assertion_clock_offset(T - 3_600.0, Some("soon"), 300, 7), 7);
        assert_eq!(assertion_clock_offset(f64::NAN, Some(DATE), 300, 7), 7);
    }
}
