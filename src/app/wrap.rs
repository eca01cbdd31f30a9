//! Wrapping an article to a width, once per (article, width): lines are byte
//! ranges into the body, so drawing styles them without copying text, and
//! every sentence knows the line it starts on (for paging and scrolling).

use crate::analysis::segment::{self, Sentence};
use unicode_width::UnicodeWidthChar;

/// One wrapped line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WLine {
    /// A line of the title.
    Title(String),
    /// A line of the byline (source, author, date).
    Meta(String),
    /// A problem met while reading the file (encoding, removed escape
    /// sequences, broken front matter), shown above the text.
    Warning(String),
    /// An empty line.
    Blank,
    /// Body text: a byte range of the body.
    Body {
        /// Start byte.
        start: usize,
        /// End byte.
        end: usize,
    },
}

/// An article wrapped to one width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrapped {
    /// The width it was wrapped to.
    pub width: u16,
    /// Its lines.
    pub lines: Vec<WLine>,
    /// For each sentence, the line its first byte is on.
    pub sentence_line: Vec<usize>,
    /// For each sentence, the line its last byte is on.
    pub sentence_end: Vec<usize>,
}

impl Wrapped {
    /// The sentence shown on a line (the last one starting at or before it).
    pub fn sentence_at_line(&self, line: usize) -> usize {
        self.sentence_line
            .partition_point(|&l| l <= line)
            .saturating_sub(1)
    }

    /// The first and last line of sentence `s` (`None` when there is no
    /// such sentence).
    pub fn sentence_lines(&self, s: usize) -> Option<(usize, usize)> {
        let first = *self.sentence_line.get(s)?;
        let last = self.sentence_end.get(s).copied().unwrap_or(first);
        Some((first, last.max(first)))
    }
}

