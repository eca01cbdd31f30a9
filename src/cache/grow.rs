//! Extending a stored analysis when articles are added to its corpus.
//!
//! Beside the analysis file, a third file (`.growth`) keeps what the
//! analysis needs to take in more articles without analysing the rest
//! again ([`crate::analysis::Analysis::extend`]): the key of the corpus
//! state the analysis file holds, each of its articles' own keys in corpus
//! order, what its link stage counted of the corpus's terms, and how many
//! articles were added since the last cold analysis. When the corpus opened
//! is that one with articles added (every old article unchanged and in the
//! same order, the new ones anywhere between them), the stored analysis is
//! extended; when only details that do not change the analysis changed
//! (a title, a source), it is used as it is. Anything else, and a corpus
//! grown by more than the [`Policy`] allows since its last cold analysis,
//! is analysed cold: an extended analysis is close to a cold one, not equal
//! to it, and small corpora are analysed cold in well under a second.

use super::{framed, read_framed, read_limit, write_outside, Cache, Hash64, MAGIC_GROWTH};
use crate::analysis::links::TermCounts;
use crate::analysis::{Analysis, OwnStages, Settings};
use crate::corpus::Corpus;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::Path;

/// When a stored analysis is extended rather than a corpus analysed cold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    /// Corpora of fewer articles are always analysed cold.
    pub min_articles: usize,
    /// The share of a corpus that may have been added to it since its last
    /// cold analysis.
    pub max_added_share: f64,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            min_articles: 250,
            max_added_share: 0.05,
        }
    }
}

impl Policy {
    /// Never extend: every changed corpus is analysed cold.
    pub fn never() -> Self {
        Self {
            min_articles: usize::MAX,
            max_added_share: 0.0,
        }
    }

    /// Whether a corpus of `n` articles, `added` of them since its last cold
    /// analysis, may be extended.
    fn allows(&self, n: usize, added: usize) -> bool {
        n >= self.min_articles && added as f64 <= self.max_added_share * n as f64
    }
}

/// What the growth file holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Growth {
    /// The key of the corpus state whose analysis the analysis file holds.
    analysis: u64,
    /// Each article's own key ([`super::own_key`]), in corpus order.
    articles: Vec<u64>,
    /// How many articles were added since the last cold analysis.
    added: usize,
    /// What the link stage counted of the corpus's terms.
    counts: TermCounts,
}

impl Growth {
    /// After a cold analysis of the corpus state `key`.
    pub(super) fn cold(key: u64, articles: Vec<u64>, counts: TermCounts) -> Self {
        Self {
            analysis: key,
            articles,
            added: 0,
            counts,
        }
    }

    /// The same, for the analysis stored under `key`.
    pub(super) fn with_key(mut self, key: u64) -> Self {
        self.analysis = key;
        self
    }
}

/// The key of the growth file as a whole: what the analysis depends on
/// besides the articles (the dossier version, the rules, the settings).
fn growth_key(settings: &Settings) -> u64 {
    let mut h = Hash64::new();
    h.write_field(env!("CARGO_PKG_VERSION").as_bytes());
    h.write_field(env!("DOSSIER_ANALYSIS_FINGERPRINT").as_bytes());
    h.write_field(format!("{settings:?}").as_bytes());
    h.finish()
}

/// Where each article of a corpus (by own key, in order) was in the corpus
/// analysed before: every old article must be found, in the same order;
/// the others are new.
fn match_articles(old: &[u64], new: &[u64]) -> Option<Vec<Option<usize>>> {
    let mut next = 0;
    let found: Vec<Option<usize>> = new
        .iter()
        .map(|k| {
            (old.get(next) == Some(k)).then(|| {
                next += 1;
                next - 1
            })
        })
        .collect();
    (next == old.len()).then_some(found)
}

