//! The corpus vocabulary: every term of every claim interned once, counted
//! across the corpus and weighted by its rarity there and in news at large,
//! so that a shared rare name counts for more than a shared common word.
//!
//! This is the first stage of linking after the claims are built: its term
//! ids index the candidates' postings and the scores' overlaps. It also
//! holds what the scores need of each article: its main words, for how alike
//! two articles are, its publication date, and which story it tells
//! ([`super::stories`]), so that two stories of one kind are not linked.

use super::background;
use super::features::Claim;
use super::model::{slot, Model};
use super::stories::{self, Stories};
use super::Unit;
use crate::analysis::entities::{Entity, Kind};
use crate::analysis::FnvMap;
use crate::corpus::PartialDate;
use serde::{Deserialize, Serialize};

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
    /// A kind of event its words name ("fire" for "blaze"):
    /// `data/lexicon/event_words.txt`.
    Event,
}

impl TermKind {
    /// The model's feature slot that sums shared terms of this kind by their
    /// rarity in the corpus.
    pub(super) fn slot(self) -> usize {
        match self {
            Self::Word => slot::WORD,
            Self::Name => slot::NAME,
            Self::Entity => slot::ENTITY,
            Self::Bigram => slot::PHRASE,
            Self::Event => slot::EVENT,
            Self::Journey => slot::JOURNEY,
            Self::Day => slot::DAY,
            Self::Month => slot::MONTH,
            Self::Year => slot::YEAR,
            Self::Amount => slot::AMOUNT,
            Self::Unit => slot::UNIT,
        }
    }

    /// The slot that sums shared terms of this kind by their rarity in news
    /// at large, for the kinds that have one.
    pub(super) fn background_slot(self) -> Option<usize> {
        match self {
            Self::Word | Self::Name => Some(slot::WORD_BG),
            Self::Event => Some(slot::EVENT_BG),
            _ => None,
        }
    }

