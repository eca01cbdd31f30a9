//! Search across every article of a corpus, as the reader's `/`, `n`/`N` and
//! results list need it: smart case, plain substring matching, spans that are
//! byte ranges into the original bodies, and a "3/14" ordinal.
//!
//! Typing a query recomputes it on each keystroke, so the expensive part —
//! folding the text — is done once per corpus by [`SearchIndex::new`]. Each
//! body is kept folded (lowercased, whitespace runs made one space) beside a
//! sparse map from folded offsets back to original ones: only the characters
//! whose folded form has a different length are recorded, so for ordinary
//! text the map is nearly empty and a query is one substring scan per body.

mod fold;
mod results;
mod snippet;
#[cfg(test)]
mod tests;

pub use results::Results;
pub use snippet::{snippet, snippet_for, Snippet};

use crate::analysis::segment::Sentence;
use crate::analysis::Analysis;
use crate::corpus::Corpus;
use fold::{fold_into, has_capital, Folded};
use memchr::memmem;
use rayon::prelude::*;
use std::ops::Range;
use std::sync::OnceLock;

/// One match: where it is, and the sentence it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index of the article in the corpus.
    pub article: usize,
    /// Byte offset of the first matched character in the article's body.
    pub start: usize,
    /// Byte offset after the last matched character.
    pub end: usize,
    /// Index of the sentence containing `start` (the last sentence starting
    /// at or before it; 0 when the article has no sentence).
    pub sentence: usize,
}

/// A place in the corpus to search from: an article and a byte offset in
/// its body (typically the start of the current sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// Index of the article in the corpus.
    pub article: usize,
    /// Byte offset in its body.
    pub offset: usize,
}

impl Match {
    /// Where the match starts, as a [`Position`].
    pub fn position(&self) -> Position {
        Position {
            article: self.article,
            offset: self.start,
        }
    }
}

/// The folded text of every article, built once per corpus.
#[derive(Debug)]
pub struct SearchIndex {
    /// Lowercased and whitespace-folded bodies, for queries without capitals.
    insensitive: Vec<Folded>,
    /// Whitespace-folded bodies keeping their case, built on the first query
    /// with a capital letter (many readers never type one).
    sensitive: OnceLock<Vec<Folded>>,
    /// The original bodies, to fold them keeping case when first needed.
    bodies: Vec<String>,
    /// Each article's sentences as ranges of its folded body (see
    /// [`SearchIndex::prepare_sentences`]).
    sentences: OnceLock<Vec<Box<[FoldedSpan]>>>,
}

/// A sentence's range in its article's folded body, or `NONE`.
type FoldedSpan = (u32, u32);

/// A sentence without a folded range (not a range of its body).
const NONE: FoldedSpan = (u32::MAX, u32::MAX);

impl SearchIndex {
    /// Folds every article body of the corpus.
    pub fn new(corpus: &Corpus) -> Self {
        Self::from_bodies(corpus.articles.iter().map(|a| a.body.clone()).collect())
    }

    /// Folds the given bodies (one per article, in corpus order).
    pub fn from_bodies(bodies: Vec<String>) -> Self {
        let insensitive = bodies.par_iter().map(|b| Folded::new(b, true)).collect();
        Self {
            insensitive,
            sensitive: OnceLock::new(),
            sentences: OnceLock::new(),
            bodies,
        }
    }

    /// The bodies folded keeping their case, made on first use.
    fn case_sensitive(&self) -> &[Folded] {
        self.sensitive.get_or_init(|| {
            self.bodies
                .par_iter()
                .map(|b| Folded::new(b, false))
                .collect()
        })
    }

    /// Folds the bodies for queries with a capital now rather than on the
    /// first such query (for an index built off the reader's thread).
    pub fn prepare_case_sensitive(&self) {
        self.case_sensitive();
    }

    /// Number of articles indexed.
    pub fn len(&self) -> usize {
        self.bodies.len()
    }

