//! Fuzz the loader: arbitrary bytes as a `.md` and a `.txt` file through
//! `Article::from_bytes` (decoding, front matter or header, sanitising).
//! Nothing may panic, and every string that comes out must be safe to print.
//!
//! The check is `tests/fuzz_support`'s `loader`, which `tests/fuzz_regressions.rs`
//! also runs on every saved crash input.

#[path = "../../tests/fuzz_support/mod.rs"]
mod checks;

fn main() {
    // Once before the fork server starts, so that every child begins with
    // the lazily built tables (regexes, stemmers) ready: built in the first
    // run of each child, they would show as unstable coverage.
    let _ = checks::loader(b"+++\ntitle = \"Warm up\"\npublished = 2016-05-10\n+++\nMr. Abe met Vladimir Putin in Sochi on 6 May 2016.\n");
    afl::fuzz!(|data: &[u8]| {
        if let Err(e) = checks::loader(data) {
            panic!("{e}");
        }
    });
}
