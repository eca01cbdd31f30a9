//! Recognition: regular patterns find candidate time expressions in one
//! sentence, context rules drop the numbers and names that are not dates, and
//! the longest non-overlapping candidates win. Nothing here knows the
//! published date; `resolve` turns an `Expr` into a value.

use super::lexicon::{
    count, day_number, month_number, weekday, COUNT, DAY, MONTH, MONTH_FULL, QUANTITY_BEFORE,
    UNIT_AFTER, WEEKDAY, YEAR, YEAR_LEAD,
};
use jiff::civil::Weekday;
use regex::{Captures, Regex, RegexSet};
use std::sync::LazyLock;

/// How the year of a calendar expression is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearSpec {
    /// Written out: "May 2016".
    Given(i16),
    /// Relative to the published year: "December of this year" (0),
    /// "December last year" (-1).
    Offset(i32),
    /// Left out: "On September 2"; inferred from the published date and tense.
    Infer,
    /// "last December": the most recent one before the published month.
    LastNamed,
    /// "next December": the first one after the published month.
    NextNamed,
}

/// A calendar point: a year, a month or a day, whose year may be implicit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cal {
    /// The year.
    pub year: YearSpec,
    /// The month, 1–12.
    pub month: Option<i8>,
    /// The day of the month (only with a month).
    pub day: Option<i8>,
}

impl Cal {
    fn ymd(year: YearSpec, month: i8, day: Option<i8>) -> Self {
        Self {
            year,
            month: Some(month),
            day,
        }
    }

    fn year(y: i16) -> Self {
        Self {
            year: YearSpec::Given(y),
            month: None,
            day: None,
        }
    }
}

/// A calendar unit of relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    /// A day.
    Day,
    /// A Monday-to-Sunday week.
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
}

/// How a weekday name is placed relative to the published day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shift {
    /// By the tense of the sentence: "on Tuesday".
    Tense,
    /// "last Tuesday".
    Last,
    /// "next Tuesday".
    Next,
}

/// A recognised time expression before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expr {
    /// One calendar point.
    Point(Cal),
    /// A span between two points.
    Range(Cal, Cal),
    /// A decade by its first year.
    Decade(i16),
    /// The unit containing the published date, shifted by `offset` units:
    /// "this year" (0), "last month" (-1), "two years ago" (-2).
    Relative {
        /// The unit.
        unit: Unit,
        /// How many units from the published one.
        offset: i32,
    },
    /// A weekday near the published day.
    Weekday(Weekday, Shift),
    /// A unit counted from the last date the article spoke of: "the
    /// following year" (+1 year), "that year" (0), "a month earlier" (-1
    /// month), "the next day" (+1 day).
    Anaphoric {
        /// The unit (never a week).
        unit: Unit,
        /// How many units from the last date.
        offset: i32,
    },
}

/// A candidate expression in a sentence (byte offsets into the sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    /// Start of the expression's text.
    pub start: usize,
    /// End of the expression's text.
    pub end: usize,
    /// What it says.
    pub expr: Expr,
}

