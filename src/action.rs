//! The vocabulary of the reader: every action has a name (used in
//! `config.toml` and the command palette), a one-line description (help), a
//! short hint label (the status line), and is bound to keys per mode.
//!
//! It sits below `config` and `app`, which both speak it.

use serde::{Deserialize, Serialize};

macro_rules! actions {
    ($($(#[doc = $doc:literal])* $variant:ident => $name:literal, $hint:literal,)*) => {
        /// Something the user can do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Action {
            /// Every action, in the order help lists them.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in `config.toml` and the palette.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// The short label the status line shows beside its key ("j
            /// sentence"); a pane where the action means something more
            /// particular says so in its own words.
            pub fn hint(self) -> &'static str {
                match self { $(Action::$variant => $hint,)* }
            }

            /// One line saying what it does.
            pub fn description(self) -> &'static str {
                match self { $(Action::$variant => concat!($($doc),*).trim_start(),)* }
            }
        }
    };
}

actions! {
    /// Next sentence, or next item in the focused list
    NextSentence => "next_sentence", "sentence",
    /// Previous sentence, or previous item in the focused list
    PrevSentence => "prev_sentence", "back a sentence",
    /// Scroll down a page
    PageDown => "page_down", "page",
    /// Scroll up a page
    PageUp => "page_up", "page up",
    /// Scroll down half a page
    HalfPageDown => "half_page_down", "half page",
    /// Scroll up half a page
    HalfPageUp => "half_page_up", "half page up",
    /// Go to the first sentence or item
    First => "first", "top",
    /// Go to the last sentence or item
    Last => "last", "end",
    /// Open the next article
    NextArticle => "next_article", "article",
    /// Open the previous article
    PrevArticle => "prev_article", "prev article",
    /// Jump to the next sentence with cross-references
    NextLinked => "next_linked", "linked",
    /// Jump to the previous sentence with cross-references
    PrevLinked => "prev_linked", "prev linked",
    /// Jump to the next sentence another source states differently
    NextDiffers => "next_differs", "differs",
    /// Jump to the previous sentence another source states differently
    PrevDiffers => "prev_differs", "prev differs",
    /// Move focus to the next pane
    FocusNext => "focus_next", "focus",
    /// Move focus to the previous pane
    FocusPrev => "focus_prev", "focus back",
    /// Show the Entities tab of the side panel
    TabEntities => "tab_entities", "tabs",
    /// Show the Dates tab of the side panel
    TabDates => "tab_dates", "dates",
    /// Show the Links tab of the side panel
    TabLinks => "tab_links", "links",
    /// Follow the selected item: open a link, list an entity's mentions, jump to a date
    Select => "select", "go",
    /// Go back to where you were
    Back => "back", "back",
    /// Go forward again after going back
    Forward => "forward", "forward",
    /// Show every dated mention of the corpus on one timeline
    Timeline => "timeline", "timeline",
    /// Show every entity of the corpus with its mentions per article
    EntityIndex => "entity_index", "index",
    /// Compare the article with the article of the selected link, side by side
    Compare => "compare", "compare",
    /// Search all articles
    Search => "search", "search",
    /// Go to the next search match
    SearchNext => "search_next", "next match",
    /// Go to the previous search match
    SearchPrev => "search_prev", "prev match",
    /// List every search match
    SearchResults => "search_results", "matches",
    /// Copy the current sentence (or the selected link's pair) with its citation
    CopySentence => "copy_sentence", "copy",
    /// Copy the article's citation
    CopyCitation => "copy_citation", "cite",
    /// Open the article's URL in the browser
    OpenUrl => "open_url", "open",
    /// Open the article file in $EDITOR at the current sentence
    OpenEditor => "open_editor", "edit",
    /// Highlight the current sentence (or the selected link's pair) and type a note for it
    Mark => "mark", "highlight",
    /// Remove the highlight of the current sentence (in the highlights list: the selected one)
    Unmark => "unmark", "remove",
    /// List your highlights and notes; Enter goes to one
    Highlights => "highlights", "highlights",
    /// List this session's messages, each in full
    Messages => "messages", "messages",
    /// Show the article's whole text as it was saved, the page lines set aside marked ·
    Original => "original", "original",
    /// Show or hide the sources list
    ToggleSources => "toggle_sources", "sources",
    /// Show or hide the side panel
    TogglePanel => "toggle_panel", "panel",
    /// Open the command palette
    Palette => "palette", "palette",
    /// Change the order of the list (entity index) or of the Entities tab
    Sort => "sort", "sort",
    /// Show the keys and actions
    Help => "help", "help",
    /// Close the popup or view
    Close => "close", "close",
    /// Suspend dossier and return to the shell (`fg` resumes)
    Suspend => "suspend", "suspend",
    /// Quit dossier
    Quit => "quit", "quit",
}

impl Action {
    /// The action with this name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut names = std::collections::HashSet::new();
        for &a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
            assert!(names.insert(a.name()));
            assert!(!a.description().is_empty(), "{a:?} has no description");
            assert!(
                !a.hint().is_empty() && a.hint().len() <= 16,
                "{a:?}'s hint {:?} is not a short label",
                a.hint()
            );
        }
    }

    #[test]
    fn serde_name_matches_name() {
        for &a in Action::ALL {
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                format!("\"{}\"", a.name())
            );
        }
    }
}
