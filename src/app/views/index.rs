//! The entity index: one row per entity with its mentions in each
//! article, in four orders, each built once and copied after.

use super::{source_name, ListKind, ListView, Row, Target};
use crate::analysis::Analysis;
use crate::corpus::Corpus;

/// How the entity index is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexSort {
    /// Most mentions first.
    Mentions,
    /// Present in most articles first.
    Articles,
    /// By kind, then mentions.
    Kind,
    /// Alphabetically.
    Name,
}

impl IndexSort {
    /// Every order.
    pub const ALL: [IndexSort; 4] = [Self::Mentions, Self::Articles, Self::Kind, Self::Name];

    /// The next order, for the sort key.
    pub fn next(self) -> Self {
        match self {
            Self::Mentions => Self::Articles,
            Self::Articles => Self::Kind,
            Self::Kind => Self::Name,
            Self::Name => Self::Mentions,
        }
    }

    /// Its name in the view's title.
    pub fn label(self) -> &'static str {
        match self {
            Self::Mentions => "mentions",
            Self::Articles => "articles",
            Self::Kind => "kind",
            Self::Name => "name",
        }
    }
}

/// At most this many article columns in the entity index.
const INDEX_COLUMNS: usize = 12;

/// The entity index in each order, built the first time it is asked for
/// (or ahead, off the reader's thread) and copied cheaply after.
#[derive(Debug, Default)]
pub struct EntityIndexCache {
    lists: std::cell::RefCell<Vec<(IndexSort, ListView)>>,
}

impl EntityIndexCache {
    /// Every order built now, ready for their first key.
    pub fn built(corpus: &Corpus, analysis: &Analysis) -> Self {
        let lists = IndexSort::ALL
            .iter()
            .map(|&s| {
                let l = entity_index(corpus, analysis, s);
                l.prepare_filter();
                (s, l)
            })
            .collect();
        Self {
            lists: std::cell::RefCell::new(lists),
        }
    }

    /// The list in this order.
    pub fn list(&self, corpus: &Corpus, analysis: &Analysis, sort: IndexSort) -> ListView {
        if let Some((_, l)) = self.lists.borrow().iter().find(|(s, _)| *s == sort) {
            return l.clone();
        }
        let l = entity_index(corpus, analysis, sort);
        self.lists.borrow_mut().push((sort, l.clone()));
        l
    }
}

/// One row per entity with its mention count in each article (the first
/// `INDEX_COLUMNS` articles) and in all.
pub fn entity_index(corpus: &Corpus, analysis: &Analysis, sort: IndexSort) -> ListView {
    let n = analysis.articles.len();
    let shown = n.min(INDEX_COLUMNS);
    // sparse: (article, count) per entity, articles in order
    let mut counts: Vec<Vec<(usize, usize)>> = vec![Vec::new(); analysis.entities.len()];
    for (ai, a) in analysis.articles.iter().enumerate() {
        for m in &a.mentions {
            if let Some(c) = counts.get_mut(m.entity) {
                match c.last_mut() {
                    Some((last, k)) if *last == ai => *k += 1,
                    _ => c.push((ai, 1)),
                }
            }
        }
    }
    let totals: Vec<usize> = counts.iter().map(|c| c.iter().map(|x| x.1).sum()).collect();
    let names: Vec<String> = analysis
        .entities
        .iter()
        .map(|e| e.name.to_lowercase())
        .collect();
    let mut order: Vec<usize> = (0..analysis.entities.len()).collect();
    let total = |e: usize| totals[e];
    let spread = |e: usize| counts[e].len();
    let name = |e: usize| &names[e];
    order.sort_by(|&x, &y| match sort {
        IndexSort::Mentions => total(y).cmp(&total(x)).then(name(x).cmp(name(y))),
        IndexSort::Articles => spread(y)
            .cmp(&spread(x))
            .then(total(y).cmp(&total(x)))
            .then(name(x).cmp(name(y))),
        IndexSort::Kind => analysis.entities[x]
            .kind
            .cmp(&analysis.entities[y].kind)
            .then(total(y).cmp(&total(x)))
            .then(name(x).cmp(name(y))),
        IndexSort::Name => name(x).cmp(name(y)),
    });
    let rows = order
        .into_iter()
        .map(|e| {
            let mut per = vec![0; shown];
            for &(a, c) in counts[e].iter().take_while(|x| x.0 < shown) {
                per[a] = c;
            }
            let cols: String = per
                .iter()
                .map(|&c| {
                    if c == 0 {
                        format!("{:>4}", "·")
                    } else {
                        format!("{c:>4}")
                    }
                })
                .collect();
            let ent = &analysis.entities[e];
            let mut row = Row::item(
                format!("{cols}{:>6}", total(e)),
                ent.name.clone(),
                Target::Entity(e),
            );
            row.note = ent.kind.as_str().to_string();
            row.entity_kind = Some(ent.kind);
            row
        })
        .collect();
    let header: String = (1..=shown)
        .map(|i| format!("{:>4}", format!("a{i}")))
        .collect();
    let mut legend: Vec<String> = (0..shown)
        .map(|i| format!("a{}={}", i + 1, source_name(corpus, i, 24)))
        .collect();
    if shown < n {
        legend.push(format!("(columns for the first {shown} of {n} articles)"));
    }
    ListView::new(
        ListKind::EntityIndex(sort),
        format!(
            "Entity index — {} entities, sorted by {} · {}",
            analysis.entities.len(),
            sort.label(),
            legend.join(" ")
        ),
        Some(format!("{header}{:>6}  entity", "all")),
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_index_cache_serves_each_order_as_built() {
        let dir = tempfile::tempdir().unwrap();
        crate::generate::generate(dir.path(), 5, 9).unwrap();
        let corpus = Corpus::load(dir.path()).unwrap();
        let analysis = Analysis::run(&corpus, &Default::default());
        let ahead = EntityIndexCache::built(&corpus, &analysis);
        let lazy = EntityIndexCache::default();
        for sort in IndexSort::ALL {
            let fresh = entity_index(&corpus, &analysis, sort);
            for cache in [&ahead, &lazy] {
                let l = cache.list(&corpus, &analysis, sort);
                let (a, b): (Vec<&Row>, Vec<&Row>) =
                    (l.rows.iter().collect(), fresh.rows.iter().collect());
                assert_eq!((&l.title, a), (&fresh.title, b));
            }
        }
        // the second ask is a copy sharing the rows
        let a = lazy.list(&corpus, &analysis, IndexSort::Name);
        let b = lazy.list(&corpus, &analysis, IndexSort::Name);
        assert!(a.rows.shares(&b.rows));
    }
}
