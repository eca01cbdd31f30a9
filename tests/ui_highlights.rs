//! Highlights and notes (issue 17, "What to add"): `m` highlights the
//! current sentence or the selected link's pair and takes a note typed at
//! once; the gutter marks it; `'` (or the palette) lists them and Enter
//! goes to one; `x` removes one; they are kept in the state file, never in
//! the content folder, survive edits to other articles, and `dossier notes`
//! writes them out with their citations.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod ui_fixture;

use dossier::app::views::{ListKind, Target, View};
use dossier::app::{App, Focus};
use dossier::config::Config;
use dossier::corpus::Corpus;
use dossier::state::{ArticleKey, ReadingState};
use std::path::Path;
use std::process::Command;
use ui_fixture::{app, press, render, screen};

fn key(a: &App, article: usize) -> ArticleKey {
    ArticleKey::of(&a.corpus.articles[article])
}

fn status_line(s: &str) -> String {
    s.lines().last().unwrap_or("").to_string()
}

/// Types text into whatever has the keys, a character at a time.
fn type_text(a: &mut App, text: &str) {
    for c in text.chars() {
        let k = if c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        press(a, &k);
    }
}

#[test]
fn m_highlights_the_sentence_and_takes_a_note_typed_at_once() {
    let mut a = app();
    press(&mut a, "] j m");
    // the note prompt is in the status line; letters are the note, not keys
    let s = screen(&mut a, 100, 24);
    assert!(status_line(&s).contains("note for s2:"), "{s}");
    type_text(&mut a, "check the figure");
    assert_eq!(a.article, 1, "letters typed are the note: ] did nothing");
    press(&mut a, "enter");
    assert_eq!(a.note.as_ref().map(|n| n.article), None);
    assert_eq!(a.status.as_deref(), Some("highlighted s2 with a note"));
    let list = a.reading.highlights(&key(&a, 1));
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].text, "The deal was worth $10 billion.");
    assert_eq!(list[0].note, "check the figure");
    assert!(list[0].pair.is_none());
    assert_eq!(a.highlighted(1), [1]);
    // the gutter marks its lines
    let s = screen(&mut a, 100, 24);
    let row = s.lines().find(|l| l.contains("billion.")).unwrap();
    assert!(row.contains('▍'), "{s}");
    // m again edits the note, prefilled; Esc leaves it as it was
    press(&mut a, "m");
    assert_eq!(
        a.note.as_ref().map(|n| n.input.text().to_string()),
        Some("check the figure".into())
    );
    press(&mut a, "ctrl-u");
    type_text(&mut a, "x");
    press(&mut a, "esc");
    assert_eq!(
        a.reading.highlights(&key(&a, 1))[0].note,
        "check the figure"
    );
    assert_eq!(a.status.as_deref(), Some("note left as it was"));
    // a highlight with no note: m then Esc
    press(&mut a, "k m esc");
    assert_eq!(a.status.as_deref(), Some("highlighted s1 (no note)"));
    assert_eq!(a.highlighted(1), [0, 1]);
    // x removes the current sentence's
    press(&mut a, "x");
    assert_eq!(a.highlighted(1), [1]);
    press(&mut a, "x");
    assert_eq!(a.status.as_deref(), Some("no highlight on this sentence"));
}

#[test]
fn m_on_the_links_tab_highlights_the_pair_with_its_relation_and_why() {
    let mut a = app();
    press(&mut a, "] 3 tab m");
    assert_eq!(a.focus, Focus::Panel);
    type_text(&mut a, "dates differ");
    press(&mut a, "enter");
    let h = &a.reading.highlights(&key(&a, 1))[0];
    let pair = h.pair.as_ref().expect("a pair");
    assert_eq!(pair.relation, "differs");
    assert_eq!(pair.why, "Paris, Jane Doe · May 6 vs May 7");
    assert_eq!(
        pair.text,
        "The Paris meeting of Jane Doe took place on May 7."
    );
    assert_eq!(pair.cite, "“A meeting in Paris”, Weekly Sample, 2016-09-01");
    // the sentence alone is another highlight
    press(&mut a, "tab tab m enter");
    assert_eq!(a.reading.highlights(&key(&a, 1)).len(), 2);
}

