//! Corpus-wide word statistics: how often each word is written in lower
//! case, and how often capitalised away from a sentence start. The only
//! corpus-wide input of candidate finding, gathered in one parallel pass
//! before it.

use super::lexicon as lx;
use super::tokens::Token;
use crate::analysis::FnvMap;

/// How often each word is written in lower case, and how often capitalised
/// away from a sentence start, across the corpus.
#[derive(Debug, Default, Clone)]
pub struct WordStats {
    /// Lower case, capitalised mid-sentence, hyphenated after another
    /// capitalised word ("Robert Kilroy-Silk").
    counts: FnvMap<String, [u32; 3]>,
}

impl WordStats {
    /// Counts the words of one document.
    pub fn of_doc(body: &str, tokens: &[Token]) -> Self {
        let mut s = Self::default();
        s.add_doc(body, tokens);
        s
    }

    /// Adds the counts of one document (its body and tokens): one
    /// accumulator per thread grows once instead of a map per document.
    pub fn add_doc(&mut self, body: &str, tokens: &[Token]) {
        let s = self;
        let mut lower = String::new();
        for (i, t) in tokens.iter().enumerate() {
            let w = &body[t.start..t.end];
            let Some(c) = w.chars().next() else { continue };
            if c.is_lowercase() {
                s.bump(w, [1, 0, 0]);
            } else if c.is_uppercase() && !t.initial {
                let mut add = [0, 1, 0];
                if w.contains(['-', '–']) && i > 0 {
                    let p = tokens[i - 1];
                    let pw = &body[p.start..p.end];
                    let joined = p.sentence == t.sentence
                        && !p.possessive
                        && body[p.end..t.start].chars().all(char::is_whitespace);
                    if joined
                        && pw.chars().next().is_some_and(char::is_uppercase)
                        && !lx::is_function_word(pw)
                        && !lx::is_strong_title(&pw.to_lowercase().replace('.', ""))
                    {
                        add[2] = 1;
                    }
                }
                if w.is_ascii() {
                    lower.clear();
                    lower.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                    s.bump(&lower, add);
                } else {
                    s.bump(&w.to_lowercase(), add);
                }
            }
        }
    }

    /// Adds another document's counts.
    pub fn merge(mut self, other: Self) -> Self {
        let (mut big, small) = if self.counts.len() >= other.counts.len() {
            (std::mem::take(&mut self.counts), other.counts)
        } else {
            (other.counts, std::mem::take(&mut self.counts))
        };
        for (k, v) in small {
            let e = big.entry(k).or_default();
            e[0] += v[0];
            e[1] += v[1];
            e[2] += v[2];
        }
        Self { counts: big }
    }

    /// Adds `add` to the counts of `word` (already in lower case), which
    /// is copied only the first time it is seen.
    fn bump(&mut self, word: &str, add: [u32; 3]) {
        if let Some(e) = self.counts.get_mut(word) {
            for (x, y) in e.iter_mut().zip(add) {
                *x += y;
            }
        } else {
            self.counts.insert(word.to_string(), add);
        }
    }

    fn get(&self, word: &str) -> [u32; 3] {
        // Most words are short ASCII: lower-cased on the stack.
        let mut buf = [0u8; 32];
        if word.is_ascii() && word.len() <= buf.len() {
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            let lower = std::str::from_utf8(b).unwrap_or_default();
            return self.counts.get(lower).copied().unwrap_or_default();
        }
        self.counts
            .get(&word.to_lowercase())
            .copied()
            .unwrap_or_default()
    }

    /// Written in lower case more often than capitalised mid-sentence: an
    /// ordinary word.
    pub fn is_common(&self, word: &str) -> bool {
        let [lower, cap, _] = self.get(word);
        lower > cap
    }

    /// Capitalised mid-sentence at least once and at least as often as in
    /// lower case: a name.
    pub fn is_namey(&self, word: &str) -> bool {
        let [lower, cap, _] = self.get(word);
        cap >= 1 && cap >= lower
    }

    /// Seen as the last word of a longer name: a double-barrelled surname.
    pub fn is_name_tail(&self, word: &str) -> bool {
        self.get(word)[2] > 0
    }

    /// Never seen in lower case.
    pub fn never_lower(&self, word: &str) -> bool {
        self.get(word)[0] == 0
    }
}
