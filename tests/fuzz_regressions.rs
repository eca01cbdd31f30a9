//! The inputs that made an AFL++ fuzz target fail, replayed on every
//! `cargo test`: each file under `tests/fuzz-regressions/<target>/` goes
//! through the same check as the target (`tests/fuzz_support`), so a crash
//! once fixed stays fixed. No AFL++ and no fuzz build is needed.
//!
//! To add one: copy the crash file from `target/fuzz/<target>/default/crashes/`
//! into `tests/fuzz-regressions/<target>/` under a name that says what it is
//! (see docs/fuzzing.md).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod fuzz_support;

use fuzz_support::Check;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Runs `check` on every file of `files`; returns how many passed, or the
/// failures (an `Err` or a panic), one line each.
fn replay(check: Check, files: &[PathBuf]) -> Result<usize, String> {
    let mut failures = Vec::new();
    for path in files {
        let data = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        match panic::catch_unwind(AssertUnwindSafe(|| check(&data))) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failures.push(format!("{}: {e}", path.display())),
            Err(_) => failures.push(format!("{}: panicked (see above)", path.display())),
        }
    }
    if failures.is_empty() {
        Ok(files.len())
    } else {
        Err(failures.join("\n"))
    }
}

/// The regular files of a folder, sorted; none when it does not exist.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a readable folder").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn check_regressions(target: &str) {
    let (_, check) = fuzz_support::TARGETS
        .into_iter()
        .find(|(name, _)| *name == target)
        .expect("a fuzz target");
    let files = files_in(&repo(&format!("tests/fuzz-regressions/{target}")));
    match replay(check, &files) {
        Ok(n) => println!("{target}: {n} saved inputs pass"),
        Err(failures) => panic!("{target}:\n{failures}"),
    }
}

#[test]
fn loader_regressions_pass() {
    check_regressions("loader");
}

#[test]
fn analysis_regressions_pass() {
    check_regressions("analysis");
}

#[test]
fn config_regressions_pass() {
    check_regressions("config");
}

/// The checks themselves hold on the seeds `scripts/fuzz.sh` starts from
/// (so a failure while fuzzing is the input's, not the check's).
#[test]
fn seeds_pass_the_checks() {
    let mut articles = files_in(&repo("content"));
    articles.extend(files_in(&repo("tests/hostile")));
    articles.extend(files_in(&repo("tests/hostile/nested/deeper")));
    let mut configs = vec![repo("config.toml")];
    configs.extend(files_in(&repo("tests/configs/valid")));
    configs.extend(files_in(&repo("tests/configs/invalid")));
    assert!(articles.len() > 20 && configs.len() > 10);
    for (check, files) in [
        (fuzz_support::loader as Check, &articles),
        (fuzz_support::analysis, &articles),
        (fuzz_support::config, &configs),
    ] {
        if let Err(failures) = replay(check, files) {
            panic!("{failures}");
        }
    }
}
