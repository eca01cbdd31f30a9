//! Fuzz the analysis: arbitrary text split into up to four articles at
//! form-feed bytes, then segmenting, dates, entities and links. Nothing may
//! panic, spans must stay on character boundaries inside their sentence and
//! article, and the same corpus must give the same analysis.
#![no_main]

use dossier::analysis::{Analysis, Settings};
use dossier::corpus::PartialDate;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/proptest_support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let bodies: Vec<(String, Option<PartialDate>)> = text
        .split('\u{0C}')
        .take(4)
        .enumerate()
        .map(|(i, b)| (b.to_string(), PartialDate::day(2016, 5, 10 + i as i8)))
        .collect();
    let corpus = invariants::corpus_of(&bodies);
    let settings = Settings::default();
    let analysis = Analysis::run(&corpus, &settings);
    if let Err(e) = invariants::check(&corpus, &analysis) {
        panic!("{e}");
    }
    assert!(Analysis::run(&corpus, &settings) == analysis, "not deterministic");
});
