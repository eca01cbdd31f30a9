//! Peak memory of opening the 10,000-article corpus cold: load, analyse,
//! write the cache, build the reader and draw its first frame. Peak resident
//! set size is read from `VmHWM` in `/proc/self/status` after each phase, so
//! this binary does nothing else (Linux only).
//!
//! `cargo bench --bench memory` (`DOSSIER_BENCH_SIZES` to change the size).
// A benchmark is a harness: a setup that fails should stop it loudly.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use dossier::analysis::Analysis;
use dossier::app::App;
use dossier::cache::Cache;
use dossier::config::Config;
use dossier::corpus::Corpus;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn phase(n: usize, what: &str) {
    match support::peak_rss_mib() {
        Some(mib) => println!("memory {n:>6} articles  after {what:<16} peak {mib:>8.1} MiB"),
        None => println!("memory {n:>6} articles  after {what:<16} peak unknown (no /proc)"),
    }
}

fn main() {
    let n: usize = std::env::var("DOSSIER_BENCH_SIZES")
        .ok()
        .and_then(|v| v.split(',').next_back().and_then(|s| s.trim().parse().ok()))
        .unwrap_or(10_000);
    // generate first, then measure in a fresh process when it was missing,
    // so that the generator's own memory never counts
    let dir = support::corpus_dir(n);
    phase(n, "start");
    let config = Config::builtin();
    let corpus = Corpus::load(&dir).expect("load");
    phase(n, "load");
    let analysis = Analysis::run(&corpus, &config.analysis);
    phase(n, "analyse");
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::at(cache_dir.path());
    cache
        .store(&corpus, &config.analysis, &analysis)
        .expect("write the cache");
    phase(n, "cache write");
    let app = App::new(corpus, analysis, config);
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("test terminal");
    term.draw(|f| dossier::ui::draw(f, &app))
        .expect("draw into the test backend");
    phase(n, "first frame");
}
