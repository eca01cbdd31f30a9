//! Keys and key sequences as written in `config.toml` ("j", "ctrl-o",
//! "g g"), and the compiled keymap of one mode.

use crate::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// One key press: a code and its modifiers (Shift is folded into the
/// character for printable keys, so "G" is `G` without modifiers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift only for non-character keys).
    pub mods: KeyModifiers,
}

impl Key {
    /// A key without modifiers.
    pub fn plain(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    /// The key of a terminal event, normalised as bindings are.
    pub fn from_event(ev: &KeyEvent) -> Self {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let mut code = ev.code;
        match code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
            KeyCode::BackTab => mods.remove(KeyModifiers::SHIFT),
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                code = KeyCode::BackTab;
                mods.remove(KeyModifiers::SHIFT);
            }
            _ => {}
        }
        Self { code, mods }
    }

    /// Whether the key reaches a program in a terminal that does not speak
    /// the kitty keyboard protocol: there ctrl-i arrives as Tab, ctrl-m as
    /// Enter and ctrl-[ as Esc, so a binding to them cannot be typed.
    pub fn arrives_plainly(&self) -> bool {
        !(self.mods.contains(KeyModifiers::CONTROL)
            && matches!(self.code, KeyCode::Char('i' | 'm' | '[')))
    }

    /// Parses one key: "j", "G", "ctrl-o", "shift-tab", "f1", "space", "-".
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, m) = if lower.starts_with("ctrl-") && rest.len() > 5 {
                ("ctrl-", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                ("alt-", KeyModifiers::ALT)
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                ("shift-", KeyModifiers::SHIFT)
            } else {
                break;
            };
            mods |= m;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "down" => KeyCode::Down,
                "up" => KeyCode::Up,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgdown" | "pagedown" => KeyCode::PageDown,
                "pgup" | "pageup" => KeyCode::PageUp,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "backspace" => KeyCode::Backspace,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => return Err(format!("unknown key `{s}`")),
            },
        };
        Ok(Self::from_event(&KeyEvent::new(code, mods)))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::PageDown => f.write_str("pgdown"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("backtab"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A sequence of keys ("g g").
pub type Sequence = Vec<Key>;

/// Parses a binding: keys separated by spaces.
pub fn parse_sequence(s: &str) -> Result<Sequence, String> {
    if s.split_whitespace().nth(MAX_SEQUENCE_KEYS).is_some() {
        return Err(format!(
            "a key sequence of more than {MAX_SEQUENCE_KEYS} keys"
        ));
    }
    let seq: Vec<Key> = s
        .split_whitespace()
        .map(Key::parse)
        .collect::<Result<_, _>>()?;
    if seq.is_empty() {
        return Err("empty key binding".into());
    }
    Ok(seq)
}

/// The most keys one binding may take ("g g" takes two): a longer one
/// cannot be typed from memory, and checking bindings against each other
/// costs time in proportion to their lengths.
pub const MAX_SEQUENCE_KEYS: usize = 8;

/// The most bindings one action may have in one mode.
pub const MAX_BINDINGS: usize = 32;

/// Shows a sequence the way it is written in the configuration.
pub fn show_sequence(seq: &[Key]) -> String {
    seq.iter().map(Key::to_string).collect::<Vec<_>>().join(" ")
}

/// What the keys typed so far mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// A complete binding.
    Action(Action),
    /// The start of one or more sequences: wait for more keys.
    Pending,
    /// Nothing.
    None,
}

/// Two bindings that cannot both hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// What is wrong.
    pub message: String,
    /// The two actions involved.
    pub actions: [Action; 2],
}

/// The compiled bindings of one mode.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: HashMap<Sequence, Action>,
    prefixes: HashSet<Sequence>,
    by_action: HashMap<Action, Vec<Sequence>>,
}

impl Keymap {
    /// Compiles bindings; a sequence bound twice, or bound and also the
    /// start of a longer one, is a conflict named in the error.
    pub fn new(bindings: impl IntoIterator<Item = (Action, Sequence)>) -> Result<Self, Conflict> {
        let mut map = Self::default();
        for (action, seq) in bindings {
            if let Some(other) = map.bindings.get(&seq) {
                if *other != action {
                    return Err(Conflict {
                        message: format!(
                            "`{}` is bound to both `{}` and `{}`",
                            show_sequence(&seq),
                            other.name(),
                            action.name()
                        ),
                        actions: [*other, action],
                    });
                }
                continue;
            }
            map.by_action.entry(action).or_default().push(seq.clone());
            map.bindings.insert(seq, action);
        }
        for seq in map.bindings.keys() {
            for n in 1..seq.len() {
                let prefix = seq[..n].to_vec();
                if let Some(a) = map.bindings.get(&prefix) {
                    return Err(Conflict {
                        message: format!(
                            "`{}` (`{}`) is the start of `{}` (`{}`), which could never be typed",
                            show_sequence(&prefix),
                            a.name(),
                            show_sequence(seq),
                            map.bindings[seq].name()
                        ),
                        actions: [*a, map.bindings[seq]],
                    });
                }
                map.prefixes.insert(prefix);
            }
        }
        Ok(map)
    }

