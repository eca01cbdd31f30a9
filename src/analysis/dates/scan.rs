//! Recognition: regular patterns find candidate time expressions in one
//! sentence, context rules drop the numbers and names that are not dates, and
//! the longest non-overlapping candidates win. Nothing here knows the
//! published date; `resolve` turns an `Expr` into a value.
//!
//! This file holds the pattern table and the choice among candidates; the
//! builders that apply the context rules to each match are in `rules`, the
//! shapes they build in `expr`.

use super::expr::{Cal, Expr, Found, Unit, YearSpec};
use super::lexicon::{
    COUNT, COUNT_WORDS_TO_TEN, DAY, DECADE_WORDS, HOLIDAY, MONTH, MONTH_FULL, TEENS, TENS, UNITS,
    WEEKDAY, YEAR,
};
use super::rules::{
    build_ago, build_anaphoric, build_bare_month, build_day_month, build_day_range, build_decade,
    build_deictic, build_full, build_iso, build_month_range, build_month_rel_year,
    build_month_year, build_numeric, build_rel_month, build_rel_unit, build_weekday, build_year,
    build_year_range, last_word,
};
use super::spoken::{
    build_account_year, build_clock_day, build_day_phrase, build_holiday, build_spelled_year,
    build_weekend,
};
use regex::{Captures, Regex, RegexSet};
use std::sync::LazyLock;

