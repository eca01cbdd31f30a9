//! Cross-references: sentences of different articles that make claims about
//! the same fact, scored, with a relation and a reason.
//!
//! Each sentence becomes a [`features::Claim`]; its words, names, entities,
//! dates, quantities and journeys ([`journeys`]) become terms weighted by
//! their rarity across the corpus. Candidate pairs come from an inverted
//! index over the rarer terms (posting lists are capped, so the work per
//! sentence is bounded and the whole grows with the corpus, not its square);
//! each candidate is scored by the weight of what it shares, and the best
//! few per sentence are kept.

pub mod features;
pub mod journeys;
pub mod stance;

use super::dates::DateMention;
use super::entities::Kind;
use super::entities::{Entity, Mention};
use super::segment::Sentence;
use super::{FnvMap, FnvSet};
use crate::corpus::PartialDate;
use features::{Claim, DateFeature, Extractor, Named};
use journeys::Journey;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// A sentence of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SentenceRef {
    /// Index of the article in the corpus.
    pub article: usize,
    /// Index of the sentence in the article.
    pub sentence: usize,
}

/// How two linked claims relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// They share a specific fact.
    Agrees,
    /// They state different facts about the same thing.
    Differs,
    /// They speak of the same thing without a shared specific fact.
    Related,
}

impl Relation {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agrees => "agrees",
            Self::Differs => "differs",
            Self::Related => "related",
        }
    }
}

/// A cross-reference between two sentences of different articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// One side (the article earlier in the corpus order).
    pub a: SentenceRef,
    /// The other side.
    pub b: SentenceRef,
    /// Strength, 0–1.
    pub score: f32,
    /// How the claims relate.
    pub relation: Relation,
    /// What is shared and, for `differs`, what differs.
    pub why: String,
}

/// Thresholds for emitting links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkSettings {
    /// Links scoring below this are dropped.
    pub threshold: f32,
    /// At most this many links per sentence, best first.
    pub max_per_sentence: usize,
}

impl Default for LinkSettings {
    fn default() -> Self {
        Self {
            threshold: DEFAULT_THRESHOLD,
            max_per_sentence: 12,
        }
    }
}

/// One article as link computation sees it.
#[derive(Debug, Clone, Copy)]
pub struct LinkDoc<'a> {
    /// The body.
    pub body: &'a str,
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// Its entity mentions, in body order.
    pub mentions: &'a [Mention],
    /// Its dates, in body order.
    pub dates: &'a [DateMention],
    /// When it was published.
    pub published: Option<PartialDate>,
}

/// The default score below which links are dropped.
pub const DEFAULT_THRESHOLD: f32 = 0.35;

/// A term that occurs in more sentences than this does not propose
/// candidates (it still counts when a pair is scored): common terms say
/// little, and capping their posting lists keeps the work per sentence
/// bounded however large the corpus grows.
const POSTING_CAP: usize = 256;

/// How many candidates per sentence are scored in full.
const CANDIDATES: usize = 48;

/// Scales the raw shared weight into 0–1: a raw score of `SCALE` maps to
/// 1 − 1/e ≈ 0.63. A raw score of one is one shared term found in a
/// single other sentence.
const SCALE: f32 = 2.0;

/// How much the length of the two sentences damps their shared weight
/// (0: not at all; 0.5: the geometric mean of their masses, like cosine).
const LENGTH_DAMPING: f32 = 0.1;

/// The share of the threshold a pair needs to be linked when both its
/// sentences are linked to a third: see [`close_triangles`].
const CLOSURE: f32 = 0.8;

/// Added to the score of two sentences that take opposite sides on a thing
/// named by a word at least `OPPOSITION_RARITY` rare (see
/// [`opposition_bonus`]): the default threshold, so the opposition alone
/// links them.
const OPPOSITION_BONUS: f32 = 0.35;
const OPPOSITION_RARITY: f32 = 0.3;

/// Added to the score of two sentences of which one denies a journey the
/// other reports done (see [`denied_journey`]): as much as a shared journey
/// of two common names scores, so that the contradiction, which a reader
/// most wants to see, is not crowded out by a sentence's other links.
const DENIAL_BONUS: f32 = 0.5;

/// Added to the score of two sentences naming one entity and close amounts
/// of one unit (see [`close_amounts`]).
const QUANTITY_BONUS: f32 = 0.3;

/// Added to the score of two sentences naming one entity at the same month
/// or day: likely one event, an entity and a time anchor being what
/// cross-document event linking leans on first.
const DATE_BONUS: f32 = 0.2;

/// What kind of thing a term stands for; each kind has its own weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermKind {
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
    fn lexical(self) -> bool {
        matches!(
            self,
            Self::Word | Self::Name | Self::Bigram | Self::Entity | Self::Journey
        )
    }
}

/// One sentence, ready to compare.
struct Unit<'a> {
    /// The sentence as written.
    text: &'a str,
    at: SentenceRef,
    claim: Claim,
    /// Interned term ids, sorted, no duplicates.
    terms: Vec<u32>,
    /// Sum of the weights of its terms.
    mass: f32,
    /// `mass` to the power [`LENGTH_DAMPING`], computed once.
    damping: f32,
    /// Weight of its terms too common to be indexed: what a candidate may
    /// share with it beyond what the postings counted.
    unindexed: f32,
    /// The most evidence any pair with it could add to its score
    /// (`EVIDENCE_*` bits: which kinds of evidence it could take part in).
    evidence: u8,
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
struct Vocabulary {
    /// Term ids by key, one map per kind of key.
    words: FnvMap<String, u32>,
    bigrams: FnvMap<String, u32>,
    entities: FnvMap<usize, u32>,
    dates: FnvMap<(i16, i8, i8), u32>,
    amounts: FnvMap<(String, u64), u32>,
    units: FnvMap<String, u32>,
    journeys: FnvMap<(usize, usize), u32>,
    /// Each term written out ("w:stem", "e:3", "m:2016-5"), for explanations.
    keys: Vec<String>,
    kinds: Vec<TermKind>,
    df: Vec<u32>,
    weight: Vec<f32>,
    /// The country each place lies in, by entity id ([`countries_of`]).
    within: Vec<Option<usize>>,
}

