//! The tense of the clause around a time expression, from lexical cues.
//!
//! `HeidelTime` infers the year of "in December" from the sentence's tense,
//! taken from a part-of-speech tagger. Without one, the nearest future or
//! past cue word stands in for it (the nearest before the expression, else
//! the nearest after it); with no cue the tense is unknown, which
//! the resolver treats as past (`HeidelTime`'s default for news).

use super::lexicon::{DETERMINERS, FORWARD_LEADS, FUTURE_CUES, NOT_PAST, PAST_CUES, SAYING_VERBS};
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
    /// A deadline or a schedule ("until Tuesday", "payable Dec. 7"): the
    /// next such day, unless one went by only days ago.
    Ahead,
}

/// The tense cues of one sentence, found once and shared by every time
/// expression in it: each cue's byte offset, length, tense and kind.
pub(super) struct Cues<'a> {
    sentence: &'a str,
    cues: Vec<(usize, usize, Tense, CueKind)>,
}

/// What sort of word a cue is, where that changes what it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    /// Any other cue.
    Plain,
    /// A verb of saying: it dates the saying, not what was said.
    Saying,
    /// The past perfect ("had", "had filed"): a time before another past.
    Perfect,
}

/// The most words that may stand between a reporting verb and the time
/// expression it dates ("said on Tuesday", "told a news conference on
/// Tuesday").
const REPORTED_GAP: usize = 5;

/// True when `gap` may stand between a reporting verb and the expression it
/// dates: a few words, with no clause boundary ("said that", a comma).
fn reported_gap(gap: &str) -> bool {
    !gap.contains([',', ';', ':', '"', '“', '”', '(', ')'])
        && gap.split_whitespace().count() <= REPORTED_GAP
        && !gap
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("that"))
}

impl<'a> Cues<'a> {
    /// Finds the cue words of `sentence`.
    pub(super) fn of(sentence: &'a str) -> Self {
        let words = words(sentence);
        let cues = words
            .iter()
            .enumerate()
            .filter_map(|(k, &(pos, w))| {
                let t = cue_tense(&words, k, w)?;
                let had = |x: &str| x.eq_ignore_ascii_case("had");
                let kind = if t != Tense::Past {
                    CueKind::Plain
                } else if SAYING_VERBS.contains(&w.to_ascii_lowercase()) {
                    CueKind::Saying
                } else if had(w) || (k > 0 && had(words[k - 1].1)) {
                    CueKind::Perfect
                } else {
                    CueKind::Plain
                };
                Some((pos, w.len(), t, kind))
            })
            .collect();
        Self { sentence, cues }
    }

    /// The tense of the nearest cue before the expression at `start..end`,
    /// else of the nearest cue after it.
    pub(super) fn tense_at(&self, start: usize, end: usize) -> Tense {
        self.governing(start, end)
            .map_or(Tense::Unknown, |(t, _)| t)
    }

    /// True when the cue that governs the expression at `start..end` is a
    /// past perfect ("had been due to expire Friday").
    pub(super) fn perfect_at(&self, start: usize, end: usize) -> bool {
        self.governing(start, end)
            .is_some_and(|(_, k)| k == CueKind::Perfect)
    }

    fn governing(&self, start: usize, end: usize) -> Option<(Tense, CueKind)> {
        let mut best: Option<(usize, Tense, CueKind)> = None;
        for &(pos, len, tense, kind) in &self.cues {
            if pos >= start && pos < end {
                continue;
            }
            let gap = if pos < start {
                self.sentence.get(pos + len..start)
            } else {
                self.sentence.get(end..pos)
            };
            // A verb of saying is the expression's tense only in its own
            // clause, a few words from it ("told reporters on Tuesday").
            if kind == CueKind::Saying && gap.is_none_or(|g| !reported_gap(g)) {
                continue;
            }
            // A cue before the expression governs it ("met Putin in May"); one
            // after it only when none comes before ("In May, Putin will come").
            let distance = if pos < start {
                start - (pos + len)
            } else {
                self.sentence.len() + pos - end
            };
            if best.is_none_or(|(d, _, _)| distance < d) {
                best = Some((distance, tense, kind));
            }
        }
        best.map(|(_, t, k)| (t, k))
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
        .take(8)
        .collect();
    let lower = |w: &str| w.to_ascii_lowercase();
    // "until 5 p.m. EST Nov. 9", "payable on Dec. 7": a clock time or "on"
    // may stand between the lead and the date.
    let mut words = before.iter().map(|w| lower(w)).peekable();
    let mut lead = words.next();
    while let Some(w) = lead.as_deref() {
        let clock = w.bytes().all(|b| b.is_ascii_digit())
            || matches!(
                w,
                "on" | "at" | "est" | "edt" | "gmt" | "midnight" | "noon" | "a" | "p" | "am" | "pm"
            );
        let meridiem = w == "m" && words.peek().is_some_and(|p| p == "a" || p == "p");
        if !(clock || meridiem) {
            break;
        }
        lead = words.next();
    }
    if let Some(w) = &lead {
        let two = words.peek().map(|p| format!("{p} {w}"));
        // A deadline in a past clause ("extended it until Nov. 9") is still
        // ahead, unless it went by only days ago ("through Oct. 19").
        if FORWARD_LEADS.contains(w) || two.is_some_and(|t| FORWARD_LEADS.contains(&t)) {
            return Some(Tense::Ahead);
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
    // "may have been", "would have gone": a modal before "have" looks back.
    if is_modal(lower) && next_is(words, k, "have") {
        return Some(Tense::Past);
    }
    let future = is_future_cue(words, k, w, lower);
    let regular = !future && regular_past(w, lower);
    let past = !future && (PAST_CUES.contains(lower) || regular);
    if past && k > 0 {
        let before = words[k - 1].1;
        // "will be held", "to be signed": a participle after a future "be"
        // is no past; after "could be" or "must be" it says nothing of time.
        if before.eq_ignore_ascii_case("be") {
            let modal = k > 1 && is_future_lead(words[k - 2].1);
            return modal.then_some(Tense::Future);
        }
        // "has invited", "have decided": the present perfect reports a
        // present state, and what follows may lie ahead.
        if regular && (before.eq_ignore_ascii_case("has") || before.eq_ignore_ascii_case("have")) {
            return None;
        }
        // "the proposed merger", "an unspecified date": a participle after
        // a determiner, or an "un-" one, is an adjective.
        if regular
            && (DETERMINERS.contains(&before.to_ascii_lowercase()) || lower.starts_with("un"))
        {
            return None;
        }
    }
    tense_of(future, past)
}

/// Modal verbs that put a clause after them in the future, or with "have"
/// in the past.
fn is_modal(lower: &str) -> bool {
    matches!(
        lower,
        "will" | "would" | "may" | "might" | "could" | "should" | "must" | "shall"
    )
}

/// Words before "be" that make a participle after it future ("will be
/// held", "to be signed").
fn is_future_lead(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    matches!(lower.as_str(), "will" | "would" | "shall" | "to" | "might")
        || lower.ends_with("'ll")
        || lower.ends_with("’ll")
}

fn next_is(words: &[(usize, &str)], k: usize, w: &str) -> bool {
    words
        .get(k + 1)
        .is_some_and(|(_, x)| x.eq_ignore_ascii_case(w))
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
