//! The search as the reader types it: `/` starts a query, each key
//! searches again near the reader and shows the first match, Enter keeps
//! it (and finds every match off the keypress), Esc returns to where it
//! started; `n`/`N` step through the matches and a list shows them all.

use super::input::{Edit, TextInput};
use super::views::{self, View};
use super::{search, App, Focus, Location};
use crate::action::Action;
use crate::analysis::links::SentenceRef;
use ratatui::crossterm::event::KeyEvent;
use std::sync::Arc;

/// A search across all articles: the query being typed or done, its
/// matches, and where it started (Esc returns there).
#[derive(Debug, Clone)]
pub struct Search {
    /// The query.
    pub input: TextInput,
    /// Whether keys go into the query.
    pub editing: bool,
    /// Its matches.
    pub results: search::Results,
    /// The match the reader is on.
    pub current: Option<usize>,
    /// Whether the query waits for the text to be indexed for search.
    pub waiting: bool,
    origin: Location,
}

/// While a query is typed, the search stops after about this many matches
/// (from the reader's article on); Enter finds them all.
const TYPING_MATCHES: usize = 1000;

impl App {
    pub(super) fn search_index(&self) -> &Arc<search::SearchIndex> {
        self.search_index
            .get_or_init(|| Arc::new(search::SearchIndex::new(&self.corpus)))
    }

    /// Searches the whole corpus for `query` on another thread (what Enter
    /// needs after typing looked only near the reader); the result comes
    /// in through [`App::poll_background`].
    pub(super) fn start_full_search(&mut self, query: String) {
        let index = Arc::clone(self.search_index());
        let analysis = Arc::clone(&self.analysis);
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("dossier-search".into())
            .spawn(move || {
                let _ = tx.send(index.search(&analysis, &query));
            });
        if spawned.is_ok() {
            self.full_search = Some(rx);
        } else {
            // no thread to spare: search here, once
            let full = self
                .search_index()
                .search(&self.analysis, &self.search_input());
            self.take_full_search(full);
        }
    }

    fn search_input(&self) -> String {
        self.search
            .as_ref()
            .map_or_else(String::new, |s| s.input.text().to_owned())
    }

    /// Takes the full search when it has finished; returns whether the
    /// screen changed. The event loop calls it between events.
    pub fn poll_background(&mut self) -> bool {
        let mut changed = false;
        if let Some(rx) = &self.pending_index {
            match rx.try_recv() {
                Ok(index) => {
                    self.pending_index = None;
                    self.take_search_index(index);
                    changed |= self.resume_search();
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    // it failed: the query folds the text itself
                    self.pending_index = None;
                    changed |= self.resume_search();
                }
            }
        }
        let Some(rx) = &self.full_search else {
            return changed;
        };
        match rx.try_recv() {
            Ok(full) => {
                self.full_search = None;
                self.take_full_search(full) || changed
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => changed,
            // it failed: the matches near the reader stay
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.full_search = None;
                changed
            }
        }
    }

    /// Keeps a search index built for `/` unless the worker's came first.
    fn take_search_index(&mut self, index: search::SearchIndex) {
        if self.search_index.get().is_none() {
            let _ = self.search_index.set(Arc::new(index));
        }
    }

    /// Whether something runs in the background that
    /// [`App::poll_background`] will take.
    pub fn background_pending(&self) -> bool {
        self.full_search.is_some() || self.pending_index.is_some()
    }

    /// Waits for what runs in the background, if anything, and takes it
    /// (for tests and benchmarks, which have no event loop).
    pub fn wait_background(&mut self) {
        if let Some(rx) = self.pending_index.take() {
            if let Ok(index) = rx.recv() {
                self.take_search_index(index);
            }
            self.resume_search();
        }
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
        if s.editing || !s.results.is_partial() || s.input.text() != full.query() {
            return false;
        }
        // the status line's count follows, unless another message took its place
        let counted = self.status.is_some() && self.status == self.search_count();
        let Some(s) = self.search.as_mut() else {
            return false;
        };
        s.current = s
            .current
            .and_then(|i| s.results.get(i))
            .and_then(|m| full.at_or_after(m.position()));
        s.results = full;
        if counted {
            self.search_status();
        }
        true
    }

    pub(super) fn start_search(&mut self) {
        let origin = self.location();
        self.search = Some(Search {
            input: TextInput::new(),
            editing: true,
            results: search::Results::default(),
            current: None,
            waiting: false,
            origin,
        });
        self.index_for_search();
    }

    /// Before the worker has sent its search index, folds the text for
    /// search on a thread of its own, so that `/` works on the text already
    /// loaded without holding up a key (the query waits for it).
    fn index_for_search(&mut self) {
        // once the indexes are in (or with an analysis given ready), the
        // first query folds the text if it is not folded yet
        if self.indexes_ready() || self.search_index.get().is_some() || self.pending_index.is_some()
        {
            return;
        }
        let corpus = Arc::clone(&self.corpus);
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("dossier-search-index".into())
            .spawn(move || {
                let _ = tx.send(search::SearchIndex::new(&corpus));
            });
        if spawned.is_ok() {
            self.pending_index = Some(rx);
        }
        // no thread to spare: the first query folds the text itself
    }