    /// Whether it names what a claim is about, rather than a date or number.
    pub(super) fn lexical(self) -> bool {
        matches!(
            self,
            Self::Word | Self::Name | Self::Bigram | Self::Entity | Self::Journey | Self::Event
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
    /// An event kind.
    Event(&'static str),
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
    events: FnvMap<&'static str, u32>,
    /// Each term written out ("w:stem", "e:3", "m:2016-5"), for explanations.
    pub(super) keys: Vec<String>,
    /// Each term's kind.
    pub(super) kinds: Vec<TermKind>,
    /// In how many sentences of the corpus each term occurs.
    pub(super) df: Vec<u32>,
    /// In how many of the units this vocabulary was built over each term
    /// occurs: `df` when they are the whole corpus, fewer when they are some
    /// of its articles ([`Vocabulary::build_within`]).
    pub(super) counted: Vec<u32>,
    /// Each term's rarity in the corpus, 0–1, squared: `(ln(N/df) / ln N)²`
    /// over the N sentences.
    pub(super) rarity: Vec<f32>,
    /// Each word's, name's or event kind's rarity in news at large
    /// ([`background`]) times its rarity in the corpus (both unsquared):
    /// a word rare in news counts, but not one in every sentence of the
    /// folder; 0 for other terms.
    pub(super) background: Vec<f32>,
    /// Each word's or name's rarity in news at large alone, unsquared (0 for
    /// other terms): what describes an article.
    news: Vec<f32>,
    /// Each term's weight: what sharing it adds to a pair's `z`, before the
    /// length damping (its rarities times the model's weights for its kind).
    pub(super) weight: Vec<f32>,
    /// The country each place lies in, by entity id ([`countries_of`]).
    pub(super) within: Vec<Option<usize>>,
    /// What the scores need of each article, by article index.
    pub(super) articles: Vec<ArticleProfile>,
    /// Which story each article tells ([`stories`]).
    pub(super) stories: Stories,
}

/// How many sentences of a corpus hold each term, kept with its analysis so
/// that articles added later are weighed against the whole corpus without
/// building the claims of every sentence again. Terms are known by a hash
/// of their written key ([`Vocabulary::keys`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TermCounts {
    /// How many sentences were counted.
    pub sentences: u64,
    /// (term hash, sentences holding it), sorted by hash.
    df: Vec<(u64, u32)>,
}

impl TermCounts {
    /// The stable hash of a written term key.
    fn hash(key: &str) -> u64 {
        use std::hash::Hasher;
        let mut h = crate::analysis::Fnv::default();
        h.write(key.as_bytes());
        h.finish()
    }

    /// In how many counted sentences the term `key` occurs.
    fn of(&self, key: &str) -> u32 {
        let h = Self::hash(key);
        self.df
            .binary_search_by_key(&h, |&(k, _)| k)
            .map_or(0, |i| self.df[i].1)
    }

    /// How many distinct terms were counted.
    pub fn terms(&self) -> usize {
        self.df.len()
    }
}

/// What the scores need of one article.
#[derive(Default)]
pub(super) struct ArticleProfile {
    /// Its main words (term ids, sorted) with their weights, the vector of
    /// unit length: two articles' dot product is how alike they are.
    pub(super) words: Vec<(u32, f32)>,
    /// When it was published.
    pub(super) published: Option<PartialDate>,
    /// The places it names (entity ids, sorted).
    pub(super) places: Vec<usize>,
    /// The people it names (entity ids, sorted).
    pub(super) persons: Vec<usize>,
    /// The year of its story: the latest year it states or was published
    /// in, none past the year after publication (a plan, not the news).
    pub(super) year: Option<i16>,
    /// How many sentences it has.
    pub(super) sentences: u32,
    /// The entities it names (term ids, sorted), weighted by how many of its
    /// sentences name them and how rare they are in the corpus, to unit
    /// length: two articles of one story name the same people and places,
    /// two stories of one kind (two fires, two shootings) share only words.
    pub(super) names: Vec<(u32, f32)>,
}

/// How many words describe an article ([`ArticleProfile::words`]).
const PROFILE_WORDS: usize = 48;

impl Vocabulary {
    /// Interns the terms of every unit's claim, counts in how many
    /// sentences each occurs and weighs each by its rarity: fills each
    /// unit's `terms` (sorted, no duplicates) and drops its phrases, which
    /// count only as terms from here on.
    pub(super) fn build(
        units: &mut [Unit<'_>],
        entities: &[Entity],
        published: &[Option<PartialDate>],
        model: &Model,
    ) -> Self {
        let mut vocab = Self::count(units, entities);
        vocab.df.clone_from(&vocab.counted);
        vocab.weigh(units, published, model, units.len());
        vocab
    }

    /// As [`Vocabulary::build`] for some articles of a larger corpus whose
    /// other articles were counted before (`prior`): a term's rarity is
    /// its rarity in the whole corpus, `prior`'s counts plus those of the
    /// units of the articles marked `fresh` (the others are in `prior`
    /// already), so that a pair's score means what it would in an analysis
    /// of the whole.
    pub(super) fn build_within(
        units: &mut [Unit<'_>],
        entities: &[Entity],
        published: &[Option<PartialDate>],
        model: &Model,
        prior: &TermCounts,
        fresh: &[bool],
    ) -> Self {
        let mut vocab = Self::count(units, entities);
        let (added, counted) = vocab.count_fresh(units, fresh);
        vocab.df = vocab
            .keys
            .iter()
            .zip(counted)
            .map(|(k, n)| prior.of(k) + n)
            .collect();
        let n = usize::try_from(prior.sentences + added).unwrap_or(usize::MAX);
        vocab.weigh(units, published, model, n);
        vocab
    }

    /// Interns the terms of every unit's claim and counts in how many of
    /// these units each occurs (`counted`): fills each unit's `terms`
    /// (sorted, no duplicates) and drops its phrases, which count only as
    /// terms from here on.
    fn count(units: &mut [Unit<'_>], entities: &[Entity]) -> Self {
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
                vocab.counted[t as usize] += 1;
            }
            u.terms = terms;
            // Phrases count only as terms from here on.
            u.claim.bigrams = Vec::new();
        }
        vocab
    }

    /// Each term's rarities and weight from `df` over `n` sentences, and
    /// each article's profile.
    fn weigh(
        &mut self,
        units: &[Unit<'_>],
        published: &[Option<PartialDate>],
        model: &Model,
        n: usize,
    ) {
        let vocab = self;
        let n = n.max(1) as f32;
        vocab.rarity = vocab
            .df
            .iter()
            .map(|&df| {
                // Rarity relative to the rarest possible term, so that scores
                // mean the same in a corpus of five articles or ten thousand.
                let idf = (n / df.max(1) as f32).ln().max(0.0) / n.ln().max(1.0);
                idf * idf
            })
            .collect();
        vocab.news = vocab
            .keys
            .iter()
            .zip(&vocab.kinds)
            .map(|(key, kind)| match kind {
                TermKind::Word | TermKind::Name => background::rarity(&key[2..]),
                TermKind::Event => background::event_rarity(&key[2..]),
                _ => 0.0,
            })
            .collect();
        vocab.background = vocab
            .news
            .iter()
            .zip(&vocab.rarity)
            .map(|(bg, r)| bg * r.sqrt())
            .collect();
        vocab.weight = (0..vocab.kinds.len())
            .map(|t| {
                let kind = vocab.kinds[t];
                let bg = kind
                    .background_slot()
                    .map_or(0.0, |s| model.w[s] * vocab.background[t]);
                model.w[kind.slot()] * vocab.rarity[t] + bg
            })
            .collect();
        vocab.articles = profiles(units, vocab, published);
        vocab.stories = stories::group(units, &vocab.kinds, &vocab.news, published.len());
    }

    /// What this vocabulary counted, for a later [`Vocabulary::build_within`]
    /// over a grown corpus: every term's count over the units built here.
    pub(super) fn counts(&self, sentences: usize) -> TermCounts {
        let mut df: Vec<(u64, u32)> = self
            .keys
            .iter()
            .zip(&self.counted)
            .map(|(k, &n)| (TermCounts::hash(k), n))
            .collect();
        df.sort_unstable();
        TermCounts {
            sentences: sentences as u64,
            df,
        }
    }

    /// `prior` with the terms of the units of the `fresh` articles added.
    pub(super) fn counts_added(
        &self,
        prior: &TermCounts,
        units: &[Unit<'_>],
        fresh: &[bool],
    ) -> TermCounts {
        let (sentences, counted) = self.count_fresh(units, fresh);
        let mut added: FnvMap<u64, u32> = self
            .keys
            .iter()
            .zip(counted)
            .filter(|&(_, n)| n > 0)
            .map(|(k, n)| (TermCounts::hash(k), n))
            .collect();
        let mut df = prior.df.clone();
        for (h, n) in &mut df {
            if let Some(more) = added.remove(h) {
                *n += more;
            }
        }
        df.extend(added);
        df.sort_unstable();
        TermCounts {
            sentences: prior.sentences + sentences,
            df,
        }
    }

    /// How many of `units` are of the `fresh` articles, and in how many of
    /// those each term occurs.
    fn count_fresh(&self, units: &[Unit<'_>], fresh: &[bool]) -> (u64, Vec<u32>) {
        let mut counted = vec![0u32; self.keys.len()];
        let mut n = 0;
        for u in units
            .iter()
            .filter(|u| fresh.get(u.at.article) == Some(&true))
        {
            n += 1;
            for &t in &u.terms {
                counted[t as usize] += 1;
            }
        }
        (n, counted)
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
            Key::Event(e) => self.events.get(e),
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
            Key::Event(e) => {
                self.events.insert(e, id);
                (format!("v:{e}"), TermKind::Event)
            }
        };
        self.keys.push(written);
        self.kinds.push(kind);
        self.counted.push(0);
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
    let events = claim
        .words
        .iter()
        .filter_map(|(w, _)| background::event_kind(w).map(Key::Event));
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
        .chain(events)
        .chain(bigrams)
        .chain(journeys)
        .chain(entities)
        .chain(dates)
        .chain(quantities)
}

/// Each article's profile: its words and names weighted by how many of its
/// sentences use them and how rare they are in news at large, the
/// [`PROFILE_WORDS`] heaviest kept, to unit length.
fn profiles(
    units: &[Unit<'_>],
    vocab: &Vocabulary,
    published: &[Option<PartialDate>],
) -> Vec<ArticleProfile> {
    let mut out: Vec<ArticleProfile> = published
        .iter()
        .map(|&p| ArticleProfile {
            words: Vec::new(),
            published: p,
            places: Vec::new(),
            persons: Vec::new(),
            year: p.map(|p| p.year),
            sentences: 0,
            names: Vec::new(),
        })
        .collect();
    for u in units {
        if let Some(p) = out.get_mut(u.at.article) {
            p.sentences += 1;
            p.places.extend_from_slice(&u.claim.places);
            p.persons.extend_from_slice(&u.claim.persons);
            let limit = p.published.map_or(i16::MAX, |d| d.year.saturating_add(1));
            for d in &u.claim.dates {
                if d.value.year <= limit {
                    p.year = Some(p.year.map_or(d.value.year, |y| y.max(d.value.year)));
                }
            }
        }
    }
    for p in &mut out {
        p.places.sort_unstable();
        p.places.dedup();
        p.persons.sort_unstable();
        p.persons.dedup();
    }
    let mut counts: FnvMap<u32, f32> = FnvMap::default();
    let mut named: FnvMap<u32, f32> = FnvMap::default();
    let mut flush =
        |article: usize, counts: &mut FnvMap<u32, f32>, named: &mut FnvMap<u32, f32>| {
            let words = unit_vector(counts, &vocab.news, PROFILE_WORDS);
            let names = unit_vector(named, &vocab.rarity, PROFILE_WORDS);
            if let Some(p) = out.get_mut(article) {
                p.words = words;
                p.names = names;
            }
        };
    let mut current = None;
    for u in units {
        if current != Some(u.at.article) {
            if let Some(a) = current {
                flush(a, &mut counts, &mut named);
            }
            current = Some(u.at.article);
        }
        for &t in &u.terms {
            match vocab.kinds[t as usize] {
                TermKind::Word | TermKind::Name => *counts.entry(t).or_insert(0.0) += 1.0,
                TermKind::Entity => *named.entry(t).or_insert(0.0) += 1.0,
                _ => {}
            }
        }
    }
    if let Some(a) = current {
        flush(a, &mut counts, &mut named);
    }
    out
}

/// Term counts weighted by `weight`, the `keep` heaviest, to unit length,
/// sorted by term id (the counts are drained).
fn unit_vector(counts: &mut FnvMap<u32, f32>, weight: &[f32], keep: usize) -> Vec<(u32, f32)> {
    let v: Vec<(u32, f32)> = counts
        .drain()
        .map(|(t, n)| (t, n * weight.get(t as usize).copied().unwrap_or(0.0)))
        .filter(|&(_, w)| w > 0.0)
        .collect();
    heaviest_to_unit(v, keep)
}

/// The `keep` heaviest of weighted terms, to unit length, sorted by term id.
pub(super) fn heaviest_to_unit(mut v: Vec<(u32, f32)>, keep: usize) -> Vec<(u32, f32)> {
    v.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    v.truncate(keep);
    let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for w in &mut v {
            w.1 /= norm;
        }
    }
    v.sort_unstable_by_key(|&(t, _)| t);
    v
}

/// How alike two articles are, 0–1: the dot product of their profiles.
pub(super) fn likeness(a: &ArticleProfile, b: &ArticleProfile) -> f32 {
    dot(&a.words, &b.words)
}

/// How alike the entities two articles name are, 0–1.
pub(super) fn name_likeness(a: &ArticleProfile, b: &ArticleProfile) -> f32 {
    dot(&a.names, &b.names)
}

/// The dot product of two sparse vectors sorted by term id.
fn dot(x: &[(u32, f32)], y: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += x[i].1 * y[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
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
