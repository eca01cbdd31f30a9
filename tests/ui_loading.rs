//! The reader before its analysis arrives (issue 7: "all analysis happens
//! before the first frame or in the background with a progress indicator"):
//! the first frame shows the plain text and a gauge, keys that need the
//! analysis say so, and the analysis swaps in without moving the reader.
//! The background worker is replaced by synthetic messages, so nothing here
//! waits or times anything.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod ui_fixture;

use dossier::app::loading::{finished, AnalysisState, Message, Progress, Stage};
use dossier::app::views::{ListKind, View};
use dossier::app::{App, Focus};
use dossier::config::Config;
use std::sync::Arc;
use ui_fixture::{fixture, press, render, screen};

/// The reader over the fixture corpus with no analysis yet, and the last
/// two messages the worker would send for it (the analysis, the indexes).
fn loading() -> (App, [Message; 2]) {
    let (corpus, analysis) = fixture();
    let last = finished(&corpus, analysis, false);
    (App::loading(Arc::new(corpus), Config::builtin()), last)
}

fn status_line(s: &str) -> &str {
    s.lines().last().unwrap_or("")
}

#[test]
fn first_frame_shows_the_text_and_the_progress() {
    let (mut app, _) = loading();
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("An older story about Berlin"), "{s}");
    assert!(s.contains("Sources 1/3"), "{s}");
    assert!(s.contains("analysing the articles…"), "{s}");
    assert!(
        status_line(&s).contains("analysing: reading the cache 0 %"),
        "{s}"
    );
    // progress reported by the worker shows up on the next frame
    let p = Progress {
        stage: Stage::Sentences,
        done: 2,
        total: 3,
    };
    assert!(app.receive(Message::Progress(p)));
    let s = screen(&mut app, 100, 30);
    // two thirds of the sentences stage, which runs from 2 to 35 % of the whole
    assert!(
        status_line(&s).contains("analysing: sentences and dates 24 %"),
        "{s}"
    );
    assert!(s.contains("sentences and dates"), "{s}");
    assert!(s.contains('█') && s.contains('░'), "a gauge: {s}");
    // the same message again changes nothing on screen
    assert!(!app.receive(Message::Progress(p)));
}

#[test]
fn plain_text_has_no_marks_before_the_analysis() {
    let (mut app, _) = loading();
    press(&mut app, "]");
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("Jane Doe met the mayor in"), "{s}");
    assert!(!s.contains('≠') && !s.contains('●'), "no link marks: {s}");
    assert!(!s.contains("People"), "no entity panel: {s}");
}

#[test]
fn reading_works_while_analysing() {
    let (mut app, _) = loading();
    press(&mut app, "] j j");
    assert_eq!((app.article, app.current_sentence()), (1, 2));
    press(&mut app, "G");
    assert_eq!(app.current_sentence(), 3, "the last of four sentences");
    press(&mut app, "[ ]");
    assert_eq!((app.article, app.current_sentence()), (1, 3));
    screen(&mut app, 80, 24);
    press(&mut app, "g g space");
    assert!(app.current_sentence() >= 1, "paging moves");
    press(&mut app, "tab");
    assert_ne!(app.focus, Focus::Article);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("sentence"), "{s}");
}

#[test]
fn keys_that_need_the_analysis_say_so() {
    for keys in ["t", "e", "c", "/ x enter ctrl-s", "enter", "}", ")"] {
        let (mut app, _) = loading();
        press(&mut app, "]");
        press(&mut app, keys);
        assert!(app.views.is_empty(), "{keys}: nothing opens");
        if !keys.starts_with('/') {
            assert!(app.search.is_none(), "{keys}: no search starts");
        }
        let msg = app.status.clone().unwrap_or_default();
        assert!(
            msg.contains("needs the analysis, still running"),
            "{keys}: {msg}"
        );
        let s = screen(&mut app, 120, 24);
        assert!(status_line(&s).contains("needs the analysis"), "{s}");
    }
    // enter in the sources list only moves into the article
    let (mut app, _) = loading();
    press(&mut app, "backtab");
    assert_eq!(app.focus, Focus::Sources);
    press(&mut app, "enter");
    assert_eq!(app.focus, Focus::Article);
    assert!(app.status.is_none());
    // help still opens
    press(&mut app, "?");
    assert!(matches!(app.views.last(), Some(View::List(l)) if l.kind == ListKind::Help));
}

