//! Shared strategies for the property tests: text that looks like news
//! often enough to reach the rules (abbreviations, quotes, dates, names),
//! mixed with arbitrary Unicode and hostile bytes.
//!
//! Case counts: a modest default so that `cargo test` stays quick, raised by
//! `PROPTEST_CASES` for long runs (see `docs/fuzzing.md`).
#![allow(dead_code)]

pub mod invariants;

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};

/// A config with `default_cases` cases from a fixed seed unless
/// `PROPTEST_CASES` asks for a long random run, saving shrunk failures to `regressions` (a path from the
/// package root, replayed first on every run; commit it).
pub fn config(default_cases: u32, regressions: &'static str) -> Config {
    let mut c = Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(regressions))),
        ..Config::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        // A plain `cargo test` (and CI) replays the same cases every run, so
        // a red build always means a change broke something; long runs with
        // `PROPTEST_CASES` draw fresh cases to find new failures.
        c.cases = default_cases;
        c.rng_seed = RngSeed::Fixed(20_161_215);
    }
    c
}

/// Fragments that exercise the splitter's and the extractors' rules.
const FRAGMENTS: &[&str] = &[
    "The",
    "talks",
    "Mr.",
    "Dr.",
    "U.S.",
    "U.K.",
    "e.g.",
    "Jan.",
    "No.",
    "St.",
    "J.",
    "K. V.",
    "Paris",
    "Tokyo",
    "Moscow",
    "United Nations",
    "Prime Minister",
    "President",
    "Ltd.",
    "Inc.",
    "said",
    "met",
    "agreed",
    "on",
    "in",
    "of",
    "and",
    "17 May 2016",
    "May 2016",
    "2016",
    "in 2015",
    "last year",
    "next week",
    "on Monday",
    "yesterday",
    "the 1990s",
    "1 April",
    "2016-05-17",
    "3 p.m.",
    "2.5%",
    "$2.5bn",
    "€5",
    "£15",
    ".",
    ". ",
    "!",
    "?",
    "...",
    "…",
    "\"",
    "'",
    "\u{201C}",
    "\u{201D}",
    "\u{2019}",
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    "—",
    "-",
    ",",
    ";",
    ":",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "# ",
    "* ",
    "> ",
    "Été",
    "日本",
    "東京",
    "Москва",
    "مرحبا",
    "👩\u{200D}💻",
    "\u{0301}",
    "\u{200B}",
    "\u{202E}",
    "\u{2066}",
    "\u{FEFF}",
    "\u{00AD}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x1b]52;c;ZXZpbA==\x1b\\",
    "\x1bP",
    "\x1b",
    "\u{9b}",
    "\u{9d}",
    "\u{9c}",
    "\x07",
    "\0",
    "\x7f",
    "+++",
    "---",
    "=",
    "title = \"x\"",
    "published = \"2016-05\"",
];

/// A text of fragments and arbitrary characters.
pub fn newsy_text(max_parts: usize) -> impl Strategy<Value = String> {
    let part = prop_oneof![
        6 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => "[A-Z][a-z]{0,8}",
        2 => "[a-z]{1,8}",
        1 => "[0-9]{1,4}",
        1 => any::<char>().prop_map(String::from),
        1 => ".{0,6}",
    ];
    proptest::collection::vec(part, 0..max_parts).prop_map(|parts| {
        let mut s = String::new();
        for (i, p) in parts.iter().enumerate() {
            // mostly spaced, sometimes glued, as real text and broken text are
            if i > 0 && i % 3 != 0 {
                s.push(' ');
            }
            s.push_str(p);
        }
        s
    })
}

/// Arbitrary Unicode or newsy text, half and half.
pub fn any_text(max_parts: usize) -> impl Strategy<Value = String> {
    prop_oneof![newsy_text(max_parts), any::<String>()]
}

/// Raw file contents: text in several encodings, or arbitrary bytes.
pub fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => newsy_text(60).prop_map(String::into_bytes),
        1 => newsy_text(30).prop_map(|s| {
            let mut b = vec![0xFF, 0xFE];
            b.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
            b
        }),
        1 => newsy_text(30).prop_map(|s| {
            let mut b = vec![0xEF, 0xBB, 0xBF];
            b.extend(s.into_bytes());
            b
        }),
        1 => newsy_text(30).prop_map(|s| s.encode_utf16().flat_map(u16::to_be_bytes).collect()),
        1 => proptest::collection::vec(any::<u8>(), 0..400),
        1 => (newsy_text(20), proptest::collection::vec(128u8.., 1..5))
            .prop_map(|(s, bad)| {
                let mut b = s.into_bytes();
                let at = b.len() / 2;
                b.splice(at..at, bad);
                b
            }),
        1 => (newsy_text(10), newsy_text(30)).prop_map(|(fm, body)| {
            format!("+++\ntitle = {fm:?}\n{fm}\n+++\n{body}").into_bytes()
        }),
    ]
}
