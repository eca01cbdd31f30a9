//! The tokens of a sentence as claim features see them: words (hyphens and
//! apostrophes inside kept), numbers with their separators, and currency
//! and percent signs. A hand-written scanner finds, for ASCII text, exactly
//! what the token pattern finds; the pattern decides the rest.

use regex::Regex;
use std::sync::LazyLock;

/// A token of a sentence: a word, a number or a currency/percent sign. A
/// constant pattern, which the tests prove compiles (without it, text from
/// a non-ASCII character on would hold no token).
static TOKEN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"US\$|[$€£¥%]|[0-9]+(?:[.,][0-9]+)*|[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*").ok()
});

/// The first token [`TOKEN`] finds in `text` from byte `at`.
fn find_at(text: &str, at: usize) -> Option<regex::Match<'_>> {
    TOKEN.as_ref()?.find_at(text, at)
}

/// A token of a sentence, as claim features see it.
#[derive(Debug, Clone)]
pub(super) struct Token<'a> {
    /// The text as written.
    pub(super) raw: &'a str,
    /// Lower case, possessive removed.
    pub(super) lower: String,
    /// Byte offset in the sentence.
    pub(super) start: usize,
    /// Byte offset after it.
    pub(super) end: usize,
    /// Whether it starts with a capital letter.
    pub(super) capital: bool,
}

/// A token in lower case, its possessive removed ("Japan's" is "japan").
pub(super) fn lower_token(raw: &str) -> String {
    let mut lower = raw.to_lowercase();
    for suffix in ["'s", "’s"] {
        if lower.len() > suffix.len() + 1 && lower.ends_with(suffix) {
            lower.truncate(lower.len() - suffix.len());
        }
    }
    lower
}

pub(super) fn tokens(text: &str) -> Vec<Token<'_>> {
    token_spans(text)
        .map(|(start, end)| {
            let raw = &text[start..end];
            Token {
                raw,
                lower: lower_token(raw),
                start,
                end,
                capital: raw.chars().next().is_some_and(char::is_uppercase),
            }
        })
        .collect()
}

/// The byte spans [`TOKEN`] finds in `text`, the same ones: ASCII, most of
/// news text, is scanned by hand, and from anything else on to the end of
/// its token the regex decides.
pub(super) fn token_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        // Skip what starts no token; hand a non-ASCII character to the regex.
        while pos < b.len() {
            let c = b[pos];
            if c >= 0x80 {
                let m = find_at(text, pos);
                pos = m.map_or(b.len(), |m| m.end());
                return m.map(|m| (m.start(), m.end()));
            }
            if c.is_ascii_alphanumeric() || c == b'$' || c == b'%' {
                break;
            }
            pos += 1;
        }
        if pos >= b.len() {
            return None;
        }
        let start = pos;
        let alnum_run = |mut i: usize| {
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            i
        };
        let end = if b[start..].starts_with(b"US$") {
            Some(start + 3)
        } else if b[start] == b'$' || b[start] == b'%' {
            Some(start + 1)
        } else if b[start].is_ascii_digit() {
            // [0-9]+(?:[.,][0-9]+)*
            let mut i = start;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            while i + 1 < b.len() && matches!(b[i], b'.' | b',') && b[i + 1].is_ascii_digit() {
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
            Some(i)
        } else {
            // [\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*, while it stays ASCII.
            let mut i = alnum_run(start);
            loop {
                match b.get(i) {
                    Some(b'\'' | b'-') => match b.get(i + 1) {
                        Some(n) if n.is_ascii_alphanumeric() => i = alnum_run(i + 1),
                        Some(n) if *n >= 0x80 => break None,
                        _ => break Some(i),
                    },
                    Some(c) if *c >= 0x80 => break None,
                    _ => break Some(i),
                }
            }
        };
        if let Some(end) = end {
            pos = end;
            Some((start, end))
        } else {
            let m = find_at(text, start);
            pos = m.map_or(b.len(), |m| m.end());
            m.map(|m| (m.start(), m.end()))
        }
    })
}

/// Whether only spaces (or a hyphen) separate two tokens: no punctuation
/// breaks the phrase between them.
pub(super) fn adjacent(text: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    text.get(a.end..b.start)
        .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || c == '-'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_regex(text: &str) -> Vec<(usize, usize)> {
        TOKEN
            .iter()
            .flat_map(|re| re.find_iter(text))
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    #[test]
    fn the_token_pattern_compiles() {
        assert!(TOKEN.is_some());
    }

    #[test]
    fn the_token_scanner_finds_what_the_pattern_finds() {
        for text in [
            "Japan’s US$2.5bn deal, 1,000.5 tonnes and 0.8% in G-7 talks.",
            "Abe-Putin rock-'n'-roll co‐operation: U.S. $5 and €3 or ¥4; 7th-floor",
            "naïve café Zürich — “quoted” 12,a 3. 4.5.6 US US$ $ %",
            "don't it's -dash trailing- 'quote' x'",
            "",
        ] {
            assert_eq!(
                token_spans(text).collect::<Vec<_>>(),
                by_regex(text),
                "{text:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn the_token_scanner_agrees_with_the_pattern_on_any_text(
            text in "([a-zA-Z0-9 .,'$%U\\-]|’|‐|€|é|ß|\\u{301}|—|\\PC){0,40}"
        ) {
            prop_assert_eq!(token_spans(&text).collect::<Vec<_>>(), by_regex(&text));
        }
    }
}
