//! Moving through the articles: by sentence and page, to the first and
//! last, between articles and panes, to the next linked sentence, along a
//! link or a panel row, and back and forward through the places visited.

use super::views::{self, View};
use super::{App, Focus, Location, Tab};
use crate::action::Action;
use crate::analysis::links::SentenceRef;

impl App {
    pub(super) fn move_in_focus(&mut self, action: Action) {
        use Action as A;
        match self.focus {
            Focus::Article => {
                let n = self.sentence_count(self.article);
                if n == 0 {
                    return;
                }
                let cur = self.current_sentence();
                let to = match action {
                    A::NextSentence => cur + 1,
                    A::PrevSentence => cur.saturating_sub(1),
                    A::PageDown => self.page_from(cur, true, 1),
                    A::HalfPageDown => self.page_from(cur, true, 2),
                    A::PageUp => self.page_from(cur, false, 1),
                    A::HalfPageUp => self.page_from(cur, false, 2),
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

    /// The sentence a page down (or up) from sentence `cur` lands on — a
    /// half page when `frac` is 2: the one on the line a page of the last
    /// frame's text further, and at least the next (or previous) one.
    /// Before a frame has shown the article there is no page: one sentence.
    fn page_from(&self, cur: usize, down: bool, frac: usize) -> usize {
        let next = if down { cur + 1 } else { cur.saturating_sub(1) };
        if !self.frame.measured_text() {
            return next;
        }
        let (width, height) = self.frame.text_size;
        let wrapped = self.wrapped(self.article, width);
        let line = wrapped.sentence_line.get(cur).copied().unwrap_or(0);
        let step = (usize::from(height) / frac).max(1);
        if down {
            wrapped.sentence_at_line(line + step).max(next)
        } else {
            wrapped
                .sentence_at_line(line.saturating_sub(step))
                .min(next)
        }
    }

    pub(super) fn set_sentence(&mut self, s: usize) {
        if let Some(slot) = self.sentence.get_mut(self.article) {
            if *slot != s {
                *slot = s;
                self.panel_sel[Tab::Links.index()] = 0;
            }
        }
    }

    pub(super) fn set_tab(&mut self, tab: Tab) {
        self.tab = tab;
        self.show_panel = true;
        self.scroll_panel_to_top();
    }

    pub(super) fn cycle_focus(&mut self, forward: bool) {
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
    pub(super) fn next_linked(&mut self, forward: bool, differs: bool) {
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

    pub(super) fn select(&mut self) {
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

    pub(super) fn open_article(&mut self, article: usize) {
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
            self.scroll_article_to_top();
            self.scroll_panel_to_top();
            self.panel_sel = [0; 3];
        }
        self.article = to.article;
        let n = self.sentence_count(to.article);
        self.set_sentence(to.sentence.min(n.saturating_sub(1)));
        self.focus = Focus::Article;
        self.history.push(self.location());
    }

    pub(super) fn back(&mut self) {
        self.history.set_current(self.location());
        match self.history.back().cloned() {
            Some(loc) => self.restore(loc),
            None => self.status = Some("nothing to go back to".into()),
        }
    }

    pub(super) fn forward(&mut self) {
        self.history.set_current(self.location());
        match self.history.forward().cloned() {
            Some(loc) => self.restore(loc),
            None => self.status = Some("nothing to go forward to".into()),
        }
    }

    pub(super) fn restore(&mut self, loc: Location) {
        if loc.article != self.article {
            self.scroll_article_to_top();
            self.panel_sel = [0; 3];
        }
        self.article = loc
            .article
            .min(self.corpus.articles.len().saturating_sub(1));
        self.set_sentence(loc.sentence);
        self.views = loc.views.iter().map(|k| self.rebuild(*k)).collect();
    }
}
