//! Candidates: the sentences of other articles worth scoring against each
//! sentence, found through an inverted index over the rarer terms.
//!
//! Posting lists are capped, so the work per sentence is bounded and the
//! whole grows with the corpus, not its square; a candidate whose upper
//! bound cannot reach the threshold is dropped before it is scored in full.

use super::scoring::{bound, overlap_marked, score_with, BOUND_SLACK};
use super::vocabulary::Vocabulary;
use super::Unit;
use crate::analysis::FnvMap;

/// A term that occurs in more sentences than this does not propose
/// candidates (it still counts when a pair is scored): common terms say
/// little, and capping their posting lists keeps the work per sentence
/// bounded however large the corpus grows.
pub(super) const POSTING_CAP: usize = 256;

/// How many candidates per sentence are scored in full.
const CANDIDATES: usize = 48;

/// The sentences each term occurs in, for the terms that propose
/// candidates (in more than one sentence, at most [`POSTING_CAP`]): one flat
/// list cut by offsets, sized from the document frequencies up front.
pub(super) struct Postings {
    /// Where each term's sentences start in `ids`; one more than terms.
    starts: Vec<usize>,
    ids: Vec<u32>,
}

impl Postings {
    /// The postings of `units`, whose terms occur in `counted` of them and
    /// in `df` sentences of the whole corpus (the same counts unless the
    /// units are some articles of a larger corpus): whether a term is
    /// indexed depends on the whole corpus, as it would in its analysis.
    pub(super) fn new(units: &[Unit<'_>], counted: &[u32], df: &[u32]) -> Self {
        let indexed = |t: usize| df[t] > 1 && df[t] as usize <= POSTING_CAP;
        let mut starts = Vec::with_capacity(df.len() + 1);
        let mut total = 0;
        for (t, &d) in counted.iter().enumerate() {
            starts.push(total);
            if indexed(t) {
                total += d as usize;
            }
        }
        starts.push(total);
        let mut ids = vec![0; total];
        let mut next = starts.clone();
        for (i, u) in units.iter().enumerate() {
            for &t in &u.terms {
                if indexed(t as usize) {
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
pub(super) struct Travellers {
    denied: FnvMap<usize, Vec<u32>>,
    done: FnvMap<usize, Vec<u32>>,
}

impl Travellers {
    pub(super) fn new(units: &[Unit<'_>]) -> Self {
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
pub(super) struct Scratch {
    acc: Vec<f32>,
    touched: Vec<u32>,
    /// A bit per vocabulary term: the terms of the sentence being compared.
    mark: Vec<u64>,
}

impl Scratch {
    pub(super) fn new(units: usize, terms: usize) -> Self {
        Self {
            acc: vec![0.0; units],
            touched: Vec::new(),
            mark: vec![0; terms.div_ceil(64)],
        }
    }
}

/// The scored candidates of sentence `i` in other articles, at or above
/// `threshold`.
pub(super) fn candidates(
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
