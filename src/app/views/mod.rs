//! The full-screen views stacked over the reader — an entity's mentions, the
//! entity index, the timeline, help, the palette, search results and the
//! compare view — as plain rows built once when a view opens, so that
//! drawing and keys only index them.
//!
//! This file holds what every view shares: rows, the list view with its
//! selection, the view stack's types, and the few sentence and source
//! labels the lists show. Each list is built in its own file; the filter
//! and the folding it reads are in `filter` and `fold`.

mod compare;
mod filter;
mod fold;
mod index;
mod lists;
mod mentions;
mod rows;
#[cfg(test)]
mod span_filter_tests;
mod timeline;

pub use compare::{compare, most_linked, CompareRow, CompareView, Side};
pub use index::{entity_index, EntityIndexCache, IndexSort};
pub use lists::{help, messages, original, palette, search_results};
pub use mentions::{mentions, mentions_with, MentionIndex};
pub use rows::{Rows, SentenceRows};
pub use timeline::{differing_dates, timeline};

use crate::action::Action;
use crate::analysis::entities::Kind;
use crate::analysis::links::SentenceRef;
use crate::analysis::Analysis;
use crate::app::input::TextInput;
use crate::config::KeyMode;
use crate::corpus::Corpus;
use filter::FoldedRows;
use std::sync::{Arc, OnceLock};
use unicode_width::UnicodeWidthStr;

/// What Enter does on a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing: a heading.
    None,
    /// Go to a sentence.
    Sentence(SentenceRef),
    /// List an entity's mentions.
    Entity(usize),
    /// Run an action (help).
    Action(Action),
    /// Go to a highlighted sentence: the sentence, and the highlight's
    /// index among its article's highlights.
    Highlight(SentenceRef, usize),
}

/// How a row is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A group heading (not selectable).
    Header,
    /// An ordinary row.
    Item,
    /// A row whose fact another source states differently.
    Differs,
}

/// One row of a list view.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Heading, item or a differing item.
    pub kind: RowKind,
    /// A short leading column (date, key, sentence number).
    pub lead: String,
    /// The main text.
    pub text: String,
    /// Secondary text drawn dim after the main text.
    pub note: String,
    /// The entity kind, for colouring entity names.
    pub entity_kind: Option<Kind>,
    /// What Enter does.
    pub target: Target,
    /// The part of `text` the row is about (a search match, a mention),
    /// as a byte range: drawing keeps it in view and highlights it.
    pub mark: Option<(usize, usize)>,
}

impl Row {
    /// A group heading.
    pub fn header(text: impl Into<String>) -> Self {
        Self {
            kind: RowKind::Header,
            lead: String::new(),
            text: text.into(),
            note: String::new(),
            entity_kind: None,
            target: Target::None,
            mark: None,
        }
    }

    /// An ordinary row.
    pub fn item(lead: impl Into<String>, text: impl Into<String>, target: Target) -> Self {
        Self {
            kind: RowKind::Item,
            lead: lead.into(),
            text: text.into(),
            note: String::new(),
            entity_kind: None,
            target,
            mark: None,
        }
    }

    /// The same row with the part of its text from byte `start` to `end`
    /// of sentence `r`'s body marked (see [`Row::mark`]), when it is one.
    fn marked(
        mut self,
        corpus: &Corpus,
        analysis: &Analysis,
        r: SentenceRef,
        span: (usize, usize),
    ) -> Self {
        self.mark = mark_in_sentence(corpus, analysis, r, span);
        self
    }
}

/// Where the body's bytes `span` of sentence `r` fall in the sentence as
/// [`sentence_text`] gives it (its white space runs made one space).
pub fn mark_in_sentence(
    corpus: &Corpus,
    analysis: &Analysis,
    r: SentenceRef,
    span: (usize, usize),
) -> Option<(usize, usize)> {
    let body = &corpus.articles.get(r.article)?.body;
    let s = analysis
        .articles
        .get(r.article)?
        .sentences
        .get(r.sentence)?;
    let raw = body.get(s.start..s.end)?;
    let (start, end) = (span.0.checked_sub(s.start)?, span.1.checked_sub(s.start)?);
    if start > end || !raw.is_char_boundary(start) || !raw.is_char_boundary(end.min(raw.len())) {
        return None;
    }
    let end = end.min(raw.len());
    Some((folded_at(raw, start), folded_at(raw, end)))
}

/// Where byte `at` of `raw` falls once its white space runs are one
/// space and its ends trimmed ([`crate::text::one_line`]).
fn folded_at(raw: &str, at: usize) -> usize {
    let head = &raw[..at];
    let folded = crate::text::one_line(head).len();
    // white space before `at` that folding `head` alone dropped is one
    // space in the whole, when a word follows
    let gap = head.ends_with(char::is_whitespace) && !raw[at..].trim().is_empty();
    if folded > 0 && gap {
        folded + 1
    } else {
        folded
    }
}

