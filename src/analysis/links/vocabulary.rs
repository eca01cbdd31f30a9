//! The corpus vocabulary: every term of every claim interned once, counted
//! across the corpus and weighted by its rarity, so that a shared rare name
//! counts for more than a shared common word.
//!
//! This is the first stage of linking after the claims are built: its term
//! ids index the candidates' postings and the scores' overlaps.

use super::features::Claim;
use super::Unit;
use crate::analysis::entities::{Entity, Kind};
use crate::analysis::FnvMap;

/// What kind of thing a term stands for; each kind has its own weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TermKind {
    Word,
    Name,
    Bigram,
    Entity,
    Year,
    Month,
    Day,
    Amount,
    Unit,
    /// A journey: who travels where ([`journeys`]).
    Journey,
}

impl TermKind {
    /// How much a shared term of this kind counts, relative to a word of
    /// the same rarity.
    fn weight(self) -> f32 {
        match self {
            // Names say what a claim is about more than other words do.
            Self::Name | Self::Entity => 2.0,
            Self::Word | Self::Amount | Self::Month | Self::Day => 1.0,
            Self::Bigram | Self::Year => 0.6,
            Self::Unit => 0.4,
            // Who travels where is one event's two arguments: more specific
            // than either name.
            Self::Journey => 3.0,
        }
    }

    /// Whether it names what a claim is about, rather than a date or number.
    pub(super) fn lexical(self) -> bool {
        matches!(
            self,
            Self::Word | Self::Name | Self::Bigram | Self::Entity | Self::Journey
        )
    }
}

