//! The sources list (issue 17, "What to add"): filtered by typing (`/` with
//! the list focused), sorted by date, title or source (`s`), `j`/`k` and
//! `]`/`[` following the order shown; and the article's URL in its header.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod ui_fixture;

use dossier::app::{App, Focus};
use dossier::config::Config;
use ui_fixture::{app, fixture, press, screen};

/// The titles in the sources list, top to bottom.
fn listed(a: &mut App) -> Vec<String> {
    let s = screen(a, 100, 24);
    let titles = [
        "An older story",
        "Leaders meet in Paris",
        "A meeting in Paris",
    ];
    let mut found: Vec<(usize, String)> = titles
        .iter()
        .filter_map(|t| {
            s.lines()
                .position(|l| {
                    l.get(..l.find('│').map_or(0, |i| i + 30).min(l.len()))
                        .is_some_and(|x| x.contains(t))
                        && l.starts_with('│')
                })
                .map(|i| (i, t.to_string()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, t)| t).collect()
}

#[test]
fn slash_in_the_sources_list_filters_it_as_you_type() {
    let mut a = app();
    press(&mut a, "backtab");
    assert_eq!(a.focus, Focus::Sources);
    press(&mut a, "/ p a r i s");
    assert!(a.sources.editing);
    assert_eq!(a.sources_len(), 2);
    let s = screen(&mut a, 160, 24);
    assert!(s.contains("Sources 1/3 · /paris▏ 2 shown"), "{s}");
    assert!(
        s.lines()
            .last()
            .unwrap_or("")
            .contains("sources: /paris▏ 2 shown"),
        "{s}"
    );
    let pane: Vec<String> = s.lines().map(|l| l.chars().take(32).collect()).collect();
    assert!(
        !pane.iter().any(|l| l.contains("An older story")),
        "filtered out: {s}"
    );
    assert!(pane.iter().any(|l| l.contains("A meeting in Paris")), "{s}");
    press(&mut a, "enter");
    assert!(!a.sources.editing);
    // j goes along the filtered list; ] too
    press(&mut a, "j");
    assert_eq!(a.article, 1);
    press(&mut a, "j");
    assert_eq!(a.article, 2);
    press(&mut a, "k");
    assert_eq!(a.article, 1);
    press(&mut a, "]");
    assert_eq!(a.article, 2);
    press(&mut a, "]");
    assert_eq!(a.status.as_deref(), Some("this is the last article"));
    // a filter matches the author, the source and the date as well
    press(&mut a, "/ ctrl-u a l i c e");
    assert_eq!(a.sources_len(), 1);
    press(&mut a, "ctrl-u 2 0 1 3");
    assert_eq!(a.sources_len(), 1);
    // Esc clears it
    press(&mut a, "esc");
    assert_eq!(a.sources_len(), 3);
    assert!(a.sources.filter.is_empty());
    // / in the article still searches
    press(&mut a, "tab / d e a l");
    assert!(a.search.is_some() && !a.sources.editing);
}

#[test]
fn s_in_the_sources_list_sorts_by_title_source_and_date() {
    let mut a = app();
    press(&mut a, "backtab");
    assert_eq!(
        listed(&mut a),
        [
            "An older story",
            "Leaders meet in Paris",
            "A meeting in Paris"
        ]
    );
    press(&mut a, "s");
    assert_eq!(a.status.as_deref(), Some("sources sorted by title"));
    assert_eq!(
        listed(&mut a),
        [
            "A meeting in Paris",
            "An older story",
            "Leaders meet in Paris"
        ]
    );
    assert!(screen(&mut a, 100, 24).contains("· by title"));
    // ] follows the order shown: from the first article (An older story)
    // to Leaders meet in Paris
    press(&mut a, "tab ]");
    assert_eq!(a.article, 1);
    press(&mut a, "backtab s");
    assert_eq!(a.status.as_deref(), Some("sources sorted by source"));
    // Archive Post, Daily Example, Weekly Sample
    assert_eq!(
        listed(&mut a),
        [
            "An older story",
            "Leaders meet in Paris",
            "A meeting in Paris"
        ]
    );
    press(&mut a, "s");
    assert_eq!(a.status.as_deref(), Some("sources sorted by date"));
    assert!(a.sources.is_plain());
    // in the article, s still sorts the entities
    press(&mut a, "tab s");
    assert_eq!(a.status.as_deref(), Some("entities sorted by name"));
}

#[test]
fn the_article_header_shows_its_url() {
    let (mut corpus, analysis) = fixture();
    corpus.articles[1].meta.url = Some("https://example.org/paris-meeting".into());
    let mut a = App::new(corpus, analysis, Config::builtin());
    press(&mut a, "]");
    let s = screen(&mut a, 120, 30);
    let title = s
        .lines()
        .position(|l| l.contains("Leaders meet in Paris  "))
        .unwrap_or(0);
    let url = s
        .lines()
        .position(|l| l.contains("https://example.org/paris-meeting"));
    assert!(url.is_some_and(|u| u > title), "{s}");
    // and o opens it
    press(&mut a, "o");
    assert!(!a.effects.is_empty(), "{:?}", a.status);
}
