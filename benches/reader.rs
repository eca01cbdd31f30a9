//! The reader's speed on generated corpora of 1,000 and 10,000 articles,
//! drawn into ratatui's `TestBackend` (160×48), opened the way `dossier DIR`
//! opens them: time to the first frame (load, plain text, progress gauge)
//! and to the frame showing the analysis (worker: cache lookup, analysis or
//! cache read, cache write, indexes; swap; draw), cold and from the cache;
//! and time per keypress plus frame, median and 99th percentile, for
//! moving, paging, switching articles, opening the timeline, filtering a
//! list, searching the corpus, and moving while the analysis runs.
//!
//! `cargo bench --bench reader` (set `DOSSIER_BENCH_SIZES=1000` for a
//! quicker run). It prints a table; no criterion, since a keypress is one
//! sample of a distribution rather than a loop to repeat.
// A benchmark is a harness: a setup that fails should stop it loudly.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use dossier::app::loading::{self, Message, Stage};
use dossier::app::search::SearchIndex;
use dossier::app::App;
use dossier::cache::Cache;
use dossier::config::keys::Key;
use dossier::config::Config;
use dossier::corpus::Corpus;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;
use ratatui::Terminal;
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::{Duration, Instant};

const W: u16 = 160;
const H: u16 = 48;

struct Screen {
    term: Terminal<TestBackend>,
}

impl Screen {
    fn new() -> Self {
        Self {
            term: Terminal::new(TestBackend::new(W, H)).expect("test terminal"),
        }
    }

    /// Draws as the event loop does: the app keeps what the frame measured.
    fn draw(&mut self, app: &mut App) {
        dossier::ui::render(&mut self.term, app).expect("draw into the test backend");
    }
}

fn key(s: &str) -> KeyEvent {
    let k = Key::parse(s).expect("a valid key");
    KeyEvent::new(k.code, k.mods)
}

/// Presses each key and draws, timing the pair.
fn timed(app: &mut App, screen: &mut Screen, keys: &[&str], out: &mut Vec<Duration>) {
    for k in keys {
        let ev = key(k);
        let t = Instant::now();
        app.handle_key(ev);
        screen.draw(app);
        out.push(t.elapsed());
    }
}

/// Presses keys and draws without timing (to set up the next samples).
fn untimed(app: &mut App, screen: &mut Screen, keys: &[&str]) {
    for k in keys {
        app.handle_key(key(k));
    }
    screen.draw(app);
}

fn report(n: usize, what: &str, samples: &mut [Duration]) {
    let (median, p99) = support::median_p99(samples);
    println!(
        "reader {n:>6} articles  {what:<22} median {:>8.3} ms  p99 {:>8.3} ms  ({} samples)",
        median / 1000.0,
        p99 / 1000.0,
        samples.len()
    );
}

