//! Journeys: who travels where, as a sentence reports it ("X's visit to
//! Y", "X will visit Y", "hosted X in Y", "inviting X to Y").
//!
//! Reports of one visit share few words: "his trip to Japan", "hosted him in
//! Tokyo", "the official visit to Japan this year". What they share is the
//! event's arguments, the traveller and the destination, which cross-document
//! event coreference compares before anything else. A journey is read off
//! the words around a travel word with a few positional rules (the nearest
//! person before it travels, the first place after it is where to). A visit
//! the sentence denies ("has not visited") is kept apart: it is no journey
//! to share, but it contradicts a report that the visit took place.

use crate::analysis::entities::Kind;
use crate::analysis::lexicon::{self, WordMap, WordSet};
use std::sync::LazyLock;

/// A journey a sentence reports, as entity ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Journey {
    /// Who travels, when the sentence names them.
    pub traveller: Option<usize>,
    /// Where to (a place or an organisation's meeting), when named.
    pub to: Option<usize>,
    /// Whether the sentence says it did not happen ("has not visited").
    pub denied: bool,
    /// The travel word, as written in lower case ("visited", "trip").
    pub word: &'static str,
}

impl Journey {
    /// Whether the sentence reports it as done: the travel word is in the
    /// past tense ("visited", "hosted", "toured"), not a plan or a noun.
    pub fn done(&self) -> bool {
        !self.denied && self.word.ends_with("ed")
    }
}

/// How a travel word places its traveller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The traveller comes before the word: "X visited Y", "X's trip to Y".
    Goes,
    /// The traveller comes after it: "hosted X in Y", "invited X to Y".
    Receives,
}

/// The travel words, in every form news text uses, and how each places its
/// traveller (`data/lexicon/travel_words.txt`; a line of an unknown form is
/// skipped, a test proves none is). Most words are none: the map's
/// pre-check rules them out by length and first letter before hashing.
static TRAVEL: LazyLock<WordMap<Form>> = LazyLock::new(|| {
    WordMap::parse(&lexicon::TRAVEL_WORDS, |form| match form {
        "goes" => Some(Form::Goes),
        "receives" => Some(Form::Receives),
        _ => None,
    })
});

/// Words after which a place is where a journey goes ("to", "in").
static DESTINATION_LEADS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::of(&lexicon::DESTINATION_LEADS));

/// Words that end the search for a destination ("from", "since").
static ORIGIN_LEADS: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&lexicon::ORIGIN_LEADS));

/// Possessives that point to the sentence's first person ("his visit").
static TRAVELLER_POSSESSIVES: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::of(&lexicon::TRAVELLER_POSSESSIVES));

/// A travel word as [`TRAVEL`] holds it, with its form; `None` for any
/// other word.
fn form(word: &str) -> Option<(&'static str, Form)> {
    TRAVEL.get_key_value(word).map(|(w, &f)| (w, f))
}

/// Whether a word (in lower case) names a journey.
pub fn is_travel_word(word: &str) -> bool {
    form(word).is_some()
}

/// How far, in words, the traveller may stand before a travel word.
const TRAVELLER_REACH: usize = 6;
/// How far, in words, the destination may stand after a travel word (or
/// after the traveller of a word that receives).
const DESTINATION_REACH: usize = 6;

