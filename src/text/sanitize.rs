//! Text from the web is hostile: it can carry escape sequences that would
//! take over the terminal's title, clipboard or colours, bidirectional
//! overrides that reorder what is shown, and invisible characters that split
//! words or break widths. Every string that reaches the screen passes through
//! here once, at load.

use std::borrow::Cow;

/// What sanitising changed, so the reader can say so.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// Escape sequences (CSI, OSC, DCS, SOS, PM, APC, …) removed.
    pub escapes: usize,
    /// Control characters and bidirectional controls removed.
    pub controls: usize,
    /// Invisible formatting characters removed (zero-width spaces, soft
    /// hyphens, stray BOMs, fillers): common in web text and harmless, so
    /// they are not worth a warning.
    pub invisible: usize,
}

impl Report {
    /// Whether nothing at all was removed.
    pub fn is_clean(&self) -> bool {
        self.escapes == 0 && self.controls == 0 && self.invisible == 0
    }

    /// "removed 2 escape sequences and 1 control character", naming only
    /// what was found; empty when nothing hostile was removed.
    pub fn describe(&self) -> String {
        let count = |n: usize, what: &str| match n {
            0 => None,
            1 => Some(format!("1 {what}")),
            n => Some(format!("{n} {what}s")),
        };
        let parts: Vec<String> = [
            count(self.escapes, "escape sequence"),
            count(self.controls, "control character"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("removed {}", parts.join(" and "))
        }
    }

    /// Whether something hostile (an escape sequence or a control character)
    /// was removed: worth telling the reader about.
    pub fn is_hostile(&self) -> bool {
        self.escapes > 0 || self.controls > 0
    }
}

/// Bidirectional embeddings, overrides, isolates and marks: they reorder
/// what the terminal shows ("Trojan Source").
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Invisible characters that would split words without a visible mark, or
/// that terminals and width tables disagree about. The zero-width joiner and
/// non-joiner stay: emoji sequences and several scripts need them, and
/// `unicode-width` measures them as zero.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}' | '\u{2060}'..='\u{2065}' | '\u{206A}'..='\u{206F}' | '\u{FEFF}' | '\u{00AD}'
        | '\u{180E}' | '\u{FFF9}'..='\u{FFFB}'
        // Hangul fillers: blank glyphs of non-zero width, used to fake empty names
        | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}')
}

/// Tag characters: only meaningful inside an emoji flag sequence (after
/// U+1F3F4); anywhere else they hide text.
fn is_tag(c: char) -> bool {
    ('\u{E0020}'..='\u{E007F}').contains(&c)
}

/// Whether a character must never reach the terminal from article text.
/// Newlines are kept by [`clean_text`]; everything else here is removed or
/// replaced. The output of [`clean_text`] holds none of these but `\n`, and
/// the output of [`clean_line`] none at all.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || is_bidi_control(c)
        || is_invisible(c)
        // line and paragraph separators, which terminals do not render
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Cleans article text: CRLF, CR, NEL, vertical tab, form feed and the line
/// separator become LF (the paragraph separator a blank line), tabs become a
/// space, escape sequences and unsafe characters are removed. Newlines are
/// kept.
pub fn clean_text(s: &str) -> (Cow<'_, str>, Report) {
    clean(s, true)
}

/// Cleans a single-line value (a title, a file name, a config string, a
/// message): as [`clean_text`], and every line break becomes a space.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    clean(s, false).0
}

/// As [`clean_line`], with what was removed.
pub fn clean_line_report(s: &str) -> (Cow<'_, str>, Report) {
    clean(s, false)
}

fn needs_work(c: char, keep_newlines: bool) -> bool {
    if c == '\n' {
        return !keep_newlines;
    }
    is_unsafe(c) || is_tag(c)
}

