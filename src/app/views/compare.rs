//! The compare view: two articles side by side, the sentences linked
//! between them aligned in reading order on both sides; a link that
//! crosses the others (its sentences out of order) keeps a row of its own
//! after its left sentence, so no link between the two is left out.

use crate::analysis::links::Relation;
use crate::analysis::Analysis;
use std::collections::HashMap;

/// One aligned row of the compare view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareRow {
    /// The sentence of the left article, if any.
    pub left: Option<usize>,
    /// The sentence of the right article, if any.
    pub right: Option<usize>,
    /// The relation when the two are linked.
    pub relation: Option<Relation>,
    /// The link between them (an index into the analysis's links).
    pub link: Option<usize>,
    /// Whether the pair is out of reading order on one side (a link that
    /// crosses the aligned ones): its sentences also show in their places.
    pub crossing: bool,
}

impl CompareRow {
    fn gap(left: Option<usize>, right: Option<usize>) -> Self {
        Self {
            left,
            right,
            relation: None,
            link: None,
            crossing: false,
        }
    }
}

/// Which side of the compare view Enter goes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The current article.
    Left,
    /// The other article.
    Right,
}

/// Two articles side by side, linked sentences aligned.
#[derive(Debug, Clone)]
pub struct CompareView {
    /// The left article.
    pub left: usize,
    /// The right article.
    pub right: usize,
    /// The aligned rows.
    pub rows: Vec<CompareRow>,
    /// Selected row.
    pub sel: usize,
    /// Which side Enter goes into.
    pub side: Side,
    /// The first row shown when it was last on top (from the measured
    /// frame, see [`crate::app::App::set_frame`]).
    pub top: usize,
}

/// Aligns two articles by the links between them: linked pairs in reading
/// order on both sides, the sentences between them on rows of their own.
pub fn compare(analysis: &Analysis, left: usize, right: usize) -> CompareView {
    let count = |a: usize| analysis.articles.get(a).map_or(0, |x| x.sentences.len());
    // (left sentence, right sentence, relation, score, link)
    let mut pairs: Vec<(usize, usize, (Relation, usize), f32)> = analysis
        .links
        .iter()
        .enumerate()
        .filter_map(|(li, l)| {
            if l.a.article == left && l.b.article == right {
                Some((l.a.sentence, l.b.sentence, (l.relation, li), l.score))
            } else if l.b.article == left && l.a.article == right {
                Some((l.b.sentence, l.a.sentence, (l.relation, li), l.score))
            } else {
                None
            }
        })
        .collect();
    // the best link per left sentence, then a chain increasing on both
    // sides is aligned; every other link gets a row after its left sentence
    pairs.sort_by(|x, y| x.0.cmp(&y.0).then(y.3.total_cmp(&x.3)));
    let mut best = pairs.clone();
    best.dedup_by_key(|p| p.0);
    let chain = increasing_chain(&best);
    let aligned: std::collections::HashSet<usize> = chain.iter().map(|p| p.2 .1).collect();
    let extra: Vec<CompareRow> = pairs
        .iter()
        .filter(|p| !aligned.contains(&p.2 .1))
        .map(|&(a, b, (rel, li), _)| CompareRow {
            left: Some(a),
            right: Some(b),
            relation: Some(rel),
            link: Some(li),
            crossing: true,
        })
        .collect();
    let mut rows = Vec::new();
    let mut next_extra = 0;
    // a row holding left sentence `a` is followed by its crossing links
    let mut push = |rows: &mut Vec<CompareRow>, row: CompareRow| {
        let a = row.left;
        rows.push(row);
        if let Some(a) = a {
            while extra.get(next_extra).is_some_and(|x| x.left < Some(a)) {
                rows.push(extra[next_extra]);
                next_extra += 1;
            }
            while extra.get(next_extra).is_some_and(|x| x.left == Some(a)) {
                rows.push(extra[next_extra]);
                next_extra += 1;
            }
        }
    };
    let (mut i, mut j) = (0, 0);
    for &(a, b, (rel, li), _) in &chain {
        while i < a || j < b {
            push(
                &mut rows,
                CompareRow::gap((i < a).then_some(i), (j < b).then_some(j)),
            );
            i += usize::from(i < a);
            j += usize::from(j < b);
        }
        push(
            &mut rows,
            CompareRow {
                left: Some(a),
                right: Some(b),
                relation: Some(rel),
                link: Some(li),
                crossing: false,
            },
        );
        i = a + 1;
        j = b + 1;
    }
    let (n, m) = (count(left), count(right));
    while i < n || j < m {
        push(
            &mut rows,
            CompareRow::gap((i < n).then_some(i), (j < m).then_some(j)),
        );
        i += usize::from(i < n);
        j += usize::from(j < m);
    }
    // links from sentences past the end (none in a consistent analysis)
    rows.extend(extra.iter().skip(next_extra).copied());
    CompareView {
        left,
        right,
        rows,
        sel: 0,
        side: Side::Left,
        top: 0,
    }
}

