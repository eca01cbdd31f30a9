//! The reader's state machine: what is open, what is selected, and how each
//! action changes it. Pure state: drawing lives in `ui`, the terminal in
//! `term`, so every key can be tested without a terminal.
//!
//! This file holds the [`App`] type and its queries. What changes it is in
//! a file per seam, each an `impl App`: `keys` (key dispatch: typed text,
//! sequences, actions in the reader, a list or compare), `navigate`
//! (sentences, pages, articles, links, back and forward), `open` (the
//! views over the reader), `mouse`, `search_input` (`/`, `n`, `N`),
//! `sources` (the sources list's order and filter),
//! `receive` (the background worker's messages), `highlights` (`m`,
//! notes and the highlights list), `reading` (the reading
//! state kept across sessions), `effects` (copy, open a URL or the
//! editor), `status` (what the status line says), `messages` (how long
//! it says it, and the list of all it said) and `frame` (what the
//! last frame measured, which pages and clicks read). The rest are the
//! pieces those use: the views and their lists, the search index, the
//! text input, the history, wrapping, the worker, the saved state.

pub mod clipboard;
pub mod coverage;
mod effects;
mod frame;
pub mod highlights;
pub mod history;
pub mod input;
mod keys;
mod linked;
pub mod loading;
pub mod messages;
mod mouse;
mod navigate;
mod open;
pub mod opener;
pub mod page;
pub mod palette;
mod reading;
mod receive;
pub mod search;
mod search_input;
pub mod sources;

mod status;
pub mod views;
pub mod wrap;

pub use effects::Effect;
pub use frame::FrameMetrics;
pub use search_input::Search;

use crate::analysis::entities::Kind;
use crate::analysis::links::SentenceRef;
use crate::analysis::segment::{self, Sentence};
use crate::analysis::Analysis;
use crate::config::keys::Key;
use crate::config::{Config, KeyMode};
use crate::corpus::Corpus;
use crate::state;
use history::History;
use loading::AnalysisState;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use views::{View, ViewKey};
use wrap::Wrapped;

/// How many places the back/forward history keeps.
const HISTORY_LEN: usize = 100;

/// The pane that receives keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The list of articles.
    Sources,
    /// The article text.
    Article,
    /// The side panel.
    Panel,
}

/// A tab of the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Entities of the article.
    Entities,
    /// Dates of the article.
    Dates,
    /// Links of the current sentence.
    Links,
}

impl Tab {
    /// Its index, for per-tab selections.
    pub fn index(self) -> usize {
        match self {
            Tab::Entities => 0,
            Tab::Dates => 1,
            Tab::Links => 2,
        }
    }
}

/// A place in the reader, for back and forward.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The article.
    pub article: usize,
    /// The current sentence in it.
    pub sentence: usize,
    /// The views that were open over the reader.
    pub views: Vec<ViewKey>,
}

/// One row of the Entities tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PanelEntity {
    /// Index into the corpus-wide entities.
    pub entity: usize,
    /// Its kind.
    pub kind: Kind,
    /// Mentions in this article.
    pub here: usize,
    /// Mentions in the corpus.
    pub corpus: usize,
}

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    /// The articles (shared with the background analysis).
    pub corpus: Arc<Corpus>,
    /// Their analysis (empty until it arrives, see `analysis_state`).
    pub analysis: Arc<Analysis>,
    /// Whether the analysis is there yet.
    pub analysis_state: AnalysisState,
    /// Whether the timeline and search indexes, built after the analysis,
    /// are there yet.
    pub index_state: AnalysisState,
    /// Theme, keymaps, layout.
    pub config: Config,
    /// The focused pane.
    pub focus: Focus,
    /// The open article.
    pub article: usize,
    /// The current sentence of every article.
    pub sentence: Vec<usize>,
    /// The panel tab shown.
    pub tab: Tab,
    /// The selected row of each panel tab.
    pub panel_sel: [usize; 3],
    /// Whether the Entities tab is sorted by name (else by importance).
    pub entities_by_name: bool,
    /// Views over the reader, the last on top.
    pub views: Vec<View>,
    /// Keys of a sequence typed so far ("g" of "g g").
    pub pending: Vec<Key>,
    /// A message for the status line (until the next key or
    /// [`messages::MESSAGE_TIME`]).
    pub status: Option<String>,
    /// Every message shown, for the messages list.
    messages: messages::MessageLog,
    /// Back and forward.
    pub history: History<Location>,
    /// Whether the sources list is shown.
    pub show_sources: bool,
    /// The sources list's order and filter.
    pub sources: sources::SourcesView,
    /// Whether the side panel is shown.
    pub show_panel: bool,
    /// Set when the reader should exit.
    pub quit: bool,
    /// The search, once `/` has been pressed.
    pub search: Option<Search>,
    /// The note being typed for a highlight (after `m`).
    pub note: Option<highlights::NoteEdit>,
    /// What the terminal must do after this key (copy, run a program).
    pub effects: Vec<Effect>,
    /// Whether the terminal tells keys like ctrl-i and Tab apart (the
    /// kitty keyboard protocol is on): help offers only keys that arrive.
    pub keyboard_enhanced: bool,
    search_index: OnceCell<Arc<search::SearchIndex>>,
    /// The full search started by Enter, running on its own thread.
    full_search: Option<std::sync::mpsc::Receiver<search::Results>>,
    /// The search index folded for `/` before the worker sent its own.
    pending_index: Option<std::sync::mpsc::Receiver<search::SearchIndex>>,
    timeline: OnceCell<views::ListView>,
    /// Each entity's sentences, for its mentions list (from the worker, or
    /// made on the first list opened before the worker sent it).
    mention_index: OnceCell<views::MentionIndex>,
    entity_index: views::EntityIndexCache,
    /// What has been read, and where, across sessions.
    pub reading: state::ReadingState,
    article_keys: Vec<state::ArticleKey>,
    panel_entities: Vec<Vec<PanelEntity>>,
    /// Sentences of the articles opened before the analysis arrived.
    plain_sentences: Vec<OnceCell<Vec<Sentence>>>,
    wrap_cache: RefCell<HashMap<(usize, u16), Rc<Wrapped>>>,
    /// What the last frame measured (see [`App::set_frame`]).
    frame: FrameMetrics,
}

