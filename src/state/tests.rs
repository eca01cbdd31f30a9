use super::*;
use proptest::prelude::*;

fn key(id: &str) -> ArticleKey {
    ArticleKey::new(&format!("the body of {id}"))
}

#[test]
fn keys_follow_the_body_alone() {
    assert_eq!(ArticleKey::new("x"), ArticleKey::new("x"));
    assert_ne!(ArticleKey::new("x"), ArticleKey::new("y"));
    // FNV-1a's published test vector: the hash must stay stable
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(ArticleKey::new("a").as_str(), "af63dc4c8601ec8c");
    // keys of the `id@hash` days keep their hash
    assert_eq!(
        ArticleKey::migrate("b/001@af63dc4c8601ec8c"),
        "af63dc4c8601ec8c"
    );
    assert_eq!(ArticleKey::migrate("odd@key"), "odd@key");
}

#[test]
fn seen_ranges_merge() {
    let mut a = ArticleState::default();
    a.mark_seen(5..8);
    a.mark_seen(0..2);
    a.mark_seen(10..12);
    assert_eq!(a.seen, vec![[0, 2], [5, 8], [10, 12]]);
    a.mark_seen(8..10); // touches both neighbours
    assert_eq!(a.seen, vec![[0, 2], [5, 12]]);
    a.mark_seen(1..6);
    assert_eq!(a.seen, vec![[0, 12]]);
    a.mark_seen(3..3);
    assert_eq!(a.seen, vec![[0, 12]]);
    assert!(a.is_seen(0) && a.is_seen(11) && !a.is_seen(12));
}

#[test]
fn progress_counts_read_sentences() {
    let mut a = ArticleState::default();
    assert_eq!(a.progress(10), 0.0);
    a.mark_seen(0..3);
    a.mark_seen(8..20); // past the end: counts only up to total
    assert_eq!(a.seen_count(10), 5);
    assert!((a.progress(10) - 0.5).abs() < 1e-9);
    assert_eq!(a.progress(0), 0.0);
    let mut s = ReadingState::default();
    assert_eq!(s.progress(&key("x"), 4), 0.0);
    s.mark_seen(&key("x"), 0..4);
    assert_eq!(s.progress(&key("x"), 4), 1.0);
}

#[test]
fn merging_takes_the_union_and_the_later_position() {
    let mut ours = ArticleState::default();
    ours.mark_seen(0..3);
    ours.last = 2;
    ours.touched = 100;
    let mut theirs = ArticleState::default();
    theirs.mark_seen(5..9);
    theirs.last = 8;
    theirs.touched = 200;
    ours.merge(&theirs);
    assert_eq!(ours.seen, vec![[0, 3], [5, 9]]);
    assert_eq!((ours.last, ours.touched), (8, 200));
    let older = ArticleState {
        last: 1,
        touched: 50,
        ..ArticleState::default()
    };
    ours.merge(&older);
    assert_eq!(ours.last, 8, "an older position does not win");
}

#[test]
fn round_trip_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/state.json");
    let mut s = ReadingState::default();
    s.mark_seen(&key("a"), 0..4);
    s.mark_seen(&key("a"), 9..11);
    s.set_last(&key("a"), 10);
    s.set_last(&key("b"), 3);
    s.bind_folder(dir.path());
    s.set_folder_article(&key("b"), "b");
    assert!(s.is_dirty());
    assert_eq!(s.save(&path).unwrap(), None);
    assert!(!s.is_dirty());
    let (mut back, warning) = ReadingState::load(&path);
    assert_eq!(warning, None);
    assert_eq!(back.last(&key("a")), Some(10));
    assert_eq!(back.last(&key("b")), Some(3));
    assert_eq!(back.last(&key("c")), None);
    let seen: Vec<_> = back.get(&key("a")).unwrap().seen_ranges().collect();
    assert_eq!(seen, vec![0..4, 9..11]);
    assert_eq!(back.folder_article(), None, "no folder bound yet");
    back.bind_folder(dir.path());
    assert_eq!(back.folder_article(), Some((key("b").as_str(), "b")));
    // no temporary file is left behind, only the lock beside the state
    let mut names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["state.json", "state.json.lock"]);
}

#[test]
fn an_edited_article_starts_afresh() {
    let mut s = ReadingState::default();
    s.set_last(&ArticleKey::new("old body"), 7);
    assert_eq!(s.last(&ArticleKey::new("new body")), None);
}

#[test]
fn nothing_changed_is_not_dirty() {
    let mut s = ReadingState::default();
    s.mark_seen(&key("a"), 0..3);
    s.set_last(&key("a"), 2);
    let dir = tempfile::tempdir().unwrap();
    s.save(&dir.path().join("s.json")).unwrap();
    s.mark_seen(&key("a"), 1..2);
    s.set_last(&key("a"), 2);
    assert!(!s.is_dirty());
    s.set_last(&key("a"), 1);
    assert!(s.is_dirty());
}

