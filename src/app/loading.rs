//! The analysis in the background: the reader opens on the plain text at
//! once, while a worker thread looks the analysis up in the cache or
//! computes it and reports its progress over a channel. The app swaps the
//! analysis in as soon as it is there (marks, panel, links), then the
//! indexes the timeline and search need, built after it; until then the
//! keys that need them say so.
//!
//! Nothing here touches the terminal: the worker only sends [`Message`]s,
//! and [`App::receive`](super::App::receive) is a plain state change, so a
//! test drives it with synthetic messages.

use super::{search, views, PanelEntity};
use crate::analysis::{Analysis, Settings};
use crate::cache::{Cache, Outcome};
use crate::corpus::Corpus;
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;

/// The name of the worker thread (the panic hook leaves its panics to it).
pub const WORKER_NAME: &str = "dossier-analysis";

/// A step of the background work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Looking for a stored analysis.
    Cache,
    /// Sentences and dates, article by article.
    Sentences,
    /// Entities across the corpus.
    Entities,
    /// Cross-references between articles.
    Links,
    /// Storing the analysis for the next start.
    Store,
    /// The search index, the timeline and the panel rows.
    Index,
}

impl Stage {
    /// Its name in the status line.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Cache => "reading the cache",
            Stage::Sentences => "sentences and dates",
            Stage::Entities => "entities",
            Stage::Links => "cross-references",
            Stage::Store => "saving the cache",
            Stage::Index => "indexing",
        }
    }

    /// The part of the whole work done when this stage starts, and when it
    /// ends (0–1). The analysis reports no progress inside the entity and
    /// link stages, so their share is fixed, from the stage timings of
    /// `cargo bench --bench analysis` on generated corpora.
    fn span(self) -> (f64, f64) {
        match self {
            Stage::Cache => (0.0, 0.02),
            Stage::Sentences => (0.02, 0.35),
            Stage::Entities => (0.35, 0.7),
            Stage::Links => (0.7, 0.88),
            Stage::Store => (0.88, 0.94),
            Stage::Index => (0.94, 1.0),
        }
    }
}

/// How far the background work is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The step under way.
    pub stage: Stage,
    /// Units of it done (articles, for [`Stage::Sentences`]).
    pub done: usize,
    /// Units in it (0 when the stage reports none).
    pub total: usize,
}

impl Progress {
    /// The start of a stage.
    pub fn start(stage: Stage) -> Self {
        Self {
            stage,
            done: 0,
            total: 0,
        }
    }

    /// The part of the whole work done, 0–1.
    pub fn fraction(&self) -> f64 {
        let (a, b) = self.stage.span();
        let inside = if self.total == 0 {
            0.0
        } else {
            (self.done as f64 / self.total as f64).min(1.0)
        };
        a + (b - a) * inside
    }

    /// "analysing: entities 41 %".
    pub fn describe(&self) -> String {
        // floored, so that 100 % shows only at the end; the epsilon keeps
        // a share such as 0.02 + 0.33 × 2/3 (0.2399…) from showing 23 %
        let pct = (self.fraction() * 100.0 + 1e-9).floor() as usize;
        format!("analysing: {} {pct} %", self.stage.label())
    }
}

/// Where the analysis is, as the reader sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum AnalysisState {
    /// Still being computed.
    Running(Progress),
    /// Swapped in: marks, panel and links are shown.
    Ready,
    /// It failed; the reader stays a plain pager.
    Failed(String),
}

/// The analysis as the reader takes it: the marks, the panel and the
/// links can show.
#[derive(Debug)]
pub struct Analysed {
    /// The analysis (shared with the worker, which indexes it next).
    pub analysis: Arc<Analysis>,
    /// The Entities tab of each article.
    pub panel_entities: Vec<Vec<PanelEntity>>,
    /// Whether the analysis came from the cache.
    pub from_cache: bool,
    /// What the on-disk cache said, when one was consulted.
    pub cache: Option<Outcome>,
}

impl Analysed {
    /// Builds the panel rows of an analysis.
    pub fn new(analysis: Arc<Analysis>, from_cache: bool) -> Self {
        let panel_entities = (0..analysis.articles.len())
            .into_par_iter()
            .map(|a| super::panel_entities(&analysis, a))
            .collect();
        Self {
            analysis,
            panel_entities,
            from_cache,
            cache: None,
        }
    }

    /// The same, saying what the cache said when it was consulted.
    pub fn with_cache(mut self, outcome: Outcome) -> Self {
        self.from_cache = outcome == Outcome::Hit;
        self.cache = Some(outcome);
        self
    }

    /// What the status line says about the cache when the analysis
    /// arrives: nothing when there was no cache file yet (or none used).
    pub fn cache_note(&self) -> Option<String> {
        match self.cache.as_ref()? {
            Outcome::Hit => Some("analysis read from the cache".into()),
            Outcome::Miss => None,
            Outcome::Stale => Some("the cached analysis was out of date: analysed again".into()),
            Outcome::Corrupt(why) => Some(format!(
                "the cached analysis was damaged ({why}): analysed again"
            )),
            Outcome::Extended { added: 0 } => Some("analysis read from the cache".into()),
            Outcome::Extended { added: 1 } => {
                Some("1 new article analysed, the rest read from the cache".into())
            }
            Outcome::Extended { added } => Some(format!(
                "{added} new articles analysed, the rest read from the cache"
            )),
        }
    }
}

