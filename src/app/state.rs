//! Reading state that outlives a session: which sentences of each article
//! have been on screen (the sources list shows it as progress) and where the
//! reader last was, so an article reopens at that place.
//!
//! It lives in one small JSON file under the platform's data directory —
//! never in the content folder, which dossier only reads — and is written
//! atomically (a temporary file in the same folder, then a rename), so a
//! crash mid-write leaves the old file whole. A missing or unreadable file
//! is an empty state and at most a warning: losing progress marks must never
//! stop the reader from opening.

use crate::corpus::Article;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The environment variable naming the state file.
pub const STATE_ENV: &str = "DOSSIER_STATE";
/// At most this many articles are remembered; the least recently read go.
pub const MAX_ARTICLES: usize = 10_000;
/// A state file larger than this is not read (it cannot be ours).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
const VERSION: u32 = 1;

/// Which article a state belongs to: its id and a hash of its body, so that
/// an edited article starts afresh instead of showing stale marks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleKey(String);

impl ArticleKey {
    /// The key of an article with this id and body.
    pub fn new(id: &str, body: &str) -> Self {
        Self(format!("{id}@{:016x}", fnv1a(body.as_bytes())))
    }

    /// The key of a loaded article.
    pub fn of(article: &Article) -> Self {
        Self::new(&article.id, &article.body)
    }

    /// The key as stored in the file.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// FNV-1a, 64 bits: stable across Rust releases and platforms, unlike the
/// standard library's hasher, so keys written today still match tomorrow.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What is remembered of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleState {
    /// The sentence the reader was last on.
    #[serde(default)]
    pub last: usize,
    /// Sentences that have been on screen, as sorted, disjoint, non-touching
    /// half-open ranges `[start, end)`.
    #[serde(default)]
    seen: Vec<[usize; 2]>,
    /// When it was last read (seconds since the Unix epoch), for pruning.
    #[serde(default)]
    pub touched: u64,
    /// The reader's highlights, in the order they were made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<Highlight>,
}

/// A sentence the reader highlighted, perhaps with a note, or a
/// cross-reference's two sentences. It is kept by the sentence's text as
/// well as its place, so that it is found again if the sentence moves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlight {
    /// The sentence's index when it was highlighted.
    pub sentence: usize,
    /// The sentence's text, white space folded.
    pub text: String,
    /// The reader's note ("" for none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// For a cross-reference, the sentence at its other end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pair: Option<PairEnd>,
    /// When it was made (seconds since the Unix epoch).
    #[serde(default)]
    pub created: u64,
}

/// The other end of a highlighted cross-reference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairEnd {
    /// The other article's key (see [`ArticleKey::as_str`]).
    pub article: String,
    /// The other article's citation when it was highlighted.
    pub cite: String,
    /// The other sentence's index.
    pub sentence: usize,
    /// The other sentence's text.
    pub text: String,
    /// The relation between the two (`agrees`, `differs`, `related`).
    pub relation: String,
    /// Why they are linked.
    #[serde(default)]
    pub why: String,
}

impl Highlight {
    /// Whether two highlights are of the same thing (the same sentence,
    /// and the same other end for a pair), whatever their notes.
    pub fn same_as(&self, other: &Highlight) -> bool {
        self.sentence == other.sentence
            && self.text == other.text
            && self.pair.as_ref().map(|p| (&p.article, p.sentence))
                == other.pair.as_ref().map(|p| (&p.article, p.sentence))
    }
}

impl ArticleState {
    /// Marks the sentences `range` as seen.
    pub fn mark_seen(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let (mut start, mut end) = (range.start, range.end);
        // ranges touching or overlapping the new one merge into it
        let lo = self.seen.partition_point(|r| r[1] < start);
        let hi = self.seen.partition_point(|r| r[0] <= end);
        if lo < hi {
            start = start.min(self.seen[lo][0]);
            end = end.max(self.seen[hi - 1][1]);
        }
        self.seen.splice(lo..hi, [[start, end]]);
    }

    /// Whether sentence `i` has been on screen.
    pub fn is_seen(&self, i: usize) -> bool {
        let k = self.seen.partition_point(|r| r[1] <= i);
        self.seen.get(k).is_some_and(|r| r[0] <= i)
    }