/// The chain of pairs increasing in both sentences (pairs sorted by the
/// first) whose scores add up to the most: the strongest links are the
/// ones aligned. Quadratic in the pairs, which are at most one per
/// sentence of the left article.
fn increasing_chain<T: Copy>(pairs: &[(usize, usize, T, f32)]) -> Vec<(usize, usize, T, f32)> {
    let mut best: Vec<f32> = Vec::with_capacity(pairs.len());
    let mut prev: Vec<Option<usize>> = Vec::with_capacity(pairs.len());
    for (k, p) in pairs.iter().enumerate() {
        let before = (0..k)
            .filter(|&j| pairs[j].0 < p.0 && pairs[j].1 < p.1)
            .max_by(|&x, &y| best[x].total_cmp(&best[y]).then(y.cmp(&x)));
        best.push(p.3 + before.map_or(0.0, |j| best[j]));
        prev.push(before);
    }
    let mut out = Vec::new();
    let mut cur = (0..pairs.len()).max_by(|&x, &y| best[x].total_cmp(&best[y]).then(y.cmp(&x)));
    while let Some(k) = cur {
        out.push(pairs[k]);
        cur = prev[k];
    }
    out.reverse();
    out
}

/// The article most linked to `article`, for compare when the sentence has
/// no link.
pub fn most_linked(analysis: &Analysis, article: usize) -> Option<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for l in &analysis.links {
        if l.a.article == article {
            *counts.entry(l.b.article).or_default() += 1;
        } else if l.b.article == article {
            *counts.entry(l.a.article).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0)))
        .map(|(a, _)| a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::links::{Link, SentenceRef};
    use crate::analysis::ArticleAnalysis;

    fn analysis(links: &[(usize, usize, Relation, f32)]) -> Analysis {
        let at = |article, sentence| SentenceRef { article, sentence };
        let mut articles: Vec<ArticleAnalysis> =
            (0..2).map(|_| ArticleAnalysis::default()).collect();
        for a in &mut articles {
            a.sentences = (0..6)
                .map(|k| crate::analysis::segment::Sentence {
                    start: k * 10,
                    end: k * 10 + 9,
                    paragraph: 0,
                })
                .collect();
            a.sentence_links = vec![Vec::new(); 6];
        }
        Analysis {
            articles,
            links: links
                .iter()
                .map(|&(a, b, relation, score)| Link {
                    a: at(0, a),
                    b: at(1, b),
                    score,
                    relation,
                    why: format!("why {a}-{b}"),
                })
                .collect(),
            ..Analysis::default()
        }
    }

    #[test]
    fn links_that_cross_keep_rows_of_their_own() {
        // 1–1 and 3–3 align; 2–0 crosses them; 1–4 is a second link of 1
        let a = analysis(&[
            (1, 1, Relation::Agrees, 0.9),
            (3, 3, Relation::Differs, 0.8),
            (2, 0, Relation::Related, 0.5),
            (1, 4, Relation::Related, 0.4),
        ]);
        let c = compare(&a, 0, 1);
        let linked: Vec<CompareRow> = c
            .rows
            .iter()
            .filter(|r| r.link.is_some())
            .copied()
            .collect();
        let linked: Vec<_> = linked
            .iter()
            .map(|r| (r.left, r.right, r.link, r.crossing))
            .collect();
        assert_eq!(
            linked,
            vec![
                (Some(1), Some(1), Some(0), false),
                (Some(1), Some(4), Some(3), true),
                (Some(2), Some(0), Some(2), true),
                (Some(3), Some(3), Some(1), false),
            ]
        );
        // every sentence of both sides still has its place in order
        let lefts: Vec<usize> = c
            .rows
            .iter()
            .filter(|r| !r.crossing)
            .filter_map(|r| r.left)
            .collect();
        let rights: Vec<usize> = c
            .rows
            .iter()
            .filter(|r| !r.crossing)
            .filter_map(|r| r.right)
            .collect();
        assert_eq!(lefts, (0..6).collect::<Vec<_>>());
        assert_eq!(rights, (0..6).collect::<Vec<_>>());
        // the same from the other side
        let back = compare(&a, 1, 0);
        assert_eq!(back.rows.iter().filter(|r| r.link.is_some()).count(), 4);
    }

    #[test]
    fn chain_keeps_pairs_in_order_on_both_sides() {
        let p = |a, b| (a, b, (), 1.0);
        let chain = increasing_chain(&[p(0, 5), p(1, 1), p(2, 2), p(3, 0), p(4, 3)]);
        let got: Vec<(usize, usize)> = chain.iter().map(|c| (c.0, c.1)).collect();
        assert_eq!(got, vec![(1, 1), (2, 2), (4, 3)]);
    }
}
