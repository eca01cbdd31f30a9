//! The analysis in the background: the reader opens on the plain text at
//! once, while a worker thread looks the analysis up in the cache or
//! computes it, builds what the keys need (search index, timeline, panel
//! rows) and reports its progress over a channel. The app swaps the result
//! in when it arrives; until then the keys that need it say so.
//!
//! Nothing here touches the terminal: the worker only sends [`Message`]s,
//! and [`App::receive`](super::App::receive) is a plain state change, so a
//! test drives it with synthetic messages.

use super::{search, views, PanelEntity};
use crate::analysis::{Analysis, Settings};
use crate::cache::Cache;
use crate::corpus::Corpus;
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
        let pct = (self.fraction() * 100.0).floor() as usize;
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

/// Everything the worker builds for the reader.
#[derive(Debug)]
pub struct Loaded {
    /// The analysis.
    pub analysis: Analysis,
    /// The Entities tab of each article.
    pub panel_entities: Vec<Vec<PanelEntity>>,
    /// The search index over every body.
    pub search_index: search::SearchIndex,
    /// The timeline of the corpus.
    pub timeline: views::ListView,
    /// Whether the analysis came from the cache.
    pub from_cache: bool,
}

impl Loaded {
    /// Builds the rest from an analysis of `corpus`.
    pub fn new(corpus: &Corpus, analysis: Analysis, from_cache: bool) -> Self {
        let panel_entities = (0..analysis.articles.len())
            .map(|a| super::panel_entities(&analysis, a))
            .collect();
        let search_index = search::SearchIndex::new(corpus);
        // so that no key pays for it, not even the first with a capital
        search_index.prepare_case_sensitive();
        let timeline = views::timeline(corpus, &analysis);
        // its filter answers the first key at once
        timeline.prepare_filter();
        Self {
            analysis,
            panel_entities,
            search_index,
            timeline,
            from_cache,
        }
    }
}

/// What the worker says.
#[derive(Debug)]
pub enum Message {
    /// How far it is.
    Progress(Progress),
    /// Done: swap this in.
    Done(Box<Loaded>),
    /// It failed (the reason, one line).
    Failed(String),
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
    let msg = match std::panic::catch_unwind(run) {
        Ok(loaded) => Message::Done(Box::new(loaded)),
        Err(payload) => Message::Failed(panic_message(payload.as_ref())),
    };
    let _ = tx.send(msg);
}

fn prepare(
    corpus: &Corpus,
    settings: &Settings,
    cache: Option<&Cache>,
    tx: &Sender<Message>,
) -> Loaded {
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
    let (analysis, from_cache) = match cache {
        Some(cache) => {
            let (a, outcome) = cache.load_or_analyze(corpus, settings, report);
            (a, outcome == crate::cache::Outcome::Hit)
        }
        None => (Analysis::run_with_progress(corpus, settings, report), false),
    };
    send(Progress::start(Stage::Index));
    Loaded::new(corpus, analysis, from_cache)
}

/// The text of a panic, as far as it has one.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
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
        let pct = (p.fraction() * 100.0).floor() as usize;
        assert_eq!(
            p.describe(),
            format!("analysing: sentences and dates {pct} %")
        );
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
        let Some(Message::Done(loaded)) = msgs.last() else {
            panic!("the last message is the result");
        };
        assert!(!loaded.from_cache);
        assert_eq!(
            loaded.analysis,
            Analysis::run(&corpus, &Settings::default())
        );
        assert_eq!(loaded.panel_entities.len(), corpus.articles.len());
        assert_eq!(loaded.search_index.len(), corpus.articles.len());
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
            match rx.iter().last() {
                Some(Message::Done(l)) => l.from_cache,
                other => panic!("unexpected last message {other:?}"),
            }
        };
        assert!(!run(&cache), "first open analyses");
        assert!(run(&cache), "second open reads the cache");
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