/// What the timeline and search need, built after the analysis.
#[derive(Debug)]
pub struct Indexes {
    /// The search index over every body.
    pub search_index: search::SearchIndex,
    /// The timeline of the corpus.
    pub timeline: views::ListView,
    /// The entity index in every order.
    pub entity_index: views::EntityIndexCache,
    /// Each entity's sentences, for its mentions list.
    pub mention_index: views::MentionIndex,
}

impl Indexes {
    /// Builds them (in parallel), ready for their first key.
    pub fn new(corpus: &Corpus, analysis: &Analysis) -> Self {
        let ((search_index, timeline), (entity_index, mention_index)) = rayon::join(
            || {
                rayon::join(
                    || {
                        let index = search::SearchIndex::new(corpus);
                        // so that no key pays for it, not even the first with a capital
                        index.prepare_case_sensitive();
                        // nor the first filter key of a long list of sentences
                        index.prepare_sentences(analysis);
                        index
                    },
                    || {
                        let timeline = views::timeline(corpus, analysis);
                        // its filter answers the first key at once
                        timeline.prepare_filter();
                        timeline
                    },
                )
            },
            || {
                (views::EntityIndexCache::built(corpus, analysis), {
                    let mut index = views::MentionIndex::new(analysis);
                    // the headings of its lists, folded for their filters
                    index.prepare_headings(corpus);
                    index
                })
            },
        );
        Self {
            search_index,
            timeline,
            entity_index,
            mention_index,
        }
    }
}

/// What the worker says.
#[derive(Debug)]
pub enum Message {
    /// How far it is.
    Progress(Progress),
    /// The analysis: swap it in.
    Analysed(Box<Analysed>),
    /// The indexes: swap them in; the work is over.
    Indexed(Box<Indexes>),
    /// It failed (the reason, one line); the work is over.
    Failed(String),
}

impl Message {
    /// Whether the worker sends nothing after this.
    pub fn is_last(&self) -> bool {
        matches!(self, Message::Indexed(_) | Message::Failed(_))
    }
}

/// The last two messages a worker sends for an analysis of `corpus` (for
/// tests and benchmarks that play the worker's part).
pub fn finished(corpus: &Corpus, analysis: Analysis, from_cache: bool) -> [Message; 2] {
    let analysis = Arc::new(analysis);
    let indexes = Indexes::new(corpus, &analysis);
    [
        Message::Analysed(Box::new(Analysed::new(analysis, from_cache))),
        Message::Indexed(Box::new(indexes)),
    ]
}

/// Starts the worker on its own thread. It is never joined: quitting while
/// it runs simply ends the process (the cache is written beside and
/// renamed, so a half-written file is never read).
pub fn spawn(
    corpus: Arc<Corpus>,
    settings: Settings,
    cache: Option<Cache>,
) -> std::io::Result<Receiver<Message>> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name(WORKER_NAME.into())
        .spawn(move || work(&corpus, &settings, cache.as_ref(), &tx))?;
    Ok(rx)
}

/// The worker's body: the whole analysis, with progress, then the result
/// or the failure (a panic included) as the last message. Sending fails
/// only when the reader has gone, and then nobody is left to tell.
pub fn work(corpus: &Corpus, settings: &Settings, cache: Option<&Cache>, tx: &Sender<Message>) {
    let run = std::panic::AssertUnwindSafe(|| prepare(corpus, settings, cache, tx));
    if let Err(payload) = std::panic::catch_unwind(run) {
        let _ = tx.send(Message::Failed(panic_message(payload.as_ref())));
    }
}

fn prepare(corpus: &Corpus, settings: &Settings, cache: Option<&Cache>, tx: &Sender<Message>) {
    let send = |p: Progress| {
        let _ = tx.send(Message::Progress(p));
    };
    send(Progress::start(Stage::Cache));
    let n = corpus.articles.len();
    // one message per whole percent of the sentence stage, not per article
    let last_pct = AtomicUsize::new(0);
    let report = |done: usize, _total: usize| {
        let p = if done < n {
            let pct = done * 100 / n.max(1);
            if pct <= last_pct.fetch_max(pct, Ordering::Relaxed) {
                return;
            }
            Progress {
                stage: Stage::Sentences,
                done,
                total: n,
            }
        } else if done == n {
            Progress::start(Stage::Entities)
        } else if done == n + 1 {
            Progress::start(Stage::Links)
        } else {
            Progress::start(Stage::Store)
        };
        send(p);
    };
    let (analysis, outcome) = match cache {
        Some(cache) => {
            let (a, outcome) = cache.load_or_analyze(corpus, settings, report);
            (a, Some(outcome))
        }
        None => (Analysis::run_with_progress(corpus, settings, report), None),
    };
    let analysis = Arc::new(analysis);
    let mut analysed = Analysed::new(Arc::clone(&analysis), false);
    if let Some(outcome) = outcome {
        analysed = analysed.with_cache(outcome);
    }
    let _ = tx.send(Message::Analysed(Box::new(analysed)));
    send(Progress::start(Stage::Index));
    let indexes = Indexes::new(corpus, &analysis);
    let _ = tx.send(Message::Indexed(Box::new(indexes)));
}