impl Vocabulary {
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
    fn word(&self, stem: &str) -> Option<u32> {
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

/// The claim features of every sentence of one document.
fn doc_claims<'a>(
    extractor: &Extractor,
    article: usize,
    doc: &LinkDoc<'a>,
    entities: &[Entity],
) -> Vec<Unit<'a>> {
    let mut mentions: Vec<Vec<&Mention>> = vec![Vec::new(); doc.sentences.len()];
    for m in doc.mentions {
        if let Some(v) = mentions.get_mut(m.sentence) {
            v.push(m);
        }
    }
    let mut dates: Vec<Vec<DateFeature>> = vec![Vec::new(); doc.sentences.len()];
    for d in doc.dates {
        let Some(v) = dates.get_mut(d.sentence) else {
            continue;
        };
        match &d.value {
            Some(super::dates::TimeValue::Point(p)) => v.push(DateFeature {
                value: *p,
                text: d.text.clone(),
            }),
            Some(super::dates::TimeValue::Range(a, b)) => {
                for p in [a, b] {
                    v.push(DateFeature {
                        value: *p,
                        text: d.text.clone(),
                    });
                }
            }
            _ => {}
        }
    }
    doc.sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let text = doc.body.get(s.range()).unwrap_or("");
            let here = &mentions[i];
            let named: Vec<Named> = here
                .iter()
                .map(|m| Named {
                    start: m.start.saturating_sub(s.start),
                    end: m.end.saturating_sub(s.start),
                    entity: m.entity,
                    kind: entities.get(m.entity).map_or(Kind::Other, |e| e.kind),
                })
                .collect();
            // The author's bio and the note on where the piece first
            // appeared close many articles; they are about the article, not
            // claims of it, and would link every bio to every other.
            let claim = if i + 3 > doc.sentences.len() && features::is_colophon(text) {
                Claim::default()
            } else {
                extractor.claim(text, &named, std::mem::take(&mut dates[i]), doc.published)
            };
            Unit {
                text,
                at: SentenceRef {
                    article,
                    sentence: i,
                },
                claim,
                terms: Vec::new(),
                mass: 0.0,
                damping: 1.0,
                unindexed: 0.0,
                evidence: 0,
            }
        })
        .collect()
}

/// Links the claims of every pair of articles.
pub fn link(docs: &[LinkDoc<'_>], entities: &[Entity], settings: &LinkSettings) -> Vec<Link> {
    // Links join different articles: with fewer than two there is nothing
    // to join, and building claims for one huge article would only cost
    // memory.
    if docs.len() < 2 {
        return Vec::new();
    }
    let mut extractor = Extractor::new();
    let sentences: Vec<&str> = docs
        .iter()
        .flat_map(|d| {
            d.sentences
                .iter()
                .map(|s| d.body.get(s.range()).unwrap_or(""))
        })
        .collect();
    extractor.learn(&sentences);
    let mut units: Vec<Unit<'_>> = docs
        .par_iter()
        .enumerate()
        .map(|(a, d)| doc_claims(&extractor, a, d, entities))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let mut vocab = Vocabulary {
        within: countries_of(entities),
        ..Vocabulary::default()
    };
    // Serial, so that term ids are the same from run to run; the keys are
    // borrowed from the claims, so a term already seen costs one lookup.
    for u in &mut units {
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
    for u in &mut units {
        u.mass = u.terms.iter().map(|&t| vocab.weight[t as usize]).sum();
        u.damping = u.mass.powf(LENGTH_DAMPING);
        u.unindexed = u
            .terms
            .iter()
            .filter(|&&t| vocab.df[t as usize] as usize > POSTING_CAP)
            .map(|&t| vocab.weight[t as usize])
            .sum();
        u.evidence = evidence_bits(u, &vocab);
    }
    let postings = Postings::new(&units, &vocab.df);
    let travellers = Travellers::new(&units);
    let scored: Vec<Vec<(u32, f32)>> = (0..units.len())
        .into_par_iter()
        .map_init(
            || Scratch::new(units.len(), vocab.kinds.len()),
            |scratch, i| {
                let index = (&postings, &travellers);
                candidates(i, &units, &vocab, index, settings.threshold, scratch)
            },
        )
        .collect();
    // Each pair once, as (lower, higher): when both sentences proposed it,
    // the lower one's score is kept (scores can differ by a bonus that looks
    // at one side's amounts only).
    let mut pairs: Vec<(u32, u32, f32)> = scored
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, c)| {
            let i = i as u32;
            let scored = &scored;
            c.iter().filter_map(move |&(j, s)| {
                if j > i {
                    Some((i, j, s))
                } else if scored[j as usize].iter().any(|&(k, _)| k == i) {
                    None
                } else {
                    Some((j, i, s))
                }
            })
        })
        .collect();
    // Millions of pairs at ten thousand articles: sorted on every core.
    pairs.par_sort_unstable_by(|x, y| {
        y.2.total_cmp(&x.2)
            .then_with(|| (x.0, x.1).cmp(&(y.0, y.1)))
    });
    let mut count = vec![0usize; units.len()];
    let mut chosen: Vec<(u32, u32, f32)> = Vec::new();
    for (i, j, score) in pairs {
        let (iu, ju) = (i as usize, j as usize);
        if count[iu] >= settings.max_per_sentence || count[ju] >= settings.max_per_sentence {
            continue;
        }
        count[iu] += 1;
        count[ju] += 1;
        chosen.push((i, j, score));
    }
    let closing = close_triangles(
        &chosen,
        &units,
        &vocab,
        settings.threshold * CLOSURE,
        (&mut count, settings.max_per_sentence),
    );
    chosen.extend(closing);
    let mut links: Vec<Link> = chosen
        .into_par_iter()
        .map(|(i, j, score)| {
            let (i, j) = (i as usize, j as usize);
            let (relation, why) = relate(&units[i], &units[j], &vocab, entities);
            Link {
                a: units[i].at,
                b: units[j].at,
                score,
                relation,
                why,
            }
        })
        .collect();
    links.par_sort_unstable_by_key(|x| (x.a, x.b));
    links
}

