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

use crate::analysis::segment::Sentence;
use crate::analysis::Analysis;
use crate::corpus::Corpus;
use memchr::memmem;
use rayon::prelude::*;
use std::ops::Range;
use std::sync::OnceLock;
use unicode_width::UnicodeWidthChar;

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
                .map(|a| a.sentences.as_slice())
                .unwrap_or(&[])
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

/// The matches of one query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    query: String,
    case_sensitive: bool,
    matches: Vec<Match>,
    partial: bool,
}

impl Results {
    /// Whether some articles were not searched (see
    /// [`SearchIndex::search_near`]): there may be more matches.
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

/// A one-line excerpt of a sentence around a match, for the results list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The excerpt, whitespace folded, with `…` where it was cut.
    pub text: String,
    /// The byte range of the match inside `text` (empty when the match lies
    /// outside the sentence).
    pub highlight: Range<usize>,
}

/// The sentence around a match, trimmed to `width` display columns with the
/// match kept in view (a little context before it, the rest after).
///
/// `sentence` is the span of the match's sentence in `body`; the match is
/// clipped to it. Whitespace runs become one space.
pub fn snippet(body: &str, sentence: Range<usize>, m: Range<usize>, width: usize) -> Snippet {
    let sentence = clamp_range(body, sentence);
    let text = &body[sentence.clone()];
    // folded characters with their widths and whether they are in the match
    let mut chars: Vec<(char, usize, bool)> = Vec::with_capacity(text.len());
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let at = sentence.start + i;
        let hit = at >= m.start && at < m.end;
        if c.is_whitespace() {
            if in_space {
                if hit {
                    if let Some(last) = chars.last_mut() {
                        last.2 = true;
                    }
                }
                continue;
            }
            in_space = true;
            chars.push((' ', 1, hit));
        } else {
            in_space = false;
            chars.push((c, c.width().unwrap_or(0), hit));
        }
    }
    // leading and trailing blanks say nothing
    while chars.last().is_some_and(|c| c.0 == ' ') {
        chars.pop();
    }
    let lead = chars.iter().take_while(|c| c.0 == ' ').count();
    chars.drain(..lead);

    let total: usize = chars.iter().map(|c| c.1).sum();
    let (from, to) = if total <= width {
        (0, chars.len())
    } else {
        window(&chars, width)
    };
    let mut out = String::new();
    let mut highlight: Option<Range<usize>> = None;
    if from > 0 {
        out.push('…');
    }
    for &(c, _, hit) in &chars[from..to] {
        if hit {
            let at = out.len();
            highlight = Some(match highlight {
                Some(h) => h.start..at + c.len_utf8(),
                None => at..at + c.len_utf8(),
            });
        }
        out.push(c);
    }
    if to < chars.len() {
        out.push('…');
    }
    let highlight = highlight.unwrap_or(out.len()..out.len());
    Snippet {
        text: out,
        highlight,
    }
}

/// The [`snippet`] of a match, its sentence taken from the analysis (the
/// match's own span when the article has no sentence).
pub fn snippet_for(corpus: &Corpus, analysis: &Analysis, m: &Match, width: usize) -> Snippet {
    let body = corpus
        .articles
        .get(m.article)
        .map_or("", |a| a.body.as_str());
    let sentence = analysis
        .articles
        .get(m.article)
        .and_then(|a| a.sentences.get(m.sentence))
        .map_or(m.start..m.end, Sentence::range);
    snippet(body, sentence, m.start..m.end, width)
}

