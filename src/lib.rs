//! dossier: a terminal reading companion for a small set of related articles.
//!
//! The crate is a pure core with two thin front ends:
//!
//! - [`corpus`] loads a folder of articles (Markdown with TOML front matter,
//!   plain text), decodes and sanitises them;
//! - [`analysis`] segments them and finds entities, dates and cross-references,
//!   and writes the export contract; it knows nothing of the terminal;
//! - [`config`] turns the user's `config.toml` into ready styles and a keymap;
//! - [`app`] is the reader's state machine (actions, modes, history, search);
//! - [`ui`] draws that state with ratatui, and [`term`] runs it in a terminal;
//! - [`cli`] is the command line;
//! - [`generate`] writes synthetic corpora for benchmarks, and [`cache`]
//!   keeps analyses on disk between runs.
#![forbid(unsafe_code)]

pub mod action;
pub mod analysis;
pub mod app;
pub mod cache;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod error;
pub mod generate;
pub mod progress;
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
