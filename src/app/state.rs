//! Reading state that outlives a session: which sentences of each article
//! have been read (the cursor has gone past them; the sources list shows
//! it as progress), the sentence each article was left at, and the article
//! each folder was left at, so that a restart reopens the place.
//!
//! It lives in one small JSON file under the platform's data directory —
//! never in the content folder, which dossier only reads. Articles are
//! keyed by their content (a hash of the body), so progress survives
//! renaming or adding files, and an edited article starts afresh.
//!
//! Several readers may share the file. A save takes an exclusive lock (a
//! `.lock` file beside it), reads the file again, merges it per article
//! (the position set later, the union of what was read) and writes
//! through a temporary file and a rename, so a crash mid-write leaves the
//! old file whole. A file that is not understood in full — not JSON, a
//! newer version, a wrong-typed entry among good ones — is moved aside as
//! `state.json.bad-<time>` before anything is written; only what could not
//! be read is dropped, and the warning names the kept copy. Losing progress
//! marks is at most a warning: it never stops the reader from opening.

use crate::corpus::Article;
use crate::fsio::ReadError;
use crate::text::sanitize::clean_line;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, TryLockError};
use std::time::{Duration, Instant};

/// The environment variable naming the state file.
pub const STATE_ENV: &str = "DOSSIER_STATE";
/// At most this many articles are remembered; the least recently read go.
pub const MAX_ARTICLES: usize = 10_000;
/// At most this many folders' open articles are remembered.
pub const MAX_FOLDERS: usize = 1_000;
/// A state file larger than this is not read (it cannot be ours).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
const VERSION: u64 = 1;
/// How long a save waits for another reader's save to finish.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Which article a state belongs to: a hash of its body, so that the state
/// follows the text through renames and an edited article starts afresh.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleKey(String);

impl ArticleKey {
    /// The key of an article with this body.
    pub fn new(body: &str) -> Self {
        Self(format!("{:016x}", fnv1a(body.as_bytes())))
    }

    /// The key of a loaded article.
    pub fn of(article: &Article) -> Self {
        Self::new(&article.body)
    }

    /// The key as stored in the file.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key a stored key stands for: files written when keys were
    /// `id@hash` keep their progress under the hash.
    fn migrate(stored: &str) -> &str {
        match stored.rsplit_once('@') {
            Some((_, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
                hash
            }
            _ => stored,
        }
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
    /// Sentences read, as sorted, disjoint, non-touching half-open ranges
    /// `[start, end)`.
    #[serde(default)]
    seen: Vec<[usize; 2]>,
    /// When it was last read (seconds since the Unix epoch): the later of
    /// two positions wins a merge, and the least recent are pruned.
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
    /// Marks the sentences `range` as read.
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

    /// Whether sentence `i` has been read.
    pub fn is_seen(&self, i: usize) -> bool {
        let k = self.seen.partition_point(|r| r[1] <= i);
        self.seen.get(k).is_some_and(|r| r[0] <= i)
    }

    /// The sentences read, as ranges in order.
    pub fn seen_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.seen.iter().map(|r| r[0]..r[1])
    }

    /// How many of the first `total` sentences have been read.
    pub fn seen_count(&self, total: usize) -> usize {
        self.seen
            .iter()
            .map(|r| r[1].min(total).saturating_sub(r[0]))
            .sum()
    }

    /// The share of an article's `total` sentences read, from 0 to 1
    /// (0 for an article without sentences).
    pub fn progress(&self, total: usize) -> f64 {
        if total == 0 {
            return 0.0;
        }
        self.seen_count(total) as f64 / total as f64
    }

    /// Takes in what another reader saved of the same article: the union
    /// of what was read, and the position set later (this one's on a tie).
    /// A field added to the state is merged here too.
    pub fn merge(&mut self, other: &ArticleState) {
        if !other.seen.is_empty() {
            self.seen.extend_from_slice(&other.seen);
            self.normalise();
        }
        // highlights: the union; where both hold one, ours (this session's
        // note) stands
        for h in &other.highlights {
            if !self.highlights.iter().any(|x| x.same_as(h)) {
                self.highlights.push(h.clone());
            }
        }
        if other.touched > self.touched {
            self.last = other.last;
            self.touched = other.touched;
        }
    }

    /// Repairs ranges read from a file: drops empty ones, sorts and merges
    /// (in `n log n`: a hand-made file may hold millions).
    fn normalise(&mut self) {
        let mut ranges = std::mem::take(&mut self.seen);
        ranges.retain(|r| r[0] < r[1]);
        ranges.sort_unstable();
        let mut out: Vec<[usize; 2]> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match out.last_mut() {
                Some(last) if r[0] <= last[1] => last[1] = last[1].max(r[1]),
                _ => out.push(r),
            }
        }
        self.seen = out;
    }
}