/// The country each place entity lies in, by entity id, as the gazetteer
/// knows it: the country's own entity when the corpus names it, else an id
/// past the end of `entities` that stands for it.
fn countries_of(entities: &[Entity]) -> Vec<Option<usize>> {
    use super::entities::gazetteer::Gazetteer;
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

/// Claims come in clusters: when a sentence is linked to sentences of two
/// other articles, those two likely report the same thing too. Each such
/// pair not yet linked is added when its own score reaches `floor` (below
/// the threshold: the shared neighbour is evidence of its own) and neither
/// sentence has reached its cap of links (`count` against `max`).
fn close_triangles(
    chosen: &[(u32, u32, f32)],
    units: &[Unit<'_>],
    vocab: &Vocabulary,
    floor: f32,
    (count, max): (&mut [usize], usize),
) -> Vec<(u32, u32, f32)> {
    let mut neighbours: FnvMap<u32, Vec<u32>> = FnvMap::default();
    for &(i, j, _) in chosen {
        neighbours.entry(i).or_default().push(j);
        neighbours.entry(j).or_default().push(i);
    }
    let linked: FnvSet<(u32, u32)> = chosen.iter().map(|&(i, j, _)| (i, j)).collect();
    let mut hubs: Vec<(&u32, &Vec<u32>)> = neighbours.iter().collect();
    hubs.sort_unstable_by_key(|h| h.0);
    // The pairs that would close a triangle, scored on every core (a
    // sentence already at its cap takes none: counts only grow)…
    let full = |i: u32| count[i as usize] >= max;
    let closing: Vec<Vec<(u32, u32, f32)>> = hubs
        .par_iter()
        .map(|(_, near)| {
            let mut found = Vec::new();
            for (k, &x) in near.iter().enumerate() {
                if full(x) {
                    continue;
                }
                for &y in &near[k + 1..] {
                    let (i, j) = (x.min(y), x.max(y));
                    if full(y)
                        || units[i as usize].at.article == units[j as usize].at.article
                        || linked.contains(&(i, j))
                    {
                        continue;
                    }
                    let s = score(&units[i as usize], &units[j as usize], vocab);
                    if s >= floor {
                        found.push((i, j, s));
                    }
                }
            }
            found
        })
        .collect();
    // …then taken in order while the sentences have room.
    let mut added: FnvSet<(u32, u32)> = FnvSet::default();
    let mut out: Vec<(u32, u32, f32)> = Vec::new();
    for (i, j, s) in closing.into_iter().flatten() {
        if count[i as usize] >= max || count[j as usize] >= max || !added.insert((i, j)) {
            continue;
        }
        count[i as usize] += 1;
        count[j as usize] += 1;
        out.push((i, j, s));
    }
    out
}

/// The sentences each term occurs in, for the terms that propose
/// candidates (in more than one sentence, at most [`POSTING_CAP`]): one flat
/// list cut by offsets, sized from the document frequencies up front.
struct Postings {
    /// Where each term's sentences start in `ids`; one more than terms.
    starts: Vec<usize>,
    ids: Vec<u32>,
}

impl Postings {
    fn new(units: &[Unit<'_>], df: &[u32]) -> Self {
        let indexed = |d: u32| d > 1 && d as usize <= POSTING_CAP;
        let mut starts = Vec::with_capacity(df.len() + 1);
        let mut total = 0;
        for &d in df {
            starts.push(total);
            if indexed(d) {
                total += d as usize;
            }
        }
        starts.push(total);
        let mut ids = vec![0; total];
        let mut next = starts.clone();
        for (i, u) in units.iter().enumerate() {
            for &t in &u.terms {
                if indexed(df[t as usize]) {
                    ids[next[t as usize]] = i as u32;
                    next[t as usize] += 1;
                }
            }
        }
        Self { starts, ids }
    }

    /// The sentences of term `t`, in order; empty when it is not indexed.
    fn of(&self, t: u32) -> &[u32] {
        &self.ids[self.starts[t as usize]..self.starts[t as usize + 1]]
    }
}

/// The sentences that deny a journey and those that report one done, by
/// traveller (at most [`POSTING_CAP`] each), for [`denied_journey`]'s
/// candidates.
#[derive(Default)]
struct Travellers {
    denied: FnvMap<usize, Vec<u32>>,
    done: FnvMap<usize, Vec<u32>>,
}

impl Travellers {
    fn new(units: &[Unit<'_>]) -> Self {
        let mut index = Self::default();
        for (i, u) in units.iter().enumerate() {
            for j in &u.claim.journeys {
                let Some(t) = j.traveller else { continue };
                let list = if j.denied {
                    index.denied.entry(t).or_default()
                } else if j.done() {
                    index.done.entry(t).or_default()
                } else {
                    continue;
                };
                if list.len() < POSTING_CAP && list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
        index
    }

    /// The sentences that report done a journey `u` denies, or deny one it
    /// reports done.
    fn opposite<'s>(&'s self, u: &'s Unit<'_>) -> impl Iterator<Item = u32> + 's {
        u.claim.journeys.iter().flat_map(move |j| {
            let side = if j.denied {
                Some(&self.done)
            } else if j.done() {
                Some(&self.denied)
            } else {
                None
            };
            side.zip(j.traveller)
                .and_then(|(m, t)| m.get(&t))
                .into_iter()
                .flatten()
                .copied()
        })
    }
}

/// A reusable accumulator for [`candidates`]: a dense weight per sentence
/// and the sentences touched, so each sentence's pass allocates nothing and
/// resets only what it used.
struct Scratch {
    acc: Vec<f32>,
    touched: Vec<u32>,
    /// A bit per vocabulary term: the terms of the sentence being compared.
    mark: Vec<u64>,
}

impl Scratch {
    fn new(units: usize, terms: usize) -> Self {
        Self {
            acc: vec![0.0; units],
            touched: Vec::new(),
            mark: vec![0; terms.div_ceil(64)],
        }
    }
}

/// The scored candidates of sentence `i` in other articles, at or above
/// `threshold`.
fn candidates(
    i: usize,
    units: &[Unit<'_>],
    vocab: &Vocabulary,
    (postings, travellers): (&Postings, &Travellers),
    threshold: f32,
    scratch: &mut Scratch,
) -> Vec<(u32, f32)> {
    let me = &units[i];
    let floor = threshold * (1.0 - BOUND_SLACK);
    for &t in &me.terms {
        scratch.mark[t as usize / 64] |= 1 << (t % 64);
    }
    for &t in &me.terms {
        let w = vocab.weight[t as usize];
        if w <= 0.0 {
            continue;
        }
        for &j in postings.of(t) {
            if units[j as usize].at.article != me.at.article {
                let slot = &mut scratch.acc[j as usize];
                if *slot == 0.0 {
                    scratch.touched.push(j);
                }
                *slot += w;
            }
        }
    }
    let mut top: Vec<(u32, f32)> = scratch
        .touched
        .drain(..)
        .map(|j| (j, std::mem::take(&mut scratch.acc[j as usize])))
        .collect();
    // Thousands touched, a few dozen kept: select them, then order only those.
    let order = |x: &(u32, f32), y: &(u32, f32)| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0));
    if top.len() > CANDIDATES {
        top.select_nth_unstable_by(CANDIDATES - 1, order);
        top.truncate(CANDIDATES);
    }
    top.sort_unstable_by(order);
    // A journey denied here and reported done there shares little else (a
    // name found everywhere): those candidates come from their own index.
    for j in travellers.opposite(me) {
        if units[j as usize].at.article != me.at.article && !top.iter().any(|c| c.0 == j) {
            top.push((j, 0.0));
        }
    }
    let found = top
        .into_iter()
        .filter_map(|(j, shared)| {
            let other = &units[j as usize];
            // Most candidates fall short: skip the full comparison when even
            // the most they could share, with every bonus, would (a
            // candidate of the journeys' index shares an unknown weight).
            if shared > 0.0 && bound(me, other, shared) < floor {
                return None;
            }
            let o = overlap_marked(&scratch.mark, &other.terms, vocab);
            let s = score_with(o, me, other, vocab);
            (s >= threshold).then_some((j, s))
        })
        .collect();
    for &t in &me.terms {
        scratch.mark[t as usize / 64] = 0;
    }
    found
}

/// Unit evidence bits: it takes a stance, states an amount, names a
/// month or day.
const EVIDENCE_STANCE: u8 = 1;
const EVIDENCE_AMOUNT: u8 = 2;
const EVIDENCE_DATE: u8 = 4;
/// It denies a journey or reports one done.
const EVIDENCE_JOURNEY: u8 = 8;

/// Relative slack of [`bound`], for the rounding of sums taken in another
/// order.
const BOUND_SLACK: f32 = 1e-4;

fn evidence_bits(u: &Unit<'_>, vocab: &Vocabulary) -> u8 {
    let mut bits = 0;
    if !u.claim.stances.is_empty() {
        bits |= EVIDENCE_STANCE;
    }
    if u.claim.journeys.iter().any(|j| j.denied || j.done()) {
        bits |= EVIDENCE_JOURNEY;
    }
    if !u.claim.quantities.is_empty() {
        bits |= EVIDENCE_AMOUNT;
    }
    if u.terms
        .iter()
        .any(|&t| matches!(vocab.kinds[t as usize], TermKind::Month | TermKind::Day))
    {
        bits |= EVIDENCE_DATE;
    }
    bits
}

/// An upper bound of [`score`] for a candidate whose indexed shared terms
/// weigh `shared`: every unindexed term of the one with fewer counted as
/// shared too, and every bonus both could take part in granted.
fn bound(a: &Unit<'_>, b: &Unit<'_>, shared: f32) -> f32 {
    // A shared unindexed term is an unindexed term of both.
    let raw = (shared + a.unindexed.min(b.unindexed)) / (a.damping * b.damping).max(1.0);
    let both = a.evidence & b.evidence;
    let mut evidence = 0.0;
    if both & EVIDENCE_STANCE != 0 {
        evidence += OPPOSITION_BONUS;
    }
    if both & EVIDENCE_JOURNEY != 0 {
        evidence += DENIAL_BONUS;
    }
    if both & EVIDENCE_AMOUNT != 0 {
        evidence += QUANTITY_BONUS;
    }
    if both & EVIDENCE_DATE != 0 {
        evidence += DATE_BONUS;
    }
    (1.0 - (-raw / SCALE).exp()) + evidence
}

/// The terms two sorted term lists share.
fn shared(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut x, mut y, mut out) = (0, 0, Vec::new());
    while x < a.len() && y < b.len() {
        match a[x].cmp(&b[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[x]);
                x += 1;
                y += 1;
            }
        }
    }
    out
}

/// How strongly two sentences make a claim about the same thing, 0–1: the
/// weight of what they share, damped (not fully normalised) by how much each
/// says, so a long sentence is not drowned by its length.
fn score(a: &Unit<'_>, b: &Unit<'_>, vocab: &Vocabulary) -> f32 {
    score_with(overlap(&a.terms, &b.terms, vocab), a, b, vocab)
}

/// [`score`], from the overlap of the two already taken.
fn score_with(o: Overlap, a: &Unit<'_>, b: &Unit<'_>, vocab: &Vocabulary) -> f32 {
    // One says a journey never happened, the other that it did: one journey,
    // as sure as one both report, whatever else they share.
    let denial = a.evidence & b.evidence & EVIDENCE_JOURNEY != 0
        && (denied_journey(&a.claim, &b.claim, &vocab.within).is_some()
            || denied_journey(&b.claim, &a.claim, &vocab.within).is_some());
    // Sharing only a date or a number is no claim in common.
    if o.lexical <= 0.0 && !denial {
        return 0.0;
    }
    // Two different journeys share a traveller or a destination, not the
    // journey.
    let total = if o.journey > 0.0 && journeys_differ(&a.claim, &b.claim, &vocab.within) {
        o.total - o.journey
    } else {
        o.total
    };
    let raw = total / (a.damping * b.damping).max(1.0);
    let s = 1.0 - (-raw / SCALE).exp();
    let mut evidence = opposition_bonus(a, b, vocab);
    if denial {
        evidence += DENIAL_BONUS;
    }
    if o.entity {
        if close_amounts(a, b) {
            evidence += QUANTITY_BONUS;
        }
        if o.anchored {
            evidence += DATE_BONUS;
        }
    }
    (s + evidence).min(1.0)
}

/// The journey two sentences both report, as (traveller, destination): one
/// traveller to one place, or to a place and the country it lies in (the
/// place named is the first sentence's).
fn same_journey(a: &[Journey], b: &[Journey], within: &[Option<usize>]) -> Option<(usize, usize)> {
    a.iter().filter(|x| !x.denied).find_map(|x| {
        let (t, d) = (x.traveller?, x.to?);
        b.iter()
            .filter(|y| !y.denied)
            .any(|y| y.traveller == Some(t) && y.to.is_some_and(|e| near(within, d, e)))
            .then_some((t, d))
    })
}

/// The words of a journey one sentence denies and the other reports done
/// ("has not visited Japan" / "hosted him in Tokyo"), as ("not visited",
/// "hosted"): the same traveller, and the denial names no place or one the
/// report's place lies in or contains.
fn denied_journey<'c>(
    denies: &'c Claim,
    reports: &Claim,
    within: &[Option<usize>],
) -> Option<(&'c str, &'static str)> {
    let negation = denies.negation.as_deref()?;
    denies.journeys.iter().filter(|j| j.denied).find_map(|x| {
        let t = x.traveller?;
        reports
            .journeys
            .iter()
            .find(|y| {
                y.done()
                    && y.traveller == Some(t)
                    && match (x.to, y.to) {
                        (Some(dx), Some(dy)) => near(within, dx, dy),
                        (None, _) => true,
                        (Some(_), None) => false,
                    }
            })
            .map(|y| (negation, y.word))
    })
}

