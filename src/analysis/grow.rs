//! Growing an analysis: articles added to a corpus analysed before are
//! analysed and linked against it, and the rest is kept as it was.
//!
//! A cold analysis of ten thousand articles spends nine tenths of its time
//! linking every sentence to every other it could speak of the same thing
//! as. One article added to them links to few of those; what it needs of
//! the rest is their entities (to find which articles it may share facts
//! with) and how often each term occurs in the whole corpus (so that its
//! links are scored as the whole corpus would score them), both kept from
//! the analysis before ([`TermCounts`]).
//!
//! The result is close to a cold analysis, not equal to it: the old
//! articles keep their mentions and their links to each other as they were
//! (a cold analysis would weigh them against a corpus one article larger),
//! the new articles' entities are found in those articles alone and joined
//! to the old entities by name, and their sentences are linked to the
//! articles that share the most rare entities with them
//! ([`PARTNERS`] at most). The cache runs a cold analysis again once the
//! articles added since the last cold one exceed a share of the corpus
//! (`crate::cache`).

use super::entities::{self, Entity, Kind};
use super::links::{self, Link, TermCounts};
use super::{link_doc, Analysis, ArticleAnalysis, FnvMap, OwnStages, Settings};
use crate::corpus::Corpus;

/// How many old articles each addition is linked against at most: those
/// naming the most of its rarer entities.
pub const PARTNERS: usize = 96;

impl Analysis {
    /// The analysis of `corpus`, which holds the articles `previous`
    /// analysed, in the same order, and new ones between them. `old[i]` is
    /// the index in `previous` of article `i` of `corpus`, `None` for a new
    /// one; `added` are the own stages of the new ones, in corpus order;
    /// `counts` are what `previous`'s link stage counted. Returns the
    /// analysis and the counts with the new articles added.
    ///
    /// The old articles' sentences, dates, mentions and links to each
    /// other are kept; see the module's documentation for how the new ones
    /// are analysed.
    pub fn extend(
        previous: Analysis,
        counts: &TermCounts,
        corpus: &Corpus,
        settings: &Settings,
        old: &[Option<usize>],
        added: Vec<OwnStages>,
    ) -> (Analysis, TermCounts) {
        let Analysis {
            articles: before,
            entities: mut known,
            entity_counts,
            links: old_links,
        } = previous;
        let mut before: Vec<Option<ArticleAnalysis>> = before.into_iter().map(Some).collect();
        let mut added = added.into_iter();
        let mut moved_to = vec![0usize; before.len()];
        let mut articles: Vec<ArticleAnalysis> = Vec::with_capacity(old.len());
        for (i, o) in old.iter().enumerate() {
            let a = match o {
                Some(j) => {
                    if let Some(m) = moved_to.get_mut(*j) {
                        *m = i;
                    }
                    before.get_mut(*j).and_then(Option::take)
                }
                None => added.next().map(ArticleAnalysis::unlinked),
            };
            articles.push(a.unwrap_or_default());
        }
        let fresh: Vec<usize> = (0..old.len()).filter(|&i| old[i].is_none()).collect();

        // The new articles' entities, found in them alone and joined to the
        // known ones by kind and name.
        let docs: Vec<entities::Doc<'_>> = fresh
            .iter()
            .map(|&i| entities::Doc {
                body: &corpus.articles[i].body,
                sentences: &articles[i].sentences,
            })
            .collect();
        let extraction = entities::extract(&docs, &settings.entities);
        drop(docs);
        let ids = join_entities(&mut known, extraction.entities);
        for (&i, mut mentions) in fresh.iter().zip(extraction.mentions) {
            for m in &mut mentions {
                m.entity = ids[m.entity];
            }
            articles[i].mentions = mentions;
        }

        // Their links, to the articles most likely to share facts with them.
        let mut chosen = partners(&articles, &fresh, &entity_counts, old.len());
        chosen.extend_from_slice(&fresh);
        chosen.sort_unstable();
        let docs: Vec<links::LinkDoc<'_>> = chosen
            .iter()
            .map(|&i| link_doc(&corpus.articles[i], &articles[i]))
            .collect();
        let is_fresh: Vec<bool> = chosen.iter().map(|&i| old[i].is_none()).collect();
        let (mut new_links, counts) =
            links::link_added(&docs, &is_fresh, &known, &settings.links, counts);
        drop(docs);
        for l in &mut new_links {
            l.a.article = chosen[l.a.article];
            l.b.article = chosen[l.b.article];
        }
        let mut all: Vec<Link> = old_links;
        for l in &mut all {
            l.a.article = moved_to.get(l.a.article).copied().unwrap_or(l.a.article);
            l.b.article = moved_to.get(l.b.article).copied().unwrap_or(l.b.article);
        }
        all.extend(new_links);
        let all = links::merge(all, &settings.links);
        (Self::assemble(articles, known, all), counts)
    }
}

