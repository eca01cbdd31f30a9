//! The tense of the clause around a time expression, from lexical cues.
//!
//! `HeidelTime` infers the year of "in December" from the sentence's tense,
//! taken from a part-of-speech tagger. Without one, the nearest future or
//! past cue word stands in for it (the nearest before the expression, else
//! the nearest after it); with no cue the tense is unknown, which
//! the resolver treats as past (`HeidelTime`'s default for news).

use super::lexicon::{FORWARD_LEADS, FUTURE_CUES, NOT_PAST, PAST_CUES};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The tense that governs a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    /// A past cue is nearest.
    Past,
    /// A future cue is nearest.
    Future,
    /// No cue in the sentence.
    Unknown,
}

/// The tense cues of one sentence, found once and shared by every time
/// expression in it: each cue's byte offset, length and tense.
pub(super) struct Cues {
    len: usize,
    cues: Vec<(usize, usize, Tense)>,
}

impl Cues {
    /// Finds the cue words of `sentence`.
    pub(super) fn of(sentence: &str) -> Self {
        let words = words(sentence);
        let cues = words
            .iter()
            .enumerate()
            .filter_map(|(k, &(pos, w))| cue_tense(&words, k, w).map(|t| (pos, w.len(), t)))
            .collect();
        Self {
            len: sentence.len(),
            cues,
        }
    }

    /// The tense of the nearest cue before the expression at `start..end`,
    /// else of the nearest cue after it.
    pub(super) fn tense_at(&self, start: usize, end: usize) -> Tense {
        let mut best: Option<(usize, Tense)> = None;
        for &(pos, len, tense) in &self.cues {
            if pos >= start && pos < end {
                continue;
            }
            // A cue before the expression governs it ("met Putin in May"); one
            // after it only when none comes before ("In May, Putin will come").
            let distance = if pos < start {
                start - (pos + len)
            } else {
                self.len + pos - end
            };
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, tense));
            }
        }
        best.map_or(Tense::Unknown, |(_, t)| t)
    }
}

/// What the words right around a date at `start..end` of `sentence` say of
/// its time, before any tense: a deadline or schedule ("payable Dec. 7",
/// "until Nov. 9", "extended to Nov. 16") is the one nearest the published
/// date, whatever the tense of the clause; a date that names an
/// event ("Wednesday's ruling", "the Oct. 23 attack") lies behind, unless
/// it names a deadline ("the Nov. 6 deadline").
pub(super) fn governed(sentence: &str, start: usize, end: usize) -> Option<Tense> {
    let before: Vec<&str> = sentence[..start]
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .collect();
    let lower = |w: &str| w.to_ascii_lowercase();
    // "until 5 p.m. EST Nov. 9", "payable on Dec. 7": a clock time or "on"
    // may stand between the lead and the date.
    let mut words = before.iter().map(|w| lower(w)).peekable();
    let mut lead = words.next();
    if lead
        .as_deref()
        .is_some_and(|w| matches!(w, "on" | "at" | "est" | "edt" | "gmt" | "midnight" | "noon"))
    {
        lead = words.next();
    }
    if let Some(w) = &lead {
        let two = words.peek().map(|p| format!("{p} {w}"));
        // A deadline in a past clause ("extended it until Nov. 9") is still
        // ahead; one just gone by ("through Oct. 19") behind: the nearest.
        if FORWARD_LEADS.contains(w) || two.is_some_and(|t| FORWARD_LEADS.contains(&t)) {
            return Some(Tense::Unknown);
        }
    }
    let after = &sentence[end..];
    if after.starts_with("'s") || after.starts_with("’s") {
        return Some(Tense::Past);
    }
    let next: String = after
        .trim_start_matches([' ', '\u{a0}'])
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let attributive = after.starts_with(' ')
        && next.chars().next().is_some_and(char::is_lowercase)
        && before
            .first()
            .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    if attributive && !FORWARD_LEADS.contains(&next) {
        return Some(Tense::Past);
    }
    None
}

/// The tense of the nearest cue before the expression at `start..end` of
/// `sentence`, else of the nearest cue after it.
#[cfg(test)]
pub(super) fn tense_at(sentence: &str, start: usize, end: usize) -> Tense {
    Cues::of(sentence).tense_at(start, end)
}

/// Longer than every cue word: an ASCII word this long can only be a cue by
/// its "'ll".
const MAX_CUE_WORD: usize = 24;