/// What is remembered of one folder: the article that was open.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct FolderState {
    /// The open article's key.
    #[serde(default)]
    article: String,
    /// Its id then, to find it again when its text has changed since.
    #[serde(default)]
    id: String,
    /// When it was opened (seconds since the Unix epoch).
    #[serde(default)]
    touched: u64,
}

/// The file, as written.
#[derive(Serialize)]
struct StateFile<'a> {
    version: u64,
    articles: &'a BTreeMap<String, ArticleState>,
    folders: &'a BTreeMap<String, FolderState>,
}

/// The reading state of every article ever opened, and what this session
/// changed of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadingState {
    articles: BTreeMap<String, ArticleState>,
    folders: BTreeMap<String, FolderState>,
    /// The folder this session reads (its canonical path), once bound.
    folder: Option<String>,
    /// The articles this session changed, and whether it changed its
    /// folder's record: what an emergency save writes.
    changed: BTreeSet<String>,
    folder_changed: bool,
    /// Where the cursor was when the session last noted it.
    cursor: Option<(ArticleKey, usize)>,
    dirty: bool,
    /// Counts the changes, so that a copy can tell it is behind.
    generation: u64,
    /// Why the file must not be written (it is not a regular file, or a bad
    /// one could not be moved aside).
    refused: Option<String>,
    /// The highlights this session removed, per article: a merge with the
    /// file, which may still hold them, leaves them out.
    removed: BTreeMap<String, Vec<Highlight>>,
}

