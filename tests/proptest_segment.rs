//! Property tests for the sentence splitter on arbitrary text: spans are
//! ordered, disjoint, on character boundaries, cover every visible
//! character, and the same text always splits the same way.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod proptest_support;

use dossier::analysis::segment::{paragraphs, split};
use proptest::prelude::*;
use proptest_support::{any_text, config};

proptest! {
    #![proptest_config(config(2_000, "tests/proptest-regressions/segment.txt"))]

    #[test]
    fn spans_are_ordered_disjoint_and_cover_the_text(body in any_text(120)) {
        let sentences = split(&body);
        let mut last_end = 0;
        let mut last_paragraph = 0;
        let mut covered = vec![false; body.len()];
        for s in &sentences {
            prop_assert!(s.start < s.end && s.end <= body.len(), "{:?}", s);
            prop_assert!(body.is_char_boundary(s.start) && body.is_char_boundary(s.end));
            prop_assert!(s.start >= last_end, "overlap at {:?}", s);
            prop_assert!(s.paragraph >= last_paragraph);
            let text = s.text(&body);
            prop_assert_eq!(text.trim(), text, "sentences are trimmed");
            covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
            last_end = s.end;
            last_paragraph = s.paragraph;
        }
        for (i, c) in body.char_indices() {
            if !c.is_whitespace() {
                prop_assert!(covered[i], "{:?} at {} is in no sentence", c, i);
            }
        }
        prop_assert_eq!(split(&body), sentences);
    }

    #[test]
    fn paragraphs_are_trimmed_disjoint_spans(body in any_text(120)) {
        let mut last = 0;
        for p in paragraphs(&body) {
            prop_assert!(p.start >= last && p.start < p.end && p.end <= body.len());
            prop_assert!(body.is_char_boundary(p.start) && body.is_char_boundary(p.end));
            prop_assert_eq!(body[p.clone()].trim(), &body[p.clone()]);
            last = p.end;
        }
    }
}

/// A long line of terminators and abbreviations must split in linear time;
/// run it here at a size where quadratic work would be obvious (minutes).
#[test]
fn a_megabyte_of_terminators_splits() {
    for unit in [
        "a. ",
        "Mr. ",
        "U.S. ",
        "?! ",
        ". . ",
        "x.y.z. A ",
        "\u{201C}Yes.\u{201D} ",
    ] {
        let body = unit.repeat((1 << 20) / unit.len());
        let sentences = split(&body);
        assert!(!sentences.is_empty(), "{unit}");
        assert!(sentences.last().is_some_and(|s| s.end <= body.len()));
    }
    let word = "x".repeat(1 << 20) + ". Next.";
    assert_eq!(split(&word).len(), 2);
}
