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

/// How many old articles the additions are linked against at most: half
/// those naming the most of their rarer entities, half the articles most
/// linked to the [`SEEDS`] closest of those.
pub const PARTNERS: usize = 128;

/// How many of the articles closest to the additions bring the articles
/// they are linked to.
const SEEDS: usize = 8;

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

        // The old links, between the old articles where they are now (in
        // the order the articles' sentences index them).
        let mut all: Vec<Link> = old_links;
        for l in &mut all {
            l.a.article = moved_to.get(l.a.article).copied().unwrap_or(l.a.article);
            l.b.article = moved_to.get(l.b.article).copied().unwrap_or(l.b.article);
        }

        // Their links, to the articles most likely to share facts with them.
        let mut chosen = partners(&articles, &fresh, &entity_counts, &all);
        chosen.extend_from_slice(&fresh);
        chosen.sort_unstable();
        let docs: Vec<links::LinkDoc<'_>> = chosen
            .iter()
            .map(|&i| link_doc(&corpus.articles[i], &articles[i]))
            .collect();
        let is_fresh: Vec<bool> = chosen.iter().map(|&i| old[i].is_none()).collect();
        let within = |r: links::SentenceRef| {
            let article = chosen.binary_search(&r.article).ok()?;
            Some(links::SentenceRef { article, ..r })
        };
        let among: Vec<(links::SentenceRef, links::SentenceRef, f32)> = all
            .iter()
            .filter_map(|l| Some((within(l.a)?, within(l.b)?, l.score)))
            .collect();
        let (mut new_links, counts) =
            links::link_added(&docs, &is_fresh, &among, &known, &settings.links, counts);
        drop(docs);
        for l in &mut new_links {
            l.a.article = chosen[l.a.article];
            l.b.article = chosen[l.b.article];
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
            if let Some(id) = same {
                let row = &mut known[id];
                for form in e.aliases {
                    if !row.aliases.contains(&form) {
                        by_form.entry((e.kind, form.to_lowercase())).or_insert(id);
                        row.aliases.push(form);
                    }
                }
                return id;
            }
            let id = known.len();
            by_name.entry(name).or_insert(id);
            for form in &e.aliases {
                by_form.entry((e.kind, form.to_lowercase())).or_insert(id);
            }
            known.push(e);
            id
        })
        .collect()
}

/// The old articles that the `fresh` ones most likely share facts with:
/// first those naming the same entities, each shared entity counting by its
/// rarity in the corpus (`counts`, by the known entity ids), then the
/// articles most linked (`links`, which the articles' sentences index) to
/// the few that share the most: the rest of their story. [`PARTNERS`] in
/// all at most.
fn partners(
    articles: &[ArticleAnalysis],
    fresh: &[usize],
    counts: &[super::EntityCounts],
    links: &[Link],
) -> Vec<usize> {
    let n = articles.len() - fresh.len();
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
    let best_first =
        |x: &(f32, usize), y: &(f32, usize)| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1));
    scored.sort_unstable_by(best_first);
    scored.truncate(PARTNERS / 2);
    let mut chosen: Vec<usize> = scored.iter().map(|&(_, i)| i).collect();
    // The articles linked to the closest ones, by how many links.
    let mut linked: FnvMap<usize, f32> = FnvMap::default();
    for &(_, i) in scored.iter().take(SEEDS) {
        for &k in articles[i].sentence_links.iter().flatten() {
            let Some(l) = links.get(k) else { continue };
            let other = if l.a.article == i {
                l.b.article
            } else {
                l.a.article
            };
            *linked.entry(other).or_default() += 1.0;
        }
    }
    let mut linked: Vec<(f32, usize)> = linked
        .into_iter()
        .filter(|&(i, _)| !is_fresh(i) && !chosen.contains(&i))
        .map(|(i, n)| (n, i))
        .collect();
    linked.sort_unstable_by(best_first);
    chosen.extend(linked.iter().map(|&(_, i)| i).take(PARTNERS - chosen.len()));
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(name: &str, kind: Kind, aliases: &[&str]) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: aliases.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn found_entities_join_the_known_ones_of_their_kind_and_name() {
        let mut known = vec![
            entity("Maria Lopez", Kind::Person, &["Maria Lopez", "Lopez"]),
            entity("Springfield", Kind::Place, &["Springfield"]),
        ];
        let ids = join_entities(
            &mut known,
            vec![
                // by a form of the known one, bringing a form of its own
                entity("Ms Lopez", Kind::Person, &["Ms Lopez", "Lopez"]),
                // the same name, another kind: the town's football club
                entity("Springfield", Kind::Organization, &["Springfield"]),
                // by name, whatever the case
                entity("SPRINGFIELD", Kind::Place, &["SPRINGFIELD"]),
                entity("Harbour Board", Kind::Organization, &["Harbour Board"]),
                // a second mention of a new one in another new article
                entity("Harbour Board", Kind::Organization, &["Harbour Board"]),
            ],
        );
        assert_eq!(ids, vec![0, 2, 1, 3, 3]);
        assert_eq!(known.len(), 4);
        assert!(known[0].aliases.contains(&"Ms Lopez".to_string()));
        assert_eq!(known[2].kind, Kind::Organization);
    }

    #[test]
    fn partners_are_the_articles_sharing_the_rarest_entities() {
        let mentioning = |entities: &[usize]| ArticleAnalysis {
            mentions: entities
                .iter()
                .map(|&entity| entities::Mention {
                    entity,
                    sentence: 0,
                    start: 0,
                    end: 1,
                })
                .collect(),
            ..ArticleAnalysis::default()
        };
        // entity 0 is in most articles, 1 rare, 2 in the new article alone
        let articles = vec![
            mentioning(&[0]),
            mentioning(&[0, 1]),
            mentioning(&[0]),
            mentioning(&[3]),
            mentioning(&[0, 1, 2]),
        ];
        let counts = [3, 1, 0, 1].map(|articles| super::super::EntityCounts {
            articles,
            mentions: articles,
        });
        // article 3 is linked to article 1
        let link = Link {
            a: links::SentenceRef {
                article: 1,
                sentence: 0,
            },
            b: links::SentenceRef {
                article: 3,
                sentence: 0,
            },
            score: 0.5,
            relation: links::Relation::Related,
            why: String::new(),
        };
        let mut articles = articles;
        articles[1].sentence_links = vec![vec![0]];
        articles[3].sentence_links = vec![vec![0]];
        let found = partners(&articles, &[4], &counts, &[link]);
        // the one sharing the rare entity first, then the others sharing
        // entities, then the one linked to the first
        assert_eq!(found, vec![1, 0, 2, 3]);
    }
}