impl ReadingState {
    /// Reads the state file, first removing the temporary files of writers
    /// that were killed. A missing file is an empty state. A file not
    /// understood in full is moved aside (`state.json.bad-<time>`), what
    /// could be read of it is kept and written back, and the warning says
    /// where the copy is; an unreadable or special file is an empty state,
    /// a warning, and never written over.
    pub fn load(path: &Path) -> (Self, Option<String>) {
        crate::fsio::remove_stale_temps(path);
        let mut state = Self::default();
        let found = match std::fs::metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (state, None),
            // a folder, a FIFO or a device is refused without a lock
            Ok(m) if !m.is_file() => read_file(path, false),
            _ => match with_lock(path, || read_file(path, true)) {
                Ok(found) => found,
                // no lock to be had (a read-only folder): read, move nothing
                Err(_) => read_file(path, false),
            },
        };
        state.absorb(found.articles, found.folders);
        state.refused = found.refused.clone();
        let mut warning = found.refused.or(found.note);
        let recovered = !state.articles.is_empty() || !state.folders.is_empty();
        if found.rewrite && recovered && state.refused.is_none() {
            // what was read of a file moved aside is kept at once
            if let Err(e) = state.write(path) {
                warning = warning.map(|w| format!("{w}; what could be read was not written: {e}"));
            }
        }
        (state, warning)
    }

    /// Merges the file as it is now into this state, under a lock held
    /// against other readers, and writes the result atomically (a
    /// temporary file beside `path`, renamed over it; the folder is made
    /// when missing). Keeps at most [`MAX_ARTICLES`] articles, dropping the
    /// least recently read. Returns a warning when the file on disk had to
    /// be moved aside first.
    pub fn save(&mut self, path: &Path) -> io::Result<Option<String>> {
        if let Some(why) = &self.refused {
            return Err(io::Error::other(why.clone()));
        }
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            if let Some(why) = read_file(path, false).refused {
                return Err(io::Error::other(why));
            }
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        with_lock(path, || {
            let found = read_file(path, true);
            if let Some(why) = found.refused {
                return Err(io::Error::other(why));
            }
            self.absorb(found.articles, found.folders);
            self.write(path)?;
            Ok(found.note)
        })?
    }

    /// Prunes and writes the state as it is (the caller holds the lock).
    fn write(&mut self, path: &Path) -> io::Result<()> {
        // highlights are the reader's own writing: pruned after marks
        prune(&mut self.articles, MAX_ARTICLES, |a| {
            (!a.highlights.is_empty(), a.touched)
        });
        prune(&mut self.folders, MAX_FOLDERS, |f| f.touched);
        let file = StateFile {
            version: VERSION,
            articles: &self.articles,
            folders: &self.folders,
        };
        let json = serde_json::to_vec(&file).map_err(io::Error::other)?;
        crate::fsio::write_atomic(path, &json)?;
        self.dirty = false;
        Ok(())
    }

    /// Takes in what another reader saved (see [`ArticleState::merge`]).
    fn absorb(
        &mut self,
        articles: BTreeMap<String, ArticleState>,
        folders: BTreeMap<String, FolderState>,
    ) {
        for (key, mut theirs) in articles {
            if let Some(gone) = self.removed.get(&key) {
                theirs
                    .highlights
                    .retain(|h| !gone.iter().any(|g| g.same_as(h)));
            }
            match self.articles.get_mut(&key) {
                Some(ours) => ours.merge(&theirs),
                None => {
                    self.articles.insert(key, theirs);
                }
            }
        }
        for (key, theirs) in folders {
            match self.folders.get_mut(&key) {
                Some(ours) if ours.touched >= theirs.touched => {}
                Some(ours) => *ours = theirs,
                None => {
                    self.folders.insert(key, theirs);
                }
            }
        }
    }

    /// Whether anything changed since it was loaded or saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The state of an article, when it was read before.
    pub fn get(&self, key: &ArticleKey) -> Option<&ArticleState> {
        self.articles.get(key.as_str())
    }

    /// Marks the sentences `range` of an article as read.
    pub fn mark_seen(&mut self, key: &ArticleKey, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let a = self.entry(key);
        let before = a.seen.clone();
        a.mark_seen(range);
        if a.seen != before {
            a.touched = now();
            self.changed(key);
        }
    }

    /// Remembers the sentence the reader is on in an article (an article
    /// at its first sentence, never read, is not recorded).
    pub fn set_last(&mut self, key: &ArticleKey, sentence: usize) {
        if self.get(key).map_or(0, |a| a.last) == sentence {
            return;
        }
        let a = self.entry(key);
        if a.last != sentence {
            a.last = sentence;
            a.touched = now();
            self.changed(key);
        }
    }

    /// The sentence to reopen an article at, when it was read before.
    pub fn last(&self, key: &ArticleKey) -> Option<usize> {
        self.get(key).map(|a| a.last)
    }

    /// The share of the article's `total` sentences read, 0 to 1.
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
        self.changed(key);
        if let Some(gone) = self.removed.get_mut(key.as_str()) {
            gone.retain(|x| !x.same_as(&h));
        }
        let a = self.entry(key);
        if let Some(i) = a.highlights.iter().position(|x| x.same_as(&h)) {
            a.highlights[i].note = h.note;
            i
        } else {
            a.highlights.push(h);
            a.highlights.len() - 1
        }
    }

    /// Removes an article's highlight `index`, returning it.
    pub fn remove_highlight(&mut self, key: &ArticleKey, index: usize) -> Option<Highlight> {
        let a = self.articles.get_mut(key.as_str())?;
        if index >= a.highlights.len() {
            return None;
        }
        let gone = a.highlights.remove(index);
        // remembered for the session, so that merging with the file (which
        // still holds it) does not bring it back
        self.removed
            .entry(key.0.clone())
            .or_default()
            .push(gone.clone());
        self.changed(key);
        Some(gone)
    }

    /// Number of articles remembered.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether no article is remembered.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Names the folder this session reads, whose open article is
    /// remembered (by its canonical path, so that `./x` and `x` are one).
    pub fn bind_folder(&mut self, root: &Path) {
        let real = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        self.folder = Some(real.to_string_lossy().into_owned());
    }

    /// The article the bound folder was left at: its key and its id then.
    pub fn folder_article(&self) -> Option<(&str, &str)> {
        let f = self.folders.get(self.folder.as_deref()?)?;
        Some((ArticleKey::migrate(&f.article), f.id.as_str()))
    }

    /// Remembers the article open in the bound folder.
    pub fn set_folder_article(&mut self, key: &ArticleKey, id: &str) {
        let Some(folder) = self.folder.clone() else {
            return;
        };
        let f = self.folders.entry(folder).or_default();
        if f.article != key.as_str() || f.id != id {
            f.article = key.as_str().to_string();
            f.id = id.to_string();
            f.touched = now();
            self.folder_changed = true;
            self.bump();
        }
    }

    /// Where this session's cursor was when it was last noted (not saved).
    pub fn cursor(&self) -> Option<&(ArticleKey, usize)> {
        self.cursor.as_ref()
    }

    /// Notes where this session's cursor is (not saved).
    pub fn set_cursor(&mut self, key: ArticleKey, sentence: usize) {
        self.cursor = Some((key, sentence));
    }

    /// What this session changed, alone: a small copy that, saved, merges
    /// the session into the file like a full save.
    fn session(&self) -> Self {
        let articles = self
            .changed
            .iter()
            .filter_map(|k| Some((k.clone(), self.articles.get(k)?.clone())))
            .collect();
        let folders = self
            .folder
            .as_ref()
            .filter(|_| self.folder_changed)
            .and_then(|f| Some((f.clone(), self.folders.get(f)?.clone())))
            .into_iter()
            .collect();
        Self {
            articles,
            folders,
            dirty: self.dirty,
            generation: self.generation,
            refused: self.refused.clone(),
            ..Self::default()
        }
    }

    fn changed(&mut self, key: &ArticleKey) {
        if !self.changed.contains(key.as_str()) {
            self.changed.insert(key.0.clone());
        }
        self.bump();
    }

    fn bump(&mut self) {
        self.dirty = true;
        self.generation += 1;
    }

    fn entry(&mut self, key: &ArticleKey) -> &mut ArticleState {
        self.articles.entry(key.0.clone()).or_default()
    }
}

