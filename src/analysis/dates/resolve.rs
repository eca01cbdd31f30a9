//! Normalisation: a recognised expression becomes a calendar value, resolved
//! against the article's published date (which may be known only to the
//! month or the year).
//!
//! Year inference follows `HeidelTime`'s `handleUndefYear` for news: take the
//! published year; in a past (or tenseless) clause a month after the
//! published one is last year's; in a future clause a month before it is next
//! year's. One addition: a month named again in the same article keeps the
//! year it was given before ("Putin will visit in December … by inviting
//! Putin in December, Abe took a gamble"), or written with a year near the
//! published one ("December 2016"), unless a future cue says otherwise.
//! Without a published date a year-less month takes the last year written
//! earlier in the article (`HeidelTime`'s narrative rule), else stays unresolved.

use super::expr::{Cal, Expr, Shift, Unit, YearSpec};
use super::tense::Tense;
use super::TimeValue;
use crate::corpus::PartialDate;
use jiff::civil::Date;
use jiff::Span;

/// Resolves the expressions of one article, in reading order.
pub(super) struct Resolver {
    published: Option<PartialDate>,
    /// The year given to each month (index 1–12) resolved against the
    /// published date earlier in the article.
    months: [Option<i16>; 13],
    /// The last year written out earlier in the article.
    last_year: Option<i16>,
    /// The start of the last value resolved earlier in the article.
    last_resolved: Option<PartialDate>,
    /// The same, in the current sentence only.
    sentence_last: Option<PartialDate>,
}

impl Resolver {
    /// A resolver for an article published at `published`.
    pub(super) fn new(published: Option<PartialDate>) -> Self {
        Self {
            published,
            months: [None; 13],
            last_year: None,
            last_resolved: None,
            sentence_last: None,
        }
    }

    /// Starts a new sentence: its dates are the ones "a year earlier"
    /// counts from.
    pub(super) fn new_sentence(&mut self) {
        self.sentence_last = None;
    }

    /// The value of `expr` in a clause of tense `tense`.
    pub(super) fn resolve(&mut self, expr: &Expr, tense: Tense) -> Option<TimeValue> {
        let value = self.value(expr, tense);
        // A date counted from the last one ("a year earlier") is no new
        // anchor for the next.
        let counted = matches!(
            expr,
            Expr::Back {
                anaphoric: true,
                ..
            }
        );
        if let (Some(TimeValue::Point(p) | TimeValue::Range(p, _)), false) = (&value, counted) {
            self.last_resolved = Some(*p);
            self.sentence_last = Some(*p);
        }
        value
    }

    fn value(&mut self, expr: &Expr, tense: Tense) -> Option<TimeValue> {
        match *expr {
            Expr::Anaphoric { unit, offset } => {
                let base = self.last_resolved?;
                Self::shifted(base, unit, offset)
            }
            Expr::Point(c) => self.cal(c, tense).map(TimeValue::Point),
            Expr::Range(a, b) => self.range(a, b, tense),
            Expr::Decade(y) => Some(TimeValue::Decade(y)),
            Expr::Relative { unit, offset } => self.relative(unit, offset),
            Expr::Weekday(wd, shift) => self.weekday(wd, shift, tense),
            Expr::Holiday {
                month,
                day,
                weekday,
                year,
            } => {
                let y = self.cal(Cal::ymd(year, month, Some(day)), tense)?.year;
                let mut d = Date::new(y, month, day).ok()?;
                if let Some(wd) = weekday {
                    d = d
                        .checked_add(Span::new().days(wd.since(d.weekday())))
                        .ok()?;
                }
                Some(TimeValue::Point(partial(d)?))
            }
            Expr::Back { years, anaphoric } => {
                let p = self.published?;
                // "For the quarter ended Sept. 30 … a year earlier": a year
                // before the date of its sentence; else before the last date
                // of a story of past years ("In 1945 … A year earlier"); else
                // before the published year.
                let base = match (self.sentence_last, self.last_resolved) {
                    (Some(l), _) if anaphoric => l,
                    (_, Some(l)) if anaphoric && l.year < p.year => l,
                    _ => PartialDate::year(p.year),
                };
                let year = shift_year(base.year, -years)?;
                // 29 February a year back is the 28th.
                make(year, base.month, base.day)
                    .or_else(|| make(year, base.month, base.day.map(|_| 28)))
                    .map(TimeValue::Point)
            }
        }
    }

    fn range(&mut self, a: Cal, b: Cal, tense: Tense) -> Option<TimeValue> {
        let first = self.cal(a, tense)?;
        let mut second = if b.year == YearSpec::Infer || b.year == a.year {
            make(first.year, b.month, b.day)?
        } else {
            self.cal(b, tense)?
        };
        // "December 30 – January 2": the end runs into the next year.
        if second < first && b.year == YearSpec::Infer {
            second = make(first.year.checked_add(1)?, b.month, b.day)?;
        }
        (first <= second).then_some(TimeValue::Range(first, second))
    }

    fn cal(&mut self, c: Cal, tense: Tense) -> Option<PartialDate> {
        let year = match c.year {
            YearSpec::Given(y) => {
                self.last_year = Some(y);
                // "December 2016" in a 2016 article fixes which December a
                // later bare "December" means; "December 2012" does not.
                if let (Some(m), Some(p)) = (c.month, self.published) {
                    if (i32::from(y) - i32::from(p.year)).abs() <= 1 {
                        self.months[month_index(m)] = Some(y);
                    }
                }
                return make(y, c.month, c.day);
            }
            YearSpec::Offset(o) => shift_year(self.published?.year, o)?,
            YearSpec::Infer => self.infer_year(c.month?, c.day, tense)?,
            YearSpec::LastNamed => {
                let p = self.published?;
                let pm = p.month?;
                if pm > c.month? {
                    p.year
                } else {
                    p.year.checked_sub(1)?
                }
            }
            YearSpec::NextNamed => {
                let p = self.published?;
                let pm = p.month?;
                if pm < c.month? {
                    p.year
                } else {
                    p.year.checked_add(1)?
                }
            }
        };
        if let Some(m) = c.month {
            if self.published.is_some() {
                self.months[month_index(m)] = Some(year);
            }
        }
        make(year, c.month, c.day)
    }

