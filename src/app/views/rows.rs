//! A list's rows: made when the list is built, or — for lists of
//! sentences, which can be tens of thousands long — made a chunk at a time
//! the first time a row is read.

use super::fold::FoldedHeadings;
use super::{article_heading, sentence_text, Row, RowKind, Target};
use crate::analysis::links::SentenceRef;
use crate::analysis::Analysis;
use crate::app::search::SearchIndex;
use crate::corpus::Corpus;
use std::sync::{Arc, OnceLock};

/// A list's rows, shared by the copies of a view.
#[derive(Debug, Clone)]
pub enum Rows {
    /// Made when the list was built.
    Built(Arc<[Row]>),
    /// Sentences under their articles' headings, each row made the first
    /// time it is read: a frequent entity is in tens of thousands of
    /// sentences at 10,000 articles, and a screen shows forty.
    Sentences(Arc<SentenceRows>),
}

impl Rows {
    /// How many rows there are.
    pub fn len(&self) -> usize {
        match self {
            Rows::Built(rows) => rows.len(),
            Rows::Sentences(rows) => rows.slots.len(),
        }
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`, made now if it is not yet.
    pub fn get(&self, i: usize) -> Option<&Row> {
        match self {
            Rows::Built(rows) => rows.get(i),
            Rows::Sentences(rows) => rows.get(i),
        }
    }

    /// Whether row `i` is a heading or an item, without making it.
    pub fn kind(&self, i: usize) -> Option<RowKind> {
        match self {
            Rows::Built(rows) => rows.get(i).map(|r| r.kind),
            Rows::Sentences(rows) => rows.slots.get(i).map(|s| match s {
                Slot::Article(_) => RowKind::Header,
                Slot::Sentence(_) => RowKind::Item,
            }),
        }
    }

    /// Every row in order (each made, and kept, as it is reached).
    pub fn iter(&self) -> impl Iterator<Item = &Row> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Whether both share the same rows (copies of one view).
    pub fn shares(&self, other: &Rows) -> bool {
        match (self, other) {
            (Rows::Built(a), Rows::Built(b)) => Arc::ptr_eq(a, b),
            (Rows::Sentences(a), Rows::Sentences(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// The body's bytes of the first mention of entity `entity` in sentence `r`.
pub(super) fn first_mention(
    analysis: &Analysis,
    r: SentenceRef,
    entity: usize,
) -> Option<(usize, usize)> {
    let a = analysis.articles.get(r.article)?;
    let s = a.sentences.get(r.sentence)?;
    let from = a.mentions.partition_point(|m| m.start < s.start);
    a.mentions[from..]
        .iter()
        .take_while(|m| m.start < s.end)
        .find(|m| m.entity == entity)
        .map(|m| (m.start, m.end))
}

/// What a row of [`SentenceRows`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    /// The heading of an article.
    Article(usize),
    /// A sentence.
    Sentence(SentenceRef),
}

/// Rows made this many at a time (about a screen).
pub(super) const CHUNK: usize = 64;

/// Sentences grouped by article, as rows made a chunk at a time when first
/// read, from the corpus and analysis they share with the reader.
pub struct SentenceRows {
    pub(super) corpus: Arc<Corpus>,
    pub(super) analysis: Arc<Analysis>,
    /// The corpus's search index when it was there as the list opened: the
    /// filter reads the sentences folded from it.
    pub(super) search: Option<Arc<SearchIndex>>,
    /// The corpus's headings folded, when the mention index had them.
    pub(super) headings: Option<Arc<FoldedHeadings>>,
    /// The entity whose mentions the rows list: each row marks the first.
    pub(super) entity: Option<usize>,
    pub(super) slots: Vec<Slot>,
    pub(super) chunks: Box<[OnceLock<Box<[Row]>>]>,
}

impl std::fmt::Debug for SentenceRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let made = self.chunks.iter().filter(|c| c.get().is_some()).count();
        f.debug_struct("SentenceRows")
            .field("rows", &self.slots.len())
            .field("chunks_made", &made)
            .finish()
    }
}

impl SentenceRows {
    pub(super) fn new(
        corpus: &Arc<Corpus>,
        analysis: &Arc<Analysis>,
        search: Option<&Arc<SearchIndex>>,
        slots: Vec<Slot>,
    ) -> Self {
        let chunks = (0..slots.len().div_ceil(CHUNK))
            .map(|_| OnceLock::new())
            .collect();
        Self {
            corpus: Arc::clone(corpus),
            analysis: Arc::clone(analysis),
            search: search.map(Arc::clone),
            headings: None,
            entity: None,
            slots,
            chunks,
        }
    }

    pub(super) fn get(&self, i: usize) -> Option<&Row> {
        let chunk = self.chunks.get(i / CHUNK)?;
        chunk
            .get_or_init(|| self.make_chunk(i / CHUNK))
            .get(i % CHUNK)
    }

    pub(super) fn make_chunk(&self, c: usize) -> Box<[Row]> {
        let end = ((c + 1) * CHUNK).min(self.slots.len());
        self.slots[c * CHUNK..end]
            .iter()
            .map(|&slot| self.make(slot))
            .collect()
    }

    pub(super) fn make(&self, slot: Slot) -> Row {
        let (corpus, analysis) = (&*self.corpus, &*self.analysis);
        match slot {
            Slot::Article(a) => Row::header(article_heading(corpus, a)),
            Slot::Sentence(r) => {
                let row = Row::item(
                    format!("s{}", r.sentence + 1),
                    sentence_text(corpus, analysis, r),
                    Target::Sentence(r),
                );
                match self.entity.and_then(|e| first_mention(analysis, r, e)) {
                    Some(span) => row.marked(corpus, analysis, r, span),
                    None => row,
                }
            }
        }
    }

    /// How many chunks of rows have been made (for tests).
    #[cfg(test)]
    pub(super) fn chunks_made(&self) -> usize {
        self.chunks.iter().filter(|c| c.get().is_some()).count()
    }
}