type Build = fn(&Captures<'_>, &str) -> Option<Found>;

struct Pattern {
    re: Regex,
    build: Build,
}

/// Separators of a two-part range: a dash or a word.
const TO: &str = r"(?P<to>\s*[-–—‐‑]\s*|\s+(?:to|until|till|through|and)\s+)";

/// A leading "from" or "between" that belongs to a range's text.
const PRE: &str = r"(?:(?P<pre>[Ff]rom|[Bb]etween)\s+)?";

fn pattern(src: &str, build: Build) -> Pattern {
    // ASCII word boundaries keep the fast DFA engines usable on text with
    // curly quotes and dashes (a Unicode `\b` makes them bail out); every
    // word the patterns anchor on is ASCII.
    let src = src.replace(r"\b", r"(?-u:\b)");
    // The sources are constants of this module, covered by the tests: a
    // failure here is a programming error caught by any test run.
    #[allow(clippy::expect_used)]
    let re = Regex::new(&src).expect("time-expression pattern compiles");
    Pattern { re, build }
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
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
                r"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<m>{MONTH}),?\s+(?P<y>{YEAR})"
            ),
            build_full,
        ),
        // (Tuesday,) May 17(th)(,) 2016
        pattern(
            &format!(r"\b(?:{WEEKDAY},?\s+)?(?P<m>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})"),
            build_full,
        ),
        // 29–30 April (2013)
        pattern(
            &format!(
                r"\b{PRE}(?P<d1>{DAY}){TO}(?P<d2>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?"
            ),
            build_day_range,
        ),
        // 29 April – 1 May (2013)
        pattern(
            &format!(
                r"\b{PRE}(?P<d1>{DAY})\s+(?P<m1>{MONTH}){TO}(?P<d2>{DAY})\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?"
            ),
            build_day_range,
        ),
        // September 2-3(, 2016)
        pattern(
            &format!(
                r"\b{PRE}(?P<m>{MONTH})\s+(?P<d1>{DAY}){TO}(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?"
            ),
            build_day_range,
        ),
        // April 29 – May 1(, 2013)
        pattern(
            &format!(
                r"\b{PRE}(?P<m1>{MONTH})\s+(?P<d1>{DAY}){TO}(?P<m>{MONTH})\s+(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?"
            ),
            build_day_range,
        ),
        // (Tuesday,) (the) 2(nd) (of) September
        pattern(
            &format!(r"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<m>{MONTH})"),
            build_day_month,
        ),
        // (Tuesday,) September 2(nd)
        pattern(
            &format!(r"\b(?:{WEEKDAY},?\s+)?(?P<m>{MONTH})\s+(?P<d>{DAY})"),
            build_day_month,
        ),
        // April 2013, April of 2013
        pattern(
            &format!(r"\b(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})"),
            build_month_year,
        ),
        // December of this year, September this year, March next year
        pattern(
            &format!(r"\b(?P<m>{MONTH_FULL}),?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b"),
            build_month_rel_year,
        ),
        // last December, next March, this May
        pattern(
            &format!(r"\b(?P<rel>this|last|next|this\s+coming|this\s+past)\s+(?P<m>{MONTH_FULL})"),
            build_rel_month,
        ),
        // in December, since March, mid-June
        pattern(&format!(r"\b(?P<m>{MONTH_FULL})"), build_bare_month),
        // from May to July
        pattern(
            &format!(
                r"\b(?P<pre>[Ff]rom|[Bb]etween)\s+(?P<m1>{MONTH_FULL}){TO}(?P<m>{MONTH_FULL})(?:,?\s+(?P<y>{YEAR}))?"
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
            r"\bthe\s+(?:(?:early|mid|late)[-\s]?)?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
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
            &format!(r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wd>{WEEKDAY})"),
            build_weekday,
        ),
        // the following year, that year, a year later
        pattern(
            r"\b(?:[Tt]he\s+(?P<k>following|previous|same|preceding)\s+(?P<u>year|month|day)|[Tt]he\s+(?P<k2>next)\s+(?P<u2>day)|(?P<that>[Tt]hat)\s+(?P<u3>year)|(?P<n>(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten))\s+(?P<u4>year|month|day)s?\s+(?P<dir>later|earlier))\b",
            build_anaphoric,
        ),
        // two years ago, a month ago
        pattern(
            &format!(r"\b(?P<n>{COUNT})\s+(?P<u>day|week|month|year|decade)s?\s+ago\b"),
            build_ago,
        ),
    ]
});

/// All patterns at once, to skip those that cannot match a sentence.
static PATTERN_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    // The same sources as `PATTERNS`, which compiled one by one.
    #[allow(clippy::expect_used)]
    RegexSet::new(PATTERNS.iter().map(|p| p.re.as_str())).expect("pattern set compiles")
});

