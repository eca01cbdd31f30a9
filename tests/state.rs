//! The reading state and what it is keyed by, through the library: issue
//! 18 items 3 (two readers merge), 4 (a bad file is kept aside), 9 (a
//! killed writer's leftovers), and issue 17 items 7 (ids are paths; state
//! follows content) and 8 (read when passed; a restart reopens the place).
//! Each test is named after what failed before.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod ui_fixture;

use dossier::analysis::Analysis;
use dossier::app::App;
use dossier::config::Config;
use dossier::corpus::Corpus;
use dossier::state::{ArticleKey, ReadingState};
use std::path::{Path, PathBuf};
use ui_fixture::press;

/// A folder of `.txt` articles (title on the first line).
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// An article of `n` sentences about `what`.
fn text(what: &str, n: usize) -> String {
    let body: Vec<String> = (1..=n)
        .map(|i| format!("Sentence {i} tells of {what} at some length."))
        .collect();
    format!("{what}\n\n{}\n", body.join(" "))
}

/// The reader on `dir` with the state at `state`, as a start would open it.
fn open(dir: &Path, state: &Path) -> App {
    let corpus = Corpus::load(dir).unwrap();
    let analysis = Analysis::run(&corpus, &Config::builtin().analysis);
    let mut app = App::new(corpus, analysis, Config::builtin());
    let (reading, warning) = ReadingState::load(state);
    assert_eq!(warning, None);
    app.set_reading_state(reading);
    app
}

/// Keys, each followed by a frame, as the event loop does.
fn read(app: &mut App, keys: &str) {
    ui_fixture::render(app, 100, 30);
    app.note_seen();
    for key in keys.split_whitespace() {
        press(app, key);
        ui_fixture::render(app, 100, 30);
        app.note_seen();
    }
}

fn ids(corpus: &Corpus) -> Vec<&str> {
    corpus.articles.iter().map(|a| a.id.as_str()).collect()
}

fn kept_copies(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{name}.bad-"))
        })
        .collect();
    v.sort();
    v
}

/// Issue 17, item 7: in a folder of folders (BBC's), `README.TXT` was read
/// as an article, `business/001` got the id `001` while
/// `entertainment/001` kept its folder, and `sport/511` sorted among
/// business. Ids are paths relative to the folder; undated articles sort
/// by them; README-like files are not articles.
#[test]
fn ids_are_paths_relative_to_the_folder_and_a_readme_is_no_article() {
    let dir = folder(&[
        ("README.TXT", "Consists of 2225 documents.\n"),
        ("business/001.txt", &text("Ad sales", 2)),
        ("business/510.txt", &text("Profits", 2)),
        ("entertainment/001.txt", &text("A film", 2)),
        ("sport/511.txt", &text("A match", 2)),
        ("LICENSE.md", "All rights reserved.\n"),
    ]);
    let corpus = Corpus::load(dir.path()).unwrap();
    assert_eq!(
        ids(&corpus),
        [
            "business/001",
            "business/510",
            "entertainment/001",
            "sport/511"
        ]
    );
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    // a flat folder keeps the file names without extension
    let flat = folder(&[
        ("b.md", "+++\ntitle = \"B\"\n+++\nText."),
        ("a.txt", "A\n\nText."),
    ]);
    assert_eq!(ids(&Corpus::load(flat.path()).unwrap()), ["a", "b"]);
}

/// Issue 17, item 7: progress was keyed by the id, so renaming a file (or
/// adding one before it) lost it. Keyed by content, it follows the text.
#[test]
fn progress_survives_renaming_and_adding_files() {
    let dir = folder(&[("a.txt", &text("Alpha", 6)), ("b.txt", &text("Beta", 6))]);
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("state.json");
    let mut app = open(dir.path(), &path);
    read(&mut app, "] j j");
    assert_eq!((app.article, app.current_sentence()), (1, 2));
    let progress = app.progress(1);
    assert!(progress > 0.0);
    app.reading.save(&path).unwrap();

    std::fs::rename(dir.path().join("b.txt"), dir.path().join("z.txt")).unwrap();
    std::fs::write(dir.path().join("m.txt"), text("Mu", 3)).unwrap();
    let app = open(dir.path(), &path);
    assert_eq!(ids(&app.corpus), ["a", "m", "z"]);
    assert_eq!(app.progress(2), progress, "the renamed article's progress");
    assert_eq!(app.progress(1), 0.0, "the new article's");
    assert_eq!(
        (app.article, app.current_sentence()),
        (2, 2),
        "reopened at the renamed article's sentence"
    );
}

