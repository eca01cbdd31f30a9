//! Dates as pages print them near a title: `2016-05-17 10:15:12`,
//! `16.05.2013 г.`, `May 15th, 2013`, `21 September 2020`, `24 сентября
//! 2018`, `2013年04月09日`, and the words before them that say whether a
//! date is the publication or a later update.

use super::lexicon::{self, Cue, MONTH_NAMES};
use crate::corpus::PartialDate;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A date found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where it is in the line (bytes).
    pub span: Range<usize>,
    /// The date.
    pub date: PartialDate,
    /// Whether the words before it say it is an update.
    pub updated: bool,
    /// Whether the words before it say it is the publication.
    pub published: bool,
}

#[derive(Clone, Copy)]
enum Order {
    /// Year, month, day in digits.
    Ymd,
    /// Day, month, year in digits (`16.05.2013`).
    Dmy,
    /// Digits with slashes: day or month first, whichever is unambiguous.
    Slash,
    /// Day, month name, year.
    DayMonthYear,
    /// Month name, day, year.
    MonthDayYear,
    /// Month name and year.
    MonthYear,
}

struct Pattern {
    order: Order,
    re: Regex,
    /// The character after the match may not be a letter or digit (else
    /// only not a digit).
    word_end: bool,
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let mut months: Vec<&str> = MONTH_NAMES.keys().copied().collect();
    months.sort_by_key(|m| std::cmp::Reverse(m.len()));
    let m = months
        .iter()
        .map(|m| regex::escape(m))
        .collect::<Vec<_>>()
        .join("|");
    let specs: [(Order, String, bool); 8] = [
        (Order::Ymd, r"(\d{4})-(\d{2})-(\d{2})".into(), false),
        (
            Order::Ymd,
            r"(\d{4})[./](\d{1,2})[./](\d{1,2})".into(),
            true,
        ),
        (
            Order::Ymd,
            r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日".into(),
            false,
        ),
        (Order::Dmy, r"(\d{1,2})\.(\d{1,2})\.(\d{4})".into(), true),
        (Order::Slash, r"(\d{1,2})/(\d{1,2})/(\d{4})".into(), true),
        (
            Order::DayMonthYear,
            format!(
                r"(?i)(\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?({m})\.?,?\s+(?:de\s+)?(\d{{4}})"
            ),
            true,
        ),
        (
            Order::MonthDayYear,
            format!(r"(?i)({m})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})"),
            true,
        ),
        (
            Order::MonthYear,
            format!(r"(?i)({m})\.?,?\s+(\d{{4}})"),
            true,
        ),
    ];
    specs
        .into_iter()
        .filter_map(|(order, re, word_end)| {
            Some(Pattern {
                order,
                re: Regex::new(&re).ok()?,
                word_end,
            })
        })
        .collect()
});

fn number(s: Option<regex::Match<'_>>) -> Option<i32> {
    s?.as_str().parse().ok()
}

fn month(s: Option<regex::Match<'_>>) -> Option<i32> {
    MONTH_NAMES
        .get(s?.as_str().to_lowercase().as_str())
        .map(|&m| i32::from(m))
}

fn make(year: i32, month: i32, day: Option<i32>) -> Option<PartialDate> {
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let year = i16::try_from(year).ok()?;
    let month = i8::try_from(month).ok()?;
    match day {
        Some(d) => PartialDate::day(year, month, i8::try_from(d).ok()?),
        None => PartialDate::month(year, month),
    }
}

fn date_of(order: Order, c: &regex::Captures<'_>) -> Option<PartialDate> {
    match order {
        Order::Ymd => make(number(c.get(1))?, number(c.get(2))?, number(c.get(3))),
        Order::Dmy => make(number(c.get(3))?, number(c.get(2))?, number(c.get(1))),
        Order::Slash => {
            let (a, b, y) = (number(c.get(1))?, number(c.get(2))?, number(c.get(3))?);
            if a > 12 {
                make(y, b, Some(a))
            } else if b > 12 {
                make(y, a, Some(b))
            } else {
                None
            }
        }
        Order::DayMonthYear => make(number(c.get(3))?, month(c.get(2))?, number(c.get(1))),
        Order::MonthDayYear => make(number(c.get(3))?, month(c.get(1))?, number(c.get(2))),
        Order::MonthYear => {
            let name = c.get(1)?.as_str();
            // "may 2019" in lower case is a verb more often than a month
            if name.eq_ignore_ascii_case("may") && name != "May" {
                return None;
            }
            make(number(c.get(2))?, month(c.get(1))?, None)
        }
    }
}

