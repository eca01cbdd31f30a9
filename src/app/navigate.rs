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
                    A::PageDown | A::HalfPageDown | A::PageUp | A::HalfPageUp => {
                        let down = matches!(action, A::PageDown | A::HalfPageDown);
                        let half = matches!(action, A::HalfPageDown | A::HalfPageUp);
                        self.page(down, half);
                        return;
                    }
                    A::NextSentence => cur + 1,
                    A::PrevSentence => cur.saturating_sub(1),
                    A::First => 0,
                    _ => n - 1,
                };
                self.set_sentence(to.min(n - 1));
            }
            Focus::Sources => {
                // along the list as it is shown (sorted, filtered)
                let n = self.sources_len();
                let pos = self.source_pos(self.article);
                let to = match action {
                    A::NextSentence | A::PageDown | A::HalfPageDown => pos.map_or(0, |p| p + 1),
                    A::PrevSentence | A::PageUp | A::HalfPageUp => {
                        pos.map_or(0, |p| p.saturating_sub(1))
                    }
                    A::First => 0,
                    _ => n.saturating_sub(1),
                };
                if let Some(a) = self.source_at(to).filter(|&a| a != self.article) {
                    self.open_article(a);
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

    /// Moves the cursor to sentence `s` of the open article; the next
    /// frame scrolls to show it (see [`App::pin_article_top`] for pages).
    pub(super) fn set_sentence(&mut self, s: usize) {
        self.frame.article_pinned = false;
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
                    views::source_name(&self.corpus, t.article, 50),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::links::{Link, Relation};
    use crate::analysis::{segment, Analysis, ArticleAnalysis};
    use crate::app::views::ListKind;
    use crate::app::FrameMetrics;
    use crate::config::Config;
    use crate::corpus::{Article, Corpus, Meta};
    use std::path::PathBuf;

    /// Sentences in each article of [`reader`].
    const SENTENCES: [usize; 3] = [12, 4, 1];

    /// The reader over three articles of one-sentence paragraphs (12, 4
    /// and 1 sentences), so that sentence `k` starts on line `2 + 2k`
    /// (after the title and a blank line before each paragraph); the
    /// first sentence of the first article is linked to the third of the
    /// second.
    fn reader() -> App {
        let articles: Vec<Article> = SENTENCES
            .iter()
            .enumerate()
            .map(|(i, &n)| Article {
                id: format!("a{i}"),
                path: PathBuf::from(format!("a{i}.md")),
                meta: Meta {
                    title: format!("Article {i}"),
                    ..Meta::default()
                },
                body: (1..=n)
                    .map(|k| format!("Sentence {k} stands alone."))
                    .collect::<Vec<_>>()
                    .join("\n\n"),
                body_line: 1,
                warnings: Vec::new(),
            })
            .collect();
        let mut analysed: Vec<ArticleAnalysis> = articles
            .iter()
            .map(|a| {
                let sentences = segment::split(&a.body);
                ArticleAnalysis {
                    sentence_links: vec![Vec::new(); sentences.len()],
                    sentences,
                    mentions: Vec::new(),
                    dates: Vec::new(),
                }
            })
            .collect();
        let (from, to) = (at(0, 0), at(1, 2));
        analysed[0].sentence_links[0].push(0);
        analysed[1].sentence_links[2].push(0);
        let corpus = Corpus {
            root: PathBuf::from("navigation"),
            articles,
            problems: Vec::new(),
        };
        let analysis = Analysis {
            articles: analysed,
            entities: Vec::new(),
            entity_counts: Vec::new(),
            links: vec![Link {
                a: from,
                b: to,
                score: 0.9,
                relation: Relation::Agrees,
                why: String::new(),
            }],
        };
        let app = App::new(corpus, analysis, Config::builtin());
        for (a, &n) in SENTENCES.iter().enumerate() {
            assert_eq!(app.sentence_count(a), n, "article {a}");
        }
        app
    }

    fn at(article: usize, sentence: usize) -> SentenceRef {
        SentenceRef { article, sentence }
    }

    /// Where the reader is: article and sentence.
    fn place(app: &App) -> (usize, usize) {
        (app.article, app.current_sentence())
    }

    fn run(app: &mut App, actions: &[Action]) {
        for &a in actions {
            app.handle_action(a);
        }
    }

    /// The app after a frame showed `lines` lines of the article's text.
    fn measured(mut app: App, lines: u16) -> App {
        app.set_frame(FrameMetrics {
            text_size: (40, lines),
            ..FrameMetrics::default()
        });
        app
    }

    #[test]
    fn sentences_step_one_at_a_time_and_stop_at_both_ends() {
        let mut app = reader();
        app.handle_action(Action::PrevSentence);
        assert_eq!(place(&app), (0, 0), "nothing before the first");
        run(&mut app, &[Action::NextSentence, Action::NextSentence]);
        assert_eq!(place(&app), (0, 2));
        app.handle_action(Action::PrevSentence);
        assert_eq!(place(&app), (0, 1));
        run(&mut app, &[Action::NextSentence; 20]);
        assert_eq!(place(&app), (0, 11), "nothing after the last");
        // a one-sentence article has nowhere to go
        app.jump(at(2, 0));
        run(&mut app, &[Action::NextSentence, Action::PrevSentence]);
        assert_eq!(place(&app), (2, 0));
    }

    #[test]
    fn first_and_last_go_to_the_ends_of_the_article() {
        let mut app = reader();
        app.handle_action(Action::Last);
        assert_eq!(place(&app), (0, 11));
        app.handle_action(Action::Last);
        assert_eq!(place(&app), (0, 11));
        app.handle_action(Action::First);
        assert_eq!(place(&app), (0, 0));
        app.handle_action(Action::NextArticle);
        app.handle_action(Action::Last);
        assert_eq!(place(&app), (1, 3));
    }

    #[test]
    fn articles_step_and_each_keeps_its_sentence() {
        let mut app = reader();
        app.handle_action(Action::PrevArticle);
        assert_eq!(place(&app), (0, 0), "nothing before the first article");
        run(&mut app, &[Action::NextSentence, Action::NextSentence]);
        app.handle_action(Action::NextArticle);
        assert_eq!(place(&app), (1, 0));
        app.handle_action(Action::NextSentence);
        app.handle_action(Action::PrevArticle);
        assert_eq!(
            place(&app),
            (0, 2),
            "the first article is where it was left"
        );
        run(&mut app, &[Action::NextArticle; 2]);
        assert_eq!(place(&app), (2, 0));
        app.handle_action(Action::NextArticle);
        assert_eq!(place(&app), (2, 0));
        assert_eq!(app.status.as_deref(), Some("this is the last article"));
        app.handle_action(Action::PrevArticle);
        assert_eq!(place(&app), (1, 1), "the second too");
    }

    /// Where the article's view starts and whether a page put it there.
    fn view(app: &App) -> (usize, bool) {
        (app.frame.article_top, app.frame.article_pinned)
    }

    #[test]
    fn a_page_moves_the_view_by_a_screen_less_two_lines_and_the_cursor_follows() {
        // lines: the title, then a blank line and a sentence each: sentence
        // k on line 2 + 2k, 25 lines in all; a screen of 10 lines
        let mut app = measured(reader(), 10);
        app.handle_action(Action::PageDown);
        // 8 lines down: sentence 3 (line 8) is the first on the new screen
        assert_eq!((place(&app), view(&app)), ((0, 3), (8, true)));
        app.handle_action(Action::PageDown);
        // the view stops where the last line is at the bottom (25 - 10)
        assert_eq!((place(&app), view(&app)), ((0, 7), (15, true)));
        app.handle_action(Action::PageDown);
        assert_eq!(
            (place(&app), view(&app)),
            ((0, 11), (15, true)),
            "at the end: the last"
        );
        app.handle_action(Action::PageUp);
        assert_eq!((place(&app), view(&app)), ((0, 3), (7, true)));
        // half a page: 5 lines, the cursor keeps its place on the screen
        app.handle_action(Action::HalfPageUp);
        assert_eq!((place(&app), view(&app)), ((0, 0), (2, true)));
        app.handle_action(Action::HalfPageDown);
        assert_eq!((place(&app), view(&app)), ((0, 3), (7, true)));
        app.handle_action(Action::PageUp);
        assert_eq!((place(&app), view(&app)), ((0, 0), (0, true)));
        app.handle_action(Action::PageUp);
        assert_eq!(
            (place(&app), view(&app)),
            ((0, 0), (0, true)),
            "nothing above"
        );
        // any other move lets the layout scroll again
        app.handle_action(Action::NextSentence);
        assert_eq!(view(&app), (0, false));
        // a page of one line still moves by one
        let mut app = measured(reader(), 1);
        app.handle_action(Action::PageDown);
        assert_eq!(view(&app), (1, true));
        app.handle_action(Action::PageDown);
        assert_eq!((place(&app), view(&app)), ((0, 0), (2, true)));
        app.handle_action(Action::PageDown);
        app.handle_action(Action::PageDown);
        assert_eq!((place(&app), view(&app)), ((0, 1), (4, true)));
    }

    #[test]
    fn no_line_is_skipped_by_paging_through_an_article() {
        for height in 1..=12u16 {
            let mut app = measured(reader(), height);
            let h = usize::from(height);
            let mut shown = vec![false; 25];
            for _ in 0..40 {
                let top = app.frame.article_top;
                for seen in shown.iter_mut().skip(top).take(h) {
                    *seen = true;
                }
                app.handle_action(Action::PageDown);
            }
            assert!(shown.iter().all(|&s| s), "height {height}: {shown:?}");
        }
    }

    #[test]
    fn before_any_frame_a_page_is_one_sentence() {
        let mut app = reader();
        assert!(!app.frame().measured_text());
        run(&mut app, &[Action::PageDown, Action::HalfPageDown]);
        assert_eq!(place(&app), (0, 2));
        app.handle_action(Action::PageUp);
        assert_eq!(place(&app), (0, 1));
    }

    #[test]
    fn jumps_clamp_to_the_article_and_ignore_a_missing_one() {
        let mut app = reader();
        app.jump(at(1, 99));
        assert_eq!(place(&app), (1, 3), "clamped to the last sentence");
        app.jump(at(7, 0));
        assert_eq!(place(&app), (1, 3), "no such article: nothing happens");
        app.handle_action(Action::Back);
        assert_eq!(place(&app), (0, 0));
        app.handle_action(Action::Back);
        assert_eq!(app.status.as_deref(), Some("nothing to go back to"));
    }

    #[test]
    fn following_a_link_and_coming_back_with_the_history() {
        let mut app = reader();
        // the first sentence's link leads to the second article's third
        app.handle_action(Action::Select);
        assert_eq!(place(&app), (1, 2));
        assert_eq!(app.focus, Focus::Article);
        assert!(app
            .status
            .as_deref()
            .is_some_and(|s| s.starts_with("followed a link to")));
        app.handle_action(Action::NextSentence);
        app.handle_action(Action::Back);
        assert_eq!(place(&app), (0, 0), "back where the link was followed");
        app.handle_action(Action::Forward);
        assert_eq!(place(&app), (1, 3), "forward to where the reader left off");
        app.handle_action(Action::Forward);
        assert_eq!(app.status.as_deref(), Some("nothing to go forward to"));
        // from the far end the link leads back
        run(&mut app, &[Action::PrevSentence, Action::Select]);
        assert_eq!(place(&app), (0, 0));
        // a sentence without a link goes nowhere
        app.handle_action(Action::NextSentence);
        app.handle_action(Action::Select);
        assert_eq!(place(&app), (0, 1));
        assert_eq!(
            app.status.as_deref(),
            Some("no cross-reference from this sentence")
        );
    }

    #[test]
    fn a_new_jump_after_going_back_drops_the_places_ahead() {
        let mut app = reader();
        app.jump(at(1, 1));
        app.jump(at(2, 0));
        app.handle_action(Action::Back);
        assert_eq!(place(&app), (1, 1));
        app.jump(at(0, 5));
        app.handle_action(Action::Forward);
        assert_eq!(place(&app), (0, 5), "the third article is no longer ahead");
        app.handle_action(Action::Back);
        assert_eq!(place(&app), (1, 1));
        app.handle_action(Action::Back);
        assert_eq!(place(&app), (0, 0));
    }

    #[test]
    fn a_jump_closes_the_views_and_back_reopens_them() {
        let mut app = reader();
        app.handle_action(Action::Timeline);
        assert_eq!(app.views.len(), 1);
        app.jump(at(1, 1));
        assert!(app.views.is_empty());
        app.handle_action(Action::Back);
        assert_eq!(place(&app), (0, 0));
        assert!(
            matches!(app.views.last(), Some(View::List(l)) if l.kind == ListKind::Timeline),
            "the timeline was open there"
        );
    }

    #[test]
    fn another_article_starts_at_its_top() {
        let mut app = measured(reader(), 4);
        app.frame.article_top = 9;
        app.frame.panel_top = 3;
        app.jump(at(0, 6));
        assert_eq!((app.frame.article_top, app.frame.panel_top), (9, 3));
        app.jump(at(1, 0));
        assert_eq!((app.frame.article_top, app.frame.panel_top), (0, 0));
    }
}
