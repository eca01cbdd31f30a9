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
    // The analysis runs on rayon's global pool, whose threads would not
    // survive the fork server's fork: a child would wait for them forever
    // (every input large enough to go parallel was a "hang"). So the pool
    // is this thread alone, which also keeps each run on one core.
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .use_current_thread()
        .build_global()
        .expect("rayon's global pool, built first");
    // Once before the fork server starts, so that every child begins with
    // the lazily built tables (regexes, stemmers) ready: built in the first
    // run of each child, they would show as unstable coverage.
    let _ = checks::analysis(b"Mr. Abe met Vladimir Putin in Sochi on 6 May 2016.\x0cShinzo Abe visited Sochi in May 2016 to meet Putin.\n");
    afl::fuzz!(|data: &[u8]| {
        if let Err(e) = checks::analysis(data) {
            panic!("{e}");
        }
    });
}
