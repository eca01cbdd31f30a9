//! How the analysis scales from 1,000 to 10,000 articles: time and words per
//! second of each stage and of the whole analysis, the growth of the link
//! stage (target: at most 12× for 10× the articles), and the cache's write
//! and read times. Each figure is the median of a few runs; the 10,000
//! corpus (≈ 8 million words) is generated once under `target/bench-corpus/`.
//!
//! `cargo bench --bench scale` (`DOSSIER_BENCH_SIZES=1000,10000` by default).
//! `DOSSIER_BENCH_ONLY=dates,entities` times only the stages named (load,
//! sentences, dates, entities, links, analyze, cache, incremental), for
//! profiling one
//! stage with `perf record`; `DOSSIER_BENCH_RUNS` sets the runs per figure.
// A benchmark is a harness: a setup that fails should stop it loudly.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use dossier::analysis::{entities, links, Analysis, Settings};
use dossier::cache::Cache;
use dossier::corpus::Corpus;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// CPU time (all threads) of the last `median` call, per run, in
/// nanoseconds: on a shared machine, wall time says how loaded it was as
/// much as how fast the code is; CPU time is steadier.
static LAST_CPU_NS: AtomicU64 = AtomicU64::new(0);

/// The median time of `runs` calls of `f`.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let cpu0 = support::cpu_time();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    let cpu = match (cpu0, support::cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a) / runs.max(1) as u32,
        _ => Duration::ZERO,
    };
    LAST_CPU_NS.store(cpu.as_nanos() as u64, Ordering::Relaxed);
    times.sort();
    times[times.len() / 2]
}

