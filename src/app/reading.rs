//! The reading state kept across sessions, as the app sees it: each
//! article reopens where it was left, and what a frame showed is marked
//! seen for the sources list's progress.

use super::{state, App};

impl App {
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
        let (w, h) = self.frame.text_size;
        let n = self.sentence_count(self.article);
        if self.frame.measured_text() && n > 0 && self.views.is_empty() {
            let wrapped = self.wrapped(self.article, w);
            let top = self.frame.article_top;
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
    pub(super) fn clamp_sentences(&mut self) {
        let ready = self.analysis_ready();
        for i in 0..self.sentence.len() {
            if ready || i == self.article {
                let n = self.sentence_count(i);
                self.sentence[i] = self.sentence[i].min(n.saturating_sub(1));
            }
        }
    }
}
