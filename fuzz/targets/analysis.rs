//! Fuzz the analysis: arbitrary text split into up to four articles at
//! form feeds, then segmenting, dates, entities and links. Nothing may
//! panic, the invariants of `tests/proptest_support/invariants.rs` must hold,
//! and the same corpus must give the same analysis.
//!
//! The check is `tests/fuzz_support`'s `analysis`, which `tests/fuzz_regressions.rs`
//! also runs on every saved crash input.

#[path = "../../tests/fuzz_support/mod.rs"]
mod checks;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Err(e) = checks::analysis(data) {
            panic!("{e}");
        }
    });
}
