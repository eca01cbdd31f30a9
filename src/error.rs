//! Typed errors of the library; the binary turns them into one clear line
//! and an exit status.

use crate::text::sanitize::clean_line;
use std::io;
use std::path::{Path, PathBuf};

/// What can stop dossier from opening a corpus or reading its configuration.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read. The cause is said once, in the
    /// message (it is not also an error "source", which would have it
    /// printed a second time by every chain-printing caller).
    #[error("{}: {}", shown(.path), io_reason(.cause))]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        cause: io::Error,
    },
    /// A file that is not one dossier can read (a folder, a FIFO, a device,
    /// or one over its size limit) where a file was named.
    #[error("{}: {why}", shown(.path))]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// Why, in a few words.
        why: String,
    },
    /// The corpus path does not exist.
    #[error("{}: no such folder; give a folder of articles (`dossier DIR`), or put articles in `content/`", shown(.path))]
    NoSuchFolder {
        /// The path.
        path: PathBuf,
    },
    /// The corpus path is a web address, which dossier does not fetch.
    #[error("{}: a web address; fetch it into a folder first with `dossier add {} --into DIR`, then read the folder", shown(.path), shown(.path))]
    WebAddress {
        /// The path as given.
        path: PathBuf,
    },
    /// The corpus path is a file that is not an article, not a folder.
    #[error("{}: neither a folder nor an article file (.md, .txt, .html, .htm)", shown(.path))]
    NotAFolder {
        /// The path.
        path: PathBuf,
    },
    /// The folder holds no article that could be read.
    #[error("{}: no articles (.md, .txt or .html files) could be read{}", shown(.path),
        if *.problems > 0 { format!("; {} file(s) had problems", .problems) } else { String::new() })]
    EmptyCorpus {
        /// The folder.
        path: PathBuf,
        /// How many files were skipped.
        problems: usize,
    },
    /// The configuration is invalid: file, line and column. The message may
    /// quote the file (an unknown key's name), so it is sanitised too.
    #[error("{}:{line}:{column}: {}", shown(.path), clean_line(.message))]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// A path as it may be shown on a terminal: control characters replaced.
fn shown(path: &Path) -> String {
    clean_line(&path.display().to_string()).into_owned()
}

/// What went wrong with an I/O operation, in a few words and without the
/// operating system's error number ("permission denied").
pub fn io_reason(e: &io::Error) -> String {
    let text = match e.kind() {
        io::ErrorKind::NotFound => return "no such file or folder".into(),
        io::ErrorKind::PermissionDenied => return "permission denied".into(),
        io::ErrorKind::IsADirectory => return "is a folder, not a file".into(),
        io::ErrorKind::NotADirectory => return "not a folder".into(),
        _ => e.to_string(),
    };
    let text = match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => text[..i].to_string(),
        _ => text,
    };
    let mut chars = text.chars();
    let lower = match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.clone(),
    };
    clean_line(&lower).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_io_error_says_its_cause_once_without_the_error_number() {
        let e = Error::Io {
            path: "notes".into(),
            cause: io::Error::from_raw_os_error(21),
        };
        assert_eq!(e.to_string(), "notes: is a folder, not a file");
        // nothing chained below it to be printed again
        assert!(std::error::Error::source(&e).is_none());
        let full = io::Error::from_raw_os_error(28);
        assert_eq!(io_reason(&full), "no space left on device");
        let custom = io::Error::other("Weird thing");
        assert_eq!(io_reason(&custom), "weird thing");
        let acronym = io::Error::other("UTF-8 broken");
        assert_eq!(io_reason(&acronym), "UTF-8 broken");
    }

    #[test]
    fn paths_in_messages_are_sanitised() {
        let e = Error::NoSuchFolder {
            path: "a\x1b]2;pwned\x07b".into(),
        };
        assert!(!e.to_string().contains('\x1b'), "{e}");
    }
}
