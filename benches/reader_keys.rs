//! Key handling plus one frame on a 1,000-article generated corpus: the
//! median and 99th-percentile time per keypress (issue 6). A plain harness,
//! since percentiles of single keypresses are the figure wanted, not
//! criterion's mean of batches.

use dossier::analysis::Analysis;
use dossier::app::App;
use dossier::config::keys::Key;
use dossier::config::Config;
use dossier::corpus::Corpus;
use dossier::generate::Generator;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;
use ratatui::Terminal;
use std::time::{Duration, Instant};

const ARTICLES: usize = 1_000;
const ROUNDS: usize = 20;

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    Generator::new(ARTICLES, 7).write(dir.path())?;
    let corpus = Corpus::load(dir.path())?;
    let config = Config::builtin();
    let t0 = Instant::now();
    let analysis = Analysis::run(&corpus, &config.analysis);
    let analysed = t0.elapsed();
    let mut app = App::new(corpus, analysis, config);
    if std::env::var_os("READER_KEYS_DETAIL").is_some() {
        let t = Instant::now();
        let v = dossier::app::views::timeline(&app.corpus, &app.analysis);
        println!(
            "timeline rows {} built in {:.1?}",
            v.rows.len(),
            t.elapsed()
        );
        let t = Instant::now();
        let v = dossier::app::views::entity_index(
            &app.corpus,
            &app.analysis,
            dossier::app::views::IndexSort::Name,
        );
        println!("index rows {} built in {:.1?}", v.rows.len(), t.elapsed());
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
    terminal.draw(|f| dossier::ui::draw(f, &app))?;
    // reading keys, article changes, panel, links, and the corpus-wide views
    let script = "j j j k space b G g g ] ] } } 3 tab j k tab tab 1 tab j tab [ \
                  t j j G esc e s j esc c j } esc / s a i d enter n n N ? esc";
    let keys: Vec<Key> = script
        .split_whitespace()
        .map(|k| Key::parse(k).map_err(anyhow::Error::msg))
        .collect::<Result<_, _>>()?;
    let mut times: Vec<(Duration, String)> = Vec::new();
    for _ in 0..ROUNDS {
        for k in &keys {
            let start = Instant::now();
            app.handle_key(KeyEvent::new(k.code, k.mods));
            terminal.draw(|f| dossier::ui::draw(f, &app))?;
            app.note_seen();
            times.push((start.elapsed(), k.to_string()));
        }
    }
    times.sort_by_key(|t| t.0);
    let mut slowest: Vec<(Duration, String)> = Vec::new();
    for (d, k) in times.iter().rev() {
        if !slowest.iter().any(|s| &s.1 == k) {
            slowest.push((*d, k.clone()));
        }
        if slowest.len() == 5 {
            break;
        }
    }
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize].0;
    println!(
        "reader_keys: {ARTICLES} articles (analysis {analysed:.2?}), {} keypresses + frames at 120x40",
        times.len()
    );
    println!(
        "  median {:.2?}  p90 {:.2?}  p99 {:.2?}  max {:.2?} ({})",
        pct(0.5),
        pct(0.9),
        pct(0.99),
        times[times.len() - 1].0,
        times[times.len() - 1].1
    );
    let worst: Vec<String> = slowest
        .iter()
        .map(|(d, k)| format!("{k} {d:.1?}"))
        .collect();
    println!("  slowest keys: {}", worst.join(", "));
    Ok(())
}