/// Keeps the `max` most recently touched entries of `map`.
fn prune<T, K: Ord>(map: &mut BTreeMap<String, T>, max: usize, touched: impl Fn(&T) -> K) {
    if map.len() <= max {
        return;
    }
    let mut by_age: Vec<(K, String)> = map.iter().map(|(k, v)| (touched(v), k.clone())).collect();
    by_age.sort();
    let excess = map.len() - max;
    for (_, k) in by_age.into_iter().take(excess) {
        map.remove(&k);
    }
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// What was read of the file.
#[derive(Debug, Default)]
struct Found {
    articles: BTreeMap<String, ArticleState>,
    folders: BTreeMap<String, FolderState>,
    /// A warning: the file was not understood in full (and where it went).
    note: Option<String>,
    /// The file was moved aside: what was read of it is to be written back.
    rewrite: bool,
    /// Why the file must not be written over.
    refused: Option<String>,
}

/// Reads the state file. One not understood in full is moved aside when
/// `may_move` (the caller holds the lock), else it is left and refused.
fn read_file(path: &Path, may_move: bool) -> Found {
    let shown = clean_line(&path.display().to_string()).into_owned();
    let refuse = |why: String| Found {
        refused: Some(format!(
            "reading state not kept: {shown}: {}",
            clean_line(&why)
        )),
        ..Found::default()
    };
    let (articles, folders, problem) = match crate::fsio::read_regular(path, MAX_FILE_BYTES) {
        Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Found::default(),
        Err(e @ ReadError::TooBig { .. }) => (BTreeMap::new(), BTreeMap::new(), e.to_string()),
        Err(e) => return refuse(e.to_string()),
        Ok(bytes) => match parse(&bytes) {
            (articles, folders, None) => {
                return Found {
                    articles,
                    folders,
                    ..Found::default()
                }
            }
            (articles, folders, Some(problem)) => (articles, folders, problem),
        },
    };
    if !may_move {
        return refuse(format!("{problem}; left as it is"));
    }
    match keep_aside(path) {
        Ok(kept) => Found {
            articles,
            folders,
            note: Some(format!(
                "reading state {shown} was not understood in full ({}); it is kept as {}",
                clean_line(&problem),
                clean_line(&kept.display().to_string())
            )),
            rewrite: true,
            refused: None,
        },
        Err(e) => refuse(format!(
            "{problem}; it cannot be moved aside ({})",
            crate::error::io_reason(&e)
        )),
    }
}

/// Moves the file to `NAME.bad-<UTC time>` beside it (with `-2`, `-3`… when
/// that is taken) and returns where.
fn keep_aside(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .map_or_else(|| "state.json".into(), |n| n.to_string_lossy().into_owned());
    let stamp =
        jiff::fmt::strtime::format("%Y%m%dT%H%M%SZ", jiff::Timestamp::now()).unwrap_or_default();
    for n in 1..1000 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let kept = path.with_file_name(format!("{name}.bad-{stamp}{suffix}"));
        if std::fs::symlink_metadata(&kept).is_err() {
            std::fs::rename(path, &kept)?;
            return Ok(kept);
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free name to keep it under",
    ))
}

type Parsed = (
    BTreeMap<String, ArticleState>,
    BTreeMap<String, FolderState>,
    Option<String>,
);

