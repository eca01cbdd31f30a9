//! Time expressions: recognised in running text and normalised against the
//! article's published date.
//!
//! A reader comparing sources needs to know when each thing happened; this
//! module finds every calendar expression of an article ("May 17, 2016",
//! "29–30 April 2013", "the 2000s", "last year", "in December") and gives it
//! a value in the export contract's form. Recognition lives in `scan`
//! (patterns plus the context rules that keep "$2.5bn" or "3200 kilometre"
//! out), the tense cues in `tense`, and normalisation in `resolve`
//! (`HeidelTime`'s year inference). Durations and ages ("70 years", "the 60th
//! anniversary") are not dates and are not reported; nor are vague or
//! present references ("recent months", "now"), nor seasons, quarters and
//! centuries, for which the contract has no value form.

mod lexicon;

/// The English month names, January first: for text that names months
/// (read from `data/lexicon/months.txt` when the crate is compiled).
pub use super::lexicon::MONTH_NAMES;

mod expr;
mod resolve;
mod rules;
mod scan;
mod spoken;
mod tense;

use super::segment::Sentence;
use crate::corpus::PartialDate;
use serde::{Deserialize, Serialize};

/// A normalised calendar value, as the export contract writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeValue {
    /// A year, a month or a day.
    Point(PartialDate),
    /// A span between two points, inclusive.
    Range(PartialDate, PartialDate),
    /// A decade, by its first year (`2000` for "the 2000s").
    Decade(i16),
}

impl TimeValue {
    /// The contract's form: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `A/B`, `YYYX`.
    pub fn contract(&self) -> String {
        match self {
            Self::Point(p) => p.to_string(),
            Self::Range(a, b) => format!("{a}/{b}"),
            Self::Decade(y) => format!("{:03}X", y / 10),
        }
    }

    /// The earliest day it covers, for chronological ordering.
    pub fn first_day(&self) -> jiff::civil::Date {
        match self {
            Self::Point(p) | Self::Range(p, _) => p.first_day(),
            Self::Decade(y) => PartialDate::year(*y).first_day(),
        }
    }

    /// The last day it covers ("2016-05" ends on 2016-05-31).
    pub fn last_day(&self) -> jiff::civil::Date {
        match self {
            Self::Point(p) | Self::Range(_, p) => last_day_of(*p),
            Self::Decade(y) => last_day_of(PartialDate::year(y.saturating_add(9))),
        }
    }

    /// A key that sorts values chronologically: by first day, then the
    /// shorter span first (so "2016-05-06" comes before "2016-05", which
    /// comes before "2016").
    pub fn sort_key(&self) -> (jiff::civil::Date, jiff::civil::Date) {
        (self.first_day(), self.last_day())
    }

    /// True when the two values share at least one day.
    pub fn overlaps(&self, other: &TimeValue) -> bool {
        self.first_day() <= other.last_day() && other.first_day() <= self.last_day()
    }
}

fn last_day_of(p: PartialDate) -> jiff::civil::Date {
    let first = p.first_day();
    match (p.month, p.day) {
        (Some(_), Some(_)) => first,
        (Some(_), None) => first.last_of_month(),
        (None, _) => jiff::civil::Date::new(p.year, 12, 31).unwrap_or(jiff::civil::Date::MAX),
    }
}

/// One time expression in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Byte offset of the expression in the body.
    pub start: usize,
    /// Byte offset after it.
    pub end: usize,
    /// Index of the sentence that holds it.
    pub sentence: usize,
    /// The expression as written, without a leading preposition.
    pub text: String,
    /// Its value, or `None` when it cannot be resolved.
    pub value: Option<TimeValue>,
}

/// Finds every time expression in `body`, in reading order, each with the
/// index of the sentence (of `sentences`) that holds it, resolved against the
/// `published` date. Text outside every sentence is not searched.
pub fn extract(
    body: &str,
    sentences: &[Sentence],
    published: Option<PartialDate>,
) -> Vec<DateMention> {
    let mut resolver = resolve::Resolver::new(published);
    let mut out = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        let Some(text) = body.get(sentence.range()) else {
            continue;
        };
        let found_all = scan::scan(text);
        if found_all.is_empty() {
            continue;
        }
        resolver.new_sentence();
        // The cue words are the same for every expression of the sentence.
        let cues = tense::Cues::of(text);
        for found in found_all {
            let t = tense::governed(text, found.start, found.end)
                .unwrap_or_else(|| cues.tense_at(found.start, found.end));
            let value = resolver.resolve(&found.expr, t);
            // "the following year" with no year before it says nothing.
            if value.is_none() && matches!(found.expr, expr::Expr::Anaphoric { .. }) {
                continue;
            }
            out.push(DateMention {
                start: sentence.start + found.start,
                end: sentence.start + found.end,
                sentence: index,
                text: text[found.start..found.end].to_string(),
                value,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
