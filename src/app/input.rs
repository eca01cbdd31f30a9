//! One text input for everything the reader types into — the search query
//! after `/`, a list's filter, the command palette — so that the same keys
//! do the same thing in all three: Enter accepts, Esc cancels, ctrl-c quits
//! the reader (as it does everywhere else), Backspace or ctrl-h erases a
//! character, ctrl-w a word, ctrl-u the whole text. Text is typed at its
//! end: there is no cursor to move.
//!
//! What accepting or cancelling means is the owner's business (a search
//! returns to where it started on Esc, a filter clears, the palette
//! closes); the input only says which it was.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// A line of text being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
}

/// What a key did to a [`TextInput`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text was edited (perhaps to the same text, as Backspace on an
    /// empty one): what depends on it should look again.
    Changed,
    /// Enter: the text is done.
    Accept,
    /// Esc: the text is given up.
    Cancel,
    /// ctrl-c: the reader should quit.
    Quit,
    /// Not a key for the text (an arrow, a function key, another ctrl
    /// key): the owner may use it, nothing was changed.
    Other,
}

impl TextInput {
    /// An empty input.
    pub fn new() -> Self {
        Self::default()
    }

    /// The text typed so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether nothing is typed.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Types a character at the end.
    pub fn push(&mut self, c: char) {
        self.text.push(c);
    }

    /// Erases the last character, returning it.
    pub fn pop(&mut self) -> Option<char> {
        self.text.pop()
    }

    /// Erases the last word and the white space after it (as ctrl-w does
    /// in a shell).
    pub fn erase_word(&mut self) {
        let kept = self
            .text
            .trim_end()
            .trim_end_matches(|c: char| !c.is_whitespace());
        self.text.truncate(kept.len());
    }

    /// Erases everything.
    pub fn clear(&mut self) {
        self.text.clear();
    }

    /// Takes one key press.
    pub fn handle(&mut self, ev: &KeyEvent) -> Edit {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match ev.code {
            KeyCode::Enter => Edit::Accept,
            KeyCode::Esc => Edit::Cancel,
            KeyCode::Backspace => {
                self.pop();
                Edit::Changed
            }
            KeyCode::Char(c) if ctrl => match c.to_ascii_lowercase() {
                'c' => Edit::Quit,
                'h' => {
                    self.pop();
                    Edit::Changed
                }
                'w' => {
                    self.erase_word();
                    Edit::Changed
                }
                'u' => {
                    self.clear();
                    Edit::Changed
                }
                _ => Edit::Other,
            },
            KeyCode::Char(c) => {
                self.push(c);
                Edit::Changed
            }
            _ => Edit::Other,
        }
    }
}

impl From<&str> for TextInput {
    fn from(text: &str) -> Self {
        Self { text: text.into() }
    }
}

impl From<String> for TextInput {
    fn from(text: String) -> Self {
        Self { text }
    }
}

impl fmt::Display for TextInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::keys::Key;

    /// Types keys written as in `config.toml` ("a b ctrl-w"), returning
    /// what the last one did.
    fn keys(input: &mut TextInput, keys: &str) -> Edit {
        let mut last = Edit::Other;
        for k in keys.split_whitespace() {
            let key = Key::parse(k).unwrap();
            last = input.handle(&KeyEvent::new(key.code, key.mods));
        }
        last
    }

    #[test]
    fn characters_are_typed_at_the_end_and_shift_makes_capitals() {
        let mut i = TextInput::new();
        assert_eq!(keys(&mut i, "P a r i s space 2 0 1 6"), Edit::Changed);
        assert_eq!(i.text(), "Paris 2016");
        // crossterm reports shift with the capital itself
        let capital = KeyEvent::new(KeyCode::Char('X'), KeyModifiers::SHIFT);
        assert_eq!(i.handle(&capital), Edit::Changed);
        assert_eq!(i.to_string(), "Paris 2016X");
        // alt does not stop a character (as before the input was shared)
        assert_eq!(keys(&mut i, "alt-y"), Edit::Changed);
        assert_eq!(i.text(), "Paris 2016Xy");
    }

    #[test]
    fn enter_accepts_esc_cancels_and_ctrl_c_quits_leaving_the_text() {
        let mut i = TextInput::from("query");
        assert_eq!(keys(&mut i, "enter"), Edit::Accept);
        assert_eq!(keys(&mut i, "esc"), Edit::Cancel);
        assert_eq!(keys(&mut i, "ctrl-c"), Edit::Quit);
        assert_eq!(i.text(), "query");
    }

    #[test]
    fn backspace_and_ctrl_h_erase_a_character() {
        let mut i = TextInput::from("café");
        assert_eq!(keys(&mut i, "backspace"), Edit::Changed);
        assert_eq!(i.text(), "caf");
        assert_eq!(keys(&mut i, "ctrl-h"), Edit::Changed);
        assert_eq!(i.text(), "ca");
        // erasing nothing still says the text was edited
        assert_eq!(keys(&mut i, "backspace backspace backspace"), Edit::Changed);
        assert!(i.is_empty());
    }

    #[test]
    fn ctrl_w_erases_a_word_and_ctrl_u_everything() {
        let mut i = TextInput::from("the deal  was");
        assert_eq!(keys(&mut i, "ctrl-w"), Edit::Changed);
        assert_eq!(i.text(), "the deal  ");
        keys(&mut i, "ctrl-w");
        assert_eq!(i.text(), "the ");
        keys(&mut i, "ctrl-w ctrl-w");
        assert_eq!(i.text(), "");
        let mut i = TextInput::from("Jane Doe");
        assert_eq!(keys(&mut i, "ctrl-u"), Edit::Changed);
        assert!(i.is_empty());
    }

    #[test]
    fn other_keys_are_left_to_the_owner() {
        let mut i = TextInput::from("x");
        for k in [
            "up", "down", "left", "home", "tab", "f1", "ctrl-o", "pgdown",
        ] {
            assert_eq!(keys(&mut i, k), Edit::Other, "{k}");
        }
        assert_eq!(i.text(), "x");
    }
}
