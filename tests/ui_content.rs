//! The reader over the bundled articles with the real analysis: every view
//! opens and draws, and scripted keys never panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod ui_fixture;

use dossier::analysis::Analysis;
use dossier::app::App;
use dossier::config::Config;
use dossier::corpus::Corpus;
use std::path::Path;
use ui_fixture::{press, render, screen};

fn content_app() -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let corpus = Corpus::load(&dir).unwrap();
    let config = Config::builtin();
    let analysis = Analysis::run(&corpus, &config.analysis);
    App::new(corpus, analysis, config)
}

#[test]
fn opens_on_the_five_articles_in_date_order() {
    let mut a = content_app();
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("article 1/5"), "{s}");
    let dates: Vec<String> = a
        .corpus
        .articles
        .iter()
        .filter_map(|x| x.meta.published.map(|d| d.to_string()))
        .collect();
    let first = s.find(&dates[0]).unwrap();
    let last = s.find(&dates[dates.len() - 1]).unwrap();
    assert!(first < last);
}

#[test]
fn scripted_tour_never_panics() {
    let mut a = content_app();
    let script = "j j space G g g ] } { 3 tab j enter backspace 1 tab j enter G enter \
                  ctrl-o ctrl-i 2 tab enter t j G enter backspace backspace e s s j enter enter \
                  ctrl-o esc esc c j } tab enter backspace esc ? / q u i esc esc [ [ [ S P S P";
    for (i, k) in script.split_whitespace().enumerate() {
        press(&mut a, k);
        let (w, h) = [(80, 24), (120, 40), (40, 10), (200, 60)][i % 4];
        render(&mut a, w, h);
    }
    assert!(!a.quit);
}

#[test]
fn hostile_files_draw_without_panic_and_report_problems() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let corpus = Corpus::load(&dir).unwrap();
    let config = Config::builtin();
    let analysis = Analysis::run(&corpus, &config.analysis);
    let n = corpus.articles.len();
    let problems = corpus.problems.len();
    let mut a = App::new(corpus, analysis, config);
    if problems > 0 {
        assert!(
            a.status.is_some(),
            "problems are reported in the status line"
        );
    }
    for _ in 0..n {
        for keys in [
            "j", "G", "space", "t", "esc", "e", "esc", "c", "esc", "/ a", "esc",
        ] {
            press(&mut a, keys);
            for (w, h) in [(80, 24), (40, 10), (13, 3), (200, 50)] {
                let s = screen(&mut a, w, h);
                assert!(!s.contains('\u{1b}'), "no escape reaches the screen");
            }
        }
        press(&mut a, "]");
    }
}
