//! Each line of a pasted page, measured and classed: prose (long, ending as
//! a sentence does, full of function words), page furniture (button and menu
//! labels, notices, headings of other parts of the page), or the short and
//! headline-like lines in between, whose place decides what they are. The
//! measures hold for any script: words are counted by white space, and text
//! without spaces (Chinese, Japanese, Thai) by its characters.

use super::dates;
use super::lexicon::{self, FUNCTION, FURNITURE_PHRASES, NOTICE_PHRASES, SECTION_PHRASES};

/// What a line is, before its neighbours are considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// No word at all (a number, a symbol).
    Junk,
    /// A heading that opens a part of the page that is not the article
    /// (related stories, comments).
    Section,
    /// A button or menu label, or a line made only of them.
    Furniture,
    /// A notice: copyright, cookies, newsletter offers.
    Notice,
    /// Prose: a sentence or a paragraph.
    Good,
    /// A short sentence, too short to say what it belongs to.
    Sentence,
    /// A long line of data (a table row, a list of names).
    Data,
    /// A list item in lower case.
    Item,
    /// Up to three words, not a sentence.
    Short,
    /// A headline-like line: a title, a teaser, a caption.
    Head,
}

impl Class {
    /// Whether the line is never part of the article, wherever it stands.
    pub fn is_furniture(self) -> bool {
        matches!(
            self,
            Class::Junk | Class::Section | Class::Furniture | Class::Notice
        )
    }

    /// Whether the line reads as text of an article.
    pub fn is_texty(self) -> bool {
        matches!(self, Class::Good | Class::Sentence | Class::Data)
    }
}

/// One non-blank line of the page and its measures.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// Its index among the lines of the text (0-based).
    pub no: usize,
    /// The line without surrounding white space.
    pub text: &'a str,
    /// Its length in words (text without spaces: two characters a word).
    pub units: usize,
    /// Its number of words (white-space separated, with a letter).
    pub words: usize,
    /// Its number of white-space separated tokens.
    pub tokens: usize,
    /// Whether it holds Chinese, Japanese, Korean or Thai script.
    pub cjk: bool,
    /// Whether it ends as a sentence does.
    pub ends_sentence: bool,
    /// Share of its words that are function words (counted only where it
    /// decides the class: 0 for a long sentence, prose whatever it holds).
    pub function: f32,
    /// Share of its words after the first that are capitalised.
    pub caps: f32,
    /// Its class.
    pub class: Class,
    /// What it adds to (or takes from) the article around it.
    pub score: f32,
    /// Whether it is a link in a list of links: menu-like, next to another
    /// short line with no blank line between them.
    pub listy: bool,
}

/// Characters of scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff
        | 0x0e00..=0x0e7f | 0xff66..=0xff9f)
}

/// Lines longer than this (in words) are never a menu, a button or a
/// heading.
const MAX_LABEL_WORDS: usize = 12;

const SENTENCE_END: &[char] = &['.', '!', '?', '。', '！', '？', '…'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '）', '」', '』', '】'];
/// Punctuation around a word, trimmed before it is looked up.
fn is_word_edge(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '"'
            | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '('
            | ')'
            | '['
            | ']'
            | '«'
            | '»'
    )
}

/// Whether the text ends as a sentence does (closing quotes and brackets
/// aside).
pub fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(CLOSERS)
        .chars()
        .next_back()
        .is_some_and(|c| SENTENCE_END.contains(&c))
}

/// Whether a word (punctuation around it aside) is a function word. Most
/// words are in lower case already and are looked up as they are; a short
/// ASCII word is lowered in place; only the rest is copied.
fn is_function_word(w: &str, upper: bool, ascii: bool) -> bool {
    // no function word is long
    if w.len() > 24 {
        return false;
    }
    let bare = w.trim_matches(is_word_edge);
    if !upper {
        return FUNCTION.contains(bare);
    }
    if ascii && bare.len() <= 16 {
        let mut buf = [0u8; 16];
        let low = &mut buf[..bare.len()];
        low.copy_from_slice(bare.as_bytes());
        low.make_ascii_lowercase();
        return std::str::from_utf8(low).is_ok_and(|l| FUNCTION.contains(l));
    }
    FUNCTION.contains(bare.to_lowercase().as_str())
}

