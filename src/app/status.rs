//! What the status line says beside the position: the message of the
//! moment — or the keys of a sequence being typed, read from the pending
//! keys themselves — and the main keys of the focused pane, in the words
//! of that pane, from the keymap.

use super::{App, Focus};
use crate::action::Action;
use crate::app::views::{ListKind, View};
use crate::config::keys::show_sequence;
use std::borrow::Cow;

impl App {
    /// The message the status line shows: the keys of a sequence typed so
    /// far ("g …") while it waits for its next key, else the latest
    /// message, if any.
    pub fn status_message(&self) -> Option<Cow<'_, str>> {
        if self.pending.is_empty() {
            self.status.as_deref().map(Cow::Borrowed)
        } else {
            Some(Cow::Owned(format!("{} …", show_sequence(&self.pending))))
        }
    }

    /// The key hints of the focused pane, from the keymap: "j/down next …".
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        let mode = self.mode();
        // each pane's actions, in the words of that pane where the
        // action's own hint label would say less
        let list: &[(Action, Option<&str>)] = match (self.views.last(), self.focus) {
            (Some(View::Compare(_)), _) => &[
                (Action::NextSentence, Some("down")),
                (Action::NextLinked, Some("next link")),
                (Action::FocusNext, Some("side")),
                (Action::Select, Some("jump")),
                (Action::Close, None),
            ],
            (Some(View::List(l)), _) => match l.kind {
                ListKind::EntityIndex(_) => &[
                    (Action::NextSentence, Some("down")),
                    (Action::Select, Some("mentions")),
                    (Action::Sort, None),
                    (Action::Search, Some("filter")),
                    (Action::Close, None),
                ],
                ListKind::Help => &[
                    (Action::Search, Some("filter")),
                    (Action::Select, Some("run")),
                    (Action::Close, None),
                ],
                _ => &[
                    (Action::NextSentence, Some("down")),
                    (Action::Select, None),
                    (Action::Search, Some("filter")),
                    (Action::Back, None),
                    (Action::Close, None),
                ],
            },
            (None, Focus::Sources) => &[
                (Action::NextSentence, Some("article")),
                (Action::Select, Some("read")),
                (Action::Search, Some("filter")),
                (Action::Sort, None),
                (Action::FocusNext, None),
                (Action::Help, None),
                (Action::Quit, None),
            ],
            (None, Focus::Article) => &[
                (Action::NextSentence, None),
                (Action::NextArticle, None),
                (Action::NextLinked, None),
                (Action::FocusNext, None),
                (Action::Help, None),
                (Action::Quit, None),
            ],
            (None, Focus::Panel) => &[
                (Action::NextSentence, Some("choose")),
                (Action::Select, Some("follow")),
                (Action::TabEntities, None),
                (Action::Back, None),
                (Action::Help, None),
            ],
        };
        let keys = self.config.keys.mode(mode);
        list.iter()
            .filter_map(|&(a, what)| {
                let what = what.unwrap_or(a.hint());
                let k = keys.typable(a, self.keyboard_enhanced).next()?;
                let mut label = show_sequence(k);
                if a == Action::TabEntities {
                    label = "1/2/3".into();
                }
                Some((label, what))
            })
            .collect()
    }
}
