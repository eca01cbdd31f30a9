//! The context rules of the patterns for dates written in words rather
//! than figures: years spoken ("nineteen ninety-six", "the year two
//! thousand"), holidays ("Thanksgiving Day"), the years of accounts ("the
//! current fiscal year", "year-end", "year-earlier"), the weekend, a clock
//! time with its day ("9 a.m. EST Tuesday"), and days counted from the
//! last one spoken of ("earlier that day", "the next morning"). Like
//! `rules`, one builder per pattern of `scan`.

use super::expr::{Cal, Expr, Found, Shift, Unit, YearSpec};
use super::lexicon::{month_number, weekday, HOLIDAY_DAYS};
use super::rules::{at_sentence_start, last_word};
use crate::analysis::lexicon as lists;
use jiff::civil::Weekday;
use regex::Captures;

fn span(c: &Captures<'_>) -> (usize, usize) {
    c.get(0).map_or((0, 0), |m| (m.start(), m.end()))
}

/// The value of a number word of one to ninety-nine written with words
/// ("ninety-six", "seventy seven", "eleven").
fn words_value(s: &str) -> Option<i32> {
    let mut total = 0;
    for w in s.split(['-', ' ']).filter(|w| !w.is_empty()) {
        let n = i32::try_from(lists::number_value(&w.to_ascii_lowercase())?).ok()?;
        if n >= 100 || (total > 0 && (total % 10 != 0 || n >= 10)) {
            return None;
        }
        total += n;
    }
    (total > 0).then_some(total)
}

/// "nineteen ninety-six", "two thousand one", "the year two thousand",
/// with a month before it or not ("January nineteen ninety-seven").
pub(super) fn build_spelled_year(c: &Captures<'_>, _: &str) -> Option<Found> {
    let year = if let Some(h) = c.name("hi") {
        let hundreds = words_value(h.as_str())?;
        let rest = words_value(c.name("lo")?.as_str())?;
        if !(10..=20).contains(&hundreds) || !(10..100).contains(&rest) {
            return None;
        }
        hundreds * 100 + rest
    } else {
        // "two thousand (and) one": only after "the year" or a month, where
        // it cannot be a count.
        if c.name("the").is_none() && c.name("m").is_none() {
            return None;
        }
        2000 + c
            .name("units")
            .map_or(Some(0), |u| words_value(u.as_str()))?
    };
    let year = i16::try_from(year).ok()?;
    let (s, e) = span(c);
    let month = c.name("m").and_then(|m| month_number(m.as_str()));
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Point(Cal {
            year: YearSpec::Given(year),
            month,
            day: None,
        }),
    })
}

/// "Thanksgiving Day", "last Christmas", "Election Day": the holiday's day
/// in the year the tense and the publication date give.
pub(super) fn build_holiday(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let name = c.name("h")?.as_str();
    let &(month, day, wd) = HOLIDAY_DAYS.get(name)?;
    let (s, e) = span(c);
    // "Christmas Island", "Independence Day Parade": part of another name.
    let after = sentence[e..].trim_start();
    if sentence[e..].starts_with(' ') && after.starts_with(|ch: char| ch.is_uppercase()) {
        return None;
    }
    let year = match c.name("rel").map(|r| r.as_str().to_ascii_lowercase()) {
        Some(r) if r == "last" => YearSpec::LastNamed,
        Some(r) if r == "next" => YearSpec::NextNamed,
        _ => YearSpec::Infer,
    };
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Holiday {
            month,
            day,
            weekday: wd,
            year,
        },
    })
}

/// The year of accounts and reports: "the current fiscal year", "this
/// fiscal year", "the full year", "year-end", "the past year" (the one
/// before), "year-earlier" and "year-ago" before a noun (the one before),
/// "for the year" (the published one).
pub(super) fn build_account_year(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let (s, e) = span(c);
    let text = sentence[s..e].to_ascii_lowercase();
    let offset = if text.contains("past") || text.contains("earlier") || text.contains("ago") {
        -1
    } else {
        0
    };
    if c.name("bare").is_some() {
        // "for the year", "during the year"; not "the year before", "the
        // year 2000", "the year when".
        let lead = last_word(&sentence[..s]).map(|(w, _)| w.to_ascii_lowercase());
        if !lead.is_some_and(|l| matches!(l.as_str(), "for" | "during" | "through" | "throughout"))
        {
            return None;
        }
        let next = sentence[e..].trim_start();
        let word: String = next.chars().take_while(|ch| ch.is_alphanumeric()).collect();
        if word.starts_with(|ch: char| ch.is_ascii_digit())
            || matches!(
                word.as_str(),
                "before" | "after" | "earlier" | "later" | "ago" | "when" | "that" | "which" | "in"
            )
        {
            return None;
        }
    }
    // "year-earlier" and "year-ago" qualify a noun ("the year-earlier
    // period"); alone they are no date.
    if c.name("adj").is_some() {
        let next = sentence[e..].trim_start_matches(' ');
        if !next.starts_with(|ch: char| ch.is_lowercase()) {
            return None;
        }
    }
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Relative {
            unit: Unit::Year,
            offset,
        },
    })
}

/// "the weekend", "last weekend", "this weekend": its Saturday.
pub(super) fn build_weekend(c: &Captures<'_>, _: &str) -> Option<Found> {
    let (s, e) = span(c);
    let shift = match c.name("rel")?.as_str().to_ascii_lowercase().as_str() {
        "last" => Shift::Last,
        "next" => Shift::Next,
        _ => Shift::Tense,
    };
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Weekday(Weekday::Saturday, shift),
    })
}

/// "9 a.m. EST Tuesday", "4 a.m. EDT Thursday": the day the clock time is
/// on.
pub(super) fn build_clock_day(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let h: u8 = c.name("h")?.as_str().parse().ok()?;
    if !(1..=12).contains(&h) {
        return None;
    }
    let wd = weekday(c.name("wd")?.as_str())?;
    let (s, e) = span(c);
    if sentence[..s].ends_with(['$', '.', ',']) {
        return None;
    }
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Weekday(wd, Shift::Tense),
    })
}

/// "earlier that day", "later that day" (the day last spoken of), "the next
/// morning" (the one after), "later in the day", "earlier in the year" (the
/// published day or year).
pub(super) fn build_day_phrase(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let _ = at_sentence_start;
    let (s, e) = span(c);
    let text = sentence[s..e].to_ascii_lowercase();
    let expr = if text.contains("that day") {
        Expr::Anaphoric {
            unit: Unit::Day,
            offset: 0,
        }
    } else if text.contains("next morning") {
        Expr::Anaphoric {
            unit: Unit::Day,
            offset: 1,
        }
    } else if text.ends_with("year") {
        Expr::Relative {
            unit: Unit::Year,
            offset: 0,
        }
    } else {
        Expr::Relative {
            unit: Unit::Day,
            offset: 0,
        }
    };
    Some(Found {
        start: s,
        end: e,
        expr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_add_up() {
        assert_eq!(words_value("ninety-six"), Some(96));
        assert_eq!(words_value("seventy seven"), Some(77));
        assert_eq!(words_value("nineteen"), Some(19));
        assert_eq!(words_value("six ninety"), None);
        assert_eq!(words_value("hundred"), None);
    }
}
