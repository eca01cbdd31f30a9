//! What each fuzz target checks on one input, as plain functions: the AFL
//! targets in `fuzz/targets/` panic on an `Err`, and `tests/fuzz_regressions.rs`
//! replays the saved crash inputs through the same functions. No AFL and no
//! fuzz build is needed to run them.
#![allow(dead_code)]

#[path = "../proptest_support/invariants.rs"]
pub mod invariants;

use dossier::analysis::{Analysis, Settings};
use dossier::config::{Config, Source};
use dossier::corpus::{Article, PartialDate};
use dossier::text::sanitize::is_unsafe;
use dossier::Error;
use std::path::Path;

/// What a target checks on one input: `Err` says what does not hold.
pub type Check = fn(&[u8]) -> Result<(), String>;

/// The fuzz targets, by the name of their binary and of their folder under
/// `tests/fuzz-regressions/`.
pub const TARGETS: [(&str, Check); 3] = [
    ("loader", loader),
    ("analysis", analysis),
    ("config", config),
];

/// The loader: `data` as a Markdown and as a text file (decoding, front
/// matter or header, sanitising). Every string that comes out, and the
/// problem of a file that would be skipped, must be safe to print.
pub fn loader(data: &[u8]) -> Result<(), String> {
    for name in ["fuzz.md", "fuzz.txt"] {
        let article = match Article::from_bytes(Path::new(name), data.to_vec()) {
            Ok(article) => article,
            Err(problem) => {
                invariants::check_safe("problem", &problem.to_string(), false)?;
                continue;
            }
        };
        invariants::check_safe("body", &article.body, true)?;
        invariants::check_safe("title", &article.meta.title, false)?;
        let meta = &article.meta;
        for s in [&meta.author, &meta.source, &meta.url, &meta.summary]
            .into_iter()
            .flatten()
        {
            invariants::check_safe("meta", s, false)?;
        }
        for (k, v) in &meta.extra {
            invariants::check_safe("extra key", k, false)?;
            invariants::check_safe("extra value", v, false)?;
        }
        for w in &article.warnings {
            invariants::check_safe("warning", w, false)?;
        }
    }
    Ok(())
}

/// The analysis: `data` (lossily decoded) split into up to four articles at
/// form feeds, then segmenting, dates, entities and links. The invariants
/// of `tests/proptest_support/invariants.rs` must hold, and the same corpus
/// must give the same analysis.
pub fn analysis(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    let bodies: Vec<(String, Option<PartialDate>)> = text
        .split('\u{0C}')
        .take(4)
        .enumerate()
        .map(|(i, b)| (b.to_string(), PartialDate::day(2016, 5, 10 + i as i8)))
        .collect();
    let corpus = invariants::corpus_of(&bodies);
    let settings = Settings::default();
    let analysis = Analysis::run(&corpus, &settings);
    invariants::check(&corpus, &analysis)?;
    if Analysis::run(&corpus, &settings) != analysis {
        return Err("the same corpus gave another analysis".into());
    }
    Ok(())
}

/// The configuration: `data` (lossily decoded) as a user's `config.toml`
/// through [`Config::from_toml`]. An error must be a configuration error
/// whose line and column are inside the text, and its message must hold no
/// control character; a configuration that loads must print
/// (`--print-config`) a file that loads too.
pub fn config(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    let path = Path::new("fuzz/config.toml");
    let source = Source::File {
        path: path.to_path_buf(),
        how: "--config",
    };
    let error = match Config::from_toml(&text, path, source.clone()) {
        Ok(config) => {
            let printed = config.effective_toml();
            return match Config::from_toml(&printed, path, source) {
                Ok(_) => Ok(()),
                Err(e) => Err(format!(
                    "--print-config gives a file that does not load: {e}"
                )),
            };
        }
        Err(error) => error,
    };
    let shown = error.to_string();
    if let Some(c) = shown.chars().find(|&c| is_unsafe(c)) {
        return Err(format!("the error message holds {c:?}: {shown:?}"));
    }
    let Error::Config { line, column, .. } = error else {
        return Err(format!("not a configuration error: {shown:?}"));
    };
    // lines as `dossier::text::line_col` counts them: split at '\n' only
    let Some(at) = text.split('\n').nth(line.wrapping_sub(1)) else {
        return Err(format!(
            "line {line} of {}: {shown:?}",
            text.split('\n').count()
        ));
    };
    let width = at.chars().count();
    if column == 0 || column > width + 1 {
        return Err(format!(
            "column {column} of a line of {width} characters: {shown:?}"
        ));
    }
    Ok(())
}