fn clean(s: &str, keep_newlines: bool) -> (Cow<'_, str>, Report) {
    let mut report = Report::default();
    let Some(first) = s.find(|c| needs_work(c, keep_newlines)) else {
        return (Cow::Borrowed(s), report);
    };
    let newline = if keep_newlines { "\n" } else { " " };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = Scanner {
        s,
        pos: first,
        no_terminator_until: 0,
    };
    // whether the previous character lets a tag character through
    let mut in_flag = s[..first].ends_with('\u{1F3F4}');
    while let Some(c) = rest.next() {
        let flag = c == '\u{1F3F4}' || (in_flag && is_tag(c));
        match c {
            '\n' => out.push_str(newline),
            '\r' => {
                rest.next_if_eq('\n');
                out.push_str(newline);
            }
            '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => out.push_str(newline),
            '\u{2029}' => out.push_str(if keep_newlines { "\n\n" } else { " " }),
            '\t' => out.push(' '),
            '\u{1b}' => {
                report.escapes += 1;
                rest.skip_escape();
            }
            // C1 introducers of the same sequences: CSI, then DCS, SOS, OSC, PM, APC
            '\u{9b}' => {
                report.escapes += 1;
                rest.skip_csi();
            }
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                report.escapes += 1;
                rest.skip_c1_string();
            }
            c if is_bidi_control(c) || c.is_control() => report.controls += 1,
            c if is_invisible(c) => report.invisible += 1,
            c if is_tag(c) && !in_flag => report.invisible += 1,
            c => out.push(c),
        }
        in_flag = flag;
    }
    (Cow::Owned(out), report)
}