/// Whether two places are one, or one lies in the other.
fn near(within: &[Option<usize>], x: usize, y: usize) -> bool {
    let of = |p: usize| within.get(p).copied().flatten();
    x == y || of(x) == Some(y) || of(y) == Some(x)
}

/// Whether two sentences report different journeys: in years that have
/// nothing in common, or one traveller to places neither of which lies in
/// the other, or different travellers to one place (and no journey of one
/// is a journey of the other).
fn journeys_differ(a: &Claim, b: &Claim, within: &[Option<usize>]) -> bool {
    let years = |c: &Claim| c.dates.iter().map(|d| d.value.year).collect::<Vec<_>>();
    let (ya, yb) = (years(a), years(b));
    if !ya.is_empty() && !yb.is_empty() && !ya.iter().any(|y| yb.contains(y)) {
        return true;
    }
    if misplaced_journey(a, b, within).is_some() {
        // One journey that the two place differently: a disagreement.
        return false;
    }
    let mut differ = false;
    for x in a.journeys.iter().filter(|j| !j.denied) {
        for y in b.journeys.iter().filter(|j| !j.denied) {
            let (Some(tx), Some(ty), Some(dx), Some(dy)) = (x.traveller, y.traveller, x.to, y.to)
            else {
                continue;
            };
            match (tx == ty, near(within, dx, dy)) {
                (true, true) => return false,
                (true, false) | (false, true) => differ = true,
                (false, false) => {}
            }
        }
    }
    differ
}

/// One traveller's journey on one day (a date to the day both state) to
/// places neither of which lies in the other, as the two destinations: the
/// same journey, placed differently.
fn misplaced_journey(a: &Claim, b: &Claim, within: &[Option<usize>]) -> Option<(usize, usize)> {
    let same_day = a
        .dates
        .iter()
        .any(|x| x.value.day.is_some() && b.dates.iter().any(|y| y.value == x.value));
    if !same_day {
        return None;
    }
    a.journeys.iter().filter(|j| !j.denied).find_map(|x| {
        let (t, dx) = (x.traveller?, x.to?);
        b.journeys
            .iter()
            .filter(|y| !y.denied && y.traveller == Some(t))
            .find_map(|y| y.to.filter(|&dy| !near(within, dx, dy)))
            .map(|dy| (dx, dy))
    })
}

/// What two sentences share, summed in one pass over their sorted terms
/// (scoring runs for every candidate pair: it allocates nothing).
#[derive(Debug, Default)]
struct Overlap {
    /// Weight of the shared words, names, phrases and entities.
    lexical: f32,
    /// Weight of all shared terms.
    total: f32,
    /// Whether they share an entity that is not everywhere.
    entity: bool,
    /// Whether they share a month or a day.
    anchored: bool,
    /// Weight of the shared journey terms.
    journey: f32,
}

