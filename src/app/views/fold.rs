//! Folding text as the list filter matches it: lowercased, white space
//! runs made one space, columns apart. Sentence lists fold their rows
//! straight from the bodies (or copy them from the search index, already
//! folded) rather than from made rows.

use super::filter::FoldedRows;
use super::rows::{SentenceRows, Slot};
use super::{article_heading, byline_str, sentence_str};
use crate::app::search::SearchIndex;
use crate::corpus::Corpus;
use std::ops::Range;

/// A row of [`SentenceRows::folded_from_index`]: its lead, `s{number}`
/// (none when `number` is 0: a heading), and its text, a span of `source`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Piece {
    pub(super) number: usize,
    pub(super) source: Source,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Where the text of a [`Piece`] is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Source {
    /// The text folded for the rows' block.
    Own,
    /// The corpus's folded headings.
    Heading,
    /// An article's folded body in the search index.
    Article(usize),
}

impl Piece {
    pub(super) fn own(number: usize, start: usize, end: usize) -> Self {
        Self {
            number,
            source: Source::Own,
            start,
            end,
        }
    }

    /// `s{number}`, or nothing for 0, as bytes kept in `buf`.
    pub(super) fn lead(number: usize, buf: &mut [u8; 21]) -> &[u8] {
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
    pub(super) fn len(&self) -> usize {
        Self::lead(self.number, &mut [0; 21]).len() + (self.end - self.start) + 3
    }

    /// Writes the row into `out` at `at` (its text read from `body`);
    /// returns where it ends.
    pub(super) fn write(&self, body: &str, out: &mut [u8], at: usize) -> usize {
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
pub(super) fn push_heading_folded(text: &mut String, corpus: &Corpus, article: usize) {
    let title = corpus
        .articles
        .get(article)
        .map_or("", |x| x.meta.title.as_str());
    push_folded(text, title);
    let by = byline_str(corpus, article);
    if !by.is_empty() {
        text.push_str(" — ");
        push_folded(text, by);
    }
}

/// Appends `col` lowercased, as the filter matches it.
pub(super) fn push_folded(text: &mut String, col: &str) {
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
pub(super) fn push_folded_words(text: &mut String, s: &str) {
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

/// Every article's heading ([`article_heading`]) folded as the filter
/// folds it, one after another.
#[derive(Debug, Default)]
pub(super) struct FoldedHeadings {
    pub(super) text: String,
    /// Where each article's heading starts, and the text's end.
    pub(super) starts: Vec<usize>,
}

impl FoldedHeadings {
    pub(super) fn new(corpus: &Corpus) -> Self {
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
    pub(super) fn get(&self, article: usize, articles: usize) -> Option<Range<usize>> {
        if self.starts.len() != articles + 1 {
            return None;
        }
        Some(*self.starts.get(article)?..*self.starts.get(article + 1)?)
    }
}

impl SentenceRows {
    /// The rows as the filter reads them, folded straight from the text
    /// rather than from made rows, a block of rows on each core: the first
    /// filter key of a list with tens of thousands of rows pays for it.
    /// With the corpus's search index, a sentence is copied from its
    /// article's body there, already folded, rather than folded again.
    pub(super) fn folded(&self) -> FoldedRows {
        self.folded_in_blocks(1024)
    }

    pub(super) fn folded_in_blocks(&self, block: usize) -> FoldedRows {
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
    pub(super) fn folded_from_index(&self, search: &SearchIndex, block: usize) -> FoldedRows {
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
                            if let Some(r) = folded {
                                Piece {
                                    number: 0,
                                    source: Source::Heading,
                                    start: r.start,
                                    end: r.end,
                                }
                            } else {
                                let start = own.len();
                                push_heading_folded(&mut own, corpus, a);
                                Piece::own(0, start, own.len())
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
                            if let Some(span) = span {
                                Piece {
                                    number: r.sentence + 1,
                                    source: Source::Article(r.article),
                                    start: span.start,
                                    end: span.end,
                                }
                            } else {
                                let start = own.len();
                                push_folded_words(&mut own, sentence_str(corpus, analysis, r));
                                Piece::own(r.sentence + 1, start, own.len())
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn folded_words_are_the_one_spaced_text_lowercased() {
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
}