/// Adds the entities found in new articles to the known ones: one of the
/// same kind known by the same name (its canonical name first, then any
/// form) is the same thing and takes the new forms; any other is a new
/// row. Returns the known id of each found entity.
fn join_entities(known: &mut Vec<Entity>, found: Vec<Entity>) -> Vec<usize> {
    let mut by_name: FnvMap<(Kind, String), usize> = FnvMap::default();
    let mut by_form: FnvMap<(Kind, String), usize> = FnvMap::default();
    for (id, e) in known.iter().enumerate() {
        by_name.entry((e.kind, e.name.to_lowercase())).or_insert(id);
        for form in &e.aliases {
            by_form.entry((e.kind, form.to_lowercase())).or_insert(id);
        }
    }
    found
        .into_iter()
        .map(|e| {
            let name = (e.kind, e.name.to_lowercase());
            let same = by_name.get(&name).copied().or_else(|| {
                e.aliases
                    .iter()
                    .find_map(|f| by_form.get(&(e.kind, f.to_lowercase())).copied())
            });
            match same {
                Some(id) => {
                    let row = &mut known[id];
                    for form in e.aliases {
                        if !row.aliases.contains(&form) {
                            by_form.entry((e.kind, form.to_lowercase())).or_insert(id);
                            row.aliases.push(form);
                        }
                    }
                    id
                }
                None => {
                    let id = known.len();
                    by_name.entry(name).or_insert(id);
                    for form in &e.aliases {
                        by_form.entry((e.kind, form.to_lowercase())).or_insert(id);
                    }
                    known.push(e);
                    id
                }
            }
        })
        .collect()
}

/// The old articles (of `n`) that the `fresh` ones most likely share facts
/// with: those naming the same entities, each shared entity counting by
/// its rarity in the corpus (`counts`, by the known entity ids), the
/// [`PARTNERS`] that share the most.
fn partners(
    articles: &[ArticleAnalysis],
    fresh: &[usize],
    counts: &[super::EntityCounts],
    n: usize,
) -> Vec<usize> {
    let rarity = |e: usize| {
        let df = counts.get(e).map_or(0, |c| c.articles).max(1);
        (n as f32 / df as f32).ln().max(0.0)
    };
    let mut wanted: FnvMap<usize, f32> = FnvMap::default();
    for &i in fresh {
        for m in &articles[i].mentions {
            wanted.entry(m.entity).or_insert_with(|| rarity(m.entity));
        }
    }
    let is_fresh = |i: usize| fresh.binary_search(&i).is_ok();
    let mut named: Vec<usize> = Vec::new();
    let mut scored: Vec<(f32, usize)> = articles
        .iter()
        .enumerate()
        .filter(|&(i, _)| !is_fresh(i))
        .filter_map(|(i, a)| {
            named.clear();
            named.extend(
                a.mentions
                    .iter()
                    .map(|m| m.entity)
                    .filter(|e| wanted.contains_key(e)),
            );
            named.sort_unstable();
            named.dedup();
            let s: f32 = named.iter().map(|e| wanted[e]).sum();
            (s > 0.0).then_some((s, i))
        })
        .collect();
    scored.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    scored.truncate(PARTNERS);
    scored.into_iter().map(|(_, i)| i).collect()
}
