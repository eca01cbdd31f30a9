//! The full-screen views stacked over the reader — an entity's mentions, the
//! entity index, the timeline, help, and the compare view — as plain rows
//! built once when a view opens, so that drawing and keys only index them.

use crate::action::Action;
use crate::analysis::entities::Kind;
use crate::analysis::links::{Relation, SentenceRef};
use crate::analysis::Analysis;
use crate::app::palette;
use crate::app::search::{Results, SearchIndex};
use crate::config::{KeyMode, Keys};
use crate::corpus::Corpus;
use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;
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
}

impl Row {
    fn header(text: impl Into<String>) -> Self {
        Self {
            kind: RowKind::Header,
            lead: String::new(),
            text: text.into(),
            note: String::new(),
            entity_kind: None,
            target: Target::None,
        }
    }

    fn item(lead: impl Into<String>, text: impl Into<String>, target: Target) -> Self {
        Self {
            kind: RowKind::Item,
            lead: lead.into(),
            text: text.into(),
            note: String::new(),
            entity_kind: None,
            target,
        }
    }
}

/// Every row's columns lowercased into one text, as the filter matches
/// them: a NUL between columns and a newline after each row, which no
/// typed filter contains, so a match never spans two columns or rows. One
/// text lets one SIMD scan find the matching rows of a long list.
#[derive(Debug, Default)]
struct FoldedRows {
    /// UTF-8, kept as bytes: a list read from the search index is copied
    /// into it on both cores, piece by piece.
    text: Vec<u8>,
    /// Where each row starts, and the text's end.
    starts: Vec<usize>,
    /// Per row, a bit for each ASCII byte it holds and the top bit for any
    /// other: a row lacking one of a needle's bytes cannot hold the needle,
    /// and for a needle of one ASCII byte the bit is the answer. Made for
    /// built rows (the timeline), whose folding is prepared off the reader's
    /// thread; rows copied from the search index on the first key (an
    /// entity's mentions) go without, a second pass over them costing that
    /// key more than the masks save it.
    masks: Option<Vec<u128>>,
}

/// The [`FoldedRows::masks`] bit of a byte.
fn mask_bit(b: u8) -> u128 {
    1 << b.min(127)
}

/// The [`FoldedRows::masks`] bits a row must have to hold `needle`.
fn needle_mask(needle: &[u8]) -> u128 {
    needle.iter().fold(0, |m, &b| m | mask_bit(b))
}

impl FoldedRows {
    fn new(rows: &Rows) -> Self {
        match rows {
            Rows::Built(rows) => Self::of_rows(rows),
            Rows::Sentences(rows) => rows.folded(),
        }
    }

    fn of_rows(rows: &[Row]) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(rows.len() + 1);
        for r in rows {
            starts.push(text.len());
            for (i, col) in [&r.lead, &r.text, &r.note].into_iter().enumerate() {
                if i > 0 {
                    text.push('\0');
                }
                push_folded(&mut text, col);
            }
            text.push('\n');
        }
        starts.push(text.len());
        Self::with_masks(text.into_bytes(), starts)
    }

    /// Rows from their text and starts, with their masks.
    fn with_masks(text: Vec<u8>, starts: Vec<usize>) -> Self {
        let masks = starts
            .windows(2)
            .map(|w| text[w[0]..w[1]].iter().fold(0u128, |m, &b| m | mask_bit(b)))
            .collect();
        Self {
            text,
            starts,
            masks: Some(masks),
        }
    }

    /// Whether row `i` holds the needle whose bytes' bits are `need`.
    fn holds(&self, i: usize, need: u128, finder: &memchr::memmem::Finder<'_>) -> bool {
        let Some(masks) = &self.masks else {
            return finder.find(self.row(i)).is_some();
        };
        let exact = finder.needle().len() == 1 && finder.needle()[0] < 127;
        masks[i] & need == need && (exact || finder.find(self.row(i)).is_some())
    }

    fn row(&self, i: usize) -> &[u8] {
        &self.text[self.starts[i]..self.starts[i + 1]]
    }

    /// The rows holding the needle, in order.
    fn scan(&self, finder: &memchr::memmem::Finder<'_>) -> Vec<usize> {
        if let Some(masks) = &self.masks {
            let need = needle_mask(finder.needle());
            return (0..masks.len())
                .filter(|&i| self.holds(i, need, finder))
                .collect();
        }
        let bytes = &self.text;
        let mut out = Vec::new();
        let mut pos = 0;
        let mut row = 0;
        while let Some(at) = finder.find(&bytes[pos..]) {
            // matches come in order: walk the rows, do not search them
            while self.starts[row + 1] <= pos + at {
                row += 1;
            }
            out.push(row);
            // the rest of this row cannot add anything
            pos = self.starts[row + 1];
        }
        out
    }
}

/// A row of [`SentenceRows::folded_from_index`]: its lead, `s{number}`
/// (none when `number` is 0: a heading), and its text, a span of `source`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    number: usize,
    source: Source,
    start: usize,
    end: usize,
}

/// Where the text of a [`Piece`] is.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// The text folded for the rows' block.
    Own,
    /// The corpus's folded headings.
    Heading,
    /// An article's folded body in the search index.
    Article(usize),
}

impl Piece {
    fn own(number: usize, start: usize, end: usize) -> Self {
        Self {
            number,
            source: Source::Own,
            start,
            end,
        }
    }

    /// `s{number}`, or nothing for 0, as bytes kept in `buf`.
    fn lead(number: usize, buf: &mut [u8; 21]) -> &[u8] {
        if number == 0 {
            return &[];
        }
        // 's' and at most 20 digits
        let mut at = buf.len();
        let mut n = number;
        while n > 0 {
            at -= 1;
            // a digit: n % 10 < 10
            buf[at] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        at -= 1;
        buf[at] = b's';
        &buf[at..]
    }

    /// The bytes of the row: lead, NUL, text, NUL, an empty note, newline.
    fn len(&self) -> usize {
        Self::lead(self.number, &mut [0; 21]).len() + (self.end - self.start) + 3
    }

    /// Writes the row into `out` at `at` (its text read from `body`);
    /// returns where it ends.
    fn write(&self, body: &str, out: &mut [u8], at: usize) -> usize {
        let mut at = at;
        let mut put = |bytes: &[u8]| {
            out[at..at + bytes.len()].copy_from_slice(bytes);
            at += bytes.len();
        };
        put(Self::lead(self.number, &mut [0; 21]));
        put(b"\0");
        put(body
            .as_bytes()
            .get(self.start..self.end)
            .unwrap_or_default());
        put(b"\0\n");
        at
    }
}

/// Appends an article's heading ([`article_heading`]) folded as
/// [`push_folded`] folds it, piece by piece (lowercasing is per character).
fn push_heading_folded(text: &mut String, corpus: &Corpus, article: usize) {
    let title = corpus
        .articles
        .get(article)
        .map_or("", |x| x.meta.title.as_str());
    push_folded(text, title);
    text.push_str(" — ");
    push_folded(text, source_label_str(corpus, article));
}

/// How the entity index is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexSort {
    /// Most mentions first.
    Mentions,
    /// Present in most articles first.
    Articles,
    /// By kind, then mentions.
    Kind,
    /// Alphabetically.
    Name,
}

