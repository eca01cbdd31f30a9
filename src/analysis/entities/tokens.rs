//! The entity stage's tokenizer: the words of a body, sentence by
//! sentence, with what the name rules need to know of each — where a
//! possessive was cut off, whether it opens a sentence or a quotation
//! (where capitals prove nothing), whether it belongs to a heading line.
//!
//! It differs from the link stage's tokenizer (`links::features::tokens`) on
//! purpose: it keeps the dots of initials and title abbreviations, cuts
//! "Delhi-based" after its capitalised head, and knows sentences; that one
//! reads numbers and currency signs.

use super::lexicon as lx;
use crate::analysis::segment::Sentence;

/// One word of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character (a possessive `'s` excluded).
    pub end: usize,
    /// Index of its sentence.
    pub sentence: usize,
    /// Followed by a possessive `'s`.
    pub possessive: bool,
    /// Opens a sentence, a quotation or a heading line, where capitals
    /// prove nothing.
    pub initial: bool,
    /// Belongs to a heading line, where every word is capitalised.
    pub heading: bool,
}

/// Splits a body into word tokens, sentence by sentence.
pub fn tokenize(body: &str, sentences: &[Sentence]) -> Vec<Token> {
    let mut out = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let Some(text) = body.get(s.start..s.end) else {
            continue;
        };
        let heading = is_heading(text);
        let mut opener = true;
        let mut i = 0;
        while i < text.len() {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            if !c.is_alphanumeric() {
                if matches!(c, '“' | '‘' | '"' | ':' | '«') {
                    opener = true;
                }
                i += c.len_utf8();
                continue;
            }
            let mut j = i + c.len_utf8();
            loop {
                let mut rest = text[j..].chars();
                match rest.next() {
                    Some(d) if d.is_alphanumeric() => j += d.len_utf8(),
                    Some(d @ ('\'' | '’' | '-' | '–' | '.' | '&')) => match rest.next() {
                        Some(e) if e.is_alphanumeric() => j += d.len_utf8() + e.len_utf8(),
                        _ => break,
                    },
                    _ => break,
                }
            }
            let mut word_end = j;
            let word = &text[i..j];
            if text[j..].starts_with('.') && keeps_dot(word) {
                word_end = j + 1;
            }
            let mut possessive = false;
            let mut end = word_end;
            for suffix in ["'s", "’s", "'S", "’S"] {
                if text[i..end].ends_with(suffix) && end - suffix.len() > i {
                    end -= suffix.len();
                    possessive = true;
                    break;
                }
            }
            if !possessive && word.ends_with('s') && text[j..].starts_with(['\'', '’']) {
                possessive = true;
            }
            // "Delhi-based", "US-led": the name is the capitalised head.
            let mut cut = None;
            if c.is_uppercase() {
                let mut pos = i;
                for part in text[i..end].split(['-', '–']) {
                    if pos > i && part.chars().next().is_some_and(char::is_lowercase) {
                        cut = Some(pos);
                        break;
                    }
                    pos += part.len()
                        + text[pos + part.len()..]
                            .chars()
                            .next()
                            .map_or(0, char::len_utf8);
                }
            }
            let initial = opener || heading;
            // "US$40 billion", "HK$": a currency, not a place.
            if text[end..].starts_with('$') {
                opener = false;
                i = word_end.max(j);
                continue;
            }
            match cut {
                Some(at) => {
                    let hyphen = text[..at].chars().next_back().map_or(1, char::len_utf8);
                    out.push(Token {
                        start: s.start + i,
                        end: s.start + at - hyphen,
                        sentence: si,
                        possessive: false,
                        initial,
                        heading,
                    });
                    out.push(Token {
                        start: s.start + at,
                        end: s.start + end,
                        sentence: si,
                        possessive,
                        initial: heading,
                        heading,
                    });
                }
                None => out.push(Token {
                    start: s.start + i,
                    end: s.start + end,
                    sentence: si,
                    possessive,
                    initial,
                    heading,
                }),
            }
            opener = false;
            i = word_end.max(j);
        }
    }
    out
}

/// A line with no closing punctuation and few words: a title or heading,
/// whose capitals prove nothing.
fn is_heading(text: &str) -> bool {
    let t = text.trim_end();
    let closed = t.ends_with(['.', '!', '?', '"', '”', '’', '\'', ')', ';', ':', ',']);
    if closed || t.split_whitespace().count() > 20 {
        return false;
    }
    // Title case: every word in lower case is a function word ("Markets
    // Rally After Vote", "Results of the Day"). A line in sentence case
    // ("Henman beat Flach 6-3") or a row of figures is no heading.
    let mut numbers = 0;
    for w in t.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(c) = w.chars().next() else { continue };
        if c.is_ascii_digit() {
            numbers += 1;
            // a time or a measure ("12.74", "4:08.22") ends a row of
            // results, not a heading
            if w.contains(['.', ':']) {
                return false;
            }
        } else if c.is_lowercase() && !lx::is_lower_function(w) {
            return false;
        }
    }
    numbers < 2
}

/// Keeps the dot of initials ("K."), dotted acronyms ("U.S.") and title
/// and company abbreviations ("Mr.", "Inc.": `abbreviations_keep_dot.txt`).
fn keeps_dot(word: &str) -> bool {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() == 1) {
        return true;
    }
    lx::keeps_dot(&word.to_lowercase())
}