    /// What the keys typed so far mean.
    pub fn lookup(&self, keys: &[Key]) -> Lookup {
        if let Some(a) = self.bindings.get(keys) {
            Lookup::Action(*a)
        } else if self.prefixes.contains(keys) {
            Lookup::Pending
        } else {
            Lookup::None
        }
    }

    /// The sequences bound to an action, in the order they were written.
    pub fn keys_for(&self, action: Action) -> &[Sequence] {
        self.by_action.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The keys of an action as one short label ("j/down"), empty if unbound.
    pub fn label(&self, action: Action) -> String {
        self.keys_for(action)
            .iter()
            .map(|s| show_sequence(s))
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The sequences of an action that can be typed: all of them when the
    /// terminal tells keys apart (`enhanced`, the kitty keyboard
    /// protocol), else those whose keys arrive as themselves (see
    /// [`Key::arrives_plainly`]).
    pub fn typable(&self, action: Action, enhanced: bool) -> impl Iterator<Item = &Sequence> {
        self.keys_for(action)
            .iter()
            .filter(move |s| enhanced || s.iter().all(Key::arrives_plainly))
    }

    /// [`Keymap::label`] of the keys that can be typed (see
    /// [`Keymap::typable`]).
    pub fn typable_label(&self, action: Action, enhanced: bool) -> String {
        self.typable(action, enhanced)
            .map(|s| show_sequence(s))
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Every binding, for `--print-config`.
    pub fn iter(&self) -> impl Iterator<Item = (Action, &[Sequence])> {
        Action::ALL
            .iter()
            .filter_map(|a| self.by_action.get(a).map(|s| (*a, s.as_slice())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn parses_keys_and_prints_them_back() {
        for s in [
            "j", "G", "?", "ctrl-o", "down", "pgdown", "space", "backtab", "f1", "enter", "alt-x",
            "-",
        ] {
            assert_eq!(k(s).to_string(), s);
        }
        assert_eq!(k("shift-tab"), k("backtab"));
        assert_eq!(k("ctrl-O"), k("ctrl-o"));
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
    }

    #[test]
    fn event_keys_match_parsed_keys() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), k("G"));
        let ev = KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), k("backtab"));
    }

    #[test]
    fn sequences_are_pending_then_complete() {
        let map = Keymap::new([
            (Action::First, parse_sequence("g g").unwrap()),
            (Action::Last, parse_sequence("G").unwrap()),
        ])
        .unwrap();
        assert_eq!(map.lookup(&[k("g")]), Lookup::Pending);
        assert_eq!(map.lookup(&[k("g"), k("g")]), Lookup::Action(Action::First));
        assert_eq!(map.lookup(&[k("G")]), Lookup::Action(Action::Last));
        assert_eq!(map.lookup(&[k("x")]), Lookup::None);
        assert_eq!(map.label(Action::First), "g g");
    }

    #[test]
    fn keys_a_plain_terminal_cannot_tell_apart_are_not_offered() {
        assert!(!k("ctrl-i").arrives_plainly());
        assert!(!k("ctrl-m").arrives_plainly());
        assert!(k("tab").arrives_plainly() && k("L").arrives_plainly());
        let map = Keymap::new([
            (Action::Forward, vec![k("ctrl-i")]),
            (Action::Forward, vec![k("L")]),
        ])
        .unwrap();
        assert_eq!(map.typable_label(Action::Forward, false), "L");
        assert_eq!(map.typable_label(Action::Forward, true), "ctrl-i/L");
    }

    #[test]
    fn conflicts_are_errors() {
        let err =
            Keymap::new([(Action::First, vec![k("x")]), (Action::Last, vec![k("x")])]).unwrap_err();
        assert!(err.message.contains("bound to both"), "{err:?}");
        let err = Keymap::new([
            (Action::First, vec![k("g")]),
            (Action::Last, vec![k("g"), k("g")]),
        ])
        .unwrap_err();
        assert!(err.message.contains("start of"), "{err:?}");
    }
}
