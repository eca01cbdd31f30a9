//! Property tests for the sanitiser: whatever comes in, nothing unsafe comes
//! out, cleaning twice changes nothing, and only unsafe text is touched.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod proptest_support;

use dossier::text::sanitize::{clean_line, clean_text, is_unsafe};
use proptest::prelude::*;
use proptest_support::{any_text, config};
use std::borrow::Cow;

/// Whether `small` appears in `big` in order (not necessarily contiguous).
fn is_subsequence(small: impl Iterator<Item = char>, big: &str) -> bool {
    let mut big = big.chars();
    small.into_iter().all(|c| big.any(|b| b == c))
}

proptest! {
    #![proptest_config(config(2_000, "tests/proptest-regressions/sanitize.txt"))]

    #[test]
    fn text_output_is_safe_and_idempotent(s in any_text(80)) {
        let (once, _) = clean_text(&s);
        prop_assert!(!once.chars().any(|c| c != '\n' && is_unsafe(c)), "{:?}", once);
        let (twice, report) = clean_text(&once);
        prop_assert_eq!(&twice, &once);
        prop_assert!(report.is_clean());
        prop_assert!(matches!(twice, Cow::Borrowed(_)));
    }

    #[test]
    fn line_output_is_safe_single_line_and_idempotent(s in any_text(80)) {
        let once = clean_line(&s);
        prop_assert!(!once.chars().any(is_unsafe), "{:?}", once);
        prop_assert!(!once.contains('\n'));
        prop_assert_eq!(clean_line(&once), once.clone());
    }

    #[test]
    fn only_removes_or_replaces_with_white_space(s in any_text(80)) {
        let (out, _) = clean_text(&s);
        let kept = out.chars().filter(|&c| c != ' ' && c != '\n');
        prop_assert!(is_subsequence(kept, &s));
    }

    #[test]
    fn safe_text_is_untouched_and_not_copied(s in "[\\PC\n]{0,200}") {
        // no control characters but newlines (`\PC`); still, the invisible
        // ones and tags may be present, so only assert when none are
        let plain = !s.chars().any(|c| (c != '\n' && is_unsafe(c)) || ('\u{E0000}'..='\u{E007F}').contains(&c));
        if plain {
            let (out, report) = clean_text(&s);
            prop_assert!(matches!(out, Cow::Borrowed(_)));
            prop_assert!(report.is_clean());
        }
    }
}