/// A term as the claims hold it, borrowed: interning one allocates only
/// when the term is new to the corpus.
#[derive(Clone, Copy)]
enum Key<'a> {
    /// A stemmed word (its kind, word or name, is the first one seen).
    Word(&'a str, TermKind),
    Bigram(&'a str),
    Entity(usize),
    /// A year, month or day: (year, month or 0, day or 0).
    Date(i16, i8, i8),
    Amount(&'a str, f64),
    Unit(&'a str),
    /// A journey's traveller and destination, [`NOBODY`] for one not named.
    Journey(usize, usize),
}

/// The traveller or destination of a journey that does not name it.
const NOBODY: usize = usize::MAX;

/// The corpus vocabulary: term ids, kinds and weights.
#[derive(Default)]
pub(super) struct Vocabulary {
    /// Term ids by key, one map per kind of key.
    words: FnvMap<String, u32>,
    bigrams: FnvMap<String, u32>,
    entities: FnvMap<usize, u32>,
    dates: FnvMap<(i16, i8, i8), u32>,
    amounts: FnvMap<(String, u64), u32>,
    units: FnvMap<String, u32>,
    journeys: FnvMap<(usize, usize), u32>,
    /// Each term written out ("w:stem", "e:3", "m:2016-5"), for explanations.
    pub(super) keys: Vec<String>,
    /// Each term's kind.
    pub(super) kinds: Vec<TermKind>,
    /// In how many sentences each term occurs.
    pub(super) df: Vec<u32>,
    /// Each term's weight: its rarity, squared, times its kind's weight.
    pub(super) weight: Vec<f32>,
    /// The country each place lies in, by entity id ([`countries_of`]).
    pub(super) within: Vec<Option<usize>>,
}

impl Vocabulary {
    /// Interns the terms of every unit's claim, counts in how many
    /// sentences each occurs and weighs each by its rarity: fills each
    /// unit's `terms` (sorted, no duplicates) and drops its phrases, which
    /// count only as terms from here on.
    pub(super) fn build(units: &mut [Unit<'_>], entities: &[Entity]) -> Self {
        let mut vocab = Vocabulary {
            within: countries_of(entities),
            ..Vocabulary::default()
        };
        // Serial, so that term ids are the same from run to run; the keys are
        // borrowed from the claims, so a term already seen costs one lookup.
        for u in units.iter_mut() {
            let mut terms: Vec<u32> = claim_terms(&u.claim).map(|k| vocab.intern(k)).collect();
            terms.sort_unstable();
            terms.dedup();
            for &t in &terms {
                vocab.df[t as usize] += 1;
            }
            u.terms = terms;
            // Phrases count only as terms from here on.
            u.claim.bigrams = Vec::new();
        }
        let n = units.len().max(1) as f32;
        vocab.weight = vocab
            .df
            .iter()
            .zip(&vocab.kinds)
            .map(|(&df, kind)| {
                // Rarity relative to the rarest possible term, so that scores
                // mean the same in a corpus of five articles or ten thousand.
                let idf = (n / df.max(1) as f32).ln().max(0.0) / n.ln().max(1.0);
                idf * idf * kind.weight()
            })
            .collect();
        vocab
    }
    fn intern(&mut self, key: Key<'_>) -> u32 {
        let found = match key {
            Key::Word(w, _) => self.words.get(w),
            Key::Bigram(b) => self.bigrams.get(b),
            Key::Entity(e) => self.entities.get(&e),
            Key::Date(y, m, d) => self.dates.get(&(y, m, d)),
            Key::Amount(u, v) => self.amounts.get(&(u.to_string(), v.to_bits())),
            Key::Unit(u) => self.units.get(u),
            Key::Journey(t, d) => self.journeys.get(&(t, d)),
        };
        if let Some(&id) = found {
            return id;
        }
        // Fewer than 2^32 distinct terms: a corpus would need far more text
        // than fits in memory to exceed it.
        let id = u32::try_from(self.kinds.len()).unwrap_or(u32::MAX);
        let (written, kind) = match key {
            Key::Word(w, kind) => {
                self.words.insert(w.to_string(), id);
                (format!("w:{w}"), kind)
            }
            Key::Bigram(b) => {
                self.bigrams.insert(b.to_string(), id);
                (format!("b:{b}"), TermKind::Bigram)
            }
            Key::Entity(e) => {
                self.entities.insert(e, id);
                (format!("e:{e}"), TermKind::Entity)
            }
            Key::Date(y, m, d) => {
                self.dates.insert((y, m, d), id);
                match (m, d) {
                    (0, _) => (format!("y:{y}"), TermKind::Year),
                    (m, 0) => (format!("m:{y}-{m}"), TermKind::Month),
                    (m, d) => (format!("d:{y}-{m}-{d}"), TermKind::Day),
                }
            }
            Key::Amount(u, v) => {
                self.amounts.insert((u.to_string(), v.to_bits()), id);
                (format!("q:{u}:{v}"), TermKind::Amount)
            }
            Key::Unit(u) => {
                self.units.insert(u.to_string(), id);
                (format!("u:{u}"), TermKind::Unit)
            }
            Key::Journey(t, d) => {
                self.journeys.insert((t, d), id);
                let side = |e: usize| {
                    if e == NOBODY {
                        "-".to_string()
                    } else {
                        e.to_string()
                    }
                };
                (format!("j:{}>{}", side(t), side(d)), TermKind::Journey)
            }
        };
        self.keys.push(written);
        self.kinds.push(kind);
        self.df.push(0);
        id
    }

    /// The id of a stemmed word, if the corpus has it.
    pub(super) fn word(&self, stem: &str) -> Option<u32> {
        self.words.get(stem).copied()
    }
}

/// The terms of a claim, in the order they are interned.
fn claim_terms(claim: &Claim) -> impl Iterator<Item = Key<'_>> {
    let words = claim.words.iter().map(|(w, _)| {
        let kind = if claim.names.contains(w) {
            TermKind::Name
        } else {
            TermKind::Word
        };
        Key::Word(w, kind)
    });
    let bigrams = claim.bigrams.iter().map(|b| Key::Bigram(b));
    let entities = claim.entities.iter().map(|&e| Key::Entity(e));
    let dates = claim.dates.iter().flat_map(|d| {
        let v = d.value;
        let month = v.month.map(|m| Key::Date(v.year, m, 0));
        let day = v.month.zip(v.day).map(|(m, d)| Key::Date(v.year, m, d));
        std::iter::once(Key::Date(v.year, 0, 0))
            .chain(month)
            .chain(day)
    });
    let quantities = claim
        .quantities
        .iter()
        .flat_map(|q| [Key::Amount(&q.unit, q.value), Key::Unit(&q.unit)]);
    // A journey is a term, and so are its traveller and its destination
    // alone, so that "his visit" matches "his visit to Japan"; two journeys
    // that share only one of them are told apart when scored
    // ([`journeys_differ`]).
    let journeys = claim.journeys.iter().filter(|j| !j.denied).flat_map(|j| {
        let (t, d) = (j.traveller.unwrap_or(NOBODY), j.to.unwrap_or(NOBODY));
        let whole = (t != NOBODY && d != NOBODY).then_some(Key::Journey(t, d));
        let traveller = (t != NOBODY).then_some(Key::Journey(t, NOBODY));
        let to = (d != NOBODY).then_some(Key::Journey(NOBODY, d));
        whole.into_iter().chain(traveller).chain(to)
    });
    words
        .chain(bigrams)
        .chain(journeys)
        .chain(entities)
        .chain(dates)
        .chain(quantities)
}

/// The country each place entity lies in, by entity id, as the gazetteer
/// knows it: the country's own entity when the corpus names it, else an id
/// past the end of `entities` that stands for it.
fn countries_of(entities: &[Entity]) -> Vec<Option<usize>> {
    use crate::analysis::entities::gazetteer::Gazetteer;
    let g = Gazetteer::get();
    let entry = |e: &Entity| (e.kind == Kind::Place).then(|| g.lookup(&e.name)).flatten();
    let by_entry: FnvMap<usize, usize> = entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((entry(e)?, i)))
        .collect();
    entities
        .iter()
        .map(|e| {
            let country = g.entries[entry(e)?].within?;
            Some(
                by_entry
                    .get(&country)
                    .copied()
                    .unwrap_or(entities.len() + country),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::links::scoring::near;

    #[test]
    fn a_city_lies_in_its_country_and_nowhere_else() {
        let names = |n: &[&str]| -> Vec<Entity> {
            n.iter()
                .map(|&name| Entity {
                    name: name.to_string(),
                    kind: Kind::Place,
                    aliases: Vec::new(),
                })
                .collect()
        };
        let within = countries_of(&names(&["Osaka", "Japan", "Glasgow", "Canada"]));
        assert_eq!(within[0], Some(1), "Osaka is in Japan, entity 1");
        assert_eq!(within[1], None);
        // Glasgow's country is not in the corpus: an id of its own, past the end.
        assert!(within[2].is_some_and(|c| c >= 4));
        assert_eq!(within[3], None);
        assert!(near(&within, 0, 1) && near(&within, 1, 0) && near(&within, 2, 2));
        assert!(!near(&within, 0, 3) && !near(&within, 0, 2));
    }
}