/// Opens the reader as `dossier DIR` does: load, first frame at once, then
/// the analysis from a worker (through `cache`), swapped in when it comes.
/// Returns the app, the time to the first frame, the time until the
/// analysis was drawn, the time until the indexes had arrived too, and
/// whether it came from the cache. With `keys`, a
/// `j` is pressed and drawn (and timed) every few milliseconds meanwhile.
fn open_reader(
    dir: &std::path::Path,
    config: &Config,
    cache: &Cache,
    screen: &mut Screen,
    mut keys: Option<&mut Vec<Duration>>,
) -> (App, Duration, Duration, Duration, bool) {
    let t = Instant::now();
    let corpus = Arc::new(Corpus::load(dir).expect("load"));
    let mut app = App::loading(Arc::clone(&corpus), config.clone());
    screen.draw(&mut app);
    let first = t.elapsed();
    let rx = loading::spawn(corpus, config.analysis.clone(), Some(cache.clone()))
        .expect("start the worker");
    let mut from_cache = false;
    let mut shown = Duration::ZERO;
    // when each stage of the worker started
    let mut stages: Vec<(Stage, Instant)> = Vec::new();
    loop {
        let msg = match rx.recv_timeout(Duration::from_millis(5)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => {
                if let Some(out) = keys.as_deref_mut() {
                    timed(&mut app, screen, &["j"], out);
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => panic!("the worker ended without a result"),
        };
        let done = match &msg {
            Message::Analysed(a) => {
                from_cache = a.from_cache;
                app.receive(msg);
                // the marks are drawn as soon as they are there
                screen.draw(&mut app);
                shown = t.elapsed();
                continue;
            }
            Message::Indexed(_) => true,
            Message::Failed(e) => panic!("{e}"),
            Message::Progress(p) => {
                if stages.last().is_none_or(|s| s.0 != p.stage) {
                    stages.push((p.stage, Instant::now()));
                }
                false
            }
        };
        app.receive(msg);
        if done {
            break;
        }
    }
    let swap = Instant::now();
    screen.draw(&mut app);
    let ready = t.elapsed();
    stages.push((Stage::Index, swap));
    let parts: Vec<String> = stages
        .windows(2)
        .map(|w| {
            format!(
                "{} {:.3} s",
                w[0].0.label(),
                w[1].1.duration_since(w[0].1).as_secs_f64()
            )
        })
        .collect();
    println!("    worker stages: {}", parts.join(", "));
    (app, first, shown, ready, from_cache)
}

fn bench_size(n: usize) {
    let dir = support::corpus_dir(n);
    let config = Config::builtin();
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::at(cache_dir.path());

    // cold: nothing cached; the worker analyses and stores
    let mut screen = Screen::new();
    let (app, cold_first, cold_shown, cold_ready, hit) =
        open_reader(&dir, &config, &cache, &mut screen, None);
    assert!(!hit);
    drop(app);
    // from the cache the cold run wrote
    let mut screen = Screen::new();
    let (mut app, cached_first, cached_shown, cached_ready, hit) =
        open_reader(&dir, &config, &cache, &mut screen, None);
    assert!(hit, "the second open reads the cache");
    println!(
        "reader {n:>6} articles  first frame cold {:>8.3} s   cached {:>8.3} s",
        cold_first.as_secs_f64(),
        cached_first.as_secs_f64(),
    );
    println!(
        "reader {n:>6} articles  analysis shown cold {:>8.3} s   cached {:>8.3} s",
        cold_shown.as_secs_f64(),
        cached_shown.as_secs_f64(),
    );
    println!(
        "reader {n:>6} articles  indexes ready cold {:>8.3} s   cached {:>8.3} s",
        cold_ready.as_secs_f64(),
        cached_ready.as_secs_f64(),
    );

    let mut s = Vec::new();
    for _ in 0..20 {
        timed(&mut app, &mut screen, &["j"; 20], &mut s);
        untimed(&mut app, &mut screen, &["g", "g"]);
    }
    report(n, "move (j)", &mut s);

    let mut s = Vec::new();
    for _ in 0..40 {
        timed(&mut app, &mut screen, &["space"; 5], &mut s);
        untimed(&mut app, &mut screen, &["g", "g"]);
    }
    report(n, "page (space)", &mut s);

    let mut s = Vec::new();
    timed(&mut app, &mut screen, &["]"; 400], &mut s);
    report(n, "switch article (])", &mut s);

    let mut open = Vec::new();
    let mut inside = Vec::new();
    let mut filter = Vec::new();
    // opening the timeline is slow at 10,000 articles: fewer rounds there
    let rounds = if n >= 10_000 { 5 } else { 30 };
    for _ in 0..rounds {
        timed(&mut app, &mut screen, &["t"], &mut open);
        timed(&mut app, &mut screen, &["j", "j", "space"], &mut inside);
        timed(
            &mut app,
            &mut screen,
            &["/", "s", "u", "m", "m", "i", "t", "backspace"],
            &mut filter,
        );
        untimed(&mut app, &mut screen, &["esc", "esc"]);
    }
    report(n, "open timeline (t)", &mut open);
    report(n, "move in timeline", &mut inside);
    report(n, "filter timeline (/…)", &mut filter);

    // the corpus-wide entity list, and an entity's mentions from it and from
    // the panel: opening the list (Enter) and moving in it are timed apart;
    // the entities listed first are the most mentioned, the slowest to list
    let mut index_keys = Vec::new();
    let mut open_mentions = Vec::new();
    let mut in_mentions = Vec::new();
    for round in 0..30 {
        timed(&mut app, &mut screen, &["e"], &mut index_keys);
        let down = vec!["j"; round % 10];
        untimed(&mut app, &mut screen, &down);
        timed(&mut app, &mut screen, &["enter"], &mut open_mentions);
        timed(
            &mut app,
            &mut screen,
            &["j", "j", "space", "k", "G", "g", "g"],
            &mut in_mentions,
        );
        untimed(&mut app, &mut screen, &["esc", "esc", "esc", "]"]);
        // focus the panel (article → panel) and list its first entity
        untimed(&mut app, &mut screen, &["tab"]);
        timed(&mut app, &mut screen, &["enter"], &mut open_mentions);
        timed(&mut app, &mut screen, &["j", "space"], &mut in_mentions);
        untimed(&mut app, &mut screen, &["esc", "esc", "1"]);
    }
    report(n, "entity list (e)", &mut index_keys);
    report(n, "open mentions (enter)", &mut open_mentions);
    report(n, "move in mentions", &mut in_mentions);

    // filtering an entity's mentions: the first key reads every row
    let mut filter_mentions = Vec::new();
    for round in 0..10 {
        untimed(&mut app, &mut screen, &["e"]);
        let down = vec!["j"; round];
        untimed(&mut app, &mut screen, &down);
        untimed(&mut app, &mut screen, &["enter"]);
        timed(
            &mut app,
            &mut screen,
            &["/", "t", "h", "e", "backspace"],
            &mut filter_mentions,
        );
        for _ in 0..10 {
            if app.views.is_empty() {
                break;
            }
            app.handle_key(key("esc"));
        }
    }
    report(n, "filter mentions (/…)", &mut filter_mentions);

    let t = Instant::now();
    let index = SearchIndex::new(&app.corpus);
    // as the reader's worker does
    index.prepare_case_sensitive();
    let built = t.elapsed();
    let mut s = Vec::new();
    for q in [
        "summit",
        "minister",
        "pipeline deal",
        "Veloria",
        "per cent",
        "zzz",
    ] {
        for _ in 0..5 {
            let t = Instant::now();
            let results = index.search(&app.analysis, q);
            std::hint::black_box(results.len());
            s.push(t.elapsed());
        }
    }
    println!(
        "reader {n:>6} articles  search index built in {:.3} s",
        built.as_secs_f64()
    );
    report(n, "search query", &mut s);

    // typing a query into the reader: each key searches the corpus again
    let mut typing = Vec::new();
    let mut step = Vec::new();
    for q in ["summit", "minister", "Veloria"] {
        let mut keys = vec!["/"];
        let letters: Vec<String> = q.chars().map(String::from).collect();
        keys.extend(letters.iter().map(String::as_str));
        timed(&mut app, &mut screen, &keys, &mut typing);
        // Enter starts the full search (typing looks near the reader only)
        timed(&mut app, &mut screen, &["enter"], &mut typing);
        // which finds every match on another thread (untimed: no key waits)
        app.wait_background();
        timed(&mut app, &mut screen, &["n"; 20], &mut step);
        timed(&mut app, &mut screen, &["N"; 10], &mut step);
    }
    report(n, "search typing (/…)", &mut typing);
    report(n, "search next (n/N)", &mut step);
    drop(app);

    // keys while the analysis runs on both cores
    let fresh = tempfile::tempdir().expect("temp dir");
    let mut during = Vec::new();
    let mut screen = Screen::new();
    open_reader(
        &dir,
        &config,
        &Cache::at(fresh.path()),
        &mut screen,
        Some(&mut during),
    );
    report(n, "move while analysing", &mut during);
}

fn main() {
    // wall-clock figures on a shared machine: say how busy it was
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        println!(
            "load average {} on {cores} cores",
            load.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    let sizes: Vec<usize> = std::env::var("DOSSIER_BENCH_SIZES").ok().map_or_else(
        || vec![1_000, 10_000],
        |v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
    );
    for n in sizes {
        bench_size(n);
    }
}