/// The dates in a line, in the order they stand, each with what the words
/// before it (since the previous date) say of it.
pub fn find(line: &str) -> Vec<Found> {
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut taken: Vec<(Range<usize>, PartialDate)> = Vec::new();
    for p in PATTERNS.iter() {
        for c in p.re.captures_iter(line) {
            let Some(m) = c.get(0) else { continue };
            let before = line.get(..m.start()).and_then(|s| s.chars().next_back());
            let after = line.get(m.end()..).and_then(|s| s.chars().next());
            if before.is_some_and(|ch| ch.is_alphanumeric() || ch == '_') {
                continue;
            }
            let bad_end = |ch: char| {
                if p.word_end {
                    ch.is_alphanumeric() || ch == '_'
                } else {
                    ch.is_ascii_digit()
                }
            };
            if after.is_some_and(bad_end) {
                continue;
            }
            if taken
                .iter()
                .any(|(r, _)| m.start() < r.end && r.start < m.end())
            {
                continue;
            }
            if let Some(d) = date_of(p.order, &c) {
                taken.push((m.range(), d));
            }
        }
    }
    taken.sort_by_key(|(r, _)| r.start);
    let mut out = Vec::with_capacity(taken.len());
    let mut prev = 0;
    for (span, date) in taken {
        let before = line.get(prev..span.start).unwrap_or("");
        out.push(Found {
            updated: has_cue(before, Cue::Updated),
            published: has_cue(before, Cue::Published),
            date,
            span: span.clone(),
        });
        prev = span.end;
    }
    out
}

/// Whether `text` holds a cue phrase of this kind, as whole words.
fn has_cue(text: &str, kind: Cue) -> bool {
    let toks = lexicon::tokens(text);
    lexicon::cues(kind)
        .iter()
        .any(|p| toks.windows(p.len()).any(|w| w == p.as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(s: &str) -> Vec<String> {
        find(s)
            .iter()
            .map(|f| {
                let cue = match (f.published, f.updated) {
                    (_, true) => " updated",
                    (true, _) => " published",
                    _ => "",
                };
                format!("{}{cue}", f.date)
            })
            .collect()
    }

    #[test]
    fn reads_the_usual_forms() {
        assert_eq!(
            dates("Originally Published 2016-05-17 10:15:12 Published on May 17, 2016"),
            ["2016-05-17 published", "2016-05-17 published"]
        );
        assert_eq!(dates("16.05.2013 г."), ["2013-05-16"]);
        assert_eq!(dates("May 15th, 2013"), ["2013-05-15"]);
        assert_eq!(dates("21 September 2020"), ["2020-09-21"]);
        assert_eq!(
            dates("Текст: Венера Ерофеева · 24 сентября 2018"),
            ["2018-09-24"]
        );
        assert_eq!(dates("2013年04月09日"), ["2013-04-09"]);
        assert_eq!(dates("by someone ／ 2016.12.01"), ["2016-12-01"]);
        assert_eq!(
            dates("Von X publiziert am 25. September 2018"),
            ["2018-09-25 published"]
        );
        assert_eq!(dates("2019-10-18T17:23:34.816Z"), ["2019-10-18"]);
        assert_eq!(dates("March 2014"), ["2014-03"]);
    }

    #[test]
    fn tells_the_update_from_the_publication() {
        assert_eq!(
            dates("Posted: Fri 6:45 PM, Feb 16, 2018 | Updated: Sat 8:31 PM, Feb 17, 2018"),
            ["2018-02-16 published", "2018-02-17 updated"]
        );
        assert_eq!(
            dates("By A Writer Updated Nov 13, 2019, 10:28am EST"),
            ["2019-11-13 updated"]
        );
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        assert!(dates("05/06/2019").is_empty());
        assert!(dates("2016-02-30").is_empty());
        assert!(dates("Call 0800 1234 5678").is_empty());
        assert!(dates("you may 2019 it").is_empty());
        assert!(dates("version 10.05.20133").is_empty());
        assert!(dates("").is_empty());
    }
}