#[test]
fn the_highlights_list_shows_them_and_enter_goes_to_one() {
    let mut a = app();
    press(&mut a, "] j j j m");
    type_text(&mut a, "bridges");
    press(&mut a, "enter ] m esc");
    press(&mut a, "'");
    assert!(matches!(a.views.last(), Some(View::List(l)) if l.kind == ListKind::Highlights));
    let s = screen(&mut a, 120, 24);
    assert!(s.contains("Highlights — 2"), "{s}");
    assert!(s.contains("Leaders meet in Paris — Daily Example"), "{s}");
    assert!(s.contains("✎ bridges"), "{s}");
    press(&mut a, "g g enter");
    assert!(a.views.is_empty());
    assert_eq!((a.article, a.current_sentence()), (1, 3));
    // back to the list, and x removes the selected one
    press(&mut a, "backspace");
    assert!(matches!(a.views.last(), Some(View::List(l)) if l.kind == ListKind::Highlights));
    press(&mut a, "x");
    let Some(View::List(l)) = a.views.last() else {
        panic!("the list stays open")
    };
    let left: Vec<Target> = l
        .rows
        .iter()
        .map(|r| r.target)
        .filter(|t| *t != Target::None)
        .collect();
    assert_eq!(left.len(), 1);
    assert!(a.reading.highlights(&key(&a, 1)).is_empty());
    // the palette opens the list by name
    press(&mut a, "esc");
    press(&mut a, ":");
    type_text(&mut a, "highlights");
    press(&mut a, "enter");
    assert!(matches!(a.views.last(), Some(View::List(l)) if l.kind == ListKind::Highlights));
}

#[test]
fn a_highlight_is_found_again_when_its_sentence_moves() {
    let mut a = app();
    // a highlight kept at sentence 0 whose text is now sentence 2's
    let mut reading = ReadingState::default();
    reading.add_highlight(
        &key(&a, 1),
        dossier::state::Highlight {
            sentence: 0,
            text: "Nothing else happened that day.".into(),
            ..Default::default()
        },
    );
    a.set_reading_state(reading);
    assert_eq!(a.highlighted(1), [2]);
    press(&mut a, "'");
    let s = screen(&mut a, 100, 24);
    assert!(s.contains("s3 Nothing else happened"), "{s}");
}

/// The bundled articles copied into a folder of their own.
fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for e in std::fs::read_dir(content).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}

fn notes(dir: &Path, state: &Path, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["notes", &dir.display().to_string(), "--format", format])
        .env("DOSSIER_STATE", state)
        .env_remove("DOSSIER_CONFIG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn dossier_notes_writes_them_out_and_they_survive_edits_to_other_articles() {
    let dir = content_copy();
    let state_dir = tempfile::tempdir().unwrap();
    let state = state_dir.path().join("state.json");
    let corpus = Corpus::load(dir.path()).unwrap();
    let config = Config::builtin();
    let analysis = dossier::analysis::Analysis::run(&corpus, &config.analysis);
    let mut a = App::new(corpus, analysis, config);
    render(&mut a, 120, 40);
    // the first article's second sentence, with a note; then a link's pair
    press(&mut a, "j m");
    type_text(&mut a, "the first visit since 2003");
    press(&mut a, "enter");
    press(&mut a, "} 3 tab m esc");
    a.reading.save(&state).unwrap();
    let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    // another article is edited: the highlights of the first stay
    let other = dir
        .path()
        .join(a.corpus.articles[3].path.file_name().unwrap());
    let text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, format!("{text}\n\nAn added paragraph.\n")).unwrap();
    let md = notes(dir.path(), &state, "markdown");
    let first = &a.corpus.articles[0];
    assert!(md.starts_with("# Highlights\n"), "{md}");
    assert!(md.contains(&format!("## {}", first.meta.title)), "{md}");
    assert!(
        md.contains(&dossier::app::clipboard::cite_article(&first.meta)),
        "{md}"
    );
    let quote = &a.reading.highlights(&key(&a, 0))[0].text;
    assert!(md.contains(&format!("> {quote}")), "{md}");
    assert!(md.contains("Note: the first visit since 2003"), "{md}");
    assert!(md.contains("— sentence 2"), "{md}");
    let pair = a.reading.highlights(&key(&a, 0))[1]
        .pair
        .clone()
        .expect("a pair");
    assert!(md.contains(&format!("{} ", pair.relation)), "{md}");
    assert!(md.contains(&format!("> {}", pair.text)), "{md}");
    let json: serde_json::Value = serde_json::from_str(&notes(dir.path(), &state, "json")).unwrap();
    assert_eq!(
        json["sources"][0]["highlights"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(json["sources"][0]["title"], first.meta.title.as_str());
    // nothing was written into the content folder
    let after: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(before.len(), after.len());
    assert!(std::fs::read_to_string(&state)
        .unwrap()
        .contains("\"highlights\""));
}

#[test]
fn a_hand_edited_state_file_sends_no_control_characters_to_the_screen() {
    let mut a = app();
    let mut reading = ReadingState::default();
    reading.add_highlight(
        &key(&a, 1),
        dossier::state::Highlight {
            sentence: 1,
            text: "The deal was worth $10 billion.".into(),
            note: "evil\u{1b}]52;c;cHduZWQ=\u{7}note\u{9b}31m".into(),
            ..Default::default()
        },
    );
    a.set_reading_state(reading);
    press(&mut a, "'");
    let s = screen(&mut a, 120, 24);
    assert!(s.contains("✎ evilnote"), "{s}");
    assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
}
