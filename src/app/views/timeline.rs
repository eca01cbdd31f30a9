//! The timeline: every dated mention of the corpus in chronological
//! order, grouped by year and month, a date another source gives
//! differently marked.

use super::{sentence_text, source_name, ListKind, ListView, Row, RowKind, Target};
use crate::analysis::links::{Relation, SentenceRef};
use crate::analysis::Analysis;
use crate::corpus::Corpus;

/// How many of a sentence's links the timeline checks for another date.
const TIMELINE_LINKS: usize = 8;

/// Every dated mention of the corpus in chronological order, grouped by
/// year and month; a mention another source dates differently is marked
/// (see [`differing_dates`]).
pub fn timeline(corpus: &Corpus, analysis: &Analysis) -> ListView {
    struct Item {
        day: jiff::civil::Date,
        value: String,
        year: i16,
        month: Option<i8>,
        at: SentenceRef,
        start: usize,
        text: String,
        differs: Option<String>,
    }
    let mut items = Vec::new();
    for (ai, a) in analysis.articles.iter().enumerate() {
        for d in &a.dates {
            let Some(v) = &d.value else { continue };
            let at = SentenceRef {
                article: ai,
                sentence: d.sentence,
            };
            let (year, month) = match v {
                crate::analysis::dates::TimeValue::Point(p)
                | crate::analysis::dates::TimeValue::Range(p, _) => (p.year, p.month),
                crate::analysis::dates::TimeValue::Decade(y) => (*y, None),
            };
            let value = v.contract();
            // another source stating this sentence's fact differently,
            // with its dates (the mark read from the link's relation)
            let differs = differing_dates(analysis, at, &value).map(|(other, theirs)| {
                format!(
                    "≠ {} says {}",
                    source_name(corpus, other.article, 24),
                    theirs.join(", ")
                )
            });
            items.push(Item {
                day: v.first_day(),
                value,
                year,
                month,
                at,
                start: d.start,
                text: d.text.clone(),
                differs,
            });
        }
    }
    items.sort_by(|x, y| {
        (x.day, x.value.len(), x.at.article, x.start).cmp(&(
            y.day,
            y.value.len(),
            y.at.article,
            y.start,
        ))
    });
    let mut rows = Vec::new();
    let mut group = None;
    for it in &items {
        let g = (it.year, it.month);
        if group != Some(g) {
            group = Some(g);
            rows.push(Row::header(match it.month {
                Some(m) => format!("{} {}", it.year, month_name(m)),
                None => format!("{}", it.year),
            }));
        }
        let differs = it
            .differs
            .as_ref()
            .map_or(String::new(), |d| format!(" {d}"));
        let mut row = Row::item(
            it.value.clone(),
            format!(
                "{} · “{}”{differs} · {}",
                source_name(corpus, it.at.article, 24),
                it.text,
                sentence_text(corpus, analysis, it.at)
            ),
            Target::Sentence(it.at),
        );
        if it.differs.is_some() {
            row.kind = RowKind::Differs;
        }
        rows.push(row);
    }
    ListView::new(
        ListKind::Timeline,
        format!("Timeline — {} dated mentions", items.len()),
        None,
        rows,
    )
}

/// Where the timeline's ≠ mark comes from, in one place: a dated mention
/// is marked when a link of its sentence that the analysis calls
/// `differs` leads to a sentence dated otherwise (`value` is the mention's
/// date as the export writes it); the other sentence and its dates. The
/// rule for `differs` itself (the same event with different dates) is
/// the analysis's, so the timeline, the gutter and the Links tab agree.
pub fn differing_dates(
    analysis: &Analysis,
    at: SentenceRef,
    value: &str,
) -> Option<(SentenceRef, Vec<String>)> {
    let links = analysis
        .articles
        .get(at.article)?
        .sentence_links
        .get(at.sentence)?;
    // the best few links only: a sentence can be the far end of many
    links.iter().take(TIMELINE_LINKS).find_map(|&li| {
        let link = analysis.links.get(li)?;
        if link.relation != Relation::Differs {
            return None;
        }
        let other = analysis.other_end(li, at)?;
        let o = analysis.articles.get(other.article)?;
        // dates are in body order, so in sentence order
        let lo = o.dates.partition_point(|x| x.sentence < other.sentence);
        let mentions = || {
            o.dates[lo..]
                .iter()
                .take_while(|x| x.sentence == other.sentence)
        };
        // the link differs on a date of the other sentence ("May 6 vs May
        // 7"), not on an amount or a stance of two dated sentences: only
        // then are the two dates one event's, stated differently
        if !mentions().any(|x| names_differing(&link.why, &x.text)) {
            return None;
        }
        let theirs: Vec<String> = mentions()
            .filter_map(|x| {
                x.value
                    .as_ref()
                    .map(crate::analysis::dates::TimeValue::contract)
            })
            .collect();
        (!theirs.is_empty() && !theirs.iter().any(|t| t == value)).then_some((other, theirs))
    })
}

/// Whether a link's why sets `text` against another value ("May 6 vs May
/// 7 (attributed)" names "May 7").
fn names_differing(why: &str, text: &str) -> bool {
    why.split(" · ").any(|part| {
        let part = part.split(" (").next().unwrap_or(part);
        part.split_once(" vs ")
            .is_some_and(|(x, y)| x.trim() == text || y.trim() == text)
    })
}

fn month_name(m: i8) -> &'static str {
    crate::analysis::dates::MONTH_NAMES
        .get(usize::try_from(m - 1).unwrap_or(usize::MAX))
        .copied()
        .unwrap_or("?")
}