/// How many of the words of a line are function words.
fn count_function_words(text: &str) -> usize {
    words(text)
        .filter(|w| is_function_word(w, w.chars().any(char::is_uppercase), w.is_ascii()))
        .count()
}

/// The words of a line: white-space separated tokens with a letter.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
}

impl<'a> Line<'a> {
    /// Measures and classes one line (`text` is trimmed here).
    pub fn new(no: usize, text: &'a str) -> Self {
        let text = text.trim();
        let mut units = 0;
        let mut cjk = false;
        let mut n_words = 0usize;
        let mut cased = 0usize;
        let mut capitals = 0usize;
        let mut n_tokens = 0usize;
        // most lines are ASCII: their words are read byte by byte
        let ascii_line = text.is_ascii();
        for w in text.split_whitespace() {
            n_tokens += 1;
            let (alpha, n_cjk, other) = if ascii_line {
                let alpha = w.bytes().any(|b| b.is_ascii_alphabetic());
                (alpha, 0, alpha)
            } else {
                // one pass over the word's characters
                let (mut alpha, mut n_cjk, mut other) = (false, 0usize, false);
                for c in w.chars().filter(|c| c.is_alphabetic()) {
                    alpha = true;
                    if is_cjk(c) {
                        n_cjk += 1;
                    } else {
                        other = true;
                    }
                }
                (alpha, n_cjk, other)
            };
            if !alpha {
                continue;
            }
            n_words += 1;
            if n_cjk > 0 {
                cjk = true;
                units += n_cjk.div_ceil(2) + usize::from(other);
            } else {
                units += 1;
            }
            if let Some(c) = w.chars().next().filter(|c| c.is_alphabetic()) {
                if c.is_uppercase() || c.is_lowercase() {
                    // the first word of a line is capitalised anyway
                    if cased > 0 {
                        capitals += usize::from(c.is_uppercase());
                    }
                    cased += 1;
                }
            }
        }
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f32 / b as f32 };
        let ends = ends_sentence(text);
        let caps = ratio(capitals, cased.saturating_sub(1));
        // a long sentence is prose whatever its words: they are not looked up
        let function = if ends && units >= 30 && caps < 0.75 {
            0.0
        } else {
            ratio(count_function_words(text), n_words)
        };
        let mut line = Line {
            no,
            text,
            units,
            words: n_words,
            tokens: n_tokens,
            cjk,
            ends_sentence: ends,
            function,
            caps,
            class: Class::Junk,
            score: 0.0,
            listy: false,
        };
        let (class, score) = line.classify();
        line.class = class;
        line.score = score;
        line
    }

    fn classify(&self) -> (Class, f32) {
        let units = self.units as f32;
        if self.units == 0 {
            return (Class::Junk, -1.0);
        }
        // menus, buttons and headings are short: a long line is none of
        // them, and is not tokenised for the lexicons
        let toks = if self.units <= MAX_LABEL_WORDS {
            lexicon::tokens(self.text)
        } else {
            Vec::new()
        };
        if is_section(self.text, &toks) {
            return (Class::Section, -20.0);
        }
        if is_furniture(self.text, &toks) {
            return (Class::Furniture, -4.0);
        }
        if self.units < 60 && is_notice(self.text, self.words) {
            return (Class::Notice, -15.0);
        }
        if self.cjk {
            let n = self.text.chars().count();
            if self.ends_sentence && n >= 15 {
                return (Class::Good, units);
            }
            if n >= 30 && self.text.contains(['、', '。', '，']) {
                return (Class::Good, units);
            }
        }
        if self.ends_sentence
            && self.units >= 8
            && (self.function >= 0.12 || self.cjk || self.units >= 30)
            && self.caps < 0.75
        {
            return (Class::Good, units);
        }
        if self.units >= 25 && self.function >= 0.25 {
            return (Class::Good, units);
        }
        if self.ends_sentence && self.units < 8 {
            return (Class::Sentence, 0.0);
        }
        if self.units <= 3 {
            return (Class::Short, -1.5);
        }
        if self.units >= 25 && self.caps < 0.4 {
            return (Class::Data, 0.3 * units);
        }
        if self.caps < 0.3 && self.units >= 6 {
            return (Class::Item, -0.5);
        }
        (Class::Head, -2.0)
    }

    /// Whether the line is a link in a menu: short or in title case.
    pub fn is_menu_like(&self) -> bool {
        matches!(self.class, Class::Short | Class::Head) && (self.units <= 4 || self.caps >= 0.5)
    }

    /// Whether the line is mostly a date ("May 15th, 2013", "Posted: Fri
    /// 6:45 PM, Feb 16, 2018"): a date and at most six other words.
    pub fn is_dateline(&self) -> bool {
        let found = dates::find(self.text);
        if found.is_empty() {
            return false;
        }
        let mut rest = String::with_capacity(self.text.len());
        let mut at = 0;
        for d in &found {
            rest.push_str(self.text.get(at..d.span.start).unwrap_or(""));
            rest.push(' ');
            at = d.span.end;
        }
        rest.push_str(self.text.get(at..).unwrap_or(""));
        words(&rest).count() <= 6
    }
}