/// Modifiers that extend a found expression leftwards ("early 2014",
/// "mid-December", "the end of 2015"): they belong to its text, not its value.
static MODIFIER: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a constant pattern, covered by the tests
    Regex::new(
        r"(?:(?-u:\b)(?:[Tt]he\s+)?(?:very\s+)?(?:end|start|beginning|middle|close)\s+of\s+|(?-u:\b)(?:[Ee]arly|[Ll]ate|[Mm]id)\s+|(?-u:\b)[Mm]id-)$",
    )
    .expect("modifier pattern compiles")
});

/// Finds the time expressions of one sentence, in order, without overlaps.
pub(super) fn scan(sentence: &str) -> Vec<Found> {
    let mut all: Vec<Found> = Vec::new();
    // One pass tells which patterns match at all; most sentences hold none.
    for i in PATTERN_SET.matches(sentence).iter() {
        let Some(p) = PATTERNS.get(i) else {
            continue;
        };
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
    if let Some(m) = MODIFIER.find(&sentence[..f.start]) {
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

/// The last word before `pos` (letters only) and its byte offset.
fn last_word(s: &str) -> Option<(&str, usize)> {
    let t = s.trim_end();
    let start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '\'' || *c == '’' || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    Some((&t[start..], start))
}

/// The word directly after `pos`, when only spaces (or a hyphen) separate it.
fn next_word(s: &str) -> Option<&str> {
    let t = s.strip_prefix('-').unwrap_or(s);
    let t = t.trim_start_matches([' ', '\u{a0}']);
    if t.len() == s.len() && !s.starts_with('-') {
        return None;
    }
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-' || *c == '/'))
        .map_or(t.len(), |(i, _)| i);
    (end > 0).then(|| &t[..end])
}

/// True when the expression starts the sentence (after quotes or brackets).
fn at_sentence_start(s: &str, pos: usize) -> bool {
    s[..pos]
        .chars()
        .all(|c| c.is_whitespace() || "\"'“‘([«—–-*#".contains(c))
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Month, weekday, season and holiday names: words a date may follow.
fn is_calendar_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    is_month_name(w)
        || matches!(
            w,
            "Monday"
                | "Tuesday"
                | "Wednesday"
                | "Thursday"
                | "Friday"
                | "Saturday"
                | "Sunday"
                | "Spring"
                | "Summer"
                | "Autumn"
                | "Fall"
                | "Winter"
                | "Christmas"
                | "Easter"
        )
}

fn is_month_name(w: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    ];
    super::MONTH_NAMES.contains(&w) || ABBREVIATIONS.contains(&w)
}

fn span(c: &Captures<'_>) -> (usize, usize) {
    c.get(0).map_or((0, 0), |m| (m.start(), m.end()))
}

fn num<T: std::str::FromStr>(c: &Captures<'_>, name: &str) -> Option<T> {
    c.name(name)?.as_str().parse().ok()
}

fn month_of(c: &Captures<'_>, name: &str) -> Option<i8> {
    month_number(c.name(name)?.as_str())
}

fn day_of(c: &Captures<'_>, name: &str) -> Option<i8> {
    day_number(c.name(name)?.as_str())
}

fn valid_day(year: Option<i16>, month: i8, day: i8) -> bool {
    // A leap year admits every day a month can have.
    jiff::civil::Date::new(year.unwrap_or(2000), month, day).is_ok()
}

fn point(start: usize, end: usize, cal: Cal) -> Option<Found> {
    Some(Found {
        start,
        end,
        expr: Expr::Point(cal),
    })
}

fn build_iso(c: &Captures<'_>, _: &str) -> Option<Found> {
    let (y, m, d) = (num::<i16>(c, "y")?, num::<i8>(c, "mo")?, num::<i8>(c, "d")?);
    if !(1..=12).contains(&m) || !valid_day(Some(y), m, d) {
        return None;
    }
    let (s, e) = span(c);
    point(s, e, Cal::ymd(YearSpec::Given(y), m, Some(d)))
}

fn build_numeric(c: &Captures<'_>, _: &str) -> Option<Found> {
    let sep = c.name("s1")?.as_str();
    if sep != c.name("s2")?.as_str() {
        return None;
    }
    let (a, b, y) = (num::<i8>(c, "a")?, num::<i8>(c, "b")?, num::<i16>(c, "y")?);
    // Day first unless that cannot be, or slashes suggest the US order.
    let (d, m) = if a > 12 || (b <= 12 && sep == ".") {
        (a, b)
    } else {
        (b, a)
    };
    if !(1..=12).contains(&m) || !valid_day(Some(y), m, d) {
        return None;
    }
    let (s, e) = span(c);
    point(s, e, Cal::ymd(YearSpec::Given(y), m, Some(d)))
}

/// The span of a day expression: a leading "the" belongs to it only in
/// "the 15th of May"; in "the 11 September attacks" it is the noun's.
fn day_span(c: &Captures<'_>) -> (usize, usize) {
    let (s, e) = span(c);
    let text = c.get(0).map_or("", |m| m.as_str());
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("the") && !lower.contains(" of ") {
        let rest = &text[3..];
        (s + 3 + (rest.len() - rest.trim_start().len()), e)
    } else {
        (s, e)
    }
}

fn build_full(c: &Captures<'_>, _: &str) -> Option<Found> {
    let (m, d, y) = (month_of(c, "m")?, day_of(c, "d")?, num::<i16>(c, "y")?);
    if !valid_day(Some(y), m, d) {
        return None;
    }
    let (s, e) = day_span(c);
    point(s, e, Cal::ymd(YearSpec::Given(y), m, Some(d)))
}

/// Where a range's text starts: with its "from"/"between" when the range is
/// written "from A to B" or "between A and B", else at A.
fn range_start(c: &Captures<'_>, whole: usize, to: &str) -> usize {
    let Some(p) = c.name("pre") else {
        return whole;
    };
    let pre = p.as_str().to_ascii_lowercase();
    let worded = matches!(to, "to" | "until" | "till" | "through" | "and");
    if worded && (pre == "from" || pre == "between") {
        whole
    } else {
        let rest = &c.get(0).map_or("", |m| m.as_str())[p.end() - whole..];
        p.end() + (rest.len() - rest.trim_start().len())
    }
}

fn build_day_range(c: &Captures<'_>, _: &str) -> Option<Found> {
    let to = c.name("to")?.as_str().trim();
    let pre = c.name("pre").map(|p| p.as_str().to_ascii_lowercase());
    match to {
        "and" if pre.as_deref() != Some("between") => return None,
        "to" | "until" | "till" | "through" if pre.as_deref() == Some("between") => return None,
        _ => {}
    }
    let m2 = month_of(c, "m")?;
    let m1 = c
        .name("m1")
        .map_or(Some(m2), |m| month_number(m.as_str()))?;
    let (d1, d2) = (day_of(c, "d1")?, day_of(c, "d2")?);
    let year = match c.name("y") {
        Some(y) => YearSpec::Given(y.as_str().parse().ok()?),
        None => YearSpec::Infer,
    };
    let y = match year {
        YearSpec::Given(y) => Some(y),
        _ => None,
    };
    if !valid_day(y, m1, d1) || !valid_day(y, m2, d2) || (m1 == m2 && d2 <= d1) {
        return None;
    }
    let (s, e) = span(c);
    let s = range_start(c, s, to);
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Range(Cal::ymd(year, m1, Some(d1)), Cal::ymd(year, m2, Some(d2))),
    })
}

