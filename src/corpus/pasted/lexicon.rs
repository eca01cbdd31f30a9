//! The word lists that tell page furniture from prose, read once from the
//! data files under `data/lexicon/page_*.txt` (built into the binary): one
//! entry a line, lower case, `#` starts a comment. Keeping them as data lets
//! a list grow (another language, another button label) without touching the
//! rules that use it.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: the lexicons are looked up for every word of every line, and
/// their keys are short; no one chooses them to collide.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set hashed with [`Fnv`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;

/// A map hashed with [`Fnv`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

const FUNCTION_WORDS: &str = include_str!("../../../data/page/function_words.txt");
const FURNITURE: &str = include_str!("../../../data/page/furniture.txt");
const SECTIONS: &str = include_str!("../../../data/page/sections.txt");
const NOTICES: &str = include_str!("../../../data/page/notices.txt");
const MONTHS: &str = include_str!("../../../data/page/months.txt");
const META: &str = include_str!("../../../data/page/meta.txt");

/// The entries of a word-list file: trimmed, without blank lines and comments.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether a character can be part of a lexicon token: a letter or digit of
/// any script, or the joiners of a word (`e-mail`, `editor's`, `google+`).
fn token_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '\'' | '’' | '+' | '-')
}

/// The tokens of a line as the lexicons compare them: lower case, joiners
/// trimmed from their ends, numbers and pure punctuation left out, so that
/// "Comments (12)" and "comments" are the same label.
pub fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in s.split(|c: char| !token_char(c)) {
        let t = raw.trim_matches(|c: char| matches!(c, '\'' | '’' | '+' | '-'));
        if t.is_empty() || !t.chars().any(char::is_alphanumeric) {
            continue;
        }
        if t.chars().all(char::is_numeric) {
            continue;
        }
        out.push(t.to_lowercase());
    }
    out
}

/// A list of phrases, looked up by their first token.
#[derive(Debug, Default)]
pub struct Phrases {
    by_first: FastMap<String, Vec<Vec<String>>>,
}

impl Phrases {
    fn from(data: &'static str) -> Self {
        let mut by_first: FastMap<String, Vec<Vec<String>>> = FastMap::default();
        for e in entries(data).filter(|e| !e.ends_with('…')) {
            let t = tokens(e);
            if let Some(first) = t.first() {
                by_first.entry(first.clone()).or_default().push(t);
            }
        }
        Self { by_first }
    }

    /// Whether `toks`, all of it, is a sequence of these phrases.
    pub fn covers(&self, toks: &[String]) -> bool {
        if toks.is_empty() {
            return false;
        }
        // reachable[i]: the first i tokens are covered
        let mut reachable = vec![false; toks.len() + 1];
        reachable[0] = true;
        for i in 0..toks.len() {
            if !reachable[i] {
                continue;
            }
            for p in self.by_first.get(&toks[i]).into_iter().flatten() {
                if toks[i..].starts_with(p) {
                    reachable[i + p.len()] = true;
                }
            }
        }
        reachable[toks.len()]
    }

    /// Whether `word` is a phrase of one word.
    pub fn has_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|ps| ps.iter().any(|p| p.len() == 1))
    }
}

/// Function words of many languages: their share marks running prose.
pub static FUNCTION: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| entries(FUNCTION_WORDS).collect());

/// Labels of buttons, menus and notices: a line made only of them is
/// furniture.
pub static FURNITURE_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::from(FURNITURE));

/// Headings that open a part of the page that is not the article (the
/// entries that end with `…` are in [`SECTION_PREFIXES`]).
pub static SECTION_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::from(SECTIONS));

/// Words that open such a heading when a name follows them ("More …": "More
/// Sport", "More from The Daily"): the entries of `data/page/sections.txt` that
/// end with `…`, as tokens.
pub static SECTION_PREFIXES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    entries(SECTIONS)
        .filter_map(|e| e.strip_suffix('…'))
        .map(tokens)
        .filter(|t| !t.is_empty())
        .collect()
});

/// Notices (copyright, cookies, newsletters), found anywhere in a line.
pub static NOTICE_PHRASES: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(entries(NOTICES))
        .ok()
});

/// The same phrases, matched in any ASCII letter case: a quick test that
/// needs no lower-case copy of a line.
pub static NOTICE_PHRASES_ASCII: LazyLock<Option<aho_corasick::AhoCorasick>> =
    LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(entries(NOTICES))
            .ok()
    });

/// Month names and abbreviations with their numbers.
pub static MONTH_NAMES: LazyLock<HashMap<&'static str, i8>> = LazyLock::new(|| {
    entries(MONTHS)
        .filter_map(|e| {
            let (name, n) = e.rsplit_once(' ')?;
            Some((name.trim(), n.trim().parse().ok()?))
        })
        .collect()
});