/// A heading of another part of the page: the whole line is such a heading,
/// or a short line starts or ends with one word of them ("Top Rated
/// Comments", "Related Roundup: …").
fn is_section(text: &str, toks: &[String]) -> bool {
    if toks.len() <= 6 && SECTION_PHRASES.covers(toks) {
        return true;
    }
    if toks.is_empty() || toks.len() > 4 || text.ends_with(['.', '!', '?']) {
        return false;
    }
    let first = toks.first().is_some_and(|t| SECTION_PHRASES.has_word(t));
    let last = toks.last().is_some_and(|t| SECTION_PHRASES.has_word(t));
    first || last || is_more_heading(text, toks)
}

/// "More Sport", "More from The Daily": a prefix of `data/page/sections.txt`
/// followed by a name, every word of it capitalised ("More ways to …" is
/// no heading).
fn is_more_heading(text: &str, toks: &[String]) -> bool {
    lexicon::SECTION_PREFIXES.iter().any(|p| {
        toks.len() > p.len()
            && toks.starts_with(p)
            && text
                .split_whitespace()
                .skip(p.len())
                .filter(|w| w.chars().any(char::is_alphabetic))
                .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
    })
}

/// Furniture: the line is made of button and menu labels, or a label and a
/// colon lead it ("Read more: …", "Credit: …").
fn is_furniture(text: &str, toks: &[String]) -> bool {
    if FURNITURE_PHRASES.covers(toks) {
        return true;
    }
    if !text.contains(':') {
        return false;
    }
    let head: String = text.chars().take(40).collect();
    let Some((label, _)) = head.split_once(':') else {
        return false;
    };
    label.split_whitespace().count() <= 3 && FURNITURE_PHRASES.covers(&lexicon::tokens(label))
}

/// A notice: one of the notice phrases in a short line, two of them, or a
/// copyright sign.
fn is_notice(text: &str, n_words: usize) -> bool {
    let Some(ac) = NOTICE_PHRASES.as_ref() else {
        return false;
    };
    // a line of ASCII with no phrase in any case holds none: no copy
    if text.is_ascii() && !text.contains('©') && !ac_ascii_hit(text) {
        return false;
    }
    let low = text.to_lowercase();
    let mut hits: Vec<usize> = ac.find_iter(&low).map(|m| m.pattern().as_usize()).collect();
    hits.sort_unstable();
    hits.dedup();
    !hits.is_empty() && (n_words <= 30 || hits.len() >= 2 || low.contains('©'))
}

/// Whether an ASCII line holds a notice phrase in any letter case.
fn ac_ascii_hit(text: &str) -> bool {
    lexicon::NOTICE_PHRASES_ASCII
        .as_ref()
        .is_none_or(|ac| ac.is_match(text))
}

