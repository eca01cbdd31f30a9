//! The analysis of a corpus, kept on disk so that reopening an unchanged
//! corpus does not analyse it again.
//!
//! One file per corpus folder, under `$DOSSIER_CACHE_DIR` or the platform's
//! cache folder (`dirs::cache_dir()/dossier`). The file starts with a header
//! — magic bytes, a format number, the key of the corpus it belongs to, the
//! payload's length and a checksum of the payload — so that a file from an
//! older dossier, another corpus state, or a torn or corrupted write is
//! detected and rebuilt, never trusted. The key hashes the crate version,
//! the analysis settings and every article as loaded (id, metadata, body, in
//! corpus order): whatever changes the analysis changes the key. A changed
//! file re-analyses the corpus (with progress).
//!
//! The payload is [`postcard`]: compact and several times faster to read
//! than JSON, which matters for a 10,000-article corpus opened in under a
//! second. A payload that does not decode is treated as corrupt.
//!
//! Beside it, a second file (`.articles`) keeps each article's own stages
//! ([`OwnStages`]: sentences and dates), keyed by a hash of what they
//! depend on — the article's body and published date, under the same
//! dossier version and analysis fingerprint. When the corpus changed and
//! is analysed cold (an article edited or removed, say), only the changed
//! articles' own stages run; the corpus-wide stages (entities, links) run
//! over all of them. The
//! file holds the entries of the corpus as last analysed, so it never grows
//! with history. It has the same header, checksum, bounded read and atomic
//! write as the analysis file.
//!
//! A third file (`.growth`, [`grow`]) lets a stored analysis take in
//! articles added to its corpus without analysing the rest again: when the
//! corpus opened is the stored one with articles added, the stored analysis
//! is extended ([`Outcome::Extended`]) rather than the corpus analysed cold.

mod grow;

pub use grow::Policy;

use crate::analysis::links::TermCounts;
use crate::analysis::{Analysis, OwnStages, Settings};
use crate::corpus::Corpus;
use crate::fsio::ReadError;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The first bytes of every cache file.
const MAGIC: &[u8; 8] = b"DOSSIERC";
/// The first bytes of every per-article file.
const MAGIC_OWN: &[u8; 8] = b"DOSSIERA";
/// The first bytes of every file of what an analysis counted
/// ([`grow::Growth`]).
const MAGIC_GROWTH: &[u8; 8] = b"DOSSIERG";
/// Bumped whenever the layout of the file (not of the analysis) changes.
const FORMAT: u32 = 1;
/// Magic, format, key, payload length, checksum.
const HEADER_LEN: usize = 8 + 4 + 8 + 8 + 8;

/// What happened when the cache was consulted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The stored analysis matched the corpus and was used.
    Hit,
    /// There was no stored analysis for this corpus.
    Miss,
    /// The stored analysis was for another state of the corpus, another
    /// settings or another dossier version, and was rebuilt.
    Stale,
    /// The stored file was damaged (the reason says how) and was rebuilt.
    Corrupt(String),
    /// The stored analysis was of this corpus before `added` articles were
    /// added to it (or before details that do not change the analysis,
    /// such as titles, changed): the new articles were analysed and linked
    /// against it, the rest kept ([`crate::analysis::Analysis::extend`]).
    Extended {
        /// How many articles were new.
        added: usize,
    },
}

/// Where analyses are stored.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    growth: grow::Policy,
}