/// Issue 17, item 8: an article showed 49 % read before a key was pressed
/// (every sentence on screen counted). A sentence is read when the cursor
/// has gone past it.
#[test]
fn nothing_is_read_before_a_key_is_pressed() {
    let dir = folder(&[("a.txt", &text("Alpha", 8))]);
    let state = tempfile::tempdir().unwrap();
    let mut app = open(dir.path(), &state.path().join("state.json"));
    read(&mut app, "");
    assert_eq!(app.progress(0), 0.0, "on screen is not read");
    read(&mut app, "j j j");
    assert_eq!(app.progress(0), 3.0 / 8.0);
    read(&mut app, "k k");
    assert_eq!(app.progress(0), 3.0 / 8.0, "going back reads nothing new");
    read(&mut app, "G");
    assert_eq!(app.progress(0), 1.0, "a page down to the end reads it");
}

/// Issue 17, item 8: a restart opened article 1; it reopens the article
/// and the sentence that were being read.
#[test]
fn a_restart_reopens_the_article_and_sentence_being_read() {
    let dir = folder(&[
        ("a.txt", &text("Alpha", 5)),
        ("b.txt", &text("Beta", 5)),
        ("c.txt", &text("Gamma", 5)),
    ]);
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("state.json");
    let mut app = open(dir.path(), &path);
    read(&mut app, "] ] j j j");
    app.reading.save(&path).unwrap();
    let app = open(dir.path(), &path);
    assert_eq!((app.article, app.current_sentence()), (2, 3));
    // the same folder named another way is the same folder
    let dotted = dir.path().join(".");
    let app = open(&dotted, &path);
    assert_eq!(app.article, 2);
}

