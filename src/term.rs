//! The terminal: raw mode and the alternate screen, restored on every exit
//! path, and the event loop.

use crate::config::Config;
use std::path::Path;

/// Opens the reader on a folder.
pub fn run(dir: &Path, config: Config) -> anyhow::Result<()> {
    let _ = (dir, config);
    anyhow::bail!("the reader is not built yet")
}
