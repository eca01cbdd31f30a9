//! Stories: which articles of the folder tell one story, so that sentences
//! of two different stories are not linked.
//!
//! Two stories of one kind in one folder (two fires in two towns, two
//! shootings) share event words, close figures and often a country; what
//! sets them apart is what each article of one story names and the other's
//! do not: its people, places and organisations, its day, the words rare in
//! news at large that its reports repeat. Each article is described by those
//! terms, weighted by how often it uses them and how few articles of the
//! folder do; two articles are as alike as those vectors are (their dot
//! product). Articles are grouped by average linkage: two groups are one
//! story when their articles are, on average, alike enough. Average linkage,
//! not a chain of alike pairs: one article that names both towns would
//! otherwise join the two stories.
//!
//! The work stays close to linear in the corpus: an article is compared only
//! with the articles its terms' posting lists hold (each capped), and keeps
//! its closest few.

use super::vocabulary::TermKind;
use super::Unit;
use crate::analysis::FnvMap;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// How many terms describe an article's story: its heaviest.
const STORY_TERMS: usize = 24;

/// A term more articles than this name says nothing of which story an
/// article tells (a country, a big city), and would make the comparison of
/// every article with every other.
const STORY_POSTING_CAP: u32 = 64;

/// How many other articles each article is compared with, the most alike.
const NEIGHBOURS: usize = 16;

/// How alike, on average, the articles of two groups must be for the two to
/// be one story. Set by hand, not fitted (the fit's folders hold one story,
/// or two of different kinds that rarely share a name): on ECB+, where most
/// pairs of articles of two stories of one kind fall below it and about one
/// link in twenty of a story told alone is lost to a split.
const SAME_STORY: f32 = 0.15;

/// What a word rare in news counts for against a name: words describe a
/// story less surely than the names of its people and places.
const WORD_SHARE: f32 = 0.5;

/// Which story each article tells.
#[derive(Debug, Default)]
pub(super) struct Stories {
    /// Each article's story, by article index (the index of one of its
    /// articles).
    of: Vec<u32>,
    /// How many articles each story has, by that index.
    size: Vec<u32>,
}

impl Stories {
    /// Whether articles `a` and `b` tell two different stories: they are in
    /// two groups, each of more than one article. An article alike to no
    /// other is apart from none: nothing says which story it tells.
    pub(super) fn apart(&self, a: usize, b: usize) -> bool {
        match (self.of.get(a), self.of.get(b)) {
            (Some(&x), Some(&y)) => {
                x != y && self.size[x as usize] > 1 && self.size[y as usize] > 1
            }
            _ => false,
        }
    }

    /// How many stories of more than one article there are.
    #[cfg(test)]
    pub(super) fn told(&self) -> usize {
        self.size.iter().filter(|&&n| n > 1).count()
    }
}

