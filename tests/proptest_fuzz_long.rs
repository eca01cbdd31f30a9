//! A time-bounded fuzz loop over the loader and the analysis, for machines
//! without AFL++ (`scripts/fuzz.sh`): the same strategies as the property
//! tests, fresh random seeds, until the time is up. Ignored by default; run
//! with
//!
//! ```text
//! DOSSIER_FUZZ_SECONDS=600 cargo test --release --test proptest_fuzz_long -- --ignored --nocapture
//! ```
//!
//! A failure prints the shrunk input; add it to a regular property test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod proptest_support;

use dossier::analysis::{Analysis, Settings};
use dossier::corpus::{Article, PartialDate};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use proptest_support::{any_text, file_bytes, invariants};
use std::path::Path;
use std::time::{Duration, Instant};

fn budget() -> Duration {
    let secs = std::env::var("DOSSIER_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    Duration::from_secs(secs)
}

/// Runs `test` on `strategy` in rounds of fresh seeds until `budget` is
/// spent; returns the number of cases tried.
fn run_for<S: Strategy>(
    name: &str,
    budget: Duration,
    strategy: &S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> u64 {
    let start = Instant::now();
    let mut cases = 0u64;
    while start.elapsed() < budget {
        let config = Config {
            cases: 500,
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        if let Err(e) = runner.run(strategy, &test) {
            panic!("{name}: {e}");
        }
        cases += 500;
    }
    println!("{name}: {cases} cases in {:.0?}", start.elapsed());
    cases
}

#[test]
#[ignore = "long-running fuzz loop; see the module docs"]
fn fuzz_loader_and_analysis() {
    let half = budget() / 2;
    run_for("loader", half, &file_bytes(), |bytes| {
        for name in ["f.md", "f.txt"] {
            if let Ok(a) = Article::from_bytes(Path::new(name), bytes.clone()) {
                invariants::check_safe("body", &a.body, true).map_err(TestCaseError::fail)?;
                invariants::check_safe("title", &a.meta.title, false)
                    .map_err(TestCaseError::fail)?;
                for w in &a.warnings {
                    invariants::check_safe("warning", w, false).map_err(TestCaseError::fail)?;
                }
            }
        }
        Ok(())
    });
    let corpora = proptest::collection::vec(
        (
            any_text(200),
            proptest::option::of((1990i16..2030, 1i8..13, 1i8..29)),
        ),
        1..5,
    );
    run_for("analysis", half, &corpora, |bodies| {
        let bodies: Vec<(String, Option<PartialDate>)> = bodies
            .into_iter()
            .map(|(b, d)| (b, d.and_then(|(y, m, d)| PartialDate::day(y, m, d))))
            .collect();
        let corpus = invariants::corpus_of(&bodies);
        let analysis = Analysis::run(&corpus, &Settings::default());
        invariants::check(&corpus, &analysis).map_err(TestCaseError::fail)?;
        prop_assert_eq!(Analysis::run(&corpus, &Settings::default()), analysis);
        Ok(())
    });
}