#[test]
fn arriving_analysis_keeps_the_position_and_shows_the_marks() {
    let (mut app, [analysed, indexed]) = loading();
    press(&mut app, "] j");
    press(&mut app, "t");
    screen(&mut app, 100, 30);
    let top = app.frame().article_top;
    assert!(app.receive(analysed));
    assert_eq!(app.analysis_state, AnalysisState::Ready);
    assert_eq!((app.article, app.current_sentence()), (1, 1));
    assert_eq!(app.frame().article_top, top);
    assert_eq!(
        app.status.as_deref(),
        Some("the analysis is ready"),
        "the 'still running' message is replaced"
    );
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("People"), "the entity panel: {s}");
    assert!(s.contains("Jane Doe"), "{s}");
    assert!(s.contains('≠'), "link marks in the gutter: {s}");
    // cross-references work; the timeline and search wait for their indexes
    press(&mut app, "enter");
    assert!(app
        .status
        .as_deref()
        .unwrap_or("")
        .contains("followed a link"));
    press(&mut app, "backspace t");
    assert!(app.views.is_empty());
    let msg = app.status.clone().unwrap_or_default();
    assert!(msg.contains("still running (indexing"), "{msg}");
    app.receive(Message::Progress(Progress::start(Stage::Index)));
    let s = screen(&mut app, 160, 30);
    assert!(status_line(&s).contains("still running (indexing"), "{s}");
    // the message goes with the next key, and the progress shows again
    press(&mut app, "j");
    let s = screen(&mut app, 100, 30);
    assert!(status_line(&s).contains("analysing: indexing"), "{s}");
    assert!(app.receive(indexed));
    assert!(app.indexes_ready());
    let s = screen(&mut app, 100, 30);
    assert!(!s.contains("analysing"), "{s}");
    // and the keys that waited now work
    press(&mut app, "t");
    assert!(matches!(app.views.last(), Some(View::List(l)) if l.kind == ListKind::Timeline));
    press(&mut app, "esc / d e a l enter");
    assert!(app.search.as_ref().is_some_and(|s| s.results.len() == 2));
}

#[test]
fn entities_are_coloured_once_the_analysis_arrives() {
    let (mut app, [analysed, _]) = loading();
    press(&mut app, "]");
    // a style of its own, whatever NO_COLOR says
    let place = ratatui::style::Style::new()
        .fg(ratatui::style::Color::Magenta)
        .add_modifier(ratatui::style::Modifier::ITALIC);
    app.config.theme.place = place;
    // "Paris" in the fourth sentence (not the current one)
    let find = |app: &mut App| {
        let t = render(app, 160, 30);
        let buf = t.backend().buffer().clone();
        for y in 0..buf.area.height {
            let row: String = (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            if let Some(i) = row.find("returns to Paris") {
                let col = row[..i].chars().count() + "returns to ".len();
                return buf[(col as u16, y)].style();
            }
        }
        panic!("the sentence is on screen");
    };
    assert_ne!(find(&mut app), find(&mut app).patch(place), "plain before");
    app.receive(analysed);
    assert_eq!(find(&mut app), find(&mut app).patch(place), "marked after");
}

#[test]
fn a_failed_analysis_leaves_a_plain_pager() {
    let (mut app, _) = loading();
    app.receive(Message::Failed("the analysis stopped: boom".into()));
    assert!(matches!(app.analysis_state, AnalysisState::Failed(_)));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("no analysis"), "{s}");
    assert!(s.contains("boom"), "{s}");
    assert!(!status_line(&s).contains("analysing"), "{s}");
    press(&mut app, "] j");
    assert_eq!((app.article, app.current_sentence()), (1, 1));
    press(&mut app, "t");
    assert!(app.views.is_empty());
    let msg = app.status.clone().unwrap_or_default();
    assert!(
        msg.contains("not available") && msg.contains("boom"),
        "{msg}"
    );
    // late progress does not bring the gauge back
    app.receive(Message::Progress(Progress::start(Stage::Links)));
    assert!(matches!(app.analysis_state, AnalysisState::Failed(_)));
}

