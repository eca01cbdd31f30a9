//! An entity's mentions list: every sentence naming it, grouped by
//! article, found through an index of each entity's sentences and made
//! into rows only as they are read.

use super::fold::FoldedHeadings;
use super::rows::{Rows, SentenceRows, Slot};
use super::{ListKind, ListView};
use crate::analysis::links::SentenceRef;
use crate::analysis::Analysis;
use crate::app::search::SearchIndex;
use crate::corpus::Corpus;
use std::sync::Arc;

/// Each entity's sentences, in corpus order: what an entity's mentions list
/// shows, found without reading every mention of the corpus on the key
/// that opens it (759,000 mentions at 10,000 articles).
#[derive(Debug, Default)]
pub struct MentionIndex {
    /// Where each entity's sentences start in `sentences`, then the end.
    pub(super) starts: Vec<usize>,
    pub(super) sentences: Vec<SentenceRef>,
    /// Every article's heading folded for the filter, when prepared.
    pub(super) headings: Option<Arc<FoldedHeadings>>,
}

impl MentionIndex {
    /// Indexes an analysis: a sentence is listed once for a run of mentions
    /// of the entity in it.
    pub fn new(analysis: &Analysis) -> Self {
        let n = analysis.entities.len();
        // each pass calls `f` on every (entity, sentence) to list, in order
        let walk = |f: &mut dyn FnMut(usize, SentenceRef)| {
            let mut last: Vec<Option<SentenceRef>> = vec![None; n];
            for (article, a) in analysis.articles.iter().enumerate() {
                for m in &a.mentions {
                    let r = SentenceRef {
                        article,
                        sentence: m.sentence,
                    };
                    let Some(l) = last.get_mut(m.entity) else {
                        continue;
                    };
                    if *l != Some(r) {
                        *l = Some(r);
                        f(m.entity, r);
                    }
                }
            }
        };
        // counted first, then placed: one flat list, no vector per entity
        let mut starts = vec![0; n + 1];
        walk(&mut |e, _| starts[e + 1] += 1);
        for e in 0..n {
            starts[e + 1] += starts[e];
        }
        let mut next = starts.clone();
        let empty = SentenceRef {
            article: 0,
            sentence: 0,
        };
        let mut sentences = vec![empty; starts[n]];
        walk(&mut |e, r| {
            sentences[next[e]] = r;
            next[e] += 1;
        });
        Self {
            starts,
            sentences,
            headings: None,
        }
    }

    /// Folds every article's heading now, for the filters of the lists
    /// (for an index built off the reader's thread, from this corpus).
    pub fn prepare_headings(&mut self, corpus: &Corpus) {
        self.headings = Some(Arc::new(FoldedHeadings::new(corpus)));
    }

    /// The sentences of an entity, in corpus order.
    pub fn sentences(&self, entity: usize) -> &[SentenceRef] {
        let end = entity.checked_add(1).and_then(|e| self.starts.get(e));
        match (self.starts.get(entity), end) {
            (Some(&a), Some(&b)) => &self.sentences[a..b],
            _ => &[],
        }
    }
}

/// Every mention of an entity, grouped by article. The rows are made as
/// they are drawn, so opening the list costs a pass over the entity's
/// sentences in `index`, however many there are.
pub fn mentions(
    corpus: &Arc<Corpus>,
    analysis: &Arc<Analysis>,
    index: &MentionIndex,
    entity: usize,
) -> ListView {
    mentions_with(corpus, analysis, index, None, entity)
}

