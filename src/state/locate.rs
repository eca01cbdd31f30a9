//! Where the state file lives, and the copy published for the exits that
//! cannot reach the app (a panic, a signal).

use super::*;

/// The session's reading state as the UI thread last published it, for
/// the exits that cannot reach the app: a panic on that thread, or a
/// signal while it is stuck reading a terminal that is gone. Publishing
/// copies only what the session changed.
#[derive(Debug, Clone)]
pub struct Published {
    path: PathBuf,
    pub(super) copy: Arc<Mutex<Option<ReadingState>>>,
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
