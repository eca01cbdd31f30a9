//! Cross-references: sentences of different articles that make claims about
//! the same fact, scored, with a relation and a reason.
//!
//! Each sentence becomes a [`features::Claim`]; its words, names, entities,
//! event kinds, dates, quantities and journeys ([`journeys`]) become terms
//! weighted by their rarity across the corpus and in news at large
//! (`background`). Candidate pairs come from an inverted index over the
//! rarer terms (posting lists are capped, so the work per sentence is
//! bounded and the whole grows with the corpus, not its square); each
//! candidate is scored by a model fitted on annotated stories ([`model`])
//! over what it shares and what sets it apart, and the best few per sentence
//! are kept.
//!
//! The stages, in the order [`link`] runs them, each in its own file:
//! `vocabulary` (terms interned and weighted, articles profiled),
//! `candidates` (the inverted index and the bounded search), `scoring` (the
//! pair's features, the model's score and the bonuses of a contradiction),
//! `closure` (triangles of linked sentences closed), and `relation` (agrees,
//! differs or related, and why). This file holds the link contract's types
//! and the pipeline that runs the stages.

mod background;
mod candidates;
mod closure;
pub mod features;
pub mod journeys;
pub mod model;
mod relation;
mod scoring;
pub mod stance;
mod stories;
mod vocabulary;

use super::dates::DateMention;
use super::entities::{Entity, Kind, Mention};
use super::segment::Sentence;
use crate::corpus::PartialDate;
use candidates::{candidates, Postings, Scratch, Travellers};
use closure::{close_triangles, CLOSURE};
use features::{Claim, DateFeature, Extractor, Named};
use rayon::prelude::*;
use relation::relate;
use serde::{Deserialize, Serialize};
pub use vocabulary::TermCounts;
use vocabulary::Vocabulary;

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
    /// A sentence links to at most this many other articles (their best
    /// links first)…
    pub max_per_sentence: usize,
    /// …and to at most this many sentences of each: a sentence's links
    /// speak of several sources, not of one. Chosen with the model's cut
    /// (`data/links/weights.toml`).
    pub per_article: u8,
}