/// A cursor over the text being cleaned.
struct Scanner<'a> {
    s: &'a str,
    pos: usize,
    /// No string terminator occurs before this byte offset: remembered so
    /// that a line full of unterminated introducers stays linear.
    no_terminator_until: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn next_if(&mut self, f: impl Fn(char) -> bool) -> bool {
        match self.peek() {
            Some(c) if f(c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    fn next_if_eq(&mut self, want: char) -> bool {
        self.next_if(|c| c == want)
    }

    /// Skips what follows an ESC: a CSI, a string sequence (OSC, DCS, SOS,
    /// PM, APC) up to its terminator or the end of the line, or a short
    /// escape.
    fn skip_escape(&mut self) {
        match self.peek() {
            Some('[') => {
                self.pos += 1;
                self.skip_csi();
            }
            Some(']' | 'P' | 'X' | '^' | '_') => {
                self.pos += 1;
                self.skip_string();
            }
            Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
                // intermediates then one final byte (e.g. ESC ( B)
                while self.next_if(|c| ('\u{20}'..='\u{2f}').contains(&c)) {}
                self.next_if(|c| ('\u{30}'..='\u{7e}').contains(&c));
            }
            Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => {
                self.pos += 1;
            }
            _ => {}
        }
    }

    fn skip_csi(&mut self) {
        // parameters and intermediates, then one final byte in @..~
        while self.next_if(|c| ('\u{20}'..='\u{3f}').contains(&c)) {}
        self.next_if(|c| ('\u{40}'..='\u{7e}').contains(&c));
    }

    /// Skips a string sequence's body up to BEL, ST (ESC \) or C1 ST; a
    /// newline also ends it so a broken sequence cannot swallow the rest of
    /// an article.
    fn skip_string(&mut self) {
        while let Some(c) = self.peek() {
            match c {
                '\u{7}' | '\u{9c}' => {
                    self.pos += c.len_utf8();
                    return;
                }
                '\u{1b}' => {
                    // ST is ESC \; any other ESC ends the string and starts
                    // a sequence of its own, as in a terminal
                    if self.s[self.pos..].starts_with("\u{1b}\\") {
                        self.pos += 2;
                    }
                    return;
                }
                '\n' => return,
                _ => self.pos += c.len_utf8(),
            }
        }
    }

    /// After a lone C1 string introducer: its body is skipped only when a
    /// terminator closes it on the same line. A stray C1 byte (text decoded
    /// from a legacy code page) then costs one character, not a line.
    fn skip_c1_string(&mut self) {
        if self.pos < self.no_terminator_until {
            return;
        }
        let stop = self.s[self.pos..]
            .find(['\n', '\u{7}', '\u{9c}', '\u{1b}'])
            .map_or(self.s.len(), |i| self.pos + i);
        let terminated = self.s[stop..].chars().next().is_some_and(|c| c != '\n');
        if terminated {
            self.skip_string();
        } else {
            self.no_terminator_until = stop;
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
            clean_text("Plain text.\nSecond line. Emoji 👩\u{200D}💻 too.").0,
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn removes_csi_osc_dcs_and_bare_controls() {
        assert_eq!(text("a\x1b[31mred\x1b[0m b"), "ared b");
        assert_eq!(text("x\x1b]0;evil title\x07y"), "xy");
        assert_eq!(text("x\x1b]52;c;aGVsbG8=\x1b\\y"), "xy");
        assert_eq!(text("x\x1bPq#0;2;0;0;0\x1b\\y"), "xy");
        assert_eq!(text("x\x1b_apc\x1b\\y\x1b^pm\x07z\x1bXsos\x1b\\!"), "xyz!");
        assert_eq!(text("x\x1b(By\x1b7z\x1bc!"), "xyz!");
        assert_eq!(text("bell\x07 null\0 del\x7f"), "bell null del");
        assert_eq!(text("c1\u{9b}31mx \u{9d}0;t\u{9c}y"), "c1x y");
    }

    #[test]
    fn line_endings_tabs_and_invisible_characters() {
        assert_eq!(text("a\r\nb\rc\td"), "a\nb\nc d");
        assert_eq!(text("ab\u{202E}cd\u{2066}e\u{200B}f\u{FEFF}"), "abcdef");
        let (_, report) = clean_text("\x1b[1m\u{202E}\u{200B}");
        assert_eq!(
            report,
            Report {
                escapes: 1,
                controls: 1,
                invisible: 1
            }
        );
        assert!(report.is_hostile());
        assert_eq!(
            report.describe(),
            "removed 1 escape sequence and 1 control character"
        );
        assert_eq!(
            clean_text("\x1b[1m\x1b[2m").1.describe(),
            "removed 2 escape sequences"
        );
        assert_eq!(Report::default().describe(), "");
    }

    #[test]
    fn line_separators_become_line_breaks_not_glued_words() {
        assert_eq!(
            text("one\u{2028}two\u{85}three\u{0C}four\u{2029}five"),
            "one\ntwo\nthree\nfour\n\nfive"
        );
        assert_eq!(clean_line("one\u{2028}two\u{2029}three"), "one two three");
    }

    #[test]
    fn zero_width_spaces_go_but_joiners_stay() {
        let (out, report) = clean_text("zero\u{200B}width 👨\u{200D}👩\u{200D}👧 ک\u{200C}ه");
        assert_eq!(out, "zerowidth 👨\u{200D}👩\u{200D}👧 ک\u{200C}ه");
        assert!(!report.is_hostile(), "invisible characters are no warning");
    }

    #[test]
    fn tag_characters_only_inside_a_flag() {
        let england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        assert_eq!(text(england), england);
        assert_eq!(text("hid\u{E0068}\u{E0069}den"), "hidden");
    }

    #[test]
    fn clean_line_folds_newlines() {
        assert_eq!(clean_line("a\nb\x1b[2Jc\r\nd"), "a bc d");
    }

    #[test]
    fn an_escape_inside_a_string_starts_a_new_sequence() {
        assert_eq!(text("a\x1b]0;x\x1b]0;y\x1b[31mb"), "ab");
        assert_eq!(text(&"\x1b]0;".repeat(1000)), "");
    }

    #[test]
    fn unterminated_osc_stops_at_newline() {
        assert_eq!(text("a\x1b]0;never ends\nnext line"), "a\nnext line");
    }

    #[test]
    fn stray_c1_introducer_costs_one_character_not_the_line() {
        // Windows-1252 leaves bytes 0x90 and 0x9D undefined: decoded text can
        // hold them alone, before ordinary words
        let (out, report) = clean_text("caf\u{9d}e au lait\nnext \u{90}line");
        assert_eq!(out, "cafe au lait\nnext line");
        assert_eq!(report.escapes, 2);
    }

    #[test]
    fn many_stray_introducers_on_one_long_line_stay_linear() {
        // would be quadratic without the remembered "no terminator" position
        let line = "\u{9d}x".repeat(200_000);
        let (out, _) = clean_text(&line);
        assert_eq!(out.len(), 200_000);
    }

    #[test]
    fn output_holds_no_unsafe_character() {
        let nasty = "\x1b]0;t\x07\x1b[2J\u{9b}1m\u{202E}\u{2067}\u{200B}\u{85}\u{7f}\u{0}\t\r";
        let out = text(nasty);
        assert!(!out.chars().any(|c| c != '\n' && is_unsafe(c)), "{out:?}");
        assert!(!clean_line(nasty).chars().any(is_unsafe));
    }
}