#[test]
fn an_analysis_of_other_articles_is_refused() {
    let (mut app, _) = loading();
    let (other, analysis) = fixture();
    let mut analysis = analysis;
    analysis.articles.pop();
    let [wrong, _] = finished(&other, analysis, false);
    app.receive(wrong);
    assert!(matches!(app.analysis_state, AnalysisState::Failed(_)));
    press(&mut app, "] j");
    assert_eq!(app.current_sentence(), 1);
}

#[test]
fn saved_position_beyond_the_text_is_clamped_when_opened() {
    let (corpus, _) = fixture();
    let keys: Vec<_> = corpus
        .articles
        .iter()
        .map(dossier::state::ArticleKey::of)
        .collect();
    let mut app = App::loading(Arc::new(corpus), Config::builtin());
    let mut reading = dossier::state::ReadingState::default();
    reading.set_last(&keys[1], 99);
    app.set_reading_state(reading);
    press(&mut app, "]");
    assert_eq!(app.current_sentence(), 3, "the last sentence of article 2");
}

#[test]
fn loading_80x24() {
    let (mut app, _) = loading();
    app.receive(Message::Progress(Progress::start(Stage::Entities)));
    press(&mut app, "] j");
    render(&mut app, 80, 24);
    let t = render(&mut app, 80, 24);
    insta::assert_snapshot!("loading_80x24", t.backend());
}

#[test]
fn a_failure_while_indexing_keeps_the_marks() {
    let (mut app, [analysed, _]) = loading();
    app.receive(analysed);
    app.receive(Message::Failed("the analysis stopped: index".into()));
    assert!(app.analysis_ready() && !app.indexes_ready());
    press(&mut app, "] e");
    assert!(!app.views.is_empty(), "the entity list needs no index");
    // the timeline needs the index; search works on the text itself
    press(&mut app, "esc t");
    assert!(app.views.is_empty());
    let msg = app.status.clone().unwrap_or_default();
    assert!(msg.contains("the timeline is not available"), "{msg}");
    press(&mut app, "/ d e a l enter");
    // the text is indexed for search off the keypress, then the query runs
    app.wait_background();
    assert!(app.search.as_ref().is_some_and(|s| s.results.len() == 2));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("People"), "{s}");
}

/// Opens `dir` as the reader does, with the worker run to its end on this
/// thread over the cache in `cache_dir`, and returns the screen's status
/// line once the analysis and indexes are in.
fn open_with_cache(dir: &std::path::Path, cache_dir: &std::path::Path) -> (App, String) {
    let corpus = Arc::new(dossier::corpus::Corpus::load(dir).unwrap());
    let config = Config::builtin();
    let cache = dossier::cache::Cache::at(cache_dir);
    let (tx, rx) = std::sync::mpsc::channel();
    dossier::app::loading::work(&corpus, &config.analysis, Some(&cache), &tx);
    drop(tx);
    let mut app = App::loading(corpus, config);
    for msg in rx {
        app.receive(msg);
    }
    assert!(app.analysis_ready() && app.indexes_ready());
    let s = screen(&mut app, 160, 30);
    let line = status_line(&s).to_string();
    (app, line)
}

#[test]
fn status_says_whether_the_cache_was_hit_stale_or_damaged() {
    let dir = tempfile::tempdir().unwrap();
    dossier::generate::generate(dir.path(), 3, 5).unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let notes = ["from the cache", "out of date", "damaged"];

    // nothing stored yet: analysed, stored, and nothing to say
    let (_, line) = open_with_cache(dir.path(), cache_dir.path());
    assert!(notes.iter().all(|n| !line.contains(n)), "{line}");

    // unchanged: read back
    let (app, line) = open_with_cache(dir.path(), cache_dir.path());
    assert!(line.contains("analysis read from the cache"), "{line}");
    assert_eq!(app.status.as_deref(), Some("analysis read from the cache"));

    // an article changed: the stored analysis is for another state
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap();
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nA sentence added later.\n");
    std::fs::write(&file, text).unwrap();
    let (_, line) = open_with_cache(dir.path(), cache_dir.path());
    assert!(
        line.contains("the cached analysis was out of date: analysed again"),
        "{line}"
    );
    let (_, line) = open_with_cache(dir.path(), cache_dir.path());
    assert!(line.contains("read from the cache"), "rebuilt: {line}");

    // a damaged file: its checksum fails
    let stored = dossier::cache::Cache::at(cache_dir.path()).file_for(dir.path());
    let mut bytes = std::fs::read(&stored).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x55;
    std::fs::write(&stored, &bytes).unwrap();
    let (_, line) = open_with_cache(dir.path(), cache_dir.path());
    assert!(
        line.contains("the cached analysis was damaged (checksum mismatch): analysed again"),
        "{line}"
    );
    let (_, line) = open_with_cache(dir.path(), cache_dir.path());
    assert!(line.contains("read from the cache"), "rebuilt: {line}");
}

