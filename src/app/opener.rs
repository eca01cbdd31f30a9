//! Handing off to other programs: the article's URL to a browser (`o`) and
//! its file to the user's editor at the current sentence's line (`E`).
//!
//! Only the commands are built here, as plain values that tests inspect;
//! running them (and giving the terminal away meanwhile) is the reader's job.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// A program and its arguments, ready to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandSpec {
    /// The program, looked up in `$PATH` when it has no slash.
    pub program: OsString,
    /// Its arguments.
    pub args: Vec<OsString>,
}

impl CommandSpec {
    /// A [`Command`] for it (not spawned).
    pub fn to_command(&self) -> Command {
        let mut c = Command::new(&self.program);
        c.args(&self.args);
        c
    }
}

/// Why a URL is not opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// The article has no URL.
    #[error("this article has no url")]
    NoUrl,
    /// The URL is not one a browser should be handed from article metadata.
    #[error("not opening {0:?}: only http and https addresses are opened")]
    Refused(String),
    /// `$BROWSER` or `$EDITOR` holds no command.
    #[error("{0} is set but empty")]
    EmptyCommand(&'static str),
}

/// The platform's way of opening a URL when `$BROWSER` is not set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// `open URL`.
    MacOs,
    /// `explorer URL`.
    Windows,
    /// `xdg-open URL` (Linux and the BSDs).
    Unix,
}

impl Platform {
    /// The platform this binary was built for.
    pub fn current() -> Self {
        if cfg!(target_os = "macos") {
            Self::MacOs
        } else if cfg!(windows) {
            Self::Windows
        } else {
            Self::Unix
        }
    }

    fn opener(self) -> &'static str {
        match self {
            Self::MacOs => "open",
            Self::Windows => "explorer",
            Self::Unix => "xdg-open",
        }
    }
}

/// The command that opens `url` in a browser: `$BROWSER` when given
/// (`browser`), else the platform's opener.
///
/// `$BROWSER` may be a `:`-separated list (the first entry is used) and an
/// entry may hold `%s` where the URL goes (else the URL is appended). Only
/// `http:` and `https:` URLs are opened: the URL comes from a file, and
/// `file:` or a leading `-` could make the opener do something else.
pub fn open_url(
    url: Option<&str>,
    browser: Option<&str>,
    platform: Platform,
) -> Result<CommandSpec, OpenError> {
    let url = url
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .ok_or(OpenError::NoUrl)?;
    let lower = url.to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    if !web || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(OpenError::Refused(url.to_owned()));
    }
    let Some(browser) = browser.filter(|b| !b.trim().is_empty()) else {
        return Ok(CommandSpec {
            program: platform.opener().into(),
            args: vec![url.into()],
        });
    };
    let first = browser.split(':').map(str::trim).find(|e| !e.is_empty());
    let words = first.map(split_words).unwrap_or_default();
    let Some((program, rest)) = words.split_first() else {
        return Err(OpenError::EmptyCommand("$BROWSER"));
    };
    let mut args: Vec<OsString> = Vec::with_capacity(rest.len() + 1);
    let mut placed = false;
    for w in rest {
        if w.contains("%s") {
            placed = true;
            args.push(w.replace("%s", url).into());
        } else {
            args.push(w.into());
        }
    }
    if !placed {
        args.push(url.into());
    }
    Ok(CommandSpec {
        program: program.into(),
        args,
    })
}