/// One figure: wall time, words per second, and the CPU time of the last
/// `median` call.
fn line(n: usize, stage: &str, t: Duration, words: u64) {
    let cpu = Duration::from_nanos(LAST_CPU_NS.load(Ordering::Relaxed));
    println!(
        "scale {n:>6} articles  {stage:<14} {:>9.3} s  {:>12.0} words/s  (cpu {:.3} s)",
        t.as_secs_f64(),
        words as f64 / t.as_secs_f64(),
        cpu.as_secs_f64()
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::var("DOSSIER_BENCH_SIZES").ok().map_or_else(
        || vec![1_000, 10_000],
        |v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
    );
    let only: Option<Vec<String>> = std::env::var("DOSSIER_BENCH_ONLY")
        .ok()
        .map(|v| v.split(',').map(|s| s.trim().to_string()).collect());
    let wanted = |stage: &str| only.as_ref().is_none_or(|o| o.iter().any(|s| s == stage));
    let forced_runs: Option<usize> = std::env::var("DOSSIER_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok());
    let settings = Settings::default();
    let mut link_times = Vec::new();
    for &n in &sizes {
        let runs = forced_runs.unwrap_or(if n >= 10_000 { 1 } else { 3 });
        let dir = support::corpus_dir(n);
        let t_load = if wanted("load") {
            median(runs, || Corpus::load(&dir).expect("load"))
        } else {
            Duration::ZERO
        };
        let corpus = Corpus::load(&dir).expect("load");
        let words = support::words(&corpus);
        println!("scale {n:>6} articles  {words} words");
        if wanted("load") {
            line(n, "load", t_load, words);
        }
        let analysis = Analysis::run(&corpus, &settings);
        if wanted("sentences") {
            let t = median(runs, || support::sentences(&corpus));
            line(n, "sentences", t, words);
        }
        if wanted("dates") {
            let t = median(runs, || support::dates(&corpus, &analysis));
            line(n, "dates", t, words);
        }
        let docs = dossier::analysis::entity_docs(&corpus, &analysis.articles);
        if wanted("entities") {
            let t = median(runs, || entities::extract(&docs, &settings.entities));
            line(n, "entities", t, words);
        }
        let link_docs = dossier::analysis::link_docs(&corpus, &analysis.articles);
        if wanted("links") {
            let t_links = median(runs, || {
                links::link(&link_docs, &analysis.entities, &settings.links)
            });
            line(n, "links", t_links, words);
            link_times.push((n, t_links));
        }
        if wanted("analyze") {
            let t = median(runs, || Analysis::run(&corpus, &settings));
            line(n, "analyze", t, words);
            line(n, "load+analyze", t + t_load, words);
        }
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

        if wanted("incremental") {
            incremental(&dir, n, &settings, words);
        }
        if !wanted("cache") {
            continue;
        }
        let cache_dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::at(cache_dir.path());
        let file = cache.file_for(&corpus.root);
        let t = Instant::now();
        cache
            .store(&corpus, &settings, &analysis)
            .expect("write the cache");
        let t_fill = t.elapsed();
        let size = std::fs::metadata(&file).map_or(0, |m| m.len());
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

/// Reopening after adding one article, against a cold open: a copy of the
/// corpus opened with an empty cache (load, analysis, the cache files
/// written), then one article added and the copy opened again (load, the
/// stored analysis read and extended with the new article, the cache
/// written). Both are what `dossier` does on open. The extended analysis's
/// links of the new article are then compared with a cold analysis's.
fn incremental(dir: &std::path::Path, n: usize, settings: &Settings, words: u64) {
    let copy = tempfile::tempdir().expect("temp dir");
    let mut names: Vec<std::path::PathBuf> = Vec::new();
    for entry in std::fs::read_dir(dir).expect("list the corpus").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            std::fs::copy(&path, copy.path().join(entry.file_name())).expect("copy");
            names.push(path);
        }
    }
    names.sort();
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::at(cache_dir.path());
    let t = Instant::now();
    let corpus = Corpus::load(copy.path()).expect("load");
    let (cold, outcome, _) = cache.load_or_analyze_reusing(&corpus, settings, |_, _| {});
    let t_cold = t.elapsed();
    assert_eq!(outcome, dossier::cache::Outcome::Miss);
    // A second report of the story of the corpus's middle article: its
    // sentences in another order, under another title.
    let source = std::fs::read_to_string(&names[names.len() / 2]).expect("read an article");
    let body = source.rsplit("+++").next().unwrap_or("");
    let mut sentences: Vec<&str> = body.split_inclusive(". ").collect();
    sentences.reverse();
    std::fs::write(
        copy.path().join("zz-added.md"),
        format!(
            "+++\ntitle = \"One more\"\npublished = \"2016-05-20\"\n+++\n\n{}\n",
            sentences.concat().trim()
        ),
    )
    .expect("add an article");
    let t = Instant::now();
    let grown = Corpus::load(copy.path()).expect("load");
    let (after, outcome, reuse) = cache.load_or_analyze_reusing(&grown, settings, |_, _| {});
    let t_incr = t.elapsed();
    assert_eq!(outcome, dossier::cache::Outcome::Extended { added: 1 });
    assert_eq!(after.articles.len(), cold.articles.len() + 1);
    println!(
        "scale {n:>6} articles  reopen cold {:.3} s; after adding one {:.3} s \
         ({} reused, {} analysed): {:.2} of the cold time",
        t_cold.as_secs_f64(),
        t_incr.as_secs_f64(),
        reuse.reused,
        reuse.analysed,
        t_incr.as_secs_f64() / t_cold.as_secs_f64().max(1e-9)
    );
    let added = grown
        .articles
        .iter()
        .position(|a| a.id == "zz-added")
        .expect("the added article");
    let of_added = |a: &Analysis| -> std::collections::BTreeSet<_> {
        a.links
            .iter()
            .filter(|l| l.a.article == added || l.b.article == added)
            .map(|l| (l.a, l.b))
            .collect()
    };
    let full = Analysis::run(&grown, settings);
    let (extended, cold_links) = (of_added(&after), of_added(&full));
    println!(
        "scale {n:>6} articles  the added article's links: {} extended, {} cold, {} in both",
        extended.len(),
        cold_links.len(),
        extended.intersection(&cold_links).count()
    );
    let _ = words;
}
