//! Problems with files are visible in the reader: skipped files are listed
//! in the sources pane with their reason, and articles that opened with
//! warnings carry a mark there and show the warnings above their text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod ui_fixture;

use dossier::analysis::Analysis;
use dossier::app::App;
use dossier::config::Config;
use dossier::corpus::Corpus;
use std::fs;
use ui_fixture::{press, screen};

/// A folder with a clean article, one in Windows-1252 and a binary file.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a-clean.md"),
        "+++\ntitle = \"Clean story\"\npublished = 2020-01-01\n+++\nA plain sentence here. Another one.\n",
    )
    .unwrap();
    // "café" with é as 0xE9: not UTF-8
    let mut latin = b"+++\ntitle = \"Latin story\"\npublished = 2020-01-02\n+++\nThe caf".to_vec();
    latin.extend_from_slice(b"\xe9 opened today. It was busy.\n");
    fs::write(dir.path().join("b-latin.md"), latin).unwrap();
    fs::write(
        dir.path().join("c-binary.md"),
        b"\x00\x01\x02binary\x00junk",
    )
    .unwrap();
    dir
}

fn open(dir: &std::path::Path) -> App {
    let corpus = Corpus::load(dir).unwrap();
    let config = Config::builtin();
    let analysis = Analysis::run(&corpus, &config.analysis);
    App::new(corpus, analysis, config)
}

#[test]
fn skipped_files_are_listed_with_their_reason_and_not_selectable() {
    let dir = folder();
    let mut app = open(dir.path());
    assert_eq!(app.corpus.articles.len(), 2, "the binary file is skipped");
    let s = screen(&mut app, 120, 30);
    assert!(
        s.contains("· 1 skipped"),
        "the sources title counts it:\n{s}"
    );
    let line = s
        .lines()
        .find(|l| l.contains("✗ c-binary.md"))
        .unwrap_or_else(|| panic!("skipped file listed:\n{s}"));
    assert!(line.contains("✗ c-binary.md"));
    let reason = app
        .corpus
        .problems
        .iter()
        .find(|p| p.skipped)
        .unwrap()
        .message
        .clone();
    let shown: String = reason.chars().take(12).collect();
    assert!(s.contains(&shown), "reason {reason:?} shown:\n{s}");
    // moving down the sources list never lands on the skipped file
    press(&mut app, "1 tab j j j j G");
    assert!(app.article < app.corpus.articles.len());
    let s = screen(&mut app, 120, 30);
    assert!(s.contains("✗ c-binary.md"));
}

#[test]
fn articles_with_warnings_are_marked_and_show_them_on_top() {
    let dir = folder();
    let mut app = open(dir.path());
    let latin = app
        .corpus
        .articles
        .iter()
        .position(|a| a.id == "b-latin")
        .unwrap();
    let warning = app.corpus.articles[latin].warnings.first().cloned();
    let warning = warning.expect("a Windows-1252 file opens with a warning");
    assert!(warning.contains("UTF-8"), "{warning}");
    let s = screen(&mut app, 120, 30);
    let marked: Vec<&str> = s.lines().filter(|l| l.contains("⚠ Latin story")).collect();
    assert_eq!(marked.len(), 1, "the warned article is marked:\n{s}");
    assert!(!s.contains("⚠ Clean story"), "the clean one is not:\n{s}");
    assert!(
        !s.contains(&format!("⚠ {warning}")),
        "not shown before opening"
    );
    // open it: the warning is above the text, before the first sentence
    while app.article != latin {
        press(&mut app, "]");
    }
    let s = screen(&mut app, 120, 30);
    let shown = format!("⚠ {warning}");
    let w_row = s.lines().position(|l| l.contains(&shown));
    let w_row = w_row.unwrap_or_else(|| panic!("warning shown:\n{s}"));
    let body_row = s.lines().position(|l| l.contains("opened today")).unwrap();
    assert!(w_row < body_row, "the warning comes first:\n{s}");
}
