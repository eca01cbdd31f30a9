//! The reader's state machine: what is open, what is selected, and how each
//! action changes it. Pure state: drawing lives in `ui`, the terminal in
//! `term`, so every key can be tested without a terminal.

pub mod clipboard;
pub mod coverage;
pub mod history;
pub mod loading;
pub mod opener;
pub mod palette;
pub mod search;
pub mod state;
pub mod views;
pub mod wrap;

use crate::action::Action;
use crate::analysis::entities::Kind;
use crate::analysis::links::SentenceRef;
use crate::analysis::segment::{self, Sentence};
use crate::analysis::Analysis;
use crate::config::keys::{show_sequence, Key, Lookup};
use crate::config::{Config, KeyMode};
use crate::corpus::Corpus;
use history::History;
use loading::AnalysisState;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use views::{IndexSort, ListKind, Side, Target, View, ViewKey};
use wrap::Wrapped;

/// The status once the analysis a key waited for has arrived.
const READY: &str = "the analysis is ready";

/// Something the terminal must do for the app (the app itself stays pure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write this escape sequence (OSC 52: set the clipboard).
    Clipboard(String),
    /// Give the terminal to this program until it exits (editor, browser).
    Run(opener::CommandSpec),
}

/// A search across all articles: the query being typed or done, its
/// matches, and where it started (Esc returns there).
#[derive(Debug, Clone)]
pub struct Search {
    /// The query.
    pub input: String,
    /// Whether keys go into the query.
    pub editing: bool,
    /// Its matches.
    pub results: search::Results,
    /// The match the reader is on.
    pub current: Option<usize>,
    origin: Location,
}

/// While a query is typed, the search stops after about this many matches
/// (from the reader's article on); Enter finds them all.
const TYPING_MATCHES: usize = 1000;

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
    /// A message for the status line.
    pub status: Option<String>,
    /// Back and forward.
    pub history: History<Location>,
    /// Whether the sources list is shown.
    pub show_sources: bool,
    /// Whether the side panel is shown.
    pub show_panel: bool,
    /// Set when the reader should exit.
    pub quit: bool,
    /// The search, once `/` has been pressed.
    pub search: Option<Search>,
    /// What the terminal must do after this key (copy, run a program).
    pub effects: Vec<Effect>,
    search_index: OnceCell<Arc<search::SearchIndex>>,
    /// The full search started by Enter, running on its own thread.
    full_search: Option<std::sync::mpsc::Receiver<search::Results>>,
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
    /// First line of the article shown, kept by drawing.
    pub top: Cell<usize>,
    /// First row of the panel list shown, kept by drawing.
    pub panel_top: Cell<usize>,
    /// Width and height of the article text at the last draw.
    pub viewport: Cell<(u16, u16)>,
    /// Height of the list area at the last draw (for paging lists).
    pub list_height: Cell<u16>,
    /// Where the last frame put each pane, for mouse clicks.
    pub areas: Cell<Areas>,
    /// For each line of the panel shown, the row index it belongs to.
    pub panel_rows: RefCell<Vec<Option<usize>>>,
}

