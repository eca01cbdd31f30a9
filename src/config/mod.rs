//! Configuration: the embedded default `config.toml` patched by the user's
//! file, validated with <file:line:column> errors, and resolved once into
//! ready styles and compiled keymaps (the UI never parses a string).

pub mod keys;
pub mod theme;

use crate::action::Action;
use crate::analysis::entities::{CustomEntity, EntitySettings};
use crate::analysis::links::LinkSettings;
use crate::analysis::Settings;
use crate::corpus::Limits;
use crate::error::Error;
use crate::fsio::ReadError;
use crate::text::line_col;
use crate::text::sanitize::clean_line;
use keys::{parse_sequence, show_sequence, Keymap, Sequence};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use theme::{RawTheme, Theme};
use toml::Spanned;

/// The default configuration, also the file `config.toml` at the top of the
/// repository.
pub const DEFAULT_TOML: &str = include_str!("../../config.toml");

type RawBindings = BTreeMap<String, Spanned<Vec<Spanned<String>>>>;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    content: Option<String>,
    layout: Option<RawLayout>,
    analysis: Option<RawAnalysis>,
    entity: Option<Vec<RawEntity>>,
    theme: Option<RawTheme>,
    keys: Option<RawKeys>,
    limits: Option<RawLimits>,
}

/// An `[[entity]]` as written, with the places of its names for errors.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    name: Spanned<String>,
    kind: crate::analysis::entities::Kind,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

/// The most characters an entity's name or alias may have: longer ones are
/// no name, and matching them costs time in proportion to their length
/// times the corpus.
pub const MAX_NAME_CHARS: usize = 200;
/// The most aliases one entity may have.
pub const MAX_ALIASES: usize = 100;
/// The most `[[entity]]` tables.
pub const MAX_ENTITIES: usize = 10_000;
/// The largest configuration file read, in bytes.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    max_file_bytes: Option<Spanned<u64>>,
    max_files: Option<Spanned<u64>>,
    max_depth: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    sources_width: Option<Spanned<u16>>,
    panel_width: Option<Spanned<u16>>,
    narrow_width: Option<u16>,
    mouse: Option<bool>,
    text_width: Option<Spanned<u16>>,
    scrolloff: Option<u16>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawAnalysis {
    link_threshold: Option<Spanned<f32>>,
    links_per_sentence: Option<usize>,
    ignore_entities: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawKeys {
    normal: Option<RawBindings>,
    list: Option<RawBindings>,
    compare: Option<RawBindings>,
}

/// The modes that have their own key bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyMode {
    /// The reader: sources, article, panel.
    Normal,
    /// Full-screen lists: timeline, mentions, entity index, search results, help.
    List,
    /// The side-by-side compare view.
    Compare,
}

impl KeyMode {
    /// Every mode, in the order of the configuration file.
    pub const ALL: [KeyMode; 3] = [KeyMode::Normal, KeyMode::List, KeyMode::Compare];

    /// The name of its table under `[keys]`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Normal => "normal",
            Self::List => "list",
            Self::Compare => "compare",
        }
    }
}

/// Layout settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Width of the sources list.
    pub sources_width: u16,
    /// Width of the side panel.
    pub panel_width: u16,
    /// Below this width the panel goes under the article.
    pub narrow_width: u16,
    /// Whether the mouse is captured.
    pub mouse: bool,
    /// The widest the article's text is set, in columns (centred in a
    /// wider pane).
    pub text_width: u16,
    /// Lines kept above and below the current sentence when it moves
    /// (vim's `scrolloff`), room allowing.
    pub scrolloff: u16,
}

/// Where the configuration came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Only the built-in default.
    Builtin,
    /// A file, and how it was found.
    File {
        /// The file.
        path: PathBuf,
        /// "--config", "$`DOSSIER_CONFIG`" or "config folder".
        how: &'static str,
    },
}

/// The compiled keymaps of every mode.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// The reader.
    pub normal: Keymap,
    /// Full-screen lists.
    pub list: Keymap,
    /// The compare view.
    pub compare: Keymap,
}

impl Keys {
    /// The keymap of a mode.
    pub fn mode(&self, mode: KeyMode) -> &Keymap {
        match mode {
            KeyMode::Normal => &self.normal,
            KeyMode::List => &self.list,
            KeyMode::Compare => &self.compare,
        }
    }
}

/// The resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The default content folder.
    pub content: PathBuf,
    /// Layout.
    pub layout: Layout,
    /// Analysis settings.
    pub analysis: Settings,
    /// Ready styles.
    pub theme: Theme,
    /// Compiled keymaps.
    pub keys: Keys,
    /// What the corpus loader reads at most.
    pub limits: Limits,
    /// Where it came from.
    pub source: Source,
    raw: RawConfig,
}