type Build = fn(&Captures<'_>, &str) -> Option<Found>;

struct Pattern {
    re: Regex,
    build: Build,
}

/// Separators of a two-part range: a dash or a word.
const TO: &str = r"(?P<to>\s*[-–—‐‑]\s*|\s+(?:to|until|till|through|and)\s+)";

/// A leading "from" or "between" that belongs to a range's text.
const PRE: &str = r"(?:(?P<pre>[Ff]rom|[Bb]etween)\s+)?";

/// A pattern compiled with its builder; `None` if its source does not
/// compile, which the tests prove none does (the pattern is then left out
/// rather than stopping the program).
fn pattern(src: &str, build: Build) -> Option<Pattern> {
    // ASCII word boundaries keep the fast DFA engines usable on text with
    // curly quotes and dashes (a Unicode `\b` makes them bail out); every
    // word the patterns anchor on is ASCII.
    let src = src.replace(r"\b", r"(?-u:\b)");
    let re = Regex::new(&src).ok()?;
    Some(Pattern { re, build })
}

/// The patterns, in order of preference (an earlier one wins between
/// candidates of one length).
static PATTERNS: LazyLock<Vec<Pattern>> =
    LazyLock::new(|| compile().into_iter().flatten().collect());

/// Compiles every pattern of the table.
fn compile() -> Vec<Option<Pattern>> {
    // The pieces built from the word lists.
    let (month, month_full, weekday) = (MONTH.as_str(), MONTH_FULL.as_str(), WEEKDAY.as_str());
    let (tens, units, teens) = (TENS.as_str(), UNITS.as_str(), TEENS.as_str());
    let holidays = HOLIDAY.as_str();
    let (count, to_ten, decades) = (
        COUNT.as_str(),
        COUNT_WORDS_TO_TEN.as_str(),
        DECADE_WORDS.as_str(),
    );
    vec![
        // 2016-05-17, 2016-05-17 10:15:12, 2016-05-17T10:15Z
        pattern(
            r"\b(?P<y>[12][0-9]{3})-(?P<mo>[01][0-9])-(?P<d>[0-3][0-9])(?:(?:T|\s)[0-2][0-9]:[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?\b",
            build_iso,
        ),
        // 16.05.2013, 05/16/2013
        pattern(
            r"\b(?P<a>[0-9]{1,2})(?P<s1>[./])(?P<b>[0-9]{1,2})(?P<s2>[./])(?P<y>[12][0-9]{3})\b",
            build_numeric,
        ),
        // (Tuesday,) (the) 17(th) (of) May(,) 2016
        pattern(
            &format!(
                r"\b(?:{weekday},?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<m>{month}),?\s+(?P<y>{YEAR})"
            ),
            build_full,
        ),
        // (Tuesday,) May 17(th)(,) 2016
        pattern(
            &format!(r"\b(?:{weekday},?\s+)?(?P<m>{month})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})"),
            build_full,
        ),
        // 29–30 April (2013)
        pattern(
            &format!(
                r"\b{PRE}(?P<d1>{DAY}){TO}(?P<d2>{DAY})\s+(?:of\s+)?(?P<m>{month})(?:,?\s+(?P<y>{YEAR}))?"
            ),
            build_day_range,
        ),
        // 29 April – 1 May (2013)
        pattern(
            &format!(
                r"\b{PRE}(?P<d1>{DAY})\s+(?P<m1>{month}){TO}(?P<d2>{DAY})\s+(?P<m>{month})(?:,?\s+(?P<y>{YEAR}))?"
            ),
            build_day_range,
        ),
        // September 2-3(, 2016)
        pattern(
            &format!(
                r"\b{PRE}(?P<m>{month})\s+(?P<d1>{DAY}){TO}(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?"
            ),
            build_day_range,
        ),
        // April 29 – May 1(, 2013)
        pattern(
            &format!(
                r"\b{PRE}(?P<m1>{month})\s+(?P<d1>{DAY}){TO}(?P<m>{month})\s+(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?"
            ),
            build_day_range,
        ),
        // (Tuesday,) (the) 2(nd) (of) September
        pattern(
            &format!(r"\b(?:{weekday},?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<m>{month})"),
            build_day_month,
        ),
        // (Tuesday,) September 2(nd)
        pattern(
            &format!(r"\b(?:{weekday},?\s+)?(?P<m>{month})\s+(?P<d>{DAY})"),
            build_day_month,
        ),
        // April 2013, April of 2013
        pattern(
            &format!(r"\b(?P<m>{month}),?\s+(?:of\s+)?(?P<y>{YEAR})"),
            build_month_year,
        ),
        // December of this year, September this year, March next year
        pattern(
            &format!(r"\b(?P<m>{month_full}),?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b"),
            build_month_rel_year,
        ),
        // last December, next March, this May
        pattern(
            &format!(
                r"\b(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Tt]his\s+coming|[Tt]his\s+past)\s+(?P<m>{month_full})"
            ),
            build_rel_month,
        ),
        // in December, since March, mid-June
        pattern(&format!(r"\b(?P<m>{month_full})"), build_bare_month),
        // from May to July
        pattern(
            &format!(
                r"\b(?P<pre>[Ff]rom|[Bb]etween)\s+(?P<m1>{month_full}){TO}(?P<m>{month_full})(?:,?\s+(?P<y>{YEAR}))?"
            ),
            build_month_range,
        ),
        // 2013-2016, 2014/15, from 2013 to 2016, between 1945 and 1956
        pattern(
            &format!(
                r"\b{PRE}(?P<y1>{YEAR})(?P<to>\s*[-–—‐‑/]\s*|\s+(?:to|until|till|through|and)\s+)(?P<y2>[0-9]{{4}}|[0-9]{{1,2}})\b"
            ),
            build_year_range,
        ),
        // the 1990s, the mid-1990s, the '90s, the nineties
        pattern(
            r"\b(?:the\s+)?(?:(?:early|mid|late)[-\s]?)?(?P<y>1[0-9]{2}0|20[0-9]0)'?s\b",
            build_decade,
        ),
        pattern(
            r"(?:\bthe\s+)?(?:(?:early|mid|late)[-\s]?)?['‘’](?P<yy>[0-9]0)'?s\b",
            build_decade,
        ),
        pattern(
            &format!(r"\bthe\s+(?:(?:early|mid|late)[-\s]?)?(?P<w>{decades})\b"),
            build_decade,
        ),
        // 1945, in 2014
        pattern(&format!(r"\b(?P<y>{YEAR})"), build_year),
        // this year, last month, next week, earlier this week
        pattern(
            r"\b(?:(?:earlier|later|early|late)\s+)?(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+(?P<u>year|month|week)\b",
            build_rel_unit,
        ),
        // the end of the year, the beginning of next month
        pattern(
            r"\b(?:[Tt]he\s+)?(?:very\s+)?(?:end|start|beginning|middle|close|rest|remainder)\s+of\s+(?:the|this|(?P<rel>last|next))\s+(?P<u>year|month|week)\b",
            build_rel_unit,
        ),
        // yesterday, today, last night
        pattern(
            r"\b(?P<w>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+night|[Tt]his\s+(?:morning|afternoon|evening))\b",
            build_deictic,
        ),
        // Tuesday, last Friday
        pattern(
            &format!(r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wd>{weekday})"),
            build_weekday,
        ),
        // the following year, that year, a year later
        pattern(
            &format!(
                r"\b(?:[Tt]he\s+(?P<k>following|previous|same|preceding)\s+(?P<u>year|month|day)|[Tt]he\s+(?P<k2>next)\s+(?P<u2>day)|(?P<that>[Tt]hat)\s+(?P<u3>year)|(?P<n>(?i:an?|{to_ten}))\s+(?P<u4>year|month|day)s?\s+(?P<dir>later|earlier))\b"
            ),
            build_anaphoric,
        ),
        // nineteen ninety-six, the year two thousand, January nineteen ninety-seven
        pattern(
            &format!(
                r"\b(?:(?P<m>{month_full})\s+)?(?:(?P<the>[Tt]he\s+year)\s+)?(?:(?P<hi>(?i:nineteen|twenty))[-\s]+(?P<lo>(?i:{tens})(?:[-\s](?i:{units}))?|(?i:{teens}))|(?i:two\s+thousand)(?:\s+(?:and\s+)?(?P<units>(?i:{units})))?)\b"
            ),
            build_spelled_year,
        ),
        // Thanksgiving Day, last Christmas
        pattern(
            &format!(r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<h>{holidays})(?-u:\b)"),
            build_holiday,
        ),
        // the current fiscal year, year-end, the past year, year-earlier, for the year
        pattern(
            r"\b(?:[Tt]he\s+(?:current|full)\s+(?:fiscal\s+)?year|[Tt]he\s+(?:fiscal|past)\s+year|[Tt]his\s+fiscal\s+year|[Yy]ear[-\s]end|[Yy]ear's\s+end|(?P<adj>[Yy]ear-(?:earlier|ago))|(?P<bare>[Tt]he\s+year))\b",
            build_account_year,
        ),
        // the weekend, last weekend
        pattern(
            r"\b(?P<rel>[Tt]he|[Tt]his|[Ll]ast|[Nn]ext)\s+weekend\b",
            build_weekend,
        ),
        // 9 a.m. EST Tuesday
        pattern(
            &format!(
                r"\b(?P<h>[0-9]{{1,2}})(?::[0-5][0-9])?\s*(?:a\.m\.?|p\.m\.?)(?:\s+\(?[A-Z]{{2,4}}\)?)?,?\s+(?:on\s+)?(?P<wd>{weekday})"
            ),
            build_clock_day,
        ),
        // earlier that day, the next morning, later in the day
        pattern(
            r"\b(?:(?:[Ee]arlier|[Ll]ater)\s+that\s+day|[Tt]he\s+next\s+morning|(?:[Ee]arlier|[Ll]ater)\s+in\s+the\s+(?:day|year))\b",
            build_day_phrase,
        ),
        // two years ago, a month ago
        pattern(
            &format!(r"\b(?P<n>{count})\s+(?P<u>day|week|month|year|decade)s?\s+ago\b"),
            build_ago,
        ),
    ]
}

/// All patterns at once, to skip those that cannot match a sentence (the
/// same sources as [`PATTERNS`], which compiled one by one; without the set,
/// which the tests prove compiles, every pattern is tried).
static PATTERN_SET: LazyLock<Option<RegexSet>> =
    LazyLock::new(|| RegexSet::new(PATTERNS.iter().map(|p| p.re.as_str())).ok());

/// Modifiers that extend a found expression leftwards ("early 2014",
/// "mid-December", "the end of 2015"): they belong to its text, not its
/// value. A constant pattern, which the tests prove compiles (without it no
/// expression is extended).
static MODIFIER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?-u:\b)(?:[Tt]he\s+)?(?:very\s+)?(?:end|start|beginning|middle|close)\s+of\s+|(?-u:\b)(?:[Ee]arly|[Ll]ate|[Mm]id)\s+|(?-u:\b)(?:[Mm]id|[Ee]arly|[Ll]ate)-)$",
    )
    .ok()
});

