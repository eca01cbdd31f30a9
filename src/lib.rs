//! dossier: a terminal reading companion for a small set of related articles.
//!
//! A pure core with two thin front ends, layered so that every import points
//! down this list:
//!
//! - [`text`]: the floor — sanitising what files say before it can reach a
//!   terminal, one-line white-space folding, line/column of byte offsets;
//! - [`action`]: the reader's vocabulary (every action's name, description
//!   and hint label), spoken by the configuration, the keymap and the help;
//! - [`error`]: typed errors of the library;
//! - [`fsio`]: opening files that may be FIFOs or devices without hanging,
//!   and reading them with a bound;
//! - [`corpus`]: loads a folder of articles (Markdown with TOML front matter,
//!   plain text, saved web pages), decodes and sanitises them;
//! - [`analysis`]: segments them and finds entities, dates and
//!   cross-references, and writes the export contract; it knows nothing of
//!   the terminal nor of the configuration file;
//! - [`config`]: turns the user's `config.toml` into ready styles and a keymap;
//! - [`cache`]: keeps analyses on disk between runs, and each article's
//!   own analysis, so that adding an article re-runs only what spans the
//!   corpus;
//! - [`add`]: `dossier add`, fetching web pages into a content folder (the
//!   only writer of a content folder);
//! - [`progress`]: a progress line on standard error for long exports;
//! - [`state`]: the reading state kept between sessions (progress,
//!   positions, highlights), merged under a lock and never lost;
//! - [`generate`]: writes synthetic corpora for benchmarks;
//! - [`app`]: the reader's state machine (keys, navigation, views, search,
//!   history);
//! - [`ui`]: draws that state with ratatui; [`term`] runs it in a terminal;
//! - [`notes`]: the reader's highlights written out (`dossier notes`);
//! - [`cli`]: the command line.
#![forbid(unsafe_code)]

pub mod action;
pub mod add;
pub mod analysis;
pub mod app;
pub mod cache;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod error;
pub mod fsio;
pub mod generate;
pub mod notes;
pub mod progress;
pub mod state;
pub mod term;
pub mod text;
pub mod ui;

pub use error::Error;

/// The analysis allocates many small, short-lived strings and vectors on
/// every core at once; mimalloc's per-thread heaps serve those several times
/// faster than the system allocator. Declared here so that the binary, the
/// tests and the benchmarks all measure the same allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
