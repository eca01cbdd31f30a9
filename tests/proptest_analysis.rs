//! Property tests for the whole analysis on small corpora of arbitrary text:
//! no panic, every span on a character boundary inside its article and its
//! sentence, every index valid, the same corpus always analysed the same
//! way, and the JSON export free of control characters.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod proptest_support;

use dossier::analysis::{Analysis, Settings};
use dossier::corpus::{Corpus, PartialDate};
use dossier::text::sanitize::is_unsafe;
use proptest::prelude::*;
use proptest_support::{any_text, config, file_bytes, invariants, newsy_text};

/// The shared invariants, as a property-test failure.
fn check(corpus: &Corpus, analysis: &Analysis) -> Result<(), TestCaseError> {
    invariants::check(corpus, analysis).map_err(TestCaseError::fail)
}

fn date() -> impl Strategy<Value = Option<PartialDate>> {
    prop_oneof![
        Just(None),
        (1990i16..2030, 1i8..13, 1i8..29).prop_map(|(y, m, d)| PartialDate::day(y, m, d)),
        (1990i16..2030).prop_map(|y| Some(PartialDate::year(y))),
    ]
}

proptest! {
    #![proptest_config(config(300, "tests/proptest-regressions/analysis.txt"))]

    #[test]
    fn analysis_of_arbitrary_text_keeps_its_invariants(
        bodies in proptest::collection::vec((any_text(150), date()), 1..5),
    ) {
        let corpus = invariants::corpus_of(&bodies);
        let settings = Settings::default();
        let analysis = Analysis::run(&corpus, &settings);
        check(&corpus, &analysis)?;
        prop_assert_eq!(Analysis::run(&corpus, &settings), analysis, "deterministic");
    }

    #[test]
    fn related_newsy_articles_keep_their_invariants(
        shared in newsy_text(40),
        bodies in proptest::collection::vec((newsy_text(80), date()), 2..5),
    ) {
        // a shared passage gives the linker something to link
        let bodies: Vec<_> = bodies
            .into_iter()
            .map(|(b, d)| (format!("{b}\n\n{shared}"), d))
            .collect();
        let corpus = invariants::corpus_of(&bodies);
        let analysis = Analysis::run(&corpus, &Settings::default());
        check(&corpus, &analysis)?;
    }
}

proptest! {
    #![proptest_config(config(40, "tests/proptest-regressions/analysis.txt"))]

    /// Through the real loader: arbitrary bytes in files of a temporary folder.
    #[test]
    fn loading_and_analysing_arbitrary_files(
        files in proptest::collection::vec(
            (file_bytes(), prop::sample::select(vec!["md", "txt"])), 1..5),
    ) {
        let tmp = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (i, (bytes, ext)) in files.iter().enumerate() {
            std::fs::write(tmp.path().join(format!("f{i}.{ext}")), bytes)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        match Corpus::load(tmp.path()) {
            Ok(corpus) => {
                prop_assert_eq!(corpus.articles.len() + corpus.problems.iter().filter(|p| p.skipped).count(), files.len());
                for a in &corpus.articles {
                    prop_assert!(!a.body.chars().any(|c| c != '\n' && is_unsafe(c)));
                    prop_assert!(!a.meta.title.chars().any(is_unsafe));
                }
                for p in &corpus.problems {
                    prop_assert!(!p.to_string().chars().any(is_unsafe), "{}", p);
                }
                let analysis = Analysis::run(&corpus, &Settings::default());
                check(&corpus, &analysis)?;
                let again = Corpus::load(tmp.path()).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(Analysis::run(&again, &Settings::default()), analysis);
            }
            // only when every file was refused (binary)
            Err(e) => prop_assert!(e.to_string().contains("no articles"), "{}", e),
        }
    }
}