/// Display width of a char; control characters never reach here (the body
/// is sanitised) but whitespace of any kind counts as one space.
pub fn char_width(c: char) -> usize {
    if c.is_whitespace() {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// Display width of a string as the reader draws it.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Wraps `text` (owned, for headers) into lines of at most `width` columns.
pub fn wrap_str(text: &str, width: usize) -> Vec<String> {
    wrap_range(text, 0..text.len(), width)
        .into_iter()
        .map(|(s, e)| text[s..e].to_string())
        .collect()
}

/// Wraps the words of `text[range]` into byte ranges of at most `width`
/// columns; a word wider than a line is cut between characters.
pub fn wrap_range(text: &str, range: std::ops::Range<usize>, width: usize) -> Vec<(usize, usize)> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut line: Option<(usize, usize, usize)> = None; // start, end, columns
    let slice = &text[range.clone()];
    let mut words = Vec::new();
    let mut word_start = None;
    for (i, c) in slice.char_indices() {
        let at = range.start + i;
        match (c.is_whitespace(), word_start) {
            (true, Some(s)) => {
                words.push((s, at));
                word_start = None;
            }
            (false, None) => word_start = Some(at),
            _ => {}
        }
    }
    if let Some(s) = word_start {
        words.push((s, range.end));
    }
    for (ws, we) in words {
        let w = str_width(&text[ws..we]);
        if let Some((ls, le, lw)) = line {
            let gap = str_width(&text[le..ws]);
            if lw + gap + w <= width {
                line = Some((ls, we, lw + gap + w));
                continue;
            }
            out.push((ls, le));
        }
        if w <= width {
            line = Some((ws, we, w));
            continue;
        }
        // a word longer than the line: cut it
        let mut start = ws;
        let mut cols = 0;
        for (i, c) in text[ws..we].char_indices() {
            let cw = char_width(c);
            if cols + cw > width && cols > 0 {
                out.push((start, ws + i));
                start = ws + i;
                cols = 0;
            }
            cols += cw;
        }
        line = Some((start, we, cols));
    }
    if let Some((ls, le, _)) = line {
        out.push((ls, le));
    }
    out
}

/// Wraps an article's header and body to `width` columns.
pub fn wrap_article(
    title: &str,
    meta: &[String],
    body: &str,
    sentences: &[Sentence],
    width: u16,
) -> Wrapped {
    wrap_article_warned(title, meta, &[], body, sentences, width)
}

/// Wraps an article's header, its warnings (each line starting with "⚠ ")
/// and its body to `width` columns.
pub fn wrap_article_warned(
    title: &str,
    meta: &[String],
    warnings: &[String],
    body: &str,
    sentences: &[Sentence],
    width: u16,
) -> Wrapped {
    let w = usize::from(width.max(1));
    let mut lines: Vec<WLine> = wrap_str(title, w).into_iter().map(WLine::Title).collect();
    for m in meta {
        lines.extend(wrap_str(m, w).into_iter().map(WLine::Meta));
    }
    for warning in warnings {
        let text = format!("⚠ {}", crate::text::sanitize::clean_line(warning));
        lines.extend(wrap_str(&text, w).into_iter().map(WLine::Warning));
    }
    let mut line_starts: Vec<(usize, usize)> = Vec::new(); // (byte, line)
    for para in segment::paragraphs(body) {
        lines.push(WLine::Blank);
        for (start, end) in wrap_range(body, para, w) {
            line_starts.push((start, lines.len()));
            lines.push(WLine::Body { start, end });
        }
    }
    let line_of = |byte: usize| {
        let i = line_starts.partition_point(|&(b, _)| b <= byte);
        line_starts
            .get(i.saturating_sub(1))
            .map_or(lines.len().saturating_sub(1), |&(_, l)| l)
    };
    let sentence_line = sentences.iter().map(|s| line_of(s.start)).collect();
    let sentence_end = sentences
        .iter()
        .map(|s| line_of(s.end.saturating_sub(1).max(s.start)))
        .collect();
    Wrapped {
        width,
        lines,
        sentence_line,
        sentence_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_within_width() {
        let t = "one two three four five";
        let lines: Vec<&str> = wrap_range(t, 0..t.len(), 9)
            .into_iter()
            .map(|(s, e)| &t[s..e])
            .collect();
        assert_eq!(lines, ["one two", "three", "four five"]);
    }

    #[test]
    fn cuts_words_longer_than_a_line() {
        let t = "abcdefghij x";
        let lines: Vec<&str> = wrap_range(t, 0..t.len(), 4)
            .into_iter()
            .map(|(s, e)| &t[s..e])
            .collect();
        assert_eq!(lines, ["abcd", "efgh", "ij x"]);
    }

    #[test]
    fn wide_characters_count_double() {
        let t = "日本語 日本";
        let lines: Vec<&str> = wrap_range(t, 0..t.len(), 6)
            .into_iter()
            .map(|(s, e)| &t[s..e])
            .collect();
        assert_eq!(lines, ["日本語", "日本"]);
        assert!(lines.iter().all(|l| str_width(l) <= 6));
    }

    #[test]
    fn sentences_know_their_line() {
        let body = "First one here. Second one.\n\nNext paragraph.";
        let sentences = segment::split(body);
        let w = wrap_article("T", &[], body, &sentences, 16);
        assert_eq!(sentences.len(), 3);
        // title, blank, "First one here.", "Second one.", blank, "Next paragraph."
        assert_eq!(w.sentence_line, vec![2, 3, 5]);
        assert_eq!(w.sentence_end, vec![2, 3, 5]);
        assert_eq!(w.sentence_at_line(4), 1);
    }

    #[test]
    fn a_sentence_knows_its_last_line_when_the_next_starts_on_it() {
        // "Second sentence runs on." wraps over two lines, and the third
        // sentence starts on the second of them
        let body = "One. Second sentence runs on. Three.";
        let sentences = segment::split(body);
        assert_eq!(sentences.len(), 3);
        let w = wrap_article("T", &[], body, &sentences, 20);
        // title, blank, "One. Second sentence", "runs on. Three."
        assert_eq!(w.sentence_line, vec![2, 2, 3]);
        assert_eq!(w.sentence_end, vec![2, 3, 3]);
        assert_eq!(w.sentence_lines(1), Some((2, 3)));
        assert_eq!(w.sentence_lines(3), None);
    }

    #[test]
    fn warnings_come_before_the_body_and_shift_sentences() {
        let body = "First one here. Second one.";
        let sentences = segment::split(body);
        let warnings = ["not UTF-8: decoded as Windows-1252".to_string()];
        let w = wrap_article_warned("T", &[], &warnings, body, &sentences, 80);
        assert_eq!(
            w.lines[1],
            WLine::Warning("⚠ not UTF-8: decoded as Windows-1252".into())
        );
        // title, warning, blank, body
        assert_eq!(w.sentence_line, vec![3, 3]);
    }
}