/// "Title — Source": an article's heading in a list of sentences (the
/// title alone when neither source nor author is known).
pub fn article_heading(corpus: &Corpus, article: usize) -> String {
    let title = corpus
        .articles
        .get(article)
        .map_or("", |x| x.meta.title.as_str());
    match byline_str(corpus, article) {
        "" => title.to_string(),
        by => format!("{title} — {by}"),
    }
}

/// Which list a list view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Every mention of one entity.
    Mentions(usize),
    /// Every dated mention, in order.
    Timeline,
    /// Every entity, with a count per article.
    EntityIndex(IndexSort),
    /// Keys and actions.
    Help,
    /// Every action, fuzzy-filtered, Enter runs it.
    Palette,
    /// Every match of the search.
    SearchResults,
    /// The messages of the session.
    Messages,
    /// An article's whole original text (of a pasted page: the lines set
    /// aside marked).
    Original(usize),
    /// The reader's highlights and notes.
    Highlights,
}

/// A full-screen list: rows, a filter, a selection.
#[derive(Debug, Clone)]
pub struct ListView {
    /// What it lists.
    pub kind: ListKind,
    /// Its title.
    pub title: String,
    /// A heading row above the rows (column names), if any.
    pub columns: Option<String>,
    /// All rows (shared by the copies of a view, which only differ in
    /// selection and filter: reopening the timeline copies no row).
    pub rows: Rows,
    /// The rows lowercased for the filter, made on its first use and
    /// shared like the rows.
    folded: Arc<OnceLock<FoldedRows>>,
    /// The filters typed so far, each a prefix of the next, with the rows
    /// each matched: a filter that grows by a key only looks at the rows of
    /// the one before, and Backspace finds its answer here.
    filters: Vec<(String, Vec<usize>)>,
    /// The widest `lead` of the items, in columns.
    pub lead_width: usize,
    /// Indices of the rows that pass the filter.
    pub visible: Vec<usize>,
    /// Selected position in `visible`.
    pub sel: usize,
    /// The filter typed so far.
    pub filter: TextInput,
    /// Whether keys are going into the filter.
    pub editing: bool,
    /// The first position shown when it was last on top (from the
    /// measured frame, see [`crate::app::App::set_frame`]).
    pub top: usize,
}

impl ListView {
    /// A view over rows, with the first selectable row selected.
    pub fn new(kind: ListKind, title: String, columns: Option<String>, rows: Vec<Row>) -> Self {
        let lead_width = rows
            .iter()
            .filter(|r| r.kind != RowKind::Header)
            .map(|r| r.lead.width())
            .max()
            .unwrap_or(0);
        Self::with_rows(kind, title, columns, Rows::Built(rows.into()), lead_width)
    }

    /// A view over rows made elsewhere (perhaps not yet), whose widest
    /// `lead` the maker knows.
    fn with_rows(
        kind: ListKind,
        title: String,
        columns: Option<String>,
        rows: Rows,
        lead_width: usize,
    ) -> Self {
        let mut v = Self {
            kind,
            title,
            columns,
            visible: (0..rows.len()).collect(),
            rows,
            folded: Arc::default(),
            filters: Vec::new(),
            lead_width,
            sel: 0,
            filter: TextInput::new(),
            editing: false,
            top: 0,
        };
        v.sel = v.next_selectable(0, 1).unwrap_or(0);
        v
    }

    /// The selected row.
    pub fn selected(&self) -> Option<&Row> {
        self.visible.get(self.sel).and_then(|&i| self.rows.get(i))
    }

    /// The first selectable position from `from` in direction `dir` (±1).
    fn next_selectable(&self, from: usize, dir: isize) -> Option<usize> {
        let mut i = from as isize;
        while i >= 0 && (i as usize) < self.visible.len() {
            if self.rows.kind(self.visible[i as usize]) != Some(RowKind::Header) {
                return Some(i as usize);
            }
            i += dir;
        }
        None
    }

    /// Moves the selection by `delta` rows, skipping headings, clamped.
    pub fn move_by(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let last = self.visible.len() as isize - 1;
        let target = (self.sel as isize + delta).clamp(0, last) as usize;
        let dir = if delta < 0 { -1 } else { 1 };
        self.sel = self
            .next_selectable(target, dir)
            .or_else(|| self.next_selectable(target, -dir))
            .unwrap_or(self.sel);
    }

    /// Selects the first or last selectable row.
    pub fn move_to_end(&mut self, last: bool) {
        self.sel = if last {
            self.next_selectable(self.visible.len().saturating_sub(1), -1)
        } else {
            self.next_selectable(0, 1)
        }
        .unwrap_or(0);
    }
}

/// A view over the reader.
#[derive(Debug, Clone)]
pub enum View {
    /// A list.
    List(ListView),
    /// The compare view.
    Compare(CompareView),
}

/// What is needed to rebuild a view (kept in the history).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewKey {
    /// A list and its selected row.
    List(ListKind, usize),
    /// A compare view and its selected row.
    Compare {
        /// Left article.
        left: usize,
        /// Right article.
        right: usize,
        /// Selected row.
        sel: usize,
    },
}

