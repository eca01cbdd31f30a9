//! Receiving the background worker's messages: its progress, the
//! analysis swapped in (the reader stays where it is), the indexes the
//! timeline and search need, or a failure, said in the status line.

use super::loading::{self, AnalysisState};
use super::{views, App};
use std::cell::OnceCell;
use std::sync::Arc;

/// The status once the analysis a key waited for has arrived.
const READY: &str = "the analysis is ready";

impl App {
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
                    self.pending_index = None;
                    self.resume_search();
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
        self.scroll_panel_to_top();
        self.ready_message();
        // a search made before the analysis found the matches near the
        // reader; now all of them can be found
        let waiting = self
            .search
            .as_ref()
            .filter(|s| !s.editing && s.results.is_partial())
            .map(|s| s.input.text().to_owned());
        if let Some(query) = waiting {
            self.start_full_search(query);
        }
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
}
