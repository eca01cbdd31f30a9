//! Cross-references in the reader (issue 17, items 7, 11 and 12; issue
//! 15's reader parts): `)` and `(` go on across articles and select the
//! differing link, so `c` compares the two sentences that differ; the
//! compare view shows each pair's relation and why and keeps links that
//! cross; list rows keep their match in view; `n` says when it wraps; and a
//! source is named by its title wherever it is named.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod ui_fixture;

use dossier::analysis::links::Relation;
use dossier::app::views::{ListKind, View};
use dossier::app::App;
use dossier::config::Config;
use ratatui::style::Color;
use ui_fixture::{fixture, press, render, screen};

/// The fixture with the third article's first sentence listing its loose
/// link (to the second article's fourth sentence) before the differing one.
fn differing_link_second() -> App {
    let (corpus, mut analysis) = fixture();
    analysis.articles[2].sentence_links[0] = vec![2, 0];
    App::new(corpus, analysis, Config::builtin())
}

fn status_line(s: &str) -> String {
    s.lines().last().unwrap_or("").to_string()
}

#[test]
fn a_closing_parenthesis_crosses_articles_and_selects_the_differing_link() {
    let mut a = differing_link_second();
    // from the first article, which has no link, on into the second
    press(&mut a, ")");
    assert_eq!((a.article, a.current_sentence()), (1, 0));
    assert!(a
        .status
        .as_deref()
        .unwrap_or("")
        .contains("on to article 2"));
    press(&mut a, ")");
    assert_eq!((a.article, a.current_sentence()), (1, 1));
    // the second article's last sentence relates loosely: on into the third
    press(&mut a, ")");
    assert_eq!((a.article, a.current_sentence()), (2, 0));
    assert_eq!(a.current_links(), [2, 0]);
    assert_eq!(a.panel_sel[2], 1, "the differing link, not the first");
    // back: the history has the jump across articles
    press(&mut a, "backspace");
    assert_eq!((a.article, a.current_sentence()), (1, 1));
    press(&mut a, "L");
    assert_eq!((a.article, a.current_sentence()), (2, 0));
    // `(` goes back across the boundary too
    press(&mut a, "(");
    assert_eq!((a.article, a.current_sentence()), (1, 1));
    assert_eq!(a.panel_sel[2], 0);
}

#[test]
fn c_after_a_parenthesis_compares_the_two_sentences_that_differ() {
    let mut a = differing_link_second();
    press(&mut a, "] ] ( )");
    assert_eq!((a.article, a.current_sentence()), (2, 0));
    press(&mut a, "c");
    let Some(View::Compare(c)) = a.views.last() else {
        panic!("the compare view opens")
    };
    assert_eq!((c.left, c.right), (2, 1));
    let row = c.rows[c.sel];
    assert_eq!(row.link, Some(0));
    assert_eq!(row.relation, Some(Relation::Differs));
    assert_eq!((row.left, row.right), (Some(0), Some(0)));
    let s = screen(&mut a, 100, 30);
    // the pair's relation and why under it, and where the cursor is
    assert!(
        s.contains("≠ differs: Paris, Jane Doe · May 6 vs May 7"),
        "{s}"
    );
    assert!(status_line(&s).contains("s1 ↔ s1"), "{s}");
    press(&mut a, "j");
    let s = screen(&mut a, 100, 30);
    // the next row: the same sentence's loose link to the fourth sentence
    assert!(
        status_line(&s).contains("s1 ↔ s4"),
        "the status line follows: {s}"
    );
}

#[test]
fn the_compare_view_keeps_links_that_cross() {
    // the second article's fourth sentence relates to the third article's
    // first, which is already aligned with the second article's first
    let mut a = ui_fixture::app();
    press(&mut a, "] c");
    let Some(View::Compare(c)) = a.views.last() else {
        panic!("the compare view opens")
    };
    let links: Vec<usize> = c.rows.iter().filter_map(|r| r.link).collect();
    assert_eq!(links.len(), 3, "every link between the two: {:?}", c.rows);
    let crossing = c.rows.iter().find(|r| r.crossing).expect("a crossing row");
    assert_eq!((crossing.left, crossing.right), (Some(3), Some(0)));
    let s = screen(&mut a, 100, 40);
    assert!(
        s.contains("~ related: Paris, Jane Doe · out of order"),
        "{s}"
    );
    assert!(s.contains('↕'), "{s}");
}

/// The cells of the screen row holding `needle`, as (symbol, background).
fn row_cells(
    t: &ratatui::Terminal<ratatui::backend::TestBackend>,
    needle: &str,
) -> Vec<(String, Option<Color>)> {
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        if row.contains(needle) {
            return (0..buf.area.width)
                .map(|x| {
                    let bg = buf[(x, y)].bg;
                    (
                        buf[(x, y)].symbol().to_string(),
                        (bg != Color::Reset).then_some(bg),
                    )
                })
                .collect();
        }
    }
    panic!("no row holds {needle:?}");
}

