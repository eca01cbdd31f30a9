//! Copying with a citation: what `y` and `Y` put on the clipboard, and the
//! OSC 52 escape sequence that puts it there. OSC 52 asks the terminal to set
//! the system clipboard, so copying works over SSH and inside tmux, with no
//! clipboard daemon and no dependency.
//!
//! The sequence is always plain OSC 52, never wrapped in tmux's passthrough
//! (`ESC P tmux; …`): tmux drops passthrough unless `allow-passthrough` is
//! on, while with `set-clipboard on` (or `external`, its default when the
//! outer terminal can) it takes a plain OSC 52 into its buffer and passes
//! it on. No terminal answers that it copied, so the status line says what
//! is known (see [`Relay`]).

use crate::corpus::Meta;
use crate::text::sanitize::clean_text;
use base64::Engine;

/// The largest base64 payload sent: terminals drop or truncate longer OSC 52
/// sequences (hterm stops at about 100 kB, tmux's default buffer is similar).
pub const MAX_OSC52_PAYLOAD: usize = 100_000;

/// Why a text could not be sent to the clipboard.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClipboardError {
    /// The text is too long for terminals to accept.
    #[error("{bytes} bytes is too long to copy through the terminal (at most {max})")]
    TooLong {
        /// Size of the encoded text.
        bytes: usize,
        /// The limit, [`MAX_OSC52_PAYLOAD`].
        max: usize,
    },
}

/// A sentence quoted with its source: `“…” — Author, Source, 2016-05-17`.
///
/// Whitespace runs are folded; double quotes inside become single ones, as
/// quotes within quotes are written. Missing parts are left out; when both
/// author and source are unknown the article's title stands in for them.
pub fn quote_sentence(sentence: &str, meta: &Meta) -> String {
    let text = nest_quotes(&fold_whitespace(sentence));
    let attribution = attribution(meta);
    if attribution.is_empty() {
        format!("“{text}”")
    } else {
        format!("“{text}” — {attribution}")
    }
}

/// The two ends of a cross-reference, each quoted with its source, one per
/// line.
pub fn quote_pair(a: &str, a_meta: &Meta, b: &str, b_meta: &Meta) -> String {
    format!(
        "{}\n{}",
        quote_sentence(a, a_meta),
        quote_sentence(b, b_meta)
    )
}

/// The article's citation: `Author, “Title”, Source, 2016-05-17, url`, with
/// missing parts left out.
pub fn cite_article(meta: &Meta) -> String {
    let title = fold_whitespace(&meta.title);
    let parts = [
        meta.author.as_deref().map(fold_whitespace),
        (!title.is_empty()).then(|| format!("“{}”", nest_quotes(&title))),
        meta.source.as_deref().map(fold_whitespace),
        meta.published.map(|d| d.to_string()),
        meta.url.as_deref().map(fold_whitespace),
    ];
    join_present(parts)
}

/// "Author, Source, date", or "“Title”, date" when neither author nor
/// source is known.
fn attribution(meta: &Meta) -> String {
    let author = meta.author.as_deref().map(fold_whitespace);
    let source = meta.source.as_deref().map(fold_whitespace);
    let title = fold_whitespace(&meta.title);
    let title = (author.as_deref().unwrap_or("").is_empty()
        && source.as_deref().unwrap_or("").is_empty()
        && !title.is_empty())
    .then(|| format!("“{}”", nest_quotes(&title)));
    join_present([author, source, title, meta.published.map(|d| d.to_string())])
}

fn join_present<const N: usize>(parts: [Option<String>; N]) -> String {
    parts
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn fold_whitespace(s: &str) -> String {
    crate::text::one_line(s).into_owned()
}

/// Double quotes inside a quotation become single quotes: curly ones keep
/// their direction, a straight one opens after a space or an opening
/// bracket and closes otherwise.
fn nest_quotes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let nested = match c {
            '“' | '„' => '‘',
            '”' => '’',
            '"' => {
                if prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p)) {
                    '‘'
                } else {
                    '’'
                }
            }
            c => c,
        };
        out.push(nested);
        prev = Some(c);
    }
    out
}

/// What stands between the reader and the terminal that owns the
/// clipboard, as the environment tells, and so what can be said of a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relay {
    /// The terminal itself.
    Terminal,
    /// tmux (`$TMUX`): it copies only with its `set-clipboard` option on.
    Tmux,
    /// GNU screen (`$STY`): it does not pass OSC 52 on.
    Screen,
}

impl Relay {
    /// The relay of this process's environment.
    pub fn from_env() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        if set("TMUX") {
            Relay::Tmux
        } else if set("STY") {
            Relay::Screen
        } else {
            Relay::Terminal
        }
    }

    /// What the status line says after sending `what` (already shortened),
    /// what cannot be confirmed first, so that a cut line keeps it.
    pub fn copied(self, what: &str) -> String {
        match self {
            Relay::Terminal => format!("copied {what}"),
            Relay::Tmux => format!(
                "copied through tmux, not confirmed (needs `set -g set-clipboard on`): {what}"
            ),
            Relay::Screen => format!(
                "copied through GNU screen, not confirmed (screen passes no copy on): {what}"
            ),
        }
    }
}

