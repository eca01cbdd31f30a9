//! Words the time-expression rules need: the pattern pieces for month and
//! weekday names and small number words, built from the shared lists of
//! [`crate::analysis::lexicon`]; and the date rules' own word lists (the
//! lexical cues that stand in for a tense tagger, the words around a number
//! that tell a year from a quantity), loaded from `data/lexicon/`.

use crate::analysis::lexicon::{self as lists, WordSet};
use std::sync::LazyLock;

/// `words` as a regular-expression alternation, each escaped.
fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    words
        .into_iter()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join("|")
}

/// The pattern for a month name, full or abbreviated (capitalised, as in
/// running text). Full names come first so the alternation prefers them,
/// and a month's longer abbreviation before its shorter ("Sept|Sep").
pub(super) static MONTH: LazyLock<String> = LazyLock::new(|| {
    let full = alternation(lists::full_month_names());
    let abbreviations = alternation(lists::month_abbreviations().flat_map(|names| {
        let mut names = names.to_vec();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        names
    }));
    format!(r"(?:(?:{full})\b|(?:{abbreviations})(?:\.|\b))")
});

/// Full month names only: a bare month ("in December") must be spelt out.
pub(super) static MONTH_FULL: LazyLock<String> =
    LazyLock::new(|| format!(r"(?:{})\b", alternation(lists::full_month_names())));

/// Weekday names.
pub(super) static WEEKDAY: LazyLock<String> =
    LazyLock::new(|| format!(r"(?:{})\b", alternation(lists::weekday_names())));

/// A day of the month with an optional ordinal suffix.
pub(super) const DAY: &str = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?\b";

/// A four-digit year from 1000 to 2099.
pub(super) const YEAR: &str = r"(?:1[0-9]{3}|20[0-9]{2})\b";

/// The number words from one to `most`, in ascending order, as an
/// alternation.
fn number_words_to(most: u32) -> String {
    alternation(
        lists::number_words()
            .filter(|&(_, n)| (1..=most).contains(&n))
            .map(|(w, _)| w),
    )
}

/// The pattern for a small count written as digits or words, up to twenty
/// ("two years ago").
pub(super) static COUNT: LazyLock<String> =
    LazyLock::new(|| format!("(?i:[0-9]{{1,3}}|an?|{})", number_words_to(20)));

/// The number words up to ten, as an alternation ("a year later", "two
/// months earlier").
pub(super) static COUNT_WORDS_TO_TEN: LazyLock<String> = LazyLock::new(|| number_words_to(10));

/// The tens from twenty to ninety as words, an alternation ("twenty|thirty…").
pub(super) static TENS: LazyLock<String> = LazyLock::new(|| {
    alternation(
        lists::number_words()
            .filter(|&(_, n)| (20..100).contains(&n) && n % 10 == 0)
            .map(|(w, _)| w),
    )
});

/// The units one to nine as words, an alternation.
pub(super) static UNITS: LazyLock<String> = LazyLock::new(|| number_words_to(9));

/// Ten to nineteen as words, an alternation.
pub(super) static TEENS: LazyLock<String> = LazyLock::new(|| {
    alternation(
        lists::number_words()
            .filter(|&(_, n)| (10..20).contains(&n))
            .map(|(w, _)| w),
    )
});

/// The decades named by a word, as an alternation: the plurals of the tens
/// from twenty ("twenties" to "nineties").
pub(super) static DECADE_WORDS: LazyLock<String> = LazyLock::new(|| {
    let tens: Vec<String> = lists::number_words()
        .filter(|&(_, n)| (20..100).contains(&n) && n % 10 == 0)
        .filter_map(|(w, _)| Some(format!("{}ies", w.strip_suffix('y')?)))
        .collect();
    alternation(tens.iter().map(String::as_str))
});