impl IndexSort {
    /// Every order.
    pub const ALL: [IndexSort; 4] = [Self::Mentions, Self::Articles, Self::Kind, Self::Name];

    /// The next order, for the sort key.
    pub fn next(self) -> Self {
        match self {
            Self::Mentions => Self::Articles,
            Self::Articles => Self::Kind,
            Self::Kind => Self::Name,
            Self::Name => Self::Mentions,
        }
    }

    /// Its name in the view's title.
    pub fn label(self) -> &'static str {
        match self {
            Self::Mentions => "mentions",
            Self::Articles => "articles",
            Self::Kind => "kind",
            Self::Name => "name",
        }
    }
}

/// Appends `col` lowercased, as the filter matches it.
fn push_folded(text: &mut String, col: &str) {
    if col.is_ascii() {
        // most rows: a byte-wise copy, not a char at a time
        let at = text.len();
        text.push_str(col);
        text[at..].make_ascii_lowercase();
    } else {
        text.extend(col.chars().flat_map(char::to_lowercase));
    }
}

/// Appends `s` with its white space runs made one space and none at the
/// ends (as [`crate::text::one_line`]), lowercased (as [`push_folded`]); ASCII text,
/// nearly every sentence, in one pass over its bytes.
fn push_folded_words(text: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let single_spaced = || {
        bytes.first() != Some(&b' ')
            && bytes.last() != Some(&b' ')
            && memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_none()
            && memchr::memchr2(0x0b, 0x0c, bytes).is_none()
            && memchr::memmem::find(bytes, b"  ").is_none()
    };
    if s.is_ascii() && single_spaced() {
        // most sentences: nothing to fold but the case, a copy at a time
        let at = text.len();
        text.push_str(s);
        text[at..].make_ascii_lowercase();
    } else if s.is_ascii() {
        let mut space = false;
        let mut any = false;
        for &b in s.as_bytes() {
            // the ASCII characters `char::is_whitespace` accepts
            if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                space = any;
            } else {
                if space {
                    text.push(' ');
                    space = false;
                }
                text.push(char::from(b.to_ascii_lowercase()));
                any = true;
            }
        }
    } else {
        for (i, word) in s.split_whitespace().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            push_folded(text, word);
        }
    }
}

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

/// What a row of [`SentenceRows`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// The heading of an article.
    Article(usize),
    /// A sentence.
    Sentence(SentenceRef),
}

/// Rows made this many at a time (about a screen).
const CHUNK: usize = 64;