impl Cache {
    /// The analysis of `corpus` extended from the stored one of an earlier
    /// state of it (`stored`: its key and payload), with the growth to
    /// store and how many articles were added; `None` when it cannot be
    /// (another corpus, an article changed or removed, settings changed, the
    /// policy), and the corpus is to be analysed cold.
    pub(super) fn grow(
        &self,
        corpus: &Corpus,
        settings: &Settings,
        (stored_key, payload): (u64, &[u8]),
        keys: &[u64],
        progress: &(impl Fn(usize, usize) + Sync),
    ) -> Option<(Analysis, Growth, usize)> {
        use rayon::prelude::*;
        let file = self.growth_file_for(&corpus.root);
        let bytes = read_framed(
            &file,
            MAGIC_GROWTH,
            growth_key(settings),
            read_limit(corpus),
        )
        .ok()?;
        let growth: Growth = postcard::from_bytes(&bytes).ok()?;
        drop(bytes);
        if growth.analysis != stored_key {
            return None;
        }
        let old = match_articles(&growth.articles, keys)?;
        let added = old.iter().filter(|o| o.is_none()).count();
        if added > 0
            && !self
                .growth
                .allows(corpus.articles.len(), growth.added + added)
        {
            return None;
        }
        let previous = super::decode(payload).ok()?;
        if previous.articles.len() != growth.articles.len() {
            return None;
        }
        let total = corpus.articles.len() + 2;
        progress(total - added - 2, total);
        let own: Vec<OwnStages> = corpus
            .articles
            .par_iter()
            .zip(&old)
            .filter(|(_, o)| o.is_none())
            .map(|(a, _)| OwnStages::of(a))
            .collect();
        progress(total - 2, total);
        let (analysis, counts) = if added == 0 {
            (previous, growth.counts)
        } else {
            Analysis::extend(previous, &growth.counts, corpus, settings, &old, own)
        };
        progress(total, total);
        let growth = Growth {
            analysis: stored_key,
            articles: keys.to_vec(),
            added: growth.added + added,
            counts,
        };
        Some((analysis, growth, added))
    }

    /// Writes the growth file, under the rule of the analysis file.
    pub(super) fn store_growth(
        &self,
        corpus: &Corpus,
        file: &Path,
        settings: &Settings,
        growth: &Growth,
    ) -> io::Result<()> {
        let payload = postcard::to_stdvec(growth).map_err(io::Error::other)?;
        write_outside(
            corpus,
            file,
            &framed(MAGIC_GROWTH, growth_key(settings), &payload),
        )
    }
}