impl Cache {
    /// The cache in `dir` (created when first written).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            growth: grow::Policy::default(),
        }
    }

    /// This cache, extending a stored analysis under `policy` rather than
    /// the default one.
    pub fn growing(mut self, policy: grow::Policy) -> Self {
        self.growth = policy;
        self
    }

    /// `$DOSSIER_CACHE_DIR` when set, else the platform's cache folder;
    /// `None` when the platform has none.
    pub fn from_env() -> Option<Self> {
        match std::env::var_os("DOSSIER_CACHE_DIR") {
            Some(dir) if !dir.is_empty() => Some(Self::at(dir)),
            _ => dirs::cache_dir().map(|d| Self::at(d.join("dossier"))),
        }
    }

    /// The folder the cache files live in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file that holds the analysis of the corpus loaded from `root`.
    pub fn file_for(&self, root: &Path) -> PathBuf {
        let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut h = Hash64::new();
        h.write(root.to_string_lossy().as_bytes());
        self.dir.join(format!("{:016x}.analysis", h.finish()))
    }

    /// The file that holds the per-article stages of the corpus loaded from
    /// `root`.
    pub fn own_file_for(&self, root: &Path) -> PathBuf {
        self.file_for(root).with_extension("articles")
    }

    /// The file that holds what the analysis of the corpus loaded from
    /// `root` counted, for extending it when articles are added.
    pub fn growth_file_for(&self, root: &Path) -> PathBuf {
        self.file_for(root).with_extension("growth")
    }

    /// The stored analysis of `corpus` when it is valid, else a fresh one,
    /// which is then stored. A cache that cannot be written is not an error:
    /// the analysis is returned all the same.
    pub fn load_or_analyze(
        &self,
        corpus: &Corpus,
        settings: &Settings,
        progress: impl Fn(usize, usize) + Sync,
    ) -> (Analysis, Outcome) {
        let (analysis, outcome, _) = self.load_or_analyze_reusing(corpus, settings, progress);
        (analysis, outcome)
    }

    /// As [`Cache::load_or_analyze`], saying also how many articles' own
    /// stages were reused from the per-article file (when the analysis was
    /// not a hit).
    pub fn load_or_analyze_reusing(
        &self,
        corpus: &Corpus,
        settings: &Settings,
        progress: impl Fn(usize, usize) + Sync,
    ) -> (Analysis, Outcome, Reuse) {
        let key = key(corpus, settings);
        let file = self.file_for(&corpus.root);
        let own_file = self.own_file_for(&corpus.root);
        let growth_file = self.growth_file_for(&corpus.root);
        for f in [&file, &own_file, &growth_file] {
            crate::fsio::remove_stale_temps(f);
        }
        let (outcome, stale) = match read_frame(&file, MAGIC, read_limit(corpus)) {
            Ok((k, payload)) if k == key => match decode(&payload) {
                Ok(analysis) => return (analysis, Outcome::Hit, Reuse::default()),
                Err(Invalid::Corrupt(why)) => (Outcome::Corrupt(why), None),
                Err(_) => (Outcome::Stale, None),
            },
            Ok(stored) => (Outcome::Stale, Some(stored)),
            Err(Invalid::Missing) => (Outcome::Miss, None),
            Err(Invalid::Stale) => (Outcome::Stale, None),
            Err(Invalid::Corrupt(why)) => (Outcome::Corrupt(why), None),
        };
        let keys: Vec<u64> = {
            use rayon::prelude::*;
            corpus.articles.par_iter().map(own_key).collect()
        };
        if let Some((k, payload)) = stale {
            let grown = self.grow(corpus, settings, (k, &payload), &keys, &progress);
            drop(payload);
            if let Some((analysis, growth, added)) = grown {
                let _ = self.store_as(corpus, &file, key, &analysis);
                let _ = self.store_growth(corpus, &growth_file, settings, &growth.with_key(key));
                let reuse = Reuse {
                    reused: corpus.articles.len() - added,
                    analysed: added,
                };
                return (analysis, Outcome::Extended { added }, reuse);
            }
        }
        let stored: HashMap<u64, OwnStages> = read_own(&own_file, read_limit(corpus))
            .map(|entries| entries.into_iter().collect())
            .unwrap_or_default();
        let (analysis, own, counts, reuse) =
            analyze_reusing(corpus, settings, &keys, stored, progress);
        // a read-only or full disk, or a cache folder inside the corpus,
        // only costs the next start its speed
        let _ = self.store_as(corpus, &file, key, &analysis);
        let _ = self.store_own(corpus, &own_file, &own);
        let growth = grow::Growth::cold(key, keys, counts);
        let _ = self.store_growth(corpus, &growth_file, settings, &growth);
        (analysis, outcome, reuse)
    }
}