#[test]
fn a_missing_file_is_an_empty_state_without_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (s, warning) = ReadingState::load(&dir.path().join("none.json"));
    assert!(s.is_empty());
    assert_eq!(warning, None);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_corrupt_file_is_moved_aside_with_a_warning_naming_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("garbage.json", &b"{not json"[..]),
        ("binary.json", &b"\xff\xfe\x00\x01"[..]),
        ("future.json", &br#"{"version":99,"articles":{}}"#[..]),
        ("empty.json", &b""[..]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let (s, warning) = ReadingState::load(&path);
        assert!(s.is_empty(), "{name}");
        let warning = warning.unwrap_or_default();
        let kept = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("{name}.bad-"))
            })
            .unwrap_or_else(|| panic!("{name}: no copy kept"));
        assert_eq!(std::fs::read(&kept).unwrap(), content, "{name}");
        assert!(
            warning.contains(&kept.display().to_string()),
            "{name}: {warning:?}"
        );
        assert!(!path.exists(), "{name}: nothing to write back");
    }
}

#[test]
fn a_folder_where_the_file_should_be_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, warning) = ReadingState::load(dir.path());
    assert!(s.is_empty() && warning.is_some());
    s.set_last(&key("a"), 1);
    assert!(s.save(dir.path()).is_err());
    assert!(dir.path().is_dir());
}

#[test]
fn ranges_from_a_hand_edited_file_are_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    std::fs::write(
        &path,
        r#"{"version":1,"articles":{"k":{"seen":[[5,9],[0,2],[3,3],[1,6],[12,10]],"last":4}}}"#,
    )
    .unwrap();
    let (s, warning) = ReadingState::load(&path);
    assert_eq!(warning, None);
    let a = &s.articles["k"];
    assert_eq!(a.seen, vec![[0, 9]]);
    assert_eq!(a.last, 4);
}

#[test]
fn save_keeps_the_most_recently_read() {
    let mut s = ReadingState::default();
    for i in 0..MAX_ARTICLES + 3 {
        let k = key(&format!("a{i}"));
        s.set_last(&k, 1);
        s.articles.get_mut(k.as_str()).unwrap().touched = i as u64;
    }
    let dir = tempfile::tempdir().unwrap();
    s.save(&dir.path().join("s.json")).unwrap();
    assert_eq!(s.len(), MAX_ARTICLES);
    assert!(s.get(&key("a0")).is_none() && s.get(&key("a2")).is_none());
    assert!(s.get(&key("a3")).is_some());
}

#[test]
fn a_published_copy_holds_only_the_session_and_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let mut before = ReadingState::default();
    before.set_last(&key("old"), 4);
    before.save(&path).unwrap();
    let (mut s, _) = ReadingState::load(&path);
    let published = Published::new(path.clone());
    published.publish(&s);
    assert_eq!(published.save().unwrap(), None, "nothing changed");
    s.set_last(&key("new"), 2);
    published.publish(&s);
    let copy = published.copy.lock().unwrap().clone().unwrap();
    assert_eq!(copy.len(), 1, "only what the session changed");
    published.save().unwrap();
    let (back, _) = ReadingState::load(&path);
    assert_eq!(back.last(&key("old")), Some(4));
    assert_eq!(back.last(&key("new")), Some(2));
}

#[test]
fn path_resolution_order() {
    let content = Path::new("/srv/content");
    let data = Path::new("/home/u/.local/share");
    let flag = Path::new("/tmp/flag.json");
    let env = OsStr::new("/tmp/env.json");
    assert_eq!(
        resolve(Some(flag), Some(env), Some(data), content).unwrap(),
        flag
    );
    assert_eq!(
        resolve(None, Some(env), Some(data), content).unwrap(),
        Path::new("/tmp/env.json")
    );
    assert_eq!(
        resolve(None, Some(OsStr::new("")), Some(data), content).unwrap(),
        data.join("dossier/state.json")
    );
    assert!(resolve(None, None, None, content).is_err());
}

#[test]
fn the_content_folder_is_never_the_state_folder() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("sub")).unwrap();
    for inside in [
        content.join("state.json"),
        content.join("sub/state.json"),
        content.join("new/deeper/state.json"),
        content.join("sub/../state.json"),
    ] {
        let err = resolve(Some(&inside), None, None, &content).unwrap_err();
        assert!(err.contains("inside the content folder"), "{err}");
    }
    let outside = dir.path().join("state.json");
    assert_eq!(
        resolve(Some(&outside), None, None, &content).unwrap(),
        outside
    );
    // a sibling whose name starts like the content folder is outside
    let sibling = dir.path().join("content2/state.json");
    assert!(resolve(Some(&sibling), None, None, &content).is_ok());
    // through the data dir too
    assert!(resolve(None, None, Some(&content), &content).is_err());
}

fn highlight(sentence: usize, text: &str, note: &str) -> Highlight {
    Highlight {
        sentence,
        text: text.into(),
        note: note.into(),
        ..Highlight::default()
    }
}