/// Whether the growth file of a corpus is whole and current (for tests).
#[cfg(test)]
pub(super) fn readable(file: &Path, settings: &Settings) -> bool {
    super::read_frame(file, MAGIC_GROWTH, u64::MAX)
        .is_ok_and(|(k, p)| k == growth_key(settings) && postcard::from_bytes::<Growth>(&p).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::{Outcome, Reuse};
    use std::collections::BTreeSet;
    use std::fs;

    /// A generated corpus of `n` articles and a cache that extends
    /// corpora of ten articles and more by up to half.
    fn setup(n: usize) -> (tempfile::TempDir, tempfile::TempDir, Cache) {
        let corpus = tempfile::tempdir().unwrap();
        crate::generate::generate(corpus.path(), n, 7).unwrap();
        let cache_dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(cache_dir.path()).growing(Policy {
            min_articles: 10,
            max_added_share: 0.5,
        });
        (corpus, cache_dir, cache)
    }

    /// Writes a second report of the story of article `source` (its
    /// sentences in the opposite order) as a new article that sorts last.
    fn add_retelling(dir: &Path, source: &str) {
        let text = fs::read_to_string(dir.join(source)).unwrap();
        let body = text.rsplit("+++").next().unwrap();
        let mut sentences: Vec<&str> = body.split_inclusive(". ").collect();
        sentences.reverse();
        fs::write(
            dir.join("zz-added.md"),
            format!(
                "+++\ntitle = \"Another report\"\npublished = \"2016-05-20\"\n+++\n\n{}\n",
                sentences.concat().trim()
            ),
        )
        .unwrap();
    }

    fn pairs(
        analysis: &Analysis,
        article: impl Fn(usize, usize) -> bool,
    ) -> BTreeSet<(usize, usize, usize, usize)> {
        analysis
            .links
            .iter()
            .filter(|l| article(l.a.article, l.b.article))
            .map(|l| (l.a.article, l.a.sentence, l.b.article, l.b.sentence))
            .collect()
    }

    #[test]
    fn an_added_article_extends_the_stored_analysis() {
        let (dir, _keep, cache) = setup(40);
        let settings = Settings::default();
        let corpus = Corpus::load(dir.path()).unwrap();
        let (first, outcome, _) = cache.load_or_analyze_reusing(&corpus, &settings, |_, _| {});
        assert_eq!(outcome, Outcome::Miss);
        assert!(readable(&cache.growth_file_for(dir.path()), &settings));
        let source = corpus.articles[17].id.clone();
        add_retelling(dir.path(), &format!("{source}.md"));
        let grown = Corpus::load(dir.path()).unwrap();
        let at = |id: &str| grown.articles.iter().position(|a| a.id == id).unwrap();
        let (added, retold) = (at("zz-added"), at(&source));
        let last = std::sync::atomic::AtomicUsize::new(0);
        let (after, outcome, reuse) =
            cache.load_or_analyze_reusing(&grown, &settings, |done, total| {
                assert!(done <= total);
                last.fetch_max(done, std::sync::atomic::Ordering::Relaxed);
            });
        assert_eq!(outcome, Outcome::Extended { added: 1 });
        assert_eq!(
            reuse,
            Reuse {
                reused: 40,
                analysed: 1
            }
        );
        assert_eq!(last.into_inner(), grown.articles.len() + 2);
        // the old articles as they were, those after the new one a place
        // further
        let moved = |i: usize| if i < added { i } else { i + 1 };
        for (i, a) in first.articles.iter().enumerate() {
            let b = &after.articles[moved(i)];
            assert_eq!(
                (&a.sentences, &a.mentions, &a.dates),
                (&b.sentences, &b.mentions, &b.dates)
            );
        }
        let old = |a: usize, b: usize| a != added && b != added;
        let kept = pairs(&after, old);
        let before: BTreeSet<_> = pairs(&first, |_, _| true)
            .into_iter()
            .map(|(a, i, b, j)| (moved(a), i, moved(b), j))
            .collect();
        assert!(kept.is_subset(&before));
        assert!(
            kept.len() * 10 >= first.links.len() * 9,
            "{} of {}",
            kept.len(),
            first.links.len()
        );
        // the new one linked to the report it retells, as a cold analysis
        // links it
        let new = |a: usize, b: usize| a == added || b == added;
        let extended = pairs(&after, new);
        assert!(
            extended.iter().any(|l| l.0 == retold || l.2 == retold),
            "{extended:?}"
        );
        let cold = pairs(&Analysis::run(&grown, &settings), new);
        let both = extended.intersection(&cold).count();
        assert!(
            both * 3 >= cold.len() * 2,
            "{both} of {} cold links",
            cold.len()
        );
        // its mentions are of known entities where the names are known
        let names = |a: &crate::analysis::ArticleAnalysis| -> BTreeSet<String> {
            a.mentions
                .iter()
                .map(|m| after.entities[m.entity].name.clone())
                .collect()
        };
        assert!(!names(&after.articles[added]).is_disjoint(&names(&after.articles[retold])));
        for l in &after.links {
            assert!(l.a < l.b && l.a.article != l.b.article);
        }
        // and it is stored: the next open is a hit
        let (again, outcome, _) = cache.load_or_analyze_reusing(&grown, &settings, |_, _| {});
        assert_eq!(outcome, Outcome::Hit);
        assert_eq!(again, after);
    }

    #[test]
    fn a_changed_title_keeps_the_analysis_as_it_is() {
        let (dir, _keep, cache) = setup(12);
        let settings = Settings::default();
        let corpus = Corpus::load(dir.path()).unwrap();
        let (first, _, _) = cache.load_or_analyze_reusing(&corpus, &settings, |_, _| {});
        let path = dir.path().join(format!("{}.md", corpus.articles[3].id));
        let text = fs::read_to_string(&path).unwrap();
        let retitled = text.replacen("title = \"", "title = \"Now: ", 1);
        assert_ne!(text, retitled);
        fs::write(&path, retitled).unwrap();
        let changed = Corpus::load(dir.path()).unwrap();
        let (analysis, outcome, _) = cache.load_or_analyze_reusing(&changed, &settings, |_, _| {});
        assert_eq!(outcome, Outcome::Extended { added: 0 });
        assert_eq!(analysis, first);
        assert_eq!(analysis, Analysis::run(&changed, &settings));
    }

    #[test]
    fn an_edited_or_removed_article_or_too_many_new_ones_are_analysed_cold() {
        let (dir, _keep, cache) = setup(12);
        let settings = Settings::default();
        let corpus = Corpus::load(dir.path()).unwrap();
        cache.load_or_analyze_reusing(&corpus, &settings, |_, _| {});
        let cold = |cache: &Cache| {
            let now = Corpus::load(dir.path()).unwrap();
            let (analysis, outcome, _) = cache.load_or_analyze_reusing(&now, &settings, |_, _| {});
            assert_eq!(outcome, Outcome::Stale);
            assert_eq!(analysis, Analysis::run(&now, &settings));
        };
        let path = |i: usize| dir.path().join(format!("{}.md", corpus.articles[i].id));
        let text = fs::read_to_string(path(5)).unwrap();
        fs::write(path(5), text + "\nOne more sentence on 3 March 2017.\n").unwrap();
        cold(&cache);
        fs::remove_file(path(6)).unwrap();
        cold(&cache);
        // three new articles to eleven: more than the policy's share
        let strict = cache.clone().growing(Policy {
            min_articles: 10,
            max_added_share: 0.2,
        });
        for n in 0..3 {
            fs::write(
                dir.path().join(format!("new-{n}.md")),
                format!("+++\ntitle = \"New {n}\"\n+++\n\nA new article, number {n}.\n"),
            )
            .unwrap();
        }
        cold(&strict);
        // and a corpus below the policy's size always is
        add_retelling(dir.path(), &format!("{}.md", corpus.articles[2].id));
        cold(&cache.clone().growing(Policy::never()));
    }

    #[test]
    fn a_damaged_growth_file_or_other_settings_are_analysed_cold() {
        let (dir, _keep, cache) = setup(12);
        let settings = Settings::default();
        let corpus = Corpus::load(dir.path()).unwrap();
        cache.load_or_analyze_reusing(&corpus, &settings, |_, _| {});
        let file = cache.growth_file_for(dir.path());
        crate::cache::tests::flip_last_byte(&file);
        add_retelling(dir.path(), &format!("{}.md", corpus.articles[2].id));
        let grown = Corpus::load(dir.path()).unwrap();
        let (analysis, outcome, _) = cache.load_or_analyze_reusing(&grown, &settings, |_, _| {});
        assert_eq!(outcome, Outcome::Stale);
        assert_eq!(analysis, Analysis::run(&grown, &settings));
        // written again whole; another threshold is another analysis
        assert!(readable(&file, &settings));
        let mut other = settings.clone();
        other.links.threshold += 0.05;
        fs::remove_file(dir.path().join("zz-added.md")).unwrap();
        add_retelling(dir.path(), &format!("{}.md", corpus.articles[4].id));
        let again = Corpus::load(dir.path()).unwrap();
        let (analysis, outcome, _) = cache.load_or_analyze_reusing(&again, &other, |_, _| {});
        assert_eq!(outcome, Outcome::Stale);
        assert_eq!(analysis, Analysis::run(&again, &other));
    }

    #[test]
    fn old_articles_are_matched_in_order_and_new_ones_anywhere() {
        assert_eq!(
            match_articles(&[1, 2, 3], &[1, 9, 2, 3, 8]),
            Some(vec![Some(0), None, Some(1), Some(2), None])
        );
        assert_eq!(
            match_articles(&[1, 2, 3], &[1, 2, 3]),
            Some(vec![Some(0), Some(1), Some(2)])
        );
        // one removed, or two swapped
        assert_eq!(match_articles(&[1, 2, 3], &[1, 3, 9]), None);
        assert_eq!(match_articles(&[1, 2, 3], &[2, 1, 3]), None);
        // two articles of one text are two articles
        assert_eq!(
            match_articles(&[5, 5], &[5, 5, 5]),
            Some(vec![Some(0), Some(1), None])
        );
        assert_eq!(match_articles(&[], &[4]), Some(vec![None]));
    }
}