/// Sentences grouped by article, as rows made a chunk at a time when first
/// read, from the corpus and analysis they share with the reader.
pub struct SentenceRows {
    corpus: Arc<Corpus>,
    analysis: Arc<Analysis>,
    /// The corpus's search index when it was there as the list opened: the
    /// filter reads the sentences folded from it.
    search: Option<Arc<SearchIndex>>,
    /// The corpus's headings folded, when the mention index had them.
    headings: Option<Arc<FoldedHeadings>>,
    slots: Vec<Slot>,
    chunks: Box<[OnceLock<Box<[Row]>>]>,
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
    fn new(
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
            slots,
            chunks,
        }
    }

    fn get(&self, i: usize) -> Option<&Row> {
        let chunk = self.chunks.get(i / CHUNK)?;
        chunk
            .get_or_init(|| self.make_chunk(i / CHUNK))
            .get(i % CHUNK)
    }

    fn make_chunk(&self, c: usize) -> Box<[Row]> {
        let end = ((c + 1) * CHUNK).min(self.slots.len());
        self.slots[c * CHUNK..end]
            .iter()
            .map(|&slot| self.make(slot))
            .collect()
    }

    fn make(&self, slot: Slot) -> Row {
        let (corpus, analysis) = (&*self.corpus, &*self.analysis);
        match slot {
            Slot::Article(a) => Row::header(article_heading(corpus, a)),
            Slot::Sentence(r) => Row::item(
                format!("s{}", r.sentence + 1),
                sentence_text(corpus, analysis, r),
                Target::Sentence(r),
            ),
        }
    }

    /// The rows as the filter reads them, folded straight from the text
    /// rather than from made rows, a block of rows on each core: the first
    /// filter key of a list with tens of thousands of rows pays for it.
    /// With the corpus's search index, a sentence is copied from its
    /// article's body there, already folded, rather than folded again.
    fn folded(&self) -> FoldedRows {
        self.folded_in_blocks(1024)
    }

    fn folded_in_blocks(&self, block: usize) -> FoldedRows {
        use rayon::prelude::*;
        use std::fmt::Write as _;
        if let Some(search) = &self.search {
            return self.folded_from_index(search, block);
        }
        let (corpus, analysis) = (&*self.corpus, &*self.analysis);
        let blocks: Vec<(String, Vec<usize>)> = self
            .slots
            .par_chunks(block.max(1))
            .map(|slots| {
                let mut text = String::with_capacity(slots.len() * 160);
                let mut starts = Vec::with_capacity(slots.len());
                for &slot in slots {
                    starts.push(text.len());
                    // lead, text, note (empty), as `FoldedRows::of_rows` folds a made row
                    match slot {
                        Slot::Article(a) => {
                            text.push('\0');
                            push_folded(&mut text, &article_heading(corpus, a));
                        }
                        Slot::Sentence(r) => {
                            // writing into a String cannot fail
                            let _ = write!(text, "s{}\0", r.sentence + 1);
                            push_folded_words(&mut text, sentence_str(corpus, analysis, r));
                        }
                    }
                    text.push_str("\0\n");
                }
                (text, starts)
            })
            .collect();
        let mut text = Vec::with_capacity(blocks.iter().map(|b| b.0.len()).sum());
        let mut starts = Vec::with_capacity(self.slots.len() + 1);
        for (block, block_starts) in blocks {
            let at = text.len();
            starts.extend(block_starts.iter().map(|s| s + at));
            text.extend_from_slice(block.as_bytes());
        }
        starts.push(text.len());
        FoldedRows {
            text,
            starts,
            masks: None,
        }
    }

    /// [`SentenceRows::folded_in_blocks`] with the sentences copied from
    /// the search index's folded bodies: the pieces of each row are found
    /// first (a block of rows on each core), then copied, each block on a
    /// core, straight into the one text. A sentence of an article the
    /// index holds another body for is folded from the corpus, as it is
    /// without an index.
    fn folded_from_index(&self, search: &SearchIndex, block: usize) -> FoldedRows {
        use rayon::prelude::*;
        let (corpus, analysis) = (&*self.corpus, &*self.analysis);
        let block = block.max(1);
        // each block's pieces, the text folded here, and its length
        let blocks: Vec<(Vec<Piece>, String, usize)> = self
            .slots
            .par_chunks(block)
            .map(|slots| {
                let mut pieces = Vec::with_capacity(slots.len());
                let mut own = String::new();
                let mut len = 0;
                // the last article seen, whether the index holds its body,
                // and whether it placed its sentences
                let mut article: Option<(usize, bool, bool)> = None;
                for &slot in slots {
                    let piece = match slot {
                        Slot::Article(a) => {
                            let folded = self
                                .headings
                                .as_deref()
                                .and_then(|h| h.get(a, corpus.articles.len()));
                            match folded {
                                Some(r) => Piece {
                                    number: 0,
                                    source: Source::Heading,
                                    start: r.start,
                                    end: r.end,
                                },
                                None => {
                                    let start = own.len();
                                    push_heading_folded(&mut own, corpus, a);
                                    Piece::own(0, start, own.len())
                                }
                            }
                        }
                        Slot::Sentence(r) => {
                            let (indexed, placed) = match article {
                                Some((a, ok, placed)) if a == r.article => (ok, placed),
                                _ => {
                                    let x = analysis.articles.get(r.article);
                                    let ok = corpus
                                        .articles
                                        .get(r.article)
                                        .is_some_and(|x| search.holds(r.article, &x.body));
                                    // sentences placed for this analysis
                                    let placed = ok
                                        && x.map(|x| x.sentences.len())
                                            == search.prepared_sentences(r.article);
                                    article = Some((r.article, ok, placed));
                                    (ok, placed)
                                }
                            };
                            let span = if placed {
                                search.sentence_range(r.article, r.sentence)
                            } else {
                                analysis
                                    .articles
                                    .get(r.article)
                                    .and_then(|a| a.sentences.get(r.sentence))
                                    .filter(|_| indexed)
                                    .and_then(|s| search.folded_range(r.article, s.start..s.end))
                            };
                            match span {
                                Some(span) => Piece {
                                    number: r.sentence + 1,
                                    source: Source::Article(r.article),
                                    start: span.start,
                                    end: span.end,
                                },
                                None => {
                                    let start = own.len();
                                    push_folded_words(&mut own, sentence_str(corpus, analysis, r));
                                    Piece::own(r.sentence + 1, start, own.len())
                                }
                            }
                        }
                    };
                    len += piece.len();
                    pieces.push(piece);
                }
                (pieces, own, len)
            })
            .collect();
        let total = blocks.iter().map(|b| b.2).sum();
        let mut text = vec![0u8; total];
        // one slice of the text per block
        let mut slices = Vec::with_capacity(blocks.len());
        let mut rest = text.as_mut_slice();
        for b in &blocks {
            let (head, tail) = rest.split_at_mut(b.2);
            slices.push(head);
            rest = tail;
        }
        let block_starts: Vec<Vec<usize>> = blocks
            .par_iter()
            .zip(slices)
            .map(|((pieces, own, _), out)| {
                let mut starts = Vec::with_capacity(pieces.len());
                let mut at = 0;
                for p in pieces {
                    starts.push(at);
                    let body = match p.source {
                        Source::Own => own.as_str(),
                        Source::Heading => self.headings.as_deref().map_or("", |h| &h.text),
                        Source::Article(a) => search.folded_body(a).unwrap_or_default(),
                    };
                    at = p.write(body, out, at);
                }
                starts
            })
            .collect();
        let mut starts = Vec::with_capacity(self.slots.len() + 1);
        let mut at = 0;
        for (b, block_starts) in blocks.iter().zip(block_starts) {
            starts.extend(block_starts.iter().map(|s| s + at));
            at += b.2;
        }
        starts.push(text.len());
        FoldedRows {
            text,
            starts,
            masks: None,
        }
    }

    /// How many chunks of rows have been made (for tests).
    #[cfg(test)]
    fn chunks_made(&self) -> usize {
        self.chunks.iter().filter(|c| c.get().is_some()).count()
    }
}

/// "Title — Source": an article's heading in a list of sentences.
fn article_heading(corpus: &Corpus, article: usize) -> String {
    format!(
        "{} — {}",
        corpus
            .articles
            .get(article)
            .map_or("", |x| x.meta.title.as_str()),
        source_label(corpus, article)
    )
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
    pub filter: String,
    /// Whether keys are going into the filter.
    pub editing: bool,
    /// First visible position, kept by drawing.
    pub top: Cell<usize>,
}