impl Default for Config {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Config {
    /// The built-in default configuration.
    ///
    /// The lint policy's one documented exception for configuration: the
    /// built-in file is part of the binary, and a test
    /// (`builtin_config_is_valid`) proves it parses, so this cannot fail in
    /// a released build.
    #[allow(clippy::panic)]
    pub fn builtin() -> Self {
        Self::from_toml(
            DEFAULT_TOML,
            Path::new("<built-in config.toml>"),
            Source::Builtin,
        )
        .unwrap_or_else(|e| panic!("the built-in configuration is invalid: {e}"))
    }

    /// Finds and loads the configuration: `explicit`, then
    /// `$DOSSIER_CONFIG`, then dossier's own file in the platform's config
    /// folder (`~/.config/dossier/config.toml`), then the built-in default.
    /// A `config.toml` in the working folder is never read unless named: it
    /// is as likely another tool's (a static site's) as dossier's.
    pub fn load(explicit: Option<&Path>) -> Result<Self, Error> {
        let mut candidates: Vec<(PathBuf, &'static str, bool)> = Vec::new();
        if let Some(p) = explicit {
            candidates.push((p.to_path_buf(), "--config", true));
        }
        if let Some(p) = std::env::var_os("DOSSIER_CONFIG").filter(|p| !p.is_empty()) {
            candidates.push((PathBuf::from(p), "$DOSSIER_CONFIG", true));
        }
        if let Some(dir) = dirs::config_dir() {
            candidates.push((
                dir.join("dossier").join("config.toml"),
                "config folder",
                false,
            ));
        }
        for (path, how, required) in candidates {
            match crate::fsio::read_regular(&path, MAX_CONFIG_BYTES) {
                Ok(bytes) => {
                    let text = String::from_utf8(bytes).map_err(|e| {
                        let (line, column) = line_col(
                            &String::from_utf8_lossy(e.as_bytes()),
                            e.utf8_error().valid_up_to(),
                        );
                        Error::Config {
                            path: path.clone(),
                            line,
                            column,
                            message: "not UTF-8".into(),
                        }
                    })?;
                    return Self::from_toml(
                        &text,
                        &path,
                        Source::File {
                            path: path.clone(),
                            how,
                        },
                    );
                }
                Err(ReadError::Io(e)) if !required && e.kind() == std::io::ErrorKind::NotFound => {}
                Err(ReadError::Io(cause)) => return Err(Error::Io { path, cause }),
                Err(e) => {
                    return Err(Error::Unreadable {
                        path,
                        why: e.to_string(),
                    })
                }
            }
        }
        Ok(Self::builtin())
    }

    /// Reads a user configuration from text, on top of the default.
    pub fn from_toml(text: &str, path: &Path, source: Source) -> Result<Self, Error> {
        let err = |span: Option<Range<usize>>, message: String| {
            let (line, column) = span.map_or((1, 1), |s| line_col(text, s.start));
            Error::Config {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let user: RawConfig =
            toml::from_str(text).map_err(|e| err(e.span(), e.message().trim().to_string()))?;
        let mut merged: RawConfig = if matches!(source, Source::Builtin) {
            RawConfig::default()
        } else {
            // the built-in file parses (see `builtin`); were it ever not to,
            // the user's file alone is used
            toml::from_str(DEFAULT_TOML).unwrap_or_default()
        };
        // keys are merged per mode with knowledge of which came from the user
        let mut keys = Keys::default();
        for mode in KeyMode::ALL {
            let default = merged
                .keys
                .as_ref()
                .and_then(|k| mode_of(k, mode))
                .cloned()
                .unwrap_or_default();
            let mine = user
                .keys
                .as_ref()
                .and_then(|k| mode_of(k, mode))
                .cloned()
                .unwrap_or_default();
            let map = merge_bindings(&default, &mine, mode).map_err(|(span, m)| err(span, m))?;
            match mode {
                KeyMode::Normal => keys.normal = map,
                KeyMode::List => keys.list = map,
                KeyMode::Compare => keys.compare = map,
            }
        }
        merge(&mut merged, user);
        let layout = merged.layout.clone().unwrap_or_default();
        let width = |v: &Option<Spanned<u16>>, default: u16, name: &str| -> Result<u16, Error> {
            match v {
                Some(s) if *s.get_ref() < 10 => Err(err(
                    Some(s.span()),
                    format!("layout.{name} must be at least 10 columns"),
                )),
                Some(s) => Ok(*s.get_ref()),
                None => Ok(default),
            }
        };
        let layout = Layout {
            sources_width: width(&layout.sources_width, 32, "sources_width")?,
            panel_width: width(&layout.panel_width, 44, "panel_width")?,
            narrow_width: layout.narrow_width.unwrap_or(100),
            mouse: layout.mouse.unwrap_or(false),
            text_width: match &layout.text_width {
                Some(s) if *s.get_ref() < 20 => {
                    return Err(err(
                        Some(s.span()),
                        "layout.text_width must be at least 20 columns".into(),
                    ))
                }
                Some(s) => *s.get_ref(),
                None => 88,
            },
            scrolloff: layout.scrolloff.unwrap_or(2),
        };
        let analysis = merged.analysis.clone().unwrap_or_default();
        let threshold = match &analysis.link_threshold {
            Some(t) if !(0.0..=1.0).contains(t.get_ref()) => {
                return Err(err(
                    Some(t.span()),
                    "analysis.link_threshold must be between 0 and 1".into(),
                ));
            }
            Some(t) => *t.get_ref(),
            None => LinkSettings::default().threshold,
        };
        let analysis = Settings {
            entities: EntitySettings {
                // names from the configuration reach the screen like article text
                custom: custom_entities(merged.entity.as_deref().unwrap_or_default())
                    .map_err(|(span, m)| err(span, m))?,
                ignore: analysis
                    .ignore_entities
                    .clone()
                    .unwrap_or_default()
                    .iter()
                    .map(|n| clean_line(n).into_owned())
                    .collect(),
            },
            links: LinkSettings {
                threshold,
                max_per_sentence: analysis
                    .links_per_sentence
                    .unwrap_or(LinkSettings::default().max_per_sentence),
                per_article: LinkSettings::default().per_article,
            },
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let theme = merged
            .theme
            .clone()
            .unwrap_or_default()
            .resolve(no_color)
            .map_err(|(span, m)| err(Some(span), m))?;
        let limits = {
            let raw = merged.limits.clone().unwrap_or_default();
            let default = Limits::default();
            // A limit of zero would read nothing: say so where it is set.
            let at_least_one = |v: Option<Spanned<u64>>, name: &str| match v {
                Some(v) if *v.get_ref() == 0 => Err(err(
                    Some(v.span()),
                    format!("`limits.{name}` must be at least 1"),
                )),
                v => Ok(v.map(Spanned::into_inner)),
            };
            Limits {
                max_file_bytes: at_least_one(raw.max_file_bytes, "max_file_bytes")?
                    .unwrap_or(default.max_file_bytes),
                max_files: at_least_one(raw.max_files, "max_files")?
                    .map_or(default.max_files, |v| {
                        usize::try_from(v).unwrap_or(usize::MAX)
                    }),
                max_depth: raw.max_depth.unwrap_or(default.max_depth),
            }
        };
        Ok(Self {
            content: PathBuf::from(merged.content.clone().unwrap_or_else(|| "content".into())),
            limits,
            layout,
            analysis,
            theme,
            keys,
            source,
            raw: merged,
        })
    }

    /// Where the configuration came from, for `--print-config`.
    pub fn source_description(&self) -> String {
        match &self.source {
            Source::Builtin => "built-in default".into(),
            Source::File { path, how } => {
                format!("{} ({how}) over the built-in default", path.display())
            }
        }
    }

    /// The effective configuration as TOML, every key bound shown.
    pub fn effective_toml(&self) -> String {
        let mut raw = self.raw.clone();
        raw.keys = None;
        let mut out = toml::to_string_pretty(&raw).unwrap_or_default();
        for mode in KeyMode::ALL {
            out.push_str(&format!("\n[keys.{}]\n", mode.name()));
            for (action, seqs) in self.keys.mode(mode).iter() {
                let list: Vec<String> = seqs
                    .iter()
                    .map(|s| format!("{:?}", show_sequence(s)))
                    .collect();
                out.push_str(&format!("{} = [{}]\n", action.name(), list.join(", ")));
            }
        }
        out
    }
}

fn mode_of(keys: &RawKeys, mode: KeyMode) -> Option<&RawBindings> {
    match mode {
        KeyMode::Normal => keys.normal.as_ref(),
        KeyMode::List => keys.list.as_ref(),
        KeyMode::Compare => keys.compare.as_ref(),
    }
}

type Located = (Option<Range<usize>>, String);

/// The user's bindings of a mode over the default ones: an action the user
/// binds loses its default keys, and a key the user binds is taken from the
/// action that had it by default.
/// The user's entities, bounded ([`MAX_NAME_CHARS`], [`MAX_ALIASES`],
/// [`MAX_ENTITIES`]) and with their names sanitised: they reach the screen
/// like article text.
fn custom_entities(raw: &[RawEntity]) -> Result<Vec<CustomEntity>, Located> {
    if let Some(extra) = raw.get(MAX_ENTITIES) {
        return Err((
            Some(extra.name.span()),
            format!("more than {MAX_ENTITIES} [[entity]] tables; at most {MAX_ENTITIES}"),
        ));
    }
    let bounded = |s: &Spanned<String>, what: &str| {
        let n = s.get_ref().chars().take(MAX_NAME_CHARS + 1).count();
        if n > MAX_NAME_CHARS {
            Err((
                Some(s.span()),
                format!("an entity's {what} is longer than {MAX_NAME_CHARS} characters"),
            ))
        } else {
            Ok(clean_line(s.get_ref()).into_owned())
        }
    };
    raw.iter()
        .map(|e| {
            if let Some(extra) = e.aliases.get(MAX_ALIASES) {
                return Err((
                    Some(extra.span()),
                    format!("an entity has more than {MAX_ALIASES} aliases"),
                ));
            }
            Ok(CustomEntity {
                name: bounded(&e.name, "name")?,
                kind: e.kind,
                aliases: e
                    .aliases
                    .iter()
                    .map(|a| bounded(a, "alias"))
                    .collect::<Result<_, _>>()?,
            })
        })
        .collect()
}

fn merge_bindings(
    default: &RawBindings,
    user: &RawBindings,
    mode: KeyMode,
) -> Result<Keymap, Located> {
    let parse = |bindings: &RawBindings| -> Result<Vec<(Action, Sequence, Range<usize>)>, Located> {
        let mut out = Vec::new();
        for (name, seqs) in bindings {
            let action = Action::from_name(name).ok_or_else(|| {
                (
                    Some(seqs.span()),
                    format!("unknown action `{name}` in [keys.{}]", mode.name()),
                )
            })?;
            if seqs.get_ref().len() > keys::MAX_BINDINGS {
                return Err((
                    Some(seqs.span()),
                    format!(
                        "more than {} bindings for `{name}` in [keys.{}]",
                        keys::MAX_BINDINGS,
                        mode.name()
                    ),
                ));
            }
            for s in seqs.get_ref() {
                let seq = parse_sequence(s.get_ref())
                    .map_err(|m| (Some(s.span()), format!("{m} in [keys.{}]", mode.name())))?;
                out.push((action, seq, s.span()));
            }
        }
        Ok(out)
    };
    let mine = parse(user)?;
    let theirs = parse(default)?;
    let user_actions: std::collections::HashSet<Action> = mine.iter().map(|b| b.0).collect();
    let user_keys: std::collections::HashSet<&Sequence> = mine.iter().map(|b| &b.1).collect();
    let kept = theirs.iter().filter(|(a, seq, _)| {
        !user_actions.contains(a)
            && !user_keys.contains(seq)
            && !user_keys
                .iter()
                .any(|u| is_prefix(u, seq) || is_prefix(seq, u))
    });
    let all: Vec<_> = mine.iter().chain(kept).collect();
    Keymap::new(all.iter().map(|(a, s, _)| (*a, s.clone()))).map_err(|c| {
        let span = mine
            .iter()
            .filter(|b| c.actions.contains(&b.0))
            .map(|b| b.2.clone())
            .max_by_key(|s| s.start);
        (span, format!("{} in [keys.{}]", c.message, mode.name()))
    })
}

fn is_prefix(short: &Sequence, long: &Sequence) -> bool {
    short.len() < long.len() && long.starts_with(short)
}

fn merge(base: &mut RawConfig, over: RawConfig) {
    if over.content.is_some() {
        base.content = over.content;
    }
    if let Some(l) = over.layout {
        let b = base.layout.get_or_insert_with(Default::default);
        b.sources_width = l.sources_width.or(b.sources_width.take());
        b.panel_width = l.panel_width.or(b.panel_width.take());
        b.narrow_width = l.narrow_width.or(b.narrow_width);
        b.mouse = l.mouse.or(b.mouse);
        b.text_width = l.text_width.or(b.text_width.take());
        b.scrolloff = l.scrolloff.or(b.scrolloff);
    }
    if let Some(a) = over.analysis {
        let b = base.analysis.get_or_insert_with(Default::default);
        b.link_threshold = a.link_threshold.or(b.link_threshold.take());
        b.links_per_sentence = a.links_per_sentence.or(b.links_per_sentence);
        b.ignore_entities = a.ignore_entities.or(b.ignore_entities.take());
    }
    if let Some(e) = over.entity {
        base.entity.get_or_insert_with(Vec::new).extend(e);
    }
    if let Some(t) = over.theme {
        base.theme.get_or_insert_with(Default::default).merge(t);
    }
    if let Some(l) = over.limits {
        let b = base.limits.get_or_insert_with(Default::default);
        b.max_file_bytes = l.max_file_bytes.or(b.max_file_bytes.take());
        b.max_files = l.max_files.or(b.max_files.take());
        b.max_depth = l.max_depth.or(b.max_depth);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keys::{Key, Lookup};

    fn user(text: &str) -> Result<Config, Error> {
        Config::from_toml(
            text,
            Path::new("user.toml"),
            Source::File {
                path: "user.toml".into(),
                how: "--config",
            },
        )
    }

    #[test]
    fn builtin_config_is_valid() {
        let parsed = Config::from_toml(DEFAULT_TOML, Path::new("config.toml"), Source::Builtin);
        assert!(parsed.is_ok(), "{:?}", parsed.err());
        assert!(toml::from_str::<RawConfig>(DEFAULT_TOML).is_ok());
    }

    #[test]
    fn builtin_binds_every_action_in_normal_mode() {
        let c = Config::builtin();
        for &a in Action::ALL {
            assert!(
                !c.keys.normal.keys_for(a).is_empty(),
                "{} is unbound",
                a.name()
            );
        }
    }

    #[test]
    fn user_binding_replaces_and_steals() {
        let c = user("[keys.normal]\nnext_sentence = [\"n\"]\n").unwrap();
        let n = [Key::parse("n").unwrap()];
        assert_eq!(
            c.keys.normal.lookup(&n),
            Lookup::Action(Action::NextSentence)
        );
        assert_eq!(
            c.keys.normal.lookup(&[Key::parse("j").unwrap()]),
            Lookup::None
        );
        assert!(c.keys.normal.keys_for(Action::SearchNext).is_empty());
    }

    #[test]
    fn unknown_action_names_line_and_column() {
        let e = user("content = \"x\"\n[keys.normal]\nfly = [\"f\"]\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("user.toml:3:7: unknown action `fly`"), "{e}");
    }

    #[test]
    fn unknown_key_and_bad_value_are_located() {
        let e = user("[layout]\nwidht = 3\n").unwrap_err().to_string();
        assert!(e.starts_with("user.toml:2:1:"), "{e}");
        let e = user("[analysis]\nlink_threshold = 2.0\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("user.toml:2:18:"), "{e}");
        let e = user("[theme]\nperson = \"chartreuse\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("user.toml:2:10:") && e.contains("chartreuse"),
            "{e}"
        );
    }

    #[test]
    fn conflicting_user_bindings_are_errors() {
        let e = user("[keys.normal]\nfirst = [\"x\"]\nlast = [\"x\"]\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("bound to both") && e.starts_with("user.toml:"),
            "{e}"
        );
    }

    #[test]
    fn entity_names_from_the_config_are_sanitised() {
        let c = user("[analysis]\nignore_entities = [\"A\\u001b]0;x\\u0007B\"]\n[[entity]]\nname = \"X\\u001b[31mY\"\nkind = \"place\"\naliases = [\"Z\\u009b1m\"]\n").unwrap();
        assert_eq!(c.analysis.entities.ignore, ["AB"]);
        assert_eq!(c.analysis.entities.custom[0].name, "XY");
        assert_eq!(c.analysis.entities.custom[0].aliases, ["Z"]);
    }

    #[test]
    fn text_width_and_scrolloff_are_read_and_checked() {
        let c = Config::builtin();
        assert_eq!((c.layout.text_width, c.layout.scrolloff), (88, 2));
        let c = user("[layout]\ntext_width = 70\nscrolloff = 0\n").unwrap();
        assert_eq!((c.layout.text_width, c.layout.scrolloff), (70, 0));
        let e = user("[layout]\ntext_width = 5\n").unwrap_err().to_string();
        assert!(e.starts_with("user.toml:2:14:"), "{e}");
    }

    #[test]
    fn effective_config_round_trips() {
        let c = user("[layout]\npanel_width = 50\n[keys.normal]\nquit = [\"Q\"]\n").unwrap();
        let printed = c.effective_toml();
        let again = user(&printed).unwrap();
        assert_eq!(again.layout.panel_width, 50);
        assert_eq!(again.keys.normal.label(Action::Quit), "Q");
        assert_eq!(again.keys.normal.label(Action::NextSentence), "j/down");
    }
}
