//! Closure: claims come in clusters, so two sentences each linked to a
//! third are linked to each other when their own score comes close enough
//! to the threshold.

use super::scoring::score;
use super::vocabulary::Vocabulary;
use super::{Caps, Unit};
use crate::analysis::{FnvMap, FnvSet};
use rayon::prelude::*;

/// The share of the threshold a pair needs to be linked when both its
/// sentences are linked to a third: see [`close_triangles`].
pub(super) const CLOSURE: f32 = 0.8;

/// Claims come in clusters: when a sentence is linked to sentences of two
/// other articles, those two likely report the same thing too. Each such
/// pair not yet linked is added when its own score reaches `floor` (below
/// the threshold: the shared neighbour is evidence of its own) and neither
/// sentence has reached its cap of links (`caps`).
pub(super) fn close_triangles(
    chosen: &[(u32, u32, f32)],
    units: &[Unit<'_>],
    vocab: &Vocabulary,
    floor: f32,
    caps: &mut Caps,
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
    let full = |i: u32| caps.full(i);
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
        if added.contains(&(i, j)) || !caps.try_take_units((i, j), units) {
            continue;
        }
        added.insert((i, j));
        out.push((i, j, s));
    }
    out
}
