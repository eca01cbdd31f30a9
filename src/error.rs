//! Typed errors of the library; the binary turns them into one clear line
//! and an exit status.

use std::path::PathBuf;

/// What can stop dossier from opening a corpus or reading its configuration.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{}: {source}", crate::text::sanitize::clean_line(&.path.display().to_string()))]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The corpus path is a file, not a folder.
    #[error("{}: not a folder", crate::text::sanitize::clean_line(&.path.display().to_string()))]
    NotAFolder {
        /// The path.
        path: PathBuf,
    },
    /// The folder holds no article that could be read.
    #[error("{}: no articles (.md or .txt files) could be read{}", crate::text::sanitize::clean_line(&.path.display().to_string()),
        if *.problems > 0 { format!("; {} file(s) had problems", .problems) } else { String::new() })]
    EmptyCorpus {
        /// The folder.
        path: PathBuf,
        /// How many files were skipped.
        problems: usize,
    },
    /// The configuration is invalid: file, line and column.
    #[error("{}:{line}:{column}: {message}", crate::text::sanitize::clean_line(&.path.display().to_string()))]
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