/// The text of the cells drawn with a background (the highlighted part).
fn highlighted(cells: &[(String, Option<Color>)]) -> String {
    cells
        .iter()
        .filter(|(_, bg)| *bg == Some(Color::Yellow))
        .map(|(s, _)| s.as_str())
        .collect()
}

#[test]
fn a_mentions_row_cut_to_fit_keeps_the_mention_in_view_and_highlighted() {
    let mut a = ui_fixture::app();
    // Jane Doe is mentioned 43 characters into the second article's fourth
    // sentence: at 50 columns the row starts shortly before the mention
    press(&mut a, "] tab enter");
    assert!(matches!(a.views.last(), Some(View::List(l)) if l.kind == ListKind::Mentions(0)));
    let t = render(&mut a, 50, 16);
    let cells = row_cells(&t, "s4");
    let text: String = cells.iter().map(|c| c.0.as_str()).collect();
    assert!(text.contains("…"), "cut before the mention: {text}");
    assert_eq!(highlighted(&cells), "Jane Doe", "{text}");
    // a row that fits is not cut, its mention highlighted all the same
    let cells = row_cells(&t, "s1 Jane Doe met");
    assert_eq!(highlighted(&cells), "Jane Doe");
}

#[test]
fn a_search_results_row_shows_its_match() {
    let mut a = ui_fixture::app();
    press(&mut a, "/ b r i d g e s enter ctrl-s");
    assert!(matches!(a.views.last(), Some(View::List(l)) if l.kind == ListKind::SearchResults));
    let t = render(&mut a, 50, 16);
    let cells = row_cells(&t, "s4");
    assert_eq!(highlighted(&cells), "bridges");
}

#[test]
fn n_says_when_it_wraps_past_the_last_match() {
    let mut a = ui_fixture::app();
    press(&mut a, "/ d e a l enter");
    assert_eq!((a.article, a.current_sentence()), (1, 1));
    press(&mut a, "n");
    assert_eq!((a.article, a.current_sentence()), (2, 1));
    assert_eq!(a.status.as_deref(), Some("“deal” 2/2"));
    press(&mut a, "n");
    assert_eq!((a.article, a.current_sentence()), (1, 1));
    let status = a.status.clone().unwrap_or_default();
    assert!(status.starts_with("“deal” 1/2"), "{status}");
    assert!(status.contains("past the last match"), "{status}");
    press(&mut a, "N");
    let status = a.status.clone().unwrap_or_default();
    assert!(status.contains("before the first match"), "{status}");
}

#[test]
fn sources_without_source_or_author_are_named_by_their_titles() {
    // as in a folder of BBC articles: no front matter, files named 265, 271…
    let (mut corpus, analysis) = fixture();
    for (a, id) in corpus.articles.iter_mut().zip(["265", "271", "349"]) {
        a.id = id.into();
        a.meta.source = None;
        a.meta.author = None;
    }
    let mut a = App::new(corpus, analysis, Config::builtin());
    press(&mut a, "] ] 3");
    let s = screen(&mut a, 200, 30);
    assert!(s.contains("≠ differ: Leaders meet in Paris"), "{s}");
    assert!(s.contains("≠ differs Leaders meet in Par… s1"), "{s}");
    assert!(!s.contains("271"), "no file stem: {s}");
    press(&mut a, "e");
    let s = screen(&mut a, 200, 30);
    assert!(s.contains("a1=An older story"), "{s}");
    press(&mut a, "esc t");
    let s = screen(&mut a, 160, 30);
    assert!(s.contains("≠ Leaders meet in Paris says 2016-05-06"), "{s}");
    assert!(!s.contains("265") && !s.contains("349"), "{s}");
}

#[test]
fn the_timeline_marks_a_date_only_where_the_link_differs() {
    // issue 15: the timeline's ≠ reads the link's relation, one rule for
    // the gutter, the Links tab and the timeline
    let (corpus, mut analysis) = fixture();
    let at = dossier::analysis::links::SentenceRef {
        article: 1,
        sentence: 0,
    };
    let (other, theirs) =
        dossier::app::views::differing_dates(&analysis, at, "2016-05-06").unwrap();
    assert_eq!((other.article, other.sentence), (2, 0));
    assert_eq!(theirs, ["2016-05-07"]);
    assert!(dossier::app::views::differing_dates(&analysis, at, "2016-05-07").is_none());
    // the same two dates on a link that differs on something else (an
    // amount): no mark, the dates are not one event's
    let why = analysis.links[0].why.clone();
    analysis.links[0].why = "Paris, Jane Doe · $10 billion vs $12 billion".into();
    assert!(dossier::app::views::differing_dates(&analysis, at, "2016-05-06").is_none());
    analysis.links[0].why = why;
    // the same two dates on a link that only relates: no mark
    analysis.links[0].relation = Relation::Related;
    assert!(dossier::app::views::differing_dates(&analysis, at, "2016-05-06").is_none());
    let mut a = App::new(corpus, analysis, Config::builtin());
    press(&mut a, "t");
    let s = screen(&mut a, 160, 30);
    assert!(!s.contains("says 2016-05-07"), "{s}");
}