impl App {
    /// The reader over an analysed corpus, at the first sentence of the
    /// first article.
    pub fn new(corpus: Corpus, analysis: Analysis, config: Config) -> Self {
        let panel_entities = (0..analysis.articles.len())
            .map(|a| panel_entities(&analysis, a))
            .collect();
        Self::build(
            Arc::new(corpus),
            analysis,
            panel_entities,
            AnalysisState::Ready,
            config,
        )
    }

    /// The reader over a corpus whose analysis is still to come (see
    /// [`loading`]): the text shows at once, plain, and
    /// [`App::receive`] swaps the analysis in when it arrives.
    pub fn loading(corpus: Arc<Corpus>, config: Config) -> Self {
        let state = AnalysisState::Running(loading::Progress::start(loading::Stage::Cache));
        Self::build(corpus, Analysis::default(), Vec::new(), state, config)
    }

    fn build(
        corpus: Arc<Corpus>,
        analysis: Analysis,
        panel_entities: Vec<Vec<PanelEntity>>,
        analysis_state: AnalysisState,
        config: Config,
    ) -> Self {
        let n = corpus.articles.len();
        let plain_sentences = if analysis_state == AnalysisState::Ready {
            Vec::new()
        } else {
            (0..n).map(|_| OnceCell::new()).collect()
        };
        let mut app = Self {
            corpus,
            analysis: Arc::new(analysis),
            index_state: analysis_state.clone(),
            analysis_state,
            config,
            focus: Focus::Article,
            article: 0,
            sentence: vec![0; n],
            tab: Tab::Entities,
            panel_sel: [0; 3],
            entities_by_name: false,
            views: Vec::new(),
            pending: Vec::new(),
            status: None,
            messages: messages::MessageLog::default(),
            history: History::new(
                Location {
                    article: 0,
                    sentence: 0,
                    views: Vec::new(),
                },
                HISTORY_LEN,
            ),
            show_sources: true,
            sources: sources::SourcesView::default(),
            show_panel: true,
            quit: false,
            search: None,
            note: None,
            effects: Vec::new(),
            keyboard_enhanced: false,
            search_index: OnceCell::new(),
            full_search: None,
            pending_index: None,
            timeline: OnceCell::new(),
            mention_index: OnceCell::new(),
            entity_index: views::EntityIndexCache::default(),
            reading: state::ReadingState::default(),
            article_keys: Vec::new(),
            panel_entities,
            plain_sentences,
            wrap_cache: RefCell::new(HashMap::new()),
            frame: FrameMetrics::default(),
        };
        app.article_keys = app
            .corpus
            .articles
            .iter()
            .map(state::ArticleKey::of)
            .collect();
        if !app.corpus.problems.is_empty() {
            let first = app.corpus.problems[0].to_string();
            app.status = Some(match app.corpus.problems.len() {
                1 => first,
                n => format!("{first} (and {} more problems)", n - 1),
            });
        }
        app
    }

    // ----- queries used by drawing and tests -----

    /// The current sentence of the open article.
    pub fn current_sentence(&self) -> usize {
        self.sentence.get(self.article).copied().unwrap_or(0)
    }

    /// The current sentence as a corpus reference.
    pub fn here(&self) -> SentenceRef {
        SentenceRef {
            article: self.article,
            sentence: self.current_sentence(),
        }
    }

    /// How many sentences an article has.
    pub fn sentence_count(&self, article: usize) -> usize {
        self.sentences(article).len()
    }