/// Finds the time expressions of one sentence, in order, without overlaps.
pub(super) fn scan(sentence: &str) -> Vec<Found> {
    let mut all: Vec<Found> = Vec::new();
    // One pass tells which patterns match at all; most sentences hold none.
    let set = PATTERN_SET.as_ref().map(|s| s.matches(sentence));
    for (i, p) in PATTERNS.iter().enumerate() {
        if set.as_ref().is_some_and(|m| !m.matched(i)) {
            continue;
        }
        for caps in p.re.captures_iter(sentence) {
            if let Some(f) = (p.build)(&caps, sentence) {
                if f.start < f.end && clean_edges(sentence, f.start, f.end) {
                    all.push(f);
                }
            }
        }
    }
    // Longest first; among equals, the earliest pattern (stable sort).
    all.sort_by_key(|f| std::cmp::Reverse(f.end - f.start));
    let mut kept: Vec<Found> = Vec::new();
    for f in all {
        if kept.iter().all(|k| f.end <= k.start || f.start >= k.end) {
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| f.start);
    for f in &mut kept {
        extend_modifier(sentence, f);
    }
    merge_ranges(sentence, kept)
}

/// An expression must not be glued to a number or a currency sign: "$2016",
/// "1,945", "2016.5", "2+2", "0.8%".
fn clean_edges(s: &str, start: usize, end: usize) -> bool {
    let before = &s[..start];
    let after = &s[end..];
    if let Some(c) = before.chars().next_back() {
        if "$€£¥#+=".contains(c) || c.is_alphanumeric() {
            return false;
        }
        if ".,".contains(c) && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
    }
    let mut next = after.chars();
    match next.next() {
        Some('%' | '+') => false,
        Some(c) if c.is_alphanumeric() => false,
        Some('.' | ',' | ':' | '/') => !next.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

fn extend_modifier(sentence: &str, f: &mut Found) {
    let extendable = match f.expr {
        Expr::Point(c) => c.day.is_none(),
        Expr::Relative { unit, .. } => matches!(unit, Unit::Year | Unit::Month),
        _ => false,
    };
    if !extendable {
        return;
    }
    if let Some(m) = MODIFIER
        .as_ref()
        .and_then(|re| re.find(&sentence[..f.start]))
    {
        f.start = m.start();
    }
}

/// Joins "from A to B", "between A and B" and "A – B" over two found points.
fn merge_ranges(sentence: &str, found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if let (Some(prev), Expr::Point(b)) = (out.last().copied(), f.expr) {
            if let Expr::Point(a) = prev.expr {
                if let Some(merged) = merge_pair(sentence, prev, a, f, b) {
                    out.pop();
                    out.push(merged);
                    continue;
                }
            }
        }
        out.push(f);
    }
    out
}

fn merge_pair(sentence: &str, pf: Found, a: Cal, bf: Found, b: Cal) -> Option<Found> {
    let gap = sentence[pf.end..bf.start].trim();
    let lead = last_word(&sentence[..pf.start]).map(|(w, i)| (w.to_ascii_lowercase(), i));
    let (is_from, is_between) = match &lead {
        Some((w, _)) => (w == "from", w == "between"),
        None => (false, false),
    };
    let ok = match gap {
        "-" | "–" | "—" => true,
        "to" | "until" | "till" | "through" => is_from,
        "and" => is_between,
        _ => false,
    };
    if !ok {
        return None;
    }
    // The left end takes what it leaves out from the right: "from May to July 2015".
    let mut a = a;
    if matches!(a.year, YearSpec::Infer) && !matches!(b.year, YearSpec::Infer) {
        a.year = b.year;
    }
    if a.month.is_some() != b.month.is_some() {
        return None;
    }
    let worded = gap.chars().all(char::is_alphabetic);
    let start = match lead {
        Some((_, i)) if worded && (is_from || is_between) => i,
        _ => pf.start,
    };
    Some(Found {
        start,
        end: bf.end,
        expr: Expr::Range(a, b),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        assert!(compile().iter().all(Option::is_some));
        assert!(PATTERN_SET.is_some() && MODIFIER.is_some());
    }
}