impl View {
    /// How to rebuild it.
    pub fn key(&self) -> ViewKey {
        match self {
            View::List(l) => ViewKey::List(l.kind, l.visible.get(l.sel).copied().unwrap_or(0)),
            View::Compare(c) => ViewKey::Compare {
                left: c.left,
                right: c.right,
                sel: c.sel,
            },
        }
    }

    /// The key mode of its keymap.
    pub fn mode(&self) -> KeyMode {
        match self {
            View::List(_) => KeyMode::List,
            View::Compare(_) => KeyMode::Compare,
        }
    }
}

/// A sentence's text with whitespace runs folded to single spaces.
/// ("" when there is no such sentence).
pub fn sentence_text(corpus: &Corpus, analysis: &Analysis, r: SentenceRef) -> String {
    corpus
        .articles
        .get(r.article)
        .zip(analysis.articles.get(r.article))
        .and_then(|(article, a)| {
            let s = a.sentences.get(r.sentence)?;
            article.body.get(s.start..s.end)?;
            Some(crate::analysis::export::sentence_text(&article.body, s))
        })
        .unwrap_or_default()
}

/// A sentence as it stands in the body ("" when there is no such sentence).
fn sentence_str<'a>(corpus: &'a Corpus, analysis: &Analysis, r: SentenceRef) -> &'a str {
    corpus
        .articles
        .get(r.article)
        .zip(analysis.articles.get(r.article))
        .and_then(|(article, a)| {
            a.sentences
                .get(r.sentence)
                .and_then(|s| article.body.get(s.start..s.end))
        })
        .unwrap_or("")
}

/// How an article is named wherever a source is named (the coverage
/// strip, links, the timeline, legends, messages): its title — or, for a
/// file whose title is only its file name, its author and source, else
/// that name — cut to `width` columns with "…".
pub fn source_name(corpus: &Corpus, article: usize, width: usize) -> String {
    let Some(a) = corpus.articles.get(article) else {
        return String::new();
    };
    let title = a.meta.title.trim();
    let name = if !title.is_empty() && title != a.id {
        crate::text::one_line(title).into_owned()
    } else {
        let by = [a.meta.author.as_deref(), a.meta.source.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        if by.is_empty() {
            a.id.clone()
        } else {
            crate::text::one_line(&by).into_owned()
        }
    };
    crate::text::truncate(&name, width)
}

/// A short byline for headings: the source up to its first bracket or
/// comma ("Observer Research Foundation (first in …)" → "Observer Research
/// Foundation"), else the author, else "".
fn byline_str(corpus: &Corpus, article: usize) -> &str {
    corpus
        .articles
        .get(article)
        .and_then(|a| {
            a.meta
                .source
                .as_deref()
                .map(|s| {
                    let cut = [" (", ", ", "; "]
                        .iter()
                        .filter_map(|sep| s.find(sep))
                        .min()
                        .unwrap_or(s.len());
                    s[..cut].trim()
                })
                .filter(|s| !s.is_empty())
                .or(a.meta.author.as_deref())
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn a_span_of_the_body_falls_at_its_place_in_the_folded_sentence() {
        let raw = "  The deal\n  was   worth $10 billion.";
        let folded = crate::text::one_line(raw);
        assert_eq!(folded, "The deal was worth $10 billion.");
        for word in ["The", "deal", "was", "worth", "$10", "billion."] {
            let at = raw.find(word).unwrap();
            let (s, e) = (folded_at(raw, at), folded_at(raw, at + word.len()));
            assert_eq!(&folded[s..e], word);
        }
    }
    use crate::corpus::{Article, Meta};
    use std::path::PathBuf;

    fn corpus(metas: Vec<(&str, Meta)>) -> Corpus {
        Corpus {
            root: PathBuf::from("x"),
            articles: metas
                .into_iter()
                .map(|(id, meta)| Article {
                    id: id.into(),
                    path: PathBuf::from(format!("{id}.txt")),
                    meta,
                    body: String::new(),
                    body_line: 1,
                    warnings: Vec::new(),
                })
                .collect(),
            problems: Vec::new(),
        }
    }

    #[test]
    fn a_source_is_named_by_its_title_then_byline_then_file_cut_to_fit() {
        let c = corpus(vec![
            (
                "265",
                Meta {
                    title: "Blair rejects Tory terror plans".into(),
                    ..Meta::default()
                },
            ),
            (
                "271",
                Meta {
                    title: "271".into(),
                    author: Some("A. Writer".into()),
                    source: Some("The Paper".into()),
                    ..Meta::default()
                },
            ),
            (
                "001",
                Meta {
                    title: "001".into(),
                    ..Meta::default()
                },
            ),
        ]);
        assert_eq!(source_name(&c, 0, 80), "Blair rejects Tory terror plans");
        assert_eq!(source_name(&c, 0, 12), "Blair rejec…");
        assert_eq!(source_name(&c, 1, 80), "A. Writer · The Paper");
        assert_eq!(source_name(&c, 2, 80), "001");
        assert_eq!(source_name(&c, 9, 80), "");
        assert_eq!(article_heading(&c, 0), "Blair rejects Tory terror plans");
        assert_eq!(article_heading(&c, 1), "271 — The Paper");
    }
}