/// [`overlap`] of a sentence whose terms are set in `mark` (a bit per term
/// of the vocabulary) with the sorted terms `b`: one pass over `b` only, for
/// comparing one sentence with many. The shared terms come in the same
/// order as in [`overlap`], so the sums are the same to the last bit.
fn overlap_marked(mark: &[u64], b: &[u32], vocab: &Vocabulary) -> Overlap {
    let mut o = Overlap::default();
    for &t in b {
        if mark[t as usize / 64] & (1 << (t % 64)) != 0 {
            o.add(t as usize, vocab);
        }
    }
    o
}

impl Overlap {
    /// Counts shared term `t`.
    fn add(&mut self, t: usize, vocab: &Vocabulary) {
        let (kind, w) = (vocab.kinds[t], vocab.weight[t]);
        self.total += w;
        if kind.lexical() {
            self.lexical += w;
        }
        self.entity |= kind == TermKind::Entity && w > 0.0;
        self.anchored |= matches!(kind, TermKind::Month | TermKind::Day);
        if kind == TermKind::Journey {
            self.journey += w;
        }
    }
}

fn overlap(a: &[u32], b: &[u32], vocab: &Vocabulary) -> Overlap {
    let mut o = Overlap::default();
    let (mut x, mut y) = (0, 0);
    while x < a.len() && y < b.len() {
        match a[x].cmp(&b[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                o.add(a[x] as usize, vocab);
                x += 1;
                y += 1;
            }
        }
    }
    o
}

/// Two sentences taking opposite sides on the same thing ("joined the
/// sanctions" / "broke ranks with the sanctions") are about one claim even
/// when they share little else, as long as that thing is named by a rare
/// word: a common one ("the case", "the launch") pairs unrelated stories.
fn opposition_bonus(a: &Unit<'_>, b: &Unit<'_>, vocab: &Vocabulary) -> f32 {
    if a.claim.stances.is_empty() || b.claim.stances.is_empty() {
        return 0.0;
    }
    let Some(o) = stance::opposed(&a.claim.stances, &b.claim.stances) else {
        return 0.0;
    };
    let rarest = o
        .shared
        .iter()
        .filter_map(|s| vocab.word(s))
        .map(|t| vocab.weight[t as usize])
        .fold(0.0, f32::max);
    if rarest >= OPPOSITION_RARITY {
        OPPOSITION_BONUS
    } else {
        0.0
    }
}

/// Whether two sentences state amounts of the same kind within a quarter
/// of each other ("about 60 years" and "70 years", "$9.3bn" and "$9.4bn"):
/// when they also name the same entity, likely two reports of one quantity,
/// whether the amounts agree or not. Amounts further apart are usually two
/// quantities (two deals, two workforces).
fn close_amounts(a: &Unit<'_>, b: &Unit<'_>) -> bool {
    a.claim.quantities.iter().any(|qa| {
        b.claim
            .quantities
            .iter()
            .any(|qb| qa.unit == qb.unit && specific(qa) && qa.close_to(qb))
    })
}

/// Whether an amount is specific enough to identify a quantity: not a
/// percentage (there are too many), not a small count ("two countries",
/// "three hours", "four islands"), unless it is money.
fn specific(q: &features::Quantity) -> bool {
    let money = q.unit.chars().any(|c| "$€£¥".contains(c));
    q.unit != "%" && (money || q.value >= 10.0)
}

/// Decides how two linked claims relate and says why.
fn relate(
    a: &Unit<'_>,
    b: &Unit<'_>,
    vocab: &Vocabulary,
    entities: &[Entity],
) -> (Relation, String) {
    let mut common = shared(&a.terms, &b.terms);
    // A shared phrase of two content words ("peace treaty", "annual
    // summit") names an event, more than two loose words do.
    let shared_phrase = common.iter().any(|&t| {
        vocab.kinds[t as usize] == TermKind::Bigram
            && vocab.keys[t as usize][2..]
                .split('_')
                .all(|w| !a.claim.names.iter().any(|n| n == w))
    });
    common.sort_by(|x, y| {
        vocab.weight[*y as usize]
            .total_cmp(&vocab.weight[*x as usize])
            .then_with(|| x.cmp(y))
    });
    let mut names: Vec<&str> = Vec::new();
    // Every form of the shared entities, so that their words are not listed
    // again ("Abe" of "Shinzo Abe", "G7" of "G-7").
    let mut forms: Vec<&str> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    // A journey both report is said first, as who goes where; its names are
    // then said.
    let journey =
        same_journey(&a.claim.journeys, &b.claim.journeys, &vocab.within).and_then(|(t, d)| {
            let (t, d) = (entities.get(t)?, entities.get(d)?);
            for e in [t, d] {
                forms.push(&e.name);
                forms.extend(e.aliases.iter().map(String::as_str));
            }
            Some(format!("{} → {}", t.name, d.name))
        });
    for &t in &common {
        // Three names and a word are all that is said (see below).
        if names.len() >= 3 && !words.is_empty() {
            break;
        }
        let key = &vocab.keys[t as usize];
        match vocab.kinds[t as usize] {
            TermKind::Entity => {
                if let Some(e) = key[2..].parse::<usize>().ok().and_then(|e| entities.get(e)) {
                    if !names.contains(&e.name.as_str()) && !forms.contains(&e.name.as_str()) {
                        names.push(&e.name);
                    }
                    forms.push(&e.name);
                    forms.extend(e.aliases.iter().map(String::as_str));
                }
            }
            TermKind::Word | TermKind::Name => {
                let stem = &key[2..];
                let surface = a
                    .claim
                    .words
                    .iter()
                    .find(|(w, _)| w == stem)
                    .and_then(|(_, (start, end))| a.text.get(*start as usize..*end as usize))
                    .unwrap_or(stem)
                    .trim_end_matches("’s")
                    .trim_end_matches("'s");
                let named = forms.iter().chain(&names).any(|n| {
                    n.eq_ignore_ascii_case(surface)
                        || n.split([' ', '-']).any(|w| w.eq_ignore_ascii_case(surface))
                });
                if named {
                    // Already said by its entity's name ("Abe" in "Shinzo Abe").
                } else if journey.is_some() && journeys::is_travel_word(&surface.to_lowercase()) {
                    // Already said by the journey.
                } else if a.claim.names.iter().any(|n| n == stem) {
                    if !names.contains(&surface) {
                        names.push(surface);
                    }
                } else if !words.contains(&surface) {
                    words.push(surface);
                }
            }
            _ => {}
        }
    }
    let decision = decide(&a.claim, &b.claim, (&vocab.within, entities));
    names.truncate(3);
    words.truncate(if names.len() >= 2 { 1 } else { 3 });
    let mut about: Vec<&str> = journey.iter().map(String::as_str).collect();
    about.extend(names);
    about.extend(words);
    let mut why = String::new();
    match &decision {
        Decision::Differs(what) | Decision::Agrees(what) => why.push_str(what),
        Decision::Unknown => {}
    }
    if !about.is_empty() {
        if !why.is_empty() || !matches!(decision, Decision::Unknown) {
            why.push_str(" · ");
        }
        why.push_str(&about.join(", "));
    }
    // One line whatever the text spans: phrases may cross a line break.
    if let std::borrow::Cow::Owned(folded) = crate::text::one_line(&why) {
        why = folded;
    }
    let relation = match decision {
        Decision::Differs(_) => Relation::Differs,
        Decision::Agrees(_) => Relation::Agrees,
        Decision::Unknown if shared_phrase || journey.is_some() => Relation::Agrees,
        Decision::Unknown => Relation::Related,
    };
    (relation, why)
}

