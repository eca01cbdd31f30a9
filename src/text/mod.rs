//! The text floor every other module stands on: sanitising what files say
//! before it reaches a terminal, folding white space for one-line display,
//! and line/column positions of byte offsets for error messages.
//!
//! It imports nothing from the crate, so `corpus`, `config`, `error`,
//! `analysis` and the reader all depend downward on it.

pub mod sanitize;

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `s` cut to at most `width` terminal columns, with "…" when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` with runs of white space folded to single spaces and none at the
/// ends, as `split_whitespace` and `join(" ")` would make it, borrowed when
/// it already is (nearly every sentence): the check is one pass over the
/// bytes, as it runs over the whole corpus on every export.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if is_one_line(text) {
        Cow::Borrowed(text)
    } else {
        let mut out = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        Cow::Owned(out)
    }
}

fn is_one_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ')
        || bytes.last() == Some(&b' ')
        // the ASCII characters `char::is_whitespace` accepts, but the space
        || memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_some()
        || memchr::memchr2(0x0b, 0x0c, bytes).is_some()
        || memchr::memmem::find(bytes, b"  ").is_some()
    {
        return false;
    }
    // Unicode's other white space (no-break space, line separator, ...)
    // starts with one of these bytes, which only ever start a character
    !memchr::memchr3_iter(0xc2, 0xe1, 0xe2, bytes)
        .chain(memchr::memchr_iter(0xe3, bytes))
        .any(|i| text[i..].chars().next().is_some_and(char::is_whitespace))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Line starts of a text, for many line/column look-ups in one pass (one
/// [`line_col`] per key would be quadratic on a front matter of many keys).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, starts }
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        // `starts[0]` is 0 and never above `offset`, so `line` is at least 1
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_cuts_by_columns_and_marks_the_cut() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("exactly", 7), "exactly");
        assert_eq!(truncate("a longer line", 6), "a lon…");
        // wide characters take two columns each
        assert_eq!(truncate("日本語の文", 5), "日本…");
        assert_eq!(truncate("anything", 0), "");
    }

    #[test]
    fn one_line_borrows_exactly_when_folding_changes_nothing() {
        let cases = [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\nb",
            "a\r\nb",
            "a\u{a0}b",
            "a\u{2028}b",
            "a\u{3000}b",
            "caf\u{e9} \u{2019}quoted\u{2019} \u{65e5}\u{672c}",
            "\u{e9} \u{85}x",
            "x \u{2003} y",
            "x\u{1680}y",
            "x\u{205f}y \u{202f}",
            "\u{2019}x\u{2019} \u{3001}",
            "  a \n\t b  c ",
        ];
        for case in cases {
            let folded = case.split_whitespace().collect::<Vec<_>>().join(" ");
            let got = one_line(case);
            assert_eq!(got, folded, "{case:?}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), folded == case, "{case:?}");
        }
    }

    #[test]
    fn line_col_counts_lines_and_characters() {
        let text = "ab\nçd\n\nx";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // 'd' is the second character of line 2, three bytes in
        assert_eq!(line_col(text, 5), (2, 2));
        // inside a character: the column of that character
        assert_eq!(line_col(text, 4), (2, 1));
        assert_eq!(line_col(text, 8), (4, 1));
        assert_eq!(line_col(text, 1000), (4, 2));
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(index.line_col(offset), line_col(text, offset), "{offset}");
        }
    }
}
