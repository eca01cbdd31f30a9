//! Paragraphs and sentences as byte spans into an article body.
//!
//! Rules, not a model: a sentence ends at `.`, `!` or `?` (with any closing
//! quotes or brackets) followed by white space and a plausible sentence start,
//! except after abbreviations, initials and dotted acronyms. Decimals never
//! break, since no white space follows their point.

use super::lexicon::{self, WordSet};
use std::ops::Range;
use std::sync::LazyLock;

/// A sentence: its byte span in the body and the paragraph it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Index of its paragraph.
    pub paragraph: usize,
}

impl Sentence {
    /// The span as a range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The sentence's text in `body`.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.range()]
    }
}

/// Words after which a period does not end a sentence
/// (`data/lexicon/abbreviations.txt`; the month abbreviations count too).
static ABBREVIATIONS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&lexicon::ABBREVIATIONS));

/// Abbreviations that never end a sentence, whatever follows
/// (`data/lexicon/abbreviations_nonfinal.txt`).
static NONFINAL: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::of(&lexicon::ABBREVIATIONS_NONFINAL));

/// Words that start a sentence often enough that a dotted acronym before
/// them ("… in the U.S. The next …") does end the sentence
/// (`data/lexicon/sentence_starters.txt`).
static SENTENCE_STARTERS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::of(&lexicon::SENTENCE_STARTERS));

/// Splits a body into paragraphs (blank-line separated blocks; a Markdown
/// heading line is a paragraph of its own) and each paragraph into sentences.
pub fn split(body: &str) -> Vec<Sentence> {
    // News sentences run 100-150 bytes: reserve a little under that, so the
    // vector grows at most once instead of a dozen times.
    let mut out = Vec::with_capacity(body.len() / 160 + 1);
    for (paragraph, block) in paragraphs(body).into_iter().enumerate() {
        split_block(body, block, paragraph, &mut out);
    }
    out
}

/// Byte spans of the paragraphs of a body, trimmed.
pub fn paragraphs(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let is_heading = content.starts_with('#');
        if is_heading {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        }
        let cs = line_start + lead;
        let ce = cs + content.len();
        if start.is_none() {
            start = Some(cs);
        }
        end = ce;
        if is_heading {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        }
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

fn split_block(body: &str, block: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let text = &body[block.clone()];
    let bytes = text.as_bytes();
    let mut sent_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !matches!(b, b'.' | b'!' | b'?') {
            i += 1;
            continue;
        }
        // take the whole run of terminators and closing marks
        let mut j = i + 1;
        while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
            j += 1;
        }
        let mut end = j;
        loop {
            let rest = &text[end..];
            let Some(c) = rest.chars().next() else { break };
            if matches!(
                c,
                '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '\u{BB}'
            ) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let ws = rest.len() - rest.trim_start().len();
        if ws == 0 || end + ws >= text.len() {
            i = end.max(i + 1);
            continue;
        }
        let next = &rest[ws..];
        if b == b'.' && !ends_sentence(&text[sent_start..i], next) {
            i = end;
            continue;
        }
        if !starts_sentence(next) {
            i = end;
            continue;
        }
        push(out, block.start + sent_start, block.start + end, paragraph);
        sent_start = end + ws;
        i = sent_start;
    }
    push(out, block.start + sent_start, block.end, paragraph);
}

fn push(out: &mut Vec<Sentence>, start: usize, end: usize, paragraph: usize) {
    if end > start {
        out.push(Sentence {
            start,
            end,
            paragraph,
        });
    }
}

/// Whether the next text can begin a sentence: a capital, a digit, or an
/// opening quote or bracket.
fn starts_sentence(next: &str) -> bool {
    next.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                '"' | '\'' | '(' | '[' | '\u{201C}' | '\u{2018}' | '*' | '-' | '\u{2014}'
            )
    })
}

/// Whether a period after `before` ends the sentence, given what follows.
fn ends_sentence(before: &str, next: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201C}')
        .next()
        .unwrap_or("");
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let next_word: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
    // initials: "K. V. Kesavan", "J. Smith"
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false;
    }
    // dotted acronyms: "U.S.", "U.K." end a sentence only before a common starter
    let dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2);
    if dotted {
        return SENTENCE_STARTERS.contains(&next_word);
    }
    if ABBREVIATIONS.contains(&lower) || lexicon::is_month_abbreviation(&lower) {
        // "Jan." or "No." before a number, "Mr." before a name: never a break;
        // month abbreviations at a sentence end before a starter are one
        return SENTENCE_STARTERS.contains(&next_word) && !NONFINAL.contains(&lower);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(body: &str) -> Vec<&str> {
        split(body).iter().map(|s| s.text(body)).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sentences("One thing. Another thing! A third? Yes."),
            ["One thing.", "Another thing!", "A third?", "Yes."]
        );
    }

    #[test]
    fn keeps_us_and_uk_together() {
        assert_eq!(
            sentences("The U.S. ambassador met U.K. officials. They talked."),
            ["The U.S. ambassador met U.K. officials.", "They talked."]
        );
        assert_eq!(
            sentences("He flew to the U.S. The talks began."),
            ["He flew to the U.S.", "The talks began."]
        );
    }

    #[test]
    fn keeps_titles_with_names() {
        assert_eq!(
            sentences("Mr. Smith met Dr. Jones. Then they left."),
            ["Mr. Smith met Dr. Jones.", "Then they left."]
        );
    }

    #[test]
    fn keeps_initials_with_names() {
        assert_eq!(
            sentences("Written by K. V. Kesavan. It is long."),
            ["Written by K. V. Kesavan.", "It is long."]
        );
    }

    #[test]
    fn keeps_decimals() {
        assert_eq!(
            sentences("Growth was 0.8% and the deal was $2.5bn. Prices fell."),
            ["Growth was 0.8% and the deal was $2.5bn.", "Prices fell."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("He said \u{201C}it is over.\u{201D} Then he left. \"Why?\" she asked. \"Because.\" It ended."),
            ["He said \u{201C}it is over.\u{201D}", "Then he left.", "\"Why?\" she asked.", "\"Because.\"", "It ended."]
        );
    }

    #[test]
    fn question_inside_quote_before_lowercase_does_not_break() {
        assert_eq!(
            sentences("\u{201C}Will it work?\u{201D} he asked."),
            ["\u{201C}Will it work?\u{201D} he asked."]
        );
    }

    #[test]
    fn paragraphs_and_headings() {
        let body = "# Heading\nFirst para line one\nline two.\n\nSecond para. Two sentences.\n";
        let s = split(body);
        let texts: Vec<_> = s.iter().map(|x| (x.paragraph, x.text(body))).collect();
        assert_eq!(
            texts,
            [
                (0, "# Heading"),
                (1, "First para line one\nline two."),
                (2, "Second para."),
                (2, "Two sentences.")
            ]
        );
    }

    #[test]
    fn spans_are_on_char_boundaries_and_ordered() {
        let body = "Été à Paris… Oui. «Non.» Ça va? Über.";
        let s = split(body);
        let mut last = 0;
        for x in &s {
            assert!(body.is_char_boundary(x.start) && body.is_char_boundary(x.end));
            assert!(x.start >= last && x.end > x.start);
            last = x.end;
        }
    }
}
