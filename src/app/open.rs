//! Opening the views over the reader — the timeline, the entity index,
//! an entity's mentions, compare, the palette — built on first use (or
//! received ready from the worker) and rebuilt from the history.

use super::views::{self, IndexSort, ListKind, View, ViewKey};
use super::{App, Tab};

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
    pub(super) fn entity_index_list(&self, sort: IndexSort) -> views::ListView {
        self.entity_index.list(&self.corpus, &self.analysis, sort)
    }

    /// An entity's mentions list.
    pub(super) fn mentions_list(&self, entity: usize) -> views::ListView {
        let index = self
            .mention_index
            .get_or_init(|| views::MentionIndex::new(&self.analysis));
        // the index, when built, holds every sentence folded for the filter
        let search = self.search_index.get();
        views::mentions_with(&self.corpus, &self.analysis, index, search, entity)
    }

    /// The timeline, built on first use (it reads every dated mention of
    /// the corpus, and the analysis does not change).
    pub(super) fn timeline_list(&self) -> views::ListView {
        self.timeline
            .get_or_init(|| views::timeline(&self.corpus, &self.analysis))
            .clone()
    }

    pub(super) fn rebuild(&self, key: ViewKey) -> View {
        match key {
            ViewKey::List(kind, row) => {
                let mut l = match kind {
                    ListKind::Mentions(e) => self.mentions_list(e),
                    ListKind::Timeline => self.timeline_list(),
                    ListKind::EntityIndex(s) => self.entity_index_list(s),
                    ListKind::Help => views::help(&self.config.keys, self.keyboard_enhanced),
                    ListKind::Messages => {
                        let width = usize::from(self.frame.area.width.saturating_sub(8));
                        views::messages(self.messages(), width.max(30))
                    }
                    ListKind::Highlights => self.highlights_list(),
                    ListKind::Original(article) => self.original_list(article),
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

    /// `c`: compares the article with the article of the selected link
    /// (or the first), the selected pair's row selected.
    pub(super) fn open_compare(&mut self) {
        let here = self.here();
        let links = self.current_links();
        let link = links
            .get(self.panel_sel[Tab::Links.index()])
            .or(links.first())
            .copied();
        let chosen = link
            .and_then(|l| self.analysis.other_end(l, here))
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
            .position(|r| link.is_some() && r.link == link && r.left == Some(cur))
            .or_else(|| c.rows.iter().position(|r| r.left.is_some_and(|s| s >= cur)))
            .unwrap_or(0);
        self.views.push(View::Compare(c));
    }

    pub(super) fn open_palette(&mut self) {
        if matches!(self.views.last(), Some(View::List(l)) if l.kind == ListKind::Palette) {
            return;
        }
        let mut v = views::palette(&self.config.keys);
        v.editing = true;
        self.views.push(View::List(v));
    }
}
