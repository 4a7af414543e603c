//! Timestamps as people read them: UTC, ISO 8601, millisecond precision.
//!
//! Always stored in one canonical form (`2026-11-30T06:31:04.123Z`), so that comparing the text
//! compares the instants; merging answers relies on that order.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Timestamp(String);

impl Timestamp {
    /// Accepts `YYYY-MM-DDTHH:MM:SS[.fff]Z`, the form `Date.prototype.toISOString` writes.
    pub fn parse(text: &str) -> Result<Timestamp, String> {
        let bad = || format!("\"{text}\" is not a UTC time like 2026-11-30T09:15:00.000Z");
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let shape_ok = bytes.len() >= 20
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes[10] == b'T'
            && bytes[13] == b':'
            && bytes[16] == b':'
            && bytes.last() == Some(&b'Z');
        if !shape_ok {
            return Err(bad());
        }
        let (year, month, day) = (digits(0..4), digits(5..7), digits(8..10));
        let (hour, minute, second) = (digits(11..13), digits(14..16), digits(17..19));
        // `get` rather than indexing: the text may hold multi-byte characters.
        let millis = match text.get(19..text.len() - 1) {
            Some("") => Some(0),
            Some(fraction) if fraction.len() >= 2 && fraction.starts_with('.') => {
                let frac = &fraction[1..];
                if frac.bytes().all(|b| b.is_ascii_digit()) {
                    let padded = format!("{:0<3}", &frac[..frac.len().min(3)]);
                    padded.parse::<u32>().ok()
                } else {
                    None
                }
            }
            _ => None,
        };
        match (year, month, day, hour, minute, second, millis) {
            (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s), Some(ms))
                if (1..=12).contains(&mo)
                    && (1..=days_in_month(y, mo)).contains(&d)
                    && h < 24
                    && mi < 60
                    && s < 61 =>
            {
                Ok(Timestamp(format!(
                    "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z"
                )))
            }
            _ => Err(bad()),
        }
    }

    /// 1970-01-01, the stand-in for a clock that cannot be read.
    pub fn epoch() -> Timestamp {
        Timestamp("1970-01-01T00:00:00.000Z".to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The date part, for file names.
    pub fn date(&self) -> &str {
        &self.0[..10]
    }

    /// The start of this day: what leaves the device of an anonymous check, so that times
    /// cannot tell who answered when.
    pub fn day(&self) -> Timestamp {
        Timestamp(format!("{}T00:00:00.000Z", self.date()))
    }

    /// "2026-11-30 06:31", for lists on screen.
    pub fn short(&self) -> String {
        format!("{} {}", &self.0[..10], &self.0[11..16])
    }
}

/// 28 to 31: a day that does not exist (31 February) is refused, not read as another day.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_orders_like_time() {
        let a = Timestamp::parse("2026-01-02T03:04:05Z").unwrap();
        let b = Timestamp::parse("2026-01-02T03:04:05.1Z").unwrap();
        let c = Timestamp::parse("2026-01-02T03:04:05.999Z").unwrap();
        assert_eq!(a.as_str(), "2026-01-02T03:04:05.000Z");
        assert_eq!(b.as_str(), "2026-01-02T03:04:05.100Z");
        assert!(a < b && b < c);
        assert_eq!(c.date(), "2026-01-02");
        assert_eq!(c.short(), "2026-01-02 03:04");
        assert_eq!(c.day().as_str(), "2026-01-02T00:00:00.000Z");
        assert!(c.day() <= a);
    }

    #[test]
    fn leap_days_exist_only_in_leap_years() {
        for good in [
            "2024-02-29T00:00:00Z",
            "2000-02-29T00:00:00Z",
            "2026-12-31T23:59:59Z",
        ] {
            assert!(Timestamp::parse(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn malformed_times_are_refused() {
        for bad in [
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-01-01 00:00:00Z",
            "2026-01-01T00:00:00",
            "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00+01:00",
            "２０２６-01-01T00:00:00Z",
            "2026-02-31T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2100-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