    /// Whether no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.bodies.is_empty()
    }

    /// The folded (lowercased, whitespace runs made one space) text of the
    /// byte range `range` of article `article`'s body, without a space at
    /// either end: what folding that slice of the body on its own would
    /// give, taken from the folded body instead of folded again. `None`
    /// when the article is not indexed or `range` is not a range of
    /// characters of its body.
    pub fn folded_slice(&self, article: usize, range: Range<usize>) -> Option<&str> {
        let range = self.folded_range(article, range)?;
        self.folded_body(article)?.get(range)
    }

    /// The range of the folded body of `article` that [`SearchIndex::folded_slice`]
    /// returns, to keep and read later with [`SearchIndex::folded_body`].
    pub fn folded_range(&self, article: usize, range: Range<usize>) -> Option<Range<usize>> {
        let body = self.bodies.get(article)?;
        if range.start > range.end || range.end > body.len() {
            return None;
        }
        let folded = self.insensitive.get(article)?;
        let (mut start, start_inside) = folded.folded_offset(range.start, false);
        let (mut end, end_inside) = folded.folded_offset(range.end, true);
        // outside the shifts, characters keep their lengths and an offset
        // is a character boundary of the body when it is one of the folded
        // text (checked below, where the text is read anyway); inside one,
        // only the body can tell
        if (start_inside || end_inside) && body.get(range).is_none() {
            return None;
        }
        end = end.max(start);
        let bytes = folded.text.as_bytes();
        // white space at the ends folds to one space, which a slice folded
        // on its own would not keep
        while start < end && bytes.get(start) == Some(&b' ') {
            start += 1;
        }
        while end > start && bytes.get(end - 1) == Some(&b' ') {
            end -= 1;
        }
        folded.text.get(start..end).map(|_| start..end)
    }

    /// Finds where every sentence of the analysis lies in the folded
    /// bodies now (as [`SearchIndex::folded_range`] finds it), so that a
    /// list of sentences reads their folded text without looking for it:
    /// for an index built off the reader's thread beside the analysis.
    pub fn prepare_sentences(&self, analysis: &Analysis) {
        self.sentences.get_or_init(|| {
            analysis
                .articles
                .par_iter()
                .enumerate()
                .map(|(a, x)| {
                    x.sentences
                        .iter()
                        .map(|s| {
                            self.folded_range(a, s.start..s.end)
                                .and_then(|r| {
                                    Some((u32::try_from(r.start).ok()?, u32::try_from(r.end).ok()?))
                                })
                                .unwrap_or(NONE)
                        })
                        .collect()
                })
                .collect()
        });
    }

    /// How many sentences of article `article` [`SearchIndex::prepare_sentences`]
    /// placed (`None` before it ran, or past its articles): a guard that a
    /// list reads the sentences of the analysis they were placed for.
    pub fn prepared_sentences(&self, article: usize) -> Option<usize> {
        Some(self.sentences.get()?.get(article)?.len())
    }

    /// The [`SearchIndex::folded_range`] of sentence `sentence` of article
    /// `article`, as [`SearchIndex::prepare_sentences`] found it (`None`
    /// before it ran or when there is none).
    pub fn sentence_range(&self, article: usize, sentence: usize) -> Option<Range<usize>> {
        let &(start, end) = self.sentences.get()?.get(article)?.get(sentence)?;
        (start, end)
            .ne(&NONE)
            .then_some(start as usize..end as usize)
    }

    /// Article `article`'s body lowercased with its whitespace runs made
    /// one space.
    pub fn folded_body(&self, article: usize) -> Option<&str> {
        self.insensitive.get(article).map(|f| f.text.as_str())
    }

    /// Whether the index holds article `article` with this body, judged by
    /// its length (a cheap guard against an index of another corpus).
    pub fn holds(&self, article: usize, body: &str) -> bool {
        self.bodies
            .get(article)
            .is_some_and(|b| b.len() == body.len())
    }

    /// Every match of `query` in corpus order, each with its sentence from
    /// the analysis. See [`SearchIndex::search_with`].
    pub fn search(&self, analysis: &Analysis, query: &str) -> Results {
        self.search_with(query, |article| {
            analysis
                .articles
                .get(article)
                .map_or(&[], |a| a.sentences.as_slice())
        })
    }

    /// Every match of `query`, in corpus order, non-overlapping.
    ///
    /// Smart case: the search ignores case unless the query holds a capital
    /// letter. A run of whitespace in the query matches any run of
    /// whitespace in the text (so a phrase is found across a line break).
    /// An empty or all-blank query matches nothing. `sentences(i)` gives the
    /// sentences of article `i`, to fill [`Match::sentence`].
    pub fn search_with<'s>(
        &self,
        query: &str,
        sentences: impl Fn(usize) -> &'s [Sentence] + Sync,
    ) -> Results {
        self.search_near(query, 0, usize::MAX, sentences)
    }

    /// The matches of `query` in the articles from `first` onward (then
    /// from the start of the corpus), stopping at the end of the article
    /// batch in which `limit` matches have been found: what typing a query
    /// needs — the next match and the text around it — without paying for
    /// a million matches of its first letter. The result is in corpus
    /// order and marked [`Results::is_partial`] when articles were left out.
    pub fn search_near<'s>(
        &self,
        query: &str,
        first: usize,
        limit: usize,
        sentences: impl Fn(usize) -> &'s [Sentence] + Sync,
    ) -> Results {
        let case_sensitive = has_capital(query);
        let mut folded_query = String::with_capacity(query.len());
        fold_into(query, !case_sensitive, &mut folded_query);
        let mut results = Results {
            query: query.to_owned(),
            case_sensitive,
            matches: Vec::new(),
            partial: false,
        };
        if folded_query.trim().is_empty() {
            return results;
        }
        let texts = if case_sensitive {
            self.case_sensitive()
        } else {
            &self.insensitive
        };
        // memchr's SIMD substring search; a UTF-8 needle found in UTF-8 text
        // always starts and ends on character boundaries
        let finder = memmem::Finder::new(folded_query.as_bytes());
        let n = texts.len();
        let first = if first < n { first } else { 0 };
        let order: Vec<usize> = (first..n).chain(0..first).collect();
        let mut found: Vec<(usize, Vec<Match>)> = Vec::new();
        let mut count = 0;
        let mut seen = 0;
        // whole batches in parallel, so a limit stops the search early
        // without giving up both cores
        for batch in order.chunks(BATCH) {
            let part: Vec<(usize, Vec<Match>)> = batch
                .par_iter()
                .map(|&a| {
                    let m = article_matches(&texts[a], &finder, a, sentences(a));
                    (a, m)
                })
                .filter(|(_, m)| !m.is_empty())
                .collect();
            count += part.iter().map(|p| p.1.len()).sum::<usize>();
            seen += batch.len();
            found.extend(part);
            if count >= limit {
                break;
            }
        }
        found.sort_unstable_by_key(|p| p.0);
        results.matches = Vec::with_capacity(count);
        for (_, m) in found {
            results.matches.extend(m);
        }
        results.partial = seen < n;
        results
    }
}

/// Articles searched in parallel between two checks of a search's limit.
const BATCH: usize = 64;

/// The matches of a folded query in one article, in order.
fn article_matches(
    folded: &Folded,
    finder: &memmem::Finder<'_>,
    article: usize,
    sentences: &[Sentence],
) -> Vec<Match> {
    let qlen = finder.needle().len();
    let mut matches = Vec::new();
    let mut next_sentence = 0;
    let mut last_end = 0;
    // matches come in order, so the shift map is walked, not searched
    let mut cursor = 0;
    for at in finder.find_iter(folded.text.as_bytes()) {
        let start = folded.original(&mut cursor, at, false);
        let end = folded.original(&mut cursor, at + qlen, true);
        // two matches inside one expanded character would map to the
        // same original span: keep the first
        if start < last_end {
            continue;
        }
        last_end = end;
        while next_sentence < sentences.len() && sentences[next_sentence].start <= start {
            next_sentence += 1;
        }
        matches.push(Match {
            article,
            start,
            end,
            sentence: next_sentence.saturating_sub(1),
        });
    }
    matches
}
