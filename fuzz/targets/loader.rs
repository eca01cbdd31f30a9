//! Fuzz the loader: arbitrary bytes as a `.md` and a `.txt` file through
//! `Article::from_bytes` (decoding, front matter or header, sanitising).
//! Nothing may panic, and every string that comes out must be safe to print.
//!
//! The check is `tests/fuzz_support`'s `loader`, which `tests/fuzz_regressions.rs`
//! also runs on every saved crash input.

#[path = "../../tests/fuzz_support/mod.rs"]
mod checks;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Err(e) = checks::loader(data) {
            panic!("{e}");
        }
    });
}