fn build_day_month(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let (m, d) = (month_of(c, "m")?, day_of(c, "d")?);
    if !valid_day(None, m, d) {
        return None;
    }
    let (s, e) = day_span(c);
    let after = &sentence[e..];
    // "May 6 people" or "May 6-7" are not for this pattern.
    if let Some(w) = next_word(after) {
        if UNIT_AFTER.contains(&w.to_ascii_lowercase().as_str()) {
            return None;
        }
    }
    // "G-20 March" or "Article 9 May": a number that belongs to a name.
    let day_first = match (c.name("d"), c.name("m")) {
        (Some(dd), Some(mm)) => dd.start() < mm.start(),
        _ => false,
    };
    if day_first {
        let before = &sentence[..s];
        if before.ends_with('-') {
            return None;
        }
        if let Some((w, i)) = last_word(before) {
            if capitalised(w) && !is_calendar_word(w) && !at_sentence_start(sentence, i) {
                return None;
            }
        }
    }
    point(s, e, Cal::ymd(YearSpec::Infer, m, Some(d)))
}

fn build_month_year(c: &Captures<'_>, _: &str) -> Option<Found> {
    let (m, y) = (month_of(c, "m")?, num::<i16>(c, "y")?);
    let (s, e) = span(c);
    point(
        s,
        e,
        Cal {
            year: YearSpec::Given(y),
            month: Some(m),
            day: None,
        },
    )
}

