//! score.py's matching rules, shared by the tests that score the analysis
//! against hand-written gold (`heldout.rs`, `dev_links.rs`).

// Each test binary uses its own part of this module.
#![allow(dead_code)]

/// score.py's `norm_name`: case-folded, possessive and punctuation removed,
/// a leading "the" dropped.
pub fn norm_name(s: &str) -> String {
    let s = s.to_lowercase().replace(['’', '‘'], "'");
    let s = s.replace("'s ", " ");
    let s = s.strip_suffix("'s").unwrap_or(&s).to_string();
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.strip_prefix("the ").map(str::to_string).unwrap_or(s)
}

/// score.py's `norm_text`: dashes and quotes unified, space collapsed, case-folded.
pub fn norm_text(s: &str) -> String {
    let s = s.replace(['’', '‘'], "'").replace(['–', '—'], "-");
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// F1 of counts of true positives, false positives and misses.
pub fn f1(tp: f64, fp: f64, fn_: f64) -> f64 {
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}