impl ListView {
    /// Lowercases the rows for the filter now rather than on its first
    /// key (for a big list built off the reader's thread).
    pub fn prepare_filter(&self) {
        self.folded.get_or_init(|| FoldedRows::new(&self.rows));
    }

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
            filter: String::new(),
            editing: false,
            top: Cell::new(0),
        };
        v.sel = v.next_selectable(0, 1).unwrap_or(0);
        v
    }

    /// The selected row.
    pub fn selected(&self) -> Option<&Row> {
        self.visible.get(self.sel).and_then(|&i| self.rows.get(i))
    }

    /// Re-applies the filter, keeping the selected row when it still shows.
    pub fn refilter(&mut self) {
        let keep = self.visible.get(self.sel).copied();
        if matches!(self.kind, ListKind::Help | ListKind::Palette) {
            // actions: fuzzy, best first (name, description, keys)
            let items: Vec<palette::Item<'_>> = self
                .rows
                .iter()
                .map(|r| palette::Item {
                    name: &r.note,
                    description: &r.text,
                    keys: &r.lead,
                })
                .collect();
            self.visible = palette::filter(&self.filter, &items)
                .into_iter()
                .map(|h| h.index)
                .collect();
            // the best match is the one Enter should run
            self.sel = 0;
            self.top.set(0);
            return;
        }
        let needle: String = self.filter.chars().flat_map(char::to_lowercase).collect();
        let hits: Vec<usize> = if needle.is_empty() || needle.contains(['\0', '\n']) {
            // the separators of the folded text match nothing
            Vec::new()
        } else {
            while self
                .filters
                .last()
                .is_some_and(|(f, _)| !needle.starts_with(f.as_str()))
            {
                self.filters.pop();
            }
            let finder = memchr::memmem::Finder::new(needle.as_bytes());
            let folded = self.folded.get_or_init(|| FoldedRows::new(&self.rows));
            let hits = match self.filters.last() {
                Some((f, rows)) if *f == needle => rows.clone(),
                Some((_, rows)) => {
                    let need = needle_mask(needle.as_bytes());
                    rows.iter()
                        .copied()
                        .filter(|&i| folded.holds(i, need, &finder))
                        .collect()
                }
                None => folded.scan(&finder),
            };
            if self.filters.last().is_none_or(|(f, _)| *f != needle) {
                self.filters.push((needle.clone(), hits.clone()));
            }
            hits
        };
        let mut hit = vec![needle.is_empty(); self.rows.len()];
        for &i in &hits {
            hit[i] = true;
        }
        let matches = |i: usize| hit[i];
        // a heading shows when any row under it does
        let mut visible = Vec::new();
        let mut header = None;
        for i in 0..self.rows.len() {
            if self.rows.kind(i) == Some(RowKind::Header) {
                header = Some(i);
                if !needle.is_empty() && matches(i) {
                    visible.push(i);
                    header = None;
                }
            } else if matches(i) {
                if let Some(h) = header.take() {
                    visible.push(h);
                }
                visible.push(i);
            }
        }
        self.visible = visible;
        self.sel = keep
            .and_then(|k| self.visible.iter().position(|&i| i == k))
            .or_else(|| self.next_selectable(0, 1))
            .unwrap_or(0);
        self.top.set(0);
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

/// One aligned row of the compare view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareRow {
    /// The sentence of the left article, if any.
    pub left: Option<usize>,
    /// The sentence of the right article, if any.
    pub right: Option<usize>,
    /// The relation when the two are linked.
    pub relation: Option<Relation>,
}

/// Which side of the compare view Enter goes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The current article.
    Left,
    /// The other article.
    Right,
}

/// Two articles side by side, linked sentences aligned.
#[derive(Debug, Clone)]
pub struct CompareView {
    /// The left article.
    pub left: usize,
    /// The right article.
    pub right: usize,
    /// The aligned rows.
    pub rows: Vec<CompareRow>,
    /// Selected row.
    pub sel: usize,
    /// Which side Enter goes into.
    pub side: Side,
    /// First visible row, kept by drawing.
    pub top: Cell<usize>,
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


/// A short name of an article's source for narrow columns: the source up
/// to its first bracket or comma ("Observer Research Foundation (first in
/// …)" → "Observer Research Foundation"), else the author, else the file id.
pub fn source_label(corpus: &Corpus, article: usize) -> String {
    source_label_str(corpus, article).to_string()
}

/// [`source_label`] as a slice of the article's metadata.
fn source_label_str(corpus: &Corpus, article: usize) -> &str {
    corpus
        .articles
        .get(article)
        .map(|a| {
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
                .unwrap_or(&a.id)
        })
        .unwrap_or_default()
}

/// Each entity's sentences, in corpus order: what an entity's mentions list
/// shows, found without reading every mention of the corpus on the key
/// that opens it (759,000 mentions at 10,000 articles).
#[derive(Debug, Default)]
pub struct MentionIndex {
    /// Where each entity's sentences start in `sentences`, then the end.
    starts: Vec<usize>,
    sentences: Vec<SentenceRef>,
    /// Every article's heading folded for the filter, when prepared.
    headings: Option<Arc<FoldedHeadings>>,
}

/// Every article's heading ([`article_heading`]) folded as the filter
/// folds it, one after another.
#[derive(Debug, Default)]
struct FoldedHeadings {
    text: String,
    /// Where each article's heading starts, and the text's end.
    starts: Vec<usize>,
}

impl FoldedHeadings {
    fn new(corpus: &Corpus) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(corpus.articles.len() + 1);
        for a in 0..corpus.articles.len() {
            starts.push(text.len());
            push_heading_folded(&mut text, corpus, a);
        }
        starts.push(text.len());
        Self { text, starts }
    }

    /// Article `article`'s heading as a range of the text, if this holds
    /// the headings of a corpus of `articles` articles.
    fn get(&self, article: usize, articles: usize) -> Option<Range<usize>> {
        if self.starts.len() != articles + 1 {
            return None;
        }
        Some(*self.starts.get(article)?..*self.starts.get(article + 1)?)
    }
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
    let rows = Rows::Sentences(Arc::new(made));
    ListView::with_rows(
        ListKind::Mentions(entity),
        format!("Mentions of {name} — {} sentences", sentences.len()),
        None,
        rows,
        lead_width,
    )
}

/// How many of a sentence's links the timeline checks for another date.
const TIMELINE_LINKS: usize = 8;

/// Every dated mention of the corpus in chronological order, grouped by
/// year and month; a mention whose linked sentence gives another date is
/// marked.
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
            // another source, linked to this sentence, dating it differently
            let mut differs = None;
            // the best few links only: a sentence can be the far end of many
            let links = a.sentence_links.get(d.sentence).map_or(&[][..], |v| v);
            for &li in links.iter().take(TIMELINE_LINKS) {
                let Some(other) = analysis.other_end(li, at) else {
                    continue;
                };
                let theirs: Vec<String> = analysis
                    .articles
                    .get(other.article)
                    .map(|o| {
                        // dates are in body order, so in sentence order
                        let lo = o.dates.partition_point(|x| x.sentence < other.sentence);
                        o.dates[lo..]
                            .iter()
                            .take_while(|x| x.sentence == other.sentence)
                            .filter_map(|x| x.value.as_ref().map(|v| v.contract()))
                            .collect()
                    })
                    .unwrap_or_default();
                if !theirs.is_empty() && !theirs.contains(&value) {
                    differs = Some(format!(
                        "≠ {} says {}",
                        source_label(corpus, other.article),
                        theirs.join(", ")
                    ));
                    break;
                }
            }
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
                source_label(corpus, it.at.article),
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