/// The tense word `k` of `words` cues, if any.
fn cue_tense(words: &[(usize, &str)], k: usize, w: &str) -> Option<Tense> {
    if !w.is_ascii() {
        // Rare: the general path, lower-casing by Unicode rules.
        let lower = w.to_lowercase();
        let future = is_future_cue(words, k, w, &lower);
        let past = !future && PAST_CUES.contains(&lower);
        return tense_of(future, past);
    }
    // The same test without allocating: ASCII lower-cases byte by byte.
    let mut buf = [0u8; MAX_CUE_WORD];
    if w.len() > MAX_CUE_WORD {
        let b = w.as_bytes();
        let future = b[b.len() - 3..].eq_ignore_ascii_case(b"'ll");
        return tense_of(future, false);
    }
    let b = &mut buf[..w.len()];
    b.copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    // ASCII bytes in, ASCII bytes out: always valid UTF-8.
    let lower = std::str::from_utf8(b).unwrap_or_default();
    let future = is_future_cue(words, k, w, lower);
    let past = !future && (PAST_CUES.contains(lower) || regular_past(w, lower));
    // "will be held", "to be signed": a participle after "be" is no past.
    if past && k > 0 && words[k - 1].1.eq_ignore_ascii_case("be") {
        return Some(Tense::Future);
    }
    tense_of(future, past)
}

/// A regular past tense or participle: a word in lower case ending in
/// "-ed" ("rejected", "attended"), of five letters or more, that is not
/// one of the few words so ending that are none ("indeed", "hundred").
fn regular_past(w: &str, lower: &str) -> bool {
    lower.len() >= 5
        && lower.ends_with("ed")
        && w.starts_with(|c: char| c.is_ascii_lowercase())
        && !NOT_PAST.contains(lower)
}

fn tense_of(future: bool, past: bool) -> Option<Tense> {
    if future {
        Some(Tense::Future)
    } else if past {
        Some(Tense::Past)
    } else {
        None
    }
}

/// The future cues by their first word: the words that must follow it.
static FUTURE_BY_FIRST: LazyLock<
    HashMap<&'static str, Vec<Vec<&'static str>>, crate::analysis::FnvBuild>,
> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, Vec<Vec<&'static str>>, crate::analysis::FnvBuild> =
        HashMap::default();
    for cue in FUTURE_CUES.iter() {
        let mut parts = cue.split_whitespace();
        if let Some(first) = parts.next() {
            m.entry(first).or_default().push(parts.collect());
        }
    }
    m
});

fn is_future_cue(words: &[(usize, &str)], k: usize, w: &str, lower: &str) -> bool {
    // The modal "may", never the month.
    if w == "may" || lower.ends_with("'ll") || lower.ends_with("’ll") {
        return true;
    }
    // "next to the embassy" is a place.
    if lower == "next"
        && words
            .get(k + 1)
            .is_some_and(|(_, x)| x.eq_ignore_ascii_case("to"))
    {
        return false;
    }
    FUTURE_BY_FIRST.get(lower).is_some_and(|rests| {
        rests.iter().any(|rest| {
            rest.iter().enumerate().all(|(j, p)| {
                words
                    .get(k + 1 + j)
                    .is_some_and(|(_, x)| x.eq_ignore_ascii_case(p))
            })
        })
    })
}

/// The words of a sentence with their byte offsets (letters and apostrophes).
fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let part = c.is_alphabetic() || ((c == '\'' || c == '’') && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((b, &s[b..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, &s[b..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str, expr: &str) -> Tense {
        let i = s.find(expr).unwrap();
        tense_at(s, i, i + expr.len())
    }

    #[test]
    fn nearest_cue_decides() {
        assert_eq!(
            at("Putin will visit Japan in December.", "December"),
            Tense::Future
        );
        assert_eq!(
            at("Abe met Putin in December and will go again.", "December"),
            Tense::Past
        );
        assert_eq!(
            at(
                "The president is slated to visit on December 15.",
                "December 15"
            ),
            Tense::Future
        );
        assert_eq!(at("A summit in December.", "December"), Tense::Unknown);
    }

    #[test]
    fn the_month_may_is_no_modal() {
        assert_eq!(at("In May the talks go on.", "May"), Tense::Unknown);
        assert_eq!(at("Japan may accept it in June.", "June"), Tense::Future);
    }

    #[test]
    fn cues_need_no_lower_case_letters_and_span_words() {
        assert_eq!(at("Talks WERE held in March.", "March"), Tense::Past);
        assert_eq!(
            at("The vote Is Expected To come in March.", "March"),
            Tense::Future
        );
        assert_eq!(
            at("The vote is expected in March.", "March"),
            Tense::Unknown
        );
        assert_eq!(
            at(
                "Supercalifragilisticexpialidocious'll start in June.",
                "June"
            ),
            Tense::Future
        );
        assert_eq!(at("Ministers SAID in March.", "March"), Tense::Past);
        assert_eq!(
            at("Élysée officials’ll meet in March.", "March"),
            Tense::Future
        );
    }

    #[test]
    fn every_cue_word_is_shorter_than_the_longest_checked() {
        let words = FUTURE_CUES.iter().flat_map(|c| c.split_whitespace());
        let past = crate::analysis::lexicon::PAST_CUES.entries();
        assert!(words.chain(past).all(|w| w.len() <= MAX_CUE_WORD));
    }

    #[test]
    fn contractions_count() {
        assert_eq!(at("They'll meet in March.", "March"), Tense::Future);
    }
}
