//! The mouse, when enabled: the wheel scrolls the pane under the pointer,
//! a click selects what is under it, a second click follows it — read
//! against where the last frame put each pane.

use super::views::{self, View};
use super::{App, Focus};
use crate::action::Action;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

impl App {
    /// A mouse event (only when the mouse is enabled): the wheel scrolls
    /// the pane under it, a click selects what is under it, and a click on
    /// what is already selected follows it.
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        let at = Position::new(ev.column, ev.row);
        let frame = &self.frame;
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
            let list = frame.list;
            if !list.contains(at) {
                return;
            }
            let Some(View::List(l)) = self.views.last_mut() else {
                return;
            };
            let pos = l.top + usize::from(at.y - list.y);
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
        let pane = if frame.sources.contains(at) && self.show_sources {
            Focus::Sources
        } else if frame.panel.contains(at) && self.show_panel {
            Focus::Panel
        } else if frame.article.contains(at) {
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
                let article = self.frame.source_at(at);
                self.focus = Focus::Sources;
                if let Some(article) = article.filter(|&a| a != self.article) {
                    self.open_article(article);
                }
            }
            Focus::Article => {
                let (width, _) = self.frame.text_size;
                let wrapped = self.wrapped(self.article, width);
                let line = self.frame.article_top + usize::from(at.y - self.frame.article.y);
                if line < wrapped.lines.len() && !wrapped.sentence_line.is_empty() {
                    let s = wrapped.sentence_at_line(line);
                    self.focus = Focus::Article;
                    self.set_sentence(s);
                }
            }
            Focus::Panel => {
                if let Some(i) = self.frame.panel_row_at(at) {
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
}
