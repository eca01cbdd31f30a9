//! Throughput of each analysis stage, in words per second, on generated
//! corpora of 100 and 1,000 articles: loading, sentences, dates, entities,
//! links, and the whole analysis. `cargo bench --bench analysis`.
// A benchmark is a harness: a setup that fails should stop it loudly.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dossier::analysis::{entities, links, Analysis, Settings};
use dossier::corpus::Corpus;
use std::hint::black_box;
use std::time::Duration;

fn stages(c: &mut Criterion) {
    let settings = Settings::default();
    let mut group = c.benchmark_group("stage");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for n in [100usize, 1_000] {
        let dir = support::corpus_dir(n);
        let corpus = Corpus::load(&dir).expect("load the bench corpus");
        let words = support::words(&corpus);
        let analysis = Analysis::run(&corpus, &settings);
        group.throughput(Throughput::Elements(words));

        group.bench_with_input(BenchmarkId::new("load", n), &dir, |b, dir| {
            b.iter(|| Corpus::load(dir).expect("load"));
        });
        group.bench_with_input(BenchmarkId::new("sentences", n), &corpus, |b, corpus| {
            b.iter(|| support::sentences(corpus));
        });
        group.bench_with_input(BenchmarkId::new("dates", n), &corpus, |b, corpus| {
            b.iter(|| support::dates(corpus, &analysis));
        });
        let docs = dossier::analysis::entity_docs(&corpus, &analysis.articles);
        group.bench_with_input(BenchmarkId::new("entities", n), &docs, |b, docs| {
            b.iter(|| entities::extract(black_box(docs), &settings.entities));
        });
        let link_docs = dossier::analysis::link_docs(&corpus, &analysis.articles);
        group.bench_with_input(BenchmarkId::new("links", n), &link_docs, |b, docs| {
            b.iter(|| links::link(black_box(docs), &analysis.entities, &settings.links));
        });
        group.bench_with_input(BenchmarkId::new("analyze", n), &corpus, |b, corpus| {
            b.iter(|| Analysis::run(corpus, &settings));
        });
        group.bench_with_input(BenchmarkId::new("load+analyze", n), &dir, |b, dir| {
            b.iter(|| {
                let corpus = Corpus::load(dir).expect("load");
                Analysis::run(&corpus, &settings)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
