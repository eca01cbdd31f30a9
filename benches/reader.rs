//! The reader's speed on generated corpora of 1,000 and 10,000 articles,
//! drawn into ratatui's `TestBackend` (160×48): time to first frame, cold
//! (load, analyse, first draw) and from the cache (load, cached analysis,
//! first draw), and time per keypress plus frame, median and 99th
//! percentile, for moving, paging, switching articles, opening the
//! timeline, filtering a list and searching the corpus.
//!
//! `cargo bench --bench reader` (set `DOSSIER_BENCH_SIZES=1000` for a
//! quicker run). It prints a table; no criterion, since a keypress is one
//! sample of a distribution rather than a loop to repeat.

mod support;

use dossier::analysis::Analysis;
use dossier::app::search::SearchIndex;
use dossier::app::App;
use dossier::cache::{Cache, Outcome};
use dossier::config::keys::Key;
use dossier::config::Config;
use dossier::corpus::Corpus;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;
use ratatui::Terminal;
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

    fn draw(&mut self, app: &App) {
        self.term
            .draw(|f| dossier::ui::draw(f, app))
            .expect("draw into the test backend");
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

fn bench_size(n: usize) {
    let dir = support::corpus_dir(n);
    let config = Config::builtin();
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::at(cache_dir.path());

    // cold: nothing cached (storing the analysis for the cached open is
    // not counted)
    let t = Instant::now();
    let corpus = Corpus::load(&dir).expect("load");
    let analysis = Analysis::run(&corpus, &config.analysis);
    let mut cold = t.elapsed();
    cache
        .store(&corpus, &config.analysis, &analysis)
        .expect("write the cache");
    let t = Instant::now();
    let app = App::new(corpus, analysis, config.clone());
    let mut screen = Screen::new();
    screen.draw(&app);
    cold += t.elapsed();
    drop(app);

    let t = Instant::now();
    let corpus = Corpus::load(&dir).expect("load");
    let t_load = t.elapsed();
    let (analysis, outcome) = cache.load_or_analyze(&corpus, &config.analysis, |_, _| {});
    let t_cache = t.elapsed() - t_load;
    assert_eq!(outcome, Outcome::Hit);
    let mut app = App::new(corpus, analysis, config.clone());
    let mut screen = Screen::new();
    screen.draw(&app);
    let cached = t.elapsed();
    println!(
        "reader {n:>6} articles  first frame cold {:>8.3} s   cached {:>8.3} s (load {:.3} s, cache read {:.3} s)",
        cold.as_secs_f64(),
        cached.as_secs_f64(),
        t_load.as_secs_f64(),
        t_cache.as_secs_f64()
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
    for _ in 0..30 {
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

    let t = Instant::now();
    let index = SearchIndex::new(&app.corpus);
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
}

fn main() {
    let sizes: Vec<usize> = std::env::var("DOSSIER_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    for n in sizes {
        bench_size(n);
    }
}
