//! The tense of the clause around a time expression, from lexical cues.
//!
//! HeidelTime infers the year of "in December" from the sentence's tense,
//! taken from a part-of-speech tagger. Without one, the nearest future or
//! past cue word stands in for it (the nearest before the expression, else
//! the nearest after it); with no cue the tense is unknown, which
//! the resolver treats as past (HeidelTime's default for news).

use super::lexicon::{FUTURE_CUES, PAST_CUES};

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

/// The tense of the nearest cue before the expression at `start..end` of
/// `sentence`, else of the nearest cue after it.
pub(super) fn tense_at(sentence: &str, start: usize, end: usize) -> Tense {
    let words = words(sentence);
    let mut best: Option<(usize, Tense)> = None;
    for (k, &(pos, w)) in words.iter().enumerate() {
        if pos >= start && pos < end {
            continue;
        }
        let lower = w.to_lowercase();
        let future = is_future_cue(&words, k, w, &lower);
        let past = !future && PAST_CUES.contains(&lower.as_str());
        if !(future || past) {
            continue;
        }
        // A cue before the expression governs it ("met Putin in May"); one
        // after it only when none comes before ("In May, Putin will come").
        let distance = if pos < start {
            start - (pos + w.len())
        } else {
            sentence.len() + pos - end
        };
        let tense = if future { Tense::Future } else { Tense::Past };
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, tense));
        }
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}

fn is_future_cue(words: &[(usize, &str)], k: usize, w: &str, lower: &str) -> bool {
    // The modal "may", never the month.
    if w == "may" || lower.ends_with("'ll") || lower.ends_with("’ll") {
        return true;
    }
    FUTURE_CUES.iter().any(|cue| {
        let mut parts = cue.split(' ');
        parts.next() == Some(lower)
            && parts.enumerate().all(|(j, p)| {
                words
                    .get(k + 1 + j)
                    .is_some_and(|(_, x)| x.eq_ignore_ascii_case(p))
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
        assert_eq!(at("In May the talks stalled.", "May"), Tense::Unknown);
        assert_eq!(at("Japan may accept it in June.", "June"), Tense::Future);
    }

    #[test]
    fn contractions_count() {
        assert_eq!(at("They'll meet in March.", "March"), Tense::Future);
    }
}