fn build_month_rel_year(c: &Captures<'_>, _: &str) -> Option<Found> {
    let m = month_of(c, "m")?;
    let offset = match c.name("rel")?.as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    let (s, e) = span(c);
    point(s, e, Cal::ymd(YearSpec::Offset(offset), m, None))
}

/// A possessive after a month name ("November's election", "last
/// January's figures") is still the month, except for May, where "May's"
/// is far more often a surname.
fn possessive_is_a_name(month: i8, after: &str) -> bool {
    (after.starts_with("'s") || after.starts_with("’s")) && month == 5
}

fn build_rel_month(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let m = month_of(c, "m")?;
    let (s, e) = span(c);
    if possessive_is_a_name(m, &sentence[e..]) {
        return None;
    }
    let rel = c.name("rel")?.as_str();
    let year = if rel.starts_with("last") || rel.ends_with("past") {
        YearSpec::LastNamed
    } else if rel.starts_with("next") || rel.ends_with("coming") {
        YearSpec::NextNamed
    } else {
        YearSpec::Offset(0)
    };
    if next_word(&sentence[e..]).is_some_and(|w| capitalised(w) && !is_calendar_word(w)) {
        return None;
    }
    point(s, e, Cal::ymd(year, m, None))
}

/// Words before a bare month name that make it a date: prepositions of time
/// and the modifiers early, mid, late.
const MONTH_LEAD: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "during",
    "before",
    "after",
    "through",
    "throughout",
    "to",
    "of",
    "early",
    "late",
    "mid",
    "mid-",
    "between",
    "around",
    "and",
    "or",
    "for",
];

fn build_bare_month(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let m = c.name("m")?;
    let month = month_number(m.as_str())?;
    let (s, e) = (m.start(), m.end());
    let after = &sentence[e..];
    if possessive_is_a_name(month, after) {
        return None;
    }
    // A capitalised word after it makes it part of a name ("June Carter").
    if next_word(after).is_some_and(|w| capitalised(w) && !is_calendar_word(w)) {
        return None;
    }
    let before = &sentence[..s];
    let lead = if before.ends_with("mid-") {
        "mid-".to_string()
    } else {
        last_word(before).map(|(w, _)| w.to_ascii_lowercase())?
    };
    if !MONTH_LEAD.contains(&lead.as_str()) {
        return None;
    }
    // "May" after "by", "to", "as" is far more often a name or the verb.
    if month == 5
        && matches!(
            lead.as_str(),
            "by" | "to" | "as" | "and" | "or" | "for" | "of"
        )
    {
        return None;
    }
    // "and"/"or" join months only: "in November and December".
    if matches!(lead.as_str(), "and" | "or") {
        let head = before.trim_end();
        let head = head[..head.len().saturating_sub(lead.len())].trim_end();
        let prev = last_word(head.trim_end_matches(','))?.0;
        if !is_month_name(prev) {
            return None;
        }
    }
    point(s, e, Cal::ymd(YearSpec::Infer, month, None))
}