/// What the facts of two claims about the same thing say about each other.
#[derive(Debug, Clone, PartialEq)]
enum Decision {
    /// A shared specific fact, described.
    Agrees(String),
    /// A fact stated differently, described ("60 years vs 70 years").
    Differs(String),
    /// No specific fact to compare.
    Unknown,
}

/// Compares the specific facts of two claims already judged to be about the
/// same thing: quantities of the same unit, dates, polarity.
fn decide(a: &Claim, b: &Claim, (within, entities): (&[Option<usize>], &[Entity])) -> Decision {
    let mut agreed = Vec::new();
    // Quantities of the same kind: an equal amount is a shared fact, a
    // different one (beyond the hedges' tolerance) a disagreement.
    let mut differ: Option<String> = None;
    for qa in &a.quantities {
        let same_unit: Vec<_> = b.quantities.iter().filter(|q| q.unit == qa.unit).collect();
        if let Some(qb) = same_unit.iter().find(|qb| qa.same_amount(qb)) {
            agreed.push(qb.text.clone());
        } else if let Some(qb) = same_unit.iter().find(|qb| qa.comparable(qb)) {
            // Amounts far apart are more likely two different quantities.
            differ.get_or_insert_with(|| format!("{} vs {}", qa.text, qb.text));
        }
    }
    // Dates, compared at the precision both state: the same day, month or
    // year is a shared fact. Two different days a few weeks apart are
    // likely two reports of one event; further apart, two events (a
    // meeting in May, another in September), which is no disagreement.
    let mut date_agrees = None;
    let mut date_differs = None;
    for da in &a.dates {
        for db in &b.dates {
            let (x, y) = (da.value, db.value);
            if x.day.is_some() && y.day.is_some() {
                let gap = (x.first_day() - y.first_day()).get_days().abs();
                if gap == 0 {
                    date_agrees.get_or_insert_with(|| da.text.clone());
                } else if gap <= 31 {
                    date_differs.get_or_insert_with(|| format!("{} vs {}", da.text, db.text));
                }
            } else if x.year == y.year
                && x.month == y.month
                && (x.month.is_some() || (x.day.is_none() && y.day.is_none()))
            {
                let text = if x.month.is_some() && x.day.is_some() {
                    &db.text
                } else {
                    &da.text
                };
                date_agrees.get_or_insert_with(|| text.clone());
            }
        }
    }
    match (date_agrees, date_differs) {
        (Some(t), _) => agreed.push(t),
        (None, Some(d)) => {
            differ.get_or_insert(d);
        }
        (None, None) => {}
    }
    // Opposite sides on the same thing: joined vs broke ranks, rose vs fell.
    if differ.is_none() {
        differ = stance::opposed(&a.stances, &b.stances).map(|o| o.cues);
    }
    // A journey one denies and the other reports done.
    if differ.is_none() {
        differ = denied_journey(a, b, within)
            .map(|(n, w)| format!("“{n}” vs “{w}”"))
            .or_else(|| denied_journey(b, a, within).map(|(n, w)| format!("“{w}” vs “{n}”")));
    }
    // One journey, placed in two places.
    if differ.is_none() {
        differ = misplaced_journey(a, b, within).and_then(|(x, y)| {
            Some(format!(
                "{} vs {}",
                entities.get(x)?.name,
                entities.get(y)?.name
            ))
        });
    }
    // Polarity: one says it happened, the other that it did not. A negation
    // that only flips a stance's side ("cannot opt out") was weighed above.
    let plain = |c: &Claim| c.negation.is_some() && !c.stances.iter().any(|s| s.negated);
    if differ.is_none() && (plain(a) || plain(b)) {
        // The other claim must speak of what is negated (two of its words),
        // not merely share a word with the sentence.
        let speaks_of = |negated: &[String], other: &Claim| {
            negated
                .iter()
                .filter(|s| other.words.iter().any(|(w, _)| w == *s))
                .count()
                >= 2
        };
        match (&a.negation, &b.negation) {
            (Some(n), None) if speaks_of(&a.negated, b) => {
                differ = Some(format!("“{n}” vs affirmed"));
            }
            (None, Some(n)) if speaks_of(&b.negated, a) => {
                differ = Some(format!("affirmed vs “{n}”"));
            }
            _ => {}
        }
    }
    if let Some(d) = &mut differ {
        if a.attribution.is_some() || b.attribution.is_some() {
            d.push_str(" (attributed)");
        }
    }
    match differ {
        Some(d) => Decision::Differs(d),
        None if !agreed.is_empty() => {
            agreed.dedup();
            Decision::Agrees(agreed.join(", "))
        }
        None => Decision::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment;

    fn claim(text: &str) -> Claim {
        Extractor::new().claim(text, &[], Vec::new(), PartialDate::parse("2019-06"))
    }

    fn decision(a: &str, b: &str) -> Decision {
        decide(&claim(a), &claim(b), (&[], &[]))
    }

    #[test]
    fn different_amounts_of_one_quantity_differ() {
        assert_eq!(
            decision(
                "The dam will cost about $3 billion, officials said.",
                "The dam will cost $5 billion."
            ),
            Decision::Differs("about $3 billion vs $5 billion".into())
        );
        assert_eq!(
            decision(
                "The strike has lasted for about 60 years.",
                "It has lasted 70 years."
            ),
            Decision::Differs("about 60 years vs 70 years".into())
        );
    }

    #[test]
    fn hedged_amounts_that_overlap_agree() {
        assert_eq!(
            decision(
                "The feud has lasted over a half century.",
                "The feud is about 60 years old."
            ),
            Decision::Agrees("about 60 years".into())
        );
        assert_eq!(
            decision(
                "Police arrested 12 people.",
                "Twelve arrests? No: 12 people were held."
            ),
            Decision::Agrees("12 people".into())
        );
    }

    #[test]
    fn amounts_far_apart_are_different_quantities_not_a_disagreement() {
        assert_eq!(
            decision(
                "Gas projects worth $40 billion.",
                "An investment of $10 billion."
            ),
            Decision::Unknown
        );
    }

    #[test]
    fn dates_a_few_days_apart_differ_months_apart_do_not() {
        assert_eq!(
            decision(
                "The bridge opened on March 3, 2019.",
                "The bridge opened on March 5, 2019."
            ),
            Decision::Differs("March 3, 2019 vs March 5, 2019".into())
        );
        assert_eq!(
            decision(
                "The leaders met on May 6, 2019.",
                "The leaders met on September 2, 2019."
            ),
            Decision::Unknown
        );
        assert_eq!(
            decision(
                "The bridge opened in March 2019.",
                "Officials opened the bridge on March 3, 2019."
            ),
            Decision::Agrees("March 2019".into())
        );
    }

    #[test]
    fn opposite_polarity_on_the_same_act_differs() {
        assert_eq!(
            decision(
                "The minister has not visited the refinery at all.",
                "Last week the minister visited the refinery."
            ),
            Decision::Differs("“not visited” vs affirmed".into())
        );
        // A negation about something else is no disagreement.
        assert_eq!(
            decision(
                "The minister visited the refinery, but did not speak.",
                "Last week the minister visited the refinery."
            ),
            Decision::Unknown
        );
        // Both negated: they agree.
        assert_eq!(
            decision(
                "They never signed a treaty.",
                "The two never signed a peace treaty."
            ),
            Decision::Unknown
        );
    }

    #[test]
    fn attributed_disagreements_say_so() {
        assert_eq!(
            decision(
                "“We have no territorial problems,” he said.",
                "The two have territorial problems over the islands."
            ),
            Decision::Differs("“no territorial” vs affirmed (attributed)".into())
        );
    }

    fn docs(bodies: &[String]) -> (Vec<Vec<segment::Sentence>>, Vec<String>) {
        (
            bodies.iter().map(|b| segment::split(b)).collect(),
            bodies.to_vec(),
        )
    }

    fn run(bodies: &[String], settings: &LinkSettings) -> Vec<Link> {
        let (sentences, bodies) = docs(bodies);
        let link_docs: Vec<LinkDoc<'_>> = bodies
            .iter()
            .zip(&sentences)
            .map(|(body, sentences)| LinkDoc {
                body,
                sentences,
                mentions: &[],
                dates: &[],
                published: PartialDate::parse("2019-06"),
            })
            .collect();
        link(&link_docs, &[], settings)
    }

    /// Three articles: one shared specific fact, much shared background.
    fn corpus() -> Vec<String> {
        let filler = |k: usize| {
            (0..12)
                .map(|i| format!("Japan and Russia talked about topic{k}x{i} again."))
                .collect::<Vec<_>>()
                .join(" ")
        };
        vec![
            format!(
                "The flood destroyed the Kellerman bridge on March 3, 2019. {} Japan and Russia held talks.",
                filler(0)
            ),
            format!(
                "{} Officials said the flood destroyed the Kellerman bridge on March 3, 2019. Japan and Russia met.",
                filler(1)
            ),
            filler(2),
        ]
    }

    #[test]
    fn links_the_shared_fact_and_explains_it() {
        let links = run(&corpus(), &LinkSettings::default());
        let l = links
            .iter()
            .find(|l| {
                l.a == SentenceRef {
                    article: 0,
                    sentence: 0,
                }
            })
            .expect("the bridge sentence is linked");
        assert_eq!(
            l.b,
            SentenceRef {
                article: 1,
                sentence: 12
            }
        );
        assert_eq!(l.relation, Relation::Agrees);
        assert!(l.why.contains("March 3, 2019"), "{}", l.why);
        assert!(l.why.contains("Kellerman"), "{}", l.why);
        assert!((0.0..=1.0).contains(&l.score));
    }

    #[test]
    fn two_common_names_alone_do_not_link() {
        let links = run(&corpus(), &LinkSettings::default());
        let held = SentenceRef {
            article: 0,
            sentence: 13,
        };
        assert!(
            links.iter().all(|l| l.a != held && l.b != held),
            "{links:?}"
        );
    }

    #[test]
    fn links_are_ordered_across_articles_and_capped_per_sentence() {
        let settings = LinkSettings {
            threshold: 0.0,
            max_per_sentence: 2,
        };
        let links = run(&corpus(), &settings);
        assert!(!links.is_empty());
        let mut per: std::collections::HashMap<SentenceRef, usize> = Default::default();
        for l in &links {
            assert!(l.a.article < l.b.article);
            *per.entry(l.a).or_default() += 1;
            *per.entry(l.b).or_default() += 1;
        }
        assert!(per.values().all(|&n| n <= 2));
        let mut sorted = links.clone();
        sorted.sort_by_key(|l| (l.a, l.b));
        assert_eq!(sorted, links);
        assert_eq!(run(&corpus(), &settings), links, "deterministic");
    }

    #[test]
    fn opposite_stances_on_a_shared_thing_differ() {
        let d = decision(
            "Though Japan joined other G-7 countries in enforcing sanctions against Russia, few cheered.",
            "Continuing to break ranks with the G7's sanctions policies, the leader pressed on.",
        );
        assert_eq!(d, Decision::Differs("“joined” vs “break ranks”".into()));
        // Both in: no disagreement, though one is negated.
        let d = decision(
            "Japan is a participant in the sanctions imposed on Russia.",
            "It cannot opt out of the sanctions regime.",
        );
        assert!(!matches!(d, Decision::Differs(_)), "{d:?}");
    }

    /// Links computed with the given names marked as entity mentions, as the
    /// entity pass would.
    fn run_with_names(bodies: &[String], names: &[&str], settings: &LinkSettings) -> Vec<Link> {
        let places: Vec<(&str, Kind)> = names.iter().map(|&n| (n, Kind::Place)).collect();
        run_with_entities(bodies, &places, settings)
    }

    /// [`run_with_names`], each name with its kind.
    fn run_with_entities(
        bodies: &[String],
        names: &[(&str, Kind)],
        settings: &LinkSettings,
    ) -> Vec<Link> {
        let (sentences, bodies) = docs(bodies);
        let mentions: Vec<Vec<Mention>> = bodies
            .iter()
            .zip(&sentences)
            .map(|(body, sentences)| {
                let mut out = Vec::new();
                for (entity, (name, _)) in names.iter().enumerate() {
                    for (start, _) in body.match_indices(name) {
                        let sentence = sentences
                            .iter()
                            .position(|s| s.start <= start && start < s.end)
                            .unwrap_or(0);
                        let end = start + name.len();
                        out.push(Mention {
                            entity,
                            sentence,
                            start,
                            end,
                        });
                    }
                }
                out
            })
            .collect();
        let entities: Vec<Entity> = names
            .iter()
            .map(|&(name, kind)| Entity {
                name: name.to_string(),
                kind,
                aliases: Vec::new(),
            })
            .collect();
        let link_docs: Vec<LinkDoc<'_>> = bodies
            .iter()
            .zip(&sentences)
            .zip(&mentions)
            .map(|((body, sentences), mentions)| LinkDoc {
                body,
                sentences,
                mentions,
                dates: &[],
                published: PartialDate::parse("2019-06"),
            })
            .collect();
        link(&link_docs, &entities, settings)
    }

    /// Two articles of background in which a minister named Vik is
    /// everywhere, each closed by one sentence: the link between those two.
    fn journey_link(last: [&str; 2]) -> Option<Link> {
        let background = |k: usize| {
            (0..10)
                .map(|i| format!("Vik discussed item{k}x{i} and item{k}y{i} in Osaka."))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let bodies: Vec<String> = last
            .iter()
            .enumerate()
            .map(|(k, s)| format!("{} {s}", background(k)))
            .collect();
        let names = [
            ("Vik", Kind::Person),
            ("Berg", Kind::Person),
            ("Japan", Kind::Place),
            ("Osaka", Kind::Place),
            ("Canada", Kind::Place),
        ];
        run_with_entities(&bodies, &names, &LinkSettings::default())
            .into_iter()
            .find(|l| l.a.sentence == 10 && l.b.sentence == 10)
    }

    #[test]
    fn reports_of_one_journey_link_in_other_words() {
        // Nothing but the minister and the journey in common: "travel to
        // Japan" and "host him in Osaka", a city of Japan.
        let l = journey_link([
            "Vik will travel to Japan next spring.",
            "Officials said they would host Vik in Osaka.",
        ])
        .expect("one journey, told twice");
        assert_eq!(l.relation, Relation::Agrees);
        assert!(l.why.starts_with("Vik → Japan"), "{}", l.why);
    }

    #[test]
    fn journeys_sharing_only_a_traveller_or_a_place_are_different_journeys() {
        assert_eq!(
            journey_link([
                "Vik will travel to Canada next spring.",
                "Officials said they would host Vik in Osaka.",
            ]),
            None,
            "one traveller, two destinations"
        );
        assert_eq!(
            journey_link([
                "Berg will travel to Osaka next spring.",
                "Officials said they would host Vik in Osaka.",
            ]),
            None,
            "two travellers, one destination"
        );
    }

    #[test]
    fn a_denied_journey_differs_from_one_reported_done_not_from_a_plan() {
        let l = journey_link([
            "Vik has never visited Japan in his career.",
            "Officials said they hosted Vik in Osaka last year.",
        ])
        .expect("a denial and a report of one journey");
        assert_eq!(l.relation, Relation::Differs);
        assert!(
            l.why.starts_with("“never visited” vs “hosted”"),
            "{}",
            l.why
        );
        let l = journey_link([
            "Officials said they hosted Vik in Osaka last year.",
            "Vik has never visited Japan in his career.",
        ])
        .expect("either way round");
        assert!(
            l.why.starts_with("“hosted” vs “never visited”"),
            "{}",
            l.why
        );
        // A journey planned is no contradiction of one never made.
        let plan = journey_link([
            "Vik has never visited Japan in his career.",
            "Officials said Vik will visit Osaka next year.",
        ]);
        assert!(
            plan.as_ref()
                .is_none_or(|l| l.relation != Relation::Differs),
            "{plan:?}"
        );
    }

    #[test]
    fn one_journey_on_one_day_in_two_places_differs() {
        let l = journey_link([
            "Vik travelled to Canada on May 5, 2019.",
            "Officials said they hosted Vik in Osaka on May 5, 2019.",
        ])
        .expect("one journey, placed twice");
        assert_eq!(l.relation, Relation::Differs);
        assert!(l.why.starts_with("Canada vs Osaka"), "{}", l.why);
        // Days apart, they are two journeys: no disagreement.
        let two = journey_link([
            "Vik travelled to Canada on May 5, 2019.",
            "Officials said they hosted Vik in Osaka on June 9, 2019.",
        ]);
        assert!(
            two.as_ref().is_none_or(|l| l.relation != Relation::Differs),
            "{two:?}"
        );
    }

    #[test]
    fn one_journey_in_two_years_is_two_journeys() {
        assert!(journey_link([
            "Vik will travel to Japan in May 2019.",
            "Officials said they would host Vik in Osaka in 2019.",
        ])
        .is_some());
        assert_eq!(
            journey_link([
                "Vik travelled to Japan in May 2019.",
                "Officials said they hosted Vik in Osaka in 2011.",
            ]),
            None
        );
    }

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

    /// Background sentences, half of them naming Norway: a name that common
    /// weighs little on its own.
    fn background(k: usize) -> String {
        (0..10)
            .map(|i| {
                let place = if i % 2 == 0 { "Norway" } else { "Oslo" };
                format!("Officials in {place} discussed item{k}x{i} and item{k}y{i}.")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The link between the last sentences (after the background) of two
    /// articles naming Norway, if any.
    fn last_sentences_link(bodies: &[String]) -> Option<Link> {
        run_with_names(bodies, &["Norway"], &LinkSettings::default())
            .into_iter()
            .find(|l| l.a.sentence == 10 && l.b.sentence == 10)
    }

    #[test]
    fn close_amounts_naming_one_entity_link_and_differ() {
        let bodies = vec![
            format!(
                "{} The border question with Norway has been pending for about 60 years now.",
                background(0)
            ),
            format!(
                "{} Leaders hope to end an anomaly with Norway that has lasted for the last 70 years.",
                background(1)
            ),
        ];
        let l = last_sentences_link(&bodies).expect("the two durations are linked");
        assert_eq!(l.relation, Relation::Differs);
        assert!(l.why.starts_with("about 60 years vs 70 years"), "{}", l.why);
        // Amounts far apart are two quantities: nothing links the pair.
        let far = vec![
            bodies[0].clone(),
            bodies[1].replace("70 years", "300 years"),
        ];
        assert_eq!(last_sentences_link(&far), None);
    }

    #[test]
    fn one_entity_at_one_date_links_and_its_name_is_said_once() {
        let bodies = vec![
            format!(
                "{} Norway ratified the fisheries accord on 4 May 2019.",
                background(0)
            ),
            format!(
                "{} Ministers in Norway celebrated on 4 May 2019 with a parade.",
                background(1)
            ),
        ];
        let l = last_sentences_link(&bodies).expect("one entity, one day: linked");
        assert_eq!(l.relation, Relation::Agrees);
        assert_eq!(l.why, "4 May 2019 · Norway");
        // Months apart, the same entity is two events.
        let apart = vec![bodies[0].clone(), bodies[1].replace("4 May", "4 September")];
        assert_eq!(last_sentences_link(&apart), None);
    }

    #[test]
    fn a_claim_reported_by_three_articles_is_closed_into_a_triangle() {
        // Each pair shares a different part of the claim; the pair of the
        // first and third articles shares only a little, and is linked
        // because both are linked to the second.
        let bodies = vec![
            format!("{} The Kellerman bridge collapsed after the spring flood.", background(0)),
            format!(
                "{} Engineers said the Kellerman bridge collapsed when the spring flood peaked at the weir.",
                background(1)
            ),
            format!("{} The flood peaked at the weir near the bridge.", background(2)),
        ];
        let settings = LinkSettings::default();
        let links = run(&bodies, &settings);
        let pair = |a: usize, b: usize| {
            links
                .iter()
                .find(|l| l.a.article == a && l.b.article == b && l.a.sentence == 10)
        };
        assert!(pair(0, 1).is_some() && pair(1, 2).is_some(), "{links:?}");
        let closed = pair(0, 2).expect("closed over the shared neighbour");
        assert!(closed.score < settings.threshold, "{closed:?}");
        assert!(closed.score >= settings.threshold * CLOSURE);
    }

    #[test]
    fn one_article_has_nothing_to_link() {
        let settings = LinkSettings {
            threshold: 0.0,
            max_per_sentence: 5,
        };
        let one = corpus();
        // The same text twice links; once, alone, it cannot.
        assert!(!run(&[one[0].clone(), one[0].clone()], &settings).is_empty());
        assert!(run(&one[..1], &settings).is_empty());
    }
}
