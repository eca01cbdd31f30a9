//! Cross-references: sentences of different articles that make claims about
//! the same fact, scored, with a relation and a reason.
//!
//! Each sentence becomes a [`features::Claim`]; its words, names, entities,
//! dates and quantities become terms weighted by their rarity across the
//! corpus. Candidate pairs come from an inverted index over the rarer terms
//! (posting lists are capped, so the work per sentence is bounded and the
//! whole grows with the corpus, not its square); each candidate is scored by
//! the weight of what it shares, and the best few per sentence are kept.

pub mod features;

use super::dates::DateMention;
use super::entities::{Entity, Mention};
use super::segment::Sentence;
use crate::corpus::PartialDate;
use features::{Claim, DateFeature, Extractor};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
            max_per_sentence: 5,
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
const SCALE: f32 = 1.5;

/// How much the length of the two sentences damps their shared weight
/// (0: not at all; 0.5: the geometric mean of their masses, like cosine).
const LENGTH_DAMPING: f32 = 0.1;

/// What kind of thing a term stands for; each kind has its own weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermKind {
    Word,
    Bigram,
    Entity,
    Year,
    Month,
    Day,
    Amount,
    Unit,
}

impl TermKind {
    /// How much a shared term of this kind counts, relative to a word of
    /// the same rarity.
    fn weight(self) -> f32 {
        match self {
            Self::Word | Self::Entity | Self::Amount => 1.0,
            Self::Month | Self::Day => tune("LK_DATE", 1.0),
            Self::Bigram => tune("LK_BI", 0.6),
            Self::Year => tune("LK_YEAR", 0.6),
            Self::Unit => tune("LK_UNIT", 0.4),
        }
    }

    /// Whether it names what a claim is about, rather than a date or number.
    fn lexical(self) -> bool {
        matches!(self, Self::Word | Self::Bigram | Self::Entity)
    }
}

/// One sentence, ready to compare.
struct Unit {
    at: SentenceRef,
    claim: Claim,
    /// Interned term ids, sorted, no duplicates.
    terms: Vec<u32>,
    /// Sum of the weights of its terms.
    mass: f32,
}

/// The corpus vocabulary: term ids, kinds and weights.
#[derive(Default)]
struct Vocabulary {
    ids: HashMap<String, u32>,
    kinds: Vec<TermKind>,
    df: Vec<u32>,
    weight: Vec<f32>,
}

impl Vocabulary {
    fn intern(&mut self, key: String, kind: TermKind) -> u32 {
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        // Fewer than 2^32 distinct terms: a corpus would need far more text
        // than fits in memory to exceed it.
        let id = u32::try_from(self.kinds.len()).unwrap_or(u32::MAX);
        self.ids.insert(key, id);
        self.kinds.push(kind);
        self.df.push(0);
        id
    }
}

/// The terms of a claim, as (key, kind).
fn claim_terms(claim: &Claim) -> Vec<(String, TermKind)> {
    let mut out = Vec::new();
    for (w, _) in &claim.words {
        out.push((format!("w:{w}"), TermKind::Word));
    }
    for b in &claim.bigrams {
        out.push((format!("b:{b}"), TermKind::Bigram));
    }
    for e in &claim.entities {
        out.push((format!("e:{e}"), TermKind::Entity));
    }
    for d in &claim.dates {
        let v = d.value;
        out.push((format!("y:{}", v.year), TermKind::Year));
        if let Some(m) = v.month {
            out.push((format!("m:{}-{m}", v.year), TermKind::Month));
            if let Some(day) = v.day {
                out.push((format!("d:{}-{m}-{day}", v.year), TermKind::Day));
            }
        }
    }
    for q in &claim.quantities {
        out.push((format!("q:{}:{}", q.unit, q.value), TermKind::Amount));
        out.push((format!("u:{}", q.unit), TermKind::Unit));
    }
    out
}

/// The claim features of every sentence of one document.
fn doc_claims(extractor: &Extractor, article: usize, doc: &LinkDoc<'_>) -> Vec<Unit> {
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
            let covered: Vec<(usize, usize)> = here
                .iter()
                .map(|m| {
                    (
                        m.start.saturating_sub(s.start),
                        m.end.saturating_sub(s.start),
                    )
                })
                .collect();
            let ids: Vec<usize> = here.iter().map(|m| m.entity).collect();
            let claim = extractor.claim(
                text,
                &covered,
                &ids,
                std::mem::take(&mut dates[i]),
                doc.published,
            );
            Unit {
                at: SentenceRef {
                    article,
                    sentence: i,
                },
                claim,
                terms: Vec::new(),
                mass: 0.0,
            }
        })
        .collect()
}