/// The first year of the decade a decade word names ("sixties" is 1960).
pub(super) fn decade_of_word(word: &str) -> Option<i16> {
    let tens = lists::number_value(&format!("{}y", word.strip_suffix("ies")?))?;
    ((20..100).contains(&tens) && tens % 10 == 0)
        .then(|| i16::try_from(tens).ok().map(|t| 1900 + t))
        .flatten()
}

/// The month number (1–12) of a month name or abbreviation.
pub(super) fn month_number(word: &str) -> Option<i8> {
    lists::month_number(word)
}

/// The weekday a name stands for.
pub(super) fn weekday(word: &str) -> Option<jiff::civil::Weekday> {
    jiff::civil::Weekday::from_monday_one_offset(lists::weekday_number(word)?).ok()
}

/// Whether a word is a month's name or abbreviation, as written.
pub(super) fn is_month_name(word: &str) -> bool {
    lists::is_month_name(word)
}

/// Whether a word is a weekday's name, as written.
pub(super) fn is_weekday(word: &str) -> bool {
    lists::is_weekday(word)
}

/// A day number with its ordinal suffix removed ("15th" -> 15).
pub(super) fn day_number(s: &str) -> Option<i8> {
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

/// A count written as digits or as a small number word ("a", "two", "12"),
/// up to twenty.
pub(super) fn count(word: &str) -> Option<i32> {
    if let Ok(n) = word.parse::<i32>() {
        return Some(n);
    }
    let w = word.to_ascii_lowercase();
    if w == "a" || w == "an" {
        return Some(1);
    }
    let n = lists::number_value(&w).filter(|&n| n <= 20)?;
    i32::try_from(n).ok()
}

/// A word set loaded from its list on first use.
type Lazy = LazyLock<WordSet>;

/// Words that put a clause in the future (phrases: see
/// `data/lexicon/future_cues.txt`), in file order.
pub(super) static FUTURE_CUES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::FUTURE_CUES.entries());

/// Words that put a clause in the past.
pub(super) static PAST_CUES: Lazy = Lazy::new(|| WordSet::of(&lists::PAST_CUES));

/// Words before a date that make it a deadline or a schedule ("payable",
/// "until", "extended to").
pub(super) static FORWARD_LEADS: Lazy = Lazy::new(|| WordSet::of(&lists::FORWARD_LEADS));

/// Words ending in "-ed" that are no past tense ("indeed", "hundred").
pub(super) static NOT_PAST: Lazy = Lazy::new(|| WordSet::of(&lists::NOT_PAST));

/// Words before a bare four-digit number that make it a quantity, not a year.
pub(super) static QUANTITY_LEADS: Lazy = Lazy::new(|| WordSet::of(&lists::QUANTITY_LEADS));

/// Words after a number that make it a measure.
pub(super) static MEASURE_WORDS: Lazy = Lazy::new(|| WordSet::of(&lists::MEASURE_WORDS));

/// Words before a number that make it an attribute year ("the 1960 treaty",
/// "in 2014"): determiners and the prepositions of time.
pub(super) static YEAR_LEADS: Lazy = Lazy::new(|| WordSet::of(&lists::YEAR_LEADS));

/// Words before a bare month name that make it a date: prepositions of time
/// and the modifiers early, mid, late.
pub(super) static MONTH_LEADS: Lazy = Lazy::new(|| WordSet::of(&lists::MONTH_LEADS));

/// Words after which "May" is far more often a name or the verb.
pub(super) static MAY_NAME_LEADS: Lazy = Lazy::new(|| WordSet::of(&lists::MAY_NAME_LEADS));

/// Determiners before a round number that make it a year.
pub(super) static DETERMINERS: Lazy = Lazy::new(|| WordSet::of(&lists::DETERMINERS));

/// Words ending in s that are no plural noun.
pub(super) static NOT_PLURALS: Lazy = Lazy::new(|| WordSet::of(&lists::NOT_PLURALS));