fn build_month_range(c: &Captures<'_>, _: &str) -> Option<Found> {
    let to = c.name("to")?.as_str().trim();
    let pre = c.name("pre")?.as_str().to_ascii_lowercase();
    let ok = match to {
        "and" => pre == "between",
        "to" | "until" | "till" | "through" => pre == "from",
        _ => true,
    };
    if !ok {
        return None;
    }
    let (m1, m2) = (month_of(c, "m1")?, month_of(c, "m")?);
    let year = match c.name("y") {
        Some(y) => YearSpec::Given(y.as_str().parse().ok()?),
        None => YearSpec::Infer,
    };
    let (s, e) = span(c);
    let s = range_start(c, s, to);
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Range(Cal::ymd(year, m1, None), Cal::ymd(year, m2, None)),
    })
}

fn build_year_range(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let y1: i16 = num(c, "y1")?;
    let raw = c.name("y2")?.as_str();
    let to = c.name("to")?.as_str().trim();
    let pre = c.name("pre").map(|p| p.as_str().to_ascii_lowercase());
    let y2: i16 = if raw.len() < 4 {
        // "2014/15", "2003-4": the written digits replace the last ones.
        if !matches!(to, "-" | "–" | "—" | "‐" | "‑" | "/") {
            return None;
        }
        let tail: i16 = raw.parse().ok()?;
        let unit = if raw.len() == 1 { 10 } else { 100 };
        let y = y1 - y1 % unit + tail;
        if y > y1 {
            y
        } else {
            y + unit
        }
    } else {
        raw.parse().ok()?
    };
    let ok_sep = match to {
        "and" => pre.as_deref() == Some("between"),
        "to" | "until" | "till" | "through" => pre.as_deref() == Some("from"),
        _ => pre.as_deref() != Some("between"),
    };
    if !ok_sep || y2 <= y1 || y2 - y1 > 100 || !(1000..=2100).contains(&y2) {
        return None;
    }
    let (s, e) = span(c);
    let s = range_start(c, s, to);
    let first = c.name("y1").map_or(s, |m| m.start());
    if !year_context_ok(sentence, first, e, y1) {
        return None;
    }
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Range(Cal::year(y1), Cal::year(y2)),
    })
}

fn build_decade(c: &Captures<'_>, _: &str) -> Option<Found> {
    let y: i16 = if let Some(y) = c.name("y") {
        y.as_str().parse().ok()?
    } else if let Some(yy) = c.name("yy") {
        let yy: i16 = yy.as_str().parse().ok()?;
        // Two-digit decades in news mean the last century up to the 2020s.
        if yy <= 20 {
            2000 + yy
        } else {
            1900 + yy
        }
    } else {
        let w = c.name("w")?.as_str();
        let tens = [
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
            "eighties",
            "nineties",
        ]
        .iter()
        .position(|x| *x == w)?;
        1920 + 10 * i16::try_from(tens).ok()?
    };
    // "in their 60s" is an age: the patterns take only a four-digit decade,
    // an apostrophe ("'60s") or a word after "the" ("the sixties").
    let (s, e) = span(c);
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Decade(y),
    })
}

fn build_year(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let m = c.name("y")?;
    let y: i16 = m.as_str().parse().ok()?;
    if !year_context_ok(sentence, m.start(), m.end(), y) {
        return None;
    }
    point(m.start(), m.end(), Cal::year(y))
}