/// The range of characters to show so that the match fits in `width`
/// columns together with the ellipses marking the cuts (the text is known to
/// be wider than `width`).
fn window(chars: &[(char, usize, bool)], width: usize) -> (usize, usize) {
    let first_hit = chars.iter().position(|c| c.2);
    if width < 3 {
        // no room for ellipses: as much of the match (or the start) as fits
        let from = first_hit.unwrap_or(0);
        let (mut to, mut used) = (from, 0);
        while to < chars.len() && used + chars[to].1 <= width {
            used += chars[to].1;
            to += 1;
        }
        return (from, to);
    }
    let Some(first_hit) = first_hit else {
        // nothing to centre on: the start of the sentence and one ellipsis
        let (mut to, mut used) = (0, 1);
        while to < chars.len() && used + chars[to].1 <= width {
            used += chars[to].1;
            to += 1;
        }
        return (0, to);
    };
    let last_hit = chars.iter().rposition(|c| c.2).unwrap_or(first_hit) + 1;
    // assume both ends are cut; a quarter of the spare room goes before
    let mut cap = width - 2;
    let (mut from, mut to, mut used) = (first_hit, first_hit, 0);
    while to < last_hit && used + chars[to].1 <= cap {
        used += chars[to].1;
        to += 1;
    }
    let before = (cap - used) / 4;
    let mut before_used = 0;
    while from > 0 && before_used + chars[from - 1].1 <= before {
        from -= 1;
        before_used += chars[from].1;
    }
    used += before_used;
    while to < chars.len() && used + chars[to].1 <= cap {
        used += chars[to].1;
        to += 1;
    }
    while from > 0 && used + chars[from - 1].1 <= cap {
        from -= 1;
        used += chars[from].1;
    }
    // an ellipsis that is not needed gives its column back
    if from == 0 {
        cap += 1;
        while to < chars.len() && used + chars[to].1 <= cap {
            used += chars[to].1;
            to += 1;
        }
    } else if to == chars.len() {
        cap += 1;
        while from > 0 && used + chars[from - 1].1 <= cap {
            from -= 1;
            used += chars[from].1;
        }
    }
    (from, to)
}

