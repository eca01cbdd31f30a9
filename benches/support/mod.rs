//! Shared by the benchmarks: generated corpora, written once under
//! `target/bench-corpus/` and reused by every later run.
#![allow(dead_code)]

use std::path::PathBuf;

/// The seed of every benchmark corpus, so figures are comparable over time.
pub const SEED: u64 = 2026;

/// The folder holding the generated corpus of `articles` articles, written
/// on first use (a `.complete` marker says the write finished).
pub fn corpus_dir(articles: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-corpus")
        .join(format!("{articles}-s{SEED}"));
    let marker = dir.join(".complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        dossier::generate::generate(&dir, articles, SEED).expect("write the bench corpus");
        std::fs::write(&marker, b"").expect("mark the bench corpus complete");
    }
    dir
}

/// The sentence stage alone: every article split, on every core.
pub fn sentences(
    corpus: &dossier::corpus::Corpus,
) -> Vec<Vec<dossier::analysis::segment::Sentence>> {
    use rayon::prelude::*;
    corpus
        .articles
        .par_iter()
        .map(|a| dossier::analysis::segment::split(&a.body))
        .collect()
}

/// The date stage alone, over sentences already split.
pub fn dates(
    corpus: &dossier::corpus::Corpus,
    analysis: &dossier::analysis::Analysis,
) -> Vec<Vec<dossier::analysis::dates::DateMention>> {
    use rayon::prelude::*;
    corpus
        .articles
        .par_iter()
        .zip(&analysis.articles)
        .map(|(a, x)| dossier::analysis::dates::extract(&a.body, &x.sentences, a.meta.published))
        .collect()
}

/// Words in every body of a loaded corpus (white-space separated).
pub fn words(corpus: &dossier::corpus::Corpus) -> u64 {
    corpus
        .articles
        .iter()
        .map(|a| a.body.split_whitespace().count() as u64)
        .sum()
}

/// Median and 99th percentile of durations, in microseconds.
pub fn median_p99(samples: &mut [std::time::Duration]) -> (f64, f64) {
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples[i].as_secs_f64() * 1e6
    };
    (at(0.5), at(0.99))
}

/// Peak resident memory of this process so far, in MiB (Linux `VmHWM`).
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// CPU time of this process so far, all threads, user plus system (Linux
/// `/proc/self/stat`, in clock ticks of 10 ms).
pub fn cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces: fields are counted after its ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(std::time::Duration::from_millis((utime + stime) * 10))
}