/// The text of a panic, as far as it has one.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(std::string::ToString::to_string)
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".into());
    format!("the analysis stopped: {text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_grows_through_the_stages() {
        let mut last = -1.0;
        let steps = [
            Progress::start(Stage::Cache),
            Progress {
                stage: Stage::Sentences,
                done: 1,
                total: 4,
            },
            Progress {
                stage: Stage::Sentences,
                done: 4,
                total: 4,
            },
            Progress::start(Stage::Entities),
            Progress::start(Stage::Links),
            Progress::start(Stage::Store),
            Progress::start(Stage::Index),
        ];
        for p in steps {
            let f = p.fraction();
            assert!(f >= last && f < 1.0, "{p:?} at {f} after {last}");
            last = f;
        }
    }

    #[test]
    fn describe_names_stage_and_percent() {
        let p = Progress {
            stage: Stage::Sentences,
            done: 50,
            total: 100,
        };
        // half of the sentences stage (2–35 % of the whole): 18.5 %, floored
        assert_eq!(p.describe(), "analysing: sentences and dates 18 %");
        assert!(Progress::start(Stage::Entities)
            .describe()
            .starts_with("analysing: entities"));
    }

    #[test]
    fn worker_reports_progress_then_the_result() {
        let dir = tempfile::tempdir().unwrap();
        crate::generate::generate(dir.path(), 6, 7).unwrap();
        let corpus = Corpus::load(dir.path()).unwrap();
        let (tx, rx) = mpsc::channel();
        work(&corpus, &Settings::default(), None, &tx);
        drop(tx);
        let msgs: Vec<Message> = rx.iter().collect();
        let stages: Vec<Stage> = msgs
            .iter()
            .filter_map(|m| match m {
                Message::Progress(p) => Some(p.stage),
                _ => None,
            })
            .collect();
        assert_eq!(stages.first(), Some(&Stage::Cache));
        assert!(stages.contains(&Stage::Entities));
        assert_eq!(stages.last(), Some(&Stage::Index));
        let n = msgs.len();
        let (Message::Analysed(a), Message::Indexed(i)) = (&msgs[n - 3], &msgs[n - 1]) else {
            panic!("the analysis, the index stage, then the indexes");
        };
        assert!(msgs[n - 1].is_last() && !msgs[n - 3].is_last());
        assert!(!a.from_cache);
        assert_eq!(*a.analysis, Analysis::run(&corpus, &Settings::default()));
        assert_eq!(a.panel_entities.len(), corpus.articles.len());
        assert_eq!(i.search_index.len(), corpus.articles.len());
    }

    #[test]
    fn worker_reports_a_cache_hit() {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = tempfile::tempdir().unwrap();
        crate::generate::generate(dir.path(), 4, 3).unwrap();
        let corpus = Corpus::load(dir.path()).unwrap();
        let cache = Cache::at(cache_dir.path());
        let run = |cache: &Cache| {
            let (tx, rx) = mpsc::channel();
            work(&corpus, &Settings::default(), Some(cache), &tx);
            drop(tx);
            let from_cache = rx.iter().find_map(|m| match m {
                Message::Analysed(a) => Some(a.from_cache),
                _ => None,
            });
            from_cache.expect("an analysis")
        };
        assert!(!run(&cache), "first open analyses");
        assert!(run(&cache), "second open reads the cache");
    }

    #[test]
    fn the_status_line_says_how_the_cache_served_the_analysis() {
        let note = |outcome| {
            Analysed::new(Arc::new(Analysis::default()), false)
                .with_cache(outcome)
                .cache_note()
        };
        assert_eq!(note(Outcome::Miss), None);
        assert_eq!(
            note(Outcome::Hit).as_deref(),
            Some("analysis read from the cache")
        );
        assert_eq!(
            note(Outcome::Extended { added: 0 }).as_deref(),
            Some("analysis read from the cache")
        );
        assert_eq!(
            note(Outcome::Extended { added: 1 }).as_deref(),
            Some("1 new article analysed, the rest read from the cache")
        );
        assert_eq!(
            note(Outcome::Extended { added: 3 }).as_deref(),
            Some("3 new articles analysed, the rest read from the cache")
        );
    }

    #[test]
    fn panic_message_keeps_the_text() {
        let r = std::panic::catch_unwind(|| {
            std::panic::panic_any(String::from("bad input"));
        });
        let msg = panic_message(r.unwrap_err().as_ref());
        assert_eq!(msg, "the analysis stopped: bad input");
    }
}