/// How many articles' own stages were reused and how many were run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reuse {
    /// Articles whose sentences and dates came from the per-article file.
    pub reused: usize,
    /// Articles whose sentences and dates were computed.
    pub analysed: usize,
}

/// The key of one article's own stages: what they depend on (its body and
/// published date) under this dossier version and analysis fingerprint.
pub fn own_key(article: &crate::corpus::Article) -> u64 {
    let mut h = Hash64::new();
    h.write_field(env!("CARGO_PKG_VERSION").as_bytes());
    h.write_field(env!("DOSSIER_ANALYSIS_FINGERPRINT").as_bytes());
    h.write_field(format!("{:?}", article.meta.published).as_bytes());
    h.write_field(article.body.as_bytes());
    h.finish()
}

/// The analysis of `corpus`, the own stages of `stored` reused where their
/// key matches, the others run (with progress, one step per article as in
/// [`Analysis::run_with_progress`]). Returns the per-article entries of
/// the corpus to store.
fn analyze_reusing(
    corpus: &Corpus,
    settings: &Settings,
    keys: &[u64],
    mut stored: HashMap<u64, OwnStages>,
    progress: impl Fn(usize, usize) + Sync,
) -> (Analysis, Vec<(u64, OwnStages)>, TermCounts, Reuse) {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let total = corpus.articles.len() + 2;
    let found: Vec<Option<OwnStages>> = keys.iter().map(|k| stored.remove(k)).collect();
    drop(stored);
    let reused = found.iter().filter(|f| f.is_some()).count();
    let done = AtomicUsize::new(reused);
    if reused > 0 {
        progress(reused, total);
    }
    let own: Vec<OwnStages> = corpus
        .articles
        .par_iter()
        .zip(found)
        .map(|(a, f)| {
            f.unwrap_or_else(|| {
                let stages = OwnStages::of(a);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                stages
            })
        })
        .collect();
    let entries: Vec<(u64, OwnStages)> = keys.iter().copied().zip(own.iter().cloned()).collect();
    let (analysis, counts) = Analysis::from_own_stages_counting(corpus, settings, own, progress);
    let reuse = Reuse {
        reused,
        analysed: corpus.articles.len() - reused,
    };
    (analysis, entries, counts, reuse)
}

impl Cache {
    /// Stores an analysis computed elsewhere (say, in the background while
    /// the reader was open) as the analysis of `corpus` with `settings`.
    pub fn store(
        &self,
        corpus: &Corpus,
        settings: &Settings,
        analysis: &Analysis,
    ) -> io::Result<()> {
        let file = self.file_for(&corpus.root);
        self.store_as(corpus, &file, key(corpus, settings), analysis)
    }

    /// Writes `file`, unless the cache folder lies inside the corpus folder:
    /// dossier never writes into the folder it reads.
    fn store_as(
        &self,
        corpus: &Corpus,
        file: &Path,
        key: u64,
        analysis: &Analysis,
    ) -> io::Result<()> {
        let payload = postcard::to_stdvec(analysis).map_err(io::Error::other)?;
        // written beside, then renamed: a reader never sees half a file
        write_outside(corpus, file, &framed(MAGIC, key, &payload))
    }

    /// Writes the per-article file, under the same rule.
    fn store_own(&self, corpus: &Corpus, file: &Path, own: &[(u64, OwnStages)]) -> io::Result<()> {
        let payload = postcard::to_stdvec(own).map_err(io::Error::other)?;
        write_outside(corpus, file, &framed(MAGIC_OWN, own_file_key(), &payload))
    }
}

