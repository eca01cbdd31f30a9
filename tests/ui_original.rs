//! The whole original text of a pasted page (issue 19, "Nothing is lost"):
//! the reader shows the article found in the page, and `O` shows every
//! line of the page as it was saved, the lines set aside marked `·`; Enter
//! on a line of the article goes to its sentence, and `O` again closes it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod ui_fixture;

use dossier::analysis::{Analysis, Settings};
use dossier::app::views::{ListKind, View};
use dossier::app::App;
use dossier::config::Config;
use dossier::corpus::Corpus;
use ui_fixture::{press, screen};

/// A page as a reader pastes it: a menu, the headline, a byline and a
/// date, three paragraphs, then share buttons and a footer.
const PAGE: &str = "Home\nNews\nSport\nWeather\nSign in\n\n\
Harbour bridge to close for a year of repairs\n\n\
By Jane Marsh\n\
14 March 2019\n\n\
The harbour bridge will close for twelve months from June while engineers \
replace the cables that hold its deck, the city council said on Thursday.\n\n\
Traffic will be sent over the old river crossing, which the council says \
can carry the extra cars if lorries keep to the ring road during the day.\n\n\
Shop owners near the bridge said they feared losing trade for the whole \
summer, and asked the council to pay for signs that point visitors to them.\n\n\
Share\nTweet\nE-mail\n\n\
Related stories\n\
Copyright 2019 The Harbour Times. All rights reserved.\n";

fn reader_on_page() -> App {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bridge.txt"), PAGE).unwrap();
    let corpus = Corpus::load(dir.path()).unwrap();
    let analysis = Analysis::run(&corpus, &Settings::default());
    App::new(corpus, analysis, Config::builtin())
}

#[test]
fn the_reader_shows_the_article_and_o_shows_the_page_as_saved() {
    let mut app = reader_on_page();
    let a = &app.corpus.articles[0];
    assert_eq!(
        a.meta.title,
        "Harbour bridge to close for a year of repairs"
    );
    assert!(a.set_aside_lines() >= 10, "{}", a.set_aside_lines());
    let s = screen(&mut app, 120, 40);
    assert!(s.contains("The harbour bridge will close"), "{s}");
    assert!(
        !s.contains("Weather") && !s.contains("All rights reserved"),
        "{s}"
    );

    press(&mut app, "O");
    assert!(
        matches!(app.views.last(), Some(View::List(l)) if l.kind == ListKind::Original(0)),
        "the original text is open"
    );
    let s = screen(&mut app, 120, 40);
    assert!(
        s.contains("lines set aside from the article, marked ·"),
        "{s}"
    );
    for furniture in ["Weather", "Sign in", "Tweet", "All rights reserved"] {
        let row = s
            .lines()
            .find(|l| l.contains(furniture))
            .unwrap_or_else(|| panic!("{furniture} is not shown:\n{s}"));
        assert!(
            row.contains('·'),
            "{furniture} is not marked set aside: {row}"
        );
    }
    let kept = s
        .lines()
        .find(|l| l.contains("Traffic will be sent"))
        .expect("an article line");
    assert!(!kept.contains('·'), "an article line is marked: {kept}");

    // O again closes it: back to the article
    press(&mut app, "O");
    assert!(app.views.is_empty());
    let s = screen(&mut app, 120, 40);
    assert!(!s.contains("Tweet"), "{s}");
}

#[test]
fn enter_on_a_line_of_the_article_goes_to_its_sentence() {
    let mut app = reader_on_page();
    screen(&mut app, 120, 40);
    press(&mut app, "O");
    screen(&mut app, 120, 40);
    let Some(View::List(list)) = app.views.last() else {
        panic!("no list");
    };
    let row = list
        .rows
        .iter()
        .position(|r| r.text.contains("Shop owners near the bridge"))
        .expect("the third paragraph");
    // move the selection there, then Enter
    for _ in 0..row {
        press(&mut app, "j");
    }
    press(&mut app, "enter");
    assert!(app.views.is_empty(), "Enter went back to the article");
    let s = screen(&mut app, 120, 40);
    let status = s.lines().last().unwrap_or("");
    assert!(status.contains("sentence 3/"), "{status}");
}
