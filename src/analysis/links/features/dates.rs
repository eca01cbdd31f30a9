//! A sentence's own dates, read off its tokens when the date pass found
//! none in it ("May 6", "29–30 April 2013", "March 2014", "this year"), and
//! the tokens that belong to a date, which are then neither content words
//! nor quantities.

use super::tokens::Token;
use super::DateFeature;
use crate::analysis::lexicon::{self, WordSet};
use crate::corpus::PartialDate;
use std::sync::LazyLock;

/// The month (1–12) a lower-case word names in full ("march" is 3).
pub(super) fn month_number(lower: &str) -> Option<i8> {
    lexicon::full_month_number(lower)
}

/// Words before "May" that make it the month
/// (`data/lexicon/may_month_leads.txt`).
static MAY_MONTH_LEADS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::of(&lexicon::MAY_MONTH_LEADS));

fn month_of(t: &Token<'_>) -> Option<i8> {
    if !t.capital {
        return None;
    }
    month_number(&t.lower)
}

fn year_of(t: &Token<'_>) -> Option<i16> {
    if t.lower.len() != 4 {
        return None;
    }
    let y: i16 = t.lower.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

fn day_of(t: &Token<'_>) -> Option<i8> {
    let d: i8 = t.lower.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// Marks tokens that belong to a date: month names with their day and year
/// numbers, and four-digit years.
pub(super) fn date_token_mask(toks: &[Token<'_>]) -> Vec<bool> {
    let mut mask = vec![false; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        if year_of(t).is_some() {
            mask[i] = true;
        }
        if month_of(t).is_some() && is_month_use(toks, i) {
            mask[i] = true;
            for j in [i.wrapping_sub(1), i + 1, i + 2] {
                if let Some(n) = toks.get(j) {
                    if day_of(n).is_some() || year_of(n).is_some() {
                        mask[j] = true;
                    }
                }
            }
            // "September 2-3": the second day of a range.
            if let Some(n) = toks.get(i + 2) {
                if day_of(n).is_some() {
                    mask[i + 2] = true;
                }
            }
        }
    }
    mask
}

/// "May" is a month only next to a day or year, or after a preposition.
fn is_month_use(toks: &[Token<'_>], i: usize) -> bool {
    if toks[i].lower != "may" {
        return true;
    }
    let next_num = toks
        .get(i + 1)
        .is_some_and(|n| day_of(n).is_some() || year_of(n).is_some());
    let prev_num = i > 0 && day_of(&toks[i - 1]).is_some();
    let prev_prep = i > 0 && MAY_MONTH_LEADS.contains(&toks[i - 1].lower);
    next_num || prev_num || prev_prep
}

/// The sentence's own dates: "May 6", "29–30 April 2013", "March 2014",
/// "2014", "this year", "this month", "last year". A month without a year
/// takes the year that puts it nearest the publication date.
pub(super) fn own_dates(
    text: &str,
    toks: &[Token<'_>],
    published: Option<PartialDate>,
) -> Vec<DateFeature> {
    let mut out: Vec<DateFeature> = Vec::new();
    let mut used = vec![false; toks.len()];
    let push = |out: &mut Vec<DateFeature>, value: PartialDate, text: String| {
        if !out.iter().any(|d| d.value == value) {
            out.push(DateFeature { value, text });
        }
    };
    for (i, t) in toks.iter().enumerate() {
        let Some(month) = month_of(t) else { continue };
        if !is_month_use(toks, i) {
            continue;
        }
        let day_before = i
            .checked_sub(1)
            .and_then(|j| toks.get(j))
            .and_then(day_of)
            .map(|d| (d, i - 1));
        let day_after = toks.get(i + 1).and_then(day_of).map(|d| (d, i + 1));
        let day = day_after.or(day_before);
        let year_at = if day_after.is_some() { i + 2 } else { i + 1 };
        // "December of this year"
        let this_year = toks.get(i + 1).is_some_and(|n| n.lower == "of")
            && toks.get(i + 2).is_some_and(|n| n.lower == "this")
            && toks.get(i + 3).is_some_and(|n| n.lower == "year");
        let year = toks.get(year_at).and_then(year_of).or_else(|| {
            if this_year {
                return published.map(|p| p.year);
            }
            let p = published?;
            Some(match p.month {
                Some(pm) => {
                    let delta = i32::from(month) - i32::from(pm);
                    if delta > 6 {
                        p.year - 1
                    } else if delta < -6 {
                        p.year + 1
                    } else {
                        p.year
                    }
                }
                None => p.year,
            })
        });
        let Some(year) = year else { continue };
        let first = day.map_or(i, |(_, j)| j.min(i));
        let last = if toks.get(year_at).and_then(year_of).is_some() {
            year_at
        } else {
            day.map_or(i, |(_, j)| j.max(i))
        };
        for u in used.iter_mut().take(last + 1).skip(first) {
            *u = true;
        }
        let value = match day {
            Some((d, _)) => PartialDate::day(year, month, d),
            None => PartialDate::month(year, month),
        };
        if let Some(value) = value {
            let written = text.get(toks[first].start..toks[last].end).unwrap_or("");
            push(&mut out, value, written.to_string());
        }
    }
    for (i, t) in toks.iter().enumerate() {
        if used[i] {
            continue;
        }
        if let Some(y) = year_of(t) {
            // A year after a quantity's currency sign is an amount, not a date.
            if i > 0 && matches!(toks[i - 1].lower.as_str(), "$" | "us$" | "€" | "£") {
                continue;
            }
            push(&mut out, PartialDate::year(y), t.raw.to_string());
        }
    }
    if let Some(p) = published {
        for (i, t) in toks.iter().enumerate() {
            let Some(n) = toks.get(i + 1) else { break };
            let rel = match (t.lower.as_str(), n.lower.as_str()) {
                ("this", "year") => Some(PartialDate::year(p.year)),
                ("last", "year") => Some(PartialDate::year(p.year - 1)),
                ("next", "year") => Some(PartialDate::year(p.year + 1)),
                ("this", "month") => p.month.and_then(|m| PartialDate::month(p.year, m)),
                _ => None,
            };
            if let Some(v) = rel {
                let covered = out.iter().any(|d| {
                    d.value.year == v.year && (v.month.is_none() || d.value.month == v.month)
                });
                if !covered {
                    let written = text.get(t.start..n.end).unwrap_or("");
                    push(&mut out, v, written.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::analysis::links::features::{claim_of, Claim};

    fn claim(text: &str) -> Claim {
        claim_of(text, "2016-09")
    }

    #[test]
    fn own_dates_resolve_against_publication() {
        let c = claim("Putin will visit Japan on December 15, after the May 2016 meeting and the 2014 crisis.");
        let values: Vec<String> = c.dates.iter().map(|d| d.value.to_string()).collect();
        assert_eq!(values, vec!["2016-12-15", "2016-05", "2014"]);
        let c = claim("This month he hosted Putin; it may rain.");
        let values: Vec<String> = c.dates.iter().map(|d| d.value.to_string()).collect();
        assert_eq!(values, vec!["2016-09"]);
        assert_eq!(
            claim("On 29–30 April 2013, he visited.").dates[0]
                .value
                .to_string(),
            "2013-04-30"
        );
    }
}