fn month_name(m: i8) -> &'static str {
    crate::analysis::dates::MONTH_NAMES
        .get(usize::try_from(m - 1).unwrap_or(usize::MAX))
        .copied()
        .unwrap_or("?")
}

/// At most this many article columns in the entity index.
const INDEX_COLUMNS: usize = 12;

/// The entity index in each order, built the first time it is asked for
/// (or ahead, off the reader's thread) and copied cheaply after.
#[derive(Debug, Default)]
pub struct EntityIndexCache {
    lists: std::cell::RefCell<Vec<(IndexSort, ListView)>>,
}

impl EntityIndexCache {
    /// Every order built now, ready for their first key.
    pub fn built(corpus: &Corpus, analysis: &Analysis) -> Self {
        let lists = IndexSort::ALL
            .iter()
            .map(|&s| {
                let l = entity_index(corpus, analysis, s);
                l.prepare_filter();
                (s, l)
            })
            .collect();
        Self {
            lists: std::cell::RefCell::new(lists),
        }
    }

    /// The list in this order.
    pub fn list(&self, corpus: &Corpus, analysis: &Analysis, sort: IndexSort) -> ListView {
        if let Some((_, l)) = self.lists.borrow().iter().find(|(s, _)| *s == sort) {
            return l.clone();
        }
        let l = entity_index(corpus, analysis, sort);
        self.lists.borrow_mut().push((sort, l.clone()));
        l
    }
}

/// One row per entity with its mention count in each article (the first
/// `INDEX_COLUMNS` articles) and in all.
pub fn entity_index(corpus: &Corpus, analysis: &Analysis, sort: IndexSort) -> ListView {
    let n = analysis.articles.len();
    let shown = n.min(INDEX_COLUMNS);
    // sparse: (article, count) per entity, articles in order
    let mut counts: Vec<Vec<(usize, usize)>> = vec![Vec::new(); analysis.entities.len()];
    for (ai, a) in analysis.articles.iter().enumerate() {
        for m in &a.mentions {
            if let Some(c) = counts.get_mut(m.entity) {
                match c.last_mut() {
                    Some((last, k)) if *last == ai => *k += 1,
                    _ => c.push((ai, 1)),
                }
            }
        }
    }
    let totals: Vec<usize> = counts.iter().map(|c| c.iter().map(|x| x.1).sum()).collect();
    let names: Vec<String> = analysis
        .entities
        .iter()
        .map(|e| e.name.to_lowercase())
        .collect();
    let mut order: Vec<usize> = (0..analysis.entities.len()).collect();
    let total = |e: usize| totals[e];
    let spread = |e: usize| counts[e].len();
    let name = |e: usize| &names[e];
    order.sort_by(|&x, &y| match sort {
        IndexSort::Mentions => total(y).cmp(&total(x)).then(name(x).cmp(name(y))),
        IndexSort::Articles => spread(y)
            .cmp(&spread(x))
            .then(total(y).cmp(&total(x)))
            .then(name(x).cmp(name(y))),
        IndexSort::Kind => analysis.entities[x]
            .kind
            .cmp(&analysis.entities[y].kind)
            .then(total(y).cmp(&total(x)))
            .then(name(x).cmp(name(y))),
        IndexSort::Name => name(x).cmp(name(y)),
    });
    let rows = order
        .into_iter()
        .map(|e| {
            let mut per = vec![0; shown];
            for &(a, c) in counts[e].iter().take_while(|x| x.0 < shown) {
                per[a] = c;
            }
            let cols: String = per
                .iter()
                .map(|&c| {
                    if c == 0 {
                        format!("{:>4}", "·")
                    } else {
                        format!("{c:>4}")
                    }
                })
                .collect();
            let ent = &analysis.entities[e];
            let mut row = Row::item(
                format!("{cols}{:>6}", total(e)),
                ent.name.clone(),
                Target::Entity(e),
            );
            row.note = ent.kind.as_str().to_string();
            row.entity_kind = Some(ent.kind);
            row
        })
        .collect();
    let header: String = (1..=shown)
        .map(|i| format!("{:>4}", format!("a{i}")))
        .collect();
    let mut legend: Vec<String> = (0..shown)
        .map(|i| format!("a{}={}", i + 1, source_label(corpus, i)))
        .collect();
    if shown < n {
        legend.push(format!("(columns for the first {shown} of {n} articles)"));
    }
    ListView::new(
        ListKind::EntityIndex(sort),
        format!(
            "Entity index — {} entities, sorted by {} · {}",
            analysis.entities.len(),
            sort.label(),
            legend.join(" ")
        ),
        Some(format!("{header}{:>6}  entity", "all")),
        rows,
    )
}

/// Help: every action with its keys in each mode, from the keymaps.
pub fn help(keys: &Keys) -> ListView {
    let rows = Action::ALL
        .iter()
        .map(|&a| {
            let normal = keys.normal.label(a);
            let mut row = Row::item(normal.clone(), a.description(), Target::Action(a));
            let mut notes = vec![a.name().to_string()];
            for (mode, label) in [
                ("lists", keys.list.label(a)),
                ("compare", keys.compare.label(a)),
            ] {
                if !label.is_empty() && label != normal {
                    notes.push(format!("{mode}: {label}"));
                }
            }
            row.note = notes.join(" · ");
            row
        })
        .collect();
    ListView::new(
        ListKind::Help,
        "Help — Enter runs an action, / filters".to_string(),
        None,
        rows,
    )
}

/// The command palette: every action with its keys, filtered as you type.
pub fn palette(keys: &Keys) -> ListView {
    let rows = Action::ALL
        .iter()
        .map(|&a| {
            let mut row = Row::item(keys.normal.label(a), a.description(), Target::Action(a));
            row.note = a.name().to_string();
            row
        })
        .collect();
    ListView::new(
        ListKind::Palette,
        "Command palette — type to filter, Enter runs".to_string(),
        None,
        rows,
    )
}

