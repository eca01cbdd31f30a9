//! The context rules: one builder per pattern of `scan`, which reads the
//! pattern's captures into an [`Expr`] and looks at the words around the
//! match to tell a date from a quantity, a name or a duration ("$2.5bn",
//! "3200 kilometre", "Windows 2000", "May 6 people", "Sunday Times").

use super::expr::{Cal, Expr, Found, Shift, Unit, YearSpec};
use super::lexicon::{
    count, day_number, decade_of_word, is_month_name, is_weekday, month_number, weekday,
    DETERMINERS, MAY_NAME_LEADS, MEASURE_WORDS, MONTH_LEADS, NOT_PLURALS, QUANTITY_LEADS,
    SEASONS_AND_HOLIDAYS, TIME_PREPOSITIONS, WEEKDAY_NAME_LEADS, YEAR_LEADS,
};
use jiff::civil::Weekday;
use regex::Captures;

/// The last word before `pos` (letters only) and its byte offset.
pub(super) fn last_word(s: &str) -> Option<(&str, usize)> {
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
pub(super) fn at_sentence_start(s: &str, pos: usize) -> bool {
    s[..pos]
        .chars()
        .all(|c| c.is_whitespace() || "\"'“‘([«—–-*#`".contains(c))
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Month, weekday, season and holiday names: words a date may follow.
fn is_calendar_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    is_month_name(w) || is_weekday(w) || SEASONS_AND_HOLIDAYS.contains(w)
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

pub(super) fn build_iso(c: &Captures<'_>, _: &str) -> Option<Found> {
    let (y, m, d) = (num::<i16>(c, "y")?, num::<i8>(c, "mo")?, num::<i8>(c, "d")?);
    if !(1..=12).contains(&m) || !valid_day(Some(y), m, d) {
        return None;
    }
    let (s, e) = span(c);
    point(s, e, Cal::ymd(YearSpec::Given(y), m, Some(d)))
}

pub(super) fn build_numeric(c: &Captures<'_>, _: &str) -> Option<Found> {
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

pub(super) fn build_full(c: &Captures<'_>, _: &str) -> Option<Found> {
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

pub(super) fn build_day_range(c: &Captures<'_>, _: &str) -> Option<Found> {
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

pub(super) fn build_day_month(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let (m, d) = (month_of(c, "m")?, day_of(c, "d")?);
    if !valid_day(None, m, d) {
        return None;
    }
    let (s, e) = day_span(c);
    let after = &sentence[e..];
    // "May 6 people" or "May 6-7" are not for this pattern.
    if let Some(w) = next_word(after) {
        if MEASURE_WORDS.contains(&w.to_ascii_lowercase()) {
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

pub(super) fn build_month_year(c: &Captures<'_>, _: &str) -> Option<Found> {
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

pub(super) fn build_month_rel_year(c: &Captures<'_>, _: &str) -> Option<Found> {
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

pub(super) fn build_rel_month(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let m = month_of(c, "m")?;
    let (s, e) = span(c);
    if possessive_is_a_name(m, &sentence[e..]) {
        return None;
    }
    let rel = c.name("rel")?.as_str().to_ascii_lowercase();
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

pub(super) fn build_bare_month(c: &Captures<'_>, sentence: &str) -> Option<Found> {
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
    let hyphened = ["mid-", "early-", "late-"]
        .into_iter()
        .find(|p| before.to_ascii_lowercase().ends_with(p));
    let lead = if let Some(p) = hyphened {
        (if p == "mid-" { p } else { "mid-" }).to_string()
    } else {
        last_word(before).map(|(w, _)| w.to_ascii_lowercase())?
    };
    if !MONTH_LEADS.contains(&lead) {
        return None;
    }
    // "May" after "by", "to", "as" is far more often a name or the verb.
    if month == 5 && MAY_NAME_LEADS.contains(&lead) {
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

pub(super) fn build_month_range(c: &Captures<'_>, _: &str) -> Option<Found> {
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

pub(super) fn build_year_range(c: &Captures<'_>, sentence: &str) -> Option<Found> {
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

pub(super) fn build_decade(c: &Captures<'_>, _: &str) -> Option<Found> {
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
        decade_of_word(c.name("w")?.as_str())?
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

pub(super) fn build_year(c: &Captures<'_>, sentence: &str) -> Option<Found> {
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
    let lower_before = before.to_ascii_lowercase();
    if before.ends_with('-')
        && !["mid-", "post-", "pre-"]
            .iter()
            .any(|p| lower_before.ends_with(p))
    {
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
        .is_some_and(|l| YEAR_LEADS.contains(l) || l.ends_with("'s") || l.ends_with("’s"));
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
        if QUANTITY_LEADS.contains(l) && !possessive && !time_preposition_near(before) {
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
        if !name_like && (MEASURE_WORDS.contains(&wl) || MEASURE_WORDS.contains(head)) {
            return false;
        }
        // "2000 troops": a round number before a plural noun is a count.
        let plural = w.len() > 3
            && !capitalised(w)
            && wl.ends_with('s')
            && !wl.ends_with("ss")
            && !wl.ends_with("us")
            && !NOT_PLURALS.contains(&wl);
        let determiner = lead_lc.as_deref().is_some_and(|l| DETERMINERS.contains(l));
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
    before
        .split_whitespace()
        .rev()
        .take(3)
        .any(|w| TIME_PREPOSITIONS.contains(&w.to_ascii_lowercase()))
}

pub(super) fn build_rel_unit(c: &Captures<'_>, sentence: &str) -> Option<Found> {
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

pub(super) fn build_deictic(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let w = c.name("w")?.as_str();
    let (s, e) = span(c);
    // "Russia Today", "USA Today" are names.
    if capitalised(w) && !at_sentence_start(sentence, s) {
        return None;
    }
    // "the world of today", "the people of tomorrow": the present and the
    // future, not days.
    if (w.eq_ignore_ascii_case("today") || w.eq_ignore_ascii_case("tomorrow"))
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

pub(super) fn build_weekday(c: &Captures<'_>, sentence: &str) -> Option<Found> {
    let wd = weekday(c.name("wd")?.as_str())?;
    let (s, e) = span(c);
    let after = &sentence[e..];
    // "Sunday Times", "Black Friday", "Super Tuesday": parts of names.
    if next_word(after).is_some_and(|w| capitalised(w) && !is_calendar_word(w)) {
        return None;
    }
    if c.name("rel").is_none() {
        if let Some((w, i)) = last_word(&sentence[..s]) {
            // "Black Friday", "Super Tuesday" are names; after any other
            // name a weekday is a date ("The World Court Friday rejected").
            if capitalised(w) && !at_sentence_start(sentence, i) && WEEKDAY_NAME_LEADS.contains(w) {
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

pub(super) fn build_ago(c: &Captures<'_>, _: &str) -> Option<Found> {
    let n = count(c.name("n")?.as_str())?;
    let (unit, n) = match c.name("u")?.as_str() {
        "day" => (Unit::Day, n),
        "week" => (Unit::Week, n),
        "month" => (Unit::Month, n),
        "year" => (Unit::Year, n),
        _ => (Unit::Year, n.checked_mul(10)?),
    };
    let (s, e) = span(c);
    let expr = Expr::Relative { unit, offset: -n };
    Some(Found {
        start: s,
        end: e,
        expr,
    })
}

pub(super) fn build_anaphoric(c: &Captures<'_>, sentence: &str) -> Option<Found> {
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
    // "a year earlier": a year before the date of its sentence, or the
    // published year.
    let expr = if unit == Unit::Year && offset == -1 && c.name("dir").is_some() {
        Expr::Back {
            years: 1,
            anaphoric: true,
        }
    } else {
        Expr::Anaphoric { unit, offset }
    };
    Some(Found {
        start: s,
        end: e,
        expr,
    })
}