#[test]
fn cache_note_joins_the_ready_message_and_leaves_a_problem_in_place() {
    use dossier::cache::Outcome;
    let with = |outcome: Outcome, msgs: [Message; 2]| -> [Message; 2] {
        let [Message::Analysed(a), indexed] = msgs else {
            panic!("the analysis, then the indexes");
        };
        [Message::Analysed(Box::new(a.with_cache(outcome))), indexed]
    };
    // a key that waited for the analysis: both are said
    let (mut app, msgs) = loading();
    press(&mut app, "t");
    let [analysed, _] = with(Outcome::Hit, msgs);
    app.receive(analysed);
    assert_eq!(
        app.status.as_deref(),
        Some("the analysis is ready; analysis read from the cache")
    );
    // a message the reader must not lose stays
    let (mut app, msgs) = loading();
    app.status = Some("notes.md: skipped (not UTF-8)".into());
    let [analysed, _] = with(Outcome::Corrupt("truncated".into()), msgs);
    app.receive(analysed);
    assert_eq!(app.status.as_deref(), Some("notes.md: skipped (not UTF-8)"));
    // no cache consulted, or nothing stored yet: nothing said
    for outcome in [None, Some(Outcome::Miss)] {
        let (mut app, msgs) = loading();
        let [analysed, _] = match outcome {
            Some(o) => with(o, msgs),
            None => msgs,
        };
        app.receive(analysed);
        assert_eq!(app.status, None);
    }
}

/// Issue 17, item 10: while the analysis runs, `/` opens the search and
/// every letter after it goes into the query — `t`, `h` and `e` would
/// otherwise open the timeline and the entity index — and the query runs
/// on the text already loaded (indexed for search off the keypress).
#[test]
fn letters_after_slash_are_the_query_while_the_analysis_runs() {
    let (mut app, _) = loading();
    press(&mut app, "/ t h e");
    assert!(app.views.is_empty(), "no view opened");
    let search = app.search.as_ref().expect("a search");
    assert!(search.editing);
    assert_eq!(search.input.text(), "the");
    let s = screen(&mut app, 120, 24);
    assert!(status_line(&s).contains("/the▏"), "{s}");
    app.wait_background();
    let search = app.search.as_ref().expect("a search");
    assert!(!search.waiting && search.current.is_some(), "{search:?}");
    // a match in the plain text, at its sentence
    let m = search
        .results
        .get(search.current.unwrap_or(0))
        .copied()
        .unwrap();
    let body = &app.corpus.articles[m.article].body;
    assert_eq!(body[m.start..m.end].to_lowercase(), "the");
    assert_eq!(
        (app.article, app.current_sentence()),
        (m.article, m.sentence)
    );
    press(&mut app, "enter");
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.starts_with("“the”")),
        "{:?}",
        app.status
    );
    // after the search, letters are commands again (and wait for the analysis)
    press(&mut app, "e");
    assert!(app.views.is_empty());
    assert!(app
        .status
        .as_deref()
        .unwrap_or("")
        .contains("needs the analysis"));
}

#[test]
fn enter_before_the_text_is_indexed_runs_the_query_when_it_is() {
    let (mut app, _) = loading();
    press(&mut app, "/ d e a l enter");
    let s = app.search.as_ref().expect("a search");
    assert!(!s.editing);
    app.wait_background();
    let s = app.search.as_ref().expect("a search");
    assert!(s.current.is_some() && !s.waiting);
    assert_eq!(app.article, 1, "the first match from the first article on");
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.starts_with("“deal”")),
        "{:?}",
        app.status
    );
    // back returns to where the search started
    press(&mut app, "backspace");
    assert_eq!((app.article, app.current_sentence()), (0, 0));
}
