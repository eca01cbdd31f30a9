//! Writes, as JSON on standard output, the link model's features of every
//! pair of sentences of different articles that share a claim term, for
//! `scripts/fit_links.py` to fit the model on:
//!
//! ```sh
//! cargo run --release --example link_features -- DIR > pairs.json
//! ```
//!
//! `{"features": [names], "articles": [{"id", "sentences": [text]}],
//! "pairs": [[article, sentence, article, sentence, feature…]]}`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a tool, not the library

use dossier::analysis::links::{model::FEATURE_NAMES, pair_features};
use dossier::analysis::{link_docs, Analysis, Settings};
use dossier::corpus::Corpus;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: link_features DIR"))?;
    let corpus = Corpus::load(Path::new(&dir))?;
    let analysis = Analysis::run(&corpus, &Settings::default());
    let docs = link_docs(&corpus, &analysis.articles);
    let pairs = pair_features(&docs, &analysis.entities);
    let articles: Vec<Value> = corpus
        .articles
        .iter()
        .zip(&analysis.articles)
        .map(|(a, x)| {
            let sentences: Vec<&str> = x
                .sentences
                .iter()
                .map(|s| a.body.get(s.range()).unwrap_or(""))
                .collect();
            json!({"id": a.id, "sentences": sentences})
        })
        .collect();
    let rows: Vec<Value> = pairs
        .iter()
        .map(|p| {
            let mut row = vec![
                json!(p.a.article),
                json!(p.a.sentence),
                json!(p.b.article),
                json!(p.b.sentence),
            ];
            row.extend(
                p.features
                    .iter()
                    .map(|&f| json!((f64::from(f) * 1e5).round() / 1e5)),
            );
            Value::Array(row)
        })
        .collect();
    let out = json!({"features": FEATURE_NAMES, "articles": articles, "pairs": rows});
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer(&mut stdout, &out)?;
    writeln!(stdout)?;
    Ok(())
}