/// The user's editor command: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_from_env() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().into_owned())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// The command that opens `file` in `editor` at `line` (1-based).
///
/// `editor` is a command line such as `nvim` or `code --wait`. Editors known
/// to take a line: `+LINE FILE` for vi, vim, nvim, nano, emacs, kak, micro,
/// joe, ne, mg; `-g FILE:LINE` for VS Code and its forks; `FILE:LINE` for
/// hx, subl and zed. Any other editor gets just the file.
pub fn open_in_editor(editor: &str, file: &Path, line: usize) -> Result<CommandSpec, OpenError> {
    let words = split_words(editor);
    let Some((program, rest)) = words.split_first() else {
        return Err(OpenError::EmptyCommand("$EDITOR"));
    };
    let mut args: Vec<OsString> = rest.iter().map(Into::into).collect();
    let line = line.max(1);
    let with_line = || {
        let mut s = file.as_os_str().to_owned();
        s.push(format!(":{line}"));
        s
    };
    match editor_family(program) {
        Family::Plus => {
            args.push(format!("+{line}").into());
            args.push(file.into());
        }
        Family::Goto => {
            args.push("-g".into());
            args.push(with_line());
        }
        Family::Colon => args.push(with_line()),
        Family::Unknown => args.push(file.into()),
    }
    Ok(CommandSpec {
        program: program.into(),
        args,
    })
}

enum Family {
    Plus,
    Goto,
    Colon,
    Unknown,
}

fn editor_family(program: &str) -> Family {
    let base = Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let base = base.strip_suffix(".exe").unwrap_or(&base);
    match base {
        "vi" | "vim" | "nvim" | "gvim" | "mvim" | "view" | "nano" | "pico" | "emacs"
        | "emacsclient" | "kak" | "micro" | "joe" | "ne" | "mg" | "jed" | "vis" => Family::Plus,
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" => Family::Goto,
        // helix has long read `file:line`; `+line` came only in later releases
        "hx" | "helix" | "subl" | "zed" => Family::Colon,
        _ => Family::Unknown,
    }
}