    /// The sentences of an article: the analysis's, or before it arrives
    /// the same segmentation done when the article is first shown (so the
    /// reader's position means the same sentence once it arrives).
    pub fn sentences(&self, article: usize) -> &[Sentence] {
        if let Some(a) = self.analysis.articles.get(article) {
            return &a.sentences;
        }
        match (
            self.plain_sentences.get(article),
            self.corpus.articles.get(article),
        ) {
            (Some(cell), Some(a)) => cell.get_or_init(|| segment::split(&a.body)),
            _ => &[],
        }
    }

    /// Whether the analysis has arrived.
    pub fn analysis_ready(&self) -> bool {
        self.analysis_state == AnalysisState::Ready
    }

    /// The rows of the Entities tab for the open article.
    pub fn panel_entities(&self) -> Vec<PanelEntity> {
        let mut v = self
            .panel_entities
            .get(self.article)
            .cloned()
            .unwrap_or_default();
        if self.entities_by_name {
            v.sort_by(|x, y| {
                x.kind.cmp(&y.kind).then_with(|| {
                    self.entity_name(x.entity)
                        .to_lowercase()
                        .cmp(&self.entity_name(y.entity).to_lowercase())
                })
            });
        }
        v
    }

    /// An entity's canonical name.
    pub fn entity_name(&self, entity: usize) -> &str {
        self.analysis
            .entities
            .get(entity)
            .map_or("", |e| e.name.as_str())
    }

    /// The entity selected in the Entities tab.
    pub fn selected_entity(&self) -> Option<usize> {
        self.panel_entities()
            .get(self.panel_sel[0])
            .map(|p| p.entity)
    }

    /// The links of the current sentence, best first (indices into links).
    pub fn current_links(&self) -> &[usize] {
        self.analysis
            .articles
            .get(self.article)
            .and_then(|a| a.sentence_links.get(self.current_sentence()))
            .map_or(&[], Vec::as_slice)
    }

    /// How many rows the current tab has.
    fn tab_len(&self) -> usize {
        match self.tab {
            Tab::Entities => self.panel_entities.get(self.article).map_or(0, Vec::len),
            Tab::Dates => self
                .analysis
                .articles
                .get(self.article)
                .map_or(0, |a| a.dates.len()),
            Tab::Links => self.current_links().len(),
        }
    }

    /// The article wrapped to `width`, from the cache (wrapped on first use).
    pub fn wrapped(&self, article: usize, width: u16) -> Rc<Wrapped> {
        let key = (article, width);
        if let Some(w) = self.wrap_cache.borrow().get(&key) {
            return Rc::clone(w);
        }
        let w = Rc::new(match self.corpus.articles.get(article) {
            Some(a) => wrap::wrap_article_warned(
                &a.meta.title,
                &header_lines(a),
                &a.warnings,
                &a.body,
                self.sentences(article),
                width,
            ),
            None => Wrapped::default(),
        });
        let mut cache = self.wrap_cache.borrow_mut();
        // a resize leaves old widths behind; keep the cache from growing without bound
        if cache.len() > 4 * self.corpus.articles.len().max(8) {
            cache.retain(|k, _| k.1 == width);
        }
        cache.insert(key, Rc::clone(&w));
        w
    }

    /// The keymap mode of what is on top.
    pub fn mode(&self) -> KeyMode {
        self.views.last().map_or(KeyMode::Normal, View::mode)
    }

    /// Where the reader is now.
    pub fn location(&self) -> Location {
        Location {
            article: self.article,
            sentence: self.current_sentence(),
            views: self.views.iter().map(View::key).collect(),
        }
    }
}

/// The byline lines under an article's title: source, author and date,
/// then the URL when there is one.
pub fn header_lines(a: &crate::corpus::Article) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(s) = &a.meta.source {
        parts.push(s.clone());
    }
    if let Some(au) = &a.meta.author {
        parts.push(format!("by {au}"));
    }
    if let Some(p) = &a.meta.published {
        parts.push(p.to_string());
    }
    let mut lines = Vec::new();
    if !parts.is_empty() {
        lines.push(parts.join(" · "));
    }
    if let Some(url) = a.meta.url.as_deref().filter(|u| !u.trim().is_empty()) {
        lines.push(crate::text::sanitize::clean_line(url).into_owned());
    }
    lines
}

/// The Entities tab of one article: grouped by kind, most mentioned here
/// first, then most mentioned in the corpus.
fn panel_entities(analysis: &Analysis, article: usize) -> Vec<PanelEntity> {
    let mut v: Vec<PanelEntity> = analysis
        .article_entities(article)
        .into_iter()
        .filter_map(|(e, here)| {
            Some(PanelEntity {
                entity: e,
                kind: analysis.entities.get(e)?.kind,
                here,
                corpus: analysis.entity_counts.get(e).map_or(here, |c| c.mentions),
            })
        })
        .collect();
    v.sort_by(|x, y| {
        x.kind
            .cmp(&y.kind)
            .then(y.here.cmp(&x.here))
            .then(y.corpus.cmp(&x.corpus))
            .then(x.entity.cmp(&y.entity))
    });
    v
}
