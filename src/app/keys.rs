//! Key dispatch: a key press goes into a text being typed (a search, a
//! filter, the palette), completes a key sequence, or runs its action in
//! the context on top — the reader, a list or the compare view.

use super::input::Edit;
use super::loading::AnalysisState;
use super::views::{self, IndexSort, ListKind, Side, Target, View};
use super::{clipboard, App, Focus, Tab};
use crate::action::Action;
use crate::analysis::links::SentenceRef;
use crate::config::keys::{Key, Lookup};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

impl App {
    /// Handles one key press: filters take text, sequences wait for their
    /// next key, and a complete binding runs its action.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        if ev.kind == KeyEventKind::Release {
            return;
        }
        // a message lasts until the next key
        self.status = None;
        if self.note.is_some() {
            self.note_key(&ev);
            return;
        }
        if self.sources.editing && self.views.is_empty() {
            self.sources_key(&ev);
            return;
        }
        if matches!(self.views.last(), Some(View::List(l)) if l.editing) {
            self.filter_key(&ev);
            return;
        }
        if self.search.as_ref().is_some_and(|s| s.editing) && self.views.is_empty() {
            self.search_key(&ev);
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
                // the status line shows the keys so far in its place
                self.status = None;
            }
            Lookup::None => {
                let retry = self.pending.len() > 1;
                self.pending.clear();
                if retry {
                    // "g x": drop the dead prefix and read x on its own
                    if let Lookup::Action(a) = keymap.lookup(&[key]) {
                        self.handle_action(a);
                    }
                }
            }
        }
    }

    /// A key typed into the filter of the list on top: Enter keeps the
    /// filter (and runs the palette's best match), Esc clears it (and
    /// closes the palette), up and down move the selection meanwhile.
    fn filter_key(&mut self, ev: &KeyEvent) {
        let Some(View::List(l)) = self.views.last_mut() else {
            return;
        };
        let palette = l.kind == ListKind::Palette;
        match l.filter.handle(ev) {
            Edit::Changed => l.refilter(),
            Edit::Accept => {
                l.editing = false;
                if palette {
                    self.list_action(Action::Select);
                }
            }
            Edit::Cancel if palette => {
                self.views.pop();
            }
            Edit::Cancel => {
                l.editing = false;
                l.filter.clear();
                l.refilter();
            }
            Edit::Quit => self.quit = true,
            Edit::Other => match ev.code {
                KeyCode::Up => l.move_by(-1),
                KeyCode::Down => l.move_by(1),
                _ => {}
            },
        }
    }

    /// Runs an action in the current context.
    pub fn handle_action(&mut self, action: Action) {
        match action {
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::Suspend => {
                self.suspend();
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
                    let help = views::help(&self.config.keys, self.keyboard_enhanced);
                    self.views.push(View::List(help));
                }
                return;
            }
            Action::Messages => {
                self.open_messages();
                return;
            }
            Action::Original => {
                if matches!(self.views.last(), Some(View::List(l)) if matches!(l.kind, ListKind::Original(_)))
                {
                    self.views.pop();
                } else {
                    let list = self.original_list(self.article);
                    self.views.push(View::List(list));
                }
                return;
            }
            Action::Highlights => {
                if !matches!(self.views.last(), Some(View::List(l)) if l.kind == ListKind::Highlights)
                {
                    self.open_highlights();
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
        matches!(action, A::Timeline | A::SearchResults)
    }

    /// What the status line says when a key needs the analysis (or the
    /// indexes) and it is not there.
    pub(super) fn not_ready_message(&self, action: Action) -> String {
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
            A::NextArticle => match self.neighbour_source(true) {
                Some(a) => self.open_article(a),
                None => self.status = Some("this is the last article".into()),
            },
            A::PrevArticle => {
                if let Some(a) = self.neighbour_source(false) {
                    self.open_article(a);
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
            A::Sort if self.focus == Focus::Sources => self.sort_sources(),
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
            A::Search if self.focus == Focus::Sources => self.filter_sources(),
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
            A::Mark => self.mark(),
            A::Unmark => self.unmark(),
            A::Palette => self.open_palette(),
            A::Quit | A::Suspend | A::Help | A::Messages | A::Highlights | A::Original => {}
        }
    }

    pub(super) fn list_action(&mut self, action: Action) {
        use Action as A;
        let page = usize::from(self.frame.list_height.max(2)) as isize - 1;
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
            A::Unmark if l.kind == ListKind::Highlights => self.unmark_selected(),
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
                    Some(Target::Sentence(r) | Target::Highlight(r, _)) => self.jump(r),
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
        let page = usize::from(self.frame.list_height.max(4)) / 2;
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