    /// The seen sentences, as ranges in order.
    pub fn seen_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.seen.iter().map(|r| r[0]..r[1])
    }

    /// How many of the first `total` sentences have been seen.
    pub fn seen_count(&self, total: usize) -> usize {
        self.seen
            .iter()
            .map(|r| r[1].min(total).saturating_sub(r[0]))
            .sum()
    }

    /// The share of an article's `total` sentences seen, from 0 to 1
    /// (0 for an article without sentences).
    pub fn progress(&self, total: usize) -> f64 {
        if total == 0 {
            return 0.0;
        }
        self.seen_count(total) as f64 / total as f64
    }

    /// Repairs ranges read from a file: drops empty ones, sorts and merges.
    fn normalise(&mut self) {
        let ranges = std::mem::take(&mut self.seen);
        for [a, b] in ranges {
            self.mark_seen(a..b);
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct StateFile {
    version: u32,
    #[serde(default)]
    articles: BTreeMap<String, ArticleState>,
}

/// The reading state of every article ever opened.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadingState {
    articles: BTreeMap<String, ArticleState>,
    dirty: bool,
}

impl ReadingState {
    /// Reads the state file. A missing file is an empty state; an unreadable,
    /// oversized or corrupt one is an empty state and a warning to show.
    pub fn load(path: &Path) -> (Self, Option<String>) {
        let shown = crate::text::sanitize::clean_line(&path.display().to_string()).into_owned();
        let warn = |why: String| {
            (
                Self::default(),
                Some(format!("reading state not restored: {shown}: {why}")),
            )
        };
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Self::default(), None),
            Err(e) => return warn(e.to_string()),
            Ok(m) if !m.is_file() => return warn("not a file".into()),
            Ok(m) if m.len() > MAX_FILE_BYTES => {
                return warn(format!("{} bytes is too large", m.len()))
            }
            Ok(_) => {}
        }
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => return warn(e.to_string()),
        };
        let file: StateFile = match serde_json::from_str(&text) {
            Ok(f) => f,
            Err(e) => return warn(format!("not a valid state file ({e})")),
        };
        if file.version != VERSION {
            return warn(format!("unknown version {}", file.version));
        }
        let mut articles = file.articles;
        for a in articles.values_mut() {
            a.normalise();
        }
        (
            Self {
                articles,
                dirty: false,
            },
            None,
        )
    }

    /// Writes the state atomically: to a temporary file beside `path`, then
    /// renamed over it. The folder is created when missing. Keeps at most
    /// [`MAX_ARTICLES`] articles, dropping the least recently read.
    pub fn save(&mut self, path: &Path) -> std::io::Result<()> {
        if self.articles.len() > MAX_ARTICLES {
            // highlights are the reader's own writing: kept before marks
            let mut by_age: Vec<(bool, u64, String)> = self
                .articles
                .iter()
                .map(|(k, a)| (!a.highlights.is_empty(), a.touched, k.clone()))
                .collect();
            by_age.sort();
            let excess = self.articles.len() - MAX_ARTICLES;
            for (_, _, k) in by_age.into_iter().take(excess) {
                self.articles.remove(&k);
            }
        }
        let file = StateFile {
            version: VERSION,
            articles: self.articles.clone(),
        };
        let json = serde_json::to_vec(&file).map_err(std::io::Error::other)?;
        crate::fsio::write_atomic(path, &json)?;
        self.dirty = false;
        Ok(())
    }

    /// Whether anything changed since it was loaded or saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The state of an article, when it was read before.
    pub fn get(&self, key: &ArticleKey) -> Option<&ArticleState> {
        self.articles.get(key.as_str())
    }

    /// Marks the sentences `range` of an article as having been on screen.
    pub fn mark_seen(&mut self, key: &ArticleKey, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let a = self.entry(key);
        let before = a.seen.clone();
        a.mark_seen(range);
        if a.seen != before {
            a.touched = now();
            self.dirty = true;
        }
    }

    /// Remembers the sentence the reader is on in an article.
    pub fn set_last(&mut self, key: &ArticleKey, sentence: usize) {
        let a = self.entry(key);
        if a.last != sentence {
            a.last = sentence;
            a.touched = now();
            self.dirty = true;
        }
    }

    /// The sentence to reopen an article at, when it was read before.
    pub fn last(&self, key: &ArticleKey) -> Option<usize> {
        self.get(key).map(|a| a.last)
    }

    /// The share of the article's `total` sentences seen, 0 to 1.
    pub fn progress(&self, key: &ArticleKey, total: usize) -> f64 {
        self.get(key).map_or(0.0, |a| a.progress(total))
    }

    /// An article's highlights, in the order they were made.
    pub fn highlights(&self, key: &ArticleKey) -> &[Highlight] {
        self.get(key).map_or(&[], |a| a.highlights.as_slice())
    }

    /// Adds a highlight to an article, or replaces the note of the same
    /// one (see [`Highlight::same_as`]); returns its index.
    pub fn add_highlight(&mut self, key: &ArticleKey, h: Highlight) -> usize {
        let a = self.entry(key);
        a.touched = now();
        self.dirty = true;
        let a = self.entry(key);
        match a.highlights.iter().position(|x| x.same_as(&h)) {
            Some(i) => {
                a.highlights[i].note = h.note;
                i
            }
            None => {
                a.highlights.push(h);
                a.highlights.len() - 1
            }
        }
    }

    /// Removes an article's highlight `index`, returning it.
    pub fn remove_highlight(&mut self, key: &ArticleKey, index: usize) -> Option<Highlight> {
        let a = self.articles.get_mut(key.as_str())?;
        if index >= a.highlights.len() {
            return None;
        }
        self.dirty = true;
        Some(a.highlights.remove(index))
    }

    /// Number of articles remembered.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether no article is remembered.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    fn entry(&mut self, key: &ArticleKey) -> &mut ArticleState {
        self.articles.entry(key.0.clone()).or_default()
    }
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Where the state file is: `explicit` (a command-line flag), else
/// `$DOSSIER_STATE`, else `dirs::data_dir()/dossier/state.json`. Refused
/// when that path lies inside `content_root`, which is never written to.
pub fn locate(explicit: Option<&Path>, content_root: &Path) -> Result<PathBuf, String> {
    resolve(
        explicit,
        std::env::var_os(STATE_ENV).as_deref(),
        dirs::data_dir().as_deref(),
        content_root,
    )
}

