//! The reading state kept across sessions, as the app sees it: the folder
//! reopens at the article it was left at and each article at its sentence,
//! and a sentence counts as read once the cursor has gone past it (not when
//! it merely shows on screen) for the sources list's progress.

use super::App;
use crate::state;

impl App {
    /// Takes a saved reading state: each article reopens where it was
    /// left, and the folder at the article that was open.
    pub fn set_reading_state(&mut self, reading: state::ReadingState) {
        self.reading = reading;
        self.reading.bind_folder(&self.corpus.root);
        for (i, key) in self.article_keys.iter().enumerate() {
            if let Some(last) = self.reading.last(key) {
                if let Some(slot) = self.sentence.get_mut(i) {
                    *slot = last;
                }
            }
        }
        // found by its text, or by its id when the text has changed since
        let open = self.reading.folder_article().and_then(|(key, id)| {
            self.article_keys
                .iter()
                .position(|k| k.as_str() == key)
                .or_else(|| self.corpus.position(id))
        });
        if let Some(article) = open {
            self.article = article;
        }
        self.clamp_sentences();
        self.history.set_current(self.location());
        // where the session starts: nothing is read by being shown
        if let Some(key) = self.article_keys.get(self.article).cloned() {
            self.reading.set_cursor(key, self.current_sentence());
        }
    }

    /// Records where the reader is (call after each frame): the sentence
    /// of the article and the article of the folder are remembered, and
    /// the sentences the cursor went past since the last call are marked
    /// read — when it went forward by at most a page of the frame, so that
    /// reading counts and a jump does not. Arriving so at the last sentence
    /// reads it too: an article read to its end is 100 %.
    pub fn note_seen(&mut self) {
        let Some(key) = self.article_keys.get(self.article).cloned() else {
            return;
        };
        let cur = self.current_sentence();
        let before = self.reading.cursor().cloned();
        if before.as_ref() == Some(&(key.clone(), cur)) {
            return;
        }
        if let Some((was, prev)) = before {
            if was == key && cur > prev && self.read_through(prev, cur) {
                let n = self.sentence_count(self.article);
                let end = if cur + 1 >= n { n } else { cur };
                self.reading.mark_seen(&key, prev..end.min(n));
            }
        }
        self.reading.set_cursor(key.clone(), cur);
        self.reading.set_last(&key, cur);
        if let Some(a) = self.corpus.articles.get(self.article) {
            self.reading.set_folder_article(&key, &a.id);
        }
    }

    /// Whether moving from sentence `from` to `to` of the open article read
    /// the sentences between: the next sentence, or no further than the
    /// last frame's text is high (a page, which showed them all).
    fn read_through(&self, from: usize, to: usize) -> bool {
        if to == from + 1 {
            return true;
        }
        if !self.frame.measured_text() {
            return false;
        }
        let (w, h) = self.frame.text_size;
        let wrapped = self.wrapped(self.article, w);
        match (
            wrapped.sentence_line.get(from),
            wrapped.sentence_line.get(to),
        ) {
            (Some(&a), Some(&b)) => b.saturating_sub(a) <= usize::from(h),
            _ => false,
        }
    }

    /// How much of an article has been read, 0–1.
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
