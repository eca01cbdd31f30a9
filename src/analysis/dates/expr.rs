//! What recognition yields before resolution: a time expression's shape
//! (a calendar point, a range, a decade, a unit relative to the published
//! date, a weekday, a unit counted from the last date spoken of) with its
//! byte span in the sentence. `scan` finds them, `resolve` gives them values.

use jiff::civil::Weekday;

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
    pub(super) fn ymd(year: YearSpec, month: i8, day: Option<i8>) -> Self {
        Self {
            year,
            month: Some(month),
            day,
        }
    }

    pub(super) fn year(y: i16) -> Self {
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
    /// A holiday: its month and day, or the first `weekday` on or after
    /// them ("Thanksgiving": the first Thursday from November 22).
    Holiday {
        /// The month.
        month: i8,
        /// The day, or the first day it may fall on.
        day: i8,
        /// The weekday it falls on, for a holiday that moves.
        weekday: Option<Weekday>,
        /// Its year.
        year: YearSpec,
    },
    /// "a year ago", "a year earlier": a day as far back as the published
    /// day ("ago") or the last day spoken of ("earlier"), as precise as
    /// that day is.
    Back {
        /// How many years back.
        years: i32,
        /// Counted from the last date spoken of rather than the published
        /// one.
        anaphoric: bool,
    },
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
