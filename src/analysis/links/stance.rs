//! Stances: which side of an opposition a sentence takes on something —
//! in or out of it ("joined the sanctions" / "broke ranks with the
//! sanctions"), confirmed or denied.
//!
//! Two reports that take opposite sides on the same thing disagree even when
//! neither is negated and they share few words: this is the antonymy case of
//! contradiction (de Marneffe et al. 2008), limited to a small table of
//! general predicates so that it stays precise. A negation just before the
//! cue flips its side ("cannot opt out" is staying in). The cues and the
//! negators are data: `data/lexicon/stance_cues.txt` and
//! `stance_negators.txt`.

use crate::analysis::lexicon::{self, WordSet};
use crate::analysis::FnvMap;
use std::sync::LazyLock;

/// The opposition a cue belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// Taking part in something, or leaving it.
    Membership,
    /// Saying something is so, or that it is not.
    Confirmation,
}

impl Axis {
    /// The two sides, for explanations ("in vs out").
    pub fn sides(self) -> (&'static str, &'static str) {
        match self {
            Self::Membership => ("in", "out"),
            Self::Confirmation => ("confirmed", "denied"),
        }
    }
}

/// One cue: its words (lower case, in order), its axis and its side, and
/// whether it takes a side only on a report noun after it ("dismissed
/// reports that": a `disputed` cue).
#[derive(Debug)]
struct Cue {
    words: Vec<&'static str>,
    axis: Axis,
    positive: bool,
    report: bool,
}

/// The cues of `data/lexicon/stance_cues.txt`, by their first word: each
/// word of a sentence is one lookup. Inflected forms are listed rather than
/// stemmed: stems conflate words of opposite sides ("contract" the noun and
/// the verb). A line of an unknown side is skipped (a test proves none is).
static BY_FIRST: LazyLock<FnvMap<&'static str, Vec<Cue>>> = LazyLock::new(|| {
    let mut map: FnvMap<&'static str, Vec<Cue>> = FnvMap::default();
    for (side, words) in lexicon::STANCE_CUES.pairs() {
        let (axis, positive, report) = match side {
            "in" => (Axis::Membership, true, false),
            "out" => (Axis::Membership, false, false),
            "confirmed" => (Axis::Confirmation, true, false),
            "denied" => (Axis::Confirmation, false, false),
            "disputed" => (Axis::Confirmation, false, true),
            _ => continue,
        };
        let words: Vec<&'static str> = words.split_whitespace().collect();
        if let Some(&first) = words.first() {
            map.entry(first).or_default().push(Cue {
                words,
                axis,
                positive,
                report,
            });
        }
    }
    map
});

/// Words that negate a cue when one of them comes just before it.
static NEGATORS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&lexicon::STANCE_NEGATORS));

/// How many words after the cue, and before it, name what the stance is
/// about ("the sanctions it joined", "joined the sanctions").
const OBJECT_WINDOW: usize = 6;
const SUBJECT_WINDOW: usize = 3;

/// A stance a sentence takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stance {
    /// The opposition.
    pub axis: Axis,
    /// Which side, after any negation.
    pub positive: bool,
    /// Whether a negation flipped the cue's side.
    pub negated: bool,
    /// The cue as written in lower case ("broke ranks", "cannot opt out").
    pub cue: String,
    /// Stems of the words around the cue: what the stance is about.
    pub object: Vec<String>,
    /// The stem of the verb of the clause the cue governs ("fail" in
    /// "denied the talks had failed", "ply" in "denies plying a boy"), when
    /// there is one: a denial of a noun ("denied the charges") denies no
    /// act another sentence could state.
    pub predicate: Option<String>,
    /// Whether a modal or a condition stands among the three words before
    /// the cue ("may also take part", "if it joins"): a side considered, not
    /// taken.
    pub modal: bool,
}

/// Nouns of a report that a cue may take before what it is about ("denied
/// claims that he faked", "dismissed reports of a rift"): the stance is
/// about what follows them (`data/lexicon/report_nouns.txt`).
static REPORT_NOUNS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&lexicon::REPORT_NOUNS));

/// Where a report noun a cue ending at `end` takes ends ("the claims",
/// "reports"), if it takes one.
fn report_noun(words: &[&str], end: usize) -> Option<usize> {
    let mut k = end;
    if matches!(words.get(k), Some(&("the" | "any" | "these" | "those")))
        && words.get(k + 1).is_some_and(|w| REPORT_NOUNS.contains(w))
    {
        k += 1;
    }
    words
        .get(k)
        .is_some_and(|w| REPORT_NOUNS.contains(w))
        .then_some(k + 1)
}