fn clamp_range(s: &str, r: Range<usize>) -> Range<usize> {
    let mut start = r.start.min(s.len());
    let mut end = r.end.min(s.len()).max(start);
    while !s.is_char_boundary(start) {
        start -= 1;
    }
    while !s.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

fn has_capital(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// Appends `s` folded: whitespace runs become one space, and letters are
/// lowercased when `lower` is set.
fn fold_into(s: &str, lower: bool, out: &mut String) {
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            in_space = false;
            if lower {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
}

/// A body folded for matching, with the way back to original offsets.
#[derive(Debug)]
struct Folded {
    text: String,
    /// The places where folded and original lengths differ, in order.
    shifts: Vec<Shift>,
}

/// An original span whose folded form has another length: a character whose
/// lowercase is longer or shorter, or a run of whitespace made one space.
#[derive(Debug, Clone, Copy)]
struct Shift {
    folded: u32,
    folded_len: u32,
    original: u32,
    original_len: u32,
}

impl Folded {
    fn new(body: &str, lower: bool) -> Self {
        let mut text = String::with_capacity(body.len());
        let mut shifts = Vec::new();
        let mut chars = body.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let folded_at = text.len();
            let original_len;
            if c.is_whitespace() {
                let mut end = at + c.len_utf8();
                while let Some((i, w)) = chars.next_if(|(_, w)| w.is_whitespace()) {
                    end = i + w.len_utf8();
                }
                text.push(' ');
                original_len = end - at;
            } else {
                if lower {
                    text.extend(c.to_lowercase());
                } else {
                    text.push(c);
                }
                original_len = c.len_utf8();
            }
            let folded_len = text.len() - folded_at;
            if folded_len != original_len {
                // bodies are far below 4 GiB (the loader caps file sizes);
                // a larger one would only misplace highlights, never panic
                shifts.push(Shift {
                    folded: to_u32(folded_at),
                    folded_len: to_u32(folded_len),
                    original: to_u32(at),
                    original_len: to_u32(original_len),
                });
            }
        }
        Self { text, shifts }
    }

    /// The folded offset of original offset `at`, and whether `at` falls
    /// strictly inside a shifted span (a whitespace run, or a character
    /// whose lowercase has another length). Inside a span, a start
    /// (`is_end` false) maps before its folded form and an end after it.
    fn folded_offset(&self, at: usize, is_end: bool) -> (usize, bool) {
        let at32 = to_u32(at);
        let i = self.shifts.partition_point(|s| s.original <= at32);
        let Some(s) = i.checked_sub(1).map(|i| self.shifts[i]) else {
            return (at, false);
        };
        let original_end = s.original + s.original_len;
        let (mapped, inside) = if at32 >= original_end {
            (s.folded + s.folded_len + (at32 - original_end), false)
        } else if at32 == s.original {
            (s.folded, false)
        } else if is_end {
            (s.folded + s.folded_len, true)
        } else {
            (s.folded, true)
        };
        (mapped as usize, inside)
    }

    /// The original offset of folded offset `at`. A match starting inside
    /// an expanded character starts at that character; one ending inside it
    /// (`is_end`) takes the whole character. `cursor` remembers how far the
    /// shift map was walked: calls must come with `at` never decreasing.
    fn original(&self, cursor: &mut usize, at: usize, is_end: bool) -> usize {
        let at = to_u32(at);
        while self.shifts.get(*cursor).is_some_and(|s| s.folded <= at) {
            *cursor += 1;
        }
        let Some(s) = cursor.checked_sub(1).map(|i| self.shifts[i]) else {
            return at as usize;
        };
        let folded_end = s.folded + s.folded_len;
        let original_end = s.original + s.original_len;
        let mapped = if at >= folded_end {
            original_end + (at - folded_end)
        } else if at == s.folded || !is_end {
            s.original
        } else {
            original_end
        };
        mapped as usize
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn index(bodies: &[&str]) -> SearchIndex {
        SearchIndex::from_bodies(bodies.iter().map(|s| s.to_string()).collect())
    }

    fn spans(r: &Results) -> Vec<(usize, usize, usize)> {
        r.matches()
            .iter()
            .map(|m| (m.article, m.start, m.end))
            .collect()
    }

    fn no_sentences(_: usize) -> &'static [Sentence] {
        &[]
    }

    #[test]
    fn lowercase_query_ignores_case_and_capital_query_does_not() {
        let idx = index(&["The treaty. A Treaty again.", "no TREATY here? treaty!"]);
        let r = idx.search_with("treaty", no_sentences);
        assert!(!r.case_sensitive());
        assert_eq!(
            spans(&r),
            vec![(0, 4, 10), (0, 14, 20), (1, 3, 9), (1, 16, 22)]
        );
        let r = idx.search_with("Treaty", no_sentences);
        assert!(r.case_sensitive());
        assert_eq!(spans(&r), vec![(0, 14, 20)]);
    }

    #[test]
    fn spans_stay_in_the_original_when_lowercase_changes_lengths() {
        // 'İ' (2 bytes) lowercases to "i̇" (3 bytes); 'K' (Kelvin, 3 bytes)
        // to 'k' (1 byte): offsets after them shift in the folded copy
        let body = "İstanbul, 5 K and Kiel; İ kiel";
        let idx = index(&[body]);
        let r = idx.search_with("kiel", no_sentences);
        let found: Vec<&str> = r.matches().iter().map(|m| &body[m.start..m.end]).collect();
        assert_eq!(found, vec!["Kiel", "kiel"]);
        let r = idx.search_with("istanbul", no_sentences);
        let found: Vec<&str> = r.matches().iter().map(|m| &body[m.start..m.end]).collect();
        // "i̇stanbul" is the folded form; "istanbul" is not a substring of it
        assert!(found.is_empty());
        let r = idx.search_with("i̇stanbul", no_sentences);
        let found: Vec<&str> = r.matches().iter().map(|m| &body[m.start..m.end]).collect();
        assert_eq!(found, vec!["İstanbul"]);
        let r = idx.search_with("5 k", no_sentences);
        let found: Vec<&str> = r.matches().iter().map(|m| &body[m.start..m.end]).collect();
        assert_eq!(found, vec!["5 K"]);
    }

    #[test]
    fn a_match_inside_an_expanded_character_covers_the_whole_character() {
        let body = "xİy";
        let idx = index(&[body]);
        let r = idx.search_with("xi", no_sentences);
        assert_eq!(spans(&r), vec![(0, 0, 3)]);
        assert_eq!(&body[0..3], "xİ");
    }

    #[test]
    fn whitespace_in_the_query_matches_any_whitespace_run() {
        let body = "a peace\n  treaty was signed";
        let idx = index(&[body]);
        let r = idx.search_with("peace treaty", no_sentences);
        assert_eq!(spans(&r), vec![(0, 2, 16)]);
        assert_eq!(&body[2..16], "peace\n  treaty");
        let r = idx.search_with("peace   treaty", no_sentences);
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn blank_query_matches_nothing() {
        let idx = index(&["some text"]);
        assert!(idx.search_with("", no_sentences).is_empty());
        assert!(idx.search_with("   ", no_sentences).is_empty());
    }

    #[test]
    fn matches_carry_their_sentence() {
        let body = "First one. Second with word. Third word.";
        let sentences = crate::analysis::segment::split(body);
        assert_eq!(sentences.len(), 3);
        let idx = index(&[body]);
        let r = idx.search_with("word", |_| sentences.as_slice());
        let s: Vec<usize> = r.matches().iter().map(|m| m.sentence).collect();
        assert_eq!(s, vec![1, 2]);
        let r = idx.search_with("first", |_| sentences.as_slice());
        assert_eq!(r.matches()[0].sentence, 0);
    }

    #[test]
    fn next_and_previous_wrap_across_articles() {
        let idx = index(&["ab ab", "none", "ab"]);
        let r = idx.search_with("ab", no_sentences);
        assert_eq!(spans(&r), vec![(0, 0, 2), (0, 3, 5), (2, 0, 2)]);
        let at = |article, offset| Position { article, offset };
        assert_eq!(r.next_after(at(0, 0)), Some(1));
        assert_eq!(r.next_after(at(0, 3)), Some(2));
        assert_eq!(r.next_after(at(1, 0)), Some(2));
        assert_eq!(r.next_after(at(2, 0)), Some(0), "wraps to the first");
        assert_eq!(r.prev_before(at(2, 0)), Some(1));
        assert_eq!(r.prev_before(at(0, 3)), Some(0));
        assert_eq!(r.prev_before(at(0, 0)), Some(2), "wraps to the last");
        assert_eq!(r.at_or_after(at(0, 3)), Some(1));
        assert_eq!(r.at_or_after(at(0, 4)), Some(2));
        assert_eq!(r.at_or_after(at(2, 1)), Some(0));
        assert_eq!(r.in_article(0).len(), 2);
        assert!(r.in_article(1).is_empty());
        assert_eq!(r.in_article(2), &r.matches()[2..]);
        let empty = idx.search_with("zzz", no_sentences);
        assert_eq!(empty.next_after(at(0, 0)), None);
        assert_eq!(empty.prev_before(at(0, 0)), None);
    }

    #[test]
    fn count_label_reads_like_a_status_line() {
        let idx = index(&["ab ab ab"]);
        let r = idx.search_with("ab", no_sentences);
        assert_eq!(r.count_label(Some(1)), "2/3");
        assert_eq!(r.count_label(None), "3 matches");
        assert_eq!(r.count_label(Some(7)), "3 matches");
        let one = idx.search_with("ab ab ab", no_sentences);
        assert_eq!(one.count_label(None), "1 match");
        assert_eq!(
            idx.search_with("x", no_sentences).count_label(None),
            "no match"
        );
    }

    #[test]
    fn search_near_stops_early_from_the_reader_on_and_stays_in_order() {
        // 300 articles with 5 matches each; a batch holds 64 articles
        let bodies: Vec<String> = (0..300)
            .map(|i| format!("word {i} word word. word and word."))
            .collect();
        let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
        let idx = index(&refs);
        let full = idx.search_with("word", no_sentences);
        assert!(!full.is_partial());
        assert_eq!(full.len(), 1500);
        // from article 250: 50 articles to the end, then wraps to the start
        let near = idx.search_near("word", 250, 400, no_sentences);
        assert!(near.is_partial());
        assert!(near.len() >= 400 && near.len() < 1500, "{}", near.len());
        let arts: Vec<usize> = near.matches().iter().map(|m| m.article).collect();
        assert!(arts.windows(2).all(|w| w[0] <= w[1]), "corpus order");
        assert!(arts.contains(&250) && arts.contains(&299) && arts.contains(&0));
        assert!(!arts.contains(&200), "stopped before the whole corpus");
        for m in near.matches() {
            assert!(full.matches().contains(m));
        }
        assert_eq!(
            near.count_label(Some(0)),
            format!("{}+ matches", near.len())
        );
        // a limit never reached searches everything
        let all = idx.search_near("word", 250, usize::MAX, no_sentences);
        assert!(!all.is_partial());
        assert_eq!(all, full);
    }

    #[test]
    fn matches_do_not_overlap() {
        let idx = index(&["aaaa"]);
        assert_eq!(
            spans(&idx.search_with("aa", no_sentences)),
            vec![(0, 0, 2), (0, 2, 4)]
        );
    }

    #[test]
    fn search_uses_the_analysis_sentences() {
        let corpus = Corpus::load(std::path::Path::new("content")).unwrap();
        let analysis = Analysis::run(&corpus, &Default::default());
        let idx = SearchIndex::new(&corpus);
        let r = idx.search(&analysis, "peace treaty");
        assert!(r.len() > 3);
        for m in r.matches() {
            let body = &corpus.articles[m.article].body;
            assert!(body[m.start..m.end].eq_ignore_ascii_case("peace treaty"));
            let s = &analysis.articles[m.article].sentences[m.sentence];
            assert!(s.start <= m.start && m.start < s.end);
            let sn = snippet_for(&corpus, &analysis, m, 40);
            assert!(sn.text[sn.highlight.clone()].eq_ignore_ascii_case("peace treaty"));
            assert!(sn.text.chars().count() <= 40);
        }
    }

    #[test]
    fn snippet_fits_the_width_and_keeps_the_match() {
        let body = "Intro. Abe met the president in Vladivostok for a summit meeting that lasted hours. Next.";
        let s = 7..84;
        let at = body.find("summit").unwrap();
        let sn = snippet(body, s.clone(), at..at + 6, 30);
        assert!(sn.text.chars().count() <= 30, "{:?}", sn.text);
        assert_eq!(&sn.text[sn.highlight.clone()], "summit");
        assert!(sn.text.starts_with('…'));
        assert!(sn.text.ends_with('…'));
        // wide enough: the whole sentence, no ellipsis
        let sn = snippet(body, s, at..at + 6, 200);
        assert_eq!(sn.text, body[7..84].trim_end());
        assert_eq!(&sn.text[sn.highlight], "summit");
    }

    #[test]
    fn snippet_folds_whitespace_and_counts_wide_characters() {
        let body = "日本と\n  ロシアの平和条約について話した";
        let at = body.find("平和").unwrap();
        let sn = snippet(body, 0..body.len(), at..at + "平和".len(), 12);
        let w: usize = sn.text.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert!(w <= 12, "{:?} is {w} wide", sn.text);
        assert_eq!(&sn.text[sn.highlight.clone()], "平和");
        let sn = snippet(body, 0..body.len(), 0..3, 80);
        assert_eq!(sn.text, "日本と ロシアの平和条約について話した");
    }

    #[test]
    fn snippet_of_a_match_at_the_start_has_no_leading_ellipsis() {
        let body = "Summit talks went on for many hours without any agreement at all.";
        let sn = snippet(body, 0..body.len(), 0..6, 20);
        assert!(sn.text.starts_with("Summit"), "{:?}", sn.text);
        assert!(sn.text.ends_with('…'));
        assert_eq!(sn.text.chars().count(), 20);
    }

    #[test]
    fn snippet_with_a_match_wider_than_the_width_shows_its_start() {
        let body = "a very long matched phrase indeed";
        let sn = snippet(body, 0..body.len(), 2..26, 10);
        assert!(sn.text.chars().count() <= 10);
        assert!(sn.text[sn.highlight.clone()].starts_with("very"));
    }

    fn fold(s: &str, lower: bool) -> String {
        let mut out = String::new();
        fold_into(s, lower, &mut out);
        out
    }

    proptest! {
        #[test]
        fn spans_are_char_boundaries_and_hold_the_query(
            body in "(\\PC|\\s|İ|ẞ|K|Σ){0,40}",
            pick in 0usize..40,
            len in 1usize..6,
            upper in any::<bool>(),
        ) {
            // a query taken from the body, maybe with its case changed
            let chars: Vec<char> = body.chars().collect();
            prop_assume!(!chars.is_empty());
            let from = pick % chars.len();
            let q: String = chars[from..(from + len).min(chars.len())].iter().collect();
            let q = if upper { q.to_uppercase() } else { q.to_lowercase() };
            let idx = index(&[&body]);
            let r = idx.search_with(&q, no_sentences);
            let lower = !has_capital(&q);
            let fq = fold(&q, lower);
            let mut last_end = 0;
            for m in r.matches() {
                prop_assert!(body.is_char_boundary(m.start) && body.is_char_boundary(m.end));
                prop_assert!(m.start < m.end && m.start >= last_end);
                last_end = m.end;
                prop_assert!(fold(&body[m.start..m.end], lower).contains(&fq),
                    "{:?} does not hold {:?}", &body[m.start..m.end], fq);
            }
            // found exactly when the folded body holds the folded query
            let expected = !fq.trim().is_empty() && fold(&body, lower).contains(&fq);
            prop_assert_eq!(!r.is_empty(), expected);
        }

        #[test]
        fn snippet_never_exceeds_the_width(
            body in "(\\PC|\\s){1,60}",
            a in 0usize..80, b in 0usize..80, width in 3usize..40,
        ) {
            let (lo, hi) = (a.min(b), a.max(b));
            let sn = snippet(&body, 0..body.len(), lo..hi, width);
            let w: usize = sn.text.chars().map(|c| c.width().unwrap_or(0)).sum();
            prop_assert!(w <= width, "{:?} is {} wide (max {})", sn.text, w, width);
            prop_assert!(sn.text.is_char_boundary(sn.highlight.start));
            prop_assert!(sn.text.is_char_boundary(sn.highlight.end));
        }
    }

    #[test]
    fn a_folded_slice_is_the_slice_folded_on_its_own() {
        // every character range of bodies with white space runs at the
        // ends and inside, and characters whose lowercase has another length
        let bodies = [
            "  Lead  and\n\ntrail \u{a0} ",
            "x\u{130}y \u{212a}elvin\t\u{3a3}\u{3a3}. \u{2003}\u{3000}End",
            "Plain text, one space.",
            "",
            "\u{1e9e}\u{c9} \n",
        ];
        let idx = index(&bodies);
        for (a, body) in bodies.iter().enumerate() {
            // every byte offset, on a character boundary or not, and past the end
            for start in 0..body.len() + 2 {
                for end in 0..body.len() + 2 {
                    let want: Option<String> = body.get(start..end).map(|s| {
                        let words: Vec<String> = s
                            .split_whitespace()
                            .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                            .collect();
                        words.join(" ")
                    });
                    let got = idx.folded_slice(a, start..end);
                    assert_eq!(got, want.as_deref(), "{body:?} {start}..{end}");
                }
            }
        }
        // no such article
        assert_eq!(idx.folded_slice(9, 0..0), None);
        assert!(idx.holds(1, bodies[1]) && !idx.holds(1, bodies[0]) && !idx.holds(5, ""));
    }
}