/// Writes `bytes` to `file` atomically, unless the file lies inside the
/// corpus folder: dossier never writes into the folder it reads.
fn write_outside(corpus: &Corpus, file: &Path, bytes: &[u8]) -> io::Result<()> {
    if crate::fsio::is_inside(file, &corpus.root) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the cache folder is inside the content folder, which is never written to",
        ));
    }
    crate::fsio::write_atomic(file, bytes)
}

/// The key of the per-article file as a whole: entries from another
/// version or fingerprint are never read (each entry's own key says it too).
fn own_file_key() -> u64 {
    let mut h = Hash64::new();
    h.write_field(env!("CARGO_PKG_VERSION").as_bytes());
    h.write_field(env!("DOSSIER_ANALYSIS_FINGERPRINT").as_bytes());
    h.finish()
}

/// The per-article entries, when the file is whole and current.
fn read_own(file: &Path, limit: u64) -> Result<Vec<(u64, OwnStages)>, Invalid> {
    let payload = read_framed(file, MAGIC_OWN, own_file_key(), limit)?;
    postcard::from_bytes(&payload).map_err(|e| Invalid::Corrupt(format!("undecodable: {e}")))
}

/// The largest cache file read for `corpus`: an analysis is a few times its
/// text, so a file far larger (a device, a file filled by something else)
/// is refused before it is read, never read without end.
fn read_limit(corpus: &Corpus) -> u64 {
    let text: u64 = corpus.articles.iter().map(|a| a.body.len() as u64).sum();
    text.saturating_mul(64).saturating_add(64 << 20)
}

/// The analysis of `corpus`, from the default cache when it is valid there,
/// else computed (with `progress(done, total)`) and stored.
pub fn load_or_analyze(
    corpus: &Corpus,
    settings: &Settings,
    progress: impl Fn(usize, usize) + Sync,
) -> Analysis {
    match Cache::from_env() {
        Some(cache) => cache.load_or_analyze(corpus, settings, progress).0,
        None => Analysis::run_with_progress(corpus, settings, progress),
    }
}

/// The key of a corpus state: every input the analysis depends on.
pub fn key(corpus: &Corpus, settings: &Settings) -> u64 {
    let mut h = Hash64::new();
    h.write_field(env!("CARGO_PKG_VERSION").as_bytes());
    // the rules change between builds of one version
    h.write_field(env!("DOSSIER_ANALYSIS_FINGERPRINT").as_bytes());
    h.write_field(format!("{settings:?}").as_bytes());
    h.write_field(&(corpus.articles.len() as u64).to_le_bytes());
    for a in &corpus.articles {
        h.write_field(a.id.as_bytes());
        h.write_field(format!("{:?}", a.meta).as_bytes());
        h.write_field(a.body.as_bytes());
    }
    h.finish()
}

enum Invalid {
    Missing,
    Stale,
    Corrupt(String),
}

/// An analysis from a payload of the analysis file.
fn decode(payload: &[u8]) -> Result<Analysis, Invalid> {
    postcard::from_bytes(payload).map_err(|e| Invalid::Corrupt(format!("undecodable: {e}")))
}

/// The payload of a file written by [`framed`], when its magic, format and
/// key are the expected ones and its length and checksum hold.
fn read_framed(file: &Path, magic: &[u8; 8], key: u64, limit: u64) -> Result<Vec<u8>, Invalid> {
    match read_frame(file, magic, limit)? {
        (k, payload) if k == key => Ok(payload),
        _ => Err(Invalid::Stale),
    }
}