/// The screen areas of the last frame (inner areas, without borders).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// The sources list.
    pub sources: Rect,
    /// First line of the sources list shown.
    pub sources_top: usize,
    /// The article text, gutter included.
    pub article: Rect,
    /// The side panel.
    pub panel: Rect,
    /// The rows of a full-screen list.
    pub list: Rect,
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
            history: History::new(
                Location {
                    article: 0,
                    sentence: 0,
                    views: Vec::new(),
                },
                HISTORY_LEN,
            ),
            show_sources: true,
            show_panel: true,
            quit: false,
            search: None,
            effects: Vec::new(),
            search_index: OnceCell::new(),
            full_search: None,
            timeline: OnceCell::new(),
            mention_index: OnceCell::new(),
            entity_index: views::EntityIndexCache::default(),
            reading: state::ReadingState::default(),
            article_keys: Vec::new(),
            panel_entities,
            plain_sentences,
            wrap_cache: RefCell::new(HashMap::new()),
            top: Cell::new(0),
            panel_top: Cell::new(0),
            viewport: Cell::new((0, 0)),
            list_height: Cell::new(0),
            areas: Cell::new(Areas::default()),
            panel_rows: RefCell::new(Vec::new()),
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

    /// The key hints of the focused pane, from the keymap: "j/down next …".
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        let mode = self.mode();
        // each pane's actions, in the words of that pane where the
        // action's own hint label would say less
        let list: &[(Action, Option<&str>)] = match (self.views.last(), self.focus) {
            (Some(View::Compare(_)), _) => &[
                (Action::NextSentence, Some("down")),
                (Action::NextLinked, Some("next link")),
                (Action::FocusNext, Some("side")),
                (Action::Select, Some("jump")),
                (Action::Close, None),
            ],
            (Some(View::List(l)), _) => match l.kind {
                ListKind::EntityIndex(_) => &[
                    (Action::NextSentence, Some("down")),
                    (Action::Select, Some("mentions")),
                    (Action::Sort, None),
                    (Action::Search, Some("filter")),
                    (Action::Close, None),
                ],
                ListKind::Help => &[
                    (Action::Search, Some("filter")),
                    (Action::Select, Some("run")),
                    (Action::Close, None),
                ],
                _ => &[
                    (Action::NextSentence, Some("down")),
                    (Action::Select, None),
                    (Action::Search, Some("filter")),
                    (Action::Back, None),
                    (Action::Close, None),
                ],
            },
            (None, Focus::Sources) => &[
                (Action::NextSentence, Some("article")),
                (Action::Select, Some("read")),
                (Action::FocusNext, None),
                (Action::Help, None),
                (Action::Quit, None),
            ],
            (None, Focus::Article) => &[
                (Action::NextSentence, None),
                (Action::NextArticle, None),
                (Action::NextLinked, None),
                (Action::FocusNext, None),
                (Action::Help, None),
                (Action::Quit, None),
            ],
            (None, Focus::Panel) => &[
                (Action::NextSentence, Some("choose")),
                (Action::Select, Some("follow")),
                (Action::TabEntities, None),
                (Action::Back, None),
                (Action::Help, None),
            ],
        };
        let keys = self.config.keys.mode(mode);
        list.iter()
            .filter_map(|&(a, what)| {
                let what = what.unwrap_or(a.hint());
                let k = keys.keys_for(a).first()?;
                let mut label = show_sequence(k);
                if a == Action::TabEntities {
                    label = "1/2/3".into();
                }
                Some((label, what))
            })
            .collect()
    }

    // ----- keys -----

    /// Handles one key press: filters take text, sequences wait for their
    /// next key, and a complete binding runs its action.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        if ev.kind == KeyEventKind::Release {
            return;
        }
        if let Some(View::List(l)) = self.views.last_mut() {
            if l.editing {
                let palette = l.kind == ListKind::Palette;
                let mut then = None;
                match ev.code {
                    KeyCode::Esc if palette => then = Some(Action::Close),
                    KeyCode::Enter if palette => {
                        l.editing = false;
                        then = Some(Action::Select);
                    }
                    KeyCode::Esc => {
                        l.editing = false;
                        l.filter.clear();
                        l.refilter();
                    }
                    KeyCode::Enter => l.editing = false,
                    KeyCode::Backspace => {
                        l.filter.pop();
                        l.refilter();
                    }
                    KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => {
                        l.filter.push(c);
                        l.refilter();
                    }
                    KeyCode::Char('c') => then = Some(Action::Quit),
                    KeyCode::Up => l.move_by(-1),
                    KeyCode::Down => l.move_by(1),
                    _ => {}
                }
                match then {
                    Some(Action::Close) => {
                        self.views.pop();
                    }
                    Some(Action::Quit) => self.quit = true,
                    Some(a) => self.list_action(a),
                    None => {}
                }
                return;
            }
        }
        if self.search.as_ref().is_some_and(|s| s.editing) && self.views.is_empty() {
            self.search_key(ev);
            return;
        }
        let key = Key::from_event(&ev);
        self.pending.push(key);
        let keymap = self.config.keys.mode(self.mode());
        match keymap.lookup(&self.pending) {
            Lookup::Action(a) => {
                self.pending.clear();
                self.handle_action(a);
            }
            Lookup::Pending => {
                self.status = Some(format!("{} …", show_sequence(&self.pending)));
            }
            Lookup::None => {
                let retry = self.pending.len() > 1;
                self.pending.clear();
                if retry {
                    // "g x": drop the dead prefix and read x on its own
                    if let Lookup::Action(a) = keymap.lookup(&[key]) {
                        self.handle_action(a);
                        return;
                    }
                }
                if matches!(self.status.as_deref(), Some(s) if s.ends_with(" …")) {
                    self.status = None;
                }
            }
        }
    }

    /// Runs an action in the current context.
    pub fn handle_action(&mut self, action: Action) {
        if matches!(self.status.as_deref(), Some(s) if s.ends_with(" …")) {
            self.status = None;
        }
        match action {
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::Palette => {
                self.open_palette();
                return;
            }
            Action::SearchResults => {
                self.open_search_results();
                return;
            }
            Action::Help => {
                if matches!(self.views.last(), Some(View::List(l)) if l.kind == ListKind::Help) {
                    self.views.pop();
                } else {
                    self.views.push(View::List(views::help(&self.config.keys)));
                }
                return;
            }
            _ => {}
        }
        let missing = if Self::needs_indexes(action) {
            !self.indexes_ready()
        } else {
            !self.analysis_ready() && self.needs_analysis(action)
        };
        if missing {
            self.status = Some(self.not_ready_message(action));
            return;
        }
        match self.views.last() {
            Some(View::List(_)) => self.list_action(action),
            Some(View::Compare(_)) => self.compare_action(action),
            None => self.reader_action(action),
        }
    }

    /// Whether an action reads the analysis (the others work on the plain
    /// text while it is computed).
    fn needs_analysis(&self, action: Action) -> bool {
        use Action as A;
        match action {
            A::NextLinked
            | A::PrevLinked
            | A::NextDiffers
            | A::PrevDiffers
            | A::Timeline
            | A::EntityIndex
            | A::Compare
            | A::Search
            | A::SearchNext
            | A::SearchPrev
            | A::SearchResults => true,
            // following a link or a panel row; from the sources list it
            // only moves into the article
            A::Select => self.views.is_empty() && self.focus != Focus::Sources,
            _ => false,
        }
    }

    /// Whether an action needs the indexes built after the analysis.
    fn needs_indexes(action: Action) -> bool {
        use Action as A;
        matches!(
            action,
            A::Timeline | A::Search | A::SearchNext | A::SearchPrev | A::SearchResults
        )
    }

    /// What the status line says when a key needs the analysis (or the
    /// indexes) and it is not there.
    fn not_ready_message(&self, action: Action) -> String {
        let what = match action {
            Action::Timeline => "the timeline",
            Action::EntityIndex => "the entity list",
            Action::Compare => "compare",
            Action::Search | Action::SearchNext | Action::SearchPrev | Action::SearchResults => {
                "search"
            }
            _ => "cross-references",
        };
        let state = if self.analysis_ready() {
            &self.index_state
        } else {
            &self.analysis_state
        };
        match state {
            AnalysisState::Running(p) => format!(
                "{what} needs the analysis, still running ({}); reading works meanwhile",
                p.describe().trim_start_matches("analysing: ")
            ),
            AnalysisState::Failed(e) => {
                format!("{what} is not available: {e}")
            }
            AnalysisState::Ready => String::new(),
        }
    }

    /// Whether the timeline and search indexes have arrived.
    pub fn indexes_ready(&self) -> bool {
        self.index_state == AnalysisState::Ready
    }

    /// Takes a message from the background analysis; returns whether the
    /// screen changed.
    pub fn receive(&mut self, msg: loading::Message) -> bool {
        match msg {
            loading::Message::Progress(p) => {
                let state = if self.analysis_ready() {
                    &mut self.index_state
                } else {
                    &mut self.analysis_state
                };
                if !matches!(state, AnalysisState::Running(_)) {
                    return false;
                }
                let changed = *state != AnalysisState::Running(p);
                *state = AnalysisState::Running(p);
                changed
            }
            loading::Message::Analysed(a) => {
                self.install(*a);
                true
            }
            loading::Message::Indexed(i) => {
                if self.analysis_ready() {
                    self.search_index = OnceCell::from(Arc::new(i.search_index));
                    self.timeline = OnceCell::from(i.timeline);
                    self.entity_index = i.entity_index;
                    self.mention_index = OnceCell::from(i.mention_index);
                    self.index_state = AnalysisState::Ready;
                    self.ready_message();
                }
                true
            }
            loading::Message::Failed(e) => {
                if self.analysis_ready() {
                    self.status = Some(format!("{e}; no timeline or search"));
                } else {
                    self.status = Some(format!("{e}; reading without marks"));
                    self.analysis_state = AnalysisState::Failed(e.clone());
                }
                self.index_state = AnalysisState::Failed(e);
                true
            }
        }
    }

    /// Replaces a "still running" message once what it waited for is there
    /// (with [`READY`]).
    fn ready_message(&mut self) {
        if self
            .status
            .as_deref()
            .is_some_and(|s| s.contains("needs the analysis"))
        {
            self.status = Some(READY.into());
        }
    }

    /// Swaps the analysis in: marks, panel and links appear, and the
    /// reader stays on the same article and sentence (the analysis cuts
    /// sentences the way the plain reader did).
    pub fn install(&mut self, analysed: loading::Analysed) {
        if analysed.analysis.articles.len() != self.corpus.articles.len() {
            let e = "the analysis does not match the articles".to_string();
            self.status = Some(format!("{e}; reading without marks"));
            self.analysis_state = AnalysisState::Failed(e.clone());
            self.index_state = AnalysisState::Failed(e);
            return;
        }
        let cache_note = analysed.cache_note();
        self.analysis = analysed.analysis;
        self.panel_entities = analysed.panel_entities;
        self.analysis_state = AnalysisState::Ready;
        // the indexes are built from this analysis, next
        if !matches!(self.index_state, AnalysisState::Failed(_)) {
            self.index_state =
                AnalysisState::Running(loading::Progress::start(loading::Stage::Index));
        }
        self.plain_sentences = Vec::new();
        self.entity_index = views::EntityIndexCache::default();
        self.mention_index = OnceCell::new();
        // wrapping follows the sentences; a changed segmentation must not
        // leave stale line maps
        self.wrap_cache.borrow_mut().clear();
        self.clamp_sentences();
        self.panel_sel = [0; 3];
        self.panel_top.set(0);
        self.ready_message();
        // say where the analysis came from, unless something more pressing
        // (a skipped file, a key that waited) holds the status line
        if let Some(note) = cache_note {
            self.status = match self.status.take() {
                None => Some(note),
                Some(s) if s == READY => Some(format!("{s}; {note}")),
                other => other,
            };
        }
    }

    fn reader_action(&mut self, action: Action) {
        use Action as A;
        match action {
            A::NextSentence
            | A::PrevSentence
            | A::PageDown
            | A::PageUp
            | A::HalfPageDown
            | A::HalfPageUp
            | A::First
            | A::Last => self.move_in_focus(action),
            A::NextArticle => self.open_article(self.article + 1),
            A::PrevArticle => {
                if self.article > 0 {
                    self.open_article(self.article - 1);
                }
            }
            A::NextLinked | A::PrevLinked => self.next_linked(action == A::NextLinked, false),
            A::NextDiffers | A::PrevDiffers => self.next_linked(action == A::NextDiffers, true),
            A::FocusNext | A::FocusPrev => self.cycle_focus(action == A::FocusNext),
            A::TabEntities => self.set_tab(Tab::Entities),
            A::TabDates => self.set_tab(Tab::Dates),
            A::TabLinks => self.set_tab(Tab::Links),
            A::Select => self.select(),
            A::Back => self.back(),
            A::Forward => self.forward(),
            A::Timeline => self.views.push(View::List(self.timeline_list())),
            A::EntityIndex => {
                let list = self.entity_index_list(IndexSort::Mentions);
                self.views.push(View::List(list));
            }
            A::Compare => self.open_compare(),
            A::ToggleSources => {
                self.show_sources = !self.show_sources;
                if !self.show_sources && self.focus == Focus::Sources {
                    self.focus = Focus::Article;
                }
            }
            A::TogglePanel => {
                self.show_panel = !self.show_panel;
                if !self.show_panel && self.focus == Focus::Panel {
                    self.focus = Focus::Article;
                }
            }
            A::Sort => {
                self.entities_by_name = !self.entities_by_name;
                self.status = Some(format!(
                    "entities sorted by {}",
                    if self.entities_by_name {
                        "name"
                    } else {
                        "importance"
                    }
                ));
            }
            A::Close => {
                self.status = None;
                if self.focus != Focus::Article {
                    self.focus = Focus::Article;
                }
            }
            A::Search => self.start_search(),
            A::SearchNext | A::SearchPrev => self.search_step(action == A::SearchNext),
            A::SearchResults => self.open_search_results(),
            A::CopySentence => self.copy_sentence(),
            A::CopyCitation => {
                if let Some(a) = self.corpus.articles.get(self.article) {
                    let text = clipboard::cite_article(&a.meta);
                    self.copy(text);
                }
            }
            A::OpenUrl => self.open_url(),
            A::OpenEditor => self.open_editor(),
            A::Palette => self.open_palette(),
            A::Quit | A::Help => {}
        }
    }

    fn move_in_focus(&mut self, action: Action) {
        use Action as A;
        match self.focus {
            Focus::Article => {
                let n = self.sentence_count(self.article);
                if n == 0 {
                    return;
                }
                let cur = self.current_sentence();
                let page = |frac: usize| {
                    let (w, h) = self.viewport.get();
                    let (w, h) = if w == 0 { (80, 20) } else { (w, h) };
                    let wrapped = self.wrapped(self.article, w);
                    let line = wrapped.sentence_line.get(cur).copied().unwrap_or(0);
                    let step = (usize::from(h) / frac).max(1);
                    (line, step, wrapped)
                };
                let to = match action {
                    A::NextSentence => cur + 1,
                    A::PrevSentence => cur.saturating_sub(1),
                    A::PageDown | A::HalfPageDown => {
                        let (line, step, w) = page(if action == A::PageDown { 1 } else { 2 });
                        w.sentence_at_line(line + step).max(cur + 1)
                    }
                    A::PageUp | A::HalfPageUp => {
                        let (line, step, w) = page(if action == A::PageUp { 1 } else { 2 });
                        w.sentence_at_line(line.saturating_sub(step))
                            .min(cur.saturating_sub(1))
                    }
                    A::First => 0,
                    _ => n - 1,
                };
                self.set_sentence(to.min(n - 1));
            }
            Focus::Sources => {
                let n = self.corpus.articles.len();
                let to = match action {
                    A::NextSentence | A::PageDown | A::HalfPageDown => self.article + 1,
                    A::PrevSentence | A::PageUp | A::HalfPageUp => self.article.saturating_sub(1),
                    A::First => 0,
                    _ => n.saturating_sub(1),
                };
                if to < n && to != self.article {
                    self.open_article(to);
                }
            }
            Focus::Panel => {
                let n = self.tab_len();
                let sel = &mut self.panel_sel[self.tab.index()];
                *sel = match action {
                    A::NextSentence => *sel + 1,
                    A::PrevSentence => sel.saturating_sub(1),
                    A::PageDown | A::HalfPageDown => *sel + 10,
                    A::PageUp | A::HalfPageUp => sel.saturating_sub(10),
                    A::First => 0,
                    _ => usize::MAX,
                }
                .min(n.saturating_sub(1));
            }
        }
    }

    fn set_sentence(&mut self, s: usize) {
        if let Some(slot) = self.sentence.get_mut(self.article) {
            if *slot != s {
                *slot = s;
                self.panel_sel[Tab::Links.index()] = 0;
            }
        }
    }

    fn set_tab(&mut self, tab: Tab) {
        self.tab = tab;
        self.show_panel = true;
        self.panel_top.set(0);
    }

    fn cycle_focus(&mut self, forward: bool) {
        let mut order = Vec::new();
        if self.show_sources {
            order.push(Focus::Sources);
        }
        order.push(Focus::Article);
        if self.show_panel {
            order.push(Focus::Panel);
        }
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = order.len();
        self.focus = order[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    /// Moves to the next (or previous) sentence with cross-references, or
    /// with one that states its fact differently when `differs`.
    fn next_linked(&mut self, forward: bool, differs: bool) {
        let Some(a) = self.analysis.articles.get(self.article) else {
            return;
        };
        let links = &self.analysis.links;
        let wanted = |s: usize| {
            a.sentence_links[s].iter().any(|&li| {
                !differs
                    || links
                        .get(li)
                        .is_some_and(|l| l.relation == crate::analysis::links::Relation::Differs)
            })
        };
        let cur = self.current_sentence();
        let found = if forward {
            (cur + 1..a.sentence_links.len()).find(|&s| wanted(s))
        } else {
            (0..cur).rev().find(|&s| wanted(s))
        };
        match found {
            Some(s) => {
                self.focus = Focus::Article;
                self.set_sentence(s);
            }
            None => {
                self.status = Some(format!(
                    "no {} sentence {}",
                    if forward { "later" } else { "earlier" },
                    if differs {
                        "that another source states differently"
                    } else {
                        "with cross-references"
                    }
                ))
            }
        }
    }

    fn select(&mut self) {
        match self.focus {
            Focus::Sources => self.focus = Focus::Article,
            Focus::Article => self.follow_link(self.panel_sel[Tab::Links.index()]),
            Focus::Panel => match self.tab {
                Tab::Entities => {
                    if let Some(e) = self.selected_entity() {
                        self.views.push(View::List(self.mentions_list(e)));
                    }
                }
                Tab::Dates => {
                    let d = self
                        .analysis
                        .articles
                        .get(self.article)
                        .and_then(|a| a.dates.get(self.panel_sel[Tab::Dates.index()]))
                        .map(|d| d.sentence);
                    if let Some(s) = d {
                        self.jump(SentenceRef {
                            article: self.article,
                            sentence: s,
                        });
                    }
                }
                Tab::Links => self.follow_link(self.panel_sel[Tab::Links.index()]),
            },
        }
    }

    /// Follows the `nth` link of the current sentence.
    fn follow_link(&mut self, nth: usize) {
        let here = self.here();
        let target = self
            .current_links()
            .get(nth)
            .and_then(|&l| self.analysis.other_end(l, here));
        match target {
            Some(t) => {
                self.jump(t);
                self.status = Some(format!(
                    "followed a link to {} — {} goes back",
                    views::source_label(&self.corpus, t.article),
                    self.config.keys.normal.label(Action::Back)
                ));
            }
            None => self.status = Some("no cross-reference from this sentence".into()),
        }
    }

    fn open_article(&mut self, article: usize) {
        if article >= self.corpus.articles.len() {
            self.status = Some("this is the last article".into());
            return;
        }
        let s = self.sentence.get(article).copied().unwrap_or(0);
        let focus = self.focus;
        self.jump(SentenceRef {
            article,
            sentence: s,
        });
        if focus == Focus::Sources {
            self.focus = Focus::Sources;
        }
    }

    /// Goes to a sentence, closing views and recording the jump.
    pub fn jump(&mut self, to: SentenceRef) {
        if to.article >= self.corpus.articles.len() {
            return;
        }
        self.history.set_current(self.location());
        self.views.clear();
        if self.article != to.article {
            self.top.set(0);
            self.panel_top.set(0);
            self.panel_sel = [0; 3];
        }
        self.article = to.article;
        let n = self.sentence_count(to.article);
        self.set_sentence(to.sentence.min(n.saturating_sub(1)));
        self.focus = Focus::Article;
        self.history.push(self.location());
    }

    fn back(&mut self) {
        self.history.set_current(self.location());
        match self.history.back().cloned() {
            Some(loc) => self.restore(loc),
            None => self.status = Some("nothing to go back to".into()),
        }
    }

    fn forward(&mut self) {
        self.history.set_current(self.location());
        match self.history.forward().cloned() {
            Some(loc) => self.restore(loc),
            None => self.status = Some("nothing to go forward to".into()),
        }
    }

    fn restore(&mut self, loc: Location) {
        if loc.article != self.article {
            self.top.set(0);
            self.panel_sel = [0; 3];
        }
        self.article = loc
            .article
            .min(self.corpus.articles.len().saturating_sub(1));
        self.set_sentence(loc.sentence);
        self.views = loc.views.iter().map(|k| self.rebuild(*k)).collect();
    }

    fn rebuild(&self, key: ViewKey) -> View {
        match key {
            ViewKey::List(kind, row) => {
                let mut l = match kind {
                    ListKind::Mentions(e) => self.mentions_list(e),
                    ListKind::Timeline => self.timeline_list(),
                    ListKind::EntityIndex(s) => self.entity_index_list(s),
                    ListKind::Help => views::help(&self.config.keys),
                    ListKind::Palette => views::palette(&self.config.keys),
                    ListKind::SearchResults => views::search_results(
                        &self.corpus,
                        &self.analysis,
                        self.search.as_ref().map(|s| &s.results),
                    ),
                };
                if let Some(p) = l.visible.iter().position(|&i| i == row) {
                    l.sel = p;
                }
                View::List(l)
            }
            ViewKey::Compare { left, right, sel } => {
                let mut c = views::compare(&self.analysis, left, right);
                c.sel = sel.min(c.rows.len().saturating_sub(1));
                View::Compare(c)
            }
        }
    }

    fn open_compare(&mut self) {
        let here = self.here();
        let links = self.current_links();
        let chosen = links
            .get(self.panel_sel[Tab::Links.index()])
            .or(links.first())
            .and_then(|&l| self.analysis.other_end(l, here))
            .map(|r| r.article)
            .or_else(|| views::most_linked(&self.analysis, self.article))
            .or_else(|| {
                let n = self.corpus.articles.len();
                (n > 1).then(|| (self.article + 1) % n)
            });
        let Some(other) = chosen else {
            self.status = Some("nothing to compare with: only one article".into());
            return;
        };
        let mut c = views::compare(&self.analysis, self.article, other);
        let cur = self.current_sentence();
        c.sel = c
            .rows
            .iter()
            .position(|r| r.left.is_some_and(|s| s >= cur))
            .unwrap_or(0);
        self.views.push(View::Compare(c));
    }

    fn list_action(&mut self, action: Action) {
        use Action as A;
        let page = usize::from(self.list_height.get().max(2)) as isize - 1;
        let Some(View::List(l)) = self.views.last_mut() else {
            return;
        };
        match action {
            A::NextSentence => l.move_by(1),
            A::PrevSentence => l.move_by(-1),
            A::PageDown => l.move_by(page),
            A::PageUp => l.move_by(-page),
            A::HalfPageDown => l.move_by(page / 2),
            A::HalfPageUp => l.move_by(-page / 2),
            A::First => l.move_to_end(false),
            A::Last => l.move_to_end(true),
            A::Search => l.editing = true,
            A::Sort => {
                if let ListKind::EntityIndex(s) = l.kind {
                    let filter = l.filter.clone();
                    let mut v = self
                        .entity_index
                        .list(&self.corpus, &self.analysis, s.next());
                    v.filter = filter;
                    v.refilter();
                    *l = v;
                }
            }
            A::Back | A::Close => {
                if !l.filter.is_empty() && action == A::Close {
                    l.filter.clear();
                    l.refilter();
                } else {
                    self.views.pop();
                }
            }
            A::Select => {
                let target = l.selected().map(|r| r.target);
                match target {
                    Some(Target::Sentence(r)) => self.jump(r),
                    Some(Target::Entity(e)) => self.views.push(View::List(self.mentions_list(e))),
                    Some(Target::Action(a)) => {
                        self.views.pop();
                        self.handle_action(a);
                    }
                    Some(Target::None) | None => {}
                }
            }
            A::Timeline | A::EntityIndex | A::Compare => {
                // from a list, these open over the reader's own context
                self.views.clear();
                self.reader_action(action);
            }
            _ => {}
        }
    }

    fn compare_action(&mut self, action: Action) {
        use Action as A;
        let page = usize::from(self.list_height.get().max(4)) / 2;
        let Some(View::Compare(c)) = self.views.last_mut() else {
            return;
        };
        let last = c.rows.len().saturating_sub(1);
        match action {
            A::NextSentence => c.sel = (c.sel + 1).min(last),
            A::PrevSentence => c.sel = c.sel.saturating_sub(1),
            A::PageDown | A::HalfPageDown => c.sel = (c.sel + page).min(last),
            A::PageUp | A::HalfPageUp => c.sel = c.sel.saturating_sub(page),
            A::First => c.sel = 0,
            A::Last => c.sel = last,
            A::NextLinked => {
                if let Some(i) = (c.sel + 1..c.rows.len()).find(|&i| c.rows[i].relation.is_some()) {
                    c.sel = i;
                }
            }
            A::PrevLinked => {
                if let Some(i) = (0..c.sel).rev().find(|&i| c.rows[i].relation.is_some()) {
                    c.sel = i;
                }
            }
            A::FocusNext | A::FocusPrev => {
                c.side = match c.side {
                    Side::Left => Side::Right,
                    Side::Right => Side::Left,
                }
            }
            A::Select => {
                let Some(row) = c.rows.get(c.sel).copied() else {
                    return;
                };
                let (left, right) = (c.left, c.right);
                let to = match c.side {
                    Side::Left => row
                        .left
                        .map(|s| (left, s))
                        .or(row.right.map(|s| (right, s))),
                    Side::Right => row
                        .right
                        .map(|s| (right, s))
                        .or(row.left.map(|s| (left, s))),
                };
                if let Some((article, sentence)) = to {
                    self.jump(SentenceRef { article, sentence });
                }
            }
            A::Back | A::Close => {
                self.views.pop();
            }
            _ => {}
        }
    }
}

impl App {
    /// Builds what some keys would otherwise build on first use (the
    /// timeline, the search index), so that no keypress pays for them.
    pub fn prepare(&self) {
        let _ = self.search_index();
        let _ = self
            .timeline
            .get_or_init(|| views::timeline(&self.corpus, &self.analysis));
    }

    /// The entity index in one order, built once per order.
    fn entity_index_list(&self, sort: IndexSort) -> views::ListView {
        self.entity_index.list(&self.corpus, &self.analysis, sort)
    }

    /// An entity's mentions list.
    fn mentions_list(&self, entity: usize) -> views::ListView {
        let index = self
            .mention_index
            .get_or_init(|| views::MentionIndex::new(&self.analysis));
        // the index, when built, holds every sentence folded for the filter
        let search = self.search_index.get();
        views::mentions_with(&self.corpus, &self.analysis, index, search, entity)
    }

    /// The timeline, built on first use (it reads every dated mention of
    /// the corpus, and the analysis does not change).
    fn timeline_list(&self) -> views::ListView {
        self.timeline
            .get_or_init(|| views::timeline(&self.corpus, &self.analysis))
            .clone()
    }

    // ----- mouse -----

    /// A mouse event (only when the mouse is enabled): the wheel scrolls
    /// the pane under it, a click selects what is under it, and a click on
    /// what is already selected follows it.
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        let at = Position::new(ev.column, ev.row);
        let areas = self.areas.get();
        let step = match ev.kind {
            MouseEventKind::ScrollDown => Some(Action::NextSentence),
            MouseEventKind::ScrollUp => Some(Action::PrevSentence),
            MouseEventKind::Down(MouseButton::Left) => None,
            _ => return,
        };
        if !self.views.is_empty() {
            if let Some(a) = step {
                self.handle_action(a);
                return;
            }
            if !areas.list.contains(at) {
                return;
            }
            let Some(View::List(l)) = self.views.last_mut() else {
                return;
            };
            let pos = l.top.get() + usize::from(at.y - areas.list.y);
            let selectable = l
                .visible
                .get(pos)
                .and_then(|&i| l.rows.get(i))
                .is_some_and(|r| r.kind != views::RowKind::Header);
            if !selectable {
                return;
            }
            if l.sel == pos {
                self.list_action(Action::Select);
            } else {
                l.sel = pos;
            }
            return;
        }
        let pane = if areas.sources.contains(at) && self.show_sources {
            Focus::Sources
        } else if areas.panel.contains(at) && self.show_panel {
            Focus::Panel
        } else if areas.article.contains(at) {
            Focus::Article
        } else {
            return;
        };
        if let Some(a) = step {
            // the wheel scrolls the pane under the pointer without moving focus
            let focus = std::mem::replace(&mut self.focus, pane);
            self.move_in_focus(a);
            if self.focus == pane {
                self.focus = focus;
            }
            return;
        }
        match pane {
            Focus::Sources => {
                let line = areas.sources_top + usize::from(at.y - areas.sources.y);
                let article = line / 2;
                self.focus = Focus::Sources;
                if article < self.corpus.articles.len() && article != self.article {
                    self.open_article(article);
                }
            }
            Focus::Article => {
                let (w, _) = self.viewport.get();
                let wrapped = self.wrapped(self.article, w);
                let line = self.top.get() + usize::from(at.y - areas.article.y);
                if line < wrapped.lines.len() && !wrapped.sentence_line.is_empty() {
                    let s = wrapped.sentence_at_line(line);
                    self.focus = Focus::Article;
                    self.set_sentence(s);
                }
            }
            Focus::Panel => {
                let row = self
                    .panel_rows
                    .borrow()
                    .get(usize::from(at.y - areas.panel.y))
                    .copied()
                    .flatten();
                if let Some(i) = row {
                    let was = (self.focus, self.panel_sel[self.tab.index()]);
                    self.focus = Focus::Panel;
                    self.panel_sel[self.tab.index()] = i;
                    if was == (Focus::Panel, i) {
                        self.select();
                    }
                }
            }
        }
    }

    // ----- reading state -----

    /// Takes a saved reading state: each article reopens where it was left.
    pub fn set_reading_state(&mut self, reading: state::ReadingState) {
        self.reading = reading;
        for (i, key) in self.article_keys.iter().enumerate() {
            if let Some(last) = self.reading.last(key) {
                if let Some(slot) = self.sentence.get_mut(i) {
                    *slot = last;
                }
            }
        }
        self.clamp_sentences();
        self.history.set_current(self.location());
    }

    /// Records what the last frame showed of the article: its sentences are
    /// marked seen and the current one is remembered (call after drawing).
    pub fn note_seen(&mut self) {
        let Some(key) = self.article_keys.get(self.article).cloned() else {
            return;
        };
        let (w, h) = self.viewport.get();
        let n = self.sentence_count(self.article);
        if w > 0 && h > 0 && n > 0 && self.views.is_empty() {
            let wrapped = self.wrapped(self.article, w);
            let top = self.top.get();
            let first = wrapped.sentence_at_line(top);
            let last = wrapped.sentence_at_line(top + usize::from(h) - 1);
            // a sentence counts as seen when it starts on screen
            let first = if wrapped.sentence_line.get(first).is_some_and(|&l| l < top) {
                first + 1
            } else {
                first
            };
            if first <= last {
                self.reading.mark_seen(&key, first..(last + 1).min(n));
            }
        }
        if self.reading.last(&key) != Some(self.current_sentence()) {
            self.reading.set_last(&key, self.current_sentence());
        }
    }

    /// How much of an article has been seen, 0–1.
    pub fn progress(&self, article: usize) -> f64 {
        // an article never read is not segmented to say so
        self.article_keys
            .get(article)
            .and_then(|k| self.reading.get(k))
            .map_or(0.0, |s| s.progress(self.sentence_count(article)))
    }

    /// Keeps every article's current sentence inside it. Before the
    /// analysis only the open article is segmented; the others are clamped
    /// when opened (and all of them when the analysis arrives).
    fn clamp_sentences(&mut self) {
        let ready = self.analysis_ready();
        for i in 0..self.sentence.len() {
            if ready || i == self.article {
                let n = self.sentence_count(i);
                self.sentence[i] = self.sentence[i].min(n.saturating_sub(1));
            }
        }
    }

    // ----- search -----

    fn search_index(&self) -> &Arc<search::SearchIndex> {
        self.search_index
            .get_or_init(|| Arc::new(search::SearchIndex::new(&self.corpus)))
    }

    /// Searches the whole corpus for `query` on another thread (what Enter
    /// needs after typing looked only near the reader); the result comes
    /// in through [`App::poll_background`].
    fn start_full_search(&mut self, query: String) {
        let index = Arc::clone(self.search_index());
        let analysis = Arc::clone(&self.analysis);
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("dossier-search".into())
            .spawn(move || {
                let _ = tx.send(index.search(&analysis, &query));
            });
        match spawned {
            Ok(_) => self.full_search = Some(rx),
            // no thread to spare: search here, once
            Err(_) => {
                let full = self
                    .search_index()
                    .search(&self.analysis, &self.search_input());
                self.take_full_search(full);
            }
        }
    }

    fn search_input(&self) -> String {
        self.search
            .as_ref()
            .map_or_else(String::new, |s| s.input.clone())
    }

    /// Takes the full search when it has finished; returns whether the
    /// screen changed. The event loop calls it between events.
    pub fn poll_background(&mut self) -> bool {
        let Some(rx) = &self.full_search else {
            return false;
        };
        match rx.try_recv() {
            Ok(full) => {
                self.full_search = None;
                self.take_full_search(full)
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            // it failed: the matches near the reader stay
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.full_search = None;
                false
            }
        }
    }

    /// Whether something runs in the background that
    /// [`App::poll_background`] will take.
    pub fn background_pending(&self) -> bool {
        self.full_search.is_some()
    }

    /// Waits for the background search, if any, and takes it (for tests
    /// and benchmarks, which have no event loop).
    pub fn wait_background(&mut self) {
        if let Some(rx) = self.full_search.take() {
            if let Ok(full) = rx.recv() {
                self.take_full_search(full);
            }
        }
    }

    /// Replaces the matches near the reader by all of them, keeping the
    /// match the reader is on; a result for an older query is dropped.
    fn take_full_search(&mut self, full: search::Results) -> bool {
        let Some(s) = self.search.as_mut() else {
            return false;
        };
        if s.editing || !s.results.is_partial() || s.input != full.query() {
            return false;
        }
        s.current = s
            .current
            .and_then(|i| s.results.get(i))
            .and_then(|m| full.at_or_after(m.position()));
        s.results = full;
        if self.status.as_deref().is_some_and(|m| m.starts_with('“')) {
            self.search_status();
        }
        true
    }

    fn start_search(&mut self) {
        let origin = self.location();
        self.search = Some(Search {
            input: String::new(),
            editing: true,
            results: search::Results::default(),
            current: None,
            origin,
        });
    }

    /// Keys typed into the search query: each change searches again and
    /// shows the first match from where the search started.
    fn search_key(&mut self, ev: KeyEvent) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        match ev.code {
            KeyCode::Esc => {
                let origin = s.origin.clone();
                self.search = None;
                self.restore(origin);
                return;
            }
            KeyCode::Enter => {
                s.editing = false;
                let partial = s.results.is_partial();
                let origin = s.origin.clone();
                let found = s.current.is_some();
                let n = s.results.len();
                let q = s.input.clone();
                if found {
                    let here = self.location();
                    self.history.set_current(origin);
                    self.history.push(here);
                    self.focus = Focus::Article;
                } else {
                    self.status = Some(format!("no match for “{q}”"));
                }
                if n > 0 {
                    self.search_status();
                }
                if partial {
                    // typing searched near the reader; n, N and the list
                    // need every match, found off the keypress
                    self.start_full_search(q);
                }
                return;
            }
            KeyCode::Backspace => {
                s.input.pop();
            }
            KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => s.input.push(c),
            _ => return,
        }
        let query = s.input.clone();
        let origin = s.origin.clone();
        let from = self.position_of(origin.article, origin.sentence);
        let analysis = &self.analysis;
        let results =
            self.search_index()
                .search_near(&query, origin.article, TYPING_MATCHES, |a| {
                    analysis.articles.get(a).map_or(&[][..], |x| &x.sentences)
                });
        let current = results.at_or_after(from);
        if let Some(s) = self.search.as_mut() {
            s.results = results;
            s.current = current;
        }
        match current.and_then(|i| self.search.as_ref()?.results.get(i).copied()) {
            Some(m) => self.show_match(m, false),
            None => {
                self.article = origin.article;
                self.set_sentence(origin.sentence);
            }
        }
    }

    fn position_of(&self, article: usize, sentence: usize) -> search::Position {
        search::Position {
            article,
            offset: self.sentences(article).get(sentence).map_or(0, |s| s.start),
        }
    }

    fn show_match(&mut self, m: search::Match, record: bool) {
        let to = SentenceRef {
            article: m.article,
            sentence: m.sentence,
        };
        if record && to.article != self.article {
            self.jump(to);
        } else {
            if to.article != self.article {
                self.top.set(0);
                self.panel_sel = [0; 3];
            }
            self.article = to.article;
            self.set_sentence(to.sentence);
        }
    }

    fn search_status(&mut self) {
        if let Some(s) = &self.search {
            let count = if s.results.is_partial() {
                s.results.count_label(s.current)
            } else {
                let i = s.current.map_or(0, |i| i + 1);
                format!("{i}/{}", s.results.len())
            };
            self.status = Some(format!("“{}” {count}", s.input));
        }
    }

    /// `n` / `N`: the next or previous match, across articles, wrapping.
    fn search_step(&mut self, forward: bool) {
        let Some(s) = &self.search else {
            let key = self.config.keys.normal.label(Action::Search);
            self.status = Some(format!("no search yet: {key} to search"));
            return;
        };
        // from the match the reader is on, if it is still there, else the sentence
        let here = self.here();
        let from = s
            .current
            .and_then(|i| s.results.get(i))
            .filter(|m| m.article == here.article && m.sentence == here.sentence)
            .map(|m| m.position())
            .unwrap_or_else(|| {
                let p = self.position_of(here.article, here.sentence);
                if forward {
                    p
                } else {
                    // so a match at the sentence start counts as "before"
                    search::Position {
                        offset: p.offset + 1,
                        ..p
                    }
                }
            });
        let next = if forward {
            s.results.next_after(from)
        } else {
            s.results.prev_before(from)
        };
        let Some(i) = next else {
            self.status = Some(format!("no match for “{}”", s.input));
            return;
        };
        let Some(m) = s.results.get(i).copied() else {
            return;
        };
        if let Some(s) = self.search.as_mut() {
            s.current = Some(i);
        }
        self.focus = Focus::Article;
        self.show_match(m, true);
        self.search_status();
    }

    fn open_search_results(&mut self) {
        let Some(s) = &self.search else {
            let key = self.config.keys.normal.label(Action::Search);
            self.status = Some(format!("no search yet: {key} to search"));
            return;
        };
        let view = views::search_results(&self.corpus, &self.analysis, Some(&s.results));
        self.views.push(View::List(view));
    }

    // ----- palette, copy, open -----

    fn open_palette(&mut self) {
        if matches!(self.views.last(), Some(View::List(l)) if l.kind == ListKind::Palette) {
            return;
        }
        let mut v = views::palette(&self.config.keys);
        v.editing = true;
        self.views.push(View::List(v));
    }

    fn copy(&mut self, text: String) {
        match clipboard::osc52(&text, clipboard::in_tmux()) {
            Ok(seq) => {
                self.effects.push(Effect::Clipboard(seq));
                let first = text.lines().next().unwrap_or("");
                self.status = Some(format!("copied {}", ellipsis(first, 60)));
            }
            Err(e) => self.status = Some(format!("cannot copy: {e}")),
        }
    }

    /// `y`: the current sentence with its source, or both ends of the
    /// selected link when the Links tab has the focus.
    fn copy_sentence(&mut self) {
        let here = self.here();
        let Some(a) = self.corpus.articles.get(here.article) else {
            return;
        };
        let text = self
            .sentences(here.article)
            .get(here.sentence)
            .and_then(|s| a.body.get(s.start..s.end))
            .map(|t| crate::text::one_line(t).into_owned())
            .unwrap_or_default();
        let pair = (self.focus == Focus::Panel && self.tab == Tab::Links)
            .then(|| {
                let l = *self
                    .current_links()
                    .get(self.panel_sel[Tab::Links.index()])?;
                let other = self.analysis.other_end(l, here)?;
                let b = self.corpus.articles.get(other.article)?;
                let other_text = views::sentence_text(&self.corpus, &self.analysis, other);
                Some(clipboard::quote_pair(&text, &a.meta, &other_text, &b.meta))
            })
            .flatten();
        let out = pair.unwrap_or_else(|| clipboard::quote_sentence(&text, &a.meta));
        self.copy(out);
    }

    fn open_url(&mut self) {
        let Some(a) = self.corpus.articles.get(self.article) else {
            return;
        };
        let browser = std::env::var("BROWSER").ok();
        match opener::open_url(
            a.meta.url.as_deref(),
            browser.as_deref(),
            opener::Platform::current(),
        ) {
            Ok(cmd) => self.effects.push(Effect::Run(cmd)),
            Err(e) => self.status = Some(format!("cannot open the URL: {e}")),
        }
    }

    fn open_editor(&mut self) {
        let here = self.here();
        let Some(a) = self.corpus.articles.get(here.article) else {
            return;
        };
        let offset = self
            .sentences(here.article)
            .get(here.sentence)
            .map_or(0, |s| s.start);
        let line = opener::line_of_offset(&a.body, a.body_line, offset);
        match opener::open_in_editor(&opener::editor_from_env(), &a.path, line) {
            Ok(cmd) => self.effects.push(Effect::Run(cmd)),
            Err(e) => self.status = Some(format!("cannot open the editor: {e}")),
        }
    }
}

/// The byline lines under an article's title.
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
    if parts.is_empty() {
        Vec::new()
    } else {
        vec![parts.join(" · ")]
    }
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

/// Cuts text to `max` characters with "…".
fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
