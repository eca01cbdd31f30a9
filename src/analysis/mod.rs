//! The pure core: segmenting, entities, dates and cross-references over a
//! loaded corpus. Nothing here knows about the terminal; the reader and the
//! export are two front ends over one [`Analysis`].

pub mod dates;
pub mod entities;
pub mod export;
mod grow;
mod lexicon;
pub mod links;
pub mod segment;

use crate::corpus::Corpus;
use dates::DateMention;
use entities::{Entity, EntitySettings, Mention};
use links::{Link, LinkSettings, SentenceRef};
use rayon::prelude::*;
use segment::Sentence;
use serde::{Deserialize, Serialize};

/// Everything that changes what the analysis produces.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Entities the user adds or ignores.
    pub entities: EntitySettings,
    /// Link thresholds.
    pub links: LinkSettings,
}

/// The analysis of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleAnalysis {
    /// Its sentences, in reading order.
    pub sentences: Vec<Sentence>,
    /// Its entity mentions, in body order.
    pub mentions: Vec<Mention>,
    /// Its time expressions, in body order.
    pub dates: Vec<DateMention>,
    /// For each sentence, the indices of its links in [`Analysis::links`],
    /// best first.
    pub sentence_links: Vec<Vec<usize>>,
}

/// The stages of one article's analysis that depend on that article alone
/// (its body and published date): its sentences and its dates. They can be
/// kept per article and reused when other articles of the corpus change;
/// see [`Analysis::from_own_stages`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OwnStages {
    /// Its sentences, in reading order.
    pub sentences: Vec<Sentence>,
    /// Its time expressions, in body order.
    pub dates: Vec<DateMention>,
}

impl ArticleAnalysis {
    /// An article's analysis with its own stages only: no mentions or
    /// links yet.
    fn unlinked(own: OwnStages) -> Self {
        Self {
            sentence_links: vec![Vec::new(); own.sentences.len()],
            sentences: own.sentences,
            mentions: Vec::new(),
            dates: own.dates,
        }
    }
}

impl OwnStages {
    /// Runs the per-article stages on one article.
    pub fn of(article: &crate::corpus::Article) -> Self {
        let sentences = segment::split(&article.body);
        let dates = dates::extract(&article.body, &sentences, article.meta.published);
        Self { sentences, dates }
    }
}

/// Corpus-wide counts for one entity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityCounts {
    /// In how many articles it is mentioned.
    pub articles: usize,
    /// How many mentions in all.
    pub mentions: usize,
}

/// The analysis of a whole corpus, indexed like [`Corpus::articles`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// One per article.
    pub articles: Vec<ArticleAnalysis>,
    /// One row per real thing.
    pub entities: Vec<Entity>,
    /// Counts for each entity, indexed like `entities`.
    pub entity_counts: Vec<EntityCounts>,
    /// Cross-references between articles.
    pub links: Vec<Link>,
}

impl Analysis {
    /// Analyses every article of the corpus.
    pub fn run(corpus: &Corpus, settings: &Settings) -> Self {
        Self::run_with_progress(corpus, settings, |_, _| {})
    }

    /// As [`Analysis::run`], calling `progress(done, total)` as work is done:
    /// one step per article segmented, then one for entities and one for
    /// links (`total` = articles + 2).
    pub fn run_with_progress(
        corpus: &Corpus,
        settings: &Settings,
        progress: impl Fn(usize, usize) + Sync,
    ) -> Self {
        let total = corpus.articles.len() + 2;
        let done = std::sync::atomic::AtomicUsize::new(0);
        let own: Vec<OwnStages> = corpus
            .articles
            .par_iter()
            .map(|a| {
                let stages = OwnStages::of(a);
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(n, total);
                stages
            })
            .collect();
        Self::from_own_stages(corpus, settings, own, progress)
    }

    /// The corpus-wide stages (entities found and merged across articles,
    /// links), over the per-article stages of every article of `corpus`, in
    /// its order (computed by [`OwnStages::of`] now or earlier, say read from
    /// a cache). `progress` is called for the last two steps of
    /// [`Analysis::run_with_progress`]. Equal to [`Analysis::run`] when
    /// `own[i]` is `OwnStages::of(&corpus.articles[i])`.
    pub fn from_own_stages(
        corpus: &Corpus,
        settings: &Settings,
        own: Vec<OwnStages>,
        progress: impl Fn(usize, usize),
    ) -> Self {
        Self::from_own_stages_counting(corpus, settings, own, progress).0
    }

    /// As [`Analysis::from_own_stages`], with what the link stage counted of
    /// the corpus's terms, for extending the analysis when articles are
    /// added ([`Analysis::extend`]).
    pub fn from_own_stages_counting(
        corpus: &Corpus,
        settings: &Settings,
        own: Vec<OwnStages>,
        progress: impl Fn(usize, usize),
    ) -> (Self, links::TermCounts) {
        let total = corpus.articles.len() + 2;
        let mut articles: Vec<ArticleAnalysis> =
            own.into_iter().map(ArticleAnalysis::unlinked).collect();
        let extraction = entities::extract(&entity_docs(corpus, &articles), &settings.entities);
        for (a, mentions) in articles.iter_mut().zip(extraction.mentions) {
            a.mentions = mentions;
        }
        progress(total - 1, total);
        let link_docs = link_docs(corpus, &articles);
        let (links, counts) =
            links::link_counting(&link_docs, &extraction.entities, &settings.links);
        drop(link_docs);
        progress(total, total);
        (Self::assemble(articles, extraction.entities, links), counts)
    }

