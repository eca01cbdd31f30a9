//! Fuzz the configuration: arbitrary bytes as a user's `config.toml`
//! through `Config::from_toml`. Nothing may panic, an error must name a line
//! and column inside the text, and its message must hold no control character.
//!
//! The check is `tests/fuzz_support`'s `config`, which `tests/fuzz_regressions.rs`
//! also runs on every saved crash input.

#[path = "../../tests/fuzz_support/mod.rs"]
mod checks;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Err(e) = checks::config(data) {
            panic!("{e}");
        }
    });
}