/// Decides whether a bare four-digit number is a year: not a quantity ("about
/// 2000", "3200 kilometre", "1500 people"), not part of a name ("Windows
/// 2000"), not glued to other numbers.
fn year_context_ok(sentence: &str, start: usize, end: usize, y: i16) -> bool {
    let before = &sentence[..start];
    let after = &sentence[end..];
    if before.ends_with('-') && !before.to_ascii_lowercase().ends_with("mid-") {
        return false;
    }
    if after.starts_with('-') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // A number before it ("020 2000 1945") makes it part of a longer figure.
    let bt = before.trim_end();
    if bt.len() < before.len() && bt.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let lead = last_word(before);
    let lead_lc = lead.map(|(w, _)| w.to_ascii_lowercase());
    let lead_is_year_word = lead_lc
        .as_deref()
        .is_some_and(|l| YEAR_LEAD.contains(&l) || l.ends_with("'s") || l.ends_with("’s"));
    let possessive = after.starts_with("'s") || after.starts_with("’s");
    if after.starts_with(' ')
        && after.trim_start().starts_with(|c: char| c.is_ascii_digit())
        && !lead_is_year_word
    {
        return false;
    }
    if let Some(l) = &lead_lc {
        // "about 2000", "at least 3000", unless a preposition of time leads:
        // "until at least 2006", "than 2003's".
        if QUANTITY_BEFORE.contains(&l.as_str()) && !possessive && !time_preposition_near(before) {
            return false;
        }
        if l == "to"
            && last_word(&before[..lead.map_or(0, |x| x.1)])
                .is_some_and(|(w, _)| w.eq_ignore_ascii_case("up"))
        {
            return false;
        }
    }
    // "Windows 2000", "Euro 2004": a capitalised word glued before it names a thing.
    if let Some((w, i)) = lead {
        let only_space = before[i + w.len()..].chars().all(|c| c == ' ');
        if only_space
            && capitalised(w)
            && !is_calendar_word(w)
            && !at_sentence_start(sentence, i)
            && !w.ends_with('\'')
            && !w.ends_with('’')
            && !w.ends_with("'s")
            && !w.ends_with("’s")
        {
            return false;
        }
    }
    if y < 1500 && !lead_is_year_word {
        return false;
    }
    if let Some(w) = next_word(after) {
        let wl = w.to_ascii_lowercase();
        let head = wl.split('-').next().unwrap_or("");
        let name_like = capitalised(w) && w.chars().any(char::is_lowercase);
        if !name_like && (UNIT_AFTER.contains(&wl.as_str()) || UNIT_AFTER.contains(&head)) {
            return false;
        }
        // "2000 troops": a round number before a plural noun is a count.
        let plural = w.len() > 3
            && !capitalised(w)
            && wl.ends_with('s')
            && !wl.ends_with("ss")
            && !wl.ends_with("us")
            && !NOT_PLURAL.contains(&wl.as_str());
        let determiner = lead_lc.as_deref().is_some_and(|l| DETERMINERS.contains(&l));
        if plural && y % 100 == 0 && !determiner {
            return false;
        }
        if plural && y % 10 == 0 && !lead_is_year_word {
            return false;
        }
    }
    true
}

/// True when a preposition of time stands within the three words before
/// `before`'s end ("until at least", "by more than").
fn time_preposition_near(before: &str) -> bool {
    before.split_whitespace().rev().take(3).any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "until" | "till" | "by" | "since" | "before" | "after" | "in"
        )
    })
}

const DETERMINERS: &[&str] = &[
    "the", "a", "its", "his", "her", "their", "our", "this", "that",
];

const NOT_PLURAL: &[&str] = &[
    "was", "has", "is", "its", "his", "this", "as", "plus", "marks", "sees", "saw", "does",
    "makes", "brings", "gives", "seems", "looks", "remains", "becomes", "comes", "goes", "whereas",
    "always", "perhaps", "thus", "versus", "also", "whose",
];

fn build_rel_unit(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let (s, e) = span(c);
    let text = &sentence[s..e];
    // "the last year", "over the next month": spans of time, not calendar units.
    if !text.to_ascii_lowercase().starts_with("the")
        && last_word(&sentence[..s]).is_some_and(|(w, _)| w.eq_ignore_ascii_case("the"))
    {
        return None;
    }
    let offset = match c.name("rel").map(|r| r.as_str().to_ascii_lowercase()) {
        Some(r) if r == "last" => -1,
        Some(r) if r == "next" => 1,
        _ => 0,
    };
    let unit = match c.name("u")?.as_str() {
        "year" => Unit::Year,
        "month" => Unit::Month,
        _ => Unit::Week,
    };
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Relative { unit, offset },
    })
}