/// Where what a cue ending at `end` is about begins: after a report noun
/// it takes ("the claims that", "reports of"), else at `end`.
fn about_from(words: &[&str], end: usize) -> usize {
    let Some(mut k) = report_noun(words, end) else {
        return end;
    };
    if matches!(words.get(k), Some(&("that" | "of"))) {
        k += 1;
    }
    k
}

/// Words that, just before a cue, make its side one considered rather than
/// taken (`data/lexicon/modal_words.txt`).
static MODALS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&lexicon::MODAL_WORDS));

/// Words after which the next content word is the verb of a clause: the
/// auxiliaries and the subject pronouns ("the talks had failed", "that they
/// conspired").
const CLAUSE_LEADS: &[&str] = &[
    "had", "has", "have", "was", "were", "is", "are", "be", "been", "being", "did", "does", "do",
    "would", "will", "could", "he", "she", "they", "it", "we", "i", "you",
];

/// The verb of the clause after a cue ending at `end`: the first content
/// word after an auxiliary or a subject pronoun (adverbs in "-ly" between),
/// or a word in "-ing" just after the cue ("denies plying", "denied ever
/// taking").
fn predicate(
    words: &[&str],
    end: usize,
    stem: &dyn Fn(&str) -> String,
    content: &dyn Fn(usize) -> bool,
) -> Option<String> {
    let stop = (end + OBJECT_WINDOW).min(words.len());
    let mut k = end;
    while k < stop && matches!(words[k], "ever" | "that" | "having") {
        k += 1;
    }
    if k < stop && words[k].ends_with("ing") && content(k) {
        return Some(stem(words[k]));
    }
    for k in end..stop {
        if !CLAUSE_LEADS.contains(&words[k]) {
            continue;
        }
        let verb = (k + 1..stop)
            .find(|&v| !(words[v].ends_with("ly") || words[v] == "not" || words[v] == "been"));
        if let Some(v) = verb.filter(|&v| content(v)) {
            return Some(stem(words[v]));
        }
    }
    None
}

/// The stances of a sentence, given its words in lower case and a stemmer
/// for the object words; `content(i)` says whether word `i` can name what
/// a stance is about (a content word, not a name: "Japan joined" and "Japan
/// did not join an alliance" are about different things).
pub fn stances(
    words: &[&str],
    stem: &dyn Fn(&str) -> String,
    content: &dyn Fn(usize) -> bool,
) -> Vec<Stance> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // The longest cue here; a disputed cue reaches over its report noun.
        let Some((cue, end)) = BY_FIRST.get(words[i]).and_then(|cues| {
            cues.iter()
                .filter(|c| words[i..].starts_with(&c.words))
                .filter_map(|c| {
                    let end = i + c.words.len();
                    if c.report {
                        report_noun(words, end).map(|e| (c, e))
                    } else {
                        Some((c, end))
                    }
                })
                .max_by_key(|&(_, end)| end)
        }) else {
            i += 1;
            continue;
        };
        let negated = words[i.saturating_sub(3)..i]
            .iter()
            .any(|w| NEGATORS.contains(w));
        let from = about_from(words, end);
        let object: Vec<String> = (i.saturating_sub(SUBJECT_WINDOW)..i)
            .chain(from..(from + OBJECT_WINDOW).min(words.len()))
            // A negator before the cue flips it; after it, it is what the
            // stance is about ("denied the talks had failed").
            .filter(|&k| content(k) && (k >= end || !NEGATORS.contains(words[k])))
            .map(|k| stem(words[k]))
            .collect();
        let mut written = words[i.saturating_sub(3)..i]
            .iter()
            .skip_while(|w| !NEGATORS.contains(w))
            .copied()
            .collect::<Vec<_>>();
        written.extend_from_slice(&words[i..end]);
        out.push(Stance {
            axis: cue.axis,
            positive: cue.positive != negated,
            negated,
            cue: written.join(" "),
            object,
            predicate: predicate(words, from, stem, content),
            modal: words[i.saturating_sub(3)..i]
                .iter()
                .any(|w| MODALS.contains(w)),
        });
        i = end;
    }
    out
}

/// Two stances on opposite sides of one axis about a shared object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opposition {
    /// The opposition's axis.
    pub axis: Axis,
    /// The cues, as "“a” vs “b”".
    pub cues: String,
    /// The stems of the object words both name.
    pub shared: Vec<String>,
}