/// Reads what can be read of a state file: each entry on its own, so that
/// one bad entry costs only itself. The problem, if any, is said in words.
fn parse(bytes: &[u8]) -> Parsed {
    let mut articles = BTreeMap::new();
    let mut folders = BTreeMap::new();
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return (articles, folders, Some(format!("not JSON: {e}"))),
    };
    let Some(top) = value.as_object() else {
        return (articles, folders, Some("not a JSON object".into()));
    };
    match top.get("version").and_then(serde_json::Value::as_u64) {
        Some(VERSION) => {}
        Some(v) if v > VERSION => {
            return (
                articles,
                folders,
                Some(format!("version {v}, written by a newer dossier")),
            )
        }
        Some(v) => return (articles, folders, Some(format!("unknown version {v}"))),
        None => return (articles, folders, Some("no version".into())),
    }
    let mut bad = Vec::new();
    let mut total = 0;
    match top.get("articles") {
        None => {}
        Some(serde_json::Value::Object(map)) => {
            for (key, v) in map {
                total += 1;
                match ArticleState::deserialize(v) {
                    Ok(mut a) => {
                        a.normalise();
                        let key = ArticleKey::migrate(key).to_string();
                        match articles.get_mut(&key) {
                            Some(same) => ArticleState::merge(same, &a),
                            None => {
                                articles.insert(key, a);
                            }
                        }
                    }
                    Err(e) => bad.push(format!("article {}: {e}", shorten(key))),
                }
            }
        }
        Some(_) => bad.push("`articles` is not an object".into()),
    }
    match top.get("folders") {
        None => {}
        Some(serde_json::Value::Object(map)) => {
            for (key, v) in map {
                total += 1;
                match FolderState::deserialize(v) {
                    Ok(f) => {
                        folders.insert(key.clone(), f);
                    }
                    Err(e) => bad.push(format!("folder {}: {e}", shorten(key))),
                }
            }
        }
        Some(_) => bad.push("`folders` is not an object".into()),
    }
    let problem = bad.first().map(|first| {
        format!(
            "{} of {total} entries dropped; the first: {first}",
            bad.len()
        )
    });
    (articles, folders, problem)
}

/// A key from the file, short enough to quote.
fn shorten(key: &str) -> String {
    const MAX: usize = 40;
    match key.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{:?}…", &key[..cut]),
        None => format!("{key:?}"),
    }
}

/// Runs `f` holding the exclusive lock of the state file at `path` (the
/// file `NAME.lock` beside it, which is never renamed), waiting at most
/// [`LOCK_WAIT`] for another reader's save.
fn with_lock<T>(path: &Path, f: impl FnOnce() -> T) -> io::Result<T> {
    let name = path
        .file_name()
        .map_or_else(|| "state.json".into(), |n| n.to_string_lossy().into_owned());
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path.with_file_name(format!("{name}.lock")))?;
    let mut lock = fd_lock::RwLock::new(file);
    let start = Instant::now();
    loop {
        match lock.try_write() {
            Ok(_held) => return Ok(f()),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock && start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    "another dossier holds the state file's lock",
                ))
            }
            Err(e) => return Err(e),
        }
    }
}

/// The session's reading state as the UI thread last published it, for
/// the exits that cannot reach the app: a panic on that thread, or a
/// signal while it is stuck reading a terminal that is gone. Publishing
/// copies only what the session changed.
#[derive(Debug, Clone)]
pub struct Published {
    path: PathBuf,
    copy: Arc<Mutex<Option<ReadingState>>>,
}

impl Published {
    /// Nothing published yet; saves go to `path`.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            copy: Arc::new(Mutex::new(None)),
        }
    }

    /// Publishes `state` when it changed (or was saved) since it was last
    /// published.
    pub fn publish(&self, state: &ReadingState) {
        let mut copy = match self.copy.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        let current = copy
            .as_ref()
            .is_some_and(|c| c.generation == state.generation && c.dirty == state.dirty);
        if !current {
            *copy = Some(state.session());
        }
    }

    /// Saves what was published when it has changes not yet saved. The
    /// copy is held while it is written, so that a second caller (a panic
    /// hook while a signal's save runs) waits for the first rather than
    /// finding nothing to do and ending the process under it; the wait is
    /// bounded, never for a holder that cannot let go (the panicking thread
    /// itself).
    pub fn save(&self) -> io::Result<Option<String>> {
        let start = Instant::now();
        let mut copy = loop {
            match self.copy.try_lock() {
                Ok(c) => break c,
                Err(TryLockError::Poisoned(p)) => break p.into_inner(),
                Err(TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT * 2 => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(TryLockError::WouldBlock) => return Ok(None),
            }
        };
        match copy.as_mut() {
            Some(s) if s.is_dirty() => s.save(&self.path),
            _ => Ok(None),
        }
    }
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
            clean_line(&path.display().to_string()),
            clean_line(&content_root.display().to_string())
        ));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
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
}
