//! Reading files that may not be what their names say. A path checked to be
//! a regular file can be swapped for a FIFO before it is opened (the open
//! would then wait for a writer forever), and a device such as `/dev/zero`
//! never ends. Every file dossier reads — articles, configuration, cache,
//! reading state — is opened here: without blocking, checked on the opened
//! handle (not the path), and read with a bound. Every file it writes (cache,
//! reading state) is written beside and renamed, and the leftovers of a
//! killed writer are cleared on the next start.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A FIFO, a device or a socket, seen on the opened handle.
    NotRegular,
    /// A folder.
    Folder,
    /// Larger than the bound (its size, or at least the bytes read).
    TooBig {
        /// The size found.
        size: u64,
        /// The bound.
        limit: u64,
    },
    /// The file could not be opened or read.
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotRegular => f.write_str("not a regular file"),
            Self::Folder => f.write_str("is a folder, not a file"),
            Self::TooBig { size, limit } => {
                write!(f, "{size} bytes is over the limit of {limit} bytes")
            }
            Self::Io(e) => f.write_str(&crate::error::io_reason(e)),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// Opens `path` for reading without waiting on a FIFO or claiming a
/// terminal, and checks that what was opened is a regular file.
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // a regular file reads the same with O_NONBLOCK; a FIFO opens at
        // once instead of waiting for a writer, and is refused below
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_dir() {
        return Err(ReadError::Folder);
    }
    if !kind.is_file() {
        return Err(ReadError::NotRegular);
    }
    Ok(file)
}

/// Reads a whole regular file of at most `limit` bytes. A file that grows
/// while it is read, or lies about its size, is cut off at `limit + 1`
/// bytes and refused, so memory stays bounded.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(ReadError::TooBig { size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(ReadError::TooBig { size: read, limit });
    }
    Ok(bytes)
}

/// Whether `path` is `root` or lies below it, following symbolic links
/// where the paths exist.
pub fn is_inside(path: &Path, root: &Path) -> bool {
    let root = real(root);
    let path = match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => real(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
        .join(name),
        _ => real(path),
    };
    path.starts_with(&root)
}

/// The canonical form of a path when it exists, else an absolute path with
/// `.` and `..` resolved lexically.
fn real(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `bytes` to `path` through a temporary file in the same folder
/// and a rename, so readers see the old file or the new one, never half.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let (tmp, mut file) = (0..1000)
        .find_map(|attempt| {
            let tmp = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
            {
                Ok(f) => Some(Ok((tmp, f))),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
                Err(e) => Some(Err(e)),
            }
        })
        .unwrap_or_else(|| {
            Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "no free temporary file name",
            ))
        })?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            std::fs::rename(&tmp, path)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Removes the temporary files that [`write_atomic`] left beside `path`
/// when its process was killed mid-write (`.NAME.PID.N.tmp`): those of
/// processes that no longer run (on Linux, no `/proc/PID`), or, where that
/// cannot be told, older than a day. Returns how many were removed.
pub fn remove_stale_temps(path: &Path) -> usize {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return 0;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|rest| rest.split('.').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() || !is_stale(pid, &entry) {
            continue;
        }
        if std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

fn is_stale(pid: u32, entry: &std::fs::DirEntry) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return !proc.join(pid.to_string()).exists();
    }
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(24 * 3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_reads_whole_and_a_big_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "twelve bytes").unwrap();
        assert_eq!(read_regular(&path, 12).unwrap(), b"twelve bytes");
        assert!(matches!(
            read_regular(&path, 11),
            Err(ReadError::TooBig {
                size: 12,
                limit: 11
            })
        ));
    }

    #[test]
    fn folders_and_missing_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(ReadError::Folder)
        ));
        let missing = read_regular(&dir.path().join("nope"), 100).unwrap_err();
        assert_eq!(missing.to_string(), "no such file or folder");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_device_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // with no writer, a blocking open would never return
            assert!(matches!(
                read_regular(&fifo, 100),
                Err(ReadError::NotRegular)
            ));
        }
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 100),
            Err(ReadError::NotRegular)
        ));
    }
}