/// The first opposition between the stances of two sentences, if any.
pub fn opposed(a: &[Stance], b: &[Stance]) -> Option<Opposition> {
    a.iter().find_map(|x| {
        b.iter().find_map(|y| {
            if x.axis != y.axis || x.positive == y.positive || x.modal || y.modal {
                return None;
            }
            let shared: Vec<String> = x
                .object
                .iter()
                .filter(|o| y.object.contains(o))
                .cloned()
                .collect();
            (!shared.is_empty()).then(|| Opposition {
                axis: x.axis,
                cues: format!("“{}” vs “{}”", x.cue, y.cue),
                shared,
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Vec<Stance> {
        let raw: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        let lower: Vec<String> = raw.iter().map(|w| w.to_lowercase()).collect();
        let words: Vec<&str> = lower.iter().map(String::as_str).collect();
        let stop = [
            "the", "a", "of", "in", "with", "other", "its", "to", "any", "against",
        ];
        stances(&words, &|w| w.trim_end_matches('s').to_string(), &|i| {
            !stop.contains(&words[i]) && !raw[i].starts_with(char::is_uppercase)
        })
    }

    #[test]
    fn cues_take_a_side_and_an_object() {
        let s = of("Japan joined other G-7 countries in enforcing sanctions against Russia.");
        assert_eq!(s[0].axis, Axis::Membership);
        assert!(s[0].positive);
        assert!(s[0].object.contains(&"sanction".to_string()));
        let s = of("Continuing to break ranks with the G7's sanctions policies, he pressed on.");
        assert_eq!((s[0].axis, s[0].positive), (Axis::Membership, false));
        assert_eq!(s[0].cue, "break ranks");
    }

    #[test]
    fn a_cue_taking_a_report_is_about_what_it_reports() {
        let s = of("He has denied claims that he faked a motorbike crash last week.");
        assert!(s[0]
            .predicate
            .as_deref()
            .is_some_and(|p| p.starts_with("fake")));
        assert!(
            s[0].object.iter().any(|o| o.starts_with("crash")),
            "{:?}",
            s[0]
        );
        assert!(!s[0].object.iter().any(|o| o.starts_with("claim")));
        let s = of("The club denied the reports of a rift between the coach and players.");
        assert!(s[0].object.iter().any(|o| o == "rift"), "{:?}", s[0]);
    }

    #[test]
    fn a_negation_before_the_cue_flips_the_side() {
        let s = of("It cannot opt out of the sanctions regime.");
        assert_eq!((s[0].positive, s[0].cue.as_str()), (true, "cannot opt out"));
        let s = of("The ministry did not confirm the talks.");
        assert_eq!((s[0].axis, s[0].positive), (Axis::Confirmation, false));
    }

    #[test]
    fn opposite_sides_on_a_shared_object_are_opposed() {
        let joined = of("Japan is a participant in the sanctions imposed on Russia.");
        let broke = of("Tokyo broke ranks with the sanctions.");
        let stayed = of("It cannot opt out of the sanctions regime.");
        assert!(opposed(&joined, &broke).is_some());
        assert!(opposed(&stayed, &broke).is_some());
        assert_eq!(opposed(&joined, &stayed), None, "both are in");
        // Opposite sides about different things are no disagreement.
        let denied = of("The ministry denied the merger talks.");
        assert_eq!(
            opposed(&denied, &of("The bank confirmed its results.")),
            None
        );
        assert!(opposed(&denied, &of("Officials confirmed talks on a merger.")).is_some());
        assert_eq!(
            opposed(&denied, &of("Officials denied talks on a merger.")),
            None
        );
    }

    #[test]
    fn a_side_considered_is_not_a_side_taken() {
        let may = of("The firm may also take part in the tender for the projects.");
        let not = of("The rival did not plan to take part in the tender.");
        assert!(may[0].modal);
        assert_eq!(opposed(&may, &not), None);
    }

    #[test]
    fn sharing_only_a_name_is_not_a_shared_object() {
        let joined = of("Japan joined the sanctions against Russia.");
        let not_joining = of("Japan is not joining any alliance against Russia.");
        assert_eq!(opposed(&joined, &not_joining), None);
    }

    #[test]
    fn a_denial_names_the_act_it_denies() {
        let predicate = |t: &str| of(t)[0].predicate.clone();
        assert_eq!(
            predicate("The minister denied the talks had failed."),
            Some("failed".into())
        );
        assert_eq!(
            predicate("He denies plying a boy with alcohol."),
            Some("plying".into())
        );
        assert_eq!(
            predicate("She denied ever taking banned substances."),
            Some("taking".into())
        );
        // A noun denied is no act.
        assert_eq!(predicate("He has denied charges of fraud."), None);
        assert_eq!(predicate("They all denied any wrongdoing."), None);
    }

    #[test]
    fn every_cue_is_read() {
        let read: usize = BY_FIRST.values().map(Vec::len).sum();
        assert_eq!(read, lexicon::STANCE_CUES.lines().count());
    }

    #[test]
    fn sentences_without_cues_have_no_stance() {
        assert!(of("The summit was held in the capital on Monday.").is_empty());
    }
}
