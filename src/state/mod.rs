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

mod file;
mod locate;

use file::{read_file, with_lock};
pub use locate::{locate, resolve, Published};

#[cfg(test)]
mod tests;
