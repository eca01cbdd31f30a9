//! Search on a large corpus: building the folded index once, and a query
//! typed character by character (each keystroke rescans every article).
//! Uses the BBC set in /work/shared/bbc (or $`DOSSIER_BENCH_CORPUS`) regrouped
//! into 1,000 articles.
// A benchmark is a harness: a setup that fails should stop it loudly.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use criterion::{criterion_group, criterion_main, Criterion};
use dossier::app::search::SearchIndex;
use dossier::corpus::Corpus;
use std::hint::black_box;
use std::path::PathBuf;

fn corpus() -> Option<Corpus> {
    let dir = std::env::var_os("DOSSIER_BENCH_CORPUS")
        .map_or_else(|| PathBuf::from("/work/shared/bbc"), PathBuf::from);
    Corpus::load(&dir).ok()
}

fn bench(c: &mut Criterion) {
    let Some(mut corpus) = corpus() else {
        eprintln!("no corpus for the search benchmark");
        return;
    };
    // the scale: 1,000 articles of about 800 words. The BBC set has
    // 2,225 shorter ones, so each article here joins two or three of them.
    let all = std::mem::take(&mut corpus.articles);
    let n = all.len();
    let groups = 1000.min(n);
    for g in 0..groups {
        let part = &all[g * n / groups..(g + 1) * n / groups];
        let mut article = part[0].clone();
        article.body = part
            .iter()
            .map(|a| a.body.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        corpus.articles.push(article);
    }
    let words: usize = corpus
        .articles
        .iter()
        .map(|a| a.body.split_whitespace().count())
        .sum();
    eprintln!("{} articles, {words} words", corpus.articles.len());
    let no_sentences = |_: usize| -> &'static [dossier::analysis::segment::Sentence] { &[] };

    let mut g = c.benchmark_group("search_1000");
    g.sample_size(20);
    g.bench_function("build_index", |b| {
        b.iter(|| black_box(SearchIndex::new(&corpus)));
    });
    let index = SearchIndex::new(&corpus);
    for query in ["e", "the", "government", "Blair", "zzqx"] {
        g.bench_function(format!("query_{query}"), |b| {
            b.iter(|| black_box(index.search_with(query, no_sentences).len()));
        });
    }
    g.bench_function("type_government_keystroke_by_keystroke", |b| {
        let q = "government";
        b.iter(|| {
            for n in 1..=q.len() {
                black_box(index.search_with(&q[..n], no_sentences).len());
            }
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