/// What a phrase of `data/page/meta.txt` introduces or is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// Before an author's name: "By".
    By,
    /// A label before an author's name, with a colon: "Author:".
    Label,
    /// The verb before the author's name in a standfirst: "writes".
    Writes,
    /// A credit that goes with the byline: "Edited by".
    Credit,
    /// Before the publication date.
    Published,
    /// Before a later revision's date.
    Updated,
    /// A lower-case word inside a name: "van", "de".
    Particle,
    /// A word joining two names: "and".
    And,
    /// A word that ends a name: "in", "on".
    Stop,
    /// After a name, the start of an author's note: "is a".
    Bio,
}

/// The phrases of `data/page/meta.txt`, as token sequences, by kind.
pub static META_CUES: LazyLock<FastMap<Cue, Vec<Vec<String>>>> = LazyLock::new(|| {
    let mut out: FastMap<Cue, Vec<Vec<String>>> = FastMap::default();
    for e in entries(META) {
        let Some((kind, words)) = e.split_once(' ') else {
            continue;
        };
        let cue = match kind {
            "by" => Cue::By,
            "label" => Cue::Label,
            "writes" => Cue::Writes,
            "credit" => Cue::Credit,
            "published" => Cue::Published,
            "updated" => Cue::Updated,
            "particle" => Cue::Particle,
            "and" => Cue::And,
            "stop" => Cue::Stop,
            "bio" => Cue::Bio,
            _ => continue,
        };
        // `&` is no lexicon token: kept as it is written
        let t = if words.trim() == "&" {
            vec!["&".to_string()]
        } else {
            tokens(words)
        };
        if !t.is_empty() {
            out.entry(cue).or_default().push(t);
        }
    }
    // longest first, so that "written by" is tried before "by"
    for v in out.values_mut() {
        v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    }
    out
});

/// The phrases of one kind of cue.
pub fn cues(kind: Cue) -> &'static [Vec<String>] {
    META_CUES.get(&kind).map_or(&[], Vec::as_slice)
}

/// Whether `word` (lower case) is a one-word cue of this kind.
pub fn is_cue_word(kind: Cue, word: &str) -> bool {
    cues(kind).iter().any(|p| p.len() == 1 && p[0] == word)
}

/// Words that never belong to a name: every word of a byline, date or
/// credit cue but "by" itself, and the stop words.
pub static NOT_NAME: LazyLock<FastSet<String>> = LazyLock::new(|| {
    let mut out = FastSet::default();
    for kind in [
        Cue::By,
        Cue::Label,
        Cue::Published,
        Cue::Updated,
        Cue::Credit,
        Cue::Stop,
    ] {
        for p in cues(kind) {
            out.extend(p.iter().cloned());
        }
    }
    for kind in [Cue::Particle, Cue::And] {
        for p in cues(kind) {
            for w in p {
                out.remove(w);
            }
        }
    }
    out.remove("by");
    out
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_drop_numbers_and_punctuation() {
        assert_eq!(tokens("Comments (12)"), vec!["comments"]);
        assert_eq!(tokens("Read More +"), vec!["read", "more"]);
        assert_eq!(tokens("E-mail · Print"), vec!["e-mail", "print"]);
        assert_eq!(tokens("© 2019 — 10:45"), Vec::<String>::new());
    }

    #[test]
    fn phrases_cover_a_line_or_not() {
        let p = &*FURNITURE_PHRASES;
        assert!(p.covers(&tokens("Share this story")));
        assert!(p.covers(&tokens("Facebook Twitter Email")));
        assert!(p.covers(&tokens("Печать E-mail")));
        assert!(!p.covers(&tokens("Share prices fell sharply")));
        assert!(!p.covers(&[]));
        assert!(SECTION_PHRASES.has_word("comments"));
        assert!(SECTION_PREFIXES.iter().any(|p| p == &["more"]));
        assert!(!SECTION_PHRASES.has_word("more"));
    }

    #[test]
    fn every_list_loads() {
        assert!(FUNCTION.contains("the") && FUNCTION.contains("и"));
        assert_eq!(MONTH_NAMES.get("сентября"), Some(&9));
        assert!(NOTICE_PHRASES.is_some());
        assert!(is_cue_word(Cue::Writes, "writes"));
        assert!(cues(Cue::By).iter().any(|p| p == &["written", "by"]));
        assert!(NOT_NAME.contains("updated") && !NOT_NAME.contains("by"));
        assert!(!NOT_NAME.contains("van"));
    }

    /// Every page list: no entry twice, every entry lower case (they are
    /// matched lower case), and a `#` header saying what the list is.
    #[test]
    fn every_list_is_well_formed() {
        for (name, text) in [
            ("function_words", FUNCTION_WORDS),
            ("furniture", FURNITURE),
            ("sections", SECTIONS),
            ("notices", NOTICES),
            ("months", MONTHS),
            ("meta", META),
        ] {
            assert!(text.starts_with('#'), "{name}: no header");
            let mut seen = std::collections::HashSet::new();
            for line in text.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                assert_eq!(
                    line,
                    line.to_lowercase(),
                    "{name}: {line:?} is not lower case"
                );
                assert!(seen.insert(line), "{name}: {line:?} twice");
            }
        }
    }
}