/// [`locate`] with the environment given explicitly, for tests.
pub fn resolve(
    explicit: Option<&Path>,
    env: Option<&OsStr>,
    data_dir: Option<&Path>,
    content_root: &Path,
) -> Result<PathBuf, String> {
    let path = explicit
        .map(Path::to_path_buf)
        .or_else(|| env.filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(|| data_dir.map(|d| d.join("dossier").join("state.json")))
        .ok_or_else(|| {
            format!("no data directory is known: reading state is not kept (set ${STATE_ENV})")
        })?;
    if crate::fsio::is_inside(&path, content_root) {
        return Err(format!(
            "reading state not kept: {} is inside the content folder {}",
            path.display(),
            content_root.display()
        ));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(id: &str) -> ArticleKey {
        ArticleKey::new(id, "body text")
    }

    #[test]
    fn keys_change_with_the_body() {
        assert_eq!(ArticleKey::new("a", "x"), ArticleKey::new("a", "x"));
        assert_ne!(ArticleKey::new("a", "x"), ArticleKey::new("a", "y"));
        assert_ne!(ArticleKey::new("a", "x"), ArticleKey::new("b", "x"));
        // FNV-1a's published test vector: the hash must stay stable
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
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
    fn progress_counts_seen_sentences() {
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
    fn round_trip_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dir/state.json");
        let mut s = ReadingState::default();
        s.mark_seen(&key("a"), 0..4);
        s.mark_seen(&key("a"), 9..11);
        s.set_last(&key("a"), 10);
        s.set_last(&key("b"), 3);
        assert!(s.is_dirty());
        s.save(&path).unwrap();
        assert!(!s.is_dirty());
        let (back, warning) = ReadingState::load(&path);
        assert_eq!(warning, None);
        assert_eq!(back.last(&key("a")), Some(10));
        assert_eq!(back.last(&key("b")), Some(3));
        assert_eq!(back.last(&key("c")), None);
        let seen: Vec<_> = back.get(&key("a")).unwrap().seen_ranges().collect();
        assert_eq!(seen, vec![0..4, 9..11]);
        // no temporary file is left behind
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("state.json")]);
    }

    #[test]
    fn an_edited_article_starts_afresh() {
        let mut s = ReadingState::default();
        s.set_last(&ArticleKey::new("a", "old body"), 7);
        assert_eq!(s.last(&ArticleKey::new("a", "new body")), None);
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
    }

    #[test]
    fn a_corrupt_file_is_an_empty_state_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in [
            ("garbage.json", &b"{not json"[..]),
            ("binary.json", &b"\xff\xfe\x00\x01"[..]),
            (
                "wrong.json",
                &br#"{"version":1,"articles":{"a":{"seen":"x"}}}"#[..],
            ),
            ("future.json", &br#"{"version":99,"articles":{}}"#[..]),
            ("empty.json", &b""[..]),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, content).unwrap();
            let (s, warning) = ReadingState::load(&path);
            assert!(s.is_empty(), "{name}");
            let warning = warning.unwrap_or_default();
            assert!(warning.contains(name), "{name}: {warning:?}");
        }
        // a folder where the file should be
        let (s, warning) = ReadingState::load(dir.path());
        assert!(s.is_empty() && warning.is_some());
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
    }
}