/// Issue 18, item 3: each reader saved the whole state it loaded at start,
/// the last writer winning (20 runs of 20 lost one's progress). Saves merge
/// under a lock: readers saving over and over, each its own articles and
/// one shared, lose nothing.
#[test]
fn readers_saving_at_once_lose_nothing() {
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("state.json");
    const READERS: usize = 4;
    const SAVES: usize = 15;
    let threads: Vec<_> = (0..READERS)
        .map(|r| {
            let path = path.clone();
            std::thread::spawn(move || {
                let (mut s, _) = ReadingState::load(&path);
                for i in 0..SAVES {
                    s.mark_seen(
                        &ArticleKey::new(&format!("reader {r} article {i}")),
                        0..i + 1,
                    );
                    s.mark_seen(&ArticleKey::new("shared"), r * 10 + i..r * 10 + i + 1);
                    s.save(&path).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let (s, warning) = ReadingState::load(&path);
    assert_eq!(warning, None);
    for r in 0..READERS {
        for i in 0..SAVES {
            let key = ArticleKey::new(&format!("reader {r} article {i}"));
            assert_eq!(s.get(&key).map(|a| a.seen_count(100)), Some(i + 1));
        }
    }
    let shared = s.get(&ArticleKey::new("shared")).unwrap();
    for r in 0..READERS {
        for i in 0..SAVES {
            assert!(shared.is_seen(r * 10 + i), "reader {r}'s mark {i}");
        }
    }
}

/// Issue 18, item 3: the position set later wins, whichever reader saves
/// last.
#[test]
fn the_later_position_wins_a_merge() {
    let key = ArticleKey::new("one article");
    for early_saves_last in [true, false] {
        let state = tempfile::tempdir().unwrap();
        let path = state.path().join("state.json");
        // a reader that set the position long ago…
        std::fs::write(
            &path,
            format!(
                r#"{{"version":1,"articles":{{"{}":{{"last":3,"touched":1}}}}}}"#,
                key.as_str()
            ),
        )
        .unwrap();
        let (mut early, _) = ReadingState::load(&path);
        early.mark_seen(&ArticleKey::new("another"), 0..1);
        // …and one that moves on now
        let (mut late, _) = ReadingState::load(&path);
        late.set_last(&key, 9);
        if early_saves_last {
            late.save(&path).unwrap();
            early.save(&path).unwrap();
        } else {
            early.save(&path).unwrap();
            late.save(&path).unwrap();
        }
        let (back, _) = ReadingState::load(&path);
        assert_eq!(
            back.last(&key),
            Some(9),
            "early saves last: {early_saves_last}"
        );
        assert!(back.get(&ArticleKey::new("another")).is_some());
    }
}

/// A state file of a hundred articles.
fn hundred() -> serde_json::Value {
    let articles: serde_json::Map<String, serde_json::Value> = (0..100)
        .map(|i| {
            (
                ArticleKey::new(&format!("article {i}"))
                    .as_str()
                    .to_string(),
                serde_json::json!({"last": i, "seen": [[0, i + 1]], "touched": 1_700_000_000 + i}),
            )
        })
        .collect();
    serde_json::json!({"version": 1, "articles": articles})
}

/// Issue 18, item 4: one wrong-typed entry among a hundred made the whole
/// file an empty state, overwritten at the next save. The entry alone is
/// dropped, the file as it was is kept aside before anything is written,
/// and the warning names the copy in full.
#[test]
fn one_bad_entry_among_a_hundred_drops_that_entry_only() {
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("state.json");
    let mut file = hundred();
    let bad = ArticleKey::new("article 42");
    file["articles"][bad.as_str()]["seen"] = serde_json::json!("all of it");
    let bytes = serde_json::to_vec(&file).unwrap();
    std::fs::write(&path, &bytes).unwrap();

    let (mut s, warning) = ReadingState::load(&path);
    assert_eq!(s.len(), 99);
    assert!(s.get(&bad).is_none());
    assert_eq!(s.last(&ArticleKey::new("article 7")), Some(7));
    let kept = kept_copies(state.path(), "state.json");
    assert_eq!(kept.len(), 1, "one copy kept");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), bytes, "kept as it was");
    let warning = warning.expect("a warning");
    assert!(
        warning.contains(&kept[0].display().to_string()),
        "{warning}"
    );
    assert!(warning.contains("1 of 100"), "{warning}");
    // what could be read is in the file already, and saves go on
    let (again, warning) = ReadingState::load(&path);
    assert_eq!((again.len(), warning), (99, None));
    s.set_last(&ArticleKey::new("article 7"), 70);
    s.save(&path).unwrap();
    assert_eq!(kept_copies(state.path(), "state.json").len(), 1);
}

/// Issue 18, item 4: a truncated file, or one written by a newer version,
/// was overwritten with an empty state. It is kept aside, whole.
#[test]
fn a_truncated_or_newer_file_is_kept_aside_before_anything_is_written() {
    let mut newer = hundred();
    newer["version"] = serde_json::json!(2);
    let full = serde_json::to_vec(&hundred()).unwrap();
    for (what, bytes) in [
        ("truncated", full[..full.len() / 2].to_vec()),
        ("newer", serde_json::to_vec(&newer).unwrap()),
    ] {
        let state = tempfile::tempdir().unwrap();
        let path = state.path().join("state.json");
        std::fs::write(&path, &bytes).unwrap();
        let (mut s, warning) = ReadingState::load(&path);
        let kept = kept_copies(state.path(), "state.json");
        assert_eq!(kept.len(), 1, "{what}");
        assert_eq!(std::fs::read(&kept[0]).unwrap(), bytes, "{what}");
        let warning = warning.unwrap_or_default();
        assert!(
            warning.contains(&kept[0].display().to_string()),
            "{what}: {warning}"
        );
        s.set_last(&ArticleKey::new("new"), 1);
        s.save(&path).unwrap();
        assert_eq!(std::fs::read(&kept[0]).unwrap(), bytes, "{what}: untouched");
    }
}

/// Issue 18, item 4: a bad file written by someone else between a load and
/// a save is kept aside too, not overwritten.
#[test]
fn a_bad_file_found_when_saving_is_kept_aside() {
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("state.json");
    let (mut s, _) = ReadingState::load(&path);
    s.set_last(&ArticleKey::new("mine"), 4);
    std::fs::write(&path, b"{\"version\": 1, \"articles\": {").unwrap();
    let warning = s.save(&path).unwrap().expect("a warning");
    let kept = kept_copies(state.path(), "state.json");
    assert_eq!(kept.len(), 1);
    assert!(
        warning.contains(&kept[0].display().to_string()),
        "{warning}"
    );
    let (back, _) = ReadingState::load(&path);
    assert_eq!(back.last(&ArticleKey::new("mine")), Some(4));
}

/// Issue 18, item 4: the warning quotes the file, and the file may hold
/// anything: nothing of it reaches the terminal as a control character.
#[test]
fn a_hostile_state_file_sends_no_escape_in_the_warning() {
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("state.json");
    std::fs::write(
        &path,
        "{\"version\":1,\"articles\":{\"\\u001b]2;PWNED\\u0007\":{\"last\":\"\\u001b[31m\"}}}",
    )
    .unwrap();
    let (s, warning) = ReadingState::load(&path);
    assert!(s.is_empty());
    let warning = warning.expect("a warning");
    assert!(!warning.chars().any(char::is_control), "{warning:?}");
}

/// Issue 18, item 9: a killed writer's `.state.json.PID.N.tmp` was never
/// removed. Those of dead processes go when the state is loaded; a live
/// writer's stay.
#[cfg(target_os = "linux")]
#[test]
fn a_killed_writer_s_temporary_state_files_are_removed_on_load() {
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("state.json");
    std::fs::write(&path, br#"{"version":1,"articles":{}}"#).unwrap();
    // a pid far above any live one (pid_max is at most 4,194,304)
    let dead = state.path().join(".state.json.4194999.0.tmp");
    let live = state
        .path()
        .join(format!(".state.json.{}.3.tmp", std::process::id()));
    std::fs::write(&dead, b"{\"version\":1,\"artic").unwrap();
    std::fs::write(&live, b"being written").unwrap();
    let (_, warning) = ReadingState::load(&path);
    assert_eq!(warning, None);
    assert!(!dead.exists(), "a dead writer's fragment is left");
    assert!(live.exists(), "a live writer's file was removed");
}
