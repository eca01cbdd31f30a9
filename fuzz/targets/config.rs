//! Fuzz the configuration: arbitrary bytes as a user's `config.toml`
//! through `Config::from_toml`. Nothing may panic, an error must name a line
//! and column inside the text, its message must hold no control character,
//! and a configuration that loads must print one that loads too.
//!
//! The check is `tests/fuzz_support`'s `config`, which `tests/fuzz_regressions.rs`
//! also runs on every saved crash input.

#[path = "../../tests/fuzz_support/mod.rs"]
mod checks;

fn main() {
    // Once before the fork server starts, so that every child begins with
    // the lazily built tables (regexes, stemmers) ready: built in the first
    // run of each child, they would show as unstable coverage.
    let _ = checks::config(dossier::config::DEFAULT_TOML.as_bytes());
    afl::fuzz!(|data: &[u8]| {
        if let Err(e) = checks::config(data) {
            panic!("{e}");
        }
    });
}