/// Splits a command line into words the way a shell would for simple
/// cases: whitespace separates, single and double quotes group, a
/// backslash escapes the next character outside single quotes.
fn split_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        q => word.push(q),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.extend(chars.next());
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(c: &CommandSpec) -> (String, Vec<String>) {
        (
            c.program.to_string_lossy().into_owned(),
            c.args
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
        )
    }

    const URL: &str = "https://example.org/a?b=1&c=2";

    #[test]
    fn platform_openers() {
        for (platform, program) in [
            (Platform::Unix, "xdg-open"),
            (Platform::MacOs, "open"),
            (Platform::Windows, "explorer"),
        ] {
            let c = open_url(Some(URL), None, platform).unwrap();
            assert_eq!(strings(&c), (program.to_owned(), vec![URL.to_owned()]));
        }
        // a blank $BROWSER is as good as none
        let c = open_url(Some(URL), Some("  "), Platform::Unix).unwrap();
        assert_eq!(strings(&c).0, "xdg-open");
    }

    #[test]
    fn browser_variable_forms() {
        let c = open_url(Some(URL), Some("firefox"), Platform::Unix).unwrap();
        assert_eq!(strings(&c), ("firefox".into(), vec![URL.into()]));
        let c = open_url(Some(URL), Some("w3m:lynx"), Platform::Unix).unwrap();
        assert_eq!(strings(&c), ("w3m".into(), vec![URL.into()]));
        let c = open_url(Some(URL), Some("chromium --new-window %s"), Platform::Unix).unwrap();
        assert_eq!(
            strings(&c),
            ("chromium".into(), vec!["--new-window".into(), URL.into()])
        );
        let c = open_url(Some(URL), Some("'/opt/My Browser/run' -x"), Platform::Unix).unwrap();
        assert_eq!(
            strings(&c),
            ("/opt/My Browser/run".into(), vec!["-x".into(), URL.into()])
        );
        assert_eq!(
            open_url(Some(URL), Some(":"), Platform::Unix),
            Err(OpenError::EmptyCommand("$BROWSER"))
        );
    }

    #[test]
    fn only_web_addresses_are_opened() {
        assert_eq!(open_url(None, None, Platform::Unix), Err(OpenError::NoUrl));
        assert_eq!(
            open_url(Some("  "), None, Platform::Unix),
            Err(OpenError::NoUrl)
        );
        for bad in [
            "file:///etc/passwd",
            "-a Calculator",
            "javascript:alert(1)",
            "example.org",
            "https://example.org/a b",
            "https://example.org/\x1b]",
        ] {
            assert!(
                matches!(
                    open_url(Some(bad), None, Platform::Unix),
                    Err(OpenError::Refused(_))
                ),
                "{bad:?} should be refused"
            );
        }
        assert!(open_url(Some("HTTP://EXAMPLE.ORG"), None, Platform::Unix).is_ok());
    }

    #[test]
    fn editors_at_a_line() {
        let file = Path::new("/tmp/content/a b.md");
        let f = file.to_string_lossy().into_owned();
        let case = |editor: &str| strings(&open_in_editor(editor, file, 42).unwrap());
        for vi_like in [
            "vi",
            "vim",
            "nvim",
            "nano",
            "emacs",
            "kak",
            "micro",
            "/usr/bin/vim",
        ] {
            assert_eq!(
                case(vi_like),
                (vi_like.to_owned(), vec!["+42".to_owned(), f.clone()]),
                "{vi_like}"
            );
        }
        assert_eq!(
            case("code --wait"),
            (
                "code".into(),
                vec!["--wait".into(), "-g".into(), format!("{f}:42")]
            )
        );
        assert_eq!(case("hx"), ("hx".into(), vec![format!("{f}:42")]));
        assert_eq!(
            case("nvim -u NONE"),
            (
                "nvim".into(),
                vec!["-u".into(), "NONE".into(), "+42".into(), f.clone()]
            )
        );
        assert_eq!(case("ed"), ("ed".into(), vec![f.clone()]));
        assert_eq!(
            open_in_editor("  ", file, 1),
            Err(OpenError::EmptyCommand("$EDITOR"))
        );
        // line 0 is not a line
        assert_eq!(strings(&open_in_editor("vi", file, 0).unwrap()).1[0], "+1");
    }

    #[test]
    fn the_command_is_built_not_run() {
        let spec = open_in_editor("vim", Path::new("x.md"), 3).unwrap();
        let c = spec.to_command();
        assert_eq!(c.get_program(), "vim");
        let args: Vec<_> = c.get_args().collect();
        assert_eq!(args, ["+3", "x.md"]);
    }

    #[test]
    fn words_split_like_a_shell() {
        assert_eq!(
            split_words("a  'b c' \"d \\\" e\" f\\ g"),
            vec!["a", "b c", "d \" e", "f g"]
        );
        assert_eq!(split_words("''"), vec![""]);
        assert!(split_words("   ").is_empty());
    }

    #[test]
    fn offsets_map_to_file_lines() {
        let a = crate::corpus::Article::from_bytes(
            Path::new("a.md"),
            b"+++\ntitle = \"T\"\n+++\nfirst line\nsecond\n\nfourth".to_vec(),
        )
        .unwrap();
        let body = a.body.clone();
        let first = a.file_line(0);
        assert_eq!(first, a.body_line.max(1));
        assert_eq!(a.file_line(body.find("second").unwrap()), first + 1);
        assert_eq!(a.file_line(body.find("fourth").unwrap()), first + 3);
        assert_eq!(a.file_line(999), first + 3);
    }

    #[test]
    fn sentence_lines_match_the_file_on_disk() {
        let corpus = crate::corpus::Corpus::load(Path::new("content")).unwrap();
        for a in &corpus.articles {
            let file = std::fs::read_to_string(&a.path).unwrap();
            let lines: Vec<&str> = file.lines().collect();
            for s in crate::analysis::segment::split(&a.body) {
                let line = a.file_line(s.start);
                let first_word = a.body[s.start..s.end].split_whitespace().next().unwrap();
                assert!(
                    lines[line - 1].contains(first_word),
                    "{}: line {line} lacks {first_word:?}",
                    a.id
                );
            }
        }
    }
}
