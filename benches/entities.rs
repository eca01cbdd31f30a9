//! Entity extraction throughput in words per second, on BBC business and
//! politics articles (over 100,000 words). Run with
//! `cargo bench --bench entities`; the corpus path is fixed to the shared
//! BBC folder, never the default corpus.
// A benchmark is a harness: a setup that fails should stop it loudly.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier::analysis::entities::{self, Doc, EntitySettings};
use dossier::analysis::segment::{self, Sentence};
use dossier::corpus::{Article, Corpus};
use std::hint::black_box;
use std::path::Path;

const FOLDERS: &[&str] = &["/work/shared/bbc/business", "/work/shared/bbc/politics"];

fn load() -> Vec<Article> {
    FOLDERS
        .iter()
        .filter_map(|f| Corpus::load(Path::new(f)).ok())
        .flat_map(|c| c.articles)
        .collect()
}

fn bench(c: &mut Criterion) {
    let articles = load();
    let sentences: Vec<Vec<Sentence>> = articles.iter().map(|a| segment::split(&a.body)).collect();
    let docs: Vec<Doc<'_>> = articles
        .iter()
        .zip(&sentences)
        .map(|(a, s)| Doc {
            body: &a.body,
            sentences: s,
        })
        .collect();
    let words: usize = articles
        .iter()
        .map(|a| a.body.split_whitespace().count())
        .sum();
    eprintln!("entities bench: {} articles, {words} words", articles.len());
    let settings = EntitySettings::default();
    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Elements(words as u64));
    g.sample_size(10);
    g.bench_function("extract_bbc_business_politics", |b| {
        b.iter(|| black_box(entities::extract(black_box(&docs), &settings)));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
