//! The command line: `dossier [DIR]` reads, `dossier analyze DIR` exports.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A terminal reading companion: read related articles side by side with the
/// people, places, dates and cross-references they share.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None)]
pub struct Cli {
    /// The folder of articles, or one article file (.md, .txt, .html), to
    /// read (default: the configured content folder).
    pub dir: Option<PathBuf>,
    /// The configuration file (default: $`DOSSIER_CONFIG`, then
    /// dossier/config.toml in the platform's config folder, then the
    /// built-in default; a config.toml in the working folder is not read).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print the effective configuration and which file it came from, then exit.
    #[arg(long)]
    pub print_config: bool,
    /// What to do instead of reading.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse a folder and write the result to standard output.
    Analyze {
        /// The folder of articles, or one article file (default: the
        /// configured content folder).
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Analyse afresh, neither reading nor writing the cache.
        #[arg(long)]
        no_cache: bool,
    },
    /// Fetch web pages (or read saved ones) and write each article into a
    /// folder as Markdown with front matter; never overwrites a file.
    Add {
        /// Web addresses (http://, https://) or saved pages (.html, .htm).
        #[arg(required = true, value_name = "URL|FILE")]
        items: Vec<String>,
        /// The folder to write into (default: the configured content folder).
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        /// Seconds one fetch may take, redirects and all.
        #[arg(long, default_value_t = 30, value_name = "SECS")]
        timeout: u64,
    },
    /// Write a synthetic corpus of news-like articles (for benchmarks).
    Generate {
        /// How many articles.
        #[arg(long, default_value_t = 100)]
        articles: usize,
        /// The seed: the same seed writes the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The folder to write them into (created if missing).
        out_dir: PathBuf,
    },
    /// Write your highlights and notes of a folder's articles, with their
    /// citations (Markdown or JSON).
    Notes {
        /// The folder of articles (default: the configured content folder).
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = NotesFormat::Markdown)]
        format: NotesFormat,
    },
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The JSON export contract, version 2 (docs/export.md).
    Json,
    /// A readable summary per article.
    Text,
}

/// Formats of `dossier notes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NotesFormat {
    /// A section per source: its citation, then block quotes and notes.
    Markdown,
    /// The same as JSON.
    Json,
}
