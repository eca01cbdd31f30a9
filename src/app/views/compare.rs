//! The compare view: two articles side by side, the sentences linked
//! between them aligned in reading order on both sides.

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
    let mut pairs: Vec<(usize, usize, Relation, f32)> = analysis
        .links
        .iter()
        .filter_map(|l| {
            if l.a.article == left && l.b.article == right {
                Some((l.a.sentence, l.b.sentence, l.relation, l.score))
            } else if l.b.article == left && l.a.article == right {
                Some((l.b.sentence, l.a.sentence, l.relation, l.score))
            } else {
                None
            }
        })
        .collect();
    // keep the best link per left sentence, then a chain increasing on both sides
    pairs.sort_by(|x, y| x.0.cmp(&y.0).then(y.3.total_cmp(&x.3)));
    pairs.dedup_by_key(|p| p.0);
    let chain = increasing_chain(&pairs);
    let mut rows = Vec::new();
    let (mut i, mut j) = (0, 0);
    for &(a, b, rel, _) in &chain {
        while i < a || j < b {
            rows.push(CompareRow {
                left: (i < a).then_some(i),
                right: (j < b).then_some(j),
                relation: None,
            });
            i += usize::from(i < a);
            j += usize::from(j < b);
        }
        rows.push(CompareRow {
            left: Some(a),
            right: Some(b),
            relation: Some(rel),
        });
        i = a + 1;
        j = b + 1;
    }
    let (n, m) = (count(left), count(right));
    while i < n || j < m {
        rows.push(CompareRow {
            left: (i < n).then_some(i),
            right: (j < m).then_some(j),
            relation: None,
        });
        i += usize::from(i < n);
        j += usize::from(j < m);
    }
    CompareView {
        left,
        right,
        rows,
        sel: 0,
        side: Side::Left,
        top: 0,
    }
}

/// The longest chain of pairs increasing in both sentences (pairs sorted by
/// the first), found with patience sorting in O(n log n).
fn increasing_chain<T: Copy>(pairs: &[(usize, usize, T, f32)]) -> Vec<(usize, usize, T, f32)> {
    let mut tails: Vec<usize> = Vec::new(); // index into pairs of the tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, p) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs[t].1 < p.1);
        prev[k] = pos.checked_sub(1).map(|q| tails[q]);
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = Vec::new();
    let mut cur = tails.last().copied();
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

    #[test]
    fn chain_keeps_pairs_in_order_on_both_sides() {
        let p = |a, b| (a, b, (), 1.0);
        let chain = increasing_chain(&[p(0, 5), p(1, 1), p(2, 2), p(3, 0), p(4, 3)]);
        let got: Vec<(usize, usize)> = chain.iter().map(|c| (c.0, c.1)).collect();
        assert_eq!(got, vec![(1, 1), (2, 2), (4, 3)]);
    }
}