#[test]
fn highlights_are_added_noted_again_and_removed() {
    let mut s = ReadingState::default();
    assert!(s.highlights(&key("a")).is_empty());
    assert_eq!(s.add_highlight(&key("a"), highlight(3, "Three.", "")), 0);
    assert_eq!(s.add_highlight(&key("a"), highlight(1, "One.", "first")), 1);
    assert!(s.is_dirty());
    // the same sentence again: its note changes, no second highlight
    assert_eq!(
        s.add_highlight(&key("a"), highlight(3, "Three.", "a note")),
        0
    );
    let notes: Vec<&str> = s
        .highlights(&key("a"))
        .iter()
        .map(|h| h.note.as_str())
        .collect();
    assert_eq!(notes, ["a note", "first"]);
    // a pair from the same sentence is another highlight
    let mut pair = highlight(3, "Three.", "");
    pair.pair = Some(PairEnd {
        article: "b@0".into(),
        sentence: 7,
        ..PairEnd::default()
    });
    assert_eq!(s.add_highlight(&key("a"), pair), 2);
    assert_eq!(
        s.remove_highlight(&key("a"), 1).map(|h| h.note),
        Some("first".into())
    );
    assert_eq!(s.remove_highlight(&key("a"), 9), None);
    assert_eq!(s.remove_highlight(&key("z"), 0), None);
    assert_eq!(s.highlights(&key("a")).len(), 2);
}

#[test]
fn highlights_survive_the_file_and_a_file_without_them_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let mut s = ReadingState::default();
    s.add_highlight(&key("a"), highlight(2, "Two.", "why it matters"));
    s.save(&path).unwrap();
    let (back, warning) = ReadingState::load(&path);
    assert_eq!(warning, None);
    assert_eq!(back.highlights(&key("a")), s.highlights(&key("a")));
    // a state file written before highlights existed
    std::fs::write(&path, r#"{"version":1,"articles":{"k":{"last":4}}}"#).unwrap();
    let (old, warning) = ReadingState::load(&path);
    assert_eq!(warning, None);
    assert_eq!(old.articles["k"].highlights, Vec::<Highlight>::new());
}

#[test]
fn two_readers_highlights_are_joined_and_a_removed_one_stays_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let mut first = ReadingState::default();
    first.add_highlight(&key("a"), highlight(1, "One.", "kept"));
    first.add_highlight(&key("a"), highlight(2, "Two.", "to go"));
    first.save(&path).unwrap();
    // a second reader opens the file, adds one; the first removes one
    let (mut second, _) = ReadingState::load(&path);
    second.add_highlight(&key("a"), highlight(5, "Five.", "theirs"));
    second.save(&path).unwrap();
    assert_eq!(
        first.remove_highlight(&key("a"), 1).map(|h| h.sentence),
        Some(2)
    );
    first.save(&path).unwrap();
    let (back, _) = ReadingState::load(&path);
    let mut kept: Vec<usize> = back
        .highlights(&key("a"))
        .iter()
        .map(|h| h.sentence)
        .collect();
    kept.sort_unstable();
    assert_eq!(kept, [1, 5], "the union, less the one removed");
}

#[test]
fn pruning_keeps_articles_with_highlights() {
    let mut s = ReadingState::default();
    s.add_highlight(&key("old"), highlight(0, "Kept.", ""));
    s.articles.get_mut(key("old").as_str()).unwrap().touched = 0;
    for i in 0..MAX_ARTICLES {
        let k = key(&format!("a{i}"));
        s.set_last(&k, 1);
        s.articles.get_mut(k.as_str()).unwrap().touched = 10 + i as u64;
    }
    let dir = tempfile::tempdir().unwrap();
    s.save(&dir.path().join("s.json")).unwrap();
    assert_eq!(s.highlights(&key("old")).len(), 1);
    assert!(s.get(&key("a0")).is_none());
}

proptest! {
    #[test]
    fn marks_match_a_plain_set(ops in proptest::collection::vec((0usize..60, 0usize..12), 0..30)) {
        let mut a = ArticleState::default();
        let mut set = std::collections::BTreeSet::new();
        for (start, len) in ops {
            a.mark_seen(start..start + len);
            set.extend(start..start + len);
        }
        for i in 0..80 {
            prop_assert_eq!(a.is_seen(i), set.contains(&i));
        }
        prop_assert_eq!(a.seen_count(80), set.len());
        // canonical form: sorted, non-empty, not touching
        for w in a.seen.windows(2) {
            prop_assert!(w[0][1] < w[1][0]);
        }
        prop_assert!(a.seen.iter().all(|r| r[0] < r[1]));
    }

    #[test]
    fn normalising_matches_marking(ranges in proptest::collection::vec((0usize..60, 0usize..60), 0..30)) {
        let mut marked = ArticleState::default();
        for &(a, b) in &ranges {
            marked.mark_seen(a..b);
        }
        let mut repaired = ArticleState {
            seen: ranges.iter().map(|&(a, b)| [a, b]).collect(),
            ..ArticleState::default()
        };
        repaired.normalise();
        prop_assert_eq!(repaired.seen, marked.seen);
    }
}
