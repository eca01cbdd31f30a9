//! A calendar date that may be known only to the month or the year, as
//! front matter and headers give it (`2016-05-17`, `2016-05`, `2016`).

use std::fmt;

/// A date with optional month and day; ordering is chronological, with a
/// less precise date sorting before the more precise dates inside it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct PartialDate {
    /// The year, e.g. 2016.
    pub year: i16,
    /// The month, 1–12, when known.
    pub month: Option<i8>,
    /// The day of the month, when known (only with a month).
    pub day: Option<i8>,
}

impl PartialDate {
    /// A date known to the year.
    pub fn year(year: i16) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// A date known to the month; `None` when the month is out of range.
    pub fn month(year: i16, month: i8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A full date; `None` when it is not a real calendar day.
    pub fn day(year: i16, month: i8, day: i8) -> Option<Self> {
        jiff::civil::Date::new(year, month, day).ok()?;
        Some(Self {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (surrounding spaces allowed).
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.trim().split('-');
        let year = parse_fixed(parts.next()?, 4)?;
        let month = match parts.next() {
            Some(m) => Some(parse_fixed(m, 2)?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(parse_fixed(d, 2)?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        let year = i16::try_from(year).ok()?;
        match (month, day) {
            (None, _) => Some(Self::year(year)),
            (Some(m), None) => Self::month(year, i8::try_from(m).ok()?),
            (Some(m), Some(d)) => Self::day(year, i8::try_from(m).ok()?, i8::try_from(d).ok()?),
        }
    }

    /// The first calendar day this date covers.
    pub fn first_day(&self) -> jiff::civil::Date {
        jiff::civil::Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or(jiff::civil::Date::MIN)
    }
}

fn parse_fixed(s: &str, len: usize) -> Option<u32> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_three_precisions_and_round_trips() {
        for s in ["2016-05-17", "2016-05", "2016"] {
            assert_eq!(
                PartialDate::parse(s).map(|d| d.to_string()).as_deref(),
                Some(s)
            );
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for s in [
            "2016-02-30",
            "2016-13",
            "someday",
            "16-05-17",
            "2016-5-1",
            "",
            "2016-05-17-01",
        ] {
            assert_eq!(PartialDate::parse(s), None, "{s}");
        }
        assert!(PartialDate::parse("2016-02-29").is_some());
    }

    #[test]
    fn orders_chronologically_with_coarse_first() {
        let y = PartialDate::parse("2016").unwrap();
        let m = PartialDate::parse("2016-05").unwrap();
        let d = PartialDate::parse("2016-05-17").unwrap();
        let e = PartialDate::parse("2015-12-31").unwrap();
        let mut v = vec![d, m, y, e];
        v.sort();
        assert_eq!(v, vec![e, y, m, d]);
    }
}
