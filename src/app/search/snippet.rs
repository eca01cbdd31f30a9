//! A one-line excerpt of a match's sentence for the results list, cut to
//! a width with the match kept in view.

use super::Match;
use crate::analysis::segment::Sentence;
use crate::analysis::Analysis;
use crate::corpus::Corpus;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

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
