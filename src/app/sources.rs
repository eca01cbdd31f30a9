//! The sources list as a list of its own: sorted by date (as the folder
//! loads), title or source (`s` with the list focused), and filtered by
//! typing (`/` with the list focused; Enter keeps the filter, Esc clears
//! it). `j`/`k` in the list and `]`/`[` anywhere follow the order shown.
//! With neither sort nor filter the list is the corpus itself, and nothing
//! is built: a frame costs the same for 5 or 10,000 articles.

use super::input::{Edit, TextInput};
use super::App;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// The order of the sources list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceSort {
    /// By date, as the folder loads (undated last).
    #[default]
    Date,
    /// By title.
    Title,
    /// By source (or author), then date.
    Source,
}

impl SourceSort {
    /// The next order, for `s`.
    pub fn next(self) -> Self {
        match self {
            Self::Date => Self::Title,
            Self::Title => Self::Source,
            Self::Source => Self::Date,
        }
    }

    /// Its name, as the list's title says it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Title => "title",
            Self::Source => "source",
        }
    }
}

/// The sources list's order and filter.
#[derive(Debug, Clone, Default)]
pub struct SourcesView {
    /// The order.
    pub sort: SourceSort,
    /// The filter typed so far.
    pub filter: TextInput,
    /// Whether keys go into the filter.
    pub editing: bool,
    /// The articles shown, in order, when sorted or filtered (`None`: every
    /// article in corpus order).
    shown: Option<Vec<usize>>,
}

impl SourcesView {
    /// Whether the list is the corpus as loaded.
    pub fn is_plain(&self) -> bool {
        self.shown.is_none()
    }
}

impl App {
    /// How many articles the sources list shows.
    pub fn sources_len(&self) -> usize {
        self.sources
            .shown
            .as_ref()
            .map_or(self.corpus.articles.len(), Vec::len)
    }

    /// The article at position `pos` of the sources list.
    pub fn source_at(&self, pos: usize) -> Option<usize> {
        match &self.sources.shown {
            Some(v) => v.get(pos).copied(),
            None => (pos < self.corpus.articles.len()).then_some(pos),
        }
    }

    /// Where article `article` is in the sources list, if it shows.
    pub fn source_pos(&self, article: usize) -> Option<usize> {
        match &self.sources.shown {
            Some(v) => v.iter().position(|&a| a == article),
            None => (article < self.corpus.articles.len()).then_some(article),
        }
    }

    /// The article after (or before) the open one in the sources list, or
    /// the first (last) shown when the open one is filtered out.
    pub(super) fn neighbour_source(&self, forward: bool) -> Option<usize> {
        match self.source_pos(self.article) {
            Some(p) if forward => self.source_at(p + 1),
            Some(p) => p.checked_sub(1).and_then(|p| self.source_at(p)),
            None if forward => self.source_at(0),
            None => self.source_at(self.sources_len().checked_sub(1)?),
        }
    }

    /// `s` with the sources list focused: the next order.
    pub(super) fn sort_sources(&mut self) {
        self.sources.sort = self.sources.sort.next();
        self.rebuild_sources();
        self.status = Some(format!("sources sorted by {}", self.sources.sort.label()));
    }

    /// `/` with the sources list focused: keys go into its filter.
    pub(super) fn filter_sources(&mut self) {
        self.sources.editing = true;
    }

    /// A key typed into the sources filter.
    pub(super) fn sources_key(&mut self, ev: &KeyEvent) {
        match self.sources.filter.handle(ev) {
            Edit::Changed => self.rebuild_sources(),
            Edit::Accept => self.sources.editing = false,
            Edit::Cancel => {
                self.sources.editing = false;
                self.sources.filter.clear();
                self.rebuild_sources();
            }
            Edit::Quit => self.quit = true,
            Edit::Other => match ev.code {
                KeyCode::Down => self.step_source(true),
                KeyCode::Up => self.step_source(false),
                _ => {}
            },
        }
    }

    /// Opens the next (or previous) article of the sources list.
    pub(super) fn step_source(&mut self, forward: bool) {
        if let Some(to) = self.neighbour_source(forward) {
            self.open_article(to);
        }
    }

    /// Sorts and filters the list again.
    fn rebuild_sources(&mut self) {
        let query = self.sources.filter.text().to_lowercase();
        if self.sources.sort == SourceSort::Date && query.is_empty() {
            self.sources.shown = None;
            return;
        }
        let articles = &self.corpus.articles;
        let mut shown: Vec<usize> = (0..articles.len())
            .filter(|&i| query.is_empty() || matches(&articles[i], &query))
            .collect();
        let lower = |s: &str| s.trim().to_lowercase();
        match self.sources.sort {
            SourceSort::Date => {}
            SourceSort::Title => {
                shown.sort_by_cached_key(|&i| lower(&articles[i].meta.title));
            }
            SourceSort::Source => shown.sort_by_cached_key(|&i| {
                let m = &articles[i].meta;
                let by = m.source.as_deref().or(m.author.as_deref()).unwrap_or("");
                (by.trim().is_empty(), lower(by), i)
            }),
        }
        self.sources.shown = Some(shown);
    }
}

/// Whether an article's title, author, source, date or file holds
/// `query` (lowercase), ignoring case.
fn matches(article: &crate::corpus::Article, query: &str) -> bool {
    let m = &article.meta;
    let date = m.published.map(|d| d.to_string()).unwrap_or_default();
    let mut fields = [
        Some(m.title.as_str()),
        m.author.as_deref(),
        m.source.as_deref(),
        Some(date.as_str()),
        Some(article.id.as_str()),
    ]
    .into_iter()
    .flatten();
    fields.any(|f| f.to_lowercase().contains(query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_cycle_through_date_title_and_source() {
        let s = SourceSort::default();
        assert_eq!(s, SourceSort::Date);
        assert_eq!(s.next().next().next(), s);
        assert_eq!(s.next().label(), "title");
    }
}