/// Groups the `articles` articles by story, from their sentences' terms
/// (`kinds` and `news`, each term's kind and rarity in news at large, by
/// term id). `units` are in article order.
pub(super) fn group(
    units: &[Unit<'_>],
    kinds: &[TermKind],
    news: &[f32],
    articles: usize,
) -> Stories {
    let vectors = story_vectors(units, kinds, news, articles);
    let edges = alike_pairs(&vectors, kinds.len());
    let of = average_linkage(articles, &edges);
    let mut size = vec![0; articles];
    for &s in &of {
        size[s as usize] += 1;
    }
    Stories { of, size }
}

/// What a term of this kind, as rare in news as `news`, says of the story an
/// article tells: names, entities and days say most, words rare in news
/// some, other terms nothing.
fn story_weight(kind: TermKind, news: f32) -> f32 {
    match kind {
        TermKind::Entity | TermKind::Day => 1.0,
        TermKind::Name => news,
        TermKind::Word => WORD_SHARE * news,
        _ => 0.0,
    }
}

/// Each article's story terms, the [`STORY_TERMS`] heaviest, weighted by
/// how many of its sentences use them and how few articles do, to unit
/// length, sorted by term id.
fn story_vectors(
    units: &[Unit<'_>],
    kinds: &[TermKind],
    news: &[f32],
    articles: usize,
) -> Vec<Vec<(u32, f32)>> {
    // Each article's sentences: a run of the units.
    let mut runs = vec![0..0; articles];
    let mut start = 0;
    for i in 1..=units.len() {
        if i == units.len() || units[i].at.article != units[start].at.article {
            if let Some(r) = runs.get_mut(units[start].at.article) {
                *r = start..i;
            }
            start = i;
        }
    }
    // Per article, in how many of its sentences each story term occurs.
    let counts: Vec<Vec<(u32, f32)>> = runs
        .par_iter()
        .map(|r| {
            let mut n: FnvMap<u32, f32> = FnvMap::default();
            for u in &units[r.clone()] {
                for &t in &u.terms {
                    let w = story_weight(kinds[t as usize], news[t as usize]);
                    if w > 0.0 {
                        *n.entry(t).or_insert(0.0) += 1.0;
                    }
                }
            }
            let mut v: Vec<(u32, f32)> = n.into_iter().collect();
            v.sort_unstable_by_key(|&(t, _)| t);
            v
        })
        .collect();
    let mut df = vec![0u32; kinds.len()];
    for v in &counts {
        for &(t, _) in v {
            df[t as usize] += 1;
        }
    }
    let n = articles as f32;
    counts
        .into_par_iter()
        .map(|v| {
            // A term of one article joins it to none; one of too many is no
            // story's own.
            let v: Vec<(u32, f32)> = v
                .into_iter()
                .filter(|&(t, _)| (2..=STORY_POSTING_CAP).contains(&df[t as usize]))
                .map(|(t, c)| {
                    let (kind, d) = (kinds[t as usize], df[t as usize] as f32);
                    // Smoothed: a name every article of a one-story folder
                    // uses still says which story it is.
                    let idf = (1.0 + n / d).ln();
                    (
                        t,
                        (1.0 + c.ln()) * idf * story_weight(kind, news[t as usize]),
                    )
                })
                .filter(|&(_, w)| w > 0.0)
                .collect();
            super::vocabulary::heaviest_to_unit(v, STORY_TERMS)
        })
        .collect()
}

/// The pairs of articles whose story vectors meet, as (lower, higher,
/// likeness), each article's [`NEIGHBOURS`] closest, found through posting
/// lists of the vectors' terms.
fn alike_pairs(vectors: &[Vec<(u32, f32)>], terms: usize) -> Vec<(u32, u32, f32)> {
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms];
    for (a, v) in vectors.iter().enumerate() {
        for &(t, w) in v {
            postings[t as usize].push((a as u32, w));
        }
    }
    // a scratch as long as the corpus has articles for each piece rayon
    // splits the work into: pieces of many articles keep them few
    let mut edges: Vec<(u32, u32, f32)> = vectors
        .par_iter()
        .enumerate()
        .with_min_len(super::SCRATCH_PIECE / 16)
        .map_init(
            || (vec![0.0f32; vectors.len()], Vec::<u32>::new()),
            |(acc, touched), (a, v)| {
                for &(t, w) in v {
                    for &(b, x) in &postings[t as usize] {
                        if b as usize == a {
                            continue;
                        }
                        if acc[b as usize] == 0.0 {
                            touched.push(b);
                        }
                        acc[b as usize] += w * x;
                    }
                }
                let mut near: Vec<(u32, f32)> = touched
                    .drain(..)
                    .map(|b| (b, std::mem::take(&mut acc[b as usize])))
                    .collect();
                let order = |x: &(u32, f32), y: &(u32, f32)| {
                    y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0))
                };
                if near.len() > NEIGHBOURS {
                    near.select_nth_unstable_by(NEIGHBOURS - 1, order);
                    near.truncate(NEIGHBOURS);
                }
                let a = a as u32;
                near.into_iter()
                    .map(|(b, s)| (a.min(b), a.max(b), s))
                    .collect::<Vec<_>>()
            },
        )
        .flatten()
        .collect();
    // A pair each of whose articles keeps the other comes twice; its two
    // sums may differ in the last bit (summed in another order): the lower
    // is kept, so that the result does not depend on the threads.
    edges.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(x.2.total_cmp(&y.2)));
    edges.dedup_by_key(|e| (e.0, e.1));
    edges
}