/// The journeys of one sentence. `lower` are its words in lower case;
/// `named[i]` is the entity word `i` belongs to, with its kind; `denied(i)`
/// says whether a negation governs word `i`.
pub fn journeys(
    lower: &[&str],
    named: &[Option<(usize, Kind)>],
    denied: &dyn Fn(usize) -> bool,
) -> Vec<Journey> {
    let mut out = Vec::new();
    for (i, word) in lower.iter().enumerate() {
        let Some((word, form)) = form(word) else {
            continue;
        };
        let (traveller, to) = match form {
            Form::Goes => goes(i, lower, named),
            Form::Receives => receives(i, lower, named),
        };
        if traveller.is_some() || to.is_some() {
            out.push(Journey {
                traveller,
                to,
                denied: denied(i),
                word,
            });
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A journey's traveller and destination.
type Ends = (Option<usize>, Option<usize>);

fn is_traveller(kind: Kind) -> bool {
    matches!(kind, Kind::Person | Kind::Organization)
}

fn is_destination(kind: Kind) -> bool {
    matches!(kind, Kind::Place | Kind::Organization)
}

/// "X visited Y", "X's visit to Y", "his visit to Y", "the visit of X to
/// Y", "his Y visit".
fn goes(i: usize, lower: &[&str], named: &[Option<(usize, Kind)>]) -> Ends {
    let entity = |k: usize, want: fn(Kind) -> bool| {
        named
            .get(k)
            .copied()
            .flatten()
            .filter(|&(_, kind)| want(kind))
            .map(|(e, _)| e)
    };
    let mut traveller = None;
    // "the visit of X to Y"
    if lower.get(i + 1) == Some(&"of") {
        let at = if matches!(lower.get(i + 2), Some(&("the" | "a"))) {
            i + 3
        } else {
            i + 2
        };
        traveller = entity(at, is_traveller);
    }
    if traveller.is_none() {
        traveller = (i.saturating_sub(TRAVELLER_REACH)..i)
            .rev()
            .find_map(|k| entity(k, is_traveller));
    }
    // "his visit", "his official visit": the one the sentence is about, its
    // first person.
    if traveller.is_none()
        && (i.saturating_sub(3)..i).any(|k| TRAVELLER_POSSESSIVES.contains(lower[k]))
    {
        traveller = (0..i).find_map(|k| entity(k, |kind| kind == Kind::Person));
    }
    let mut to = (i + 1..(i + 1 + DESTINATION_REACH).min(lower.len()))
        .take_while(|&k| !ORIGIN_LEADS.contains(lower[k]))
        .filter(|&k| introduced(k, i, lower))
        .find_map(|k| entity(k, is_destination))
        .filter(|&d| Some(d) != traveller);
    // "his Moscow visit"
    if to.is_none() && i > 0 {
        to = entity(i - 1, |kind| kind == Kind::Place).filter(|&d| Some(d) != traveller);
    }
    (traveller, to)
}

/// Whether word `k` stands where a destination is named: right after the
/// travel word at `i` ("visit Japan") or after "to", "in", "at", "of" or
/// "into", an article between allowed ("to the forum") — not in the next
/// clause ("the tour comes as Labour…").
fn introduced(k: usize, i: usize, lower: &[&str]) -> bool {
    let mut j = k;
    while j > 0 && matches!(lower[j - 1], "the" | "a" | "an") {
        j -= 1;
    }
    j > 0 && (j - 1 == i || DESTINATION_LEADS.contains(lower[j - 1]))
}

/// "hosted X in Y", "inviting X to Y".
fn receives(i: usize, lower: &[&str], named: &[Option<(usize, Kind)>]) -> Ends {
    let at = (i + 1..(i + 4).min(named.len()))
        .find(|&k| named[k].is_some_and(|(_, kind)| is_traveller(kind)));
    let Some(at) = at else {
        return (None, None);
    };
    let traveller = named[at].map(|(e, _)| e);
    let to = (at + 1..(at + 1 + DESTINATION_REACH).min(named.len()))
        // "in Y", "to Y": the word after the traveller is not a destination.
        .filter(|&k| introduced(k, usize::MAX, lower))
        .filter_map(|k| named[k])
        .find(|&(e, kind)| Some(e) != traveller && kind == Kind::Place)
        .map(|(e, _)| e);
    (traveller, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words and entities of a sentence written with its entities marked:
    /// "[Putin:P:1]" is a one-word mention of entity 1, a person.
    fn parse(marked: &str) -> (Vec<String>, Vec<Option<(usize, Kind)>>) {
        let mut words = Vec::new();
        let mut named = Vec::new();
        for w in marked.split_whitespace() {
            if let Some(inner) = w.strip_prefix('[').and_then(|w| w.strip_suffix(']')) {
                let mut parts = inner.split(':');
                let word = parts.next().unwrap_or_default();
                let kind = match parts.next() {
                    Some("P") => Kind::Person,
                    Some("O") => Kind::Organization,
                    _ => Kind::Place,
                };
                let id = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
                for part in word.split('_') {
                    words.push(part.to_lowercase());
                    named.push(Some((id, kind)));
                }
            } else {
                words.push(w.to_lowercase());
                named.push(None);
            }
        }
        (words, named)
    }

    /// The traveller and destination of each journey of a marked sentence.
    fn read(marked: &str) -> Vec<Ends> {
        let (words, named) = parse(marked);
        let lower: Vec<&str> = words.iter().map(String::as_str).collect();
        journeys(&lower, &named, &|_| false)
            .iter()
            .map(|j| (j.traveller, j.to))
            .collect()
    }

    fn journey(traveller: Option<usize>, to: Option<usize>) -> Ends {
        (traveller, to)
    }

    #[test]
    fn every_travel_word_is_read() {
        assert_eq!(TRAVEL.len(), lexicon::TRAVEL_WORDS.lines().count());
    }

    #[test]
    fn the_traveller_comes_before_a_visit_and_the_place_after() {
        assert_eq!(
            read("President [Vladimir_Putin:P:1] will visit [Japan:L:2] in December"),
            [journey(Some(1), Some(2))]
        );
        assert_eq!(
            read("[Putin:P:1] trip to [Japan:L:2] had been postponed"),
            [journey(Some(1), Some(2))]
        );
        assert_eq!(
            read("the state visit of [Xi_Jinping:P:3] to [Paris:L:4] began"),
            [journey(Some(3), Some(4))]
        );
    }

    #[test]
    fn a_possessive_pronoun_names_the_sentences_first_person() {
        assert_eq!(
            read("[Abe:P:1] was keen to mend ties with [Ukraine:L:5] during his visit to [Moscow:L:2]"),
            [journey(Some(1), Some(2))]
        );
        assert_eq!(
            read("[Abe:P:1] spoke ahead of his [Vladivostok:L:3] visit"),
            [journey(Some(1), Some(3))]
        );
    }

    #[test]
    fn hosts_and_invitations_put_the_traveller_after_the_word() {
        assert_eq!(
            read("this month he hosted [Putin:P:1] in [Tokyo:L:2] and in [Nagato:L:3]"),
            [journey(Some(1), Some(2))]
        );
        assert_eq!(
            read("by inviting [Putin:P:1] to [Japan:L:2] in December"),
            [journey(Some(1), Some(2))]
        );
        // "the host country" receives nobody.
        assert!(read("unusual in that the host country usually announces it").is_empty());
    }

    #[test]
    fn a_place_is_no_traveller_and_a_person_no_destination() {
        // The only name before the word is a place, the only one after a person.
        assert_eq!(
            read("officials in [Berlin:L:1] said the visit to [Merkel:P:2] was cut short"),
            Vec::<Ends>::new()
        );
        assert_eq!(
            read("[Obama:P:1] plans a visit next spring"),
            [journey(Some(1), None)]
        );
    }

    #[test]
    fn a_destination_is_introduced_not_met_in_the_next_clause() {
        assert_eq!(
            read("[Kennedy:P:1] tour comes as he and [Labour:O:2] leader [Blair:P:3] campaign"),
            [journey(Some(1), None)]
        );
        assert_eq!(
            read("[Abe:P:1] visit to the [Eastern_Economic_Forum:O:2] was a showcase"),
            [journey(Some(1), Some(2))]
        );
        assert_eq!(
            read("[Abe:P:1] visit to the Russian town of [Sochi:L:2] in May"),
            [journey(Some(1), Some(2))]
        );
    }

    #[test]
    fn where_the_traveller_comes_from_is_not_where_they_go() {
        assert_eq!(
            read("[Koizumi:P:1] trip from [Tokyo:L:2] in 2003"),
            [journey(Some(1), None)]
        );
    }

    #[test]
    fn a_denied_visit_is_kept_apart_and_a_past_one_is_done() {
        let (words, named) = parse("[Putin:P:1] has not visited [Japan:L:2] even once");
        let lower: Vec<&str> = words.iter().map(String::as_str).collect();
        let denied = |i: usize| lower[i] == "visited";
        let found = journeys(&lower, &named, &denied);
        assert_eq!(found.len(), 1);
        assert!(found[0].denied && !found[0].done());
        let found = journeys(&lower, &named, &|_| false);
        assert!(!found[0].denied && found[0].done(), "{found:?}");
        let (words, named) = parse("[Putin:P:1] will visit [Japan:L:2] in December");
        let lower: Vec<&str> = words.iter().map(String::as_str).collect();
        let found = journeys(&lower, &named, &|_| false);
        assert!(!found[0].done(), "a plan is not done: {found:?}");
    }
}