/// The non-blank lines of a text, measured, with the penalty of menu links:
/// a menu-like line next to another short line (no blank line between them)
/// is a list of links; one alone between blank lines weighs little.
pub fn measure(text: &str) -> Vec<Line<'_>> {
    let mut lines: Vec<Line<'_>> = text
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(no, l)| Line::new(no, l))
        .collect();
    let listy: Vec<bool> = (0..lines.len())
        .map(|k| {
            let l = &lines[k];
            if !l.is_menu_like() {
                return false;
            }
            let near = |j: Option<usize>| {
                j.and_then(|j| lines.get(j)).is_some_and(|m| {
                    m.no.abs_diff(l.no) == 1
                        && matches!(m.class, Class::Short | Class::Head | Class::Furniture)
                })
            };
            near(k.checked_sub(1)) || near(Some(k + 1))
        })
        .collect();
    for (l, listy) in lines.iter_mut().zip(listy) {
        l.listy = listy;
        if listy {
            l.score -= 1.5;
        } else if l.is_menu_like() {
            // alone between blank lines: a subheading or a list item as
            // often as a link, for its neighbours to decide
            l.score *= 0.25;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(s: &str) -> Class {
        Line::new(0, s).class
    }

    #[test]
    fn prose_is_good_in_any_language() {
        assert_eq!(
            class("The minister said on Tuesday that the talks would go on for another week."),
            Class::Good
        );
        assert_eq!(
            class(
                "Der Minister sagte am Dienstag, dass die Gespräche noch eine Woche dauern werden."
            ),
            Class::Good
        );
        assert_eq!(
            class(
                "Министр заявил во вторник, что переговоры продлятся ещё неделю и будут трудными."
            ),
            Class::Good
        );
        assert_eq!(
            class("大臣は火曜日、協議はもう一週間続くと述べた。"),
            Class::Good
        );
    }

    #[test]
    fn furniture_sections_and_notices() {
        assert_eq!(class("Share this story"), Class::Furniture);
        assert_eq!(class("Facebook Twitter Email LinkedIn"), Class::Furniture);
        assert_eq!(class("Печать E-mail"), Class::Furniture);
        assert_eq!(class("Read more: another story entirely"), Class::Furniture);
        assert_eq!(class("Related articles"), Class::Section);
        assert_eq!(class("Top Rated Comments"), Class::Section);
        assert_eq!(class("More From The Daily"), Class::Section);
        assert_eq!(class("More ways to customise"), Class::Head);
        assert_eq!(
            class("Copyright © 2019 Example Media. All Rights Reserved."),
            Class::Notice
        );
        assert_eq!(class("Sign up for our newsletter"), Class::Notice);
        assert_eq!(class("12"), Class::Junk);
    }

    #[test]
    fn an_article_about_copyright_is_not_a_notice() {
        assert_eq!(
            class("Lessons on music piracy and copyright issues are to be taught in schools across the country, the minister said."),
            Class::Good
        );
    }

    #[test]
    fn short_lines_and_headlines() {
        assert_eq!(class("World"), Class::Short);
        assert_eq!(
            class("Wichita East Dominates City League Swimming Final"),
            Class::Head
        );
        assert_eq!(class("The death occurred Saturday."), Class::Sentence);
        assert!(Line::new(0, "May 15th, 2013").is_dateline());
        assert!(!Line::new(
            0,
            "Abe visited Moscow in May 2013 to meet the president of Russia and his ministers."
        )
        .is_dateline());
    }

    #[test]
    fn menus_are_penalised_as_lists() {
        let lines = measure("Home\nWorld\nBusiness\n\nA line of prose that runs on for a while, as an article does.\n");
        assert!(lines[0].score < -1.5 && lines[1].score < -1.5);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[3].no, 4);
    }

    #[test]
    fn sentence_ends_past_closing_quotes() {
        assert!(ends_sentence("He said “no.”"));
        assert!(ends_sentence("終わり。"));
        assert!(!ends_sentence("Read more"));
        assert!(!ends_sentence(""));
    }
}