/// Links the claims of every pair of articles.
pub fn link(docs: &[LinkDoc<'_>], entities: &[Entity], settings: &LinkSettings) -> Vec<Link> {
    let mut extractor = Extractor::new();
    extractor.learn(docs.iter().flat_map(|d| {
        d.sentences
            .iter()
            .map(|s| d.body.get(s.range()).unwrap_or(""))
    }));
    let mut units: Vec<Unit> = docs
        .par_iter()
        .enumerate()
        .map(|(a, d)| doc_claims(&extractor, a, d))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let mut vocab = Vocabulary::default();
    for u in &mut units {
        let mut terms: Vec<u32> = claim_terms(&u.claim)
            .into_iter()
            .map(|(k, kind)| vocab.intern(k, kind))
            .collect();
        terms.sort_unstable();
        terms.dedup();
        for &t in &terms {
            vocab.df[t as usize] += 1;
        }
        u.terms = terms;
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
    }
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocab.kinds.len()];
    for (i, u) in units.iter().enumerate() {
        for &t in &u.terms {
            if (vocab.df[t as usize] as usize) <= POSTING_CAP && vocab.df[t as usize] > 1 {
                postings[t as usize].push(i as u32);
            }
        }
    }
    let scored: Vec<Vec<(u32, f32)>> = (0..units.len())
        .into_par_iter()
        .map(|i| candidates(i, &units, &vocab, &postings, settings.threshold))
        .collect();
    let mut pairs: Vec<(u32, u32, f32)> = scored
        .into_iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.into_iter().map(move |(j, s)| {
                let i = i as u32;
                (i.min(j), i.max(j), s)
            })
        })
        .collect();
    pairs.sort_by_key(|x| (x.0, x.1));
    pairs.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);
    pairs.sort_by(|x, y| {
        y.2.total_cmp(&x.2)
            .then_with(|| (x.0, x.1).cmp(&(y.0, y.1)))
    });
    let mut count = vec![0usize; units.len()];
    let mut links = Vec::new();
    for (i, j, score) in pairs {
        let (i, j) = (i as usize, j as usize);
        if count[i] >= settings.max_per_sentence || count[j] >= settings.max_per_sentence {
            continue;
        }
        count[i] += 1;
        count[j] += 1;
        let (relation, why) = relate(&units[i], &units[j], &vocab, entities);
        links.push(Link {
            a: units[i].at,
            b: units[j].at,
            score,
            relation,
            why,
        });
    }
    links.sort_by_key(|x| (x.a, x.b));
    links
}