/// Prepositions of time that keep a number after a quantity word a year.
pub(super) static TIME_PREPOSITIONS: Lazy = Lazy::new(|| WordSet::of(&lists::TIME_PREPOSITIONS));

/// A holiday's month, day, and the weekday it falls on when it is the first
/// such weekday on or after that day.
pub(super) type HolidayDay = (i8, i8, Option<jiff::civil::Weekday>);

/// The holidays of `holidays.txt` by name: their month, day, and the
/// weekday when the holiday is the first such weekday on or after that day.
/// A line that cannot be read is left out (a test proves none is).
pub(super) static HOLIDAY_DAYS: LazyLock<std::collections::HashMap<&'static str, HolidayDay>> =
    LazyLock::new(|| {
        lists::HOLIDAYS
            .tabbed()
            .filter_map(|(name, value)| Some((name, holiday_day(value)?)))
            .collect()
    });

/// "11-22 thu" -> (11, 22, Thursday); "12-25" -> (12, 25, none).
fn holiday_day(value: &str) -> Option<(i8, i8, Option<jiff::civil::Weekday>)> {
    let mut parts = value.split_whitespace();
    let (m, d) = parts.next()?.split_once('-')?;
    let wd = match parts.next() {
        Some(w) => Some(
            lists::weekday_names()
                .position(|n| n[..3].eq_ignore_ascii_case(w))
                .and_then(|i| i8::try_from(i + 1).ok())
                .and_then(|n| jiff::civil::Weekday::from_monday_one_offset(n).ok())?,
        ),
        None => None,
    };
    Some((m.parse().ok()?, d.parse().ok()?, wd))
}

/// The holiday names as an alternation, longest first.
pub(super) static HOLIDAY: LazyLock<String> = LazyLock::new(|| {
    let mut names: Vec<&str> = lists::HOLIDAYS.tabbed().map(|(n, _)| n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    alternation(names)
});

/// Words that make a weekday after them part of a name ("Black Friday").
pub(super) static WEEKDAY_NAME_LEADS: Lazy = Lazy::new(|| WordSet::of(&lists::WEEKDAY_NAME_LEADS));

/// Season and holiday names, as written.
pub(super) static SEASONS_AND_HOLIDAYS: Lazy =
    Lazy::new(|| WordSet::of(&lists::SEASONS_AND_HOLIDAYS));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_name_counts_and_decades() {
        assert_eq!(count("Twelve"), Some(12));
        assert_eq!(count("an"), Some(1));
        assert_eq!(count("thirty"), None, "counts stop at twenty");
        assert_eq!(decade_of_word("sixties"), Some(1960));
        assert_eq!(decade_of_word("teens"), None);
        assert_eq!(decade_of_word("hundreds"), None);
        assert!(DECADE_WORDS.split('|').all(|w| decade_of_word(w).is_some()));
        assert_eq!(DECADE_WORDS.split('|').count(), 8);
    }

    #[test]
    fn every_holiday_has_a_day() {
        assert_eq!(HOLIDAY_DAYS.len(), lists::HOLIDAYS.lines().count());
        assert_eq!(
            HOLIDAY_DAYS.get("Thanksgiving Day"),
            Some(&(11, 22, Some(jiff::civil::Weekday::Thursday)))
        );
    }

    #[test]
    fn the_month_pattern_prefers_full_names_and_longer_abbreviations() {
        let re = regex::Regex::new(&format!("^{}", *MONTH)).ok();
        let m = |s: &str| re.as_ref()?.find(s).map(|m| m.as_str().to_string());
        assert_eq!(m("September 5").as_deref(), Some("September"));
        assert_eq!(m("Sept. 5").as_deref(), Some("Sept."));
        assert_eq!(m("Sep 5").as_deref(), Some("Sep"));
        assert_eq!(m("Mayor"), None);
        assert_eq!(weekday("Sunday"), Some(jiff::civil::Weekday::Sunday));
    }
}