/// [`mentions`], whose filter reads the sentences from `search` (the
/// corpus's search index, when it is built) rather than folding them on
/// its first key.
pub fn mentions_with(
    corpus: &Arc<Corpus>,
    analysis: &Arc<Analysis>,
    index: &MentionIndex,
    search: Option<&Arc<SearchIndex>>,
    entity: usize,
) -> ListView {
    let sentences = index.sentences(entity);
    let mut slots = Vec::with_capacity(sentences.len() * 5 / 4);
    let mut last_article = None;
    let mut widest = 0;
    for &r in sentences {
        if last_article != Some(r.article) {
            last_article = Some(r.article);
            slots.push(Slot::Article(r.article));
        }
        widest = widest.max(r.sentence + 1);
        slots.push(Slot::Sentence(r));
    }
    // the leads are "s1", "s2", …: as wide as the largest number, plus one
    let lead_width = if sentences.is_empty() {
        0
    } else {
        widest.to_string().len() + 1
    };
    let name = analysis
        .entities
        .get(entity)
        .map_or("?", |e| e.name.as_str());
    let mut made = SentenceRows::new(corpus, analysis, search, slots);
    made.headings = index.headings.clone();
    made.entity = Some(entity);
    let rows = Rows::Sentences(Arc::new(made));
    ListView::with_rows(
        ListKind::Mentions(entity),
        format!("Mentions of {name} — {} sentences", sentences.len()),
        None,
        rows,
        lead_width,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::views::filter::FoldedRows;
    use crate::app::views::rows::CHUNK;
    use crate::app::views::{article_heading, sentence_text, Row, RowKind, Target};
    use std::path::Path;

    /// The mentions list as it was built before its rows were made lazily:
    /// every article's mentions read, every row made at once.
    pub(super) fn mentions_eager(corpus: &Corpus, analysis: &Analysis, entity: usize) -> ListView {
        let mut rows = Vec::new();
        for (ai, a) in analysis.articles.iter().enumerate() {
            let mut last = None;
            for m in a.mentions.iter().filter(|m| m.entity == entity) {
                if last == Some(m.sentence) {
                    continue;
                }
                if last.is_none() {
                    rows.push(Row::header(article_heading(corpus, ai)));
                }
                last = Some(m.sentence);
                let r = SentenceRef {
                    article: ai,
                    sentence: m.sentence,
                };
                let mut row = Row::item(
                    format!("s{}", m.sentence + 1),
                    sentence_text(corpus, analysis, r),
                    Target::Sentence(r),
                );
                row.mark =
                    crate::app::views::mark_in_sentence(corpus, analysis, r, (m.start, m.end));
                rows.push(row);
            }
        }
        let name = &analysis.entities[entity].name;
        let n = rows.iter().filter(|r| r.kind == RowKind::Item).count();
        ListView::new(
            ListKind::Mentions(entity),
            format!("Mentions of {name} — {n} sentences"),
            None,
            rows,
        )
    }

    pub(super) fn generated(articles: usize) -> (Arc<Corpus>, Arc<Analysis>) {
        let dir = tempfile::tempdir().unwrap();
        crate::generate::generate(dir.path(), articles, 11).unwrap();
        let corpus = Corpus::load(dir.path()).unwrap();
        let analysis = Analysis::run(&corpus, &Default::default());
        (Arc::new(corpus), Arc::new(analysis))
    }

    #[test]
    pub(super) fn mentions_from_the_index_list_what_a_scan_of_every_mention_lists() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let corpus = Arc::new(Corpus::load(&content).unwrap());
        let analysis = Arc::new(Analysis::run(&corpus, &Default::default()));
        for (corpus, analysis) in [(corpus, analysis), generated(30)] {
            let index = MentionIndex::new(&analysis);
            assert!(analysis.entities.len() > 5);
            for e in 0..analysis.entities.len() {
                let lazy = mentions(&corpus, &analysis, &index, e);
                let eager = mentions_eager(&corpus, &analysis, e);
                assert_eq!(lazy.title, eager.title);
                assert_eq!(lazy.lead_width, eager.lead_width, "{}", lazy.title);
                assert_eq!((lazy.sel, &lazy.visible), (eager.sel, &eager.visible));
                assert_eq!(lazy.rows.len(), eager.rows.len());
                for i in 0..lazy.rows.len() {
                    assert_eq!(lazy.rows.kind(i), eager.rows.kind(i));
                    assert_eq!(lazy.rows.get(i), eager.rows.get(i));
                }
            }
            // an entity out of range lists nothing, as before
            let none = mentions(&corpus, &analysis, &index, usize::MAX);
            assert!(none.rows.is_empty() && none.visible.is_empty());
        }
    }

    #[test]
    pub(super) fn a_long_mentions_list_makes_only_the_rows_read_and_filters_like_a_built_one() {
        let (corpus, analysis) = generated(40);
        let index = MentionIndex::new(&analysis);
        let e = (0..analysis.entities.len())
            .max_by_key(|&e| index.sentences(e).len())
            .unwrap();
        let lazy = mentions(&corpus, &analysis, &index, e);
        let Rows::Sentences(made) = &lazy.rows else {
            panic!("a mentions list makes its rows lazily");
        };
        assert!(lazy.rows.len() > 3 * CHUNK, "{} rows", lazy.rows.len());
        // opening it made no row; moving to the end makes the last chunk only
        assert_eq!(made.chunks_made(), 0);
        let mut moved = lazy.clone();
        moved.move_to_end(true);
        assert_eq!(moved.selected(), lazy.rows.get(lazy.rows.len() - 1));
        assert_eq!(made.chunks_made(), 1);
        // the filter reads every row without making them
        let eager = mentions_eager(&corpus, &analysis, e);
        let (Rows::Built(built), folded) = (&eager.rows, FoldedRows::new(&lazy.rows)) else {
            panic!("the eager list is built");
        };
        let expected = FoldedRows::of_rows(built);
        assert_eq!(folded.starts, expected.starts);
        assert!(folded.text == expected.text);
        let small = made.folded_in_blocks(7);
        assert_eq!((small.starts, small.text), (expected.starts, expected.text));
        assert_eq!(made.chunks_made(), 1);
        let word = lazy
            .rows
            .get(1)
            .unwrap()
            .text
            .split(' ')
            .nth(2)
            .unwrap()
            .to_string();
        for filter in [word.as_str(), "s1", "zzzz", ""] {
            let (mut a, mut b) = (lazy.clone(), eager.clone());
            a.filter = filter.into();
            b.filter = filter.into();
            a.refilter();
            b.refilter();
            assert_eq!(a.visible, b.visible, "{filter}");
            assert_eq!(a.selected(), b.selected(), "{filter}");
        }
        assert_eq!(made.chunks_made(), 2);
    }
}