    /// Keys typed into the search query: each change searches again and
    /// shows the first match from where the search started; Enter keeps
    /// the search, Esc returns to where it started.
    pub(super) fn search_key(&mut self, ev: &KeyEvent) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        match s.input.handle(ev) {
            Edit::Cancel => {
                let origin = s.origin.clone();
                self.search = None;
                self.restore(origin);
            }
            Edit::Accept => {
                s.editing = false;
                if s.waiting {
                    let q = s.input.text().to_owned();
                    self.status = Some(format!("“{q}”: searching once the text is indexed…"));
                } else {
                    self.accept_search();
                }
            }
            Edit::Quit => self.quit = true,
            Edit::Other => {}
            Edit::Changed => {
                if self.search_index.get().is_none() && self.pending_index.is_some() {
                    // the query waits for the index being built
                    if let Some(s) = self.search.as_mut() {
                        s.waiting = true;
                    }
                } else {
                    self.search_typed();
                }
            }
        }
    }

    /// Enter on a query: the reader stays at the match shown (a place in
    /// the history), and every match is found off the keypress.
    fn accept_search(&mut self) {
        let Some(s) = self.search.as_ref() else {
            return;
        };
        let partial = s.results.is_partial();
        let origin = s.origin.clone();
        let found = s.current.is_some();
        let n = s.results.len();
        let q = s.input.text().to_owned();
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
        if partial && self.analysis_ready() {
            // typing searched near the reader; n, N and the list
            // need every match, found off the keypress (before the
            // analysis, once it has arrived)
            self.start_full_search(q);
        }
    }

    /// Searches for the query as typed so far, near where the search
    /// started, and shows the first match from there.
    fn search_typed(&mut self) {
        let Some(s) = self.search.as_ref() else {
            return;
        };
        let query = s.input.text().to_owned();
        let origin = s.origin.clone();
        let from = self.position_of(origin.article, origin.sentence);
        let analysis = &self.analysis;
        let mut results =
            self.search_index()
                .search_near(&query, origin.article, TYPING_MATCHES, |a| {
                    analysis.articles.get(a).map_or(&[][..], |x| &x.sentences)
                });
        if !self.analysis_ready() {
            // the text already loaded, cut into sentences as it is shown
            results.place_in(|a| self.sentences(a));
        }
        let current = results.at_or_after(from);
        if let Some(s) = self.search.as_mut() {
            s.results = results;
            s.current = current;
            s.waiting = false;
        }
        if let Some(m) = current.and_then(|i| self.search.as_ref()?.results.get(i).copied()) {
            self.show_match(m, false);
        } else {
            self.article = origin.article;
            self.set_sentence(origin.sentence);
        }
    }

    /// Runs a query that waited for the search index, now that it is
    /// there: as typed, and as accepted if Enter was pressed meanwhile.
    pub(super) fn resume_search(&mut self) -> bool {
        let Some(s) = self.search.as_ref().filter(|s| s.waiting) else {
            return false;
        };
        let accepted = !s.editing;
        self.search_typed();
        if accepted {
            self.accept_search();
        }
        true
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
                self.scroll_article_to_top();
                self.panel_sel = [0; 3];
            }
            self.article = to.article;
            self.set_sentence(to.sentence);
        }
    }

    /// Says in the status line how many matches the search has, and which
    /// the reader is on.
    fn search_status(&mut self) {
        if let Some(count) = self.search_count() {
            self.status = Some(count);
        }
    }

    /// “query” 3/14: the search's matches, as the status line says them.
    fn search_count(&self) -> Option<String> {
        let s = self.search.as_ref()?;
        let count = if s.results.is_partial() {
            s.results.count_label(s.current)
        } else {
            let i = s.current.map_or(0, |i| i + 1);
            format!("{i}/{}", s.results.len())
        };
        Some(format!("“{}” {count}", s.input))
    }

    /// `n` / `N`: the next or previous match, across articles, wrapping.
    pub(super) fn search_step(&mut self, forward: bool) {
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
            .map_or_else(
                || {
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
                },
                super::search::Match::position,
            );
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
        // past the last match (or before the first): from the other end
        let wrapped = if forward {
            m.position() <= from
        } else {
            m.position() >= from
        };
        self.focus = Focus::Article;
        self.show_match(m, true);
        self.search_status();
        if wrapped {
            let note = if forward {
                "past the last match: from the first again"
            } else {
                "before the first match: from the last again"
            };
            self.status = Some(match self.status.take() {
                Some(count) => format!("{count} — {note}"),
                None => note.to_string(),
            });
        }
    }

    pub(super) fn open_search_results(&mut self) {
        if !self.analysis_ready() && self.search.is_some() {
            self.status = Some(self.not_ready_message(Action::SearchResults));
            return;
        }
        let Some(s) = &self.search else {
            let key = self.config.keys.normal.label(Action::Search);
            self.status = Some(format!("no search yet: {key} to search"));
            return;
        };
        let view = views::search_results(&self.corpus, &self.analysis, Some(&s.results));
        self.views.push(View::List(view));
    }
}
