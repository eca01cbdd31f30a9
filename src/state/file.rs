//! The state file on disk: reading and parsing it (what is not understood
//! is kept aside), and the lock that serialises saves.

use super::*;

/// What was read of the file.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub(super) articles: BTreeMap<String, ArticleState>,
    pub(super) folders: BTreeMap<String, FolderState>,
    /// A warning: the file was not understood in full (and where it went).
    pub(super) note: Option<String>,
    /// The file was moved aside: what was read of it is to be written back.
    pub(super) rewrite: bool,
    /// Why the file must not be written over.
    pub(super) refused: Option<String>,
}

/// Reads the state file. One not understood in full is moved aside when
/// `may_move` (the caller holds the lock), else it is left and refused.
pub(super) fn read_file(path: &Path, may_move: bool) -> Found {
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
pub(super) fn with_lock<T>(path: &Path, f: impl FnOnce() -> T) -> io::Result<T> {
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
