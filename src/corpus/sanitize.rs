//! Text from the web is hostile: it can carry escape sequences that would
//! take over the terminal's title, clipboard or colours. Every string that
//! reaches the screen passes through here once, at load.

use std::borrow::Cow;

/// What sanitising changed, so the reader can say so.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// Escape sequences (CSI, OSC, DCS, …) removed.
    pub escapes: usize,
    /// Other control or invisible formatting characters removed.
    pub controls: usize,
}

impl Report {
    /// Whether anything was removed.
    pub fn is_clean(&self) -> bool {
        self.escapes == 0 && self.controls == 0
    }
}

/// Whether a character must never reach the terminal from article text.
/// Newlines are kept by [`clean_text`]; everything else here is dropped.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            // bidirectional embeddings, overrides and isolates
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            // zero-width characters that would split words invisibly, and the BOM
            | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
            // line and paragraph separators, which terminals do not render
            | '\u{2028}' | '\u{2029}')
}

/// Cleans article text: CRLF and CR become LF, tabs become a space, escape
/// sequences and unsafe characters are removed. Newlines are kept.
pub fn clean_text(s: &str) -> (Cow<'_, str>, Report) {
    clean(s, true)
}

/// Cleans a single-line value (a title, a file name, a config string): as
/// [`clean_text`], and newlines become spaces.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    clean(s, false).0
}

fn clean(s: &str, keep_newlines: bool) -> (Cow<'_, str>, Report) {
    let mut report = Report::default();
    if !s
        .chars()
        .any(|c| is_unsafe(c) && !(keep_newlines && c == '\n'))
    {
        return (Cow::Borrowed(s), report);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\r' if keep_newlines => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{1b}' => {
                report.escapes += 1;
                skip_escape(&mut chars);
            }
            // C1 introducers of the same sequences: CSI, OSC, DCS, SOS, PM, APC
            '\u{9b}' => {
                report.escapes += 1;
                skip_csi(&mut chars);
            }
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                report.escapes += 1;
                skip_string(&mut chars);
            }
            c if is_unsafe(c) => report.controls += 1,
            c => out.push(c),
        }
    }
    (Cow::Owned(out), report)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC: a CSI, a string sequence (OSC, DCS, SOS, PM,
/// APC) up to its terminator, or a two-character escape.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        Some(c) if ('\u{20}'..='\u{2f}').contains(c) => {
            // intermediates then one final byte (e.g. ESC ( B)
            while chars
                .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
        }
        Some(c) if ('\u{30}'..='\u{7e}').contains(c) => {
            chars.next();
        }
        _ => {}
    }
}

fn skip_csi(chars: &mut Chars<'_>) {
    // parameters and intermediates, then one final byte in @..~
    while chars
        .next_if(|c| ('\u{20}'..='\u{3f}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
}

fn skip_string(chars: &mut Chars<'_>) {
    // up to BEL, ST (ESC \) or C1 ST; a newline also ends it so a broken
    // sequence cannot swallow the rest of an article
    while let Some(c) = chars.peek().copied() {
        match c {
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            '\n' => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        clean_text(s).0.into_owned()
    }

    #[test]
    fn clean_text_is_borrowed_untouched() {
        assert!(matches!(
            clean_text("Plain text.\nSecond line.").0,
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn removes_csi_osc_dcs_and_bare_controls() {
        assert_eq!(text("a\x1b[31mred\x1b[0m b"), "ared b");
        assert_eq!(text("x\x1b]0;evil title\x07y"), "xy");
        assert_eq!(text("x\x1b]52;c;aGVsbG8=\x1b\\y"), "xy");
        assert_eq!(text("x\x1bPq#0;2;0;0;0\x1b\\y"), "xy");
        assert_eq!(text("bell\x07 null\0 del\x7f"), "bell null del");
        assert_eq!(text("c1\u{9b}31mx \u{9d}0;t\u{9c}y"), "c1x y");
    }

    #[test]
    fn line_endings_tabs_and_invisible_characters() {
        assert_eq!(text("a\r\nb\rc\td"), "a\nb\nc d");
        assert_eq!(text("ab\u{202E}cd\u{2066}e\u{200B}f\u{FEFF}"), "abcdef");
        let (_, report) = clean_text("\x1b[1m\u{202E}");
        assert_eq!(
            report,
            Report {
                escapes: 1,
                controls: 1
            }
        );
    }

    #[test]
    fn clean_line_folds_newlines() {
        assert_eq!(clean_line("a\nb\x1b[2Jc"), "a bc");
    }

    #[test]
    fn unterminated_osc_stops_at_newline() {
        assert_eq!(text("a\x1b]0;never ends\nnext line"), "a\nnext line");
    }
}