    fn infer_year(&self, month: i8, day: Option<i8>, tense: Tense) -> Option<i16> {
        let Some(p) = self.published else {
            return self.last_year;
        };
        if tense != Tense::Future {
            if let Some(y) = self.months[month_index(month)] {
                return Some(y);
            }
        }
        let Some(pm) = p.month else {
            return Some(p.year);
        };
        let later_day =
            |a: Option<i8>, b: Option<i8>| matches!((a, b), (Some(a), Some(b)) if a < b);
        let y = match tense {
            Tense::Future if pm > month || (pm == month && later_day(day, p.day)) => {
                p.year.checked_add(1)?
            }
            Tense::Past if pm < month || (pm == month && later_day(p.day, day)) => {
                p.year.checked_sub(1)?
            }
            // No tense to go by ("payable Dec. 7", "the March figures"): the
            // nearest such day or month to the published date, the earlier
            // of two as near.
            Tense::Unknown => nearest_year(p, month, day)?,
            _ => p.year,
        };
        Some(y)
    }

    fn relative(&self, unit: Unit, offset: i32) -> Option<TimeValue> {
        Self::shifted(self.published?, unit, offset)
    }

    /// The `unit` containing `p`, moved by `offset` units; `p` must be at
    /// least as precise as the unit.
    fn shifted(p: PartialDate, unit: Unit, offset: i32) -> Option<TimeValue> {
        let value = match unit {
            Unit::Year => TimeValue::Point(PartialDate::year(shift_year(p.year, offset)?)),
            Unit::Month => {
                let d = Date::new(p.year, p.month?, 1)
                    .ok()?
                    .checked_add(Span::new().months(offset))
                    .ok()?;
                TimeValue::Point(PartialDate::month(d.year(), d.month())?)
            }
            Unit::Week => {
                let day = published_day(p)?;
                let monday = day
                    .checked_sub(Span::new().days(day.weekday().to_monday_zero_offset()))
                    .ok()?
                    .checked_add(Span::new().weeks(offset))
                    .ok()?;
                let sunday = monday.checked_add(Span::new().days(6)).ok()?;
                TimeValue::Range(partial(monday)?, partial(sunday)?)
            }
            // "today" lies within the published date, however coarse it is.
            Unit::Day if offset == 0 && p.day.is_none() => TimeValue::Point(p),
            Unit::Day => {
                let day = published_day(p)?
                    .checked_add(Span::new().days(offset))
                    .ok()?;
                TimeValue::Point(partial(day)?)
            }
        };
        Some(value)
    }

    fn weekday(&self, wd: jiff::civil::Weekday, shift: Shift, tense: Tense) -> Option<TimeValue> {
        let day = published_day(self.published?)?;
        let back = i32::from(day.weekday().since(wd));
        let ahead = i32::from(wd.since(day.weekday()));
        let delta = match shift {
            Shift::Last => -(if back == 0 { 7 } else { back }),
            Shift::Next => {
                if ahead == 0 {
                    7
                } else {
                    ahead
                }
            }
            Shift::Tense if tense == Tense::Future => ahead,
            // No tense: the nearer of the two, the past one if as near.
            Shift::Tense if tense == Tense::Unknown && ahead < back => ahead,
            Shift::Tense => -back,
        };
        let d = day.checked_add(Span::new().days(delta)).ok()?;
        Some(TimeValue::Point(partial(d)?))
    }
}

/// The year that puts `month` (and `day`) nearest the published date `p`
/// (whose month is known): of two as near, the earlier.
fn nearest_year(p: PartialDate, month: i8, day: Option<i8>) -> Option<i16> {
    let pm = p.month?;
    // Distances in days, by a month of 31 days: exact enough to choose
    // among three years.
    let at = |m: i8, d: Option<i8>| i32::from(m) * 31 + i32::from(d.unwrap_or(16));
    let here = at(pm, p.day);
    let there = at(month, day);
    let mut best = (i32::MAX, p.year);
    for shift in [-1i16, 0, 1] {
        let distance = (there + i32::from(shift) * 372 - here).abs();
        if distance < best.0 {
            best = (distance, p.year.checked_add(shift)?);
        }
    }
    Some(best.1)
}

fn month_index(m: i8) -> usize {
    usize::try_from(m.clamp(0, 12)).unwrap_or(0)
}

fn shift_year(y: i16, offset: i32) -> Option<i16> {
    i16::try_from(i32::from(y).checked_add(offset)?).ok()
}

fn make(year: i16, month: Option<i8>, day: Option<i8>) -> Option<PartialDate> {
    match (month, day) {
        (None, _) => Some(PartialDate::year(year)),
        (Some(m), None) => PartialDate::month(year, m),
        (Some(m), Some(d)) => PartialDate::day(year, m, d),
    }
}

fn published_day(p: PartialDate) -> Option<Date> {
    Date::new(p.year, p.month?, p.day?).ok()
}

fn partial(d: Date) -> Option<PartialDate> {
    PartialDate::day(d.year(), d.month(), d.day())
}
