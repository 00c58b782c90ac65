//! How long to wait before trying again: exponential backoff, or what the server asked for
//! in `Retry-After`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The longest wait before one retry: a longer `Retry-After` (or backoff) is cut to it.
pub(super) const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// The wait before retry number `retry` (0-based): `base`, `2·base`, `4·base`, …
pub(super) fn backoff(base: Duration, retry: u32) -> Duration {
    base.saturating_mul(2u32.saturating_pow(retry))
}

/// Parse a `Retry-After` value: delay seconds, or an HTTP date (IMF-fixdate, RFC 850 or
/// asctime, all of which RFC 9110 requires recipients to accept). A date in the past means
/// "now". `None` when the value is neither.
pub(super) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = UNIX_EPOCH + Duration::from_secs(parse_http_date(value)?);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Seconds since the Unix epoch of an HTTP date. The three formats share their parts in a
/// convenient way: the first number is the day, the second the year, the month is a name
/// and the time has colons; the weekday and the "GMT" are ignored.
fn parse_http_date(value: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut month = None;
    let mut time = None;
    let mut numbers = Vec::new();
    for token in value
        .split([' ', ',', '-'])
        .filter(|token| !token.is_empty())
    {
        if let Some(index) = MONTHS.iter().position(|name| *name == token) {
            month = Some(index as u64 + 1);
        } else if token.contains(':') {
            time = Some(token);
        } else if let Ok(number) = token.parse::<u64>() {
            numbers.push(number);
        }
    }
    let [day, year] = numbers[..] else {
        return None;
    };
    let year = match year {
        0..70 => 2000 + year, // RFC 850's two-digit years
        70..100 => 1900 + year,
        _ => year,
    };
    let mut clock = time?.split(':').map(|part| part.parse::<u64>().ok());
    let (Some(Some(hour)), Some(Some(minute)), Some(Some(second)), None) =
        (clock.next(), clock.next(), clock.next(), clock.next())
    else {
        return None;
    };
    if !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 || year < 1970 {
        return None;
    }
    let days = days_since_epoch(year, month?, day);
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`,
/// restricted to dates from 1970 on).
fn days_since_epoch(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year - era * 400;
    let shifted_month = (month + 9) % 12; // March = 0
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles() {
        let base = Duration::from_millis(100);
        assert_eq!(backoff(base, 0), Duration::from_millis(100));
        assert_eq!(backoff(base, 1), Duration::from_millis(200));
        assert_eq!(backoff(base, 3), Duration::from_millis(800));
    }

    #[test]
    fn retry_after_seconds() {
        assert_eq!(
            parse_retry_after(" 7 ", SystemTime::now()),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            parse_retry_after("0", SystemTime::now()),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("-3", SystemTime::now()), None);
        assert_eq!(parse_retry_after("soon", SystemTime::now()), None);
    }

    #[test]
    fn retry_after_dates_in_all_three_formats() {
        // 1994-11-06 08:49:37 UTC, the example of RFC 9110.
        let date = UNIX_EPOCH + Duration::from_secs(784_111_777);
        let now = date - Duration::from_secs(30);
        for value in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(
                parse_retry_after(value, now),
                Some(Duration::from_secs(30)),
                "{value}"
            );
        }
    }

    #[test]
    fn retry_after_date_in_the_past_means_now() {
        let now = UNIX_EPOCH + Duration::from_secs(2_000_000_000);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn leap_years_and_month_boundaries() {
        assert_eq!(days_since_epoch(1970, 1, 1), 0);
        assert_eq!(days_since_epoch(2000, 3, 1), 11_017);
        assert_eq!(days_since_epoch(2024, 2, 29), 19_782);
    }

    #[test]
    fn malformed_dates_are_rejected() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 25:00:00 GMT"), None);
        assert_eq!(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 GMT"), None);
    }
}
