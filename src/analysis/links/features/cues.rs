//! Cues of how a claim is made: whether the sentence negates it ("has not
//! visited", "never") and whether it is attributed to a speaker ("Putin
//! said", "according to Reuters").

use super::tokens::Token;
use crate::analysis::lexicon::{self, WordSet};
use std::sync::LazyLock;

/// A word set loaded from its list on first use.
type Lazy = LazyLock<WordSet>;

/// Words that turn a statement into its negation.
static NEGATIONS: Lazy = Lazy::new(|| WordSet::of(&lexicon::NEGATIONS));

/// Words after "not" that do not negate the claim ("not only", "not just").
static NOT_NEGATING: Lazy = Lazy::new(|| WordSet::of(&lexicon::NOT_NEGATING));

/// Verbs that report speech.
static REPORTING_VERBS: Lazy = Lazy::new(|| WordSet::of(&lexicon::REPORTING_VERBS));

/// Pronouns that name a speaker before a reporting verb ("he said").
static SUBJECT_PRONOUNS: Lazy = Lazy::new(|| WordSet::of(&lexicon::SUBJECT_PRONOUNS));

/// Words that keep a sentence from stating its act as done
/// (`data/lexicon/guard_words.txt`).
static GUARDS: Lazy = Lazy::new(|| WordSet::of(&lexicon::GUARD_WORDS));

/// Where a sentence starts to state its act under a condition, a modal, a
/// wish or advice, or to say it did not come about ("if found guilty of
/// taking", "hopes to win", "failed to win"): the byte its first such word
/// starts at. What follows affirms nothing another sentence negates.
pub(super) fn guard(toks: &[Token<'_>]) -> Option<u32> {
    toks.iter()
        .find(|t| GUARDS.contains(&t.lower))
        .map(|t| t.start as u32)
}

/// Where the sentence negates its claim ("has not visited", "never",
/// "no longer", "didn't"): the cue and the word after it, and where the cue is.
pub(super) fn negation(text: &str, toks: &[Token<'_>]) -> Option<(String, usize)> {
    let at = toks.iter().enumerate().position(|(i, t)| {
        let w = t.lower.as_str();
        let next = toks.get(i + 1).map_or("", |n| n.lower.as_str());
        if w == "not" {
            return !NOT_NEGATING.contains(next);
        }
        if w == "no" {
            return next != "doubt";
        }
        NEGATIONS.contains(w) || w.ends_with("n't") || w.ends_with("n’t") || w == "cannot"
    })?;
    let last = (at + 1).min(toks.len() - 1);
    let written = text.get(toks[at].start..toks[last].end).unwrap_or("");
    Some((written.to_string(), at))
}

/// Who a sentence is attributed to: "X said", "said X", "he told …",
/// "according to X", or a quotation with a speech verb.
pub(super) fn attribution(text: &str, toks: &[Token<'_>]) -> Option<String> {
    for (i, t) in toks.iter().enumerate() {
        let w = t.lower.as_str();
        if w == "according" && toks.get(i + 1).is_some_and(|n| n.lower == "to") {
            return Some(speaker_after(toks, i + 2).unwrap_or_default());
        }
        if !REPORTING_VERBS.contains(w) {
            continue;
        }
        // "X said" / "X has said" / "he told"
        let before = toks[..i]
            .iter()
            .rev()
            .take(3)
            .find(|p| p.capital || SUBJECT_PRONOUNS.contains(&p.lower));
        if let Some(p) = before {
            return Some(p.raw.to_string());
        }
        if let Some(s) = speaker_after(toks, i + 1) {
            return Some(s);
        }
        let quoted = text.contains(['"', '“', '”']);
        if quoted {
            return Some(String::new());
        }
    }
    None
}

fn speaker_after(toks: &[Token<'_>], from: usize) -> Option<String> {
    let names: Vec<&str> = toks
        .iter()
        .skip(from)
        .take_while(|t| t.capital)
        .take(3)
        .map(|t| t.raw)
        .collect();
    (!names.is_empty()).then(|| names.join(" "))
}

#[cfg(test)]
mod tests {
    use crate::analysis::links::features::{claim_of, Claim};

    fn claim(text: &str) -> Claim {
        claim_of(text, "2016-09")
    }

    #[test]
    fn negation() {
        let neg = |t: &str| claim(t).negation;
        assert_eq!(
            neg("While Putin has not visited Japan even once, Abe went.").as_deref(),
            Some("not visited")
        );
        assert_eq!(
            neg("They never formally signed a peace treaty.").as_deref(),
            Some("never formally")
        );
        assert_eq!(
            neg("He is no longer in charge.").as_deref(),
            Some("no longer")
        );
        assert!(neg("The talks didn't resume.").is_some());
        assert_eq!(neg("It is not only a meeting but a landmark."), None);
        assert_eq!(neg("This month he hosted Putin in Tokyo."), None);
        let c = claim("While Putin has not visited Japan even once, Abe went.");
        assert_eq!(c.negated, vec!["visit", "japan"]);
    }

    #[test]
    fn guarded_sentences_do_not_state_their_act_as_done() {
        assert!(claim("He should be stripped of his medals if found guilty of doping.").guarded());
        assert!(claim("She is hopeful that winning will give her belief.").guarded());
        assert!(claim("Britain failed to win a single medal.").guarded());
        assert!(!claim("Britain won a single medal in the final.").guarded());
    }

    #[test]
    fn attribution() {
        assert_eq!(
            claim("“We have no problems,” he said.")
                .attribution
                .as_deref(),
            Some("he")
        );
        assert_eq!(
            claim("Putin said the talks went well.")
                .attribution
                .as_deref(),
            Some("Putin")
        );
        assert_eq!(
            claim("Before the summit, he told the Japanese media that it suits them.")
                .attribution
                .as_deref(),
            Some("he")
        );
        assert_eq!(
            claim("According to Reuters, the deal is off.")
                .attribution
                .as_deref(),
            Some("Reuters")
        );
        assert_eq!(claim("Abe met Putin in Sochi.").attribution, None);
    }
}