    /// The analysis of articles whose entities are found and whose links
    /// are made: the links in the order the reader lists them and indexed
    /// by sentence, the entities counted.
    fn assemble(
        mut articles: Vec<ArticleAnalysis>,
        entities: Vec<Entity>,
        mut links: Vec<Link>,
    ) -> Self {
        // reasons quote the body, which may wrap across lines: the panel and
        // the export show them on one line
        for l in &mut links {
            if let std::borrow::Cow::Owned(folded) = crate::text::one_line(&l.why) {
                l.why = folded;
            }
        }
        links.par_sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
        });
        for a in &mut articles {
            for slot in &mut a.sentence_links {
                slot.clear();
            }
        }
        for (i, l) in links.iter().enumerate() {
            for r in [l.a, l.b] {
                if let Some(slot) = articles
                    .get_mut(r.article)
                    .and_then(|a| a.sentence_links.get_mut(r.sentence))
                {
                    slot.push(i);
                }
            }
        }
        let mut entity_counts = vec![EntityCounts::default(); entities.len()];
        // each article's entities once, without a table of every entity
        // per article (quadratic at ten thousand articles)
        let mut named: Vec<usize> = Vec::new();
        for a in &articles {
            named.clear();
            named.extend(a.mentions.iter().map(|m| m.entity));
            named.sort_unstable();
            for (k, &e) in named.iter().enumerate() {
                if let Some(c) = entity_counts.get_mut(e) {
                    c.mentions += 1;
                    if k == 0 || named[k - 1] != e {
                        c.articles += 1;
                    }
                }
            }
        }
        Self {
            articles,
            entities,
            entity_counts,
            links,
        }
    }

    /// The other end of a link, seen from `from`.
    pub fn other_end(&self, link: usize, from: SentenceRef) -> Option<SentenceRef> {
        let l = self.links.get(link)?;
        Some(if l.a == from { l.b } else { l.a })
    }

    /// Entities mentioned in one article, with their counts there, most
    /// mentioned first.
    pub fn article_entities(&self, article: usize) -> Vec<(usize, usize)> {
        let Some(a) = self.articles.get(article) else {
            return Vec::new();
        };
        let mut counts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for m in &a.mentions {
            *counts.entry(m.entity).or_default() += 1;
        }
        let mut v: Vec<(usize, usize)> = counts.into_iter().collect();
        // the entity's number last: two entities may share a name (a town
        // and its team), and the map's order is not the same from run to run
        v.sort_by(|x, y| {
            y.1.cmp(&x.1)
                .then_with(|| self.entities[x.0].name.cmp(&self.entities[y.0].name))
                .then_with(|| x.0.cmp(&y.0))
        });
        v
    }
}

#[cfg(test)]
mod article_entities_tests {
    use super::entities::{Entity, Kind, Mention};
    use super::{Analysis, ArticleAnalysis};

    /// A town and its team share a name and a count: they come in the
    /// order of their numbers, whatever order the counting met them in.
    #[test]
    fn entities_of_one_name_and_count_come_in_a_fixed_order() {
        let entity = |kind| Entity {
            name: "Newtown".into(),
            kind,
            aliases: vec!["Newtown".into()],
        };
        let mention = |entity| Mention {
            entity,
            sentence: 0,
            start: 0,
            end: 7,
        };
        for mentions in [vec![mention(1), mention(0)], vec![mention(0), mention(1)]] {
            let analysis = Analysis {
                entities: vec![entity(Kind::Place), entity(Kind::Organization)],
                articles: vec![ArticleAnalysis {
                    mentions,
                    ..ArticleAnalysis::default()
                }],
                ..Analysis::default()
            };
            // many runs: the hash map's order changes from map to map
            for _ in 0..20 {
                assert_eq!(analysis.article_entities(0), vec![(0, 1), (1, 1)]);
            }
        }
    }
}

/// FNV-1a, for the analysis's hash maps of short words and names: they are
/// looked up for nearly every word of the corpus, and `SipHash`'s guard against
/// chosen keys costs more than the rest of such a lookup.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Builds [`Fnv`] hashers.
pub(crate) type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// A hash map keyed by [`Fnv`].
pub(crate) type FnvMap<K, V> = std::collections::HashMap<K, V, FnvBuild>;

/// A hash set keyed by [`Fnv`].
pub(crate) type FnvSet<K> = std::collections::HashSet<K, FnvBuild>;

/// What the entity stage sees of each article: its text and sentences (the
/// analysis and the benches build it alike).
pub fn entity_docs<'a>(
    corpus: &'a Corpus,
    articles: &'a [ArticleAnalysis],
) -> Vec<entities::Doc<'a>> {
    corpus
        .articles
        .iter()
        .zip(articles)
        .map(|(a, x)| entities::Doc {
            body: &a.body,
            sentences: &x.sentences,
        })
        .collect()
}

/// What the link stage sees of each article: its text, sentences, mentions,
/// dates and publication date (the analysis and the benches build it alike).
pub fn link_docs<'a>(
    corpus: &'a Corpus,
    articles: &'a [ArticleAnalysis],
) -> Vec<links::LinkDoc<'a>> {
    corpus
        .articles
        .iter()
        .zip(articles)
        .map(|(a, x)| link_doc(a, x))
        .collect()
}

/// What the link stage sees of one article.
fn link_doc<'a>(
    article: &'a crate::corpus::Article,
    analysis: &'a ArticleAnalysis,
) -> links::LinkDoc<'a> {
    links::LinkDoc {
        body: &article.body,
        sentences: &analysis.sentences,
        mentions: &analysis.mentions,
        dates: &analysis.dates,
        published: article.meta.published,
    }
}