/// The key and payload of a file written by [`framed`], when its magic and
/// format are the expected ones and its length and checksum hold.
fn read_frame(file: &Path, magic: &[u8; 8], limit: u64) -> Result<(u64, Vec<u8>), Invalid> {
    let mut bytes = match crate::fsio::read_regular(file, limit) {
        Ok(b) => b,
        Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
            return Err(Invalid::Missing)
        }
        Err(e) => return Err(Invalid::Corrupt(e.to_string())),
    };
    let corrupt = |why: &str| Invalid::Corrupt(why.to_string());
    if bytes.len() < HEADER_LEN || &bytes[..8] != magic {
        return Err(corrupt("not a dossier cache file"));
    }
    let u32_at =
        |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let u64_at = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&bytes[i..i + 8]);
        u64::from_le_bytes(b)
    };
    if u32_at(8) != FORMAT {
        return Err(Invalid::Stale);
    }
    let key = u64_at(12);
    let (len, sum) = (u64_at(20), u64_at(28));
    let payload = &bytes[HEADER_LEN..];
    if len != payload.len() as u64 {
        return Err(corrupt("truncated"));
    }
    if sum != checksum(payload) {
        return Err(corrupt("checksum mismatch"));
    }
    bytes.drain(..HEADER_LEN);
    Ok((key, bytes))
}

/// Magic, format, key, payload length, checksum, payload.
fn framed(magic: &[u8; 8], key: u64, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = Hash64::new();
    h.write(bytes);
    h.finish()
}

/// A fast, stable 64-bit hash (eight bytes a step, then a `SplitMix` finish).
/// Not cryptographic: it guards against accidents, not adversaries, and its
/// output must never change between builds, which rules out std's hasher.
#[derive(Debug, Clone)]
struct Hash64 {
    h: u64,
    len: u64,
}