impl Default for LinkSettings {
    fn default() -> Self {
        Self {
            threshold: DEFAULT_THRESHOLD,
            max_per_sentence: 12,
            per_article: model::MODEL.per_article,
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

/// The fewest sentences a parallel piece of the candidate search takes,
/// each piece with a scratch of its own (see [`scored_pairs`]).
pub(super) const SCRATCH_PIECE: usize = 1024;

/// The default score below which links are dropped: the fitted model's cut
/// ([`model`]).
pub const DEFAULT_THRESHOLD: f32 = 0.35;

/// How many links each sentence has, to how many articles: the caps of
/// [`LinkSettings::max_per_sentence`] and [`LinkSettings::per_article`].
struct Caps {
    /// Per sentence, how many other articles it links to.
    articles: Vec<u32>,
    /// Per (sentence, other article), how many links.
    per: crate::analysis::FnvMap<(u32, u32), u8>,
    max: usize,
    per_article: u8,
}

impl Caps {
    fn new(units: usize, settings: &LinkSettings) -> Self {
        Self {
            articles: vec![0; units],
            per: crate::analysis::FnvMap::default(),
            max: settings.max_per_sentence,
            per_article: settings.per_article,
        }
    }

    /// Whether sentence `i` may take one more link to article `other`.
    fn room(&self, i: u32, other: usize) -> bool {
        match self.per.get(&(i, other as u32)) {
            Some(&n) => n < self.per_article,
            None => (self.articles[i as usize] as usize) < self.max,
        }
    }

    /// Counts a link of sentence `i` to article `other`.
    fn take(&mut self, i: u32, other: usize) {
        let n = self.per.entry((i, other as u32)).or_insert(0);
        if *n == 0 {
            self.articles[i as usize] += 1;
        }
        *n += 1;
    }

    /// Whether sentence `i` links to as many articles as it may (it may
    /// still take links to those).
    fn full(&self, i: u32) -> bool {
        self.articles[i as usize] as usize >= self.max
    }

    /// Takes the link of units `i` and `j` when both have room for it.
    fn try_take_units(&mut self, (i, j): (u32, u32), units: &[Unit<'_>]) -> bool {
        let article = |k: u32| units[k as usize].at.article;
        self.try_take((i, article(i)), (j, article(j)))
    }

    /// Takes the link of sentence `i` of article `ai` and sentence `j` of
    /// article `aj` when both have room for it.
    fn try_take(&mut self, (i, ai): (u32, usize), (j, aj): (u32, usize)) -> bool {
        if !self.room(i, aj) || !self.room(j, ai) {
            return false;
        }
        self.take(i, aj);
        self.take(j, ai);
        true
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
    /// `mass` to the power [`scoring::LENGTH_DAMPING`], computed once.
    damping: f32,
    /// Its article's length feature ([`scoring::article_length`]).
    length: f32,
    /// Weight of its terms too common to be indexed: what a candidate may
    /// share with it beyond what the postings counted.
    unindexed: f32,
    /// The most evidence any pair with it could add to its score
    /// (`scoring::EVIDENCE_*` bits: which kinds of evidence it could take
    /// part in).
    evidence: u8,
}

/// The claim features of every sentence of one document, as units whose
/// terms the vocabulary fills in.
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
    let mut units: Vec<Unit<'a>> = doc
        .sentences
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
                    kind: kind_of(entities, m.entity),
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
                length: 0.0,
                unindexed: 0.0,
                evidence: 0,
            }
        })
        .collect();
    // An amount no name precedes, in a sentence that opens with "It", "He"
    // or "She", is of what the sentence before named first (of a thing, or
    // of a person): "Yugansk was sold to pay a tax bill. It was bought for
    // $9.4bn by a little-known group."
    for i in 1..units.len() {
        if units[i].claim.quantities.iter().all(|q| q.holder.is_some()) {
            continue;
        }
        if features::opens_with_national_noun(units[i].text) {
            let place = main_place(&mentions[..=i], entities);
            for q in &mut units[i].claim.quantities {
                q.holder = q.holder.or(place);
            }
            continue;
        }
        let Some(person) = features::opening_pronoun(units[i].text) else {
            continue;
        };
        let before = mentions[i - 1]
            .iter()
            .filter(|m| (kind_of(entities, m.entity) == Kind::Person) == person)
            .min_by_key(|m| m.start)
            .map(|m| m.entity);
        for q in &mut units[i].claim.quantities {
            q.holder = q.holder.or(before);
        }
    }
    units
}

/// The kind of entity `entity` (other when out of range).
fn kind_of(entities: &[Entity], entity: usize) -> Kind {
    entities.get(entity).map_or(Kind::Other, |e| e.kind)
}

/// The place an article has named most in `sentences` (the first named
/// of those named as often): the country whose economy or government "the
/// economy" or "the government" is.
fn main_place(sentences: &[Vec<&Mention>], entities: &[Entity]) -> Option<usize> {
    let mut counts: Vec<(usize, u32, usize)> = Vec::new(); // entity, mentions, first seen
    for m in sentences.iter().flatten() {
        if kind_of(entities, m.entity) != Kind::Place {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == m.entity) {
            Some(c) => c.1 += 1,
            None => counts.push((m.entity, 1, counts.len())),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, n, first)| (n, std::cmp::Reverse(first)))
        .map(|c| c.0)
}

/// Every sentence's claim, the vocabulary of their terms, and each claim
/// measured against it: what both the linking and the model's fit start
/// from. With `prior`, the documents are some articles of a larger corpus
/// counted before, those marked fresh new to it
/// ([`Vocabulary::build_within`]).
fn claims<'a>(
    docs: &[LinkDoc<'a>],
    entities: &[Entity],
    prior: Option<(&TermCounts, &[bool])>,
) -> (Vec<Unit<'a>>, Vocabulary) {
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
    let published: Vec<Option<PartialDate>> = docs.iter().map(|d| d.published).collect();
    let vocab = match prior {
        None => Vocabulary::build(&mut units, entities, &published, &model::MODEL),
        Some((prior, fresh)) => Vocabulary::build_within(
            &mut units,
            entities,
            &published,
            &model::MODEL,
            prior,
            fresh,
        ),
    };
    for u in &mut units {
        scoring::measure(u, &vocab);
    }
    (units, vocab)
}

/// Every pair of sentences of different articles scoring at least the
/// threshold, as (lower, higher, score), best first, from the candidates of
/// the sentences `search` accepts.
fn scored_pairs(
    units: &[Unit<'_>],
    vocab: &Vocabulary,
    settings: &LinkSettings,
    search: impl Fn(usize) -> bool + Sync,
) -> Vec<(u32, u32, f32)> {
    let postings = Postings::new(units, &vocab.counted, &vocab.df);
    let travellers = Travellers::new(units);
    // `map_init` makes a scratch for every piece rayon splits the range
    // into; a scratch is as long as the corpus has sentences, and a fresh
    // one costs the kernel zeroed pages: pieces of a thousand sentences at
    // least keep that to a few dozen.
    let scored: Vec<Vec<(u32, f32)>> = (0..units.len())
        .into_par_iter()
        .with_min_len(SCRATCH_PIECE)
        .map_init(
            || Scratch::new(units.len(), vocab.kinds.len()),
            |scratch, i| {
                if !search(i) {
                    return Vec::new();
                }
                let index = (&postings, &travellers);
                candidates(i, units, vocab, index, settings.threshold, scratch)
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
    pairs
}

/// The chosen pairs as links, each with its relation and why, in the order
/// of their sentences.
fn to_links(
    chosen: Vec<(u32, u32, f32)>,
    units: &[Unit<'_>],
    vocab: &Vocabulary,
    entities: &[Entity],
) -> Vec<Link> {
    let mut links: Vec<Link> = chosen
        .into_par_iter()
        .map(|(i, j, score)| {
            let (i, j) = (i as usize, j as usize);
            let (relation, why) = relate(&units[i], &units[j], vocab, entities);
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

/// Links the claims of every pair of articles.
pub fn link(docs: &[LinkDoc<'_>], entities: &[Entity], settings: &LinkSettings) -> Vec<Link> {
    link_counting(docs, entities, settings).0
}

/// As [`link`], with what it counted of the corpus's terms, for linking
/// articles added to it later ([`link_added`]).
pub fn link_counting(
    docs: &[LinkDoc<'_>],
    entities: &[Entity],
    settings: &LinkSettings,
) -> (Vec<Link>, TermCounts) {
    // Links join different articles: with fewer than two there is nothing
    // to join, and building claims for one huge article would only cost
    // memory.
    if docs.len() < 2 {
        return (Vec::new(), TermCounts::default());
    }
    let (units, vocab) = claims(docs, entities, None);
    let pairs = scored_pairs(&units, &vocab, settings, |_| true);
    let mut caps = Caps::new(units.len(), settings);
    let mut chosen: Vec<(u32, u32, f32)> = Vec::new();
    for (i, j, score) in pairs {
        if caps.try_take_units((i, j), &units) {
            chosen.push((i, j, score));
        }
    }
    let closing = close_triangles(
        &chosen,
        &units,
        &vocab,
        settings.threshold * CLOSURE,
        &mut caps,
    );
    chosen.extend(closing);
    let counts = vocab.counts(units.len());
    (to_links(chosen, &units, &vocab, entities), counts)
}

/// The links that articles new to a corpus add to it: `docs` are the new
/// articles (`fresh`) and the articles of the corpus most likely to speak
/// of the same things, in corpus order; `old` are the links between them
/// the corpus has (by index in `docs`, with their scores); `prior` is what the corpus counted
/// before ([`link_counting`]), so that scores mean what they would in an
/// analysis of the whole. Returns the links of the new sentences (capped
/// among these documents; [`merge`] caps them against the whole corpus),
/// and the counts with the new articles added.
pub fn link_added(
    docs: &[LinkDoc<'_>],
    fresh: &[bool],
    old: &[(SentenceRef, SentenceRef, f32)],
    entities: &[Entity],
    settings: &LinkSettings,
    prior: &TermCounts,
) -> (Vec<Link>, TermCounts) {
    let (units, vocab) = claims(docs, entities, Some((prior, fresh)));
    let is_fresh = |i: u32| fresh.get(units[i as usize].at.article) == Some(&true);
    // Every sentence proposes candidates, as in a whole analysis: an old
    // one may find a new one the new one did not find.
    let mut chosen: Vec<(u32, u32, f32)> = scored_pairs(&units, &vocab, settings, |_| true);
    chosen.retain(|&(i, j, _)| is_fresh(i) || is_fresh(j));
    // The old links between these documents (`old`) and the new pairs
    // together, the best first under the caps, as a whole analysis takes
    // them; then triangles closed as it closes them: a new sentence linked
    // to an old one is linked to that one's old links when their own score
    // comes close enough ([`close_triangles`]).
    let mut first: Vec<usize> = Vec::with_capacity(docs.len());
    let mut n = 0;
    for d in docs {
        first.push(n);
        n += d.sentences.len();
    }
    let unit = |r: SentenceRef| {
        let i = first.get(r.article)? + r.sentence;
        (i < units.len()).then_some(i as u32)
    };
    let mut linked: Vec<(u32, u32, f32)> = old
        .iter()
        .filter_map(|&(a, b, score)| Some((unit(a)?, unit(b)?, score)))
        .filter(|&(i, j, _)| i < j)
        .chain(chosen.iter().copied())
        .collect();
    linked.sort_unstable_by(|x, y| {
        y.2.total_cmp(&x.2)
            .then_with(|| (x.0, x.1).cmp(&(y.0, y.1)))
    });
    let mut caps = Caps::new(units.len(), settings);
    linked.retain(|&(i, j, _)| caps.try_take_units((i, j), &units));
    let closing = close_triangles(
        &linked,
        &units,
        &vocab,
        settings.threshold * CLOSURE,
        &mut caps,
    );
    linked.extend(closing);
    linked.retain(|&(i, j, _)| is_fresh(i) || is_fresh(j));
    let counts = vocab.counts_added(prior, &units, fresh);
    (to_links(linked, &units, &vocab, entities), counts)
}

/// The links of a grown corpus, the old ones and those of its new articles
/// ([`link_added`]) together, the best first kept under the caps of
/// `settings` ([`LinkSettings::max_per_sentence`], [`LinkSettings::per_article`]), in the
/// order of their sentences.
pub fn merge(mut links: Vec<Link>, settings: &LinkSettings) -> Vec<Link> {
    links.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
    });
    // Each sentence numbered, for the caps of the whole linking.
    let mut ids: crate::analysis::FnvMap<SentenceRef, u32> = Default::default();
    for l in &links {
        for r in [l.a, l.b] {
            let next = ids.len() as u32;
            ids.entry(r).or_insert(next);
        }
    }
    let mut caps = Caps::new(ids.len(), settings);
    links.retain(|l| caps.try_take((ids[&l.a], l.a.article), (ids[&l.b], l.b.article)));
    links.sort_unstable_by_key(|x| (x.a, x.b));
    links
}

/// One scored pair of sentences and its model features, for fitting the
/// model (`scripts/fit_links.py` through `examples/link_features.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct PairFeatures {
    /// One side.
    pub a: SentenceRef,
    /// The other side, in a later article.
    pub b: SentenceRef,
    /// The features, in [`model::FEATURE_NAMES`] order.
    pub features: model::Features,
}

/// The features of every pair of sentences of different articles that
/// share a claim term: what the model is fitted on. Quadratic in the
/// sentences: for development stories of a few dozen articles, not for
/// large corpora.
pub fn pair_features(docs: &[LinkDoc<'_>], entities: &[Entity]) -> Vec<PairFeatures> {
    if docs.len() < 2 {
        return Vec::new();
    }
    let (units, vocab) = claims(docs, entities, None);
    let mut out = Vec::new();
    for (i, x) in units.iter().enumerate() {
        for y in &units[i + 1..] {
            if x.at.article == y.at.article {
                continue;
            }
            if let Some(features) = scoring::features_of(x, y, &vocab) {
                out.push(PairFeatures {
                    a: x.at,
                    b: y.at,
                    features,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