/// The OSC 52 sequence that sets the clipboard to `text`:
/// `ESC ] 52 ; c ; <base64> BEL`, plain (tmux with `set-clipboard on`
/// takes it as it is; see the module's documentation).
///
/// The text is sanitised first — escape sequences and control characters
/// other than newlines are removed, tabs become spaces — so that pasting it
/// cannot drive a terminal or a shell.
pub fn osc52(text: &str) -> Result<String, ClipboardError> {
    let (clean, _) = clean_text(text);
    let payload = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    if payload.len() > MAX_OSC52_PAYLOAD {
        return Err(ClipboardError::TooLong {
            bytes: payload.len(),
            max: MAX_OSC52_PAYLOAD,
        });
    }
    Ok(format!("\x1b]52;c;{payload}\x07"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::PartialDate;

    fn meta(author: Option<&str>, source: Option<&str>, date: Option<&str>) -> Meta {
        Meta {
            title: "From Russia with unrequited love".into(),
            author: author.map(Into::into),
            source: source.map(Into::into),
            published: date.and_then(PartialDate::parse),
            url: None,
            ..Meta::default()
        }
    }

    fn decode(seq: &str) -> String {
        let payload = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap();
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(payload)
                .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn a_sentence_with_everything() {
        let m = meta(
            Some("Brahma Chellaney"),
            Some("Irish Examiner"),
            Some("2016-05-17"),
        );
        assert_eq!(
            quote_sentence("Abe has courted Putin.", &m),
            "“Abe has courted Putin.” — Brahma Chellaney, Irish Examiner, 2016-05-17"
        );
    }

    #[test]
    fn missing_parts_are_left_out() {
        let m = meta(None, Some("Irish Examiner"), Some("2016-12"));
        assert_eq!(
            quote_sentence("Text.", &m),
            "“Text.” — Irish Examiner, 2016-12"
        );
        let m = meta(Some("A. Writer"), None, None);
        assert_eq!(quote_sentence("Text.", &m), "“Text.” — A. Writer");
        // neither author nor source: the title says where it is from
        let m = meta(None, None, Some("2016-09"));
        assert_eq!(
            quote_sentence("Text.", &m),
            "“Text.” — “From Russia with unrequited love”, 2016-09"
        );
        let bare = Meta::default();
        assert_eq!(quote_sentence("Text.", &bare), "“Text.”");
        // blank values count as missing
        let m = meta(Some("  "), Some("Paper"), None);
        assert_eq!(quote_sentence("Text.", &m), "“Text.” — Paper");
    }

    #[test]
    fn whitespace_is_folded() {
        let m = meta(Some("A  B"), None, None);
        assert_eq!(
            quote_sentence("  one\n  two\tthree  ", &m),
            "“one two three” — A B"
        );
    }

    #[test]
    fn quotes_inside_become_single_quotes() {
        let m = Meta::default();
        assert_eq!(
            quote_sentence("He called it “an anomaly” twice.", &m),
            "“He called it ‘an anomaly’ twice.”"
        );
        assert_eq!(
            quote_sentence("He said \"no\" and (\"never\").", &m),
            "“He said ‘no’ and (‘never’).”"
        );
        assert_eq!(
            quote_sentence("\"Yes,\" she said.", &m),
            "“‘Yes,’ she said.”"
        );
    }

    #[test]
    fn a_pair_is_two_quoted_lines() {
        let a = meta(Some("A"), Some("X"), Some("2016-01-02"));
        let b = meta(None, Some("Y"), None);
        assert_eq!(
            quote_pair("One.", &a, "Two.", &b),
            "“One.” — A, X, 2016-01-02\n“Two.” — Y"
        );
    }

    #[test]
    fn article_citation() {
        let mut m = meta(
            Some("Brahma Chellaney"),
            Some("Irish Examiner"),
            Some("2016-12"),
        );
        m.url = Some("https://example.org/a".into());
        assert_eq!(
            cite_article(&m),
            "Brahma Chellaney, “From Russia with unrequited love”, Irish Examiner, 2016-12, https://example.org/a"
        );
        let m = Meta {
            title: "Abe's \"gamble\"".into(),
            ..Meta::default()
        };
        assert_eq!(cite_article(&m), "“Abe's ‘gamble’”");
        assert_eq!(cite_article(&Meta::default()), "");
    }

    #[test]
    fn osc52_encodes_the_text() {
        let seq = osc52("“quote” — A, B").unwrap();
        assert!(seq.starts_with("\x1b]52;c;"));
        assert!(seq.ends_with('\x07'));
        assert_eq!(decode(&seq), "“quote” — A, B");
        // nothing between the introducer and BEL is a control character
        let inner = &seq[1..seq.len() - 1];
        assert!(!inner.chars().any(char::is_control));
    }

    #[test]
    fn osc52_sanitises_the_text_first() {
        let seq = osc52("a\x1b]0;evil\x07b\x07c\u{9b}31md\ne\tf\r\ng").unwrap();
        assert_eq!(decode(&seq), "abcd\ne f\ng");
    }

    #[test]
    fn osc52_is_plain_inside_tmux_too() {
        // no passthrough wrapper, which tmux drops by default: exactly
        // ESC ] 52 ; c ; <base64> BEL
        let seq = osc52("hello").unwrap();
        assert_eq!(seq, "\x1b]52;c;aGVsbG8=\x07");
        assert!(!seq.contains("\x1bP"));
    }

    #[test]
    fn the_status_says_when_a_copy_cannot_be_confirmed() {
        assert_eq!(Relay::Terminal.copied("“x”"), "copied “x”");
        let tmux = Relay::Tmux.copied("“x”");
        assert!(
            tmux.starts_with("copied through tmux, not confirmed"),
            "{tmux}"
        );
        assert!(tmux.contains("set-clipboard on") && tmux.ends_with("“x”"));
        assert!(Relay::Screen.copied("“x”").contains("not confirmed"));
    }

    #[test]
    fn osc52_refuses_what_terminals_would_drop() {
        let big = "x".repeat(MAX_OSC52_PAYLOAD);
        assert!(matches!(osc52(&big), Err(ClipboardError::TooLong { .. })));
        let fits = "x".repeat(MAX_OSC52_PAYLOAD / 4 * 3);
        assert!(osc52(&fits).is_ok());
    }
}
