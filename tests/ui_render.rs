//! Snapshots of the whole screen at 80x24 for each view, and drawing at
//! every small size without a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod ui_fixture;

use ui_fixture::{app, press, render, screen};

fn snap(name: &str, keys: &str, w: u16, h: u16) {
    let mut a = app();
    press(&mut a, keys);
    let t = render(&mut a, w, h);
    insta::assert_snapshot!(name, t.backend());
}

#[test]
fn reader_80x24() {
    snap("reader_80x24", "] j", 80, 24);
}

#[test]
fn reader_wide_120x30() {
    snap("reader_120x30", "] j tab", 120, 30);
}

#[test]
fn links_tab_80x24() {
    snap("links_80x24", "] ] 3", 80, 24);
}

#[test]
fn dates_tab_80x24() {
    snap("dates_80x24", "] 2 tab", 80, 24);
}

#[test]
fn timeline_80x24() {
    snap("timeline_80x24", "t", 80, 24);
}

#[test]
fn entity_index_80x24() {
    snap("entity_index_80x24", "e", 80, 24);
}

#[test]
fn mentions_80x24() {
    snap("mentions_80x24", "] tab enter", 80, 24);
}

#[test]
fn compare_80x24() {
    snap("compare_80x24", "] c", 80, 24);
}

#[test]
fn help_80x24() {
    snap("help_80x24", "?", 80, 24);
}

#[test]
fn too_small_30x8() {
    snap("too_small_30x8", "", 30, 8);
}

#[test]
fn tiny_40x10() {
    snap("tiny_40x10", "] j", 40, 10);
}

#[test]
fn too_small_says_its_size() {
    let mut a = app();
    let s = screen(&mut a, 39, 12);
    assert!(s.contains("terminal too small (39x12)"), "{s}");
}

#[test]
fn never_panics_at_any_small_size_in_any_view() {
    for keys in [
        "",
        "] j",
        "] ] 3",
        "t",
        "e",
        "] c",
        "?",
        "] tab enter",
        "S P",
        "/ x",
    ] {
        let mut a = app();
        press(&mut a, keys);
        for w in [1, 2, 5, 20, 39, 40, 41, 60, 99, 100] {
            for h in [1, 2, 3, 9, 10, 11, 24] {
                render(&mut a, w, h);
            }
        }
    }
}

#[test]
fn resize_keeps_the_current_sentence_in_view() {
    let mut a = app();
    press(&mut a, "] G");
    for (w, h) in [(120, 40), (60, 12), (45, 10), (200, 50)] {
        let s = screen(&mut a, w, h);
        assert!(s.contains("A second paragraph"), "{w}x{h}: {s}");
    }
}

#[test]
fn narrow_puts_the_panel_under_the_article() {
    let mut a = app();
    let s = screen(&mut a, 80, 24);
    let article_row = s.lines().position(|l| l.contains("Article 1/3")).unwrap();
    let panel_row = s.lines().position(|l| l.contains("1 Entities")).unwrap();
    assert!(panel_row > article_row, "{s}");
    let s = screen(&mut a, 120, 24);
    let article_row = s.lines().position(|l| l.contains("Article 1/3")).unwrap();
    let panel_row = s.lines().position(|l| l.contains("1 Entities")).unwrap();
    assert_eq!(panel_row, article_row, "{s}");
}

#[test]
fn selected_entity_is_highlighted_in_the_article() {
    let mut a = app();
    press(&mut a, "] tab j");
    assert_eq!(a.entity_name(a.selected_entity().unwrap()), "Paris");
    let t = render(&mut a, 120, 30);
    let text = screen(&mut a, 120, 30);
    let buf = t.backend().buffer();
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("in Paris on"))
        .unwrap();
    let x = line[..line.find("Paris on").unwrap()].chars().count() as u16;
    let cell = &buf[(x, row as u16)];
    assert!(cell.modifier.contains(ratatui::style::Modifier::UNDERLINED));
    assert_eq!(cell.fg, ratatui::style::Color::Green, "places are green");
}

/// Regression: the sources list builds only the rows on screen; when it
/// scrolls, the current article must still be the one drawn and marked.
#[test]
fn sources_list_scrolls_to_the_current_article() {
    let dir = tempfile::tempdir().unwrap();
    dossier::generate::generate(dir.path(), 30, 7).unwrap();
    let corpus = dossier::corpus::Corpus::load(dir.path()).unwrap();
    let analysis = dossier::analysis::Analysis::run(&corpus, &Default::default());
    let mut app = dossier::app::App::new(corpus, analysis, dossier::config::Config::builtin());
    ui_fixture::press(&mut app, &["]"; 25].join(" "));
    assert_eq!(app.article, 25);
    let s = ui_fixture::screen(&mut app, 120, 20);
    let marked: Vec<&str> = s.lines().filter(|l| l.contains('▶')).collect();
    assert_eq!(marked.len(), 1, "{s}");
    let date = app.corpus.articles[25].meta.published.unwrap().to_string();
    assert!(marked[0].contains(&date), "{s}");
    assert!(s.contains("Sources 26/30"), "{s}");
    // the first article's row has scrolled out
    let first = app.corpus.articles[0].meta.published.unwrap().to_string();
    let first_row = format!("  {first} ");
    assert!(
        !s.lines().any(|l| l.starts_with(&format!("│{first_row}"))),
        "{s}"
    );
}