impl Hash64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    fn new() -> Self {
        Self {
            h: 0x243F_6A88_85A3_08D3,
            len: 0,
        }
    }

    fn mix(&mut self, v: u64) {
        self.h = (self.h ^ v).wrapping_mul(Self::K).rotate_left(29);
    }

    fn write(&mut self, bytes: &[u8]) {
        self.len = self.len.wrapping_add(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.mix(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    /// Writes a length-prefixed field, so that ("ab","c") ≠ ("a","bc").
    fn write_field(&mut self, bytes: &[u8]) {
        self.mix(bytes.len() as u64);
        self.write(bytes);
    }

    fn finish(&self) -> u64 {
        let mut z = self.h ^ self.len.wrapping_mul(Self::K);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Damages a file's last byte, as a torn or corrupted write would.
    pub(super) fn flip_last_byte(file: &Path) -> Vec<u8> {
        let mut bytes = fs::read(file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0x55;
        fs::write(file, &bytes).unwrap();
        bytes
    }

    fn setup() -> (tempfile::TempDir, tempfile::TempDir) {
        let corpus = tempfile::tempdir().unwrap();
        crate::generate::generate(corpus.path(), 12, 42).unwrap();
        (corpus, tempfile::tempdir().unwrap())
    }

    #[test]
    fn second_open_is_a_hit_with_the_same_analysis() {
        let (dir, cache_dir) = setup();
        let cache = Cache::at(cache_dir.path());
        let corpus = Corpus::load(dir.path()).unwrap();
        let settings = Settings::default();
        let (first, outcome) = cache.load_or_analyze(&corpus, &settings, |_, _| {});
        assert_eq!(outcome, Outcome::Miss);
        assert!(cache.file_for(dir.path()).exists());
        let calls = AtomicUsize::new(0);
        let (second, outcome) = cache.load_or_analyze(&corpus, &settings, |_, _| {
            calls.fetch_add(1, Ordering::Relaxed);
        });
        assert_eq!(outcome, Outcome::Hit);
        assert_eq!(calls.load(Ordering::Relaxed), 0, "a hit analyses nothing");
        assert_eq!(first, second);
        assert_eq!(second, Analysis::run(&corpus, &settings));
    }

    #[test]
    fn changed_file_is_stale_and_reanalysed_with_progress() {
        let (dir, cache_dir) = setup();
        let cache = Cache::at(cache_dir.path());
        let settings = Settings::default();
        let corpus = Corpus::load(dir.path()).unwrap();
        cache.load_or_analyze(&corpus, &settings, |_, _| {});
        let path = dir.path().join("article-000003.md");
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            text + "\nA new closing sentence was added here. And another.\n",
        )
        .unwrap();
        let changed = Corpus::load(dir.path()).unwrap();
        let last = AtomicUsize::new(0);
        let (analysis, outcome) = cache.load_or_analyze(&changed, &settings, |done, total| {
            assert!(done <= total);
            last.fetch_max(done, Ordering::Relaxed);
        });
        assert_eq!(outcome, Outcome::Stale);
        assert_eq!(last.load(Ordering::Relaxed), changed.articles.len() + 2);
        assert_eq!(analysis, Analysis::run(&changed, &settings));
        assert_ne!(key(&corpus, &settings), key(&changed, &settings));
        // and the rebuilt file serves the next open
        let (_, outcome) = cache.load_or_analyze(&changed, &settings, |_, _| {});
        assert_eq!(outcome, Outcome::Hit);
    }

    #[test]
    fn stored_analysis_is_served() {
        let (dir, cache_dir) = setup();
        let cache = Cache::at(cache_dir.path());
        let settings = Settings::default();
        let corpus = Corpus::load(dir.path()).unwrap();
        let analysis = Analysis::run(&corpus, &settings);
        cache.store(&corpus, &settings, &analysis).unwrap();
        let (read, outcome) = cache.load_or_analyze(&corpus, &settings, |_, _| {});
        assert_eq!(outcome, Outcome::Hit);
        assert_eq!(read, analysis);
    }

    #[test]
    fn changed_settings_are_stale() {
        let (dir, cache_dir) = setup();
        let cache = Cache::at(cache_dir.path());
        let corpus = Corpus::load(dir.path()).unwrap();
        cache.load_or_analyze(&corpus, &Settings::default(), |_, _| {});
        let mut settings = Settings::default();
        settings.links.threshold += 0.1;
        let (_, outcome) = cache.load_or_analyze(&corpus, &settings, |_, _| {});
        assert_eq!(outcome, Outcome::Stale);
    }

    #[test]
    fn corrupt_file_is_detected_and_rebuilt() {
        let (dir, cache_dir) = setup();
        let cache = Cache::at(cache_dir.path());
        let settings = Settings::default();
        let corpus = Corpus::load(dir.path()).unwrap();
        let (good, _) = cache.load_or_analyze(&corpus, &settings, |_, _| {});
        let file = cache.file_for(dir.path());
        let bytes = flip_last_byte(&file);
        let (analysis, outcome) = cache.load_or_analyze(&corpus, &settings, |_, _| {});
        assert_eq!(outcome, Outcome::Corrupt("checksum mismatch".into()));
        assert_eq!(analysis, good);
        assert_eq!(
            cache.load_or_analyze(&corpus, &settings, |_, _| {}).1,
            Outcome::Hit
        );
        // truncated, and not a cache file at all
        fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
        let (_, outcome) = cache.load_or_analyze(&corpus, &settings, |_, _| {});
        assert_eq!(outcome, Outcome::Corrupt("truncated".into()));
        fs::write(&file, b"garbage").unwrap();
        let (analysis, outcome) = cache.load_or_analyze(&corpus, &settings, |_, _| {});
        assert!(matches!(outcome, Outcome::Corrupt(_)));
        assert_eq!(analysis, good);
    }

    #[test]
    fn unwritable_cache_still_analyses() {
        let (dir, cache_dir) = setup();
        // a file where the cache folder should be
        let blocker = cache_dir.path().join("blocked");
        fs::write(&blocker, b"x").unwrap();
        let cache = Cache::at(&blocker);
        let corpus = Corpus::load(dir.path()).unwrap();
        let (analysis, outcome) = cache.load_or_analyze(&corpus, &Settings::default(), |_, _| {});
        assert!(matches!(outcome, Outcome::Miss | Outcome::Corrupt(_)));
        assert_eq!(analysis.articles.len(), corpus.articles.len());
    }

    #[test]
    fn adding_an_article_reuses_the_others_own_stages() {
        let (dir, cache_dir) = setup();
        let cache = Cache::at(cache_dir.path());
        let settings = Settings::default();
        let corpus = Corpus::load(dir.path()).unwrap();
        let (_, outcome, reuse) = cache.load_or_analyze_reusing(&corpus, &settings, |_, _| {});
        assert_eq!(outcome, Outcome::Miss);
        assert_eq!(
            reuse,
            Reuse {
                reused: 0,
                analysed: 12
            }
        );
        assert!(cache.own_file_for(dir.path()).exists());
        fs::write(
            dir.path().join("new-one.md"),
            "+++\ntitle = \"New\"\npublished = \"2016-05-17\"\n+++\n\nA new article arrived on Monday. It names Shinzo Abe.\n",
        )
        .unwrap();
        let grown = Corpus::load(dir.path()).unwrap();
        let last = AtomicUsize::new(0);
        let (analysis, outcome, reuse) =
            cache.load_or_analyze_reusing(&grown, &settings, |done, total| {
                assert!(done <= total);
                last.fetch_max(done, Ordering::Relaxed);
            });
        assert_eq!(outcome, Outcome::Stale);
        assert_eq!(
            reuse,
            Reuse {
                reused: 12,
                analysed: 1
            }
        );
        assert_eq!(last.load(Ordering::Relaxed), grown.articles.len() + 2);
        assert_eq!(analysis, Analysis::run(&grown, &settings));
        // an edited article is analysed again, the rest reused
        let path = dir.path().join("article-000003.md");
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text + "\nOne more sentence on 3 March 2017.\n").unwrap();
        let edited = Corpus::load(dir.path()).unwrap();
        let (analysis, _, reuse) = cache.load_or_analyze_reusing(&edited, &settings, |_, _| {});
        assert_eq!(
            reuse,
            Reuse {
                reused: 12,
                analysed: 1
            }
        );
        assert_eq!(analysis, Analysis::run(&edited, &settings));
    }

    #[test]
    fn a_damaged_per_article_file_is_not_trusted() {
        let (dir, cache_dir) = setup();
        let cache = Cache::at(cache_dir.path());
        let settings = Settings::default();
        let corpus = Corpus::load(dir.path()).unwrap();
        cache.load_or_analyze(&corpus, &settings, |_, _| {});
        let own = cache.own_file_for(dir.path());
        flip_last_byte(&own);
        // the analysis file is gone: only the damaged per-article file is left
        fs::remove_file(cache.file_for(dir.path())).unwrap();
        let (analysis, outcome, reuse) =
            cache.load_or_analyze_reusing(&corpus, &settings, |_, _| {});
        assert_eq!(outcome, Outcome::Miss);
        assert_eq!(reuse.reused, 0);
        assert_eq!(analysis, Analysis::run(&corpus, &settings));
        assert!(matches!(
            read_own(&own, u64::MAX),
            Ok(entries) if entries.len() == corpus.articles.len()
        ));
    }

    #[test]
    fn the_per_article_file_is_never_written_inside_the_corpus() {
        let (dir, _) = setup();
        let cache = Cache::at(dir.path().join(".cache"));
        let corpus = Corpus::load(dir.path()).unwrap();
        cache.load_or_analyze(&corpus, &Settings::default(), |_, _| {});
        assert!(!cache.own_file_for(dir.path()).exists());
        assert!(!cache.file_for(dir.path()).exists());
    }

    #[test]
    fn hash_separates_fields_and_is_stable() {
        let h = |parts: &[&str]| {
            let mut h = Hash64::new();
            for p in parts {
                h.write_field(p.as_bytes());
            }
            h.finish()
        };
        assert_ne!(h(&["ab", "c"]), h(&["a", "bc"]));
        assert_ne!(checksum(b"abcdefgh1"), checksum(b"abcdefgh2"));
        assert_eq!(checksum(b"dossier"), checksum(b"dossier"));
    }
}