fn build_deictic(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let w = c.name("w")?.as_str();
    let (s, e) = span(c);
    // "Russia Today", "USA Today" are names.
    if capitalised(w) && !at_sentence_start(sentence, s) {
        return None;
    }
    // "the world of today" is the present, not a day.
    if w.eq_ignore_ascii_case("today")
        && last_word(&sentence[..s]).is_some_and(|(p, _)| p.eq_ignore_ascii_case("of"))
    {
        return None;
    }
    let lw = w.to_ascii_lowercase();
    let offset = if lw.starts_with("yesterday") || lw.starts_with("last") {
        -1
    } else if lw.starts_with("tomorrow") {
        1
    } else {
        0
    };
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Relative {
            unit: Unit::Day,
            offset,
        },
    })
}

fn build_weekday(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let wd = weekday(c.name("wd")?.as_str())?;
    let (s, e) = span(c);
    let after = &sentence[e..];
    // "Sunday Times", "Black Friday", "Super Tuesday": parts of names.
    if next_word(after).is_some_and(|w| capitalised(w) && !is_calendar_word(w)) {
        return None;
    }
    if c.name("rel").is_none() {
        if let Some((w, i)) = last_word(&sentence[..s]) {
            if capitalised(w) && !at_sentence_start(sentence, i) && !is_calendar_word(w) {
                return None;
            }
            // "the Mail on Sunday", "the Independent on Sunday": newspapers.
            if w == "on" && wd == Weekday::Sunday {
                let head = &sentence[..i];
                if let Some((name, j)) = last_word(head) {
                    if matches!(name, "Independent" | "Mail")
                        && last_word(&head[..j]).is_some_and(|(t, _)| t.eq_ignore_ascii_case("the"))
                    {
                        return None;
                    }
                }
            }
        }
    }
    let shift = match c.name("rel").map(|r| r.as_str().to_ascii_lowercase()) {
        Some(r) if r == "last" => Shift::Last,
        Some(r) if r == "next" => Shift::Next,
        _ => Shift::Tense,
    };
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Weekday(wd, shift),
    })
}

fn build_ago(c: &Captures<'_>, _: &str) -> Option<Found> {
    let n = count(c.name("n")?.as_str())?;
    let (unit, n) = match c.name("u")?.as_str() {
        "day" => (Unit::Day, n),
        "week" => (Unit::Week, n),
        "month" => (Unit::Month, n),
        "year" => (Unit::Year, n),
        _ => (Unit::Year, n.checked_mul(10)?),
    };
    let (s, e) = span(c);
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Relative { unit, offset: -n },
    })
}

fn build_anaphoric(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let (s, e) = span(c);
    // "year-on-year" is no year; "a year later than planned" compares.
    if sentence[e..].starts_with('-') || next_word(&sentence[e..]) == Some("than") {
        return None;
    }
    let unit = match ["u", "u2", "u3", "u4"]
        .iter()
        .find_map(|g| c.name(g))
        .map(|m| m.as_str())
    {
        Some("month") => Unit::Month,
        Some("day") => Unit::Day,
        _ => Unit::Year,
    };
    let offset = if let Some(k) = c.name("k").or(c.name("k2")) {
        match k.as_str() {
            "following" | "next" => 1,
            "previous" | "preceding" => -1,
            _ => 0,
        }
    } else if c.name("that").is_some() {
        0
    } else {
        let n = count(c.name("n")?.as_str())?;
        match c.name("dir")?.as_str() {
            "later" => n,
            _ => -n,
        }
    };
    Some(Found {
        start: s,
        end: e,
        expr: Expr::Anaphoric { unit, offset },
    })
}