/// The scored candidates of sentence `i` in other articles, at or above
/// `threshold`.
fn candidates(
    i: usize,
    units: &[Unit],
    vocab: &Vocabulary,
    postings: &[Vec<u32>],
    threshold: f32,
) -> Vec<(u32, f32)> {
    let me = &units[i];
    let mut acc: HashMap<u32, f32> = HashMap::new();
    for &t in &me.terms {
        let w = vocab.weight[t as usize];
        if w <= 0.0 {
            continue;
        }
        for &j in &postings[t as usize] {
            if units[j as usize].at.article != me.at.article {
                *acc.entry(j).or_default() += w;
            }
        }
    }
    let mut top: Vec<(u32, f32)> = acc.into_iter().collect();
    top.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    top.truncate(CANDIDATES);
    top.into_iter()
        .filter_map(|(j, _)| {
            let s = score(me, &units[j as usize], vocab);
            (s >= threshold).then_some((j, s))
        })
        .collect()
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
fn score(a: &Unit, b: &Unit, vocab: &Vocabulary) -> f32 {
    let common = shared(&a.terms, &b.terms);
    let lexical: f32 = common
        .iter()
        .filter(|&&t| vocab.kinds[t as usize].lexical())
        .map(|&t| vocab.weight[t as usize])
        .sum();
    // Sharing only a date or a number is no claim in common.
    if lexical <= 0.0 {
        return 0.0;
    }
    let total: f32 = common.iter().map(|&t| vocab.weight[t as usize]).sum();
    let raw = total
        / (a.mass * b.mass)
            .max(1.0)
            .powf(tune("LK_NORM", LENGTH_DAMPING));
    1.0 - (-raw / tune("LK_SCALE", SCALE)).exp()
}

/// Decides how two linked claims relate and says why.
fn relate(a: &Unit, b: &Unit, vocab: &Vocabulary, entities: &[Entity]) -> (Relation, String) {
    let common = shared(&a.terms, &b.terms);
    let mut by_weight: Vec<u32> = common.clone();
    by_weight.sort_by(|x, y| {
        vocab.weight[*y as usize]
            .total_cmp(&vocab.weight[*x as usize])
            .then_with(|| x.cmp(y))
    });
    let key_of: HashMap<u32, &str> = vocab
        .ids
        .iter()
        .filter(|(_, id)| common.contains(id))
        .map(|(k, id)| (*id, k.as_str()))
        .collect();
    let mut names = Vec::new();
    let mut words = Vec::new();
    let mut rare_events = 0;
    let max_weight = (vocab.weight.iter().copied().fold(0.0f32, f32::max)).max(1e-6);
    for t in &by_weight {
        let Some(key) = key_of.get(t) else { continue };
        let kind = vocab.kinds[*t as usize];
        if kind == TermKind::Entity {
            if let Some(e) = key[2..].parse::<usize>().ok().and_then(|e| entities.get(e)) {
                names.push(e.name.clone());
            }
        } else if kind == TermKind::Word {
            let stem = &key[2..];
            let surface = a
                .claim
                .words
                .iter()
                .find(|(w, _)| w == stem)
                .map_or(stem, |(_, s)| s.as_str());
            let surface = surface
                .trim_end_matches("’s")
                .trim_end_matches("'s")
                .to_string();
            let list = if a.claim.names.iter().any(|n| n == stem) {
                &mut names
            } else {
                &mut words
            };
            if !list.contains(&surface) {
                list.push(surface);
            }
        }
        if kind.lexical() && vocab.weight[*t as usize] >= 0.5 * max_weight {
            rare_events += 1;
        }
        if kind == TermKind::Bigram {
            rare_events += 2;
        }
    }
    let decision = decide(&a.claim, &b.claim);
    names.truncate(3);
    words.truncate(if names.len() >= 2 { 1 } else { 3 });
    let mut about: Vec<String> = names;
    about.extend(words);
    let mut parts = Vec::new();
    match &decision {
        Decision::Differs(what) | Decision::Agrees(what) => parts.push(what.clone()),
        Decision::Unknown => {}
    }
    if !about.is_empty() {
        parts.push(about.join(", "));
    }
    // quantities and dates are quoted from the body and may span a line
    // break; the reason is shown on one line
    let why = parts
        .join(" · ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let relation = match decision {
        Decision::Differs(_) => Relation::Differs,
        Decision::Agrees(_) => Relation::Agrees,
        Decision::Unknown if rare_events >= 3 => Relation::Agrees,
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
fn decide(a: &Claim, b: &Claim) -> Decision {
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
    // Dates: a shared month or day is a shared fact; two different ones at
    // month precision, with none in common, a disagreement.
    let month_a: Vec<&DateFeature> = a.dates.iter().filter(|d| d.value.month.is_some()).collect();
    let month_b: Vec<&DateFeature> = b.dates.iter().filter(|d| d.value.month.is_some()).collect();
    let mut shared_month = false;
    for da in &month_a {
        if month_b
            .iter()
            .any(|db| db.value.year == da.value.year && db.value.month == da.value.month)
        {
            shared_month = true;
            agreed.push(da.text.clone());
        }
    }
    if !shared_month {
        let years_a: Vec<i16> = a.dates.iter().map(|d| d.value.year).collect();
        if let Some(db) = b.dates.iter().find(|d| years_a.contains(&d.value.year)) {
            agreed.push(db.text.clone());
        }
    }
    // Two different days a few weeks apart are likely two reports of one
    // event; months apart, two events (a meeting in May, another in
    // September), which is no disagreement.
    if differ.is_none() && !shared_month {
        let days = |d: &DateFeature| d.value.day.map(|_| d.value.first_day());
        'outer: for da in &a.dates {
            let Some(x) = days(da) else { continue };
            for db in &b.dates {
                let Some(y) = days(db) else { continue };
                let gap = (x - y).get_days().abs();
                if gap > 0 && gap <= 31 {
                    differ = Some(format!("{} vs {}", da.text, db.text));
                    break 'outer;
                }
            }
        }
    }
    // Polarity: one says it happened, the other that it did not.
    if differ.is_none() {
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
        if let Some(d) = &mut differ {
            if a.attribution.is_some() || b.attribution.is_some() {
                d.push_str(" (attributed)");
            }
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

// TEMP tuning
pub(crate) fn tune(name: &str, default: f32) -> f32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