/// Every match of a search, grouped by article.
pub fn search_results(corpus: &Corpus, analysis: &Analysis, results: Option<&Results>) -> ListView {
    let mut rows = Vec::new();
    let mut article = None;
    let mut last = None;
    let (query, matches) = results.map_or(("", &[][..]), |r| (r.query(), r.matches()));
    for m in matches {
        if article != Some(m.article) {
            article = Some(m.article);
            rows.push(Row::header(format!(
                "{} — {}",
                corpus
                    .articles
                    .get(m.article)
                    .map_or("", |a| a.meta.title.as_str()),
                source_label(corpus, m.article)
            )));
        }
        let r = SentenceRef {
            article: m.article,
            sentence: m.sentence,
        };
        // one row per sentence however many matches it holds
        if last == Some(r) {
            continue;
        }
        last = Some(r);
        rows.push(Row::item(
            format!("s{}", m.sentence + 1),
            sentence_text(corpus, analysis, r),
            Target::Sentence(r),
        ));
    }
    ListView::new(
        ListKind::SearchResults,
        format!("Search “{query}” — {} matches", matches.len()),
        None,
        rows,
    )
}

/// Aligns two articles by the links between them: linked pairs in reading
/// order on both sides, the sentences between them on rows of their own.
pub fn compare(analysis: &Analysis, left: usize, right: usize) -> CompareView {
    let count = |a: usize| analysis.articles.get(a).map_or(0, |x| x.sentences.len());
    let mut pairs: Vec<(usize, usize, Relation, f32)> = analysis
        .links
        .iter()
        .filter_map(|l| {
            if l.a.article == left && l.b.article == right {
                Some((l.a.sentence, l.b.sentence, l.relation, l.score))
            } else if l.b.article == left && l.a.article == right {
                Some((l.b.sentence, l.a.sentence, l.relation, l.score))
            } else {
                None
            }
        })
        .collect();
    // keep the best link per left sentence, then a chain increasing on both sides
    pairs.sort_by(|x, y| x.0.cmp(&y.0).then(y.3.total_cmp(&x.3)));
    pairs.dedup_by_key(|p| p.0);
    let chain = increasing_chain(&pairs);
    let mut rows = Vec::new();
    let (mut i, mut j) = (0, 0);
    for &(a, b, rel, _) in &chain {
        while i < a || j < b {
            rows.push(CompareRow {
                left: (i < a).then_some(i),
                right: (j < b).then_some(j),
                relation: None,
            });
            i += usize::from(i < a);
            j += usize::from(j < b);
        }
        rows.push(CompareRow {
            left: Some(a),
            right: Some(b),
            relation: Some(rel),
        });
        i = a + 1;
        j = b + 1;
    }
    let (n, m) = (count(left), count(right));
    while i < n || j < m {
        rows.push(CompareRow {
            left: (i < n).then_some(i),
            right: (j < m).then_some(j),
            relation: None,
        });
        i += usize::from(i < n);
        j += usize::from(j < m);
    }
    CompareView {
        left,
        right,
        rows,
        sel: 0,
        side: Side::Left,
        top: Cell::new(0),
    }
}

/// The longest chain of pairs increasing in both sentences (pairs sorted by
/// the first), found with patience sorting in O(n log n).
fn increasing_chain<T: Copy>(pairs: &[(usize, usize, T, f32)]) -> Vec<(usize, usize, T, f32)> {
    let mut tails: Vec<usize> = Vec::new(); // index into pairs of the tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, p) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs[t].1 < p.1);
        prev[k] = pos.checked_sub(1).map(|q| tails[q]);
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        out.push(pairs[k]);
        cur = prev[k];
    }
    out.reverse();
    out
}

