//! How the analysis scales from 1,000 to 10,000 articles: time and words per
//! second of each stage and of the whole analysis, the growth of the link
//! stage (target: at most 12× for 10× the articles), and the cache's write
//! and read times. Each figure is the median of a few runs; the 10,000
//! corpus (≈ 8 million words) is generated once under `target/bench-corpus/`.
//!
//! `cargo bench --bench scale` (`DOSSIER_BENCH_SIZES=1000,10000` by default).

mod support;

use dossier::analysis::{dates, entities, links, segment, Analysis, Settings};
use dossier::cache::Cache;
use dossier::corpus::Corpus;
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// The median time of `runs` calls of `f`.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn line(n: usize, stage: &str, t: Duration, words: u64) {
    println!(
        "scale {n:>6} articles  {stage:<14} {:>9.3} s  {:>12.0} words/s",
        t.as_secs_f64(),
        words as f64 / t.as_secs_f64()
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::var("DOSSIER_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    let settings = Settings::default();
    let mut link_times = Vec::new();
    for &n in &sizes {
        let runs = if n >= 10_000 { 1 } else { 3 };
        let dir = support::corpus_dir(n);
        let t_load = median(runs, || Corpus::load(&dir).expect("load"));
        let corpus = Corpus::load(&dir).expect("load");
        let words = support::words(&corpus);
        println!("scale {n:>6} articles  {words} words");
        line(n, "load", t_load, words);
        let analysis = Analysis::run(&corpus, &settings);
        let t = median(runs, || {
            corpus
                .articles
                .par_iter()
                .map(|a| segment::split(&a.body))
                .collect::<Vec<_>>()
        });
        line(n, "sentences", t, words);
        let t = median(runs, || {
            corpus
                .articles
                .par_iter()
                .zip(&analysis.articles)
                .map(|(a, x)| dates::extract(&a.body, &x.sentences, a.meta.published))
                .collect::<Vec<_>>()
        });
        line(n, "dates", t, words);
        let docs: Vec<entities::Doc<'_>> = corpus
            .articles
            .iter()
            .zip(&analysis.articles)
            .map(|(a, x)| entities::Doc {
                body: &a.body,
                sentences: &x.sentences,
            })
            .collect();
        let t = median(runs, || entities::extract(&docs, &settings.entities));
        line(n, "entities", t, words);
        let link_docs: Vec<links::LinkDoc<'_>> = corpus
            .articles
            .iter()
            .zip(&analysis.articles)
            .map(|(a, x)| links::LinkDoc {
                body: &a.body,
                sentences: &x.sentences,
                mentions: &x.mentions,
                dates: &x.dates,
                published: a.meta.published,
            })
            .collect();
        let t_links = median(runs, || {
            links::link(&link_docs, &analysis.entities, &settings.links)
        });
        line(n, "links", t_links, words);
        link_times.push((n, t_links));
        let t = median(runs, || Analysis::run(&corpus, &settings));
        line(n, "analyze", t, words);
        line(n, "load+analyze", t + t_load, words);
        println!(
            "scale {n:>6} articles  {} entities, {} links, {} mentions, {} dates",
            analysis.entities.len(),
            analysis.links.len(),
            analysis
                .articles
                .iter()
                .map(|a| a.mentions.len())
                .sum::<usize>(),
            analysis
                .articles
                .iter()
                .map(|a| a.dates.len())
                .sum::<usize>()
        );

        let cache_dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::at(cache_dir.path());
        let file = cache.file_for(&corpus.root);
        let t = Instant::now();
        cache
            .store(&corpus, &settings, &analysis)
            .expect("write the cache");
        let t_fill = t.elapsed();
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        let t_hit = median(runs, || {
            cache.load_or_analyze(&corpus, &settings, |_, _| {})
        });
        println!(
            "scale {n:>6} articles  cache: write {:.3} s, read (hit) {:.3} s, file {:.1} MiB",
            t_fill.as_secs_f64(),
            t_hit.as_secs_f64(),
            size as f64 / (1024.0 * 1024.0)
        );
    }
    for pair in link_times.windows(2) {
        let ((n0, t0), (n1, t1)) = (pair[0], pair[1]);
        println!(
            "scale links {n0} -> {n1} articles: {:.2}x the time for {:.0}x the articles",
            t1.as_secs_f64() / t0.as_secs_f64().max(1e-9),
            n1 as f64 / n0 as f64
        );
    }
}
