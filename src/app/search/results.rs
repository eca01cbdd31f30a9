//! The matches of one query, in corpus order, and the ways through them:
//! the next or previous match from a place (wrapping), those of one
//! article, and the "3/14" label of the status line.

use super::{Match, Position};
use crate::analysis::segment::Sentence;

/// The matches of one query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub(super) query: String,
    pub(super) case_sensitive: bool,
    pub(super) matches: Vec<Match>,
    pub(super) partial: bool,
}

impl Results {
    /// Whether some articles were not searched (see
    /// [`super::SearchIndex::search_near`]): there may be more matches.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// The query as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Whether the query had a capital, making the search case-sensitive.
    pub fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// Every match, in corpus order.
    pub fn matches(&self) -> &[Match] {
        &self.matches
    }

    /// The match at this index.
    pub fn get(&self, index: usize) -> Option<&Match> {
        self.matches.get(index)
    }

    /// Number of matches.
    pub fn len(&self) -> usize {
        self.matches.len()
    }

    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.matches.is_empty()
    }

    /// Finds each match's sentence again in `sentences(article)`: for
    /// matches found before the analysis had cut the articles into
    /// sentences (the reader cuts them the same way).
    pub fn place_in<'s>(&mut self, sentences: impl Fn(usize) -> &'s [Sentence]) {
        let mut i = 0;
        while i < self.matches.len() {
            let article = self.matches[i].article;
            let cut = sentences(article);
            while i < self.matches.len() && self.matches[i].article == article {
                let m = &mut self.matches[i];
                m.sentence = cut
                    .partition_point(|s| s.start <= m.start)
                    .saturating_sub(1);
                i += 1;
            }
        }
    }

    /// The matches in one article, in order (for highlighting it).
    pub fn in_article(&self, article: usize) -> &[Match] {
        let lo = self.matches.partition_point(|m| m.article < article);
        let hi = self.matches.partition_point(|m| m.article <= article);
        &self.matches[lo..hi]
    }

    /// The first match starting at or after `from`, wrapping to the first
    /// match of the corpus: where incremental search jumps as you type.
    pub fn at_or_after(&self, from: Position) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        let i = self.matches.partition_point(|m| m.position() < from);
        Some(if i == self.matches.len() { 0 } else { i })
    }

    /// The next match starting strictly after `from`, wrapping across
    /// article boundaries and from the last match to the first (`n`).
    pub fn next_after(&self, from: Position) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        let i = self.matches.partition_point(|m| m.position() <= from);
        Some(if i == self.matches.len() { 0 } else { i })
    }

    /// The previous match starting strictly before `from`, wrapping from the
    /// first match to the last (`N`).
    pub fn prev_before(&self, from: Position) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        let i = self.matches.partition_point(|m| m.position() < from);
        Some(if i == 0 {
            self.matches.len() - 1
        } else {
            i - 1
        })
    }

    /// The status-line count: `3/14` for the match at index 2 of 14,
    /// `14 matches` when none is current, `no match` when there is none.
    pub fn count_label(&self, current: Option<usize>) -> String {
        match (current, self.matches.len()) {
            (_, 0) if self.partial => "searching…".to_owned(),
            (_, 0) => "no match".to_owned(),
            // an ordinal among some of the matches would mislead
            (_, n) if self.partial => format!("{n}+ matches"),
            (Some(i), n) if i < n => format!("{}/{n}", i + 1),
            (_, 1) => "1 match".to_owned(),
            (_, n) => format!("{n} matches"),
        }
    }
}