/// The article most linked to `article`, for compare when the sentence has
/// no link.
pub fn most_linked(analysis: &Analysis, article: usize) -> Option<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for l in &analysis.links {
        if l.a.article == article {
            *counts.entry(l.b.article).or_default() += 1;
        } else if l.b.article == article {
            *counts.entry(l.a.article).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0)))
        .map(|(a, _)| a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn chain_keeps_pairs_in_order_on_both_sides() {
        let p = |a, b| (a, b, (), 1.0);
        let chain = increasing_chain(&[p(0, 5), p(1, 1), p(2, 2), p(3, 0), p(4, 3)]);
        let got: Vec<(usize, usize)> = chain.iter().map(|c| (c.0, c.1)).collect();
        assert_eq!(got, vec![(1, 1), (2, 2), (4, 3)]);
    }

    #[test]
    fn list_moves_skip_headers_and_filter_keeps_headings() {
        let rows = vec![
            Row::header("A"),
            Row::item("1", "apple", Target::None),
            Row::item("2", "banana", Target::None),
            Row::header("B"),
            Row::item("3", "cherry", Target::None),
        ];
        let mut v = ListView::new(ListKind::Timeline, String::new(), None, rows);
        assert_eq!(v.selected().map(|r| r.text.as_str()), Some("apple"));
        v.move_by(2);
        assert_eq!(v.selected().map(|r| r.text.as_str()), Some("cherry"));
        v.move_to_end(false);
        v.filter = "cher".into();
        v.refilter();
        assert_eq!(v.visible, vec![3, 4]);
        assert_eq!(v.selected().map(|r| r.text.as_str()), Some("cherry"));
    }

    #[test]
    fn entity_index_cache_serves_each_order_as_built() {
        let dir = tempfile::tempdir().unwrap();
        crate::generate::generate(dir.path(), 5, 9).unwrap();
        let corpus = Corpus::load(dir.path()).unwrap();
        let analysis = Analysis::run(&corpus, &Default::default());
        let ahead = EntityIndexCache::built(&corpus, &analysis);
        let lazy = EntityIndexCache::default();
        for sort in IndexSort::ALL {
            let fresh = entity_index(&corpus, &analysis, sort);
            for cache in [&ahead, &lazy] {
                let l = cache.list(&corpus, &analysis, sort);
                let (a, b): (Vec<&Row>, Vec<&Row>) =
                    (l.rows.iter().collect(), fresh.rows.iter().collect());
                assert_eq!((&l.title, a), (&fresh.title, b));
            }
        }
        // the second ask is a copy sharing the rows
        let a = lazy.list(&corpus, &analysis, IndexSort::Name);
        let b = lazy.list(&corpus, &analysis, IndexSort::Name);
        assert!(a.rows.shares(&b.rows));
    }

    /// The mentions list as it was built before its rows were made lazily:
    /// every article's mentions read, every row made at once.
    fn mentions_eager(corpus: &Corpus, analysis: &Analysis, entity: usize) -> ListView {
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
                rows.push(Row::item(
                    format!("s{}", m.sentence + 1),
                    sentence_text(corpus, analysis, r),
                    Target::Sentence(r),
                ));
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

    fn generated(articles: usize) -> (Arc<Corpus>, Arc<Analysis>) {
        let dir = tempfile::tempdir().unwrap();
        crate::generate::generate(dir.path(), articles, 11).unwrap();
        let corpus = Corpus::load(dir.path()).unwrap();
        let analysis = Analysis::run(&corpus, &Default::default());
        (Arc::new(corpus), Arc::new(analysis))
    }

    #[test]
    fn mentions_from_the_index_list_what_a_scan_of_every_mention_lists() {
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
    fn a_long_mentions_list_makes_only_the_rows_read_and_filters_like_a_built_one() {
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

    #[test]
    fn folded_words_are_the_one_spaced_text_lowercased() {
        for s in [
            "",
            "  ",
            "Plain Single-Spaced TEXT, 42.",
            "x",
            "One  Two\tThree\nfour\u{b}five\u{c}SIX\r\n ",
            " Caf\u{c9} \u{a0} \u{2019}Quoted\u{2019}\u{2028}x ",
            "\u{130}stanbul \u{3a3}\u{3a3}",
        ] {
            let mut got = String::new();
            push_folded_words(&mut got, s);
            let mut want = String::new();
            push_folded(&mut want, &crate::text::one_line(s));
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn filter_ignores_case_matches_each_column_and_never_across_them() {
        let mut note = Row::item("2016-05", "Leaders MEET", Target::None);
        note.note = "Daily Example".into();
        let rows = vec![note, Row::item("x", "other", Target::None)];
        let v = ListView::new(ListKind::Timeline, String::new(), None, rows);
        v.prepare_filter();
        // a copy shares the rows and their folded text
        let mut c = v.clone();
        assert!(v.rows.shares(&c.rows) && Arc::ptr_eq(&v.folded, &c.folded));
        for (filter, want) in [
            ("meet", vec![0]),
            ("2016", vec![0]),
            ("daily ex", vec![0]),
            ("meetdaily", vec![]),
            ("ER", vec![0, 1]),
            ("", vec![0, 1]),
            // growing narrows the last matches; shrinking looks again
            ("e", vec![0, 1]),
            ("ex", vec![0]),
            ("exa", vec![0]),
            ("e", vec![0, 1]),
            ("xa", vec![0]),
            ("x", vec![0, 1]),
            ("\n", vec![]),
        ] {
            c.filter = filter.into();
            c.refilter();
            assert_eq!(c.visible, want, "{filter}");
        }
        assert_eq!(v.lead_width, 7);
    }

    #[test]
    fn the_byte_masks_find_the_rows_a_search_of_every_row_finds() {
        let texts = [
            "Leaders meet in Köln",
            "ÉTÉ: straße, DEL\u{7f} and tab\there",
            "plain ascii only",
            "",
            "Ünïcödé ĸelvin K and İstanbul",
            "digits 2016-05-06 ~ {braces}",
        ];
        let rows: Vec<Row> = texts
            .iter()
            .map(|t| Row::item("x", *t, Target::None))
            .collect();
        let folded = FoldedRows::of_rows(&rows);
        assert!(folded.masks.is_some());
        // rows read from the search index go without masks
        let plain = FoldedRows {
            text: folded.text.clone(),
            starts: folded.starts.clone(),
            masks: None,
        };
        let naive = |needle: &str| -> Vec<usize> {
            (0..rows.len())
                .filter(|&i| {
                    let row = folded.row(i);
                    row.windows(needle.len()).any(|w| w == needle.as_bytes())
                })
                .collect()
        };
        for needle in [
            "e", "k", "ö", "é", "ß", "\u{7f}", "\t", "~", "{", "2", "meet", "köln", "straße", "ī",
            "i̇", "zz", "ascii o", " ",
        ] {
            let finder = memchr::memmem::Finder::new(needle.as_bytes());
            assert_eq!(folded.scan(&finder), naive(needle), "{needle:?}");
            assert_eq!(plain.scan(&finder), naive(needle), "{needle:?} unmasked");
        }
    }
}

#[cfg(test)]
mod span_filter_tests {
    //! The mentions filter read from the search index against the filter
    //! folding every row, on the articles, a generated corpus and one with
    //! whitespace runs and letters whose lowercase has another length.
    use super::*;
    use std::path::Path;

    fn analysed(dir: &Path) -> (Arc<Corpus>, Arc<Analysis>) {
        let corpus = Corpus::load(dir).unwrap();
        let analysis = Analysis::run(&corpus, &Default::default());
        (Arc::new(corpus), Arc::new(analysis))
    }

    /// A generated corpus whose bodies are roughened: some spaces become
    /// runs of white space (tabs, line breaks, no-break and line
    /// separators), some words gain a capital whose lowercase is longer,
    /// shorter or non-ASCII.
    fn roughened(articles: usize) -> (tempfile::TempDir, Arc<Corpus>, Arc<Analysis>) {
        let dir = tempfile::tempdir().unwrap();
        crate::generate::generate(dir.path(), articles, 5).unwrap();
        let spaces = [
            "  ",
            "\t",
            "\n",
            " \u{a0} ",
            " \r\n  ",
            "\u{2028}",
            " \u{b}\u{c}",
            "\u{2003}",
            " \u{3000}\t",
        ];
        let marks = ["\u{130}", "\u{3a3}", "\u{212a}", "\u{c9}", "\u{1e9e}", "Ǆ"];
        let mut n = 0usize;
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            // the front matter between the first two `+++` lines stays
            let Some((front, body)) = text
                .match_indices("+++\n")
                .nth(1)
                .map(|(at, _)| text.split_at(at + 4))
            else {
                continue;
            };
            let mut out = front.to_string();
            for (i, word) in body.split(' ').enumerate() {
                if i > 0 {
                    n += 1;
                    out.push_str(if n.is_multiple_of(5) {
                        spaces[n / 5 % spaces.len()]
                    } else {
                        " "
                    });
                }
                if n % 7 == 3 {
                    out.push_str(marks[n / 7 % marks.len()]);
                }
                out.push_str(word);
            }
            std::fs::write(&path, out).unwrap();
        }
        let (corpus, analysis) = analysed(dir.path());
        (dir, corpus, analysis)
    }

    /// Filters worth trying on a list: fixed ones with capitals, white
    /// space and non-ASCII letters, and pieces of its rows as drawn and of
    /// its sentences as they stand in the bodies (runs of white space,
    /// capitals, cut anywhere).
    fn filters(corpus: &Corpus, analysis: &Analysis, list: &ListView) -> Vec<String> {
        let mut out: Vec<String> = [
            "s1", "s", "1", "2", "s12", "the", "e", " ", "  ", "The ", " THE", "\t", "a b", "x",
            "\u{130}", "i\u{307}", "\u{3c3}", "\u{3a3}", "k", "\u{212a}", "\u{e9}", "\u{c9}",
            "\u{a0}", "\u{2003}", "\u{df}", "ss", "ǆ", "—", " — ", "zzzz", ".", ",", "’", "\0",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let step = (list.rows.len() / 12).max(1);
        for i in (0..list.rows.len()).step_by(step) {
            let Some(row) = list.rows.get(i) else {
                continue;
            };
            let mut texts = vec![row.text.clone()];
            if let Target::Sentence(r) = row.target {
                texts.push(sentence_str(corpus, analysis, r).to_string());
            }
            for text in texts {
                let chars: Vec<char> = text.chars().collect();
                for (from, len) in [(0, 1), (0, 6), (3, 2), (5, 9), (11, 17), (2, 40)] {
                    let piece: String = chars.iter().skip(from).take(len).collect();
                    out.push(piece);
                }
                // the end of the text, and the whole of it
                out.push(chars.iter().rev().take(8).rev().collect());
                out.push(text);
            }
        }
        out.retain(|s| !s.is_empty());
        out.sort();
        out.dedup();
        out
    }

    /// [`compare`], on enough lists and filters to mean something.
    fn compare_enough(corpus: &Arc<Corpus>, analysis: &Arc<Analysis>) {
        let (lists, tried) = compare(corpus, analysis);
        assert!(
            lists > 5 && tried > lists * 20,
            "{lists} lists, {tried} filters"
        );
    }

    fn compare(corpus: &Arc<Corpus>, analysis: &Arc<Analysis>) -> (usize, usize) {
        // sentences found in the folded bodies as the list is folded, and
        // placed ahead as the reader's worker does
        let search = Arc::new(SearchIndex::new(corpus));
        let placed = Arc::new(SearchIndex::new(corpus));
        placed.prepare_sentences(analysis);
        let index = MentionIndex::new(analysis);
        // and headings folded ahead, as the worker does
        let mut ahead = MentionIndex::new(analysis);
        ahead.prepare_headings(corpus);
        let (mut lists, mut tried) = (0, 0);
        for e in 0..analysis.entities.len() {
            let old = mentions(corpus, analysis, &index, e);
            let new = mentions_with(corpus, analysis, &ahead, Some(&placed), e);
            let found = mentions_with(corpus, analysis, &index, Some(&search), e);
            let (Rows::Sentences(made), Rows::Sentences(found)) = (&new.rows, &found.rows) else {
                panic!("a mentions list makes its rows lazily");
            };
            // the same folded text, row by row, in blocks of any size
            let folded = FoldedRows::new(&old.rows);
            for indexed in [
                FoldedRows::new(&new.rows),
                made.folded_in_blocks(3),
                found.folded_in_blocks(1024),
                found.folded_in_blocks(5),
            ] {
                assert_eq!(indexed.starts.len(), folded.starts.len());
                for i in 0..old.rows.len() {
                    assert_eq!(
                        String::from_utf8_lossy(indexed.row(i)),
                        String::from_utf8_lossy(folded.row(i)),
                        "{} row {i}",
                        new.title
                    );
                }
                assert!(indexed.text == folded.text);
            }
            // and the same rows shown for any filter, typed a key at a time
            let (mut a, mut b) = (old.clone(), new.clone());
            for filter in filters(corpus, analysis, &old) {
                let (mut c, mut d) = (old.clone(), new.clone());
                c.filter = filter.clone();
                d.filter = filter.clone();
                c.refilter();
                d.refilter();
                assert_eq!(c.visible, d.visible, "{} {filter:?}", new.title);
                for ch in filter.chars() {
                    a.filter.push(ch);
                    b.filter.push(ch);
                    a.refilter();
                    b.refilter();
                    assert_eq!(a.visible, b.visible, "{} {:?}", new.title, a.filter);
                }
                while a.filter.chars().count() > 2 {
                    a.filter.pop();
                    b.filter.pop();
                    a.refilter();
                    b.refilter();
                    assert_eq!(a.visible, b.visible, "{} {:?}", new.title, a.filter);
                }
                tried += 1;
            }
            lists += 1;
        }
        (lists, tried)
    }

    #[test]
    fn the_filter_read_from_the_search_index_shows_the_rows_folding_shows() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (corpus, analysis) = analysed(&content);
        compare_enough(&corpus, &analysis);

        let generated = tempfile::tempdir().unwrap();
        crate::generate::generate(generated.path(), 25, 3).unwrap();
        let (corpus, analysis) = analysed(generated.path());
        compare_enough(&corpus, &analysis);
    }

    #[test]
    fn the_index_filter_folds_white_space_runs_and_long_lowercase_as_folding_does() {
        let (_dir, corpus, analysis) = roughened(20);
        // the roughening is there to compare
        let bodies: String = corpus.articles.iter().map(|a| a.body.as_str()).collect();
        for s in [
            "  ", "\n", "\u{a0}", "\u{2003}", "\u{3000}", "\u{130}", "\u{212a}", "\u{1e9e}",
        ] {
            assert!(bodies.contains(s), "{s:?}");
        }
        compare_enough(&corpus, &analysis);
    }

    #[test]
    fn an_index_of_other_bodies_is_not_read() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (corpus, analysis) = analysed(&content);
        let index = MentionIndex::new(&analysis);
        let e = (0..analysis.entities.len())
            .max_by_key(|&e| index.sentences(e).len())
            .unwrap();
        // read at the sentences' offsets, these would give other text
        let bodies: Vec<String> = corpus
            .articles
            .iter()
            .map(|a| format!("Zq {}", a.body))
            .collect();
        let other = Arc::new(SearchIndex::from_bodies(bodies));
        let list = mentions_with(&corpus, &analysis, &index, Some(&other), e);
        let same = mentions(&corpus, &analysis, &index, e);
        let (a, b) = (FoldedRows::new(&list.rows), FoldedRows::new(&same.rows));
        assert!(a.text == b.text);
        assert_eq!(a.starts, b.starts);
    }
}