/// A candidate merge of two groups, by their average likeness; the
/// versions say whether either group has changed since.
#[derive(PartialEq)]
struct Merge {
    average: f32,
    a: u32,
    b: u32,
    versions: (u32, u32),
}

impl Eq for Merge {}

impl Ord for Merge {
    fn cmp(&self, other: &Self) -> Ordering {
        // The most alike first; of equals, the lowest pair.
        self.average
            .total_cmp(&other.average)
            .then_with(|| (other.a, other.b).cmp(&(self.a, self.b)))
            .then_with(|| other.versions.cmp(&self.versions))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Average-linkage grouping of `n` articles over the likeness of the pairs
/// in `edges` (pairs not there count as unlike): the two groups of the
/// highest average likeness merge, while it reaches [`SAME_STORY`]. Returns
/// each article's group, named by one of its articles.
fn average_linkage(n: usize, edges: &[(u32, u32, f32)]) -> Vec<u32> {
    // Per group, the summed likeness to each group it meets.
    let mut sums: Vec<FnvMap<u32, f32>> = vec![FnvMap::default(); n];
    for &(a, b, s) in edges {
        sums[a as usize].insert(b, s);
        sums[b as usize].insert(a, s);
    }
    let mut size = vec![1u32; n];
    let mut version = vec![0u32; n];
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut heap: BinaryHeap<Merge> = edges
        .iter()
        .filter(|e| e.2 >= SAME_STORY)
        .map(|&(a, b, s)| Merge {
            average: s,
            a,
            b,
            versions: (0, 0),
        })
        .collect();
    while let Some(m) = heap.pop() {
        let (a, b) = (m.a as usize, m.b as usize);
        if m.versions != (version[a], version[b]) || parent[a] != m.a || parent[b] != m.b {
            continue;
        }
        // The larger group takes the smaller one in.
        let (keep, gone) = if size[a] >= size[b] { (a, b) } else { (b, a) };
        parent[gone] = keep as u32;
        size[keep] += size[gone];
        version[keep] += 1;
        let moved = std::mem::take(&mut sums[gone]);
        for (k, s) in moved {
            if k as usize == keep {
                continue;
            }
            sums[k as usize].remove(&(gone as u32));
            *sums[keep].entry(k).or_insert(0.0) += s;
            let total = sums[keep][&k];
            sums[k as usize].insert(keep as u32, total);
        }
        sums[keep].remove(&(gone as u32));
        // Only a pair that reaches the bar now can merge: its average
        // changes only when one of its groups does, and that group's pairs
        // are pushed again then.
        let next: Vec<Merge> = sums[keep]
            .iter()
            .filter_map(|(&k, &s)| {
                let average = s / (size[keep] * size[k as usize]) as f32;
                (average >= SAME_STORY).then(|| {
                    let (x, y) = ((keep as u32).min(k), (keep as u32).max(k));
                    Merge {
                        average,
                        a: x,
                        b: y,
                        versions: (version[x as usize], version[y as usize]),
                    }
                })
            })
            .collect();
        heap.extend(next);
    }
    (0..n)
        .map(|i| {
            let mut r = i;
            while parent[r] as usize != r {
                r = parent[r] as usize;
            }
            r as u32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_stories_are_two_groups_however_one_article_bridges_them() {
        // Articles 0–2 alike, 3–5 alike, and 2 a little alike to 3: a chain
        // would join all six.
        let edges = vec![
            (0, 1, 0.5),
            (0, 2, 0.4),
            (1, 2, 0.45),
            (3, 4, 0.5),
            (3, 5, 0.4),
            (4, 5, 0.6),
            (2, 3, 0.3),
        ];
        let of = average_linkage(7, &edges);
        assert_eq!(of[0], of[1]);
        assert_eq!(of[1], of[2]);
        assert_eq!(of[3], of[4]);
        assert_eq!(of[4], of[5]);
        assert_ne!(of[0], of[3]);
        // Alike to none: a group of its own.
        assert!((0..6).all(|i| of[i] != of[6]));
    }
}
